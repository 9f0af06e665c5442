/* backend/exclusive.c — exclusive sections: work on an engine that no cpu
 * may overlap with running guest code (emptying the code cache frees the
 * code other threads run), done while every other cpu of the engine is
 * outside cpu_exec. QEMU's start_exclusive/end_exclusive, with a mutex.
 *
 *   cpu_exec ─► engine_exec_start: wait while a section is active;
 *      │                           running = 1
 *      │  lookups, translation, guest code (exit_request checked at
 *      │  every block entry)
 *   cpu_exec returns ─► engine_exec_end: running = 0, wake the section
 *
 *   engine_exclusive_begin(e, self)
 *      self inside cpu_exec? it stops counting as running (it is at a
 *      safe point, and another section may be waiting for it)
 *      wait until no other section is active; this one is
 *      every other running cpu: exit_request = 1; wait until none runs
 *   ... the caller's work ...
 *   engine_exclusive_end(e, self): inactive; self runs again; wake all
 *
 * A cpu blocked in a system call (a futex wait) is outside cpu_exec, so a
 * section never waits for a guest that sleeps. A cpu told to leave comes
 * back to its caller with EXIT_INTERRUPT and waits at its next
 * cpu_exec until the section ends.
 */
#include "backend/engine_internal.h"

static bool others_running(Engine *e, const CpuCaches *mine)
{
    bool any = false;
    for (guint i = 0; i < e->cpu_caches->len; i++) {
        CpuCaches *c = g_ptr_array_index(e->cpu_caches, i);
        if (c == mine || !c->running)
            continue;
        c->cpu->exit_request = 1;
        any = true;
    }
    return any;
}

void engine_exclusive_begin(Engine *e, CpuCommon *self)
{
    CpuCaches *mine = self ? engine_caches_of(self) : NULL;
    g_mutex_lock(&e->excl_lock);
    if (mine) {
        mine->resume_running = mine->running;
        if (mine->running) {
            mine->running = 0;
            g_cond_broadcast(&e->excl_cond);
        }
    }
    while (e->excl_active)
        g_cond_wait(&e->excl_cond, &e->excl_lock);
    e->excl_active = true;
    while (others_running(e, mine))
        g_cond_wait(&e->excl_cond, &e->excl_lock);
    g_mutex_unlock(&e->excl_lock);
}

void engine_exclusive_end(Engine *e, CpuCommon *self)
{
    CpuCaches *mine = self ? engine_caches_of(self) : NULL;
    g_mutex_lock(&e->excl_lock);
    e->excl_active = false;
    if (mine && mine->resume_running) {
        mine->resume_running = 0;
        mine->running = 1;
    }
    g_cond_broadcast(&e->excl_cond);
    g_mutex_unlock(&e->excl_lock);
}

void engine_exec_start(Engine *e, CpuCommon *cpu)
{
    CpuCaches *mine = engine_caches_of(cpu);
    g_mutex_lock(&e->excl_lock);
    while (e->excl_active)
        g_cond_wait(&e->excl_cond, &e->excl_lock);
    mine->running = 1;
    g_mutex_unlock(&e->excl_lock);
}

void engine_exec_end(Engine *e, CpuCommon *cpu)
{
    CpuCaches *mine = engine_caches_of(cpu);
    g_mutex_lock(&e->excl_lock);
    mine->running = 0;
    if (e->excl_active)
        g_cond_broadcast(&e->excl_cond);
    g_mutex_unlock(&e->excl_lock);
}
