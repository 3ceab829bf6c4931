public import ZKCurves
public import ZKField
internal import ZKIO

extension Phase2Key {
    /// Adds a contribution (snarkjs `zkey contribute`): a secret `d` drawn from a ChaCha stream
    /// seeded by BLAKE2b(`entropy`) — pass the system CSPRNG's bytes, plus a passphrase if the
    /// contributor wants one — multiplies δ by `d` and divides the L and H points by it, and
    /// records the new `δ·G1` with a proof of knowledge of `d` bound to the transcript. With a
    /// commitment round, δ₁ gets its own secret and proof the same way. The secrets are dropped
    /// when this returns.
    /// - Returns: the contribution (its ``Phase2Contribution/hash`` is what the contributor
    ///   publishes).
    @discardableResult
    public mutating func contribute(entropy: [UInt8], name: String? = nil, threads: Int = ActiveProcessors.count) -> Phase2Contribution {
        var stream = ChaChaStream(seedBytes: Blake2b.hash(entropy))
        return apply(&stream, type: 0, name: name, beacon: nil, threads: threads)
    }

    /// Adds a random-beacon contribution (snarkjs `zkey beacon`): the secret is drawn from the
    /// stream seeded by SHA-256 iterated `2^iterationsExponent` times on `beaconHash` (a public
    /// value nobody could predict, e.g. a future block hash), so anyone can recompute it. Ends a
    /// ceremony: whatever the last contributor knew, the beacon's unpredictable secret follows it.
    /// - Precondition: `beaconHash` is 1 … 255 bytes, `iterationsExponent` in 10 … 63 (as snarkjs).
    @discardableResult
    public mutating func beacon(hash beaconHash: [UInt8], iterationsExponent: Int, name: String? = nil,
                                threads: Int = ActiveProcessors.count) -> Phase2Contribution {
        precondition((1 ... 255).contains(beaconHash.count) && (10 ... 63).contains(iterationsExponent), "invalid beacon parameters")
        var stream = ChaChaStream(seedBytes: BeaconHash.iterate(beaconHash, exponent: iterationsExponent))
        return apply(&stream, type: 1, name: name, beacon: (beaconHash, iterationsExponent), threads: threads)
    }

    /// The transcript hash before a new δ contribution: BLAKE2b(circuit hash ‖ every earlier
    /// contribution's public key ‖ `g1_s` ‖ `g1_sx`).
    func deltaTranscript(before index: Int, g1s: BN254.G1Affine, g1sx: BN254.G1Affine) -> [UInt8] {
        var hasher = Blake2b()
        hasher.update(circuitHash)
        for c in contributions[..<index] { hasher.update(c.publicKeyBytes) }
        hasher.update(PointEncoding.uncompressed(g1s))
        hasher.update(PointEncoding.uncompressed(g1sx))
        return hasher.finalize()
    }

    /// The transcript of the δ₁ part of contribution `index`: BLAKE2b("zkml commitment δ1" ‖
    /// that contribution's δ transcript ‖ every earlier δ₁ public key ‖ `g1_s` ‖ `g1_sx`).
    func commitmentTranscript(at index: Int, deltaTranscript: [UInt8], g1s: BN254.G1Affine, g1sx: BN254.G1Affine) -> [UInt8] {
        var hasher = Blake2b()
        hasher.update(Array("zkml commitment δ1".utf8))
        hasher.update(deltaTranscript)
        for c in commitment?.contributions[..<index] ?? [] { hasher.update(c.publicKeyBytes) }
        hasher.update(PointEncoding.uncompressed(g1s))
        hasher.update(PointEncoding.uncompressed(g1sx))
        return hasher.finalize()
    }

    private mutating func apply(_ stream: inout ChaChaStream, type: UInt32, name: String?, beacon: ([UInt8], Int)?,
                                threads: Int) -> Phase2Contribution {
        let index = contributions.count
        let d: BN254.Fr = SnarkjsSampling.element(&stream)
        let g1s = SnarkjsSampling.g1(&stream)
        let g1sx = BN254.G1(g1s).multiplied(by: d).affine
        let transcript = deltaTranscript(before: index, g1s: g1s, g1sx: g1sx)
        let g2sp = SnarkjsSampling.hashToG2(transcript)
        deltaG1 = BN254.G1(deltaG1).multiplied(by: d).affine
        deltaG2 = BN254.G2(deltaG2).multiplied(by: d).affine
        let dInverse = d.inverse()
        l = Self.scale(l, by: dInverse, threads: threads)
        h = Self.scale(h, by: dInverse, threads: threads)
        let record = Phase2Contribution(deltaAfter: deltaG1, g1s: g1s, g1sx: g1sx, g2spx: BN254.G2(g2sp).multiplied(by: d).affine,
                                        transcript: transcript, type: type, name: name,
                                        numIterationsExp: beacon?.1, beaconHash: beacon?.0)
        contributions.append(record)

        if var part = commitment {
            let d1: BN254.Fr = SnarkjsSampling.element(&stream)
            let s = SnarkjsSampling.g1(&stream)
            let sx = BN254.G1(s).multiplied(by: d1).affine
            let t = commitmentTranscript(at: index, deltaTranscript: transcript, g1s: s, g1sx: sx)
            part.deltaG1 = BN254.G1(part.deltaG1).multiplied(by: d1).affine
            part.deltaG2 = BN254.G2(part.deltaG2).multiplied(by: d1).affine
            part.query = Self.scale(part.query, by: d1.inverse(), threads: threads)
            part.contributions.append(Phase2Contribution(
                deltaAfter: part.deltaG1, g1s: s, g1sx: sx, g2spx: BN254.G2(SnarkjsSampling.hashToG2(t)).multiplied(by: d1).affine,
                transcript: t, type: type, name: name, numIterationsExp: beacon?.1, beaconHash: beacon?.0))
            commitment = part
        }
        return record
    }

    /// `k·P` for every point, on `threads` threads (one scalar: split and recoded once,
    /// ``ZKCurves/G1FixedScalarMultiplier``).
    static func scale(_ points: [BN254.G1Affine], by k: BN254.Fr, threads: Int) -> [BN254.G1Affine] {
        guard !points.isEmpty else { return [] }
        let multiplier = G1FixedScalarMultiplier(k)
        var out = [BN254.G1](repeating: .infinity, count: points.count)
        let chunk = max(256, points.count / (8 * max(1, threads)))
        out.withUnsafeMutableBufferPointer { buffer in
            let target = ScaleTarget(buffer: buffer)
            ParallelFor.run(count: (points.count + chunk - 1) / chunk, threads: threads) { t in
                for i in t * chunk ..< min(points.count, (t + 1) * chunk) {
                    target.buffer[i] = multiplier.multiply(points[i])
                }
            }
        }
        return BN254.G1.batchNormalize(out)
    }
}

private struct ScaleTarget: @unchecked Sendable {
    // Safety: each worker writes its own range; the buffer outlives the loop.
    let buffer: UnsafeMutableBufferPointer<BN254.G1>
}
