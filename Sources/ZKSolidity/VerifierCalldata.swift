internal import ZKCurves
public import ZKField
public import ZKGroth16
internal import ZKIO

/// The arguments of `verifyProof(a, b, c, pubSignals)` for one proof, in the order the emitted
/// verifier takes them: `a = [x, y]`, `b = [[x.im, x.re], [y.im, y.re]]` (EIP-197 order, the
/// imaginary part first — snarkjs's `proof.json` stores the real part first), `c = [x, y]`, then
/// the public signals.
public struct VerifierCalldata: Sendable, Equatable {
    public let proof: Proof
    public let publicSignals: [BN254.Fr]

    /// - Throws: ``SolidityError/noPublicSignals`` when `publicSignals` is empty (the contract's
    ///   parameter would be `uint256[0]`).
    public init(proof: Proof, publicSignals: [BN254.Fr]) throws(SolidityError) {
        guard !publicSignals.isEmpty else { throw .noPublicSignals }
        self.proof = proof
        self.publicSignals = publicSignals
    }

    /// `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[n])`, the canonical signature the
    /// selector is hashed from.
    public static func functionSignature(publicCount: Int) -> String {
        "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[\(publicCount)])"
    }

    /// The 4-byte function selector: the first bytes of Keccak-256 of ``functionSignature(publicCount:)``.
    public var selector: [UInt8] { Keccak256.selector(Self.functionSignature(publicCount: publicSignals.count)) }

    /// The `8 + n` argument words as decimal strings, in calldata order.
    public var words: [String] {
        VerifierConstants.words(proof.a) + VerifierConstants.words(proof.b) + VerifierConstants.words(proof.c)
            + publicSignals.map(\.description)
    }

    /// `[a, b, c, pubSignals]` as one line of JSON, nested arrays of decimal strings — what
    /// ethers/viem/Hardhat take as the call's arguments.
    public var json: String {
        let w = words.map { "\"\($0)\"" }
        let signals = w[8...].joined(separator: ",")
        return "[[\(w[0]),\(w[1])],[[\(w[2]),\(w[3])],[\(w[4]),\(w[5])]],[\(w[6]),\(w[7])],[\(signals)]]"
    }

    /// The whole call data: selector, then each argument as a 32-byte big-endian word (static
    /// ABI types are encoded in place, so this is `4 + 32·(8 + n)` bytes).
    public var abiEncoded: [UInt8] {
        var out = selector
        out += proof.a.uncompressedBytes + proof.b.uncompressedBytes + proof.c.uncompressedBytes
        for signal in publicSignals { out += signal.bigEndianBytes }
        return out
    }

    /// ``abiEncoded`` as `0x`-prefixed lower-case hex (for `cast call ADDRESS 0x…`).
    public var hex: String { "0x" + abiEncoded.lowercaseHex }
}
