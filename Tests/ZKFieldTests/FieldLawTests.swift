import Testing
import ZKField

/// Reusable law checks, instantiated once per field type.
enum FieldLaws {
    static func check<F: Field>(_: F.Type, seed: UInt64, count: Int = 300) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<count {
            let a = F.random(using: &rng), b = F.random(using: &rng), c = F.random(using: &rng)
            #expect(a + b == b + a)
            #expect((a + b) + c == a + (b + c))
            #expect(a * b == b * a)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a + .zero == a && a * .one == a && a * .zero == .zero)
            #expect(a - a == .zero && a + (-a) == .zero)
            #expect(a - b == a + (-b))
            #expect(a.doubled() == a + a && a.squared() == a * a)
            if !a.isZero {
                #expect(a * a.inverse() == .one)
                #expect(a.reciprocal == a.inverse())
                #expect(a.inverseVariableTime() == a.inverse())
            }
            let square = a.squared()
            #expect(square.legendre == (a.isZero ? 0 : 1))
            if let root = square.squareRoot() { #expect(root == a || root == -a) } else {
                Issue.record("no square root of a square in \(F.self)")
            }
            #expect(a.power(5) == a * a * a * a * a)
            #expect(a.power(0) == .one)
        }
        #expect(F.zero.reciprocal == nil)
        #expect((-F.zero) == .zero)
    }
}

@Suite("Field laws")
struct FieldLawTests {
    @Test func fr() { FieldLaws.check(BN254.Fr.self, seed: 21) }
    @Test func fq() { FieldLaws.check(BN254.Fq.self, seed: 22) }
    @Test func fq2() { FieldLaws.check(BN254.Fq2.self, seed: 23) }
}
