import Testing
import ZKBigInt
import ZKCurves
import ZKField
@testable import ZKPairing

/// The optimal ate pairing: bilinearity, order, non-degeneracy, the final exponentiation against
/// plain exponentiation, the product check and the prepared form.
@Suite("Optimal ate pairing")
struct PairingTests {
    typealias Support = PairingTestSupport

    @Test("the final exponentiation equals f^((p¹² − 1)/r)")
    func finalExponentiationMatchesPower() {
        var rng = SeededGenerator(seed: 0xFE)
        let exponent = (Support.p.power(12) - BigInt(1)) / Support.r
        for _ in 0..<2 {
            let f = Fq12.random(using: &rng)
            #expect(BN254.finalExponentiation(f) == Support.power(f, exponent))
        }
        let miller = BN254.millerLoop([(G1Affine.generator, BN254.G2Prepared(.generator))])
        #expect(BN254.finalExponentiation(miller) == Support.power(miller, exponent))
    }

    @Test("the Miller loop's running point ends at −π³(Q); the twist Frobenius is [p] on G2")
    func millerLoopPoint() {
        var rng = SeededGenerator(seed: 0x3A)
        let q = Support.randomG2(&rng)
        let pModR = Fr(reducing: Support.p)
        #expect(BN254.TwistFrobenius.frobenius(q) == (pModR * q).affine)
        #expect(BN254.TwistFrobenius.frobeniusSquared(q) == ((pModR * pModR) * q).affine)
        let pi3 = BN254.TwistFrobenius.frobenius(BN254.TwistFrobenius.frobeniusSquared(q))
        #expect(BN254.G2Prepared(q).finalPoint.affine == -pi3)
        #expect(BN254.TwistFrobenius.frobenius(q).isOnCurve)
    }

    @Test("bilinearity: e(aP, bQ) = e(P, Q)^(ab) = e(abP, Q) = e(P, abQ)")
    func bilinearity() {
        var rng = SeededGenerator(seed: 0xB11)
        let p = Support.randomG1(&rng), q = Support.randomG2(&rng)
        let base = BN254.pairing(p, q)
        for _ in 0..<3 {
            let a = Fr.random(using: &rng), b = Fr.random(using: &rng)
            let ab = a * b
            let lhs = BN254.pairing((a * p).affine, (b * q).affine)
            #expect(lhs == Support.power(base, ab.bigInt))
            #expect(lhs == BN254.pairing((ab * p).affine, q))
            #expect(lhs == BN254.pairing(p, (ab * q).affine))
        }
        // e(P1 + P2, Q) = e(P1, Q)·e(P2, Q).
        let p2 = Support.randomG1(&rng)
        let sum = (G1(p) + p2).affine
        #expect(BN254.pairing(sum, q) == base * BN254.pairing(p2, q))
    }

    @Test("e(P, Q)^r = 1, non-degeneracy, infinity gives 1")
    func orderAndDegeneracy() {
        let g = BN254.pairing(.generator, .generator)
        #expect(!g.isOne, "e(G1, G2) ≠ 1")
        #expect(Support.power(g, Support.r).isOne, "e(G1, G2)^r = 1")
        #expect(g * g.conjugate == .one, "GT is in the cyclotomic subgroup")
        #expect(BN254.pairing(.infinity, .generator).isOne)
        #expect(BN254.pairing(.generator, .infinity).isOne)
    }

    @Test("e(P, Q)·e(−P, Q) = 1 and the product check")
    func productCheck() {
        var rng = SeededGenerator(seed: 0x9C)
        let p = Support.randomG1(&rng), q = Support.randomG2(&rng)
        #expect(BN254.pairing(p, q) * BN254.pairing(-p, q) == .one)
        #expect(BN254.pairingProductIsOne([(p, q), (-p, q)]))
        #expect(BN254.pairingProductIsOne([(p, q), (p, -q)]))
        #expect(BN254.pairingProductIsOne([] as [(G1Affine, G2Affine)]), "the empty product is 1")
        #expect(BN254.pairingProductIsOne([] as [(G1Affine, BN254.G2Prepared)]))
        #expect(BN254.pairingProductIsOne([(.infinity, q), (p, .infinity)]))
        #expect(!BN254.pairingProductIsOne([(p, q)]))
        #expect(!BN254.pairingProductIsOne([(p, q), (p, q)]))
        // A Groth16-shaped four-pair identity: e(aP, bQ) = e(P, Q)^(ab) split over three pairs.
        let a = Fr.random(using: &rng), b = Fr.random(using: &rng), c = Fr.random(using: &rng)
        let lhsG1 = (a * p).affine, lhsG2 = (b * q).affine
        // ab = c + (ab − c): e(−aP, bQ)·e(cP, Q)·e((ab − c)P, Q)·e(O, Q) = 1.
        let pairs: [(G1Affine, G2Affine)] = [(-lhsG1, lhsG2), ((c * p).affine, q), (((a * b - c) * p).affine, q), (.infinity, q)]
        #expect(BN254.pairingProductIsOne(pairs))
        // Tampered: any changed point breaks it.
        var tampered = pairs
        tampered[1].0 = ((c + Fr.one) * p).affine
        #expect(!BN254.pairingProductIsOne(tampered))
        tampered = pairs
        tampered[0].1 = (b * (G2(q) + G2(q))).affine
        #expect(!BN254.pairingProductIsOne(tampered))
    }

    @Test("the multi-Miller loop equals the product of single Miller loops after exponentiation")
    func multiMillerLoop() {
        var rng = SeededGenerator(seed: 0x33)
        let pairs = (0..<3).map { _ in (Support.randomG1(&rng), Support.randomG2(&rng)) }
        let prepared = pairs.map { ($0.0, BN254.G2Prepared($0.1)) }
        let product = pairs.reduce(Fq12.one) { $0 * BN254.pairing($1.0, $1.1) }
        #expect(BN254.finalExponentiation(BN254.millerLoop(prepared)) == product)
        let singles = prepared.map { BN254.millerLoop([$0]) }.reduce(Fq12.one, *)
        #expect(BN254.finalExponentiation(singles) == product)
    }

    @Test("prepared G2 points: same answers, reusable, infinity prepared")
    func prepared() {
        var rng = SeededGenerator(seed: 0x77)
        let q = Support.randomG2(&rng)
        let prepared = BN254.G2Prepared(q)
        #expect(!prepared.isInfinity)
        #expect(BN254.G2Prepared(.infinity).isInfinity)
        for _ in 0..<2 {
            let p = Support.randomG1(&rng)
            #expect(BN254.finalExponentiation(BN254.millerLoop([(p, prepared)])) == BN254.pairing(p, q))
            #expect(BN254.pairingProductIsOne([(p, prepared), (-p, prepared)]))
            #expect(!BN254.pairingProductIsOne([(p, prepared), (p, prepared)]))
        }
        #expect(BN254.pairingProductIsOne([(G1Affine.generator, BN254.G2Prepared(.infinity))]))
    }
}

/// Inputs outside G1 × G2 (a caller that skipped validation) must not trap: the pairing has no
/// preconditions on points, only a meaningless answer.
@Suite("Pairing on unvalidated input")
struct UnvalidatedInputTests {
    @Test("a twist point outside the order-r subgroup and a point off G1 do not trap")
    func noTrap() {
        var x = Fq2(Fq(1), Fq(1))
        var y: Fq2? = nil
        while y == nil {
            x = x + Fq2.one
            y = (x.squared() * x + BN254.G2Config.b).squareRoot()
        }
        let outside = G2Affine(x: x, y: y!)
        #expect(outside.isOnCurve && !outside.isInSubgroup)
        let value = BN254.pairing(.generator, outside)
        #expect(!value.isZero)
        #expect(!BN254.pairingProductIsOne([(.generator, outside)]))
        let offCurve = G1Affine(x: Fq(1), y: Fq(3))
        _ = BN254.pairing(offCurve, .generator)
        _ = BN254.pairingProductIsOne([(offCurve, .generator), (.generator, outside)])
        #expect(BN254.finalExponentiation(.zero) == .zero, "zero (degenerate lines) maps to zero, not a trap")
    }
}
