/// A resolved 2-D convolution: input `[N, C, H, W]`, weights `[M, C/group, KH, KW]`, output
/// `[N, M, OH, OW]` (1-D convolutions are viewed with `H = KH = 1`).
public struct ConvGeometry: Sendable, Equatable {
    public var batch: Int
    public var inputChannels: Int
    public var inputSize: [Int]
    public var outputChannels: Int
    public var group: Int
    public var window: PoolGeometry

    /// Resolves a `Conv` node against its input and weight shapes.
    /// - Throws: ``ONNXError`` when the shapes do not agree or the convolution is not 1-D/2-D.
    public init(node: Node, inputShape: [Int], weightShape: [Int]) throws {
        let fail = ONNXError.invalidNode(node: node.name, opType: node.opType,
                                         reason: "input \(inputShape) and weights \(weightShape) do not convolve")
        var x = inputShape, w = weightShape
        guard x.count == w.count else { throw fail }
        if x.count == 3 { x.insert(1, at: 2); w.insert(1, at: 2) }
        guard x.count == 4 else {
            throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "\(inputShape.count - 2)-D convolution")
        }
        group = node.int("group") ?? 1
        guard group > 0, x[1] % group == 0, w[0] % group == 0, w[1] == x[1] / group else { throw fail }
        batch = x[0]
        inputChannels = x[1]
        inputSize = [x[2], x[3]]
        outputChannels = w[0]
        var conv = node
        if inputShape.count == 3 {
            for key in ["strides", "dilations"] { if let v = node.ints(key) { conv.attributes[key] = .ints([1] + v) } }
            if let p = node.ints("pads"), p.count == 2 { conv.attributes["pads"] = .ints([0, p[0], 0, p[1]]) }
        }
        if let shape = node.ints("kernel_shape"), shape != Array(weightShape.dropFirst(2)) { throw fail }
        window = try PoolGeometry(node: conv, spatial: inputSize, kernel: [w[2], w[3]])
    }

    /// Input channels per group.
    public var channelsPerGroup: Int { inputChannels / group }
    /// Output channels per group.
    public var outputsPerGroup: Int { outputChannels / group }
    /// Length of one im2col patch: `C/group · KH · KW`.
    public var patchLength: Int { channelsPerGroup * window.kernel[0] * window.kernel[1] }
    /// Output spatial positions per image: `OH · OW`.
    public var outputPositions: Int { window.outputSize[0] * window.outputSize[1] }

    /// For each output position and patch element, the flat input offset within one image's
    /// channel group, or -1 for padding. Row-major `[OH·OW, C/group·KH·KW]`; add
    /// `(n·C + g·C/group)·H·W` for image `n`, group `g`.
    public func patchOffsets() -> [Int] {
        let (h, w) = (inputSize[0], inputSize[1])
        var offsets = [Int](repeating: -1, count: outputPositions * patchLength)
        var cursor = 0
        for y in 0..<window.outputSize[0] {
            for x in 0..<window.outputSize[1] {
                for c in 0..<channelsPerGroup {
                    for ky in 0..<window.kernel[0] {
                        let iy = y * window.strides[0] - window.padsBegin[0] + ky * window.dilations[0]
                        for kx in 0..<window.kernel[1] {
                            let ix = x * window.strides[1] - window.padsBegin[1] + kx * window.dilations[1]
                            if iy >= 0 && iy < h && ix >= 0 && ix < w { offsets[cursor] = (c * h + iy) * w + ix }
                            cursor += 1
                        }
                    }
                }
            }
        }
        return offsets
    }

    /// The output shape in the caller's rank (3-D for 1-D convolutions).
    public func outputShape(rank: Int) -> [Int] {
        rank == 3 ? [batch, outputChannels, window.outputSize[1]] : [batch, outputChannels] + window.outputSize
    }
}
