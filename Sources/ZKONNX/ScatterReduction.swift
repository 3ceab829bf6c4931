/// The `reduction` attribute of `ScatterND` and `ScatterElements` (opset 16 `add`/`mul`, 18
/// `max`/`min`): how an update combines with the element it lands on. Updates apply in index
/// order, so with `none` the last of several updates to one element wins (onnxruntime's order).
public enum ScatterReduction: String, Sendable, Hashable {
    case none, add, mul, max, min

    /// The reduction a node asks for (absent: `none`), or `nil` for an unknown name.
    public init?(_ node: Node) {
        self.init(rawValue: node.string("reduction") ?? "none")
    }

    /// The element after one update.
    public func apply(_ old: Double, _ update: Double) -> Double {
        switch self {
        case .none: update
        case .add: old + update
        case .mul: old * update
        case .max: Swift.max(old, update)
        case .min: Swift.min(old, update)
        }
    }
}
