extension TreeEnsemble {
    /// Reads an `ai.onnx.ml` `TreeEnsemble` node (opset 5) as onnxruntime 1.31 runs it: a regressor
    /// of `n_targets` columns without base values, each leaf giving its one target (`leaf_targetids`)
    /// its weight, aggregated by `aggregate_function` (0 `AVERAGE`, 1 `SUM`, 2 `MIN`, 3 `MAX`), then
    /// `post_transform` as onnxruntime 1.31 applies it: 0 `NONE`, 1 `LOGISTIC`, 2 `SOFTMAX`,
    /// 3 `SOFTMAX_ZERO` (the ONNX specification numbers `SOFTMAX` 1 and `LOGISTIC` 2; onnxruntime
    /// casts the integer to its own enumeration), none of them applied to a single target, as
    /// onnxruntime does; 4 `PROBIT` is not read.
    ///
    /// `nodes_*` index the interior nodes, `leaf_*` the leaves; a child is a leaf index when the
    /// node's `nodes_trueleafs`/`nodes_falseleafs` entry is 1. `tree_roots` lists each tree's root
    /// node. A root whose two children are the same leaf (a one-leaf tree) gives that leaf, as
    /// onnxruntime reads it (the ONNX reference implementation gives `leaf_*[root]` instead). Mode 6,
    /// `BRANCH_MEMBER`, tests `x[feature]` against the next set of `membership_values` (sets
    /// separated by NaN, in the order of the member nodes). Children may be shared: each tree is
    /// expanded into a tree, as onnxruntime does. Not read: `nodes_missing_value_tracks_true` (inputs
    /// are finite) and `nodes_hitrates` (a speed hint).
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` for inconsistent attributes and
    ///   ``ONNXError/unsupportedAttribute(node:opType:reason:)`` for `PROBIT`.
    init(version5 node: Node) throws(ONNXError) {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        func values(_ key: String) -> [Double] {
            if case let .tensor(tensor, _)? = node.attributes[key] { return tensor.scalars }
            return node.floats(key) ?? node.ints(key)?.map(Double.init) ?? []
        }
        let roots = node.ints("tree_roots") ?? []
        let features = node.ints("nodes_featureids") ?? [], modes = values("nodes_modes"), splits = values("nodes_splits")
        let trueIDs = node.ints("nodes_truenodeids") ?? [], falseIDs = node.ints("nodes_falsenodeids") ?? []
        let trueLeafs = node.ints("nodes_trueleafs") ?? [], falseLeafs = node.ints("nodes_falseleafs") ?? []
        let leafTargets = node.ints("leaf_targetids") ?? [], leafWeights = values("leaf_weights")
        let width = node.int("n_targets") ?? 0
        guard width >= 1 else { throw fail("n_targets is \(width): it must be at least 1") }
        guard !roots.isEmpty else { throw fail("no trees (tree_roots is empty)") }
        let count = features.count
        for (name, length) in [("nodes_modes", modes.count), ("nodes_truenodeids", trueIDs.count), ("nodes_falsenodeids", falseIDs.count),
                               ("nodes_trueleafs", trueLeafs.count), ("nodes_falseleafs", falseLeafs.count)] where length != count {
            throw fail("\(name) has \(length) entries, nodes_featureids \(count)")
        }
        guard leafWeights.count == leafTargets.count else {
            throw fail("leaf_weights has \(leafWeights.count) entries, leaf_targetids \(leafTargets.count)")
        }
        if let bad = leafTargets.first(where: { $0 < 0 || $0 >= width }) { throw fail("leaf_targetids names \(bad), outside 0..<\(width)") }

        // The comparison of each node, and the member set of each BRANCH_MEMBER node.
        let comparisons: [Comparison?] = [.lessOrEqual, .less, .greaterOrEqual, .greater, .equal, .notEqual, nil]
        var sets: [[Double]] = [[]]
        for value in values("membership_values") {
            if value.isNaN { sets.append([]) } else { sets[sets.count - 1].append(value) }
        }
        if sets.last?.isEmpty == true { sets.removeLast() }
        var members: [Int: [Double]] = [:]
        for i in 0 ..< count {
            guard modes[i] >= 0, modes[i] <= 6, modes[i] == modes[i].rounded() else { throw fail("nodes_modes[\(i)] is \(modes[i]), not 0…6") }
            guard features[i] >= 0 else { throw fail("nodes_featureids[\(i)] is negative (\(features[i]))") }
            if modes[i] == 6 {
                guard members.count < sets.count else { throw fail("membership_values has \(sets.count) sets for more member nodes") }
                members[i] = sets[members.count]
            } else if i >= splits.count {
                throw fail("nodes_splits has \(splits.count) entries, nodes_featureids \(count)")
            }
        }

        func leaf(_ index: Int) throws(ONNXError) -> TreeNode {
            guard index >= 0, index < leafWeights.count else { throw fail("leaf \(index) does not exist (\(leafWeights.count) leaves)") }
            var weights = [Double?](repeating: nil, count: width)
            weights[leafTargets[index]] = leafWeights[index]
            return .leaf(weights: weights)
        }
        // Each tree in pre-order (children after parents); a node shared by two parents is copied.
        let budget = 1 << 22
        var total = 0
        var trees: [[TreeNode]] = []
        for (t, root) in roots.enumerated() {
            guard root >= 0, root < count else { throw fail("tree_roots[\(t)] is \(root), outside 0..<\(count)") }
            var tree: [TreeNode] = []
            var onPath: Set<Int> = []
            func visit(_ index: Int, isLeaf: Bool) throws(ONNXError) -> Int {
                total += 1
                guard total <= budget else { throw fail("the trees expand to more than \(budget) nodes") }
                let at = tree.count
                if isLeaf {
                    tree.append(try leaf(index))
                    return at
                }
                guard index >= 0, index < count else { throw fail("tree \(t) refers to node \(index), outside 0..<\(count)") }
                guard onPath.insert(index).inserted else { throw fail("tree \(t) reaches node \(index) from itself (a cycle)") }
                defer { onPath.remove(index) }
                tree.append(.leaf(weights: []))
                let whenTrue = try visit(trueIDs[index], isLeaf: trueLeafs[index] != 0)
                let whenFalse = try visit(falseIDs[index], isLeaf: falseLeafs[index] != 0)
                if let set = members[index] {
                    tree[at] = .member(feature: features[index], members: set, whenTrue: whenTrue, whenFalse: whenFalse)
                } else {
                    tree[at] = .split(feature: features[index], comparison: comparisons[Int(modes[index])]!, threshold: splits[index],
                                      whenTrue: whenTrue, whenFalse: whenFalse)
                }
                return at
            }
            _ = try visit(root, isLeaf: false)
            trees.append(tree)
        }

        let aggregateCode = node.int("aggregate_function") ?? 1
        let aggregate: Aggregate
        switch aggregateCode {
        case 0, 1: aggregate = .sum
        case 2: aggregate = .minimum
        case 3: aggregate = .maximum
        default: throw fail("aggregate_function \(aggregateCode) (0 AVERAGE, 1 SUM, 2 MIN, 3 MAX)")
        }
        let transformCode = node.int("post_transform") ?? 0
        // onnxruntime 1.31 reads 1 as LOGISTIC and 2 as SOFTMAX, its own enum's order; the
        // specification lists 1 SOFTMAX, 2 LOGISTIC. onnxruntime is the reference a user checks.
        let transforms: [Transform] = [.none, .logistic, .softmax, .softmaxZero]
        guard transformCode >= 0 && transformCode <= 4 else { throw fail("post_transform \(transformCode) (0 NONE … 4 PROBIT)") }
        guard transformCode < 4 else {
            throw .unsupportedAttribute(node: node.name, opType: node.opType, reason: "post_transform 4 (PROBIT) is not read")
        }
        let divisor = aggregateCode == 0 ? Double(trees.count) : 1
        self.trees = trees.map { tree in tree.map { entry in
            guard case let .leaf(weights) = entry else { return entry }
            return .leaf(weights: weights.map { weight in weight.map { $0 / divisor } })
        } }
        self.aggregate = aggregate
        columns = width
        base = Array(repeating: 0, count: width)
        // One target: onnxruntime applies no transform but PROBIT.
        transform = width == 1 ? .none : transforms[transformCode]
        label = nil
        outputWidth = width
    }
}
