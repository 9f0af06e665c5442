/* tests/unit/test_x86_layout.c — the i386 and x86-64 LuLayouts
 * (linux-user/x86/layout*.c) against the compilers' own view of the
 * kernel's structs: x86_layout_probe.c, built with i686-linux-gnu-gcc and
 * with the host's gcc, prints offsetof()/sizeof() of every field; each
 * row of morph's tables must match, and every row below must have been
 * printed. The probes' paths come in MORPH_X86_PROBE_I386 and
 * MORPH_X86_PROBE_X86_64 (tests/CMakeLists.txt).
 */
#include <glib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linux-user/layout.h"

extern const LuLayouts i386_layouts, x86_64_layouts;

/* The probe's name of a field and where morph keeps it. idx -1: the
 * struct's size line; idx -2: an offset-only row checked by hand. */
typedef struct Row {
    const char *tag, *field;
    size_t member;   /* offsetof(LuLayouts, the LuStruct) */
    int idx;
    bool i386_only;
} Row;

#define S(tag, m) { tag, "-", offsetof(LuLayouts, m), -1, false }
#define F(tag, field, m, idx) { tag, field, offsetof(LuLayouts, m), idx, false }
#define F32(tag, field, m, idx) { tag, field, offsetof(LuLayouts, m), idx, true }

static const Row rows[] = {
    S("stat", stat),
    F("stat", "st_dev", stat, LU_STAT_DEV), F("stat", "st_ino", stat, LU_STAT_INO),
    F("stat", "st_mode", stat, LU_STAT_MODE), F("stat", "st_nlink", stat, LU_STAT_NLINK),
    F("stat", "st_uid", stat, LU_STAT_UID), F("stat", "st_gid", stat, LU_STAT_GID),
    F("stat", "st_rdev", stat, LU_STAT_RDEV), F("stat", "st_size", stat, LU_STAT_SIZE),
    F("stat", "st_blksize", stat, LU_STAT_BLKSIZE), F("stat", "st_blocks", stat, LU_STAT_BLOCKS),
    F("stat", "st_atime", stat, LU_STAT_ATIME), F("stat", "st_atime_nsec", stat, LU_STAT_ATIME_NSEC),
    F("stat", "st_mtime", stat, LU_STAT_MTIME), F("stat", "st_mtime_nsec", stat, LU_STAT_MTIME_NSEC),
    F("stat", "st_ctime", stat, LU_STAT_CTIME), F("stat", "st_ctime_nsec", stat, LU_STAT_CTIME_NSEC),
    { "stat64", "-", offsetof(LuLayouts, stat64), -1, true },
    F32("stat64", "st_dev", stat64, LU_STAT_DEV), F32("stat64", "st_ino", stat64, LU_STAT_INO),
    F32("stat64", "st_mode", stat64, LU_STAT_MODE), F32("stat64", "st_nlink", stat64, LU_STAT_NLINK),
    F32("stat64", "st_uid", stat64, LU_STAT_UID), F32("stat64", "st_gid", stat64, LU_STAT_GID),
    F32("stat64", "st_rdev", stat64, LU_STAT_RDEV), F32("stat64", "st_size", stat64, LU_STAT_SIZE),
    F32("stat64", "st_blksize", stat64, LU_STAT_BLKSIZE),
    F32("stat64", "st_blocks", stat64, LU_STAT_BLOCKS),
    F32("stat64", "st_atime", stat64, LU_STAT_ATIME),
    F32("stat64", "st_atime_nsec", stat64, LU_STAT_ATIME_NSEC),
    F32("stat64", "st_mtime", stat64, LU_STAT_MTIME),
    F32("stat64", "st_mtime_nsec", stat64, LU_STAT_MTIME_NSEC),
    F32("stat64", "st_ctime", stat64, LU_STAT_CTIME),
    F32("stat64", "st_ctime_nsec", stat64, LU_STAT_CTIME_NSEC),
    S("statx", statx),
    F("statx", "stx_mask", statx, LU_STX_MASK), F("statx", "stx_blksize", statx, LU_STX_BLKSIZE),
    F("statx", "stx_attributes", statx, LU_STX_ATTRIBUTES), F("statx", "stx_nlink", statx, LU_STX_NLINK),
    F("statx", "stx_uid", statx, LU_STX_UID), F("statx", "stx_gid", statx, LU_STX_GID),
    F("statx", "stx_mode", statx, LU_STX_MODE), F("statx", "stx_ino", statx, LU_STX_INO),
    F("statx", "stx_size", statx, LU_STX_SIZE), F("statx", "stx_blocks", statx, LU_STX_BLOCKS),
    F("statx", "stx_attributes_mask", statx, LU_STX_ATTRIBUTES_MASK),
    F("statx", "stx_atime.tv_sec", statx, LU_STX_ATIME), F("statx", "stx_atime.tv_nsec", statx, LU_STX_ATIME_NSEC),
    F("statx", "stx_btime.tv_sec", statx, LU_STX_BTIME), F("statx", "stx_btime.tv_nsec", statx, LU_STX_BTIME_NSEC),
    F("statx", "stx_ctime.tv_sec", statx, LU_STX_CTIME), F("statx", "stx_ctime.tv_nsec", statx, LU_STX_CTIME_NSEC),
    F("statx", "stx_mtime.tv_sec", statx, LU_STX_MTIME), F("statx", "stx_mtime.tv_nsec", statx, LU_STX_MTIME_NSEC),
    F("statx", "stx_rdev_major", statx, LU_STX_RDEV_MAJOR), F("statx", "stx_rdev_minor", statx, LU_STX_RDEV_MINOR),
    F("statx", "stx_dev_major", statx, LU_STX_DEV_MAJOR), F("statx", "stx_dev_minor", statx, LU_STX_DEV_MINOR),
    S("timespec", timespec),
    F("timespec", "tv_sec", timespec, LU_TIME_SEC), F("timespec", "tv_nsec", timespec, LU_TIME_FRAC),
    S("timespec64", timespec64),
    F("timespec64", "tv_sec", timespec64, LU_TIME_SEC), F("timespec64", "tv_nsec", timespec64, LU_TIME_FRAC),
    S("timeval", timeval),
    F("timeval", "tv_sec", timeval, LU_TIME_SEC), F("timeval", "tv_usec", timeval, LU_TIME_FRAC),
    S("timezone", timezone),
    F("timezone", "tz_minuteswest", timezone, LU_TZ_MINUTESWEST),
    F("timezone", "tz_dsttime", timezone, LU_TZ_DSTTIME),
    S("tms", tms),
    F("tms", "tms_utime", tms, LU_TMS_UTIME), F("tms", "tms_stime", tms, LU_TMS_STIME),
    F("tms", "tms_cutime", tms, LU_TMS_CUTIME), F("tms", "tms_cstime", tms, LU_TMS_CSTIME),
    S("rusage", rusage),
    F("rusage", "ru_utime.tv_sec", rusage, LU_RU_UTIME_SEC), F("rusage", "ru_utime.tv_usec", rusage, LU_RU_UTIME_USEC),
    F("rusage", "ru_stime.tv_sec", rusage, LU_RU_STIME_SEC), F("rusage", "ru_stime.tv_usec", rusage, LU_RU_STIME_USEC),
    F("rusage", "ru_maxrss", rusage, LU_RU_MAXRSS), F("rusage", "ru_ixrss", rusage, LU_RU_IXRSS),
    F("rusage", "ru_idrss", rusage, LU_RU_IDRSS), F("rusage", "ru_isrss", rusage, LU_RU_ISRSS),
    F("rusage", "ru_minflt", rusage, LU_RU_MINFLT), F("rusage", "ru_majflt", rusage, LU_RU_MAJFLT),
    F("rusage", "ru_nswap", rusage, LU_RU_NSWAP), F("rusage", "ru_inblock", rusage, LU_RU_INBLOCK),
    F("rusage", "ru_oublock", rusage, LU_RU_OUBLOCK), F("rusage", "ru_msgsnd", rusage, LU_RU_MSGSND),
    F("rusage", "ru_msgrcv", rusage, LU_RU_MSGRCV), F("rusage", "ru_nsignals", rusage, LU_RU_NSIGNALS),
    F("rusage", "ru_nvcsw", rusage, LU_RU_NVCSW), F("rusage", "ru_nivcsw", rusage, LU_RU_NIVCSW),
    S("rlimit", rlimit),
    F("rlimit", "rlim_cur", rlimit, LU_RLIM_CUR), F("rlimit", "rlim_max", rlimit, LU_RLIM_MAX),
    S("rlimit64", rlimit64),
    F("rlimit64", "rlim_cur", rlimit64, LU_RLIM_CUR), F("rlimit64", "rlim_max", rlimit64, LU_RLIM_MAX),
    S("sysinfo", sysinfo),
    F("sysinfo", "uptime", sysinfo, LU_SI_UPTIME), F("sysinfo", "loads[0]", sysinfo, LU_SI_LOAD0),
    F("sysinfo", "loads[1]", sysinfo, LU_SI_LOAD1), F("sysinfo", "loads[2]", sysinfo, LU_SI_LOAD2),
    F("sysinfo", "totalram", sysinfo, LU_SI_TOTALRAM), F("sysinfo", "freeram", sysinfo, LU_SI_FREERAM),
    F("sysinfo", "sharedram", sysinfo, LU_SI_SHAREDRAM), F("sysinfo", "bufferram", sysinfo, LU_SI_BUFFERRAM),
    F("sysinfo", "totalswap", sysinfo, LU_SI_TOTALSWAP), F("sysinfo", "freeswap", sysinfo, LU_SI_FREESWAP),
    F("sysinfo", "procs", sysinfo, LU_SI_PROCS), F("sysinfo", "totalhigh", sysinfo, LU_SI_TOTALHIGH),
    F("sysinfo", "freehigh", sysinfo, LU_SI_FREEHIGH), F("sysinfo", "mem_unit", sysinfo, LU_SI_MEM_UNIT),
    S("termios", termios),
    F("termios", "c_iflag", termios, LU_TIO_IFLAG), F("termios", "c_oflag", termios, LU_TIO_OFLAG),
    F("termios", "c_cflag", termios, LU_TIO_CFLAG), F("termios", "c_lflag", termios, LU_TIO_LFLAG),
    F("termios", "c_line", termios, LU_TIO_LINE),
    { "termios", "c_cc", 0, -2, false },
    S("winsize", winsize),
    F("winsize", "ws_row", winsize, LU_WS_ROW), F("winsize", "ws_col", winsize, LU_WS_COL),
    F("winsize", "ws_xpixel", winsize, LU_WS_XPIXEL), F("winsize", "ws_ypixel", winsize, LU_WS_YPIXEL),
    S("flock", flock),
    F("flock", "l_type", flock, LU_FL_TYPE), F("flock", "l_whence", flock, LU_FL_WHENCE),
    F("flock", "l_start", flock, LU_FL_START), F("flock", "l_len", flock, LU_FL_LEN),
    F("flock", "l_pid", flock, LU_FL_PID),
    S("flock64", flock64),
    F("flock64", "l_type", flock64, LU_FL_TYPE), F("flock64", "l_whence", flock64, LU_FL_WHENCE),
    F("flock64", "l_start", flock64, LU_FL_START), F("flock64", "l_len", flock64, LU_FL_LEN),
    F("flock64", "l_pid", flock64, LU_FL_PID),
    S("pollfd", pollfd),
    F("pollfd", "fd", pollfd, LU_PFD_FD), F("pollfd", "events", pollfd, LU_PFD_EVENTS),
    F("pollfd", "revents", pollfd, LU_PFD_REVENTS),
    S("epoll_event", epoll_event),
    F("epoll_event", "events", epoll_event, LU_EPE_EVENTS), F("epoll_event", "data", epoll_event, LU_EPE_DATA),
    S("stack", stack),
    F("stack", "ss_sp", stack, LU_STK_SP), F("stack", "ss_flags", stack, LU_STK_FLAGS),
    F("stack", "ss_size", stack, LU_STK_SIZE),
    S("msghdr", msghdr),
    F("msghdr", "msg_name", msghdr, LU_MSG_NAME), F("msghdr", "msg_namelen", msghdr, LU_MSG_NAMELEN),
    F("msghdr", "msg_iov", msghdr, LU_MSG_IOV), F("msghdr", "msg_iovlen", msghdr, LU_MSG_IOVLEN),
    F("msghdr", "msg_control", msghdr, LU_MSG_CONTROL),
    F("msghdr", "msg_controllen", msghdr, LU_MSG_CONTROLLEN),
    F("msghdr", "msg_flags", msghdr, LU_MSG_FLAGS),
    S("cmsghdr", cmsghdr),
    F("cmsghdr", "cmsg_len", cmsghdr, LU_CMSG_LEN), F("cmsghdr", "cmsg_level", cmsghdr, LU_CMSG_LEVEL),
    F("cmsghdr", "cmsg_type", cmsghdr, LU_CMSG_TYPE),
    S("iovec", iovec),
    F("iovec", "iov_base", iovec, LU_IOV_BASE), F("iovec", "iov_len", iovec, LU_IOV_LEN),
    F("dirent64", "d_ino", dirent64, LU_DIRENT_INO), F("dirent64", "d_off", dirent64, LU_DIRENT_OFF),
    F("dirent64", "d_reclen", dirent64, LU_DIRENT_RECLEN), F("dirent64", "d_type", dirent64, LU_DIRENT_TYPE),
    { "dirent64", "d_name", 0, -2, false },
};
enum { NROWS = sizeof rows / sizeof rows[0] };

static const LuStruct *struct_of(const LuLayouts *L, const Row *r)
{
    return (const LuStruct *)((const char *)L + r->member);
}

/* Offset-only rows: where the c_cc array and the dirent name start. */
static void check_special(const LuLayouts *L, const Row *r, unsigned off, unsigned size)
{
    if (strcmp(r->tag, "termios") == 0) {
        g_assert_cmpuint(L->termios_cc_off, ==, off);
        g_assert_cmpuint(L->termios_ncc, ==, size);
    } else {
        g_assert_cmpuint(L->dirent64_name_off, ==, off);
    }
}

/* One probe line against the row it names; marks the row seen. */
static void check_line(const LuLayouts *L, bool i386, const char *line, bool *seen)
{
    char tag[64], field[64];
    unsigned off, size;
    if (sscanf(line, "%63s %63s %u %u", tag, field, &off, &size) != 4)
        return;
    for (int i = 0; i < NROWS; i++) {
        const Row *r = &rows[i];
        if (strcmp(r->tag, tag) != 0 || strcmp(r->field, field) != 0 || (r->i386_only && !i386))
            continue;
        g_test_message("%s %s: probe %u/%u", tag, field, off, size);
        if (r->idx == -2) {
            check_special(L, r, off, size);
        } else if (r->idx == -1) {
            g_assert_cmpuint(struct_of(L, r)->size, ==, size);
        } else {
            const LuField *f = &struct_of(L, r)->f[r->idx];
            g_assert_cmpuint(f->off, ==, off);
            g_assert_cmpuint(f->size, ==, size);
        }
        seen[i] = true;
    }
}

static void check_abi(const char *env, const LuLayouts *L, bool i386)
{
    const char *probe = g_getenv(env);
    if (!probe) {
        g_test_skip("no probe built (see tests/CMakeLists.txt)");
        return;
    }
    gchar *out = NULL;
    gint status = 0;
    GError *err = NULL;
    g_assert_true(g_spawn_command_line_sync(probe, &out, NULL, &status, &err));
    g_assert_cmpint(status, ==, 0);
    bool seen[NROWS] = { false };
    gchar **lines = g_strsplit(out, "\n", -1);
    for (gchar **l = lines; *l; l++)
        check_line(L, i386, *l, seen);
    for (int i = 0; i < NROWS; i++) {
        if (!seen[i] && (i386 || !rows[i].i386_only))
            g_error("the probe printed no line for %s %s", rows[i].tag, rows[i].field);
    }
    g_strfreev(lines);
    g_free(out);
}

static void test_i386(void) { check_abi("MORPH_X86_PROBE_I386", &i386_layouts, true); }
static void test_x86_64(void) { check_abi("MORPH_X86_PROBE_X86_64", &x86_64_layouts, false); }

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86_layout/i386", test_i386);
    g_test_add_func("/x86_layout/x86_64", test_x86_64);
    return g_test_run();
}
