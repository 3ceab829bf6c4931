import ZKCircuits
import ZKConstraints
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
            if parameterVisibility == .hashed, case .treeEnsemble = step.operation {
                throw .unsupportedStep(node: step.node, reason: "a tree ensemble's thresholds and leaves are circuit constants: "
                                       + "--param-visibility hashed is not supported for it (use fixed)")
            }
            // Gadget preconditions: quotients and comparisons need n + bitlength(d) ≤ 251, n ≤ 63.
            guard step.bits >= 1 && step.bits <= 63 else {
                throw .unsupportedStep(node: step.node, reason: "bit width \(step.bits) outside 1…63")
            }
        }
        try checkShiftReaders()
        var tensors: [String: LoweredTensor<API.Signal>] = [:]
        let signsRead = tensorsWithSignsRead()
        // With packing, the public values in layout order and their widths (0: a digest), made
        // public as words at the end; without, each is made public where it is computed.
        let packed = publicPacking == .packed
        var pending: [(signal: API.Signal, bits: Int)] = []
        func publish(_ signal: API.Signal, bits: Int) {
            if packed { pending.append((signal, bits)) } else { _ = api.makePublic(signal) }
        }
        for (index, info) in model.inputs.enumerated() {
            let keepsSigns = signsRead.contains(info.name)
            let lowered: LoweredTensor<API.Signal> = api.withLabel("input \(info.name)") {
                var values: [API.Signal] = []
                var signs: [API.Signal] = []
                values.reserveCapacity(info.count)
                signs.reserveCapacity(info.count)
                for i in 0 ..< info.count {
                    let read: () -> Int64 = { inputs?[index].scalars[i] ?? 0 }
                    // A public input is a private wire made public (or packed): the same wire and
                    // numbering as `publicInput`.
                    let wire = api.privateInput(signed: read)
                    if inputVisibility == .public { publish(wire, bits: info.bits) }
                    // With the verifier checking the range, `bound` holds without constraints (the
                    // statement only covers signals in range) but there are no sign bits.
                    // The sign bits only when a reader uses them (ReLU, LeakyReLU, Clip); otherwise
                    // the cheaper sign-free check (the same constraints with bits).
                    if !verifierChecksInputs {
                        if keepsSigns { signs.append(api.signedRangeCheck(wire, bits: info.bits)) }
                        else { api.rangeCheck(signed: wire, bits: info.bits) }
                    }
                    values.append(wire)
                }
                if inputVisibility == .hashed {
                    // The digest of the range-checked private wires is the input's one public signal.
                    api.withLabel("poseidon digest") {
                        publish(digest(values, role: .input, name: info.name, salts: salts, on: api), bits: 0)
                    }
                }
                return LoweredTensor(values: values, shape: info.shape, bound: info.bits, signs: verifierChecksInputs || !keepsSigns ? nil : signs)
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
                return lower(step, operands, parameters: parameters, summedBy: summed, keepsSigns: signsRead.contains(step.output),
                             on: api)
            }
        }
        if parameterVisibility == .hashed {
            api.withLabel("parameters: poseidon commitment") {
                publish(digest(packedParameters, role: .parameters, name: "parameters", salts: salts, on: api), bits: 0)
            }
        }
        var outputs: [[API.Signal]] = []
        for info in model.outputs {
            guard let tensor = tensors[info.name] else {
                throw .unsupportedStep(node: "(output)", reason: "graph output '\(info.name)' is not computed by any step")
            }
            api.withLabel("output \(info.name)") {
                switch outputVisibility {
                case .public:
                    let bits = packedBits(ofOutput: info.name)
                    for value in tensor.values {
                        // A packed value must be proven to fit its width; the lowering's bound
                        // usually does that already (the step's range check or its operands').
                        if packed && tensor.bound > bits { api.rangeCheck(signed: value, bits: bits) }
                        publish(value, bits: bits)
                    }
                case .hashed:
                    api.withLabel("poseidon digest") {
                        publish(digest(tensor.values, role: .output, name: info.name, salts: salts, on: api), bits: 0)
                    }
                }
            }
            outputs.append(tensor.values)
        }
        if packed {
            precondition(pending.count == layout.count, "packed values do not match the public layout")
            Self.publishWords(pending, on: api)
        }
        return outputs
    }

    /// Makes the packed words of `values` public, in order (``ZKConstraints/PublicPacking``): a
    /// digest (width 0) as it is, else `Σ (vᵢ + 2^(bᵢ−1))·2^pᵢ`, one linear constraint per word.
    /// Every value of width > 0 is range-checked to its width by then, so the words determine
    /// the values.
    /// - Precondition: every value of width `b > 0` is range-checked to `b` signed bits.
    static func publishWords<API: CircuitAPI>(_ values: [(signal: API.Signal, bits: Int)], on api: API) {
        let packing = PublicPacking(widths: values.map(\.bits))
        api.withLabel("public words") {
            for word in packing.words {
                if packing.widths[word.lowerBound] == 0 {
                    _ = api.makePublic(values[word.lowerBound].signal)
                    continue
                }
                var offset = BN254.Fr.zero
                var terms: [(API.Signal, BN254.Fr)] = []
                for i in word {
                    let weight = BN254.powersOfTwo[packing.positions[i]]
                    terms.append((values[i].signal, weight))
                    offset += PublicPacking.half(bits: packing.widths[i]) * weight
                }
                _ = api.makePublic(api.linearCombination(terms, constant: offset))
            }
        }
    }

    /// The tensors whose sign bits a later step uses (directly or through rearrangements): ReLU,
    /// LeakyReLU and Clip read them; every other step ignores them. A range check whose tensor is
    /// not in the set is the sign-free one (``ZKCircuits/CircuitAPI/rangeCheck(signed:bits:)``,
    /// one boolean constraint fewer with limbs; the same constraints with bits).
    /// - Complexity: one pass over the steps, backwards (they are in topological order).
    func tensorsWithSignsRead() -> Set<String> {
        var read: Set<String> = []
        for step in model.steps.reversed() {
            switch step.operation {
            case .relu, .leakyRelu, .clip: read.formUnion(step.inputs)
            case .rearrange where read.contains(step.output): read.formUnion(step.inputs)
            default: break
            }
        }
        return read
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
                api.rangeCheck(signed: wire, bits: tensor.bits)
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
    /// - Parameter keepsSigns: whether a later step reads the output's sign bits
    ///   (``tensorsWithSignsRead()``): a rescale, a division or an activation check then keeps
    ///   them, else it makes the sign-free check.
    func lower<API: CompilerAPI>(_ step: QuantizedStep, _ operands: [LoweredTensor<API.Signal>], parameters: [[API.Signal]],
                                 summedBy summed: Windows? = nil, keepsSigns: Bool, on api: API) -> LoweredTensor<API.Signal> {
        var result = LoweredTensor<API.Signal>(values: [], shape: step.outputShape, bound: 64, signs: nil)
        switch step.operation {
        case let .matMul(weights, bias): lowerMatMul(weights: weights, bias: bias, operands, parameters: parameters, into: &result, on: api)
        case let .conv(geometry, weights, bias):
            result.values = conv(operands[0].values, geometry: geometry, weights: weights.scalars, bias: bias, parameters: parameters, on: api)
        case let .linearCombination(coefficients, constant):
            lowerLinearCombination(step, coefficients: coefficients, constant: constant, operands, parameters: parameters, into: &result, on: api)
        case let .mulConstant(multiplier, bias):
            lowerMulConstant(step, multiplier: multiplier, bias: bias, operands, parameters: parameters, into: &result, on: api)
        case .mul: lowerMul(step, operands, into: &result, on: api)
        case let .batchMatMul(geometry): lowerBatchMatMul(geometry, operands, into: &result, on: api)
        case let .rescale(shift): lowerRescale(step, shift: shift, keepsSigns: keepsSigns, operands, into: &result, on: api)
        case let .divide(divisors): lowerDivide(step, divisors: divisors, keepsSigns: keepsSigns, operands, into: &result, on: api)
        case .relu: lowerRelu(operands, summedBy: summed, into: &result, on: api)
        case let .leakyRelu(slopes, shift): lowerLeakyRelu(step, slopes: slopes, shift: shift, operands, into: &result, on: api)
        case let .clip(lower, upper): lowerClip(lower: lower, upper: upper, operands, into: &result, on: api)
        case let .table(table): lowerTable(table, operands, into: &result, on: api)
        case let .test(test):
            // A boolean per element: the sign test of an n-bit value (sound for any n-bit input).
            let x = operands[0]
            let zero = api.linearCombination([], constant: .zero)
            result.values = x.values.map { value in
                switch test {
                case .negative: api.lessThan(value, zero, bits: x.bound)
                case .nonPositive: api.lessOrEqual(value, zero, bits: x.bound)
                case .zero: api.isZero(value, pinsInverse: true)
                }
            }
            result.bound = 2
        case let .reciprocal(k):
            // y ≤ 2^k: k + 2 signed bits.
            let x = operands[0]
            result.values = x.values.map { api.reciprocal($0, shift: k, bits: x.bound) }
            result.bound = k + 2
        case let .rearrange(sources, constants): lowerRearrange(sources: sources, constants: constants, operands, into: &result, on: api)
        case let .windowSum(windows): lowerWindowSum(windows: windows, operands, into: &result, on: api)
        case let .windowMax(windows): lowerWindowMax(windows: windows, operands, into: &result, on: api)
        case let .subtractWindowMax(windows): lowerSubtractWindowMax(windows: windows, operands, into: &result, on: api)
        case let .treeEnsemble(forest): lowerTreeEnsemble(forest, operands, into: &result, on: api)
        case let .bitwise(operation, constant, bits):
            lowerBitwise(step, operation, constant: constant, bits: bits, operands, into: &result, on: api)
        case let .shiftLeft(shifts, width, bits):
            lowerShiftLeft(step, shifts: shifts, width: width, bits: bits, operands, into: &result, on: api)
        case let .oneHot(depth):
            result.values = operands[0].values.flatMap { api.oneHot($0, count: depth) }
            result.bound = 2
        case let .argMax(windows, selectLast): lowerArgMax(windows: windows, selectLast: selectLast, operands, into: &result, on: api)
        }
        if !step.isActivation {
            // An accumulator: the quantizer proved |y| < 2^(bits−1) from its inputs' bounds.
            result.bound = min(result.bound, step.bits)
            return result
        }
        if result.bound <= step.bits { return result }
        // An activation the gadget does not bound: enforce the declared width (this is the check
        // the integer inference makes), keeping the sign bits when a later step reads them.
        var signs: [API.Signal] = []
        signs.reserveCapacity(keepsSigns ? result.values.count : 0)
        result.values = api.withLabel("activation") {
            result.values.map { value in
                let wire = materialized(value, on: api)
                if keepsSigns { signs.append(api.signedRangeCheck(wire, bits: step.bits)) }
                else { api.rangeCheck(signed: wire, bits: step.bits) }
                return wire
            }
        }
        (result.bound, result.signs) = (step.bits, keepsSigns ? signs : nil)
        return result
    }

    /// `value` itself, or one wire equal to it (one constraint) when it mentions more than
    /// ``materializeAbove`` wires, so that every constraint reading it stays short.
    func materialized<API: CompilerAPI>(_ value: API.Signal, on api: API) -> API.Signal {
        guard api.termCount(of: value) > Self.materializeAbove else { return value }
        let wire = api.hint([value]) { (v: [BN254.Fr]) throws(CircuitError) in v[0] }
        api.assertEqual(wire, value)
        return wire
    }

    /// The field element of a signed integer.
    @inline(__always) static func field(_ value: Int64) -> BN254.Fr { BN254.Fr(Int(value)) }

    /// `values` as field elements. A weight tensor's integers are small, so when their range is
    /// no wider than their count the field elements of the range are made once, by additions (one
    /// Montgomery conversion, then one field addition per integer), and looked up.
    static func fields(_ values: [Int64]) -> [BN254.Fr] {
        guard let low = values.min(), let high = values.max(), high.subtractingReportingOverflow(low).overflow == false,
              high - low < Int64(values.count) else { return values.map(field) }
        var table = [BN254.Fr](repeating: .zero, count: Int(high - low) + 1)
        table[0] = field(low)
        for i in table.indices.dropFirst() { table[i] = table[i - 1] + .one }
        return values.map { table[Int($0 - low)] }
    }

    /// The signed width that holds `value`.
    static func bitsNeeded(_ value: Int64) -> Int {
        value >= 0 ? 65 - value.leadingZeroBitCount : 65 - (~value).leadingZeroBitCount
    }
}
