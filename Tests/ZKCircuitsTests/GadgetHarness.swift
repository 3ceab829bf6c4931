import Testing
@testable import ZKCircuits
import ZKConstraints
import ZKField
import ZKTestSupport

/// Runs a ``GadgetCase`` on every backend and attacks its witness, in either range-check mode.
///
/// With lookups (``RangeCheckMode/lookup(limbBits:)``) the witness has two rounds: round one is
/// built (honestly or tampered), then completed with seeded random challenges, as a prover that
/// commits first and learns the challenges after would; the completed witness is what the R1CS
/// must accept or reject.
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
    static func build(_ gadget: GadgetCase, _ x: [Int64], mode: CircuitBuilder.Mode, rangeChecks: RangeCheckMode = .bits,
                      configure: (CircuitBuilder) -> Void = { _ in }) -> Build {
        let builder = CircuitBuilder(mode: mode, rangeChecks: rangeChecks)
        configure(builder)
        let inputs = x.map { value in
            builder.privateInput { () throws(CircuitError) in
                if mode == .setup { Issue.record("an input closure was called in setup mode") }
                return Fr(Int(value))
            }
        }
        let outputs = builder.withLabel("node test") { gadget.apply(builder, inputs) }
        let count = builder.constraintCount + builder.pendingQueryConstraints
        let publicOutputs = outputs.map { builder.makePublic($0) }
        return Build(builder: builder, inputs: inputs, outputs: publicOutputs, gadgetConstraints: count)
    }

    /// Seeded random challenges for `system` (none without a commitment round).
    static func challenges(for system: R1CS, seed: UInt64 = 0xC4A1) -> [Fr] {
        var generator = SeededGenerator(seed: seed)
        return (0 ..< system.challengeCount).map { _ in Fr.random(using: &generator) }
    }

    /// The witness a prover gets from `builder`'s round one, tampered or not, completed with
    /// `challenges` without checking the logUp rows (`nil` when completion is impossible: a
    /// zero denominator).
    static func completed(_ builder: CircuitBuilder, challenges: [Fr]) -> Witness? {
        try? builder.twoRoundAssignment(checking: false).complete(challenges: challenges)
    }

    /// The full check of one gadget on one input vector; `attack` adds the tampering passes.
    static func verify(_ gadget: GadgetCase, _ x: [Int64], attack: Bool = true, rangeChecks: RangeCheckMode = .bits,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        precondition(x.count == gadget.arity)
        let context = "\(gadget) on \(x) [\(rangeChecks)]"
        // Setup: no closure runs, the count is the documented one.
        let setup = build(gadget, x, mode: .setup, rangeChecks: rangeChecks)
        #expect(setup.gadgetConstraints == gadget.constraintCount(rangeChecks), "\(context): constraint count", sourceLocation: sourceLocation)
        let setupSystem = try setup.builder.makeR1CS()

        let proving = build(gadget, x, mode: .proving, rangeChecks: rangeChecks)
        let system = try proving.builder.makeR1CS()
        let sameSystem = system == setupSystem
        #expect(sameSystem, "\(context): setup and proving emit different systems", sourceLocation: sourceLocation)
        let challenges = challenges(for: system)

        let native = NativeEvaluator(rangeChecks: rangeChecks)
        let nativeOutputs = native.withLabel("node test") { gadget.apply(native, x.map { Fr(Int($0)) }) }

        guard let expected = gadget.reference(x) else {
            // No witness may exist: witness generation fails with a labelled error, and even the
            // best-effort assignment does not satisfy the system.
            #expect(throws: CircuitError.self, "\(context): accepted an out-of-range input", sourceLocation: sourceLocation) {
                _ = try proving.builder.makeTwoRoundWitness()
            }
            #expect(proving.builder.error?.label?.hasPrefix("node test") == true, "\(context): unlabelled error", sourceLocation: sourceLocation)
            let loose = build(gadget, x, mode: .proving, rangeChecks: rangeChecks) { $0.checksConstraints = false }
            let satisfied = completed(loose.builder, challenges: challenges).map(system.isSatisfied(by:)) ?? false
            #expect(!satisfied, "\(context): best-effort witness satisfies the system", sourceLocation: sourceLocation)
            #expect(native.error != nil, "\(context): evaluator accepted an out-of-range input", sourceLocation: sourceLocation)
            return
        }
        let witness = try proving.builder.makeTwoRoundWitness().complete(challenges: challenges)
        if !system.hasCommitmentRound { #expect(try proving.builder.makeWitness() == witness, sourceLocation: sourceLocation) }
        try system.check(witness)
        let expectedValues = expected.map { Fr(Int($0)) }
        #expect(Array(witness.publicInputs(count: system.publicCount)) == expectedValues,
                "\(context): builder outputs", sourceLocation: sourceLocation)
        #expect(proving.outputs.map { proving.builder.value(of: $0) } == expectedValues, "\(context): value(of:)", sourceLocation: sourceLocation)
        #expect(native.error == nil, "\(context): evaluator error \(native.error.map(String.init(describing:)) ?? "")", sourceLocation: sourceLocation)
        #expect(nativeOutputs == expectedValues, "\(context): evaluator outputs", sourceLocation: sourceLocation)
        guard attack else { return }

        // 1. Every produced wire (everything but the constant and the inputs, which may have
        //    become public when a gadget returns its input), perturbed alone. The challenges
        //    are not the prover's (the verifier derives them from the commitment) and may be
        //    free: a two-column query whose output is 0 never meets β, nor do table rows of
        //    multiplicity 0.
        let inputWires = Set(proving.inputs.compactMap { proving.builder.finalIndex(of: $0) })
        #expect(inputWires.count == x.count, "\(context): inputs are wires", sourceLocation: sourceLocation)
        let challengeWires = (system.publicCount + 1) ..< (system.publicCount + 1 + system.challengeCount)
        let produced = (1..<witness.count).filter { !inputWires.contains($0) && !challengeWires.contains($0) }
        let accepted = CircuitCheck(system, witness).escapes(wires: .list(produced), deltas: deltas.map { .add($0) }).count
        let free = gadget.freeHints(x)
        #expect(accepted == free.count * deltas.count, "\(context): \(accepted) single-wire tamperings accepted", sourceLocation: sourceLocation)

        // 2. Every hint output perturbed, everything downstream recomputed honestly (the best
        //    a cheating prover can do from that change).
        var hintSizes: [Int] = []
        //    With lookups the round-one tampering is committed, then completed honestly with the
        //    challenges. Large hints (a table's multiplicities) are sampled.
        _ = build(gadget, x, mode: .proving, rangeChecks: rangeChecks) { builder in
            builder.tamper = { _, outputs in hintSizes.append(outputs.count) }
        }
        var sampler = SeededGenerator(seed: 0x5A3)
        for (hint, size) in hintSizes.enumerated() where !free.contains(hint) {
            let outputs = size <= 16 ? Array(0 ..< size)
                : Array(Set([0, 1, size - 1] + (0 ..< 5).map { _ in Int.random(in: 0 ..< size, using: &sampler) })).sorted()
            for output in outputs {
                for delta in deltas + gadget.extraDeltas {
                    let attacked = build(gadget, x, mode: .proving, rangeChecks: rangeChecks) { builder in
                        builder.checksConstraints = false
                        builder.tamper = { index, outputs in if index == hint { outputs[output] += delta } }
                    }
                    let satisfied = completed(attacked.builder, challenges: challenges).map(system.isSatisfied(by:)) ?? false
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
