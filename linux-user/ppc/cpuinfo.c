/* linux-user/ppc/cpuinfo.c — /proc/cpuinfo of a PowerPC guest, in the
 * layout of the kernel's arch/powerpc/kernel/setup-common.c: one block per
 * processor (processor, cpu, clock, revision), then the machine's lines.
 *
 * The CPU named is the one the guest can observe: the PVR that mfpvr
 * returns (a 750 for 32-bit guests, see ppc/abi.c), and AltiVec exactly
 * when AT_HWCAP announces it.
 */
#include "linux-user/procfs.h"

#include "linux-user/lu.h"

enum { PPC_FEATURE_HAS_ALTIVEC = 0x10000000 };

void ppc_cpuinfo(GString *out, long ncpu)
{
    bool is64 = lu_proc.arch->elf_class == 2;
    bool altivec = (lu_proc.abi->hwcap & PPC_FEATURE_HAS_ALTIVEC) != 0;
    const char *cpu = is64 ? "POWER8 (raw)" : "740/750";
    const char *revision = is64 ? "2.0 (pvr 004d 0200)" : "2.0 (pvr 0008 0200)";
    for (long n = 0; n < ncpu; n++) {
        g_string_append_printf(out, "processor\t: %ld\n", n);
        g_string_append_printf(out, "cpu\t\t: %s%s\n", cpu, altivec ? ", altivec supported" : "");
        g_string_append(out, "clock\t\t: 1000.000000MHz\n");
        g_string_append_printf(out, "revision\t: %s\n\n", revision);
    }
    g_string_append(out, "timebase\t: 512000000\n");
    g_string_append(out, "platform\t: morph\n");
    g_string_append(out, "model\t\t: morph user-mode emulation\n");
    g_string_append(out, "machine\t\t: morph user-mode emulation\n");
}
