/// ONNX operators that zkml computes as a small graph of operators it already supports, expanded at
/// graph resolution (``CompositeExpansion``) so that no later stage sees them. Each follows its
/// definition in the ONNX operator specification (most are ONNX *functions* there, with a body of
/// the same operators):
///
/// - `ThresholdedRelu(x; alpha = 1)`: `x` where `x > alpha`, else 0 (opset 10);
/// - `Shrink(x; bias = 0, lambd = 0.5)`: `x + bias` where `x < −lambd`, `x − bias` where
///   `x > lambd`, else 0 (opset 9);
/// - `Mean(x₁, …, xₙ)`: the element-wise mean with numpy broadcasting (opsets 1–13);
/// - `ReduceLogSum(x; axes, keepdims, noop_with_empty_axes)`: `log(ReduceSum(x))` with the
///   reduction's own attributes and `axes` input (opsets 1–18);
/// - `LpNormalization(x; axis = −1, p = 2)`: `x / ‖x‖ₚ` along `axis`, `p` 1 or 2 (opsets 1, 22);
/// - `MeanVarianceNormalization(x; axes = [0, 2, 3])`: `(x − E[x]) / (√Var[x] + 10⁻⁹)` over `axes`
///   (opsets 9, 13; the variance as `E[(x − E[x])²]`, equal to the specification's
///   `E[x²] − E[x]²` in exact arithmetic and without its cancellation);
/// - `GroupNormalization(x, scale, bias; num_groups, epsilon = 10⁻⁵)`: the channels of
///   `x` `[N, C, …]` split into `num_groups` groups, each normalised over its channels and spatial
///   positions (an `InstanceNormalization` of `x` reshaped to `[N, G, C/G·…]`), then `·scale + bias`
///   per channel (opset 21) or per group (opset 18, whose `scale` and `bias` have `G` entries);
/// - `LRN(x; size, alpha = 10⁻⁴, beta = 0.75, bias = 1)`: `x / (bias + alpha/size · Σ x²)^beta`,
///   the sum over the channels `c − ⌊(size−1)/2⌋ … c + ⌈(size−1)/2⌉` of `x` `[N, C, …]` (opsets 1,
///   13): the squares' channel sums a MatMul by a constant 0/1 band (free), the power a table;
/// - `RMSNormalization(x, scale; axis = −1, epsilon = 10⁻⁵)`: `x · (mean(x²) + ε)^(−1/2) · scale`,
///   the mean over the axes from `axis` on (opset 23): a square, a mean, one power table, two products;
/// - `Swish(x; alpha = 1)`: `x · sigmoid(alpha·x)` (opset 24);
/// - `IsNaN(x)`, `IsInf(x)` (`detect_negative`, `detect_positive`): all false on a computed `x`.
///   zkml's inputs are finite (NaN and infinities are refused when an input is read) and its
///   fixed-point arithmetic never makes either (a division by zero is an error), so both are a
///   constant of `x`'s shape, folded at compile time; on a constant `x` its own flags;
/// - `CastLike(x, target)`: `Cast(x)` to `target`'s element type (opsets 15–21; the exporters of
///   recent PyTorch emit it around constants); `Size(x)`: the element count, a constant of the static
///   shape;
/// - `CumSum(x, axis; exclusive, reverse)`: the running sums along `axis` (a constant), as a MatMul
///   by a constant 0/1 triangle over that axis (free; opsets 11, 14);
/// - `QuantizeLinear(x, scale, zero_point)`: `saturate(round(x / scale) + zero_point)` to the zero
///   point's integer type (or `output_dtype`; uint8 without either), rounding halves to even, with
///   one scale per tensor or, 1-D, per slice along `axis` (opsets 10–21; 8-, 16- and 32-bit types);
/// - `DequantizeLinear(x, scale, zero_point)`: `(x − zero_point) · scale`, per tensor or per axis
///   (opsets 10–21). On constant weights (the QDQ format's) it folds into a float constant at
///   resolution; on activations a QuantizeLinear–DequantizeLinear pair is a rounding to the grid.
///   Blocked quantization (`block_size`) and the 4-bit and float8 types are refused by name;
/// - `MatMulInteger(A, B, a_zero_point, b_zero_point)`: `(A − a_zp)·(B − b_zp)` in `int32`, the zero
///   points scalars, `a_zp` per row of A and `b_zp` per column of B (opset 10);
///   `ConvInteger(x, w, x_zero_point, w_zero_point)`: `Conv(x − x_zp, w − w_zp)` in `int32` with
///   Conv's attributes, `w_zp` scalar or per output channel (opset 10) — the QOperator format of
///   onnxruntime's quantizer and of tf2onnx's TFLite conversions;
/// - `QLinearMatMul(a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp)`: `QuantizeLinear(
///   MatMul(DequantizeLinear(a), DequantizeLinear(b)), y_scale, y_zp)`, `a` and `y` per tensor or per
///   row, `b` per tensor or per column (opsets 10, 21); `QLinearConv(x, x_scale, x_zp, w, w_scale,
///   w_zp, y_scale, y_zp, B)`: `QuantizeLinear(Conv(DequantizeLinear(x), DequantizeLinear(w),
///   B·x_scale·w_scale), y_scale, y_zp)`, `w` per tensor or per output channel (opset 10). The
///   integers are exact; onnxruntime requantizes the same real value, so the two differ by at most
///   a rounding of the output (one unit of `y_scale`);
/// - `DynamicQuantizeLinear(x)` (opset 11, onnxruntime's dynamic quantization before each
///   MatMulInteger): `y_scale = (max(0, max x) − min(0, min x)) / 255`, `y_zero_point =
///   saturate(round(−min(0, min x) / y_scale))` and `y = saturate(round(x / y_scale) + y_zero_point)`
///   in uint8, halves to even: the reductions, one reciprocal of the range (`x / y_scale` as
///   `x · 255 / range`) and the roundings (an all-zero `x` has no scale and is refused as a
///   division by zero);
///
/// and of `ai.onnx.ml` (what skl2onnx emits for scikit-learn's preprocessing):
/// - `Binarizer(x; threshold = 0)`: 1 where `x > threshold`, else 0, in `x`'s type;
/// - `Imputer(x; imputed_value_floats, replaced_value_float = 0)`: each element equal to the
///   replaced value becomes the imputed value (one, or one per feature of the last axis); a NaN
///   replaced value (scikit-learn's `SimpleImputer` default) leaves every finite input as it is,
///   and zkml's inputs are finite (NaN is refused when an input is read);
/// - `FeatureVectorizer(x₁, …; inputdimensions)`: each input as `[N, dᵢ]` rows (cut or padded with
///   zeros to `dᵢ` columns), concatenated along the columns;
/// - `OneHotEncoder(x; cats_int64s, zeros = 1)`: a last axis of one 0/1 per category, 1 where
///   `x` equals it (a value of no category gives all zeros; `zeros = 0`, which makes it an error, and
///   string categories are refused by name);
/// - `LabelEncoder(x; keys_int64s/keys_floats, values_int64s/values_floats, default_*)`: each element
///   replaced by the value of the key it equals, or the default (numeric keys and values, opsets 1–4
///   with their attributes; `keys_tensor`/`values_tensor` too); string keys or values are refused;
/// - `SVMRegressor(x)` (scikit-learn's SVR, NuSVR and OneClassSVM): `Σₖ coefₖ·K(x, svₖ) + rho` with
///   `K` LINEAR `x·sv`, POLY `(γ·x·sv + c₀)^degree`, RBF `exp(−γ‖x − sv‖²)` or SIGMOID
///   `tanh(γ·x·sv + c₀)` (`kernel_params` = γ, c₀, degree), or without support vectors
///   `K(x, coefficients) + rho`; `one_class` maps the score to 1 (above 0) or −1. The products by the
///   support vectors are a MatMul by a constant with γ folded in (free, one rescale); RBF's
///   exponent `−γ‖x − sv‖²` is `2γ·x·sv − γ‖x‖² − γ‖sv‖²`, so its only products are the `F` squares
///   of `x`; each kernel value is one table;
/// - `SVMClassifier(x)` (scikit-learn's SVC and NuSVC) with integer labels, as onnxruntime computes
///   it: one decision per pair of classes `i < j` (class `i`'s support vectors weighted by coefficient
///   row `j − 1`, class `j`'s by row `i`, plus its rho: a MatMul by a constant), a vote for `i` when
///   positive, the label of the first most voted class; scores `[−d, d]` for two classes, the pairs'
///   decisions for more, or with `prob_a`/`prob_b` (two classes) Platt's `1/(1 + exp(A·d + B))` and
///   its complement. Probabilities for more than two classes (pairwise coupling, an iteration) and
///   string labels are refused by name.
public enum CompositeOperator: String, Sendable, Hashable, CaseIterable {
    case thresholdedRelu = "ThresholdedRelu"
    case shrink = "Shrink"
    case mean = "Mean"
    case reduceLogSum = "ReduceLogSum"
    case lpNormalization = "LpNormalization"
    case meanVarianceNormalization = "MeanVarianceNormalization"
    case groupNormalization = "GroupNormalization"
    case localResponseNormalization = "LRN"
    case cumSum = "CumSum"
    case rmsNormalization = "RMSNormalization"
    case swish = "Swish"
    case isNaN = "IsNaN"
    case isInf = "IsInf"
    case castLike = "CastLike"
    case size = "Size"
    case quantizeLinear = "QuantizeLinear"
    case dequantizeLinear = "DequantizeLinear"
    case binarizer = "Binarizer"
    case imputer = "Imputer"
    case featureVectorizer = "FeatureVectorizer"
    case oneHotEncoder = "OneHotEncoder"
    case svmRegressor = "SVMRegressor"
    case svmClassifier = "SVMClassifier"
    case labelEncoder = "LabelEncoder"
    case matMulInteger = "MatMulInteger"
    case convInteger = "ConvInteger"
    case qLinearMatMul = "QLinearMatMul"
    case qLinearConv = "QLinearConv"
    case dynamicQuantizeLinear = "DynamicQuantizeLinear"

    /// `ai.onnx.ml` for scikit-learn's preprocessing operators, else the default domain.
    public var domain: String {
        switch self {
        case .binarizer, .imputer, .featureVectorizer, .oneHotEncoder, .svmRegressor, .svmClassifier, .labelEncoder: "ai.onnx.ml"
        default: ""
        }
    }
}
