public import ZKConstraints

/// Where each model input and output sits among a circuit's public signals.
///
/// Public signals are, in order: every input tensor that is public or hashed (graph-input
/// order), the parameter commitment when parameters are hashed, then every output tensor
/// (graph-output order). A tensor in ``Entry/Form/values`` form
/// takes one signal per element (row-major), each a signed integer `q` in the field (`r − |q|`
/// for negatives) at the tensor's scale: real ≈ q·2^-scale. A tensor in
/// ``Entry/Form/poseidon`` form takes one signal: the Poseidon digest of those integers
/// (`Poseidon.hash(integers:)`), or, when the entry is ``Entry/salted``, their salted digest
/// (`Poseidon.hash(integers:salt:)`, the salt a private witness: ``DigestSalts``).
public struct PublicLayout: Sendable, Equatable, Codable {
    /// One tensor's range of public signals.
    public struct Entry: Sendable, Equatable, Codable {
        /// `parameters`: the Poseidon commitment of hashed weights (``ModelParameters``).
        public enum Role: String, Sendable, Codable { case input, parameters, output }
        /// How the tensor is exposed.
        public enum Form: String, Sendable, Codable {
            /// One public signal per element.
            case values
            /// One public signal: the Poseidon digest of the quantized elements.
            case poseidon
        }

        public var role: Role
        public var name: String
        public var shape: [Int]
        public var scale: Int
        public var bits: Int
        public var form: Form
        /// Index of the tensor's first public signal (0-based).
        public var offset: Int
        /// Whether the verifier, not the circuit, checks each element is a signed `bits`-bit
        /// integer (public inputs compiled with ``InputRangeCheck/verifier``).
        public var verifierRangeCheck: Bool
        /// Whether the digest is salted (``DigestSalting``): opening it takes the tensor and its
        /// salt. Layouts written before salts existed have no such field: unsalted.
        public var salted: Bool
        /// In a packed layout (``PublicLayout/packing``), the signed width each of the entry's
        /// signals is packed at (0 for a digest, a full field element with a word of its own);
        /// `nil` in a plain layout.
        public var packedBits: Int?
        /// Elements of the tensor.
        public var count: Int { shape.reduce(1, *) }
        /// Public signals the tensor takes: `count` for values, 1 for a digest.
        public var signalCount: Int { form == .values ? count : 1 }

        public init(role: Role, name: String, shape: [Int], scale: Int, bits: Int, form: Form = .values, offset: Int,
                    verifierRangeCheck: Bool = false, salted: Bool = false, packedBits: Int? = nil) {
            self.role = role
            self.name = name
            self.shape = shape
            self.scale = scale
            self.bits = bits
            self.form = form
            self.offset = offset
            self.verifierRangeCheck = verifierRangeCheck
            self.salted = salted
            self.packedBits = packedBits
        }

        enum CodingKeys: String, CodingKey { case role, name, shape, scale, bits, form, offset, verifierRangeCheck, salted, packedBits }

        /// Decodes an entry; `form` defaults to `values` (layouts written before hashed visibility),
        /// `verifier_range_check` and `salted` to false.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            role = try container.decode(Role.self, forKey: .role)
            name = try container.decode(String.self, forKey: .name)
            shape = try container.decode([Int].self, forKey: .shape)
            scale = try container.decode(Int.self, forKey: .scale)
            bits = try container.decode(Int.self, forKey: .bits)
            form = try container.decodeIfPresent(Form.self, forKey: .form) ?? .values
            offset = try container.decode(Int.self, forKey: .offset)
            verifierRangeCheck = try container.decodeIfPresent(Bool.self, forKey: .verifierRangeCheck) ?? false
            salted = try container.decodeIfPresent(Bool.self, forKey: .salted) ?? false
            packedBits = try container.decodeIfPresent(Int.self, forKey: .packedBits)
            if let packedBits, !(0 ... PublicPacking.maxValueBits).contains(packedBits) {
                throw DecodingError.dataCorruptedError(forKey: .packedBits, in: container,
                                                       debugDescription: "packed_bits must be 0…\(PublicPacking.maxValueBits)")
            }
        }

        /// Encodes the entry; `verifier_range_check` and `salted` only when set (layouts stay as they were).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(role, forKey: .role)
            try container.encode(name, forKey: .name)
            try container.encode(shape, forKey: .shape)
            try container.encode(scale, forKey: .scale)
            try container.encode(bits, forKey: .bits)
            try container.encode(form, forKey: .form)
            try container.encode(offset, forKey: .offset)
            if verifierRangeCheck { try container.encode(true, forKey: .verifierRangeCheck) }
            if salted { try container.encode(true, forKey: .salted) }
            try container.encodeIfPresent(packedBits, forKey: .packedBits)
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The total number of public signals.
    public var count: Int { entries.last.map { $0.offset + $0.signalCount } ?? 0 }
    /// The output entries, in graph-output order.
    public var outputs: [Entry] { entries.filter { $0.role == .output } }
    /// The public or hashed input entries (empty when inputs are private).
    public var inputs: [Entry] { entries.filter { $0.role == .input } }
    /// The parameter commitment's entry, when parameters are hashed.
    public var parameters: Entry? { entries.first { $0.role == .parameters } }
    /// The roles with a digest (hashed inputs, outputs or parameters), salted or not.
    public var hashedRoles: DigestSalting {
        var roles: DigestSalting = []
        for entry in entries where entry.form == .poseidon {
            switch entry.role {
            case .input: roles.insert(.inputs)
            case .output: roles.insert(.outputs)
            case .parameters: roles.insert(.parameters)
            }
        }
        return roles
    }
    /// How the signals are packed into Groth16 public inputs, when the layout is packed (every
    /// entry has ``Entry/packedBits``); `nil` for a plain layout, one public input per signal.
    public var packing: PublicPacking? {
        guard !entries.isEmpty, entries.allSatisfy({ $0.packedBits != nil }) else { return nil }
        return PublicPacking(widths: entries.flatMap { [Int](repeating: $0.packedBits!, count: $0.signalCount) })
    }
    /// The number of Groth16 public inputs: the packed words, or ``count``.
    public var publicInputCount: Int { packing?.wordCount ?? count }
    /// Whether any digest is salted.
    public var hasSalts: Bool { entries.contains(where: \.salted) }
}
