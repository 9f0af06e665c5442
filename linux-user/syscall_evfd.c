/* linux-user/syscall_evfd.c — descriptors that count events: eventfd and
 * timerfd (create, settime and gettime in the old and time64 forms).
 *
 * Both hand out their counter as one u64 in the machine's byte order, so
 * for a guest of the other byte order the 8 bytes are swapped on read and
 * write (an LuFdTrans on the descriptor). Their flag bits (EFD_/TFD_
 * CLOEXEC and NONBLOCK) are the O_ flags of the guest's open(2).
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>

/* ---- the u64 counter in guest byte order ------------------------------- */

static int64_t swap_counter(void *buf, int64_t len)
{
    if (len != 8)
        return len; /* the kernel moves exactly 8 bytes or fails */
    uint64_t v;
    __builtin_memcpy(&v, buf, 8);
    lu_store_guest(lu_layouts(), buf, 8, v);
    return len;
}

static const LuFdTrans counter_trans = { swap_counter, swap_counter };

/* A new counter descriptor: translated when the guest's order differs. */
static int64_t counter_fd(int fd)
{
    if (fd < 0)
        return lu_host_err();
    bool host_big = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
    lu_fd_trans_set(fd, lu_layouts()->big_endian != host_big ? &counter_trans : NULL);
    return fd;
}

/* Guest EFD_/TFD_ flags: only CLOEXEC and NONBLOCK (and EFD_SEMAPHORE, 1,
 * the same everywhere) are defined. */
static int counter_flags(uint64_t guest)
{
    return lu_open_flags_to_host((uint32_t)guest);
}

/* ---- eventfd -------------------------------------------------------------- */

int64_t lu_sys_eventfd(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return counter_fd(eventfd((unsigned)a[0], 0));
}

int64_t lu_sys_eventfd2(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return counter_fd(eventfd((unsigned)a[0], counter_flags(a[1])));
}

/* ---- timerfd --------------------------------------------------------------- */

int64_t lu_sys_timerfd_create(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return counter_fd(timerfd_create(lu_arg_int(a[0]), counter_flags(a[1])));
}

/* struct itimerspec is two timespecs of layout ts: interval, then value. */
static int get_itimerspec(const LuStruct *ts, uint64_t addr, struct itimerspec *out)
{
    struct timespec *parts[2] = { &out->it_interval, &out->it_value };
    for (int i = 0; i < 2; i++) {
        uint64_t v[LU_MAX_FIELDS];
        if (lu_get_struct(ts, addr + (uint64_t)i * ts->size, v))
            return -EFAULT;
        parts[i]->tv_sec = (time_t)v[LU_TIME_SEC];
        parts[i]->tv_nsec = (long)(int64_t)v[LU_TIME_FRAC];
    }
    return 0;
}

static int put_itimerspec(const LuStruct *ts, uint64_t addr, const struct itimerspec *in)
{
    const struct timespec *parts[2] = { &in->it_interval, &in->it_value };
    for (int i = 0; i < 2; i++) {
        uint64_t v[LU_MAX_FIELDS] = {
            [LU_TIME_SEC] = (uint64_t)parts[i]->tv_sec,
            [LU_TIME_FRAC] = (uint64_t)parts[i]->tv_nsec,
        };
        if (!lu_layout_fits(ts, v))
            return -EOVERFLOW;
        if (lu_put_struct(ts, addr + (uint64_t)i * ts->size, v))
            return -EFAULT;
    }
    return 0;
}

static int64_t do_timerfd_settime(const uint64_t a[6], const LuStruct *ts)
{
    struct itimerspec nv, old;
    if (get_itimerspec(ts, a[2], &nv))
        return -EFAULT;
    /* TFD_TIMER_ABSTIME (1) and TFD_TIMER_CANCEL_ON_SET (2): generic. */
    if (timerfd_settime(lu_arg_int(a[0]), lu_arg_int(a[1]), &nv, a[3] ? &old : NULL) < 0)
        return lu_host_err();
    return a[3] ? put_itimerspec(ts, a[3], &old) : 0;
}

static int64_t do_timerfd_gettime(const uint64_t a[6], const LuStruct *ts)
{
    struct itimerspec cur;
    if (timerfd_gettime(lu_arg_int(a[0]), &cur) < 0)
        return lu_host_err();
    return put_itimerspec(ts, a[1], &cur);
}

int64_t lu_sys_timerfd_settime(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_timerfd_settime(a, &lu_layouts()->timespec);
}

int64_t lu_sys_timerfd_settime64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_timerfd_settime(a, &lu_layouts()->timespec64);
}

int64_t lu_sys_timerfd_gettime(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_timerfd_gettime(a, &lu_layouts()->timespec);
}

int64_t lu_sys_timerfd_gettime64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_timerfd_gettime(a, &lu_layouts()->timespec64);
}
