/// A ``CompositeOperator`` node as the nodes of supported operators that compute it (their
/// definitions are on ``CompositeOperator``), with the constants they read. Like
/// ``RecurrentExpansion`` it is applied by graph resolution, node by node, so the quantizer and the
/// compiler see only the expanded operators: each costs what its parts cost.
public struct CompositeExpansion {
    /// The nodes, in evaluation order; they read the node's inputs by name and write its outputs.
    public internal(set) var nodes: [Node] = []
    /// The constants the nodes read, by name.
    public private(set) var constants: [String: Tensor<Double>] = [:]
    /// The element type of each of ``constants``.
    public private(set) var constantTypes: [String: ElementType] = [:]

    let prefix: String
    private var counter = 0

    /// An empty expansion whose nodes and constants are named after `prefix` (``SequenceResolution``
    /// fills one through ``emit(_:_:attributes:)`` and ``constant(_:_:_:)``).
    init(prefix: String) {
        self.prefix = prefix
    }

    /// The expansion of `node`, whose operator is `operation`.
    /// - Parameters:
    ///   - shape: the static shape of a value, when known.
    ///   - type: the element type of a value, when known.
    ///   - constantValue: the value of a constant (an initializer or a folded result), when it is one.
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` naming the node for attributes or
    ///   shapes outside the specification.
    public init(_ node: Node, _ operation: CompositeOperator, opset: Int,
                shape: (String) -> [Int]?, type: (String) -> ElementType?, constantValue: (String) -> Tensor<Double>?) throws {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        prefix = "\(node.name)::\(operation.rawValue)"
        guard let x = node.input(0), let output = node.outputs.first, !output.isEmpty else { throw fail("needs an input and an output") }
        let elementType = type(x) ?? .float
        switch operation {
        case .thresholdedRelu:
            let alpha = node.float("alpha") ?? 1
            let above = emit("Greater", [x, constant([], [alpha], elementType)])
            finish("Where", [above, x, constant([], [0], elementType)], output)
        case .shrink:
            let bias = node.float("bias") ?? 0, lambda = node.float("lambd") ?? 0.5
            // On integers x < −λ is x < ⌈−λ⌉ and x > λ is x > ⌊λ⌋; the bias must be an integer there.
            let integral = !elementType.isFloatingPoint
            if integral && bias.rounded() != bias { throw fail("bias \(bias) on a \(elementType) input (an integer is needed)") }
            let below = emit("Less", [x, constant([], [integral ? (-lambda).rounded(.up) : -lambda], elementType)])
            let above = emit("Greater", [x, constant([], [integral ? lambda.rounded(.down) : lambda], elementType)])
            let b = constant([], [bias], elementType)
            let upper = emit("Where", [above, emit("Sub", [x, b]), constant([], [0], elementType)])
            finish("Where", [below, emit("Add", [x, b]), upper], output)
        case .mean:
            let operands = node.inputs.filter { !$0.isEmpty }
            let sum = operands.count == 1 ? operands[0] : emit("Sum", operands)
            finish("Div", [sum, constant([], [Double(operands.count)], elementType)], output)
        case .reduceLogSum:
            let sum = emit("ReduceSum", node.inputs, attributes: node.attributes)
            finish("Log", [sum], output)
        case .lpNormalization:
            guard let rank = shape(x)?.count else { throw fail("needs the static shape of its input") }
            let given = node.int("axis") ?? -1
            guard (-rank ..< rank).contains(given) else { throw fail("axis \(given) outside a rank-\(rank) input") }
            let reduction: String
            switch node.int("p") ?? 2 {
            case 1: reduction = "ReduceL1"
            case 2: reduction = "ReduceL2"
            case let p: throw fail("p = \(p) (1 or 2)")
            }
            let norm = emit(reduction, [x], attributes: ["axes": .ints([given]), "keepdims": .int(1)])
            finish("Div", [x, norm], output)
        case .meanVarianceNormalization:
            let axes = node.ints("axes") ?? [0, 2, 3]
            guard let rank = shape(x)?.count else { throw fail("needs the static shape of its input") }
            guard axes.allSatisfy({ (-rank ..< rank).contains($0) }) else { throw fail("axes \(axes) outside a rank-\(rank) input") }
            let reduce: [String: Attribute] = ["axes": .ints(axes), "keepdims": .int(1)]
            let centred = emit("Sub", [x, emit("ReduceMean", [x], attributes: reduce)])
            let variance = emit("ReduceMean", [emit("Mul", [centred, centred])], attributes: reduce)
            let deviation = emit("Add", [emit("Sqrt", [variance]), constant([], [1e-9], elementType)])
            finish("Div", [centred, deviation], output)
        case .groupNormalization:
            guard let xShape = shape(x), xShape.count >= 2 else { throw fail("needs an input of shape [N, C, …]") }
            guard let scale = node.input(1), let bias = node.input(2) else { throw fail("needs scale and bias inputs") }
            guard let groups = node.int("num_groups"), groups > 0, xShape[1] % groups == 0 else {
                throw fail("num_groups \(node.int("num_groups").map(String.init) ?? "(missing)") must divide the \(xShape[1]) channels")
            }
            let (n, c) = (xShape[0], xShape[1])
            let perGroup = xShape.dropFirst().reduce(1, *) / groups
            // Opset 18 gives one scale and bias per group, opset 21 one per channel.
            let affineCount = opset < 21 ? groups : c
            for (role, name) in [("scale", scale), ("bias", bias)] where shape(name).map({ $0.reduce(1, *) }) != affineCount {
                throw fail("\(role) has shape \(shape(name) ?? []), not [\(affineCount)] (opset \(opset): one per \(opset < 21 ? "group" : "channel"))")
            }
            let epsilon = node.float("epsilon") ?? 1e-5
            let grouped = emit("Reshape", [x, index([3], [n, groups, perGroup])])
            let normalised = emit("InstanceNormalization", [grouped, constant([groups], Array(repeating: 1, count: groups), elementType),
                                                            constant([groups], Array(repeating: 0, count: groups), elementType)],
                                  attributes: ["epsilon": .float(epsilon)])
            let restored = emit("Reshape", [normalised, index([xShape.count], xShape)])
            // Scale and bias as [C, 1, …, 1]; a per-group value is repeated over its C/G channels.
            let channelShape = [c] + Array(repeating: 1, count: xShape.count - 2)
            func perChannel(_ value: String) -> String {
                if affineCount == c { return emit("Reshape", [value, index([channelShape.count], channelShape)]) }
                let spread = emit("Expand", [emit("Reshape", [value, index([2], [groups, 1])]), index([2], [groups, c / groups])])
                return emit("Reshape", [spread, index([channelShape.count], channelShape)])
            }
            finish("Add", [emit("Mul", [restored, perChannel(scale)]), perChannel(bias)], output)
        case .localResponseNormalization:
            guard let xShape = shape(x), xShape.count >= 3 else { throw fail("needs an input of shape [N, C, D1, …]") }
            guard let size = node.int("size"), size > 0 else { throw fail("needs a positive size") }
            let (alpha, beta, bias) = (node.float("alpha") ?? 1e-4, node.float("beta") ?? 0.75, node.float("bias") ?? 1)
            let (rank, c) = (xShape.count, xShape[1])
            // band[i][j] = 1 when channel i is in channel j's window.
            var band = [Double](repeating: 0, count: c * c)
            for j in 0 ..< c {
                for i in max(0, j - (size - 1) / 2) ... min(c - 1, j + size / 2) { band[i * c + j] = 1 }
            }
            let channelsLast = [0] + Array(2 ..< rank) + [1], back = [0, rank - 1] + Array(1 ..< rank - 1)
            let squares = emit("Transpose", [emit("Mul", [x, x])], attributes: ["perm": .ints(channelsLast)])
            let sums = emit("Transpose", [emit("MatMul", [squares, constant([c, c], band, .float)])], attributes: ["perm": .ints(back)])
            let base = emit("Add", [emit("Mul", [sums, constant([], [alpha / Double(size)], .float)]), constant([], [bias], .float)])
            finish("Mul", [x, emit("Pow", [base, constant([], [-beta], .float)])], output)
        case .binarizer:
            let above = emit("Greater", [x, constant([], [node.float("threshold") ?? 0], elementType)])
            finish("Where", [above, constant([], [1], elementType), constant([], [0], elementType)], output)
        case .imputer:
            let replaced = elementType.isFloatingPoint ? node.float("replaced_value_float") ?? 0 : Double(node.int("replaced_value_int64") ?? 0)
            let imputed = elementType.isFloatingPoint ? node.floats("imputed_value_floats") : node.ints("imputed_value_int64s")?.map(Double.init)
            guard let imputed, !imputed.isEmpty else { throw fail("needs imputed values") }
            guard let xShape = shape(x), imputed.count == 1 || imputed.count == xShape.last else {
                throw fail("\(imputed.count) imputed values for \(shape(x)?.last ?? 0) features")
            }
            if replaced.isNaN {
                finish("Identity", [x], output)
            } else {
                let equal = emit("Equal", [x, constant([], [replaced], elementType)])
                finish("Where", [equal, constant([imputed.count], imputed, elementType), x], output)
            }
        case .featureVectorizer:
            let inputs = node.inputs.filter { !$0.isEmpty }
            guard let dimensions = node.ints("inputdimensions"), dimensions.count == inputs.count, dimensions.allSatisfy({ $0 > 0 }) else {
                throw fail("needs one positive inputdimensions entry per input (\(inputs.count))")
            }
            var columns: [String] = []
            for (input, width) in zip(inputs, dimensions) {
                guard let inputShape = shape(input), let rows = inputShape.first, rows > 0 else { throw fail("needs the static shape of '\(input)'") }
                let count = inputShape.count == 1 ? inputShape[0] : inputShape.dropFirst().reduce(1, *)
                let batch = inputShape.count == 1 ? 1 : rows
                var value = emit("Reshape", [input, index([2], [batch, count])])
                if type(input).map({ !$0.isFloatingPoint }) ?? false { value = emit("Cast", [value], attributes: ["to": .int(ElementType.float.rawValue)]) }
                // Gather and Concat read the same in every opset (Slice and Pad changed form).
                if count > width {
                    value = emit("Gather", [value, index([width], Array(0 ..< width))], attributes: ["axis": .int(1)])
                } else if count < width {
                    value = emit("Concat", [value, constant([batch, width - count], Array(repeating: 0, count: batch * (width - count)), .float)],
                                 attributes: ["axis": .int(1)])
                }
                columns.append(value)
            }
            finish("Concat", columns, output, attributes: ["axis": .int(1)])
        case .oneHotEncoder:
            guard node.attributes["cats_strings"] == nil else { throw fail("string categories (cats_strings) are not supported") }
            guard let categories = node.ints("cats_int64s"), !categories.isEmpty else { throw fail("needs cats_int64s") }
            guard (node.int("zeros") ?? 1) == 1 else { throw fail("zeros = 0 (an error on a value of no category) is not supported") }
            guard let xShape = shape(x) else { throw fail("needs the static shape of its input") }
            let widened = emit("Reshape", [x, index([xShape.count + 1], xShape + [1])])
            let equal = emit("Equal", [widened, constant([categories.count], categories.map(Double.init), elementType)])
            finish("Cast", [equal], output, attributes: ["to": .int(ElementType.float.rawValue)])
        case .rmsNormalization:
            guard let xShape = shape(x), !xShape.isEmpty, let scale = node.input(1) else { throw fail("needs an input of rank 1 or more and a scale") }
            let given = node.int("axis") ?? -1
            guard (-xShape.count ..< xShape.count).contains(given) else { throw fail("axis \(given) outside a rank-\(xShape.count) input") }
            let axis = given < 0 ? given + xShape.count : given
            let meanSquare = emit("ReduceMean", [emit("Mul", [x, x])], attributes: ["axes": .ints(Array(axis ..< xShape.count)), "keepdims": .int(1)])
            let inverse = emit("Pow", [emit("Add", [meanSquare, constant([], [node.float("epsilon") ?? 1e-5], .float)]), constant([], [-0.5], .float)])
            finish("Mul", [emit("Mul", [x, inverse]), scale], output)
        case .swish:
            let alpha = node.float("alpha") ?? 1
            let gate = emit("Sigmoid", [alpha == 1 ? x : emit("Mul", [x, constant([], [alpha], elementType)])])
            finish("Mul", [x, gate], output)
        case .castLike:
            guard let target = node.input(1), let targetType = type(target) else { throw fail("needs a target input of a known type") }
            finish("Cast", [x], output, attributes: ["to": .int(targetType.rawValue)])
        case .size:
            guard let xShape = shape(x) else { throw fail("needs the static shape of its input") }
            finish("Identity", [constant([], [Double(xShape.reduce(1, *))], .int64)], output)
        case .isNaN, .isInf:
            if let value = constantValue(x) {
                // A constant (an initializer may hold NaN or ±∞): its flags, folded.
                let (negative, positive) = ((node.int("detect_negative") ?? 1) != 0, (node.int("detect_positive") ?? 1) != 0)
                let flags = value.scalars.map { v -> Double in
                    if operation == .isNaN { return v.isNaN ? 1 : 0 }
                    return v.isInfinite && (v < 0 ? negative : positive) ? 1 : 0
                }
                finish("Identity", [constant(value.shape, flags, .bool)], output)
            } else {
                finish("ConstantOfShape", [emit("Shape", [x])], output, attributes: ["value": .tensor(Tensor(shape: [1], scalars: [0]), .bool)])
            }
        case .cumSum:
            guard let xShape = shape(x), !xShape.isEmpty else { throw fail("needs an input of rank 1 or more") }
            guard let axisName = node.input(1), let axisValue = constantValue(axisName)?.scalars.first else {
                throw fail("its axis must be a constant")
            }
            let rank = xShape.count, given = Int(axisValue)
            guard (-rank ..< rank).contains(given) else { throw fail("axis \(given) outside a rank-\(rank) input") }
            let axis = given < 0 ? given + rank : given
            let length = xShape[axis]
            let exclusive = (node.int("exclusive") ?? 0) != 0, reverse = (node.int("reverse") ?? 0) != 0
            // triangle[i][j] = 1 when input position i counts toward output position j.
            var triangle = [Double](repeating: 0, count: length * length)
            for i in 0 ..< length {
                for j in 0 ..< length where reverse ? (exclusive ? i > j : i >= j) : (exclusive ? i < j : i <= j) {
                    triangle[i * length + j] = 1
                }
            }
            let last = rank - 1
            let toLast = Array(0 ..< rank).filter { $0 != axis } + [axis]
            var back = [Int](repeating: 0, count: rank)
            for (position, source) in toLast.enumerated() { back[source] = position }
            let moved = axis == last ? x : emit("Transpose", [x], attributes: ["perm": .ints(toLast)])
            let summed = emit("MatMul", [moved, constant([length, length], triangle, elementType)])
            finish(axis == last ? "Identity" : "Transpose", [summed], output, attributes: axis == last ? [:] : ["perm": .ints(back)])
        case .labelEncoder:
            let (keys, keysType) = try labelEncoderList(node, "keys", fail: fail)
            let (values, valuesType) = try labelEncoderList(node, "values", fail: fail)
            guard keys.count == values.count, !keys.isEmpty else { throw fail("\(keys.count) keys for \(values.count) values") }
            let fallback: Double = valuesType == .int64 ? Double(node.int("default_int64") ?? -1)
                : node.float("default_float") ?? (node.attributes["default_tensor"].flatMap { if case let .tensor(t, _) = $0 { t.scalars.first } else { nil } } ?? -0.0)
            guard let xShape = shape(x) else { throw fail("needs the static shape of its input") }
            let widened = emit("Reshape", [x, index([xShape.count + 1], xShape + [1])])
            let equal = emit("Cast", [emit("Equal", [widened, constant([keys.count], keys, keysType)])],
                             attributes: ["to": .int(valuesType.rawValue)])
            let looked = emit("MatMul", [equal, constant([keys.count], values.map { $0 - fallback }, valuesType)])
            finish("Add", [looked, constant([], [fallback], valuesType)], output)
        case .svmRegressor:
            try expandSVMRegressor(node, x: x, output: output, shape: shape, fail: fail)
        case .svmClassifier:
            try expandSVMClassifier(node, x: x, shape: shape, fail: fail)
        case .matMulInteger, .convInteger, .qLinearMatMul, .qLinearConv, .dynamicQuantizeLinear:
            try expandIntegerLinear(node, operation, output: output, shape: shape, fail: fail)
        case .quantizeLinear, .dequantizeLinear:
            guard let scale = node.input(1) else { throw fail("needs a scale input") }
            if let block = node.int("block_size"), block != 0 { throw fail("blocked quantization (block_size \(block)) is not supported") }
            let zeroPoint = node.input(2)
            // A scale (or zero point) per slice along `axis`: reshaped to [D, 1, …, 1] to broadcast there.
            func alongAxis(_ value: String) throws -> String {
                guard let valueShape = shape(value), valueShape.reduce(1, *) > 1 else { return value }
                guard let xShape = shape(x), valueShape.count == 1 else { throw fail("scale and zero point must be scalars or 1-D, not \(shape(value) ?? [])") }
                let given = node.int("axis") ?? 1
                guard (-xShape.count ..< xShape.count).contains(given) else { throw fail("axis \(given) outside a rank-\(xShape.count) input") }
                let axis = given < 0 ? given + xShape.count : given
                guard xShape[axis] == valueShape[0] else {
                    throw fail("\(valueShape[0]) scales for axis \(given) of length \(xShape[axis])")
                }
                let target = [valueShape[0]] + Array(repeating: 1, count: xShape.count - axis - 1)
                return emit("Reshape", [value, index([target.count], target)])
            }
            let float: [String: Attribute] = ["to": .int(ElementType.float.rawValue)]
            if operation == .dequantizeLinear {
                var value = emit("Cast", [x], attributes: float)
                if let zeroPoint { value = emit("Sub", [value, emit("Cast", [try alongAxis(zeroPoint)], attributes: float)]) }
                finish("Mul", [value, try alongAxis(scale)], output)
                break
            }
            let requested = node.int("output_dtype") ?? 0
            let target = requested != 0 ? ElementType(rawValue: requested) : zeroPoint.map { type($0) ?? .uint8 } ?? .uint8
            guard let target, let width = target.integerWidth, width <= 32 else {
                throw fail("output type \(ElementType.name(of: requested != 0 ? requested : zeroPoint.flatMap(type)?.rawValue ?? 0)) "
                           + "(8-, 16- and 32-bit integers are supported)")
            }
            let (low, high) = target.isUnsigned ? (0.0, Double((Int64(1) << width) - 1))
                : (-Double(Int64(1) << (width - 1)), Double((Int64(1) << (width - 1)) - 1))
            var value = emit("Round", [emit("Div", [x, try alongAxis(scale)])])
            if let zeroPoint { value = emit("Add", [value, emit("Cast", [try alongAxis(zeroPoint)], attributes: float)]) }
            value = emit("Min", [emit("Max", [value, constant([], [low], .float)]), constant([], [high], .float)])
            finish("Cast", [value], output, attributes: ["to": .int(target.rawValue)])
        }
    }

    /// LabelEncoder's keys or values (`part` "keys" or "values") and their type: the int64 or float
    /// list attribute, or opset 4's tensor.
    private func labelEncoderList(_ node: Node, _ part: String, fail: (String) -> ONNXError) throws -> ([Double], ElementType) {
        if node.attributes["\(part)_strings"] != nil { throw fail("string \(part) are not supported (numeric ones are)") }
        if let list = node.ints("\(part)_int64s") { return (list.map(Double.init), .int64) }
        if let list = node.floats("\(part)_floats") { return (list, .float) }
        if case let .tensor(tensor, type)? = node.attributes["\(part)_tensor"], type != .bool { return (tensor.scalars, type == .int64 ? .int64 : .float) }
        throw fail("needs \(part)_int64s, \(part)_floats or \(part)_tensor")
    }

    /// A new node `opType(inputs)` with one fresh output, returned.
    mutating func emit(_ opType: String, _ inputs: [String], attributes: [String: Attribute] = [:]) -> String {
        let output = "\(prefix)#\(counter)"
        counter += 1
        nodes.append(Node(name: output, opType: opType, inputs: inputs, outputs: [output], attributes: attributes))
        return output
    }

    /// The last node, writing the composite node's output.
    mutating func finish(_ opType: String, _ inputs: [String], _ output: String, attributes: [String: Attribute] = [:]) {
        nodes.append(Node(name: prefix, opType: opType, inputs: inputs, outputs: [output], attributes: attributes))
    }

    /// A new constant of `type`.
    mutating func constant(_ shape: [Int], _ values: [Double], _ type: ElementType) -> String {
        let name = "\(prefix)#\(counter)"
        counter += 1
        constants[name] = Tensor(shape: shape, scalars: values)
        constantTypes[name] = type
        return name
    }

    /// A new int64 constant (shapes).
    mutating func index(_ shape: [Int], _ values: [Int]) -> String {
        constant(shape, values.map(Double.init), .int64)
    }
}
