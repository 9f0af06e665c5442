/* machines/timer.h — device timers of a machine: a callback that runs on
 * the CPU thread once the machine's clock passes its deadline (the PIT's
 * counters, the RTC's periodic and update interrupts, a local APIC's
 * timer). The machine loop sleeps until the earliest deadline of the
 * cpu's own timers and these, then runs the expired ones before it takes
 * interrupts.
 *
 * The clock is host CLOCK_MONOTONIC nanoseconds; tests install their own
 * with machine_set_clock and run the expired timers with
 * machine_timers_run.
 */
#ifndef MORPH_MACHINE_TIMER_H
#define MORPH_MACHINE_TIMER_H

#include <stdint.h>

struct Machine;
typedef struct MachineTimer MachineTimer;

typedef void (*MachineTimerFn)(void *opaque);

/* A stopped timer of machine m (freed with the machine or by
 * machine_timer_free). */
MachineTimer *machine_timer_new(struct Machine *m, MachineTimerFn fn, void *opaque);
void machine_timer_free(MachineTimer *t);
/* Run fn once the clock reaches deadline_ns (UINT64_MAX: stop it). May be
 * called from fn itself to re-arm a periodic timer. */
void machine_timer_mod(MachineTimer *t, uint64_t deadline_ns);

/* The machine's clock now, in ns. */
uint64_t machine_clock_ns(void);
/* Tests: a clock of their own; NULL restores the host's. */
void machine_set_clock(uint64_t (*now_ns)(void));

/* The loop's side: the earliest armed deadline (UINT64_MAX: none), and
 * run every timer whose deadline is <= now (each disarmed before its fn
 * runs). */
uint64_t machine_timers_next(struct Machine *m);
void machine_timers_run(struct Machine *m, uint64_t now_ns);
/* Free every timer of m (tear-down). */
void machine_timers_free_all(struct Machine *m);

#endif
