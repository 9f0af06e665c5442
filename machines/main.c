/* machines/main.c — the `morph-system` executable: the command line into
 * MachineOptions, logging set up, then machine_run.
 *
 * Options follow qemu-system's where they mean the same thing; '--name'
 * works as well as '-name'. A bad command line is one error line and
 * exit status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "backend/target.h"
#include "machines/machine.h"
#include "util/log.h"

#ifndef MORPH_VERSION
#define MORPH_VERSION "unknown"
#endif

typedef enum OptAction {
    OPT_HELP,
    OPT_VERSION,
    OPT_MACHINE,
    OPT_MEMORY,
    OPT_BIOS,
    OPT_KERNEL,
    OPT_INITRD,
    OPT_APPEND,
    OPT_DTB,
    OPT_NOGRAPHIC,
    OPT_DISPLAY,
    OPT_SCREENDUMP,
    OPT_DRIVE,
    OPT_SNAPSHOT,
    OPT_SERIAL,
    OPT_DEBUGCON,
    OPT_MONITOR,
    OPT_GDB_DEFAULT,
    OPT_GDB,
    OPT_STOPPED,
    OPT_LOG,
    OPT_LOGFILE,
    OPT_ACCEL,
} OptAction;

static const struct Option {
    const char *name; /* without the leading dash(es) */
    const char *arg;  /* name of the argument, NULL for none */
    OptAction action;
    const char *help; /* NULL: an alias, not listed */
} options[] = {
    {"h", NULL, OPT_HELP, "print this help and exit"},
    {"help", NULL, OPT_HELP, NULL},
    {"version", NULL, OPT_VERSION, "print the version and exit"},
    {"M", "MACHINE", OPT_MACHINE, "emulate board MACHINE ('-M help' lists them)"},
    {"machine", "MACHINE", OPT_MACHINE, NULL},
    {"m", "SIZE", OPT_MEMORY, "RAM size: MiB, or with a K, M, G or T suffix (default: the board's)"},
    {"bios", "FILE", OPT_BIOS, "firmware: an ELF file, or a raw image the board places"},
    {"kernel", "FILE", OPT_KERNEL,
     "e500: a kernel booted the ePAPR way (r3 = the device tree): alone,\n"
     "the CPU starts it (an ELF file, or a raw image at 0); with -bios it\n"
     "is loaded as it is above 32 MiB and named in /chosen for the firmware;\n"
     "pc: a bzImage the BIOS boots through fw_cfg (QEMU's linuxboot ROM)"},
    {"initrd", "FILE", OPT_INITRD, "initial RAM disk, loaded after the kernel"},
    {"append", "CMDLINE", OPT_APPEND, "kernel command line (e500: /chosen/bootargs)"},
    {"dtb", "FILE", OPT_DTB, "hand the guest this device tree instead of the board's own"},
    {"display", "TYPE", OPT_DISPLAY,
     "show the board's screen: sdl (a window) or none; the default is sdl\n"
     "when $DISPLAY or $WAYLAND_DISPLAY is set and the board has a screen"},
    {"nographic", NULL, OPT_NOGRAPHIC, "= -display none; the serial console stays on stdio"},
    {"screendump", "FILE", OPT_SCREENDUMP,
     "write the screen to FILE as a PNG when the machine stops (power-off,\n"
     "Ctrl-A x, a closed window, SIGTERM or SIGINT)"},
    {"drive", "SPEC", OPT_DRIVE,
     "pc: an IDE hard disk, a raw image the guest reads and writes:\n"
     "file=IMAGE[,format=raw][,if=ide][,index=N][,media=disk]; index\n"
     "0-3: primary master, slave, secondary master, slave (default: the\n"
     "first free)"},
    {"snapshot", NULL, OPT_SNAPSHOT, "pc: disk writes stay in memory; the -drive images never change"},
    {"serial", "DEV", OPT_SERIAL,
     "serial console: stdio (the default), pty, null, file:PATH,\n"
     "tcp:HOST:PORT[,server][,nowait]; on stdio Ctrl-A x quits"},
    {"debugcon", "DEV", OPT_DEBUGCON,
     "the PC's debug console, port 0x402 (SeaBIOS's log): the forms of\n"
     "-serial; default: none (the port is absent)"},
    {"monitor", "DEV", OPT_MONITOR,
     "a monitor ('(morph) ' prompt, 'help' lists its commands) on DEV:\n"
     "stdio (then -serial must go elsewhere), pty or\n"
     "tcp:HOST:PORT,server[,nowait]"},
    {"s", NULL, OPT_GDB_DEFAULT, "same as -gdb tcp::1234"},
    {"gdb", "DEV", OPT_GDB, "listen for GDB on DEV (tcp::PORT or tcp:HOST:PORT)"},
    {"S", NULL, OPT_STOPPED, "stop before the first instruction (needs -s, -gdb or -monitor)"},
    {"d", "ITEMS", OPT_LOG, "log ITEM[,ITEM...] ('-d help' lists the items)"},
    {"D", "FILE", OPT_LOGFILE, "write the log to FILE instead of stderr"},
    {"accel", "NAME", OPT_ACCEL,
     "execute with backend NAME: jit (the default: native x86-64 code)\n"
     "or interp (the portable interpreter)"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: morph-system -M MACHINE [options]\n"
                 "Emulate a whole machine: its CPU, memory, devices and firmware.\n\n"
                 "Options ('--name' works as well as '-name'):\n");
    for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
        const struct Option *o = &options[i];
        if (!o->help)
            continue;
        char head[40];
        g_snprintf(head, sizeof head, "-%s%s%s%s", o->name,
                   o->action == OPT_HELP      ? ", --help"
                   : o->action == OPT_VERSION ? ", --version"
                                              : "",
                   o->arg ? " " : "", o->arg ? o->arg : "");
        /* Continuation lines of a help text line up under its first line. */
        gchar **lines = g_strsplit(o->help, "\n", -1);
        for (int l = 0; lines[l]; l++)
            fprintf(out, "  %-20s %s\n", l == 0 ? head : "", lines[l]);
        g_strfreev(lines);
    }
    fprintf(out, "\nExit status: 0 when the guest powers the machine off or the user\n"
                 "quits (Ctrl-A x); 1 for a bad command line or a machine that cannot\n"
                 "be built (firmware missing or not loadable, ...).\n");
}

static _Noreturn void bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "morph-system: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try 'morph-system --help')\n");
    exit(1);
}

static void list_boards(FILE *out)
{
    fprintf(out, "Supported machines:\n");
    for (const BoardDesc *const *b = board_list(); *b; b++)
        fprintf(out, "  %-12s %s\n", (*b)->name, (*b)->summary);
}

/* -m: a number of MiB, or of K/M/G/T units (qemu's convention). */
static uint64_t parse_memory_size(const char *arg)
{
    static const struct {
        char suffix;
        unsigned shift;
    } units[] = {
        {'K', 10},
        {'M', 20},
        {'G', 30},
        {'T', 40},
    };
    char *end;
    errno = 0;
    uint64_t n = g_ascii_strtoull(arg, &end, 10);
    unsigned shift = 20;
    for (size_t i = 0; *end && i < G_N_ELEMENTS(units); i++) {
        if (g_ascii_toupper(*end) == units[i].suffix) {
            shift = units[i].shift;
            end++;
            break;
        }
    }
    if (!g_ascii_isdigit(*arg) || *end || errno || n == 0 || n > (UINT64_MAX >> shift))
        bad_usage("-m needs a memory size such as 256, 512M or 1G, not '%s'", arg);
    return n << shift;
}

static MachineDisplayKind parse_display(const char *arg)
{
    static const struct {
        const char *name;
        MachineDisplayKind kind;
    } displays[] = {
        {"none", MACHINE_DISPLAY_NONE},
        {"sdl", MACHINE_DISPLAY_SDL},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(displays); i++) {
        if (strcmp(arg, displays[i].name) == 0)
            return displays[i].kind;
    }
    bad_usage("unknown display '%s' (sdl or none)", arg);
}

/* -display sdl and -screendump need a board with a screen. */
static void check_display_options(const MachineOptions *mo, const BoardDesc *board)
{
    if (board->has_display)
        return;
    if (mo->display == MACHINE_DISPLAY_SDL)
        bad_usage("-display sdl: machine '%s' has no screen", board->name);
    if (mo->screendump)
        bad_usage("-screendump: machine '%s' has no screen", board->name);
}

/* -drive: the keys with one accepted value. */
static const struct DriveChoice {
    const char *key, *value, *what;
} drive_choices[] = {
    {"format", "raw", "image format"},
    {"if", "ide", "interface"},
    {"media", "disk", "medium"},
};

static void check_drive_choice(const char *key, const char *value)
{
    for (size_t i = 0; i < G_N_ELEMENTS(drive_choices); i++) {
        const struct DriveChoice *c = &drive_choices[i];
        if (strcmp(key, c->key) != 0)
            continue;
        if (strcmp(value, c->value) != 0) {
            char msg[128];
            g_snprintf(msg, sizeof msg, "-drive: %s '%%s' is not supported (only %s=%s)", c->what, c->key,
                       c->value);
            bad_usage(msg, value);
        }
        return;
    }
    bad_usage("-drive: unknown key '%s' (file, format, if, index, media)", key);
}

static int parse_drive_index(const char *value)
{
    if (strlen(value) != 1 || value[0] < '0' || value[0] >= '0' + MACHINE_MAX_DRIVES)
        bad_usage("-drive: index '%s' is not 0, 1, 2 or 3", value);
    return value[0] - '0';
}

static int first_free_drive(const MachineOptions *mo)
{
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (!mo->drives[i])
            return i;
    }
    bad_usage("-drive: %s", "all four IDE positions are taken");
}

/* -drive file=PATH[,KEY=VALUE...] */
static void parse_drive(const char *spec, MachineOptions *mo)
{
    gchar **items = g_strsplit(spec, ",", -1);
    const char *file = NULL;
    int index = -1;
    for (gchar **item = items; *item; item++) {
        char *eq = strchr(*item, '=');
        if (!eq)
            bad_usage("-drive: '%s' is not KEY=VALUE", *item);
        *eq = '\0';
        const char *value = eq + 1;
        if (strcmp(*item, "file") == 0)
            file = value;
        else if (strcmp(*item, "index") == 0)
            index = parse_drive_index(value);
        else
            check_drive_choice(*item, value);
    }
    if (!file || !*file)
        bad_usage("-drive needs file=IMAGE, not '%s'", spec);
    if (index < 0)
        index = first_free_drive(mo);
    else if (mo->drives[index])
        bad_usage("-drive: index %s is already taken", (char[]){(char)('0' + index), '\0'});
    mo->drives[index] = g_strdup(file); /* lives as long as the options */
    g_strfreev(items);
}

/* -drive and -snapshot need a board with a disk controller. */
static void check_drive_options(const MachineOptions *mo, const BoardDesc *board)
{
    bool any = mo->snapshot;
    for (int i = 0; i < MACHINE_MAX_DRIVES; i++)
        any |= mo->drives[i] != NULL;
    if (any && !board->has_disks)
        bad_usage("-drive, -snapshot: machine '%s' has no disk controller", board->name);
}

typedef struct LogChoice {
    const char *items, *path;
} LogChoice;

static void apply_option(const struct Option *o, const char *arg, MachineOptions *mo, LogChoice *log)
{
    switch (o->action) {
    case OPT_HELP:
        usage(stdout);
        exit(0);
    case OPT_VERSION:
        printf("morph-system %s\n", MORPH_VERSION);
        exit(0);
    case OPT_MACHINE:
        if (strcmp(arg, "help") == 0) {
            list_boards(stdout);
            exit(0);
        }
        mo->board = arg;
        break;
    case OPT_MEMORY:
        mo->ram_bytes = parse_memory_size(arg);
        break;
    case OPT_BIOS:
        mo->bios = arg;
        break;
    case OPT_KERNEL:
        mo->kernel = arg;
        break;
    case OPT_INITRD:
        mo->initrd = arg;
        break;
    case OPT_APPEND:
        mo->append = arg;
        break;
    case OPT_DTB:
        mo->dtb = arg;
        break;
    case OPT_NOGRAPHIC:
        mo->nographic = true;
        mo->display = MACHINE_DISPLAY_NONE;
        break;
    case OPT_DISPLAY:
        mo->display = parse_display(arg);
        break;
    case OPT_SCREENDUMP:
        mo->screendump = arg;
        break;
    case OPT_DRIVE:
        parse_drive(arg, mo);
        break;
    case OPT_SNAPSHOT:
        mo->snapshot = true;
        break;
    case OPT_SERIAL:
        mo->serial = arg;
        break;
    case OPT_DEBUGCON:
        mo->debugcon = arg;
        break;
    case OPT_MONITOR:
        mo->monitor = arg;
        break;
    case OPT_GDB_DEFAULT:
        mo->gdb = "tcp::1234";
        break;
    case OPT_GDB:
        mo->gdb = arg;
        break;
    case OPT_STOPPED:
        mo->start_stopped = true;
        break;
    case OPT_LOG:
        if (strcmp(arg, "help") == 0) {
            log_help(stdout);
            exit(0);
        }
        log->items = arg;
        break;
    case OPT_LOGFILE:
        log->path = arg;
        break;
    case OPT_ACCEL:
        if (!backend_by_name(arg)) {
            char msg[128];
            g_snprintf(msg, sizeof msg, "unknown accelerator '%%s' (available: %s)", backend_names());
            bad_usage(msg, arg);
        }
        mo->accel = arg;
        break;
    }
}

static void parse_args(int argc, char **argv, MachineOptions *mo, LogChoice *log)
{
    for (int i = 1; i < argc; i++) {
        const char *word = argv[i];
        if (word[0] != '-' || word[1] == '\0')
            bad_usage("unexpected argument '%s' (options only)", word);
        const char *name = word + (word[1] == '-' ? 2 : 1);
        const struct Option *o = NULL;
        for (size_t k = 0; k < G_N_ELEMENTS(options) && !o; k++) {
            if (strcmp(options[k].name, name) == 0)
                o = &options[k];
        }
        if (!o)
            bad_usage("unknown option '%s'", word);
        const char *arg = NULL;
        if (o->arg) {
            if (++i >= argc)
                bad_usage("option '%s' needs an argument", word);
            arg = argv[i];
        }
        apply_option(o, arg, mo, log);
    }
    if (!mo->board)
        bad_usage("%s", "no machine given: name one with -M ('-M help' lists them)");
    if (mo->start_stopped && !mo->gdb && !mo->monitor)
        bad_usage("%s", "-S needs -s or -gdb, or a -monitor to resume the machine");
    bool serial_on_stdio = !mo->serial || strcmp(mo->serial, "stdio") == 0;
    if (mo->monitor && strcmp(mo->monitor, "stdio") == 0 && serial_on_stdio)
        bad_usage("%s", "-monitor stdio needs the serial port elsewhere (-serial file:PATH, pty, null, ...)");
}

static void set_up_logging(const LogChoice *log)
{
    if (log->items) {
        const char *bad = NULL;
        unsigned mask = 0;
        if (!log_parse_items(log->items, &mask, &bad))
            bad_usage("unknown log item '%s' (see '-d help')", bad ? bad : log->items);
        log_mask = mask;
    }
    if (log->path && !log_set_file(log->path)) {
        fprintf(stderr, "morph-system: cannot open log file %s: %s\n", log->path, strerror(errno));
        exit(1);
    }
}

int main(int argc, char **argv)
{
    MachineOptions mo = {0};
    LogChoice log = {0};
    parse_args(argc, argv, &mo, &log);
    const BoardDesc *board = board_find(mo.board);
    if (!board)
        bad_usage("unknown machine '%s' (see '-M help')", mo.board);
    check_display_options(&mo, board);
    check_drive_options(&mo, board);
    set_up_logging(&log);
    GError *err = NULL;
    int status = machine_run(&mo, &err);
    if (status < 0) {
        fprintf(stderr, "morph-system: %s\n", err->message);
        g_error_free(err);
        return 1;
    }
    return status;
}
