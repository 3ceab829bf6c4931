public import ZKField

/// The frontend API every circuit and gadget is written against, in the spirit of gnark's
/// `frontend.API`: gadget code is written once, generic over `API: CircuitAPI`, and runs
///
/// - on ``CircuitBuilder``, which emits an ``R1CS`` (and, in proving mode, the ``Witness``);
/// - on ``NativeEvaluator``, which only computes (lockstep with the integer inference, fast tests).
///
/// Values are elements of BN254's scalar field. A signed integer `q` is represented as `q` when
/// `q ≥ 0` and `r − |q|` when `q < 0` (docs/quantization.md); gadgets that interpret values as
/// integers say so and state the ranges they enforce.
///
/// **Costs.** Linear operations (``add(_:_:)``, ``sub(_:_:)``, ``mul(_:constant:)``,
/// ``add(_:constant:)``, ``linearCombination(_:constant:)``) build linear combinations: no
/// constraint, no wire. ``mul(_:_:)`` costs one constraint (none when an operand is a constant),
/// ``assertProduct(_:_:equals:)`` and ``assertEqual(_:_:)`` one each.
///
/// **Witness values** come only from closures: input closures and hints. A builder in setup mode
/// never calls them, so setup needs no input.
///
/// **Errors** do not throw through gadget code: the first failure (a hint that finds a value out
/// of range, an assertion that does not hold) is recorded with the label in force and reported by
/// ``CircuitBuilder/makeWitness()`` or ``NativeEvaluator/finish()``.
public protocol CircuitAPI: AnyObject {
    /// A value in the circuit: a linear combination of wires in the builder, a field element in
    /// the evaluator.
    associatedtype Signal

    // MARK: Allocation

    /// The constant `value` (free).
    func constant(_ value: BN254.Fr) -> Signal

    /// A new public input wire, numbered after the public inputs allocated before it.
    /// - Parameter value: its value; called only when witness values are computed.
    func publicInput(_ value: () throws(CircuitError) -> BN254.Fr) -> Signal

    /// A new private input wire.
    /// - Parameter value: its value; called only when witness values are computed.
    func privateInput(_ value: () throws(CircuitError) -> BN254.Fr) -> Signal

    /// Makes `signal` public (a circuit output) and returns the public signal. Public signals are
    /// numbered in the order of `publicInput` and `makePublic` calls, whenever they happen.
    /// - Complexity: 0 constraints when `signal` is a single private wire not yet public, else 1.
    func makePublic(_ signal: Signal) -> Signal

    // MARK: Linear (free)

    /// `a + b`.
    func add(_ a: Signal, _ b: Signal) -> Signal
    /// `a − b`.
    func sub(_ a: Signal, _ b: Signal) -> Signal
    /// `c · a` for a constant `c`.
    func mul(_ a: Signal, constant c: BN254.Fr) -> Signal
    /// `a + c` for a constant `c`.
    func add(_ a: Signal, constant c: BN254.Fr) -> Signal
    /// `Σ cᵢ · sᵢ + constant` in one pass (use it for long sums: repeated `add` is quadratic).
    func linearCombination(_ terms: [(Signal, BN254.Fr)], constant: BN254.Fr) -> Signal

    // MARK: Non-linear

    /// `a · b`: a new wire and one constraint `a · b = w` (free when `a` or `b` is a constant).
    func mul(_ a: Signal, _ b: Signal) -> Signal

    /// Enforces `a · b = c` (one constraint).
    func assertProduct(_ a: Signal, _ b: Signal, equals c: Signal)

    /// Enforces `a = b` (one constraint `(a − b) · 1 = 0`; none when both are constants).
    func assertEqual(_ a: Signal, _ b: Signal)

    /// `count` new private wires whose values `compute` derives from the values of `inputs`
    /// (bit decompositions, quotients, inverses…). A hint constrains nothing: the caller must
    /// add the constraints that make its outputs unique.
    ///
    /// - Parameters:
    ///   - inputs: the signals whose values `compute` reads, in order.
    ///   - count: the number of new wires.
    ///   - compute: writes the `count` output values into its second argument (pre-filled with
    ///     zeros). It may write a best-effort value and then throw (e.g. ``CircuitError/outOfRange(label:value:range:)``);
    ///   the error is recorded with the current label. Never called in setup mode.
    func hints(_ inputs: [Signal], count: Int,
               _ compute: (_ inputs: [BN254.Fr], _ outputs: inout [BN254.Fr]) throws(CircuitError) -> Void) -> [Signal]

    /// Runs `body` with `label` appended to the origin label (`outer: label`) of every
    /// constraint and error it produces, e.g. `withLabel("node /conv1/Conv") { … }`.
    func withLabel<Result, Failure: Error>(_ label: String, _ body: () throws(Failure) -> Result) throws(Failure) -> Result

    /// The value of `signal`, or `nil` when values are not computed (setup mode).
    func value(of signal: Signal) -> BN254.Fr?

    // MARK: Lookups (logUp)

    /// How range checks are enforced (``RangeCheckMode``): bit decompositions, or limbs looked up
    /// in a range table.
    var rangeChecks: RangeCheckMode { get }

    /// Registers a constant table for ``lookup(_:in:)``; registering an equal table again
    /// returns the same id. Free: a table costs constraints only once it is queried (see
    /// ``lookup(_:in:)``). Register a large explicit table once and keep its id (registering
    /// hashes its rows).
    func register(_ table: LookupTable) -> LookupTableID

    /// Enforces that `row` (one signal per column) equals some row of `table`: a logUp query
    /// (Haböck, "Multivariate lookups based on logarithmic derivatives", eprint 2022/1530).
    ///
    /// On the builder the query is collected; before the system is made, every queried table gets
    /// its multiplicity wires (round one), the challenge wires are allocated and the logUp
    /// identity `Σ_j 1/(X − f_j) = Σ_i m_i/(X − t_i)` is enforced (round two), with
    /// `f = col₀ + β·col₁ + β²·col₂ + …` for multi-column rows (see ``CircuitBuilder``).
    /// - Complexity: per query `1 + c` constraints, `c` the number of non-constant columns after
    ///   the first (one product `βᵏ·colₖ` each, then `h·(X − f) = 1`); per queried table one
    ///   constraint per row (`q_i·(X − t_i) = m_i`); per circuit one final sum, and `k − 2`
    ///   constraints for the powers `β², …, β^(k−1)` when the widest queried table has `k ≥ 3`
    ///   columns.
    /// - Parameters:
    ///   - row: the queried signals, `table`'s column count of them.
    ///   - table: an id from ``register(_:)`` on this builder or evaluator.
    func lookup(_ row: [Signal], in table: LookupTableID)

    /// Counts one range check of `bits` bits in ``rangeCheckHistogram`` (bookkeeping for
    /// ``RangeCheckMode/cheapest(for:)``, no constraint). The range-check gadgets call it once per
    /// check, in every mode; `needsSign` marks a signed check whose sign bit is used.
    func recordRangeCheck(bits: Int, needsSign: Bool)

    /// The range checks requested so far, by width.
    var rangeCheckHistogram: RangeCheckHistogram { get }
}

extension CircuitAPI {
    /// One new private wire computed by `compute` from the values of `inputs` (see ``hints(_:count:_:)``).
    @inlinable
    public func hint(_ inputs: [Signal],
                     _ compute: (_ inputs: [BN254.Fr]) throws(CircuitError) -> BN254.Fr) -> Signal {
        hints(inputs, count: 1) { (values: [BN254.Fr], outputs: inout [BN254.Fr]) throws(CircuitError) in
            outputs[0] = try compute(values)
        }[0]
    }

    /// The constant signed integer `value`.
    @inlinable
    public func constant(_ value: Int64) -> Signal { constant(BN254.Fr(Int(value))) }

    /// `a · c` for a constant signed integer `c`.
    @inlinable
    public func mul(_ a: Signal, constant c: Int64) -> Signal { mul(a, constant: BN254.Fr(Int(c))) }

    /// `a + c` for a constant signed integer `c`.
    @inlinable
    public func add(_ a: Signal, constant c: Int64) -> Signal { add(a, constant: BN254.Fr(Int(c))) }

    /// A private input holding the signed integer returned by `value`.
    @inlinable
    public func privateInput(signed value: () -> Int64) -> Signal {
        privateInput { () throws(CircuitError) in BN254.Fr(Int(value())) }
    }

    /// A public input holding the signed integer returned by `value`.
    @inlinable
    public func publicInput(signed value: () -> Int64) -> Signal {
        publicInput { () throws(CircuitError) in BN254.Fr(Int(value())) }
    }
}
