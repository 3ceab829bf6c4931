import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Products of two activations (issue #33): MatMul with broadcast batches and rank-1 operands, a
/// constant left operand, Gemm with an activation B or a transposed activation A, one attention
/// head (Q·Kᵀ, scaled Softmax, ·V), and ScatterND on rank-1 and rank-2 activation data with
/// constant indices (Circuits/ops, onnxruntime's outputs). Each lowered in both range-check modes:
/// the witness equals the inference, every constraint holds, and no private wire (a product, an
/// attention weight) or output can move.
@Suite struct ProductModelTests {
    static let cases = ["matmul_activations", "matmul_broadcast_batch", "matmul_vector_left", "matmul_vector_right",
                        "matmul_constant_left", "gemm_activation_b", "gemm_transposed_a", "attention_head",
                        "scatternd_rank1_data", "scatternd_whole_elements"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0xA77E)
    }

    /// `x[2, 3, 4] · x[2, 4, 3]ᵀ` costs one product constraint per term (2·3·3·4 = 72), the sums
    /// free: 54 more than `a ⊙ a` on `a[2, 3, 3]` (18 products), the same 18 rescales and 24 input checks in both.
    @Test func oneConstraintPerProduct() throws {
        func constraints(_ nodes: [Node], inputShape: [Int], constants: [String: [Double]] = [:]) throws -> Int {
            let graph = try Graph(name: "g", nodes: nodes, initializers: constants.mapValues { Tensor(shape: [$0.count], scalars: $0) },
                                  inputs: [ValueInfo(name: "x", elementType: .float, shape: inputShape.map { .fixed($0) })],
                                  outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13).resolved()
            let model = try QuantizedModel(graph: graph)
            let inputs = try model.quantizeInputs([(0 ..< inputShape.reduce(1, *)).map { Double($0 % 7) / 4 - 0.75 }])
            return try ModelCircuit(model: model).makeWitness(inputs: inputs).0.constraintCount
        }
        let product = try constraints([Node(name: "t", opType: "Transpose", inputs: ["x"], outputs: ["xt"], attributes: ["perm": .ints([0, 2, 1])]),
                                       Node(name: "mm", opType: "MatMul", inputs: ["x", "xt"], outputs: ["y"])], inputShape: [2, 3, 4])
        let square = try constraints([Node(name: "s", opType: "Slice", inputs: ["x", "starts", "ends", "axes"], outputs: ["a"]),
                                      Node(name: "sq", opType: "Mul", inputs: ["a", "a"], outputs: ["y"])], inputShape: [2, 3, 4],
                                     constants: ["starts": [0], "ends": [3], "axes": [2]])
        #expect(product - square == 72 - 18)
    }

    /// A constant left operand and a transposed activation A stay linear: no product at all.
    @Test(arguments: ["matmul_constant_left", "gemm_transposed_a", "scatternd_rank1_data", "scatternd_whole_elements"])
    func constantSidesAreLinear(_ name: String) throws {
        let (model, _) = try Zoo.opCase(name)
        let kinds = Set(model.steps.map(\.operation.name))
        #expect(kinds.isDisjoint(with: ["mul", "batchMatMul", "oneHot"]), "\(name): \(kinds)")
    }

    /// Circuits/gpt_tiny (2 layers, 4 heads, causal mask, GELU, LayerNorm) and gpt_micro (1 layer,
    /// 2 heads): the witness equals the quantized inference and every constraint holds; moving
    /// private wires is the full level's (the circuits have 190 k and 62 k constraints).
    @Test(arguments: ["gpt_tiny", "gpt_micro"])
    func bundledTransformerIsExact(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        let circuit = try ModelCircuit(model: model).withCheapestRangeChecks()
        let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
        #expect(outputs == trace.outputs)
        try system.check(witness)
        if TestLevel.isFull {
            let escapes = CircuitCheck(system, witness).modelEscapes(outputCount: model.outputs.reduce(0) { $0 + $1.count }, seed: 0x6B7)
            #expect(escapes.isEmpty, "\(escapes.prefix(5))")
        }
    }
}
