/* linux-user/ppc/layout.c — the kernel structs, flag words and ioctl
 * numbers of 32-bit big-endian PowerPC Linux, as LuLayouts rows.
 *
 * Offsets and sizes are those of the kernel's uapi headers for powerpc
 * (asm/stat.h, asm/termbits.h, asm/ioctls.h, asm/mman.h, asm/signal.h,
 * asm-generic/fcntl.h with powerpc's overrides) built without
 * __powerpc64__; tests/unit/test_syscall_layout.c checks them against
 * offsetof() as printed by a program built with powerpc-linux-gnu-gcc.
 * Rows are { offset, size, signed }.
 */
#include "linux-user/layout.h"

/* open(2) flags where powerpc differs from the x86-64 host. */
static const LuBitPair ppc32_open_flags[] = {
    { 0040000, 0200000 }, /* O_DIRECTORY */
    { 0100000, 0400000 }, /* O_NOFOLLOW */
    { 0200000, 0100000 }, /* O_LARGEFILE */
    { 0400000, 0040000 }, /* O_DIRECT */
    { 0, 0 },
};

static const LuBitPair ppc32_mmap_flags[] = {
    { 0x40, 0x4000 }, /* MAP_NORESERVE (0x40 is MAP_32BIT on x86-64) */
    { 0x80, 0x2000 }, /* MAP_LOCKED */
    { 0, 0 },
};

static const LuBitPair ppc32_termios_iflag[] = {
    { 0x0200, 0x0400 }, /* IXON */
    { 0x0400, 0x1000 }, /* IXOFF */
    { 0x1000, 0x0200 }, /* IUCLC */
    { 0, 0 },
};

static const LuBitPair ppc32_termios_oflag[] = {
    { 0x00002, 0x0004 }, /* ONLCR */
    { 0x00004, 0x0002 }, /* OLCUC */
    { 0x00100, 0x0100 }, /* NL1 */
    { 0x00200, 0x0000 }, /* NL2: no host equivalent */
    { 0x00400, 0x0800 }, /* TAB1 */
    { 0x00800, 0x1000 }, /* TAB2 */
    { 0x01000, 0x0200 }, /* CR1 */
    { 0x02000, 0x0400 }, /* CR2 */
    { 0x04000, 0x8000 }, /* FF1 */
    { 0x08000, 0x2000 }, /* BS1 */
    { 0x10000, 0x4000 }, /* VT1 */
    { 0, 0 },
};

/* c_cflag without the CBAUD field (see ppc32_termios_speeds). */
static const LuBitPair ppc32_termios_cflag[] = {
    { 0x00100, 0x010 }, /* CS6 bit of CSIZE */
    { 0x00200, 0x020 }, /* CS7 bit of CSIZE */
    { 0x00400, 0x040 }, /* CSTOPB */
    { 0x00800, 0x080 }, /* CREAD */
    { 0x01000, 0x100 }, /* PARENB */
    { 0x02000, 0x200 }, /* PARODD */
    { 0x04000, 0x400 }, /* HUPCL */
    { 0x08000, 0x800 }, /* CLOCAL */
    { 0xff0000, 0 },    /* CIBAUD: dropped */
    { 0, 0 },
};

static const LuBitPair ppc32_termios_lflag[] = {
    { 0x00000001, 0x00800 }, /* ECHOKE */
    { 0x00000002, 0x00010 }, /* ECHOE */
    { 0x00000004, 0x00020 }, /* ECHOK */
    { 0x00000010, 0x00040 }, /* ECHONL */
    { 0x00000020, 0x00400 }, /* ECHOPRT */
    { 0x00000040, 0x00200 }, /* ECHOCTL */
    { 0x00000080, 0x00001 }, /* ISIG */
    { 0x00000100, 0x00002 }, /* ICANON */
    { 0x00000400, 0x08000 }, /* IEXTEN */
    { 0x00004000, 0x00004 }, /* XCASE */
    { 0x00400000, 0x00100 }, /* TOSTOP */
    { 0x00800000, 0x01000 }, /* FLUSHO */
    { 0x10000000, 0x10000 }, /* EXTPROC */
    { 0x20000000, 0x04000 }, /* PENDIN */
    { 0x80000000, 0x00080 }, /* NOFLSH */
    { 0, 0 },
};

/* B57600..B4000000 and BOTHER; B0..B38400 (0..15) are the same. */
static const LuBitPair ppc32_termios_speeds[] = {
    { 0x10, 0x1001 }, { 0x11, 0x1002 }, { 0x12, 0x1003 }, { 0x13, 0x1004 },
    { 0x14, 0x1005 }, { 0x15, 0x1006 }, { 0x16, 0x1007 }, { 0x17, 0x1008 },
    { 0x18, 0x1009 }, { 0x19, 0x100a }, { 0x1a, 0x100b }, { 0x1b, 0x100c },
    { 0x1c, 0x100d }, { 0x1d, 0x100e }, { 0x1e, 0x100f }, { 0x1f, 0x1000 },
    { 0, 0 },
};

/* _IOR/_IOW on powerpc: 13 size bits, read = 2 and write = 4 in the top 3. */
static const LuIoctlNr ppc32_ioctls[] = {
    { 0x402c7413, LU_IOCTL_TCGETS },     /* _IOR('t', 19, struct termios) */
    { 0x802c7414, LU_IOCTL_TCSETS },
    { 0x802c7415, LU_IOCTL_TCSETSW },
    { 0x802c7416, LU_IOCTL_TCSETSF },
    { 0x40087468, LU_IOCTL_TIOCGWINSZ }, /* _IOR('t', 104, struct winsize) */
    { 0x80087467, LU_IOCTL_TIOCSWINSZ },
    { 0x4004667f, LU_IOCTL_FIONREAD },   /* _IOR('f', 127, int) */
    { 0x8004667e, LU_IOCTL_FIONBIO },
    { 0x40047477, LU_IOCTL_TIOCGPGRP },
    { 0x80047476, LU_IOCTL_TIOCSPGRP },
    { 0x20006601, LU_IOCTL_FIOCLEX },    /* _IO('f', 1) */
    { 0x20006602, LU_IOCTL_FIONCLEX },
    { 0, LU_IOCTL_NONE },
};

/* SOL_SOCKET option names where powerpc's asm/socket.h differs. */
static const LuBitPair ppc32_sockopt_names[] = {
    { 16, 18 }, /* SO_RCVLOWAT */
    { 17, 19 }, /* SO_SNDLOWAT */
    { 18, 20 }, /* SO_RCVTIMEO_OLD */
    { 19, 21 }, /* SO_SNDTIMEO_OLD */
    { 20, 16 }, /* SO_PASSCRED */
    { 21, 17 }, /* SO_PEERCRED */
    { 0, 0 },
};

const LuLayouts ppc32_layouts = {
    .big_endian = true,
    .long_size = 4,
    .pair_aligned = true,
    .clone_tls_arg = 3,  /* CLONE_BACKWARDS: flags, newsp, ptid, tls, ctid */
    .clone_ctid_arg = 4,

    .stat = { .size = 72, .f = {
        [LU_STAT_DEV] = { 0, 4, 0 },      [LU_STAT_INO] = { 4, 4, 0 },
        [LU_STAT_MODE] = { 8, 4, 0 },     [LU_STAT_NLINK] = { 12, 2, 0 },
        [LU_STAT_UID] = { 16, 4, 0 },     [LU_STAT_GID] = { 20, 4, 0 },
        [LU_STAT_RDEV] = { 24, 4, 0 },    [LU_STAT_SIZE] = { 28, 4, 1 },
        [LU_STAT_BLKSIZE] = { 32, 4, 0 }, [LU_STAT_BLOCKS] = { 36, 4, 0 },
        [LU_STAT_ATIME] = { 40, 4, 0 },   [LU_STAT_ATIME_NSEC] = { 44, 4, 0 },
        [LU_STAT_MTIME] = { 48, 4, 0 },   [LU_STAT_MTIME_NSEC] = { 52, 4, 0 },
        [LU_STAT_CTIME] = { 56, 4, 0 },   [LU_STAT_CTIME_NSEC] = { 60, 4, 0 },
    } },
    .stat64 = { .size = 104, .f = {
        [LU_STAT_DEV] = { 0, 8, 0 },      [LU_STAT_INO] = { 8, 8, 0 },
        [LU_STAT_MODE] = { 16, 4, 0 },    [LU_STAT_NLINK] = { 20, 4, 0 },
        [LU_STAT_UID] = { 24, 4, 0 },     [LU_STAT_GID] = { 28, 4, 0 },
        [LU_STAT_RDEV] = { 32, 8, 0 },    [LU_STAT_SIZE] = { 48, 8, 1 },
        [LU_STAT_BLKSIZE] = { 56, 4, 1 }, [LU_STAT_BLOCKS] = { 64, 8, 1 },
        [LU_STAT_ATIME] = { 72, 4, 1 },   [LU_STAT_ATIME_NSEC] = { 76, 4, 0 },
        [LU_STAT_MTIME] = { 80, 4, 1 },   [LU_STAT_MTIME_NSEC] = { 84, 4, 0 },
        [LU_STAT_CTIME] = { 88, 4, 1 },   [LU_STAT_CTIME_NSEC] = { 92, 4, 0 },
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
    .termios = { .size = 44, .f = {
        [LU_TIO_IFLAG] = { 0, 4, 0 },  [LU_TIO_OFLAG] = { 4, 4, 0 },
        [LU_TIO_CFLAG] = { 8, 4, 0 },  [LU_TIO_LFLAG] = { 12, 4, 0 },
        [LU_TIO_LINE] = { 35, 1, 0 },  [LU_TIO_ISPEED] = { 36, 4, 0 },
        [LU_TIO_OSPEED] = { 40, 4, 0 },
    } },
    .termios_cc_off = 16,
    .termios_ncc = 19,
    /* host (x86-64) VINTR VQUIT VERASE VKILL VEOF VTIME VMIN VSWTC VSTART
     * VSTOP VSUSP VEOL VREPRINT VDISCARD VWERASE VLNEXT VEOL2 */
    .termios_cc_from_host = { 0, 1, 2, 3, 4, 7, 5, 9, 13, 14, 12, 6, 11, 16, 10, 15, 8,
                              -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 },
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
    .flock64 = { .size = 32, .f = {
        [LU_FL_TYPE] = { 0, 2, 1 },  [LU_FL_WHENCE] = { 2, 2, 1 },
        [LU_FL_START] = { 8, 8, 1 }, [LU_FL_LEN] = { 16, 8, 1 },
        [LU_FL_PID] = { 24, 4, 1 },
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

    .open_flags = ppc32_open_flags,
    .mmap_flags = ppc32_mmap_flags,
    .termios_iflag = ppc32_termios_iflag,
    .termios_oflag = ppc32_termios_oflag,
    .termios_cflag = ppc32_termios_cflag,
    .termios_lflag = ppc32_termios_lflag,
    .termios_cbaud = 0x1f,
    .termios_speeds = ppc32_termios_speeds,
    .ioctls = ppc32_ioctls,
    .errno_map = NULL, /* powerpc's EDEADLOCK (58) is never a host errno */

    .epoll_event = { .size = 16, .f = {
        [LU_EPE_EVENTS] = { 0, 4, 0 }, [LU_EPE_DATA] = { 8, 8, 0 },
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
    .sockopt_names = ppc32_sockopt_names,
};
