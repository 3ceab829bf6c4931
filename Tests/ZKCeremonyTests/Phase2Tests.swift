import Foundation
import Testing
@testable import ZKCeremony
import ZKConstraints
import ZKCurves
import ZKField
import ZKGroth16
import ZKIO
import ZKSynthetic
import ZKTestSupport

/// Phase 2: the initial key from a circuit and a powers of tau, contributions, beacons,
/// verification, export.
@Suite("phase 2")
struct Phase2Tests {
    static func ptau(_ name: String) throws -> PowersOfTau {
        try PowersOfTau(contentsOf: try #require(Fixtures.url("ptau/\(name)")).path)
    }

    // Needs the shared fixtures rapidsnark/circuit_final.zkey, snarkjs/circuit/circuit.r1cs and
    // ptau/powersOfTau28_hez_final_11.ptau.
    @Test("the initial key of rapidsnark's circuit from the Hermez file has the circuit hash, IC, A, B and coefficients of rapidsnark's final key",
          .enabled(if: Fixtures.available("rapidsnark/circuit_final.zkey", "snarkjs/circuit/circuit.r1cs", "ptau/powersOfTau28_hez_final_11.ptau"),
                   "needs the rapidsnark key, its circuit and the Hermez power-11 file"))
    func initialKeyMatchesSnarkjs() throws {
        let system = try R1CS(circomR1CSContentsOf: try #require(Fixtures.url("snarkjs/circuit/circuit.r1cs")))
        let ptau = try Self.ptau("powersOfTau28_hez_final_11.ptau")
        let initial = try Phase2Key.new(system, ptau: ptau, threads: 2)
        let final = try Phase2Key(zkey: [UInt8](try #require(Fixtures.data("rapidsnark/circuit_final.zkey"))))
        // The key predates snarkjs's change to how points at infinity are hashed (A and B have some).
        #expect(try initial.initialCircuitHash(ptau: ptau, legacyInfinity: true) == final.circuitHash)
        #expect(initial.circuitHash != final.circuitHash)
        #expect(initial.ic == final.ic && initial.a == final.a && initial.b1 == final.b1 && initial.b2 == final.b2)
        #expect(initial.alphaG1 == final.alphaG1 && initial.betaG2 == final.betaG2 && initial.gammaG2 == final.gammaG2)
        #expect(initial.coefficients == final.coefficients)
        #expect(!final.contributions.isEmpty)
        // The bytes round-trip.
        #expect(try Phase2Key(zkey: final.zkeyBytes()) == final)
    }
}

extension Phase2Tests {
    /// A deterministic "OS entropy" for tests.
    static func entropy(_ seed: UInt8) -> [UInt8] { (0 ..< 64).map { UInt8(truncatingIfNeeded: Int($0) &* 37 &+ Int(seed)) } }

    // Needs the shared fixtures rapidsnark/circuit_final.zkey, snarkjs/circuit/circuit.r1cs and
    // ptau/powersOfTau28_hez_final_11.ptau.
    @Test("rapidsnark's key verifies against its circuit and the Hermez file: three contributions, the last a beacon",
          .enabled(if: Fixtures.available("rapidsnark/circuit_final.zkey", "snarkjs/circuit/circuit.r1cs", "ptau/powersOfTau28_hez_final_11.ptau"),
                   "needs the rapidsnark key, its circuit and the Hermez power-11 file"))
    func snarkjsKeyVerifies() throws {
        let system = try R1CS(circomR1CSContentsOf: try #require(Fixtures.url("snarkjs/circuit/circuit.r1cs")))
        let key = try Phase2Key(zkey: [UInt8](try #require(Fixtures.data("rapidsnark/circuit_final.zkey"))))
        var rng = SeededGenerator(seed: 4)
        let report = try key.verify(system, ptau: try Self.ptau("powersOfTau28_hez_final_11.ptau"), randomness: &rng, threads: 2)
        #expect(report.contributions.map(\.isBeacon) == [false, false, true])
        #expect(report.legacyCircuitHash)
        // The same key against another circuit's file or another ptau.
        #expect(throws: CeremonyError.self) {
            try key.verify(system, ptau: try Self.ptau("pot10_final.ptau"), randomness: &rng, threads: 2)
        }
    }

    static func ceremony(_ system: R1CS, ptau: PowersOfTau) throws -> Phase2Key {
        var key = try Phase2Key.new(system, ptau: ptau, threads: 2)
        key.contribute(entropy: entropy(1), name: "alice", threads: 2)
        key = try Phase2Key(zkey: key.zkeyBytes())
        key.contribute(entropy: entropy(2), name: "bob", threads: 2)
        key.beacon(hash: [UInt8](hex: "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")!, iterationsExponent: 10, name: "beacon", threads: 2)
        return try Phase2Key(zkey: key.zkeyBytes())
    }

    // Needs the shared fixture ptau/pot10_final.ptau.
    @Test("a ceremony (two contributions and a beacon) on a plain circuit verifies, exports and proves",
          .enabled(if: Fixtures.available("ptau/pot10_final.ptau"), "needs fixture ptau/pot10_final.ptau"))
    func plainCeremony() throws {
        let (system, witness) = SyntheticCircuit.make(constraints: 600, publicCount: 3, seed: 8)
        let ptau = try Self.ptau("pot10_final.ptau")
        let key = try Self.ceremony(system, ptau: ptau)
        var rng = SeededGenerator(seed: 5)
        let report = try key.verify(system, ptau: ptau, randomness: &rng, threads: 2)
        #expect(report.contributions.map(\.name) == ["alice", "bob", "beacon"] && !report.legacyCircuitHash)
        let provingKey = key.provingKey(circuitHash: system.contentHash)
        #expect(provingKey.hQueryCount == 1 << provingKey.domainLogSize)
        let proof = try Groth16.prove(system, witness: witness, provingKey: provingKey, randomness: .insecureSeeded(3),
                                      reduction: Groth16.reduction(for: provingKey), threads: 2)
        let inputs = Array(witness.publicInputs(count: system.publicCount))
        #expect(try Groth16.verify(proof, publicInputs: inputs, key: provingKey.verifyingKey) == .valid)
        #expect(try Groth16.verify(proof, publicInputs: inputs.map { $0 + .one }, key: provingKey.verifyingKey) != .valid)
        // The exported key written as pk.bin reads back and proves the same way.
        #expect(try KeyFile.provingKey(from: KeyFile.serialize(provingKey), path: "pk.bin") == provingKey)
    }

    // Needs the shared fixture ptau/pot10_final.ptau.
    @Test("a ceremony on a circuit with a commitment round covers δ₁: verifies, exports and proves",
          .enabled(if: Fixtures.available("ptau/pot10_final.ptau"), "needs fixture ptau/pot10_final.ptau"), arguments: [1, 2])
    func commitmentCeremony(challenges: Int) throws {
        let (system, witness, inputs) = SyntheticLookup.make(publicCount: 3, challengeCount: challenges)
        let ptau = try Self.ptau("pot10_final.ptau")
        let key = try Self.ceremony(system, ptau: ptau)
        #expect(key.commitment?.contributions.count == 3)
        var rng = SeededGenerator(seed: 6)
        let report = try key.verify(system, ptau: ptau, randomness: &rng, threads: 2)
        #expect(report.hasCommitmentRound)
        let provingKey = key.provingKey(circuitHash: system.contentHash)
        let proof = try Groth16.prove(system, witness: witness, provingKey: provingKey, randomness: .insecureSeeded(4),
                                      reduction: Groth16.reduction(for: provingKey), threads: 2)
        #expect(try Groth16.verify(proof, publicInputs: inputs, key: provingKey.verifyingKey) == .valid)
        #expect(try Groth16.verify(proof, publicInputs: inputs.map { $0 + .one }, key: provingKey.verifyingKey) != .valid)
    }
}

extension Phase2Tests {
    // Needs the shared fixture ptau/pot10_final.ptau.
    @Test("a key zkml writes reads back field by field through the independent snarkjs-layout reader (SnarkZkey)",
          .enabled(if: Fixtures.available("ptau/pot10_final.ptau"), "needs fixture ptau/pot10_final.ptau"))
    func zkeyReadsBackWithSnarkjsLayout() throws {
        let (system, witness) = SyntheticCircuit.make(constraints: 400, publicCount: 2, seed: 12)
        let key = try Self.ceremony(system, ptau: try Self.ptau("pot10_final.ptau"))
        let bytes = Data(key.zkeyBytes())
        let read = try SnarkZkey.provingKey(from: bytes, path: "ours.zkey")
        #expect(read == key.provingKey(circuitHash: []))
        try SnarkZkey.checkCoefficients(bytes, system: system, path: "ours.zkey")
        // The file proves as a snarkjs key would be proved.
        let proof = try Groth16.prove(system, witness: witness, provingKey: read, randomness: .insecureSeeded(1), reduction: SnarkjsReduction(), threads: 2)
        #expect(try Groth16.verify(proof, publicInputs: Array(witness.publicInputs(count: 2)), key: read.verifyingKey) == .valid)
    }

    @Test("an insecure powers of tau (known secrets) works for phase 2 without fixtures; it has no contribution")
    func insecurePtau() throws {
        let ptau = try PowersOfTau(bytes: PowersOfTau.insecureFile(power: 9, seed: 4, threads: 2), path: "insecure.ptau")
        var rng = SeededGenerator(seed: 1)
        #expect(throws: CeremonyError.self) { try ptau.verify(randomness: &rng, threads: 2) }
        let (system, witness, inputs) = SyntheticLookup.make(publicCount: 2)
        let key = try Self.ceremony(system, ptau: ptau)
        _ = try key.verify(system, ptau: ptau, randomness: &rng, threads: 2)
        let provingKey = key.provingKey(circuitHash: system.contentHash)
        let proof = try Groth16.prove(system, witness: witness, provingKey: provingKey, randomness: .insecureSeeded(2),
                                      reduction: Groth16.reduction(for: provingKey), threads: 2)
        #expect(try Groth16.verify(proof, publicInputs: inputs, key: provingKey.verifyingKey) == .valid)
    }
}
