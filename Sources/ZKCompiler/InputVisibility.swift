/// How the model's inputs appear to the verifier. Outputs are governed by ``OutputVisibility``.
public enum InputVisibility: String, Sendable, Equatable, Codable, CaseIterable {
    /// Inputs are public signals, before the outputs (the default): one signal per element.
    case `public`
    /// Inputs are private: the verifier learns only the outputs.
    case `private`
    /// Inputs are private witnesses bound by one public signal per input tensor: the Poseidon
    /// digest of the quantized tensor (`Poseidon.hash(integers:)` of ZKPoseidon). A verifier who knows the input can
    /// recompute the digest (`zkml verify --input`); one who does not learns nothing but the
    /// digest — unless the input has little entropy, in which case it can be found by trying
    /// candidates (the digest is not salted).
    case hashed
}
