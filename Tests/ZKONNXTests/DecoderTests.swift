import Foundation
import Testing
@testable import ZKONNX
import ZKTestSupport

@Suite struct DecoderTests {
    @Test func decodesTheDigitsMLP() throws {
        let model = try ONNXModel(serializedBytes: try Fixtures.modelBytes("mlp_digits"))
        #expect(model.opsets[""] == 13)
        #expect(model.graph.inputs.map(\.name) == ["input"])
        #expect(model.graph.inputs[0].shape == [.symbolic("batch"), .fixed(64)])
        #expect(model.graph.nodes.map(\.opType) == ["Gemm", "Relu", "Gemm"])
        #expect(model.graph.initializers["fc0.weight"]?.shape == [32, 64])
        let resolved = try model.graph.resolved()
        #expect(resolved.inputs[0].shape == [1, 64])
        #expect(resolved.outputs[0].shape == [1, 10])
    }

    @Test func symbolicBatchFromTheCaller() throws {
        let model = try ONNXModel(serializedBytes: try Fixtures.modelBytes("mlp_digits"))
        let resolved = try model.graph.resolved(inputShapes: ["input": [5, 64]])
        #expect(resolved.outputs[0].shape == [5, 10])
        #expect(throws: ONNXError.self) { try model.graph.resolved(inputShapes: ["input": [5, 63]]) }
    }

    @Test func foldsShapeOnlySubgraphs() throws {
        let model = try ONNXModel(serializedBytes: try Fixtures.modelBytes("every_op"))
        let resolved = try model.graph.resolved()
        let remaining = Set(resolved.nodes.map(\.opType))
        #expect(!remaining.contains("Shape") && !remaining.contains("Gather") && !remaining.contains("Constant"))
        #expect(resolved.foldedNodeCount >= 5)
        #expect(resolved.constants["newshape"]?.scalars == [1, -1])
        #expect(resolved.shapes["rs"] == [1, 128])
    }

    @Test func malformedBytesAreATypedError() {
        #expect(throws: ONNXError.self) { try ONNXModel(serializedBytes: [0xFF, 0xFF, 0xFF, 0xFF]) }
        #expect(throws: ONNXError.self) { try ONNXModel(serializedBytes: []) }
        #expect(throws: ONNXError.self) { try ONNXModel(serializedBytes: Array("hello, not a model".utf8)) }
    }

    @Test func truncatedFileIsATypedError() throws {
        let bytes = try Fixtures.modelBytes("mlp_digits")
        for cut in [1, 10, bytes.count / 2, bytes.count - 3] {
            #expect(throws: ONNXError.self) {
                _ = try ONNXModel(serializedBytes: Array(bytes[..<cut])).graph.resolved()
            }
        }
    }

    @Test func unsupportedOperatorNamesNodeOpAndOpset() throws {
        let bytes = try ProtoBuilder.model(
            nodes: [ProtoBuilder.node("unique_1", "Unique", ["x"], ["y"])],
            inputs: [ProtoBuilder.valueInfo("x", [1, 4])], outputs: [ProtoBuilder.valueInfo("y", [1, 4])], opset: 17)
        let model = try ONNXModel(serializedBytes: bytes)
        #expect(throws: ONNXError.unsupportedOperator(node: "unique_1", opType: "Unique", opset: 17)) {
            try model.graph.resolved()
        }
        let message = String(describing: ONNXError.unsupportedOperator(node: "unique_1", opType: "Unique", opset: 17))
        #expect(message.contains("unique_1") && message.contains("Unique") && message.contains("17"))
    }

    @Test func externalDataIsRejected() throws {
        var weight = ProtoBuilder.tensor("w", [2], [])
        weight.dataLocation = .external
        var entry = Onnx_StringStringEntryProto()
        entry.key = "location"
        entry.value = "weights.bin"
        weight.externalData = [entry]
        let bytes = try ProtoBuilder.model(
            nodes: [ProtoBuilder.node("add", "Add", ["x", "w"], ["y"])], initializers: [weight],
            inputs: [ProtoBuilder.valueInfo("x", [2])], outputs: [ProtoBuilder.valueInfo("y", [2])])
        #expect(throws: ONNXError.externalData(tensor: "w")) { try ONNXModel(serializedBytes: bytes) }
    }

    @Test func unsupportedDataTypeIsRejected() throws {
        var strings = Onnx_TensorProto()
        strings.name = "s"
        strings.dims = [1]
        strings.dataType = 8
        strings.stringData = [Data("a".utf8)]
        let bytes = try ProtoBuilder.model(
            nodes: [ProtoBuilder.node("id", "Identity", ["x"], ["y"])], initializers: [strings],
            inputs: [ProtoBuilder.valueInfo("x", [1])], outputs: [ProtoBuilder.valueInfo("y", [1])])
        #expect(throws: ONNXError.unsupportedDataType(tensor: "s", dataType: 8)) { try ONNXModel(serializedBytes: bytes) }
    }

    @Test func nodesAreSortedTopologically() throws {
        let bytes = try ProtoBuilder.model(
            nodes: [ProtoBuilder.node("second", "Relu", ["h"], ["y"]), ProtoBuilder.node("first", "Neg", ["x"], ["h"])],
            inputs: [ProtoBuilder.valueInfo("x", [3])], outputs: [ProtoBuilder.valueInfo("y", [3])])
        let graph = try ONNXModel(serializedBytes: bytes).graph
        #expect(graph.nodes.map(\.name) == ["first", "second"])
        let y = try graph.resolved().evaluate([Tensor(shape: [3], scalars: [1, -2, 3])])[0]
        #expect(y.scalars == [0, 2, 0])
    }

    @Test func cyclesAndDanglingInputsAreRejected() throws {
        let cycle = try ProtoBuilder.model(
            nodes: [ProtoBuilder.node("a", "Relu", ["b_out"], ["a_out"]), ProtoBuilder.node("b", "Relu", ["a_out"], ["b_out"])],
            inputs: [ProtoBuilder.valueInfo("x", [3])], outputs: [ProtoBuilder.valueInfo("a_out", [3])])
        #expect(throws: ONNXError.self) { try ONNXModel(serializedBytes: cycle) }
        let dangling = try ProtoBuilder.model(
            nodes: [ProtoBuilder.node("a", "Relu", ["nowhere"], ["y"])],
            inputs: [ProtoBuilder.valueInfo("x", [3])], outputs: [ProtoBuilder.valueInfo("y", [3])])
        #expect(throws: ONNXError.self) { try ONNXModel(serializedBytes: dangling) }
    }

    @Test func wrongInputsAndNonFiniteValuesAreErrors() throws {
        let graph = try ONNXModel(serializedBytes: try Fixtures.modelBytes("mlp_digits")).graph.resolved()
        #expect(throws: ONNXError.inputShapeMismatch(input: "input", expected: [1, 64], got: [63])) {
            try graph.evaluate([Tensor(shape: [63], repeating: 0)])
        }
        var values = [Double](repeating: 0, count: 64)
        values[7] = .nan
        #expect(throws: ONNXError.nonFiniteValue(tensor: "input", index: 7)) {
            try graph.evaluate([Tensor(shape: [1, 64], scalars: values)])
        }
        values[7] = .infinity
        #expect(throws: ONNXError.nonFiniteValue(tensor: "input", index: 7)) {
            try graph.evaluate([Tensor(shape: [1, 64], scalars: values)])
        }
    }

    /// Seeded mutation fuzzing: flipped bytes, truncations, insertions and random junk must give a
    /// model or a typed error, never a crash. `ZKML_TEST_LEVEL=full` runs 20× more cases.
    @Test func fuzzedBytesNeverCrashTheDecoder() throws {
        let full = TestLevel.isFull
        var rng = SeededGenerator(seed: 0x5EED_0_0_A1)
        var seeds = [try Fixtures.modelBytes("mlp_digits"), try Fixtures.modelBytes("every_op")]
        seeds += try ["conv", "pad", "slice", "reshape", "maxpool"].map {
            [UInt8](try Data(contentsOf: Fixtures.ops.appendingPathComponent("\($0).onnx")))
        }
        var decoded = 0, rejected = 0
        for _ in 0..<(full ? 6000 : 300) {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                for _ in 0..<Int.random(in: 1...8, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            case 1:
                bytes = Array(bytes[..<Int.random(in: 0..<bytes.count, using: &rng)])
            case 2:
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.insert(contentsOf: (0..<Int.random(in: 1...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            default:
                bytes = (0..<Int.random(in: 0...256, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
            do {
                let model = try ONNXModel(serializedBytes: bytes)
                _ = try model.graph.resolved()
                decoded += 1
            } catch is ONNXError {
                rejected += 1
            }
        }
        #expect(decoded + rejected == (full ? 6000 : 300))
        #expect(rejected > 0)
    }
}
