import ZKONNX

extension Quantizer {
    /// `Max` and `Min` of any number of operands (broadcasting): the activations first, then the
    /// constants, folded pairwise by ``emitExtremum(_:_:_:isMax:output:)``.
    mutating func lowerExtremum(_ node: Node) throws {
        let names = node.inputs.filter { !$0.isEmpty }
        let activations = names.filter { isActivation($0) }, constants = names.filter { !isActivation($0) }
        guard let first = activations.first else { throw unsupported(node, "no operand depends on the input") }
        let rest = Array(activations.dropFirst()) + constants
        let output = node.outputs[0]
        guard !rest.isEmpty else {
            try emitCopy(node, first, output: output,
                       shape: graph.shapes[output] ?? [], scale: scales[first]!, bound: bounds[first]!, isActivation: true)
            return
        }
        var current = first
        for (i, other) in rest.enumerated() {
            current = try emitExtremum(node, current, other, isMax: node.op == .max, output: i == rest.count - 1 ? output : "\(output)#\(i)")
        }
    }

    /// `max(a, b) = b + relu(a − b)`, `min(a, b) = a − relu(a − b)` at the finer scale of the two
    /// (a constant operand quantized at it): one ReLU on the difference, the rest linear. Returns
    /// `output`, an activation.
    @discardableResult
    mutating func emitExtremum(_ node: Node, _ a: String, _ b: String, isMax: Bool, output: String) throws -> String {
        let difference = try emitCombination(node, [(a, 1), (b, -1)], output: "\(output)#difference", asActivation: false)
        let scale = scales[difference]!
        let positive = "\(output)#relu"
        try append(node, .relu, inputs: [difference], output: positive, shape: shape(of: difference), scale: scale,
                   bound: bounds[difference]!, isActivation: false)
        let (base, sign): (String, Int64) = isMax ? (b, 1) : (a, -1)
        let terms: [(name: String?, sign: Int64)] = [(base, 1), (positive, sign)]
        return try emitCombination(node, terms, output: output,
                                   asActivation: true, scale: scale)
    }

    /// `Clip` whose bounds are tensors or activations (``lowerClip(_:)`` sends it here only then,
    /// so at least one bound is present): `min(max(x, lower), upper)`.
    mutating func lowerTensorClip(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let output = node.outputs[0]
        let (lower, upper) = (node.input(1), node.input(2))
        var current = input
        if let lower { current = try emitExtremum(node, current, lower, isMax: true, output: upper == nil ? output : "\(output)#lower") }
        if let upper { current = try emitExtremum(node, current, upper, isMax: false, output: output) }
    }

    /// `ArgMin`: `ArgMax` of `−x` (the first, or last, smallest element is the first, or last,
    /// largest of `−x`), the negation free.
    mutating func lowerArgMin(_ node: Node, windows: Windows, shape: [Int]) throws {
        let input = try activation(node.input(0), node)
        let negated = "\(node.outputs[0])#negated"
        try append(node, .linearCombination(coefficients: [-1], constant: nil), inputs: [input], output: negated,
                   shape: self.shape(of: input), scale: scales[input]!, bound: bounds[input]!, isActivation: true)
        try append(node, .argMax(windows, selectLast: (node.int("select_last_index") ?? 0) != 0), inputs: [negated],
                   output: node.outputs[0], shape: shape, scale: 0, bound: activationBound, isActivation: true)
    }

    /// `Hardmax`: each window laid out as a row (free), its `argMax` (the first maximum), the index
    /// one-hot, and the booleans moved back into the input's layout (free). The output is 0/1 at
    /// scale 0.
    mutating func lowerHardmax(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let output = node.outputs[0]
        let shape = self.shape(of: input)
        let windows: Windows
        do { windows = try FloatEvaluator.hardmaxWindows(node, opset: graph.opset, shape: shape) } catch let error as ONNXError { throw QuantError.onnx(error) }
        let count = windows.count, n = windows.count > 0 ? windows.offsets[1] - windows.offsets[0] : 0
        guard n > 0 else { throw unsupported(node, "an empty axis") }
        let rows = "\(output)#rows", index = "\(output)#index"
        try append(node, .rearrange(sources: windows.indices, constants: []), inputs: [input], output: rows, shape: [count, n],
                   scale: scales[input]!, bound: bounds[input]!, isActivation: true)
        let (rowWindows, _) = Windows.reduction(shape: [count, n], axes: [1], keepDims: false)
        try append(node, .argMax(rowWindows, selectLast: false), inputs: [rows], output: index, shape: [count], scale: 0,
                   bound: Double(n), isActivation: true)
        let hot = try emitOneHot(node, indices: index, depth: n, output: "\(output)#onehot")
        var sources = [Int](repeating: 0, count: windows.indices.count)
        for (position, element) in windows.indices.enumerated() { sources[element] = position }
        try append(node, .rearrange(sources: sources, constants: []), inputs: [hot], output: output, shape: graph.shapes[output] ?? shape,
                   scale: 0, bound: 1, isActivation: true)
        booleans.insert(output)
    }
}

extension Quantizer {
    /// `Cast` to an integer type from a float, `trunc(x)` (``emitQuotient(_:input:divisors:truncating:output:)``
    /// by `2^s`; nothing at scale 0), or to bool, `x ≠ 0` (``boolean(_:_:)``). Both land at scale
    /// 0. Integer overflow of the target type is not modelled: values stay within the activation width.
    mutating func lowerCastToInteger(_ node: Node, toBool: Bool) throws {
        let input = try activation(node.input(0), node)
        let output = node.outputs[0]
        let shape = graph.shapes[output] ?? self.shape(of: input)
        if toBool {
            let value = try boolean(input, node)
            try emitCopy(node, value, output: output, shape: shape, scale: 0,
                       bound: 1, isActivation: true)
            booleans.insert(output)
            return
        }
        let scale = scales[input]!
        guard scale > 0 else {
            try emitCopy(node, input, output: output, shape: shape, scale: 0,
                       bound: bounds[input]!, isActivation: true)
            return
        }
        guard scale < 62 else { throw unsupported(node, "an input scale of 2^-\(scale)") }
        try emitQuotient(node, input: input, divisors: Tensor(shape: [], scalars: [Int64(1) << scale]), truncating: true, output: output)
    }

    /// Integer `Div` (an integer output type) by a constant: `trunc(x / d)` as C and onnxruntime
    /// compute it (``emitQuotient(_:input:divisors:truncating:output:)``). A computed divisor is
    /// refused.
    mutating func lowerIntegerDivision(_ node: Node) throws {
        guard !isActivation(node.input(1)) else { throw unsupported(node, "integer division by a computed divisor") }
        let input = try align(try activation(node.input(0), node), to: 0, node)
        let divisors = try integerDivisors(node, try constant(node.input(1), node), scale: 0)
        try emitQuotient(node, input: input, divisors: divisors, truncating: true, output: node.outputs[0])
    }

    /// `Mod(x, d)` by a constant: `r = x − d·q` with `q = ⌊x/d⌋` (`fmod = 0`, the divisor's sign)
    /// or `trunc(x/d)` (`fmod = 1`, the dividend's). Integers at scale 0; floats (fmod = 1) at the
    /// input's scale with `d` quantized at it.
    mutating func lowerMod(_ node: Node) throws {
        guard !isActivation(node.input(1)) else { throw unsupported(node, "Mod by a computed divisor") }
        var input = try activation(node.input(0), node)
        let isInteger = !(graph.elementTypes[node.outputs[0]] ?? .float).isFloatingPoint
        if isInteger { input = try align(input, to: 0, node) }
        let scale = scales[input]!
        let divisors = try integerDivisors(node, try constant(node.input(1), node), scale: scale)
        let output = node.outputs[0]
        let quotient = try emitQuotient(node, input: input, divisors: divisors, truncating: (node.int("fmod") ?? 0) != 0,
                                        output: "\(output)#quotient")
        let product = "\(output)#product"
        try append(node, .mulConstant(multiplier: Tensor(shape: divisors.shape, scalars: divisors.scalars.map { -$0 }), bias: nil),
                   inputs: [quotient], output: product, shape: shape(of: quotient), scale: scale,
                   bound: bounds[quotient]! * maxMagnitude(divisors.scalars), isActivation: false)
        try append(node, .linearCombination(coefficients: [1, 1], constant: nil), inputs: [input, product], output: output,
                   shape: graph.shapes[output] ?? [], scale: scale, bound: activationBound, isActivation: true)
    }

    /// A constant divisor quantized at `scale`: nonzero integers (``QuantError`` otherwise).
    func integerDivisors(_ node: Node, _ divisor: Tensor<Double>, scale: Int) throws -> Tensor<Int64> {
        let quantized = try quantize(divisor, scale: scale, node)
        guard quantized.scalars.allSatisfy({ $0 != 0 }) else { throw unsupported(node, "division by zero (at scale \(scale))") }
        if scale == 0, divisor.scalars.contains(where: { $0 != $0.rounded() }) {
            throw unsupported(node, "a fractional divisor of an integer tensor")
        }
        return quantized
    }

    /// `q = ⌊x/d⌋` or, `truncating`, `trunc(x/d)`, per element for constant nonzero integers `d`
    /// (broadcast with `x`), at scale 0. With `a = |d|`, `σ = sign d` and `h = ⌊a/2⌋`:
    /// `⌊x/d⌋ = ⌊(σx − h)/a + 1/2⌋`, and `trunc(x/d) = σ·⌊(x + (a−1)·[x<0] − h)/a + 1/2⌋`; the
    /// rounded division is ``QuantizedOperation/divide(divisors:)`` and `[x<0]` a sign test. Adding `1/2` to `n/a` never crosses an integer when `a ≥ 1` and
    /// `n` is an integer shifted by `h`, so the rounding is exactly the floor.
    @discardableResult
    mutating func emitQuotient(_ node: Node, input: String, divisors: Tensor<Int64>, truncating: Bool, output: String) throws -> String {
        let inputShape = shape(of: input)
        guard let shape = Broadcast.shape([inputShape, divisors.shape]) else {
            throw unsupported(node, "divisor of shape \(divisors.shape) for \(inputShape)")
        }
        let a = divisors.scalars.map { Int64($0.magnitude) }
        let sigma = divisors.scalars.map { $0 < 0 ? Int64(-1) : 1 }
        let half = a.map { $0 / 2 }
        let largest = Double(a.max() ?? 1)
        let offset = Tensor(shape: divisors.shape, scalars: half.map { -$0 })
        let numerator = "\(output)#numerator"
        try append(node, .mulConstant(multiplier: Tensor(shape: divisors.shape, scalars: truncating ? a.map { _ in 1 } : sigma), bias: offset),
                   inputs: [input], output: numerator, shape: shape, scale: 0, bound: bounds[input]! + largest, isActivation: false)
        var dividend = numerator
        if truncating {
            let negative = "\(output)#negative", correction = "\(output)#correction"
            try append(node, .test(.negative), inputs: [input], output: negative, shape: inputShape, scale: 0, bound: 1, isActivation: true)
            booleans.insert(negative)
            try append(node, .mulConstant(multiplier: Tensor(shape: divisors.shape, scalars: a.map { $0 - 1 }), bias: nil), inputs: [negative],
                       output: correction, shape: shape, scale: 0, bound: largest, isActivation: false)
            dividend = "\(output)#dividend"
            try append(node, .linearCombination(coefficients: [1, 1], constant: nil), inputs: [numerator, correction], output: dividend,
                       shape: shape, scale: 0, bound: bounds[input]! + 2 * largest, isActivation: false)
        }
        let expanded = a.count == 1 ? a : Broadcast.sourceIndices(from: divisors.shape, to: shape).map { a[$0] }
        let needsSign = truncating && sigma.contains(-1)
        let quotient = needsSign ? "\(output)#magnitude" : output
        try append(node, .divide(divisors: expanded), inputs: [dividend], output: quotient, shape: shape, scale: 0,
                   bound: activationBound, isActivation: true)
        if needsSign {
            try append(node, .mulConstant(multiplier: Tensor(shape: divisors.shape, scalars: sigma), bias: nil), inputs: [quotient],
                       output: output, shape: shape, scale: 0, bound: activationBound, isActivation: true)
        }
        return output
    }
}
