import ArgumentParser
import Foundation
import ZKGroth16

/// `zkml verify --vk verification_key.json --proof proof.json --public public.json`: exit 0 when
/// the proof is valid, 1 when it is not, 2 on a usage or file error.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a Groth16 proof (exit 0 valid, 1 invalid, 2 usage or file error).",
        discussion: """
        The verifying key is snarkjs's verification_key.json or zkml's vk.bin. Proof points off the
        curve or outside the subgroup and public signals ≥ r make the proof invalid (exit 1).
        Examples:
          zkml verify --vk keys/verification_key.json --proof proof.json --public public.json
          zkml verify --vk keys/vk.bin --proof proof.json --public public.json --json
        """
    )

    @Option(help: "The verifying key (verification_key.json or vk.bin).")
    var vk: String

    @Option(help: "The proof (snarkjs proof.json layout).")
    var proof: String

    @Option(name: .customLong("public"), help: "The public signals (snarkjs public.json layout).")
    var publicSignals: String

    @Flag(help: "Print {\"valid\": …, \"reason\": …} on standard output.")
    var json = false

    func run() throws {
        var verdict = Groth16.Verdict.valid
        try CommandSupport.run {
            let vkData = try CommandSupport.read(vk)
            let key: VerifyingKey = vkData.starts(with: Array("ZKVK".utf8))
                ? try KeyFile.verifyingKey(from: [UInt8](vkData), path: vk)
                : try SnarkJSON.verifyingKey(from: vkData, path: vk)
            let prepared = try PreparedVerifyingKey(key)
            let proofData = try CommandSupport.read(proof)
            let publicData = try CommandSupport.read(publicSignals)
            // Malformed proof points and out-of-range signals are invalid proofs, not usage errors:
            // the on-chain verifier returns false for them too.
            do {
                let parsedProof = try SnarkJSON.proof(from: proofData, path: proof)
                let inputs = try SnarkJSON.publicSignals(from: publicData, path: publicSignals)
                verdict = Groth16.verify(parsedProof, publicInputs: inputs, key: prepared)
            } catch let error as Groth16Error {
                switch error {
                case .invalidPoint, .publicSignalNotInField: verdict = .invalid(error.description)
                default: throw error
                }
            }
        }
        switch verdict {
        case .valid:
            if json { CommandSupport.printJSON(["valid": true]) } else { print("valid") }
        case let .invalid(reason):
            if json { CommandSupport.printJSON(["valid": false, "reason": reason]) } else { print("invalid: \(reason)") }
            throw ExitCode(1)
        }
    }
}
