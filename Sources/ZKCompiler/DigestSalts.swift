public import ZKField
import ZKPoseidon

/// The salts of one proof's salted digests, one per salted tensor (``DigestSalting``), named by
/// role and tensor name as in the ``PublicLayout``. They are private witnesses: the prover keeps
/// them (`salt.json`, written by `zkml prove` with owner-only permissions) and hands one over only
/// to open that tensor's digest.
///
/// One salt per tensor rather than one per proof: opening the output's digest (showing the output
/// and its salt) then reveals nothing that helps with the input's, and the input's salt can be
/// reused across proofs (the same input committed once, proved many times) while every output
/// gets its own.
public struct DigestSalts: Sendable, Equatable {
    /// One tensor's salt.
    public struct Entry: Sendable, Equatable {
        public var role: PublicLayout.Entry.Role
        public var name: String
        /// An integer below `2^248` (`Poseidon.saltBits`).
        public var salt: BN254.Fr

        public init(role: PublicLayout.Entry.Role, name: String, salt: BN254.Fr) {
            self.role = role
            self.name = name
            self.salt = salt
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The salt of the tensor `name` in `role`, if present.
    public func salt(role: PublicLayout.Entry.Role, name: String) -> BN254.Fr? {
        entries.first { $0.role == role && $0.name == name }?.salt
    }

    /// `salt` when it is a valid salt (below `2^248`).
    /// - Throws: ``CompilerError/salt(role:tensor:reason:)`` naming the tensor otherwise.
    public static func validated(_ salt: BN254.Fr, role: PublicLayout.Entry.Role, name: String) throws(CompilerError) -> BN254.Fr {
        guard Poseidon.isValidSalt(salt) else { throw .salt(role: role, tensor: name, reason: "\(salt) is not below 2^\(Poseidon.saltBits)") }
        return salt
    }

    /// These salts, restricted to the salted entries of `layout` (in layout order), with a fresh
    /// salt from `generator` for each salted entry that has none.
    /// - Parameter roles: the roles to fill (the parameters' salt belongs to the compiled model,
    ///   not to a proof).
    public func completed(for layout: PublicLayout, roles: Set<PublicLayout.Entry.Role> = [.input, .output],
                          using generator: inout some RandomNumberGenerator) -> DigestSalts {
        DigestSalts(entries: layout.entries.filter { $0.salted && roles.contains($0.role) }.map { entry in
            Entry(role: entry.role, name: entry.name,
                  salt: salt(role: entry.role, name: entry.name) ?? Poseidon.randomSalt(using: &generator))
        })
    }

    /// ``completed(for:roles:using:)`` with fresh salts from the operating system's CSPRNG.
    public func completed(for layout: PublicLayout, roles: Set<PublicLayout.Entry.Role> = [.input, .output]) -> DigestSalts {
        var generator = SystemRandomNumberGenerator()
        return completed(for: layout, roles: roles, using: &generator)
    }
}
