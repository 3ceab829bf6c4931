/// A dimension of a declared shape: a number, or a symbolic name such as `batch`.
public enum Dimension: Sendable, Equatable, CustomStringConvertible {
    case fixed(Int)
    case symbolic(String)

    public var description: String {
        switch self {
        case let .fixed(value): String(value)
        case let .symbolic(name): name.isEmpty ? "?" : name
        }
    }
}

/// A typed graph input or output as declared in the file.
public struct ValueInfo: Sendable, Equatable {
    public var name: String
    public var elementType: ElementType?
    /// `nil` when the file declares no shape.
    public var shape: [Dimension]?

    public init(name: String, elementType: ElementType?, shape: [Dimension]?) {
        self.name = name
        self.elementType = elementType
        self.shape = shape
    }
}
