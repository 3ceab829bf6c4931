public import ZKField

extension CircuitAPI {
    /// 1 when `x = 0`, else 0 (as field elements; no integer interpretation).
    ///
    /// A hinted `inv` (`x⁻¹`, or 0 when `x = 0`), `m = x · inv`, output `1 − m`, and
    /// `x · (1 − m) = 0`. Soundness: if `x ≠ 0` the second constraint forces `m = 1` (output 0);
    /// if `x = 0` the first forces `m = 0` (output 1). `inv` is unconstrained when `x = 0`, but the
    /// output is unique either way; with `pinsInverse`, `inv · (1 − m) = 0` also fixes `inv = 0`
    /// there, so the whole witness is unique (a model's zero test, where every wire must be
    /// determined by the inputs).
    /// - Complexity: 2 constraints (3 with `pinsInverse`), 2 wires.
    @inlinable
    public func isZero(_ x: Signal, pinsInverse: Bool = false) -> Signal {
        withLabel("isZero") {
            let inverse = hint([x]) { (v: [BN254.Fr]) throws(CircuitError) in v[0].isZero ? .zero : v[0].inverse() }
            let product = mul(x, inverse)
            let result = add(mul(product, constant: -BN254.Fr.one), constant: .one)
            assertProduct(x, result, equals: constant(BN254.Fr.zero))
            if pinsInverse { assertProduct(inverse, result, equals: constant(BN254.Fr.zero)) }
            return result
        }
    }

    /// 1 when `a = b` (as field elements), else 0: ``isZero(_:)`` of `a − b`.
    /// - Complexity: 2 constraints.
    @inlinable
    public func isEqual(_ a: Signal, _ b: Signal) -> Signal {
        withLabel("isEqual") { isZero(sub(a, b)) }
    }

    /// `cond ? a : b` as one hinted wire `w` with `cond · (a − b) = w − b`.
    ///
    /// `cond` must be constrained boolean elsewhere (comparisons, bit decompositions and
    /// ``isZero(_:)`` produce boolean signals); with a non-boolean `cond` the output is
    /// `b + cond · (a − b)`. The output is a single wire, so folds (max, argmax) stay short.
    /// - Complexity: 1 constraint, 1 wire.
    @inlinable
    public func select(_ cond: Signal, _ a: Signal, _ b: Signal) -> Signal {
        let result = hint([cond, a, b]) { (v: [BN254.Fr]) throws(CircuitError) in v[2] + v[0] * (v[1] - v[2]) }
        assertProduct(cond, sub(a, b), equals: sub(result, b))
        return result
    }

    /// 1 when `a < b`, else 0, comparing the signed integers `a` and `b`.
    ///
    /// The signed (n+1)-bit check of `a − b` with its sign (``signedRangeCheck(_:bits:)``): with
    /// bits, `a − b + 2^n` decomposed into `n + 1` bits, the top bit 1 exactly when `a − b ≥ 0`;
    /// with limbs, a hinted sign `s` and `a − b + 2^n − s·2^n` checked to `n` bits.
    /// Sound for any inputs: a witness exists only when the signed difference `a − b` lies in
    /// `[−2^n, 2^n)` (always true for `n`-bit signed `a`, `b`), and then the result is exact. If
    /// the difference is outside, witness generation fails with ``CircuitError/outOfRange(label:value:range:)``.
    /// - Parameters:
    ///   - a: a signed value, normally range-checked to `n` bits by its producer.
    ///   - b: likewise.
    ///   - n: the signed width of the operands, `1 … 252`.
    /// - Complexity: `n + 1` constraints, `n` wires with bits; `1 + ⌈n/w⌉ + (w ∤ n ? 1 : 0)` with
    ///   limbs of `w` bits when cheaper (``RangeCheckMode/constraints(signedBits:)`` of `n + 1`);
    ///   every gadget below built on it costs that instead of `n + 1`.
    @inlinable
    public func lessThan(_ a: Signal, _ b: Signal, bits n: Int) -> Signal {
        precondition(n >= 1 && n <= 252)
        recordRangeCheck(bits: n + 1, needsSign: true)
        return withLabel("lessThan(\(n))") {
            let isNonNegative = sign(of: sub(a, b), bits: n + 1, range: .difference(n))
            return add(mul(isNonNegative, constant: -BN254.Fr.one), constant: .one)
        }
    }

    /// 1 when `a ≤ b` (signed), else 0: `1 − lessThan(b, a)`.
    /// - Complexity: `n + 1` constraints.
    @inlinable
    public func lessOrEqual(_ a: Signal, _ b: Signal, bits n: Int) -> Signal {
        add(mul(lessThan(b, a, bits: n), constant: -BN254.Fr.one), constant: .one)
    }

    /// `max(a, b)` of signed values: ``lessThan(_:_:bits:)`` then ``select(_:_:_:)``.
    /// Exact whenever a witness exists (the signed difference within `[−2^n, 2^n)`).
    /// - Complexity: `n + 2` constraints (with limbs, ``lessThan(_:_:bits:)``'s cost + 1); the
    ///   result is a single wire.
    @inlinable
    public func max(_ a: Signal, _ b: Signal, bits n: Int) -> Signal {
        withLabel("max") { select(lessThan(a, b, bits: n), b, a) }
    }

    /// The largest of `values` (signed), folding ``max(_:_:bits:)`` left to right (MaxPool,
    /// ReduceMax). A single value is returned as is, unchecked.
    /// - Precondition: `values` is not empty.
    /// - Complexity: `(k − 1)(n + 2)` constraints for `k` values (with limbs, `n + 1` is
    ///   ``lessThan(_:_:bits:)``'s cost).
    @inlinable
    public func max(of values: [Signal], bits n: Int) -> Signal {
        precondition(!values.isEmpty, "max of no values")
        return withLabel("maxOf(\(values.count))") {
            var best = values[0]
            for value in values.dropFirst() { best = max(best, value, bits: n) }
            return best
        }
    }

    /// The position (0-based, as a field element) of the largest of `values` (signed); on ties
    /// the first position, or the last when `selectLast` (ONNX ArgMax `select_last_index`).
    ///
    /// A fold keeping the best value and its index: per further value one comparison and two
    /// selects. Exact whenever a witness exists (consecutive signed differences in `[−2^n, 2^n)`).
    /// - Precondition: `values` is not empty.
    /// - Complexity: `(k − 1)(n + 3) − 1` constraints for `k ≥ 2` values (with limbs, `n + 1` is
    ///   ``lessThan(_:_:bits:)``'s cost; the last best value is
    ///   not selected), 0 for one value.
    @inlinable
    public func argMax(_ values: [Signal], bits n: Int, selectLast: Bool = false) -> Signal {
        precondition(!values.isEmpty, "argmax of no values")
        return withLabel("argMax(\(values.count))") {
            var best = values[0]
            var index = constant(BN254.Fr.zero)
            for (i, value) in values.enumerated().dropFirst() {
                // Take `value` when it is strictly larger (first on ties) or not smaller (last).
                let take = selectLast
                    ? add(mul(lessThan(value, best, bits: n), constant: -BN254.Fr.one), constant: .one)
                    : lessThan(best, value, bits: n)
                if i < values.count - 1 { best = select(take, value, best) }
                index = select(take, constant(BN254.Fr(i)), index)
            }
            return index
        }
    }
}
