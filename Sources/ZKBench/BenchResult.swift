internal import ZKText

/// One measured number of a benchmark suite.
public struct BenchResult: Sendable, Equatable {
    /// The unit of ``value``, also the JSON key it is written under.
    public enum Unit: String, Sendable {
        case nsPerOp = "ns_per_op"
        case milliseconds = "ms"
        case ratio
        case count
        case megabytes = "mb"
    }

    /// A stable dotted name, e.g. `fr.mul.throughput`.
    public var name: String
    public var value: Double
    public var unit: Unit
    /// Extra numeric fields written beside the value (e.g. `cpu_ms`, `threads`).
    public var extra: [(String, Double)]
    /// A short human note (what was compared, how it was measured).
    public var note: String?

    public init(name: String, value: Double, unit: Unit, extra: [(String, Double)] = [], note: String? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.extra = extra
        self.note = note
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value && lhs.unit == rhs.unit
    }
}

/// The results of one suite, printable as text or JSON.
public struct BenchReport: Sendable {
    public var suite: String
    public var results: [BenchResult]
    public var machine: [(String, String)]

    public init(suite: String, results: [BenchResult], machine: [(String, String)] = MachineInfo.summary) {
        self.suite = suite
        self.results = results
        self.machine = machine
    }

    /// `{"suite": …, "machine": {…}, "results": [{"name": …, "<unit>": …, …}]}`.
    public var json: String {
        var lines: [String] = []
        lines.append("{\"suite\":\(jsonString(suite)),\"machine\":{"
            + machine.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",") + "},\"results\":[")
        for (i, r) in results.enumerated() {
            var fields = ["\"name\":\(jsonString(r.name))", "\"\(r.unit.rawValue)\":\(jsonNumber(r.value))"]
            for (key, value) in r.extra { fields.append("\(jsonString(key)):\(jsonNumber(value))") }
            if let note = r.note { fields.append("\"note\":\(jsonString(note))") }
            lines.append("  {" + fields.joined(separator: ",") + "}" + (i + 1 < results.count ? "," : ""))
        }
        lines.append("]}")
        return lines.joined(separator: "\n")
    }

    /// An aligned table for people.
    public var text: String {
        let width = max(20, results.map(\.name.count).max() ?? 0)
        var out = "suite \(suite)  (" + machine.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + ")\n"
        for r in results {
            let padded = r.name.padded(to: width)
            let number = formatNumber(r.value)
            let extras = r.extra.map { "\($0.0)=\(formatNumber($0.1))" }.joined(separator: " ")
            out += "  \(padded)  \(number) \(r.unit.rawValue)" + (extras.isEmpty ? "" : "  [\(extras)]")
                + (r.note.map { "  — \($0)" } ?? "") + "\n"
        }
        return out
    }
}

func jsonString(_ s: String) -> String {
    var out = ""
    JSONValue.quote(s, into: &out)
    return out
}

func jsonNumber(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    return Printf.format("%.6g", x)
}

func formatNumber(_ x: Double) -> String {
    Printf.format(x >= 100 ? "%.1f" : "%.3g", x)
}
