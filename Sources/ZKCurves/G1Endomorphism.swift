internal import ZKBigInt
public import ZKField

/// BN254 G1's efficient endomorphism and the scalar split it allows (Gallant, Lambert, Vanstone,
/// "Faster Point Multiplication on Elliptic Curves with Efficient Endomorphisms", CRYPTO 2001).
///
/// `φ(x, y) = (β·x, y)`, with β a primitive cube root of unity in Fq, is multiplication by λ, a
/// cube root of unity mod r. A scalar k splits as `k ≡ k₁ + k₂·λ (mod r)` with `|kᵢ| < 2^128`
/// by rounding against a short basis of the lattice `{(a, b) : a + b·λ ≡ 0 (mod r)}` (from the
/// extended Euclidean algorithm on r and λ, GLV §4), so `[k]P = [k₁]P + [k₂]φ(P)` takes half the
/// doublings. The constants are derived here from the moduli (β and λ as cube roots of 1, paired
/// by checking `φ(G) = [λ]G`), not copied.
public enum G1Endomorphism {
    struct Constants {
        let beta: BN254.Fq
        let lambda: BigInt
        let a1: BigInt, b1: BigInt, a2: BigInt, b2: BigInt
    }

    static let constants: Constants = {
        let q = BN254.Fq.modulus, r = BN254.Fr.modulus
        func cubeRoot(_ p: BigInt) -> BigInt {
            var g = BigInt(2)
            while true {
                let root = g.power((p - BigInt(1)) / BigInt(3), modulo: p)
                if root != BigInt(1) { return root }
                g += BigInt(1)
            }
        }
        let beta = BN254.Fq(reducing: cubeRoot(q))
        var lambda = cubeRoot(r)
        let g = BN254.G1Affine.generator
        let image = BN254.G1Affine(x: g.x * beta, y: g.y)
        if BN254.G1(g).multiplied(byLimbs: lambda.limbs(count: 4)).affine != image {
            lambda = (lambda * lambda).modulo(r)
        }
        precondition(BN254.G1(g).multiplied(byLimbs: lambda.limbs(count: 4)).affine == image, "no λ matches β")
        // Extended Euclid on (r, λ): rᵢ = sᵢ·r + tᵢ·λ, so (rᵢ, −tᵢ) is in the lattice.
        var (r0, r1) = (r, lambda), (t0, t1) = (BigInt(0), BigInt(1))
        let bound = BigInt(1) << 127
        while r1 >= bound {
            let quotient = r0 / r1
            (r0, r1) = (r1, r0 - quotient * r1)
            (t0, t1) = (t1, t0 - quotient * t1)
        }
        // Now r0 ≥ 2^127 > r1: v1 = (r1, −t1); v2 the shorter of (r0, −t0) and the next pair.
        let quotient = r0 / r1
        let next = (r0 - quotient * r1, t0 - quotient * t1)
        let (a1, b1) = (r1, BigInt(0) - t1)
        let normSquared = { (a: BigInt, b: BigInt) in a * a + b * b }
        let (a2, b2) = normSquared(r0, t0) <= normSquared(next.0, next.1) ? (r0, BigInt(0) - t0) : (next.0, BigInt(0) - next.1)
        return Constants(beta: beta, lambda: lambda, a1: a1, b1: b1, a2: a2, b2: b2)
    }()

    /// `(k₁, k₂)` with `k ≡ k₁ + k₂·λ (mod r)`, each below `2^128` in absolute value.
    static func split(_ k: BN254.Fr) -> (BigInt, BigInt) {
        let c = constants, r = BN254.Fr.modulus, value = k.bigInt
        // round(x / r) = ⌊(2x + r) / 2r⌋.
        func rounded(_ x: BigInt) -> BigInt { (BigInt(2) * x + r).floorDivided(by: BigInt(2) * r).quotient }
        let c1 = rounded(c.b2 * value), c2 = rounded(BigInt(0) - c.b1 * value)
        let k1 = value - c1 * c.a1 - c2 * c.a2
        let k2 = BigInt(0) - c1 * c.b1 - c2 * c.b2
        return (k1, k2)
    }

    /// The width-`w` non-adjacent form of `|k|`, least significant digit first (odd digits in
    /// `(−2^(w−1), 2^(w−1))`, at most one non-zero in any `w` consecutive).
    static func nonAdjacentForm(_ k: BigInt, width w: Int) -> [Int8] {
        var value = k.magnitude
        var digits: [Int8] = []
        let modulus = 1 << w, half = 1 << (w - 1)
        while !value.isZero {
            var digit = 0
            if value.isOdd {
                digit = Int(value.limbs(count: 4)[0] & UInt64(modulus - 1))
                if digit >= half { digit -= modulus }
                value -= BigInt(digit < 0 ? 0 : digit)
                if digit < 0 { value += BigInt(-digit) }
            }
            digits.append(Int8(digit))
            value = value >> 1
        }
        return digits
    }
}

/// `[k]P` for many G1 points and one scalar k (a ceremony contribution divides every L and H
/// point by its secret): the scalar is split and recoded once (``G1Endomorphism``, width-4 NAF of
/// both halves); each point then costs about 128 doublings and 52 additions against a table of
/// `P, 3P, 5P, 7P` and its image under φ (`β·X`), half a windowed multiplication's doublings.
public struct G1FixedScalarMultiplier: Sendable {
    let digits1: [Int8]
    let digits2: [Int8]
    let negative1: Bool
    let negative2: Bool
    let beta: BN254.Fq

    public init(_ k: BN254.Fr) {
        let (k1, k2) = G1Endomorphism.split(k)
        digits1 = G1Endomorphism.nonAdjacentForm(k1, width: 4)
        digits2 = G1Endomorphism.nonAdjacentForm(k2, width: 4)
        negative1 = k1.signum() < 0
        negative2 = k2.signum() < 0
        beta = G1Endomorphism.constants.beta
    }

    public func multiply(_ p: BN254.G1Affine) -> BN254.G1 {
        if p.isInfinity { return .infinity }
        let base = BN254.G1(p), twice = base.doubled()
        let t1 = [base, base + twice, base + twice + twice, base + twice + twice + twice]
        let t2 = t1.map { BN254.G1(x: $0.x * beta, y: $0.y, z: $0.z) }
        var acc = BN254.G1.infinity
        let count = max(digits1.count, digits2.count)
        var i = count - 1
        while i >= 0 {
            acc = acc.doubled()
            if i < digits1.count, digits1[i] != 0 {
                let d = Int(digits1[i])
                let point = t1[(abs(d) - 1) / 2]
                acc += (d < 0) != negative1 ? -point : point
            }
            if i < digits2.count, digits2[i] != 0 {
                let d = Int(digits2[i])
                let point = t2[(abs(d) - 1) / 2]
                acc += (d < 0) != negative2 ? -point : point
            }
            i -= 1
        }
        return acc
    }
}
