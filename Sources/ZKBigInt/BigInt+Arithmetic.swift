internal import CGMP

extension BigInt: AdditiveArithmetic {
    public static var zero: BigInt { BigInt() }

    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { __gmpz_add($0, lhs.storage.pointer, rhs.storage.pointer) }
    }

    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { __gmpz_sub($0, lhs.storage.pointer, rhs.storage.pointer) }
    }

    public static func += (lhs: inout BigInt, rhs: BigInt) {
        lhs.makeUnique()
        __gmpz_add(lhs.storage.pointer, lhs.storage.pointer, rhs.storage.pointer)
    }

    public static func -= (lhs: inout BigInt, rhs: BigInt) {
        lhs.makeUnique()
        __gmpz_sub(lhs.storage.pointer, lhs.storage.pointer, rhs.storage.pointer)
    }
}

extension BigInt {
    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
        make { __gmpz_mul($0, lhs.storage.pointer, rhs.storage.pointer) }
    }

    public static func *= (lhs: inout BigInt, rhs: BigInt) {
        lhs.makeUnique()
        __gmpz_mul(lhs.storage.pointer, lhs.storage.pointer, rhs.storage.pointer)
    }

    public static prefix func - (value: BigInt) -> BigInt {
        make { __gmpz_neg($0, value.storage.pointer) }
    }

    /// Truncated division (rounds toward zero), like Swift's `Int` `/`.
    /// - Precondition: `rhs != 0`.
    public static func / (lhs: BigInt, rhs: BigInt) -> BigInt {
        precondition(!rhs.isZero, "division by zero")
        return make { __gmpz_tdiv_q($0, lhs.storage.pointer, rhs.storage.pointer) }
    }

    /// Truncated remainder (sign of `lhs`), like Swift's `Int` `%`.
    /// - Precondition: `rhs != 0`.
    public static func % (lhs: BigInt, rhs: BigInt) -> BigInt {
        precondition(!rhs.isZero, "division by zero")
        return make { __gmpz_tdiv_r($0, lhs.storage.pointer, rhs.storage.pointer) }
    }

    /// Floor division: the quotient rounded toward −∞ and the remainder with the sign of `divisor`.
    /// - Precondition: `divisor != 0`.
    public func floorDivided(by divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!divisor.isZero, "division by zero")
        let q = Storage(), r = Storage()
        __gmpz_fdiv_qr(q.pointer, r.pointer, storage.pointer, divisor.storage.pointer)
        return (BigInt(storage: q), BigInt(storage: r))
    }

    /// The least non-negative residue of `self` modulo `modulus`, in `0 ..< |modulus|`.
    /// - Precondition: `modulus != 0`.
    public func modulo(_ modulus: BigInt) -> BigInt {
        precondition(!modulus.isZero, "modulus is zero")
        return BigInt.make { __gmpz_mod($0, storage.pointer, modulus.storage.pointer) }
    }

    /// `self^exponent mod modulus`, in `0 ..< modulus`.
    ///
    /// A negative exponent uses the modular inverse.
    /// - Precondition: `modulus > 0`; if `exponent < 0`, `self` is invertible modulo `modulus`.
    public func power(_ exponent: BigInt, modulo modulus: BigInt) -> BigInt {
        precondition(modulus.signum() > 0, "modulus must be positive")
        if exponent.signum() < 0 {
            guard let inverse = inverse(modulo: modulus) else { preconditionFailure("not invertible") }
            return inverse.power(-exponent, modulo: modulus)
        }
        return BigInt.make { __gmpz_powm($0, storage.pointer, exponent.storage.pointer, modulus.storage.pointer) }
    }

    /// `self^exponent` over the integers.
    public func power(_ exponent: UInt) -> BigInt {
        BigInt.make { __gmpz_pow_ui($0, storage.pointer, exponent) }
    }

    /// The inverse of `self` modulo `modulus` in `0 ..< modulus`, or `nil` if none exists.
    /// - Precondition: `modulus > 0`.
    public func inverse(modulo modulus: BigInt) -> BigInt? {
        precondition(modulus.signum() > 0, "modulus must be positive")
        let result = Storage()
        guard __gmpz_invert(result.pointer, storage.pointer, modulus.storage.pointer) != 0 else { return nil }
        return BigInt(storage: result)
    }

    /// The greatest common divisor (non-negative).
    public func gcd(_ other: BigInt) -> BigInt {
        BigInt.make { __gmpz_gcd($0, storage.pointer, other.storage.pointer) }
    }

    /// The Legendre/Jacobi symbol `(self / n)` for odd positive `n`: −1, 0 or 1.
    public func jacobi(_ n: BigInt) -> Int {
        precondition(n.signum() > 0 && n.isOdd, "the Jacobi symbol needs an odd positive modulus")
        return Int(__gmpz_jacobi(storage.pointer, n.storage.pointer))
    }

    /// `self · 2^shift`.
    public static func << (lhs: BigInt, shift: Int) -> BigInt {
        precondition(shift >= 0, "negative shift")
        return make { __gmpz_mul_2exp($0, lhs.storage.pointer, UInt(shift)) }
    }

    /// `floor(self / 2^shift)` (arithmetic shift: rounds toward −∞).
    public static func >> (lhs: BigInt, shift: Int) -> BigInt {
        precondition(shift >= 0, "negative shift")
        return make { __gmpz_fdiv_q_2exp($0, lhs.storage.pointer, UInt(shift)) }
    }

    /// Bit `index` of the magnitude.
    public func bit(_ index: Int) -> Bool {
        precondition(index >= 0)
        return __gmpz_tstbit(magnitude.storage.pointer, UInt(index)) != 0
    }
}

extension BigInt {
    /// −1, 0 or 1.
    public func signum() -> Int { Int(zk_mpz_sgn(storage.pointer)) }

    public var isZero: Bool { signum() == 0 }

    public var isOdd: Bool { zk_mpz_odd(storage.pointer) != 0 }

    /// The absolute value.
    public var magnitude: BigInt {
        signum() >= 0 ? self : -self
    }

    /// The number of bits of the magnitude (0 for zero).
    public var bitWidth: Int {
        isZero ? 0 : __gmpz_sizeinbase(storage.pointer, 2)
    }
}

extension BigInt: Comparable, Hashable {
    public static func == (lhs: BigInt, rhs: BigInt) -> Bool {
        __gmpz_cmp(lhs.storage.pointer, rhs.storage.pointer) == 0
    }

    public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
        __gmpz_cmp(lhs.storage.pointer, rhs.storage.pointer) < 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(signum())
        let width = magnitude.bitWidth
        for i in 0..<((width + 63) / 64) { hasher.combine(zk_mpz_limb(storage.pointer, i)) }
    }
}
