public import CZKBatchAffine
public import ZKField
public import ZKIO

extension BatchAffineAccumulator {
    /// The sum of each segment `points[starts[g] ..< starts[g + 1]]`, for `g < starts.count − 1`.
    ///
    /// Levels of pairwise affine additions within every segment at once (``treeSum(_:)`` on many
    /// lists): a level adds points `2k` and `2k + 1` of each segment and writes the sum to slot
    /// `k`, in place, which never overwrites a slot the level has yet to read; an odd last point
    /// moves down unchanged. The additions of a level go in chunks of up to 2,048 that share one
    /// inversion (Montgomery's trick). No two additions ever meet in one bucket, so unlike
    /// bucket accumulation there are no collisions however unequal the segments. Segments are
    /// split over `threads` workers in contiguous runs of about equal point counts.
    /// - Precondition: `starts` is non-decreasing from 0 to the number of points.
    @inlinable
    static func segmentedSums(_ points: UnsafeMutablePointer<Coordinates>, starts: [Int], threads: Int) -> [AffinePoint<C>] {
        let segments = starts.count - 1
        var sums = [AffinePoint<C>](repeating: .infinity, count: max(0, segments))
        if segments <= 0 { return sums }
        let total = starts[segments]
        let workers = max(1, min(threads, total / 4_096, segments))
        // Worker w takes segments [bounds[w], bounds[w + 1]).
        var bounds = [0]
        for w in 1 ..< workers {
            let target = total * w / workers
            var g = bounds[w - 1]
            while g < segments && starts[g] < target { g += 1 }
            bounds.append(g)
        }
        bounds.append(segments)
        sums.withUnsafeMutableBufferPointer { out in
            let shared = SegmentBuffers(points: points, sums: out.baseAddress!)
            let startsRef = starts, boundsRef = bounds
            ParallelFor.run(count: workers, threads: workers) { w in
                Self.sumSegments(shared.points, starts: startsRef, range: boundsRef[w] ..< boundsRef[w + 1], into: shared.sums)
            }
        }
        return sums
    }

    /// The sum of each key's points: `sums[j] = Σ_{keys[i] = j+1} points[i] − Σ_{keys[i] = −(j+1)} points[i]`
    /// for `j < keyCount` (a key of 0 leaves its point out), by a counting sort into segments and
    /// ``segmentedSums(_:starts:threads:)``. A window's buckets (keys = signed digits) and the
    /// groups of equal scalars (keys = group + 1) both take this.
    /// - Precondition: `keys.count == points.count`, `|keys[i]| ≤ keyCount`, keyed points finite.
    @inlinable
    static func keyedSums(_ points: UnsafeBufferPointer<AffinePoint<C>>, keys: [Int32], keyCount: Int,
                          threads: Int) -> [AffinePoint<C>] {
        var starts = [Int](repeating: 0, count: keyCount + 1)
        for key in keys where key != 0 { starts[Int(key.magnitude)] += 1 }
        for j in 0 ..< keyCount { starts[j + 1] += starts[j] }
        var next = starts
        let sorted = UnsafeMutablePointer<Coordinates>.allocate(capacity: max(1, starts[keyCount]))
        defer { sorted.deallocate() }
        for i in 0 ..< points.count where keys[i] != 0 {
            let j = Int(keys[i].magnitude) - 1
            (sorted + next[j]).initialize(to: Coordinates(keys[i] > 0 ? points[i] : -points[i]))
            next[j] += 1
        }
        return segmentedSums(sorted, starts: starts, threads: threads)
    }

    /// Whether ``sumSegments(_:starts:range:into:)`` adds its pairs in the 8-lane AVX-512 IFMA
    /// kernel (CZKBatchAffine's `zk_batch_begin_sums`): BN254's G1 or G2 on a CPU with IFMA,
    /// unless `ZKML_FIELD_KERNEL` is `portable` or `adx`. The sums are the same points either way.
    @inlinable
    static var addsPairsInKernel: Bool { PairSumKernel<C>.isAvailable(entryStride: MemoryLayout<Coordinates>.stride) }

    /// ``segmentedSums(_:starts:threads:)`` for the segments in `range`, on one thread; `vector`
    /// chooses the kernel (``addsPairsInKernel``) or the Swift additions.
    @inlinable
    static func sumSegments(_ points: UnsafeMutablePointer<Coordinates>, starts: [Int], range: Range<Int>,
                            into sums: UnsafeMutablePointer<AffinePoint<C>>, vector: Bool = addsPairsInKernel) {
        // Segments with two or more points left, and each one's current length.
        var active: [Int] = []
        let length = UnsafeMutablePointer<Int>.allocate(capacity: max(1, range.count))
        let written = UnsafeMutablePointer<Int>.allocate(capacity: max(1, range.count))
        for g in range {
            length[g - range.lowerBound] = starts[g + 1] - starts[g]
            if starts[g + 1] - starts[g] >= 2 { active.append(g) }
        }
        let chunk = 2_048
        let left = UnsafeMutablePointer<Int64>.allocate(capacity: chunk)
        let right = UnsafeMutablePointer<Int64>.allocate(capacity: chunk)
        let destination = UnsafeMutablePointer<Int64>.allocate(capacity: chunk)
        let owner = UnsafeMutablePointer<Int>.allocate(capacity: chunk)
        let denominators = UnsafeMutablePointer<C.BaseField>.allocate(capacity: chunk)
        let prefix = UnsafeMutablePointer<C.BaseField>.allocate(capacity: chunk)
        let batch: OpaquePointer? = vector ? PairSumKernel<C>.makeBatch(count: chunk) : nil
        defer {
            length.deallocate(); written.deallocate()
            left.deallocate(); right.deallocate(); destination.deallocate(); owner.deallocate()
            denominators.deallocate(); prefix.deallocate()
            zk_batch_destroy(batch)
        }
        let table = UnsafeMutableRawPointer(points).assumingMemoryBound(to: UInt64.self)
        while !active.isEmpty {
            for g in active { written[g - range.lowerBound] = 0 }
            var count = 0
            for g in active {
                let start = starts[g]
                for k in 0 ..< length[g - range.lowerBound] / 2 {
                    left[count] = Int64(start + 2 * k)
                    owner[count] = g
                    count += 1
                    if count == chunk {
                        addPairs(points, count: count, left: left, right: right, destination: destination, owner: owner,
                                 starts: starts, written: written - range.lowerBound, denominators: denominators,
                                 prefix: prefix, batch: batch, table: table)
                        count = 0
                    }
                }
            }
            addPairs(points, count: count, left: left, right: right, destination: destination, owner: owner,
                     starts: starts, written: written - range.lowerBound, denominators: denominators,
                     prefix: prefix, batch: batch, table: table)
            // Odd last points move down; segments left with fewer than two points are done.
            var stillActive: [Int] = []
            for g in active {
                let i = g - range.lowerBound, start = starts[g]
                if length[i] % 2 == 1 {
                    points[start + written[i]] = points[start + length[i] - 1]
                    written[i] += 1
                }
                length[i] = written[i]
                if length[i] >= 2 { stillActive.append(g) }
            }
            active = stillActive
        }
        for g in range {
            sums[g] = length[g - range.lowerBound] == 0 ? .infinity : points[starts[g]].point
        }
    }

    /// Adds the `count` pairs `(left[k], left[k] + 1)`, writing each sum to the next slot of its
    /// segment (`starts[owner[k]] + written[owner[k]]`, which then counts up); a pair of opposite
    /// points writes nothing. In the kernel when `batch` is given and no pair has equal x.
    @inlinable
    static func addPairs(_ points: UnsafeMutablePointer<Coordinates>, count: Int, left: UnsafeMutablePointer<Int64>,
                         right: UnsafeMutablePointer<Int64>, destination: UnsafeMutablePointer<Int64>,
                         owner: UnsafeMutablePointer<Int>, starts: [Int], written: UnsafeMutablePointer<Int>,
                         denominators: UnsafeMutablePointer<C.BaseField>, prefix: UnsafeMutablePointer<C.BaseField>,
                         batch: OpaquePointer?, table: UnsafeMutablePointer<UInt64>) {
        if count == 0 { return }
        if let batch {
            // Each sum to its segment's next slot; taken back when the kernel refuses the batch
            // (equal x: equal or opposite points, not met with distinct key points), which the
            // Swift additions below then do.
            for k in 0 ..< count {
                right[k] = left[k] + 1
                destination[k] = Int64(starts[owner[k]] + written[owner[k]])
                written[owner[k]] += 1
            }
            if PairSumKernel<C>.addPairs(batch, table: table, left: left, right: right, destination: destination, count: count) {
                return
            }
            for k in 0 ..< count { written[owner[k]] -= 1 }
        }
        var running = C.BaseField.one
        for k in 0 ..< count {
            let a = points[Int(left[k])], b = points[Int(left[k]) + 1]
            var den = a.x == b.x ? (a.y == b.y ? a.y.doubled() : .one) : b.x - a.x
            if den.isZero { den = .one }
            denominators[k] = den
            prefix[k] = running
            running *= den
        }
        var inverse = running.inverseVariableTime()
        for k in stride(from: count - 1, through: 0, by: -1) {
            let den = denominators[k]
            denominators[k] = inverse * prefix[k]
            inverse *= den
        }
        for k in 0 ..< count {
            let a = points[Int(left[k])], b = points[Int(left[k]) + 1]
            let lambda: C.BaseField
            if a.x == b.x {
                if a.y != b.y || a.y.isZero { continue }  // P + (−P): the pair vanishes
                let x2 = a.x.squared()
                lambda = (x2.doubled() + x2) * denominators[k]
            } else {
                lambda = (b.y - a.y) * denominators[k]
            }
            let g = owner[k]
            points[starts[g] + written[g]] = Coordinates(.sum(a.point, b.point, slope: lambda))
            written[g] += 1
        }
    }
}

/// The buffers ``BatchAffineAccumulator/segmentedSums(_:starts:threads:)`` hands its workers,
/// each of which reads and writes only its own segments.
@usableFromInline
struct SegmentBuffers<C: CurveConfig>: @unchecked Sendable {
    @usableFromInline let points: UnsafeMutablePointer<BatchAffineAccumulator<C>.Coordinates>
    @usableFromInline let sums: UnsafeMutablePointer<AffinePoint<C>>
    @inlinable init(points: UnsafeMutablePointer<BatchAffineAccumulator<C>.Coordinates>, sums: UnsafeMutablePointer<AffinePoint<C>>) {
        self.points = points
        self.sums = sums
    }
}
