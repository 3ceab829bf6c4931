// The part of GMP's C interface that zkml calls, declared here so that building zkml needs only
// the GMP *runtime* library (libgmp.so.10, which every Debian and Ubuntu system has: coreutils
// depends on it), not the development package with gmp.h.
//
// What is declared is GMP's stable binary interface (soname libgmp.so.10, GMP 5 and later, LP64):
// the `mpz` structure and the `__gmpz_*` / `__gmpn_*` symbols that gmp.h's `mpz_*` macros name,
// with the prototypes the GMP manual gives (https://gmplib.org/manual/Integer-Functions). Where
// gmp.h is installed, `.ci/run` compiles scripts/check_gmp_abi.c, which includes gmp.h and then this
// file: C accepts a function declared twice only with compatible types, so a prototype that
// disagrees with GMP's own header is a compile error there.
//
// GMP spells its function-like macros (`mpz_sgn`, `mpz_size`, `mpz_getlimbn`, `mpz_odd_p`) without
// a symbol, so they are written out below from the structure's documented fields.
#ifndef ZKML_CGMP_H
#define ZKML_CGMP_H

#include <stddef.h>
#include <stdint.h>

#ifndef __GMP_H__  // gmp.h not included before us: declare its types (LP64: a limb is an unsigned long).
typedef unsigned long int mp_limb_t;
typedef long int mp_size_t;
typedef unsigned long int mp_bitcnt_t;
typedef struct {
    int _mp_alloc;      // limbs allocated at _mp_d
    int _mp_size;       // limbs in use; negative for a negative number
    mp_limb_t *_mp_d;   // the limbs, least significant first
} __mpz_struct;
typedef __mpz_struct mpz_t[1];
typedef __mpz_struct *mpz_ptr;
typedef const __mpz_struct *mpz_srcptr;
typedef mp_limb_t *mp_ptr;
#endif

_Static_assert(sizeof(mp_limb_t) == 8, "zkml needs GMP's 64-bit limbs (an LP64 platform)");

// Initialisation, assignment, conversion.
void __gmpz_init(mpz_ptr);
void __gmpz_init_set(mpz_ptr, mpz_srcptr);
void __gmpz_clear(mpz_ptr);
int __gmpz_set_str(mpz_ptr, const char *, int);
void __gmpz_set_ui(mpz_ptr, unsigned long int);
void __gmpz_set_si(mpz_ptr, signed long int);
char *__gmpz_get_str(char *, int, mpz_srcptr);
signed long int __gmpz_get_si(mpz_srcptr);
int __gmpz_fits_slong_p(mpz_srcptr);
void __gmpz_import(mpz_ptr, size_t, int, size_t, int, size_t, const void *);
void *__gmpz_export(void *, size_t *, int, size_t, int, size_t, mpz_srcptr);
size_t __gmpz_sizeinbase(mpz_srcptr, int);

// Arithmetic.
void __gmpz_add(mpz_ptr, mpz_srcptr, mpz_srcptr);
void __gmpz_sub(mpz_ptr, mpz_srcptr, mpz_srcptr);
void __gmpz_mul(mpz_ptr, mpz_srcptr, mpz_srcptr);
void __gmpz_mul_2exp(mpz_ptr, mpz_srcptr, mp_bitcnt_t);
void __gmpz_neg(mpz_ptr, mpz_srcptr);
void __gmpz_mod(mpz_ptr, mpz_srcptr, mpz_srcptr);
void __gmpz_tdiv_q(mpz_ptr, mpz_srcptr, mpz_srcptr);
void __gmpz_tdiv_r(mpz_ptr, mpz_srcptr, mpz_srcptr);
void __gmpz_fdiv_qr(mpz_ptr, mpz_ptr, mpz_srcptr, mpz_srcptr);
void __gmpz_fdiv_q_2exp(mpz_ptr, mpz_srcptr, mp_bitcnt_t);
void __gmpz_powm(mpz_ptr, mpz_srcptr, mpz_srcptr, mpz_srcptr);
void __gmpz_pow_ui(mpz_ptr, mpz_srcptr, unsigned long int);
int __gmpz_invert(mpz_ptr, mpz_srcptr, mpz_srcptr);
void __gmpz_gcd(mpz_ptr, mpz_srcptr, mpz_srcptr);
int __gmpz_jacobi(mpz_srcptr, mpz_srcptr);
int __gmpz_cmp(mpz_srcptr, mpz_srcptr);
int __gmpz_tstbit(mpz_srcptr, mp_bitcnt_t);

// The low-level extended gcd (Lehmer), used for field inversion.
mp_size_t __gmpn_gcdext(mp_ptr, mp_ptr, mp_size_t *, mp_ptr, mp_size_t, mp_ptr, mp_size_t);

/// The sign of `x`: -1, 0 or +1 (GMP's `mpz_sgn` macro).
static inline int zk_mpz_sgn(const __mpz_struct *x) { return x->_mp_size < 0 ? -1 : x->_mp_size > 0; }

/// The number of limbs in use by `x` (GMP's `mpz_size`: the absolute value of `_mp_size`).
static inline size_t zk_mpz_limb_count(const __mpz_struct *x) {
    return (size_t)(x->_mp_size < 0 ? -(long)x->_mp_size : x->_mp_size);
}

/// Limb `i` of `|x|`, 0 past the end (GMP's `mpz_getlimbn`).
static inline uint64_t zk_mpz_limb(const __mpz_struct *x, size_t i) {
    return i < zk_mpz_limb_count(x) ? (uint64_t)x->_mp_d[i] : 0;
}

/// Whether `x` is odd (GMP's `mpz_odd_p` macro).
static inline int zk_mpz_odd(const __mpz_struct *x) { return x->_mp_size != 0 && (x->_mp_d[0] & 1) != 0; }

#endif
