/// The operators zkml understands, and how the quantizer treats each one.
public enum OperatorSupport {
    /// How an operator is arithmetised once quantized.
    public enum Kind: String, Sendable, Codable {
        /// Integer linear combination with constant weights: free in the circuit.
        case linear
        /// Needs constraints: rescale, comparison, product of two activations.
        case nonLinear = "non-linear"
        /// Pure data movement (copy, reorder, pad): free in the circuit.
        case wiring
        /// Evaluated at compile time (shape arithmetic, constants).
        case constant
    }

    /// Every supported operator of the default domain with its kind.
    public static let operators: [String: Kind] = [
        "Gemm": .linear, "MatMul": .linear, "Conv": .linear, "Add": .linear, "Sub": .linear, "Sum": .linear,
        "Neg": .linear, "Mul": .nonLinear, "Pow": .nonLinear, "Div": .nonLinear, "BatchNormalization": .linear,
        "AveragePool": .nonLinear, "GlobalAveragePool": .nonLinear, "ReduceSum": .linear,
        "ReduceMean": .nonLinear, "Relu": .nonLinear, "LeakyRelu": .nonLinear, "PRelu": .nonLinear,
        "Clip": .nonLinear, "MaxPool": .nonLinear, "GlobalMaxPool": .nonLinear, "ArgMax": .nonLinear,
        "Flatten": .wiring, "Reshape": .wiring, "Transpose": .wiring, "Squeeze": .wiring, "Unsqueeze": .wiring,
        "Concat": .wiring, "Slice": .wiring, "Pad": .wiring, "Identity": .wiring, "Dropout": .wiring,
        "Cast": .wiring, "Gather": .wiring, "Expand": .wiring, "Tile": .wiring, "Trilu": .wiring,
        "ReduceMax": .nonLinear, "ReduceMin": .nonLinear,
        "Constant": .constant, "Shape": .constant, "ConstantOfShape": .constant,
    ]

    /// Whether `opType` in `domain` is supported.
    public static func isSupported(opType: String, domain: String) -> Bool {
        (domain.isEmpty || domain == "ai.onnx") && operators[opType] != nil
    }
}
