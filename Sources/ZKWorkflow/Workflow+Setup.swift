#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKIO
public import ZKGroth16
public import ZKPipeline

extension Workflow {
    /// What ``setup(circuit:out:randomness:progress:)`` wrote.
    public struct SetupSummary {
        /// The model's settings (`nil` for a bare `.r1cs`/`.zkr1cs` circuit).
        public var settings: ModelSettings?
        public var circuitSha256: String
        public var constraints: Int
        public var publicInputs: Int
        public var wires: Int
        public var domainSize: Int
        /// `DIR/pk.bin`, `DIR/vk.bin`, `DIR/verification_key.json`.
        public var provingKey: String
        public var verifyingKey: String
        public var verificationKeyJSON: String
        public var seconds: Double

        /// The `zkml setup --json` object.
        public var json: [String: Any] {
            var summary: [String: Any] = [
                "circuit_sha256": circuitSha256, "constraints": constraints, "public_inputs": publicInputs, "domain_size": domainSize,
                "proving_key": provingKey, "verifying_key": verifyingKey, "verification_key_json": verificationKeyJSON, "seconds": seconds,
            ]
            if let settings { summary["model"] = settings.model.name }
            return summary
        }
    }

    /// `zkml setup`: development Groth16 keys for a compiled model (or a circom `.r1cs` / zkml
    /// `.zkr1cs` circuit), written to `out/pk.bin`, `out/vk.bin` and `out/verification_key.json`.
    /// The secrets come from `randomness` and are never written; whoever runs this can forge
    /// proofs (a deployed verifier needs a ceremony, docs/setup.md).
    public static func setup(circuit: String, out: String, randomness: ToxicWasteSource = .system,
                             progress: Progress? = nil) throws -> SetupSummary {
        let start = Date()
        // Setup gets the only copy of the circuit and releases it once the QAP is evaluated at
        // τ (part of LeNet-5's 351 → 236 MB peak), so what is reported afterwards is kept apart.
        var compiled = isCompiledModel(circuit) ? try loadCompiledModel(circuit) : nil
        var bare = compiled == nil ? try loadCircuit(circuit) : nil
        let settings = compiled?.settings
        let (constraintCount, publicCount, variableCount) = try {
            let system = compiled?.system ?? bare!
            try ResourceEstimate(system).check(.setup)
            return (system.constraintCount, system.publicCount, system.variableCount)
        }()
        let (key, _) = try phase("setup", progress) {
            // A compiled model's key also carries the ranges its verifier checks (Pipeline.setup).
            if let model = compiled.take() { return try Pipeline.setup(consume model, randomness: randomness) }
            return try Groth16.setup(bare.take()!, randomness: randomness)
        }
        let (pk, vk, vkJSON) = try phase("write keys", progress) {
            try writeKeys(key, settings: settings, provenance: .development, directory: out)
        }.0
        return SetupSummary(settings: settings, circuitSha256: key.verifyingKey.circuitHash.hexString, constraints: constraintCount,
                            publicInputs: publicCount, wires: variableCount, domainSize: 1 << key.domainLogSize,
                            provingKey: pk, verifyingKey: vk, verificationKeyJSON: vkJSON, seconds: Date().timeIntervalSince(start))
    }

    /// Writes DIR/pk.bin, DIR/vk.bin and DIR/verification_key.json (with the model's identity
    /// for a model, and where the secrets came from): pk.bin on this thread while the verifying
    /// key's two files are written on another (much of each write is waiting for fsync); all
    /// three are renamed into place only once all are complete, so a failure leaves the
    /// directory as it was.
    public static func writeKeys(_ key: ProvingKey, settings: ModelSettings?, provenance: SetupProvenance,
                                 directory out: String) throws -> (pk: String, vk: String, vkJSON: String) {
        let directory = try makeDirectory(out)
        let pk = directory.appendingPathComponent("pk.bin").path
        let vk = directory.appendingPathComponent("vk.bin").path
        let vkJSON = directory.appendingPathComponent("verification_key.json").path
        let verifyingKey = key.verifyingKey
        let (pkFile, vkFiles) = ParallelFor.concurrently({
            Result { () throws -> AtomicFileWriter in try KeyFile.stage(key, toPath: pk) }
        }, alongside: {
            Result { () throws -> [AtomicFileWriter] in
                let rendered = settings.map { Pipeline.verificationKeyJSON(verifyingKey, settings: $0) } ?? SnarkJSON.render(verifyingKey)
                return [try stage(Data(KeyFile.serialize(verifyingKey)), to: vk),
                        try stage(Data(provenance.appended(to: rendered).utf8), to: vkJSON)]
            }
        })
        for file in [try pkFile.get()] + (try vkFiles.get()) { try commit(file) }
        return (pk, vk, vkJSON)
    }
}
