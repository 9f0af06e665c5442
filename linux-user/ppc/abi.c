/* linux-user/ppc/abi.c — the 32-bit PowerPC Linux ABI: start-up registers,
 * the auxv entries the kernel adds for PowerPC, and the system call
 * convention (sc: number in r0, arguments in r3..r8; the result in r3 with
 * CR0.SO set and a positive errno on failure).
 *
 * Facts from the kernel: start_thread() clears every GPR but r1 (the stack
 * pointer, pointing at argc) and sets the pc to the entry point; glibc's
 * _start finds argc/argv/envp/auxv on the stack itself. ARCH_DLINFO puts
 * two AT_IGNOREPPC pairs and the cache block sizes before the generic
 * auxv entries (asm/elf.h, asm/auxvec.h).
 */
#include <elf.h>

#include "frontend/ppc/cpu.h"
#include "linux-user/lu.h"
#include "linux-user/lu_runtime.h"
#include "linux-user/ppc/abi.h"
#include "linux-user/ppc/cpu_model.h"

extern const GuestArch ppc32_guest;
extern const struct LuLayouts ppc32_layouts;
extern const struct LuSignalAbi ppc32_signal_abi;
int ppc32_syscall_id(int nr);
const char *ppc32_syscall_name(int nr);

/* AT_HWCAP bits (asm/cputable.h): what morph's PPC frontend implements. */
#define PPC_FEATURE_32 0x80000000u
#define PPC_FEATURE_HAS_FPU 0x08000000u
#define PPC_FEATURE_HAS_ALTIVEC 0x10000000u /* VMX: frontend/ppc/vmx*.c */

/* Cache block size the guest is told (dcbz clears this many bytes). */
enum { PPC_CACHE_BLOCK = 32 };

/* mfpvr rD (mfspr rD,287) with rD masked out: Linux emulates it for user
 * space (traps.c), so programs may read the PVR (the model in cpu_model.h). */
#define PPC_INSN_MFPVR 0x7c1f42a6u
#define PPC_INSN_RD_MASK (31u << 21)

/* Errors are results in [-4095, -1], as the kernel's syscall exit sees them. */
enum { PPC_MAX_ERRNO = 4095 };

static size_t ppc32_extra_auxv(uint64_t *out, size_t max)
{
    static const uint64_t pairs[][2] = {
        { AT_IGNOREPPC, AT_IGNOREPPC },      /* glibc compatibility padding */
        { AT_IGNOREPPC, AT_IGNOREPPC },
        { AT_DCACHEBSIZE, PPC_CACHE_BLOCK },
        { AT_ICACHEBSIZE, PPC_CACHE_BLOCK },
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

bool ppc_emulate_insn(CpuCommon *cpu)
{
    uint8_t b[4];
    if (!lu_fetch_code(cpu, cpu->pc, b, 4))
        return false;
    uint32_t insn = cpu->arch->big_endian
                        ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
                        : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
    if ((insn & ~PPC_INSN_RD_MASK) != PPC_INSN_MFPVR)
        return false;
    ((PpcCpu *)cpu)->gpr[(insn & PPC_INSN_RD_MASK) >> 21] = ppc_cpu_model(cpu->arch)->pvr;
    cpu->pc += 4;
    return true;
}

void ppc_reset_regs(PpcCpu *c, uint64_t sp)
{
    for (int i = 0; i < 32; i++)
        c->gpr[i] = 0;
    c->gpr[1] = sp;
    c->lr = c->ctr = 0;
    for (int i = 0; i < 8; i++)
        c->cr[i] = 0;
    c->xer_so = c->xer_ov = c->xer_ca = c->xer_bc = 0;
    c->vscr = 0x00010000u; /* start_thread(): VSCR[NJ] = 1 ("Java mode disabled") */
}

static void ppc32_init_regs(CpuCommon *cpu, const LuImage *img, uint64_t sp)
{
    ppc_reset_regs((PpcCpu *)cpu, sp);
    cpu->pc = img->entry;
}

/* copy_thread() in the kernel: the child's r1 is the new stack when one
 * is given; CLONE_SETTLS puts the thread pointer in r2 (the 32-bit ABI's
 * TLS register). A reservation is the parent's alone. */
static void ppc32_clone_regs(CpuCommon *child, uint64_t newsp, bool set_tls, uint64_t tls)
{
    PpcCpu *c = (PpcCpu *)child;
    if (newsp)
        c->gpr[1] = (uint32_t)newsp;
    if (set_tls)
        c->gpr[2] = (uint32_t)tls;
    c->reserve_addr = UINT64_MAX;
}

int ppc_syscall_nr(const CpuCommon *cpu)
{
    return (int)(uint32_t)((const PpcCpu *)cpu)->gpr[0];
}

static void ppc32_syscall_args(const CpuCommon *cpu, uint64_t args[6])
{
    const PpcCpu *c = (const PpcCpu *)cpu;
    for (int i = 0; i < 6; i++)
        args[i] = (uint32_t)c->gpr[3 + i];
}

/* The result of every PPC guest's system call (ppc64 and ppc64le too):
 * r3 in the guest's register width, CR0.SO on error. The kernel's way
 * back to user space clears the reservation (a st*cx. in the exception
 * exit path), so an l*arx before sc never pairs with an st*cx. after it. */
void ppc_syscall_return(CpuCommon *cpu, int64_t ret)
{
    PpcCpu *c = (PpcCpu *)cpu;
    uint64_t width = cpu->arch->elf_class == ELFCLASS32 ? UINT32_MAX : UINT64_MAX;
    c->reserve_addr = UINT64_MAX;
    if (ret < 0 && ret >= -PPC_MAX_ERRNO) {
        c->cr[0] |= PPC_CR_SO;
        c->gpr[3] = (uint64_t)-ret & width;
    } else {
        c->cr[0] &= ~(uint32_t)PPC_CR_SO;
        c->gpr[3] = (uint64_t)ret & width;
    }
}

const LinuxAbi ppc32_linux_abi = {
    .arch = &ppc32_guest,
    .uname_machine = "ppc",
    .platform = "ppc",
    .hwcap = PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_ALTIVEC,
    .hwcap2 = 0,
    .page_size = 4096,
    .extra_auxv = ppc32_extra_auxv,
    .emulate_insn = ppc_emulate_insn,
    .init_regs = ppc32_init_regs,
    .syscall_nr = ppc_syscall_nr,
    .syscall_args = ppc32_syscall_args,
    .syscall_return = ppc_syscall_return,
    .syscall_id = ppc32_syscall_id,
    .syscall_name = ppc32_syscall_name,
    .layouts = &ppc32_layouts,
    .clone_regs = ppc32_clone_regs,
    .signal = &ppc32_signal_abi,
};
