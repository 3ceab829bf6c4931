internal import ZKBigInt
public import ZKCurves
public import ZKField
internal import ZKIO

/// What snarkjs (through ffjavascript) derives from a ChaCha stream: field elements, curve
/// points and the G2 point a proof of knowledge is checked against. Reproduced so that the
/// contributions in `.ptau` and `.zkey` files verify here as they do in snarkjs.
///
/// - A field element: four `nextUInt64()` as little-endian 64-bit limbs, masked to the modulus's
///   254 bits, redrawn while `≥ modulus`; the integer is taken as the element's **Montgomery
///   form** (ffjavascript hands the raw limbs to its Montgomery arithmetic), i.e. the element is
///   `v·2⁻²⁵⁶`.
/// - A point (`G.fromRng`): draw `x` (in G2: two Fq elements, real part first) and a sign bit
///   until `x³ + b` is a square; `y` is the root whose "negativity" (Fq: canonical value
///   `> (q − 1)/2`; Fq2: that of `c1`, or of `c0` when `c1 = 0`) equals the bit; in G2 the point
///   is then multiplied by the cofactor `2q − r`.
/// - `hashToG2(h)`: the G2 point drawn from the stream seeded by `h`'s first 32 bytes.
public enum SnarkjsSampling {
    /// A field element drawn as ffjavascript's `F.fromRng` draws it.
    public static func element<Config: FpConfig>(_ stream: inout ChaChaStream, as _: Fp<Config>.Type = Fp<Config>.self) -> Fp<Config> {
        let bits = Fp<Config>.modulusBitWidth
        while true {
            var limbs = (0 ..< 4).map { _ in stream.nextUInt64() }
            // Mask to the modulus's bit length (254 for both BN254 fields).
            let top = bits - 192
            if top < 64 { limbs[3] &= (1 << UInt64(top)) - 1 }
            let tuple = (limbs[0], limbs[1], limbs[2], limbs[3])
            // A value below the modulus, taken as a Montgomery representative.
            if Fp<Config>(canonicalLimbs: tuple) != nil { return Fp<Config>(montgomeryLimbs: tuple) }
        }
    }

    /// ffjavascript's sign of an Fq element: its canonical value exceeds `(q − 1)/2`.
    static func isNegative(_ x: BN254.Fq) -> Bool { x.bigInt > halfQ }

    /// ffjavascript's sign of an Fq2 element: that of `c1`, or of `c0` when `c1 = 0`.
    static func isNegative(_ x: BN254.Fq2) -> Bool { x.c1.isZero ? isNegative(x.c0) : isNegative(x.c1) }

    private static let halfQ = (BN254.Fq.modulus - BigInt(1)) / BigInt(2)

    /// `G1.fromRng`.
    public static func g1(_ stream: inout ChaChaStream) -> BN254.G1Affine {
        while true {
            let x: BN254.Fq = element(&stream)
            let greatest = stream.nextBool()
            let rhs = x * x * x + BN254.G1Config.b
            guard rhs.legendre != -1, var y = rhs.squareRoot() else { continue }
            if greatest != isNegative(y) { y = -y }
            return BN254.G1Affine(x: x, y: y)
        }
    }

    /// `G2.fromRng`: a point of the twist times the cofactor, so in the order-r subgroup.
    public static func g2(_ stream: inout ChaChaStream) -> BN254.G2Affine {
        while true {
            let x = BN254.Fq2(element(&stream) as BN254.Fq, element(&stream) as BN254.Fq)
            let greatest = stream.nextBool()
            let rhs = x * x * x + BN254.G2Config.b
            guard rhs.legendre != -1, var y = rhs.squareRoot() else { continue }
            if greatest != isNegative(y) { y = -y }
            return BN254.G2(BN254.G2Affine(x: x, y: y)).multiplied(byLimbs: g2Cofactor).affine
        }
    }

    /// `2q − r`, the order of the twist divided by r.
    static let g2Cofactor: [UInt64] = (BigInt(2) * BN254.Fq.modulus - BN254.Fr.modulus).limbs(count: 4)

    /// snarkjs `hashToG2`: the G2 point drawn from the stream keyed by `hash`.
    public static func hashToG2(_ hash: [UInt8]) -> BN254.G2Affine {
        var stream = ChaChaStream(seedBytes: hash)
        return g2(&stream)
    }

    /// snarkjs `getG2sp`: `hashToG2(BLAKE2b(personalization ‖ challenge ‖ g1_s ‖ g1_sx))`, the
    /// points uncompressed big-endian. Personalization 0, 1, 2 for τ, α, β.
    public static func g2sp(personalization: UInt8, challenge: [UInt8], g1s: BN254.G1Affine, g1sx: BN254.G1Affine) -> BN254.G2Affine {
        var hasher = Blake2b()
        hasher.update([personalization])
        hasher.update(challenge)
        hasher.update(PointEncoding.uncompressed(g1s))
        hasher.update(PointEncoding.uncompressed(g1sx))
        return hashToG2(hasher.finalize())
    }
}
