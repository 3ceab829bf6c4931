import Foundation
import Testing
import ZKCompiler
import ZKField
import ZKGroth16
import ZKPipeline
import ZKPoseidon
import ZKQuant

/// Hashed visibility end to end: compile → setup → prove → verify, and `verify --input/--output`.
/// These runs compile with unsalted digests (`salting: []`, the compatibility path) unless told;
/// salted ones, the default, are in ``SaltedPipelineTests``.
@Suite struct HashedPipelineTests {
    struct Run {
        var vk: Data
        var proof: Data
        var signals: [BN254.Fr]
        var output: Data
        var compiled: CompiledModel
        var salts: DigestSalts
    }

    static func run(_ name: String, input: InputVisibility, output: OutputVisibility, parameters: ParameterVisibility = .fixed,
                    salting: DigestSalting = [], seed: UInt64) throws -> Run {
        let compiled = try Pipeline.compile(onnx: try PipelineFixtures.onnx(name), file: "network.onnx",
                                            inputVisibility: input, outputVisibility: output, parameterVisibility: parameters,
                                            salting: salting)
        let key = try Pipeline.setup(compiled, randomness: .insecureSeeded(seed))
        let result = try Pipeline.prove(compiled, provingKey: key, inputRows: try PipelineFixtures.input(name), randomness: .insecureSeeded(seed + 1))
        return Run(vk: Data(Pipeline.verificationKeyJSON(key.verifyingKey, compiled: compiled).utf8),
                   proof: Data(SnarkJSON.render(result.proof).utf8), signals: result.publicSignals,
                   output: try result.outputDocument(), compiled: compiled, salts: result.salts)
    }

    static func verify(_ run: Run, signals: [BN254.Fr]? = nil, input: Data? = nil, output: Data? = nil,
                       parameterCommitment: String? = nil) throws -> VerifyResult {
        try Pipeline.verify(verifyingKey: run.vk, keyPath: "verification_key.json", proof: run.proof, proofPath: "proof.json",
                            publicSignals: Data(SnarkJSON.render(publicSignals: signals ?? run.signals).utf8), publicPath: "public.json",
                            input: input, inputPath: "input.json", output: output, outputPath: "output.json",
                            parameterCommitment: parameterCommitment)
    }

    static func inputJSON(_ rows: [[Double]]) throws -> Data { try JSONSerialization.data(withJSONObject: ["input_data": rows]) }

    @Test func hashedInputAndOutputVerifyAndBind() throws {
        let run = try Self.run("mlp_digits", input: .hashed, output: .hashed, seed: 11)
        #expect(run.signals.count == 2)
        let rows = try PipelineFixtures.input("mlp_digits")
        let model = try run.compiled.quantizedModel()
        #expect(run.signals[0] == Poseidon.hash(integers: try model.quantizeInputs(rows)[0].scalars))

        let plain = try Self.verify(run)
        #expect(plain.verdict == .valid && plain.bindings.isEmpty && plain.outputs == [])
        #expect(plain.model?.inputVisibility == .hashed && plain.model?.outputVisibility == .hashed)

        let bound = try Self.verify(run, input: try Self.inputJSON(rows), output: run.output)
        #expect(bound.verdict == .valid)
        #expect(bound.bindings.map(\.matches) == [true, true])
        #expect(bound.bindings.map(\.form) == [.poseidon, .poseidon])

        // Another input, another output, or a forged digest: invalid.
        var changed = rows
        changed[0][5] += 0.01
        let wrongInput = try Self.verify(run, input: try Self.inputJSON(changed))
        #expect(wrongInput.verdict != .valid && wrongInput.bindings.first?.matches == false)
        var document = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])
        var integers = try #require(document["output_integers"] as? [[Int]])
        integers[0][3] += 1
        document["output_integers"] = integers
        let wrongOutput = try Self.verify(run, output: try JSONSerialization.data(withJSONObject: document))
        #expect(wrongOutput.verdict != .valid)
        for position in 0 ..< 2 {
            var forged = run.signals
            forged[position] += .one
            #expect(try Self.verify(run, signals: forged).verdict != .valid, "signal \(position)")
        }
    }

    /// `--output` also works without `output_integers` (floats at the output's scale), and for
    /// public tensors the check is element by element.
    @Test func publicTensorsAreCheckedElementByElement() throws {
        let run = try Self.run("mlp_digits", input: .public, output: .public, seed: 21)
        let rows = try PipelineFixtures.input("mlp_digits")
        var document = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])
        document["output_integers"] = nil
        let floats = try JSONSerialization.data(withJSONObject: document)
        let result = try Self.verify(run, input: try Self.inputJSON(rows), output: floats)
        #expect(result.verdict == .valid && result.bindings.map(\.form) == [.values, .values])
        var changed = rows
        changed[0][7] = 0.9
        let wrong = try Self.verify(run, input: try Self.inputJSON(changed))
        #expect(wrong.verdict != .valid)
        #expect(wrong.bindings.first?.detail?.contains("element 7") == true)
    }

    /// Private inputs cannot be checked, nor can a key that names no model: a clear error.
    @Test func unboundSidesAreErrors() throws {
        let run = try Self.run("mlp_digits", input: .private, output: .hashed, seed: 31)
        let rows = try PipelineFixtures.input("mlp_digits")
        #expect(throws: PipelineError.self) { _ = try Self.verify(run, input: try Self.inputJSON(rows)) }
        #expect(try Self.verify(run, output: run.output).verdict == .valid)
        var bare = run
        bare.vk = Data(SnarkJSON.render(try SnarkJSON.verifyingKey(from: run.vk)).utf8)
        #expect(throws: PipelineError.self) { _ = try Self.verify(bare, output: run.output) }
        #expect(throws: QuantError.self) { _ = try Self.verify(run, output: Data("{\"output_integers\": [[1, 2]]}".utf8)) }
    }

    /// Settings and keys written before hashed visibility (no `form`, no `output_visibility`)
    /// still read, with the defaults.
    @Test func olderSettingsStillDecode() throws {
        let compiled = try PipelineFixtures.compile("mlp_digits")
        var text = String(decoding: compiled.settings.json(pretty: false), as: UTF8.self)
        text = text.replacingOccurrences(of: ",\"form\":\"values\"", with: "").replacingOccurrences(of: "\"form\":\"values\",", with: "")
        text = text.replacingOccurrences(of: "\"output_visibility\":\"public\",", with: "")
        #expect(!text.contains("\"form\"") && !text.contains("output_visibility"))
        let settings = try ModelSettings(json: Data(text.utf8), path: "settings.json")
        #expect(settings == compiled.settings)
    }

    /// Private weights end to end: the key records the published commitment, verification checks
    /// it (or a given one), and the proof carries it as a public signal.
    @Test func hashedParametersProveAndBindTheCommitment() throws {
        let run = try Self.run("mlp_digits", input: .hashed, output: .public, parameters: .hashed, seed: 41)
        let settings = run.compiled.settings
        let commitment = try #require(settings.parameterCommitment)
        let model = try run.compiled.quantizedModel()
        #expect(commitment == ModelParameters(model: model).commitment().description)
        #expect(run.signals.count == 1 + 1 + 10 && run.signals[1].description == commitment)

        let verified = try Self.verify(run)
        #expect(verified.verdict == .valid)
        #expect(verified.model?.parameterVisibility == .hashed && verified.model?.parameterCommitment == commitment)
        #expect(verified.bindings.map(\.role) == [.parameters] && verified.bindings[0].matches)
        #expect(verified.outputs?.first?.integers.count == 10)
        #expect(try Self.verify(run, parameterCommitment: commitment).verdict == .valid)
        #expect(try Self.verify(run, parameterCommitment: "12345").verdict != .valid)
        #expect(throws: PipelineError.self) { _ = try Self.verify(run, parameterCommitment: "not a number") }
        var forged = run.signals
        forged[1] += .one
        #expect(try Self.verify(run, signals: forged).verdict != .valid)
        // The circuit (and so the keys) does not depend on the weight values.
        #expect(settings.settingsSha256 != (try PipelineFixtures.compile("mlp_digits")).settings.settingsSha256)
        let fixed = try Self.run("mlp_digits", input: .public, output: .public, seed: 43)
        #expect(throws: PipelineError.self) { _ = try Self.verify(fixed, parameterCommitment: commitment) }
    }
}
