/// A graph with every shape static and every constant subgraph folded.
///
/// `nodes` holds only the nodes that depend on a graph input; everything else (initializers,
/// `Constant` nodes, the `Shape → Gather → Unsqueeze → Concat` chains of exported models) is
/// evaluated once and stored in `constants`.
public struct ResolvedGraph: Sendable {
    public var name: String
    /// The default-domain opset version.
    public var opset: Int
    public var inputs: [TensorInfo]
    public var outputs: [TensorInfo]
    /// The nodes still to compute at inference time, in topological order.
    public var nodes: [Node]
    /// Constant values by name (initializers and folded node outputs).
    public var constants: [String: Tensor<Double>]
    /// The static shape of every value (inputs, constants and node outputs).
    public var shapes: [String: [Int]]
    /// The element type of every value.
    public var elementTypes: [String: ElementType]
    /// How many nodes were folded into constants.
    public var foldedNodeCount: Int

    /// Evaluates the graph in `Double` on the given inputs (in graph-input order).
    /// - Returns: every value of the graph by name (constants included).
    /// - Throws: ``ONNXError/inputShapeMismatch(input:expected:got:)`` for a wrong input,
    ///   ``ONNXError/nonFiniteValue(tensor:index:)`` for NaN or ±∞ in an input.
    public func evaluateAll(_ inputValues: [Tensor<Double>]) throws -> [String: Tensor<Double>] {
        guard inputValues.count == inputs.count else {
            throw ONNXError.missingInput(name: inputValues.count < inputs.count ? inputs[inputValues.count].name : "#\(inputs.count)")
        }
        var values = constants
        for (info, value) in zip(inputs, inputValues) {
            guard value.count == info.count else {
                throw ONNXError.inputShapeMismatch(input: info.name, expected: info.shape, got: value.shape)
            }
            if let bad = value.scalars.firstIndex(where: { !$0.isFinite }) {
                throw ONNXError.nonFiniteValue(tensor: info.name, index: bad)
            }
            values[info.name] = value.reshaped(info.shape)
        }
        for node in nodes {
            let operands = node.inputs.map { $0.isEmpty ? nil : values[$0] }
            let results = try FloatEvaluator.evaluate(node, operands: operands, opset: opset, types: elementTypes)
            for (name, result) in zip(node.outputs, results) where !name.isEmpty { values[name] = result }
        }
        return values
    }

    /// Evaluates the graph in `Double` and returns its outputs in graph-output order.
    public func evaluate(_ inputValues: [Tensor<Double>]) throws -> [Tensor<Double>] {
        let values = try evaluateAll(inputValues)
        return outputs.map { values[$0.name]! }
    }
}

extension Graph {
    /// The input that fixes a node's output shape and must therefore be a constant (a folded
    /// constant counts: `Shape → Gather → Concat` chains are), with what it is called in errors.
    static func shapeOperand(of node: Node) -> (position: Int, role: String)? {
        switch node.op {
        case .reshape?: (1, "shape")
        case .expand?: (1, "shape")
        case .tile?: (1, "repeats")
        case .split?: (1, "split sizes")
        case .constantOfShape?: (0, "shape")
        case .composite(.cumSum)?: (1, "axis")
        default: nil
        }
    }

    /// The largest tensor zkml will materialise (``ONNXLimits/maxTensorElements`` of
    /// ``ONNXLimits/current``, 2^26 elements by default); larger inputs or results are errors.
    public static var maximumElementCount: Int { ONNXLimits.current.maxTensorElements }

    /// Fixes every shape and folds every constant subgraph.
    ///
    /// A symbolic dimension of a graph input takes its value from `inputShapes` when given, else
    /// from `dimensions` by its name (EZKL's `variables`, e.g. `batch_size`), and is 1 otherwise
    /// (the batch dimension of exported models).
    /// - Parameters:
    ///   - inputShapes: optional explicit shapes per input name.
    ///   - dimensions: values of named symbolic dimensions; each name must be one of an input's.
    /// - Throws: ``ONNXError/unsupportedOperator(node:opType:opset:)`` for the first unsupported
    ///   node, ``ONNXError/invalidModel(reason:)`` for a dimension name no input has, or any shape error.
    public func resolved(inputShapes: [String: [Int]] = [:], dimensions: [String: Int] = [:]) throws -> ResolvedGraph {
        try resolved(inputShapes: inputShapes, dimensions: dimensions, partial: false)
    }

    /// Best-effort resolution for inspection: nodes that are unsupported or fail, and every node
    /// that depends on them, are skipped instead of stopping the walk, so every shape that can be
    /// known is known. The result is for reporting only (its `nodes` omit the skipped ones).
    /// - Throws: only for problems with the graph inputs themselves.
    public func partiallyResolved(inputShapes: [String: [Int]] = [:], dimensions: [String: Int] = [:]) throws -> ResolvedGraph {
        try resolved(inputShapes: inputShapes, dimensions: dimensions, partial: true)
    }

    func resolved(inputShapes: [String: [Int]], dimensions: [String: Int], partial: Bool) throws -> ResolvedGraph {
        if !partial {
            for node in nodes where node.op == nil {
                throw ONNXError.unsupportedOperator(node: node.name, opType: node.domain.isEmpty ? node.opType : "\(node.domain).\(node.opType)", opset: opset)
            }
        }
        if let unknown = inputShapes.keys.sorted().first(where: { name in !inputs.contains { $0.name == name } }) {
            throw ONNXError.invalidModel(reason: "no graph input is named '\(unknown)' (inputs: \(inputs.map(\.name).joined(separator: ", ")))")
        }
        let named = Set(inputs.flatMap { ($0.shape ?? []).compactMap { if case let .symbolic(name) = $0, !name.isEmpty { name } else { nil } } })
        if let unknown = dimensions.keys.sorted().first(where: { !named.contains($0) }) {
            throw ONNXError.invalidModel(reason: "no graph input has a symbolic dimension named '\(unknown)' (they have: "
                                         + (named.isEmpty ? "none" : named.sorted().joined(separator: ", ")) + ")")
        }
        var inputInfos: [TensorInfo] = []
        for input in inputs {
            let shape: [Int]
            if let given = inputShapes[input.name] {
                if let declared = input.shape {
                    let compatible = declared.count == given.count && zip(declared, given).allSatisfy {
                        if case let .fixed(value) = $0 { return value == $1 }
                        return true
                    }
                    guard compatible else {
                        throw ONNXError.inputShapeMismatch(input: input.name, expected: declared.map { if case let .fixed(v) = $0 { v } else { -1 } }, got: given)
                    }
                }
                shape = given
            } else if let declared = input.shape {
                shape = declared.map {
                    switch $0 {
                    case let .fixed(value): value
                    case let .symbolic(name): dimensions[name] ?? 1
                    }
                }
            } else {
                throw ONNXError.unresolvedDimension(input: input.name, dimension: "(no shape declared)")
            }
            guard shape.allSatisfy({ $0 > 0 && $0 <= Graph.maximumElementCount }),
                  shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? .max : $0 * $1 }) <= Graph.maximumElementCount else {
                throw ONNXError.unresolvedDimension(input: input.name, dimension: "\(shape)")
            }
            inputInfos.append(TensorInfo(name: input.name, shape: shape, elementType: input.elementType ?? .float))
        }
        var values = initializers
        var constantNames = Set(initializers.keys)
        var types = initializerTypes
        for info in inputInfos {
            values[info.name] = Tensor(shape: info.shape, repeating: 0)
            types[info.name] = info.elementType
        }
        var remaining: [Node] = []
        var folded = 0
        var queue = nodes[...]
        var sequences = SequenceResolution()
        // The constants an expansion or a rewrite adds.
        func adopt(_ constants: [String: Tensor<Double>], _ constantTypes: [String: ElementType]) {
            for (name, value) in constants {
                values[name] = value
                constantNames.insert(name)
                types[name] = constantTypes[name]
            }
        }
        while let node = queue.popFirst() {
            if node.op == .rnn || node.op == .gru || node.op == .lstm, let x = node.input(0).flatMap({ values[$0] }) {
                // Unrolled here, so every later layer sees only the operators of its time steps.
                if let lengths = node.input(4), !constantNames.contains(lengths) {
                    throw ONNXError.invalidNode(node: node.name, opType: node.opType, reason: "sequence_lens must be a constant")
                }
                let expansion = try RecurrentExpansion(node, inputShape: x.shape,
                                                       sequenceLengths: node.input(4).map { values[$0]!.scalars.map(FloatEvaluator.clampedInt) },
                                                       hasInput: { node.input($0) != nil }, opset: opset)
                adopt(expansion.constants, expansion.constantTypes)
                queue = expansion.nodes[...] + queue
                continue
            }
            // A shape computed from the inputs has only the inputs' placeholder values here: refuse
            // it by name rather than resolve a shape from the placeholders.
            if !partial, let (position, role) = Self.shapeOperand(of: node), let name = node.input(position), !constantNames.contains(name) {
                throw ONNXError.invalidNode(node: node.name, opType: node.opType,
                                            reason: "its \(role) '\(name)' is computed from the model's inputs; a circuit needs it constant")
            }
            // Sequences are lists of tensor names; their operators become the tensors' operators.
            if case let .sequence(operation)? = node.op {
                do {
                    let expansion = try sequences.resolve(node, operation, shape: { values[$0]?.shape }, type: { types[$0] },
                                                          constantValue: { constantNames.contains($0) ? values[$0] : nil })
                    adopt(expansion.constants, expansion.constantTypes)
                    queue = expansion.nodes[...] + queue
                } catch where partial {}
                continue
            }
            if let name = node.inputs.first(where: sequences.isSequence) {
                if partial { continue }
                throw ONNXError.invalidNode(node: node.name, opType: node.opType,
                                            reason: "reads the sequence '\(name)'; only the sequence operators take sequences")
            }
            // Composite operators become the supported operators that compute them.
            if case let .composite(operation)? = node.op {
                let expand = { [values, types, constantNames] in
                    try CompositeExpansion(node, operation, opset: opset, shape: { values[$0]?.shape }, type: { types[$0] },
                                           constantValue: { constantNames.contains($0) ? values[$0] : nil })
                }
                if let expansion = partial ? try? expand() : try expand() {
                    adopt(expansion.constants, expansion.constantTypes)
                    queue = expansion.nodes[...] + queue
                    continue
                }
            }
            // A computed Gemm C becomes an Add after the product.
            if let rewritten = GemmActivationBias.rewrite(node, isConstant: { [constantNames] in constantNames.contains($0) }) {
                adopt(rewritten.constants, rewritten.constants.mapValues { _ in .float })
                queue = rewritten.nodes[...] + queue
                continue
            }
            // Opset 1–6 broadcasting becomes numpy's (an Unsqueeze before the node).
            if opset < 7 {
                let legacy = { [values] in try LegacyBroadcast.rewrite(node, opset: opset, shape: { values[$0]?.shape }) }
                if let rewritten = partial ? (try? legacy()) ?? nil : try legacy() {
                    queue = rewritten[...] + queue
                    continue
                }
            }
            let operands = node.inputs.map { $0.isEmpty ? nil : values[$0] }
            let results: [Tensor<Double>]
            if partial {
                guard node.op != nil,
                      node.inputs.allSatisfy({ $0.isEmpty || values[$0] != nil }),
                      let evaluated = try? FloatEvaluator.evaluate(node, operands: operands, opset: opset, types: types) else { continue }
                results = evaluated
            } else {
                results = try FloatEvaluator.evaluate(node, operands: operands, opset: opset, types: types)
            }
            // Shape and EyeLike read only their input's (static) shape.
            let isConstant = node.op == .shape || node.op == .eyeLike
                || node.inputs.allSatisfy { $0.isEmpty || constantNames.contains($0) }
            for (index, name) in node.outputs.enumerated() where !name.isEmpty && index < results.count {
                values[name] = results[index]
                types[name] = FloatEvaluator.outputType(node, at: index, types: types)
                if isConstant { constantNames.insert(name) }
            }
            if isConstant { folded += 1 } else { remaining.append(node) }
        }
        var outputInfos: [TensorInfo] = []
        for output in outputs {
            if sequences.isSequence(output.name) && !partial {
                throw ONNXError.invalidModel(reason: "graph output '\(output.name)' is a sequence; zkml proves tensors")
            }
            guard let value = values[output.name] else {
                if partial { continue }
                throw ONNXError.invalidModel(reason: "graph output '\(output.name)' is never produced")
            }
            outputInfos.append(TensorInfo(name: output.name, shape: value.shape, elementType: types[output.name] ?? .float))
        }
        return ResolvedGraph(
            name: name, opset: opset, inputs: inputInfos, outputs: outputInfos, nodes: remaining,
            constants: values.filter { constantNames.contains($0.key) },
            shapes: values.mapValues(\.shape), elementTypes: types, foldedNodeCount: folded)
    }
}
