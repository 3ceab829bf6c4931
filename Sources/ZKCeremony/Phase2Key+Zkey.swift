internal import ZKBigInt
public import ZKCurves
public import ZKField
internal import ZKIO

extension Phase2Key {
    /// Reads a Groth16 `.zkey` (snarkjs's, or one zkml wrote), checking every point (below q, on
    /// its curve; the header's and the contributions' G2 points in the subgroup) and every size.
    /// - Throws: ``CeremonyError/malformed(path:detail:)`` naming the section and entry.
    public init(zkey bytes: [UInt8], path: String = "circuit.zkey") throws(CeremonyError) {
        let table: SectionTable
        do throws(FileError) {
            table = try SectionTable(bytes: bytes, magic: Array("zkey".utf8), notThisKind: "not a zkey file (magic is not \"zkey\")",
                                     path: path, versions: nil, repeats: .rejected)
        } catch { throw CeremonyError.from(error, path: path) }
        var sections: [UInt32: Range<Int>] = [:]
        for (type, range) in table.entries { sections[type] = range }
        func section(_ type: UInt32, _ name: String) throws(CeremonyError) -> LEMReader {
            guard let range = sections[type] else { throw .malformed(path: path, detail: "missing section \(type) (\(name))") }
            return LEMReader(bytes, range, path: path, section: "section \(type) (\(name))")
        }
        var protocolReader = try section(1, "protocol")
        let protocolID = try protocolReader.u32("protocol")
        guard protocolID == 1 else { throw protocolReader.fail("protocol \(protocolID) is not Groth16 (1)") }

        var header = try section(2, "Groth16 header")
        guard try header.u32("n8q") == 32, BigInt(littleEndian: Array(try header.raw(32, "q"))) == BN254.Fq.modulus,
              try header.u32("n8r") == 32, BigInt(littleEndian: Array(try header.raw(32, "r"))) == BN254.Fr.modulus else {
            throw header.fail("the curve is not BN254")
        }
        variableCount = Int(try header.u32("nVars"))
        publicCount = Int(try header.u32("nPublic"))
        domainSize = Int(try header.u32("domainSize"))
        guard publicCount < variableCount else { throw header.fail("nPublic \(publicCount) ≥ nVars \(variableCount)") }
        guard domainSize >= 2, domainSize & (domainSize - 1) == 0, domainSize <= 1 << PowersOfTau.maximumPower else {
            throw header.fail("domainSize \(domainSize) is not a power of two in 2 … 2^\(PowersOfTau.maximumPower)")
        }
        alphaG1 = try header.g1("alpha_1")
        betaG1 = try header.g1("beta_1")
        betaG2 = try header.g2("beta_2", subgroup: true)
        gammaG2 = try header.g2("gamma_2", subgroup: true)
        deltaG1 = try header.g1("delta_1")
        deltaG2 = try header.g2("delta_2", subgroup: true)
        guard header.remaining == 0 else { throw header.fail("\(header.remaining) bytes after delta_2") }

        // zkml's commitment sections first: they decide the length of section 8.
        var commitmentHeader: (publicCount: Int, committed: Int, g1: BN254.G1Affine, g2: BN254.G2Affine)?
        if sections[20] != nil {
            var r = try section(20, "zkml commitment")
            let statementPublic = Int(try r.u32("public count")), committed = Int(try r.u32("committed count"))
            let g1 = try r.g1("delta1_1"), g2 = try r.g2("delta1_2", subgroup: true)
            guard statementPublic < publicCount, publicCount + committed < variableCount, r.remaining == 0 else {
                throw r.fail("public count \(statementPublic) and committed count \(committed) do not fit nPublic \(publicCount), nVars \(variableCount)")
            }
            commitmentHeader = (statementPublic, committed, g1, g2)
        }
        let committed = commitmentHeader?.committed ?? 0

        func points(_ type: UInt32, _ name: String, count: Int) throws(CeremonyError) -> [BN254.G1Affine] {
            var r = try section(type, name)
            guard r.remaining == 64 * count else { throw r.fail("\(r.remaining) bytes; the header's sizes need \(64 * count)") }
            return try r.g1Points(count, name: name)
        }
        ic = try points(3, "IC", count: publicCount + 1)
        a = try points(5, "A", count: variableCount)
        b1 = try points(6, "B1", count: variableCount)
        var b2Reader = try section(7, "B2")
        guard b2Reader.remaining == 128 * variableCount else {
            throw b2Reader.fail("\(b2Reader.remaining) bytes; the header's sizes need \(128 * variableCount)")
        }
        b2 = try b2Reader.g2Points(variableCount, name: "B2", subgroup: false)
        l = try points(8, "C", count: variableCount - publicCount - 1 - committed)
        h = try points(9, "H", count: domainSize)

        var coefficientReader = try section(4, "coefficients")
        let count = Int(try coefficientReader.u32("count"))
        guard coefficientReader.remaining == 44 * count else {
            throw coefficientReader.fail("\(coefficientReader.remaining) bytes for \(count) coefficients of 44")
        }
        let rInverse = BN254.Fr(montgomeryLimbs: (1, 0, 0, 0)), rInverseSquared = rInverse * rInverse
        coefficients = []
        coefficients.reserveCapacity(count)
        for k in 0 ..< count {
            let matrix = try coefficientReader.u32("coefficient \(k) matrix"), row = try coefficientReader.u32("coefficient \(k) row")
            let wire = try coefficientReader.u32("coefficient \(k) wire")
            let raw = Array(try coefficientReader.raw(32, "coefficient \(k) value"))
            guard matrix <= 1, Int(row) < domainSize, Int(wire) < variableCount,
                  let stored = try? BN254.Fr(littleEndianBytes: raw) else {
                throw coefficientReader.fail("coefficient \(k): matrix \(matrix), row \(row), wire \(wire) or its value is out of range")
            }
            coefficients.append(Coefficient(matrix: matrix, row: row, wire: wire, value: stored * rInverseSquared))
        }

        var mpc = try section(10, "contributions")
        circuitHash = Array(try mpc.raw(64, "circuit hash"))
        contributions = try Self.readContributions(&mpc, count: Int(try mpc.u32("count")))
        guard mpc.remaining == 0 else { throw mpc.fail("\(mpc.remaining) bytes after the last contribution") }

        if let commitmentHeader {
            let query = try points(21, "zkml commitment query", count: commitmentHeader.committed)
            var r = try section(22, "zkml commitment contributions")
            let list = try Self.readContributions(&r, count: Int(try r.u32("count")))
            guard r.remaining == 0 else { throw r.fail("\(r.remaining) bytes after the last contribution") }
            guard list.count == contributions.count else {
                throw r.fail("\(list.count) contributions to δ₁ for \(contributions.count) to δ")
            }
            commitment = Commitment(publicCount: commitmentHeader.publicCount, deltaG1: commitmentHeader.g1, deltaG2: commitmentHeader.g2,
                                    query: query, contributions: list)
        } else {
            commitment = nil
        }
    }

    private static func readContributions(_ r: inout LEMReader, count: Int) throws(CeremonyError) -> [Phase2Contribution] {
        guard count <= r.remaining / 392 else { throw r.fail("\(count) contributions cannot fit in \(r.remaining) bytes") }
        var list: [Phase2Contribution] = []
        for i in 0 ..< count {
            let c = "contribution \(i + 1)"
            var contribution = Phase2Contribution(
                deltaAfter: try r.g1("\(c) deltaAfter"), g1s: try r.g1("\(c) g1_s"), g1sx: try r.g1("\(c) g1_sx"),
                g2spx: try r.g2("\(c) g2_spx", subgroup: true), transcript: Array(try r.raw(64, "\(c) transcript")),
                type: try r.u32("\(c) type"))
            guard contribution.type <= 1 else { throw r.fail("\(c): type \(contribution.type) (0 contribution, 1 beacon)") }
            let parameters = try ContributionParameters(&r, type: contribution.type, label: c)
            (contribution.name, contribution.numIterationsExp, contribution.beaconHash) =
                (parameters.name, parameters.numIterationsExp, parameters.beaconHash)
            list.append(contribution)
        }
        return list
    }

    /// The `.zkey` bytes: snarkjs's sections in the order `zkey new` writes them (1, 2, 4, 3, 9,
    /// 8, 5, 6, 7, 10), then zkml's 20–22 for a commitment round.
    public func zkeyBytes() -> [UInt8] {
        var sections: [(UInt32, [UInt8])] = []
        sections.append((1, le32(1)))
        var header = le32(32) + (try! BN254.Fq.modulus.littleEndianBytes(count: 32))
        header += le32(32) + (try! BN254.Fr.modulus.littleEndianBytes(count: 32))
        header += le32(variableCount) + le32(publicCount) + le32(domainSize)
        PointEncoding.lem(alphaG1, into: &header)
        PointEncoding.lem(betaG1, into: &header)
        PointEncoding.lem(betaG2, into: &header)
        PointEncoding.lem(gammaG2, into: &header)
        PointEncoding.lem(deltaG1, into: &header)
        PointEncoding.lem(deltaG2, into: &header)
        sections.append((2, header))
        var coefficientBytes = le32(coefficients.count)
        coefficientBytes.reserveCapacity(4 + 44 * coefficients.count)
        // Stored as c·R² mod r: the Montgomery limbs of c·R.
        let r = BN254.Fr(montgomeryLimbs: (1, 0, 0, 0)).inverse()
        for c in coefficients {
            coefficientBytes += le32(Int(c.matrix)) + le32(Int(c.row)) + le32(Int(c.wire))
            let m = (c.value * r).montgomeryLimbs
            for limb in [m.0, m.1, m.2, m.3] { for k in 0 ..< 8 { coefficientBytes.append(UInt8(truncatingIfNeeded: limb >> (8 * k))) } }
        }
        sections.append((4, coefficientBytes))
        sections.append((3, lemBytes(ic)))
        sections.append((9, lemBytes(h)))
        sections.append((8, lemBytes(l)))
        sections.append((5, lemBytes(a)))
        sections.append((6, lemBytes(b1)))
        var b2Bytes: [UInt8] = []
        b2Bytes.reserveCapacity(128 * b2.count)
        for q in b2 { PointEncoding.lem(q, into: &b2Bytes) }
        sections.append((7, b2Bytes))
        sections.append((10, circuitHash + contributionBytes(contributions)))
        if let commitment {
            var c = le32(commitment.publicCount) + le32(commitment.query.count)
            PointEncoding.lem(commitment.deltaG1, into: &c)
            PointEncoding.lem(commitment.deltaG2, into: &c)
            sections.append((20, c))
            sections.append((21, lemBytes(commitment.query)))
            sections.append((22, contributionBytes(commitment.contributions)))
        }
        return iden3File(magic: "zkey", sections: sections)
    }

    private func contributionBytes(_ list: [Phase2Contribution]) -> [UInt8] {
        var bytes = le32(list.count)
        for c in list {
            PointEncoding.lem(c.deltaAfter, into: &bytes)
            PointEncoding.lem(c.g1s, into: &bytes)
            PointEncoding.lem(c.g1sx, into: &bytes)
            PointEncoding.lem(c.g2spx, into: &bytes)
            bytes += c.transcript + le32(Int(c.type))
            let parameters = c.parameterBytes
            bytes += le32(parameters.count) + parameters
        }
        return bytes
    }

    private func lemBytes(_ points: [BN254.G1Affine]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 * points.count)
        for p in points { PointEncoding.lem(p, into: &bytes) }
        return bytes
    }
}

func le32(_ value: Int) -> [UInt8] { (0 ..< 4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

/// An iden3 container (snarkjs's `.ptau` and `.zkey`): the magic, version 1, the section count,
/// then each section as `u32 type, u64 length, payload`, all little-endian, in the order given.
func iden3File(magic: String, sections: [(UInt32, [UInt8])]) -> [UInt8] {
    var file = Array(magic.utf8) + le32(1) + le32(sections.count)
    file.reserveCapacity(file.count + sections.reduce(0) { $0 + 12 + $1.1.count })
    for (type, payload) in sections {
        file += le32(Int(type))
        var size = UInt64(payload.count)
        for _ in 0 ..< 8 { file.append(UInt8(truncatingIfNeeded: size)); size >>= 8 }
        file += payload
    }
    return file
}
