/* linux-user/signal_deliver.c — guest signal delivery, as the kernel's
 * get_signal/handle_signal do it on the way back to user space: pick a
 * deliverable signal, take its default action or build the handler's
 * frame (through the ABI's LuSignalAbi), update the thread's mask, and
 * decide whether a system call the signal interrupted is restarted.
 *
 *   cpu loop ─► EXIT_INTERRUPT ─────────────► lu_signal_deliver_pending
 *            ─► EXIT_SYSCALL: a signal already waiting ─► the sc is
 *               rewound and the signal delivered first (it came before)
 *               lu_syscall ─► lu_signal_syscall_done: -EINTR with a
 *               signal recorded ─► restart (no handler, or SA_RESTART on
 *               a restartable call) or fail with EINTR; then deliver
 *            ─► a guest exception ─► lu_signal_deliver_sync
 *
 * Handlers return through a trampoline page morph maps into the guest on
 * the first delivery (the kernel's vDSO sigtramp): its code is the ABI's
 * (PPC: li r0,__NR_sigreturn; sc), so unwinders that recognise the
 * instructions at the return address find the frame as on Linux.
 *
 * Not restarted after a handler, whatever SA_RESTART says (signal(7)):
 * the waits below. With no handler run, every interrupted call restarts
 * (morph restarts a sleep with its whole time, where the kernel would
 * sleep what was left).
 */
#include "linux-user/lu_signal.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/lu_runtime.h"
#include "linux-user/syscall.h"
#include "util/log.h"

enum { G_SIG_DFL = 0, G_SIG_IGN = 1 };

/* rt_sigsuspend's mask from before the call, put back by the frame of the
 * handler it waited for (or after, when none ran). */
static __thread bool has_saved_mask;
static __thread uint64_t saved_mask;

static const char *const never_restarted[] = {
    "pause", "rt_sigsuspend", "sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64",
    "nanosleep", "clock_nanosleep", "clock_nanosleep_time64", "poll", "ppoll", "ppoll_time64",
    "select", "_newselect", "pselect6", "pselect6_time64", "epoll_wait", "epoll_pwait",
    "epoll_pwait2", "io_getevents", "semop", "semtimedop", "msgrcv", "msgsnd",
};

static uint64_t sig_bit(int sig) { return 1ull << (sig - 1); }

void lu_signal_save_mask(uint64_t mask)
{
    has_saved_mask = true;
    saved_mask = mask;
}

bool lu_signal_on_altstack(uint64_t sp)
{
    return lu_sig_altstack_size && sp > lu_sig_altstack_sp &&
           sp - lu_sig_altstack_sp <= lu_sig_altstack_size;
}

/* ---- the trampoline page ------------------------------------------------- */

static pthread_mutex_t tramp_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t tramp_page;

static uint64_t trampoline(const LuSignalAbi *sa)
{
    pthread_mutex_lock(&tramp_lock);
    if (!tramp_page) {
        int64_t r = lu_mmap(0, LU_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (r > 0) {
            memcpy(lu_g2h((uint64_t)r), sa->tramp_code, sa->tramp_size);
            lu_mprotect((uint64_t)r, LU_PAGE_SIZE, PROT_READ | PROT_EXEC);
            tramp_page = (uint64_t)r;
        }
    }
    uint64_t page = tramp_page;
    pthread_mutex_unlock(&tramp_lock);
    return page;
}

/* ---- default actions ------------------------------------------------------ */

static bool default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

static bool default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* The signals whose default action dumps core: the ones worth a line. */
static bool default_dumps_core(int sig)
{
    return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP || sig == SIGABRT || sig == SIGBUS ||
           sig == SIGFPE || sig == SIGSEGV || sig == SIGXCPU || sig == SIGXFSZ || sig == SIGSYS;
}

static void default_action(CpuCommon *cpu, const LuSigInfo *info)
{
    int sig = info->signo;
    if (default_ignores(sig))
        return;
    if (default_stops(sig)) {
        kill(getpid(), SIGSTOP);
        return;
    }
    /* A core-dumping one the guest sent itself (abort()) ends it with
     * morph's line; the rest (SIGPIPE on a closed pipe, one from outside
     * or a timer) end it quietly, as natively. */
    if (info->code <= 0 && info->pid == getpid() && default_dumps_core(sig))
        lu_signal_uncaught(cpu, sig);
    lu_die_by_signal(sig);
}

/* ---- handler frames --------------------------------------------------------- */

/* The ss_flags the kernel saves in uc_stack for a thread at sp. */
static int32_t altstack_flags_at(uint64_t sp)
{
    if (lu_sig_altstack_size == 0)
        return LU_SS_DISABLE;
    return (lu_signal_on_altstack(sp) ? LU_SS_ONSTACK : 0) | (lu_sig_altstack_flags & LU_SS_AUTODISARM);
}

/* Build the frame of the guest handler of info->signo and set the mask it
 * runs with. A frame that cannot be written kills the guest by SIGSEGV. */
static void run_handler(CpuCommon *cpu, const LuSigInfo *info, const LuSigAction *act_in)
{
    const LuSignalAbi *sa = lu_proc.abi->signal;
    int sig = info->signo;
    LuSigAction act = *act_in;
    uint64_t sp = sa->get_sp(cpu);
    LuSigFrameReq req = {
        .sig = sig,
        .info = info,
        .handler = act.handler,
        .flags = act.flags,
        .old_mask = has_saved_mask ? saved_mask : lu_sig_blocked,
        .sp = sp,
        .tramp = trampoline(sa),
        .ss_sp = lu_sig_altstack_sp,
        .ss_size = lu_sig_altstack_size,
        .ss_flags = altstack_flags_at(sp),
    };
    if ((act.flags & LU_SA_ONSTACK) && lu_sig_altstack_size && !lu_signal_on_altstack(sp))
        req.sp = lu_sig_altstack_sp + lu_sig_altstack_size;
    if (lu_sig_altstack_flags & LU_SS_AUTODISARM) {
        lu_sig_altstack_sp = lu_sig_altstack_size = 0;
        lu_sig_altstack_flags = LU_SS_DISABLE;
    }
    uint64_t pc = cpu->pc;
    if (!req.tramp || sa->setup_frame(cpu, &req, (act.flags & LU_SA_SIGINFO) != 0) != 0) {
        if (log_enabled(LOG_INT))
            log_printf("guest signal %d: no room for its frame below 0x%" PRIx64 "\n", sig, req.sp);
        lu_signal_uncaught(cpu, SIGSEGV);
    }
    if (log_enabled(LOG_INT))
        log_printf("guest signal %d (%s) to handler 0x%" PRIx64 " from pc 0x%" PRIx64 "\n", sig,
                   lu_signal_name(sig), act.handler, pc);
    has_saved_mask = false;
    uint64_t blocked = lu_sig_blocked | act.mask;
    if (!(act.flags & LU_SA_NODEFER))
        blocked |= sig_bit(sig);
    lu_sig_blocked = blocked & ~lu_sig_unblockable();
    if (act.flags & LU_SA_RESETHAND) {
        lu_sig_actions[sig].handler = G_SIG_DFL;
        lu_sig_actions[sig].flags &= ~(uint64_t)LU_SA_SIGINFO;
        lu_signal_action_changed(sig);
    }
}

static void deliver_one(CpuCommon *cpu, const LuSigInfo *info)
{
    LuSigAction act = lu_sig_actions[info->signo];
    if (act.handler == G_SIG_IGN)
        return;
    if (act.handler == G_SIG_DFL) {
        default_action(cpu, info);
        return;
    }
    if (!lu_proc.abi->signal) /* an ABI without frames yet: as uncaught */
        lu_signal_uncaught(cpu, info->signo);
    run_handler(cpu, info, &act);
}

static uint64_t deliverable(void)
{
    return lu_signal_recorded() & ~lu_sig_blocked;
}

void lu_signal_deliver_pending(CpuCommon *cpu)
{
    if (!lu_signal_recorded() && !has_saved_mask)
        return; /* the host mask is the guest's already */
    uint64_t ready;
    while ((ready = deliverable()) != 0) {
        int sig = __builtin_ctzll(ready) + 1;
        LuSigInfo info;
        if (lu_signal_take(sig, &info))
            deliver_one(cpu, &info);
    }
    if (has_saved_mask) {
        has_saved_mask = false;
        lu_sig_blocked = saved_mask;
    }
    lu_signal_restore_host_mask();
}

bool lu_signal_before_syscall(CpuCommon *cpu)
{
    if (!deliverable() || !lu_proc.abi->signal)
        return false;
    lu_proc.abi->signal->syscall_restart(cpu);
    lu_signal_deliver_pending(cpu);
    return true;
}

static bool restarts_after_handler(int guest_nr)
{
    const char *name = lu_proc.abi->syscall_name ? lu_proc.abi->syscall_name(guest_nr) : NULL;
    if (!name)
        return true;
    for (size_t i = 0; i < G_N_ELEMENTS(never_restarted); i++) {
        if (strcmp(name, never_restarted[i]) == 0)
            return false;
    }
    return true;
}

void lu_signal_syscall_done(CpuCommon *cpu, int guest_nr, int64_t ret)
{
    const LinuxAbi *abi = lu_proc.abi;
    if (ret == LU_ESIGRETURN) {
        if (deliverable())
            lu_signal_deliver_pending(cpu);
        return;
    }
    bool restart = false;
    if (ret == -EINTR && lu_signal_recorded() && abi->signal) {
        uint64_t ready = deliverable();
        int sig = ready ? __builtin_ctzll(ready) + 1 : 0;
        const LuSigAction *act = sig ? &lu_sig_actions[sig] : NULL;
        bool handler = act && act->handler != G_SIG_DFL && act->handler != G_SIG_IGN;
        restart = !handler || ((act->flags & LU_SA_RESTART) && restarts_after_handler(guest_nr));
    }
    if (restart)
        abi->signal->syscall_restart(cpu);
    else
        abi->syscall_return(cpu, ret);
    if (deliverable() || has_saved_mask)
        lu_signal_deliver_pending(cpu);
}

bool lu_signal_deliver_sync(CpuCommon *cpu, const LuSigInfo *info)
{
    int sig = info->signo;
    const LuSigAction *act = &lu_sig_actions[sig];
    if (!lu_proc.abi->signal || (lu_sig_blocked & sig_bit(sig)) || act->handler == G_SIG_DFL ||
        act->handler == G_SIG_IGN)
        return false;
    LuSigAction copy = *act;
    run_handler(cpu, info, &copy);
    lu_signal_deliver_pending(cpu);
    return true;
}

