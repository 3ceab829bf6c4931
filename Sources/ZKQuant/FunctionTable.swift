#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZKONNX
import ZKText

/// A saturating function at fixed point, as a table: `y = outputs[clamp(x, lower, upper) − lower]`.
///
/// `x` is the input at ``inputScale`` (the quantizer rescales the activation to it first) and
/// `outputs[i] = round(f((lower + i) · 2^−inputScale) · 2^outputScale)` (``FixedPoint/quantize(_:scale:)``).
/// The rows span exactly the inputs where that rounded value still changes: below `lower` it is
/// the value at `lower`, above `upper` the value at `upper` (``UnaryFunction`` is monotone with
/// finite limits). So the clamp loses nothing: the table is `round(f(x · 2^−inputScale) · 2^outputScale)`
/// for every integer `x`. A table has two rows at least (a constant function repeats its value).
///
/// The input scale is the finest, at most the activation's own, that keeps the table within
/// ``maximumRows`` rows; the error against `f` on the real input is then at most
/// `max|f′| · 2^−(inputScale+1) + 2^−(outputScale+1)` (the input's rounding, the output's).
public struct FunctionTable: Sendable, Hashable {
    /// The function, with its parameters.
    public let function: UnaryFunction
    /// The scale of the table's input (`x = real · 2^inputScale`).
    public let inputScale: Int
    /// The scale of the outputs.
    public let outputScale: Int
    /// The input of the first row.
    public let lower: Int64
    /// The outputs of the rows, for inputs `lower, lower + 1, …`.
    public let outputs: [Int64]

    /// Tables are at most this many rows (a row costs the circuit one constraint, once per table).
    public static let maximumRows = 2_048

    /// The input of the last row.
    public var upper: Int64 { lower + Int64(outputs.count) - 1 }

    /// The largest error of the table's output against `f` on an input given at `inputScale`
    /// `s ≥` ``inputScale``: `max|f′| · 2^−(t+1)` for rounding the input to the table's scale `t`
    /// (nothing when `s = t`), plus `2^−(outputScale+1)` for rounding the output.
    public func errorBound(inputScale s: Int) -> Double {
        (s > inputScale ? function.maximumSlope * FixedPoint.power(-(inputScale + 1)) : 0) + FixedPoint.power(-(outputScale + 1))
    }

    /// One line for reports: `Sigmoid: input 2^-6, 1155 rows, error ≤ 0.0021`.
    public func summary(inputScale s: Int) -> String {
        // The bound rounded up to two significant digits.
        let bound = errorBound(inputScale: s)
        let unit = pow(10, (log10(bound)).rounded(.down) - 1)
        let digits = Printf.format("%.2g", (bound / unit).rounded(.up) * unit)
        return "\(function): input 2^-\(inputScale), \(outputs.count) rows, error ≤ \(digits)"
    }

    /// `outputs[clamp(x, lower, upper) − lower]`.
    @inlinable public func value(at x: Int64) -> Int64 {
        outputs[Int(Swift.min(Swift.max(x, lower), upper) - lower)]
    }

    /// The table of `function` for an input at scale at most `inputScale` and outputs at
    /// `outputScale`: the finest input scale whose table has at most ``maximumRows`` rows.
    /// - Returns: `nil` when the function does not settle within |x| ≤ 2^20 at this output scale.
    public init?(_ function: UnaryFunction, maximumInputScale: Int, outputScale: Int) {
        guard let (low, high) = Self.saturation(function, outputScale: outputScale) else { return nil }
        // The finest scale t ≤ maximumInputScale with ⌈high·2^t⌉ − ⌊low·2^t⌋ + 1 ≤ maximumRows rows.
        var t = maximumInputScale
        func span(_ t: Int) -> (Int64, Int64) {
            let factor = FixedPoint.power(t)
            return (Int64((low * factor).rounded(.down)), Int64((high * factor).rounded(.up)))
        }
        while t > -30, case let (a, b) = span(t), b - a + 1 > Int64(Self.maximumRows) { t -= 1 }
        let (a, b) = span(t)
        let factor = FixedPoint.power(-t)
        var outputs: [Int64] = []
        outputs.reserveCapacity(Int(b - a + 1))
        for x in a ... b {
            guard let y = FixedPoint.quantize(function(Double(x) * factor), scale: outputScale) else { return nil }
            outputs.append(y)
        }
        // Two rows at least (the circuit's clamp tells its first row from its last): a constant
        // function repeats its value once more.
        if outputs.count == 1 { outputs.append(outputs[0]) }
        self.function = function
        self.inputScale = t
        self.outputScale = outputScale
        self.lower = a
        self.outputs = outputs
    }

    /// The inputs `(low, high)` beyond which `round(f(x)·2^s)` is the rounded limit: the largest
    /// `x` whose value is the lower limit's and the smallest whose value is the upper limit's (by
    /// bisection: `f` is monotone). `nil` when either lies beyond ±2^20.
    static func saturation(_ function: UnaryFunction, outputScale s: Int) -> (Double, Double)? {
        guard let lowerLimit = FixedPoint.quantize(function.limits.lower, scale: s),
              let upperLimit = FixedPoint.quantize(function.limits.upper, scale: s) else { return nil }
        let bound = Double(1 << 20)
        func rounded(_ x: Double) -> Int64? { FixedPoint.quantize(function(x), scale: s) }
        guard rounded(-bound) == lowerLimit, rounded(bound) == upperLimit else { return nil }
        // The boundary between the inputs where `settled` fails and those where it holds, which
        // lie on the side `holdsAbove` says (f is monotone), found by bisection on [−bound, bound];
        // returns an input where it holds.
        func boundary(holdsAbove: Bool, _ settled: (Double) -> Bool) -> Double {
            var (fails, holds) = holdsAbove ? (-bound, bound) : (bound, -bound)
            if settled(fails) { return fails }
            while (holds - fails).magnitude > 1e-9 * Swift.max(1, holds.magnitude) {
                let m = (fails + holds) / 2
                if settled(m) { holds = m } else { fails = m }
            }
            return holds
        }
        let high = boundary(holdsAbove: true) { rounded($0) == upperLimit }
        let low = boundary(holdsAbove: false) { rounded($0) == lowerLimit }
        return (Swift.min(low, high), high)
    }
}
