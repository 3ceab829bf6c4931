public import Foundation
public import ZKCompiler
public import ZKField

/// Which model a verifying key (and so a proof) is for: the `zkml_model` object that
/// `zkml setup` adds to `verification_key.json`, and that `zkml verify` prints.
public struct ModelIdentity: Sendable, Equatable, Codable {
    public var name: String
    public var file: String
    public var onnxSha256: String
    public var settingsSha256: String
    public var circuitSha256: String
    public var zkmlVersion: String
    public var inputVisibility: InputVisibility
    public var publicSignals: PublicLayout

    public init(settings: ModelSettings) {
        name = settings.model.name
        file = settings.model.file
        onnxSha256 = settings.model.onnxSha256
        settingsSha256 = settings.settingsSha256
        circuitSha256 = settings.circuit.sha256
        zkmlVersion = settings.zkmlVersion
        inputVisibility = settings.inputVisibility
        publicSignals = settings.publicSignals
    }

    /// The `zkml_model` object of a `verification_key.json`, or `nil` when absent or malformed
    /// (a key from snarkjs or another tool).
    public init?(verificationKeyJSON data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let model = object["zkml_model"], let encoded = try? JSONSerialization.data(withJSONObject: model) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let identity = try? decoder.decode(ModelIdentity.self, from: encoded) else { return nil }
        self = identity
    }

    /// The model's outputs read from a proof's public signals (`nil` if the count is wrong or a
    /// value is not a small signed integer).
    public func decodeOutputs(_ signals: [BN254.Fr]) -> [DecodedTensor]? {
        guard signals.count == publicSignals.count else { return nil }
        var result: [DecodedTensor] = []
        for entry in publicSignals.outputs {
            var integers: [Int64] = []
            for i in 0 ..< entry.count {
                guard let value = signals[entry.offset + i].signedInt64 else { return nil }
                integers.append(value)
            }
            result.append(DecodedTensor(name: entry.name, shape: entry.shape, scale: entry.scale, integers: integers))
        }
        return result
    }
}

/// An output tensor read from public signals: integers at `scale`, and their real values.
public struct DecodedTensor: Sendable, Equatable, Codable {
    public var name: String
    public var shape: [Int]
    public var scale: Int
    public var integers: [Int64]
    /// `q · 2^-scale`.
    public var values: [Double] { integers.map { Double($0) * pow(2, Double(-scale)) } }
}
