#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CZKSystem

/// An ``AtomicFile`` written piece by piece, for outputs too large to build in memory first (a
/// LeNet-size proving key is 98 MB): ``append(_:)`` writes to the temporary file, ``commit()``
/// flushes it and renames it over the destination. A writer dropped without `commit()` (an
/// error while producing the pieces) removes its temporary file; the destination is unchanged.
///
/// Several files that belong together (a proving key and its verifying key) are each written
/// and ``flush()``ed, then committed one after another only once all are complete: a failure
/// before the commits leaves every destination as it was.
///
/// A writer may move between threads, but only one thread may use it at a time.
public final class AtomicFileWriter: @unchecked Sendable {
    /// The destination.
    public let path: String
    private let temporary: String
    private let directory: String
    private var descriptor: Int32
    private var committed = false
    private var flushed = false
    /// Bytes appended so far, and how many of them the disk was asked to write back.
    private var length = 0, writtenBack = 0

    /// Creates the temporary file beside `path`.
    /// - Parameter permissions: the mode the file is created with, before the umask: `0o666`
    ///   (default) or `0o600` for a secret (a salt file), which then is never readable by others,
    ///   not even while it is being written.
    /// - Throws: `FileError.io` naming `path` (not a file name, directory not writable).
    public init(path: String, permissions: UInt32 = 0o666) throws(FileError) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let slash = trimmed.lastIndex(of: "/")
        let name = slash.map { String(trimmed[trimmed.index(after: $0)...]) } ?? String(trimmed)
        directory = slash.map { $0 == trimmed.startIndex ? "/" : String(trimmed[..<$0]) } ?? ""
        guard !name.isEmpty else { throw .io(path: path, detail: "cannot write: not a file name") }
        self.path = path
        temporary = (directory.isEmpty ? "." : directory) + "/." + name + AtomicFile.temporaryMarker
            + "\(getpid())-" + String(UInt64.random(in: 0 ... .max), radix: 16)
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions))
        guard descriptor >= 0 else { throw .io(path: path, detail: "cannot write: \(Self.systemError())") }
    }

    deinit {
        if !committed {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporary)
        }
    }

    /// Writes `buffer` at the end of the temporary file.
    /// - Throws: `FileError.io` (disk full, I/O error); the writer is then abandoned.
    public func append(_ buffer: UnsafeRawBufferPointer) throws(FileError) {
        precondition(!flushed && descriptor >= 0, "append after flush or commit")
        var offset = 0
        while offset < buffer.count {
            let written = SystemCalls.write(descriptor, buffer.baseAddress! + offset, min(buffer.count - offset, 1 << 20))
            if written > 0 { offset += written } else if written < 0, errno == EINTR { continue } else {
                throw .io(path: path, detail: "cannot write: \(Self.systemError())")
            }
        }
        length += buffer.count
        // Start writing each megabyte back to the disk now rather than all of it at the fsync:
        // the disk then works while the rest is produced (cnn_digits' 5.9 MB proving key: its
        // fsync took 4.6 ms, 1.2 ms after this). Only a hint: an error shows up at the fsync.
        if length - writtenBack >= 1 << 20 {
            _ = zk_start_writeback(descriptor, Int64(writtenBack), Int64(length - writtenBack))
            writtenBack = length
        }
    }

    /// `append` for a byte array.
    public func append(_ bytes: [UInt8]) throws(FileError) {
        var failure: FileError?
        bytes.withUnsafeBytes { buffer in
            do throws(FileError) { try append(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes the temporary file to the disk (`fsync`) and closes it; ``commit()`` then only
    /// renames it. Nothing can be appended afterwards.
    /// - Throws: `FileError.io`; the writer is then abandoned.
    public func flush() throws(FileError) {
        precondition(!flushed && descriptor >= 0, "flush after flush or commit")
        var failure: String?
        if fsync(descriptor) != 0 { failure = Self.systemError() }
        if close(descriptor) != 0, failure == nil { failure = Self.systemError() }
        descriptor = -1
        flushed = true
        if let failure { throw .io(path: path, detail: "cannot write: \(failure)") }
    }

    /// Flushes the file (`fsync`) unless ``flush()`` did, renames it over the destination and
    /// flushes the directory.
    /// - Throws: `FileError.io`; the destination is then unchanged.
    public func commit() throws(FileError) {
        precondition(!committed, "commit twice")
        if !flushed { try flush() }
        if rename(temporary, path) != 0 { throw .io(path: path, detail: "cannot write: \(Self.systemError())") }
        committed = true
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 { _ = fsync(directoryDescriptor); close(directoryDescriptor) }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}
