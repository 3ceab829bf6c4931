import Foundation
import ZKONNX
@testable import ZKQuant
import ZKTestSupport

/// The seeded generator of these tests (SplitMix64, shared through ZKTestSupport).
typealias SeededGenerator = SplitMix64

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let circuits = root.appendingPathComponent("Circuits")
    static let ops = circuits.appendingPathComponent("ops")

    static let models = ["mlp_digits", "cnn_digits", "lenet_digits28", "mlp784", "every_op", "mlp_norm_digits", "gpt_tiny", "gpt_micro"]

    static let opCases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: ops.path)) ?? []
        return files.filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }.sorted()
    }()

    struct OpCase: Decodable {
        let input_data: [[Double]]
        let input_shape: [Int]
        let output_data: [[Double]]
    }

    struct Samples: Decodable {
        let input_shape: [Int]
        let inputs: [[Double]]
        let labels: [Int]
        let float_outputs: [[Double]]
        let float_accuracy_full_test_split: Double
        let test_split_size: Int
    }

    static func graph(model name: String) throws -> ResolvedGraph {
        try ONNXModel(contentsOf: circuits.appendingPathComponent(name).appendingPathComponent("network.onnx")).graph.resolved()
    }

    static func samples(_ name: String) throws -> Samples {
        let data = try Data(contentsOf: circuits.appendingPathComponent(name).appendingPathComponent("samples.json"))
        return try JSONDecoder().decode(Samples.self, from: data)
    }

    static func opCase(_ name: String) throws -> (ResolvedGraph, OpCase) {
        let data = try Data(contentsOf: ops.appendingPathComponent("\(name).json"))
        let expected = try JSONDecoder().decode(OpCase.self, from: data)
        let model = try ONNXModel(contentsOf: ops.appendingPathComponent("\(name).onnx"))
        return (try model.graph.resolved(inputShapes: [model.graph.inputs[0].name: expected.input_shape]), expected)
    }
}

func argMax(_ values: [Double]) -> Int {
    values.indices.max { values[$0] < values[$1] } ?? 0
}
