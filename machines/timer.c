/* machines/timer.c — device timers (machines/timer.h): a small list per
 * machine, scanned for the earliest deadline; machines have a handful of
 * timers, so a list beats a heap. */
#include "machines/timer.h"

#include <time.h>

#include "machines/machine.h"

struct MachineTimer {
    Machine *m;
    MachineTimerFn fn;
    void *opaque;
    uint64_t deadline_ns; /* UINT64_MAX: stopped */
};

static uint64_t host_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t (*clock_fn)(void) = host_clock_ns;

uint64_t machine_clock_ns(void)
{
    return clock_fn();
}

void machine_set_clock(uint64_t (*now_ns)(void))
{
    clock_fn = now_ns ? now_ns : host_clock_ns;
}

MachineTimer *machine_timer_new(Machine *m, MachineTimerFn fn, void *opaque)
{
    MachineTimer *t = g_new(MachineTimer, 1);
    *t = (MachineTimer){.m = m, .fn = fn, .opaque = opaque, .deadline_ns = UINT64_MAX};
    if (!m->timers)
        m->timers = g_ptr_array_new();
    g_ptr_array_add(m->timers, t);
    return t;
}

void machine_timer_free(MachineTimer *t)
{
    if (!t)
        return;
    g_ptr_array_remove(t->m->timers, t);
    g_free(t);
}

void machine_timer_mod(MachineTimer *t, uint64_t deadline_ns)
{
    t->deadline_ns = deadline_ns;
}

uint64_t machine_timers_next(Machine *m)
{
    uint64_t next = UINT64_MAX;
    for (guint i = 0; m->timers && i < m->timers->len; i++) {
        MachineTimer *t = g_ptr_array_index(m->timers, i);
        if (t->deadline_ns < next)
            next = t->deadline_ns;
    }
    return next;
}

void machine_timers_run(Machine *m, uint64_t now_ns)
{
    /* Each timer runs at most once per call: one re-armed for a time
     * already past runs at the next call (the loop comes back at once). */
    for (guint i = 0; m->timers && i < m->timers->len; i++) {
        MachineTimer *t = g_ptr_array_index(m->timers, i);
        if (t->deadline_ns > now_ns)
            continue;
        t->deadline_ns = UINT64_MAX;
        t->fn(t->opaque);
    }
}

void machine_timers_free_all(Machine *m)
{
    if (!m->timers)
        return;
    for (guint i = 0; i < m->timers->len; i++)
        g_free(g_ptr_array_index(m->timers, i));
    g_ptr_array_free(m->timers, TRUE);
    m->timers = NULL;
}
