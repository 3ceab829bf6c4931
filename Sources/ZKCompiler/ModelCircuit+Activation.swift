import ZKCircuits
import ZKField
import ZKONNX
import ZKQuant

extension ModelCircuit {
    /// `relu`: through the input's sign bits when it has them (free of range checks).
    func lowerRelu<API: CompilerAPI>(_ operands: [LoweredTensor<API.Signal>], summedBy summed: Windows?,
                                     into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        if let signs = x.signs, let summed {
            result.values = reluSummed(x.values, signs: signs, windows: summed, on: api)
        } else if let signs = x.signs {
            result.values = zip(x.values, signs).map { api.relu($0, isNonNegative: $1) }
        } else {
            result.values = x.values.map { api.relu($0, bits: x.bound) }
        }
        // y ≥ 0: the constant 1 is a valid sign bit, so a second ReLU (or Clip(0, hi)) is free.
        result.bound = x.bound
        result.signs = Array(repeating: api.constant(BN254.Fr.one), count: result.values.count)
        result.isNonNegative = true
    }

    /// `leakyRelu`: the positive part through the sign bits, the negative part rescaled.
    func lowerLeakyRelu<API: CompilerAPI>(_ step: QuantizedStep, slopes: Tensor<Int64>, shift: Int, _ operands: [LoweredTensor<API.Signal>],
                                          into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        let index = Broadcast.sourceIndices(from: slopes.shape, to: x.shape)
        // The sign bits of x: from its producer's range check when there was one (free), else
        // one signed range check here (as the leakyRelu gadget would do).
        let signs = x.signs ?? api.withLabel("leakyRelu") { x.values.map { api.signedRangeCheck($0, bits: max(x.bound, step.bits)) } }
        result.values = x.values.enumerated().map { i, value in
            let slope = slopes.scalars[index[i]]
            return api.withLabel("leakyRelu") {
                let positive = api.mul(signs[i], value)
                let negative = api.sub(value, positive)
                let scaled = api.rescale(api.mul(negative, constant: slope), shift: shift, bits: step.bits)
                return api.add(positive, scaled)
            }
        }
        result.bound = max(x.bound, step.bits)
        // With positive slopes y has x's sign, or is 0 (where either bit is a valid sign: every
        // use multiplies it by y), so the bits carry over to a following ReLU or LeakyReLU.
        if slopes.scalars.allSatisfy({ $0 > 0 }) { result.signs = signs }
    }

    /// `clip`: `min(max(x, lower), upper)`, skipping a bound the input cannot reach.
    ///
    /// With `lower > upper` (legal ONNX: onnxruntime applies max then min) every output is the
    /// constant `upper`, whatever `x`: no wire, so nothing for a prover to choose.
    func lowerClip<API: CompilerAPI>(lower: Int64, upper: Int64, _ operands: [LoweredTensor<API.Signal>],
                                     into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        if lower > upper {
            result.values = Array(repeating: api.constant(upper), count: x.values.count)
            result.signs = Array(repeating: api.constant(BN254.Fr(upper >= 0 ? 1 : 0)), count: x.values.count)
            result.bound = Self.bitsNeeded(upper)
            return
        }
        let limitBits = max(Self.bitsNeeded(lower), Self.bitsNeeded(upper))
        let width = max(x.bound, limitBits)
        // A bound at or beyond the input's own range can never bind: skip its comparison.
        let lowerNeeded = lower > -(Int64(1) << (x.bound - 1))
        let upperNeeded = upper < (Int64(1) << (x.bound - 1)) - 1
        result.values = x.values.enumerated().map { i, value in
            if lower == 0, let signs = x.signs {
                // Clip(0, hi) after a range check: ReLU through the sign bit, then the upper bound.
                let positive = api.relu(value, isNonNegative: signs[i])
                return upperNeeded ? api.clamp(positive, lo: nil, hi: upper, bits: width) : positive
            }
            return api.clamp(value, lo: lowerNeeded ? lower : nil, hi: upperNeeded ? upper : nil, bits: width)
        }
        result.bound = min(x.bound, limitBits)
    }

    /// `table`: ``ZKCircuits/CircuitAPI/tableFunction(_:table:segments:inputBits:)`` on every
    /// element, the table registered once per circuit (equal tables of other nodes share it).
    func lowerTable<API: CompilerAPI>(_ table: FunctionTable, _ operands: [LoweredTensor<API.Signal>],
                                      into result: inout LoweredTensor<API.Signal>, on api: API) {
        let x = operands[0]
        precondition(x.bound <= table.inputBits, "a table for \(table.inputBits)-bit inputs on \(x.bound)-bit values")
        let segments = table.rows.map { row -> FunctionSegment in
            let span: FunctionSegment.Span = switch row.span {
            case .below: .below
            case let .bucket(j): .bucket(log2Width: j)
            case .above: .above
            }
            return FunctionSegment(start: row.start, span: span, output: row.output, slope: row.slope)
        }
        let name = "\(table.function) in 2^-\(table.inputScale) (\(table.inputBits) bits) out 2^-\(table.outputScale)"
        let id = api.register(.function(name: name, segments: segments, inputBits: table.inputBits))
        result.values = x.values.map { api.tableFunction($0, table: id, segments: segments, inputBits: table.inputBits) }
        // Every output is a row's value on an n-bit input: bounded by the extremes over the rows.
        let (low, high) = (-(Int64(1) << (table.inputBits - 1)), (Int64(1) << (table.inputBits - 1)) - 1)
        let extremes = table.rows.flatMap { row -> [Int64] in
            switch row.span {
            case .below: [row.output, row.value(at: low)]
            case .bucket: [row.output]
            case .above: [row.output, row.value(at: high)]
            }
        }
        result.bound = max(Self.bitsNeeded(extremes.min()!), Self.bitsNeeded(extremes.max()!))
    }

    /// The windows of `next` when it is a window sum over `step`'s ReLU output, that output has
    /// no other reader, and the windows partition it (every element in exactly one window: 2×2
    /// pools with stride 2, for example).
    static func partition(summing step: QuantizedStep, by next: QuantizedStep, readers: [String: Int]) -> Windows? {
        guard case .relu = step.operation, case let .windowSum(windows) = next.operation,
              next.inputs == [step.output], readers[step.output] == 1 else { return nil }
        return windows.partitions(step.outputShape.reduce(1, *)) ? windows : nil
    }

    /// ReLU given sign bits, for an output that a window sum reads in disjoint windows: per window,
    /// every element but one is `sᵢ·xᵢ` as usual, and the last one's product constraint
    /// `s·x = P − Σ others` defines the window's sum `P` as a single wire (that element's value is
    /// the combination `P − Σ others`). The sum then mentions one wire instead of one per element,
    /// with the same constraints and wires, so the layer reading the pool keeps short rows.
    /// Sound like the plain ReLU: `s` is the element's sign bit and the other elements are
    /// constrained by their own rows, so `P` can only be the sum of the ReLU values.
    func reluSummed<API: CompilerAPI>(_ values: [API.Signal], signs: [API.Signal], windows: Windows, on api: API) -> [API.Signal] {
        var outputs = [API.Signal?](repeating: nil, count: values.count)
        for o in 0 ..< windows.count {
            let window = windows.window(o)
            // The element whose row carries the sum: one with a sign wire (a constant sign makes
            // its ReLU free, and the sum row would be a constraint more).
            guard let carrier = window.last(where: { !api.isConstant(signs[$0]) }), window.count > 1 else {
                for e in window { outputs[e] = api.relu(values[e], isNonNegative: signs[e]) }
                continue
            }
            var others: [API.Signal] = []
            for e in window where e != carrier {
                let y = api.relu(values[e], isNonNegative: signs[e])
                outputs[e] = y
                others.append(y)
            }
            let sum = api.hint([signs[carrier], values[carrier]] + others) { (v: [BN254.Fr]) throws(CircuitError) in
                v[2...].reduce(v[0] * v[1], +)
            }
            let value = api.sub(sum, api.linearCombination(others.map { ($0, BN254.Fr.one) }, constant: .zero))
            api.assertProduct(signs[carrier], values[carrier], equals: value)
            outputs[carrier] = value
        }
        return outputs.map { $0! }
    }
}
