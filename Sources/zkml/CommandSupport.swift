#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import ZKText
internal import ZKConstraints
internal import ZKIO
internal import ZKCurves
internal import ZKGroth16
internal import ZKCircuits
internal import ZKBench
internal import ZKCompiler
internal import ZKONNX
internal import ZKPipeline
internal import ZKQuant
internal import ZKCeremony
internal import ZKWorkflow

/// Shared behaviour of the subcommands: one-line errors with the module that raised them
/// (`[groth16] proof.json: missing field pi_c`), exit code 2 for usage and file errors, and
/// `--json` output helpers.
enum CommandSupport {
    /// Runs `body`; a library error is printed as `[module] message` on standard error and
    /// becomes exit code 2. `ExitCode` and argument-parser errors pass through.
    static func run(_ body: () throws -> Void) throws {
        do { try body() } catch let exit as ExitCode {
            throw exit
        } catch {
            guard let line = describe(error) else { throw error }
            standardError(line + "\n")
            // A circuit that disagrees with the inference is a zkml bug (3), not a user error (2).
            throw ExitCode(Workflow.exitCode(for: error))
        }
    }

    /// `[module] message` for the library's typed errors, `nil` for anything else.
    static func describe(_ error: any Error) -> String? {
        if let (module, message) = Workflow.describe(error) { return ErrorText.tagged(module: module, message) }
        if let e = error as? CeremonyError { return ErrorText.tagged(module: "ceremony", e.description) }
        return nil
    }

    /// A usage or file problem found by the CLI itself (`[zkml] …`).
    typealias UsageFailure = WorkflowError

    static func read(_ path: String) throws -> Data { try Workflow.read(path) }

    static func readBytes(_ path: String) throws -> [UInt8] { try Workflow.readBytes(path) }

    static func write(_ data: Data, to path: String) throws { try Workflow.write(data, to: path) }

    static func write(_ bytes: [UInt8], to path: String) throws { try Workflow.write(bytes, to: path) }

    static func stage(_ data: Data, to path: String, permissions: UInt32 = 0o666) throws -> AtomicFileWriter {
        try Workflow.stage(data, to: path, permissions: permissions)
    }

    static func commit(_ file: AtomicFileWriter) throws { try Workflow.commit(file) }

    static func loadCircuit(_ path: String) throws -> R1CS { try Workflow.loadCircuit(path) }

    static func isCompiledModel(_ path: String) -> Bool { Workflow.isCompiledModel(path) }

    static func loadCompiledModel(_ path: String) throws -> CompiledModel { try Workflow.loadCompiledModel(path) }

    static func makeDirectory(_ path: String) throws -> URL { try Workflow.makeDirectory(path) }

    static func inputRows(_ path: String) throws -> [[Double]] { try Workflow.inputRows(path) }

    static func naming<T>(input path: String, _ body: () throws -> T) throws -> T { try Workflow.naming(input: path, body) }

    /// `1.234 s` / `56 ms`.
    static func seconds(_ value: Double) -> String {
        value >= 1 ? Printf.format("%.2f s", value) : Printf.format("%.0f ms", value * 1000)
    }

    /// Prints a JSON object (sorted keys) on standard output.
    /// Prints `object` as JSON, with the process's peak resident memory so far (`peak_rss_mb`,
    /// VmHWM: what this command's own process used, measured by the kernel) unless present.
    static func printJSON(_ object: [String: Any]) {
        var object = object
        if object["peak_rss_mb"] == nil, let peak = Clock.peakRSSMegabytes() { object["peak_rss_mb"] = peak }
        print(JSONValue(object).rendered(pretty: true))
    }

    /// Writes `text` to standard error, unbuffered.
    static func standardError(_ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes[done...].withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            done += count
        }
    }
}
