public import ZKField

/// A sparse linear combination `Σ cᵢ·wᵢ` of wires with `BN254.Fr` coefficients.
///
/// Terms are kept sorted by variable index with duplicates merged and zero coefficients dropped,
/// so two combinations that denote the same linear form compare equal. Building one from `n` terms
/// costs one sort; `+`, `-` and scaling are linear merges.
public struct LinearCombination: Sendable, Equatable, CustomStringConvertible {
    /// One `coefficient · variable` term.
    public struct Term: Sendable, Equatable {
        public var variable: Variable
        public var coefficient: BN254.Fr

        @inlinable
        public init(_ variable: Variable, _ coefficient: BN254.Fr) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    /// The terms, sorted by variable, no variable twice, no zero coefficient.
    public private(set) var terms: [Term]

    /// The empty combination (the zero form).
    public init() { terms = [] }

    /// Merges duplicate variables and drops zero coefficients.
    public init(_ unsortedTerms: some Sequence<Term>) {
        var sorted = Array(unsortedTerms)
        sorted.sort { $0.variable.index < $1.variable.index }
        var merged: [Term] = []
        merged.reserveCapacity(sorted.count)
        for term in sorted {
            if let last = merged.last, last.variable == term.variable {
                merged[merged.count - 1].coefficient += term.coefficient
                if merged[merged.count - 1].coefficient.isZero { merged.removeLast() }
            } else if !term.coefficient.isZero {
                merged.append(term)
            }
        }
        terms = merged
    }

    /// Terms that are already sorted strictly by variable with no zero coefficient.
    /// - Precondition: the terms satisfy the invariant (checked in debug builds).
    public init(canonicalTerms: [Term]) {
        assert(zip(canonicalTerms, canonicalTerms.dropFirst()).allSatisfy { $0.variable < $1.variable })
        assert(canonicalTerms.allSatisfy { !$0.coefficient.isZero })
        terms = canonicalTerms
    }

    /// `1 · variable`.
    public init(_ variable: Variable) { terms = [Term(variable, .one)] }

    /// `value · one` (the empty combination when `value` is zero).
    public init(constant value: BN254.Fr) {
        terms = value.isZero ? [] : [Term(.one, value)]
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The coefficient of the constant wire, zero when absent.
    public var constantTerm: BN254.Fr {
        terms.first.flatMap { $0.variable == .one ? $0.coefficient : nil } ?? .zero
    }

    /// True when the combination mentions no wire other than the constant one.
    public var isConstant: Bool { terms.allSatisfy { $0.variable == .one } }

    /// `Σ cᵢ·values[wᵢ]`.
    /// - Precondition: every variable index is below `values.count`.
    @inlinable
    public func evaluate(_ values: [BN254.Fr]) -> BN254.Fr {
        var sum = BN254.Fr.zero
        for term in terms { sum += term.coefficient * values[Int(term.variable.index)] }
        return sum
    }

    public static func + (lhs: Self, rhs: Self) -> Self { lhs.merged(with: rhs, negatingOther: false) }
    public static func - (lhs: Self, rhs: Self) -> Self { lhs.merged(with: rhs, negatingOther: true) }
    public static prefix func - (value: Self) -> Self { value.scaled(by: -.one) }
    public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }

    /// Every coefficient multiplied by `factor` (empty when `factor` is zero).
    public func scaled(by factor: BN254.Fr) -> Self {
        if factor.isZero { return Self() }
        if factor == .one { return self }
        return Self(canonicalTerms: terms.map { Term($0.variable, $0.coefficient * factor) })
    }

    private func merged(with other: Self, negatingOther: Bool) -> Self {
        var result: [Term] = []
        result.reserveCapacity(terms.count + other.terms.count)
        var i = 0, j = 0
        while i < terms.count || j < other.terms.count {
            if j == other.terms.count || (i < terms.count && terms[i].variable < other.terms[j].variable) {
                result.append(terms[i]); i += 1
            } else {
                var term = other.terms[j]
                if negatingOther { term.coefficient = -term.coefficient }
                if i < terms.count && terms[i].variable == term.variable {
                    term.coefficient += terms[i].coefficient
                    i += 1
                }
                j += 1
                if !term.coefficient.isZero { result.append(term) }
            }
        }
        return Self(canonicalTerms: result)
    }

    public var description: String {
        if terms.isEmpty { return "0" }
        return terms.map { "\($0.coefficient.signedDescription)·\($0.variable)" }.joined(separator: " + ")
    }
}

extension BN254.Fr {
    /// Decimal text with small negative values (`r − v`, `v < 2^64`) shown as `-v`.
    public var signedDescription: String {
        let negated = -self
        let limbs = negated.canonicalLimbs4
        if limbs.1 == 0 && limbs.2 == 0 && limbs.3 == 0 && !negated.isZero { return "-\(limbs.0)" }
        return description
    }
}
