#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import ZKField

/// Reading and writing iden3 `.wtns` witness files (version 2): section 1 holds the field
/// (`n8`, prime) and the value count, section 2 the values as 32-byte little-endian integers in
/// standard form, wire 0 first.
extension Witness {
    /// Parses a `.wtns` file.
    /// - Parameters:
    ///   - path: used in error messages only.
    ///   - limits: the most values accepted (`maxWires`, checked before allocating).
    public init(wtns bytes: [UInt8], path: String = "<memory>", limits: ConstraintLimits = .current) throws(ConstraintError) {
        let container = try IDEN3Container(bytes: bytes, magic: "wtns", path: path)
        guard container.version == 1 || container.version == 2 else {
            throw .unsupportedVersion(path: path, version: container.version)
        }
        var header = try container.reader(1, "header")
        try IDEN3Container.readField(&header, path: path)
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
        self.values = values
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
        var writer = BinaryWriter()
        writer.write(bytes: Array("wtns".utf8))
        writer.write(UInt32(2))
        writer.write(UInt32(2))
        writer.writeSection(type: 1, payload: header.bytes)
        writer.writeSection(type: 2, payload: body.bytes)
        return writer.bytes
    }

    /// Writes a `.wtns` file atomically.
    public func writeWtns(to url: URL) throws(ConstraintError) {
        try AtomicFile.write(wtnsBytes(), to: url)
    }
}
