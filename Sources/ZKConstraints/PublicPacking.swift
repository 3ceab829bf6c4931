public import ZKField

/// How a circuit's public values are packed into its Groth16 public inputs ("words"), several
/// small signed integers to one field element, so that a verifier pays one ECMUL + ECADD per word
/// instead of per value (docs/evm.md, "Public-signal packing").
///
/// Every value `vᵢ` has a signed width `bᵢ` (`1 … 248`): it must represent an integer in
/// `[−2^(bᵢ−1), 2^(bᵢ−1))` (zkml's signed encoding, `r − |v|` for negatives), and enters its word
/// offset to `uᵢ = vᵢ + 2^(bᵢ−1) ∈ [0, 2^bᵢ)` at bit position `pᵢ`:
///
/// `W_j = Σ_{i ∈ word j} uᵢ · 2^pᵢ`, with `pᵢ` the sum of the widths before `i` in its word.
///
/// Words are filled greedily in value order, at most ``wordBits`` = 253 bits each; since
/// `2^253 < r`, the sum never wraps and the map from in-range values to words is injective — which
/// is what makes a proof about the words a proof about the values. The circuit therefore
/// range-checks every packed value to its width (an unchecked value could be traded against its
/// neighbours), and every verifier checks each value's range before packing it. A value of width
/// 0 is a full field element (a Poseidon digest): it takes a word of its own, unchanged.
///
/// The layout is data of the statement: it travels in the verifying key (`vk.bin` section 12,
/// `zkml_public_packing` in `verification_key.json`, versioned by ``version``).
public struct PublicPacking: Sendable, Equatable, Hashable {
    /// The layout version written with the key (`zkml_public_packing.version`).
    public static let version = 1
    /// The bits a word holds: `2^253 < r`, so a full word is still a canonical field element.
    public static let wordBits = 253
    /// The widest packed value (as ``maxValueBits`` in `PublicSignalRange`: `2^248 < r`).
    public static let maxValueBits = 248

    /// The signed width of each value, `1 … 248`, or 0 for a full field element.
    public let widths: [Int]
    /// The values of each word, consecutive and in order.
    public let words: [Range<Int>]
    /// The bit position of each value in its word.
    public let positions: [Int]

    /// The greedy packing of values with these widths.
    /// - Precondition: every width is in `0 … 248`.
    public init(widths: [Int]) {
        precondition(widths.allSatisfy { (0 ... Self.maxValueBits).contains($0) }, "packed widths must be 0…\(Self.maxValueBits)")
        self.widths = widths
        var words: [Range<Int>] = []
        var positions = [Int](repeating: 0, count: widths.count)
        var start = 0, used = 0
        for (i, width) in widths.enumerated() {
            if i > start && (width == 0 || widths[start] == 0 || used + width > Self.wordBits) {
                words.append(start ..< i)
                start = i
                used = 0
            }
            positions[i] = used
            used += width
        }
        if start < widths.count { words.append(start ..< widths.count) }
        self.words = words
        self.positions = positions
    }

    /// The packing of runs of values, each `(count, bits)`: the form the key files store.
    /// - Precondition: counts ≥ 1, bits in `0 … 248`.
    public init(runs: [(count: Int, bits: Int)]) {
        precondition(runs.allSatisfy { $0.count >= 1 }, "a packing run needs at least one value")
        self.init(widths: runs.flatMap { [Int](repeating: $0.bits, count: $0.count) })
    }

    /// ``widths`` as maximal runs of equal widths, in value order.
    public var runs: [(count: Int, bits: Int)] {
        var runs: [(count: Int, bits: Int)] = []
        for width in widths {
            if let last = runs.last, last.bits == width { runs[runs.count - 1].count += 1 } else { runs.append((1, width)) }
        }
        return runs
    }

    /// The maximal runs of equal widths in word `j`, each with its first value's bit position:
    /// a verifier checks and packs one run with one loop.
    public func runs(inWord j: Int) -> [(values: Range<Int>, bits: Int, position: Int)] {
        var runs: [(values: Range<Int>, bits: Int, position: Int)] = []
        var start = words[j].lowerBound
        while start < words[j].upperBound {
            var end = start + 1
            while end < words[j].upperBound && widths[end] == widths[start] { end += 1 }
            runs.append((start ..< end, widths[start], positions[start]))
            start = end
        }
        return runs
    }

    /// The words cut into maximal runs of consecutive words with the same shape (the same run
    /// counts and widths; a digest's word is always alone): a verifier packs such a group with
    /// one loop over its words.
    public var wordGroups: [Range<Int>] {
        func shape(_ j: Int) -> [[Int]] { runs(inWord: j).map { [$0.values.count, $0.bits] } }
        var groups: [Range<Int>] = []
        var start = 0
        for j in 1 ... wordCount {
            if j == wordCount || widths[words[j].lowerBound] == 0 || widths[words[start].lowerBound] == 0 || shape(j) != shape(start) {
                groups.append(start ..< j)
                start = j
            }
        }
        return groups
    }

    /// The number of values (the public signals users see).
    public var valueCount: Int { widths.count }
    /// The number of words (the Groth16 public inputs).
    public var wordCount: Int { words.count }

    /// `2^(b−1)`, the offset of a width-`b` value.
    public static func half(bits: Int) -> BN254.Fr { BN254.powersOfTwo[bits - 1] }

    /// Whether `value` represents a signed `bits`-bit integer (always true for width 0).
    public static func fits(_ value: BN254.Fr, bits: Int) -> Bool {
        bits == 0 || bitLength(value + half(bits: bits)) <= bits
    }

    /// The first value outside its width, or `nil`.
    /// - Precondition: `values.count == valueCount`.
    public func firstOutOfRange(_ values: [BN254.Fr]) -> Int? {
        precondition(values.count == valueCount, "packing expects \(valueCount) values")
        return values.indices.first { !Self.fits(values[$0], bits: widths[$0]) }
    }

    /// The words of `values`, or `nil` when a value is outside its width.
    /// - Precondition: `values.count == valueCount`.
    public func pack(_ values: [BN254.Fr]) -> [BN254.Fr]? {
        guard firstOutOfRange(values) == nil else { return nil }
        return words.map { word in
            if widths[word.lowerBound] == 0 { return values[word.lowerBound] }
            var sum = BN254.Fr.zero
            for i in word { sum += (values[i] + Self.half(bits: widths[i])) * BN254.powersOfTwo[positions[i]] }
            return sum
        }
    }

    /// The values of `words`, or `nil` when a word is not a packing (bits above its last value).
    /// - Precondition: `words.count == wordCount`.
    public func unpack(_ words: [BN254.Fr]) -> [BN254.Fr]? {
        precondition(words.count == wordCount, "unpacking expects \(wordCount) words")
        var values = [BN254.Fr](repeating: .zero, count: valueCount)
        for (word, range) in zip(words, self.words) {
            if widths[range.lowerBound] == 0 {
                values[range.lowerBound] = word
                continue
            }
            let limbs = word.canonicalLimbs
            let end = positions[range.upperBound - 1] + widths[range.upperBound - 1]
            guard Self.bitLength(word) <= end else { return nil }
            for i in range {
                let field = Self.extract(limbs, from: positions[i], count: widths[i])
                guard let offset = BN254.Fr(canonicalLimbs: (field[0], field[1], field[2], field[3])) else { return nil }
                values[i] = offset - Self.half(bits: widths[i])
            }
        }
        return values
    }

    /// The bit length of the canonical value.
    static func bitLength(_ value: BN254.Fr) -> Int {
        let limbs = value.canonicalLimbs
        for i in limbs.indices.reversed() where limbs[i] != 0 { return i * 64 + (64 - limbs[i].leadingZeroBitCount) }
        return 0
    }

    /// Bits `from ..< from + count` of a 256-bit little-endian integer, as four limbs.
    static func extract(_ limbs: [UInt64], from: Int, count: Int) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: 4)
        for bit in 0 ..< count {
            let source = from + bit
            if limbs[source / 64] >> UInt64(source % 64) & 1 == 1 { out[bit / 64] |= 1 << UInt64(bit % 64) }
        }
        return out
    }

    /// Why `runs` are not a valid packing of `valueCount` values into `wordCount` words, or `nil`.
    /// Sizes are checked before anything is allocated: `wordCount` words hold at most 253 values
    /// each, so a file cannot make a reader build a larger layout.
    public static func validate(runs: [(count: Int, bits: Int)], valueCount: Int, wordCount: Int) -> String? {
        guard !runs.isEmpty else { return "a packing needs at least one run" }
        guard valueCount <= wordCount * wordBits else { return "\(valueCount) values cannot pack into \(wordCount) words" }
        var covered = 0
        for (i, run) in runs.enumerated() {
            guard run.count >= 1, (0 ... maxValueBits).contains(run.bits) else { return "run \(i) must have count ≥ 1 and bits 0…\(maxValueBits)" }
            covered += run.count
            guard covered <= valueCount else { return "the runs cover more than \(valueCount) values" }
        }
        guard covered == valueCount else { return "the runs cover \(covered) values, not \(valueCount)" }
        let packing = PublicPacking(runs: runs)
        guard packing.wordCount == wordCount else {
            return "the runs pack into \(packing.wordCount) words but the key has \(wordCount) public inputs"
        }
        return nil
    }
}
