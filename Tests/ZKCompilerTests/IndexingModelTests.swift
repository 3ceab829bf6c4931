import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Computed indices: OneHot, Gather over constant data and GatherElements over the input or
/// constant data, with indices made from the input (Circuits/ops `onehot_*`, `gather_computed*`,
/// `gatherelements_*`: ArgMax − 2, so −2…1, negatives counting from the end), lowered in both range-check modes: the witness equals the inference, no private wire or
/// output can move, and an index outside the range stops the inference and has no witness. Also
/// Round (halves to even, its tie test and parity) on every tie of [−3.5, 3.5] and beside them, and
/// TopK (largest and smallest, ties in index order, values and indices equal to onnxruntime's).
@Suite struct IndexingModelTests {
    @Test(arguments: ["onehot_axis", "onehot_last", "gather_computed", "gather_computed_axis1", "gatherelements_computed", "gatherelements_constant",
                      "round_ties", "topk_largest", "topk_smallest_axis0"])
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        #expect(model.steps.contains { $0.operation.name == (name == "round_ties" ? "test" : "oneHot") })
        let trace = try QuantizedInference(model: model).run(input: inputs)
        if name.hasPrefix("topk") {
            // The indices output: onnxruntime's, ties in index order.
            let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Zoo.ops.appendingPathComponent("\(name).json"))) as! [String: Any]
            #expect(trace.outputs[1].scalars.map(Double.init) == (expected["output_data"] as! [[Double]])[1], "\(name) indices")
        }
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0x0E07)
    }

    /// `Gather(data[3], x + offset)` with `x` a public integer input: indices −3…2 are read, one
    /// outside has no witness and a named error.
    @Test func anIndexOutsideTheRangeIsRefused() throws {
        let graph = try Graph(name: "gather", nodes: [
            Node(name: "index", opType: "Add", inputs: ["x", "offset"], outputs: ["i"]),
            Node(name: "gather", opType: "Gather", inputs: ["data", "i"], outputs: ["y"]),
        ], initializers: ["data": Tensor(shape: [3], scalars: [0.5, -1.25, 2]), "offset": Tensor(shape: [], scalars: [0])],
           inputs: [ValueInfo(name: "x", elementType: .int64, shape: [.fixed(2)])],
           outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13).resolved()
        let model = try QuantizedModel(graph: graph)
        let inference = QuantizedInference(model: model)
        #expect(try inference.run(floatInputs: [[-3, 2]]).outputs[0] == [0.5, 2])
        #expect(try inference.run(floatInputs: [[-1, 1]]).outputs[0] == [2, -1.25])
        #expect(throws: QuantError.self) { _ = try inference.run(floatInputs: [[3, 0]]) }
        let circuit = ModelCircuit(model: model)
        #expect(throws: CompilerError.self) { _ = try circuit.makeWitness(inputs: try model.quantizeInputs([[3, 0]])) }
        #expect(throws: CompilerError.self) { _ = try circuit.makeWitness(inputs: try model.quantizeInputs([[-4, 0]])) }
    }
}
