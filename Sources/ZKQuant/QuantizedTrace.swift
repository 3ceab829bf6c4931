import ZKONNX

/// Every integer tensor of one quantized run: the graph inputs, then each step's output in step
/// order. This is the witness the circuit compiler reads.
public struct QuantizedTrace: Sendable {
    /// Tensor values by name (graph inputs and every ``QuantizedStep/output``).
    public var values: [String: Tensor<Int64>]
    /// The graph outputs, in graph-output order.
    public var outputs: [Tensor<Int64>]
}
