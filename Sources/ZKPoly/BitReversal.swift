/// The bit-reversal permutation that precedes a decimation-in-time transform.
public enum BitReversal {
    /// `log₂ n`-bit reversal of `index`.
    @inlinable @inline(__always)
    public static func reverse(_ index: Int, bits: Int) -> Int {
        guard bits > 0 else { return 0 }
        var x = UInt64(truncatingIfNeeded: index)
        // Reverse the bits inside each byte, then the bytes.
        x = ((x >> 1) & 0x5555_5555_5555_5555) | ((x & 0x5555_5555_5555_5555) << 1)
        x = ((x >> 2) & 0x3333_3333_3333_3333) | ((x & 0x3333_3333_3333_3333) << 2)
        x = ((x >> 4) & 0x0f0f_0f0f_0f0f_0f0f) | ((x & 0x0f0f_0f0f_0f0f_0f0f) << 4)
        return Int(truncatingIfNeeded: x.byteSwapped >> UInt64(64 - bits))
    }

    /// Swaps `values[i]` and `values[reverse(i)]` for every `i < reverse(i)`.
    ///
    /// Large arrays are permuted in tiles: indices are split as `hi | mid | lo` with `b`-bit `hi`
    /// and `lo`, and for each `mid` the `2^b × 2^b` tile of elements is exchanged with its mirror
    /// tile at once, so both tiles' cache lines are touched together instead of one random line
    /// per element (a simplified form of Carter and Gatlin, "Towards an optimal bit-reversal
    /// permutation program", FOCS 1998).
    @inlinable
    public static func permute<T>(_ values: UnsafeMutableBufferPointer<T>, logSize: Int) {
        let n = values.count
        precondition(n == 1 << logSize, "size is not 2^logSize")
        guard let a = values.baseAddress, n > 2 else { return }
        let tileBits = 4
        if logSize < 2 * tileBits + 2 {
            for i in 0..<n {
                let j = reverse(i, bits: logSize)
                if i < j { swap(&a[i], &a[j]) }
            }
            return
        }
        let midBits = logSize - 2 * tileBits
        let tile = 1 << tileBits
        for mid in 0..<(1 << midBits) {
            let midReversed = reverse(mid, bits: midBits)
            // Each (mid, mid') pair once; a self-mirrored mid swaps within its own tile.
            if midReversed < mid { continue }
            for hi in 0..<tile {
                let hiReversed = reverse(hi, bits: tileBits)
                for lo in 0..<tile {
                    let loReversed = reverse(lo, bits: tileBits)
                    let i = (hi << (logSize - tileBits)) | (mid << tileBits) | lo
                    let j = (loReversed << (logSize - tileBits)) | (midReversed << tileBits) | hiReversed
                    // Across two different tiles every pair is visited once; within a
                    // self-mirrored tile, once from each side.
                    if midReversed != mid || i < j { swap(&a[i], &a[j]) }
                }
            }
        }
    }
}
