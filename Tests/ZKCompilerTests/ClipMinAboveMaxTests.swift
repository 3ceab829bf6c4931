import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant

/// Regression: a legal ONNX `Clip` whose min is above its max reached `precondition(lo <= hi)` in
/// `CircuitAPI.clamp` and killed the compiler. ONNX (and onnxruntime) apply `max` then `min`, so
/// every output is the max; the float reference, the integer inference and the circuit all say so.
@Suite struct ClipMinAboveMaxTests {
    /// One Clip in the form of an opset: bounds as constant inputs (Clip-11+; onnxruntime gives
    /// the max everywhere, see Circuits/ops/clip_min_above_max) or as attributes (Clip-6:
    /// onnxruntime refuses to load it, ONNX's reference evaluator gives the max), on a `[1, 6]` input.
    struct Form: CustomTestStringConvertible, Sendable {
        let name: String
        let opset: Int
        let lower: Double
        let upper: Double
        var testDescription: String { "\(name): Clip(\(lower), \(upper)), opset \(opset)" }

        func graph() throws -> ResolvedGraph {
            let node: Node
            var initializers: [String: Tensor<Double>] = [:]
            if opset >= 11 {
                node = Node(name: "clip", op: .clip, inputs: ["x", "lo", "hi"], outputs: ["y"])
                initializers = ["lo": Tensor(shape: [], scalars: [lower]), "hi": Tensor(shape: [], scalars: [upper])]
            } else {
                node = Node(name: "clip", op: .clip, inputs: ["x"], outputs: ["y"],
                            attributes: ["min": .float(lower), "max": .float(upper)])
            }
            return try Graph(name: name, nodes: [node], initializers: initializers,
                             inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(1), .fixed(6)])],
                             outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: opset).resolved()
        }
    }

    static let forms = [
        Form(name: "inputs", opset: 13, lower: 0.5, upper: -0.25),
        Form(name: "attributes", opset: 6, lower: 0.75, upper: 0.25),
        Form(name: "zero lower", opset: 13, lower: 0, upper: -1.5),
    ]
    static let input: [Double] = [-3, -0.5, 0, 0.3, 0.6, 2.5]

    @Test(arguments: forms)
    func everyLayerGivesTheUpperBound(_ form: Form) throws {
        let graph = try form.graph()
        #expect(try graph.evaluate([Tensor(shape: [1, 6], scalars: Self.input)])[0].scalars == Array(repeating: form.upper, count: 6))

        let model = try QuantizedModel(graph: graph)
        guard case let .clip(lower, upper)? = model.steps.first?.operation, model.steps.count == 1 else {
            Issue.record("\(form.name): steps \(model.steps.map(\.operation.name))")
            return
        }
        #expect(lower > upper, "the quantized bounds keep the model's order")
        let (floats, trace) = try QuantizedInference(model: model).run(floatInputs: [Self.input])
        #expect(trace.outputs[0].scalars == Array(repeating: upper, count: 6))
        #expect(floats[0] == Array(repeating: form.upper, count: 6))

        let inputs = try model.quantizeInputs([Self.input])
        let circuit = ModelCircuit(model: model)
        let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
        #expect(outputs == trace.outputs)
        try system.check(witness)
        #expect(try circuit.makeR1CS().contentHash == system.contentHash)
        // Every output is a public signal pinned to the upper bound: moving any of them breaks a row.
        for position in (system.publicCount - 5) ... system.publicCount {
            #expect(witness.values[position] == BN254.Fr(Int(upper)))
            for delta in [BN254.Fr.one, -BN254.Fr.one, BN254.Fr(Int(upper - lower))] {
                var tampered = witness
                tampered.values[position] += delta
                #expect(!system.isSatisfied(by: tampered), "\(form.name): output \(position) + \(delta) accepted")
            }
        }
    }
}
