import Foundation
import ZKField
#if canImport(Glibc)
import Glibc
#endif

/// A seeded structured fuzzer for zkml's file parsers (issue 10 item 2).
///
/// It starts from valid seed files and applies one to four mutations per input: bit flips,
/// interesting bytes (0, 0x7f, 0x80, 0xff), truncation, random tails, deleted, duplicated and
/// spliced chunks (also across seeds), and length-field corruption (a 4- or 8-byte little-endian
/// window overwritten with huge or boundary counts such as 2^32 − 1, 2^31, 2^28, the remaining
/// length ± 1). Formats that carry a content hash get a `fixup` that recomputes it, so mutations
/// reach the code behind the hash check.
///
/// A crash stops the test process (that is the finding); a hang shows as an execution slower
/// than `slowLimit`; a huge allocation as a jump in the process's peak RSS. Every input is run
/// under the body's own error handling: a typed error is a correct rejection. At the full level
/// the input about to run is saved to `crashInputPath(target)` (removed when the run ends), so a
/// crash leaves the input that caused it.
///
/// Budgets: `TestLevel.isFull` runs each target for `ZKML_FUZZ_SECONDS` (default 30) seconds;
/// the default level runs a fixed small count (about a second).
public struct StructuredFuzzer {
    /// What one target did.
    public struct Report: CustomStringConvertible, Sendable {
        public var target: String
        public var executions = 0
        public var accepted = 0
        public var rejected = 0
        public var seconds = 0.0
        public var slowest = 0.0
        /// Inputs slower than the limit (hex prefix), and peak RSS growth in MB.
        public var slowInputs: [String] = []
        public var peakGrowthMB = 0.0

        public var description: String {
            "fuzz \(target): \(executions) executions in \(String(format: "%.1f", seconds)) s "
                + "(\(accepted) accepted, \(rejected) rejected), slowest \(String(format: "%.1f", slowest * 1000)) ms, "
                + "peak RSS +\(String(format: "%.0f", peakGrowthMB)) MB"
        }
    }

    public var target: String
    public var seeds: [[UInt8]]
    /// Executions at the default level.
    public var defaultExecutions: Int
    /// Recomputes a content hash after mutation (identity by default).
    public var fixup: ([UInt8]) -> [UInt8]
    /// An execution slower than this is a finding (a hang).
    public var slowLimit: Double
    private var rng: SeededGenerator

    public init(target: String, seeds: [[UInt8]], seed: UInt64 = 0x10_0F_2026, defaultExecutions: Int = 400,
                slowLimit: Double = 2.0, fixup: @escaping ([UInt8]) -> [UInt8] = { $0 }) {
        precondition(!seeds.isEmpty, "a fuzz target needs seeds")
        self.target = target
        self.seeds = seeds
        self.defaultExecutions = defaultExecutions
        self.fixup = fixup
        self.slowLimit = slowLimit
        rng = SeededGenerator(seed: seed ^ Self.stableHash(target))
    }

    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The time budget at the full test level, seconds.
    public static var fullSeconds: Double {
        ProcessInfo.processInfo.environment["ZKML_FUZZ_SECONDS"].flatMap(Double.init) ?? 30
    }

    /// Runs `body` on the seeds and then on mutated inputs until the budget is spent.
    /// `body` returns normally when it accepts an input and throws when it rejects it.
    public mutating func run(_ body: ([UInt8]) throws -> Void) -> Report {
        var report = Report(target: target)
        let startPeak = Self.peakRSSMegabytes()
        let start = Date()
        let deadline = TestLevel.isFull ? Self.fullSeconds : .infinity
        let limit = TestLevel.isFull ? Int.max : defaultExecutions
        var index = 0
        let crashFile = TestLevel.isFull ? Self.crashInputPath(target) : nil
        while report.executions < limit, Date().timeIntervalSince(start) < deadline {
            let input = index < seeds.count ? seeds[index] : fixup(mutate())
            index += 1
            // At the full level the input is saved before it runs, so a crash leaves it behind.
            if let crashFile { FileManager.default.createFile(atPath: crashFile, contents: Data(input)) }
            let began = Date()
            do { try body(input); report.accepted += 1 } catch { report.rejected += 1 }
            let took = Date().timeIntervalSince(began)
            report.slowest = max(report.slowest, took)
            if took > slowLimit { report.slowInputs.append(input.prefix(32).map { String(format: "%02x", $0) }.joined()) }
            report.executions += 1
        }
        if let crashFile { try? FileManager.default.removeItem(atPath: crashFile) }
        report.seconds = Date().timeIntervalSince(start)
        report.peakGrowthMB = max(0, Self.peakRSSMegabytes() - startPeak)
        return report
    }

    /// Where the full level keeps the input being run: after a crash, the input that caused it.
    public static func crashInputPath(_ target: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("zkml-fuzz-\(target).input").path
    }

    // MARK: mutations

    mutating func next(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(rng.next() % UInt64(bound)) }

    mutating func mutate() -> [UInt8] {
        var bytes = seeds[next(seeds.count)]
        for _ in 0 ... next(4) { mutateOnce(&bytes) }
        return bytes
    }

    static let interestingCounts: [UInt64] = [
        0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 1 << 20, 1 << 26, 1 << 28, 1 << 31,
        0x7fff_ffff, 0xffff_fffe, 0xffff_ffff, 1 << 32, 1 << 40, 1 << 62, 0x7fff_ffff_ffff_ffff, .max,
    ]

    mutating func mutateOnce(_ bytes: inout [UInt8]) {
        if bytes.isEmpty { bytes = [UInt8(truncatingIfNeeded: rng.next())]; return }
        switch next(10) {
        case 0:  // bit flip
            let i = next(bytes.count)
            bytes[i] ^= 1 << UInt8(next(8))
        case 1:  // interesting byte
            bytes[next(bytes.count)] = [0, 0x7f, 0x80, 0xff, 0x01, 0x20, 0x22, 0x5b, 0x7b, 0x30][next(10)]
        case 2:  // truncate
            bytes.removeLast(next(bytes.count) + 1)
        case 3:  // random tail
            bytes += (0 ..< next(64) + 1).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case 4:  // delete a chunk
            let i = next(bytes.count), n = min(bytes.count - i, next(64) + 1)
            bytes.removeSubrange(i ..< i + n)
        case 5:  // duplicate a chunk
            let i = next(bytes.count), n = min(bytes.count - i, next(256) + 1)
            bytes.insert(contentsOf: bytes[i ..< i + n], at: next(bytes.count + 1))
        case 6:  // splice from another seed
            let other = seeds[next(seeds.count)]
            guard !other.isEmpty else { return }
            let i = next(other.count), n = min(other.count - i, next(512) + 1)
            let at = next(bytes.count)
            bytes.replaceSubrange(at ..< min(bytes.count, at + n), with: other[i ..< i + n])
        case 7, 8:  // length-field corruption: a 4- or 8-byte little-endian count
            let width = next(2) == 0 ? 4 : 8
            guard bytes.count >= width else { return }
            let at = next(bytes.count - width + 1)
            var value = Self.interestingCounts[next(Self.interestingCounts.count)]
            if next(4) == 0 { value = UInt64(bytes.count - at) &+ UInt64(bitPattern: Int64(next(3) - 1)) }
            for k in 0 ..< width { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
        default:  // random byte
            bytes[next(bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
        }
    }

    /// The process's peak resident set (VmHWM), MB; 0 when unknown.
    static func peakRSSMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return kb / 1024
    }
}

extension StructuredFuzzer {
    /// The sections of a zkml container (`ZKR1`, `ZKPK`, `ZKVK`: magic, u32 version, u32 count,
    /// then u32 type, u64 length, payload), or `nil` when the bytes do not parse.
    public static func containerSections(_ bytes: [UInt8]) -> [(type: UInt32, payload: [UInt8])]? {
        guard bytes.count >= 12 else { return nil }
        func u32(_ at: Int) -> UInt32 { (0 ..< 4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        func u64(_ at: Int) -> UInt64 { (0 ..< 8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) } }
        var offset = 12
        var sections: [(UInt32, [UInt8])] = []
        for _ in 0 ..< min(Int(u32(8)), 64) {
            guard offset + 12 <= bytes.count else { return nil }
            let type = u32(offset), length = u64(offset + 4)
            offset += 12
            guard length <= UInt64(bytes.count - offset) else { return nil }
            sections.append((type, Array(bytes[offset ..< offset + Int(length)])))
            offset += Int(length)
        }
        return sections
    }

    /// Where the payload of the first section of `type` starts in an iden3-style container, or
    /// `nil` (tests that edit one point of a `.ptau` or `.zkey`).
    public static func payloadOffset(_ bytes: [UInt8], type wanted: UInt32) -> Int? {
        guard bytes.count >= 12 else { return nil }
        func u32(_ at: Int) -> UInt32 { (0 ..< 4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        func u64(_ at: Int) -> UInt64 { (0 ..< 8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) } }
        var offset = 12
        for _ in 0 ..< Int(u32(8)) {
            guard offset + 12 <= bytes.count else { return nil }
            if u32(offset) == wanted { return offset + 12 }
            offset += 12 + Int(u64(offset + 4))
        }
        return nil
    }

    /// `bytes` with the payload of section `hashType` replaced by the SHA-256 of the payloads of
    /// `hashed` (all other sections when `nil`), in file order; unchanged when it does not parse.
    public static func rehashed(_ bytes: [UInt8], hashType: UInt32, hashed: Set<UInt32>? = nil,
                                sha256: ([UInt8]) -> [UInt8]) -> [UInt8] {
        guard let sections = containerSections(bytes), sections.contains(where: { $0.type == hashType }) else { return bytes }
        let digest = sha256(sections.filter { $0.type != hashType && (hashed?.contains($0.type) ?? true) }.flatMap(\.payload))
        var out = Array(bytes[0 ..< 12])
        for (type, payload) in sections {
            let body = type == hashType ? digest : payload
            for k in 0 ..< 4 { out.append(UInt8(truncatingIfNeeded: type >> (8 * UInt32(k)))) }
            for k in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: UInt64(body.count) >> (8 * UInt64(k)))) }
            out += body
        }
        return out
    }
}
