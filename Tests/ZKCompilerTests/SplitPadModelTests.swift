import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// `Split` in every opset form and `Pad` in reflect, edge and wrap modes (Circuits/ops,
/// onnxruntime 1.31's outputs; both are data movement: free `rearrange` steps). Every output of
/// the float graph equals onnxruntime's; the quantized model is exact and sound in both
/// range-check modes; sizes or pads that do not fit are refused naming the node.
@Suite struct SplitPadModelTests {
    static let splitCases = ["split_opset11", "split_input_opset13", "split_equal", "split_num_outputs_opset18", "split_opset2"]
    static let padCases = ["pad_reflect", "pad_reflect_crop", "pad_edge", "pad_edge_opset9", "pad_reflect_opset2", "pad_wrap_opset19"]

    struct Expected: Decodable {
        let input_data: [[Double]]
        let input_shape: [Int]
        let output_data: [[Double]]
    }

    @Test(arguments: splitCases + padCases)
    func everyOutputEqualsOnnxruntime(_ name: String) throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Zoo.ops.appendingPathComponent("\(name).json")))
        let onnx = try ONNXModel(contentsOf: Zoo.ops.appendingPathComponent("\(name).onnx"))
        let graph = try onnx.graph.resolved(inputShapes: [onnx.graph.inputs[0].name: expected.input_shape])
        let outputs = try graph.evaluate([Tensor(shape: expected.input_shape, scalars: expected.input_data[0])])
        #expect(outputs.count == expected.output_data.count, "\(name): outputs")
        for (k, (got, want)) in zip(outputs, expected.output_data).enumerated() {
            #expect(got.scalars.map { Float($0) } == want.map { Float($0) }, "\(name): output \(k)")
        }
    }

    @Test(arguments: splitCases + padCases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        #expect(model.steps.allSatisfy { $0.operation.name == "rearrange" }, "\(name): \(model.steps.map(\.operation.name))")
        let trace = try QuantizedInference(model: model).run(input: inputs)
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0x5B17)
    }

    /// A graph of one node on a [2, 6] input.
    static func resolve(_ node: Node, opset: Int, constants: [String: Tensor<Double>] = [:]) throws -> ResolvedGraph {
        try Graph(name: "g", nodes: [node], initializers: constants,
                  inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(2), .fixed(6)])],
                  outputs: node.outputs.map { ValueInfo(name: $0, elementType: .float, shape: nil) }, opset: opset).resolved()
    }

    static func reason(_ body: () throws -> Void) -> String? {
        do { try body() } catch let ONNXError.invalidNode(_, _, reason) { return reason }
        catch let ONNXError.unsupportedAttribute(_, _, reason) { return reason } catch { return "\(error)" }
        return nil
    }

    @Test func sizesThatDoNotAddUpAreNamed() {
        let split = { (attributes: [String: Attribute], outputs: Int, opset: Int) in
            Node(name: "s", opType: "Split", inputs: ["x"], outputs: (0 ..< outputs).map { "y\($0)" }, attributes: attributes)
        }
        #expect(Self.reason { _ = try Self.resolve(split(["axis": .int(1), "split": .ints([2, 3])], 2, 11), opset: 11) }?
            .contains("split [2, 3] for 2 outputs of an axis of 6") == true)
        #expect(Self.reason { _ = try Self.resolve(split(["axis": .int(1)], 4, 13), opset: 13) }?
            .contains("does not split into 4 equal parts") == true)
        #expect(Self.reason { _ = try Self.resolve(split(["axis": .int(2)], 2, 13), opset: 13) }?.contains("axis 2 for rank 2") == true)
        #expect(Self.reason { _ = try Self.resolve(split(["axis": .int(1), "num_outputs": .int(4)], 3, 18), opset: 18) }?
            .contains("num_outputs 4 for 3 outputs") == true)
        // Sizes from a graph input are not static: refused naming them.
        let computed = Node(name: "s", opType: "Split", inputs: ["x", "x"], outputs: ["a", "b"], attributes: ["axis": .int(1)])
        #expect(Self.reason { _ = try Self.resolve(computed, opset: 13) }?.contains("split sizes 'x' is computed") == true)
    }

    @Test func padsTheModeCannotFillAreNamed() {
        let pad = { (mode: String, pads: [Int], opset: Int) in
            Node(name: "p", opType: "Pad", inputs: ["x", "pads"], outputs: ["y"], attributes: ["mode": .string(mode)])
        }
        let pads = { (values: [Int]) in ["pads": Tensor<Double>(shape: [4], scalars: values.map(Double.init))] }
        // Reflect: a pad must stay below the axis (2 rows: at most 1).
        #expect(Self.reason { _ = try Self.resolve(pad("reflect", [2, 0, 0, 0], 13), opset: 13, constants: pads([2, 0, 0, 0])) }?
            .contains("reflect pads of 2 on an axis of 2") == true)
        #expect(Self.reason { _ = try Self.resolve(pad("reflect", [1, 5, 0, 0], 13), opset: 13, constants: pads([1, 5, 0, 0])) } == nil)
        // Wrap exists from opset 19 on; an unknown mode is refused.
        #expect(Self.reason { _ = try Self.resolve(pad("wrap", [1, 0, 0, 0], 18), opset: 18, constants: pads([1, 0, 0, 0])) }?
            .contains("wrap from opset 19") == true)
        #expect(Self.reason { _ = try Self.resolve(pad("mirror", [1, 0, 0, 0], 19), opset: 19, constants: pads([1, 0, 0, 0])) }?
            .contains("mode mirror") == true)
    }
}
