/* linux-user/ppc/abi64.c — the 64-bit PowerPC Linux ABIs: ppc64
 * (big-endian, ELFv1) and ppc64le (little-endian, ELFv2). Start-up
 * registers, the auxv entries the kernel adds, the system call convention
 * (as on ppc32: sc with the number in r0, arguments in r3..r8, the result
 * in r3 with CR0.SO set and a positive errno on failure), thread
 * registers and the guest address space's bounds.
 *
 * Facts from the kernel (arch/powerpc/kernel/process.c start_thread,
 * asm/elf.h, asm/cputable.h):
 *  - ELFv1 (ppc64 big-endian): e_entry points at a function descriptor;
 *    the pc is its first doubleword and r2 (the TOC) its second.
 *  - ELFv2 (ppc64le): e_entry is code, and r12 holds it at entry (the
 *    global entry point computes r2 from r12).
 *  - r1 points at argc; the other GPRs are zero; r13 (the thread
 *    pointer) is set by the C library.
 * Which ABI a binary uses is taken from its byte order (Debian's and
 * every mainstream ppc64 big-endian toolchain is ELFv1; ppc64le is
 * ELFv2 only).
 */
#include <elf.h>

#include "frontend/ppc/cpu.h"
#include "linux-user/lu.h"
#include "linux-user/lu_runtime.h"
#include "linux-user/ppc/abi.h"

extern const GuestArch ppc64_guest, ppc64le_guest;
extern struct LuLayouts ppc64_layouts, ppc64le_layouts;
int ppc64_syscall_id(int nr);
const char *ppc64_syscall_name(int nr);
extern const struct LuSignalAbi ppc64_signal_abi, ppc64le_signal_abi; /* signal64.c */

/* AT_HWCAP bits (asm/cputable.h) and AT_HWCAP2 bits: what morph's PPC
 * frontend implements. Altivec and VSX are frontend/ppc/vmx*.c and vsx*.c;
 * ISA 2.07 (POWER8) is the level of the vector and scalar forms, and a
 * POWER8 also announces the earlier levels it includes (2.06, 2.05,
 * POWER5+, POWER4), which glibc's ifuncs test for its POWER7 routines.
 * Not PPC_FEATURE_HAS_DFP (no decimal floating point) and not
 * PPC_FEATURE2_HAS_VEC_CRYPTO: the crypto forms (vcipher...) are not
 * implemented, so glibc and programs must not pick them. */
#define PPC_FEATURE_32 0x80000000u
#define PPC_FEATURE_64 0x40000000u
#define PPC_FEATURE_HAS_ALTIVEC 0x10000000u
#define PPC_FEATURE_HAS_FPU 0x08000000u
#define PPC_FEATURE_HAS_MMU 0x04000000u
#define PPC_FEATURE_POWER4 0x00080000u
#define PPC_FEATURE_POWER5_PLUS 0x00020000u
#define PPC_FEATURE_ARCH_2_05 0x00001000u
#define PPC_FEATURE_ARCH_2_06 0x00000100u
#define PPC_FEATURE_HAS_VSX 0x00000080u
#define PPC_FEATURE_TRUE_LE 0x00000002u
#define PPC_FEATURE2_ARCH_2_07 0x80000000u
#define PPC64_HWCAP (PPC_FEATURE_32 | PPC_FEATURE_64 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU | \
                     PPC_FEATURE_HAS_ALTIVEC | PPC_FEATURE_HAS_VSX | PPC_FEATURE_POWER4 |    \
                     PPC_FEATURE_POWER5_PLUS | PPC_FEATURE_ARCH_2_05 | PPC_FEATURE_ARCH_2_06)
#define PPC64_HWCAP2 PPC_FEATURE2_ARCH_2_07

/* POWER8's cache blocks (dcbz clears 128 bytes in 64-bit mode). */
enum { PPC64_CACHE_BLOCK = 128 };

static size_t ppc64_extra_auxv(uint64_t *out, size_t max)
{
    static const uint64_t pairs[][2] = {
        { AT_DCACHEBSIZE, PPC64_CACHE_BLOCK },
        { AT_ICACHEBSIZE, PPC64_CACHE_BLOCK },
        { AT_UCACHEBSIZE, 0 },               /* no unified cache */
    };
    size_t n = sizeof pairs / sizeof pairs[0];
    if (n > max)
        n = max;
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = pairs[i][0];
        out[2 * i + 1] = pairs[i][1];
    }
    return n;
}

/* A doubleword of guest memory in the guest's byte order (0 if unreadable). */
static uint64_t ppc64_read_u64(const CpuCommon *cpu, uint64_t addr)
{
    uint8_t b[8];
    if (lu_copy_from_guest(b, addr, 8) != 0)
        return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[cpu->arch->big_endian ? i : 7 - i];
    return v;
}

static void ppc64_init_regs(CpuCommon *cpu, const LuImage *img, uint64_t sp)
{
    PpcCpu *c = (PpcCpu *)cpu;
    ppc_reset_regs(c, sp);
    if (cpu->arch->big_endian) { /* ELFv1: entry is a function descriptor */
        /* Its words are link-time addresses: relocated by the load bias
         * of the ELF they belong to (the interpreter's, or a PIE's). */
        uint64_t bias = img->interp_base ? img->interp_base : img->load_bias;
        cpu->pc = ppc64_read_u64(cpu, img->entry) + bias;
        c->gpr[2] = ppc64_read_u64(cpu, img->entry + 8) + bias;
    } else {                     /* ELFv2 */
        cpu->pc = img->entry;
        c->gpr[12] = img->entry;
    }
}

/* copy_thread(): the child's r1 is the new stack when one is given;
 * CLONE_SETTLS puts the thread pointer in r13. */
static void ppc64_clone_regs(CpuCommon *child, uint64_t newsp, bool set_tls, uint64_t tls)
{
    PpcCpu *c = (PpcCpu *)child;
    if (newsp)
        c->gpr[1] = newsp;
    if (set_tls)
        c->gpr[13] = tls;
    c->reserve_addr = UINT64_MAX;
}

static void ppc64_syscall_args(const CpuCommon *cpu, uint64_t args[6])
{
    const PpcCpu *c = (const PpcCpu *)cpu;
    for (int i = 0; i < 6; i++)
        args[i] = c->gpr[3 + i];
}

const LinuxAbi ppc64_linux_abi = {
    .arch = &ppc64_guest,
    .uname_machine = "ppc64",
    .platform = "power8",
    .hwcap = PPC64_HWCAP,
    .hwcap2 = PPC64_HWCAP2,
    .page_size = 4096,
    .extra_auxv = ppc64_extra_auxv,
    .emulate_insn = ppc_emulate_insn,
    .init_regs = ppc64_init_regs,
    .syscall_nr = ppc_syscall_nr,
    .syscall_args = ppc64_syscall_args,
    .syscall_return = ppc_syscall_return,
    .syscall_id = ppc64_syscall_id,
    .syscall_name = ppc64_syscall_name,
    .layouts = &ppc64_layouts,
    .signal = &ppc64_signal_abi,
    .clone_regs = ppc64_clone_regs,
};

const LinuxAbi ppc64le_linux_abi = {
    .arch = &ppc64le_guest,
    .uname_machine = "ppc64le",
    .platform = "power8",
    .hwcap = PPC64_HWCAP | PPC_FEATURE_TRUE_LE,
    .hwcap2 = PPC64_HWCAP2,
    .page_size = 4096,
    .extra_auxv = ppc64_extra_auxv,
    .emulate_insn = ppc_emulate_insn,
    .init_regs = ppc64_init_regs,
    .syscall_nr = ppc_syscall_nr,
    .syscall_args = ppc64_syscall_args,
    .syscall_return = ppc_syscall_return,
    .syscall_id = ppc64_syscall_id,
    .syscall_name = ppc64_syscall_name,
    .layouts = &ppc64le_layouts,
    .signal = &ppc64le_signal_abi,
    .clone_regs = ppc64_clone_regs,
};
