/// Little-endian byte input with bounds checks; every failure names the file and what was
/// being read. The description of what is read is an autoclosure: it is built only for an error
/// (building it eagerly for every term of a million-term circuit cost more than the parse).
///
/// The integer reads are `@inlinable`: the circuit and key decoders in other modules call them
/// millions of times per file.
public struct BinaryReader {
    public let bytes: [UInt8]
    public let path: String
    @usableFromInline var position: Int
    /// One past the last byte this reader may read (`bytes.count`, or the end of a section).
    public let end: Int

    public init(bytes: [UInt8], path: String, offset: Int = 0) {
        self.bytes = bytes
        self.path = path
        self.position = offset
        self.end = bytes.count
    }

    /// A reader over `bytes[range]` only (a section of a file held once: no copy of the payload).
    /// Offsets in messages are positions in `bytes`.
    /// - Precondition: `range` lies within `bytes`.
    public init(bytes: [UInt8], path: String, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "reader range outside the bytes")
        self.bytes = bytes
        self.path = path
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// The position of the next byte read, in `bytes`.
    @inlinable public var offset: Int { position }
    @inlinable public var remaining: Int { end - position }
    @inlinable public var isAtEnd: Bool { position == end }

    /// A ``FileError/malformedFile(path:detail:)`` naming this reader's file.
    public func failure(_ detail: String) -> FileError { .malformedFile(path: path, detail: detail) }

    @inlinable
    public mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String) throws(FileError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else {
            throw failure("truncated while reading \(what()) at byte \(position)")
        }
        defer { position += count }
        return bytes[position ..< position + count]
    }

    @inlinable
    public mutating func readUInt8(_ what: @autoclosure () -> String) throws(FileError) -> UInt8 {
        try readBytes(1, what()).first!
    }

    @inlinable
    public mutating func readUInt32(_ what: @autoclosure () -> String) throws(FileError) -> UInt32 {
        try readInteger(UInt32.self, what())
    }

    @inlinable
    public mutating func readUInt64(_ what: @autoclosure () -> String) throws(FileError) -> UInt64 {
        try readInteger(UInt64.self, what())
    }

    /// A little-endian fixed-width integer, loaded directly (keys and circuits are read millions
    /// of integers at a time).
    @inlinable @inline(__always)
    mutating func readInteger<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws(FileError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw failure("truncated while reading \(what()) at byte \(position)") }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: T.self) }
        position += size
        return T(littleEndian: value)
    }

    /// A length-prefixed UTF-8 string.
    public mutating func readString(_ what: @autoclosure () -> String) throws(FileError) -> String {
        let count = try readUInt32("\(what()) length")
        let slice = try readBytes(Int(count), what())
        guard let text = String(validating: slice, as: UTF8.self) else { throw failure("\(what()) is not UTF-8") }
        return text
    }
}
