/// An `ai.onnx.ml` LinearClassifier read once: the columns `x·W + intercepts` (`W` is
/// `[features, targets]`, the transposed `coefficients`), how they become the scores output and the
/// label, in onnxruntime's reading (checked against onnxruntime 1.31 case by case):
/// - one target (two class labels required): the label is `labels[1]` when the column is `> 0`;
///   the scores are `[σ(−s), σ(s)]` with `post_transform` LOGISTIC and `[1 − s, s]` with any other;
/// - several targets (one per label): the label of the first largest column; the scores the
///   `post_transform` of the columns (NONE, LOGISTIC, SOFTMAX, SOFTMAX_ZERO).
/// PROBIT and string labels are refused by name.
public struct LinearClassifier: Sendable, Equatable {
    public let weights: Tensor<Double>
    public let intercepts: [Double]
    public let transform: TreeEnsemble.Transform
    public let label: TreeEnsemble.LabelRule

    public init(_ node: Node, features: Int) throws(ONNXError) {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        if node.attributes["classlabels_strings"] != nil {
            throw .unsupportedAttribute(node: node.name, opType: node.opType, reason: "string class labels (classlabels_strings): export integer labels")
        }
        let labels = (node.ints("classlabels_ints") ?? []).map(Int64.init)
        let coefficients = node.floats("coefficients") ?? []
        guard features >= 1, !coefficients.isEmpty, coefficients.count % features == 0 else {
            throw fail("\(coefficients.count) coefficients for \(features) features")
        }
        let targets = coefficients.count / features
        let intercepts = node.floats("intercepts") ?? Array(repeating: 0, count: targets)
        guard intercepts.count == targets else { throw fail("\(intercepts.count) intercepts for \(targets) targets") }
        let post = node.string("post_transform") ?? "NONE"
        guard let transform = TreeEnsemble.Transform(rawValue: post), [.none, .logistic, .softmax, .softmaxZero].contains(transform) else {
            throw .unsupportedAttribute(node: node.name, opType: node.opType, reason: "post_transform \(post) (NONE, LOGISTIC, SOFTMAX and SOFTMAX_ZERO are read)")
        }
        if targets == 1 {
            guard labels.count == 2 else { throw fail("one target needs two class labels, got \(labels.count)") }
            self.transform = transform == .logistic ? .logisticPair : .complementPair
            self.label = .threshold(column: 0, above: 0, labels: labels)
        } else {
            guard labels.count == targets else { throw fail("\(labels.count) class labels for \(targets) targets") }
            self.transform = transform
            self.label = .argMax(columns: Array(0 ..< targets), labels: labels)
        }
        self.weights = Tensor(shape: [features, targets], scalars: (0 ..< features * targets).map { i in coefficients[(i % targets) * features + i / targets] })
        self.intercepts = intercepts
    }

    /// The number of columns.
    public var targets: Int { intercepts.count }

    /// The labels `[N]` and the scores `[N, width]` for `x` (`[N, F]` or `[F]`).
    public func evaluate(_ x: Tensor<Double>) -> (labels: Tensor<Double>, scores: Tensor<Double>) {
        let features = weights.shape[0], samples = x.count / max(features, 1)
        var labels: [Double] = [], scores: [Double] = []
        for n in 0 ..< samples {
            let columns = (0 ..< targets).map { t in
                (0 ..< features).reduce(intercepts[t]) { $0 + x.scalars[n * features + $1] * weights.scalars[$1 * targets + t] }
            }
            labels.append(Double(label.label(columns)))
            scores += transform.apply(columns)
        }
        return (Tensor(shape: [samples], scalars: labels), Tensor(shape: [samples, scores.count / max(samples, 1)], scalars: scores))
    }
}
