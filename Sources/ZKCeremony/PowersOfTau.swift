#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif
internal import ZKBigInt
public import ZKCurves
public import ZKField
internal import ZKIO

/// A snarkjs/iden3 powers-of-tau file (`.ptau`, version 1), the output of a phase-1 ceremony
/// such as Hermez's `powersOfTau28_hez_final_NN.ptau` (docs/setup.md has the layout).
///
/// iden3 container (magic `ptau`), points LEM (``PointEncoding``). Sections: 1 header (`n8`,
/// q, `power`, `ceremonyPower`), 2 `τⁱ·G1` for `i < 2^(power+1) − 1`, 3 `τⁱ·G2`, 4 `α·τⁱ·G1`,
/// 5 `β·τⁱ·G1` (each `i < 2^power`), 6 `β·G2`, 7 the contributions; a *prepared* file (snarkjs
/// `powersoftau prepare phase2`) adds 12–15, the same in the Lagrange basis of every domain
/// `2^p` (12: `p ≤ power + 1`; 13–15: `p ≤ power`), blocks in order of `p`, natural order inside.
///
/// Opening reads the header and the contributions and checks the section table (sizes for the
/// header's power); points are decoded and checked (below q, on the curve, in the subgroup)
/// when a section is read.
public struct PowersOfTau: Sendable {
    public let path: String
    /// `log₂` of the largest domain this file serves.
    public let power: Int
    /// The power the ceremony ran at (a truncated file has `power < ceremonyPower`).
    public let ceremonyPower: Int
    public let contributions: [PTauContribution]
    let bytes: [UInt8]
    let sections: [UInt32: Range<Int>]

    /// The largest power zkml reads (BN254's Fr has 2-adicity 28).
    public static let maximumPower = 28

    /// Whether sections 12–15 (the Lagrange bases) are present.
    public var isPrepared: Bool { (12 ... 15).allSatisfy { sections[$0] != nil } }

    /// Reads the file at `path`.
    public init(contentsOf path: String) throws(CeremonyError) {
        let bytes: [UInt8]
        do throws(FileError) { bytes = try FileBytes.read(path) } catch { throw .io(path: path, detail: error.detail) }
        try self.init(bytes: bytes, path: path)
    }

    /// Parses `bytes` (a whole `.ptau` file).
    /// - Throws: ``CeremonyError/malformed(path:detail:)`` naming the section: bad magic or
    ///   version, a repeated or missing section, a field other than BN254's, a section whose size
    ///   does not match the header's power, a malformed contribution.
    public init(bytes: [UInt8], path: String = "file.ptau") throws(CeremonyError) {
        let table: SectionTable
        do throws(FileError) {
            table = try SectionTable(bytes: bytes, magic: Array("ptau".utf8), notThisKind: "not a powers-of-tau file (magic is not \"ptau\")",
                                     path: path, versions: [1], repeats: .rejected)
        } catch { throw CeremonyError.from(error, path: path) }
        var sections: [UInt32: Range<Int>] = [:]
        for (type, range) in table.entries { sections[type] = range }
        guard let headerRange = sections[1] else { throw .malformed(path: path, detail: "missing section 1 (header)") }
        var header = LEMReader(bytes, headerRange, path: path, section: "section 1 (header)")
        let n8 = try header.u32("n8")
        guard n8 == 32 else { throw header.fail("n8 = \(n8); BN254 needs 32") }
        let q = try header.raw(32, "q")
        guard BigInt(littleEndian: Array(q)) == BN254.Fq.modulus else { throw header.fail("the field is not BN254's (q differs)") }
        let power = Int(try header.u32("power")), ceremonyPower = Int(try header.u32("ceremonyPower"))
        guard header.remaining == 0 else { throw header.fail("\(header.remaining) bytes after ceremonyPower") }
        guard (1 ... Self.maximumPower).contains(power), power <= ceremonyPower, ceremonyPower <= Self.maximumPower else {
            throw header.fail("power \(power), ceremonyPower \(ceremonyPower): need 1 ≤ power ≤ ceremonyPower ≤ \(Self.maximumPower)")
        }
        let n = 1 << power
        var expected: [(UInt32, String, Int)] = [
            (2, "tauG1", 64 * (2 * n - 1)), (3, "tauG2", 128 * n), (4, "alphaTauG1", 64 * n), (5, "betaTauG1", 64 * n), (6, "betaG2", 128),
        ]
        if (12 ... 15).contains(where: { sections[$0] != nil }) {
            expected += [(12, "lagrange tauG1", 64 * (4 * n - 1)), (13, "lagrange tauG2", 128 * (2 * n - 1)),
                         (14, "lagrange alphaTauG1", 64 * (2 * n - 1)), (15, "lagrange betaTauG1", 64 * (2 * n - 1))]
        }
        for (type, name, size) in expected {
            guard let range = sections[type] else { throw .malformed(path: path, detail: "missing section \(type) (\(name))") }
            guard range.count == size else {
                throw .malformed(path: path, detail: "section \(type) (\(name)) is \(range.count) bytes; power \(power) needs \(size)")
            }
        }
        guard let contributionRange = sections[7] else { throw .malformed(path: path, detail: "missing section 7 (contributions)") }
        (self.path, self.bytes, self.sections, self.power, self.ceremonyPower) = (path, bytes, sections, power, ceremonyPower)
        contributions = try Self.readContributions(bytes, contributionRange, path: path)
    }

    private static func readContributions(_ bytes: [UInt8], _ range: Range<Int>, path: String) throws(CeremonyError) -> [PTauContribution] {
        var r = LEMReader(bytes, range, path: path, section: "section 7 (contributions)")
        let count = Int(try r.u32("count"))
        guard count <= r.remaining / 1504 else { throw r.fail("\(count) contributions cannot fit in \(r.remaining) bytes") }
        var list: [PTauContribution] = []
        for id in 1 ... max(1, count) where id <= count {
            let c = "contribution \(id)"
            let tauG1 = try r.g1("\(c) tauG1"), tauG2 = try r.g2("\(c) tauG2", subgroup: true)
            let alphaG1 = try r.g1("\(c) alphaG1"), betaG1 = try r.g1("\(c) betaG1"), betaG2 = try r.g2("\(c) betaG2", subgroup: true)
            let g1 = try (0 ..< 6).map { (k: Int) throws(CeremonyError) in try r.g1("\(c) key g1[\(k)]") }
            let g2 = try (0 ..< 3).map { (k: Int) throws(CeremonyError) in try r.g2("\(c) key g2[\(k)]", subgroup: true) }
            let partial = Array(try r.raw(216, "\(c) partial hash")), next = Array(try r.raw(64, "\(c) next challenge"))
            let type = try r.u32("\(c) type")
            guard type <= 1 else { throw r.fail("\(c): type \(type) (0 contribution, 1 beacon)") }
            let parameters = try ContributionParameters(&r, type: type, label: c)
            var contribution = PTauContribution(
                id: id, tauG1: tauG1, tauG2: tauG2, alphaG1: alphaG1, betaG1: betaG1, betaG2: betaG2,
                tau: .init(g1s: g1[0], g1sx: g1[1], g2spx: g2[0]), alpha: .init(g1s: g1[2], g1sx: g1[3], g2spx: g2[1]),
                beta: .init(g1s: g1[4], g1sx: g1[5], g2spx: g2[2]), partialHash: partial, nextChallenge: next, type: type)
            (contribution.name, contribution.numIterationsExp, contribution.beaconHash) =
                (parameters.name, parameters.numIterationsExp, parameters.beaconHash)
            list.append(contribution)
        }
        guard r.remaining == 0 else { throw r.fail("\(r.remaining) bytes after the last contribution") }
        return list
    }

    func reader(_ type: UInt32, _ name: String) -> LEMReader {
        LEMReader(bytes, sections[type]!, path: path, section: "section \(type) (\(name))")
    }

    /// `τⁱ·G1` for `i` in `range` (section 2).
    public func tauG1(_ range: Range<Int>) throws(CeremonyError) -> [BN254.G1Affine] {
        var r = reader(2, "tauG1")
        _ = try r.raw(64 * range.lowerBound, "tauG1[\(range.lowerBound)]")
        return try r.g1Points(range.count, name: "tauG1", first: range.lowerBound)
    }

    /// `τⁱ·G2` for `i` in `range` (section 3).
    public func tauG2(_ range: Range<Int>) throws(CeremonyError) -> [BN254.G2Affine] {
        var r = reader(3, "tauG2")
        _ = try r.raw(128 * range.lowerBound, "tauG2[\(range.lowerBound)]")
        return try r.g2Points(range.count, name: "tauG2", first: range.lowerBound, subgroup: true)
    }

    /// `α·τⁱ·G1` (section 4) or `β·τⁱ·G1` (section 5) for `i` in `range`.
    public func scaledTauG1(beta: Bool, _ range: Range<Int>) throws(CeremonyError) -> [BN254.G1Affine] {
        var r = reader(beta ? 5 : 4, beta ? "betaTauG1" : "alphaTauG1")
        _ = try r.raw(64 * range.lowerBound, "point \(range.lowerBound)")
        return try r.g1Points(range.count, name: beta ? "betaTauG1" : "alphaTauG1", first: range.lowerBound)
    }

    /// `β·G2` (section 6).
    public func betaG2() throws(CeremonyError) -> BN254.G2Affine {
        var r = reader(6, "betaG2")
        return try r.g2("betaG2", subgroup: true)
    }

    /// The Lagrange section a basis is in.
    public enum Basis: UInt32, Sendable, CaseIterable {
        case tauG1 = 12, tauG2 = 13, alphaTauG1 = 14, betaTauG1 = 15
        var name: String { ["tauG1", "tauG2", "alphaTauG1", "betaTauG1"][Int(rawValue - 12)] }
    }

    /// The G1 points `Lᵢ(τ)·P` of the domain `2^logSize` from a prepared file's section 12, 14
    /// or 15 (`P` = G1, α·G1, β·G1).
    /// - Throws: ``CeremonyError/unsuitable(path:detail:)`` when the file is not prepared or
    ///   the domain is too large for it.
    public func lagrangeG1(_ basis: Basis, logSize: Int) throws(CeremonyError) -> [BN254.G1Affine] {
        precondition(basis != .tauG2, "tauG2 is in G2")
        var r = try lagrangeReader(basis, logSize: logSize)
        return try r.g1Points(1 << logSize, name: "block 2^\(logSize)")
    }

    /// `Lᵢ(τ)·G2` of the domain `2^logSize` (section 13).
    public func lagrangeG2(logSize: Int) throws(CeremonyError) -> [BN254.G2Affine] {
        var r = try lagrangeReader(.tauG2, logSize: logSize)
        return try r.g2Points(1 << logSize, name: "block 2^\(logSize)", subgroup: false)
    }

    private func lagrangeReader(_ basis: Basis, logSize: Int) throws(CeremonyError) -> LEMReader {
        guard isPrepared else {
            throw .unsuitable(path: path, detail: "not prepared for phase 2 (no Lagrange sections 12–15): run `zkml ptau prepare` (or snarkjs powersoftau prepare phase2)")
        }
        let top = basis == .tauG1 ? power + 1 : power
        guard logSize <= top else {
            throw .unsuitable(path: path, detail: "a domain of 2^\(logSize) needs a powers of tau of power ≥ \(basis == .tauG1 ? logSize - 1 : logSize); this file has \(power)")
        }
        let size = basis == .tauG2 ? 128 : 64
        var r = reader(basis.rawValue, "lagrange \(basis.name)")
        _ = try r.raw(size * ((1 << logSize) - 1), "block 2^\(logSize)")
        return r
    }
}
