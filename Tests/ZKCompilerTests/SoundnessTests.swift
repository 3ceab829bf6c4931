import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// A witness that differs from the honest one anywhere fails the checker.
@Suite struct SoundnessTests {
    /// Changes a seeded sample of private wires (by +1, −1 and a random field element) and every
    /// public signal class (an input, each output element): each must break a constraint.
    @Test(arguments: Zoo.models)
    func tamperedWitnessFailsChecker(_ name: String) throws {
        let (model, inputs) = try Zoo.model(name)
        let (system, witness, _) = try ModelCircuit(model: model).makeWitness(inputs: inputs)
        let check = CircuitCheck(system, witness)
        var positions = check.indices(.sample(count: TestLevel.isFull ? 400 : 60, seed: 0x6006))
        positions += [1, system.publicCount]                      // the first input, the last output
        positions += (1 ... system.publicCount).suffix(model.outputs[0].count)   // every element of the first output
        try system.check(witness)
        for escape in check.escapes(wires: .list(positions), deltas: CircuitCheck.Delta.plusMinusOne + [.random], seed: 0x6006) {
            let (position, delta) = (escape.wire, escape.delta)
            var tampered = witness
            tampered.values[position] += delta
            // The first input may move by one to another input the model maps to the same
            // outputs: a range check's bit 0 is derived, so x ± 1 can satisfy every row when
            // nothing downstream changes (a pixel whose weights round to zero, or a rescale
            // remainder that absorbs it). That is a true statement about another input, not
            // a forged one: the honest witness for that input must agree on every public signal.
            let step: Int64? = delta == .one ? 1 : delta == -.one ? -1 : nil
            guard position == 1, let step else {
                Issue.record("\(name): wire \(position) + \(delta) still satisfies the circuit")
                continue
            }
            var moved = inputs
            moved[0].scalars[0] += step
            let honest = try ModelCircuit(model: model).makeWitness(inputs: moved).witness
            #expect(Array(honest.values[0 ... system.publicCount]) == Array(tampered.values[0 ... system.publicCount]),
                    "\(name): input 0 moved by \(step) satisfies the circuit with outputs its inference does not give")
        }
    }

    /// Every constraint names where it came from: a node, an input check, an output copy, or the
    /// lookup argument itself (a table's rows, the challenges' powers, the final sums).
    @Test(arguments: Zoo.models)
    func everyConstraintNamesItsNode(_ name: String) throws {
        let (model, _) = try Zoo.model(name)
        let system = try ModelCircuit(model: model).makeR1CS()
        let nodes = Set(model.steps.map(\.node))
        for i in 0 ..< system.constraintCount {
            let label = try #require(system.label(at: i))
            let head = label.firstRange(of: ": ").map { String(label[..<$0.lowerBound]) } ?? label
            let valid = head.hasPrefix("input ") || head.hasPrefix("output ") || head == "lookup"
                || (head.hasPrefix("node ") && nodes.contains(String(head.dropFirst(5))))
            #expect(valid, "constraint \(i): \(label)")
            if !valid { return }
        }
    }

    /// A wrong witness names the node: the checker's message carries the label.
    @Test func checkerNamesTheNode() throws {
        let (model, inputs) = try Zoo.model("mlp_digits")
        let (system, witness, _) = try ModelCircuit(model: model).makeWitness(inputs: inputs)
        var tampered = witness
        tampered.values[system.variableCount - 1] += .one
        do {
            try system.check(tampered)
            Issue.record("tampered witness accepted")
        } catch let ConstraintError.unsatisfied(_, label, _, _, _) {
            #expect(label?.hasPrefix("node ") == true || label?.hasPrefix("output ") == true)
        }
    }
}
