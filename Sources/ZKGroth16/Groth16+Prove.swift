public import ZKConstraints
internal import ZKIO
public import ZKCurves
public import ZKField
internal import ZKPoly

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
    public static func prove(_ system: R1CS, witness: Witness, provingKey: some ProvingKeySource, circuitHash: [UInt8]? = nil,
                             randomness: ProverRandomness = .system, reduction: some QAPReduction = LibsnarkReduction(),
                             threads: Int = ActiveProcessors.count, checkWitness: Bool = true) throws(Groth16Error) -> Proof {
        let keyHash = provingKey.verifyingKey.circuitHash
        if !keyHash.isEmpty {
            let hash = circuitHash ?? system.contentHash
            guard keyHash == hash else {
                throw .circuitMismatch(path: "proving key", expected: hash.hexString, actual: keyHash.hexString)
            }
        }
        guard provingKey.variableCount == system.variableCount, provingKey.verifyingKey.publicCount == system.publicCount else {
            throw .circuitMismatch(path: "proving key", expected: "\(system.variableCount) wires",
                                   actual: "\(provingKey.variableCount) wires")
        }
        let h = try quotient(system, witness: witness, reduction: reduction, threads: threads, checkWitness: checkWitness)
        return try prove(witness: witness, quotient: h, provingKey: provingKey, randomness: randomness, threads: threads)
    }

    /// The prover's first half: the coefficients of `h = (Σ wᵢuᵢ · Σ wᵢvᵢ − Σ wᵢwᵢ) / Z` for
    /// `witness`, the only step that reads the constraint system. A caller that holds the system
    /// only for the proof can let it go before ``prove(witness:quotient:provingKey:randomness:threads:)``
    /// reads the key's points.
    /// - Throws: `unsatisfiedWitness` when the witness has the wrong length, or (with
    ///   `checkWitness`) names the first constraint it fails.
    public static func quotient(_ system: R1CS, witness: Witness, reduction: some QAPReduction = LibsnarkReduction(),
                                threads: Int = ActiveProcessors.count, checkWitness: Bool = true) throws(Groth16Error) -> [BN254.Fr] {
        guard witness.count == system.variableCount else {
            throw .unsatisfiedWitness(ConstraintError.witnessLength(expected: system.variableCount, actual: witness.count).description)
        }
        let domain = try reduction.domain(for: system)
        return try reduction.witnessMap(system, witness: witness.values, domain: domain, threads: threads, checkRows: checkWitness)
    }

    /// The prover's second half: the proof from the witness, its quotient `h`
    /// (``quotient(_:witness:reduction:threads:checkWitness:)``) and the key, which is read one
    /// query at a time (each is released after its multi-scalar multiplication when the key is a
    /// ``ProvingKeyFile``).
    /// - Precondition: the caller has checked that the key was made for the system `h` came from
    ///   (its circuit hash); only the sizes are checked here.
    /// - Throws: `circuitMismatch` when the sizes do not match the key; a file key's read errors.
    public static func prove(witness: Witness, quotient h: [BN254.Fr], provingKey: some ProvingKeySource,
                             randomness: ProverRandomness = .system, threads: Int = ActiveProcessors.count) throws(Groth16Error) -> Proof {
        guard witness.count == provingKey.variableCount else {
            throw .circuitMismatch(path: "proving key", expected: "\(witness.count) wires", actual: "\(provingKey.variableCount) wires")
        }
        let domainSize = 1 << provingKey.domainLogSize
        guard h.count < domainSize else {
            throw .circuitMismatch(path: "proving key", expected: "a domain of more than \(h.count) points",
                                   actual: "a domain of \(domainSize)")
        }
        let (r, s): (BN254.Fr, BN254.Fr)
        switch randomness {
        case .system:
            var generator = SystemRandomNumberGenerator()
            (r, s) = (.random(using: &generator), .random(using: &generator))
        case let .insecureSeeded(seed):
            var generator = SeededGenerator(seed: seed)
            (r, s) = (.random(using: &generator), .random(using: &generator))
        }

        // Each query is asked for as its MSM starts and dropped when it ends.
        let values = witness.values
        let aSum = WitnessMSM.multiply(points: try provingKey.points(.a), scalars: values, threads: threads)
        let b1Sum = WitnessMSM.multiply(points: try provingKey.points(.bG1), scalars: values, threads: threads)
        let b2Sum = WitnessMSM.multiply(points: try provingKey.bG2Points(), scalars: values, threads: threads)
        let lSum = WitnessMSM.multiply(points: try provingKey.points(.l),
                                       scalars: Array(values[(provingKey.verifyingKey.publicCount + 1)...]), threads: threads)
        // h has one coefficient per hQuery point (n − 1): no prefix copy of the points.
        let hQuery = try provingKey.points(.h)
        let hSum = MSM.multiScalarMultiply(points: h.count == hQuery.count ? hQuery : Array(hQuery.prefix(h.count)), scalars: h, threads: threads)

        let deltaG1 = BN254.G1(provingKey.deltaG1)
        let a = BN254.G1(provingKey.verifyingKey.alphaG1) + aSum + deltaG1.multiplied(by: r)
        let b2 = BN254.G2(provingKey.verifyingKey.betaG2) + b2Sum + BN254.G2(provingKey.verifyingKey.deltaG2).multiplied(by: s)
        let b1 = BN254.G1(provingKey.betaG1) + b1Sum + deltaG1.multiplied(by: s)
        let c = lSum + hSum + a.multiplied(by: s) + b1.multiplied(by: r) - deltaG1.multiplied(by: r * s)
        return Proof(a: a.affine, b: b2.affine, c: c.affine)
    }
}
