/* linux-user/thread.h — guest threads: each is a host thread running its
 * own copy of the guest cpu on the process's one engine. The thread list
 * (tid -> thread) is what signal delivery uses to find a thread's cpu.
 *
 *   clone(CLONE_VM|CLONE_THREAD|...) ─► lu_thread_clone
 *        child cpu = copy of the parent's ─► abi->clone_regs (sp, TLS)
 *        ─► host thread: registered, PARENT_SETTID/CHILD_SETTID written,
 *           parent released with the tid ─► lu_cpu_loop
 *   exit(2) ─► lu_thread_exit: CHILD_CLEARTID word = 0 + futex wake,
 *        robust futexes marked OWNER_DIED, cpu detached, host thread ends;
 *        the last thread ends the process
 *   exit_group(2) ─► lu_process_exit: the whole process, now
 *
 * A guest thread's tid is its host thread's tid, as the guest sees it in
 * gettid, set_tid_address and the CLONE_*TID words.
 */
#ifndef MORPH_LU_THREAD_H
#define MORPH_LU_THREAD_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "linux-user/lu.h"

typedef struct LuThread {
    CpuCommon *cpu;            /* cpu->owner points back here */
    pid_t tid;
    pthread_t host;
    uint64_t clear_child_tid;  /* CLONE_CHILD_CLEARTID / set_tid_address word, 0: none */
    uint64_t robust_list_head; /* set_robust_list, 0: none */
    uint64_t robust_list_len;
} LuThread;

/* The calling guest thread (registered on first use for the thread that
 * started the process); NULL on a host thread that runs no guest cpu. */
LuThread *lu_thread_self(void);

/* clone with CLONE_THREAD: a new guest thread continuing from `parent`
 * (at the instruction after its syscall) with stack newsp and, for
 * CLONE_SETTLS, thread pointer tls. Returns its tid or -errno; flags
 * morph cannot give a thread are -ENOSYS (logged under -d unimp). */
int64_t lu_thread_clone(CpuCommon *parent, uint64_t flags, uint64_t newsp, uint64_t ptid,
                        uint64_t ctid, uint64_t tls);

/* exit(2) of the calling guest thread; the process ends with the last. */
_Noreturn void lu_thread_exit(CpuCommon *cpu, int status);
/* exit_group(2): every thread, with `status`. */
_Noreturn void lu_process_exit(int status);

/* Run fn on the thread with this tid while it cannot go away (the list
 * lock is held: fn must not block, create or end threads). False if no
 * guest thread has that tid. */
bool lu_thread_with_tid(pid_t tid, void (*fn)(LuThread *t, void *opaque), void *opaque);
/* Run fn on every guest thread, under the same lock. */
void lu_thread_foreach(void (*fn)(LuThread *t, void *opaque), void *opaque);
unsigned lu_thread_count(void);

/* Guest futex words (syscall_thread.c), 4-aligned and checked by the
 * caller: atomic load and compare-and-swap in the guest's byte order, and
 * a wake of up to n host waiters (private: FUTEX_PRIVATE_FLAG waiters).
 * Guest memory is host memory, so host futexes on it are the guest's. */
uint32_t lu_futex_load(uint64_t addr);
bool lu_futex_cmpxchg(uint64_t addr, uint32_t expected, uint32_t desired);
int lu_futex_wake(uint64_t addr, int n, bool private);

/* fork(): before it, in the parent after it, in the child after it. The
 * child keeps only the calling thread (with its new tid); the other
 * threads' cpus leave the engine. Call between engine_before_fork and
 * engine_after_fork / engine_after_fork_parent (inside them). */
void lu_thread_before_fork(void);
void lu_thread_after_fork_parent(void);
void lu_thread_after_fork_child(void);

#endif
