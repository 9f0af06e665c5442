/* machines/machine.h — what boards, devices, the system-mode loop and the
 * debugger share: the Machine (its CPU, physical address space, console
 * and options), interrupt lines, and the table of boards.
 *
 * Threads: the CPU thread runs guest code, device MMIO callbacks, timers
 * and interrupt delivery — devices need no locks. Other threads (console
 * input, the debugger's socket, the timer wake-up) only queue data and
 * call machine_kick(), which makes the CPU thread leave guest code
 * (EXIT_INTERRUPT) and call machine_poll().
 */
#ifndef MORPH_MACHINE_H
#define MORPH_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "frontend/guest.h"
#include "machines/chardev.h"
#include "softmmu/memory.h"

/* An interrupt line: a device drives it, an interrupt controller (or the
 * CPU) receives it. level 1 = asserted. */
typedef struct IrqLine {
    void (*set)(void *opaque, unsigned n, int level);
    void *opaque;
    unsigned n;
} IrqLine;

static inline void irq_set(const IrqLine *line, int level)
{
    if (line->set)
        line->set(line->opaque, line->n, level);
}

/* -display: where a board's screen goes (machines/display.h). */
typedef enum MachineDisplayKind {
    MACHINE_DISPLAY_DEFAULT, /* sdl when $DISPLAY or $WAYLAND_DISPLAY is set, else none */
    MACHINE_DISPLAY_NONE,
    MACHINE_DISPLAY_SDL,
} MachineDisplayKind;

/* -drive: IDE disks on the PC, index 0-3 = primary master, primary slave,
 * secondary master, secondary slave. */
enum { MACHINE_MAX_DRIVES = 4 };

/* The command line, parsed (machines/main.c). */
typedef struct MachineOptions {
    const char *board;        /* -M */
    uint64_t ram_bytes;       /* -m; 0 = the board's default */
    const char *bios;         /* -bios: firmware, ELF or raw image */
    const char *kernel, *initrd, *append, *dtb;
    const char *serial;       /* -serial: stdio (default), pty, file:PATH, tcp:HOST:PORT[,server] */
    const char *debugcon;     /* -debugcon: the PC's debug port 0x402 (same forms); NULL: none */
    bool nographic;
    const char *gdb;          /* -gdb tcp::PORT (-s = tcp::1234); NULL: no stub */
    bool start_stopped;       /* -S */
    const char *accel;        /* -accel jit|interp */
    MachineDisplayKind display; /* -display; -nographic makes it none */
    const char *screendump;   /* -screendump: a PNG of the screen when the machine stops */
    const char *drives[MACHINE_MAX_DRIVES]; /* -drive file=...: raw images by index; NULL: none */
    bool snapshot;            /* -snapshot: disk writes go to memory, the images stay unchanged */
    const char *monitor;      /* -monitor: the forms of -serial (machines/monitor.h); NULL: none */
} MachineOptions;

/* A device polled by the loop after every kick (console input pending,
 * ...), on the CPU thread. */
typedef struct MachinePoller {
    void (*poll)(void *opaque);
    void *opaque;
} MachinePoller;

typedef struct Machine {
    const struct BoardDesc *board;
    const MachineOptions *opt;
    const GuestArch *arch;
    CpuCommon *cpu;            /* one CPU for now */
    AddressSpace *as;
    CharDev *serial;           /* the console, -serial */
    GArray *pollers;           /* MachinePoller */
    GPtrArray *timers;         /* MachineTimer (machines/timer.h) */
    /* Set by devices: leave the loop after this block (guest asked for a
     * reset or power-off through a device register). */
    volatile int reset_requested, shutdown_requested;
    int exit_status;           /* morph-system's exit status on shutdown */
    struct GdbStub *gdb;       /* NULL without -gdb */
    struct Monitor *monitor;   /* NULL without -monitor */
    /* The monitor's `stop` (or -S with a monitor): the loop runs no guest
     * code, only the pollers after each kick. The CPU thread only. */
    bool paused;
    /* The board's screen, for the monitor's screendump (machines/
     * display.h); set by a board with a display, else NULL. */
    struct Display *display;
    void *board_state;         /* the board's own */
} Machine;

typedef struct BoardDesc {
    const char *name;          /* -M NAME */
    const char *summary;       /* one line for -M help */
    const GuestArch *arch;
    uint64_t default_ram_bytes;
    bool has_display;          /* a screen for -display and -screendump (machines/display.h) */
    bool has_disks;            /* a disk controller for -drive and -snapshot */
    /* Build the machine: regions, devices, firmware, device tree, the
     * CPU's start state (m->cpu exists, reset done). false with *err set
     * on bad input (firmware missing or not loadable, ...). */
    bool (*init)(Machine *m, GError **err);
    /* Optional: a guest-requested reset (reset_requested), after the CPU
     * was reset again. */
    void (*reset)(Machine *m);
    /* Optional: free what init made (devices, board_state), also after an
     * init that failed part way; called before the address space goes. */
    void (*free)(Machine *m);
} BoardDesc;

/* machines/boards.c: NULL-terminated. */
const BoardDesc *const *board_list(void);
const BoardDesc *board_find(const char *name);

/* machines/machine.c */
void machine_add_poller(Machine *m, void (*poll)(void *opaque), void *opaque);
/* From any thread: make the CPU thread leave guest code and poll. */
void machine_kick(Machine *m);
/* Create the machine (CPU, address space, board init) and run it until
 * the guest shuts it down or the debugger kills it; returns the exit
 * status, or -1 with *err set if it could not be built. */
int machine_run(const MachineOptions *opt, GError **err);

#endif
