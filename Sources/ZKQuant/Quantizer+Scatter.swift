import ZKONNX

/// GatherND, ScatterND and ScatterElements with constant or computed indices (issue #32).
///
/// Computed indices become one-hot rows (``Quantizer/emitOneHot(_:indices:depth:output:)``, no
/// witness for an index outside `[−n, n)`); a gather is then `Σ_f e_f·data_f` and a scatter a
/// sequence of rounds, one per update in index order, each `out ← out + e ⊙ (u − out)` (or the
/// reduction's form), so several updates to one element end as onnxruntime's do. Constant data,
/// updates or indices stay constants (``LayoutValue``) and fold: with constant indices every step
/// is linear.
extension Quantizer {
    /// `GatherND(data, indices, batch_dims)`: the candidates of every output element laid out as
    /// `[T, R, N]` (free), the tuple's one-hot row broadcast to it (free), the products (`mul`,
    /// `N` per output element; linear for constant data) and their sum over `N` (`windowSum`).
    mutating func lowerGatherND(_ node: Node) throws {
        let output = node.outputs[0]
        let (dataName, indicesName) = (node.input(0), node.input(1))
        let geometry = try tupleGeometry(node, data: dataName, indices: indicesName, batchDims: node.int("batch_dims") ?? 0)
        let scale = try workingScale(node, [dataName])
        let data = try layoutValue(node, dataName, scale: scale)
        let hot = try tupleOneHot(node, indices: indicesName, geometry, output: "\(output)#onehot")
        let (t, r, n) = (geometry.tupleCount, geometry.rowSize, geometry.rows)
        var candidates: [Int] = [], rows: [Int] = []
        candidates.reserveCapacity(t * r * n)
        rows.reserveCapacity(t * r * n)
        for tuple in 0 ..< t { for element in 0 ..< r { for row in 0 ..< n {
            candidates.append(geometry.dataPosition(tuple: tuple, row: row, element: element))
            rows.append(tuple * n + row)
        } } }
        let shape = [t, r, n]
        let laidData = try laidOut(node, data, sources: candidates, shape: shape, scale: scale, output: "\(output)#candidates")
        let laidHot = try laidOut(node, hot, sources: rows, shape: shape, scale: 0, output: "\(output)#rows")
        let products = try layoutProduct(node, laidHot, laidData, shape: shape, scale: scale, output: "\(output)#products")
        guard case let .step(name) = products else { throw unsupported(node, "no operand depends on the input") }
        let (windows, _) = Windows.reduction(shape: shape, axes: [2], keepDims: false)
        try append(node, .windowSum(windows), inputs: [name], output: output, shape: graph.shapes[output] ?? geometry.gatheredShape,
                   scale: scale, bound: bounds[name]!, isActivation: true)
    }

    /// `ScatterND(data, indices, updates, reduction)`: the data as one group of `N` rows of `R`
    /// elements (its own layout), one round per tuple (``emitScatterRounds(_:data:hot:updates:groups:positions:rowSize:rounds:reduction:scale:output:)``).
    mutating func lowerScatterND(_ node: Node) throws {
        let output = node.outputs[0]
        let (dataName, indicesName, updatesName) = (node.input(0), node.input(1), node.input(2))
        guard let reduction = ScatterReduction(node) else { throw unsupported(node, "reduction '\(node.string("reduction") ?? "")'") }
        let geometry = try tupleGeometry(node, data: dataName, indices: indicesName, batchDims: 0)
        guard valueShape(node, updatesName) == geometry.gatheredShape else {
            throw unsupported(node, "updates of shape \(valueShape(node, updatesName)), expected \(geometry.gatheredShape)")
        }
        let scale = try workingScale(node, [dataName, updatesName])
        let data = try layoutValue(node, dataName, scale: scale)
        let updates = try layoutValue(node, updatesName, scale: scale)
        let hot = try tupleOneHot(node, indices: indicesName, geometry, output: "\(output)#onehot")
        let result = try emitScatterRounds(node, data: data, hot: hot, updates: updates, groups: 1, positions: geometry.rows,
                                           rowSize: geometry.rowSize, rounds: geometry.tupleCount, reduction: reduction, scale: scale,
                                           output: output)
        let count = geometry.rows * geometry.rowSize
        try emitPlaced(node, base: data, result: result, positions: Array(0 ..< count), count: count, scale: scale, output: output)
    }

    /// `ScatterElements(data, indices, updates, axis, reduction)`: every line of the data that
    /// receives updates laid out as a row of `N` (free), one round per update slot of the line
    /// (``ScatterLines``), the lines placed back into the data (free).
    mutating func lowerScatterElements(_ node: Node) throws {
        let output = node.outputs[0]
        let (dataName, indicesName, updatesName) = (node.input(0), node.input(1), node.input(2))
        guard let reduction = ScatterReduction(node) else { throw unsupported(node, "reduction '\(node.string("reduction") ?? "")'") }
        let dataShape = valueShape(node, dataName), indexShape = valueShape(node, indicesName)
        var axis = node.int("axis") ?? 0
        if axis < 0 { axis += dataShape.count }
        let lines: ScatterLines
        do { lines = try ScatterLines(dataShape: dataShape, indexShape: indexShape, axis: axis) } catch { throw unsupported(node, error.reason) }
        guard valueShape(node, updatesName) == indexShape else { throw unsupported(node, "updates of shape \(valueShape(node, updatesName)) for indices \(indexShape)") }
        let (groups, n, m) = (lines.elements.count, dataShape[axis], indexShape[axis])
        let scale = try workingScale(node, [dataName, updatesName])
        let data = try layoutValue(node, dataName, scale: scale)
        let positions = lines.elements.flatMap { $0 }, slots = lines.updates.flatMap { $0 }
        let laidData = try laidOut(node, data, sources: positions, shape: [groups, n, 1], scale: scale, output: "\(output)#lines")
        let updates = try laidOut(node, try layoutValue(node, updatesName, scale: scale), sources: slots, shape: [groups, m, 1], scale: scale,
                                  output: "\(output)#updates")
        let hot: LayoutValue
        if isActivation(indicesName) {
            let indices = try align(indicesName!, to: 0, node)
            let laid = "\(output)#indices"
            try append(node, .rearrange(sources: slots, constants: []), inputs: [indices], output: laid, shape: [groups, m], scale: 0,
                       bound: bounds[indices]!, isActivation: true)
            hot = .step(try emitOneHot(node, indices: laid, depth: n, output: "\(output)#onehot"))
        } else {
            let indices = try constant(indicesName, node)
            hot = .constant(try slots.flatMap { p in try oneHotRow(node, indices.scalars[p], depth: n) })
        }
        let result = try emitScatterRounds(node, data: laidData, hot: hot, updates: updates, groups: groups, positions: n, rowSize: 1,
                                           rounds: m, reduction: reduction, scale: scale, output: output)
        try emitPlaced(node, base: data, result: result, positions: positions, count: dataShape.reduce(1, *), scale: scale, output: output)
    }
}

extension Quantizer {
    /// The rounds of a scatter over `groups × positions × rowSize` elements: for update `j`,
    /// `e_j` its one-hot row (`hot` is `[groups, rounds, positions]`) and `u_j` its values
    /// (`updates` is `[groups, rounds, rowSize]`), both broadcast over the layout (free):
    /// `none` `out + e·(u − out)`, `add` `out + e·u`, `mul` `out + e·(u·out − out)` (the product
    /// rescaled to the working scale), `max` `out + e·relu(u − out)`, `min` `out − e·relu(out − u)`.
    /// One product per element and round (a ReLU more for max/min, two products for mul); linear
    /// when the one-hot rows are constant.
    mutating func emitScatterRounds(_ node: Node, data: LayoutValue, hot: LayoutValue, updates: LayoutValue, groups: Int, positions: Int,
                                    rowSize: Int, rounds: Int, reduction: ScatterReduction, scale: Int, output: String) throws -> LayoutValue {
        let shape = [groups, positions, rowSize]
        var current = data
        if case let .step(name) = data, self.shape(of: name) != shape {
            // The rounds combine element by element: the data must have the layout's shape, not
            // one that would broadcast against it.
            current = try laidOut(node, data, sources: Array(0 ..< shape.reduce(1, *)), shape: shape, scale: scale, output: "\(output)#data")
        }
        for j in 0 ..< rounds {
            var rowSources: [Int] = [], valueSources: [Int] = []
            for g in 0 ..< groups { for i in 0 ..< positions { for r in 0 ..< rowSize {
                rowSources.append((g * rounds + j) * positions + i)
                valueSources.append((g * rounds + j) * rowSize + r)
            } } }
            let name = "\(output)#round\(j)"
            let e = try laidOut(node, hot, sources: rowSources, shape: shape, scale: 0, output: "\(name)#row")
            let u = try laidOut(node, updates, sources: valueSources, shape: shape, scale: scale, output: "\(name)#update")
            let change: LayoutValue, sign: Int64
            switch reduction {
            case .none:
                let difference = try layoutSum(node, [(u, 1), (current, -1)], shape: shape, scale: scale, output: "\(name)#difference")
                (change, sign) = (try layoutProduct(node, e, difference, shape: shape, scale: scale, output: "\(name)#change"), 1)
            case .add:
                (change, sign) = (try layoutProduct(node, e, u, shape: shape, scale: scale, output: "\(name)#change"), 1)
            case .mul:
                let product = try layoutProduct(node, u, current, shape: shape, scale: 2 * scale, output: "\(name)#product")
                let rescaled = try layoutRescaled(node, product, shift: scale, shape: shape, output: "\(name)#rescaled")
                let difference = try layoutSum(node, [(rescaled, 1), (current, -1)], shape: shape, scale: scale, output: "\(name)#difference")
                (change, sign) = (try layoutProduct(node, e, difference, shape: shape, scale: scale, output: "\(name)#change"), 1)
            case .max, .min:
                let (plus, minus) = reduction == .max ? (u, current) : (current, u)
                let terms: [(LayoutValue, Int64)] = [(plus, 1), (minus, -1)]
                let difference = try layoutSum(node, terms, shape: shape,
                                               scale: scale, output: "\(name)#difference")
                let positive = try layoutRelu(node, difference, shape: shape, scale: scale, output: "\(name)#relu")
                (change, sign) = (try layoutProduct(node, e, positive, shape: shape, scale: scale, output: "\(name)#change"),
                                  reduction == .max ? 1 : -1)
            }
            // The proven range: an element becomes `u` or stays (none, max, min), grows by `u` (add),
            // or is multiplied by it (mul); `e` is one-hot, so no sum of the bounds is needed.
            let (was, update) = (layoutBound(current), layoutBound(u))
            let bound = switch reduction {
            case .none, .max, .min: max(was, update)
            case .add: was + update
            case .mul: max(was, was * update / FixedPoint.power(scale) + 1)
            }
            current = try layoutSum(node, [(current, 1), (change, sign)], shape: shape, scale: scale, output: name, bound: bound)
        }
        return current
    }

    /// The output of a scatter: `base` (the data, flat) with the elements at `positions` taken
    /// from `result` (in order), one free `rearrange` into `output`.
    mutating func emitPlaced(_ node: Node, base: LayoutValue, result: LayoutValue, positions: [Int], count: Int, scale: Int,
                             output: String) throws {
        guard case let .step(resultName) = result else { throw unsupported(node, "no operand depends on the input") }
        var (inputs, constants, sources): ([String], [Int64], [Int])
        switch base {
        case let .step(name): (inputs, constants, sources) = ([name], [], Array(0 ..< count))
        case let .constant(values): (inputs, constants, sources) = ([], values, (0 ..< count).map { -1 - $0 })
        }
        let offset = inputs.isEmpty ? 0 : count
        for (i, p) in positions.enumerated() { sources[p] = offset + i }
        inputs.append(resultName)
        let bound = max(bounds[resultName]!, layoutBound(base))
        try append(node, .rearrange(sources: sources, constants: constants), inputs: inputs, output: output,
                   shape: graph.shapes[output] ?? [], scale: scale, bound: bound, isActivation: true)
    }
}

extension Quantizer {
    /// The shape of an activation or a constant operand.
    func valueShape(_ node: Node, _ name: String?) -> [Int] {
        guard let name else { return [] }
        return isActivation(name) ? shape(of: name) : graph.constants[name]?.shape ?? graph.shapes[name] ?? []
    }

    func tupleGeometry(_ node: Node, data: String?, indices: String?, batchDims: Int) throws -> IndexTupleGeometry {
        do { return try IndexTupleGeometry(dataShape: valueShape(node, data), indexShape: valueShape(node, indices), batchDims: batchDims) }
        catch { throw unsupported(node, error.reason) }
    }

    /// The scale values are combined at: the finest of the activation operands, or (all constant)
    /// the output's target for floats and 0 for integers.
    func workingScale(_ node: Node, _ names: [String?]) throws -> Int {
        let activations = names.compactMap { $0 }.filter { isActivation($0) }
        if let finest = activations.map({ scales[$0]! }).max() { return finest }
        let isInteger = !(graph.elementTypes[node.outputs[0]] ?? .float).isFloatingPoint
        return isInteger ? 0 : target(node.outputs[0])
    }

    /// An operand at `scale`: an activation (lifted by a free multiplication when it is coarser)
    /// or a constant quantized.
    mutating func layoutValue(_ node: Node, _ name: String?, scale: Int) throws -> LayoutValue {
        guard let name, isActivation(name) else { return .constant(try quantize(try constant(name, node), scale: scale, node).scalars) }
        let current = scales[name]!
        if current == scale { return .step(name) }
        guard current < scale, scale - current < 40 else { return .step(try align(name, to: scale, node)) }
        let lifted = "\(name)#s\(scale)"
        if scales[lifted] == nil {
            try append(node, .linearCombination(coefficients: [Int64(1) << (scale - current)], constant: nil), inputs: [name], output: lifted,
                       shape: shape(of: name), scale: scale, bound: bounds[name]! * FixedPoint.power(scale - current), isActivation: false)
        }
        return .step(lifted)
    }

    /// The one-hot rows `[T, N]` of a tuple index tensor: constant, or computed. One component
    /// (`k = 1`) is one-hot over the rows directly; with `k > 1` each component is one-hot over its
    /// dimension, read back as its value in `[0, n_j)` (linear), the row `Σ stride_j·i_j` formed
    /// (linear) and one-hot over the rows: `Σ_j (2n_j + 1) + 2N + 1` constraints per tuple.
    mutating func tupleOneHot(_ node: Node, indices name: String?, _ geometry: IndexTupleGeometry, output: String) throws -> LayoutValue {
        let k = geometry.dimensions.count, t = geometry.tupleCount
        guard isActivation(name) else {
            let indices = try constant(name, node)
            return .constant(try (0 ..< t).flatMap { tuple in
                let components = indices.scalars[(tuple * k) ..< (tuple * k + k)]
                guard let row = geometry.row(components) else {
                    throw unsupported(node, "index \(Array(components)) out of range for \(geometry.dimensions)")
                }
                return (0 ..< geometry.rows).map { $0 == row ? Int64(1) : 0 }
            })
        }
        let indices = try align(name!, to: 0, node)
        if k == 1 { return .step(try emitOneHot(node, indices: indices, depth: geometry.rows, output: output)) }
        var parts: [String] = []
        var stride = geometry.rows
        for (j, n) in geometry.dimensions.enumerated() {
            stride /= n
            let component = "\(output)#component\(j)", value = "\(output)#value\(j)"
            try append(node, .rearrange(sources: (0 ..< t).map { $0 * k + j }, constants: []), inputs: [indices], output: component,
                       shape: [t], scale: 0, bound: bounds[indices]!, isActivation: true)
            let hot = try emitOneHot(node, indices: component, depth: n, output: "\(component)#onehot")
            try append(node, .matMul(weights: Tensor(shape: [n, 1], scalars: (0 ..< n).map { Int64($0 * stride) }), bias: nil), inputs: [hot],
                       output: value, shape: [t, 1], scale: 0, bound: Double(geometry.rows), isActivation: true)
            parts.append(value)
        }
        let row = "\(output)#row"
        try append(node, .linearCombination(coefficients: parts.map { _ in 1 }, constant: nil), inputs: parts, output: row, shape: [t, 1],
                   scale: 0, bound: Double(geometry.rows), isActivation: true)
        return .step(try emitOneHot(node, indices: row, depth: geometry.rows, output: output))
    }

    /// One constant index as a one-hot row of `depth` (negative counting from the end).
    func oneHotRow(_ node: Node, _ raw: Double, depth: Int) throws -> [Int64] {
        var index = FloatEvaluator.clampedInt(raw)
        if index < 0 { index += depth }
        guard index >= 0 && index < depth else { throw unsupported(node, "index \(raw) out of range for an axis of \(depth)") }
        return (0 ..< depth).map { $0 == index ? 1 : 0 }
    }
}

extension Quantizer {
    /// `value` rearranged by `sources` (free; constants are rearranged at compile time).
    mutating func laidOut(_ node: Node, _ value: LayoutValue, sources: [Int], shape: [Int], scale: Int, output: String) throws -> LayoutValue {
        switch value {
        case let .constant(values): return .constant(sources.map { values[$0] })
        case let .step(name):
            try append(node, .rearrange(sources: sources, constants: []), inputs: [name], output: output, shape: shape, scale: scale,
                       bound: layoutBound(value), isActivation: false)
            if booleans.contains(name) { booleans.insert(output) }
            return .step(output)
        }
    }

    /// `Σ c·value` (linear).
    /// `bound`, when given, replaces the sum of the terms' bounds (a range the caller has proven).
    mutating func layoutSum(_ node: Node, _ terms: [(LayoutValue, Int64)], shape: [Int], scale: Int, output: String,
                            bound proven: Double? = nil) throws -> LayoutValue {
        var coefficients: [Int64] = [], inputs: [String] = [], constant: [Int64]?, bound = 0.0
        for (value, c) in terms {
            switch value {
            case let .step(name):
                coefficients.append(c)
                inputs.append(name)
                bound += Double(c.magnitude) * layoutBound(value)
            case let .constant(values):
                constant = constant.map { zip($0, values).map { $0 + c * $1 } } ?? values.map { c * $0 }
                bound += Double(c.magnitude) * maxMagnitude(values)
            }
        }
        guard !inputs.isEmpty else { return .constant(constant ?? []) }
        try append(node, .linearCombination(coefficients: coefficients, constant: constant.map { Tensor(shape: shape, scalars: $0) }),
                   inputs: inputs, output: output, shape: shape, scale: scale, bound: proven.map { min($0, bound) } ?? bound, isActivation: false)
        return .step(output)
    }

    /// A proven bound on |value|: 1 for booleans (whatever width their step was given).
    func layoutBound(_ value: LayoutValue) -> Double {
        switch value {
        case let .constant(values): maxMagnitude(values)
        case let .step(name): booleans.contains(name) ? 1 : bounds[name]!
        }
    }

    /// `a ⊙ b` at `scale` (the sum of the operands' scales): `mul`, or `mulConstant` (linear)
    /// when one is constant.
    mutating func layoutProduct(_ node: Node, _ a: LayoutValue, _ b: LayoutValue, shape: [Int], scale: Int, output: String) throws -> LayoutValue {
        switch (a, b) {
        case let (.constant(x), .constant(y)): return .constant(zip(x, y).map { $0 * $1 })
        case let (.step(name), .constant(values)), let (.constant(values), .step(name)):
            try append(node, .mulConstant(multiplier: Tensor(shape: shape, scalars: values), bias: nil), inputs: [name], output: output,
                       shape: shape, scale: scale, bound: layoutBound(.step(name)) * maxMagnitude(values), isActivation: false)
        case let (.step(x), .step(y)):
            try append(node, .mul, inputs: [x, y], output: output, shape: shape, scale: scale,
                       bound: layoutBound(.step(x)) * layoutBound(.step(y)), isActivation: false)
        }
        return .step(output)
    }

    /// `max(value, 0)`.
    mutating func layoutRelu(_ node: Node, _ value: LayoutValue, shape: [Int], scale: Int, output: String) throws -> LayoutValue {
        switch value {
        case let .constant(values): return .constant(values.map { max($0, 0) })
        case let .step(name):
            try append(node, .relu, inputs: [name], output: output, shape: shape, scale: scale, bound: bounds[name]!, isActivation: false)
            return .step(output)
        }
    }

    /// `⌊(value + 2^(k−1)) / 2^k⌋` (``QuantizedOperation/rescale(shift:)``; on constants at once).
    mutating func layoutRescaled(_ node: Node, _ value: LayoutValue, shift: Int, shape: [Int], output: String) throws -> LayoutValue {
        guard shift > 0 else { return value }
        switch value {
        case let .constant(values):
            let half = Int64(1) << (shift - 1)
            return .constant(values.map { ($0 + half) >> shift })
        case let .step(name):
            try append(node, .rescale(shift: shift), inputs: [name], output: output, shape: shape, scale: scales[name]! - shift,
                       bound: activationBound, isActivation: true)
            return .step(output)
        }
    }
}
