public import ZKField

extension LookupTable {
    /// The two-column table of a function on consecutive integers: rows `(lower + i, outputs[i])`
    /// (distinct, since their inputs are).
    /// - Precondition: `outputs` is not empty.
    public static func function(name: String, lower: Int64, outputs: [Int64]) -> LookupTable {
        LookupTable(name: name, columnCount: 2,
                    rows: outputs.enumerated().map { i, y in [BN254.Fr(Int(lower) + i), BN254.Fr(Int(y))] })
    }
}

extension CircuitAPI {
    /// `outputs[clamp(x, lower, upper) − lower]` with `upper = lower + outputs.count − 1`: a
    /// function given by its values on `lower … upper` and constant beyond them (a saturating
    /// activation's table, ZKQuant's `FunctionTable`).
    ///
    /// The input is clamped to the rows (``clamp(_:lo:hi:bits:)``, leaving out a bound that an
    /// `n`-bit input cannot pass), the output is a hint, and the pair is looked up in `table`
    /// (``lookup(_:in:)``), which must be ``LookupTable/function(name:lower:outputs:)`` of the same
    /// `lower` and `outputs`. Sound because the rows' inputs are distinct: the only row whose
    /// first column is the clamped input carries its output, and logUp's identity (with the
    /// table's multiplicities) holds only when every queried pair is a row.
    ///
    /// Exact whenever a witness exists: `x` must be an `n`-bit signed value (its producer's range
    /// check), else the clamp's comparisons or the lookup fail and witness generation names the node.
    /// - Parameters:
    ///   - table: the id ``register(_:)`` returned for the function's table.
    ///   - n: the signed width of `x`.
    /// - Complexity: the clamp's cost for each bound within the `n`-bit range (``clamp(_:lo:hi:bits:)``,
    ///   0 when both bounds are beyond it) plus 2 constraints: `β·y` and the query's inverse.
    ///   Per circuit, the table's rows once (one constraint each), shared by every query.
    @inlinable
    public func tableFunction(_ x: Signal, table: LookupTableID, lower: Int64, outputs: [Int64], bits n: Int) -> Signal {
        precondition(!outputs.isEmpty, "a function table has at least one row")
        let upper = lower + Int64(outputs.count) - 1
        let lowerNeeded = lower > -(Int64(1) << (n - 1))
        let upperNeeded = upper < (Int64(1) << (n - 1)) - 1
        let width = Swift.max(n, Self.signedBits(lower), Self.signedBits(upper))
        return withLabel("table") {
            let input = clamp(x, lo: lowerNeeded ? lower : nil, hi: upperNeeded ? upper : nil, bits: width)
            let output = hint([input]) { (v: [BN254.Fr]) throws(CircuitError) in
                // The honest input is a row's (clamped); anything else fails the lookup below.
                guard let c = v[0].signedInt64, c >= lower, c <= upper else { return .zero }
                return BN254.Fr(Int(outputs[Int(c - lower)]))
            }
            lookup([input, output], in: table)
            return output
        }
    }

    /// The signed width of `value`: the least `n` with `−2^(n−1) ≤ value < 2^(n−1)`.
    @inlinable
    static func signedBits(_ value: Int64) -> Int {
        value >= 0 ? 65 - value.leadingZeroBitCount : 65 - (~value).leadingZeroBitCount
    }
}
