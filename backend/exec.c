/* backend/exec.c — the exec loop: find or translate the block at cpu->pc,
 * remember it in the first-level jump cache (the next goto_ptr to it
 * continues there), chain the goto_tb slot the previous block left
 * through, run it on the backend, and return to the caller when a block
 * leaves with a reason.
 * Also cpu_loop_exit(), the long way out of helpers and signal handlers.
 *
 *   cpu_exec ── sigsetjmp(loop_exit) ◄────────── cpu_loop_exit(reason)
 *      └─ loop: exit_request? ─► lookup ─► link last_tb ─► backend->run
 *
 * cpu_exec counts as running for exclusive sections (exclusive.c) from
 * entry to return: it waits at entry while a section is active.
 *
 * After a store hit a page of translated code (cpu->run_one_insn), the
 * lookup is replaced by a block of just that store, translated for one
 * run: the blocks after it are translated from the rewritten code.
 *
 * cpu_exec_step (the debugger's single step) runs such a block of one
 * instruction, with an empty jump cache and return stack in place of the
 * cpu's so that no goto_ptr or return continues into another block.
 */
#include <inttypes.h>
#include <signal.h>

#include "backend/engine_internal.h"
#include "util/log.h"

/* Exceptions that name the faulting instruction: pc = its insn_pc. */
static bool reason_is_fault(ExitReason r)
{
    return r == EXIT_FAULT || r == EXIT_ILLEGAL || r == EXIT_TRAP || r == EXIT_FPE || r == EXIT_PRIV;
}

/* siglongjmp cannot carry 0: cpu_loop_exit(EXIT_NONE) ("stop this block,
 * go on at cpu->pc") travels as this value. */
enum { LOOP_EXIT_CONTINUE = -1 };

/* The next goto_ptr to tb's pc finds it in the first-level jump cache
 * (unless another thread has just invalidated tb: then nothing does). */
static void remember_jump_target(CpuCommon *cpu, TranslationBlock *tb)
{
    if (__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE))
        return;
    TbJumpEntry *entry = tb_jmp_fast_entry(cpu->ret_stack, tb->pc);
    entry->pc = tb->pc;
    entry->flags = tb->flags;
    entry->tb = tb;
    entry->code = tb->code;
}

static ExitReason cpu_exec_loop(CpuCommon *cpu)
{
    Engine *e = cpu->engine;
    const Backend *backend = e->backend;
    for (;;) {
        if (cpu->exit_request)
            return EXIT_INTERRUPT;

        uint64_t pc = cpu->pc;
        uint32_t flags = cpu->tb_flags;
        uint32_t h = tb_jmp_cache_hash(pc);
        TranslationBlock *tb = cpu->jmp_cache[h];
        uint64_t flushes = __atomic_load_n(&e->flush_count, __ATOMIC_ACQUIRE);
        if (cpu->run_one_insn) {
            cpu->run_one_insn = 0;
            tb = engine_get_single_insn_tb(e, cpu, pc, flags);
        } else {
            if (!tb || tb->pc != pc || tb->flags != flags) {
                tb = engine_get_tb(e, cpu, pc, flags);
                cpu->jmp_cache[h] = tb;
            }
            remember_jump_target(cpu, tb);
        }
        if (__atomic_load_n(&e->flush_count, __ATOMIC_ACQUIRE) != flushes)
            cpu->last_tb = NULL; /* it was freed by a flush */
        /* With -d exec nothing is chained, so every block is logged. */
        if (cpu->last_tb && cpu->last_slot >= 0 && cpu->last_tb->flags == tb->flags &&
            !log_enabled(LOG_EXEC))
            engine_link(e, cpu->last_tb, cpu->last_slot, tb);
        cpu->last_tb = NULL;
        cpu->last_slot = -1;

        if (log_enabled(LOG_EXEC))
            log_printf("Trace: [%p] 0x%016" PRIx64 " flags 0x%x\n", tb->code, tb->pc, tb->flags);
        cpu->in_guest = 1;
        ExitReason reason = backend->run(e->bstate, cpu, tb);
        cpu->in_guest = 0;
        if (reason != EXIT_NONE)
            return reason;
    }
}

ExitReason cpu_exec(CpuCommon *cpu)
{
    engine_exec_start(cpu->engine, cpu); /* waits out an exclusive section */
    /* A block left unlinked before the last return may be gone: another
     * cpu's exclusive section can have emptied the cache since. */
    cpu->last_tb = NULL;
    cpu->last_slot = -1;
    for (;;) {
        ExitReason reason;
        int jumped = sigsetjmp(cpu->loop_exit, 0);
        if (jumped == 0)
            reason = cpu_exec_loop(cpu);
        else
            reason = jumped == LOOP_EXIT_CONTINUE ? EXIT_NONE : (ExitReason)jumped;
        if (reason != EXIT_NONE) {
            cpu->exception = reason;
            engine_exec_end(cpu->engine, cpu);
            return reason;
        }
    }
}

/* The jump cache of a single step: never holds a block. */
static TranslationBlock *step_jmp_cache[TB_JMP_CACHE_SIZE];

/* One uncached block of the instruction at cpu->pc, on an empty jump cache
 * and return stack. */
static ExitReason run_one_instruction(CpuCommon *cpu)
{
    Engine *e = cpu->engine;
    TranslationBlock *tb = engine_get_single_insn_tb(e, cpu, cpu->pc, cpu->tb_flags);
    RetStack no_returns = {0};
    TranslationBlock **jmp_cache = cpu->jmp_cache;
    RetStack *ret_stack = cpu->ret_stack;
    cpu->jmp_cache = step_jmp_cache;
    cpu->ret_stack = &no_returns;
    cpu->in_guest = 1;
    ExitReason reason = e->backend->run(e->bstate, cpu, tb);
    cpu->in_guest = 0;
    cpu->jmp_cache = jmp_cache;
    cpu->ret_stack = ret_stack;
    return reason;
}

ExitReason cpu_exec_step(CpuCommon *cpu)
{
    Engine *e = cpu->engine;
    engine_exec_start(e, cpu);
    TranslationBlock **jmp_cache = cpu->jmp_cache;
    RetStack *ret_stack = cpu->ret_stack;
    ExitReason reason;
    int jumped = sigsetjmp(cpu->loop_exit, 0);
    if (jumped == 0) {
        reason = run_one_instruction(cpu);
    } else {
        reason = jumped == LOOP_EXIT_CONTINUE ? EXIT_NONE : (ExitReason)jumped;
        cpu->jmp_cache = jmp_cache;
        cpu->ret_stack = ret_stack;
    }
    /* The instruction may have changed the cpu's mappings: what its real
     * caches hold is not to be trusted (the change cleared the stand-ins). */
    engine_cpu_mappings_changed(cpu);
    cpu->last_tb = NULL;
    cpu->last_slot = -1;
    if (reason == EXIT_NONE)
        reason = EXIT_DEBUG;
    cpu->exception = reason;
    engine_exec_end(e, cpu);
    return reason;
}

noreturn void cpu_loop_exit(CpuCommon *cpu, ExitReason reason)
{
    cpu->exception = reason;
    if (reason_is_fault(reason))
        cpu->pc = cpu->insn_pc;
    cpu->in_guest = 0;
    cpu->last_tb = NULL;
    cpu->last_slot = -1;
    /* From a host signal handler the signal is still blocked and the jump
     * does not restore the mask (that would cost a system call on every
     * cpu_exec): unblock the synchronous fault signals here. */
    sigset_t sync;
    sigemptyset(&sync);
    sigaddset(&sync, SIGSEGV);
    sigaddset(&sync, SIGBUS);
    sigaddset(&sync, SIGILL);
    sigaddset(&sync, SIGFPE);
    sigaddset(&sync, SIGTRAP);
    pthread_sigmask(SIG_UNBLOCK, &sync, NULL);
    siglongjmp(cpu->loop_exit, reason == EXIT_NONE ? LOOP_EXIT_CONTINUE : (int)reason);
}
