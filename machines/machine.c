/* machines/machine.c — building a machine and running it: the address
 * space, the CPU on its engine, the console, the board, the debugger
 * stub, and the loop that runs guest code and handles what makes it
 * leave.
 *
 *   cpu_exec ─┬─ EXIT_INTERRUPT ─► poll devices, Ctrl-A x, debugger Ctrl-C,
 *             │                    reset/shutdown requests, sys->interrupt
 *             ├─ EXIT_DEBUG ─────► the debugger until it resumes
 *             ├─ EXIT_HALT ──────► (the halted check below)
 *             └─ a guest fault ──► sys->raise: the guest's handler
 *   halted ─► sleep until a kick or the cpu's next timer, then as an interrupt
 *   paused (the monitor's stop) ─► sleep until a kick, then poll devices
 *
 * Waking up: machine_kick (console input, the debugger's Ctrl-C, devices,
 * the timer thread) sets the cpu's exit_request and wakes a halted cpu.
 * The timer thread sleeps until the deadline the cpu thread published
 * from sys->next_timer_ns before it last entered guest code, then kicks.
 */
#include "machines/machine.h"

#include "backend/exec.h"
#include "backend/target.h"
#include "machines/gdbstub.h"
#include "machines/monitor.h"
#include "machines/timer.h"
#include "softmmu/tlb.h"

typedef struct MachineLoop {
    Machine m;                  /* first: machine_kick finds the loop from it */
    GMutex lock;                /* guards what follows */
    GCond wake;                 /* a kick happened: for a halted cpu */
    GCond timer_changed;        /* the deadline changed, or quitting */
    uint64_t timer_deadline_ns; /* CLOCK_MONOTONIC; UINT64_MAX: none */
    bool kicked;                /* a kick since the halted cpu last looked */
    bool quitting;
    GThread *timer_thread;
} MachineLoop;

/* glib's condition deadlines are CLOCK_MONOTONIC microseconds. */
static gint64 deadline_us(uint64_t ns)
{
    return (gint64)(ns / 1000 + 1);
}

static void kick_locked(MachineLoop *lp)
{
    lp->m.cpu->exit_request = 1;
    lp->kicked = true;
    g_cond_broadcast(&lp->wake);
}

void machine_kick(Machine *m)
{
    MachineLoop *lp = (MachineLoop *)m;
    g_mutex_lock(&lp->lock);
    kick_locked(lp);
    g_mutex_unlock(&lp->lock);
}

static void kick_notify(void *opaque)
{
    machine_kick(opaque);
}

void machine_add_poller(Machine *m, void (*poll)(void *opaque), void *opaque)
{
    MachinePoller p = {poll, opaque};
    g_array_append_val(m->pollers, p);
}

/* ---- the timer ---------------------------------------------------------- */

static gpointer timer_thread_main(gpointer opaque)
{
    MachineLoop *lp = opaque;
    g_mutex_lock(&lp->lock);
    while (!lp->quitting) {
        uint64_t deadline = lp->timer_deadline_ns;
        if (deadline == UINT64_MAX) {
            g_cond_wait(&lp->timer_changed, &lp->lock);
        } else if (machine_clock_ns() >= deadline) {
            lp->timer_deadline_ns = UINT64_MAX;
            kick_locked(lp);
        } else {
            g_cond_wait_until(&lp->timer_changed, &lp->lock, deadline_us(deadline));
        }
    }
    g_mutex_unlock(&lp->lock);
    return NULL;
}

/* The earliest deadline of the cpu's own timers and the devices'. */
static uint64_t next_deadline(Machine *m)
{
    uint64_t cpu_next = m->arch->sys->next_timer_ns(m->cpu);
    uint64_t dev_next = machine_timers_next(m);
    return cpu_next < dev_next ? cpu_next : dev_next;
}

/* Publish the next timer deadline before the cpu runs guest code. */
static void arm_timer(MachineLoop *lp)
{
    uint64_t next = next_deadline(&lp->m);
    g_mutex_lock(&lp->lock);
    if (next != lp->timer_deadline_ns) {
        lp->timer_deadline_ns = next;
        g_cond_signal(&lp->timer_changed);
    }
    g_mutex_unlock(&lp->lock);
}

/* The cpu waits for an interrupt: sleep until a kick or its next timer. */
static void wait_while_halted(MachineLoop *lp)
{
    g_mutex_lock(&lp->lock);
    while (!lp->kicked) {
        uint64_t deadline = next_deadline(&lp->m);
        if (deadline == UINT64_MAX)
            g_cond_wait(&lp->wake, &lp->lock);
        else if (machine_clock_ns() >= deadline)
            break;
        else
            g_cond_wait_until(&lp->wake, &lp->lock, deadline_us(deadline));
    }
    lp->kicked = false;
    g_mutex_unlock(&lp->lock);
}

/* ---- events ------------------------------------------------------------- */

static void on_map_changed(void *opaque)
{
    Machine *m = opaque;
    tlb_flush(m->cpu);
}

static void reset_machine(Machine *m)
{
    m->reset_requested = 0;
    engine_flush(m->cpu->engine);
    m->arch->sys->reset(m->cpu);
    tlb_flush(m->cpu);
    if (m->board->reset)
        m->board->reset(m);
}

static void poll_devices(Machine *m)
{
    m->cpu->exit_request = 0;
    machine_timers_run(m, machine_clock_ns());
    for (guint i = 0; i < m->pollers->len; i++) {
        MachinePoller *p = &g_array_index(m->pollers, MachinePoller, i);
        p->poll(p->opaque);
    }
    if (m->serial && chardev_quit_requested(m->serial)) {
        m->exit_status = 0;
        m->shutdown_requested = 1;
    }
}

/* The monitor paused the machine: no guest code, no interrupts, only
 * the pollers (the monitor's among them) after each kick. */
static void wait_while_paused(MachineLoop *lp)
{
    g_mutex_lock(&lp->lock);
    while (!lp->kicked)
        g_cond_wait(&lp->wake, &lp->lock);
    lp->kicked = false;
    g_mutex_unlock(&lp->lock);
    poll_devices(&lp->m);
}

/* ---- the debugger -------------------------------------------------------- */

/* Why an EXIT_DEBUG stopped the cpu: a watchpoint or a breakpoint/step. */
static GdbStopWhy debug_stop_reason(CpuCommon *cpu)
{
    if (!cpu->tlb->watch_hit_kind)
        return GDB_STOP_BREAK;
    return GDB_STOP_WATCH;
}

static void handle_guest_exit(MachineLoop *lp, ExitReason why);

/* Run one instruction for the debugger; why the cpu stopped after it. */
static GdbStopWhy single_step(MachineLoop *lp)
{
    CpuCommon *cpu = lp->m.cpu;
    ExitReason r = cpu_exec_step(cpu);
    if (r == EXIT_DEBUG)
        return debug_stop_reason(cpu);
    if (r == EXIT_INTERRUPT) {
        poll_devices(&lp->m);
        lp->m.arch->sys->interrupt(cpu);
    } else {
        handle_guest_exit(lp, r);
    }
    return GDB_STOP_BREAK;
}

/* Serve the debugger until it lets the guest run again. */
static void debug_session(MachineLoop *lp, GdbStopWhy why)
{
    Machine *m = &lp->m;
    for (;;) {
        GdbResume resume = gdb_stub_stopped(m->gdb, why);
        m->cpu->tlb->watch_hit_kind = 0;
        switch (resume) {
        case GDB_RESUME_CONTINUE:
        case GDB_RESUME_DETACH: /* the stub dropped its breakpoints; it listens on */
            return;
        case GDB_RESUME_STEP:
            why = single_step(lp);
            if (m->shutdown_requested)
                return;
            break;
        case GDB_RESUME_KILL: /* no exit report for the debugger that asked */
            gdb_stub_close(m->gdb);
            m->gdb = NULL;
            m->exit_status = 0;
            m->shutdown_requested = 1;
            return;
        }
    }
}

/* ---- the loop ------------------------------------------------------------ */

static void handle_interrupt_exit(MachineLoop *lp)
{
    Machine *m = &lp->m;
    poll_devices(m);
    if (m->gdb && gdb_stub_stop_requested(m->gdb))
        debug_session(lp, GDB_STOP_INTERRUPT);
    m->arch->sys->interrupt(m->cpu);
}

static void handle_guest_exit(MachineLoop *lp, ExitReason why)
{
    Machine *m = &lp->m;
    switch (why) {
    case EXIT_INTERRUPT:
        handle_interrupt_exit(lp);
        break;
    case EXIT_DEBUG:
        if (m->gdb)
            debug_session(lp, debug_stop_reason(m->cpu));
        break;
    case EXIT_HALT:
    case EXIT_NONE:
        break;
    default: /* a guest exception: its handler takes it */
        m->arch->sys->raise(m->cpu, why);
        break;
    }
}

static void run_loop(MachineLoop *lp)
{
    Machine *m = &lp->m;
    const GuestSysOps *sys = m->arch->sys;
    if (m->gdb && m->opt->start_stopped)
        debug_session(lp, GDB_STOP_START);
    while (!m->shutdown_requested) {
        if (m->reset_requested) {
            reset_machine(m);
            continue;
        }
        if (m->paused) {
            wait_while_paused(lp);
            continue;
        }
        if (sys->halted && sys->halted(m->cpu)) {
            wait_while_halted(lp);
            handle_interrupt_exit(lp);
            continue;
        }
        arm_timer(lp);
        handle_guest_exit(lp, cpu_exec(m->cpu));
    }
}

/* ---- building and tearing down ------------------------------------------ */

static bool build_cpu(Machine *m, GError **err)
{
    const Backend *backend = backend_by_name(m->opt->accel);
    if (!backend) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unknown accelerator '%s' (available: %s)",
                    m->opt->accel, backend_names());
        return false;
    }
    CpuCommon *cpu = g_malloc0(m->arch->cpu_size);
    cpu->arch = m->arch;
    m->arch->cpu_init(cpu);
    cpu->arch = m->arch;
    cpu->owner = m;
    m->arch->sys->reset(cpu);
    tlb_init(cpu, m->as);
    m->cpu = cpu;
    EngineOptions eo = {
        .backend = backend,
        .optimize = true,
        .fetch = softmmu_fetch,
        .code_added = softmmu_code_added,
        .system = true,
        .code_phys = softmmu_code_phys,
        .breakpoint = m->opt->gdb ? gdb_stub_breakpoint_at : NULL,
    };
    engine_attach_cpu(engine_new(m->arch, &eo), cpu);
    as_set_map_changed(m->as, on_map_changed, m);
    return true;
}

static void tear_down(MachineLoop *lp)
{
    Machine *m = &lp->m;
    if (lp->timer_thread) {
        g_mutex_lock(&lp->lock);
        lp->quitting = true;
        g_cond_signal(&lp->timer_changed);
        g_mutex_unlock(&lp->lock);
        g_thread_join(lp->timer_thread);
    }
    if (m->gdb)
        gdb_stub_close(m->gdb);
    monitor_close(m->monitor);
    if (m->board->free)
        m->board->free(m);
    machine_timers_free_all(m);
    if (m->serial)
        chardev_close(m->serial);
    if (m->cpu) {
        Engine *engine = m->cpu->engine;
        engine_detach_cpu(engine, m->cpu);
        engine_free(engine);
        tlb_destroy(m->cpu);
        g_free(m->cpu);
    }
    as_free(m->as);
    g_array_free(m->pollers, TRUE);
    g_mutex_clear(&lp->lock);
    g_cond_clear(&lp->wake);
    g_cond_clear(&lp->timer_changed);
    g_free(lp);
}

int machine_run(const MachineOptions *opt, GError **err)
{
    const BoardDesc *board = board_find(opt->board);
    if (!board) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unknown machine '%s' (see '-M help')",
                    opt->board);
        return -1;
    }
    MachineLoop *lp = g_new0(MachineLoop, 1);
    Machine *m = &lp->m;
    *m = (Machine){.board = board,
                   .opt = opt,
                   .arch = board->arch,
                   .as = as_new(),
                   .pollers = g_array_new(FALSE, FALSE, sizeof(MachinePoller))};
    g_mutex_init(&lp->lock);
    g_cond_init(&lp->wake);
    g_cond_init(&lp->timer_changed);
    lp->timer_deadline_ns = UINT64_MAX;

    bool ok = build_cpu(m, err) && (m->serial = chardev_open(opt->serial ? opt->serial : "stdio", err));
    if (ok) {
        chardev_set_notify(m->serial, kick_notify, m);
        ok = board->init(m, err) && (!opt->gdb || (m->gdb = gdb_stub_open(m, opt->gdb, err))) &&
             (!opt->monitor || (m->monitor = monitor_open(m, opt->monitor, err)));
    }
    if (!ok) {
        tear_down(lp);
        return -1;
    }
    lp->timer_thread = g_thread_new("morph-timer", timer_thread_main, lp);
    m->paused = opt->start_stopped && !m->gdb;
    run_loop(lp);
    if (m->gdb) /* the guest shut the machine down: tell the debugger */
        gdb_stub_stopped(m->gdb, GDB_STOP_EXITED);
    int status = m->exit_status;
    tear_down(lp);
    return status;
}
