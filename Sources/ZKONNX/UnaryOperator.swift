/// The ONNX element-wise functions of one input that zkml evaluates through a function table
/// (``UnaryFunction`` gives each its real function; ZKQuant's `FunctionTable` its integer form).
///
/// Like ``WindowOperator`` they share one case of ``ONNXOperator``, ``ONNXOperator/function(_:)``:
/// the code that turns such a node into a table switches over this enum alone.
public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
    case sigmoid = "Sigmoid"
    case tanh = "Tanh"
    case erf = "Erf"
    case hardSigmoid = "HardSigmoid"
    case hardSwish = "HardSwish"
    case exp = "Exp"
    case log = "Log"
    case sqrt = "Sqrt"
    case reciprocal = "Reciprocal"
    case softplus = "Softplus"
    case softsign = "Softsign"
    case elu = "Elu"
    case celu = "Celu"
    case selu = "Selu"
    case mish = "Mish"
    case gelu = "Gelu"
    case abs = "Abs"
    case sign = "Sign"

    /// Whether the output keeps the input's element type (`Abs` and `Sign` of an integer tensor
    /// are integers); every other one is a float function.
    public var keepsElementType: Bool { self == .abs || self == .sign }
}
