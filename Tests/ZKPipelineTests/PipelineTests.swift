import Foundation
import Testing
import ZKCompiler
import ZKConstraints
import ZKIO
import ZKField
import ZKGroth16
import ZKPipeline
import ZKQuant
import ZKTestSupport

enum PipelineFixtures {
    static let circuits = Fixtures.repository.appendingPathComponent("Circuits")

    static func onnx(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: circuits.appendingPathComponent(name).appendingPathComponent("network.onnx")))
    }

    static func input(_ name: String) throws -> [[Double]] {
        try EZKLJSON.inputRows(contentsOf: circuits.appendingPathComponent(name).appendingPathComponent("input.json"))
    }

    static func compile(_ name: String, visibility: InputVisibility = .public) throws -> CompiledModel {
        try Pipeline.compile(onnx: try onnx(name), file: "network.onnx", inputVisibility: visibility)
    }
}

/// compile → setup → prove → verify, and what must be rejected.
@Suite struct PipelineTests {
    /// Models proved end to end by default; the 28×28 ones only at the full test level.
    static let proved = TestLevel.isFull
        ? ["mlp_digits", "cnn_digits", "every_op", "mlp784", "lenet_digits28"] : ["mlp_digits", "cnn_digits", "every_op"]

    @Test(arguments: proved)
    func proveAndVerify(_ name: String) throws {
        let compiled = try PipelineFixtures.compile(name)
        let key = try Pipeline.setup(compiled, randomness: .insecureSeeded(7))
        let rows = try PipelineFixtures.input(name)
        let result = try Pipeline.prove(compiled, provingKey: key, inputRows: rows, randomness: .insecureSeeded(8))
        let inference = try QuantizedInference(model: result.model).run(input: try result.model.quantizeInputs(rows))
        #expect(result.outputs == inference.outputs)
        let prepared = try PreparedVerifyingKey(key.verifyingKey)
        #expect(Groth16.verify(result.proof, publicInputs: result.publicSignals, key: prepared) == .valid)

        // Changing a public input or any public output makes verification fail.
        let layout = compiled.settings.publicSignals
        var positions = [layout.outputs[0].offset, layout.count - 1]
        if let input = layout.inputs.first { positions.append(input.offset) }
        for position in positions {
            var forged = result.publicSignals
            forged[position] += .one
            #expect(Groth16.verify(result.proof, publicInputs: forged, key: prepared) != .valid, "\(name): signal \(position)")
        }
    }

    @Test func privateInputsProveOnlyOutputs() throws {
        let compiled = try PipelineFixtures.compile("mlp_digits", visibility: .private)
        // Ten 24-bit outputs: one packed word (zkml compile's default layout).
        #expect(compiled.settings.publicSignals.count == 10 && compiled.system.publicCount == 1)
        let key = try Pipeline.setup(compiled, randomness: .insecureSeeded(3))
        let result = try Pipeline.prove(compiled, provingKey: key, inputRows: try PipelineFixtures.input("mlp_digits"))
        #expect(result.publicSignals.count == 10)
        #expect(try Groth16.verify(result.proof, publicInputs: result.publicSignals, key: key.verifyingKey) == .valid)
    }

    @Test func verifyNamesTheModelAndDecodesOutputs() throws {
        let compiled = try PipelineFixtures.compile("mlp_digits")
        let key = try Pipeline.setup(compiled, randomness: .insecureSeeded(4))
        let result = try Pipeline.prove(compiled, provingKey: key, inputRows: try PipelineFixtures.input("mlp_digits"))
        let vk = Data(Pipeline.verificationKeyJSON(key.verifyingKey, compiled: compiled).utf8)
        // Still a valid snarkjs key.
        #expect(try SnarkJSON.verifyingKey(from: vk) == key.verifyingKey)
        let proof = Data(SnarkJSON.render(result.proof).utf8), signals = Data(SnarkJSON.render(publicSignals: result.publicSignals).utf8)
        let verified = try Pipeline.verify(verifyingKey: vk, keyPath: "vk", proof: proof, proofPath: "p", publicSignals: signals, publicPath: "s")
        #expect(verified.verdict == .valid)
        #expect(verified.model?.onnxSha256 == SHA256.hash(try PipelineFixtures.onnx("mlp_digits")).hexString)
        #expect(verified.model?.settingsSha256 == compiled.settings.settingsSha256)
        #expect(verified.outputs?.first?.integers == result.outputs[0].scalars)

        let forged = Data(SnarkJSON.render(publicSignals: result.publicSignals.enumerated().map { $0.offset == 70 ? $0.element + .one : $0.element }).utf8)
        let rejected = try Pipeline.verify(verifyingKey: vk, keyPath: "vk", proof: proof, proofPath: "p", publicSignals: forged, publicPath: "s")
        #expect(rejected.verdict != .valid && rejected.outputs == nil)
    }

    @Test func keyForAnotherModelIsRejected() throws {
        let mlp = try PipelineFixtures.compile("mlp_digits")
        let cnn = try PipelineFixtures.compile("cnn_digits")
        let key = try Pipeline.setup(cnn, randomness: .insecureSeeded(5))
        #expect(throws: PipelineError.self) {
            _ = try Pipeline.prove(mlp, provingKey: key, inputRows: try PipelineFixtures.input("mlp_digits"))
        }
    }

    @Test func storedCircuitThatTheModelDoesNotRebuildIsRejected() throws {
        // The settings and ONNX of an in-circuit-checked compile with the circuit of a
        // verifier-checked one: the prover's rebuilt circuit differs (input range checks), so it must refuse.
        let model = try PipelineFixtures.compile("mlp_digits")
        let other = try Pipeline.compile(onnx: try PipelineFixtures.onnx("mlp_digits"), file: "network.onnx", inputRangeCheck: .verifier)
        let mixed = CompiledModel(settings: model.settings, onnx: model.onnx, calibrationRows: [], system: other.system)
        let key = try Pipeline.setup(mixed, randomness: .insecureSeeded(6))
        do {
            _ = try Pipeline.prove(mixed, provingKey: key, inputRows: try PipelineFixtures.input("mlp_digits"))
            Issue.record("a stored circuit the model does not rebuild was accepted")
        } catch let error as PipelineError {
            guard case let .circuitMismatch(_, _, rebuilt) = error else { Issue.record("\(error)"); return }
            #expect(rebuilt == model.circuitHash.hexString)
        }
    }

    @Test func mockAcceptsAndNamesTheFailingNode() throws {
        let compiled = try PipelineFixtures.compile("mlp_digits")
        let good = try Pipeline.mock(compiled, inputRows: try PipelineFixtures.input("mlp_digits"))
        #expect(good.satisfied && good.failure == nil)
        // Pixels of 2000 are inside the 24-bit input range at scale 12, but overflow the first layer.
        let bad = try Pipeline.mock(compiled, inputRows: [[Double](repeating: 2000, count: 64)])
        #expect(!bad.satisfied)
        let failure = try #require(bad.failure)
        #expect(failure.contains("node "), "\(failure)")
        #expect(throws: (any Error).self) { _ = try Pipeline.prove(compiled, provingKey: try Pipeline.setup(compiled, randomness: .insecureSeeded(1)),
                                                                   inputRows: [[Double](repeating: 2000, count: 64)]) }
    }

    @Test func calibratedSixteenBitModelProves() throws {
        let samples = try JSONSerialization.jsonObject(with: Data(contentsOf: PipelineFixtures.circuits
            .appendingPathComponent("cnn_digits/samples.json"))) as? [String: Any]
        let rows = try #require(samples?["inputs"] as? [[Double]]).prefix(30)
        var configuration = QuantizationConfiguration()
        configuration.activationBits = 16
        let compiled = try Pipeline.compile(onnx: try PipelineFixtures.onnx("cnn_digits"), file: "network.onnx",
                                            configuration: configuration, calibrationRows: Array(rows))
        let wide = try PipelineFixtures.compile("cnn_digits")
        #expect(compiled.system.constraintCount < wide.system.constraintCount)
        #expect(compiled.settings.calibration?.rows == 30)
        #expect(compiled.settings.settingsSha256 != wide.settings.settingsSha256)
        let reread = try CompiledModel(serialized: compiled.serialized())
        #expect(reread.calibrationRows == Array(rows))
        #expect(try Pipeline.mock(reread, inputRows: try PipelineFixtures.input("cnn_digits")).satisfied)
    }
}
