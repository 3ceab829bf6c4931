#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import ZKCompiler
public import ZKConstraints
import ZKONNX
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

    public init(settings: ModelSettings, onnx: [UInt8], calibrationRows: [[Double]], system: R1CS) {
        self.settings = settings
        self.onnx = onnx
        self.calibrationRows = calibrationRows
        self.system = system
        self.circuitHash = system.contentHash
    }

    /// With `circuitHash` already known to be `system.contentHash` (checked while parsing).
    init(settings: ModelSettings, onnx: [UInt8], calibrationRows: [[Double]], system: R1CS, circuitHash: [UInt8]) {
        self.settings = settings
        self.onnx = onnx
        self.calibrationRows = calibrationRows
        self.system = system
        self.circuitHash = circuitHash
    }

    /// Re-quantizes the stored model with the stored settings.
    /// - Throws: `QuantError` (never for an artifact this build wrote).
    public func quantizedModel() throws -> QuantizedModel {
        let graph: ResolvedGraph
        do { graph = try ONNXModel(serializedBytes: onnx, file: settings.model.file).graph.resolved() } catch let error as ONNXError {
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
                     parameterVisibility: settings.parameterVisibility, inputRangeCheck: settings.inputRangeCheck)
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
