/// Errors from the polynomial layer.
public enum PolyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field has no subgroup of order `2^logSize`.
    case domainTooLarge(logSize: Int, twoAdicity: Int)

    public var description: String {
        switch self {
        case let .domainTooLarge(logSize, twoAdicity):
            "a domain of size 2^\(logSize) needs two-adicity ≥ \(logSize); the field has \(twoAdicity)"
        }
    }
}
