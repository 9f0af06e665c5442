/* linux-user/x86/old_mmap.c — i386's system call 90, the old mmap: one
 * pointer to a `struct mmap_arg_struct` of six 32-bit words (addr, len,
 * prot, flags, fd, offset in bytes), then the ordinary mmap
 * (arch/x86/kernel/sys_ia32.c, sys_old_mmap).
 */
#include <errno.h>

#include "linux-user/syscall.h"

int64_t lu_sys_old_mmap(CpuCommon *cpu, const uint64_t a[6])
{
    uint64_t args[6];
    for (int i = 0; i < 6; i++) {
        uint32_t word;
        if (lu_get_u32(a[0] + 4 * (uint64_t)i, &word))
            return -EFAULT;
        args[i] = word;
    }
    return lu_sys_mmap(cpu, args);
}
