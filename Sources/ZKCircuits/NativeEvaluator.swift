public import ZKField

/// The computing implementation of ``CircuitAPI``: signals are plain field elements, no
/// constraint is recorded, hints run at once and every assertion is checked on the spot.
///
/// It runs the same gadget code as ``CircuitBuilder`` (gnark's test engine plays this role), so
/// the compiler can evaluate a model in lockstep with the integer inference and tests can fuzz
/// gadgets quickly. The first failed assertion or hint is recorded with its label and thrown by
/// ``finish()``.
public final class NativeEvaluator: CircuitAPI {
    public typealias Signal = BN254.Fr

    /// The public values in the order they were made public.
    public private(set) var publicValues: [BN254.Fr] = []
    /// The number of assertions checked (`mul` not included).
    public private(set) var assertionCount = 0
    /// The first error recorded, if any.
    public private(set) var error: CircuitError?
    private var labelStack: [String] = []
    /// How range checks are enforced; the values and errors are the same in every mode.
    public let rangeChecks: RangeCheckMode
    public private(set) var rangeCheckHistogram = RangeCheckHistogram()
    private var tables = LookupRegistry()
    /// The number of lookup queries checked.
    public private(set) var lookupCount = 0

    /// An evaluator enforcing range checks as `rangeChecks` says (the builder's mode, so the
    /// same gadget code runs the same hints and lookups).
    public init(rangeChecks: RangeCheckMode = .bits) {
        if let w = rangeChecks.limbBits { precondition(RangeCheckMode.limbBitsRange.contains(w), "limb widths are 2…20 bits") }
        self.rangeChecks = rangeChecks
    }

    /// The public values, or the first error.
    /// - Throws: the first recorded ``CircuitError``.
    public func finish() throws(CircuitError) -> [BN254.Fr] {
        if let error { throw error }
        return publicValues
    }

    public func constant(_ value: BN254.Fr) -> Signal { value }

    public func publicInput(_ value: () throws(CircuitError) -> BN254.Fr) -> Signal {
        let v = privateInput(value)
        publicValues.append(v)
        return v
    }

    public func privateInput(_ value: () throws(CircuitError) -> BN254.Fr) -> Signal {
        do { return try value() } catch {
            record(error)
            return .zero
        }
    }

    public func makePublic(_ signal: Signal) -> Signal {
        publicValues.append(signal)
        return signal
    }

    public func add(_ a: Signal, _ b: Signal) -> Signal { a + b }
    public func sub(_ a: Signal, _ b: Signal) -> Signal { a - b }
    public func mul(_ a: Signal, constant c: BN254.Fr) -> Signal { a * c }
    public func add(_ a: Signal, constant c: BN254.Fr) -> Signal { a + c }

    public func linearCombination(_ terms: [(Signal, BN254.Fr)], constant: BN254.Fr) -> Signal {
        var sum = constant
        for (value, coefficient) in terms { sum += value * coefficient }
        return sum
    }

    public func mul(_ a: Signal, _ b: Signal) -> Signal { a * b }

    public func assertProduct(_ a: Signal, _ b: Signal, equals c: Signal) {
        assertionCount += 1
        if a * b != c { record(.unsatisfied(label: nil, constraint: nil, a: a, b: b, c: c)) }
    }

    public func assertEqual(_ a: Signal, _ b: Signal) {
        assertionCount += 1
        if a != b { record(.unsatisfied(label: nil, constraint: nil, a: a - b, b: .one, c: .zero)) }
    }

    public func hints(_ inputs: [Signal], count: Int,
                      _ compute: (_ inputs: [BN254.Fr], _ outputs: inout [BN254.Fr]) throws(CircuitError) -> Void) -> [Signal] {
        var outputs = [BN254.Fr](repeating: .zero, count: count)
        do { try compute(inputs, &outputs) } catch { record(error) }
        precondition(outputs.count == count, "a hint must not resize its outputs")
        return outputs
    }

    public func withLabel<Result, Failure: Error>(_ label: String, _ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        labelStack.append(label)
        defer { labelStack.removeLast() }
        return try body()
    }

    public func value(of signal: Signal) -> BN254.Fr? { signal }

    public func register(_ table: LookupTable) -> LookupTableID { tables.register(table) }

    /// Checks at once that `row` is a row of the table (recording ``CircuitError/notInTable(label:table:row:)``
    /// with the label in force when it is not).
    public func lookup(_ row: [Signal], in table: LookupTableID) {
        let table = tables[table]
        precondition(row.count == table.columnCount, "a query into \(table.name) needs \(table.columnCount) columns")
        lookupCount += 1
        if table.index(of: row) == nil {
            record(.notInTable(label: nil, table: table.name, row: row.map(\.signedDescription)))
        }
    }

    public func recordRangeCheck(bits: Int, needsSign: Bool) {
        rangeCheckHistogram.record(bits: bits, needsSign: needsSign)
    }

    private func record(_ error: CircuitError) {
        if self.error == nil {
            self.error = error.labelled(labelStack.isEmpty ? nil : labelStack.joined(separator: ": "))
        }
    }
}
