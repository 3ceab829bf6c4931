internal import CZKMontgomery

/// Which hand-scheduled multiplication kernel a field's Montgomery product may use.
///
/// `Fp.montgomeryMultiply` runs the named mulx/adcx/adox kernel of the CZKMontgomery C module
/// (inlined, no call) when the CPU has BMI2 and ADX, and its portable Swift kernel otherwise
/// (other CPUs, other architectures, or `ZKML_FIELD_KERNEL=portable` in the environment). Both
/// compute the same no-carry CIOS product; the field tests hold them equal.
public enum MontgomeryKernel: Sendable {
    /// Only the portable Swift kernel (any modulus meeting `FpConfig`'s bound).
    case portable
    /// The assembly kernel with BN254's scalar-field modulus built in.
    case bn254ScalarField
    /// The assembly kernel with BN254's base-field modulus built in.
    case bn254BaseField

    /// Whether this CPU has BMI2 (mulx) and ADX (adcx/adox), whatever `ZKML_FIELD_KERNEL` says.
    public static var cpuHasADX: Bool { zk_montgomery_cpu_has_adx() != 0 }
}
