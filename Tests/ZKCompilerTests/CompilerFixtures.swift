import Foundation
import Testing
import ZKCompiler
import ZKONNX
import ZKQuant
import ZKTestSupport

/// The Circuits/ zoo, loaded for the compiler tests.
enum Zoo {
    static let circuits = Fixtures.repository.appendingPathComponent("Circuits")
    static let ops = circuits.appendingPathComponent("ops")

    /// Every model; the 28×28 ones are slower but still well under a minute together.
    static let models = ["mlp_digits", "cnn_digits", "every_op", "mlp784", "lenet_digits28", "mlp_norm_digits"]
    static let smallModels = ["mlp_digits", "cnn_digits", "every_op"]

    static let opCases: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: ops.path)) ?? []
        return files.filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }.sorted()
    }()

    struct OpCase: Decodable {
        let input_data: [[Double]]
        let input_shape: [Int]
    }

    struct Samples: Decodable {
        let inputs: [[Double]]
    }

    /// A model quantized with `configuration`, and its `input.json` quantized.
    static func model(_ name: String, configuration: QuantizationConfiguration = .init()) throws -> (QuantizedModel, [Tensor<Int64>]) {
        let directory = circuits.appendingPathComponent(name)
        let model = try QuantizedModel(contentsOf: directory.appendingPathComponent("network.onnx"), configuration: configuration)
        let rows = try EZKLJSON.inputRows(contentsOf: directory.appendingPathComponent("input.json"))
        return (model, try model.quantizeInputs(rows))
    }

    static func samples(_ name: String) throws -> [[Double]] {
        let data = try Data(contentsOf: circuits.appendingPathComponent(name).appendingPathComponent("samples.json"))
        return try JSONDecoder().decode(Samples.self, from: data).inputs
    }

    /// An operator case, quantized, with its input; `nil` when the case has no integer form.
    /// An operator case of `Circuits/ops`, quantized, and its `input.json` quantized. Every case must
    /// quantize: a failure is thrown, never turned into a test that passes without running.
    static func opCase(_ name: String) throws -> (QuantizedModel, [Tensor<Int64>]) {
        let data = try Data(contentsOf: ops.appendingPathComponent("\(name).json"))
        let expected = try JSONDecoder().decode(OpCase.self, from: data)
        let onnx = try ONNXModel(contentsOf: ops.appendingPathComponent("\(name).onnx"))
        let graph = try onnx.graph.resolved(inputShapes: [onnx.graph.inputs[0].name: expected.input_shape])
        let model = try QuantizedModel(graph: graph)
        return (model, try model.quantizeInputs(expected.input_data))
    }
}

extension Zoo {
    /// In both range-check modes: the witness's outputs equal the quantized inference's `trace`,
    /// every constraint holds, and no private wire or output can move (``CircuitCheck/modelEscapes(outputCount:seed:)``).
    static func expectExactAndSound(_ model: QuantizedModel, _ inputs: [Tensor<Int64>], trace: QuantizedTrace, name: String, seed: UInt64) throws {
        for circuit in [ModelCircuit(model: model), try ModelCircuit(model: model).withCheapestRangeChecks()] {
            let (system, witness, outputs) = try circuit.makeWitness(inputs: inputs)
            #expect(outputs == trace.outputs, "\(name) [\(circuit.rangeChecks)]")
            try system.check(witness)
            let escapes = CircuitCheck(system, witness).modelEscapes(outputCount: model.outputs.reduce(0) { $0 + $1.count }, seed: seed)
            #expect(escapes.isEmpty, "\(name) [\(circuit.rangeChecks)]: \(escapes.prefix(5))")
        }
    }
}
