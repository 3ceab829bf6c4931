import Testing
import ZKField
import ZKPoly

typealias Fr = BN254.Fr

/// `Σ a_j x^j` by Horner's rule.
func evaluate(_ coefficients: [Fr], at x: Fr) -> Fr {
    coefficients.reversed().reduce(Fr.zero) { $0 * x + $1 }
}

@Suite("EvaluationDomain")
struct EvaluationDomainTests {
    @Test("forward NTT equals naive evaluation", arguments: [0, 1, 2, 3, 5, 7])
    func forwardMatchesNaive(logSize: Int) throws {
        let domain = try EvaluationDomain<Fr>(logSize: logSize)
        var rng = SeededGenerator(seed: UInt64(100 + logSize))
        let coefficients = (0..<domain.size).map { _ in Fr.random(using: &rng) }
        var values = coefficients
        domain.forward(&values)
        for i in 0..<domain.size {
            #expect(values[i] == evaluate(coefficients, at: domain.generator.power(UInt64(i))), "i = \(i)")
        }
        var coset = coefficients
        domain.cosetForward(&coset)
        for i in 0..<domain.size {
            let x = domain.cosetShift * domain.generator.power(UInt64(i))
            #expect(coset[i] == evaluate(coefficients, at: x))
        }
        domain.inverse(&values)
        #expect(values == coefficients)
        domain.cosetInverse(&coset)
        #expect(coset == coefficients)
    }

    @Test("the generator has exact order n")
    func generatorOrder() throws {
        for log in [1, 4, 10, 18] {
            let domain = try EvaluationDomain<Fr>(logSize: log)
            var x = domain.generator
            for _ in 0..<(log - 1) { x = x.squared() }
            #expect(x == -Fr.one, "ω^(n/2) = −1 for 2^\(log)")
            #expect(domain.vanishingPolynomial(at: domain.element(3)).isZero)
            #expect(!domain.vanishingPolynomial(at: domain.cosetShift).isZero)
        }
        #expect(throws: PolyError.domainTooLarge(logSize: 29, twoAdicity: 28)) {
            try EvaluationDomain<Fr>(logSize: 29)
        }
    }

    @Test("round trip at 2^16, single- and multi-threaded results identical")
    func roundTrip() throws {
        let domain = try EvaluationDomain<Fr>(logSize: 16)
        var rng = SeededGenerator(seed: 7)
        let coefficients = (0..<domain.size).map { _ in Fr.random(using: &rng) }
        var one = coefficients, two = coefficients
        domain.forward(&one, threads: 1)
        domain.forward(&two, threads: 2)
        #expect(one == two)
        // Spot-check a few evaluations against Horner.
        for i in [0, 1, 12345, domain.size - 1] {
            #expect(one[i] == evaluate(coefficients, at: domain.element(i)))
        }
        domain.inverse(&one, threads: 2)
        #expect(one == coefficients)
        domain.cosetForward(&two, threads: 2)
        domain.cosetInverse(&two, threads: 1)
        domain.inverse(&two, threads: 1)
        #expect(two == coefficients)
    }

    @Test("tiled bit reversal equals the plain permutation", arguments: [1, 2, 3, 9, 10, 11, 12, 13])
    func bitReversal(logSize: Int) {
        let n = 1 << logSize
        var values = Array(0..<n)
        values.withUnsafeMutableBufferPointer { BitReversal.permute($0, logSize: logSize) }
        for i in 0..<n {
            #expect(values[i] == BitReversal.reverse(i, bits: logSize))
        }
    }
}
