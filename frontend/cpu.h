/* frontend/cpu.h — CpuCommon, the head of every guest CPU state struct.
 *
 * Each guest's state struct (PpcCpu, ...) begins with a CpuCommon, so the
 * engine (backend/, linux-user/, machines/) can run any guest through this
 * part alone, while IR reaches the guest's own registers by byte offsets
 * into the whole struct (ld_env/st_env).
 */
#ifndef MORPH_CPU_H
#define MORPH_CPU_H

#include <setjmp.h>
#include <stdint.h>

struct GuestArch;
struct Engine;
struct TranslationBlock;
struct SoftTlb;

typedef struct CpuCommon {
    uint64_t pc;                  /* guest pc of the next instruction to run */
    volatile int32_t exit_request; /* nonzero: leave at the next block entry */
    uint32_t tb_flags;            /* mode flags that key translated blocks */
    uint8_t *guest_base;          /* user mode: host address of guest address 0 */
    uint64_t insn_pc;             /* pc of the guest instruction now running (precise state) */

    /* Why the last block left to the loop, beyond its ExitReason. */
    int32_t exception;            /* ExitReason */
    int32_t exception_code;       /* detail: si_code for faults, trap kind, ... */
    uint64_t exception_addr;      /* faulting data address (si_addr) */

    const struct GuestArch *arch;
    struct Engine *engine;        /* code cache and backend this cpu runs on */
    struct TranslationBlock **jmp_cache; /* per-cpu direct-mapped pc -> block cache */
    struct RetStack *ret_stack;   /* per-cpu return prediction (backend/tb.h) */
    struct TranslationBlock *last_tb; /* the block that exited through an unlinked goto_tb */
    int32_t last_slot;            /* its goto_tb slot, or -1 */
    int32_t in_guest;             /* nonzero while generated code/interpreter runs */
    void *owner;                  /* linux-user thread or system-mode machine */
    sigjmp_buf loop_exit;         /* cpu_loop_exit() lands here */
    /* Nonzero: the next block runs exactly one guest instruction, translated
     * for that one run (not cached, its page not write-protected). Set when
     * a store hit a page of translated code, to redo that store. */
    int32_t run_one_insn;
    /* User mode, 64-bit guests: a guest memory access whose address (an
     * i64 address in the IR) has any of these bits set faults (SIGSEGV
     * at that address) without touching host memory; the backends check
     * every i64 address against it. ~(space size - 1); 0: no check.
     * Never covers bits below 32 (small constant addresses go unchecked). */
    uint64_t guest_addr_fault_mask;
    /* System mode: the software TLB (softmmu/tlb.h) every guest memory
     * access goes through; NULL in user mode. */
    struct SoftTlb *tlb;
} CpuCommon;

#endif
