import Testing
import ZKCircuits
import ZKCompiler
import ZKConstraints
import ZKField
import ZKONNX
import ZKQuant
import ZKTestSupport

/// Every function table op (one table step; Selu adds its constant γ) lowered in both
/// range-check modes: exact against the integer inference on inputs over the whole covered part of
/// the activation range, no private wire or output can move, and an input outside the table's
/// domain stops both the inference and the witness.
@Suite struct FunctionTableModelTests {
    static let cases = [
        "sigmoid", "tanh", "erf", "hardsigmoid", "hardsigmoid_default", "hardswish", "exp", "log", "sqrt", "reciprocal",
        "pow_fractional", "pow_negative", "pow_constant_base", "pow_constant_base_below_one", "softplus", "softsign", "elu", "elu_default", "celu", "selu", "selu_attributes",
        "mish", "gelu", "gelu_tanh", "abs", "sign", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "asinh",
        "acosh", "atanh",
    ]
    /// Sin, Cos, Tan: the table reads the input reduced modulo the period, not the input itself.
    static let periodic: Set<String> = ["sin", "cos", "tan"]

    @Test(arguments: cases)
    func exactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let periodic = Self.periodic.contains(name)
        #expect(model.steps.map(\.operation.name) == (periodic ? ["mulConstant", "divide", "linearCombination", "table"] : ["table"])
                || name.hasPrefix("selu"), "\(name)")
        guard let step = model.steps.first(where: { $0.operation.name == "table" }), case let .table(table) = step.operation else { return }
        let inference = QuantizedInference(model: model)
        let bits = ModelCircuit(model: model)
        // Inputs over the whole 24-bit range that the table covers (a log needs x > 0).
        var generator = SeededGenerator(seed: 0x7AB1E)
        // Selu's γ > 1 takes its largest inputs beyond the output's width: half the range there.
        let limit = Int64(1) << (model.inputs[0].bits - (name.hasPrefix("selu") ? 2 : 1))
        // |−2^23| = 2^23 leaves the 24 bits: the inference refuses it (the circuit range-checks Abs).
        let lowest = name == "abs" ? -limit + 1 : -limit
        if name == "abs" {
            #expect(throws: QuantError.self) { try inference.run(input: [Tensor(shape: inputs[0].shape, scalars: inputs[0].scalars.map { _ in -limit })]) }
        }
        func covered(_ x: () -> Int64) -> Int64 {
            for _ in 0 ..< 1_000 { let v = x(); if periodic || table.value(at: v) != nil { return v } }
            return inputs[0].scalars[0]
        }
        var trials = [inputs]
        for trial in 0 ..< 4 {
            trials.append(inputs.map { tensor in
                Tensor(shape: tensor.shape, scalars: tensor.scalars.map { _ in
                    covered { trial == 3 ? (Bool.random(using: &generator) ? limit - 1 : lowest) : Int64.random(in: lowest ..< limit, using: &generator) }
                })
            })
        }
        // An input the table does not cover, when there is one: no inference, no witness.
        if !periodic, let outside = [0, -1, limit - 1, -limit].first(where: { table.value(at: $0) == nil }) {
            var input = inputs
            input[0] = Tensor(shape: input[0].shape, scalars: [outside] + input[0].scalars.dropFirst())
            #expect(throws: QuantError.self) { try inference.run(input: input) }
            #expect(throws: (any Error).self) { try bits.makeWitness(inputs: input) }
        }
        for circuit in [bits, try bits.withCheapestRangeChecks()] {
            let context = "\(name) [\(circuit.rangeChecks)]"
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
            let escapes = CircuitCheck(system, witness).modelEscapes(outputCount: model.outputs[0].count, seed: 0x7AB1F)
            #expect(escapes.isEmpty, "\(context): \(escapes.prefix(5))")
            #expect(try circuit.makeR1CS().contentHash == system.contentHash, "\(context): setup and proving agree")
        }
    }
}
