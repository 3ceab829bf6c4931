/// A dense row-major tensor with a static shape.
///
/// `Tensor<Double>` is the float graph's value type, `Tensor<Int64>` the quantized one's.
public struct Tensor<Scalar: Sendable & Equatable>: Sendable, Equatable {
    /// The dimensions, outermost first. A scalar has shape `[]`.
    public var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.product`.
    public var scalars: [Scalar]

    /// Creates a tensor; the caller guarantees `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.reduce(1, *) == scalars.count, "tensor shape \(shape) does not match \(scalars.count) scalars")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of the given shape with every element `value`.
    public init(shape: [Int], repeating value: Scalar) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// The number of elements.
    public var count: Int { scalars.count }
    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The product of `shape`, or `nil` when it overflows or a dimension is negative.
    public static func elementCount(_ shape: [Int]) -> Int? {
        var total = 1
        for dim in shape {
            guard dim >= 0 else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: dim)
            if overflow { return nil }
            total = product
        }
        return total
    }

    /// Row-major strides of `shape`.
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }
}

/// Numpy-style multidirectional broadcasting helpers shared by the float and integer kernels.
public enum Broadcast {
    /// The broadcast shape of several shapes, or `nil` when they are incompatible.
    public static func shape(_ shapes: [[Int]]) -> [Int]? {
        let rank = shapes.map(\.count).max() ?? 0
        var result = Array(repeating: 1, count: rank)
        for shape in shapes {
            let offset = rank - shape.count
            for (axis, dim) in shape.enumerated() {
                let current = result[offset + axis]
                if current == dim || dim == 1 { continue }
                if current == 1 { result[offset + axis] = dim } else { return nil }
            }
        }
        return result
    }

    /// For every element of `outputShape`, the flat index of the element of a tensor of shape
    /// `shape` that broadcasts onto it.
    public static func sourceIndices(from shape: [Int], to outputShape: [Int]) -> [Int] {
        let count = outputShape.reduce(1, *)
        if shape == outputShape { return Array(0..<count) }
        let rank = outputShape.count
        let padded = Array(repeating: 1, count: rank - shape.count) + shape
        let sourceStrides = Tensor<Double>.strides(of: padded)
        let effective = (0..<rank).map { padded[$0] == 1 ? 0 : sourceStrides[$0] }
        var result = [Int](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: rank)
        var source = 0
        for flat in 0..<count {
            result[flat] = source
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                source += effective[axis]
                if index[axis] < outputShape[axis] { break }
                source -= effective[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
