/* linux-user/memory.c — checked access to guest memory for the syscall
 * layer and the loader: every page is looked up in the page table first,
 * so a bad guest pointer becomes -EFAULT, never a host fault in morph.
 * A range checked for writing is also cleared of translated code (its
 * pages are write-protected on the host, where the kernel would fail
 * with EFAULT). Also the frontend's code fetch, which must not touch
 * unmapped pages.
 */
#include "linux-user/lu_runtime.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

bool lu_access_ok(uint64_t addr, uint64_t len, int prot)
{
    if (len == 0)
        return true;
    addr = lu_addr_in(addr);
    if (!lu_proc.page_prot || addr >= lu_proc.space_size || len > lu_proc.space_size - addr)
        return false;
    int want = (prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) | LU_PAGE_MAPPED;
    uint64_t last = (addr + len - 1) >> LU_PAGE_BITS;
    for (uint64_t p = addr >> LU_PAGE_BITS; p <= last; p++) {
        if ((lu_proc.page_prot[p] & want) != want)
            return false;
    }
    if (prot & PROT_WRITE)
        lu_code_unprotect(addr, len);
    return true;
}

int lu_copy_from_guest(void *dst, uint64_t src, size_t len)
{
    if (!lu_access_ok(src, len, PROT_READ))
        return -EFAULT;
    memcpy(dst, lu_g2h(src), len);
    return 0;
}

int lu_copy_to_guest(uint64_t dst, const void *src, size_t len)
{
    if (!lu_access_ok(dst, len, PROT_WRITE))
        return -EFAULT;
    memcpy(lu_g2h(dst), src, len);
    return 0;
}

char *lu_strdup_from_guest(uint64_t addr)
{
    uint64_t a = addr;
    for (;;) {
        if (!lu_access_ok(a, 1, PROT_READ))
            return NULL;
        uint64_t page_end = LU_PAGE_DOWN(a) + LU_PAGE_SIZE;
        const char *nul = memchr(lu_g2h(a), 0, page_end - a);
        if (nul)
            return g_strndup((const char *)lu_g2h(addr), (size_t)(nul - (const char *)lu_g2h(addr)));
        a = page_end;
    }
}

bool lu_fetch_code(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    (void)cpu;
    if (len == 0)
        return true;
    if (!lu_proc.page_prot || addr >= lu_proc.space_size || len > lu_proc.space_size - addr)
        return false;
    /* 32-bit PowerPC Linux lets readable pages execute (no per-page NX on
     * classic 32-bit MMUs), so read or exec permission is enough. */
    uint64_t last = (addr + len - 1) >> LU_PAGE_BITS;
    for (uint64_t p = addr >> LU_PAGE_BITS; p <= last; p++) {
        uint8_t v = lu_proc.page_prot[p];
        if (!(v & LU_PAGE_MAPPED) || !(v & (PROT_READ | PROT_EXEC)))
            return false;
    }
    memcpy(buf, lu_g2h(addr), len);
    return true;
}
