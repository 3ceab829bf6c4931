import ZKONNX

extension Quantizer {
    /// `Gemm`: `y = α·A'·B' + β·C` (`'` the optional transposition). With a constant `B` and `C`:
    /// `matMul` (free; a transposed activation `A` is first laid out by a `rearrange`). With an
    /// activation `B` (or a constant `A`): ``emitBatchMatMul(_:left:right:transposeLeft:transposeRight:output:)``,
    /// then `α` and `β·C` as one `mulConstant` when they are not 1 and absent.
    mutating func lowerGemm(_ node: Node) throws {
        let transA = (node.int("transA") ?? 0) != 0, transB = (node.int("transB") ?? 0) != 0
        let alpha = node.float("alpha") ?? 1, beta = node.float("beta") ?? 1
        if isActivation(node.input(2)) { throw unsupported(node, "an activation C (only a constant C)") }
        if isActivation(node.input(1)) || !isActivation(node.input(0)) {
            let c = try node.input(2).map { try constant($0, node) }
            guard alpha != 1 || (c != nil && beta != 0) else {
                try emitBatchMatMul(node, left: node.input(0), right: node.input(1), transposeLeft: transA, transposeRight: transB)
                return
            }
            let product = "\(node.outputs[0])#product"
            try emitBatchMatMul(node, left: node.input(0), right: node.input(1), transposeLeft: transA, transposeRight: transB,
                                output: product)
            try emitScaled(node, input: product, multiplier: Tensor(shape: [1], scalars: [alpha]),
                           bias: c.flatMap { beta == 0 ? nil : Tensor(shape: $0.shape, scalars: $0.scalars.map { $0 * beta }) })
            return
        }
        var a = try activation(node.input(0), node)
        if transA { a = try emitTransposed(node, a) }
        var b = try constant(node.input(1), node)
        guard b.rank == 2 else { throw unsupported(node, "Gemm needs a 2-D B") }
        if transB {
            let (k, n) = (b.shape[1], b.shape[0])
            b = Tensor(shape: [k, n], scalars: (0..<(k * n)).map { b.scalars[($0 % n) * k + $0 / n] })
        }
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

    /// The `Add` of a constant bias over the last axis (`[N]`, `[1, …, 1, N]` or one value) that
    /// is the only reader of `node`'s output (not a graph output) and keeps its shape: its output
    /// and the bias per column.
    func trailingBias(of node: Node, columns n: Int) -> (output: String, bias: [Double])? {
        let product = node.outputs[0]
        guard readers[product] == 1,
              let add = graph.nodes.first(where: { $0.op == .add && $0.inputs.contains(product) }), add.inputs.count == 2,
              let other = add.inputs.first(where: { $0 != product }), let c = graph.constants[other],
              let shape = graph.shapes[product], graph.shapes[add.outputs[0]] == shape,
              c.count == 1 || (c.count == n && c.shape.last == n && c.rank <= shape.count) else { return nil }
        return (add.outputs[0], c.count == 1 ? Array(repeating: c.scalars[0], count: n) : c.scalars)
    }

    /// A 2-D activation `[r, c]` laid out as `[c, r]` (a `rearrange`, free).
    mutating func emitTransposed(_ node: Node, _ name: String) throws -> String {
        let shape = self.shape(of: name)
        guard shape.count == 2 else { throw unsupported(node, "a transposed operand of shape \(shape) (only 2-D)") }
        let (r, c) = (shape[0], shape[1])
        let output = "\(name)#transposed"
        try append(node, .rearrange(sources: (0 ..< r * c).map { ($0 % r) * c + $0 / r }, constants: []), inputs: [name],
                   output: output, shape: [c, r], scale: scales[name]!, bound: bounds[name]!, isActivation: true)
        return output
    }

    /// `MatMul` or `Gemm` with an activation on at least one side and not "activation × 2-D
    /// constant" (that is ``emitMatMul(_:input:weights:bias:output:shape:)``):
    /// - two activations: `batchMatMul` (one product constraint per term), at the sum of their
    ///   scales, rescaled to the output's;
    /// - a constant `A` (`[M, K]` or `[K]`) times an activation `B` (`[…, K, N]` or `[K]`):
    ///   `Y = (Bᵀ·Aᵀ)ᵀ`, i.e. `B` laid out with `K` last, a free `matMul` by `Aᵀ`, laid back.
    /// A constant of rank above 2 on either side is refused (its batches would each be their own
    /// weight matrix).
    mutating func emitBatchMatMul(_ node: Node, left: String?, right: String?, transposeLeft: Bool, transposeRight: Bool,
                                  output: String? = nil) throws {
        let name = output ?? node.outputs[0]
        guard isActivation(left) || isActivation(right) else { throw unsupported(node, "operand '\(left ?? "")' must depend on the input") }
        let leftShape = isActivation(left) ? shape(of: left!) : try constant(left, node).shape
        let rightShape = isActivation(right) ? shape(of: right!) : try constant(right, node).shape
        guard let geometry = MatMulGeometry(left: leftShape, right: rightShape, transposeLeft: transposeLeft,
                                            transposeRight: transposeRight) else {
            throw unsupported(node, "shapes \(leftShape) and \(rightShape) do not multiply")
        }
        if let a = left, let b = right, isActivation(a), isActivation(b) {
            let bound = Double(geometry.inner) * bounds[a]! * bounds[b]!
            try emitAccumulated(node, .batchMatMul(geometry), inputs: [a, b], accumulatorScale: scales[a]! + scales[b]!,
                                bound: bound, output: name, shape: geometry.outputShape)
            return
        }
        if isActivation(left) {
            throw unsupported(node, "MatMul by a constant of shape \(rightShape) (only [K, N] or [K])")
        }
        // Constant A times activation B: one `matMul` row per (batch, column) of B, K long.
        let a = try constant(left, node), b = right!
        guard a.rank <= 2 else { throw unsupported(node, "MatMul of a constant of shape \(a.shape) (only [M, K] or [K])") }
        let (m, k, n, t) = (geometry.rows, geometry.inner, geometry.columns, geometry.batches)
        var weights = [Double](repeating: 0, count: k * m)
        for i in 0 ..< m { for p in 0 ..< k { weights[p * m + i] = a.scalars[geometry.leftIndex(batch: 0, row: i, inner: p)] } }
        let rows = "\(name)#columns", products = "\(name)#rows"
        try append(node, .rearrange(sources: (0 ..< t * n * k).map { index in
            let (batch, j, p) = (index / (n * k), index / k % n, index % k)
            return geometry.rightIndex(batch: batch, inner: p, column: j)
        }, constants: []), inputs: [b], output: rows, shape: [t * n, k], scale: scales[b]!, bound: bounds[b]!, isActivation: true)
        try emitMatMul(node, input: rows, weights: Tensor(shape: [k, m], scalars: weights), bias: nil, output: products, shape: [t * n, m])
        try append(node, .rearrange(sources: (0 ..< t * m * n).map { index in
            let (batch, i, j) = (index / (m * n), index / n % m, index % n)
            return (batch * n + j) * m + i
        }, constants: []), inputs: [products], output: name, shape: geometry.outputShape, scale: scales[products]!,
                   bound: bounds[products]!, isActivation: true)
    }

    mutating func emitMatMul(_ node: Node, input: String, weights w: Tensor<Double>, bias: [Double]?,
                             output: String? = nil, shape: [Int]? = nil) throws {
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
                            accumulatorScale: accumulatorScale, bound: bound, output: output, shape: shape)
    }

    /// `MatMul`: an activation by a constant `[K, N]` or `[K]` is a free `matMul`; anything else
    /// with an activation is ``emitBatchMatMul(_:left:right:transposeLeft:transposeRight:output:)``.
    /// A constant `Add` that is the product's only reader (PyTorch's `Linear` on a 3-D input
    /// exports MatMul + Add) becomes the `matMul`'s bias: one rescale instead of a rescale and a
    /// re-checked sum.
    mutating func lowerMatMul(_ node: Node) throws {
        if isActivation(node.input(0)), !isActivation(node.input(1)), let w = graph.constants[node.input(1) ?? ""], w.rank <= 2 {
            let input = node.input(0)!
            let weights = w.rank == 1 ? w.reshaped([w.count, 1]) : w
            guard (graph.shapes[input]?.last ?? -1) == weights.shape[0] else { throw unsupported(node, "inner dimensions differ") }
            if w.rank == 2, let (output, bias) = trailingBias(of: node, columns: weights.shape[1]) {
                absorbed.insert(output)
                try emitMatMul(node, input: input, weights: weights, bias: bias, output: output, shape: graph.shapes[output])
                return
            }
            try emitMatMul(node, input: input, weights: weights, bias: nil)
            return
        }
        try emitBatchMatMul(node, left: node.input(0), right: node.input(1), transposeLeft: false, transposeRight: false)
    }

    /// `Conv` with constant weights and bias: one accumulator per output element.
    mutating func lowerConv(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let w = try constant(node.input(1), node)
        let bias = try node.input(2).map { try constant($0, node).scalars }
        let geometry: ConvGeometry
        do { geometry = try ConvGeometry(node: node, inputShape: graph.shapes[input] ?? [], weightShape: w.shape) }
        catch let error as ONNXError { throw QuantError.onnx(error) }
        try emitConv(node, input: input, weights: w, bias: bias, geometry: geometry)
    }

    /// `ConvTranspose` with constant weights and bias, as a stride-1 `conv` of the input spread
    /// `stride` apart and framed by zeros (a free `rearrange`), with the kernel flipped and its
    /// channel axes swapped (``ZKONNX/ConvTransposeGeometry``): the same gadgets as `Conv`, one
    /// accumulator per output element, no new constraint form.
    mutating func lowerConvTranspose(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let w = try constant(node.input(1), node)
        let bias = try node.input(2).map { try constant($0, node).scalars }
        let geometry: ConvTransposeGeometry
        let convolution: ConvGeometry
        let conv: Node
        do {
            geometry = try ConvTransposeGeometry(node: node, inputShape: graph.shapes[input] ?? [], weightShape: w.shape)
            conv = geometry.convolution(named: node.name)
            convolution = try ConvGeometry(node: conv, inputShape: geometry.spreadShape, weightShape: geometry.convolutionWeightShape)
        } catch let error as ONNXError { throw QuantError.onnx(error) }
        guard convolution.outputShape == geometry.outputShape else {
            throw unsupported(node, "the spread convolution gives \(convolution.outputShape), not \(geometry.outputShape)")
        }
        let spread = "\(node.outputs[0])#spread"
        let sources = geometry.spreadSources()  // -1: constants[0], a zero
        try append(node, .rearrange(sources: sources, constants: [0]), inputs: [input], output: spread, shape: geometry.spreadShape,
                   scale: scales[input]!, bound: bounds[input]!, isActivation: true)
        let weights = Tensor(shape: geometry.convolutionWeightShape, scalars: geometry.convolutionWeights(w.scalars))
        try emitConv(node, input: spread, weights: weights, bias: bias, geometry: convolution)
    }

    /// The `conv` step (and its rescale) for `geometry` over `input` with float weights `w`.
    mutating func emitConv(_ node: Node, input: String, weights w: Tensor<Double>, bias: [Double]?, geometry: ConvGeometry) throws {
        let (weights, weightScale) = try quantizeMultiplier(w, node)
        let accumulatorScale = scales[input]! + weightScale
        let quantizedBias = try bias.map { try quantize(Tensor(shape: [$0.count], scalars: $0), scale: accumulatorScale, node).scalars }
        if let quantizedBias, quantizedBias.count != geometry.outputChannels {
            throw unsupported(node, "bias has \(quantizedBias.count) values for \(geometry.outputChannels) channels")
        }
        let perChannel = weights.count / max(geometry.outputChannels, 1)
        var bound = 0.0
        for m in 0..<geometry.outputChannels {
            let sum = weights.scalars[(m * perChannel)..<((m + 1) * perChannel)].reduce(0.0) { $0 + Double($1.magnitude) }
            bound = max(bound, sum * bounds[input]! + Double(quantizedBias?[m].magnitude ?? 0))
        }
        try emitAccumulated(node, .conv(geometry, weights: weights, bias: quantizedBias), inputs: [input],
                            accumulatorScale: accumulatorScale, bound: bound)
    }

    /// `BatchNormalization` left unfolded (no `Conv`/`Gemm` producer): a per-channel affine map.
    mutating func lowerBatchNormalization(_ node: Node) throws {
        let x = node.input(0)
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
    }
}

extension Quantizer {
    /// `ai.onnx.ml` Scaler: `mulConstant(scale, −offset·scale)` per feature (+ `rescale`), as a
    /// constant Mul; LinearRegressor: `matMul(Cᵀ, intercepts)` (+ `rescale`), as a Gemm.
    mutating func lowerLinearML(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let features = shape(of: input).last ?? 1
        do {
            if node.op == .scaler {
                let (scale, offset) = try node.scalerParameters(features: features)
                try emitScaled(node, input: input, multiplier: Tensor(shape: [features], scalars: scale),
                               bias: Tensor(shape: [features], scalars: zip(scale, offset).map { -$0 * $1 }))
            } else {
                let (weights, intercepts) = try node.linearRegressor(features: features)
                try emitMatMul(node, input: input, weights: weights, bias: intercepts)
            }
        } catch let error as ONNXError {
            throw QuantError.onnx(error)
        }
    }

    /// `ai.onnx.ml` LinearClassifier (``LinearClassifier``): the columns as a Gemm (`matMul`, free),
    /// then the scores and the label as a tree classifier's (``emitTreeScores(_:_:columns:output:samples:)``,
    /// ``emitTreeLabel(_:_:columns:count:samples:output:)``).
    mutating func lowerLinearClassifier(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let inputShape = shape(of: input)
        let features = inputShape.last ?? 1
        let classifier: LinearClassifier
        do { classifier = try LinearClassifier(node, features: features) } catch { throw QuantError.onnx(error) }
        let samples = inputShape.reduce(1, *) / max(features, 1)
        let columns = "\(node.outputs.last!)#columns"
        try emitMatMul(node, input: input, weights: classifier.weights, bias: classifier.intercepts, output: columns,
                       shape: [samples, classifier.targets])
        if node.outputs.count > 1 && !node.outputs[1].isEmpty {
            try emitTreeScores(node, classifier.transform, columns: columns, output: node.outputs[1], samples: samples)
        }
        if !node.outputs[0].isEmpty {
            try emitTreeLabel(node, classifier.label, columns: columns, count: classifier.targets, samples: samples, output: node.outputs[0])
        }
    }

    /// `ai.onnx.ml` Normalizer: the row's norm (`ReduceMax`, `ReduceL1` or `ReduceL2` over the last
    /// axis, kept), then `Div` by it (the reciprocal's table and a product). A row whose norm is 0
    /// (onnxruntime leaves it as it is) has no reciprocal: inference stops with `outsideDomain`.
    mutating func lowerNormalizer(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let reduction = ["MAX": "ReduceMax", "L1": "ReduceL1", "L2": "ReduceL2"][node.string("norm") ?? ""]
        guard let reduction else { throw unsupported(node, "norm '\(node.string("norm") ?? "")' (MAX, L1, L2)") }
        let norm = "\(node.outputs[0])#norm"
        try lower(Node(name: node.name, opType: reduction, inputs: [input], outputs: [norm],
                       attributes: ["axes": .ints([max(shape(of: input).count - 1, 0)]), "keepdims": .int(1)]))
        try lower(Node(name: node.name, opType: "Div", inputs: [input, norm], outputs: [node.outputs[0]]))
    }
}
