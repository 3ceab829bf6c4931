#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
public import ZKPipeline

extension Workflow {
    /// The files ``verify(_:)`` reads (the arguments of `zkml verify`).
    public struct VerifyFiles: Sendable {
        /// verification_key.json, vk.bin or a snarkjs Groth16 .zkey.
        public var verifyingKey: String
        public var proof: String
        public var publicSignals: String
        /// An input.json / output.json to check against the proof, the salt.json that opens salted
        /// digests, and the expected weight commitment for hashed parameters.
        public var input: String?
        public var output: String?
        public var salt: String?
        public var parameterCommitment: String?

        public init(verifyingKey: String, proof: String, publicSignals: String) {
            self.verifyingKey = verifyingKey
            self.proof = proof
            self.publicSignals = publicSignals
        }
    }

    /// `zkml verify`: the proof's verdict (an invalid proof is a result, not an error).
    public static func verify(_ files: VerifyFiles) throws -> VerifyResult {
        try Pipeline.verify(verifyingKey: try read(files.verifyingKey), keyPath: files.verifyingKey,
                            proof: try read(files.proof), proofPath: files.proof,
                            publicSignals: try read(files.publicSignals), publicPath: files.publicSignals,
                            input: try files.input.map(read), inputPath: files.input ?? "",
                            output: try files.output.map(read), outputPath: files.output ?? "",
                            salt: try files.salt.map(read), saltPath: files.salt ?? "",
                            parameterCommitment: files.parameterCommitment)
    }
}

extension VerifyResult {
    /// The `zkml verify --json` object: `valid`, `reason`, `circuit_sha256`, `model`, `outputs`, `bindings`.
    public var json: [String: Any] {
        var object: [String: Any] = ["valid": verdict.isValid]
        if case let .invalid(reason) = verdict { object["reason"] = reason }
        if let circuitSha256 { object["circuit_sha256"] = circuitSha256 }
        if let model {
            object["model"] = ["name": model.name, "file": model.file, "onnx_sha256": model.onnxSha256,
                               "settings_sha256": model.settingsSha256, "input_visibility": model.inputVisibility.rawValue,
                               "output_visibility": model.outputVisibility.rawValue, "parameter_visibility": model.parameterVisibility.rawValue,
                               "parameter_commitment": model.parameterCommitment.map { $0 as Any } ?? JSONValue.null] as [String: Any]
        }
        if let outputs {
            object["outputs"] = outputs.map { ["name": $0.name, "shape": $0.shape, "scale": $0.scale, "values": $0.values,
                                               "integers": $0.integers] as [String: Any] }
        }
        if !bindings.isEmpty {
            object["bindings"] = bindings.map { check -> [String: Any] in
                var entry: [String: Any] = ["role": check.role.rawValue, "name": check.name, "form": check.form.rawValue, "matches": check.matches,
                                            "salted": check.salted]
                if let detail = check.detail { entry["detail"] = detail }
                return entry
            }
        }
        return object
    }
}
