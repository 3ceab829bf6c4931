import Foundation
import Testing
import ZKCompiler
import ZKField
import ZKGroth16
import ZKPipeline
import ZKPoseidon
import ZKQuant

/// Salted digests end to end: `Pipeline.compile` salts hashed tensors by default, `prove` draws
/// (or reuses) the salts and returns them, `verify --input/--output` opens a salted digest only
/// with its salt, and `salt.json` round-trips and rejects malformed files naming the field.
@Suite struct SaltedPipelineTests {
    static func verify(_ run: HashedPipelineTests.Run, input: Data? = nil, output: Data? = nil, salt: Data? = nil) throws -> VerifyResult {
        try Pipeline.verify(verifyingKey: run.vk, keyPath: "verification_key.json", proof: run.proof, proofPath: "proof.json",
                            publicSignals: Data(SnarkJSON.render(publicSignals: run.signals).utf8), publicPath: "public.json",
                            input: input, inputPath: "input.json", output: output, outputPath: "output.json",
                            salt: salt, saltPath: "salt.json")
    }

    @Test func hashedTensorsAreSaltedByDefaultAndOpenWithTheirSalts() throws {
        let run = try HashedPipelineTests.run("mlp_digits", input: .hashed, output: .hashed, salting: .all, seed: 51)
        let settings = run.compiled.settings
        #expect(settings.salting == [.inputs, .outputs])
        #expect(settings.publicSignals.entries.map(\.salted) == [true, true])
        let salts = run.salts
        #expect(salts.entries.map(\.role) == [.input, .output])
        let rows = try PipelineFixtures.input("mlp_digits")
        let model = try run.compiled.quantizedModel()
        let quantized = try model.quantizeInputs(rows)[0].scalars
        let inputSalt = try #require(salts.salt(role: .input, name: "input"))
        #expect(run.signals[0] == Poseidon.hash(integers: quantized, salt: inputSalt))
        #expect(run.signals[0] != Poseidon.hash(integers: quantized))

        // Without opening anything the proof verifies; opening needs the salt.
        #expect(try Self.verify(run).verdict == .valid)
        let input = try HashedPipelineTests.inputJSON(rows)
        #expect(throws: PipelineError.notBound(path: "input.json", detail: "input 'input' is committed with a salt: give --salt salt.json (written by zkml prove) to open it")) {
            _ = try Self.verify(run, input: input)
        }
        let opened = try Self.verify(run, input: input, output: run.output, salt: salts.json())
        #expect(opened.verdict == .valid && opened.bindings.map(\.matches) == [true, true])
        #expect(opened.bindings.map(\.salted) == [true, true] && opened.bindings[0].summary == "input 'input' matches the proof (salted poseidon digest)")

        // A wrong salt fails to open, naming the tensor; so does another input with the right salt.
        var wrong = salts
        wrong.entries[0].salt += .one
        let wrongSalt = try Self.verify(run, input: input, salt: wrong.json())
        guard case let .invalid(reason) = wrongSalt.verdict else { Issue.record("a wrong salt opened the digest"); return }
        #expect(reason.contains("input 'input' does not match the proof") && reason.contains("with this salt"))
        var changed = rows
        changed[0][5] += 0.01
        #expect(try Self.verify(run, input: try HashedPipelineTests.inputJSON(changed), salt: salts.json()).verdict != .valid)
        // The output's salt does not open the input.
        var crossed = salts
        crossed.entries[0].salt = salts.entries[1].salt
        #expect(try Self.verify(run, input: input, salt: crossed.json()).verdict != .valid)
        // A salt file without the tensor's salt, or a salt given with nothing to open: errors.
        let outputOnly = DigestSalts(entries: [salts.entries[1]])
        #expect(throws: PipelineError.notBound(path: "salt.json", detail: "no salt for input 'input'")) {
            _ = try Self.verify(run, input: input, salt: outputOnly.json())
        }
        #expect(throws: PipelineError.self) { _ = try Self.verify(run, salt: salts.json()) }
    }

    /// Reused salts give the same digests (the oracle pattern: one input committed once, proved
    /// many times); fresh salts give unrelated ones.
    @Test func saltsAreReusableAndFreshOnesDiffer() throws {
        let compiled = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx", inputVisibility: .hashed)
        let key = try Pipeline.setup(compiled, randomness: .insecureSeeded(61))
        let rows = try PipelineFixtures.input("mlp_digits")
        let first = try Pipeline.prove(compiled, provingKey: key, inputRows: rows, randomness: .insecureSeeded(62))
        let second = try Pipeline.prove(compiled, provingKey: key, inputRows: rows, randomness: .insecureSeeded(62))
        #expect(first.salts.entries.count == 1 && first.salts != second.salts)
        #expect(first.publicSignals[0] != second.publicSignals[0])
        #expect(first.publicSignals[1...] == second.publicSignals[1...])  // public outputs
        let reused = try Pipeline.prove(compiled, provingKey: key, inputRows: rows, salts: first.salts, randomness: .insecureSeeded(63))
        #expect(reused.salts == first.salts && reused.publicSignals == first.publicSignals)
        // A file read back carries the same salts; salts for tensors the model lacks are ignored.
        var file = try DigestSalts(json: first.salts.json(), path: "salt.json")
        #expect(file == first.salts)
        file.entries.append(.init(role: .input, name: "another model's input", salt: .one))
        let shared = try Pipeline.prove(compiled, provingKey: key, inputRows: rows, salts: file, randomness: .insecureSeeded(64))
        #expect(shared.publicSignals == first.publicSignals && shared.salts == first.salts)
    }

    /// `--salt none` (compatibility): the unsalted digest of before, which anyone can recompute
    /// from a candidate input; the settings and layout say so.
    @Test func unsaltedDigestsRemainAvailable() throws {
        let compiled = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx",
                                            inputVisibility: .hashed, outputVisibility: .hashed, salting: [])
        #expect(compiled.settings.saltedDigests == nil && !compiled.settings.publicSignals.hasSalts)
        #expect(!String(decoding: compiled.settings.json(), as: UTF8.self).contains("salted"))
        let key = try Pipeline.setup(compiled, randomness: .insecureSeeded(71))
        let rows = try PipelineFixtures.input("mlp_digits")
        let result = try Pipeline.prove(compiled, provingKey: key, inputRows: rows, randomness: .insecureSeeded(72))
        #expect(result.salts.entries.isEmpty)
        let model = try compiled.quantizedModel()
        #expect(result.publicSignals[0] == Poseidon.hash(integers: try model.quantizeInputs(rows)[0].scalars))
        // Salted and unsalted compilations are different circuits with different settings hashes.
        let salted = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx",
                                          inputVisibility: .hashed, outputVisibility: .hashed)
        #expect(salted.settings.circuit.sha256 != compiled.settings.circuit.sha256)
        #expect(salted.settings.settingsSha256 != compiled.settings.settingsSha256)
        #expect(salted.settings.circuit.constraints > compiled.settings.circuit.constraints)
    }

    /// Settings and layouts written before salts (no `salted_digests`, no `salted`) read as unsalted.
    @Test func olderSettingsReadAsUnsalted() throws {
        let compiled = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx",
                                            inputVisibility: .hashed, outputVisibility: .hashed)
        var text = String(decoding: compiled.settings.json(pretty: false), as: UTF8.self)
        #expect(text.contains("\"salted\":true") && text.contains("\"salted_digests\":[\"inputs\",\"outputs\"]"))
        text = text.replacingOccurrences(of: ",\"salted\":true", with: "").replacingOccurrences(of: "\"salted_digests\":[\"inputs\",\"outputs\"],", with: "")
        #expect(!text.contains("salted"))
        let settings = try ModelSettings(json: Data(text.utf8), path: "settings.json")
        #expect(settings.salting.isEmpty && !settings.publicSignals.hasSalts)
    }

    /// Hashed parameters are salted by default: the commitment recorded at compile time is
    /// `commitment(salt:)` with the model's salt, kept in model.zkml (not in settings.json), and
    /// every proof carries it. `salting: []` keeps the commitment anyone can recompute.
    @Test func saltedParameterCommitmentIsTheModelsIdentity() throws {
        let onnx = try PipelineFixtures.onnx("mlp_digits")
        let compiled = try Pipeline.compile(onnx: onnx, file: "network.onnx", parameterVisibility: .hashed)
        let salt = try #require(compiled.parameterSalt)
        let model = try compiled.quantizedModel()
        let parameters = ModelParameters(model: model)
        #expect(compiled.settings.parameterCommitment == parameters.commitment(salt: salt).description)
        #expect(!String(decoding: compiled.settings.json(), as: UTF8.self).contains(salt.description))
        let reread = try CompiledModel(serialized: compiled.serialized())
        #expect(reread.parameterSalt == salt)
        let key = try Pipeline.setup(reread, randomness: .insecureSeeded(81))
        let result = try Pipeline.prove(reread, provingKey: key, inputRows: try PipelineFixtures.input("mlp_digits"), randomness: .insecureSeeded(82))
        #expect(result.salts.entries.isEmpty)  // the parameter salt is the model's, not the proof's
        let offset = try #require(compiled.settings.publicSignals.parameters).offset
        #expect(result.publicSignals[offset].description == compiled.settings.parameterCommitment)
        let vk = Data(Pipeline.verificationKeyJSON(key.verifyingKey, compiled: compiled).utf8)
        let verified = try Pipeline.verify(verifyingKey: vk, keyPath: "vk.json", proof: Data(SnarkJSON.render(result.proof).utf8),
                                           proofPath: "proof.json", publicSignals: Data(SnarkJSON.render(publicSignals: result.publicSignals).utf8),
                                           publicPath: "public.json")
        #expect(verified.verdict == .valid && verified.bindings.map(\.matches) == [true])
        // Two compilations: two salts, two commitments for the same weights.
        let again = try Pipeline.compile(onnx: onnx, file: "network.onnx", parameterVisibility: .hashed)
        #expect(again.settings.parameterCommitment != compiled.settings.parameterCommitment)
        #expect(again.settings.circuit.sha256 == compiled.settings.circuit.sha256)
        // Explicitly unsalted: reproducible by anyone with the weights.
        let open = try Pipeline.compile(onnx: onnx, file: "network.onnx", parameterVisibility: .hashed, salting: [.inputs, .outputs])
        #expect(open.parameterSalt == nil && open.settings.parameterCommitment == parameters.commitment().description)
        // A model.zkml whose salted commitment lost its salt section is refused.
        var stripped = compiled
        stripped.parameterSalt = nil
        #expect(throws: PipelineError.self) { _ = try CompiledModel(serialized: stripped.serialized()) }
    }

    @Test func saltFilesRoundTripAndMalformedOnesNameTheField() throws {
        var generator = SeededGenerator(seed: 91)
        let salts = DigestSalts(entries: [.init(role: .input, name: "x", salt: Poseidon.randomSalt(using: &generator)),
                                          .init(role: .output, name: "y", salt: Poseidon.randomSalt(using: &generator))])
        #expect(try DigestSalts(json: salts.json(), path: "s.json") == salts)
        let top = (BN254.powersOfTwo[248]).description
        let cases: [(String, String)] = [
            ("[]", "s.json: (file): expected a JSON object"),
            ("{\"format\": \"zkml-salt\", \"version\": 1", "s.json: (file): not JSON"),
            ("{\"format\": \"other\", \"version\": 1, \"salts\": []}", "s.json: format: expected \"zkml-salt\""),
            ("{\"format\": \"zkml-salt\", \"version\": 2, \"salts\": []}", "s.json: version: expected 1"),
            ("{\"format\": \"zkml-salt\", \"version\": 1}", "s.json: salts: expected an array"),
            ("{\"format\": \"zkml-salt\", \"version\": 1, \"salts\": [{\"role\": \"in\", \"name\": \"x\", \"salt\": \"1\"}]}", "s.json: salts[0].role: "),
            ("{\"format\": \"zkml-salt\", \"version\": 1, \"salts\": [{\"role\": \"input\", \"salt\": \"1\"}]}", "s.json: salts[0].name: "),
            ("{\"format\": \"zkml-salt\", \"version\": 1, \"salts\": [{\"role\": \"input\", \"name\": \"x\", \"salt\": 1}]}", "s.json: salts[0].salt: expected a string"),
            ("{\"format\": \"zkml-salt\", \"version\": 1, \"salts\": [{\"role\": \"input\", \"name\": \"x\", \"salt\": \"\(top)\"}]}", "s.json: salts[0].salt: '\(top)' is not a salt"),
            ("{\"format\": \"zkml-salt\", \"version\": 1, \"salts\": [{\"role\": \"input\", \"name\": \"x\", \"salt\": \"1\"}, {\"role\": \"input\", \"name\": \"x\", \"salt\": \"2\"}]}", "s.json: salts[1]: a second salt"),
        ]
        for (text, message) in cases {
            do {
                _ = try DigestSalts(json: Data(text.utf8), path: "s.json")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description) does not start with \(message)")
                #expect(!error.description.contains("\n"))
            }
        }
    }
}
