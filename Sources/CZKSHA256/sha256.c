// SHA-256 compression with the x86 SHA extensions; see CZKSHA256.h.
#include "CZKSHA256.h"

#include <stdlib.h>
#include <string.h>

int zk_sha256_shani_flag = 0;

// FIPS 180-4, section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the
// first 64 primes.
const uint32_t zk_sha256_round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int zk_sha256_cpu_has_shani(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    // Leaf 1, ECX: bit 9 SSSE3 (pshufb), bit 19 SSE4.1 (pblendw).
    if (!((ecx >> 9) & 1) || !((ecx >> 19) & 1)) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    // Leaf 7, sub-leaf 0, EBX: bit 29 SHA.
    return (ebx >> 29) & 1;
}

// Four rounds 4g … 4g+3 with message words `w` (W[4g … 4g+3]): sha256rnds2 does two rounds with the
// low two words of W + K, then the high two.
#define ZK_SHA_FOUR_ROUNDS(g, w)                                                              \
    do {                                                                                      \
        __m128i wk = _mm_add_epi32((w), _mm_load_si128((const __m128i *)&zk_sha256_round_constants[4 * (g)])); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                         \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));                \
    } while (0)

// The schedule four words at a time: with m[g % 4] = W[4g … 4g+3],
// W[4(g+4) …] = msg2(msg1(W[4g …], W[4(g+1) …]) + (W[4(g+3)−3 …] taken across the boundary), W[4(g+3) …]).
// `next` holds msg1(W[4g …], W[4(g+1) …]) when called; it becomes W[4(g+4) …].
#define ZK_SHA_SCHEDULE(next, w2, w3) \
    next = _mm_sha256msg2_epu32(_mm_add_epi32(next, _mm_alignr_epi8(w3, w2, 4)), w3)

__attribute__((target("sha,ssse3,sse4.1")))
void zk_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // Byte order: the message is big-endian words.
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // state = A B C D | E F G H (word 0 lowest) → abef = (F E B A from high to low), cdgh likewise.
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i badc = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(badc, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, badc, 0xF0);

    for (size_t b = 0; b < blocks; b++, data += 64) {
        const __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteswap);

        ZK_SHA_FOUR_ROUNDS(0, m0);
        ZK_SHA_FOUR_ROUNDS(1, m1); m0 = _mm_sha256msg1_epu32(m0, m1);
        ZK_SHA_FOUR_ROUNDS(2, m2); m1 = _mm_sha256msg1_epu32(m1, m2);
        ZK_SHA_FOUR_ROUNDS(3, m3); ZK_SHA_SCHEDULE(m0, m2, m3); m2 = _mm_sha256msg1_epu32(m2, m3);
        // Groups 4 … 15: the register of group g − 4 now holds W for group g.
        ZK_SHA_FOUR_ROUNDS(4, m0); ZK_SHA_SCHEDULE(m1, m3, m0); m3 = _mm_sha256msg1_epu32(m3, m0);
        ZK_SHA_FOUR_ROUNDS(5, m1); ZK_SHA_SCHEDULE(m2, m0, m1); m0 = _mm_sha256msg1_epu32(m0, m1);
        ZK_SHA_FOUR_ROUNDS(6, m2); ZK_SHA_SCHEDULE(m3, m1, m2); m1 = _mm_sha256msg1_epu32(m1, m2);
        ZK_SHA_FOUR_ROUNDS(7, m3); ZK_SHA_SCHEDULE(m0, m2, m3); m2 = _mm_sha256msg1_epu32(m2, m3);
        ZK_SHA_FOUR_ROUNDS(8, m0); ZK_SHA_SCHEDULE(m1, m3, m0); m3 = _mm_sha256msg1_epu32(m3, m0);
        ZK_SHA_FOUR_ROUNDS(9, m1); ZK_SHA_SCHEDULE(m2, m0, m1); m0 = _mm_sha256msg1_epu32(m0, m1);
        ZK_SHA_FOUR_ROUNDS(10, m2); ZK_SHA_SCHEDULE(m3, m1, m2); m1 = _mm_sha256msg1_epu32(m1, m2);
        ZK_SHA_FOUR_ROUNDS(11, m3); ZK_SHA_SCHEDULE(m0, m2, m3); m2 = _mm_sha256msg1_epu32(m2, m3);
        ZK_SHA_FOUR_ROUNDS(12, m0); ZK_SHA_SCHEDULE(m1, m3, m0); m3 = _mm_sha256msg1_epu32(m3, m0);
        ZK_SHA_FOUR_ROUNDS(13, m1); ZK_SHA_SCHEDULE(m2, m0, m1);
        ZK_SHA_FOUR_ROUNDS(14, m2); ZK_SHA_SCHEDULE(m3, m1, m2);
        ZK_SHA_FOUR_ROUNDS(15, m3);

        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }

    // Back to A B C D | E F G H.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#else

int zk_sha256_cpu_has_shani(void) { return 0; }

void zk_sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state; (void)data; (void)blocks;
    abort();  // unreachable: the flag is never set off x86-64
}

#endif

// Runs before main, so the flag never changes while hashing.
__attribute__((constructor)) static void zk_sha256_select_kernel(void) {
    const char *choice = getenv("ZKML_SHA256_KERNEL");
    if (choice != NULL && strcmp(choice, "portable") == 0) {
        zk_sha256_shani_flag = 0;
        return;
    }
    zk_sha256_shani_flag = zk_sha256_cpu_has_shani();
}
