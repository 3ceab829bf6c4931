public import ZKField

extension BN254 {
    /// The cubic extension `Fq6 = Fq2[v]/(v³ − ξ)` with `ξ = 9 + u`: elements `c0 + c1·v + c2·v²`.
    ///
    /// The middle floor of the BN254 tower used by EIP-197, snarkjs and gnark. Multiplication is
    /// Karatsuba over Fq2 (six Fq2 products), squaring is Chung–Hasan SQR2; see A. J. Devegili,
    /// C. Ó hÉigeartaigh, M. Scott and R. Dahab, "Multiplication and Squaring on Pairing-Friendly
    /// Fields", ePrint 2006/471. Not constant-time.
    @frozen
    public struct Fq6: Sendable {
        public var c0: Fq2
        public var c1: Fq2
        public var c2: Fq2

        @inline(__always)
        public init(_ c0: Fq2, _ c1: Fq2, _ c2: Fq2) {
            self.c0 = c0
            self.c1 = c1
            self.c2 = c2
        }

        public static var zero: Self { Self(.zero, .zero, .zero) }
        public static var one: Self { Self(.one, .zero, .zero) }

        public var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }
        public var isOne: Bool { c0 == .one && c1.isZero && c2.isZero }
    }
}

extension BN254.Fq6: Equatable, Hashable {}

extension BN254.Fq6: AdditiveArithmetic {
    @inline(__always)
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(lhs.c0 + rhs.c0, lhs.c1 + rhs.c1, lhs.c2 + rhs.c2)
    }

    @inline(__always)
    public static func - (lhs: Self, rhs: Self) -> Self {
        Self(lhs.c0 - rhs.c0, lhs.c1 - rhs.c1, lhs.c2 - rhs.c2)
    }

    @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }

    @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
}

extension BN254.Fq6 {
    public typealias Fq2 = BN254.Fq2

    @inline(__always)
    public static prefix func - (value: Self) -> Self { Self(-value.c0, -value.c1, -value.c2) }

    @inline(__always)
    public func doubled() -> Self { Self(c0.doubled(), c1.doubled(), c2.doubled()) }

    /// Karatsuba over Fq2: six Fq2 multiplications.
    @inline(__always)
    public static func * (a: Self, b: Self) -> Self {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let t2 = a.c2 * b.c2
        let c0 = ((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).multipliedByNonResidue() + t0
        let c1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.multipliedByNonResidue()
        let c2 = (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1
        return Self(c0, c1, c2)
    }

    @inline(__always)
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }

    /// Chung–Hasan SQR2: two Fq2 multiplications and three Fq2 squarings.
    @inline(__always)
    public func squared() -> Self {
        let s0 = c0.squared()
        let s1 = (c0 * c1).doubled()
        let s2 = (c0 - c1 + c2).squared()
        let s3 = (c1 * c2).doubled()
        let s4 = c2.squared()
        return Self(s0 + s3.multipliedByNonResidue(),
                    s1 + s4.multipliedByNonResidue(),
                    s1 + s2 + s3 - s0 - s4)
    }

    /// `self · v`: `(ξ·c2, c0, c1)`.
    @inline(__always)
    public func multipliedByV() -> Self { Self(c2.multipliedByNonResidue(), c0, c1) }

    /// `self · (b0 + b1·v)`: five Fq2 multiplications (the shape of a line's `w`-part).
    @inline(__always)
    public func multiplied(by01 b0: Fq2, _ b1: Fq2) -> Self {
        let t0 = c0 * b0
        let t1 = c1 * b1
        let c0New = (c2 * b1).multipliedByNonResidue() + t0
        let c1New = (c0 + c1) * (b0 + b1) - t0 - t1
        let c2New = c2 * b0 + t1
        return Self(c0New, c1New, c2New)
    }

    /// `self · b0` for `b0` in Fq2: three Fq2 multiplications.
    @inline(__always)
    public func multiplied(by0 b0: Fq2) -> Self { Self(c0 * b0, c1 * b0, c2 * b0) }

    /// The inverse by the adjugate: `(A + B·v + C·v²) / F` with `A = c0² − ξ·c1·c2`,
    /// `B = ξ·c2² − c0·c1`, `C = c1² − c0·c2`, `F = c0·A + ξ·(c2·B + c1·C)` ∈ Fq2.
    /// - Precondition: `self` is not zero.
    
    public func inverse() -> Self {
        precondition(!isZero, "inverse of zero")
        let a = c0.squared() - (c1 * c2).multipliedByNonResidue()
        let b = c2.squared().multipliedByNonResidue() - c0 * c1
        let c = c1.squared() - c0 * c2
        let f = c0 * a + (c2 * b + c1 * c).multipliedByNonResidue()
        let fInverse = f.inverse()
        return Self(a * fInverse, b * fInverse, c * fInverse)
    }

    /// The multiplicative inverse, or `nil` for zero.
    
    public var reciprocal: Self? { isZero ? nil : inverse() }

    /// A uniformly random element drawn from `generator`.
    
    public static func random(using generator: inout some RandomNumberGenerator) -> Self {
        Self(Fq2.random(using: &generator), Fq2.random(using: &generator), Fq2.random(using: &generator))
    }
}

extension BN254.Fq6: CustomStringConvertible {
    public var description: String { "(\(c0) + \(c1)·v + \(c2)·v²)" }
}
