import Testing
import ZKConstraints
import ZKField

/// ``PublicPacking``: the greedy word layout, pack/unpack as inverses on in-range values, and
/// rejection of every value outside its width and of words that are not packings.
@Suite struct PublicPackingTests {
    static func signed(_ v: Int64) -> BN254.Fr { v >= 0 ? BN254.Fr(UInt64(v)) : -BN254.Fr(UInt64(-v)) }

    @Test func wordsAreFilledGreedilyUpTo253Bits() {
        let packing = PublicPacking(widths: [Int](repeating: 24, count: 74))
        // ⌊253 / 24⌋ = 10 values a word: 8 words, the last with 4.
        #expect(packing.wordCount == 8 && packing.words[0] == 0 ..< 10 && packing.words[7] == 70 ..< 74)
        #expect(packing.positions[9] == 216 && packing.positions[10] == 0)
        let mixed = PublicPacking(widths: [14, 14, 0, 248, 6, 0, 0])
        // A digest (0) takes a word of its own; 248 + 6 > 253 starts a new word.
        #expect(mixed.words == [0 ..< 2, 2 ..< 3, 3 ..< 4, 4 ..< 5, 5 ..< 6, 6 ..< 7])
        #expect(mixed.runs.map(\.count) == [2, 1, 1, 1, 2] && PublicPacking(runs: mixed.runs) == mixed)
        #expect(PublicPacking(widths: [126, 127]).wordCount == 1 && PublicPacking(widths: [127, 127]).wordCount == 2)
        // Words of one shape form a group (one loop in a verifier); a digest's word stands alone.
        #expect(packing.wordGroups == [0 ..< 7, 7 ..< 8])
        #expect(mixed.wordGroups == [0 ..< 1, 1 ..< 2, 2 ..< 3, 3 ..< 4, 4 ..< 5, 5 ..< 6])
        #expect(PublicPacking(widths: [Int](repeating: 14, count: 54) + [24, 24]).wordGroups == [0 ..< 3, 3 ..< 4])
    }

    @Test func packAndUnpackAreInverseOnInRangeValues() throws {
        var rng = SeededGenerator(seed: 36)
        let widths = (0 ..< 200).map { _ in [1, 2, 8, 14, 24, 40, 63, 0].randomElement(using: &rng)! }
        let packing = PublicPacking(widths: widths)
        var values: [BN254.Fr] = []
        for width in widths {
            if width == 0 { values.append(BN254.Fr(UInt64.random(in: 0 ... .max, using: &rng)) * BN254.Fr(UInt64.random(in: 0 ... .max, using: &rng))); continue }
            let half = Int64(1) << min(width - 1, 62)
            // The extremes of the range as well as random values.
            let choice = Int.random(in: 0 ..< 4, using: &rng)
            values.append(Self.signed(choice == 0 ? -half : choice == 1 ? half - 1 : Int64.random(in: -half ..< half, using: &rng)))
        }
        let words = try #require(packing.pack(values))
        #expect(words.count == packing.wordCount)
        #expect(packing.unpack(words) == values)
    }

    @Test func valuesOutsideTheirWidthAreRejected() {
        let packing = PublicPacking(widths: [8, 8, 0])
        let ok = [Self.signed(-128), Self.signed(127), -BN254.Fr.one]
        #expect(packing.firstOutOfRange(ok) == nil && packing.pack(ok) != nil)
        for (index, bad) in [(0, Self.signed(-129)), (1, Self.signed(128)), (0, BN254.Fr(UInt64(1) << 40))] {
            var values = ok
            values[index] = bad
            #expect(packing.firstOutOfRange(values) == index)
            #expect(packing.pack(values) == nil)
        }
        // Trading one value against its neighbour gives the same word but out-of-range values:
        // (v0 + 2^8)·2^0 + (v1 − 1)·2^8 = v0 + v1·2^8.
        let words = packing.pack([Self.signed(3), Self.signed(5), .zero])!
        #expect(packing.pack([Self.signed(3 + 256), Self.signed(4), .zero]) == nil)
        #expect(packing.unpack(words) == [Self.signed(3), Self.signed(5), .zero])
    }

    @Test func wordsThatAreNotPackingsAreRejected() {
        let packing = PublicPacking(widths: [8, 8])
        #expect(packing.unpack([BN254.Fr(UInt64(1) << 16)]) == nil)  // a bit above the last value
        #expect(packing.unpack([-BN254.Fr.one]) == nil)
        #expect(PublicPacking.validate(runs: [(2, 8)], valueCount: 2, wordCount: 2) != nil)
        #expect(PublicPacking.validate(runs: [(2, 8)], valueCount: 3, wordCount: 1) != nil)
        #expect(PublicPacking.validate(runs: [(2, 249)], valueCount: 2, wordCount: 2) != nil)
        #expect(PublicPacking.validate(runs: [(2, 8)], valueCount: 2, wordCount: 1) == nil)
    }
}
