public import ZKField

/// `2^i` in BN254's scalar field for `0 ≤ i < 256`, computed once.
@usableFromInline
enum PowersOfTwo {
    /// `table[i] = 2^i`.
    @usableFromInline static let table: [BN254.Fr] = {
        var result = [BN254.Fr.one]
        for _ in 1..<256 { result.append(result[result.count - 1] + result[result.count - 1]) }
        return result
    }()
}
