/* linux-user/thread.c — guest threads: the thread list, starting a thread
 * for clone(CLONE_THREAD), ending one for exit(2) (CHILD_CLEARTID, robust
 * futexes), ending the process, and the thread list across fork. See
 * thread.h for the picture.
 *
 * Locks: list_lock guards `threads` and leader_status; it is never held
 * while calling into the engine or guest memory helpers.
 */
#include "linux-user/thread.h"

#include <errno.h>
#include <fenv.h>
#include <inttypes.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/lu_runtime.h"
#include "linux-user/syscall.h"
#include "util/log.h"

/* clone flags (the same numbers on every Linux). */
enum {
    LU_CLONE_VM = 0x100, LU_CLONE_FS = 0x200, LU_CLONE_FILES = 0x400,
    LU_CLONE_SIGHAND = 0x800, LU_CLONE_THREAD = 0x10000, LU_CLONE_SYSVSEM = 0x40000,
    LU_CLONE_SETTLS = 0x80000, LU_CLONE_PARENT_SETTID = 0x100000,
    LU_CLONE_CHILD_CLEARTID = 0x200000, LU_CLONE_DETACHED = 0x400000,
    LU_CLONE_UNTRACED = 0x800000, LU_CLONE_CHILD_SETTID = 0x1000000,
};
#define LU_CLONE_EXIT_SIGNAL 0xffull /* ignored for threads, as the kernel does */

/* What a host thread can be: one address space, file system information,
 * file table and signal handlers shared with the whole process. */
#define LU_THREAD_REQUIRED \
    (LU_CLONE_VM | LU_CLONE_FS | LU_CLONE_FILES | LU_CLONE_SIGHAND | LU_CLONE_THREAD)
/* What a thread may ask for besides (DETACHED and UNTRACED mean nothing
 * to today's kernels; SYSVSEM: semadj is shared as between host threads). */
#define LU_THREAD_OPTIONAL                                                                    \
    (LU_CLONE_SYSVSEM | LU_CLONE_SETTLS | LU_CLONE_PARENT_SETTID | LU_CLONE_CHILD_CLEARTID | \
     LU_CLONE_DETACHED | LU_CLONE_UNTRACED | LU_CLONE_CHILD_SETTID | LU_CLONE_EXIT_SIGNAL)

static GMutex list_lock;
static GPtrArray *threads;     /* LuThread *, the live guest threads */
static int leader_status = -1; /* exit(2) status of the first thread, once it left early */
static __thread LuThread *current;

static void list_add(LuThread *t)
{
    g_mutex_lock(&list_lock);
    if (!threads)
        threads = g_ptr_array_new();
    g_ptr_array_add(threads, t);
    g_mutex_unlock(&list_lock);
}

LuThread *lu_thread_self(void)
{
    if (current || !lu_thread_cpu)
        return current;
    /* The thread that started the process: every other one is registered
     * before its guest code runs. */
    LuThread *t = g_new0(LuThread, 1);
    t->cpu = lu_thread_cpu;
    t->tid = gettid();
    t->host = pthread_self();
    t->cpu->owner = t;
    current = t;
    list_add(t);
    return t;
}

/* ---- starting a thread ----------------------------------------------------- */

typedef struct ThreadStart {
    LuThread *t;
    uint64_t flags, ptid, ctid;
    uint64_t sig_blocked; /* the parent thread's guest signal mask */
    sigset_t host_mask; /* the parent thread's host signal mask */
    fenv_t fenv;        /* its FP environment: rounding mode, exception masks */
    sem_t started;      /* posted once the tid is known and written */
    pid_t tid;          /* the child's, for the parent (t may be gone by then) */
} ThreadStart;

static void *thread_main(void *arg)
{
    ThreadStart *st = arg;
    LuThread *t = st->t;
    t->tid = gettid();
    t->host = pthread_self();
    current = t;
    lu_thread_cpu = t->cpu;
    list_add(t);
    /* The kernel writes both words before either thread runs on. */
    if (st->flags & LU_CLONE_PARENT_SETTID)
        lu_put_u32(st->ptid, (uint32_t)t->tid);
    if (st->flags & LU_CLONE_CHILD_SETTID)
        lu_put_u32(st->ctid, (uint32_t)t->tid);
    st->tid = t->tid;
    sigset_t mask = st->host_mask;
    fenv_t fenv = st->fenv;
    lu_sig_blocked = st->sig_blocked; /* the creator's, as clone gives it */
    sem_post(&st->started); /* st lives on the parent's stack: not used below */
    fesetenv(&fenv);
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    lu_cpu_loop(t->cpu);
}

/* The child's cpu: the parent's registers, its own engine caches. */
static CpuCommon *cpu_copy(const CpuCommon *parent)
{
    const GuestArch *arch = lu_proc.arch;
    CpuCommon *cpu = g_malloc(arch->cpu_size);
    memcpy(cpu, parent, arch->cpu_size);
    cpu->exit_request = 0;
    cpu->in_guest = 0;
    cpu->run_one_insn = 0;
    cpu->owner = NULL;
    cpu->jmp_cache = NULL;
    cpu->ret_stack = NULL;
    engine_attach_cpu(lu_proc.engine, cpu);
    return cpu;
}

static int64_t unsupported(uint64_t flags, const char *why)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("morph: unimplemented clone flags %#" PRIx64 " (%s)\n", flags, why);
    return -ENOSYS;
}

int64_t lu_thread_clone(CpuCommon *parent, uint64_t flags, uint64_t newsp, uint64_t ptid,
                        uint64_t ctid, uint64_t tls)
{
    /* The kernel's own consistency rules first (copy_process). */
    if ((flags & LU_CLONE_THREAD) && !(flags & LU_CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & LU_CLONE_SIGHAND) && !(flags & LU_CLONE_VM))
        return -EINVAL;
    if ((flags & LU_THREAD_REQUIRED) != LU_THREAD_REQUIRED)
        return unsupported(flags, "a thread with its own files or file system information");
    if (flags & ~(uint64_t)(LU_THREAD_REQUIRED | LU_THREAD_OPTIONAL))
        return unsupported(flags, "thread");
    if (!lu_proc.abi->clone_regs)
        return unsupported(flags, "no thread registers for this guest");
    lu_thread_self(); /* the parent is on the list before the child */

    LuThread *t = g_new0(LuThread, 1);
    t->cpu = cpu_copy(parent);
    t->cpu->owner = t;
    if (flags & LU_CLONE_CHILD_CLEARTID)
        t->clear_child_tid = ctid;
    lu_proc.abi->clone_regs(t->cpu, newsp, (flags & LU_CLONE_SETTLS) != 0, tls);
    lu_proc.abi->syscall_return(t->cpu, 0);

    ThreadStart st = {.t = t, .flags = flags, .ptid = ptid, .ctid = ctid,
                      .sig_blocked = lu_sig_blocked};
    sem_init(&st.started, 0, 0);
    fegetenv(&st.fenv);
    /* No host signal reaches the new thread before it knows its cpu. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &st.host_mask);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t host;
    int err = pthread_create(&host, &attr, thread_main, &st);
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &st.host_mask, NULL);
    if (err) {
        engine_detach_cpu(lu_proc.engine, t->cpu);
        g_free(t->cpu);
        g_free(t);
        sem_destroy(&st.started);
        return -EAGAIN;
    }
    while (sem_wait(&st.started) != 0 && errno == EINTR)
        ;
    sem_destroy(&st.started);
    return st.tid;
}

/* ---- ending threads and the process ------------------------------------------ */

static void flush_all(void)
{
    fflush(NULL);
    if (log_file)
        fflush(log_file);
}

_Noreturn void lu_process_exit(int status)
{
    lu_print_stats();
    flush_all();
    _exit(status & 0xff);
}

/* Robust futex words (set_robust_list) the dying thread still holds get
 * FUTEX_OWNER_DIED and one waiter woken, as the kernel's
 * exit_robust_list does. Guest layout: struct robust_list_head { list
 * pointer; long futex_offset; list_op_pending pointer }, each list entry
 * starting with its next pointer, bit 0 of which marks a PI futex. */
enum { ROBUST_LIST_LIMIT = 2048 };
#define LU_FUTEX_WAITERS 0x80000000u
#define LU_FUTEX_OWNER_DIED 0x40000000u
#define LU_FUTEX_TID_MASK 0x3fffffffu

static void futex_owner_died(uint64_t addr, pid_t tid, bool pi)
{
    if ((addr & 3) || !lu_access_ok(addr, 4, PROT_READ | PROT_WRITE))
        return;
    for (;;) {
        uint32_t old = lu_futex_load(addr);
        if ((old & LU_FUTEX_TID_MASK) != (uint32_t)tid)
            return;
        uint32_t new = (old & LU_FUTEX_WAITERS) | LU_FUTEX_OWNER_DIED;
        if (!lu_futex_cmpxchg(addr, old, new))
            continue;
        if (!pi && (old & LU_FUTEX_WAITERS))
            lu_futex_wake(addr, 1, false);
        return;
    }
}

static void release_robust_futexes(const LuThread *t)
{
    uint64_t head = t->robust_list_head;
    unsigned word = lu_layouts()->long_size;
    uint64_t entry, offset, pending;
    if (!head || lu_get_long(head, &entry) || lu_get_long(head + word, &offset) ||
        lu_get_long(head + 2 * word, &pending))
        return;
    int64_t futex_offset = word == 4 ? (int64_t)(int32_t)offset : (int64_t)offset;
    for (unsigned n = 0; entry != head && n < ROBUST_LIST_LIMIT; n++) {
        uint64_t next;
        if (lu_get_long(entry & ~1ull, &next))
            break;
        /* The pending entry is done last (the kernel's order). */
        if ((entry & ~1ull) != (pending & ~1ull))
            futex_owner_died((entry & ~1ull) + (uint64_t)futex_offset, t->tid, entry & 1);
        entry = next;
    }
    if (pending)
        futex_owner_died((pending & ~1ull) + (uint64_t)futex_offset, t->tid, pending & 1);
}

/* The host alternate signal stack lu_signal_thread_init gave this thread
 * (g_malloc'ed there): switched off and freed, with every signal blocked,
 * so nothing (nor a sanitizer's thread teardown) uses it afterwards. */
static void drop_altstack(void)
{
    stack_t off = {.ss_flags = SS_DISABLE}, old;
    if (sigaltstack(&off, &old) == 0 && !(old.ss_flags & SS_DISABLE))
        g_free(old.ss_sp);
}

_Noreturn void lu_thread_exit(CpuCommon *cpu, int status)
{
    LuThread *t = lu_thread_self();
    /* From here on no host signal may find this thread's cpu. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    g_mutex_lock(&list_lock);
    if (!threads || threads->len <= 1) {
        /* The last thread: the process ends, with the first thread's
         * status if that one left already (the kernel reports the
         * group leader's). */
        int code = leader_status >= 0 ? leader_status : status;
        g_mutex_unlock(&list_lock);
        lu_process_exit(code);
    }
    g_ptr_array_remove_fast(threads, t);
    if (t->tid == getpid())
        leader_status = status & 0xff;
    g_mutex_unlock(&list_lock);

    release_robust_futexes(t);
    uint64_t ctid = t->clear_child_tid;
    if (ctid && !(ctid & 3) && lu_access_ok(ctid, 4, PROT_WRITE)) {
        __atomic_store_n((uint32_t *)lu_g2h(ctid), 0, __ATOMIC_SEQ_CST);
        lu_futex_wake(ctid, 1, false); /* pthread_join waits on it */
    }
    current = NULL;
    lu_thread_cpu = NULL;
    drop_altstack();
    engine_detach_cpu(lu_proc.engine, cpu);
    g_free(cpu);
    g_free(t);
    pthread_exit(NULL);
}

/* ---- the list, for others ------------------------------------------------------ */

bool lu_thread_with_tid(pid_t tid, void (*fn)(LuThread *t, void *opaque), void *opaque)
{
    lu_thread_self();
    bool found = false;
    g_mutex_lock(&list_lock);
    for (guint i = 0; threads && i < threads->len && !found; i++) {
        LuThread *t = g_ptr_array_index(threads, i);
        if (t->tid == tid) {
            fn(t, opaque);
            found = true;
        }
    }
    g_mutex_unlock(&list_lock);
    return found;
}

void lu_thread_foreach(void (*fn)(LuThread *t, void *opaque), void *opaque)
{
    lu_thread_self();
    g_mutex_lock(&list_lock);
    for (guint i = 0; threads && i < threads->len; i++)
        fn(g_ptr_array_index(threads, i), opaque);
    g_mutex_unlock(&list_lock);
}

unsigned lu_thread_count(void)
{
    lu_thread_self();
    g_mutex_lock(&list_lock);
    unsigned n = threads ? threads->len : 0;
    g_mutex_unlock(&list_lock);
    return n;
}

/* ---- fork ------------------------------------------------------------------------ */

void lu_thread_before_fork(void)
{
    lu_thread_self();
    g_mutex_lock(&list_lock);
}

void lu_thread_after_fork_parent(void)
{
    g_mutex_unlock(&list_lock);
}

void lu_thread_after_fork_child(void)
{
    LuThread *self = current;
    GPtrArray *gone = g_ptr_array_new();
    for (guint i = 0; threads && i < threads->len; i++) {
        LuThread *t = g_ptr_array_index(threads, i);
        if (t != self)
            g_ptr_array_add(gone, t);
    }
    if (threads)
        g_ptr_array_set_size(threads, 0);
    if (self) {
        self->tid = gettid();
        g_ptr_array_add(threads, self);
    }
    leader_status = -1;
    g_mutex_unlock(&list_lock);
    /* Their host threads do not exist here: only their memory remains. */
    for (guint i = 0; i < gone->len; i++) {
        LuThread *t = g_ptr_array_index(gone, i);
        engine_detach_cpu(lu_proc.engine, t->cpu);
        g_free(t->cpu);
        g_free(t);
    }
    g_ptr_array_free(gone, TRUE);
}
