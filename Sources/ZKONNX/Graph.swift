/// An ONNX graph as decoded: nodes, initializers, and declared inputs and outputs.
///
/// Shapes are not yet static here; `resolved(inputShapes:)` fixes every shape, folds every
/// constant subgraph and returns a ``ResolvedGraph``.
public struct Graph: Sendable {
    public var name: String
    /// The nodes in topological order.
    public var nodes: [Node]
    /// Constant tensors by name (initializers and their element types).
    public var initializers: [String: Tensor<Double>]
    public var initializerTypes: [String: ElementType]
    /// The graph inputs that are not initializers, in declaration order.
    public var inputs: [ValueInfo]
    public var outputs: [ValueInfo]
    /// The version of the default ONNX operator set the model imports.
    public var opset: Int

    public init(name: String, nodes: [Node], initializers: [String: Tensor<Double>],
                initializerTypes: [String: ElementType] = [:], inputs: [ValueInfo], outputs: [ValueInfo],
                opset: Int) throws {
        self.name = name
        self.initializers = initializers
        self.initializerTypes = initializerTypes
        self.inputs = inputs
        self.outputs = outputs
        self.opset = opset
        self.nodes = try Graph.topologicallySorted(nodes, available: Set(initializers.keys).union(inputs.map(\.name)))
    }
}
