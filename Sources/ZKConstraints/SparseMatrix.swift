public import ZKField

/// A row-major sparse matrix over `BN254.Fr` in compressed-sparse-row form: one of the A, B, C
/// matrices of an R1CS, one row per constraint, one column per wire.
///
/// Three flat arrays instead of one array per row keep a million-constraint system in a few
/// allocations and make `matrix · w` a single linear scan.
public struct SparseMatrix: Sendable, Equatable {
    /// `rowOffsets[i] ..< rowOffsets[i + 1]` indexes the entries of row `i`; `rowOffsets[0] == 0`.
    public private(set) var rowOffsets: [Int]
    /// The column (wire index) of each entry, strictly increasing within a row.
    public private(set) var columns: [UInt32]
    /// The coefficient of each entry, never zero.
    public private(set) var coefficients: [BN254.Fr]

    public init() {
        rowOffsets = [0]
        columns = []
        coefficients = []
    }

    public var rowCount: Int { rowOffsets.count - 1 }
    /// The number of stored (non-zero) entries.
    public var entryCount: Int { columns.count }

    /// Appends a row.
    public mutating func append(_ row: LinearCombination) {
        for term in row.terms {
            columns.append(term.variable.index)
            coefficients.append(term.coefficient)
        }
        rowOffsets.append(columns.count)
    }

    /// Reserves room for `rows` more rows and `entries` more entries.
    public mutating func reserve(rows: Int, entries: Int) {
        rowOffsets.reserveCapacity(rowOffsets.count + rows)
        columns.reserveCapacity(columns.count + entries)
        coefficients.reserveCapacity(coefficients.count + entries)
    }

    /// Row `i` as a linear combination.
    public func row(_ i: Int) -> LinearCombination {
        let range = rowOffsets[i] ..< rowOffsets[i + 1]
        return LinearCombination(canonicalTerms: range.map {
            LinearCombination.Term(Variable(index: columns[$0]), coefficients[$0])
        })
    }

    /// `⟨row i, values⟩`.
    @inlinable
    public func evaluateRow(_ i: Int, _ values: UnsafeBufferPointer<BN254.Fr>) -> BN254.Fr {
        var sum = BN254.Fr.zero
        var k = rowOffsets[i]
        let end = rowOffsets[i + 1]
        columns.withUnsafeBufferPointer { columns in
            coefficients.withUnsafeBufferPointer { coefficients in
                while k < end {
                    sum += coefficients[k] * values[Int(columns[k])]
                    k += 1
                }
            }
        }
        return sum
    }

    /// `⟨row j, values⟩` for every row `j` in `rows`, written to `output[j − rows.lowerBound]`.
    ///
    /// Gathers before it multiplies: the values that a block of consecutive rows reads are first
    /// copied into `scratch` in entry order, then the rows are summed from there. The gather loop is
    /// only loads and stores, so the CPU keeps many of its (scattered, cache-missing) loads in
    /// flight; one multiply-and-add per load, as in `evaluateRow`, leaves room for only a few. On
    /// the 2^20 synthetic circuit (16 random wires per row out of 16 MB of witness) this cut the
    /// row evaluation of the witness map from ≈ 2.2 to ≈ 0.5 CPU-seconds (docs/benchmarks.md).
    /// A row longer than `scratch` is evaluated directly.
    /// - Precondition: `output.count ≥ rows.count`, `scratch.count ≥ 1`, `rows` within the matrix,
    ///   and every column of those rows below `values.count` (true for a witness of the system's length).
    public func evaluateRows(_ rows: Range<Int>, _ values: UnsafeBufferPointer<BN254.Fr>,
                             into output: UnsafeMutableBufferPointer<BN254.Fr>,
                             scratch: UnsafeMutableBufferPointer<BN254.Fr>) {
        precondition(output.count >= rows.count && scratch.count >= 1 && rows.upperBound <= rowCount)
        let capacity = scratch.count
        rowOffsets.withUnsafeBufferPointer { offsets in
            columns.withUnsafeBufferPointer { columns in
                coefficients.withUnsafeBufferPointer { coefficients in
                    var row = rows.lowerBound
                    while row < rows.upperBound {
                        let start = offsets[row]
                        var end = row
                        while end < rows.upperBound && offsets[end + 1] - start <= capacity { end += 1 }
                        if end == row {
                            // One row longer than the scratch buffer.
                            output[row - rows.lowerBound] = evaluateRow(row, values)
                            row += 1
                            continue
                        }
                        let count = offsets[end] - start
                        for k in 0 ..< count { scratch[k] = values[Int(columns[start + k])] }
                        for r in row ..< end {
                            var sum = BN254.Fr.zero
                            for k in offsets[r] ..< offsets[r + 1] { sum += coefficients[k] * scratch[k - start] }
                            output[r - rows.lowerBound] = sum
                        }
                        row = end
                    }
                }
            }
        }
    }

    /// The largest column index plus one (0 for an empty matrix).
    public var columnBound: Int { Int(columns.max() ?? 0) + (columns.isEmpty ? 0 : 1) }
}

extension SparseMatrix {
    /// Assembles a matrix from its arrays (the file readers use this).
    /// - Precondition: the arrays satisfy the CSR invariants.
    init(rowOffsets: [Int], columns: [UInt32], coefficients: [BN254.Fr]) {
        precondition(rowOffsets.first == 0 && rowOffsets.last == columns.count
                     && columns.count == coefficients.count)
        self.rowOffsets = rowOffsets
        self.columns = columns
        self.coefficients = coefficients
    }
}
