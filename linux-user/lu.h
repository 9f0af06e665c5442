/* linux-user/lu.h — user mode's shared contract: the guest process and
 * its address space, guest-memory access for syscalls, and LinuxAbi, the
 * table through which each guest's Linux ABI (linux-user/<arch>/) plugs in.
 *
 *   main.c ─► elfload.c (image) ─► stack.c (argv/envp/auxv) ─► cpu_loop.c
 *                                                   │ EXIT_SYSCALL
 *                                                   ▼
 *                     syscall.c (dispatch by LuSys) ─► syscall_*.c
 */
#ifndef MORPH_LU_H
#define MORPH_LU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "backend/exec.h"
#include "frontend/cpu.h"
#include "frontend/guest.h"

struct LuSigInfo;

/* What the loader learned about the program (and its interpreter). */
typedef struct LuImage {
    uint64_t entry;          /* where the guest starts (interpreter's entry if any) */
    uint64_t prog_entry;     /* the program's own e_entry (AT_ENTRY) */
    uint64_t phdr, phent, phnum; /* program headers in guest memory (AT_PHDR...) */
    uint64_t interp_base;    /* AT_BASE: load bias of the interpreter, 0 if none */
    uint64_t load_bias;      /* of the program (PIE) */
    uint64_t start_code, end_code, start_data, end_data;
    uint64_t brk;            /* initial program break */
} LuImage;

/* One guest Linux ABI (syscall convention, numbers, layouts, start-up). */
typedef struct LinuxAbi {
    const GuestArch *arch;
    const char *uname_machine;   /* "ppc", what uname(2) reports */
    const char *platform;        /* AT_PLATFORM string, NULL for none */
    uint64_t hwcap, hwcap2;      /* AT_HWCAP, AT_HWCAP2: only what morph implements */
    uint32_t page_size;          /* AT_PAGESZ the guest sees */
    /* Extra auxv pairs the arch adds (PPC cache-line sizes...). Writes up
     * to `max` (type, value) pairs into out and returns how many. */
    size_t (*extra_auxv)(uint64_t *out, size_t max);
    /* Instructions the kernel emulates for user space when they trap
     * (PPC: mfpvr). Called on EXIT_ILLEGAL/EXIT_PRIV with cpu->pc at the
     * instruction; true if it was emulated (pc advanced). NULL: none. */
    bool (*emulate_insn)(CpuCommon *cpu);
    /* Registers at process start: sp points at argc. */
    void (*init_regs)(CpuCommon *cpu, const LuImage *img, uint64_t sp);
    /* Syscall convention. */
    int (*syscall_nr)(const CpuCommon *cpu);
    void (*syscall_args)(const CpuCommon *cpu, uint64_t args[6]);
    void (*syscall_return)(CpuCommon *cpu, int64_t ret); /* ret < 0: -errno */
    /* Guest syscall number -> generic LuSys id (see syscall.h), or -1. */
    int (*syscall_id)(int guest_nr);
    const char *(*syscall_name)(int guest_nr); /* for -strace; NULL if unknown */
    /* Struct layouts the syscall layer converts (see linux-user/layout.h). */
    const struct LuLayouts *layouts;
    /* A new thread's registers (clone with CLONE_THREAD): child starts as
     * a copy of the parent at the instruction after the syscall; set its
     * stack pointer to newsp when nonzero, its thread pointer to tls for
     * CLONE_SETTLS (r2 on ppc32, r13 on ppc64), and drop what belongs to
     * the parent's thread alone (a lwarx reservation). The result 0 is
     * set afterwards through syscall_return. */
    void (*clone_regs)(CpuCommon *child, uint64_t newsp, bool set_tls, uint64_t tls);
    /* Signal frames, sigreturn and syscall restart (linux-user/lu_signal.h). */
    const struct LuSignalAbi *signal;
    /* Where the guest's kernel turns an exception into another signal than
     * the generic one (x86: a privileged instruction or #GP is SIGSEGV
     * with SI_KERNEL and address 0): adjust info->signo, code and addr,
     * already filled generically for `reason` (an ExitReason). NULL: none. */
    void (*exception_info)(const CpuCommon *cpu, int reason, struct LuSigInfo *info);
    /* Memory faults the architecture defers instead of signalling (IA-64
     * speculative loads): called on EXIT_FAULT with cpu->pc at the
     * instruction (also for a code fetch the frontend refused, where
     * exception_addr is the code address); true if it was completed (pc
     * advanced), false to raise the signal. NULL: none. */
    bool (*defer_fault)(CpuCommon *cpu);
    /* Guests whose addresses are not window offsets (IA-64's regions):
     * addr_fold maps a guest address at or above the window's size into
     * the window, addr_unfold maps a window address back (see
     * LuProcess.addr_fold). NULL for every other guest. stack_top: where
     * the initial stack ends, 0 for the default (lu_stack_top). */
    uint64_t (*addr_fold)(uint64_t guest_addr);
    uint64_t (*addr_unfold)(uint64_t window_addr);
    uint64_t stack_top;
} LinuxAbi;

const LinuxAbi *lu_abi_for(const GuestArch *arch);

/* Options from the command line that exec of a foreign program keeps. */
typedef struct LuOptions {
    const char *sysroot;      /* -L */
    const char *argv0;        /* -0 */
    const char *accel;        /* -accel */
    unsigned log_mask;
    const char *log_file;
    const char *morph_path;   /* our own executable, for re-exec */
    char **morph_argv_opts;   /* the option words to pass again on execve */
    int n_morph_argv_opts;
} LuOptions;

/* The guest process: address space and program. One per morph process. */
typedef struct LuProcess {
    const LinuxAbi *abi;
    const GuestArch *arch;
    Engine *engine;
    LuOptions opt;
    uint8_t *guest_base;      /* host address of guest address 0 */
    uint64_t space_size;      /* bytes reserved (4 GiB for 32-bit guests) */
    uint64_t brk_start, brk_cur;
    uint64_t mmap_base;       /* where mmap without a hint starts searching */
    uint8_t *page_prot;       /* PROT_* | LU_PAGE_MAPPED per guest page, NULL if not tracked */
    char *exe_path;           /* absolute host path of the guest program (/proc/self/exe) */
    LuImage image;
    /* The guest's address map, from LinuxAbi (NULL: guest address ==
     * window offset, the case of every guest but IA-64).
     *
     * Design: linux-user keeps its page table, allocator and brk in window
     * offsets [0, space_size). A guest that folds (IA-64: region number in
     * bits 63:61, folded into slices of the window by ia64_fold) sees
     * window offsets below the first slice boundary unchanged, and there
     * linux-user puts everything it places itself (stack, mmap, RBS), so
     * pointers it writes into guest memory need no conversion. Only
     * addresses the guest brings from elsewhere (its ELF segments and brk
     * in regions 2 and 3) lie at or above space_size; those are folded
     * where guest addresses enter: lu_g2h, lu_access_ok (so lu_copy_* and
     * every syscall), and the mmap/munmap/mprotect/mremap/brk entry
     * points, which also unfold the addresses they return. The extra cost
     * for other guests is one compare that fails anyway (addr >= size). */
    uint64_t (*addr_fold)(uint64_t guest_addr);
    uint64_t (*addr_unfold)(uint64_t window_addr);
} LuProcess;

enum { LU_PAGE_MAPPED = 0x80 };

extern LuProcess lu_proc;

/* Guest memory, checked: false / -EFAULT if any page is not mapped with
 * `prot` (PROT_READ / PROT_WRITE). A range found writable is made ready
 * for writing: translated code there is dropped (linux-user/smc.c). */
bool lu_access_ok(uint64_t addr, uint64_t len, int prot);
/* A guest address into the window: folded when it lies beyond it and the
 * guest has an address map; window offsets pass unchanged. */
static inline uint64_t lu_addr_in(uint64_t addr)
{
    if (__builtin_expect(addr >= lu_proc.space_size, 0) && lu_proc.addr_fold)
        return lu_proc.addr_fold(addr);
    return addr;
}
/* A window offset as the guest sees it. */
static inline uint64_t lu_addr_out(uint64_t window_addr)
{
    return lu_proc.addr_unfold ? lu_proc.addr_unfold(window_addr) : window_addr;
}
static inline void *lu_g2h(uint64_t addr) { return lu_proc.guest_base + lu_addr_in(addr); }
int lu_copy_from_guest(void *dst, uint64_t src, size_t len);   /* 0 or -EFAULT */
int lu_copy_to_guest(uint64_t dst, const void *src, size_t len); /* 0 or -EFAULT */
/* A NUL-terminated guest string, g_malloc'ed; NULL if unreadable. */
char *lu_strdup_from_guest(uint64_t addr);

/* Address-space bookkeeping (linux-user/mmap.c). */
void lu_set_page_prot(uint64_t start, uint64_t len, int prot); /* prot < 0: unmapped */
int64_t lu_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, int64_t offset);
int lu_munmap(uint64_t addr, uint64_t len);
int lu_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t lu_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr);
uint64_t lu_brk(uint64_t new_brk);

/* The syscall layer (linux-user/syscall.c): performs guest syscall nr with
 * guest args; returns the result or -errno (guest errno numbering). */
int64_t lu_syscall(CpuCommon *cpu, int guest_nr, const uint64_t args[6]);

/* Run the guest until it exits; never returns. */
_Noreturn void lu_cpu_loop(CpuCommon *cpu);

/* Kill the process as `sig` would (default action, no core), after
 * flushing morph's output. */
_Noreturn void lu_die_by_signal(int sig);

#endif
