/* linux-user/syscall_fs.c — system calls on names in the file system:
 * the stat family (stat, stat64, statx in the guest's layouts), access,
 * readlink, the working directory, creating, linking, renaming and removing
 * names, permissions and times; and guest path lookup under the -L sysroot.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- paths ------------------------------------------------------------- */

/* True if `path` names the guest program itself: /proc/self/exe or
 * /proc/<our pid>/exe. */
static bool path_is_own_exe(const char *path)
{
    if (strcmp(path, "/proc/self/exe") == 0)
        return true;
    char own[64];
    snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
    return strcmp(path, own) == 0;
}

/* True if `path` is in a kernel file system (/proc, /dev, /sys), which
 * always means the host's, never a copy under the sysroot. */
static bool path_is_kernel_fs(const char *path)
{
    static const char *const roots[] = { "/proc", "/dev", "/sys" };
    for (size_t i = 0; i < G_N_ELEMENTS(roots); i++) {
        size_t n = strlen(roots[i]);
        if (strncmp(path, roots[i], n) == 0 && (path[n] == '/' || path[n] == 0))
            return true;
    }
    return false;
}

/* The host's loader cache lists the host's libraries: under a sysroot the
 * guest's loader must not read it, or an i386 guest on a host with i386
 * multilib libraries would pair the sysroot's ld.so with the host's libc. */
static bool path_is_loader_cache(const char *path)
{
    return strcmp(path, "/etc/ld.so.cache") == 0;
}

char *lu_path_host(const char *guest_path)
{
    if (guest_path[0] != '/')
        return g_strdup(guest_path);
    if (lu_proc.exe_path && path_is_own_exe(guest_path))
        return g_strdup(lu_proc.exe_path);
    const char *root = lu_proc.opt.sysroot;
    if (root && root[0] && !(root[0] == '/' && root[1] == 0) && !path_is_kernel_fs(guest_path)) {
        char *inside = g_strconcat(root, guest_path, NULL);
        if (faccessat(AT_FDCWD, inside, F_OK, AT_SYMLINK_NOFOLLOW) == 0 || path_is_loader_cache(guest_path))
            return inside;
        g_free(inside);
    }
    return g_strdup(guest_path);
}

char *lu_path_from_guest(uint64_t addr, int64_t *err)
{
    char *s = addr ? lu_strdup_from_guest(addr) : NULL;
    if (!s) {
        *err = -EFAULT;
        return NULL;
    }
    char *host = lu_path_host(s);
    g_free(s);
    return host;
}

/* A guest path taken literally (for calls that create or remove names). */
static char *path_plain(uint64_t addr, int64_t *err)
{
    char *s = addr ? lu_strdup_from_guest(addr) : NULL;
    if (!s)
        *err = -EFAULT;
    return s;
}

/* ---- stat ------------------------------------------------------------- */

static void stat_values(const struct stat *st, uint64_t v[LU_MAX_FIELDS])
{
    memset(v, 0, sizeof(uint64_t) * LU_MAX_FIELDS);
    v[LU_STAT_DEV] = st->st_dev;
    v[LU_STAT_INO] = st->st_ino;
    v[LU_STAT_MODE] = st->st_mode;
    v[LU_STAT_NLINK] = st->st_nlink;
    v[LU_STAT_UID] = st->st_uid;
    v[LU_STAT_GID] = st->st_gid;
    v[LU_STAT_RDEV] = st->st_rdev;
    v[LU_STAT_SIZE] = (uint64_t)st->st_size;
    v[LU_STAT_BLKSIZE] = (uint64_t)st->st_blksize;
    v[LU_STAT_BLOCKS] = (uint64_t)st->st_blocks;
    v[LU_STAT_ATIME] = (uint64_t)st->st_atim.tv_sec;
    v[LU_STAT_ATIME_NSEC] = (uint64_t)st->st_atim.tv_nsec;
    v[LU_STAT_MTIME] = (uint64_t)st->st_mtim.tv_sec;
    v[LU_STAT_MTIME_NSEC] = (uint64_t)st->st_mtim.tv_nsec;
    v[LU_STAT_CTIME] = (uint64_t)st->st_ctim.tv_sec;
    v[LU_STAT_CTIME_NSEC] = (uint64_t)st->st_ctim.tv_nsec;
}

/* Write a host stat to the guest in layout s; -EOVERFLOW where a value
 * does not fit (times excepted, as the kernel truncates those). */
static int64_t put_stat(const LuStruct *s, uint64_t addr, const struct stat *st)
{
    uint64_t v[LU_MAX_FIELDS];
    stat_values(st, v);
    uint64_t check[LU_MAX_FIELDS];
    memcpy(check, v, sizeof check);
    check[LU_STAT_ATIME] = check[LU_STAT_MTIME] = check[LU_STAT_CTIME] = 0;
    if (!lu_layout_fits(s, check))
        return -EOVERFLOW;
    return lu_put_struct(s, addr, v);
}

/* fstatat on a guest path (NULL-able with AT_EMPTY_PATH), result in s. */
static int64_t do_fstatat(int dirfd, uint64_t path, uint64_t buf, int flags, const LuStruct *s)
{
    struct stat st;
    int64_t err = 0;
    char *p = lu_path_from_guest(path, &err);
    if (!p) {
        if (!(flags & AT_EMPTY_PATH) || path)
            return err;
        p = g_strdup("");
    }
    int r = fstatat(dirfd, p, &st, flags);
    int64_t ret = r < 0 ? lu_host_err() : put_stat(s, buf, &st);
    g_free(p);
    return ret;
}

static int64_t do_fstat(int fd, uint64_t buf, const LuStruct *s)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return lu_host_err();
    return put_stat(s, buf, &st);
}

int64_t lu_sys_stat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fstatat(AT_FDCWD, a[0], a[1], 0, &lu_layouts()->stat);
}

int64_t lu_sys_lstat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fstatat(AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW, &lu_layouts()->stat);
}

int64_t lu_sys_fstat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fstat(lu_arg_int(a[0]), a[1], &lu_layouts()->stat);
}

int64_t lu_sys_newfstatat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fstatat(lu_arg_int(a[0]), a[1], a[2], lu_arg_int(a[3]), &lu_layouts()->stat);
}

int64_t lu_sys_stat64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fstatat(AT_FDCWD, a[0], a[1], 0, &lu_layouts()->stat64);
}

int64_t lu_sys_lstat64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fstatat(AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW, &lu_layouts()->stat64);
}

int64_t lu_sys_fstat64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fstat(lu_arg_int(a[0]), a[1], &lu_layouts()->stat64);
}

int64_t lu_sys_fstatat64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_fstatat(lu_arg_int(a[0]), a[1], a[2], lu_arg_int(a[3]), &lu_layouts()->stat64);
}

int64_t lu_sys_statx(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int flags = lu_arg_int(a[2]);
    int64_t err = 0;
    char *p = lu_path_from_guest(a[1], &err);
    if (!p) {
        if (!(flags & AT_EMPTY_PATH) || a[1])
            return err;
        p = g_strdup("");
    }
    struct statx sx;
    int r = statx(lu_arg_int(a[0]), p, flags, (unsigned)a[3], &sx);
    g_free(p);
    if (r < 0)
        return lu_host_err();
    uint64_t v[LU_MAX_FIELDS] = {
        [LU_STX_MASK] = sx.stx_mask,
        [LU_STX_BLKSIZE] = sx.stx_blksize,
        [LU_STX_ATTRIBUTES] = sx.stx_attributes,
        [LU_STX_NLINK] = sx.stx_nlink,
        [LU_STX_UID] = sx.stx_uid,
        [LU_STX_GID] = sx.stx_gid,
        [LU_STX_MODE] = sx.stx_mode,
        [LU_STX_INO] = sx.stx_ino,
        [LU_STX_SIZE] = sx.stx_size,
        [LU_STX_BLOCKS] = sx.stx_blocks,
        [LU_STX_ATTRIBUTES_MASK] = sx.stx_attributes_mask,
        [LU_STX_ATIME] = (uint64_t)sx.stx_atime.tv_sec,
        [LU_STX_ATIME_NSEC] = sx.stx_atime.tv_nsec,
        [LU_STX_BTIME] = (uint64_t)sx.stx_btime.tv_sec,
        [LU_STX_BTIME_NSEC] = sx.stx_btime.tv_nsec,
        [LU_STX_CTIME] = (uint64_t)sx.stx_ctime.tv_sec,
        [LU_STX_CTIME_NSEC] = sx.stx_ctime.tv_nsec,
        [LU_STX_MTIME] = (uint64_t)sx.stx_mtime.tv_sec,
        [LU_STX_MTIME_NSEC] = sx.stx_mtime.tv_nsec,
        [LU_STX_RDEV_MAJOR] = sx.stx_rdev_major,
        [LU_STX_RDEV_MINOR] = sx.stx_rdev_minor,
        [LU_STX_DEV_MAJOR] = sx.stx_dev_major,
        [LU_STX_DEV_MINOR] = sx.stx_dev_minor,
    };
    return lu_put_struct(&lu_layouts()->statx, a[4], v);
}

/* ---- access, readlink ----------------------------------------------------- */

static int64_t do_faccessat(int dirfd, uint64_t path, int mode, int flags)
{
    int64_t err = 0;
    char *p = lu_path_from_guest(path, &err);
    if (!p)
        return err;
    long r = flags ? syscall(SYS_faccessat2, dirfd, p, mode, flags)
                   : syscall(SYS_faccessat, dirfd, p, mode);
    g_free(p);
    return lu_ret(r);
}

int64_t lu_sys_access(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_faccessat(AT_FDCWD, a[0], lu_arg_int(a[1]), 0);
}

int64_t lu_sys_faccessat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_faccessat(lu_arg_int(a[0]), a[1], lu_arg_int(a[2]), 0);
}

int64_t lu_sys_faccessat2(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_faccessat(lu_arg_int(a[0]), a[1], lu_arg_int(a[2]), lu_arg_int(a[3]));
}

static int64_t do_readlinkat(int dirfd, uint64_t path, uint64_t buf, uint64_t size)
{
    int len = lu_arg_int(size);
    if (len <= 0)
        return -EINVAL;
    if (!lu_access_ok(buf, (uint64_t)len, PROT_WRITE))
        return -EFAULT;
    char *s = path ? lu_strdup_from_guest(path) : NULL;
    if (!s)
        return -EFAULT;
    int64_t ret;
    if (lu_proc.exe_path && path_is_own_exe(s)) {
        size_t n = strlen(lu_proc.exe_path);
        ret = (int64_t)(n < (size_t)len ? n : (size_t)len);
        memcpy(lu_g2h(buf), lu_proc.exe_path, (size_t)ret);
    } else {
        char *p = lu_path_host(s);
        ret = lu_ret(readlinkat(dirfd, p, lu_g2h(buf), (size_t)len));
        g_free(p);
    }
    g_free(s);
    return ret;
}

int64_t lu_sys_readlink(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_readlinkat(AT_FDCWD, a[0], a[1], a[2]);
}

int64_t lu_sys_readlinkat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_readlinkat(lu_arg_int(a[0]), a[1], a[2], a[3]);
}

/* ---- working directory -------------------------------------------------- */

int64_t lu_sys_getcwd(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    char buf[4096];
    if (!getcwd(buf, sizeof buf))
        return lu_host_err();
    size_t n = strlen(buf) + 1;
    if (n > a[1])
        return -ERANGE;
    if (lu_copy_to_guest(a[0], buf, n))
        return -EFAULT;
    return (int64_t)n;
}

int64_t lu_sys_chdir(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int64_t err = 0;
    char *p = path_plain(a[0], &err);
    if (!p)
        return err;
    int64_t r = lu_ret(chdir(p));
    g_free(p);
    return r;
}

int64_t lu_sys_fchdir(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(fchdir(lu_arg_int(a[0])));
}

/* ---- names: create, remove, rename, link --------------------------------- */

/* One-path calls: the host function applied to the literal path. */
typedef enum PathOp { OP_MKDIRAT, OP_UNLINKAT, OP_FCHMODAT, OP_FCHOWNAT } PathOp;

static int64_t path_op(PathOp op, int dirfd, uint64_t path, int64_t x, int64_t y, int flags)
{
    int64_t err = 0;
    char *p = path_plain(path, &err);
    if (!p)
        return err;
    int r = -1;
    switch (op) {
    case OP_MKDIRAT: r = mkdirat(dirfd, p, (mode_t)x); break;
    case OP_UNLINKAT: r = unlinkat(dirfd, p, flags); break;
    case OP_FCHMODAT: r = fchmodat(dirfd, p, (mode_t)x, flags); break;
    case OP_FCHOWNAT: r = fchownat(dirfd, p, (uid_t)x, (gid_t)y, flags); break;
    }
    int64_t ret = lu_ret(r);
    g_free(p);
    return ret;
}

int64_t lu_sys_mkdir(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_MKDIRAT, AT_FDCWD, a[0], (int64_t)a[1], 0, 0);
}

int64_t lu_sys_mkdirat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_MKDIRAT, lu_arg_int(a[0]), a[1], (int64_t)a[2], 0, 0);
}

int64_t lu_sys_rmdir(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_UNLINKAT, AT_FDCWD, a[0], 0, 0, AT_REMOVEDIR);
}

int64_t lu_sys_unlink(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_UNLINKAT, AT_FDCWD, a[0], 0, 0, 0);
}

int64_t lu_sys_unlinkat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_UNLINKAT, lu_arg_int(a[0]), a[1], 0, 0, lu_arg_int(a[2]));
}

int64_t lu_sys_chmod(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_FCHMODAT, AT_FDCWD, a[0], (int64_t)a[1], 0, 0);
}

int64_t lu_sys_fchmodat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_FCHMODAT, lu_arg_int(a[0]), a[1], (int64_t)a[2], 0, 0);
}

int64_t lu_sys_fchmod(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(fchmod(lu_arg_int(a[0]), (mode_t)a[1]));
}

int64_t lu_sys_chown(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_FCHOWNAT, AT_FDCWD, a[0], lu_arg_int(a[1]), lu_arg_int(a[2]), 0);
}

int64_t lu_sys_lchown(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_FCHOWNAT, AT_FDCWD, a[0], lu_arg_int(a[1]), lu_arg_int(a[2]),
                   AT_SYMLINK_NOFOLLOW);
}

int64_t lu_sys_fchownat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_op(OP_FCHOWNAT, lu_arg_int(a[0]), a[1], lu_arg_int(a[2]), lu_arg_int(a[3]),
                   lu_arg_int(a[4]));
}

int64_t lu_sys_fchown(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(fchown(lu_arg_int(a[0]), (uid_t)lu_arg_int(a[1]), (gid_t)lu_arg_int(a[2])));
}

/* Two-path calls. */
typedef enum PathPairOp { OP_RENAMEAT2, OP_LINKAT, OP_SYMLINKAT } PathPairOp;

static int64_t path_pair_op(PathPairOp op, int olddir, uint64_t oldp, int newdir, uint64_t newp,
                            int flags)
{
    int64_t err = 0;
    char *o = path_plain(oldp, &err);
    if (!o)
        return err;
    char *n = path_plain(newp, &err);
    if (!n) {
        g_free(o);
        return err;
    }
    long r = -1;
    switch (op) {
    case OP_RENAMEAT2:
        r = flags ? syscall(SYS_renameat2, olddir, o, newdir, n, flags)
                  : renameat(olddir, o, newdir, n);
        break;
    case OP_LINKAT: r = linkat(olddir, o, newdir, n, flags); break;
    case OP_SYMLINKAT: r = symlinkat(o, newdir, n); break;
    }
    int64_t ret = lu_ret(r);
    g_free(o);
    g_free(n);
    return ret;
}

int64_t lu_sys_rename(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_pair_op(OP_RENAMEAT2, AT_FDCWD, a[0], AT_FDCWD, a[1], 0);
}

int64_t lu_sys_renameat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_pair_op(OP_RENAMEAT2, lu_arg_int(a[0]), a[1], lu_arg_int(a[2]), a[3], 0);
}

int64_t lu_sys_renameat2(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_pair_op(OP_RENAMEAT2, lu_arg_int(a[0]), a[1], lu_arg_int(a[2]), a[3],
                        lu_arg_int(a[4]));
}

int64_t lu_sys_link(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_pair_op(OP_LINKAT, AT_FDCWD, a[0], AT_FDCWD, a[1], 0);
}

int64_t lu_sys_linkat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_pair_op(OP_LINKAT, lu_arg_int(a[0]), a[1], lu_arg_int(a[2]), a[3],
                        lu_arg_int(a[4]));
}

int64_t lu_sys_symlink(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_pair_op(OP_SYMLINKAT, AT_FDCWD, a[0], AT_FDCWD, a[1], 0);
}

int64_t lu_sys_symlinkat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return path_pair_op(OP_SYMLINKAT, AT_FDCWD, a[0], lu_arg_int(a[1]), a[2], 0);
}

/* ---- umask, times ------------------------------------------------------- */

int64_t lu_sys_umask(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return umask((mode_t)(a[0] & 0777));
}

static int64_t do_utimensat(const uint64_t a[6], const LuStruct *ts)
{
    struct timespec t[2], *tp = NULL;
    if (a[2]) {
        for (int i = 0; i < 2; i++) {
            uint64_t v[LU_MAX_FIELDS];
            if (lu_get_struct(ts, a[2] + (uint64_t)i * ts->size, v))
                return -EFAULT;
            t[i].tv_sec = (time_t)v[LU_TIME_SEC];
            t[i].tv_nsec = (long)v[LU_TIME_FRAC];
        }
        tp = t;
    }
    char *p = NULL;
    if (a[1]) {
        int64_t err = 0;
        p = path_plain(a[1], &err);
        if (!p)
            return err;
    }
    int64_t r = lu_ret(syscall(SYS_utimensat, lu_arg_int(a[0]), p, tp, lu_arg_int(a[3])));
    g_free(p);
    return r;
}

int64_t lu_sys_utimensat(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_utimensat(a, &lu_layouts()->timespec);
}

int64_t lu_sys_utimensat_time64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_utimensat(a, &lu_layouts()->timespec64);
}
