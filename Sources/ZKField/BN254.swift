/// The BN254 (alt_bn128) pairing-friendly curve's fields, as used by Ethereum's precompiles
/// (EIP-196, EIP-197), circom/snarkjs and gnark.
///
/// - `Fq`: the base field, p = 21888242871839275222246405745257275088696311157297823662689037894645226208583
///   (0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47).
/// - `Fr`: the scalar field (the group order), r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
///   (0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001), two-adicity 28.
/// - `Fq2 = Fq[u]/(u² + 1)`.
///
/// Constants come from `scripts/field_constants.py` and are re-derived with GMP in the tests.
public enum BN254 {
    /// The scalar field 𝔽_r.
    public typealias Fr = Fp<FrConfig>
    /// The base field 𝔽_p.
    public typealias Fq = Fp<FqConfig>

    /// Constants of 𝔽_r.
    public enum FrConfig: FpConfig {
        @inlinable public static var modulus: Limbs4 {
            (0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029)
        }
        @inlinable public static var inv: UInt64 { 0xc2e1f593efffffff }
        @inlinable public static var r: Limbs4 {
            (0xac96341c4ffffffb, 0x36fc76959f60cd29, 0x666ea36f7879462e, 0x0e0a77c19a07df2f)
        }
        @inlinable public static var r2: Limbs4 {
            (0x1bb8e645ae216da7, 0x53fe3ab1e35c59e3, 0x8c49833d53bb8085, 0x0216d0b17f4e44a5)
        }
        @inlinable public static var r3: Limbs4 {
            (0x5e94d8e1b4bf0040, 0x2a489cbe1cfbb6b8, 0x893cc664a19fcfed, 0x0cf8594b7fcc657c)
        }
        @inlinable public static var bitWidth: Int { 254 }
        public static var modulusDecimal: String {
            "21888242871839275222246405745257275088548364400416034343698204186575808495617"
        }
        @inlinable public static var twoAdicity: Int { 28 }
        /// 5^((r−1)/2^28) = 19103219067921713944291392827692070036145651957329286315305642004821462161904.
        @inlinable public static var twoAdicRootOfUnity: Limbs4 {
            (0x636e735580d13d9c, 0xa22bf3742445ffd6, 0x56452ac01eb203d8, 0x1860ef942963f9e7)
        }
        @inlinable public static var multiplicativeGenerator: UInt64 { 5 }
        @inlinable public static var montgomeryKernel: MontgomeryKernel { .bn254ScalarField }
    }

    /// Constants of 𝔽_p.
    public enum FqConfig: FpConfig {
        @inlinable public static var modulus: Limbs4 {
            (0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d, 0x30644e72e131a029)
        }
        @inlinable public static var inv: UInt64 { 0x87d20782e4866389 }
        @inlinable public static var r: Limbs4 {
            (0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c, 0x0e0a77c19a07df2f)
        }
        @inlinable public static var r2: Limbs4 {
            (0xf32cfc5b538afa89, 0xb5e71911d44501fb, 0x47ab1eff0a417ff6, 0x06d89f71cab8351f)
        }
        @inlinable public static var r3: Limbs4 {
            (0xb1cd6dafda1530df, 0x62f210e6a7283db6, 0xef7f0b0c0ada0afb, 0x20fd6e902d592544)
        }
        @inlinable public static var bitWidth: Int { 254 }
        public static var modulusDecimal: String {
            "21888242871839275222246405745257275088696311157297823662689037894645226208583"
        }
        @inlinable public static var twoAdicity: Int { 1 }
        /// −1 (p ≡ 3 mod 4).
        @inlinable public static var twoAdicRootOfUnity: Limbs4 {
            (0x68c3488912edefaa, 0x8d087f6872aabf4f, 0x51e1a24709081231, 0x2259d6b14729c0fa)
        }
        @inlinable public static var multiplicativeGenerator: UInt64 { 3 }
        @inlinable public static var montgomeryKernel: MontgomeryKernel { .bn254BaseField }
    }
}
