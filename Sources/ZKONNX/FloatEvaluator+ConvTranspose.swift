extension FloatEvaluator {
    /// `ConvTranspose` by its definition (every input element scattered through the kernel), the
    /// reference the quantizer's spread-and-convolve lowering is checked against.
    static func convTranspose(_ node: Node, x: Tensor<Double>, w: Tensor<Double>, b: Tensor<Double>?) throws -> Tensor<Double> {
        let g = try ConvTransposeGeometry(node: node, inputShape: x.shape, weightShape: w.shape)
        if let b, b.count != g.outputChannels {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "bias has \(b.count) values for \(g.outputChannels) channels")
        }
        // A 1-D transposed convolution is the 2-D one with a height of 1.
        func pair(_ values: [Int], _ one: Int) -> (Int, Int) { values.count == 2 ? (values[0], values[1]) : (one, values[0]) }
        let (ih, iw) = pair(g.inputSize, 1), (oh, ow) = pair(g.outputSize, 1), (kh, kw) = pair(g.kernel, 1)
        let (sh, sw) = pair(g.strides, 1), (dh, dw) = pair(g.dilations, 1), (ph, pw) = pair(g.padsBegin, 0)
        let (channels, outputs, perGroupIn, perGroupOut) = (g.inputChannels, g.outputChannels, g.inputsPerGroup, g.outputsPerGroup)
        var out = [Double](repeating: 0, count: g.batch * outputs * oh * ow)
        for n in 0..<g.batch {
            for m in 0..<outputs {
                let bias = b?.scalars[m] ?? 0
                for p in 0..<(oh * ow) { out[(n * outputs + m) * oh * ow + p] = bias }
            }
            for c in 0..<channels {
                let group = c / perGroupIn
                for local in 0..<perGroupOut {
                    let m = group * perGroupOut + local
                    let weights = (c * perGroupOut + local) * kh * kw
                    for i in 0..<ih {
                        for j in 0..<iw {
                            let value = x.scalars[((n * channels + c) * ih + i) * iw + j]
                            for a in 0..<kh {
                                let row = i * sh - ph + a * dh
                                guard row >= 0, row < oh else { continue }
                                for e in 0..<kw {
                                    let column = j * sw - pw + e * dw
                                    guard column >= 0, column < ow else { continue }
                                    out[((n * outputs + m) * oh + row) * ow + column] += value * w.scalars[weights + a * kw + e]
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: g.outputShape, scalars: out)
    }
}
