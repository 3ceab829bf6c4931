import ZKONNX

extension Quantizer {
    /// Comparisons, logic and `Where` (``LogicOperator``), on booleans at scale 0:
    /// - `Less(a, b)`: `a − b` at the finer of the two scales (a constant quantized at the
    ///   activation's), then ``QuantizedOperation/test(_:)`` `< 0`; `LessOrEqual` `≤ 0`;
    ///   `Greater`, `GreaterOrEqual` the same on `b − a`; `Equal` `= 0`;
    /// - `Not x = 1 − x`, `And = a·b`, `Or = a + b − a·b`, `Xor = a + b − 2a·b` on operands made
    ///   boolean first (`x ≠ 0`, unless a comparison or logic step produced them);
    /// - `Where(c, a, b) = b + c·(a − b)` at the finer scale of `a` and `b`.
    mutating func lowerLogic(_ node: Node, _ operation: LogicOperator) throws {
        let output = node.outputs[0]
        let shape = graph.shapes[output] ?? []
        switch operation {
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal:
            let swapped = operation == .greater || operation == .greaterOrEqual
            let (first, second) = swapped ? (node.input(1), node.input(0)) : (node.input(0), node.input(1))
            let difference = try emitCombination(node, [(first, 1), (second, -1)], output: "\(output)#difference", asActivation: false)
            let test: ZeroTest = operation == .equal ? .zero : operation == .less || operation == .greater ? .negative : .nonPositive
            try append(node, .test(test), inputs: [difference], output: output, shape: shape, scale: 0, bound: 1, isActivation: true)
            booleans.insert(output)
        case .not:
            let x = try boolean(node.input(0), node)
            try append(node, .linearCombination(coefficients: [-1], constant: Tensor(shape: [], scalars: [1])), inputs: [x],
                       output: output, shape: shape, scale: 0, bound: 1, isActivation: true)
            booleans.insert(output)
        case .and, .or, .xor:
            let (a, b) = (try boolean(node.input(0), node), try boolean(node.input(1), node))
            if operation == .and {
                try append(node, .mul, inputs: [a, b], output: output, shape: shape, scale: 0, bound: 1, isActivation: true)
            } else {
                let product = "\(output)#and"
                try append(node, .mul, inputs: [a, b], output: product, shape: shape, scale: 0, bound: 1, isActivation: true)
                try append(node, .linearCombination(coefficients: [1, 1, operation == .or ? -1 : -2], constant: nil), inputs: [a, b, product],
                           output: output, shape: shape, scale: 0, bound: 1, isActivation: true)
            }
            booleans.insert(output)
        case .where:
            let (a, b) = (node.input(1), node.input(2))
            if node.input(0).flatMap({ graph.constants[$0] }) != nil, isActivation(a) || isActivation(b) {
                // A constant condition (an attention mask) only moves data: each element from a or b.
                try lowerRearrange(node)
                return
            }
            let condition = try boolean(node.input(0), node)
            guard isActivation(a) || isActivation(b) else {
                // Both branches constant: c·(a − b) + b with constants at the output's scale.
                let scale = target(output)
                let (qa, qb) = (try quantize(try constant(a, node), scale: scale, node), try quantize(try constant(b, node), scale: scale, node))
                let differenceShape = Broadcast.shape([qa.shape, qb.shape]) ?? qa.shape
                let (ia, ib) = (Broadcast.sourceIndices(from: qa.shape, to: differenceShape), Broadcast.sourceIndices(from: qb.shape, to: differenceShape))
                let multiplier = Tensor(shape: differenceShape, scalars: (0 ..< ia.count).map { qa.scalars[ia[$0]] - qb.scalars[ib[$0]] })
                try append(node, .mulConstant(multiplier: multiplier, bias: qb), inputs: [condition], output: output, shape: shape, scale: scale,
                           bound: maxMagnitude(multiplier.scalars) + maxMagnitude(qb.scalars), isActivation: true)
                return
            }
            let difference = try emitCombination(node, [(a, 1), (b, -1)], output: "\(output)#difference", asActivation: false)
            let scale = scales[difference]!
            let product = "\(output)#selected"
            try append(node, .mul, inputs: [condition, difference], output: product, shape: shape, scale: scale,
                       bound: bounds[difference]!, isActivation: false)
            _ = try emitCombination(node, [(product, 1), (b, 1)], output: output, asActivation: true, scale: scale)
        }
    }

    /// `Σ sign·operand` at the finest scale among the activation operands (or `scale`), constants
    /// quantized at it and folded into the constant term, with broadcasting: the
    /// ``QuantizedOperation/linearCombination(coefficients:constant:)``, its activation inputs, its
    /// scale and its proven bound.
    func combination(_ node: Node, _ terms: [(name: String?, sign: Int64)], scale fixed: Int? = nil) throws
        -> (operation: QuantizedOperation, inputs: [String], scale: Int, bound: Double) {
        let activations = terms.filter { isActivation($0.name) }
        guard !activations.isEmpty else { throw unsupported(node, "no operand depends on the input") }
        let accumulatorScale = fixed ?? activations.map { scales[$0.name!]! }.max()!
        var coefficients: [Int64] = [], inputs: [String] = [], bound = 0.0
        var constantTerm: Tensor<Int64>?
        for term in terms {
            if let name = term.name, isActivation(name) {
                let shift = accumulatorScale - scales[name]!
                guard shift >= 0 && shift < 40 else { throw QuantError.overflow(node: node.name, reason: "operand scales differ by \(shift) bits") }
                coefficients.append(term.sign << shift)
                inputs.append(name)
                bound += FixedPoint.power(shift) * bounds[name]!
            } else {
                let value = try quantize(try constant(term.name, node), scale: accumulatorScale, node)
                let signed = Tensor(shape: value.shape, scalars: value.scalars.map { $0 * term.sign })
                if let previous = constantTerm {
                    let shape = Broadcast.shape([previous.shape, signed.shape]) ?? previous.shape
                    let (ip, isg) = (Broadcast.sourceIndices(from: previous.shape, to: shape), Broadcast.sourceIndices(from: signed.shape, to: shape))
                    constantTerm = Tensor(shape: shape, scalars: (0 ..< ip.count).map { previous.scalars[ip[$0]] + signed.scalars[isg[$0]] })
                } else {
                    constantTerm = signed
                }
                bound += maxMagnitude(signed.scalars)
            }
        }
        return (.linearCombination(coefficients: coefficients, constant: constantTerm), inputs, accumulatorScale, bound)
    }

    /// ``combination(_:_:scale:)`` appended as one step named `output`. Returns its name.
    @discardableResult
    mutating func emitCombination(_ node: Node, _ terms: [(name: String?, sign: Int64)], output: String, asActivation: Bool,
                                  scale fixed: Int? = nil) throws -> String {
        let (operation, inputs, accumulatorScale, bound) = try combination(node, terms, scale: fixed)
        let constantShape: [[Int]] = if case let .linearCombination(_, constant?) = operation { [constant.shape] } else { [] }
        let shape = asActivation && output == node.outputs[0] ? graph.shapes[output] ?? [] :
            (Broadcast.shape(inputs.map(shape(of:)) + constantShape) ?? [])
        try append(node, operation, inputs: inputs, output: output, shape: shape, scale: accumulatorScale,
                   bound: asActivation ? activationBound : bound, isActivation: asActivation)
        return output
    }

    /// `name` as a boolean tensor: itself when a comparison or logic step made it, else `x ≠ 0`
    /// (`1 − [x = 0]`, ONNX's cast to bool), made once.
    mutating func boolean(_ name: String?, _ node: Node) throws -> String {
        let input = try activation(name, node)
        if booleans.contains(input) { return input }
        let key = "\(input)#bool"
        if booleans.contains(key) { return key }
        let shape = self.shape(of: input)
        try append(node, .test(.zero), inputs: [input], output: "\(input)#iszero", shape: shape, scale: 0, bound: 1, isActivation: true)
        try append(node, .linearCombination(coefficients: [-1], constant: Tensor(shape: [], scalars: [1])), inputs: ["\(input)#iszero"],
                   output: key, shape: shape, scale: 0, bound: 1, isActivation: true)
        booleans.insert(key)
        return key
    }
}
