public import ZKField

extension BN254 {
    /// The quadratic extension `Fq12 = Fq6[w]/(w² − v)`: elements `c0 + c1·w`, so that `w⁶ = ξ = 9 + u`.
    ///
    /// The target group GT of the BN254 pairing is the order-`r` subgroup of `Fq12*`. The tower
    /// is the one EIP-197, snarkjs (`vk_alphabeta_12`) and gnark use. As a vector space over Fq2
    /// the element is `Σ aᵢ·wⁱ` with `(a0, …, a5) = (c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2)`.
    ///
    /// Not constant-time.
    @frozen
    public struct Fq12: Sendable {
        public var c0: Fq6
        public var c1: Fq6

        @inline(__always)
        public init(_ c0: Fq6, _ c1: Fq6) {
            self.c0 = c0
            self.c1 = c1
        }

        public static var zero: Self { Self(.zero, .zero) }
        public static var one: Self { Self(.one, .zero) }

        public var isZero: Bool { c0.isZero && c1.isZero }
        /// Whether this is the multiplicative identity (the identity of GT).
        public var isOne: Bool { c0.isOne && c1.isZero }

        /// The conjugate `c0 − c1·w`, which is the Frobenius power `x ↦ x^(p⁶)`; on the
        /// cyclotomic subgroup (after the easy part of the final exponentiation) it is the inverse.
        @inline(__always)
        public var conjugate: Self { Self(c0, -c1) }
    }
}

extension BN254.Fq12: Equatable, Hashable {}

extension BN254.Fq12: AdditiveArithmetic {
    @inline(__always)
    public static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.c0 + rhs.c0, lhs.c1 + rhs.c1) }

    @inline(__always)
    public static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.c0 - rhs.c0, lhs.c1 - rhs.c1) }

    @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }

    @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
}

extension BN254.Fq12 {
    public typealias Fq2 = BN254.Fq2
    public typealias Fq6 = BN254.Fq6

    @inline(__always)
    public static prefix func - (value: Self) -> Self { Self(-value.c0, -value.c1) }

    @inline(__always)
    public func doubled() -> Self { Self(c0.doubled(), c1.doubled()) }

    /// Karatsuba over Fq6: three Fq6 multiplications.
    
    public static func * (a: Self, b: Self) -> Self {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let cross = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Self(t0 + t1.multipliedByV(), cross - t0 - t1)
    }

    @inline(__always)
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }

    /// Complex squaring: `(c0 + c1)(c0 + v·c1) − t − v·t` and `2t` with `t = c0·c1`, two Fq6
    /// multiplications.
    
    public func squared() -> Self {
        let t = c0 * c1
        let product = (c0 + c1) * (c0 + c1.multipliedByV())
        return Self(product - t - t.multipliedByV(), t.doubled())
    }

    /// `self · (a + b·w + c·w³)` with `a, b, c` in Fq2: the sparse shape of a Miller-loop line
    /// on the D-type twist (13 Fq2 multiplications instead of 18).
    @inline(__always)
    public func multiplied(byLine a: Fq2, _ b: Fq2, _ c: Fq2) -> Self {
        // (c0 + c1·w)(L0 + L1·w) with L0 = (a, 0, 0), L1 = (b, c, 0).
        let t0 = c0.multiplied(by0: a)
        let t1 = c1.multiplied(by01: b, c)
        let cross = (c0 + c1).multiplied(by01: a + b, c)
        return Self(t0 + t1.multipliedByV(), cross - t0 - t1)
    }

    /// `(c0 − c1·w) / (c0² − v·c1²)`.
    /// - Precondition: `self` is not zero.
    
    public func inverse() -> Self {
        precondition(!isZero, "inverse of zero")
        let normInverse = (c0.squared() - c1.squared().multipliedByV()).inverse()
        return Self(c0 * normInverse, -(c1 * normInverse))
    }

    /// The multiplicative inverse, or `nil` for zero.
    
    public var reciprocal: Self? { isZero ? nil : inverse() }

    /// `self^e` for an exponent given as little-endian 64-bit limbs (left-to-right binary; any
    /// length). For tests and rare use: the pairing uses dedicated addition chains.
    public func power(limbs exponent: some BidirectionalCollection<UInt64>) -> Self {
        var result = Self.one
        var started = false
        for limb in exponent.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                if started { result = result.squared() }
                if (limb >> UInt64(bit)) & 1 == 1 {
                    result = started ? result * self : self
                    started = true
                }
            }
        }
        return result
    }

    /// A uniformly random element drawn from `generator`.
    
    public static func random(using generator: inout some RandomNumberGenerator) -> Self {
        Self(Fq6.random(using: &generator), Fq6.random(using: &generator))
    }

    /// The coefficients `(a0, …, a5)` of `Σ aᵢ·wⁱ` over Fq2.
    
    public var wCoefficients: [Fq2] { [c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2] }

    /// The element `Σ aᵢ·wⁱ` for six Fq2 coefficients.
    /// - Precondition: `coefficients.count == 6`.
    
    public init(wCoefficients a: [Fq2]) {
        precondition(a.count == 6, "an Fq12 element has six Fq2 coefficients over w")
        self.init(Fq6(a[0], a[2], a[4]), Fq6(a[1], a[3], a[5]))
    }
}

extension BN254.Fq12: CustomStringConvertible {
    public var description: String { "(\(c0) + \(c1)·w)" }
}
