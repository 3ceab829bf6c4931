import Foundation
import Testing
@testable import ZKONNX

/// Every operator's float reference against onnxruntime's output (Circuits/ops, made by
/// Circuits/generate.py).
@Suite struct OperatorConformanceTests {
    @Test func everyOperatorHasACase() {
        #expect(Fixtures.opCases.count >= 40)
    }

    @Test(arguments: Fixtures.opCases)
    func floatMatchesOnnxRuntime(name: String) throws {
        let (model, expected) = try Fixtures.opCase(name)
        let graph = try model.graph.resolved(inputShapes: [model.graph.inputs[0].name: expected.input_shape])
        let input = Tensor(shape: expected.input_shape, scalars: expected.input_data[0])
        let output = try graph.evaluate([input])[0]
        #expect(output.shape == expected.output_shape, "\(name): shape")
        #expect(output.count == expected.output_data[0].count)
        for (got, want) in zip(output.scalars, expected.output_data[0]) {
            #expect(abs(got - want) <= 1e-4 * (1 + abs(want)), "\(name): \(got) vs \(want)")
        }
    }

    @Test func broadcastIndices() {
        #expect(Broadcast.shape([[2, 3, 4], [3, 1]]) == [2, 3, 4])
        #expect(Broadcast.shape([[2, 3], [4]]) == nil)
        #expect(Broadcast.sourceIndices(from: [3, 1], to: [2, 3, 2]) == [0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2])
    }

    @Test func windowsOfAReduction() {
        let (windows, shape) = Windows.reduction(shape: [2, 3], axes: [1], keepDims: false)
        #expect(shape == [2])
        #expect(Array(windows.window(0)) == [0, 1, 2])
        #expect(Array(windows.window(1)) == [3, 4, 5])
    }
}
