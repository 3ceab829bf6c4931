public import ZKField

/// A short Weierstrass curve `y² = x³ + b` (the `a = 0` family BN curves belong to) with a
/// prime-order subgroup of order `r = ScalarField.modulus`.
public protocol CurveConfig: Sendable {
    /// The field the coordinates live in (`Fq` for G1, `Fq2` for G2); its norm map lets batched
    /// point additions invert in `Fq` (``NormedField``).
    associatedtype BaseField: NormedField
    /// The field of scalars (`Fr`), whose modulus is the subgroup order.
    associatedtype ScalarField: FftField

    /// The constant `b`.
    static var b: BaseField { get }
    /// The standard generator of the order-`r` subgroup.
    static var generator: AffinePoint<Self> { get }
    /// Whether every point on the curve is in the order-`r` subgroup (cofactor 1), so that the
    /// subgroup check is implied by the on-curve check.
    static var hasUnitCofactor: Bool { get }
    /// A short name for messages ("G1", "G2").
    static var name: String { get }
}
