/* linux-user/syscall_poll.c — waiting on many descriptors: ppoll, the
 * select family (select, _newselect, pselect6, with fd_set bitmaps of
 * guest longs) and epoll (create, ctl, wait, pwait, pwait2 with struct
 * epoll_event in the guest's layout). Plain poll lives in syscall_file.c.
 *
 * The calls that take a signal mask wait with the guest's mask as the host
 * mask (signal numbers are the same on every guest morph has), minus the
 * synchronous signals morph needs for guest faults. Timeouts are written
 * back as the kernel does (ppoll, select), from the host call's result.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { LU_POLL_MAX = 65536, LU_EPOLL_MAX_EVENTS = 65536 };

/* ---- signal masks and timeouts ------------------------------------------ */

/* A kernel sigset (signal n is bit n-1) with guest mask bits, or -errno.
 * size is what the guest says its sigset is. */
static int64_t guest_sigmask(uint64_t addr, uint64_t size, uint64_t *mask)
{
    const LuStruct *s = &lu_layouts()->sigset;
    if (size != s->size)
        return -EINVAL;
    uint64_t v[LU_MAX_FIELDS];
    if (lu_get_struct(s, addr, v))
        return -EFAULT;
    uint64_t m = s->f[LU_SS_HI].size ? (v[LU_SS_LO] & 0xffffffffu) | v[LU_SS_HI] << 32
                                     : v[LU_SS_LO];
    static const int morph_needs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
    for (size_t i = 0; i < G_N_ELEMENTS(morph_needs); i++)
        m &= ~(1ull << (morph_needs[i] - 1));
    *mask = m;
    return 0;
}

static int64_t get_timespec(const LuStruct *s, uint64_t addr, struct timespec *ts)
{
    uint64_t v[LU_MAX_FIELDS];
    if (lu_get_struct(s, addr, v))
        return -EFAULT;
    ts->tv_sec = (time_t)v[LU_TIME_SEC];
    ts->tv_nsec = (long)(int64_t)v[LU_TIME_FRAC];
    return 0;
}

static void put_timespec(const LuStruct *s, uint64_t addr, const struct timespec *ts)
{
    uint64_t v[LU_MAX_FIELDS] = {
        [LU_TIME_SEC] = (uint64_t)ts->tv_sec,
        [LU_TIME_FRAC] = (uint64_t)ts->tv_nsec,
    };
    lu_put_struct(s, addr, v);
}

/* ---- ppoll -------------------------------------------------------------- */

static int64_t do_ppoll(const uint64_t a[6], const LuStruct *ts_layout)
{
    const LuStruct *s = &lu_layouts()->pollfd;
    uint64_t nfds = (uint32_t)a[1];
    if (nfds > LU_POLL_MAX)
        return -EINVAL;
    struct timespec ts, *tsp = NULL;
    if (a[2]) {
        if (get_timespec(ts_layout, a[2], &ts))
            return -EFAULT;
        tsp = &ts;
    }
    uint64_t mask, *maskp = NULL;
    if (a[3]) {
        int64_t e = guest_sigmask(a[3], a[4], &mask);
        if (e)
            return e;
        maskp = &mask;
    }
    struct pollfd *p = g_new0(struct pollfd, nfds ? nfds : 1);
    uint64_t v[LU_MAX_FIELDS];
    for (uint64_t i = 0; i < nfds; i++) {
        if (lu_get_struct(s, a[0] + i * s->size, v)) {
            g_free(p);
            return -EFAULT;
        }
        p[i].fd = (int)v[LU_PFD_FD];
        p[i].events = (short)v[LU_PFD_EVENTS];
    }
    long r = lu_safe_syscall(SYS_ppoll, p, (nfds_t)nfds, tsp, maskp, (size_t)8);
    int64_t ret = r < 0 ? lu_host_err() : r;
    for (uint64_t i = 0; r >= 0 && i < nfds; i++) {
        v[LU_PFD_FD] = (uint64_t)p[i].fd;
        v[LU_PFD_EVENTS] = (uint16_t)p[i].events;
        v[LU_PFD_REVENTS] = (uint16_t)p[i].revents;
        if (lu_put_struct(s, a[0] + i * s->size, v))
            ret = -EFAULT;
    }
    if (tsp && (r >= 0 || ret == -EINTR))
        put_timespec(ts_layout, a[2], tsp);
    g_free(p);
    return ret;
}

int64_t lu_sys_ppoll(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_ppoll(a, &lu_layouts()->timespec);
}

int64_t lu_sys_ppoll_time64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_ppoll(a, &lu_layouts()->timespec64);
}

/* ---- select --------------------------------------------------------------- */

/* fd_set: nfds bits in guest longs, bit n of word w is descriptor
 * w * bits + n. NULL sets stay NULL. */
static int fdset_from_guest(uint64_t addr, int nfds, fd_set *out, fd_set **outp)
{
    *outp = NULL;
    if (!addr)
        return 0;
    unsigned word = lu_layouts()->long_size, bits = 8 * word;
    FD_ZERO(out);
    for (int w = 0; w * (int)bits < nfds; w++) {
        uint64_t x;
        if (lu_get_long(addr + (uint64_t)w * word, &x))
            return -EFAULT;
        for (unsigned b = 0; b < bits && w * (int)bits + (int)b < nfds; b++) {
            if (x >> b & 1)
                FD_SET(w * (int)bits + (int)b, out);
        }
    }
    *outp = out;
    return 0;
}

static int fdset_to_guest(uint64_t addr, int nfds, const fd_set *in)
{
    if (!addr)
        return 0;
    unsigned word = lu_layouts()->long_size, bits = 8 * word;
    for (int w = 0; w * (int)bits < nfds; w++) {
        uint64_t x = 0;
        for (unsigned b = 0; b < bits && w * (int)bits + (int)b < nfds; b++) {
            if (FD_ISSET(w * (int)bits + (int)b, in))
                x |= 1ull << b;
        }
        if (lu_put_long(addr + (uint64_t)w * word, x))
            return -EFAULT;
    }
    return 0;
}

/* select with a timeout of layout ts (timeval for select, timespec for
 * pselect6: `usec` says which) and an optional kernel signal mask. */
static int64_t do_select(int nfds, const uint64_t sets[3], uint64_t tv_addr,
                         const LuStruct *ts, bool usec, const uint64_t *mask)
{
    if (nfds < 0 || nfds > FD_SETSIZE)
        return -EINVAL;
    fd_set f[3], *fp[3];
    for (int i = 0; i < 3; i++) {
        if (fdset_from_guest(sets[i], nfds, &f[i], &fp[i]))
            return -EFAULT;
    }
    struct timespec t, *tp = NULL;
    if (tv_addr) {
        if (get_timespec(ts, tv_addr, &t))
            return -EFAULT;
        if (usec) {
            if (t.tv_nsec < 0 || t.tv_nsec >= 1000000)
                return -EINVAL;
            t.tv_nsec *= 1000;
        }
        tp = &t;
    }
    struct { const uint64_t *set; size_t size; } sigdata = { mask, 8 };
    long r = lu_safe_syscall(SYS_pselect6, nfds, fp[0], fp[1], fp[2], tp, mask ? &sigdata : NULL);
    int64_t ret = r < 0 ? lu_host_err() : r;
    for (int i = 0; r >= 0 && i < 3; i++) {
        if (fdset_to_guest(sets[i], nfds, fp[i]))
            ret = -EFAULT;
    }
    if (tp && (r >= 0 || ret == -EINTR)) {
        if (usec)
            t.tv_nsec /= 1000;
        put_timespec(ts, tv_addr, &t);
    }
    return ret;
}

int64_t lu_sys_newselect(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const uint64_t sets[3] = { a[1], a[2], a[3] };
    return do_select(lu_arg_int(a[0]), sets, a[4], &lu_layouts()->timeval, true, NULL);
}

/* powerpc's select(82): the old one-argument form (a pointer to the five
 * arguments) when the first argument is an address, else _newselect. */
int64_t lu_sys_select_ppc(CpuCommon *cpu, const uint64_t a[6])
{
    if ((uint32_t)a[0] < 4096)
        return lu_sys_newselect(cpu, a);
    uint64_t args[6] = { 0 };
    for (int i = 0; i < 5; i++) {
        if (lu_get_long(a[0] + (uint64_t)i * lu_layouts()->long_size, &args[i]))
            return -EFAULT;
    }
    return lu_sys_newselect(cpu, args);
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; } in
 * guest longs. */
static int64_t do_pselect6(const uint64_t a[6], const LuStruct *ts)
{
    uint64_t mask, *maskp = NULL;
    if (a[5]) {
        uint64_t ss, len;
        unsigned word = lu_layouts()->long_size;
        if (lu_get_long(a[5], &ss) || lu_get_long(a[5] + word, &len))
            return -EFAULT;
        if (ss) {
            int64_t e = guest_sigmask(ss, len, &mask);
            if (e)
                return e;
            maskp = &mask;
        }
    }
    const uint64_t sets[3] = { a[1], a[2], a[3] };
    return do_select(lu_arg_int(a[0]), sets, a[4], ts, false, maskp);
}

int64_t lu_sys_pselect6(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_pselect6(a, &lu_layouts()->timespec);
}

int64_t lu_sys_pselect6_time64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_pselect6(a, &lu_layouts()->timespec64);
}

/* ---- epoll ----------------------------------------------------------------- */

int64_t lu_sys_epoll_create(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (lu_arg_int(a[0]) <= 0)
        return -EINVAL;
    return lu_ret(epoll_create1(0));
}

int64_t lu_sys_epoll_create1(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(epoll_create1(lu_open_flags_to_host((uint32_t)a[0])));
}

int64_t lu_sys_epoll_ctl(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct epoll_event ev = { 0 }, *evp = NULL;
    if (a[3]) {
        uint64_t v[LU_MAX_FIELDS];
        if (lu_get_struct(&lu_layouts()->epoll_event, a[3], v))
            return -EFAULT;
        ev.events = (uint32_t)v[LU_EPE_EVENTS]; /* EPOLL* bits are generic */
        ev.data.u64 = v[LU_EPE_DATA];
        evp = &ev;
    }
    return lu_ret(epoll_ctl(lu_arg_int(a[0]), lu_arg_int(a[1]), lu_arg_int(a[2]), evp));
}

/* Wait with a timeout in ms (timeout_ms) or as a timespec (tsp, pwait2),
 * and an optional guest mask at mask_addr of mask_size bytes. */
static int64_t do_epoll_wait(const uint64_t a[6], int timeout_ms, const struct timespec *tsp,
                             uint64_t mask_addr, uint64_t mask_size)
{
    const LuStruct *s = &lu_layouts()->epoll_event;
    int maxevents = lu_arg_int(a[2]);
    if (maxevents <= 0 || maxevents > LU_EPOLL_MAX_EVENTS)
        return -EINVAL;
    if (!lu_access_ok(a[1], (uint64_t)maxevents * s->size, PROT_WRITE))
        return -EFAULT;
    uint64_t mask, *maskp = NULL;
    if (mask_addr) {
        int64_t e = guest_sigmask(mask_addr, mask_size, &mask);
        if (e)
            return e;
        maskp = &mask;
    }
    struct epoll_event *ev = g_new(struct epoll_event, maxevents);
    long r = tsp ? lu_safe_syscall(SYS_epoll_pwait2, lu_arg_int(a[0]), ev, maxevents, tsp, maskp, (size_t)8)
                 : lu_safe_syscall(SYS_epoll_pwait, lu_arg_int(a[0]), ev, maxevents, timeout_ms, maskp,
                                   (size_t)8);
    int64_t ret = r < 0 ? lu_host_err() : r;
    for (long i = 0; i < r; i++) {
        uint64_t v[LU_MAX_FIELDS] = {
            [LU_EPE_EVENTS] = ev[i].events, [LU_EPE_DATA] = ev[i].data.u64,
        };
        if (lu_put_struct(s, a[1] + (uint64_t)i * s->size, v))
            ret = -EFAULT;
    }
    g_free(ev);
    return ret;
}

int64_t lu_sys_epoll_wait(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_epoll_wait(a, lu_arg_int(a[3]), NULL, 0, 0);
}

int64_t lu_sys_epoll_pwait(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_epoll_wait(a, lu_arg_int(a[3]), NULL, a[4], a[5]);
}

/* epoll_pwait2 takes a __kernel_timespec (64-bit time) on every ABI. */
int64_t lu_sys_epoll_pwait2(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct timespec ts;
    if (a[3] && get_timespec(&lu_layouts()->timespec64, a[3], &ts))
        return -EFAULT;
    if (!a[3])
        return do_epoll_wait(a, -1, NULL, a[4], a[5]);
    return do_epoll_wait(a, 0, &ts, a[4], a[5]);
}
