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
    static func check(bucketCount: Int, additions: [(Int, AffinePoint<G1>)]) {
        let accumulator = BatchAffineAccumulator<G1>(bucketCount: bucketCount)
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
}
