/// A small, fast, *seeded* pseudo-random generator (xoshiro256**, Blackman and Vigna,
/// "Scrambled linear pseudorandom number generators", 2021), seeded through SplitMix64.
///
/// For reproducible tests, benchmarks and the explicitly insecure seeded setup mode only.
/// It is **not** cryptographically secure: secrets come from `SystemRandomNumberGenerator`
/// (see ``Field/randomSecret()``).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline
    var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole output is determined by `seed`.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9e37_79b9_7f4a_7c15
            var z = s
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
