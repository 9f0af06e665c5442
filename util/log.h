/* util/log.h — morph's own logging: the -d ITEMS mask and the -D file.
 * Guest-visible output never goes through here. */
#ifndef MORPH_LOG_H
#define MORPH_LOG_H

#include <stdbool.h>
#include <stdio.h>

typedef enum LogItem {
    LOG_IN_ASM = 1u << 0,       /* guest code of each translated block */
    LOG_OP = 1u << 1,           /* IR as the frontend built it */
    LOG_OP_OPT = 1u << 2,       /* IR after the optimizer */
    LOG_OUT_ASM = 1u << 3,      /* host code of each block (JIT) */
    LOG_EXEC = 1u << 4,         /* every block executed */
    LOG_UNIMP = 1u << 5,        /* unimplemented instructions and syscalls */
    LOG_STRACE = 1u << 6,       /* guest system calls */
    LOG_INT = 1u << 7,          /* guest exceptions and signals */
    LOG_GUEST_ERRORS = 1u << 8, /* bad guest accesses (system mode) */
    LOG_MMU = 1u << 9,          /* guest MMU (system mode) */
    LOG_STATS = 1u << 10,       /* translation statistics at exit */
} LogItem;

extern unsigned log_mask;
extern FILE *log_file; /* stderr unless -D */

static inline bool log_enabled(unsigned items) { return (log_mask & items) != 0; }

/* Parse "in_asm,op,unimp"; returns false and sets *bad to the first
 * unknown item. "help" is not an item: callers print log_help(). */
bool log_parse_items(const char *list, unsigned *mask, const char **bad);
void log_help(FILE *out);
bool log_set_file(const char *path); /* false (errno set) if it cannot be opened */
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
