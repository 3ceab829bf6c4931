extension BN254 {
    /// `powersOfTwo[i] = 2^i` in the scalar field, for `0 ≤ i < 256`, computed once: the
    /// coefficients of bit decompositions, which circuits write (ZKCircuits) and circuit files
    /// read back (ZKConstraints' compact coefficients).
    public static let powersOfTwo: [Fr] = {
        var result = [Fr.one]
        for _ in 1 ..< 256 { result.append(result[result.count - 1] + result[result.count - 1]) }
        return result
    }()
}
