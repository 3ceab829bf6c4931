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
            try emitCopy(node, hot, output: output,
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

extension Quantizer {
    /// `TopK(x, k, axis, largest)`: `k` rounds of ArgMax on the candidates `L = ±x` (each window
    /// laid out as a row of `n`, a free `rearrange`), each round's index one-hot (`oneHot`), its value
    /// `Σ e·x` (`mul`, `windowSum`), and the chosen element pushed below every other
    /// (`L − 2^b·e`, one more bit per round's bound) before the next round. Ties: the lower index
    /// first (ONNX). Values and indices are then placed along the axis (`rearrange`).
    mutating func lowerTopK(_ node: Node) throws {
        let x = try activation(node.input(0), node)
        let shape = self.shape(of: x)
        var axis = node.int("axis") ?? -1
        if axis < 0 { axis += shape.count }
        guard axis >= 0 && axis < shape.count else { throw unsupported(node, "axis \(node.int("axis") ?? -1)") }
        let k: Int
        if let name = node.input(1) { k = Int(try constant(name, node).scalars.first ?? -1) } else { k = node.int("k") ?? -1 }
        let n = shape[axis]
        guard k >= 1 && k <= n else { throw unsupported(node, "k = \(k) for an axis of \(n)") }
        let largest = (node.int("largest") ?? 1) != 0
        let (values, indices) = (node.outputs[0], node.outputs.count > 1 ? node.outputs[1] : "")
        let scale = scales[x]!
        let (windows, _) = Windows.reduction(shape: shape, axes: [axis], keepDims: false)
        let count = windows.count
        let rows = [count, n]
        let (rowWindows, _) = Windows.reduction(shape: rows, axes: [1], keepDims: false)
        // Each window as a row: X[w, i] = x[windows.window(w)[i]].
        let laidOut = "\(values)#rows"
        try append(node, .rearrange(sources: windows.indices, constants: []), inputs: [x], output: laidOut, shape: rows, scale: scale,
                   bound: bounds[x]!, isActivation: true)
        var candidates = laidOut
        if !largest {
            candidates = "\(values)#negated"
            try append(node, .linearCombination(coefficients: [-1], constant: nil), inputs: [laidOut], output: candidates, shape: rows,
                       scale: scale, bound: bounds[x]!, isActivation: false)
        }
        let drop = Int64(1) << bits(of: laidOut)
        var chosenValues: [String] = [], chosenIndices: [String] = []
        for j in 0 ..< k {
            let index = "\(values)#index\(j)"
            try append(node, .argMax(rowWindows, selectLast: false), inputs: [candidates], output: index, shape: [count], scale: 0,
                       bound: Double(n), isActivation: true)
            let hot = try emitOneHot(node, indices: index, depth: n, output: "\(values)#onehot\(j)")
            let (products, value) = ("\(values)#products\(j)", "\(values)#value\(j)")
            try append(node, .mul, inputs: [hot, laidOut], output: products, shape: rows, scale: scale, bound: bounds[x]!, isActivation: false)
            try append(node, .windowSum(rowWindows), inputs: [products], output: value, shape: [count], scale: scale,
                       bound: bounds[x]!, isActivation: true)
            chosenValues.append(value)
            chosenIndices.append(index)
            if j + 1 < k {
                let masked = "\(values)#masked\(j)"
                try append(node, .linearCombination(coefficients: [1, -drop], constant: nil), inputs: [candidates, hot], output: masked,
                           shape: rows, scale: scale, bound: bounds[candidates]! + Double(drop) * Double(j + 1), isActivation: false)
                candidates = masked
            }
        }
        // Along the axis: out[o, j, q] = chosen_j[o·inner + q].
        let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
        let sources = (0 ..< outer).flatMap { o in (0 ..< k).flatMap { j in (0 ..< inner).map { q in j * count + o * inner + q } } }
        var outputShape = shape
        outputShape[axis] = k
        if !values.isEmpty {
            try append(node, .rearrange(sources: sources, constants: []), inputs: chosenValues, output: values, shape: outputShape,
                       scale: scale, bound: bounds[x]!, isActivation: true)
        }
        if !indices.isEmpty {
            try append(node, .rearrange(sources: sources, constants: []), inputs: chosenIndices, output: indices, shape: outputShape,
                       scale: 0, bound: Double(n), isActivation: true)
        }
    }
}
