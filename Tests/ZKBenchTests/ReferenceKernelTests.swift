import CZKReference
import Testing
import ZKBench
import ZKField

/// The C reference multipliers must compute the same products as the Swift kernel, or the ratio
/// `zkml bench field` reports would compare different work.
@Suite("C reference kernels")
struct ReferenceKernelTests {
    @Test("assembly and __int128 Montgomery products equal Fp's")
    func referenceMatchesSwift() {
        let p = BN254.FrConfig.modulus
        let modulus: [UInt64] = [p.0, p.1, p.2, p.3]
        var rng = SeededGenerator(seed: 31)
        let hasAsm = zk_ref_has_mulx_adx() != 0
        for _ in 0..<2000 {
            let a = BN254.Fr.random(using: &rng), b = BN254.Fr.random(using: &rng)
            let la = a.montgomeryLimbs, lb = b.montgomeryLimbs
            let want = (a * b).montgomeryLimbs
            let expected: [UInt64] = [want.0, want.1, want.2, want.3]
            var out = [UInt64](repeating: 0, count: 4)
            zk_ref_montmul_int128(&out, [la.0, la.1, la.2, la.3], [lb.0, lb.1, lb.2, lb.3], modulus, BN254.FrConfig.inv)
            #expect(out == expected)
            if hasAsm {
                zk_ref_montmul_asm(&out, [la.0, la.1, la.2, la.3], [lb.0, lb.1, lb.2, lb.3], modulus, BN254.FrConfig.inv)
                #expect(out == expected)
            }
        }
    }

    @Test("the smoke run of the field suite produces every headline result")
    func smokeSuite() throws {
        let report = try FieldBench.run(smoke: true)
        let names = Set(report.results.map(\.name))
        for required in ["fr.mul.throughput", "fr.mul.latency", "fr.add.throughput", "fr.inverse"] {
            #expect(names.contains(required))
        }
        #expect(report.results.allSatisfy { $0.value.isFinite && $0.value >= 0 })
        #expect(report.json.hasPrefix("{\"suite\":\"field\""))
    }
}
