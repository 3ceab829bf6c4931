import Foundation
import Testing
import ZKCompiler
import ZKONNX
import ZKQuant
import ZKTestSupport

/// The composite operators (``CompositeOperator``: ThresholdedRelu, Shrink, Mean, ReduceLogSum,
/// LpNormalization, MeanVarianceNormalization, GroupNormalization, LRN, QuantizeLinear,
/// DequantizeLinear; `ai.onnx.ml` Binarizer, Imputer, FeatureVectorizer, OneHotEncoder,
/// SVMRegressor, SVMClassifier, LabelEncoder; CumSum, RMSNormalization, Swish, IsNaN, IsInf, CastLike, Size; MatMulInteger,
/// ConvInteger, QLinearMatMul, QLinearConv, DynamicQuantizeLinear), expanded at graph resolution. Every Circuits/ops case (onnxruntime 1.31's
/// outputs) quantizes within 1 % of onnxruntime's largest magnitude (every output), is exact and sound in both
/// range-check modes, and attributes outside the specification are refused naming the node.
@Suite struct CompositeModelTests {
    static let cases = [
        "thresholdedrelu", "thresholdedrelu_default", "shrink", "shrink_default", "mean", "mean_opset6",
        "reducelogsum", "reducelogsum_opset18", "reducelogsum_all", "lpnormalization", "lpnormalization_l1",
        "meanvariancenormalization", "meanvariancenormalization_axes", "groupnormalization", "groupnormalization_opset18",
        "quantizelinear", "quantizelinear_axis_int8", "quantizelinear_no_zero_point", "qdq", "qdq_opset10",
        "dequantizelinear_weights", "lrn", "lrn_wide", "lrn_size1",
        "binarizer", "imputer", "imputer_nan", "featurevectorizer", "onehotencoder",
        "svr_rbf", "svr_linear", "svr_poly", "svr_sigmoid", "nusvr_rbf", "oneclasssvm",
        "svc_binary", "svc_binary_probability", "svc_three_classes", "svc_four_classes_poly", "nusvc_linear",
        "cumsum", "cumsum_exclusive_reverse", "cumsum_reverse_opset11", "labelencoder_floats", "labelencoder_int64",
        "rmsnormalization", "rmsnormalization_axis1", "swish", "isnan_where", "isinf", "castlike_size", "castlike_int64",
        "matmulinteger", "convinteger", "qlinearmatmul", "qlinearconv", "mlp_dynamic_int8",
    ]
    /// MaxPool, AveragePool and Conv over three spatial axes (`Windows.pooling`, `ConvGeometry` in N dimensions).
    static let poolCases = ["maxpool3d", "maxpool3d_dilated_ceil", "averagepool3d", "averagepool3d_include_pad", "conv3d", "conv3d_grouped_dilated", "convtranspose3d"]
    /// Gemm with a computed C, rewritten at resolution (`GemmActivationBias`).
    static let gemmCases = ["gemm_activation_c", "gemm_activation_c_broadcast"]
    /// Sequence operators, resolved into the tensors they name (`SequenceResolution`).
    static let sequenceCases = ["sequence_split_concat", "sequence_stack_erase", "sequence_chunks_length", "sequence_at_computed"]

    struct Expected: Decodable {
        let output_data: [[Double]]
    }

    @Test(arguments: cases + gemmCases + poolCases + sequenceCases)
    func withinOnePercentOfOnnxruntimeExactAndSound(_ name: String) throws {
        let (model, inputs) = try Zoo.opCase(name)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Zoo.ops.appendingPathComponent("\(name).json")))
        let trace = try QuantizedInference(model: model).run(input: inputs)
        let outputs = model.dequantizeOutputs(trace.outputs)
        #expect(outputs.count == expected.output_data.count, "\(name): outputs")
        for (k, (got, want)) in zip(outputs, expected.output_data).enumerated() {
            #expect(got.count == want.count, "\(name): output \(k)")
            let largest = want.map(abs).max() ?? 0
            let error = zip(got, want).map { abs($0 - $1) }.max() ?? 0
            #expect(error <= 0.01 * largest, "\(name): output \(k): error \(error) of \(largest)")
        }
        try Zoo.expectExactAndSound(model, inputs, trace: trace, name: name, seed: 0xC0B5)
    }

    /// No composite node is left after resolution: each became supported operators.
    @Test(arguments: cases)
    func resolutionLeavesNoCompositeNode(_ name: String) throws {
        let onnx = try ONNXModel(contentsOf: Zoo.ops.appendingPathComponent("\(name).onnx"))
        let graph = try onnx.graph.resolved()
        #expect(!graph.nodes.contains { if case .composite? = $0.op { true } else { false } }, "\(name)")
        #expect(onnx.graph.nodes.contains { if case .composite? = $0.op { true } else { false } }, "\(name)")
    }

    /// No sequence node is left after resolution, and no sequence reaches a tensor operator.
    @Test(arguments: sequenceCases)
    func resolutionLeavesNoSequenceNode(_ name: String) throws {
        let onnx = try ONNXModel(contentsOf: Zoo.ops.appendingPathComponent("\(name).onnx"))
        let graph = try onnx.graph.resolved()
        #expect(!graph.nodes.contains { if case .sequence? = $0.op { true } else { false } }, "\(name)")
        #expect(onnx.graph.nodes.contains { if case .sequence? = $0.op { true } else { false } }, "\(name)")
    }

    /// Sequences zkml cannot resolve statically, and sequence nodes outside the specification,
    /// are refused naming the node (or the graph output).
    @Test func unresolvableSequencesAreNamed() {
        let x = ValueInfo(name: "x", elementType: .float, shape: [.fixed(2), .fixed(6)])
        let p = ValueInfo(name: "p", elementType: .int64, shape: [])
        func resolve(_ nodes: [Node], inputs: [ValueInfo] = [], constants: [String: Tensor<Double>] = [:], output: String = "y") throws {
            _ = try Graph(name: "g", nodes: nodes, initializers: constants, initializerTypes: constants.mapValues { _ in .int64 },
                          inputs: [x] + inputs, outputs: [ValueInfo(name: output, elementType: .float, shape: nil)], opset: 13).resolved()
        }
        let split = Node(name: "split", opType: "SplitToSequence", inputs: ["x"], outputs: ["s"], attributes: ["axis": .int(1)])
        let splitReason = Self.reason { try resolve([split], output: "s") }
        #expect(splitReason?.contains("graph output 's' is a sequence") == true, "\(splitReason ?? "accepted")")
        let add = Node(name: "add", opType: "Add", inputs: ["s", "x"], outputs: ["y"])
        #expect(Self.reason { try resolve([split, add]) }?.contains("reads the sequence 's'") == true)
        let insert = Node(name: "ins", opType: "SequenceInsert", inputs: ["s", "x", "p"], outputs: ["s2"])
        let at = Node(name: "at", opType: "SequenceAt", inputs: ["s2", "zero"], outputs: ["y"])
        let zero = ["zero": Tensor<Double>(shape: [], scalars: [0])]
        #expect(Self.reason { try resolve([split, insert, at], inputs: [p], constants: zero) }?
            .contains("position 'p' is computed from the model's inputs") == true)
        let far = Node(name: "at", opType: "SequenceAt", inputs: ["s", "six"], outputs: ["y"])
        #expect(Self.reason { try resolve([split, far], constants: ["six": Tensor(shape: [], scalars: [6])]) }?
            .contains("position 6 outside [-6, 5]") == true)
        #expect(Self.reason { try resolve([split, far], constants: ["six": Tensor(shape: [], scalars: [-6])]) } == nil)
        // A computed position over elements of two shapes would give an output of either shape.
        let uneven = Node(name: "uneven", opType: "SplitToSequence", inputs: ["x", "sizes"], outputs: ["s"], attributes: ["axis": .int(1)])
        let sizes = ["sizes": Tensor<Double>(shape: [2], scalars: [2, 4])]
        let computed = Node(name: "at", opType: "SequenceAt", inputs: ["s", "p"], outputs: ["y"])
        #expect(Self.reason { try resolve([uneven, computed], inputs: [p], constants: sizes) }?.contains("differ in shape") == true)
        let wrongSizes = ["sizes": Tensor<Double>(shape: [2], scalars: [2, 3])]
        #expect(Self.reason { try resolve([uneven, Node(name: "c", opType: "ConcatFromSequence", inputs: ["s"], outputs: ["y"], attributes: ["axis": .int(1)])],
                                          constants: wrongSizes) }?.contains("does not sum to the axis length 6") == true)
        let stack = Node(name: "c", opType: "ConcatFromSequence", inputs: ["s"], outputs: ["y"], attributes: ["axis": .int(0), "new_axis": .int(1)])
        #expect(Self.reason { try resolve([uneven, stack], constants: sizes) }?.contains("stacks elements of different shapes") == true)
        let offAxis = Node(name: "c", opType: "ConcatFromSequence", inputs: ["s"], outputs: ["y"], attributes: ["axis": .int(0)])
        #expect(Self.reason { try resolve([uneven, offAxis], constants: sizes) }?.contains("shapes differ off axis 0") == true)
        #expect(Self.reason { try resolve([uneven, Node(name: "c", opType: "ConcatFromSequence", inputs: ["s"], outputs: ["y"], attributes: ["axis": .int(1)])],
                                          constants: sizes) } == nil)
        let empty = Node(name: "e", opType: "SequenceEmpty", inputs: [], outputs: ["s"])
        #expect(Self.reason { try resolve([empty, Node(name: "er", opType: "SequenceErase", inputs: ["s"], outputs: ["s2"]),
                                           Node(name: "l", opType: "SequenceLength", inputs: ["s2"], outputs: ["y"])]) }?
            .contains("erases from an empty sequence") == true)
    }

    /// One node on an input `x` of `shape`, resolved.
    static func resolve(_ node: Node, shape: [Int] = [2, 6], opset: Int = 13, constants: [String: Tensor<Double>] = [:],
                        types: [String: ElementType] = [:]) throws -> ResolvedGraph {
        try Graph(name: "g", nodes: [node], initializers: constants, initializerTypes: types,
                  inputs: [ValueInfo(name: "x", elementType: .float, shape: shape.map { .fixed($0) })],
                  outputs: node.outputs.map { ValueInfo(name: $0, elementType: .float, shape: nil) }, opset: opset).resolved()
    }

    static func reason(_ body: () throws -> Void) -> String? {
        do { try body() } catch let ONNXError.invalidNode(_, _, reason) { return reason } catch { return "\(error)" }
        return nil
    }

    @Test func attributesOutsideTheSpecificationAreNamed() {
        let lp = Node(name: "n", opType: "LpNormalization", inputs: ["x"], outputs: ["y"], attributes: ["p": .int(3)])
        #expect(Self.reason { _ = try Self.resolve(lp) }?.contains("p = 3 (1 or 2)") == true)
        let axis = Node(name: "n", opType: "LpNormalization", inputs: ["x"], outputs: ["y"], attributes: ["axis": .int(2)])
        #expect(Self.reason { _ = try Self.resolve(axis) }?.contains("axis 2 outside a rank-2 input") == true)
        let scale = Tensor<Double>(shape: [3], scalars: [1, 1, 1]), bias = Tensor<Double>(shape: [3], scalars: [0, 0, 0])
        let groups = Node(name: "n", opType: "GroupNormalization", inputs: ["x", "s", "b"], outputs: ["y"], attributes: ["num_groups": .int(4)])
        #expect(Self.reason { _ = try Self.resolve(groups, shape: [1, 6, 2], opset: 21, constants: ["s": scale, "b": bias]) }?
            .contains("num_groups 4 must divide the 6 channels") == true)
        let perGroup = Node(name: "n", opType: "GroupNormalization", inputs: ["x", "s", "b"], outputs: ["y"], attributes: ["num_groups": .int(3)])
        // Opset 21 wants one scale per channel (6), opset 18 one per group (3).
        #expect(Self.reason { _ = try Self.resolve(perGroup, shape: [1, 6, 2], opset: 21, constants: ["s": scale, "b": bias]) }?
            .contains("scale has shape [3], not [6] (opset 21: one per channel)") == true)
        #expect(Self.reason { _ = try Self.resolve(perGroup, shape: [1, 6, 2], opset: 18, constants: ["s": scale, "b": bias]) } == nil)
        let blocked = Node(name: "n", opType: "DequantizeLinear", inputs: ["x", "s"], outputs: ["y"], attributes: ["block_size": .int(2)])
        #expect(Self.reason { _ = try Self.resolve(blocked, opset: 21, constants: ["s": Tensor(shape: [], scalars: [0.1])]) }?
            .contains("blocked quantization") == true)
        let float8 = Node(name: "n", opType: "QuantizeLinear", inputs: ["x", "s"], outputs: ["y"], attributes: ["output_dtype": .int(17)])
        #expect(Self.reason { _ = try Self.resolve(float8, opset: 21, constants: ["s": Tensor(shape: [], scalars: [0.1])]) }?
            .contains("8-, 16- and 32-bit integers are supported") == true)
        let axisScales = Node(name: "n", opType: "QuantizeLinear", inputs: ["x", "s"], outputs: ["y"], attributes: ["axis": .int(1)])
        #expect(Self.reason { _ = try Self.resolve(axisScales, constants: ["s": Tensor(shape: [4], scalars: [0.1, 0.1, 0.1, 0.1])]) }?
            .contains("4 scales for axis 1 of length 6") == true)
        let fractionalBias = Node(name: "n", opType: "Shrink", inputs: ["x"], outputs: ["y"], attributes: ["bias": .float(0.5)])
        let integerInput = { try Graph(name: "g", nodes: [fractionalBias], initializers: [:],
                                       inputs: [ValueInfo(name: "x", elementType: .int32, shape: [.fixed(4)])],
                                       outputs: [ValueInfo(name: "y", elementType: .int32, shape: nil)], opset: 13).resolved() }
        #expect(Self.reason { _ = try integerInput() }?.contains("bias 0.5 on a") == true)
        // MatMulInteger's A zero point is one per row of A (2 here), ConvInteger's x zero point a scalar.
        let weights = Tensor<Double>(shape: [6, 4], repeating: 1)
        let rows = Node(name: "n", opType: "MatMulInteger", inputs: ["x", "w", "z"], outputs: ["y"])
        #expect(Self.reason { _ = try Self.resolve(rows, constants: ["w": weights, "z": Tensor(shape: [3], repeating: 0)]) }?
            .contains("zero point of shape [3] for an input of shape [2, 6] (a scalar or one per row)") == true)
        #expect(Self.reason { _ = try Self.resolve(rows, constants: ["w": weights, "z": Tensor(shape: [2], repeating: 0)]) } == nil)
        let convZero = Node(name: "n", opType: "ConvInteger", inputs: ["x", "w", "z"], outputs: ["y"])
        #expect(Self.reason { _ = try Self.resolve(convZero, shape: [1, 2, 4, 4], constants: ["w": Tensor(shape: [3, 2, 3, 3], repeating: 1),
                                                                                              "z": Tensor(shape: [2], repeating: 0)]) }?
            .contains("x_zero_point of shape [2] (a scalar)") == true)
    }

    /// IsNaN and IsInf of a constant read its values (NaN, ±∞ honouring detect_negative/positive).
    @Test func isNaNAndIsInfOfAConstantReadItsValues() throws {
        let data = Tensor<Double>(shape: [4], scalars: [.nan, .infinity, -.infinity, 1])
        let nan = Node(name: "n", opType: "IsNaN", inputs: ["c"], outputs: ["y"])
        let inf = Node(name: "i", opType: "IsInf", inputs: ["c"], outputs: ["z"], attributes: ["detect_negative": .int(0)])
        let graph = try Graph(name: "g", nodes: [nan, inf], initializers: ["c": data],
                              inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(1)])],
                              outputs: [ValueInfo(name: "y", elementType: .bool, shape: nil), ValueInfo(name: "z", elementType: .bool, shape: nil)],
                              opset: 13).resolved()
        #expect(graph.constants["y"]?.scalars == [1, 0, 0, 0])
        #expect(graph.constants["z"]?.scalars == [0, 1, 0, 0])
    }

    /// QuantizeLinear rounds halves to even and saturates at the type's bounds, as onnxruntime does.
    @Test func quantizeLinearRoundsHalvesToEvenAndSaturates() throws {
        let node = Node(name: "q", opType: "QuantizeLinear", inputs: ["x", "s", "z"], outputs: ["y"])
        let graph = try Self.resolve(node, shape: [6], constants: ["s": Tensor(shape: [], scalars: [0.5]), "z": Tensor(shape: [], scalars: [-2])],
                                     types: ["z": .int8])
        let y = try graph.evaluate([Tensor(shape: [6], scalars: [0.25, 0.75, -0.25, 100, -100, 1.25])])[0]
        // 0.5 → 0, 1.5 → 2, −0.5 → −0, 200 → 127 after the zero point, −200 → −128, 2.5 → 2; then − 2.
        #expect(y.scalars == [-2, 0, -2, 127, -128, 0])
        #expect(graph.elementTypes["y"] == .int8)
    }
}
