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

    /// Windows of a 2-D pooling over an `[N, C, H, W]` tensor.
    /// - Returns: the windows and the output shape `[N, C, OH, OW]`.
    public static func pooling(inputShape: [Int], geometry: PoolGeometry, countIncludePad: Bool) -> (Windows, [Int]) {
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let (oh, ow) = (geometry.outputSize[0], geometry.outputSize[1])
        var windows = Windows(offsets: [0], indices: [], divisors: [])
        windows.indices.reserveCapacity(n * c * oh * ow * geometry.kernel[0] * geometry.kernel[1])
        for plane in 0..<(n * c) {
            let base = plane * h * w
            for y in 0..<oh {
                for x in 0..<ow {
                    var padded = 0
                    for ky in 0..<geometry.kernel[0] {
                        let iy = y * geometry.strides[0] - geometry.padsBegin[0] + ky * geometry.dilations[0]
                        if iy >= -geometry.padsBegin[0] && iy < h + geometry.padsEnd[0] {
                            for kx in 0..<geometry.kernel[1] {
                                let ix = x * geometry.strides[1] - geometry.padsBegin[1] + kx * geometry.dilations[1]
                                if ix >= -geometry.padsBegin[1] && ix < w + geometry.padsEnd[1] { padded += 1 }
                            }
                        }
                        guard iy >= 0 && iy < h else { continue }
                        for kx in 0..<geometry.kernel[1] {
                            let ix = x * geometry.strides[1] - geometry.padsBegin[1] + kx * geometry.dilations[1]
                            guard ix >= 0 && ix < w else { continue }
                            windows.indices.append(base + iy * w + ix)
                        }
                    }
                    let valid = windows.indices.count - windows.offsets.last!
                    windows.offsets.append(windows.indices.count)
                    windows.divisors.append(countIncludePad ? padded : valid)
                }
            }
        }
        return (windows, [n, c, oh, ow])
    }
}
