public import ZKCircuits

/// What `zkml compile --range-checks` asks for, and what a compiled model records
/// (`range_checks` in its settings): `auto` (the default) lets the compiler pick the cheapest
/// mode for the model (``ModelCircuit/withCheapestRangeChecks()``); `bits` keeps bit
/// decompositions and plain, snarkjs-compatible Groth16; `lookup:W` forces limbs of W bits in a
/// range table of 2^W rows (W in 2…20), proved with a commitment round, the compiler adding the
/// partial tables that pay for themselves; `lookup:W,t1,t2…` is an exact mode, limbs of W bits
/// and partial tables of t1, t2… bits (each below W, ascending) — what settings record.
///
/// Text form: `auto`, `bits`, `lookup:W`, `lookup:W,t1,…`. Settings never record `auto` or a
/// bare `lookup:W` that the compiler completed, only the mode it resolved to.
public enum RangeCheckSetting: Sendable, Equatable, Codable, CustomStringConvertible {
    case auto
    /// Limbs of this width, partial tables chosen by the compiler.
    case limbs(Int)
    case mode(RangeCheckMode)

    /// Parses `auto`, `bits`, `lookup:W` or `lookup:W,t1,…`; `nil` for anything else.
    public init?(text: String) {
        switch text {
        case "auto": self = .auto
        case "bits": self = .mode(.bits)
        default:
            guard text.hasPrefix("lookup:") else { return nil }
            let widths = text.dropFirst("lookup:".count).split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            guard let first = widths.first, let w = first, RangeCheckMode.limbBitsRange.contains(w),
                  widths.allSatisfy({ $0 != nil }) else { return nil }
            if widths.count == 1 { self = .limbs(w); return }
            let mode = RangeCheckMode.lookup(limbBits: w, partialTables: widths.dropFirst().map { $0! })
            guard mode.isValid else { return nil }
            self = .mode(mode)
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case let .limbs(w): "lookup:\(w)"
        case .mode(.bits): "bits"
        case let .mode(.lookup(w, partial)): (["lookup:\(w)"] + partial.map(String.init)).joined(separator: ",")
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let setting = RangeCheckSetting(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not auto, bits, lookup:W or lookup:W,t1,… with W in 2…20 and each t below W, ascending"))
        }
        self = setting
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The circuit with this setting applied (`auto`: the cheapest mode for its model; `lookup:W`:
    /// the cheapest partial tables for limbs of W bits).
    /// - Throws: ``CompilerError/circuit(_:)`` if the circuit cannot be built.
    public func apply(to circuit: ModelCircuit) throws(CompilerError) -> ModelCircuit {
        switch self {
        case .auto: try circuit.withCheapestRangeChecks()
        case let .limbs(w): circuit.with(rangeChecks: RangeCheckMode.cheapest(for: try circuit.rangeCheckHistogram(), limbBits: w))
        case let .mode(mode): circuit.with(rangeChecks: mode)
        }
    }
}
