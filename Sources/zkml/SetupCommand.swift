internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKConstraints
internal import ZKIO
internal import ZKCurves
internal import ZKGroth16
internal import ZKPipeline
internal import ZKWorkflow

/// `zkml setup DIR/model.zkml --out DIR` (or a circom `.r1cs` / zkml `.zkr1cs` circuit): Groth16 keys.
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Generate Groth16 proving and verifying keys for a compiled model or a circuit.",
        discussion: """
        Writes DIR/pk.bin (proving key), DIR/vk.bin and DIR/verification_key.json (snarkjs layout).
        The secrets (τ, α, β, γ, δ) come from the system CSPRNG and are never written anywhere.
        This is a development setup: whoever runs it could forge proofs for the circuit. For keys that
        others must trust (a deployed verifier), start from a public powers of tau and run a phase-2
        ceremony with `zkml ceremony` (docs/setup.md).
        Both keys record the circuit's SHA-256, so a key used with another circuit is an error. For a
        model.zkml, verification_key.json also names the model (zkml_model: name, ONNX and settings
        SHA-256, public signal layout), which `zkml verify` prints.
        Examples:
          zkml setup build/mlp/model.zkml --out build/mlp
          zkml setup circuit.r1cs --out keys/ --json
        Exit code 0 on success, 2 for a usage or file error.
        """
    )

    @Argument(help: "A compiled model (model.zkml), a circom .r1cs file or a zkml .zkr1cs file.")
    var circuit: String

    @Option(help: "The directory for the keys (created if missing).")
    var out: String

    @Option(help: ArgumentHelp("Derive the secrets from this seed. INSECURE: anyone with the seed can forge proofs. Tests only.", visibility: .hidden))
    var insecureSeed: UInt64?

    @Flag(help: "Print a JSON summary.")
    var json = false

    @OptionGroup(title: "Resource limits") var limits: LimitOptions

    func run() throws {
        limits.apply()
        try CommandSupport.run {
            let randomness: ToxicWasteSource = insecureSeed.map { .insecureSeeded($0) } ?? .system
            let summary = try ProgressLine(quiet: json).phase("setup: \(circuit)") {
                try Workflow.setup(circuit: circuit, out: out, randomness: randomness)
            }.0
            if json {
                CommandSupport.printJSON(summary.json)
            } else {
                if let settings = summary.settings { print("model: \(settings.model.name) (onnx sha256 \(settings.model.onnxSha256.prefix(16))…)") }
                print("circuit: \(summary.constraints) constraints, \(summary.publicInputs) public inputs, \(summary.wires) wires")
                print("wrote \(summary.provingKey), \(summary.verifyingKey), \(summary.verificationKeyJSON) in \(Printf.format("%.2f", summary.seconds)) s")
                if insecureSeed != nil { print("WARNING: insecure seeded setup: these keys must never be used for real proofs") }
            }
            if !json {
                CommandSupport.standardError("note: a development key: this machine drew every secret, so whoever ran it can forge proofs. "
                                             + "For a deployed verifier, run a ceremony (zkml ceremony; docs/setup.md).\n")
            }
        }
    }
}
