import Foundation
import Testing
import ZKONNX
@testable import ZKQuant
import ZKTestSupport

/// The Circuits/ models: float reference vs onnxruntime, quantized vs float, digits accuracy.
@Suite struct ModelTests {
    /// Stated tolerance per model for |quantized − onnxruntime| on the logits (default config).
    static let tolerance: [String: Double] = [
        "mlp_digits": 0.02, "cnn_digits": 0.02, "lenet_digits28": 0.05, "mlp784": 0.05, "every_op": 0.02, "mlp_norm_digits": 0.02,
        "gpt_tiny": 0.05, "gpt_micro": 0.05,
    ]

    @Test(arguments: Fixtures.models)
    func floatAndQuantizedMatchOnnxRuntime(name: String) throws {
        let graph = try Fixtures.graph(model: name)
        let samples = try Fixtures.samples(name)
        let model = try QuantizedModel(graph: graph)
        let inference = QuantizedInference(model: model)
        let count = TestLevel.isFull ? samples.inputs.count : min(samples.inputs.count, name.contains("28") || name == "mlp784" ? 5 : 20)
        var worst = 0.0
        for index in 0..<count {
            let float = try model.runFloat([samples.inputs[index]])[0]
            for (got, want) in zip(float, samples.float_outputs[index]) {
                #expect(abs(got - want) <= 1e-4 * (1 + abs(want)), "\(name) float")
            }
            let quantized = try inference.run(floatInputs: [samples.inputs[index]]).outputs[0]
            for (got, want) in zip(quantized, samples.float_outputs[index]) { worst = max(worst, abs(got - want)) }
            if name != "every_op" { #expect(argMax(quantized) == argMax(samples.float_outputs[index]), "\(name) #\(index)") }
        }
        #expect(worst <= Self.tolerance[name]!, "\(name): max |quantized − float| = \(worst)")
    }

    @Test func everyOpModelArgMaxOutputIsExact() throws {
        let samples = try Fixtures.samples("every_op")
        let model = try QuantizedModel(graph: try Fixtures.graph(model: "every_op"))
        let inference = QuantizedInference(model: model)
        for index in 0..<samples.inputs.count {
            let outputs = try inference.run(floatInputs: [samples.inputs[index]]).outputs
            #expect(Int(outputs[1][0]) == samples.labels[index])
        }
    }

    /// The acceptance criterion: on the 360-digit test split the quantized MLP agrees with the float
    /// model on ≥ 99 % of samples and loses ≤ 0.5 accuracy points.
    @Test func digitsMLPKeepsItsAccuracy() throws {
        let samples = try Fixtures.samples("mlp_digits")
        #expect(samples.inputs.count == 360)
        let model = try QuantizedModel(graph: try Fixtures.graph(model: "mlp_digits"))
        let inference = QuantizedInference(model: model)
        var agree = 0, floatCorrect = 0, quantizedCorrect = 0
        for (input, label) in zip(samples.inputs, samples.labels) {
            let float = argMax(try model.runFloat([input])[0])
            let quantized = argMax(try inference.run(floatInputs: [input]).outputs[0])
            agree += float == quantized ? 1 : 0
            floatCorrect += float == label ? 1 : 0
            quantizedCorrect += quantized == label ? 1 : 0
        }
        let n = Double(samples.inputs.count)
        #expect(Double(agree) / n >= 0.99)
        #expect(Double(floatCorrect - quantizedCorrect) / n <= 0.005)
        #expect(abs(Double(floatCorrect) / n - samples.float_accuracy_full_test_split) < 1e-9)
    }

    @Test func calibrationChoosesPerTensorScalesAndKeepsAccuracy() throws {
        let samples = try Fixtures.samples("mlp_digits")
        let graph = try Fixtures.graph(model: "mlp_digits")
        let calibration = samples.inputs.prefix(50).map { [Tensor(shape: [1, 64], scalars: $0)] }
        let configuration = QuantizationConfiguration(activationBits: 16)
        let model = try QuantizedModel(graph: graph, configuration: configuration, calibration: calibration)
        let scales = Set(model.steps.filter(\.isActivation).map(\.scale))
        #expect(scales.count > 1)
        let inference = QuantizedInference(model: model)
        var agree = 0
        for input in samples.inputs {
            agree += argMax(try model.runFloat([input])[0]) == argMax(try inference.run(floatInputs: [input]).outputs[0]) ? 1 : 0
        }
        #expect(Double(agree) / Double(samples.inputs.count) >= 0.99)
    }

    @Test func anActivationOutOfRangeNamesTheNode() throws {
        let graph = try Fixtures.graph(model: "mlp_digits")
        let model = try QuantizedModel(graph: graph, configuration: QuantizationConfiguration(activationBits: 12, defaultActivationScale: 10))
        let samples = try Fixtures.samples("mlp_digits")
        do {
            _ = try QuantizedInference(model: model).run(floatInputs: [samples.inputs[0]])
            Issue.record("expected an out-of-range error")
        } catch let QuantError.outOfRange(node, tensor, _, _, bits) {
            #expect(["fc0", "relu0", "fc1"].contains(node))
            #expect(!tensor.isEmpty && bits == 12)
        }
    }

    @Test func badInputsAreTypedErrors() throws {
        let model = try QuantizedModel(graph: try Fixtures.graph(model: "mlp_digits"))
        let inference = QuantizedInference(model: model)
        var input = [Double](repeating: 0.5, count: 64)
        #expect(throws: QuantError.inputMismatch(input: "input", expectedCount: 64, got: 63)) {
            try inference.run(floatInputs: [Array(input.dropLast())])
        }
        // One array per graph input: a second one is an extra input, not a batch.
        #expect(throws: QuantError.inputArrayCount(input: "(extra)", expected: 1, got: 2)) {
            try inference.run(floatInputs: [input, input])
        }
        #expect(QuantError.inputArrayCount(input: "(extra)", expected: 2, got: 4).description
                == "input '(extra)': expected 2 input arrays (one per graph input), got 4")
        input[3] = .nan
        #expect(throws: QuantError.nonFiniteInput(input: "input", index: 3)) { try inference.run(floatInputs: [input]) }
        input[3] = -.infinity
        #expect(throws: QuantError.nonFiniteInput(input: "input", index: 3)) { try inference.run(floatInputs: [input]) }
        input[3] = 1e9
        #expect(throws: QuantError.self) { try inference.run(floatInputs: [input]) }
        #expect(throws: QuantError.self) { try inference.run(floatInputs: []) }
    }

    @Test func traceHoldsEveryIntermediateTensor() throws {
        let model = try QuantizedModel(graph: try Fixtures.graph(model: "cnn_digits"))
        let samples = try Fixtures.samples("cnn_digits")
        let trace = try QuantizedInference(model: model).run(input: try model.quantizeInputs([samples.inputs[0]]))
        #expect(trace.values.count == model.steps.count + 1)
        for step in model.steps {
            let value = try #require(trace.values[step.output])
            #expect(value.shape == step.outputShape)
            let limit = Int64(1) << (step.bits - 1)
            #expect(value.scalars.allSatisfy { $0 >= -limit && $0 < limit })
        }
    }

    @Test func ezklJSONRoundTrip() throws {
        let data = Data(#"{"input_data": [[0.5, 1, -2], [[3, 4], [5]]]}"#.utf8)
        #expect(try EZKLJSON.inputRows(from: data) == [[0.5, 1, -2], [3, 4, 5]])
        #expect(try EZKLJSON.inputRows(from: Data(#"{"input_data": [[true, false, 2.5]]}"#.utf8)) == [[1, 0, 2.5]])
        // EZKL's file for a model without inputs; an empty row beside others stays a row.
        #expect(try EZKLJSON.inputRows(from: Data(#"{"input_data": [[]]}"#.utf8)) == [])
        #expect(try EZKLJSON.inputRows(from: Data(#"{"input_data": [[], [1]]}"#.utf8)) == [[], [1]])
        #expect(throws: QuantError.self) { try EZKLJSON.inputRows(from: Data(#"{"input": []}"#.utf8)) }
        #expect(throws: QuantError.self) { try EZKLJSON.inputRows(from: Data(#"{"input_data": [["a"]]}"#.utf8)) }
        #expect(throws: QuantError.self) { try EZKLJSON.inputRows(from: Data("nope".utf8)) }
        let rows = try EZKLJSON.inputRows(contentsOf: Fixtures.circuits.appendingPathComponent("mlp_digits/input.json"))
        let model = try QuantizedModel(graph: try Fixtures.graph(model: "mlp_digits"))
        let trace = try QuantizedInference(model: model).run(input: try model.quantizeInputs(rows))
        let output = try JSONSerialization.jsonObject(with: try EZKLJSON.outputDocument(model: model, trace: trace)) as? [String: Any]
        let values = try #require(output?["output_data"] as? [[Double]])
        #expect(values[0].count == 10)
        #expect((output?["output_integers"] as? [[Int]])?[0].count == 10)
        #expect(try EZKLJSON.calibrationSamples([[1, 2, 3, 4]], inputCounts: [2]) == [[[1, 2]], [[3, 4]]])
    }
}
