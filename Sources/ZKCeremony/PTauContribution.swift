public import ZKCurves
public import ZKField
internal import ZKIO

/// One contribution of a powers-of-tau ceremony, as section 7 of a `.ptau` file records it
/// (snarkjs `powersoftau contribute` / `beacon`): the first powers after it, the contributor's
/// public key (for each of τ, α, β a pair `(g1_s, g1_sx = x·g1_s)` and `g2_spx = x·g2_sp`, where
/// `g2_sp` is hashed from the previous challenge and the pair — Bowe, Gabizon, Miers, "Scalable
/// Multi-party Computation for zk-SNARK Parameters in the Random Beacon Model", eprint 2017/1050,
/// §3), the partial response hash, the next challenge, and name or beacon parameters.
public struct PTauContribution: Sendable, Equatable {
    /// A contributor's key for one secret `x`.
    public struct KeyPart: Sendable, Equatable {
        public var g1s: BN254.G1Affine
        public var g1sx: BN254.G1Affine
        public var g2spx: BN254.G2Affine
    }

    /// 1-based position in the ceremony.
    public var id: Int
    public var tauG1: BN254.G1Affine
    public var tauG2: BN254.G2Affine
    public var alphaG1: BN254.G1Affine
    public var betaG1: BN254.G1Affine
    public var betaG2: BN254.G2Affine
    public var tau: KeyPart
    public var alpha: KeyPart
    public var beta: KeyPart
    /// snarkjs's 216-byte BLAKE2b state before the public key was hashed into the response.
    public var partialHash: [UInt8]
    /// The challenge the next contributor answered (64 bytes).
    public var nextChallenge: [UInt8]
    /// 0 for a contribution, 1 for a random beacon.
    public var type: UInt32
    public var name: String?
    /// A beacon's `log₂` of the SHA-256 iterations and its hash.
    public var numIterationsExp: Int?
    public var beaconHash: [UInt8]?

    /// The response hash: the partial hash completed with the public key (uncompressed).
    public var responseHash: [UInt8]? {
        guard var hasher = Blake2b(snarkjsPartialState: partialHash) else { return nil }
        hasher.update(publicKeyUncompressed)
        return hasher.finalize()
    }

    /// The public key as the transcripts hash it: six G1 then three G2 points, uncompressed.
    var publicKeyUncompressed: [UInt8] {
        var bytes = [UInt8]()
        for p in [tau.g1s, tau.g1sx, alpha.g1s, alpha.g1sx, beta.g1s, beta.g1sx] { bytes += PointEncoding.uncompressed(p) }
        for q in [tau.g2spx, alpha.g2spx, beta.g2spx] { bytes += PointEncoding.uncompressed(q) }
        return bytes
    }
}
