/* linux-user/signal.c — host signal handling in user mode: SIGSEGV/SIGBUS
 * raised by guest memory accesses become EXIT_FAULT for the guest cpu that
 * made them; any other host fault is a bug in morph and aborts loudly.
 * Signals sent to the process (the guest's abort(), kill, an outside
 * SIGTERM) end it as they would end the guest — guest handlers are not
 * delivered yet. Also lu_die_by_signal, the way morph ends when the guest
 * is killed.
 *
 *   guest load/store ─► host SIGSEGV ─► host_fault (on the alt stack)
 *        address in the reservation, cpu in_guest:
 *          the faulting instruction: cpu->insn_pc, or from the host pc
 *          when that lies in generated code (engine_guest_pc_of)
 *          a write to a page of translated code the guest may write?
 *            ─► unprotect it (smc.c), pc = insn_pc, cpu->run_one_insn,
 *               cpu_loop_exit(EXIT_NONE): the store runs again, alone
 *          otherwise ─► cpu_loop_exit(EXIT_FAULT) at insn_pc
 *        address in the reservation, morph's own write to such a page
 *          ─► unprotect it and return: the write is redone
 *        otherwise ─► "morph: internal error ..." + abort()
 *   kill/tgkill/raise ─► host_async ─► guest SIG_IGN? drop
 *        sent by the guest itself ─► "uncaught guest signal" + die by it
 *        from outside ─► die by it (default action)
 */
#include "linux-user/lu_runtime.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/syscall.h"
#include "util/log.h"

__thread CpuCommon *lu_thread_cpu;
__thread int lu_thread_fault_signal;

/* Room for the handler and what cpu_loop_exit calls on the way out. */
enum { LU_ALTSTACK_SIZE = 64 * 1024 };

static __thread void *thread_altstack;

/* Synchronous signals: a guest memory access, or a bug in morph. */
static const int fault_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
/* Asynchronous signals whose default action ends the process. */
static const int killing_signals[] = {
    SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
    SIGSTKFLT, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGSYS, SIGIO, SIGPWR,
};

/* The guest's SIG_IGN in lu_sig_actions (syscall_signal.c). */
#define LU_GUEST_SIG_IGN 1

const char *lu_signal_name(int sig)
{
    const char *s = strsignal(sig);
    return s ? s : "unknown signal";
}

/* Async-signal-safe hex formatting into buf (at least 19 bytes). */
static size_t fmt_hex(char *buf, uint64_t v)
{
    char tmp[16];
    size_t n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    buf[0] = '0';
    buf[1] = 'x';
    for (size_t i = 0; i < n; i++)
        buf[2 + i] = tmp[n - 1 - i];
    return n + 2;
}

static void write_str(const char *s)
{
    ssize_t r = write(STDERR_FILENO, s, strlen(s));
    (void)r;
}

/* Sent by a process (kill, tgkill, raise) rather than by a fault. */
static bool sent_by_process(const siginfo_t *si)
{
    return si->si_code <= 0;
}

/* A signal sent to morph's process. Until guest handlers are delivered: a
 * guest-ignored one is dropped, one the guest sent itself (abort(),
 * raise) ends it with the "uncaught guest signal" line, any other takes
 * the default action silently, as for a native process. */
static void host_async(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (sig >= 1 && sig <= LU_NSIG && lu_sig_actions[sig].handler == LU_GUEST_SIG_IGN)
        return;
    if (sent_by_process(si) && si->si_pid == getpid())
        lu_signal_uncaught(lu_thread_cpu, sig);
    lu_die_by_signal(sig);
}

/* The host pc of the faulting instruction. */
static uintptr_t host_pc_of(const ucontext_t *ctx)
{
#if defined(__x86_64__)
    return (uintptr_t)ctx->uc_mcontext.gregs[REG_RIP];
#else
    (void)ctx;
    return 0;
#endif
}

/* The kernel reset MXCSR for the handler; the guest's rounding mode and
 * sticky FP flags live there, so bring them back before guest code or
 * the exec loop runs again. */
static void restore_guest_mxcsr(const ucontext_t *ctx)
{
#if defined(__x86_64__)
    if (ctx->uc_mcontext.fpregs) {
        uint32_t mxcsr = ctx->uc_mcontext.fpregs->mxcsr;
        __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
    }
#else
    (void)ctx;
#endif
}

/* A fault of guest code at guest address ga: leave the block precisely at
 * the faulting instruction, to redo a store to a page of translated code
 * or to raise the guest's signal. */
static noreturn void guest_fault(CpuCommon *cpu, int sig, const siginfo_t *si, uint64_t ga,
                                 const ucontext_t *ctx)
{
    uint64_t pc;
    if (engine_guest_pc_of(cpu->engine, host_pc_of(ctx), &pc))
        cpu->insn_pc = pc;
    ExitReason reason = EXIT_FAULT;
    if (sig == SIGSEGV && lu_code_write_fault(ga)) {
        cpu->pc = cpu->insn_pc;
        cpu->run_one_insn = 1;
        reason = EXIT_NONE;
    } else {
        cpu->exception_addr = ga;
        /* The whole reservation is a host mapping, so the host says
         * ACCERR everywhere; the guest sees MAPERR on unmapped pages. */
        if (sig == SIGSEGV)
            cpu->exception_code = lu_page_prot(ga) ? SEGV_ACCERR : SEGV_MAPERR;
        else
            cpu->exception_code = si->si_code;
        lu_thread_fault_signal = sig;
    }
    restore_guest_mxcsr(ctx);
    cpu_loop_exit(cpu, reason);
}

static void host_fault(int sig, siginfo_t *si, void *uc)
{
    CpuCommon *cpu = lu_thread_cpu;
    if (sent_by_process(si)) {
        host_async(sig, si, uc);
        return;
    }
    uint8_t *addr = si->si_addr;
    uint8_t *base = lu_proc.guest_base;
    if ((sig == SIGSEGV || sig == SIGBUS) && base && addr >= base && addr < base + lu_proc.space_size + LU_SPACE_GUARD) {
        uint64_t ga = (uint64_t)(addr - base);
        /* An access running off the top of a 32-bit space wraps there. */
        if (ga >= lu_proc.space_size)
            ga -= lu_proc.space_size;
        if (cpu && cpu->in_guest)
            guest_fault(cpu, sig, si, ga, uc);
        if (sig == SIGSEGV && lu_code_write_fault(ga))
            return;
    }
    char num[24], msg[160];
    msg[0] = '\0';
    strcat(msg, "morph: internal error: signal ");
    size_t n = 0;
    int s = sig;
    char d[8];
    do {
        d[n++] = (char)('0' + s % 10);
        s /= 10;
    } while (s && n < sizeof d);
    size_t len = strlen(msg);
    while (n)
        msg[len++] = d[--n];
    msg[len] = '\0';
    strcat(msg, " at host address ");
    num[fmt_hex(num, (uint64_t)(uintptr_t)addr)] = '\0';
    strcat(msg, num);
    strcat(msg, "\n");
    write_str(msg);
    signal(SIGABRT, SIG_DFL);
    abort();
}

void lu_signal_thread_init(void)
{
    if (thread_altstack)
        return;
    thread_altstack = g_malloc(LU_ALTSTACK_SIZE);
    stack_t ss = { .ss_sp = thread_altstack, .ss_size = LU_ALTSTACK_SIZE, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
}

void lu_signal_init(void)
{
    static bool installed;
    lu_signal_thread_init();
    if (installed)
        return;
    installed = true;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < G_N_ELEMENTS(fault_signals); i++)
        sigaction(fault_signals[i], &sa, NULL);
    sa.sa_sigaction = host_async;
    sa.sa_flags |= SA_RESTART; /* a dropped (guest-ignored) signal must not cause EINTR */
    for (size_t i = 0; i < G_N_ELEMENTS(killing_signals); i++) {
        struct sigaction old;
        /* An ignored signal stays ignored (nohup, background jobs). */
        if (sigaction(killing_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(killing_signals[i], &sa, NULL);
    }
}

_Noreturn void lu_die_by_signal(int sig)
{
    fflush(stdout);
    fflush(stderr);
    if (log_file)
        fflush(log_file);
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* A signal whose default action does not kill: end as a shell would
     * report it anyway. */
    _exit(128 + sig);
}
