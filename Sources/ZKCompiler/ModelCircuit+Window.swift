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

    /// `subtractWindowMax`: per window a hinted maximum proved to be one of its elements
    /// (``ZKCircuits/CircuitAPI/maximumMember(of:)``), then `x − m` per element, free. That no
    /// element exceeds `m` is proved by the table reading the output (no row above 0), which
    /// ``checkShiftReaders()`` requires before anything is lowered; with both, `m` is the maximum.
    func lowerSubtractWindowMax<API: CompilerAPI>(windows: Windows, _ operands: [LoweredTensor<API.Signal>],
                                                  into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        var values = x.values
        for o in 0 ..< windows.count {
            let window = windows.window(o)
            let m = api.maximumMember(of: window.map { x.values[$0] })
            for i in window { values[i] = api.sub(x.values[i], m) }
        }
        result.values = values
        // x − m with both n-bit signed (m is one of the x): n + 1 bits.
        result.bound = x.bound + 1
    }

    /// Refuses a model where a ``ZKQuant/QuantizedOperation/subtractWindowMax(_:)`` step's
    /// windows do not partition its input, or no `table` step reads its whole output through a
    /// table covering no input above 0: the maximum would then be proved a member only, and a
    /// prover could subtract a smaller element.
    func checkShiftReaders() throws(CompilerError) {
        for step in model.steps {
            guard case let .subtractWindowMax(windows) = step.operation else { continue }
            guard windows.partitions(step.outputShape.reduce(1, *)) else {
                throw .unsupportedStep(node: step.node, reason: "subtractWindowMax: its windows do not partition the input")
            }
            let bounded = model.steps.contains { reader in
                guard reader.inputs == [step.output], case let .table(table) = reader.operation,
                      let largest = table.largestCoveredInput else { return false }
                return largest <= 0
            }
            guard bounded else {
                throw .unsupportedStep(node: step.node, reason: "subtractWindowMax: no table with no row above 0 reads '\(step.output)', "
                                       + "so its maximum would be proved a member only")
            }
        }
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
