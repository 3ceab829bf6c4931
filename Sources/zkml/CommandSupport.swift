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
            // A circuit that disagrees with the inference is a zkml bug, not a user error.
            if case CompilerError.outputMismatch = error { throw ExitCode(3) }
            throw ExitCode(2)
        }
    }

    /// `[module] message` for the library's typed errors, `nil` for anything else.
    static func describe(_ error: any Error) -> String? {
        if let e = error as? any ModuleError { return e.tagged }
        let module: String
        let message: String
        switch error {
        case let e as ConstraintError: (module, message) = ("constraints", e.description)
        case let e as Groth16Error: (module, message) = ("groth16", e.description)
        case let e as CurveError: (module, message) = ("curves", e.description)
        case let e as UsageFailure: (module, message) = ("zkml", e.message)
        case let e as CompilerError: (module, message) = ("compiler", e.description)
        case let e as CircuitError: (module, message) = ("circuits", e.description)
        case let e as PipelineError: (module, message) = ("pipeline", e.description)
        case let e as ResourceError: (module, message) = ("pipeline", e.description)
        case let e as CeremonyError: (module, message) = ("ceremony", e.description)
        default: return nil
        }
        return ErrorText.tagged(module: module, message)
    }

    /// A usage or file problem found by the CLI itself.
    struct UsageFailure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    static func read(_ path: String) throws -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw UsageFailure("\(path): cannot read the file (\(ErrorText.reason(error)))")
        }
    }

    /// Reads a whole file into a byte array without an intermediate `Data` (half the peak memory
    /// for a large proving key or model).
    static func readBytes(_ path: String) throws -> [UInt8] {
        do { return try FileBytes.read(path) } catch { throw UsageFailure(error.description) }  // "PATH: cannot read: reason"
    }

    /// Writes atomically: a temporary file in the same directory, then rename (`AtomicFile`).
    static func write(_ data: Data, to path: String) throws {
        do throws(FileError) { try AtomicFile.write(data, to: URL(fileURLWithPath: path)) } catch {
            throw UsageFailure(error.description)  // "PATH: cannot write: reason"
        }
    }

    /// ``write(_:to:)`` up to the rename: `data` in a flushed temporary file for `path`, put in
    /// place by ``commit(_:)`` (for files that are committed together).
    /// `permissions` is the new file's mode before the umask (`0o600` for a secret).
    static func stage(_ data: Data, to path: String, permissions: UInt32 = 0o666) throws -> AtomicFileWriter {
        do throws(FileError) { return try AtomicFile.stage(data, to: URL(fileURLWithPath: path), permissions: permissions) } catch {
            throw UsageFailure(error.description)
        }
    }

    /// Renames a staged file into place, or fails naming it.
    static func commit(_ file: AtomicFileWriter) throws {
        do throws(FileError) { try file.commit() } catch { throw UsageFailure(error.description) }
    }

    /// ``write(_:to:)`` for bytes already in an array (a proving key: no `Data` copy of it).
    static func write(_ bytes: [UInt8], to path: String) throws {
        do throws(FileError) { try AtomicFile.write(bytes, to: URL(fileURLWithPath: path)) } catch {
            throw UsageFailure(error.description)
        }
    }

    /// A circuit file: zkml's `.zkr1cs` or circom's `.r1cs`, told apart by their magic bytes.
    static func loadCircuit(_ path: String) throws -> R1CS {
        let bytes = try readBytes(path)
        if bytes.starts(with: Array("r1cs".utf8)) { return try R1CS(circomR1CS: bytes, path: path) }
        if bytes.starts(with: Array("ZKR1".utf8)) { return try R1CS(serialized: bytes, path: path) }
        throw UsageFailure("\(path): not a circuit (expected a circom .r1cs or a zkml .zkr1cs file)")
    }

    /// Whether `path` is a compiled model (`model.zkml`, by its magic bytes).
    static func isCompiledModel(_ path: String) -> Bool {
        guard let file = try? RandomAccessFile(path: path), file.size >= 4 else { return false }
        return (try? file.read(0 ..< 4)) == Array("ZKML".utf8)
    }

    /// Reads `model.zkml`.
    static func loadCompiledModel(_ path: String) throws -> CompiledModel {
        try CompiledModel(serialized: try readBytes(path), path: path)
    }

    /// Creates a directory (and its parents) or fails naming it.
    static func makeDirectory(_ path: String) throws -> URL {
        let directory = URL(fileURLWithPath: path)
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw UsageFailure("\(path): cannot create the directory (\(ErrorText.reason(error)))")
        }
        return directory
    }

    /// EZKL `input_data` rows from a file, naming the file on error.
    static func inputRows(_ path: String) throws -> [[Double]] {
        try EZKLJSON.inputRows(from: try read(path), file: path)
    }

    /// Runs `body`; an input that does not fit the model becomes an error naming the input file.
    static func naming<T>(input path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as QuantError {
            switch error {
            case .inputMismatch, .nonFiniteInput:
                throw UsageFailure("\(path): \(error.description)")
            case let .outOfRange(node, tensor, index, value, bits) where node == "(input)":
                throw UsageFailure("\(path): input '\(tensor)' element \(index) quantizes to \(value), outside \(bits) signed bits (use --bits or --scale at compile time)")
            default: throw error
            }
        }
    }

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
