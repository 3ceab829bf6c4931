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
    ///   - versions: the versions this build reads.
    ///   - trailingHash: whether 32 bytes of hash follow the sections (``SectionIntegrity/trailingHash``).
    /// - Throws: `FileError.malformedFile` (bad magic, truncated, a repeated type when `repeats`
    ///   is `.rejected`), `.unsupportedVersion`.
    public init(bytes: [UInt8], range: Range<Int>? = nil, magic: [UInt8], notThisKind: String, path: String,
                versions: Set<UInt32>, repeats: Repeats, trailingHash: Bool = false) throws(FileError) {
        let whole = range ?? bytes.indices
        let end = trailingHash ? max(whole.lowerBound, whole.upperBound - 32) : whole.upperBound
        var reader = BinaryReader(bytes: bytes, path: path, range: whole.lowerBound ..< end)
        guard Array(try reader.readBytes(4, "magic")) == magic else { throw .malformedFile(path: path, detail: notThisKind) }
        version = try reader.readUInt32("version")
        guard versions.contains(version) else { throw .unsupportedVersion(path: path, version: version) }
        let count = try reader.readUInt32("section count")
        var entries: [(type: UInt32, range: Range<Int>)] = []
        var seen = Set<UInt32>()
        for _ in 0 ..< count {
            let type = try reader.readUInt32("section type")
            let length = try reader.readUInt64("section \(type) length")
            guard length <= UInt64(reader.remaining) else {
                throw .malformedFile(path: path, detail: "section \(type) claims \(length) bytes, only \(reader.remaining) left")
            }
            guard repeats == .allowed || seen.insert(type).inserted else {
                throw .malformedFile(path: path, detail: "section \(type) appears twice")
            }
            entries.append((type, try reader.readBytes(Int(length), "section \(type)").indices))
        }
        self.bytes = bytes
        self.path = path
        self.entries = entries
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
