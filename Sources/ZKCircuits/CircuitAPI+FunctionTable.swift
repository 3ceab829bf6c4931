public import ZKField

extension LookupTable {
    /// The three-column table of a function on consecutive integers `lower … upper`: rows
    /// `(c, outputs[c − lower], σ_c)` with `σ = −1` on the first row, `+1` on the last and 0
    /// between (the side on which an input beyond the rows is clamped; see
    /// ``CircuitAPI/tableFunction(_:shift:table:lower:outputs:bits:)``). Rows are distinct, their
    /// first column is.
    /// - Precondition: at least two outputs.
    public static func function(name: String, lower: Int64, outputs: [Int64]) -> LookupTable {
        precondition(outputs.count >= 2, "a function table has at least two rows")
        return LookupTable(name: name, columnCount: 3, rows: outputs.enumerated().map { i, y in
            let side: BN254.Fr = i == 0 ? -.one : i == outputs.count - 1 ? .one : .zero
            return [BN254.Fr(Int(lower) + i), BN254.Fr(Int(y)), side]
        })
    }
}

extension CircuitAPI {
    /// `outputs[clamp(q, lower, upper) − lower]` for `q = ⌊(x + 2^(k−1)) / 2^k⌋` (ZKQuant's
    /// rescale, `q = x` for `k = 0`) and `upper = lower + outputs.count − 1`: a saturating
    /// activation's table (ZKQuant's `FunctionTable`) on a rescaled input, in one gadget.
    ///
    /// Wires: the quotient `q`, the row `(c, y, σ)` (hints), and `t`. Constraints:
    /// - `x + 2^(k−1) − 2^k·q ∈ [0, 2^k)` (the remainder, `k` bits);
    /// - with `e = q − c` (linear): `t = σ·e` and `e = σ·t`, and `t ∈ [0, 2^m)`;
    /// - `(c, y, σ)` is a row of `table` (``LookupTable/function(name:lower:outputs:)``, a logUp
    ///   query, ``lookup(_:in:)``).
    ///
    /// Sound and unique. `c ∈ [lower, upper]`, `σ ∈ {−1, 0, 1}` and `t ∈ [0, 2^m)` come from the
    /// table and the range check, so `q = c + σ·t` is a small integer and the remainder equation
    /// holds over the integers: `q` is the rounded quotient. Then `e = σ²·e`: an interior row
    /// (`σ = 0`) forces `c = q`; the last row (`σ = 1`) needs `t = q − upper ≥ 0`, the first
    /// (`σ = −1`) `t = lower − q ≥ 0`. For any `q` exactly one row qualifies (the table has two
    /// rows at least, so the first and last differ), and `y` is that row's output. Nothing else is
    /// free: `t = σ·e` fixes `t`.
    ///
    /// Exact whenever a witness exists: `x` must be an `n`-bit signed value (its producer's check).
    /// - Parameters:
    ///   - k: the rescale's shift, `0 … 62`.
    ///   - table: the id ``register(_:)`` returned for the function's table, of the same `lower`
    ///     and `outputs`.
    ///   - n: the signed width of `x`.
    /// - Complexity: a `k`-bit and an `m`-bit range check (``rangeCheck(_:bits:)``; `m` the width
    ///   of `2^(n−1−k) + max(|lower|, |upper|)`), 2 products, and the query's 3 (`β·y`, `β²·σ`,
    ///   the inverse). Per circuit: the table's rows once, and `β²`.
    @inlinable
    public func tableFunction(_ x: Signal, shift k: Int, table: LookupTableID, lower: Int64, outputs: [Int64],
                              bits n: Int) -> Signal {
        precondition(outputs.count >= 2, "a function table has at least two rows")
        precondition(k >= 0 && k <= 62 && n >= 1 && n <= 62, "shift 0…62, input width 1…62")
        let upper = lower + Int64(outputs.count) - 1
        let reach = (Int64(1) << Swift.max(0, n - 1 - k)) + Int64(clamping: Swift.max(lower.magnitude, upper.magnitude))
        let m = 64 - reach.leadingZeroBitCount
        return withLabel("table") {
            // q = ⌊(x + 2^(k−1)) / 2^k⌋ with its remainder checked (no wire for q when k = 0).
            let q: Signal
            if k == 0 {
                q = x
            } else {
                let half = BN254.Fr(Int(Int64(1) << (k - 1)))
                q = hint([x]) { (v: [BN254.Fr]) throws(CircuitError) in
                    guard let x = v[0].signedInt64, x.magnitude < UInt64(1) << 61 else { return .zero }
                    return BN254.Fr(Int((x + (Int64(1) << (k - 1))) >> k))
                }
                let remainder = linearCombination([(x, .one), (q, -BN254.Fr(Int(Int64(1) << k)))], constant: half)
                rangeCheck(remainder, bits: k)
            }
            // The row of clamp(q): input, output, side.
            let row = hints([q], count: 3) { (v: [BN254.Fr], out: inout [BN254.Fr]) throws(CircuitError) in
                guard let q = v[0].signedInt64 else { return }
                let c = Swift.min(Swift.max(q, lower), upper)
                out[0] = BN254.Fr(Int(c))
                out[1] = BN254.Fr(Int(outputs[Int(c - lower)]))
                out[2] = c == upper ? .one : c == lower ? -.one : .zero
            }
            let (c, y, side) = (row[0], row[1], row[2])
            let e = sub(q, c)
            let t = mul(side, e)
            assertProduct(side, t, equals: e)
            rangeCheck(t, bits: m)
            lookup([c, y, side], in: table)
            return y
        }
    }
}
