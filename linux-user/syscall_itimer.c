/* linux-user/syscall_itimer.c — the interval timers that send the process
 * signals: alarm (SIGALRM after whole seconds), setitimer and getitimer
 * (ITIMER_REAL/VIRTUAL/PROF: SIGALRM, SIGVTALRM, SIGPROF). They are the
 * host's timers: the guest's signal arrives as a host signal and is
 * delivered like any other. A guest struct itimerval is two guest
 * timevals, it_interval then it_value.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <sys/time.h>
#include <unistd.h>

int64_t lu_sys_alarm(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return alarm((unsigned)a[0]);
}

static int get_itimerval(uint64_t addr, struct itimerval *out)
{
    const LuStruct *tv = &lu_layouts()->timeval;
    uint64_t iv[LU_MAX_FIELDS], vv[LU_MAX_FIELDS];
    if (lu_get_struct(tv, addr, iv) || lu_get_struct(tv, addr + tv->size, vv))
        return -EFAULT;
    out->it_interval.tv_sec = (time_t)(int64_t)iv[LU_TIME_SEC];
    out->it_interval.tv_usec = (suseconds_t)(int64_t)iv[LU_TIME_FRAC];
    out->it_value.tv_sec = (time_t)(int64_t)vv[LU_TIME_SEC];
    out->it_value.tv_usec = (suseconds_t)(int64_t)vv[LU_TIME_FRAC];
    return 0;
}

static int put_itimerval(uint64_t addr, const struct itimerval *in)
{
    const LuStruct *tv = &lu_layouts()->timeval;
    uint64_t iv[LU_MAX_FIELDS] = {
        [LU_TIME_SEC] = (uint64_t)in->it_interval.tv_sec,
        [LU_TIME_FRAC] = (uint64_t)in->it_interval.tv_usec,
    };
    uint64_t vv[LU_MAX_FIELDS] = {
        [LU_TIME_SEC] = (uint64_t)in->it_value.tv_sec,
        [LU_TIME_FRAC] = (uint64_t)in->it_value.tv_usec,
    };
    if (lu_put_struct(tv, addr, iv) || lu_put_struct(tv, addr + tv->size, vv))
        return -EFAULT;
    return 0;
}

int64_t lu_sys_setitimer(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct itimerval next, old;
    if (a[1] && get_itimerval(a[1], &next))
        return -EFAULT;
    /* A NULL new value disarms, as the kernel has it. */
    if (!a[1])
        next = (struct itimerval){ { 0, 0 }, { 0, 0 } };
    if (setitimer((__itimer_which_t)lu_arg_int(a[0]), &next, &old) < 0)
        return lu_host_err();
    if (a[2] && put_itimerval(a[2], &old))
        return -EFAULT;
    return 0;
}

int64_t lu_sys_getitimer(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct itimerval cur;
    if (getitimer((__itimer_which_t)lu_arg_int(a[0]), &cur) < 0)
        return lu_host_err();
    return put_itimerval(a[1], &cur) ? -EFAULT : 0;
}
