public import ZKCurves
public import ZKField
internal import ZKIO

/// One contribution to a circuit's phase-2 ceremony, as snarkjs records it in section 10 of a
/// `.zkey` (`zkey contribute` / `zkey beacon`): the new `δ·G1`, the contributor's key for its
/// secret `d` (`g1_s`, `g1_sx = d·g1_s`, `g2_spx = d·g2_sp` with `g2_sp = hashToG2(transcript)`),
/// the transcript it is bound to (BLAKE2b of the circuit hash, every earlier contribution and
/// `g1_s ‖ g1_sx`), and name or beacon parameters.
public struct Phase2Contribution: Sendable, Equatable {
    public var deltaAfter: BN254.G1Affine
    public var g1s: BN254.G1Affine
    public var g1sx: BN254.G1Affine
    public var g2spx: BN254.G2Affine
    /// 64 bytes.
    public var transcript: [UInt8]
    /// 0 for a contribution, 1 for a random beacon.
    public var type: UInt32
    public var name: String?
    public var numIterationsExp: Int?
    public var beaconHash: [UInt8]?

    public init(deltaAfter: BN254.G1Affine, g1s: BN254.G1Affine, g1sx: BN254.G1Affine, g2spx: BN254.G2Affine,
                transcript: [UInt8], type: UInt32, name: String? = nil, numIterationsExp: Int? = nil, beaconHash: [UInt8]? = nil) {
        (self.deltaAfter, self.g1s, self.g1sx, self.g2spx, self.transcript) = (deltaAfter, g1s, g1sx, g2spx, transcript)
        (self.type, self.name, self.numIterationsExp, self.beaconHash) = (type, name, numIterationsExp, beaconHash)
    }

    /// What the next transcripts absorb of this contribution (snarkjs `hashPubKey`):
    /// `deltaAfter ‖ g1_s ‖ g1_sx ‖ g2_spx` uncompressed, then the transcript.
    var publicKeyBytes: [UInt8] {
        PointEncoding.uncompressed(deltaAfter) + PointEncoding.uncompressed(g1s) + PointEncoding.uncompressed(g1sx)
            + PointEncoding.uncompressed(g2spx) + transcript
    }

    /// The contribution hash snarkjs prints after `zkey contribute`: BLAKE2b of ``publicKeyBytes``.
    public var hash: [UInt8] { Blake2b.hash(publicKeyBytes) }

    /// The parameter bytes of the record (name, beacon exponent and hash), keys in order.
    var parameterBytes: [UInt8] {
        var bytes: [UInt8] = []
        if let name {
            let utf8 = Array(String(name.prefix(64)).utf8.prefix(255))
            bytes += [1, UInt8(utf8.count)] + utf8
        }
        if type == 1, let exponent = numIterationsExp, let hash = beaconHash {
            bytes += [2, UInt8(exponent), 3, UInt8(hash.count)] + hash
        }
        return bytes
    }
}
