extension Windows {
    /// The groups `Softmax` and `LogSoftmax` normalize over and their kept shape (`keepDims`): from
    /// opset 13 the one `axis` (−1 by default); before, every axis from `axis` on (1 by default,
    /// the input seen as 2-D).
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` for an axis out of range.
    public static func softmax(_ node: Node, opset: Int, inputShape: [Int]) throws -> (windows: Windows, shape: [Int]) {
        let rank = inputShape.count
        var axis = node.int("axis") ?? (opset >= 13 ? -1 : 1)
        if axis < 0 { axis += rank }
        guard axis >= 0 && axis < rank else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "axis \(node.int("axis") ?? 0) out of range for rank \(rank)")
        }
        return reduction(shape: inputShape, axes: opset >= 13 ? [axis] : Array(axis ..< rank), keepDims: true)
    }

    /// The groups `LayerNormalization` (every axis from `axis` on, −1 by default) and
    /// `InstanceNormalization` (the spatial axes `2…`) normalize over, kept in place, and the
    /// kept shape.
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` for an axis out of range or an
    ///   instance norm below rank 3.
    public static func normalization(_ node: Node, inputShape: [Int]) throws -> (windows: Windows, shape: [Int]) {
        let rank = inputShape.count
        let axes: [Int]
        if node.op == .instanceNormalization {
            guard rank >= 3 else { throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "needs rank ≥ 3") }
            axes = Array(2 ..< rank)
        } else {
            var axis = node.int("axis") ?? -1
            if axis < 0 { axis += rank }
            guard axis >= 0 && axis < rank else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "axis \(node.int("axis") ?? 0) out of range for rank \(rank)")
            }
            axes = Array(axis ..< rank)
        }
        return reduction(shape: inputShape, axes: axes, keepDims: true)
    }
}
