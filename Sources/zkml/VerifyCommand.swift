internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKGroth16
internal import ZKPipeline
internal import ZKWorkflow

/// `zkml verify --vk verification_key.json --proof proof.json --public public.json`: exit 0 when
/// the proof is valid, 1 when it is not, 2 on a usage or file error.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a Groth16 proof (exit 0 valid, 1 invalid, 2 usage or file error).",
        discussion: """
        The verifying key is snarkjs's verification_key.json, zkml's vk.bin or a snarkjs Groth16 .zkey. Proof points off the
        curve or outside the subgroup, public signals ≥ r, and public inputs outside a signed range
        the key lists (zkml compile --input-range-check verifier) make the proof invalid (exit 1).
        When the key was made by `zkml setup` for a model.zkml, the model it is for (name, ONNX and
        settings SHA-256) and the proven outputs, decoded from the public signals, are printed too.
        --input / --output check an input.json / output.json against the proof: element by element
        for public tensors, by recomputing the Poseidon digest for hashed ones (a mismatch: exit 1).
        A salted digest opens only with its salt: --salt salt.json (written by zkml prove); a
        wrong salt is a mismatch (exit 1) naming the tensor, a missing one a usage error (exit 2).
        With hashed parameters the proof's weight commitment must equal --param-commitment (or the
        commitment recorded in the key by zkml compile).
        Examples:
          zkml verify --vk build/mlp/verification_key.json --proof build/mlp/proof.json --public build/mlp/public.json
          zkml verify --vk build/mlp/verification_key.json --proof proof.json --public public.json --input input.json --output output.json
          zkml verify --vk build/h/verification_key.json --proof proof.json --public public.json --input input.json --salt build/h/salt.json
          zkml verify --vk keys/vk.bin --proof proof.json --public public.json --json
        """
    )

    @Option(help: "The verifying key (verification_key.json, vk.bin or a Groth16 .zkey).")
    var vk: String

    @Option(help: "The proof (snarkjs proof.json layout).")
    var proof: String

    @Option(name: .customLong("public"), help: "The public signals (snarkjs public.json layout).")
    var publicSignals: String

    @Option(help: "An input.json (EZKL layout) to check against the proof's public or hashed inputs.")
    var input: String?

    @Option(help: "An output.json (as written by zkml prove --output) to check against the proof's public or hashed outputs.")
    var output: String?

    @Option(help: "The salt.json written by zkml prove: opens the salted digests of --input / --output.")
    var salt: String?

    @Option(name: .customLong("param-commitment"), help: "With hashed parameters: the model's published weight commitment (decimal or 0x hex); default: the one recorded in the key.")
    var parameterCommitment: String?

    @Flag(help: "Print {\"valid\": …, \"reason\": …, \"model\": …, \"outputs\": …, \"bindings\": …} on standard output.")
    var json = false

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        var outcome: VerifyResult?
        try CommandSupport.run {
            var files = Workflow.VerifyFiles(verifyingKey: vk, proof: proof, publicSignals: publicSignals)
            (files.input, files.output, files.salt, files.parameterCommitment) = (input, output, salt, parameterCommitment)
            outcome = try Workflow.verify(files)
        }
        guard let outcome else { throw ExitCode(2) }
        if json {
            CommandSupport.printJSON(outcome.json)
        } else {
            switch outcome.verdict {
            case .valid: print("valid")
            case let .invalid(reason): print("invalid: \(reason)")
            }
            if let model = outcome.model {
                print("model: \(model.name) (\(model.file)), onnx sha256 \(model.onnxSha256), settings sha256 \(model.settingsSha256)")
            }
            for output in outcome.outputs ?? [] {
                print("output \(output.name): " + ProveCommand.preview(output.values))
            }
            for check in outcome.bindings where check.matches { print(check.summary) }
        }
        if !outcome.verdict.isValid { throw ExitCode(1) }
    }
}
