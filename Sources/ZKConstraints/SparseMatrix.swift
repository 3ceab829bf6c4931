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
