#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scikit-learn SVMs of ``CompositeOperator``: ``CompositeOperator/svmRegressor`` and
/// ``CompositeOperator/svmClassifier`` (their definitions there), as onnxruntime computes them.
extension CompositeExpansion {
    /// ``CompositeOperator/svmRegressor``'s nodes (the attributes as onnxruntime reads them).
    mutating func expandSVMRegressor(_ node: Node, x: String, output: String, shape: (String) -> [Int]?,
                                     fail: (String) -> ONNXError) throws {
        guard let xShape = shape(x), (1 ... 2).contains(xShape.count), let features = xShape.last, features > 0 else {
            throw fail("needs an input of shape [N, F] or [F]")
        }
        guard (node.string("post_transform") ?? "NONE") == "NONE" else { throw fail("post_transform \(node.string("post_transform")!) (NONE only)") }
        let count = node.int("n_supports") ?? 0
        let coefficients = node.floats("coefficients") ?? []
        guard let rho = node.floats("rho"), rho.count == 1 else { throw fail("needs one rho") }
        // Without support vectors the coefficients are the one vector the kernel reads, with weight 1.
        let (vectors, weights): ([Double], [Double])
        if count > 0 {
            guard let given = node.floats("support_vectors"), given.count == count * features, coefficients.count == count else {
                throw fail("needs \(count) support vectors of \(features) features and as many coefficients")
            }
            (vectors, weights) = (given, coefficients)
        } else {
            guard coefficients.count == features else { throw fail("\(coefficients.count) coefficients for \(features) features") }
            (vectors, weights) = (coefficients, [1])
        }
        let n = weights.count
        let input = xShape.count == 2 ? x : emit("Reshape", [x, index([2], [1, features])])
        let kernel = try svmKernels(node, input: input, vectors: vectors, count: n, features: features, fail: fail)
        let scaled = weights.map { $0 * Self.kernelWeight(node) }
        let score = emit("Add", [emit("MatMul", [kernel, constant([n, 1], scaled, .float)]), constant([], [rho[0]], .float)])
        if (node.int("one_class") ?? 0) != 0 {
            let positive = emit("Greater", [score, constant([], [0], .float)])
            finish("Where", [positive, constant([], [1], .float), constant([], [-1], .float)], output)
        } else {
            finish("Identity", [score], output)
        }
    }

    /// ``CompositeOperator/svmClassifier``'s nodes, as onnxruntime 1.31 computes the operator.
    mutating func expandSVMClassifier(_ node: Node, x: String, shape: (String) -> [Int]?, fail: (String) -> ONNXError) throws {
        guard let xShape = shape(x), (1 ... 2).contains(xShape.count), let features = xShape.last, features > 0 else {
            throw fail("needs an input of shape [N, F] or [F]")
        }
        guard node.attributes["classlabels_strings"] == nil else { throw fail("string class labels are not supported (integer labels are)") }
        guard let labels = node.ints("classlabels_ints"), labels.count >= 2 else { throw fail("needs two or more classlabels_ints") }
        guard (node.string("post_transform") ?? "NONE") == "NONE" else { throw fail("post_transform \(node.string("post_transform")!) (NONE only)") }
        let classes = labels.count, pairs = classes * (classes - 1) / 2
        guard let perClass = node.ints("vectors_per_class"), perClass.count == classes, perClass.allSatisfy({ $0 >= 0 }) else {
            throw fail("needs vectors_per_class for the \(classes) classes (without support vectors: not supported)")
        }
        let n = perClass.reduce(0, +)
        guard n > 0, let vectors = node.floats("support_vectors"), vectors.count == n * features,
              let coefficients = node.floats("coefficients"), coefficients.count == (classes - 1) * n,
              let rho = node.floats("rho"), rho.count >= pairs else {
            throw fail("needs \(n) support vectors of \(features) features, \(classes - 1)·\(n) coefficients and \(pairs) rho")
        }
        let probabilityA = node.floats("prob_a") ?? [], probabilityB = node.floats("prob_b") ?? []
        if !probabilityA.isEmpty && classes > 2 {
            throw fail("probability estimates for \(classes) classes (pairwise coupling) are not supported; 2 classes are")
        }
        let input = xShape.count == 2 ? x : emit("Reshape", [x, index([2], [1, features])])
        let kernel = try svmKernels(node, input: input, vectors: vectors, count: n, features: features, fail: fail)
        // One decision per pair (i, j), i < j: class i's vectors weighted by coefficient row j − 1,
        // class j's by row i, plus rho; a positive decision votes for i.
        let starts = perClass.indices.map { perClass[..<$0].reduce(0, +) }
        var pairWeights = [Double](repeating: 0, count: n * pairs)   // [n, pairs]
        var votes = [Double](repeating: 0, count: pairs * classes)   // [pairs, classes]: +1 to i, −1 to j
        var base = [Double](repeating: 0, count: classes)            // each j starts with its pairs' votes
        var p = 0
        for i in 0 ..< classes - 1 {
            for j in i + 1 ..< classes {
                for m in starts[i] ..< starts[i] + perClass[i] { pairWeights[m * pairs + p] = coefficients[(j - 1) * n + m] }
                for m in starts[j] ..< starts[j] + perClass[j] { pairWeights[m * pairs + p] = coefficients[i * n + m] }
                votes[p * classes + i] = 1
                votes[p * classes + j] = -1
                base[j] += 1
                p += 1
            }
        }
        let decisions = emit("Add", [emit("MatMul", [kernel, constant([n, pairs], pairWeights.map { $0 * Self.kernelWeight(node) }, .float)]),
                                     constant([pairs], Array(rho.prefix(pairs)), .float)])                       // [N, pairs]
        let wins = emit("Cast", [emit("Greater", [decisions, constant([], [0], .float)])], attributes: ["to": .int(ElementType.float.rawValue)])
        let tally = emit("Add", [emit("MatMul", [wins, constant([pairs, classes], votes, .float)]), constant([classes], base, .float)])
        let winner = emit("ArgMax", [tally], attributes: ["axis": .int(1), "keepdims": .int(0)])               // the first most voted
        nodes.append(Node(name: prefix, opType: "Gather", inputs: [constant([classes], labels.map(Double.init), .int64), winner],
                          outputs: [node.outputs[0]], attributes: ["axis": .int(0)]))
        guard node.outputs.count > 1, !node.outputs[1].isEmpty else { return }
        let scores = node.outputs[1]
        let scoreNodes: (String, [String], [String: Attribute])
        if !probabilityA.isEmpty {
            // Platt's sigmoid 1 / (1 + exp(A·d + B)) for class 0; class 1 the rest.
            guard probabilityA.count >= 1, probabilityB.count >= 1 else { throw fail("needs prob_a and prob_b") }
            let first = emit("Sigmoid", [emit("Add", [emit("Mul", [decisions, constant([], [-probabilityA[0]], .float)]),
                                                     constant([], [-probabilityB[0]], .float)])])
            let second = emit("Sub", [constant([], [1], .float), first])
            scoreNodes = ("Concat", [first, second], ["axis": .int(1)])
        } else if classes == 2 {
            scoreNodes = ("Concat", [emit("Neg", [decisions]), decisions], ["axis": .int(1)])            // [−d, d]
        } else {
            scoreNodes = ("Identity", [decisions], [:])                                                     // one per pair
        }
        nodes.append(Node(name: "\(prefix)::scores", opType: scoreNodes.0, inputs: scoreNodes.1, outputs: [scores], attributes: scoreNodes.2))
    }

    /// The kernel values `K(x, svₖ)` `[N, count]` of an SVM node (its `kernel_type` and `kernel_params`).
    mutating func svmKernels(_ node: Node, input: String, vectors: [Double], count n: Int, features: Int,
                             fail: (String) -> ONNXError) throws -> String {
        let parameters = node.floats("kernel_params") ?? []
        let gamma = parameters.count > 0 ? parameters[0] : 0, offset = parameters.count > 1 ? parameters[1] : 0
        let degree = parameters.count > 2 ? parameters[2] : 0
        // x·SVᵀ with the kernel's factor folded into the constant: one free MatMul, one rescale.
        func products(_ factor: Double) -> String {
            var transposed = [Double](repeating: 0, count: features * n)   // [F, n]: the support vectors as columns
            for k in 0 ..< n { for f in 0 ..< features { transposed[f * n + k] = factor * vectors[k * features + f] } }
            return emit("MatMul", [input, constant([features, n], transposed, .float)])   // [N, n]
        }
        let kernel: String
        switch node.string("kernel_type") ?? "LINEAR" {
        case "LINEAR": kernel = products(1)
        case "POLY":
            guard degree.rounded() == degree, degree >= 0 else { throw fail("POLY degree \(degree) (a whole number)") }
            kernel = emit("Pow", [emit("Add", [products(gamma), constant([], [offset], .float)]), constant([], [degree], .float)])
        case "SIGMOID": kernel = emit("Tanh", [emit("Add", [products(gamma), constant([], [offset], .float)])])
        case "RBF":
            // −γ‖x − sv‖² = 2γ·x·sv − γ‖x‖² − γ‖sv‖²: the squares of x once per row, the rest constants.
            let squares = emit("ReduceSum", [emit("Mul", [input, input])], attributes: ["axes": .ints([1]), "keepdims": .int(1)])  // [N, 1]
            // exp(e + ln 2^4) = 2^4·exp(e): the kernel values (at most 1) at four more bits of
            // precision for the same constraints (ln 2^4 joins the constant −γ‖sv‖²); the 2^−4 goes
            // into the weights that read them.
            let norms = (0 ..< n).map { k in
                log(Self.kernelGain) - gamma * (0 ..< features).reduce(0.0) { $0 + vectors[k * features + $1] * vectors[k * features + $1] }
            }
            let exponent = emit("Add", [emit("Add", [products(2 * gamma), emit("Mul", [squares, constant([], [-gamma], .float)])]),
                                        constant([n], norms, .float)])
            kernel = emit("Exp", [exponent])
        case let other: throw fail("kernel_type '\(other)' (LINEAR, POLY, RBF, SIGMOID)")
        }
        return kernel
    }

    /// The factor RBF kernel values carry (``svmKernels``), divided out of the weights that read them.
    static let kernelGain = 16.0

    /// What the weights reading `svmKernels`' values are multiplied by.
    static func kernelWeight(_ node: Node) -> Double { node.string("kernel_type") == "RBF" ? 1 / kernelGain : 1 }
}
