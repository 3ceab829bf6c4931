public import ZKCompiler

/// The outcome of checking a tensor the verifier holds (`zkml verify --input` / `--output`)
/// against a proof's public signals: element by element for public tensors, by recomputing the
/// Poseidon digest for hashed ones.
public struct BindingCheck: Sendable, Equatable {
    public var role: PublicLayout.Entry.Role
    public var name: String
    public var form: PublicLayout.Entry.Form
    /// Whether the digest was opened with a salt (``ZKCompiler/DigestSalts``).
    public var salted: Bool
    /// Whether the tensor equals what the public signals commit to.
    public var matches: Bool
    /// For a mismatch: the first differing element, or the digest the proof carries and the one
    /// recomputed from the file.
    public var detail: String?

    public init(role: PublicLayout.Entry.Role, name: String, form: PublicLayout.Entry.Form, salted: Bool = false, matches: Bool,
                detail: String?) {
        self.role = role
        self.name = name
        self.form = form
        self.salted = salted
        self.matches = matches
        self.detail = detail
    }

    /// One line for people: `input 'x' matches the proof (poseidon digest)`.
    public var summary: String {
        if role == .parameters {
            return matches ? "parameters match the published commitment (poseidon)" : "parameters do not match: \(detail ?? "")"
        }
        let what = "\(role.rawValue) '\(name)'"
        let how = form == .values ? "public values" : salted ? "salted poseidon digest" : "poseidon digest"
        return matches ? "\(what) matches the proof (\(how))" : "\(what) does not match the proof: \(detail ?? how)"
    }
}
