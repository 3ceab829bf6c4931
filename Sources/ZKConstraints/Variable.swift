/// A wire of an R1CS: an index into the full assignment vector.
///
/// Numbering follows circom/iden3 and arkworks: index 0 is the constant one, then the public
/// inputs (`1 ... publicCount`), then the private witness. A `Variable` is only an index; which
/// system it belongs to is the caller's business.
public struct Variable: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in the assignment vector.
    public let index: UInt32

    @inlinable
    public init(index: UInt32) { self.index = index }

    /// The constant-one wire (index 0).
    public static let one = Variable(index: 0)

    @inlinable
    public static func < (lhs: Variable, rhs: Variable) -> Bool { lhs.index < rhs.index }

    public var description: String { index == 0 ? "one" : "w\(index)" }
}
