public import ZKField

/// The Poseidon hash over BN254's scalar field with circomlib's parameters (Grassi et al.,
/// "Poseidon: A New Hash Function for Zero-Knowledge Proof Systems", USENIX Security 2021), so
/// that digests agree with circomlib's `Poseidon(n)` / `PoseidonEx` and circomlibjs.
///
/// - ``permute(_:parameters:)``: the permutation (reference form: every round adds `t`
///   constants, applies `x^5` to all cells (full) or to `state[0]` (partial), then the MDS matrix).
/// - ``hash(_:initialState:)``: circomlib's `Poseidon(n)`, `n = 1…16`: width `t = n + 1`, state
///   `[initialState, x₁, …, xₙ]`, output `state[0]` after one permutation.
/// - ``hash(vector:)``: any length, a sponge on the width-17 permutation (see there).
///
/// Not constant-time (the field arithmetic is not); do not hash secrets where timing leaks matter.
public enum Poseidon {
    /// Applies the Poseidon permutation to `state` in place.
    /// - Parameters:
    ///   - state: `parameters.width` field elements.
    ///   - parameters: e.g. ``PoseidonParameters/circom(width:)``.
    /// - Complexity: `(R_F + R_P) · t²` multiplications for the MDS layers plus 3 per S-box; no
    ///   allocation beyond one `t`-element scratch buffer.
    public static func permute(_ state: inout [BN254.Fr], parameters: PoseidonParameters) {
        let t = parameters.width
        precondition(state.count == t, "Poseidon state has \(state.count) cells, width is \(t)")
        withUnsafeTemporaryAllocation(of: BN254.Fr.self, capacity: t) { scratch in
            state.withUnsafeMutableBufferPointer { cells in
                parameters.roundConstants.withUnsafeBufferPointer { constants in
                    parameters.mds.withUnsafeBufferPointer { matrix in
                        permute(cells, scratch: scratch, width: t, constants: constants, matrix: matrix,
                                fullRounds: parameters.fullRounds, partialRounds: parameters.partialRounds)
                    }
                }
            }
        }
    }

    /// The permutation's rounds on raw buffers (the hot loop: concrete types, no allocation).
    @inline(__always)
    static func permute(_ state: UnsafeMutableBufferPointer<BN254.Fr>, scratch: UnsafeMutableBufferPointer<BN254.Fr>,
                        width t: Int, constants: UnsafeBufferPointer<BN254.Fr>, matrix: UnsafeBufferPointer<BN254.Fr>,
                        fullRounds: Int, partialRounds: Int) {
        let half = fullRounds / 2
        var c = 0
        for round in 0 ..< fullRounds + partialRounds {
            for i in 0 ..< t {
                state[i] = state[i] + constants[c + i]
            }
            c += t
            if round < half || round >= half + partialRounds {
                for i in 0 ..< t { state[i] = sBox(state[i]) }
            } else {
                state[0] = sBox(state[0])
            }
            var row = 0
            for i in 0 ..< t {
                var sum = matrix[row] * state[0]
                for j in 1 ..< t { sum = sum + matrix[row + j] * state[j] }
                scratch[i] = sum
                row += t
            }
            for i in 0 ..< t { state[i] = scratch[i] }
        }
    }

    /// The S-box `x^5` (`x²`, `x⁴`, `x⁵`: three multiplications).
    @inlinable @inline(__always)
    public static func sBox(_ x: BN254.Fr) -> BN254.Fr {
        let x2 = x * x
        let x4 = x2 * x2
        return x4 * x
    }

    /// circomlib's `Poseidon(n)` (and `PoseidonEx(n, 1)` with an initial state): the first cell
    /// of the permuted state `[initialState, x₁, …, xₙ]` of width `n + 1`.
    /// - Parameters:
    ///   - inputs: 1…16 field elements.
    ///   - initialState: the capacity cell, 0 in `Poseidon(n)`.
    /// - Throws: ``PoseidonError/inputCount(_:)`` outside 1…16.
    /// - Returns: e.g. `Poseidon(1, 2) = 0x115cc0f5…4417189a`.
    public static func hash(_ inputs: [BN254.Fr], initialState: BN254.Fr = .zero) throws(PoseidonError) -> BN254.Fr {
        guard (1...16).contains(inputs.count) else { throw .inputCount(inputs.count) }
        var state = [initialState] + inputs
        permute(&state, parameters: try PoseidonParameters.circom(width: inputs.count + 1))
        return state[0]
    }

    /// The rate of the vector sponge: 16 cells of the width-17 permutation (capacity one cell).
    public static let vectorRate = 16

    /// The digest of a vector of any length (0 included): a sponge on circomlib's width-17
    /// permutation, rate 16, capacity 1.
    ///
    /// 1. `state = [n, 0, …, 0]` (17 cells), where `n = values.count` (the length in the
    ///    capacity cell separates lengths, so zero padding is unambiguous);
    /// 2. the values, zero-padded to a positive multiple of 16, are absorbed 16 at a time:
    ///    `state[1 + i] += chunk[i]`, then the permutation;
    /// 3. the digest is `state[0]`, as in circomlib's `Poseidon(n)`.
    ///
    /// In circom this is a chain of `PoseidonEx(16, 17)`: the first with `initialState = n` and
    /// the chunk as inputs, each next one with `initialState = out[0]` and `inputs[i] = out[1 + i] +
    /// chunk[i]`. For `n ≤ 16` it equals ``hash(_:initialState:)`` of the 16 zero-padded values
    /// with `initialState = n`.
    /// - Complexity: `max(1, ⌈n / 16⌉)` permutations of width 17.
    public static func hash(vector values: [BN254.Fr]) -> BN254.Fr {
        sponge(values, capacity: BN254.Fr(UInt64(values.count)))
    }

    /// The sponge of ``hash(vector:)`` with the capacity cell starting at `capacity`.
    static func sponge(_ values: [BN254.Fr], capacity: BN254.Fr) -> BN254.Fr {
        let parameters = PoseidonParameters.sponge
        var state = [BN254.Fr](repeating: .zero, count: vectorRate + 1)
        state[0] = capacity
        var start = 0
        repeat {
            let end = Swift.min(start + vectorRate, values.count)
            for k in start ..< end { state[1 + k - start] = state[1 + k - start] + values[k] }
            permute(&state, parameters: parameters)
            start += vectorRate
        } while start < values.count
        return state[0]
    }
}
