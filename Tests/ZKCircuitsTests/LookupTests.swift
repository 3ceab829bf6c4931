import Testing
@testable import ZKCircuits
import ZKConstraints
import ZKField
import ZKTestSupport

/// Limb widths that divide the usual check widths (8, 16, 24) and widths that do not.
let limbWidths = [2, 3, 4, 5, 8]

@Suite("Lookups: logUp and limb range checks, valid and tampered two-round witnesses")
struct LookupTests {
    // MARK: Gadgets in lookup mode (the shared harness, two rounds)

    @Test("unsigned and signed range checks", arguments: limbWidths)
    func rangeChecks(w: Int) throws {
        let mode = RangeCheckMode.lookup(limbBits: w)
        for n in [1, 2, 3, 7, 8, 12, 16] {
            let top = Int64(1) << n
            for x in Set([0, 1, top / 2, top - 2, top - 1, top, top + 1, -1, -top]).filter({ $0 >= -top }).sorted() {
                try GadgetHarness.verify(.rangeCheck(n), [x], attack: n <= 12, rangeChecks: mode)
            }
            for x in signedBoundaries(n) {
                try GadgetHarness.verify(.signedRange(n), [x], attack: n <= 12, rangeChecks: mode)
            }
        }
    }

    @Test("range checks, rescale and ReLU with partial tables (the top limb in its own table)",
          arguments: [(8, [1, 4, 7]), (5, [1, 2, 3, 4]), (3, [2])])
    func partialTables(w: Int, partial: [Int]) throws {
        let mode = RangeCheckMode.lookup(limbBits: w, partialTables: partial)
        #expect(mode.isValid)
        for n in [2, 3, 7, 9, 12, 16] {
            let top = Int64(1) << n
            for x in Set([0, 1, top / 2, top - 1, top, top + 1, -1]).sorted() {
                try GadgetHarness.verify(.rangeCheck(n), [x], attack: n <= 12, rangeChecks: mode)
            }
            for x in signedBoundaries(n) {
                try GadgetHarness.verify(.signedRange(n), [x], attack: n <= 9, rangeChecks: mode)
            }
        }
        for k in [1, 3, 5] {
            for x in divisionBoundaries(Int64(1) << k, bits: 8) {
                try GadgetHarness.verify(.rescale(shift: k, bits: 8), [x], attack: k == 3, rangeChecks: mode)
            }
        }
        for x in signedBoundaries(8) { try GadgetHarness.verify(.relu(8), [x], attack: true, rangeChecks: mode) }
    }

    @Test("rescale, rescale + ReLU and divide", arguments: limbWidths)
    func divisions(w: Int) throws {
        let mode = RangeCheckMode.lookup(limbBits: w)
        for k in [0, 1, 3, 5] {
            for x in divisionBoundaries(Int64(1) << k, bits: 8) {
                try GadgetHarness.verify(.rescale(shift: k, bits: 8), [x], attack: k == 3, rangeChecks: mode)
                try GadgetHarness.verify(.rescaleRelu(shift: k, bits: 8), [x], attack: false, rangeChecks: mode)
            }
        }
        for d: Int64 in [1, 3, 6, 7, 256, 1000] {
            for x in divisionBoundaries(d, bits: 8) {
                try GadgetHarness.verify(.divide(d, bits: 8), [x], attack: d == 6 || d == 7, rangeChecks: mode)
            }
        }
    }

    @Test("ReLU, LeakyReLU", arguments: limbWidths)
    func activations(w: Int) throws {
        let mode = RangeCheckMode.lookup(limbBits: w)
        for n in [1, 2, 8, 12] {
            for x in signedBoundaries(n) { try GadgetHarness.verify(.relu(n), [x], attack: n <= 8, rangeChecks: mode) }
        }
        for (slope, k): (Int64, Int) in [(3, 8), (-256, 8), (1, 1), (0, 0)] {
            for x in signedBoundaries(8) + [-100, -37, 37] {
                try GadgetHarness.verify(.leakyRelu(slope: slope, shift: k, bits: 8), [x], attack: slope == 3, rangeChecks: mode)
            }
        }
    }

    @Test("lessThan, max, max of many, argMax, clamp", arguments: [2, 3, 8])
    func comparisons(w: Int) throws {
        let mode = RangeCheckMode.lookup(limbBits: w)
        for n in [1, 7] {
            let edges = signedBoundaries(n)
            for a in edges {
                for b in edges {
                    try GadgetHarness.verify(.lessThan(n), [a, b], attack: n == 7 && w <= 4, rangeChecks: mode)
                    try GadgetHarness.verify(.lessOrEqual(n), [a, b], attack: false, rangeChecks: mode)
                    try GadgetHarness.verify(.max(n), [a, b], attack: false, rangeChecks: mode)
                }
            }
            let full = Int64(1) << n
            for (a, b) in [(0, full), (full, 0), (full - 1, 0), (0, full + 1), (-full, 1)] {
                try GadgetHarness.verify(.lessThan(n), [a, b], rangeChecks: mode)
            }
        }
        for row: [Int64] in [[3, -1, 7, 2], [5, 5, -5, 5], [-128, -128, -128, -128], [127, -128, 127, 0], [300, -300, 0, 1]] {
            try GadgetHarness.verify(.maxOf(8, count: 4), row, attack: false, rangeChecks: mode)
            try GadgetHarness.verify(.argMax(8, count: 4, selectLast: false), row, attack: row[0] == 3, rangeChecks: mode)
            try GadgetHarness.verify(.argMax(8, count: 4, selectLast: true), row, attack: false, rangeChecks: mode)
        }
        for (lo, hi): (Int64?, Int64?) in [(-10, 20), (nil, 50), (-30, nil), (20, -10)] {
            for x in signedBoundaries(8) + [-11, -10, -9, 19, 20, 21, 400] {
                try GadgetHarness.verify(.clamp(lo: lo, hi: hi, bits: 8), [x], attack: lo == -10 && hi == 20 && x == 21, rangeChecks: mode)
            }
        }
    }

    @Test("random inputs: lookup and bits modes agree with ZKQuant at wide widths")
    func randomLockstep() throws {
        var rng = SeededGenerator(seed: 2027)
        for _ in 0 ..< 12 {
            let w = Int.random(in: 2 ... 10, using: &rng)
            let mode = RangeCheckMode.lookup(limbBits: w)
            let acc = Int64.random(in: -(1 << 36) ... (1 << 36), using: &rng)
            try GadgetHarness.verify(.rescale(shift: 12, bits: 24), [acc], attack: false, rangeChecks: mode)
            try GadgetHarness.verify(.divide(Int64.random(in: 2 ... 5000, using: &rng), bits: 24), [acc / 16], attack: false, rangeChecks: mode)
            let x = Int64.random(in: -(1 << 23) ..< (1 << 23), using: &rng)
            let y = Int64.random(in: -(1 << 23) ..< (1 << 23), using: &rng)
            try GadgetHarness.verify(.relu(24), [x], attack: false, rangeChecks: mode)
            try GadgetHarness.verify(.max(24), [x, y], attack: false, rangeChecks: mode)
            try GadgetHarness.verify(.clamp(lo: -(1 << 20), hi: 1 << 21, bits: 24), [x], attack: false, rangeChecks: mode)
            try GadgetHarness.verify(.rangeCheck(53), [abs(acc)], attack: false, rangeChecks: mode)
        }
    }

    @Test("the evaluator reports the same values and errors in both modes")
    func evaluatorAgrees() throws {
        let cases: [(GadgetCase, [Int64])] = [(.rangeCheck(12), [4095]), (.rangeCheck(12), [4096]), (.signedRange(9), [-257]),
                                              (.lessThan(8), [-200, 100]), (.divide(7, bits: 8), [5000]), (.relu(8), [-3])]
        for (gadget, x) in cases {
            var results: [[Fr]] = []
            var errors: [CircuitError?] = []
            for mode in [RangeCheckMode.bits, .lookup(limbBits: 3), .lookup(limbBits: 8)] {
                let native = NativeEvaluator(rangeChecks: mode)
                results.append(native.withLabel("node test") { gadget.apply(native, x.map { Fr(Int($0)) }) })
                errors.append(native.error)
            }
            if errors[0] == nil { #expect(results.allSatisfy { $0 == results[0] }, "\(gadget) on \(x): \(results)") }
            #expect(errors.allSatisfy { $0 == errors[0] }, "\(gadget) on \(x): \(errors)")
        }
    }

    // MARK: Costs

    @Test("constraint counts: the whole system is the histogram's cost", arguments: [2, 3, 5, 8, 10])
    func histogramCost(w: Int) throws {
        func circuit<API: CircuitAPI>(_ api: API) {
            let x = api.privateInput(signed: { 1000 })
            api.rangeCheck(x, bits: 16)
            api.rangeCheck(x, bits: 11)
            api.rangeCheck(signed: x, bits: 13)
            _ = api.signedRangeCheck(x, bits: 12)
            _ = api.lessThan(x, api.constant(Int64(-5)), bits: 12)
            _ = api.rescale(x, shift: 3, bits: 9)
            api.rangeCheck(x, bits: 1)
        }
        var histograms: [RangeCheckHistogram] = []
        for mode in [RangeCheckMode.bits, .lookup(limbBits: w), .lookup(limbBits: w, partialTables: Array(1 ..< w))] {
            let builder = CircuitBuilder(mode: .setup, rangeChecks: mode)
            circuit(builder)
            let system = try builder.makeR1CS()
            #expect(system.constraintCount == mode.cost(of: builder.rangeCheckHistogram), "\(mode)")
            histograms.append(builder.rangeCheckHistogram)
            let native = NativeEvaluator(rangeChecks: mode)
            circuit(native)
            #expect(native.rangeCheckHistogram == builder.rangeCheckHistogram)
        }
        #expect(histograms[0] == histograms[1] && histograms[1] == histograms[2], "the histogram does not depend on the mode")
        let h = histograms[0]
        #expect(h.unsigned == [16: 1, 11: 1, 13: 1, 9: 1, 3: 1, 1: 1] && h.signed == [12: 1, 13: 1])
        #expect(h.bitsCost == 16 + 11 + 13 + 9 + 3 + 1 + 12 + 13)
    }

    @Test("the cost model: formulas, per-check fallback to bits, cheapest width")
    func costModel() {
        #expect(RangeCheckMode.limbCost(bits: 16, limbBits: 8) == 2)
        #expect(RangeCheckMode.limbCost(bits: 17, limbBits: 8) == 4)
        #expect(RangeCheckMode.limbCost(bits: 3, limbBits: 8) == 2)
        #expect(!RangeCheckMode.usesLimbs(bits: 1, limbBits: 2) && !RangeCheckMode.usesLimbs(bits: 2, limbBits: 3))
        #expect(RangeCheckMode.usesLimbs(bits: 2, limbBits: 2) && RangeCheckMode.usesLimbs(bits: 3, limbBits: 8))
        #expect(RangeCheckMode.lookup(limbBits: 8).constraints(signedBits: 17) == 3)
        #expect(RangeCheckMode.lookup(limbBits: 8).constraints(signedBits: 2) == 2)
        var empty = RangeCheckHistogram()
        #expect(RangeCheckMode.cheapest(for: empty) == .bits)
        empty.record(bits: 8, needsSign: false)
        #expect(RangeCheckMode.cheapest(for: empty) == .bits, "one check never pays for a table")
        var many = RangeCheckHistogram()
        for _ in 0 ..< 10_000 { many.record(bits: 24, needsSign: true) }
        for _ in 0 ..< 5_000 { many.record(bits: 16, needsSign: false) }
        let best = RangeCheckMode.cheapest(for: many)
        guard let w = best.limbBits else { Issue.record("lookups are cheaper for 15,000 wide checks"); return }
        for v in RangeCheckMode.limbBitsRange {
            #expect(RangeCheckMode.cost(of: many, limbBits: w) <= RangeCheckMode.cost(of: many, limbBits: v))
        }
        // By hand at w = 8: 10,000 × (1 + 3 + 1) + 5,000 × 2 + 256 + 1.
        #expect(RangeCheckMode.cost(of: many, limbBits: 8) == 10_000 * 5 + 5_000 * 2 + 257)
        #expect(RangeCheckMode.bits.cost(of: many) == 10_000 * 24 + 5_000 * 16)

        // Partial tables: at w = 8 the signed 24-bit checks have a 23-bit part, top limb 7 bits;
        // a table of 2^7 rows saves 10,000 second queries, so the cheapest mode has it.
        #expect(RangeCheckMode.cheapest(for: many, limbBits: 8) == .lookup(limbBits: 8, partialTables: [7]))
        #expect(RangeCheckMode.lookup(limbBits: 8, partialTables: [7]).cost(of: many) == 10_000 * 4 + 5_000 * 2 + 256 + 128 + 2)
        #expect(RangeCheckMode.lookup(limbBits: 8, partialTables: [7]).limbCost(bits: 23) == 3)
        #expect(RangeCheckMode.lookup(limbBits: 8, partialTables: [3]).usesLimbs(bits: 3), "a narrow check: one query in range(3)")
        // A table never pays for fewer checks than its rows: 100 checks of 9 bits at w = 8.
        var few = RangeCheckHistogram()
        for _ in 0 ..< 100 { few.record(bits: 9, needsSign: false) }
        #expect(RangeCheckMode.cheapest(for: few, limbBits: 8) == .lookup(limbBits: 8, partialTables: [1]))
        var wide = RangeCheckHistogram()
        for _ in 0 ..< 100 { wide.record(bits: 15, needsSign: false) }
        #expect(RangeCheckMode.cheapest(for: wide, limbBits: 8) == .lookup(limbBits: 8), "2^7 rows for 100 queries: no")
        for bad in [RangeCheckMode.lookup(limbBits: 8, partialTables: [8]), .lookup(limbBits: 8, partialTables: [4, 3]),
                    .lookup(limbBits: 8, partialTables: [0]), .lookup(limbBits: 8, partialTables: [2, 2])] {
            #expect(!bad.isValid, "\(bad)")
        }
    }

    // MARK: Tampering

    /// `x` (private) range-checked to `n` bits with limbs of `w` bits, and its builder.
    static func rangeCircuit(_ x: Int64, bits n: Int, limbBits w: Int, tamper: ((Int, inout [Fr]) -> Void)? = nil) throws
        -> (system: R1CS, builder: CircuitBuilder, input: CircuitBuilder.Signal) {
        let builder = CircuitBuilder(mode: .proving, rangeChecks: .lookup(limbBits: w))
        builder.checksConstraints = tamper == nil
        builder.tamper = tamper
        let input = builder.privateInput(signed: { x })
        builder.rangeCheck(input, bits: n)
        return (try builder.makeR1CS(), builder, input)
    }

    @Test("a limb out of range: the recomposition holds but the completed witness fails")
    func limbOutOfRange() throws {
        let challenges = [Fr(123_456_789)]
        // 300 = 44 + 1·256; the hinted limb set to 0 makes the derived limb 300 ≥ 2^8.
        let honest = try Self.rangeCircuit(300, bits: 16, limbBits: 8)
        try honest.system.check(try honest.builder.makeTwoRoundWitness().complete(challenges: challenges))
        let tampered = try Self.rangeCircuit(300, bits: 16, limbBits: 8) { hint, outputs in
            if hint == 0 { outputs[0] = .zero }
        }
        #expect(tampered.builder.error != nil)
        let witness = try #require(GadgetHarness.completed(tampered.builder, challenges: challenges))
        #expect(!tampered.system.isSatisfied(by: witness))
        // The top limb of a 12-bit check (w = 8) is below 2^8 but not below 2^4: the shifted query
        // rejects it (x = 2^12 + 5 has limbs 5 and 16).
        let wide = try Self.rangeCircuit(4096 + 5, bits: 12, limbBits: 8)
        #expect(wide.builder.error.map { "\($0)".contains("[0, 2^12)") } == true)
        let wideWitness = try #require(GadgetHarness.completed(wide.builder, challenges: challenges))
        #expect(!wide.system.isSatisfied(by: wideWitness))
        // With a partial table of 4 bits, the top limb 16 is not a row of range(4).
        let partial = CircuitBuilder(mode: .proving, rangeChecks: .lookup(limbBits: 8, partialTables: [4]))
        partial.checksConstraints = false
        partial.rangeCheck(partial.privateInput(signed: { 4096 + 5 }), bits: 12)
        let partialSystem = try partial.makeR1CS()
        #expect(partial.error.map { "\($0)".contains("[0, 2^12)") } == true)
        let partialWitness = try #require(GadgetHarness.completed(partial, challenges: challenges))
        #expect(!partialSystem.isSatisfied(by: partialWitness))
        #expect(partialSystem.constraintCount == 2 + 256 + 16 + 2, "two queries, two tables, a sum per table")
        // The same query with the count moved to row 16 of range(8): one sum over both tables would
        // accept it (16 is a row of the union); the per-table sums do not.
        let borrowed = CircuitBuilder(mode: .proving, rangeChecks: .lookup(limbBits: 8, partialTables: [4]))
        borrowed.checksConstraints = false
        borrowed.tamper = { _, outputs in if outputs.count == 256 { outputs[16] += Fr(1) } }
        borrowed.rangeCheck(borrowed.privateInput(signed: { 4096 + 5 }), bits: 12)
        let borrowedSystem = try borrowed.makeR1CS()
        let borrowedWitness = try #require(GadgetHarness.completed(borrowed, challenges: challenges))
        let failing = (0 ..< borrowedSystem.constraintCount).filter { !borrowedSystem.constraint(at: $0).isSatisfied(by: borrowedWitness.values) }
        #expect(failing.map { borrowedSystem.label(at: $0) } == ["lookup: range(8): sum", "lookup: range(4): sum"], "\(failing)")
        // …whose two residues cancel: a single sum over both tables would have been satisfied.
        let residues = failing.map { borrowedSystem.constraint(at: $0).a.evaluate(borrowedWitness.values) }
        #expect(residues.count == 2 && !residues[0].isZero && (residues[0] + residues[1]).isZero)
    }

    @Test("round-one values changed after the challenge, a wrong challenge, wrong multiplicities")
    func afterTheChallenge() throws {
        let (system, builder, input) = try Self.rangeCircuit(1000, bits: 16, limbBits: 4)
        let twoRound = try builder.makeTwoRoundWitness()
        let witness = try twoRound.complete(challenges: [Fr(777)])
        try system.check(witness)
        // An input moved after the completion (the derived limb follows, its inverse does not).
        let x = try #require(builder.finalIndex(of: input))
        var moved = witness
        moved.values[x] += Fr(1)
        #expect(!system.isSatisfied(by: moved))
        // Every round-one wire moved alone.
        let roundOne = Array(system.committedWires) + [x]
        #expect(CircuitCheck(system, witness).escapes(wires: .list(roundOne), deltas: [.add(.one), .add(-.one), .random]).isEmpty)
        // The challenge wire changed after completing with another challenge.
        var wrongChallenge = witness
        wrongChallenge.values[system.publicCount + 1] = Fr(778)
        #expect(!system.isSatisfied(by: wrongChallenge))
        // Multiplicities: one count moved from row 8 to row 9 (1000 = 8 + 14·16 + 3·256: limbs 8, 14, 3).
        let wrong = try Self.rangeCircuit(1000, bits: 16, limbBits: 4) { hint, outputs in
            if outputs.count == 16 { outputs[8] -= Fr(1); outputs[9] += Fr(1) }
        }
        let wrongWitness = try #require(GadgetHarness.completed(wrong.builder, challenges: [Fr(777)]))
        #expect(!wrong.system.isSatisfied(by: wrongWitness))
        #expect(throws: CircuitError.self) { try wrong.builder.twoRoundAssignment(checking: true).complete(challenges: [Fr(777)]) }
    }

    @Test("errors: makeWitness needs two rounds, the challenge count, a zero denominator, a row not in the table")
    func errors() throws {
        let (_, builder, _) = try Self.rangeCircuit(1000, bits: 16, limbBits: 4)
        #expect(throws: CircuitError.needsTwoRoundWitness(queries: 4)) { try builder.makeWitness() }
        let twoRound = try builder.makeTwoRoundWitness()
        #expect(throws: CircuitError.challengeCount(expected: 1, actual: 2)) { try twoRound.complete(challenges: [Fr(1), Fr(2)]) }
        // X = 3 is the table row 3 (and a limb): X − t = 0.
        #expect(throws: CircuitError.self) { try twoRound.complete(challenges: [Fr(3)]) }
        do {
            _ = try twoRound.complete(challenges: [Fr(3)])
        } catch let error as CircuitError {
            guard case .zeroDenominator = error else { Issue.record("\(error)"); return }
        }
        // Out of range in lookup mode: the same labelled error as with bits.
        let out = CircuitBuilder(mode: .proving, rangeChecks: .lookup(limbBits: 5))
        out.withLabel("node n1") { out.rangeCheck(out.privateInput(signed: { 70_000 }), bits: 16) }
        #expect(throws: CircuitError.outOfRange(label: "node n1: range(16)", value: "70000", range: "[0, 2^16)")) {
            try out.makeTwoRoundWitness()
        }
    }

    /// The table of squares `(x, x²)` for `x` in 0 ..< 16.
    static let squares = LookupTable(name: "square", columnCount: 2, rows: (0 ..< 16).map { [Fr($0), Fr($0 * $0)] })

    @Test("a two-column lookup: valid rows, a row not in the table, a row that matches only when packed")
    func twoColumns() throws {
        func circuit(_ builder: CircuitBuilder, _ rows: [(Int, Int)]) {
            let table = builder.register(Self.squares)
            #expect(builder.register(Self.squares) == table, "an equal table gets the same id")
            for (x, y) in rows {
                let a = builder.privateInput(signed: { Int64(x) }), b = builder.privateInput(signed: { Int64(y) })
                builder.withLabel("node sq") { builder.lookup([a, b], in: table) }
            }
        }
        let valid = [(3, 9), (0, 0), (15, 225), (3, 9)]
        let setup = CircuitBuilder(mode: .setup)
        circuit(setup, valid)
        let setupSystem = try setup.makeR1CS()
        let builder = CircuitBuilder(mode: .proving)
        circuit(builder, valid)
        let system = try builder.makeR1CS()
        #expect(system == setupSystem)
        // Per query 2 constraints, per row 1, the sum 1; challenges X and β.
        #expect(system.constraintCount == 4 * 2 + 16 + 1 && system.challengeCount == 2)
        #expect(system.committedCount == 8 + 16)
        let witness = try builder.makeTwoRoundWitness().complete(challenges: [Fr(1 << 40), Fr(987_654_321)])
        try CircuitCheck.expectSound(system, witness, wires: .privateWires, deltas: [.add(.one), .random], "squares")

        // (3, 10) is in no row: the builder names the node, the completed witness fails.
        let bad = CircuitBuilder(mode: .proving)
        circuit(bad, [(3, 9), (3, 10)])
        #expect(bad.error == .notInTable(label: "node sq", table: "square", row: ["3", "10"]))
        let badSystem = try bad.makeR1CS()
        let badWitness = try #require(GadgetHarness.completed(bad, challenges: [Fr(5555), Fr(31_337)]))
        #expect(!badSystem.isSatisfied(by: badWitness))
        let native = NativeEvaluator()
        let id = native.register(Self.squares)
        native.withLabel("node sq") { native.lookup([Fr(3), Fr(10)], in: id) }
        #expect(native.error == .notInTable(label: "node sq", table: "square", row: ["3", "10"]))

        // (4 + 2^8·... ) packing: row (2, 4) packs to 2 + 256·4 = 1026 = 258 + 256·3, so the
        // query (258, 3) matches it if the columns were packed with 2^8. With a random β it fails;
        // with β = 2^8 (what packing with a constant amounts to) the same witness would pass.
        let packed = CircuitBuilder(mode: .proving)
        packed.tamper = { _, outputs in if outputs.count == 16 { outputs[2] = .one } }   // m = 1 on row (2, 4)
        circuit(packed, [(258, 3)])
        let packedSystem = try packed.makeR1CS()
        #expect(packed.error != nil)
        let random = try #require(GadgetHarness.completed(packed, challenges: [Fr(424_242), Fr(8_675_309)]))
        #expect(!packedSystem.isSatisfied(by: random))
        let packing = try #require(GadgetHarness.completed(packed, challenges: [Fr(424_242), Fr(256)]))
        #expect(packedSystem.isSatisfied(by: packing), "the test must distinguish packing from a random β")
    }

    @Test("three columns: powers of β, constant columns")
    func threeColumns() throws {
        let cubes = LookupTable(name: "cube", columnCount: 3, rows: (0 ..< 8).map { [Fr($0), Fr($0 * $0), Fr($0 * $0 * $0)] })
        let builder = CircuitBuilder(mode: .proving)
        let table = builder.register(cubes)
        let x = builder.privateInput(signed: { 5 })
        let y = builder.privateInput(signed: { 25 })
        builder.lookup([x, y, builder.constant(Int64(125))], in: table)   // constant column: no product
        builder.lookup([x, y, builder.hint([x]) { (v: [Fr]) throws(CircuitError) in v[0] * v[0] * v[0] }], in: table)
        #expect(builder.pendingQueryConstraints == 2 + 3)
        let system = try builder.makeR1CS()
        // β² (1) + queries (5) + rows (8) + sum (1).
        #expect(system.constraintCount == 1 + 5 + 8 + 1)
        let witness = try builder.makeTwoRoundWitness().complete(challenges: [Fr(91), Fr(1_000_003)])
        try CircuitCheck.expectSound(system, witness, wires: .privateWires, deltas: [.add(.one), .random], "cubes")
        #expect(system.labels.contains("lookup: challenges") && system.labels.contains("lookup: cube: rows")
                && system.labels.contains("lookup: sum"))
    }

    // MARK: Numbering and the prover's path

    @Test("final numbering: public, challenges at P+1…P+K, round one, round two last")
    func numbering() throws {
        let builder = CircuitBuilder(mode: .proving, rangeChecks: .lookup(limbBits: 4))
        let a = builder.privateInput(signed: { 200 })
        let p = builder.publicInput(signed: { 7 })
        builder.rangeCheck(a, bits: 12)                       // limbs: 2 hinted wires
        let pair = builder.register(Self.squares)
        builder.lookup([p, builder.privateInput(signed: { 49 })], in: pair)
        let out = builder.makePublic(builder.mul(a, p))      // a private wire made public late
        let system = try builder.makeR1CS()
        #expect(system.publicCount == 2 && system.challengeCount == 2)
        let P = system.publicCount, K = system.challengeCount
        #expect(builder.finalIndex(of: p) == 1 && builder.finalIndex(of: out) == 2)
        // Round one: a, the 2 limbs, the second input, the multiplicities (16 + 16).
        #expect(system.committedCount == 1 + 2 + 1 + 16 + 16)
        #expect(builder.finalIndex(of: a) == P + K + 1)
        #expect(system.committedWires == P + K + 1 ..< P + K + 1 + system.committedCount)
        let witness = try builder.makeTwoRoundWitness()
        let roundOne = witness.roundOne.values
        let challengesZero = roundOne[(P + 1)...(P + K)].allSatisfy { $0.isZero }
        let roundTwoZero = roundOne[system.committedWires.upperBound...].allSatisfy { $0.isZero }
        #expect(challengesZero, "challenges are zero in round one")
        #expect(roundTwoZero, "round two is zero in round one")
        let full = try witness.complete(challenges: [Fr(31), Fr(1 << 50)])
        try system.check(full)
        #expect(Array(full.values[(P + 1)...(P + K)]) == [Fr(31), Fr(1 << 50)])
        let kept = Array(0 ... P) + Array(system.committedWires)
        #expect(kept.map { full.values[$0] } == kept.map { roundOne[$0] }, "completion changes no public or round-one wire")
        // The A side of every logUp row (an inverse, a product's challenge power, the sum of
        // inverses) mentions only challenges and round-two wires.
        for i in 0 ..< system.constraintCount where system.label(at: i)?.contains("lookup: ") == true {
            for term in system.constraint(at: i).a.terms where term.variable != .one {
                let wire = Int(term.variable.index)
                #expect((P + 1 ... P + K).contains(wire) || wire >= system.committedWires.upperBound, "row \(i)")
            }
        }
    }

    @Test("emitsSameConstraints and digest-only recording with lookups")
    func proverPath() throws {
        func build(_ w: Int, digestsFor expected: R1CS? = nil, mode: CircuitBuilder.Mode = .proving) -> CircuitBuilder {
            let builder = CircuitBuilder(mode: mode, rangeChecks: .lookup(limbBits: w))
            if let expected { builder.recordDigestsOnly(expecting: expected) }
            let x = builder.privateInput(signed: { -77 })
            _ = builder.makePublic(builder.relu(x, bits: 10))
            return builder
        }
        let stored = try build(4, mode: .setup).makeR1CS()
        #expect(build(4).emitsSameConstraints(as: stored))
        #expect(build(4, digestsFor: stored).emitsSameConstraints(as: stored))
        #expect(!build(5).emitsSameConstraints(as: stored))
        #expect(!build(5, digestsFor: stored).emitsSameConstraints(as: stored))
        let prover = build(4, digestsFor: stored)
        #expect(prover.emitsSameConstraints(as: stored))
        try stored.check(try prover.makeTwoRoundWitness().complete(challenges: [Fr(99_991)]))
    }

    @Test(".bits circuits are unchanged: no challenge, no table, the same rows as the bit gadgets")
    func bitsUnchanged() throws {
        let builder = CircuitBuilder(mode: .proving)
        let x = builder.privateInput(signed: { -3 })
        _ = builder.makePublic(builder.relu(builder.rescale(x, shift: 2, bits: 8), bits: 8))
        let system = try builder.makeR1CS()
        #expect(system.challengeCount == 0 && system.committedCount == 0 && !builder.hasLookups)
        #expect(!system.labels.contains { $0.contains("lookup") })
        let witness = try builder.makeWitness()
        #expect(try builder.makeTwoRoundWitness().complete(challenges: []) == witness)
    }

    @Test("tables: distinct rows, ids, range tables without rows")
    func tables() {
        let range = LookupTable.range(bits: 20)
        #expect(range.rowCount == 1 << 20 && range.index(of: [Fr(12345)]) == 12345 && range.index(of: [Fr(1 << 20)]) == nil)
        #expect(range.index(of: [-Fr(1)]) == nil && range == .range(bits: 20) && range != .range(bits: 19))
        #expect(Self.squares.index(of: [Fr(4), Fr(16)]) == 4 && Self.squares.index(of: [Fr(4), Fr(15)]) == nil)
        #expect(Self.squares.row(3) == [Fr(3), Fr(9)])
        let native = NativeEvaluator()
        let a = native.register(.range(bits: 4)), b = native.register(Self.squares)
        #expect(a != b && native.register(.range(bits: 4)) == a)
    }
}
