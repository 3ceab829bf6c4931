import Foundation
import Testing
import ZKCompiler
import ZKConstraints
import ZKField
import ZKGroth16
import ZKPipeline
import ZKTestSupport

/// Packed public signals end to end (`zkml compile`'s default layout): the proof's signals are
/// the plain layout's bit for bit, the packing survives both key files, zkml's native verifier
/// rejects a signal outside its packed width or a wrong count, and a malformed
/// `zkml_public_packing` is an error naming the field.
@Suite struct PackedPipelineTests {
    @Test func packedProofHasThePlainSignalsAndTheNativeVerifierChecksWidths() throws {
        let packed = try PipelineFixtures.compile("mlp_digits")
        let plain = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx", publicPacking: .plain)
        let packing = try #require(packed.settings.publicSignals.packing)
        #expect(plain.settings.publicSignals.packing == nil)
        #expect(packing.valueCount == 74 && packing.wordCount == 8 && packed.system.publicCount == 8)
        // One linear constraint per word, nothing else (the inputs were range-checked already).
        #expect(packed.system.constraintCount - plain.system.constraintCount == 8)

        let key = try Pipeline.setup(packed, randomness: .insecureSeeded(36))
        #expect(key.verifyingKey.packing == packing)
        let rows = try PipelineFixtures.input("mlp_digits")
        let result = try Pipeline.prove(packed, provingKey: key, inputRows: rows)
        let plainResult = try Pipeline.prove(plain, provingKey: try Pipeline.setup(plain, randomness: .insecureSeeded(36)), inputRows: rows)
        #expect(result.publicSignals == plainResult.publicSignals, "packing changes the encoding, not the statement's signals")

        let vk = key.verifyingKey
        #expect(try KeyFile.verifyingKey(from: KeyFile.serialize(vk), path: "vk.bin") == vk)
        let json = Data(Pipeline.verificationKeyJSON(vk, compiled: packed).utf8)
        #expect(try SnarkJSON.verifyingKey(from: json, path: "verification_key.json") == vk)

        func verdict(_ signals: [BN254.Fr]) throws -> Groth16.Verdict {
            try Pipeline.verify(verifyingKey: json, keyPath: "verification_key.json", proof: Data(SnarkJSON.render(result.proof).utf8),
                                proofPath: "proof.json", publicSignals: Data(SnarkJSON.render(publicSignals: signals).utf8),
                                publicPath: "public.json").verdict
        }
        #expect(try verdict(result.publicSignals) == .valid)
        var outside = result.publicSignals
        outside[3] = BN254.powersOfTwo[23]  // one past the 24-bit range
        guard case let .invalid(reason) = try verdict(outside) else { Issue.record("out of range accepted"); return }
        #expect(reason.contains("public signal 3") && reason.contains("packed signed 24-bit range"))
        guard case let .invalid(countReason) = try verdict(Array(result.publicSignals.dropLast())) else { Issue.record("short list accepted"); return }
        #expect(countReason.contains("74 public signals (packed into 8 words)"))
        // The words themselves are not the statement's signals.
        #expect(try verdict(packing.pack(result.publicSignals)!) != .valid)
    }

    @Test func malformedPackingIsNamed() throws {
        let compiled = try PipelineFixtures.compile("mlp_digits")
        let vk = try Pipeline.setup(compiled, randomness: .insecureSeeded(37)).verifyingKey
        let object = try #require(try JSONSerialization.jsonObject(with: Data(SnarkJSON.render(vk).utf8)) as? [String: Any])
        #expect((object["zkml_public_packing"] as? [String: Any])?["values"] as? Int == 74)
        func key(packing: [String: Any]) throws -> Data {
            var changed = object
            changed["zkml_public_packing"] = packing
            return try JSONSerialization.data(withJSONObject: changed)
        }
        let base: [String: Any] = ["version": 1, "word_bits": 253, "values": 74, "runs": [[74, 24]]]
        #expect(try SnarkJSON.verifyingKey(from: key(packing: base), path: "vk.json") == vk)
        func with(_ field: String, _ value: Any) -> [String: Any] { base.merging([field: value]) { $1 } }
        for (packing, expected) in [
            (with("runs", [[74, 249]]), "zkml_public_packing: run 0"),
            (with("runs", [[73, 24]]), "the runs cover 73 values, not 74"),
            (with("runs", [[74, 23]]), "pack into 7 words but the key has 8"),
            (with("runs", [[74, "24"]]), "zkml_public_packing.runs[0]"),
            (with("version", 2), "zkml_public_packing.version"),
            (with("word_bits", 254), "zkml_public_packing.word_bits"),
            // A value count no key could pack is refused before anything is allocated.
            (with("values", 1_000_000_000_000), "cannot pack into 8 words"),
        ] {
            #expect {
                _ = try SnarkJSON.verifyingKey(from: key(packing: packing), path: "vk.json")
            } throws: { error in
                "\(error)".contains("vk.json") && "\(error)".contains(expected)
            }
        }
    }
}

/// The packing's command-line errors: one line naming the problem, exit 2, nothing written.
@Suite struct PackedCLITests {
    @Test("packed + verifier-side input checks, a verifier too large to deploy, --packed without a key",
          .enabled(if: ZKMLBinary.isAvailable, "needs the zkml binary beside the tests (or ZKML_BINARY)"))
    func refusals() throws {
        let directory = try AtomicWriteTests.scratch("packed-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let onnx = PipelineFixtures.circuits.appendingPathComponent("mlp_digits/network.onnx").path

        let compile = try ZKMLBinary.run(["compile", onnx, "--out", path("build"), "--public-layout", "packed", "--input-range-check", "verifier"])
        #expect(compile.code == 2 && compile.stderr.split(separator: "\n").count == 1)
        #expect(compile.stderr.contains("[pipeline] packed public signals need the input range checks in the circuit"))
        #expect(!FileManager.default.fileExists(atPath: path("build/model.zkml")))

        // A plain key of 794 public signals (LeNet-5's count): its IC points repeated.
        let plain = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx", publicPacking: .plain)
        let vk = try Pipeline.setup(plain, randomness: .insecureSeeded(38)).verifyingKey
        var object = try #require(try JSONSerialization.jsonObject(with: Data(SnarkJSON.render(vk).utf8)) as? [String: Any])
        let ic = try #require(object["IC"] as? [Any])
        object["IC"] = (0 ... 794).map { ic[$0 % ic.count] }
        object["nPublic"] = 794
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path("big.json")))
        let export = try ZKMLBinary.run(["export-verifier", "--vk", path("big.json"), "--out", path("Verifier.sol")])
        #expect(export.code == 2 && export.stderr.split(separator: "\n").count == 1, "\(export.stderr)")
        #expect(export.stderr.contains("above EIP-170's 24576") && export.stderr.contains("--public-layout packed"))
        #expect(!FileManager.default.fileExists(atPath: path("Verifier.sol")))
        let forced = try ZKMLBinary.run(["export-verifier", "--vk", path("big.json"), "--out", path("Verifier.sol"), "--no-size-check"])
        #expect(forced.code == 0 && FileManager.default.fileExists(atPath: path("Verifier.sol")))
    }
}
