import ZKONNX

extension Quantizer {
    /// Lowers one ONNX node to integer steps.
    mutating func lower(_ node: Node) throws {
        let x = node.input(0)
        switch node.opType {
        case "Gemm":
            try lowerGemm(node)
        case "MatMul":
            let input = try activation(x, node)
            if isActivation(node.input(1)) { throw unsupported(node, "MatMul of two activations is not supported") }
            let w = try constant(node.input(1), node)
            guard w.rank <= 2 else { throw unsupported(node, "MatMul with a rank-\(w.rank) constant") }
            let weights = w.rank == 1 ? w.reshaped([w.count, 1]) : w
            guard (graph.shapes[input]?.last ?? -1) == weights.shape[0] else { throw unsupported(node, "inner dimensions differ") }
            try emitMatMul(node, input: input, weights: weights, bias: nil)
        case "Conv":
            let input = try activation(x, node)
            let w = try constant(node.input(1), node)
            let bias = try node.input(2).map { try constant($0, node).scalars }
            let geometry: ConvGeometry
            do { geometry = try ConvGeometry(node: node, inputShape: graph.shapes[input] ?? [], weightShape: w.shape) }
            catch let error as ONNXError { throw QuantError.onnx(error) }
            let (weights, weightScale) = try quantizeMultiplier(w, node)
            let accumulatorScale = scales[input]! + weightScale
            let quantizedBias = try bias.map { try quantize(Tensor(shape: [$0.count], scalars: $0), scale: accumulatorScale, node).scalars }
            let perChannel = weights.count / max(geometry.outputChannels, 1)
            var bound = 0.0
            for m in 0..<geometry.outputChannels {
                let sum = weights.scalars[(m * perChannel)..<((m + 1) * perChannel)].reduce(0.0) { $0 + Double($1.magnitude) }
                bound = max(bound, sum * bounds[input]! + Double(quantizedBias?[m].magnitude ?? 0))
            }
            try emitAccumulated(node, .conv(geometry, weights: weights, bias: quantizedBias), inputs: [input],
                                accumulatorScale: accumulatorScale, bound: bound)
        case "Add", "Sub", "Sum", "Neg":
            try lowerLinearCombination(node)
        case "Mul", "Div":
            try lowerProduct(node)
        case "Pow":
            try lowerPower(node)
        case "BatchNormalization":
            let input = try activation(x, node)
            let shape = graph.shapes[input] ?? []
            guard shape.count >= 2, node.inputs.count >= 5 else { throw unsupported(node, "needs [N, C, …] input and 4 parameters") }
            let parameters = try (1...4).map { try constant(node.input($0), node) }
            let (factor, shift): ([Double], [Double])
            do {
                (factor, shift) = try FloatEvaluator.batchNormAffine(node, scale: parameters[0], b: parameters[1],
                                                                     mean: parameters[2], variance: parameters[3], channels: shape[1])
            } catch let error as ONNXError { throw QuantError.onnx(error) }
            let channelShape = [shape[1]] + Array(repeating: 1, count: shape.count - 2)
            try emitScaled(node, input: input, multiplier: Tensor(shape: channelShape, scalars: factor),
                           bias: Tensor(shape: channelShape, scalars: shift))
        case "Relu":
            let input = try activation(x, node)
            try append(node, .relu, inputs: [input], output: node.outputs[0], shape: graph.shapes[node.outputs[0]] ?? [],
                       scale: scales[input]!, bound: activationBound, isActivation: true)
        case "LeakyRelu", "PRelu":
            let input = try activation(x, node)
            let slope = node.opType == "LeakyRelu"
                ? Tensor(shape: [], scalars: [node.attributes["alpha"].flatMap { if case let .float(a) = $0 { a } else { nil } } ?? 0.01])
                : try constant(node.input(1), node)
            let (slopes, shift) = try quantizeMultiplier(slope, node)
            try append(node, .leakyRelu(slopes: slopes, shift: shift), inputs: [input], output: node.outputs[0],
                       shape: graph.shapes[node.outputs[0]] ?? [], scale: scales[input]!, bound: activationBound, isActivation: true)
        case "Clip":
            let input = try activation(x, node)
            var low = -Double.infinity, high = Double.infinity
            if graph.opset < 11 {
                if case let .float(v)? = node.attributes["min"] { low = v }
                if case let .float(v)? = node.attributes["max"] { high = v }
            } else {
                if let name = node.input(1) { low = try constant(name, node).scalars.first ?? low }
                if let name = node.input(2) { high = try constant(name, node).scalars.first ?? high }
            }
            let limit = Int64(1) << (configuration.activationBits - 1)
            let scale = scales[input]!
            func bound(_ value: Double, _ fallback: Int64) -> Int64 {
                guard value.isFinite, let q = FixedPoint.quantize(value, scale: scale) else { return fallback }
                return min(max(q, -limit), limit - 1)
            }
            try append(node, .clip(lower: bound(low, -limit), upper: bound(high, limit - 1)), inputs: [input],
                       output: node.outputs[0], shape: graph.shapes[node.outputs[0]] ?? [], scale: scale,
                       bound: activationBound, isActivation: true)
        case "MaxPool", "GlobalMaxPool", "AveragePool", "GlobalAveragePool", "ReduceSum", "ReduceMean", "ArgMax",
             "ReduceMax", "ReduceMin":
            try lowerWindowed(node)
        case "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Concat", "Slice", "Pad", "Identity", "Dropout",
             "Cast", "Gather", "Expand", "Tile", "Trilu":
            try lowerRearrange(node)
        default:
            throw QuantError.onnx(.unsupportedOperator(node: node.name, opType: node.opType, opset: graph.opset))
        }
    }

    mutating func lowerGemm(_ node: Node) throws {
        let a = try activation(node.input(0), node)
        if isActivation(node.input(1)) { throw unsupported(node, "Gemm of two activations is not supported") }
        if (node.int("transA") ?? 0) != 0 { throw unsupported(node, "transA on an activation") }
        var b = try constant(node.input(1), node)
        guard b.rank == 2 else { throw unsupported(node, "Gemm needs a 2-D B") }
        if (node.int("transB") ?? 0) != 0 {
            let (k, n) = (b.shape[1], b.shape[0])
            b = Tensor(shape: [k, n], scalars: (0..<(k * n)).map { b.scalars[($0 % n) * k + $0 / n] })
        }
        let alpha = node.float("alpha") ?? 1, beta = node.float("beta") ?? 1
        if alpha != 1 { b.scalars = b.scalars.map { $0 * alpha } }
        let n = b.shape[1]
        var bias: [Double]?
        if let c = node.input(2) {
            let value = try constant(c, node)
            if value.count == n { bias = value.scalars.map { $0 * beta } }
            else if value.count == 1 { bias = Array(repeating: value.scalars[0] * beta, count: n) }
            else { throw unsupported(node, "Gemm C of shape \(value.shape) (only [N] or scalar)") }
        }
        try emitMatMul(node, input: a, weights: b, bias: bias)
    }

    mutating func emitMatMul(_ node: Node, input: String, weights w: Tensor<Double>, bias: [Double]?) throws {
        let (weights, weightScale) = try quantizeMultiplier(w, node)
        let accumulatorScale = scales[input]! + weightScale
        let quantizedBias = try bias.map { try quantize(Tensor(shape: [$0.count], scalars: $0), scale: accumulatorScale, node).scalars }
        let (k, n) = (weights.shape[0], weights.shape[1])
        var bound = 0.0
        for column in 0..<n {
            var sum = 0.0
            for row in 0..<k { sum += Double(weights.scalars[row * n + column].magnitude) }
            bound = max(bound, sum * bounds[input]! + Double(quantizedBias?[column].magnitude ?? 0))
        }
        try emitAccumulated(node, .matMul(weights: weights, bias: quantizedBias), inputs: [input],
                            accumulatorScale: accumulatorScale, bound: bound)
    }

    mutating func lowerLinearCombination(_ node: Node) throws {
        var terms: [(name: String, sign: Int64)] = []
        var constantSum: Tensor<Double>?
        for (position, name) in node.inputs.enumerated() where !name.isEmpty {
            let sign: Int64 = (node.opType == "Sub" && position == 1) || node.opType == "Neg" ? -1 : 1
            if isActivation(name) {
                terms.append((name, sign))
            } else {
                let value = try constant(name, node)
                let signed = Tensor(shape: value.shape, scalars: value.scalars.map { $0 * Double(sign) })
                if let previous = constantSum {
                    do { constantSum = try FloatEvaluator.evaluate(Node(name: node.name, opType: "Add", inputs: ["a", "b"], outputs: ["c"]),
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

    mutating func lowerProduct(_ node: Node) throws {
        let first = node.input(0), second = node.input(1)
        if node.opType == "Mul" && isActivation(first) && isActivation(second) {
            let (a, b) = (first!, second!)
            try emitAccumulated(node, .mul, inputs: [a, b], accumulatorScale: scales[a]! + scales[b]!,
                                bound: bounds[a]! * bounds[b]!)
            return
        }
        if node.opType == "Div" {
            if let type = graph.elementTypes[node.outputs[0]], !type.isFloatingPoint {
                throw unsupported(node, "integer (truncating) division has no fixed-point form")
            }
            if isActivation(second) { throw unsupported(node, "division by an activation is not supported") }
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
    mutating func emitScaled(_ node: Node, input: String, multiplier: Tensor<Double>, bias: Tensor<Double>?) throws {
        let (m, multiplierScale) = try quantizeMultiplier(multiplier, node)
        let accumulatorScale = scales[input]! + multiplierScale
        let b = try bias.map { try quantize($0, scale: accumulatorScale, node) }
        let bound = maxMagnitude(m.scalars) * bounds[input]! + (b.map { maxMagnitude($0.scalars) } ?? 0)
        try emitAccumulated(node, .mulConstant(multiplier: m, bias: b), inputs: [input],
                            accumulatorScale: accumulatorScale, bound: bound)
    }

    mutating func lowerWindowed(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        if node.outputs.count > 1 && !node.outputs[1].isEmpty { throw unsupported(node, "the indices output is not supported") }
        let axes = node.input(1).flatMap { graph.constants[$0] }
        let windows: Windows, shape: [Int]
        do { (windows, shape) = try Windows.forNode(node, inputShape: graph.shapes[input] ?? [], axesInput: axes) }
        catch let error as ONNXError { throw QuantError.onnx(error) }
        let output = node.outputs[0]
        let scale = scales[input]!
        let longest = (0..<windows.count).map { windows.offsets[$0 + 1] - windows.offsets[$0] }.max() ?? 0
        switch node.opType {
        case "MaxPool", "GlobalMaxPool", "ReduceMax":
            guard longest > 0 else { throw unsupported(node, "an empty pooling window") }
            try append(node, .windowMax(windows), inputs: [input], output: output, shape: shape, scale: scale,
                       bound: activationBound, isActivation: true)
        case "ReduceMin":  // min(x) = −max(−x): two free negations around a window maximum
            guard longest > 0 else { throw unsupported(node, "an empty window") }
            let negated = "\(output)#neg", maximum = "\(output)#max"
            try append(node, .linearCombination(coefficients: [-1], constant: nil), inputs: [input], output: negated,
                       shape: graph.shapes[input] ?? [], scale: scale, bound: activationBound, isActivation: true)
            try append(node, .windowMax(windows), inputs: [negated], output: maximum, shape: shape, scale: scale,
                       bound: activationBound, isActivation: true)
            try append(node, .linearCombination(coefficients: [-1], constant: nil), inputs: [maximum], output: output,
                       shape: shape, scale: scale, bound: activationBound, isActivation: true)
        case "ArgMax":
            try append(node, .argMax(windows, selectLast: (node.int("select_last_index") ?? 0) != 0), inputs: [input],
                       output: output, shape: shape, scale: 0, bound: activationBound, isActivation: true)
        case "ReduceSum":
            try append(node, .windowSum(windows), inputs: [input], output: output, shape: shape, scale: scale,
                       bound: activationBound, isActivation: true)
        default:  // averages: exact window sum, then a rounded division by the window's divisor
            guard windows.divisors.allSatisfy({ $0 > 0 }) else { throw unsupported(node, "an empty pooling window") }
            if foldAverageDivision(input: input, divisors: windows.divisors) {
                // The producer's rescale already divided by the window size: the sum is the mean.
                try append(node, .windowSum(windows), inputs: [input], output: output, shape: shape, scale: scale,
                           bound: Double(longest) * bounds[input]!, isActivation: false)
                return
            }
            let accumulator = "\(output)#sum"
            try append(node, .windowSum(windows), inputs: [input], output: accumulator, shape: shape, scale: scale,
                       bound: Double(longest) * bounds[input]!, isActivation: false)
            let divisors = windows.divisors.map(Int64.init)
            let compact = Set(divisors).count == 1 ? [divisors[0]] : divisors
            try append(node, .divide(divisors: compact), inputs: [accumulator], output: output, shape: shape, scale: scale,
                       bound: activationBound, isActivation: true)
        }
    }

    /// `x^n` for a constant integer `1 ≤ n ≤ 8`: `n − 1` products, each rescaled to the target scale.
    mutating func lowerPower(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        if isActivation(node.input(1)) { throw unsupported(node, "an activation exponent") }
        let exponent = try constant(node.input(1), node)
        guard exponent.count == 1, let value = exponent.scalars.first, value == value.rounded(), (1...8).contains(value) else {
            throw unsupported(node, "exponent \(exponent.scalars) (only a constant integer 1…8)")
        }
        let output = node.outputs[0]
        let shape = graph.shapes[output] ?? []
        let n = Int(value)
        if n == 1 {
            try append(node, .linearCombination(coefficients: [1], constant: nil), inputs: [input], output: output,
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
}
