
extension CircuitAPI {
    /// `max(x, 0)` of the signed integer `x`, enforcing `x ∈ [−2^(n−1), 2^(n−1))`.
    ///
    /// One signed range check gives the sign bit `s` (1 iff `x ≥ 0`) and the output is the wire
    /// `s · x`. Sound for any input: out-of-range `x` has no witness; in range, `s` is the unique
    /// sign, so the output is `x` for `x ≥ 0` and 0 for `x < 0`.
    /// - Complexity: `n + 1` constraints; the output is one wire in `[0, 2^(n−1))`. With limbs,
    ///   ``RangeCheckMode/constraints(signedBits:)`` of `n`, plus 1.
    @inlinable
    public func relu(_ x: Signal, bits n: Int) -> Signal {
        withLabel("relu") { relu(x, isNonNegative: signedRangeCheck(x, bits: n)) }
    }

    /// `max(x, 0)` given `x`'s sign bit from an earlier signed range check of the same `x`
    /// (``signedRangeCheck(_:bits:)``, ``rescaleWithSign(_:shift:bits:)``): the wire `s · x`.
    /// Sound only if `isNonNegative` really is that sign bit.
    /// - Complexity: 1 constraint.
    @inlinable
    public func relu(_ x: Signal, isNonNegative: Signal) -> Signal {
        mul(isNonNegative, x)
    }

    /// LeakyReLU / PReLU (docs/quantization.md, `leakyRelu(a, k)`): `y = x` when `x ≥ 0`, else
    /// `⌊(x·a + 2^(k−1)) / 2^k⌋`, with `a` the slope quantized at scale `k`.
    ///
    /// Signed range check of `x` (sign `s`), `p = s·x` (the positive part), `ν = x − p` (the
    /// negative part, 0 when `x ≥ 0`), `t = rescale(a·ν, k)` with its quotient checked to `n`
    /// bits, and `y = p + t` (for `x ≥ 0`, `t = rescale(0) = 0`). A negative `x` whose scaled
    /// value leaves the `n`-bit range has no witness (the integer inference rejects it too).
    /// - Parameters:
    ///   - slope: `a`, a constant (|a| < 2^62).
    ///   - k: the slope's scale, `0 … 62`.
    ///   - n: the signed width of `x` and of the output.
    /// - Returns: `y` (a linear combination of two wires).
    /// - Complexity: `2n + k + 1` constraints with bits; with limbs a signed n-bit check with its
    ///   sign, an n-bit and a k-bit unsigned check (``RangeCheckMode``), plus 1.
    @inlinable
    public func leakyRelu(_ x: Signal, slope: Int64, shift k: Int, bits n: Int) -> Signal {
        withLabel("leakyRelu") {
            let sign = signedRangeCheck(x, bits: n)
            let positive = mul(sign, x)
            let negative = sub(x, positive)
            let scaled = rescale(mul(negative, constant: slope), shift: k, bits: n)
            return add(positive, scaled)
        }
    }

    /// `min(max(x, lo), hi)` of the signed integer `x` (ONNX Clip, saturation). A `nil` bound is
    /// absent (no comparison). Each bound costs ``lessThan(_:_:bits:)`` and ``select(_:_:_:)``.
    /// With `lo > hi` the result is the constant `hi` (ONNX's order: the maximum first, so the
    /// minimum with `hi` always wins) and costs nothing.
    ///
    /// Exact whenever a witness exists: each comparison is exact when its signed difference lies
    /// in `[−2^n, 2^n)`, which holds for `x` range-checked to `n` bits by its producer; otherwise
    /// witness generation fails. Absent bounds are not enforced: with `lo == nil` the result is
    /// `min(x, hi)`, so the caller range-checks `x` if the result must be `n`-bit.
    /// - Precondition: both bounds in `[−2^(n−1), 2^(n−1))`.
    /// - Complexity: `n + 2` constraints per present bound (`2n + 4` with both, 0 when `lo > hi`);
    ///   with limbs, ``lessThan(_:_:bits:)``'s cost plus 1 per bound.
    @inlinable
    public func clamp(_ x: Signal, lo: Int64?, hi: Int64?, bits n: Int) -> Signal {
        let limit = Int64(1) << Swift.min(62, n - 1)
        precondition(n >= 1 && n <= 63, "clamp works on at most 63-bit signed values")
        if let lo { precondition(lo >= -limit && lo < limit, "clamp bound outside the signed range") }
        if let hi { precondition(hi >= -limit && hi < limit, "clamp bound outside the signed range") }
        if let lo, let hi, lo > hi { return constant(hi) }
        return withLabel("clamp") {
            var y = x
            if let lo {
                let low = constant(lo)
                y = select(lessThan(y, low, bits: n), low, y)
            }
            if let hi {
                let high = constant(hi)
                y = select(lessThan(high, y, bits: n), high, y)
            }
            return y
        }
    }
}
