#if arch(x86_64)
import CZKSHA256
#endif

/// SHA-256 (FIPS 180-4), used for content hashes of circuits and keys.
///
/// A circuit or key is hashed once when written and once when read; on the proving path that is
/// the whole proving key and model.zkml, up to hundreds of megabytes, so contiguous input goes
/// straight from memory into the block function. On x86-64 CPUs with the SHA extensions the blocks
/// run through CZKSHA256's kernel (about 8× the portable rounds here; `ZKML_SHA256_KERNEL=portable`
/// turns it off); elsewhere through the Swift rounds below. Written here so the constraint layer
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

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

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
        let block = buffer
        block.withUnsafeBytes { absorb(blocks: $0) }
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
        Self.roundConstants.withUnsafeBufferPointer { k in
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

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal.
    public var hexString: String {
        let digits = [Character]("0123456789abcdef")
        var text = ""
        text.reserveCapacity(count * 2)
        for byte in self { text.append(digits[Int(byte >> 4)]); text.append(digits[Int(byte & 15)]) }
        return text
    }
}
