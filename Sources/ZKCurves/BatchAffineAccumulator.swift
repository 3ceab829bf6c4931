public import CZKBatchAffine
public import ZKField

/// Buckets of affine points whose additions are done in batches sharing one field inversion.
///
/// Adding `Q` to bucket `B` in affine coordinates needs `λ = (Q.y − B.y)/(Q.x − B.x)`; the
/// denominators of up to `capacity` additions into *distinct* buckets are inverted together
/// (Montgomery's trick: 3 multiplications each plus one inversion per batch). An addition into a
/// bucket already in the current batch waits for the next batch in a bounded list (half the
/// batch size), retried once after each flush; when the list is full, and in the last round, it
/// goes at once into that bucket's Jacobian overflow point (a mixed addition).
/// The list is never rescanned, so skewed scalars (many equal digits, few buckets) degrade to
/// plain Jacobian buckets instead of quadratic work. Equal x-coordinates are a doubling
/// (`λ = 3x²/2y`) or a cancellation (the bucket empties).
@usableFromInline
final class BatchAffineAccumulator<C: CurveConfig> {
    /// A finite bucket's coordinates: 64 bytes in G1, one cache line (the buckets are 64-byte
    /// aligned), where an `AffinePoint` with its infinity flag takes 72 and straddles two lines on
    /// every random access. `state` says whether a bucket is the point at infinity.
    @frozen @usableFromInline
    struct Coordinates {
        @usableFromInline var x: C.BaseField
        @usableFromInline var y: C.BaseField
        @inlinable init(_ p: AffinePoint<C>) { (x, y) = (p.x, p.y) }
        @inlinable var point: AffinePoint<C> { AffinePoint(x: x, y: y) }
    }

    // Raw buffers, not arrays: the inner loop indexes them randomly millions of times, and array
    // uniqueness and bounds checks measured ~15 % of the MSM's instructions (callgrind).
    @usableFromInline let buckets: UnsafeMutablePointer<Coordinates>
    /// Per bucket: `empty` (∞), `filled` (an affine point) or `batched` (filled, and in the current
    /// batch). One byte per bucket (4 KB at 2^12 buckets, in L1), so scheduling an addition never
    /// reads the bucket itself; `flush` gathers the buckets it needs in one pass.
    @usableFromInline let state: UnsafeMutablePointer<UInt8>
    @inlinable static var empty: UInt8 { 0 }
    @inlinable static var filled: UInt8 { 1 }
    @inlinable static var batched: UInt8 { 2 }
    @usableFromInline let batchBuckets: UnsafeMutablePointer<Int>
    @usableFromInline let batchPoints: UnsafeMutablePointer<AffinePoint<C>>
    /// The bucket values read in the forward pass, so the backward pass does not read the
    /// (cache-unfriendly, randomly indexed) bucket array again.
    @usableFromInline let batchBases: UnsafeMutablePointer<Coordinates>
    @usableFromInline let denominators: UnsafeMutablePointer<C.BaseField>
    @usableFromInline let prefix: UnsafeMutablePointer<C.BaseField>
    /// Per-bucket Jacobian overflow for additions that collided with the current batch while
    /// the waiting list was full, or in the last round.
    @usableFromInline let overflow: UnsafeMutablePointer<JacobianPoint<C>>
    // The mutable properties below skip Swift's dynamic exclusivity checks (≈ 2 % of the MSM in
    // `swift_beginAccess`): one thread owns an accumulator, and no access to them overlaps another.
    /// Additions that collided with the current batch, waiting for the next one (at most
    /// `deferredCapacity`), and the buffers they are moved to while being retried.
    @exclusivity(unchecked) @usableFromInline var deferredBuckets: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) @usableFromInline var deferredPoints: UnsafeMutablePointer<AffinePoint<C>>
    @exclusivity(unchecked) @usableFromInline var retryBuckets: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) @usableFromInline var retryPoints: UnsafeMutablePointer<AffinePoint<C>>
    @usableFromInline let deferredCapacity: Int
    @exclusivity(unchecked) @usableFromInline var deferredCount = 0
    /// The IFMA kernel's state when ``addsPairsInKernel``, with the pairs it adds laid out as
    /// bucket value then point (`pairs[2k]`, `pairs[2k + 1]`; the sum lands in `pairs[2k]`), and
    /// room for their indices.
    @usableFromInline let kernel: OpaquePointer?
    @usableFromInline let pairs: UnsafeMutablePointer<Coordinates>
    @usableFromInline let pairIndices: UnsafeMutablePointer<Int64>
    @usableFromInline let bucketCount: Int
    @usableFromInline let capacity: Int
    @exclusivity(unchecked) @usableFromInline var batchCount = 0

    /// - Parameter vector: whether flushes use the IFMA kernel (``addsPairsInKernel``).
    @inlinable
    init(bucketCount: Int, vector: Bool = addsPairsInKernel) {
        self.bucketCount = bucketCount
        // Batch size k trades the shared inversion (I ≈ 7.4 µs, amortised I/k per addition)
        // against collisions: a fraction ≈ k/2B of the additions meet their bucket already in
        // the batch. Those wait for the next batch (a 72-byte copy) rather than taking a mixed
        // Jacobian addition (≈ 0.23 µs dearer), so k can be about twice the 8·√B that balanced
        // the Jacobian fallback: 16·√B, capped at 1,024 (batch buffers ≈ 210 KB) and at half the
        // buckets. At 2^20 points (4,096 buckets) that is 1,024 instead of 512; five alternating
        // one-thread rounds on 2026-12-03 gave median 5.25 s against 5.67 s (docs/benchmarks.md).
        let balanced = 16 * Int(Double(bucketCount).squareRoot())
        capacity = max(4, min(1024, balanced, bucketCount / 2))
        let stride = MemoryLayout<Coordinates>.stride
        buckets = UnsafeMutableRawPointer.allocate(byteCount: bucketCount * stride, alignment: 64)
            .initializeMemory(as: Coordinates.self, repeating: Coordinates(.infinity), count: bucketCount)
        state = .allocate(capacity: bucketCount)
        state.initialize(repeating: Self.empty, count: bucketCount)
        overflow = .allocate(capacity: bucketCount)
        overflow.initialize(repeating: .infinity, count: bucketCount)
        batchBuckets = .allocate(capacity: capacity)
        batchBuckets.initialize(repeating: 0, count: capacity)
        batchPoints = .allocate(capacity: capacity)
        batchPoints.initialize(repeating: .infinity, count: capacity)
        batchBases = .allocate(capacity: capacity)
        batchBases.initialize(repeating: Coordinates(.infinity), count: capacity)
        denominators = .allocate(capacity: capacity)
        denominators.initialize(repeating: .one, count: capacity)
        prefix = .allocate(capacity: capacity)
        prefix.initialize(repeating: .one, count: capacity)
        deferredCapacity = capacity / 2
        deferredBuckets = .allocate(capacity: deferredCapacity)
        deferredPoints = .allocate(capacity: deferredCapacity)
        retryBuckets = .allocate(capacity: deferredCapacity)
        retryPoints = .allocate(capacity: deferredCapacity)
        kernel = vector ? PairSumKernel<C>.makeBatch(count: capacity) : nil
        pairs = .allocate(capacity: vector ? 2 * capacity : 0)
        pairIndices = .allocate(capacity: vector ? 2 * capacity : 0)
    }

    deinit {
        UnsafeMutableRawPointer(buckets).deallocate(); state.deallocate(); overflow.deallocate()
        batchBuckets.deallocate(); batchPoints.deallocate(); batchBases.deallocate()
        denominators.deallocate(); prefix.deallocate()
        deferredBuckets.deallocate(); deferredPoints.deallocate()
        retryBuckets.deallocate(); retryPoints.deallocate()
        zk_batch_destroy(kernel); pairs.deallocate(); pairIndices.deallocate()
    }

    /// Schedules `bucket[b] += p` (`p` finite).
    @inlinable
    func add(_ p: AffinePoint<C>, toBucket b: Int) {
        if state[b] == Self.batched {
            postpone(p, toBucket: b)
            return
        }
        schedule(p, toBucket: b)
        if batchCount == capacity {
            flush()
            retryDeferred(draining: false)
        }
    }

    /// Puts `p` into the current batch (or straight into an empty bucket).
    /// - Precondition: bucket `b` is not in the batch, and the batch is not full.
    @inlinable @inline(__always)
    func schedule(_ p: AffinePoint<C>, toBucket b: Int) {
        if state[b] == Self.empty {
            buckets[b] = Coordinates(p)
            state[b] = Self.filled
            return
        }
        state[b] = Self.batched
        batchBuckets[batchCount] = b
        batchPoints[batchCount] = p
        batchCount += 1
    }

    /// An addition whose bucket is already in the batch waits for the next batch; when the
    /// waiting list is full it goes into the bucket's Jacobian overflow point instead.
    @inlinable @inline(__always)
    func postpone(_ p: AffinePoint<C>, toBucket b: Int) {
        if deferredCount < deferredCapacity {
            deferredBuckets[deferredCount] = b
            deferredPoints[deferredCount] = p
            deferredCount += 1
        } else {
            overflow[b] += p
        }
    }

    /// Schedules the waiting additions again after a flush. The batch is empty then and at most
    /// `capacity / 2` additions wait, so this never fills it. Additions that meet their bucket in
    /// the new batch wait again, or with `draining` go to the overflow point (so the last
    /// round needs no further batch).
    @inlinable
    func retryDeferred(draining: Bool) {
        let count = deferredCount
        if count == 0 { return }
        swap(&deferredBuckets, &retryBuckets)
        swap(&deferredPoints, &retryPoints)
        deferredCount = 0
        for k in 0..<count {
            let b = retryBuckets[k], p = retryPoints[k]
            if state[b] != Self.batched {
                schedule(p, toBucket: b)
            } else if draining {
                overflow[b] += p
            } else {
                postpone(p, toBucket: b)
            }
        }
    }

    /// Performs every scheduled and waiting addition: afterwards each bucket's value is
    /// `bucket(b) + overflow[b]`.
    @inlinable
    func finish() {
        flush()
        retryDeferred(draining: true)
        flush()
    }

    /// Bucket `b`'s affine value (∞ when empty); after ``finish()`` its sum is this plus `overflow[b]`.
    @inlinable
    func bucket(_ b: Int) -> AffinePoint<C> {
        state[b] == Self.empty ? .infinity : buckets[b].point
    }

    /// Performs the scheduled additions: in the IFMA kernel when there is one and no addition
    /// of the batch is a doubling or a cancellation, else here.
    @inlinable
    func flush() {
        let count = batchCount
        if count > 0, let kernel, flushInKernel(kernel, count: count) {
            batchCount = 0
            return
        }
        if count > 0 {
            // The batch's buckets first, by a loop of only loads and stores: the reads are scattered
            // over the bucket array, and without a multiplication between them many are in flight
            // at once (in the loop below, each waited behind the running product: ≈ 7 % of the MSM).
            for k in 0..<count { batchBases[k] = buckets[batchBuckets[k]] }
            // Denominators, with a running product for the shared inversion.
            var running = C.BaseField.one
            for k in 0..<count {
                let b = batchBases[k], q = batchPoints[k]
                var den: C.BaseField
                if b.x == q.x {
                    den = b.y == q.y ? b.y.doubled() : .one  // doubling, or cancellation (unused)
                } else {
                    den = q.x - b.x
                }
                if den.isZero { den = .one }  // doubling a point with y = 0 (not on BN curves' subgroups)
                denominators[k] = den
                prefix[k] = running
                running *= den
            }
            var inverse = running.inverseVariableTime()
            for k in stride(from: count - 1, through: 0, by: -1) {
                let index = batchBuckets[k]
                let b = batchBases[k], q = batchPoints[k]
                let denInverse = inverse * prefix[k]
                inverse *= denominators[k]
                state[index] = Self.filled
                let lambda: C.BaseField
                if b.x == q.x {
                    if b.y != q.y || b.y.isZero {
                        state[index] = Self.empty
                        continue
                    }
                    let x2 = b.x.squared()
                    lambda = (x2.doubled() + x2) * denInverse
                } else {
                    lambda = (q.y - b.y) * denInverse
                }
                buckets[index] = Coordinates(.sum(b.point, q, slope: lambda))
            }
            batchCount = 0
        }
    }

    /// The batch's additions in the kernel (`zk_batch_begin_sums`/`finish_sums` on the pairs
    /// bucket value, point); false, with nothing changed, if one of them has equal x.
    @inlinable
    func flushInKernel(_ kernel: OpaquePointer, count: Int) -> Bool {
        for k in 0 ..< count {
            pairs[2 * k] = buckets[batchBuckets[k]]
            pairs[2 * k + 1] = Coordinates(batchPoints[k])
        }
        // Pair k: left 2k, right 2k + 1, its sum written over the left one.
        let left = pairIndices, right = pairIndices + capacity
        for k in 0 ..< count { left[k] = Int64(2 * k); right[k] = Int64(2 * k + 1) }
        let table = UnsafeMutableRawPointer(pairs).assumingMemoryBound(to: UInt64.self)
        guard PairSumKernel<C>.addPairs(kernel, table: table, left: left, right: right, destination: left, count: count) else {
            return false
        }
        for k in 0 ..< count {
            let b = batchBuckets[k]
            buckets[b] = pairs[2 * k]
            state[b] = Self.filled
        }
        return true
    }

    /// `Σ points` by levels of pairwise affine additions, each level sharing one inversion.
    ///
    /// In place: one copy of the input (without infinities) and a denominator per pair. Each
    /// level first turns the denominators into inverses (Montgomery's trick, walking down), then
    /// writes pair `k`'s sum to slot `k` walking up, which reads slots `2k` and `2k + 1` before
    /// anything at or above `k + 1` is written. (A fresh array per level and a filtered copy of
    /// it held about two and a half times the input.)
    @inlinable
    static func treeSum(_ input: ArraySlice<AffinePoint<C>>) -> JacobianPoint<C> {
        var current = input.filter { !$0.isInfinity }
        if current.isEmpty { return .infinity }
        var denominators = [C.BaseField](repeating: .one, count: current.count / 2 + 1)
        var prefix = denominators
        var count = current.count
        current.withUnsafeMutableBufferPointer { points in
            denominators.withUnsafeMutableBufferPointer { inverses in
                prefix.withUnsafeMutableBufferPointer { prefix in
                    while count > 1 {
                        let pairs = count / 2
                        var running = C.BaseField.one
                        for k in 0 ..< pairs {
                            let a = points[2 * k], b = points[2 * k + 1]
                            var den = a.x == b.x ? (a.y == b.y ? a.y.doubled() : .one) : b.x - a.x
                            if den.isZero { den = .one }
                            inverses[k] = den
                            prefix[k] = running
                            running *= den
                        }
                        var inverse = running.inverseVariableTime()
                        for k in stride(from: pairs - 1, through: 0, by: -1) {
                            let denominator = inverses[k]
                            inverses[k] = inverse * prefix[k]
                            inverse *= denominator
                        }
                        var written = 0
                        for k in 0 ..< pairs {
                            let a = points[2 * k], b = points[2 * k + 1]
                            let lambda: C.BaseField
                            if a.x == b.x {
                                if a.y != b.y || a.y.isZero { continue }  // cancellation → infinity, dropped
                                let x2 = a.x.squared()
                                lambda = (x2.doubled() + x2) * inverses[k]
                            } else {
                                lambda = (b.y - a.y) * inverses[k]
                            }
                            points[written] = .sum(a, b, slope: lambda)
                            written += 1
                        }
                        if count % 2 == 1 { points[written] = points[count - 1]; written += 1 }
                        count = written
                    }
                }
            }
        }
        return count == 0 ? .infinity : JacobianPoint(current[0])
    }
}

