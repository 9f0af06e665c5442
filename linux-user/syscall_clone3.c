/* linux-user/syscall_clone3.c — clone3(2): the struct clone_args form of
 * clone, which glibc (2.34 on) tries first for pthread_create and
 * posix_spawn. The arguments are read from guest memory, checked as the
 * kernel checks them (kernel/fork.c: copy_clone_args_from_user,
 * clone3_args_valid), and handed to clone (syscall_proc.c: a thread goes
 * on to thread.c, anything else is a fork) in the register order of the
 * guest's clone.
 *
 *   struct clone_args: u64s in the guest's byte order, whatever its width
 *     0 flags      8 pidfd       16 child_tid  24 parent_tid
 *    32 exit_signal 40 stack     48 stack_size 56 tls
 *    64 set_tid    72 set_tid_size 80 cgroup        (88 bytes in all)
 *
 * The child's stack pointer is stack + stack_size (every guest morph has
 * grows its stack down). What clone cannot do (set_tid, cgroups, pidfds,
 * CLONE_CLEAR_SIGHAND) is -ENOSYS, logged under -d unimp.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <inttypes.h>

#include "util/log.h"

enum CloneArg {
    CA_FLAGS, CA_PIDFD, CA_CHILD_TID, CA_PARENT_TID, CA_EXIT_SIGNAL, CA_STACK,
    CA_STACK_SIZE, CA_TLS, CA_SET_TID, CA_SET_TID_SIZE, CA_CGROUP, CA_COUNT
};

enum {
    CLONE_ARGS_SIZE_VER0 = 64,    /* the first published struct: flags..tls */
    CLONE_ARGS_PAGE = 4096,       /* larger is E2BIG, as in the kernel */
    G_CSIGNAL = 0xff,
    G_CLONE_PIDFD = 0x1000,
    G_CLONE_CLEAR_SIGHAND = 0x100000000ull,
    G_CLONE_INTO_CGROUP = 0x200000000ull,
};

static int64_t unsupported(const char *what, uint64_t value)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("morph: unimplemented clone3 %s %#" PRIx64 "\n", what, value);
    return -ENOSYS;
}

/* The guest's clone_args of `size` bytes into v[CA_COUNT] (missing
 * trailing fields zero); 0 or -errno. */
static int64_t read_clone_args(uint64_t addr, uint64_t size, uint64_t v[CA_COUNT])
{
    if (size < CLONE_ARGS_SIZE_VER0)
        return -EINVAL;
    if (size > CLONE_ARGS_PAGE)
        return -E2BIG;
    uint8_t buf[CLONE_ARGS_PAGE] = { 0 };
    if (lu_copy_from_guest(buf, addr, (size_t)size))
        return -EFAULT;
    for (uint64_t i = CA_COUNT * 8; i < size; i++) {
        if (buf[i]) /* a newer struct asking for something unknown */
            return -E2BIG;
    }
    for (int i = 0; i < CA_COUNT; i++)
        v[i] = lu_load_guest(lu_layouts(), buf + 8 * i, 8);
    return 0;
}

int64_t lu_sys_clone3(CpuCommon *cpu, const uint64_t a[6])
{
    uint64_t v[CA_COUNT];
    int64_t e = read_clone_args(a[0], a[1], v);
    if (e)
        return e;
    uint64_t flags = v[CA_FLAGS];
    /* clone3_args_valid */
    if (flags & G_CSIGNAL)
        return -EINVAL;
    if (v[CA_EXIT_SIGNAL] & ~(uint64_t)G_CSIGNAL)
        return -EINVAL;
    if (v[CA_STACK] ? v[CA_STACK_SIZE] == 0 : v[CA_STACK_SIZE] != 0)
        return -EINVAL;
    if (flags & (G_CLONE_CLEAR_SIGHAND | G_CLONE_INTO_CGROUP | G_CLONE_PIDFD))
        return unsupported("flags", flags);
    if (flags >> 32)
        return -EINVAL;
    if (v[CA_SET_TID] || v[CA_SET_TID_SIZE])
        return unsupported("set_tid", v[CA_SET_TID]);
    const LuLayouts *L = lu_layouts();
    uint64_t args[6] = { 0 };
    args[0] = flags | v[CA_EXIT_SIGNAL];
    args[1] = v[CA_STACK] ? v[CA_STACK] + v[CA_STACK_SIZE] : 0;
    args[2] = v[CA_PARENT_TID];
    args[L->clone_ctid_arg] = v[CA_CHILD_TID];
    args[L->clone_tls_arg] = v[CA_TLS];
    return lu_sys_clone(cpu, args);
}
