#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import ZKCompiler
public import ZKCircuits
public import ZKQuant

/// Everything a compiled model was made from and what its circuit looks like: the `settings`
/// section of `model.zkml` and, pretty-printed, `settings.json` beside it (snake_case keys).
public struct ModelSettings: Sendable, Equatable, Codable {
    /// Where the model came from.
    public struct Source: Sendable, Equatable, Codable {
        /// The ONNX graph name.
        public var name: String
        /// The ONNX file name as given to `zkml compile`.
        public var file: String
        /// SHA-256 of the ONNX file's bytes (hex).
        public var onnxSha256: String
        /// ONNX bytes.
        public var onnxBytes: Int
    }

    /// The calibration data, when scales were calibrated.
    public struct Calibration: Sendable, Equatable, Codable {
        public var rows: Int
        /// SHA-256 of the rows as little-endian IEEE-754 doubles, row after row (hex).
        public var rowsSha256: String
    }

    /// The circuit's size and identity.
    public struct Circuit: Sendable, Equatable, Codable {
        public var constraints: Int
        public var publicSignals: Int
        public var privateWires: Int
        /// Non-zero entries of A, B and C.
        public var nonZeros: Int
        /// `R1CS.contentHash` (hex): the verifying key records the same hash.
        public var sha256: String
    }

    /// `zkml-settings`.
    public var format: String
    /// The settings layout version.
    public var version: Int
    /// The zkml version that compiled the model.
    public var zkmlVersion: String
    public var model: Source
    public var quantization: QuantizationConfiguration
    public var calibration: Calibration?
    public var inputVisibility: InputVisibility
    /// Who range-checks public inputs: the circuit, or the verifier (the verifying key lists the
    /// signals). Settings written before this existed checked them in the circuit.
    public var inputRangeCheck: InputRangeCheck
    /// Public (default) or hashed outputs.
    public var outputVisibility: OutputVisibility
    /// Fixed (default: weights are circuit constants) or hashed parameters.
    public var parameterVisibility: ParameterVisibility
    /// With hashed parameters: the Poseidon commitment of the weights (decimal), the model's
    /// public identity (``ModelParameters/commitment()``); `nil` otherwise.
    public var parameterCommitment: String?
    /// Which hashed tensors are committed with a salt (``ZKCompiler/DigestSalting``), `nil` when
    /// none is (no hashed tensor, `--salt none`, or settings written before salts existed).
    public var saltedDigests: DigestSalting?
    /// SHA-256 (hex) of the canonical JSON of `quantization`, `calibration`, `input_visibility`,
    /// `output_visibility` and `parameter_visibility` (when hashed), `input_range_check` (when the
    /// verifier checks public inputs), `salted_digests` (when any) and the compiler version: together with
    /// `model.onnx_sha256` it identifies the circuit.
    public var settingsSha256: String
    /// Where inputs and outputs sit among the public signals.
    public var publicSignals: PublicLayout
    public var circuit: Circuit
    /// Constraints per ONNX node.
    public var constraintsPerNode: [ConstraintReport.Row]

    /// How the circuit range-checks (`bits`, or `lookup:W[,t…]`: limbs in a range table of 2^W
    /// rows and partial tables of 2^t, proved with a commitment round); `nil` in settings written
    /// before lookups (bits).
    public var rangeChecks: RangeCheckSetting?

    /// The range-check mode the circuit is built with.
    public var rangeCheckMode: RangeCheckMode {
        if case let .mode(mode) = rangeChecks { return mode }
        return .bits
    }

    /// The salted digests (empty when none).
    public var salting: DigestSalting { saltedDigests ?? [] }

    /// The JSON text (sorted snake_case keys; pretty-printed for `settings.json`).
    public func json(pretty: Bool = true) -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain value: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Parses the JSON written by ``json(pretty:)``.
    public init(json data: Data, path: String) throws(PipelineError) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { self = try decoder.decode(ModelSettings.self, from: data) } catch {
            throw .malformedArtifact(path: path, detail: "settings: \(Self.describe(error))")
        }
    }

    init(format: String, version: Int, zkmlVersion: String, model: Source, quantization: QuantizationConfiguration,
         calibration: Calibration?, inputVisibility: InputVisibility, outputVisibility: OutputVisibility,
         parameterVisibility: ParameterVisibility, parameterCommitment: String?, settingsSha256: String,
         publicSignals: PublicLayout, circuit: Circuit, constraintsPerNode: [ConstraintReport.Row], inputRangeCheck: InputRangeCheck,
         salting: DigestSalting, rangeChecks: RangeCheckMode = .bits) {
        self.format = format
        self.rangeChecks = rangeChecks == .bits ? nil : .mode(rangeChecks)
        self.version = version
        self.zkmlVersion = zkmlVersion
        self.model = model
        self.quantization = quantization
        self.calibration = calibration
        self.inputVisibility = inputVisibility
        self.inputRangeCheck = inputRangeCheck
        self.outputVisibility = outputVisibility
        self.parameterVisibility = parameterVisibility
        self.parameterCommitment = parameterCommitment
        self.settingsSha256 = settingsSha256
        self.publicSignals = publicSignals
        self.circuit = circuit
        self.constraintsPerNode = constraintsPerNode
        self.saltedDigests = salting.isEmpty ? nil : salting
    }

    enum CodingKeys: String, CodingKey {
        case format, version, zkmlVersion, model, quantization, calibration, inputVisibility, inputRangeCheck, outputVisibility, parameterVisibility,
             parameterCommitment, saltedDigests, settingsSha256, publicSignals, circuit, constraintsPerNode, rangeChecks
    }

    /// Decodes settings; `output_visibility` defaults to public, `parameter_visibility` to
    /// fixed, `input_range_check` to circuit and `salted_digests` to none (artifacts written
    /// before those existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        version = try c.decode(Int.self, forKey: .version)
        zkmlVersion = try c.decode(String.self, forKey: .zkmlVersion)
        model = try c.decode(Source.self, forKey: .model)
        quantization = try c.decode(QuantizationConfiguration.self, forKey: .quantization)
        calibration = try c.decodeIfPresent(Calibration.self, forKey: .calibration)
        inputVisibility = try c.decode(InputVisibility.self, forKey: .inputVisibility)
        inputRangeCheck = try c.decodeIfPresent(InputRangeCheck.self, forKey: .inputRangeCheck) ?? .circuit
        outputVisibility = try c.decodeIfPresent(OutputVisibility.self, forKey: .outputVisibility) ?? .public
        parameterVisibility = try c.decodeIfPresent(ParameterVisibility.self, forKey: .parameterVisibility) ?? .fixed
        parameterCommitment = try c.decodeIfPresent(String.self, forKey: .parameterCommitment)
        saltedDigests = try c.decodeIfPresent(DigestSalting.self, forKey: .saltedDigests).flatMap { $0.isEmpty ? nil : $0 }
        rangeChecks = try c.decodeIfPresent(RangeCheckSetting.self, forKey: .rangeChecks)
        switch rangeChecks {
        case .auto:
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.rangeChecks], debugDescription: "a compiled model records bits or lookup:W[,t…], not auto"))
        case let .limbs(w): rangeChecks = .mode(.lookup(limbBits: w))  // recorded exactly: no partial table
        default: break
        }
        settingsSha256 = try c.decode(String.self, forKey: .settingsSha256)
        publicSignals = try c.decode(PublicLayout.self, forKey: .publicSignals)
        circuit = try c.decode(Circuit.self, forKey: .circuit)
        constraintsPerNode = try c.decode([ConstraintReport.Row].self, forKey: .constraintsPerNode)
    }

    /// The field path of a decoding error (`circuit.constraints: missing`).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
        switch error {
        case let .keyNotFound(key, context): return "\(path(context.codingPath + [key])): missing"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}
