import ZKCircuits
import ZKField
import ZKONNX
import ZKQuant

extension ModelCircuit {
    /// `rearrange`: free data movement; sign bits follow their elements.
    func lowerRearrange<API: CompilerAPI>(sources: [Int], constants: [Int64], _ operands: [LoweredTensor<API.Signal>],
                                          into result: inout LoweredTensor<API.Signal>, on api: API) {
        let flat = operands.count == 1 ? operands[0].values : operands.flatMap(\.values)
        let flatSigns: [API.Signal]? = operands.allSatisfy { $0.signs != nil } ? operands.flatMap { $0.signs! } : nil
        var bound = operands.map(\.bound).max() ?? 1
        var signs: [API.Signal] = []
        result.values = sources.map { source in
            if source >= 0 {
                if let flatSigns { signs.append(flatSigns[source]) }
                return flat[source]
            }
            let value = constants[-1 - source]
            bound = max(bound, Self.bitsNeeded(value))
            signs.append(api.constant(BN254.Fr(value >= 0 ? 1 : 0)))
            return api.constant(value)
        }
        result.bound = bound
        if flatSigns != nil { result.signs = signs }
    }
}
