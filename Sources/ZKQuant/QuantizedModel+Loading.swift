#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ZKONNX

extension QuantizedModel {
    /// Reads an `.onnx` file, resolves it (symbolic dimensions from `configuration.dimensions`, else 1) and quantizes it.
    /// - Parameters:
    ///   - url: the model file.
    ///   - configuration: bit widths and default scales.
    ///   - calibrationRows: rows of an EZKL-layout calibration file (see
    ///     ``EZKLJSON/calibrationSamples(_:inputCounts:)``), or `nil` for the default scales.
    /// - Throws: ``QuantError`` (wrapping ``ONNXError`` for decoding problems).
    public init(contentsOf url: URL, configuration: QuantizationConfiguration = .init(),
                calibrationRows: [[Double]]? = nil) throws {
        let graph: ResolvedGraph
        do { graph = try ONNXModel(contentsOf: url).graph.resolved(for: configuration) } catch let error as ONNXError { throw QuantError.onnx(error) }
        var calibration: [[Tensor<Double>]] = []
        if let calibrationRows {
            let samples = try EZKLJSON.calibrationSamples(calibrationRows, inputCounts: graph.inputs.map(\.count))
            calibration = samples.map { sample in zip(graph.inputs, sample).map { Tensor(shape: $0.shape, scalars: $1) } }
        }
        try self.init(graph: graph, configuration: configuration, calibration: calibration)
    }
}
