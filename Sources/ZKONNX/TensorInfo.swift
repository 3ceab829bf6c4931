/// A value of a resolved graph: name, static shape and element type.
public struct TensorInfo: Sendable, Equatable, Codable {
    public var name: String
    public var shape: [Int]
    public var elementType: ElementType

    public init(name: String, shape: [Int], elementType: ElementType) {
        self.name = name
        self.shape = shape
        self.elementType = elementType
    }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }
}
