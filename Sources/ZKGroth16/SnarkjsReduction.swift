public import ZKConstraints
public import ZKField
public import ZKPoly
internal import ZKCurves

/// snarkjs's reduction, the one its `.zkey` files (and rapidsnark) are made for.
///
/// The wires' polynomials are those of ``LibsnarkReduction`` (the same rows, input-consistency
/// rows included, over the same domain `H` of size `n`). The quotient is not divided out: the
/// prover evaluates `p = Σwᵢuᵢ · Σwᵢvᵢ − Σwᵢwᵢ` at the odd powers `ω₂ₙ^(2j+1)` of a primitive
/// `2n`-th root of unity (the coset `ω₂ₙ·H`, where `Z = xⁿ − 1 = −2`), and `hQuery[j]` holds
/// `[L_(2j+1)(τ)/δ]₁`, the Lagrange polynomial of that point over the `2n` roots. Since
/// `p = h·Z` has degree at most `2n − 2` and vanishes at the even powers (the points of `H`),
/// `Σⱼ p(ω₂ₙ^(2j+1))·L_(2j+1)(τ) = p(τ) = h(τ)·Z(τ)`, the same `C` as the libsnark key's
/// `Σ hⱼ·[τʲZ(τ)/δ]₁` (snarkjs `zkey new` takes these points from the `.ptau` file's Lagrange
/// section for `2n`; its prover does the three NTTs below).
public struct SnarkjsReduction: QAPReduction {
    public init() {}

    public func domain(for system: R1CS) throws(Groth16Error) -> EvaluationDomain<BN254.Fr> {
        try LibsnarkReduction().domain(for: system)
    }

    public func instanceMap(_ system: R1CS, domain: EvaluationDomain<BN254.Fr>, tau: BN254.Fr, threads: Int)
        -> (u: [BN254.Fr], v: [BN254.Fr], w: [BN254.Fr], zAtTau: BN254.Fr) {
        LibsnarkReduction().instanceMap(system, domain: domain, tau: tau, threads: threads)
    }

    /// `p(ω₂ₙ^(2j+1))` for `j < n`: one `hQuery` scalar per point.
    public func witnessMap(_ system: R1CS, witness: [BN254.Fr], domain: EvaluationDomain<BN254.Fr>, threads: Int,
                           checkRows: Bool) throws(Groth16Error) -> [BN254.Fr] {
        var (a, b, c) = try LibsnarkReduction.rowValues(system, witness: witness, size: domain.size, threads: threads, checkRows: checkRows)
        let shift = Self.doubleRoot(domain)
        // Evaluations on H → coefficients → evaluations on ω₂ₙ·H.
        func toOddCoset(_ x: inout [BN254.Fr]) {
            domain.inverse(&x, threads: threads)
            var power = BN254.Fr.one
            for i in 0 ..< x.count {
                x[i] *= power
                power *= shift
            }
            domain.forward(&x, threads: threads)
        }
        toOddCoset(&a)
        toOddCoset(&b)
        toOddCoset(&c)
        for j in 0 ..< domain.size { a[j] = a[j] * b[j] - c[j] }
        return a
    }

    /// `L_(2j+1)(τ)/δ` over the `2n`-th roots: `L_k(τ) = (τ²ⁿ − 1)·ωᵏ / (2n·(τ − ωᵏ))`.
    /// - Precondition: τ is not a `2n`-th root of unity (probability `2n/r`).
    public func hQueryScalars(domain: EvaluationDomain<BN254.Fr>, tau: BN254.Fr, zAtTau: BN254.Fr, delta: BN254.Fr) -> [BN254.Fr] {
        let n = domain.size
        let omega = Self.doubleRoot(domain), omegaSquared = omega * omega
        let scale = (tau.power(UInt64(2 * n)) - .one) * (BN254.Fr(UInt64(2 * n)) * delta).inverse()
        precondition(!scale.isZero, "τ is a 2n-th root of unity")
        var numerators = [BN254.Fr](repeating: .zero, count: n)
        var denominators = numerators
        var point = omega
        for j in 0 ..< n {
            numerators[j] = scale * point
            denominators[j] = tau - point
            point *= omegaSquared
        }
        denominators.batchInvert()
        for j in 0 ..< n { numerators[j] *= denominators[j] }
        return numerators
    }

    /// `n` points: one per odd `2n`-th root.
    public func hQueryCount(domainSize: Int) -> Int { domainSize }

    /// `ω₂ₙ`, with `ω₂ₙ² = ω` the domain's generator.
    static func doubleRoot(_ domain: EvaluationDomain<BN254.Fr>) -> BN254.Fr {
        var omega = BN254.Fr.twoAdicRootOfUnity
        for _ in (domain.logSize + 1) ..< BN254.Fr.twoAdicity { omega = omega.squared() }
        return omega
    }
}
