import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Comparisons, logic and `Where` (``LogicOperator``) lowered in both range-check modes: the
/// booleans equal the float graph's exactly (inputs on a grid, so ties are exercised), the
/// selected values are the quantized operands, the witness equals the inference, and no private
/// wire or output can move.
@Suite struct LogicModelTests {
    /// `x`, `y` of shape [2, 3] and [3] (broadcast), and every operator once:
    /// `c = x < y`, `g = x > 0.5`, `e = x == y`, `le = x ≤ 0.5`, `ge = y ≥ x`, `n = ¬c`,
    /// `a = c ∧ g`, `o = n ∨ a`, `xr = o ⊕ e`, `w = where(xr, x, y)`, `v = where(le, 1.5, -2)`,
    /// `b = x ≠ 0` through `And(x, ge)` (a float operand made boolean).
    static func graph() throws -> ResolvedGraph {
        func node(_ name: String, _ op: String, _ inputs: [String]) -> Node { Node(name: name, opType: op, inputs: inputs, outputs: [name]) }
        let nodes = [
            node("c", "Less", ["x", "y"]), node("g", "Greater", ["x", "half"]), node("e", "Equal", ["x", "y"]),
            node("le", "LessOrEqual", ["x", "half"]), node("ge", "GreaterOrEqual", ["y", "x"]), node("n", "Not", ["c"]),
            node("a", "And", ["c", "g"]), node("o", "Or", ["n", "a"]), node("xr", "Xor", ["o", "e"]),
            node("w", "Where", ["xr", "x", "y"]), node("v", "Where", ["le", "high", "low"]), node("b", "And", ["xf", "ge"]),
            Node(name: "xf", opType: "Identity", inputs: ["x"], outputs: ["xf"]),
        ]
        let outputs = ["w", "v", "o", "b"].map { ValueInfo(name: $0, elementType: .float, shape: nil) }
        return try Graph(name: "logic", nodes: [nodes[12]] + nodes.dropLast(),
                         initializers: ["half": Tensor(shape: [], scalars: [0.5]), "high": Tensor(shape: [], scalars: [1.5]),
                                        "low": Tensor(shape: [1], scalars: [-2])],
                         inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(2), .fixed(3)]),
                                  ValueInfo(name: "y", elementType: .float, shape: [.fixed(3)])],
                         outputs: outputs, opset: 13).resolved()
    }

    @Test func exactAndSound() throws {
        let graph = try Self.graph()
        let model = try QuantizedModel(graph: graph)
        let inference = QuantizedInference(model: model)
        var generator = SeededGenerator(seed: 0x1061C)
        for trial in 0 ..< 12 {
            // Values on a 0.5 grid in [−1.5, 1.5]: ties between x and y, and at 0.5, are common.
            let x = (0 ..< 6).map { _ in Double(Int.random(in: -3 ... 3, using: &generator)) / 2 }
            let y = trial == 0 ? [x[0], x[1], x[2]] : (0 ..< 3).map { _ in Double(Int.random(in: -3 ... 3, using: &generator)) / 2 }
            let expected = try graph.evaluate([Tensor(shape: [2, 3], scalars: x), Tensor(shape: [3], scalars: y)]).map(\.scalars)
            let (outputs, trace) = try inference.run(floatInputs: [x, y])
            // Booleans and the selected grid values are exact.
            for (index, name) in ["w", "v", "o", "b"].enumerated() {
                #expect(outputs[index] == expected[index], "\(name) on x = \(x), y = \(y)")
            }
            let inputs = try model.quantizeInputs([x, y])
            for circuit in [ModelCircuit(model: model), try ModelCircuit(model: model).withCheapestRangeChecks()] {
                let (system, witness, circuitOutputs) = try circuit.makeWitness(inputs: inputs)
                #expect(circuitOutputs == trace.outputs, "[\(circuit.rangeChecks)]")
                try system.check(witness)
                if trial < 2 {
                    let escapes = CircuitCheck(system, witness).modelEscapes(outputCount: model.outputs.reduce(0) { $0 + $1.count }, seed: 0x1061D)
                    #expect(escapes.isEmpty, "[\(circuit.rangeChecks)]: \(escapes.prefix(5))")
                }
            }
        }
    }

    @Test func comparisonCosts() throws {
        // One n-bit sign test per element (x − 0.5 has 25 bits): lessThan's n + 1 in bits mode.
        let model = try QuantizedModel(graph: try Self.graph())
        #expect(model.steps.contains { $0.operation.name == "test" })
        #expect(Set(model.steps.filter { $0.node == "c" }.map(\.operation.name)) == ["linearCombination", "test"])
        // And(x, ge) makes x boolean once: x ≠ 0 as a zero test and a negation.
        #expect(model.steps.filter { $0.node == "b" }.map(\.operation.name) == ["test", "linearCombination", "mul"])
    }
}
