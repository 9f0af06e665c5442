/* linux-user/syscall_thread.c — system calls of guest threads: exit (one
 * thread) and exit_group (all of them), set_tid_address, set_robust_list,
 * and futex on guest words. (clone lives with fork in syscall_proc.c; a
 * thread's life is in thread.c.)
 *
 * Futexes: guest memory is host memory, so a guest futex word is a host
 * futex word at guest_base + addr, and waiters of all guest threads (and
 * of other processes sharing the memory) meet in the host kernel. Only
 * the values the kernel compares or changes need care: they are in the
 * guest's byte order.
 *
 *   WAIT, WAIT_BITSET        compare value byte-swapped for a big-endian
 *                            guest; timeout converted from the guest's
 *                            timespec (relative for WAIT, absolute for
 *                            WAIT_BITSET, as the host also reads them)
 *   WAKE, WAKE_BITSET        as they are
 *   REQUEUE, CMP_REQUEUE     as they are (compare value swapped)
 *   WAKE_OP                  the operation is done here, atomically in
 *                            guest order, then two host wakes
 *   LOCK_PI, LOCK_PI2,       a guest of the host's byte order: the host's
 *   TRYLOCK_PI, UNLOCK_PI    own PI futexes (the word holds a host tid in
 *                            host order, as the kernel wants it); a guest
 *                            of the other order: the same protocol done
 *                            here on the guest-order word (owner tid |
 *                            FUTEX_WAITERS), waiting on the word with a
 *                            plain host futex wait; mutual exclusion and
 *                            the glibc fast paths hold, priorities are
 *                            not inherited
 *   WAIT_REQUEUE_PI,         a guest of the host's byte order: the host's;
 *   CMP_REQUEUE_PI           the other order: the requeue wakes the
 *                            waiters, which then lock the PI word as above
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/thread.h"
#include "util/log.h"

/* ---- exit and thread bookkeeping ------------------------------------------ */

int64_t lu_sys_exit(CpuCommon *cpu, const uint64_t a[6])
{
    lu_thread_exit(cpu, lu_arg_int(a[0]));
}

int64_t lu_sys_exit_group(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    lu_process_exit(lu_arg_int(a[0]));
}

int64_t lu_sys_set_tid_address(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    LuThread *t = lu_thread_self();
    if (t)
        t->clear_child_tid = a[0];
    return gettid();
}

int64_t lu_sys_set_robust_list(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    /* struct robust_list_head: three guest longs. */
    if (a[1] != 3 * (uint64_t)lu_layouts()->long_size)
        return -EINVAL;
    LuThread *t = lu_thread_self();
    if (t) {
        t->robust_list_head = a[0];
        t->robust_list_len = a[1];
    }
    return 0;
}

/* ---- guest futex words -------------------------------------------------------- */

/* A futex word between guest order and host order (the same swap both
 * ways). */
static uint32_t guest_order(uint32_t v)
{
    return lu_layouts()->big_endian ? __builtin_bswap32(v) : v;
}

uint32_t lu_futex_load(uint64_t addr)
{
    return guest_order(__atomic_load_n((uint32_t *)lu_g2h(addr), __ATOMIC_SEQ_CST));
}

bool lu_futex_cmpxchg(uint64_t addr, uint32_t expected, uint32_t desired)
{
    uint32_t raw = guest_order(expected);
    return __atomic_compare_exchange_n((uint32_t *)lu_g2h(addr), &raw, guest_order(desired), false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

int lu_futex_wake(uint64_t addr, int n, bool private)
{
    long r = syscall(SYS_futex, lu_g2h(addr), FUTEX_WAKE | (private ? FUTEX_PRIVATE_FLAG : 0), n,
                     NULL, NULL, 0);
    return r < 0 ? 0 : (int)r;
}

/* ---- FUTEX_WAKE_OP ------------------------------------------------------------- */

/* val3 = op:4 cmp:4 oparg:12 cmparg:12 (linux/futex.h); the 12-bit fields
 * are signed. */
static int32_t field12(uint32_t v)
{
    return (int32_t)(v << 20) >> 20;
}

/* new value of the word for each FUTEX_OP_*, NULL: not an operation */
typedef uint32_t FutexOpFn(uint32_t old, uint32_t arg);
static uint32_t op_set(uint32_t old, uint32_t arg) { (void)old; return arg; }
static uint32_t op_add(uint32_t old, uint32_t arg) { return old + arg; }
static uint32_t op_or(uint32_t old, uint32_t arg) { return old | arg; }
static uint32_t op_andn(uint32_t old, uint32_t arg) { return old & ~arg; }
static uint32_t op_xor(uint32_t old, uint32_t arg) { return old ^ arg; }

static FutexOpFn *const futex_ops[16] = {
    [FUTEX_OP_SET] = op_set, [FUTEX_OP_ADD] = op_add, [FUTEX_OP_OR] = op_or,
    [FUTEX_OP_ANDN] = op_andn, [FUTEX_OP_XOR] = op_xor,
};

/* The comparison of the old value with cmparg (signed, as the kernel
 * does); -1 for an unknown comparison. */
static int futex_cmp(unsigned cmp, int32_t old, int32_t arg)
{
    switch (cmp) {
    case FUTEX_OP_CMP_EQ: return old == arg;
    case FUTEX_OP_CMP_NE: return old != arg;
    case FUTEX_OP_CMP_LT: return old < arg;
    case FUTEX_OP_CMP_LE: return old <= arg;
    case FUTEX_OP_CMP_GT: return old > arg;
    case FUTEX_OP_CMP_GE: return old >= arg;
    }
    return -1;
}

static int64_t futex_wake_op(uint64_t uaddr, bool private, int nr_wake, int nr_wake2,
                             uint64_t uaddr2, uint32_t encoded)
{
    unsigned op = encoded >> 28 & 7, cmp = encoded >> 24 & 15;
    int32_t oparg = field12(encoded >> 12), cmparg = field12(encoded);
    if (encoded >> 28 & FUTEX_OP_OPARG_SHIFT)
        oparg = (int32_t)(1u << (oparg & 31));
    FutexOpFn *fn = futex_ops[op];
    if (!fn || cmp > FUTEX_OP_CMP_GE)
        return -ENOSYS;
    if (uaddr2 & 3)
        return -EINVAL;
    if (!lu_access_ok(uaddr2, 4, PROT_READ | PROT_WRITE))
        return -EFAULT;
    uint32_t old;
    do {
        old = lu_futex_load(uaddr2);
    } while (!lu_futex_cmpxchg(uaddr2, old, fn(old, (uint32_t)oparg)));
    int woken = lu_futex_wake(uaddr, nr_wake, private);
    if (futex_cmp(cmp, (int32_t)old, cmparg) > 0)
        woken += lu_futex_wake(uaddr2, nr_wake2, private);
    return woken;
}

/* ---- priority-inheritance futexes ------------------------------------------------ */

/* The host kernel can run the guest's PI futexes itself when the word is
 * in host order. */
static bool pi_native(void)
{
    return lu_layouts()->big_endian == (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
}

/* LOCK_PI/LOCK_PI2 on a word of the other byte order. tsp: the absolute
 * deadline (CLOCK_REALTIME for LOCK_PI, CLOCK_MONOTONIC for LOCK_PI2
 * unless FUTEX_CLOCK_REALTIME), NULL for none. A lock taken after waiting
 * keeps FUTEX_WAITERS set, so its unlock comes here and wakes the next. */
static int64_t pi_lock_emulated(uint64_t uaddr, int op, const struct timespec *tsp)
{
    uint32_t self = (uint32_t)gettid();
    int cmd = op & FUTEX_CMD_MASK;
    bool realtime = cmd == FUTEX_LOCK_PI || (op & FUTEX_CLOCK_REALTIME);
    int wait_op = FUTEX_WAIT_BITSET | (op & FUTEX_PRIVATE_FLAG) |
                  (realtime ? FUTEX_CLOCK_REALTIME : 0);
    bool waited = false;
    for (;;) {
        uint32_t v = lu_futex_load(uaddr);
        uint32_t owner = v & FUTEX_TID_MASK;
        if (owner == 0) {
            uint32_t taken = (v & FUTEX_OWNER_DIED) | self | (waited ? FUTEX_WAITERS : 0);
            if (lu_futex_cmpxchg(uaddr, v, taken))
                return 0;
            continue;
        }
        if (owner == self)
            return -EDEADLK;
        if (!(v & FUTEX_WAITERS)) {
            if (!lu_futex_cmpxchg(uaddr, v, v | FUTEX_WAITERS))
                continue;
            v |= FUTEX_WAITERS;
        }
        waited = true;
        long r = syscall(SYS_futex, lu_g2h(uaddr), wait_op, guest_order(v), tsp, NULL,
                         FUTEX_BITSET_MATCH_ANY);
        if (r < 0 && errno == ETIMEDOUT)
            return -ETIMEDOUT;
        /* woken, the word changed (EAGAIN) or a host signal (EINTR): the
         * kernel restarts a PI lock after a signal, so does this loop */
    }
}

static int64_t pi_trylock_emulated(uint64_t uaddr)
{
    uint32_t self = (uint32_t)gettid();
    for (;;) {
        uint32_t v = lu_futex_load(uaddr);
        uint32_t owner = v & FUTEX_TID_MASK;
        if (owner == self)
            return -EDEADLK;
        if (owner != 0)
            return -EWOULDBLOCK;
        if (lu_futex_cmpxchg(uaddr, v, (v & (FUTEX_OWNER_DIED | FUTEX_WAITERS)) | self))
            return 0;
    }
}

/* The kernel hands the lock to its top waiter; here the word is freed and
 * one waiter woken, which takes it (or finds it taken again and waits). */
static int64_t pi_unlock_emulated(uint64_t uaddr, bool private)
{
    uint32_t self = (uint32_t)gettid();
    uint32_t v;
    do {
        v = lu_futex_load(uaddr);
        if ((v & FUTEX_TID_MASK) != self)
            return -EPERM;
    } while (!lu_futex_cmpxchg(uaddr, v, 0));
    if (v & FUTEX_WAITERS)
        lu_futex_wake(uaddr, 1, private);
    return 0;
}

static int64_t do_futex_pi(uint64_t uaddr, int op, const struct timespec *tsp)
{
    int cmd = op & FUTEX_CMD_MASK;
    if (!lu_access_ok(uaddr, 4, PROT_READ | PROT_WRITE))
        return -EFAULT;
    if (pi_native())
        return lu_ret(syscall(SYS_futex, lu_g2h(uaddr), op, 0, tsp, NULL, 0));
    switch (cmd) {
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
        return pi_lock_emulated(uaddr, op, tsp);
    case FUTEX_TRYLOCK_PI:
        return pi_trylock_emulated(uaddr);
    default: /* FUTEX_UNLOCK_PI */
        return pi_unlock_emulated(uaddr, (op & FUTEX_PRIVATE_FLAG) != 0);
    }
}

/* Requeue-PI: a waiter of a[0] (WAIT_REQUEUE_PI: value a[2], deadline
 * tsp) is moved by CMP_REQUEUE_PI (a[0] holds a[5]: wake one, move up to
 * a[3] more) to the PI word a[4], and returns owning it. A host-order
 * guest uses the host's; the other order wakes the waiters, each of
 * which then takes the PI word as pi_lock_emulated does. */
static int64_t futex_requeue_pi(const uint64_t a[6], int op, const struct timespec *tsp)
{
    bool wait = (op & FUTEX_CMD_MASK) == FUTEX_WAIT_REQUEUE_PI;
    bool private = (op & FUTEX_PRIVATE_FLAG) != 0;
    if ((a[4] & 3) || a[4] == a[0] || (!wait && (uint32_t)a[2] != 1))
        return -EINVAL;
    if (!lu_access_ok(a[4], 4, PROT_READ | PROT_WRITE))
        return -EFAULT;
    if (pi_native()) {
        unsigned long val2 = wait ? (unsigned long)tsp : (unsigned long)(uint32_t)a[3];
        return lu_ret(syscall(SYS_futex, lu_g2h(a[0]), op, (uint32_t)a[2], val2, lu_g2h(a[4]),
                              wait ? 0u : (uint32_t)a[5]));
    }
    if (!wait) {
        if (lu_futex_load(a[0]) != (uint32_t)a[5])
            return -EAGAIN;
        uint32_t requeue = (uint32_t)a[3];
        return lu_futex_wake(a[0], requeue >= INT32_MAX ? INT32_MAX : (int)requeue + 1, private);
    }
    int wait_op = FUTEX_WAIT_BITSET | (op & (FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
    if (syscall(SYS_futex, lu_g2h(a[0]), wait_op, guest_order((uint32_t)a[2]), tsp, NULL,
                FUTEX_BITSET_MATCH_ANY) != 0)
        return lu_host_err();
    return pi_lock_emulated(a[4], op, tsp);
}

/* ---- futex -------------------------------------------------------------------- */

static int64_t do_futex(const uint64_t a[6], const LuStruct *ts_layout)
{
    uint64_t uaddr = a[0];
    int op = lu_arg_int(a[1]);
    int cmd = op & FUTEX_CMD_MASK;
    bool private = (op & FUTEX_PRIVATE_FLAG) != 0;
    if (uaddr & 3)
        return -EINVAL; /* get_futex_key's rule, before any access */
    if (!lu_access_ok(uaddr, 4, PROT_READ))
        return -EFAULT;
    struct timespec ts, *tsp = NULL;
    long r;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (a[3]) {
            uint64_t v[LU_MAX_FIELDS];
            if (lu_get_struct(ts_layout, a[3], v))
                return -EFAULT;
            ts.tv_sec = (time_t)v[LU_TIME_SEC];
            ts.tv_nsec = (long)(int64_t)v[LU_TIME_FRAC];
            tsp = &ts;
        }
        if (cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2)
            return do_futex_pi(uaddr, op, tsp);
        if (cmd == FUTEX_WAIT_REQUEUE_PI)
            return futex_requeue_pi(a, op, tsp);
        r = lu_safe_syscall(SYS_futex, lu_g2h(uaddr), op, guest_order((uint32_t)a[2]), tsp, NULL,
                    (uint32_t)a[5]);
        return lu_ret(r);
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        r = syscall(SYS_futex, lu_g2h(uaddr), op, (uint32_t)a[2], NULL, NULL, (uint32_t)a[5]);
        return lu_ret(r);
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
        if (a[4] & 3)
            return -EINVAL;
        if (!lu_access_ok(a[4], 4, PROT_READ))
            return -EFAULT;
        r = syscall(SYS_futex, lu_g2h(uaddr), op, (uint32_t)a[2], (unsigned long)(uint32_t)a[3],
                    lu_g2h(a[4]), cmd == FUTEX_CMP_REQUEUE ? guest_order((uint32_t)a[5]) : 0u);
        return lu_ret(r);
    case FUTEX_TRYLOCK_PI:
    case FUTEX_UNLOCK_PI:
        return do_futex_pi(uaddr, op, NULL);
    case FUTEX_CMP_REQUEUE_PI:
        return futex_requeue_pi(a, op, NULL);
    case FUTEX_WAKE_OP: /* an unknown operation is -ENOSYS from the kernel too */
        return futex_wake_op(uaddr, private, lu_arg_int(a[2]), lu_arg_int(a[3]), a[4],
                             (uint32_t)a[5]);
    }
    if (log_enabled(LOG_UNIMP))
        log_printf("morph: unimplemented futex op %d\n", op);
    return -ENOSYS;
}

int64_t lu_sys_futex(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_futex(a, &lu_layouts()->timespec);
}

int64_t lu_sys_futex_time64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_futex(a, &lu_layouts()->timespec64);
}
