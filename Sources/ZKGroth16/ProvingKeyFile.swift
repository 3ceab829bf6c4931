internal import ZKConstraints
internal import ZKIO
public import ZKCurves
public import ZKField

/// A proving key opened for a prover that holds one query at a time (``KeyFile/openProvingKey(atPath:)``).
///
/// Opening checks the file's SHA-256 over every section, reads the header, the verifying key and
/// `betaG1`/`deltaG1`, and checks that each query's section has the length the header implies.
/// ``points(_:)`` and ``bG2Points()`` then read and check one query (every coordinate below q,
/// every point on its curve) each time they are called; the prover asks for each once, just
/// before its multi-scalar multiplication.
///
/// The file is read again for each query after its hash was checked: a file replaced in between
/// would be decoded unhashed. Its points are still checked, and whoever can replace `pk.bin` can
/// give the prover any key anyway; a bad key only makes proofs that fail verification.
public final class ProvingKeyFile: ProvingKeySource {
    public let path: String
    public let verifyingKey: VerifyingKey
    public let betaG1: BN254.G1Affine
    public let deltaG1: BN254.G1Affine
    public let variableCount: Int
    public let domainLogSize: Int
    public let commitmentDeltaG1: BN254.G1Affine?
    public let committedCount: Int
    /// `n − 1` (a key from `zkml setup`, ``LibsnarkReduction``) or `n` (from a `.ptau` and a
    /// phase-2 ceremony, ``SnarkjsReduction``), told by the section's length.
    public let hQueryCount: Int
    private let sections: KeyFile.Sections

    init(sections: KeyFile.Sections, path: String) throws(Groth16Error) {
        do throws(FileError) {
            var header = try KeyFile.section(sections, 1, "header", path)
            let (hash, publicCount, variableCount, logSize) = try KeyFile.readHeader(&header)
            var vkReader = try KeyFile.section(sections, 2, "verifying key", path)
            var vk = try KeyFile.readVK(&vkReader, hash: hash, publicCount: publicCount)
            vk.packing = try KeyFile.readPacking(sections, publicCount: publicCount, path: path)
            vk.signedRanges = try KeyFile.readRanges(sections, publicCount: vk.signalCount, path: path)
            vk.commitment = try KeyFile.readCommitment(sections, path: path)
            if vk.commitment != nil {
                var commitmentFixed = try KeyFile.section(sections, 12, "[δ₁]₁", path)
                commitmentDeltaG1 = try KeyFile.readG1(&commitmentFixed, "commitment δ₁ in G1")
                guard let query = sections[13], query.count >= 4, (query.count - 4) % 64 == 0 else {
                    throw FileError.malformedFile(path: path, detail: "missing or malformed commitmentQuery section")
                }
                committedCount = (query.count - 4) / 64
            } else {
                (commitmentDeltaG1, committedCount) = (nil, 0)
            }
            var fixed = try KeyFile.section(sections, 3, "betaG1/deltaG1", path)
            betaG1 = try KeyFile.readG1(&fixed, "betaG1")
            deltaG1 = try KeyFile.readG1(&fixed, "deltaG1")
            guard variableCount > publicCount + vk.challengeCount + committedCount else {
                throw FileError.malformedFile(path: path, detail: "\(variableCount) wires for \(publicCount) public inputs")
            }
            (verifyingKey, self.variableCount, domainLogSize) = (vk, variableCount, logSize)
            // Either reduction's count; layout(.h) then checks the length exactly.
            let hPoints = ((sections[7]?.count ?? 4) - 4) / 64
            hQueryCount = hPoints == 1 << logSize ? hPoints : (1 << logSize) - 1
            self.sections = sections
            self.path = path
            for query in ProvingKeyQuery.allCases where query != .commitment || vk.commitment != nil {
                let (type, name, count) = layout(query)
                guard let range = sections[type] else { throw FileError.malformedFile(path: path, detail: "missing \(name) section") }
                guard range.count == 4 + 64 * count else {
                    throw FileError.malformedFile(path: path, detail: "\(name) has the wrong length for the header's sizes")
                }
            }
            guard let b2 = sections[6] else { throw FileError.malformedFile(path: path, detail: "missing bG2Query section") }
            guard b2.count == 4 + 128 * variableCount else {
                throw FileError.malformedFile(path: path, detail: "bG2Query has the wrong length for the header's sizes")
            }
        } catch {
            throw .malformedKey(path: path, detail: KeyFile.detail(error, path))
        }
    }

    /// The section type, name and point count of a G1 query.
    private func layout(_ query: ProvingKeyQuery) -> (UInt32, String, Int) {
        switch query {
        case .a: (4, "aQuery", variableCount)
        case .bG1: (5, "bG1Query", variableCount)
        case .h: (7, "hQuery", hQueryCount)
        case .l: (8, "lQuery", variableCount - verifyingKey.publicCount - verifyingKey.challengeCount - committedCount - 1)
        case .commitment: (13, "commitmentQuery", committedCount)
        }
    }

    public func points(_ query: ProvingKeyQuery) throws(Groth16Error) -> [BN254.G1Affine] {
        let (type, name, count) = layout(query)
        do throws(FileError) {
            return try KeyFile.readPoints(sections, type, name, path, count: count, size: 64) { (reader, i) throws(FileError) in
                try KeyFile.readG1(&reader, "\(name)[\(i)]")
            }
        } catch {
            throw .malformedKey(path: path, detail: KeyFile.detail(error, path))
        }
    }

    public func bG2Points() throws(Groth16Error) -> [BN254.G2Affine] {
        do throws(FileError) {
            return try KeyFile.readPoints(sections, 6, "bG2Query", path, count: variableCount, size: 128) { (reader, i) throws(FileError) in
                try KeyFile.readG2(&reader, "bG2Query[\(i)]", subgroup: false)
            }
        } catch {
            throw .malformedKey(path: path, detail: KeyFile.detail(error, path))
        }
    }

    /// Every query read: the whole key in memory.
    public func load() throws(Groth16Error) -> ProvingKey {
        ProvingKey(verifyingKey: verifyingKey, betaG1: betaG1, deltaG1: deltaG1, aQuery: try points(.a), bG1Query: try points(.bG1),
                   bG2Query: try bG2Points(), hQuery: try points(.h), lQuery: try points(.l), domainLogSize: domainLogSize,
                   commitmentDeltaG1: commitmentDeltaG1, commitmentQuery: commitmentDeltaG1 == nil ? [] : try points(.commitment))
    }
}
