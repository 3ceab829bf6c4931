import Testing
@testable import ZKCircuits
import ZKField

/// ``CircuitAPI/tableFunction(_:table:segments:inputBits:)`` through the gadget harness: every
/// backend, the documented cost, and the tampering passes (single wires, and every hint output
/// changed with round two completed honestly), with bit-decomposed and limb range checks.
@Suite("Function tables")
struct FunctionTableTests {
    /// 8-bit tables of every shape ZKQuant's builder makes: saturating tails around unit buckets
    /// (a sigmoid), buckets of several widths with a hole and a tail of slope 1, `|x|` (two
    /// sloped tails), a constant (one row covering everything), and `sign`.
    static let tables: [[FunctionSegment]] = [
        [FunctionSegment(start: -5, span: .below, output: 0, slope: 0)]
            + [0, 1, 3, 6, 10, 13, 15, 16, 16].enumerated().map { i, y in
                FunctionSegment(start: Int64(i) - 4, span: .bucket(log2Width: 0), output: y, slope: 0)
            }
            + [FunctionSegment(start: 5, span: .above, output: 17, slope: 0)],
        [
            FunctionSegment(start: -128, span: .bucket(log2Width: 6), output: -90, slope: 0),
            FunctionSegment(start: -64, span: .bucket(log2Width: 5), output: -40, slope: 0),
            // −32 … −1: no row.
            FunctionSegment(start: 0, span: .bucket(log2Width: 0), output: 0, slope: 0),
            FunctionSegment(start: 1, span: .bucket(log2Width: 1), output: 5, slope: 0),
            FunctionSegment(start: 3, span: .bucket(log2Width: 2), output: 9, slope: 0),
            FunctionSegment(start: 7, span: .above, output: 12, slope: 1),
        ],
        [FunctionSegment(start: 0, span: .below, output: 0, slope: -1), FunctionSegment(start: 1, span: .above, output: 1, slope: 1)],
        [FunctionSegment(start: 127, span: .below, output: 7, slope: 0)],
        [
            FunctionSegment(start: -1, span: .below, output: -16, slope: 0),
            FunctionSegment(start: 0, span: .bucket(log2Width: 0), output: 0, slope: 0),
            FunctionSegment(start: 1, span: .above, output: 16, slope: 0),
        ],
    ]

    /// Every segment's first and last input and their neighbours, the 8-bit boundaries, and
    /// inputs beyond the 8 bits.
    static func probes(_ segments: [FunctionSegment]) -> [Int64] {
        var inputs = Set(signedBoundaries(8) + [0, 300, -300, 1 << 12])
        for segment in segments {
            let last: Int64 = switch segment.span {
            case .below, .above: segment.start
            case let .bucket(j): segment.start + (Int64(1) << j) - 1
            }
            inputs.formUnion([segment.start - 1, segment.start, segment.start + 1, last - 1, last, last + 1])
        }
        return inputs.sorted()
    }

    @Test("valid and tampered witnesses, inside, at and beyond every row, in every range-check mode",
          arguments: [RangeCheckMode.bits, .lookup(limbBits: 4), .lookup(limbBits: 8)])
    func harness(mode: RangeCheckMode) throws {
        for (index, segments) in Self.tables.enumerated() {
            for x in Self.probes(segments) {
                // The full attack (every hint output moved, round two recompleted) on a few inputs.
                let attack = x == segments[0].start || x == -1 || (index == 1 && x == 3)
                try GadgetHarness.verify(.table(segments: segments, bits: 8), [x], attack: attack, rangeChecks: mode)
            }
        }
    }

    /// A prover that replaces the whole row `(c, s, y[, λ])` by another row of the table (every
    /// later wire recomputed honestly, round two completed): the output would be another row's,
    /// so the system must refuse, whichever rows.
    @Test("another row of the table, consistent in every column, is refused",
          arguments: [RangeCheckMode.bits, .lookup(limbBits: 4)])
    func otherRow(mode: RangeCheckMode) throws {
        for segments in Self.tables where segments.count > 1 {
            let sloped = segments.contains { $0.slope != 0 }
            let gadget = GadgetCase.table(segments: segments, bits: 8)
            for x in Self.probes(segments) where gadget.reference([x]) != nil {
                let own = segments.firstIndex { $0.covers(x) }!
                for (i, forged) in segments.enumerated() where i != own {
                    let row = [Fr(Int(forged.start)), Fr(Int(forged.selector(inputBits: 8))), Fr(Int(forged.output))]
                        + (sloped ? [Fr(Int(forged.slope))] : [])
                    let honest = GadgetHarness.build(gadget, [x], mode: .proving, rangeChecks: mode)
                    let system = try honest.builder.makeR1CS()
                    let attacked = GadgetHarness.build(gadget, [x], mode: .proving, rangeChecks: mode) { builder in
                        builder.checksConstraints = false
                        builder.tamper = { _, outputs in if outputs.count == row.count { outputs = row } }
                    }
                    let witness = GadgetHarness.completed(attacked.builder, challenges: GadgetHarness.challenges(for: system))
                    #expect(!(witness.map(system.isSatisfied(by:)) ?? false), "x = \(x) answered with row \(i) [\(mode)]")
                }
            }
        }
    }

    /// An Exp-like table with no row above 0 (a tail below −9 reading 0, unit buckets −8 … 0), for
    /// Softmax's shift: 10-bit inputs, as `x − max` of 8-bit values needs 9.
    static let nonPositive: [FunctionSegment] = [FunctionSegment(start: -9, span: .below, output: 0, slope: 0)]
        + [1, 1, 2, 3, 4, 6, 8, 11, 16].enumerated().map { i, y in
            FunctionSegment(start: Int64(i) - 8, span: .bucket(log2Width: 0), output: y, slope: 0)
        }

    /// Rows with ties, one value, both 8-bit ends, a spread beyond the tail.
    static let shiftRows: [[Int64]] = [[5, 4, -3, 5], [-128, 127, 0, -1], [3], [0, 0], [-7, -8], [100, 99, 98], [-128, -127]]

    @Test("Softmax's shift: the maximum as a member, bounded by the table's domain; valid and tampered witnesses",
          arguments: [RangeCheckMode.bits, .lookup(limbBits: 4), .lookup(limbBits: 8)])
    func shiftedTable(mode: RangeCheckMode) throws {
        for (index, row) in Self.shiftRows.enumerated() {
            try GadgetHarness.verify(.shiftedTable(segments: Self.nonPositive, bits: 10, count: row.count), row,
                                     attack: index < 2 || index == 5, rangeChecks: mode)
        }
    }

    /// The attack the table's domain stops: the maximum replaced by a smaller element of the row
    /// (a member, so the product is 0), every later wire recomputed honestly. The largest element
    /// then reads the table above 0, where no row is.
    @Test("a smaller element taken as the maximum is refused", arguments: [RangeCheckMode.bits, .lookup(limbBits: 4)])
    func smallerMember(mode: RangeCheckMode) throws {
        for row in Self.shiftRows where Set(row).count > 1 {
            let gadget = GadgetCase.shiftedTable(segments: Self.nonPositive, bits: 10, count: row.count)
            let honest = GadgetHarness.build(gadget, row, mode: .proving, rangeChecks: mode) { builder in
                builder.tamper = { index, outputs in
                    if index == 0 { #expect(outputs == [Fr(Int(row.max()!))], "hint 0 is the maximum") }
                }
            }
            let system = try honest.builder.makeR1CS()
            for smaller in Set(row) where smaller < row.max()! {
                let attacked = GadgetHarness.build(gadget, row, mode: .proving, rangeChecks: mode) { builder in
                    builder.checksConstraints = false
                    builder.tamper = { index, outputs in if index == 0 { outputs = [Fr(Int(smaller))] } }
                }
                let witness = GadgetHarness.completed(attacked.builder, challenges: GadgetHarness.challenges(for: system))
                #expect(!(witness.map(system.isSatisfied(by:)) ?? false), "\(row) shifted by \(smaller) [\(mode)]")
            }
        }
    }

    @Test("a table shared by several queries costs its rows once")
    func sharedTable() throws {
        let builder = CircuitBuilder(mode: .setup, rangeChecks: .lookup(limbBits: 8))
        let segments = Self.tables[0]
        let id = builder.register(.function(name: "f", segments: segments, inputBits: 8))
        let again = builder.register(.function(name: "f", segments: segments, inputBits: 8))
        #expect(id == again)
        let inputs = (0 ..< 5).map { _ in builder.privateInput { Fr(0) } }
        _ = inputs.map { builder.tableFunction($0, table: id, segments: segments, inputBits: 8) }
        let perQuery = GadgetCase.table(segments: segments, bits: 8).constraintCount(.lookup(limbBits: 8))
        let system = try builder.makeR1CS()
        // The five queries, the table's 11 rows, the range table's rows, β² and the sums: the
        // function table appears once.
        #expect(system.constraintCount < 5 * perQuery + 2 * segments.count + 256 + 8)
    }
}
