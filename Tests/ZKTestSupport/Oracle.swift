import ZKBigInt
import ZKField

/// Test helpers: GMP as the oracle for fixed-width field arithmetic.
public enum Oracle {
    /// The value of `x` as an integer in `0 ..< p`.
    public static func integer<F: PrimeField>(_ x: F) -> BigInt { x.bigInt }

    /// Edge values every field test includes: 0, 1, 2, p−1, p−2, R mod p, (p−1)/2, (p+1)/2, and
    /// values with the top bits of the 254-bit range set.
    public static func edgeIntegers(modulus p: BigInt) -> [BigInt] {
        let r = (BigInt(1) << 256).modulo(p)
        let top = (BigInt(1) << 253)
        return [0, 1, 2, 3, p - 1, p - 2, r, r - 1, (p - 1) >> 1, (p + 1) >> 1,
                top, top + 1, p - top, (BigInt(1) << 64) - 1, BigInt(1) << 64, BigInt(1) << 128,
                (BigInt(1) << 192) - 1, p - (BigInt(1) << 64)]
            .map { $0.modulo(p) }
    }

    /// `count` random integers in `0 ..< p` from a seeded generator, half of them with the top
    /// limb forced large (the cases that exercise the final subtraction).
    public static func randomIntegers(modulus p: BigInt, count: Int, seed: UInt64) -> [BigInt] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            var limbs = (0..<4).map { _ in rng.next() }
            if i % 2 == 0 { limbs[3] |= 0x3000_0000_0000_0000 }
            return BigInt(limbs: limbs).modulo(p)
        }
    }
}
