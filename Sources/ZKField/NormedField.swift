/// A field with a norm map to a subfield, through which inverses can be batched in the subfield:
/// `x⁻¹ = adj(x) / N(x)`, where `N(x) = x · adj(x)` lies in ``NormField``.
///
/// For a prime field the subfield is the field itself, `N(x) = x` and `adj(x) = 1`. For
/// `Fq2 = Fq[u]/(u² + 1)`, `N(x) = c0² + c1²` ∈ Fq and `adj(x)` is the conjugate, so a batch of
/// Fq2 inversions by Montgomery's trick costs three Fq multiplications per element and one Fq
/// inversion, plus the norms, instead of three Fq2 multiplications (nine Fq) per element: the
/// batch-affine point additions of G2 use this (the "norm trick" for inversions in extension
/// fields, e.g. Aranha et al., "Faster explicit formulas for computing pairings over ordinary
/// curves", EUROCRYPT 2011, §3.2 on inversion in towers).
public protocol NormedField: Field {
    /// The field the norm lands in.
    associatedtype NormField: Field

    /// `N(self) = self · adj(self)`, an element of ``NormField``.
    var norm: NormField { get }

    /// `self · adj(x)`, so that `y / x = y.timesAdjugate(of: x).scaled(by: N(x)⁻¹)`.
    func timesAdjugate(of x: Self) -> Self

    /// `self · n` for `n` in the norm's field (embedded).
    func scaled(by n: NormField) -> Self
}

extension Fp: NormedField {
    public typealias NormField = Self

    /// The prime field is its own norm field: `N(x) = x`.
    @inlinable @inline(__always)
    public var norm: Self { self }

    /// `adj(x) = 1` in a prime field: `self`.
    @inlinable @inline(__always)
    public func timesAdjugate(of x: Self) -> Self { self }

    @inlinable @inline(__always)
    public func scaled(by n: Self) -> Self { self * n }
}

extension BN254.Fq2: NormedField {
    public typealias NormField = BN254.Fq

    /// `self · conj(x)`: Karatsuba with the conjugate's sign folded in (three Fq multiplications).
    @inlinable @inline(__always)
    public func timesAdjugate(of x: Self) -> Self {
        // (a0 + a1u)(b0 − b1u) = (a0b0 + a1b1) + (a1b0 − a0b1)u;
        // a1b0 − a0b1 = (a0 + a1)(b0 − b1) − a0b0 + a1b1.
        let v0 = c0 * x.c0
        let v1 = c1 * x.c1
        let cross = (c0 + c1) * (x.c0 - x.c1)
        return Self(v0 + v1, cross - v0 + v1)
    }
}
