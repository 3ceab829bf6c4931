import Foundation
import Testing
import ZKIO
import ZKONNX
import ZKPipeline
import ZKQuant
import ZKTestSupport

/// Named symbolic input dimensions (EZKL's `variables`, `--variables batch_size=4`): the circuit is
/// compiled for them, the value is kept in the settings (so prove rebuilds the same circuit), and
/// the default of 1 refuses a 4-row input by name.
@Suite struct DimensionTests {
    static let file = Fixtures.repository.appendingPathComponent("Circuits/ops/batch_named")

    struct Case: Decodable {
        let input_data: [[Double]]
        let output_data: [[Double]]
    }

    /// The mock of `compiled` on the case's rows is satisfied and its `count` outputs are within 1 %
    /// of onnxruntime's largest magnitude.
    static func expectWithinOnePercent(_ compiled: CompiledModel, _ expected: Case, count: Int) throws {
        let report = try Pipeline.mock(compiled, inputRows: expected.input_data)
        #expect(report.satisfied, "\(report.failure ?? "")")
        let outputs = report.model.dequantizeOutputs(try #require(report.outputs))
        let want = expected.output_data[0], largest = want.map(abs).max() ?? 0
        #expect(outputs[0].count == count)
        #expect(zip(outputs[0], want).allSatisfy { abs($0 - $1) <= 0.01 * largest }, "\(outputs[0]) against \(want)")
    }

    @Test func aNamedBatchDimensionTakesItsValue() throws {
        let onnx = [UInt8](try Data(contentsOf: Self.file.appendingPathExtension("onnx")))
        let expected = try JSONDecoder().decode(Case.self, from: Data(contentsOf: Self.file.appendingPathExtension("json")))
        var configuration = QuantizationConfiguration()
        configuration.dimensions = ["batch_size": 4]
        let compiled = try Pipeline.compile(onnx: onnx, file: "batch_named.onnx", configuration: configuration)
        #expect(compiled.settings.quantization.dimensions == ["batch_size": 4])
        #expect(try compiled.quantizedModel().inputs.first?.shape == [4, 3])
        try Self.expectWithinOnePercent(compiled, expected, count: 8)
        // The settings survive the artifact: a reloaded model rebuilds the same 4-row circuit.
        let reloaded = try CompiledModel(serialized: compiled.serialized())
        #expect(reloaded.settings.quantization.dimensions == ["batch_size": 4])
        #expect(try Pipeline.mock(reloaded, inputRows: expected.input_data).satisfied)

        // At the default (1) the 4 rows are refused naming the input.
        let single = try Pipeline.compile(onnx: onnx, file: "batch_named.onnx")
        #expect(single.settings.quantization.dimensions == nil)
        let refused = #expect(throws: (any Error).self) { _ = try Pipeline.mock(single, inputRows: expected.input_data) }
        #expect(String(describing: refused).contains("expected 3 values, got 12 (4 times as many: a symbolic batch dimension is compiled as 1"),
                "\(String(describing: refused))")
        // A name no input has, and a value below 1, are refused.
        configuration.dimensions = ["batch": 4]
        let unknown = #expect(throws: (any Error).self) { _ = try Pipeline.compile(onnx: onnx, file: "batch_named.onnx", configuration: configuration) }
        #expect(String(describing: unknown).contains("no graph input has a symbolic dimension named 'batch' (they have: batch_size)"))
        configuration.dimensions = ["batch_size": 0]
        #expect(throws: (any Error).self) { _ = try Pipeline.compile(onnx: onnx, file: "batch_named.onnx", configuration: configuration) }
    }

    /// An unnamed batch dimension (skl2onnx's `[None, 3]`) takes its value from `inputShapes`.
    @Test func anInputShapeFixesAnUnnamedDimension() throws {
        let file = Fixtures.repository.appendingPathComponent("Circuits/ops/svr_linear")
        let onnx = [UInt8](try Data(contentsOf: file.appendingPathExtension("onnx")))
        let expected = try JSONDecoder().decode(Case.self, from: Data(contentsOf: file.appendingPathExtension("json")))
        #expect(expected.input_data[0].count == 12)
        var configuration = QuantizationConfiguration()
        configuration.inputShapes = ["X": [4, 3]]
        let compiled = try Pipeline.compile(onnx: onnx, file: "svr_linear.onnx", configuration: configuration)
        let reloaded = try CompiledModel(serialized: compiled.serialized())
        #expect(reloaded.settings.quantization.inputShapes == ["X": [4, 3]])
        try Self.expectWithinOnePercent(reloaded, expected, count: 4)
        // A fixed dimension that differs, and an input name the model does not have, are refused.
        configuration.inputShapes = ["X": [4, 2]]
        #expect(throws: (any Error).self) { _ = try Pipeline.compile(onnx: onnx, file: "svr_linear.onnx", configuration: configuration) }
        configuration.inputShapes = ["x": [4, 3]]
        let unknown = #expect(throws: (any Error).self) { _ = try Pipeline.compile(onnx: onnx, file: "svr_linear.onnx", configuration: configuration) }
        #expect(String(describing: unknown).contains("no graph input is named 'x' (inputs: X)"))
    }
}
