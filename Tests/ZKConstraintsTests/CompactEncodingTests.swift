import Testing
import ZKConstraints
import ZKIO
import ZKField
import ZKTestSupport

@Suite("Compact field elements")
struct CompactEncodingTests {
    /// `writeCompact` then `readCompactFr` gives back every value: ±2^i (read from a table),
    /// other small magnitudes, and full-width elements.
    @Test func roundTrip() throws {
        var rng = SeededGenerator(seed: 41)
        var values: [BN254.Fr] = [.zero, .one, -BN254.Fr.one, BN254.Fr(3), BN254.Fr(UInt64.max), -BN254.Fr(UInt64.max)]
        for i in 0 ..< 64 {
            values.append(BN254.Fr(UInt64(1) << UInt64(i)))
            values.append(-BN254.Fr(UInt64(1) << UInt64(i)))
            values.append(BN254.Fr((UInt64(1) << UInt64(i)) &+ 1))
        }
        for _ in 0 ..< 50 { values.append(BN254.Fr.random(using: &rng)); values.append(BN254.Fr(UInt64.random(in: 0 ... .max, using: &rng))) }
        var writer = BinaryWriter()
        for value in values { writer.writeCompact(value) }
        var reader = BinaryReader(bytes: writer.bytes, path: "compact")
        for (i, value) in values.enumerated() {
            #expect(try reader.readCompactFr("value \(i)") == value, "value \(i)")
        }
        #expect(reader.isAtEnd)
    }
}
