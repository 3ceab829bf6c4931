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
/// is in the table only if `limb < 2^t` — unless the mode has a **partial table** of `t` bits
/// (`partialTables`), `range(t)` of `0 ..< 2^t`, in which the top limb is looked up once instead.
/// The compiler gives a partial width its own table when the second queries it saves outnumber
/// the table's `2^t` rows (``cheapest(for:)``); for LeNet-5 at `w = 12` that halves the lookups
/// of every rescale (a 23-bit quotient is `12 + 11`, a 12-bit remainder one limb).
/// - Cost: `L` constraints, `+1` when `w ∤ b` and there is no partial table of `t` bits, plus
///   the tables shared by the whole circuit: `2^w` constraints (one per row), `2^t` per partial
///   table, and one per table for its logUp sum (each table is summed on its own: see
///   ``CircuitBuilder/lookup(_:in:)``'s extension on why one sum over several tables is unsound).
/// - Soundness: every limb is in the table, so each is an integer in `[0, 2^w)` and the top one
///   in `[0, 2^t)` (by the shifted second query, or by the partial table); then `Σ limb_k · 2^(wk)` is an integer below `2^b ≤ 2^253 < r`, and it equals
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
    /// Limbs of `limbBits` bits looked up in a range table, `limbBits` in ``limbBitsRange``; a
    /// top limb of a width in `partialTables` (sorted, distinct, each in `1 ..< limbBits`) is
    /// looked up in its own table of that width instead of twice.
    case lookup(limbBits: Int, partialTables: [Int] = [])

    /// The supported limb widths, `2 … 20`.
    public static let limbBitsRange = 2 ... 20

    public var description: String {
        switch self {
        case .bits: "bits"
        case let .lookup(w, partial) where partial.isEmpty: "lookup(\(w))"
        case let .lookup(w, partial): "lookup(\(w); \(partial.map(String.init).joined(separator: ", ")))"
        }
    }

    /// The limb width, or `nil` in ``bits`` mode.
    @inlinable
    public var limbBits: Int? {
        if case let .lookup(w, _) = self { return w }
        return nil
    }

    /// The widths of the partial tables (empty in ``bits`` mode or without any).
    @inlinable
    public var partialTables: [Int] {
        if case let .lookup(_, partial) = self { return partial }
        return []
    }

    /// Whether the limb width and partial tables are valid: `w` in ``limbBitsRange``, partial
    /// widths sorted, distinct and in `1 ..< w`.
    public var isValid: Bool {
        guard case let .lookup(w, partial) = self else { return true }
        return Self.limbBitsRange.contains(w) && partial.allSatisfy { (1 ..< w).contains($0) }
            && zip(partial, partial.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// Constraints of a b-bit unsigned check with limbs in this mode (partial tables counted),
    /// ignoring the tables; `b` in ``bits`` mode.
    @inlinable
    public func limbCost(bits b: Int) -> Int {
        guard let w = limbBits else { return b }
        let count = (b + w - 1) / w
        let top = b - w * (count - 1)
        return count + (top < w && !partialTables.contains(top) ? 1 : 0)
    }

    /// Whether a b-bit unsigned check uses limbs in this mode (strictly cheaper than `b` bits).
    @inlinable
    public func usesLimbs(bits b: Int) -> Bool {
        limbBits != nil && b >= 2 && limbCost(bits: b) < b
    }

    /// Whether a signed n-bit check that needs the sign uses limbs: when its `n − 1`-bit part does.
    @inlinable
    public func usesLimbs(signedBits n: Int) -> Bool {
        n >= 2 && usesLimbs(bits: n - 1)
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

    /// Constraints of one b-bit unsigned check in this mode, not counting the tables.
    public func constraints(unsignedBits b: Int) -> Int {
        usesLimbs(bits: b) ? limbCost(bits: b) : b
    }

    /// Constraints of one signed n-bit check that needs its sign, not counting the table:
    /// `n` with bits, `1 + limbCost(n − 1)` with limbs.
    public func constraints(signedBits n: Int) -> Int {
        usesLimbs(signedBits: n) ? 1 + limbCost(bits: n - 1) : n
    }

    /// The constraints all range checks of `histogram` cost with limbs of `w` bits and no partial
    /// table, the range table included (``cost(of:)`` of `.lookup(limbBits: w)`).
    /// - Parameter w: the limb width, in ``limbBitsRange``.
    public static func cost(of histogram: RangeCheckHistogram, limbBits w: Int) -> Int {
        precondition(limbBitsRange.contains(w), "limb widths are 2…20 bits")
        return RangeCheckMode.lookup(limbBits: w).cost(of: histogram)
    }

    /// The constraints all range checks of `histogram` cost in this mode, tables included: the
    /// per-check costs (``constraints(unsignedBits:)``, ``constraints(signedBits:)``) plus each
    /// table some check looks up (`2^w` rows for the limb table, `2^t` per partial table) with
    /// its own logUp sum (one constraint; the challenge and multiplicity wires cost none).
    public func cost(of histogram: RangeCheckHistogram) -> Int {
        guard let w = limbBits else { return histogram.bitsCost }
        var total = 0
        var used: Set<Int> = []
        func account(_ b: Int, _ count: Int, signed: Bool) {
            let limbs = usesLimbs(bits: b)
            total += count * ((limbs ? limbCost(bits: b) : b + (signed ? 1 : 0)) + (signed && limbs ? 1 : 0))
            guard limbs else { return }
            let top = b - w * ((b + w - 1) / w - 1)
            if b > w || top == w || !partialTables.contains(top) { used.insert(w) }
            if top < w && partialTables.contains(top) { used.insert(top) }
        }
        for (b, count) in histogram.unsigned { account(b, count, signed: false) }
        for (n, count) in histogram.signed { account(n - 1, count, signed: true) }
        return total + used.reduce(0) { $0 + (1 << $1) + 1 }
    }

    /// The cheapest lookup mode with limbs of `w` bits for `histogram`: a partial table of `t`
    /// bits exactly when the second queries it saves (over the checks whose top limb has `t`
    /// bits) exceed its `2^t` rows.
    public static func cheapest(for histogram: RangeCheckHistogram, limbBits w: Int) -> RangeCheckMode {
        precondition(limbBitsRange.contains(w), "limb widths are 2…20 bits")
        let plain = RangeCheckMode.lookup(limbBits: w)
        var partial: [Int] = []
        for t in 1 ..< w {
            let with = RangeCheckMode.lookup(limbBits: w, partialTables: [t])
            if with.cost(of: histogram) < plain.cost(of: histogram) { partial.append(t) }
        }
        return .lookup(limbBits: w, partialTables: partial)
    }

    /// The cheapest mode for the range checks of `histogram`: over the limb widths of
    /// ``limbBitsRange``, ``cheapest(for:limbBits:)``, the one of least ``cost(of:)`` (the
    /// smallest width on ties), or ``bits`` when there is no check or bits are not more expensive.
    ///
    /// The compiler builds a model once in setup mode with ``bits`` (where the histogram is
    /// recorded the same way), asks this, then builds for real.
    /// - Complexity: O(19² · distinct widths).
    public static func cheapest(for histogram: RangeCheckHistogram) -> RangeCheckMode {
        var best = RangeCheckMode.bits
        var bestCost = histogram.bitsCost
        for w in limbBitsRange {
            let mode = cheapest(for: histogram, limbBits: w)
            let cost = mode.cost(of: histogram)
            if cost < bestCost { (best, bestCost) = (mode, cost) }
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
