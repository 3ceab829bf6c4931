import ZKCircuits
import ZKConstraints

/// Errors of lowering a quantized model to a circuit and of computing its witness.
public enum CompilerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Building the circuit or its witness failed; the circuit error carries the label
    /// (`node <ONNX node>: <gadget>…`) in force when it happened.
    case circuit(CircuitError)
    /// The circuit's output disagrees with the exact integer inference: a compiler bug, never a
    /// user error. Names the output tensor and element.
    case outputMismatch(tensor: String, index: Int, circuit: String, inference: Int64)
    /// The number of input tensors or their element counts do not match the model.
    case inputMismatch(String)
    /// A step violates a precondition of its gadget (bit widths too large for the field).
    case unsupportedStep(node: String, reason: String)
    /// A salted digest's salt is missing or not below 2^248 (``DigestSalts``); names the tensor.
    case salt(role: PublicLayout.Entry.Role, tensor: String, reason: String)

    public var description: String {
        switch self {
        case let .circuit(error): error.description
        case let .outputMismatch(tensor, index, circuit, inference):
            "output '\(tensor)' element \(index): circuit computed \(circuit), the quantized inference \(inference) (compiler bug)"
        case let .inputMismatch(reason): reason
        case let .unsupportedStep(node, reason): "node '\(node)': \(reason)"
        case let .salt(role, tensor, reason): "salt of \(role.rawValue) '\(tensor)': \(reason)"
        }
    }
}
