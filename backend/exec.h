/* backend/exec.h — the engine: code cache + backend + exec loop, as the
 * rest of morph sees it.
 *
 *   cpu_exec(cpu):  lookup (jump cache -> hash) -> translate on miss
 *                   (frontend -> opt -> backend compile) -> run -> chain
 *                   ... until a block leaves with a reason the caller must
 *                   handle (a syscall, a fault, an exit request).
 */
#ifndef MORPH_EXEC_H
#define MORPH_EXEC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "frontend/cpu.h"
#include "frontend/guest.h"

/* Why execution came back to the caller of cpu_exec (the `exit` IR op's
 * imm, or set by cpu_loop_exit). Guest-neutral: linux-user maps them to
 * signals, system mode to guest interrupts. cpu->pc names the guest
 * instruction it concerns, unless said otherwise. */
typedef enum ExitReason {
    EXIT_NONE = 0,   /* internal: keep running (never returned) */
    EXIT_SYSCALL,    /* system call instruction; pc = the instruction after it */
    EXIT_ILLEGAL,    /* illegal or unimplemented instruction at pc (SIGILL) */
    EXIT_PRIV,       /* privileged instruction at pc (SIGILL on PPC, SIGSEGV on x86) */
    EXIT_TRAP,       /* trap/breakpoint instruction at pc (SIGTRAP) */
    EXIT_FAULT,      /* memory fault; exception_addr = address, exception_code = SEGV_* or BUS_* */
    EXIT_FPE,        /* arithmetic exception at pc; exception_code = FPE_* */
    EXIT_INTERRUPT,  /* exit_request was seen; pc = next block to run */
    EXIT_HALT,       /* the cpu stopped (system mode) */
    EXIT_DEBUG,      /* breakpoint / single-step (debugger) */
} ExitReason;

typedef struct Backend Backend;
typedef struct Engine Engine;

/* Engine options from the command line. */
typedef struct EngineOptions {
    const Backend *backend;  /* NULL: the default backend */
    bool optimize;           /* run ir/ optimizer passes (default true) */
    uint32_t max_block_insns; /* 0: default */
    GuestFetchFn fetch;      /* how the frontend reads guest code */
    size_t code_cache_bytes; /* the backend's code space; 0: its default */
    /* Optional. Called (with the engine's lock held) after a block with
     * guest code in [start, start+len) joined the cache: user mode
     * write-protects those pages to catch self-modifying code. */
    void (*code_added)(CpuCommon *cpu, uint64_t start, uint64_t len);
    /* System mode (softmmu): guest memory goes through cpu->tlb (IrBlock
     * .softmmu is set for the backends); a block is keyed by (pc, flags,
     * code_phys(cpu, pc)) and its code_start is that physical address
     * (code_added, engine_invalidate and invalidation work on physical
     * addresses); a goto_tb chains only to a block in the same guest page
     * as its own start, since mappings may change between two runs.
     * code_phys raises the guest's fetch fault itself (cpu_loop_exit)
     * when pc cannot be executed. */
    bool system;
    uint64_t (*code_phys)(CpuCommon *cpu, uint64_t pc);
    /* Debugger breakpoints, passed to the frontend (TranslateCtx). The
     * caller flushes the engine when the set changes. */
    GuestBreakpointFn breakpoint;
} EngineOptions;

Engine *engine_new(const GuestArch *arch, const EngineOptions *opt);
void engine_free(Engine *e);
void engine_flush(Engine *e);  /* drop every translated block */

/* The guest code in [start, start+len) changed: drop every block that
 * overlaps it, from the cache, the cpus' jump caches and return stacks,
 * and unlink every chained jump into it. Blocks still running (a block
 * that wrote to its own code) stay valid memory until the next flush;
 * nothing enters them again. */
void engine_invalidate(Engine *e, uint64_t start, uint64_t len);

/* Make `cpu` run on engine `e` (allocates its jump cache). */
void engine_attach_cpu(Engine *e, CpuCommon *cpu);
/* The reverse, for a cpu outside cpu_exec whose thread is ending (or that
 * does not exist in a forked child): its caches are freed; the cpu
 * struct stays the caller's. */
void engine_detach_cpu(Engine *e, CpuCommon *cpu);

/* Exclusive sections (backend/exclusive.c): between begin and end no
 * other cpu of e is inside cpu_exec — each running one was asked to
 * leave (exit_request) and waited for, and cpu_exec waits at its entry
 * until the section ends — so the caller may change what running code
 * relies on (empty the code cache). `self` is the calling cpu, or NULL
 * from a thread that runs none; a cpu may begin a section from inside
 * cpu_exec (the translator does, when the code space is full). One
 * section at a time; they do not nest. */
void engine_exclusive_begin(Engine *e, CpuCommon *self);
void engine_exclusive_end(Engine *e, CpuCommon *self);

/* fork() of a process whose threads run on e: before_fork takes the
 * engine's locks so the child does not inherit them held by a thread it
 * lacks; the parent then calls after_fork_parent, the child
 * engine_after_fork (which releases them there) and detaches the cpus of
 * the threads it does not have. */
void engine_before_fork(Engine *e);
void engine_after_fork_parent(Engine *e);

/* System mode: cpu's guest mappings changed (its TLB was flushed): forget
 * what is keyed by virtual pc, its jump cache and return predictions. */
void engine_cpu_mappings_changed(CpuCommon *cpu);

/* Run guest code from cpu->pc until something needs the caller. */
ExitReason cpu_exec(CpuCommon *cpu);

/* Run exactly one guest instruction (a block of one, not cached) and
 * return EXIT_DEBUG after it, or the reason it left with if it raised
 * or stopped first: the debugger's single step. */
ExitReason cpu_exec_step(CpuCommon *cpu);

/* Leave generated code / a helper now with `reason`; the guest state is
 * exact at cpu->insn_pc (set as pc for faults). Usable from helpers and
 * from host signal handlers that interrupt guest code. */
noreturn void cpu_loop_exit(CpuCommon *cpu, ExitReason reason);

/* In the child of a fork, with no cpu inside cpu_exec: the child gets code
 * space of its own and starts with no translated blocks. After
 * engine_before_fork it also releases the locks that took. */
void engine_after_fork(Engine *e);

/* If host_pc is inside code the engine's backend generated, the guest pc
 * of the instruction it belongs to. Async-signal-safe (fault handlers). */
bool engine_guest_pc_of(Engine *e, uintptr_t host_pc, uint64_t *guest_pc);

/* Translation statistics for -d stats / bench. */
typedef struct EngineStats {
    uint64_t blocks_translated;
    uint64_t guest_insns_translated;
    uint64_t ir_ops_emitted, ir_ops_after_opt;
    uint64_t translate_ns;
    uint64_t code_bytes;
    uint64_t flushes;        /* times the code space filled up and was emptied */
    uint64_t blocks_invalidated; /* dropped by engine_invalidate (guest code changed) */
} EngineStats;
const EngineStats *engine_stats(const Engine *e);

#endif
