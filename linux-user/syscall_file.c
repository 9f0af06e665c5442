/* linux-user/syscall_file.c — system calls on open files: read/write and
 * their vector and positioned forms, open/close, seeking, ioctl (terminal
 * and FIO* requests in the guest's layouts), fcntl (with lock structs),
 * pipes, dup, getdents64, truncation, sync, sendfile, flock and poll.
 *
 * Guest buffers are used in place (guest memory is host memory at
 * guest_base + address) once lu_access_ok says they are mapped.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <glib.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include "linux-user/procfs.h"
#include "util/log.h"

/* ---- read and write -------------------------------------------------- */

int64_t lu_sys_read(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (a[2] && !lu_access_ok(a[1], a[2], PROT_WRITE))
        return -EFAULT;
    int fd = lu_arg_int(a[0]);
    int64_t n = lu_ret(lu_safe_syscall(SYS_read, fd, lu_g2h(a[1]), (size_t)a[2]));
    const LuFdTrans *t = lu_fd_trans_get(fd);
    if (t && t->after_read && n > 0)
        n = t->after_read(lu_g2h(a[1]), n);
    return n;
}

int64_t lu_sys_write(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (a[2] && !lu_access_ok(a[1], a[2], PROT_READ))
        return -EFAULT;
    int fd = lu_arg_int(a[0]);
    const LuFdTrans *t = lu_fd_trans_get(fd);
    if (t && t->before_write) {
        /* Translate a copy: the guest's buffer stays as it was. */
        size_t len = a[2] > (1u << 20) ? (1u << 20) : (size_t)a[2];
        void *copy = g_memdup2(lu_g2h(a[1]), len ? len : 1);
        int64_t n = t->before_write(copy, (int64_t)len);
        if (n >= 0)
            n = lu_ret(lu_safe_syscall(SYS_write, fd, copy, (size_t)n));
        g_free(copy);
        return n;
    }
    return lu_ret(lu_safe_syscall(SYS_write, fd, lu_g2h(a[1]), (size_t)a[2]));
}

int64_t lu_sys_pread64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int i = 3;
    int64_t off = (int64_t)lu_arg_u64(a, &i);
    if (a[2] && !lu_access_ok(a[1], a[2], PROT_WRITE))
        return -EFAULT;
    return lu_ret(lu_safe_syscall(SYS_pread64, lu_arg_int(a[0]), lu_g2h(a[1]), (size_t)a[2], off));
}

int64_t lu_sys_pwrite64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int i = 3;
    int64_t off = (int64_t)lu_arg_u64(a, &i);
    if (a[2] && !lu_access_ok(a[1], a[2], PROT_READ))
        return -EFAULT;
    return lu_ret(lu_safe_syscall(SYS_pwrite64, lu_arg_int(a[0]), lu_g2h(a[1]), (size_t)a[2], off));
}

/* `prot` is what the buffers must allow (PROT_WRITE for readv). */
int64_t lu_iov_from_guest(uint64_t addr, int cnt, int prot, struct iovec *out)
{
    const LuStruct *s = &lu_layouts()->iovec;
    if (cnt < 0 || cnt > LU_IOV_MAX)
        return -EINVAL;
    for (int i = 0; i < cnt; i++) {
        uint64_t v[LU_MAX_FIELDS];
        if (lu_get_struct(s, addr + (uint64_t)i * s->size, v))
            return -EFAULT;
        if (v[LU_IOV_LEN] && !lu_access_ok(v[LU_IOV_BASE], v[LU_IOV_LEN], prot))
            return -EFAULT;
        out[i].iov_base = lu_g2h(v[LU_IOV_BASE]);
        out[i].iov_len = (size_t)v[LU_IOV_LEN];
    }
    return cnt;
}

int64_t lu_sys_readv(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct iovec iov[LU_IOV_MAX];
    int64_t n = lu_iov_from_guest(a[1], lu_arg_int(a[2]), PROT_WRITE, iov);
    if (n < 0)
        return n;
    return lu_ret(lu_safe_syscall(SYS_readv, lu_arg_int(a[0]), iov, (int)n));
}

int64_t lu_sys_writev(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct iovec iov[LU_IOV_MAX];
    int64_t n = lu_iov_from_guest(a[1], lu_arg_int(a[2]), PROT_READ, iov);
    if (n < 0)
        return n;
    return lu_ret(lu_safe_syscall(SYS_writev, lu_arg_int(a[0]), iov, (int)n));
}

/* ---- open, close, seek -------------------------------------------------- */

static int64_t do_openat(int dirfd, uint64_t path, uint32_t guest_flags, mode_t mode)
{
    int64_t err = 0;
    char *p = lu_path_from_guest(path, &err);
    if (!p)
        return err;
    int host_flags = lu_open_flags_to_host(guest_flags);
    int64_t r = lu_procfs_open(dirfd, p, host_flags);
    if (r != LU_PROCFS_NOT_OURS) {
        g_free(p);
        return r;
    }
    r = lu_ret(lu_safe_syscall(SYS_openat, dirfd, p, host_flags, mode));
    g_free(p);
    return r;
}

int64_t lu_sys_open(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_openat(AT_FDCWD, a[0], (uint32_t)a[1], (mode_t)a[2]);
}

int64_t lu_sys_openat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_openat(lu_arg_int(a[0]), a[1], (uint32_t)a[2], (mode_t)a[3]);
}

int64_t lu_sys_creat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int64_t err = 0;
    char *p = lu_strdup_from_guest(a[0]);
    if (!p)
        return -EFAULT;
    err = lu_ret(creat(p, (mode_t)a[1]));
    g_free(p);
    return err;
}

int64_t lu_sys_close(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int fd = lu_arg_int(a[0]);
    int64_t r = lu_ret(close(fd));
    if (r == 0)
        lu_fd_trans_set(fd, NULL);
    return r;
}

int64_t lu_sys_lseek(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    off_t r = lseek(lu_arg_int(a[0]), (off_t)lu_arg_long(a[1]), lu_arg_int(a[2]));
    if (r < 0)
        return lu_host_err();
    if (lu_layouts()->long_size == 4 && r > INT32_MAX)
        return -EOVERFLOW;
    return r;
}

int64_t lu_sys_llseek(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int64_t off = (int64_t)((uint64_t)(uint32_t)a[1] << 32 | (uint32_t)a[2]);
    off_t r = lseek(lu_arg_int(a[0]), off, lu_arg_int(a[4]));
    if (r < 0)
        return lu_host_err();
    return lu_put_u64(a[3], (uint64_t)r);
}

/* ---- ioctl ------------------------------------------------------------ */

static uint32_t speed_map(const LuBitPair *map, uint32_t code, bool to_host)
{
    for (const LuBitPair *p = map; p && (p->guest | p->host); p++) {
        if ((to_host ? p->guest : p->host) == code)
            return to_host ? p->host : p->guest;
    }
    return code;
}

/* The numeric rate of a host B* code, for the kernel's c_ispeed words. */
static uint32_t speed_bps(speed_t code)
{
    static const struct { speed_t code; uint32_t bps; } rates[] = {
        { B0, 0 }, { B50, 50 }, { B75, 75 }, { B110, 110 }, { B134, 134 },
        { B150, 150 }, { B200, 200 }, { B300, 300 }, { B600, 600 },
        { B1200, 1200 }, { B1800, 1800 }, { B2400, 2400 }, { B4800, 4800 },
        { B9600, 9600 }, { B19200, 19200 }, { B38400, 38400 },
        { B57600, 57600 }, { B115200, 115200 }, { B230400, 230400 },
        { B460800, 460800 }, { B500000, 500000 }, { B576000, 576000 },
        { B921600, 921600 }, { B1000000, 1000000 }, { B1152000, 1152000 },
        { B1500000, 1500000 }, { B2000000, 2000000 }, { B2500000, 2500000 },
        { B3000000, 3000000 }, { B3500000, 3500000 }, { B4000000, 4000000 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rates); i++) {
        if (rates[i].code == code)
            return rates[i].bps;
    }
    return 0;
}

static int64_t termios_get(int fd, uint64_t addr)
{
    const LuLayouts *L = lu_layouts();
    struct termios t;
    if (tcgetattr(fd, &t) < 0)
        return lu_host_err();
    uint32_t hbaud = t.c_cflag & CBAUD;
    uint32_t cflag = lu_bits_to_guest(L->termios_cflag, t.c_cflag & ~(CBAUD | CIBAUD));
    cflag |= speed_map(L->termios_speeds, hbaud, false) & L->termios_cbaud;
    uint64_t v[LU_MAX_FIELDS] = {
        [LU_TIO_IFLAG] = lu_bits_to_guest(L->termios_iflag, t.c_iflag),
        [LU_TIO_OFLAG] = lu_bits_to_guest(L->termios_oflag, t.c_oflag),
        [LU_TIO_CFLAG] = cflag,
        [LU_TIO_LFLAG] = lu_bits_to_guest(L->termios_lflag, t.c_lflag),
        [LU_TIO_LINE] = t.c_line,
        [LU_TIO_ISPEED] = speed_bps(cfgetispeed(&t)),
        [LU_TIO_OSPEED] = speed_bps(cfgetospeed(&t)),
    };
    uint8_t buf[256];
    lu_layout_write(L, &L->termios, buf, v);
    for (int i = 0; i < 32 && i < NCCS; i++) {
        int g = L->termios_cc_from_host[i];
        if (g >= 0 && g < L->termios_ncc)
            buf[L->termios_cc_off + g] = t.c_cc[i];
    }
    return lu_copy_to_guest(addr, buf, L->termios.size);
}

static int64_t termios_set(int fd, uint64_t addr, int action)
{
    const LuLayouts *L = lu_layouts();
    uint8_t buf[256];
    uint64_t v[LU_MAX_FIELDS];
    if (lu_copy_from_guest(buf, addr, L->termios.size))
        return -EFAULT;
    lu_layout_read(L, &L->termios, buf, v);
    struct termios t;
    if (tcgetattr(fd, &t) < 0)
        return lu_host_err();
    uint32_t gcflag = (uint32_t)v[LU_TIO_CFLAG];
    uint32_t hbaud = speed_map(L->termios_speeds, gcflag & L->termios_cbaud, true);
    t.c_iflag = lu_bits_to_host(L->termios_iflag, (uint32_t)v[LU_TIO_IFLAG]);
    t.c_oflag = lu_bits_to_host(L->termios_oflag, (uint32_t)v[LU_TIO_OFLAG]);
    t.c_cflag = lu_bits_to_host(L->termios_cflag, gcflag & ~L->termios_cbaud) | hbaud;
    t.c_lflag = lu_bits_to_host(L->termios_lflag, (uint32_t)v[LU_TIO_LFLAG]);
    t.c_line = (cc_t)v[LU_TIO_LINE];
    for (int i = 0; i < 32 && i < NCCS; i++) {
        int g = L->termios_cc_from_host[i];
        if (g >= 0 && g < L->termios_ncc)
            t.c_cc[i] = buf[L->termios_cc_off + g];
    }
    cfsetispeed(&t, hbaud);
    cfsetospeed(&t, hbaud);
    return lu_ret(tcsetattr(fd, action, &t));
}

int64_t lu_sys_ioctl(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuLayouts *L = lu_layouts();
    int fd = lu_arg_int(a[0]);
    uint64_t arg = a[2];
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    struct winsize ws;
    int n;
    uint32_t u;

    switch (lu_ioctl_id(L, (uint32_t)a[1])) {
    case LU_IOCTL_TCGETS:
        return termios_get(fd, arg);
    case LU_IOCTL_TCSETS:
        return termios_set(fd, arg, TCSANOW);
    case LU_IOCTL_TCSETSW:
        return termios_set(fd, arg, TCSADRAIN);
    case LU_IOCTL_TCSETSF:
        return termios_set(fd, arg, TCSAFLUSH);
    case LU_IOCTL_TIOCGWINSZ:
        if (ioctl(fd, TIOCGWINSZ, &ws) < 0)
            return lu_host_err();
        v[LU_WS_ROW] = ws.ws_row;
        v[LU_WS_COL] = ws.ws_col;
        v[LU_WS_XPIXEL] = ws.ws_xpixel;
        v[LU_WS_YPIXEL] = ws.ws_ypixel;
        return lu_put_struct(&L->winsize, arg, v);
    case LU_IOCTL_TIOCSWINSZ:
        if (lu_get_struct(&L->winsize, arg, v))
            return -EFAULT;
        ws.ws_row = (unsigned short)v[LU_WS_ROW];
        ws.ws_col = (unsigned short)v[LU_WS_COL];
        ws.ws_xpixel = (unsigned short)v[LU_WS_XPIXEL];
        ws.ws_ypixel = (unsigned short)v[LU_WS_YPIXEL];
        return lu_ret(ioctl(fd, TIOCSWINSZ, &ws));
    case LU_IOCTL_FIONREAD:
        if (ioctl(fd, FIONREAD, &n) < 0)
            return lu_host_err();
        return lu_put_u32(arg, (uint32_t)n);
    case LU_IOCTL_TIOCGPGRP:
        if (ioctl(fd, TIOCGPGRP, &n) < 0)
            return lu_host_err();
        return lu_put_u32(arg, (uint32_t)n);
    case LU_IOCTL_FIONBIO:
    case LU_IOCTL_TIOCSPGRP:
        if (lu_get_u32(arg, &u))
            return -EFAULT;
        n = (int)u;
        return lu_ret(ioctl(fd, lu_ioctl_id(L, (uint32_t)a[1]) == LU_IOCTL_FIONBIO ? FIONBIO
                                                                                  : TIOCSPGRP,
                            &n));
    case LU_IOCTL_FIOCLEX:
        return lu_ret(ioctl(fd, FIOCLEX));
    case LU_IOCTL_FIONCLEX:
        return lu_ret(ioctl(fd, FIONCLEX));
    case LU_IOCTL_NONE:
        break;
    }
    if (log_enabled(LOG_UNIMP))
        log_printf("morph: unimplemented ioctl %#" PRIx64 " on fd %d\n", a[1], fd);
    return -ENOTTY;
}

/* ---- fcntl ---------------------------------------------------------- */

/* Guest fcntl commands (the generic numbering, shared by the ABIs). */
enum {
    G_F_DUPFD = 0, G_F_GETFD = 1, G_F_SETFD = 2, G_F_GETFL = 3, G_F_SETFL = 4,
    G_F_GETLK = 5, G_F_SETLK = 6, G_F_SETLKW = 7, G_F_SETOWN = 8, G_F_GETOWN = 9,
    G_F_SETSIG = 10, G_F_GETSIG = 11, G_F_GETLK64 = 12, G_F_SETLK64 = 13,
    G_F_SETLKW64 = 14, G_F_OFD_GETLK = 36, G_F_OFD_SETLK = 37, G_F_OFD_SETLKW = 38,
    G_F_SETLEASE = 1024, G_F_GETLEASE = 1025, G_F_NOTIFY = 1026,
    G_F_DUPFD_CLOEXEC = 1030, G_F_SETPIPE_SZ = 1031, G_F_GETPIPE_SZ = 1032,
    G_F_ADD_SEALS = 1033, G_F_GET_SEALS = 1034,
};

static int64_t fcntl_lock(int fd, int host_cmd, uint64_t addr, const LuStruct *s)
{
    uint64_t v[LU_MAX_FIELDS];
    if (lu_get_struct(s, addr, v))
        return -EFAULT;
    struct flock fl = {
        .l_type = (short)v[LU_FL_TYPE],
        .l_whence = (short)v[LU_FL_WHENCE],
        .l_start = (off_t)v[LU_FL_START],
        .l_len = (off_t)v[LU_FL_LEN],
        .l_pid = (pid_t)v[LU_FL_PID],
    };
    if (lu_safe_syscall(SYS_fcntl, fd, host_cmd, &fl) < 0)
        return lu_host_err();
    if (host_cmd != F_GETLK && host_cmd != F_OFD_GETLK)
        return 0;
    v[LU_FL_TYPE] = (uint64_t)fl.l_type;
    v[LU_FL_WHENCE] = (uint64_t)fl.l_whence;
    v[LU_FL_START] = (uint64_t)fl.l_start;
    v[LU_FL_LEN] = (uint64_t)fl.l_len;
    v[LU_FL_PID] = (uint64_t)fl.l_pid;
    if (!lu_layout_fits(s, v))
        return -EOVERFLOW;
    return lu_put_struct(s, addr, v);
}

static int64_t dup_result(int oldfd, int64_t newfd);

static int64_t do_fcntl(const uint64_t a[6], bool is64)
{
    const LuLayouts *L = lu_layouts();
    int fd = lu_arg_int(a[0]);
    int cmd = lu_arg_int(a[1]);
    const LuStruct *fl_ofd = is64 ? &L->flock64 : &L->flock;

    switch (cmd) {
    case G_F_DUPFD: return dup_result(fd, lu_ret(fcntl(fd, F_DUPFD, lu_arg_int(a[2]))));
    case G_F_DUPFD_CLOEXEC:
        return dup_result(fd, lu_ret(fcntl(fd, F_DUPFD_CLOEXEC, lu_arg_int(a[2]))));
    case G_F_GETFD: return lu_ret(fcntl(fd, F_GETFD));
    case G_F_SETFD: return lu_ret(fcntl(fd, F_SETFD, lu_arg_int(a[2])));
    case G_F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? lu_host_err() : (int64_t)lu_open_flags_to_guest(r);
    }
    case G_F_SETFL: return lu_ret(fcntl(fd, F_SETFL, lu_open_flags_to_host((uint32_t)a[2])));
    case G_F_GETLK: return fcntl_lock(fd, F_GETLK, a[2], &L->flock);
    case G_F_SETLK: return fcntl_lock(fd, F_SETLK, a[2], &L->flock);
    case G_F_SETLKW: return fcntl_lock(fd, F_SETLKW, a[2], &L->flock);
    case G_F_GETLK64: return fcntl_lock(fd, F_GETLK, a[2], &L->flock64);
    case G_F_SETLK64: return fcntl_lock(fd, F_SETLK, a[2], &L->flock64);
    case G_F_SETLKW64: return fcntl_lock(fd, F_SETLKW, a[2], &L->flock64);
    case G_F_OFD_GETLK: return fcntl_lock(fd, F_OFD_GETLK, a[2], fl_ofd);
    case G_F_OFD_SETLK: return fcntl_lock(fd, F_OFD_SETLK, a[2], fl_ofd);
    case G_F_OFD_SETLKW: return fcntl_lock(fd, F_OFD_SETLKW, a[2], fl_ofd);
    case G_F_SETOWN: return lu_ret(fcntl(fd, F_SETOWN, lu_arg_int(a[2])));
    case G_F_GETOWN: return lu_ret(fcntl(fd, F_GETOWN));
    case G_F_SETSIG: return lu_ret(fcntl(fd, F_SETSIG, lu_arg_int(a[2])));
    case G_F_GETSIG: return lu_ret(fcntl(fd, F_GETSIG));
    case G_F_SETLEASE: return lu_ret(fcntl(fd, F_SETLEASE, lu_arg_int(a[2])));
    case G_F_GETLEASE: return lu_ret(fcntl(fd, F_GETLEASE));
    case G_F_NOTIFY: return lu_ret(fcntl(fd, F_NOTIFY, lu_arg_int(a[2])));
    case G_F_SETPIPE_SZ: return lu_ret(fcntl(fd, F_SETPIPE_SZ, lu_arg_int(a[2])));
    case G_F_GETPIPE_SZ: return lu_ret(fcntl(fd, F_GETPIPE_SZ));
    case G_F_ADD_SEALS: return lu_ret(fcntl(fd, F_ADD_SEALS, lu_arg_int(a[2])));
    case G_F_GET_SEALS: return lu_ret(fcntl(fd, F_GET_SEALS));
    }
    if (log_enabled(LOG_UNIMP))
        log_printf("morph: unimplemented fcntl command %d\n", cmd);
    return -EINVAL;
}

int64_t lu_sys_fcntl(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fcntl(a, lu_layouts()->long_size == 8);
}

int64_t lu_sys_fcntl64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fcntl(a, true);
}

/* ---- pipes and dup ----------------------------------------------------- */

static int64_t do_pipe2(uint64_t addr, int host_flags)
{
    int fds[2];
    if (pipe2(fds, host_flags) < 0)
        return lu_host_err();
    if (lu_put_u32(addr, (uint32_t)fds[0]) || lu_put_u32(addr + 4, (uint32_t)fds[1])) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

int64_t lu_sys_pipe(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_pipe2(a[0], 0);
}

int64_t lu_sys_pipe2(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_pipe2(a[0], lu_open_flags_to_host((uint32_t)a[1]));
}

/* A new descriptor for oldfd's file reads and writes as oldfd does. */
static int64_t dup_result(int oldfd, int64_t newfd)
{
    if (newfd >= 0 && newfd != oldfd)
        lu_fd_trans_dup(oldfd, (int)newfd);
    return newfd;
}

int64_t lu_sys_dup(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return dup_result(lu_arg_int(a[0]), lu_ret(dup(lu_arg_int(a[0]))));
}

int64_t lu_sys_dup2(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return dup_result(lu_arg_int(a[0]), lu_ret(dup2(lu_arg_int(a[0]), lu_arg_int(a[1]))));
}

int64_t lu_sys_dup3(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return dup_result(lu_arg_int(a[0]), lu_ret(dup3(lu_arg_int(a[0]), lu_arg_int(a[1]),
                                                    lu_open_flags_to_host((uint32_t)a[2]))));
}

/* ---- directories ------------------------------------------------------- */

/* linux_dirent64 records keep their length; only the header's byte order
 * (and, for another ABI, its layout) changes. */
int64_t lu_sys_getdents64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuLayouts *L = lu_layouts();
    size_t count = (size_t)(uint32_t)a[2];
    if (count > (1u << 20))
        count = 1u << 20;
    if (!lu_access_ok(a[1], count, PROT_WRITE))
        return -EFAULT;
    uint8_t *tmp = g_malloc(count ? count : 1);
    long n = syscall(SYS_getdents64, lu_arg_int(a[0]), tmp, count);
    if (n < 0) {
        int64_t e = lu_host_err();
        g_free(tmp);
        return e;
    }
    uint8_t *out = lu_g2h(a[1]);
    const size_t name_off = 19; /* offsetof(struct linux_dirent64, d_name) on the host */
    for (long pos = 0; pos < n;) {
        const uint8_t *rec = tmp + pos;
        uint64_t ino, off;
        uint16_t reclen;
        memcpy(&ino, rec, 8);
        memcpy(&off, rec + 8, 8);
        memcpy(&reclen, rec + 16, 2);
        uint64_t v[LU_MAX_FIELDS] = {
            [LU_DIRENT_INO] = ino, [LU_DIRENT_OFF] = off,
            [LU_DIRENT_RECLEN] = reclen, [LU_DIRENT_TYPE] = rec[18],
        };
        lu_layout_write(L, &L->dirent64, out + pos, v);
        memcpy(out + pos + L->dirent64_name_off, rec + name_off, reclen - name_off);
        pos += reclen;
    }
    g_free(tmp);
    return n;
}

/* ---- sizes and sync ----------------------------------------------------- */

int64_t lu_sys_ftruncate(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(ftruncate(lu_arg_int(a[0]), (off_t)lu_arg_long(a[1])));
}

int64_t lu_sys_ftruncate64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int i = 1;
    return lu_ret(ftruncate(lu_arg_int(a[0]), (off_t)lu_arg_u64(a, &i)));
}

static int64_t do_truncate(uint64_t path, off_t len)
{
    char *p = lu_strdup_from_guest(path);
    if (!p)
        return -EFAULT;
    int64_t r = lu_ret(truncate(p, len));
    g_free(p);
    return r;
}

int64_t lu_sys_truncate(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_truncate(a[0], (off_t)lu_arg_long(a[1]));
}

int64_t lu_sys_truncate64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int i = 1;
    return do_truncate(a[0], (off_t)lu_arg_u64(a, &i));
}

int64_t lu_sys_fsync(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(fsync(lu_arg_int(a[0])));
}

int64_t lu_sys_fdatasync(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(fdatasync(lu_arg_int(a[0])));
}

/* ---- sendfile, flock ---------------------------------------------------- */

/* sendfile with the offset word (if any) of `off_size` bytes: a guest long
 * (sendfile) or a 64-bit loff_t (sendfile64), read and written back. */
static int64_t do_sendfile(const uint64_t a[6], unsigned off_size)
{
    int out_fd = lu_arg_int(a[0]), in_fd = lu_arg_int(a[1]);
    size_t count = (size_t)(lu_layouts()->long_size == 4 ? (uint32_t)a[3] : a[3]);
    if (!a[2])
        return lu_ret(sendfile(out_fd, in_fd, NULL, count));
    uint8_t b[8];
    if (lu_copy_from_guest(b, a[2], off_size))
        return -EFAULT;
    uint64_t raw = lu_load_guest(lu_layouts(), b, off_size);
    off_t off = off_size == 4 ? (off_t)(int32_t)raw : (off_t)raw;
    int64_t r = lu_ret(sendfile(out_fd, in_fd, &off, count));
    if (r >= 0) {
        lu_store_guest(lu_layouts(), b, off_size, (uint64_t)off);
        if (lu_copy_to_guest(a[2], b, off_size))
            return -EFAULT;
    }
    return r;
}

int64_t lu_sys_sendfile(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_sendfile(a, lu_layouts()->long_size);
}

int64_t lu_sys_sendfile64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_sendfile(a, 8);
}

/* LOCK_SH/EX/NB/UN have the same values on every Linux. */
int64_t lu_sys_flock(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(lu_safe_syscall(SYS_flock, lu_arg_int(a[0]), lu_arg_int(a[1])));
}

/* Advice only: accepted on any open descriptor that is not a pipe. */
int64_t lu_sys_fadvise(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct stat st;
    if (fstat(lu_arg_int(a[0]), &st) < 0)
        return lu_host_err();
    if (S_ISFIFO(st.st_mode))
        return -ESPIPE;
    return 0;
}

/* ---- poll ------------------------------------------------------------ */

int64_t lu_sys_poll(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuStruct *s = &lu_layouts()->pollfd;
    uint64_t nfds = (uint32_t)a[1];
    if (nfds > 4096)
        return -EINVAL;
    struct pollfd *p = g_new0(struct pollfd, nfds ? nfds : 1);
    uint64_t v[LU_MAX_FIELDS];
    for (uint64_t i = 0; i < nfds; i++) {
        if (lu_get_struct(s, a[0] + i * s->size, v)) {
            g_free(p);
            return -EFAULT;
        }
        p[i].fd = (int)v[LU_PFD_FD];
        p[i].events = (short)v[LU_PFD_EVENTS];
    }
    int r = (int)lu_safe_syscall(SYS_poll, p, (nfds_t)nfds, lu_arg_int(a[2]));
    int64_t ret = r < 0 ? lu_host_err() : r;
    for (uint64_t i = 0; r >= 0 && i < nfds; i++) {
        v[LU_PFD_FD] = (uint64_t)p[i].fd;
        v[LU_PFD_EVENTS] = (uint16_t)p[i].events;
        v[LU_PFD_REVENTS] = (uint16_t)p[i].revents;
        if (lu_put_struct(s, a[0] + i * s->size, v))
            ret = -EFAULT;
    }
    g_free(p);
    return ret;
}
