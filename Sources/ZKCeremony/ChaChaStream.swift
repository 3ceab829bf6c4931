/// The ChaCha20 block function (Bernstein, "ChaCha, a variant of Salsa20", 2008; RFC 8439's
/// quarter round and 20 rounds) as a stream of 32-bit words, the way ffjavascript's `ChaCha`
/// (which snarkjs seeds from a hash) hands them out: key = the eight seed words, the 128-bit
/// block counter in words 12–15 (starting at 0), nonce none; each block's sixteen output words in
/// order. ``nextUInt64()`` is the first word times 2³² plus the second, ``nextBool()`` the low bit
/// of a word.
///
/// zkml uses it only to reproduce what snarkjs derives from a transcript hash or a beacon (the
/// G2 point of a proof of knowledge, a beacon's secret), so that files snarkjs wrote verify here
/// and files written here verify in snarkjs. It is not zkml's source of secrets (that is the
/// system CSPRNG).
public struct ChaChaStream: Sendable {
    private var state: [UInt32]
    private var block = [UInt32](repeating: 0, count: 16)
    private var index = 16

    /// A stream keyed by eight words.
    public init(seed: [UInt32]) {
        precondition(seed.count == 8, "ChaCha takes a 256-bit seed")
        state = [0x6170_7865, 0x3320_646E, 0x7962_2D32, 0x6B20_6574] + seed + [0, 0, 0, 0]
    }

    /// A stream keyed by the first 32 bytes of `hash`, read as eight big-endian words (snarkjs's
    /// `hashToG2`, `getRandomRng` and `rngFromBeaconParams`).
    public init(seedBytes hash: some Collection<UInt8>) {
        let bytes = Array(hash)
        precondition(bytes.count >= 32, "a seed needs 32 bytes")
        var seed = [UInt32]()
        for i in 0 ..< 8 {
            var word: UInt32 = 0
            for k in 0 ..< 4 { word = word << 8 | UInt32(bytes[4 * i + k]) }
            seed.append(word)
        }
        self.init(seed: seed)
    }

    public mutating func nextUInt32() -> UInt32 {
        if index == 16 { refill() }
        defer { index += 1 }
        return block[index]
    }

    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    public mutating func nextBool() -> Bool { nextUInt32() & 1 == 1 }

    private mutating func refill() {
        var x = state
        @inline(__always) func quarter(_ a: Int, _ b: Int, _ c: Int, _ d: Int) {
            x[a] &+= x[b]; x[d] = (x[d] ^ x[a]).rotatedLeft(16)
            x[c] &+= x[d]; x[b] = (x[b] ^ x[c]).rotatedLeft(12)
            x[a] &+= x[b]; x[d] = (x[d] ^ x[a]).rotatedLeft(8)
            x[c] &+= x[d]; x[b] = (x[b] ^ x[c]).rotatedLeft(7)
        }
        for _ in 0 ..< 10 {
            quarter(0, 4, 8, 12); quarter(1, 5, 9, 13); quarter(2, 6, 10, 14); quarter(3, 7, 11, 15)
            quarter(0, 5, 10, 15); quarter(1, 6, 11, 12); quarter(2, 7, 8, 13); quarter(3, 4, 9, 14)
        }
        for i in 0 ..< 16 { block[i] = x[i] &+ state[i] }
        index = 0
        // The 128-bit counter in words 12…15, carrying upward.
        for word in 12 ..< 16 {
            state[word] &+= 1
            if state[word] != 0 { break }
        }
    }
}

extension UInt32 {
    @inline(__always) fileprivate func rotatedLeft(_ n: UInt32) -> UInt32 { (self << n) | (self >> (32 - n)) }
}
