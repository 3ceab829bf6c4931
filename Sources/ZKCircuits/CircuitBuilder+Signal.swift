public import ZKConstraints
public import ZKField

extension CircuitBuilder {
    /// A value in a circuit under construction: a linear combination of the builder's wires.
    ///
    /// The variable indices are the builder's **internal** numbering (allocation order, public and
    /// private interleaved); ``CircuitBuilder/makeR1CS()`` renumbers them so that public wires
    /// come first. Use a signal only with the builder that made it.
    public struct Signal: Sendable, Equatable, CustomStringConvertible {
        /// The linear combination, in the builder's internal wire numbering.
        public let combination: LinearCombination
        /// Its value, for a long combination in proving mode (``CircuitBuilder/valuedTermCount``
        /// terms or more): computed once when the signal is made, from the values of the signals
        /// it is made of, so that a dense layer's 785 terms are not evaluated again by every hint,
        /// lookup and check that reads them. Nil otherwise (evaluated when read).
        @usableFromInline let value: BN254.Fr?

        @inlinable
        init(_ combination: LinearCombination, value: BN254.Fr?) {
            self.combination = combination
            self.value = value
        }

        /// Signals are equal when their combinations are (the value follows from the wires).
        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.combination == rhs.combination }

        /// The single wire this signal is (coefficient one, no constant), if it is one.
        public var wire: Variable? {
            let terms = combination.terms
            guard terms.count == 1, terms[0].coefficient == .one, terms[0].variable != .one else { return nil }
            return terms[0].variable
        }

        /// The constant value, when the signal mentions no wire.
        public var constantValue: BN254.Fr? { combination.isConstant ? combination.constantTerm : nil }

        public var description: String { combination.description }
    }
}
