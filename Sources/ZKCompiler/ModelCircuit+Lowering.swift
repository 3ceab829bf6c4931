import ZKCircuits
import ZKField
import ZKONNX
import ZKPoseidon
import ZKQuant

/// A tensor during lowering: its signals, shape, a proven signed bit bound and, when a range
/// check produced them, the sign bits of its elements (1 iff the element is ≥ 0).
struct LoweredTensor<Signal> {
    var values: [Signal]
    var shape: [Int]
    /// Every element lies in `[−2^(bound−1), 2^(bound−1))`, either enforced by a constraint or
    /// implied by the bounds of the step's inputs (the quantizer's static accumulator bound).
    var bound: Int
    /// Sign bits from the range check that enforced `bound`, if any.
    var signs: [Signal]?
    /// Every element is ≥ 0 by construction (a ReLU's output, or a window sum of one); its sign
    /// bits are then the constant 1.
    var isNonNegative = false
}

extension ModelCircuit {
    /// Largest term count a reused activation may keep before it is copied into one wire.
    static let materializeAbove = 8

    /// Lowers the whole model on `api`. In setup mode `inputs` is `nil` (value closures are never
    /// called); otherwise it holds one tensor per graph input.
    ///
    /// Public signals are made in ``layout`` order: each public input element (or, for hashed
    /// inputs, each input tensor's Poseidon digest, `input <name>: poseidon digest`), then each
    /// output element (or each output tensor's digest, `output <name>: poseidon digest`). A salted
    /// digest's salt is a private wire allocated just before its sponge (``digest(_:role:name:salts:on:)``).
    /// - Parameter salts: the salts of salted digests (read only when values are computed).
    /// - Returns: the output tensors' signals (before publication), one array per graph output.
    @discardableResult
    public func lower<API: CompilerAPI>(on api: API, inputs: [Tensor<Int64>]?, salts: DigestSalts = .init()) throws(CompilerError)
        -> [[API.Signal]] {
        for step in model.steps {
            // Gadget preconditions: quotients and comparisons need n + bitlength(d) ≤ 251, n ≤ 63.
            guard step.bits >= 1 && step.bits <= 63 else {
                throw .unsupportedStep(node: step.node, reason: "bit width \(step.bits) outside 1…63")
            }
        }
        var tensors: [String: LoweredTensor<API.Signal>] = [:]
        for (index, info) in model.inputs.enumerated() {
            let lowered: LoweredTensor<API.Signal> = api.withLabel("input \(info.name)") {
                var values: [API.Signal] = []
                var signs: [API.Signal] = []
                values.reserveCapacity(info.count)
                signs.reserveCapacity(info.count)
                for i in 0 ..< info.count {
                    let read: () -> Int64 = { inputs?[index].scalars[i] ?? 0 }
                    let wire = inputVisibility == .public ? api.publicInput(signed: read) : api.privateInput(signed: read)
                    // With the verifier checking the range, `bound` holds without constraints (the
                    // statement only covers signals in range) but there are no sign bits.
                    if !verifierChecksInputs { signs.append(api.signedRangeCheck(wire, bits: info.bits)) }
                    values.append(wire)
                }
                if inputVisibility == .hashed {
                    // The digest of the range-checked private wires is the input's one public signal.
                    _ = api.withLabel("poseidon digest") {
                        api.makePublic(digest(values, role: .input, name: info.name, salts: salts, on: api))
                    }
                }
                return LoweredTensor(values: values, shape: info.shape, bound: info.bits, signs: verifierChecksInputs ? nil : signs)
            }
            tensors[info.name] = lowered
        }
        if parameterVisibility == .hashed, let overflow = ModelParameters(model: model).firstOverflow() {
            throw .unsupportedStep(node: overflow.node, reason: overflow.reason)
        }
        var packedParameters: [API.Signal] = []
        var readers: [String: Int] = [:]
        for step in model.steps { for name in step.inputs { readers[name, default: 0] += 1 } }
        for output in model.outputs { readers[output.name, default: 0] += 2 }
        for (index, step) in model.steps.enumerated() {
            let operands = step.inputs.map { tensors[$0]! }
            let summed = index + 1 < model.steps.count ? Self.partition(summing: step, by: model.steps[index + 1], readers: readers) : nil
            tensors[step.output] = api.withLabel("node \(step.node)") {
                let parameters = parameterVisibility == .hashed
                    ? ModelParameters.tensors(of: step, configuration: model.configuration).map { allocate($0, on: api, packingInto: &packedParameters) }
                    : []
                return lower(step, operands, parameters: parameters, summedBy: summed, on: api)
            }
        }
        if parameterVisibility == .hashed {
            _ = api.withLabel("parameters: poseidon commitment") {
                api.makePublic(digest(packedParameters, role: .parameters, name: "parameters", salts: salts, on: api))
            }
        }
        var outputs: [[API.Signal]] = []
        for info in model.outputs {
            guard let tensor = tensors[info.name] else {
                throw .unsupportedStep(node: "(output)", reason: "graph output '\(info.name)' is not computed by any step")
            }
            api.withLabel("output \(info.name)") {
                switch outputVisibility {
                case .public: _ = tensor.values.map { api.makePublic($0) }
                case .hashed:
                    _ = api.withLabel("poseidon digest") {
                        api.makePublic(digest(tensor.values, role: .output, name: info.name, salts: salts, on: api))
                    }
                }
            }
            outputs.append(tensor.values)
        }
        return outputs
    }

    /// The Poseidon digest of a hashed tensor's wires: salted when ``salting`` covers `role` (the
    /// salt a private wire, range-checked to 248 bits by the gadget; ZKPoseidon's
    /// `poseidon(vector:salt:)`), plain otherwise.
    func digest<API: CompilerAPI>(_ values: [API.Signal], role: PublicLayout.Entry.Role, name: String, salts: DigestSalts,
                                  on api: API) -> API.Signal {
        guard salting.salts(role) else { return api.poseidon(vector: values) }
        let salt = api.withLabel("salt") { api.privateInput { salts.salt(role: role, name: name) ?? .zero } }
        return api.poseidon(vector: values, salt: salt)
    }

    /// A hashed parameter tensor: private wires range-checked to its width (label
    /// `<role> range`), and their packed linear combinations appended to `packed`
    /// (``ModelParameters`` documents the packing the commitment hashes).
    func allocate<API: CompilerAPI>(_ tensor: ModelParameters.Entry, on api: API, packingInto packed: inout [API.Signal]) -> [API.Signal] {
        let values = tensor.values
        let wires = api.withLabel("\(tensor.role) range") {
            values.indices.map { i in
                let wire = api.privateInput(signed: { values[i] })
                _ = api.signedRangeCheck(wire, bits: tensor.bits)
                return wire
            }
        }
        let k = ModelParameters.packing(bits: tensor.bits)
        let offset = Self.field(Int64(1) << (tensor.bits - 1))
        let step = ModelParameters.power(tensor.bits)
        var start = 0
        while start < wires.count {
            var terms: [(API.Signal, BN254.Fr)] = []
            var constant = BN254.Fr.zero
            var weight = BN254.Fr.one
            for wire in wires[start ..< min(start + k, wires.count)] {
                terms.append((wire, weight))
                constant += offset * weight
                weight *= step
            }
            packed.append(api.linearCombination(terms, constant: constant))
            start += k
        }
        return wires
    }

    /// One step: the gadget for its operation, then a signed range check when the step is an
    /// activation whose gadget does not already bound it to `step.bits`. `parameters` holds the
    /// step's hashed parameter wires (``ModelParameters/tensors(of:configuration:)`` order), or
    /// is empty when parameters are circuit constants.
    /// - Parameter summed: for a ReLU whose only reader is a window sum with these windows, each
    ///   of its elements in exactly one window: the sums are made single wires for free
    ///   (``reluSummed(_:signs:windows:on:)``).
    func lower<API: CompilerAPI>(_ step: QuantizedStep, _ operands: [LoweredTensor<API.Signal>], parameters: [[API.Signal]],
                                 summedBy summed: Windows? = nil, on api: API) -> LoweredTensor<API.Signal> {
        var result = LoweredTensor<API.Signal>(values: [], shape: step.outputShape, bound: 64, signs: nil)
        let count = step.outputShape.reduce(1, *)
        switch step.operation {
        case let .matMul(weights, bias):
            let x = operands[0]
            let (k, n) = (weights.shape[0], weights.shape[1])
            let w = weights.scalars.map(Self.field)
            let b = bias?.map(Self.field)
            let rows = x.values.count / k
            result.values.reserveCapacity(rows * n)
            var terms: [(API.Signal, BN254.Fr)] = []
            if let wires = parameters.first {
                // Hashed weights: one product per term, the bias wire added.
                let biasWires = parameters.count > 1 ? parameters[1] : nil
                for r in 0 ..< rows {
                    for j in 0 ..< n {
                        terms = (0 ..< k).map { p in (api.mul(x.values[r * k + p], wires[p * n + j]), BN254.Fr.one) }
                        if let biasWires { terms.append((biasWires[j], .one)) }
                        result.values.append(api.linearCombination(terms, constant: .zero))
                    }
                }
                break
            }
            for r in 0 ..< rows {
                for j in 0 ..< n {
                    terms.removeAll(keepingCapacity: true)
                    for p in 0 ..< k where weights.scalars[p * n + j] != 0 { terms.append((x.values[r * k + p], w[p * n + j])) }
                    result.values.append(api.linearCombination(terms, constant: b?[j] ?? .zero))
                }
            }
        case let .conv(geometry, weights, bias):
            result.values = conv(operands[0].values, geometry: geometry, weights: weights.scalars, bias: bias, parameters: parameters, on: api)
        case let .linearCombination(coefficients, constant):
            let indices = operands.map { Broadcast.sourceIndices(from: $0.shape, to: step.outputShape) }
            let c = coefficients.map(Self.field)
            let constantIndex = constant.map { Broadcast.sourceIndices(from: $0.shape, to: step.outputShape) }
            result.values = (0 ..< count).map { i in
                var terms = operands.indices.map { (operands[$0].values[indices[$0][i]], c[$0]) }
                if let wires = parameters.first {
                    terms.append((wires[constantIndex![i]], .one))
                    return api.linearCombination(terms, constant: .zero)
                }
                let offset = constant.map { Self.field($0.scalars[constantIndex![i]]) } ?? .zero
                return api.linearCombination(terms, constant: offset)
            }
        case let .mulConstant(multiplier, bias):
            let x = operands[0]
            let ix = Broadcast.sourceIndices(from: x.shape, to: step.outputShape)
            let im = Broadcast.sourceIndices(from: multiplier.shape, to: step.outputShape)
            let ib = bias.map { Broadcast.sourceIndices(from: $0.shape, to: step.outputShape) }
            result.values = (0 ..< count).map { i in
                if let wires = parameters.first {
                    var terms = [(api.mul(x.values[ix[i]], wires[im[i]]), BN254.Fr.one)]
                    if parameters.count > 1 { terms.append((parameters[1][ib![i]], .one)) }
                    return api.linearCombination(terms, constant: .zero)
                }
                let offset = bias.map { Self.field($0.scalars[ib![i]]) } ?? .zero
                return api.linearCombination([(x.values[ix[i]], Self.field(multiplier.scalars[im[i]]))], constant: offset)
            }
        case .mul:
            let (a, b) = (operands[0], operands[1])
            let ia = Broadcast.sourceIndices(from: a.shape, to: step.outputShape)
            let ib = Broadcast.sourceIndices(from: b.shape, to: step.outputShape)
            result.values = (0 ..< count).map { api.mul(a.values[ia[$0]], b.values[ib[$0]]) }
            result.bound = a.bound + b.bound
        case let .rescale(shift):
            var signs: [API.Signal] = []
            signs.reserveCapacity(count)
            result.values = operands[0].values.map { x in
                let (q, s) = api.rescaleWithSign(x, shift: shift, bits: step.bits)
                signs.append(s)
                return q
            }
            (result.bound, result.signs) = (step.bits, signs)
        case let .divide(divisors):
            var signs: [API.Signal] = []
            signs.reserveCapacity(count)
            result.values = operands[0].values.enumerated().map { i, x in
                let (q, s) = api.divideWithSign(x, by: divisors.count == 1 ? divisors[0] : divisors[i], bits: step.bits)
                signs.append(s)
                return q
            }
            (result.bound, result.signs) = (step.bits, signs)
        case .relu:
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
        case let .leakyRelu(slopes, shift):
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
        case let .clip(lower, upper):
            let x = operands[0]
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
        case let .rearrange(sources, constants):
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
        case let .windowSum(windows):
            let x = operands[0]
            result.values = (0 ..< windows.count).map { o in
                api.linearCombination(windows.window(o).map { (x.values[$0], BN254.Fr.one) }, constant: .zero)
            }
            if x.isNonNegative {
                // A sum of ReLU outputs (a folded average): ≥ 0, so a ReLU after it stays free.
                result.isNonNegative = true
                result.signs = Array(repeating: api.constant(BN254.Fr.one), count: result.values.count)
            }
        case let .windowMax(windows):
            let x = operands[0]
            result.values = (0 ..< windows.count).map { o in api.max(of: windows.window(o).map { x.values[$0] }, bits: x.bound) }
            result.bound = x.bound
        case let .argMax(windows, selectLast):
            let x = operands[0]
            var largest = 1
            result.values = (0 ..< windows.count).map { o in
                largest = max(largest, windows.window(o).count)
                return api.argMax(windows.window(o).map { x.values[$0] }, bits: x.bound, selectLast: selectLast)
            }
            result.bound = Self.bitsNeeded(Int64(largest - 1))
        }
        if !step.isActivation {
            // An accumulator: the quantizer proved |y| < 2^(bits−1) from its inputs' bounds.
            result.bound = min(result.bound, step.bits)
            return result
        }
        if result.bound <= step.bits { return result }
        // An activation the gadget does not bound: enforce the declared width (this is the check
        // the integer inference makes), keeping the sign bits for a following ReLU.
        var signs: [API.Signal] = []
        signs.reserveCapacity(result.values.count)
        result.values = api.withLabel("activation") {
            result.values.map { value in
                var wire = value
                if api.termCount(of: value) > Self.materializeAbove {
                    wire = api.hint([value]) { (v: [BN254.Fr]) throws(CircuitError) in v[0] }
                    api.assertEqual(wire, value)
                }
                signs.append(api.signedRangeCheck(wire, bits: step.bits))
                return wire
            }
        }
        (result.bound, result.signs) = (step.bits, signs)
        return result
    }

    /// The windows of `next` when it is a window sum over `step`'s ReLU output, that output has
    /// no other reader, and the windows partition it (every element in exactly one window: 2×2
    /// pools with stride 2, for example).
    static func partition(summing step: QuantizedStep, by next: QuantizedStep, readers: [String: Int]) -> Windows? {
        guard case .relu = step.operation, case let .windowSum(windows) = next.operation,
              next.inputs == [step.output], readers[step.output] == 1 else { return nil }
        let count = step.outputShape.reduce(1, *)
        guard windows.indices.count == count else { return nil }
        var seen = [Bool](repeating: false, count: count)
        for index in windows.indices {
            guard index >= 0, index < count, !seen[index] else { return nil }
            seen[index] = true
        }
        return windows
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

    /// Convolution as one linear combination per output element (im2col offsets from the geometry).
    /// With hashed `parameters` (weight wires, then bias wires) every in-image term is a product.
    func conv<API: CompilerAPI>(_ x: [API.Signal], geometry: ConvGeometry, weights: [Int64], bias: [Int64]?,
                                parameters: [[API.Signal]], on api: API) -> [API.Signal] {
        let hashed = parameters.first
        let biasWires = parameters.count > 1 ? parameters[1] : nil
        let offsets = geometry.patchOffsets()
        let (positions, patch) = (geometry.outputPositions, geometry.patchLength)
        let plane = geometry.inputSize[0] * geometry.inputSize[1]
        let perGroup = geometry.outputsPerGroup
        let w = weights.map(Self.field)
        var out = [API.Signal](repeating: api.constant(BN254.Fr.zero), count: geometry.batch * geometry.outputChannels * positions)
        var terms: [(API.Signal, BN254.Fr)] = []
        terms.reserveCapacity(patch)
        for n in 0 ..< geometry.batch {
            for g in 0 ..< geometry.group {
                let base = (n * geometry.inputChannels + g * geometry.channelsPerGroup) * plane
                for m in 0 ..< perGroup {
                    let channel = g * perGroup + m
                    let b = hashed == nil ? bias.map { Self.field($0[channel]) } ?? .zero : .zero
                    for p in 0 ..< positions {
                        terms.removeAll(keepingCapacity: true)
                        if let hashed {
                            for e in 0 ..< patch where offsets[p * patch + e] >= 0 {
                                terms.append((api.mul(x[base + offsets[p * patch + e]], hashed[channel * patch + e]), .one))
                            }
                            if let biasWires { terms.append((biasWires[channel], .one)) }
                        }
                        for e in 0 ..< patch where hashed == nil {
                            let offset = offsets[p * patch + e]
                            let weight = weights[channel * patch + e]
                            if offset >= 0 && weight != 0 { terms.append((x[base + offset], w[channel * patch + e])) }
                        }
                        out[(n * geometry.outputChannels + channel) * positions + p] = api.linearCombination(terms, constant: b)
                    }
                }
            }
        }
        return out
    }

    /// The field element of a signed integer.
    @inline(__always) static func field(_ value: Int64) -> BN254.Fr { BN254.Fr(Int(value)) }

    /// The signed width that holds `value`.
    static func bitsNeeded(_ value: Int64) -> Int {
        value >= 0 ? 65 - value.leadingZeroBitCount : 65 - (~value).leadingZeroBitCount
    }
}
