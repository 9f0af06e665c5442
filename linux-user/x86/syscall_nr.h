/* linux-user/x86/syscall_nr.h — one x86 syscall-number table: the
 * kernel's name of each number (for -strace and the mapping onto the
 * generic LuSys ids by name) and the names whose generic call is another
 * one (i386's old mmap, its 32-bit uid calls) or none at all. The ids are
 * computed once, on first use (syscall_nr.c).
 */
#ifndef MORPH_LU_X86_SYSCALL_NR_H
#define MORPH_LU_X86_SYSCALL_NR_H

#include <stdint.h>

typedef struct X86SyscallAlias {
    const char *kernel_name;
    const char *generic_name;   /* NULL: morph has no such call */
} X86SyscallAlias;

typedef struct X86SyscallTable {
    const char *const *names;   /* indexed by number; NULL where free */
    int count;
    const X86SyscallAlias *aliases; /* ends with a NULL kernel_name */
    int16_t *ids;               /* count entries, filled on first use */
    int *ready;
} X86SyscallTable;

/* The LuSys id of number nr, or -1. */
int x86_syscall_table_id(const X86SyscallTable *t, int nr);
/* The kernel's name of number nr, or NULL. */
const char *x86_syscall_table_name(const X86SyscallTable *t, int nr);

#endif
