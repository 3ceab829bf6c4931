import Dispatch
public import ZKField
public import ZKIO

/// Multi-scalar multiplication `Σ kᵢ·Pᵢ`.
///
/// Pippenger's bucket method (N. Pippenger, "On the evaluation of powers and monomials", SIAM J.
/// Comput. 9(2), 1980) with:
/// - signed digits: each `c`-bit window digit is recoded into `[−2^(c−1), 2^(c−1)]`, halving the
///   number of buckets (negating an affine point is free);
/// - batch-affine bucket accumulation: additions into distinct buckets are collected and done in
///   affine coordinates with one shared inversion (Montgomery's trick), about 6 multiplications
///   per addition instead of 11 for a mixed Jacobian addition (as in gnark-crypto and in
///   Botrel–El Housni, TCHES 2023, §4); windows with few buckets sort their points by bucket
///   and add each bucket's run pairwise instead, so that their additions never collide;
/// - the number of windows follows the largest scalar's bit length, so short scalars (the
///   quantised activations of ML witnesses) cost proportionally less, and all-0/1 scalars take a
///   batch-affine tree sum of the selected points;
/// - windows run in parallel on up to `threads` threads.
public enum MSM {
    /// `Σ scalars[i] · points[i]`.
    /// - Precondition: `points.count == scalars.count`.
    /// - Parameter threads: the most threads to use (1 = on the calling thread).
    @inlinable
    public static func multiScalarMultiply<C: CurveConfig>(
        points: [AffinePoint<C>], scalars: [BN254.Fr], threads: Int = ActiveProcessors.count
    ) -> JacobianPoint<C> where C.ScalarField == BN254.Fr {
        precondition(points.count == scalars.count, "MSM needs as many scalars as points")
        let n = points.count
        guard n > 0 else { return .infinity }
        // Canonical scalars and their largest bit length.
        var limbs = [UInt64](repeating: 0, count: 4 * n)
        var orAll: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for i in 0..<n {
            let l = scalars[i].canonicalLimbs4
            limbs[4 * i] = l.0; limbs[4 * i + 1] = l.1; limbs[4 * i + 2] = l.2; limbs[4 * i + 3] = l.3
            orAll = (orAll.0 | l.0, orAll.1 | l.1, orAll.2 | l.2, orAll.3 | l.3)
        }
        let bits = orAll.3 != 0 ? 192 + (64 - orAll.3.leadingZeroBitCount)
            : orAll.2 != 0 ? 128 + (64 - orAll.2.leadingZeroBitCount)
            : orAll.1 != 0 ? 64 + (64 - orAll.1.leadingZeroBitCount)
            : 64 - orAll.0.leadingZeroBitCount
        if bits == 0 { return .infinity }
        if bits == 1 {
            var selected: [AffinePoint<C>] = []
            selected.reserveCapacity(n)
            for i in 0..<n where limbs[4 * i] == 1 && !points[i].isInfinity { selected.append(points[i]) }
            return sumAffine(selected, threads: threads)
        }
        return pippenger(points: points, limbs: &limbs, bits: bits, threads: threads)
    }

    /// The window size for `n` points (tuned on this project's benchmark machine).
    ///
    /// Capped at 14: a window's 2^13 buckets (64-byte coordinate pairs, 512 KB in G1; 1 MB in the
    /// few windows `windowLayout` widens) stay in one core's L2 (1 MiB here), and the bucket
    /// additions are scattered writes into them. c = 16
    /// (2^15 buckets of 72-byte points, 2.3 MB) lost to a cap of 13 at 2^20 points (five alternating
    /// rounds on 2026-12-03: median CPU 7.4 s against 5.9 s on one thread). With the 64-byte buckets
    /// and `windowLayout`, 14 beats 13: 18 windows instead of 19, 3.73 s against 4.09 s on one thread
    /// and 2.02 s against 2.19 s wall on two (three alternating rounds, 2026-12-03 evening).
    @inlinable
    public static func windowSize(pointCount n: Int, bits: Int) -> Int {
        let log = max(1, Int.bitWidth - n.leadingZeroBitCount - 1)
        let c = log <= 8 ? max(2, log - 2) : log <= 12 ? log - 3 : log - 4
        return max(2, min(c, 14, bits + 1))
    }

    /// Window widths and offsets (least significant first) for `bits`-bit scalars and width `c`. The
    /// top window's width counts the carry bit it reads on top of its value bits.
    ///
    /// Uniform `c`-bit windows need `⌊bits/c⌋ + 1` of them: signed digits carry into a top window that
    /// holds only `bits mod c` bits (7 of them at 254 bits and c = 13), yet costs an addition per point
    /// like any other. When that top remainder `e` is small, one window fewer does: the top window takes
    /// a full `c` bits unsigned (digits up to 2^c), and `e` of the others widen to `c + 1` bits,
    /// which doubles their buckets (a longer bucket reduction) but saves `n` additions. Used when `n` is
    /// large enough for that trade (the extra reductions cost under a quarter of the saved additions).
    @inlinable
    public static func windowLayout(pointCount n: Int, bits: Int, width c: Int) -> (widths: [Int], offsets: [Int]) {
        var windows = (bits + c) / c
        var widths = [Int](repeating: c, count: windows)
        let remainder = bits - (windows - 1) * c
        let fewer = windows - 1
        // `remainder` widened windows among the `fewer − 1` below the top; each adds 2^c buckets to reduce twice.
        // The top window reads one bit more than its value bits: the carry out of the windows below.
        if fewer >= 2, remainder <= fewer - 1, c < 16, 4 * (2 * remainder + 1) << c <= n {
            windows = fewer
            widths = (0 ..< windows).map { $0 < remainder ? c + 1 : c }
            widths[windows - 1] = c + 1
        } else {
            widths[windows - 1] = remainder + 1
        }
        var offsets = [Int](repeating: 0, count: windows)
        for w in 1 ..< max(1, windows) { offsets[w] = offsets[w - 1] + widths[w - 1] }
        return (widths, offsets)
    }

    /// Signed-digit Pippenger over canonical 4-limb scalars of at most `bits` bits.
    ///
    /// The digits of a window of width `c_w` at offset `o_w` (``windowLayout(pointCount:bits:width:)``)
    /// lie in `[−(2^(c_w−1) − 1), 2^(c_w−1)]` and need no carry chain: with
    /// `M = Σ_{w < top} (2^(c_w−1) − 1)·2^(o_w)`, window `w`'s digit is bits `[o_w, o_w + c_w)` of
    /// `k + M` minus `2^(c_w−1) − 1` (the top window: its bits as they are). `limbs` becomes `k + M`
    /// (one addition per scalar), and each window's worker reads its own digits from it: no
    /// serial recoding pass (3.6 % of a one-thread 2^20 MSM, twice that of a two-thread one) and
    /// no window-major digit array (80 MB at 2^20).
    /// - Precondition: every scalar is below `2^bits`, `bits ≤ 254`.
    @inlinable
    static func pippenger<C: CurveConfig>(points: [AffinePoint<C>], limbs: inout [UInt64], bits: Int,
                                          threads: Int) -> JacobianPoint<C> {
        let n = points.count
        let c = windowSize(pointCount: n, bits: bits)
        let (widths, offsets) = windowLayout(pointCount: n, bits: bits, width: c)
        let windows = widths.count
        // M: bits [offset, offset + width − 1) set for every window below the top one.
        var offset: [UInt64] = [0, 0, 0, 0]
        for w in 0 ..< windows - 1 {
            for bit in offsets[w] ..< offsets[w] + widths[w] - 1 { offset[bit / 64] |= 1 << UInt64(bit % 64) }
        }
        limbs.withUnsafeMutableBufferPointer { l in
            for i in 0 ..< n {
                var carry: UInt64 = 0
                for j in 0 ..< 4 {
                    let (sum, overflow1) = l[4 * i + j].addingReportingOverflow(offset[j])
                    let (total, overflow2) = sum.addingReportingOverflow(carry)
                    l[4 * i + j] = total
                    carry = overflow1 || overflow2 ? 1 : 0
                }
            }
        }
        // The top window's digits are its bits of k + M, unsigned and at most 2^(width − 1).
        let topBuckets = 1 << (widths[windows - 1] - 1)
        // Each window's bucket sum, in parallel.
        let results = WindowResults<C>(count: windows)
        let pointsRef = points, limbsRef = limbs
        let work: @Sendable (Int) -> Void = { w in
            let top = w == windows - 1
            let half = 1 << (widths[w] - 1)
            let digits = WindowDigits(offset: offsets[w], width: widths[w], bias: top ? 0 : half - 1)
            let sum = limbsRef.withUnsafeBufferPointer { l in
                pointsRef.withUnsafeBufferPointer { p in
                    windowSum(points: p, limbs: l.baseAddress!, digits: digits, bucketCount: top ? topBuckets : half)
                }
            }
            results.set(w, sum)
        }
        if threads <= 1 || windows == 1 {
            for w in 0..<windows { work(w) }
        } else {
            ParallelFor.run(count: windows, threads: threads, work)
        }
        // Horner over the windows: Σ 2^(offset_w) · S_w.
        var total = results.get(windows - 1)
        for w in stride(from: windows - 2, through: 0, by: -1) {
            for _ in 0..<widths[w] { total = total.doubled() }
            total += results.get(w)
        }
        return total
    }

    /// Below this many buckets a window sorts its points by bucket and sums each bucket by
    /// levels of pairwise affine additions (``sortedWindowSum(points:limbs:digits:bucketCount:)``)
    /// instead of accumulating them: with few buckets, a batch of additions into distinct
    /// buckets is short (an inversion for every few additions) and most additions collide with
    /// one already in the batch. One thread, random scalars, 2026-12-05 (Zen 4): 2^10 points
    /// (64 buckets) 8.2 ms sorted against 12.2 ms with Jacobian buckets, 2^12 (256) 21.5 against
    /// 22.9 ms with the accumulator, 2^14 (512) even, 2^16 (2,048) 296 against 240 ms.
    @inlinable static var sortedBucketThreshold: Int { 512 }

    /// One window's `Σ_j (j+1) · B_j` by sorting: each bucket's sum from its points sorted
    /// together (``BatchAffineAccumulator/keyedSums(_:keys:keyCount:threads:)`` with the signed
    /// digits as keys: every addition is affine and shares an inversion with up to 2,047 others,
    /// whatever the digits), then the running-sum reduction.
    @inlinable
    static func sortedWindowSum<C: CurveConfig>(points: UnsafeBufferPointer<AffinePoint<C>>,
                                                limbs: UnsafePointer<UInt64>, digits: WindowDigits,
                                                bucketCount: Int) -> JacobianPoint<C> {
        var digit = [Int32](repeating: 0, count: points.count)
        for i in 0 ..< points.count where !points[i].isInfinity { digit[i] = Int32(digits.digit(limbs, i)) }
        let sums = BatchAffineAccumulator<C>.keyedSums(points, keys: digit, keyCount: bucketCount, threads: 1)
        var running = JacobianPoint<C>.infinity
        var sum = JacobianPoint<C>.infinity
        for j in stride(from: bucketCount - 1, through: 0, by: -1) {
            if !sums[j].isInfinity { running += sums[j] }
            sum += running
        }
        return sum
    }

    /// `Σ_j (j+1) · B_j` after filling buckets `B_j` with `±P_i` for digits `±(j+1)`.
    @inlinable
    static func windowSum<C: CurveConfig>(points: UnsafeBufferPointer<AffinePoint<C>>,
                                          limbs: UnsafePointer<UInt64>, digits: WindowDigits,
                                          bucketCount: Int) -> JacobianPoint<C> {
        if bucketCount < sortedBucketThreshold {
            return sortedWindowSum(points: points, limbs: limbs, digits: digits, bucketCount: bucketCount)
        }
        let accumulator = BatchAffineAccumulator<C>(bucketCount: bucketCount)
        for i in 0..<points.count {
            let d = digits.digit(limbs, i)
            if d == 0 { continue }
            let p = points[i]
            if p.isInfinity { continue }
            if d > 0 {
                accumulator.add(p, toBucket: Int(d) - 1)
            } else {
                accumulator.add(-p, toBucket: Int(-d) - 1)
            }
        }
        accumulator.finish()
        // Running-sum reduction from the top bucket down.
        var running = JacobianPoint<C>.infinity
        var sum = JacobianPoint<C>.infinity
        for j in stride(from: bucketCount - 1, through: 0, by: -1) {
            running += accumulator.bucket(j)
            if !accumulator.overflow[j].isInfinity { running += accumulator.overflow[j] }
            sum += running
        }
        return sum
    }

    /// `Σ points` by pairwise batch-affine tree addition (the 0/1-scalar fast path).
    @inlinable
    public static func sumAffine<C: CurveConfig>(_ points: [AffinePoint<C>], threads: Int = 1) -> JacobianPoint<C> {
        if points.isEmpty { return .infinity }
        let chunks = max(1, min(threads, points.count / 4096 + 1))
        if chunks == 1 { return BatchAffineAccumulator<C>.treeSum(points[...]) }
        let results = WindowResults<C>(count: chunks)
        let per = (points.count + chunks - 1) / chunks
        let pointsRef = points
        ParallelFor.run(count: chunks, threads: threads) { t in
            let lower = t * per, upper = min(pointsRef.count, lower + per)
            results.set(t, lower < upper ? BatchAffineAccumulator<C>.treeSum(pointsRef[lower..<upper]) : .infinity)
        }
        var total = JacobianPoint<C>.infinity
        for t in 0..<chunks { total += results.get(t) }
        return total
    }

    /// `Σ scalars[i]·points[i]` by one scalar multiplication per point (the test oracle).
    public static func naive<C: CurveConfig>(points: [AffinePoint<C>], scalars: [BN254.Fr]) -> JacobianPoint<C>
    where C.ScalarField == BN254.Fr {
        var total = JacobianPoint<C>.infinity
        for (p, k) in zip(points, scalars) { total += JacobianPoint(p).multiplied(by: k) }
        return total
    }
}

/// Where one window's digits sit in the 4-limb scalars `k + M` (see `MSM.pippenger`).
@usableFromInline @frozen
struct WindowDigits: Sendable {
    @usableFromInline let limb: Int
    @usableFromInline let shift: UInt64
    @usableFromInline let spills: Bool
    @usableFromInline let mask: UInt64
    @usableFromInline let bias: Int

    /// Bits `[offset, offset + width)` of each scalar, minus `bias`. Precondition: `offset < 256`, `width ≤ 32`.
    @inlinable
    init(offset: Int, width: Int, bias: Int) {
        limb = offset / 64
        shift = UInt64(offset % 64)
        spills = offset % 64 + width > 64 && limb + 1 < 4
        mask = (1 << UInt64(width)) - 1
        self.bias = bias
    }

    /// Scalar `i`'s digit.
    @inlinable @inline(__always)
    func digit(_ limbs: UnsafePointer<UInt64>, _ i: Int) -> Int {
        var raw = limbs[4 * i + limb] &>> shift
        if spills { raw |= limbs[4 * i + limb + 1] &<< (64 - shift) }
        return Int(raw & mask) - bias
    }
}

/// Per-window results written by worker threads, each to its own slot.
@usableFromInline
final class WindowResults<C: CurveConfig>: @unchecked Sendable {
    // Safety: each index is written by exactly one task and read after all tasks finished.
    @usableFromInline var values: UnsafeMutablePointer<JacobianPoint<C>>
    @usableFromInline let count: Int

    @usableFromInline init(count: Int) {
        self.count = count
        values = .allocate(capacity: count)
        values.initialize(repeating: .infinity, count: count)
    }

    deinit {
        values.deinitialize(count: count)
        values.deallocate()
    }

    @usableFromInline func set(_ i: Int, _ value: JacobianPoint<C>) { values[i] = value }
    @usableFromInline func get(_ i: Int) -> JacobianPoint<C> { values[i] }
}

/// The number of processors this process may use.
public enum ActiveProcessors {
    @inlinable public static var count: Int { max(1, ProcessInfoShim.activeProcessorCount) }
}
