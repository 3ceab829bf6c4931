public import ZKField

extension CircuitAPI {
    /// The rounded reciprocal of a positive signal: `y = ⌊(2^(k+1) + x) / 2x⌋`, round half up of
    /// `2^k / x` (ZKQuant's `reciprocal(shift: k)`: Softmax's `1/Σ`).
    ///
    /// Wires: the quotient `y` (hint) and the product `y·x`. With the remainder
    /// `ρ = 2^(k+1) + x − 2·y·x` (linear), enforces `y ∈ [0, 2^(k+1))`, `ρ ∈ [0, 2^n)` and
    /// `2x − 1 − ρ ∈ [0, 2^n)`.
    ///
    /// Sound and unique: `x` is an `n`-bit signed value (its producer's check), so with `y` and `ρ`
    /// in range `2·y·x + ρ` has magnitude below `2^(k+n+3)`, far below `r`, and
    /// `2^(k+1) + x = 2·y·x + ρ` holds over the integers. `0 ≤ ρ ≤ 2x − 1` needs `x ≥ 1` (no
    /// witness for `x ≤ 0`), and then Euclidean division by `2x` makes `(y, ρ)` unique. Without the
    /// check on `y` a prover could pick any `ρ` in range and solve for `y` in the field.
    /// - Parameters:
    ///   - k: the numerator's shift, `1 … 120` (`k + n ≤ 240`).
    ///   - n: the signed width of `x`, `2 … 120`.
    /// - Complexity: 1 product, and range checks of `k + 1`, `n` and `n` bits
    ///   (``rangeCheck(_:bits:)``).
    @inlinable
    public func reciprocal(_ x: Signal, shift k: Int, bits n: Int) -> Signal {
        precondition(k >= 1 && n >= 2 && k + n <= 240, "shift 1…, width 2…, k + n ≤ 240")
        return withLabel("reciprocal(k=\(k))") {
            let y = hint([x]) { (v: [BN254.Fr]) throws(CircuitError) in
                guard let x = v[0].signedInt64, x > 0, k <= 61 else { return .zero }
                return BN254.Fr(Int(((Int64(1) << (k + 1)) + x) / (2 * x)))
            }
            let product = mul(y, x)
            let remainder = linearCombination([(x, .one), (product, -BN254.Fr(2))], constant: BN254.powersOfTwo[k + 1])
            rangeCheck(y, bits: k + 1)
            rangeCheck(remainder, bits: n)
            rangeCheck(linearCombination([(x, BN254.Fr(2)), (remainder, -.one)], constant: -.one), bits: n)
            return y
        }
    }
}
