public import ZKField

/// A full assignment of an R1CS: `values[0] == 1`, then the public inputs, then the private
/// witness, in wire order.
public struct Witness: Sendable, Equatable {
    public var values: [BN254.Fr]

    /// Wraps a full assignment.
    /// - Throws: `ConstraintError.witnessConstantNotOne` when `values` is empty or `values[0] != 1`.
    public init(values: [BN254.Fr]) throws(ConstraintError) {
        guard values.first == .one else { throw .witnessConstantNotOne }
        self.values = values
    }

    /// `[1] + publicInputs + privateValues`.
    public init(publicInputs: [BN254.Fr], privateValues: [BN254.Fr]) {
        values = [.one] + publicInputs + privateValues
    }

    public var count: Int { values.count }

    /// The public inputs of a system with `publicCount` of them.
    public func publicInputs(count publicCount: Int) -> ArraySlice<BN254.Fr> {
        values[1 ..< 1 + publicCount]
    }
}
