public import ZKConstraints
public import ZKCurves
public import ZKField
internal import ZKIO

/// What ``Phase2Key/verify(_:ptau:randomness:threads:)`` checked.
public struct Phase2Verification: Sendable {
    public struct Entry: Sendable {
        public let index: Int
        public let name: String?
        public let isBeacon: Bool
        /// BLAKE2b of the contribution's public key: what its contributor published.
        public let hash: [UInt8]
    }

    public let circuitHash: [UInt8]
    public let contributions: [Entry]
    /// The key was made before snarkjs changed how it hashes points at infinity (May 2023).
    public let legacyCircuitHash: Bool
    public let hasCommitmentRound: Bool
}

extension Phase2Key {
    /// Verifies the key against its circuit and powers of tau (snarkjs `zkey verify`), so that
    /// its toxic waste is safe as long as one contributor (or the ptau ceremony, for α, β, τ)
    /// was honest:
    /// - the initial key is recomputed from `system` and `ptau` (``new(_:ptau:threads:)``): the
    ///   circuit hash, α, β, γ, IC, A, B₁, B₂ and the coefficients must equal it;
    /// - every contribution's transcript is recomputed, its proof of knowledge checked against
    ///   `hashToG2(transcript)`, its `δ·G1` shown to be the previous one times the same secret, and
    ///   a beacon's secret rederived from its hash;
    /// - `δ` in G1 and G2 are the last contribution's, and the L and H points (and with a
    ///   commitment round the committed wires' points, against δ₁) are the initial ones divided by
    ///   δ: one pairing on a random combination of each.
    /// - Throws: ``CeremonyError/verificationFailed(path:detail:)`` naming the section or
    ///   contribution and the check.
    public func verify(_ system: R1CS, ptau: PowersOfTau, path: String = "circuit.zkey", randomness: inout some RandomNumberGenerator,
                       threads: Int = ActiveProcessors.count) throws(CeremonyError) -> Phase2Verification {
        func fail(_ detail: String) -> CeremonyError { .verificationFailed(path: path, detail: detail) }
        let initial = try Self.new(system, ptau: ptau, threads: threads)
        guard variableCount == initial.variableCount, publicCount == initial.publicCount, domainSize == initial.domainSize,
              (commitment == nil) == (initial.commitment == nil), commitment?.query.count == initial.commitment?.query.count,
              commitment?.publicCount == initial.commitment?.publicCount else {
            throw fail("section 2: the key is for \(variableCount) wires, \(publicCount) public, a domain of \(domainSize); the circuit has \(initial.variableCount), \(initial.publicCount), \(initial.domainSize)")
        }
        var legacy = false
        if circuitHash != initial.circuitHash {
            legacy = try initial.initialCircuitHash(ptau: ptau, legacyInfinity: true) == circuitHash
            guard legacy else { throw fail("section 10: the circuit hash is not the one of this circuit and powers of tau") }
        }
        guard alphaG1 == initial.alphaG1, betaG1 == initial.betaG1, betaG2 == initial.betaG2 else {
            throw fail("section 2: α or β is not the powers of tau's")
        }
        guard gammaG2 == initial.gammaG2 else { throw fail("section 2: γ is not 1") }
        guard ic == initial.ic else { throw fail("section 3 (IC) differs from the circuit's") }
        guard a == initial.a else { throw fail("section 5 (A) differs from the circuit's") }
        guard b1 == initial.b1 else { throw fail("section 6 (B1) differs from the circuit's") }
        guard b2 == initial.b2 else { throw fail("section 7 (B2) differs from the circuit's") }
        let order = { (c: Coefficient) in (c.matrix, c.row, c.wire) }
        guard coefficients == initial.coefficients
            || coefficients.sorted(by: { order($0) < order($1) }) == initial.coefficients.sorted(by: { order($0) < order($1) }) else {
            throw fail("section 4 (coefficients) differs from the circuit's")
        }

        var entries: [Phase2Verification.Entry] = []
        var current = BN254.G1Affine.generator
        for (index, c) in contributions.enumerated() {
            let label = "contribution \(index + 1)\(c.name.map { " (\($0))" } ?? "")"
            guard deltaTranscript(before: index, g1s: c.g1s, g1sx: c.g1sx) == c.transcript else {
                throw fail("\(label): the transcript does not hash the circuit and the earlier contributions")
            }
            try checkLink(c, after: current, label: label, path: path, g2sp: SnarkjsSampling.hashToG2(c.transcript))
            current = c.deltaAfter
            entries.append(.init(index: index + 1, name: c.name, isBeacon: c.type == 1, hash: c.hash))
        }
        guard deltaG1 == current else { throw fail("section 2: δ₁ is not the last contribution's") }
        guard sameRatio(.generator, deltaG1, .generator, deltaG2) else { throw fail("section 2: δ in G2 is not δ in G1") }
        try checkScaled(l, initial.l, delta: deltaG2, "section 8 (C)", path: path, &randomness, threads: threads)
        try checkScaled(h, initial.h, delta: deltaG2, "section 9 (H)", path: path, &randomness, threads: threads)

        if let commitment, let start = initial.commitment {
            var current1 = BN254.G1Affine.generator
            for (index, c) in commitment.contributions.enumerated() {
                let label = "contribution \(index + 1) to δ₁"
                guard commitmentTranscript(at: index, deltaTranscript: contributions[index].transcript, g1s: c.g1s, g1sx: c.g1sx) == c.transcript else {
                    throw fail("\(label): the transcript does not hash the contribution to δ and the earlier ones")
                }
                try checkLink(c, after: current1, label: label, path: path, g2sp: SnarkjsSampling.hashToG2(c.transcript), deltaSecond: true,
                              beaconIndex: index)
                current1 = c.deltaAfter
            }
            guard commitment.deltaG1 == current1, sameRatio(.generator, commitment.deltaG1, .generator, commitment.deltaG2) else {
                throw fail("section 20: δ₁ is not the last contribution's")
            }
            try checkScaled(commitment.query, start.query, delta: commitment.deltaG2, "section 21 (commitment query)", path: path, &randomness, threads: threads)
        }
        return Phase2Verification(circuitHash: circuitHash, contributions: entries, legacyCircuitHash: legacy,
                                  hasCommitmentRound: commitment != nil)
    }

    /// A contribution's proof of knowledge and that `deltaAfter` is `previous` times its secret;
    /// for a beacon, that its key is the one its hash derives.
    private func checkLink(_ c: Phase2Contribution, after previous: BN254.G1Affine, label: String, path: String, g2sp: BN254.G2Affine,
                           deltaSecond: Bool = false, beaconIndex: Int = 0) throws(CeremonyError) {
        func fail(_ detail: String) -> CeremonyError { .verificationFailed(path: path, detail: "\(label): \(detail)") }
        guard sameRatio(c.g1s, c.g1sx, g2sp, c.g2spx) else { throw fail("invalid proof of knowledge of its secret") }
        guard sameRatio(previous, c.deltaAfter, g2sp, c.g2spx) else { throw fail("its δ does not follow the previous one by its secret") }
        if c.type == 1 {
            guard let hash = c.beaconHash, let exponent = c.numIterationsExp, (0 ... 63).contains(exponent) else {
                throw fail("a beacon without valid parameters")
            }
            var stream = ChaChaStream(seedBytes: BeaconHash.iterate(hash, exponent: exponent))
            var secret: BN254.Fr = SnarkjsSampling.element(&stream)
            var g1s = SnarkjsSampling.g1(&stream)
            if deltaSecond {
                secret = SnarkjsSampling.element(&stream)
                g1s = SnarkjsSampling.g1(&stream)
            }
            guard g1s == c.g1s, BN254.G1(g1s).multiplied(by: secret).affine == c.g1sx else {
                throw fail("the beacon's key is not the one its hash and iteration count derive")
            }
        }
    }

    /// `points = initial / δ`: `e(Σρ·points, δ₂) = e(Σρ·initial, G2)` for random ρ.
    private func checkScaled(_ points: [BN254.G1Affine], _ initial: [BN254.G1Affine], delta: BN254.G2Affine, _ name: String, path: String,
                             _ randomness: inout some RandomNumberGenerator, threads: Int) throws(CeremonyError) {
        guard points.count == initial.count else {
            throw .verificationFailed(path: path, detail: "\(name): \(points.count) points, the circuit needs \(initial.count)")
        }
        guard !points.isEmpty else { return }
        let rho = (0 ..< points.count).map { _ in randomWeight(&randomness) }
        let final = MSM.multiScalarMultiply(points: points, scalars: rho, threads: threads).affine
        let start = MSM.multiScalarMultiply(points: initial, scalars: rho, threads: threads).affine
        if final.isInfinity && start.isInfinity { return }
        guard sameRatio(final, start, .generator, delta) else {
            throw .verificationFailed(path: path, detail: "\(name): the points are not the circuit's divided by δ")
        }
    }
}
