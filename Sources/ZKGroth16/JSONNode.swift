internal import ZKText

/// A small JSON tree rendered the way snarkjs writes its files (`JSON.stringify(value, null, 1)`):
/// one space of indentation per level, keys in insertion order. Deterministic output makes the
/// files diffable and golden-testable.
public indirect enum JSONNode: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case array([JSONNode])
    case object([(String, JSONNode)])

    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool { lhs.rendered() == rhs.rendered() }

    /// Decimal strings as a JSON array.
    public static func strings(_ values: [String]) -> JSONNode { .array(values.map(JSONNode.string)) }

    /// The text, ending in a newline.
    public func rendered() -> String {
        var out = ""
        render(into: &out, depth: 0)
        out.append("\n")
        return out
    }

    private func render(into out: inout String, depth: Int) {
        switch self {
        case let .string(text):
            JSONValue.quote(text, into: &out)
        case let .integer(value):
            out.append(String(value))
        case let .array(items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (i, item) in items.enumerated() {
                out.append(String(repeating: " ", count: depth + 1))
                item.render(into: &out, depth: depth + 1)
                out.append(i + 1 < items.count ? ",\n" : "\n")
            }
            out.append(String(repeating: " ", count: depth) + "]")
        case let .object(fields):
            if fields.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (i, (key, value)) in fields.enumerated() {
                out.append(String(repeating: " ", count: depth + 1))
                JSONNode.string(key).render(into: &out, depth: depth + 1)
                out.append(": ")
                value.render(into: &out, depth: depth + 1)
                out.append(i + 1 < fields.count ? ",\n" : "\n")
            }
            out.append(String(repeating: " ", count: depth) + "}")
        }
    }
}
