public import ZKCurves
public import ZKField
internal import ZKIO
internal import ZKPairing
internal import ZKPoly

/// What ``PowersOfTau/verify(randomness:threads:)`` checked: the contributions in order with
/// their hashes, and the challenge the next contributor would answer.
public struct PTauVerification: Sendable {
    public struct Entry: Sendable {
        public let id: Int
        public let name: String?
        public let isBeacon: Bool
        public let responseHash: [UInt8]?
        public let nextChallenge: [UInt8]
    }

    public let power: Int
    public let ceremonyPower: Int
    public let contributions: [Entry]
    /// BLAKE2b of the last response hash and the file's points: the last contribution's next
    /// challenge when the file is not truncated.
    public let nextChallenge: [UInt8]
    /// Whether the Lagrange sections were present (and checked).
    public let prepared: Bool
}

extension PowersOfTau {
    /// The first challenge of a ceremony of `ceremonyPower` (snarkjs
    /// `calculateFirstChallengeHash`): BLAKE2b of BLAKE2b("") and the points of a fresh file
    /// (every power of τ, α, β equal to 1: the generators), uncompressed, in section order.
    /// - Complexity: hashes `(2^(p+1) − 1)·64 + 2^p·(128 + 64 + 64) + 128` bytes (about 100 GB
    ///   for the Hermez ceremony's 28, minutes; ``knownFirstChallenges`` has it).
    public static func firstChallenge(ceremonyPower: Int) -> [UInt8] {
        if let known = knownFirstChallenges[ceremonyPower] { return known }
        return computeFirstChallenge(ceremonyPower: ceremonyPower)
    }

    static func computeFirstChallenge(ceremonyPower: Int) -> [UInt8] {
        var hasher = Blake2b()
        hasher.update(Blake2b.hash([UInt8]()))
        let g1 = PointEncoding.uncompressed(BN254.G1Affine.generator), g2 = PointEncoding.uncompressed(BN254.G2Affine.generator)
        let n = 1 << ceremonyPower
        hasher.updateRepeating(g1, count: 2 * n - 1)
        hasher.updateRepeating(g2, count: n)
        hasher.updateRepeating(g1, count: n)
        hasher.updateRepeating(g1, count: n)
        hasher.update(g2)
        return hasher.finalize()
    }

    /// First challenges computed once (by ``computeFirstChallenge(ceremonyPower:)``; a full-level
    /// test recomputes them): the Hermez ceremony ran at 28.
    static let knownFirstChallenges: [Int: [UInt8]] = [
        28: [UInt8](hex: "93da91920d5a54a8a0fde55cd9dc3a10c4f3eef768b62c0948741370864254b4"
            + "c1920f3f29d4ebc0ef3acecf2e2db63a755713d77e1ed77347a56fbc317c7a93")!,
    ]

    /// Verifies the file as snarkjs `powersoftau verify` does, with stronger random checks:
    /// - every contribution's proof of knowledge of τ, α, β (its `g2_sp` rehashed from the
    ///   previous challenge; a beacon's key rederived from its hash), and that its first powers
    ///   follow the previous contribution's by the same secrets;
    /// - that every section holds successive powers of the last contribution's τ (a random linear
    ///   combination of each section against the same one shifted by a power, one pairing
    ///   each), starting at the generators, with α·G1, β·G1 and β·G2 the last contribution's;
    /// - the next challenge (the hash of the last response and the points) when the file is not
    ///   truncated;
    /// - in a prepared file, that each Lagrange block is the inverse NTT of the powers (a random
    ///   linear combination of the block against the powers combined by the inverse NTT of the
    ///   same scalars).
    ///
    /// The random weights are 128-bit (``randomWeight(_:)``; snarkjs uses 32-bit ones), so a wrong
    /// file passes a check with probability at most 2⁻¹²⁸.
    /// - Throws: ``CeremonyError/verificationFailed(path:detail:)`` naming the contribution or
    ///   section and the check; ``CeremonyError/malformed(path:detail:)`` for a bad point.
    public func verify(randomness: inout some RandomNumberGenerator, threads: Int = ActiveProcessors.count) throws(CeremonyError) -> PTauVerification {
        func fail(_ detail: String) -> CeremonyError { .verificationFailed(path: path, detail: detail) }
        guard let last = contributions.last else {
            throw fail("the file has no contribution (a fresh `powersoftau new` file): it cannot be used in production")
        }
        let initial = Self.initialState(ceremonyPower: ceremonyPower)
        var entries: [PTauVerification.Entry] = []
        for (index, contribution) in contributions.enumerated() {
            let previous = index == 0 ? initial : ContributionState(contributions[index - 1])
            try verifyContribution(contribution, after: previous)
            entries.append(.init(id: contribution.id, name: contribution.name, isBeacon: contribution.type == 1,
                                 responseHash: contribution.responseHash, nextChallenge: contribution.nextChallenge))
        }

        // The sections: successive powers of the last τ.
        let n = 1 << power
        let g1 = BN254.G1Affine.generator, g2 = BN254.G2Affine.generator
        var hasher = Blake2b()
        guard let response = last.responseHash else { throw fail("contribution \(last.id): malformed partial hash") }
        hasher.update(response)

        let tauG1 = try self.tauG1(0 ..< 2 * n - 1)
        hasher.update(uncompressed: tauG1)
        guard tauG1[0] == g1 else { throw fail("section 2 (tauG1): the first point is not the generator") }
        guard tauG1[1] == last.tauG1 else { throw fail("section 2 (tauG1): τ·G1 is not the last contribution's") }
        let (r1, r2) = shiftedCombination(tauG1, &randomness, threads: threads)
        guard sameRatio(r1, r2, g2, last.tauG2) else { throw fail("section 2 (tauG1): the points are not successive powers of τ") }

        let tauG2 = try self.tauG2(0 ..< n)
        hasher.update(uncompressed: tauG2)
        guard tauG2[0] == g2 else { throw fail("section 3 (tauG2): the first point is not the generator") }
        guard tauG2[1] == last.tauG2 else { throw fail("section 3 (tauG2): τ·G2 is not the last contribution's") }
        let (s1, s2) = shiftedCombination(tauG2, &randomness, threads: threads)
        guard sameRatio(g1, last.tauG1, s1, s2) else { throw fail("section 3 (tauG2): the points are not successive powers of τ") }

        var scaled: [[BN254.G1Affine]] = []
        for (beta, expected, name) in [(false, last.alphaG1, "section 4 (alphaTauG1)"), (true, last.betaG1, "section 5 (betaTauG1)")] {
            let points = try scaledTauG1(beta: beta, 0 ..< n)
            hasher.update(uncompressed: points)
            guard points[0] == expected else { throw fail("\(name): the first point is not the last contribution's \(beta ? "β" : "α")·G1") }
            let (a, b) = shiftedCombination(points, &randomness, threads: threads)
            guard sameRatio(a, b, g2, last.tauG2) else { throw fail("\(name): the points are not successive powers of τ") }
            scaled.append(points)
        }
        let betaG2 = try self.betaG2()
        hasher.update(PointEncoding.uncompressed(betaG2))
        guard betaG2 == last.betaG2 else { throw fail("section 6 (betaG2): β·G2 is not the last contribution's") }
        let nextChallenge = hasher.finalize()
        if power == ceremonyPower && nextChallenge != last.nextChallenge {
            throw fail("the points do not hash to the last contribution's next challenge (section 7): the file was changed after it")
        }

        if isPrepared {
            try checkLagrange(.tauG1, powers: tauG1, &randomness, threads: threads)
            try checkLagrangeG2(powers: tauG2, &randomness, threads: threads)
            try checkLagrange(.alphaTauG1, powers: scaled[0], &randomness, threads: threads)
            try checkLagrange(.betaTauG1, powers: scaled[1], &randomness, threads: threads)
        }
        return PTauVerification(power: power, ceremonyPower: ceremonyPower, contributions: entries,
                                nextChallenge: nextChallenge, prepared: isPrepared)
    }

    /// The state a contribution is checked against: the previous one's points and challenge.
    struct ContributionState {
        var tauG1: BN254.G1Affine, tauG2: BN254.G2Affine, alphaG1: BN254.G1Affine, betaG1: BN254.G1Affine, betaG2: BN254.G2Affine
        var nextChallenge: [UInt8]

        init(_ c: PTauContribution) {
            (tauG1, tauG2, alphaG1, betaG1, betaG2, nextChallenge) = (c.tauG1, c.tauG2, c.alphaG1, c.betaG1, c.betaG2, c.nextChallenge)
        }

        init(generatorsWithChallenge challenge: [UInt8]) {
            let g1 = BN254.G1Affine.generator, g2 = BN254.G2Affine.generator
            (tauG1, tauG2, alphaG1, betaG1, betaG2, nextChallenge) = (g1, g2, g1, g1, g2, challenge)
        }
    }

    static func initialState(ceremonyPower: Int) -> ContributionState {
        ContributionState(generatorsWithChallenge: firstChallenge(ceremonyPower: ceremonyPower))
    }

    private func verifyContribution(_ c: PTauContribution, after previous: ContributionState) throws(CeremonyError) {
        func fail(_ detail: String) -> CeremonyError {
            .verificationFailed(path: path, detail: "contribution \(c.id)\(c.name.map { " (\($0))" } ?? ""): \(detail)")
        }
        if c.type == 1 {
            guard let hash = c.beaconHash, let exponent = c.numIterationsExp else { throw fail("a beacon without parameters") }
            let key = Self.beaconKey(challenge: previous.nextChallenge, beaconHash: hash, iterationsExponent: exponent)
            for (name, part, expected) in [("τ", c.tau, key.tau), ("α", c.alpha, key.alpha), ("β", c.beta, key.beta)]
            where part.g1s != expected.g1s || part.g1sx != expected.g1sx || part.g2spx != expected.g2spx {
                throw fail("the beacon's \(name) key is not the one its hash and iteration count derive")
            }
        }
        let spTau = SnarkjsSampling.g2sp(personalization: 0, challenge: previous.nextChallenge, g1s: c.tau.g1s, g1sx: c.tau.g1sx)
        let spAlpha = SnarkjsSampling.g2sp(personalization: 1, challenge: previous.nextChallenge, g1s: c.alpha.g1s, g1sx: c.alpha.g1sx)
        let spBeta = SnarkjsSampling.g2sp(personalization: 2, challenge: previous.nextChallenge, g1s: c.beta.g1s, g1sx: c.beta.g1sx)
        guard sameRatio(c.tau.g1s, c.tau.g1sx, spTau, c.tau.g2spx) else { throw fail("invalid proof of knowledge of τ") }
        guard sameRatio(c.alpha.g1s, c.alpha.g1sx, spAlpha, c.alpha.g2spx) else { throw fail("invalid proof of knowledge of α") }
        guard sameRatio(c.beta.g1s, c.beta.g1sx, spBeta, c.beta.g2spx) else { throw fail("invalid proof of knowledge of β") }
        guard sameRatio(previous.tauG1, c.tauG1, spTau, c.tau.g2spx) else { throw fail("τ·G1 does not follow the previous contribution") }
        guard sameRatio(c.tau.g1s, c.tau.g1sx, previous.tauG2, c.tauG2) else { throw fail("τ·G2 does not follow the previous contribution") }
        guard sameRatio(previous.alphaG1, c.alphaG1, spAlpha, c.alpha.g2spx) else { throw fail("α·G1 does not follow the previous contribution") }
        guard sameRatio(previous.betaG1, c.betaG1, spBeta, c.beta.g2spx) else { throw fail("β·G1 does not follow the previous contribution") }
        guard sameRatio(c.beta.g1s, c.beta.g1sx, previous.betaG2, c.betaG2) else { throw fail("β·G2 does not follow the previous contribution") }
    }

    /// A beacon's key (snarkjs `keyFromBeacon`): the stream seeded by SHA-256 iterated
    /// `2^exponent` times on the beacon hash draws τ, α, β and then each key's `g1_s`.
    static func beaconKey(challenge: [UInt8], beaconHash: [UInt8], iterationsExponent exponent: Int)
        -> (tau: PTauContribution.KeyPart, alpha: PTauContribution.KeyPart, beta: PTauContribution.KeyPart) {
        var stream = ChaChaStream(seedBytes: BeaconHash.iterate(beaconHash, exponent: exponent))
        return secretKey(challenge: challenge, stream: &stream)
    }

    /// snarkjs `createPTauKey`: three secrets, then per secret `g1_s` (a random G1 point),
    /// `g1_sx = x·g1_s`, `g2_spx = x·g2_sp` with `g2_sp` hashed from the challenge.
    static func secretKey(challenge: [UInt8], stream: inout ChaChaStream)
        -> (tau: PTauContribution.KeyPart, alpha: PTauContribution.KeyPart, beta: PTauContribution.KeyPart) {
        let secrets: [BN254.Fr] = (0 ..< 3).map { _ in SnarkjsSampling.element(&stream) }
        var parts: [PTauContribution.KeyPart] = []
        for (k, x) in secrets.enumerated() {
            let g1s = SnarkjsSampling.g1(&stream)
            let g1sx = BN254.G1(g1s).multiplied(by: x).affine
            let sp = SnarkjsSampling.g2sp(personalization: UInt8(k), challenge: challenge, g1s: g1s, g1sx: g1sx)
            parts.append(.init(g1s: g1s, g1sx: g1sx, g2spx: BN254.G2(sp).multiplied(by: x).affine))
        }
        return (parts[0], parts[1], parts[2])
    }

    /// `(Σ ρᵢ·Pᵢ, Σ ρᵢ·Pᵢ₊₁)` for random `ρ`: equal ratios iff (with high probability) every
    /// `Pᵢ₊₁` is `x·Pᵢ` for one `x`.
    private func shiftedCombination<C: CurveConfig>(_ points: [AffinePoint<C>], _ randomness: inout some RandomNumberGenerator,
                                                    threads: Int) -> (AffinePoint<C>, AffinePoint<C>) where C.ScalarField == BN254.Fr {
        let rho = (0 ..< points.count - 1).map { _ in randomWeight(&randomness) }
        let a = MSM.multiScalarMultiply(points: Array(points.dropLast()), scalars: rho, threads: threads).affine
        let b = MSM.multiScalarMultiply(points: Array(points.dropFirst()), scalars: rho, threads: threads).affine
        return (a, b)
    }

    /// The scalars `c = NTT⁻¹(ρ)` with `Σₖ ρₖ·Lₖ(τ) = Σⱼ cⱼ·τʲ` over the domain `2^logSize`.
    private func inverseNTT(_ rho: [BN254.Fr], logSize: Int) -> [BN254.Fr] {
        var c = rho
        let domain = try! EvaluationDomain<BN254.Fr>(logSize: logSize)
        domain.inverse(&c, threads: 1)
        return c
    }

    private func checkLagrange(_ basis: Basis, powers: [BN254.G1Affine], _ randomness: inout some RandomNumberGenerator, threads: Int) throws(CeremonyError) {
        let top = basis == .tauG1 ? power + 1 : power
        for logSize in 0 ... top {
            let block = try lagrangeG1(basis, logSize: logSize)
            let size = 1 << logSize
            let rho = (0 ..< size).map { _ in randomWeight(&randomness) }
            var c = inverseNTT(rho, logSize: logSize)
            // The top block of section 12 needs τ^(2n−1)·G1, which the file does not have: snarkjs's
            // prepare takes it as O, while a file truncated from a larger ceremony keeps the block
            // made with it. The block fixes that point X (lhs = rhs + c_last·X); it must be τ times
            // the last power.
            let count = min(size, powers.count)
            let missing = c.count > count ? c[count] : nil
            c.removeLast(size - count)
            let lhs = MSM.multiScalarMultiply(points: block, scalars: rho, threads: threads)
            let rhs = MSM.multiScalarMultiply(points: Array(powers.prefix(count)), scalars: c, threads: threads)
            var matches = lhs == rhs
            if !matches, let missing, !missing.isZero, let last = powers.last, let tauG2 = try? self.tauG2(1 ..< 2).first {
                let x = (lhs - rhs).multiplied(by: missing.inverse()).affine
                matches = sameRatio(last, x, BN254.G2Affine.generator, tauG2)
            }
            guard matches else {
                throw .verificationFailed(path: path, detail: "section \(basis.rawValue) (lagrange \(basis.name)): the block for 2^\(logSize) is not the Lagrange basis of the powers")
            }
        }
    }

    private func checkLagrangeG2(powers: [BN254.G2Affine], _ randomness: inout some RandomNumberGenerator, threads: Int) throws(CeremonyError) {
        for logSize in 0 ... power {
            let block = try lagrangeG2(logSize: logSize)
            let rho = (0 ..< block.count).map { _ in randomWeight(&randomness) }
            let c = inverseNTT(rho, logSize: logSize)
            let lhs = MSM.multiScalarMultiply(points: block, scalars: rho, threads: threads)
            let rhs = MSM.multiScalarMultiply(points: Array(powers.prefix(block.count)), scalars: c, threads: threads)
            guard lhs == rhs else {
                throw .verificationFailed(path: path, detail: "section 13 (lagrange tauG2): the block for 2^\(logSize) is not the Lagrange basis of the powers")
            }
        }
    }
}

extension Blake2b {
    /// Absorbs points uncompressed (what snarkjs hashes), 4,096 at a time.
    mutating func update(uncompressed points: [BN254.G1Affine], legacyInfinity: Bool = false) {
        update(encoding: points, size: 64) { PointEncoding.uncompressed($0, legacyInfinity: legacyInfinity) }
    }

    mutating func update(uncompressed points: [BN254.G2Affine], legacyInfinity: Bool = false) {
        update(encoding: points, size: 128) { PointEncoding.uncompressed($0, legacyInfinity: legacyInfinity) }
    }

    /// Encodes 65,536 points at a time on all cores, then hashes them in order.
    private mutating func update<P: Sendable>(encoding points: [P], size: Int, _ encode: @escaping @Sendable (P) -> [UInt8]) {
        let block = 1 << 16, piece = 4096
        var bytes = [UInt8](repeating: 0, count: size * min(block, points.count))
        for start in stride(from: 0, to: points.count, by: block) {
            let count = min(block, points.count - start)
            bytes.withUnsafeMutableBufferPointer { buffer in
                let target = EncodeTarget(bytes: buffer)
                let pieces = (count + piece - 1) / piece
                ParallelFor.run(count: pieces, threads: pieces > 1 ? ActiveProcessors.count : 1) { k in
                    for i in k * piece ..< min(count, (k + 1) * piece) {
                        let encoded = encode(points[start + i])
                        for (j, byte) in encoded.enumerated() { target.bytes[i * size + j] = byte }
                    }
                }
            }
            update(bytes[0 ..< count * size])
        }
    }

    /// Absorbs `count` copies of `block`.
    mutating func updateRepeating(_ block: [UInt8], count: Int) {
        let perChunk = max(1, (1 << 20) / block.count)
        var chunk = [UInt8]()
        chunk.reserveCapacity(perChunk * block.count)
        for _ in 0 ..< perChunk { chunk += block }
        var left = count
        while left >= perChunk {
            update(chunk)
            left -= perChunk
        }
        if left > 0 { update(chunk[0 ..< left * block.count]) }
    }
}

/// The buffer a parallel encoding writes.
private struct EncodeTarget: @unchecked Sendable {
    // Safety: each worker writes its own points' bytes; the buffer outlives the loop.
    let bytes: UnsafeMutableBufferPointer<UInt8>
}
