/* linux-user/signal.c — host signal handling in user mode: SIGSEGV/SIGBUS
 * raised by guest memory accesses become EXIT_FAULT for the guest cpu that
 * made them; any other host fault is a bug in morph and aborts loudly.
 * Every other signal the guest may catch is recorded for the thread that
 * received it and handed to the cpu loop (signal_deliver.c), never run in
 * the host handler. Also the host's dispositions and mask following the
 * guest's, and lu_die_by_signal, the way morph ends when the guest is
 * killed.
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
 *   kill/tgkill/raise/alarm/outside ─► host_signal: record (sig, info) in
 *        this thread's set, leave the handler with every host signal but
 *        the synchronous ones blocked (one signal in flight per thread; the
 *        rest wait in the kernel, real-time ones queued), cpu->exit_request
 *        ─► the cpu loop takes it at the next block boundary or after the
 *        interrupted system call, then restores the host mask; a
 *        blocking call about to start is interrupted (safe_syscall.c)
 *
 * Host dispositions follow the guest's: a guest handler, or a default
 * action that ends the process ─► host_signal; SIG_IGN ─► SIG_IGN (the
 * kernel drops it, no EINTR); a default that ignores or stops ─► SIG_DFL.
 * The host mask is the guest thread's mask without the synchronous
 * signals, so the kernel keeps blocked signals pending and routes
 * process-wide ones to a thread that takes them. Host signals 32 and 33
 * (glibc's own) are set with raw system calls.
 */
#include "linux-user/lu_runtime.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/lu_signal.h"
#include "linux-user/syscall.h"
#include "util/log.h"

__thread CpuCommon *lu_thread_cpu;
__thread int lu_thread_fault_signal;

/* Room for the handler and what cpu_loop_exit calls on the way out. */
enum { LU_ALTSTACK_SIZE = 64 * 1024 };

static __thread void *thread_altstack;

/* Synchronous signals: a guest memory access, or a bug in morph. */
static const int fault_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };

/* The guest's SIG_DFL and SIG_IGN in lu_sig_actions. */
enum { G_SIG_DFL = 0, G_SIG_IGN = 1 };

/* What this thread's host handler recorded and the cpu loop has not taken:
 * bit n-1 for signal n, and each one's host siginfo. */
static __thread uint64_t recorded;
/* Set by every recording; lu_safe_syscall clears and checks it. */
static __thread volatile int signal_arrived;
static __thread siginfo_t recorded_info[LU_SIGNAL_MAX + 1];

static uint64_t sig_bit(int sig) { return 1ull << (sig - 1); }

/* The synchronous signals as a mask: never blocked on the host (a blocked
 * fault signal would kill the process instead of reaching host_fault). */
static uint64_t sync_bits(void)
{
    uint64_t m = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(fault_signals); i++)
        m |= sig_bit(fault_signals[i]);
    return m;
}

uint64_t lu_sig_unblockable(void)
{
    return sig_bit(SIGKILL) | sig_bit(SIGSTOP);
}

/* ---- raw host calls: glibc refuses signals 32 and 33 ---------------------- */

/* The kernel's struct sigaction on x86-64 (and its 64-bit sigset). */
typedef struct KernelSigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
} KernelSigaction;

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

/* The return trampoline glibc gives its own handlers, which the raw
 * rt_sigaction must name on x86-64: read back from SIGSEGV's action once
 * host_fault is installed through glibc. */
static void *host_restorer;

static int raw_sigaction(int sig, const KernelSigaction *act, KernelSigaction *old)
{
    return (int)syscall(SYS_rt_sigaction, sig, act, old, sizeof(uint64_t));
}

static void raw_sigmask(int how, uint64_t set, uint64_t *old)
{
    syscall(SYS_rt_sigprocmask, how, &set, old, sizeof(uint64_t));
}

/* Host disposition of sig: handler (SA_SIGINFO), SIG_DFL or SIG_IGN. */
static void set_host_action(int sig, void (*handler)(int, siginfo_t *, void *), void *plain,
                            unsigned long extra_flags)
{
    KernelSigaction ka = { 0 };
    if (handler) {
        ka.handler = (void *)handler;
        ka.flags = SA_SIGINFO | SA_ONSTACK | extra_flags;
        ka.mask = ~sync_bits(); /* one signal at a time in host_signal */
    } else {
        ka.handler = plain;
    }
    if (host_restorer) {
        ka.flags |= SA_RESTORER;
        ka.restorer = host_restorer;
    }
    raw_sigaction(sig, &ka, NULL);
}

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

/* A signal for the guest: record it for this thread; leave with every host
 * signal but the synchronous ones blocked, until the cpu loop takes it. */
static void host_signal(int sig, siginfo_t *si, void *uc)
{
    if (sig < 1 || sig > LU_SIGNAL_MAX)
        return;
    recorded_info[sig] = *si;
    __atomic_or_fetch(&recorded, sig_bit(sig), __ATOMIC_SEQ_CST);
    signal_arrived = 1;
    uint64_t all = ~sync_bits();
    memcpy(&((ucontext_t *)uc)->uc_sigmask, &all, sizeof all);
    if (lu_thread_cpu)
        lu_thread_cpu->exit_request = 1;
    lu_safe_syscall_interrupt(uc);
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
        host_signal(sig, si, uc);
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

/* ---- the per-thread state ------------------------------------------------ */

uint64_t lu_signal_recorded(void)
{
    return __atomic_load_n(&recorded, __ATOMIC_SEQ_CST);
}

volatile int *lu_signal_arrived_flag(void)
{
    return &signal_arrived;
}

bool lu_signal_take(int sig, LuSigInfo *out)
{
    if (sig < 1 || sig > LU_SIGNAL_MAX || !(lu_signal_recorded() & sig_bit(sig)))
        return false;
    lu_siginfo_from_host(out, &recorded_info[sig]);
    __atomic_and_fetch(&recorded, ~sig_bit(sig), __ATOMIC_SEQ_CST);
    return true;
}

void lu_signal_block_host(void)
{
    raw_sigmask(SIG_SETMASK, ~sync_bits(), NULL);
}

void lu_signal_restore_host_mask(void)
{
    raw_sigmask(SIG_SETMASK, lu_sig_blocked & ~sync_bits() & ~lu_sig_unblockable(), NULL);
}

void lu_signal_set_blocked(uint64_t blocked)
{
    lu_sig_blocked = blocked & ~lu_sig_unblockable();
    /* While a recorded signal waits for the cpu loop, the host stays
     * blocked; the loop restores the mask when it has taken it. */
    if (!lu_signal_recorded())
        lu_signal_restore_host_mask();
}

void lu_signal_suspend(uint64_t mask)
{
    lu_signal_block_host();
    while (!(lu_signal_recorded() & ~mask)) {
        uint64_t host = mask & ~sync_bits() & ~lu_sig_unblockable();
        syscall(SYS_rt_sigsuspend, &host, sizeof host);
    }
}

/* Signals whose default action leaves the process alone or stops it: the
 * host's own default does exactly that. */
static bool default_is_harmless(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return true;
    default:
        return false;
    }
}

static bool is_fault_signal(int sig)
{
    return (sync_bits() & sig_bit(sig)) != 0;
}

void lu_signal_action_changed(int sig)
{
    if (sig < 1 || sig > LU_SIGNAL_MAX || sig == SIGKILL || sig == SIGSTOP || is_fault_signal(sig))
        return;
    const LuSigAction *act = &lu_sig_actions[sig];
    if (act->handler == G_SIG_IGN) {
        set_host_action(sig, NULL, SIG_IGN, 0);
    } else if (act->handler == G_SIG_DFL && default_is_harmless(sig)) {
        set_host_action(sig, NULL, SIG_DFL, 0);
    } else {
        unsigned long extra = 0;
        if (sig == SIGCHLD)
            extra = act->flags & (LU_SA_NOCLDSTOP | LU_SA_NOCLDWAIT);
        set_host_action(sig, host_signal, NULL, extra);
    }
}

void lu_signal_thread_init(void)
{
    if (!thread_altstack) {
        thread_altstack = g_malloc(LU_ALTSTACK_SIZE);
        stack_t ss = { .ss_sp = thread_altstack, .ss_size = LU_ALTSTACK_SIZE, .ss_flags = 0 };
        sigaltstack(&ss, NULL);
    }
    lu_signal_restore_host_mask();
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
    KernelSigaction ka;
    if (raw_sigaction(SIGSEGV, NULL, &ka) == 0 && (ka.flags & SA_RESTORER))
        host_restorer = ka.restorer;
    for (int sig = 1; sig <= LU_SIGNAL_MAX; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP || is_fault_signal(sig))
            continue;
        /* An ignored signal stays ignored (nohup, background jobs), and
         * the guest sees it so. */
        if (raw_sigaction(sig, NULL, &ka) == 0 && ka.handler == SIG_IGN)
            lu_sig_actions[sig].handler = G_SIG_IGN;
        lu_signal_action_changed(sig);
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
    set_host_action(sig, NULL, SIG_DFL, 0);
    raw_sigmask(SIG_UNBLOCK, sig_bit(sig), NULL);
    syscall(SYS_tgkill, getpid(), gettid(), sig);
    /* A signal whose default action does not kill: end as a shell would
     * report it anyway. */
    _exit(128 + sig);
}
