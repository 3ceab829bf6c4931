extension FloatEvaluator {
    static func map(_ x: Tensor<Double>, _ transform: (Double) -> Double) -> Tensor<Double> {
        Tensor(shape: x.shape, scalars: x.scalars.map(transform))
    }

    /// The position of the largest value (first or last among equals).
    public static func argMax<T: Comparable>(_ values: [T], selectLast: Bool) -> Int {
        var best = 0
        for position in values.indices.dropFirst() {
            if values[position] > values[best] || (selectLast && values[position] == values[best]) { best = position }
        }
        return best
    }

    static func binary(_ a: Tensor<Double>, _ b: Tensor<Double>, _ node: Node,
                       _ combine: (Double, Double) -> Double) throws -> Tensor<Double> {
        if a.shape == b.shape { return Tensor(shape: a.shape, scalars: zip(a.scalars, b.scalars).map(combine)) }
        guard let shape = Broadcast.shape([a.shape, b.shape]) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        let ia = Broadcast.sourceIndices(from: a.shape, to: shape)
        let ib = Broadcast.sourceIndices(from: b.shape, to: shape)
        return Tensor(shape: shape, scalars: (0..<ia.count).map { combine(a.scalars[ia[$0]], b.scalars[ib[$0]]) })
    }

    static func matMul(_ a: Tensor<Double>, _ b: Tensor<Double>, _ node: Node,
                       transposeLeft: Bool = false, transposeRight: Bool = false) throws -> Tensor<Double> {
        guard let g = MatMulGeometry(left: a.shape, right: b.shape, transposeLeft: transposeLeft, transposeRight: transposeRight) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "shapes \(a.shape) and \(b.shape) do not multiply")
        }
        var out = [Double](repeating: 0, count: g.batches * g.rows * g.columns)
        for t in 0..<g.batches {
            for i in 0..<g.rows {
                for p in 0..<g.inner {
                    let av = a.scalars[g.leftIndex(batch: t, row: i, inner: p)]
                    if av == 0 { continue }
                    let base = (t * g.rows + i) * g.columns
                    for j in 0..<g.columns { out[base + j] += av * b.scalars[g.rightIndex(batch: t, inner: p, column: j)] }
                }
            }
        }
        return Tensor(shape: g.outputShape, scalars: out)
    }

    static func gemm(_ node: Node, a: Tensor<Double>, b: Tensor<Double>, c: Tensor<Double>?) throws -> Tensor<Double> {
        guard a.rank == 2, b.rank == 2 else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "Gemm needs 2-D operands")
        }
        var product = try matMul(a, b, node, transposeLeft: (node.int("transA") ?? 0) != 0,
                                 transposeRight: (node.int("transB") ?? 0) != 0)
        let alpha = node.float("alpha") ?? 1, beta = node.float("beta") ?? 1
        if alpha != 1 { product = map(product) { $0 * alpha } }
        if let c { product = try binary(product, map(c) { $0 * beta }, node, +) }
        return product
    }

    /// Folds inference-mode batch normalization into a per-channel `y = x·scale + bias`.
    public static func batchNormAffine(_ node: Node, scale: Tensor<Double>, b: Tensor<Double>, mean: Tensor<Double>,
                                variance: Tensor<Double>, channels: Int) throws -> ([Double], [Double]) {
        guard [scale, b, mean, variance].allSatisfy({ $0.count == channels }) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "parameters do not match \(channels) channels")
        }
        let epsilon = node.float("epsilon") ?? 1e-5
        let factor = (0..<channels).map { scale.scalars[$0] / (variance.scalars[$0] + epsilon).squareRoot() }
        let bias = (0..<channels).map { b.scalars[$0] - mean.scalars[$0] * factor[$0] }
        return (factor, bias)
    }

    static func transpose(_ x: Tensor<Double>, _ perm: [Int]) -> Tensor<Double> {
        let shape = perm.map { x.shape[$0] }
        let strides = Tensor<Double>.strides(of: x.shape)
        let permuted = perm.map { strides[$0] }
        var out = [Double](repeating: 0, count: x.count)
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        for flat in 0..<x.count {
            out[flat] = x.scalars[source]
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                source += permuted[axis]
                if index[axis] < shape[axis] { break }
                source -= permuted[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    static func normalizedAxes(_ axes: [Int]?, rank: Int, _ node: Node) throws -> [Int]? {
        guard let axes else { return nil }
        return try axes.map { axis in
            let value = axis < 0 ? axis + rank : axis
            guard value >= 0 && value < rank else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "axis \(axis) out of range for rank \(rank)")
            }
            return value
        }
    }

    static func concat(_ parts: [Tensor<Double>], axis: Int, _ node: Node) throws -> Tensor<Double> {
        let first = parts[0]
        guard axis >= 0 && axis < max(first.rank, 1) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "axis out of range")
        }
        for part in parts where part.rank != first.rank || (0..<first.rank).contains(where: { $0 != axis && part.shape[$0] != first.shape[$0] }) {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "shapes \(parts.map(\.shape)) do not concatenate")
        }
        let outer = first.shape[..<axis].reduce(1, *)
        var shape = first.shape
        shape[axis] = parts.map { $0.shape[axis] }.reduce(0, +)
        var out: [Double] = []
        out.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for part in parts {
                let chunk = part.shape[axis...].reduce(1, *)
                out.append(contentsOf: part.scalars[(o * chunk)..<((o + 1) * chunk)])
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    static func gather(_ x: Tensor<Double>, indices: Tensor<Double>, axis rawAxis: Int, _ node: Node) throws -> Tensor<Double> {
        let axis = rawAxis < 0 ? rawAxis + x.rank : rawAxis
        guard axis >= 0 && axis < x.rank else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "axis out of range")
        }
        let outer = x.shape[..<axis].reduce(1, *)
        let inner = x.shape[(axis + 1)...].reduce(1, *)
        let size = x.shape[axis]
        var out: [Double] = []
        out.reserveCapacity(outer * indices.count * inner)
        for o in 0..<outer {
            for raw in indices.scalars {
                var index = clampedInt(raw)
                if index < 0 { index += size }
                guard index >= 0 && index < size else {
                    throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "index \(raw) out of range")
                }
                let start = (o * size + index) * inner
                out.append(contentsOf: x.scalars[start..<(start + inner)])
            }
        }
        return Tensor(shape: Array(x.shape[..<axis]) + indices.shape + Array(x.shape[(axis + 1)...]), scalars: out)
    }

    /// `GatherElements`: `out[p] = x[p with its axis coordinate replaced by indices[p]]`, a negative
    /// index counting from the end; `indices` has `x`'s rank and, off the axis, dimensions no larger.
    /// Also the source positions the quantizer's candidates are made from (``gatherElementsSources(dataShape:indexShape:axis:)``).
    static func gatherElements(_ x: Tensor<Double>, indices: Tensor<Double>, axis rawAxis: Int,
                               _ fail: (String) -> ONNXError) throws -> Tensor<Double> {
        let axis = rawAxis < 0 ? rawAxis + x.rank : rawAxis
        guard axis >= 0 && axis < x.rank, indices.rank == x.rank,
              zip(indices.shape, x.shape).enumerated().allSatisfy({ $0.offset == axis || $0.element.0 <= $0.element.1 }) else {
            throw fail("indices of shape \(indices.shape) for data \(x.shape) on axis \(rawAxis)")
        }
        let sources = gatherElementsSources(dataShape: x.shape, indexShape: indices.shape, axis: axis)
        let size = x.shape[axis]
        return Tensor(shape: indices.shape, scalars: try indices.scalars.enumerated().map { p, raw in
            var index = clampedInt(raw)
            if index < 0 { index += size }
            guard index >= 0 && index < size else { throw fail("index \(raw) out of range") }
            return x.scalars[sources[p][index]]
        })
    }

    /// For each position `p` of the indices, the flat positions in the data of its `n` candidates
    /// (its coordinates with the axis coordinate `0 … n − 1`).
    public static func gatherElementsSources(dataShape: [Int], indexShape: [Int], axis: Int) -> [[Int]] {
        let dataStrides = Tensor<Double>.strides(of: dataShape), indexStrides = Tensor<Double>.strides(of: indexShape)
        let count = indexShape.reduce(1, *)
        return (0 ..< count).map { p in
            var base = 0
            for d in 0 ..< indexShape.count where d != axis { base += (p / indexStrides[d] % indexShape[d]) * dataStrides[d] }
            return (0 ..< dataShape[axis]).map { base + $0 * dataStrides[axis] }
        }
    }

    /// `Int(value)` that never traps: NaN is 0, out-of-range values saturate at ±2^62.
    public static func clampedInt(_ value: Double) -> Int {
        value.isNaN ? 0 : value >= 0x1p62 ? 1 << 62 : value <= -0x1p62 ? -(1 << 62) : Int(value)
    }

    static func slice(_ node: Node, x: Tensor<Double>, opset: Int, operands: [Tensor<Double>?]) throws -> Tensor<Double> {
        let starts, ends: [Int]
        var axes: [Int]?
        var steps: [Int]?
        if opset < 10 || node.ints("starts") != nil {
            starts = node.ints("starts") ?? []
            ends = node.ints("ends") ?? []
            axes = node.ints("axes")
        } else {
            guard operands.count >= 3, let s = operands[1], let e = operands[2] else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "missing starts/ends")
            }
            starts = s.scalars.map(clampedInt)
            ends = e.scalars.map(clampedInt)
            axes = operands.count > 3 ? operands[3]?.scalars.map(clampedInt) : nil
            steps = operands.count > 4 ? operands[4]?.scalars.map(clampedInt) : nil
        }
        let resolvedAxes = try normalizedAxes(axes, rank: x.rank, node) ?? Array(0..<starts.count)
        guard starts.count == ends.count, resolvedAxes.count == starts.count, (steps?.count ?? starts.count) == starts.count else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "starts/ends/axes/steps lengths differ")
        }
        // Without axes, starts may not name more axes than the input has (a crash found by libFuzzer).
        guard resolvedAxes.allSatisfy({ $0 >= 0 && $0 < x.rank }) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "\(starts.count) starts for rank \(x.rank)")
        }
        var ranges = x.shape.map { (start: 0, step: 1, count: $0) }
        for (position, axis) in resolvedAxes.enumerated() {
            let dim = x.shape[axis]
            let step = steps?[position] ?? 1
            guard step != 0 else { throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "step 0") }
            var start = starts[position], end = ends[position]
            if start < 0 { start += dim }
            if end < 0 { end += dim }
            if step > 0 {
                start = min(max(start, 0), dim)
                end = min(max(end, 0), dim)
                ranges[axis] = (start, step, max(0, (end - start + step - 1) / step))
            } else {
                start = min(max(start, -1), dim - 1)
                end = min(max(end, -1), dim - 1)
                ranges[axis] = (start, step, max(0, (start - end - step - 1) / -step))
            }
        }
        let shape = ranges.map(\.count)
        let strides = Tensor<Double>.strides(of: x.shape)
        let count = shape.reduce(1, *)
        var out = [Double](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        for flat in 0..<count {
            var source = 0
            for axis in 0..<shape.count { source += (ranges[axis].start + index[axis] * ranges[axis].step) * strides[axis] }
            out[flat] = x.scalars[source]
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    /// The resolved `[begin..., end...]` pads and fill value of a constant-mode `Pad`.
    /// `Split`'s axis and output sizes, in every opset: the sizes from the `split` input (opset 1,
    /// and from 13) or attribute (2–12); without them, equal parts (the axis must divide), or from
    /// opset 18 `num_outputs` parts of `⌈d/n⌉` with a smaller last one.
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` naming what does not add up.
    static func splitSizes(_ node: Node, shape: [Int], opset: Int, operands: [Tensor<Double>?]) throws -> (axis: Int, sizes: [Int]) {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        let rank = shape.count
        let given = node.int("axis") ?? 0
        let axis = given < 0 ? given + rank : given
        guard axis >= 0, axis < rank else { throw fail("axis \(given) for rank \(rank)") }
        let dimension = shape[axis], parts = node.outputs.count
        guard parts > 0 else { throw fail("no outputs") }
        if node.input(1) != nil, operands.count < 2 || operands[1] == nil {
            throw fail("the split sizes are computed (only constant sizes give static shapes)")
        }
        if let sizes = (operands.count > 1 ? operands[1]?.scalars.map(clampedInt) : nil) ?? node.ints("split") {
            guard sizes.count == parts, sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == dimension else {
                throw fail("split \(sizes) for \(parts) outputs of an axis of \(dimension)")
            }
            return (axis, sizes)
        }
        if opset >= 18, let n = node.int("num_outputs") {
            guard n == parts, n > 0 else { throw fail("num_outputs \(n) for \(parts) outputs") }
            let chunk = (dimension + n - 1) / n
            let last = dimension - chunk * (n - 1)
            guard last >= 0 else { throw fail("an axis of \(dimension) does not split into \(n) parts of \(chunk)") }
            return (axis, [Int](repeating: chunk, count: n - 1) + [last])
        }
        guard dimension % parts == 0 else { throw fail("an axis of \(dimension) does not split into \(parts) equal parts") }
        return (axis, [Int](repeating: dimension / parts, count: parts))
    }

    /// Where `Pad` takes the elements outside the input.
    public enum PadMode: String, Sendable {
        /// The `value` (input or attribute).
        case constant
        /// The mirror image about the edge element, which is not repeated (`[a b c]` → `c b | a b c | b a`).
        case reflect
        /// The edge element repeated.
        case edge
        /// The input repeated (opset 19: `[a b c]` → `b c | a b c | a b`).
        case wrap
    }

    /// `Split` as one `Slice` node per output (attributes `starts`, `ends`, `axes`; the node's
    /// name, its input 0 and that output): what the float evaluator runs and the quantizer lowers.
    public static func splitSlices(_ node: Node, shape: [Int], opset: Int, operands: [Tensor<Double>?]) throws -> [Node] {
        let (axis, sizes) = try splitSizes(node, shape: shape, opset: opset, operands: operands)
        var start = 0
        return zip(node.outputs, sizes).map { output, size in
            defer { start += size }
            return Node(name: node.name, op: .slice, inputs: Array(node.inputs.prefix(1)), outputs: [output],
                        attributes: ["starts": .ints([start]), "ends": .ints([start + size]), "axes": .ints([axis])])
        }
    }

    static func padParameters(_ node: Node, rank: Int, opset: Int, operands: [Tensor<Double>?]) throws -> ([Int], Double, PadMode) {
        let name = node.string("mode") ?? "constant"
        guard let mode = PadMode(rawValue: name), mode != .wrap || opset >= 19 else {
            throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType,
                                                 reason: "mode \(name) (constant, reflect, edge; wrap from opset 19)")
        }
        var pads: [Int]
        var value = 0.0
        if opset < 11 {
            pads = node.ints("pads") ?? []
            value = node.float("value") ?? 0
        } else {
            guard operands.count > 1, let padTensor = operands[1] else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "missing pads")
            }
            pads = padTensor.scalars.map(clampedInt)
            if operands.count > 2, let v = operands[2], let first = v.scalars.first { value = first }
            if operands.count > 3, let axesTensor = operands[3] {
                let axes = try normalizedAxes(axesTensor.scalars.map(clampedInt), rank: rank, node) ?? []
                guard pads.count == 2 * axes.count else {
                    throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "pads has \(pads.count) entries for \(axes.count) axes")
                }
                var full = [Int](repeating: 0, count: 2 * rank)
                for (position, axis) in axes.enumerated() {
                    full[axis] = pads[position]
                    full[rank + axis] = pads[axes.count + position]
                }
                pads = full
            }
        }
        guard pads.count == 2 * rank else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "pads has \(pads.count) entries for rank \(rank)")
        }
        return (pads, value, mode)
    }

    static func pad(_ node: Node, x: Tensor<Double>, opset: Int, operands: [Tensor<Double>?]) throws -> Tensor<Double> {
        let (pads, value, mode) = try padParameters(node, rank: x.rank, opset: opset, operands: operands)
        return try padded(x, pads: pads, value: value, mode: mode, node)
    }

    /// Padding (negative pads crop): `value` outside the input in constant mode, else the input
    /// element that `mode` maps there. Reflect needs every pad below the axis's size (as
    /// onnxruntime), edge and wrap an axis of at least one element where it pads.
    public static func padded(_ x: Tensor<Double>, pads: [Int], value: Double, mode: PadMode = .constant,
                              _ node: Node) throws -> Tensor<Double> {
        let rank = x.rank
        // Pads come from the file: add with overflow checks (a crash found by libFuzzer, see FuzzTests).
        let sums = (0..<rank).map { axis in
            let (before, o1) = x.shape[axis].addingReportingOverflow(pads[axis])
            let (total, o2) = before.addingReportingOverflow(pads[rank + axis])
            return o1 || o2 ? -1 : total
        }
        let shape = sums
        guard shape.allSatisfy({ $0 >= 0 && $0 <= Graph.maximumElementCount }),
              shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? .max : $0 * $1 }) <= Graph.maximumElementCount else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "pads give shape \(shape)")
        }
        if mode != .constant {
            for axis in 0..<rank where pads[axis] > 0 || pads[rank + axis] > 0 {
                let n = x.shape[axis], widest = max(pads[axis], pads[rank + axis])
                guard mode == .reflect ? widest < n : n > 0 else {
                    throw ONNXError.invalidNode(node: node.name, opType: node.opType,
                                                reason: "\(mode.rawValue) pads of \(widest) on an axis of \(n)")
                }
            }
        }
        /// The input position `position` reads along an axis of `n` (nil: outside, constant mode).
        func sourcePosition(_ position: Int, _ n: Int) -> Int? {
            if position >= 0 && position < n { return position }
            switch mode {
            case .constant: return nil
            case .edge: return min(max(position, 0), n - 1)
            case .wrap: return ((position % n) + n) % n
            case .reflect: return position < 0 ? -position : 2 * (n - 1) - position
            }
        }
        let strides = Tensor<Double>.strides(of: x.shape)
        let count = shape.reduce(1, *)
        var out = [Double](repeating: value, count: count)
        var index = [Int](repeating: 0, count: rank)
        for flat in 0..<count {
            var source = 0
            var inside = true
            for axis in 0..<rank {
                guard let position = sourcePosition(index[axis] - pads[axis], x.shape[axis]) else { inside = false; break }
                source += position * strides[axis]
            }
            if inside { out[flat] = x.scalars[source] }
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: shape, scalars: out)
    }

    static func reduceMax(_ x: Tensor<Double>, _ windows: Windows) -> [Double] {
        (0..<windows.count).map { windows.window($0).map { x.scalars[$0] }.max() ?? -.infinity }
    }

    static func reduceMean(_ x: Tensor<Double>, _ windows: Windows) -> [Double] {
        (0..<windows.count).map { output in
            windows.window(output).reduce(0.0) { $0 + x.scalars[$1] } / Double(max(windows.divisors[output], 1))
        }
    }

    /// Windows of `ReduceSum`/`ReduceMean` (axes from the attribute or the second input).
    public static func reductionWindows(_ node: Node, x: Tensor<Double>, axesInput: Tensor<Double>?) throws -> (Windows, [Int]) {
        let raw = node.ints("axes") ?? axesInput?.scalars.map(clampedInt)
        let noop = (node.int("noop_with_empty_axes") ?? 0) != 0
        var axes = try normalizedAxes(raw, rank: x.rank, node) ?? []
        if axes.isEmpty && !noop { axes = Array(0..<x.rank) }
        return Windows.reduction(shape: x.shape, axes: axes, keepDims: (node.int("keepdims") ?? 1) != 0)
    }
}

extension FloatEvaluator {
    /// DepthToSpace (`mode` `DCR`, the default, or `CRD`) and SpaceToDepth on `[N, C, H, W]` with
    /// `blocksize` b: the reshape–transpose–reshape of the operator specification.
    static func blockRearranged(_ node: Node, _ x: Tensor<Double>) throws -> Tensor<Double> {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        guard x.rank == 4 else { throw fail("needs a [N, C, H, W] input, not \(x.shape)") }
        guard let b = node.int("blocksize"), b > 0 else { throw fail("needs a positive blocksize") }
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        if node.op == .spaceToDepth {
            guard h % b == 0, w % b == 0 else { throw fail("H \(h) and W \(w) must be multiples of \(b)") }
            let moved = transpose(x.reshaped([n, c, h / b, b, w / b, b]), [0, 3, 5, 1, 2, 4])
            return moved.reshaped([n, c * b * b, h / b, w / b])
        }
        guard c % (b * b) == 0 else { throw fail("C \(c) must be a multiple of \(b * b)") }
        let moved: Tensor<Double>
        switch node.string("mode") ?? "DCR" {
        case "DCR": moved = transpose(x.reshaped([n, b, b, c / (b * b), h, w]), [0, 3, 4, 1, 5, 2])
        case "CRD": moved = transpose(x.reshaped([n, c / (b * b), b, b, h, w]), [0, 1, 4, 2, 5, 3])
        case let other: throw fail("mode '\(other)' (DCR or CRD)")
        }
        return moved.reshaped([n, c / (b * b), h * b, w * b])
    }
}
