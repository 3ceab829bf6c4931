/// The iden3 binary container shared by circom's `.r1cs` and `.wtns` files (and snarkjs's `.zkey`):
/// 4-byte magic, u32 version, u32 section count, then sections of (u32 type, u64 length, payload),
/// all little-endian, sections in any order.
struct IDEN3Container {
    let version: UInt32
    /// Section payloads by type; a type may repeat (kept in file order).
    let sections: [UInt32: [ArraySlice<UInt8>]]
    let path: String
    /// The whole file: section readers read it in place.
    let bytes: [UInt8]

    init(bytes: [UInt8], magic: String, path: String) throws(ConstraintError) {
        self.path = path
        self.bytes = bytes
        var reader = BinaryReader(bytes: bytes, path: path)
        guard Array(try reader.readBytes(4, "magic")) == Array(magic.utf8) else {
            throw .malformedFile(path: path, detail: "not a \(magic) file (bad magic)")
        }
        version = try reader.readUInt32("version")
        let count = try reader.readUInt32("section count")
        var sections: [UInt32: [ArraySlice<UInt8>]] = [:]
        for _ in 0 ..< count {
            let type = try reader.readUInt32("section type")
            let length = try reader.readUInt64("section \(type) length")
            guard length <= UInt64(reader.remaining) else {
                throw .malformedFile(path: path, detail: "section \(type) claims \(length) bytes, only \(reader.remaining) left")
            }
            sections[type, default: []].append(try reader.readBytes(Int(length), "section \(type)"))
        }
        self.sections = sections
    }

    /// A reader over the single section of `type`.
    func reader(_ type: UInt32, _ name: String) throws(ConstraintError) -> BinaryReader {
        guard let found = sections[type], found.count == 1 else {
            throw .malformedFile(path: path, detail: sections[type] == nil ? "missing \(name) section" : "\(name) section appears twice")
        }
        let slice = found[0]
        return BinaryReader(bytes: bytes, path: path, range: slice.indices)
    }

    /// Reads `n8` and the prime, and checks that the prime is BN254's r.
    static func readField(_ reader: inout BinaryReader, path: String) throws(ConstraintError) {
        let n8 = try reader.readUInt32("field element size")
        guard n8 == 32 else {
            throw .malformedFile(path: path, detail: "field elements are \(n8) bytes; BN254 needs 32")
        }
        let prime = Array(try reader.readBytes(32, "prime"))
        guard prime == R1CS.modulusBytes else {
            throw .wrongField(path: path, modulus: primeDescription(prime))
        }
    }

    private static func primeDescription(_ bytes: [UInt8]) -> String {
        "0x" + bytes.reversed().hexString
    }
}
