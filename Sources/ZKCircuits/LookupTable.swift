public import ZKField

/// A constant table of distinct rows for ``CircuitAPI/lookup(_:in:)`` queries: a name (used in
/// constraint labels and errors), a column count and the rows.
///
/// Two kinds: an explicit table of rows (a function table `(x, f(x))`, an index table…), and the
/// range table ``range(bits:)`` of the integers `0 ..< 2^w`, stored by its width only.
///
/// **Distinct rows.** logUp (Haböck, "Multivariate lookups based on logarithmic derivatives",
/// eprint 2022/1530) proves that every query is *some* row of the table by balancing
/// `Σ_j 1/(X − f_j)` against `Σ_i m_i/(X − t_i)`; a repeated row would make the multiplicities
/// ambiguous but not unsound. The rows are still required distinct (checked by a precondition),
/// so a row's multiplicity is simply the number of queries equal to it.
///
/// Equal tables (same name, columns and rows) registered twice get the same ``LookupTableID``.
public struct LookupTable: Sendable, Hashable, CustomStringConvertible {
    /// The name, e.g. `range(8)`; it appears in constraint labels (`lookup: range(8)`).
    public let name: String
    /// The number of columns of every row (and of every query into the table).
    public let columnCount: Int

    @usableFromInline
    enum Storage: Sendable, Hashable {
        /// The rows `[0], [1], …, [2^w − 1]`.
        case range(bits: Int)
        /// Row-major entries, `columnCount` per row.
        case rows([BN254.Fr])
    }

    @usableFromInline let storage: Storage
    /// Row → index, for explicit tables (membership and multiplicities in O(1)).
    let positions: [[BN254.Fr]: Int]

    /// An explicit table.
    /// - Parameters:
    ///   - name: the table's name, for labels and errors.
    ///   - columnCount: the width of every row, at least 1.
    ///   - rows: the rows, at least one, each with `columnCount` entries, pairwise distinct.
    /// - Complexity: O(rows · columns) time and memory (a hash index of the rows).
    public init(name: String, columnCount: Int, rows: [[BN254.Fr]]) {
        precondition(columnCount >= 1, "a table has at least one column")
        precondition(!rows.isEmpty, "a table has at least one row")
        var positions: [[BN254.Fr]: Int] = [:]
        positions.reserveCapacity(rows.count)
        var flat: [BN254.Fr] = []
        flat.reserveCapacity(rows.count * columnCount)
        for (i, row) in rows.enumerated() {
            precondition(row.count == columnCount, "row \(i) of table \(name) has \(row.count) entries, not \(columnCount)")
            precondition(positions.updateValue(i, forKey: row) == nil, "row \(i) of table \(name) repeats an earlier row")
            flat.append(contentsOf: row)
        }
        self.name = name
        self.columnCount = columnCount
        self.storage = .rows(flat)
        self.positions = positions
    }

    private init(rangeBits w: Int) {
        name = "range(\(w))"
        columnCount = 1
        storage = .range(bits: w)
        positions = [:]
    }

    /// The single-column table of the integers `0 ..< 2^w`, the limb table of lookup range checks
    /// (``RangeCheckMode/lookup(limbBits:)``). Stored by its width: no row is materialised.
    /// - Parameter w: the width, `1 … 20`.
    public static func range(bits w: Int) -> LookupTable {
        precondition(w >= 1 && w <= 20, "range tables have 1…20 bits")
        return LookupTable(rangeBits: w)
    }

    /// The number of rows.
    public var rowCount: Int {
        switch storage {
        case let .range(w): 1 << w
        case let .rows(flat): flat.count / columnCount
        }
    }

    /// Row `i`.
    public func row(_ i: Int) -> [BN254.Fr] {
        precondition(i >= 0 && i < rowCount, "row \(i) outside table \(name)")
        switch storage {
        case .range: return [BN254.Fr(UInt64(i))]
        case let .rows(flat): return Array(flat[i * columnCount ..< (i + 1) * columnCount])
        }
    }

    /// Entry `(i, column)`, without building the row.
    func entry(_ i: Int, column: Int) -> BN254.Fr {
        switch storage {
        case .range: BN254.Fr(UInt64(i))
        case let .rows(flat): flat[i * columnCount + column]
        }
    }

    /// The index of the row equal to `values`, or `nil` when no row is.
    public func index(of values: [BN254.Fr]) -> Int? {
        guard values.count == columnCount else { return nil }
        switch storage {
        case let .range(w):
            guard values[0].fitsUnsigned(bits: w) else { return nil }
            return Int(values[0].canonicalLimbs4.0)
        case .rows:
            return positions[values]
        }
    }

    public var description: String { name }

    public static func == (lhs: LookupTable, rhs: LookupTable) -> Bool {
        lhs.name == rhs.name && lhs.columnCount == rhs.columnCount && lhs.storage == rhs.storage
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(columnCount)
        hasher.combine(storage)
    }
}

/// A table registered with a circuit (``CircuitAPI/register(_:)``): an opaque index, valid only
/// with the builder or evaluator that returned it.
public struct LookupTableID: Sendable, Hashable {
    @usableFromInline let index: Int

    @usableFromInline
    init(index: Int) { self.index = index }
}

/// The tables of one circuit, in registration order; equal tables share an id.
struct LookupRegistry {
    private(set) var tables: [LookupTable] = []
    private var ids: [LookupTable: Int] = [:]

    /// The id of `table`, registering it when it is new.
    mutating func register(_ table: LookupTable) -> LookupTableID {
        if let index = ids[table] { return LookupTableID(index: index) }
        ids[table] = tables.count
        tables.append(table)
        return LookupTableID(index: tables.count - 1)
    }

    subscript(id: LookupTableID) -> LookupTable {
        precondition(id.index >= 0 && id.index < tables.count, "a lookup table id from another circuit")
        return tables[id.index]
    }
}
