/* linux-user/syscall_mem.c — memory system calls: brk, mmap (byte offset)
 * and mmap2 (offset in 4096-byte units), munmap, mprotect, mremap, madvise
 * and msync, as thin wrappers over the address-space code of mmap.c
 * (lu_mmap and friends take host-numbered MAP_* flags).
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <sys/mman.h>

#include "linux-user/lu_runtime.h"

int64_t lu_sys_brk(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return (int64_t)lu_brk(a[0]);
}

static int64_t do_mmap(const uint64_t a[6], int64_t offset)
{
    int flags = (int)lu_bits_to_host(lu_layouts()->mmap_flags, (uint32_t)a[3]);
    return lu_mmap(a[0], a[1], (int)a[2], flags, lu_arg_int(a[4]), offset);
}

int64_t lu_sys_mmap(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int64_t off = lu_layouts()->long_size == 4 ? (int64_t)(uint32_t)a[5] : (int64_t)a[5];
    if (off & 4095)
        return -EINVAL;
    return do_mmap(a, off);
}

int64_t lu_sys_mmap2(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_mmap(a, (int64_t)((uint64_t)(uint32_t)a[5] << 12));
}

int64_t lu_sys_munmap(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_munmap(a[0], a[1]);
}

int64_t lu_sys_mprotect(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_mprotect(a[0], a[1], (int)a[2]);
}

int64_t lu_sys_mremap(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

/* Advice is only advice, except MADV_DONTNEED (4 on every Linux guest),
 * after which private anonymous pages read back as zero (file pages as the
 * file): the host does that to the same pages, once the blocks translated
 * from code there are dropped, since that code is gone too. */
int64_t lu_sys_madvise(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (a[0] & 4095)
        return -EINVAL;
    if (lu_arg_int(a[2]) == 4 && a[1]) {
        uint64_t len = LU_PAGE_UP(a[1]);
        if (!lu_access_ok(a[0], len, 0))
            return -ENOMEM;
        lu_code_unprotect(a[0], len);
        return lu_ret(madvise(lu_g2h(a[0]), (size_t)len, MADV_DONTNEED));
    }
    return 0;
}

int64_t lu_sys_msync(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    if (a[0] & 4095)
        return -EINVAL;
    if (!lu_access_ok(a[0], a[1], 0))
        return -ENOMEM;
    return lu_ret(msync(lu_g2h(a[0]), (size_t)a[1], (int)a[2]));
}
