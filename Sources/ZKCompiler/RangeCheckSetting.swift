public import ZKCircuits

/// What `zkml compile --range-checks` asks for, and what a compiled model records
/// (`range_checks` in its settings): `auto` (the default) lets the compiler pick the cheapest
/// mode for the model (``ModelCircuit/withCheapestRangeChecks()``); `bits` keeps bit
/// decompositions and plain, snarkjs-compatible Groth16; `lookup:W` forces limbs of W bits in a
/// range table of 2^W rows (W in 2…20), proved with a commitment round.
///
/// Text form: `auto`, `bits`, `lookup:W`. Settings never record `auto`, only the mode it resolved to.
public enum RangeCheckSetting: Sendable, Equatable, Codable, CustomStringConvertible {
    case auto
    case mode(RangeCheckMode)

    /// Parses `auto`, `bits` or `lookup:W`; `nil` for anything else.
    public init?(text: String) {
        switch text {
        case "auto": self = .auto
        case "bits": self = .mode(.bits)
        default:
            guard text.hasPrefix("lookup:"), let w = Int(text.dropFirst("lookup:".count)),
                  RangeCheckMode.limbBitsRange.contains(w) else { return nil }
            self = .mode(.lookup(limbBits: w))
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .mode(.bits): "bits"
        case let .mode(.lookup(w)): "lookup:\(w)"
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let setting = RangeCheckSetting(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not auto, bits or lookup:W with W in 2…20"))
        }
        self = setting
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The circuit with this setting applied (`auto`: the cheapest mode for its model).
    /// - Throws: ``CompilerError/circuit(_:)`` if the circuit cannot be built.
    public func apply(to circuit: ModelCircuit) throws(CompilerError) -> ModelCircuit {
        switch self {
        case .auto: try circuit.withCheapestRangeChecks()
        case let .mode(mode): circuit.with(rangeChecks: mode)
        }
    }
}
