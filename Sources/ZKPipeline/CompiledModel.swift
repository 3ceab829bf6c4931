#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
public import Foundation
#endif
public import ZKCompiler
public import ZKConstraints
internal import ZKIO
public import ZKField
internal import ZKONNX
public import ZKQuant

/// The compiled artifact `model.zkml`: the ONNX model, the quantization settings (and calibration
/// rows) that fix its scales, and the R1CS the compiler built from them.
///
/// Proving re-quantizes the stored ONNX bytes with the stored settings (deterministic) to compute
/// the witness, and checks that the circuit it rebuilds has the stored circuit's hash. The file
/// format is in ``CompiledModel/serialized()`` and docs/cli.md.
public struct CompiledModel: Sendable {
    /// The `model.zkml` format version this build writes and reads.
    public static let formatVersion: UInt32 = 1
    /// The compiler revision: bumped whenever the lowering changes the circuit of a model.
    public static let compilerRevision = 1

    public var settings: ModelSettings
    /// The ONNX file's bytes.
    public var onnx: [UInt8]
    /// Calibration rows (EZKL layout), or empty.
    public var calibrationRows: [[Double]]
    /// The constraint system.
    public let system: R1CS
    /// `system.contentHash`, computed once (serialising and hashing a large circuit is not free).
    public let circuitHash: [UInt8]
    /// The salt of a salted parameter commitment (`settings.parameterCommitment` was computed
    /// with it; every proof must use it). A secret of the prover, like the ONNX bytes beside it:
    /// stored in `model.zkml`, never in `settings.json`.
    public var parameterSalt: BN254.Fr?

    public init(settings: ModelSettings, onnx: [UInt8], calibrationRows: [[Double]], system: R1CS, parameterSalt: BN254.Fr? = nil) {
        self.settings = settings
        self.onnx = onnx
        self.calibrationRows = calibrationRows
        self.system = system
        self.circuitHash = system.contentHash
        self.parameterSalt = parameterSalt
    }

    /// With `circuitHash` already known to be `system.contentHash` (checked while parsing).
    init(settings: ModelSettings, onnx: [UInt8], calibrationRows: [[Double]], system: R1CS, circuitHash: [UInt8], parameterSalt: BN254.Fr?) {
        self.settings = settings
        self.onnx = onnx
        self.calibrationRows = calibrationRows
        self.system = system
        self.circuitHash = circuitHash
        self.parameterSalt = parameterSalt
    }

    /// Re-quantizes the stored model with the stored settings.
    /// - Throws: `QuantError` (never for an artifact this build wrote).
    public func quantizedModel() throws -> QuantizedModel {
        let graph: ResolvedGraph
        do { graph = try ONNXModel(serializedBytes: onnx, file: settings.model.file).graph.resolved(for: settings.quantization) } catch let error as ONNXError {
            throw QuantError.onnx(error)
        }
        var calibration: [[Tensor<Double>]] = []
        if !calibrationRows.isEmpty {
            let samples = try EZKLJSON.calibrationSamples(calibrationRows, inputCounts: graph.inputs.map(\.count))
            calibration = samples.map { sample in zip(graph.inputs, sample).map { Tensor(shape: $0.shape, scalars: $1) } }
        }
        return try QuantizedModel(graph: graph, configuration: settings.quantization, calibration: calibration)
    }

    /// The circuit of the re-quantized model.
    public func circuit() throws -> ModelCircuit {
        ModelCircuit(model: try quantizedModel(), inputVisibility: settings.inputVisibility, outputVisibility: settings.outputVisibility,
                     parameterVisibility: settings.parameterVisibility, inputRangeCheck: settings.inputRangeCheck,
                     salting: settings.salting, rangeChecks: settings.rangeCheckMode,
                     publicPacking: settings.publicSignals.packing == nil ? .plain : .packed)
    }

    /// `salts` (input and output salts) with the model's parameter salt added when the parameter
    /// commitment is salted: the salts the lowering reads.
    func witnessSalts(_ salts: DigestSalts) -> DigestSalts {
        var all = salts
        if let parameterSalt { all.entries.append(.init(role: .parameters, name: "parameters", salt: parameterSalt)) }
        return all
    }

    /// SHA-256 of calibration rows as little-endian doubles, row after row.
    static func hash(rows: [[Double]]) -> [UInt8] {
        var hasher = SHA256()
        for row in rows {
            var count = UInt64(row.count).littleEndian
            withUnsafeBytes(of: &count) { hasher.update(bytes: $0) }
            for value in row {
                var bits = value.bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { hasher.update(bytes: $0) }
            }
        }
        return hasher.finalize()
    }
}
