// Reference Montgomery multiplication for 4×64-bit moduli with spare top bits (BN254).
//
// Algorithm: CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery multiplication
// algorithms", IEEE Micro 1996) in the "no-carry" form of Botrel and El Housni (TCHES 2023),
// which needs the top limb of p below 2^62. The assembly keeps the two carry chains of each
// row in the CF (adcx) and OF (adox) flags so that mulx products retire without waiting.
#include "CZKReference.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

int zk_ref_has_mulx_adx(void) {
#if defined(__x86_64__)
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    int bmi2 = (ebx >> 8) & 1, adx = (ebx >> 19) & 1;
    return bmi2 && adx;
#else
    return 0;
#endif
}

#if defined(__x86_64__)
// One row: (t0..t4) += a * b_i, using rdx = b_i. Low halves go on the OF chain, high halves on CF.
#define ZK_ROW(T0, T1, T2, T3, T4)                       \
    "xorl %%eax, %%eax\n\t"                              \
    "mulxq 0(%[a]), %%r8, %%r9\n\t"                      \
    "adoxq %%r8, " T0 "\n\t"                             \
    "adcxq %%r9, " T1 "\n\t"                             \
    "mulxq 8(%[a]), %%r8, %%r9\n\t"                      \
    "adoxq %%r8, " T1 "\n\t"                             \
    "adcxq %%r9, " T2 "\n\t"                             \
    "mulxq 16(%[a]), %%r8, %%r9\n\t"                     \
    "adoxq %%r8, " T2 "\n\t"                             \
    "adcxq %%r9, " T3 "\n\t"                             \
    "mulxq 24(%[a]), %%r8, %%r9\n\t"                     \
    "adoxq %%r8, " T3 "\n\t"                             \
    "adcxq %%r9, " T4 "\n\t"                             \
    "adoxq %%rax, " T4 "\n\t"
// Reduction: m = t0 * inv; (t0..t4) += m * p; afterwards t0 = 0 and the row shifts down one limb.
#define ZK_REDUCE(T0, T1, T2, T3, T4)                    \
    "movq " T0 ", %%rdx\n\t"                             \
    "imulq %[inv], %%rdx\n\t"                            \
    "xorl %%eax, %%eax\n\t"                              \
    "mulxq 0(%[p]), %%r8, %%r9\n\t"                      \
    "adoxq %%r8, " T0 "\n\t"                             \
    "adcxq %%r9, " T1 "\n\t"                             \
    "mulxq 8(%[p]), %%r8, %%r9\n\t"                      \
    "adoxq %%r8, " T1 "\n\t"                             \
    "adcxq %%r9, " T2 "\n\t"                             \
    "mulxq 16(%[p]), %%r8, %%r9\n\t"                     \
    "adoxq %%r8, " T2 "\n\t"                             \
    "adcxq %%r9, " T3 "\n\t"                             \
    "mulxq 24(%[p]), %%r8, %%r9\n\t"                     \
    "adoxq %%r8, " T3 "\n\t"                             \
    "adcxq %%r9, " T4 "\n\t"                             \
    "adoxq %%rax, " T4 "\n\t"

void zk_ref_montmul_asm(uint64_t out[4], const uint64_t a[4], const uint64_t b[4],
                        const uint64_t p[4], uint64_t inv) {
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
    // Five accumulator registers rotate: after each reduction the lowest (now zero) becomes the top.
    __asm__ volatile(
        "movq 0(%[b]), %%rdx\n\t"
        ZK_ROW("%[t0]", "%[t1]", "%[t2]", "%[t3]", "%[t4]")
        ZK_REDUCE("%[t0]", "%[t1]", "%[t2]", "%[t3]", "%[t4]")
        "movq 8(%[b]), %%rdx\n\t"
        ZK_ROW("%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t0]")
        ZK_REDUCE("%[t1]", "%[t2]", "%[t3]", "%[t4]", "%[t0]")
        "movq 16(%[b]), %%rdx\n\t"
        ZK_ROW("%[t2]", "%[t3]", "%[t4]", "%[t0]", "%[t1]")
        ZK_REDUCE("%[t2]", "%[t3]", "%[t4]", "%[t0]", "%[t1]")
        "movq 24(%[b]), %%rdx\n\t"
        ZK_ROW("%[t3]", "%[t4]", "%[t0]", "%[t1]", "%[t2]")
        ZK_REDUCE("%[t3]", "%[t4]", "%[t0]", "%[t1]", "%[t2]")
        : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [t4] "+&r"(t4)
        : [a] "r"(a), [b] "r"(b), [p] "r"(p), [inv] "r"(inv)
        : "rax", "rdx", "r8", "r9", "cc", "memory");
    // The result is (t4, t0, t1, t2) < 2p; subtract p once if needed, branch-free.
    uint64_t r[4] = {t4, t0, t1, t2};
    unsigned __int128 d;
    uint64_t s[4], borrow = 0;
    for (int i = 0; i < 4; i++) {
        d = (unsigned __int128)r[i] - p[i] - borrow;
        s[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    uint64_t keep = 0 - borrow;
    for (int i = 0; i < 4; i++) out[i] = (r[i] & keep) | (s[i] & ~keep);
}
#else
void zk_ref_montmul_asm(uint64_t out[4], const uint64_t a[4], const uint64_t b[4],
                        const uint64_t p[4], uint64_t inv) {
    zk_ref_montmul_int128(out, a, b, p, inv);
}
#endif

void zk_ref_montmul_int128(uint64_t out[4], const uint64_t a[4], const uint64_t b[4],
                           const uint64_t p[4], uint64_t inv) {
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        unsigned __int128 w = (unsigned __int128)a[0] * b[i] + t[0];
        uint64_t ca = (uint64_t)(w >> 64);
        uint64_t t0 = (uint64_t)w;
        uint64_t m = t0 * inv;
        unsigned __int128 v = (unsigned __int128)m * p[0] + t0;
        uint64_t cm = (uint64_t)(v >> 64);
        for (int j = 1; j < 4; j++) {
            w = (unsigned __int128)a[j] * b[i] + t[j] + ca;
            ca = (uint64_t)(w >> 64);
            v = (unsigned __int128)m * p[j] + (uint64_t)w + cm;
            cm = (uint64_t)(v >> 64);
            t[j - 1] = (uint64_t)v;
        }
        t[3] = cm + ca;
    }
    uint64_t s[4], borrow = 0;
    for (int i = 0; i < 4; i++) {
        unsigned __int128 d = (unsigned __int128)t[i] - p[i] - borrow;
        s[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    uint64_t keep = 0 - borrow;
    for (int i = 0; i < 4; i++) out[i] = (t[i] & keep) | (s[i] & ~keep);
}

void zk_ref_mul_throughput(int kernel, uint64_t *x, const uint64_t *y, size_t n, size_t rounds,
                           const uint64_t p[4], uint64_t inv) {
    for (size_t r = 0; r < rounds; r++) {
        if (kernel == 0) {
            for (size_t i = 0; i < n; i++) zk_ref_montmul_asm(x + 4 * i, x + 4 * i, y + 4 * i, p, inv);
        } else {
            for (size_t i = 0; i < n; i++) zk_ref_montmul_int128(x + 4 * i, x + 4 * i, y + 4 * i, p, inv);
        }
    }
}

void zk_ref_mul_latency(int kernel, uint64_t x[4], const uint64_t y[4], size_t iterations,
                        const uint64_t p[4], uint64_t inv) {
    if (kernel == 0) {
        for (size_t i = 0; i < iterations; i++) zk_ref_montmul_asm(x, x, y, p, inv);
    } else {
        for (size_t i = 0; i < iterations; i++) zk_ref_montmul_int128(x, x, y, p, inv);
    }
}

void zk_ref_add_throughput(uint64_t *x, const uint64_t *y, size_t n, size_t rounds,
                           const uint64_t p[4]) {
    for (size_t r = 0; r < rounds; r++) {
        for (size_t i = 0; i < n; i++) {
            uint64_t *a = x + 4 * i;
            const uint64_t *b = y + 4 * i;
            uint64_t s[4], d[4], carry = 0, borrow = 0;
            for (int j = 0; j < 4; j++) {
                unsigned __int128 w = (unsigned __int128)a[j] + b[j] + carry;
                s[j] = (uint64_t)w;
                carry = (uint64_t)(w >> 64);
            }
            for (int j = 0; j < 4; j++) {
                unsigned __int128 w = (unsigned __int128)s[j] - p[j] - borrow;
                d[j] = (uint64_t)w;
                borrow = (uint64_t)(w >> 64) & 1;
            }
            uint64_t keep = 0 - borrow;
            for (int j = 0; j < 4; j++) a[j] = (s[j] & keep) | (d[j] & ~keep);
        }
    }
}
