public import ZKConstraints
internal import ZKField

/// A random R1CS shaped like a quantised neural network, with a satisfying witness: the workload
/// of the prover benchmarks (`zkml bench groth16`) and of large tests.
///
/// Half of the constraints are booleanity checks `b · (b − 1) = 0` (the bit decompositions of
/// range checks); the other half are `(Σ cₜ·vₜ) · s = z`: a long linear combination of earlier
/// wires with small signed weights (a dot product with quantised weights as constants) times a
/// bit (a ReLU-style select). So the witness is mostly bits and short signed integers, like an
/// ML witness. The last `publicCount` constraints copy results into the public inputs.
public enum SyntheticCircuit {
    /// - Parameters:
    ///   - constraints: total number of constraints (≥ `publicCount + 2`).
    ///   - publicCount: number of public inputs.
    ///   - termsPerRow: length of the linear combinations.
    ///   - seed: the generator seed (same seed, same circuit and witness).
    public static func make(constraints: Int, publicCount: Int = 1, termsPerRow: Int = 32,
                            seed: UInt64 = 1) -> (R1CS, Witness) {
        precondition(constraints >= publicCount + 2 && publicCount >= 0 && termsPerRow >= 1)
        var rng = SeededGenerator(seed: seed)
        let body = constraints - publicCount
        let bitCount = (body + 1) / 2
        let productCount = body - bitCount
        let inputCount = max(8, min(4096, body / 64))
        // Private wires: inputs, then bits, then products.
        let inputBase = 1 + publicCount
        let bitBase = inputBase + inputCount
        let productBase = bitBase + bitCount
        let privateCount = inputCount + bitCount + productCount
        var values = [BN254.Fr](repeating: .zero, count: 1 + publicCount + privateCount)
        values[0] = .one
        var signed = [Int64](repeating: 0, count: values.count)   // small values, for the products
        signed[0] = 1
        for i in 0 ..< inputCount {
            let v = Int64.random(in: -(1 << 15) ..< (1 << 15), using: &rng)
            signed[inputBase + i] = v
            values[inputBase + i] = BN254.Fr(Int(v))
        }
        for i in 0 ..< bitCount {
            let bit = Int64(rng.next() & 1)
            signed[bitBase + i] = bit
            values[bitBase + i] = BN254.Fr(Int(bit))
        }

        var system = R1CS(publicCount: publicCount, privateCount: privateCount)
        system.reserveCapacity(constraints: constraints)
        for i in 0 ..< bitCount {
            let b = Variable(index: UInt32(bitBase + i))
            system.append(Constraint(a: LinearCombination(b), b: LinearCombination(b) - LinearCombination(.one),
                                     c: LinearCombination()))
        }
        for i in 0 ..< productCount {
            var terms: [LinearCombination.Term] = []
            var sum: Int64 = 0
            for _ in 0 ..< termsPerRow {
                // Mostly inputs and bits; products feed later rows rarely, keeping values short.
                let wire = Int.random(in: inputBase ..< productBase, using: &rng)
                let weight = Int64.random(in: -127 ... 127, using: &rng)
                terms.append(.init(Variable(index: UInt32(wire)), BN254.Fr(Int(weight))))
                sum += weight * signed[wire]
            }
            let selector = bitBase + Int.random(in: 0 ..< bitCount, using: &rng)
            let z = productBase + i
            signed[z] = sum * signed[selector]
            values[z] = BN254.Fr(Int(signed[z]))
            system.append(Constraint(a: LinearCombination(terms), b: LinearCombination(Variable(index: UInt32(selector))),
                                     c: LinearCombination(Variable(index: UInt32(z)))))
        }
        for p in 0 ..< publicCount {
            let source = productCount > 0 ? productBase + (productCount - 1 - p % productCount) : bitBase
            values[1 + p] = values[source]
            system.append(Constraint(a: LinearCombination(Variable(index: UInt32(1 + p))), b: LinearCombination(.one),
                                     c: LinearCombination(Variable(index: UInt32(source)))))
        }
        // The witness starts with the constant one, so this cannot fail.
        return (system, try! Witness(values: values))
    }
}
