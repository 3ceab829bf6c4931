/// Which hashed tensors are committed with a salt: `Poseidon.hash(vector: q, salt: s)` instead
/// of `Poseidon.hash(vector: q)` (ZKPoseidon). A compile-time choice: a salted digest has one more
/// private wire (the salt, range-checked to 248 bits) and one more absorbed element, so it
/// changes the circuit, and it is recorded in `settings.json` (`salted_digests`) and in each
/// layout entry (`salted`).
///
/// A salted digest hides the tensor from whoever lacks the salt, however few candidates there
/// are; an unsalted one only binds it (anyone can hash candidates and compare). `zkml compile`
/// salts every hashed tensor by default; ``ModelCircuit`` and older settings (no field) mean
/// unsalted.
public struct DigestSalting: OptionSet, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Hashed input tensors.
    public static let inputs = DigestSalting(rawValue: 1)
    /// Hashed output tensors.
    public static let outputs = DigestSalting(rawValue: 2)
    /// The hashed parameters' commitment.
    public static let parameters = DigestSalting(rawValue: 4)
    /// Every hashed tensor.
    public static let all: DigestSalting = [.inputs, .outputs, .parameters]

    /// The names used in `settings.json` and on the command line, in this order.
    static let names: [(String, DigestSalting)] = [("inputs", .inputs), ("outputs", .outputs), ("parameters", .parameters)]

    /// Whether tensors of `role` are salted.
    public func salts(_ role: PublicLayout.Entry.Role) -> Bool {
        switch role {
        case .input: contains(.inputs)
        case .output: contains(.outputs)
        case .parameters: contains(.parameters)
        }
    }

    /// Parses `all`, `none` or a comma-separated list of `inputs`, `outputs`, `parameters`.
    /// - Returns: `nil` for any other text.
    public init?(argument: String) {
        switch argument {
        case "all": self = .all
        case "none": self = []
        default:
            var result: DigestSalting = []
            for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
                guard let match = Self.names.first(where: { $0.0 == name }) else { return nil }
                result.insert(match.1)
            }
            self = result
        }
    }

    /// `none`, `all`, or the comma-separated names.
    public var description: String {
        if isEmpty { return "none" }
        if self == .all { return "all" }
        return Self.names.filter { contains($0.1) }.map(\.0).joined(separator: ",")
    }

    /// Decodes the list of names (`["inputs", "outputs"]`).
    public init(from decoder: any Decoder) throws {
        let names = try decoder.singleValueContainer().decode([String].self)
        var result: DigestSalting = []
        for name in names {
            guard let match = Self.names.first(where: { $0.0 == name }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "'\(name)' is not inputs, outputs or parameters"))
            }
            result.insert(match.1)
        }
        self = result
    }

    /// Encodes the list of names.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.names.filter { contains($0.1) }.map(\.0))
    }
}
