/// The geometry of `ScatterElements` (ONNX): `indices` and `updates` of shape `I`, data of shape
/// `D` with `I[d] ≤ D[d]` off the axis. Every position of `I` off the axis names a *line* of the
/// data (all its coordinates but the axis one); the line has `D[axis]` elements and receives
/// `I[axis]` updates, in index order.
public struct ScatterLines: Sendable, Equatable {
    /// For each line, the flat data positions of its elements (axis coordinate `0 ..< D[axis]`).
    public let elements: [[Int]]
    /// For each line, the flat positions in `indices`/`updates` of its updates, in order.
    public let updates: [[Int]]

    public init(dataShape: [Int], indexShape: [Int], axis: Int) throws(IndexTupleGeometry.ShapeMismatch) {
        guard axis >= 0 && axis < dataShape.count, indexShape.count == dataShape.count,
              zip(indexShape, dataShape).enumerated().allSatisfy({ $0.offset == axis || $0.element.0 <= $0.element.1 }) else {
            throw .init(reason: "indices of shape \(indexShape) for data \(dataShape) on axis \(axis)")
        }
        var lineShape = indexShape
        lineShape[axis] = 1
        let dataStrides = Tensor<Double>.strides(of: dataShape), indexStrides = Tensor<Double>.strides(of: indexShape)
        let lineStrides = Tensor<Double>.strides(of: lineShape)
        let count = lineShape.reduce(1, *)
        var elements: [[Int]] = [], updates: [[Int]] = []
        for line in 0 ..< count {
            var dataBase = 0, indexBase = 0
            for d in 0 ..< lineShape.count where d != axis {
                let coordinate = line / lineStrides[d] % lineShape[d]
                dataBase += coordinate * dataStrides[d]
                indexBase += coordinate * indexStrides[d]
            }
            elements.append((0 ..< dataShape[axis]).map { dataBase + $0 * dataStrides[axis] })
            updates.append((0 ..< indexShape[axis]).map { indexBase + $0 * indexStrides[axis] })
        }
        self.elements = elements
        self.updates = updates
    }
}
