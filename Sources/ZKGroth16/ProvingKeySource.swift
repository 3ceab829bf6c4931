public import ZKCurves
public import ZKField

/// What the prover reads from a proving key: the fixed points, and one query at a time.
///
/// ``ProvingKey`` holds everything in memory; ``ProvingKeyFile`` reads a query from `pk.bin`
/// only when the prover reaches its multi-scalar multiplication and lets it go after, so the
/// prover holds one query instead of the whole key (LeNet-5: its 33 MB G2 query instead of a
/// 98 MB key).
public protocol ProvingKeySource {
    var verifyingKey: VerifyingKey { get }
    var betaG1: BN254.G1Affine { get }
    var deltaG1: BN254.G1Affine { get }
    /// Number of wires, the constant one included.
    var variableCount: Int { get }
    /// log₂ of the QAP evaluation domain's size.
    var domainLogSize: Int { get }
    /// The number of `hQuery` points: `n − 1` for ``LibsnarkReduction``, `n` for
    /// ``SnarkjsReduction`` (a `.zkey`).
    var hQueryCount: Int { get }
    /// `[δ₁]₁`, for a key with a commitment round.
    var commitmentDeltaG1: BN254.G1Affine? { get }
    /// The number of round-one private wires (0 without a commitment round).
    var committedCount: Int { get }
    /// One of the G1 queries (`aQuery`, `bG1Query`, `hQuery`, `lQuery` or `commitmentQuery`).
    /// - Throws: `Groth16Error` when a query read from a file is malformed or unreadable.
    func points(_ query: ProvingKeyQuery) throws(Groth16Error) -> [BN254.G1Affine]
    /// `bG2Query`.
    func bG2Points() throws(Groth16Error) -> [BN254.G2Affine]
}

/// The proving key's G1 queries, by the names of ``ProvingKey``'s properties.
public enum ProvingKeyQuery: Sendable, CaseIterable {
    case a, bG1, h, l, commitment
}
