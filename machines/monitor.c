/* machines/monitor.c — the human monitor: typed bytes into lines, lines
 * into commands (one table), and the commands themselves.
 *
 *   back-end reader thread ──► chardev queue ──► machine_kick
 *   CPU thread: monitor_poll ──► line ──► command ──► output ──► back-end
 *
 * Output is collected in a GString with "\n" line ends and written with
 * "\r\n" (terminals in raw mode and sockets want both). Memory dumps
 * follow QEMU's `x`/`xp`: /[COUNT][FORMAT][SIZE], FORMAT one of x d u o c
 * i, SIZE one of b h w g, values in the guest's byte order.
 */
#include "machines/monitor.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/display.h"
#include "softmmu/tlb.h"

#ifndef MORPH_VERSION
#define MORPH_VERSION "unknown"
#endif

enum {
    LINE_MAX_BYTES = 1024,
    DUMP_LINE_BYTES = 16, /* bytes per line of an x/xp dump */
    DISAS_WINDOW = 16,    /* bytes read for one instruction of x/i */
    BACKSPACE = 0x08,
    DELETE = 0x7f,
};

static const char PROMPT[] = "(morph) ";

struct Monitor {
    Machine *m;
    CharDev *cd;
    bool echo;     /* a terminal (stdio, pty): echo what is typed */
    bool after_cr; /* the last byte ended a line with '\r' */
    GString *line; /* the line being typed */
};

/* ---- output ---------------------------------------------------------------- */

static void send_text(Monitor *mon, const char *text, size_t len)
{
    GString *wire = g_string_sized_new(len + 16);
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            g_string_append_c(wire, '\r');
        g_string_append_c(wire, text[i]);
    }
    chardev_write(mon->cd, wire->str, wire->len);
    g_string_free(wire, TRUE);
}

/* What a guest hook writes to a FILE, into out. */
static void capture(GString *out, void (*emit)(void *ctx, FILE *f), void *ctx)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return;
    emit(ctx, f);
    fclose(f);
    g_string_append_len(out, text, (gssize)len);
    free(text);
}

/* ---- arguments --------------------------------------------------------------- */

/* An address: terms joined by + and -, each a number (C notation: 0x
 * hex, 0 octal, else decimal) or $pc. false if malformed. */
static bool parse_address(Monitor *mon, const char *text, uint64_t *value)
{
    uint64_t sum = 0;
    int sign = 1;
    const char *p = text;
    for (;;) {
        while (*p == ' ')
            p++;
        uint64_t term;
        if (strncmp(p, "$pc", 3) == 0) {
            term = mon->m->cpu->pc;
            p += 3;
        } else {
            char *end;
            if (!g_ascii_isdigit(*p))
                return false;
            term = g_ascii_strtoull(p, &end, 0);
            p = end;
        }
        sum += sign > 0 ? term : -term;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        if (*p != '+' && *p != '-')
            return false;
        sign = *p++ == '+' ? 1 : -1;
    }
    *value = sum;
    return true;
}

typedef struct DumpFormat {
    unsigned count;
    char format;   /* x d u o c i */
    unsigned size; /* bytes of a unit: 1 2 4 8 */
} DumpFormat;

static const struct {
    char letter;
    unsigned size;
} size_letters[] = {{'b', 1}, {'h', 2}, {'w', 4}, {'g', 8}};

/* "/[COUNT][FORMAT][SIZE]" (letters in any order); false if malformed. */
static bool parse_format(const char *text, DumpFormat *f)
{
    *f = (DumpFormat){.count = 1, .format = 'x', .size = 0};
    if (*text++ != '/')
        return false;
    if (g_ascii_isdigit(*text)) {
        char *end;
        f->count = (unsigned)strtoul(text, &end, 10);
        text = end;
    }
    for (; *text; text++) {
        size_t k = 0;
        while (k < G_N_ELEMENTS(size_letters) && size_letters[k].letter != *text)
            k++;
        if (k < G_N_ELEMENTS(size_letters))
            f->size = size_letters[k].size;
        else if (strchr("xduoci", *text))
            f->format = *text;
        else
            return false;
    }
    if (!f->size)
        f->size = f->format == 'c' ? 1 : 4;
    return f->count > 0;
}

/* ---- memory dumps ------------------------------------------------------------ */

typedef bool (*ReadMemFn)(Monitor *mon, uint64_t addr, void *buf, size_t len);

static bool read_virtual(Monitor *mon, uint64_t addr, void *buf, size_t len)
{
    return softmmu_debug_rw(mon->m->cpu, addr, buf, len, false);
}

static bool read_physical(Monitor *mon, uint64_t addr, void *buf, size_t len)
{
    return as_read(mon->m->as, addr, buf, len);
}

static uint64_t unit_value(const Monitor *mon, const uint8_t *bytes, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned from = mon->m->arch->big_endian ? i : size - 1 - i;
        v = v << 8 | bytes[from];
    }
    return v;
}

static void append_unit(GString *out, char format, uint64_t v, unsigned size)
{
    unsigned bits = size * 8;
    switch (format) {
    case 'x':
        g_string_append_printf(out, " 0x%0*" G_GINT64_MODIFIER "x", (int)size * 2, v);
        break;
    case 'o':
        g_string_append_printf(out, " %#*" G_GINT64_MODIFIER "o", (int)(bits + 2) / 3 + 1, v);
        break;
    case 'u':
        g_string_append_printf(out, " %*" G_GUINT64_FORMAT, (int)(bits * 10 + 32) / 33, v);
        break;
    case 'd': {
        int64_t s = bits == 64 ? (int64_t)v : (int64_t)(v << (64 - bits)) >> (64 - bits);
        g_string_append_printf(out, " %*" G_GINT64_FORMAT, (int)(bits * 10 + 32) / 33 + 1, s);
        break;
    }
    case 'c':
        if (v >= 0x20 && v < 0x7f)
            g_string_append_printf(out, " '%c'", (char)v);
        else
            g_string_append_printf(out, " '\\x%02x'", (unsigned)(v & 0xff));
        break;
    }
}

static int address_digits(const Monitor *mon, bool physical)
{
    return physical || mon->m->arch->elf_class == ELFCLASS64 ? 16 : 8;
}

static void dump_instructions(Monitor *mon, const DumpFormat *f, uint64_t addr, ReadMemFn read, bool physical,
                              GString *out)
{
    for (unsigned n = 0; n < f->count; n++) {
        uint8_t code[DISAS_WINDOW];
        char text[128];
        if (!read(mon, addr, code, sizeof code)) {
            g_string_append_printf(out, "Cannot access memory at 0x%" G_GINT64_MODIFIER "x\n", addr);
            return;
        }
        size_t len = mon->m->arch->disas(addr, code, sizeof code, text, sizeof text);
        g_string_append_printf(out, "0x%0*" G_GINT64_MODIFIER "x:  %s\n", address_digits(mon, physical), addr,
                               len ? text : "(bad)");
        addr += len ? len : 1;
    }
}

static void dump_units(Monitor *mon, const DumpFormat *f, uint64_t addr, ReadMemFn read, bool physical,
                       GString *out)
{
    uint64_t total = (uint64_t)f->count * f->size;
    for (uint64_t done = 0; done < total; done += DUMP_LINE_BYTES) {
        uint8_t bytes[DUMP_LINE_BYTES];
        size_t len = (size_t)MIN((uint64_t)DUMP_LINE_BYTES, total - done);
        uint64_t at = addr + done;
        if (!read(mon, at, bytes, len)) {
            g_string_append_printf(out, "Cannot access memory at 0x%" G_GINT64_MODIFIER "x\n", at);
            return;
        }
        g_string_append_printf(out, "%0*" G_GINT64_MODIFIER "x:", address_digits(mon, physical), at);
        for (size_t i = 0; i < len; i += f->size)
            append_unit(out, f->format, unit_value(mon, bytes + i, f->size), f->size);
        g_string_append_c(out, '\n');
    }
}

static void dump_memory(Monitor *mon, gchar **argv, bool physical, GString *out)
{
    DumpFormat f;
    uint64_t addr;
    const char *name = physical ? "xp" : "x";
    if (!argv[1] || !argv[2] || !parse_format(argv[1], &f)) {
        g_string_append_printf(out, "%s: usage: %s /FMT ADDR (FMT: [COUNT][xduoci][bhwg])\n", name, name);
        return;
    }
    g_autofree char *expr = g_strjoinv(" ", argv + 2);
    if (!parse_address(mon, expr, &addr)) {
        g_string_append_printf(out, "%s: bad address '%s'\n", name, expr);
        return;
    }
    ReadMemFn read = physical ? read_physical : read_virtual;
    if (f.format == 'i')
        dump_instructions(mon, &f, addr, read, physical, out);
    else
        dump_units(mon, &f, addr, read, physical, out);
}

/* ---- info ---------------------------------------------------------------------- */

static void write_registers(void *ctx, FILE *f)
{
    Machine *m = ctx;
    m->arch->dump_state(m->cpu, f);
}

static void write_mappings(void *ctx, FILE *f)
{
    Machine *m = ctx;
    m->arch->sys->dump_mappings(m->cpu, f);
}

static void info_registers(Monitor *mon, GString *out)
{
    capture(out, write_registers, mon->m);
}

static void info_mappings(Monitor *mon, GString *out)
{
    if (mon->m->arch->sys->dump_mappings)
        capture(out, write_mappings, mon->m);
    else
        g_string_append_printf(out, "the %s cpu has no mappings to show\n", mon->m->arch->name);
}

static void info_status(Monitor *mon, GString *out)
{
    g_string_append_printf(out, "VM status: %s\n", mon->m->paused ? "paused" : "running");
}

static void info_version(Monitor *mon, GString *out)
{
    (void)mon;
    g_string_append(out, "morph-system " MORPH_VERSION "\n");
}

static const struct InfoItem {
    const char *name;
    void (*show)(Monitor *mon, GString *out);
    const char *help;
} info_items[] = {
    {"registers", info_registers, "the cpu's registers"},
    {"mem", info_mappings, "the mappings of virtual memory in force now, with their rights"},
    {"tlb", info_mappings, "the same as info mem"},
    {"status", info_status, "whether the machine runs or is paused"},
    {"version", info_version, "morph-system's version"},
};

static void list_info_items(GString *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(info_items); i++)
        g_string_append_printf(out, "info %-10s -- %s\n", info_items[i].name, info_items[i].help);
}

/* ---- the commands ---------------------------------------------------------------- */

static void cmd_help(Monitor *mon, gchar **argv, GString *out);

static void cmd_info(Monitor *mon, gchar **argv, GString *out)
{
    if (!argv[1]) {
        list_info_items(out);
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(info_items); i++) {
        if (strcmp(argv[1], info_items[i].name) == 0) {
            info_items[i].show(mon, out);
            return;
        }
    }
    g_string_append_printf(out, "unknown info item: '%s'\n", argv[1]);
    list_info_items(out);
}

static void cmd_x(Monitor *mon, gchar **argv, GString *out)
{
    dump_memory(mon, argv, false, out);
}

static void cmd_xp(Monitor *mon, gchar **argv, GString *out)
{
    dump_memory(mon, argv, true, out);
}

static void cmd_stop(Monitor *mon, gchar **argv, GString *out)
{
    (void)argv, (void)out;
    mon->m->paused = true;
}

static void cmd_cont(Monitor *mon, gchar **argv, GString *out)
{
    (void)argv, (void)out;
    mon->m->paused = false;
}

static void cmd_system_reset(Monitor *mon, gchar **argv, GString *out)
{
    (void)argv, (void)out;
    mon->m->reset_requested = 1;
}

static void cmd_screendump(Monitor *mon, gchar **argv, GString *out)
{
    GError *err = NULL;
    if (!argv[1])
        g_string_append(out, "screendump: usage: screendump FILE\n");
    else if (!mon->m->display)
        g_string_append_printf(out, "screendump: machine '%s' has no screen\n", mon->m->board->name);
    else if (!display_screendump(mon->m->display, argv[1], &err)) {
        g_string_append_printf(out, "screendump: %s\n", err->message);
        g_error_free(err);
    }
}

static void cmd_quit(Monitor *mon, gchar **argv, GString *out)
{
    (void)argv, (void)out;
    mon->m->exit_status = 0;
    mon->m->shutdown_requested = 1;
}

static const struct Command {
    const char *names; /* the name, then its aliases, '|' between */
    const char *args;
    void (*run)(Monitor *mon, gchar **argv, GString *out);
    const char *help;
} commands[] = {
    {"help|?", "[COMMAND]", cmd_help, "list the commands, or show one"},
    {"info", "[ITEM]", cmd_info, "show the machine's state ('info' lists the items)"},
    {"x", "/FMT ADDR", cmd_x, "virtual memory at ADDR: FMT is [COUNT][xduoci][bhwg], ADDR may use $pc"},
    {"xp", "/FMT ADDR", cmd_xp, "physical memory at ADDR, as x"},
    {"stop", "", cmd_stop, "pause the machine"},
    {"cont|c", "", cmd_cont, "resume the machine"},
    {"system_reset", "", cmd_system_reset, "reset the machine"},
    {"screendump", "FILE", cmd_screendump, "write the screen to FILE as a PNG"},
    {"quit|q", "", cmd_quit, "quit morph-system"},
};

static bool command_named(const struct Command *c, const char *name)
{
    g_auto(GStrv) names = g_strsplit(c->names, "|", -1);
    return g_strv_contains((const gchar *const *)names, name);
}

static const struct Command *find_command(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (command_named(&commands[i], name))
            return &commands[i];
    }
    return NULL;
}

static void describe_command(const struct Command *c, GString *out)
{
    g_string_append_printf(out, "%s%s%s -- %s\n", c->names, c->args[0] ? " " : "", c->args, c->help);
}

static void cmd_help(Monitor *mon, gchar **argv, GString *out)
{
    (void)mon;
    const struct Command *c = argv[1] ? find_command(argv[1]) : NULL;
    if (c) {
        describe_command(c, out);
        return;
    }
    if (argv[1])
        g_string_append_printf(out, "unknown command: '%s'\n", argv[1]);
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        describe_command(&commands[i], out);
}

/* The words of a line; "x/4wx ADDR" is "x /4wx ADDR", as QEMU accepts
 * it (a '/' in the first word only: "screendump dir/a.png" stays). */
static gchar **split_words(const char *line)
{
    g_autofree char *spaced = NULL;
    const char *slash = strchr(line, '/');
    if (slash && slash - line < (ptrdiff_t)strcspn(line, " \t")) {
        spaced = g_strdup_printf("%.*s %s", (int)(slash - line), line, slash);
        line = spaced;
    }
    gchar **words = g_strsplit_set(line, " \t", -1);
    unsigned kept = 0;
    for (unsigned i = 0; words[i]; i++) {
        if (words[i][0])
            words[kept++] = words[i];
        else
            g_free(words[i]);
    }
    words[kept] = NULL;
    return words;
}

static void execute(Monitor *mon, const char *line, GString *out)
{
    g_auto(GStrv) argv = split_words(line);
    if (!argv[0])
        return;
    const struct Command *c = find_command(argv[0]);
    if (c)
        c->run(mon, argv, out);
    else
        g_string_append_printf(out, "unknown command: '%s'\n", argv[0]);
}

/* ---- typing -------------------------------------------------------------------- */

static void run_line(Monitor *mon)
{
    GString *out = g_string_new(mon->echo ? "\n" : "");
    execute(mon, mon->line->str, out);
    if (!mon->m->shutdown_requested)
        g_string_append(out, PROMPT);
    send_text(mon, out->str, out->len);
    g_string_free(out, TRUE);
    g_string_truncate(mon->line, 0);
}

static void erase_char(Monitor *mon)
{
    if (!mon->line->len)
        return;
    g_string_truncate(mon->line, mon->line->len - 1);
    if (mon->echo)
        chardev_write(mon->cd, "\b \b", 3);
}

static void add_char(Monitor *mon, char c)
{
    if (mon->line->len >= LINE_MAX_BYTES || !g_ascii_isprint(c))
        return;
    g_string_append_c(mon->line, c);
    if (mon->echo)
        chardev_write(mon->cd, &c, 1);
}

static void take_byte(Monitor *mon, char c)
{
    bool lf_after_cr = c == '\n' && mon->after_cr;
    mon->after_cr = c == '\r';
    if (lf_after_cr)
        return;
    if (c == '\r' || c == '\n')
        run_line(mon);
    else if (c == BACKSPACE || c == DELETE)
        erase_char(mon);
    else
        add_char(mon, c);
}

/* The poller: every complete line typed since the last kick, on the CPU
 * thread. Ctrl-A x on a stdio monitor quits, as on a stdio console. */
static void monitor_poll(void *opaque)
{
    Monitor *mon = opaque;
    char buf[256];
    size_t n;
    while (!mon->m->shutdown_requested && (n = chardev_read(mon->cd, buf, sizeof buf)) > 0) {
        for (size_t i = 0; i < n && !mon->m->shutdown_requested; i++)
            take_byte(mon, buf[i]);
    }
    if (chardev_quit_requested(mon->cd)) {
        mon->m->exit_status = 0;
        mon->m->shutdown_requested = 1;
    }
}

static void kick_machine(void *opaque)
{
    machine_kick(opaque);
}

Monitor *monitor_open(Machine *m, const char *spec, GError **err)
{
    CharDev *cd = chardev_open(spec, err);
    if (!cd) {
        g_prefix_error(err, "-monitor: ");
        return NULL;
    }
    Monitor *mon = g_new0(Monitor, 1);
    mon->m = m;
    mon->cd = cd;
    mon->echo = strcmp(spec, "stdio") == 0 || strcmp(spec, "pty") == 0;
    mon->line = g_string_new(NULL);
    static const char banner[] = "morph-system monitor - type 'help' for more information\n";
    send_text(mon, banner, strlen(banner));
    send_text(mon, PROMPT, strlen(PROMPT));
    chardev_set_notify(cd, kick_machine, m);
    machine_add_poller(m, monitor_poll, mon);
    machine_kick(m); /* input that came before the notify hook was set */
    return mon;
}

void monitor_close(Monitor *mon)
{
    if (!mon)
        return;
    chardev_close(mon->cd);
    g_string_free(mon->line, TRUE);
    g_free(mon);
}
