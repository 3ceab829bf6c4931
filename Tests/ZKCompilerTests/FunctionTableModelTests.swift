import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// The saturating functions (Sigmoid, Tanh, Erf, HardSigmoid: one table step, rescale and lookup)
/// lowered in both range-check modes: exact against the integer inference on inputs over the whole
/// activation range, and no private wire or output can move.
@Suite struct FunctionTableModelTests {
    static let cases = ["sigmoid", "tanh", "erf", "hardsigmoid", "hardsigmoid_default"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        #expect(model.steps.map(\.operation.name) == ["table"], "\(name)")
        let inference = QuantizedInference(model: model)
        let bits = ModelCircuit(model: model)
        for circuit in [bits, try bits.withCheapestRangeChecks()] {
            let context = "\(name) [\(circuit.rangeChecks)]"
            // The corpus input, then inputs over the whole 24-bit range and at its ends.
            var generator = SeededGenerator(seed: 0x7AB1E)
            let limit = Int64(1) << (model.inputs[0].bits - 1)
            var trials = [inputs]
            for trial in 0 ..< 4 {
                trials.append(inputs.map { tensor in
                    Tensor(shape: tensor.shape, scalars: tensor.scalars.map { _ in
                        trial == 3 ? (Bool.random(using: &generator) ? limit - 1 : -limit) : Int64.random(in: -limit ..< limit, using: &generator)
                    })
                })
            }
            for trial in trials {
                let trace = try inference.run(input: trial)
                let (system, witness, outputs) = try circuit.makeWitness(inputs: trial)
                #expect(outputs == trace.outputs, "\(context)")
                #expect(system.hasCommitmentRound, "\(context): a function table is a lookup")
                try system.check(witness)
                #expect(try circuit.evaluate(inputs: trial).outputs == trace.outputs, "\(context): evaluator")
            }
            // Every private wire but the challenges, and every output, moved by ±1 and a random element.
            let (system, witness, _) = try circuit.makeWitness(inputs: inputs)
            let check = CircuitCheck(system, witness)
            let challenges = (system.publicCount + 1) ..< (system.publicCount + 1 + system.challengeCount)
            var positions = check.indices(.privateWires).filter { !challenges.contains($0) }
            positions += (1 ... system.publicCount).suffix(model.outputs[0].count)
            let escapes = check.escapes(wires: .list(positions), deltas: CircuitCheck.Delta.plusMinusOne + [.random], seed: 0x7AB1F)
            #expect(escapes.isEmpty, "\(context): \(escapes.prefix(5))")
            #expect(try circuit.makeR1CS().contentHash == system.contentHash, "\(context): setup and proving agree")
        }
    }
}
