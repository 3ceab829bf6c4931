internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKGroth16
internal import ZKSolidity

/// `zkml calldata --proof proof.json --public public.json [--json]`: the verifier call's arguments.
struct CalldataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calldata",
        abstract: "Print the arguments of the verifier's verifyProof call for a proof.",
        discussion: """
        Without --json: the ABI-encoded call data (selector and arguments) as 0x-prefixed hex, for
        `cast call VERIFIER 0x…` or a raw eth_call. With --json: [a, b, c, pubSignals] as nested
        arrays of decimal strings in the order the contract takes them (b imaginary part first).
        A proof with a commitment round (pi_commitment, circuits with lookups) is for
        verifyProof(a, b, c, commitment, pubSignals): the commitment comes before the signals.
        Examples:
          zkml calldata --proof proof.json --public public.json
          zkml calldata --proof proof.json --public public.json --json
        Exit code 0 on success, 2 for a usage or file error.
        """
    )

    @Option(help: "The proof (snarkjs proof.json layout). Required.")
    var proof: String?

    @Option(name: .customLong("public"), help: "The public signals (snarkjs public.json layout). Required.")
    var publicSignals: String?

    @Flag(help: "Print [a, b, c, pubSignals] ([a, b, c, commitment, pubSignals] with a commitment round) as JSON instead of ABI-encoded hex.")
    var json = false

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        try EVMCommandFailure.exitOnFailure(body)
    }

    private func body() throws {
        guard let proof else { throw EVMCommandFailure.usage("missing --proof FILE") }
        guard let publicSignals else { throw EVMCommandFailure.usage("missing --public FILE") }
        do {
            let parsedProof = try SnarkJSON.proof(from: try EVMCommandFailure.read(proof), path: proof)
            let signals = try SnarkJSON.publicSignals(from: try EVMCommandFailure.read(publicSignals), path: publicSignals)
            let calldata = try VerifierCalldata(proof: parsedProof, publicSignals: signals)
            print(json ? calldata.json : calldata.hex)
        } catch let error as SolidityError {
            throw EVMCommandFailure.file(module: "solidity", "\(publicSignals): \(error.description)")
        } catch let error as Groth16Error {
            if case .publicSignalNotInField = error {
                throw EVMCommandFailure.file(module: "groth16", "\(publicSignals): \(error.description)")
            }
            throw EVMCommandFailure.file(module: "groth16", error.description)
        }
    }
}
