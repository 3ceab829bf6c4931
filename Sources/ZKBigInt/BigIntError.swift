/// Errors from parsing or converting a ``BigInt``.
public enum BigIntError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty, or has a character that is not a digit of the radix.
    case invalidDigits(text: String, radix: Int)
    /// The value does not fit in the requested number of bytes, or is negative where only
    /// non-negative values can be encoded.
    case doesNotFit(byteCount: Int)

    public var description: String {
        switch self {
        case let .invalidDigits(text, radix):
            let shown = text.count > 80 ? String(text.prefix(77)) + "..." : text
            return "'\(shown)' is not a base-\(radix) integer"
        case let .doesNotFit(byteCount):
            return "the integer does not fit in \(byteCount) unsigned bytes"
        }
    }
}
