/// `Gemm(A, B, C)` whose `C` is computed (not a constant) as `Gemm(A, B) + β·C`.
///
/// `Y = α·A'·B' + β·C` (the ONNX specification; `C` broadcast to `[M, N]`, unidirectionally). The
/// quantizer folds a constant `C` into the product's bias; a computed one (PyTorch's `addmm` of an
/// activation) becomes an `Add` after the product (and a `Mul` by β when β ≠ 1), so the product
/// stays a `matMul` (constant `B`) or a `batchMatMul` (computed `B`) and the addition is linear.
/// Graph resolution applies it node by node.
enum GemmActivationBias {
    /// The nodes that compute `node` and the constant β they read (when β ≠ 1), or nil when it
    /// needs no rewrite (no `C`, or a constant one).
    static func rewrite(_ node: Node, isConstant: (String) -> Bool) -> (nodes: [Node], constants: [String: Tensor<Double>])? {
        guard node.op == .gemm, let c = node.input(2), !isConstant(c), let output = node.outputs.first else { return nil }
        let prefix = "\(node.name)::activation_c"
        var product = node
        product.name = "\(prefix)#product"
        product.inputs = Array(node.inputs.prefix(2))
        product.outputs = ["\(prefix)#product"]
        product.attributes["beta"] = nil
        product.attributes["broadcast"] = nil
        var nodes = [product]
        var constants: [String: Tensor<Double>] = [:]
        var bias = c
        if let beta = node.float("beta"), beta != 1 {
            bias = "\(prefix)#scaled"
            constants["\(prefix)#beta"] = Tensor(shape: [], scalars: [beta])
            nodes.append(Node(name: bias, op: .mul, inputs: [c, "\(prefix)#beta"], outputs: [bias]))
        }
        nodes.append(Node(name: node.name, op: .add, inputs: [product.outputs[0], bias], outputs: [output]))
        return (nodes, constants)
    }
}
