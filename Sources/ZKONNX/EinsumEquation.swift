/// An `Einsum` equation resolved against its operands' shapes: each operand's axes as labels,
/// the output's labels and every label's size.
///
/// `y[out] = Σ over every other label of Π_i x_i[labels_i]`, the numpy/ONNX convention: letters
/// name axes, a letter repeated in one operand takes its diagonal, letters absent from the output
/// are summed, `...` stands for the same leading broadcast axes in every operand (numpy
/// broadcasting, size 1 against n), and without `->` the output is `...` followed by the letters
/// that appear once, in alphabetical order.
public struct EinsumEquation: Sendable, Equatable {
    /// Each operand's axes as label numbers (a repeated label: a diagonal).
    public var operands: [[Int]]
    /// Each operand's axis sizes (1 on a broadcast `...` axis).
    public var operandShapes: [[Int]]
    /// The output's labels (distinct).
    public var output: [Int]
    /// Every label's size.
    public var sizes: [Int]

    /// Parses `equation` for operands of `shapes`.
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` naming the node for a malformed
    ///   equation, a label whose sizes disagree, or an operand count or rank that does not match.
    public init(_ equation: String, shapes: [[Int]], node: Node) throws {
        func invalid(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        let text = equation.filter { !$0.isWhitespace }
        let sides = text.components(separatedBy: "->")
        guard sides.count <= 2 else { throw invalid("equation '\(equation)' has more than one '->'") }
        let terms = sides[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard terms.count == shapes.count else { throw invalid("equation '\(equation)' has \(terms.count) operands, the node \(shapes.count)") }
        // Parse a term into letters and the position of its ellipsis.
        func parse(_ term: String) throws -> (letters: [Character], ellipsis: Int?) {
            var letters: [Character] = [], ellipsis: Int?
            var rest = Substring(term)
            while let c = rest.first {
                if rest.hasPrefix("...") {
                    guard ellipsis == nil else { throw invalid("equation '\(equation)' has two ellipses in one term") }
                    ellipsis = letters.count
                    rest = rest.dropFirst(3)
                } else if c.isASCII && c.isLetter {
                    letters.append(c)
                    rest = rest.dropFirst()
                } else {
                    throw invalid("equation '\(equation)': '\(c)' is not a letter or '...'")
                }
            }
            return (letters, ellipsis)
        }
        let parsed = try terms.map(parse)
        // The broadcast axes: as many as the widest ellipsis, labelled 0..<E (after the letters).
        var broadcastRank = 0
        for (term, shape) in zip(parsed, shapes) {
            if term.ellipsis == nil {
                guard shape.count == term.letters.count else { throw invalid("operand of shape \(shape) for term of \(term.letters.count) axes") }
            } else {
                guard shape.count >= term.letters.count else { throw invalid("operand of shape \(shape) for term of \(term.letters.count)+ axes") }
                broadcastRank = max(broadcastRank, shape.count - term.letters.count)
            }
        }
        var letterLabel: [Character: Int] = [:]
        var sizes = [Int](repeating: 1, count: broadcastRank)
        var known = [Bool](repeating: false, count: broadcastRank)
        func label(_ c: Character) -> Int {
            if let l = letterLabel[c] { return l }
            letterLabel[c] = sizes.count
            sizes.append(1)
            known.append(false)
            return sizes.count - 1
        }
        var operands: [[Int]] = [], operandShapes: [[Int]] = []
        for (term, shape) in zip(parsed, shapes) {
            var labels = term.letters.map(label)
            if let at = term.ellipsis {
                let width = shape.count - term.letters.count
                labels.insert(contentsOf: (broadcastRank - width)..<broadcastRank, at: at)
            }
            for (axis, l) in labels.enumerated() {
                let n = shape[axis]
                if l < broadcastRank {  // numpy broadcasting on the ellipsis axes
                    if n != 1 {
                        guard sizes[l] == 1 || sizes[l] == n else { throw invalid("broadcast axes of sizes \(sizes[l]) and \(n) in '\(equation)'") }
                        sizes[l] = n
                    }
                } else {
                    guard !known[l] || sizes[l] == n else { throw invalid("a label of sizes \(sizes[l]) and \(n) in '\(equation)'") }
                    sizes[l] = n
                    known[l] = true
                }
            }
            operands.append(labels)
            operandShapes.append(shape)
        }
        var output: [Int]
        if sides.count == 2 {
            let term = try parse(sides[1])
            guard term.ellipsis != nil || broadcastRank == 0 else {
                throw invalid("equation '\(equation)': the output must keep the '...' axes")
            }
            output = []
            for c in term.letters {
                guard let l = letterLabel[c] else { throw invalid("equation '\(equation)': output label '\(c)' is in no operand") }
                guard !output.contains(l) else { throw invalid("equation '\(equation)': output label '\(c)' repeats") }
                output.append(l)
            }
            if let at = term.ellipsis { output.insert(contentsOf: 0..<broadcastRank, at: at) }
        } else {
            var counts: [Character: Int] = [:]
            for term in parsed { for c in term.letters { counts[c, default: 0] += 1 } }
            output = Array(0..<broadcastRank) + counts.filter { $0.value == 1 }.keys.sorted().map { letterLabel[$0]! }
        }
        self.operands = operands
        self.operandShapes = operandShapes
        self.output = output
        self.sizes = sizes
        let limit = Graph.maximumElementCount
        guard sizes.allSatisfy({ $0 >= 0 && $0 <= limit }), outputShape.reduce(1, *) <= limit,
              sizes.reduce(1.0, { $0 * Double(max($1, 1)) }) <= Double(limit) else {
            throw invalid("equation '\(equation)' spans more than \(limit) index combinations (--max-tensor-elements)")
        }
    }

    public var outputShape: [Int] { output.map { sizes[$0] } }

    /// The flat index into operand `i` for a value per label (`values[label]`); a broadcast axis
    /// of size 1 reads position 0.
    public func index(operand i: Int, values: [Int]) -> Int {
        var flat = 0
        for (axis, l) in operands[i].enumerated() {
            let n = operandShapes[i][axis]
            flat = flat * n + (n == 1 ? 0 : values[l])
        }
        return flat
    }

    /// Calls `body` with every assignment of values to `labels` (row-major: the last label fastest),
    /// the other labels' values left as in `base`.
    public func forEach(_ labels: [Int], base: [Int], _ body: (_ values: [Int]) throws -> Void) rethrows {
        var values = base
        if labels.contains(where: { sizes[$0] == 0 }) { return }
        for l in labels { values[l] = 0 }
        while true {
            try body(values)
            var axis = labels.count - 1
            while axis >= 0 {
                values[labels[axis]] += 1
                if values[labels[axis]] < sizes[labels[axis]] { break }
                values[labels[axis]] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}
