import Foundation

/// The built `zkml` executable, for the tests that drive the real command line.
///
/// A test that needs it is enabled with `.enabled(if: ZKMLBinary.isAvailable, …)`, so a missing
/// binary shows as skipped, never as passed.
public enum ZKMLBinary {
    /// What one run printed and returned.
    public struct Outcome: Sendable {
        /// The exit status.
        public var code: Int32
        /// Standard output, as UTF-8.
        public var stdout: String
        /// Standard error, as UTF-8.
        public var stderr: String
    }

    /// `$ZKML_BINARY`, or the `zkml` executable built beside the test bundle; `nil` when the one
    /// looked for is not an executable file.
    public static var url: URL? {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["ZKML_BINARY"] {
            candidates.append(URL(fileURLWithPath: path))
            return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("zkml"))
        // macOS: …/release/zkmlPackageTests.xctest/Contents/MacOS/zkmlPackageTests
        candidates.append(bundle.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("zkml"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("zkml"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Whether the binary was found (the condition of the tests that run it).
    public static var isAvailable: Bool { url != nil }

    /// Runs `zkml arguments` to completion.
    /// - Throws: `CocoaError` when the binary is missing or cannot start.
    public static func run(_ arguments: [String]) throws -> Outcome {
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(code: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                       stderr: String(decoding: err, as: UTF8.self))
    }
}
