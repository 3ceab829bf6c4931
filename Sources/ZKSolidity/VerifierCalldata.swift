internal import ZKCurves
public import ZKField
public import ZKGroth16
internal import ZKIO

/// The arguments of `verifyProof(a, b, c, pubSignals)` for one proof, in the order the emitted
/// verifier takes them: `a = [x, y]`, `b = [[x.im, x.re], [y.im, y.re]]` (EIP-197 order, the
/// imaginary part first — snarkjs's `proof.json` stores the real part first), `c = [x, y]`, then
/// the public signals. A proof with a commitment round (``ZKGroth16/Proof/commitment``) is for
/// `verifyProof(a, b, c, commitment, pubSignals)`: `commitment = [x, y]` (C₁) comes before the signals.
public struct VerifierCalldata: Sendable, Equatable {
    public let proof: Proof
    /// The signals, or with ``packed`` the packed words.
    public let publicSignals: [BN254.Fr]
    /// Whether the call is `verifyPackedProof` with words (a verifier for a key with packed
    /// public signals, ``SolidityVerifier``); otherwise `verifyProof` with the signals.
    public let packed: Bool

    /// - Parameter packed: `publicSignals` are packed words, for `verifyPackedProof`.
    /// - Throws: ``SolidityError/noPublicSignals`` when `publicSignals` is empty (the contract's
    ///   parameter would be `uint256[0]`).
    public init(proof: Proof, publicSignals: [BN254.Fr], packed: Bool = false) throws(SolidityError) {
        guard !publicSignals.isEmpty else { throw .noPublicSignals }
        self.proof = proof
        self.publicSignals = publicSignals
        self.packed = packed
    }

    /// `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[n])`, or with a commitment round
    /// `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[n])` — `verifyPackedProof`
    /// with the same arguments for packed words: the canonical signature the selector is hashed from.
    public static func functionSignature(publicCount: Int, commitment: Bool = false, packed: Bool = false) -> String {
        "\(packed ? "verifyPackedProof" : "verifyProof")(uint256[2],uint256[2][2],uint256[2],\(commitment ? "uint256[2]," : "")uint256[\(publicCount)])"
    }

    /// The 4-byte function selector: the first bytes of Keccak-256 of ``functionSignature(publicCount:commitment:packed:)``.
    public var selector: [UInt8] {
        Keccak256.selector(Self.functionSignature(publicCount: publicSignals.count, commitment: proof.commitment != nil, packed: packed))
    }

    /// The number of proof words before the signals: 8, or 10 with a commitment.
    public var proofWordCount: Int { proof.commitment == nil ? 8 : 10 }

    /// The `8 + n` (with a commitment `10 + n`) argument words as decimal strings, in calldata order.
    public var words: [String] {
        VerifierConstants.words(proof.a) + VerifierConstants.words(proof.b) + VerifierConstants.words(proof.c)
            + (proof.commitment.map(VerifierConstants.words) ?? []) + publicSignals.map(\.description)
    }

    /// `[a, b, c, pubSignals]` (with a commitment `[a, b, c, commitment, pubSignals]`) as one line of
    /// JSON, nested arrays of decimal strings — what ethers/viem/Hardhat take as the call's arguments.
    public var json: String {
        let w = words.map { "\"\($0)\"" }
        let signals = w[proofWordCount...].joined(separator: ",")
        let commitment = proof.commitment == nil ? "" : "[\(w[8]),\(w[9])],"
        return "[[\(w[0]),\(w[1])],[[\(w[2]),\(w[3])],[\(w[4]),\(w[5])]],[\(w[6]),\(w[7])],\(commitment)[\(signals)]]"
    }

    /// The whole call data: selector, then each argument as a 32-byte big-endian word (static
    /// ABI types are encoded in place, so this is `4 + 32·(8 + n)` bytes, `4 + 32·(10 + n)` with
    /// a commitment).
    public var abiEncoded: [UInt8] {
        var out = selector
        out += proof.bytes
        for signal in publicSignals { out += signal.bigEndianBytes }
        return out
    }

    /// ``abiEncoded`` as `0x`-prefixed lower-case hex (for `cast call ADDRESS 0x…`).
    public var hex: String { "0x" + abiEncoded.lowercaseHex }
}
