import Dispatch
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Resource limits for `input.json` (and calibration files): size and nesting are checked
/// before the JSON parser runs, the number of values while flattening.
///
/// The defaults accept far larger inputs than any model zkml can prove (a 224×224×3 image is
/// 150 528 values); the CLI changes them with `--max-json-size`, `--max-json-depth` and
/// `--max-tensor-elements`.
public struct InputLimits: Sendable, Equatable {
    /// The largest input document parsed, in bytes (default 256 MiB).
    public var maxBytes: Int
    /// The deepest nesting of arrays and objects (default 32).
    public var maxDepth: Int
    /// The most numbers in all rows together (default 2^26).
    public var maxValues: Int

    /// Limits with the documented defaults, or the given values.
    public init(maxBytes: Int = 256 << 20, maxDepth: Int = 32, maxValues: Int = 1 << 26) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxValues = maxValues
    }

    /// Limits for the current task only (tests use `InputLimits.$scoped.withValue(…) { … }` so that
    /// running suites in parallel never see each other's limits); `nil` defers to ``current``.
    @TaskLocal public static var scoped: InputLimits?

    private static let queue = DispatchQueue(label: "zkml.limits")
    nonisolated(unsafe) private static var stored = InputLimits()

    /// The process-wide limits used by ``EZKLJSON`` (the CLI sets them once from its flags).
    public static var current: InputLimits {
        get { scoped ?? queue.sync { stored } }
        set { queue.sync { stored = newValue } }
    }

    /// Throws unless `data` is within `maxBytes` and nests at most `maxDepth` levels (brackets
    /// inside strings do not count). O(n), no allocation.
    func check(_ data: Data, file: String) throws(QuantError) {
        guard data.count <= maxBytes else {
            throw .invalidJSON(file: file, reason: "the document has \(data.count) bytes, above the limit of \(maxBytes) (raise it with --max-json-size)")
        }
        var depth = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                guard depth <= maxDepth else {
                    throw .invalidJSON(file: file, reason: "nesting deeper than \(maxDepth) levels (raise it with --max-json-depth)")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }
}
