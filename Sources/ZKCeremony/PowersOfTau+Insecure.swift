internal import ZKBigInt
public import ZKCurves
internal import ZKField
internal import ZKIO
internal import ZKPoly

extension PowersOfTau {
    /// The bytes of a prepared `.ptau` file of `power` made from known τ, α, β drawn from
    /// `seed`, with no contribution. **Insecure**: whoever knows the seed can forge proofs for
    /// every key made from it. For tests and benchmarks of phase 2 at sizes the public files
    /// here do not reach (`zkml bench ceremony`); `verify` rejects it (no contribution).
    /// - Complexity: about `12·2^power` G1 and `3·2^power` fixed-base multiplications.
    public static func insecureFile(power: Int, seed: UInt64, threads: Int = ActiveProcessors.count) -> [UInt8] {
        precondition((1 ... maximumPower - 1).contains(power), "power 1 … 27")
        var generator = SeededGenerator(seed: seed)
        let tau = BN254.Fr.random(using: &generator), alpha = BN254.Fr.random(using: &generator), beta = BN254.Fr.random(using: &generator)
        let n = 1 << power
        var powers = [BN254.Fr](repeating: .one, count: 2 * n)
        for i in 1 ..< 2 * n { powers[i] = powers[i - 1] * tau }
        let g1 = FixedBaseTable(base: BN254.G1Affine.generator, windowBits: 16, threads: threads)
        let g2 = FixedBaseTable(base: BN254.G2Affine.generator, windowBits: 12, threads: threads)
        func g1Section(_ scalars: [BN254.Fr]) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(64 * scalars.count)
            for p in g1.multiplyAll(scalars, threads: threads) { PointEncoding.lem(p, into: &bytes) }
            return bytes
        }
        func g2Section(_ scalars: [BN254.Fr]) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(128 * scalars.count)
            for p in g2.multiplyAll(scalars, threads: threads) { PointEncoding.lem(p, into: &bytes) }
            return bytes
        }
        // Lᵢ(τ) over the domain 2^p for every p, blocks in order; the top block of section 12 as
        // snarkjs's prepare makes it (τ^(2n−1) taken as 0): the inverse NTT of the powers.
        func lagrange(upTo top: Int, scale: BN254.Fr, zeroLast: Bool) -> [BN254.Fr] {
            var all: [BN254.Fr] = []
            for p in 0 ... top {
                var block = (0 ..< (1 << p)).map { powers[$0] * scale }
                if zeroLast && p == top { block[block.count - 1] = .zero }
                let domain = try! EvaluationDomain<BN254.Fr>(logSize: p)
                domain.inverse(&block, threads: threads)
                all += block
            }
            return all
        }
        var sections: [(UInt32, [UInt8])] = [(1, Self.headerSection(power: power))]
        sections.append((2, g1Section(Array(powers[0 ..< 2 * n - 1]))))
        sections.append((3, g2Section(Array(powers[0 ..< n]))))
        sections.append((4, g1Section(powers[0 ..< n].map { $0 * alpha })))
        sections.append((5, g1Section(powers[0 ..< n].map { $0 * beta })))
        sections.append((6, g2Section([beta])))
        sections.append((7, le32(0)))
        sections.append((12, g1Section(lagrange(upTo: power + 1, scale: .one, zeroLast: true))))
        sections.append((13, g2Section(lagrange(upTo: power, scale: .one, zeroLast: false))))
        sections.append((14, g1Section(lagrange(upTo: power, scale: alpha, zeroLast: false))))
        sections.append((15, g1Section(lagrange(upTo: power, scale: beta, zeroLast: false))))
        return iden3File(magic: "ptau", sections: sections)
    }
}
