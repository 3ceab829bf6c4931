extension FloatEvaluator {
    /// A ``CompositeOperator`` node evaluated through its ``CompositeExpansion`` (graph resolution
    /// expands these before evaluation; this serves a node evaluated on its own).
    static func composite(_ node: Node, _ operation: CompositeOperator, operands: [Tensor<Double>?], opset: Int,
                          types: [String: ElementType]) throws -> [Tensor<Double>] {
        var values = [String: Tensor<Double>]()
        for (name, value) in zip(node.inputs, operands) where !name.isEmpty { values[name] = value }
        let expansion = try CompositeExpansion(node, operation, opset: opset, shape: { values[$0]?.shape }, type: { types[$0] },
                                               constantValue: { values[$0] })
        var stepTypes = types.merging(expansion.constantTypes) { $1 }
        values.merge(expansion.constants) { $1 }
        for step in expansion.nodes {
            let results = try evaluate(step, operands: step.inputs.map { $0.isEmpty ? nil : values[$0] }, opset: opset, types: stepTypes)
            for (index, (name, value)) in zip(step.outputs, results).enumerated() {
                values[name] = value
                stepTypes[name] = outputType(step, at: index, types: stepTypes)
            }
        }
        return node.outputs.map { values[$0] ?? Tensor(shape: [0], scalars: []) }
    }
}
