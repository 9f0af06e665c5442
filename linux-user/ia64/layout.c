/* linux-user/ia64/layout.c — the kernel structs of IA-64 Linux. IA-64
 * is LP64 little-endian with the generic flag words, ioctl numbers and
 * errno values, so it shares x86-64's rows except where the uapi headers
 * of arch/ia64 differ:
 *   struct stat   times (with nsec) come before st_blksize/st_blocks
 *                 (x86-64 puts blksize/blocks first); 144 bytes
 *   sigaction     no sa_restorer: handler 0, flags 8, mask 16
 *   epoll_event   not packed: events 0, data 8, 16 bytes
 * The table is x86-64's copied once at start-up and then patched. */
#include <string.h>

#include "linux-user/ia64/abi.h"
#include "linux-user/layout.h"

extern const LuLayouts x86_64_layouts;

LuLayouts ia64_layouts;

static const LuStruct ia64_stat = { .size = 144, .f = {
    [LU_STAT_DEV] = { 0, 8, 0 },       [LU_STAT_INO] = { 8, 8, 0 },
    [LU_STAT_NLINK] = { 16, 8, 0 },    [LU_STAT_MODE] = { 24, 4, 0 },
    [LU_STAT_UID] = { 28, 4, 0 },      [LU_STAT_GID] = { 32, 4, 0 },
    [LU_STAT_RDEV] = { 40, 8, 0 },     [LU_STAT_SIZE] = { 48, 8, 1 },
    [LU_STAT_ATIME] = { 56, 8, 0 },    [LU_STAT_ATIME_NSEC] = { 64, 8, 0 },
    [LU_STAT_MTIME] = { 72, 8, 0 },    [LU_STAT_MTIME_NSEC] = { 80, 8, 0 },
    [LU_STAT_CTIME] = { 88, 8, 0 },    [LU_STAT_CTIME_NSEC] = { 96, 8, 0 },
    [LU_STAT_BLKSIZE] = { 104, 8, 1 }, [LU_STAT_BLOCKS] = { 112, 8, 1 },
} };

static const LuStruct ia64_sigaction = { .size = 24, .f = {
    [LU_SA_HANDLER] = { 0, 8, 0 }, [LU_SA_FLAGS] = { 8, 8, 0 }, [LU_SA_MASK_LO] = { 16, 8, 0 },
} };

static const LuStruct ia64_epoll_event = { .size = 16, .f = {
    [LU_EPE_EVENTS] = { 0, 4, 0 }, [LU_EPE_DATA] = { 8, 8, 0 },
} };

__attribute__((constructor)) static void ia64_layouts_init(void)
{
    memcpy(&ia64_layouts, &x86_64_layouts, sizeof ia64_layouts);
    ia64_layouts.stat = ia64_stat;
    ia64_layouts.stat64 = ia64_stat;
    ia64_layouts.sigaction = ia64_sigaction;
    ia64_layouts.epoll_event = ia64_epoll_event;
    /* clone(flags, newsp, ptid, ctid, tls): abi.c gives clone2 this shape */
    ia64_layouts.clone_ctid_arg = 3;
    ia64_layouts.clone_tls_arg = 4;
}
