// Shims for GMP's macro-only and inline API, so that Swift can call them.
//
// GMP spells most of its API as macros (`mpz_add` is `#define mpz_add __gmpz_add`), which the
// Swift importer drops; the real `__gmpz_*` symbols import fine. Function-like macros such as
// `mpz_sgn` have no symbol at all, so they are wrapped here.
#ifndef ZKML_CGMP_SHIM_H
#define ZKML_CGMP_SHIM_H

#include <gmp.h>
#include <stddef.h>
#include <stdint.h>

/// The sign of `x`: -1, 0 or +1 (GMP's `mpz_sgn` macro).
static inline int zk_mpz_sgn(const mpz_t x) { return mpz_sgn(x); }

/// The number of limbs in use by `x` (absolute value of `_mp_size`).
static inline size_t zk_mpz_limb_count(const mpz_t x) { return mpz_size(x); }

/// Limb `i` of `|x|`, 0 past the end.
static inline uint64_t zk_mpz_limb(const mpz_t x, size_t i) {
    return i < mpz_size(x) ? (uint64_t)mpz_getlimbn(x, (mp_size_t)i) : 0;
}

/// Whether `x` is odd (GMP's `mpz_odd_p` macro).
static inline int zk_mpz_odd(const mpz_t x) { return mpz_odd_p(x); }

#endif
