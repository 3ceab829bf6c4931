#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element-wise function of one real variable that zkml evaluates through a function table
/// (ZKQuant's `FunctionTable`): the ONNX operators of ``UnaryOperator`` with their attributes,
/// and `Pow` with a constant non-integer exponent.
///
/// Besides its values a function says what a table builder needs to cover it with few rows and
/// a proven error: where it is defined (``domain``), the points between which it is monotone
/// (``breakpoints``), and the line it approaches at each end, if any (``asymptotes``), so that
/// one row can stand for a whole tail.
public enum UnaryFunction: Sendable, Hashable, CustomStringConvertible {
    /// `1 / (1 + e^−x)` (ONNX `Sigmoid`).
    case sigmoid
    /// `tanh(x)` (ONNX `Tanh`).
    case tanh
    /// The error function `erf(x)` (ONNX `Erf`; GELU's exact form is `x/2 · (1 + erf(x/√2))`).
    case erf
    /// `max(0, min(1, α·x + β))` (ONNX `HardSigmoid`, by default α = 0.2, β = 0.5).
    case hardSigmoid(alpha: Double, beta: Double)
    /// `x · max(0, min(1, x/6 + 1/2))` (ONNX `HardSwish`).
    case hardSwish
    /// `e^x` (ONNX `Exp`).
    case exp
    /// `ln x`, for `x > 0` (ONNX `Log`).
    case log
    /// `√x`, for `x ≥ 0` (ONNX `Sqrt`).
    case sqrt
    /// `1/x`, for `x ≠ 0` (ONNX `Reciprocal`, and the divisor of `Div` by an activation).
    case reciprocal
    /// `x^p` for a constant `p` (ONNX `Pow`): for every `x` when `p` is an integer (`x ≠ 0` when
    /// negative), else for `x ≥ 0` (`x > 0` when `p < 0`).
    case power(Double)
    /// `b^x` for a constant base `b > 0` (ONNX `Pow` with a constant base and a computed exponent).
    case exponential(base: Double)
    /// `ln(1 + e^x)` (ONNX `Softplus`).
    case softplus
    /// `x / (1 + |x|)` (ONNX `Softsign`).
    case softsign
    /// `x` for `x ≥ 0`, else `α·(e^x − 1)` (ONNX `Elu`, α = 1 by default).
    case elu(alpha: Double)
    /// `max(0, x) + min(0, α·(e^(x/α) − 1))` (ONNX `Celu`, α = 1 by default).
    case celu(alpha: Double)
    /// `γ·x` for `x > 0`, else `γ·α·(e^x − 1)` (ONNX `Selu`).
    case selu(alpha: Double, gamma: Double)
    /// `x · tanh(softplus(x))` (ONNX `Mish`).
    case mish
    /// `x/2 · (1 + erf(x/√2))`, or with `tanh` its approximation
    /// `x/2 · (1 + tanh(√(2/π)·(x + 0.044715·x³)))` (ONNX `Gelu`, `approximate`).
    case gelu(tanh: Bool)
    /// `|x|` (ONNX `Abs`).
    case abs
    /// `−1, 0, 1` by the sign of `x` (ONNX `Sign`).
    case sign
    /// `1/√(x + ε)`, for `x ≥ 0`: the inverse deviation of LayerNormalization and
    /// InstanceNormalization (not an ONNX operator of its own).
    case reciprocalSquareRoot(epsilon: Double)
    /// `sin x`, `cos x` (ONNX `Sin`, `Cos`): tabulated on one period `[−π, π]`, the input reduced
    /// first (ZKQuant); its ``breakpoints`` are the extremes there.
    case sin, cos
    /// `tan x` (ONNX `Tan`): tabulated on `(−π/2, π/2)`, the input reduced modulo π first.
    case tan
    /// `asin x`, `acos x` for `|x| ≤ 1`; `atan x` (ONNX `Asin`, `Acos`, `Atan`).
    case asin, acos, atan
    /// `sinh x`, `cosh x`, `asinh x`; `acosh x` for `x ≥ 1`; `atanh x` for `|x| < 1` (ONNX).
    case sinh, cosh, asinh, acosh, atanh

    /// A line `slope·x + intercept` that the function approaches at one end, monotonically
    /// beyond ``from`` (`|f(x) − line(x)|` only shrinks from there outward; `nil`: everywhere).
    public struct Asymptote: Sendable, Hashable {
        public let slope: Double
        public let intercept: Double
        public let from: Double?

        public init(slope: Double, intercept: Double, from: Double? = nil) {
            (self.slope, self.intercept, self.from) = (slope, intercept, from)
        }

        /// `slope·x + intercept`.
        public func callAsFunction(_ x: Double) -> Double { slope * x + intercept }
    }

    /// The function of `node`, when it is one of ``UnaryOperator``'s (attributes read with their
    /// ONNX defaults), else `nil`.
    public init?(_ node: Node) {
        guard case let .function(operation) = node.op else { return nil }
        switch operation {
        case .sigmoid: self = .sigmoid
        case .tanh: self = .tanh
        case .erf: self = .erf
        case .hardSigmoid: self = .hardSigmoid(alpha: node.float("alpha") ?? 0.2, beta: node.float("beta") ?? 0.5)
        case .hardSwish: self = .hardSwish
        case .exp: self = .exp
        case .log: self = .log
        case .sqrt: self = .sqrt
        case .reciprocal: self = .reciprocal
        case .softplus: self = .softplus
        case .softsign: self = .softsign
        case .elu: self = .elu(alpha: node.float("alpha") ?? 1)
        case .celu: self = .celu(alpha: node.float("alpha") ?? 1)
        case .selu:
            self = .selu(alpha: node.float("alpha") ?? 1.67326319217681884765625,
                         gamma: node.float("gamma") ?? 1.05070102214813232421875)
        case .mish: self = .mish
        case .gelu: self = .gelu(tanh: node.string("approximate") == "tanh")
        case .abs: self = .abs
        case .sign: self = .sign
        case .sin: self = .sin
        case .cos: self = .cos
        case .tan: self = .tan
        case .asin: self = .asin
        case .acos: self = .acos
        case .atan: self = .atan
        case .sinh: self = .sinh
        case .cosh: self = .cosh
        case .asinh: self = .asinh
        case .acosh: self = .acosh
        case .atanh: self = .atanh
        }
    }

    /// The value at `x` (NaN outside the ``domain``, as ONNX gives).
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .sigmoid:
            // The two forms keep the exponential's argument non-positive (no overflow to ∞).
            if x >= 0 { return 1 / (1 + libmExp(-x)) }
            let e = libmExp(x)
            return e / (1 + e)
        case .tanh: return libmTanh(x)
        case .erf: return libmErf(x)
        case let .hardSigmoid(alpha, beta): return Swift.max(0, Swift.min(1, alpha * x + beta))
        case .hardSwish: return x * Swift.max(0, Swift.min(1, x / 6 + 0.5))
        case .exp: return libmExp(x)
        case .log: return libmLog(x)
        case .sqrt: return x.squareRoot()
        case .reciprocal: return 1 / x
        case let .power(p): return libmPow(x, p)
        case let .exponential(base): return libmPow(base, x)
        case .softplus: return Self.softplus(x)
        case .softsign: return x / (1 + Swift.abs(x))
        case let .elu(alpha): return x >= 0 ? x : alpha * libmExpm1(x)
        case let .celu(alpha): return Swift.max(0, x) + Swift.min(0, alpha * libmExpm1(x / alpha))
        case let .selu(alpha, gamma): return x > 0 ? gamma * x : gamma * alpha * libmExpm1(x)
        case .mish: return x * libmTanh(Self.softplus(x))
        case let .gelu(approximate):
            if approximate { return x / 2 * (1 + libmTanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x))) }
            return x / 2 * (1 + libmErf(x / 2.0.squareRoot()))
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : x < 0 ? -1 : x.isNaN ? .nan : 0
        case let .reciprocalSquareRoot(epsilon): return 1 / (x + epsilon).squareRoot()
        case .sin: return libmSin(x)
        case .cos: return libmCos(x)
        case .tan: return libmTan(x)
        case .asin: return libmAsin(x)
        case .acos: return libmAcos(x)
        case .atan: return libmAtan(x)
        case .sinh: return libmSinh(x)
        case .cosh: return libmCosh(x)
        case .asinh: return libmAsinh(x)
        case .acosh: return libmAcosh(x)
        case .atanh: return libmAtanh(x)
        }
    }

    /// The closed intervals where the function is defined and finite, in increasing order (an
    /// open end is the nearest representable point: `Log` is defined on `[tiny, ∞]`); for the
    /// periodic `Sin`, `Cos`, `Tan`, the one period a table covers (their inputs are reduced to it).
    public var domain: [ClosedRange<Double>] {
        let tiny = Double.leastNonzeroMagnitude
        switch self {
        case .log: return [tiny ... .infinity]
        case .sqrt, .reciprocalSquareRoot: return [0 ... .infinity]
        case .sin, .cos: return [-Double.pi ... Double.pi]
        case .tan: return [(-Double.pi / 2).nextUp ... (Double.pi / 2).nextDown]
        case .asin, .acos: return [-1 ... 1]
        case .acosh: return [1 ... .infinity]
        case .atanh: return [(-1.0).nextUp ... (1.0).nextDown]
        case .reciprocal: return [-.infinity ... -tiny, tiny ... .infinity]
        case let .power(p) where p == p.rounded():
            return p < 0 ? [-.infinity ... -tiny, tiny ... .infinity] : [-.infinity ... .infinity]
        case let .power(p): return [(p < 0 ? tiny : 0) ... .infinity]
        case .sign: return [-.infinity ... -tiny, 0 ... 0, tiny ... .infinity]
        default: return [-.infinity ... .infinity]
        }
    }

    /// Points (increasing) between which the function is monotone on each ``domain`` interval.
    public var breakpoints: [Double] {
        switch self {
        case .hardSwish: [-1.5]
        case .elu, .celu, .selu, .abs: [0]
        case let .power(p) where p == p.rounded() && Int64(p) % 2 == 0: [0]
        case .sin: [-Double.pi / 2, Double.pi / 2]
        case .cos, .cosh: [0]
        case .mish: [Self.mishMinimum]
        case let .gelu(approximate): [approximate ? Self.geluTanhMinimum : Self.geluMinimum]
        default: []
        }
    }

    /// The lines approached at −∞ and +∞ (`nil` where the function grows without a line, or its
    /// domain ends).
    public var asymptotes: (lower: Asymptote?, upper: Asymptote?) {
        func constant(_ c: Double, from: Double? = nil) -> Asymptote { Asymptote(slope: 0, intercept: c, from: from) }
        switch self {
        case .sigmoid: return (constant(0), constant(1))
        case .tanh, .erf, .softsign: return (constant(-1), constant(1))
        case let .hardSigmoid(alpha, beta):
            let level = Swift.max(0, Swift.min(1, beta))
            return alpha > 0 ? (constant(0), constant(1)) : alpha < 0 ? (constant(1), constant(0)) : (constant(level), constant(level))
        case .hardSwish: return (constant(0, from: -3), Asymptote(slope: 1, intercept: 0, from: 3))
        case .exp: return (constant(0), nil)
        case let .exponential(base): return base > 1 ? (constant(0), nil) : base < 1 ? (nil, constant(0)) : (constant(1), constant(1))
        case .log, .sqrt: return (nil, nil)
        case .reciprocal: return (constant(0), constant(0))
        case let .power(p): return (p < 0 && p == p.rounded() ? constant(0) : nil, p < 0 ? constant(0) : nil)
        case .softplus: return (constant(0), Asymptote(slope: 1, intercept: 0))
        case let .elu(alpha), let .celu(alpha): return (constant(-alpha, from: 0), Asymptote(slope: 1, intercept: 0, from: 0))
        case let .selu(alpha, gamma): return (constant(-alpha * gamma, from: 0), Asymptote(slope: gamma, intercept: 0, from: 0))
        case .mish, .gelu: return (constant(0, from: -2), Asymptote(slope: 1, intercept: 0, from: 2))
        case .abs: return (Asymptote(slope: -1, intercept: 0, from: 0), Asymptote(slope: 1, intercept: 0, from: 0))
        case .sign: return (constant(-1), constant(1))
        case .reciprocalSquareRoot: return (nil, constant(0))
        case .atan: return (constant(-Double.pi / 2), constant(Double.pi / 2))
        case .sin, .cos, .tan, .asin, .acos, .sinh, .cosh, .asinh, .acosh, .atanh: return (nil, nil)
        }
    }

    /// The ONNX operator name with its parameters where it has any: `Sigmoid`, `HardSigmoid(0.2,0.5)`,
    /// `Pow(-0.1)`, `Gelu(tanh)`.
    public var description: String {
        switch self {
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .erf: "Erf"
        case let .hardSigmoid(alpha, beta): "HardSigmoid(\(Float(alpha)),\(Float(beta)))"
        case .hardSwish: "HardSwish"
        case .exp: "Exp"
        case .log: "Log"
        case .sqrt: "Sqrt"
        case .reciprocal: "Reciprocal"
        case let .power(p): "Pow(\(Float(p)))"
        case let .exponential(base): "Pow(\(Float(base)),x)"
        case .softplus: "Softplus"
        case .softsign: "Softsign"
        case let .elu(alpha): "Elu(\(Float(alpha)))"
        case let .celu(alpha): "Celu(\(Float(alpha)))"
        case let .selu(alpha, gamma): "Selu(\(Float(alpha)),\(Float(gamma)))"
        case .mish: "Mish"
        case let .gelu(approximate): approximate ? "Gelu(tanh)" : "Gelu"
        case .abs: "Abs"
        case .sign: "Sign"
        case let .reciprocalSquareRoot(epsilon): "Rsqrt(\(Float(epsilon)))"
        case .sin: "Sin"
        case .cos: "Cos"
        case .tan: "Tan"
        case .asin: "Asin"
        case .acos: "Acos"
        case .atan: "Atan"
        case .sinh: "Sinh"
        case .cosh: "Cosh"
        case .asinh: "Asinh"
        case .acosh: "Acosh"
        case .atanh: "Atanh"
        }
    }

    /// `ln(1 + e^x)` without overflow.
    static func softplus(_ x: Double) -> Double { x > 0 ? x + libmLog1p(libmExp(-x)) : libmLog1p(libmExp(x)) }

    /// The minimum of `f` on `[a, b]` where it is unimodal (golden-section search).
    static func argMinimum(_ a: Double, _ b: Double, _ f: (Double) -> Double) -> Double {
        let ratio = (5.0.squareRoot() - 1) / 2
        var (a, b) = (a, b)
        while b - a > 1e-12 {
            let (c, d) = (b - ratio * (b - a), a + ratio * (b - a))
            if f(c) < f(d) { b = d } else { a = c }
        }
        return (a + b) / 2
    }

    static let mishMinimum = argMinimum(-3, 0) { UnaryFunction.mish($0) }
    static let geluMinimum = argMinimum(-3, 0) { UnaryFunction.gelu(tanh: false)($0) }
    static let geluTanhMinimum = argMinimum(-3, 0) { UnaryFunction.gelu(tanh: true)($0) }
}

// The C library's functions, named apart from the cases `.exp`, `.log`, `.tanh`, `.erf`.
private func libmExp(_ x: Double) -> Double { exp(x) }
private func libmExpm1(_ x: Double) -> Double { expm1(x) }
private func libmLog(_ x: Double) -> Double { log(x) }
private func libmLog1p(_ x: Double) -> Double { log1p(x) }
private func libmTanh(_ x: Double) -> Double { tanh(x) }
private func libmErf(_ x: Double) -> Double { erf(x) }
private func libmPow(_ x: Double, _ p: Double) -> Double { pow(x, p) }
private func libmSin(_ x: Double) -> Double { sin(x) }
private func libmCos(_ x: Double) -> Double { cos(x) }
private func libmTan(_ x: Double) -> Double { tan(x) }
private func libmAsin(_ x: Double) -> Double { asin(x) }
private func libmAcos(_ x: Double) -> Double { acos(x) }
private func libmAtan(_ x: Double) -> Double { atan(x) }
private func libmSinh(_ x: Double) -> Double { sinh(x) }
private func libmCosh(_ x: Double) -> Double { cosh(x) }
private func libmAsinh(_ x: Double) -> Double { asinh(x) }
private func libmAcosh(_ x: Double) -> Double { acosh(x) }
private func libmAtanh(_ x: Double) -> Double { atanh(x) }
