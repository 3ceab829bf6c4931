public import ZKConstraints
public import ZKField

extension CircuitAPI {
    /// The one-hot vector of an index: `y_i = 1` when `x = i` or `x = i − n` (a negative index
    /// counts from the end, as ONNX's Gather and OneHot read it), else 0, for `i ∈ [0, n)`; no
    /// witness for `x` outside `[−n, n)`.
    ///
    /// Hinted indicators `e_j` for the `2n` values `j ∈ [−n, n)` (the one for `j = 0` derived,
    /// `1 − Σ` of the others), each enforced boolean, and `x = Σ j·e_j` (one constraint); then
    /// `y_i = e_i + e_(i−n)` (linear).
    ///
    /// Soundness: booleans summing to 1 are a unit vector `e_k`; `Σ j·e_j = k` then forces
    /// `k = x` (`|k| ≤ n ≪ r`), so the indicators are unique, and an `x` outside `[−n, n)` equals
    /// no `k`: no witness.
    /// - Parameters:
    ///   - x: a signed integer.
    ///   - n: the length, `1 … 2^20`.
    /// - Returns: `n` boolean linear combinations.
    /// - Complexity: `2n + 1` constraints (`n + 1` when `nonNegative`: only `j ∈ [0, n)`; 1 for a
    ///   single non-negative value, whose indicator is the constant 1).
    @inlinable
    public func oneHot(_ x: Signal, count n: Int, nonNegative: Bool = false) -> [Signal] {
        precondition(n >= 1 && n <= 1 << 20)
        let values = nonNegative ? Array(0 ..< n) : Array(-n ..< n)
        let zero = values.firstIndex(of: 0)!
        return withLabel("oneHot(\(n))") {
            let hinted = hints([x], count: values.count - 1) { (v: [BN254.Fr], outputs: inout [BN254.Fr]) throws(CircuitError) in
                guard let value = v[0].signedInt64, let position = values.firstIndex(of: Int(clamping: value)) else {
                    throw .outOfRange(label: nil, value: v[0].signedDescription, range: "an index in [\(values.first!), \(n))")
                }
                if position != zero { outputs[position < zero ? position : position - 1] = .one }
            }
            var e = hinted
            e.insert(linearCombination(hinted.map { ($0, -BN254.Fr.one) }, constant: .one), at: zero)
            for indicator in e { assertBoolean(indicator) }
            assertEqual(x, linearCombination(zip(e, values).map { ($0, BN254.Fr($1)) }, constant: .zero))
            return (0 ..< n).map { i in
                nonNegative ? e[i] : add(e[zero + i], e[i])
            }
        }
    }
}
