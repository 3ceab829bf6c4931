/// The geometry of a sliding window over any number of spatial axes (a convolution or a 1-, 2- or
/// 3-D pool): kernel, strides, dilations, padding at the start and end of each spatial axis, and the
/// resulting output size.
public struct PoolGeometry: Sendable, Equatable {
    public var kernel: [Int]
    public var strides: [Int]
    public var dilations: [Int]
    public var padsBegin: [Int]
    public var padsEnd: [Int]
    public var outputSize: [Int]

    /// Resolves ONNX attributes (`kernel_shape`, `strides`, `dilations`, `pads`, `auto_pad`,
    /// `ceil_mode`) against the spatial input size `[D₁, …, Dₖ]`.
    /// - Throws: ``ONNXError/unsupportedAttribute(node:opType:reason:)`` for an unknown `auto_pad`
    ///   or ``ONNXError/invalidNode(node:opType:reason:)`` when the window does not fit.
    public init(node: Node, spatial: [Int], kernel: [Int]) throws {
        let rank = spatial.count
        self.kernel = kernel
        strides = node.ints("strides") ?? Array(repeating: 1, count: rank)
        dilations = node.ints("dilations") ?? Array(repeating: 1, count: rank)
        let pads = node.ints("pads") ?? Array(repeating: 0, count: 2 * rank)
        guard strides.count == rank, dilations.count == rank, pads.count == 2 * rank, kernel.count == rank,
              strides.allSatisfy({ $0 > 0 }), dilations.allSatisfy({ $0 > 0 }), kernel.allSatisfy({ $0 > 0 }),
              pads.allSatisfy({ $0 >= 0 }) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "inconsistent kernel/strides/dilations/pads")
        }
        // Attributes come from the file: bound them so that no window arithmetic overflows and no
        // output exceeds the tensor limit (a hang found by libFuzzer: pads of 2^28 built windows
        // for gigabytes of output).
        let limit = Graph.maximumElementCount
        guard (kernel + strides + dilations + pads).allSatisfy({ $0 <= limit }) else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "kernel/strides/dilations/pads above \(limit) (--max-tensor-elements)")
        }
        padsBegin = Array(pads[0..<rank])
        padsEnd = Array(pads[rank...])
        let ceilMode = (node.int("ceil_mode") ?? 0) != 0
        let autoPad = node.string("auto_pad") ?? "NOTSET"
        outputSize = []
        for axis in 0..<rank {
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            switch autoPad {
            case "NOTSET", "":
                let span = spatial[axis] + padsBegin[axis] + padsEnd[axis] - extent
                guard span >= 0 else {
                    throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "window larger than padded input")
                }
                var size = (ceilMode ? (span + strides[axis] - 1) / strides[axis] : span / strides[axis]) + 1
                if ceilMode && (size - 1) * strides[axis] >= spatial[axis] + padsBegin[axis] { size -= 1 }
                outputSize.append(size)
            case "VALID":
                padsBegin[axis] = 0
                padsEnd[axis] = 0
                guard spatial[axis] >= extent else {
                    throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "window larger than input")
                }
                outputSize.append((spatial[axis] - extent) / strides[axis] + 1)
            case "SAME_UPPER", "SAME_LOWER":
                let size = (spatial[axis] + strides[axis] - 1) / strides[axis]
                let total = max(0, (size - 1) * strides[axis] + extent - spatial[axis])
                padsBegin[axis] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
                padsEnd[axis] = total - padsBegin[axis]
                outputSize.append(size)
            default:
                throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "auto_pad \(autoPad)")
            }
        }
        guard outputSize.reduce(1, { $0.multipliedReportingOverflow(by: max($1, 0)).overflow ? .max : $0 * max($1, 0) }) <= limit else {
            throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "output \(outputSize) above \(limit) elements (--max-tensor-elements)")
        }
    }
}
