// Batch-affine additions of fixed-base table points into many accumulators, eight at a time
// with AVX-512 IFMA (52-bit multiply-accumulate), for BN254's G1 (over 𝔽_p) and G2 (over 𝔽_p²).
//
// The Swift fixed-base multiplication (ZKCurves' FixedBaseTable) adds, window by window, one
// table point into each of a chunk's accumulators, all additions of a window sharing one
// inversion (Montgomery's trick). This kernel runs the same schedule with the chunk spread over
// eight lanes: each lane keeps its own running product of denominators, the eight lane products
// are combined into one field element that the caller inverts, and the inverse is split back
// into the lanes. The prover's MSMs (ZKCurves' BatchAffineAccumulator and segment sums) use the
// sums entry points for their batches of pairwise additions. Field elements are the Montgomery representatives `a · 2^256 mod p` of
// ZKField's `Fp`, re-sliced into five 52-bit limbs, so no conversion of the Montgomery domain is
// ever needed: the multiplication reduces by 2^256 as four 52-bit steps and one 48-bit step.
//
// Multiplication: operand scanning with vpmadd52luq/vpmadd52huq, then word-by-word Montgomery
// reduction (Montgomery, "Modular multiplication without trial division", Math. Comp. 44, 1985),
// the 52-bit radix following Gueron and Krasnov, "Accelerating big integer arithmetic using Intel
// IFMA extensions" (ARITH 2016). Every result is fully reduced (below p), so equality is limb
// equality, as in `Fp`.
#ifndef CZKBATCHAFFINE_H
#define CZKBATCHAFFINE_H

#include <stdint.h>

/// 1 when the CPU has AVX-512 F, VL and IFMA, the operating system saves the ZMM state, and the
/// environment variable ZKML_FIELD_KERNEL is neither "portable" nor "adx"; else 0. Decided once.
int zk_batch_affine_available(void);

/// The state of one chunk of accumulators (opaque; made by zk_g1_batch_create or zk_g2_batch_create).
typedef struct zk_batch zk_batch;

/// A chunk of `count` accumulators of G1 (coordinates in 𝔽_p) or G2 (in 𝔽_p² = 𝔽_p[u]/(u² + 1)),
/// all at the point at infinity. NULL if memory ran out. Requires zk_batch_affine_available().
zk_batch *zk_g1_batch_create(int64_t count);
zk_batch *zk_g2_batch_create(int64_t count);
void zk_batch_destroy(zk_batch *batch);

/// First half of one window: reads `entries[i]` for every accumulator `i` (a table index `e`
/// adds `table[e]`, `~e` adds its negation, INT64_MIN adds nothing), where `table` holds affine
/// points, none at infinity, as x then y in Montgomery limbs: 4 limbs per coordinate for G1
/// (64 bytes per point), c0 then c1 for G2 (128 bytes). Accumulators at infinity take their point
/// directly. Accumulators whose x equals the point's (a doubling or a cancellation) are left
/// alone and listed in `special` (their indices, at most `count`); the function returns how many.
/// Writes to `product` the product of all scheduled denominators (G2: their norms in 𝔽_p), in
/// Montgomery limbs, which the caller inverts for zk_batch_finish_window. `table` must stay valid
/// until then.
int64_t zk_batch_begin_window(zk_batch *batch, const uint64_t *table, const int64_t *entries,
                              uint64_t product[4], int64_t *special);

/// Second half: with `inverse` = 1 / product (Montgomery limbs), completes every scheduled addition.
void zk_batch_finish_window(zk_batch *batch, const uint64_t inverse[4]);

/// Sums of table points, for building tables: first half of `table[destination[i]] =
/// table[left[i]] + table[right[i]]` for i < n (n at most the batch's count; the accumulators are
/// overwritten). `left[i] = right[i]` doubles. No point may be at infinity and two different
/// entries of one sum must have different x (for the multiples d·P of a table, d < r/2, they do).
/// Writes the product to invert, as zk_batch_begin_window does, and returns the number of sums
/// that break that rule (0, or the caller must not finish).
int64_t zk_batch_begin_sums(zk_batch *batch, const uint64_t *table, const int64_t *left, const int64_t *right,
                            int64_t n, uint64_t product[4]);

/// Second half: writes the sums to `table` at `destination` (entries that no sum of this call
/// reads), with `inverse` = 1 / product.
void zk_batch_finish_sums(zk_batch *batch, uint64_t *table, const int64_t *destination, const uint64_t inverse[4]);

/// Reads accumulator `i` into `point` (x then y, the table's layout: 8 limbs for G1, 16 for G2);
/// returns 1 if it is the point at infinity (then `point` is zero).
int zk_batch_get(const zk_batch *batch, int64_t i, uint64_t *point);

/// Sets accumulator `i` to `point` (the table's layout, every limb group below p), or to the
/// point at infinity when `infinity` is non-zero.
void zk_batch_set(zk_batch *batch, int64_t i, const uint64_t *point, int infinity);

/// 8-lane Montgomery multiplication `a · b · 2^−256 mod p` in BN254's 𝔽_p on Montgomery limbs,
/// exposed for tests: `out[k] = a[k] · b[k]` for k = 0 … 7 (4 limbs each, below p).
void zk_fq_multiply8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]);
/// 8-lane addition and subtraction mod p, for tests (same layout).
void zk_fq_add8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]);
void zk_fq_subtract8(const uint64_t a[32], const uint64_t b[32], uint64_t out[32]);

#endif
