/* linux-user/mmap.c — the guest address space: one host reservation that
 * holds every guest page, the per-page protection table, and the guest's
 * mmap/munmap/mprotect/mremap/brk on top of it.
 *
 *   host:  guest_base ─► [ guest 0 .................. space_size ][ guard ]
 *          PROT_NONE, MAP_NORESERVE; guest pages are MAP_FIXED host pages
 *          inside it, and an unmapped guest page goes back to PROT_NONE —
 *          the range is never returned to the host.
 *
 * Flags and errors are host values (the syscall layer translates the
 * guest's); results are guest addresses or -errno. Every change of a
 * range first drops the translated code there (lu_code_unprotect), so a
 * new mapping at old addresses never runs stale blocks.
 */
#include "linux-user/lu_runtime.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "util/log.h"

LuProcess lu_proc;

/* One lock for the page table: guest threads mmap concurrently. */
static pthread_mutex_t space_lock = PTHREAD_MUTEX_INITIALIZER;

void lu_space_lock(void)
{
    pthread_mutex_lock(&space_lock);
}

void lu_space_unlock(void)
{
    pthread_mutex_unlock(&space_lock);
}

static const int reserve_flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

bool lu_space_init(uint64_t size)
{
    if (sysconf(_SC_PAGESIZE) != LU_PAGE_SIZE) {
        errno = ENOTSUP;
        return false;
    }
    void *p = mmap(NULL, size + LU_SPACE_GUARD, PROT_NONE, reserve_flags, -1, 0);
    if (p == MAP_FAILED)
        return false;
    lu_proc.guest_base = p;
    lu_proc.space_size = size;
    lu_proc.page_prot = g_malloc0(size >> LU_PAGE_BITS);
    lu_proc.mmap_base = LU_MMAP_BASE32 < size ? LU_MMAP_BASE32 : size / 4;
    lu_proc.brk_start = lu_proc.brk_cur = 0;
    return true;
}

void lu_space_free(void)
{
    if (lu_proc.guest_base)
        munmap(lu_proc.guest_base, lu_proc.space_size + LU_SPACE_GUARD);
    g_free(lu_proc.page_prot);
    lu_code_pages_free();
    lu_proc.guest_base = NULL;
    lu_proc.page_prot = NULL;
    lu_proc.space_size = 0;
}

/* [addr, addr+len) lies inside the space (len may be 0). */
static bool in_space(uint64_t addr, uint64_t len)
{
    return addr <= lu_proc.space_size && len <= lu_proc.space_size - addr;
}

int lu_page_prot(uint64_t addr)
{
    if (!lu_proc.page_prot || addr >= lu_proc.space_size)
        return 0;
    return lu_proc.page_prot[addr >> LU_PAGE_BITS];
}

void lu_set_page_prot(uint64_t start, uint64_t len, int prot)
{
    if (len == 0)
        return;
    uint64_t first = LU_PAGE_DOWN(start), end = LU_PAGE_UP(start + len);
    if (!lu_proc.page_prot || end < first || !in_space(first, end - first))
        return;
    uint8_t v = prot < 0 ? 0 : (uint8_t)((prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) | LU_PAGE_MAPPED);
    memset(lu_proc.page_prot + (first >> LU_PAGE_BITS), v, (end - first) >> LU_PAGE_BITS);
}

bool lu_range_free(uint64_t addr, uint64_t len)
{
    if (!in_space(addr, len))
        return false;
    for (uint64_t a = LU_PAGE_DOWN(addr); a < addr + len; a += LU_PAGE_SIZE) {
        if (lu_proc.page_prot[a >> LU_PAGE_BITS])
            return false;
    }
    return true;
}

uint64_t lu_find_free(uint64_t len, uint64_t from, uint64_t limit)
{
    len = LU_PAGE_UP(len);
    from = LU_PAGE_UP(from);
    if (limit > lu_proc.space_size)
        limit = lu_proc.space_size;
    if (len == 0 || from >= limit || len > limit - from)
        return 0;
    uint64_t run_start = from, run = 0;
    for (uint64_t a = from; a < limit; a += LU_PAGE_SIZE) {
        if (lu_proc.page_prot[a >> LU_PAGE_BITS]) {
            run = 0;
            run_start = a + LU_PAGE_SIZE;
            continue;
        }
        run += LU_PAGE_SIZE;
        if (run >= len)
            return run_start;
    }
    return 0;
}

/* The host never executes guest pages, but must read executable ones
 * (the frontend fetches from them). */
int lu_host_prot(int prot)
{
    int h = 0;
    if (prot & (PROT_READ | PROT_EXEC))
        h |= PROT_READ;
    if (prot & PROT_WRITE)
        h |= PROT_READ | PROT_WRITE;
    return h;
}

/* Give [addr, addr+len) back to the reservation (page aligned, in space). */
static int release_range(uint64_t addr, uint64_t len)
{
    lu_code_unprotect(addr, len);
    if (mmap(lu_g2h(addr), len, PROT_NONE, reserve_flags | MAP_FIXED, -1, 0) == MAP_FAILED)
        return -errno;
    lu_set_page_prot(addr, len, -1);
    return 0;
}

/* Where an mmap without MAP_FIXED goes: the hint if free, else the first
 * free range from mmap_base up to the stack, else from the bottom. */
static uint64_t choose_addr(uint64_t hint, uint64_t len)
{
    if (hint && !(hint & LU_PAGE_MASK) && hint >= LU_MMAP_MIN && lu_range_free(hint, len))
        return hint;
    uint64_t top = lu_proc.space_size;
    if (top == ((uint64_t)1 << 32))
        top = LU_STACK_TOP32 - LU_STACK_SIZE - LU_PAGE_SIZE;
    uint64_t a = lu_find_free(len, lu_proc.mmap_base, top);
    if (!a)
        a = lu_find_free(len, LU_MMAP_MIN, lu_proc.mmap_base);
    return a;
}

int64_t lu_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, int64_t offset)
{
    if (len == 0 || (offset & (int64_t)LU_PAGE_MASK) || offset < 0)
        return -EINVAL;
    if (!(flags & (MAP_SHARED | MAP_PRIVATE)))
        return -EINVAL;
    uint64_t size = LU_PAGE_UP(len);
    if (size < len || size > lu_proc.space_size)
        return -ENOMEM;
    bool fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
    addr = lu_addr_in(addr);

    pthread_mutex_lock(&space_lock);
    int64_t ret;
    uint64_t where;
    if (fixed) {
        if (addr & LU_PAGE_MASK) {
            ret = -EINVAL;
            goto out;
        }
        if (!in_space(addr, size)) {
            ret = -ENOMEM;
            goto out;
        }
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !lu_range_free(addr, size)) {
            ret = -EEXIST;
            goto out;
        }
        where = addr;
    } else {
        where = choose_addr(addr, size);
        if (!where) {
            ret = -ENOMEM;
            goto out;
        }
    }

    lu_code_unprotect(where, size);
    int hflags = MAP_FIXED | (flags & (MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                                       MAP_POPULATE | MAP_LOCKED));
    void *p = (flags & MAP_ANONYMOUS)
                  ? mmap(lu_g2h(where), size, lu_host_prot(prot), hflags, -1, 0)
                  : mmap(lu_g2h(where), size, lu_host_prot(prot), hflags, fd, offset);
    if (p == MAP_FAILED) {
        ret = -errno;
        /* A failed MAP_FIXED may have left the range in any state. */
        if (fixed)
            release_range(where, size);
        goto out;
    }
    lu_set_page_prot(where, size, prot);
    ret = (int64_t)lu_addr_out(where);
out:
    pthread_mutex_unlock(&space_lock);
    return ret;
}

int lu_munmap(uint64_t addr, uint64_t len)
{
    addr = lu_addr_in(addr);
    if ((addr & LU_PAGE_MASK) || len == 0)
        return -EINVAL;
    uint64_t size = LU_PAGE_UP(len);
    if (size < len || !in_space(addr, size))
        return -EINVAL;
    pthread_mutex_lock(&space_lock);
    int r = release_range(addr, size);
    pthread_mutex_unlock(&space_lock);
    return r;
}

int lu_mprotect(uint64_t addr, uint64_t len, int prot)
{
    addr = lu_addr_in(addr);
    if (addr & LU_PAGE_MASK)
        return -EINVAL;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    uint64_t size = LU_PAGE_UP(len);
    if (size < len)
        return -ENOMEM;
    if (size == 0)
        return 0;
    if (!in_space(addr, size))
        return -ENOMEM;
    pthread_mutex_lock(&space_lock);
    int r = 0;
    for (uint64_t a = addr; a < addr + size; a += LU_PAGE_SIZE) {
        if (!lu_proc.page_prot[a >> LU_PAGE_BITS]) {
            r = -ENOMEM;
            goto out;
        }
    }
    lu_code_unprotect(addr, size);
    if (mprotect(lu_g2h(addr), size, lu_host_prot(prot)) != 0) {
        r = -errno;
        goto out;
    }
    lu_set_page_prot(addr, size, prot);
out:
    pthread_mutex_unlock(&space_lock);
    return r;
}

/* Move or grow the host pages of [old, old+old_size) to [to, to+new_size);
 * the old range goes back to the reservation. */
static int64_t move_pages(uint64_t old, uint64_t old_size, uint64_t new_size, uint64_t to)
{
    lu_code_unprotect(to, new_size);
    uint8_t *prot = g_memdup2(lu_proc.page_prot + (old >> LU_PAGE_BITS), old_size >> LU_PAGE_BITS);
    void *p = mremap(lu_g2h(old), old_size, new_size, MREMAP_MAYMOVE | MREMAP_FIXED, lu_g2h(to));
    if (p == MAP_FAILED) {
        int e = errno;
        g_free(prot);
        return -e;
    }
    /* mremap left a hole in the reservation where the pages were. */
    if (mmap(lu_g2h(old), old_size, PROT_NONE, reserve_flags | MAP_FIXED, -1, 0) == MAP_FAILED) {
        g_free(prot);
        return -ENOMEM;
    }
    lu_set_page_prot(old, old_size, -1);
    memcpy(lu_proc.page_prot + (to >> LU_PAGE_BITS), prot, old_size >> LU_PAGE_BITS);
    if (new_size > old_size) /* the grown tail takes the last page's protection */
        memset(lu_proc.page_prot + ((to + old_size) >> LU_PAGE_BITS), prot[(old_size >> LU_PAGE_BITS) - 1],
               (new_size - old_size) >> LU_PAGE_BITS);
    g_free(prot);
    return (int64_t)to;
}

static int64_t mremap_window(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr);

int64_t lu_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr)
{
    int64_t r = mremap_window(lu_addr_in(old_addr), old_len, new_len, flags, lu_addr_in(new_addr));
    return r < 0 ? r : (int64_t)lu_addr_out((uint64_t)r);
}

static int64_t mremap_window(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr)
{
    if ((old_addr & LU_PAGE_MASK) || new_len == 0 || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    uint64_t old_size = LU_PAGE_UP(old_len), new_size = LU_PAGE_UP(new_len);
    if (old_size < old_len || new_size < new_len || old_size == 0)
        return -EINVAL; /* old_len 0 (duplicate a shared mapping) is not supported */
    if (!in_space(old_addr, old_size))
        return -EFAULT;
    if (new_size > lu_proc.space_size)
        return -ENOMEM;

    pthread_mutex_lock(&space_lock);
    int64_t ret;
    for (uint64_t a = old_addr; a < old_addr + old_size; a += LU_PAGE_SIZE) {
        if (!lu_proc.page_prot[a >> LU_PAGE_BITS]) {
            ret = -EFAULT;
            goto out;
        }
    }
    lu_code_unprotect(old_addr, old_size);
    if (flags & MREMAP_FIXED) {
        if ((new_addr & LU_PAGE_MASK) || !in_space(new_addr, new_size) ||
            (new_addr < old_addr + old_size && old_addr < new_addr + new_size)) {
            ret = -EINVAL;
            goto out;
        }
        pthread_mutex_unlock(&space_lock);
        lu_munmap(new_addr, new_size);
        pthread_mutex_lock(&space_lock);
        ret = move_pages(old_addr, old_size, new_size, new_addr);
        goto out;
    }
    if (new_size <= old_size) {
        if (new_size < old_size)
            release_range(old_addr + new_size, old_size - new_size);
        ret = (int64_t)old_addr;
        goto out;
    }
    /* Grow in place when the pages after it are free. */
    if (lu_range_free(old_addr + old_size, new_size - old_size)) {
        uint8_t *tail = lu_g2h(old_addr + old_size);
        lu_code_unprotect(old_addr + old_size, new_size - old_size);
        if (munmap(tail, new_size - old_size) == 0) {
            void *p = mremap(lu_g2h(old_addr), old_size, new_size, 0);
            if (p != MAP_FAILED) {
                lu_set_page_prot(old_addr + old_size, new_size - old_size,
                                 lu_proc.page_prot[(old_addr + old_size - 1) >> LU_PAGE_BITS] & ~LU_PAGE_MAPPED);
                ret = (int64_t)old_addr;
                goto out;
            }
            /* Put the reservation back before trying to move. */
            if (mmap(tail, new_size - old_size, PROT_NONE, reserve_flags | MAP_FIXED, -1, 0) == MAP_FAILED) {
                ret = -ENOMEM;
                goto out;
            }
        }
    }
    if (!(flags & MREMAP_MAYMOVE)) {
        ret = -ENOMEM;
        goto out;
    }
    uint64_t to = choose_addr(0, new_size);
    ret = to ? move_pages(old_addr, old_size, new_size, to) : -ENOMEM;
out:
    pthread_mutex_unlock(&space_lock);
    return ret;
}

uint64_t lu_brk(uint64_t guest_brk)
{
    uint64_t new_brk = lu_addr_in(guest_brk);
    pthread_mutex_lock(&space_lock);
    uint64_t cur = lu_proc.brk_cur;
    if (new_brk < lu_proc.brk_start || new_brk > lu_proc.space_size)
        goto out;
    uint64_t old_top = LU_PAGE_UP(cur), new_top = LU_PAGE_UP(new_brk);
    if (new_top > old_top) {
        if (!lu_range_free(old_top, new_top - old_top))
            goto out;
        lu_code_unprotect(old_top, new_top - old_top);
        if (mmap(lu_g2h(old_top), new_top - old_top, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
            goto out;
        lu_set_page_prot(old_top, new_top - old_top, PROT_READ | PROT_WRITE);
    } else if (new_top < old_top) {
        release_range(new_top, old_top - new_top);
    }
    lu_proc.brk_cur = cur = new_brk;
out:
    pthread_mutex_unlock(&space_lock);
    return lu_addr_out(cur);
}
