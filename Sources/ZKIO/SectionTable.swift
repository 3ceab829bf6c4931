/// A ``SectionedFile`` read in place: where each section's payload lies in the file's bytes (no
/// copy of any payload), after checking the magic, the version and that every length fits.
public struct SectionTable {
    /// Whether a section type may appear more than once.
    public enum Repeats: Sendable {
        /// A repeated type is an error while the table is read ("section 3 appears twice").
        case rejected
        /// Kept in file order; ``range(_:_:)`` refuses a repeated type (iden3's files).
        case allowed
    }

    /// The whole file (readers read it in place).
    public let bytes: [UInt8]
    public let path: String
    public let version: UInt32
    /// The sections in file order; for a trailing-hash file, not counting the hash.
    public let entries: [(type: UInt32, range: Range<Int>)]

    /// Reads the table of the container at `bytes[range]`.
    /// - Parameters:
    ///   - magic: the 4 bytes the file must start with; `notThisKind` is the error detail otherwise.
    ///   - versions: the versions this build reads (`nil`: any, for a format that is not ours).
    ///   - trailingHash: whether 32 bytes of hash follow the sections (``SectionIntegrity/trailingHash``).
    /// - Throws: `FileError.malformedFile` (bad magic, truncated, a repeated type when `repeats`
    ///   is `.rejected`), `.unsupportedVersion`.
    public init(bytes: [UInt8], range: Range<Int>? = nil, magic: [UInt8], notThisKind: String, path: String,
                versions: Set<UInt32>?, repeats: Repeats, trailingHash: Bool = false) throws(FileError) {
        let whole = range ?? bytes.indices
        let end = trailingHash ? max(whole.lowerBound, whole.upperBound - 32) : whole.upperBound
        (version, entries) = try Self.locate(in: whole.lowerBound ..< end, magic: magic, notThisKind: notThisKind, path: path,
                                             versions: versions, repeats: repeats) { (frame) throws(FileError) in Array(bytes[frame]) }
        self.bytes = bytes
        self.path = path
    }

    /// The version and the sections of the container at `extent` of a file, reading only its
    /// frames through `read` (12 bytes at a time: a reader that streams a large file reads each
    /// payload when it needs it). ``init(bytes:range:magic:notThisKind:path:versions:repeats:trailingHash:)``
    /// runs it on bytes in memory.
    /// - Throws: as that initialiser, and whatever `read` throws.
    public static func locate(in extent: Range<Int>, magic: [UInt8], notThisKind: String, path: String, versions: Set<UInt32>?,
                              repeats: Repeats, read: (Range<Int>) throws(FileError) -> [UInt8])
        throws(FileError) -> (version: UInt32, entries: [(type: UInt32, range: Range<Int>)]) {
        var head = BinaryReader(bytes: try read(extent.lowerBound ..< min(extent.lowerBound + 12, extent.upperBound)), path: path)
        guard Array(try head.readBytes(4, "magic")) == magic else { throw .malformedFile(path: path, detail: notThisKind) }
        let version = try head.readUInt32("version")
        guard versions?.contains(version) ?? true else { throw .unsupportedVersion(path: path, version: version) }
        let count = try head.readUInt32("section count")
        var offset = extent.lowerBound + 12
        var entries: [(type: UInt32, range: Range<Int>)] = []
        var seen = Set<UInt32>()
        for _ in 0 ..< count {
            guard extent.upperBound - offset >= 12 else {
                throw .malformedFile(path: path, detail: "truncated while reading a section header at byte \(offset)")
            }
            var frame = BinaryReader(bytes: try read(offset ..< offset + 12), path: path)
            let type = try frame.readUInt32("section type")
            let length = try frame.readUInt64("section \(type) length")
            offset += 12
            guard length <= UInt64(extent.upperBound - offset) else {
                throw .malformedFile(path: path, detail: "section \(type) claims \(length) bytes, only \(extent.upperBound - offset) left")
            }
            guard repeats == .allowed || seen.insert(type).inserted else {
                throw .malformedFile(path: path, detail: "section \(type) appears twice")
            }
            entries.append((type, offset ..< offset + Int(length)))
            offset += Int(length)
        }
        return (version, entries)
    }

    /// The payload range of the section of `type` (the last one when repeated), or `nil` when
    /// there is none.
    public subscript(type: UInt32) -> Range<Int>? { entries.last { $0.type == type }?.range }

    /// The payload range of the single section of `type`.
    /// - Throws: `FileError.malformedFile`: "missing `name` section", or "`name` section appears twice".
    public func range(_ type: UInt32, _ name: String) throws(FileError) -> Range<Int> {
        let found = entries.filter { $0.type == type }
        guard found.count == 1 else {
            throw .malformedFile(path: path, detail: found.isEmpty ? "missing \(name) section" : "\(name) section appears twice")
        }
        return found[0].range
    }

    /// A reader over the single section of `type` (``range(_:_:)``).
    public func reader(_ type: UInt32, _ name: String) throws(FileError) -> BinaryReader {
        BinaryReader(bytes: bytes, path: path, range: try range(type, name))
    }

    /// Checks the hash section `type` (named `name` in errors) against the SHA-256 of the
    /// payloads it covers (``SectionIntegrity/hashSection(type:covering:)``) and returns it.
    /// - Throws: `FileError.malformedFile` when a section is missing, `.hashMismatch`.
    public func checkHashSection(_ type: UInt32, _ name: String, covering: [UInt32]?) throws(FileError) -> [UInt8] {
        var covered: [Range<Int>] = []
        if let covering {
            for coveredType in covering {
                guard let range = self[coveredType] else { throw .malformedFile(path: path, detail: "missing section \(coveredType)") }
                covered.append(range)
            }
        } else {
            covered = entries.filter { $0.type != type }.map(\.range)
        }
        let recorded = Array(bytes[try range(type, name)])
        var hasher = SHA256()
        bytes.withUnsafeBytes { all in
            for range in covered { hasher.update(bytes: UnsafeRawBufferPointer(rebasing: all[range])) }
        }
        guard hasher.finalize() == recorded else { throw .hashMismatch(path: path) }
        return recorded
    }
}
