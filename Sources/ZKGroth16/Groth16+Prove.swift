public import ZKConstraints
public import ZKCurves
public import ZKField
import ZKPoly

extension Groth16 {
    /// Where the prover draws its blinding factors r, s.
    public enum ProverRandomness: Sendable {
        /// Fresh r, s from the system CSPRNG for every proof (zero-knowledge). Use this.
        case system
        /// Deterministic r, s. **Not zero-knowledge** across proofs; tests only.
        case insecureSeeded(UInt64)
    }

    /// Proves that `witness` satisfies `system`, for the key made by `setup(system)`.
    ///
    /// `A = α + Σ wᵢ·aQueryᵢ + r·δ`, `B = β + Σ wᵢ·bQueryᵢ + s·δ` (in G2, and in G1 for C),
    /// `C = Σ_private wᵢ·lQueryᵢ + Σ hⱼ·hQueryⱼ + s·A + r·B₁ − r·s·δ`.
    /// - Throws: `circuitMismatch` when the key was made for another circuit,
    ///   `unsatisfiedWitness` (with the checker's message naming the constraint) when the witness
    ///   does not satisfy the system — the prover never emits a proof of a false statement.
    /// - Parameter circuitHash: `system.contentHash` when the caller has it (a circuit file read
    ///   from disk carries it); computed otherwise.
    public static func prove(_ system: R1CS, witness: Witness, provingKey: ProvingKey, circuitHash: [UInt8]? = nil,
                             randomness: ProverRandomness = .system, reduction: some QAPReduction = LibsnarkReduction(),
                             threads: Int = ActiveProcessors.count, checkWitness: Bool = true) throws(Groth16Error) -> Proof {
        let keyHash = provingKey.verifyingKey.circuitHash
        if !keyHash.isEmpty {
            let hash = circuitHash ?? system.contentHash
            guard keyHash == hash else {
                throw .circuitMismatch(path: "proving key", expected: hash.hexString, actual: keyHash.hexString)
            }
        }
        guard provingKey.variableCount == system.variableCount, provingKey.publicCount == system.publicCount else {
            throw .circuitMismatch(path: "proving key", expected: "\(system.variableCount) wires",
                                   actual: "\(provingKey.variableCount) wires")
        }
        guard witness.count == system.variableCount else {
            throw .unsatisfiedWitness(ConstraintError.witnessLength(expected: system.variableCount, actual: witness.count).description)
        }
        let domain = try reduction.domain(for: system)
        let values = witness.values
        let h = try reduction.witnessMap(system, witness: values, domain: domain, threads: threads, checkRows: checkWitness)

        let (r, s): (BN254.Fr, BN254.Fr)
        switch randomness {
        case .system:
            var generator = SystemRandomNumberGenerator()
            (r, s) = (.random(using: &generator), .random(using: &generator))
        case let .insecureSeeded(seed):
            var generator = SeededGenerator(seed: seed)
            (r, s) = (.random(using: &generator), .random(using: &generator))
        }

        let publicWires = system.publicCount + 1
        let privateValues = Array(values[publicWires...])
        let aSum = WitnessMSM.multiply(points: provingKey.aQuery, scalars: values, threads: threads)
        let b1Sum = WitnessMSM.multiply(points: provingKey.bG1Query, scalars: values, threads: threads)
        let b2Sum = WitnessMSM.multiply(points: provingKey.bG2Query, scalars: values, threads: threads)
        let lSum = WitnessMSM.multiply(points: provingKey.lQuery, scalars: privateValues, threads: threads)
        // h has one coefficient per hQuery point (n − 1): no prefix copy of the points.
        let hPoints = h.count == provingKey.hQuery.count ? provingKey.hQuery : Array(provingKey.hQuery.prefix(h.count))
        let hSum = MSM.multiScalarMultiply(points: hPoints, scalars: h, threads: threads)

        let deltaG1 = BN254.G1(provingKey.deltaG1)
        let a = BN254.G1(provingKey.verifyingKey.alphaG1) + aSum + deltaG1.multiplied(by: r)
        let b2 = BN254.G2(provingKey.verifyingKey.betaG2) + b2Sum + BN254.G2(provingKey.verifyingKey.deltaG2).multiplied(by: s)
        let b1 = BN254.G1(provingKey.betaG1) + b1Sum + deltaG1.multiplied(by: s)
        let c = lSum + hSum + a.multiplied(by: s) + b1.multiplied(by: r) - deltaG1.multiplied(by: r * s)
        return Proof(a: a.affine, b: b2.affine, c: c.affine)
    }
}
