/* linux-user/ia64/abi.c — the IA-64 Linux ABI: process start, the system
 * call convention, clone2 and threads, and the guest's address map.
 *
 * Addresses (frontend/ia64/cpu.h: ia64_fold): the ELF's text and data
 * live in regions 2 and 3; linux-user folds them into slices 2 and 3 of
 * its window (lu.h: LuProcess.addr_fold). Everything morph places itself
 * — the stack, the register backing store, mmap results — lies in slice
 * 0, below 2^37, where a window offset is the guest address itself.
 * A fault of a speculative load is deferred (a NaT), not a SIGSEGV, as
 * the kernel's eager deferral does (LinuxAbi.defer_fault).
 *
 * Process start (the kernel's ia64 start_thread and ELF loader):
 *   r12 = sp - 16 (argc at [r12 + 16]); an empty register frame (CFM 0);
 *   ar.rsc = 0xf; ar.fpsr = 0x0009804c0270033f (sf0 extended precision,
 *   round to nearest, all traps disabled; sf1 with widest-range exponent);
 *   ar.bsp = ar.bspstore = a register backing store below the stack
 *   (it grows upward); every other register 0 (reset).
 *
 * System calls: `break 0x100000`, number in r15, arguments in the
 * caller's output registers out0..out5 = the stacked registers after its
 * locals (a NaT argument reads as -1); result r8 and r10 = 0, or r8 =
 * errno and r10 = -1.
 *
 * clone2(flags, stack_base, stack_size, ptid, ctid, tls) is served by the
 * generic clone(flags, newsp, ptid, ctid, tls): newsp = base + size, and
 * the child's backing store starts at stack_base, as the kernel's
 * copy_thread does. clone(flags, stack, ptid, ctid, tls) is the same with
 * a 16-byte stack (the kernel's sys_clone). The thread pointer is r13.
 */
#include <sys/mman.h>

#include "frontend/ia64/cpu.h"
#include "linux-user/ia64/abi.h"
#include "linux-user/lu.h"
#include "linux-user/lu_signal.h"
#include "linux-user/syscall.h"

extern const GuestArch ia64_guest;

enum {
    IA64_PAGE_SIZE = 4096,             /* AT_PAGESZ, and mmap2's offset unit */
    IA64_RBS_SIZE = 16 << 20,          /* initial register backing store */
    IA64_OUT_ARGS = 6,
};

/* The top of the initial stack: the top of slice 0 (region 0), a guard
 * page above it. */
#define IA64_STACK_TOP (((uint64_t)1 << IA64_SLICE_BITS) - IA64_PAGE_SIZE)

static uint64_t fold_guest(uint64_t a) { return ia64_fold(a); }
static uint64_t unfold_window(uint64_t a) { return ia64_unfold(a); }

static void ia64_init_regs(CpuCommon *common, const LuImage *img, uint64_t sp)
{
    Ia64Cpu *cpu = (Ia64Cpu *)common;
    cpu->gr[12] = sp - 16;
    cpu->ar[IA64_AR_RSC] = 0xf;
    cpu->ar[IA64_AR_FPSR] = 0x0009804c0270033fULL;
    uint64_t stack_bottom = IA64_STACK_TOP - ((uint64_t)8 << 20);
    uint64_t hint = stack_bottom - IA64_RBS_SIZE - IA64_PAGE_SIZE;
    int64_t rbs = lu_mmap(hint, IA64_RBS_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rbs > 0)
        cpu->ar[IA64_AR_BSP] = cpu->ar[IA64_AR_BSPSTORE] = (uint64_t)rbs;
    common->pc = img->entry;
    common->tb_flags = 0;
}

static int ia64_syscall_nr(const CpuCommon *cpu)
{
    return (int)((const Ia64Cpu *)cpu)->gr[15];
}

/* The backing store a clone2 child starts with (set by syscall_args,
 * read by clone_regs, both in the parent's thread). */
static __thread uint64_t clone_rbs_base;

static void ia64_syscall_args(const CpuCommon *common, uint64_t args[6])
{
    const Ia64Cpu *cpu = (const Ia64Cpu *)common;
    unsigned first = 32 + ia64_cfm_sol(cpu->cfm);
    uint64_t out[IA64_OUT_ARGS];
    for (unsigned i = 0; i < IA64_OUT_ARGS; i++)
        out[i] = first + i < 128 ? (cpu->grnat[first + i] ? (uint64_t)-1 : cpu->gr[first + i]) : 0;
    int nr = (int)cpu->gr[15];
    if (nr == IA64_NR_CLONE2 || nr == IA64_NR_CLONE) {
        bool two = nr == IA64_NR_CLONE2;
        uint64_t base = out[1], size = two ? out[2] : 16;
        const uint64_t *rest = two ? out + 3 : out + 2; /* ptid, ctid, tls */
        clone_rbs_base = base;
        args[0] = out[0];
        args[1] = base ? base + size : 0;
        args[2] = rest[0];
        args[3] = rest[1];
        args[4] = rest[2];
        args[5] = 0;
        return;
    }
    for (unsigned i = 0; i < 6; i++)
        args[i] = out[i];
}

static void ia64_syscall_return(CpuCommon *common, int64_t ret)
{
    Ia64Cpu *cpu = (Ia64Cpu *)common;
    bool err = ret < 0 && ret > -4096;
    cpu->gr[8] = err ? (uint64_t)-ret : (uint64_t)ret;
    cpu->gr[10] = err ? (uint64_t)-1 : 0;
    cpu->grnat[8] = cpu->grnat[10] = 0;
}

static void ia64_clone_regs(CpuCommon *child, uint64_t newsp, bool set_tls, uint64_t tls)
{
    Ia64Cpu *cpu = (Ia64Cpu *)child;
    if (newsp) {
        cpu->gr[12] = newsp - 16;
        cpu->grnat[12] = 0;
        cpu->ar[IA64_AR_BSP] = cpu->ar[IA64_AR_BSPSTORE] = clone_rbs_base;
        cpu->ar[IA64_AR_RNAT] = 0;
    }
    if (set_tls) {
        cpu->gr[13] = tls;
        cpu->grnat[13] = 0;
    }
}

/* A memory fault's address comes from the host as a window offset: the
 * guest sees it unfolded. (Addresses below the window size that are guest
 * addresses already, like a refused code fetch's pc in region 0, unfold
 * to themselves.) A SIGILL's code is the frontend's (exception_code:
 * ILL_ILLOPC, ILL_ILLOPN for Register NaT Consumption, __ILL_BREAK). */
static void ia64_exception_info(const CpuCommon *cpu, int reason, LuSigInfo *info)
{
    if (reason == EXIT_ILLEGAL)
        info->code = cpu->exception_code;
    if ((info->signo == SIGSEGV || info->signo == SIGBUS) && info->addr < ((uint64_t)1 << IA64_WINDOW_BITS))
        info->addr = ia64_unfold(info->addr);
}

const LinuxAbi ia64_linux_abi = {
    .arch = &ia64_guest,
    .uname_machine = "ia64",
    .platform = NULL,
    .page_size = IA64_PAGE_SIZE,
    .init_regs = ia64_init_regs,
    .syscall_nr = ia64_syscall_nr,
    .syscall_args = ia64_syscall_args,
    .syscall_return = ia64_syscall_return,
    .syscall_id = ia64_syscall_id,
    .syscall_name = ia64_syscall_name,
    .layouts = &ia64_layouts,
    .clone_regs = ia64_clone_regs,
    .signal = &ia64_signal_abi,
    .exception_info = ia64_exception_info,
    .defer_fault = ia64_defer_load_fault,
    .addr_fold = fold_guest,
    .addr_unfold = unfold_window,
    .stack_top = IA64_STACK_TOP,
};
