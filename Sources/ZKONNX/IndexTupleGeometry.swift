/// The geometry of `GatherND` and `ScatterND` (ONNX operators): `data` of shape `D`, `indices` of
/// shape `[I…, k]` whose last axis holds index tuples into `D[b ..< b+k]`, after `b` leading batch
/// axes shared by both (`batch_dims`; 0 for ScatterND).
///
/// Each tuple names one *row* of its batch's data: the data of a batch is `[rows, rowSize]` with
/// `rows = Π D[b ..< b+k]` and `rowSize = Π D[b+k ...]`. GatherND's output is `[I…] + D[b+k ...]`,
/// one row per tuple; ScatterND's updates have that shape too.
public struct IndexTupleGeometry: Sendable, Equatable {
    /// The number of batches (`Π D[..< b]`) and of tuples in each.
    public let batches: Int, tuplesPerBatch: Int
    /// The dimensions a tuple indexes (`D[b ..< b+k]`); `k` is their count.
    public let dimensions: [Int]
    /// Rows per batch and elements per row.
    public let rows: Int, rowSize: Int
    /// `[I…] + D[b+k ...]`: GatherND's output, ScatterND's updates.
    public let gatheredShape: [Int]

    /// The geometry, or a reason why the shapes do not fit together.
    public init(dataShape: [Int], indexShape: [Int], batchDims: Int) throws(ShapeMismatch) {
        guard let k = indexShape.last, indexShape.count >= 1, batchDims >= 0, batchDims < indexShape.count,
              k >= 1, batchDims + k <= dataShape.count else {
            throw ShapeMismatch(reason: "indices of shape \(indexShape) for data \(dataShape) with batch_dims \(batchDims)")
        }
        guard Array(indexShape[..<batchDims]) == Array(dataShape[..<batchDims]) else {
            throw ShapeMismatch(reason: "batch dimensions \(indexShape[..<batchDims]) of the indices differ from the data's \(dataShape[..<batchDims])")
        }
        batches = dataShape[..<batchDims].reduce(1, *)
        tuplesPerBatch = indexShape[batchDims ..< indexShape.count - 1].reduce(1, *)
        dimensions = Array(dataShape[batchDims ..< batchDims + k])
        rows = dimensions.reduce(1, *)
        rowSize = dataShape[(batchDims + k)...].reduce(1, *)
        gatheredShape = Array(indexShape.dropLast()) + Array(dataShape[(batchDims + k)...])
    }

    /// All tuples of all batches.
    public var tupleCount: Int { batches * tuplesPerBatch }

    /// The row of its batch that a tuple names (a negative component counts from the end of its
    /// dimension), or `nil` when a component is outside `[−n, n)`.
    public func row(_ tuple: some Collection<Double>) -> Int? {
        var row = 0
        for (raw, n) in zip(tuple, dimensions) {
            var index = FloatEvaluator.clampedInt(raw)
            if index < 0 { index += n }
            guard index >= 0 && index < n else { return nil }
            row = row * n + index
        }
        return row
    }

    /// The flat data position of element `r` of row `row` in the batch of tuple `t`.
    public func dataPosition(tuple t: Int, row: Int, element r: Int) -> Int {
        ((t / tuplesPerBatch) * rows + row) * rowSize + r
    }

    /// Shapes that do not fit together.
    public struct ShapeMismatch: Error, Sendable { public let reason: String }
}
