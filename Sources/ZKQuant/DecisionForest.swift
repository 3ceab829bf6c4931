/// A tree ensemble in integers: ``QuantizedOperation/treeEnsemble(_:)``'s parameters.
///
/// Every split is the one test `x[feature] ≤ T` against an integer threshold `T` of its feature
/// (the quantizer turns `<`, `≥`, `>`, `=` and `≠` on the real thresholds into it, see
/// docs/quantization.md), so the circuit proves each feature's position among its sorted
/// thresholds once and reads every split of every tree off it.
public struct DecisionForest: Sendable, Equatable {
    /// A node of one tree. Children have larger indices than their parent (the root is node 0);
    /// a node may have two parents (an equality split is two `≤` splits sharing a child).
    public enum Node: Sendable, Equatable {
        /// To `whenTrue` when `x[feature] ≤ thresholds[feature][threshold]`, else to `whenFalse`.
        case split(feature: Int, threshold: Int, whenTrue: Int, whenFalse: Int)
        /// Adds `weights` (one per column, at the output's scale) to the columns.
        case leaf(weights: [Int64])
    }

    /// Per feature, its thresholds in increasing order, distinct, each in
    /// `[−2^(n−1), 2^(n−1) − 2]` for the input's signed width `n` (a test against a threshold outside
    /// that range is constant and was resolved by the quantizer).
    public var thresholds: [[Int64]]
    public var trees: [[Node]]
    /// Added to each column (only to the sums: ``perTree`` output has no base).
    public var base: [Int64]
    /// When set, the output is each tree's weights separately, `[samples, trees, columns]`, without
    /// the base: what a `MIN` or `MAX` aggregate then reduces over the trees.
    public var perTree: Bool

    public init(thresholds: [[Int64]], trees: [[Node]], base: [Int64], perTree: Bool = false) {
        (self.thresholds, self.trees, self.base, self.perTree) = (thresholds, trees, base, perTree)
    }

    /// The number of output columns.
    public var columns: Int { base.count }
    /// The number of input features (the input's last axis).
    public var featureCount: Int { thresholds.count }
    /// The number of split nodes over all trees.
    public var splitCount: Int { trees.reduce(0) { $0 + $1.filter { if case .split = $0 { true } else { false } }.count } }

    /// A bound on every output's magnitude: the base plus, per tree, its largest leaf weight (with
    /// ``perTree``, the largest leaf weight).
    public var bound: Int64 {
        let largest = trees.map { tree in
            tree.reduce(UInt64(0)) { if case let .leaf(weights) = $1 { max($0, weights.map(\.magnitude).max() ?? 0) } else { $0 } }
        }
        if perTree { return Int64(clamping: largest.max() ?? 0) }
        return Int64(clamping: largest.reduce(base.map(\.magnitude).max() ?? 0, +))
    }

    /// The outputs for one sample: every tree walked from its root, the weights of the leaves
    /// reached summed, plus the base (with ``perTree``, the weights of each tree's leaf in turn).
    public func columns(for x: ArraySlice<Int64>) -> [Int64] {
        var total = perTree ? [] : base
        for tree in trees {
            var index = 0
            while case let .split(feature, threshold, whenTrue, whenFalse) = tree[index] {
                index = x[x.startIndex + feature] <= thresholds[feature][threshold] ? whenTrue : whenFalse
            }
            guard case let .leaf(weights) = tree[index] else { continue }
            if perTree {
                total += weights.isEmpty ? Array(repeating: 0, count: columns) : weights
            } else {
                for (column, weight) in weights.enumerated() { total[column] &+= weight }
            }
        }
        return total
    }

    /// One line for reports: trees, splits, thresholds and columns.
    public var summary: String {
        "\(trees.count) trees\(perTree ? " (each tree's weights)" : ""), \(splitCount) splits on \(thresholds.filter { !$0.isEmpty }.count) features "
            + "(\(thresholds.reduce(0) { $0 + $1.count }) thresholds), \(columns) columns"
    }
}
