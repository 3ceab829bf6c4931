import Foundation
@testable import ZKONNX
import ZKTestSupport

/// The seeded generator of these tests (SplitMix64, shared through ZKTestSupport).
typealias SeededGenerator = SplitMix64

enum Fixtures {
    /// The repository root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let circuits = root.appendingPathComponent("Circuits")
    static let ops = circuits.appendingPathComponent("ops")

    /// The names of the single-operator cases (Circuits/ops/<name>.onnx).
    static let opCases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: ops.path)) ?? []
        return files.filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }.sorted()
    }()

    struct OpCase: Decodable {
        let input_data: [[Double]]
        let input_shape: [Int]
        let output_data: [[Double]]
        let output_shape: [Int]
    }

    static func opCase(_ name: String) throws -> (ONNXModel, OpCase) {
        let model = try ONNXModel(contentsOf: ops.appendingPathComponent("\(name).onnx"))
        let data = try Data(contentsOf: ops.appendingPathComponent("\(name).json"))
        return (model, try JSONDecoder().decode(OpCase.self, from: data))
    }

    static func modelBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: circuits.appendingPathComponent(name).appendingPathComponent("network.onnx")))
    }
}

/// Builds small models in memory through the generated protobuf types.
enum ProtoBuilder {
    static func tensor(_ name: String, _ shape: [Int64], _ values: [Float]) -> Onnx_TensorProto {
        var t = Onnx_TensorProto()
        t.name = name
        t.dims = shape
        t.dataType = 1
        t.floatData = values
        return t
    }

    static func valueInfo(_ name: String, _ shape: [Int64]) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = 1
        tensorType.shape.dim = shape.map { var d = Onnx_TensorShapeProto.Dimension(); d.dimValue = $0; return d }
        info.type.tensorType = tensorType
        return info
    }

    static func node(_ name: String, _ op: String, _ inputs: [String], _ outputs: [String]) -> Onnx_NodeProto {
        var n = Onnx_NodeProto()
        n.name = name
        n.opType = op
        n.input = inputs
        n.output = outputs
        return n
    }

    static func model(nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto] = [], inputs: [Onnx_ValueInfoProto],
                      outputs: [Onnx_ValueInfoProto], opset: Int64 = 13) throws -> [UInt8] {
        var m = Onnx_ModelProto()
        m.irVersion = 8
        var o = Onnx_OperatorSetIdProto()
        o.version = opset
        m.opsetImport = [o]
        m.graph.name = "test"
        m.graph.node = nodes
        m.graph.initializer = initializers
        m.graph.input = inputs
        m.graph.output = outputs
        return try m.serializedBytes()
    }
}
