public import ZKField

extension BN254.Fq12 {
    /// The square of an element of the cyclotomic subgroup `{x : x^(p⁶+1) = 1}` (every value
    /// after the easy part of the final exponentiation), in nine Fq2 squarings.
    ///
    /// R. Granger and M. Scott, "Faster Squaring in the Cyclotomic Subgroup of Sixth Degree
    /// Extensions", PKC 2010, §3.2: write `Fq12 = Fq4[w]/(w³ − t)` with `Fq4 = Fq2[t]/(t² − ξ)`,
    /// `t = w³`; for `z = A + B·w + C·w²` in the subgroup,
    /// `z² = (3A² − 2Ā) + (3t·C² + 2B̄)·w + (3B² − 2C̄)·w²`, where `¯` is `t ↦ −t`.
    ///
    /// - Precondition: `self` is in the cyclotomic subgroup; the result is meaningless otherwise.
    
    public func cyclotomicSquared() -> Self {
        // A = a0 + a3·t, B = a1 + a4·t, C = a2 + a5·t over the w-basis coefficients aᵢ.
        let a0 = c0.c0, a1 = c1.c0, a2 = c0.c1, a3 = c1.c1, a4 = c0.c2, a5 = c1.c2
        let (aa0, aa1) = Self.fq4Squared(a0, a3)
        let (bb0, bb1) = Self.fq4Squared(a1, a4)
        let (cc0, cc1) = Self.fq4Squared(a2, a5)
        // 3x − 2g  =  2(x − g) + x ;  3x + 2g  =  2(x + g) + x.
        let n0 = (aa0 - a0).doubled() + aa0
        let n3 = (aa1 + a3).doubled() + aa1
        let tc = cc1.multipliedByNonResidue()   // t·C² has real part ξ·(C²)₁ and t-part (C²)₀
        let n1 = (tc + a1).doubled() + tc
        let n4 = (cc0 - a4).doubled() + cc0
        let n2 = (bb0 - a2).doubled() + bb0
        let n5 = (bb1 + a5).doubled() + bb1
        return Self(Fq6(n0, n2, n4), Fq6(n1, n3, n5))
    }

    /// `(x + y·t)²` in `Fq4 = Fq2[t]/(t² − ξ)` with three Fq2 squarings.
    @inline(__always)
    static func fq4Squared(_ x: Fq2, _ y: Fq2) -> (Fq2, Fq2) {
        let x2 = x.squared()
        let y2 = y.squared()
        return (y2.multipliedByNonResidue() + x2, (x + y).squared() - x2 - y2)
    }

    /// `self^x` for the BN parameter `x` = 4965661367192848881, on the cyclotomic subgroup:
    /// signed-digit (NAF) left-to-right, cyclotomic squarings, conjugation for the digit −1.
    /// - Precondition: `self` is in the cyclotomic subgroup.
    
    public func cyclotomicPowerByX() -> Self {
        let inverse = conjugate
        var result = self
        let digits = BN254.PairingParameters.xNAF
        for index in stride(from: digits.count - 2, through: 0, by: -1) {
            result = result.cyclotomicSquared()
            switch digits[index] {
            case 1: result *= self
            case -1: result *= inverse
            default: break
            }
        }
        return result
    }
}
