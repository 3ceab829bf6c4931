public import ZKField

/// One rank-1 constraint `⟨a, w⟩ · ⟨b, w⟩ = ⟨c, w⟩`.
public struct Constraint: Sendable, Equatable, CustomStringConvertible {
    public var a: LinearCombination
    public var b: LinearCombination
    public var c: LinearCombination

    public init(a: LinearCombination, b: LinearCombination, c: LinearCombination) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// Whether the assignment satisfies this constraint.
    public func isSatisfied(by values: [BN254.Fr]) -> Bool {
        a.evaluate(values) * b.evaluate(values) == c.evaluate(values)
    }

    public var description: String { "(\(a)) * (\(b)) = (\(c))" }
}
