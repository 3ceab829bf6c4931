import Foundation
import Testing
import ZKONNX
@testable import ZKQuant

/// Every operator quantized (default configuration: 24-bit activations at scale 12) against
/// onnxruntime's float output. Tolerance: |q − f| ≤ 2^-7 · (1 + |f|).
@Suite struct OperatorQuantizationTests {
    @Test(arguments: Fixtures.opCases)
    func quantizedMatchesOnnxRuntime(name: String) throws {
        let (graph, expected) = try Fixtures.opCase(name)
        let model = try QuantizedModel(graph: graph)
        let (outputs, trace) = try QuantizedInference(model: model).run(floatInputs: [expected.input_data[0]])
        #expect(outputs[0].count == expected.output_data[0].count)
        for (got, want) in zip(outputs[0], expected.output_data[0]) {
            #expect(abs(got - want) <= 0x1p-7 * (1 + abs(want)), "\(name): \(got) vs \(want)")
        }
        for step in model.steps { #expect(trace.values[step.output] != nil) }
    }

    /// `x / 10000` and `x · 0.001` keep their digits: the output takes the scale its proven range
    /// allows (12 + 13, 12 + 9) instead of rounding to 0 at 2^-12; a multiplier ≥ 1/2 keeps 12.
    @Test func smallOutputsTakeAFinerScale() throws {
        for (op, constant, scale): (String, Double, Int) in [("Div", 10_000, 25), ("Mul", 0.001, 21), ("Mul", 0.75, 12)] {
            let graph = try Graph(name: "g", nodes: [Node(name: "n", opType: op, inputs: ["x", "c"], outputs: ["y"])],
                                  initializers: ["c": Tensor(shape: [], scalars: [constant])],
                                  inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(4)])],
                                  outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13).resolved()
            let model = try QuantizedModel(graph: graph)
            #expect(model.outputs[0].scale == scale, "\(op) \(constant)")
            let input = [1.0, -0.37, 2047.0, -2048.0]
            let (outputs, _) = try QuantizedInference(model: model).run(floatInputs: [input])
            for (got, x) in zip(outputs[0], input) {
                let want = op == "Div" ? x / constant : x * constant
                #expect(abs(got - want) <= 1e-3 * abs(want) + FixedPoint.power(-scale), "\(op) \(constant): \(got) vs \(want)")
            }
        }
    }

    @Test func dataMovementIsASingleRearrange() throws {
        for name in ["transpose", "slice", "pad", "reshape", "concat_const", "squeeze"] {
            let (graph, _) = try Fixtures.opCase(name)
            let model = try QuantizedModel(graph: graph)
            #expect(model.steps.map(\.operation.name) == ["rearrange"], "\(name)")
        }
    }

    @Test func linearLayersRescaleOnce() throws {
        let (graph, _) = try Fixtures.opCase("gemm")
        let model = try QuantizedModel(graph: graph)
        #expect(model.steps.map(\.operation.name) == ["matMul", "rescale"])
        #expect(model.steps[0].isActivation == false && model.steps[0].bits < 63)
        #expect(model.steps[1].isActivation && model.steps[1].bits == 24)
        #expect(model.steps[1].scale == 12)
    }

    /// PyTorch's Linear on a 3-D input (MatMul, then Add of the bias) is one `matMul` with the
    /// bias and one rescale, exactly as the float graph; the Add stays when the product has
    /// another reader.
    @Test func aBiasAddAfterMatMulJoinsIt() throws {
        func model(_ extraReader: Bool) throws -> (QuantizedModel, ResolvedGraph) {
            var nodes = [Node(name: "mm", opType: "MatMul", inputs: ["x", "w"], outputs: ["p"]),
                         Node(name: "bias", opType: "Add", inputs: ["b", "p"], outputs: ["y"])]
            var outputs = [ValueInfo(name: "y", elementType: .float, shape: nil)]
            if extraReader {
                nodes.append(Node(name: "r", opType: "Relu", inputs: ["p"], outputs: ["z"]))
                outputs.append(ValueInfo(name: "z", elementType: .float, shape: nil))
            }
            let graph = try Graph(name: "g", nodes: nodes,
                                  initializers: ["w": Tensor(shape: [3, 2], scalars: [0.5, -1, 0.25, 2, -0.75, 1.5]),
                                                 "b": Tensor(shape: [2], scalars: [0.125, -3])],
                                  inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(1), .fixed(2), .fixed(3)])],
                                  outputs: outputs, opset: 13).resolved()
            return (try QuantizedModel(graph: graph), graph)
        }
        let (fused, graph) = try model(false)
        #expect(fused.steps.map(\.operation.name) == ["matMul", "rescale"])
        #expect(fused.steps.last?.output == "y")
        let x = [1.5, -2.0, 0.75, 0.25, 1.0, -1.25]
        let expected = try graph.evaluate([Tensor(shape: [1, 2, 3], scalars: x)])[0].scalars
        let (outputs, _) = try QuantizedInference(model: fused).run(floatInputs: [x])
        for (got, want) in zip(outputs[0], expected) { #expect(abs(got - want) <= 0x1p-11) }
        let (kept, _) = try model(true)
        #expect(kept.steps.map(\.operation.name).contains("linearCombination"))
    }

    @Test func averagePoolingDividesWithRounding() throws {
        let (graph, _) = try Fixtures.opCase("averagepool_pads")
        let model = try QuantizedModel(graph: graph)
        #expect(model.steps.map(\.operation.name) == ["windowSum", "divide"])
        guard case let .divide(divisors) = model.steps[1].operation else { Issue.record("not a divide"); return }
        #expect(Set(divisors) == [4, 6, 9])
    }

    /// `Conv → Relu → AveragePool(2×2)`, optionally with the Relu output also a graph output.
    static func poolAfterRelu(reluIsAlsoAnOutput: Bool) throws -> ResolvedGraph {
        let nodes = [
            Node(name: "conv", opType: "Conv", inputs: ["x", "w"], outputs: ["c"]),
            Node(name: "relu", opType: "Relu", inputs: ["c"], outputs: ["r"]),
            Node(name: "pool", opType: "AveragePool", inputs: ["r"], outputs: ["y"],
                 attributes: ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])]),
        ]
        var outputs = [ValueInfo(name: "y", elementType: .float, shape: nil)]
        if reluIsAlsoAnOutput { outputs.append(ValueInfo(name: "r", elementType: .float, shape: nil)) }
        return try Graph(name: "g", nodes: nodes, initializers: ["w": Tensor(shape: [2, 1, 1, 1], scalars: [0.75, -1.25])],
                         inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(1), .fixed(1), .fixed(4), .fixed(4)])],
                         outputs: outputs, opset: 13).resolved()
    }

    @Test func averageAfterReluFoldsItsDivisionIntoTheRescale() throws {
        let model = try QuantizedModel(graph: Self.poolAfterRelu(reluIsAlsoAnOutput: false))
        #expect(model.steps.map(\.operation.name) == ["conv", "rescale", "relu", "windowSum"])
        guard case let .rescale(shift) = model.steps[1].operation else { Issue.record("not a rescale"); return }
        // The unfolded rescale would bring the accumulator to scale 12 in 24 bits: two bits less of both.
        #expect(model.steps[0].scale - shift == 10 && model.steps[1].scale == 10 && model.steps[1].bits == 22)
        #expect(model.steps[2].scale == 10 && model.steps[2].bits == 22)
        #expect(model.steps[3].scale == 12 && !model.steps[3].isActivation && model.steps[3].bits == 24)
        // Exact integer semantics: the window sum of the relu outputs, and close to the float average.
        var generator = SeededGenerator(seed: 7)
        let pixels = (0 ..< 16).map { _ in Double(generator.next() % 2001) / 250 - 4 }
        let (outputs, trace) = try QuantizedInference(model: model).run(floatInputs: [pixels])
        let relu = trace.values["r"]!.scalars, pooled = trace.values["y"]!.scalars
        for channel in 0 ..< 2 {
            for (oy, ox) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                let window = [(0, 0), (0, 1), (1, 0), (1, 1)].map { relu[channel * 16 + (2 * oy + $0.0) * 4 + 2 * ox + $0.1] }
                #expect(pooled[channel * 4 + oy * 2 + ox] == window.reduce(0, +))
            }
        }
        let float = try model.runFloat([pixels])[0]
        for (got, want) in zip(outputs[0], float) { #expect(abs(got - want) <= 0x1p-10, "\(got) vs \(want)") }
    }

    @Test func averageKeepsItsDivisionWhenTheReluHasAnotherReader() throws {
        let model = try QuantizedModel(graph: Self.poolAfterRelu(reluIsAlsoAnOutput: true))
        #expect(model.steps.map(\.operation.name) == ["conv", "rescale", "relu", "windowSum", "divide"])
        #expect(model.steps[1].scale == 12 && model.steps[1].bits == 24)
    }

    /// A MatMul whose constant operand has batches (rank above 2) is refused by name; two
    /// activations are a `batchMatMul` at the sum of their scales, rescaled once.
    @Test func matMulByABatchedConstantIsATypedErrorAndTwoActivationsAreABatchMatMul() throws {
        let batched = Node(name: "mm", opType: "MatMul", inputs: ["a", "w"], outputs: ["y"])
        let graph = try Graph(name: "g", nodes: [batched], initializers: ["w": Tensor(shape: [2, 2, 2], scalars: Array(repeating: 0.5, count: 8))],
                              inputs: [ValueInfo(name: "a", elementType: .float, shape: [.fixed(2), .fixed(2)])],
                              outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13).resolved()
        #expect(throws: QuantError.unsupportedQuantization(node: "mm", opType: "MatMul",
                                                           reason: "MatMul by a constant of shape [2, 2, 2] (only [K, N] or [K])")) {
            try QuantizedModel(graph: graph)
        }
        let square = try Graph(name: "g", nodes: [Node(name: "mm", opType: "MatMul", inputs: ["a", "a"], outputs: ["y"])], initializers: [:],
                               inputs: [ValueInfo(name: "a", elementType: .float, shape: [.fixed(2), .fixed(2)])],
                               outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13).resolved()
        let model = try QuantizedModel(graph: square)
        #expect(model.steps.map(\.operation.name) == ["batchMatMul", "rescale"])
        #expect(model.steps[0].scale == 24 && model.steps[1].scale == 12)
        let (outputs, _) = try QuantizedInference(model: model).run(floatInputs: [[1.5, -2, 0.25, 3]])
        #expect(outputs[0] == [1.75, -9, 1.125, 8.5])
    }

    /// Cast from float truncates toward zero (an integer at scale 0), to bool is `x ≠ 0`, as
    /// onnxruntime casts; halves and values one step from an integer included.
    @Test func castFromFloatTruncatesAndToBoolTestsForZero() throws {
        for (to, expected): (Int, [Double]) in [(7, [2, -2, 0, 0, -1, 3, -3, 0]), (9, [1, 1, 1, 1, 1, 1, 1, 0])] {
            let node = Node(name: "c", opType: "Cast", inputs: ["a"], outputs: ["y"], attributes: ["to": .int(to)])
            let graph = try Graph(name: "g", nodes: [node], initializers: [:],
                                  inputs: [ValueInfo(name: "a", elementType: .float, shape: [.fixed(8)])],
                                  outputs: [ValueInfo(name: "y", elementType: to == 7 ? .int64 : .bool, shape: nil)], opset: 13).resolved()
            let model = try QuantizedModel(graph: graph)
            #expect(model.outputs[0].scale == 0)
            let input = [2.7, -2.7, 0.5, -0.5, -1.0, 3.0 + 0x1p-12 * 4095, -3.0 - 0x1p-12 * 4095, 0]
            #expect(try QuantizedInference(model: model).run(floatInputs: [input]).outputs[0] == expected, "to \(to)")
        }
    }
}
