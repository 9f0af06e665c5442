/* linux-user/ppc/cpuinfo.c — the CPU a PowerPC guest observes (the table
 * behind cpu_model.h: its PVR for mfpvr and its name) and /proc/cpuinfo
 * in the layout of the kernel's arch/powerpc/kernel/setup-common.c: one
 * block per processor (processor, cpu, clock, revision), then the
 * machine's lines.
 *
 * AltiVec is named exactly when AT_HWCAP announces it.
 */
#include <elf.h>

#include "linux-user/ppc/cpu_model.h"
#include "linux-user/procfs.h"

#include "linux-user/lu.h"

enum { PPC_FEATURE_HAS_ALTIVEC = 0x10000000 };

static const PpcCpuModel ppc_cpu_models[] = {
    /* 32-bit: a 7447A (e600 class, G4): FPU and AltiVec, as AT_HWCAP says */
    { ELFCLASS32, 0x80030101u, "7447A" },
    /* 64-bit: POWER8 (ISA 2.07: VMX, VSX), the "power8" AT_PLATFORM */
    { ELFCLASS64, 0x004d0200u, "POWER8 (raw)" },
};

const PpcCpuModel *ppc_cpu_model(const GuestArch *arch)
{
    size_t n = sizeof ppc_cpu_models / sizeof ppc_cpu_models[0];
    for (size_t i = 0; i < n; i++)
        if (ppc_cpu_models[i].elf_class == arch->elf_class)
            return &ppc_cpu_models[i];
    return &ppc_cpu_models[0];
}

void ppc_cpuinfo(GString *out, long ncpu)
{
    const PpcCpuModel *m = ppc_cpu_model(lu_proc.arch);
    bool altivec = (lu_proc.abi->hwcap & PPC_FEATURE_HAS_ALTIVEC) != 0;
    for (long n = 0; n < ncpu; n++) {
        g_string_append_printf(out, "processor\t: %ld\n", n);
        g_string_append_printf(out, "cpu\t\t: %s%s\n", m->name, altivec ? ", altivec supported" : "");
        g_string_append(out, "clock\t\t: 1000.000000MHz\n");
        /* show_cpuinfo(): major.minor from the revision half, then the PVR */
        g_string_append_printf(out, "revision\t: %u.%u (pvr %04x %04x)\n\n", (m->pvr >> 8) & 0xff,
                               m->pvr & 0xff, m->pvr >> 16, m->pvr & 0xffff);
    }
    g_string_append(out, "timebase\t: 512000000\n");
    g_string_append(out, "platform\t: morph\n");
    g_string_append(out, "model\t\t: morph user-mode emulation\n");
    g_string_append(out, "machine\t\t: morph user-mode emulation\n");
}
