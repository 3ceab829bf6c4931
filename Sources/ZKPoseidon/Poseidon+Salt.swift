public import ZKField

/// Salted digests: hiding commitments to a vector.
///
/// `Poseidon.hash(vector:salt:)` is the sponge of ``Poseidon/hash(vector:)`` over the values
/// followed by one more element, the salt `s ∈ [0, 2^248)`, with the capacity cell starting at
/// `2^64 + n` instead of `n` (`n` the number of values, the salt not counted). The tag keeps
/// salted and unsalted digests apart: an unsalted digest starts from its length, always below
/// 2^64, so the two are different sponges and a digest of one kind is never a digest of the
/// other (short of a Poseidon collision). The salt is absorbed last, in the same chunk as the
/// last values, so a salted digest costs one more absorbed element: at most one more permutation.
///
/// **What the salt buys.** With 248 uniform bits the digest is a hiding commitment: whoever does
/// not know the salt cannot test a candidate value against it, however few candidates there are
/// (Poseidon modelled as a random function, ~2^248 salts per candidate). Whoever knows the value
/// *and* the salt can open it (`zkml verify --input … --salt salt.json`).
extension Poseidon {
    /// Bits of a salt: salts are integers in `[0, 2^248)`, canonical BN254 scalars (r > 2^253).
    public static let saltBits = 248

    /// The capacity tag of salted digests, added to the vector's length: `2^64`.
    public static let saltedDomainTag = BN254.powersOfTwo[64]

    /// The salted digest of `values`: the sponge over `values ‖ salt`, capacity `2^64 + n`.
    /// - Parameters:
    ///   - values: the vector (any length, 0 included).
    ///   - salt: a salt below `2^248` (``randomSalt(using:)``); the gadget range-checks it.
    /// - Complexity: `⌈(n + 1) / 16⌉` permutations of width 17.
    public static func hash(vector values: [BN254.Fr], salt: BN254.Fr) -> BN254.Fr {
        sponge(values + [salt], capacity: saltedDomainTag + BN254.Fr(UInt64(values.count)))
    }

    /// The salted digest of a quantized tensor (``hash(integers:)`` with a salt).
    public static func hash(integers values: [Int64], salt: BN254.Fr) -> BN254.Fr {
        hash(vector: values.map { BN254.Fr(Int($0)) }, salt: salt)
    }

    /// A salt of ``saltBits`` uniform bits from `generator`.
    ///
    /// Use the system generator (``randomSalt()``) for real salts; a seeded one only in tests.
    public static func randomSalt(using generator: inout some RandomNumberGenerator) -> BN254.Fr {
        let top = UInt64.random(in: 0 ... .max, using: &generator) & ((1 << (saltBits - 192)) - 1)
        let limbs = (UInt64.random(in: 0 ... .max, using: &generator), UInt64.random(in: 0 ... .max, using: &generator),
                     UInt64.random(in: 0 ... .max, using: &generator), top)
        // Below 2^248 < r: always canonical.
        return BN254.Fr(canonicalLimbs: limbs)!
    }

    /// A salt of ``saltBits`` bits from the operating system's CSPRNG (`SystemRandomNumberGenerator`:
    /// `getrandom(2)` on Linux).
    public static func randomSalt() -> BN254.Fr {
        var generator = SystemRandomNumberGenerator()
        return randomSalt(using: &generator)
    }

    /// Whether `value`, as a canonical integer, is below `2^248` (a valid salt).
    public static func isValidSalt(_ value: BN254.Fr) -> Bool {
        let limbs = value.canonicalLimbs4
        return limbs.3 >> (saltBits - 192) == 0
    }

    /// Parses a salt written as decimal or `0x` hexadecimal text.
    /// - Throws: ``PoseidonError/invalidSalt(_:)`` when `text` is not an integer below `2^248`.
    public static func salt(parsing text: String) throws(PoseidonError) -> BN254.Fr {
        let value: BN254.Fr
        do { value = try digest(parsing: text) } catch { throw .invalidSalt(text) }
        guard isValidSalt(value) else { throw .invalidSalt(text) }
        return value
    }
}
