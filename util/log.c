/* util/log.c — the -d item names, the -D file and log_printf. */
#include "util/log.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

unsigned log_mask;
FILE *log_file;

static const struct {
    const char *name;
    unsigned item;
    const char *help;
} log_items[] = {
    { "in_asm", LOG_IN_ASM, "guest instructions of each translated block" },
    { "op", LOG_OP, "IR of each block as translated" },
    { "op_opt", LOG_OP_OPT, "IR of each block after optimization" },
    { "out_asm", LOG_OUT_ASM, "host code of each block" },
    { "exec", LOG_EXEC, "each block as it is executed" },
    { "unimp", LOG_UNIMP, "unimplemented instructions and system calls" },
    { "strace", LOG_STRACE, "guest system calls and their results" },
    { "int", LOG_INT, "guest exceptions and signals" },
    { "guest_errors", LOG_GUEST_ERRORS, "invalid guest accesses" },
    { "mmu", LOG_MMU, "guest MMU activity" },
    { "stats", LOG_STATS, "translation statistics at exit" },
};

bool log_parse_items(const char *list, unsigned *mask, const char **bad)
{
    static char badbuf[64];
    unsigned m = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;
        for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++) {
            if (strlen(log_items[i].name) == n && strncmp(p, log_items[i].name, n) == 0) {
                m |= log_items[i].item;
                found = true;
            }
        }
        if (!found && n > 0) {
            snprintf(badbuf, sizeof badbuf, "%.*s", (int)(n < 60 ? n : 60), p);
            if (bad)
                *bad = badbuf;
            return false;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    *mask = m;
    return true;
}

void log_help(FILE *out)
{
    fprintf(out, "Log items (-d ITEM[,ITEM...]):\n");
    for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++)
        fprintf(out, "  %-13s %s\n", log_items[i].name, log_items[i].help);
}

bool log_set_file(const char *path)
{
    /* "%d" becomes the pid, so programs a guest starts (which run morph
     * again with the same options) log to files of their own. */
    char name[4096];
    const char *pid_at = strstr(path, "%d");
    if (pid_at) {
        snprintf(name, sizeof name, "%.*s%d%s", (int)(pid_at - path), path, (int)getpid(), pid_at + 2);
        path = name;
    }
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    setvbuf(f, NULL, _IOLBF, 0);
    log_file = f;
    return true;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file ? log_file : stderr, fmt, ap);
    va_end(ap);
}
