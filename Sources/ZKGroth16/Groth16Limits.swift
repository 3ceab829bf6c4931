import Dispatch
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Resource limits for the files the Groth16 layer reads: binary keys (`pk.bin`, `vk.bin`) and
/// snarkjs JSON (`proof.json`, `public.json`, `verification_key.json`).
///
/// Sizes are checked before a file is read or parsed, JSON nesting before the parser runs (a
/// deeply nested document cannot exhaust the stack), and every count in a key file against the
/// bytes that remain before anything is allocated. The defaults are far above what zkml writes:
/// a proof is under 1 KiB, a verifying key with 10^5 public inputs about 20 MiB, a proving key
/// for 2^20 constraints about 0.5 GiB. The CLI changes them with `--max-key-size`,
/// `--max-json-size` and `--max-json-depth`.
public struct Groth16Limits: Sendable, Equatable {
    /// The largest `pk.bin` / `vk.bin` read, in bytes (default 64 GiB).
    public var maxKeyFileBytes: Int
    /// The largest JSON document parsed, in bytes (default 256 MiB).
    public var maxJSONBytes: Int
    /// The deepest JSON nesting accepted (default 32; snarkjs files nest 4 deep).
    public var maxJSONDepth: Int

    /// Limits with the documented defaults, or the given values.
    public init(maxKeyFileBytes: Int = 64 << 30, maxJSONBytes: Int = 256 << 20, maxJSONDepth: Int = 32) {
        self.maxKeyFileBytes = maxKeyFileBytes
        self.maxJSONBytes = maxJSONBytes
        self.maxJSONDepth = maxJSONDepth
    }

    /// Limits for the current task only (tests use `Groth16Limits.$scoped.withValue(…) { … }` so that
    /// running suites in parallel never see each other's limits); `nil` defers to ``current``.
    @TaskLocal public static var scoped: Groth16Limits?

    private static let queue = DispatchQueue(label: "zkml.limits")
    nonisolated(unsafe) private static var stored = Groth16Limits()

    /// The process-wide limits used when a reader is not given explicit ones (the CLI sets them
    /// once from its flags, before reading anything).
    public static var current: Groth16Limits {
        get { scoped ?? queue.sync { stored } }
        set { queue.sync { stored = newValue } }
    }

    /// Throws unless `data` is within `maxJSONBytes` and nests at most `maxJSONDepth` arrays and
    /// objects (brackets inside strings do not count).
    /// - Complexity: O(n) in the size of `data`, no allocation.
    public func checkJSON(_ data: Data, path: String) throws(Groth16Error) {
        guard data.count <= maxJSONBytes else {
            throw .invalidJSON(path: path, detail: "the document has \(data.count) bytes, above the limit of \(maxJSONBytes) (raise it with --max-json-size)")
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
                guard depth <= maxJSONDepth else {
                    throw .invalidJSON(path: path, detail: "nesting deeper than \(maxJSONDepth) levels (raise it with --max-json-depth)")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }

    /// Throws unless the file at `url` is within `maxKeyFileBytes` (checked without reading it).
    func checkKeyFile(_ url: URL) throws(Groth16Error) {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int else { return }
        try checkKeyFile(size: size, path: url.path)
    }

    func checkKeyFile(size: Int, path: String) throws(Groth16Error) {
        guard size <= maxKeyFileBytes else {
            throw .malformedKey(path: path, detail: "the file has \(size) bytes, above the limit of \(maxKeyFileBytes) (raise it with --max-key-size)")
        }
    }
}
