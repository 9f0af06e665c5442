/* linux-user/x86/syscall_nr.c — the lookups of an x86 syscall-number
 * table (syscall_nr.h): number -> kernel name -> generic LuSys id, with
 * the table's aliases applied, computed once and kept.
 */
#include "linux-user/x86/syscall_nr.h"

#include <stddef.h>
#include <string.h>

#include "linux-user/syscall.h"

const char *x86_syscall_table_name(const X86SyscallTable *t, int nr)
{
    return nr >= 0 && nr < t->count ? t->names[nr] : NULL;
}

/* The generic name a kernel name stands for (itself unless aliased). */
static const char *generic_name(const X86SyscallTable *t, const char *kernel_name)
{
    for (const X86SyscallAlias *a = t->aliases; a->kernel_name; a++) {
        if (strcmp(a->kernel_name, kernel_name) == 0)
            return a->generic_name;
    }
    return kernel_name;
}

int x86_syscall_table_id(const X86SyscallTable *t, int nr)
{
    if (!__atomic_load_n(t->ready, __ATOMIC_ACQUIRE)) {
        for (int i = 0; i < t->count; i++) {
            const char *name = t->names[i] ? generic_name(t, t->names[i]) : NULL;
            t->ids[i] = (int16_t)(name ? lu_sys_lookup(name) : -1);
        }
        __atomic_store_n(t->ready, 1, __ATOMIC_RELEASE);
    }
    if (nr < 0 || nr >= t->count)
        return -1;
    return t->ids[nr];
}
