import Testing
import ZKBigInt
import ZKField
import ZKTestSupport

/// Every `Fp` operation against GMP on 10,000 seeded random cases plus edge values, for both
/// BN254 fields.
@Suite("Fp against GMP")
struct PrimeFieldOracleTests {
    static let randomCases = 10_000

    /// The inputs: edge values crossed with each other, then seeded random pairs.
    static func pairs<F: PrimeField>(_: F.Type, seed: UInt64) -> [(BigInt, BigInt)] {
        let p = F.modulus
        let edges = Oracle.edgeIntegers(modulus: p)
        var result: [(BigInt, BigInt)] = []
        for a in edges { for b in edges { result.append((a, b)) } }
        let randoms = Oracle.randomIntegers(modulus: p, count: 2 * randomCases, seed: seed)
        for i in 0..<randomCases { result.append((randoms[2 * i], randoms[2 * i + 1])) }
        return result
    }

    static func checkBinaryOperations<F: PrimeField>(_ type: F.Type, seed: UInt64) throws {
        let p = F.modulus
        var failures = 0
        for (a, b) in pairs(type, seed: seed) {
            let x = try F(canonical: a), y = try F(canonical: b)
            #expect(x.bigInt == a)
            let checks: [(String, BigInt, BigInt)] = [
                ("add", (x + y).bigInt, (a + b).modulo(p)),
                ("sub", (x - y).bigInt, (a - b).modulo(p)),
                ("mul", (x * y).bigInt, (a * b).modulo(p)),
                ("neg", (-x).bigInt, (-a).modulo(p)),
                ("double", x.doubled().bigInt, (a + a).modulo(p)),
                ("square", x.squared().bigInt, (a * a).modulo(p)),
            ]
            for (name, got, want) in checks where got != want {
                failures += 1
                Issue.record("\(F.self).\(name)(\(a), \(b)) = \(got), GMP says \(want)")
            }
            if failures > 10 { return }
        }
    }

    static func checkUnaryOperations<F: PrimeField>(_ type: F.Type, seed: UInt64, count: Int) throws {
        let p = F.modulus
        let values = Oracle.edgeIntegers(modulus: p) + Oracle.randomIntegers(modulus: p, count: count, seed: seed)
        for a in values {
            let x = try F(canonical: a)
            if a.isZero {
                #expect(x.reciprocal == nil)
                #expect(x.legendre == 0)
                continue
            }
            let inverse = try #require(a.inverse(modulo: p))
            #expect(x.inverse().bigInt == inverse, "\(F.self).inverse(\(a))")
            #expect(x.inverseVariableTime().bigInt == inverse, "\(F.self).inverseVariableTime(\(a))")
            #expect(x.reciprocal?.bigInt == inverse)
            #expect(x.legendre == a.jacobi(p), "\(F.self).legendre(\(a))")
            if let root = x.squareRoot() {
                #expect(root.squared() == x)
                #expect(x.legendre == 1)
            } else {
                #expect(x.legendre == -1)
            }
            let e = BigInt(limbs: [a.limbs(count: 4)[0], 0x1234_5678])
            #expect(x.power(limbs: e.limbs(count: 2)).bigInt == a.power(e, modulo: p))
        }
    }

    @Test("Fr: add, sub, mul, neg, double, square") func frBinary() throws {
        try Self.checkBinaryOperations(BN254.Fr.self, seed: 1)
    }

    @Test("Fq: add, sub, mul, neg, double, square") func fqBinary() throws {
        try Self.checkBinaryOperations(BN254.Fq.self, seed: 2)
    }

    @Test("Fr: inverse, legendre, sqrt (Tonelli–Shanks), pow") func frUnary() throws {
        try Self.checkUnaryOperations(BN254.Fr.self, seed: 3, count: 300)
    }

    @Test("Fq: inverse, legendre, sqrt (p ≡ 3 mod 4), pow") func fqUnary() throws {
        try Self.checkUnaryOperations(BN254.Fq.self, seed: 4, count: 300)
    }

    @Test("Montgomery constants re-derived with GMP")
    func constants() {
        func check<C: FpConfig>(_: C.Type) {
            let p = BigInt(limbs: [C.modulus.0, C.modulus.1, C.modulus.2, C.modulus.3])
            #expect(p.description == C.modulusDecimal)
            #expect(p.bitWidth == C.bitWidth)
            let big = { (l: Limbs4) in BigInt(limbs: [l.0, l.1, l.2, l.3]) }
            let r = (BigInt(1) << 256).modulo(p)
            #expect(big(C.r) == r)
            #expect(big(C.r2) == (r * r).modulo(p))
            #expect(big(C.r3) == (r * r * r).modulo(p))
            #expect((p * BigInt(C.inv) + 1).modulo(BigInt(1) << 64) == 0)
            #expect(C.modulus.3 < (UInt64.max >> 1) - 1, "no-carry Montgomery condition")
            let s = C.twoAdicity
            #expect(((p - 1) >> s) << s == p - 1 && ((p - 1) >> s).isOdd)
            let root = (big(C.twoAdicRootOfUnity) * r.inverse(modulo: p)!).modulo(p)
            #expect(root == BigInt(C.multiplicativeGenerator).power((p - 1) >> s, modulo: p))
            #expect(root.power(BigInt(1) << (s - 1), modulo: p) == p - 1, "primitive root")
            #expect(BigInt(C.multiplicativeGenerator).jacobi(p) == -1)
        }
        check(BN254.FrConfig.self)
        check(BN254.FqConfig.self)
    }
}
