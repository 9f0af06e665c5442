/* syscalls2.c — newer system calls through glibc and raw syscall():
 * clone3 (threads from pthread_create, a fork-like child, the kernel's
 * argument checks), priority-inheritance mutexes under contention
 * (FUTEX_LOCK_PI, TRYLOCK_PI, UNLOCK_PI, a LOCK_PI timeout), requeue-PI
 * (a waiter moved from a condition word to a held PI lock returns owning
 * it, and the kernel's argument checks), sendmmsg and
 * recvmmsg on a datagram socketpair, and signalfd reading blocked
 * signals sent to this process. */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- clone3 ------------------------------------------------------------ */

/* The kernel's struct clone_args (linux/sched.h), u64 fields. */
struct clone_args_v2 {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
    uint64_t set_tid, set_tid_size, cgroup;
};

static long clone3_raw(void *args, size_t size)
{
    return syscall(SYS_clone3, args, size);
}

static void clone3_checks(void)
{
    struct clone_args_v2 ca;
    memset(&ca, 0, sizeof ca);
    errno = 0;
    long r = clone3_raw(&ca, 32); /* smaller than the first version */
    printf("clone3 size 32: %ld %s\n", r, strerror(errno));
    static unsigned char extra[128];
    memset(extra, 0, sizeof extra);
    extra[100] = 1; /* a field this kernel does not know, set */
    errno = 0;
    r = clone3_raw(extra, sizeof extra);
    printf("clone3 unknown field: %ld %s\n", r, strerror(errno));
    memset(&ca, 0, sizeof ca);
    ca.exit_signal = SIGCHLD;
    ca.flags = 0xff; /* CSIGNAL bits belong in exit_signal */
    errno = 0;
    r = clone3_raw(&ca, sizeof ca);
    printf("clone3 signal in flags: %ld %s\n", r, strerror(errno));
    ca.flags = 0;
    ca.stack_size = 4096; /* a size without a stack */
    errno = 0;
    r = clone3_raw(&ca, sizeof ca);
    printf("clone3 size without stack: %ld %s\n", r, strerror(errno));

    /* A fork: the child exits with a status the parent reads. */
    memset(&ca, 0, sizeof ca);
    ca.exit_signal = SIGCHLD;
    fflush(stdout);
    long pid = clone3_raw(&ca, 64);
    if (pid == 0)
        _exit(23);
    int status = 0;
    pid_t w = waitpid((pid_t)pid, &status, 0);
    printf("clone3 fork: waited %s, exited %d with %d\n", w == pid ? "the child" : "another",
           WIFEXITED(status), WEXITSTATUS(status));

    /* A fork that writes its pid into the parent's word (PARENT_SETTID)
     * and into its own (CHILD_SETTID, seen by the child). */
    static volatile int32_t parent_word, child_word;
    parent_word = child_word = 0;
    memset(&ca, 0, sizeof ca);
    ca.exit_signal = SIGCHLD;
    ca.flags = 0x00100000 | 0x01000000; /* CLONE_PARENT_SETTID | CLONE_CHILD_SETTID */
    ca.parent_tid = (uint64_t)(uintptr_t)&parent_word;
    ca.child_tid = (uint64_t)(uintptr_t)&child_word;
    fflush(stdout);
    pid = clone3_raw(&ca, sizeof ca);
    if (pid == 0)
        _exit(child_word == getpid() ? 1 : 2);
    waitpid((pid_t)pid, &status, 0);
    printf("clone3 settid: parent word %s, child word %s\n",
           parent_word == pid ? "is the pid" : "wrong",
           WEXITSTATUS(status) == 1 ? "is the pid" : "wrong");
}

/* ---- priority-inheritance mutexes -------------------------------------- */

enum { PI_THREADS = 4, PI_ROUNDS = 3000 };

static pthread_mutex_t pi_lock;
static long pi_counter;
static volatile int pi_waiter_started;

static void *pi_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < PI_ROUNDS; i++) {
        pthread_mutex_lock(&pi_lock);
        long c = pi_counter;
        if ((i & 63) == 0)
            sched_yield(); /* hold it a while: others pile up in the kernel */
        pi_counter = c + 1;
        pthread_mutex_unlock(&pi_lock);
    }
    return NULL;
}

static void *pi_trylock_other(void *arg)
{
    (void)arg;
    int r = pthread_mutex_trylock(&pi_lock);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 20 * 1000 * 1000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    int t = pthread_mutex_timedlock(&pi_lock, &until);
    printf("pi other thread: trylock %s, timedlock %s\n", strerror(r), strerror(t));
    return NULL;
}

static void *pi_blocked_waiter(void *arg)
{
    (void)arg;
    pi_waiter_started = 1;
    pthread_mutex_lock(&pi_lock); /* waits in FUTEX_LOCK_PI */
    pi_counter += 1000;
    pthread_mutex_unlock(&pi_lock);
    return NULL;
}

static void pi_mutexes(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    int r = pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT);
    printf("pi setprotocol: %s\n", strerror(r));
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&pi_lock, &attr);
    pthread_mutexattr_destroy(&attr);

    pthread_t th[PI_THREADS];
    for (int i = 0; i < PI_THREADS; i++)
        pthread_create(&th[i], NULL, pi_worker, NULL);
    for (int i = 0; i < PI_THREADS; i++)
        pthread_join(th[i], NULL);
    printf("pi counter after contention: %ld (expected %d)\n", pi_counter, PI_THREADS * PI_ROUNDS);

    pthread_mutex_lock(&pi_lock);
    printf("pi relock by owner: %s\n", strerror(pthread_mutex_lock(&pi_lock)));
    pthread_t other;
    pthread_create(&other, NULL, pi_trylock_other, NULL);
    pthread_join(other, NULL);

    /* A waiter asleep in the kernel when the owner unlocks. */
    pi_counter = 0;
    pthread_create(&other, NULL, pi_blocked_waiter, NULL);
    while (!pi_waiter_started)
        sched_yield();
    struct timespec pause = { 0, 30 * 1000 * 1000 };
    nanosleep(&pause, NULL);
    pi_counter = 1;
    pthread_mutex_unlock(&pi_lock);
    pthread_join(other, NULL);
    printf("pi handed over: counter %ld\n", pi_counter);
    printf("pi unlock when free: %s\n", strerror(pthread_mutex_unlock(&pi_lock)));
    pthread_mutex_destroy(&pi_lock);
}

/* ---- requeue-PI ------------------------------------------------------- */

static uint32_t rq_cond, rq_lock;
static volatile int rq_waiter_started;

static long futex6(uint32_t *uaddr, int op, uint32_t val, unsigned long val2, uint32_t *uaddr2,
                   uint32_t val3)
{
    long r = syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
    return r < 0 ? -errno : r;
}

static void *rq_waiter(void *arg)
{
    (void)arg;
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += 10;
    rq_waiter_started = 1;
    long r = futex6(&rq_cond, FUTEX_WAIT_REQUEUE_PI | FUTEX_PRIVATE_FLAG, 0, (unsigned long)&deadline,
                    &rq_lock, 0);
    uint32_t owner = __atomic_load_n(&rq_lock, __ATOMIC_SEQ_CST) & FUTEX_TID_MASK;
    printf("requeue-pi waiter: %s, owns the lock %d\n", strerror((int)-r),
           owner == (uint32_t)syscall(SYS_gettid));
    if (futex6(&rq_lock, FUTEX_UNLOCK_PI | FUTEX_PRIVATE_FLAG, 0, 0, NULL, 0) != 0)
        printf("requeue-pi waiter: unlock failed\n");
    return NULL;
}

static void requeue_pi(void)
{
    const int op = FUTEX_CMP_REQUEUE_PI | FUTEX_PRIVATE_FLAG;
    printf("cmp_requeue_pi nr_wake 2: %s\n", strerror((int)-futex6(&rq_cond, op, 2, 1, &rq_lock, 0)));
    printf("cmp_requeue_pi to itself: %s\n", strerror((int)-futex6(&rq_cond, op, 1, 1, &rq_cond, 0)));
    printf("cmp_requeue_pi other value: %s\n", strerror((int)-futex6(&rq_cond, op, 1, 1, &rq_lock, 7)));
    printf("wait_requeue_pi other value: %s\n",
           strerror((int)-futex6(&rq_cond, FUTEX_WAIT_REQUEUE_PI | FUTEX_PRIVATE_FLAG, 7, 0, &rq_lock, 0)));

    /* Hold the PI lock, move the waiter onto it, then hand it over. */
    rq_lock = (uint32_t)syscall(SYS_gettid);
    pthread_t th;
    pthread_create(&th, NULL, rq_waiter, NULL);
    while (!rq_waiter_started)
        sched_yield();
    struct timespec pause = { 0, 30 * 1000 * 1000 };
    nanosleep(&pause, NULL);
    printf("cmp_requeue_pi: %ld waiter(s)\n", futex6(&rq_cond, op, 1, INT_MAX, &rq_lock, 0));
    uint32_t self = (uint32_t)syscall(SYS_gettid);
    if (!__atomic_compare_exchange_n(&rq_lock, &self, 0, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        futex6(&rq_lock, FUTEX_UNLOCK_PI | FUTEX_PRIVATE_FLAG, 0, 0, NULL, 0);
    pthread_join(th, NULL);
    printf("requeue-pi lock free after: %d\n", rq_lock == 0);
}

/* ---- sendmmsg, recvmmsg ------------------------------------------------- */

static void mmsg(void)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0) {
        printf("socketpair: %s\n", strerror(errno));
        return;
    }
    static const char *heads[] = { "alpha-", "beta-", "gamma-" };
    static const char *tails[] = { "one", "two", "three" };
    struct iovec iov[3][2];
    struct mmsghdr out[3];
    memset(out, 0, sizeof out);
    for (int i = 0; i < 3; i++) {
        iov[i][0].iov_base = (void *)heads[i];
        iov[i][0].iov_len = strlen(heads[i]);
        iov[i][1].iov_base = (void *)tails[i];
        iov[i][1].iov_len = strlen(tails[i]);
        out[i].msg_hdr.msg_iov = iov[i];
        out[i].msg_hdr.msg_iovlen = 2;
    }
    int n = sendmmsg(sv[0], out, 3, 0);
    printf("sendmmsg: %d sent, lengths %u %u %u\n", n, out[0].msg_len, out[1].msg_len,
           out[2].msg_len);

    char buf[4][32];
    struct iovec riov[4];
    struct mmsghdr in[4];
    memset(in, 0, sizeof in);
    memset(buf, 0, sizeof buf);
    for (int i = 0; i < 4; i++) {
        riov[i].iov_base = buf[i];
        riov[i].iov_len = sizeof buf[i] - 1;
        in[i].msg_hdr.msg_iov = &riov[i];
        in[i].msg_hdr.msg_iovlen = 1;
    }
    struct timespec timeout = { 1, 0 };
    n = recvmmsg(sv[1], in, 4, MSG_WAITFORONE, &timeout);
    printf("recvmmsg: %d received\n", n);
    for (int i = 0; i < n && i < 4; i++)
        printf("  [%d] %u bytes \"%s\" flags %d\n", i, in[i].msg_len, buf[i], in[i].msg_hdr.msg_flags);
    errno = 0;
    n = recvmmsg(sv[1], in, 4, MSG_DONTWAIT, NULL);
    printf("recvmmsg empty: %d %s\n", n, strerror(errno));

    /* A message longer than its buffer: truncated, MSG_TRUNC reported. */
    const char *longmsg = "0123456789abcdefghijklmnopqrstuvwxyz0123456789";
    send(sv[0], longmsg, strlen(longmsg), 0);
    memset(buf, 0, sizeof buf);
    n = recvmmsg(sv[1], in, 1, 0, NULL);
    printf("recvmmsg truncated: %d, %u bytes \"%s\" trunc %d\n", n, in[0].msg_len, buf[0],
           (in[0].msg_hdr.msg_flags & MSG_TRUNC) != 0);
    errno = 0;
    n = sendmmsg(-1, out, 1, 0);
    printf("sendmmsg bad fd: %d %s\n", n, strerror(errno));
    close(sv[0]);
    close(sv[1]);
}

/* ---- signalfd ----------------------------------------------------------- */

static void signal_fd(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    printf("signalfd: %s\n", fd >= 0 ? "ok" : strerror(errno));
    if (fd < 0)
        return;
    struct signalfd_siginfo rec[2];
    errno = 0;
    ssize_t got = read(fd, rec, sizeof rec);
    printf("read with none pending: %zd %s\n", got, strerror(errno));

    union sigval val;
    val.sival_int = 4242;
    sigqueue(getpid(), SIGUSR2, val);
    raise(SIGUSR1);
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int ready = poll(&p, 1, 1000);
    printf("poll: %d revents %#x\n", ready, (unsigned)p.revents);
    memset(rec, 0, sizeof rec);
    got = read(fd, rec, sizeof rec);
    printf("read: %zd bytes (%zd records)\n", got, got / (ssize_t)sizeof rec[0]);
    for (int i = 0; i < got / (ssize_t)sizeof rec[0]; i++) {
        printf("  signo %" PRIu32 " code %" PRId32 " pid %s uid %s", rec[i].ssi_signo,
               rec[i].ssi_code, rec[i].ssi_pid == (uint32_t)getpid() ? "self" : "other",
               rec[i].ssi_uid == (uint32_t)getuid() ? "self" : "other");
        if (rec[i].ssi_code == SI_QUEUE)
            printf(" int %" PRId32, rec[i].ssi_int);
        printf("\n");
    }
    /* Changing the mask of the descriptor: only SIGUSR2 now. */
    sigset_t only2;
    sigemptyset(&only2);
    sigaddset(&only2, SIGUSR2);
    printf("signalfd update: %s\n", signalfd(fd, &only2, 0) == fd ? "same fd" : strerror(errno));
    raise(SIGUSR1);
    raise(SIGUSR2);
    memset(rec, 0, sizeof rec);
    got = read(fd, rec, sizeof rec);
    printf("read after update: %zd records, signo %" PRIu32 "\n", got / (ssize_t)sizeof rec[0],
           rec[0].ssi_signo);
    sigset_t pending;
    sigpending(&pending);
    printf("still pending: SIGUSR1 %d SIGUSR2 %d\n", sigismember(&pending, SIGUSR1),
           sigismember(&pending, SIGUSR2));
    int sig = 0;
    sigwait(&set, &sig);
    printf("sigwait took %d\n", sig);
    errno = 0;
    int bad = (int)syscall(SYS_signalfd4, -1, &set, (size_t)8, 1);
    printf("signalfd4 bad flags: %d %s\n", bad, strerror(errno));
    close(fd);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    clone3_checks();
    pi_mutexes();
    requeue_pi();
    mmsg();
    signal_fd();
    return 0;
}
