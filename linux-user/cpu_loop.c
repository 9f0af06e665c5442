/* linux-user/cpu_loop.c — running a guest thread: create its cpu, run it
 * on the engine, and act on every reason a block comes back for: system
 * calls go to the syscall layer, exceptions become guest signals.
 *
 *   cpu_exec ─► EXIT_SYSCALL   ─► lu_syscall ─► abi->syscall_return ─┐
 *      ▲        EXIT_INTERRUPT ─────────────────────────────────────┤
 *      └────────────────────────────────────────────────────────────┘
 *               EXIT_ILLEGAL/PRIV/TRAP/FAULT/FPE ─► guest signal
 *
 * Guest signals (signal_deliver.c) go in at three places: after
 * EXIT_INTERRUPT (a host signal was recorded), around each system call
 * (restart or EINTR), and for exceptions, whose signal goes to the guest's
 * handler or, without one, ends the process as the kernel's default
 * action would, with one line naming the signal and the instruction.
 */
#include "linux-user/lu_runtime.h"

#include <elf.h>
#include <fenv.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "linux-user/lu_signal.h"
#include "linux-user/thread.h"
#include "util/log.h"

/* The guest signal each exception raises (host numbering, which Linux
 * shares across the guests for these). 0: not a signal. */
static const struct {
    int sig;
    const char *what;  /* for -d int */
} exit_signal[] = {
    [EXIT_ILLEGAL] = { SIGILL, "illegal instruction" },
    [EXIT_PRIV] = { SIGILL, "privileged instruction" },
    [EXIT_TRAP] = { SIGTRAP, "trap" },
    [EXIT_FAULT] = { SIGSEGV, "memory fault" },
    [EXIT_FPE] = { SIGFPE, "arithmetic exception" },
    [EXIT_HALT] = { SIGILL, "cpu halted" },
    [EXIT_DEBUG] = { SIGTRAP, "debug stop" },
};

CpuCommon *lu_cpu_create(uint64_t sp)
{
    const GuestArch *arch = lu_proc.arch;
    CpuCommon *cpu = g_malloc0(arch->cpu_size);
    cpu->arch = arch;
    cpu->guest_base = lu_proc.guest_base;
    arch->cpu_init(cpu);
    cpu->arch = arch;
    cpu->guest_base = lu_proc.guest_base;
    /* Guest addresses at or above the space's size never reach the host:
     * a 64-bit guest's window is smaller than its addresses (thread cpus
     * copy this from their parent); a 32-bit guest's space is all of it. */
    if (arch->elf_class == ELFCLASS64)
        cpu->guest_addr_fault_mask = ~(lu_proc.space_size - 1);
    lu_proc.abi->init_regs(cpu, &lu_proc.image, sp);
    engine_attach_cpu(lu_proc.engine, cpu);
    return cpu;
}

void lu_print_stats(void)
{
    if (!lu_proc.engine || !log_enabled(LOG_STATS))
        return;
    const EngineStats *s = engine_stats(lu_proc.engine);
    log_printf("morph stats: %" PRIu64 " blocks, %" PRIu64 " guest instructions translated\n"
               "morph stats: %" PRIu64 " IR ops emitted, %" PRIu64 " after optimization\n"
               "morph stats: %.3f ms translating, %" PRIu64 " bytes of code\n"
               "morph stats: %" PRIu64 " code cache flushes, %" PRIu64 " blocks invalidated\n",
               s->blocks_translated, s->guest_insns_translated, s->ir_ops_emitted, s->ir_ops_after_opt,
               (double)s->translate_ns / 1e6, s->code_bytes, s->flushes, s->blocks_invalidated);
}

/* "lwz r3,0(r4)" for the instruction at pc, or a note why not. */
static void disas_at(CpuCommon *cpu, uint64_t pc, char *out, size_t outlen)
{
    static const size_t tries[] = { 16, 8, 4, 2, 1 };
    uint8_t code[16];
    uint64_t at = cpu->arch->code_addr ? cpu->arch->code_addr(pc) : pc;
    for (size_t i = 0; i < G_N_ELEMENTS(tries); i++) {
        if (lu_fetch_code(cpu, at, code, tries[i])) {
            if (cpu->arch->disas && cpu->arch->disas(pc, code, tries[i], out, outlen) > 0)
                return;
            size_t n = tries[i] < 4 ? tries[i] : 4;
            size_t len = (size_t)g_snprintf(out, outlen, "(undecodable:");
            for (size_t k = 0; k < n && len < outlen; k++)
                len += (size_t)g_snprintf(out + len, outlen - len, " %02x", code[k]);
            if (len < outlen)
                g_snprintf(out + len, outlen - len, ")");
            return;
        }
    }
    g_snprintf(out, outlen, "(unreadable)");
}

static _Noreturn void guest_signal(CpuCommon *cpu, ExitReason reason, int sig)
{
    const char *what = exit_signal[reason].what;

    char insn[128];
    disas_at(cpu, cpu->pc, insn, sizeof insn);
    char where[64] = "";
    if (reason == EXIT_FAULT)
        g_snprintf(where, sizeof where, " [address 0x%" PRIx64 "]", cpu->exception_addr);
    if (log_enabled(LOG_INT)) {
        log_printf("guest %s at pc 0x%" PRIx64 " (code %d)%s: %s\n", what, cpu->pc, cpu->exception_code,
                   where, insn);
        if (cpu->arch->dump_state)
            cpu->arch->dump_state(cpu, log_file ? log_file : stderr);
    }
    fflush(stdout);
    fprintf(stderr, "morph: uncaught guest signal %d (%s) at pc 0x%" PRIx64 ": %s%s\n", sig,
            lu_signal_name(sig), cpu->pc, insn, where);
    lu_print_stats();
    lu_die_by_signal(sig);
}

/* The si_code of each exception's signal (the PowerPC kernel's choices,
 * which are the generic ones); a fault's comes with the fault. */
static const int exit_si_code[] = {
    [EXIT_ILLEGAL] = ILL_ILLOPC,
    [EXIT_PRIV] = ILL_PRVOPC,
    [EXIT_TRAP] = TRAP_BRKPT,
    [EXIT_HALT] = ILL_ILLOPC,
    [EXIT_DEBUG] = TRAP_BRKPT,
};

/* A guest exception: its signal to the guest's handler, or the guest dies
 * by it (no handler, or blocked, or ignored). */
static void exception_signal(CpuCommon *cpu, ExitReason reason)
{
    int sig = exit_signal[reason].sig;
    LuSigInfo info = { .signo = sig, .addr = cpu->pc };
    if (reason == EXIT_FAULT) {
        /* From the host fault handler, with its code; else a code fetch
         * the frontend refused (exception_addr = pc). */
        if (lu_thread_fault_signal) {
            sig = lu_thread_fault_signal;
            info.code = cpu->exception_code;
        } else {
            info.code = lu_page_prot(cpu->exception_addr) ? SEGV_ACCERR : SEGV_MAPERR;
            cpu->exception_code = info.code;
        }
        info.signo = sig;
        info.addr = cpu->exception_addr;
    } else if (reason == EXIT_FPE) {
        info.code = cpu->exception_code;
    } else if ((size_t)reason < G_N_ELEMENTS(exit_si_code)) {
        info.code = exit_si_code[reason];
    }
    lu_thread_fault_signal = 0;
    if (lu_proc.abi->exception_info) {
        lu_proc.abi->exception_info(cpu, reason, &info);
        sig = info.signo;
    }
    if (lu_signal_deliver_sync(cpu, &info))
        return;
    guest_signal(cpu, reason, sig);
}

_Noreturn void lu_signal_uncaught(CpuCommon *cpu, int sig)
{
    if (log_enabled(LOG_INT))
        log_printf("guest signal %d (%s) sent to the process\n", sig, lu_signal_name(sig));
    if (cpu)
        fprintf(stderr, "morph: uncaught guest signal %d (%s), sent at pc 0x%" PRIx64 "\n", sig,
                lu_signal_name(sig), cpu->pc);
    else
        fprintf(stderr, "morph: uncaught guest signal %d (%s)\n", sig, lu_signal_name(sig));
    lu_print_stats();
    lu_die_by_signal(sig);
}

_Noreturn void lu_cpu_loop(CpuCommon *cpu)
{
    const LinuxAbi *abi = lu_proc.abi;
    lu_thread_cpu = cpu;
    lu_signal_thread_init();
    lu_thread_self(); /* the first thread joins the thread list */
    for (;;) {
        ExitReason r = cpu_exec(cpu);
        switch (r) {
        case EXIT_SYSCALL: {
            if (lu_signal_before_syscall(cpu))
                break;
            uint64_t args[6];
            int nr = abi->syscall_nr(cpu);
            abi->syscall_args(cpu, args);
            /* The host FP environment is the guest's: keep morph's own
             * work in the syscall out of its sticky flags. */
            fenv_t guest_fenv;
            feholdexcept(&guest_fenv);
            int64_t ret = lu_syscall(cpu, nr, args);
            /* sigreturn put the interrupted code's FP state in place. */
            if (ret != LU_ESIGRETURN)
                fesetenv(&guest_fenv);
            lu_signal_syscall_done(cpu, nr, ret);
            break;
        }
        case EXIT_INTERRUPT:
        case EXIT_NONE:
            cpu->exit_request = 0;
            lu_signal_deliver_pending(cpu);
            break;
        case EXIT_ILLEGAL:
        case EXIT_PRIV:
            if (abi->emulate_insn && abi->emulate_insn(cpu))
                break;
            exception_signal(cpu, r);
            break;
        case EXIT_FAULT:
            if (abi->defer_fault && abi->defer_fault(cpu)) {
                lu_thread_fault_signal = 0;
                break;
            }
            exception_signal(cpu, r);
            break;
        default:
            if ((size_t)r < G_N_ELEMENTS(exit_signal) && exit_signal[r].sig) {
                exception_signal(cpu, r);
                break;
            }
            fprintf(stderr, "morph: internal error: unknown exit reason %d at pc 0x%" PRIx64 "\n", (int)r,
                    cpu->pc);
            abort();
        }
    }
}
