/* linux-user/syscall_signal.c — the guest's signal dispositions, mask and
 * alternate stack as rt_sigaction, rt_sigprocmask and sigaltstack set
 * them. Bookkeeping only: the tables here are what signal delivery reads;
 * old values go back to the guest in its own layouts.
 *
 * One exception reaches the host: SIG_IGN (and a later SIG_DFL) is
 * mirrored onto host signals that morph itself has left at their default,
 * so that e.g. a guest ignoring SIGPIPE gets EPIPE instead of dying.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

LuSigAction lu_sig_actions[LU_NSIG + 1];
uint64_t lu_sig_blocked;
uint64_t lu_sig_altstack_sp, lu_sig_altstack_size;
int lu_sig_altstack_flags = 2; /* SS_DISABLE until the guest sets one */

enum {
    G_SIG_DFL = 0, G_SIG_IGN = 1,
    G_SIGKILL = 9, G_SIGSTOP = 19,
    G_SIG_BLOCK = 0, G_SIG_UNBLOCK = 1, G_SIG_SETMASK = 2,
    G_SS_ONSTACK = 1, G_SS_DISABLE = 2,
};

static uint64_t unblockable(void)
{
    return (1ull << (G_SIGKILL - 1)) | (1ull << (G_SIGSTOP - 1));
}

/* Mirror SIG_IGN / SIG_DFL onto a host signal morph has not claimed. */
static void mirror_to_host(int sig, uint64_t handler)
{
    if (sig >= SIGRTMIN || sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
        sig == SIGFPE || sig == SIGTRAP)
        return;
    struct sigaction cur;
    if (sigaction(sig, NULL, &cur) < 0 || (cur.sa_flags & SA_SIGINFO))
        return;
    if (cur.sa_handler != SIG_DFL && cur.sa_handler != SIG_IGN)
        return;
    if (handler == G_SIG_IGN)
        signal(sig, SIG_IGN);
    else if (handler == G_SIG_DFL)
        signal(sig, SIG_DFL);
}

int64_t lu_sys_rt_sigaction(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuLayouts *L = lu_layouts();
    int sig = lu_arg_int(a[0]);
    if (a[3] != 8 || sig < 1 || sig > LU_NSIG)
        return -EINVAL;
    if (a[1] && (sig == G_SIGKILL || sig == G_SIGSTOP))
        return -EINVAL;
    LuSigAction *act = &lu_sig_actions[sig];
    LuSigAction old = *act;
    if (a[1]) {
        uint64_t v[LU_MAX_FIELDS];
        if (lu_get_struct(&L->sigaction, a[1], v))
            return -EFAULT;
        LuSigAction next = {
            .handler = v[LU_SA_HANDLER],
            .flags = v[LU_SA_FLAGS],
            .restorer = v[LU_SA_RESTORER],
            .mask = (v[LU_SA_MASK_LO] | v[LU_SA_MASK_HI] << 32) & ~unblockable(),
        };
        if (L->sigaction.f[LU_SA_MASK_HI].size == 0)
            next.mask = v[LU_SA_MASK_LO] & ~unblockable();
        *act = next;
        mirror_to_host(sig, next.handler);
    }
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
            *act = old;
            return -EFAULT;
        }
    }
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
    uint64_t old = lu_sig_blocked, set = 0;
    if (a[1]) {
        if (get_sigset(a[1], &set))
            return -EFAULT;
        switch (lu_arg_int(a[0])) {
        case G_SIG_BLOCK: lu_sig_blocked |= set; break;
        case G_SIG_UNBLOCK: lu_sig_blocked &= ~set; break;
        case G_SIG_SETMASK: lu_sig_blocked = set; break;
        default: return -EINVAL;
        }
        lu_sig_blocked &= ~unblockable();
    }
    if (a[2] && put_sigset(a[2], old)) {
        lu_sig_blocked = old;
        return -EFAULT;
    }
    return 0;
}

int64_t lu_sys_sigaltstack(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuStruct *s = &lu_layouts()->stack;
    uint64_t old_v[LU_MAX_FIELDS] = {
        [LU_STK_SP] = lu_sig_altstack_sp,
        [LU_STK_FLAGS] = (uint64_t)(int64_t)lu_sig_altstack_flags,
        [LU_STK_SIZE] = lu_sig_altstack_size,
    };
    if (a[1] && lu_put_struct(s, a[1], old_v))
        return -EFAULT;
    if (a[0]) {
        uint64_t v[LU_MAX_FIELDS];
        if (lu_get_struct(s, a[0], v))
            return -EFAULT;
        int flags = (int)v[LU_STK_FLAGS];
        if (flags & ~(G_SS_ONSTACK | G_SS_DISABLE))
            return -EINVAL;
        if (flags & G_SS_DISABLE) {
            lu_sig_altstack_sp = lu_sig_altstack_size = 0;
            lu_sig_altstack_flags = G_SS_DISABLE;
        } else {
            lu_sig_altstack_sp = v[LU_STK_SP];
            lu_sig_altstack_size = v[LU_STK_SIZE];
            lu_sig_altstack_flags = 0;
        }
    }
    return 0;
}
