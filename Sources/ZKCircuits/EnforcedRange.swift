/// The interval a bit decomposition enforces, for error messages.
@usableFromInline
enum EnforcedRange: Sendable, CustomStringConvertible {
    /// `[0, 2^n)`.
    case unsigned(Int)
    /// `[−2^(n−1), 2^(n−1))`.
    case signed(Int)
    /// `a − b ∈ [−2^n, 2^n)` (a comparison's difference).
    case difference(Int)
    /// A remainder in `[0, d)`.
    case remainder(Int64)

    @usableFromInline
    var description: String {
        switch self {
        case let .unsigned(n): "[0, 2^\(n))"
        case let .signed(n): "[-2^\(n - 1), 2^\(n - 1))"
        case let .difference(n): "a - b in [-2^\(n), 2^\(n))"
        case let .remainder(d): "remainder range [0, \(d))"
        }
    }
}
