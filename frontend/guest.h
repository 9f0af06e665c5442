/* frontend/guest.h — GuestArch, the one table through which a guest
 * architecture plugs into morph, and the translation context handed to it.
 *
 * Adding a guest = its frontend/<arch>/ folder, its linux-user/<arch>/ ABI,
 * and one line in frontend/guests.c.
 */
#ifndef MORPH_GUEST_H
#define MORPH_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "frontend/cpu.h"
#include "ir/ir.h"
#include "softmmu/tlb.h"

/* Reads guest code for translation: false if [addr, addr+len) is not
 * readable as code (the frontend then emits a fetch fault). */
typedef bool (*GuestFetchFn)(CpuCommon *cpu, uint64_t addr, void *buf, size_t len);

/* A debugger breakpoint at addr? (system mode's gdbstub; NULL: none) */
typedef bool (*GuestBreakpointFn)(CpuCommon *cpu, uint64_t addr);

typedef struct TranslateCtx {
    IrBlock *ir;          /* empty block to fill; ir->pc and ir->tb_flags are set */
    CpuCommon *cpu;
    GuestFetchFn fetch;
    uint32_t max_insns;   /* stop after this many guest instructions (>= 1) */
    /* Before each instruction at pc, if breakpoint(cpu, pc): the block
     * ends there (goto_tb to pc), or, when it is the block's first
     * instruction, the block stores pc and leaves with EXIT_DEBUG before
     * executing anything. NULL: no breakpoints. */
    GuestBreakpointFn breakpoint;
} TranslateCtx;

/* A CPU model `-cpu NAME` chooses: what the guest's feature reports
 * (x86 CPUID, AT_HWCAP) say. */
typedef struct GuestCpuModel {
    const char *name;
    const char *summary; /* one line for `-cpu help` */
} GuestCpuModel;

/* System mode: what a guest adds to run as a whole machine's CPU
 * (privileged state, its MMU, exceptions and interrupts, the debugger's
 * view of its registers). The machine loop (machines/) calls these. */
typedef struct GuestSysOps {
    /* Power-on reset of the whole CPU, privileged state included (after
     * cpu_init). The board then sets what its firmware expects. */
    void (*reset)(CpuCommon *cpu);
    /* The MMU: translate an address (softmmu/tlb.h's TlbFillFn), and the
     * memory index instruction fetch uses in the cpu's current mode
     * (data accesses carry theirs in each IrMemop, from tb_flags). */
    TlbFillFn tlb_fill;
    unsigned (*code_mmu_idx)(const CpuCommon *cpu);
    /* The memory index the cpu's data accesses use now (the debugger
     * reads and writes memory through it). NULL: code_mmu_idx's. */
    unsigned (*data_mmu_idx)(const CpuCommon *cpu);
    /* A block left with `reason` (EXIT_FAULT, EXIT_ILLEGAL, EXIT_PRIV,
     * EXIT_TRAP, EXIT_FPE, EXIT_SYSCALL; cpu->exception_* as the block or
     * the softmmu set them): enter the guest's interrupt handler for it
     * (save state, new MSR/pc). Logged under -d int. */
    void (*raise)(CpuCommon *cpu, int reason); /* an ExitReason */
    /* Interrupt lines into the cpu from the board (external input, ...;
     * numbers are the guest's). Called on the cpu's thread; sets
     * exit_request when the change may need attention. */
    void (*set_irq)(CpuCommon *cpu, unsigned line, int level);
    /* Take the highest-priority pending interrupt the cpu's state enables
     * now (lines, its own timers as of the clock now): true if one was
     * entered. Called by the machine loop whenever a block leaves with
     * EXIT_INTERRUPT. */
    bool (*interrupt)(CpuCommon *cpu);
    /* Host CLOCK_MONOTONIC nanoseconds at which the cpu's own timers next
     * need interrupt() (the decrementer reaching 0, ...); UINT64_MAX if
     * none. The loop wakes the cpu (exit_request) then. */
    uint64_t (*next_timer_ns)(const CpuCommon *cpu);
    /* True while the cpu waits for an interrupt (a wait instruction, a
     * power-saving MSR bit): the loop sleeps until an event instead of
     * running it. NULL: never. */
    bool (*halted)(const CpuCommon *cpu);
    /* The debugger's view: GDB's target description (XML, complete) and
     * register numbering; a register's bytes in the guest's byte order.
     * read/write return the register's size in bytes, 0 if no such
     * register. */
    const char *gdb_target_xml;
    unsigned gdb_num_regs;
    unsigned (*gdb_read_reg)(CpuCommon *cpu, unsigned n, uint8_t *buf);
    unsigned (*gdb_write_reg)(CpuCommon *cpu, unsigned n, const uint8_t *buf);
    /* The monitor's `info mem` / `info tlb`: the virtual memory mappings
     * in force now (TLB entries, the current page tables) as ranges with
     * their physical addresses and rights, read without side effects.
     * NULL: the monitor says there is nothing to show. */
    void (*dump_mappings)(CpuCommon *cpu, FILE *out);
} GuestSysOps;

typedef struct GuestArch {
    const char *name;     /* "ppc", ... as -d logs and --help show it */
    uint16_t elf_machine; /* EM_PPC, ... */
    uint8_t elf_class;    /* ELFCLASS32 or ELFCLASS64 */
    bool big_endian;
    size_t cpu_size;      /* size of the guest's state struct */
    void (*cpu_init)(CpuCommon *cpu);   /* architectural reset values */
    /* Translate one block at ctx->ir->pc, ending with goto_tb/goto_ptr/exit
     * on every path; set ir->guest_insns and ir->guest_size. */
    void (*translate)(TranslateCtx *ctx);
    /* One instruction as text ("addi r3,r3,1"); returns its size in bytes,
     * 0 if it cannot be decoded. */
    size_t (*disas)(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen);
    void (*dump_state)(const CpuCommon *cpu, FILE *out);
    /* The CPU models (NULL-terminated, the first is the default) and the
     * choice, made once before any cpu exists. NULL: a single model. */
    const GuestCpuModel *const *cpu_models;
    void (*select_cpu_model)(const GuestCpuModel *model);
    /* Where in guest memory the code of the block at pc starts, when that
     * is not pc itself (IA-64: pc carries the slot, and regions fold into
     * morph's window). NULL: pc. Logs, self-modifying-code tracking and
     * invalidation use it; lookups still use pc. */
    uint64_t (*code_addr)(uint64_t pc);
    /* System mode: NULL for a guest that runs in user mode only. */
    const GuestSysOps *sys;
} GuestArch;

/* The guest whose ELF header says (machine, class, data); NULL if none. */
const GuestArch *guest_find(unsigned elf_machine, unsigned elf_class, bool big_endian);
const GuestArch *const *guest_list(void); /* NULL-terminated */

#endif
