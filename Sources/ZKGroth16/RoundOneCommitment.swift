public import ZKCurves
public import ZKField

/// The prover's first round with a commitment round: the commitment `C₁`, its blinding κ and the
/// challenges derived from it (``Groth16/commit(roundOne:provingKey:randomness:threads:)``).
/// κ is secret: with it and the key, anyone could open `C₁`'s blinding. It is used once, in C.
public struct RoundOneCommitment: Sendable {
    /// `C₁`, the proof's fourth point.
    public let point: BN254.G1Affine
    /// κ.
    let blinding: BN254.Fr
    /// The challenges for the challenge wires, in order.
    public let challenges: [BN254.Fr]
    /// `[δ₁]₁` of the key (C subtracts `κ·[δ₁]₁`).
    let deltaOneG1: BN254.G1Affine
}
