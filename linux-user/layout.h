/* linux-user/layout.h — how the kernel structs of system calls look in a
 * guest: each struct is a table of (field, offset, size) rows per ABI, and
 * one small writer/reader moves an array of host values in and out of guest
 * memory in the guest's width and byte order.
 *
 *   host struct stat ──► uint64_t v[LU_STAT_N] ──lu_layout_write(L->stat64)──►
 *                        guest bytes (offsets, sizes, byte order of the ABI)
 *
 * A field with size 0 does not exist in that ABI's struct. Each guest
 * defines one `LuLayouts` (linux-user/<arch>/layout.c).
 */
#ifndef MORPH_LU_LAYOUT_H
#define MORPH_LU_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct LuField {
    uint16_t off;
    uint8_t size;     /* 1, 2, 4 or 8; 0: absent */
    uint8_t is_signed; /* sign-extend when read */
} LuField;

enum { LU_MAX_FIELDS = 28 };

typedef struct LuStruct {
    uint16_t size;              /* sizeof the guest struct */
    LuField f[LU_MAX_FIELDS];   /* indexed by the struct's field enum */
} LuStruct;

/* Field ids. Each struct kind has its own enum; value arrays are indexed
 * by them. Times are split into seconds and nanoseconds (or microseconds). */
enum LuStatField {
    LU_STAT_DEV, LU_STAT_INO, LU_STAT_MODE, LU_STAT_NLINK, LU_STAT_UID,
    LU_STAT_GID, LU_STAT_RDEV, LU_STAT_SIZE, LU_STAT_BLKSIZE, LU_STAT_BLOCKS,
    LU_STAT_ATIME, LU_STAT_ATIME_NSEC, LU_STAT_MTIME, LU_STAT_MTIME_NSEC,
    LU_STAT_CTIME, LU_STAT_CTIME_NSEC, LU_STAT_N
};
enum LuStatxField {
    LU_STX_MASK, LU_STX_BLKSIZE, LU_STX_ATTRIBUTES, LU_STX_NLINK, LU_STX_UID,
    LU_STX_GID, LU_STX_MODE, LU_STX_INO, LU_STX_SIZE, LU_STX_BLOCKS,
    LU_STX_ATTRIBUTES_MASK, LU_STX_ATIME, LU_STX_ATIME_NSEC, LU_STX_BTIME,
    LU_STX_BTIME_NSEC, LU_STX_CTIME, LU_STX_CTIME_NSEC, LU_STX_MTIME,
    LU_STX_MTIME_NSEC, LU_STX_RDEV_MAJOR, LU_STX_RDEV_MINOR, LU_STX_DEV_MAJOR,
    LU_STX_DEV_MINOR, LU_STX_N
};
/* timespec (sec, nsec) and timeval (sec, usec) share one shape. */
enum LuTimeField { LU_TIME_SEC, LU_TIME_FRAC, LU_TIME_N };
enum LuTimezoneField { LU_TZ_MINUTESWEST, LU_TZ_DSTTIME, LU_TZ_N };
enum LuRusageField {
    LU_RU_UTIME_SEC, LU_RU_UTIME_USEC, LU_RU_STIME_SEC, LU_RU_STIME_USEC,
    LU_RU_MAXRSS, LU_RU_IXRSS, LU_RU_IDRSS, LU_RU_ISRSS, LU_RU_MINFLT,
    LU_RU_MAJFLT, LU_RU_NSWAP, LU_RU_INBLOCK, LU_RU_OUBLOCK, LU_RU_MSGSND,
    LU_RU_MSGRCV, LU_RU_NSIGNALS, LU_RU_NVCSW, LU_RU_NIVCSW, LU_RU_N
};
enum LuRlimitField { LU_RLIM_CUR, LU_RLIM_MAX, LU_RLIM_N };
enum LuSysinfoField {
    LU_SI_UPTIME, LU_SI_LOAD0, LU_SI_LOAD1, LU_SI_LOAD2, LU_SI_TOTALRAM,
    LU_SI_FREERAM, LU_SI_SHAREDRAM, LU_SI_BUFFERRAM, LU_SI_TOTALSWAP,
    LU_SI_FREESWAP, LU_SI_PROCS, LU_SI_TOTALHIGH, LU_SI_FREEHIGH,
    LU_SI_MEM_UNIT, LU_SI_N
};
enum LuIovecField { LU_IOV_BASE, LU_IOV_LEN, LU_IOV_N };
enum LuDirentField { LU_DIRENT_INO, LU_DIRENT_OFF, LU_DIRENT_RECLEN, LU_DIRENT_TYPE, LU_DIRENT_N };
enum LuTermiosField {
    LU_TIO_IFLAG, LU_TIO_OFLAG, LU_TIO_CFLAG, LU_TIO_LFLAG, LU_TIO_LINE,
    LU_TIO_ISPEED, LU_TIO_OSPEED, LU_TIO_N
};
enum LuWinsizeField { LU_WS_ROW, LU_WS_COL, LU_WS_XPIXEL, LU_WS_YPIXEL, LU_WS_N };
enum LuTmsField { LU_TMS_UTIME, LU_TMS_STIME, LU_TMS_CUTIME, LU_TMS_CSTIME, LU_TMS_N };
enum LuFlockField { LU_FL_TYPE, LU_FL_WHENCE, LU_FL_START, LU_FL_LEN, LU_FL_PID, LU_FL_N };
/* The kernel's struct sigaction for rt_sigaction; the mask is two words on
 * 32-bit guests (signals 1-32 in MASK_LO), one on 64-bit ones. */
enum LuSigactionField {
    LU_SA_HANDLER, LU_SA_FLAGS, LU_SA_RESTORER, LU_SA_MASK_LO, LU_SA_MASK_HI, LU_SA_N
};
enum LuSigsetField { LU_SS_LO, LU_SS_HI, LU_SS_N };
enum LuStackField { LU_STK_SP, LU_STK_FLAGS, LU_STK_SIZE, LU_STK_N };
enum LuPollfdField { LU_PFD_FD, LU_PFD_EVENTS, LU_PFD_REVENTS, LU_PFD_N };
enum LuEpollEventField { LU_EPE_EVENTS, LU_EPE_DATA, LU_EPE_N };
/* struct msghdr of sendmsg/recvmsg, and the header of one control message
 * (its data starts at the header's size, aligned to a long). */
enum LuMsghdrField {
    LU_MSG_NAME, LU_MSG_NAMELEN, LU_MSG_IOV, LU_MSG_IOVLEN, LU_MSG_CONTROL,
    LU_MSG_CONTROLLEN, LU_MSG_FLAGS, LU_MSG_N
};
enum LuCmsghdrField { LU_CMSG_LEN, LU_CMSG_LEVEL, LU_CMSG_TYPE, LU_CMSG_N };

/* A flag word translated bit by bit: pairs of (guest bits, host bits),
 * ending with {0, 0}. Bits in no pair pass through unchanged. */
typedef struct LuBitPair {
    uint32_t guest, host;
} LuBitPair;

/* ioctls morph understands, in generic ids. */
typedef enum LuIoctl {
    LU_IOCTL_NONE, LU_IOCTL_TCGETS, LU_IOCTL_TCSETS, LU_IOCTL_TCSETSW,
    LU_IOCTL_TCSETSF, LU_IOCTL_TIOCGWINSZ, LU_IOCTL_TIOCSWINSZ,
    LU_IOCTL_FIONREAD, LU_IOCTL_FIONBIO, LU_IOCTL_TIOCGPGRP,
    LU_IOCTL_TIOCSPGRP, LU_IOCTL_FIOCLEX, LU_IOCTL_FIONCLEX
} LuIoctl;

typedef struct LuIoctlNr {
    uint32_t guest_nr;
    LuIoctl id;           /* LU_IOCTL_NONE ends the list */
} LuIoctlNr;

typedef struct LuLayouts {
    bool big_endian;
    uint8_t long_size;      /* 4 or 8 */
    bool pair_aligned;      /* 64-bit args start at an even register (32-bit) */
    uint8_t clone_tls_arg;  /* clone(flags, newsp, ptid, ...): where tls and */
    uint8_t clone_ctid_arg; /* child_tid are (the order differs by arch) */

    LuStruct stat;          /* stat, lstat, fstat, newfstatat */
    LuStruct stat64;        /* stat64 family (32-bit guests) */
    LuStruct statx;
    LuStruct timespec;      /* the old one: time_t of the guest's long */
    LuStruct timespec64;    /* __kernel_timespec of the *_time64 calls */
    LuStruct timeval;
    LuStruct timezone;
    LuStruct rusage;
    LuStruct rlimit;        /* getrlimit/setrlimit: long-sized */
    LuStruct rlimit64;      /* prlimit64 */
    LuStruct sysinfo;
    LuStruct iovec;
    LuStruct dirent64;      /* header of one linux_dirent64 record */
    uint16_t dirent64_name_off;
    LuStruct termios;       /* the kernel's struct termios (TCGETS) */
    uint16_t termios_cc_off;
    uint8_t termios_ncc;
    /* guest c_cc index of each host c_cc index (VINTR...), -1: none */
    int8_t termios_cc_from_host[32];
    LuStruct winsize;
    LuStruct tms;
    LuStruct flock;         /* F_GETLK... with the guest's long offsets */
    LuStruct flock64;
    LuStruct sigaction;
    LuStruct sigset;
    LuStruct stack;         /* stack_t of sigaltstack */
    LuStruct pollfd;

    const LuBitPair *open_flags;    /* O_* of open/fcntl */
    const LuBitPair *mmap_flags;    /* MAP_* */
    const LuBitPair *termios_iflag, *termios_oflag, *termios_cflag, *termios_lflag;
    uint32_t termios_cbaud;             /* the guest's CBAUD field of c_cflag */
    const LuBitPair *termios_speeds;    /* (guest, host) B* codes that differ */
    const LuIoctlNr *ioctls;
    /* Host errno -> guest errno exceptions (pairs host, guest); NULL: same. */
    const LuBitPair *errno_map;

    LuStruct epoll_event;   /* packed on x86-64 only: 16 bytes on ppc32 */
    LuStruct msghdr;
    LuStruct cmsghdr;
    /* SOL_SOCKET option names that differ from the host's (guest, host). */
    const LuBitPair *sockopt_names;
} LuLayouts;

/* Zero the guest struct in buf, then store each present field of v. */
void lu_layout_write(const LuLayouts *L, const LuStruct *s, void *buf, const uint64_t *v);
/* Load each present field of the guest struct in buf into v (absent: 0). */
void lu_layout_read(const LuLayouts *L, const LuStruct *s, const void *buf, uint64_t *v);
/* Store / load one integer of `size` bytes in the guest's byte order. */
void lu_store_guest(const LuLayouts *L, void *p, unsigned size, uint64_t v);
uint64_t lu_load_guest(const LuLayouts *L, const void *p, unsigned size);
/* True if every present unsigned field holds its value without loss
 * (signed fields: as a signed number). */
bool lu_layout_fits(const LuStruct *s, const uint64_t *v);

/* Translate a flag word through a bit-pair table. */
uint32_t lu_bits_to_host(const LuBitPair *map, uint32_t guest);
uint32_t lu_bits_to_guest(const LuBitPair *map, uint32_t host);

/* Generic ioctl id of a guest ioctl number. */
LuIoctl lu_ioctl_id(const LuLayouts *L, uint32_t guest_nr);

/* The guest ABIs' layouts. */
extern const LuLayouts ppc32_layouts;

#endif
