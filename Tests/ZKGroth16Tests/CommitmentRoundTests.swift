import Foundation
import Testing
import ZKConstraints
import ZKCurves
import ZKField
@testable import ZKGroth16
import ZKIO
import ZKTestSupport

/// A logUp range check written out by hand (docs/groth16.md): public `x = f₁ + f₂`, queries
/// `f₁, f₂` into the table `0 … 7`, multiplicities `m₀ … m₇`; round two the inverses
/// `hⱼ = 1/(c − fⱼ)`, `qᵢ = mᵢ/(c − i)` and `Σ h = Σ q`.
///
/// Wires: 0 one | 1 x | 2 c | 3 f₁ 4 f₂ 5…12 m (round one) | 13 h₁ 14 h₂ 15…22 q (round two).
enum HandLookup {
    static let tableSize = 8
    static let system: R1CS = {
        var system = R1CS(publicCount: 1, privateCount: 20, challengeCount: 1, committedCount: 10)
        let one = Variable.one, x = Variable(index: 1), c = Variable(index: 2)
        let f = [Variable(index: 3), Variable(index: 4)], h = [Variable(index: 13), Variable(index: 14)]
        system.append(Constraint(a: LinearCombination([.init(x, -Fr.one), .init(f[0], .one), .init(f[1], .one)]),
                                 b: LinearCombination(one), c: LinearCombination()))
        for j in 0 ..< 2 {
            system.append(Constraint(a: LinearCombination(h[j]), b: LinearCombination([.init(c, .one), .init(f[j], -Fr.one)]),
                                     c: LinearCombination(one)))
        }
        for i in 0 ..< tableSize {
            let q = Variable(index: UInt32(15 + i)), m = Variable(index: UInt32(5 + i))
            system.append(Constraint(a: LinearCombination(q), b: LinearCombination([.init(one, -Fr(i)), .init(c, .one)]),
                                     c: LinearCombination(m)))
        }
        var sum: [LinearCombination.Term] = h.map { .init($0, .one) }
        for i in 0 ..< tableSize { sum.append(.init(Variable(index: UInt32(15 + i)), -Fr.one)) }
        system.append(Constraint(a: LinearCombination(sum), b: LinearCombination(one), c: LinearCombination()))
        return system
    }()

    /// Round-one values for queries `f` and multiplicities `m` (x = f₁ + f₂).
    static func roundOne(_ f: [Int], multiplicities m: [Int]) -> [Fr] {
        var values = [Fr](repeating: .zero, count: system.variableCount)
        values[0] = .one
        values[1] = Fr(f[0] + f[1])
        values[3] = Fr(f[0]); values[4] = Fr(f[1])
        for i in 0 ..< tableSize { values[5 + i] = Fr(m[i]) }
        return values
    }

    /// `values` completed for challenge `c` (no check: a cheating prover uses this too).
    static func complete(_ values: [Fr], challenge c: Fr) -> Witness {
        var full = values
        full[2] = c
        for j in 0 ..< 2 { full[13 + j] = (c - full[3 + j]).inverse() }
        for i in 0 ..< tableSize { full[15 + i] = full[5 + i] * (c - Fr(i)).inverse() }
        return try! Witness(values: full)
    }

    static func witness(_ f: [Int], multiplicities m: [Int]) -> TwoRoundWitness {
        let values = roundOne(f, multiplicities: m)
        return TwoRoundWitness(roundOne: try! Witness(values: values)) { challenges in complete(values, challenge: challenges[0]) }
    }

    /// Queries 3 and 5: multiplicity one at rows 3 and 5.
    static var honest: TwoRoundWitness { witness([3, 5], multiplicities: [0, 0, 0, 1, 0, 1, 0, 0]) }
    static let key = try! Groth16.setup(system, randomness: .insecureSeeded(41), threads: 2)
    static let proof = try! Groth16.prove(system, witness: honest, provingKey: key, randomness: .insecureSeeded(42))
    static let publicInputs = [Fr(8)]
}

@Suite("Groth16 with a commitment round")
struct CommitmentRoundTests {
    @Test("a proof with a commitment verifies, is 320 bytes and fresh randomness gives another valid proof")
    func roundTrip() throws {
        let vk = HandLookup.key.verifyingKey
        #expect(vk.challengeCount == 1 && HandLookup.key.committedCount == 10)
        #expect(HandLookup.proof.bytes.count == 320)
        #expect(try Groth16.verify(HandLookup.proof, publicInputs: HandLookup.publicInputs, key: vk) == .valid)
        let other = try Groth16.prove(HandLookup.system, witness: HandLookup.honest, provingKey: HandLookup.key)
        #expect(other.commitment != HandLookup.proof.commitment)
        #expect(try Groth16.verify(other, publicInputs: HandLookup.publicInputs, key: vk) == .valid)
        #expect(try Proof(bytes: HandLookup.proof.bytes) == HandLookup.proof)
    }

    @Test("the commitment hides: the same witness gives unrelated commitments")
    func hiding() throws {
        let a = try Groth16.commit(roundOne: HandLookup.honest.roundOne, provingKey: HandLookup.key, randomness: .insecureSeeded(1))
        let b = try Groth16.commit(roundOne: HandLookup.honest.roundOne, provingKey: HandLookup.key, randomness: .insecureSeeded(2))
        #expect(a.point != b.point && a.challenges != b.challenges)
    }

    @Test("a value outside the table has no proof: the honest completion fails the logUp sum")
    func outsideTable() throws {
        let cheat = HandLookup.witness([9, 1], multiplicities: [0, 1, 0, 2, 0, 0, 0, 0])
        #expect(throws: Groth16Error.self) {
            try Groth16.prove(HandLookup.system, witness: cheat, provingKey: HandLookup.key, randomness: .insecureSeeded(3))
        }
    }

    @Test("wrong multiplicities have no proof")
    func wrongMultiplicities() throws {
        let cheat = HandLookup.witness([3, 5], multiplicities: [0, 0, 0, 2, 0, 0, 0, 0])
        #expect(throws: Groth16Error.self) {
            try Groth16.prove(HandLookup.system, witness: cheat, provingKey: HandLookup.key, randomness: .insecureSeeded(4))
        }
    }

    /// 9 is outside the table, yet at c = 15: 1/(15−9) + 1/(15−1) = 1/(15−1) + 2/(15−3). A prover
    /// who could choose the challenge would satisfy every constraint; the verifier derives its own.
    @Test("a challenge that is not the hash of the commitment is rejected")
    func chosenChallenge() throws {
        let values = HandLookup.roundOne([9, 1], multiplicities: [0, 1, 0, 2, 0, 0, 0, 0])
        let full = HandLookup.complete(values, challenge: Fr(15))
        #expect(HandLookup.system.isSatisfied(by: full))
        var commitment = try Groth16.commit(roundOne: try Witness(values: values), provingKey: HandLookup.key, randomness: .insecureSeeded(5))
        commitment = RoundOneCommitment(point: commitment.point, blinding: commitment.blinding, challenges: [Fr(15)],
                                        deltaOneG1: commitment.deltaOneG1)
        let h = try Groth16.quotient(HandLookup.system, witness: full)
        let proof = try Groth16.prove(witness: full, quotient: h, provingKey: HandLookup.key, randomness: .insecureSeeded(6), commitment: commitment)
        #expect(try Groth16.verify(proof, publicInputs: [Fr(10)], key: HandLookup.key.verifyingKey) != .valid)
    }

    @Test("round-one wires changed after the challenge (commitment no longer matching) are rejected")
    func changedAfterChallenge() throws {
        let values = HandLookup.roundOne([3, 5], multiplicities: [0, 0, 0, 1, 0, 1, 0, 0])
        let commitment = try Groth16.commit(roundOne: try Witness(values: values), provingKey: HandLookup.key, randomness: .insecureSeeded(7))
        // Queries 2 and 6 (same x) with matching multiplicities: satisfied for the real challenge.
        let changed = HandLookup.roundOne([2, 6], multiplicities: [0, 0, 1, 0, 0, 0, 1, 0])
        let full = HandLookup.complete(changed, challenge: commitment.challenges[0])
        #expect(HandLookup.system.isSatisfied(by: full))
        let h = try Groth16.quotient(HandLookup.system, witness: full)
        let proof = try Groth16.prove(witness: full, quotient: h, provingKey: HandLookup.key, randomness: .insecureSeeded(8), commitment: commitment)
        #expect(try Groth16.verify(proof, publicInputs: HandLookup.publicInputs, key: HandLookup.key.verifyingKey) != .valid)
        // The prover's own check refuses a completion that changes round-one wires.
        let lying = TwoRoundWitness(roundOne: try Witness(values: values)) { challenges in HandLookup.complete(changed, challenge: challenges[0]) }
        #expect(throws: Groth16Error.self) {
            try Groth16.prove(HandLookup.system, witness: lying, provingKey: HandLookup.key, randomness: .insecureSeeded(9))
        }
    }

    @Test("forged, zero, off-curve or missing commitments, wrong inputs and other proof points are rejected")
    func tampering() throws {
        let vk = HandLookup.key.verifyingKey
        let good = HandLookup.proof
        let g1 = BN254.G1(BN254.G1Affine.generator)
        var cases: [(String, Proof, [Fr])] = []
        var p = good; p.commitment = (BN254.G1(good.commitment!) + g1).affine; cases.append(("C₁ + G", p, HandLookup.publicInputs))
        p = good; p.commitment = .infinity; cases.append(("C₁ = O", p, HandLookup.publicInputs))
        p = good; p.commitment = BN254.G1Affine(x: BN254.Fq(1), y: BN254.Fq(3)); cases.append(("C₁ off the curve", p, HandLookup.publicInputs))
        p = good; p.commitment = nil; cases.append(("no C₁", p, HandLookup.publicInputs))
        p = good; p.commitment = good.a; cases.append(("C₁ = A", p, HandLookup.publicInputs))
        p = good; p.c = (BN254.G1(good.c) + g1).affine; cases.append(("C + G", p, HandLookup.publicInputs))
        cases.append(("x + 1", good, [Fr(9)]))
        cases.append(("x + r", good, [Fr(8) + Fr.zero]))
        for (name, proof, inputs) in cases.dropLast() {
            #expect(try Groth16.verify(proof, publicInputs: inputs, key: vk) != .valid, "\(name)")
        }
    }

    @Test("a plain proof for a commitment key and a commitment proof for a plain key are rejected; keys of another circuit refuse to prove")
    func mixedKeys() throws {
        let (cubicSystem, cubicWitness) = cubic()
        let plain = Fixture.cubicFixture
        var withCommitment = plain.proof
        withCommitment.commitment = HandLookup.proof.commitment
        #expect(try Groth16.verify(withCommitment, publicInputs: plain.publicInputs, key: plain.key.verifyingKey) != .valid)
        var stripped = HandLookup.proof
        stripped.commitment = nil
        #expect(try Groth16.verify(stripped, publicInputs: HandLookup.publicInputs, key: HandLookup.key.verifyingKey) != .valid)
        // A proof checked against another commitment circuit's key (same shape, other setup).
        let otherKey = try Groth16.setup(HandLookup.system, randomness: .insecureSeeded(77), threads: 2)
        #expect(try Groth16.verify(HandLookup.proof, publicInputs: HandLookup.publicInputs, key: otherKey.verifyingKey) != .valid)
        #expect(throws: Groth16Error.self) {
            try Groth16.prove(cubicSystem, witness: TwoRoundWitness(plain: cubicWitness), provingKey: HandLookup.key)
        }
        #expect(throws: Groth16Error.self) {
            try Groth16.prove(HandLookup.system, witness: HandLookup.honest, provingKey: plain.key)
        }
        #expect(throws: Groth16Error.self) {
            try Groth16.prove(HandLookup.system, witness: HandLookup.honest.roundOne, provingKey: HandLookup.key)
        }
    }

    @Test("keys with a commitment round round-trip through pk.bin, vk.bin (version 2) and JSON; plain keys stay version 1")
    func keyFormats() throws {
        let key = HandLookup.key
        let pkBytes = KeyFile.serialize(key)
        #expect(Array(pkBytes[4 ..< 8]) == [2, 0, 0, 0])
        #expect(try KeyFile.provingKey(from: pkBytes) == key)
        let vkBytes = KeyFile.serialize(key.verifyingKey)
        #expect(try KeyFile.verifyingKey(from: vkBytes) == key.verifyingKey)
        #expect(Array(KeyFile.serialize(Fixture.cubicFixture.key)[4 ..< 8]) == [1, 0, 0, 0])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkml-commit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pk.bin").path
        try KeyFile.write(key, toPath: path)
        let file = try KeyFile.openProvingKey(atPath: path)
        #expect(file.committedCount == 10 && file.commitmentDeltaG1 == key.commitmentDeltaG1)
        #expect(try file.load() == key)
        let proof = try Groth16.prove(HandLookup.system, witness: HandLookup.honest, provingKey: file)
        #expect(try Groth16.verify(proof, publicInputs: HandLookup.publicInputs, key: key.verifyingKey) == .valid)

        let vkJSON = SnarkJSON.render(key.verifyingKey)
        #expect(vkJSON.contains("\"protocol\": \"groth16_commit\""))
        #expect(try SnarkJSON.verifyingKey(from: Data(vkJSON.utf8)) == { var vk = key.verifyingKey; vk.circuitHash = vk.circuitHash; return vk }())
        let proofJSON = SnarkJSON.render(HandLookup.proof)
        #expect(try SnarkJSON.proof(from: Data(proofJSON.utf8)) == HandLookup.proof)
        let plainJSON = SnarkJSON.render(Fixture.cubicFixture.proof)
        #expect(!plainJSON.contains("commitment") && plainJSON.contains("\"protocol\": \"groth16\""))
        // A commitment field under the plain protocol, or an unknown format version, is refused.
        let smuggled = proofJSON.replacingOccurrences(of: "groth16_commit", with: "groth16")
        #expect(throws: Groth16Error.self) { try SnarkJSON.proof(from: Data(smuggled.utf8)) }
        let future = proofJSON.replacingOccurrences(of: "\"zkml_format\": 1", with: "\"zkml_format\": 2")
        #expect(throws: Groth16Error.self) { try SnarkJSON.proof(from: Data(future.utf8)) }
    }

    @Test("challenges: keccak256(tag ‖ k ‖ C₁ ‖ inputs) mod r, known answer")
    func challengeVector() throws {
        // Known answer computed independently (scripts/commitment_challenge_vector.py, Python's
        // keccak from pycryptodome) for C₁ = G and inputs [1, 2].
        let challenges = CommitmentChallenge.derive(commitment: .generator, publicInputs: [Fr(1), Fr(2)], count: 2)
        let expected = try String(contentsOf: Fixtures.repository.appendingPathComponent("Tests/ZKGroth16Tests/Vectors/commitment_challenge.txt"), encoding: .utf8)
            .split(separator: "\n").map { try Fr(decimal: String($0)) }
        #expect(challenges == expected)
        #expect(CommitmentChallenge.domainTag.hexString.count == 64)
    }
}
