#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKText
public import ZKConstraints
public import ZKIO
internal import ZKCurves
internal import ZKGroth16
internal import ZKCircuits
internal import ZKCompiler
internal import ZKONNX
public import ZKPipeline
internal import ZKQuant

/// zkml's file-level operations: compile an ONNX file into a directory, set up its keys, prove an
/// input, verify, mock, inspect, export the EVM verifier, encode calldata. Each is one call over the
/// ``ZKPipeline/Pipeline`` façade (and ZKSolidity) that reads and writes the same files as the
/// command of the same name and returns a summary with a JSON form. The `zkml` command line and
/// the C ABI (`ZKCAPI`, `libZKMLC`, which the Python package loads) both stand on it, so a notebook
/// call and a command do the same work.
///
/// Every write is atomic (a temporary file, then rename); files written together are renamed into
/// place only once all are complete.
public enum Workflow {
    /// Phase reports of a long call: `(phase, fraction)` with `fraction` in 0…1 (each phase
    /// reports 0 when it starts and 1 when it ends).
    public typealias Progress = (_ phase: String, _ fraction: Double) -> Void

    /// Runs `body` between a phase's 0 and 1 reports; returns its result and wall seconds.
    static func phase<T>(_ name: String, _ progress: Progress?, _ body: () throws -> T) rethrows -> (T, Double) {
        progress?(name, 0)
        let start = Date()
        let value = try body()
        progress?(name, 1)
        return (value, Date().timeIntervalSince(start))
    }

    // MARK: files

    public static func read(_ path: String) throws(WorkflowError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw WorkflowError("\(path): cannot read the file (\(ErrorText.reason(error)))")
        }
    }

    /// Reads a whole file into a byte array without an intermediate `Data` (half the peak memory
    /// for a large proving key or model).
    public static func readBytes(_ path: String) throws(WorkflowError) -> [UInt8] {
        do { return try FileBytes.read(path) } catch { throw WorkflowError(error.description) }  // "PATH: cannot read: reason"
    }

    /// Writes atomically: a temporary file in the same directory, then rename (`AtomicFile`).
    public static func write(_ data: Data, to path: String) throws(WorkflowError) {
        do throws(FileError) { try AtomicFile.write(data, to: URL(fileURLWithPath: path)) } catch {
            throw WorkflowError(error.description)  // "PATH: cannot write: reason"
        }
    }

    /// ``write(_:to:)-(Data,_)`` for bytes already in an array (a proving key: no `Data` copy of it).
    public static func write(_ bytes: [UInt8], to path: String) throws(WorkflowError) {
        do throws(FileError) { try AtomicFile.write(bytes, to: URL(fileURLWithPath: path)) } catch {
            throw WorkflowError(error.description)
        }
    }

    /// ``write(_:to:)-(Data,_)`` up to the rename: `data` in a flushed temporary file for `path`,
    /// put in place by ``commit(_:)`` (for files that are committed together).
    /// `permissions` is the new file's mode before the umask (`0o600` for a secret).
    public static func stage(_ data: Data, to path: String, permissions: UInt32 = 0o666) throws(WorkflowError) -> AtomicFileWriter {
        do throws(FileError) { return try AtomicFile.stage(data, to: URL(fileURLWithPath: path), permissions: permissions) } catch {
            throw WorkflowError(error.description)
        }
    }

    /// Renames a staged file into place, or fails naming it.
    public static func commit(_ file: AtomicFileWriter) throws(WorkflowError) {
        do throws(FileError) { try file.commit() } catch { throw WorkflowError(error.description) }
    }

    /// Creates a directory (and its parents) or fails naming it.
    public static func makeDirectory(_ path: String) throws(WorkflowError) -> URL {
        let directory = URL(fileURLWithPath: path)
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw WorkflowError("\(path): cannot create the directory (\(ErrorText.reason(error)))")
        }
        return directory
    }

    /// A circuit file: zkml's `.zkr1cs` or circom's `.r1cs`, told apart by their magic bytes.
    public static func loadCircuit(_ path: String) throws -> R1CS {
        let bytes = try readBytes(path)
        if bytes.starts(with: Array("r1cs".utf8)) { return try R1CS(circomR1CS: bytes, path: path) }
        if bytes.starts(with: Array("ZKR1".utf8)) { return try R1CS(serialized: bytes, path: path) }
        throw WorkflowError("\(path): not a circuit (expected a circom .r1cs or a zkml .zkr1cs file)")
    }

    /// Whether `path` is a compiled model (`model.zkml`, by its magic bytes).
    public static func isCompiledModel(_ path: String) -> Bool {
        guard let file = try? RandomAccessFile(path: path), file.size >= 4 else { return false }
        return (try? file.read(0 ..< 4)) == Array("ZKML".utf8)
    }

    /// Reads `model.zkml`.
    public static func loadCompiledModel(_ path: String) throws -> CompiledModel {
        try CompiledModel(serialized: try readBytes(path), path: path)
    }

    /// EZKL `input_data` rows from a file, naming the file on error.
    public static func inputRows(_ path: String) throws -> [[Double]] {
        try EZKLJSON.inputRows(from: try read(path), file: path)
    }

    /// Runs `body`; an input that does not fit the model becomes an error naming `input` (the
    /// input file, or the argument that held the rows).
    public static func naming<T>(input: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as QuantError {
            switch error {
            case .inputMismatch, .inputArrayCount, .nonFiniteInput:
                throw WorkflowError("\(input): \(error.description)")
            case let .outOfRange(node, tensor, index, value, bits) where node == "(input)":
                throw WorkflowError("\(input): input '\(tensor)' element \(index) quantizes to \(value), outside \(bits) signed bits (use --bits or --scale at compile time)")
            default: throw error
            }
        }
    }

    // MARK: errors

    /// `(module, message)` for the library's typed errors, `nil` for anything else.
    public static func describe(_ error: any Error) -> (module: String, message: String)? {
        if let e = error as? any ModuleError { return (e.module, e.description) }
        switch error {
        case let e as ConstraintError: return ("constraints", e.description)
        case let e as Groth16Error: return ("groth16", e.description)
        case let e as CurveError: return ("curves", e.description)
        case let e as CompilerError: return ("compiler", e.description)
        case let e as CircuitError: return ("circuits", e.description)
        case let e as PipelineError: return ("pipeline", e.description)
        case let e as ResourceError: return ("pipeline", e.description)
        default: return nil
        }
    }

    /// 3 for an internal inconsistency (a circuit that disagrees with the inference is a zkml bug),
    /// 2 for every other error (usage, file, model, input).
    public static func exitCode(for error: any Error) -> Int32 {
        if case CompilerError.outputMismatch = error { return 3 }
        return 2
    }
}
