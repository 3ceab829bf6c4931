import ZKONNX

extension Quantizer {
    /// A pool, a reduction or `ArgMax` over the windows ``Windows/forNode(_:_:inputShape:axesInput:)`` gives.
    mutating func lowerWindowed(_ node: Node, _ operation: WindowOperator) throws {
        let input = try activation(node.input(0), node)
        if node.outputs.count > 1 && !node.outputs[1].isEmpty { throw unsupported(node, "the indices output is not supported") }
        let axes = node.input(1).flatMap { graph.constants[$0] }
        let windows: Windows, shape: [Int]
        do { (windows, shape) = try Windows.forNode(node, operation, inputShape: graph.shapes[input] ?? [], axesInput: axes) }
        catch let error as ONNXError { throw QuantError.onnx(error) }
        let output = node.outputs[0]
        let scale = scales[input]!
        let longest = (0..<windows.count).map { windows.offsets[$0 + 1] - windows.offsets[$0] }.max() ?? 0
        switch operation {
        case .reduceL1, .reduceL2, .reduceLogSumExp, .reduceSumSquare:
            guard longest > 0 else { throw unsupported(node, "an empty window") }
            try lowerNormReduction(node, operation, windows: windows, shape: shape)
        case .maxPool, .globalMaxPool, .reduceMax:
            guard longest > 0 else { throw unsupported(node, "an empty pooling window") }
            try append(node, .windowMax(windows), inputs: [input], output: output, shape: shape, scale: scale,
                       bound: activationBound, isActivation: true)
        case .reduceMin:  // min(x) = −max(−x): two free negations around a window maximum
            guard longest > 0 else { throw unsupported(node, "an empty window") }
            let negated = "\(output)#neg", maximum = "\(output)#max"
            try append(node, .linearCombination(coefficients: [-1], constant: nil), inputs: [input], output: negated,
                       shape: graph.shapes[input] ?? [], scale: scale, bound: activationBound, isActivation: true)
            try append(node, .windowMax(windows), inputs: [negated], output: maximum, shape: shape, scale: scale,
                       bound: activationBound, isActivation: true)
            try append(node, .linearCombination(coefficients: [-1], constant: nil), inputs: [maximum], output: output,
                       shape: shape, scale: scale, bound: activationBound, isActivation: true)
        case .argMin:
            try lowerArgMin(node, windows: windows, shape: shape)
        case .argMax:
            try append(node, .argMax(windows, selectLast: (node.int("select_last_index") ?? 0) != 0), inputs: [input],
                       output: output, shape: shape, scale: 0, bound: activationBound, isActivation: true)
        case .reduceSum:
            try append(node, .windowSum(windows), inputs: [input], output: output, shape: shape, scale: scale,
                       bound: activationBound, isActivation: true)
        case .averagePool, .globalAveragePool, .reduceMean:  // averages: exact window sum, then a rounded division by the window's divisor
            guard windows.divisors.allSatisfy({ $0 > 0 }) else { throw unsupported(node, "an empty pooling window") }
            if foldAverageDivision(input: input, divisors: windows.divisors) {
                // The producer's rescale already divided by the window size: the sum is the mean.
                try append(node, .windowSum(windows), inputs: [input], output: output, shape: shape, scale: scale,
                           bound: Double(longest) * bounds[input]!, isActivation: false)
                return
            }
            let accumulator = "\(output)#sum"
            try append(node, .windowSum(windows), inputs: [input], output: accumulator, shape: shape, scale: scale,
                       bound: Double(longest) * bounds[input]!, isActivation: false)
            let divisors = windows.divisors.map(Int64.init)
            let compact = Set(divisors).count == 1 ? [divisors[0]] : divisors
            try append(node, .divide(divisors: compact), inputs: [accumulator], output: output, shape: shape, scale: scale,
                       bound: activationBound, isActivation: true)
        }
    }
}
