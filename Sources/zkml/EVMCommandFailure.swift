internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKConstraints
internal import ZKIO
internal import ZKText

/// A one-line error of the EVM commands (`export-verifier`, `calldata`): printed to standard error,
/// exit code 2 (a usage or file error).
struct EVMCommandFailure: Error, CustomStringConvertible {
    let description: String

    static func usage(_ message: String) -> Self { Self(description: "usage: \(message)") }
    static func file(_ message: String) -> Self { Self(description: message) }
    /// A library error of `module`, as `[module] message`.
    static func file(module: String, _ message: String) -> Self { Self(description: ErrorText.tagged(module: module, message)) }

    /// Runs `body`; a failure is printed as one line and becomes exit code 2.
    static func exitOnFailure(_ body: () throws -> Void) throws {
        do { try body() } catch let failure as EVMCommandFailure {
            CommandSupport.standardError(failure.description + "\n")
            throw ExitCode(2)
        }
    }

    /// The file's bytes, or a failure naming it.
    static func read(_ path: String) throws -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw file("\(path): cannot read the file")
        }
    }

    /// Writes `text` atomically (temporary file and rename), or fails naming the file.
    static func write(_ text: String, to url: URL) throws {
        do { try AtomicFile.write(Array(text.utf8), to: url) } catch {
            throw file("\(url.path): cannot write the file")
        }
    }
}
