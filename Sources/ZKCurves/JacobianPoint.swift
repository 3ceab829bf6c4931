public import ZKField

/// A point of the curve `C` in Jacobian coordinates: `(X, Y, Z)` stands for the affine point
/// `(X/Z², Y/Z³)`; `Z = 0` is the point at infinity.
///
/// Formulas for `a = 0` from the Explicit-Formulas Database (Bernstein and Lange):
/// `dbl-2009-l` (2M + 5S), `add-2007-bl` (11M + 5S), `madd-2007-bl` (7M + 4S).
@frozen
public struct JacobianPoint<C: CurveConfig>: Sendable {
    public var x: C.BaseField
    public var y: C.BaseField
    public var z: C.BaseField

    @inlinable
    public init(x: C.BaseField, y: C.BaseField, z: C.BaseField) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The affine point `p` lifted with `Z = 1`.
    @inlinable
    public init(_ p: AffinePoint<C>) {
        if p.isInfinity {
            self = .infinity
        } else {
            self.init(x: p.x, y: p.y, z: .one)
        }
    }

    @inlinable
    public static var infinity: Self { Self(x: .one, y: .one, z: .zero) }

    @inlinable
    public static var generator: Self { Self(C.generator) }

    @inlinable
    public var isInfinity: Bool { z.isZero }

    /// The affine form (one field inversion).
    @inlinable
    public var affine: AffinePoint<C> {
        if isInfinity { return .infinity }
        let zInverse = z.inverse()
        let zInverse2 = zInverse.squared()
        return AffinePoint(x: x * zInverse2, y: y * zInverse2 * zInverse)
    }

    /// Whether the represented point satisfies `Y² = X³ + b·Z⁶`.
    @inlinable
    public var isOnCurve: Bool {
        if isInfinity { return true }
        let z2 = z.squared()
        let z6 = z2.squared() * z2
        return y.squared() == x.squared() * x + C.b * z6
    }

    /// `2P`.
    @inlinable
    public func doubled() -> Self {
        if isInfinity { return self }
        let a = x.squared()
        let b = y.squared()
        let c = b.squared()
        let d = ((x + b).squared() - a - c).doubled()
        let e = a.doubled() + a
        let f = e.squared()
        let x3 = f - d.doubled()
        let c8 = c.doubled().doubled().doubled()
        let y3 = e * (d - x3) - c8
        let z3 = (y * z).doubled()
        return Self(x: x3, y: y3, z: z3)
    }

    /// `P + Q` for Jacobian `Q`.
    @inlinable
    public static func + (p: Self, q: Self) -> Self {
        if p.isInfinity { return q }
        if q.isInfinity { return p }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        let u1 = p.x * z2z2
        let u2 = q.x * z1z1
        let s1 = p.y * q.z * z2z2
        let s2 = q.y * p.z * z1z1
        if u1 == u2 {
            return s1 == s2 ? p.doubled() : .infinity
        }
        let h = u2 - u1
        let i = h.doubled().squared()
        let j = h * i
        let r = (s2 - s1).doubled()
        let v = u1 * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (s1 * j).doubled()
        let z3 = ((p.z + q.z).squared() - z1z1 - z2z2) * h
        return Self(x: x3, y: y3, z: z3)
    }

    /// `P + Q` for affine `Q` (mixed addition).
    @inlinable
    public static func + (p: Self, q: AffinePoint<C>) -> Self {
        if q.isInfinity { return p }
        if p.isInfinity { return Self(q) }
        let z1z1 = p.z.squared()
        let u2 = q.x * z1z1
        let s2 = q.y * p.z * z1z1
        if p.x == u2 {
            return p.y == s2 ? p.doubled() : .infinity
        }
        let h = u2 - p.x
        let hh = h.squared()
        let i = hh.doubled().doubled()
        let j = h * i
        let r = (s2 - p.y).doubled()
        let v = p.x * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (p.y * j).doubled()
        let z3 = (p.z + h).squared() - z1z1 - hh
        return Self(x: x3, y: y3, z: z3)
    }

    @inlinable
    public static func += (p: inout Self, q: Self) { p = p + q }

    @inlinable
    public static func += (p: inout Self, q: AffinePoint<C>) { p = p + q }

    @inlinable
    public static prefix func - (p: Self) -> Self { Self(x: p.x, y: -p.y, z: p.z) }

    @inlinable
    public static func - (p: Self, q: Self) -> Self { p + (-q) }
}

extension JacobianPoint: Equatable, Hashable {
    /// Equality of the represented points (cross-multiplied, no inversion).
    @inlinable
    public static func == (p: Self, q: Self) -> Bool {
        if p.isInfinity || q.isInfinity { return p.isInfinity == q.isInfinity }
        let z1z1 = p.z.squared(), z2z2 = q.z.squared()
        return p.x * z2z2 == q.x * z1z1 && p.y * q.z * z2z2 == q.y * p.z * z1z1
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(affine) }
}

extension JacobianPoint: CustomStringConvertible {
    public var description: String { affine.description }
}
