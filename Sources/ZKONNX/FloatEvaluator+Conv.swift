extension FloatEvaluator {
    static func conv(_ node: Node, x: Tensor<Double>, w: Tensor<Double>, b: Tensor<Double>?) throws -> Tensor<Double> {
        let geometry = try ConvGeometry(node: node, inputShape: x.shape, weightShape: w.shape)
        if let b, b.count != geometry.outputChannels {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "bias has \(b.count) values for \(geometry.outputChannels) channels")
        }
        let offsets = geometry.patchOffsets()
        let (positions, patch) = (geometry.outputPositions, geometry.patchLength)
        let plane = geometry.planeSize
        var out = [Double](repeating: 0, count: geometry.batch * geometry.outputChannels * positions)
        for n in 0..<geometry.batch {
            for m in 0..<geometry.outputChannels {
                let g = m / geometry.outputsPerGroup
                let base = (n * geometry.inputChannels + g * geometry.channelsPerGroup) * plane
                let bias = b?.scalars[m] ?? 0
                for p in 0..<positions {
                    var sum = bias
                    for e in 0..<patch {
                        let offset = offsets[p * patch + e]
                        if offset >= 0 { sum += x.scalars[base + offset] * w.scalars[m * patch + e] }
                    }
                    out[(n * geometry.outputChannels + m) * positions + p] = sum
                }
            }
        }
        return Tensor(shape: geometry.outputShape, scalars: out)
    }
}
