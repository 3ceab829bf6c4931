public import ZKField

/// The witness of a system with a commitment round (``R1CS/hasCommitmentRound``), solved in two
/// rounds: ``roundOne`` holds the public inputs and the round-one wires (the challenge wires and
/// the round-two wires are zero in it); ``complete(challenges:)`` fills in the challenges the
/// verifier will derive and the round-two wires computed from them (logUp inverses and sums).
///
/// The prover commits to the round-one wires before it knows the challenges, so nothing it
/// computes afterwards can change them (docs/groth16.md, "Commitment round").
public struct TwoRoundWitness {
    /// The public inputs and round-one wires, everything after them zero.
    public let roundOne: Witness
    private let completion: ([BN254.Fr]) throws -> Witness

    /// - Parameters:
    ///   - roundOne: the assignment known before the challenges.
    ///   - complete: the full assignment for the given challenges; throws when it cannot be made
    ///     (a challenge that equals a looked-up value, with negligible probability) or when the
    ///     round-two constraints do not hold.
    public init(roundOne: Witness, complete: @escaping ([BN254.Fr]) throws -> Witness) {
        self.roundOne = roundOne
        completion = complete
    }

    /// The full assignment for `challenges`.
    public func complete(challenges: [BN254.Fr]) throws -> Witness { try completion(challenges) }

    /// A plain witness seen as a two-round one with no challenges (a system without a commitment
    /// round): ``complete(challenges:)`` returns it unchanged.
    public init(plain witness: Witness) {
        roundOne = witness
        completion = { _ in witness }
    }
}
