/// A finite field: the arithmetic every curve, polynomial and circuit in zkml is written over.
///
/// Conformers are small value types (`Fp` over four 64-bit limbs, `Fq2` over two `Fq`), so the
/// operations are cheap copies. Not constant-time: nothing here should touch long-lived secrets
/// on a machine shared with an attacker who can time it.
public protocol Field: Hashable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// The multiplicative identity.
    static var one: Self { get }

    static func * (lhs: Self, rhs: Self) -> Self
    static func *= (lhs: inout Self, rhs: Self)
    static prefix func - (value: Self) -> Self

    /// `self + self`.
    func doubled() -> Self
    /// `self · self`.
    func squared() -> Self
    /// The multiplicative inverse.
    /// - Precondition: `self` is not zero (use ``reciprocal`` when it may be).
    func inverse() -> Self
    /// The multiplicative inverse in time that may depend on the value: for computations whose
    /// timing already depends on their data (an MSM's bucket sums), never for toxic waste or
    /// blinding factors. Defaults to ``inverse()``.
    /// - Precondition: `self` is not zero.
    func inverseVariableTime() -> Self
    /// The multiplicative inverse, or `nil` for zero.
    var reciprocal: Self? { get }
    /// Whether this is the additive identity.
    var isZero: Bool { get }
    /// A square root, if one exists (either of the two).
    func squareRoot() -> Self?
    /// The quadratic character: 0 for zero, 1 for a non-zero square, −1 otherwise.
    var legendre: Int { get }
    /// A uniformly random element drawn from `generator`.
    static func random(using generator: inout some RandomNumberGenerator) -> Self
}

extension Field {
    /// `self^exponent` for an exponent given as little-endian 64-bit limbs (left-to-right binary).
    @inlinable
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

    /// `self^exponent`.
    @inlinable
    public func power(_ exponent: UInt64) -> Self {
        power(limbs: CollectionOfOne(exponent))
    }

    @inlinable
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }

    @inlinable
    public func inverseVariableTime() -> Self { inverse() }

    @inlinable
    public var reciprocal: Self? { isZero ? nil : inverse() }

    /// A uniformly random element from the system's cryptographically secure generator.
    ///
    /// Use this (never a seeded generator) for toxic waste and blinding factors.
    public static func randomSecret() -> Self {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }
}
