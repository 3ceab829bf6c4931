#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file input straight into a byte array.
///
/// `[UInt8](Data(contentsOf:))` holds the file twice while it copies: for a proving key of
/// 128 MB that was the prover's peak memory. Here the array is allocated at the file's size and
/// `read(2)` fills it in place.
public enum FileBytes {
    /// The bytes of the file at `path`.
    /// - Throws: `ConstraintError.io` naming `path` (missing, unreadable, a directory, or changed size while read).
    public static func read(_ path: String) throws(ConstraintError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, detail: "cannot read: \(reason(errno))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .io(path: path, detail: "cannot read: \(reason(errno))") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, detail: "cannot read: not a regular file") }
        let size = Int(status.st_size)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            while offset < size {
                let count = SystemCalls.read(descriptor, buffer.baseAddress! + offset, size - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if count == 0 { break }
                offset += count
            }
            initialized = offset
        }
        if failure != 0 { throw .io(path: path, detail: "cannot read: \(reason(failure))") }
        guard bytes.count == size else { throw .io(path: path, detail: "cannot read: the file shrank while it was read") }
        return bytes
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
