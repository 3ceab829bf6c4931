import Foundation

/// The shared known-answer fixtures, read in place (never copied into the repository).
public enum Fixtures {
    /// `$ZKML_FIXTURES`, or `../shared/fixtures` beside the repository, or `nil` when absent.
    public static var directory: URL? {
        if let path = ProcessInfo.processInfo.environment["ZKML_FIXTURES"] {
            return URL(fileURLWithPath: path)
        }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// The URL of a fixture, or `nil` (with a message saying it was skipped) when absent.
    public static func url(_ relativePath: String) -> URL? {
        guard let directory else {
            print("skipped: fixture \(relativePath) not found (set ZKML_FIXTURES to the shared fixtures directory)")
            return nil
        }
        let url = directory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("skipped: fixture \(relativePath) not found in \(directory.path)")
            return nil
        }
        return url
    }

    /// Whether every one of `relativePaths` is present: the condition of a known-answer test,
    /// `@Test(.enabled(if: Fixtures.available("a/b.json"), "needs fixture a/b.json"))`, so a
    /// missing fixture shows as skipped, never as passed.
    public static func available(_ relativePaths: String...) -> Bool {
        guard let directory else { return false }
        return relativePaths.allSatisfy { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }

    /// A fixture's bytes, or `nil` (with a message) when absent.
    public static func data(_ relativePath: String) -> Data? {
        url(relativePath).flatMap { FileManager.default.contents(atPath: $0.path) }
    }

    /// The repository root (for files the project commits, e.g. `Circuits/`).
    public static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// Hex text (no `0x`) to bytes.
public func bytes(hex: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(hex.count / 2)
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        out.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return out
}

/// Runs an external command (python scripts used as independent oracles).
public enum ExternalCommand {
    /// The exit status and standard output of `executable arguments`, or `nil` when it cannot start.
    public static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether `python3 -c "import module"` succeeds.
    public static func pythonHas(_ module: String) -> Bool {
        run("python3", ["-c", "import \(module)"])?.status == 0
    }
}
