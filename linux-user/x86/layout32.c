/* linux-user/x86/layout32.c — the kernel structs, flag words and ioctl
 * numbers of i386 Linux, as LuLayouts rows.
 *
 * Offsets and sizes are those of the kernel's uapi headers built for i386
 * (asm/stat.h, linux/stat.h, linux/time.h, linux/resource.h,
 * asm/termbits.h, asm-generic/fcntl.h, asm/signal.h, linux/eventpoll.h)
 * and of glibc's struct msghdr, where a 64-bit integer is aligned to 4
 * bytes: flock64's l_start sits at 4 and stat64's st_size at 44.
 * tests/unit/test_x86_layout.c checks them against offsetof() printed by
 * a probe built with i686-linux-gnu-gcc. The flag words, termios bits,
 * errno values and socket option names are the generic ones, which are
 * the x86-64 host's own: those tables are empty. Rows are
 * { offset, size, signed }.
 */
#include "linux-user/layout.h"

/* asm-generic/ioctls.h: the same numbers on i386 and x86-64. */
const LuIoctlNr x86_ioctls[] = {
    { 0x5401, LU_IOCTL_TCGETS },
    { 0x5402, LU_IOCTL_TCSETS },
    { 0x5403, LU_IOCTL_TCSETSW },
    { 0x5404, LU_IOCTL_TCSETSF },
    { 0x540f, LU_IOCTL_TIOCGPGRP },
    { 0x5410, LU_IOCTL_TIOCSPGRP },
    { 0x5413, LU_IOCTL_TIOCGWINSZ },
    { 0x5414, LU_IOCTL_TIOCSWINSZ },
    { 0x541b, LU_IOCTL_FIONREAD },
    { 0x5421, LU_IOCTL_FIONBIO },
    { 0x5450, LU_IOCTL_FIONCLEX },
    { 0x5451, LU_IOCTL_FIOCLEX },
    { 0, LU_IOCTL_NONE },
};

const LuLayouts i386_layouts = {
    .big_endian = false,
    .long_size = 4,
    .pair_aligned = false, /* a 64-bit argument is the next two registers, low word first */
    .clone_tls_arg = 3,    /* CLONE_BACKWARDS: flags, newsp, ptid, tls, ctid */
    .clone_ctid_arg = 4,

    .stat = { .size = 64, .f = {   /* the old struct stat of stat/lstat/fstat */
        [LU_STAT_DEV] = { 0, 4, 0 },      [LU_STAT_INO] = { 4, 4, 0 },
        [LU_STAT_MODE] = { 8, 2, 0 },     [LU_STAT_NLINK] = { 10, 2, 0 },
        [LU_STAT_UID] = { 12, 2, 0 },     [LU_STAT_GID] = { 14, 2, 0 },
        [LU_STAT_RDEV] = { 16, 4, 0 },    [LU_STAT_SIZE] = { 20, 4, 0 },
        [LU_STAT_BLKSIZE] = { 24, 4, 0 }, [LU_STAT_BLOCKS] = { 28, 4, 0 },
        [LU_STAT_ATIME] = { 32, 4, 0 },   [LU_STAT_ATIME_NSEC] = { 36, 4, 0 },
        [LU_STAT_MTIME] = { 40, 4, 0 },   [LU_STAT_MTIME_NSEC] = { 44, 4, 0 },
        [LU_STAT_CTIME] = { 48, 4, 0 },   [LU_STAT_CTIME_NSEC] = { 52, 4, 0 },
    } },
    /* The 32-bit __st_ino at 12 stays zero: C libraries read st_ino at 88. */
    .stat64 = { .size = 96, .f = {
        [LU_STAT_DEV] = { 0, 8, 0 },      [LU_STAT_INO] = { 88, 8, 0 },
        [LU_STAT_MODE] = { 16, 4, 0 },    [LU_STAT_NLINK] = { 20, 4, 0 },
        [LU_STAT_UID] = { 24, 4, 0 },     [LU_STAT_GID] = { 28, 4, 0 },
        [LU_STAT_RDEV] = { 32, 8, 0 },    [LU_STAT_SIZE] = { 44, 8, 1 },
        [LU_STAT_BLKSIZE] = { 52, 4, 0 }, [LU_STAT_BLOCKS] = { 56, 8, 0 },
        [LU_STAT_ATIME] = { 64, 4, 0 },   [LU_STAT_ATIME_NSEC] = { 68, 4, 0 },
        [LU_STAT_MTIME] = { 72, 4, 0 },   [LU_STAT_MTIME_NSEC] = { 76, 4, 0 },
        [LU_STAT_CTIME] = { 80, 4, 0 },   [LU_STAT_CTIME_NSEC] = { 84, 4, 0 },
    } },
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
    .timespec = { .size = 8, .f = {
        [LU_TIME_SEC] = { 0, 4, 1 }, [LU_TIME_FRAC] = { 4, 4, 1 },
    } },
    .timespec64 = { .size = 16, .f = {
        [LU_TIME_SEC] = { 0, 8, 1 }, [LU_TIME_FRAC] = { 8, 8, 1 },
    } },
    .timeval = { .size = 8, .f = {
        [LU_TIME_SEC] = { 0, 4, 1 }, [LU_TIME_FRAC] = { 4, 4, 1 },
    } },
    .timezone = { .size = 8, .f = {
        [LU_TZ_MINUTESWEST] = { 0, 4, 1 }, [LU_TZ_DSTTIME] = { 4, 4, 1 },
    } },
    .rusage = { .size = 72, .f = {
        [LU_RU_UTIME_SEC] = { 0, 4, 1 },  [LU_RU_UTIME_USEC] = { 4, 4, 1 },
        [LU_RU_STIME_SEC] = { 8, 4, 1 },  [LU_RU_STIME_USEC] = { 12, 4, 1 },
        [LU_RU_MAXRSS] = { 16, 4, 1 },    [LU_RU_IXRSS] = { 20, 4, 1 },
        [LU_RU_IDRSS] = { 24, 4, 1 },     [LU_RU_ISRSS] = { 28, 4, 1 },
        [LU_RU_MINFLT] = { 32, 4, 1 },    [LU_RU_MAJFLT] = { 36, 4, 1 },
        [LU_RU_NSWAP] = { 40, 4, 1 },     [LU_RU_INBLOCK] = { 44, 4, 1 },
        [LU_RU_OUBLOCK] = { 48, 4, 1 },   [LU_RU_MSGSND] = { 52, 4, 1 },
        [LU_RU_MSGRCV] = { 56, 4, 1 },    [LU_RU_NSIGNALS] = { 60, 4, 1 },
        [LU_RU_NVCSW] = { 64, 4, 1 },     [LU_RU_NIVCSW] = { 68, 4, 1 },
    } },
    .rlimit = { .size = 8, .f = {
        [LU_RLIM_CUR] = { 0, 4, 0 }, [LU_RLIM_MAX] = { 4, 4, 0 },
    } },
    .rlimit64 = { .size = 16, .f = {
        [LU_RLIM_CUR] = { 0, 8, 0 }, [LU_RLIM_MAX] = { 8, 8, 0 },
    } },
    .sysinfo = { .size = 64, .f = {
        [LU_SI_UPTIME] = { 0, 4, 1 },     [LU_SI_LOAD0] = { 4, 4, 0 },
        [LU_SI_LOAD1] = { 8, 4, 0 },      [LU_SI_LOAD2] = { 12, 4, 0 },
        [LU_SI_TOTALRAM] = { 16, 4, 0 },  [LU_SI_FREERAM] = { 20, 4, 0 },
        [LU_SI_SHAREDRAM] = { 24, 4, 0 }, [LU_SI_BUFFERRAM] = { 28, 4, 0 },
        [LU_SI_TOTALSWAP] = { 32, 4, 0 }, [LU_SI_FREESWAP] = { 36, 4, 0 },
        [LU_SI_PROCS] = { 40, 2, 0 },     [LU_SI_TOTALHIGH] = { 44, 4, 0 },
        [LU_SI_FREEHIGH] = { 48, 4, 0 },  [LU_SI_MEM_UNIT] = { 52, 4, 0 },
    } },
    .iovec = { .size = 8, .f = {
        [LU_IOV_BASE] = { 0, 4, 0 }, [LU_IOV_LEN] = { 4, 4, 0 },
    } },
    .dirent64 = { .size = 19, .f = {
        [LU_DIRENT_INO] = { 0, 8, 0 },     [LU_DIRENT_OFF] = { 8, 8, 1 },
        [LU_DIRENT_RECLEN] = { 16, 2, 0 }, [LU_DIRENT_TYPE] = { 18, 1, 0 },
    } },
    .dirent64_name_off = 19,
    /* The kernel's struct termios: no speed words (those are termios2's). */
    .termios = { .size = 36, .f = {
        [LU_TIO_IFLAG] = { 0, 4, 0 },  [LU_TIO_OFLAG] = { 4, 4, 0 },
        [LU_TIO_CFLAG] = { 8, 4, 0 },  [LU_TIO_LFLAG] = { 12, 4, 0 },
        [LU_TIO_LINE] = { 16, 1, 0 },
    } },
    .termios_cc_off = 17,
    .termios_ncc = 19,
    /* the host's c_cc indexes are the kernel's own */
    .termios_cc_from_host = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                              -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 },
    .winsize = { .size = 8, .f = {
        [LU_WS_ROW] = { 0, 2, 0 },    [LU_WS_COL] = { 2, 2, 0 },
        [LU_WS_XPIXEL] = { 4, 2, 0 }, [LU_WS_YPIXEL] = { 6, 2, 0 },
    } },
    .tms = { .size = 16, .f = {
        [LU_TMS_UTIME] = { 0, 4, 1 },  [LU_TMS_STIME] = { 4, 4, 1 },
        [LU_TMS_CUTIME] = { 8, 4, 1 }, [LU_TMS_CSTIME] = { 12, 4, 1 },
    } },
    .flock = { .size = 16, .f = {
        [LU_FL_TYPE] = { 0, 2, 1 },  [LU_FL_WHENCE] = { 2, 2, 1 },
        [LU_FL_START] = { 4, 4, 1 }, [LU_FL_LEN] = { 8, 4, 1 },
        [LU_FL_PID] = { 12, 4, 1 },
    } },
    .flock64 = { .size = 24, .f = {
        [LU_FL_TYPE] = { 0, 2, 1 },  [LU_FL_WHENCE] = { 2, 2, 1 },
        [LU_FL_START] = { 4, 8, 1 }, [LU_FL_LEN] = { 12, 8, 1 },
        [LU_FL_PID] = { 20, 4, 1 },
    } },
    .sigaction = { .size = 20, .f = {
        [LU_SA_HANDLER] = { 0, 4, 0 },   [LU_SA_FLAGS] = { 4, 4, 0 },
        [LU_SA_RESTORER] = { 8, 4, 0 },  [LU_SA_MASK_LO] = { 12, 4, 0 },
        [LU_SA_MASK_HI] = { 16, 4, 0 },
    } },
    .sigset = { .size = 8, .f = {
        [LU_SS_LO] = { 0, 4, 0 }, [LU_SS_HI] = { 4, 4, 0 },
    } },
    .stack = { .size = 12, .f = {
        [LU_STK_SP] = { 0, 4, 0 }, [LU_STK_FLAGS] = { 4, 4, 1 }, [LU_STK_SIZE] = { 8, 4, 0 },
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
    .termios_cbaud = 0x100f, /* CBAUD with CBAUDEX */
    .termios_speeds = NULL,
    .ioctls = x86_ioctls,
    .errno_map = NULL,

    .epoll_event = { .size = 12, .f = {
        [LU_EPE_EVENTS] = { 0, 4, 0 }, [LU_EPE_DATA] = { 4, 8, 0 },
    } },
    .msghdr = { .size = 28, .f = {
        [LU_MSG_NAME] = { 0, 4, 0 },     [LU_MSG_NAMELEN] = { 4, 4, 0 },
        [LU_MSG_IOV] = { 8, 4, 0 },      [LU_MSG_IOVLEN] = { 12, 4, 0 },
        [LU_MSG_CONTROL] = { 16, 4, 0 }, [LU_MSG_CONTROLLEN] = { 20, 4, 0 },
        [LU_MSG_FLAGS] = { 24, 4, 1 },
    } },
    .cmsghdr = { .size = 12, .f = {
        [LU_CMSG_LEN] = { 0, 4, 0 }, [LU_CMSG_LEVEL] = { 4, 4, 1 }, [LU_CMSG_TYPE] = { 8, 4, 1 },
    } },
    .sockopt_names = NULL,
};
