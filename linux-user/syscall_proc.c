/* linux-user/syscall_proc.c — system calls about the process: ids,
 * uname, resource limits and usage, getrandom, sysinfo, fork/vfork/clone
 * (a clone with CLONE_THREAD goes to thread.c), wait, kill, execve (a
 * foreign program runs under a new morph), scheduling and priorities.
 * exit, exit_group, set_tid_address, set_robust_list and futex are in
 * syscall_thread.c.
 */
#include "linux-user/syscall.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux-user/lu_runtime.h"
#include "linux-user/thread.h"
#include "util/log.h"

static void flush_all(void)
{
    fflush(NULL);
    if (log_file)
        fflush(log_file);
}

/* ---- ids ---------------------------------------------------------------- */

int64_t lu_sys_getpid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return getpid();
}

int64_t lu_sys_getppid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return getppid();
}

int64_t lu_sys_gettid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return gettid();
}

int64_t lu_sys_getuid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return getuid();
}

int64_t lu_sys_geteuid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return geteuid();
}

int64_t lu_sys_getgid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return getgid();
}

int64_t lu_sys_getegid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return getegid();
}

static int64_t put_three_ids(const uint64_t a[6], uint32_t r, uint32_t e, uint32_t s)
{
    if (lu_put_u32(a[0], r) || lu_put_u32(a[1], e) || lu_put_u32(a[2], s))
        return -EFAULT;
    return 0;
}

int64_t lu_sys_getresuid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) < 0)
        return lu_host_err();
    return put_three_ids(a, r, e, s);
}

int64_t lu_sys_getresgid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) < 0)
        return lu_host_err();
    return put_three_ids(a, r, e, s);
}

int64_t lu_sys_getgroups(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int size = lu_arg_int(a[0]);
    if (size < 0 || size > 65536)
        return -EINVAL;
    gid_t *list = g_new0(gid_t, size ? size : 1);
    int n = getgroups(size, list);
    int64_t ret = n < 0 ? lu_host_err() : n;
    for (int i = 0; n > 0 && size && i < n; i++) {
        if (lu_put_u32(a[1] + 4 * (uint64_t)i, list[i])) {
            ret = -EFAULT;
            break;
        }
    }
    g_free(list);
    return ret;
}

int64_t lu_sys_getpgrp(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return getpgrp();
}

int64_t lu_sys_getpgid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(getpgid(lu_arg_int(a[0])));
}

int64_t lu_sys_setpgid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(setpgid(lu_arg_int(a[0]), lu_arg_int(a[1])));
}

int64_t lu_sys_getsid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(getsid(lu_arg_int(a[0])));
}

int64_t lu_sys_setsid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return lu_ret(setsid());
}

/* ---- uname ---------------------------------------------------------------- */

int64_t lu_sys_uname(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct utsname u;
    if (uname(&u) < 0)
        return lu_host_err();
    /* struct new_utsname: six 65-byte strings on every Linux. */
    char out[6][65];
    memset(out, 0, sizeof out);
    const char *fields[6] = { u.sysname, u.nodename, u.release, u.version,
                              lu_proc.abi->uname_machine, u.domainname };
    for (int i = 0; i < 6; i++)
        g_strlcpy(out[i], fields[i] ? fields[i] : "", 65);
    return lu_copy_to_guest(a[0], out, sizeof out);
}

/* ---- resources -------------------------------------------------------- */

/* A host rlimit value in a guest field: RLIM_INFINITY becomes all ones,
 * and so does anything too wide for the field. */
static uint64_t rlim_to_guest(rlim_t v, unsigned size)
{
    uint64_t all = size >= 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
    return (v == RLIM_INFINITY || (uint64_t)v > all) ? all : (uint64_t)v;
}

static rlim_t rlim_to_host(uint64_t v, unsigned size)
{
    uint64_t all = size >= 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
    return v == all ? RLIM_INFINITY : (rlim_t)v;
}

static int64_t put_rlimit(const LuStruct *s, uint64_t addr, const struct rlimit *r)
{
    unsigned sz = s->f[LU_RLIM_CUR].size;
    uint64_t v[LU_MAX_FIELDS] = {
        [LU_RLIM_CUR] = rlim_to_guest(r->rlim_cur, sz),
        [LU_RLIM_MAX] = rlim_to_guest(r->rlim_max, sz),
    };
    return lu_put_struct(s, addr, v);
}

static int64_t get_rlimit(const LuStruct *s, uint64_t addr, struct rlimit *r)
{
    uint64_t v[LU_MAX_FIELDS];
    if (lu_get_struct(s, addr, v))
        return -EFAULT;
    unsigned sz = s->f[LU_RLIM_CUR].size;
    r->rlim_cur = rlim_to_host(v[LU_RLIM_CUR], sz);
    r->rlim_max = rlim_to_host(v[LU_RLIM_MAX], sz);
    return 0;
}

int64_t lu_sys_getrlimit(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct rlimit r;
    if (getrlimit((__rlimit_resource_t)lu_arg_int(a[0]), &r) < 0)
        return lu_host_err();
    return put_rlimit(&lu_layouts()->rlimit, a[1], &r);
}

int64_t lu_sys_setrlimit(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct rlimit r;
    if (get_rlimit(&lu_layouts()->rlimit, a[1], &r))
        return -EFAULT;
    return lu_ret(setrlimit((__rlimit_resource_t)lu_arg_int(a[0]), &r));
}

int64_t lu_sys_prlimit64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuStruct *s = &lu_layouts()->rlimit64;
    struct rlimit nr, old;
    if (a[2] && get_rlimit(s, a[2], &nr))
        return -EFAULT;
    if (prlimit(lu_arg_int(a[0]), (__rlimit_resource_t)lu_arg_int(a[1]), a[2] ? &nr : NULL,
                a[3] ? &old : NULL) < 0)
        return lu_host_err();
    return a[3] ? put_rlimit(s, a[3], &old) : 0;
}

static int64_t put_rusage(uint64_t addr, const struct rusage *ru)
{
    uint64_t v[LU_MAX_FIELDS] = {
        [LU_RU_UTIME_SEC] = (uint64_t)ru->ru_utime.tv_sec,
        [LU_RU_UTIME_USEC] = (uint64_t)ru->ru_utime.tv_usec,
        [LU_RU_STIME_SEC] = (uint64_t)ru->ru_stime.tv_sec,
        [LU_RU_STIME_USEC] = (uint64_t)ru->ru_stime.tv_usec,
        [LU_RU_MAXRSS] = (uint64_t)ru->ru_maxrss,
        [LU_RU_IXRSS] = (uint64_t)ru->ru_ixrss,
        [LU_RU_IDRSS] = (uint64_t)ru->ru_idrss,
        [LU_RU_ISRSS] = (uint64_t)ru->ru_isrss,
        [LU_RU_MINFLT] = (uint64_t)ru->ru_minflt,
        [LU_RU_MAJFLT] = (uint64_t)ru->ru_majflt,
        [LU_RU_NSWAP] = (uint64_t)ru->ru_nswap,
        [LU_RU_INBLOCK] = (uint64_t)ru->ru_inblock,
        [LU_RU_OUBLOCK] = (uint64_t)ru->ru_oublock,
        [LU_RU_MSGSND] = (uint64_t)ru->ru_msgsnd,
        [LU_RU_MSGRCV] = (uint64_t)ru->ru_msgrcv,
        [LU_RU_NSIGNALS] = (uint64_t)ru->ru_nsignals,
        [LU_RU_NVCSW] = (uint64_t)ru->ru_nvcsw,
        [LU_RU_NIVCSW] = (uint64_t)ru->ru_nivcsw,
    };
    return lu_put_struct(&lu_layouts()->rusage, addr, v);
}

int64_t lu_sys_getrusage(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    struct rusage ru;
    if (getrusage(lu_arg_int(a[0]), &ru) < 0)
        return lu_host_err();
    return put_rusage(a[1], &ru);
}

int64_t lu_sys_getrandom(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (a[1] && !lu_access_ok(a[0], a[1], PROT_WRITE))
        return -EFAULT;
    return lu_ret(getrandom(lu_g2h(a[0]), (size_t)a[1], (unsigned)a[2]));
}

int64_t lu_sys_sysinfo(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    const LuStruct *s = &lu_layouts()->sysinfo;
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return lu_host_err();
    /* Scale the memory figures (as the kernel does for 32-bit callers)
     * until they fit the guest's fields. */
    uint64_t unit = si.mem_unit ? si.mem_unit : 1;
    uint64_t mem[] = { si.totalram, si.freeram, si.sharedram, si.bufferram,
                       si.totalswap, si.freeswap, si.totalhigh, si.freehigh };
    unsigned bits = 8 * s->f[LU_SI_TOTALRAM].size;
    for (;;) {
        bool fits = true;
        for (size_t i = 0; i < G_N_ELEMENTS(mem); i++)
            fits &= bits >= 64 || (mem[i] >> bits) == 0;
        if (fits || unit >= (1u << 30))
            break;
        for (size_t i = 0; i < G_N_ELEMENTS(mem); i++)
            mem[i] >>= 1;
        unit <<= 1;
    }
    uint64_t v[LU_MAX_FIELDS] = {
        [LU_SI_UPTIME] = (uint64_t)si.uptime,
        [LU_SI_LOAD0] = si.loads[0], [LU_SI_LOAD1] = si.loads[1], [LU_SI_LOAD2] = si.loads[2],
        [LU_SI_TOTALRAM] = mem[0], [LU_SI_FREERAM] = mem[1],
        [LU_SI_SHAREDRAM] = mem[2], [LU_SI_BUFFERRAM] = mem[3],
        [LU_SI_TOTALSWAP] = mem[4], [LU_SI_FREESWAP] = mem[5],
        [LU_SI_PROCS] = si.procs,
        [LU_SI_TOTALHIGH] = mem[6], [LU_SI_FREEHIGH] = mem[7],
        [LU_SI_MEM_UNIT] = unit,
    };
    return lu_put_struct(s, a[0], v);
}

/* ---- fork, wait, kill --------------------------------------------------- */

enum {
    G_SIG_IGN_ = 1, G_SIGKILL = 9,
    G_CSIGNAL = 0xff,
    G_CLONE_VM = 0x100, G_CLONE_FS = 0x200, G_CLONE_FILES = 0x400,
    G_CLONE_SIGHAND = 0x800, G_CLONE_VFORK = 0x4000, G_CLONE_THREAD = 0x10000,
    G_CLONE_SETTLS = 0x80000, G_CLONE_PARENT_SETTID = 0x100000,
    G_CLONE_CHILD_CLEARTID = 0x200000, G_CLONE_CHILD_SETTID = 0x1000000,
};

/* A new process as a copy of this one (the guest's memory included),
 * with only the calling thread: the thread list and the engine's locks
 * are held across the fork so the child does not inherit them taken. */
static pid_t fork_with_signal(int exit_signal)
{
    flush_all();
    lu_space_lock();
    lu_thread_before_fork();
    engine_before_fork(lu_proc.engine);
    lu_code_lock();
    pid_t pid = exit_signal == SIGCHLD ? fork()
              : (pid_t)syscall(SYS_clone, (unsigned long)(exit_signal & G_CSIGNAL), NULL, NULL, NULL, 0UL);
    lu_code_unlock();
    if (pid == 0) {
        engine_after_fork(lu_proc.engine); /* translated code is per process */
        lu_thread_after_fork_child();
    } else {
        engine_after_fork_parent(lu_proc.engine);
        lu_thread_after_fork_parent();
    }
    lu_space_unlock();
    return pid;
}

int64_t lu_sys_fork(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return lu_ret(fork_with_signal(SIGCHLD));
}

int64_t lu_sys_clone(CpuCommon *cpu, const uint64_t a[6])
{
    const LuLayouts *L = lu_layouts();
    uint64_t flags = (uint32_t)a[0];
    uint64_t ptid = a[2], ctid = a[L->clone_ctid_arg];
    if (flags & G_CLONE_THREAD) /* a new thread: a[1] its stack */
        return lu_thread_clone(cpu, flags, a[1], ptid, ctid, a[L->clone_tls_arg]);
    /* A vfork-style clone (CLONE_VM|CLONE_VFORK, as posix_spawn uses) runs
     * as a plain fork: the child's writes stay its own. */
    bool vfork_like = (flags & (G_CLONE_VM | G_CLONE_VFORK)) == (G_CLONE_VM | G_CLONE_VFORK);
    uint64_t unsupported = G_CLONE_SIGHAND | G_CLONE_SETTLS | (vfork_like ? 0 : G_CLONE_VM);
    if (flags & unsupported) {
        if (log_enabled(LOG_UNIMP))
            log_printf("morph: unimplemented clone flags %#" PRIx64 " (shared memory without CLONE_THREAD)\n", flags);
        return -ENOSYS;
    }
    pid_t pid = fork_with_signal((int)(flags & G_CSIGNAL));
    if (pid < 0)
        return lu_host_err();
    if (pid == 0) {
        if (flags & G_CLONE_CHILD_SETTID)
            lu_put_u32(ctid, (uint32_t)gettid());
        if ((flags & G_CLONE_CHILD_CLEARTID) && lu_thread_self())
            lu_thread_self()->clear_child_tid = ctid;
        if (flags & G_CLONE_PARENT_SETTID)
            lu_put_u32(ptid, (uint32_t)gettid());
        return 0;
    }
    if (flags & G_CLONE_PARENT_SETTID)
        lu_put_u32(ptid, (uint32_t)pid);
    /* A vfork parent would sleep until the child execs or exits; here it
     * simply continues, which the guest cannot tell apart but for timing. */
    return pid;
}

static int64_t do_wait4(pid_t pid, uint64_t status_addr, int options, uint64_t ru_addr)
{
    int status = 0;
    struct rusage ru;
    pid_t r = (pid_t)lu_safe_syscall(SYS_wait4, pid, &status, options, ru_addr ? &ru : NULL);
    if (r < 0)
        return lu_host_err();
    if (r > 0 && status_addr && lu_put_u32(status_addr, (uint32_t)status))
        return -EFAULT;
    if (r > 0 && ru_addr && put_rusage(ru_addr, &ru))
        return -EFAULT;
    return r;
}

int64_t lu_sys_wait4(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_wait4(lu_arg_int(a[0]), a[1], lu_arg_int(a[2]), a[3]);
}

int64_t lu_sys_waitpid(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_wait4(lu_arg_int(a[0]), a[1], lu_arg_int(a[2]), 0);
}

/* A signal the guest sends to itself: by the guest's own disposition,
 * since morph's host dispositions are not the guest's. Default-fatal
 * signals end morph as the guest would end; ignored ones vanish; others
 * (a guest handler, stop signals) go to the host, where signal delivery
 * takes them. Returns 1 if it was handled here (result in *ret). */
static bool signal_self(int sig, int64_t *ret)
{
    enum { G_SIGCHLD = 17, G_SIGCONT = 18, G_SIGSTOP_ = 19, G_SIGTSTP = 20, G_SIGTTIN = 21,
           G_SIGTTOU = 22, G_SIGURG = 23, G_SIGWINCH = 28 };
    if (sig < 1 || sig > LU_NSIG)
        return false;
    bool ignored_by_default = sig == G_SIGCHLD || sig == G_SIGCONT || sig == G_SIGURG ||
                              sig == G_SIGWINCH;
    bool stops = sig == G_SIGSTOP_ || sig == G_SIGTSTP || sig == G_SIGTTIN || sig == G_SIGTTOU;
    uint64_t handler = lu_sig_actions[sig].handler;
    bool blocked = (lu_sig_blocked >> (sig - 1)) & 1;
    /* A blocked signal stays pending even when ignored (sigtimedwait). */
    if (sig != G_SIGKILL && !blocked && (handler == G_SIG_IGN_ || (handler == 0 && ignored_by_default))) {
        *ret = 0;
        return true;
    }
    if (handler != 0 && sig != G_SIGKILL)
        return false;
    if (stops || (blocked && sig != G_SIGKILL))
        return false;
    fflush(stdout);
    fprintf(stderr, "morph: uncaught guest signal %d (%s), sent by the guest to itself\n", sig,
            lu_signal_name(sig));
    lu_die_by_signal(sig);
}

int64_t lu_sys_kill(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int64_t ret;
    pid_t pid = lu_arg_int(a[0]);
    if (pid == getpid() && signal_self(lu_arg_int(a[1]), &ret))
        return ret;
    flush_all();
    return lu_ret(kill(pid, lu_arg_int(a[1])));
}

int64_t lu_sys_tkill(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int64_t ret;
    if (lu_arg_int(a[0]) == gettid() && signal_self(lu_arg_int(a[1]), &ret))
        return ret;
    flush_all();
    return lu_ret(syscall(SYS_tkill, lu_arg_int(a[0]), lu_arg_int(a[1])));
}

int64_t lu_sys_tgkill(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int64_t ret;
    if (lu_arg_int(a[0]) == getpid() && lu_arg_int(a[1]) == gettid() &&
        signal_self(lu_arg_int(a[2]), &ret))
        return ret;
    flush_all();
    return lu_ret(syscall(SYS_tgkill, lu_arg_int(a[0]), lu_arg_int(a[1]), lu_arg_int(a[2])));
}

/* ---- execve ------------------------------------------------------------- */

/* A NULL-terminated guest array of string pointers, g_strfreev'able;
 * NULL if unreadable. A NULL array is an empty one. */
static char **strv_from_guest(uint64_t addr)
{
    GPtrArray *out = g_ptr_array_new();
    unsigned step = lu_layouts()->long_size;
    for (unsigned i = 0; addr; i++) {
        uint64_t p;
        if (i > 0x10000 || lu_get_long(addr + (uint64_t)i * step, &p)) {
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        if (!p)
            break;
        char *s = lu_strdup_from_guest(p);
        if (!s) {
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        g_ptr_array_add(out, s);
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}

/* True if the file is an ELF program of a guest morph runs. */
static bool is_foreign_elf(const char *path)
{
    unsigned char h[EI_NIDENT + 4];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, h, sizeof h);
    close(fd);
    if (n < (ssize_t)sizeof h || memcmp(h, ELFMAG, SELFMAG) != 0)
        return false;
    bool be = h[EI_DATA] == ELFDATA2MSB;
    unsigned machine = be ? (unsigned)h[18] << 8 | h[19] : (unsigned)h[19] << 8 | h[18];
    /* The host's own programs run natively, except for an x86-64 guest,
     * whose children stay guests (under morph, as it runs). */
    if (machine == EM_X86_64 && h[EI_CLASS] == ELFCLASS64 && !be)
        return lu_proc.arch->elf_machine == EM_X86_64;
    return guest_find(machine, h[EI_CLASS], be) != NULL;
}

int64_t lu_sys_execve(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int64_t err = 0;
    char *path = lu_path_from_guest(a[0], &err);
    if (!path)
        return err;
    char **argv = strv_from_guest(a[1]);
    char **envp = strv_from_guest(a[2]);
    if (!argv || !envp) {
        g_free(path);
        g_strfreev(argv);
        g_strfreev(envp);
        return -EFAULT;
    }
    flush_all();
    if (access(path, F_OK) == 0 && is_foreign_elf(path)) {
        const LuOptions *o = &lu_proc.opt;
        const char *morph = o->morph_path ? o->morph_path : "/proc/self/exe";
        GPtrArray *nv = g_ptr_array_new();
        g_ptr_array_add(nv, (char *)morph);
        bool sysroot_given = false;
        for (int i = 0; i < o->n_morph_argv_opts; i++) {
            if (strcmp(o->morph_argv_opts[i], "-0") == 0) {
                i++; /* the new program gets its own argv[0] */
                continue;
            }
            sysroot_given |= strcmp(o->morph_argv_opts[i], "-L") == 0 ||
                             strcmp(o->morph_argv_opts[i], "--L") == 0;
            g_ptr_array_add(nv, o->morph_argv_opts[i]);
        }
        /* A sysroot from MORPH_LD_PREFIX survives a guest that empties its
         * environment. */
        if (o->sysroot && *o->sysroot && !sysroot_given) {
            g_ptr_array_add(nv, (char *)"-L");
            g_ptr_array_add(nv, (char *)o->sysroot);
        }
        if (argv[0]) {
            g_ptr_array_add(nv, (char *)"-0");
            g_ptr_array_add(nv, argv[0]);
        }
        g_ptr_array_add(nv, (char *)"--");
        g_ptr_array_add(nv, path);
        for (int i = 1; argv[0] && argv[i]; i++)
            g_ptr_array_add(nv, argv[i]);
        g_ptr_array_add(nv, NULL);
        execve(morph, (char **)nv->pdata, envp);
        err = lu_host_err();
        g_ptr_array_free(nv, TRUE);
    } else {
        execve(path, argv, envp);
        err = lu_host_err();
    }
    g_free(path);
    g_strfreev(argv);
    g_strfreev(envp);
    return err;
}

/* ---- scheduling and priorities ------------------------------------------- */

int64_t lu_sys_sched_yield(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu, (void)a;
    return lu_ret(sched_yield());
}

int64_t lu_sys_sched_getaffinity(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    unsigned word = lu_layouts()->long_size;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(lu_arg_int(a[0]), sizeof set, &set) < 0)
        return lu_host_err();
    long ncpu = sysconf(_SC_NPROCESSORS_CONF);
    if (ncpu < 1)
        ncpu = 1;
    if (ncpu > CPU_SETSIZE)
        ncpu = CPU_SETSIZE;
    uint64_t bits_per_word = 8 * word;
    uint64_t size = ((uint64_t)ncpu + bits_per_word - 1) / bits_per_word * word;
    if (a[1] < size || (a[1] & (word - 1)))
        return -EINVAL;
    for (uint64_t w = 0; w < size / word; w++) {
        uint64_t bits = 0;
        for (uint64_t b = 0; b < bits_per_word; b++) {
            uint64_t cpu_nr = w * bits_per_word + b;
            if (cpu_nr < CPU_SETSIZE && CPU_ISSET(cpu_nr, &set))
                bits |= 1ull << b;
        }
        if (lu_put_long(a[2] + w * word, bits))
            return -EFAULT;
    }
    return (int64_t)size;
}

int64_t lu_sys_getpriority(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(syscall(SYS_getpriority, lu_arg_int(a[0]), lu_arg_int(a[1])));
}

int64_t lu_sys_setpriority(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(syscall(SYS_setpriority, lu_arg_int(a[0]), lu_arg_int(a[1]),
                          lu_arg_int(a[2])));
}
