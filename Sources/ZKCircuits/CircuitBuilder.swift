public import ZKConstraints
public import ZKField

/// The R1CS-emitting implementation of ``CircuitAPI``.
///
/// Run circuit code on a builder in ``Mode-swift.enum/setup`` mode to get the constraint system
/// (no witness closure or hint is ever called), or in ``Mode-swift.enum/proving`` mode to get the
/// same system together with a full witness. In proving mode every emitted constraint is checked
/// as it is emitted, so a wrong value is reported where it happens, with its label.
///
/// Wires are numbered internally in allocation order; ``makeR1CS()`` and ``makeWitness()``
/// renumber them so that the public wires are `1 … publicCount` in the order they were made
/// public (``publicInput(_:)`` / ``makePublic(_:)``), whenever that happened.
///
/// **Lookups.** A circuit with ``lookup(_:in:)`` queries (explicit tables, or range checks with
/// ``RangeCheckMode/lookup(limbBits:)``) is proved with a commitment round: its logUp rows are
/// added when the system or a witness is first asked for (CircuitBuilder+Lookup.swift, Haböck
/// eprint 2022/1530), the challenge wires follow the public wires, and the witness comes from
/// ``makeTwoRoundWitness()``:
///
/// ```swift
/// let builder = CircuitBuilder(mode: .proving, rangeChecks: .lookup(limbBits: 8))
/// … // the same circuit code
/// let system = try builder.makeR1CS()            // system.challengeCount, system.committedCount
/// let rounds = try builder.makeTwoRoundWitness()
/// // commit to rounds.roundOne's committed wires, derive the challenges, then
/// let witness = try rounds.complete(challenges: challenges)
/// ```
///
/// ```swift
/// let builder = CircuitBuilder(mode: .proving)
/// let x = builder.privateInput(signed: { 5 })
/// let y = builder.withLabel("node /relu") { builder.relu(x, bits: 16) }
/// _ = builder.makePublic(y)
/// let system = try builder.makeR1CS()
/// let witness = try builder.makeWitness()
/// ```
public final class CircuitBuilder: CircuitAPI {
    /// Whether witness values are computed.
    public enum Mode: Sendable, Equatable {
        /// Constraints only; value closures and hints are never called.
        case setup
        /// Constraints and every wire's value.
        case proving
    }

    public let mode: Mode
    /// How range checks are enforced (``RangeCheckMode``).
    public let rangeChecks: RangeCheckMode
    /// The range checks requested so far, by width (recorded the same way in every mode).
    public internal(set) var rangeCheckHistogram = RangeCheckHistogram()
    /// Tables, queries and, once finished, the logUp rows (CircuitBuilder+Lookup.swift).
    var lookups = LookupState()

    /// Internal wire count, including the constant-one wire 0.
    @usableFromInline var wireCount: Int = 1
    /// Values by internal wire (proving mode only); `values[0] == 1`.
    @usableFromInline var values: [BN254.Fr]
    /// Internal indices of the public wires, in the order they became public.
    var publicWires: [UInt32] = []
    /// Per internal wire, whether it is public.
    var isPublic: [Bool] = [false]
    var a = SparseMatrix()
    var b = SparseMatrix()
    var c = SparseMatrix()
    /// Per constraint, an index into `labels` or `R1CS.noLabel`.
    var labelIndices: [UInt32] = []
    var labels: [String] = []
    var labelLookup: [String: UInt32] = [:]
    /// The full labels in force, innermost last.
    var labelStack: [(text: String, index: UInt32)] = []
    /// Per constraint, its ``RowDigest`` instead of its rows (``recordDigestsOnly(expecting:)``).
    var rowDigests: [UInt64]?
    /// Entries the digested rows hold in A, B and C.
    var digestedEntries = (a: 0, b: 0, c: 0)
    /// The first failure (witness generation or a constant assertion that cannot hold).
    var firstError: CircuitError?
    /// The most non-zero terms (A, B and C together) the builder stores; past it the circuit is
    /// abandoned — later rows are dropped and ``CircuitError/tooLarge(label:constraints:terms:)`` is
    /// recorded, so a circuit too large for the caller's memory fails with that error instead of
    /// an allocation failure. Digest-only builders (a prover's) store no rows and ignore it.
    public var termLimit = Int.max
    /// The non-zero terms stored so far.
    private(set) var storedTerms = 0

    // Test hooks (internal): adversarial witnesses.
    /// When false, proving mode does not check constraints as they are emitted.
    var checksConstraints = true
    /// Called with each hint's index and outputs after it ran (proving mode); may change them.
    var tamper: ((_ hintIndex: Int, _ outputs: inout [BN254.Fr]) -> Void)?
    /// Number of `hints` calls so far.
    var hintCount = 0

    /// A builder in the given mode.
    /// - Parameters:
    ///   - reservingConstraints: expected constraint count, to size buffers up front.
    ///   - rangeChecks: how range checks are enforced; ``RangeCheckMode/bits`` (the default)
    ///     builds exactly the circuits of zkml before lookups.
    public init(mode: Mode, reservingConstraints: Int = 0, rangeChecks: RangeCheckMode = .bits) {
        if let w = rangeChecks.limbBits { precondition(RangeCheckMode.limbBitsRange.contains(w), "limb widths are 2…20 bits") }
        self.mode = mode
        self.rangeChecks = rangeChecks
        values = mode == .proving ? [.one] : []
        if reservingConstraints > 0 {
            labelIndices.reserveCapacity(reservingConstraints)
            a.reserve(rows: reservingConstraints, entries: reservingConstraints * 2)
            b.reserve(rows: reservingConstraints, entries: reservingConstraints * 2)
            c.reserve(rows: reservingConstraints, entries: reservingConstraints)
            if mode == .proving { values.reserveCapacity(reservingConstraints) }
            isPublic.reserveCapacity(reservingConstraints)
        }
    }

    /// Records, from now on, only a digest of each emitted constraint (``RowDigest``) instead of
    /// its rows, for a prover that holds the stored circuit `system` and only needs
    /// ``emitsSameConstraints(as:)``: the rebuilt matrices are never stored, so the prover's peak
    /// memory holds one circuit, not two. Sizes the other buffers like `system`.
    /// - Precondition: nothing emitted yet. ``makeR1CS()`` is unavailable afterwards.
    public func recordDigestsOnly(expecting system: R1CS) {
        precondition(constraintCount == 0, "digest recording must start before the first constraint")
        rowDigests = []
        rowDigests!.reserveCapacity(system.constraintCount)
        labelIndices.reserveCapacity(system.constraintCount)
        if mode == .proving { values.reserveCapacity(system.variableCount) }
        isPublic.reserveCapacity(system.variableCount)
    }

    /// Constraints emitted so far.
    public var constraintCount: Int { labelIndices.count }
    /// Public wires so far.
    public var publicCount: Int { publicWires.count }
    /// Private wires so far (the challenge wires of a circuit with lookups not counted).
    public var privateCount: Int { wireCount - 1 - publicWires.count - lookups.challengeWires.count }
    /// The label in force (nested labels joined by `": "`), if any.
    public var currentLabel: String? { labelStack.last?.text }
    /// The first error recorded, if any.
    public var error: CircuitError? { firstError }

    // MARK: - Allocation

    public func constant(_ value: BN254.Fr) -> Signal {
        Signal(LinearCombination(constant: value), value: nil)
    }

    public func publicInput(_ value: () throws(CircuitError) -> BN254.Fr) -> Signal {
        let signal = privateInput(value)
        markPublic(signal.combination.terms[0].variable)
        return signal
    }

    public func privateInput(_ value: () throws(CircuitError) -> BN254.Fr) -> Signal {
        let wire = allocate(1)
        if mode == .proving {
            do { values.append(try value()) } catch {
                values.append(.zero)
                record(error)
            }
        }
        return Signal(LinearCombination(Variable(index: wire)), value: nil)
    }

    public func makePublic(_ signal: Signal) -> Signal {
        if let wire = signal.wire, !isPublic[Int(wire.index)] {
            markPublic(wire)
            return signal
        }
        let copy = allocate(1)
        let value = known { valueOf(signal) }
        if let value { values.append(value) }
        let result = Signal(LinearCombination(Variable(index: copy)), value: nil)
        markPublic(Variable(index: copy))
        emit(signal.combination - result.combination, LinearCombination(.one), LinearCombination(),
             known: value.map { _ in (.zero, .one, .zero) })
        return result
    }

    // MARK: - Linear

    public func add(_ a: Signal, _ b: Signal) -> Signal {
        signal(a.combination + b.combination) { valueOf(a) + valueOf(b) }
    }

    public func sub(_ a: Signal, _ b: Signal) -> Signal {
        signal(a.combination - b.combination) { valueOf(a) - valueOf(b) }
    }

    public func mul(_ a: Signal, constant c: BN254.Fr) -> Signal {
        signal(a.combination.scaled(by: c)) { valueOf(a) * c }
    }

    public func add(_ a: Signal, constant c: BN254.Fr) -> Signal {
        c.isZero ? a : signal(a.combination + LinearCombination(constant: c)) { valueOf(a) + c }
    }

    public func linearCombination(_ terms: [(Signal, BN254.Fr)], constant: BN254.Fr) -> Signal {
        func value() -> BN254.Fr {
            var sum = constant
            for (signal, coefficient) in terms { sum += coefficient * valueOf(signal) }
            return sum
        }
        // A few signals (a remainder x − d·q, a low limb x − Σ 2^k·limb): merge their sorted
        // terms, one pass each, rather than collect and sort a long combination again.
        if terms.count <= 4 {
            var combination = LinearCombination(constant: constant)
            for (signal, coefficient) in terms where !coefficient.isZero {
                combination += signal.combination.scaled(by: coefficient)
            }
            return signal(combination, value: value)
        }
        var all: [LinearCombination.Term] = []
        all.reserveCapacity(terms.reduce(1) { $0 + $1.0.combination.terms.count })
        if !constant.isZero { all.append(.init(.one, constant)) }
        for (signal, coefficient) in terms where !coefficient.isZero {
            if coefficient == .one {
                all.append(contentsOf: signal.combination.terms)
            } else {
                for term in signal.combination.terms {
                    all.append(.init(term.variable, term.coefficient == .one ? coefficient : term.coefficient * coefficient))
                }
            }
        }
        // A dense layer's terms (one per input wire, in wire order) are usually sorted already,
        // with no repeat and no zero (both coefficients non-zero): keep them as they are.
        if zip(all, all.dropFirst()).allSatisfy({ $0.variable < $1.variable }) {
            return signal(LinearCombination(canonicalTerms: all), value: value)
        }
        return signal(LinearCombination(all), value: value)
    }

    // MARK: - Non-linear

    public func mul(_ a: Signal, _ b: Signal) -> Signal {
        if let k = a.constantValue { return mul(b, constant: k) }
        if let k = b.constantValue { return mul(a, constant: k) }
        let wire = allocate(1)
        let factors = known { (valueOf(a), valueOf(b)) }
        let value = factors.map { $0.0 * $0.1 }
        if let value { values.append(value) }
        let product = LinearCombination(Variable(index: wire))
        emit(a.combination, b.combination, product, known: factors.map { ($0.0, $0.1, value!) })
        return Signal(product, value: nil)
    }

    public func assertProduct(_ a: Signal, _ b: Signal, equals c: Signal) {
        if let x = a.constantValue, let y = b.constantValue, let z = c.constantValue {
            if x * y != z { record(.unsatisfied(label: nil, constraint: nil, a: x, b: y, c: z)) }
            return
        }
        emit(a.combination, b.combination, c.combination, known: known { (valueOf(a), valueOf(b), valueOf(c)) })
    }

    public func assertEqual(_ a: Signal, _ b: Signal) {
        let difference = a.combination - b.combination
        if difference.isConstant {
            let value = difference.constantTerm
            if !value.isZero { record(.unsatisfied(label: nil, constraint: nil, a: value, b: .one, c: .zero)) }
            return
        }
        emit(difference, LinearCombination(.one), LinearCombination(), known: known { (valueOf(a) - valueOf(b), .one, .zero) })
    }

    public func hints(_ inputs: [Signal], count: Int,
                      _ compute: (_ inputs: [BN254.Fr], _ outputs: inout [BN254.Fr]) throws(CircuitError) -> Void) -> [Signal] {
        let first = hintedWires(count: count) { (outputs: inout [BN254.Fr]) throws(CircuitError) in
            try compute(inputs.map(valueOf), &outputs)
        }
        return (0..<UInt32(count)).map {
            Signal(LinearCombination(Variable(index: first + $0)), value: nil)
        }
    }

    /// ``hints(_:count:_:)`` returning the first wire's internal index (no signal per wire).
    func hintedWires(count: Int, _ compute: (_ outputs: inout [BN254.Fr]) throws(CircuitError) -> Void) -> UInt32 {
        precondition(count >= 0)
        let first = allocate(count)
        if mode == .proving {
            var outputs = [BN254.Fr](repeating: .zero, count: count)
            do { try compute(&outputs) } catch { record(error) }
            tamper?(hintCount, &outputs)
            precondition(outputs.count == count, "a hint must not resize its outputs")
            values.append(contentsOf: outputs)
        }
        hintCount += 1
        return first
    }

    public func withLabel<Result, Failure: Error>(_ label: String, _ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        let text = labelStack.last.map { "\($0.text): \(label)" } ?? label
        labelStack.append((text, internLabel(text)))
        defer { labelStack.removeLast() }
        return try body()
    }

    public func value(of signal: Signal) -> BN254.Fr? {
        mode == .proving ? valueOf(signal) : nil
    }

    /// `signal`'s value (proving mode): the one it carries, else its combination evaluated.
    @usableFromInline
    func valueOf(_ signal: Signal) -> BN254.Fr { signal.value ?? signal.combination.evaluate(values) }

    /// Combinations at least this long carry their value (``Signal/value``, proving mode): a dense
    /// layer's is read by its rescale's hint, its limb check's hint and lookup, and the checks.
    /// Shorter ones are evaluated when read, which costs less than computing, for every signal,
    /// a value that may never be read.
    static let valuedTermCount = 16

    /// The signal of `combination`, carrying `value()` when it is long enough (proving mode).
    @inline(__always)
    func signal(_ combination: LinearCombination, value: () -> BN254.Fr) -> Signal {
        Signal(combination, value: mode == .proving && combination.terms.count >= Self.valuedTermCount ? value() : nil)
    }

    /// `compute()` in proving mode, nil in setup mode (no wire has a value there).
    @inline(__always)
    func known<T>(_ compute: () -> T) -> T? { mode == .proving ? compute() : nil }

    // MARK: - Internals

    /// Allocates `count` private wires and returns the internal index of the first.
    @usableFromInline
    func allocate(_ count: Int) -> UInt32 {
        precondition(lookups.phase != .finished, "the circuit is finished (its lookups were closed by makeR1CS or a witness): no new wire")
        let first = wireCount
        wireCount += count
        precondition(wireCount <= Int(UInt32.max), "too many wires")
        isPublic.append(contentsOf: repeatElement(false, count: count))
        return UInt32(first)
    }

    func markPublic(_ wire: Variable) {
        precondition(lookups.phase == .open, "the circuit is finished (its lookups were closed by makeR1CS or a witness): no new public wire")
        isPublic[Int(wire.index)] = true
        publicWires.append(wire.index)
    }

    /// Appends `a · b = c`, checking it in proving mode (except the logUp rows, whose values
    /// wait for the challenges), labelled with the label in force or `label`. `known` holds the
    /// three values when the caller has them (the signals' own values), else they are evaluated.
    func emit(_ a: LinearCombination, _ b: LinearCombination, _ c: LinearCombination, label: UInt32? = nil,
              known: (BN254.Fr, BN254.Fr, BN254.Fr)? = nil) {
        precondition(lookups.phase != .finished, "the circuit is finished (its lookups were closed by makeR1CS or a witness): no new constraint")
        if mode == .proving && checksConstraints && firstError == nil && lookups.phase == .open {
            let (av, bv, cv) = known ?? (a.evaluate(values), b.evaluate(values), c.evaluate(values))
            if av * bv != cv {
                record(.unsatisfied(label: nil, constraint: labelIndices.count, a: av, b: bv, c: cv))
            }
        }
        if rowDigests != nil {
            rowDigests!.append(RowDigest.of(a, b, c))
            digestedEntries.a += a.terms.count
            digestedEntries.b += b.terms.count
            digestedEntries.c += c.terms.count
        } else {
            storedTerms += a.terms.count + b.terms.count + c.terms.count
            if storedTerms > termLimit {
                if firstError == nil { firstError = .tooLarge(label: currentLabel, constraints: labelIndices.count, terms: termLimit) }
                return
            }
            self.a.append(a)
            self.b.append(b)
            self.c.append(c)
        }
        labelIndices.append(label ?? labelStack.last?.index ?? R1CS.noLabel)
    }

    func record(_ error: CircuitError) {
        if firstError == nil { firstError = error.labelled(currentLabel) }
    }

    func internLabel(_ text: String) -> UInt32 {
        if let index = labelLookup[text] { return index }
        let index = UInt32(labels.count)
        labels.append(text)
        labelLookup[text] = index
        return index
    }
}
