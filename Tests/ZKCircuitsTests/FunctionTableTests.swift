import Testing
@testable import ZKCircuits
import ZKField

/// ``CircuitAPI/tableFunction(_:table:lower:outputs:bits:)`` through the gadget harness: every
/// backend, the documented cost, and the tampering passes (single wires, and every hint output
/// changed with round two completed honestly), with bit-decomposed and limb range checks.
@Suite("Function tables")
struct FunctionTableTests {
    /// A saturating table on −5 … 5 (the shape of a quantized sigmoid), one covering every 8-bit
    /// input, one beyond which only large inputs go, and two rows (a constant function).
    static let tables: [(lower: Int64, outputs: [Int64])] = [
        (-5, [0, 0, 1, 3, 6, 10, 13, 15, 16, 16, 16]),
        (-128, (0 ..< 256).map { Int64(($0 * 37) % 101) - 50 }),
        (-128, (0 ..< 100).map { Int64($0 / 3) }),
        (3, [7, 7]),
    ]

    @Test("valid and tampered witnesses, inside, at and beyond the rows, rescaled or not, in every range-check mode",
          arguments: [RangeCheckMode.bits, .lookup(limbBits: 4), .lookup(limbBits: 8)])
    func harness(mode: RangeCheckMode) throws {
        for (index, table) in Self.tables.enumerated() {
            let upper = table.lower + Int64(table.outputs.count) - 1
            for k in [0, 2] {
                let scaled = { (v: Int64) in v << Int64(k) }
                var inputs = Set(signedBoundaries(8) + [0, 300, 1 << 12, -(1 << 12)])
                for v in [table.lower - 1, table.lower, table.lower + 1, upper - 1, upper, upper + 1] {
                    inputs.formUnion([scaled(v), scaled(v) - 1, scaled(v) + 1])
                }
                for x in inputs.sorted() {
                    // The full attack (every hint output moved, round two recompleted) on a few inputs.
                    let attack = x == scaled(table.lower) || x == scaled(upper + 1) || (index == 1 && x == 0)
                    try GadgetHarness.verify(.table(shift: k, lower: table.lower, outputs: table.outputs, bits: 8 + k), [x],
                                             attack: attack, rangeChecks: mode)
                }
            }
        }
    }

    /// A prover that replaces the whole row `(c, y, σ)` by another row of the table (every later
    /// wire recomputed honestly, round two completed): the output would be another row's, so the
    /// system must refuse. Interior to interior, interior to an end, beyond the rows to the
    /// interior, and one end to the other.
    @Test("another row of the table, consistent in all three columns, is refused",
          arguments: [RangeCheckMode.bits, .lookup(limbBits: 4)])
    func otherRow(mode: RangeCheckMode) throws {
        let (lower, outputs) = Self.tables[0]
        let upper = lower + Int64(outputs.count) - 1
        func row(_ c: Int64) -> [Fr] {
            [Fr(Int(c)), Fr(Int(outputs[Int(c - lower)])), c == upper ? .one : c == lower ? -.one : .zero]
        }
        for k in [0, 2] {
            let gadget = GadgetCase.table(shift: k, lower: lower, outputs: outputs, bits: 8 + k)
            for (q, forged): (Int64, Int64) in [(0, 1), (0, -3), (2, upper), (-2, lower), (40, 3), (-40, -1), (40, lower), (-40, upper)] {
                let x = q << Int64(k)
                let honest = GadgetHarness.build(gadget, [x], mode: .proving, rangeChecks: mode)
                let system = try honest.builder.makeR1CS()
                let attacked = GadgetHarness.build(gadget, [x], mode: .proving, rangeChecks: mode) { builder in
                    builder.checksConstraints = false
                    builder.tamper = { _, outputs in if outputs.count == 3 { outputs = row(forged) } }
                }
                let witness = GadgetHarness.completed(attacked.builder, challenges: GadgetHarness.challenges(for: system))
                #expect(!(witness.map(system.isSatisfied(by:)) ?? false), "k = \(k): q = \(q) answered with row \(forged) [\(mode)]")
            }
        }
    }

    @Test("a table shared by several queries costs its rows once")
    func sharedTable() throws {
        let builder = CircuitBuilder(mode: .setup, rangeChecks: .lookup(limbBits: 8))
        let table = Self.tables[0]
        let id = builder.register(.function(name: "f", lower: table.lower, outputs: table.outputs))
        let again = builder.register(.function(name: "f", lower: table.lower, outputs: table.outputs))
        #expect(id == again)
        let inputs = (0 ..< 5).map { _ in builder.privateInput { Fr(0) } }
        _ = inputs.map { builder.tableFunction($0, shift: 2, table: id, lower: table.lower, outputs: table.outputs, bits: 10) }
        let perQuery = GadgetCase.table(shift: 2, lower: table.lower, outputs: table.outputs, bits: 10).constraintCount(.lookup(limbBits: 8))
        let system = try builder.makeR1CS()
        // The five queries, the table's 11 rows, the range tables' rows, β² and the sums: the
        // function table appears once.
        #expect(system.constraintCount < 5 * perQuery + 2 * table.outputs.count + 256 + 8)
    }
}
