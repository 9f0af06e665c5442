/* linux-user/lu_signal.h — guest signal delivery in user mode: the
 * guest-neutral siginfo, the per-thread signal state, the hooks through
 * which each guest ABI builds and unwinds its signal frames (LuSignalAbi),
 * and what the cpu loop and the signal syscalls call.
 *
 *   host signal ─► signal.c host handler: record it in this thread's
 *       pending set, block every host signal until it is taken, set
 *       cpu->exit_request (no guest code runs in a host handler)
 *   cpu loop: EXIT_INTERRUPT / after each syscall / guest exception
 *       ─► signal_deliver.c: pick a deliverable signal ─► default action,
 *          or abi->signal->setup_frame (guest stack, registers, handler)
 *   guest handler returns to the trampoline ─► sigreturn/rt_sigreturn
 *       ─► abi->signal->restore_frame: registers and mask back
 *
 * Guest signal numbers are the host's: Linux numbers them alike on every
 * guest morph has (PowerPC) and on x86-64, real-time ones included
 * (32..64; host 32 and 33, which glibc keeps for itself, are claimed with
 * raw system calls: morph never uses glibc's thread cancellation or setxid
 * broadcast).
 *
 * Per thread (a guest thread is a host thread): the mask lu_sig_blocked,
 * the alternate stack, what is pending. A new guest thread sets
 * lu_sig_blocked to its creator's before lu_cpu_loop, which makes the host
 * mask match. Dispositions (lu_sig_actions) are per process.
 */
#ifndef MORPH_LU_SIGNAL_H
#define MORPH_LU_SIGNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "linux-user/lu.h"

enum { LU_SIGNAL_MAX = 64 };

/* A system call's result that is no result: sigreturn set every register
 * itself, so the syscall return convention must not touch them. */
#define LU_ESIGRETURN ((int64_t)-4097)

/* The guest SA_* flags and SS_* values (the same on every Linux guest
 * morph has). */
enum {
    LU_SA_NOCLDSTOP = 0x1, LU_SA_NOCLDWAIT = 0x2, LU_SA_SIGINFO = 0x4,
    LU_SA_ONSTACK = 0x08000000, LU_SA_RESTART = 0x10000000,
    LU_SA_NODEFER = 0x40000000, LU_SA_RESETHAND = 0x80000000u,
    LU_SS_ONSTACK = 1, LU_SS_DISABLE = 2, LU_SS_AUTODISARM = (int)(1u << 31),
};

/* The kernel's siginfo, guest-neutral: which fields mean something
 * depends on signo and code, as in the kernel's union. */
typedef struct LuSigInfo {
    int32_t signo, err, code;
    int32_t pid, uid;        /* kill, rt, SIGCHLD */
    int32_t status;          /* SIGCHLD */
    int64_t utime, stime;    /* SIGCHLD, clock ticks */
    uint64_t value;          /* sigval: rt, timer */
    int32_t timerid, overrun;
    uint64_t addr;           /* SIGSEGV/BUS/ILL/FPE/TRAP: guest address */
    int64_t band;            /* SIGPOLL */
    int32_t fd;
} LuSigInfo;

/* The kernel's guest siginfo_t is this many bytes on every Linux guest. */
enum { LU_SIGINFO_SIZE = 128 };

/* A host siginfo (a signal morph received) as the guest should see it. */
void lu_siginfo_from_host(LuSigInfo *out, const siginfo_t *si);
/* Write `si` as the guest's siginfo_t (LU_SIGINFO_SIZE bytes) into buf. */
void lu_siginfo_to_guest(const LinuxAbi *abi, const LuSigInfo *si, uint8_t *buf);

/* What a frame hook is told about the signal being delivered. */
typedef struct LuSigFrameReq {
    int sig;
    const LuSigInfo *info;
    uint64_t handler, flags;  /* the guest's sigaction */
    uint64_t old_mask;        /* the mask to restore on return */
    uint64_t sp;              /* where the frame goes below (altstack chosen) */
    uint64_t tramp;           /* guest address of the sigreturn trampolines' page */
    /* uc_stack of an rt frame: the alternate stack as it was */
    uint64_t ss_sp, ss_size;
    int32_t ss_flags;
} LuSigFrameReq;

/* One guest ABI's signal frames. */
typedef struct LuSignalAbi {
    /* Guest code of the trampoline page morph maps for the guest (the
     * vDSO's sigtramp role): tramp_code[0..tramp_size), with the plain and
     * the rt trampoline at the offsets the frame hooks use. */
    const uint8_t *tramp_code;
    uint32_t tramp_size;
    uint64_t (*get_sp)(const CpuCommon *cpu);
    /* Build the frame below req->sp (an rt frame when rt) and point the
     * registers at the handler. 0, or -EFAULT if the stack is not
     * writable (the guest then dies by SIGSEGV). */
    int (*setup_frame)(CpuCommon *cpu, const LuSigFrameReq *req, bool rt);
    /* sigreturn / rt_sigreturn: registers back from the frame at the
     * stack pointer; *mask = the mask to set; for rt, *ss_* = the uc_stack
     * to restore. 0 or -EFAULT. */
    int (*restore_frame)(CpuCommon *cpu, bool rt, uint64_t *mask, uint64_t *ss_sp,
                         uint64_t *ss_size, int32_t *ss_flags);
    /* Point pc back at the system call instruction just executed (the
     * registers still hold its arguments): the call runs again. */
    void (*syscall_restart)(CpuCommon *cpu);
} LuSignalAbi;

/* ---- per-thread state (signal.c) ----------------------------------------- */

/* The thread's guest mask (lu_sig_blocked, bit n-1 = signal n) and its
 * alternate stack (lu_sig_altstack_*) are thread-local: syscall.h. */

/* Signals that can never be blocked or caught (SIGKILL, SIGSTOP). */
uint64_t lu_sig_unblockable(void);
/* Set this thread's guest mask and make the host mask follow. */
void lu_signal_set_blocked(uint64_t blocked);
/* The guest disposition of `sig` changed (rt_sigaction): the host's
 * follows (caught, ignored or default). */
void lu_signal_action_changed(int sig);
/* Signals recorded for this thread and not yet delivered. */
uint64_t lu_signal_recorded(void);
/* This thread's flag that a signal was recorded (safe_syscall.c clears
 * it before a blocking call and checks it just before the kernel's). */
volatile int *lu_signal_arrived_flag(void);
/* From the host handler: a blocking call in safe_syscall.c's window
 * returns EINTR instead of entering the kernel. */
void lu_safe_syscall_interrupt(void *host_ucontext);
/* Take recorded signal `sig` (its info into *out); false if not recorded. */
bool lu_signal_take(int sig, LuSigInfo *out);
/* Block every host signal but the synchronous ones, or restore the host
 * mask from lu_sig_blocked. */
void lu_signal_block_host(void);
void lu_signal_restore_host_mask(void);
/* Wait for a host signal with guest mask `mask` in force (rt_sigsuspend):
 * returns when a signal was recorded. */
void lu_signal_suspend(uint64_t mask);

/* ---- delivery (signal_deliver.c) ----------------------------------------- */

/* Sigsuspend's mask to put back after the delivery it waits for. */
void lu_signal_save_mask(uint64_t mask);
/* Deliver every deliverable recorded signal: default action or handler
 * frame. Called with exit_request cleared. */
void lu_signal_deliver_pending(CpuCommon *cpu);
/* At a guest syscall (pc after it): if a signal is already waiting, rewind
 * to the syscall instruction, deliver, and return true (the call runs
 * when the handler returns); false: run the call. */
bool lu_signal_before_syscall(CpuCommon *cpu);
/* After guest syscall `guest_nr` returned `ret`: registers set by the ABI
 * (unless LU_ESIGRETURN), restarted or failed with EINTR when a signal
 * interrupted it, then pending signals delivered. */
void lu_signal_syscall_done(CpuCommon *cpu, int guest_nr, int64_t ret);
/* A synchronous signal from a guest exception: true if a handler frame
 * was set up; false if the guest must die by it (no handler, blocked or
 * ignored: the kernel's force_sig). */
bool lu_signal_deliver_sync(CpuCommon *cpu, const LuSigInfo *info);
/* True if the guest stack pointer sp lies on this thread's alt stack. */
bool lu_signal_on_altstack(uint64_t sp);

#endif
