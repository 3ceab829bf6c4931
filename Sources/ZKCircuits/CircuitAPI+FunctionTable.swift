public import ZKField

extension LookupTable {
    /// The table of a function's rows for inputs of `n` signed bits: `(start, s, output)` per
    /// segment, and `slope` as a fourth column when any segment has one (`s` is
    /// ``FunctionSegment/selector(inputBits:)``). See
    /// ``CircuitAPI/tableFunction(_:table:segments:inputBits:)``.
    /// - Precondition: at least one segment; buckets at most `2^(n−2)` wide; starts in the
    ///   `n`-bit range.
    public static func function(name: String, segments: [FunctionSegment], inputBits n: Int) -> LookupTable {
        precondition(!segments.isEmpty, "a function table has a row")
        precondition(n >= 2 && n <= 60, "input width 2…60")
        let sloped = segments.contains { $0.slope != 0 }
        return LookupTable(name: name, columnCount: sloped ? 4 : 3, rows: segments.map { segment in
            if case let .bucket(j) = segment.span { precondition(j >= 0 && j <= n - 2, "a bucket of 2^\(j) inputs in an \(n)-bit table") }
            precondition(segment.start >= -(Int64(1) << (n - 1)) && segment.start < Int64(1) << (n - 1), "a row outside the input range")
            let row = [BN254.Fr(Int(segment.start)), BN254.Fr(Int(segment.selector(inputBits: n))), BN254.Fr(Int(segment.output))]
            return sloped ? row + [BN254.Fr(Int(segment.slope))] : row
        })
    }
}

extension CircuitAPI {
    /// `f(x)` through a function table: the row `(c, s, y[, λ])` of `segments` that covers `x`,
    /// and `y + λ·(x − c)` (ZKQuant's `FunctionTable`: buckets of `2^j` inputs, and tails below or
    /// above a point that follow a line).
    ///
    /// Wires: the row (hints) and `t`. Constraints:
    /// - `t = s·(x − c)` (one product) and `t ∈ [0, 2^n)` (``rangeCheck(_:bits:)``);
    /// - `(c, s, y[, λ])` is a row of `table` (a logUp query, ``lookup(_:in:)``);
    /// - with slopes, the output `y + λ·(x − c)` (one product).
    ///
    /// Sound and unique. `x` is an `n`-bit signed value (its producer's check) and the row's
    /// `c` lies in the same range, so `|s·(x − c)| < 2^(2n+1)` is far below `r`: `t = s·(x − c)`
    /// holds over the integers. With `s = 2^(n−j)`, `0 ≤ t < 2^n` says `0 ≤ x − c < 2^j`; with
    /// `s = −1`, `x ≤ c`; with `s = +1`, `x ≥ c` (`|x − c| < 2^n` always). So the row covers `x`,
    /// and as the rows cover disjoint inputs, exactly one row qualifies when any does: the output
    /// is that row's, and `t` is fixed by it. An `x` no row covers has no witness.
    ///
    /// - Parameters:
    ///   - table: the id ``register(_:)`` returned for
    ///     ``LookupTable/function(name:segments:inputBits:)`` of the same segments and `n`.
    ///   - segments: disjoint, by increasing start (a `below` segment first, an `above` last).
    ///   - n: the signed width of `x`, the table's.
    /// - Complexity: an `n`-bit range check, 1 product (2 with slopes), and the query's 3 (4 with
    ///   slopes). Per circuit: the table's rows once.
    @inlinable
    public func tableFunction(_ x: Signal, table: LookupTableID, segments: [FunctionSegment], inputBits n: Int) -> Signal {
        precondition(!segments.isEmpty && n >= 2 && n <= 60, "a table with rows, input width 2…60")
        let sloped = segments.contains { $0.slope != 0 }
        return withLabel("table") {
            // The covering row: the last starting at or before x.
            let row = hints([x], count: sloped ? 4 : 3) { (v: [BN254.Fr], out: inout [BN254.Fr]) throws(CircuitError) in
                guard let x = v[0].signedInt64 else { return }
                var (low, high) = (0, segments.count)
                while low < high {
                    let middle = (low + high) / 2
                    if segments[middle].start <= x { low = middle + 1 } else { high = middle }
                }
                let segment = segments[Swift.max(0, low - 1)]
                guard segment.covers(x) else { return }
                out[0] = BN254.Fr(Int(segment.start))
                out[1] = BN254.Fr(Int(segment.selector(inputBits: n)))
                out[2] = BN254.Fr(Int(segment.output))
                if sloped { out[3] = BN254.Fr(Int(segment.slope)) }
            }
            let e = sub(x, row[0])
            let t = mul(row[1], e)
            rangeCheck(t, bits: n)
            lookup(row, in: table)
            return sloped ? add(row[2], mul(row[3], e)) : row[2]
        }
    }
}
