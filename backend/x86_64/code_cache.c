/* backend/x86_64/code_cache.c — the JIT's code cache behind code_cache.h:
 * mapping the region (two views of one memfd for W^X, else one RWX
 * mapping) and bump-allocating code from it in 16-byte aligned pieces.
 *
 * Pages are mapped a chunk ahead of the bump pointer (madvise populate,
 * Linux 5.14+; older kernels just fault): a short program's start-up
 * writes a few hundred KB of code, and a fault per page in each view
 * costs more than generating the code on it.
 */
#include "backend/x86_64/code_cache.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { CODE_ALIGN = 16, CODE_POPULATE_CHUNK = 64 << 10 };

static size_t align_up(size_t v, size_t align) { return (v + align - 1) / align * align; }

/* Map chunk n of the region in both views (nothing past its end). */
static void populate_chunk(const CodeCache *cc, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    size_t start = n * CODE_POPULATE_CHUNK;
    if (start >= cc->size)
        return;
    size_t len = cc->size - start < CODE_POPULATE_CHUNK ? cc->size - start : CODE_POPULATE_CHUNK;
    madvise(cc->write + start, len, MADV_POPULATE_WRITE);
    if (cc->dual)
        madvise(cc->exec + start, len, MADV_POPULATE_READ);
#else
    (void)cc;
    (void)n;
#endif
}

/* Two shared mappings of one memfd: RX for running, RW for writing; at
 * the given addresses (MAP_FIXED) when exec and write are set. */
static bool map_dual_at(CodeCache *cc, uint8_t *at_exec, uint8_t *at_write)
{
    int fd = memfd_create("morph-jit", MFD_CLOEXEC);
    if (fd < 0)
        return false;
    int fixed = at_exec ? MAP_FIXED : 0;
    bool ok = ftruncate(fd, (off_t)cc->size) == 0;
    void *exec = MAP_FAILED, *write = MAP_FAILED;
    if (ok)
        write = mmap(at_write, cc->size, PROT_READ | PROT_WRITE, MAP_SHARED | fixed, fd, 0);
    if (write != MAP_FAILED && at_exec)
        memcpy(write, at_exec, cc->reserved); /* still mapped at exec; never rewritten */
    if (write != MAP_FAILED)
        exec = mmap(at_exec, cc->size, PROT_READ | PROT_EXEC, MAP_SHARED | fixed, fd, 0);
    close(fd);
    if (exec == MAP_FAILED) {
        if (write != MAP_FAILED && !fixed)
            munmap(write, cc->size);
        return false;
    }
    cc->exec = exec;
    cc->write = write;
    cc->dual = true;
    return true;
}

/* One private mapping, writable and executable at once. */
static bool map_single(CodeCache *cc)
{
    void *p = mmap(NULL, cc->size, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return false;
    cc->exec = cc->write = p;
    cc->dual = false;
    return true;
}

CodeCache *cc_new(size_t size)
{
    CodeCache *cc = calloc(1, sizeof(*cc));
    if (!cc)
        return NULL;
    cc->size = align_up(size ? size : 1, (size_t)sysconf(_SC_PAGESIZE));
    if (!map_dual_at(cc, NULL, NULL) && !map_single(cc)) {
        free(cc);
        return NULL;
    }
    populate_chunk(cc, 0);
    populate_chunk(cc, 1);
    return cc;
}

bool cc_unshare(CodeCache *cc)
{
    cc->used = cc->reserved;
    if (cc->dual && !map_dual_at(cc, cc->exec, cc->write))
        return false;
    populate_chunk(cc, cc->used / CODE_POPULATE_CHUNK);
    populate_chunk(cc, cc->used / CODE_POPULATE_CHUNK + 1);
    return true;
}

void cc_free(CodeCache *cc)
{
    if (!cc)
        return;
    munmap(cc->exec, cc->size);
    if (cc->dual)
        munmap(cc->write, cc->size);
    free(cc);
}

uint8_t *cc_begin(CodeCache *cc, size_t max)
{
    if (cc->size - cc->used < max)
        return NULL;
    return cc->exec + cc->used;
}

void cc_commit(CodeCache *cc, size_t len)
{
    size_t end = align_up(cc->used + len, CODE_ALIGN);
    end = end < cc->size ? end : cc->size;
    if (end / CODE_POPULATE_CHUNK != cc->used / CODE_POPULATE_CHUNK)
        populate_chunk(cc, end / CODE_POPULATE_CHUNK + 1); /* entering a chunk: map the next */
    cc->used = end;
}

void cc_reserve_committed(CodeCache *cc)
{
    cc->reserved = cc->used;
}

void cc_reset(CodeCache *cc)
{
    cc->used = cc->reserved;
}
