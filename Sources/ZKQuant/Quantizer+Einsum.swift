import ZKONNX

extension Quantizer {
    /// One operand of an `Einsum` lowering: an activation (by name) or a constant, and its axes' labels.
    private struct EinsumTerm {
        var name: String?
        var constant: Tensor<Double>?
        var labels: [Int]
        var dims: [Int]

        /// The flat index of the element the label values name (a size-1 broadcast axis reads 0).
        func index(_ values: [Int]) -> Int {
            var flat = 0
            for (axis, l) in labels.enumerated() { flat = flat * dims[axis] + (dims[axis] == 1 ? 0 : values[l]) }
            return flat
        }

        var distinctLabels: [Int] {
            var seen: [Int] = []
            for l in labels where !seen.contains(l) { seen.append(l) }
            return seen
        }
    }

    /// `Einsum` (``ZKONNX/EinsumEquation``): operands folded left to right, each pair contracted
    /// over the labels no later operand nor the output needs. A contraction lays both operands out
    /// as rows `[O, K]` (output element × contracted index; `rearrange`, free) — labels only one
    /// operand carries summed first (`windowSum`, free), diagonals read in place — then:
    /// two activations: `mul`, one product constraint per term (`O·K`, as a batched MatMul), and
    /// `windowSum`; an activation and a constant: `mulConstant` and `windowSum`, free; then one
    /// `rescale`. One operand: a `rearrange` (transpose, diagonal) and a `windowSum` over the
    /// labels the output drops.
    mutating func lowerEinsum(_ node: Node) throws {
        guard let text = node.string("equation") else { throw unsupported(node, "missing the equation attribute") }
        let names = node.inputs
        var shapes: [[Int]] = []
        for name in names {
            if isActivation(name) { shapes.append(shape(of: name)) } else { shapes.append(try constant(name, node).shape) }
        }
        let equation: EinsumEquation
        do { equation = try EinsumEquation(text, shapes: shapes, node: node) } catch let error as ONNXError { throw QuantError.onnx(error) }
        var terms: [EinsumTerm] = []
        for (i, name) in names.enumerated() {
            let isLive = isActivation(name)
            terms.append(EinsumTerm(name: isLive ? name : nil, constant: isLive ? nil : try constant(name, node),
                                    labels: equation.operands[i], dims: equation.operandShapes[i]))
        }
        guard terms.contains(where: { $0.name != nil }) else { throw unsupported(node, "no operand depends on the input") }
        let output = node.outputs[0]
        guard terms.count > 1 else {
            _ = try einsumReduce(node, equation, terms[0], to: equation.output, output: output, shape: equation.outputShape)
            return
        }
        var current = terms[0]
        for i in 1 ..< terms.count {
            let last = i == terms.count - 1
            let keep = Set(equation.output).union(terms[(i + 1)...].flatMap(\.labels))
            current = try einsumContract(node, equation, current, terms[i], keep: keep, order: last ? equation.output : nil,
                                         output: last ? output : "\(output)#einsum\(i)")
        }
    }

    /// `term` summed over every label not in `target` (diagonals read in place), laid out in
    /// `target`'s order: a `rearrange`, and a `windowSum` when something is summed.
    private mutating func einsumReduce(_ node: Node, _ equation: EinsumEquation, _ term: EinsumTerm, to target: [Int],
                                       output: String, shape: [Int]) throws -> EinsumTerm {
        let summed = term.distinctLabels.filter { !target.contains($0) }
        let width = summed.reduce(1) { $0 * equation.sizes[$1] }
        let result = EinsumTerm(name: output, constant: nil, labels: target, dims: target.map { equation.sizes[$0] })
        if let constant = term.constant {
            var values = [Double](repeating: 0, count: shape.reduce(1, *))
            var row = 0
            equation.forEach(target, base: Array(repeating: 0, count: equation.sizes.count)) { outer in
                equation.forEach(summed, base: outer) { values[row] += constant.scalars[term.index($0)] }
                row += 1
            }
            return EinsumTerm(name: nil, constant: Tensor(shape: shape, scalars: values), labels: target, dims: result.dims)
        }
        let input = term.name!
        var sources: [Int] = []
        equation.forEach(target, base: Array(repeating: 0, count: equation.sizes.count)) { outer in
            equation.forEach(summed, base: outer) { sources.append(term.index($0)) }
        }
        let (scale, bound) = (scales[input]!, bounds[input]!)
        if width == 1 {
            try append(node, .rearrange(sources: sources, constants: []), inputs: [input], output: output, shape: shape,
                       scale: scale, bound: bound, isActivation: true)
            return result
        }
        let rows = shape.reduce(1, *), laid = "\(output)#rows"
        try append(node, .rearrange(sources: sources, constants: []), inputs: [input], output: laid, shape: [rows, width],
                   scale: scale, bound: bound, isActivation: false)
        let (windows, _) = Windows.reduction(shape: [rows, width], axes: [1], keepDims: false)
        try emitAccumulated(node, .windowSum(windows), inputs: [laid], accumulatorScale: scale, bound: Double(width) * bound,
                            output: output, shape: shape)
        return result
    }

    /// `a` and `b` contracted over their shared labels not in `keep`; the result carries the labels
    /// of `keep` they hold, in `order` when given (the output's), else as they first appear.
    private mutating func einsumContract(_ node: Node, _ equation: EinsumEquation, _ a: EinsumTerm, _ b: EinsumTerm,
                                         keep: Set<Int>, order: [Int]?, output: String) throws -> EinsumTerm {
        // Labels only one side carries (and the output drops) are summed on that side first.
        func prepared(_ term: EinsumTerm, other: EinsumTerm, tag: String) throws -> EinsumTerm {
            let needed = term.distinctLabels.filter { keep.contains($0) || other.labels.contains($0) }
            guard needed.count < term.labels.count else { return term }  // nothing summed alone, no diagonal
            return try einsumReduce(node, equation, term, to: needed, output: "\(output)#\(tag)",
                                    shape: needed.map { equation.sizes[$0] })
        }
        let left = try prepared(a, other: b, tag: "left"), right = try prepared(b, other: a, tag: "right")
        let resultLabels = order ?? (left.distinctLabels + right.distinctLabels).reduce(into: [Int]()) { labels, l in
            if keep.contains(l) && !labels.contains(l) { labels.append(l) }
        }
        let contracted = left.distinctLabels.filter { right.labels.contains($0) && !resultLabels.contains($0) }
        let shape = resultLabels.map { equation.sizes[$0] }
        let (rows, width) = (shape.reduce(1, *), contracted.reduce(1) { $0 * equation.sizes[$1] })
        let result = EinsumTerm(name: output, constant: nil, labels: resultLabels, dims: shape)
        func layout(_ term: EinsumTerm) -> [Int] {
            var sources: [Int] = []
            sources.reserveCapacity(rows * width)
            equation.forEach(resultLabels, base: Array(repeating: 0, count: equation.sizes.count)) { outer in
                equation.forEach(contracted, base: outer) { sources.append(term.index($0)) }
            }
            return sources
        }
        let laidShape = [rows, width]
        let (windows, _) = Windows.reduction(shape: laidShape, axes: [1], keepDims: false)
        switch (left.name, right.name) {
        case let (x?, y?):
            let (laidX, laidY, products) = ("\(output)#x", "\(output)#y", "\(output)#products")
            try append(node, .rearrange(sources: layout(left), constants: []), inputs: [x], output: laidX, shape: laidShape,
                       scale: scales[x]!, bound: bounds[x]!, isActivation: false)
            try append(node, .rearrange(sources: layout(right), constants: []), inputs: [y], output: laidY, shape: laidShape,
                       scale: scales[y]!, bound: bounds[y]!, isActivation: false)
            let scale = scales[x]! + scales[y]!, bound = bounds[x]! * bounds[y]!
            try append(node, .mul, inputs: [laidX, laidY], output: products, shape: laidShape, scale: scale, bound: bound, isActivation: false)
            try emitAccumulated(node, .windowSum(windows), inputs: [products], accumulatorScale: scale, bound: Double(width) * bound,
                                output: output, shape: shape)
        case (nil, nil):
            throw unsupported(node, "a contraction of two constants (fold it before export)")
        default:
            let (live, fixed) = left.name != nil ? (left, right) : (right, left)
            let x = live.name!
            let laid = "\(output)#x", products = "\(output)#products"
            try append(node, .rearrange(sources: layout(live), constants: []), inputs: [x], output: laid, shape: laidShape,
                       scale: scales[x]!, bound: bounds[x]!, isActivation: false)
            try emitWeightedRowSums(node, laid, weights: layout(fixed).map { fixed.constant!.scalars[$0] }, width: width,
                                    bound: bounds[x]!, products: products, output: output, shape: shape)
        }
        return result
    }
}
