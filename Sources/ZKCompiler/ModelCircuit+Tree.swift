import ZKCircuits
import ZKField
import ZKQuant

extension ModelCircuit {
    /// A tree ensemble (``DecisionForest``), per sample:
    /// 1. per feature, every threshold test `[x_f ≤ T]` at once (``CircuitAPI/thresholdTests(_:thresholds:bits:)``:
    ///    `K + 1` booleans and two range checks for `K` thresholds);
    /// 2. per tree, the indicator `reach(v)` that the sample's path passes node `v`: the root's is
    ///    1; a split `v` with test `b` gives `reach(v)·b` to its true child (one product, free at
    ///    the root) and `reach(v) − reach(v)·b` to its false child; a node with two parents (an
    ///    equality split) sums what it receives;
    /// 3. the columns `base + Σ_leaves weights·reach(leaf)`: linear, the weights being constants
    ///    (``DecisionForest/perTree``: each tree's `Σ_leaves weights·reach(leaf)`, one wire per tree
    ///    and column, for a `MIN`/`MAX` reduction after).
    ///
    /// Soundness: the tests are exact (their gadget), so by induction from the root every `reach`
    /// is 1 on the path the integer walk takes and 0 elsewhere (a product of a 0/1 value and an
    /// exact test); exactly one leaf per tree has reach 1, and the columns are the integer
    /// inference's. Constraints per split: one product (none at a root) plus its share of its
    /// feature's tests (one boolean per distinct threshold).
    func lowerTreeEnsemble<API: CompilerAPI>(_ forest: DecisionForest, _ operands: [LoweredTensor<API.Signal>],
                                             into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        let width = forest.featureCount
        let samples = x.values.count / max(width, 1)
        let one = BN254.Fr.one
        result.values = []
        result.values.reserveCapacity(samples * forest.columns)
        for n in 0 ..< samples {
            let features = Array(x.values[n * width ..< (n + 1) * width])
            let tests: [[API.Signal]] = api.withLabel("sample \(n) thresholds") {
                forest.thresholds.enumerated().map { f, thresholds in
                    thresholds.isEmpty ? [] : api.withLabel("feature \(f)") {
                        // x is x.bound bits; a wider n also holds it, and must hold every threshold.
                        let n = max(x.bound, 2, Self.bitsNeeded(thresholds.first!), Self.bitsNeeded(thresholds.last! + 1))
                        return api.thresholdTests(features[f], thresholds: thresholds, bits: n)
                    }
                }
            }
            // Each column as terms over reach signals, plus the base.
            var terms = [[(API.Signal, BN254.Fr)]](repeating: [], count: forest.columns)
            for (t, tree) in forest.trees.enumerated() {
                if forest.perTree { terms = [[(API.Signal, BN254.Fr)]](repeating: [], count: forest.columns) }
                api.withLabel("sample \(n) tree \(t)") {
                    // reach[v]: terms summed from the parents; nil for the root (the constant 1).
                    var reach = [[(API.Signal, BN254.Fr)]?](repeating: [], count: tree.count)
                    reach[0] = nil
                    for (v, node) in tree.enumerated() {
                        let incoming = reach[v]
                        switch node {
                        case let .split(feature, threshold, whenTrue, whenFalse):
                            let test = tests[feature][threshold]
                            guard let incoming else {
                                reach[whenTrue]!.append((test, one))
                                reach[whenFalse]!.append(contentsOf: [(api.constant(one), one), (test, -one)])
                                continue
                            }
                            let path = api.linearCombination(incoming, constant: .zero)
                            let taken = api.mul(path, test)
                            reach[whenTrue]!.append((taken, one))
                            reach[whenFalse]!.append(contentsOf: incoming + [(taken, -one)])
                        case let .leaf(weights):
                            for (column, weight) in weights.enumerated() where weight != 0 {
                                let w = Self.field(weight)
                                if let incoming { terms[column] += incoming.map { ($0.0, $0.1 * w) } }
                                else { terms[column].append((api.constant(one), w)) }
                            }
                        }
                    }
                    guard forest.perTree else { return }
                    for column in 0 ..< forest.columns {
                        let sum = api.linearCombination(terms[column], constant: .zero)
                        result.values.append(api.withLabel("column \(column)") { materialized(sum, on: api) })
                    }
                }
            }
            if forest.perTree { continue }
            for column in 0 ..< forest.columns {
                // One wire per column: its readers (a table, a test, the output) each repeat it otherwise.
                let sum = api.linearCombination(terms[column], constant: Self.field(forest.base[column]))
                result.values.append(api.withLabel("sample \(n) column \(column)") { materialized(sum, on: api) })
            }
        }
        // |column| ≤ the forest's static bound.
        result.bound = Self.bitsNeeded(forest.bound)
    }
}
