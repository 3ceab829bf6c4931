public import ZKONNX
public import ZKText

/// Everything that can go wrong while quantizing a graph or running it in integers.
public enum QuantError: ModuleError, Equatable, Sendable {
    /// `onnx` for a wrapped ``ONNXError``, else `quant`.
    public var module: String {
        if case let .onnx(error) = self { return error.module }
        return "quant"
    }

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
    /// An input of a function's table lies outside what the table covers (the function's domain,
    /// or where its value fits the output width).
    case outsideDomain(node: String, tensor: String, index: Int, value: Double, domain: String)
    /// A float input is NaN or infinite.
    case nonFiniteInput(input: String, index: Int)
    /// An input has the wrong element count.
    case inputMismatch(input: String, expectedCount: Int, got: Int)
    /// There are too few or too many input arrays (one per graph input); `input` is the first
    /// missing one, or `(extra)`.
    case inputArrayCount(input: String, expected: Int, got: Int)
    /// A JSON file is not in the expected layout.
    case invalidJSON(file: String, reason: String)
    /// A JSON file is not JSON at all; carries the parser's error.
    case notJSON(file: String, JSONValue.ParseError)
    /// A configuration value is out of range.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .onnx(error): error.description
        case let .unsupportedQuantization(node, opType, reason): "node '\(node)' (\(opType)): cannot quantize: \(reason)"
        case let .outOfRange(node, tensor, index, value, bits):
            "node '\(node)': value \(value) at index \(index) of '\(tensor)' does not fit in \(bits) signed bits"
        case let .overflow(node, reason): "node '\(node)': \(reason)"
        case let .outsideDomain(node, tensor, index, value, domain):
            "node '\(node)': input \(value) at index \(index) of '\(tensor)' is outside the table of \(domain)"
        case let .nonFiniteInput(input, index): "input '\(input)': element \(index) is NaN or infinite"
        case let .inputMismatch(input, expected, got):
            "input '\(input)': expected \(expected) values, got \(got)"
                + (expected > 0 && got > expected && got % expected == 0
                    ? " (\(got / expected) times as many: a symbolic batch dimension is compiled as 1 unless --input-shape or --variables sets it)" : "")
        case let .inputArrayCount(input, expected, got):
            "input '\(input)': expected \(expected) input arrays (one per graph input), got \(got)"
        case let .invalidJSON(file, reason): "\(file): \(reason)"
        case let .notJSON(file, error): "\(file): not JSON: \(error)"
        case let .invalidConfiguration(reason): "invalid configuration: \(reason)"
        }
    }
}
