/* signals.c — signal handling inside one process: sigaction handlers
 * (plain and SA_SIGINFO) run by raise and kill, si_signo/si_code, blocked
 * signals left pending by sigprocmask and delivered on unblock, SA_RESETHAND,
 * a handler interrupted by another signal, and a guest memory fault (a
 * write to an unmapped page) caught by a SIGSEGV handler that leaves with
 * siglongjmp — the faulting address is checked, not printed. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
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
    return 0;
}
