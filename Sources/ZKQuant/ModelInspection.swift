#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ZKText
import ZKONNX

/// What `zkml inspect` reports: every node of a model with its support status, shapes and the
/// integer steps it becomes.
public struct ModelInspection: Sendable, Codable {
    /// One ONNX node.
    public struct NodeReport: Sendable, Codable {
        public var name: String
        public var opType: String
        public var domain: String
        public var opset: Int
        /// `supported`, `folded` (evaluated at compile time) or `unsupported: <reason>`.
        public var status: String
        /// `linear`, `non-linear`, `wiring` or `constant` (see ``OperatorSupport/Kind``).
        public var kind: String?
        public var inputShapes: [[Int]?]
        public var outputShapes: [[Int]?]
        /// The integer primitives the node lowers to, in order.
        public var steps: [String]
    }

    public var file: String
    public var irVersion: Int
    public var producer: String
    public var opset: Int
    public var inputs: [TensorInfo]
    public var outputs: [TensorInfo]
    public var nodes: [NodeReport]
    /// The first error met while resolving or quantizing, if any.
    public var error: String?
    /// Whether the whole model quantizes.
    public var supported: Bool { error == nil }

    /// Inspects a model file with the default quantization configuration.
    /// - Throws: only when the file cannot be read or decoded at all; later problems are reported
    ///   per node and in ``error``.
    public static func inspect(contentsOf url: URL, configuration: QuantizationConfiguration = .init()) throws -> ModelInspection {
        let model: ONNXModel
        do { model = try ONNXModel(contentsOf: url) } catch let error as ONNXError { throw QuantError.onnx(error) }
        return inspect(model, file: url.lastPathComponent, configuration: configuration)
    }

    /// Inspects a decoded model.
    public static func inspect(_ model: ONNXModel, file: String, configuration: QuantizationConfiguration = .init()) -> ModelInspection {
        let graph = model.graph
        var report = ModelInspection(file: file, irVersion: model.irVersion,
                                     producer: "\(model.producerName) \(model.producerVersion)".trimmingSpaces,
                                     opset: graph.opset, inputs: [], outputs: [], nodes: [], error: nil)
        var resolved: ResolvedGraph?
        var quantized: QuantizedModel?
        do {
            resolved = try graph.resolved(for: configuration)
            quantized = try QuantizedModel(graph: resolved!, configuration: configuration)
        } catch let error as ONNXError {
            report.error = error.tagged
        } catch let error as QuantError {
            report.error = error.tagged
        } catch {
            report.error = String(describing: error)
        }
        // Shapes for the report: the full resolution, or as much of it as can be computed.
        let shapes = resolved ?? (try? graph.partiallyResolved(for: configuration))
        report.inputs = shapes?.inputs ?? []
        report.outputs = shapes?.outputs ?? []
        let computed = Set(shapes?.nodes.map(\.name) ?? [])
        let kept = Set(quantized?.graph.nodes.map(\.name) ?? [])
        var stepsByNode: [String: [String]] = [:]
        for step in quantized?.steps ?? [] {
            var name = step.operation.name
            if case let .table(table) = step.operation { name += "(\(table.summary))" }
            if case let .treeEnsemble(forest) = step.operation { name += "(\(forest.summary))" }
            stepsByNode[step.node, default: []].append(name)
        }
        for node in graph.nodes {
            // Nodes that resolution expanded (composite and recurrent operators) name theirs after them.
            let expansion = computed.contains(node.name) ? []
                : (shapes?.nodes ?? []).filter { $0.name.hasPrefix(node.name + "::") || $0.name.hasPrefix(node.name + "#") }
            let status: String
            if node.op == nil {
                status = "unsupported: operator \(node.domain.isEmpty ? "" : node.domain + ".")\(node.opType) (opset \(graph.opset))"
            } else if let error = report.error, error.firstRange(of: "node '\(node.name)'") != nil {
                status = "unsupported: \(error)"
            } else if !expansion.isEmpty {
                status = "supported (expanded into \(expansion.count) nodes)"
            } else if case .sequence? = node.op, !node.outputs.allSatisfy({ $0.isEmpty || shapes?.shapes[$0] != nil }) {
                // Its output is a sequence: a list of tensor names, no value of its own.
                status = "supported (a sequence of the tensors it names)"
            } else if shapes != nil && node.outputs.allSatisfy({ $0.isEmpty || shapes!.shapes[$0] != nil }) && !computed.contains(node.name) {
                status = "folded"
            } else if quantized != nil && !kept.contains(node.name) {
                status = "folded (batch normalization)"
            } else {
                status = "supported"
            }
            report.nodes.append(NodeReport(
                name: node.name, opType: node.opType, domain: node.domain, opset: graph.opset, status: status,
                kind: node.op?.kind.rawValue,
                inputShapes: node.inputs.map { $0.isEmpty ? nil : shapes?.shapes[$0] },
                outputShapes: node.outputs.map { shapes?.shapes[$0] },
                steps: stepsByNode[node.name] ?? expansion.flatMap { stepsByNode[$0.name] ?? [] }))
        }
        return report
    }

    /// A human-readable table.
    public var text: String {
        func shapes(_ list: [[Int]?]) -> String {
            list.map { $0.map { "[\($0.map(String.init).joined(separator: "×"))]" } ?? "?" }.joined(separator: ", ")
        }
        var lines = ["\(file): opset \(opset), IR \(irVersion), producer \(producer.isEmpty ? "?" : producer)"]
        for input in inputs { lines.append("  input  \(input.name) \(input.shape)") }
        for output in outputs { lines.append("  output \(output.name) \(output.shape)") }
        for node in nodes {
            var line = "  \(node.name.padded(to: max(node.name.count, 18))) "
            line += "\(node.opType.padded(to: 18)) \(node.status)"
            line += "  in: \(shapes(node.inputShapes))  out: \(shapes(node.outputShapes))"
            if !node.steps.isEmpty { line += "  → \(node.steps.joined(separator: " + "))" }
            lines.append(line)
        }
        lines.append(error.map { "NOT SUPPORTED: \($0)" } ?? "supported: \(nodes.count) nodes")
        return lines.joined(separator: "\n")
    }

    /// Pretty-printed JSON.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
