public import ZKConstraints
public import ZKField

extension CircuitAPI {
    /// Round-half-up requantisation by `2^k` (docs/quantization.md, `rescale(k)`):
    /// `y = ⌊(x + 2^(k−1)) / 2^k⌋`, floor toward −∞, on the signed integer `x`; `k = 0` is the
    /// identity. Negative values: `rescale(−5, 1) = −2`, `rescale(−6, 2) = −1`.
    ///
    /// Enforces `x + 2^(k−1) = y · 2^k + ρ` with the remainder `ρ ∈ [0, 2^k)` (k-bit decomposition)
    /// and the quotient `y ∈ [−2^(n−1), 2^(n−1))` (signed n-bit check). See
    /// ``divide(_:by:bits:)`` for the soundness argument (this is `d = 2^k`).
    /// - Parameters:
    ///   - x: the accumulator, any signal (its range follows from the quotient's).
    ///   - k: the shift, `0 … 62`.
    ///   - n: the quotient's signed width, with `n + k ≤ 251`.
    /// - Returns: the quotient `y`, a single wire (`x` itself, range-checked, when `k = 0`).
    /// - Complexity: `n + k` constraints, `n + k − 1` wires (`n` when `k = 0`) with bits; with
    ///   limbs an n-bit and a k-bit unsigned check (``RangeCheckMode/constraints(unsignedBits:)``).
    @inlinable
    public func rescale(_ x: Signal, shift k: Int, bits n: Int) -> Signal {
        precondition(k >= 0 && k <= 62, "rescale shift must be in 0…62")
        return withLabel("rescale(k=\(k))") { roundedDivision(x, by: Int64(1) << k, bits: n, needsSign: false).quotient }
    }

    /// ``rescale(_:shift:bits:)`` also returning the quotient's sign bit from its range check
    /// (`isNonNegative` is 1 iff `y ≥ 0`), so a following ReLU costs one constraint
    /// (``relu(_:isNonNegative:)``).
    /// - Complexity: `n + k` constraints with bits; with limbs, a signed n-bit check with its sign
    ///   and a k-bit check (``RangeCheckMode``).
    @inlinable
    public func rescaleWithSign(_ x: Signal, shift k: Int, bits n: Int) -> (quotient: Signal, isNonNegative: Signal) {
        precondition(k >= 0 && k <= 62, "rescale shift must be in 0…62")
        return withLabel("rescale(k=\(k))") {
            let (quotient, sign) = roundedDivision(x, by: Int64(1) << k, bits: n, needsSign: true)
            return (quotient, sign!)
        }
    }

    /// Round-half-up division by a positive constant (docs/quantization.md, `divide(d)`):
    /// `y = ⌊(2x + d) / 2d⌋`, floor toward −∞, on the signed integer `x`. Negative values:
    /// `divide(−7, 2) = −3`, `divide(−9, 6) = −1`.
    ///
    /// The circuit uses the equal form `y = ⌊(x + ⌊d/2⌋) / d⌋` (for even `d` divide numerator and
    /// denominator by 2; for odd `d`, `x/d` is never a half so both round `x = y·d + t` up exactly
    /// when `t ≥ (d+1)/2`). It allocates the quotient `y`, defines the remainder
    /// `ρ = x + ⌊d/2⌋ − y·d` (linear, no wire) and enforces
    /// - `y ∈ [−2^(n−1), 2^(n−1))`: signed n-bit decomposition (n constraints);
    /// - `ρ ∈ [0, d)`: with `m = bitlength(d − 1)`, `ρ ∈ [0, 2^m)` and `ρ + 2^m − d ∈ [0, 2^m)`
    ///   (2m constraints; m when d is a power of two, where the second check is implied).
    ///
    /// Soundness: with both ranges enforced, `y·d + ρ` is an integer of magnitude below
    /// `2^(n−1)·d + d ≤ 2^(n+m+1)`, far below `r` (`n + bitlength(d) ≤ 251`), so the field equation
    /// `x + ⌊d/2⌋ ≡ y·d + ρ (mod r)` pins the integer `X + ⌊d/2⌋ = y·d + ρ` for the signed integer
    /// `X` that `x` represents, and Euclidean division makes `(y, ρ)` unique. A quotient outside
    /// n bits (x too large) has no witness, so nothing can wrap around the field: without the
    /// quotient check a prover could use `y + d⁻¹ (mod r)` and `ρ − 1`.
    /// - Parameters:
    ///   - x: the dividend, any signal.
    ///   - d: the divisor, `1 … 2^62`.
    ///   - n: the quotient's signed width, with `n + bitlength(d) ≤ 251`.
    /// - Returns: the quotient, a single wire (`x` itself, range-checked, when `d = 1`).
    /// - Complexity: `n + 2m` constraints, `m = bitlength(d − 1)`; `n + m` when `d` is a power of
    ///   two. With limbs (``RangeCheckMode/lookup(limbBits:)``) each n- or m-bit check costs its
    ///   limb count instead (``RangeCheckMode/constraints(unsignedBits:)``).
    @inlinable
    public func divide(_ x: Signal, by d: Int64, bits n: Int) -> Signal {
        withLabel("divide(d=\(d))") { roundedDivision(x, by: d, bits: n, needsSign: false).quotient }
    }

    /// ``divide(_:by:bits:)`` also returning the quotient's sign bit (1 iff `y ≥ 0`).
    /// - Complexity: as ``divide(_:by:bits:)`` with bits; with limbs the quotient's check is a
    ///   signed one with its sign (``signedRangeCheck(_:bits:)``).
    @inlinable
    public func divideWithSign(_ x: Signal, by d: Int64, bits n: Int) -> (quotient: Signal, isNonNegative: Signal) {
        withLabel("divide(d=\(d))") {
            let (quotient, sign) = roundedDivision(x, by: d, bits: n, needsSign: true)
            return (quotient, sign!)
        }
    }

    /// The shared gadget: `y = ⌊(x + ⌊d/2⌋) / d⌋` with both ranges enforced; the quotient's sign
    /// bit when `needsSign` (otherwise its signed check is ``rangeCheck(signed:bits:)``, the same
    /// constraints with bits, cheaper with limbs).
    @inlinable
    func roundedDivision(_ x: Signal, by d: Int64, bits n: Int, needsSign: Bool) -> (quotient: Signal, isNonNegative: Signal?) {
        precondition(d >= 1 && d <= Int64(1) << 62, "divisor must be in 1…2^62")
        let divisorBits = Int64.bitWidth - d.leadingZeroBitCount
        precondition(n >= 1 && n + divisorBits <= 251, "quotient width too large for an exact division")
        /// The quotient's signed n-bit check.
        func checkQuotient(_ quotient: Signal) -> Signal? {
            withLabel("quotient") { () -> Signal? in
                if needsSign { return signedRangeCheck(quotient, bits: n) }
                rangeCheck(signed: quotient, bits: n)
                return nil
            }
        }
        if d == 1 { return (x, checkQuotient(x)) }
        let half = d / 2
        let quotient = hint([x]) { (v: [BN254.Fr]) throws(CircuitError) in
            guard let value = v[0].signedInt64 else {
                throw .notSmallInteger(label: nil, value: v[0].signedDescription)
            }
            let (numerator, overflow) = value.addingReportingOverflow(half)
            if overflow { throw .notSmallInteger(label: nil, value: v[0].signedDescription) }
            var q = numerator / d
            if numerator % d != 0 && numerator < 0 { q -= 1 }
            return BN254.Fr(Int(q))
        }
        let sign = checkQuotient(quotient)
        let remainder = linearCombination([(x, .one), (quotient, -BN254.Fr(Int(d)))], constant: BN254.Fr(Int(half)))
        withLabel("remainder") {
            let m = Int64.bitWidth - (d - 1).leadingZeroBitCount
            recordRangeCheck(bits: m, needsSign: false)
            enforceUnsigned(remainder, bits: m, offset: .zero, range: .remainder(d))
            if d & (d - 1) != 0 {
                let shifted = add(remainder, constant: BN254.powersOfTwo[m] - BN254.Fr(Int(d)))
                recordRangeCheck(bits: m, needsSign: false)
                enforceUnsigned(shifted, bits: m, offset: BN254.powersOfTwo[m] - BN254.Fr(Int(d)), range: .remainder(d))
            }
        }
        return (quotient, sign)
    }
}
