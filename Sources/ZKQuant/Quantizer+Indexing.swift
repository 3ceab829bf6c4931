import ZKONNX

extension Quantizer {
    /// The integer indices `name` (an activation) at scale 0, one-hot over `depth`
    /// (``QuantizedOperation/oneHot(depth:)``): `[indices…, depth]` booleans. Returns its name.
    mutating func emitOneHot(_ node: Node, indices name: String, depth: Int, output: String) throws -> String {
        guard depth >= 1 && depth <= 1 << 16 else { throw unsupported(node, "an index range of \(depth) (at most 65,536)") }
        let indices = try align(name, to: 0, node)
        try append(node, .oneHot(depth: depth), inputs: [indices], output: output, shape: shape(of: indices) + [depth], scale: 0,
                   bound: 1, isActivation: true)
        booleans.insert(output)
        return output
    }

    /// `Gather(data, indices, axis)` with computed indices over constant data: the indices one-hot
    /// over the axis, then a product with the data (constant weights, linear): `out[p, m, q] =
    /// Σ_i e[m, i]·data[p, i, q]`, as a `matMul` and, when the axis is not the first, a
    /// `rearrange` into ONNX's order. Integer data keeps scale 0, float data takes the output's.
    /// An index outside `[−n, n)` has no witness (ONNX: an error).
    mutating func lowerComputedGather(_ node: Node) throws {
        let data = try constant(node.input(0), node)
        let indices = try activation(node.input(1), node)
        let output = node.outputs[0]
        var axis = node.int("axis") ?? 0
        if axis < 0 { axis += data.rank }
        guard axis >= 0 && axis < data.rank else { throw unsupported(node, "axis \(node.int("axis") ?? 0) of a rank-\(data.rank) tensor") }
        let n = data.shape[axis]
        let outer = data.shape[..<axis].reduce(1, *), inner = data.shape[(axis + 1)...].reduce(1, *)
        let m = shape(of: indices).reduce(1, *)
        let isInteger = !(node.input(0).flatMap { graph.elementTypes[$0] } ?? .float).isFloatingPoint
        let scale = isInteger ? 0 : target(output)
        let quantized = try quantize(data, scale: scale, node)
        // W[i, p·inner + q] = data[p, i, q].
        var weights = [Int64](repeating: 0, count: n * outer * inner)
        for p in 0 ..< outer { for i in 0 ..< n { for q in 0 ..< inner {
            weights[i * outer * inner + p * inner + q] = quantized.scalars[(p * n + i) * inner + q]
        } } }
        let hot = try emitOneHot(node, indices: indices, depth: n, output: "\(output)#onehot")
        let bound = maxMagnitude(weights)
        let shape = graph.shapes[output] ?? []
        if outer == 1 {
            try append(node, .matMul(weights: Tensor(shape: [n, inner], scalars: weights), bias: nil), inputs: [hot], output: output,
                       shape: shape, scale: scale, bound: bound, isActivation: true)
            return
        }
        let gathered = "\(output)#gathered"
        try append(node, .matMul(weights: Tensor(shape: [n, outer * inner], scalars: weights), bias: nil), inputs: [hot], output: gathered,
                   shape: [m, outer, inner], scale: scale, bound: bound, isActivation: true)
        // [m, p, q] → [p, m, q].
        let sources = (0 ..< outer).flatMap { p in (0 ..< m).flatMap { j in (0 ..< inner).map { q in (j * outer + p) * inner + q } } }
        try append(node, .rearrange(sources: sources, constants: []), inputs: [gathered], output: output, shape: shape, scale: scale,
                   bound: bound, isActivation: true)
    }

    /// ONNX `OneHot(indices, depth, values = [off, on], axis)`: ``emitOneHot(_:indices:depth:output:)``,
    /// the new axis moved into place (`rearrange`), then `off + (on − off)·e` (`mulConstant`).
    /// ONNX gives all `off` for an index outside `[−depth, depth)`; zkml refuses it
    /// (``QuantError/outsideDomain(node:tensor:index:value:domain:)``, no witness).
    mutating func lowerOneHot(_ node: Node) throws {
        let indices = try activation(node.input(0), node)
        let depthTensor = try constant(node.input(1), node)
        let values = try constant(node.input(2), node)
        guard let first = depthTensor.scalars.first, depthTensor.count == 1, values.count == 2 else {
            throw unsupported(node, "depth must be one value and values two (off, on)")
        }
        let depth = Int(first)
        let output = node.outputs[0]
        let indexShape = shape(of: indices)
        let rank = indexShape.count + 1
        var axis = node.int("axis") ?? -1
        if axis < 0 { axis += rank }
        guard axis >= 0 && axis < rank else { throw unsupported(node, "axis \(node.int("axis") ?? -1) for rank \(rank)") }
        var hot = try emitOneHot(node, indices: indices, depth: depth, output: "\(output)#onehot")
        if axis != rank - 1 {
            // [pre, post, depth] → [pre, depth, post].
            let pre = indexShape[..<axis].reduce(1, *), post = indexShape[axis...].reduce(1, *)
            let sources = (0 ..< pre).flatMap { a in (0 ..< depth).flatMap { d in (0 ..< post).map { b in (a * post + b) * depth + d } } }
            let moved = "\(output)#moved"
            try append(node, .rearrange(sources: sources, constants: []), inputs: [hot], output: moved,
                       shape: Array(indexShape[..<axis]) + [depth] + Array(indexShape[axis...]), scale: 0, bound: 1, isActivation: true)
            booleans.insert(moved)
            hot = moved
        }
        let isInteger = !(node.input(2).flatMap { graph.elementTypes[$0] } ?? .float).isFloatingPoint
        let scale = isInteger ? 0 : target(output)
        let q = try quantize(values, scale: scale, node).scalars
        let (off, on) = (q[0], q[1])
        if off == 0 && on == 1 {
            try append(node, .linearCombination(coefficients: [1], constant: nil), inputs: [hot], output: output,
                       shape: graph.shapes[output] ?? [], scale: 0, bound: 1, isActivation: true)
            booleans.insert(output)
            return
        }
        try append(node, .mulConstant(multiplier: Tensor(shape: [], scalars: [on - off]), bias: Tensor(shape: [], scalars: [off])),
                   inputs: [hot], output: output, shape: graph.shapes[output] ?? [], scale: scale,
                   bound: Double(max(off.magnitude, on.magnitude)), isActivation: true)
    }
}

extension Quantizer {
    /// `GatherElements(data, indices, axis)` with computed indices: the indices one-hot over the
    /// axis (`oneHot`), each output's `n` candidates gathered from the data (`rearrange`, free), the
    /// products `e_i·candidate_i` (`mul`, `n` per output) and their sum (`windowSum`): exactly one
    /// term is nonzero. Constant data goes through the same steps with the candidates constant.
    mutating func lowerGatherElements(_ node: Node) throws {
        let indices = try activation(node.input(1), node)
        let output = node.outputs[0]
        guard let dataName = node.input(0) else { throw unsupported(node, "no data") }
        let dataShape = isActivation(dataName) ? shape(of: dataName) : try constant(dataName, node).shape
        let indexShape = shape(of: indices)
        var axis = node.int("axis") ?? 0
        if axis < 0 { axis += dataShape.count }
        guard axis >= 0 && axis < dataShape.count, indexShape.count == dataShape.count else {
            throw unsupported(node, "indices of shape \(indexShape) for data \(dataShape)")
        }
        let n = dataShape[axis]
        let hot = try emitOneHot(node, indices: indices, depth: n, output: "\(output)#onehot")
        let sources = FloatEvaluator.gatherElementsSources(dataShape: dataShape, indexShape: indexShape, axis: axis).flatMap { $0 }
        let candidates = "\(output)#candidates", products = "\(output)#products"
        let scale: Int
        if isActivation(dataName) {
            scale = scales[dataName]!
            try append(node, .rearrange(sources: sources, constants: []), inputs: [dataName], output: candidates,
                       shape: indexShape + [n], scale: scale, bound: bounds[dataName]!, isActivation: true)
            try append(node, .mul, inputs: [hot, candidates], output: products, shape: indexShape + [n], scale: scale,
                       bound: bounds[dataName]!, isActivation: false)
        } else {
            let isInteger = !(graph.elementTypes[dataName] ?? .float).isFloatingPoint
            scale = isInteger ? 0 : target(output)
            let data = try quantize(try constant(dataName, node), scale: scale, node)
            let values = Tensor(shape: indexShape + [n], scalars: sources.map { data.scalars[$0] })
            try append(node, .mulConstant(multiplier: values, bias: nil), inputs: [hot], output: products, shape: indexShape + [n],
                       scale: scale, bound: maxMagnitude(values.scalars), isActivation: false)
        }
        let (windows, _) = Windows.reduction(shape: indexShape + [n], axes: [indexShape.count], keepDims: false)
        try append(node, .windowSum(windows), inputs: [products], output: output, shape: graph.shapes[output] ?? indexShape,
                   scale: scale, bound: bounds[products]!, isActivation: true)
    }
}
