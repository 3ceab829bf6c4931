import Dispatch
internal import ZKIO
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Resource limits for reading circuit and witness files (`.zkr1cs`, circom `.r1cs`, `.wtns`).
///
/// Every count read from a file is checked against the bytes that remain (each item needs at
/// least a known number of bytes) and against these limits *before* anything is allocated, so a
/// hostile header cannot make zkml reserve gigabytes. The defaults accept every circuit BN254's
/// Groth16 can prove (2^28 constraints is the size of its largest NTT domain); the CLI lowers or
/// raises them with `--max-constraints`, `--max-wires` and `--max-file-size`.
public struct ConstraintLimits: Sendable, Equatable {
    /// The most constraints a circuit file may declare (default 2^28).
    public var maxConstraints: Int
    /// The most wires (variables, the constant one included) a circuit or witness may declare
    /// (default 2^29).
    public var maxWires: Int
    /// The largest circuit or witness file read, in bytes (default 64 GiB).
    public var maxFileBytes: Int

    /// Limits with the documented defaults, or the given values.
    public init(maxConstraints: Int = 1 << 28, maxWires: Int = 1 << 29, maxFileBytes: Int = 64 << 30) {
        self.maxConstraints = maxConstraints
        self.maxWires = maxWires
        self.maxFileBytes = maxFileBytes
    }

    /// Limits for the current task only (tests use `ConstraintLimits.$scoped.withValue(…) { … }` so that
    /// running suites in parallel never see each other's limits); `nil` defers to ``current``.
    @TaskLocal public static var scoped: ConstraintLimits?

    private static let queue = DispatchQueue(label: "zkml.limits")
    nonisolated(unsafe) private static var stored = ConstraintLimits()

    /// The process-wide limits used when a reader is not given explicit ones (the CLI sets them
    /// once from its flags, before reading anything).
    public static var current: ConstraintLimits {
        get { scoped ?? queue.sync { stored } }
        set { queue.sync { stored = newValue } }
    }

    /// Throws unless `count` ≤ `limit` and `count · minimumBytes` ≤ the bytes left in `reader`.
    /// - Parameters:
    ///   - what: the field, for the message (`"nConstraints"`).
    ///   - flag: the CLI flag that raises `limit`.
    func check(_ count: Int, _ what: String, limit: Int, flag: String, minimumBytes: Int,
               in reader: BinaryReader) throws(FileError) {
        guard count <= limit else {
            throw reader.failure("\(what) is \(count), above the limit of \(limit) (raise it with \(flag))")
        }
        guard minimumBytes == 0 || count <= reader.remaining / minimumBytes else {
            throw reader.failure("\(what) is \(count) but only \(reader.remaining) bytes remain (at least \(minimumBytes) per item)")
        }
    }

    /// Throws unless a file of `size` bytes is within `maxFileBytes`.
    func checkFile(size: Int, path: String) throws(FileError) {
        guard size <= maxFileBytes else {
            throw .malformedFile(path: path, detail: "the file has \(size) bytes, above the limit of \(maxFileBytes) (raise it with --max-file-size)")
        }
    }
}
