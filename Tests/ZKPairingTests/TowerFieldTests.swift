import Testing
import ZKBigInt
import ZKField
@testable import ZKPairing

/// Field laws of Fq6 and Fq12, the sparse line product, Frobenius maps against exponentiation,
/// and cyclotomic squaring against plain squaring.
@Suite("Fq6 and Fq12 towers")
struct TowerFieldTests {
    @Test("Fq6: ring laws, squaring, inverse, v³ = ξ")
    func fq6Laws() {
        var rng = SeededGenerator(seed: 0xF6)
        let v = Fq6(.zero, .one, .zero)
        #expect(v * v * v == Fq6(Fq2.nonResidue, .zero, .zero))
        for _ in 0..<50 {
            let a = Fq6.random(using: &rng), b = Fq6.random(using: &rng), c = Fq6.random(using: &rng)
            #expect(a * b == b * a)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a + b - b == a && a - a == .zero && a + (-a) == .zero)
            #expect(a * .one == a && a * .zero == .zero)
            #expect(a.squared() == a * a)
            #expect(a.doubled() == a + a)
            #expect(a * a.inverse() == .one)
            #expect(a.multipliedByV() == a * v)
            #expect(a.multiplied(by01: b.c0, b.c1) == a * Fq6(b.c0, b.c1, .zero))
            #expect(a.multiplied(by0: b.c0) == a * Fq6(b.c0, .zero, .zero))
        }
        #expect(Fq6.zero.reciprocal == nil)
    }

    @Test("Fq12: ring laws, squaring, inverse, w² = v, conjugate = x^(p⁶)")
    func fq12Laws() {
        var rng = SeededGenerator(seed: 0xF12)
        let w = Fq12(.zero, .one)
        #expect(w * w == Fq12(Fq6(.zero, .one, .zero), .zero))
        #expect(w.power(limbs: [6]) == Fq12(Fq6(Fq2.nonResidue, .zero, .zero), .zero), "w⁶ = ξ")
        for _ in 0..<30 {
            let a = Fq12.random(using: &rng), b = Fq12.random(using: &rng), c = Fq12.random(using: &rng)
            #expect(a * b == b * a)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a + b - b == a && a + (-a) == .zero)
            #expect(a * .one == a)
            #expect(a.squared() == a * a)
            #expect(a * a.inverse() == .one)
            #expect(a.inverse().inverse() == a)
            #expect(Fq12(wCoefficients: a.wCoefficients) == a)
            let (l0, l1, l3) = (Fq2.random(using: &rng), Fq2.random(using: &rng), Fq2.random(using: &rng))
            let line = Fq12(wCoefficients: [l0, l1, .zero, l3, .zero, .zero])
            #expect(a.multiplied(byLine: l0, l1, l3) == a * line, "sparse line product")
        }
        #expect(Fq12.zero.reciprocal == nil)
    }

    @Test("Frobenius maps equal x^(p^k), k = 1…12, on Fq6 and Fq12")
    func frobenius() {
        var rng = SeededGenerator(seed: 0xF0B)
        let p = Fq.modulus
        let a = Fq12.random(using: &rng)
        var expected = a
        for k in 1...12 {
            expected = PairingTestSupport.power(expected, p)
            #expect(a.frobeniusMap(k) == expected, "Fq12 Frobenius power \(k)")
        }
        #expect(a.frobeniusMap(6) == a.conjugate)
        #expect(a.frobeniusMap(12) == a)
        let b = Fq6.random(using: &rng)
        let lifted = Fq12(b, .zero)
        for k in 1...6 {
            #expect(Fq12(b.frobeniusMap(k), .zero) == lifted.frobeniusMap(k), "Fq6 Frobenius power \(k)")
        }
        // A Frobenius map is a field automorphism.
        let c = Fq12.random(using: &rng)
        #expect((a * c).frobeniusMap(1) == a.frobeniusMap(1) * c.frobeniusMap(1))
        // The Fq2 Frobenius constants: ξ^((p−1)/6)·… row 0 is 1.
        #expect(FrobeniusCoefficients.gamma.allSatisfy { $0[0] == .one })
    }

    @Test("cyclotomic squaring and the power by x agree with the generic operations")
    func cyclotomic() {
        var rng = SeededGenerator(seed: 0xC7C)
        for _ in 0..<5 {
            let f = Fq12.random(using: &rng)
            var m = f.conjugate * f.inverse()          // f^(p⁶ − 1)
            m = m.frobeniusMap(2) * m                  // … ^(p² + 1): cyclotomic
            #expect(m * m.conjugate == .one, "in the cyclotomic subgroup the conjugate is the inverse")
            #expect(m.cyclotomicSquared() == m.squared())
            #expect(m.cyclotomicPowerByX() == m.power(limbs: [BN254.PairingParameters.x]))
        }
    }

    @Test("the NAF recodings have the right values")
    func nonAdjacentForms() {
        func value(_ digits: [Int8]) -> BigInt {
            digits.enumerated().reduce(BigInt(0)) { sum, item in sum + BigInt(Int(item.element)) * (BigInt(1) << item.offset) }
        }
        let x = PairingTestSupport.x
        #expect(value(BN254.PairingParameters.xNAF) == x)
        #expect(value(BN254.PairingParameters.ateLoopNAF) == BigInt(6) * x + BigInt(2))
        for digits in [BN254.PairingParameters.xNAF, BN254.PairingParameters.ateLoopNAF] {
            #expect(digits.last == 1)
            #expect(zip(digits, digits.dropFirst()).allSatisfy { $0 == 0 || $1 == 0 }, "no adjacent non-zero digits")
        }
    }
}
