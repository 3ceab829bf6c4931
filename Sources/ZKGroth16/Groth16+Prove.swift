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
        guard !system.hasCommitmentRound else {
            throw .unsatisfiedWitness("the circuit has a commitment round (lookups): its witness is solved in two rounds (TwoRoundWitness)")
        }
        try checkReduction(reduction, provingKey)
        let h = try quotient(system, witness: witness, reduction: reduction, threads: threads, checkWitness: checkWitness)
        return try prove(witness: witness, quotient: h, provingKey: provingKey, randomness: randomness, threads: threads)
    }

    /// Proves a system with or without a commitment round (docs/groth16.md, "Commitment round"):
    /// commits to the round-one wires (``commit(roundOne:provingKey:randomness:threads:)``),
    /// completes the witness for the challenges derived from the commitment and the public
    /// inputs, and proves with the commitment. A plain system is proved as by
    /// ``prove(_:witness:provingKey:circuitHash:randomness:reduction:threads:checkWitness:)-(_,Witness,_,_,_,_,_,_)``.
    /// - Throws: as the plain prover; `unsatisfiedWitness` when the witness cannot be completed
    ///   or the completed witness fails a constraint.
    public static func prove(_ system: R1CS, witness: TwoRoundWitness, provingKey: some ProvingKeySource, circuitHash: [UInt8]? = nil,
                             randomness: ProverRandomness = .system, reduction: some QAPReduction = LibsnarkReduction(),
                             threads: Int = ActiveProcessors.count, checkWitness: Bool = true) throws(Groth16Error) -> Proof {
        guard system.hasCommitmentRound else {
            return try prove(system, witness: witness.roundOne, provingKey: provingKey, circuitHash: circuitHash,
                             randomness: randomness, reduction: reduction, threads: threads, checkWitness: checkWitness)
        }
        let keyHash = provingKey.verifyingKey.circuitHash
        if !keyHash.isEmpty {
            let hash = circuitHash ?? system.contentHash
            guard keyHash == hash else {
                throw .circuitMismatch(path: "proving key", expected: hash.hexString, actual: keyHash.hexString)
            }
        }
        guard provingKey.variableCount == system.variableCount, provingKey.verifyingKey.publicCount == system.publicCount,
              provingKey.verifyingKey.challengeCount == system.challengeCount, provingKey.committedCount == system.committedCount else {
            throw .circuitMismatch(path: "proving key", expected: "\(system.variableCount) wires, \(system.challengeCount) challenges",
                                   actual: "\(provingKey.variableCount) wires, \(provingKey.verifyingKey.challengeCount) challenges")
        }
        try checkReduction(reduction, provingKey)
        let commitment = try commit(roundOne: witness.roundOne, provingKey: provingKey, randomness: randomness, threads: threads)
        let full = try complete(witness, commitment: commitment, system: system)
        let h = try quotient(system, witness: full, reduction: reduction, threads: threads, checkWitness: checkWitness)
        return try prove(witness: full, quotient: h, provingKey: provingKey, randomness: randomness, commitment: commitment, threads: threads)
    }

    /// Throws unless `key`'s `hQuery` was made for `reduction` (a `.zkey` is snarkjs's, a
    /// `pk.bin` libsnark's): the other would give a proof that fails verification.
    static func checkReduction(_ reduction: some QAPReduction, _ key: some ProvingKeySource) throws(Groth16Error) {
        let expected = reduction.hQueryCount(domainSize: 1 << key.domainLogSize)
        guard key.hQueryCount == expected else {
            throw .keyMismatch(path: "proving key", detail: "\(key.hQueryCount) H points, \(type(of: reduction)) needs \(expected): "
                               + "a key for the other QAP reduction (snarkjs's .zkey or zkml's pk.bin)")
        }
    }

    /// The first round of a proof with a commitment round: `C₁ = Σ_{round one} wᵢ·commitmentQueryᵢ + κ·[δ]₁`
    /// with a fresh blinding κ (so `C₁` is uniformly distributed and hides the committed values,
    /// the lesson of gnark's CVE-2024-45040), and the challenges derived from it
    /// (``CommitmentChallenge``).
    /// - Parameter roundOne: the public inputs and round-one wires (later wires are ignored).
    /// - Throws: `circuitMismatch` when the key has no commitment round or the witness is too short.
    public static func commit(roundOne: Witness, provingKey: some ProvingKeySource, randomness: ProverRandomness = .system,
                              threads: Int = ActiveProcessors.count) throws(Groth16Error) -> RoundOneCommitment {
        let vk = provingKey.verifyingKey
        guard let commitmentKey = vk.commitment, let deltaOneG1 = provingKey.commitmentDeltaG1 else {
            throw .circuitMismatch(path: "proving key", expected: "a key with a commitment round", actual: "a plain Groth16 key")
        }
        let first = 1 + vk.publicCount + commitmentKey.challengeCount
        guard roundOne.count >= first + provingKey.committedCount else {
            throw .circuitMismatch(path: "proving key", expected: "\(first + provingKey.committedCount) round-one wires", actual: "\(roundOne.count)")
        }
        var kappa: BN254.Fr
        switch randomness {
        case .system:
            var generator = SystemRandomNumberGenerator()
            kappa = .random(using: &generator)
        case let .insecureSeeded(seed):
            var generator = SeededGenerator(seed: seed ^ 0x436f_6d6d_6974_4b31)
            kappa = .random(using: &generator)
        }
        let sum = WitnessMSM.multiply(points: try provingKey.points(.commitment),
                                      scalars: Array(roundOne.values[first ..< first + provingKey.committedCount]), threads: threads)
        let deltaG1 = BN254.G1(provingKey.deltaG1)
        var point = sum + deltaG1.multiplied(by: kappa)
        // C₁ = O has probability 1/r for a uniform κ; a prover never sends it (the verifier rejects it).
        while point.isInfinity {
            kappa += .one
            point += deltaG1
        }
        let commitment = point.affine
        let challenges = CommitmentChallenge.derive(commitment: commitment, publicInputs: roundOne.publicInputs(count: vk.publicCount),
                                                    count: commitmentKey.challengeCount)
        return RoundOneCommitment(point: commitment, blinding: kappa, challenges: challenges, deltaOneG1: deltaOneG1)
    }

    /// The witness completed for `commitment`'s challenges, with the challenge wires checked.
    public static func complete(_ witness: TwoRoundWitness, commitment: RoundOneCommitment, system: R1CS) throws(Groth16Error) -> Witness {
        let full: Witness
        do { full = try witness.complete(challenges: commitment.challenges) } catch {
            throw .unsatisfiedWitness("round two: \(error)")
        }
        let instances = system.publicCount + 1 ..< system.instanceCount + 1
        let kept = Array(0 ..< system.publicCount + 1) + Array(system.committedWires)
        guard full.count == system.variableCount, Array(full.values[instances]) == commitment.challenges,
              kept.allSatisfy({ full.values[$0] == witness.roundOne.values[$0] }) else {
            throw .unsatisfiedWitness("round two changed a public input or round-one wire, or did not place the challenges")
        }
        return full
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
    /// With a commitment round, pass the round's ``RoundOneCommitment`` (from
    /// ``commit(roundOne:provingKey:randomness:threads:)``) and the witness completed for its
    /// challenges: the round-one wires' part of C moved to `C₁`, and C compensates `C₁`'s blinding:
    /// `C = Σ_{round two} wᵢ·lQueryᵢ + Σ hⱼ·hQueryⱼ + s·A + r·B₁ − r·s·δ − κ·[δ₁]₁`.
    public static func prove(witness: Witness, quotient h: [BN254.Fr], provingKey: some ProvingKeySource,
                             randomness: ProverRandomness = .system, commitment: RoundOneCommitment? = nil,
                             threads: Int = ActiveProcessors.count) throws(Groth16Error) -> Proof {
        guard (commitment == nil) == (provingKey.verifyingKey.commitment == nil) else {
            throw .circuitMismatch(path: "proving key", expected: commitment == nil ? "a plain Groth16 key" : "a key with a commitment round",
                                   actual: commitment == nil ? "a key with a commitment round" : "a plain Groth16 key")
        }
        guard witness.count == provingKey.variableCount else {
            throw .circuitMismatch(path: "proving key", expected: "\(witness.count) wires", actual: "\(provingKey.variableCount) wires")
        }
        let domainSize = 1 << provingKey.domainLogSize
        // One value per H point: n − 1 coefficients (libsnark's reduction) or n odd-coset values
        // (snarkjs's); a quotient of the other reduction would make a proof that fails.
        guard h.count == provingKey.hQueryCount, provingKey.hQueryCount <= domainSize else {
            throw .keyMismatch(path: "proving key", detail: "\(provingKey.hQueryCount) H points over a domain of \(domainSize) "
                               + "for a quotient of \(h.count) values (Groth16.reduction(for:) names the key's reduction)")
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
        let privateStart = 1 + provingKey.verifyingKey.publicCount + provingKey.verifyingKey.challengeCount + provingKey.committedCount
        let lSum = WitnessMSM.multiply(points: try provingKey.points(.l), scalars: Array(values[privateStart...]), threads: threads)
        let hSum = MSM.multiScalarMultiply(points: try provingKey.points(.h), scalars: h, threads: threads)

        let deltaG1 = BN254.G1(provingKey.deltaG1)
        let a = BN254.G1(provingKey.verifyingKey.alphaG1) + aSum + deltaG1.multiplied(by: r)
        let b2 = BN254.G2(provingKey.verifyingKey.betaG2) + b2Sum + BN254.G2(provingKey.verifyingKey.deltaG2).multiplied(by: s)
        let b1 = BN254.G1(provingKey.betaG1) + b1Sum + deltaG1.multiplied(by: s)
        var c = lSum + hSum + a.multiplied(by: s) + b1.multiplied(by: r) - deltaG1.multiplied(by: r * s)
        if let commitment { c = c - BN254.G1(commitment.deltaOneG1).multiplied(by: commitment.blinding) }
        return Proof(a: a.affine, b: b2.affine, c: c.affine, commitment: commitment?.point)
    }
}
