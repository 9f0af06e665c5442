/* linux-user/x86/layout64.c — the kernel structs of x86-64 Linux, as
 * LuLayouts rows.
 *
 * x86-64 is the host's own ABI, so every struct is the host's: the rows
 * are what the syscall layer (written for every guest) converts through,
 * and tests/unit/test_x86_layout.c checks each against the host's
 * offsetof() of the uapi structs. Two shapes are x86's alone: struct
 * epoll_event is packed (12 bytes, data at 4), and there are no stat64
 * calls (the plain stat family is 64-bit). Flag words, termios bits,
 * ioctl numbers, errno values and socket option names are the generic
 * ones, as on i386 (layout32.c). Rows are { offset, size, signed }.
 */
#include "linux-user/layout.h"

extern const LuIoctlNr x86_ioctls[]; /* layout32.c */

#define X86_64_STAT                                                        \
    { .size = 144, .f = {                                                  \
        [LU_STAT_DEV] = { 0, 8, 0 },      [LU_STAT_INO] = { 8, 8, 0 },     \
        [LU_STAT_NLINK] = { 16, 8, 0 },   [LU_STAT_MODE] = { 24, 4, 0 },   \
        [LU_STAT_UID] = { 28, 4, 0 },     [LU_STAT_GID] = { 32, 4, 0 },    \
        [LU_STAT_RDEV] = { 40, 8, 0 },    [LU_STAT_SIZE] = { 48, 8, 1 },   \
        [LU_STAT_BLKSIZE] = { 56, 8, 1 }, [LU_STAT_BLOCKS] = { 64, 8, 1 }, \
        [LU_STAT_ATIME] = { 72, 8, 0 },   [LU_STAT_ATIME_NSEC] = { 80, 8, 0 }, \
        [LU_STAT_MTIME] = { 88, 8, 0 },   [LU_STAT_MTIME_NSEC] = { 96, 8, 0 }, \
        [LU_STAT_CTIME] = { 104, 8, 0 },  [LU_STAT_CTIME_NSEC] = { 112, 8, 0 }, \
    } }

#define X86_64_TIME { .size = 16, .f = { [LU_TIME_SEC] = { 0, 8, 1 }, [LU_TIME_FRAC] = { 8, 8, 1 } } }

#define X86_64_FLOCK                                                       \
    { .size = 32, .f = {                                                   \
        [LU_FL_TYPE] = { 0, 2, 1 },  [LU_FL_WHENCE] = { 2, 2, 1 },         \
        [LU_FL_START] = { 8, 8, 1 }, [LU_FL_LEN] = { 16, 8, 1 },           \
        [LU_FL_PID] = { 24, 4, 1 },                                        \
    } }

const LuLayouts x86_64_layouts = {
    .big_endian = false,
    .long_size = 8,
    .pair_aligned = false,
    .clone_tls_arg = 4,    /* flags, newsp, ptid, ctid, tls */
    .clone_ctid_arg = 3,

    .stat = X86_64_STAT,
    .stat64 = X86_64_STAT,
    .statx = { .size = 256, .f = {
        [LU_STX_MASK] = { 0, 4, 0 },        [LU_STX_BLKSIZE] = { 4, 4, 0 },
        [LU_STX_ATTRIBUTES] = { 8, 8, 0 },  [LU_STX_NLINK] = { 16, 4, 0 },
        [LU_STX_UID] = { 20, 4, 0 },        [LU_STX_GID] = { 24, 4, 0 },
        [LU_STX_MODE] = { 28, 2, 0 },       [LU_STX_INO] = { 32, 8, 0 },
        [LU_STX_SIZE] = { 40, 8, 0 },       [LU_STX_BLOCKS] = { 48, 8, 0 },
        [LU_STX_ATTRIBUTES_MASK] = { 56, 8, 0 },
        [LU_STX_ATIME] = { 64, 8, 1 },      [LU_STX_ATIME_NSEC] = { 72, 4, 0 },
        [LU_STX_BTIME] = { 80, 8, 1 },      [LU_STX_BTIME_NSEC] = { 88, 4, 0 },
        [LU_STX_CTIME] = { 96, 8, 1 },      [LU_STX_CTIME_NSEC] = { 104, 4, 0 },
        [LU_STX_MTIME] = { 112, 8, 1 },     [LU_STX_MTIME_NSEC] = { 120, 4, 0 },
        [LU_STX_RDEV_MAJOR] = { 128, 4, 0 }, [LU_STX_RDEV_MINOR] = { 132, 4, 0 },
        [LU_STX_DEV_MAJOR] = { 136, 4, 0 }, [LU_STX_DEV_MINOR] = { 140, 4, 0 },
    } },
    .timespec = X86_64_TIME,
    .timespec64 = X86_64_TIME,
    .timeval = X86_64_TIME,
    .timezone = { .size = 8, .f = {
        [LU_TZ_MINUTESWEST] = { 0, 4, 1 }, [LU_TZ_DSTTIME] = { 4, 4, 1 },
    } },
    .rusage = { .size = 144, .f = {
        [LU_RU_UTIME_SEC] = { 0, 8, 1 },   [LU_RU_UTIME_USEC] = { 8, 8, 1 },
        [LU_RU_STIME_SEC] = { 16, 8, 1 },  [LU_RU_STIME_USEC] = { 24, 8, 1 },
        [LU_RU_MAXRSS] = { 32, 8, 1 },     [LU_RU_IXRSS] = { 40, 8, 1 },
        [LU_RU_IDRSS] = { 48, 8, 1 },      [LU_RU_ISRSS] = { 56, 8, 1 },
        [LU_RU_MINFLT] = { 64, 8, 1 },     [LU_RU_MAJFLT] = { 72, 8, 1 },
        [LU_RU_NSWAP] = { 80, 8, 1 },      [LU_RU_INBLOCK] = { 88, 8, 1 },
        [LU_RU_OUBLOCK] = { 96, 8, 1 },    [LU_RU_MSGSND] = { 104, 8, 1 },
        [LU_RU_MSGRCV] = { 112, 8, 1 },    [LU_RU_NSIGNALS] = { 120, 8, 1 },
        [LU_RU_NVCSW] = { 128, 8, 1 },     [LU_RU_NIVCSW] = { 136, 8, 1 },
    } },
    .rlimit = { .size = 16, .f = {
        [LU_RLIM_CUR] = { 0, 8, 0 }, [LU_RLIM_MAX] = { 8, 8, 0 },
    } },
    .rlimit64 = { .size = 16, .f = {
        [LU_RLIM_CUR] = { 0, 8, 0 }, [LU_RLIM_MAX] = { 8, 8, 0 },
    } },
    .sysinfo = { .size = 112, .f = {
        [LU_SI_UPTIME] = { 0, 8, 1 },     [LU_SI_LOAD0] = { 8, 8, 0 },
        [LU_SI_LOAD1] = { 16, 8, 0 },     [LU_SI_LOAD2] = { 24, 8, 0 },
        [LU_SI_TOTALRAM] = { 32, 8, 0 },  [LU_SI_FREERAM] = { 40, 8, 0 },
        [LU_SI_SHAREDRAM] = { 48, 8, 0 }, [LU_SI_BUFFERRAM] = { 56, 8, 0 },
        [LU_SI_TOTALSWAP] = { 64, 8, 0 }, [LU_SI_FREESWAP] = { 72, 8, 0 },
        [LU_SI_PROCS] = { 80, 2, 0 },     [LU_SI_TOTALHIGH] = { 88, 8, 0 },
        [LU_SI_FREEHIGH] = { 96, 8, 0 },  [LU_SI_MEM_UNIT] = { 104, 4, 0 },
    } },
    .iovec = { .size = 16, .f = {
        [LU_IOV_BASE] = { 0, 8, 0 }, [LU_IOV_LEN] = { 8, 8, 0 },
    } },
    .dirent64 = { .size = 19, .f = {
        [LU_DIRENT_INO] = { 0, 8, 0 },     [LU_DIRENT_OFF] = { 8, 8, 1 },
        [LU_DIRENT_RECLEN] = { 16, 2, 0 }, [LU_DIRENT_TYPE] = { 18, 1, 0 },
    } },
    .dirent64_name_off = 19,
    .termios = { .size = 36, .f = {
        [LU_TIO_IFLAG] = { 0, 4, 0 },  [LU_TIO_OFLAG] = { 4, 4, 0 },
        [LU_TIO_CFLAG] = { 8, 4, 0 },  [LU_TIO_LFLAG] = { 12, 4, 0 },
        [LU_TIO_LINE] = { 16, 1, 0 },
    } },
    .termios_cc_off = 17,
    .termios_ncc = 19,
    .termios_cc_from_host = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                              -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 },
    .winsize = { .size = 8, .f = {
        [LU_WS_ROW] = { 0, 2, 0 },    [LU_WS_COL] = { 2, 2, 0 },
        [LU_WS_XPIXEL] = { 4, 2, 0 }, [LU_WS_YPIXEL] = { 6, 2, 0 },
    } },
    .tms = { .size = 32, .f = {
        [LU_TMS_UTIME] = { 0, 8, 1 },   [LU_TMS_STIME] = { 8, 8, 1 },
        [LU_TMS_CUTIME] = { 16, 8, 1 }, [LU_TMS_CSTIME] = { 24, 8, 1 },
    } },
    .flock = X86_64_FLOCK,
    .flock64 = X86_64_FLOCK,
    .sigaction = { .size = 32, .f = {
        [LU_SA_HANDLER] = { 0, 8, 0 },   [LU_SA_FLAGS] = { 8, 8, 0 },
        [LU_SA_RESTORER] = { 16, 8, 0 }, [LU_SA_MASK_LO] = { 24, 8, 0 },
    } },
    .sigset = { .size = 8, .f = { [LU_SS_LO] = { 0, 8, 0 } } },
    .stack = { .size = 24, .f = {
        [LU_STK_SP] = { 0, 8, 0 }, [LU_STK_FLAGS] = { 8, 4, 1 }, [LU_STK_SIZE] = { 16, 8, 0 },
    } },
    .pollfd = { .size = 8, .f = {
        [LU_PFD_FD] = { 0, 4, 1 }, [LU_PFD_EVENTS] = { 4, 2, 0 }, [LU_PFD_REVENTS] = { 6, 2, 0 },
    } },

    .open_flags = NULL,
    .mmap_flags = NULL,
    .termios_iflag = NULL,
    .termios_oflag = NULL,
    .termios_cflag = NULL,
    .termios_lflag = NULL,
    .termios_cbaud = 0x100f,
    .termios_speeds = NULL,
    .ioctls = x86_ioctls,
    .errno_map = NULL,

    .epoll_event = { .size = 12, .f = {
        [LU_EPE_EVENTS] = { 0, 4, 0 }, [LU_EPE_DATA] = { 4, 8, 0 },
    } },
    .msghdr = { .size = 56, .f = {
        [LU_MSG_NAME] = { 0, 8, 0 },     [LU_MSG_NAMELEN] = { 8, 4, 0 },
        [LU_MSG_IOV] = { 16, 8, 0 },     [LU_MSG_IOVLEN] = { 24, 8, 0 },
        [LU_MSG_CONTROL] = { 32, 8, 0 }, [LU_MSG_CONTROLLEN] = { 40, 8, 0 },
        [LU_MSG_FLAGS] = { 48, 4, 1 },
    } },
    .cmsghdr = { .size = 16, .f = {
        [LU_CMSG_LEN] = { 0, 8, 0 }, [LU_CMSG_LEVEL] = { 8, 4, 1 }, [LU_CMSG_TYPE] = { 12, 4, 1 },
    } },
    .sockopt_names = NULL,
};
