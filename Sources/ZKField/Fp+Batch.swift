// Batch kernels over contiguous buffers of field elements.
//
// SIMD: not used here. The Montgomery product is a chain of 64×64→128-bit multiplies with
// carries, and x86 SIMD (SSE2/AVX2) has no 64×64→128 multiply or lane-wise carry; a SIMD4<UInt64>
// add measured slower than the scalar add/adc chain (docs/benchmarks.md, "fr.add.simd4").
// The loops below run over unsafe buffers: no bounds checks, no allocation.

extension Fp {
    /// `out[i] = a[i] · b[i]`. `out` may alias `a` or `b`.
    /// - Precondition: the three buffers have the same count.
    @inlinable
    public static func multiply(_ a: UnsafeBufferPointer<Self>, _ b: UnsafeBufferPointer<Self>,
                                into out: UnsafeMutableBufferPointer<Self>) {
        precondition(a.count == b.count && a.count == out.count, "buffer lengths differ")
        guard var pa = a.baseAddress, var pb = b.baseAddress, var po = out.baseAddress else { return }
        for _ in 0..<a.count {
            po.pointee = pa.pointee * pb.pointee
            pa += 1; pb += 1; po += 1
        }
    }

    /// `out[i] = a[i] + b[i]`. `out` may alias `a` or `b`.
    @inlinable
    public static func add(_ a: UnsafeBufferPointer<Self>, _ b: UnsafeBufferPointer<Self>,
                           into out: UnsafeMutableBufferPointer<Self>) {
        precondition(a.count == b.count && a.count == out.count, "buffer lengths differ")
        guard var pa = a.baseAddress, var pb = b.baseAddress, var po = out.baseAddress else { return }
        for _ in 0..<a.count {
            po.pointee = pa.pointee + pb.pointee
            pa += 1; pb += 1; po += 1
        }
    }

    /// `out[i] = a[i] − b[i]`. `out` may alias `a` or `b`.
    @inlinable
    public static func subtract(_ a: UnsafeBufferPointer<Self>, _ b: UnsafeBufferPointer<Self>,
                                into out: UnsafeMutableBufferPointer<Self>) {
        precondition(a.count == b.count && a.count == out.count, "buffer lengths differ")
        guard var pa = a.baseAddress, var pb = b.baseAddress, var po = out.baseAddress else { return }
        for _ in 0..<a.count {
            po.pointee = pa.pointee - pb.pointee
            pa += 1; pb += 1; po += 1
        }
    }

    /// `x[i] = c · x[i]`.
    @inlinable
    public static func scale(_ x: UnsafeMutableBufferPointer<Self>, by c: Self) {
        guard var p = x.baseAddress else { return }
        for _ in 0..<x.count {
            p.pointee = p.pointee * c
            p += 1
        }
    }

    /// `Σ a[i] · b[i]`.
    @inlinable
    public static func innerProduct(_ a: UnsafeBufferPointer<Self>, _ b: UnsafeBufferPointer<Self>) -> Self {
        precondition(a.count == b.count, "buffer lengths differ")
        guard var pa = a.baseAddress, var pb = b.baseAddress else { return .zero }
        // Two accumulators halve the dependency chain through the additions.
        var even = Self.zero, odd = Self.zero
        var i = 0
        while i + 1 < a.count {
            even += pa.pointee * pb.pointee
            odd += (pa + 1).pointee * (pb + 1).pointee
            pa += 2; pb += 2; i += 2
        }
        if i < a.count { even += pa.pointee * pb.pointee }
        return even + odd
    }

    /// Replaces every non-zero `x[i]` by its inverse with one field inversion and about three
    /// multiplications per element (Montgomery's trick: P. L. Montgomery, "Speeding the Pollard
    /// and elliptic curve methods of factorization", Math. Comp. 48, 1987, §10.3.1).
    /// Zeros stay zero.
    ///
    /// - Parameter scratch: `x.count` elements of working space.
    @inlinable
    public static func batchInvert(_ x: UnsafeMutableBufferPointer<Self>,
                                   scratch: UnsafeMutableBufferPointer<Self>) {
        precondition(scratch.count >= x.count, "scratch too small")
        guard let px = x.baseAddress, let ps = scratch.baseAddress else { return }
        // Prefix products of the non-zero elements.
        var running = Self.one
        for i in 0..<x.count {
            ps[i] = running
            let v = px[i]
            if !v.isZero { running *= v }
        }
        var inverse = running.inverse()
        var i = x.count
        while i > 0 {
            i -= 1
            let v = px[i]
            if v.isZero { continue }
            px[i] = inverse * ps[i]
            inverse *= v
        }
    }

    /// Converts canonical limbs (4 per element, little-endian) to elements in place.
    /// - Returns: `false` (and stops) at the first value `≥ p`.
    @inlinable
    public static func fromCanonical(_ values: UnsafeMutableBufferPointer<Self>) -> Bool {
        guard var p = values.baseAddress else { return true }
        for _ in 0..<values.count {
            let limbs = p.pointee.montgomeryLimbs
            guard lessThanModulus(limbs) else { return false }
            p.pointee.montgomeryLimbs = montgomeryMultiply(limbs, Config.r2)
            p += 1
        }
        return true
    }

    /// Converts elements to canonical limbs in place (leaves Montgomery form).
    @inlinable
    public static func toCanonical(_ values: UnsafeMutableBufferPointer<Self>) {
        guard var p = values.baseAddress else { return }
        for _ in 0..<values.count {
            p.pointee.montgomeryLimbs = montgomeryMultiply(p.pointee.montgomeryLimbs, (1, 0, 0, 0))
            p += 1
        }
    }
}

extension Array {
    /// `self[i] *= other[i]` for arrays of field elements.
    @inlinable
    public mutating func multiplyElementwise<C>(by other: [Fp<C>]) where Element == Fp<C> {
        other.withUnsafeBufferPointer { b in
            withUnsafeMutableBufferPointer { a in Fp<C>.multiply(UnsafeBufferPointer(a), b, into: a) }
        }
    }

    /// Inverts every non-zero element in place (zeros stay zero); see ``Fp/batchInvert(_:scratch:)``.
    @inlinable
    public mutating func batchInvert<C>() where Element == Fp<C> {
        var scratch = [Fp<C>](repeating: .zero, count: count)
        scratch.withUnsafeMutableBufferPointer { s in
            withUnsafeMutableBufferPointer { x in Fp<C>.batchInvert(x, scratch: s) }
        }
    }

    /// `Σ self[i] · other[i]`.
    @inlinable
    public func innerProduct<C>(_ other: [Fp<C>]) -> Fp<C> where Element == Fp<C> {
        withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in Fp<C>.innerProduct(a, b) } }
    }
}
