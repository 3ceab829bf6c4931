#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
internal import ZKField
internal import ZKIO

/// Reading circom's `.r1cs` files (iden3 binary format, version 1).
///
/// Wire numbering is the same as ours: 0 is the constant one, then the public outputs, then the
/// public inputs (together our public inputs, in that order), then private inputs and internal
/// signals. Coefficients are stored as 32 little-endian bytes in standard (not Montgomery) form.
/// Sections 1 (header) and 2 (constraints) are required; the wire-to-label map (3) and custom
/// gate sections are ignored.
extension R1CS {
    /// Parses a circom `.r1cs` file.
    /// - Parameters:
    ///   - path: used in error messages only.
    ///   - limits: the most wires and constraints accepted (checked before allocating).
    public init(circomR1CS bytes: [UInt8], path: String = "<memory>", limits: ConstraintLimits = .current) throws(ConstraintError) {
        let (container, header) = try IDEN3Container.open(bytes, magic: "r1cs", versions: [1], path: path)
        self = try ConstraintError.converting { () throws(FileError) in
            try Self.decodeCircom(container, header: header, path: path, limits: limits)
        }
    }

    /// The circuit in a circom `.r1cs` container whose field was checked; `header` is positioned
    /// after the prime.
    private static func decodeCircom(_ container: SectionTable, header: BinaryReader, path: String,
                                     limits: ConstraintLimits) throws(FileError) -> R1CS {
        var header = header
        let wireCount = Int(try header.readUInt32("nWires"))
        let publicOutputs = Int(try header.readUInt32("nPubOut"))
        let publicInputs = Int(try header.readUInt32("nPubIn"))
        _ = try header.readUInt32("nPrvIn")
        _ = try header.readUInt64("nLabels")
        let constraintCount = Int(try header.readUInt32("nConstraints"))
        let publicCount = publicOutputs + publicInputs
        try limits.check(wireCount, "header nWires", limit: limits.maxWires, flag: "--max-wires", minimumBytes: 0, in: header)
        guard wireCount >= 1 + publicCount else {
            throw .malformedFile(path: path, detail: "header: \(wireCount) wires cannot hold \(publicCount) public signals")
        }

        var body = try container.reader(2, "constraints")
        // A constraint is at least three term counts (12 bytes), a term a wire and a coefficient (36).
        try limits.check(constraintCount, "header nConstraints", limit: limits.maxConstraints, flag: "--max-constraints", minimumBytes: 12, in: body)
        var matrices = [SparseMatrixBuilder(), SparseMatrixBuilder(), SparseMatrixBuilder()]
        for i in 0 ..< constraintCount {
            for m in 0 ..< 3 {
                let name = "constraint \(i) \(["A", "B", "C"][m])"
                let count = Int(try body.readUInt32("\(name) term count"))
                try limits.check(count, "\(name) term count", limit: wireCount, flag: "--max-wires", minimumBytes: 36, in: body)
                var terms: [LinearCombination.Term] = []
                terms.reserveCapacity(count)
                for _ in 0 ..< count {
                    let wire = try body.readUInt32("\(name) wire")
                    guard Int(wire) < wireCount else {
                        throw .malformedFile(path: path, detail: "\(name): wire \(wire) ≥ nWires \(wireCount)")
                    }
                    terms.append(.init(Variable(index: wire), try body.readFr("\(name) coefficient")))
                }
                // circom sorts terms, but normalise anyway: merged, sorted, no zeros.
                for term in LinearCombination(terms).terms { matrices[m].append(term.variable.index, term.coefficient) }
                matrices[m].endRow()
            }
        }
        guard body.isAtEnd else { throw .malformedFile(path: path, detail: "trailing bytes in constraints section") }
        return R1CS(publicCount: publicCount, privateCount: wireCount - 1 - publicCount,
                  a: matrices[0].matrix, b: matrices[1].matrix, c: matrices[2].matrix,
                  labels: [], labelIndices: [UInt32](repeating: R1CS.noLabel, count: constraintCount))
    }

    /// Reads a circom `.r1cs` file.
    public init(circomR1CSContentsOf url: URL) throws(ConstraintError) {
        try self.init(circomR1CS: try readFile(url), path: url.path)
    }
}

/// The bytes of a file, with a typed error naming it; a file above `ConstraintLimits.current`'s
/// `maxFileBytes` is refused before it is read.
func readFile(_ url: URL) throws(ConstraintError) -> [UInt8] {
    try ConstraintError.converting { () throws(FileError) in
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int {
            try ConstraintLimits.current.checkFile(size: size, path: url.path)
        }
        return try FileBytes.read(url.path)
    }
}
