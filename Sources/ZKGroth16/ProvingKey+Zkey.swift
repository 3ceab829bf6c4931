#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import ZKConstraints
internal import ZKCurves
internal import ZKField
internal import ZKBigInt
internal import ZKIO

extension SnarkZkey {
    /// The whole Groth16 proving key of a snarkjs `.zkey` (``SnarkjsReduction``'s: `hQuery`
    /// has `domainSize` points), for proving a circom circuit with a key that snarkjs or a
    /// ceremony made.
    ///
    /// Sections (iden3 container, points in Montgomery form, docs/formats.md): 2 the header
    /// (`nVars`, `nPublic`, `domainSize`, α₁, β₁, β₂, γ₂, δ₁, δ₂), 3 IC (`nPublic + 1`),
    /// 5 A and 6 B₁ (`nVars` G1 each), 7 B₂ (`nVars` G2), 8 C (the private wires' L points,
    /// `nVars − nPublic − 1`), 9 H (`domainSize`). Section 4 (the A and B coefficients) is
    /// checked against a circuit by ``checkCoefficients(_:system:path:)``.
    /// - Throws: ``Groth16Error/malformedKey(path:detail:)`` naming the section and point.
    public static func provingKey(from data: Data, path: String = "circuit.zkey") throws(Groth16Error) -> ProvingKey {
        let reader = ZkeyReader(bytes: [UInt8](data), path: path)
        let verifyingKey = try verifyingKey(from: data, path: path)
        let sections = try reader.sections()
        let header = try Self.header(reader, sections)
        let (variableCount, publicCount, domainSize) = (header.variableCount, header.publicCount, header.domainSize)
        guard publicCount < variableCount else { throw reader.fail("section 2: nPublic \(publicCount) ≥ nVars \(variableCount)") }
        guard domainSize >= 2, domainSize & (domainSize - 1) == 0, domainSize <= 1 << 28 else {
            throw reader.fail("section 2: domainSize \(domainSize) is not a power of two in 2 … 2^28")
        }
        func g1Section(_ type: UInt32, _ name: String, count: Int) throws(Groth16Error) -> [BN254.G1Affine] {
            guard let range = sections[type] else { throw reader.fail("missing section \(type) (\(name))") }
            guard range.count == 64 * count else {
                throw reader.fail("section \(type) (\(name)) is \(range.count) bytes; the header's sizes need \(64 * count)")
            }
            var section = reader.sub(range)
            var points = [BN254.G1Affine]()
            points.reserveCapacity(count)
            for i in 0 ..< count { points.append(try section.g1("section \(type) \(name)[\(i)]")) }
            return points
        }
        let a = try g1Section(5, "A", count: variableCount)
        let b1 = try g1Section(6, "B1", count: variableCount)
        guard let b2Range = sections[7] else { throw reader.fail("missing section 7 (B2)") }
        guard b2Range.count == 128 * variableCount else {
            throw reader.fail("section 7 (B2) is \(b2Range.count) bytes; the header's sizes need \(128 * variableCount)")
        }
        var b2Reader = reader.sub(b2Range)
        var b2 = [BN254.G2Affine]()
        b2.reserveCapacity(variableCount)
        for i in 0 ..< variableCount { b2.append(try b2Reader.g2("section 7 B2[\(i)]", subgroup: false)) }
        let l = try g1Section(8, "C", count: variableCount - publicCount - 1)
        let h = try g1Section(9, "H", count: domainSize)
        return ProvingKey(verifyingKey: verifyingKey, betaG1: header.betaG1, deltaG1: header.deltaG1,
                          aQuery: a, bG1Query: b1, bG2Query: b2, hQuery: h, lQuery: l,
                          domainLogSize: domainSize.trailingZeroBitCount)
    }

    /// Throws unless the `.zkey`'s coefficient section (4) is `system`'s A and B matrices plus
    /// the input-consistency rows `A[m + i][i] = 1` (`i = 0 … nPublic`), entry for entry: a key
    /// for another circuit would give proofs that fail verification.
    /// - Throws: ``Groth16Error/keyMismatch(path:detail:)`` naming the first entry
    ///   that differs; ``Groth16Error/malformedKey(path:detail:)`` for a malformed section.
    public static func checkCoefficients(_ data: Data, system: R1CS, path: String = "circuit.zkey") throws(Groth16Error) {
        let reader = ZkeyReader(bytes: [UInt8](data), path: path)
        let sections = try reader.sections()
        let header = try Self.header(reader, sections)
        guard header.variableCount == system.variableCount, header.publicCount == system.publicCount, !system.hasCommitmentRound else {
            throw .keyMismatch(path: path, detail: "the key is for \(header.variableCount) wires with \(header.publicCount) public; "
                               + "the circuit has \(system.variableCount) with \(system.publicCount)"
                               + (system.hasCommitmentRound ? " and a commitment round" : ""))
        }
        guard let range = sections[4] else { throw reader.fail("missing section 4 (coefficients)") }
        var section = reader.sub(range)
        let count = Int(try section.u32("section 4 count"))
        guard range.count == 4 + 44 * count else {
            throw reader.fail("section 4 is \(range.count) bytes for \(count) coefficients (44 bytes each)")
        }
        // Stored: c · R² mod r with R = 2^256; `Fr(montgomeryLimbs: 1)` is R⁻¹.
        let rInverse = BN254.Fr(montgomeryLimbs: (1, 0, 0, 0)), rInverseSquared = rInverse * rInverse
        struct Entry: Hashable { let matrix: UInt32, row: UInt32, column: UInt32 }
        var zkey: [Entry: BN254.Fr] = [:]
        zkey.reserveCapacity(count)
        for k in 0 ..< count {
            let matrix = try section.u32("coefficient \(k) matrix"), row = try section.u32("coefficient \(k) constraint")
            let column = try section.u32("coefficient \(k) signal")
            let bytes = try section.bytes(32, "coefficient \(k) value")
            var limbs: [UInt64] = [0, 0, 0, 0]
            for (i, byte) in bytes.enumerated() { limbs[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8)) }
            guard matrix <= 1, Int(row) < header.domainSize, Int(column) < header.variableCount,
                  let stored = BN254.Fr(canonicalLimbs: (limbs[0], limbs[1], limbs[2], limbs[3])) else {
                throw reader.fail("section 4 coefficient \(k): matrix \(matrix), constraint \(row), signal \(column) out of range")
            }
            let entry = Entry(matrix: matrix, row: row, column: column)
            let value = (zkey[entry] ?? .zero) + stored * rInverseSquared
            zkey[entry] = value
        }
        var circuit: [Entry: BN254.Fr] = [:]
        for (index, matrix) in [system.a, system.b].enumerated() {
            for row in 0 ..< matrix.rowCount {
                for k in matrix.rowOffsets[row] ..< matrix.rowOffsets[row + 1] {
                    let entry = Entry(matrix: UInt32(index), row: UInt32(row), column: matrix.columns[k])
                    circuit[entry] = (circuit[entry] ?? .zero) + matrix.coefficients[k]
                }
            }
        }
        for i in 0 ... system.publicCount {
            let entry = Entry(matrix: 0, row: UInt32(system.constraintCount + i), column: UInt32(i))
            circuit[entry] = (circuit[entry] ?? .zero) + .one
        }
        let nonZero = { (table: [Entry: BN254.Fr]) in table.filter { !$0.value.isZero } }
        let (fromKey, fromCircuit) = (nonZero(zkey), nonZero(circuit))
        guard fromKey != fromCircuit else { return }
        let sorted = Set(fromKey.keys).union(fromCircuit.keys).sorted { ($0.matrix, $0.row, $0.column) < ($1.matrix, $1.row, $1.column) }
        let first = sorted.first { fromKey[$0] != fromCircuit[$0] }!
        let name = "\(first.matrix == 0 ? "A" : "B")[\(first.row)][\(first.column)]"
        throw .keyMismatch(path: path, detail: "not a key for this circuit: \(name) is \(fromKey[first].map { "\($0)" } ?? "0") in section 4, "
                           + "\(fromCircuit[first].map { "\($0)" } ?? "0") in the circuit")
    }

    /// Section 2's sizes and the G1 points the verifying key does not hold.
    private static func header(_ reader: ZkeyReader, _ sections: [UInt32: Range<Int>]) throws(Groth16Error)
        -> (variableCount: Int, publicCount: Int, domainSize: Int, betaG1: BN254.G1Affine, deltaG1: BN254.G1Affine) {
        guard let range = sections[2] else { throw reader.fail("missing section 2 (Groth16 header)") }
        var g = reader.sub(range)
        _ = try g.bytes(4 + 32 + 4 + 32, "section 2 primes")
        let variableCount = Int(try g.u32("nVars")), publicCount = Int(try g.u32("nPublic"))
        let domainSize = Int(try g.u32("domainSize"))
        _ = try g.g1("alpha_1")
        let beta = try g.g1("beta_1")
        _ = try g.g2("beta_2")
        _ = try g.g2("gamma_2")
        let delta = try g.g1("delta_1")
        return (variableCount, publicCount, domainSize, beta, delta)
    }
}
