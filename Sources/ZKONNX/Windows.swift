/// For every output element, the list of input elements (flat row-major indices) it reduces.
///
/// Pooling, global pooling, `ReduceSum`/`ReduceMean` and `ArgMax` are all expressed as windows,
/// so the float reference, the integer inference and the circuit read one and the same geometry.
/// Stored compactly: window `o` is `indices[offsets[o]..<offsets[o + 1]]`.
public struct Windows: Sendable, Equatable {
    public var offsets: [Int]
    public var indices: [Int]
    /// The `AveragePool` divisor of each window (padding counted when `count_include_pad`).
    public var divisors: [Int]

    /// The number of windows (output elements).
    public var count: Int { offsets.count - 1 }

    /// The input indices of window `output`.
    @inlinable public func window(_ output: Int) -> ArraySlice<Int> { indices[offsets[output]..<offsets[output + 1]] }

    /// Whether the windows partition the `count` elements of their input: every index of
    /// `0 ..< count` in exactly one window, and no other index.
    public func partitions(_ count: Int) -> Bool {
        guard indices.count == count else { return false }
        var seen = [Bool](repeating: false, count: count)
        for index in indices {
            guard index >= 0, index < count, !seen[index] else { return false }
            seen[index] = true
        }
        return true
    }

    /// Windows of a reduction over `axes` of a tensor of shape `shape`, in input order within each
    /// window (so position `j` of an `ArgMax` window is index `j` along its axis).
    /// - Returns: the windows and the output shape (reduced axes kept as 1 when `keepDims`).
    public static func reduction(shape: [Int], axes: [Int], keepDims: Bool) -> (Windows, [Int]) {
        let reduced = Set(axes)
        let keptShape = shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        let outputCount = keptShape.reduce(1, *)
        let inputStrides = Tensor<Double>.strides(of: shape)
        let outputStrides = Tensor<Double>.strides(of: keptShape)
        var members = [[Int]](repeating: [], count: outputCount)
        let total = shape.reduce(1, *)
        for flat in 0..<total {
            var outputIndex = 0
            for axis in 0..<shape.count where !reduced.contains(axis) {
                outputIndex += (flat / inputStrides[axis] % shape[axis]) * outputStrides[axis]
            }
            members[outputIndex].append(flat)
        }
        var windows = Windows(offsets: [0], indices: [], divisors: [])
        windows.indices.reserveCapacity(total)
        for list in members {
            windows.indices.append(contentsOf: list)
            windows.offsets.append(windows.indices.count)
            windows.divisors.append(list.count)
        }
        let outputShape = keepDims ? keptShape : shape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element)
        return (windows, outputShape)
    }

    /// Windows of a pooling over an `[N, C, D₁, …, Dₖ]` tensor (1-, 2- or 3-D pools alike).
    /// - Returns: the windows and the output shape `[N, C, O₁, …, Oₖ]`.
    public static func pooling(inputShape: [Int], geometry: PoolGeometry, countIncludePad: Bool) -> (Windows, [Int]) {
        let spatial = Array(inputShape.dropFirst(2)), rank = spatial.count
        let planes = inputShape[0] * inputShape[1], planeSize = spatial.reduce(1, *)
        let outputs = geometry.outputSize.reduce(1, *), kernelSize = geometry.kernel.reduce(1, *)
        // Row-major strides of the spatial axes.
        var axisStride = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { axisStride[axis] = axisStride[axis + 1] * spatial[axis + 1] }
        var windows = Windows(offsets: [0], indices: [], divisors: [])
        windows.indices.reserveCapacity(planes * outputs * kernelSize)
        var position = [Int](repeating: 0, count: rank), tap = [Int](repeating: 0, count: rank)
        for plane in 0 ..< planes {
            let base = plane * planeSize
            for output in 0 ..< outputs {
                var rest = output
                for axis in stride(from: rank - 1, through: 0, by: -1) {
                    position[axis] = rest % geometry.outputSize[axis]
                    rest /= geometry.outputSize[axis]
                }
                // Taps inside the padded input (count_include_pad's divisor), per axis then multiplied.
                var padded = 1
                for axis in 0 ..< rank {
                    var inside = 0
                    for k in 0 ..< geometry.kernel[axis] {
                        let i = position[axis] * geometry.strides[axis] - geometry.padsBegin[axis] + k * geometry.dilations[axis]
                        if i >= -geometry.padsBegin[axis] && i < spatial[axis] + geometry.padsEnd[axis] { inside += 1 }
                    }
                    padded *= inside
                }
                for k in 0 ..< kernelSize {
                    var rest = k, offset = 0, valid = true
                    for axis in stride(from: rank - 1, through: 0, by: -1) {
                        tap[axis] = rest % geometry.kernel[axis]
                        rest /= geometry.kernel[axis]
                    }
                    for axis in 0 ..< rank {
                        let i = position[axis] * geometry.strides[axis] - geometry.padsBegin[axis] + tap[axis] * geometry.dilations[axis]
                        if i < 0 || i >= spatial[axis] { valid = false; break }
                        offset += i * axisStride[axis]
                    }
                    if valid { windows.indices.append(base + offset) }
                }
                let count = windows.indices.count - windows.offsets.last!
                windows.offsets.append(windows.indices.count)
                windows.divisors.append(countIncludePad ? padded : count)
            }
        }
        return (windows, Array(inputShape.prefix(2)) + geometry.outputSize)
    }
}
