extension FloatEvaluator {
    /// RNN, GRU, LSTM: the nodes of their ``RecurrentExpansion`` evaluated in order on the
    /// operands (the same nodes the resolved graph holds in their place).
    static func recurrent(_ node: Node, operands: [Tensor<Double>?], opset: Int) throws -> [Tensor<Double>] {
        guard let x = operands.first ?? nil else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "missing input 0")
        }
        let expansion = try RecurrentExpansion(node, inputShape: x.shape, sequenceLengths: try sequenceLengths(node, operands),
                                               hasInput: { $0 < operands.count && operands[$0] != nil }, opset: opset)
        var values = expansion.constants
        var types = expansion.constantTypes
        for (name, value) in zip(node.inputs, operands) where !name.isEmpty { values[name] = value }
        for step in expansion.nodes {
            let results = try evaluate(step, operands: step.inputs.map { values[$0] }, opset: opset, types: types)
            for (name, value) in zip(step.outputs, results) {
                values[name] = value
                types[name] = .float
            }
        }
        return node.outputs.map { values[$0] ?? Tensor(shape: [0], scalars: []) }
    }

    /// The `sequence_lens` operand (input 4) as integers, when given.
    static func sequenceLengths(_ node: Node, _ operands: [Tensor<Double>?]) throws -> [Int]? {
        guard operands.count > 4, let lengths = operands[4] else { return nil }
        return lengths.scalars.map(clampedInt)
    }
}
