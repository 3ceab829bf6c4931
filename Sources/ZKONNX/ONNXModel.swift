#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ZKText
import SwiftProtobuf

/// A decoded ONNX model: its metadata and its graph.
///
/// ```swift
/// let model = try ONNXModel(contentsOf: URL(fileURLWithPath: "Circuits/mlp_digits/network.onnx"))
/// let graph = try model.graph.resolved()
/// ```
public struct ONNXModel: Sendable {
    public var irVersion: Int
    public var producerName: String
    public var producerVersion: String
    /// Imported operator sets: domain (`""` for the default domain) → version.
    public var opsets: [String: Int]
    public var graph: Graph

    /// Wraps a graph built in code.
    public init(graph: Graph, irVersion: Int = 8, producerName: String = "zkml", producerVersion: String = "") {
        self.graph = graph
        self.irVersion = irVersion
        self.producerName = producerName
        self.producerVersion = producerVersion
        opsets = ["": graph.opset]
    }

    /// Decodes a model from the bytes of an `.onnx` file.
    /// - Parameters:
    ///   - bytes: the serialized `ModelProto`.
    ///   - file: the name used in error messages.
    /// - Throws: ``ONNXError`` when the bytes are not a model, a tensor uses external data or an
    ///   unsupported type, or the graph is broken.
    public init(serializedBytes bytes: [UInt8], file: String = "<memory>") throws {
        let proto: Onnx_ModelProto
        do {
            var options = BinaryDecodingOptions()
            options.messageDepthLimit = 64
            proto = try Onnx_ModelProto(serializedBytes: bytes, options: options)
        } catch {
            throw ONNXError.malformedProtobuf(file: file, reason: String(describing: error))
        }
        guard proto.hasGraph else {
            throw ONNXError.invalidModel(reason: "\(file) has no graph (is it an ONNX model?)")
        }
        irVersion = Int(proto.irVersion)
        producerName = proto.producerName
        producerVersion = proto.producerVersion
        var opsets: [String: Int] = [:]
        for entry in proto.opsetImport {
            let domain = entry.domain == "ai.onnx" ? "" : entry.domain
            opsets[domain] = Int(clamping: entry.version)
        }
        self.opsets = opsets
        graph = try Self.decode(proto.graph, opset: opsets[""] ?? 1)
    }

    /// Reads and decodes an `.onnx` file.
    /// - Throws: ``ONNXError/unreadableFile(file:reason:)`` or any decoding error.
    public init(contentsOf url: URL) throws {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int,
           size > ONNXLimits.current.maxModelBytes {
            throw ONNXError.unreadableFile(file: url.path, reason: "the file has \(size) bytes, above the limit of \(ONNXLimits.current.maxModelBytes) (raise it with --max-model-size)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ONNXError.unreadableFile(file: url.path, reason: ErrorText.reason(error))
        }
        try self.init(serializedBytes: [UInt8](data), file: url.lastPathComponent)
    }

    static func decode(_ proto: Onnx_GraphProto, opset: Int) throws -> Graph {
        let maxNodes = ONNXLimits.current.maxNodes
        guard proto.node.count <= maxNodes else {
            throw ONNXError.invalidModel(reason: "the graph has \(proto.node.count) nodes, above the limit of \(maxNodes) (raise it with --max-nodes)")
        }
        if let sparse = proto.sparseInitializer.first {
            throw ONNXError.unsupportedDataType(tensor: sparse.values.name, dataType: -1)
        }
        var initializers: [String: Tensor<Double>] = [:]
        var initializerTypes: [String: ElementType] = [:]
        for tensorProto in proto.initializer {
            let (tensor, type) = try decodeTensor(tensorProto)
            initializers[tensorProto.name] = tensor
            initializerTypes[tensorProto.name] = type
        }
        let inputs = try proto.input.filter { initializers[$0.name] == nil }.map(decodeValueInfo)
        let outputs = try proto.output.map(decodeValueInfo)
        var nodes: [Node] = []
        nodes.reserveCapacity(proto.node.count)
        for (index, nodeProto) in proto.node.enumerated() {
            let name = nodeProto.name.isEmpty ? "#\(index)" : nodeProto.name
            var attributes: [String: Attribute] = [:]
            for attribute in nodeProto.attribute {
                attributes[attribute.name] = try decodeAttribute(attribute, node: name)
            }
            nodes.append(Node(name: name, opType: nodeProto.opType, domain: nodeProto.domain == "ai.onnx" ? "" : nodeProto.domain,
                              inputs: nodeProto.input, outputs: nodeProto.output, attributes: attributes))
        }
        return try Graph(name: proto.name, nodes: nodes, initializers: initializers, initializerTypes: initializerTypes,
                         inputs: inputs, outputs: outputs, opset: opset)
    }

    static func decodeValueInfo(_ proto: Onnx_ValueInfoProto) throws -> ValueInfo {
        guard case let .tensorType(tensorType)? = proto.type.value else {
            return ValueInfo(name: proto.name, elementType: nil, shape: nil)
        }
        let shape: [Dimension]? = tensorType.hasShape ? tensorType.shape.dim.map { dim in
            switch dim.value {
            case let .dimValue(value)?: .fixed(Int(clamping: value))
            case let .dimParam(name)?: .symbolic(name)
            case nil: .symbolic("")
            }
        } : nil
        return ValueInfo(name: proto.name, elementType: ElementType(rawValue: Int(tensorType.elemType)), shape: shape)
    }

    static func decodeAttribute(_ proto: Onnx_AttributeProto, node: String) throws -> Attribute {
        var type = proto.type
        if !proto.hasType {  // IR < 3 files may omit the type: infer it from the filled field.
            if proto.hasF { type = .float } else if proto.hasI { type = .int } else if proto.hasS { type = .string }
            else if proto.hasT { type = .tensor } else if !proto.floats.isEmpty { type = .floats }
            else if !proto.ints.isEmpty { type = .ints } else if !proto.strings.isEmpty { type = .strings }
        }
        switch type {
        case .float: return .float(Double(proto.f))
        case .int: return .int(Int(clamping: proto.i))
        case .string: return .string(String(decoding: proto.s, as: UTF8.self))
        case .tensor:
            let (tensor, elementType) = try decodeTensor(proto.t, fallbackName: "\(node).\(proto.name)")
            return .tensor(tensor, elementType)
        case .floats: return .floats(proto.floats.map(Double.init))
        case .ints: return .ints(proto.ints.map { Int(clamping: $0) })
        case .strings: return .strings(proto.strings.map { String(decoding: $0, as: UTF8.self) })
        default: return .unsupported(kind: "\(type)")
        }
    }
}
