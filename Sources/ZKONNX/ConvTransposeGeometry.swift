/// The geometry of a `ConvTranspose` over any number of spatial axes: input `[N, C, …]`, weights `[C, M/group, k…]`,
/// strides, dilations, the padding removed from each end, `output_padding`, and the output size.
///
/// `y[n, m, o] = b[m] + Σ x[n, c, i]·W[c, m − g·M/group, k]` over the input channels `c` of
/// `m`'s group `g` and every `i`, `k` with `o = i·stride − padBegin + k·dilation` (per axis).
/// The same map is a stride-1 convolution (``convolution``) of the input spread `stride` apart,
/// framed by zeros (``spreadSources()``), with the kernel flipped and its two channel axes
/// swapped per group (``convolutionWeights(_:)``): how the quantizer lowers it, with no new
/// gadget.
///
/// Padding follows the ONNX specification (and onnxruntime 1.31, the accuracy reference, which
/// agrees; older onnxruntime releases split odd padding the other way): with `output_shape` (or
/// `auto_pad` SAME_UPPER/SAME_LOWER, which ask for `input·stride`), the total padding
/// `max(0, stride·(in − 1) + output_padding + (k − 1)·dilation + 1 − out)` is split with the
/// larger half at the end for SAME_UPPER and at the start otherwise; an `output_shape` larger
/// than the unpadded result is kept, the extra positions holding only the bias.
public struct ConvTransposeGeometry: Sendable, Equatable {
    public var batch: Int
    public var inputChannels: Int
    public var outputChannels: Int
    public var group: Int
    /// Spatial sizes (1 or 2 axes, as in the model).
    public var inputSize: [Int]
    public var kernel: [Int]
    public var strides: [Int]
    public var dilations: [Int]
    public var padsBegin: [Int]
    public var outputSize: [Int]

    /// Resolves a `ConvTranspose` node against its input and weight shapes.
    /// - Throws: ``ONNXError`` naming the node when the shapes do not agree, an attribute is
    ///   inconsistent or the input has no spatial axis.
    public init(node: Node, inputShape: [Int], weightShape: [Int]) throws {
        func invalid(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        let rank = inputShape.count - 2
        guard rank >= 1 else {
            throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "\(max(rank, 0))-D transposed convolution")
        }
        guard weightShape.count == inputShape.count else { throw invalid("input \(inputShape) and weights \(weightShape) do not convolve") }
        group = node.int("group") ?? 1
        batch = inputShape[0]
        inputChannels = inputShape[1]
        guard group > 0, weightShape[0] == inputChannels, inputChannels % group == 0, weightShape[1] > 0 else {
            throw invalid("input \(inputShape), weights \(weightShape) and group \(group) do not agree")
        }
        outputChannels = weightShape[1] * group
        inputSize = Array(inputShape[2...])
        kernel = Array(weightShape[2...])
        if let shape = node.ints("kernel_shape"), shape != kernel { throw invalid("kernel_shape \(shape) is not the weights' \(kernel)") }
        strides = node.ints("strides") ?? Array(repeating: 1, count: rank)
        dilations = node.ints("dilations") ?? Array(repeating: 1, count: rank)
        let outputPadding = node.ints("output_padding") ?? Array(repeating: 0, count: rank)
        var pads = node.ints("pads") ?? Array(repeating: 0, count: 2 * rank)
        let limit = Graph.maximumElementCount
        guard strides.count == rank, dilations.count == rank, outputPadding.count == rank, pads.count == 2 * rank,
              (strides + dilations + kernel).allSatisfy({ $0 > 0 && $0 <= limit }),
              (outputPadding + pads).allSatisfy({ $0 >= 0 && $0 <= limit }) else {
            throw invalid("inconsistent strides/dilations/pads/output_padding")
        }
        var requested = node.ints("output_shape")
        if let shape = requested, shape.count == rank + 2 { requested = Array(shape[2...]) }
        if let shape = requested, shape.count != rank || !shape.allSatisfy({ $0 > 0 && $0 <= limit }) {
            throw invalid("output_shape \(node.ints("output_shape") ?? []) for \(rank) spatial axes")
        }
        let autoPad = node.string("auto_pad") ?? "NOTSET"
        guard ["NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"].contains(autoPad) else {
            throw ONNXError.unsupportedAttribute(node: node.name, opType: node.opType, reason: "auto_pad '\(autoPad)'")
        }
        if autoPad == "VALID" { pads = Array(repeating: 0, count: 2 * rank) }
        padsBegin = []
        outputSize = []
        for axis in 0..<rank {
            let natural = (inputSize[axis] - 1) * strides[axis] + outputPadding[axis] + (kernel[axis] - 1) * dilations[axis] + 1
            let target = requested?[axis] ?? (autoPad.hasPrefix("SAME") ? inputSize[axis] * strides[axis] : nil)
            if let target {
                let total = max(0, natural - target)
                padsBegin.append(autoPad == "SAME_UPPER" ? total / 2 : total - total / 2)
                // Without output_shape the size follows from the padding; with it, it is kept.
                outputSize.append(requested == nil ? natural - total : target)
            } else {
                padsBegin.append(pads[axis])
                outputSize.append(natural - pads[axis] - pads[rank + axis])
            }
        }
        guard outputSize.allSatisfy({ $0 > 0 }), outputSize.reduce(batch * outputChannels, *) <= limit else {
            throw invalid("output size \(outputSize) (the padding leaves nothing, or it exceeds \(limit) elements)")
        }
    }

    public var outputShape: [Int] { [batch, outputChannels] + outputSize }
    public var inputsPerGroup: Int { inputChannels / group }
    public var outputsPerGroup: Int { outputChannels / group }

    /// Kernel extent along `axis`: `(k − 1)·dilation + 1`.
    func extent(_ axis: Int) -> Int { (kernel[axis] - 1) * dilations[axis] + 1 }

    /// Spatial size of the spread input ``convolution`` reads: `out + extent − 1` per axis.
    public var spreadSize: [Int] { outputSize.indices.map { outputSize[$0] + extent($0) - 1 } }

    /// Shape of the spread input, `[N, C] + spreadSize`.
    public var spreadShape: [Int] { [batch, inputChannels] + spreadSize }

    /// For every element of the spread input (row-major over ``spreadShape``), the flat index of
    /// the input element it holds, or `-1` for a zero: input position `i` sits at
    /// `i·stride + extent − 1 − padBegin` (positions outside the spread are cropped).
    public func spreadSources() -> [Int] {
        let spread = spreadSize
        let planeOut = spread.reduce(1, *), planeIn = inputSize.reduce(1, *)
        // Per axis, the input index at each spread position (or -1).
        let maps: [[Int]] = spread.indices.map { axis in
            let offset = extent(axis) - 1 - padsBegin[axis]
            return (0..<spread[axis]).map { a in
                let shifted = a - offset
                guard shifted >= 0, shifted % strides[axis] == 0, shifted / strides[axis] < inputSize[axis] else { return -1 }
                return shifted / strides[axis]
            }
        }
        // Row-major strides of the spread plane.
        let below = spread.indices.map { spread[($0 + 1)...].reduce(1, *) }
        var sources = [Int](repeating: -1, count: batch * inputChannels * planeOut)
        for image in 0..<(batch * inputChannels) {
            for position in 0..<planeOut {
                var source = 0, inside = true, rest = position
                for axis in spread.indices {
                    let index = maps[axis][rest / below[axis]]
                    rest %= below[axis]
                    if index < 0 { inside = false; break }
                    source = source * inputSize[axis] + index
                }
                if inside { sources[image * planeOut + position] = image * planeIn + source }
            }
        }
        return sources
    }

    /// The stride-1 `Conv` node (same dilations and group, no padding) that computes the
    /// transposed convolution from the spread input.
    public func convolution(named name: String) -> Node {
        Node(name: name, op: .conv, inputs: [], outputs: [],
             attributes: ["dilations": .ints(dilations), "group": .int(group), "strides": .ints(Array(repeating: 1, count: kernel.count))])
    }

    /// Shape of ``convolutionWeights(_:)``: `[M, C/group] + kernel`.
    public var convolutionWeightShape: [Int] { [outputChannels, inputsPerGroup] + kernel }

    /// The convolution's weights from the transposed convolution's `[C, M/group, k…]`:
    /// `W′[g·M/group + m, c, k] = W[g·C/group + c, m, K − 1 − k]` (flipped, channel axes swapped per group).
    public func convolutionWeights<T>(_ weights: [T]) -> [T] {
        let taps = kernel.reduce(1, *)
        var out = weights
        for g in 0..<group {
            for m in 0..<outputsPerGroup {
                for c in 0..<inputsPerGroup {
                    let source = ((g * inputsPerGroup + c) * outputsPerGroup + m) * taps
                    let target = ((g * outputsPerGroup + m) * inputsPerGroup + c) * taps
                    for k in 0..<taps { out[target + k] = weights[source + taps - 1 - k] }
                }
            }
        }
        return out
    }
}
