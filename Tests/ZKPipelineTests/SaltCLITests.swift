import Foundation
import Testing
import ZKCompiler
import ZKPipeline
import ZKTestSupport

/// Salts through the real `zkml` binary: `prove` writes `salt.json` with owner-only permissions,
/// `verify --salt` opens the digests, and every misuse is one line and the documented exit code.
@Suite struct SaltCLITests {
    // Needs the zkml executable built beside the test bundle (or $ZKML_BINARY).
    @Test("prove writes salt.json 0600; verify opens with it, refuses without it, rejects a wrong one",
          .enabled(if: ZKMLBinary.isAvailable, "needs the zkml binary beside the tests (or ZKML_BINARY)"))
    func saltFileLifecycle() throws {
        let directory = try AtomicWriteTests.scratch("salt-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let model = PipelineFixtures.circuits.appendingPathComponent("mlp_digits")
        let input = model.appendingPathComponent("input.json").path
        func ok(_ arguments: [String]) throws -> ZKMLBinary.Outcome {
            let outcome = try ZKMLBinary.run(arguments)
            #expect(outcome.code == 0, "\(arguments.prefix(2)): \(outcome.stderr)")
            return outcome
        }
        let compiled = try ok(["compile", model.appendingPathComponent("network.onnx").path, "--out", directory.path,
                               "--input-visibility", "hashed", "--output-visibility", "hashed"])
        #expect(compiled.stdout.contains("salted digests: inputs,outputs") && compiled.stderr.isEmpty)
        _ = try ok(["setup", path("model.zkml"), "--out", directory.path, "--insecure-seed", "5"])
        let prove = ["prove", path("model.zkml"), "--pk", path("pk.bin"), "--input", input, "--proof", path("proof.json"),
                     "--public", path("public.json"), "--output", path("output.json")]
        _ = try ok(prove)
        let attributes = try FileManager.default.attributesOfItem(atPath: path("salt.json"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let salts = try DigestSalts(json: try Data(contentsOf: URL(fileURLWithPath: path("salt.json"))), path: "salt.json")
        #expect(salts.entries.map(\.name) == ["input", "logits"])

        let verify = ["verify", "--vk", path("verification_key.json"), "--proof", path("proof.json"), "--public", path("public.json")]
        #expect(try ZKMLBinary.run(verify).code == 0)  // nothing opened: no salt needed
        let opened = try ok(verify + ["--input", input, "--output", path("output.json"), "--salt", path("salt.json")])
        #expect(opened.stdout.contains("input 'input' matches the proof (salted poseidon digest)"))

        let missing = try ZKMLBinary.run(verify + ["--input", input])
        #expect(missing.code == 2 && missing.stderr.split(separator: "\n").count == 1)
        #expect(missing.stderr.hasPrefix("[pipeline] \(input): input 'input' is committed with a salt"))

        var wrong = salts
        wrong.entries[0].salt += .one
        try wrong.json().write(to: URL(fileURLWithPath: path("wrong.json")))
        let rejected = try ZKMLBinary.run(verify + ["--input", input, "--salt", path("wrong.json")])
        #expect(rejected.code == 1 && rejected.stdout.hasPrefix("invalid: input 'input' does not match the proof"))

        // A malformed salt file: one line naming the file and the field, exit 2, nothing written.
        try Data(#"{"format": "zkml-salt", "version": 1, "salts": [{"role": "input", "name": "input", "salt": "-3"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: path("bad.json")))
        let again = ["prove", path("model.zkml"), "--pk", path("pk.bin"), "--input", input, "--proof", path("p2.json"),
                     "--public", path("pub2.json"), "--salt-out", path("s2.json")]
        let bad = try ZKMLBinary.run(again + ["--salt", path("bad.json")])
        #expect(bad.code == 2 && bad.stderr.split(separator: "\n").count == 1)
        #expect(bad.stderr.hasPrefix("[pipeline] \(path("bad.json")): salts[0].salt: '-3' is not a salt"))
        for name in ["p2.json", "pub2.json", "s2.json"] { #expect(!FileManager.default.fileExists(atPath: path(name)), "\(name) written") }
        #expect(AtomicWriteTests.temporaryFiles(in: directory).isEmpty)

        // Reuse: the same salts, the same digests.
        _ = try ok(again + ["--salt", path("salt.json")])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("pub2.json"))) == (try Data(contentsOf: URL(fileURLWithPath: path("public.json")))))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("s2.json"))) == (try Data(contentsOf: URL(fileURLWithPath: path("salt.json")))))

        // Unsalted compilation: compile warns, prove writes no salt and refuses --salt.
        let plain = directory.appendingPathComponent("plain")
        let unsalted = try ok(["compile", model.appendingPathComponent("network.onnx").path, "--out", plain.path,
                               "--input-visibility", "hashed", "--salt", "none"])
        #expect(unsalted.stderr.contains("[zkml] warning: unsalted digests (inputs)"))
        let refused = try ZKMLBinary.run(["prove", plain.appendingPathComponent("model.zkml").path, "--pk", path("pk.bin"), "--input", input,
                                          "--proof", path("p3.json"), "--public", path("pub3.json"), "--salt", path("salt.json")])
        #expect(refused.code == 2 && refused.stderr.contains("the model has no salted input or output digest"))
        let badFlag = try ZKMLBinary.run(["compile", model.appendingPathComponent("network.onnx").path, "--out", plain.path, "--salt", "input"])
        #expect(badFlag.code != 0)
    }
}
