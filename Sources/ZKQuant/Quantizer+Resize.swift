import ZKONNX

extension Quantizer {
    /// `Resize` and `Upsample` (``ResizeGeometry``, constant roi, scales and sizes): when every
    /// output is one input element (nearest) or the extrapolation value, one `rearrange` (free);
    /// otherwise each output's taps laid out as a row `[O, T]` (`rearrange`; a missing tap reads 0,
    /// an extrapolated output the value with weight 1), the weights (`mulConstant`) and the row's
    /// sum (`windowSum`), all free, then the one `rescale`.
    mutating func lowerResize(_ node: Node) throws {
        let input = try activation(node.input(0), node)
        let operands = try node.inputs.dropFirst().map { name -> Tensor<Double>? in name.isEmpty ? nil : try constant(name, node) }
        let geometry: ResizeGeometry
        do { geometry = try ResizeGeometry(node, inputShape: shape(of: input), operands: operands, opset: graph.opset) }
        catch let error as ONNXError { throw QuantError.onnx(error) }
        let output = node.outputs[0], scale = scales[input]!
        let taps = geometry.flatTaps
        let extrapolated = try quantize(Tensor(shape: [1], scalars: [geometry.extrapolation]), scale: scale, node).scalars[0]
        guard Double(extrapolated.magnitude) < activationBound else {
            throw QuantError.overflow(node: node.name, reason: "extrapolation_value \(geometry.extrapolation) does not fit "
                                      + "\(configuration.activationBits)-bit activations at scale \(scale)")
        }
        let bound = max(bounds[input]!, Double(extrapolated.magnitude))
        if taps.allSatisfy({ $0 == nil || ($0!.count == 1 && $0![0].weight == 1) }) {
            try append(node, .rearrange(sources: taps.map { $0?[0].index ?? -1 }, constants: [extrapolated]), inputs: [input], output: output,
                       shape: geometry.outputShape, scale: scale, bound: bound, isActivation: true)
            return
        }
        let width = taps.map { $0?.count ?? 1 }.max() ?? 1
        var sources: [Int] = [], weights: [Double] = []
        sources.reserveCapacity(taps.count * width)
        weights.reserveCapacity(taps.count * width)
        for row in taps {
            let entries = row.map { $0.map { ($0.index, $0.weight) } } ?? [(-2, 1)]
            for j in 0 ..< width {
                let (source, weight) = j < entries.count ? entries[j] : (-1, 0)
                sources.append(source)
                weights.append(weight)
            }
        }
        let shape = [taps.count, width]
        let laid = "\(output)#taps", products = "\(output)#weighted"
        try append(node, .rearrange(sources: sources, constants: [0, extrapolated]), inputs: [input], output: laid, shape: shape, scale: scale,
                   bound: bound, isActivation: false)
        try emitWeightedRowSums(node, laid, weights: weights, width: width, bound: bound, products: products, output: output,
                                shape: geometry.outputShape)
    }

    /// `output[o] = Σ_j w[o, j]·laid[o, j]` for rows already laid out `[O, width]` (a `rearrange`):
    /// the weights as multipliers (`mulConstant`), each row summed (`windowSum`), both free, then
    /// one `rescale` to the output's scale. `bound` bounds `|laid|`. Resize's taps and Einsum
    /// against a constant.
    mutating func emitWeightedRowSums(_ node: Node, _ laid: String, weights: [Double], width: Int, bound: Double,
                                      products: String, output: String, shape: [Int]) throws {
        let rows = weights.count / max(width, 1), laidShape = [rows, width]
        let (multiplier, weightScale) = try quantizeMultiplier(Tensor(shape: laidShape, scalars: weights), node)
        let rowBound = (0 ..< rows).map { row in
            multiplier.scalars[(row * width) ..< ((row + 1) * width)].reduce(0.0) { $0 + Double($1.magnitude) }
        }.max() ?? 0
        let scale = scales[laid]! + weightScale
        try append(node, .mulConstant(multiplier: multiplier, bias: nil), inputs: [laid], output: products, shape: laidShape,
                   scale: scale, bound: bound * maxMagnitude(multiplier.scalars), isActivation: false)
        let (windows, _) = Windows.reduction(shape: laidShape, axes: [1], keepDims: false)
        try emitAccumulated(node, .windowSum(windows), inputs: [products], accumulatorScale: scale, bound: bound * rowBound,
                            output: output, shape: shape)
    }
}
