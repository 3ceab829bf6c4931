/// The ONNX comparison and logic operators: `Less`, `LessOrEqual`, `Greater`, `GreaterOrEqual`,
/// `Equal` (two tensors of any numeric type to a bool tensor), `Not`, `And`, `Or`, `Xor` (on bool
/// tensors) and `Where` (a bool condition choosing between two tensors), all with numpy
/// broadcasting. ``ONNXOperator/logic(_:)`` groups them.
public enum LogicOperator: String, Sendable, Hashable, CaseIterable {
    case less = "Less"
    case lessOrEqual = "LessOrEqual"
    case greater = "Greater"
    case greaterOrEqual = "GreaterOrEqual"
    case equal = "Equal"
    case not = "Not"
    case and = "And"
    case or = "Or"
    case xor = "Xor"
    case `where` = "Where"

    /// Whether the operator compares two numbers.
    public var isComparison: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal].contains(self) }

    /// The value of a comparison or a logic operator on `a` and `b` (booleans as 0 and 1; `Not`
    /// reads `a` alone). `Where` has three operands: see ``FloatEvaluator``.
    public func callAsFunction(_ a: Double, _ b: Double) -> Double {
        let result: Bool = switch self {
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        case .equal: a == b
        case .not: a == 0
        case .and: a != 0 && b != 0
        case .or: a != 0 || b != 0
        case .xor: (a != 0) != (b != 0)
        case .where: preconditionFailure("Where takes three operands")
        }
        return result ? 1 : 0
    }
}
