import ZKCircuits
import ZKField
import ZKONNX
import ZKQuant

extension ModelCircuit {
    /// `windowSum`: one free linear combination per window.
    func lowerWindowSum<API: CompilerAPI>(windows: Windows, _ operands: [LoweredTensor<API.Signal>],
                                          into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        result.values = (0 ..< windows.count).map { o in
            api.linearCombination(windows.window(o).map { (x.values[$0], BN254.Fr.one) }, constant: .zero)
        }
        if x.isNonNegative {
            // A sum of ReLU outputs (a folded average): ≥ 0, so a ReLU after it stays free.
            result.isNonNegative = true
            result.signs = Array(repeating: api.constant(BN254.Fr.one), count: result.values.count)
        }
    }

    /// `windowMax`: the maximum gadget per window.
    func lowerWindowMax<API: CompilerAPI>(windows: Windows, _ operands: [LoweredTensor<API.Signal>],
                                          into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        result.values = (0 ..< windows.count).map { o in api.max(of: windows.window(o).map { x.values[$0] }, bits: x.bound) }
        result.bound = x.bound
    }

    /// `argMax`: the position gadget per window.
    func lowerArgMax<API: CompilerAPI>(windows: Windows, selectLast: Bool, _ operands: [LoweredTensor<API.Signal>],
                                       into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        var largest = 1
        result.values = (0 ..< windows.count).map { o in
            largest = max(largest, windows.window(o).count)
            return api.argMax(windows.window(o).map { x.values[$0] }, bits: x.bound, selectLast: selectLast)
        }
        result.bound = Self.bitsNeeded(Int64(largest - 1))
    }
}
