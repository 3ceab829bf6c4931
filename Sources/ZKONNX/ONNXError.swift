public import ZKText

/// Everything that can go wrong while reading an ONNX model, resolving its shapes or evaluating it.
///
/// Every case names what is wrong and where: the file, the node (by name, or `#index` when the
/// node has no name), the tensor or the field.
public enum ONNXError: ModuleError, Equatable, Sendable {
    /// `onnx`.
    public var module: String { "onnx" }

    /// The bytes are not a valid ONNX protobuf message.
    case malformedProtobuf(file: String, reason: String)
    /// The file could not be read.
    case unreadableFile(file: String, reason: String)
    /// The model has no graph, or the graph is structurally broken (missing field, cycle…).
    case invalidModel(reason: String)
    /// A tensor stores its data in an external file, which zkml does not read.
    case externalData(tensor: String)
    /// A tensor uses an element type zkml does not handle (string, complex, float16…).
    case unsupportedDataType(tensor: String, dataType: Int)
    /// A tensor's payload does not match its declared shape and type.
    case invalidTensor(tensor: String, reason: String)
    /// A node uses an operator zkml does not implement.
    case unsupportedOperator(node: String, opType: String, opset: Int)
    /// A node's attribute or operand is outside what zkml supports for this operator.
    case unsupportedAttribute(node: String, opType: String, reason: String)
    /// A node is malformed (wrong number of inputs, shapes that do not agree…).
    case invalidNode(node: String, opType: String, reason: String)
    /// A graph input was given a value of the wrong shape or element count.
    case inputShapeMismatch(input: String, expected: [Int], got: [Int])
    /// A graph input is missing, or an unknown one was supplied.
    case missingInput(name: String)
    /// A graph input's shape has a symbolic dimension that cannot be resolved.
    case unresolvedDimension(input: String, dimension: String)
    /// A value is NaN or infinite where a finite number is required.
    case nonFiniteValue(tensor: String, index: Int)

    public var description: String {
        switch self {
        case let .malformedProtobuf(file, reason): "\(file): not a valid ONNX model: \(reason)"
        case let .unreadableFile(file, reason): "\(file): cannot read: \(reason)"
        case let .invalidModel(reason): "invalid model: \(reason)"
        case let .externalData(tensor): "tensor '\(tensor)' uses external data files, which are not supported"
        case let .unsupportedDataType(tensor, dataType):
            "tensor '\(tensor)' has unsupported data type \(dataType) (\(ElementType.name(of: dataType)))"
        case let .invalidTensor(tensor, reason): "tensor '\(tensor)': \(reason)"
        case let .unsupportedOperator(node, opType, opset):
            "node '\(node)': operator \(opType) (opset \(opset)) is not supported"
        case let .unsupportedAttribute(node, opType, reason): "node '\(node)' (\(opType)): unsupported: \(reason)"
        case let .invalidNode(node, opType, reason): "node '\(node)' (\(opType)): \(reason)"
        case let .inputShapeMismatch(input, expected, got):
            "input '\(input)': expected shape \(expected), got \(got)"
        case let .missingInput(name): "input '\(name)' is missing or unknown"
        case let .unresolvedDimension(input, dimension):
            "input '\(input)': cannot resolve symbolic dimension '\(dimension)'"
        case let .nonFiniteValue(tensor, index): "tensor '\(tensor)': element \(index) is NaN or infinite"
        }
    }
}
