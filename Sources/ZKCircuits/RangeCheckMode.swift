/// How a circuit enforces ranges: ``CircuitAPI/rangeCheck(_:bits:)``,
/// ``CircuitAPI/signedRangeCheck(_:bits:)``, ``CircuitAPI/rangeCheck(signed:bits:)``, the remainder
/// checks of ``CircuitAPI/divide(_:by:bits:)`` and ``CircuitAPI/rescale(_:shift:bits:)``, and the
/// comparisons (``CircuitAPI/lessThan(_:_:bits:)`` and everything built on it). ``CircuitAPI/toBits(_:count:)``
/// always produces real bits.
///
/// **`.bits`** (the default): a b-bit check is a bit decomposition, `b` constraints. Circuits are
/// exactly those of zkml before lookups.
///
/// **`.lookup(limbBits: w)`**: the design of gnark's `std/rangecheck` on top of a commitment round
/// and logUp (Haböck, eprint 2022/1530). A b-bit unsigned check of `x` splits `x` into
/// `L = ⌈b/w⌉` limbs of `w` bits: limbs `1 … L−1` are hinted wires, limb 0 is the linear
/// combination `x − Σ_{k≥1} limb_k · 2^(wk)` (so recomposition costs nothing), and every limb is
/// a query into the table ``LookupTable/range(bits:)`` of `0 ..< 2^w`. When the top limb's width
/// `t = b − w(L−1)` is below `w`, the top limb is queried a second time as `limb · 2^(w−t)`, which
/// is in the table only if `limb < 2^t`.
/// - Cost: `L` constraints, `+1` when `w ∤ b`, plus the table shared by the whole circuit:
///   `2^w` constraints (one per row) and one for the final logUp sum.
/// - Soundness: every limb is in the table, so each is an integer in `[0, 2^w)` and the top one
///   in `[0, 2^t)`; then `Σ limb_k · 2^(wk)` is an integer below `2^b ≤ 2^253 < r`, and it equals
///   `x` in the field, so the canonical integer `x` is below `2^b`.
/// - The derived limb 0 is a function of `x` and the hinted limbs. It is sound because every wire
///   allocated before the challenges is committed in round one (``R1CS/committedCount``): `x`
///   and the limbs are fixed before the logUp challenge is drawn, so limb 0 cannot be adjusted to
///   the challenge either.
///
/// A signed n-bit check that needs the sign `s` (1 iff `x ≥ 0`) hints `s`, enforces it boolean
/// (1 constraint) and checks `x + 2^(n−1) − s · 2^(n−1)` to `n − 1` bits: for `s = 1` that is
/// `x ∈ [0, 2^(n−1))`, for `s = 0` it is `x ∈ [−2^(n−1), 0)`, so the two cases cover the range
/// exactly once and `s` is unique. A signed check without the sign checks `x + 2^(n−1)` to `n`
/// bits. A comparison `a < b` on n-bit values is the signed (n+1)-bit check of `a − b`.
///
/// Each check in lookup mode uses limbs only when that is strictly cheaper than bits (never for
/// a 1-bit check; for `b < w`, one limb queried twice, only when `b ≥ 3`); otherwise it is a bit decomposition (the
/// ``cost(of:limbBits:)`` model follows the same rule).
public enum RangeCheckMode: Sendable, Hashable, CustomStringConvertible {
    /// Bit decompositions.
    case bits
    /// Limbs of `limbBits` bits looked up in a range table, `limbBits` in ``limbBitsRange``.
    case lookup(limbBits: Int)

    /// The supported limb widths, `2 … 20`.
    public static let limbBitsRange = 2 ... 20

    public var description: String {
        switch self {
        case .bits: "bits"
        case let .lookup(w): "lookup(\(w))"
        }
    }

    /// The limb width, or `nil` in ``bits`` mode.
    @inlinable
    public var limbBits: Int? {
        if case let .lookup(w) = self { return w }
        return nil
    }

    /// Constraints of a b-bit unsigned check with limbs of `w` bits, ignoring the table:
    /// `⌈b/w⌉ + (w ∤ b ? 1 : 0)`.
    @inlinable
    public static func limbCost(bits b: Int, limbBits w: Int) -> Int {
        (b + w - 1) / w + (b % w == 0 ? 0 : 1)
    }

    /// Whether a b-bit unsigned check uses limbs in lookup mode with width `w` (strictly cheaper
    /// than `b` bits).
    @inlinable
    public static func usesLimbs(bits b: Int, limbBits w: Int) -> Bool {
        b >= 2 && limbCost(bits: b, limbBits: w) < b
    }

    /// Whether a signed n-bit check that needs the sign uses limbs: when its `n − 1`-bit part does.
    @inlinable
    public static func usesLimbs(signedBits n: Int, limbBits w: Int) -> Bool {
        n >= 2 && usesLimbs(bits: n - 1, limbBits: w)
    }

    /// Constraints of one b-bit unsigned check in this mode, not counting the table.
    public func constraints(unsignedBits b: Int) -> Int {
        guard let w = limbBits, Self.usesLimbs(bits: b, limbBits: w) else { return b }
        return Self.limbCost(bits: b, limbBits: w)
    }

    /// Constraints of one signed n-bit check that needs its sign, not counting the table:
    /// `n` with bits, `1 + limbCost(n − 1)` with limbs.
    public func constraints(signedBits n: Int) -> Int {
        guard let w = limbBits, Self.usesLimbs(signedBits: n, limbBits: w) else { return n }
        return 1 + Self.limbCost(bits: n - 1, limbBits: w)
    }

    /// The constraints all range checks of `histogram` cost with limbs of `w` bits, the range
    /// table included: the per-check costs (``constraints(unsignedBits:)``,
    /// ``constraints(signedBits:)``) plus, when some check uses limbs, `2^w` table rows and the
    /// final logUp sum (that one is shared with any other lookup of the circuit; the challenge and
    /// multiplicity wires cost no constraint).
    /// - Parameter w: the limb width, in ``limbBitsRange``.
    public static func cost(of histogram: RangeCheckHistogram, limbBits w: Int) -> Int {
        precondition(limbBitsRange.contains(w), "limb widths are 2…20 bits")
        let mode = RangeCheckMode.lookup(limbBits: w)
        var total = 0
        var usesTable = false
        for (b, count) in histogram.unsigned {
            total += count * mode.constraints(unsignedBits: b)
            usesTable = usesTable || usesLimbs(bits: b, limbBits: w)
        }
        for (n, count) in histogram.signed {
            total += count * mode.constraints(signedBits: n)
            usesTable = usesTable || usesLimbs(signedBits: n, limbBits: w)
        }
        return usesTable ? total + (1 << w) + 1 : total
    }

    /// The constraints all range checks of `histogram` cost in this mode (table included).
    public func cost(of histogram: RangeCheckHistogram) -> Int {
        guard let w = limbBits else { return histogram.bitsCost }
        return Self.cost(of: histogram, limbBits: w)
    }

    /// The cheapest mode for the range checks of `histogram`: the limb width in
    /// ``limbBitsRange`` of least ``cost(of:limbBits:)`` (the smallest on ties), or ``bits`` when
    /// there is no check or bits are not more expensive.
    ///
    /// The compiler builds a model once in setup mode with ``bits`` (where the histogram is
    /// recorded the same way), asks this, then builds for real.
    /// - Complexity: O(19 · distinct widths).
    public static func cheapest(for histogram: RangeCheckHistogram) -> RangeCheckMode {
        var best = RangeCheckMode.bits
        var bestCost = histogram.bitsCost
        for w in limbBitsRange {
            let cost = cost(of: histogram, limbBits: w)
            if cost < bestCost { (best, bestCost) = (.lookup(limbBits: w), cost) }
        }
        return best
    }
}

/// The range checks a circuit asked for, by width: what ``RangeCheckMode/cheapest(for:)`` needs.
/// Recorded the same way in every mode (``CircuitAPI/recordRangeCheck(bits:needsSign:)``).
public struct RangeCheckHistogram: Sendable, Hashable {
    /// Unsigned checks by bit width `b` (including signed checks that do not need their sign,
    /// which check `x + 2^(n−1)` to `n` bits, and remainders).
    public private(set) var unsigned: [Int: Int] = [:]
    /// Signed checks that need their sign, by signed width `n` (a comparison of n-bit values is
    /// an (n+1)-bit one).
    public private(set) var signed: [Int: Int] = [:]

    public init() {}

    /// Counts one check of `bits` bits.
    public mutating func record(bits: Int, needsSign: Bool) {
        if needsSign { signed[bits, default: 0] += 1 } else { unsigned[bits, default: 0] += 1 }
    }

    /// Whether no check was recorded.
    public var isEmpty: Bool { unsigned.isEmpty && signed.isEmpty }

    /// The number of checks.
    public var checkCount: Int { unsigned.values.reduce(0, +) + signed.values.reduce(0, +) }

    /// The constraints of all checks as bit decompositions: `Σ width · count`.
    public var bitsCost: Int {
        unsigned.reduce(0) { $0 + $1.key * $1.value } + signed.reduce(0) { $0 + $1.key * $1.value }
    }

    /// Adds the counts of `other`.
    public mutating func merge(_ other: RangeCheckHistogram) {
        unsigned.merge(other.unsigned, uniquingKeysWith: +)
        signed.merge(other.signed, uniquingKeysWith: +)
    }
}
