public import ZKConstraints
internal import ZKIO
public import ZKCurves
internal import ZKField
internal import ZKPairing
internal import ZKPoly

/// Groth16 over BN254 (J. Groth, "On the Size of Pairing-based Non-interactive Arguments",
/// EUROCRYPT 2016), with arkworks' names. It sees only an `R1CS` and a witness.
public enum Groth16 {
    /// Generates a proving key (and its verifying key) for `system`.
    ///
    /// Draws τ, α, β, γ, δ (and δ₁ for a system with a commitment round) from `randomness`,
    /// evaluates the QAP at τ and multiplies the generators with fixed-base tables; τ is redrawn
    /// in the negligible case that it lies in the domain.
    ///
    /// With a commitment round (``R1CS/hasCommitmentRound``) the challenge wires get IC points
    /// over γ like public inputs (``CommitmentKey/challengeG1``) and the round-one private wires
    /// their points over δ₁ (``ProvingKey/commitmentQuery``): Mirage's second δ.
    ///
    /// The circuit is needed only until the QAP is evaluated at τ: a caller that hands it over
    /// (passes its last copy) has it released before the key's points are made (`zkml setup` on
    /// LeNet-5: peak 351 → 236 MB, together with ``FixedBaseTable/multiplyAll(_:threads:vector:)``
    /// writing its points in place).
    /// - Parameter circuitHash: `system.contentHash` when the caller already has it (the key
    ///   records it); computed here otherwise.
    /// - Complexity: one fixed-base multiplication per non-zero query entry (about 4 G1 and 1 G2
    ///   per wire plus one G1 per domain element).
    public static func setup(_ system: consuming R1CS, randomness: ToxicWasteSource = .system,
                             reduction: some QAPReduction = LibsnarkReduction(),
                             threads: Int = ActiveProcessors.count,
                             circuitHash: [UInt8]? = nil) throws(Groth16Error) -> ProvingKey {
        let circuitHash = circuitHash ?? system.contentHash
        let (publicCount, variableCount) = (system.publicCount, system.variableCount)
        let (instanceCount, committed) = (system.instanceCount, system.committedWires)
        let hasCommitment = system.hasCommitmentRound
        let domain = try reduction.domain(for: system)
        // δ₁ is drawn sixth, so a plain circuit's seeded key is the one earlier versions made.
        var secrets = randomness.draw(hasCommitment ? 6 : 5)
        var tau = secrets[0]
        var redraws: UInt64 = 1
        while domain.vanishingPolynomial(at: tau).isZero {
            tau = (randomness.isSeeded ? ToxicWasteSource.insecureSeeded(redraws) : .system).draw(1)[0]
            redraws += 1
        }
        let (alpha, beta, gamma, delta) = (secrets[1], secrets[2], secrets[3], secrets[4])
        defer { secrets = [] }

        // The generator tables depend only on how many multiplications each group gets, which the
        // matrices tell before the QAP is evaluated at τ, so they are built on other threads while
        // this one evaluates it (cnn_digits: 7.5 ms of serial work that left a core idle).
        let estimate = Self.multiplicationEstimate(system, domainSize: domain.size)
        let g1Bits = FixedBaseTable<BN254.G1Config>.windowBits(forMultiplications: estimate.g1)
        let g2Bits = FixedBaseTable<BN254.G2Config>.windowBits(forMultiplications: estimate.g2, maximum: 16)
        let deltaOne = hasCommitment ? secrets[5] : .one
        let ((u, v, icScalars, commitmentScalars, lScalars, hScalars), (g1, g2)) = ParallelFor.concurrently({
            let (u, v, w, zAtTau) = reduction.instanceMap(system, domain: domain, tau: tau, threads: threads)
            let gammaInverse = gamma.inverse(), deltaInverse = delta.inverse(), deltaOneInverse = deltaOne.inverse()
            let instanceWires = instanceCount + 1
            var icScalars = [BN254.Fr](), commitmentScalars = [BN254.Fr](), lScalars = [BN254.Fr]()
            icScalars.reserveCapacity(instanceWires)
            commitmentScalars.reserveCapacity(committed.count)
            lScalars.reserveCapacity(variableCount - instanceWires - committed.count)
            for i in 0 ..< variableCount {
                let combined = beta * u[i] + alpha * v[i] + w[i]
                if i < instanceWires {
                    icScalars.append(combined * gammaInverse)
                } else if committed.contains(i) {
                    commitmentScalars.append(combined * deltaOneInverse)
                } else {
                    lScalars.append(combined * deltaInverse)
                }
            }
            let hScalars = reduction.hQueryScalars(domain: domain, tau: tau, zAtTau: zAtTau, delta: delta)
            return (u, v, icScalars, commitmentScalars, lScalars, hScalars)
        }, alongside: {
            (FixedBaseTable(base: BN254.G1Affine.generator, windowBits: g1Bits, threads: threads),
             FixedBaseTable(base: BN254.G2Affine.generator, windowBits: g2Bits, threads: threads))
        })
        _ = consume system

        // B's G1 query repeats A's wherever vᵢ(τ) = uᵢ(τ): a wire that appears only in booleanity
        // rows b·(b − 1) = 0, its own and bit 0's of a decomposition (bit 0 is derived from the
        // value and the others, so a rescale remainder's bits, say, sit in such rows only).
        var vDistinct = v
        for i in 0 ..< v.count where v[i] == u[i] { vDistinct[i] = .zero }
        let aQuery = g1.multiplyAll(u, threads: threads)
        var bG1Query = g1.multiplyAll(vDistinct, threads: threads)
        for i in 0 ..< v.count where vDistinct[i].isZero && !v[i].isZero { bG1Query[i] = aQuery[i] }
        let ic = g1.multiplyAll(icScalars, threads: threads)
        let commitmentKey = hasCommitment
            ? CommitmentKey(deltaG2: g2.multiply(deltaOne).affine, challengeG1: Array(ic[(publicCount + 1)...])) : nil
        let verifyingKey = VerifyingKey(
            alphaG1: g1.multiply(alpha).affine, betaG2: g2.multiply(beta).affine,
            gammaG2: g2.multiply(gamma).affine, deltaG2: g2.multiply(delta).affine,
            gammaABCG1: Array(ic[...publicCount]), circuitHash: circuitHash, commitment: commitmentKey)
        return ProvingKey(
            verifyingKey: verifyingKey,
            betaG1: g1.multiply(beta).affine, deltaG1: g1.multiply(delta).affine,
            aQuery: aQuery,
            bG1Query: bG1Query,
            bG2Query: g2.multiplyAll(v, threads: threads),
            hQuery: g1.multiplyAll(hScalars, threads: threads),
            lQuery: g1.multiplyAll(lScalars, threads: threads),
            domainLogSize: domain.logSize,
            commitmentDeltaG1: hasCommitment ? g1.multiply(deltaOne).affine : nil,
            commitmentQuery: hasCommitment ? g1.multiplyAll(commitmentScalars, threads: threads) : [])
    }

    /// How many fixed-base multiplications setup does in G1 and in G2, from the matrices alone,
    /// for choosing the tables' window widths (which change no point of the key): wire `i` has
    /// `uᵢ(τ) ≠ 0` when it appears in A or is public (the input-consistency rows), and `vᵢ(τ) ≠ 0`
    /// when it appears in B, barring a cancellation at τ. G1 also has one IC or L point per wire
    /// and `n − 1` H points; B's G1 points mostly repeat A's and are not counted.
    static func multiplicationEstimate(_ system: borrowing R1CS, domainSize n: Int) -> (g1: Int, g2: Int) {
        var inA = [Bool](repeating: false, count: system.variableCount), inB = inA
        for column in system.a.columns { inA[Int(column)] = true }
        for column in system.b.columns { inB[Int(column)] = true }
        for i in 0 ... system.instanceCount { inA[i] = true }
        let aCount = inA.reduce(0) { $0 + ($1 ? 1 : 0) }, bCount = inB.reduce(0) { $0 + ($1 ? 1 : 0) }
        return (aCount + system.variableCount + n - 1, bCount)
    }
}

extension ToxicWasteSource {
    var isSeeded: Bool { if case .insecureSeeded = self { true } else { false } }
}
