#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKField
internal import ZKIO

/// Reading and writing iden3 `.wtns` witness files (version 2): section 1 holds the field
/// (`n8`, prime) and the value count, section 2 the values as 32-byte little-endian integers in
/// standard form, wire 0 first.
extension Witness {
    /// Parses a `.wtns` file.
    /// - Parameters:
    ///   - path: used in error messages only.
    ///   - limits: the most values accepted (`maxWires`, checked before allocating).
    public init(wtns bytes: [UInt8], path: String = "<memory>", limits: ConstraintLimits = .current) throws(ConstraintError) {
        let (container, header) = try IDEN3Container.open(bytes, magic: "wtns", versions: [1, 2], path: path)
        values = try ConstraintError.converting { () throws(FileError) in
            try Self.decodeValues(container, header: header, path: path, limits: limits)
        }
    }

    /// The values in a `.wtns` container whose field was checked; `header` is positioned after
    /// the prime.
    private static func decodeValues(_ container: SectionTable, header: BinaryReader, path: String,
                                     limits: ConstraintLimits) throws(FileError) -> [BN254.Fr] {
        var header = header
        let count = Int(try header.readUInt32("witness count"))
        var body = try container.reader(2, "values")
        try limits.check(count, "witness count", limit: limits.maxWires, flag: "--max-wires", minimumBytes: 32, in: body)
        guard body.remaining == count * 32 else {
            throw .malformedFile(path: path, detail: "values section has \(body.remaining) bytes, header says \(count) × 32")
        }
        var values: [BN254.Fr] = []
        values.reserveCapacity(count)
        for i in 0 ..< count { values.append(try body.readFr("witness value \(i)")) }
        guard values.first == .one else {
            throw .malformedFile(path: path, detail: "witness value 0 (the constant wire) is not 1")
        }
        return values
    }

    public init(wtnsContentsOf url: URL) throws(ConstraintError) {
        try self.init(wtns: try readFile(url), path: url.path)
    }

    /// The witness as a `.wtns` file (version 2), readable by snarkjs.
    public func wtnsBytes() -> [UInt8] {
        var header = BinaryWriter()
        header.write(UInt32(32))
        header.write(bytes: R1CS.modulusBytes)
        header.write(UInt32(values.count))
        var body = BinaryWriter()
        body.reserve(values.count * 32)
        for value in values { body.write(value) }
        return SectionedFile(magic: Array("wtns".utf8), version: 2, sections: [(1, header.bytes), (2, body.bytes)],
                             integrity: .none).serialized()
    }

    /// Writes a `.wtns` file atomically.
    public func writeWtns(to url: URL) throws(ConstraintError) {
        try ConstraintError.converting { () throws(FileError) in try AtomicFile.write(wtnsBytes(), to: url) }
    }
}
