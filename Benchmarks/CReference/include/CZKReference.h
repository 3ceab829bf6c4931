// Reference kernels in C, measured against zkml's Swift kernels in the same run
// (`zkml bench field`). Not used by any library code.
#ifndef CZKREFERENCE_H
#define CZKREFERENCE_H

#include <stdint.h>
#include <stddef.h>

/// Whether this CPU has BMI2 (mulx) and ADX (adcx/adox), which the assembly kernel needs.
int zk_ref_has_mulx_adx(void);

/// Montgomery multiplication for a 4-limb modulus whose top limb is below 2^62
/// (no-carry CIOS), with mulx/adcx/adox inline assembly. out = a*b*2^-256 mod p, fully reduced.
/// Requires zk_ref_has_mulx_adx().
void zk_ref_montmul_asm(uint64_t out[4], const uint64_t a[4], const uint64_t b[4],
                        const uint64_t p[4], uint64_t inv);

/// The same multiplication in portable C with unsigned __int128.
void zk_ref_montmul_int128(uint64_t out[4], const uint64_t a[4], const uint64_t b[4],
                           const uint64_t p[4], uint64_t inv);

/// Throughput loop: x[i] = x[i] * y[i] for i < n, repeated `rounds` times (independent products).
/// kernel: 0 = assembly, 1 = __int128.
void zk_ref_mul_throughput(int kernel, uint64_t *x, const uint64_t *y, size_t n, size_t rounds,
                           const uint64_t p[4], uint64_t inv);

/// Latency loop: x = x * y, `iterations` times (each product depends on the previous one).
void zk_ref_mul_latency(int kernel, uint64_t x[4], const uint64_t y[4], size_t iterations,
                        const uint64_t p[4], uint64_t inv);

/// Modular addition throughput: x[i] = x[i] + y[i] mod p, repeated `rounds` times.
void zk_ref_add_throughput(uint64_t *x, const uint64_t *y, size_t n, size_t rounds,
                           const uint64_t p[4]);

#endif
