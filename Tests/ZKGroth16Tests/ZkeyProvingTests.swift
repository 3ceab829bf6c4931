import Foundation
import Testing
import ZKConstraints
import ZKCurves
import ZKField
import ZKGroth16
import ZKTestSupport

/// Proving with snarkjs `.zkey` keys (``SnarkjsReduction``): the keys snarkjs and rapidsnark made
/// for circom circuits prove with zkml and the proofs verify with the keys' own verifying keys.
@Suite("snarkjs .zkey proving")
struct ZkeyProvingTests {
    /// (zkey, r1cs, wtns, verifying key JSON or nil) of each fixture pair.
    static let cases: [(String, String, String, String?)] = [
        ("rapidsnark/circuit_final.zkey", "snarkjs/circuit/circuit.r1cs", "rapidsnark/witness.wtns", "rapidsnark/verification_key.json"),
        ("snarkjs/groth16-zkey/circuit.zkey", "snarkjs/groth16-zkey/circuit.r1cs", "snarkjs/groth16-zkey/witness.wtns", nil),
    ]

    // Needs the shared fixtures rapidsnark/{circuit_final.zkey,witness.wtns,verification_key.json},
    // snarkjs/circuit/circuit.r1cs and snarkjs/groth16-zkey/{circuit.zkey,circuit.r1cs,witness.wtns}.
    @Test("a snarkjs .zkey proves its circom circuit; the proof verifies with the key's own verifying key",
          .enabled(if: Fixtures.available("rapidsnark/circuit_final.zkey", "snarkjs/circuit/circuit.r1cs", "rapidsnark/witness.wtns",
                                          "rapidsnark/verification_key.json", "snarkjs/groth16-zkey/circuit.zkey",
                                          "snarkjs/groth16-zkey/circuit.r1cs", "snarkjs/groth16-zkey/witness.wtns"),
                   "needs the rapidsnark and snarkjs/groth16-zkey fixtures"),
          arguments: [0, 1])
    func provesWithZkey(index: Int) throws {
        let (zkeyPath, r1csPath, wtnsPath, vkPath) = Self.cases[index]
        let zkey = try #require(Fixtures.data(zkeyPath))
        let system = try R1CS(circomR1CSContentsOf: try #require(Fixtures.url(r1csPath)))
        let witness = try Witness(wtnsContentsOf: try #require(Fixtures.url(wtnsPath)))
        try SnarkZkey.checkCoefficients(zkey, system: system, path: zkeyPath)
        let key = try SnarkZkey.provingKey(from: zkey, path: zkeyPath)
        #expect(key.hQueryCount == 1 << key.domainLogSize)
        let verifyingKey = try vkPath.map { try SnarkJSON.verifyingKey(from: try #require(Fixtures.data($0))) } ?? key.verifyingKey
        #expect(verifyingKey == key.verifyingKey)

        let proof = try Groth16.prove(system, witness: witness, provingKey: key, randomness: .insecureSeeded(5), reduction: SnarkjsReduction())
        let inputs = Array(witness.publicInputs(count: system.publicCount))
        #expect(try Groth16.verify(proof, publicInputs: inputs, key: verifyingKey) == .valid)
        #expect(try Groth16.verify(proof, publicInputs: inputs.map { $0 + .one }, key: verifyingKey) != .valid)
        // The libsnark reduction's quotient does not fit a .zkey's H points: refused, not a bad proof.
        #expect(throws: Groth16Error.self) { try Groth16.prove(system, witness: witness, provingKey: key) }
    }

    // Needs the shared fixtures rapidsnark/circuit_final.zkey, snarkjs/circuit/circuit.r1cs and
    // snarkjs/groth16-zkey/circuit.r1cs.
    @Test("a .zkey for another circuit, or with a changed coefficient, is refused naming the entry",
          .enabled(if: Fixtures.available("rapidsnark/circuit_final.zkey", "snarkjs/circuit/circuit.r1cs", "snarkjs/groth16-zkey/circuit.r1cs"),
                   "needs fixtures rapidsnark/circuit_final.zkey, snarkjs/{circuit,groth16-zkey}/circuit.r1cs"))
    func coefficientMismatch() throws {
        let zkey = try #require(Fixtures.data("rapidsnark/circuit_final.zkey"))
        let other = try R1CS(circomR1CSContentsOf: try #require(Fixtures.url("snarkjs/groth16-zkey/circuit.r1cs")))
        #expect(throws: Groth16Error.self) { try SnarkZkey.checkCoefficients(zkey, system: other) }
        let system = try R1CS(circomR1CSContentsOf: try #require(Fixtures.url("snarkjs/circuit/circuit.r1cs")))
        // Section 4's first coefficient value: add one to its lowest byte.
        var bytes = [UInt8](zkey)
        let sections = try #require(StructuredFuzzer.containerSections(bytes))
        var offset = 12
        for (type, payload) in sections {
            if type == 4 { break }
            offset += 12 + payload.count
        }
        let value = offset + 12 + 4 + 12
        bytes[value] = bytes[value] &+ 1
        do {
            try SnarkZkey.checkCoefficients(Data(bytes), system: system, path: "changed.zkey")
            Issue.record("a changed coefficient was accepted")
        } catch {
            #expect(error.description.contains("in section 4"), "\(error)")
        }
    }

    @Test("keys of both reductions prove and verify; the verifying keys agree for the same secrets")
    func reductionsAgree() throws {
        let f = Fixture.synthetic
        let libsnark = try Groth16.setup(f.system, randomness: .insecureSeeded(11))
        let snarkjs = try Groth16.setup(f.system, randomness: .insecureSeeded(11), reduction: SnarkjsReduction())
        #expect(snarkjs.verifyingKey == libsnark.verifyingKey)
        #expect(snarkjs.aQuery == libsnark.aQuery && snarkjs.lQuery == libsnark.lQuery)
        #expect(snarkjs.hQuery.count == libsnark.hQuery.count + 1)
        let proof = try Groth16.prove(f.system, witness: f.witness, provingKey: snarkjs, randomness: .insecureSeeded(2), reduction: SnarkjsReduction())
        #expect(try Groth16.verify(proof, publicInputs: f.publicInputs, key: snarkjs.verifyingKey) == .valid)
        #expect(throws: Groth16Error.self) {
            try Groth16.prove(f.system, witness: f.witness, provingKey: libsnark, reduction: SnarkjsReduction())
        }
        // The prover's second half refuses a quotient of the other reduction.
        let libsnarkQuotient = try Groth16.quotient(f.system, witness: f.witness)
        #expect(throws: Groth16Error.self) { try Groth16.prove(witness: f.witness, quotient: libsnarkQuotient, provingKey: snarkjs) }
        #expect(Groth16.reduction(for: snarkjs) is SnarkjsReduction && Groth16.reduction(for: libsnark) is LibsnarkReduction)
    }
}
