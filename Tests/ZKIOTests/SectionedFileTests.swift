import Testing
import ZKIO

@Suite("SectionedFile and SectionTable")
struct SectionedFileTests {
    let magic = Array("TEST".utf8)
    let sections: [(type: UInt32, payload: [UInt8])] = [(1, [1, 2, 3]), (2, []), (7, Array(repeating: 0xAB, count: 70))]

    func file(_ integrity: SectionIntegrity) -> [UInt8] {
        SectionedFile(magic: magic, version: 3, sections: sections, integrity: integrity).serialized()
    }

    @Test("the bytes are magic, version, count and little-endian frames, as docs/formats.md says")
    func layout() {
        let bytes = file(.none)
        #expect(Array(bytes[0 ..< 4]) == magic)
        #expect(Array(bytes[4 ..< 12]) == [3, 0, 0, 0, 3, 0, 0, 0])
        #expect(Array(bytes[12 ..< 27]) == [1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])
        #expect(bytes.count == 12 + 3 * 12 + 3 + 0 + 70)
        #expect(SectionedFile.header(magic: magic, version: 3, sectionCount: 3) == Array(bytes[0 ..< 12]))
        #expect(SectionedFile.frame(type: 1, length: 3) == Array(bytes[12 ..< 24]))
    }

    @Test("each integrity convention records the SHA-256 of what it covers")
    func integrity() throws {
        let all = file(.hashSection(type: 9, covering: nil))
        #expect(Array(all.suffix(32)) == SHA256.hash([1, 2, 3] + Array(repeating: 0xAB, count: 70)))
        #expect(Array(all[8 ..< 12]) == [4, 0, 0, 0])
        let listed = file(.hashSection(type: 9, covering: [7, 1]))
        #expect(Array(listed.suffix(32)) == SHA256.hash(Array(repeating: 0xAB, count: 70) + [1, 2, 3]))
        let trailing = file(.trailingHash)
        #expect(Array(trailing.suffix(32)) == SHA256.hash(trailing.dropLast(32)))
        #expect(Array(trailing[8 ..< 12]) == [3, 0, 0, 0])

        let table = try SectionTable(bytes: all, magic: magic, notThisKind: "not a test file", path: "t", versions: [3], repeats: .rejected)
        #expect(try table.checkHashSection(9, "hash", covering: nil) == Array(all.suffix(32)))
        var tampered = all
        tampered[12 + 12] ^= 1
        let bad = try SectionTable(bytes: tampered, magic: magic, notThisKind: "not a test file", path: "t", versions: [3], repeats: .rejected)
        #expect(throws: FileError.hashMismatch(path: "t")) { try bad.checkHashSection(9, "hash", covering: nil) }
    }

    @Test("a table finds every payload in place; the trailing hash is not a section")
    func roundTrip() throws {
        for integrity in [SectionIntegrity.none, .trailingHash] {
            let bytes = file(integrity)
            let table = try SectionTable(bytes: bytes, magic: magic, notThisKind: "not a test file", path: "t", versions: [3],
                                         repeats: .rejected, trailingHash: integrity == .trailingHash)
            #expect(table.version == 3)
            #expect(table.entries.map(\.type) == [1, 2, 7])
            for (type, payload) in sections { #expect(Array(bytes[try table.range(type, "s\(type)")]) == payload) }
            var reader = try table.reader(1, "one")
            #expect(try reader.readUInt8("x") == 1)
            #expect(table[5] == nil)
        }
    }

    @Test("bad magic, unsupported version, truncation and repeats are errors naming the file")
    func errors() {
        let bytes = file(.none)
        func table(_ bytes: [UInt8], _ repeats: SectionTable.Repeats = .rejected) throws(FileError) -> SectionTable {
            try SectionTable(bytes: bytes, magic: magic, notThisKind: "not a test file", path: "t", versions: [3], repeats: repeats)
        }
        #expect(throws: FileError.malformedFile(path: "t", detail: "not a test file")) { try table(Array("NOPE".utf8) + bytes.dropFirst(4)) }
        #expect(throws: FileError.unsupportedVersion(path: "t", version: 4)) { try table(magic + [4, 0, 0, 0] + bytes.dropFirst(8)) }
        #expect(throws: FileError.malformedFile(path: "t", detail: "section 7 claims 70 bytes, only 69 left")) { try table(Array(bytes.dropLast())) }
        #expect(throws: FileError.malformedFile(path: "t", detail: "truncated while reading a section header at byte 12")) {
            try table(Array(bytes[0 ..< 14]))
        }
        let repeated = SectionedFile(magic: magic, version: 3, sections: [(1, [1]), (1, [2])], integrity: .none).serialized()
        #expect(throws: FileError.malformedFile(path: "t", detail: "section 1 appears twice")) { try table(repeated) }
        #expect(throws: FileError.malformedFile(path: "t", detail: "one section appears twice")) { try table(repeated, .allowed).range(1, "one") }
        #expect(throws: FileError.malformedFile(path: "t", detail: "missing two section")) { try table(repeated, .allowed).range(2, "two") }
        #expect((try? table(repeated, .allowed)[1]).map { Array(repeated[$0]) } == [2])
    }
}
