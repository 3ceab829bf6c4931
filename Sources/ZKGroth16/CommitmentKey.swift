public import ZKCurves
public import ZKField

/// The verifying key's part for the commitment round (docs/groth16.md, "Commitment round"): the
/// second δ of Mirage (Kosba, Papadopoulos, Papamanthou, Song, USENIX Security 2020) as Rarimo's
/// UltraGroth uses it, and the IC points of the challenge wires.
///
/// The proof gains one G1 point `C₁ = Σ_{round one} wᵢ·[(β·uᵢ + α·vᵢ + wᵢ)(τ)/δ₁]₁ + κ·[δ]₁`, and
/// the pairing check one pair `e(C₁, δ₁)`.
public struct CommitmentKey: Sendable, Equatable {
    /// `[δ₁]₂`.
    public var deltaG2: BN254.G2Affine
    /// `[(β·uᵢ + α·vᵢ + wᵢ)(τ)/γ]₁` of each challenge wire, in order: the verifier adds
    /// `Σ cₖ·challengeG1[k]` to the public inputs' sum for the challenges `cₖ` it derives.
    public var challengeG1: [BN254.G1Affine]

    public init(deltaG2: BN254.G2Affine, challengeG1: [BN254.G1Affine]) {
        precondition(!challengeG1.isEmpty, "a commitment round has at least one challenge")
        self.deltaG2 = deltaG2
        self.challengeG1 = challengeG1
    }

    /// The number of challenges the verifier derives.
    public var challengeCount: Int { challengeG1.count }
}
