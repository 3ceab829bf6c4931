import Foundation
import Testing
import ZKONNX
@testable import ZKQuant

/// Every operator quantized (default configuration: 24-bit activations at scale 12) against
/// onnxruntime's float output. Tolerance: |q − f| ≤ 2^-7 · (1 + |f|).
@Suite struct OperatorQuantizationTests {
    @Test(arguments: Fixtures.opCases)
    func quantizedMatchesOnnxRuntime(name: String) throws {
        let (graph, expected) = try Fixtures.opCase(name)
        let model = try QuantizedModel(graph: graph)
        let (outputs, trace) = try QuantizedInference(model: model).run(floatInputs: [expected.input_data[0]])
        #expect(outputs[0].count == expected.output_data[0].count)
        for (got, want) in zip(outputs[0], expected.output_data[0]) {
            #expect(abs(got - want) <= 0x1p-7 * (1 + abs(want)), "\(name): \(got) vs \(want)")
        }
        for step in model.steps { #expect(trace.values[step.output] != nil) }
    }

    @Test func dataMovementIsASingleRearrange() throws {
        for name in ["transpose", "slice", "pad", "reshape", "concat_const", "squeeze"] {
            let (graph, _) = try Fixtures.opCase(name)
            let model = try QuantizedModel(graph: graph)
            #expect(model.steps.map(\.operation.name) == ["rearrange"], "\(name)")
        }
    }

    @Test func linearLayersRescaleOnce() throws {
        let (graph, _) = try Fixtures.opCase("gemm")
        let model = try QuantizedModel(graph: graph)
        #expect(model.steps.map(\.operation.name) == ["matMul", "rescale"])
        #expect(model.steps[0].isActivation == false && model.steps[0].bits < 63)
        #expect(model.steps[1].isActivation && model.steps[1].bits == 24)
        #expect(model.steps[1].scale == 12)
    }

    @Test func averagePoolingDividesWithRounding() throws {
        let (graph, _) = try Fixtures.opCase("averagepool_pads")
        let model = try QuantizedModel(graph: graph)
        #expect(model.steps.map(\.operation.name) == ["windowSum", "divide"])
        guard case let .divide(divisors) = model.steps[1].operation else { Issue.record("not a divide"); return }
        #expect(Set(divisors) == [4, 6, 9])
    }

    @Test func matMulOfTwoActivationsIsATypedError() throws {
        let node = Node(name: "mm", opType: "MatMul", inputs: ["a", "a"], outputs: ["y"])
        let graph = try Graph(name: "g", nodes: [node], initializers: [:],
                              inputs: [ValueInfo(name: "a", elementType: .float, shape: [.fixed(2), .fixed(2)])],
                              outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13).resolved()
        #expect(throws: QuantError.unsupportedQuantization(node: "mm", opType: "MatMul", reason: "MatMul of two activations is not supported")) {
            try QuantizedModel(graph: graph)
        }
    }

    @Test func castFromFloatToIntegerIsRejected() throws {
        let node = Node(name: "c", opType: "Cast", inputs: ["a"], outputs: ["y"], attributes: ["to": .int(7)])
        let graph = try Graph(name: "g", nodes: [node], initializers: [:],
                              inputs: [ValueInfo(name: "a", elementType: .float, shape: [.fixed(2)])],
                              outputs: [ValueInfo(name: "y", elementType: .int64, shape: nil)], opset: 13).resolved()
        #expect(throws: QuantError.self) { try QuantizedModel(graph: graph) }
    }
}
