import Testing
@testable import ZKONNX

/// The operator vocabulary: the one place an ONNX `op_type` is matched.
@Suite struct ONNXOperatorTests {
    /// The supported operators and their kinds as the string table had them before the enum
    /// (issue #29), plus the function tables, normalizations and norm reductions of issue #31 and the
    /// `ai.onnx.ml` tree ensembles, selection and indexing operators of issue #32: the vocabulary neither
    /// gained nor lost another operator, nor changed a kind.
    static let table: [String: OperatorSupport.Kind] = [
        "Gemm": .linear, "MatMul": .linear, "Conv": .linear, "ConvTranspose": .linear, "Einsum": .nonLinear, "BitwiseAnd": .nonLinear, "BitwiseOr": .nonLinear, "BitwiseXor": .nonLinear, "BitwiseNot": .linear, "BitShift": .nonLinear, "Add": .linear, "Sub": .linear, "Sum": .linear,
        "Neg": .linear, "Mul": .nonLinear, "Pow": .nonLinear, "Div": .nonLinear, "BatchNormalization": .linear,
        "AveragePool": .nonLinear, "GlobalAveragePool": .nonLinear, "ReduceSum": .linear,
        "ReduceMean": .nonLinear, "Relu": .nonLinear, "LeakyRelu": .nonLinear, "PRelu": .nonLinear,
        "Clip": .nonLinear, "Sigmoid": .nonLinear, "Tanh": .nonLinear, "Erf": .nonLinear, "HardSigmoid": .nonLinear,
        "HardSwish": .nonLinear, "Exp": .nonLinear, "Log": .nonLinear, "Sqrt": .nonLinear, "Reciprocal": .nonLinear,
        "Softplus": .nonLinear, "Softsign": .nonLinear, "Elu": .nonLinear, "Celu": .nonLinear, "Selu": .nonLinear,
        "Mish": .nonLinear, "Gelu": .nonLinear, "Abs": .nonLinear, "Sign": .nonLinear,
        "Softmax": .nonLinear, "LogSoftmax": .nonLinear, "LayerNormalization": .nonLinear, "InstanceNormalization": .nonLinear,
        "ReduceL1": .nonLinear, "ReduceL2": .nonLinear, "ReduceLogSumExp": .nonLinear, "ReduceSumSquare": .nonLinear,
        "Sin": .nonLinear, "Cos": .nonLinear, "Tan": .nonLinear, "Asin": .nonLinear, "Acos": .nonLinear, "Atan": .nonLinear,
        "Sinh": .nonLinear, "Cosh": .nonLinear, "Asinh": .nonLinear, "Acosh": .nonLinear, "Atanh": .nonLinear,
        "Less": .nonLinear, "LessOrEqual": .nonLinear, "Greater": .nonLinear, "GreaterOrEqual": .nonLinear, "Equal": .nonLinear,
        "Not": .linear, "And": .nonLinear, "Or": .nonLinear, "Xor": .nonLinear, "Where": .nonLinear,
        "Floor": .nonLinear, "Ceil": .nonLinear,
        "MaxPool": .nonLinear, "GlobalMaxPool": .nonLinear, "ArgMax": .nonLinear,
        "Flatten": .wiring, "Reshape": .wiring, "Transpose": .wiring, "Squeeze": .wiring, "Unsqueeze": .wiring,
        "Concat": .wiring, "Slice": .wiring, "Pad": .wiring, "Identity": .wiring, "Dropout": .wiring,
        "Cast": .wiring, "Gather": .wiring, "Expand": .wiring, "Tile": .wiring, "Trilu": .wiring, "Split": .wiring,
        "ReduceMax": .nonLinear, "ReduceMin": .nonLinear,
        "Constant": .constant, "Shape": .constant, "ConstantOfShape": .constant,
        "TreeEnsembleClassifier": .nonLinear, "TreeEnsembleRegressor": .nonLinear, "TreeEnsemble": .nonLinear, "ZipMap": .wiring,
        "OneHot": .nonLinear, "GatherElements": .nonLinear, "Round": .nonLinear, "TopK": .nonLinear,
        "Scaler": .linear, "LinearRegressor": .linear,
        "Max": .nonLinear, "Min": .nonLinear, "Mod": .nonLinear, "Hardmax": .nonLinear, "ArgMin": .nonLinear,
        "GatherND": .nonLinear, "ScatterND": .nonLinear, "ScatterElements": .nonLinear,
        "EyeLike": .constant, "Range": .constant, "NonZero": .constant,
        "LinearClassifier": .nonLinear, "Normalizer": .nonLinear, "ArrayFeatureExtractor": .wiring,
        "RNN": .nonLinear, "GRU": .nonLinear, "LSTM": .nonLinear, "Resize": .linear, "Upsample": .linear, "DepthToSpace": .wiring,
        "SpaceToDepth": .wiring,
        // Composite operators, expanded at resolution: the kind of what they expand to.
        "ThresholdedRelu": .nonLinear, "Shrink": .nonLinear, "Mean": .linear, "ReduceLogSum": .nonLinear,
        "LpNormalization": .nonLinear, "MeanVarianceNormalization": .nonLinear, "GroupNormalization": .nonLinear,
        "QuantizeLinear": .nonLinear, "DequantizeLinear": .linear, "LRN": .nonLinear,
        "Binarizer": .nonLinear, "Imputer": .nonLinear, "FeatureVectorizer": .wiring, "OneHotEncoder": .nonLinear,
        "SVMRegressor": .nonLinear, "SVMClassifier": .nonLinear, "LabelEncoder": .nonLinear, "CumSum": .linear,
        "RMSNormalization": .nonLinear, "Swish": .nonLinear, "IsNaN": .constant, "IsInf": .constant,
        "CastLike": .wiring, "Size": .constant,
        "MatMulInteger": .linear, "ConvInteger": .linear, "QLinearMatMul": .nonLinear, "QLinearConv": .nonLinear,
        "DynamicQuantizeLinear": .nonLinear,
        // Sequence operators, resolved into the tensors they name (a computed SequenceAt is a GatherElements).
        "SequenceEmpty": .wiring, "SequenceConstruct": .wiring, "SequenceInsert": .wiring, "SequenceErase": .wiring,
        "SequenceAt": .nonLinear, "SequenceLength": .constant, "SplitToSequence": .wiring, "ConcatFromSequence": .wiring,
    ]

    @Test func vocabularyMatchesTheSupportTable() {
        #expect(ONNXOperator.allCases.count == Self.table.count)
        #expect(OperatorSupport.operators == Self.table)
        for (name, kind) in Self.table {
            let op = ONNXOperator(opType: name, domain: name.hasPrefix("TreeEnsemble") || ["ZipMap", "Scaler", "LinearRegressor", "LinearClassifier", "Normalizer", "ArrayFeatureExtractor",
                                                                                                       "Binarizer", "Imputer", "FeatureVectorizer", "OneHotEncoder", "SVMRegressor", "SVMClassifier", "LabelEncoder"].contains(name) ? "ai.onnx.ml" : "")
            #expect(op?.name == name, "\(name)")
            #expect(op?.kind == kind, "\(name)")
        }
    }

    @Test func everyCaseRoundTripsThroughItsName() {
        for op in ONNXOperator.allCases { #expect(ONNXOperator(opType: op.name, domain: op.domain) == op, "\(op.name)") }
        #expect(Set(ONNXOperator.allCases.map(\.name)).count == ONNXOperator.allCases.count)
    }

    @Test func theDefaultDomainAndTheTreeEnsemblesOfTheMLDomain() {
        #expect(ONNXOperator(opType: "TreeEnsembleClassifier", domain: "ai.onnx.ml") == .treeEnsembleClassifier)
        #expect(ONNXOperator(opType: "TreeEnsembleRegressor", domain: "ai.onnx.ml") == .treeEnsembleRegressor)
        #expect(ONNXOperator(opType: "TreeEnsembleRegressor") == nil)
        #expect(ONNXOperator(opType: "TreeEnsemble", domain: "ai.onnx.ml") == .treeEnsemble)
        #expect(ONNXOperator(opType: "TreeEnsemble") == nil)
        #expect(ONNXOperator(opType: "Relu", domain: "ai.onnx.ml") == nil)
        #expect(ONNXOperator(opType: "Relu", domain: "") == .relu)
        #expect(ONNXOperator(opType: "Relu", domain: "ai.onnx") == .relu)
        #expect(ONNXOperator(opType: "Relu", domain: "com.microsoft") == nil)
        #expect(ONNXOperator(opType: "SVMClassifier", domain: "ai.onnx.ml") == .composite(.svmClassifier))
        #expect(ONNXOperator(opType: "SVMClassifier") == nil)
        #expect(ONNXOperator(opType: "CategoryMapper", domain: "ai.onnx.ml") == nil)
        #expect(ONNXOperator(opType: "Normalizer", domain: "ai.onnx.ml") == .normalizer)
        #expect(ONNXOperator(opType: "relu") == nil)
        #expect(ONNXOperator(opType: "ReduceMax") == .window(.reduceMax))
    }

    /// A node of another domain keeps its name and fails resolution with the message it always had.
    @Test func foreignDomainNodeIsAnUnsupportedOperator() throws {
        let node = Node(name: "r", opType: "Relu", domain: "com.microsoft", inputs: ["x"], outputs: ["y"])
        #expect(node.op == nil && node.opType == "Relu")
        let graph = try Graph(name: "g", nodes: [node], initializers: [:],
                              inputs: [ValueInfo(name: "x", elementType: .float, shape: [.fixed(2)])],
                              outputs: [ValueInfo(name: "y", elementType: .float, shape: nil)], opset: 13)
        let error = ONNXError.unsupportedOperator(node: "r", opType: "com.microsoft.Relu", opset: 13)
        #expect(throws: error) { try graph.resolved() }
        #expect(error.tagged == "[onnx] node 'r': operator com.microsoft.Relu (opset 13) is not supported")
    }
}
