/* linux-user/ia64/abi.h — what the pieces of the IA-64 Linux ABI
 * (linux-user/ia64/) share: syscall numbers, layouts, signal frames. */
#ifndef MORPH_LU_IA64_ABI_H
#define MORPH_LU_IA64_ABI_H

#include <stdint.h>

enum {
    IA64_SYSCALL_BASE = 1024,  /* number = 1024 + syscall.tbl index */
    IA64_NR_PIPE = 1058,
    IA64_NR_CLONE = 1128,
    IA64_NR_CLONE2 = 1213,
};

int ia64_syscall_id(int nr);
const char *ia64_syscall_name(int nr);

struct LuLayouts;
extern struct LuLayouts ia64_layouts; /* filled at start-up (layout.c) */
struct LuSignalAbi;
extern const struct LuSignalAbi ia64_signal_abi;

#endif
