/* tests/unit/x86_layout_probe.c — prints the offset and size of every
 * field of the kernel structs morph's x86 LuLayouts describe, as the
 * compiler that builds this file sees them: built with i686-linux-gnu-gcc
 * for i386 and with the host's gcc for x86-64, it is the oracle of
 * test_x86_layout.c. Kernel uapi headers only (they clash with libc's),
 * plus libc's struct msghdr/cmsghdr/iovec in x86_layout_probe_libc.c.
 *
 * Output, one line per field:  STRUCT FIELD OFFSET SIZE
 * and one per struct:          STRUCT - 0 SIZEOF
 */
#include <stddef.h>
#include <stdio.h>

#include <asm/fcntl.h>
#include <asm/signal.h>
#include <asm/stat.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <linux/eventpoll.h>
#include <linux/poll.h>
#include <linux/resource.h>
#include <linux/stat.h>
#include <linux/sysinfo.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <linux/times.h>

#define FIELD(tag, type, field) \
    printf("%s %s %zu %zu\n", tag, #field, offsetof(type, field), sizeof(((type *)0)->field))
#define SIZE(tag, type) printf("%s - 0 %zu\n", tag, sizeof(type))

void probe_libc(void); /* x86_layout_probe_libc.c */

static void probe_stat(void)
{
    SIZE("stat", struct stat);
    FIELD("stat", struct stat, st_dev);
    FIELD("stat", struct stat, st_ino);
    FIELD("stat", struct stat, st_mode);
    FIELD("stat", struct stat, st_nlink);
    FIELD("stat", struct stat, st_uid);
    FIELD("stat", struct stat, st_gid);
    FIELD("stat", struct stat, st_rdev);
    FIELD("stat", struct stat, st_size);
    FIELD("stat", struct stat, st_blksize);
    FIELD("stat", struct stat, st_blocks);
    FIELD("stat", struct stat, st_atime);
    FIELD("stat", struct stat, st_atime_nsec);
    FIELD("stat", struct stat, st_mtime);
    FIELD("stat", struct stat, st_mtime_nsec);
    FIELD("stat", struct stat, st_ctime);
    FIELD("stat", struct stat, st_ctime_nsec);
#ifdef __i386__
    SIZE("stat64", struct stat64);
    FIELD("stat64", struct stat64, st_dev);
    FIELD("stat64", struct stat64, st_ino);
    FIELD("stat64", struct stat64, st_mode);
    FIELD("stat64", struct stat64, st_nlink);
    FIELD("stat64", struct stat64, st_uid);
    FIELD("stat64", struct stat64, st_gid);
    FIELD("stat64", struct stat64, st_rdev);
    FIELD("stat64", struct stat64, st_size);
    FIELD("stat64", struct stat64, st_blksize);
    FIELD("stat64", struct stat64, st_blocks);
    FIELD("stat64", struct stat64, st_atime);
    FIELD("stat64", struct stat64, st_atime_nsec);
    FIELD("stat64", struct stat64, st_mtime);
    FIELD("stat64", struct stat64, st_mtime_nsec);
    FIELD("stat64", struct stat64, st_ctime);
    FIELD("stat64", struct stat64, st_ctime_nsec);
#endif
}

static void probe_statx(void)
{
    SIZE("statx", struct statx);
    FIELD("statx", struct statx, stx_mask);
    FIELD("statx", struct statx, stx_blksize);
    FIELD("statx", struct statx, stx_attributes);
    FIELD("statx", struct statx, stx_nlink);
    FIELD("statx", struct statx, stx_uid);
    FIELD("statx", struct statx, stx_gid);
    FIELD("statx", struct statx, stx_mode);
    FIELD("statx", struct statx, stx_ino);
    FIELD("statx", struct statx, stx_size);
    FIELD("statx", struct statx, stx_blocks);
    FIELD("statx", struct statx, stx_attributes_mask);
    FIELD("statx", struct statx, stx_atime.tv_sec);
    FIELD("statx", struct statx, stx_atime.tv_nsec);
    FIELD("statx", struct statx, stx_btime.tv_sec);
    FIELD("statx", struct statx, stx_btime.tv_nsec);
    FIELD("statx", struct statx, stx_ctime.tv_sec);
    FIELD("statx", struct statx, stx_ctime.tv_nsec);
    FIELD("statx", struct statx, stx_mtime.tv_sec);
    FIELD("statx", struct statx, stx_mtime.tv_nsec);
    FIELD("statx", struct statx, stx_rdev_major);
    FIELD("statx", struct statx, stx_rdev_minor);
    FIELD("statx", struct statx, stx_dev_major);
    FIELD("statx", struct statx, stx_dev_minor);
}

static void probe_time(void)
{
    SIZE("timespec", struct timespec);
    FIELD("timespec", struct timespec, tv_sec);
    FIELD("timespec", struct timespec, tv_nsec);
    SIZE("timespec64", struct __kernel_timespec);
    FIELD("timespec64", struct __kernel_timespec, tv_sec);
    FIELD("timespec64", struct __kernel_timespec, tv_nsec);
    SIZE("timeval", struct timeval);
    FIELD("timeval", struct timeval, tv_sec);
    FIELD("timeval", struct timeval, tv_usec);
    SIZE("timezone", struct timezone);
    FIELD("timezone", struct timezone, tz_minuteswest);
    FIELD("timezone", struct timezone, tz_dsttime);
    SIZE("tms", struct tms);
    FIELD("tms", struct tms, tms_utime);
    FIELD("tms", struct tms, tms_stime);
    FIELD("tms", struct tms, tms_cutime);
    FIELD("tms", struct tms, tms_cstime);
}

static void probe_resource(void)
{
    SIZE("rusage", struct rusage);
    FIELD("rusage", struct rusage, ru_utime.tv_sec);
    FIELD("rusage", struct rusage, ru_utime.tv_usec);
    FIELD("rusage", struct rusage, ru_stime.tv_sec);
    FIELD("rusage", struct rusage, ru_stime.tv_usec);
    FIELD("rusage", struct rusage, ru_maxrss);
    FIELD("rusage", struct rusage, ru_ixrss);
    FIELD("rusage", struct rusage, ru_idrss);
    FIELD("rusage", struct rusage, ru_isrss);
    FIELD("rusage", struct rusage, ru_minflt);
    FIELD("rusage", struct rusage, ru_majflt);
    FIELD("rusage", struct rusage, ru_nswap);
    FIELD("rusage", struct rusage, ru_inblock);
    FIELD("rusage", struct rusage, ru_oublock);
    FIELD("rusage", struct rusage, ru_msgsnd);
    FIELD("rusage", struct rusage, ru_msgrcv);
    FIELD("rusage", struct rusage, ru_nsignals);
    FIELD("rusage", struct rusage, ru_nvcsw);
    FIELD("rusage", struct rusage, ru_nivcsw);
    SIZE("rlimit", struct rlimit);
    FIELD("rlimit", struct rlimit, rlim_cur);
    FIELD("rlimit", struct rlimit, rlim_max);
    SIZE("rlimit64", struct rlimit64);
    FIELD("rlimit64", struct rlimit64, rlim_cur);
    FIELD("rlimit64", struct rlimit64, rlim_max);
    SIZE("sysinfo", struct sysinfo);
    FIELD("sysinfo", struct sysinfo, uptime);
    FIELD("sysinfo", struct sysinfo, loads[0]);
    FIELD("sysinfo", struct sysinfo, loads[1]);
    FIELD("sysinfo", struct sysinfo, loads[2]);
    FIELD("sysinfo", struct sysinfo, totalram);
    FIELD("sysinfo", struct sysinfo, freeram);
    FIELD("sysinfo", struct sysinfo, sharedram);
    FIELD("sysinfo", struct sysinfo, bufferram);
    FIELD("sysinfo", struct sysinfo, totalswap);
    FIELD("sysinfo", struct sysinfo, freeswap);
    FIELD("sysinfo", struct sysinfo, procs);
    FIELD("sysinfo", struct sysinfo, totalhigh);
    FIELD("sysinfo", struct sysinfo, freehigh);
    FIELD("sysinfo", struct sysinfo, mem_unit);
}

static void probe_tty_and_files(void)
{
    SIZE("termios", struct termios);
    FIELD("termios", struct termios, c_iflag);
    FIELD("termios", struct termios, c_oflag);
    FIELD("termios", struct termios, c_cflag);
    FIELD("termios", struct termios, c_lflag);
    FIELD("termios", struct termios, c_line);
    FIELD("termios", struct termios, c_cc);
    SIZE("winsize", struct winsize);
    FIELD("winsize", struct winsize, ws_row);
    FIELD("winsize", struct winsize, ws_col);
    FIELD("winsize", struct winsize, ws_xpixel);
    FIELD("winsize", struct winsize, ws_ypixel);
    SIZE("flock", struct flock);
    FIELD("flock", struct flock, l_type);
    FIELD("flock", struct flock, l_whence);
    FIELD("flock", struct flock, l_start);
    FIELD("flock", struct flock, l_len);
    FIELD("flock", struct flock, l_pid);
    SIZE("flock64", struct flock64);
    FIELD("flock64", struct flock64, l_type);
    FIELD("flock64", struct flock64, l_whence);
    FIELD("flock64", struct flock64, l_start);
    FIELD("flock64", struct flock64, l_len);
    FIELD("flock64", struct flock64, l_pid);
    SIZE("pollfd", struct pollfd);
    FIELD("pollfd", struct pollfd, fd);
    FIELD("pollfd", struct pollfd, events);
    FIELD("pollfd", struct pollfd, revents);
    SIZE("epoll_event", struct epoll_event);
    FIELD("epoll_event", struct epoll_event, events);
    FIELD("epoll_event", struct epoll_event, data);
    SIZE("stack", stack_t);
    FIELD("stack", stack_t, ss_sp);
    FIELD("stack", stack_t, ss_flags);
    FIELD("stack", stack_t, ss_size);
}

int main(void)
{
    probe_stat();
    probe_statx();
    probe_time();
    probe_resource();
    probe_tty_and_files();
    probe_libc();
    return 0;
}
