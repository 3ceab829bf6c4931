public import ZKField

/// A range of public signals that the verifier — not the circuit — must check to be signed
/// integers of `bits` bits: `s < 2^(bits−1)` or `s ≥ r − 2^(bits−1)`, i.e. `s` represents an
/// integer in `[−2^(bits−1), 2^(bits−1))`.
///
/// A circuit may leave the range check of a public input to its verifier: the verifier holds the
/// value, so comparing it with two constants is free, where the same check in R1CS costs one
/// constraint per bit (docs/security.md, "Range checks on public inputs"). The requirement then
/// belongs to the statement, so it travels with the verifying key (`vk.bin` section 10,
/// `zkml_public_signal_ranges` in `verification_key.json`) and every zkml verifier — native,
/// Solidity, Vyper — enforces it. A verifier that ignores it (snarkjs) accepts statements about
/// out-of-range inputs, which is why a circuit meant for such verifiers keeps the check inside.
public struct PublicSignalRange: Sendable, Equatable, Hashable {
    /// Index of the first signal (0-based, in public-signal order).
    public var offset: Int
    /// Number of consecutive signals.
    public var count: Int
    /// The signed width, `1 … 248` (so that `2^bits < r`).
    public var bits: Int

    /// - Precondition: `offset ≥ 0`, `count ≥ 1`, `1 ≤ bits ≤ 248`.
    public init(offset: Int, count: Int, bits: Int) {
        precondition(offset >= 0 && count >= 1 && (1 ... Self.maxBits).contains(bits), "invalid public signal range")
        self.offset = offset
        self.count = count
        self.bits = bits
    }

    /// The widest range a key may require (`2^248 < r`, so the two intervals never overlap).
    public static let maxBits = 248

    /// `2^(bits−1)`: adding it maps the range onto `[0, 2^bits)`.
    public var half: BN254.Fr { Self.power(bits - 1) }
    /// `2^bits`, the exclusive bound of the shifted value.
    public var width: BN254.Fr { Self.power(bits) }

    /// The signals this range covers.
    public var indices: Range<Int> { offset ..< offset + count }

    /// Whether `value` is a signed `bits`-bit integer: `(value + 2^(bits−1)) mod r < 2^bits`.
    public func contains(_ value: BN254.Fr) -> Bool { Self.fits(value + Self.power(bits - 1), bits: bits) }

    /// The first signal of `signals` (indexed like the key's public inputs) outside the range.
    /// - Precondition: `signals.count ≥ offset + count`.
    public func firstViolation(in signals: [BN254.Fr]) -> Int? {
        let half = Self.power(bits - 1)
        return indices.first { !Self.fits(signals[$0] + half, bits: bits) }
    }

    /// Whether the canonical value of `shifted` is below `2^bits`.
    static func fits(_ shifted: BN254.Fr, bits: Int) -> Bool {
        let limbs = shifted.canonicalLimbs
        for i in limbs.indices.reversed() where limbs[i] != 0 {
            return i * 64 + (64 - limbs[i].leadingZeroBitCount) <= bits
        }
        return true
    }

    /// `2^e` in Fr, `0 ≤ e < 254`.
    static func power(_ e: Int) -> BN254.Fr {
        var value = BN254.Fr.one
        for _ in 0 ..< e { value = value.doubled() }
        return value
    }

    /// Checks that `ranges` lie within `publicCount` signals and do not overlap.
    public static func validate(_ ranges: [PublicSignalRange], publicCount: Int) -> String? {
        var covered = Set<Int>()
        for range in ranges {
            guard range.offset + range.count <= publicCount else {
                return "signal range \(range.offset)..<\(range.offset + range.count) exceeds the \(publicCount) public signals"
            }
            guard covered.isDisjoint(with: range.indices) else { return "signal range at \(range.offset) overlaps another" }
            covered.formUnion(range.indices)
        }
        return nil
    }
}
