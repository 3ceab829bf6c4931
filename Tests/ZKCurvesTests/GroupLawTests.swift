import Testing
import ZKBigInt
import ZKCurves
import ZKField

typealias Fr = BN254.Fr
typealias Fq = BN254.Fq
typealias Fq2 = BN254.Fq2
typealias G1 = BN254.G1
typealias G2 = BN254.G2
typealias G1Affine = BN254.G1Affine
typealias G2Affine = BN254.G2Affine

/// Group laws, checked once per group.
enum GroupLaws {
    static func check<C: CurveConfig>(_: C.Type, seed: UInt64, count: Int = 40) where C.ScalarField == Fr {
        var rng = SeededGenerator(seed: seed)
        let g = JacobianPoint<C>.generator
        #expect(g.isOnCurve && C.generator.isOnCurve && C.generator.isInSubgroup)
        let order = Fr.modulus.limbs(count: 4)
        #expect(g.multiplied(byLimbs: order).isInfinity, "the generator has order r")
        for _ in 0..<count {
            let a = Fr.random(using: &rng), b = Fr.random(using: &rng)
            let p = g * a, q = g * b, s = g * Fr.random(using: &rng)
            #expect(p.isOnCurve && q.isOnCurve)
            #expect(p + q == q + p)
            #expect((p + q) + s == p + (q + s))
            #expect(p + JacobianPoint<C>.infinity == p && JacobianPoint<C>.infinity + p == p && p + AffinePoint<C>.infinity == p)
            #expect((p - p).isInfinity)
            #expect(p + p == p.doubled())
            #expect(p + p.affine == p.doubled(), "mixed addition of P to itself doubles")
            #expect((p + (-p).affine).isInfinity)
            #expect(p + q.affine == p + q)
            #expect(g * (a + b) == p + q, "[a+b]G = [a]G + [b]G")
            #expect(g * (a * b) == p * b, "[ab]G = [b]([a]G)")
            let limbs = a.canonicalLimbs
            #expect(g.multiplied(byLimbs: limbs) == g.multipliedByDoubleAndAdd(byLimbs: limbs))
            #expect(p.affine.isOnCurve && p.affine.isInSubgroup)
            #expect(JacobianPoint(p.affine) == p)
        }
        let points = (0..<17).map { i in i % 5 == 0 ? JacobianPoint<C>.infinity : g * Fr.random(using: &rng) }
        #expect(JacobianPoint<C>.batchNormalize(points) == points.map(\.affine))
        #expect((g * Fr.zero).isInfinity)
        #expect(g * Fr(-1) == -g)
    }
}

@Suite("Group laws")
struct GroupLawTests {
    @Test func g1() { GroupLaws.check(BN254.G1Config.self, seed: 41) }
    @Test func g2() { GroupLaws.check(BN254.G2Config.self, seed: 42, count: 15) }

    @Test("points off the curve and outside the G2 subgroup are rejected")
    func validation() throws {
        #expect(throws: CurveError.notOnCurve("G1")) { try G1Affine(validatingX: Fq(1), y: Fq(3)) }
        #expect(throws: CurveError.notOnCurve("G2")) {
            try G2Affine(validatingX: BN254.G2Config.generator.x, y: BN254.G2Config.generator.y + Fq2.one)
        }
        // A point on the twist but outside the order-r subgroup: find an x with x³ + b' square.
        var x = Fq2(Fq(1), Fq(1))
        var found: G2Affine?
        for _ in 0..<64 {
            if let y = (x.squared() * x + BN254.G2Config.b).squareRoot() {
                found = G2Affine(x: x, y: y)
                break
            }
            x += Fq2.one
        }
        let onTwist = try #require(found)
        #expect(onTwist.isOnCurve)
        #expect(!onTwist.isInSubgroup, "a random twist point has the large cofactor")
        #expect(throws: CurveError.notInSubgroup("G2")) { try G2Affine(validatingX: onTwist.x, y: onTwist.y) }
        #expect(try G1Affine(validatingX: Fq(1), y: Fq(2)) == BN254.G1Config.generator)
    }
}
