/* machines/gdbstub.h — a GDB remote-protocol stub for system mode
 * (-s, -gdb tcp::PORT): gdb-multiarch reads and writes registers (the
 * guest's GuestSysOps gdb_* view and target description) and memory
 * (through the guest's MMU: softmmu_debug_rw), sets software breakpoints
 * (Z0: blocks stop before the address, EngineOptions.breakpoint) and
 * hardware ones (Z1, the same), watchpoints (Z2-Z4: softmmu_watch_*),
 * single-steps, continues, interrupts with Ctrl-C, detaches and kills.
 * A malformed packet gets an error reply (E01, or an empty reply for an
 * unknown command) and never stops morph.
 *
 * The machine loop drives it on the CPU thread: when the CPU stops
 * (EXIT_DEBUG, -S at start, a Ctrl-C seen through gdb_stub_stop_requested)
 * it calls gdb_stub_stopped, which serves the debugger until it resumes
 * the guest. A thread of the stub's own waits for the connection and,
 * while the guest runs, watches the socket for Ctrl-C (then
 * machine_kick).
 */
#ifndef MORPH_GDBSTUB_H
#define MORPH_GDBSTUB_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "machines/machine.h"

typedef struct GdbStub GdbStub;

/* Listen on spec ("tcp::1234", "tcp:HOST:PORT"); NULL with *err set if
 * the spec is malformed or the port cannot be bound. */
GdbStub *gdb_stub_open(Machine *m, const char *spec, GError **err);
void gdb_stub_close(GdbStub *s);
/* The TCP port it listens on (the one the system chose for port 0). */
unsigned gdb_stub_port(const GdbStub *s);

typedef enum GdbStopWhy {
    GDB_STOP_START,     /* -S: before the first instruction */
    GDB_STOP_BREAK,     /* a breakpoint, or a single step ended (SIGTRAP) */
    GDB_STOP_WATCH,     /* a watchpoint (cpu->tlb->watch_hit_*) */
    GDB_STOP_INTERRUPT, /* Ctrl-C from the debugger (SIGINT) */
    GDB_STOP_EXITED,    /* the machine shut down: W reply, then close */
} GdbStopWhy;

typedef enum GdbResume {
    GDB_RESUME_CONTINUE,
    GDB_RESUME_STEP,    /* the loop runs cpu_exec_step, then stops again */
    GDB_RESUME_DETACH,  /* run on with no breakpoints, stub closed */
    GDB_RESUME_KILL,    /* end morph-system */
} GdbResume;

/* Tell the debugger why the CPU stopped (waiting for it to connect
 * first if it has not yet) and serve it until it resumes. */
GdbResume gdb_stub_stopped(GdbStub *s, GdbStopWhy why);

/* The debugger sent Ctrl-C while the guest ran (the flag clears when
 * read). */
bool gdb_stub_stop_requested(GdbStub *s);

/* EngineOptions.breakpoint of the machine (cpu->owner is the Machine). */
bool gdb_stub_breakpoint_at(CpuCommon *cpu, uint64_t addr);

#endif
