import Foundation
import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Selection and indexing (issue #32): Max/Min, Clip with computed bounds, ArgMin, Hardmax, Mod,
/// integer Div and Cast, folded EyeLike/Range/NonZero, GatherND, ScatterND and ScatterElements
/// (Circuits/ops, onnxruntime's outputs; indices made from the input, so repeated updates to one
/// element occur and apply in order). Each lowered in both range-check modes: the witness equals
/// the inference, every constraint holds, and no private wire or output can move.
@Suite struct SelectionModelTests {
    static let cases = ["max_nary", "min_nary", "clip_computed_bounds", "argmin", "argmin_ties_last", "hardmax", "hardmax_opset11",
                        "mod_fmod", "mod_int", "mod_int_fmod", "div_int", "eyelike", "range_gather", "nonzero_gather", "gathernd_batch",
                        "gathernd_tuple", "gathernd_constant_data", "gathernd_constant_indices", "scatternd", "scatternd_add",
                        "scatternd_max", "scatternd_constant_data", "scatterelements", "scatterelements_mul", "scatterelements_min",
                        "scatterelements_constant_indices"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let trace = try QuantizedInference(model: model).run(input: inputs)
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0x5E1E)
    }

    /// Constant indices make a scatter or gather linear: no product, no one-hot.
    @Test(arguments: ["gathernd_constant_indices", "scatterelements_constant_indices"])
    func constantIndicesAreLinear(_ name: String) throws {
        let (model, _) = try Zoo.opCase(name)
        let kinds = Set(model.steps.map(\.operation.name))
        #expect(kinds.isDisjoint(with: ["mul", "oneHot", "relu"]), "\(name): \(kinds)")
    }

    /// `ScatterND(data, [[i]], updates)` and `GatherND(data, [[i]])` with `i` a public integer
    /// input: every index in `[−4, 4)` is read or written as onnxruntime would; one outside has no
    /// witness and a named error.
    @Test(arguments: ["GatherND", "ScatterND", "ScatterElements"])
    func anIndexOutsideTheRangeIsRefused(_ op: String) throws {
        let data = Tensor(shape: [4, 2], scalars: [0.5, -1.25, 2, 3, -4, 0.75, 1.5, -2.5])
        let inputs = op == "ScatterElements" ? ["data", "i", "u"] : op == "ScatterND" ? ["data", "i", "u"] : ["data", "i"]
        let graph = try Graph(name: "g", nodes: [Node(name: "n", opType: op, inputs: inputs, outputs: ["y"])],
                              initializers: ["data": data],
                              inputs: [ValueInfo(name: "i", elementType: .int64, shape: op == "ScatterElements" ? [.fixed(1), .fixed(2)] : [.fixed(1), .fixed(1)]),
                                       ValueInfo(name: "u", elementType: .float, shape: op == "ScatterElements" ? [.fixed(1), .fixed(2)] : [.fixed(1), .fixed(2)])]
                                  .filter { inputs.contains($0.name) },
                              outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13).resolved()
        let model = try QuantizedModel(graph: graph)
        let inference = QuantizedInference(model: model)
        let update = [7.0, -8.0]
        func feed(_ index: Double) -> [[Double]] {
            op == "GatherND" ? [[index]] : op == "ScatterND" ? [[index], update] : [[index, index], update]
        }
        for index in -4 ... 3 {
            let operands: [Tensor<Double>?] = [data, Tensor(shape: op == "ScatterElements" ? [1, 2] : [1, 1], scalars: op == "ScatterElements" ? [Double(index), Double(index)] : [Double(index)])]
                + (op == "GatherND" ? [] : [Tensor(shape: [1, 2], scalars: update)])
            let expected = try FloatEvaluator.evaluate(graph.nodes[0], operands: operands, opset: 13)[0].scalars
            #expect(try inference.run(floatInputs: feed(Double(index))).outputs[0] == expected, "\(op) \(index)")
        }
        #expect(throws: QuantError.self) { _ = try inference.run(floatInputs: feed(4)) }
        let circuit = ModelCircuit(model: model)
        #expect(throws: CompilerError.self) { _ = try circuit.makeWitness(inputs: try model.quantizeInputs(feed(4))) }
        #expect(throws: CompilerError.self) { _ = try circuit.makeWitness(inputs: try model.quantizeInputs(feed(-5))) }
    }

    /// A graph output that folds to a constant (the corpus `arange`) is a public output bound to
    /// its quantized values: the witness has them, and moving one breaks a constraint.
    @Test func aConstantOutputIsBound() throws {
        let graph = try Graph(name: "g", nodes: [
            Node(name: "range", opType: "Range", inputs: ["start", "limit", "delta"], outputs: ["r"]),
            Node(name: "relu", opType: "Relu", inputs: ["x"], outputs: ["y"]),
        ], initializers: ["start": Tensor(shape: [], scalars: [0]), "limit": Tensor(shape: [], scalars: [9]),
                          "delta": Tensor(shape: [], scalars: [2])],
           inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(2)])],
           outputs: [ValueInfo(name: "r", elementType: .int64, shape: nil), ValueInfo(name: "y", elementType: .float, shape: nil)],
           opset: 13).resolved()
        let model = try QuantizedModel(graph: graph)
        let inputs = try model.quantizeInputs([[-0.5, 1.5]])
        let trace = try QuantizedInference(model: model).run(input: inputs)
        #expect(model.dequantizeOutputs(trace.outputs)[0] == [0, 2, 4, 6, 8])
        let (system, witness, outputs) = try ModelCircuit(model: model).makeWitness(inputs: inputs)
        #expect(outputs == trace.outputs)
        try system.check(witness)
        #expect(CircuitCheck(system, witness).modelEscapes(outputCount: 7, seed: 0xA4A).isEmpty)
    }
}
