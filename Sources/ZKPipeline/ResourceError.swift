internal import ZKText
/// A piece of work refused before it starts because it would exceed a resource limit.
public enum ResourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Setup or proving of a circuit would need more memory than the limit (the machine's
    /// physical memory unless `--max-memory` says otherwise).
    /// `fromFlag` tells whether `available` is the `--max-memory` value rather than the
    /// machine's physical memory.
    case insufficientMemory(phase: String, constraints: Int, needed: Int, available: Int, fromFlag: Bool)

    public var description: String {
        switch self {
        case let .insufficientMemory(phase, constraints, needed, available, fromFlag):
            "this circuit (\(constraints) constraints) needs ~\(Self.gigabytes(needed)) GB for \(phase), "
                + (fromFlag ? "above --max-memory \(Self.gigabytes(available)) GB" : "the machine has \(Self.gigabytes(available)) GB; --max-memory to override")
        }
    }

    /// Bytes as gigabytes with one decimal (10^9 bytes).
    static func gigabytes(_ bytes: Int) -> String { Printf.format("%.1f", Double(bytes) / 1e9) }
}
