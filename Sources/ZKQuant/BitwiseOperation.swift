/// A bitwise operation on two's-complement integers (``QuantizedOperation/bitwise(_:constant:bits:)``).
public enum BitwiseOperation: String, Sendable, Equatable, CaseIterable {
    case and, or, xor

    /// The operation on two integers (both in the same two's-complement width, so the result is too).
    public func apply(_ a: Int64, _ b: Int64) -> Int64 {
        switch self {
        case .and: a & b
        case .or: a | b
        case .xor: a ^ b
        }
    }
}
