/// How the model's outputs appear to the verifier.
public enum OutputVisibility: String, Sendable, Equatable, Codable, CaseIterable {
    /// One public signal per output element (the default): the verifier reads the outputs from
    /// the proof's public signals.
    case `public`
    /// One public signal per output tensor: the Poseidon digest of the quantized tensor
    /// (``TensorDigest``). The proof binds the outputs without revealing them; whoever holds
    /// `output.json` can show them (`zkml verify --output`).
    case hashed
}
