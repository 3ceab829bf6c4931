import Foundation
import Testing
import ZKCompiler
import ZKConstraints
import ZKIO
import ZKPipeline
import ZKQuant

/// The `model.zkml` container: round trip, integrity, versioning, settings.
@Suite struct ArtifactTests {
    @Test func roundTrip() throws {
        let compiled = try PipelineFixtures.compile("cnn_digits")
        let bytes = compiled.serialized()
        let reread = try CompiledModel(serialized: bytes)
        #expect(reread.settings == compiled.settings)
        #expect(reread.onnx == compiled.onnx)
        #expect(reread.system == compiled.system)
        #expect(reread.serialized() == bytes)
        #expect(compiled.settings.model.onnxSha256 == SHA256.hash(try PipelineFixtures.onnx("cnn_digits")).hexString)
        #expect(compiled.settings.circuit.sha256 == compiled.system.contentHash.hexString)
    }

    @Test func compilationIsDeterministic() throws {
        let a = try PipelineFixtures.compile("every_op").serialized()
        let b = try PipelineFixtures.compile("every_op").serialized()
        #expect(a == b)
    }

    @Test func corruptionIsDetected() throws {
        let bytes = try PipelineFixtures.compile("mlp_digits").serialized()
        var flipped = bytes
        flipped[bytes.count / 2] ^= 1
        #expect(throws: PipelineError.artifactHashMismatch(path: "m")) { _ = try CompiledModel(serialized: flipped, path: "m") }
        var version = bytes
        version[4] = 9
        #expect(throws: PipelineError.unsupportedVersion(path: "m", version: 9)) { _ = try CompiledModel(serialized: version, path: "m") }
        #expect(throws: PipelineError.self) { _ = try CompiledModel(serialized: Array(bytes.prefix(40)), path: "m") }
        #expect(throws: PipelineError.self) { _ = try CompiledModel(serialized: Array("r1cs".utf8) + bytes.dropFirst(4), path: "m") }
    }

    /// The calibration section: rows of any length round-trip bit for bit; a section that claims
    /// more than it holds is a named error, not a crash or a short read.
    @Test func calibrationRowsRoundTripAndTruncationIsNamed() throws {
        var compiled = try PipelineFixtures.compile("mlp_digits")
        compiled.calibrationRows = [[1.5, -2.0, .leastNonzeroMagnitude], [], [3.25]]
        let bytes = compiled.serialized()
        #expect(try CompiledModel(serialized: bytes).calibrationRows == compiled.calibrationRows)
        let table = try SectionTable(bytes: bytes, magic: Array("ZKML".utf8), notThisKind: "not model.zkml", path: "m",
                                     versions: [1], repeats: .allowed, trailingHash: true)
        for truncated in [[UInt8](repeating: 0, count: 7), [2, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]] {
            let sections = (1 ... 5).compactMap { type -> (type: UInt32, payload: [UInt8])? in
                guard let range = table[UInt32(type)] else { return nil }
                return (UInt32(type), type == 3 ? truncated : Array(bytes[range]))
            }
            let file = SectionedFile(magic: Array("ZKML".utf8), version: 1, sections: sections, integrity: .trailingHash).serialized()
            #expect(throws: PipelineError.malformedArtifact(path: "m", detail: "calibration section is truncated")) {
                _ = try CompiledModel(serialized: file, path: "m")
            }
        }
    }

    @Test func settingsJSONRoundTripsAndIsSnakeCase() throws {
        let settings = try PipelineFixtures.compile("mlp_digits").settings
        let text = String(decoding: settings.json(), as: UTF8.self)
        #expect(text.contains("\"onnx_sha256\""))
        #expect(text.contains("\"settings_sha256\""))
        #expect(text.contains("\"constraints_per_node\""))
        #expect(try ModelSettings(json: settings.json(), path: "settings.json") == settings)
    }

    @Test func settingsHashFollowsTheSettings() throws {
        let onnx = try PipelineFixtures.onnx("mlp_digits")
        let base = try Pipeline.compile(onnx: onnx, file: "a.onnx")
        let renamed = try Pipeline.compile(onnx: onnx, file: "b.onnx")
        let hidden = try Pipeline.compile(onnx: onnx, file: "a.onnx", inputVisibility: .private)
        var configuration = QuantizationConfiguration()
        configuration.activationBits = 20
        let narrow = try Pipeline.compile(onnx: onnx, file: "a.onnx", configuration: configuration)
        #expect(base.settings.settingsSha256 == renamed.settings.settingsSha256)
        #expect(base.settings.settingsSha256 != hidden.settings.settingsSha256)
        #expect(base.settings.settingsSha256 != narrow.settings.settingsSha256)
        #expect(base.settings.circuit.sha256 != narrow.settings.circuit.sha256)
    }
}
