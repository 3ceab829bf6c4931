import Foundation
import Testing
import ZKONNX
@testable import ZKQuant

@Suite struct InspectionTests {
    @Test func listsEveryNodeWithStatusShapesAndSteps() throws {
        let report = try ModelInspection.inspect(contentsOf: Fixtures.circuits.appendingPathComponent("every_op/network.onnx"))
        #expect(report.supported)
        #expect(report.nodes.count == 40)
        let byName = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.name, $0) })
        #expect(byName["shape"]?.status == "folded")
        #expect(byName["bn1"]?.status.hasPrefix("folded") == true)
        #expect(byName["conv1"]?.steps == ["conv", "rescale"])
        #expect(byName["reshape"]?.outputShapes == [[1, 128]])
        #expect(byName["gemm"]?.kind == "linear")
        let json = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any]
        #expect((json?["nodes"] as? [Any])?.count == 40)
        #expect(report.text.contains("supported: 40 nodes"))
    }

    /// A node that resolution expands (a composite or recurrent operator) is reported as supported,
    /// with the steps of the nodes it became; not as folded.
    @Test func expandedNodesShowTheirSteps() throws {
        let report = try ModelInspection.inspect(contentsOf: Fixtures.ops.appendingPathComponent("thresholdedrelu.onnx"))
        #expect(report.supported)
        let node = try #require(report.nodes.first)
        #expect(node.status == "supported (expanded into 2 nodes)")
        #expect(node.steps.contains("test") && node.steps.contains("mul"), "\(node.steps)")
        let lstm = try ModelInspection.inspect(contentsOf: Fixtures.ops.appendingPathComponent("lstm.onnx"))
        #expect(lstm.nodes.first { $0.opType == "LSTM" }?.status.hasPrefix("supported (expanded into") == true)
        // A sequence node names tensors (no steps of its own); a computed SequenceAt is a GatherElements.
        let sequences = try ModelInspection.inspect(contentsOf: Fixtures.ops.appendingPathComponent("sequence_at_computed.onnx"))
        #expect(sequences.supported)
        #expect(sequences.nodes.first { $0.opType == "SequenceConstruct" }?.status == "supported (a sequence of the tensors it names)")
        let at = try #require(sequences.nodes.first { $0.opType == "SequenceAt" })
        #expect(at.status.hasPrefix("supported (expanded into") && at.steps.contains("oneHot"), "\(at.status) \(at.steps)")
    }

    @Test func reportsTheUnsupportedNode() throws {
        let node = Node(name: "uniq", opType: "Unique", inputs: ["x"], outputs: ["y"])
        let graph = try Graph(name: "g", nodes: [node], initializers: [:],
                              inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(4)])],
                              outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13)
        #expect(throws: ONNXError.unsupportedOperator(node: "uniq", opType: "Unique", opset: 13)) { try graph.resolved() }
    }

    @Test func batchedInputsRunTogether() throws {
        let model = try ONNXModel(contentsOf: Fixtures.circuits.appendingPathComponent("cnn_digits/network.onnx"))
        let graph = try model.graph.resolved(inputShapes: ["input": [3, 1, 8, 8]])
        let quantized = try QuantizedModel(graph: graph)
        let samples = try Fixtures.samples("cnn_digits")
        let batch = samples.inputs[0] + samples.inputs[1] + samples.inputs[2]
        let outputs = try QuantizedInference(model: quantized).run(floatInputs: [batch]).outputs[0]
        #expect(outputs.count == 30)
        for index in 0..<3 {
            let single = Array(outputs[(index * 10)..<(index * 10 + 10)])
            #expect(argMax(single) == argMax(samples.float_outputs[index]))
        }
    }

    @Test func tooManyBitsForSixtyFourBitArithmeticIsRejected() throws {
        let graph = try Fixtures.graph(model: "mlp784")
        let configuration = QuantizationConfiguration(activationBits: 32, defaultActivationScale: 20, weightBits: 32, maxWeightScale: 30)
        #expect(throws: QuantError.self) { try QuantizedModel(graph: graph, configuration: configuration) }
    }
}

@Suite struct PartialInspectionTests {
    /// An unsupported node in the middle: the nodes before it keep their shapes, it is named.
    @Test func shapesBeforeAnUnsupportedNodeAreStillReported() throws {
        let nodes = [
            Node(name: "first", opType: "Relu", inputs: ["x"], outputs: ["a"]),
            Node(name: "uniq", opType: "Unique", inputs: ["a"], outputs: ["b"]),
            Node(name: "last", opType: "Relu", inputs: ["b"], outputs: ["y"]),
        ]
        let graph = try Graph(name: "g", nodes: nodes, initializers: [:],
                              inputs: [ValueInfo(name: "x", elementType: .float, shape: [.symbolic("batch"), .fixed(4)])],
                              outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13)
        let report = ModelInspection.inspect(ONNXModel(graph: graph), file: "g.onnx")
        #expect(!report.supported)
        #expect(report.inputs.map(\.shape) == [[1, 4]])
        #expect(report.nodes[0].status == "supported" && report.nodes[0].outputShapes == [[1, 4]])
        #expect(report.nodes[1].status == "unsupported: operator Unique (opset 13)")
        #expect(report.nodes[2].outputShapes == [nil])
        #expect(report.error?.contains("uniq") == true)
    }
}

@Suite struct TraceDocumentTests {
    @Test func traceDocumentListsInputsThenEveryStep() throws {
        let model = try QuantizedModel(graph: try Fixtures.graph(model: "mlp_digits"))
        let samples = try Fixtures.samples("mlp_digits")
        let trace = try QuantizedInference(model: model).run(input: try model.quantizeInputs([samples.inputs[0]]))
        let object = try JSONSerialization.jsonObject(with: try EZKLJSON.traceDocument(model: model, trace: trace)) as? [String: Any]
        let steps = try #require(object?["steps"] as? [[String: Any]])
        #expect(steps.count == model.steps.count + 1)
        #expect(steps.map { $0["primitive"] as? String } == ["input", "matMul", "rescale", "relu", "matMul", "rescale"])
        #expect((steps.last?["values"] as? [Int]) == trace.outputs[0].scalars.map { Int($0) })
    }
}
