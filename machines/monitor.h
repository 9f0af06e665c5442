/* machines/monitor.h — the human monitor (-monitor DEV), QEMU's HMP in
 * small: a prompt "(morph) " on a character back-end (machines/chardev.h)
 * and the commands QEMU users reach for first (help, info, x, xp, stop,
 * cont, system_reset, screendump, quit).
 *
 * Threads: the back-end's reader thread queues the typed bytes and kicks
 * the machine; the monitor's poller (machine_add_poller) assembles lines
 * and runs each command on the CPU thread, between blocks, where the
 * guest's state is exact and stands still — as the debugger's session.
 * `stop` sets Machine.paused: the loop then runs no guest code, only
 * the pollers after each kick, until `cont`.
 */
#ifndef MORPH_MONITOR_H
#define MORPH_MONITOR_H

#include <glib.h>

#include "machines/machine.h"

typedef struct Monitor Monitor;

/* A monitor on back-end spec (-serial's forms) for m, its banner and
 * first prompt written. NULL with *err set if spec cannot be opened. */
Monitor *monitor_open(Machine *m, const char *spec, GError **err);
void monitor_close(Monitor *mon);

#endif
