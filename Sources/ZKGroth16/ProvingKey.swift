public import ZKCurves
public import ZKField

/// A Groth16 proving key (Groth 2016, §3.2), with arkworks' names.
///
/// For wire `i` with QAP polynomials `uᵢ, vᵢ, wᵢ` evaluated at the secret τ:
/// `aQuery[i] = [uᵢ(τ)]₁`, `bG1Query[i] = [vᵢ(τ)]₁`, `bG2Query[i] = [vᵢ(τ)]₂`; for private wires
/// `lQuery[i − publicCount − 1] = [(β·uᵢ + α·vᵢ + wᵢ)(τ) / δ]₁`; and
/// `hQuery[j] = [τʲ · Z(τ) / δ]₁` for `j < domainSize − 1`.
///
/// With a commitment round (``VerifyingKey/commitment``), the round-one private wires take their
/// points over δ₁ instead: `commitmentQuery[j] = [(β·uᵢ + α·vᵢ + wᵢ)(τ) / δ₁]₁` for the j-th of
/// them, and `lQuery` covers only the private wires after them; `commitmentDeltaG1 = [δ₁]₁`.
public struct ProvingKey: Sendable, Equatable {
    public var verifyingKey: VerifyingKey
    public var betaG1: BN254.G1Affine
    public var deltaG1: BN254.G1Affine
    public var aQuery: [BN254.G1Affine]
    public var bG1Query: [BN254.G1Affine]
    public var bG2Query: [BN254.G2Affine]
    public var hQuery: [BN254.G1Affine]
    public var lQuery: [BN254.G1Affine]
    /// log₂ of the QAP evaluation domain's size.
    public var domainLogSize: Int
    /// `[δ₁]₁` (commitment round only).
    public var commitmentDeltaG1: BN254.G1Affine?
    /// The round-one private wires' points over δ₁ (empty without a commitment round).
    public var commitmentQuery: [BN254.G1Affine]

    public init(verifyingKey: VerifyingKey, betaG1: BN254.G1Affine, deltaG1: BN254.G1Affine,
                aQuery: [BN254.G1Affine], bG1Query: [BN254.G1Affine], bG2Query: [BN254.G2Affine],
                hQuery: [BN254.G1Affine], lQuery: [BN254.G1Affine], domainLogSize: Int,
                commitmentDeltaG1: BN254.G1Affine? = nil, commitmentQuery: [BN254.G1Affine] = []) {
        precondition((verifyingKey.commitment == nil) == (commitmentDeltaG1 == nil), "a commitment key needs [δ₁]₁")
        self.verifyingKey = verifyingKey
        self.betaG1 = betaG1
        self.deltaG1 = deltaG1
        self.aQuery = aQuery
        self.bG1Query = bG1Query
        self.bG2Query = bG2Query
        self.hQuery = hQuery
        self.lQuery = lQuery
        self.domainLogSize = domainLogSize
        self.commitmentDeltaG1 = commitmentDeltaG1
        self.commitmentQuery = commitmentQuery
    }

    /// Number of public inputs.
    public var publicCount: Int { verifyingKey.publicCount }
    /// Number of wires, the constant one included.
    public var variableCount: Int { aQuery.count }
}
