import ZKONNX

/// Everything that can go wrong while quantizing a graph or running it in integers.
public enum QuantError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The graph could not be read or resolved.
    case onnx(ONNXError)
    /// A node is supported by the float graph but has no exact integer form (e.g. `MatMul` of two
    /// activations, a `Cast` from float to integer).
    case unsupportedQuantization(node: String, opType: String, reason: String)
    /// A value does not fit its declared signed bit width: the model needs a smaller scale or more
    /// bits (`--bits`, `--calibrate`).
    case outOfRange(node: String, tensor: String, index: Int, value: Int64, bits: Int)
    /// A constant or accumulator bound exceeds what 64-bit arithmetic holds exactly.
    case overflow(node: String, reason: String)
    /// A float input is NaN or infinite.
    case nonFiniteInput(input: String, index: Int)
    /// An input has the wrong element count or there are too few/many inputs.
    case inputMismatch(input: String, expectedCount: Int, got: Int)
    /// A JSON file is not in the expected layout.
    case invalidJSON(file: String, reason: String)
    /// A configuration value is out of range.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .onnx(error): error.description
        case let .unsupportedQuantization(node, opType, reason): "[quant] node '\(node)' (\(opType)): cannot quantize: \(reason)"
        case let .outOfRange(node, tensor, index, value, bits):
            "[quant] node '\(node)': value \(value) at index \(index) of '\(tensor)' does not fit in \(bits) signed bits"
        case let .overflow(node, reason): "[quant] node '\(node)': \(reason)"
        case let .nonFiniteInput(input, index): "[quant] input '\(input)': element \(index) is NaN or infinite"
        case let .inputMismatch(input, expected, got): "[quant] input '\(input)': expected \(expected) values, got \(got)"
        case let .invalidJSON(file, reason): "[quant] \(file): \(reason)"
        case let .invalidConfiguration(reason): "[quant] invalid configuration: \(reason)"
        }
    }
}
