public import ZKConstraints
public import ZKCurves
public import ZKField

/// A Groth16 verifying key (arkworks names; snarkjs's `vk_alpha_1`, `vk_beta_2`, `vk_gamma_2`,
/// `vk_delta_2`, `IC`).
///
/// `gammaABCG1[0]` is the constant term and `gammaABCG1[i]` multiplies public input `i`, so a key
/// for `n` public inputs has `n + 1` of them.
public struct VerifyingKey: Sendable, Equatable {
    public var alphaG1: BN254.G1Affine
    public var betaG2: BN254.G2Affine
    public var gammaG2: BN254.G2Affine
    public var deltaG2: BN254.G2Affine
    public var gammaABCG1: [BN254.G1Affine]
    /// SHA-256 content hash of the circuit this key was made for (`R1CS.contentHash`); empty when
    /// unknown (a key imported from snarkjs).
    public var circuitHash: [UInt8]
    /// Public signals the verifier must check to be signed integers of a given width (the
    /// circuit leaves those range checks to it); empty for most keys. ``Groth16/verify(_:publicInputs:key:)``
    /// rejects a signal outside its range.
    public var signedRanges: [PublicSignalRange]
    /// The commitment round's key, for a circuit with lookups; `nil` for plain Groth16 (every
    /// snarkjs key).
    public var commitment: CommitmentKey?
    /// How the statement's public signals are packed into the Groth16 public inputs (one word
    /// per IC point after the first), for a circuit compiled with packed public signals; `nil`
    /// when every signal is its own public input (every snarkjs key). With a packing, verifiers
    /// take the unpacked signals, check each one's width and pack them.
    public var packing: PublicPacking?

    public init(alphaG1: BN254.G1Affine, betaG2: BN254.G2Affine, gammaG2: BN254.G2Affine, deltaG2: BN254.G2Affine,
                gammaABCG1: [BN254.G1Affine], circuitHash: [UInt8] = [], signedRanges: [PublicSignalRange] = [],
                commitment: CommitmentKey? = nil, packing: PublicPacking? = nil) {
        precondition(!gammaABCG1.isEmpty, "a verifying key needs at least the constant IC term")
        self.alphaG1 = alphaG1
        self.betaG2 = betaG2
        self.gammaG2 = gammaG2
        self.deltaG2 = deltaG2
        self.gammaABCG1 = gammaABCG1
        self.circuitHash = circuitHash
        self.signedRanges = signedRanges
        self.commitment = commitment
        self.packing = packing
    }

    /// The number of Groth16 public inputs the key verifies (the packed words, with a packing).
    public var publicCount: Int { gammaABCG1.count - 1 }
    /// The number of public signals a proof's statement has (`public.json`): the unpacked values
    /// with a packing, else ``publicCount``.
    public var signalCount: Int { packing?.valueCount ?? publicCount }
    /// The number of challenges the verifier derives (0 for plain Groth16).
    public var challengeCount: Int { commitment?.challengeCount ?? 0 }
}
