public import ZKConstraints
public import ZKCurves
public import ZKField
internal import ZKIO

extension Phase2Key {
    /// The initial phase-2 key of `system` from a prepared powers of tau (snarkjs `zkey new`):
    /// δ = γ = 1, α and β from the ceremony, every wire's points as sums of the Lagrange points
    /// `Lⱼ(τ)·G` of the circuit's domain weighted by its column of A, B, C (with the
    /// input-consistency rows `A[m + i][i] = 1`), and `hQuery[j] = L_(2j+1)(τ)·G1` over twice the
    /// domain (``ZKGroth16/SnarkjsReduction``).
    ///
    /// The result is byte for byte the key snarkjs makes for the same circuit and file (the
    /// circuit hash too), so a snarkjs ceremony can continue on it and `snarkjs zkey verify`
    /// accepts it. With a commitment round the challenges get IC points like public inputs and the
    /// committed wires their own query over δ₁ = 1 (zkml sections 20–22).
    /// - Throws: ``CeremonyError/unsuitable(path:detail:)`` when the circuit's domain is larger than
    ///   the file's power or the file is not prepared.
    /// - Complexity: per wire and basis, one doubling per bit of its largest small coefficient and
    ///   a mixed addition per set bit (``columnSum(_:_:)``); a windowed multiplication per large
    ///   coefficient; on `threads` threads.
    public static func new(_ system: R1CS, ptau: PowersOfTau, threads: Int = ActiveProcessors.count) throws(CeremonyError) -> Phase2Key {
        let m = system.constraintCount, instances = system.instanceCount, wires = system.variableCount
        var logSize = 1
        while (1 << logSize) < m + instances + 1 { logSize += 1 }
        guard logSize <= ptau.power else {
            throw .unsuitable(path: ptau.path, detail: "the circuit needs a domain of 2^\(logSize) (\(m) constraints, \(instances) public); the file's power is \(ptau.power)")
        }
        let n = 1 << logSize
        let tau1 = try ptau.lagrangeG1(.tauG1, logSize: logSize), tau2 = try ptau.lagrangeG2(logSize: logSize)
        let alpha = try ptau.lagrangeG1(.alphaTauG1, logSize: logSize), beta = try ptau.lagrangeG1(.betaTauG1, logSize: logSize)
        let top = try ptau.lagrangeG1(.tauG1, logSize: logSize + 1)
        let h = (0 ..< n).map { top[2 * $0 + 1] }

        // Each wire's column of A, B, C (rows m + i of A are the input-consistency rows).
        let columnsA = Self.columns(system.a, wires: wires, extraRows: (0 ... instances).map { (m + $0, $0) })
        let columnsB = Self.columns(system.b, wires: wires), columnsC = Self.columns(system.c, wires: wires)

        var aJ = [BN254.G1](repeating: .infinity, count: wires), b1J = aJ, kJ = aJ
        var b2J = [BN254.G2](repeating: .infinity, count: wires)
        aJ.withUnsafeMutableBufferPointer { aOut in
            b1J.withUnsafeMutableBufferPointer { b1Out in
                kJ.withUnsafeMutableBufferPointer { kOut in
                    b2J.withUnsafeMutableBufferPointer { b2Out in
                        let out = Outputs(a: aOut, b1: b1Out, k: kOut, b2: b2Out)
                        let chunk = max(1, wires / (8 * max(1, threads)))
                        ParallelFor.run(count: (wires + chunk - 1) / chunk, threads: threads) { t in
                            for i in t * chunk ..< min(wires, (t + 1) * chunk) {
                                let a = columnSum(columnsA[i], tau1)
                                var k = columnSum(columnsA[i], beta)
                                let b1 = columnSum(columnsB[i], tau1), b2 = columnSum(columnsB[i], tau2)
                                k += columnSum(columnsB[i], alpha)
                                k += columnSum(columnsC[i], tau1)
                                out.a[i] = a; out.b1[i] = b1; out.k[i] = k; out.b2[i] = b2
                            }
                        }
                    }
                }
            }
        }
        let aPoints = BN254.G1.batchNormalize(aJ), b1Points = BN254.G1.batchNormalize(b1J)
        let kPoints = BN254.G1.batchNormalize(kJ), b2Points = BN254.G2.batchNormalize(b2J)

        // Section 4: per constraint A's entries then B's, then the input-consistency rows.
        var coefficients: [Coefficient] = []
        coefficients.reserveCapacity(system.a.entryCount + system.b.entryCount + instances + 1)
        for row in 0 ..< m {
            for (index, matrix) in [system.a, system.b].enumerated() {
                for e in matrix.rowOffsets[row] ..< matrix.rowOffsets[row + 1] {
                    coefficients.append(Coefficient(matrix: UInt32(index), row: UInt32(row), wire: matrix.columns[e], value: matrix.coefficients[e]))
                }
            }
        }
        for i in 0 ... instances { coefficients.append(Coefficient(matrix: 0, row: UInt32(m + i), wire: UInt32(i), value: .one)) }

        let committed = system.committedWires
        let ic = Array(kPoints[0 ... instances])
        let query = Array(kPoints[committed])
        let l = Array(kPoints[(committed.isEmpty ? instances + 1 : committed.upperBound)...])
        let g1 = BN254.G1Affine.generator, g2 = BN254.G2Affine.generator
        var key = Phase2Key(
            variableCount: wires, publicCount: instances, domainSize: n,
            alphaG1: try ptau.scaledTauG1(beta: false, 0 ..< 1)[0], betaG1: try ptau.scaledTauG1(beta: true, 0 ..< 1)[0],
            betaG2: try ptau.betaG2(), gammaG2: g2, deltaG1: g1, deltaG2: g2,
            ic: ic, coefficients: coefficients, a: aPoints, b1: b1Points, b2: b2Points, l: l, h: h,
            circuitHash: [], contributions: [],
            commitment: system.hasCommitmentRound
                ? Commitment(publicCount: system.publicCount, deltaG1: g1, deltaG2: g2, query: query, contributions: []) : nil)
        key.circuitHash = try key.initialCircuitHash(ptau: ptau, legacyInfinity: false)
        return key
    }

    /// snarkjs's `csHash` of an initial key: BLAKE2b of α₁, β₁, β₂, γ₂, δ₁, δ₂, then each of IC,
    /// the libsnark-form H points `τʲ·Z(τ)·G1 = τ^(j+n)·G1 − τʲ·G1`, C (our L), A, B₁, B₂ as a
    /// big-endian `u32` count and the points, all uncompressed. snarkjs hashes H in chunks of
    /// 2^14 points and the last chunk whole (`2^14·⌈(n−1)/2^14⌉` points for n > 2^14), which
    /// needs powers past `2n − 2`: such a domain needs a file of power above the circuit's.
    /// A commitment round appends "zkml commitment", the statement's public count and the
    /// committed wires' points. `legacyInfinity`: points at infinity hashed as snarkjs did
    /// before May 2023 (``PointEncoding``), which keys made then carry.
    func initialCircuitHash(ptau: PowersOfTau, legacyInfinity: Bool) throws(CeremonyError) -> [UInt8] {
        var hasher = Blake2b()
        for p in [alphaG1, betaG1] { hasher.update(PointEncoding.uncompressed(p)) }
        for q in [betaG2, gammaG2] { hasher.update(PointEncoding.uncompressed(q)) }
        let legacy = legacyInfinity
        hasher.update(PointEncoding.uncompressed(deltaG1))
        hasher.update(PointEncoding.uncompressed(deltaG2))
        func count(_ n: Int) { hasher.update((0 ..< 4).map { UInt8(truncatingIfNeeded: n >> (24 - 8 * $0)) }) }
        count(ic.count)
        hasher.update(uncompressed: ic, legacyInfinity: legacy)

        let n = domainSize, chunk = 1 << 14
        count(n - 1)
        let perChunk = min(n - 1, chunk), chunks = (n - 1 + chunk - 1) / chunk
        let last = (chunks - 1) * chunk + perChunk - 1
        guard last + n < (2 << ptau.power) - 1 else {
            throw .unsuitable(path: ptau.path, detail: "snarkjs's circuit hash for a domain of 2^\(domainLogSize) reads τ^\(last + n), past this file's powers: use a powers of tau of power ≥ \(domainLogSize + 1)")
        }
        for start in stride(from: 0, to: chunks * chunk, by: chunk) where start < n - 1 {
            let low = try ptau.tauG1(start ..< start + perChunk), high = try ptau.tauG1(start + n ..< start + n + perChunk)
            let differences = (0 ..< perChunk).map { BN254.G1(high[$0]) - BN254.G1(low[$0]) }
            hasher.update(uncompressed: BN254.G1.batchNormalize(differences), legacyInfinity: legacy)
        }
        count(l.count)
        hasher.update(uncompressed: l, legacyInfinity: legacy)
        count(a.count)
        hasher.update(uncompressed: a, legacyInfinity: legacy)
        count(b1.count)
        hasher.update(uncompressed: b1, legacyInfinity: legacy)
        count(b2.count)
        hasher.update(uncompressed: b2, legacyInfinity: legacy)
        if let commitment {
            hasher.update(Array("zkml commitment".utf8))
            count(commitment.publicCount)
            count(commitment.query.count)
            hasher.update(uncompressed: commitment.query, legacyInfinity: legacy)
        }
        return hasher.finalize()
    }

    /// Each wire's entries `(row, coefficient)` in a matrix, plus `extraRows` `(row, wire)` with
    /// coefficient 1.
    static func columns(_ matrix: SparseMatrix, wires: Int, extraRows: [(Int, Int)] = []) -> [[(Int, BN254.Fr)]] {
        var columns = [[(Int, BN254.Fr)]](repeating: [], count: wires)
        for row in 0 ..< matrix.rowCount {
            for e in matrix.rowOffsets[row] ..< matrix.rowOffsets[row + 1] {
                columns[Int(matrix.columns[e])].append((row, matrix.coefficients[e]))
            }
        }
        for (row, wire) in extraRows { columns[wire].append((row, .one)) }
        return columns
    }
}

/// `Σ cⱼ·bases[rowⱼ]` over a wire's entries. Coefficients of at most 64 bits, or whose negation
/// is (quantized weights, ±1, powers of two), are summed at once by Straus's method: one doubling
/// per bit of the largest for the whole column, then a mixed addition of ±P per set bit; the others
/// by a windowed multiplication each. For a column of e small k-bit coefficients that is k
/// doublings and about e·k/2 additions instead of e·(k doublings + k/2 additions).
func columnSum<C: CurveConfig>(_ entries: [(Int, BN254.Fr)], _ bases: [AffinePoint<C>]) -> JacobianPoint<C>
    where C.ScalarField == BN254.Fr {
    var result = JacobianPoint<C>.infinity
    var small: [(point: AffinePoint<C>, magnitude: UInt64)] = []
    small.reserveCapacity(entries.count)
    var bits = 0
    for (row, c) in entries {
        let limbs = c.canonicalLimbs4
        if limbs.1 == 0 && limbs.2 == 0 && limbs.3 == 0 {
            small.append((bases[row], limbs.0))
            bits = max(bits, 64 - limbs.0.leadingZeroBitCount)
            continue
        }
        let negated = (-c).canonicalLimbs4
        if negated.1 == 0 && negated.2 == 0 && negated.3 == 0 {
            small.append((-bases[row], negated.0))
            bits = max(bits, 64 - negated.0.leadingZeroBitCount)
            continue
        }
        result += JacobianPoint(bases[row]).multiplied(by: c)
    }
    guard !small.isEmpty else { return result }
    var sum = JacobianPoint<C>.infinity
    var bit = bits - 1
    while bit >= 0 {
        sum = sum.doubled()
        for entry in small where (entry.magnitude >> UInt64(bit)) & 1 == 1 { sum += entry.point }
        bit -= 1
    }
    return result + sum
}

/// Output buffers of the per-wire sums.
private struct Outputs: @unchecked Sendable {
    // Safety: each worker writes its own wires; the buffers outlive the parallel loop.
    let a: UnsafeMutableBufferPointer<BN254.G1>
    let b1: UnsafeMutableBufferPointer<BN254.G1>
    let k: UnsafeMutableBufferPointer<BN254.G1>
    let b2: UnsafeMutableBufferPointer<BN254.G2>
}
