public import ZKConstraints
internal import ZKIO
public import ZKField
public import ZKPoly
internal import ZKCurves

/// The map from an R1CS to a quadratic arithmetic program (Groth16's "QAP"), kept behind a
/// protocol because implementations differ: arkworks/libsnark evaluate on a coset of the domain
/// (below); snarkjs evaluates at odd roots of unity of twice the size, and its `.zkey` files
/// store `hQuery` for that choice.
public protocol QAPReduction: Sendable {
    /// The evaluation domain for a system.
    func domain(for system: R1CS) throws(Groth16Error) -> EvaluationDomain<BN254.Fr>

    /// `(uᵢ(τ), vᵢ(τ), wᵢ(τ))` for every wire, and `Z(τ)`.
    func instanceMap(_ system: R1CS, domain: EvaluationDomain<BN254.Fr>, tau: BN254.Fr, threads: Int)
        -> (u: [BN254.Fr], v: [BN254.Fr], w: [BN254.Fr], zAtTau: BN254.Fr)

    /// The coefficients of `h = (Σ wᵢuᵢ · Σ wᵢvᵢ − Σ wᵢwᵢ) / Z`, one per `hQuery` entry.
    /// - Parameter checkRows: verify `⟨Aⱼ,w⟩·⟨Bⱼ,w⟩ = ⟨Cⱼ,w⟩` for every row on the values the map
    ///   computes anyway (cheaper than a separate `R1CS.check` pass).
    /// - Throws: `unsatisfiedWitness` naming the first failing constraint and its label.
    func witnessMap(_ system: R1CS, witness: [BN254.Fr], domain: EvaluationDomain<BN254.Fr>, threads: Int,
                    checkRows: Bool) throws(Groth16Error) -> [BN254.Fr]

    /// The powers that `hQuery[j]` holds: `τʲ · Z(τ)` for this reduction.
    func hQueryScalars(domain: EvaluationDomain<BN254.Fr>, tau: BN254.Fr, zAtTau: BN254.Fr, delta: BN254.Fr) -> [BN254.Fr]

    /// How many `hQuery` points a key for this reduction has over a domain of `domainSize`
    /// (the prover refuses a key made for the other reduction).
    func hQueryCount(domainSize: Int) -> Int
}

extension Groth16 {
    /// The reduction `key` was made for, told by its `hQuery` length: ``SnarkjsReduction`` for
    /// `n` points (a `.zkey`, or a key exported from a phase-2 ceremony), ``LibsnarkReduction``
    /// otherwise (`zkml setup`).
    public static func reduction(for key: some ProvingKeySource) -> any QAPReduction {
        key.hQueryCount == 1 << key.domainLogSize ? SnarkjsReduction() : LibsnarkReduction()
    }
}

extension QAPReduction {
    /// `n − 1`: the powers `τʲ·Z(τ)` for `j ≤ n − 2` (`deg h ≤ n − 2`).
    public func hQueryCount(domainSize: Int) -> Int { domainSize - 1 }
}

/// The libsnark/arkworks reduction (`LibsnarkReduction` in ark-groth16).
///
/// Row `j < m` of the R1CS is the constraint `j`; rows `m + i` for `i = 0 … instanceCount` (the
/// public inputs and, with a commitment round, the challenges) are
/// extra constraints `xᵢ · 0 = 0`, which make the public inputs' polynomials linearly
/// independent (Groth 2016 requires it; without them a proof could move value between inputs).
/// The domain is the smallest power of two holding `m + instanceCount + 1` rows; `h` is computed
/// on the coset `g·H` with `g` the field's multiplicative generator, where `Z(x) = xⁿ − 1` is the
/// constant `gⁿ − 1`: three inverse NTTs, three coset NTTs, one inverse coset NTT.
public struct LibsnarkReduction: QAPReduction {
    public init() {}

    public func domain(for system: R1CS) throws(Groth16Error) -> EvaluationDomain<BN254.Fr> {
        let rows = system.constraintCount + system.instanceCount + 1
        do { return try EvaluationDomain<BN254.Fr>(minimumSize: max(2, rows)) } catch {
            throw .circuitTooLarge(constraints: system.constraintCount)
        }
    }

    public func instanceMap(_ system: R1CS, domain: EvaluationDomain<BN254.Fr>, tau: BN254.Fr, threads: Int)
        -> (u: [BN254.Fr], v: [BN254.Fr], w: [BN254.Fr], zAtTau: BN254.Fr) {
        let n = domain.size
        let zAtTau = domain.vanishingPolynomial(at: tau)
        // Lagrange basis at τ: Lⱼ(τ) = Z(τ) · ωʲ / (n · (τ − ωʲ)).
        var denominators = [BN254.Fr](repeating: .zero, count: n)
        var numerators = [BN254.Fr](repeating: .zero, count: n)
        var omegaJ = BN254.Fr.one
        let scale = zAtTau * domain.sizeInverse
        for j in 0 ..< n {
            denominators[j] = tau - omegaJ
            numerators[j] = scale * omegaJ
            omegaJ *= domain.generator
        }
        denominators.batchInvert()
        var lagrange = numerators
        for j in 0 ..< n { lagrange[j] *= denominators[j] }

        let m = system.constraintCount
        var u = [BN254.Fr](repeating: .zero, count: system.variableCount)
        var v = u, w = u
        func accumulate(_ matrix: SparseMatrix, into target: inout [BN254.Fr]) {
            matrix.columns.withUnsafeBufferPointer { columns in
                matrix.coefficients.withUnsafeBufferPointer { coefficients in
                    target.withUnsafeMutableBufferPointer { target in
                        for j in 0 ..< m {
                            let l = lagrange[j]
                            for k in matrix.rowOffsets[j] ..< matrix.rowOffsets[j + 1] {
                                target[Int(columns[k])] += coefficients[k] * l
                            }
                        }
                    }
                }
            }
        }
        accumulate(system.a, into: &u)
        accumulate(system.b, into: &v)
        accumulate(system.c, into: &w)
        for i in 0 ... system.instanceCount { u[i] += lagrange[m + i] }
        return (u, v, w, zAtTau)
    }

    public func witnessMap(_ system: R1CS, witness: [BN254.Fr], domain: EvaluationDomain<BN254.Fr>, threads: Int,
                           checkRows: Bool) throws(Groth16Error) -> [BN254.Fr] {
        var (a, b, c) = try Self.rowValues(system, witness: witness, size: domain.size, threads: threads, checkRows: checkRows)
        let n = domain.size
        domain.inverse(&a, threads: threads)
        domain.inverse(&b, threads: threads)
        domain.inverse(&c, threads: threads)
        domain.cosetForward(&a, threads: threads)
        domain.cosetForward(&b, threads: threads)
        domain.cosetForward(&c, threads: threads)
        // Z on the coset is the constant gⁿ − 1.
        let zInverse = domain.vanishingPolynomial(at: domain.cosetShift).inverse()
        a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeBufferPointer { c in
                    for j in 0 ..< n { a[j] = (a[j] * b[j] - c[j]) * zInverse }
                }
            }
        }
        domain.cosetInverse(&a, threads: threads)
        // deg h ≤ n − 2: the top coefficient is zero for a satisfying witness.
        a.removeLast()
        return a
    }

    public func hQueryScalars(domain: EvaluationDomain<BN254.Fr>, tau: BN254.Fr, zAtTau: BN254.Fr, delta: BN254.Fr) -> [BN254.Fr] {
        var scalars = [BN254.Fr](repeating: .zero, count: domain.size - 1)
        var power = zAtTau * delta.inverse()
        for j in 0 ..< scalars.count {
            scalars[j] = power
            power *= tau
        }
        return scalars
    }
}

extension LibsnarkReduction {
    /// The rows' values `⟨Aⱼ,w⟩, ⟨Bⱼ,w⟩, ⟨Cⱼ,w⟩` (the evaluations of `Σ wᵢuᵢ` etc. on the domain),
    /// zero-padded to `size`, with the input-consistency rows `a[m + i] = wᵢ`; shared by the
    /// reductions, which differ only in where they evaluate the quotient.
    /// - Throws: `unsatisfiedWitness` naming the first failing row (with `checkRows`).
    static func rowValues(_ system: R1CS, witness: [BN254.Fr], size: Int, threads: Int,
                          checkRows: Bool) throws(Groth16Error) -> (a: [BN254.Fr], b: [BN254.Fr], c: [BN254.Fr]) {
        let m = system.constraintCount
        let n = size
        var a = [BN254.Fr](repeating: .zero, count: n)
        var b = a, c = a
        // Evaluations of Σ wᵢuᵢ etc. on H are the rows' values.
        let chunk = 1 << 14
        let chunks = (m + chunk - 1) / chunk
        witness.withUnsafeBufferPointer { values in
            a.withUnsafeMutableBufferPointer { aOut in
                b.withUnsafeMutableBufferPointer { bOut in
                    c.withUnsafeMutableBufferPointer { cOut in
                        let targets = RowTargets(a: aOut, b: bOut, c: cOut, values: values)
                        ParallelFor.run(count: chunks, threads: threads) { t in
                            let rows = t * chunk ..< min(m, (t + 1) * chunk)
                            // 16 KB of gathered values: stays in L1 between the gather and the sums.
                            let scratch = UnsafeMutableBufferPointer<BN254.Fr>.allocate(capacity: 512)
                            defer { scratch.deallocate() }
                            system.a.evaluateRows(rows, targets.values, into: targets.rows(targets.a, rows), scratch: scratch)
                            system.b.evaluateRows(rows, targets.values, into: targets.rows(targets.b, rows), scratch: scratch)
                            system.c.evaluateRows(rows, targets.values, into: targets.rows(targets.c, rows), scratch: scratch)
                        }
                    }
                }
            }
        }
        if checkRows {
            for j in 0 ..< m where a[j] * b[j] != c[j] {
                throw .unsatisfiedWitness(ConstraintError.unsatisfied(index: j, label: system.label(at: j),
                                                                      a: a[j], b: b[j], c: c[j]).description)
            }
        }
        for i in 0 ... system.instanceCount { a[m + i] = witness[i] }
        return (a, b, c)
    }
}

/// Output buffers for the parallel row evaluation.
private struct RowTargets: @unchecked Sendable {
    // Safety: workers write disjoint row ranges; the buffers outlive the parallel loop.
    let a: UnsafeMutableBufferPointer<BN254.Fr>
    let b: UnsafeMutableBufferPointer<BN254.Fr>
    let c: UnsafeMutableBufferPointer<BN254.Fr>
    let values: UnsafeBufferPointer<BN254.Fr>

    /// The part of `buffer` that holds `rows`.
    func rows(_ buffer: UnsafeMutableBufferPointer<BN254.Fr>, _ rows: Range<Int>) -> UnsafeMutableBufferPointer<BN254.Fr> {
        UnsafeMutableBufferPointer(rebasing: buffer[rows])
    }
}
