#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file open for reading pieces of it at given offsets (`pread(2)`), so a reader can
/// hold one section of a large file at a time instead of all of it.
public final class RandomAccessFile {
    public let path: String
    /// The file's size in bytes when it was opened.
    public let size: Int
    private let descriptor: Int32

    /// Opens `path`.
    /// - Throws: `FileError.io` naming `path` (missing, unreadable, not a regular file).
    public init(path: String) throws(FileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, detail: "cannot read: \(Self.reason(errno))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw .io(path: path, detail: "cannot read: \(Self.reason(code))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw .io(path: path, detail: "cannot read: not a regular file")
        }
        self.path = path
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// The bytes in `range`, read straight into the returned array.
    /// - Throws: `FileError.io` when the read fails or the file ends before `range` does.
    public func read(_ range: Range<Int>) throws(FileError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            initialized = fill(buffer, at: range.lowerBound, failure: &failure)
        }
        if failure != 0 { throw .io(path: path, detail: "cannot read: \(Self.reason(failure))") }
        guard bytes.count == range.count else { throw .io(path: path, detail: "cannot read: the file shrank while it was read") }
        return bytes
    }

    /// Fills `buffer` from `offset`; returns the bytes read (fewer at the end of the file).
    /// - Throws: `FileError.io` when the read fails.
    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) throws(FileError) -> Int {
        var failure: Int32 = 0
        let count = fill(buffer, at: offset, failure: &failure)
        if failure != 0 { throw .io(path: path, detail: "cannot read: \(Self.reason(failure))") }
        return count
    }

    private func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int, failure: inout Int32) -> Int {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(start + done))
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            if count == 0 { break }
            done += count
        }
        return done
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
