/// The sequences of a graph being resolved (``SequenceOperator``): each sequence value is the list
/// of tensor names it holds, and each sequence node becomes the tensor operators that read them
/// (a ``CompositeExpansion``, empty for the nodes that only rearrange the list).
struct SequenceResolution {
    /// A sequence value: its elements' names, or only its length (a split by computed lengths,
    /// whose pieces have no static shape; `SequenceLength` reads it, anything else is refused
    /// with `reason`).
    enum Value {
        case elements([String])
        case lengthOnly(Int, reason: String)
    }

    private var sequences: [String: Value] = [:]

    /// Whether `name` is a sequence value.
    func isSequence(_ name: String) -> Bool { sequences[name] != nil }

    /// Records `node`'s output sequence, or returns the nodes and constants that compute its
    /// output tensor.
    /// - Throws: ``ONNXError/invalidNode(node:opType:reason:)`` naming the node: a computed
    ///   position where a constant is needed, a position out of range, shapes that do not
    ///   concatenate, attributes outside the specification.
    mutating func resolve(_ node: Node, _ operation: SequenceOperator, shape: (String) -> [Int]?, type: (String) -> ElementType?,
                          constantValue: (String) -> Tensor<Double>?) throws -> CompositeExpansion {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        var expansion = CompositeExpansion(prefix: "\(node.name)::\(operation.rawValue)")
        guard let output = node.outputs.first, !output.isEmpty else { throw fail("needs an output") }
        /// The elements of the sequence input `index`.
        func elements(_ index: Int) throws -> [String] {
            guard let name = node.input(index), let value = sequences[name] else {
                throw fail("input \(index) '\(node.input(index) ?? "")' is not a sequence made by a sequence operator")
            }
            switch value {
            case let .elements(list): return list
            case let .lengthOnly(_, reason): throw fail("its sequence '\(name)' \(reason)")
            }
        }
        /// The constant position input `index` normalised into `0 ..< count + extra`, or nil when omitted.
        func position(_ index: Int, count: Int, extra: Int) throws -> Int? {
            guard let name = node.input(index) else { return nil }
            guard let value = constantValue(name) else {
                throw fail("its position '\(name)' is computed from the model's inputs; a circuit needs it constant")
            }
            guard value.count == 1, let raw = value.scalars.first, raw == raw.rounded() else { throw fail("position '\(name)' must be one integer") }
            let given = Int(raw)
            guard (-count ... count - 1 + extra).contains(given) else {
                throw fail("position \(given) outside [\(-count), \(count - 1 + extra)] for a sequence of \(count)")
            }
            return given < 0 ? given + count : given
        }
        switch operation {
        case .sequenceEmpty:
            sequences[output] = .elements([])
        case .sequenceConstruct:
            let list = node.inputs.filter { !$0.isEmpty }
            guard !list.isEmpty else { throw fail("needs at least one tensor") }
            sequences[output] = .elements(list)
        case .sequenceInsert:
            var list = try elements(0)
            guard let tensor = node.input(1) else { throw fail("needs a tensor to insert") }
            list.insert(tensor, at: try position(2, count: list.count, extra: 1) ?? list.count)
            sequences[output] = .elements(list)
        case .sequenceErase:
            var list = try elements(0)
            guard !list.isEmpty else { throw fail("erases from an empty sequence") }
            list.remove(at: try position(1, count: list.count, extra: 0) ?? list.count - 1)
            sequences[output] = .elements(list)
        case .sequenceLength:
            let count: Int
            switch node.input(0).flatMap({ sequences[$0] }) {
            case let .elements(list)?: count = list.count
            case let .lengthOnly(length, _)?: count = length
            case nil: throw fail("input 0 '\(node.input(0) ?? "")' is not a sequence made by a sequence operator")
            }
            expansion.finish("Identity", [expansion.constant([], [Double(count)], .int64)], output)
        case .sequenceAt:
            let list = try elements(0)
            guard !list.isEmpty else { throw fail("reads from an empty sequence") }
            guard let name = node.input(1) else { throw fail("needs a position") }
            if constantValue(name) != nil {
                expansion.finish("Identity", [list[try position(1, count: list.count, extra: 0)!]], output)
                break
            }
            // A computed position: GatherElements over the elements stacked on a new first axis,
            // which proves the position one of [−n, n − 1] as it selects.
            guard let first = shape(list[0]), list.allSatisfy({ shape($0) == first && type($0) == type(list[0]) }) else {
                throw fail("its position '\(name)' is computed and its elements differ in shape or type; a circuit needs one output shape")
            }
            guard shape(name).map({ $0.reduce(1, *) }) == 1 else { throw fail("position '\(name)' must be one integer") }
            let stackedShape = [1] + first
            let stacked = expansion.emit("Concat", list.map { expansion.emit("Reshape", [$0, expansion.index([stackedShape.count], stackedShape)]) },
                                         attributes: ["axis": .int(0)])
            let ones = Array(repeating: 1, count: stackedShape.count)
            let indices = expansion.emit("Expand", [expansion.emit("Reshape", [name, expansion.index([ones.count], ones)]),
                                                    expansion.index([stackedShape.count], stackedShape)])
            let gathered = expansion.emit("GatherElements", [stacked, indices], attributes: ["axis": .int(0)])
            expansion.finish("Reshape", [gathered, expansion.index([first.count], first)], output)
        case .splitToSequence:
            guard let x = node.input(0), let xShape = shape(x) else { throw fail("needs an input of static shape") }
            let rank = xShape.count, given = node.int("axis") ?? 0
            guard (-rank ..< rank).contains(given) else { throw fail("axis \(given) outside a rank-\(rank) input") }
            let axis = given < 0 ? given + rank : given, length = xShape[axis]
            var lengths: [Int]
            var keepAxis = true
            if let split = node.input(1) {
                guard let value = constantValue(split) else {
                    // Only the piece count is static (the lengths are the split's shape).
                    guard let splitShape = shape(split), splitShape.count == 1 else {
                        throw fail("its split '\(split)' is computed from the model's inputs; a circuit needs it constant")
                    }
                    sequences[output] = .lengthOnly(splitShape[0], reason: "has pieces of lengths computed from the model's inputs (split '\(split)'); a circuit needs them constant")
                    return expansion
                }
                guard value.scalars.allSatisfy({ $0 == $0.rounded() && $0 >= 0 }) else { throw fail("split \(value.scalars) must be non-negative integers") }
                if value.shape.isEmpty {
                    let chunk = Int(value.scalars[0])
                    guard chunk > 0 else { throw fail("split \(chunk) must be positive") }
                    lengths = Array(repeating: chunk, count: length / chunk) + (length % chunk == 0 ? [] : [length % chunk])
                } else {
                    guard value.shape.count == 1 else { throw fail("split must be a scalar or 1-D") }
                    lengths = value.scalars.map { Int($0) }
                    guard lengths.reduce(0, +) == length else { throw fail("split \(lengths) does not sum to the axis length \(length)") }
                }
            } else {
                lengths = Array(repeating: 1, count: length)
                keepAxis = (node.int("keepdims") ?? 1) != 0
            }
            var start = 0, pieces: [String] = []
            for piece in lengths {
                let slice = expansion.emit("Slice", [x, expansion.index([1], [start]), expansion.index([1], [start + piece]), expansion.index([1], [axis])])
                if keepAxis {
                    pieces.append(slice)
                } else {
                    var dropped = xShape
                    dropped.remove(at: axis)
                    pieces.append(expansion.emit("Reshape", [slice, expansion.index([dropped.count], dropped)]))
                }
                start += piece
            }
            sequences[output] = .elements(pieces)
        case .concatFromSequence:
            let list = try elements(0)
            guard !list.isEmpty else { throw fail("concatenates an empty sequence") }
            guard let given = node.int("axis") else { throw fail("needs the axis attribute") }
            guard let first = shape(list[0]) else { throw fail("needs elements of static shape") }
            let newAxis = (node.int("new_axis") ?? 0) != 0, rank = first.count
            let range = newAxis ? -rank - 1 ... rank : -rank ... rank - 1
            guard range.contains(given) else { throw fail("axis \(given) outside \(range) for rank-\(rank) elements") }
            if newAxis {
                let axis = given < 0 ? given + rank + 1 : given
                guard list.allSatisfy({ shape($0) == first }) else { throw fail("stacks elements of different shapes") }
                var widened = first
                widened.insert(1, at: axis)
                let parts = list.map { expansion.emit("Reshape", [$0, expansion.index([widened.count], widened)]) }
                expansion.finish("Concat", parts, output, attributes: ["axis": .int(axis)])
            } else {
                let axis = given < 0 ? given + rank : given
                guard list.allSatisfy({ element in
                    guard let s = shape(element), s.count == rank else { return false }
                    return (0 ..< rank).allSatisfy { $0 == axis || s[$0] == first[$0] }
                }) else { throw fail("concatenates elements whose shapes differ off axis \(axis)") }
                expansion.finish("Concat", list, output, attributes: ["axis": .int(axis)])
            }
        }
        return expansion
    }
}
