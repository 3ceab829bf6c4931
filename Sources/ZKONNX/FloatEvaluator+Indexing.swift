/// Reference semantics of the operators added for selection and indexing (issue #32).
extension FloatEvaluator {
    /// `Max` or `Min` of any number of operands, with numpy broadcasting.
    static func extremum(_ operands: [Tensor<Double>], isMax: Bool, _ node: Node) throws -> Tensor<Double> {
        guard var result = operands.first else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "no inputs")
        }
        for operand in operands.dropFirst() { result = try binary(result, operand, node) { isMax ? Swift.max($0, $1) : Swift.min($0, $1) } }
        return result
    }

    /// `Mod`: `fmod = 0` gives the remainder with the divisor's sign (integers only, as ONNX
    /// requires), `fmod = 1` the dividend's (C's fmod).
    static func mod(_ a: Tensor<Double>, _ b: Tensor<Double>, fmod: Bool, _ node: Node) throws -> Tensor<Double> {
        try binary(a, b, node) { x, d in
            guard d != 0 else { return .nan }
            let q = (x / d).rounded(fmod ? .towardZero : .down)
            return x - d * q
        }
    }

    /// `Hardmax`: 1 at the first maximum of each window, 0 elsewhere (``hardmaxWindows(_:opset:shape:)``).
    static func hardmax(_ x: Tensor<Double>, _ node: Node, opset: Int) throws -> Tensor<Double> {
        let windows = try hardmaxWindows(node, opset: opset, shape: x.shape)
        var out = [Double](repeating: 0, count: x.count)
        for w in 0 ..< windows.count {
            let members = Array(windows.window(w))
            out[members[argMax(members.map { x.scalars[$0] }, selectLast: false)]] = 1
        }
        return Tensor(shape: x.shape, scalars: out)
    }

    /// The windows `Hardmax` takes its maximum over: the axis (opset ≥ 13, default −1), or before
    /// opset 13 the rows of the input flattened to 2-D at the axis (default 1).
    public static func hardmaxWindows(_ node: Node, opset: Int, shape: [Int]) throws -> Windows {
        let rank = shape.count
        var axis = node.int("axis") ?? (opset >= 13 ? -1 : 1)
        if axis < 0 { axis += rank }
        guard axis >= 0 && axis < Swift.max(rank, 1) + (opset >= 13 ? 0 : 1) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "axis \(node.int("axis") ?? -1) for rank \(rank)")
        }
        if opset >= 13 { return Windows.reduction(shape: shape, axes: [axis], keepDims: false).0 }
        let outer = shape[..<axis].reduce(1, *), inner = shape[axis...].reduce(1, *)
        return Windows.reduction(shape: [outer, inner], axes: [1], keepDims: false).0
    }

    /// `EyeLike`: ones on the `k`-th diagonal of a matrix of the input's shape.
    static func eyeLike(_ x: Tensor<Double>, k: Int, _ node: Node) throws -> Tensor<Double> {
        guard x.rank == 2 else { throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "needs a rank-2 input, got \(x.shape)") }
        let columns = x.shape[1]
        return Tensor(shape: x.shape, scalars: (0 ..< x.count).map { $0 % columns - $0 / columns == k ? 1 : 0 })
    }

    /// `Range(start, limit, delta)`: `⌈(limit − start)/delta⌉` values (none when negative).
    static func range(start: Double, limit: Double, delta: Double, _ node: Node) throws -> Tensor<Double> {
        guard delta != 0, start.isFinite, limit.isFinite, delta.isFinite else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "start \(start), limit \(limit), delta \(delta)")
        }
        let count = Swift.max(((limit - start) / delta).rounded(.up), 0)
        guard count <= Double(Graph.maximumElementCount) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "\(count) values are too many")
        }
        return Tensor(shape: [Int(count)], scalars: (0 ..< Int(count)).map { start + Double($0) * delta })
    }

    /// `NonZero`: the coordinates of the nonzero elements, `[rank, count]`, in row-major order.
    static func nonZero(_ x: Tensor<Double>) -> Tensor<Double> {
        let positions = x.scalars.indices.filter { x.scalars[$0] != 0 }
        let strides = Tensor<Double>.strides(of: x.shape)
        let rank = Swift.max(x.rank, 1)
        var out = [Double](repeating: 0, count: rank * positions.count)
        for (j, p) in positions.enumerated() {
            for d in 0 ..< x.rank { out[d * positions.count + j] = Double(p / strides[d] % x.shape[d]) }
        }
        return Tensor(shape: [rank, positions.count], scalars: out)
    }

    /// `GatherND(data, indices, batch_dims)`: each index tuple's row of its batch.
    static func gatherND(_ data: Tensor<Double>, indices: Tensor<Double>, batchDims: Int, _ fail: (String) -> ONNXError) throws -> Tensor<Double> {
        let geometry: IndexTupleGeometry
        do { geometry = try IndexTupleGeometry(dataShape: data.shape, indexShape: indices.shape, batchDims: batchDims) }
        catch { throw fail(error.reason) }
        let k = geometry.dimensions.count
        var out: [Double] = []
        out.reserveCapacity(geometry.tupleCount * geometry.rowSize)
        for t in 0 ..< geometry.tupleCount {
            let tuple = indices.scalars[(t * k) ..< (t * k + k)]
            guard let row = geometry.row(tuple) else { throw fail("index \(Array(tuple)) out of range for \(geometry.dimensions)") }
            for r in 0 ..< geometry.rowSize { out.append(data.scalars[geometry.dataPosition(tuple: t, row: row, element: r)]) }
        }
        return Tensor(shape: geometry.gatheredShape, scalars: out)
    }

    /// `ScatterND(data, indices, updates, reduction)`: each tuple's row replaced by (or reduced
    /// with) its update, tuples in order.
    static func scatterND(_ data: Tensor<Double>, indices: Tensor<Double>, updates: Tensor<Double>, reduction: ScatterReduction,
                          _ fail: (String) -> ONNXError) throws -> Tensor<Double> {
        let geometry: IndexTupleGeometry
        do { geometry = try IndexTupleGeometry(dataShape: data.shape, indexShape: indices.shape, batchDims: 0) }
        catch { throw fail(error.reason) }
        guard updates.shape == geometry.gatheredShape else { throw fail("updates of shape \(updates.shape), expected \(geometry.gatheredShape)") }
        let k = geometry.dimensions.count
        var out = data.scalars
        for t in 0 ..< geometry.tupleCount {
            let tuple = indices.scalars[(t * k) ..< (t * k + k)]
            guard let row = geometry.row(tuple) else { throw fail("index \(Array(tuple)) out of range for \(geometry.dimensions)") }
            for r in 0 ..< geometry.rowSize {
                let p = geometry.dataPosition(tuple: t, row: row, element: r)
                out[p] = reduction.apply(out[p], updates.scalars[t * geometry.rowSize + r])
            }
        }
        return Tensor(shape: data.shape, scalars: out)
    }

    /// `ScatterElements(data, indices, updates, axis, reduction)`: along each line, element
    /// `indices[p]` replaced by (or reduced with) `updates[p]`, in index order.
    static func scatterElements(_ data: Tensor<Double>, indices: Tensor<Double>, updates: Tensor<Double>, axis rawAxis: Int,
                                reduction: ScatterReduction, _ fail: (String) -> ONNXError) throws -> Tensor<Double> {
        let axis = rawAxis < 0 ? rawAxis + data.rank : rawAxis
        let lines: ScatterLines
        do { lines = try ScatterLines(dataShape: data.shape, indexShape: indices.shape, axis: axis) } catch { throw fail(error.reason) }
        guard updates.shape == indices.shape else { throw fail("updates of shape \(updates.shape) for indices \(indices.shape)") }
        let n = data.shape[axis]
        var out = data.scalars
        for (elements, slots) in zip(lines.elements, lines.updates) {
            for p in slots {
                var index = clampedInt(indices.scalars[p])
                if index < 0 { index += n }
                guard index >= 0 && index < n else { throw fail("index \(indices.scalars[p]) out of range for an axis of \(n)") }
                out[elements[index]] = reduction.apply(out[elements[index]], updates.scalars[p])
            }
        }
        return Tensor(shape: data.shape, scalars: out)
    }
}
