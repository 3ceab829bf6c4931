// Compiled by .ci/run where gmp.h is installed: GMP's own header first, then ours. C accepts a
// second declaration of a function only if its type is compatible with the first, so any
// prototype in Sources/CGMP/include/CGMP.h that disagrees with GMP's is a compile error here.
// The inline helpers are checked against GMP's macros at run time.
#include <gmp.h>
#include <stdio.h>
#include "../Sources/CGMP/include/CGMP.h"

int main(void) {
    mpz_t x;
    mpz_init(x);
    int failures = 0;
    const char *values[] = {"0", "1", "-1", "340282366920938463463374607431768211457", "-18446744073709551617"};
    for (size_t k = 0; k < sizeof values / sizeof *values; k++) {
        mpz_set_str(x, values[k], 10);
        failures += zk_mpz_sgn(x) != mpz_sgn(x);
        failures += zk_mpz_limb_count(x) != mpz_size(x);
        failures += zk_mpz_odd(x) != (mpz_odd_p(x) != 0);
        for (size_t i = 0; i < 4; i++) failures += zk_mpz_limb(x, i) != (i < mpz_size(x) ? mpz_getlimbn(x, i) : 0);
    }
    mpz_clear(x);
    printf("CGMP.h against gmp.h %s: %d mismatches\n", gmp_version, failures);
    return failures != 0;
}
