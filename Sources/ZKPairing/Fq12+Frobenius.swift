internal import ZKBigInt
public import ZKField

/// The constants of the Frobenius maps on the tower and on the twist.
///
/// `γ[k][i] = ξ^(i·(p^k − 1)/6)` for `k = 1, 2, 3` and `i = 0 … 5`, with `ξ = 9 + u`. They are
/// facts of the field, so they are derived here once, at first use, by exponentiation in Fq2
/// (about a millisecond), instead of being pasted in as hex; the tests compare every Frobenius
/// map with the plain exponentiation `x^(p^k)`.
///
/// Why these: in `Fq12 = Fq2[w]/(w⁶ − ξ)`, `(a·wⁱ)^(p^k) = a^(p^k)·wⁱ·(w⁶)^(i(p^k−1)/6)`, and
/// `a^(p^k)` for `a` in Fq2 is the conjugate for odd `k` and `a` for even `k`.
public enum FrobeniusCoefficients {
    public typealias Fq2 = BN254.Fq2

    /// `γ[k − 1][i]` for `k = 1, 2, 3` and `i = 0 … 5`.
    public static let gamma: [[Fq2]] = {
        let p = BN254.Fq.modulus
        return (1...3).map { k -> [Fq2] in
            let exponent = (p.power(UInt(k)) - BigInt(1)) / BigInt(6)
            let base = Fq2.nonResidue.power(limbs: exponent.limbs(count: 12))
            var row = [Fq2.one]
            for _ in 1..<6 { row.append(row[row.count - 1] * base) }
            return row
        }
    }()

    /// The coefficients of one power `k` ∈ {1, 2, 3} as a fixed tuple-like struct for the hot path.
    @frozen
    public struct Row: Sendable {
        public var g1: Fq2, g2: Fq2, g3: Fq2, g4: Fq2, g5: Fq2
    }

    /// `gamma` rows 1, 2, 3 unpacked (index `k − 1`).
    public static let rows: [Row] = gamma.map { Row(g1: $0[1], g2: $0[2], g3: $0[3], g4: $0[4], g5: $0[5]) }
}

extension BN254.Fq6 {
    /// `x ↦ x^(p^k)` for `k ≥ 0`: conjugate the coefficients for odd `k`, then scale `v`, `v²`
    /// by `ξ^((p^k−1)/3)` and `ξ^(2(p^k−1)/3)`.
    
    public func frobeniusMap(_ k: Int) -> Self {
        var result = self
        var remaining = k % 6
        while remaining > 0 {
            let step = min(remaining, 3)
            result = result.frobeniusStep(step)
            remaining -= step
        }
        return result
    }

    @usableFromInline
    internal func frobeniusStep(_ k: Int) -> Self {
        let row = FrobeniusCoefficients.rows[k - 1]
        let odd = k & 1 == 1
        let b0 = odd ? c0.conjugate : c0
        let b1 = odd ? c1.conjugate : c1
        let b2 = odd ? c2.conjugate : c2
        return Self(b0, b1 * row.g2, b2 * row.g4)
    }
}

extension BN254.Fq12 {
    /// `x ↦ x^(p^k)` for `k ≥ 0`, coefficient-wise on `Σ aᵢ·wⁱ` with the constants of
    /// ``FrobeniusCoefficients`` (at most 11 Fq2 multiplications per step of `k ≤ 3`).
    
    public func frobeniusMap(_ k: Int) -> Self {
        var result = self
        var remaining = k % 12
        while remaining > 0 {
            let step = min(remaining, 3)
            result = result.frobeniusStep(step)
            remaining -= step
        }
        return result
    }

    @usableFromInline
    internal func frobeniusStep(_ k: Int) -> Self {
        let row = FrobeniusCoefficients.rows[k - 1]
        if k & 1 == 1 {
            return Self(Fq6(c0.c0.conjugate, c0.c1.conjugate * row.g2, c0.c2.conjugate * row.g4),
                        Fq6(c1.c0.conjugate * row.g1, c1.c1.conjugate * row.g3, c1.c2.conjugate * row.g5))
        }
        return Self(Fq6(c0.c0, c0.c1 * row.g2, c0.c2 * row.g4),
                    Fq6(c1.c0 * row.g1, c1.c1 * row.g3, c1.c2 * row.g5))
    }
}
