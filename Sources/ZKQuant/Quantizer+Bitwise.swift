import ZKONNX

extension Quantizer {
    /// `BitwiseAnd`/`Or`/`Xor`, `BitwiseNot` and `BitShift` on integer tensors at scale 0.
    /// And/Or/Xor: `bitwise` on the activations' two's-complement bits (against a constant, its
    /// known bits); Not: `−x − 1` (signed) or `2^w − 1 − x` (unsigned width `w`), linear;
    /// BitShift by constant amounts (unsigned): RIGHT the integer quotient by `2^s`, LEFT
    /// `shiftLeft` (the bits below the width moved up). A shift by a computed amount is refused.
    mutating func lowerBitwise(_ node: Node) throws {
        let type = graph.elementTypes[node.input(0) ?? ""] ?? .int64
        guard let width = type.integerWidth else { throw unsupported(node, "a bitwise operator on \(type.onnxName)") }
        let output = node.outputs[0], shape = graph.shapes[output] ?? []
        let bits = configuration.activationBits
        switch node.op {
        case .bitwiseNot?:
            let x = try align(try activation(node.input(0), node), to: 0, node)
            var constant: Int64 = -1
            if type.isUnsigned {
                guard width < 62, Double((Int64(1) << width) - 1) < activationBound else {
                    throw unsupported(node, "BitwiseNot of \(type.onnxName): 2^\(width) − 1 does not fit \(bits)-bit activations")
                }
                constant = (Int64(1) << width) - 1
            }
            try append(node, .linearCombination(coefficients: [-1], constant: Tensor(shape: [1], scalars: [constant])), inputs: [x],
                       output: output, shape: shape, scale: 0, bound: bounds[x]! + Double(constant.magnitude), isActivation: true)
        case .bitShift?:
            guard type.isUnsigned else { throw unsupported(node, "BitShift on \(type.onnxName) (defined for unsigned integers)") }
            guard !isActivation(node.input(1)) else { throw unsupported(node, "BitShift by a computed amount") }
            let amounts = try constant(node.input(1), node)
            guard amounts.scalars.allSatisfy({ $0 >= 0 && $0 == $0.rounded() }) else { throw unsupported(node, "a negative or fractional shift") }
            let x = try align(try activation(node.input(0), node), to: 0, node)
            let shifts = Tensor(shape: amounts.shape, scalars: amounts.scalars.map { Int64(Swift.min($0, 64)) })
            if node.string("direction") == "RIGHT" {
                // x ≥ 0 (unsigned), so the truncating quotient is ⌊x / 2^s⌋; x < 2^60 makes 2^61 a zero.
                let divisors = Tensor(shape: shifts.shape, scalars: shifts.scalars.map { Int64(1) << Swift.min($0, 61) })
                _ = try emitQuotient(node, input: x, divisors: divisors, truncating: true, output: output)
            } else if node.string("direction") == "LEFT" {
                let largest = shifts.scalars.max() ?? 0
                let bound = Swift.min(Double(width) >= 60 ? 0x1p60 : Double(Int64(1) << width), bounds[x]! * Double(sign: .plus, exponent: Int(largest), significand: 1))
                try append(node, .shiftLeft(shifts: shifts, width: width, bits: bits - 1), inputs: [x], output: output, shape: shape,
                           scale: 0, bound: bound, isActivation: true)
            } else {
                throw unsupported(node, "direction must be LEFT or RIGHT")
            }
        default:
            let operation: BitwiseOperation = node.op == .bitwiseAnd ? .and : node.op == .bitwiseOr ? .or : .xor
            var (first, second) = (node.input(0), node.input(1))
            if !isActivation(first) { swap(&first, &second) }  // commutative: the activation first
            let a = try align(try activation(first, node), to: 0, node)
            if isActivation(second) {
                let b = try align(try activation(second, node), to: 0, node)
                try append(node, .bitwise(operation, constant: nil, bits: bits), inputs: [a, b], output: output, shape: shape,
                           scale: 0, bound: activationBound, isActivation: true)
            } else {
                let value = try constant(second, node)
                guard value.scalars.allSatisfy({ $0 == $0.rounded() && abs($0) < 0x1p59 }) else {
                    throw unsupported(node, "a non-integer or too large constant operand")
                }
                let constant = Tensor(shape: value.shape, scalars: value.scalars.map { Int64($0) })
                let wide = constant.scalars.map { FixedPoint.bits(forBound: Double($0.magnitude)) }.max() ?? 1  // signed widths
                try append(node, .bitwise(operation, constant: constant, bits: Swift.max(bits, wide)), inputs: [a], output: output,
                           shape: shape, scale: 0, bound: Double(Int64(1) << (Swift.max(bits, wide) - 1)), isActivation: true)
            }
        }
    }
}
