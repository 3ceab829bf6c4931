// SHA-256 block function with the x86 SHA extensions (sha256rnds2, sha256msg1, sha256msg2).
//
// ZKConstraints' `SHA256` hashes circuits and keys when they are written and read: on the
// proving path that is the whole proving key and model.zkml, up to hundreds of megabytes, and
// the portable Swift rounds run at about 200 MB/s. The SHA extensions do two rounds per
// instruction. The Swift side calls `zk_sha256_blocks_shani` only when
// `zk_sha256_shani_enabled()` says the CPU has them; otherwise it runs its own rounds, which the
// tests hold equal to these (FIPS 180-4 examples and random lengths).
//
// The data flow follows Intel's description of the extensions (Gulley, Gopal, Yap, Feghali,
// Guilford, Wolrich, "Intel SHA Extensions", Intel white paper 2013): the eight working
// variables live in two registers as ABEF and CDGH, and the message schedule advances four
// words at a time.
#ifndef CZKSHA256_H
#define CZKSHA256_H

#include <stddef.h>
#include <stdint.h>

/// K₀ … K₆₃ of FIPS 180-4 (section 4.2.2), shared with the portable Swift rounds.
extern const uint32_t zk_sha256_round_constants[64];

/// Set once before `main` by a constructor in sha256.c: 1 when the CPU reports SHA, SSSE3 and
/// SSE4.1 and the environment variable ZKML_SHA256_KERNEL is not "portable", else 0.
extern int zk_sha256_shani_flag;

/// Whether `zk_sha256_blocks_shani` may run on this machine.
static inline int zk_sha256_shani_enabled(void) { return zk_sha256_shani_flag; }

/// Whether this CPU has the SHA extensions (with SSSE3 and SSE4.1), regardless of ZKML_SHA256_KERNEL.
int zk_sha256_cpu_has_shani(void);

/// Runs the compression function over `blocks` consecutive 64-byte blocks at `data`, updating
/// `state` (H0…H7 of FIPS 180-4, native-endian words). Precondition: `zk_sha256_shani_enabled()`.
void zk_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
