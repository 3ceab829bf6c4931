internal import ZKIO

/// The iden3 binary container shared by circom's `.r1cs` and `.wtns` files (and snarkjs's `.zkey`):
/// a ``SectionedFile`` without hash, sections in any order, a type may repeat (the readers here
/// refuse a repeated section they need).
enum IDEN3Container {
    /// The section table of an iden3 file whose magic is `magic` (`"r1cs"`, `"wtns"`) and whose
    /// version is one of `versions`.
    private static func table(_ bytes: [UInt8], magic: String, versions: Set<UInt32>, path: String) throws(FileError) -> SectionTable {
        try SectionTable(bytes: bytes, magic: Array(magic.utf8), notThisKind: "not a \(magic) file (bad magic)", path: path,
                         versions: versions, repeats: .allowed)
    }

    /// The section table of an iden3 file and a reader over its header section (1) positioned
    /// after the field (`n8`, prime), which must be BN254's scalar field.
    /// - Throws: `ConstraintError` (the file errors of ``table(_:magic:versions:path:)``,
    ///   `.wrongField`).
    static func open(_ bytes: [UInt8], magic: String, versions: Set<UInt32>, path: String)
        throws(ConstraintError) -> (table: SectionTable, header: BinaryReader) {
        let (table, header, prime) = try ConstraintError.converting { () throws(FileError) in
            let table = try Self.table(bytes, magic: magic, versions: versions, path: path)
            var header = try table.reader(1, "header")
            let prime = try readField(&header, path: path)
            return (table, header, prime)
        }
        try checkField(prime, path: path)
        return (table, header)
    }

    /// Reads `n8` and the prime; ``checkField(_:path:)`` then checks that the prime is BN254's r.
    private static func readField(_ reader: inout BinaryReader, path: String) throws(FileError) -> [UInt8] {
        let n8 = try reader.readUInt32("field element size")
        guard n8 == 32 else {
            throw .malformedFile(path: path, detail: "field elements are \(n8) bytes; BN254 needs 32")
        }
        return Array(try reader.readBytes(32, "prime"))
    }

    /// Throws unless `prime` (32 bytes little-endian) is BN254's r.
    private static func checkField(_ prime: [UInt8], path: String) throws(ConstraintError) {
        guard prime == R1CS.modulusBytes else {
            throw .wrongField(path: path, modulus: primeDescription(prime))
        }
    }

    private static func primeDescription(_ bytes: [UInt8]) -> String {
        "0x" + bytes.reversed().hexString
    }
}
