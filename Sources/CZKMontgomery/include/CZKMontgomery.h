// Montgomery multiplication for BN254's two 4×64-bit prime fields with mulx/adcx/adox.
//
// These are `static inline` so that the Swift compiler inlines them into `Fp`'s kernels: the
// multiplication is the innermost operation of every MSM, NTT and witness map, and a call per
// product would cost more than the instructions it saves. ZKField calls them only when
// `zk_montgomery_adx_enabled()` says the CPU has BMI2 and ADX; otherwise, and on every other
// architecture, it runs its portable Swift kernel, which the tests hold equal to this one.
//
// Algorithm: CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery multiplication
// algorithms", IEEE Micro 16(3), 1996) in the "no-carry" form of Botrel and El Housni
// ("Faster Montgomery multiplication and multi-scalar-multiplication for SNARKs", TCHES 2023,
// Algorithm 2), valid because both moduli have a top limb below 2^62. Each row keeps its two
// carry chains in the CF (adcx) and OF (adox) flags, so consecutive mulx products do not wait
// for each other's additions.
#ifndef CZKMONTGOMERY_H
#define CZKMONTGOMERY_H

#include <stdint.h>

/// Four 64-bit limbs, least significant first (Swift sees `limb` as a 4-tuple of UInt64).
typedef struct {
    uint64_t limb[4];
} zk_montgomery_limbs;

/// Set once before `main` by a constructor in dispatch.c: 1 when the CPU reports BMI2 and ADX and
/// the environment variable ZKML_FIELD_KERNEL is not "portable", else 0.
extern int zk_montgomery_adx_flag;

/// Whether the mulx/adcx/adox kernels below may run on this machine.
static inline int zk_montgomery_adx_enabled(void) { return zk_montgomery_adx_flag; }

/// Whether this CPU has BMI2 and ADX, regardless of ZKML_FIELD_KERNEL.
int zk_montgomery_cpu_has_adx(void);

/// Asks the CPU to bring the cache line holding `address` into its caches, for a load that
/// follows shortly (a hint: it never faults and changes no result).
__attribute__((always_inline)) static inline void zk_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

// x86-64 only: ZKField calls the kernels below under `#if arch(x86_64)`, and only when the flag is set.
#if defined(__x86_64__)

static const uint64_t zk_bn254_fr_modulus[4] = {
    0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};
static const uint64_t zk_bn254_fq_modulus[4] = {
    0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};

// rdx holds the multiplier word w; (T0..T4) += w · (X0..X3). Low product halves ride the OF
// chain (adox) into the limb they land on, high halves the CF chain (adcx) into the next one.
// xor clears both flags first; the final adox folds the last OF carry into T4. The no-carry
// bound keeps T4 from overflowing, so CF is clear at the end.
#define ZK_MONT_ROW(X0, X1, X2, X3, T0, T1, T2, T3, T4) \
    "xorl %%eax, %%eax\n\t"                              \
    "mulxq " X0 ", %%r8, %%r9\n\t"                       \
    "adoxq %%r8, " T0 "\n\t"                             \
    "adcxq %%r9, " T1 "\n\t"                             \
    "mulxq " X1 ", %%r8, %%r9\n\t"                       \
    "adoxq %%r8, " T1 "\n\t"                             \
    "adcxq %%r9, " T2 "\n\t"                             \
    "mulxq " X2 ", %%r8, %%r9\n\t"                       \
    "adoxq %%r8, " T2 "\n\t"                             \
    "adcxq %%r9, " T3 "\n\t"                             \
    "mulxq " X3 ", %%r8, %%r9\n\t"                       \
    "adoxq %%r8, " T3 "\n\t"                             \
    "adcxq %%r9, " T4 "\n\t"                             \
    "adoxq %%rax, " T4 "\n\t"

// One CIOS iteration for the multiplier word B: accumulate a·B, then m = T0·inv and add m·p,
// which zeroes T0; the caller rotates the five accumulators so the zero limb becomes the new top.
#define ZK_MONT_ITERATION(B, T0, T1, T2, T3, T4)                                       \
    "movq " B ", %%rdx\n\t"                                                            \
    ZK_MONT_ROW("%[a0]", "%[a1]", "%[a2]", "%[a3]", T0, T1, T2, T3, T4)                \
    "movq " T0 ", %%rdx\n\t"                                                           \
    "imulq %[inv], %%rdx\n\t"                                                          \
    ZK_MONT_ROW("%[p0]", "%[p1]", "%[p2]", "%[p3]", T0, T1, T2, T3, T4)

/// a · b · 2^−256 mod p, fully reduced, for a, b < p, with p's top limb below 2^62 and
/// inv = −p⁻¹ mod 2^64. Requires BMI2 and ADX.
__attribute__((always_inline)) static inline zk_montgomery_limbs
zk_montgomery_multiply_adx(zk_montgomery_limbs a, zk_montgomery_limbs b, const uint64_t p[4], uint64_t inv) {
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
    __asm__(
        ZK_MONT_ITERATION("%[b0]", "%[t0]", "%[t1]", "%[t2]", "%[t3]", "%[t4]")
        ZK_MONT_ITERATION("%[b1]", "%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t0]")
        ZK_MONT_ITERATION("%[b2]", "%[t2]", "%[t3]", "%[t4]", "%[t0]", "%[t1]")
        ZK_MONT_ITERATION("%[b3]", "%[t3]", "%[t4]", "%[t0]", "%[t1]", "%[t2]")
        // The product is (t4, t0, t1, t2) < 2p. Subtract p into scratch registers; no borrow
        // (CF clear) means the product was ≥ p, and the differences replace it (cmov: no branch).
        "movq %[t4], %%rax\n\t"
        "subq %[p0], %%rax\n\t"
        "movq %[t0], %%rdx\n\t"
        "sbbq %[p1], %%rdx\n\t"
        "movq %[t1], %%r8\n\t"
        "sbbq %[p2], %%r8\n\t"
        "movq %[t2], %%r9\n\t"
        "sbbq %[p3], %%r9\n\t"
        "cmovncq %%rax, %[t4]\n\t"
        "cmovncq %%rdx, %[t0]\n\t"
        "cmovncq %%r8, %[t1]\n\t"
        "cmovncq %%r9, %[t2]\n\t"
        : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4)
        : [a0] "m"(a.limb[0]), [a1] "m"(a.limb[1]), [a2] "m"(a.limb[2]), [a3] "m"(a.limb[3]),
          [b0] "m"(b.limb[0]), [b1] "m"(b.limb[1]), [b2] "m"(b.limb[2]), [b3] "m"(b.limb[3]),
          [p0] "m"(p[0]), [p1] "m"(p[1]), [p2] "m"(p[2]), [p3] "m"(p[3]), [inv] "r"(inv)
        : "rax", "rdx", "r8", "r9", "cc");
    zk_montgomery_limbs out = {{t4, t0, t1, t2}};
    return out;
}

#undef ZK_MONT_ITERATION
#undef ZK_MONT_ROW

/// Montgomery multiplication in BN254's scalar field 𝔽_r. Requires zk_montgomery_adx_enabled().
__attribute__((always_inline)) static inline zk_montgomery_limbs
zk_bn254_fr_multiply(zk_montgomery_limbs a, zk_montgomery_limbs b) {
    return zk_montgomery_multiply_adx(a, b, zk_bn254_fr_modulus, 0xc2e1f593efffffffULL);
}

/// Montgomery multiplication in BN254's base field 𝔽_p. Requires zk_montgomery_adx_enabled().
__attribute__((always_inline)) static inline zk_montgomery_limbs
zk_bn254_fq_multiply(zk_montgomery_limbs a, zk_montgomery_limbs b) {
    return zk_montgomery_multiply_adx(a, b, zk_bn254_fq_modulus, 0x87d20782e4866389ULL);
}

#endif

#endif
