import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
@testable import ZKONNX
import ZKQuant
import ZKTestSupport

/// Einsum (issue #33, ``EinsumEquation``; Circuits/ops, onnxruntime's outputs): by constants
/// (matrix, batched, outer, ellipsis, implicit output), of two activations (x·xᵀ, attention
/// scores), three operands, transpose, diagonal, reductions, labels summed on one side. In both
/// range-check modes the witness equals the inference, every constraint holds, and no private
/// wire or output can move.
@Suite struct EinsumModelTests {
    static let cases = ["einsum_matmul", "einsum_implicit", "einsum_batched_constant", "einsum_ellipsis", "einsum_outer",
                        "einsum_gram", "einsum_attention", "einsum_three", "einsum_transpose", "einsum_diagonal", "einsum_reduce",
                        "einsum_one_side_sums"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0xE1)
    }

    /// By a constant: free (rows, weights, sums, one rescale); of two activations: one product
    /// per term, `O·K` (x·xᵀ on [2, 3, 4]: 2·3·3 outputs × 4 terms = 72, as MatMul's batchMatMul).
    @Test func productsOnlyBetweenActivations() throws {
        let (constant, _) = try Zoo.opCase("einsum_matmul")
        #expect(constant.steps.map(\.operation.name) == ["rearrange", "mulConstant", "windowSum", "rescale"])
        let (gram, _) = try Zoo.opCase("einsum_gram")
        #expect(gram.steps.map(\.operation.name) == ["rearrange", "rearrange", "mul", "windowSum", "rescale"])
        let products = try #require(gram.steps.first { $0.operation.name == "mul" })
        #expect(products.outputShape == [18, 4])
        let (transpose, _) = try Zoo.opCase("einsum_transpose")
        #expect(transpose.steps.map(\.operation.name) == ["rearrange"])
    }

    /// The equation reader: implicit outputs, ellipsis broadcasting, and malformed equations
    /// named by node.
    @Test func equations() throws {
        let node = Node(name: "e", op: .einsum, inputs: [], outputs: [])
        let implicit = try EinsumEquation("ba,cb", shapes: [[2, 3], [4, 2]], node: node)
        #expect(implicit.outputShape == [3, 4])  // a, c: the letters seen once, alphabetically
        let broadcast = try EinsumEquation("...i,...i->...", shapes: [[2, 1, 3], [4, 3]], node: node)
        #expect(broadcast.outputShape == [2, 4])
        for bad in ["ij,jk->il", "ij->jj", "i.j->ij", "ij,jk,kl->il", "ij->i->j"] {
            #expect(throws: ONNXError.self) { try EinsumEquation(bad, shapes: [[2, 3], [3, 4]], node: node) }
        }
        #expect(throws: ONNXError.self) { try EinsumEquation("ij,jk->ik", shapes: [[2, 3], [4, 4]], node: node) }
    }
}
