import ZKONNX

extension Quantizer {
    /// `TreeEnsembleClassifier` and `TreeEnsembleRegressor` (``TreeEnsemble``):
    /// - the columns, one ``QuantizedOperation/treeEnsemble(_:)`` step: each split becomes
    ///   `q ≤ T` on the input's integers `q = round(x·2^s)` (`≤ θ`: `T = ⌊θ·2^s⌋`; `< θ`:
    ///   `T = ⌈θ·2^s⌉ − 1`; `>` and `≥` the same with the children swapped; `= θ` two such tests
    ///   sharing a child, or never when `θ·2^s` is not an integer), a test that no input of the
    ///   input's width can change is resolved now, and the leaf weights and base values are
    ///   quantized at the scale their sum's bound allows (at most the activation scale limit);
    /// - the scores: the columns themselves, Sigmoid or Softmax on them, or onnxruntime's two-class
    ///   forms `[1 − s, s]`, `[−s, s]` (linear) and `[1 − σ(s), σ(s)]` (linear after the table);
    /// - the label: the first largest column's class (ArgMax, then the labels as a linear map, or
    ///   one zero test per class when they are not evenly spaced), or a threshold test on one column.
    mutating func lowerTreeEnsemble(_ node: Node) throws {
        let ensemble: TreeEnsemble
        do { ensemble = try TreeEnsemble(node) } catch { throw QuantError.onnx(error) }
        let x = try activation(node.input(0), node)
        let inputShape = shape(of: x)
        let width = inputShape.last ?? 1
        let samples = inputShape.count <= 1 ? 1 : inputShape.reduce(1, *) / max(width, 1)
        guard ensemble.featureCount <= width else {
            throw unsupported(node, "splits read feature \(ensemble.featureCount - 1), but the input has \(width) features")
        }
        let forest = try quantizeForest(ensemble, inputScale: scales[x]!, inputBits: bits(of: x), features: width, node)
        let outputScale = forest.scale

        let isClassifier = node.op == .treeEnsembleClassifier
        let scoresName = isClassifier ? (node.outputs.count > 1 ? node.outputs[1] : "") : node.outputs[0]
        let columnsName = ensemble.transform == .none && !scoresName.isEmpty ? scoresName : "\(node.outputs.last!)#columns"
        let columnsShape = [samples, ensemble.columns]
        try append(node, .treeEnsemble(forest.forest), inputs: [x], output: columnsName, shape: columnsShape, scale: outputScale,
                   bound: Double(forest.forest.bound), isActivation: true)

        if !scoresName.isEmpty && columnsName != scoresName {
            try emitTreeScores(node, ensemble.transform, columns: columnsName, output: scoresName, samples: samples)
        }
        if isClassifier, !node.outputs[0].isEmpty, let rule = ensemble.label {
            try emitTreeLabel(node, rule, columns: columnsName, count: ensemble.columns, samples: samples, output: node.outputs[0])
        }
    }

    /// The integer forest of `ensemble` for inputs at `inputScale` of signed width `inputBits`,
    /// and the scale of its columns.
    func quantizeForest(_ ensemble: TreeEnsemble, inputScale: Int, inputBits: Int, features: Int, _ node: Node) throws
        -> (forest: DecisionForest, scale: Int) {
        // Columns: every weight and base value at one scale, chosen from the columns' bound.
        var magnitude = ensemble.base.map(\.magnitude).max() ?? 0
        for tree in ensemble.trees {
            magnitude += tree.reduce(0.0) { if case let .leaf(weights) = $1 { max($0, weights.map(\.magnitude).max() ?? 0) } else { $0 } }
        }
        // Headroom for the rounding of every leaf (half a unit per tree).
        let scale = FixedPoint.scale(forMagnitude: magnitude * configuration.calibrationHeadroom + 1, bits: configuration.activationBits,
                                     maxScale: configuration.maxActivationScale)
        func quantized(_ values: [Double]) throws -> [Int64] {
            try quantize(Tensor(shape: [values.count], scalars: values), scale: scale, node).scalars
        }

        // Splits: `q ≤ T`, or a constant outcome.
        let lowest = -(Int64(1) << (inputBits - 1)), highest = (Int64(1) << (inputBits - 1)) - 1
        let step = FixedPoint.power(inputScale)
        enum Test { case constant(Bool), atMost(Int64, negated: Bool), equal(Int64, negated: Bool) }
        func atMost(_ t: Double, negated: Bool) -> Test {
            // q ≤ t for every q of the width, or for none.
            if t >= Double(highest) { return .constant(!negated) }
            if t < Double(lowest) { return .constant(negated) }
            return .atMost(Int64(t), negated: negated)
        }
        func test(_ comparison: TreeEnsemble.Comparison, _ threshold: Double) -> Test {
            let v = threshold * step
            switch comparison {
            case .lessOrEqual: return atMost(v.rounded(.down), negated: false)
            case .less: return atMost(v.rounded(.up) - 1, negated: false)
            case .greater: return atMost(v.rounded(.down), negated: true)
            case .greaterOrEqual: return atMost(v.rounded(.up) - 1, negated: true)
            case .equal, .notEqual:
                let negated = comparison == .notEqual
                guard v == v.rounded(), v >= Double(lowest), v <= Double(highest) else { return .constant(negated) }
                // q = v ⟺ q ≤ v and not q ≤ v − 1; at the ends of the range one test suffices.
                if v == Double(lowest) { return .atMost(Int64(v), negated: negated) }
                if v == Double(highest) { return .atMost(Int64(v) - 1, negated: !negated) }
                return .equal(Int64(v), negated: negated)
            }
        }

        var thresholdSets = [Set<Int64>](repeating: [], count: features)
        var pending: [(tree: Int, nodes: [(feature: Int, test: Test)?])] = []
        for (t, tree) in ensemble.trees.enumerated() {
            let tests: [(feature: Int, test: Test)?] = tree.map { node in
                guard case let .split(feature, comparison, threshold, _, _) = node else { return nil }
                let resolved = test(comparison, threshold)
                switch resolved {
                case .constant: break
                case let .atMost(value, _): thresholdSets[feature].insert(value)
                case let .equal(value, _): thresholdSets[feature].formUnion([value - 1, value])
                }
                return (feature, resolved)
            }
            pending.append((t, tests))
        }
        let thresholds = thresholdSets.map { $0.sorted() }
        let position = thresholds.map { list in Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1, $0) }) }

        var trees: [[DecisionForest.Node]] = []
        for (t, tests) in pending {
            let tree = ensemble.trees[t]
            var nodes: [DecisionForest.Node] = []
            // Pre-order, so children follow their parents; constant tests are skipped through.
            func build(_ index: Int) throws -> Int {
                switch tree[index] {
                case let .leaf(weights):
                    nodes.append(.leaf(weights: try quantized(weights)))
                    return nodes.count - 1
                case let .split(_, _, _, whenTrue, whenFalse):
                    let (feature, resolved) = tests[index]!
                    switch resolved {
                    case let .constant(holds): return try build(holds ? whenTrue : whenFalse)
                    case let .atMost(value, negated):
                        let at = nodes.count
                        nodes.append(.leaf(weights: []))
                        let (yes, no) = negated ? (try build(whenFalse), try build(whenTrue)) : (try build(whenTrue), try build(whenFalse))
                        nodes[at] = .split(feature: feature, threshold: position[feature][value]!, whenTrue: yes, whenFalse: no)
                        return at
                    case let .equal(value, negated):
                        // Not q ≤ v − 1, then q ≤ v: equal; either test failing: not equal.
                        let first = nodes.count
                        nodes.append(.leaf(weights: []))
                        nodes.append(.leaf(weights: []))
                        let (equal, different) = negated ? (try build(whenFalse), try build(whenTrue)) : (try build(whenTrue), try build(whenFalse))
                        nodes[first] = .split(feature: feature, threshold: position[feature][value - 1]!, whenTrue: different, whenFalse: first + 1)
                        nodes[first + 1] = .split(feature: feature, threshold: position[feature][value]!, whenTrue: equal, whenFalse: different)
                        return first
                    }
                }
            }
            _ = try build(0)
            trees.append(nodes)
        }
        return (DecisionForest(thresholds: thresholds, trees: trees, base: try quantized(ensemble.base)), scale)
    }

    /// The scores output from the columns (``TreeEnsemble/Transform``).
    mutating func emitTreeScores(_ node: Node, _ transform: TreeEnsemble.Transform, columns: String, output: String, samples: Int) throws {
        let scale = scales[columns]!
        let shape = graph.shapes[output] ?? []
        let one = Int64(1) << scale
        switch transform {
        case .none:
            try emitCopy(node, columns, output: output, shape: shape,
                       scale: scale, bound: bounds[columns]!, isActivation: true)
        case .logistic:
            try emitTable(node, .sigmoid, input: columns, output: output)
        case .softmax:
            let softmax = Node(name: node.name, op: .softmax, inputs: [columns], outputs: [output], attributes: ["axis": .int(-1)])
            try lowerSoftmax(softmax)
        case .complementPair:
            // [1 − s, s] from the one column, broadcast.
            try append(node, .mulConstant(multiplier: Tensor(shape: [2], scalars: [-1, 1]), bias: Tensor(shape: [2], scalars: [one, 0])),
                       inputs: [columns], output: output, shape: shape, scale: scale, bound: bounds[columns]! + Double(one), isActivation: true)
        case .logisticPair:
            let probability = "\(output)#sigmoid"
            try emitTable(node, .sigmoid, input: columns, output: probability)
            let p = scales[probability]!
            try append(node, .mulConstant(multiplier: Tensor(shape: [2], scalars: [-1, 1]), bias: Tensor(shape: [2], scalars: [Int64(1) << p, 0])),
                       inputs: [probability], output: output, shape: shape, scale: p, bound: FixedPoint.power(p) + 1, isActivation: true)
        case .negatedPair:
            try append(node, .mulConstant(multiplier: Tensor(shape: [2], scalars: [-1, 1]), bias: nil), inputs: [columns], output: output,
                       shape: shape, scale: scale, bound: bounds[columns]!, isActivation: true)
        case .softmaxZero:
            throw unsupported(node, "post_transform SOFTMAX_ZERO has no integer form yet (NONE, LOGISTIC and SOFTMAX do)")
        }
    }

    /// The label output from the columns (``TreeEnsemble/LabelRule``), at scale 0.
    mutating func emitTreeLabel(_ node: Node, _ rule: TreeEnsemble.LabelRule, columns: String, count: Int, samples: Int,
                                output: String) throws {
        let scale = scales[columns]!
        let shape = graph.shapes[output] ?? [samples]
        switch rule {
        case let .threshold(column, above, labels):
            // [s ≤ A] with A = ⌊above·2^scale⌋ (s > above ⟺ s > A for an integer s), then the label.
            let (picked, atMost) = ("\(output)#column", "\(output)#atmost")
            let limit = Int64((above * FixedPoint.power(scale)).rounded(.down))
            try append(node, .rearrange(sources: (0 ..< samples).map { $0 * count + column }, constants: []), inputs: [columns],
                       output: picked, shape: [samples], scale: scale, bound: bounds[columns]!, isActivation: false)
            let shifted = "\(output)#shifted"
            try append(node, .linearCombination(coefficients: [1], constant: Tensor(shape: [], scalars: [-limit])), inputs: [picked],
                       output: shifted, shape: [samples], scale: scale, bound: bounds[columns]! + Double(limit.magnitude), isActivation: false)
            try append(node, .test(.nonPositive), inputs: [shifted], output: atMost, shape: [samples], scale: 0, bound: 1, isActivation: true)
            booleans.insert(atMost)
            try append(node, .linearCombination(coefficients: [labels[0] - labels[1]], constant: Tensor(shape: [], scalars: [labels[1]])),
                       inputs: [atMost], output: output, shape: shape, scale: 0, bound: Double(labels.map(\.magnitude).max()!), isActivation: true)
        case let .argMax(candidates, labels):
            var source = columns
            if candidates.count != count {
                source = "\(output)#candidates"
                try append(node, .rearrange(sources: (0 ..< samples).flatMap { n in candidates.map { n * count + $0 } }, constants: []),
                           inputs: [columns], output: source, shape: [samples, candidates.count], scale: scale, bound: bounds[columns]!,
                           isActivation: true)
            }
            let (windows, _) = Windows.reduction(shape: [samples, candidates.count], axes: [1], keepDims: false)
            let step = labels.count > 1 ? labels[1] - labels[0] : 0
            let evenlySpaced = labels.indices.allSatisfy { labels[$0] == labels[0] + Int64($0) * step }
            let index = "\(output)#index"
            try append(node, .argMax(windows, selectLast: false), inputs: [source], output: index,
                       shape: evenlySpaced ? [samples] : [samples, 1], scale: 0, bound: Double(candidates.count), isActivation: true)
            let largest = Double(labels.map(\.magnitude).max()!)
            if evenlySpaced {
                try append(node, .linearCombination(coefficients: [step], constant: Tensor(shape: [], scalars: [labels[0]])), inputs: [index],
                           output: output, shape: shape, scale: 0, bound: largest, isActivation: true)
            } else {
                // One zero test per class, then Σ label·[index = class] (a matrix product with the labels).
                let k = labels.count
                let (differences, hits) = ("\(output)#differences", "\(output)#hits")
                try append(node, .linearCombination(coefficients: [1], constant: Tensor(shape: [1, k], scalars: (0 ..< k).map { -Int64($0) })),
                           inputs: [index], output: differences, shape: [samples, k], scale: 0, bound: Double(k), isActivation: false)
                try append(node, .test(.zero), inputs: [differences], output: hits, shape: [samples, k], scale: 0, bound: 1, isActivation: true)
                try append(node, .matMul(weights: Tensor(shape: [k, 1], scalars: labels), bias: nil), inputs: [hits], output: output,
                           shape: shape, scale: 0, bound: largest, isActivation: true)
            }
        }
    }
}
