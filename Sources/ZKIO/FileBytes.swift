/// Whole-file input straight into a byte array.
///
/// `[UInt8](Data(contentsOf:))` holds the file twice while it copies: for a proving key of
/// 128 MB that was the prover's peak memory. Here the array is allocated at the file's size and
/// `pread(2)` fills it in place (``RandomAccessFile``).
public enum FileBytes {
    /// The bytes of the file at `path`.
    /// - Throws: `FileError.io` naming `path` (missing, unreadable, a directory, or changed size while read).
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let file = try RandomAccessFile(path: path)
        return try file.read(0 ..< file.size)
    }
}
