/* linux-user/syscall_signal.c — the guest's signal system calls: the
 * dispositions (rt_sigaction), the thread's mask (rt_sigprocmask), its
 * alternate stack (sigaltstack), what is pending (rt_sigpending), waiting
 * for signals (rt_sigsuspend, pause, rt_sigtimedwait), queueing one with
 * data (rt_sigqueueinfo, rt_tgsigqueueinfo), and coming back from a
 * handler (sigreturn, rt_sigreturn). Delivery itself is signal_deliver.c;
 * the host side (dispositions and mask that follow the guest's) is
 * signal.c.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/lu_runtime.h"
#include "linux-user/lu_signal.h"

LuSigAction lu_sig_actions[LU_NSIG + 1];
__thread uint64_t lu_sig_blocked;
__thread uint64_t lu_sig_altstack_sp, lu_sig_altstack_size;
__thread int lu_sig_altstack_flags = LU_SS_DISABLE; /* until the guest sets one */

/* rt_sigaction calls of several threads change the table one at a time. */
static pthread_mutex_t actions_lock = PTHREAD_MUTEX_INITIALIZER;

enum {
    G_SIGKILL = 9, G_SIGSTOP = 19,
    G_SIG_BLOCK = 0, G_SIG_UNBLOCK = 1, G_SIG_SETMASK = 2,
    G_MINSIGSTKSZ = 2048,
    G_SI_USER = 0, G_SI_TKILL = -6,
};

static bool valid_signal(int sig)
{
    return sig >= 1 && sig <= LU_NSIG;
}

int64_t lu_sys_rt_sigaction(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuLayouts *L = lu_layouts();
    int sig = lu_arg_int(a[0]);
    if (a[3] != 8 || !valid_signal(sig))
        return -EINVAL;
    if (a[1] && (sig == G_SIGKILL || sig == G_SIGSTOP))
        return -EINVAL;
    LuSigAction next = { 0 };
    if (a[1]) {
        uint64_t v[LU_MAX_FIELDS];
        if (lu_get_struct(&L->sigaction, a[1], v))
            return -EFAULT;
        next = (LuSigAction){
            .handler = v[LU_SA_HANDLER],
            .flags = v[LU_SA_FLAGS],
            .restorer = v[LU_SA_RESTORER],
            .mask = (v[LU_SA_MASK_LO] | v[LU_SA_MASK_HI] << 32) & ~lu_sig_unblockable(),
        };
        if (L->sigaction.f[LU_SA_MASK_HI].size == 0)
            next.mask = v[LU_SA_MASK_LO] & ~lu_sig_unblockable();
    }
    pthread_mutex_lock(&actions_lock);
    LuSigAction *act = &lu_sig_actions[sig];
    LuSigAction old = *act;
    if (a[2]) {
        uint64_t v[LU_MAX_FIELDS] = {
            [LU_SA_HANDLER] = old.handler,
            [LU_SA_FLAGS] = old.flags,
            [LU_SA_RESTORER] = old.restorer,
            [LU_SA_MASK_LO] = old.mask,
            [LU_SA_MASK_HI] = old.mask >> 32,
        };
        if (L->sigaction.f[LU_SA_MASK_LO].size == 4)
            v[LU_SA_MASK_LO] = old.mask & 0xffffffffu;
        if (lu_put_struct(&L->sigaction, a[2], v)) {
            pthread_mutex_unlock(&actions_lock);
            return -EFAULT;
        }
    }
    if (a[1]) {
        *act = next;
        lu_signal_action_changed(sig);
    }
    pthread_mutex_unlock(&actions_lock);
    return 0;
}

static int64_t get_sigset(uint64_t addr, uint64_t *set)
{
    const LuStruct *s = &lu_layouts()->sigset;
    uint64_t v[LU_MAX_FIELDS];
    if (lu_get_struct(s, addr, v))
        return -EFAULT;
    *set = s->f[LU_SS_HI].size ? (v[LU_SS_LO] & 0xffffffffu) | v[LU_SS_HI] << 32 : v[LU_SS_LO];
    return 0;
}

static int64_t put_sigset(uint64_t addr, uint64_t set)
{
    const LuStruct *s = &lu_layouts()->sigset;
    uint64_t v[LU_MAX_FIELDS] = { [LU_SS_LO] = set, [LU_SS_HI] = set >> 32 };
    if (s->f[LU_SS_HI].size)
        v[LU_SS_LO] = set & 0xffffffffu;
    return lu_put_struct(s, addr, v);
}

int64_t lu_sys_rt_sigprocmask(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (a[3] != 8)
        return -EINVAL;
    uint64_t old = lu_sig_blocked, set = 0, next = old;
    if (a[1]) {
        if (get_sigset(a[1], &set))
            return -EFAULT;
        switch (lu_arg_int(a[0])) {
        case G_SIG_BLOCK: next = old | set; break;
        case G_SIG_UNBLOCK: next = old & ~set; break;
        case G_SIG_SETMASK: next = set; break;
        default: return -EINVAL;
        }
    }
    if (a[2] && put_sigset(a[2], old))
        return -EFAULT;
    /* Signals it unblocks reach the host handler now and are delivered
     * when the call returns, as the kernel delivers them. */
    if (a[1])
        lu_signal_set_blocked(next);
    return 0;
}

/* The ss_flags sigaltstack reports for a thread whose sp is `sp`. */
static int altstack_flags_at(uint64_t sp)
{
    if (lu_sig_altstack_size == 0)
        return LU_SS_DISABLE;
    int autodisarm = lu_sig_altstack_flags & LU_SS_AUTODISARM;
    return (lu_signal_on_altstack(sp) ? LU_SS_ONSTACK : 0) | autodisarm;
}

int64_t lu_sys_sigaltstack(CpuCommon *cpu, const uint64_t a[6])
{
    const LuStruct *s = &lu_layouts()->stack;
    uint64_t sp = lu_proc.abi->signal ? lu_proc.abi->signal->get_sp(cpu) : 0;
    uint64_t old_v[LU_MAX_FIELDS] = {
        [LU_STK_SP] = lu_sig_altstack_sp,
        [LU_STK_FLAGS] = (uint64_t)(int64_t)altstack_flags_at(sp),
        [LU_STK_SIZE] = lu_sig_altstack_size,
    };
    uint64_t v[LU_MAX_FIELDS];
    if (a[0] && lu_get_struct(s, a[0], v))
        return -EFAULT;
    if (a[0]) {
        int flags = (int)v[LU_STK_FLAGS];
        int mode = flags & ~LU_SS_AUTODISARM;
        if (mode != 0 && mode != LU_SS_ONSTACK && mode != LU_SS_DISABLE)
            return -EINVAL;
        if (lu_signal_on_altstack(sp))
            return -EPERM;
        if (mode == LU_SS_DISABLE) {
            lu_sig_altstack_sp = lu_sig_altstack_size = 0;
            lu_sig_altstack_flags = LU_SS_DISABLE;
        } else {
            if (v[LU_STK_SIZE] < G_MINSIGSTKSZ)
                return -ENOMEM;
            lu_sig_altstack_sp = v[LU_STK_SP];
            lu_sig_altstack_size = v[LU_STK_SIZE];
            lu_sig_altstack_flags = flags & LU_SS_AUTODISARM;
        }
    }
    if (a[1] && lu_put_struct(s, a[1], old_v))
        return -EFAULT;
    return 0;
}

/* Host pending (this thread's and the process's) and what morph recorded. */
int64_t lu_sys_rt_sigpending(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (a[1] > 8)
        return -EINVAL;
    uint64_t host = 0;
    syscall(SYS_rt_sigpending, &host, sizeof host);
    uint64_t pending = (host | lu_signal_recorded()) & lu_sig_blocked;
    return put_sigset(a[0], pending) ? -EFAULT : 0;
}

int64_t lu_sys_rt_sigsuspend(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (a[1] != 8)
        return -EINVAL;
    uint64_t mask;
    if (get_sigset(a[0], &mask))
        return -EFAULT;
    mask &= ~lu_sig_unblockable();
    /* The handler runs with `mask` in force; its sigreturn puts back the
     * mask from before the call. */
    lu_signal_save_mask(lu_sig_blocked);
    lu_sig_blocked = mask;
    lu_signal_suspend(mask);
    return -EINTR;
}

int64_t lu_sys_pause(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    lu_signal_suspend(lu_sig_blocked);
    return -EINTR;
}

/* Wait for a signal of `set` up to the timeout (NULL: for ever); its info
 * to info_addr. Signals outside the set interrupt with EINTR. */
static int64_t do_sigtimedwait(uint64_t set_addr, uint64_t info_addr, const struct timespec *timeout)
{
    uint64_t set;
    if (get_sigset(set_addr, &set))
        return -EFAULT;
    set &= ~lu_sig_unblockable();
    LuSigInfo info;
    int sig = 0;
    /* A signal of the set already recorded by the host handler. */
    uint64_t have = lu_signal_recorded() & set;
    if (have) {
        sig = __builtin_ctzll(have) + 1;
        lu_signal_take(sig, &info);
        if (!(lu_signal_recorded() & ~lu_sig_blocked))
            lu_signal_restore_host_mask();
    } else {
        siginfo_t hsi;
        int r = (int)lu_safe_syscall(SYS_rt_sigtimedwait, &set, &hsi, timeout, sizeof set);
        if (r < 0)
            return lu_host_err();
        sig = r;
        lu_siginfo_from_host(&info, &hsi);
    }
    if (info_addr) {
        uint8_t buf[LU_SIGINFO_SIZE];
        lu_siginfo_to_guest(lu_proc.abi, &info, buf);
        if (lu_copy_to_guest(info_addr, buf, sizeof buf))
            return -EFAULT;
    }
    return sig;
}

static int64_t sigtimedwait_with(const uint64_t a[6], const LuStruct *ts_layout)
{
    if (a[3] != 8)
        return -EINVAL;
    struct timespec ts, *timeout = NULL;
    if (a[2]) {
        uint64_t v[LU_MAX_FIELDS];
        if (lu_get_struct(ts_layout, a[2], v))
            return -EFAULT;
        ts.tv_sec = (time_t)(int64_t)v[LU_TIME_SEC];
        ts.tv_nsec = (long)(int64_t)v[LU_TIME_FRAC];
        timeout = &ts;
    }
    return do_sigtimedwait(a[0], a[1], timeout);
}

int64_t lu_sys_rt_sigtimedwait(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return sigtimedwait_with(a, &lu_layouts()->timespec);
}

int64_t lu_sys_rt_sigtimedwait64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return sigtimedwait_with(a, &lu_layouts()->timespec64);
}

/* The guest's siginfo for sigqueue as a host one: header and the rt
 * member (pid, uid, value), which is what a process may send. */
static int64_t queueinfo_from_guest(uint64_t addr, int sig, siginfo_t *hsi)
{
    const LuLayouts *L = lu_layouts();
    uint8_t buf[LU_SIGINFO_SIZE];
    if (lu_copy_from_guest(buf, addr, sizeof buf))
        return -EFAULT;
    unsigned w = L->long_size, u = w == 8 ? 16 : 12;
    memset(hsi, 0, sizeof *hsi);
    hsi->si_signo = sig;
    hsi->si_errno = (int)(int32_t)lu_load_guest(L, buf + 4, 4);
    hsi->si_code = (int)(int32_t)lu_load_guest(L, buf + 8, 4);
    /* Only the kernel may claim to be the kernel or kill/tkill. */
    if (hsi->si_code >= 0 || hsi->si_code == G_SI_TKILL)
        return -EPERM;
    hsi->si_pid = (pid_t)(int32_t)lu_load_guest(L, buf + u, 4);
    hsi->si_uid = (uid_t)lu_load_guest(L, buf + u + 4, 4);
    hsi->si_value.sival_ptr = (void *)(uintptr_t)lu_load_guest(L, buf + u + 8, w);
    return 0;
}

int64_t lu_sys_rt_sigqueueinfo(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int sig = lu_arg_int(a[1]);
    siginfo_t hsi;
    int64_t err = queueinfo_from_guest(a[2], sig, &hsi);
    if (err)
        return err;
    return lu_ret(syscall(SYS_rt_sigqueueinfo, lu_arg_int(a[0]), sig, &hsi));
}

int64_t lu_sys_rt_tgsigqueueinfo(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int sig = lu_arg_int(a[2]);
    siginfo_t hsi;
    int64_t err = queueinfo_from_guest(a[3], sig, &hsi);
    if (err)
        return err;
    return lu_ret(syscall(SYS_rt_tgsigqueueinfo, lu_arg_int(a[0]), lu_arg_int(a[1]), sig, &hsi));
}

/* Back from a handler: the ABI unwinds its frame; a frame it cannot read
 * kills the guest with SIGSEGV, as the kernel's badframe does. */
static int64_t do_sigreturn(CpuCommon *cpu, bool rt)
{
    const LuSignalAbi *sa = lu_proc.abi->signal;
    uint64_t mask = 0, ss_sp = 0, ss_size = 0;
    int32_t ss_flags = LU_SS_DISABLE;
    if (!sa || sa->restore_frame(cpu, rt, &mask, &ss_sp, &ss_size, &ss_flags) != 0) {
        LuSigInfo info = { .signo = SIGSEGV, .code = 0x80 /* SI_KERNEL */ };
        if (!lu_signal_deliver_sync(cpu, &info))
            lu_signal_uncaught(cpu, SIGSEGV);
        return LU_ESIGRETURN;
    }
    if (rt && !lu_signal_on_altstack(sa->get_sp(cpu))) {
        /* restore_altstack: quietly, as the kernel does. */
        int mode = ss_flags & ~LU_SS_AUTODISARM;
        if (mode == LU_SS_DISABLE || ss_size == 0) {
            lu_sig_altstack_sp = lu_sig_altstack_size = 0;
            lu_sig_altstack_flags = LU_SS_DISABLE;
        } else if (ss_size >= G_MINSIGSTKSZ) {
            lu_sig_altstack_sp = ss_sp;
            lu_sig_altstack_size = ss_size;
            lu_sig_altstack_flags = ss_flags & LU_SS_AUTODISARM;
        }
    }
    lu_signal_set_blocked(mask);
    return LU_ESIGRETURN;
}

int64_t lu_sys_sigreturn(CpuCommon *cpu, const uint64_t a[6])
{
    (void)a;
    return do_sigreturn(cpu, false);
}

int64_t lu_sys_rt_sigreturn(CpuCommon *cpu, const uint64_t a[6])
{
    (void)a;
    return do_sigreturn(cpu, true);
}
