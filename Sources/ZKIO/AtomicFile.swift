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
    /// - Throws: `FileError.io` naming `url` when the directory is not writable, the disk
    ///   is full or the rename fails; the destination is then unchanged.
    public static func write(_ bytes: [UInt8], to url: URL) throws(FileError) {
        let writer = try AtomicFileWriter(path: url.standardizedFileURL.path)
        try writer.append(bytes)
        try writer.commit()
    }

    /// Writes `data` to `url` atomically (see `write(_:to:)`), creating it with `permissions`
    /// (``AtomicFileWriter/init(path:permissions:)``).
    public static func write(_ data: Data, to url: URL, permissions: UInt32 = 0o666) throws(FileError) {
        try stage(data, to: url, permissions: permissions).commit()
    }

    /// Writes `data` to a temporary file for `url` and flushes it, leaving the rename to the
    /// returned writer's ``AtomicFileWriter/commit()`` (for files committed together; dropping
    /// the writer removes the temporary file).
    /// - Parameter permissions: the new file's mode before the umask (``AtomicFileWriter/init(path:permissions:)``).
    /// - Throws: `FileError.io` naming `url`; nothing is left behind.
    public static func stage(_ data: Data, to url: URL, permissions: UInt32 = 0o666) throws(FileError) -> AtomicFileWriter {
        let writer = try AtomicFileWriter(path: url.standardizedFileURL.path, permissions: permissions)
        var failure: FileError?
        data.withUnsafeBytes { buffer in
            do throws(FileError) { try writer.append(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        try writer.flush()
        return writer
    }

    /// Whether `name` (a file name without directory) is one of this type's temporary files.
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(temporaryMarker)
    }
}
