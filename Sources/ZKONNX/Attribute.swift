/// The value of a node attribute.
public enum Attribute: Sendable, Equatable {
    case float(Double)
    case int(Int)
    case string(String)
    case tensor(Tensor<Double>, ElementType)
    case floats([Double])
    case ints([Int])
    case strings([String])
    /// A subgraph or another kind zkml does not interpret; kept so that inspection can list it.
    case unsupported(kind: String)
}
