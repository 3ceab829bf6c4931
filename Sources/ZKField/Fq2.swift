internal import ZKBigInt

extension BN254 {
    /// The quadratic extension `Fq2 = Fq[u]/(u² + 1)`: elements `c0 + c1·u`.
    ///
    /// `c0` is the real part and `c1` the imaginary part. Note the two orders met in the wild:
    /// snarkjs JSON writes `[c0, c1]`, the EVM (EIP-197) writes `c1 ‖ c0`.
    @frozen
    public struct Fq2: Sendable {
        /// The real part.
        public var c0: Fq
        /// The imaginary part (the coefficient of `u`).
        public var c1: Fq

        @inlinable @inline(__always)
        public init(_ c0: Fq, _ c1: Fq) {
            self.c0 = c0
            self.c1 = c1
        }

        /// `real + imaginary·u`.
        @inlinable
        public init(real: Fq, imaginary: Fq) {
            self.init(real, imaginary)
        }

        /// The element of the base field embedded as `c0 + 0·u`.
        @inlinable
        public init(_ c0: Fq) { self.init(c0, .zero) }

        @inlinable public static var zero: Self { Self(.zero, .zero) }
        @inlinable public static var one: Self { Self(.one, .zero) }
        /// `u`, with `u² = −1`.
        @inlinable public static var u: Self { Self(.zero, .one) }

        @inlinable public var isZero: Bool { c0.isZero && c1.isZero }

        /// The conjugate `c0 − c1·u`, which is also the Frobenius map `x ↦ x^p`.
        @inlinable public var conjugate: Self { Self(c0, -c1) }

        /// The norm `c0² + c1²` ∈ Fq (the product of the element and its conjugate).
        @inlinable public var norm: Fq { c0.squared() + c1.squared() }

        /// `self · (c + 0·u)` for `c` in the base field.
        @inlinable @inline(__always)
        public func scaled(by c: Fq) -> Self { Self(c0 * c, c1 * c) }
    }
}

extension BN254.Fq2: Equatable, Hashable {}

extension BN254.Fq2: AdditiveArithmetic {
    @inlinable @inline(__always)
    public static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.c0 + rhs.c0, lhs.c1 + rhs.c1) }

    @inlinable @inline(__always)
    public static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.c0 - rhs.c0, lhs.c1 - rhs.c1) }

    @inlinable @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }

    @inlinable @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
}

extension BN254.Fq2: Field {
    public typealias Fq = BN254.Fq

    /// Karatsuba: three base-field multiplications.
    @inlinable @inline(__always)
    public static func * (lhs: Self, rhs: Self) -> Self {
        let v0 = lhs.c0 * rhs.c0
        let v1 = lhs.c1 * rhs.c1
        let cross = (lhs.c0 + lhs.c1) * (rhs.c0 + rhs.c1)
        return Self(v0 - v1, cross - v0 - v1)
    }

    /// Spelled out, not the `Field` default: the default was left out of line in setup's G2
    /// loop (13 % of a LeNet-5 setup's samples in the call).
    @inlinable @inline(__always)
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }

    @inlinable @inline(__always)
    public static prefix func - (value: Self) -> Self { Self(-value.c0, -value.c1) }

    @inlinable @inline(__always)
    public func doubled() -> Self { Self(c0.doubled(), c1.doubled()) }

    /// Complex squaring: `(c0 + c1)(c0 − c1) + 2·c0·c1·u`, two base-field multiplications.
    @inlinable @inline(__always)
    public func squared() -> Self {
        let product = c0 * c1
        return Self((c0 + c1) * (c0 - c1), product.doubled())
    }

    /// `conjugate / norm`.
    /// - Precondition: `self` is not zero.
    @inlinable
    public func inverse() -> Self {
        precondition(!isZero, "inverse of zero")
        let normInverse = norm.inverse()
        return Self(c0 * normInverse, -(c1 * normInverse))
    }

    /// ``inverse()`` with the base field's variable-time inversion of the norm (see ``Field/inverseVariableTime()``).
    @inlinable
    public func inverseVariableTime() -> Self {
        precondition(!isZero, "inverse of zero")
        let normInverse = norm.inverseVariableTime()
        return Self(c0 * normInverse, -(c1 * normInverse))
    }

    /// An element is a square in Fq2 exactly when its norm is a square in Fq.
    public var legendre: Int { isZero ? 0 : norm.legendre }

    /// A square root for `p ≡ 3 (mod 4)`: Algorithm 9 of G. Adj and F. Rodríguez-Henríquez,
    /// "Square root computation over even extension fields", IEEE Trans. Computers 63(11), 2014.
    public func squareRoot() -> Self? {
        if isZero { return self }
        let p = Fq.modulus
        let a1 = power(limbs: ((p - 3) >> 2).limbs(count: 4))   // a^((p−3)/4)
        let alpha = a1.squared() * self                         // a^((p−1)/2)
        let a0 = alpha.conjugate * alpha                        // alpha^(p+1)
        if a0 == -Self.one { return nil }
        let x0 = a1 * self
        let root: Self
        if alpha == -Self.one {
            root = Self.u * x0
        } else {
            let b = (Self.one + alpha).power(limbs: ((p - 1) >> 1).limbs(count: 4))
            root = b * x0
        }
        return root.squared() == self ? root : nil
    }

    @inlinable
    public static func random(using generator: inout some RandomNumberGenerator) -> Self {
        Self(Fq.random(using: &generator), Fq.random(using: &generator))
    }

    public var description: String { "(\(c0) + \(c1)·u)" }
}
