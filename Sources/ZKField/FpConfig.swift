/// Four 64-bit limbs, least significant first.
public typealias Limbs4 = (UInt64, UInt64, UInt64, UInt64)

/// The constants of a prime field of at most 254 bits held in four 64-bit limbs.
///
/// A conforming type is an empty enum whose `@inlinable` static properties return literals, so
/// that a specialised ``Fp`` sees them as constants. Every value is checked against GMP in tests.
///
/// Requirement: the top limb of the modulus is below `2^62`, so `2p < 2^256` (additions never
/// overflow the limbs) and the "no-carry" Montgomery multiplication applies
/// (G. Botrel and Y. El Housni, *Faster Montgomery multiplication and multi-scalar-multiplication
/// for SNARKs*, TCHES 2023, §2).
public protocol FpConfig: Sendable {
    /// The prime `p`.
    static var modulus: Limbs4 { get }
    /// `−p⁻¹ mod 2^64`.
    static var inv: UInt64 { get }
    /// `R = 2^256 mod p` (the Montgomery form of 1).
    static var r: Limbs4 { get }
    /// `R² mod p` (to enter Montgomery form).
    static var r2: Limbs4 { get }
    /// `R³ mod p` (used by inversion).
    static var r3: Limbs4 { get }
    /// The bit length of `p`.
    static var bitWidth: Int { get }
    /// The decimal digits of `p`.
    static var modulusDecimal: String { get }
    /// `s` with `2^s ‖ p − 1`.
    static var twoAdicity: Int { get }
    /// A primitive `2^s`-th root of unity, in Montgomery form.
    static var twoAdicRootOfUnity: Limbs4 { get }
    /// A small generator of `𝔽_p^*`.
    static var multiplicativeGenerator: UInt64 { get }
    /// The assembly multiplication kernel built for this modulus, if any (default: none).
    static var montgomeryKernel: MontgomeryKernel { get }
}

extension FpConfig {
    @inlinable public static var montgomeryKernel: MontgomeryKernel { .portable }
}
