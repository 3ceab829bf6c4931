import Testing
@testable import ZKCompiler
import ZKField

/// ``ModelCircuit/fields(_:)`` (weights to field elements through a table of their range) gives
/// exactly ``ModelCircuit/field(_:)`` per value: negative ranges, ranges across zero, one value,
/// ranges too wide for the table, the extremes of Int64.
@Suite struct FieldConversionTests {
    @Test func tableConversionEqualsOneByOne() {
        var rng = SeededGenerator(seed: 0xF1E1D)
        let cases: [[Int64]] = [
            [], [0], [-1], [5, 5, 5],
            (0 ..< 500).map { _ in Int64.random(in: -128 ... 127, using: &rng) },
            (0 ..< 500).map { _ in Int64.random(in: -3000 ... -2000, using: &rng) },
            (0 ..< 500).map { _ in Int64.random(in: 1 << 40 ... (1 << 40) + 300, using: &rng) },
            (0 ..< 50).map { _ in Int64.random(in: -1 << 20 ... 1 << 20, using: &rng) },   // wider than its count
            [Int64.min, Int64.max, 0, -1, 1],
            [Int64.max - 3, Int64.max, Int64.max - 1, Int64.max - 2, Int64.max],
            [Int64.min, Int64.min + 2, Int64.min + 1, Int64.min, Int64.min],
        ]
        for values in cases {
            #expect(ModelCircuit.fields(values) == values.map(ModelCircuit.field), "\(values.prefix(5))…")
        }
    }
}
