public import CZKBatchAffine
public import ZKField

extension FixedBaseTable {
    /// Whether ``multiplyAll(_:threads:vector:)`` runs its additions in the 8-lane AVX-512 IFMA kernel
    /// (CZKBatchAffine): for BN254's G1 and G2 on a CPU with AVX-512 F, VL and IFMA, unless the
    /// environment variable `ZKML_FIELD_KERNEL` is `portable` or `adx`. The kernel keeps the
    /// Swift path's schedule (chunks, windows, one inversion per chunk and window) and gives the
    /// same points, so proving keys are byte-identical either way.
    @inlinable
    public static var usesVectorKernel: Bool { PairSumKernel<C>.isAvailable(entryStride: MemoryLayout<Entry>.stride) }

    /// ``accumulate(_:at:into:vector:)`` in the IFMA kernel: the chunk's accumulators live in the
    /// kernel's 52-bit lanes; per window Swift recodes the digits and the kernel adds the table
    /// points (``addWindow(_:entries:special:)``).
    /// - Precondition: ``usesVectorKernel``.
    @inlinable
    func accumulateVector(_ k: UnsafePointer<BN254.Fr>, at indices: UnsafeBufferPointer<Int>,
                          into destination: UnsafeMutablePointer<AffinePoint<C>>) {
        let count = indices.count
        if count == 0 { return }
        let batch = Self.makeBatch(count: count)
        defer { zk_batch_destroy(batch) }
        let digits = WindowEntries(k, at: indices, windowBits: windowBits)
        let entries = UnsafeMutablePointer<Int64>.allocate(capacity: count)
        let special = UnsafeMutablePointer<Int64>.allocate(capacity: count)
        defer { digits.deallocate(); entries.deallocate(); special.deallocate() }
        for w in 0 ..< windowCount {
            digits.fill(window: w, into: entries)
            addWindow(batch, entries: entries, special: special)
        }
        for i in 0 ..< count { destination[indices[i]] = Self.point(of: batch, at: i) }
    }

    /// A kernel batch of `count` accumulators at infinity for this curve.
    /// - Precondition: ``usesVectorKernel``.
    @inlinable
    static func makeBatch(count: Int) -> OpaquePointer {
        precondition(usesVectorKernel, "the IFMA kernel needs BN254's G1 or G2 and a CPU with AVX-512 IFMA")
        return PairSumKernel<C>.makeBatch(count: count)
    }

    /// Adds `table[entries[i]]` (its negation for `~index`, nothing for `Int64.min`) to every
    /// accumulator `i` of `batch`: the kernel's forward pass (running products per lane,
    /// combined into one), one `Fp.inverse()` here, the kernel's completion, then in Jacobian
    /// coordinates the additions of equal x (a doubling or a cancellation, which the kernel
    /// leaves out; not met with random scalars). `special` has room for every accumulator.
    @inlinable
    func addWindow(_ batch: OpaquePointer, entries: UnsafePointer<Int64>, special: UnsafeMutablePointer<Int64>) {
        let table = UnsafeRawPointer(storage.entries).assumingMemoryBound(to: UInt64.self)
        var product: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let specials = withUnsafeMutablePointer(to: &product) { p in
            p.withMemoryRebound(to: UInt64.self, capacity: 4) { zk_batch_begin_window(batch, table, entries, $0, special) }
        }
        var inverse = BN254.Fq(montgomeryLimbs: product).inverse().montgomeryLimbs
        withUnsafePointer(to: &inverse) { p in
            p.withMemoryRebound(to: UInt64.self, capacity: 4) { zk_batch_finish_window(batch, $0) }
        }
        for s in 0 ..< Int(specials) {
            let i = Int(special[s]), entry = Int(entries[i])
            var q = storage.entries[entry >= 0 ? entry : ~entry].point
            if entry < 0 { q = -q }
            Self.set(batch, at: i, to: (JacobianPoint(Self.point(of: batch, at: i)) + q).affine)
        }
        withExtendedLifetime(storage) {}
    }

    /// ``fillMultiples(of:count:into:)`` in the IFMA kernel, level by level in the same order:
    /// with `1 … j` known, the sums `e·P + j·P` for `e = 1 … min(j, count − j)` of every base are
    /// sent to the kernel (``zk_batch_begin_sums``), the last of each a doubling, one inversion per
    /// slice of up to 4,096 sums.
    /// - Precondition: every `Pₖ` is finite, `count < r / 2` and ``usesVectorKernel``.
    @inlinable
    static func fillMultiplesVector(of bases: UnsafeBufferPointer<AffinePoint<C>>, count: Int, into out: UnsafeMutablePointer<Entry>) {
        let windows = bases.count
        if !placeBases(bases, count: count, into: out) { return }
        let capacity = windows * (count / 2 + 1)
        // A level's sums go to the kernel in slices of at most `slice`, one inversion each, so
        // that its buffers stay near a megabyte (a whole level of a 16-bit G1 group was 65,540
        // sums: 18 MB per thread, LeNet-5 setup's peak 243 → 301 MB).
        let slice = min(capacity, 4_096)
        let batch = makeBatch(count: slice)
        defer { zk_batch_destroy(batch) }
        let left = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
        let right = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
        let destination = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
        defer { left.deallocate(); right.deallocate(); destination.deallocate() }
        let table = UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt64.self)
        var known = 1
        while known < count {
            let step = min(known, count - known)
            var n = 0
            for k in 0 ..< windows {
                let window = k * count
                for e in 1 ... step {
                    (left[n], right[n], destination[n]) = (Int64(window + e - 1), Int64(window + known - 1), Int64(window + known + e - 1))
                    n += 1
                }
            }
            for start in stride(from: 0, to: n, by: slice) {
                let size = min(slice, n - start)
                let added = PairSumKernel<C>.addPairs(batch, table: table, left: left + start, right: right + start,
                                                      destination: destination + start, count: size)
                precondition(added, "two different multiples of a window base with the same x")
            }
            known += step
        }
    }

    /// Accumulator `i` of a kernel batch (laid out like an ``Entry``: x then y, Montgomery limbs).
    @inlinable
    static func point(of batch: OpaquePointer, at i: Int) -> AffinePoint<C> {
        withUnsafeTemporaryAllocation(of: Entry.self, capacity: 1) { buffer in
            let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
            let infinity = zk_batch_get(batch, Int64(i), raw.assumingMemoryBound(to: UInt64.self))
            return infinity != 0 ? .infinity : raw.load(as: Entry.self).point
        }
    }

    /// Sets accumulator `i` of a kernel batch.
    @inlinable
    static func set(_ batch: OpaquePointer, at i: Int, to point: AffinePoint<C>) {
        withUnsafeTemporaryAllocation(of: Entry.self, capacity: 1) { buffer in
            buffer.baseAddress!.initialize(to: Entry(point.isInfinity ? AffinePoint(x: .zero, y: .zero) : point))
            let raw = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: UInt64.self)
            zk_batch_set(batch, Int64(i), raw, point.isInfinity ? 1 : 0)
        }
    }
}
