/* signals.c — signal handling inside one process: sigaction handlers
 * (plain and SA_SIGINFO) run by raise and kill, si_signo/si_code, blocked
 * signals left pending by sigprocmask and delivered on unblock, SA_RESETHAND,
 * a handler interrupted by another signal, and a guest memory fault (a
 * write to an unmapped page) caught by a SIGSEGV handler that leaves with
 * siglongjmp — the faulting address is checked, not printed. Then: the
 * mask a handler runs with, sigaltstack, timers (setitimer interrupting a
 * busy loop and pause, alarm's remaining time), a pipe read interrupted
 * with and without SA_RESTART, a fast interval timer interrupting 1000
 * reads that block, sigsuspend and sigtimedwait, real-time
 * signals queued with values by sigqueue, SIGCHLD's info, and SIGILL,
 * SIGTRAP and SIGFPE handlers (an illegal instruction and a trap
 * instruction of the machine the program runs on; SIGFPE is raised, since
 * a PowerPC divide does not trap). Last, a SIGILL handler that reads the
 * interrupted pc and a register from its ucontext, then changes the
 * register, steps the saved pc over the illegal instruction and adds a
 * signal to the saved mask: all three take effect when it returns. */
#define _GNU_SOURCE /* REG_RIP and REG_RCX of x86-64's ucontext */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t count_usr1, count_usr2, last_code_user, nested_max, depth;
static sigjmp_buf recover;
static void *volatile fault_addr;
static void *volatile expect_addr;

static void on_usr1(int sig)
{
    (void)sig;
    count_usr1++;
    depth++;
    if (depth > nested_max)
        nested_max = depth;
    if (count_usr1 == 3)
        raise(SIGUSR2); /* delivered inside this handler */
    depth--;
}
static void on_usr2(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    count_usr2++;
    depth++;
    if (depth > nested_max)
        nested_max = depth;
    last_code_user = si->si_signo == sig && (si->si_code == SI_USER || si->si_code == SI_TKILL);
    depth--;
}
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)ctx;
    fault_addr = si->si_addr;
    siglongjmp(recover, 1);
}

/* ---- the handler's mask, sigaltstack ------------------------------------ */

static volatile sig_atomic_t mask_had_self, mask_had_extra, on_alt, alt_flag_onstack;
static char *volatile alt_lo, *volatile alt_hi;

static void on_mask(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    mask_had_self = sigismember(&cur, sig);
    mask_had_extra = sigismember(&cur, SIGTERM);
}

static void on_alt_usr1(int sig)
{
    (void)sig;
    char here;
    on_alt = &here >= alt_lo && &here < alt_hi;
    stack_t now;
    sigaltstack(NULL, &now);
    alt_flag_onstack = (now.ss_flags & SS_ONSTACK) != 0;
}

static void handler_mask_and_altstack(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_mask;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    printf("handler mask: own signal %d, sa_mask signal %d; after: %d %d\n", (int)mask_had_self,
           (int)mask_had_extra, sigismember(&after, SIGUSR1), sigismember(&after, SIGTERM));

    static char alt[64 * 1024];
    alt_lo = alt;
    alt_hi = alt + sizeof alt;
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0 };
    int r = sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alt_usr1;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    stack_t now;
    sigaltstack(NULL, &now);
    printf("sigaltstack set %d: handler on it %d, SS_ONSTACK inside %d, outside %d\n", r, (int)on_alt,
           (int)alt_flag_onstack, (now.ss_flags & SS_ONSTACK) != 0);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sa.sa_flags = 0;
    on_alt = -1;
    raise(SIGUSR1);
    printf("without SA_ONSTACK on the normal stack %d\n", on_alt == 0);
}

/* ---- timers, EINTR and SA_RESTART ----------------------------------------- */

static volatile sig_atomic_t alarms;
static int restart_pipe[2];

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void on_alarm_feed(int sig)
{
    (void)sig;
    alarms++;
    char c = 'x';
    ssize_t w = write(restart_pipe[1], &c, 1);
    (void)w;
}

/* The fast timer's handler. Where handlers take longer than the timer's
 * period (a slow emulator), the next tick is due when one returns and
 * the loop never runs again: then it slows the timer down. */
static volatile sig_atomic_t reads_done;

static void on_fast_alarm(int sig)
{
    (void)sig;
    alarms++;
    if (alarms - reads_done > 20) {
        struct itimerval slow = { { 0, 2000 }, { 0, 2000 } };
        setitimer(ITIMER_REAL, &slow, NULL);
    }
}

static void arm_timer_ms(int ms)
{
    struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void timers_and_restart(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);

    /* A timer interrupting code that never calls the kernel. */
    alarms = 0;
    arm_timer_ms(20);
    volatile unsigned long spins = 0;
    while (!alarms)
        spins++;
    printf("timer interrupted a busy loop: %d\n", (int)alarms);

    alarms = 0;
    arm_timer_ms(20);
    int r = pause();
    printf("pause: %d errno EINTR %d, handler ran %d\n", r, errno == EINTR, (int)alarms);

    unsigned left = alarm(30);
    left = alarm(0);
    printf("alarm: %u seconds were left\n", left);

    /* A pipe read interrupted: no SA_RESTART fails with EINTR... */
    if (pipe(restart_pipe) != 0)
        return;
    char c = 0;
    alarms = 0;
    arm_timer_ms(20);
    ssize_t n = read(restart_pipe[0], &c, 1);
    printf("read without SA_RESTART: %d errno EINTR %d, handler ran %d\n", (int)n, errno == EINTR,
           (int)alarms);

    /* ...with it the read goes on and gets what the handler wrote. */
    sa.sa_handler = on_alarm_feed;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    alarms = 0;
    arm_timer_ms(20);
    n = read(restart_pipe[0], &c, 1);
    printf("read with SA_RESTART: %d byte '%c', handler ran %d\n", (int)n, n == 1 ? c : '?', (int)alarms);

    /* A fast interval timer against reads that block at once: a tick that
     * comes just before a read enters the kernel must still interrupt it
     * (with an emulator, when the signal waits to be delivered after the
     * call). Natively a tick lost that way is followed by the next one. */
    sa.sa_handler = on_fast_alarm;
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval fast = { { 0, 20 }, { 0, 20 } }, stop = { { 0, 0 }, { 0, 0 } };
    alarms = 0;
    setitimer(ITIMER_REAL, &fast, NULL);
    int interrupted = 0;
    for (reads_done = 0; reads_done < 1000; reads_done++)
        interrupted += read(restart_pipe[0], &c, 1) < 0 && errno == EINTR;
    setitimer(ITIMER_REAL, &stop, NULL);
    printf("reads interrupted by a 20 us timer: %d of 1000, a handler ran for each %d\n", interrupted,
           alarms >= interrupted);
    close(restart_pipe[0]);
    close(restart_pipe[1]);
    signal(SIGALRM, SIG_DFL);
}

/* ---- sigsuspend, sigtimedwait, real-time signals -------------------------- */

static volatile sig_atomic_t got_usr1;
static volatile sig_atomic_t rt_count, rt_values[8], rt_code_queue, rtmax_seen;

static void on_got_usr1(int sig)
{
    (void)sig;
    got_usr1++;
}

static void on_rt(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    if (sig == SIGRTMAX) {
        rtmax_seen = si->si_value.sival_int;
        return;
    }
    if (rt_count < 8)
        rt_values[rt_count] = si->si_value.sival_int;
    rt_count++;
    rt_code_queue = si->si_code == SI_QUEUE;
}

static void waiting_and_realtime(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_got_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t block, old, none, now;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR1);
    int before = got_usr1;
    sigemptyset(&none);
    int r = sigsuspend(&none);
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("sigsuspend: %d errno EINTR %d, ran %d then %d, blocked again after %d\n", r, errno == EINTR,
           before, (int)got_usr1, sigismember(&now, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);

    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR2);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    struct timespec ts = { 1, 0 };
    int sig = sigtimedwait(&block, &si, &ts);
    printf("sigtimedwait: got SIGUSR2 %d, si_signo %d, si_code tkill %d\n", sig == SIGUSR2,
           si.si_signo == SIGUSR2, si.si_code == SI_TKILL);
    struct timespec short_wait = { 0, 10 * 1000 * 1000 };
    sig = sigtimedwait(&block, &si, &short_wait);
    printf("sigtimedwait with nothing pending: %d errno EAGAIN %d\n", sig, errno == EAGAIN);
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* Real-time signals queue: three sent while blocked, three handled in
     * order with their values. */
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 2, &sa, NULL);
    sigaction(SIGRTMAX, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &block, &old);
    for (int i = 1; i <= 3; i++)
        sigqueue(getpid(), SIGRTMIN + 2, (union sigval){ .sival_int = 100 * i });
    int held = rt_count;
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("rt signals: %d while blocked, %d after, values %d %d %d, SI_QUEUE %d\n", held, (int)rt_count,
           (int)rt_values[0], (int)rt_values[1], (int)rt_values[2], (int)rt_code_queue);
    sigqueue(getpid(), SIGRTMAX, (union sigval){ .sival_int = 77 });
    printf("SIGRTMAX delivered with value %d\n", (int)rtmax_seen);
}

/* ---- SIGCHLD ---------------------------------------------------------------- */

static volatile sig_atomic_t chld_code, chld_status, chld_pid_ok;
static volatile pid_t chld_pid;

static void on_chld(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)ctx;
    chld_code = si->si_code;
    chld_status = si->si_status;
    chld_pid = si->si_pid;
}

static void child_signal(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    int status = 0;
    pid_t w = waitpid(pid, &status, 0);
    printf("SIGCHLD: code exited %d, status %d, pid right %d, wait status %d\n", chld_code == CLD_EXITED,
           (int)chld_status, chld_pid == pid && w == pid, WEXITSTATUS(status));
    signal(SIGCHLD, SIG_DFL);
}

/* ---- SIGILL, SIGTRAP, SIGFPE ------------------------------------------------ */

extern char morph_test_illegal[], morph_test_trap[];
static sigjmp_buf insn_recover;
static void *volatile insn_fault_addr;
static volatile sig_atomic_t insn_signo, insn_code_tkill;

static void on_insn(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    insn_signo = sig;
    insn_fault_addr = si->si_addr;
    insn_code_tkill = si->si_code == SI_TKILL;
    siglongjmp(insn_recover, 1);
}

static void illegal_instruction(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __asm__ volatile(".globl morph_test_illegal\nmorph_test_illegal:\n\tud2\n");
#elif defined(__powerpc__)
    __asm__ volatile(".globl morph_test_illegal\nmorph_test_illegal:\n\t.long 0\n");
#elif defined(__ia64__)
    /* break 0 is SIGILL (ILL_ILLOPC) on Linux; a label starts a bundle, so
     * the break is slot 0 and si_addr (bundle + slot) is the label. */
    __asm__ volatile(";;\n.globl morph_test_illegal\nmorph_test_illegal:\n\tbreak.m 0\n;;\n");
#else
#error "an illegal instruction for this machine"
#endif
}

static void trap_instruction(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __asm__ volatile(".globl morph_test_trap\nmorph_test_trap:\n\tint3\n");
#elif defined(__powerpc__)
    __asm__ volatile(".globl morph_test_trap\nmorph_test_trap:\n\ttrap\n");
#elif defined(__ia64__)
    /* break numbers 0x80000-0xfffff are debugger breaks: SIGTRAP on Linux */
    __asm__ volatile(";;\n.globl morph_test_trap\nmorph_test_trap:\n\tbreak.m 0x80000\n;;\n");
#else
#error "a trap instruction for this machine"
#endif
}

static void instruction_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_insn;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    volatile int caught = 0;
    if (sigsetjmp(insn_recover, 1) == 0)
        illegal_instruction();
    else
        caught = 1;
    printf("SIGILL: caught %d, signal right %d, si_addr at the instruction %d\n", caught,
           insn_signo == SIGILL, insn_fault_addr == (void *)morph_test_illegal);
    caught = 0;
    if (sigsetjmp(insn_recover, 1) == 0)
        trap_instruction();
    else
        caught = 1;
    printf("SIGTRAP: caught %d, signal right %d\n", caught, insn_signo == SIGTRAP);
    caught = 0;
    if (sigsetjmp(insn_recover, 1) == 0)
        raise(SIGFPE);
    else
        caught = 1;
    printf("SIGFPE: caught %d, signal right %d, si_code tkill %d\n", caught, insn_signo == SIGFPE,
           (int)insn_code_tkill);
    signal(SIGILL, SIG_DFL);
    signal(SIGTRAP, SIG_DFL);
    signal(SIGFPE, SIG_DFL);
}

/* ---- registers in the ucontext ------------------------------------------- */

/* The probe puts `in` into a fixed register (x86 rcx/ecx, PowerPC r9), runs
 * an illegal instruction at morph_test_ucregs and returns that register. */
extern char morph_test_ucregs[];
#define UC_IN 0x1234567L
#define UC_FLIP 0x5a5aL

static long ucontext_probe(long in)
{
    long out;
#if defined(__x86_64__)
    __asm__ volatile("mov %1, %%rcx\n.globl morph_test_ucregs\nmorph_test_ucregs:\n\tud2\n\tmov %%rcx, %0"
                     : "=r"(out) : "r"(in) : "rcx", "memory");
#elif defined(__i386__)
    __asm__ volatile("mov %1, %%ecx\n.globl morph_test_ucregs\nmorph_test_ucregs:\n\tud2\n\tmov %%ecx, %0"
                     : "=r"(out) : "r"(in) : "ecx", "memory");
#elif defined(__powerpc__)
    __asm__ volatile("mr 9, %1\n.globl morph_test_ucregs\nmorph_test_ucregs:\n\t.long 0\n\tmr %0, 9"
                     : "=r"(out) : "r"(in) : "r9", "memory");
#elif defined(__ia64__)
    __asm__ volatile("mov r9 = %1\n;;\n.globl morph_test_ucregs\nmorph_test_ucregs:\n\tbreak.m 0\n;;\n\tmov %0 = r9\n;;\n"
                     : "=r"(out) : "r"(in) : "r9", "memory");
#else
#error "a register probe for this machine"
#endif
    return out;
}

/* The saved pc and probe register in a ucontext, and the length of the
 * illegal instruction (ud2: 2 bytes; PowerPC: 4). gregs[32] is PT_NIP
 * (asm/ptrace.h) on both PowerPC ABIs. IA-64's sc_ip is the bundle address
 * plus the slot (0-2) in its low bits: the probe's break is slot 0, so
 * adding 1 resumes at slot 1 of the same bundle. */
static unsigned long *uc_pc(ucontext_t *uc, unsigned long **reg, unsigned *insn_len)
{
#if defined(__x86_64__)
    *reg = (unsigned long *)&uc->uc_mcontext.gregs[REG_RCX];
    *insn_len = 2;
    return (unsigned long *)&uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__i386__)
    *reg = (unsigned long *)&uc->uc_mcontext.gregs[REG_ECX];
    *insn_len = 2;
    return (unsigned long *)&uc->uc_mcontext.gregs[REG_EIP];
#elif defined(__ia64__)
    *reg = &uc->uc_mcontext.sc_gr[9];
    *insn_len = 1;
    return &uc->uc_mcontext.sc_ip;
#elif defined(__powerpc64__)
    *reg = &uc->uc_mcontext.gp_regs[9];
    *insn_len = 4;
    return &uc->uc_mcontext.gp_regs[32];
#else
    *reg = &uc->uc_mcontext.uc_regs->gregs[9];
    *insn_len = 4;
    return &uc->uc_mcontext.uc_regs->gregs[32];
#endif
}

static volatile sig_atomic_t uc_pc_right, uc_reg_right, uc_addr_right;

static void on_ucontext(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    unsigned long *reg;
    unsigned len;
    unsigned long *pc = uc_pc(ctx, &reg, &len);
    uc_addr_right = si->si_addr == (void *)morph_test_ucregs;
    uc_pc_right = *pc == (unsigned long)morph_test_ucregs;
    uc_reg_right = *reg == (unsigned long)UC_IN;
    *reg ^= UC_FLIP;
    *pc += len;
#if defined(__ia64__)
    /* IA-64's uc_sigmask is sc_mask, one word: bit n-1 is signal n */
    ((ucontext_t *)ctx)->uc_sigmask |= 1UL << (SIGUSR2 - 1);
#else
    sigaddset(&((ucontext_t *)ctx)->uc_sigmask, SIGUSR2);
#endif
}

static void ucontext_registers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_ucontext;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigset_t none, now;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    long out = ucontext_probe(UC_IN);
    sigprocmask(SIG_SETMASK, &none, &now);
    printf("ucontext: si_addr %d, saved pc %d, saved register %d; after return: register changed %d, "
           "mask changed %d\n",
           (int)uc_addr_right, (int)uc_pc_right, (int)uc_reg_right, out == (UC_IN ^ UC_FLIP),
           sigismember(&now, SIGUSR2));
    signal(SIGILL, SIG_DFL);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);

    for (int i = 0; i < 5; i++)
        raise(SIGUSR1);
    kill(getpid(), SIGUSR2);
    printf("usr1 %d usr2 %d si_code user %d nested max %d\n", (int)count_usr1, (int)count_usr2, (int)last_code_user, (int)nested_max);

    sigset_t set, old, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    raise(SIGUSR1); /* standard signals do not queue: one delivery */
    sigpending(&pending);
    printf("blocked: pending %d, delivered so far %d\n", sigismember(&pending, SIGUSR1), (int)count_usr1);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: delivered %d\n", (int)count_usr1);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("SA_RESETHAND: count %d, handler reset %d\n", (int)count_usr1, now.sa_handler == SIG_DFL);

    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    printf("ignored usr2, count still %d\n", (int)count_usr2);

    /* A memory fault caught and survived, three times. */
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    long page = sysconf(_SC_PAGESIZE);
    char *mem = mmap(NULL, (size_t)page * 3, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(mem + page, (size_t)page); /* a hole in the middle */
    int caught = 0, addr_ok = 0;
    for (int i = 0; i < 3; i++) {
        if (sigsetjmp(recover, 1) == 0) {
            volatile char *target = mem + page + 8 * i;
            expect_addr = (void *)target;
            mem[0] = 1;
            *target = 42;
            printf("no fault?\n");
        } else {
            caught++;
            addr_ok += fault_addr == (void *)expect_addr;
        }
    }
    printf("segv caught %d, fault address right %d, memory before the hole intact %d\n", caught, addr_ok, mem[0] == 1);
    mprotect(mem, (size_t)page, PROT_READ);
    if (sigsetjmp(recover, 1) == 0) {
        volatile char *target = mem + 100;
        expect_addr = (void *)target;
        *target = 5;
        printf("write to read-only page did not fault\n");
    } else {
        printf("write to read-only page faulted, address right %d\n", fault_addr == (void *)expect_addr);
    }
    signal(SIGSEGV, SIG_DFL);

    handler_mask_and_altstack();
    timers_and_restart();
    waiting_and_realtime();
    child_signal();
    instruction_signals();
    ucontext_registers();
    return 0;
}
