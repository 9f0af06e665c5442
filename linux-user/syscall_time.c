/* linux-user/syscall_time.c — clocks and sleeping: clock_gettime,
 * clock_getres, clock_nanosleep and nanosleep in their old (guest-long
 * time_t) and time64 forms, gettimeofday, time and times.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int64_t put_timespec(const LuStruct *s, uint64_t addr, const struct timespec *ts)
{
    uint64_t v[LU_MAX_FIELDS] = {
        [LU_TIME_SEC] = (uint64_t)ts->tv_sec,
        [LU_TIME_FRAC] = (uint64_t)ts->tv_nsec,
    };
    if (!lu_layout_fits(s, v))
        return -EOVERFLOW;
    return lu_put_struct(s, addr, v);
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

static int64_t do_clock_gettime(const uint64_t a[6], const LuStruct *s, bool res)
{
    struct timespec ts;
    int r = res ? clock_getres((clockid_t)lu_arg_int(a[0]), &ts)
                : clock_gettime((clockid_t)lu_arg_int(a[0]), &ts);
    if (r < 0)
        return lu_host_err();
    if (!a[1])
        return 0;
    return put_timespec(s, a[1], &ts);
}

int64_t lu_sys_clock_gettime(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_clock_gettime(a, &lu_layouts()->timespec, false);
}

int64_t lu_sys_clock_gettime64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_clock_gettime(a, &lu_layouts()->timespec64, false);
}

int64_t lu_sys_clock_getres(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_clock_gettime(a, &lu_layouts()->timespec, true);
}

int64_t lu_sys_clock_getres64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_clock_gettime(a, &lu_layouts()->timespec64, true);
}

int64_t lu_sys_gettimeofday(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuLayouts *L = lu_layouts();
    struct timeval tv;
    struct timezone tz;
    if (gettimeofday(&tv, &tz) < 0)
        return lu_host_err();
    if (a[0]) {
        uint64_t v[LU_MAX_FIELDS] = {
            [LU_TIME_SEC] = (uint64_t)tv.tv_sec,
            [LU_TIME_FRAC] = (uint64_t)tv.tv_usec,
        };
        if (lu_put_struct(&L->timeval, a[0], v))
            return -EFAULT;
    }
    if (a[1]) {
        uint64_t v[LU_MAX_FIELDS] = {
            [LU_TZ_MINUTESWEST] = (uint64_t)(int64_t)tz.tz_minuteswest,
            [LU_TZ_DSTTIME] = (uint64_t)(int64_t)tz.tz_dsttime,
        };
        if (lu_put_struct(&L->timezone, a[1], v))
            return -EFAULT;
    }
    return 0;
}

int64_t lu_sys_time(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    time_t t = time(NULL);
    if (a[0] && lu_put_long(a[0], (uint64_t)t))
        return -EFAULT;
    return t;
}

/* Sleep; on interruption write the remaining time to rem (if given). */
static int64_t do_clock_nanosleep(clockid_t clk, int flags, uint64_t req, uint64_t rem,
                                  const LuStruct *s)
{
    struct timespec in, left;
    if (get_timespec(s, req, &in))
        return -EFAULT;
    left = in; /* what is left if a signal came before the sleep began */
    int r = lu_safe_syscall(SYS_clock_nanosleep, clk, flags, &in, &left) < 0 ? errno : 0;
    if (r == EINTR && rem && !(flags & TIMER_ABSTIME))
        put_timespec(s, rem, &left);
    return -(int64_t)r;
}

int64_t lu_sys_nanosleep(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_clock_nanosleep(CLOCK_REALTIME, 0, a[0], a[1], &lu_layouts()->timespec);
}

int64_t lu_sys_clock_nanosleep(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_clock_nanosleep((clockid_t)lu_arg_int(a[0]), lu_arg_int(a[1]), a[2], a[3],
                              &lu_layouts()->timespec);
}

int64_t lu_sys_clock_nanosleep64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_clock_nanosleep((clockid_t)lu_arg_int(a[0]), lu_arg_int(a[1]), a[2], a[3],
                              &lu_layouts()->timespec64);
}

int64_t lu_sys_times(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return lu_host_err();
    if (a[0]) {
        uint64_t v[LU_MAX_FIELDS] = {
            [LU_TMS_UTIME] = (uint64_t)t.tms_utime,
            [LU_TMS_STIME] = (uint64_t)t.tms_stime,
            [LU_TMS_CUTIME] = (uint64_t)t.tms_cutime,
            [LU_TMS_CSTIME] = (uint64_t)t.tms_cstime,
        };
        if (lu_put_struct(&lu_layouts()->tms, a[0], v))
            return -EFAULT;
    }
    /* The kernel returns clock ticks in the guest's long. */
    if (lu_layouts()->long_size == 4)
        return (int64_t)(int32_t)(uint32_t)r;
    return r;
}
