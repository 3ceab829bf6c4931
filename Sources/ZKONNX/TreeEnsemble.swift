/// The meaning of an `ai.onnx.ml` `TreeEnsembleClassifier` or `TreeEnsembleRegressor` node (opsets 1
/// and 3: the float attributes or their `*_as_tensor` forms) or `TreeEnsemble` node (opset 5), read
/// once from its attributes and normalised so that the float reference and the quantizer share one
/// reading.
///
/// A sample `x` (the last axis of the input) walks every tree from its root: a split sends it to
/// `whenTrue` when `x[feature] <comparison> threshold` holds, else to `whenFalse`; the leaf reached
/// gives its weights to the ``columns`` score columns. The columns are then `Σ_trees leaf + base`
/// (``aggregate`` `MIN` and `MAX`: the smallest or largest weight the trees give the column plus the
/// base; where no tree gives the column a weight, the base when it is the only column, else `0`, as
/// onnxruntime computes it), after which ``transform`` gives the scores output and
/// ``label`` the classifier's label.
///
/// onnxruntime's aggregation (`tree_ensemble_aggregator.h`, `ml_common.h`) has special cases for two
/// classes that decide how many score columns there are, which base value is added and how the
/// label is chosen; they are resolved here, statically, into linear maps folded into the leaf
/// weights and the base (so every column stays a sum of leaf weights plus a constant):
/// - more than two classes: a column per class, the label the first class of largest score
///   (among the classes that have weights or a base value);
/// - two classes and weights for one class id only (scikit-learn's binary trees): one column `s`;
///   the label is the second class when `s > 0.5` (every weight ≥ 0) or `s > 0` (mixed signs);
///   the two scores are `[σ(−s), σ(s)]` under `LOGISTIC`, else `[1 − s, s]` (every weight ≥ 0) or
///   `[−s, s]` (mixed signs) — what onnxruntime 1.31 outputs (checked by Circuits/trees);
/// - two classes weighted both: two columns transformed together, the label `1` when the second
///   column (or the first, when the second has no weights) is positive, else `0`, as onnxruntime
///   does (its literal labels, not `classlabels_int64s`); with two base values and weights on the
///   second class, onnxruntime scores `[−(b₁ + Σ₀), b₁ + Σ₀]`, and so does this reading.
///
/// A regressor's column that no leaf reached gives a weight is, as onnxruntime computes it, the base
/// when there is one column and 0 when there are more, for every aggregate (decided per sample). A
/// classifier's class has weights when any leaf names it (onnxruntime decides per sample, from the
/// leaves reached: the two differ only when a class has weights in some leaves and none in a leaf
/// a sample reaches, which scikit-learn's exports never make). `AVERAGE` divides the leaf weights by
/// the tree count. Not read: `PROBIT`, string class labels and missing-value tracking (inputs are
/// finite).
public struct TreeEnsemble: Sendable, Equatable {
    /// How a split compares a feature with its threshold (`nodes_modes`).
    public enum Comparison: String, Sendable, Equatable {
        case lessOrEqual = "BRANCH_LEQ", less = "BRANCH_LT", greaterOrEqual = "BRANCH_GTE", greater = "BRANCH_GT"
        case equal = "BRANCH_EQ", notEqual = "BRANCH_NEQ"

        /// `value <comparison> threshold`.
        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .lessOrEqual: value <= threshold
            case .less: value < threshold
            case .greaterOrEqual: value >= threshold
            case .greater: value > threshold
            case .equal: value == threshold
            case .notEqual: value != threshold
            }
        }
    }

    /// A node of one tree; children are indices into the same tree's nodes, always larger than the
    /// parent's (the root is node 0).
    public enum TreeNode: Sendable, Equatable {
        case split(feature: Int, comparison: Comparison, threshold: Double, whenTrue: Int, whenFalse: Int)
        /// To `whenTrue` when `x[feature]` is one of `members` (opset 5's `BRANCH_MEMBER`), else to `whenFalse`.
        case member(feature: Int, members: [Double], whenTrue: Int, whenFalse: Int)
        /// The weight given to each score column; `nil` where the leaf gives that column none (left
        /// out of the aggregate; a classifier's leaves have none).
        case leaf(weights: [Double?])
    }

    /// How the weights the trees give a column combine (`aggregate_function`; `AVERAGE` is a sum
    /// of weights divided by the tree count).
    public enum Aggregate: Sendable, Equatable {
        case sum, minimum, maximum
    }

    /// What turns the columns into the scores output.
    public enum Transform: String, Sendable, Equatable {
        case none = "NONE", logistic = "LOGISTIC", softmax = "SOFTMAX", softmaxZero = "SOFTMAX_ZERO"
        /// One column `s` → `[1 − s, s]`.
        case complementPair
        /// One column `s` → `[−s, s]`.
        case negatedPair
        /// One column `s` → `[σ(−s), σ(s)]`.
        case logisticPair

        /// The scores for one sample's columns.
        public func apply(_ columns: [Double]) -> [Double] {
            switch self {
            case .none: return columns
            case .logistic: return columns.map(TreeEnsemble.logistic)
            case .softmax:
                let top = columns.max() ?? 0
                let exps = columns.map { exp($0 - top) }
                let sum = exps.reduce(0, +)
                return exps.map { $0 / sum }
            case .softmaxZero:
                // onnxruntime's SOFTMAX_ZERO: a zero stays zero (scaled by e^(−max)) and is left out of the sum.
                let top = columns.max() ?? 0
                var sum = 0.0
                let values = columns.map { value -> Double in
                    if value > 1e-7 || value < -1e-7 {
                        let e = exp(value - top)
                        sum += e
                        return e
                    }
                    return value * exp(-top)
                }
                return values.map { $0 / sum }
            case .complementPair: return [1 - columns[0], columns[0]]
            case .negatedPair: return [-columns[0], columns[0]]
            case .logisticPair: return [TreeEnsemble.logistic(-columns[0]), TreeEnsemble.logistic(columns[0])]
            }
        }
    }

    /// How a classifier picks its label from the columns.
    public enum LabelRule: Sendable, Equatable {
        /// The label of the first largest column among `columns` (`labels[i]` for `columns[i]`).
        case argMax(columns: [Int], labels: [Int64])
        /// `labels[1]` when `column > above`, else `labels[0]`.
        case threshold(column: Int, above: Double, labels: [Int64])

        /// The label for one sample's columns.
        public func label(_ columns: [Double]) -> Int64 {
            switch self {
            case let .argMax(candidates, labels):
                var best = 0
                for i in candidates.indices where columns[candidates[i]] > columns[candidates[best]] { best = i }
                return labels[best]
            case let .threshold(column, above, labels):
                return columns[column] > above ? labels[1] : labels[0]
            }
        }
    }

    /// The trees, each with its root at index 0.
    public var trees: [[TreeNode]]
    /// The number of score columns.
    public var columns: Int
    /// How each column combines the weights of the leaves reached.
    public var aggregate: Aggregate = .sum
    /// Added to each column.
    public var base: [Double]
    public var transform: Transform
    /// The label rule of a classifier; `nil` for a regressor.
    public var label: LabelRule?
    /// The width of the scores output: the class count, or the target count.
    public var outputWidth: Int

    /// The largest feature index a split reads, plus one (0 for trees that are only leaves).
    public var featureCount: Int {
        trees.flatMap { $0 }.reduce(0) { max($0, ($1.feature ?? -1) + 1) }
    }

    /// The columns for one sample: the weights of the leaf each tree reaches, aggregated, plus the
    /// base; a column no leaf reached gives a weight is the base when it is the only column, else 0.
    public func columns(for x: ArraySlice<Double>) -> [Double] {
        var total = [Double?](repeating: nil, count: columns)
        for tree in trees {
            guard case let .leaf(weights) = tree[leafIndex(tree, x)] else { continue }
            for (column, weight) in weights.enumerated() {
                guard let weight else { continue }
                total[column] = switch (aggregate, total[column]) {
                case (_, nil): weight
                case let (.sum, sum?): sum + weight
                case let (.minimum, least?): Swift.min(least, weight)
                case let (.maximum, most?): Swift.max(most, weight)
                }
            }
        }
        // No weight: the base alone for one column, 0 for more (onnxruntime's reading).
        return zip(total, base).map { weight, base in weight.map { $0 + base } ?? (columns == 1 ? base : 0) }
    }

    /// The index of the leaf `x` reaches in `tree`.
    public func leafIndex(_ tree: [TreeNode], _ x: ArraySlice<Double>) -> Int {
        var index = 0
        while true {
            switch tree[index] {
            case let .split(feature, comparison, threshold, whenTrue, whenFalse):
                index = comparison.holds(x[x.startIndex + feature], threshold) ? whenTrue : whenFalse
            case let .member(feature, members, whenTrue, whenFalse):
                index = members.contains(x[x.startIndex + feature]) ? whenTrue : whenFalse
            case .leaf: return index
            }
        }
    }

    /// The scores output for one sample's columns (``transform`` applied).
    public func scores(_ columns: [Double]) -> [Double] { transform.apply(columns) }

    /// The label for one sample's columns.
    public func label(_ columns: [Double]) -> Int64? { label?.label(columns) }

    static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Evaluates the node on `x` (`[N, F]`, or `[F]` for one sample): the label tensor `[N]` (a
    /// classifier's) and the scores `[N, outputWidth]`.
    public func evaluate(_ x: Tensor<Double>) throws(TreeEnsembleError) -> (labels: Tensor<Double>?, scores: Tensor<Double>) {
        let width = x.shape.last ?? 1
        let samples = x.rank <= 1 ? 1 : x.count / max(width, 1)
        guard featureCount <= width else { throw .featureOutOfRange(needed: featureCount, width: width) }
        var labels: [Double] = [], scores: [Double] = []
        for n in 0 ..< samples {
            let values = columns(for: x.scalars[n * width ..< (n + 1) * width])
            scores += self.scores(values)
            if let value = label(values) { labels.append(Double(value)) }
        }
        return (label == nil ? nil : Tensor(shape: [samples], scalars: labels), Tensor(shape: [samples, outputWidth], scalars: scores))
    }
}

extension TreeEnsemble.TreeNode {
    /// The feature a split reads; `nil` for a leaf.
    public var feature: Int? {
        switch self {
        case let .split(feature, _, _, _, _), let .member(feature, _, _, _): feature
        case .leaf: nil
        }
    }
}

/// Why a sample cannot be evaluated (the caller names the node).
public enum TreeEnsembleError: Error, Equatable {
    case featureOutOfRange(needed: Int, width: Int)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
