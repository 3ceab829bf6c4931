import Foundation
import Testing
import ZKPipeline
import ZKTestSupport

/// The production-setup path through the real `zkml` binary: a verified powers of tau, a
/// ceremony with two contributions and a beacon on a model with lookups, export, prove, verify,
/// and the failures a user meets (a tampered key, a swapped .ptau, a key without contributions).
@Suite struct CeremonyCLITests {
    static let ptau = "ptau/powersOfTau28_hez_final_11.ptau"

    // Needs the zkml executable built beside the test bundle (or $ZKML_BINARY) and the shared
    // fixtures ptau/powersOfTau28_hez_final_11.ptau and ptau/pot10_final.ptau.
    @Test("docs/setup.md's walkthrough: ptau verify, ceremony new, three contributions, a beacon, verify, export, prove, verify",
          .enabled(if: ZKMLBinary.isAvailable && Fixtures.available(ptau, "ptau/pot10_final.ptau"),
                   "needs the zkml binary and fixtures ptau/{powersOfTau28_hez_final_11,pot10_final}.ptau"))
    func ceremonyLifecycle() throws {
        let directory = try AtomicWriteTests.scratch("ceremony-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let ptau = try #require(Fixtures.url(Self.ptau)).path
        let model = PipelineFixtures.circuits.appendingPathComponent("mlp_digits")
        func ok(_ arguments: [String]) throws -> ZKMLBinary.Outcome {
            let outcome = try ZKMLBinary.run(arguments)
            #expect(outcome.code == 0, "\(arguments.prefix(2)): \(outcome.stderr)")
            return outcome
        }
        #expect(try ok(["ptau", "verify", ptau]).stdout.contains("valid: power 11 (ceremony 28), 55 contribution(s), prepared"))
        _ = try ok(["compile", model.appendingPathComponent("network.onnx").path, "--out", directory.path])
        _ = try ok(["ceremony", "new", path("model.zkml"), "--ptau", ptau, "--out", path("k0.zkey")])
        // No contribution yet: export refuses.
        let early = try ZKMLBinary.run(["ceremony", "export", path("model.zkml"), "--ptau", ptau, "--key", path("k0.zkey"), "--out", directory.path])
        #expect(early.code == 2 && early.stderr.contains("no contribution yet"))
        let first = try ok(["ceremony", "contribute", path("k0.zkey"), "--out", path("k1.zkey"), "--name", "alice", "--json"])
        #expect(first.stdout.contains("\"contribution\" : 1"))
        _ = try ok(["ceremony", "contribute", path("k1.zkey"), "--out", path("k2.zkey"), "--name", "bob", "--entropy", "a passphrase"])
        _ = try ok(["ceremony", "contribute", path("k2.zkey"), "--out", path("k3.zkey"), "--name", "carol"])
        _ = try ok(["ceremony", "beacon", path("k3.zkey"), "--out", path("final.zkey"), "--iterations-exp", "10",
                    "--hash", "0000000000000000000219c0a1b7c1b0a3b4e5f60718293a4b5c6d7e8f901234"])
        let verified = try ok(["ceremony", "verify", path("model.zkml"), "--ptau", ptau, "--key", path("final.zkey")])
        #expect(verified.stdout.contains("contribution #1 alice") && verified.stdout.contains("contribution #3 carol")
                && verified.stdout.contains("valid: 4 contribution(s)"))

        // The same key against another powers of tau, and with a changed H point: exit 1, naming why.
        let other = try #require(Fixtures.url("ptau/pot10_final.ptau")).path
        let swapped = try ZKMLBinary.run(["ceremony", "verify", path("model.zkml"), "--ptau", other, "--key", path("final.zkey")])
        #expect(swapped.code == 1 && swapped.stdout.contains("INVALID"))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("final.zkey"))))
        let h = try #require(StructuredFuzzer.payloadOffset(bytes, type: 9))
        let first64 = Array(bytes[h ..< h + 64])
        bytes.replaceSubrange(h ..< h + 64, with: Array(bytes[h + 64 ..< h + 128]))
        bytes.replaceSubrange(h + 64 ..< h + 128, with: first64)
        try Data(bytes).write(to: URL(fileURLWithPath: path("tampered.zkey")))
        let tampered = try ZKMLBinary.run(["ceremony", "verify", path("model.zkml"), "--ptau", ptau, "--key", path("tampered.zkey")])
        #expect(tampered.code == 1 && tampered.stdout.contains("section 9 (H)"), "\(tampered.stdout)")
        // The initial key is consistent (exit 0) but has no contribution: the report says so.
        let initial = try ZKMLBinary.run(["ceremony", "verify", path("model.zkml"), "--ptau", ptau, "--key", path("k0.zkey"), "--json"])
        #expect(initial.code == 0 && initial.stdout.contains("\"contributions\" : [\n\n  ]") || initial.stdout.contains("\"contributions\" : []"),
                "\(initial.stdout)")
        // A truncated key: one line naming the file, exit 2.
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path("cut.zkey")))
        let cut = try ZKMLBinary.run(["ceremony", "verify", path("model.zkml"), "--ptau", ptau, "--key", path("cut.zkey")])
        #expect(cut.code == 2 && cut.stderr.hasPrefix("[ceremony] \(path("cut.zkey")): "), "\(cut.stderr)")

        let keys = directory.appendingPathComponent("keys").path
        _ = try ok(["ceremony", "export", path("model.zkml"), "--ptau", ptau, "--key", path("final.zkey"), "--out", keys])
        let vkJSON = try Data(contentsOf: URL(fileURLWithPath: keys + "/verification_key.json"))
        #expect(SetupProvenance(verificationKeyJSON: vkJSON) == .ceremony(contributions: 4, circuitHash: SetupProvenance.ceremonyRoot(vkJSON) ?? ""))
        _ = try ok(["prove", path("model.zkml"), "--pk", keys + "/pk.bin", "--input", model.appendingPathComponent("input.json").path,
                    "--proof", path("proof.json"), "--public", path("public.json")])
        _ = try ok(["verify", "--vk", keys + "/verification_key.json", "--proof", path("proof.json"), "--public", path("public.json")])
        // A ceremony key exports a contract without the development warning; a zkml setup key warns.
        let contract = try ok(["export-verifier", "--vk", keys + "/verification_key.json", "--out", path("Verifier.sol")])
        #expect(!contract.stderr.contains("development key"))
        let development = directory.appendingPathComponent("dev").path
        let setup = try ok(["setup", path("model.zkml"), "--out", development])
        #expect(setup.stderr.contains("development key"))
        let warned = try ok(["export-verifier", "--vk", development + "/verification_key.json", "--out", path("Dev.sol")])
        #expect(warned.stderr.contains("development key"))
    }
}

extension SetupProvenance {
    /// The transcript root a ceremony provenance records (for the test's comparison).
    static func ceremonyRoot(_ data: Data) -> String? {
        if case let .ceremony(_, root)? = SetupProvenance(verificationKeyJSON: data) { return root }
        return nil
    }
}

extension CeremonyCLITests {
    // Needs the zkml executable and the shared fixtures rapidsnark/{circuit_final.zkey,witness.wtns,
    // verification_key.json} and snarkjs/circuit/circuit.r1cs.
    @Test("prove a circom circuit with snarkjs's .zkey; verify with its verification_key.json and with the .zkey",
          .enabled(if: ZKMLBinary.isAvailable && Fixtures.available("rapidsnark/circuit_final.zkey", "rapidsnark/witness.wtns",
                                                                    "rapidsnark/verification_key.json", "snarkjs/circuit/circuit.r1cs"),
                   "needs the zkml binary and the rapidsnark fixtures"))
    func proveWithZkey() throws {
        let directory = try AtomicWriteTests.scratch("zkey-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let zkey = try #require(Fixtures.url("rapidsnark/circuit_final.zkey")).path
        let r1cs = try #require(Fixtures.url("snarkjs/circuit/circuit.r1cs")).path
        let wtns = try #require(Fixtures.url("rapidsnark/witness.wtns")).path
        let prove = try ZKMLBinary.run(["prove", r1cs, "--pk", zkey, "--wtns", wtns, "--proof", path("proof.json"), "--public", path("public.json")])
        #expect(prove.code == 0, "\(prove.stderr)")
        for vk in [try #require(Fixtures.url("rapidsnark/verification_key.json")).path, zkey] {
            let verify = try ZKMLBinary.run(["verify", "--vk", vk, "--proof", path("proof.json"), "--public", path("public.json")])
            #expect(verify.code == 0 && verify.stdout.hasPrefix("valid"), "\(vk): \(verify.stdout) \(verify.stderr)")
        }
        // The key of another circuit: one line naming the key, exit 2.
        let other = try #require(Fixtures.url("snarkjs/groth16-zkey/circuit.r1cs")).path
        let wrong = try ZKMLBinary.run(["prove", other, "--pk", zkey, "--wtns", wtns, "--proof", path("p2.json"), "--public", path("pub2.json")])
        #expect(wrong.code == 2 && wrong.stderr.hasPrefix("[groth16] \(zkey): the key is for 1003 wires"), "\(wrong.stderr)")
    }
}
