import ZKField
import ZKIO

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
    /// - Precondition: no point is at infinity; `starts` is non-decreasing from 0 to `points.count`.
    @inlinable
    static func segmentedSums(_ points: inout [AffinePoint<C>], starts: [Int], threads: Int) -> [AffinePoint<C>] {
        let segments = starts.count - 1
        var sums = [AffinePoint<C>](repeating: .infinity, count: max(0, segments))
        if segments <= 0 { return sums }
        let workers = max(1, min(threads, points.count / 4_096, segments))
        // Worker w takes segments [bounds[w], bounds[w + 1]).
        var bounds = [0]
        for w in 1 ..< workers {
            let target = points.count * w / workers
            var g = bounds[w - 1]
            while g < segments && starts[g] < target { g += 1 }
            bounds.append(g)
        }
        bounds.append(segments)
        points.withUnsafeMutableBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { out in
                let pointsBase = p.baseAddress!, outBase = out.baseAddress!
                let shared = SegmentBuffers(points: pointsBase, sums: outBase)
                let startsRef = starts, boundsRef = bounds
                ParallelFor.run(count: workers, threads: workers) { w in
                    Self.sumSegments(shared.points, starts: startsRef, range: boundsRef[w] ..< boundsRef[w + 1], into: shared.sums)
                }
            }
        }
        return sums
    }

    /// ``segmentedSums(_:starts:threads:)`` for the segments in `range`, on one thread.
    @inlinable
    static func sumSegments(_ points: UnsafeMutablePointer<AffinePoint<C>>, starts: [Int], range: Range<Int>,
                            into sums: UnsafeMutablePointer<AffinePoint<C>>) {
        // Segments with two or more points left, and each one's current length.
        var active: [Int] = []
        var length = [Int](repeating: 0, count: range.count)
        for g in range {
            length[g - range.lowerBound] = starts[g + 1] - starts[g]
            if starts[g + 1] - starts[g] >= 2 { active.append(g) }
        }
        let chunk = 2_048
        let left = UnsafeMutablePointer<Int>.allocate(capacity: chunk)
        let owner = UnsafeMutablePointer<Int>.allocate(capacity: chunk)
        let denominators = UnsafeMutablePointer<C.BaseField>.allocate(capacity: chunk)
        let prefix = UnsafeMutablePointer<C.BaseField>.allocate(capacity: chunk)
        defer { left.deallocate(); owner.deallocate(); denominators.deallocate(); prefix.deallocate() }
        var written = [Int](repeating: 0, count: range.count)
        while !active.isEmpty {
            for g in active { written[g - range.lowerBound] = 0 }
            var count = 0
            // Adds the `count` pairs listed, writing each sum to its segment's next slot.
            func flush() {
                var running = C.BaseField.one
                for k in 0 ..< count {
                    let a = points[left[k]], b = points[left[k] + 1]
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
                    let a = points[left[k]], b = points[left[k] + 1]
                    let lambda: C.BaseField
                    if a.x == b.x {
                        if a.y != b.y || a.y.isZero { continue }  // P + (−P): the pair vanishes
                        let x2 = a.x.squared()
                        lambda = (x2.doubled() + x2) * denominators[k]
                    } else {
                        lambda = (b.y - a.y) * denominators[k]
                    }
                    let g = owner[k] - range.lowerBound
                    points[starts[owner[k]] + written[g]] = .sum(a, b, slope: lambda)
                    written[g] += 1
                }
                count = 0
            }
            for g in active {
                let start = starts[g]
                for k in 0 ..< length[g - range.lowerBound] / 2 {
                    left[count] = start + 2 * k
                    owner[count] = g
                    count += 1
                    if count == chunk { flush() }
                }
            }
            flush()
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
            sums[g] = length[g - range.lowerBound] == 0 ? .infinity : points[starts[g]]
        }
    }
}

/// The buffers ``BatchAffineAccumulator/segmentedSums(_:starts:threads:)`` hands its workers,
/// each of which reads and writes only its own segments.
@usableFromInline
struct SegmentBuffers<C: CurveConfig>: @unchecked Sendable {
    @usableFromInline let points: UnsafeMutablePointer<AffinePoint<C>>
    @usableFromInline let sums: UnsafeMutablePointer<AffinePoint<C>>
    @inlinable init(points: UnsafeMutablePointer<AffinePoint<C>>, sums: UnsafeMutablePointer<AffinePoint<C>>) {
        self.points = points
        self.sums = sums
    }
}
