/// Broadcasting as ONNX defined it before opset 7, rewritten into numpy broadcasting.
///
/// Up to opset 6 the element-wise binary operators (`Add`, `Sub`, `Mul`, `Div`, `Pow`, `And`,
/// `Or`, `Xor`, `Equal`, `Greater`, `Less`) broadcast only when their `broadcast` attribute is 1,
/// and then place `B`'s dimensions inside `A`'s starting at the `axis` attribute (the ONNX
/// operator changelog, "Add-6": "B's shape must be a contiguous subset of A's shape", default: at
/// the end). Opset 7 replaced this with numpy's rules, which align shapes at the end only, so a
/// `B` of shape `[3]` for an `A` of `[2, 3, 4, 5]` at `axis = 1` means `[3, 1, 1]`. `PRelu` before
/// opset 7 takes a per-channel slope of shape `[C]` for an input `[N, C, …]` (the convention of the
/// exporters of that time, PyTorch's `nn.PReLU(C)` among them).
///
/// Both become numpy broadcasting by giving `B` (the slope) trailing dimensions of size 1: an
/// `Unsqueeze` node before the operator, folded when `B` is a constant. Graph resolution applies
/// the rewrite node by node, so every later stage sees numpy semantics only.
enum LegacyBroadcast {
    /// The operators with the `broadcast`/`axis` attributes in opsets 1–6.
    static func hasBroadcastAttribute(_ op: ONNXOperator?) -> Bool {
        switch op {
        case .add?, .sub?, .mul?, .div?, .pow?: true
        case let .logic(logic)?: [.and, .or, .xor, .equal, .greater, .less].contains(logic)
        default: false
        }
    }

    /// The nodes that compute `node` with numpy broadcasting (an `Unsqueeze` of its second
    /// input, then `node` reading it), or nil when `node` needs no rewrite.
    /// - Parameters:
    ///   - shape: the static shape of a value, when known.
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` when `axis` does not place `B`
    ///   inside `A`.
    static func rewrite(_ node: Node, opset: Int, shape: (String) -> [Int]?) throws -> [Node]? {
        guard opset < 7, let a = node.input(0), let b = node.input(1), let aShape = shape(a), let bShape = shape(b) else { return nil }
        let (r, k) = (aShape.count, bShape.count)
        let trailing: Int
        if hasBroadcastAttribute(node.op) {
            guard node.int("broadcast") == 1, let given = node.int("axis") else { return nil }
            let axis = given < 0 ? given + r : given
            guard axis >= 0, axis + k <= r, zip(aShape[axis ..< axis + k], bShape).allSatisfy({ $1 == 1 || $0 == $1 }) else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType,
                                            reason: "axis \(given) does not place B's shape \(bShape) inside A's \(aShape) (opset \(opset) broadcasting)")
            }
            trailing = r - axis - k
        } else if node.op == .pRelu {
            guard k == 1, r >= 3, bShape[0] > 1, aShape[1] == bShape[0] else { return nil }
            trailing = r - 2
        } else {
            return nil
        }
        guard trailing > 0 else { return nil }
        let widened = "\(b)::\(node.name)::legacy_broadcast"
        var rewritten = node
        rewritten.inputs[1] = widened
        let unsqueeze = Node(name: "\(node.name)::legacy_broadcast", op: .unsqueeze, inputs: [b], outputs: [widened],
                             attributes: ["axes": .ints(Array(k ..< k + trailing))])
        return [unsqueeze, rewritten]
    }
}
