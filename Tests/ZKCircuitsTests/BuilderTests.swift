import Foundation
import Testing
@testable import ZKCircuits
import ZKConstraints
import ZKField
import ZKSynthetic

@Suite("Circuit builder")
struct BuilderTests {
    @Test("linear operations are free; mul costs one constraint unless an operand is constant")
    func costs() throws {
        let builder = CircuitBuilder(mode: .proving)
        let x = builder.privateInput(signed: { 3 }), y = builder.privateInput(signed: { -4 })
        let sum = builder.linearCombination([(x, Fr(2)), (y, Fr(5)), (x, Fr(1))], constant: Fr(7))
        let linear = builder.add(builder.sub(builder.mul(x, constant: 3), y), constant: 10)
        #expect(builder.constraintCount == 0 && builder.privateCount == 2)
        #expect(builder.value(of: sum) == Fr(3 * 3 - 20 + 7) && builder.value(of: linear) == Fr(9 + 4 + 10))
        _ = builder.mul(x, builder.constant(Fr(9)))
        _ = builder.mul(builder.constant(Int64(2)), y)
        #expect(builder.constraintCount == 0)
        let product = builder.mul(sum, linear)
        #expect(builder.constraintCount == 1 && builder.privateCount == 3)
        #expect(builder.value(of: product) == Fr(-4 * 23))
        builder.assertEqual(builder.constant(Int64(5)), builder.constant(Int64(5)))
        #expect(builder.constraintCount == 1)
        try builder.makeR1CS().check(try builder.makeWitness())
    }

    @Test("past its term limit a builder drops the rows and fails with tooLarge, naming the label")
    func termLimit() throws {
        let builder = CircuitBuilder(mode: .setup)
        builder.termLimit = 20
        let x = builder.privateInput { .zero }, y = builder.privateInput { .zero }
        // Each product stores 3 terms (x, y, the product's wire): the seventh passes 20.
        for _ in 0 ..< 6 { _ = builder.mul(x, y) }
        #expect(builder.error == nil && builder.constraintCount == 6)
        builder.withLabel("node 'big' (MaxPool)") { for _ in 0 ..< 10 { _ = builder.mul(x, y) } }
        #expect(builder.constraintCount == 6)
        #expect(builder.error == .tooLarge(label: "node 'big' (MaxPool)", constraints: 6, terms: 20))
        #expect(throws: CircuitError.tooLarge(label: "node 'big' (MaxPool)", constraints: 6, terms: 20)) { _ = try builder.makeR1CS() }
        #expect(CircuitError.tooLarge(label: "n", constraints: 6, terms: 20).description.contains("passed 20 non-zero terms at constraint 6 (n)"))
        // Without a limit the same circuit builds.
        let free = CircuitBuilder(mode: .setup)
        let u = free.privateInput { .zero }, v = free.privateInput { .zero }
        for _ in 0 ..< 16 { _ = free.mul(u, v) }
        #expect(try free.makeR1CS().constraintCount == 16)
    }

    @Test("every signal carries the value of its combination, through each linear path")
    func signalsCarryTheirValues() throws {
        var rng = SeededGenerator(seed: 0x5167)
        let builder = CircuitBuilder(mode: .proving)
        var pool = (0 ..< 6).map { _ in builder.privateInput(signed: { Int64.random(in: -1000 ... 1000, using: &rng) }) }
        pool.append(builder.constant(Fr(-7)))
        func pick() -> CircuitBuilder.Signal { pool[Int.random(in: 0 ..< pool.count, using: &rng)] }
        func coefficient() -> Fr { [Fr.one, .zero, Fr(-1), Fr(3), Fr(Int.random(in: -99 ... 99, using: &rng))][Int.random(in: 0 ..< 5, using: &rng)] }
        var valued = 0
        for round in 0 ..< 400 {
            let made: CircuitBuilder.Signal
            switch round % 6 {
            case 0: made = builder.add(pick(), pick())
            case 1: made = builder.sub(pick(), pick())
            case 2: made = builder.mul(pick(), constant: coefficient())
            case 3: made = builder.add(pick(), constant: coefficient())
            case 4: made = builder.mul(pick(), pick())
            default:
                // Few terms (merged) and many (collected: in wire order, or shuffled with repeats).
                let count = [2, 3, 4, 5, 9, 40, 80][Int.random(in: 0 ..< 7, using: &rng)]
                var terms = (0 ..< count).map { _ in (pick(), coefficient()) }
                if Bool.random(using: &rng) { terms.sort { ($0.0.combination.terms.first?.variable.index ?? 0) < ($1.0.combination.terms.first?.variable.index ?? 0) } }
                let constant = Bool.random(using: &rng) ? Fr.zero : Fr(round)
                made = builder.linearCombination(terms, constant: constant)
                // The same combination, collected and sorted term by term.
                var all = [LinearCombination.Term(.one, constant)]
                for (signal, c) in terms { for term in signal.combination.terms { all.append(.init(term.variable, term.coefficient * c)) } }
                #expect(made.combination == LinearCombination(all), "linearCombination of \(count) signals, round \(round)")
            }
            let value = made.combination.evaluate(builder.values)
            #expect(builder.value(of: made) == value, "round \(round)")
            #expect(made.combination.terms.count >= CircuitBuilder.valuedTermCount ? made.value == value : made.value == nil,
                    "round \(round): \(made.combination.terms.count) terms")
            if made.value != nil { valued += 1 }
            pool.append(made)
        }
        #expect(valued > 20 && valued < 380, "both long and short combinations made: \(valued) valued")
        #expect(builder.error == nil)
        try builder.makeR1CS().check(try builder.makeWitness())
        // Setup mode carries no value.
        let setup = CircuitBuilder(mode: .setup)
        let x = setup.privateInput(signed: { 1 })
        let long = setup.linearCombination((0 ..< 40).map { _ in (setup.privateInput(signed: { 1 }), Fr(2)) }, constant: .zero)
        #expect(long.value == nil && setup.add(x, x).value == nil && setup.value(of: x) == nil)
    }

    @Test("public wires end up first, in the order they were made public")
    func publicRenumbering() throws {
        for mode in [CircuitBuilder.Mode.setup, .proving] {
            let builder = CircuitBuilder(mode: mode)
            let a = builder.privateInput(signed: { 2 })
            let b = builder.publicInput(signed: { 3 })
            let c = builder.mul(a, b)                     // private wire, made public later
            let d = builder.add(c, constant: 1)           // not a single wire: copied
            let outC = builder.makePublic(c)
            #expect(outC == c && builder.constraintCount == 1)
            let outD = builder.makePublic(d)
            #expect(outD != d && builder.constraintCount == 2)
            let again = builder.makePublic(c)             // already public: copied
            #expect(again != c && builder.constraintCount == 3)
            let e = builder.publicInput(signed: { -1 })
            builder.assertEqual(builder.mul(e, e), builder.constant(Int64(1)))
            let system = try builder.makeR1CS()
            #expect(system.publicCount == 5 && system.privateCount == 2)
            if mode == .proving {
                let witness = try builder.makeWitness()
                #expect(Array(witness.publicInputs(count: 5)) == [Fr(3), Fr(6), Fr(7), Fr(6), -Fr(1)])
                #expect(witness.values[6] == Fr(2))   // the first private wire is a
                #expect(builder.finalIndex(of: b) == 1 && builder.finalIndex(of: c) == 2 && builder.finalIndex(of: a) == 6)
                try system.check(witness)
            }
        }
    }

    @Test("emitsSameConstraints matches makeR1CS and nothing else")
    func comparesWithAStoredSystem() throws {
        /// A small circuit with late public wires (renumbered); `variant` changes one thing.
        func build(_ variant: Int, digestsFor expected: R1CS? = nil) throws -> CircuitBuilder {
            let builder = CircuitBuilder(mode: .proving)
            if let expected { builder.recordDigestsOnly(expecting: expected) }
            let a = builder.privateInput(signed: { 2 })
            let b = builder.publicInput(signed: { 3 })
            let product = builder.mul(variant == 1 ? builder.add(a, constant: 1) : a, b)
            _ = builder.makePublic(builder.add(product, constant: 1))
            if variant == 2 { builder.assertEqual(a, builder.constant(Int64(2))) }
            if variant == 3 { _ = builder.makePublic(a) }
            _ = builder.mul(b, variant == 4 ? builder.mul(a, constant: 2) : a)
            return builder
        }
        let reference = try build(0).makeR1CS()
        #expect(try build(0).emitsSameConstraints(as: reference))
        #expect(try build(0, digestsFor: reference).emitsSameConstraints(as: reference))
        for variant in 1...4 {
            let builder = try build(variant)
            let system = try builder.makeR1CS()
            #expect(!builder.emitsSameConstraints(as: reference), "variant \(variant)")
            #expect(builder.emitsSameConstraints(as: system), "variant \(variant)")
            // Digest-only recording (the prover's mode) agrees with the row comparison.
            #expect(!(try build(variant, digestsFor: reference)).emitsSameConstraints(as: reference), "variant \(variant)")
            #expect(try build(variant, digestsFor: system).emitsSameConstraints(as: system), "variant \(variant)")
        }
        // A coefficient changed in one stored row (same shape, same counts) is caught by its digest.
        var altered = R1CS(publicCount: reference.publicCount, privateCount: reference.privateCount)
        for i in 0..<reference.constraintCount {
            let constraint = reference.constraint(at: i)
            altered.append(i > 0 ? constraint : Constraint(a: constraint.a, b: constraint.b.scaled(by: Fr(5)), c: constraint.c))
        }
        #expect(!(try build(0, digestsFor: altered)).emitsSameConstraints(as: altered))
    }

    @Test("setup mode never calls a value closure or a hint, and emits the proving system")
    func setupNeedsNoValues() throws {
        func circuit<API: CircuitAPI>(_ api: API, setup: Bool) -> API.Signal {
            let x = api.privateInput { () throws(CircuitError) in
                if setup { Issue.record("value closure called in setup") }
                return Fr(1000)
            }
            let h = api.hint([x]) { (v: [Fr]) throws(CircuitError) in
                if setup { Issue.record("hint called in setup") }
                return v[0] + Fr(1)
            }
            return api.relu(api.rescale(api.add(x, h), shift: 3, bits: 16), bits: 16)
        }
        let setup = CircuitBuilder(mode: .setup)
        _ = setup.makePublic(circuit(setup, setup: true))
        let proving = CircuitBuilder(mode: .proving)
        let y = proving.makePublic(circuit(proving, setup: false))
        #expect(try setup.makeR1CS() == proving.makeR1CS())
        #expect(setup.value(of: setup.constant(Int64(1))) == nil)
        #expect(proving.value(of: y) == Fr(250))   // ⌊(2001 + 4) / 8⌋
        let native = NativeEvaluator()
        #expect(native.makePublic(circuit(native, setup: false)) == Fr(250))
        #expect(try native.finish() == [Fr(250)])
    }

    @Test("errors name the node and the gadget: out-of-range witness and checker failure")
    func labels() throws {
        let builder = CircuitBuilder(mode: .proving)
        let x = builder.privateInput(signed: { 1000 })
        let y = builder.withLabel("node /conv1/Conv") { builder.rescale(x, shift: 2, bits: 8) }
        _ = builder.makePublic(y)
        #expect(throws: CircuitError.outOfRange(label: "node /conv1/Conv: rescale(k=2): quotient: signedRange(8)",
                                                value: "250", range: "[-2^7, 2^7)")) {
            _ = try builder.makeWitness()
        }
        // The checker names the same label for a tampered witness.
        let good = CircuitBuilder(mode: .proving)
        let gx = good.privateInput(signed: { 100 })
        _ = good.makePublic(good.withLabel("node /conv1/Conv") { good.rescale(gx, shift: 2, bits: 8) })
        let system = try good.makeR1CS()
        var witness = try good.makeWitness()
        witness.values[1] += Fr(1)   // the public quotient
        do {
            try system.check(witness)
            Issue.record("tampered quotient accepted")
        } catch {
            guard case let .unsatisfied(_, label, _, _, _) = error else { Issue.record("\(error)"); return }
            #expect(label?.hasPrefix("node /conv1/Conv: rescale(k=2)") == true)
        }
        // A failed assertion in the evaluator carries the label too.
        let native = NativeEvaluator()
        native.withLabel("node /add") { native.assertEqual(Fr(1), Fr(2)) }
        #expect(native.error?.label == "node /add")
        #expect(throws: CircuitError.self) { _ = try native.finish() }
        // A hint on a huge value reports it instead of trapping.
        let huge = NativeEvaluator()
        _ = huge.divide(Fr(2).power(100), by: 3, bits: 16)
        guard case .notSmallInteger = huge.error else { Issue.record("expected notSmallInteger, got \(String(describing: huge.error))"); return }
    }

    @Test("signed conversions")
    func signedConversions() {
        for v: Int64 in [0, 1, -1, Int64.max, Int64.min, Int64.min + 1, 1 << 40, -(1 << 40)] {
            #expect(Fr(Int(v)).signedInt64 == v)
        }
        #expect(Fr(2).power(64).signedInt64 == nil && (-Fr(2).power(64)).signedInt64 == nil)
        #expect(Fr(255).fitsUnsigned(bits: 8) && !Fr(256).fitsUnsigned(bits: 8) && !(-Fr(1)).fitsUnsigned(bits: 253))
        #expect(Fr(2).power(200).fitsUnsigned(bits: 201) && !Fr(2).power(200).fitsUnsigned(bits: 200))
    }

    /// A synthetic ML-shaped circuit: `SyntheticNetwork.neurons` (per neuron a 16-term
    /// accumulator, a rescale to 16 bits and a ReLU sharing the sign: 16 + 8 + 1 = 25 constraints).
    @Test("builder speed (set ZKML_CIRCUIT_BENCH=20 for 2^20 constraints)")
    func speed() throws {
        let log = Int(ProcessInfo.processInfo.environment["ZKML_CIRCUIT_BENCH"] ?? "") ?? 14
        let count = (1 << log) / SyntheticNetwork.constraintsPerNeuron + 1
        for mode in [CircuitBuilder.Mode.setup, .proving] {
            let clock = ContinuousClock()
            var builder: CircuitBuilder!
            let build = clock.measure {
                builder = CircuitBuilder(mode: mode, reservingConstraints: count * SyntheticNetwork.constraintsPerNeuron)
                builder.withLabel("node /bench") { SyntheticNetwork.neurons(builder, count: count) }
            }
            var system: R1CS!
            let finish = clock.measure { system = try! builder.makeR1CS() }
            #expect(system.constraintCount == count * SyntheticNetwork.constraintsPerNeuron)
            print("circuit builder \(mode): \(system.constraintCount) constraints, \(system.variableCount) wires: build \(build), makeR1CS \(finish)")
            if mode == .proving {
                var witness: Witness!
                let check = clock.measure { witness = try! builder.makeWitness() }
                try system.check(witness)
                print("  makeWitness \(check)")
            }
        }
        let native = NativeEvaluator()
        let evaluate = ContinuousClock().measure { SyntheticNetwork.neurons(native, count: count) }
        #expect(native.error == nil)
        print("native evaluator: \(count) neurons in \(evaluate)")
    }
}
