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
            let start = Date()
            // Setup gets the only copy of the circuit and releases it once the QAP is evaluated at
            // τ (part of LeNet-5's 351 → 236 MB peak), so what is printed afterwards is kept apart.
            var compiled = CommandSupport.isCompiledModel(circuit) ? try CommandSupport.loadCompiledModel(circuit) : nil
            var bare = compiled == nil ? try CommandSupport.loadCircuit(circuit) : nil
            let settings = compiled?.settings
            let (constraintCount, publicCount, variableCount) = try {
                let system = compiled?.system ?? bare!
                try ResourceEstimate(system).check(.setup)
                return (system.constraintCount, system.publicCount, system.variableCount)
            }()
            let randomness: ToxicWasteSource = insecureSeed.map { .insecureSeeded($0) } ?? .system
            let (key, _) = try ProgressLine(quiet: json).phase("setup: \(constraintCount) constraints") {
                // A compiled model's key also carries the ranges its verifier checks (Pipeline.setup).
                if let model = compiled.take() { return try Pipeline.setup(consume model, randomness: randomness) }
                return try Groth16.setup(bare.take()!, randomness: randomness)
            }
            let (pk, vk, vkJSON) = try CommandSupport.writeKeys(key, settings: settings, provenance: .development, directory: out)
            let seconds = Date().timeIntervalSince(start)
            if json {
                var summary: [String: Any] = [
                    "circuit_sha256": key.verifyingKey.circuitHash.hexString, "constraints": constraintCount,
                    "public_inputs": publicCount, "domain_size": 1 << key.domainLogSize,
                    "proving_key": pk, "verifying_key": vk, "verification_key_json": vkJSON, "seconds": seconds,
                ]
                if let settings { summary["model"] = settings.model.name }
                CommandSupport.printJSON(summary)
            } else {
                if let settings { print("model: \(settings.model.name) (onnx sha256 \(settings.model.onnxSha256.prefix(16))…)") }
                print("circuit: \(constraintCount) constraints, \(publicCount) public inputs, \(variableCount) wires")
                print("wrote \(pk), \(vk), \(vkJSON) in \(Printf.format("%.2f", seconds)) s")
                if insecureSeed != nil { print("WARNING: insecure seeded setup: these keys must never be used for real proofs") }
            }
            if !json {
                CommandSupport.standardError("note: a development key: this machine drew every secret, so whoever ran it can forge proofs. "
                                             + "For a deployed verifier, run a ceremony (zkml ceremony; docs/setup.md).\n")
            }
        }
    }
}
