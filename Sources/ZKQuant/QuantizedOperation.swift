import ZKONNX

/// The integer primitives a quantized model is made of. Each maps to one circuit gadget; the exact
/// formula of each is in docs/quantization.md. `x`, `a`, `b` are the step's inputs in order.
public enum QuantizedOperation: Sendable, Equatable {
    /// `y[..., n] = Σ_k x[..., k]·W[k, n] + bias[n]` with `W` of shape `[K, N]`. Linear.
    case matMul(weights: Tensor<Int64>, bias: [Int64]?)
    /// Convolution (1-, 2- or 3-D) `y[n, m, p] = Σ_{c,k} x[...]·W[m, c, k] + bias[m]` (zero padding). Linear.
    case conv(ConvGeometry, weights: Tensor<Int64>, bias: [Int64]?)
    /// `y = Σ_i c_i·x_i + constant` with numpy broadcasting. Linear.
    case linearCombination(coefficients: [Int64], constant: Tensor<Int64>?)
    /// `y = x ⊙ multiplier + bias` with broadcasting. Linear (constants).
    case mulConstant(multiplier: Tensor<Int64>, bias: Tensor<Int64>?)
    /// `y = a ⊙ b` with broadcasting: one product constraint per element.
    case mul
    /// `y[t, i, j] = Σ_p a[t, i, p]·b[t, p, j]` (``MatMulGeometry``: broadcast batches, rank-1
    /// operands, transposed strides): MatMul of two activations, one product constraint per term
    /// (`M·K·N` per batch), the sums free.
    case batchMatMul(MatMulGeometry)
    /// `y = ⌊(x + 2^(k−1)) / 2^k⌋` (round half up; floor toward −∞). Identity for `k = 0`.
    case rescale(shift: Int)
    /// `y = ⌊(2x + d) / 2d⌋` = round-half-up of `x/d`, per output element (`divisors.count` is 1
    /// or the output count).
    case divide(divisors: [Int64])
    /// `y = max(x, 0)`.
    case relu
    /// `y = x` if `x ≥ 0`, else `⌊(x·a + 2^(k−1)) / 2^k⌋` with `a` the broadcast slope.
    case leakyRelu(slopes: Tensor<Int64>, shift: Int)
    /// `y = min(max(x, lower), upper)`.
    case clip(lower: Int64, upper: Int64)
    /// `y = table.value(at: x)`: an element-wise function through its ``FunctionTable`` (the
    /// output of the row covering `x`; an `x` no row covers has no value, and inference stops
    /// with ``QuantError/outsideDomain(node:tensor:index:value:domain:)``).
    case table(FunctionTable)
    /// `y = ⌊(2^(k+1) + x) / 2x⌋`, round half up of `2^k / x`, for `x > 0` (an `x ≤ 0` stops
    /// inference with ``QuantError/outsideDomain(node:tensor:index:value:domain:)``): Softmax's
    /// `1/Σ`.
    case reciprocal(shift: Int)
    /// `y = 1` when `x` passes the test (`x < 0`, `x ≤ 0`, `x = 0`), else 0: a comparison of two
    /// tensors as the sign of their difference.
    case test(ZeroTest)
    /// Data movement: `y[i] = inputs[sources[i]]` (inputs concatenated flat, in order) when
    /// `sources[i] ≥ 0`, else `constants[−1 − sources[i]]`. Reshape, Transpose, Slice, Pad,
    /// Concat, Gather… all become this.
    case rearrange(sources: [Int], constants: [Int64])
    /// `y[o] = Σ_{i ∈ window o} x[i]`. Linear.
    case windowSum(Windows)
    /// `y[o] = max_{i ∈ window o} x[i]`.
    case windowMax(Windows)
    /// `y[i] = x[i] − max_{j ∈ window(i)} x[j]` (so `y ≤ 0`), the windows a partition of `x`
    /// (each element in exactly one): Softmax's shift. The circuit proves only that each
    /// window's maximum is one of its elements (ZKCircuits' `maximumMember(of:)`, `k − 1`
    /// constraints for `k` elements); that no element exceeds it is proved by the step reading
    /// `y`, which must be a ``table(_:)`` whose rows cover no input above 0 (ZKCompiler refuses
    /// the model otherwise).
    case subtractWindowMax(Windows)
    /// `y[o]` = position of the largest element of window `o` (first, or last when `selectLast`).
    case argMax(Windows, selectLast: Bool)
    /// `y[n, c] = base[c] + Σ_trees weights[c]` of the leaf sample `n` reaches, each split sending
    /// it on by `x[n, feature] ≤ T` (``DecisionForest``).
    case treeEnsemble(DecisionForest)
    /// `y[..., i] = 1` when `x[...] = i` or `x[...] = i − depth`, else 0, for `i ∈ [0, depth)`, on
    /// integer indices at scale 0; an index outside `[−depth, depth)` stops inference with
    /// ``QuantError/outsideDomain(node:tensor:index:value:domain:)`` (no witness). Gather with
    /// computed indices and OneHot.
    case oneHot(depth: Int)
    /// `y = a ∘ b` bit by bit (∘: and, or, xor) on `bits`-bit two's-complement integers at scale 0,
    /// `b` the second input or, when given, the broadcast `constant`. Both decomposed into bits
    /// (`bits` constraints per element each; a constant's bits are known), one product per bit
    /// for two activations (none against a constant).
    case bitwise(BitwiseOperation, constant: Tensor<Int64>?, bits: Int)
    /// `y = (x · 2^s) mod 2^width` for `x ∈ [0, 2^bits)` and a broadcast constant shift `s`
    /// (`BitShift` LEFT on unsigned integers): `x`'s bits, the ones that stay below `width` moved up.
    case shiftLeft(shifts: Tensor<Int64>, width: Int, bits: Int)

    /// The gadget family name (for inspection and reports).
    public var name: String {
        switch self {
        case .matMul: "matMul"
        case .conv: "conv"
        case .linearCombination: "linearCombination"
        case .mulConstant: "mulConstant"
        case .mul: "mul"
        case .batchMatMul: "batchMatMul"
        case .rescale: "rescale"
        case .divide: "divide"
        case .relu: "relu"
        case .leakyRelu: "leakyRelu"
        case .clip: "clip"
        case .table: "table"
        case .reciprocal: "reciprocal"
        case .test: "test"
        case .rearrange: "rearrange"
        case .windowSum: "windowSum"
        case .windowMax: "windowMax"
        case .subtractWindowMax: "subtractWindowMax"
        case .argMax: "argMax"
        case .treeEnsemble: "treeEnsemble"
        case .oneHot: "oneHot"
        case .bitwise: "bitwise"
        case .shiftLeft: "shiftLeft"
        }
    }
}
