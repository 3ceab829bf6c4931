#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKField
internal import ZKBigInt
internal import ZKIO

/// zkml's circuit file (`.zkr1cs`): sectioned, versioned, content-hashed.
///
/// ```
/// magic "ZKR1" | version u32 | section count u32 | sections…
/// section = type u32 | payload length u64 | payload
///   1 header:      modulus (32 B LE) | publicCount u32 | privateCount u32 | constraintCount u32
///                  [version 2 only: challengeCount u32 | committedCount u32]
///   2 constraints: per constraint, per A/B/C: term count u32, then (wire u32, compact coefficient)
///   3 labels:      label count u32, labels (u32 length + UTF-8), then per constraint a u32 index
///                  (0xFFFFFFFF = none)
///   4 hash:        SHA-256 of the payloads of sections 1 and 2
/// ```
/// The hash identifies the circuit (keys record it); labels are diagnostics and not part of it.
/// Version 2 is written only for a circuit with a commitment round (``R1CS/challengeCount`` > 0),
/// so a plain circuit's file and hash are those of version 1.
/// The iden3 `.r1cs` container is the model; coefficients are compact because quantised weights
/// are small integers.
extension R1CS {
    static let magic: [UInt8] = Array("ZKR1".utf8)
    /// BN254's scalar-field modulus, 32 bytes little-endian, as recorded in file headers.
    public static let modulusBytes: [UInt8] = {
        let limbs = BN254.Fr.modulus.limbs(count: 4)
        return limbs.flatMap { limb in (0 ..< 8).map { UInt8(truncatingIfNeeded: limb >> UInt64(8 * $0)) } }
    }()
    /// The format version this build writes for a plain circuit; a circuit with a commitment
    /// round is written as ``commitmentFormatVersion``. Both are read.
    public static let formatVersion: UInt32 = 1
    /// The format version of a circuit with a commitment round (two more header words).
    public static let commitmentFormatVersion: UInt32 = 2

    private enum Section: UInt32 { case header = 1, constraints = 2, labels = 3, hash = 4 }

    private func headerPayload() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(bytes: R1CS.modulusBytes)
        writer.write(UInt32(publicCount))
        writer.write(UInt32(privateCount))
        writer.write(UInt32(constraintCount))
        if hasCommitmentRound {
            writer.write(UInt32(challengeCount))
            writer.write(UInt32(committedCount))
        }
        return writer.bytes
    }

    private func constraintPayload() -> [UInt8] {
        var writer = BinaryWriter()
        writer.reserve(constraintCount * 3 * 4 + (a.entryCount + b.entryCount + c.entryCount) * 13)
        for i in 0 ..< constraintCount {
            for matrix in [a, b, c] {
                let range = matrix.rowOffsets[i] ..< matrix.rowOffsets[i + 1]
                writer.write(UInt32(range.count))
                for k in range {
                    writer.write(matrix.columns[k])
                    writer.writeCompact(matrix.coefficients[k])
                }
            }
        }
        return writer.bytes
    }

    /// SHA-256 over the header and constraints: the circuit's identity. Keys record it.
    public var contentHash: [UInt8] {
        var hasher = SHA256()
        headerPayload().withUnsafeBytes { hasher.update(bytes: $0) }
        constraintPayload().withUnsafeBytes { hasher.update(bytes: $0) }
        return hasher.finalize()
    }

    /// The serialised circuit.
    public func serialized() -> [UInt8] {
        var labelWriter = BinaryWriter()
        labelWriter.write(UInt32(labels.count))
        for label in labels { labelWriter.write(label) }
        for index in labelIndices { labelWriter.write(index) }

        let sections = [(Section.header.rawValue, headerPayload()), (Section.constraints.rawValue, constraintPayload()),
                        (Section.labels.rawValue, labelWriter.bytes)]
        let version = hasCommitmentRound ? Self.commitmentFormatVersion : Self.formatVersion
        return SectionedFile(magic: Self.magic, version: version, sections: sections, integrity: Self.integrity).serialized()
    }

    /// The hash section covers the header and the constraints, not the labels (diagnostics).
    static let integrity = SectionIntegrity.hashSection(type: Section.hash.rawValue,
                                                        covering: [Section.header.rawValue, Section.constraints.rawValue])

    /// Parses a serialised circuit and checks its content hash.
    /// - Parameter path: used in error messages only.
    /// - Parameter limits: the most wires and constraints accepted (checked before allocating).
    public init(serialized bytes: [UInt8], path: String = "<memory>", limits: ConstraintLimits = .current) throws(ConstraintError) {
        self = try Self.deserialize(bytes, path: path, limits: limits).system
    }

    /// Parses a serialised circuit, checks its content hash and returns both: the hash is
    /// ``contentHash`` (checked against the file, so not recomputed — for a large circuit that
    /// is a second SHA-256 pass over megabytes).
    public static func deserialize(_ bytes: [UInt8], path: String = "<memory>", limits: ConstraintLimits = .current)
        throws(ConstraintError) -> (system: R1CS, contentHash: [UInt8]) {
        try deserialize(bytes, range: bytes.indices, path: path, limits: limits)
    }

    /// ``deserialize(_:path:limits:)`` of the circuit stored at `bytes[range]` (a section of a
    /// larger file such as `model.zkml`), read in place: no copy of the circuit's bytes.
    /// - Precondition: `range` lies within `bytes`.
    public static func deserialize(_ bytes: [UInt8], range: Range<Int>, path: String = "<memory>", limits: ConstraintLimits = .current)
        throws(ConstraintError) -> (system: R1CS, contentHash: [UInt8]) {
        let (table, recordedHash, modulus) = try ConstraintError.converting { () throws(FileError) in
            try locateSections(bytes, range: range, path: path)
        }
        guard modulus == R1CS.modulusBytes else {
            throw .wrongField(path: path, modulus: BigInt(littleEndian: modulus).description)
        }
        let system = try ConstraintError.converting { () throws(FileError) in
            try decode(table, path: path, limits: limits)
        }
        return (system, recordedHash)
    }

    /// The section table of a `.zkr1cs` file at `bytes[range]`, after checking magic, version
    /// and content hash; with the recorded hash and the header's modulus.
    private static func locateSections(_ bytes: [UInt8], range: Range<Int>, path: String)
        throws(FileError) -> (table: SectionTable, hash: [UInt8], modulus: [UInt8]) {
        // Sections are located, not copied: readers work on `bytes` within each payload's range.
        let table = try SectionTable(bytes: bytes, range: range, magic: Self.magic, notThisKind: "not a zkml circuit file (magic is not ZKR1)",
                                     path: path, versions: [Self.formatVersion, Self.commitmentFormatVersion], repeats: .rejected)
        var headerReader = try table.reader(Section.header.rawValue, "header")
        _ = try table.range(Section.constraints.rawValue, "constraints")
        guard case let .hashSection(type, covering) = integrity else { preconditionFailure("a .zkr1cs file has a hash section") }
        let recordedHash = try table.checkHashSection(type, "hash", covering: covering)
        let modulus = Array(try headerReader.readBytes(32, "header modulus"))
        return (table, recordedHash, modulus)
    }

    /// The circuit in a `.zkr1cs` file whose hash and field were checked (``locateSections``).
    private static func decode(_ table: SectionTable, path: String, limits: ConstraintLimits) throws(FileError) -> R1CS {
        let bytes = table.bytes
        let header = try table.range(Section.header.rawValue, "header")
        let constraintBytes = try table.range(Section.constraints.rawValue, "constraints")
        var headerReader = BinaryReader(bytes: bytes, path: path, range: header.lowerBound + 32 ..< header.upperBound)
        let publicCount = Int(try headerReader.readUInt32("header public count"))
        let privateCount = Int(try headerReader.readUInt32("header private count"))
        let constraintCount = Int(try headerReader.readUInt32("header constraint count"))
        var (challengeCount, committedCount) = (0, 0)
        if table.version == Self.commitmentFormatVersion {
            challengeCount = Int(try headerReader.readUInt32("header challenge count"))
            committedCount = Int(try headerReader.readUInt32("header committed count"))
            guard challengeCount > 0, committedCount > 0, committedCount <= privateCount else {
                throw .malformedFile(path: path, detail: "header: \(challengeCount) challenges and \(committedCount) committed wires of \(privateCount) private ones")
            }
        }
        guard headerReader.isAtEnd else { throw .malformedFile(path: path, detail: "trailing bytes in header section") }
        let variableCount = 1 + publicCount + challengeCount + privateCount
        try limits.check(variableCount, "header wire count", limit: min(limits.maxWires, Int(UInt32.max)), flag: "--max-wires", minimumBytes: 0, in: headerReader)
        // Every constraint is at least three term counts (12 bytes).
        try limits.check(constraintCount, "header constraint count", limit: limits.maxConstraints, flag: "--max-constraints",
                         minimumBytes: 12, in: BinaryReader(bytes: bytes, path: path, range: constraintBytes))

        var body = BinaryReader(bytes: bytes, path: path, range: constraintBytes)
        // Each matrix's arrays at their exact size: grown by doubling they held up to twice the
        // entries, and copied each time they grew (LeNet-5: 139 MB of capacity for 80 MB of circuit).
        let counts = Self.entryCounts(body, constraintCount: constraintCount)
        var matrices = (0 ..< 3).map { SparseMatrixBuilder(rows: constraintCount, entries: counts?[$0] ?? 0) }
        for i in 0 ..< constraintCount {
            for m in 0 ..< 3 {
                func name() -> String { "constraint \(i) \(["A", "B", "C"][m])" }
                let count = Int(try body.readUInt32("\(name()) term count"))
                var previous = -1
                for _ in 0 ..< count {
                    let wire = try body.readUInt32("\(name()) wire")
                    guard Int(wire) < variableCount, Int(wire) > previous else {
                        throw .malformedFile(path: path, detail: "\(name()): wire \(wire) out of range or out of order")
                    }
                    previous = Int(wire)
                    let coefficient = try body.readCompactFr("\(name()) coefficient")
                    guard !coefficient.isZero else { throw .malformedFile(path: path, detail: "\(name()): zero coefficient") }
                    matrices[m].append(wire, coefficient)
                }
                matrices[m].endRow()
            }
        }
        guard body.isAtEnd else { throw .malformedFile(path: path, detail: "trailing bytes in constraints section") }

        var labels: [String] = []
        var labelIndices = [UInt32](repeating: R1CS.noLabel, count: constraintCount)
        if let labelBytes = table[Section.labels.rawValue] {
            var labelReader = BinaryReader(bytes: bytes, path: path, range: labelBytes)
            let labelCount = try labelReader.readUInt32("label count")
            for j in 0 ..< labelCount { labels.append(try labelReader.readString("label \(j)")) }
            for i in 0 ..< constraintCount {
                let index = try labelReader.readUInt32("label index of constraint \(i)")
                guard index == R1CS.noLabel || index < labelCount else {
                    throw .malformedFile(path: path, detail: "constraint \(i) has label index \(index) of \(labelCount)")
                }
                labelIndices[i] = index
            }
        }
        return R1CS(publicCount: publicCount, privateCount: privateCount, challengeCount: challengeCount, committedCount: committedCount,
                    a: matrices[0].matrix, b: matrices[1].matrix, c: matrices[2].matrix,
                    labels: labels, labelIndices: labelIndices)
    }

    /// Writes the circuit atomically (temporary file, then rename).
    public func write(to url: URL) throws(ConstraintError) {
        try ConstraintError.converting { () throws(FileError) in try AtomicFile.write(serialized(), to: url) }
    }

    /// Reads a circuit file.
    public init(contentsOf url: URL) throws(ConstraintError) {
        try self.init(serialized: try readFile(url), path: url.path)
    }
}

extension R1CS {
    /// The number of entries of A, B and C in a `.zkr1cs` constraints section, by one pass over
    /// its term counts and coefficient tags; `nil` when the section is malformed (the decoder
    /// then reports where).
    static func entryCounts(_ section: BinaryReader, constraintCount: Int) -> [Int]? {
        var reader = section
        var counts = [0, 0, 0]
        do throws(FileError) {
            for _ in 0 ..< constraintCount {
                for m in 0 ..< 3 {
                    let terms = Int(try reader.readUInt32("term count"))
                    for _ in 0 ..< terms {
                        _ = try reader.readBytes(4, "wire")
                        let tag = try reader.readUInt8("tag")
                        _ = try reader.readBytes(tag == 2 ? 32 : 8, "coefficient")
                    }
                    counts[m] += terms
                }
            }
        } catch {
            return nil
        }
        return counts
    }
}

/// Accumulates CSR rows for the readers.
struct SparseMatrixBuilder {
    var rowOffsets: [Int] = [0]
    var columns: [UInt32] = []
    var coefficients: [BN254.Fr] = []

    init() {}

    /// With room for `rows` rows and `entries` entries.
    init(rows: Int, entries: Int) {
        rowOffsets.reserveCapacity(rows + 1)
        columns.reserveCapacity(entries)
        coefficients.reserveCapacity(entries)
    }

    mutating func append(_ column: UInt32, _ coefficient: BN254.Fr) {
        columns.append(column)
        coefficients.append(coefficient)
    }

    mutating func endRow() { rowOffsets.append(columns.count) }

    var matrix: SparseMatrix {
        SparseMatrix(rowOffsets: rowOffsets, columns: columns, coefficients: coefficients)
    }
}

extension R1CS {
    /// Whether `other` has the same wires and constraints — what ``contentHash`` identifies
    /// (labels aside) — compared directly, without serialising and hashing either circuit.
    public func hasSameConstraints(as other: R1CS) -> Bool {
        publicCount == other.publicCount && privateCount == other.privateCount && challengeCount == other.challengeCount
            && committedCount == other.committedCount && a == other.a && b == other.b && c == other.c
    }
}
