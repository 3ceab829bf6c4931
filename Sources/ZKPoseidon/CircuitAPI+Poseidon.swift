public import ZKCircuits
public import ZKField

/// The Poseidon gadgets, written once against ``CircuitAPI`` so they run on the builder (R1CS and
/// witness) and on the native evaluator. They compute exactly ``Poseidon``'s functions.
///
/// **Cost.** The round constants and the MDS layers are linear (free); each S-box `x^5` is three
/// multiplications `x² = x·x`, `x⁴ = x²·x²`, `x⁵ = x⁴·x`, i.e. 3 constraints and 3 wires, and
/// none when its input is a constant. One permutation on wires therefore costs
/// ``PoseidonParameters/constraintCount`` `= 3 · (R_F · t + R_P)`:
///
/// | t | 2 | 3 | 4 | 5 | 9 | 17 |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | constraints | 216 | 243 | 264 | 300 | 405 | 612 |
///
/// Between S-boxes the cells are linear combinations: in the partial rounds the `t − 1` cells
/// without an S-box accumulate up to `t + R_P` terms (no extra constraint, more non-zeros).
extension CircuitAPI {
    /// The Poseidon permutation of `state` (reference form, the same rounds as
    /// ``Poseidon/permute(_:parameters:)``).
    /// - Parameters:
    ///   - state: `parameters.width` signals.
    ///   - parameters: e.g. ``PoseidonParameters/circom(width:)``.
    /// - Returns: the permuted state; every cell is a linear combination of the last S-box wires.
    /// - Complexity: `3 · (R_F · t + R_P)` constraints, minus 3 per S-box whose input is constant.
    @inlinable
    public func poseidonPermutation(_ state: [Signal], parameters: PoseidonParameters) -> [Signal] {
        let t = parameters.width
        precondition(state.count == t, "Poseidon state has \(state.count) cells, width is \(t)")
        return withLabel("poseidon(t=\(t))") {
            var state = state
            var next: [Signal] = []
            next.reserveCapacity(t)
            var terms: [(Signal, BN254.Fr)] = []
            terms.reserveCapacity(t)
            for round in 0 ..< parameters.rounds {
                for i in 0 ..< t {
                    state[i] = add(state[i], constant: parameters.roundConstants[round * t + i])
                }
                if parameters.isFullRound(round) {
                    for i in 0 ..< t { state[i] = poseidonSBox(state[i]) }
                } else {
                    state[0] = poseidonSBox(state[0])
                }
                next.removeAll(keepingCapacity: true)
                for i in 0 ..< t {
                    terms.removeAll(keepingCapacity: true)
                    for j in 0 ..< t { terms.append((state[j], parameters.mds[i * t + j])) }
                    next.append(linearCombination(terms, constant: .zero))
                }
                swap(&state, &next)
            }
            return state
        }
    }

    /// The S-box `x^5` as `x² = x·x`, `x⁴ = x²·x²`, `x⁵ = x⁴·x`.
    /// - Complexity: 3 constraints and 3 wires (none for a constant `x`).
    @inlinable
    public func poseidonSBox(_ x: Signal) -> Signal {
        let x2 = mul(x, x)
        let x4 = mul(x2, x2)
        return mul(x4, x)
    }

    /// circomlib's `Poseidon(n)` (``Poseidon/hash(_:initialState:)``): `state[0]` of the permuted
    /// `[initialState, x₁, …, xₙ]`, width `n + 1`.
    /// - Parameters:
    ///   - inputs: 1…16 signals.
    ///   - initialState: the capacity cell (0 in circomlib's `Poseidon(n)`); a signal, so it may
    ///     be a wire (`PoseidonEx`'s `initialState`).
    /// - Throws: ``PoseidonError/inputCount(_:)`` outside 1…16.
    /// - Complexity: `3 · (8 · (n + 1) + R_P)` constraints, 3 fewer when `initialState` is a
    ///   constant (240 for `n = 2`).
    @inlinable
    public func poseidon(_ inputs: [Signal], initialState: Signal? = nil) throws(PoseidonError) -> Signal {
        guard (1...16).contains(inputs.count) else { throw .inputCount(inputs.count) }
        let parameters = try PoseidonParameters.circom(width: inputs.count + 1)
        return poseidonPermutation([initialState ?? constant(BN254.Fr.zero)] + inputs, parameters: parameters)[0]
    }

    /// The digest of a vector of any length, ``Poseidon/hash(vector:)``: a sponge on the
    /// width-17 permutation (rate 16, capacity 1 holding the length, zero padding, output `state[0]`).
    ///
    /// Use it to bind a tensor to one public signal: `makePublic(poseidon(vector: cells))`.
    /// - Complexity: for `n ≥ 1` values, `⌈n / 16⌉ · 612 − 3 · (1 + max(0, 16 − n))` constraints
    ///   (the first permutation's constant cells are free); 0 for the empty vector (a constant).
    @inlinable
    public func poseidon(vector values: [Signal]) -> Signal {
        poseidonSponge(values, capacity: BN254.Fr(UInt64(values.count)))
    }

    /// The sponge of ``poseidon(vector:)`` with the capacity cell starting at `capacity`.
    @inlinable
    func poseidonSponge(_ values: [Signal], capacity: BN254.Fr) -> Signal {
        let rate = Poseidon.vectorRate
        let parameters = PoseidonParameters.sponge
        var state = [constant(capacity)] + [Signal](repeating: constant(BN254.Fr.zero), count: rate)
        var start = 0
        repeat {
            let end = Swift.min(start + rate, values.count)
            for k in start ..< end { state[1 + k - start] = add(state[1 + k - start], values[k]) }
            state = poseidonPermutation(state, parameters: parameters)
            start += rate
        } while start < values.count
        return state[0]
    }
}

extension CircuitAPI {
    /// The salted digest ``Poseidon/hash(vector:salt:)``: the salt is range-checked to
    /// ``Poseidon/saltBits`` bits (label `salt range`, so only canonical salts below 2^248 are
    /// accepted and the digest has one preimage per value and salt) and absorbed after the
    /// values, with the capacity cell starting at `2^64 + n`.
    ///
    /// Use it to bind a tensor to one public signal without revealing it:
    /// `makePublic(poseidon(vector: cells, salt: privateInput { salt }))`.
    /// - Parameters:
    ///   - values: the vector.
    ///   - salt: a private wire holding the salt.
    /// - Complexity: 248 constraints for the range check plus the sponge over `n + 1` cells:
    ///   `⌈(n + 1) / 16⌉ · 612 − 3 · (1 + max(0, 15 − n))` (its first permutation's constant cells are free).
    @inlinable
    public func poseidon(vector values: [Signal], salt: Signal) -> Signal {
        withLabel("salt range") { rangeCheck(salt, bits: Poseidon.saltBits) }
        return poseidonSponge(values + [salt], capacity: Poseidon.saltedDomainTag + BN254.Fr(UInt64(values.count)))
    }
}
