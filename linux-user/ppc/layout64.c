/* linux-user/ppc/layout64.c — the kernel structs of 64-bit PowerPC Linux
 * (ppc64, big-endian, and ppc64le), as LuLayouts rows.
 *
 * The flag words, termios bits, ioctl numbers and socket option names of
 * powerpc's uapi headers (asm/termbits.h, asm/ioctls.h, asm/mman.h,
 * asm/fcntl.h, asm/socket.h) are the same with and without __powerpc64__,
 * so they come from ppc32_layouts; what differs is every struct with a
 * long, a pointer or a time_t in it, given here. Offsets and sizes are
 * offsetof()/sizeof() printed by programs built with
 * powerpc64-linux-gnu-gcc and powerpc64le-linux-gnu-gcc (the same for
 * both); tests/unit/test_syscall_layout64.c checks them byte for byte.
 * Rows are { offset, size, signed }.
 *
 * Both tables are filled once, before main, from ppc32_layouts plus the
 * rows below: a struct added to LuLayouts needs its 64-bit row here.
 */
#include "linux-user/layout.h"

LuLayouts ppc64_layouts, ppc64le_layouts;

static void ppc64_fill(LuLayouts *L, bool big_endian)
{
    *L = ppc32_layouts;
    L->big_endian = big_endian;
    L->long_size = 8;
    L->pair_aligned = false; /* a 64-bit argument is one register */

    L->stat = (LuStruct){ .size = 144, .f = {
        [LU_STAT_DEV] = { 0, 8, 0 },      [LU_STAT_INO] = { 8, 8, 0 },
        [LU_STAT_NLINK] = { 16, 8, 0 },   [LU_STAT_MODE] = { 24, 4, 0 },
        [LU_STAT_UID] = { 28, 4, 0 },     [LU_STAT_GID] = { 32, 4, 0 },
        [LU_STAT_RDEV] = { 40, 8, 0 },    [LU_STAT_SIZE] = { 48, 8, 1 },
        [LU_STAT_BLKSIZE] = { 56, 8, 0 }, [LU_STAT_BLOCKS] = { 64, 8, 0 },
        [LU_STAT_ATIME] = { 72, 8, 1 },   [LU_STAT_ATIME_NSEC] = { 80, 8, 0 },
        [LU_STAT_MTIME] = { 88, 8, 1 },   [LU_STAT_MTIME_NSEC] = { 96, 8, 0 },
        [LU_STAT_CTIME] = { 104, 8, 1 },  [LU_STAT_CTIME_NSEC] = { 112, 8, 0 },
    } };
    L->stat64 = L->stat; /* no stat64 calls on ppc64: the plain ones are 64-bit */
    L->timespec = (LuStruct){ .size = 16, .f = {
        [LU_TIME_SEC] = { 0, 8, 1 }, [LU_TIME_FRAC] = { 8, 8, 1 },
    } };
    L->timeval = L->timespec;
    L->rusage = (LuStruct){ .size = 144 };
    for (unsigned k = 0; k < LU_RU_N; k++)
        L->rusage.f[k] = (LuField){ (uint16_t)(8 * k), 8, 1 };
    L->rlimit = (LuStruct){ .size = 16, .f = {
        [LU_RLIM_CUR] = { 0, 8, 0 }, [LU_RLIM_MAX] = { 8, 8, 0 },
    } };
    L->sysinfo = (LuStruct){ .size = 112, .f = {
        [LU_SI_UPTIME] = { 0, 8, 1 },     [LU_SI_LOAD0] = { 8, 8, 0 },
        [LU_SI_LOAD1] = { 16, 8, 0 },     [LU_SI_LOAD2] = { 24, 8, 0 },
        [LU_SI_TOTALRAM] = { 32, 8, 0 },  [LU_SI_FREERAM] = { 40, 8, 0 },
        [LU_SI_SHAREDRAM] = { 48, 8, 0 }, [LU_SI_BUFFERRAM] = { 56, 8, 0 },
        [LU_SI_TOTALSWAP] = { 64, 8, 0 }, [LU_SI_FREESWAP] = { 72, 8, 0 },
        [LU_SI_PROCS] = { 80, 2, 0 },     [LU_SI_TOTALHIGH] = { 88, 8, 0 },
        [LU_SI_FREEHIGH] = { 96, 8, 0 },  [LU_SI_MEM_UNIT] = { 104, 4, 0 },
    } };
    L->iovec = (LuStruct){ .size = 16, .f = {
        [LU_IOV_BASE] = { 0, 8, 0 }, [LU_IOV_LEN] = { 8, 8, 0 },
    } };
    L->tms = (LuStruct){ .size = 32, .f = {
        [LU_TMS_UTIME] = { 0, 8, 1 },   [LU_TMS_STIME] = { 8, 8, 1 },
        [LU_TMS_CUTIME] = { 16, 8, 1 }, [LU_TMS_CSTIME] = { 24, 8, 1 },
    } };
    L->flock = L->flock64; /* off_t is 64 bits: the same 32-byte struct */
    L->sigaction = (LuStruct){ .size = 32, .f = {
        [LU_SA_HANDLER] = { 0, 8, 0 },   [LU_SA_FLAGS] = { 8, 8, 0 },
        [LU_SA_RESTORER] = { 16, 8, 0 }, [LU_SA_MASK_LO] = { 24, 8, 0 },
    } };
    L->sigset = (LuStruct){ .size = 8, .f = { [LU_SS_LO] = { 0, 8, 0 } } };
    L->stack = (LuStruct){ .size = 24, .f = {
        [LU_STK_SP] = { 0, 8, 0 }, [LU_STK_FLAGS] = { 8, 4, 1 }, [LU_STK_SIZE] = { 16, 8, 0 },
    } };
    L->epoll_event = (LuStruct){ .size = 16, .f = {
        [LU_EPE_EVENTS] = { 0, 4, 0 }, [LU_EPE_DATA] = { 8, 8, 0 },
    } };
    L->msghdr = (LuStruct){ .size = 56, .f = {
        [LU_MSG_NAME] = { 0, 8, 0 },     [LU_MSG_NAMELEN] = { 8, 4, 0 },
        [LU_MSG_IOV] = { 16, 8, 0 },     [LU_MSG_IOVLEN] = { 24, 8, 0 },
        [LU_MSG_CONTROL] = { 32, 8, 0 }, [LU_MSG_CONTROLLEN] = { 40, 8, 0 },
        [LU_MSG_FLAGS] = { 48, 4, 1 },
    } };
    L->cmsghdr = (LuStruct){ .size = 16, .f = {
        [LU_CMSG_LEN] = { 0, 8, 0 }, [LU_CMSG_LEVEL] = { 8, 4, 1 }, [LU_CMSG_TYPE] = { 12, 4, 1 },
    } };
}

__attribute__((constructor)) static void ppc64_layouts_init(void)
{
    ppc64_fill(&ppc64_layouts, true);
    ppc64_fill(&ppc64le_layouts, false);
}
