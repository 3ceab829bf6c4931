/// The test of ``QuantizedOperation/test(_:)``: a comparison `a < b`, `a ≤ b` or `a = b` is the
/// test of `a − b` against zero (`a > b` is `b − a < 0`).
public enum ZeroTest: String, Sendable, Hashable {
    case negative
    case nonPositive
    case zero

    /// Whether `x` passes.
    @inlinable public func callAsFunction(_ x: Int64) -> Bool {
        switch self {
        case .negative: x < 0
        case .nonPositive: x <= 0
        case .zero: x == 0
        }
    }
}
