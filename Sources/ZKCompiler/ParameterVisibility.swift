/// How the model's weights, biases and constant tensors enter the circuit.
public enum ParameterVisibility: String, Sendable, Equatable, Codable, CaseIterable {
    /// Circuit constants (the default): linear layers cost no constraints, and the verifying key
    /// itself identifies the weights.
    case fixed
    /// Private witnesses, each range-checked to its declared width and bound by one public
    /// signal, the Poseidon commitment of all parameters (``ModelParameters``). The circuit then
    /// depends on the architecture and the quantization scales only, not on the weight values;
    /// the commitment is the model's public identity. Every product with a weight costs one
    /// constraint and every parameter about `bits + 1` (its range check).
    case hashed
}
