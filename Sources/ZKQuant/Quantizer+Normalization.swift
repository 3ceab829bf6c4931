#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZKONNX

extension Quantizer {
    /// The scale of `1/Σ` in Softmax: `2^20` (the sum of a group is at least the largest
    /// exponential, `e^0 = 1`, so `1/Σ ≤ 1` keeps 20 fractional bits).
    static let reciprocalScale = 20

    /// `x − max` over `windows` (groups kept in place, `shape` the reduced one), then `e^(x − max)`
    /// through the Exp table on `x − max ≤ 0` and the sum of each group. Returns the names of the
    /// shifted input, the exponentials and the sums, and the largest exponential.
    ///
    /// Without `keepsMaximum` (Softmax, LogSoftmax: the windows partition `x`) the shift is one
    /// ``QuantizedOperation/subtractWindowMax(_:)`` step, whose maximum the circuit proves by
    /// membership only (`k − 1` constraints per group of `k`) and the Exp table, which has no row
    /// above 0, bounds from above. With it (ReduceLogSumExp, whose output adds the maximum back)
    /// the maximum is a ``QuantizedOperation/windowMax(_:)`` of its own and the shift a difference.
    mutating func emitShiftedExponentials(_ node: Node, input: String, windows: Windows, keptShape: [Int],
                                          sumShape: [Int], keepsMaximum: Bool) throws
        -> (shifted: String, exponentials: String, sums: String, largest: Int64) {
        let output = node.outputs[0]
        let shape = self.shape(of: input)
        let scale = scales[input]!
        let (maximum, shifted, exponentials, sums) = ("\(output)#max", "\(output)#shifted", "\(output)#exp", "\(output)#sum")
        // x − max ∈ [−2^bits, 0]: an accumulator (bounded by its inputs, no check of its own).
        if keepsMaximum {
            try append(node, .windowMax(windows), inputs: [input], output: maximum, shape: keptShape, scale: scale,
                       bound: activationBound, isActivation: true)
            try append(node, .linearCombination(coefficients: [1, -1], constant: nil), inputs: [input, maximum], output: shifted,
                       shape: shape, scale: scale, bound: 2 * activationBound, isActivation: false)
        } else {
            try append(node, .subtractWindowMax(windows), inputs: [input], output: shifted, shape: shape, scale: scale,
                       bound: 2 * activationBound, isActivation: false)
        }
        let table = try emitTable(node, .exp, input: shifted, output: exponentials, outputScale: target(output),
                                  inputRange: -(Int64(1) << (bits(of: shifted) - 1)) ... 0)
        let largest = table.rows.map(\.output).max() ?? 1
        let longest = (0 ..< windows.count).map { windows.offsets[$0 + 1] - windows.offsets[$0] }.max() ?? 1
        try append(node, .windowSum(windows), inputs: [exponentials], output: sums, shape: sumShape, scale: scales[exponentials]!,
                   bound: Double(longest) * Double(largest), isActivation: false)
        return (shifted, exponentials, sums, largest)
    }

    /// `Softmax` and `LogSoftmax` over their axis (opset 13) or trailing axes (before), with the
    /// maximum subtracted first: `e = Exp(x − max)` (a table on inputs `≤ 0`), `Σ = Σe`, then
    /// `e · reciprocal(Σ)` (``QuantizedOperation/reciprocal(shift:)`` at 2^20, one per group,
    /// and a product), or `x − max − Log(Σ)` (a table on the sum).
    mutating func lowerSoftmax(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let output = node.outputs[0]
        let windows: Windows, kept: [Int]
        do { (windows, kept) = try Windows.softmax(node, opset: graph.opset, inputShape: shape(of: input)) }
        catch let error as ONNXError { throw QuantError.onnx(error) }
        let (shifted, exponentials, sums, largest) = try emitShiftedExponentials(node, input: input, windows: windows,
                                                                                 keptShape: kept, sumShape: kept,
                                                                                 keepsMaximum: false)
        if node.op == .softmax {
            let reciprocal = "\(output)#reciprocal"
            let e = scales[exponentials]!
            let shift = e + Self.reciprocalScale
            try append(node, .reciprocal(shift: shift), inputs: [sums], output: reciprocal, shape: kept,
                       scale: Self.reciprocalScale, bound: FixedPoint.power(Self.reciprocalScale) + 1, isActivation: false)
            try emitAccumulated(node, .mul, inputs: [exponentials, reciprocal], accumulatorScale: e + Self.reciprocalScale,
                                bound: Double(largest) * (FixedPoint.power(Self.reciprocalScale) + 1))
        } else {
            let logarithm = "\(output)#log"
            try emitTable(node, .log, input: sums, output: logarithm, outputScale: target(output))
            try emitDifference(node, shifted, minus: logarithm)
        }
    }

    /// `a − b` (or `a + b`), broadcast, as the node's output activation (rescaled to its target).
    mutating func emitDifference(_ node: Node, _ a: String, minus b: String, plus: Bool = false) throws {
        let (operation, inputs, scale, bound) = try combination(node, [(a, 1), (b, plus ? 1 : -1)])
        try emitAccumulated(node, operation, inputs: inputs, accumulatorScale: scale, bound: bound)
    }

    /// `ReduceL1`, `ReduceL2`, `ReduceSumSquare`, `ReduceLogSumExp` over the node's windows.
    /// L1: the Abs table, then the window sum. L2 and SumSquare: `x·x` exact at twice the scale,
    /// the window sum, brought to the output's scale (SumSquare) or to a width the Sqrt table takes.
    /// LogSumExp: `max + Log(Σ e^(x − max))` as in ``lowerSoftmax(_:)``.
    mutating func lowerNormReduction(_ node: Node, _ operation: WindowOperator, windows: Windows, shape: [Int]) throws {
        let input = try activation(node.input(0), node)
        let output = node.outputs[0]
        let scale = scales[input]!
        let longest = Double((0 ..< windows.count).map { windows.offsets[$0 + 1] - windows.offsets[$0] }.max() ?? 1)
        switch operation {
        case .reduceL1:
            let magnitudes = "\(output)#abs"
            try emitTable(node, .abs, input: input, output: magnitudes)
            try append(node, .windowSum(windows), inputs: [magnitudes], output: output, shape: shape, scale: scales[magnitudes]!,
                       bound: longest * (activationBound + 1), isActivation: true)
        case .reduceL2, .reduceSumSquare:
            let (squares, sums) = ("\(output)#square", "\(output)#sumsquare")
            let bound = longest * activationBound * activationBound
            try append(node, .mul, inputs: [input, input], output: squares, shape: graph.shapes[input] ?? [], scale: 2 * scale,
                       bound: activationBound * activationBound, isActivation: false)
            try append(node, .windowSum(windows), inputs: [squares], output: sums, shape: shape, scale: 2 * scale,
                       bound: bound, isActivation: false)
            if operation == .reduceSumSquare {
                let target = min(target(output), 2 * scale)
                try append(node, .rescale(shift: 2 * scale - target), inputs: [sums], output: output, shape: shape, scale: target,
                           bound: activationBound, isActivation: true)
                return
            }
            // The sum at the input's scale, or coarser when its bound needs more than 38 bits.
            let shift = max(scale, FixedPoint.bits(forBound: bound) - 38)
            let rescaled = "\(output)#sumsquare.rescaled"
            try append(node, .rescale(shift: shift), inputs: [sums], output: rescaled, shape: shape, scale: 2 * scale - shift,
                       bound: bound / FixedPoint.power(shift) + 1, isActivation: false)
            try emitTable(node, .sqrt, input: rescaled, output: output)
        case .reduceLogSumExp:
            // The windows with the reduced axes kept, for x − max.
            var keptNode = node
            keptNode.attributes["keepdims"] = .int(1)
            let kept: [Int]
            do { (_, kept) = try Windows.forNode(keptNode, operation, inputShape: graph.shapes[input] ?? [],
                                                 axesInput: node.input(1).flatMap { graph.constants[$0] }) }
            catch let error as ONNXError { throw QuantError.onnx(error) }
            let (_, _, sums, _) = try emitShiftedExponentials(node, input: input, windows: windows, keptShape: kept, sumShape: shape,
                                                        keepsMaximum: true)
            let (logarithm, maximum) = ("\(output)#log", "\(output)#max")
            try emitTable(node, .log, input: sums, output: logarithm, outputScale: target(output))
            // max in the output's shape (the same elements in the same order).
            let reshaped = "\(output)#max.reshaped"
            try append(node, .rearrange(sources: Array(0 ..< windows.count), constants: []), inputs: [maximum], output: reshaped,
                       shape: shape, scale: scales[maximum]!, bound: activationBound, isActivation: true)
            try emitDifference(node, logarithm, minus: reshaped, plus: true)
        default:
            preconditionFailure("not a norm reduction: \(operation)")
        }
    }

    /// `LayerNormalization` (the axes from `axis` on) and `InstanceNormalization` (the spatial
    /// axes, per channel): `y = (x − μ)·γ · 1/√(σ² + ε) + β` with
    /// - `μ` the group's rounded mean (a window sum, then ``QuantizedOperation/divide(divisors:)``);
    /// - `σ²` from `(x − μ)²` summed exactly at twice the scale, one rounded division by `n`;
    /// - `1/√(σ² + ε)` a table (``UnaryFunction/reciprocalSquareRoot(epsilon:)``) at the finest
    ///   scale ≤ 2^16 where `1/√ε` fits the activation width;
    /// - `(x − μ)·γ` free (constants), one product with the group's `1/√`, `+ β`, one rescale.
    mutating func lowerNormalization(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let output = node.outputs[0]
        let shape = graph.shapes[input] ?? []
        let scale = scales[input]!
        if node.outputs.count > 1, node.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
            throw unsupported(node, "the mean and inverse deviation outputs")
        }
        let windows: Windows, kept: [Int]
        do { (windows, kept) = try Windows.normalization(node, inputShape: shape) }
        catch let error as ONNXError { throw QuantError.onnx(error) }
        let count = windows.count == 0 ? 1 : windows.offsets[1] - windows.offsets[0]
        let epsilon = node.float("epsilon") ?? 1e-5
        guard epsilon > 0 else { throw unsupported(node, "epsilon \(epsilon) (must be positive)") }
        let names = ["sum", "mean", "centered", "square", "sumsquare", "variance", "rsqrt", "scaled", "product"].map { "\(output)#\($0)" }
        let (sum, mean, centered, square, sumSquare, variance, rsqrt, scaled, product) =
            (names[0], names[1], names[2], names[3], names[4], names[5], names[6], names[7], names[8])
        let n = Double(count)
        try append(node, .windowSum(windows), inputs: [input], output: sum, shape: kept, scale: scale,
                   bound: n * activationBound, isActivation: false)
        try append(node, .divide(divisors: [Int64(count)]), inputs: [sum], output: mean, shape: kept, scale: scale,
                   bound: activationBound, isActivation: true)
        try append(node, .linearCombination(coefficients: [1, -1], constant: nil), inputs: [input, mean], output: centered,
                   shape: shape, scale: scale, bound: 2 * activationBound, isActivation: false)
        let centeredBound = 2 * activationBound
        try append(node, .mul, inputs: [centered, centered], output: square, shape: shape, scale: 2 * scale,
                   bound: centeredBound * centeredBound, isActivation: false)
        try append(node, .windowSum(windows), inputs: [square], output: sumSquare, shape: kept, scale: 2 * scale,
                   bound: n * centeredBound * centeredBound, isActivation: false)
        // σ² at twice the input's scale (a small variance keeps its digits; the table reads 50 bits).
        try append(node, .divide(divisors: [Int64(count)]), inputs: [sumSquare], output: variance, shape: kept,
                   scale: 2 * scale, bound: centeredBound * centeredBound + 1, isActivation: false)
        // The finest scale ≤ 16 at which 1/√ε fits below 2^(bits−1).
        let rsqrtScale = min(16, Int(log2((activationBound - 2) * epsilon.squareRoot()).rounded(.down)))
        let table = try emitTable(node, .reciprocalSquareRoot(epsilon: epsilon), input: variance, output: rsqrt, outputScale: rsqrtScale)
        let largest = Double(table.rows.map { $0.output.magnitude }.max() ?? 1)
        // γ at the finest scale that keeps (x − μ)·γ·(1/√) below 2^59.
        func parameter(_ index: Int) throws -> Tensor<Double>? {
            guard let name = node.input(index) else { return nil }
            let value = try constant(name, node)
            return node.op == .instanceNormalization ? value.reshaped([value.count] + Array(repeating: 1, count: max(0, shape.count - 2))) : value
        }
        let gamma = try parameter(1) ?? Tensor(shape: [], scalars: [1])
        let gammaMagnitude = max(gamma.scalars.map(\.magnitude).max() ?? 1, 1e-30)
        let gammaScale = min(configuration.maxWeightScale, Int(log2(0x1p59 / (centeredBound * largest * gammaMagnitude)).rounded(.down)))
        let gammaQuantized = try quantize(gamma, scale: gammaScale, node)
        let gammaBound = maxMagnitude(gammaQuantized.scalars)
        try append(node, .mulConstant(multiplier: gammaQuantized, bias: nil), inputs: [centered], output: scaled, shape: shape,
                   scale: scale + gammaScale, bound: centeredBound * gammaBound, isActivation: false)
        let productScale = scale + gammaScale + rsqrtScale
        let productBound = centeredBound * gammaBound * largest
        try append(node, .mul, inputs: [scaled, rsqrt], output: product, shape: shape, scale: productScale,
                   bound: productBound, isActivation: false)
        let beta = try parameter(2).map { try quantize($0, scale: productScale, node) }
        try emitAccumulated(node, .linearCombination(coefficients: [1], constant: beta), inputs: [product],
                            accumulatorScale: productScale, bound: productBound + (beta.map { maxMagnitude($0.scalars) } ?? 0))
    }
}
