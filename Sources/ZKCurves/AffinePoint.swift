public import ZKField

/// A point of the curve `C` in affine coordinates `(x, y)`, or the point at infinity.
///
/// Constructing one with ``init(x:y:)`` does not check that it is on the curve; decoders that
/// read untrusted bytes use ``init(validatingX:y:)``.
@frozen
public struct AffinePoint<C: CurveConfig>: Sendable {
    public var x: C.BaseField
    public var y: C.BaseField
    /// `true` for the point at infinity (then `x` and `y` are zero and meaningless).
    public var isInfinity: Bool

    /// The point `(x, y)`, unchecked.
    @inlinable
    public init(x: C.BaseField, y: C.BaseField) {
        self.x = x
        self.y = y
        self.isInfinity = false
    }

    /// The point at infinity (the group identity).
    @inlinable
    public static var infinity: Self {
        var point = Self(x: .zero, y: .zero)
        point.isInfinity = true
        return point
    }

    /// The standard generator.
    @inlinable
    public static var generator: Self { C.generator }

    /// The point `(x, y)` after checking it is on the curve and in the order-`r` subgroup.
    /// - Throws: ``CurveError/notOnCurve(_:)`` or ``CurveError/notInSubgroup(_:)``.
    /// Inlinable so that key and proof decoders get it specialised for their curve: unspecialised,
    /// the on-curve check went through generic metadata and took a proving key's load from 100 to 300 ns a point.
    @inlinable
    public init(validatingX x: C.BaseField, y: C.BaseField) throws(CurveError) {
        self.init(x: x, y: y)
        guard isOnCurve else { throw .notOnCurve(C.name) }
        guard C.hasUnitCofactor || isInSubgroup else { throw .notInSubgroup(C.name) }
    }

    /// The affine sum `p + q` from the slope `λ` of the line through them (the chord, or the
    /// tangent when doubling): `x₃ = λ² − xₚ − x_q`, `y₃ = λ(xₚ − x₃) − yₚ`. The batch-affine
    /// paths compute `λ` with a shared inversion and finish here.
    @inlinable @inline(__always)
    public static func sum(_ p: Self, _ q: Self, slope lambda: C.BaseField) -> Self {
        let x3 = lambda.squared() - p.x - q.x
        return Self(x: x3, y: lambda * (p.x - x3) - p.y)
    }

    /// Whether `y² = x³ + b` (the point at infinity counts as on the curve).
    @inlinable
    public var isOnCurve: Bool {
        isInfinity || y.squared() == x.squared() * x + C.b
    }

    /// Whether `[r]P = O`. Implied by ``isOnCurve`` when the cofactor is 1 (G1); a scalar
    /// multiplication by the group order otherwise (G2).
    public var isInSubgroup: Bool {
        if isInfinity || C.hasUnitCofactor { return true }
        return JacobianPoint(self).multiplied(byLimbs: C.ScalarField.modulus.limbs(count: 4)).isInfinity
    }

    /// `−P`.
    @inlinable
    public static prefix func - (point: Self) -> Self {
        point.isInfinity ? point : Self(x: point.x, y: -point.y)
    }
}

extension AffinePoint: Equatable, Hashable {
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        if lhs.isInfinity || rhs.isInfinity { return lhs.isInfinity == rhs.isInfinity }
        return lhs.x == rhs.x && lhs.y == rhs.y
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(isInfinity)
        if !isInfinity {
            hasher.combine(x)
            hasher.combine(y)
        }
    }
}

extension AffinePoint: CustomStringConvertible {
    public var description: String { isInfinity ? "\(C.name)(∞)" : "\(C.name)(\(x), \(y))" }
}
