public import ZKField

/// Little-endian byte input with bounds checks; every failure names the file and what was
/// being read. The description of what is read is an autoclosure: it is built only for an error
/// (building it eagerly for every term of a million-term circuit cost more than the parse).
public struct BinaryReader {
    public let bytes: [UInt8]
    public let path: String
    public private(set) var offset: Int
    /// One past the last byte this reader may read (`bytes.count`, or the end of a section).
    public let end: Int

    public init(bytes: [UInt8], path: String, offset: Int = 0) {
        self.bytes = bytes
        self.path = path
        self.offset = offset
        self.end = bytes.count
    }

    /// A reader over `bytes[range]` only (a section of a file held once: no copy of the payload).
    /// Offsets in messages are positions in `bytes`.
    /// - Precondition: `range` lies within `bytes`.
    public init(bytes: [UInt8], path: String, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "reader range outside the bytes")
        self.bytes = bytes
        self.path = path
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    public var remaining: Int { end - offset }
    public var isAtEnd: Bool { offset == end }

    public func failure(_ detail: String) -> ConstraintError { .malformedFile(path: path, detail: detail) }

    public mutating func readBytes(_ count: Int, _ what: @autoclosure () -> String) throws(ConstraintError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else {
            throw failure("truncated while reading \(what()) at byte \(offset)")
        }
        defer { offset += count }
        return bytes[offset ..< offset + count]
    }

    public mutating func readUInt8(_ what: @autoclosure () -> String) throws(ConstraintError) -> UInt8 {
        try readBytes(1, what()).first!
    }

    public mutating func readUInt32(_ what: @autoclosure () -> String) throws(ConstraintError) -> UInt32 {
        try readInteger(UInt32.self, what())
    }

    public mutating func readUInt64(_ what: @autoclosure () -> String) throws(ConstraintError) -> UInt64 {
        try readInteger(UInt64.self, what())
    }

    /// A little-endian fixed-width integer, loaded directly (keys and circuits are read millions
    /// of integers at a time).
    @inline(__always)
    private mutating func readInteger<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws(ConstraintError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw failure("truncated while reading \(what()) at byte \(offset)") }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += size
        return T(littleEndian: value)
    }

    /// A length-prefixed UTF-8 string.
    public mutating func readString(_ what: @autoclosure () -> String) throws(ConstraintError) -> String {
        let count = try readUInt32("\(what()) length")
        let slice = try readBytes(Int(count), what())
        guard let text = String(validating: slice, as: UTF8.self) else { throw failure("\(what()) is not UTF-8") }
        return text
    }

    /// 32 little-endian bytes holding a canonical scalar-field element.
    public mutating func readFr(_ what: @autoclosure () -> String) throws(ConstraintError) -> BN254.Fr {
        let limbs = try readLimbs(what())
        guard let value = BN254.Fr(canonicalLimbs: limbs) else { throw failure("\(what()) is not below r") }
        return value
    }

    /// 32 little-endian bytes holding a canonical base-field element.
    public mutating func readFq(_ what: @autoclosure () -> String) throws(ConstraintError) -> BN254.Fq {
        let limbs = try readLimbs(what())
        guard let value = BN254.Fq(canonicalLimbs: limbs) else { throw failure("\(what()) is not below q") }
        return value
    }

    private mutating func readLimbs(_ what: @autoclosure () -> String) throws(ConstraintError) -> Limbs4 {
        (try readUInt64(what()), try readUInt64(what()), try readUInt64(what()), try readUInt64(what()))
    }

    /// The inverse of `BinaryWriter.writeCompact`.
    public mutating func readCompactFr(_ what: @autoclosure () -> String) throws(ConstraintError) -> BN254.Fr {
        switch try readUInt8("\(what()) tag") {
        case 0: return Self.small(try readUInt64(what()))
        case 1: return -Self.small(try readUInt64(what()))
        case 2: return try readFr(what())
        case let tag: throw failure("\(what()) has unknown encoding tag \(tag)")
        }
    }

    /// `Fr(value)`, from a table for powers of two: most coefficients of an ML circuit are ±2^i
    /// (bit decompositions), and the table saves their Montgomery conversion (LeNet-5's circuit:
    /// 2.3 million coefficients read).
    @inline(__always)
    static func small(_ value: UInt64) -> BN254.Fr {
        value != 0 && value & (value &- 1) == 0 ? BN254.powersOfTwo[value.trailingZeroBitCount] : BN254.Fr(value)
    }
}
