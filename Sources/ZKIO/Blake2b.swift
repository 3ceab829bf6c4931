/// BLAKE2b-512 (RFC 7693), the hash snarkjs's powers-of-tau and phase-2 transcripts use
/// (challenge and response hashes, the transcript a contribution's proof of knowledge is bound
/// to). Unkeyed, 64-byte digest.
///
/// ``init(snarkjsPartialState:)`` resumes a hash from the 216-byte partial state a `.ptau`
/// contribution record stores (the response hash before the contributor's public key; snarkjs
/// `misc.fromPartialHash`): the 128-byte block buffer, the chaining value `h` as 16
/// little-endian `u32` (low half first), the bytes compressed before the buffer and the bytes in
/// it, each as two `u32`.
public struct Blake2b: Sendable {
    private static let iv: [UInt64] = [
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
    ]
    private static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ]

    private var h: [UInt64]
    /// Bytes absorbed so far, the buffered ones included (the counter `t` of the next compression).
    private var count: UInt64 = 0
    private var buffer = [UInt8](repeating: 0, count: 128)
    private var buffered = 0

    /// A fresh BLAKE2b-512 hasher.
    public init() {
        h = Self.iv
        h[0] ^= 0x0101_0000 ^ 64
    }

    /// A hasher resumed from snarkjs's 216-byte partial state, or `nil` when it is not one
    /// (fewer than 208 bytes, or more than a block buffered).
    public init?(snarkjsPartialState state: some Collection<UInt8>) {
        let bytes = Array(state)
        guard bytes.count >= 208 else { return nil }
        func u32(_ i: Int) -> UInt64 {
            let o = 128 + 4 * i
            return UInt64(bytes[o]) | UInt64(bytes[o + 1]) << 8 | UInt64(bytes[o + 2]) << 16 | UInt64(bytes[o + 3]) << 24
        }
        h = (0 ..< 8).map { u32(2 * $0) | u32(2 * $0 + 1) << 32 }
        let compressed = u32(16) | u32(17) << 32, pending = u32(18) | u32(19) << 32
        guard pending <= 128 else { return nil }
        buffer = Array(bytes[0 ..< 128])
        buffered = Int(pending)
        count = compressed &+ pending
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = Blake2b()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Absorbs bytes.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if contiguous == nil { Array(bytes).withUnsafeBytes { update(buffer: $0) } }
    }

    private mutating func update(buffer input: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < input.count {
            // The last block is kept until finalize (it is compressed with the final flag).
            if buffered == 128 {
                compress(final: false)
                buffered = 0
            }
            let take = min(128 - buffered, input.count - offset)
            for i in 0 ..< take { buffer[buffered + i] = input[offset + i] }
            buffered += take
            count &+= UInt64(take)
            offset += take
        }
    }

    /// The 64-byte digest.
    public mutating func finalize() -> [UInt8] {
        for i in buffered ..< 128 { buffer[i] = 0 }
        compress(final: true)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for word in h { for k in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: word >> (8 * k))) } }
        return out
    }

    private mutating func compress(final: Bool) {
        var m = [UInt64](repeating: 0, count: 16)
        for i in 0 ..< 16 {
            var word: UInt64 = 0
            for k in 0 ..< 8 { word |= UInt64(buffer[8 * i + k]) << (8 * k) }
            m[i] = word
        }
        var v = h + Self.iv
        v[12] ^= count
        if final { v[14] = ~v[14] }
        @inline(__always) func mix(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
            v[a] = v[a] &+ v[b] &+ x
            v[d] = (v[d] ^ v[a]).rotatedRight(32)
            v[c] = v[c] &+ v[d]
            v[b] = (v[b] ^ v[c]).rotatedRight(24)
            v[a] = v[a] &+ v[b] &+ y
            v[d] = (v[d] ^ v[a]).rotatedRight(16)
            v[c] = v[c] &+ v[d]
            v[b] = (v[b] ^ v[c]).rotatedRight(63)
        }
        for round in 0 ..< 12 {
            let s = Self.sigma[round % 10]
            mix(0, 4, 8, 12, m[s[0]], m[s[1]])
            mix(1, 5, 9, 13, m[s[2]], m[s[3]])
            mix(2, 6, 10, 14, m[s[4]], m[s[5]])
            mix(3, 7, 11, 15, m[s[6]], m[s[7]])
            mix(0, 5, 10, 15, m[s[8]], m[s[9]])
            mix(1, 6, 11, 12, m[s[10]], m[s[11]])
            mix(2, 7, 8, 13, m[s[12]], m[s[13]])
            mix(3, 4, 9, 14, m[s[14]], m[s[15]])
        }
        for i in 0 ..< 8 { h[i] ^= v[i] ^ v[i + 8] }
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotatedRight(_ n: UInt64) -> UInt64 { (self >> n) | (self << (64 - n)) }
}
