public import ZKField

extension BN254.Fq2 {
    /// The sextic non-residue `ξ = 9 + u` that builds the tower: `Fq6 = Fq2[v]/(v³ − ξ)`,
    /// `Fq12 = Fq6[w]/(w² − v)` (so `w⁶ = ξ`), as in EIP-197, snarkjs and gnark.
    @inlinable
    public static var nonResidue: Self { Self(BN254.Fq(9), BN254.Fq.one) }

    /// `self · ξ` with `ξ = 9 + u`: `(9·c0 − c1) + (c0 + 9·c1)·u`, additions only.
    @inlinable @inline(__always)
    public func multipliedByNonResidue() -> Self {
        let nine0 = c0.doubled().doubled().doubled() + c0
        let nine1 = c1.doubled().doubled().doubled() + c1
        return Self(nine0 - c1, c0 + nine1)
    }
}
