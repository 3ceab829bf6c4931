extension TreeEnsemble {
    /// Reads a `TreeEnsembleClassifier` or `TreeEnsembleRegressor` node (``TreeEnsemble`` says how
    /// onnxruntime's two-class cases are normalised), or an opset-5 `TreeEnsemble` node
    /// (``init(version5:)``).
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` for inconsistent attributes (lists
    ///   of different lengths, a child that does not exist, a node reached twice, a class id out of
    ///   range) and ``ONNXError/unsupportedAttribute(node:opType:reason:)`` for what is not read.
    public init(_ node: Node) throws(ONNXError) {
        if node.op == .treeEnsemble {
            self = try TreeEnsemble(version5: node)
            return
        }
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        func unsupported(_ reason: String) -> ONNXError { .unsupportedAttribute(node: node.name, opType: node.opType, reason: reason) }
        func floats(_ key: String) -> [Double]? {
            if let values = node.floats(key) { return values }
            if case let .tensor(tensor, _)? = node.attributes["\(key)_as_tensor"] { return tensor.scalars }
            return nil
        }
        let isClassifier = node.opType == "TreeEnsembleClassifier"
        let treeIDs = node.ints("nodes_treeids") ?? [], nodeIDs = node.ints("nodes_nodeids") ?? []
        let features = node.ints("nodes_featureids") ?? [], thresholds = floats("nodes_values") ?? []
        let trueIDs = node.ints("nodes_truenodeids") ?? [], falseIDs = node.ints("nodes_falsenodeids") ?? []
        let modes: [String] = if case let .strings(values)? = node.attributes["nodes_modes"] { values } else { [] }
        let count = treeIDs.count
        guard count > 0 else { throw fail("no nodes (nodes_treeids is empty)") }
        for (name, length) in [("nodes_nodeids", nodeIDs.count), ("nodes_featureids", features.count), ("nodes_modes", modes.count),
                               ("nodes_values", thresholds.count), ("nodes_truenodeids", trueIDs.count), ("nodes_falsenodeids", falseIDs.count)]
            where length != count {
            throw fail("\(name) has \(length) entries, nodes_treeids \(count)")
        }
        let prefix = isClassifier ? "class" : "target"
        let weightTrees = node.ints("\(prefix)_treeids") ?? [], weightNodes = node.ints("\(prefix)_nodeids") ?? []
        let weightColumns = node.ints("\(prefix)_ids") ?? [], weightValues = floats("\(prefix)_weights") ?? []
        guard weightNodes.count == weightTrees.count, weightColumns.count == weightTrees.count, weightValues.count == weightTrees.count else {
            throw fail("\(prefix)_treeids, \(prefix)_nodeids, \(prefix)_ids and \(prefix)_weights differ in length")
        }
        let baseValues = floats("base_values") ?? []
        let post = node.string("post_transform") ?? "NONE"
        guard let postTransform = Transform(rawValue: post), [.none, .logistic, .softmax, .softmaxZero].contains(postTransform) else {
            throw unsupported("post_transform \(post) (NONE, LOGISTIC, SOFTMAX and SOFTMAX_ZERO are read)")
        }

        // Width of the raw sums: the classes, or the targets.
        let width: Int
        var labels: [Int64] = []
        if isClassifier {
            if node.attributes["classlabels_strings"] != nil {
                throw unsupported("string class labels (classlabels_strings): export integer labels (classlabels_int64s)")
            }
            labels = (node.ints("classlabels_int64s") ?? []).map(Int64.init)
            guard !labels.isEmpty else { throw fail("no class labels (classlabels_int64s)") }
            width = labels.count
        } else {
            width = node.int("n_targets") ?? ((weightColumns.max() ?? 0) + 1)
        }
        guard width >= 1 else { throw fail("no outputs (n_targets \(width))") }
        if let bad = weightColumns.first(where: { $0 < 0 || $0 >= width }) { throw fail("\(prefix)_ids names \(bad), outside 0..<\(width)") }

        // The trees, in order of their ids, each re-indexed from its root in pre-order.
        var entriesByTree: [Int: [Int]] = [:]
        for i in 0 ..< count { entriesByTree[treeIDs[i], default: []].append(i) }
        // A regressor's aggregate also combines the weights one leaf gives one column twice (onnxruntime
        // applies each in turn).
        let aggregateName = isClassifier ? "SUM" : node.string("aggregate_function") ?? "SUM"
        let aggregate: Aggregate
        switch aggregateName {
        case "SUM", "AVERAGE": aggregate = .sum
        case "MIN": aggregate = .minimum
        case "MAX": aggregate = .maximum
        default: throw unsupported("aggregate_function \(aggregateName) (SUM, AVERAGE, MIN and MAX are read)")
        }
        var leafSums: [Int: [Int: [Double?]]] = [:]  // tree → node id → raw weights
        for i in weightTrees.indices {
            let (tree, id, column, value) = (weightTrees[i], weightNodes[i], weightColumns[i], weightValues[i])
            let previous = leafSums[tree]?[id]?[column] ?? nil
            leafSums[tree, default: [:]][id, default: Array(repeating: nil, count: width)][column] = previous.map {
                switch aggregate {
                case .sum: $0 + value
                case .minimum: Swift.min($0, value)
                case .maximum: Swift.max($0, value)
                }
            } ?? value
        }
        var rawTrees: [[(node: TreeNode, raw: [Double?])]] = []
        for treeID in entriesByTree.keys.sorted() {
            let entries = entriesByTree[treeID]!
            var byID: [Int: Int] = [:]
            for entry in entries {
                guard byID.updateValue(entry, forKey: nodeIDs[entry]) == nil else { throw fail("tree \(treeID) has node \(nodeIDs[entry]) twice") }
            }
            var children: Set<Int> = []
            for entry in entries where modes[entry] != "LEAF" { children.insert(trueIDs[entry]); children.insert(falseIDs[entry]) }
            let roots = entries.filter { !children.contains(nodeIDs[$0]) }
            guard roots.count == 1 else { throw fail("tree \(treeID) has \(roots.count) roots") }
            var tree: [(node: TreeNode, raw: [Double?])] = []
            var placed: Set<Int> = []
            // Pre-order: a node's index is assigned before its children are visited.
            func visit(_ id: Int) throws(ONNXError) -> Int {
                guard let entry = byID[id] else { throw fail("tree \(treeID) refers to node \(id), which does not exist") }
                guard placed.insert(id).inserted else { throw fail("tree \(treeID) reaches node \(id) twice (not a tree)") }
                let index = tree.count
                if modes[entry] == "LEAF" {
                    tree.append((.leaf(weights: []), leafSums[treeID]?[id] ?? Array(repeating: nil, count: width)))
                    return index
                }
                guard let comparison = Comparison(rawValue: modes[entry]) else { throw fail("node mode \(modes[entry])") }
                guard features[entry] >= 0 else { throw fail("negative feature id \(features[entry])") }
                tree.append((.leaf(weights: []), []))
                let whenTrue = try visit(trueIDs[entry])
                let whenFalse = try visit(falseIDs[entry])
                tree[index] = (.split(feature: features[entry], comparison: comparison, threshold: thresholds[entry],
                                      whenTrue: whenTrue, whenFalse: whenFalse), [])
                return index
            }
            _ = try visit(nodeIDs[roots[0]])
            rawTrees.append(tree)
        }

        // onnxruntime's aggregation, as linear maps of the raw sums (see the type's documentation).
        var map: ([Double]) -> [Double] = { $0 }
        var divisor = 1.0
        var columns = width
        var base: [Double] = Array(repeating: 0, count: width)
        var transform = postTransform
        var label: LabelRule?
        if isClassifier {
            let weighted = Set(weightColumns)
            if width > 2 {
                for k in 0 ..< min(baseValues.count, width) { base[k] = baseValues[k] }
                let candidates = (0 ..< width).filter { weighted.contains($0) || $0 < baseValues.count }
                guard !candidates.isEmpty else { throw fail("no class has weights") }
                label = .argMax(columns: candidates, labels: candidates.map { labels[$0] })
            } else if width == 2 {
                let (has0, has1) = (weighted.contains(0), weighted.contains(1))
                guard has0 || has1 else { throw fail("no class has weights") }
                switch baseValues.count {
                case 2 where has1:
                    map = { [-$0[0], $0[0]] }
                    base = [-baseValues[1], baseValues[1]]
                case 2: base = baseValues
                case 1:
                    base = [baseValues[0], 0]
                    if !has1 { (columns, map, base) = (1, { [$0[0]] }, [baseValues[0]]) }
                case 0:
                    if !has1 { (columns, map, base) = (1, { [$0[0]] }, [0]) }
                default: throw fail("\(baseValues.count) base values for two classes")
                }
                let positive = columns == 2 && has1 ? 1 : 0
                if weighted.count == 1 {
                    let allPositive = weightValues.allSatisfy { $0 >= 0 }
                    label = .threshold(column: positive, above: allPositive ? 0.5 : 0, labels: labels)
                    if columns == 1 { transform = postTransform == .logistic ? .logisticPair : allPositive ? .complementPair : .negatedPair }
                } else {
                    label = .threshold(column: positive, above: 0, labels: [0, 1])
                }
            } else {
                throw unsupported("a classifier with one class label")
            }
        } else {
            if aggregateName == "AVERAGE" { divisor = Double(rawTrees.count) }
            if baseValues.count == width { base = baseValues }
            // One target: onnxruntime applies no transform but PROBIT.
            if width == 1 { transform = .none }
        }
        trees = rawTrees.map { tree in tree.map { entry in
            guard case .leaf = entry.node else { return entry.node }
            // A classifier's sum reads an absent weight as 0 (its maps need every column); a
            // regressor keeps it absent, for `columns(for:)` to read per sample.
            if isClassifier { return .leaf(weights: map(entry.raw.map { $0 ?? 0 })) }
            return .leaf(weights: entry.raw.map { $0.map { $0 / divisor } })
        } }
        self.aggregate = aggregate
        self.columns = columns
        self.base = base
        self.transform = transform
        self.label = label
        outputWidth = width
    }
}
