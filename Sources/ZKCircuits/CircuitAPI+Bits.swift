public import ZKConstraints
public import ZKField

extension CircuitAPI {
    /// Enforces `x ∈ {0, 1}` with `x · (x − 1) = 0`.
    /// - Complexity: 1 constraint, no wire.
    @inlinable
    public func assertBoolean(_ x: Signal) {
        assertProduct(x, add(x, constant: -BN254.Fr.one), equals: constant(BN254.Fr.zero))
    }

    /// The `n` little-endian bits of `x`, enforcing `x ∈ [0, 2^n)` (as the canonical integer in
    /// `0 ..< r`, so a negative value `r − |q|` is out of range).
    ///
    /// Bits `1 … n−1` are hinted wires, each with a booleanity constraint; bit 0 is the linear
    /// combination `x − Σ_{i≥1} bᵢ·2^i` with one booleanity constraint.
    /// Soundness: every bᵢ ∈ {0, 1} gives `x = Σ bᵢ·2^i` over the integers (`2^n ≤ 2^253 < r`),
    /// so `x < 2^n` and the bits are the unique binary expansion.
    ///
    /// Why bit 0 and not the top bit: the top bit is the one other gadgets use (a sign, a
    /// comparison's result), and as a wire it brings only itself into their constraints. A derived
    /// top bit brought all `n` terms, so each hinted bit also met the B side of the product
    /// `s · x` of a ReLU, and its Groth16 B query in G1 could no longer reuse its A query
    /// (cnn_digits: 9,291 separate B points of 15,155 wires, 843 with bit 0 derived; docs/benchmarks.md).
    /// - Parameters:
    ///   - x: the value to decompose.
    ///   - n: the bit count, `1 … 253`.
    /// - Returns: `n` boolean signals, least significant first.
    /// - Complexity: `n` constraints, `n − 1` wires.
    @inlinable
    public func toBits(_ x: Signal, count n: Int) -> [Signal] {
        withLabel("bits(\(n))") { decompose(x, count: n, offset: .zero, range: .unsigned(n)) }
    }

    /// `Σ bitsᵢ · 2^i` (free). The bits must be constrained boolean elsewhere.
    @inlinable
    public func fromBits(_ bits: [Signal]) -> Signal {
        precondition(bits.count <= 253)
        return linearCombination(bits.enumerated().map { ($1, BN254.powersOfTwo[$0]) }, constant: .zero)
    }

    /// The shared decomposition: bits `1 … n−1` hinted, bit 0 derived (see ``toBits(_:count:)``).
    /// `offset` is subtracted from the value in error messages (the signed check decomposes `x + 2^(n−1)`).
    @inlinable
    func decompose(_ x: Signal, count n: Int, offset: BN254.Fr, range: EnforcedRange) -> [Signal] {
        precondition(n >= 1 && n <= 253, "bit decompositions are limited to 1…253 bits")
        let high = hints([x], count: n - 1) { (inputs: [BN254.Fr], outputs: inout [BN254.Fr]) throws(CircuitError) in
            let value = inputs[0]
            value.writeCanonicalBits(into: &outputs, from: 1)
            if !value.fitsUnsigned(bits: n) {
                throw .outOfRange(label: nil, value: (value - offset).signedDescription, range: range.description)
            }
        }
        for bit in high { assertBoolean(bit) }
        var terms: [(Signal, BN254.Fr)] = [(x, .one)]
        terms.reserveCapacity(n)
        for (i, bit) in high.enumerated() { terms.append((bit, -BN254.powersOfTwo[i + 1])) }
        let low = linearCombination(terms, constant: .zero)
        assertBoolean(low)
        return [low] + high
    }
}
