/// An element of the prime field described by `Config`, held as four 64-bit limbs in Montgomery
/// form (`limbs = a · 2^256 mod p`).
///
/// The representation is always fully reduced (`limbs < p`), so equality is limb equality.
/// Arithmetic is branch-free (carries through `UInt128` multiply-accumulate, the final
/// subtraction by mask select) and not constant-time across all paths (`inverse`, `squareRoot`
/// and `power` depend on their inputs).
@frozen
public struct Fp<Config: FpConfig>: Sendable {
    /// The Montgomery representative `a · 2^256 mod p`, little-endian limbs.
    public var montgomeryLimbs: Limbs4

    /// The element whose Montgomery representative is `limbs`.
    /// - Precondition: `limbs < p` (checked in debug builds).
    @inlinable @inline(__always)
    public init(montgomeryLimbs limbs: Limbs4) {
        self.montgomeryLimbs = limbs
        assert(Self.lessThanModulus(limbs), "Montgomery limbs not reduced")
    }

    /// The element whose canonical representative has little-endian limbs `limbs`.
    /// - Returns: `nil` if `limbs ≥ p`.
    @inlinable
    public init?(canonicalLimbs limbs: Limbs4) {
        guard Self.lessThanModulus(limbs) else { return nil }
        self.montgomeryLimbs = Self.montgomeryMultiply(limbs, Config.r2)
    }

    /// The canonical representative's limbs (leaves Montgomery form).
    @inlinable
    public var canonicalLimbs4: Limbs4 {
        Self.montgomeryMultiply(montgomeryLimbs, (1, 0, 0, 0))
    }

    @inlinable @inline(__always)
    public static var zero: Self { Self(montgomeryLimbs: (0, 0, 0, 0)) }

    @inlinable @inline(__always)
    public static var one: Self { Self(montgomeryLimbs: Config.r) }

    @inlinable @inline(__always)
    public var isZero: Bool {
        (montgomeryLimbs.0 | montgomeryLimbs.1 | montgomeryLimbs.2 | montgomeryLimbs.3) == 0
    }

    /// Whether this is the multiplicative identity.
    @inlinable
    public var isOne: Bool { self == .one }
}

extension Fp: Equatable, Hashable {
    @inlinable @inline(__always)
    public static func == (lhs: Self, rhs: Self) -> Bool {
        let a = lhs.montgomeryLimbs, b = rhs.montgomeryLimbs
        return ((a.0 ^ b.0) | (a.1 ^ b.1) | (a.2 ^ b.2) | (a.3 ^ b.3)) == 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(montgomeryLimbs.0)
        hasher.combine(montgomeryLimbs.1)
        hasher.combine(montgomeryLimbs.2)
        hasher.combine(montgomeryLimbs.3)
    }
}
