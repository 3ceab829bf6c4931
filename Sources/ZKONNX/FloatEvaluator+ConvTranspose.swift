extension FloatEvaluator {
    /// `ConvTranspose` by its definition (every input element scattered through the kernel), the
    /// reference the quantizer's spread-and-convolve lowering is checked against.
    static func convTranspose(_ node: Node, x: Tensor<Double>, w: Tensor<Double>, b: Tensor<Double>?) throws -> Tensor<Double> {
        let g = try ConvTransposeGeometry(node: node, inputShape: x.shape, weightShape: w.shape)
        if let b, b.count != g.outputChannels {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "bias has \(b.count) values for \(g.outputChannels) channels")
        }
        // Any number of spatial axes: input position i and tap k land on output i·s − p + k·d.
        let rank = g.inputSize.count
        let (inPlane, outPlane, taps) = (g.inputSize.reduce(1, *), g.outputSize.reduce(1, *), g.kernel.reduce(1, *))
        let outStride = (0 ..< rank).map { g.outputSize[($0 + 1)...].reduce(1, *) }
        let (channels, outputs, perGroupIn, perGroupOut) = (g.inputChannels, g.outputChannels, g.inputsPerGroup, g.outputsPerGroup)
        // target[i·taps + k]: the output position input position i reaches through tap k, or -1.
        var target = [Int](repeating: -1, count: inPlane * taps)
        for i in 0 ..< inPlane {
            for k in 0 ..< taps {
                var (restI, restK, position, inside) = (i, k, 0, true)
                for axis in stride(from: rank - 1, through: 0, by: -1) {
                    let ia = restI % g.inputSize[axis], ka = restK % g.kernel[axis]
                    restI /= g.inputSize[axis]
                    restK /= g.kernel[axis]
                    let o = ia * g.strides[axis] - g.padsBegin[axis] + ka * g.dilations[axis]
                    if o < 0 || o >= g.outputSize[axis] { inside = false; break }
                    position += o * outStride[axis]
                }
                if inside { target[i * taps + k] = position }
            }
        }
        var out = [Double](repeating: 0, count: g.batch * outputs * outPlane)
        for n in 0..<g.batch {
            for m in 0..<outputs {
                let bias = b?.scalars[m] ?? 0
                for p in 0..<outPlane { out[(n * outputs + m) * outPlane + p] = bias }
            }
            for c in 0..<channels {
                let group = c / perGroupIn
                for local in 0..<perGroupOut {
                    let m = group * perGroupOut + local
                    let weights = (c * perGroupOut + local) * taps
                    let base = (n * outputs + m) * outPlane
                    for i in 0..<inPlane {
                        let value = x.scalars[(n * channels + c) * inPlane + i]
                        for k in 0..<taps where target[i * taps + k] >= 0 {
                            out[base + target[i * taps + k]] += value * w.scalars[weights + k]
                        }
                    }
                }
            }
        }
        return Tensor(shape: g.outputShape, scalars: out)
    }
}
