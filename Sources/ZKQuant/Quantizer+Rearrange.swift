import ZKONNX

extension Quantizer {
    /// Lowers a data-movement node to one `rearrange` step.
    ///
    /// The source map is computed by running the float reference of the node on *labels*: every
    /// element of an activation operand is replaced by 1 + its position in the concatenated inputs,
    /// every constant element (a constant `Concat` piece, the `Pad` value) by a negative label, and
    /// a 0 in the result is a zero written by the operator itself.
    /// Whatever the operator does to its data, the output labels say where each element came from,
    /// so the float and integer semantics cannot drift apart.
    mutating func lowerRearrange(_ node: Node) throws {
        // The data operands (labelled); the others (shapes, indices, a Where's constant condition)
        // are read as they are.
        let dataPositions: [Int] = node.op == .concat ? Array(node.inputs.indices) : node.op == .logic(.where) ? [1, 2] : [0]
        if node.op == .cast {
            let source = node.input(0).flatMap { graph.elementTypes[$0] } ?? .float
            let target = ElementType(rawValue: node.int("to") ?? 1) ?? .float
            if target == .bool || (source.isFloatingPoint && !target.isFloatingPoint) {
                try lowerCastToInteger(node, toBool: target == .bool)
                return
            }
        }
        if node.op == .gather && isActivation(node.input(1)) {
            guard !isActivation(node.input(0)) else { throw unsupported(node, "Gather of computed data by computed indices") }
            return try lowerComputedGather(node)
        }
        if node.op == .arrayFeatureExtractor && isActivation(node.input(1)) {
            // Gather along the last axis (the output shape, [1, K] for a 1-D X, is the graph's).
            guard !isActivation(node.input(0)) else { throw unsupported(node, "ArrayFeatureExtractor of computed data by computed indices") }
            let rank = try constant(node.input(0), node).rank
            return try lowerComputedGather(Node(name: node.name, opType: "Gather", inputs: node.inputs, outputs: node.outputs,
                                                attributes: ["axis": .int(max(rank - 1, 0))]))
        }
        let activations = dataPositions.compactMap { node.input($0) }.filter { isActivation($0) }
        guard !activations.isEmpty else { throw unsupported(node, "no activation operand") }
        let scale = activations.map { scales[$0]! }.min()!
        var operands: [Tensor<Double>?] = node.inputs.map { $0.isEmpty ? nil : graph.constants[$0] }
        var inputs: [String] = []
        var constants: [Int64] = []
        var offset = 0
        for position in dataPositions {
            guard let name = node.input(position) else { continue }
            let shape = graph.shapes[name] ?? []
            let count = shape.reduce(1, *)
            if isActivation(name) {
                let source = try align(name, to: scale, node)
                inputs.append(source)
                operands[position] = Tensor(shape: shape, scalars: (0..<count).map { Double(offset + $0 + 1) })
                offset += count
            } else {
                let quantized = try quantize(try constant(name, node), scale: scale, node)
                let base = constants.count
                constants.append(contentsOf: quantized.scalars)
                operands[position] = Tensor(shape: shape, scalars: (0..<count).map { -Double(base + $0 + 1) })
            }
        }
        var labelled = node
        if node.op == .pad {
            let value: Double
            if graph.opset < 11 {
                value = node.float("value") ?? 0
                labelled.attributes["value"] = .float(-Double(constants.count + 1))
            } else {
                value = node.input(2).flatMap { graph.constants[$0]?.scalars.first } ?? 0
                while operands.count < 3 { operands.append(nil); labelled.inputs.append("") }
                operands[2] = Tensor(shape: [], scalars: [-Double(constants.count + 1)])
                labelled.inputs[2] = "#pad-value"
            }
            guard let q = FixedPoint.quantize(value, scale: scale) else { throw QuantError.overflow(node: node.name, reason: "pad value") }
            constants.append(q)
        }
        let result: [Tensor<Double>]
        do { result = try FloatEvaluator.evaluate(labelled, operands: operands, opset: graph.opset, types: graph.elementTypes) }
        catch let error as ONNXError { throw QuantError.onnx(error) }
        // Labels: k > 0 is input element k − 1, k < 0 is constants[−k − 1], 0 is a zero the
        // operator wrote itself (Trilu).
        var zeroIndex: Int?
        let sources = result[0].scalars.map { label -> Int in
            let k = Int(label)
            if k > 0 { return k - 1 }
            if k < 0 { return k }
            if zeroIndex == nil { zeroIndex = constants.count; constants.append(0) }
            return -1 - zeroIndex!
        }
        // The output is an activation of `activationBits`, and a rearranged element is never
        // range-checked: a constant it places (a Pad value, a Concat piece, a mask's fill) must fit.
        guard maxMagnitude(constants) < activationBound else {
            throw QuantError.overflow(node: node.name, reason: "a constant up to \(maxMagnitude(constants) / FixedPoint.power(scale)) "
                                      + "does not fit \(configuration.activationBits)-bit activations at scale \(scale)")
        }
        try append(node, .rearrange(sources: sources, constants: constants), inputs: inputs, output: node.outputs[0],
                   shape: result[0].shape, scale: scale, bound: activationBound, isActivation: true)
    }
}
