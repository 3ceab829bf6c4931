#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic file output: every file zkml produces is written to a temporary file in the
/// destination's directory, flushed to disk (`fsync`) and renamed over the destination, so a
/// reader (or a crash, or `SIGKILL`) sees either the old file or the complete new one.
///
/// The temporary file is named `.<name>.zkml-tmp-<pid>-<16 hex digits>` (hidden, beside the
/// destination, created with `O_EXCL`). It is removed when the write fails; only a process killed
/// between creating and renaming it leaves it behind, and such a leftover is never read by zkml
/// (its name never matches an output name) and can be deleted.
///
/// `rename(2)` within one directory is atomic on POSIX file systems; the directory is flushed
/// after the rename so that the new name survives a power loss too.
public enum AtomicFile {
    /// The marker in temporary file names: `.<name>` + `marker` + `<pid>-<random>`.
    public static let temporaryMarker = ".zkml-tmp-"

    /// Writes `bytes` to `url` atomically.
    /// - Throws: `ConstraintError.io` naming `url` when the directory is not writable, the disk
    ///   is full or the rename fails; the destination is then unchanged.
    public static func write(_ bytes: [UInt8], to url: URL) throws(ConstraintError) {
        let destination = url.standardizedFileURL.path
        if let failure = bytes.withUnsafeBytes({ write($0, to: destination) }) {
            throw .io(path: destination, detail: "cannot write: \(failure)")
        }
    }

    /// Writes `data` to `url` atomically (see `write(_:to:)`).
    public static func write(_ data: Data, to url: URL) throws(ConstraintError) {
        try write([UInt8](data), to: url)
    }

    /// Whether `name` (a file name without directory) is one of this type's temporary files.
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(temporaryMarker)
    }

    /// Writes `buffer` to `destination` through a temporary file; returns the failure, if any.
    private static func write(_ buffer: UnsafeRawBufferPointer, to destination: String) -> String? {
        var trimmed = Substring(destination)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let slash = trimmed.lastIndex(of: "/")
        let name = slash.map { String(trimmed[trimmed.index(after: $0)...]) } ?? String(trimmed)
        let directory = slash.map { $0 == trimmed.startIndex ? "/" : String(trimmed[..<$0]) } ?? ""
        guard !name.isEmpty else { return "not a file name" }
        let temporary = (directory.isEmpty ? "." : directory) + "/." + name + temporaryMarker
            + "\(getpid())-" + String(UInt64.random(in: 0 ... .max), radix: 16)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return systemError() }
        var failure: String?
        var offset = 0
        while offset < buffer.count, failure == nil {
            let chunk = min(buffer.count - offset, 1 << 20)
            let written = SystemCalls.write(descriptor, buffer.baseAddress! + offset, chunk)
            if written > 0 { offset += written } else if written < 0, errno == EINTR { continue } else { failure = systemError() }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = systemError() }
        if close(descriptor) != 0, failure == nil { failure = systemError() }
        if failure == nil, rename(temporary, destination) != 0 { failure = systemError() }
        if failure != nil {
            unlink(temporary)
            return failure
        }
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 { _ = fsync(directoryDescriptor); close(directoryDescriptor) }
        return nil
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}
