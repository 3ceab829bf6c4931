import ZKONNX

extension Quantizer {
    /// `Gemm`: `y = α·A·B' + β·C` with a constant `B` (transposed when `transB`) and `C`.
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

    /// `MatMul` of an activation by a constant matrix (or vector).
    mutating func lowerMatMul(_ node: Node) throws {
        let x = node.input(0)
        let input = try activation(x, node)
        if isActivation(node.input(1)) { throw unsupported(node, "MatMul of two activations is not supported") }
        let w = try constant(node.input(1), node)
        guard w.rank <= 2 else { throw unsupported(node, "MatMul with a rank-\(w.rank) constant") }
        let weights = w.rank == 1 ? w.reshaped([w.count, 1]) : w
        guard (graph.shapes[input]?.last ?? -1) == weights.shape[0] else { throw unsupported(node, "inner dimensions differ") }
        try emitMatMul(node, input: input, weights: weights, bias: nil)
    }

    /// `Conv` with constant weights and bias: one accumulator per output element.
    mutating func lowerConv(_ node: Node) throws {
        let x = node.input(0)
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
