import ZKONNX

extension QuantizedTensorInfo {
    /// Quantizes one flat input: `q = ⌊x·2^scale + 1/2⌋` per element, which must fit `bits` signed bits.
    /// - Throws: ``QuantError/inputMismatch(input:expectedCount:got:)`` for a wrong element count,
    ///   ``QuantError/nonFiniteInput(input:index:)``, ``QuantError/outOfRange(node:tensor:index:value:bits:)``.
    public func quantize(_ flat: [Double]) throws(QuantError) -> Tensor<Int64> {
        guard flat.count == count else { throw .inputMismatch(input: name, expectedCount: count, got: flat.count) }
        let limit = Double(Int64(1) << (bits - 1))
        var scalars: [Int64] = []
        scalars.reserveCapacity(flat.count)
        for (index, x) in flat.enumerated() {
            guard x.isFinite else { throw .nonFiniteInput(input: name, index: index) }
            let scaled = (x * FixedPoint.power(scale) + 0.5).rounded(.down)
            guard scaled >= -limit && scaled < limit else {
                throw .outOfRange(node: "(input)", tensor: name, index: index,
                                  value: scaled.magnitude < 9e18 ? Int64(scaled) : (scaled < 0 ? .min : .max), bits: bits)
            }
            scalars.append(Int64(scaled))
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
