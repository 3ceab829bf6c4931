#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZKONNX

extension Quantizer {
    /// `Add`, `Sub`, `Sum`, `Neg`: an integer linear combination of activations plus a constant.
    mutating func lowerLinearCombination(_ node: Node) throws {
        var terms: [(name: String, sign: Int64)] = []
        var constantSum: Tensor<Double>?
        for (position, name) in node.inputs.enumerated() where !name.isEmpty {
            let sign: Int64 = (node.op == .sub && position == 1) || node.op == .neg ? -1 : 1
            if isActivation(name) {
                terms.append((name, sign))
            } else {
                let value = try constant(name, node)
                let signed = Tensor(shape: value.shape, scalars: value.scalars.map { $0 * Double(sign) })
                if let previous = constantSum {
                    do { constantSum = try FloatEvaluator.evaluate(Node(name: node.name, op: .add, inputs: ["a", "b"], outputs: ["c"]),
                                                                   operands: [previous, signed], opset: graph.opset)[0] }
                    catch let error as ONNXError { throw QuantError.onnx(error) }
                } else { constantSum = signed }
            }
        }
        guard !terms.isEmpty else { throw unsupported(node, "no activation operand") }
        let accumulatorScale = terms.map { scales[$0.name]! }.max()!
        var coefficients: [Int64] = []
        var bound = 0.0
        for term in terms {
            let shift = accumulatorScale - scales[term.name]!
            guard shift < 40 else { throw QuantError.overflow(node: node.name, reason: "operand scales differ by \(shift) bits") }
            coefficients.append(term.sign << shift)
            bound += Double(Int64(1) << shift) * bounds[term.name]!
        }
        let quantizedConstant = try constantSum.map { try quantize($0, scale: accumulatorScale, node) }
        if let quantizedConstant { bound += maxMagnitude(quantizedConstant.scalars) }
        try emitAccumulated(node, .linearCombination(coefficients: coefficients, constant: quantizedConstant),
                            inputs: terms.map(\.name), accumulatorScale: accumulatorScale, bound: bound)
    }

    /// `Mul` and `Div`: a product of two activations, or an activation times a constant.
    mutating func lowerProduct(_ node: Node) throws {
        let first = node.input(0), second = node.input(1)
        if node.op == .mul && isActivation(first) && isActivation(second) {
            let (a, b) = (first!, second!)
            try emitAccumulated(node, .mul, inputs: [a, b], accumulatorScale: scales[a]! + scales[b]!,
                                bound: bounds[a]! * bounds[b]!)
            return
        }
        if node.op == .div {
            if let type = graph.elementTypes[node.outputs[0]], !type.isFloatingPoint {
                try lowerIntegerDivision(node)
                return
            }
            if isActivation(second) {
                // a / b = a · (1/b): the reciprocal's table at 2^4 finer than the output, then a
                // product (a constant numerator scales it).
                let reciprocal = "\(node.outputs[0])#reciprocal"
                try emitTable(node, .reciprocal, input: second!, output: reciprocal, outputScale: target(node.outputs[0]) + 4)
                if isActivation(first) {
                    try emitAccumulated(node, .mul, inputs: [first!, reciprocal], accumulatorScale: scales[first!]! + scales[reciprocal]!,
                                        bound: bounds[first!]! * bounds[reciprocal]!)
                } else {
                    try emitScaled(node, input: reciprocal, multiplier: try constant(first, node), bias: nil)
                }
                return
            }
            let input = try activation(first, node)
            let divisor = try constant(second, node)
            guard divisor.scalars.allSatisfy({ $0 != 0 && $0.isFinite }) else { throw unsupported(node, "division by zero") }
            try emitScaled(node, input: input, multiplier: Tensor(shape: divisor.shape, scalars: divisor.scalars.map { 1 / $0 }), bias: nil)
            return
        }
        let input = try activation(isActivation(first) ? first : second, node)
        let factor = try constant(isActivation(first) ? second : first, node)
        try emitScaled(node, input: input, multiplier: factor, bias: nil)
    }

    /// `y = x ⊙ multiplier + bias` with a constant multiplier (Mul, Div, unfolded BatchNormalization).
    ///
    /// Small outputs keep their digits: without a bias and a calibrated scale, a multiplier below 1
    /// in magnitude shrinks the output's proven range by `g = ⌊log2(1/max|m|)⌋` bits, so the output
    /// takes the scale `s_in + g` (at most ``smallOutputScaleLimit``) where it still fits the
    /// activation width, instead of the default (`x / 10000` is not rounded to 0 at 2^-12); the
    /// multiplier itself is quantized with up to 24 more fractional bits than a weight.
    mutating func emitScaled(_ node: Node, input: String, multiplier: Tensor<Double>, bias: Tensor<Double>?) throws {
        let magnitude = multiplier.scalars.reduce(0.0) { max($0, $1.magnitude) }
        let output = node.outputs[0]
        var outputScale: Int?
        if bias == nil, calibrated[output] == nil, magnitude > 0, magnitude < 0.5 {
            let gain = Int(log2(1 / magnitude).rounded(.down))
            outputScale = max(target(output), min(Self.smallOutputScaleLimit, scales[input]! + gain))
        }
        let (m, multiplierScale) = try quantizeMultiplier(multiplier, node, maxScale: configuration.maxWeightScale + (outputScale == nil ? 0 : 24))
        let accumulatorScale = scales[input]! + multiplierScale
        let b = try bias.map { try quantize($0, scale: accumulatorScale, node) }
        let bound = maxMagnitude(m.scalars) * bounds[input]! + (b.map { maxMagnitude($0.scalars) } ?? 0)
        try emitAccumulated(node, .mulConstant(multiplier: m, bias: b), inputs: [input],
                            accumulatorScale: accumulatorScale, bound: bound, outputScale: outputScale)
    }

    /// The finest scale ``emitScaled(_:input:multiplier:bias:)`` gives a small output.
    static let smallOutputScaleLimit = 30

    /// `x^n` for a constant integer `1 ≤ n ≤ 8`: `n − 1` products, each rescaled to the target
    /// scale. Any other constant exponent is a function table (``UnaryFunction/power(_:)``;
    /// `−1` is `Reciprocal`, `1/2` is `Sqrt`). A constant base `b > 0` with a computed exponent is
    /// the table of `b^x` (``UnaryFunction/exponential(base:)``).
    mutating func lowerPower(_ node: Node) throws {
        if !isActivation(node.input(0)), isActivation(node.input(1)) {
            let base = try constant(node.input(0), node)
            guard base.count == 1, let b = base.scalars.first, b.isFinite, b > 0 else {
                throw unsupported(node, "base \(base.scalars) (only one constant positive base with a computed exponent)")
            }
            try emitTable(node, .exponential(base: b), input: node.input(1)!, output: node.outputs[0])
            return
        }
        let input = try activation(node.input(0), node)
        if isActivation(node.input(1)) { throw unsupported(node, "an activation exponent") }
        let exponent = try constant(node.input(1), node)
        guard exponent.count == 1, let value = exponent.scalars.first, value.isFinite else {
            throw unsupported(node, "exponent \(exponent.scalars) (only one constant finite exponent)")
        }
        guard value == value.rounded(), (1...8).contains(value) else {
            guard value != 0 else { throw unsupported(node, "exponent 0 (a constant output)") }
            try emitTable(node, value == -1 ? .reciprocal : value == 0.5 ? .sqrt : .power(value), input: input, output: node.outputs[0])
            return
        }
        let output = node.outputs[0]
        let shape = graph.shapes[output] ?? []
        let n = Int(value)
        if n == 1 {
            try emitCopy(node, input, output: output,
                       shape: shape, scale: scales[input]!, bound: activationBound, isActivation: true)
            return
        }
        var power = input
        for degree in 2...n {
            let name = degree == n ? output : "\(output)#pow\(degree)"
            let accumulatorScale = scales[power]! + scales[input]!
            let scale = min(target(output), accumulatorScale)
            let accumulator = "\(name)#acc"
            try append(node, .mul, inputs: [power, input], output: scale == accumulatorScale ? name : accumulator, shape: shape,
                       scale: accumulatorScale, bound: bounds[power]! * bounds[input]!, isActivation: scale == accumulatorScale)
            if scale != accumulatorScale {
                try append(node, .rescale(shift: accumulatorScale - scale), inputs: [accumulator], output: name, shape: shape,
                           scale: scale, bound: activationBound, isActivation: true)
            }
            power = name
        }
    }

    /// `Floor` and `Ceil`: an integer at scale 0 from the input at scale `s`,
    /// `⌊x/2^s⌋ = rescale(x − 2^(s−1), s)` and `⌈x/2^s⌉ = rescale(x + 2^(s−1) − 1, s)` (the
    /// rescale rounds half up: shifting by a half less, or a half less one unit, floors or ceils
    /// exactly); the identity at `s = 0`.
    /// The input of Floor, Ceil or Round with the node's output, its shape and the input's scale; `nil`
    /// after emitting the identity when the input is already an integer (scale 0).
    mutating func fractionalInput(_ node: Node) throws -> (input: String, output: String, shape: [Int], scale: Int)? {
        let input = try activation(node.input(0), node)
        let output = node.outputs[0]
        let shape = graph.shapes[output] ?? []
        let scale = scales[input]!
        guard scale > 0 else {
            try emitCopy(node, input, output: output, shape: shape,
                       scale: scale, bound: activationBound, isActivation: true)
            return nil
        }
        return (input, output, shape, scale)
    }

    /// `Round` (halves to even) at scale 0: `y₁ = rescale(x, s)` (halves up), the tie test
    /// `[x − y₁·2^s + 2^(s−1) = 0]` (`x` exactly halfway), the parity `2·rescale(y₁, 1) − y₁`
    /// (1 when `y₁` is odd), and `y = y₁ − tie·odd`: a tie rounded up to an odd integer goes down.
    mutating func lowerRound(_ node: Node) throws {
        guard let (input, output, shape, scale) = try fractionalInput(node) else { return }
        let (up, distance, tie, half, odd, correction) = ("\(output)#halfup", "\(output)#distance", "\(output)#tie", "\(output)#half",
                                                           "\(output)#odd", "\(output)#correction")
        let one = Int64(1) << scale
        try append(node, .rescale(shift: scale), inputs: [input], output: up, shape: shape, scale: 0, bound: activationBound, isActivation: true)
        try append(node, .linearCombination(coefficients: [1, -one], constant: Tensor(shape: [], scalars: [one / 2])), inputs: [input, up],
                   output: distance, shape: shape, scale: scale, bound: Double(one), isActivation: false)
        try append(node, .test(.zero), inputs: [distance], output: tie, shape: shape, scale: 0, bound: 1, isActivation: true)
        try append(node, .rescale(shift: 1), inputs: [up], output: half, shape: shape, scale: 0, bound: activationBound, isActivation: true)
        // 2·⌊(y₁ + 1)/2⌋ − y₁ ∈ {0, 1}: exact, as both rescales are.
        try append(node, .linearCombination(coefficients: [2, -1], constant: nil), inputs: [half, up], output: odd, shape: shape, scale: 0,
                   bound: 1, isActivation: false)
        try append(node, .mul, inputs: [tie, odd], output: correction, shape: shape, scale: 0, bound: 1, isActivation: false)
        try append(node, .linearCombination(coefficients: [1, -1], constant: nil), inputs: [up, correction], output: output, shape: shape,
                   scale: 0, bound: activationBound, isActivation: true)
    }

    mutating func lowerFloor(_ node: Node) throws {
        guard let (input, output, shape, scale) = try fractionalInput(node) else { return }
        let half = Int64(1) << (scale - 1)
        let shifted = "\(output)#shifted"
        try append(node, .linearCombination(coefficients: [1], constant: Tensor(shape: [], scalars: [node.op == .floor ? -half : half - 1])),
                   inputs: [input], output: shifted, shape: shape, scale: scale, bound: bounds[input]! + Double(half), isActivation: false)
        try append(node, .rescale(shift: scale), inputs: [shifted], output: output, shape: shape, scale: 0,
                   bound: activationBound, isActivation: true)
    }
}
