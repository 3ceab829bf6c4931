extension FloatEvaluator {
    /// `BitwiseAnd`/`Or`/`Xor` (numpy broadcasting), `BitwiseNot` and `BitShift` on integer
    /// tensors held as exact doubles: two's complement for signed types, `type`'s width for
    /// unsigned ones (`BitwiseNot` of a `uint8` is `255 − x`; a left shift drops the bits it pushes
    /// past the width).
    static func bitwise(_ node: Node, _ operands: [Tensor<Double>], type: ElementType) throws -> [Tensor<Double>] {
        func fail(_ reason: String) -> ONNXError { .invalidNode(node: node.name, opType: node.opType, reason: reason) }
        guard let width = type.integerWidth else { throw fail("a bitwise operator on \(type.onnxName), not an integer type") }
        guard let x = operands.first else { throw fail("missing input 0") }
        for tensor in operands {
            guard tensor.scalars.allSatisfy({ $0 == $0.rounded() && abs($0) < 0x1p62 }) else { throw fail("a non-integer or too large value") }
        }
        switch node.op {
        case .bitwiseNot?:
            return [Tensor(shape: x.shape, scalars: x.scalars.map { type.isUnsigned ? (width >= 63 ? -$0 - 1 : Double((Int64(1) << width) - 1) - $0) : -$0 - 1 })]
        case .bitShift?:
            guard type.isUnsigned else { throw fail("BitShift on \(type.onnxName) (ONNX defines it for unsigned integers)") }
            guard operands.count == 2 else { throw fail("BitShift takes X and Y") }
            let left = (node.string("direction") ?? "") == "LEFT"
            guard left || node.string("direction") == "RIGHT" else { throw fail("direction must be LEFT or RIGHT") }
            return [try binary(x, operands[1], node) { value, amount in
                let (v, s) = (Int64(value), Int64(amount))
                guard s >= 0 else { return 0 }
                if !left { return s >= 63 ? 0 : Double(v >> s) }
                guard s < width else { return 0 }
                let kept = width - Int(s) >= 63 ? v : v & ((Int64(1) << (width - Int(s))) - 1)
                return Double(kept << s)
            }]
        default:
            guard operands.count == 2 else { throw fail("a bitwise operator takes two inputs") }
            let operation: (Int64, Int64) -> Int64 = switch node.op {
            case .bitwiseAnd?: { $0 & $1 }
            case .bitwiseOr?: { $0 | $1 }
            default: { $0 ^ $1 }
            }
            return [try binary(x, operands[1], node) { Double(operation(Int64($0), Int64($1))) }]
        }
    }
}
