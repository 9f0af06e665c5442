/* linux-user/syscall_sched.c — the scheduler calls beyond sched_yield and
 * sched_getaffinity (syscall_proc.c): setting the affinity from a mask of
 * guest longs, policies and static priorities (struct sched_param is one
 * int everywhere) and the round-robin interval.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <sched.h>
#include <time.h>

int64_t lu_sys_sched_setaffinity(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    unsigned word = lu_layouts()->long_size, bits = 8 * word;
    uint64_t size = a[1];
    cpu_set_t set;
    CPU_ZERO(&set);
    for (uint64_t w = 0; w * word + word <= size; w++) {
        uint64_t x;
        if (lu_get_long(a[2] + w * word, &x))
            return -EFAULT;
        for (unsigned b = 0; b < bits; b++) {
            uint64_t cpu_nr = w * bits + b;
            if ((x >> b & 1) && cpu_nr < CPU_SETSIZE)
                CPU_SET(cpu_nr, &set);
        }
    }
    return lu_ret(sched_setaffinity(lu_arg_int(a[0]), sizeof set, &set));
}

int64_t lu_sys_sched_getparam(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct sched_param p;
    if (sched_getparam(lu_arg_int(a[0]), &p) < 0)
        return lu_host_err();
    return lu_put_u32(a[1], (uint32_t)p.sched_priority);
}

static int get_param(uint64_t addr, struct sched_param *p)
{
    uint32_t v;
    if (!addr || lu_get_u32(addr, &v))
        return -EINVAL; /* the kernel says EINVAL for a NULL param */
    p->sched_priority = (int)v;
    return 0;
}

int64_t lu_sys_sched_setparam(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct sched_param p;
    int e = get_param(a[1], &p);
    if (e)
        return e;
    return lu_ret(sched_setparam(lu_arg_int(a[0]), &p));
}

int64_t lu_sys_sched_getscheduler(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(sched_getscheduler(lu_arg_int(a[0])));
}

int64_t lu_sys_sched_setscheduler(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct sched_param p;
    int e = get_param(a[2], &p);
    if (e)
        return e;
    return lu_ret(sched_setscheduler(lu_arg_int(a[0]), lu_arg_int(a[1]), &p));
}

int64_t lu_sys_sched_prio_max(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(sched_get_priority_max(lu_arg_int(a[0])));
}

int64_t lu_sys_sched_prio_min(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(sched_get_priority_min(lu_arg_int(a[0])));
}

static int64_t do_rr_interval(const uint64_t a[6], const LuStruct *s)
{
    struct timespec ts;
    if (sched_rr_get_interval(lu_arg_int(a[0]), &ts) < 0)
        return lu_host_err();
    uint64_t v[LU_MAX_FIELDS] = {
        [LU_TIME_SEC] = (uint64_t)ts.tv_sec, [LU_TIME_FRAC] = (uint64_t)ts.tv_nsec,
    };
    return lu_put_struct(s, a[1], v);
}

int64_t lu_sys_sched_rr_interval(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_rr_interval(a, &lu_layouts()->timespec);
}

int64_t lu_sys_sched_rr_interval64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_rr_interval(a, &lu_layouts()->timespec64);
}
