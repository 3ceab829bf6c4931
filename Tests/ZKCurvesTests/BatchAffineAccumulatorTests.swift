import Testing
@testable import ZKCurves
import ZKField

/// The accumulator alone: every bucket's value (`bucket(b) + overflow[b]`) equals the plain sum
/// of the points sent to it, whichever path each addition took (batch, waiting list, overflow),
/// and its state byte agrees with it.
@Suite("Batch-affine accumulator")
struct BatchAffineAccumulatorTests {
    typealias G1 = BN254.G1Config

    /// Sends `(bucket, point)` pairs through an accumulator and checks every bucket.
    /// Runs once with the Swift additions and, where the CPU has IFMA, once with the kernel's.
    static func check(bucketCount: Int, additions: [(Int, AffinePoint<G1>)]) {
        check(bucketCount: bucketCount, additions: additions, vector: false)
        if BatchAffineAccumulator<G1>.addsPairsInKernel { check(bucketCount: bucketCount, additions: additions, vector: true) }
    }

    static func check(bucketCount: Int, additions: [(Int, AffinePoint<G1>)], vector: Bool) {
        let accumulator = BatchAffineAccumulator<G1>(bucketCount: bucketCount, vector: vector)
        var expected = [JacobianPoint<G1>](repeating: .infinity, count: bucketCount)
        for (b, p) in additions {
            accumulator.add(p, toBucket: b)
            expected[b] += p
        }
        accumulator.finish()
        #expect(accumulator.batchCount == 0 && accumulator.deferredCount == 0)
        var wrong = 0
        for b in 0..<bucketCount {
            // The state byte tracks the bucket: empty exactly when the bucket is ∞, never batched now.
            #expect((accumulator.state[b] == BatchAffineAccumulator<G1>.empty) == accumulator.bucket(b).isInfinity)
            #expect(accumulator.state[b] != BatchAffineAccumulator<G1>.batched)
            let got = JacobianPoint(accumulator.bucket(b)) + accumulator.overflow[b]
            if got != expected[b] {
                wrong += 1
                if wrong <= 3 { Issue.record("bucket \(b) of \(bucketCount) differs from the plain sum") }
            }
        }
    }

    @Test("uniform buckets: collisions wait for the next batch")
    func uniform() {
        var rng = SeededGenerator(seed: 31)
        let points = MSMTests.randomPoints(G1.self, count: 3000, seed: 32)
        // 256 buckets: batch 128, waiting list 64; 3,000 additions collide often.
        let additions = points.map { (Int.random(in: 0..<256, using: &rng), $0) }
        Self.check(bucketCount: 256, additions: additions)
    }

    @Test("skewed buckets: the waiting list fills and the rest overflows to Jacobian points")
    func skewed() {
        var rng = SeededGenerator(seed: 33)
        let points = MSMTests.randomPoints(G1.self, count: 2000, seed: 34)
        // Nine in ten additions go to 3 of 256 buckets: far more collisions than the list holds.
        let additions = points.map { p -> (Int, AffinePoint<G1>) in
            (Int.random(in: 0..<10, using: &rng) == 0 ? Int.random(in: 0..<256, using: &rng) : Int.random(in: 0..<3, using: &rng), p)
        }
        Self.check(bucketCount: 256, additions: additions)
    }

    @Test("doublings and cancellations on every path, and the last round's drain")
    func specialCases() {
        let points = MSMTests.randomPoints(G1.self, count: 400, seed: 35)
        var additions: [(Int, AffinePoint<G1>)] = []
        for (i, p) in points.enumerated() {
            let b = i % 200
            additions.append((b, p))
            // The same point again (a doubling once the first has landed, or a wait if it has not),
            // and its negation into a neighbour (a cancellation when they meet).
            additions.append((b, p))
            additions.append(((b + 1) % 200, -p))
            additions.append(((b + 1) % 200, p))
        }
        Self.check(bucketCount: 256, additions: additions)
        // Few additions: everything is still in the batch or waiting when `finish` runs.
        Self.check(bucketCount: 256, additions: Array(additions.prefix(9)))
    }

    /// Segments of lengths 0 … 700 (one longer than a 2,048-pair chunk, 5,000), with equal and
    /// opposite points inside segments and one segment that sums to infinity; every segment's sum
    /// against the plain sum, by the Swift additions and (where the CPU has IFMA) the kernel's.
    static func checkSegments<C: CurveConfig>(_: C.Type, seed: UInt64) where C.ScalarField == Fr {
        let lengths = [0, 1, 2, 3, 5, 8, 1, 0, 700, 31, 2, 4, 5_000, 17, 2, 9]
        var points = MSMTests.randomPoints(C.self, count: lengths.reduce(0, +), seed: seed + 1)
        var starts = [0]
        for length in lengths { starts.append(starts.last! + length) }
        // Segment 3 (3 points): the first two equal (a doubling). Segment 4 (5 points): a point and
        // its negation side by side. Segment 10 (2 points): P and −P (the sum is infinity).
        points[starts[3] + 1] = points[starts[3]]
        points[starts[4] + 3] = -points[starts[4] + 2]
        points[starts[10] + 1] = -points[starts[10]]
        let expected = lengths.indices.map { g in
            points[starts[g] ..< starts[g + 1]].reduce(JacobianPoint<C>.infinity) { $0 + $1 }
        }
        typealias Coordinates = BatchAffineAccumulator<C>.Coordinates
        var paths = [false]
        if BatchAffineAccumulator<C>.addsPairsInKernel { paths.append(true) }
        for vector in paths {
            var buffer = points.map { Coordinates($0) }
            var sums = [AffinePoint<C>](repeating: .infinity, count: lengths.count)
            buffer.withUnsafeMutableBufferPointer { b in
                sums.withUnsafeMutableBufferPointer { s in
                    BatchAffineAccumulator<C>.sumSegments(b.baseAddress!, starts: starts, range: 0 ..< lengths.count,
                                                          into: s.baseAddress!, vector: vector)
                }
            }
            for g in lengths.indices {
                #expect(JacobianPoint(sums[g]) == expected[g], "segment \(g) of length \(lengths[g]), vector \(vector)")
            }
            #expect(sums[0].isInfinity && sums[10].isInfinity)
        }
        // Split over two workers: the same sums.
        var buffer = points.map { Coordinates($0) }
        let sums = buffer.withUnsafeMutableBufferPointer {
            BatchAffineAccumulator<C>.segmentedSums($0.baseAddress!, starts: starts, threads: 2)
        }
        #expect(sums.map { JacobianPoint($0) } == expected)
    }

    @Test("segment sums by levels of pairwise additions (G1), Swift and kernel paths")
    func segmentsG1() { Self.checkSegments(G1.self, seed: 41) }

    @Test("segment sums by levels of pairwise additions (G2), Swift and kernel paths")
    func segmentsG2() { Self.checkSegments(BN254.G2Config.self, seed: 42) }
}
