import ZKONNX

extension Quantizer {
    /// `Relu`: `max(x, 0)` at the input's scale.
    mutating func lowerRelu(_ node: Node) throws {
        let x = node.input(0)
        let input = try activation(x, node)
        try append(node, .relu, inputs: [input], output: node.outputs[0], shape: graph.shapes[node.outputs[0]] ?? [],
                   scale: scales[input]!, bound: activationBound, isActivation: true)
    }

    /// `LeakyRelu`: the slope from the `alpha` attribute (0.01 by default).
    mutating func lowerLeakyRelu(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let alpha = node.attributes["alpha"].flatMap { if case let .float(a) = $0 { a } else { nil } } ?? 0.01
        try emitLeakyRelu(node, input: input, slope: Tensor(shape: [], scalars: [alpha]))
    }

    /// `PRelu`: the slope a constant second input, broadcast against the activation.
    mutating func lowerPRelu(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        try emitLeakyRelu(node, input: input, slope: try constant(node.input(1), node))
    }

    mutating func emitLeakyRelu(_ node: Node, input: String, slope: Tensor<Double>) throws {
        let (slopes, shift) = try quantizeMultiplier(slope, node)
        try append(node, .leakyRelu(slopes: slopes, shift: shift), inputs: [input], output: node.outputs[0],
                   shape: graph.shapes[node.outputs[0]] ?? [], scale: scales[input]!, bound: activationBound, isActivation: true)
    }

    /// `Clip`: the bounds quantized at the input's scale and saturated to the activation range.
    /// They are kept as given, `lower > upper` included (``QuantizedOperation/clip(lower:upper:)``
    /// then gives `upper` everywhere, as ONNX and onnxruntime do).
    mutating func lowerClip(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let boundInputs = graph.opset >= 11
        if boundInputs, [node.input(1), node.input(2)].contains(where: { name in
            name.map { isActivation($0) || (graph.constants[$0]?.count ?? 1) > 1 } ?? false
        }) {
            try lowerTensorClip(node)
            return
        }
        let lowerInput = boundInputs ? try node.input(1).map { try constant($0, node) } : nil
        let upperInput = boundInputs ? try node.input(2).map { try constant($0, node) } : nil
        let (low, high) = node.clipBounds(opset: graph.opset, lower: lowerInput, upper: upperInput)
        let limit = Int64(1) << (configuration.activationBits - 1)
        let scale = scales[input]!
        func bound(_ value: Double, _ fallback: Int64) -> Int64 {
            guard value.isFinite, let q = FixedPoint.quantize(value, scale: scale) else { return fallback }
            return min(max(q, -limit), limit - 1)
        }
        try append(node, .clip(lower: bound(low, -limit), upper: bound(high, limit - 1)), inputs: [input],
                   output: node.outputs[0], shape: graph.shapes[node.outputs[0]] ?? [], scale: scale,
                   bound: activationBound, isActivation: true)
    }

    /// An element-wise function (``UnaryOperator``, `Pow` with a non-integer exponent): one step
    /// that reads its ``FunctionTable`` at the input's scale. The output takes the output's target
    /// scale (calibrated, else the default), or the input's when the function ends in a line of
    /// slope ±1 (`Softplus`, `Elu`, `Gelu`, `Abs`…: the tail rows then follow `±x` exactly).
    /// `Selu` is `γ·Elu(α)`: the table of `Elu(α)`, then the constant `γ`. `Sin`, `Cos` and `Tan`
    /// read their table on the input reduced modulo the period (``emitPeriodReduction(_:input:period:)``).
    mutating func lowerFunction(_ node: Node, _ function: UnaryFunction) throws {
        let input = try activation(node.input(0), node)
        if case let .function(operation) = node.op, operation.isPeriodic {
            let (reduced, half) = try emitPeriodReduction(node, input: input, period: operation == .tan ? Double.pi : 2 * Double.pi)
            try emitTable(node, function, input: reduced, output: node.outputs[0], outputScale: target(node.outputs[0]),
                          inputRange: -half ... half)
            return
        }
        if case let .selu(alpha, gamma) = function {
            let elu = "\(node.outputs[0])#elu"
            try emitTable(node, .elu(alpha: alpha), input: input, output: elu)
            try emitScaled(node, input: elu, multiplier: Tensor(shape: [], scalars: [gamma]), bias: nil)
            return
        }
        try emitTable(node, function, input: input, output: node.outputs[0])
    }

    /// Bits of the input's scale added before a period reduction: the period's rounding then
    /// shifts the result by at most `k·2^−(s+9)` after `k` periods (1.6·10⁻⁴ at |x| = 2048, 2^-12).
    static let periodGuardBits = 8

    /// `r = x − P·round(x/P)` with `P` the period at `2^(s+8)`: `x·2^8` (free), the rounded
    /// quotient (``QuantizedOperation/divide(divisors:)``) and the remainder (free), `|r| ≤ P/2`.
    /// The remainder's bound is a proven one: `divide` checks `x + ⌊P/2⌋ − P·k ∈ [0, P)`, so
    /// `r ∈ [−⌊P/2⌋, ⌈P/2⌉)` (the table downstream relies on it as its input width).
    /// Returns the remainder's name and `⌊P/2⌋ + 1`.
    mutating func emitPeriodReduction(_ node: Node, input: String, period: Double) throws -> (String, Int64) {
        let output = node.outputs[0]
        let scale = scales[input]! + Self.periodGuardBits
        let shape = graph.shapes[input] ?? []
        let (widened, turns, reduced) = ("\(output)#widened", "\(output)#turns", "\(output)#reduced")
        let p = Int64((period * FixedPoint.power(scale)).rounded())
        let bound = bounds[input]! * FixedPoint.power(Self.periodGuardBits)
        try append(node, .mulConstant(multiplier: Tensor(shape: [], scalars: [Int64(1) << Self.periodGuardBits]), bias: nil), inputs: [input],
                   output: widened, shape: shape, scale: scale, bound: bound, isActivation: false)
        try append(node, .divide(divisors: [p]), inputs: [widened], output: turns, shape: shape, scale: 0,
                   bound: bound / Double(p) + 1, isActivation: false)
        let half = p / 2 + 1
        try append(node, .linearCombination(coefficients: [1, -p], constant: nil), inputs: [widened, turns], output: reduced,
                   shape: shape, scale: scale, bound: Double(half), isActivation: false)
        return (reduced, half)
    }

    /// The ``QuantizedOperation/table(_:)`` step of `function` from `input` to `output`, at
    /// `outputScale` when given, for the inputs `inputRange` when given; returns its table.
    @discardableResult
    mutating func emitTable(_ node: Node, _ function: UnaryFunction, input: String, output: String, outputScale: Int? = nil,
                            inputRange: ClosedRange<Int64>? = nil) throws -> FunctionTable {
        let inputScale = scales[input]!
        let (lower, upper) = function.asymptotes
        let linear = [lower, upper].contains { ($0?.slope ?? 0) != 0 }
        let outputScale = outputScale ?? (linear ? inputScale : target(output))
        let table: FunctionTable
        do {
            table = try FunctionTable(function, inputScale: inputScale, outputScale: outputScale,
                                      inputBits: bits(of: input), outputBits: configuration.activationBits, inputRange: inputRange)
        } catch {
            throw unsupported(node, error.description)
        }
        try append(node, .table(table), inputs: [input], output: output, shape: shape(of: input),
                   scale: outputScale, bound: activationBound, isActivation: true)
        return table
    }
}
