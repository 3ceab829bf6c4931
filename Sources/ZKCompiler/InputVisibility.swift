/// Whether the model's inputs are public signals (the verifier sees them) or private witness
/// values (the proof hides them). Outputs are always public.
public enum InputVisibility: String, Sendable, Equatable, Codable, CaseIterable {
    /// Inputs are public signals, before the outputs (the default).
    case `public`
    /// Inputs are private: the verifier learns only the outputs.
    case `private`
}
