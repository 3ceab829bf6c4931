extension ResolvedGraph {
    /// Folds every `BatchNormalization` that directly follows a `Conv` or `Gemm` with constant
    /// weights (and whose input is read by nothing else) into that node's weights and bias:
    /// `W' = W·γ/√(σ²+ε)`, `b' = (b − μ)·γ/√(σ²+ε) + β`.
    ///
    /// The remaining batch normalizations stay as per-channel affine maps.
    /// - Returns: an equivalent graph with fewer nodes.
    public func foldingBatchNormalization() -> ResolvedGraph {
        var graph = self
        let readers = readerCounts
        var producers: [String: Int] = [:]
        for (index, node) in nodes.enumerated() { for output in node.outputs { producers[output] = index } }
        var removed = Set<Int>()
        for (index, node) in nodes.enumerated() where node.op == .batchNormalization && node.outputs.count == 1 {
            guard let source = node.input(0), readers[source] == 1, let producerIndex = producers[source],
                  !removed.contains(producerIndex) else { continue }
            let producer = graph.nodes[producerIndex]
            guard producer.op == .conv || (producer.op == .gemm && (producer.int("transB") ?? 0) != 0
                                               || producer.op == .gemm),
                  let weightName = producer.input(1), let weights = constants[weightName],
                  node.inputs.count >= 5, let scale = constants[node.inputs[1]], let beta = constants[node.inputs[2]],
                  let mean = constants[node.inputs[3]], let variance = constants[node.inputs[4]] else { continue }
            let channels = producer.op == .conv ? weights.shape[0]
                : ((producer.int("transB") ?? 0) != 0 ? weights.shape[0] : weights.shape[1])
            guard let (factor, shift) = try? FloatEvaluator.batchNormAffine(node, scale: scale, b: beta, mean: mean,
                                                                          variance: variance, channels: channels) else { continue }
            var newWeights = weights
            if producer.op == .gemm && (producer.int("transB") ?? 0) == 0 {
                let n = weights.shape[1]
                for i in 0..<newWeights.count { newWeights.scalars[i] *= factor[i % n] }
            } else {
                let per = weights.count / channels
                for i in 0..<newWeights.count { newWeights.scalars[i] *= factor[i / per] }
            }
            var bias = [Double](repeating: 0, count: channels)
            if let biasName = producer.input(2), let old = constants[biasName] {
                guard old.count == channels else { continue }  // a broadcast Gemm C is left alone
                bias = old.scalars
            }
            if producer.op == .gemm, let alpha = producer.float("alpha"), alpha != 1 {
                for i in 0..<newWeights.count { newWeights.scalars[i] *= alpha }
            }
            let beta0 = producer.op == .gemm ? (producer.float("beta") ?? 1) : 1
            let newBias = (0..<channels).map { (bias[$0] * beta0) * factor[$0] + shift[$0] }
            var folded = producer
            let weightKey = "\(producer.name)::bn_folded_weight", biasKey = "\(producer.name)::bn_folded_bias"
            graph.constants[weightKey] = newWeights
            graph.constants[biasKey] = Tensor(shape: [channels], scalars: newBias)
            graph.shapes[weightKey] = newWeights.shape
            graph.shapes[biasKey] = [channels]
            graph.elementTypes[weightKey] = .float
            graph.elementTypes[biasKey] = .float
            folded.inputs = [producer.inputs[0], weightKey, biasKey]
            folded.attributes["alpha"] = nil
            folded.attributes["beta"] = nil
            folded.outputs = node.outputs
            graph.nodes[producerIndex] = folded
            graph.shapes[node.outputs[0]] = shapes[source]
            removed.insert(index)
        }
        graph.nodes = graph.nodes.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        return graph
    }
}
