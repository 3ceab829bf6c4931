/// Errors from decoding or validating curve points.
public enum CurveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The coordinates do not satisfy the curve equation.
    case notOnCurve(String)
    /// The point is on the curve but not in the order-`r` subgroup.
    case notInSubgroup(String)
    /// A coordinate is not a canonical field element (`≥ p`).
    case coordinateNotCanonical(String)
    /// The encoding has the wrong number of bytes.
    case wrongLength(group: String, expected: Int, actual: Int)
    /// The flag bits of a compressed encoding are invalid.
    case invalidFlags(String)
    /// A compressed x has no matching y on the curve.
    case noSquareRoot(String)
    /// A JSON point is malformed (wrong shape, not decimal strings, a bad z coordinate…).
    case invalidJSON(String)

    public var description: String {
        switch self {
        case let .notOnCurve(group): "\(group) point is not on the curve"
        case let .notInSubgroup(group): "\(group) point is not in the prime-order subgroup"
        case let .coordinateNotCanonical(detail): "coordinate is not below the field modulus: \(detail)"
        case let .wrongLength(group, expected, actual): "\(group) encoding needs \(expected) bytes, got \(actual)"
        case let .invalidFlags(detail): "invalid compressed-point flags: \(detail)"
        case let .noSquareRoot(group): "compressed \(group) x-coordinate has no point on the curve"
        case let .invalidJSON(detail): "malformed JSON point: \(detail)"
        }
    }
}
