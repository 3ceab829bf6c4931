internal import ZKCurves
public import ZKField
public import ZKPairing

/// A verifying key prepared for repeated verification: `e(α, β)` computed once and the G2
/// points `−γ`, `−δ` with their Miller-loop line coefficients precomputed.
public struct PreparedVerifyingKey: Sendable {
    public let verifyingKey: VerifyingKey
    public let alphaBeta: BN254.Fq12
    public let negativeGammaG2: BN254.G2Prepared
    public let negativeDeltaG2: BN254.G2Prepared
    /// `−δ₁` prepared, for a key with a commitment round.
    public let negativeCommitmentDeltaG2: BN254.G2Prepared?

    /// Validates and prepares a key.
    /// - Throws: `invalidPoint` when a point is off its curve or (G2) outside the subgroup;
    ///   `malformedKey` when a signed range lies outside the public signals or ranges overlap.
    public init(_ key: VerifyingKey) throws(Groth16Error) {
        let challengeIC = (key.commitment?.challengeG1 ?? []).enumerated().map { ("IC_challenge[\($0)]", $1) }
        for (name, point) in [("vk_alpha_1", key.alphaG1)] + key.gammaABCG1.enumerated().map({ ("IC[\($0)]", $1) }) + challengeIC {
            guard point.isOnCurve else { throw .invalidPoint(path: "verifying key", field: name, detail: "not on the curve") }
        }
        let deltaOne = key.commitment.map { [("vk_commitment_delta_2", $0.deltaG2)] } ?? []
        for (name, point) in [("vk_beta_2", key.betaG2), ("vk_gamma_2", key.gammaG2), ("vk_delta_2", key.deltaG2)] + deltaOne {
            guard point.isOnCurve, point.isInSubgroup else {
                throw .invalidPoint(path: "verifying key", field: name, detail: "not in the order-r subgroup of the twist")
            }
        }
        if let problem = PublicSignalRange.validate(key.signedRanges, publicCount: key.publicCount) {
            throw .malformedKey(path: "verifying key", detail: problem)
        }
        verifyingKey = key
        alphaBeta = BN254.pairing(key.alphaG1, key.betaG2)
        negativeGammaG2 = BN254.G2Prepared(-key.gammaG2)
        negativeDeltaG2 = BN254.G2Prepared(-key.deltaG2)
        negativeCommitmentDeltaG2 = key.commitment.map { BN254.G2Prepared(-$0.deltaG2) }
    }
}
