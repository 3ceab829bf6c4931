import Foundation

/// One tree-ensemble case of `Circuits/trees` (made by Circuits/generate.py): a model, a batch of
/// inputs and every onnxruntime output on it.
public struct TreeCase: Decodable, Sendable {
    public let input_shape: [Int]
    public let input_data: [[Double]]
    public let output_data: [[Double]]
    public let output_shapes: [[Int]]

    /// The directory of the cases.
    public static let directory = Fixtures.repository.appendingPathComponent("Circuits/trees")

    /// The case names, sorted.
    public static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }.sorted()
    }()

    public static func load(_ name: String) throws -> TreeCase {
        try JSONDecoder().decode(TreeCase.self, from: Data(contentsOf: directory.appendingPathComponent("\(name).json")))
    }

    /// Whether a case is a linear classifier or a normalizer (no forest).
    public static func isLinear(_ name: String) -> Bool {
        ["logreg_", "linear_svc_", "sgd_", "normalizer_", "pipeline_l1_", "pipeline_l2_", "pipeline_max_"].contains { name.hasPrefix($0) }
    }

    public static func model(_ name: String) -> URL { directory.appendingPathComponent("\(name).onnx") }

    /// The batch size and feature count.
    public var samples: Int { input_shape[0] }
    public var features: Int { input_shape[1] }

    /// Row `n` of the inputs.
    public func row(_ n: Int) -> [Double] { Array(input_data[0][n * features ..< (n + 1) * features]) }

    /// Output `k`'s values for sample `n`.
    public func output(_ k: Int, sample n: Int) -> [Double] {
        let width = output_shapes[k].dropFirst().reduce(1, *)
        return Array(output_data[k][n * width ..< (n + 1) * width])
    }

    /// Whether output `k` is a classifier's label (the first of two outputs).
    public func isLabel(_ k: Int) -> Bool { output_data.count == 2 && k == 0 }
}
