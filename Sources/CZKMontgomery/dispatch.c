// CPU detection for the mulx/adcx/adox Montgomery kernels in CZKMontgomery.h.
#include "CZKMontgomery.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

int zk_montgomery_adx_flag = 0;

int zk_montgomery_cpu_has_adx(void) {
#if defined(__x86_64__)
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    // CPUID leaf 7, sub-leaf 0, EBX: bit 8 BMI2 (mulx), bit 19 ADX (adcx/adox).
    return ((ebx >> 8) & 1) && ((ebx >> 19) & 1);
#else
    return 0;
#endif
}

// Runs before main, so the flag never changes while field code runs.
__attribute__((constructor)) static void zk_montgomery_select_kernel(void) {
    const char *choice = getenv("ZKML_FIELD_KERNEL");
    if (choice != NULL && strcmp(choice, "portable") == 0) {
        zk_montgomery_adx_flag = 0;
        return;
    }
    zk_montgomery_adx_flag = zk_montgomery_cpu_has_adx();
}
