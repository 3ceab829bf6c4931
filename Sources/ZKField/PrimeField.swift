public import ZKBigInt

/// A prime field 𝔽_p with a canonical integer representative in `0 ..< p` for every element.
public protocol PrimeField: Field, Comparable {
    /// The prime `p`.
    static var modulus: BigInt { get }
    /// The number of bits of `p`.
    static var modulusBitWidth: Int { get }

    /// The element `value mod p` (negative values map to `p − (|value| mod p)`).
    init(_ value: Int)
    /// The element `value mod p`.
    init(_ value: UInt64)
    /// The element `value mod p`, for any integer (negative values included).
    init(reducing value: BigInt)
    /// The element whose canonical representative is `value`.
    /// - Throws: ``FieldError/notCanonical(_:)`` if `value` is negative or `≥ p`.
    init(canonical value: BigInt) throws(FieldError)

    /// The canonical representative in `0 ..< p`.
    var bigInt: BigInt { get }
    /// The canonical representative as four little-endian 64-bit limbs.
    var canonicalLimbs: [UInt64] { get }
}

/// A prime field with a large power-of-two subgroup in its multiplicative group, as the NTT needs.
public protocol FftField: PrimeField {
    /// The largest `s` with `2^s | p − 1`.
    static var twoAdicity: Int { get }
    /// A primitive `2^twoAdicity`-th root of unity.
    static var twoAdicRootOfUnity: Self { get }
    /// A generator of the multiplicative group (also the default coset shift).
    static var multiplicativeGenerator: Self { get }
}

extension PrimeField {
    /// The canonical representative as a decimal string.
    public var description: String { bigInt.description }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.bigInt < rhs.bigInt }

    /// Parses a decimal string with a canonical value (`0 ≤ value < p`; no sign, no spaces).
    /// - Throws: ``FieldError`` naming the text when it is not a decimal integer or not canonical.
    public init(decimal text: some StringProtocol) throws(FieldError) {
        let value: BigInt
        do { value = try BigInt(decimal: text) } catch { throw .invalidDecimal(String(text.prefix(100))) }
        try self.init(canonical: value)
    }
}
