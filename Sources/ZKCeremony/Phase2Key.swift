public import ZKCurves
public import ZKField

/// A circuit's Groth16 key in a phase-2 ceremony: snarkjs's `.zkey` (protocol 1, Groth16),
/// plus zkml's sections for the commitment round.
///
/// snarkjs sections (docs/setup.md): 1 protocol, 2 header (`nVars`, `nPublic`, `domainSize`,
/// α₁, β₁, β₂, γ₂, δ₁, δ₂), 3 IC, 4 the A and B coefficients (with the input-consistency rows),
/// 5 A, 6 B₁, 7 B₂, 8 the private wires' `(β·uᵢ + α·vᵢ + wᵢ)(τ)/δ` ("C", our `lQuery`), 9 H
/// (``ZKGroth16/SnarkjsReduction``'s), 10 the circuit hash and the contributions. γ is 1.
///
/// A circuit with a commitment round (lookups) adds zkml sections that snarkjs ignores: 20 the
/// statement's public count, the committed wires' count and `δ₁` in G1 and G2; 21 the committed
/// wires' points over δ₁; 22 the contributions to δ₁. Its header's `nPublic` counts the public
/// inputs *and* the challenges (both have IC points over γ), and section 8 only the private
/// wires after the committed ones.
public struct Phase2Key: Sendable, Equatable {
    /// One entry of section 4: `A` (matrix 0) or `B` (matrix 1), row, wire, coefficient.
    public struct Coefficient: Sendable, Equatable {
        public var matrix: UInt32
        public var row: UInt32
        public var wire: UInt32
        public var value: BN254.Fr
    }

    /// The commitment round's part (zkml sections 20–22).
    public struct Commitment: Sendable, Equatable {
        /// The statement's public inputs (the header's `nPublic` less the challenges).
        public var publicCount: Int
        public var deltaG1: BN254.G1Affine
        public var deltaG2: BN254.G2Affine
        /// `(β·uᵢ + α·vᵢ + wᵢ)(τ)/δ₁` of each committed wire.
        public var query: [BN254.G1Affine]
        /// One per contribution to δ, in the same order.
        public var contributions: [Phase2Contribution]
    }

    public var variableCount: Int
    /// The header's `nPublic`: the wires with IC points, less the constant one.
    public var publicCount: Int
    public var domainSize: Int
    public var alphaG1: BN254.G1Affine
    public var betaG1: BN254.G1Affine
    public var betaG2: BN254.G2Affine
    public var gammaG2: BN254.G2Affine
    public var deltaG1: BN254.G1Affine
    public var deltaG2: BN254.G2Affine
    public var ic: [BN254.G1Affine]
    public var coefficients: [Coefficient]
    public var a: [BN254.G1Affine]
    public var b1: [BN254.G1Affine]
    public var b2: [BN254.G2Affine]
    public var l: [BN254.G1Affine]
    public var h: [BN254.G1Affine]
    /// BLAKE2b-512 of the initial key's points (snarkjs `csHash`), the root of every transcript.
    public var circuitHash: [UInt8]
    public var contributions: [Phase2Contribution]
    public var commitment: Commitment?

    /// `log₂ domainSize`.
    public var domainLogSize: Int { domainSize.trailingZeroBitCount }
}
