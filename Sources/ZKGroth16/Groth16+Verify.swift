internal import ZKConstraints
internal import ZKCurves
public import ZKField
internal import ZKPairing

extension Groth16 {
    /// The verdict of a verification, with the reason for a rejection.
    public enum Verdict: Sendable, Equatable {
        case valid
        case invalid(String)

        public var isValid: Bool { self == .valid }
    }

    /// Checks `e(A, B) = e(α, β) · e(Σ xᵢ·ICᵢ, γ) · e(C, δ)` as one multi-Miller loop of three
    /// pairs and one final exponentiation compared with the precomputed `e(α, β)`.
    ///
    /// With a commitment round (``VerifyingKey/commitment``) the proof carries `C₁`: it must be on
    /// the curve and not the point at infinity; the challenges `cₖ` are derived from `C₁` and the
    /// public inputs (``CommitmentChallenge``), and the check is
    /// `e(A, B) = e(α, β) · e(Σ xᵢ·ICᵢ + Σ cₖ·IC_challengeₖ, γ) · e(C, δ) · e(C₁, δ₁)` (four pairs).
    /// A proof without `C₁` for such a key, or with one for a plain key, is rejected.
    ///
    /// Rejects without a pairing: a wrong number of public inputs, a public input outside a
    /// signed range the key requires (``VerifyingKey/signedRanges``), proof points off the curve or
    /// (B) outside the G2 subgroup. Public inputs are field elements, so they are below r by
    /// construction; text inputs ≥ r are rejected when parsed (`SnarkJSON.publicSignals`).
    ///
    /// With a packing (``VerifyingKey/packing``), `publicInputs` are the unpacked signals
    /// (``VerifyingKey/signalCount`` of them): each must fit its packed width, and the words they
    /// pack into are the Groth16 public inputs (the challenges are hashed from the words).
    public static func verify(_ proof: Proof, publicInputs signals: [BN254.Fr], key: PreparedVerifyingKey) -> Verdict {
        let vk = key.verifyingKey
        guard signals.count == vk.signalCount else {
            if let packing = vk.packing {
                return .invalid("the verifying key expects \(packing.valueCount) public signals (packed into \(packing.wordCount) words), got \(signals.count)")
            }
            return .invalid("the verifying key expects \(vk.publicCount) public inputs, got \(signals.count)")
        }
        var publicInputs = signals
        if let packing = vk.packing {
            if let i = packing.firstOutOfRange(signals) {
                let bits = packing.widths[i]
                return .invalid("public signal \(i) is outside its packed signed \(bits)-bit range [-2^\(bits - 1), 2^\(bits - 1)) the verifying key requires")
            }
            publicInputs = packing.pack(signals)!
        }
        for range in vk.signedRanges {
            if let i = range.firstViolation(in: signals) {
                return .invalid("public signal \(i) is outside the signed \(range.bits)-bit range [-2^\(range.bits - 1), 2^\(range.bits - 1)) the verifying key requires")
            }
        }
        guard proof.a.isOnCurve else { return .invalid("proof point A is not on the curve") }
        guard proof.c.isOnCurve else { return .invalid("proof point C is not on the curve") }
        guard proof.b.isOnCurve, proof.b.isInSubgroup else { return .invalid("proof point B is not in the G2 subgroup") }
        switch (vk.commitment, proof.commitment) {
        case (nil, nil): break
        case (nil, .some): return .invalid("the proof carries a commitment but the verifying key has no commitment round")
        case (.some, nil): return .invalid("the verifying key has a commitment round (lookups) but the proof carries no commitment")
        case let (.some, .some(commitment)):
            guard commitment.isOnCurve else { return .invalid("the proof's commitment is not on the curve") }
            guard !commitment.isInfinity else { return .invalid("the proof's commitment is the point at infinity") }
        }

        var accumulator = BN254.G1(vk.gammaABCG1[0])
        if !publicInputs.isEmpty {
            accumulator += MSM.multiScalarMultiply(points: Array(vk.gammaABCG1.dropFirst()), scalars: publicInputs, threads: 1)
        }
        var pairs = [
            (proof.a, BN254.G2Prepared(proof.b)),
            (proof.c, key.negativeDeltaG2),
        ]
        if let commitmentKey = vk.commitment, let commitment = proof.commitment, let negativeDeltaOne = key.negativeCommitmentDeltaG2 {
            let challenges = CommitmentChallenge.derive(commitment: commitment, publicInputs: publicInputs, count: commitmentKey.challengeCount)
            accumulator += MSM.multiScalarMultiply(points: commitmentKey.challengeG1, scalars: challenges, threads: 1)
            pairs.append((commitment, negativeDeltaOne))
        }
        pairs.append((accumulator.affine, key.negativeGammaG2))
        let f = BN254.millerLoop(pairs)
        return BN254.finalExponentiation(f) == key.alphaBeta ? .valid : .invalid("the pairing equation does not hold")
    }

    /// Prepares `key` and verifies (see the prepared overload).
    public static func verify(_ proof: Proof, publicInputs: [BN254.Fr], key: VerifyingKey) throws(Groth16Error) -> Verdict {
        verify(proof, publicInputs: publicInputs, key: try PreparedVerifyingKey(key))
    }
}
