import Foundation
import Testing
import ZKBigInt
import ZKField
import ZKTestSupport

/// The mulx/adcx/adox kernels (CZKMontgomery) against the portable Swift kernel and GMP.
///
/// `PrimeFieldOracleTests` checks `*` against GMP, and on a BMI2/ADX machine `*` is the assembly;
/// this suite adds the portable kernel beside it on the same inputs, so both stay checked
/// whichever one a machine runs.
@Suite("Montgomery kernels")
struct MontgomeryKernelTests {
    static func limbs(_ value: BigInt) -> Limbs4 {
        let l = value.limbs(count: 4)
        return (l[0], l[1], l[2], l[3])
    }

    static func checkKernels<C: FpConfig>(_: C.Type, seed: UInt64) throws {
        typealias F = Fp<C>
        let p = F.modulus
        let values = Oracle.edgeIntegers(modulus: p) + Oracle.randomIntegers(modulus: p, count: 20_000, seed: seed)
        // Edge values against each other and themselves, then consecutive random pairs.
        var pairs: [(BigInt, BigInt)] = []
        let edges = Oracle.edgeIntegers(modulus: p)
        for a in edges { for b in edges { pairs.append((a, b)) } }
        for i in stride(from: edges.count, to: values.count - 1, by: 2) { pairs.append((values[i], values[i + 1])) }
        #expect(pairs.count >= 10_000)
        let rInverse = try #require((BigInt(1) << 256).modulo(p).inverse(modulo: p))
        var failures = 0
        for (a, b) in pairs {
            // Any integer below p is a Montgomery representative: use a and b themselves, so that
            // the edge values (p − 1, R mod p, top bits set) reach the kernels unchanged.
            let x = limbs(a), y = limbs(b)
            let portable = F.montgomeryMultiply(x, y) == F.montgomeryMultiplyPortable(x, y)
            // The raw product of two representatives is x·y·R⁻¹; check the portable one against GMP.
            let want = (BigInt(limbs: [x.0, x.1, x.2, x.3]) * BigInt(limbs: [y.0, y.1, y.2, y.3]) * rInverse).modulo(p)
            let z = F.montgomeryMultiplyPortable(x, y)
            let oracle = BigInt(limbs: [z.0, z.1, z.2, z.3]) == want
            if !(portable && oracle) {
                failures += 1
                Issue.record("\(C.self): kernels disagree on (\(a), \(b)): same \(portable), portable = GMP \(oracle)")
                if failures > 10 { return }
            }
        }
    }

    @Test("Fr: dispatched kernel = portable kernel = GMP on 10,000+ pairs")
    func scalarField() throws { try Self.checkKernels(BN254.FrConfig.self, seed: 0x6d75_6c78) }

    @Test("Fq: dispatched kernel = portable kernel = GMP on 10,000+ pairs")
    func baseField() throws { try Self.checkKernels(BN254.FqConfig.self, seed: 0x6164_6378) }

    @Test("the assembly kernel runs wherever the CPU has BMI2 and ADX, unless disabled")
    func dispatch() {
        #if arch(x86_64)
        let disabled = ProcessInfo.processInfo.environment["ZKML_FIELD_KERNEL"] == "portable"
        #expect(BN254.Fr.usesAssemblyKernel == (MontgomeryKernel.cpuHasADX && !disabled))
        #expect(BN254.Fq.usesAssemblyKernel == BN254.Fr.usesAssemblyKernel)
        #else
        #expect(!BN254.Fr.usesAssemblyKernel)
        #endif
    }
}
