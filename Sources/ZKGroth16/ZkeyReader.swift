internal import ZKCurves
internal import ZKField
internal import ZKIO

/// A bounds-checked little-endian cursor over a zkey file or one of its sections.
struct ZkeyReader {
    let bytes: [UInt8]
    let path: String
    var range: Range<Int>
    var offset: Int

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        range = 0 ..< bytes.count
        offset = 0
    }

    func fail(_ detail: String) -> Groth16Error { .malformedKey(path: path, detail: detail) }

    /// A reader over one section's bytes.
    func sub(_ section: Range<Int>) -> ZkeyReader {
        var reader = self
        reader.range = section
        reader.offset = section.lowerBound
        return reader
    }

    mutating func bytes(_ count: Int, _ what: String) throws(Groth16Error) -> [UInt8] {
        guard count >= 0, offset <= range.upperBound, range.upperBound - offset >= count else {
            throw fail("truncated at \(what) (byte \(offset))")
        }
        defer { offset += count }
        return Array(bytes[offset ..< offset + count])
    }

    mutating func u32(_ what: String) throws(Groth16Error) -> UInt32 {
        let b = try bytes(4, what)
        return b.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The section table (iden3's container, any version): the byte range of the first section
    /// of each type.
    func sections() throws(Groth16Error) -> [UInt32: Range<Int>] {
        let table: SectionTable
        do throws(FileError) {
            table = try SectionTable(bytes: bytes, magic: Array("zkey".utf8), notThisKind: "not a zkey file (magic is not \"zkey\")",
                                     path: path, versions: nil, repeats: .allowed)
        } catch {
            throw fail(error.detail)
        }
        var first: [UInt32: Range<Int>] = [:]
        for (type, range) in table.entries where first[type] == nil { first[type] = range }
        return first
    }

    /// One Montgomery-form little-endian coordinate.
    mutating func fq(_ what: String) throws(Groth16Error) -> BN254.Fq {
        let b = try bytes(32, what)
        var limbs: [UInt64] = [0, 0, 0, 0]
        for (i, byte) in b.enumerated() { limbs[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8)) }
        let tuple = (limbs[0], limbs[1], limbs[2], limbs[3])
        // A representative ≥ q is not a reduced Montgomery form.
        guard BN254.Fq(canonicalLimbs: tuple) != nil else { throw fail("\(what): coordinate is not below q") }
        return BN254.Fq(montgomeryLimbs: tuple)
    }

    mutating func g1(_ what: String) throws(Groth16Error) -> BN254.G1Affine {
        let x = try fq("\(what).x")
        let y = try fq("\(what).y")
        if x.isZero && y.isZero { return .infinity }
        do { return try BN254.G1Affine(validatingX: x, y: y) } catch {
            throw fail("\(what): \(error.description)")
        }
    }

    /// A G2 point; `subgroup: false` checks only that it is on the twist (a proving key's
    /// `bG2Query`: a point outside the subgroup only makes proofs that fail, and the check is a
    /// scalar multiplication per point).
    mutating func g2(_ what: String, subgroup: Bool = true) throws(Groth16Error) -> BN254.G2Affine {
        let x = BN254.Fq2(try fq("\(what).x.c0"), try fq("\(what).x.c1"))
        let y = BN254.Fq2(try fq("\(what).y.c0"), try fq("\(what).y.c1"))
        if x.isZero && y.isZero { return .infinity }
        if !subgroup {
            let point = BN254.G2Affine(x: x, y: y)
            guard point.isOnCurve else { throw fail("\(what) is not on the twist") }
            return point
        }
        do { return try BN254.G2Affine(validatingX: x, y: y) } catch {
            throw fail("\(what): \(error.description)")
        }
    }

    /// The rest of the section must be empty.
    func end(_ what: String) throws(Groth16Error) {
        guard offset == range.upperBound else { throw fail("\(what): \(range.upperBound - offset) bytes after its last entry") }
    }
}
