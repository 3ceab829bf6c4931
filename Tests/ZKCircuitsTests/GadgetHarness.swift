import Testing
@testable import ZKCircuits
import ZKConstraints
import ZKField
import ZKTestSupport

/// Runs a ``GadgetCase`` on every backend and attacks its witness.
enum GadgetHarness {
    /// Deltas added to single wires and hint outputs: ±1, ±2 and a wrap-around value.
    static let deltas: [Fr] = [Fr(1), -Fr(1), Fr(2), -Fr(2), Fr(2).power(130)]

    struct Build {
        let builder: CircuitBuilder
        let inputs: [CircuitBuilder.Signal]
        let outputs: [CircuitBuilder.Signal]
        let gadgetConstraints: Int
    }

    /// Builds the gadget on private inputs `x` and makes its outputs public (so every test also
    /// exercises the renumbering of late public wires).
    static func build(_ gadget: GadgetCase, _ x: [Int64], mode: CircuitBuilder.Mode,
                      configure: (CircuitBuilder) -> Void = { _ in }) -> Build {
        let builder = CircuitBuilder(mode: mode)
        configure(builder)
        let inputs = x.map { value in
            builder.privateInput { () throws(CircuitError) in
                if mode == .setup { Issue.record("an input closure was called in setup mode") }
                return Fr(Int(value))
            }
        }
        let outputs = builder.withLabel("node test") { gadget.apply(builder, inputs) }
        let count = builder.constraintCount
        let publicOutputs = outputs.map { builder.makePublic($0) }
        return Build(builder: builder, inputs: inputs, outputs: publicOutputs, gadgetConstraints: count)
    }

    /// The full check of one gadget on one input vector; `attack` adds the tampering passes.
    static func verify(_ gadget: GadgetCase, _ x: [Int64], attack: Bool = true,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        precondition(x.count == gadget.arity)
        let context = "\(gadget) on \(x)"
        // Setup: no closure runs, the count is the documented one.
        let setup = build(gadget, x, mode: .setup)
        #expect(setup.gadgetConstraints == gadget.constraintCount, "\(context): constraint count", sourceLocation: sourceLocation)
        let setupSystem = try setup.builder.makeR1CS()

        let proving = build(gadget, x, mode: .proving)
        let system = try proving.builder.makeR1CS()
        let sameSystem = system == setupSystem
        #expect(sameSystem, "\(context): setup and proving emit different systems", sourceLocation: sourceLocation)

        let native = NativeEvaluator()
        let nativeOutputs = native.withLabel("node test") { gadget.apply(native, x.map { Fr(Int($0)) }) }

        guard let expected = gadget.reference(x) else {
            // No witness may exist: witness generation fails with a labelled error, and even the
            // best-effort assignment does not satisfy the system.
            #expect(throws: CircuitError.self, "\(context): accepted an out-of-range input", sourceLocation: sourceLocation) {
                _ = try proving.builder.makeWitness()
            }
            #expect(proving.builder.error?.label?.hasPrefix("node test") == true, "\(context): unlabelled error", sourceLocation: sourceLocation)
            let loose = build(gadget, x, mode: .proving) { $0.checksConstraints = false }
            let satisfied = system.isSatisfied(by: loose.builder.assignment())
            #expect(!satisfied, "\(context): best-effort witness satisfies the system", sourceLocation: sourceLocation)
            #expect(native.error != nil, "\(context): evaluator accepted an out-of-range input", sourceLocation: sourceLocation)
            return
        }
        let witness = try proving.builder.makeWitness()
        try system.check(witness)
        let expectedValues = expected.map { Fr(Int($0)) }
        #expect(Array(witness.publicInputs(count: system.publicCount)) == expectedValues,
                "\(context): builder outputs", sourceLocation: sourceLocation)
        #expect(proving.outputs.map { proving.builder.value(of: $0) } == expectedValues, "\(context): value(of:)", sourceLocation: sourceLocation)
        #expect(native.error == nil, "\(context): evaluator error \(native.error.map(String.init(describing:)) ?? "")", sourceLocation: sourceLocation)
        #expect(nativeOutputs == expectedValues, "\(context): evaluator outputs", sourceLocation: sourceLocation)
        guard attack else { return }

        // 1. Every produced wire (everything but the constant and the inputs, which may have
        //    become public when a gadget returns its input), perturbed alone.
        let inputWires = Set(proving.inputs.compactMap { proving.builder.finalIndex(of: $0) })
        #expect(inputWires.count == x.count, "\(context): inputs are wires", sourceLocation: sourceLocation)
        let produced = (1..<witness.count).filter { !inputWires.contains($0) }
        let accepted = CircuitCheck(system, witness).escapes(wires: .list(produced), deltas: deltas.map { .add($0) }).count
        let free = gadget.freeHints(x)
        #expect(accepted == free.count * deltas.count, "\(context): \(accepted) single-wire tamperings accepted", sourceLocation: sourceLocation)

        // 2. Every hint output perturbed, everything downstream recomputed honestly (the best
        //    a cheating prover can do from that change).
        var hintSizes: [Int] = []
        _ = build(gadget, x, mode: .proving) { builder in
            builder.tamper = { _, outputs in hintSizes.append(outputs.count) }
        }
        for (hint, size) in hintSizes.enumerated() where !free.contains(hint) {
            for output in 0..<size {
                for delta in deltas + gadget.extraDeltas {
                    let attacked = build(gadget, x, mode: .proving) { builder in
                        builder.checksConstraints = false
                        builder.tamper = { index, outputs in if index == hint { outputs[output] += delta } }
                    }
                    let satisfied = system.isSatisfied(by: attacked.builder.assignment())
                    #expect(!satisfied,
                            "\(context): hint \(hint) output \(output) + \(delta.signedDescription) accepted",
                            sourceLocation: sourceLocation)
                }
            }
        }
    }
}

extension GadgetCase {
    /// Attack deltas specific to a gadget: for a division by `d`, `±d⁻¹` on the quotient is the
    /// wrap-around attack (`ρ` moves by ∓1 and stays in range when the quotient is unchecked).
    var extraDeltas: [Fr] {
        switch self {
        case let .divide(d, _): [Fr(Int(d)).inverse(), -Fr(Int(d)).inverse()]
        case let .rescale(k, _), let .rescaleRelu(k, _): [Fr(1 << k).inverse(), -Fr(1 << k).inverse()]
        default: []
        }
    }
}
