extension FloatEvaluator {
    /// `Einsum` by its definition: every assignment of the labels, the product of the operands'
    /// elements added into the output element its output labels name.
    static func einsum(_ node: Node, _ operands: [Tensor<Double>]) throws -> Tensor<Double> {
        guard let text = node.string("equation") else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "missing the equation attribute")
        }
        let equation = try EinsumEquation(text, shapes: operands.map(\.shape), node: node)
        var out = [Double](repeating: 0, count: equation.outputShape.reduce(1, *))
        equation.forEach(Array(equation.sizes.indices), base: Array(repeating: 0, count: equation.sizes.count)) { values in
            var product = 1.0
            for i in operands.indices { product *= operands[i].scalars[equation.index(operand: i, values: values)] }
            var o = 0
            for l in equation.output { o = o * equation.sizes[l] + values[l] }
            out[o] += product
        }
        return Tensor(shape: equation.outputShape, scalars: out)
    }
}
