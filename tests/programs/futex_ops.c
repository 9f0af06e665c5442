/* futex_ops.c — the futex system call used directly, as glibc's locks
 * do underneath: WAIT with a stale value, relative and absolute timeouts
 * (WAIT, WAIT_BITSET on both clocks), WAKE of a real waiter, CMP_REQUEUE
 * moving waiters between words, WAKE_OP changing a word (its value read
 * back as an ordinary int) and waking by its comparison, and the errors
 * for a misaligned word and an unknown command. Waits that must find a
 * waiter loop until the kernel reports it queued, so the counts printed
 * do not depend on scheduling. */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts,
                  uint32_t *uaddr2, uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

/* futex's second argument slot carries a count for requeue and wake_op. */
static long futex2(uint32_t *uaddr, int op, uint32_t val, uint32_t val2, uint32_t *uaddr2,
                   uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, (unsigned long)val2, uaddr2, val3);
}

static const char *err_name(int e)
{
    switch (e) {
    case EAGAIN: return "EAGAIN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EINVAL: return "EINVAL";
    case ENOSYS: return "ENOSYS";
    case EFAULT: return "EFAULT";
    case EINTR: return "EINTR";
    }
    return "other";
}

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, err_name(errno));
    else
        printf("%s: %ld\n", what, r);
}

static uint32_t word_a, word_b, word_c;
static uint32_t waiters_done;

static void *waiter_on_a(void *arg)
{
    (void)arg;
    long r;
    do /* a spurious wake-up or a wake meant for another waiter */
        r = futex(&word_a, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    while (__atomic_load_n(&word_a, __ATOMIC_ACQUIRE) == 0);
    (void)r;
    __atomic_fetch_add(&waiters_done, 1, __ATOMIC_RELEASE);
    return NULL;
}

static struct timespec in_10ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    ts.tv_nsec += 10 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_nsec -= 1000000000;
        ts.tv_sec++;
    }
    return ts;
}

int main(void)
{
    /* Waits that do not sleep for long. */
    word_a = 1;
    show("wait on a changed value", futex(&word_a, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0));
    struct timespec rel = {0, 10 * 1000 * 1000};
    show("wait, 10ms relative timeout", futex(&word_a, FUTEX_WAIT_PRIVATE, 1, &rel, NULL, 0));
    struct timespec mono = in_10ms(CLOCK_MONOTONIC);
    show("wait_bitset, absolute monotonic timeout",
         futex(&word_a, FUTEX_WAIT_BITSET_PRIVATE, 1, &mono, NULL, FUTEX_BITSET_MATCH_ANY));
    struct timespec real = in_10ms(CLOCK_REALTIME);
    show("wait_bitset, absolute realtime timeout",
         futex(&word_a, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 1, &real, NULL,
               FUTEX_BITSET_MATCH_ANY));
    show("wait_bitset with an empty bitset",
         futex(&word_a, FUTEX_WAIT_BITSET_PRIVATE, 1, NULL, NULL, 0));
    show("wake with no waiter", futex(&word_a, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));

    /* Three waiters on a: requeued to b, then woken from b. */
    word_a = 0;
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, waiter_on_a, NULL);
    show("cmp_requeue with a stale value",
         futex2(&word_a, FUTEX_CMP_REQUEUE_PRIVATE, 0, INT_MAX, &word_b, 7));
    long moved = 0;
    while (moved < 3) {
        long r = futex2(&word_a, FUTEX_CMP_REQUEUE_PRIVATE, 0, INT_MAX, &word_b, 0);
        if (r > 0)
            moved += r;
        else
            sched_yield();
    }
    printf("requeued to b: %ld\n", moved);
    /* A waiter woken early (EINTR) waits on a again and may be requeued
     * twice: which queue each one sits in is timing, the total is not. */
    long woken = futex(&word_a, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0);
    __atomic_store_n(&word_a, 1, __ATOMIC_RELEASE); /* the waiters may leave now */
    woken += futex(&word_b, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    woken += futex(&word_b, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
    printf("woken on a and b after the requeue: %ld\n", woken);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("waiters done: %u\n", waiters_done);

    /* wake_op: the operation on c, then a wake on c by the comparison. */
    word_c = 5;
    show("wake_op add 3, old > 4",
         futex2(&word_a, FUTEX_WAKE_OP_PRIVATE, 1, 1, &word_c,
                FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_GT, 4)));
    printf("c = %u\n", word_c);
    show("wake_op or 1<<4, old == 8",
         futex2(&word_a, FUTEX_WAKE_OP_PRIVATE, 1, 1, &word_c,
                FUTEX_OP((FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT), 4, FUTEX_OP_CMP_EQ, 8)));
    printf("c = %u\n", word_c);
    show("wake_op andn 8, old < 0",
         futex2(&word_a, FUTEX_WAKE_OP_PRIVATE, 1, 1, &word_c,
                FUTEX_OP(FUTEX_OP_ANDN, 8, FUTEX_OP_CMP_LT, 0)));
    printf("c = %u\n", word_c);
    show("wake_op xor -1 (12-bit), old >= 16",
         futex2(&word_a, FUTEX_WAKE_OP_PRIVATE, 1, 1, &word_c,
                FUTEX_OP(FUTEX_OP_XOR, 0xfff, FUTEX_OP_CMP_GE, 16)));
    printf("c = %u\n", word_c);
    /* A waiter, moved to b once it is surely asleep, woken through
     * wake_op's comparison on b. */
    word_a = 0;
    word_b = 0;
    waiters_done = 0;
    pthread_create(&t[0], NULL, waiter_on_a, NULL);
    while (futex2(&word_a, FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, &word_b, 0) != 1)
        sched_yield();
    __atomic_store_n(&word_a, 1, __ATOMIC_RELEASE);
    show("wake_op set b = 1, old == 0, wakes the waiter on b",
         futex2(&word_c, FUTEX_WAKE_OP_PRIVATE, 0, 1, &word_b,
                FUTEX_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_EQ, 0)));
    pthread_join(t[0], NULL);
    printf("b = %u, waiters done: %u\n", word_b, waiters_done);

    /* Errors. */
    uint32_t pair[2] = {0, 0};
    show("wait on a misaligned word",
         futex((uint32_t *)(void *)((char *)pair + 1), FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0));
    show("unknown command", futex(&word_a, 99, 0, NULL, NULL, 0));
    return 0;
}
