// The fixed-width kernels of `Fp`: Montgomery multiplication, addition, subtraction.
//
// Spelled over a tuple of four UInt64 with UInt128 multiply-accumulate and wrapping operators:
// this compiles to a call-free mul/add/adc chain with no bounds checks and no retain/release
// (see docs/benchmarks.md for the measured cost against the C mulx reference). On CPUs with BMI2
// and ADX the product itself comes from CZKMontgomery's inlined mulx/adcx/adox kernel instead,
// which Swift cannot emit; the portable kernel stays for every other machine and as its check.

public import CZKMontgomery

/// `a · b + c + d` as (high, low) words; never overflows 128 bits.
@inlinable @inline(__always)
internal func mulAdd2(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (hi: UInt64, lo: UInt64) {
    let wide = UInt128(a) &* UInt128(b) &+ UInt128(c) &+ UInt128(d)
    return (UInt64(truncatingIfNeeded: wide &>> 64), UInt64(truncatingIfNeeded: wide))
}

/// `a + b + carry` as (carry out, sum); `carry ∈ {0, 1}`.
@inlinable @inline(__always)
internal func addCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (carry: UInt64, sum: UInt64) {
    let wide = UInt128(a) &+ UInt128(b) &+ UInt128(carry)
    return (UInt64(truncatingIfNeeded: wide &>> 64), UInt64(truncatingIfNeeded: wide))
}

/// `a − b − borrow` as (borrow out ∈ {0, 1}, difference); `borrow ∈ {0, 1}`.
@inlinable @inline(__always)
internal func subBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (borrow: UInt64, difference: UInt64) {
    let wide = UInt128(a) &- UInt128(b) &- UInt128(borrow)
    // The high word is 0 or all ones.
    return (UInt64(truncatingIfNeeded: wide &>> 64) & 1, UInt64(truncatingIfNeeded: wide))
}

extension Fp {
    /// Whether `limbs < p`.
    @inlinable @inline(__always)
    internal static func lessThanModulus(_ limbs: Limbs4) -> Bool {
        let p = Config.modulus
        var borrow: UInt64
        (borrow, _) = subBorrow(limbs.0, p.0, 0)
        (borrow, _) = subBorrow(limbs.1, p.1, borrow)
        (borrow, _) = subBorrow(limbs.2, p.2, borrow)
        (borrow, _) = subBorrow(limbs.3, p.3, borrow)
        return borrow == 1
    }

    /// `t` if `t < p`, else `t − p`, without branches.
    /// - Precondition: `t < 2p`.
    @inlinable @inline(__always)
    internal static func reduceOnce(_ t: Limbs4) -> Limbs4 {
        let p = Config.modulus
        var borrow: UInt64
        let d0, d1, d2, d3: UInt64
        (borrow, d0) = subBorrow(t.0, p.0, 0)
        (borrow, d1) = subBorrow(t.1, p.1, borrow)
        (borrow, d2) = subBorrow(t.2, p.2, borrow)
        (borrow, d3) = subBorrow(t.3, p.3, borrow)
        // borrow = 1 ⇔ t < p: keep t.
        let keep = 0 &- borrow
        return ((t.0 & keep) | (d0 & ~keep), (t.1 & keep) | (d1 & ~keep),
                (t.2 & keep) | (d2 & ~keep), (t.3 & keep) | (d3 & ~keep))
    }

    /// One outer iteration of the no-carry CIOS loop: `t ← (t + a·bi + m·p) / 2^64`.
    ///
    /// Botrel–El Housni, TCHES 2023, Algorithm 2: valid because the top limb of `p` is below
    /// `(2^64 − 1)/2 − 1`, so the running sum never needs a fifth limb.
    @inlinable @inline(__always)
    internal static func montgomeryRound(_ t: Limbs4, _ a: Limbs4, _ bi: UInt64) -> Limbs4 {
        let p = Config.modulus
        var carryA: UInt64, carryM: UInt64
        var t0: UInt64, t1: UInt64, t2: UInt64, t3: UInt64
        (carryA, t0) = mulAdd2(a.0, bi, t.0, 0)
        let m = t0 &* Config.inv
        (carryM, _) = mulAdd2(m, p.0, t0, 0)
        (carryA, t1) = mulAdd2(a.1, bi, t.1, carryA)
        (carryM, t0) = mulAdd2(m, p.1, t1, carryM)
        (carryA, t2) = mulAdd2(a.2, bi, t.2, carryA)
        (carryM, t1) = mulAdd2(m, p.2, t2, carryM)
        (carryA, t3) = mulAdd2(a.3, bi, t.3, carryA)
        (carryM, t2) = mulAdd2(m, p.3, t3, carryM)
        t3 = carryM &+ carryA
        return (t0, t1, t2, t3)
    }

    /// Montgomery multiplication: `a · b · 2^−256 mod p`, fully reduced.
    ///
    /// Runs `Config.montgomeryKernel`'s mulx/adcx/adox kernel when ``usesAssemblyKernel`` is true
    /// (the test after specialisation is one load and a predicted branch), else
    /// ``montgomeryMultiplyPortable(_:_:)``.
    /// - Precondition: `a, b < p`.
    @inlinable @inline(__always)
    public static func montgomeryMultiply(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        #if arch(x86_64)
        switch Config.montgomeryKernel {
        case .portable:
            return montgomeryMultiplyPortable(a, b)
        case .bn254ScalarField:
            guard zk_montgomery_adx_enabled() != 0 else { return montgomeryMultiplyOutlined(a, b) }
            return zk_bn254_fr_multiply(zk_montgomery_limbs(limb: a), zk_montgomery_limbs(limb: b)).limb
        case .bn254BaseField:
            guard zk_montgomery_adx_enabled() != 0 else { return montgomeryMultiplyOutlined(a, b) }
            return zk_bn254_fq_multiply(zk_montgomery_limbs(limb: a), zk_montgomery_limbs(limb: b)).limb
        }
        #else
        return montgomeryMultiplyPortable(a, b)
        #endif
    }

    /// The portable kernel behind a call, for x86 CPUs without BMI2/ADX: keeps a second inlined
    /// copy of the product out of every hot loop that has the assembly one.
    @inlinable @inline(never)
    internal static func montgomeryMultiplyOutlined(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        montgomeryMultiplyPortable(a, b)
    }

    /// Whether ``montgomeryMultiply(_:_:)`` runs an assembly kernel in this process: the field has
    /// one, the CPU has BMI2 and ADX, and `ZKML_FIELD_KERNEL` is not `portable`.
    @inlinable
    public static var usesAssemblyKernel: Bool {
        Config.montgomeryKernel != .portable && zk_montgomery_adx_enabled() != 0
    }

    /// The portable Swift Montgomery multiplication (no-carry CIOS over `UInt128`
    /// multiply-accumulate), whatever the CPU. Same result as ``montgomeryMultiply(_:_:)``.
    /// - Precondition: `a, b < p`.
    @inlinable @inline(__always)
    public static func montgomeryMultiplyPortable(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        var t: Limbs4 = (0, 0, 0, 0)
        t = montgomeryRound(t, a, b.0)
        t = montgomeryRound(t, a, b.1)
        t = montgomeryRound(t, a, b.2)
        t = montgomeryRound(t, a, b.3)
        return reduceOnce(t)
    }

    /// `a + b mod p` for reduced inputs.
    @inlinable @inline(__always)
    internal static func addModulo(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        var carry: UInt64
        let s0, s1, s2, s3: UInt64
        (carry, s0) = addCarry(a.0, b.0, 0)
        (carry, s1) = addCarry(a.1, b.1, carry)
        (carry, s2) = addCarry(a.2, b.2, carry)
        (_, s3) = addCarry(a.3, b.3, carry)  // 2p < 2^256: no carry out
        return reduceOnce((s0, s1, s2, s3))
    }

    /// `a − b mod p` for reduced inputs.
    @inlinable @inline(__always)
    internal static func subtractModulo(_ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        let p = Config.modulus
        var borrow: UInt64
        let d0, d1, d2, d3: UInt64
        (borrow, d0) = subBorrow(a.0, b.0, 0)
        (borrow, d1) = subBorrow(a.1, b.1, borrow)
        (borrow, d2) = subBorrow(a.2, b.2, borrow)
        (borrow, d3) = subBorrow(a.3, b.3, borrow)
        // Add p back where the subtraction went negative.
        let mask = 0 &- borrow
        var carry: UInt64
        let r0, r1, r2, r3: UInt64
        (carry, r0) = addCarry(d0, p.0 & mask, 0)
        (carry, r1) = addCarry(d1, p.1 & mask, carry)
        (carry, r2) = addCarry(d2, p.2 & mask, carry)
        (_, r3) = addCarry(d3, p.3 & mask, carry)
        return (r0, r1, r2, r3)
    }
}
