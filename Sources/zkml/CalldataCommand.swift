internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKConstraints
internal import ZKGroth16
internal import ZKSolidity
internal import ZKWorkflow

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
        A verifier for packed public signals (zkml compile's default) takes public.json as it is
        through verifyProof, and the packed words through verifyPackedProof: --packed --vk KEY packs
        the signals with the key's layout and prints that call (the least calldata).
        Examples:
          zkml calldata --proof proof.json --public public.json
          zkml calldata --proof proof.json --public public.json --json
          zkml calldata --proof proof.json --public public.json --packed --vk keys/verification_key.json
        Exit code 0 on success, 2 for a usage or file error.
        """
    )

    @Option(help: "The proof (snarkjs proof.json layout). Required.")
    var proof: String?

    @Option(name: .customLong("public"), help: "The public signals (snarkjs public.json layout). Required.")
    var publicSignals: String?

    @Flag(help: "Print [a, b, c, pubSignals] ([a, b, c, commitment, pubSignals] with a commitment round) as JSON instead of ABI-encoded hex.")
    var json = false

    @Flag(help: "The verifyPackedProof call: the signals packed into the words of the key's layout (needs --vk).")
    var packed = false

    @Option(help: "The verifying key (verification_key.json or vk.bin) whose packing --packed uses.")
    var vk: String?

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        try EVMCommandFailure.exitOnFailure(body)
    }

    private func body() throws {
        guard let proof else { throw EVMCommandFailure.usage("missing --proof FILE") }
        guard let publicSignals else { throw EVMCommandFailure.usage("missing --public FILE") }
        if packed && vk == nil { throw EVMCommandFailure.usage("--packed needs --vk FILE (the key whose packing to use)") }
        if !packed && vk != nil { throw EVMCommandFailure.usage("--vk is only read with --packed") }
        do {
            let calldata = try Workflow.calldata(proof: proof, publicSignals: publicSignals, packedWith: packed ? vk : nil)
            print(json ? calldata.json : calldata.hex)
        } catch let error as WorkflowError {
            throw EVMCommandFailure.file(module: error.module, error.description)
        } catch let error as Groth16Error {
            throw EVMCommandFailure.file(module: "groth16", error.description)
        }
    }
}
