/* linux-user/siginfo.c — the kernel's siginfo_t: from a host siginfo to
 * morph's guest-neutral LuSigInfo, and from that to the guest's bytes.
 *
 * The guest's siginfo_t is 128 bytes: si_signo, si_errno, si_code (ints),
 * then a union that starts at the first long-aligned offset (12 on 32-bit
 * guests, 16 on 64-bit ones). Which member of the union holds meaning is
 * decided as the kernel's siginfo_layout() decides it:
 *
 *   code     signal                    layout   fields after the header
 *   SI_TIMER any                       timer    tid, overrun, value
 *   SI_SIGIO any                       poll     band (long), fd
 *   < 0      any                       rt       pid, uid, value (pointer)
 *   1..     SEGV BUS ILL FPE TRAP      fault    addr (pointer)
 *   1..     CHLD                       chld     pid, uid, status, utime, stime (longs)
 *   1..     POLL                       poll     band, fd
 *   1..     SYS                        sys      call_addr, syscall, arch
 *   0, SI_KERNEL, else                 kill     pid, uid
 */
#include "linux-user/lu_signal.h"

#include <string.h>

#include "linux-user/syscall.h"

enum {
    G_SI_USER = 0, G_SI_KERNEL = 0x80, G_SI_TIMER = -2, G_SI_SIGIO = -5,
    G_SIGILL = 4, G_SIGTRAP = 5, G_SIGBUS = 7, G_SIGFPE = 8, G_SIGSEGV = 11,
    G_SIGCHLD = 17, G_SIGPOLL = 29, G_SIGSYS = 31,
};

typedef enum SigLayout { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS } SigLayout;

static SigLayout layout_of(int sig, int code)
{
    if (code > G_SI_USER && code < G_SI_KERNEL) {
        switch (sig) {
        case G_SIGILL: case G_SIGFPE: case G_SIGSEGV: case G_SIGBUS: case G_SIGTRAP: return SIL_FAULT;
        case G_SIGCHLD: return SIL_CHLD;
        case G_SIGSYS: return SIL_SYS;
        default: return SIL_POLL;
        }
    }
    if (code == G_SI_TIMER)
        return SIL_TIMER;
    if (code == G_SI_SIGIO)
        return SIL_POLL;
    return code < 0 ? SIL_RT : SIL_KILL;
}

void lu_siginfo_from_host(LuSigInfo *out, const siginfo_t *si)
{
    memset(out, 0, sizeof *out);
    out->signo = si->si_signo;
    out->err = si->si_errno;
    out->code = si->si_code;
    switch (layout_of(si->si_signo, si->si_code)) {
    case SIL_KILL:
        out->pid = si->si_pid;
        out->uid = (int32_t)si->si_uid;
        break;
    case SIL_RT:
        out->pid = si->si_pid;
        out->uid = (int32_t)si->si_uid;
        out->value = (uint64_t)(uintptr_t)si->si_value.sival_ptr;
        break;
    case SIL_TIMER:
        out->timerid = si->si_timerid;
        out->overrun = si->si_overrun;
        out->value = (uint64_t)(uintptr_t)si->si_value.sival_ptr;
        break;
    case SIL_CHLD:
        out->pid = si->si_pid;
        out->uid = (int32_t)si->si_uid;
        out->status = si->si_status;
        out->utime = si->si_utime;
        out->stime = si->si_stime;
        break;
    case SIL_POLL:
        out->band = si->si_band;
        out->fd = si->si_fd;
        break;
    case SIL_FAULT:
    case SIL_SYS:
        /* A host fault's address is a host address: the fault handler
         * builds the guest's info itself. Nothing meaningful here. */
        break;
    }
}

void lu_siginfo_to_guest(const LinuxAbi *abi, const LuSigInfo *si, uint8_t *buf)
{
    const LuLayouts *L = abi->layouts;
    unsigned w = L->long_size;
    unsigned u = w == 8 ? 16 : 12; /* where the union starts */
    memset(buf, 0, LU_SIGINFO_SIZE);
    lu_store_guest(L, buf + 0, 4, (uint32_t)si->signo);
    lu_store_guest(L, buf + 4, 4, (uint32_t)si->err);
    lu_store_guest(L, buf + 8, 4, (uint32_t)si->code);
    switch (layout_of(si->signo, si->code)) {
    case SIL_KILL:
        lu_store_guest(L, buf + u, 4, (uint32_t)si->pid);
        lu_store_guest(L, buf + u + 4, 4, (uint32_t)si->uid);
        break;
    case SIL_RT:
        lu_store_guest(L, buf + u, 4, (uint32_t)si->pid);
        lu_store_guest(L, buf + u + 4, 4, (uint32_t)si->uid);
        lu_store_guest(L, buf + u + 8, w, si->value);
        break;
    case SIL_TIMER:
        lu_store_guest(L, buf + u, 4, (uint32_t)si->timerid);
        lu_store_guest(L, buf + u + 4, 4, (uint32_t)si->overrun);
        lu_store_guest(L, buf + u + 8, w, si->value);
        break;
    case SIL_CHLD: {
        unsigned times = (u + 12 + w - 1) & ~(w - 1);
        lu_store_guest(L, buf + u, 4, (uint32_t)si->pid);
        lu_store_guest(L, buf + u + 4, 4, (uint32_t)si->uid);
        lu_store_guest(L, buf + u + 8, 4, (uint32_t)si->status);
        lu_store_guest(L, buf + times, w, (uint64_t)si->utime);
        lu_store_guest(L, buf + times + w, w, (uint64_t)si->stime);
        break;
    }
    case SIL_POLL:
        lu_store_guest(L, buf + u, w, (uint64_t)si->band);
        lu_store_guest(L, buf + u + w, 4, (uint32_t)si->fd);
        break;
    case SIL_FAULT:
        lu_store_guest(L, buf + u, w, si->addr);
        break;
    case SIL_SYS:
        lu_store_guest(L, buf + u, w, si->addr);
        break;
    }
}
