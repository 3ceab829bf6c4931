import Testing
import ZKConstraints
import ZKField
import ZKGroth16
import ZKSynthetic

/// `SyntheticLookup`, the lookup circuit behind `zkml dev lookup-proof` (the EVM verifier's
/// commitment-round fixtures): honest proofs verify for one and two challenges, a proof made for
/// challenges that are not the hash does not.
struct SyntheticLookupTests {
    @Test(arguments: [(1, 1), (3, 1), (2, 2)])
    func honestProofVerifies(publicCount: Int, challenges: Int) throws {
        let (system, witness, inputs) = SyntheticLookup.make(publicCount: publicCount, challengeCount: challenges)
        #expect(system.challengeCount == challenges && inputs.count == publicCount)
        let key = try Groth16.setup(system, randomness: .insecureSeeded(5), threads: 1)
        let proof = try Groth16.prove(system, witness: witness, provingKey: key, randomness: .insecureSeeded(6), threads: 1)
        #expect(proof.commitment != nil)
        #expect(try Groth16.verify(proof, publicInputs: inputs, key: key.verifyingKey) == .valid)
        #expect(try Groth16.verify(proof, publicInputs: inputs.map { $0 + .one }, key: key.verifyingKey) != .valid)
    }

    @Test(arguments: [1, 2])
    func chosenChallengeIsRejected(challenges: Int) throws {
        let (system, witness, inputs) = SyntheticLookup.make(publicCount: 2, challengeCount: challenges)
        let key = try Groth16.setup(system, randomness: .insecureSeeded(7), threads: 1)
        let commitment = try Groth16.commit(roundOne: witness.roundOne, provingKey: key, randomness: .insecureSeeded(8), threads: 1)
        let full = try witness.complete(challenges: commitment.challenges.map { $0 + .one })
        #expect(system.isSatisfied(by: full))
        let h = try Groth16.quotient(system, witness: full, threads: 1)
        let proof = try Groth16.prove(witness: full, quotient: h, provingKey: key, randomness: .insecureSeeded(9), commitment: commitment, threads: 1)
        #expect(try Groth16.verify(proof, publicInputs: inputs, key: key.verifyingKey) != .valid)
    }
}
