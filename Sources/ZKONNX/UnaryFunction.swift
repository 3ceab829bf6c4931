#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A saturating element-wise function of one real variable: the ONNX activations that zkml
/// evaluates through a function table (see ZKQuant's `FunctionTable`).
///
/// Each is monotone and tends to a finite limit at both ends, so beyond some input its value,
/// rounded to any fixed-point output scale, no longer changes: the table only has to cover the
/// inputs between those two points, and clamping the input to them is exact.
public enum UnaryFunction: Sendable, Hashable, CustomStringConvertible {
    /// `1 / (1 + e^−x)` (ONNX `Sigmoid`).
    case sigmoid
    /// `tanh(x)` (ONNX `Tanh`).
    case tanh
    /// The error function `erf(x)` (ONNX `Erf`; GELU's exact form is `x/2 · (1 + erf(x/√2))`).
    case erf
    /// `max(0, min(1, α·x + β))` (ONNX `HardSigmoid`, by default α = 0.2, β = 0.5).
    case hardSigmoid(alpha: Double, beta: Double)

    /// The function of `node`, when it is one of these (the attributes read with their ONNX
    /// defaults), else `nil`.
    public init?(_ node: Node) {
        switch node.op {
        case .sigmoid: self = .sigmoid
        case .tanh: self = .tanh
        case .erf: self = .erf
        case .hardSigmoid: self = .hardSigmoid(alpha: node.float("alpha") ?? 0.2, beta: node.float("beta") ?? 0.5)
        default: return nil
        }
    }

    /// The value at `x`.
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .sigmoid:
            // The two forms keep the exponential's argument non-positive (no overflow to ∞).
            if x >= 0 { return 1 / (1 + exp(-x)) }
            let e = exp(x)
            return e / (1 + e)
        case .tanh: return hyperbolicTangent(x)
        case .erf: return errorFunction(x)
        case let .hardSigmoid(alpha, beta): return Swift.max(0, Swift.min(1, alpha * x + beta))
        }
    }

    /// The limits at −∞ and +∞.
    public var limits: (lower: Double, upper: Double) {
        switch self {
        case .sigmoid: (0, 1)
        case .tanh, .erf: (-1, 1)
        case let .hardSigmoid(alpha, beta):
            alpha > 0 ? (0, 1) : alpha < 0 ? (1, 0) : (Swift.max(0, Swift.min(1, beta)), Swift.max(0, Swift.min(1, beta)))
        }
    }

    /// The largest `|f′|` (for the error bound of a table at a given input resolution).
    public var maximumSlope: Double {
        switch self {
        case .sigmoid: 0.25
        case .tanh: 1
        case .erf: 2 / Double.pi.squareRoot()
        case let .hardSigmoid(alpha, _): Swift.abs(alpha)
        }
    }

    /// The ONNX operator name and, for HardSigmoid, its parameters: `Sigmoid`, `HardSigmoid(0.2,0.5)`.
    public var description: String {
        switch self {
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .erf: "Erf"
        case let .hardSigmoid(alpha, beta): "HardSigmoid(\(Float(alpha)),\(Float(beta)))"
        }
    }
}

// The C library's functions, named apart from the cases `.tanh` and `.erf`.
private func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
private func errorFunction(_ x: Double) -> Double { erf(x) }
