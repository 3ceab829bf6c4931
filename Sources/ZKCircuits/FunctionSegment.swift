/// One row of a function table in a circuit: the inputs it covers from ``start`` and its value
/// there, `output + slope·(x − start)` (ZKQuant's `FunctionTable.Row`; see
/// ``CircuitAPI/tableFunction(_:table:segments:inputBits:)``).
public struct FunctionSegment: Sendable, Hashable {
    /// Which inputs the row covers.
    public enum Span: Sendable, Hashable {
        /// Every `x ≤ start`.
        case below
        /// `start ≤ x < start + 2^log2Width`.
        case bucket(log2Width: Int)
        /// Every `x ≥ start`.
        case above
    }

    public let start: Int64
    public let span: Span
    public let output: Int64
    public let slope: Int64

    public init(start: Int64, span: Span, output: Int64, slope: Int64) {
        (self.start, self.span, self.output, self.slope) = (start, span, output, slope)
    }

    /// Whether the row covers `x`.
    @inlinable public func covers(_ x: Int64) -> Bool {
        switch span {
        case .below: x <= start
        case let .bucket(j): x >= start && x - start < Int64(1) << j
        case .above: x >= start
        }
    }

    /// The row's selector `s` for inputs of `n` signed bits: `t = s·(x − start)` lies in
    /// `[0, 2^n)` exactly for the covered `x`: `−1` below, `+1` above, `2^(n−j)` for a bucket of
    /// width `2^j`.
    @inlinable public func selector(inputBits n: Int) -> Int64 {
        switch span {
        case .below: -1
        case let .bucket(j): Int64(1) << (n - j)
        case .above: 1
        }
    }
}
