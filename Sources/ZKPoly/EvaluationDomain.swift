import Dispatch
public import ZKField

/// The multiplicative subgroup `H = {1, ω, ω², …, ω^(n−1)}` of order `n = 2^logSize`, with the
/// radix-2 number-theoretic transforms between coefficient and evaluation form over it.
///
/// Forward: coefficients `a_0 … a_(n−1)` ↦ evaluations `a(ω^i)`; inverse: the way back. The coset
/// variants evaluate on `g·H` for the field's multiplicative generator `g` (the QAP reduction of
/// Groth16 divides by the vanishing polynomial there, where it has no zeros).
///
/// Algorithm: iterative Cooley–Tukey decimation in time after a bit-reversal permutation
/// (Cormen et al., *Introduction to Algorithms*, §30.3), with per-stage contiguous twiddle
/// tables so that every stage reads its twiddles sequentially. Sizes of at least
/// ``parallelThreshold`` run the stages' butterflies on several threads.
///
/// - Complexity: `n/2 · log₂ n` butterflies (one multiplication, one addition, one
///   subtraction each), plus one multiplication per element for cosets and for `1/n`.
public final class EvaluationDomain<F: FftField>: @unchecked Sendable {
    // Safety: immutable after init.

    /// `log₂ n`.
    public let logSize: Int
    /// `n`.
    public let size: Int
    /// The generator `ω` of `H`: a primitive `n`-th root of unity.
    public let generator: F
    /// `ω⁻¹`.
    public let generatorInverse: F
    /// `1/n`.
    public let sizeInverse: F
    /// The coset shift `g` (the field's multiplicative generator).
    public let cosetShift: F
    /// `g⁻¹`.
    public let cosetShiftInverse: F

    /// Twiddles for stage `m` (half-block size `m = 1, 2, 4, …, n/2`) at `[m ..< 2m]`:
    /// `ω_(2m)^j` for `j < m`. Index 0 is unused.
    @usableFromInline let forwardTwiddles: [F]
    /// The same for `ω⁻¹`.
    @usableFromInline let inverseTwiddles: [F]

    /// Sizes from which the transforms use more than one thread.
    public static var parallelThreshold: Int { 1 << 14 }

    /// Elements per tile in which the short butterfly stages run together (2^13 field elements,
    /// 256 KB: inside one core's L2).
    @inlinable static var cacheTile: Int { 1 << 13 }

    /// The domain of size `2^logSize`.
    /// - Throws: ``PolyError/domainTooLarge(logSize:twoAdicity:)`` if the field has no
    ///   root of unity of that order.
    public init(logSize: Int) throws(PolyError) {
        guard logSize >= 0, logSize <= F.twoAdicity, logSize < Int.bitWidth - 2 else {
            throw .domainTooLarge(logSize: logSize, twoAdicity: F.twoAdicity)
        }
        self.logSize = logSize
        self.size = 1 << logSize
        var omega = F.twoAdicRootOfUnity
        for _ in logSize..<F.twoAdicity { omega = omega.squared() }
        generator = omega
        generatorInverse = omega.inverse()
        sizeInverse = F(UInt64(size)).inverse()
        cosetShift = F.multiplicativeGenerator
        cosetShiftInverse = F.multiplicativeGenerator.inverse()
        forwardTwiddles = Self.twiddles(root: omega, size: size)
        inverseTwiddles = Self.twiddles(root: generatorInverse, size: size)
    }

    /// The smallest domain with at least `minimumSize` points.
    public convenience init(minimumSize: Int) throws(PolyError) {
        var log = 0
        while (1 << log) < minimumSize { log += 1 }
        try self.init(logSize: log)
    }

    private static func twiddles(root: F, size: Int) -> [F] {
        guard size >= 2 else { return [F.one] }
        var table = [F](repeating: .zero, count: size)
        // Last stage (m = n/2): root^j for j < n/2.
        let half = size / 2
        var power = F.one
        for j in 0..<half {
            table[half + j] = power
            power *= root
        }
        // Stage m takes every other twiddle of stage 2m: ω_(2m)^j = ω_(4m)^(2j).
        var m = half / 2
        while m >= 1 {
            for j in 0..<m { table[m + j] = table[2 * m + 2 * j] }
            m /= 2
        }
        return table
    }

    /// The `i`-th element `ω^i` of `H`.
    public func element(_ i: Int) -> F { generator.power(UInt64(i)) }

    /// `Z_H(x) = x^n − 1`, the vanishing polynomial of `H`, at `x`.
    public func vanishingPolynomial(at x: F) -> F { x.power(UInt64(size)) - .one }
}

extension EvaluationDomain {
    /// Coefficients → evaluations on `H`, in place.
    /// - Parameter threads: the most threads to use (default: all active processors).
    /// - Precondition: `values.count == size`.
    @inlinable
    public func forward(_ values: inout [F], threads: Int = ProcessorCount.active) {
        precondition(values.count == size, "expected \(size) values, got \(values.count)")
        values.withUnsafeMutableBufferPointer { transform($0, twiddles: forwardTwiddles, threads: threads) }
    }

    /// Evaluations on `H` → coefficients, in place.
    @inlinable
    public func inverse(_ values: inout [F], threads: Int = ProcessorCount.active) {
        precondition(values.count == size, "expected \(size) values, got \(values.count)")
        values.withUnsafeMutableBufferPointer { buffer in
            transform(buffer, twiddles: inverseTwiddles, threads: threads)
            scaleByPowers(buffer, start: sizeInverse, ratio: .one, threads: threads)
        }
    }

    /// Coefficients → evaluations on the coset `g·H`, in place.
    @inlinable
    public func cosetForward(_ values: inout [F], threads: Int = ProcessorCount.active) {
        precondition(values.count == size, "expected \(size) values, got \(values.count)")
        values.withUnsafeMutableBufferPointer { buffer in
            scaleByPowers(buffer, start: .one, ratio: cosetShift, threads: threads)
            transform(buffer, twiddles: forwardTwiddles, threads: threads)
        }
    }

    /// Evaluations on the coset `g·H` → coefficients, in place.
    @inlinable
    public func cosetInverse(_ values: inout [F], threads: Int = ProcessorCount.active) {
        precondition(values.count == size, "expected \(size) values, got \(values.count)")
        values.withUnsafeMutableBufferPointer { buffer in
            transform(buffer, twiddles: inverseTwiddles, threads: threads)
            scaleByPowers(buffer, start: sizeInverse, ratio: cosetShiftInverse, threads: threads)
        }
    }

    /// `values[i] *= start · ratio^i`, split into contiguous chunks across threads.
    @inlinable
    func scaleByPowers(_ values: UnsafeMutableBufferPointer<F>, start: F, ratio: F, threads: Int) {
        let n = values.count
        let chunks = n >= Self.parallelThreshold ? max(1, min(threads, 64)) : 1
        let chunkSize = (n + chunks - 1) / chunks
        let base = SendablePointer(values.baseAddress!)
        let work = { @Sendable (chunk: Int) in
            let lower = chunk * chunkSize, upper = min(n, lower + chunkSize)
            guard lower < upper else { return }
            var factor = start * ratio.power(UInt64(lower))
            let p = base.pointer
            for i in lower..<upper {
                p[i] *= factor
                factor *= ratio
            }
        }
        if chunks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
    }

    /// Bit reversal then `log₂ n` butterfly stages with the given per-stage twiddle table.
    @inlinable
    func transform(_ values: UnsafeMutableBufferPointer<F>, twiddles: [F], threads: Int) {
        let n = values.count
        guard n > 1 else { return }
        BitReversal.permute(values, logSize: logSize)
        let parallel = n >= Self.parallelThreshold && threads > 1
        twiddles.withUnsafeBufferPointer { tw in
            let a = SendablePointer(values.baseAddress!)
            let w = SendableConstPointer(tw.baseAddress!)
            // The stages whose butterfly blocks are shorter than `tile` elements run tile by tile:
            // all of them on one tile (256 KB, in L2) before the next, instead of one sweep of the
            // whole array per stage. A stage-m block (2m elements) never straddles a tile.
            let tile = min(n, Self.cacheTile)
            let tiles = n / tile
            let runTiles = { @Sendable (range: Range<Int>) in
                for t in range {
                    var m = 1
                    while m < tile {
                        let blocksPerTile = tile / (2 * m)
                        Self.butterflies(a.pointer, w.pointer, m: m,
                                         blockRange: t * blocksPerTile ..< (t + 1) * blocksPerTile, jRange: 0..<m)
                        m *= 2
                    }
                }
            }
            if parallel && tiles >= threads {
                let tasks = min(tiles, threads * 4)
                let per = (tiles + tasks - 1) / tasks
                DispatchQueue.concurrentPerform(iterations: tasks) { t in
                    let lower = t * per, upper = min(tiles, lower + per)
                    if lower < upper { runTiles(lower ..< upper) }
                }
            } else {
                runTiles(0 ..< tiles)
            }
            var m = tile
            while m < n {
                let blocks = n / (2 * m)
                if !parallel {
                    Self.butterflies(a.pointer, w.pointer, m: m, blockRange: 0..<blocks, jRange: 0..<m)
                } else if blocks >= threads * 4 {
                    // Many small blocks: split the blocks.
                    let tasks = threads * 4
                    let per = (blocks + tasks - 1) / tasks
                    let stage = m
                    DispatchQueue.concurrentPerform(iterations: tasks) { t in
                        let lower = t * per, upper = min(blocks, lower + per)
                        if lower < upper {
                            Self.butterflies(a.pointer, w.pointer, m: stage, blockRange: lower..<upper, jRange: 0..<stage)
                        }
                    }
                } else {
                    // Few large blocks: split each block's butterflies.
                    let tasks = threads * 4
                    let per = (m + tasks - 1) / tasks
                    let stage = m
                    DispatchQueue.concurrentPerform(iterations: tasks) { t in
                        let lower = t * per, upper = min(stage, lower + per)
                        if lower < upper {
                            Self.butterflies(a.pointer, w.pointer, m: stage, blockRange: 0..<blocks, jRange: lower..<upper)
                        }
                    }
                }
                m *= 2
            }
        }
    }

    /// The butterflies of one stage: for each block `b` and offset `j`,
    /// `(u, v) ← (u + ω·v, u − ω·v)` with `u = a[2mb + j]`, `v = a[2mb + j + m]`, `ω = w[m + j]`.
    @inlinable @inline(__always)
    static func butterflies(_ a: UnsafeMutablePointer<F>, _ w: UnsafePointer<F>, m: Int,
                            blockRange: Range<Int>, jRange: Range<Int>) {
        for block in blockRange {
            let top = a + 2 * m * block
            let bottom = top + m
            let twiddle = w + m
            for j in jRange {
                let u = top[j]
                let v = bottom[j] * twiddle[j]
                top[j] = u + v
                bottom[j] = u - v
            }
        }
    }
}
