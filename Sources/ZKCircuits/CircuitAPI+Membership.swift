public import ZKField

extension CircuitAPI {
    /// The largest of `values` (signed), proved to be **one of them** and nothing more: a hinted
    /// wire `m` with `Π_i (m − v_i) = 0`. That `m` is not smaller than any `v_i` is the caller's
    /// to prove — Softmax does it for free, as the Exp table it queries on every `v_i − m` has no
    /// row above 0 (ZKCompiler's `subtractWindowMax` step, which refuses any other reader).
    ///
    /// Soundness of the half proved here: the product of the field elements `m − v_i` is zero
    /// only when one factor is (a field has no zero divisors), so `m = v_k` for some `k`. With
    /// `v_i − m ≤ 0` for every `i` proved elsewhere, `m` is the maximum, and unique.
    ///
    /// The chain `p_1 = (m − v_0)(m − v_1)`, `p_j = p_(j−1)·(m − v_j)`, the last product
    /// asserted zero. A single value is returned as is (no wire).
    /// - Precondition: `values` is not empty.
    /// - Complexity: `k − 1` constraints and `k − 1` wires (`m` and `k − 2` partial products) for
    ///   `k` values, against ``max(of:bits:)``'s `k − 1` comparisons.
    @inlinable
    public func maximumMember(of values: [Signal]) -> Signal {
        precondition(!values.isEmpty, "the maximum of no values")
        guard values.count > 1 else { return values[0] }
        return withLabel("maximumMember(\(values.count))") {
            let m = hint(values) { (v: [BN254.Fr]) throws(CircuitError) in
                // The signed reading of each value; a value beyond 64 bits has no integer order
                // here, and the caller's check will refuse whatever is chosen.
                var best: (value: Int64, element: BN254.Fr)?
                for element in v {
                    guard let value = element.signedInt64 else { continue }
                    if best == nil || value > best!.value { best = (value, element) }
                }
                return best?.element ?? v[0]
            }
            var product = sub(m, values[0])
            for value in values.dropFirst().dropLast() { product = mul(product, sub(m, value)) }
            assertProduct(product, sub(m, values[values.count - 1]), equals: constant(BN254.Fr.zero))
            return m
        }
    }
}
