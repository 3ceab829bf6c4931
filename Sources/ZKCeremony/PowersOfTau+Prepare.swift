public import ZKCurves
internal import ZKField
internal import ZKIO
internal import ZKPoly

extension PowersOfTau {
    /// The file prepared for phase 2 (snarkjs `powersoftau prepare phase2`): sections 1–7 as
    /// they are, then 12–15, the Lagrange bases `Lᵢ(τ)·P` of every domain `2^p` (the inverse NTT
    /// of the first `2^p` powers, in the group): τ·G1 for `p ≤ power + 1` (the top block with
    /// the missing `τ^(2^(power+1) − 1)` taken as O, as snarkjs does), τ·G2, α·τ·G1 and β·τ·G1 for
    /// `p ≤ power`. Byte for byte what snarkjs writes (its header's ceremony power becomes the
    /// power, as snarkjs's does).
    /// - Complexity: about `p·2^(p−1)` group multiplications per block (seconds at power 10,
    ///   hours near 28: snarkjs's cost too; the Hermez files come prepared).
    public func prepared(threads: Int = ActiveProcessors.count) throws(CeremonyError) -> [UInt8] {
        let n = 1 << power
        let tauG1 = try self.tauG1(0 ..< 2 * n - 1), tauG2 = try self.tauG2(0 ..< n)
        let alpha = try scaledTauG1(beta: false, 0 ..< n), beta = try scaledTauG1(beta: true, 0 ..< n)
        func blocks<C: CurveConfig>(_ powers: [AffinePoint<C>], top: Int, _ encode: (AffinePoint<C>, inout [UInt8]) -> Void) -> [UInt8]
            where C.ScalarField == BN254.Fr {
            var bytes: [UInt8] = []
            for p in 0 ... top {
                var block = Array(powers.prefix(1 << p))
                while block.count < 1 << p { block.append(.infinity) }
                for point in Self.inverseNTT(block, logSize: p, threads: threads) { encode(point, &bytes) }
            }
            return bytes
        }
        var sections: [(UInt32, [UInt8])] = [(1, Self.headerSection(power: power))]
        for type in UInt32(2) ... 7 { sections.append((type, Array(bytes[self.sections[type]!]))) }
        let g1: (BN254.G1Affine, inout [UInt8]) -> Void = { PointEncoding.lem($0, into: &$1) }
        sections.append((12, blocks(tauG1, top: power + 1, g1)))
        sections.append((13, blocks(tauG2, top: power) { PointEncoding.lem($0, into: &$1) }))
        sections.append((14, blocks(alpha, top: power, g1)))
        sections.append((15, blocks(beta, top: power, g1)))
        return iden3File(magic: "ptau", sections: sections)
    }

    /// Section 1 as snarkjs writes it: `n8` = 32, q, the power, and the power again as the
    /// ceremony power.
    static func headerSection(power: Int) -> [UInt8] {
        le32(32) + (try! BN254.Fq.modulus.littleEndianBytes(count: 32)) + le32(power) + le32(power)
    }

    /// `out[k] = (1/N)·Σⱼ ω^(−jk)·in[j]` over the domain `2^logSize`, in the group: radix-2
    /// butterflies after a bit-reversal permutation, then the `1/N` scaling.
    static func inverseNTT<C: CurveConfig>(_ points: [AffinePoint<C>], logSize: Int, threads: Int) -> [AffinePoint<C>]
        where C.ScalarField == BN254.Fr {
        let n = points.count
        guard n > 1 else { return points }
        var a = points.map { JacobianPoint($0) }
        for i in 0 ..< n {
            let j = Int(UInt(i).bitReversed(bits: logSize))
            if i < j { a.swapAt(i, j) }
        }
        let domain = try! EvaluationDomain<BN254.Fr>(logSize: logSize)
        var half = 1
        while half < n {
            // ω_(2·half)⁻¹ = (ω⁻¹)^(n / (2·half)).
            let step = domain.generatorInverse.power(UInt64(n / (2 * half)))
            var powers = [BN254.Fr](repeating: .one, count: half)
            for k in 1 ..< max(1, half) { powers[k] = powers[k - 1] * step }
            let twiddles = powers
            let blocks = n / (2 * half), width = half
            a.withUnsafeMutableBufferPointer { buffer in
                let target = NTTBuffer(buffer: buffer)
                ParallelFor.run(count: blocks, threads: blocks >= 2 ? threads : 1) { block in
                    let start = block * 2 * width
                    for k in 0 ..< width {
                        let u = target.buffer[start + k]
                        let v = k == 0 ? target.buffer[start + k + width] : target.buffer[start + k + width].multiplied(by: twiddles[k])
                        target.buffer[start + k] = u + v
                        target.buffer[start + k + width] = u - v
                    }
                }
            }
            half *= 2
        }
        let scale = domain.sizeInverse
        a.withUnsafeMutableBufferPointer { buffer in
            let target = NTTBuffer(buffer: buffer)
            let chunk = max(1, n / (4 * max(1, threads)))
            ParallelFor.run(count: (n + chunk - 1) / chunk, threads: threads) { t in
                for i in t * chunk ..< min(n, (t + 1) * chunk) { target.buffer[i] = target.buffer[i].multiplied(by: scale) }
            }
        }
        return JacobianPoint.batchNormalize(a)
    }
}

private struct NTTBuffer<C: CurveConfig>: @unchecked Sendable {
    // Safety: each worker touches its own butterflies or indices; the buffer outlives the loop.
    let buffer: UnsafeMutableBufferPointer<JacobianPoint<C>>
}

extension UInt {
    fileprivate func bitReversed(bits: Int) -> UInt {
        guard bits > 0 else { return 0 }
        var value = self, result: UInt = 0
        for _ in 0 ..< bits {
            result = result << 1 | (value & 1)
            value >>= 1
        }
        return result
    }
}
