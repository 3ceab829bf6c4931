/// A JSON document as a value: what zkml reads from `input.json`, `proof.json`,
/// `verification_key.json` and friends, and what its `--json` summaries are rendered from.
///
/// zkml parses and renders JSON itself (``parse(_:)``, ``rendered(pretty:)``) rather than through
/// Foundation's `JSONSerialization`, which would link swift-corelibs-foundation, CoreFoundation
/// and ICU into the command line tool: 5 MB more of every command's resident memory.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in 64 bits.
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Keys are unordered; ``rendered(pretty:)`` sorts them.
    case object([String: JSONValue])

    public var objectValue: [String: JSONValue]? { if case let .object(o) = self { o } else { nil } }
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { a } else { nil } }
    public var stringValue: String? { if case let .string(s) = self { s } else { nil } }
    /// A number of either kind, as a `Double`.
    public var doubleValue: Double? {
        switch self {
        case let .integer(i): Double(i)
        case let .number(d): d
        default: nil
        }
    }

    /// The value of `key` when this is an object.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// Builds a value from the loosely typed dictionaries and arrays a command assembles:
    /// `String`, `Bool`, integers, `Double`/`Float`, arrays, `[String: Any]`, optionals (`nil`
    /// is `null`) and `JSONValue` itself; anything else is rendered by `String(describing:)`.
    public init(_ any: Any) {
        switch any {
        case let value as JSONValue: self = value
        case let value as String: self = .string(value)
        case let value as Bool: self = .bool(value)
        case let value as Int: self = .integer(Int64(value))
        case let value as Int64: self = .integer(value)
        case let value as Int32: self = .integer(Int64(value))
        case let value as UInt32: self = .integer(Int64(value))
        case let value as UInt64: self = value <= UInt64(Int64.max) ? .integer(Int64(value)) : .number(Double(value))
        case let value as Double: self = .number(value)
        case let value as Float: self = .number(Double(value))
        case let value as [String: Any]: self = .object(value.mapValues(JSONValue.init))
        case let value as [Any]: self = .array(value.map(JSONValue.init))
        default:
            let mirror = Mirror(reflecting: any)
            if mirror.displayStyle == .optional {
                self = mirror.children.first.map { JSONValue($0.value) } ?? .null
            } else {
                self = .string(String(describing: any))
            }
        }
    }
}

extension JSONValue {
    /// An integer (written without a fraction or exponent) that fits in `Int`.
    public var intValue: Int? { if case let .integer(i) = self { Int(exactly: i) } else { nil } }
    /// An array whose every element is a string.
    public var stringArrayValue: [String]? {
        guard let items = arrayValue else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for item in items {
            guard let text = item.stringValue else { return nil }
            strings.append(text)
        }
        return strings
    }
}
