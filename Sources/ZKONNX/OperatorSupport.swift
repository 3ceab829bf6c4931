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

    /// Every supported operator (the default domain's and `ai.onnx.ml`'s, whose names do not
    /// collide) with its kind (``ONNXOperator/kind``).
    public static let operators: [String: Kind] = Dictionary(uniqueKeysWithValues: ONNXOperator.allCases.map { ($0.name, $0.kind) })

    /// Whether `opType` in `domain` is supported.
    public static func isSupported(opType: String, domain: String) -> Bool {
        ONNXOperator(opType: opType, domain: domain) != nil
    }
}
