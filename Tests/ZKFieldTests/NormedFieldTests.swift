import Testing
import ZKField

/// `y / x = y · adj(x) · N(x)⁻¹`: the identity the batched inversions of setup rely on.
@Suite("Normed fields")
struct NormedFieldTests {
    static func check<F: NormedField>(_: F.Type, seed: UInt64, count: Int = 200) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0 ..< count {
            let x = F.random(using: &rng), y = F.random(using: &rng)
            if x.isZero { continue }
            // N(x) = x · adj(x), embedded: 1 · adj(x) · x.
            #expect(F.one.timesAdjugate(of: x) * x == F.one.scaled(by: x.norm))
            #expect(y.timesAdjugate(of: x).scaled(by: x.norm.inverse()) == y * x.inverse())
            #expect(y.scaled(by: x.norm) == y * F.one.scaled(by: x.norm))
        }
    }

    @Test func fq() { Self.check(BN254.Fq.self, seed: 41) }
    @Test func fq2() { Self.check(BN254.Fq2.self, seed: 42) }

    @Test("Fq2: the norm is c0² + c1² and the adjugate the conjugate")
    func fq2Explicit() {
        var rng = SeededGenerator(seed: 43)
        for _ in 0 ..< 100 {
            let x = BN254.Fq2.random(using: &rng), y = BN254.Fq2.random(using: &rng)
            #expect(x.norm == x.c0 * x.c0 + x.c1 * x.c1)
            #expect(y.timesAdjugate(of: x) == y * x.conjugate)
            // A tampered adjugate (x itself instead of its conjugate) must not pass for the inverse.
            if !x.c1.isZero && !y.isZero { #expect((y * x).scaled(by: x.norm.inverse()) != y * x.inverse()) }
        }
    }
}
