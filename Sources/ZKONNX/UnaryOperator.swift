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
    case sin = "Sin"
    case cos = "Cos"
    case tan = "Tan"
    case asin = "Asin"
    case acos = "Acos"
    case atan = "Atan"
    case sinh = "Sinh"
    case cosh = "Cosh"
    case asinh = "Asinh"
    case acosh = "Acosh"
    case atanh = "Atanh"

    /// Whether the function is periodic: the quantizer reduces its input modulo the period
    /// before the table (`Sin`, `Cos`: 2π; `Tan`: π).
    public var isPeriodic: Bool { self == .sin || self == .cos || self == .tan }

    /// Whether the output keeps the input's element type (`Abs` and `Sign` of an integer tensor
    /// are integers); every other one is a float function.
    public var keepsElementType: Bool { self == .abs || self == .sign }
}
