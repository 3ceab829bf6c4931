#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Phase messages for long work (`setup: building the proving key…`), on standard error and only
/// when it is a terminal, so pipes and `--json` output stay clean. Each phase line is replaced by
/// its result (`setup: 1.2 s`).
struct ProgressLine {
    let enabled: Bool

    init(quiet: Bool = false) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Replaces the phase line with `message` (a step inside a phase).
    func show(_ message: String) {
        if enabled { CommandSupport.standardError("\u{1B}[2K\r\(message)…") }
    }

    /// Runs `body` with `message` shown while it runs; returns its result and wall seconds.
    func phase<T>(_ message: String, _ body: () throws -> T) rethrows -> (T, Double) {
        if enabled { CommandSupport.standardError("\u{1B}[2K\r\(message)…") }
        let start = Date()
        defer { if enabled { CommandSupport.standardError("\u{1B}[2K\r") } }
        let value = try body()
        return (value, Date().timeIntervalSince(start))
    }
}
