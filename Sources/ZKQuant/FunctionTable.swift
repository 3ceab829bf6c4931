#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZKONNX
import ZKText

/// An element-wise function at fixed point, as a table of disjoint input ranges ("rows"), each
/// with one output or, for a tail, a line: `y = row.output + row.slope·(x − row.start)` for the
/// row that covers `x`, and no value for an `x` no row covers (outside the function's domain, or
/// where its value does not fit the output width).
///
/// `x` is the input at ``inputScale`` (the activation's own scale), the output is at
/// ``outputScale``. A row spans
/// - ``Row/Span-swift.enum/below``: every `x ≤ start`, the lower tail, where `f` is within
///   ``tolerance``/2 output units of its asymptote (a constant, or `±x` when the scales allow);
/// - ``Row/Span-swift.enum/bucket(log2Width:)``: `start ≤ x < start + 2^j`, where `f` moves by
///   at most ``tolerance``·max(1, |f|) output units, |f| the smaller end's real magnitude (its
///   output is the midpoint, rounded): absolute below magnitude 1, relative above, so `Exp` or
///   `Sqrt` keep their relative precision on large values;
/// - ``Row/Span-swift.enum/above``: every `x ≥ start`, the upper tail.
///
/// Bucket widths adapt to the slope: one row covers a flat stretch of thousands of inputs, a steep
/// one gets a row per input. So a table costs a few thousand rows at most (``maximumRows``) and
/// its error against `f` at the (quantized) input is at most ``errorBound``·max(1, |f|), with
/// the smallest tolerance on a ladder (`2^(k/4)` output units) that fits. The circuit (ZKCircuits' `tableFunction`) proves which row covers `x`
/// with one product and one range check of ``inputBits`` bits.
public struct FunctionTable: Sendable, Hashable {
    /// One range of inputs and its value.
    public struct Row: Sendable, Hashable {
        /// Which inputs a row covers, from its ``start``.
        public enum Span: Sendable, Hashable {
            case below
            case bucket(log2Width: Int)
            case above
        }

        public let start: Int64
        public let span: Span
        public let output: Int64
        /// The output's change per input unit (a tail's line; 0 for a bucket).
        public let slope: Int64

        /// Whether the row covers `x`.
        @inlinable public func covers(_ x: Int64) -> Bool {
            switch span {
            case .below: x <= start
            case let .bucket(j): x >= start && x - start < Int64(1) << j
            case .above: x >= start
            }
        }

        /// The largest input the row covers; `nil` for an upper tail, which covers every input
        /// from its start on.
        @inlinable public var last: Int64? {
            switch span {
            case .below: start
            case let .bucket(j): start + (Int64(1) << j) - 1
            case .above: nil
            }
        }

        /// `output + slope·(x − start)`.
        @inlinable public func value(at x: Int64) -> Int64 { output &+ slope &* (x &- start) }
    }

    /// Why a function has no table at these scales.
    public struct Unbuildable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The function, with its parameters.
    public let function: UnaryFunction
    /// The scale of the input (`x = real · 2^inputScale`).
    public let inputScale: Int
    /// The scale of the outputs.
    public let outputScale: Int
    /// The signed width of the input: every `x` lies in `[−2^(inputBits−1), 2^(inputBits−1))`.
    public let inputBits: Int
    /// The rows, by increasing ``Row/start``, disjoint.
    public let rows: [Row]
    /// How far `f` may move within a row, in output units times max(1, |f|) (the row output's
    /// error is half of it plus the output's rounding).
    public let tolerance: Double

    /// Tables are at most this many rows (a row costs the circuit one constraint, once per table).
    public static let maximumRows = 4_096

    /// Whether some row has a non-zero slope (the circuit then needs a fourth column).
    public var hasSlopes: Bool { rows.contains { $0.slope != 0 } }

    /// The largest input a row covers, or `nil` when a row covers every input above its start
    /// (an upper tail) or there is no row. Softmax's Exp table on `x − max` covers nothing above
    /// 0, which is what proves the maximum an upper bound
    /// (``QuantizedOperation/subtractWindowMax(_:)``).
    public var largestCoveredInput: Int64? {
        var largest: Int64?
        for row in rows {
            guard let last = row.last else { return nil }
            largest = max(largest ?? last, last)
        }
        return largest
    }

    /// `E` in the largest error of an output against `f` at the input's exact value
    /// `x·2^−inputScale`, `E·max(1, |f(x)|)`: `(tolerance/2 + 1/2)·2^−outputScale`.
    public var errorBound: Double { (tolerance / 2 + 0.5) * FixedPoint.power(-outputScale) }

    /// The inputs the table covers, as real ranges: `[-0.5, 7.6]`, `(-∞, ∞)`.
    public var domainDescription: String {
        var ranges: [(Double, Double)] = []
        let unit = FixedPoint.power(-inputScale)
        for row in rows {
            let low = row.span == .below ? -.infinity : Double(row.start) * unit
            let high = row.last.map { Double($0) * unit } ?? .infinity
            if let last = ranges.last, (low - last.1 - unit).magnitude < unit / 2 { ranges[ranges.count - 1].1 = high } else { ranges.append((low, high)) }
        }
        func text(_ x: Double) -> String { x.isInfinite ? (x < 0 ? "-∞" : "∞") : Printf.format("%.6g", x) }
        return ranges.map { "[\(text($0.0)), \(text($0.1))]" }.joined(separator: " ∪ ")
    }

    /// One line for reports: `Sigmoid: 1480 rows, error ≤ 0.00025·max(1,|y|)`.
    public var summary: String {
        // The bound rounded up to two significant digits.
        let bound = errorBound
        let unit = pow(10, (log10(bound)).rounded(.down) - 1)
        let digits = Printf.format("%.2g", (bound / unit).rounded(.up) * unit)
        return "\(function): \(rows.count) rows, error ≤ \(digits)·max(1,|y|)"
    }

    /// The output for input `x`, or `nil` when no row covers it.
    @inlinable public func value(at x: Int64) -> Int64? {
        // The last row starting at or before x (a `below` row is the first, and covers all before).
        var (low, high) = (0, rows.count)
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].start <= x { low = middle + 1 } else { high = middle }
        }
        let candidate = low == 0 ? rows.first : rows[low - 1]
        guard let row = candidate, row.covers(x) else { return nil }
        return row.value(at: x)
    }

    /// The table of `function` for inputs of `inputBits` signed bits at `inputScale` and outputs
    /// of `outputBits` signed bits at `outputScale`, with the smallest tolerance that fits in
    /// ``maximumRows`` rows. `inputRange`, when given, restricts the rows to those inputs (a
    /// caller that knows its input's sign: Softmax's `x − max ≤ 0`); the rest has no value.
    /// - Throws: ``Unbuildable`` when the function is defined on none of the inputs, or needs more
    ///   rows than allowed at every tolerance.
    public init(_ function: UnaryFunction, inputScale: Int, outputScale: Int, inputBits: Int, outputBits: Int,
                inputRange: ClosedRange<Int64>? = nil) throws(Unbuildable) {
        precondition(inputBits >= 2 && inputBits <= 60 && outputBits >= 2 && outputBits <= 60, "widths 2…60")
        let builder = Builder(function: function, inputScale: inputScale, outputScale: outputScale,
                              inputBits: inputBits, outputBits: outputBits, inputRange: inputRange)
        guard builder.pieces.contains(where: { builder.fitting($0) != nil }) else {
            throw Unbuildable(description: "\(function) is not defined (or does not fit \(outputBits) bits at scale 2^-\(outputScale)) on any input at scale 2^-\(inputScale)")
        }
        // The smallest k ≤ 160 whose tolerance 2^(k/4) fits (the row count falls as k grows).
        var (low, high) = (0, 160)
        guard builder.rows(tolerance: Self.tolerance(high)) != nil else {
            throw Unbuildable(description: "\(function) needs more than \(Self.maximumRows) rows at scale 2^-\(inputScale)")
        }
        while low < high {
            let middle = (low + high) / 2
            if builder.rows(tolerance: Self.tolerance(middle)) != nil { high = middle } else { low = middle + 1 }
        }
        self.function = function
        self.inputScale = inputScale
        self.outputScale = outputScale
        self.inputBits = inputBits
        self.tolerance = Self.tolerance(low)
        self.rows = builder.rows(tolerance: tolerance)!
    }

    static func tolerance(_ k: Int) -> Double { exp2(Double(k) / 4) }
}

extension FunctionTable {
    /// The table's construction: the integer inputs where `f` is defined and fits, split where it
    /// turns, then tails and greedy buckets for a tolerance.
    struct Builder {
        let function: UnaryFunction
        let inputScale: Int
        let outputScale: Int
        let inputBits: Int
        /// `2^(outputBits−1) − 2`: an output's largest magnitude, one below the width's for rounding.
        let outputLimit: Double
        let (lowest, highest): (Int64, Int64)
        /// The integer input ranges where `f` is defined and monotone, in increasing order.
        let pieces: [(low: Int64, high: Int64)]

        init(function: UnaryFunction, inputScale: Int, outputScale: Int, inputBits: Int, outputBits: Int,
             inputRange: ClosedRange<Int64>?) {
            self.function = function
            self.inputScale = inputScale
            self.outputScale = outputScale
            self.inputBits = inputBits
            outputLimit = FixedPoint.power(outputBits - 1) - 2
            (lowest, highest) = (-(Int64(1) << (inputBits - 1)), (Int64(1) << (inputBits - 1)) - 1)
            let factor = FixedPoint.power(inputScale)
            let (lowest, highest) = (lowest, highest)
            func integer(_ x: Double, _ rule: FloatingPointRoundingRule) -> Int64 {
                let v = (x * factor).rounded(rule)
                return v <= Double(lowest) ? lowest : v >= Double(highest) ? highest : Int64(v)
            }
            var pieces: [(low: Int64, high: Int64)] = []
            for interval in function.domain {
                let (low, high) = (integer(interval.lowerBound, .up), integer(interval.upperBound, .down))
                guard low <= high else { continue }
                // Split after the last input at or below each breakpoint.
                var start = low
                for point in function.breakpoints {
                    let split = integer(point, .down)
                    if split >= start && split < high {
                        pieces.append((start, split))
                        start = split + 1
                    }
                }
                pieces.append((start, high))
            }
            self.pieces = pieces.compactMap { piece in
                guard let range = inputRange else { return piece }
                let (low, high) = (max(piece.low, range.lowerBound), min(piece.high, range.upperBound))
                return low <= high ? (low, high) : nil
            }
        }

        /// The part of a monotone piece whose values fit the output width (one range, as `f` is
        /// monotone on it), or `nil` when none does.
        func fitting(_ piece: (low: Int64, high: Int64)) -> (low: Int64, high: Int64)? {
            func fits(_ x: Int64) -> Bool { let v = value(x); return v.isFinite && v.magnitude <= outputLimit }
            var (low, high) = piece
            switch (fits(low), fits(high)) {
            case (true, true): break
            case (false, true): low = Self.boundary(from: high, to: low, fits)
            case (true, false): high = Self.boundary(from: low, to: high, fits)
            case (false, false):
                // Both ends out: the fitting inputs, if any, are inside; found from the midpoint.
                let middle = low + (high - low) / 2
                guard fits(middle) else { return nil }
                (low, high) = (Self.boundary(from: middle, to: low, fits), Self.boundary(from: middle, to: high, fits))
            }
            return (low, high)
        }

        /// The last input from `inside` (where `holds`) towards `outside` (where it fails) at which
        /// `holds` is still true (bisection: `holds` changes once between them).
        static func boundary(from inside: Int64, to outside: Int64, _ holds: (Int64) -> Bool) -> Int64 {
            var (good, bad) = (inside, outside)
            while (bad - good).magnitude > 1 {
                let middle = good + (bad - good) / 2
                if holds(middle) { good = middle } else { bad = middle }
            }
            return good
        }

        /// `f(x·2^−inputScale)·2^outputScale`.
        func value(_ x: Int64) -> Double {
            function(Double(x) * FixedPoint.power(-inputScale)) * FixedPoint.power(outputScale)
        }

        /// A tail's row for the asymptote at one end, or `nil` when the scales give the line no
        /// integer slope or `f` does not come within `tolerance/2` of it on the inputs `range`
        /// (the piece at that end, beyond the asymptote's `from`).
        func tail(_ asymptote: UnaryFunction.Asymptote?, below: Bool, range: (low: Int64, high: Int64), tolerance: Double) -> Row? {
            guard let asymptote, range.low <= range.high else { return nil }
            let slope = asymptote.slope * FixedPoint.power(outputScale - inputScale)
            guard slope == slope.rounded(), slope.magnitude < 0x1p20 else { return nil }
            let unit = FixedPoint.power(-inputScale)
            func close(_ x: Int64) -> Bool {
                (value(x) - asymptote(Double(x) * unit) * FixedPoint.power(outputScale)).magnitude <= tolerance / 2
            }
            // |f − line| shrinks outward: the tail starts at the innermost input still close.
            let (outer, inner) = below ? (range.low, range.high) : (range.high, range.low)
            guard close(outer) else { return nil }
            let start = close(inner) ? inner : Self.boundary(from: outer, to: inner, close)
            guard let output = FixedPoint.quantize(asymptote(Double(start) * unit), scale: outputScale),
                  Double(output.magnitude) <= outputLimit else { return nil }
            return Row(start: start, span: below ? .below : .above, output: output, slope: Int64(slope))
        }

        /// The rows for `tolerance`, or `nil` beyond ``FunctionTable/maximumRows``.
        func rows(tolerance: Double) -> [Row]? {
            var rows: [Row] = []
            var pieces = self.pieces
            let asymptotes = function.asymptotes
            func inputs(from x: Double?) -> Int64? { x.map { Int64(($0 * FixedPoint.power(inputScale)).rounded(.down)) } }
            // The lower tail, within the first piece when the domain reaches the lowest input.
            var lowerTail: Row?
            if let first = pieces.first, first.low == lowest {
                let end = min(first.high, inputs(from: asymptotes.lower?.from) ?? first.high)
                lowerTail = tail(asymptotes.lower, below: true, range: (first.low, end), tolerance: tolerance)
                if let row = lowerTail {
                    rows.append(row)
                    if row.start >= first.high { pieces.removeFirst() } else { pieces[0].low = row.start + 1 }
                }
            }
            var upperTail: Row?
            if let last = pieces.last, last.high == highest {
                    let begin = max(last.low, inputs(from: asymptotes.upper?.from).map { $0 + 1 } ?? last.low)
                upperTail = tail(asymptotes.upper, below: false, range: (begin, last.high), tolerance: tolerance)
                if let row = upperTail {
                    if row.start <= last.low { pieces.removeLast() } else { pieces[pieces.count - 1].high = row.start - 1 }
                }
            }
            let widest = inputBits - 2
            let unit = FixedPoint.power(-outputScale)
            // The buckets, where the values fit the output width.
            for piece in pieces where piece.low <= piece.high {
                guard let piece = fitting(piece) else { continue }
                var start = piece.low
                var first = value(start)
                while start <= piece.high {
                    var j = 0
                    var last = first
                    while j < widest, piece.high - start >= (Int64(1) << (j + 1)) - 1 {
                        let candidate = value(start + (Int64(1) << (j + 1)) - 1)
                        // Relative only where f keeps its sign (a bucket through 0 is absolute).
                        let magnitude = (first < 0) == (candidate < 0) ? min(first.magnitude, candidate.magnitude) * unit : 0
                        guard (candidate - first).magnitude <= tolerance * max(1, magnitude) else { break }
                        last = candidate
                        j += 1
                    }
                    guard rows.count < FunctionTable.maximumRows else { return nil }
                    // The midpoint, rounded half up (the values fit: `outputLimit` leaves the margin).
                    let output = Int64(((first + last) / 2 + 0.5).rounded(.down))
                    rows.append(Row(start: start, span: .bucket(log2Width: j), output: output, slope: 0))
                    start += Int64(1) << j
                    if start <= piece.high { first = value(start) }
                }
            }
            if let upperTail { rows.append(upperTail) }
            return rows.count <= FunctionTable.maximumRows ? rows : nil
        }
    }
}

extension QuantizedModel {
    /// The function tables of the model's steps, with their ONNX node, in step order (what
    /// `zkml compile` reports).
    public var functionTables: [(node: String, table: FunctionTable)] {
        steps.compactMap { step in
            if case let .table(table) = step.operation { (step.node, table) } else { nil }
        }
    }
}
