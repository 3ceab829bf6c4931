internal import CZKSHA256

/// SHA-256 (FIPS 180-4), used for content hashes of circuits and keys.
///
/// A circuit or key is hashed once when written and once when read; on the proving path that is
/// the whole proving key and model.zkml, up to hundreds of megabytes, so contiguous input goes
/// straight from memory into the block function. On x86-64 CPUs with the SHA extensions the blocks
/// run through CZKSHA256's kernel (about 8× the portable rounds here; `ZKML_SHA256_KERNEL=portable`
/// turns it off); elsewhere through the Swift rounds below. Written here so zkml
/// needs no cryptography package; tested against the FIPS 180-4 examples, both kernels.
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0
    private var portable = !SHA256.usesHardwareKernel

    /// Whether blocks run through the SHA-extension kernel on this machine.
    public static var usesHardwareKernel: Bool {
        #if arch(x86_64)
        zk_sha256_shani_enabled() != 0
        #else
        false
        #endif
    }


    public init() { buffer.reserveCapacity(64) }

    /// A hasher that always runs the portable Swift rounds (tests compare the two kernels).
    init(portable: Bool) {
        self.init()
        self.portable = portable || !SHA256.usesHardwareKernel
    }

    /// Absorbs bytes (contiguous collections such as arrays and slices take the block path).
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { update(bytes: UnsafeRawBufferPointer($0)) }
        if contiguous != nil { return }
        for byte in bytes {
            buffer.append(byte)
            length &+= 1
            if buffer.count == 64 {
                absorbBuffer()
            }
        }
    }

    /// Absorbs the contents of a buffer (faster than a generic sequence for large inputs).
    public mutating func update(bytes: UnsafeRawBufferPointer) {
        var offset = 0
        if !buffer.isEmpty {
            while offset < bytes.count && buffer.count < 64 { buffer.append(bytes[offset]); offset += 1 }
            length &+= UInt64(offset)
            if buffer.count < 64 { return }
            absorbBuffer()
        }
        let whole = (bytes.count - offset) & ~63
        if whole > 0 {
            absorb(blocks: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + whole]))
            offset += whole
            length &+= UInt64(whole)
        }
        buffer.append(contentsOf: bytes[offset...])
        length &+= UInt64(bytes.count - offset)
    }

    /// The 32-byte digest.
    public consuming func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { absorb(blocks: $0) }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            for shift in stride(from: 24, through: 0, by: -8) { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return digest
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Compresses the 64 buffered bytes and empties the buffer.
    private mutating func absorbBuffer() {
        do {
            // A copy of the reference (not of the bytes), released before the buffer is emptied in place.
            let block = buffer
            block.withUnsafeBytes { absorb(blocks: $0) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Runs the block function over whole 64-byte blocks. Precondition: `blocks.count` is a multiple of 64.
    private mutating func absorb(blocks: UnsafeRawBufferPointer) {
        let count = blocks.count / 64
        if count == 0 { return }
        #if arch(x86_64)
        if !portable {
            withUnsafeMutableBytes(of: &state) { words in
                zk_sha256_blocks_shani(words.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                       blocks.baseAddress!.assumingMemoryBound(to: UInt8.self), count)
            }
            return
        }
        #endif
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for b in 0 ..< count {
                compress(block: UnsafeRawBufferPointer(rebasing: blocks[64 * b ..< 64 * b + 64]), schedule: w)
            }
        }
    }

    /// One 64-byte block straight from memory (big-endian words, unaligned loads).
    private mutating func compress(block: UnsafeRawBufferPointer, schedule w: UnsafeMutableBufferPointer<UInt32>) {
        for t in 0 ..< 16 { w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)) }
        rounds(schedule: w)
    }

    /// The message schedule from its first 16 words, then the 64 rounds.
    @inline(__always)
    private mutating func rounds(schedule w: UnsafeMutableBufferPointer<UInt32>) {
        for t in 16 ..< 64 {
            let s0 = w[t - 15].rotatedRight(7) ^ w[t - 15].rotatedRight(18) ^ (w[t - 15] >> 3)
            let s1 = w[t - 2].rotatedRight(17) ^ w[t - 2].rotatedRight(19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        // FIPS 180-4's K constants, from CZKSHA256 (one table for both kernels).
        withUnsafeBytes(of: zk_sha256_round_constants) { raw in
            let k = raw.bindMemory(to: UInt32.self)
            for t in 0 ..< 64 {
                let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                let choose = (e & f) ^ (~e & g)
                let temp1 = h &+ sum1 &+ choose &+ k[t] &+ w[t]
                let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temp2 = sum0 &+ majority
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
            }
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                 state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }
}

extension UInt32 {
    @inline(__always)
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 - count)) }
}
