import Testing
@testable import ZKCircuits
import ZKField

/// ``CircuitAPI/tableFunction(_:table:lower:outputs:bits:)`` through the gadget harness: every
/// backend, the documented cost, and the tampering passes (single wires, and every hint output
/// changed with round two completed honestly), with bit-decomposed and limb range checks.
@Suite("Function tables")
struct FunctionTableTests {
    /// A saturating table on −5 … 5 (the shape of a quantized sigmoid), one covering every 8-bit
    /// input (no clamp), one needing only its upper clamp, and a single row (a constant function).
    static let tables: [(lower: Int64, outputs: [Int64])] = [
        (-5, [0, 0, 1, 3, 6, 10, 13, 15, 16, 16, 16]),
        (-128, (0 ..< 256).map { Int64(($0 * 37) % 101) - 50 }),
        (-128, (0 ..< 100).map { Int64($0 / 3) }),
        (3, [7]),
    ]

    @Test("valid and tampered witnesses, inside, at and beyond the rows, in every range-check mode",
          arguments: [RangeCheckMode.bits, .lookup(limbBits: 4), .lookup(limbBits: 8)])
    func harness(mode: RangeCheckMode) throws {
        for (index, table) in Self.tables.enumerated() {
            let upper = table.lower + Int64(table.outputs.count) - 1
            let inputs = Set(signedBoundaries(8) + [table.lower - 1, table.lower, table.lower + 1, upper - 1, upper, upper + 1, 0, 300])
            for x in inputs.sorted() {
                // The full attack (every hint output moved, round two recompleted) on a few inputs.
                let attack = x == table.lower || x == upper + 1 || (index == 1 && x == 0)
                try GadgetHarness.verify(.table(lower: table.lower, outputs: table.outputs, bits: 8), [x], attack: attack, rangeChecks: mode)
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
        _ = inputs.map { builder.tableFunction($0, table: id, lower: table.lower, outputs: table.outputs, bits: 8) }
        let perQuery = GadgetCase.table(lower: table.lower, outputs: table.outputs, bits: 8).constraintCount(.lookup(limbBits: 8))
        let system = try builder.makeR1CS()
        // The five queries, the table's 11 rows, the range table's rows for the clamps' checks,
        // and the final sum: the function table appears once.
        #expect(system.constraintCount < 5 * perQuery + 2 * table.outputs.count + 256 + 2)
    }
}
