import Foundation
import Testing
import ZKConstraints
import ZKCurves
import ZKField
import ZKGroth16
import ZKTestSupport

/// zkml's proofs checked by an implementation that shares nothing with it: py_ecc's pairing,
/// driven by scripts/pyecc_verify.py over the snarkjs JSON files. On by default when py_ecc is
/// installed (`.ci/run` installs it); required at `ZKML_TEST_LEVEL=full`.
@Suite("py_ecc cross-check")
struct PyEccCrossCheckTests {
    /// Whether python3 can import py_ecc.
    static let hasPyEcc = ExternalCommand.pythonHas("py_ecc")

    // Needs python3 with py_ecc (pip install -r scripts/requirements-tests.txt): skipped without
    // it, except at the full level, where a missing py_ecc fails.
    @Test("py_ecc accepts zkml's proof and rejects a tampered one",
          .enabled(if: hasPyEcc || TestLevel.isFull, "needs python3 with py_ecc (pip install -r scripts/requirements-tests.txt)"))
    func crossCheck() throws {
        guard Self.hasPyEcc else {
            Issue.record("py_ecc is required at ZKML_TEST_LEVEL=full (pip install -r scripts/requirements-tests.txt)")
            return
        }
        let f = Fixture.synthetic
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkml-pyecc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let vk = directory.appendingPathComponent("verification_key.json")
        let proof = directory.appendingPathComponent("proof.json")
        let tampered = directory.appendingPathComponent("tampered.json")
        let signals = directory.appendingPathComponent("public.json")
        try Data(SnarkJSON.render(f.key.verifyingKey).utf8).write(to: vk)
        try Data(SnarkJSON.render(f.proof).utf8).write(to: proof)
        var bad = f.proof
        bad.c = (BN254.G1(bad.c) + BN254.G1.generator).affine
        try Data(SnarkJSON.render(bad).utf8).write(to: tampered)
        try Data(SnarkJSON.render(publicSignals: f.publicInputs).utf8).write(to: signals)

        let script = Fixtures.repository.appendingPathComponent("scripts/pyecc_verify.py").path
        let valid = try #require(ExternalCommand.run("python3", [script, vk.path, proof.path, signals.path]))
        #expect(valid.status == 0, "py_ecc rejected zkml's proof: \(valid.output)")
        let invalid = try #require(ExternalCommand.run("python3", [script, vk.path, tampered.path, signals.path]))
        #expect(invalid.status == 1, "py_ecc accepted a tampered proof: \(invalid.output)")
    }

    // Needs python3 with py_ecc and the shared fixtures rapidsnark/{circuit_final.zkey,witness.wtns,
    // verification_key.json} and snarkjs/circuit/circuit.r1cs.
    @Test("py_ecc accepts zkml's proof made with rapidsnark's .zkey, against rapidsnark's verification_key.json",
          .enabled(if: hasPyEcc && Fixtures.available("rapidsnark/circuit_final.zkey", "rapidsnark/witness.wtns",
                                                      "rapidsnark/verification_key.json", "snarkjs/circuit/circuit.r1cs"),
                   "needs python3 with py_ecc and the rapidsnark fixtures"))
    func zkeyProofCrossCheck() throws {
        let zkey = try #require(Fixtures.data("rapidsnark/circuit_final.zkey"))
        let system = try R1CS(circomR1CSContentsOf: try #require(Fixtures.url("snarkjs/circuit/circuit.r1cs")))
        let witness = try Witness(wtnsContentsOf: try #require(Fixtures.url("rapidsnark/witness.wtns")))
        let key = try SnarkZkey.provingKey(from: zkey)
        let proof = try Groth16.prove(system, witness: witness, provingKey: key, reduction: SnarkjsReduction())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkml-pyecc-zkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let proofURL = directory.appendingPathComponent("proof.json"), signals = directory.appendingPathComponent("public.json")
        try Data(SnarkJSON.render(proof).utf8).write(to: proofURL)
        try Data(SnarkJSON.render(publicSignals: Array(witness.publicInputs(count: system.publicCount))).utf8).write(to: signals)
        let vk = try #require(Fixtures.url("rapidsnark/verification_key.json"))
        let script = Fixtures.repository.appendingPathComponent("scripts/pyecc_verify.py").path
        let result = try #require(ExternalCommand.run("python3", [script, vk.path, proofURL.path, signals.path]))
        #expect(result.status == 0, "py_ecc rejected the proof: \(result.output)")
    }
}
