#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reference semantics of every supported operator, in `Double`.
///
/// It is deliberately plain: it defines what an operator means for shape resolution, constant
/// folding, float inference, calibration and the tests that check the integer kernels.
public enum FloatEvaluator {
    /// Evaluates one node.
    /// - Parameters:
    ///   - operands: the node's inputs in order; `nil` for an omitted optional input.
    ///   - opset: the default-domain opset, which decides attribute-vs-input forms.
    ///   - types: element types of known values (for `Cast`, integer `Div`).
    /// - Returns: the node's outputs in order.
    public static func evaluate(_ node: Node, operands: [Tensor<Double>?], opset: Int,
                                types: [String: ElementType] = [:]) throws -> [Tensor<Double>] {
        func operand(_ index: Int) throws -> Tensor<Double> {
            guard index < operands.count, let value = operands[index] else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "missing input \(index)")
            }
            return value
        }
        func optional(_ index: Int) -> Tensor<Double>? { index < operands.count ? operands[index] : nil }
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        let integerOutput = !(outputTypes(node, types: types).isFloatingPoint)

        guard let op = node.op else {
            throw ONNXError.unsupportedOperator(node: node.name, opType: node.opType, opset: opset)
        }
        switch op {
        case .identity, .dropout:
            return [try operand(0)]
        case .oneHot:
            let indices = try operand(0)
            guard let depthValue = try operand(1).scalars.first, try operand(2).count == 2 else { throw fail("depth must be one value, values two") }
            let depth = clampedInt(depthValue), values = try operand(2).scalars
            guard depth >= 1, let count = Tensor<Double>.elementCount(indices.shape + [depth]), count <= Graph.maximumElementCount else {
                throw fail("depth \(depth)")
            }
            let rank = indices.rank + 1
            var axis = node.int("axis") ?? -1
            if axis < 0 { axis += rank }
            guard axis >= 0 && axis < rank else { throw fail("axis \(node.int("axis") ?? -1) for rank \(rank)") }
            // ONNX: an index outside [−depth, depth) gives all `off`; a negative one counts from the end.
            let pre = indices.shape[..<axis].reduce(1, *), post = indices.shape[axis...].reduce(1, *)
            var out = [Double](repeating: values[0], count: count)
            for a in 0 ..< pre { for b in 0 ..< post {
                var index = clampedInt(indices.scalars[a * post + b])
                if index < 0 { index += depth }
                if index >= 0 && index < depth { out[(a * depth + index) * post + b] = values[1] }
            } }
            return [Tensor(shape: Array(indices.shape[..<axis]) + [depth] + Array(indices.shape[axis...]), scalars: out)]
        case .topK:
            let x = try operand(0)
            var axis = node.int("axis") ?? -1
            if axis < 0 { axis += x.rank }
            guard axis >= 0 && axis < x.rank else { throw fail("axis \(node.int("axis") ?? -1) of a rank-\(x.rank) input") }
            let k = try optional(1).map { clampedInt($0.scalars.first ?? -1) } ?? node.int("k") ?? -1
            let n = x.shape[axis]
            guard k >= 0 && k <= n else { throw fail("k = \(k) for an axis of \(n)") }
            let largest = (node.int("largest") ?? 1) != 0
            let outer = x.shape[..<axis].reduce(1, *), inner = x.shape[(axis + 1)...].reduce(1, *)
            var values = [Double](repeating: 0, count: outer * k * inner), indices = values
            for o in 0 ..< outer { for q in 0 ..< inner {
                // Stable: equal values keep the lower index first (ONNX).
                let order = (0 ..< n).sorted { a, b in
                    let (va, vb) = (x.scalars[(o * n + a) * inner + q], x.scalars[(o * n + b) * inner + q])
                    return va == vb ? a < b : (largest ? va > vb : va < vb)
                }
                for j in 0 ..< k {
                    values[(o * k + j) * inner + q] = x.scalars[(o * n + order[j]) * inner + q]
                    indices[(o * k + j) * inner + q] = Double(order[j])
                }
            } }
            var shape = x.shape
            shape[axis] = k
            return [Tensor(shape: shape, scalars: values), Tensor(shape: shape, scalars: indices)]
        case .gatherElements:
            let (x, indices) = (try operand(0), try operand(1))
            return [try gatherElements(x, indices: indices, axis: node.int("axis") ?? 0, fail)]
        case .gatherND:
            return [try gatherND(try operand(0), indices: try operand(1), batchDims: node.int("batch_dims") ?? 0, fail)]
        case .scatterND, .scatterElements:
            guard let reduction = ScatterReduction(node) else {
                throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "reduction '\(node.string("reduction") ?? "")'")
            }
            let (data, indices, updates) = (try operand(0), try operand(1), try operand(2))
            return op == .scatterND
                ? [try scatterND(data, indices: indices, updates: updates, reduction: reduction, fail)]
                : [try scatterElements(data, indices: indices, updates: updates, axis: node.int("axis") ?? 0, reduction: reduction, fail)]
        case .max, .min:
            return [try extremum(try (0 ..< operands.count).map(operand), isMax: op == .max, node)]
        case .mod:
            let fmod = (node.int("fmod") ?? 0) != 0
            if !fmod && !integerOutput { throw fail("fmod = 0 on floating-point operands (ONNX requires fmod = 1)") }
            return [try mod(try operand(0), try operand(1), fmod: fmod, node)]
        case .hardmax:
            return [try hardmax(try operand(0), node, opset: opset)]
        case .eyeLike:
            return [try eyeLike(try operand(0), k: node.int("k") ?? 0, node)]
        case .range:
            let (start, limit, delta) = (try operand(0), try operand(1), try operand(2))
            guard start.count == 1, limit.count == 1, delta.count == 1 else { throw fail("start, limit and delta must be scalars") }
            return [try range(start: start.scalars[0], limit: limit.scalars[0], delta: delta.scalars[0], node)]
        case .nonZero:
            return [nonZero(try operand(0))]
        case .scaler:
            let x = try operand(0)
            let (scale, offset) = try node.scalerParameters(features: x.shape.last ?? 1)
            let features = x.shape.last ?? 1
            return [Tensor(shape: x.shape, scalars: x.scalars.enumerated().map { i, v in (v - offset[i % features]) * scale[i % features] })]
        case .linearRegressor:
            let x = try operand(0)
            let (weights, intercepts) = try node.linearRegressor(features: x.shape.last ?? 1)
            return [try binary(try matMul(x.rank == 1 ? x.reshaped([1, x.count]) : x, weights, node),
                               Tensor(shape: [intercepts.count], scalars: intercepts), node, +)]
        case .rnn, .gru, .lstm:
            return try recurrent(node, operands: operands, opset: opset)
        case let .composite(operation):
            // Graph resolution expands these first; a node evaluated on its own is expanded here.
            return try composite(node, operation, operands: operands, opset: opset, types: types)
        case .sequence:
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "a sequence operator is resolved with its graph (Graph.resolved)")
        case .depthToSpace, .spaceToDepth:
            return [try blockRearranged(node, try operand(0))]
        case .resize, .upsample:
            let x = try operand(0)
            return [try ResizeGeometry(node, inputShape: x.shape, operands: Array(operands.dropFirst()), opset: opset).apply(x)]
        case .linearClassifier:
            let x = try operand(0)
            let (labels, scores) = try LinearClassifier(node, features: x.shape.last ?? 1).evaluate(x)
            return [labels, scores]
        case .normalizer:
            let x = try operand(0)
            guard let norm = node.string("norm"), ["MAX", "L1", "L2"].contains(norm) else {
                throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "norm '\(node.string("norm") ?? "")' (MAX, L1, L2)")
            }
            let width = x.shape.last ?? 1
            var y = x.scalars
            for start in stride(from: 0, to: x.count, by: max(width, 1)) {
                let row = x.scalars[start ..< start + width]
                let divisor = switch norm {
                case "MAX": row.max() ?? 0
                case "L1": row.reduce(0.0) { $0 + Swift.abs($1) }
                default: row.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
                }
                if divisor != 0 { for i in row.indices { y[i] = x.scalars[i] / divisor } }
            }
            return [Tensor(shape: x.shape, scalars: y)]
        case .zipMap:
            // One map per sample, label → probability: kept as the [N, classes] tensor.
            let x = try operand(0)
            var labels = node.ints("classlabels_int64s")?.count ?? 0
            if case let .strings(names)? = node.attributes["classlabels_strings"] { labels = names.count }
            guard x.rank == 2, labels == x.shape[1] else { throw fail("\(labels) class labels for probabilities of shape \(x.shape)") }
            return [x]
        case .constant:
            return [try constantValue(node).0]
        case .cast:
            let x = try operand(0)
            guard let to = node.int("to"), let type = ElementType(rawValue: to) else {
                throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "cast target \(node.int("to") ?? -1)")
            }
            if type.isFloatingPoint { return [x] }
            if type == .bool { return [map(x) { $0 != 0 ? 1 : 0 }] }
            return [map(x) { $0.rounded(.towardZero) }]
        case .shape:
            let x = try operand(0)
            let rank = x.rank
            var start = node.int("start") ?? 0
            var end = node.int("end") ?? rank
            if start < 0 { start += rank }
            if end < 0 { end += rank }
            start = min(max(start, 0), rank)
            end = min(max(end, start), rank)
            let dims = x.shape[start..<end].map(Double.init)
            return [Tensor(shape: [dims.count], scalars: dims)]
        case .relu:
            return [map(try operand(0)) { max($0, 0) }]
        case .leakyRelu:
            let alpha = node.float("alpha") ?? 0.01
            return [map(try operand(0)) { $0 >= 0 ? $0 : alpha * $0 }]
        case .pRelu:
            return [try binary(try operand(0), try operand(1), node) { $0 >= 0 ? $0 : $0 * $1 }]
        case .clip:
            let (low, high) = node.clipBounds(opset: opset, lower: optional(1), upper: optional(2))
            // ONNX order, max then min: a lower bound above the upper one gives the upper everywhere.
            return [map(try operand(0)) { min(max($0, low), high) }]
        case .function:
            let function = UnaryFunction(node)!
            return [map(try operand(0)) { function($0) }]
        case .neg:
            return [map(try operand(0)) { -$0 }]
        case .add:
            return [try binary(try operand(0), try operand(1), node, +)]
        case .sub:
            return [try binary(try operand(0), try operand(1), node, -)]
        case .mul:
            return [try binary(try operand(0), try operand(1), node, *)]
        case .div:
            return [try binary(try operand(0), try operand(1), node) { integerOutput ? ($0 / $1).rounded(.towardZero) : $0 / $1 }]
        case .pow:
            return [try binary(try operand(0), try operand(1), node) { pow($0, $1) }]
        case .sum:
            var total = try operand(0)
            for index in 1..<max(operands.count, 1) { total = try binary(total, try operand(index), node, +) }
            return [total]
        case .matMul:
            return [try matMul(try operand(0), try operand(1), node)]
        case .gemm:
            return [try gemm(node, a: try operand(0), b: try operand(1), c: optional(2))]
        case .conv:
            return [try conv(node, x: try operand(0), w: try operand(1), b: optional(2))]
        case .convTranspose:
            return [try convTranspose(node, x: try operand(0), w: try operand(1), b: optional(2))]
        case .einsum:
            return [try einsum(node, try operands.indices.map(operand))]
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot, .bitShift:
            return try bitwise(node, try operands.indices.map(operand), type: node.inputs.first.flatMap { types[$0] } ?? .int64)
        case .batchNormalization:
            if (node.int("training_mode") ?? 0) != 0 {
                throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "training_mode = 1")
            }
            let x = try operand(0)
            let (scale, bias) = try batchNormAffine(node, scale: try operand(1), b: try operand(2),
                                                    mean: try operand(3), variance: try operand(4), channels: x.rank > 1 ? x.shape[1] : 1)
            let channelShape = [scale.count] + Array(repeating: 1, count: max(x.rank - 2, 0))
            let scaled = try binary(x, Tensor(shape: channelShape, scalars: scale), node, *)
            return [try binary(scaled, Tensor(shape: channelShape, scalars: bias), node, +)]
        case .flatten:
            let x = try operand(0)
            var axis = node.int("axis") ?? 1
            if axis < 0 { axis += x.rank }
            guard axis >= 0 && axis <= x.rank else { throw fail("axis out of range") }
            let outer = x.shape[..<axis].reduce(1, *)
            return [x.reshaped([outer, x.count / max(outer, 1)])]
        case .reshape:
            let x = try operand(0)
            let target = try operand(1).scalars.map(clampedInt)
            let allowZero = (node.int("allowzero") ?? 0) != 0
            var shape = target.enumerated().map { (axis, dim) in dim == 0 && !allowZero && axis < x.rank ? x.shape[axis] : dim }
            if let inferred = shape.firstIndex(of: -1) {
                let known = Tensor<Double>.elementCount(shape.enumerated().filter { $0.offset != inferred }.map(\.element)) ?? 0
                guard known > 0, x.count % known == 0 else { throw fail("cannot reshape \(x.shape) to \(target)") }
                shape[inferred] = x.count / known
            }
            guard Tensor<Double>.elementCount(shape) == x.count else { throw fail("cannot reshape \(x.shape) to \(target)") }
            return [x.reshaped(shape)]
        case .transpose:
            let x = try operand(0)
            let perm = node.ints("perm") ?? Array((0..<x.rank).reversed())
            guard perm.sorted() == Array(0..<x.rank) else { throw fail("invalid perm \(perm)") }
            return [transpose(x, perm)]
        case .squeeze:
            let x = try operand(0)
            let axes = try normalizedAxes(node.ints("axes") ?? optional(1)?.scalars.map(clampedInt), rank: x.rank, node)
            let squeeze = axes ?? x.shape.indices.filter { x.shape[$0] == 1 }
            guard squeeze.allSatisfy({ x.shape[$0] == 1 }) else { throw fail("cannot squeeze a dimension that is not 1") }
            return [x.reshaped(x.shape.enumerated().filter { !squeeze.contains($0.offset) }.map(\.element))]
        case .unsqueeze:
            let x = try operand(0)
            guard let raw = node.ints("axes") ?? optional(1)?.scalars.map(clampedInt) else { throw fail("no axes") }
            let rank = x.rank + raw.count
            guard let axes = try normalizedAxes(raw, rank: rank, node) else { throw fail("no axes") }
            var shape: [Int] = []
            var source = x.shape.makeIterator()
            for axis in 0..<rank { shape.append(axes.contains(axis) ? 1 : source.next() ?? 1) }
            return [x.reshaped(shape)]
        case .concat:
            let parts = try (0..<operands.count).map(operand)
            guard let first = parts.first else { throw fail("no inputs") }
            var axis = node.int("axis") ?? 0
            if axis < 0 { axis += first.rank }
            return [try concat(parts, axis: axis, node)]
        case .gather:
            return [try gather(try operand(0), indices: try operand(1), axis: node.int("axis") ?? 0, node)]
        case .arrayFeatureExtractor:
            let (x, indices) = (try operand(0), try operand(1))
            let gathered = try gather(x, indices: indices.reshaped([indices.count]), axis: Swift.max(x.rank - 1, 0), node)
            return [x.rank <= 1 ? gathered.reshaped([1, indices.count]) : gathered]
        case .slice:
            return [try slice(node, x: try operand(0), opset: opset, operands: operands)]
        case .pad:
            return [try pad(node, x: try operand(0), opset: opset, operands: operands)]
        case .constantOfShape:
            let shape = try operand(0).scalars.map(clampedInt)
            guard let count = Tensor<Double>.elementCount(shape), count <= Graph.maximumElementCount else {
                throw fail("shape \(shape) is too large")
            }
            let value: Double
            if case let .tensor(tensor, _)? = node.attributes["value"] { value = tensor.scalars.first ?? 0 } else { value = 0 }
            return [Tensor(shape: shape, repeating: value)]
        case .expand:
            let x = try operand(0)
            let target = try operand(1).scalars.map(clampedInt)
            guard let shape = Broadcast.shape([x.shape, target]), let count = Tensor<Double>.elementCount(shape),
                  count <= Graph.maximumElementCount else { throw fail("cannot expand \(x.shape) to \(target)") }
            return [Tensor(shape: shape, scalars: Broadcast.sourceIndices(from: x.shape, to: shape).map { x.scalars[$0] })]
        case .split:
            let x = try operand(0)
            return try splitSlices(node, shape: x.shape, opset: opset, operands: operands).map { try slice($0, x: x, opset: opset, operands: [x]) }
        case .tile:
            let x = try operand(0)
            let repeats = try operand(1).scalars.map(clampedInt)
            guard repeats.count == x.rank, repeats.allSatisfy({ $0 >= 0 }) else { throw fail("repeats \(repeats)") }
            // Repeats come from the file: multiply with overflow checks (a found crash, see FuzzTests).
            let products = zip(x.shape, repeats).map { $0.multipliedReportingOverflow(by: $1) }
            guard products.allSatisfy({ !$0.overflow }) else { throw fail("repeats \(repeats) are too large") }
            let shape = products.map(\.partialValue)
            guard let count = Tensor<Double>.elementCount(shape), count <= Graph.maximumElementCount else { throw fail("too large") }
            let strides = Tensor<Double>.strides(of: x.shape), outStrides = Tensor<Double>.strides(of: shape)
            return [Tensor(shape: shape, scalars: (0..<count).map { flat in
                var source = 0
                for axis in 0..<shape.count { source += (flat / outStrides[axis] % shape[axis]) % x.shape[axis] * strides[axis] }
                return x.scalars[source]
            })]
        case .trilu:
            let x = try operand(0)
            guard x.rank >= 2 else { throw fail("needs rank ≥ 2") }
            let k = optional(1).flatMap { $0.scalars.first }.map(clampedInt) ?? 0
            let upper = (node.int("upper") ?? 1) != 0
            let (rows, columns) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
            return [Tensor(shape: x.shape, scalars: x.scalars.enumerated().map { flat, value in
                let (i, j) = (flat / columns % rows, flat % columns)
                return (upper ? j - i >= k : j - i <= k) ? value : 0
            })]
        case .treeEnsembleClassifier, .treeEnsembleRegressor, .treeEnsemble:
            let x = try operand(0)
            let ensemble = try TreeEnsemble(node)
            do {
                let (labels, scores) = try ensemble.evaluate(x)
                return (labels.map { [$0] } ?? []) + [scores]
            } catch let .featureOutOfRange(needed, width) {
                throw fail("splits read feature \(needed - 1), but the input has \(width) features")
            }
        case .logic(.where):
            let (condition, a, b) = (try operand(0), try operand(1), try operand(2))
            guard let shape = Broadcast.shape([condition.shape, a.shape, b.shape]) else {
                throw fail("shapes \(condition.shape), \(a.shape) and \(b.shape) do not broadcast")
            }
            let (ic, ia, ib) = (Broadcast.sourceIndices(from: condition.shape, to: shape), Broadcast.sourceIndices(from: a.shape, to: shape),
                                Broadcast.sourceIndices(from: b.shape, to: shape))
            return [Tensor(shape: shape, scalars: (0 ..< ic.count).map { condition.scalars[ic[$0]] != 0 ? a.scalars[ia[$0]] : b.scalars[ib[$0]] })]
        case .logic(.not):
            return [map(try operand(0)) { $0 == 0 ? 1 : 0 }]
        case .floor:
            return [map(try operand(0)) { $0.rounded(.down) }]
        case .ceil:
            return [map(try operand(0)) { $0.rounded(.up) }]
        case .round:
            return [map(try operand(0)) { $0.rounded(.toNearestOrEven) }]
        case let .logic(operation):
            return [try binary(try operand(0), try operand(1), node) { operation($0, $1) }]
        case .softmax, .logSoftmax:
            let x = try operand(0)
            let (windows, _) = try Windows.softmax(node, opset: opset, inputShape: x.shape)
            var y = x.scalars
            for group in 0 ..< windows.count {
                let members = windows.window(group)
                let m = members.map { x.scalars[$0] }.max() ?? 0
                let sum = members.reduce(0.0) { $0 + exp(x.scalars[$1] - m) }
                for i in members { y[i] = op == .softmax ? exp(x.scalars[i] - m) / sum : x.scalars[i] - m - log(sum) }
            }
            return [Tensor(shape: x.shape, scalars: y)]
        case .layerNormalization, .instanceNormalization:
            let x = try operand(0)
            if node.outputs.count > 1, node.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
                throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "the mean and inverse deviation outputs")
            }
            let (windows, _) = try Windows.normalization(node, inputShape: x.shape)
            let epsilon = node.float("epsilon") ?? 1e-5
            var y = x.scalars
            for group in 0 ..< windows.count {
                let members = windows.window(group)
                let mean = members.reduce(0.0) { $0 + x.scalars[$1] } / Double(members.count)
                let variance = members.reduce(0.0) { $0 + (x.scalars[$1] - mean) * (x.scalars[$1] - mean) } / Double(members.count)
                for i in members { y[i] = (x.scalars[i] - mean) / (variance + epsilon).squareRoot() }
            }
            // Scale and bias: LayerNorm's broadcast from the right, InstanceNorm's per channel.
            func affine(_ t: Tensor<Double>) -> Tensor<Double> {
                op == .instanceNormalization ? t.reshaped([t.count] + Array(repeating: 1, count: x.rank - 2)) : t
            }
            var result = Tensor(shape: x.shape, scalars: y)
            if let scale = optional(1) { result = try binary(result, affine(scale), node, *) }
            if let bias = optional(2) { result = try binary(result, affine(bias), node, +) }
            guard result.shape == x.shape else { throw fail("scale or bias does not broadcast to \(x.shape)") }
            return [result]
        case let .window(operation):
            let x = try operand(0)
            let (windows, shape) = try Windows.forNode(node, operation, inputShape: x.shape, axesInput: optional(1))
            let result: [Double] = switch operation {
            case .maxPool, .globalMaxPool, .reduceMax: reduceMax(x, windows)
            case .reduceMin: (0..<windows.count).map { windows.window($0).map { x.scalars[$0] }.min() ?? .infinity }
            case .reduceSum: (0..<windows.count).map { windows.window($0).reduce(0.0) { $0 + x.scalars[$1] } }
            case .averagePool, .globalAveragePool, .reduceMean: reduceMean(x, windows)
            case .reduceL1: (0..<windows.count).map { windows.window($0).reduce(0.0) { $0 + Swift.abs(x.scalars[$1]) } }
            case .reduceL2: (0..<windows.count).map { windows.window($0).reduce(0.0) { $0 + x.scalars[$1] * x.scalars[$1] }.squareRoot() }
            case .reduceSumSquare: (0..<windows.count).map { windows.window($0).reduce(0.0) { $0 + x.scalars[$1] * x.scalars[$1] } }
            case .reduceLogSumExp:
                (0..<windows.count).map { output in
                    let values = windows.window(output).map { x.scalars[$0] }
                    guard let m = values.max(), m.isFinite else { return values.isEmpty ? -.infinity : values.max()! }
                    return m + log(values.reduce(0.0) { $0 + exp($1 - m) })
                }
            case .argMax, .argMin:
                (0..<windows.count).map { output in
                    // The first (or last) smallest element is the first (or last) largest of −x.
                    let sign = operation == .argMin ? -1.0 : 1.0
                    return Double(argMax(windows.window(output).map { sign * x.scalars[$0] }, selectLast: (node.int("select_last_index") ?? 0) != 0))
                }
            }
            // A malformed pooling node can give windows that do not fill the output shape (a
            // crash found by libFuzzer): a typed error, not a trap.
            guard Tensor<Double>.elementCount(shape) == result.count else {
                throw fail("\(windows.count) windows for output shape \(shape)")
            }
            return [Tensor(shape: shape, scalars: result)]
        }
    }

    /// The element type of output `index` of `node` (``outputTypes(_:types:)`` but for the
    /// operators whose outputs differ: a tree classifier's label is `int64`).
    public static func outputType(_ node: Node, at index: Int, types: [String: ElementType]) -> ElementType {
        if (node.op == .treeEnsembleClassifier || node.op == .linearClassifier) && index == 0 { return .int64 }
        if node.op == .topK && index == 1 { return .int64 }
        if node.op == .composite(.svmClassifier) { return index == 0 ? .int64 : .float }
        if node.op == .composite(.dynamicQuantizeLinear) { return index == 1 ? .float : .uint8 }
        return outputTypes(node, types: types)
    }

    /// The element type of a node's (first) output.
    public static func outputTypes(_ node: Node, types: [String: ElementType]) -> ElementType {
        guard let op = node.op else { return .float }
        switch op {
        case .shape, .window(.argMax), .window(.argMin), .nonZero: return .int64
        case .eyeLike: return node.int("dtype").flatMap(ElementType.init(rawValue:)) ?? node.inputs.first.flatMap { types[$0] } ?? .float
        case .range, .max, .min, .mod, .hardmax, .gatherND, .scatterND, .scatterElements:
            return node.inputs.first.flatMap { types[$0] } ?? .float
        case .cast: return ElementType(rawValue: node.int("to") ?? 1) ?? .float
        case .constant: return (try? constantValue(node).1) ?? .float
        case .constantOfShape:
            if case let .tensor(_, type)? = node.attributes["value"] { return type }
            return .float
        case .gather, .arrayFeatureExtractor, .concat, .reshape, .squeeze, .unsqueeze, .slice, .identity, .transpose, .flatten, .pad,
             .add, .sub, .mul, .div, .neg, .sum, .clip, .pow, .window(.reduceSum), .relu, .window(.maxPool), .expand, .tile, .split,
             .trilu, .window(.reduceMax), .window(.reduceMin), .floor, .ceil, .round:
            return node.inputs.first.flatMap { types[$0] } ?? .float
        case .logic(.where): return node.inputs.count > 1 ? types[node.inputs[1]] ?? .float : .float
        case .oneHot: return node.inputs.count > 2 ? types[node.inputs[2]] ?? .float : .float
        case .gatherElements, .topK: return node.inputs.first.flatMap { types[$0] } ?? .float
        case .logic: return .bool
        case let .function(operation) where operation.keepsElementType:
            return node.inputs.first.flatMap { types[$0] } ?? .float
        // Products keep their operands' type (ONNX's T): an int32 MatMul (MatMulInteger's) is an integer.
        case .gemm, .matMul, .conv, .convTranspose, .einsum: return node.inputs.first.flatMap { types[$0] } ?? .float
        case .batchNormalization, .leakyRelu, .pRelu, .function, .softmax, .logSoftmax,
             .layerNormalization, .instanceNormalization, .window(.reduceL1), .window(.reduceL2),
             .window(.reduceLogSumExp), .window(.reduceSumSquare),
             .dropout, .window(.averagePool),
             .window(.globalMaxPool), .window(.globalAveragePool), .window(.reduceMean), .treeEnsembleClassifier,
             .treeEnsembleRegressor, .zipMap, .scaler, .linearRegressor, .linearClassifier, .normalizer, .rnn, .gru, .lstm:
            return .float
        case .resize, .upsample, .depthToSpace, .spaceToDepth, .treeEnsemble: return node.inputs.first.flatMap { types[$0] } ?? .float
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot, .bitShift: return node.inputs.first.flatMap { types[$0] } ?? .int64
        case .composite(.shrink), .composite(.thresholdedRelu), .composite(.mean), .composite(.groupNormalization),
             .composite(.binarizer), .composite(.imputer):
            return node.inputs.first.flatMap { types[$0] } ?? .float
        case .composite(.svmClassifier): return .int64
        case .composite(.labelEncoder):
            if node.ints("values_int64s") != nil { return .int64 }
            if case let .tensor(_, type)? = node.attributes["values_tensor"], type == .int64 { return .int64 }
            return .float
        case .composite(.cumSum), .composite(.swish): return node.inputs.first.flatMap { types[$0] } ?? .float
        case .composite(.isNaN), .composite(.isInf): return .bool
        case .composite(.size): return .int64
        case .composite(.castLike): return node.input(1).flatMap { types[$0] } ?? .float
        case .composite(.quantizeLinear):
            if let requested = node.int("output_dtype"), requested != 0 { return ElementType(rawValue: requested) ?? .uint8 }
            return node.input(2).flatMap { types[$0] } ?? .uint8
        case .composite(.matMulInteger), .composite(.convInteger): return .int32
        case .composite(.dynamicQuantizeLinear): return .uint8
        case .composite(.qLinearMatMul), .composite(.qLinearConv): return node.input(7).flatMap { types[$0] } ?? .uint8
        case .composite: return .float
        case .sequence(.sequenceLength): return .int64
        case .sequence: return node.inputs.first.flatMap { types[$0] } ?? .float
        }
    }

    /// The value and element type of a `Constant` node.
    public static func constantValue(_ node: Node) throws -> (Tensor<Double>, ElementType) {
        switch (node.attributes["value"], node.attributes["value_float"], node.attributes["value_floats"],
                node.attributes["value_int"], node.attributes["value_ints"]) {
        case let (.tensor(tensor, type)?, _, _, _, _): return (tensor, type)
        case let (_, .float(value)?, _, _, _): return (Tensor(shape: [], scalars: [value]), .float)
        case let (_, _, .floats(values)?, _, _): return (Tensor(shape: [values.count], scalars: values), .float)
        case let (_, _, _, .int(value)?, _): return (Tensor(shape: [], scalars: [Double(value)]), .int64)
        case let (_, _, _, _, .ints(values)?): return (Tensor(shape: [values.count], scalars: values.map(Double.init)), .int64)
        default:
            throw ONNXError.unsupportedAttribute(node: node.name, opType: "Constant", reason: "no supported value attribute")
        }
    }
}
