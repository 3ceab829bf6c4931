import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Bitwise operators on integer tensors (issue #32; Circuits/ops, onnxruntime's outputs): And, Or,
/// Xor between two tensors and against constants (negative masks, broadcast), Not on int32 and
/// uint8, BitShift LEFT (wrapping at uint8) and RIGHT. In both range-check modes the witness
/// equals the inference, every constraint holds, and no private wire or output can move.
@Suite struct BitwiseModelTests {
    static let cases = ["bitwise_and", "bitwise_or", "bitwise_xor", "bitwise_and_mask", "bitwise_or_mask", "bitwise_xor_mask",
                        "bitwise_not", "bitwise_not_uint8", "bitshift_left_uint8", "bitshift_right_uint32"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0xB17)
    }

    /// Two activations pay their bits and a product per bit; a constant mask only the activation's
    /// bits; Not is linear.
    @Test func gadgets() throws {
        let (pair, _) = try Zoo.opCase("bitwise_and")
        #expect(pair.steps.contains { $0.operation.name == "bitwise" })
        let (not, _) = try Zoo.opCase("bitwise_not")
        #expect(!not.steps.contains { $0.operation.name == "bitwise" })
        let (shift, _) = try Zoo.opCase("bitshift_left_uint8")
        #expect(shift.steps.contains { $0.operation.name == "shiftLeft" })
    }

    /// A bitwise operator on floats and a shift by a computed amount are refused by name.
    @Test func refusals() throws {
        func model(_ nodes: [Node], type: ElementType) throws -> QuantizedModel {
            let graph = try Graph(name: "g", nodes: nodes, initializers: [:],
                                  inputs: [ValueInfo(name: "x", elementType: type, shape: [.fixed(4)])],
                                  outputs: [ValueInfo(name: "y", elementType: type, shape: nil)], opset: 18).resolved()
            return try QuantizedModel(graph: graph, configuration: .init(), calibration: [])
        }
        #expect(throws: (any Error).self) { try model([Node(name: "s", opType: "BitShift", inputs: ["x", "x"], outputs: ["y"],
                                                               attributes: ["direction": .string("LEFT")])], type: .uint8) }
        #expect(throws: (any Error).self) { try model([Node(name: "a", opType: "BitwiseAnd", inputs: ["x", "x"], outputs: ["y"])], type: .float) }
    }
}
