/// An ONNX operator zkml supports: the node's `(domain, op_type)` matched once, when the node is
/// made (``Node/init(name:opType:domain:inputs:outputs:attributes:)``), and switched over by every
/// later layer (float reference, quantizer, inspection) instead of the raw name.
///
/// The cases name operators, not operators with parsed attributes. An operator's attributes only
/// mean something together with the opset and its constant operands, which are known after shape
/// resolution (Clip-11 reads its bounds from inputs, Clip-6 from attributes; Pad, Slice, Squeeze
/// and Unsqueeze moved attributes to inputs across opsets), so parsing them at import would split
/// each operator's reading between two places; the node keeps its attributes and the operator's
/// own code reads them (for example ``Node/clipBounds(opset:lower:upper:)``). What the enum does
/// guarantee is that a new case is a compile error in every exhaustive switch until each layer
/// handles it. The default ONNX domain (`""` or `ai.onnx`) is supported, and from `ai.onnx.ml` the
/// tree ensembles, ZipMap, Scaler, LinearRegressor, LinearClassifier and Normalizer; a node of any
/// other domain or operator (`com.microsoft`, `ai.onnx.ml.SVMClassifier`) has no operator and is
/// reported unsupported.
///
/// Adding an operator (the compiler lists every place but the first and the last):
/// 1. here: the case, its ``name`` and its ``allCases`` entry; ``kind`` in `ONNXOperator+Kind.swift`;
/// 2. ``FloatEvaluator``: its case in `evaluate` and in `outputTypes` (the float semantics);
/// 3. ZKQuant: one line in `Quantizer+Lowering.swift`, its code in the family's
///    `Quantizer+<Family>.swift`; a new integer primitive also needs a `QuantizedOperation`
///    case, its `IntegerKernels` case, and in ZKCompiler one line in `ModelCircuit+Lowering.swift`
///    with the gadget code in `ModelCircuit+<Family>.swift` (and its `ModelParameters` tensors);
/// 4. Circuits/generate.py: a single-operator case with onnxruntime's output (the conformance tests).
public enum ONNXOperator: Sendable, Hashable {
    case gemm, matMul, conv, batchNormalization
    /// `ConvTranspose(x, W, B)`: a 1-, 2- or 3-D transposed convolution (``ConvTransposeGeometry``).
    case convTranspose
    /// `Einsum(x…)` (``EinsumEquation``).
    case einsum
    /// Bitwise operators on integer tensors (two's complement; opset 18) and `BitShift` on
    /// unsigned ones (opset 11).
    case bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseNot, bitShift
    case add, sub, sum, neg, mul, div, pow
    case relu, leakyRelu, pRelu, clip
    /// An element-wise function evaluated through a table (``UnaryFunction``).
    case function(UnaryOperator)
    /// Normalizations over groups of elements (function tables and a reciprocal).
    case softmax, logSoftmax, layerNormalization, instanceNormalization
    /// A comparison, a logic operator or `Where` (``LogicOperator``).
    case logic(LogicOperator)
    /// `⌊x⌋`, `⌈x⌉`, and `x` rounded to the nearest integer, halves to even.
    case floor, ceil, round
    /// A pool, a reduction or `ArgMax`.
    case window(WindowOperator)
    case flatten, reshape, transpose, squeeze, unsqueeze, concat, slice, pad, identity, dropout, cast, gather, expand,
         tile, trilu, split
    case constant, shape, constantOfShape
    /// `OneHot(indices, depth, values)`.
    case oneHot
    /// `GatherElements(data, indices, axis)`.
    case gatherElements
    /// `TopK(x, k)`: the `k` largest (or smallest) values along an axis and their indices.
    case topK
    /// `ai.onnx.ml` tree ensembles (``TreeEnsemble``): the classifier and regressor of opsets 1–3
    /// and opset 5's `TreeEnsemble`.
    case treeEnsembleClassifier, treeEnsembleRegressor, treeEnsemble
    /// `ai.onnx.ml` ZipMap: a classifier's probabilities as one map per sample (label →
    /// probability). zkml keeps them as the `[N, classes]` tensor in class-label order.
    case zipMap
    /// `ai.onnx.ml` Scaler, `y = (x − offset)·scale` per feature, and LinearRegressor,
    /// `y = x·Cᵀ + intercepts` (``Node/linearRegressor()``): what skl2onnx puts around or emits for
    /// StandardScaler and the linear models.
    case scaler, linearRegressor
    /// Element-wise `Max`/`Min` of any number of operands (numpy broadcasting), and `Mod`
    /// (`fmod` 0: the sign of the divisor; 1: the sign of the dividend).
    case max, min, mod
    /// `Hardmax(x, axis)`: 1 at the first maximum along the axis (opset < 13: of each row of `x`
    /// flattened to 2-D at the axis), 0 elsewhere.
    case hardmax
    /// Shapes and constants: `EyeLike` (depends only on its input's shape), `Range`, `NonZero`
    /// (constant operands only: on a computed tensor its shape would depend on the data).
    case eyeLike, range, nonZero
    /// `GatherND(data, indices, batch_dims)`, `ScatterND(data, indices, updates, reduction)` and
    /// `ScatterElements(data, indices, updates, axis, reduction)`, with constant or computed indices.
    case gatherND, scatterND, scatterElements
    /// `ai.onnx.ml` LinearClassifier (``LinearClassifier``) and Normalizer (`norm` MAX, L1, L2:
    /// each row divided by its maximum, its sum of magnitudes or its Euclidean norm; an all-zero
    /// row stays zero): what skl2onnx emits for LogisticRegression, LinearSVC and `Normalizer`.
    case linearClassifier, normalizer
    /// `ai.onnx.ml` ArrayFeatureExtractor(X, Y): `X` gathered at the indices `Y` along its last
    /// axis (a 1-D `X` gives `[1, K]`): Gather along the last axis.
    case arrayFeatureExtractor
    /// RNN, GRU, LSTM: unrolled over the sequence into supported operators when the graph is
    /// resolved (``RecurrentExpansion``).
    case rnn, gru, lstm
    /// Resize (opsets 10–19) and the older Upsample: constant taps per output (``ResizeGeometry``).
    case resize, upsample
    /// DepthToSpace (`DCR` and `CRD`) and SpaceToDepth on `[N, C, H, W]`: data movement.
    case depthToSpace, spaceToDepth
    /// An operator expanded at graph resolution into supported ones (``CompositeExpansion``);
    /// no stage after resolution sees it.
    case composite(CompositeOperator)
    /// A sequence operator, resolved with the graph into the tensors it names
    /// (``SequenceResolution``); no stage after resolution sees it.
    case sequence(SequenceOperator)

    /// The ONNX `op_type`.
    public var name: String {
        switch self {
        case .gemm: "Gemm"
        case .matMul: "MatMul"
        case .conv: "Conv"
        case .convTranspose: "ConvTranspose"
        case .einsum: "Einsum"
        case .bitwiseAnd: "BitwiseAnd"
        case .bitwiseOr: "BitwiseOr"
        case .bitwiseXor: "BitwiseXor"
        case .bitwiseNot: "BitwiseNot"
        case .bitShift: "BitShift"
        case .batchNormalization: "BatchNormalization"
        case .add: "Add"
        case .sub: "Sub"
        case .sum: "Sum"
        case .neg: "Neg"
        case .mul: "Mul"
        case .div: "Div"
        case .pow: "Pow"
        case .relu: "Relu"
        case .leakyRelu: "LeakyRelu"
        case .pRelu: "PRelu"
        case .clip: "Clip"
        case let .function(operation): operation.rawValue
        case .softmax: "Softmax"
        case .logSoftmax: "LogSoftmax"
        case .layerNormalization: "LayerNormalization"
        case .instanceNormalization: "InstanceNormalization"
        case let .logic(operation): operation.rawValue
        case .floor: "Floor"
        case .ceil: "Ceil"
        case .round: "Round"
        case let .window(operation): operation.rawValue
        case let .composite(operation): operation.rawValue
        case let .sequence(operation): operation.rawValue
        case .flatten: "Flatten"
        case .reshape: "Reshape"
        case .transpose: "Transpose"
        case .squeeze: "Squeeze"
        case .unsqueeze: "Unsqueeze"
        case .concat: "Concat"
        case .slice: "Slice"
        case .pad: "Pad"
        case .identity: "Identity"
        case .dropout: "Dropout"
        case .cast: "Cast"
        case .gather: "Gather"
        case .expand: "Expand"
        case .tile: "Tile"
        case .trilu: "Trilu"
        case .split: "Split"
        case .constant: "Constant"
        case .shape: "Shape"
        case .constantOfShape: "ConstantOfShape"
        case .oneHot: "OneHot"
        case .gatherElements: "GatherElements"
        case .topK: "TopK"
        case .treeEnsembleClassifier: "TreeEnsembleClassifier"
        case .treeEnsembleRegressor: "TreeEnsembleRegressor"
        case .treeEnsemble: "TreeEnsemble"
        case .zipMap: "ZipMap"
        case .scaler: "Scaler"
        case .linearRegressor: "LinearRegressor"
        case .max: "Max"
        case .min: "Min"
        case .mod: "Mod"
        case .hardmax: "Hardmax"
        case .eyeLike: "EyeLike"
        case .range: "Range"
        case .nonZero: "NonZero"
        case .gatherND: "GatherND"
        case .scatterND: "ScatterND"
        case .scatterElements: "ScatterElements"
        case .linearClassifier: "LinearClassifier"
        case .normalizer: "Normalizer"
        case .arrayFeatureExtractor: "ArrayFeatureExtractor"
        case .rnn: "RNN"
        case .gru: "GRU"
        case .lstm: "LSTM"
        case .resize: "Resize"
        case .upsample: "Upsample"
        case .depthToSpace: "DepthToSpace"
        case .spaceToDepth: "SpaceToDepth"
        }
    }

    /// The operator's domain: `""` (the default ONNX domain) or `ai.onnx.ml`.
    public var domain: String {
        switch self {
        case .treeEnsembleClassifier, .treeEnsembleRegressor, .treeEnsemble, .zipMap, .scaler, .linearRegressor, .linearClassifier,
             .normalizer, .arrayFeatureExtractor: "ai.onnx.ml"
        case let .composite(operation): operation.domain
        default: ""
        }
    }

    /// The operator named `opType` in `domain`, or `nil` when zkml does not support it.
    public init?(opType: String, domain: String = "") {
        guard let operation = Self.byName[opType], operation.domain == (domain == "ai.onnx" ? "" : domain) else { return nil }
        self = operation
    }

    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}

extension ONNXOperator: CaseIterable {
    /// Every supported operator. A case missing here is never matched at import, so the
    /// conformance test of its Circuits/ops file fails (``name`` is the exhaustive list).
    public static let allCases: [ONNXOperator] = [
        .gemm, .matMul, .conv, .convTranspose, .einsum, .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot, .bitShift,
        .batchNormalization, .add, .sub, .sum, .neg, .mul, .div, .pow,
        .relu, .leakyRelu, .pRelu, .clip, .softmax, .logSoftmax, .layerNormalization, .instanceNormalization, .floor, .ceil,
        .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .concat, .slice, .pad, .identity, .dropout, .cast,
        .gather, .expand, .tile, .trilu, .split, .constant, .shape, .constantOfShape, .treeEnsembleClassifier, .treeEnsembleRegressor, .treeEnsemble,
        .zipMap, .oneHot, .gatherElements, .round, .topK, .scaler, .linearRegressor, .max, .min, .mod, .hardmax, .eyeLike,
        .range, .nonZero, .gatherND, .scatterND, .scatterElements, .linearClassifier, .normalizer,
        .arrayFeatureExtractor, .rnn, .gru, .lstm, .resize, .upsample, .depthToSpace, .spaceToDepth,
    ] + WindowOperator.allCases.map(ONNXOperator.window) + UnaryOperator.allCases.map(ONNXOperator.function)
        + LogicOperator.allCases.map(ONNXOperator.logic) + CompositeOperator.allCases.map(ONNXOperator.composite)
        + SequenceOperator.allCases.map(ONNXOperator.sequence)
}
