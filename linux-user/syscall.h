/* linux-user/syscall.h — the generic system-call ids (LuSys) of user mode,
 * the one table that names them, and the helpers syscall_*.c share.
 *
 * Every guest ABI maps its own syscall numbers onto LuSys ids (by the
 * kernel's name for the call: see lu_sys_lookup), so one handler serves all
 * guests. A row of LU_SYSCALLS is
 *
 *     X(ID, "kernel name", handler, "argument kinds")
 *
 * and the argument kinds, one letter per argument, say how -strace prints
 * it:  d int  D long (signed, guest width)  u unsigned  x hex  o octal
 *      p pointer  s string (NUL-terminated guest string)
 *
 * A handler gets the guest's raw argument registers and returns the result
 * or -errno in guest numbering.
 */
#ifndef MORPH_LU_SYSCALL_H
#define MORPH_LU_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

#include "linux-user/layout.h"
#include "linux-user/lu.h"

#define LU_SYSCALLS(X)                                                            \
    /* files: syscall_file.c */                                                   \
    X(READ, "read", lu_sys_read, "dpu")                      /* fd buf count */   \
    X(WRITE, "write", lu_sys_write, "dpu")                                        \
    X(READV, "readv", lu_sys_readv, "dpd")                   /* fd iov iovcnt */  \
    X(WRITEV, "writev", lu_sys_writev, "dpd")                                     \
    X(PREAD64, "pread64", lu_sys_pread64, "dpuxxx")          /* 64-bit offset */  \
    X(PWRITE64, "pwrite64", lu_sys_pwrite64, "dpuxxx")                            \
    X(OPEN, "open", lu_sys_open, "sxo")                      /* path flags mode */\
    X(OPENAT, "openat", lu_sys_openat, "dsxo")                                    \
    X(CREAT, "creat", lu_sys_creat, "so")                                         \
    X(CLOSE, "close", lu_sys_close, "d")                                          \
    X(LSEEK, "lseek", lu_sys_lseek, "dDd")                   /* fd off whence */  \
    X(LLSEEK, "_llseek", lu_sys_llseek, "dxxpd")             /* fd hi lo res wh */\
    X(IOCTL, "ioctl", lu_sys_ioctl, "dxx")                                        \
    X(FCNTL, "fcntl", lu_sys_fcntl, "ddx")                                        \
    X(FCNTL64, "fcntl64", lu_sys_fcntl64, "ddx")                                    \
    X(PIPE, "pipe", lu_sys_pipe, "p")                                             \
    X(PIPE2, "pipe2", lu_sys_pipe2, "px")                                         \
    X(DUP, "dup", lu_sys_dup, "d")                                                \
    X(DUP2, "dup2", lu_sys_dup2, "dd")                                            \
    X(DUP3, "dup3", lu_sys_dup3, "ddx")                                           \
    X(GETDENTS64, "getdents64", lu_sys_getdents64, "dpu")                         \
    X(FTRUNCATE, "ftruncate", lu_sys_ftruncate, "dD")                             \
    X(FTRUNCATE64, "ftruncate64", lu_sys_ftruncate64, "dxxx")                     \
    X(TRUNCATE, "truncate", lu_sys_truncate, "sD")                                \
    X(TRUNCATE64, "truncate64", lu_sys_truncate64, "sxxx")                        \
    X(FSYNC, "fsync", lu_sys_fsync, "d")                                          \
    X(FDATASYNC, "fdatasync", lu_sys_fdatasync, "d")                              \
    X(FADVISE64, "fadvise64", lu_sys_fadvise, "dxxxxx")      /* advice only */    \
    X(FADVISE64_64, "fadvise64_64", lu_sys_fadvise, "dxxxxx")                     \
    X(POLL, "poll", lu_sys_poll, "pud")                      /* fds nfds ms */    \
    /* names in the file system: syscall_fs.c */                                  \
    X(STAT, "stat", lu_sys_stat, "sp")                       /* struct stat */    \
    X(LSTAT, "lstat", lu_sys_lstat, "sp")                                         \
    X(FSTAT, "fstat", lu_sys_fstat, "dp")                                         \
    X(NEWFSTATAT, "newfstatat", lu_sys_newfstatat, "dspx")                        \
    X(STAT64, "stat64", lu_sys_stat64, "sp")                 /* struct stat64 */  \
    X(LSTAT64, "lstat64", lu_sys_lstat64, "sp")                                   \
    X(FSTAT64, "fstat64", lu_sys_fstat64, "dp")                                   \
    X(FSTATAT64, "fstatat64", lu_sys_fstatat64, "dspx")                           \
    X(STATX, "statx", lu_sys_statx, "dsxxp")                 /* dfd path fl mask*/\
    X(ACCESS, "access", lu_sys_access, "so")                                      \
    X(FACCESSAT, "faccessat", lu_sys_faccessat, "dso")                            \
    X(FACCESSAT2, "faccessat2", lu_sys_faccessat2, "dsox")                        \
    X(READLINK, "readlink", lu_sys_readlink, "spu")                               \
    X(READLINKAT, "readlinkat", lu_sys_readlinkat, "dspu")                        \
    X(GETCWD, "getcwd", lu_sys_getcwd, "pu")                                      \
    X(CHDIR, "chdir", lu_sys_chdir, "s")                                          \
    X(FCHDIR, "fchdir", lu_sys_fchdir, "d")                                       \
    X(MKDIR, "mkdir", lu_sys_mkdir, "so")                                         \
    X(MKDIRAT, "mkdirat", lu_sys_mkdirat, "dso")                                  \
    X(RMDIR, "rmdir", lu_sys_rmdir, "s")                                          \
    X(UNLINK, "unlink", lu_sys_unlink, "s")                                       \
    X(UNLINKAT, "unlinkat", lu_sys_unlinkat, "dsx")                               \
    X(RENAME, "rename", lu_sys_rename, "ss")                                      \
    X(RENAMEAT, "renameat", lu_sys_renameat, "dsds")                              \
    X(RENAMEAT2, "renameat2", lu_sys_renameat2, "dsdsx")                          \
    X(SYMLINK, "symlink", lu_sys_symlink, "ss")                                   \
    X(SYMLINKAT, "symlinkat", lu_sys_symlinkat, "sds")                            \
    X(LINK, "link", lu_sys_link, "ss")                                            \
    X(LINKAT, "linkat", lu_sys_linkat, "dsdsx")                                   \
    X(CHMOD, "chmod", lu_sys_chmod, "so")                                         \
    X(FCHMOD, "fchmod", lu_sys_fchmod, "do")                                      \
    X(FCHMODAT, "fchmodat", lu_sys_fchmodat, "dso")                               \
    X(CHOWN, "chown", lu_sys_chown, "sdd")                                        \
    X(LCHOWN, "lchown", lu_sys_lchown, "sdd")                                     \
    X(FCHOWN, "fchown", lu_sys_fchown, "ddd")                                     \
    X(FCHOWNAT, "fchownat", lu_sys_fchownat, "dsddx")                             \
    X(UMASK, "umask", lu_sys_umask, "o")                                          \
    X(UTIMENSAT, "utimensat", lu_sys_utimensat, "dspx")      /* old timespec */   \
    X(UTIMENSAT_TIME64, "utimensat_time64", lu_sys_utimensat_time64, "dspx")      \
    /* the process: syscall_proc.c */                                             \
    X(EXIT, "exit", lu_sys_exit, "d")                                             \
    X(EXIT_GROUP, "exit_group", lu_sys_exit_group, "d")                           \
    X(GETPID, "getpid", lu_sys_getpid, "")                                        \
    X(GETPPID, "getppid", lu_sys_getppid, "")                                     \
    X(GETTID, "gettid", lu_sys_gettid, "")                                        \
    X(GETUID, "getuid", lu_sys_getuid, "")                                        \
    X(GETEUID, "geteuid", lu_sys_geteuid, "")                                     \
    X(GETGID, "getgid", lu_sys_getgid, "")                                        \
    X(GETEGID, "getegid", lu_sys_getegid, "")                                     \
    X(GETUID32, "getuid32", lu_sys_getuid, "")                                    \
    X(GETEUID32, "geteuid32", lu_sys_geteuid, "")                                 \
    X(GETGID32, "getgid32", lu_sys_getgid, "")                                    \
    X(GETEGID32, "getegid32", lu_sys_getegid, "")                                 \
    X(GETRESUID, "getresuid", lu_sys_getresuid, "ppp")                            \
    X(GETRESGID, "getresgid", lu_sys_getresgid, "ppp")                            \
    X(GETGROUPS, "getgroups", lu_sys_getgroups, "dp")                             \
    X(GETPGRP, "getpgrp", lu_sys_getpgrp, "")                                     \
    X(GETPGID, "getpgid", lu_sys_getpgid, "d")                                    \
    X(SETPGID, "setpgid", lu_sys_setpgid, "dd")                                   \
    X(GETSID, "getsid", lu_sys_getsid, "d")                                       \
    X(SETSID, "setsid", lu_sys_setsid, "")                                        \
    X(UNAME, "uname", lu_sys_uname, "p")                                          \
    X(SET_TID_ADDRESS, "set_tid_address", lu_sys_set_tid_address, "p")            \
    X(SET_ROBUST_LIST, "set_robust_list", lu_sys_set_robust_list, "pu")           \
    X(GETRLIMIT, "getrlimit", lu_sys_getrlimit, "dp")                             \
    X(UGETRLIMIT, "ugetrlimit", lu_sys_getrlimit, "dp")                           \
    X(SETRLIMIT, "setrlimit", lu_sys_setrlimit, "dp")                             \
    X(PRLIMIT64, "prlimit64", lu_sys_prlimit64, "ddpp")                           \
    X(GETRUSAGE, "getrusage", lu_sys_getrusage, "dp")                             \
    X(GETRANDOM, "getrandom", lu_sys_getrandom, "pux")                            \
    X(SYSINFO, "sysinfo", lu_sys_sysinfo, "p")                                    \
    X(FORK, "fork", lu_sys_fork, "")                                              \
    X(VFORK, "vfork", lu_sys_fork, "")                                            \
    X(CLONE, "clone", lu_sys_clone, "xpppp")                                      \
    X(CLONE3, "clone3", lu_sys_clone3, "pu")                 /* syscall_clone3.c */\
    X(WAIT4, "wait4", lu_sys_wait4, "dpxp")                                       \
    X(WAITPID, "waitpid", lu_sys_waitpid, "dpx")                                  \
    X(KILL, "kill", lu_sys_kill, "dd")                                            \
    X(TKILL, "tkill", lu_sys_tkill, "dd")                                         \
    X(TGKILL, "tgkill", lu_sys_tgkill, "ddd")                                     \
    X(EXECVE, "execve", lu_sys_execve, "spp")                                     \
    X(SCHED_YIELD, "sched_yield", lu_sys_sched_yield, "")                         \
    X(SCHED_GETAFFINITY, "sched_getaffinity", lu_sys_sched_getaffinity, "dup")    \
    X(GETPRIORITY, "getpriority", lu_sys_getpriority, "dd")                       \
    X(SETPRIORITY, "setpriority", lu_sys_setpriority, "ddd")                      \
    X(FUTEX, "futex", lu_sys_futex, "pdxppx")                /* old timespec */   \
    X(FUTEX_TIME64, "futex_time64", lu_sys_futex_time64, "pdxppx")                \
    /* time: syscall_time.c */                                                    \
    X(CLOCK_GETTIME, "clock_gettime", lu_sys_clock_gettime, "dp")                 \
    X(CLOCK_GETTIME64, "clock_gettime64", lu_sys_clock_gettime64, "dp")           \
    X(CLOCK_GETRES, "clock_getres", lu_sys_clock_getres, "dp")                    \
    X(CLOCK_GETRES_TIME64, "clock_getres_time64", lu_sys_clock_getres64, "dp")    \
    X(GETTIMEOFDAY, "gettimeofday", lu_sys_gettimeofday, "pp")                    \
    X(TIME, "time", lu_sys_time, "p")                                             \
    X(NANOSLEEP, "nanosleep", lu_sys_nanosleep, "pp")                             \
    X(CLOCK_NANOSLEEP, "clock_nanosleep", lu_sys_clock_nanosleep, "dxpp")         \
    X(CLOCK_NANOSLEEP_TIME64, "clock_nanosleep_time64", lu_sys_clock_nanosleep64, \
      "dxpp")                                                                     \
    X(TIMES, "times", lu_sys_times, "p")                                          \
    /* memory: syscall_mem.c */                                                   \
    X(BRK, "brk", lu_sys_brk, "x")                                                \
    X(MMAP, "mmap", lu_sys_mmap, "xuxxdx")                   /* offset in bytes */\
    X(MMAP2, "mmap2", lu_sys_mmap2, "xuxxdx")                /* in 4 KiB units */ \
    X(MUNMAP, "munmap", lu_sys_munmap, "xu")                                      \
    X(MPROTECT, "mprotect", lu_sys_mprotect, "xux")                               \
    X(MREMAP, "mremap", lu_sys_mremap, "xuuxx")                                   \
    X(MADVISE, "madvise", lu_sys_madvise, "xud")                                  \
    X(MSYNC, "msync", lu_sys_msync, "xux")                                        \
    /* waiting on descriptors: syscall_poll.c */                                  \
    X(PPOLL, "ppoll", lu_sys_ppoll, "pupxu")                 /* old timespec */   \
    X(PPOLL_TIME64, "ppoll_time64", lu_sys_ppoll_time64, "pupxu")                 \
    X(SELECT, "select", lu_sys_select_ppc, "dpppp")          /* or old select */  \
    X(NEWSELECT, "_newselect", lu_sys_newselect, "dpppp")                         \
    X(PSELECT6, "pselect6", lu_sys_pselect6, "dppppp")                            \
    X(PSELECT6_TIME64, "pselect6_time64", lu_sys_pselect6_time64, "dppppp")       \
    X(EPOLL_CREATE, "epoll_create", lu_sys_epoll_create, "d")                     \
    X(EPOLL_CREATE1, "epoll_create1", lu_sys_epoll_create1, "x")                  \
    X(EPOLL_CTL, "epoll_ctl", lu_sys_epoll_ctl, "dddp")      /* ep op fd event */ \
    X(EPOLL_WAIT, "epoll_wait", lu_sys_epoll_wait, "dpdd")                        \
    X(EPOLL_PWAIT, "epoll_pwait", lu_sys_epoll_pwait, "dpddpu")                   \
    X(EPOLL_PWAIT2, "epoll_pwait2", lu_sys_epoll_pwait2, "dpdppu")                \
    /* sockets: syscall_net.c */                                                  \
    X(SOCKETCALL, "socketcall", lu_sys_socketcall, "dp")     /* call args[] */    \
    X(SOCKET, "socket", lu_sys_socket, "ddd")                                     \
    X(SOCKETPAIR, "socketpair", lu_sys_socketpair, "dddp")                        \
    X(BIND, "bind", lu_sys_bind, "dpu")                                           \
    X(CONNECT, "connect", lu_sys_connect, "dpu")                                  \
    X(LISTEN, "listen", lu_sys_listen, "dd")                                      \
    X(ACCEPT, "accept", lu_sys_accept, "dpp")                                     \
    X(ACCEPT4, "accept4", lu_sys_accept4, "dppx")                                 \
    X(GETSOCKNAME, "getsockname", lu_sys_getsockname, "dpp")                      \
    X(GETPEERNAME, "getpeername", lu_sys_getpeername, "dpp")                      \
    X(SEND, "send", lu_sys_send, "dpux")                                          \
    X(SENDTO, "sendto", lu_sys_sendto, "dpuxpu")                                  \
    X(RECV, "recv", lu_sys_recv, "dpux")                                          \
    X(RECVFROM, "recvfrom", lu_sys_recvfrom, "dpuxpp")                            \
    X(SENDMSG, "sendmsg", lu_sys_sendmsg, "dpx")                                  \
    X(RECVMSG, "recvmsg", lu_sys_recvmsg, "dpx")                                  \
    X(SENDMMSG, "sendmmsg", lu_sys_sendmmsg, "dpux")         /* fd vec vlen fl */ \
    X(RECVMMSG, "recvmmsg", lu_sys_recvmmsg, "dpuxp")        /* old timespec */   \
    X(RECVMMSG_TIME64, "recvmmsg_time64", lu_sys_recvmmsg_time64, "dpuxp")        \
    X(SHUTDOWN, "shutdown", lu_sys_shutdown, "dd")                                \
    X(SETSOCKOPT, "setsockopt", lu_sys_setsockopt, "dddpu")                       \
    X(GETSOCKOPT, "getsockopt", lu_sys_getsockopt, "dddpp")                       \
    X(SENDFILE, "sendfile", lu_sys_sendfile, "ddpu")         /* long offset */    \
    X(SENDFILE64, "sendfile64", lu_sys_sendfile64, "ddpu")   /* 64-bit offset */  \
    X(FLOCK, "flock", lu_sys_flock, "dx")                                         \
    /* event descriptors: syscall_evfd.c, signalfd: syscall_signalfd.c */         \
    X(EVENTFD, "eventfd", lu_sys_eventfd, "u")                                    \
    X(EVENTFD2, "eventfd2", lu_sys_eventfd2, "ux")                                \
    X(TIMERFD_CREATE, "timerfd_create", lu_sys_timerfd_create, "dx")              \
    X(TIMERFD_SETTIME, "timerfd_settime", lu_sys_timerfd_settime, "dxpp")         \
    X(TIMERFD_GETTIME, "timerfd_gettime", lu_sys_timerfd_gettime, "dp")           \
    X(TIMERFD_SETTIME64, "timerfd_settime64", lu_sys_timerfd_settime64, "dxpp")   \
    X(TIMERFD_GETTIME64, "timerfd_gettime64", lu_sys_timerfd_gettime64, "dp")     \
    X(SIGNALFD, "signalfd", lu_sys_signalfd, "dpu")          /* fd mask size */   \
    X(SIGNALFD4, "signalfd4", lu_sys_signalfd4, "dpux")                           \
    /* scheduling: syscall_sched.c */                                             \
    X(SCHED_SETAFFINITY, "sched_setaffinity", lu_sys_sched_setaffinity, "dup")    \
    X(SCHED_GETPARAM, "sched_getparam", lu_sys_sched_getparam, "dp")              \
    X(SCHED_SETPARAM, "sched_setparam", lu_sys_sched_setparam, "dp")              \
    X(SCHED_GETSCHEDULER, "sched_getscheduler", lu_sys_sched_getscheduler, "d")   \
    X(SCHED_SETSCHEDULER, "sched_setscheduler", lu_sys_sched_setscheduler, "ddp") \
    X(SCHED_GET_PRIORITY_MAX, "sched_get_priority_max", lu_sys_sched_prio_max, "d") \
    X(SCHED_GET_PRIORITY_MIN, "sched_get_priority_min", lu_sys_sched_prio_min, "d") \
    X(SCHED_RR_GET_INTERVAL, "sched_rr_get_interval", lu_sys_sched_rr_interval, "dp") \
    X(SCHED_RR_GET_INTERVAL_TIME64, "sched_rr_get_interval_time64",               \
      lu_sys_sched_rr_interval64, "dp")                                           \
    /* signals, bookkeeping only: syscall_signal.c */                             \
    X(RT_SIGACTION, "rt_sigaction", lu_sys_rt_sigaction, "dppu")                  \
    X(RT_SIGPROCMASK, "rt_sigprocmask", lu_sys_rt_sigprocmask, "dppu")            \
    X(SIGALTSTACK, "sigaltstack", lu_sys_sigaltstack, "pp")                       \
    /* signal delivery: syscall_signal.c */                                       \
    X(SIGRETURN, "sigreturn", lu_sys_sigreturn, "")                               \
    X(RT_SIGRETURN, "rt_sigreturn", lu_sys_rt_sigreturn, "")                      \
    X(RT_SIGPENDING, "rt_sigpending", lu_sys_rt_sigpending, "pu")                 \
    X(RT_SIGSUSPEND, "rt_sigsuspend", lu_sys_rt_sigsuspend, "pu")                 \
    X(PAUSE, "pause", lu_sys_pause, "")                                           \
    X(RT_SIGTIMEDWAIT, "rt_sigtimedwait", lu_sys_rt_sigtimedwait, "pppu")         \
    X(RT_SIGTIMEDWAIT_TIME64, "rt_sigtimedwait_time64", lu_sys_rt_sigtimedwait64, \
      "pppu")                                                                     \
    X(RT_SIGQUEUEINFO, "rt_sigqueueinfo", lu_sys_rt_sigqueueinfo, "ddp")          \
    X(RT_TGSIGQUEUEINFO, "rt_tgsigqueueinfo", lu_sys_rt_tgsigqueueinfo, "dddp")   \
    /* interval timers: syscall_itimer.c */                                       \
    X(ALARM, "alarm", lu_sys_alarm, "u")                                          \
    X(SETITIMER, "setitimer", lu_sys_setitimer, "dpp")                            \
    X(GETITIMER, "getitimer", lu_sys_getitimer, "dp")                            \
    /* x86 only: linux-user/x86/tls.c, old_mmap.c */                              \
    X(ARCH_PRCTL, "arch_prctl", lu_sys_arch_prctl, "dx")                          \
    X(SET_THREAD_AREA, "set_thread_area", lu_sys_set_thread_area, "p")            \
    X(GET_THREAD_AREA, "get_thread_area", lu_sys_get_thread_area, "p")            \
    X(OLD_MMAP, "old_mmap", lu_sys_old_mmap, "p")

typedef enum LuSys {
#define LU_SYS_ENUM(id, name, fn, kinds) LU_SYS_##id,
    LU_SYSCALLS(LU_SYS_ENUM)
#undef LU_SYS_ENUM
    LU_SYS_COUNT
} LuSys;

/* A handler: raw guest argument registers in, result or -errno out. */
typedef int64_t LuSysFn(CpuCommon *cpu, const uint64_t a[6]);

#define LU_SYS_DECLARE(id, name, fn, kinds) LuSysFn fn;
LU_SYSCALLS(LU_SYS_DECLARE)
#undef LU_SYS_DECLARE

/* The LuSys id whose kernel name is `name`, -1 if morph has none. */
int lu_sys_lookup(const char *name);
const char *lu_sys_name(int id); /* NULL if out of range */

/* Per-guest syscall number tables (linux-user/<arch>/syscall_nr.c). */
int ppc32_syscall_id(int nr);
const char *ppc32_syscall_name(int nr);

/* ---- helpers for handlers ---------------------------------------------- */

/* The layouts of the running guest. */
static inline const LuLayouts *lu_layouts(void) { return lu_proc.abi->layouts; }

static inline int lu_arg_int(uint64_t v) { return (int)(int32_t)v; }
/* A signed `long` argument of the guest's width. */
static inline int64_t lu_arg_long(uint64_t v)
{
    return lu_layouts()->long_size == 4 ? (int64_t)(int32_t)v : (int64_t)v;
}
/* A 64-bit argument starting at a[*i]: one register on 64-bit guests, a
 * register pair (aligned to an even register where the ABI says so, in the
 * guest's byte order) on 32-bit ones. Advances *i past it. */
uint64_t lu_arg_u64(const uint64_t a[6], int *i);

/* -errno of the host's errno, in guest numbering. */
int64_t lu_host_err(void);
/* A host result: -errno on -1, else r. */
static inline int64_t lu_ret(int64_t r) { return r == -1 ? lu_host_err() : r; }

/* syscall(nr, args...) for a call that may block: a guest signal that
 * arrives before the kernel takes it makes it fail with EINTR at once
 * (safe_syscall.c), as the signal would interrupt it on a real kernel. */
long lu_safe_syscall7(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
#define LU_SAFE_SYSCALL_(nr, a1, a2, a3, a4, a5, a6, ...)                                     \
    lu_safe_syscall7((nr), (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5), (long)(a6))
#define lu_safe_syscall(...) LU_SAFE_SYSCALL_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)

/* Host path for a guest path: under the -L sysroot if the file exists
 * there (absolute paths only), else the path itself. g_malloc'ed. */
char *lu_path_host(const char *guest_path);
/* Read the guest string at addr and map it like lu_path_host. NULL (and
 * *err = -EFAULT) if unreadable. */
char *lu_path_from_guest(uint64_t addr, int64_t *err);

/* A guest open(2) flags word in host numbering, and back. */
int lu_open_flags_to_host(uint32_t guest_flags);
uint32_t lu_open_flags_to_guest(int host_flags);

/* Write a layout struct to / read it from guest memory: 0 or -EFAULT. */
int lu_put_struct(const LuStruct *s, uint64_t addr, const uint64_t *v);
int lu_get_struct(const LuStruct *s, uint64_t addr, uint64_t *v);

/* Guest iovec array -> host iovecs over guest memory (each buffer checked
 * for `prot`); the count or -errno. out holds up to LU_IOV_MAX entries. */
enum { LU_IOV_MAX = 1024 };
struct iovec;
int64_t lu_iov_from_guest(uint64_t addr, int cnt, int prot, struct iovec *out);

/* Descriptors whose data the guest reads or writes in a form of its own
 * (eventfd and timerfd counters are host-order u64s; a signalfd gives host
 * siginfo records): their translators (linux-user/fd_trans.c). read(2)
 * calls after_read on the bytes just read, write(2) before_write on a copy
 * of the guest's bytes; each returns the byte count or -errno. */
typedef struct LuFdTrans {
    int64_t (*after_read)(void *buf, int64_t len);
    int64_t (*before_write)(void *buf, int64_t len);
} LuFdTrans;
void lu_fd_trans_set(int fd, const LuFdTrans *t); /* NULL: plain again */
const LuFdTrans *lu_fd_trans_get(int fd);         /* NULL: plain */
void lu_fd_trans_dup(int oldfd, int newfd);       /* newfd gets oldfd's */

/* Write a guest int (32 bits) / long / 64-bit value in guest order. */
int lu_put_u32(uint64_t addr, uint32_t v);
int lu_put_long(uint64_t addr, uint64_t v);
int lu_put_u64(uint64_t addr, uint64_t v);
int lu_get_u32(uint64_t addr, uint32_t *v);
int lu_get_long(uint64_t addr, uint64_t *v);

/* ---- signal bookkeeping (syscall_signal.c), for signal delivery ---------- */

enum { LU_NSIG = 64 };

typedef struct LuSigAction {
    uint64_t handler;   /* guest address, or SIG_DFL (0) / SIG_IGN (1) */
    uint64_t flags;     /* SA_* as the guest passed them */
    uint64_t restorer;
    uint64_t mask;      /* bit n-1 for signal n */
} LuSigAction;

/* Index by signal number 1..LU_NSIG. */
extern LuSigAction lu_sig_actions[LU_NSIG + 1];
extern __thread uint64_t lu_sig_blocked; /* the guest thread's signal mask */
extern __thread uint64_t lu_sig_altstack_sp, lu_sig_altstack_size;
extern __thread int lu_sig_altstack_flags;

#endif
