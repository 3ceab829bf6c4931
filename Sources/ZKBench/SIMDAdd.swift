internal import ZKField

/// Fr addition spelled over `SIMD4<UInt64>` lanes — an experiment the `field` suite measures
/// against the scalar kernel (`fr.add.simd4` vs `fr.add.throughput`). Lane-wise SIMD has no carry
/// flag, so carries are recomputed by comparison and shifted across lanes one step at a time.
enum SIMDAdd {
    typealias Lanes = SIMD4<UInt64>

    static func lanes(_ x: BN254.Fr) -> Lanes {
        let l = x.montgomeryLimbs
        return Lanes(l.0, l.1, l.2, l.3)
    }

    @inline(__always)
    static func shiftUp(_ c: Lanes) -> Lanes { Lanes(0, c[0], c[1], c[2]) }

    @inline(__always)
    static func add(_ a: Lanes, _ b: Lanes) -> Lanes {
        let p = BN254.FrConfig.modulus
        let modulus = Lanes(p.0, p.1, p.2, p.3)
        let ones = Lanes(repeating: 1), zeros = Lanes(repeating: 0)
        var sum = a &+ b
        var carry = zeros.replacing(with: ones, where: sum .< a)
        for _ in 0..<3 {
            let next = sum &+ shiftUp(carry)
            carry = zeros.replacing(with: ones, where: next .< sum)
            sum = next
        }
        var difference = sum &- modulus
        var borrow = zeros.replacing(with: ones, where: sum .< modulus)
        for _ in 0..<3 {
            let next = difference &- shiftUp(borrow)
            borrow = borrow.replacing(with: ones, where: difference .< shiftUp(borrow))
            difference = next
        }
        // A borrow out of the top lane means sum < p: keep the sum.
        return borrow[3] == 1 ? sum : difference
    }

    static func add(_ x: UnsafeMutableBufferPointer<Lanes>, _ y: UnsafeBufferPointer<Lanes>) {
        for i in 0..<x.count { x[i] = add(x[i], y[i]) }
    }
}
