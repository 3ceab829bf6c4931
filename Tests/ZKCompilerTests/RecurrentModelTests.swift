import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// RNN, GRU and LSTM (issue #33), unrolled by ``RecurrentExpansion`` (Circuits/ops: onnxruntime's
/// outputs, every direction, initial states, peepholes, clip, input_forget, linear_before_reset,
/// activations with alpha/beta, sequence_lens, layout 1). Each lowered in both range-check modes:
/// the witness equals the inference, every constraint holds, and no private wire (a gate value, a
/// cell state) or output can move.
@Suite struct RecurrentModelTests {
    static let cases = ["rnn", "rnn_bidirectional_relu", "rnn_reverse_sequence_lens", "gru", "gru_linear_before_reset",
                        "gru_bidirectional_activations", "gru_sequence_lens", "lstm", "lstm_peepholes_clip", "lstm_bidirectional",
                        "lstm_input_forget", "lstm_reverse_sequence_lens", "lstm_layout1"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0x2E2E)
    }

    /// Products by the constant W and R are free: an LSTM step costs its gate products (f⊙c,
    /// i⊙g, o⊙h(c)), never a product by a weight; the first step's f⊙c with the zero initial
    /// cell folds (2 steps: 3 + 2).
    @Test func weightsAreFree() throws {
        let (model, _) = try Zoo.opCase("lstm")
        let products = model.steps.filter { $0.operation.name == "mul" || $0.operation.name == "batchMatMul" }
        #expect(products.count == 5, "\(products.map(\.node))")
    }

    /// What the expansion cannot unroll is refused naming the node: a computed sequence_lens, an
    /// activation zkml has no table for, a direction ONNX does not define.
    @Test func unsupportedFormsNameTheNode() throws {
        func graph(_ attributes: [String: Attribute], lengthsComputed: Bool = false) throws -> ResolvedGraph {
            let w = Tensor(shape: [1, 2, 2], scalars: [0.5, -0.25, 0.75, 0.1]), r = Tensor(shape: [1, 2, 2], scalars: [0.2, 0.3, -0.4, 0.6])
            var nodes = [Node(name: "cell", opType: "RNN", inputs: ["x", "w", "r", "", lengthsComputed ? "lens" : ""], outputs: ["y"],
                              attributes: attributes.merging(["hidden_size": .int(2)]) { a, _ in a })]
            if lengthsComputed {
                nodes.insert(Node(name: "lens", opType: "ArgMax", inputs: ["x"], outputs: ["lens"], attributes: ["axis": .int(0), "keepdims": .int(0)]), at: 0)
            }
            return try Graph(name: "g", nodes: nodes, initializers: ["w": w, "r": r],
                             inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(2), .fixed(1), .fixed(2)])],
                             outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 14).resolved()
        }
        #expect(throws: ONNXError.invalidNode(node: "cell", opType: "RNN", reason: "activation 'ThresholdedRelu'")) {
            try graph(["activations": .strings(["ThresholdedRelu"])])
        }
        #expect(throws: ONNXError.invalidNode(node: "cell", opType: "RNN", reason: "direction 'sideways' (forward, reverse, bidirectional)")) {
            try graph(["direction": .string("sideways")])
        }
        #expect(throws: ONNXError.self) { try graph([:], lengthsComputed: true) }
        #expect(try graph([:]).nodes.allSatisfy { $0.op != .rnn })
    }
}
