public import ZKField

extension CircuitAPI {
    /// The tests `[x ≤ T_j]` of one signed value against many constant thresholds at once (a
    /// feature against every split threshold of a tree ensemble): the position of `x` among the
    /// thresholds is proven once, and every test is then a linear combination of it.
    ///
    /// With `T_1 < … < T_K`, the intervals `I_0 = [−2^(n−1), T_1]`, `I_k = [T_k + 1, T_(k+1)]`,
    /// `I_K = [T_K + 1, 2^(n−1) − 1]` partition the signed `n`-bit range. Hinted indicators
    /// `e_1 … e_K` (and `e_0 = 1 − Σ e_k`, linear), each enforced boolean, select the interval
    /// `[lo, hi]` with `lo = Σ e_k·lo_k`, `hi = Σ e_k·hi_k` (linear), and two unsigned `n`-bit range
    /// checks enforce `x − lo ≥ 0` and `hi − x ≥ 0`. Then `[x ≤ T_j] = Σ_{k<j} e_k`.
    ///
    /// Soundness: booleans summing to 1 (`e_0` boolean too) are a unit vector `e_k`, so `lo`, `hi`
    /// are the ends of one interval; `x` is an `n`-bit signed value (its producer's check), so
    /// `x − lo` and `hi − x` lie in `(−2^n, 2^n)` and the range checks hold exactly when
    /// `lo ≤ x ≤ hi` over the integers. The intervals are disjoint: the interval, the indicators
    /// and every test are unique.
    /// - Parameters:
    ///   - x: a signed `n`-bit value.
    ///   - thresholds: increasing, distinct, each in `[−2^(n−1), 2^(n−1) − 2]` (so that no
    ///     interval is empty); at least one.
    ///   - n: the signed width of `x`, `2 … 62`.
    /// - Returns: `[x ≤ T_j]` for each threshold, in order (linear combinations of boolean wires).
    /// - Complexity: `K + 1` constraints (booleans) and two `n`-bit range checks
    ///   (``rangeCheck(_:bits:)``), for `K` thresholds; one ``lessOrEqual(_:_:bits:)`` when `K = 1`
    ///   and that is cheaper.
    @inlinable
    public func thresholdTests(_ x: Signal, thresholds: [Int64], bits n: Int) -> [Signal] {
        precondition(n >= 2 && n <= 62 && !thresholds.isEmpty)
        let lowest = -(Int64(1) << (n - 1)), highest = (Int64(1) << (n - 1)) - 1
        precondition(zip(thresholds, thresholds.dropFirst()).allSatisfy { $0 < $1 }
            && thresholds.first! >= lowest && thresholds.last! <= highest - 1, "increasing thresholds inside the width")
        let k = thresholds.count
        return withLabel("thresholds(\(k), n=\(n))") {
            if k == 1 && rangeChecks.constraints(signedBits: n + 1) < 2 + 2 * rangeChecks.constraints(unsignedBits: n) {
                return [lessOrEqual(x, constant(thresholds[0]), bits: n)]
            }
            let indicators = hints([x], count: k) { (v: [BN254.Fr], outputs: inout [BN254.Fr]) throws(CircuitError) in
                guard let value = v[0].signedInt64 else { return }
                let interval = thresholds.firstIndex { value <= $0 } ?? k
                if interval > 0 { outputs[interval - 1] = .one }
            }
            // e_1 … e_K hinted, e_0 = 1 − Σ e_k.
            let first = linearCombination(indicators.map { ($0, -BN254.Fr.one) }, constant: .one)
            let e = [first] + indicators
            for indicator in e { assertBoolean(indicator) }
            let lows = [lowest] + thresholds.map { $0 + 1 }
            let highs = thresholds + [highest]
            let lo = linearCombination(zip(e, lows).map { ($0, BN254.Fr(Int($1))) }, constant: .zero)
            let hi = linearCombination(zip(e, highs).map { ($0, BN254.Fr(Int($1))) }, constant: .zero)
            rangeCheck(sub(x, lo), bits: n)
            rangeCheck(sub(hi, x), bits: n)
            // [x ≤ T_j] = e_0 + … + e_(j−1) = 1 − (e_j + … + e_K).
            var tests: [Signal] = []
            tests.reserveCapacity(k)
            for j in 0 ..< k {
                tests.append(linearCombination(indicators[j...].map { ($0, -BN254.Fr.one) }, constant: .one))
            }
            return tests
        }
    }
}
