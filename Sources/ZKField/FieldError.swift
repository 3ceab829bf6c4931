/// Errors from decoding field elements.
public enum FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The encoded integer is negative or not below the modulus.
    case notCanonical(String)
    /// The byte string has the wrong length.
    case wrongLength(expected: Int, actual: Int)
    /// The text is not a decimal integer.
    case invalidDecimal(String)

    public var description: String {
        switch self {
        case let .notCanonical(value):
            "value \(value) is not a canonical field element (it must be in 0 ..< modulus)"
        case let .wrongLength(expected, actual):
            "expected \(expected) bytes for a field element, got \(actual)"
        case let .invalidDecimal(text):
            "'\(text)' is not a decimal integer"
        }
    }
}
