import ZKCircuits
import ZKField
import ZKONNX
import ZKQuant

extension ModelCircuit {
    /// `mul`: one product constraint per element.
    func lowerMul<API: CompilerAPI>(_ step: QuantizedStep, _ operands: [LoweredTensor<API.Signal>],
                                    into result: inout LoweredTensor<API.Signal>, on api: API) {
        let count = step.outputShape.reduce(1, *)
        let (a, b) = (operands[0], operands[1])
        let ia = Broadcast.sourceIndices(from: a.shape, to: step.outputShape)
        let ib = Broadcast.sourceIndices(from: b.shape, to: step.outputShape)
        result.values = (0 ..< count).map { api.mul(a.values[ia[$0]], b.values[ib[$0]]) }
        result.bound = a.bound + b.bound
    }

    /// `batchMatMul`: one product constraint per term `a[t, i, p]·b[t, p, j]`; each output is the
    /// free sum of its `K` products (``MatMulGeometry``).
    func lowerBatchMatMul<API: CompilerAPI>(_ geometry: MatMulGeometry, _ operands: [LoweredTensor<API.Signal>],
                                            into result: inout LoweredTensor<API.Signal>, on api: API) {
        let (a, b) = (operands[0], operands[1])
        let one = BN254.Fr.one
        result.values = geometry.contract(a.values, b.values, zero: [(API.Signal, BN254.Fr)](),
                                          multiply: { [(api.mul($0, $1), one)] }, add: { $0 + $1 })
            .map { api.linearCombination($0, constant: .zero) }
        result.bound = a.bound + b.bound + (Int.bitWidth - max(geometry.inner - 1, 0).leadingZeroBitCount)
    }

    /// `rescale`: a range-checked quotient per element, its sign bits kept when a later step
    /// reads them (``ModelCircuit/tensorsWithSignsRead()``).
    func lowerRescale<API: CompilerAPI>(_ step: QuantizedStep, shift: Int, keepsSigns: Bool, _ operands: [LoweredTensor<API.Signal>],
                                        into result: inout LoweredTensor<API.Signal>, on api: API) {
        var signs: [API.Signal] = []
        signs.reserveCapacity(keepsSigns ? operands[0].values.count : 0)
        result.values = operands[0].values.map { x in
            guard keepsSigns else { return api.rescale(x, shift: shift, bits: step.bits) }
            let (q, s) = api.rescaleWithSign(x, shift: shift, bits: step.bits)
            signs.append(s)
            return q
        }
        (result.bound, result.signs) = (step.bits, keepsSigns ? signs : nil)
    }

    /// `divide`: a range-checked rounded quotient per element, its sign bits kept when a later
    /// step reads them.
    func lowerDivide<API: CompilerAPI>(_ step: QuantizedStep, divisors: [Int64], keepsSigns: Bool, _ operands: [LoweredTensor<API.Signal>],
                                       into result: inout LoweredTensor<API.Signal>, on api: API) {
        var signs: [API.Signal] = []
        signs.reserveCapacity(keepsSigns ? operands[0].values.count : 0)
        result.values = operands[0].values.enumerated().map { i, x in
            let d = divisors.count == 1 ? divisors[0] : divisors[i]
            guard keepsSigns else { return api.divide(x, by: d, bits: step.bits) }
            let (q, s) = api.divideWithSign(x, by: d, bits: step.bits)
            signs.append(s)
            return q
        }
        (result.bound, result.signs) = (step.bits, keepsSigns ? signs : nil)
    }
}
