extension Windows {
    /// The windows and output shape of a reducing node: `MaxPool`, `AveragePool`,
    /// `GlobalAveragePool`, `GlobalMaxPool`, a `Reduce*` or `ArgMax`.
    /// - Parameters:
    ///   - operation: the node's operator.
    ///   - inputShape: the shape of the node's data input.
    ///   - axesInput: the constant second input (`axes`) of opset-13/18 reductions, if any.
    /// - Throws: ``ONNXError`` for a bad attribute or an unsupported rank.
    public static func forNode(_ node: Node, _ operation: WindowOperator, inputShape: [Int], axesInput: Tensor<Double>? = nil) throws -> (Windows, [Int]) {
        let probe = Tensor<Double>(shape: inputShape, repeating: 0)
        switch operation {
        case .maxPool, .averagePool:
            guard inputShape.count >= 3 else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "needs an input [N, C, D1, …], not \(inputShape)")
            }
            guard let kernel = node.ints("kernel_shape") else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "missing kernel_shape")
            }
            let geometry = try PoolGeometry(node: node, spatial: Array(inputShape.dropFirst(2)), kernel: kernel)
            return Windows.pooling(inputShape: inputShape, geometry: geometry, countIncludePad: (node.int("count_include_pad") ?? 0) != 0)
        case .globalAveragePool, .globalMaxPool:
            guard inputShape.count >= 3 else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "needs rank ≥ 3")
            }
            return reduction(shape: inputShape, axes: Array(2..<inputShape.count), keepDims: true)
        case .reduceSum, .reduceMean, .reduceMax, .reduceMin, .reduceL1, .reduceL2, .reduceLogSumExp, .reduceSumSquare:
            return try FloatEvaluator.reductionWindows(node, x: probe, axesInput: axesInput)
        case .argMax, .argMin:
            var axis = node.int("axis") ?? 0
            if axis < 0 { axis += inputShape.count }
            guard axis >= 0 && axis < inputShape.count else {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "axis out of range")
            }
            return reduction(shape: inputShape, axes: [axis], keepDims: (node.int("keepdims") ?? 1) != 0)
        }
    }
}
