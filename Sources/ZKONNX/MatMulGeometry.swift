/// The index geometry of ONNX `MatMul` (numpy `matmul` semantics) and of `Gemm`'s product:
/// `y[t, i, j] = Σ_p a[t_a, i, p]·b[t_b, p, j]` over the broadcast batch `t`, with a rank-1 `a`
/// read as one row and a rank-1 `b` as one column (the added axis removed from the output), and
/// `Gemm`'s `transA`/`transB` as swapped strides.
public struct MatMulGeometry: Sendable, Equatable {
    /// `M`, `K`, `N`.
    public let rows: Int, inner: Int, columns: Int
    /// For each output batch `t` (row-major over the broadcast batch shape), the batch of `a` and of `b` it reads.
    public let leftBatches: [Int], rightBatches: [Int]
    /// Strides of `a` along `(i, p)` and of `b` along `(p, j)` inside one batch.
    public let leftRowStride: Int, leftInnerStride: Int, rightInnerStride: Int, rightColumnStride: Int
    /// The ONNX output shape.
    public let outputShape: [Int]

    /// `nil` when the shapes do not multiply (inner dimensions differ, batches do not broadcast,
    /// a rank-0 operand, or a transposed operand that is not rank 2).
    public init?(left: [Int], right: [Int], transposeLeft: Bool = false, transposeRight: Bool = false) {
        guard !left.isEmpty, !right.isEmpty else { return nil }
        if (transposeLeft && left.count != 2) || (transposeRight && right.count != 2) { return nil }
        let a = left.count == 1 ? [1] + left : left
        let b = right.count == 1 ? right + [1] : right
        let (m, ka) = transposeLeft ? (a[1], a[0]) : (a[a.count - 2], a[a.count - 1])
        let (kb, n) = transposeRight ? (b[1], b[0]) : (b[b.count - 2], b[b.count - 1])
        guard ka == kb, let batch = Broadcast.shape([Array(a.dropLast(2)), Array(b.dropLast(2))]) else { return nil }
        (rows, inner, columns) = (m, ka, n)
        leftBatches = Broadcast.sourceIndices(from: Array(a.dropLast(2)), to: batch)
        rightBatches = Broadcast.sourceIndices(from: Array(b.dropLast(2)), to: batch)
        (leftRowStride, leftInnerStride) = transposeLeft ? (1, m) : (ka, 1)
        (rightInnerStride, rightColumnStride) = transposeRight ? (1, kb) : (n, 1)
        var shape = batch + [m, n]
        if right.count == 1 { shape.removeLast() }
        if left.count == 1 { shape.remove(at: shape.count - (right.count == 1 ? 1 : 2)) }
        outputShape = shape
    }

    /// The number of output batches.
    public var batches: Int { leftBatches.count }

    /// The flat position in `a` of `a[t, i, p]`.
    @inline(__always) public func leftIndex(batch t: Int, row i: Int, inner p: Int) -> Int {
        leftBatches[t] * rows * inner + i * leftRowStride + p * leftInnerStride
    }

    /// The flat position in `b` of `b[t, p, j]`.
    @inline(__always) public func rightIndex(batch t: Int, inner p: Int, column j: Int) -> Int {
        rightBatches[t] * inner * columns + p * rightInnerStride + j * rightColumnStride
    }

    /// `Σ_p a·b` for every output element in order, with `multiply` and `add` given (the float
    /// reference, the integer kernel and the circuit share this walk).
    public func contract<A, B, R>(_ a: [A], _ b: [B], zero: R, multiply: (A, B) -> R, add: (R, R) -> R) -> [R] {
        var out: [R] = []
        out.reserveCapacity(batches * rows * columns)
        for t in 0 ..< batches {
            for i in 0 ..< rows {
                for j in 0 ..< columns {
                    var sum = zero
                    for p in 0 ..< inner {
                        sum = add(sum, multiply(a[leftIndex(batch: t, row: i, inner: p)], b[rightIndex(batch: t, inner: p, column: j)]))
                    }
                    out.append(sum)
                }
            }
        }
        return out
    }
}
