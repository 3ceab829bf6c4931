/// One integer operation of a quantized model, with the ONNX node it came from.
public struct QuantizedStep: Sendable, Equatable {
    /// The ONNX node this step implements (several steps may share a node).
    public var node: String
    public var opType: String
    public var operation: QuantizedOperation
    /// Names of the tensors read (graph inputs or earlier steps' outputs).
    public var inputs: [String]
    /// Name of the tensor written: the ONNX output name for a node's last step, else
    /// `<output>#<suffix>` for intermediate accumulators.
    public var output: String
    public var outputShape: [Int]
    /// Scale exponent of the output: real ≈ q·2^-scale.
    public var scale: Int
    /// Declared signed bit width of the output: every value lies in [−2^(bits−1), 2^(bits−1) − 1].
    public var bits: Int
    /// Whether `bits` is the activation width (checked, an error names the node when exceeded) or a
    /// statically proven accumulator bound.
    public var isActivation: Bool
}
