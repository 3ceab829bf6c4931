/// A resolved convolution over any number of spatial axes: input `[N, C, D₁, …, Dₖ]`, weights
/// `[M, C/group, K₁, …, Kₖ]`, output `[N, M, O₁, …, Oₖ]` (1-, 2- and 3-D convolutions alike).
public struct ConvGeometry: Sendable, Equatable {
    public var batch: Int
    public var inputChannels: Int
    /// The spatial size `[D₁, …, Dₖ]`.
    public var inputSize: [Int]
    public var outputChannels: Int
    public var group: Int
    public var window: PoolGeometry

    /// Resolves a `Conv` node against its input and weight shapes.
    /// - Throws: ``ONNXError`` when the shapes do not agree.
    public init(node: Node, inputShape: [Int], weightShape: [Int]) throws {
        let fail = ONNXError.invalidNode(node: node.name, opType: node.opType,
                                         reason: "input \(inputShape) and weights \(weightShape) do not convolve")
        let (x, w) = (inputShape, weightShape)
        guard x.count == w.count, x.count >= 3 else { throw fail }
        group = node.int("group") ?? 1
        guard group > 0, x[1] % group == 0, w[0] % group == 0, w[1] == x[1] / group else { throw fail }
        batch = x[0]
        inputChannels = x[1]
        inputSize = Array(x[2...])
        outputChannels = w[0]
        if let shape = node.ints("kernel_shape"), shape != Array(weightShape.dropFirst(2)) { throw fail }
        window = try PoolGeometry(node: node, spatial: inputSize, kernel: Array(w[2...]))
    }

    /// Input channels per group.
    public var channelsPerGroup: Int { inputChannels / group }
    /// Output channels per group.
    public var outputsPerGroup: Int { outputChannels / group }
    /// Length of one im2col patch: `C/group · K₁ ⋯ Kₖ`.
    public var patchLength: Int { channelsPerGroup * window.kernel.reduce(1, *) }
    /// Output spatial positions per image: `O₁ ⋯ Oₖ`.
    public var outputPositions: Int { window.outputSize.reduce(1, *) }
    /// Input spatial positions per channel: `D₁ ⋯ Dₖ`.
    public var planeSize: Int { inputSize.reduce(1, *) }

    /// For each output position and patch element, the flat input offset within one image's
    /// channel group, or -1 for padding. Row-major `[O₁⋯Oₖ, C/group·K₁⋯Kₖ]`; add
    /// `(n·C + g·C/group)·D₁⋯Dₖ` for image `n`, group `g`.
    public func patchOffsets() -> [Int] {
        let rank = inputSize.count, plane = planeSize
        var axisStride = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { axisStride[axis] = axisStride[axis + 1] * inputSize[axis + 1] }
        // coordinate[axis][o·K + t]: the input coordinate of output o's tap t on that axis, -1 in the padding.
        let coordinate: [[Int]] = (0 ..< rank).map { axis in
            (0 ..< window.outputSize[axis]).flatMap { o in
                (0 ..< window.kernel[axis]).map { t in
                    let i = o * window.strides[axis] - window.padsBegin[axis] + t * window.dilations[axis]
                    return i >= 0 && i < inputSize[axis] ? i : -1
                }
            }
        }
        let taps = window.kernel.reduce(1, *)
        var offsets = [Int](repeating: -1, count: outputPositions * patchLength)
        var position = [Int](repeating: 0, count: rank)
        var cursor = 0
        for p in 0 ..< outputPositions {
            var rest = p
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                position[axis] = rest % window.outputSize[axis]
                rest /= window.outputSize[axis]
            }
            for c in 0 ..< channelsPerGroup {
                for tap in 0 ..< taps {
                    var remaining = tap, offset = c * plane, inside = true
                    for axis in stride(from: rank - 1, through: 0, by: -1) {
                        let t = remaining % window.kernel[axis]
                        remaining /= window.kernel[axis]
                        let i = coordinate[axis][position[axis] * window.kernel[axis] + t]
                        if i < 0 { inside = false; break }
                        offset += i * axisStride[axis]
                    }
                    if inside { offsets[cursor] = offset }
                    cursor += 1
                }
            }
        }
        return offsets
    }

    /// The output shape `[N, M, O₁, …, Oₖ]`.
    public var outputShape: [Int] { [batch, outputChannels] + window.outputSize }
}
