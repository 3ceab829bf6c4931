// AVX-512 IFMA batch-affine additions for BN254 G1: see CZKBatchAffine.h.
#include "CZKBatchAffine.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

// ---------------------------------------------------------------------------------------------
// Availability (compiled for the baseline CPU).

static int zk_batch_affine_flag = 0;

static int zk_batch_affine_detect(void) {
    const char *choice = getenv("ZKML_FIELD_KERNEL");
    if (choice != NULL && (strcmp(choice, "portable") == 0 || strcmp(choice, "adx") == 0)) return 0;
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!((ecx >> 27) & 1)) return 0;  // OSXSAVE: xgetbv is allowed
    unsigned int xcr0, xcr0High;
    __asm__ volatile("xgetbv" : "=a"(xcr0), "=d"(xcr0High) : "c"(0));
    // XCR0 bits 1, 2 (SSE, AVX state), 5, 6, 7 (opmask, upper ZMM0–15, ZMM16–31): the OS saves them.
    if ((xcr0 & 0xE6) != 0xE6) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    // CPUID 7.0 EBX: bit 16 AVX512F, bit 21 AVX512_IFMA, bit 31 AVX512VL.
    return ((ebx >> 16) & 1) && ((ebx >> 21) & 1) && ((ebx >> 31) & 1);
}

// Runs before main, so the flag never changes while field code runs.
__attribute__((constructor)) static void zk_batch_affine_select(void) { zk_batch_affine_flag = zk_batch_affine_detect(); }

int zk_batch_affine_available(void) { return zk_batch_affine_flag; }

// ---------------------------------------------------------------------------------------------
// Constants: p, −p⁻¹ mod 2^52 and 2^256 mod p (Montgomery's 1) in five 52-bit limbs.

#define ZK_MASK52 0xFFFFFFFFFFFFFULL

static const uint64_t zk_fq_p64[4] = {
    0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};
// −p⁻¹ mod 2^64 (CZKMontgomery's constant); its low 52 bits are −p⁻¹ mod 2^52.
#define ZK_FQ_INV64 0x87d20782e4866389ULL

static void zk_to52(const uint64_t x[4], uint64_t l[5]) {
    l[0] = x[0] & ZK_MASK52;
    l[1] = ((x[0] >> 52) | (x[1] << 12)) & ZK_MASK52;
    l[2] = ((x[1] >> 40) | (x[2] << 24)) & ZK_MASK52;
    l[3] = ((x[2] >> 28) | (x[3] << 36)) & ZK_MASK52;
    l[4] = x[3] >> 16;
}

static void zk_from52(const uint64_t l[5], uint64_t x[4]) {
    x[0] = l[0] | (l[1] << 52);
    x[1] = (l[1] >> 12) | (l[2] << 40);
    x[2] = (l[2] >> 24) | (l[3] << 28);
    x[3] = (l[3] >> 36) | (l[4] << 16);
}

static uint64_t zk_fq_p52[5];
static uint64_t zk_fq_one52[5];
static const uint64_t zk_fq_pinv52 = ZK_FQ_INV64 & ZK_MASK52;

__attribute__((constructor)) static void zk_batch_affine_constants(void) {
    zk_to52(zk_fq_p64, zk_fq_p52);
    // 2^256 mod p = 2^256 − 5p (5p < 2^256 < 6p): the two's complement of 5p in 256 bits.
    uint64_t five[4], one[4];
    unsigned __int128 carry = 0;
    for (int k = 0; k < 4; k++) {
        carry += (unsigned __int128)zk_fq_p64[k] * 5;
        five[k] = (uint64_t)carry;
        carry >>= 64;
    }
    unsigned __int128 borrow = 0;
    for (int k = 0; k < 4; k++) {
        unsigned __int128 t = (unsigned __int128)0 - five[k] - borrow;
        one[k] = (uint64_t)t;
        borrow = (t >> 64) ? 1 : 0;
    }
    zk_to52(one, zk_fq_one52);
}

// ---------------------------------------------------------------------------------------------
// Eight field elements, one per lane, limb k of lane l in v[k] lane l.

#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512ifma"))), apply_to = function)

typedef struct {
    __m512i v[5];
} zk_fe8;

#define ZK_INLINE __attribute__((always_inline)) static inline

ZK_INLINE __m512i zk_splat(uint64_t x) { return _mm512_set1_epi64((long long)x); }

ZK_INLINE zk_fe8 zk_fe8_constant(const uint64_t l[5]) {
    zk_fe8 r;
    for (int k = 0; k < 5; k++) r.v[k] = zk_splat(l[k]);
    return r;
}

/// r < 2p with 52-bit limbs → r mod p.
ZK_INLINE void zk_fe8_reduce_once(zk_fe8 *r) {
    const __m512i mask = zk_splat(ZK_MASK52);
    __m512i d[5], borrow = _mm512_setzero_si512();
    for (int k = 0; k < 5; k++) {
        __m512i t = _mm512_sub_epi64(_mm512_sub_epi64(r->v[k], zk_splat(zk_fq_p52[k])), borrow);
        borrow = _mm512_srli_epi64(t, 63);
        d[k] = _mm512_and_si512(t, mask);
    }
    // A borrow out of the top limb means r < p: keep r; otherwise take r − p.
    __mmask8 keep = _mm512_test_epi64_mask(borrow, borrow);
    for (int k = 0; k < 5; k++) r->v[k] = _mm512_mask_blend_epi64(keep, d[k], r->v[k]);
}

ZK_INLINE zk_fe8 zk_fe8_add(zk_fe8 a, zk_fe8 b) {
    const __m512i mask = zk_splat(ZK_MASK52);
    zk_fe8 s;
    for (int k = 0; k < 5; k++) s.v[k] = _mm512_add_epi64(a.v[k], b.v[k]);
    for (int k = 0; k < 4; k++) {
        s.v[k + 1] = _mm512_add_epi64(s.v[k + 1], _mm512_srli_epi64(s.v[k], 52));
        s.v[k] = _mm512_and_si512(s.v[k], mask);
    }
    zk_fe8_reduce_once(&s);
    return s;
}

ZK_INLINE zk_fe8 zk_fe8_sub(zk_fe8 a, zk_fe8 b) {
    const __m512i mask = zk_splat(ZK_MASK52);
    zk_fe8 d, e;
    __m512i borrow = _mm512_setzero_si512();
    for (int k = 0; k < 5; k++) {
        __m512i t = _mm512_sub_epi64(_mm512_sub_epi64(a.v[k], b.v[k]), borrow);
        borrow = _mm512_srli_epi64(t, 63);
        d.v[k] = _mm512_and_si512(t, mask);
    }
    // a < b: d = a − b + 2^260; adding p and dropping the carry out of 2^260 gives a − b + p.
    __m512i carry = _mm512_setzero_si512();
    for (int k = 0; k < 5; k++) {
        __m512i t = _mm512_add_epi64(_mm512_add_epi64(d.v[k], zk_splat(zk_fq_p52[k])), carry);
        carry = _mm512_srli_epi64(t, 52);
        e.v[k] = _mm512_and_si512(t, mask);
    }
    __mmask8 negative = _mm512_test_epi64_mask(borrow, borrow);
    for (int k = 0; k < 5; k++) d.v[k] = _mm512_mask_blend_epi64(negative, d.v[k], e.v[k]);
    return d;
}

/// a · b · 2^−256 mod p. The product's ten columns collect 52-bit halves (each below 21 · 2^52
/// even after the reduction steps, so 64-bit lanes never overflow); four word steps divide by
/// 2^208, a last step with m taken mod 2^48 divides by 2^48, and the result, below
/// p²/2^256 + p < 2p, is reduced once.
ZK_INLINE zk_fe8 zk_fe8_mul(zk_fe8 a, zk_fe8 b) {
    const __m512i mask = zk_splat(ZK_MASK52);
    const __m512i zero = _mm512_setzero_si512();
    const __m512i pinv = zk_splat(zk_fq_pinv52);
    __m512i p[5];
    for (int k = 0; k < 5; k++) p[k] = zk_splat(zk_fq_p52[k]);
    __m512i t[10];
    for (int k = 0; k < 10; k++) t[k] = zero;
    for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
            t[i + j] = _mm512_madd52lo_epu64(t[i + j], a.v[i], b.v[j]);
            t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], a.v[i], b.v[j]);
        }
    }
    for (int i = 0; i < 4; i++) {
        t[i + 1] = _mm512_add_epi64(t[i + 1], _mm512_srli_epi64(t[i], 52));
        t[i] = _mm512_and_si512(t[i], mask);
        __m512i m = _mm512_madd52lo_epu64(zero, t[i], pinv);
        for (int j = 0; j < 5; j++) {
            t[i + j] = _mm512_madd52lo_epu64(t[i + j], m, p[j]);
            t[i + j + 1] = _mm512_madd52hi_epu64(t[i + j + 1], m, p[j]);
        }
        // t[i] is now a multiple of 2^52: only its carry remains.
        t[i + 1] = _mm512_add_epi64(t[i + 1], _mm512_srli_epi64(t[i], 52));
    }
    t[5] = _mm512_add_epi64(t[5], _mm512_srli_epi64(t[4], 52));
    t[4] = _mm512_and_si512(t[4], mask);
    __m512i m = _mm512_and_si512(_mm512_madd52lo_epu64(zero, t[4], pinv), zk_splat((1ULL << 48) - 1));
    for (int j = 0; j < 5; j++) {
        t[4 + j] = _mm512_madd52lo_epu64(t[4 + j], m, p[j]);
        t[5 + j] = _mm512_madd52hi_epu64(t[5 + j], m, p[j]);
    }
    for (int k = 4; k < 9; k++) {
        t[k + 1] = _mm512_add_epi64(t[k + 1], _mm512_srli_epi64(t[k], 52));
        t[k] = _mm512_and_si512(t[k], mask);
    }
    zk_fe8 r;
    for (int k = 0; k < 5; k++)
        r.v[k] = _mm512_or_si512(_mm512_srli_epi64(t[4 + k], 48), _mm512_and_si512(_mm512_slli_epi64(t[5 + k], 4), mask));
    zk_fe8_reduce_once(&r);
    return r;
}

/// Four 64-bit limbs per lane → five 52-bit limbs.
ZK_INLINE zk_fe8 zk_fe8_from64(__m512i x0, __m512i x1, __m512i x2, __m512i x3) {
    const __m512i mask = zk_splat(ZK_MASK52);
    zk_fe8 r;
    r.v[0] = _mm512_and_si512(x0, mask);
    r.v[1] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(x0, 52), _mm512_slli_epi64(x1, 12)), mask);
    r.v[2] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(x1, 40), _mm512_slli_epi64(x2, 24)), mask);
    r.v[3] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(x2, 28), _mm512_slli_epi64(x3, 36)), mask);
    r.v[4] = _mm512_srli_epi64(x3, 16);
    return r;
}

ZK_INLINE void zk_fe8_to64(zk_fe8 a, __m512i x[4]) {
    x[0] = _mm512_or_si512(a.v[0], _mm512_slli_epi64(a.v[1], 52));
    x[1] = _mm512_or_si512(_mm512_srli_epi64(a.v[1], 12), _mm512_slli_epi64(a.v[2], 40));
    x[2] = _mm512_or_si512(_mm512_srli_epi64(a.v[2], 24), _mm512_slli_epi64(a.v[3], 28));
    x[3] = _mm512_or_si512(_mm512_srli_epi64(a.v[3], 36), _mm512_slli_epi64(a.v[4], 16));
}

ZK_INLINE zk_fe8 zk_fe8_blend(__mmask8 take, zk_fe8 a, zk_fe8 b) {
    zk_fe8 r;
    for (int k = 0; k < 5; k++) r.v[k] = _mm512_mask_blend_epi64(take, a.v[k], b.v[k]);
    return r;
}

ZK_INLINE __mmask8 zk_fe8_is_zero(zk_fe8 a) {
    __m512i any = _mm512_or_si512(_mm512_or_si512(a.v[0], a.v[1]), _mm512_or_si512(_mm512_or_si512(a.v[2], a.v[3]), a.v[4]));
    return _mm512_testn_epi64_mask(any, any);
}

/// Lanes permuted: lane l takes lane l ^ s.
ZK_INLINE zk_fe8 zk_fe8_swap(zk_fe8 a, int s) {
    const __m512i index = _mm512_xor_si512(_mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), zk_splat((uint64_t)s));
    zk_fe8 r;
    for (int k = 0; k < 5; k++) r.v[k] = _mm512_permutexvar_epi64(index, a.v[k]);
    return r;
}

/// Eight elements stored as 4 Montgomery limbs each (lane l at a[4l … 4l+3]).
ZK_INLINE zk_fe8 zk_fe8_load(const uint64_t a[32]) {
    const __m512i index = _mm512_set_epi64(28, 24, 20, 16, 12, 8, 4, 0);
    __m512i x[4];
    for (int k = 0; k < 4; k++) x[k] = _mm512_i64gather_epi64(_mm512_add_epi64(index, zk_splat((uint64_t)k)), (const void *)a, 8);
    return zk_fe8_from64(x[0], x[1], x[2], x[3]);
}

ZK_INLINE void zk_fe8_store(zk_fe8 a, uint64_t out[32]) {
    const __m512i index = _mm512_set_epi64(28, 24, 20, 16, 12, 8, 4, 0);
    __m512i x[4];
    zk_fe8_to64(a, x);
    for (int k = 0; k < 4; k++) _mm512_i64scatter_epi64((void *)out, _mm512_add_epi64(index, zk_splat((uint64_t)k)), x[k], 8);
}

void zk_fq_multiply8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]) {
    zk_fe8_store(zk_fe8_mul(zk_fe8_load(a), zk_fe8_load(b)), out);
}

void zk_fq_add8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]) {
    zk_fe8_store(zk_fe8_add(zk_fe8_load(a), zk_fe8_load(b)), out);
}

void zk_fq_subtract8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]) {
    zk_fe8_store(zk_fe8_sub(zk_fe8_load(a), zk_fe8_load(b)), out);
}

// ---------------------------------------------------------------------------------------------
// 𝔽_p² = 𝔽_p[u]/(u² + 1), for G2: c0 + c1·u.

typedef struct {
    zk_fe8 c0, c1;
} zk_fe8x2;

ZK_INLINE zk_fe8x2 zk_fe8x2_add(zk_fe8x2 a, zk_fe8x2 b) { return (zk_fe8x2){zk_fe8_add(a.c0, b.c0), zk_fe8_add(a.c1, b.c1)}; }
ZK_INLINE zk_fe8x2 zk_fe8x2_sub(zk_fe8x2 a, zk_fe8x2 b) { return (zk_fe8x2){zk_fe8_sub(a.c0, b.c0), zk_fe8_sub(a.c1, b.c1)}; }

/// Karatsuba: (a0 b0 − a1 b1) + ((a0 + a1)(b0 + b1) − a0 b0 − a1 b1)·u.
ZK_INLINE zk_fe8x2 zk_fe8x2_mul(zk_fe8x2 a, zk_fe8x2 b) {
    zk_fe8 v0 = zk_fe8_mul(a.c0, b.c0), v1 = zk_fe8_mul(a.c1, b.c1);
    zk_fe8 cross = zk_fe8_mul(zk_fe8_add(a.c0, a.c1), zk_fe8_add(b.c0, b.c1));
    return (zk_fe8x2){zk_fe8_sub(v0, v1), zk_fe8_sub(zk_fe8_sub(cross, v0), v1)};
}

/// (a0 + a1)(a0 − a1) + 2 a0 a1·u.
ZK_INLINE zk_fe8x2 zk_fe8x2_square(zk_fe8x2 a) {
    zk_fe8 product = zk_fe8_mul(a.c0, a.c1);
    return (zk_fe8x2){zk_fe8_mul(zk_fe8_add(a.c0, a.c1), zk_fe8_sub(a.c0, a.c1)), zk_fe8_add(product, product)};
}

// ---------------------------------------------------------------------------------------------
// The batch, for G1 (degree 1: coordinates in 𝔽_p) and G2 (degree 2: in 𝔽_p²). A coordinate is
// `degree` consecutive zk_fe8 (c0 then c1), and a table entry is x then y, 4 · degree limbs each.

struct zk_batch {
    int64_t count;
    int64_t vectors;
    int64_t pending;      // vectors of the current window or level (zk_batch_begin_sums: fewer)
    int64_t degree;
    zk_fe8 *x, *y;        // the accumulators
    zk_fe8 *qx, *qy;      // this window's table points (y negated where the digit is negative)
    zk_fe8 *delta;        // qx − x (G2 only: its norm is the denominator)
    zk_fe8 *denominator;  // qx − x, or its norm (𝔽_p) for G2; 1 in lanes not added
    zk_fe8 *prefix;       // the running product of denominators before this vector's
    uint8_t *infinity;    // per vector: lanes at the point at infinity
    uint8_t *scheduled;   // per vector: lanes with an addition in this window
    uint8_t *doubling;    // per vector, sums only: lanes that double (left = right)
    zk_fe8 others;        // per lane: the product of the other lanes' running products
};

static zk_batch *zk_batch_create(int64_t count, int64_t degree) {
    // aligned_alloc: the struct holds a zk_fe8, which needs 64-byte alignment (calloc gives 16).
    zk_batch *batch = aligned_alloc(64, sizeof(zk_batch));
    if (batch == NULL) return NULL;
    memset(batch, 0, sizeof(zk_batch));
    int64_t vectors = (count + 7) / 8, slots = vectors > 0 ? vectors : 1;
    batch->count = count;
    batch->vectors = vectors;
    batch->degree = degree;
    size_t coordinate = (size_t)slots * (size_t)degree * sizeof(zk_fe8);
    zk_fe8 **arrays[7] = {&batch->x, &batch->y, &batch->qx, &batch->qy, &batch->delta, &batch->denominator, &batch->prefix};
    size_t sizes[7] = {coordinate, coordinate, coordinate, coordinate, coordinate,
                       (size_t)slots * sizeof(zk_fe8), (size_t)slots * sizeof(zk_fe8)};
    for (int a = 0; a < 7; a++) {
        *arrays[a] = aligned_alloc(64, sizes[a]);
        if (*arrays[a] == NULL) { zk_batch_destroy(batch); return NULL; }
    }
    memset(batch->x, 0, coordinate);
    memset(batch->y, 0, coordinate);
    batch->infinity = malloc((size_t)slots);
    batch->scheduled = calloc((size_t)slots, 1);
    batch->doubling = calloc((size_t)slots, 1);
    if (batch->infinity == NULL || batch->scheduled == NULL || batch->doubling == NULL) { zk_batch_destroy(batch); return NULL; }
    memset(batch->infinity, 0xFF, (size_t)slots);
    return batch;
}

zk_batch *zk_g1_batch_create(int64_t count) { return zk_batch_create(count, 1); }
zk_batch *zk_g2_batch_create(int64_t count) { return zk_batch_create(count, 2); }

void zk_batch_destroy(zk_batch *batch) {
    if (batch == NULL) return;
    free(batch->x); free(batch->y); free(batch->qx); free(batch->qy); free(batch->delta);
    free(batch->denominator); free(batch->prefix); free(batch->infinity); free(batch->scheduled);
    free(batch->doubling); free(batch);
}

/// Every lane's product of the other lanes' running products (butterflies over lanes 1, 2, 4
/// apart), kept for the completion, and the product of all eight for the caller to invert.
ZK_INLINE void zk_batch_combine_lanes(zk_batch *batch, zk_fe8 running, uint64_t product[4]) {
    zk_fe8 all = running, others = zk_fe8_constant(zk_fq_one52);
    for (int s = 1; s < 8; s <<= 1) {
        zk_fe8 partner = zk_fe8_swap(all, s);
        others = zk_fe8_mul(others, partner);
        all = zk_fe8_mul(all, partner);
    }
    batch->others = others;
    __m512i limbs[4];
    zk_fe8_to64(all, limbs);
    for (int k = 0; k < 4; k++) product[k] = (uint64_t)_mm_cvtsi128_si64(_mm512_castsi512_si128(limbs[k]));
}

/// Writes the x and y of the lanes in `lanes` to table entries `index` (8 · degree words each).
ZK_INLINE void zk_batch_scatter(uint64_t *table, __m512i index, __mmask8 lanes, const zk_fe8 *x, const zk_fe8 *y, const int degree) {
    __m512i base = _mm512_sllv_epi64(index, zk_splat(degree == 1 ? 3 : 4));
    for (int c = 0; c < degree; c++) {
        __m512i limbs[4];
        zk_fe8_to64(x[c], limbs);
        for (int k = 0; k < 4; k++)
            _mm512_mask_i64scatter_epi64((void *)table, lanes, _mm512_add_epi64(base, zk_splat((uint64_t)(4 * c + k))), limbs[k], 8);
        zk_fe8_to64(y[c], limbs);
        for (int k = 0; k < 4; k++)
            _mm512_mask_i64scatter_epi64((void *)table, lanes, _mm512_add_epi64(base, zk_splat((uint64_t)(4 * degree + 4 * c + k))), limbs[k], 8);
    }
}

/// The backward pass: per vector, last to first, the inverse of its denominator from the running
/// products, λ = numerator / (qx − x) (numerator qy − y, or 3x² where the lane doubles and
/// the denominator is 2y), x₃ = λ² − x − qx, y₃ = λ(x − x₃) − y. The sums go back into the
/// accumulators, or (`table` non-NULL) to table entries `destination`.
ZK_INLINE void zk_batch_finish(zk_batch *batch, const uint64_t inverse[4], const int degree,
                               uint64_t *table, const int64_t *destination) {
    uint64_t l[5];
    zk_to52(inverse, l);
    // Lane l's inverse of its own running product: 1/all · (product of the other lanes).
    zk_fe8 inv = zk_fe8_mul(zk_fe8_constant(l), batch->others);
    for (int64_t j = batch->pending - 1; j >= 0; j--) {
        __mmask8 adding = batch->scheduled[j];
        if (adding == 0) continue;
        __mmask8 doubling = table != NULL ? batch->doubling[j] : 0;
        zk_fe8 dInverse = zk_fe8_mul(inv, batch->prefix[j]);
        inv = zk_fe8_mul(inv, batch->denominator[j]);
        zk_fe8 *x = batch->x + j * degree, *y = batch->y + j * degree;
        const zk_fe8 *qx = batch->qx + j * degree, *qy = batch->qy + j * degree;
        zk_fe8 x3[2], y3[2];
        if (degree == 1) {
            zk_fe8 numerator = zk_fe8_sub(qy[0], y[0]);
            if (doubling) {
                zk_fe8 square = zk_fe8_mul(x[0], x[0]);
                numerator = zk_fe8_blend(doubling, numerator, zk_fe8_add(zk_fe8_add(square, square), square));
            }
            zk_fe8 lambda = zk_fe8_mul(numerator, dInverse);
            x3[0] = zk_fe8_sub(zk_fe8_sub(zk_fe8_mul(lambda, lambda), x[0]), qx[0]);
            y3[0] = zk_fe8_sub(zk_fe8_mul(lambda, zk_fe8_sub(x[0], x3[0])), y[0]);
        } else {
            // λ = numerator / d = numerator · conj(d) / N(d).
            const zk_fe8 *d = batch->delta + j * degree;
            zk_fe8 zeroElement;
            for (int k = 0; k < 5; k++) zeroElement.v[k] = _mm512_setzero_si512();
            zk_fe8x2 ax = {x[0], x[1]}, ay = {y[0], y[1]};
            zk_fe8x2 numerator = zk_fe8x2_sub((zk_fe8x2){qy[0], qy[1]}, ay);
            if (doubling) {
                zk_fe8x2 square = zk_fe8x2_square(ax);
                zk_fe8x2 tripled = zk_fe8x2_add(zk_fe8x2_add(square, square), square);
                numerator.c0 = zk_fe8_blend(doubling, numerator.c0, tripled.c0);
                numerator.c1 = zk_fe8_blend(doubling, numerator.c1, tripled.c1);
            }
            zk_fe8x2 conjugate = {d[0], zk_fe8_sub(zeroElement, d[1])};
            zk_fe8x2 lambda = zk_fe8x2_mul(numerator, conjugate);
            lambda.c0 = zk_fe8_mul(lambda.c0, dInverse);
            lambda.c1 = zk_fe8_mul(lambda.c1, dInverse);
            zk_fe8x2 sx = zk_fe8x2_sub(zk_fe8x2_sub(zk_fe8x2_square(lambda), ax), (zk_fe8x2){qx[0], qx[1]});
            zk_fe8x2 sy = zk_fe8x2_sub(zk_fe8x2_mul(lambda, zk_fe8x2_sub(ax, sx)), ay);
            x3[0] = sx.c0; x3[1] = sx.c1; y3[0] = sy.c0; y3[1] = sy.c1;
        }
        if (table != NULL) {
            __m512i index = _mm512_maskz_loadu_epi64(adding, destination + 8 * j);
            zk_batch_scatter(table, index, adding, x3, y3, degree);
        } else {
            for (int c = 0; c < degree; c++) {
                x[c] = zk_fe8_blend(adding, x[c], x3[c]);
                y[c] = zk_fe8_blend(adding, y[c], y3[c]);
            }
        }
    }
}

/// Gathers the points at table entries `index` (lanes in `lanes`; 0 elsewhere).
ZK_INLINE void zk_batch_gather(const uint64_t *table, __m512i index, __mmask8 lanes, zk_fe8 *x, zk_fe8 *y, const int degree) {
    const __m512i zero = _mm512_setzero_si512();
    __m512i base = _mm512_sllv_epi64(_mm512_maskz_mov_epi64(lanes, index), zk_splat(degree == 1 ? 3 : 4));
    for (int c = 0; c < degree; c++) {
        __m512i raw[8];
        for (int k = 0; k < 4; k++) {
            raw[k] = _mm512_mask_i64gather_epi64(zero, lanes, _mm512_add_epi64(base, zk_splat((uint64_t)(4 * c + k))), (const void *)table, 8);
            raw[4 + k] = _mm512_mask_i64gather_epi64(zero, lanes, _mm512_add_epi64(base, zk_splat((uint64_t)(4 * degree + 4 * c + k))), (const void *)table, 8);
        }
        x[c] = zk_fe8_from64(raw[0], raw[1], raw[2], raw[3]);
        y[c] = zk_fe8_from64(raw[4], raw[5], raw[6], raw[7]);
    }
}

ZK_INLINE int64_t zk_batch_sums(zk_batch *batch, const uint64_t *table, const int64_t *left, const int64_t *right,
                                int64_t n, uint64_t product[4], const int degree) {
    const zk_fe8 one = zk_fe8_constant(zk_fq_one52);
    zk_fe8 running = one;
    int64_t unequal = 0;
    batch->pending = (n + 7) / 8;
    for (int64_t j = 0; j < batch->pending; j++) {
        int64_t valid = n - 8 * j;
        __mmask8 lanes = valid >= 8 ? 0xFF : (__mmask8)((1u << valid) - 1);
        __m512i li = _mm512_maskz_loadu_epi64(lanes, left + 8 * j), ri = _mm512_maskz_loadu_epi64(lanes, right + 8 * j);
        zk_fe8 *x = batch->x + j * degree, *y = batch->y + j * degree;
        zk_fe8 *qx = batch->qx + j * degree, *qy = batch->qy + j * degree, *d = batch->delta + j * degree;
        zk_batch_gather(table, li, lanes, x, y, degree);
        zk_batch_gather(table, ri, lanes, qx, qy, degree);
        __mmask8 doubling = _mm512_mask_cmpeq_epi64_mask(lanes, li, ri);
        __mmask8 equalX = (__mmask8)(lanes & ~doubling);
        for (int c = 0; c < degree; c++) {
            d[c] = zk_fe8_blend(doubling, zk_fe8_sub(qx[c], x[c]), zk_fe8_add(y[c], y[c]));
            equalX &= zk_fe8_is_zero(d[c]);
        }
        unequal += __builtin_popcount(equalX);
        zk_fe8 denominator = degree == 1 ? d[0] : zk_fe8_add(zk_fe8_mul(d[0], d[0]), zk_fe8_mul(d[1], d[1]));
        batch->denominator[j] = zk_fe8_blend((__mmask8)(lanes & ~equalX), one, denominator);
        batch->scheduled[j] = (__mmask8)(lanes & ~equalX);
        batch->doubling[j] = doubling;
        batch->prefix[j] = running;
        running = zk_fe8_mul(running, batch->denominator[j]);
    }
    zk_batch_combine_lanes(batch, running, product);
    return unequal;
}

int64_t zk_batch_begin_sums(zk_batch *batch, const uint64_t *table, const int64_t *left, const int64_t *right,
                            int64_t n, uint64_t product[4]) {
    return batch->degree == 1 ? zk_batch_sums(batch, table, left, right, n, product, 1)
                              : zk_batch_sums(batch, table, left, right, n, product, 2);
}

void zk_batch_finish_sums(zk_batch *batch, uint64_t *table, const int64_t *destination, const uint64_t inverse[4]) {
    if (batch->degree == 1) zk_batch_finish(batch, inverse, 1, table, destination);
    else zk_batch_finish(batch, inverse, 2, table, destination);
}

ZK_INLINE int64_t zk_batch_begin(zk_batch *batch, const uint64_t *table, const int64_t *entries,
                                 uint64_t product[4], int64_t *special, const int degree) {
    const zk_fe8 one = zk_fe8_constant(zk_fq_one52);
    const __m512i none = zk_splat((uint64_t)INT64_MIN);
    const __m512i zero = _mm512_setzero_si512();
    zk_fe8 zeroElement;
    for (int k = 0; k < 5; k++) zeroElement.v[k] = zero;
    const int words = 8 * degree;  // 64-bit words per table entry
    zk_fe8 running = one;
    int64_t specials = 0;
    const int64_t count = batch->count;
    batch->pending = batch->vectors;
    for (int64_t j = 0; j < batch->vectors; j++) {
        // Ask for the entries two vectors ahead: the loads are scattered over the window's table.
        for (int64_t i = 8 * (j + 2); i < 8 * (j + 3) && i < count; i++) {
            int64_t e = entries[i];
            if (e == INT64_MIN) continue;
            const uint64_t *address = table + words * (e >= 0 ? e : ~e);
            for (int line = 0; line < degree; line++) __builtin_prefetch(address + 8 * line, 0, 3);
        }
        int64_t valid = count - 8 * j;
        __mmask8 lanes = valid >= 8 ? 0xFF : (__mmask8)((1u << valid) - 1);
        __m512i e = _mm512_mask_loadu_epi64(none, lanes, entries + 8 * j);
        __mmask8 present = _mm512_cmpneq_epi64_mask(e, none);
        batch->scheduled[j] = 0;
        if (present == 0) continue;
        __mmask8 negative = _mm512_mask_cmplt_epi64_mask(present, e, zero);
        __m512i index = _mm512_mask_xor_epi64(e, negative, e, zk_splat(~0ULL));
        zk_fe8 qx[2], qy[2];
        zk_batch_gather(table, index, present, qx, qy, degree);
        if (negative)
            for (int c = 0; c < degree; c++) qy[c] = zk_fe8_blend(negative, qy[c], zk_fe8_sub(zeroElement, qy[c]));
        zk_fe8 *x = batch->x + j * degree, *y = batch->y + j * degree;
        __mmask8 atInfinity = (__mmask8)(batch->infinity[j] & present);
        if (atInfinity) {
            for (int c = 0; c < degree; c++) {
                x[c] = zk_fe8_blend(atInfinity, x[c], qx[c]);
                y[c] = zk_fe8_blend(atInfinity, y[c], qy[c]);
            }
            batch->infinity[j] &= (uint8_t)~atInfinity;
        }
        __mmask8 adding = (__mmask8)(present & ~atInfinity);
        if (adding == 0) continue;
        zk_fe8 dx[2];
        __mmask8 equalX = adding;
        for (int c = 0; c < degree; c++) {
            dx[c] = zk_fe8_sub(qx[c], x[c]);
            equalX &= zk_fe8_is_zero(dx[c]);
        }
        if (equalX) {
            for (int l = 0; l < 8; l++)
                if ((equalX >> l) & 1) special[specials++] = 8 * j + l;
            adding &= (__mmask8)~equalX;
            if (adding == 0) continue;
        }
        batch->scheduled[j] = adding;
        zk_fe8 denominator = degree == 1 ? dx[0] : zk_fe8_add(zk_fe8_mul(dx[0], dx[0]), zk_fe8_mul(dx[1], dx[1]));
        denominator = zk_fe8_blend(adding, one, denominator);
        for (int c = 0; c < degree; c++) {
            batch->qx[j * degree + c] = qx[c];
            batch->qy[j * degree + c] = qy[c];
            batch->delta[j * degree + c] = dx[c];
        }
        batch->denominator[j] = denominator;
        batch->prefix[j] = running;
        running = zk_fe8_mul(running, denominator);
    }
    zk_batch_combine_lanes(batch, running, product);
    return specials;
}

int64_t zk_batch_begin_window(zk_batch *batch, const uint64_t *table, const int64_t *entries,
                              uint64_t product[4], int64_t *special) {
    return batch->degree == 1 ? zk_batch_begin(batch, table, entries, product, special, 1)
                              : zk_batch_begin(batch, table, entries, product, special, 2);
}

void zk_batch_finish_window(zk_batch *batch, const uint64_t inverse[4]) {
    if (batch->degree == 1) zk_batch_finish(batch, inverse, 1, NULL, NULL);
    else zk_batch_finish(batch, inverse, 2, NULL, NULL);
}

#pragma clang attribute pop

int zk_batch_get(const zk_batch *batch, int64_t i, uint64_t *point) {
    int64_t j = i / 8, lane = i % 8, degree = batch->degree;
    if ((batch->infinity[j] >> lane) & 1) {
        memset(point, 0, (size_t)(8 * degree) * sizeof(uint64_t));
        return 1;
    }
    for (int64_t c = 0; c < degree; c++) {
        const uint64_t *x = (const uint64_t *)&batch->x[j * degree + c], *y = (const uint64_t *)&batch->y[j * degree + c];
        uint64_t lx[5], ly[5];
        for (int k = 0; k < 5; k++) { lx[k] = x[8 * k + lane]; ly[k] = y[8 * k + lane]; }
        zk_from52(lx, point + 4 * c);
        zk_from52(ly, point + 4 * degree + 4 * c);
    }
    return 0;
}

void zk_batch_set(zk_batch *batch, int64_t i, const uint64_t *point, int infinity) {
    int64_t j = i / 8, lane = i % 8, degree = batch->degree;
    if (infinity) batch->infinity[j] |= (uint8_t)(1u << lane);
    else batch->infinity[j] &= (uint8_t)~(1u << lane);
    for (int64_t c = 0; c < degree; c++) {
        uint64_t lx[5] = {0}, ly[5] = {0};
        if (!infinity) {
            zk_to52(point + 4 * c, lx);
            zk_to52(point + 4 * degree + 4 * c, ly);
        }
        uint64_t *x = (uint64_t *)&batch->x[j * degree + c], *y = (uint64_t *)&batch->y[j * degree + c];
        for (int k = 0; k < 5; k++) { x[8 * k + lane] = lx[k]; y[8 * k + lane] = ly[k]; }
    }
}

#else  // not x86-64: never available; the entry points exist so that Swift links.

int zk_batch_affine_available(void) { return 0; }
zk_batch *zk_g1_batch_create(int64_t count) { (void)count; return NULL; }
zk_batch *zk_g2_batch_create(int64_t count) { (void)count; return NULL; }
void zk_batch_destroy(zk_batch *batch) { (void)batch; }
int64_t zk_batch_begin_window(zk_batch *batch, const uint64_t *table, const int64_t *entries,
                              uint64_t product[4], int64_t *special) {
    (void)batch; (void)table; (void)entries; (void)product; (void)special; abort();
}
void zk_batch_finish_window(zk_batch *batch, const uint64_t inverse[4]) { (void)batch; (void)inverse; abort(); }
int64_t zk_batch_begin_sums(zk_batch *batch, const uint64_t *table, const int64_t *left, const int64_t *right,
                            int64_t n, uint64_t product[4]) {
    (void)batch; (void)table; (void)left; (void)right; (void)n; (void)product; abort();
}
void zk_batch_finish_sums(zk_batch *batch, uint64_t *table, const int64_t *destination, const uint64_t inverse[4]) {
    (void)batch; (void)table; (void)destination; (void)inverse; abort();
}
int zk_batch_get(const zk_batch *batch, int64_t i, uint64_t *point) { (void)batch; (void)i; (void)point; abort(); }
void zk_batch_set(zk_batch *batch, int64_t i, const uint64_t *point, int infinity) {
    (void)batch; (void)i; (void)point; (void)infinity; abort();
}
void zk_fq_multiply8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]) { (void)a; (void)b; (void)out; abort(); }
void zk_fq_add8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]) { (void)a; (void)b; (void)out; abort(); }
void zk_fq_subtract8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]) { (void)a; (void)b; (void)out; abort(); }

#endif
