public import ZKConstraints
public import ZKField

/// Range checks in both modes of ``RangeCheckMode``: bit decompositions (``CircuitAPI/toBits(_:count:)``'s
/// gadget) or limbs looked up in a range table (gnark's `std/rangecheck` design over logUp,
/// Haböck eprint 2022/1530). Each public check records its width in
/// ``CircuitAPI/rangeCheckHistogram`` in every mode.
extension CircuitAPI {
    /// Enforces `x ∈ [0, 2^n)` (unsigned range check, the canonical integer below `2^n`; a
    /// negative value `r − |q|` is out of range). Produces no bits: use ``toBits(_:count:)`` for
    /// bits.
    ///
    /// With ``RangeCheckMode/lookup(limbBits:)`` `w`: `L = ⌈n/w⌉` limbs, limbs `1 … L−1` hinted,
    /// limb 0 derived linearly, each looked up in the range table, the top limb twice when
    /// `w ∤ n` (soundness: ``RangeCheckMode``).
    /// - Parameters:
    ///   - x: the value.
    ///   - n: the bit count, `1 … 253`.
    /// - Complexity: `n` constraints with bits; `⌈n/w⌉ + (w ∤ n ? 1 : 0)` with limbs of `w`
    ///   bits (bits when that is not cheaper), plus the range table shared by the circuit
    ///   (`2^w + 1`).
    @inlinable
    public func rangeCheck(_ x: Signal, bits n: Int) {
        recordRangeCheck(bits: n, needsSign: false)
        withLabel("range(\(n))") { enforceUnsigned(x, bits: n, offset: .zero, range: .unsigned(n)) }
    }

    /// Enforces `x ∈ [−2^(n−1), 2^(n−1))` in zkml's signed representation and returns its sign.
    ///
    /// With bits: decomposes `x + 2^(n−1)` into `n` bits; the top bit is 1 exactly when `x ≥ 0`.
    /// With limbs: a hinted sign `s` enforced boolean and `x + 2^(n−1) − s·2^(n−1)` checked to
    /// `n − 1` bits (for `s = 1` that is `x ∈ [0, 2^(n−1))`, for `s = 0` `x ∈ [−2^(n−1), 0)`,
    /// so `s` is unique).
    ///
    /// Soundness: either way `x + 2^(n−1) ∈ [0, 2^n)` as a canonical integer, i.e. `x` is `q` or
    /// `r − |q|` for an integer `q` in the range.
    /// - Parameter n: the signed width, `1 … 253`.
    /// - Returns: the boolean signal `isNonNegative` (1 iff `x ≥ 0`).
    /// - Complexity: `n` constraints with bits; `1 + ⌈(n−1)/w⌉ + (w ∤ n−1 ? 1 : 0)` with limbs
    ///   (bits when that is not cheaper), plus the shared range table.
    @inlinable @discardableResult
    public func signedRangeCheck(_ x: Signal, bits n: Int) -> Signal {
        recordRangeCheck(bits: n, needsSign: true)
        return withLabel("signedRange(\(n))") { sign(of: x, bits: n, range: .signed(n)) }
    }

    /// Enforces `x ∈ [−2^(n−1), 2^(n−1))` without its sign: an unsigned n-bit check of
    /// `x + 2^(n−1)`. With bits, the same constraints as ``signedRangeCheck(_:bits:)``; with
    /// limbs, cheaper (no sign wire).
    /// - Parameter n: the signed width, `1 … 253`.
    /// - Complexity: as ``rangeCheck(_:bits:)`` with `n` bits.
    @inlinable
    public func rangeCheck(signed x: Signal, bits n: Int) {
        recordRangeCheck(bits: n, needsSign: false)
        withLabel("signedRange(\(n))") {
            let offset = BN254.powersOfTwo[n - 1]
            enforceUnsigned(add(x, constant: offset), bits: n, offset: offset, range: .signed(n))
        }
    }

    /// Enforces `x ∈ [0, 2^b)` in the builder's mode (no histogram entry, no label): bits, or
    /// limbs when the mode has them and they are cheaper. `offset` is subtracted from the value
    /// in error messages.
    @inlinable
    func enforceUnsigned(_ x: Signal, bits b: Int, offset: BN254.Fr, range: EnforcedRange) {
        if let w = rangeChecks.limbBits, rangeChecks.usesLimbs(bits: b) {
            limbCheck(x, bits: b, limbBits: w, offset: offset, range: range)
        } else {
            _ = decompose(x, count: b, offset: offset, range: range)
        }
    }

    /// The sign bit (1 iff `x ≥ 0`) of `x`, enforcing `x ∈ [−2^(n−1), 2^(n−1))` (see
    /// ``signedRangeCheck(_:bits:)``; no histogram entry, no label).
    @inlinable
    func sign(of x: Signal, bits n: Int, range: EnforcedRange) -> Signal {
        precondition(n >= 1 && n <= 253, "range checks are limited to 1…253 bits")
        let offset = BN254.powersOfTwo[n - 1]
        let shifted = add(x, constant: offset)
        guard let w = rangeChecks.limbBits, rangeChecks.usesLimbs(signedBits: n) else {
            return decompose(shifted, count: n, offset: offset, range: range)[n - 1]
        }
        let sign = hints([shifted], count: 1) { (inputs: [BN254.Fr], outputs: inout [BN254.Fr]) throws(CircuitError) in
            outputs[0] = inputs[0].canonicalBits(from: n - 1, count: 1) == 1 ? .one : .zero
            if !inputs[0].fitsUnsigned(bits: n) {
                throw .outOfRange(label: nil, value: (inputs[0] - offset).signedDescription, range: range.description)
            }
        }[0]
        assertBoolean(sign)
        // x + 2^(n−1) − s·2^(n−1): x itself when s = 1, x + 2^(n−1) when s = 0.
        let low = linearCombination([(shifted, .one), (sign, -offset)], constant: .zero)
        limbCheck(low, bits: n - 1, limbBits: w, offset: .zero, range: range)
        return sign
    }

    /// The limb check of `x ∈ [0, 2^b)` with limbs of `w` bits (``RangeCheckMode``): limbs
    /// `1 … L−1` hinted, limb 0 `= x − Σ limb_k · 2^(wk)`, each looked up in `range(w)`; when the
    /// top limb's width `t = b − w(L−1)` is below `w`, the top limb is looked up in the partial
    /// table `range(t)` instead if the mode has one, else also as `limb · 2^(w−t)` in `range(w)`.
    /// - Complexity: `L + (t < w and no partial table ? 1 : 0)` queries, `L − 1` wires.
    @inlinable
    func limbCheck(_ x: Signal, bits b: Int, limbBits w: Int, offset: BN254.Fr, range: EnforcedRange) {
        precondition(b >= 1 && b <= 253, "range checks are limited to 1…253 bits")
        precondition(RangeCheckMode.limbBitsRange.contains(w), "limb widths are 2…20 bits")
        let count = (b + w - 1) / w
        let top = b - w * (count - 1)
        // The hint runs even with no output wire (one limb): it reports an out-of-range value.
        let high = hints([x], count: count - 1) { (inputs: [BN254.Fr], outputs: inout [BN254.Fr]) throws(CircuitError) in
            let value = inputs[0]
            for k in outputs.indices { outputs[k] = BN254.Fr(value.canonicalBits(from: w * (k + 1), count: w)) }
            if !value.fitsUnsigned(bits: b) {
                throw .outOfRange(label: nil, value: (value - offset).signedDescription, range: range.description)
            }
        }
        var low = x
        if !high.isEmpty {
            var terms: [(Signal, BN254.Fr)] = [(x, .one)]
            terms.reserveCapacity(count)
            for (k, limb) in high.enumerated() { terms.append((limb, -BN254.powersOfTwo[w * (k + 1)])) }
            low = linearCombination(terms, constant: .zero)
        }
        let limbs = [low] + high
        if top < w, rangeChecks.partialTables.contains(top) {
            if limbs.count > 1 {
                let table = register(.range(bits: w))
                for limb in limbs.dropLast() { lookup([limb], in: table) }
            }
            lookup([limbs.last!], in: register(.range(bits: top)))
            return
        }
        let table = register(.range(bits: w))
        for limb in limbs { lookup([limb], in: table) }
        if top < w {
            lookup([mul(limbs.last!, constant: BN254.powersOfTwo[w - top])], in: table)
        }
    }
}
