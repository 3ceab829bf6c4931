import ZKONNX

extension Quantizer {
    /// `TreeEnsembleClassifier`, `TreeEnsembleRegressor` and `TreeEnsemble` (``TreeEnsemble``):
    /// - the columns, one ``QuantizedOperation/treeEnsemble(_:)`` step: each split becomes
    ///   `q ≤ T` on the input's integers `q = ⌊x·2^s + ½⌋`, with the threshold rounded the same way,
    ///   `R = ⌊θ·2^s + ½⌋`, so that an input equal to the threshold routes exactly (`≤ θ`: `T = R`;
    ///   `< θ`: `T = R − 1`; `>` and `≥` the same with the children swapped; `= θ` and membership of a
    ///   set: the members' `R` within the input's width, in runs of consecutive integers `[a, b]`,
    ///   two tests `q ≤ a − 1`, `q ≤ b` per run in a chain sharing the member and non-member
    ///   children), a test that no input of the input's width can change is resolved now,
    ///   and the leaf weights and base values are quantized at the scale their sum's bound allows
    ///   (at most the activation scale limit);
    /// - `MIN` and `MAX` aggregates: each tree's weights (``DecisionForest/perTree``; negated for
    ///   MIN; a column a leaf gives no weight reads a sentinel `−S` below every weight), reduced over
    ///   the trees by a window maximum `m` (the extremum `r = ±m`); where some leaf lacks a weight, a
    ///   zero test `a = [m = −S]` finds the columns no tree gave a weight, which read as onnxruntime
    ///   gives them: the base for one column (`r ± S·a + base`, linear after the test), `0` for more
    ///   (`v − a·v` with `v = r + base`: one product constraint per element);
    /// - a sum of several columns: a column no leaf names is 0, and one that only some leaves name,
    ///   with a base, is 0 in a sample whose leaves give it no weight (a count column and its zero
    ///   test, ``emitFlaggedSums(_:_:flagged:input:output:samples:scale:)``), as onnxruntime gives;
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
        if let sentinel = forest.sentinel {
            try emitTreeExtremum(node, forest.forest, ensemble.aggregate, sentinel: sentinel, input: x, output: columnsName,
                                 samples: samples, scale: outputScale)
        } else if !forest.flagged.isEmpty {
            try emitFlaggedSums(node, forest.forest, flagged: forest.flagged, input: x, output: columnsName, samples: samples,
                                scale: outputScale)
        } else {
            try append(node, .treeEnsemble(forest.forest), inputs: [x], output: columnsName, shape: columnsShape, scale: outputScale,
                       bound: Double(forest.forest.bound), isActivation: true)
        }

        if !scoresName.isEmpty && columnsName != scoresName {
            try emitTreeScores(node, ensemble.transform, columns: columnsName, output: scoresName, samples: samples)
        }
        if isClassifier, !node.outputs[0].isEmpty, let rule = ensemble.label {
            try emitTreeLabel(node, rule, columns: columnsName, count: ensemble.columns, samples: samples, output: node.outputs[0])
        }
    }

    /// Sums whose ``quantizeForest`` flagged columns are 0 in a sample no leaf gave them a weight
    /// (onnxruntime's reading): the forest's `columns + k` outputs split into the sums `v` and the
    /// `k` counts, a zero test `a` of each count, spread over the columns (0 for the others), and
    /// `v − a·v` (one product per column).
    mutating func emitFlaggedSums(_ node: Node, _ forest: DecisionForest, flagged: [Int], input: String, output: String, samples: Int,
                                  scale: Int) throws {
        let total = forest.columns, columns = total - flagged.count
        let (raw, sums, counts, absent, spread) = ("\(output)#raw", "\(output)#sums", "\(output)#counts", "\(output)#absent",
                                                   "\(output)#absentColumns")
        let bound = Double(forest.bound)
        try append(node, .treeEnsemble(forest), inputs: [input], output: raw, shape: [samples, total], scale: scale, bound: bound,
                   isActivation: true)
        let rows = 0 ..< samples
        try append(node, .rearrange(sources: rows.flatMap { n in (0 ..< columns).map { n * total + $0 } }, constants: []), inputs: [raw],
                   output: sums, shape: [samples, columns], scale: scale, bound: bound, isActivation: true)
        try append(node, .rearrange(sources: rows.flatMap { n in flagged.indices.map { n * total + columns + $0 } }, constants: []),
                   inputs: [raw], output: counts, shape: [samples, flagged.count], scale: 0, bound: Double(forest.trees.count),
                   isActivation: false)
        try append(node, .test(.zero), inputs: [counts], output: absent, shape: [samples, flagged.count], scale: 0, bound: 1,
                   isActivation: true)
        booleans.insert(absent)
        let slot = Dictionary(uniqueKeysWithValues: flagged.enumerated().map { ($1, $0) })
        try append(node, .rearrange(sources: rows.flatMap { n in (0 ..< columns).map { c in slot[c].map { n * flagged.count + $0 } ?? -1 } },
                                    constants: [0]),
                   inputs: [absent], output: spread, shape: [samples, columns], scale: 0, bound: 1, isActivation: true)
        booleans.insert(spread)
        try emitZero(node, sums, where: spread, output: output, shape: [samples, columns], scale: scale, bound: bound)
    }

    /// `v − a·v` for a 0/1 tensor `a`: `v` where `a` is 0, 0 where it is 1 (one product per element).
    mutating func emitZero(_ node: Node, _ value: String, where absent: String, output: String, shape: [Int], scale: Int,
                           bound: Double) throws {
        let dropped = "\(output)#dropped"
        try append(node, .mul, inputs: [absent, value], output: dropped, shape: shape, scale: scale, bound: bound, isActivation: false)
        try append(node, .linearCombination(coefficients: [1, -1], constant: nil), inputs: [value, dropped], output: output, shape: shape,
                   scale: scale, bound: bound, isActivation: true)
    }

    /// `MIN`/`MAX` columns from each tree's weights (`forest` is ``DecisionForest/perTree``, its
    /// weights negated for `MIN`, its absent weights `sentinel < 0`): the largest over the trees,
    /// the sentinel of absent weights sent to onnxruntime's value, the base added.
    mutating func emitTreeExtremum(_ node: Node, _ forest: DecisionForest, _ aggregate: TreeEnsemble.Aggregate, sentinel: Int64,
                                   input: String, output: String, samples: Int, scale: Int) throws {
        let columns = forest.columns, trees = forest.trees.count
        let perTree = "\(output)#trees", largest = "\(output)#largest"
        let bound = Double(forest.bound)
        try append(node, .treeEnsemble(forest), inputs: [input], output: perTree, shape: [samples, trees, columns], scale: scale,
                   bound: bound, isActivation: true)
        let (windows, _) = Windows.reduction(shape: [samples, trees, columns], axes: [1], keepDims: false)
        let shape = [samples, columns]
        try append(node, .windowMax(windows), inputs: [perTree], output: largest, shape: shape, scale: scale, bound: bound, isActivation: true)
        // The extremum r = sign·m (min w = −max(−w)).
        let sign: Int64 = aggregate == .minimum ? -1 : 1
        let base = Tensor(shape: [1, columns], scalars: forest.base)
        let total = bound + Double(forest.base.map(\.magnitude).max() ?? 0)
        guard sentinel != 0 else {
            try append(node, .linearCombination(coefficients: [sign], constant: base), inputs: [largest], output: output, shape: shape,
                       scale: scale, bound: total, isActivation: true)
            return
        }
        // absent = [m = sentinel]. One column: r − sign·sentinel·absent + base (the base alone where
        // no tree gave a weight). More: v − absent·v with v = r + base (0 there, as onnxruntime gives).
        let (offset, absent) = ("\(output)#offset", "\(output)#absent")
        try append(node, .linearCombination(coefficients: [1], constant: Tensor(shape: [], scalars: [-sentinel])), inputs: [largest],
                   output: offset, shape: shape, scale: scale, bound: 2 * bound, isActivation: false)
        try append(node, .test(.zero), inputs: [offset], output: absent, shape: shape, scale: 0, bound: 1, isActivation: true)
        booleans.insert(absent)
        guard columns > 1 else {
            try append(node, .linearCombination(coefficients: [sign, -sign * sentinel], constant: base), inputs: [largest, absent],
                       output: output, shape: shape, scale: scale, bound: total, isActivation: true)
            return
        }
        let based = "\(output)#based"
        try append(node, .linearCombination(coefficients: [sign], constant: base), inputs: [largest], output: based, shape: shape,
                   scale: scale, bound: total, isActivation: false)
        try emitZero(node, based, where: absent, output: output, shape: shape, scale: scale, bound: total)
    }

    /// The integer forest of `ensemble` for inputs at `inputScale` of signed width `inputBits`,
    /// the scale of its columns, and for `MIN`/`MAX` the sentinel absent weights read (0 when no
    /// leaf lacks a weight; `nil` for a sum).
    func quantizeForest(_ ensemble: TreeEnsemble, inputScale: Int, inputBits: Int, features: Int, _ node: Node) throws
        -> (forest: DecisionForest, scale: Int, sentinel: Int64?, flagged: [Int]) {
        // Columns: every weight and base value at one scale, chosen from the columns' bound.
        let largest = ensemble.trees.map { tree in
            tree.reduce(0.0) { if case let .leaf(weights) = $1 { max($0, weights.map { $0?.magnitude ?? 0 }.max() ?? 0) } else { $0 } }
        }
        let baseMagnitude = ensemble.base.map(\.magnitude).max() ?? 0
        let extremum = ensemble.aggregate != .sum
        // A MIN or MAX column is one weight (and its sentinel, one more unit) plus the base.
        let magnitude = extremum ? 2 * (largest.max() ?? 0) + baseMagnitude : largest.reduce(baseMagnitude, +)
        // Headroom for the rounding of every leaf (half a unit per tree).
        let scale = FixedPoint.scale(forMagnitude: magnitude * configuration.calibrationHeadroom + 1, bits: configuration.activationBits,
                                     maxScale: configuration.maxActivationScale)
        func quantized(_ values: [Double]) throws -> [Int64] {
            try quantize(Tensor(shape: [values.count], scalars: values), scale: scale, node).scalars
        }
        // MIN/MAX: an absent weight reads a sentinel beyond every quantized weight (rounding is
        // monotone, so no weight's magnitude exceeds the largest magnitude's).
        var sentinel: Int64?
        if extremum {
            let absent = ensemble.trees.contains { $0.contains { if case let .leaf(weights) = $0 { weights.contains(nil) } else { false } } }
            sentinel = absent ? -(try quantized([largest.max() ?? 0])[0] + 1) : 0
        }
        // MIN keeps −w, so that the largest is the smallest weight negated.
        let sign: Int64 = ensemble.aggregate == .minimum ? -1 : 1
        // A sum of several columns: a column no leaf names is 0 (its base dropped); one with a base
        // that some leaves name, but no tree in every leaf, is flagged: a count column (1 where a
        // leaf names it) follows the sums, and the sample's sum is 0 where its count is.
        var base = try quantized(ensemble.base)
        var flagged: [Int] = []
        if !extremum && ensemble.columns > 1 {
            var named = [Bool](repeating: false, count: ensemble.columns), always = named
            for tree in ensemble.trees {
                var everyLeaf = [Bool](repeating: true, count: ensemble.columns)
                for case let .leaf(weights) in tree {
                    for c in 0 ..< ensemble.columns {
                        let given = c < weights.count && weights[c] != nil
                        named[c] = named[c] || given
                        everyLeaf[c] = everyLeaf[c] && given
                    }
                }
                for c in 0 ..< ensemble.columns where everyLeaf[c] { always[c] = true }
            }
            for c in 0 ..< ensemble.columns where base[c] != 0 {
                if !named[c] { base[c] = 0 } else if !always[c] { flagged.append(c) }
            }
        }
        func leafWeights(_ weights: [Double?]) throws -> [Int64] {
            let present = try quantized(weights.map { $0 ?? 0 })
            let values = zip(weights, present).map { $0 == nil && extremum ? sentinel! : sign * $1 }
            return values + flagged.map { weights[$0] == nil ? 0 : 1 }
        }

        // Splits: `q ≤ T`, or a constant outcome.
        let lowest = -(Int64(1) << (inputBits - 1)), highest = (Int64(1) << (inputBits - 1)) - 1
        let step = FixedPoint.power(inputScale)
        /// `q ∈ ⋃ runs`: sorted, disjoint, non-adjacent runs of consecutive integers within the width.
        struct Run { var lower: Int64, upper: Int64 }
        enum Test { case constant(Bool), atMost(Int64, negated: Bool), within([Run], negated: Bool) }
        // The tests of a membership chain, in order: `q ≤ a − 1` below a run (none at the lowest
        // value), `q ≤ b` above it (none at the highest).
        func chain(_ runs: [Run]) -> [(threshold: Int64, below: Bool)] {
            runs.flatMap { run in
                (run.lower > lowest ? [(run.lower - 1, true)] : []) + (run.upper < highest ? [(run.upper, false)] : [])
            }
        }
        // A threshold θ as the input's integers: R = ⌊θ·2^s + ½⌋, the rounding of the inputs
        // themselves, so that an input equal to θ is R.
        func rounded(_ threshold: Double) -> Double { (threshold * step + 0.5).rounded(.down) }
        func within(_ members: [Double], negated: Bool) -> Test {
            let integers = Set(members.map(rounded).filter { $0 >= Double(lowest) && $0 <= Double(highest) }.map { Int64($0) }).sorted()
            var runs: [Run] = []
            for value in integers {
                if let last = runs.last, last.upper + 1 == value { runs[runs.count - 1].upper = value } else { runs.append(Run(lower: value, upper: value)) }
            }
            if runs.isEmpty { return .constant(negated) }
            if runs.count == 1 && runs[0].lower == lowest && runs[0].upper == highest { return .constant(!negated) }
            return .within(runs, negated: negated)
        }
        func atMost(_ t: Double, negated: Bool) -> Test {
            // q ≤ t for every q of the width, or for none.
            if t >= Double(highest) { return .constant(!negated) }
            if t < Double(lowest) { return .constant(negated) }
            return .atMost(Int64(t), negated: negated)
        }
        func test(_ comparison: TreeEnsemble.Comparison, _ threshold: Double) -> Test {
            let r = rounded(threshold)
            switch comparison {
            case .lessOrEqual: return atMost(r, negated: false)
            case .less: return atMost(r - 1, negated: false)
            case .greater: return atMost(r, negated: true)
            case .greaterOrEqual: return atMost(r - 1, negated: true)
            case .equal, .notEqual: return within([threshold], negated: comparison == .notEqual)
            }
        }

        var thresholdSets = [Set<Int64>](repeating: [], count: features)
        var pending: [(tree: Int, nodes: [(feature: Int, test: Test)?])] = []
        for (t, tree) in ensemble.trees.enumerated() {
            let tests: [(feature: Int, test: Test)?] = tree.map { node in
                let feature: Int, resolved: Test
                switch node {
                case .leaf: return nil
                case let .split(f, comparison, threshold, _, _): (feature, resolved) = (f, test(comparison, threshold))
                case let .member(f, members, _, _): (feature, resolved) = (f, within(members, negated: false))
                }
                switch resolved {
                case .constant: break
                case let .atMost(value, _): thresholdSets[feature].insert(value)
                case let .within(runs, _): thresholdSets[feature].formUnion(chain(runs).map(\.threshold))
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
                    nodes.append(.leaf(weights: try leafWeights(weights)))
                    return nodes.count - 1
                case let .split(_, _, _, whenTrue, whenFalse), let .member(_, _, whenTrue, whenFalse):
                    let (feature, resolved) = tests[index]!
                    switch resolved {
                    case let .constant(holds): return try build(holds ? whenTrue : whenFalse)
                    case let .atMost(value, negated):
                        let at = nodes.count
                        nodes.append(.leaf(weights: []))
                        let (yes, no) = negated ? (try build(whenFalse), try build(whenTrue)) : (try build(whenTrue), try build(whenFalse))
                        nodes[at] = .split(feature: feature, threshold: position[feature][value]!, whenTrue: yes, whenFalse: no)
                        return at
                    case let .within(runs, negated):
                        // Below a run: not a member; then above it: the next run's tests, or not a
                        // member after the last; within: a member. The two children follow the chain.
                        let links = chain(runs)
                        let first = nodes.count
                        nodes.append(contentsOf: repeatElement(.leaf(weights: []), count: links.count))
                        let (member, other) = negated ? (try build(whenFalse), try build(whenTrue)) : (try build(whenTrue), try build(whenFalse))
                        for (k, link) in links.enumerated() {
                            let next = k + 1 < links.count ? first + k + 1 : nil
                            nodes[first + k] = .split(feature: feature, threshold: position[feature][link.threshold]!,
                                                      whenTrue: link.below ? other : member,
                                                      whenFalse: link.below ? next ?? member : next ?? other)
                        }
                        return first
                    }
                }
            }
            _ = try build(0)
            trees.append(nodes)
        }
        return (DecisionForest(thresholds: thresholds, trees: trees, base: base + flagged.map { _ in 0 }, perTree: extremum), scale, sentinel,
                flagged)
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
