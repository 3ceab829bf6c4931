#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKConstraints
public import ZKIO
internal import ZKCurves
internal import ZKField

/// zkml's binary key files, `pk.bin` (`ZKPK`) and `vk.bin` (`ZKVK`).
///
/// ```
/// magic (4) | version u32 | section count u32 | sections: type u32 | length u64 | payload
///   1 header:  circuit SHA-256 (32) | publicCount u32 | variableCount u32 | domainLogSize u32
///   2 vk:      alphaG1 | betaG2 | gammaG2 | deltaG2 | IC count u32 | IC points
///   3 (pk)     betaG1 | deltaG1
///   4–8 (pk)   aQuery, bG1Query, bG2Query, hQuery, lQuery: count u32, then points
///   9 hash:    SHA-256 of the payloads of all other sections, in order
///   10 ranges  (optional) signed public-signal ranges the verifier checks: count u32, then
///              offset u32 | count u32 | bits u32 each (``PublicSignalRange``)
///   11 commitment (version 2): δ₁ in G2 | challenge count u32 | the challenges' IC points
///   12 (pk, version 2): [δ₁]₁
///   13 (pk, version 2) commitmentQuery: count u32, then points
///   14 packing (versions 3, 4): ``ZKConstraints/PublicPacking``: layout version u32 | word
///              bits u32 | value count u32 | run count u32, then count u32 | bits u32 per run
/// ```
/// Version 2 is written only for a key with a commitment round (``CommitmentKey``), version 3
/// for a key with packed public signals, 4 for both; a plain key's files are version 1 as
/// before, and a zkml that predates lookups (or packing) refuses a newer key instead of
/// verifying it as plain Groth16.
/// Points are affine, coordinates 32-byte little-endian canonical, G2 as `x.c0 x.c1 y.c0 y.c1`,
/// `(0, 0)` for infinity. Reading checks the hash, that every coordinate is below q and that
/// every point is on its curve; the verifying key's G2 points are also checked for subgroup
/// membership (the proving key's are the prover's own business: a bad one only yields proofs
/// that fail verification).
public enum KeyFile {
    static let provingMagic = Array("ZKPK".utf8)
    static let verifyingMagic = Array("ZKVK".utf8)
    /// The format version this build writes for a plain key (and reads).
    public static let formatVersion: UInt32 = 1
    /// The format version of a key with a commitment round (sections 11–13).
    public static let commitmentFormatVersion: UInt32 = 2

    /// The format version of a key with packed public signals (section 14); 4 with a commitment round too.
    public static let packingFormatVersion: UInt32 = 3

    static func version(_ vk: VerifyingKey) -> UInt32 {
        (vk.commitment == nil ? formatVersion : commitmentFormatVersion) + (vk.packing == nil ? 0 : 2)
    }
    /// Section 9, written last, holds the SHA-256 of every other section's payload.
    static let integrity = SectionIntegrity.hashSection(type: 9, covering: nil)

    // MARK: writing

    /// The proving key's sections before its queries: header, verifying key, ranges (when any),
    /// betaG1/deltaG1.
    private static func leadingSections(_ key: ProvingKey) -> [(UInt32, [UInt8])] {
        var sections: [(UInt32, [UInt8])] = [
            (1, header(key.verifyingKey, variableCount: key.variableCount, domainLogSize: key.domainLogSize)),
            (2, vkPayload(key.verifyingKey)),
        ]
        if let ranges = rangesPayload(key.verifyingKey) { sections.append((10, ranges)) }
        if let commitment = commitmentPayload(key.verifyingKey) { sections.append((11, commitment)) }
        if let packing = packingPayload(key.verifyingKey) { sections.append((14, packing)) }
        var fixed = BinaryWriter()
        write(key.betaG1, &fixed); write(key.deltaG1, &fixed)
        sections.append((3, fixed.bytes))
        if let deltaOne = key.commitmentDeltaG1 {
            var commitmentFixed = BinaryWriter()
            write(deltaOne, &commitmentFixed)
            sections.append((12, commitmentFixed.bytes))
        }
        return sections
    }

    public static func serialize(_ key: ProvingKey) -> [UInt8] {
        var sections = leadingSections(key)
        sections.append((4, g1List(key.aQuery)))
        sections.append((5, g1List(key.bG1Query)))
        var b2 = BinaryWriter()
        b2.reserve(4 + key.bG2Query.count * 128)
        b2.write(UInt32(key.bG2Query.count))
        for point in key.bG2Query { write(point, &b2) }
        sections.append((6, b2.bytes))
        sections.append((7, g1List(key.hQuery)))
        sections.append((8, g1List(key.lQuery)))
        if key.commitmentDeltaG1 != nil { sections.append((13, g1List(key.commitmentQuery))) }
        return container(provingMagic, version(key.verifyingKey), sections)
    }

    public static func serialize(_ key: VerifyingKey) -> [UInt8] {
        var sections = [(UInt32(1), header(key, variableCount: 0, domainLogSize: 0)), (2, vkPayload(key))]
        if let ranges = rangesPayload(key) { sections.append((10, ranges)) }
        if let commitment = commitmentPayload(key) { sections.append((11, commitment)) }
        if let packing = packingPayload(key) { sections.append((14, packing)) }
        return container(verifyingMagic, version(key), sections)
    }

    public static func write(_ key: ProvingKey, to url: URL) throws(Groth16Error) {
        try write(key, toPath: url.standardizedFileURL.path)
    }

    /// Writes the proving key to `path` atomically without building the file in memory: the
    /// bytes of ``serialize(_:)-(ProvingKey)``, streamed section by section (queries in pieces of
    /// 16,384 points) into an ``AtomicFileWriter`` while the hash is computed. The whole file and
    /// its sections as arrays were twice the key's size at the peak of a LeNet-5 setup (2 × 98 MB).
    /// - Throws: `Groth16Error.io` naming `path`; the destination is then unchanged.
    public static func write(_ key: ProvingKey, toPath path: String) throws(Groth16Error) {
        let writer = try stage(key, toPath: path)
        do throws(FileError) { try writer.commit() } catch {
            throw .io(path: path, detail: detail(error, path))
        }
    }

    /// ``write(_:toPath:)-(ProvingKey,_)`` up to the rename: the key is in a flushed temporary file,
    /// and the returned writer's `commit()` puts it in place (`zkml setup` commits pk.bin, vk.bin
    /// and verification_key.json once all three are written).
    /// - Throws: `Groth16Error.io` naming `path`; nothing is left behind.
    public static func stage(_ key: ProvingKey, toPath path: String) throws(Groth16Error) -> AtomicFileWriter {
        // The file as a list of pieces: frames and small payloads as they are, the queries in
        // pieces of 16,384 points encoded when their turn comes.
        var pieces: [FilePiece] = []
        let small = leadingSections(key)
        let queries = key.commitmentDeltaG1 == nil ? 5 : 6
        pieces.append(FilePiece(SectionedFile.header(magic: provingMagic, version: version(key.verifyingKey), sectionCount: small.count + queries + 1),
                                hashed: false))
        func frame(_ type: UInt32, _ length: Int) {
            pieces.append(FilePiece(SectionedFile.frame(type: type, length: length), hashed: false))
        }
        func points<P: Sendable>(_ type: UInt32, _ list: [P], size: Int,
                                 _ encode: @escaping @Sendable (P, UnsafeMutableRawPointer) -> Void) {
            frame(type, 4 + list.count * size)
            var count = BinaryWriter()
            count.write(UInt32(list.count))
            pieces.append(FilePiece(count.bytes, hashed: true))
            for start in stride(from: 0, to: list.count, by: 1 << 14) {
                let end = min(list.count, start + (1 << 14))
                pieces.append(FilePiece(hashed: true) {
                    [UInt8](unsafeUninitializedCapacity: (end - start) * size) { buffer, initialized in
                        for i in start ..< end { encode(list[i], UnsafeMutableRawPointer(buffer.baseAddress! + (i - start) * size)) }
                        initialized = (end - start) * size
                    }
                })
            }
        }
        for (type, bytes) in small {
            frame(type, bytes.count)
            pieces.append(FilePiece(bytes, hashed: true))
        }
        points(4, key.aQuery, size: 64) { store($0, at: $1) }
        points(5, key.bG1Query, size: 64) { store($0, at: $1) }
        points(6, key.bG2Query, size: 128) { store($0, at: $1) }
        points(7, key.hQuery, size: 64) { store($0, at: $1) }
        points(8, key.lQuery, size: 64) { store($0, at: $1) }
        if key.commitmentDeltaG1 != nil { points(13, key.commitmentQuery, size: 64) { store($0, at: $1) } }
        do throws(FileError) {
            let writer = try AtomicFileWriter(path: path)
            var hasher = SHA256()
            // Each piece is hashed and written on this thread while the next is encoded on
            // another (cnn_digits' 5.9 MB key: the encoding was a third of writing it).
            var current = pieces[0].bytes()
            for i in pieces.indices {
                let bytes = current
                if pieces[i].hashed { bytes.withUnsafeBytes { hasher.update(bytes: $0) } }
                guard i + 1 < pieces.count else { try writer.append(bytes); break }
                let next = pieces[i + 1]
                let written: Result<Void, FileError>
                if next.isEncoded {
                    (written, current) = ParallelFor.concurrently({ Result { () throws(FileError) in try writer.append(bytes) } },
                                                                  alongside: { next.bytes() })
                } else {
                    written = Result { () throws(FileError) in try writer.append(bytes) }
                    current = next.bytes()
                }
                try written.get()
            }
            let digest = hasher.finalize()
            try writer.append(SectionedFile.frame(type: 9, length: digest.count) + digest)
            try writer.flush()
            return writer
        } catch {
            throw .io(path: path, detail: detail(error, path))
        }
    }

    public static func write(_ key: VerifyingKey, to url: URL) throws(Groth16Error) {
        try writeAtomically(serialize(key), to: url)
    }

    // MARK: reading

    public static func provingKey(from bytes: [UInt8], path: String = "pk.bin") throws(Groth16Error) -> ProvingKey {
        try provingKey(try open(.bytes(bytes), magic: provingMagic, kind: "proving key", path: path), path: path)
    }

    /// Reads the proving key at `path` one section at a time: the file is hashed in 1 MB pieces,
    /// then each section is read, decoded and released before the next, so the prover never
    /// holds the file's bytes next to the decoded key (for LeNet-5, 98 MB of its peak).
    /// - Throws: as ``provingKey(from:path:)``, and `Groth16Error.io` when the file cannot be read.
    public static func provingKey(atPath path: String) throws(Groth16Error) -> ProvingKey {
        try openProvingKey(atPath: path).load()
    }

    /// Opens the proving key at `path` for a prover that reads one query at a time: the file's
    /// hash, its header, verifying key and fixed points, and every section's length are checked
    /// now; the queries are read (in pieces of 1,024 points, never the whole section's bytes)
    /// when ``ProvingKeyFile/points(_:)`` asks for them.
    /// - Throws: as ``provingKey(from:path:)``, and `Groth16Error.io` when the file cannot be read.
    public static func openProvingKey(atPath path: String) throws(Groth16Error) -> ProvingKeyFile {
        let file: RandomAccessFile
        do throws(FileError) { file = try RandomAccessFile(path: path) } catch {
            throw .io(path: path, detail: detail(error, path))
        }
        return try ProvingKeyFile(sections: try open(.file(file), magic: provingMagic, kind: "proving key", path: path), path: path)
    }

    private static func provingKey(_ sections: Sections, path: String) throws(Groth16Error) -> ProvingKey {
        try ProvingKeyFile(sections: sections, path: path).load()
    }

    public static func verifyingKey(from bytes: [UInt8], path: String = "vk.bin") throws(Groth16Error) -> VerifyingKey {
        let sections = try open(.bytes(bytes), magic: verifyingMagic, kind: "verifying key", path: path)
        do throws(FileError) {
            var header = try section(sections, 1, "header", path)
            let (hash, publicCount, _, _) = try readHeader(&header)
            var vkReader = try section(sections, 2, "verifying key", path)
            var vk = try readVK(&vkReader, hash: hash, publicCount: publicCount)
            vk.packing = try readPacking(sections, publicCount: publicCount, path: path)
            vk.signedRanges = try readRanges(sections, publicCount: vk.signalCount, path: path)
            vk.commitment = try readCommitment(sections, path: path)
            return vk
        } catch {
            throw .malformedKey(path: path, detail: detail(error, path))
        }
    }

    public static func provingKey(contentsOf url: URL) throws(Groth16Error) -> ProvingKey {
        try provingKey(atPath: url.path)
    }

    public static func verifyingKey(contentsOf url: URL) throws(Groth16Error) -> VerifyingKey {
        try verifyingKey(from: try read(url), path: url.path)
    }

    // MARK: internals

    private static func header(_ vk: VerifyingKey, variableCount: Int, domainLogSize: Int) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(bytes: vk.circuitHash.isEmpty ? [UInt8](repeating: 0, count: 32) : vk.circuitHash)
        writer.write(UInt32(vk.publicCount))
        writer.write(UInt32(variableCount))
        writer.write(UInt32(domainLogSize))
        return writer.bytes
    }

    static func readHeader(_ reader: inout BinaryReader) throws(FileError) -> ([UInt8], Int, Int, Int) {
        let hash = Array(try reader.readBytes(32, "circuit hash"))
        let publicCount = Int(try reader.readUInt32("public count"))
        let variableCount = Int(try reader.readUInt32("variable count"))
        let logSize = Int(try reader.readUInt32("domain size"))
        guard logSize <= 28 else { throw reader.failure("domain size 2^\(logSize) is too large") }
        return (hash.allSatisfy { $0 == 0 } ? [] : hash, publicCount, variableCount, logSize)
    }

    private static func vkPayload(_ vk: VerifyingKey) -> [UInt8] {
        var writer = BinaryWriter()
        write(vk.alphaG1, &writer)
        write(vk.betaG2, &writer); write(vk.gammaG2, &writer); write(vk.deltaG2, &writer)
        writer.write(UInt32(vk.gammaABCG1.count))
        for point in vk.gammaABCG1 { write(point, &writer) }
        return writer.bytes
    }

    static func readVK(_ reader: inout BinaryReader, hash: [UInt8], publicCount: Int) throws(FileError) -> VerifyingKey {
        let alpha = try readG1(&reader, "alphaG1")
        let beta = try readG2(&reader, "betaG2", subgroup: true)
        let gamma = try readG2(&reader, "gammaG2", subgroup: true)
        let delta = try readG2(&reader, "deltaG2", subgroup: true)
        let count = Int(try reader.readUInt32("IC count"))
        guard count == publicCount + 1 else { throw reader.failure("IC has \(count) points for \(publicCount) public inputs") }
        var ic: [BN254.G1Affine] = []
        for i in 0 ..< count { ic.append(try readG1(&reader, "IC[\(i)]")) }
        return VerifyingKey(alphaG1: alpha, betaG2: beta, gammaG2: gamma, deltaG2: delta, gammaABCG1: ic, circuitHash: hash)
    }

    private static func rangesPayload(_ vk: VerifyingKey) -> [UInt8]? {
        if vk.signedRanges.isEmpty { return nil }
        var writer = BinaryWriter()
        writer.write(UInt32(vk.signedRanges.count))
        for range in vk.signedRanges {
            writer.write(UInt32(range.offset)); writer.write(UInt32(range.count)); writer.write(UInt32(range.bits))
        }
        return writer.bytes
    }

    static func readRanges(_ sections: Sections, publicCount signalCount: Int, path: String) throws(FileError) -> [PublicSignalRange] {
        guard sections[10] != nil else { return [] }
        var reader = try section(sections, 10, "public signal ranges", path)
        let count = Int(try reader.readUInt32("range count"))
        guard reader.remaining == count * 12 else { throw reader.failure("public signal ranges have the wrong length") }
        var ranges: [PublicSignalRange] = []
        for i in 0 ..< count {
            let offset = Int(try reader.readUInt32("range \(i) offset"))
            let length = Int(try reader.readUInt32("range \(i) count"))
            let bits = Int(try reader.readUInt32("range \(i) bits"))
            guard length >= 1, (1 ... PublicSignalRange.maxBits).contains(bits) else { throw reader.failure("public signal range \(i) is invalid") }
            ranges.append(PublicSignalRange(offset: offset, count: length, bits: bits))
        }
        if let problem = PublicSignalRange.validate(ranges, publicCount: signalCount) { throw reader.failure(problem) }
        return ranges
    }

    private static func commitmentPayload(_ vk: VerifyingKey) -> [UInt8]? {
        guard let commitment = vk.commitment else { return nil }
        var writer = BinaryWriter()
        write(commitment.deltaG2, &writer)
        writer.write(UInt32(commitment.challengeG1.count))
        for point in commitment.challengeG1 { write(point, &writer) }
        return writer.bytes
    }

    private static func packingPayload(_ vk: VerifyingKey) -> [UInt8]? {
        guard let packing = vk.packing else { return nil }
        var writer = BinaryWriter()
        let runs = packing.runs
        writer.write(UInt32(PublicPacking.version)); writer.write(UInt32(PublicPacking.wordBits))
        writer.write(UInt32(packing.valueCount)); writer.write(UInt32(runs.count))
        for run in runs { writer.write(UInt32(run.count)); writer.write(UInt32(run.bits)) }
        return writer.bytes
    }

    /// Section 14, which a version-3 or -4 file must have and a version-1 or -2 file must not.
    static func readPacking(_ sections: Sections, publicCount: Int, path: String) throws(FileError) -> PublicPacking? {
        guard sections.version >= packingFormatVersion else {
            if sections[14] != nil { throw .malformedFile(path: path, detail: "a version-\(sections.version) key has a packing section") }
            return nil
        }
        var reader = try section(sections, 14, "public packing", path)
        let version = Int(try reader.readUInt32("packing version"))
        let wordBits = Int(try reader.readUInt32("word bits"))
        guard version == PublicPacking.version, wordBits == PublicPacking.wordBits else {
            throw reader.failure("public packing version \(version) with \(wordBits)-bit words (this build reads version \(PublicPacking.version), \(PublicPacking.wordBits) bits)")
        }
        let valueCount = Int(try reader.readUInt32("value count"))
        let count = Int(try reader.readUInt32("run count"))
        guard count <= reader.remaining / 8, reader.remaining == count * 8 else { throw reader.failure("public packing runs have the wrong length") }
        var runs: [(count: Int, bits: Int)] = []
        for i in 0 ..< count {
            runs.append((Int(try reader.readUInt32("run \(i) count")), Int(try reader.readUInt32("run \(i) bits"))))
        }
        if let problem = PublicPacking.validate(runs: runs, valueCount: valueCount, wordCount: publicCount) { throw reader.failure(problem) }
        return PublicPacking(runs: runs)
    }

    /// Section 11, which a version-2 or -4 file must have and a version-1 or -3 file must not.
    static func readCommitment(_ sections: Sections, path: String) throws(FileError) -> CommitmentKey? {
        guard sections.version == commitmentFormatVersion || sections.version == commitmentFormatVersion + 2 else {
            if sections[11] != nil || sections[12] != nil || sections[13] != nil {
                throw .malformedFile(path: path, detail: "a version-\(sections.version) key has commitment sections")
            }
            return nil
        }
        var reader = try section(sections, 11, "commitment", path)
        let deltaOne = try readG2(&reader, "commitment δ₁", subgroup: true)
        let count = Int(try reader.readUInt32("challenge count"))
        guard (1 ... 255).contains(count), reader.remaining == count * 64 else {
            throw reader.failure("the commitment section has \(count) challenges and the wrong length")
        }
        var challengeG1: [BN254.G1Affine] = []
        for k in 0 ..< count { challengeG1.append(try readG1(&reader, "IC_challenge[\(k)]")) }
        return CommitmentKey(deltaG2: deltaOne, challengeG1: challengeG1)
    }

    private static func g1List(_ points: [BN254.G1Affine]) -> [UInt8] {
        var writer = BinaryWriter()
        writer.reserve(4 + points.count * 64)
        writer.write(UInt32(points.count))
        for point in points { write(point, &writer) }
        return writer.bytes
    }

    /// A G1 point's 64 bytes (`(0, 0)` for infinity), stored at `address`.
    private static func store(_ point: BN254.G1Affine, at address: UnsafeMutableRawPointer) {
        if point.isInfinity { address.initializeMemory(as: UInt8.self, repeating: 0, count: 64); return }
        store(point.x, at: address); store(point.y, at: address + 32)
    }

    /// A G2 point's 128 bytes (`x.c0 x.c1 y.c0 y.c1`, zeros for infinity), stored at `address`.
    private static func store(_ point: BN254.G2Affine, at address: UnsafeMutableRawPointer) {
        if point.isInfinity { address.initializeMemory(as: UInt8.self, repeating: 0, count: 128); return }
        store(point.x.c0, at: address); store(point.x.c1, at: address + 32)
        store(point.y.c0, at: address + 64); store(point.y.c1, at: address + 96)
    }

    /// A coordinate's 32 little-endian canonical bytes, stored at `address`.
    private static func store(_ element: BN254.Fq, at address: UnsafeMutableRawPointer) {
        let l = element.canonicalLimbs4
        address.storeBytes(of: l.0.littleEndian, toByteOffset: 0, as: UInt64.self)
        address.storeBytes(of: l.1.littleEndian, toByteOffset: 8, as: UInt64.self)
        address.storeBytes(of: l.2.littleEndian, toByteOffset: 16, as: UInt64.self)
        address.storeBytes(of: l.3.littleEndian, toByteOffset: 24, as: UInt64.self)
    }

    private static func write(_ point: BN254.G1Affine, _ writer: inout BinaryWriter) {
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { buffer in
            store(point, at: buffer.baseAddress!)
            writer.write(bytes: UnsafeRawBufferPointer(buffer))
        }
    }

    private static func write(_ point: BN254.G2Affine, _ writer: inout BinaryWriter) {
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { buffer in
            store(point, at: buffer.baseAddress!)
            writer.write(bytes: UnsafeRawBufferPointer(buffer))
        }
    }

    /// `name` is built only for a message: a proving key has millions of points.
    static func readG1(_ reader: inout BinaryReader, _ name: @autoclosure () -> String) throws(FileError) -> BN254.G1Affine {
        let x = try reader.readFq("\(name()).x"), y = try reader.readFq("\(name()).y")
        if x.isZero && y.isZero { return .infinity }
        do { return try BN254.G1Affine(validatingX: x, y: y) } catch { throw reader.failure("\(name()): \(error)") }
    }

    static func readG2(_ reader: inout BinaryReader, _ name: @autoclosure () -> String, subgroup: Bool) throws(FileError) -> BN254.G2Affine {
        let x = BN254.Fq2(try reader.readFq("\(name()).x"), try reader.readFq("\(name()).x"))
        let y = BN254.Fq2(try reader.readFq("\(name()).y"), try reader.readFq("\(name()).y"))
        if x.isZero && y.isZero { return .infinity }
        if subgroup {
            do { return try BN254.G2Affine(validatingX: x, y: y) } catch { throw reader.failure("\(name()): \(error)") }
        }
        let point = BN254.G2Affine(x: x, y: y)
        guard point.isOnCurve else { throw reader.failure("\(name()) is not on the twist") }
        return point
    }

    private static func container(_ magic: [UInt8], _ version: UInt32, _ sections: [(UInt32, [UInt8])]) -> [UInt8] {
        SectionedFile(magic: magic, version: version, sections: sections.map { (type: $0.0, payload: $0.1) },
                      integrity: integrity).serialized()
    }

    /// Where a key file's bytes are: all in memory, or in a file read one section at a time.
    enum Source {
        case bytes([UInt8])
        case file(RandomAccessFile)

        var size: Int {
            switch self {
            case let .bytes(bytes): bytes.count
            case let .file(file): file.size
            }
        }

        /// A short piece (a frame header, the recorded hash).
        func read(_ range: Range<Int>) throws(FileError) -> [UInt8] {
            switch self {
            case let .bytes(bytes): Array(bytes[range])
            case let .file(file): try file.read(range)
            }
        }

        /// Adds the bytes in `range` to `hasher`, in 1 MB pieces from a file.
        func hash(_ range: Range<Int>, into hasher: inout SHA256) throws(FileError) {
            switch self {
            case let .bytes(bytes):
                bytes.withUnsafeBytes { hasher.update(bytes: UnsafeRawBufferPointer(rebasing: $0[range])) }
            case let .file(file):
                let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: min(range.count, 1 << 20))
                defer { buffer.deallocate() }
                var position = range.lowerBound
                while position < range.upperBound {
                    let piece = UnsafeMutableBufferPointer(rebasing: buffer[0 ..< min(buffer.count, range.upperBound - position)])
                    let count = try file.read(into: piece, at: position)
                    guard count > 0 else { throw .io(path: file.path, detail: "cannot read: the file shrank while it was read") }
                    hasher.update(bytes: UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: piece[0 ..< count])))
                    position += count
                }
            }
        }
    }

    /// A key file's source and where each section's payload lies in it. In memory, sections are
    /// read in place (a copy of a LeNet-size proving key's sections was 128 MB of a prover's
    /// peak); from a file, each is read when it is decoded.
    struct Sections {
        let source: Source
        let version: UInt32
        let ranges: [UInt32: Range<Int>]
        subscript(type: UInt32) -> Range<Int>? { ranges[type] }
    }

    private static func open(_ source: Source, magic: [UInt8], kind: String, path: String) throws(Groth16Error) -> Sections {
        try Groth16Limits.current.checkKeyFile(size: source.size, path: path)
        do throws(FileError) {
            let (version, entries) = try SectionTable.locate(in: 0 ..< source.size, magic: magic,
                                                       notThisKind: "not a zkml \(kind) file (magic is not \(String(decoding: magic, as: UTF8.self)))",
                                                       path: path, versions: [formatVersion, commitmentFormatVersion, packingFormatVersion, packingFormatVersion + 1], repeats: .rejected) { (frame) throws(FileError) in
                try source.read(frame)
            }
            var sections: [UInt32: Range<Int>] = [:]
            var hasher = SHA256()
            var recorded: [UInt8]?
            for (type, payload) in entries {
                if type == 9 { recorded = try source.read(payload) } else {
                    try source.hash(payload, into: &hasher)
                    sections[type] = payload
                }
            }
            guard let recorded, recorded == hasher.finalize() else { throw FileError.hashMismatch(path: path) }
            return Sections(source: source, version: version, ranges: sections)
        } catch {
            throw .malformedKey(path: path, detail: detail(error, path))
        }
    }

    /// The error text without the leading `path: ` (the Groth16 error adds it back).
    static func detail(_ error: FileError, _ path: String) -> String {
        let text = error.description
        return text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text
    }

    static func section(_ sections: Sections, _ type: UInt32, _ name: String, _ path: String) throws(FileError) -> BinaryReader {
        guard let range = sections[type] else { throw .malformedFile(path: path, detail: "missing \(name) section") }
        switch sections.source {
        case let .bytes(bytes): return BinaryReader(bytes: bytes, path: path, range: range)
        case let .file(file): return BinaryReader(bytes: try file.read(range), path: path)
        }
    }

    /// The `count` points of section `type` (`count` u32, then `size`-byte points), decoded by
    /// `decode(reader, index)`; from a file in pieces of 1,024 points.
    static func readPoints<Point>(_ sections: Sections, _ type: UInt32, _ name: String, _ path: String, count: Int, size: Int,
                                  _ decode: (inout BinaryReader, Int) throws(FileError) -> Point) throws(FileError) -> [Point] {
        guard let range = sections[type] else { throw .malformedFile(path: path, detail: "missing \(name) section") }
        guard range.count == 4 + count * size else {
            throw .malformedFile(path: path, detail: "\(name) has the wrong length for the header's sizes")
        }
        var points: [Point] = []
        points.reserveCapacity(count)
        switch sections.source {
        case let .bytes(bytes):
            var reader = BinaryReader(bytes: bytes, path: path, range: range)
            guard Int(try reader.readUInt32("\(name) count")) == count else { throw reader.failure("\(name) count does not match the header") }
            for i in 0 ..< count { points.append(try decode(&reader, i)) }
        case let .file(file):
            var head = BinaryReader(bytes: try file.read(range.lowerBound ..< range.lowerBound + 4), path: path)
            guard Int(try head.readUInt32("\(name) count")) == count else { throw head.failure("\(name) count does not match the header") }
            var i = 0
            while i < count {
                let piece = min(1 << 10, count - i)
                let start = range.lowerBound + 4 + i * size
                var reader = BinaryReader(bytes: try file.read(start ..< start + piece * size), path: path)
                for j in 0 ..< piece { points.append(try decode(&reader, i + j)) }
                i += piece
            }
        }
        return points
    }

    private static func read(_ url: URL) throws(Groth16Error) -> [UInt8] {
        try Groth16Limits.current.checkKeyFile(url)
        do throws(FileError) { return try FileBytes.read(url.path) } catch {
            throw .io(path: url.path, detail: detail(error, url.path))
        }
    }

    static func writeAtomically(_ bytes: [UInt8], to url: URL) throws(Groth16Error) {
        do throws(FileError) { try AtomicFile.write(bytes, to: url) } catch {
            throw .io(path: url.path, detail: detail(error, url.path))
        }
    }
}

/// One piece of a file ``KeyFile`` writes: bytes at hand, or a closure that encodes them.
private struct FilePiece: Sendable {
    /// Whether the piece is part of a section's payload (covered by the hash section).
    let hashed: Bool
    private let encode: @Sendable () -> [UInt8]
    /// Whether the bytes are made by an encoding (worth running on another thread).
    let isEncoded: Bool

    init(_ bytes: [UInt8], hashed: Bool) { (self.hashed, encode, isEncoded) = (hashed, { bytes }, false) }
    init(hashed: Bool, _ encode: @escaping @Sendable () -> [UInt8]) { (self.hashed, self.encode, isEncoded) = (hashed, encode, true) }

    func bytes() -> [UInt8] { encode() }
}
