/// ONNX `RNN`, `GRU` and `LSTM` unrolled over their static sequence length into nodes of operators
/// zkml already supports (Gather, MatMul, Add, Sub, Mul, Concat, Reshape, Transpose, Clip and
/// the gate activations), with the equations of the ONNX operator specification:
///
/// - RNN: `Hₜ = f(Xₜ·Wᵀ + Hₜ₋₁·Rᵀ + Wb + Rb)`;
/// - GRU (gates z, r, h): `zₜ = f(Xₜ·W_zᵀ + Hₜ₋₁·R_zᵀ + Wb_z + Rb_z)`, `rₜ` alike,
///   `h̃ₜ = g(Xₜ·W_hᵀ + (rₜ ⊙ Hₜ₋₁)·R_hᵀ + Rb_h + Wb_h)` (`linear_before_reset = 0`) or
///   `g(Xₜ·W_hᵀ + rₜ ⊙ (Hₜ₋₁·R_hᵀ + Rb_h) + Wb_h)`, `Hₜ = (1 − zₜ) ⊙ h̃ₜ + zₜ ⊙ Hₜ₋₁`;
/// - LSTM (gates i, o, f, c; peepholes P in the order i, o, f): `iₜ = f(Xₜ·W_iᵀ + Hₜ₋₁·R_iᵀ +
///   P_i ⊙ Cₜ₋₁ + Wb_i + Rb_i)`, `fₜ` alike (or `1 − iₜ` with `input_forget`), `c̃ₜ = g(…)`,
///   `Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ c̃ₜ`, `oₜ = f(… + P_o ⊙ Cₜ + …)`, `Hₜ = oₜ ⊙ h(Cₜ)`.
///
/// Every direction (`forward`, `reverse`, `bidirectional`), `layout` 0 and 1, optional `B`,
/// `initial_h`, `initial_c`, `P`, `clip` (on every gate's input) and the activation list with its
/// `activation_alpha`/`activation_beta` (consumed in order by the functions that take them, as
/// onnxruntime does). A constant `sequence_lens` masks the steps past each batch entry's length:
/// its state stops changing and its `Y` rows are 0 (a reverse direction starts at its last valid
/// step). With constant weights every product by `W` or `R` is a free `matMul` once quantized.
public struct RecurrentExpansion {
    /// The nodes, in evaluation order; they read the recurrent node's inputs by name and write its outputs.
    public private(set) var nodes: [Node] = []
    /// The constants the nodes read (indices, shapes, masks, zero states), by name.
    public private(set) var constants: [String: Tensor<Double>] = [:]
    /// The element type of each of ``constants``.
    public private(set) var constantTypes: [String: ElementType] = [:]

    private let prefix: String
    private var counter = 0

    enum Cell { case rnn, gru, lstm }

    /// The unrolled form of `node` (an RNN, GRU or LSTM) whose input `X` has shape `inputShape`
    /// and whose `sequence_lens` (input 4) is `sequenceLengths` when given.
    public init(_ node: Node, inputShape: [Int], sequenceLengths: [Int]?, hasInput: (Int) -> Bool, opset: Int) throws {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        let cell: Cell
        switch node.op {
        case .rnn: cell = .rnn
        case .gru: cell = .gru
        case .lstm: cell = .lstm
        default: throw fail("not a recurrent operator")
        }
        prefix = node.name
        let gates = cell == .lstm ? 4 : cell == .gru ? 3 : 1
        guard let hidden = node.int("hidden_size"), hidden > 0 else { throw fail("needs a positive hidden_size") }
        let directions: [Bool]  // reverse?
        switch node.string("direction") ?? "forward" {
        case "forward": directions = [false]
        case "reverse": directions = [true]
        case "bidirectional": directions = [false, true]
        case let other: throw fail("direction '\(other)' (forward, reverse, bidirectional)")
        }
        let layout = node.int("layout") ?? 0
        guard layout == 0 || layout == 1 else { throw fail("layout \(layout) (0 or 1)") }
        guard inputShape.count == 3 else { throw fail("X must have rank 3, not \(inputShape)") }
        let (steps, batch) = layout == 0 ? (inputShape[0], inputShape[1]) : (inputShape[1], inputShape[0])
        if let lengths = sequenceLengths {
            guard lengths.count == batch, lengths.allSatisfy({ (0 ... steps).contains($0) }) else {
                throw fail("sequence_lens \(lengths) for a batch of \(batch) and \(steps) steps")
            }
        }
        let clip = node.float("clip")
        if let clip, !(clip > 0) { throw fail("clip \(clip) must be positive") }
        let inputForget = (node.int("input_forget") ?? 0) != 0
        let linearBeforeReset = (node.int("linear_before_reset") ?? 0) != 0
        let defaults = cell == .lstm ? ["Sigmoid", "Tanh", "Tanh"] : cell == .gru ? ["Sigmoid", "Tanh"] : ["Tanh"]
        var names = node.strings("activations") ?? []
        if names.isEmpty { names = directions.flatMap { _ in defaults } }
        if names.count == defaults.count && directions.count == 2 { names += names }
        guard names.count == defaults.count * directions.count else {
            throw fail("\(names.count) activations for \(directions.count) direction(s) of \(defaults.count)")
        }
        var alphas = node.floats("activation_alpha") ?? [], betas = node.floats("activation_beta") ?? []
        var functions: [Activation] = []
        for name in names {
            guard let function = Activation(name: name, alphas: &alphas, betas: &betas) else { throw fail("activation '\(name)'") }
            functions.append(function)
        }

        var x = node.inputs[0]
        if layout == 1 { x = emit("Transpose", [x], attributes: ["perm": .ints([1, 0, 2])]) }
        func state(_ index: Int) -> String? {
            guard hasInput(index) else { return nil }
            return layout == 1 ? emit("Transpose", [node.inputs[index]], attributes: ["perm": .ints([1, 0, 2])]) : node.inputs[index]
        }
        let initialH = state(5), initialC = cell == .lstm ? state(6) : nil
        let zeros = constant([batch, hidden], Array(repeating: 0, count: batch * hidden))
        let (g, h) = (gates, hidden)

        var outputs: [[String]] = []          // [direction][t] hidden state Y rows [B, H]
        var finalH: [String] = [], finalC: [String] = []
        for (d, reverse) in directions.enumerated() {
            let direction = index([], [d])
            let f = functions[d * defaults.count ..< (d + 1) * defaults.count].map { $0 }
            let w = emit("Gather", [node.inputs[1], direction], attributes: ["axis": .int(0)])          // [G·H, I]
            let r = emit("Gather", [node.inputs[2], direction], attributes: ["axis": .int(0)])          // [G·H, H]
            var xw = emit("MatMul", [x, emit("Transpose", [w], attributes: ["perm": .ints([1, 0])])])  // [S, B, G·H]
            var recurrentHiddenBias: String?
            if hasInput(3) {
                let b = emit("Gather", [node.inputs[3], direction], attributes: ["axis": .int(0)])      // [2·G·H]
                let wb = emit("Gather", [b, index([g * h], Array(0 ..< g * h))], attributes: ["axis": .int(0)])
                var rb = emit("Gather", [b, index([g * h], Array(g * h ..< 2 * g * h))], attributes: ["axis": .int(0)])
                if cell == .gru {
                    // Rb_h goes inside the reset (or next to R_h): only Rb_z, Rb_r join the input's bias.
                    recurrentHiddenBias = emit("Gather", [rb, index([h], Array(2 * h ..< 3 * h))], attributes: ["axis": .int(0)])
                    rb = emit("Mul", [rb, constant([g * h], (0 ..< g * h).map { $0 < 2 * h ? 1 : 0 })])
                }
                xw = emit("Add", [xw, emit("Add", [wb, rb])])
            }
            func columns(_ value: String, _ range: Range<Int>) -> String {
                emit("Gather", [value, index([range.count], Array(range))], attributes: ["axis": .int(1)])
            }
            func transposedRows(_ value: String, _ range: Range<Int>) -> String {
                let rows = emit("Gather", [value, index([range.count], Array(range))], attributes: ["axis": .int(0)])
                return emit("Transpose", [rows], attributes: ["perm": .ints([1, 0])])
            }
            func clipped(_ value: String) -> String {
                guard let clip else { return value }
                if opset < 11 { return emit("Clip", [value], attributes: ["min": .float(-clip), "max": .float(clip)]) }
                return emit("Clip", [value, constant([], [-clip]), constant([], [clip])])
            }
            var peepholes: [String] = []
            if cell == .lstm, hasInput(7) {
                let p = emit("Gather", [node.inputs[7], direction], attributes: ["axis": .int(0)])     // [3·H]
                peepholes = (0 ..< 3).map { emit("Gather", [p, index([h], Array($0 * h ..< ($0 + 1) * h))], attributes: ["axis": .int(0)]) }
            }
            let rT = cell == .gru ? "" : emit("Transpose", [r], attributes: ["perm": .ints([1, 0])])
            let (rzrT, rhT) = cell == .gru ? (transposedRows(r, 0 ..< 2 * h), transposedRows(r, 2 * h ..< 3 * h)) : ("", "")
            var hState = initialH.map { emit("Gather", [$0, direction], attributes: ["axis": .int(0)]) } ?? zeros
            var cState = initialC.map { emit("Gather", [$0, direction], attributes: ["axis": .int(0)]) } ?? zeros
            var rows = Array(repeating: "", count: steps)
            for t in reverse ? Array((0 ..< steps).reversed()) : Array(0 ..< steps) {
                let xt = emit("Gather", [xw, index([], [t])], attributes: ["axis": .int(0)])           // [B, G·H]
                var newH: String, newC: String?
                switch cell {
                case .rnn:
                    newH = f[0].apply(clipped(emit("Add", [xt, emit("MatMul", [hState, rT])])), &self, opset: opset)
                    newC = nil
                case .gru:
                    let zr = emit("Add", [columns(xt, 0 ..< 2 * h), emit("MatMul", [hState, rzrT])])
                    let z = f[0].apply(clipped(columns(zr, 0 ..< h)), &self, opset: opset)
                    let reset = f[0].apply(clipped(columns(zr, h ..< 2 * h)), &self, opset: opset)
                    var hh: String
                    if linearBeforeReset {
                        hh = emit("MatMul", [hState, rhT])
                        if let bias = recurrentHiddenBias { hh = emit("Add", [hh, bias]) }
                        hh = emit("Mul", [reset, hh])
                    } else {
                        hh = emit("MatMul", [emit("Mul", [reset, hState]), rhT])
                        if let bias = recurrentHiddenBias { hh = emit("Add", [hh, bias]) }
                    }
                    let candidate = f[1].apply(clipped(emit("Add", [columns(xt, 2 * h ..< 3 * h), hh])), &self, opset: opset)
                    newH = emit("Add", [candidate, emit("Mul", [z, emit("Sub", [hState, candidate])])])
                    newC = nil
                case .lstm:
                    let pre = emit("Add", [xt, emit("MatMul", [hState, rT])])                           // i, o, f, c
                    func gate(_ k: Int, peephole: Int?, cell c: String) -> String {
                        var value = columns(pre, k * h ..< (k + 1) * h)
                        if let p = peephole, !peepholes.isEmpty { value = emit("Add", [value, emit("Mul", [c, peepholes[p]])]) }
                        return clipped(value)
                    }
                    let i = f[0].apply(gate(0, peephole: 0, cell: cState), &self, opset: opset)
                    let forget = inputForget ? emit("Sub", [constant([], [1]), i])
                        : f[0].apply(gate(2, peephole: 2, cell: cState), &self, opset: opset)
                    let candidate = f[1].apply(gate(3, peephole: nil, cell: cState), &self, opset: opset)
                    let c = emit("Add", [emit("Mul", [forget, cState]), emit("Mul", [i, candidate])])
                    let o = f[0].apply(gate(1, peephole: 1, cell: c), &self, opset: opset)
                    newH = emit("Mul", [o, f[2].apply(c, &self, opset: opset)])
                    newC = c
                }
                var row = newH
                if let lengths = sequenceLengths, lengths.contains(where: { $0 <= t }) {
                    let mask = constant([batch, 1], lengths.map { t < $0 ? 1 : 0 })
                    func held(_ new: String, _ old: String) -> String { emit("Add", [old, emit("Mul", [mask, emit("Sub", [new, old])])]) }
                    newH = held(newH, hState)
                    if let c = newC { newC = held(c, cState) }
                    row = emit("Mul", [newH, mask])
                }
                rows[t] = row
                hState = newH
                if let c = newC { cState = c }
            }
            outputs.append(rows)
            finalH.append(hState)
            finalC.append(cState)
        }

        let dirs = directions.count
        func stacked(_ states: [String]) -> String {
            emit("Concat", states.map { emit("Reshape", [$0, index([3], [1, batch, hidden])]) }, attributes: ["axis": .int(0)])
        }
        func output(_ position: Int, _ value: () -> String, transpose perm: [Int]) {
            guard position < node.outputs.count, !node.outputs[position].isEmpty else { return }
            let result = value()
            if layout == 1 {
                nodes.append(Node(name: "\(prefix)#\(counter)", opType: "Transpose", inputs: [result], outputs: [node.outputs[position]],
                                  attributes: ["perm": .ints(perm)]))
            } else {
                nodes.append(Node(name: "\(prefix)#\(counter)", opType: "Identity", inputs: [result], outputs: [node.outputs[position]]))
            }
            counter += 1
        }
        output(0, {
            let times = (0 ..< steps).map { t in
                emit("Concat", (0 ..< dirs).map { emit("Reshape", [outputs[$0][t], index([4], [1, 1, batch, hidden])]) },
                     attributes: ["axis": .int(1)])
            }
            return emit("Concat", times, attributes: ["axis": .int(0)])                             // [S, D, B, H]
        }, transpose: [2, 0, 1, 3])
        output(1, { stacked(finalH) }, transpose: [1, 0, 2])
        if cell == .lstm { output(2, { stacked(finalC) }, transpose: [1, 0, 2]) }
    }

    /// A new node `opType(inputs)` with one fresh output, returned.
    mutating func emit(_ opType: String, _ inputs: [String], attributes: [String: Attribute] = [:]) -> String {
        let output = "\(prefix)#\(counter)"
        counter += 1
        nodes.append(Node(name: output, opType: opType, inputs: inputs, outputs: [output], attributes: attributes))
        return output
    }

    /// A new float constant.
    mutating func constant(_ shape: [Int], _ values: [Double]) -> String {
        let name = "\(prefix)#\(counter)"
        counter += 1
        constants[name] = Tensor(shape: shape, scalars: values)
        constantTypes[name] = .float
        return name
    }

    /// A new int64 constant (indices, shapes).
    mutating func index(_ shape: [Int], _ values: [Int]) -> String {
        let name = "\(prefix)#\(counter)"
        counter += 1
        constants[name] = Tensor(shape: shape, scalars: values.map(Double.init))
        constantTypes[name] = .int64
        return name
    }

    /// A gate activation of the ONNX recurrent operators, with its parameters.
    enum Activation {
        case sigmoid, tanh, relu, softsign, softplus
        case leakyRelu(Double), elu(Double), hardSigmoid(Double, Double), affine(Double, Double), scaledTanh(Double, Double)

        /// The function named `name` (case-insensitive, as onnxruntime reads it), taking its
        /// `alpha` and `beta` from the front of the lists when it has parameters (ONNX defaults
        /// when the lists run out).
        init?(name: String, alphas: inout [Double], betas: inout [Double]) {
            func next(_ list: inout [Double], _ fallback: Double) -> Double { list.isEmpty ? fallback : list.removeFirst() }
            switch name.lowercased() {
            case "sigmoid": self = .sigmoid
            case "tanh": self = .tanh
            case "relu": self = .relu
            case "softsign": self = .softsign
            case "softplus": self = .softplus
            case "leakyrelu": self = .leakyRelu(next(&alphas, 0.01))
            case "elu": self = .elu(next(&alphas, 1))
            case "hardsigmoid": self = .hardSigmoid(next(&alphas, 0.2), next(&betas, 0.5))
            case "affine": self = .affine(next(&alphas, 1), next(&betas, 0))
            case "scaledtanh": self = .scaledTanh(next(&alphas, 1), next(&betas, 1))
            default: return nil
            }
        }

        func apply(_ x: String, _ expansion: inout RecurrentExpansion, opset: Int) -> String {
            switch self {
            case .sigmoid: return expansion.emit("Sigmoid", [x])
            case .tanh: return expansion.emit("Tanh", [x])
            case .relu: return expansion.emit("Relu", [x])
            case .softsign: return expansion.emit("Softsign", [x])
            case .softplus: return expansion.emit("Softplus", [x])
            case let .leakyRelu(alpha): return expansion.emit("LeakyRelu", [x], attributes: ["alpha": .float(alpha)])
            case let .elu(alpha): return expansion.emit("Elu", [x], attributes: ["alpha": .float(alpha)])
            case let .hardSigmoid(alpha, beta):
                return expansion.emit("HardSigmoid", [x], attributes: ["alpha": .float(alpha), "beta": .float(beta)])
            case let .affine(alpha, beta):
                return expansion.emit("Add", [expansion.emit("Mul", [x, expansion.constant([], [alpha])]), expansion.constant([], [beta])])
            case let .scaledTanh(alpha, beta):
                let inner = expansion.emit("Mul", [x, expansion.constant([], [beta])])
                return expansion.emit("Mul", [expansion.emit("Tanh", [inner]), expansion.constant([], [alpha])])
            }
        }
    }
}
