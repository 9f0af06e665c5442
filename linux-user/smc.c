/* linux-user/smc.c — self-modifying code in user mode: which guest pages
 * hold translated code, their write protection on the host, and dropping
 * their blocks when the guest, a system call or a new mapping changes them.
 *
 *   engine translates a block ─► lu_code_added: page marked, host write
 *                                 permission removed (guest's unchanged)
 *   guest store to such a page ─► host SIGSEGV ─► lu_code_write_fault
 *        ─► lu_code_unprotect ─► signal.c redoes the store as a
 *           one-instruction block (cpu->run_one_insn)
 *   syscall writes guest memory (lu_access_ok), mmap/munmap/mprotect/
 *   mremap/brk ─► lu_code_unprotect
 *
 * A page's mark is set while any block has code on it; it goes only
 * together with all the page's blocks. Host protection of a marked page is
 * the guest's minus write. lu_code_unprotect gives the permission back
 * before it drops the blocks: a block translated in between (another
 * thread) marks the page again and is dropped, never left unprotected.
 *
 * Locks: code_lock guards the marks and the host protection of marked
 * pages; it is taken under the engine's lock (lu_code_added), and never
 * held while calling into the engine.
 */
#include "linux-user/lu_runtime.h"

#include <pthread.h>
#include <sys/mman.h>

#include <glib.h>

static pthread_mutex_t code_lock = PTHREAD_MUTEX_INITIALIZER;
/* One byte per guest page, nonzero: blocks have code there. Made on the
 * first block; NULL before. */
static uint8_t *code_pages;

/* [addr, addr+len) as guest page indexes [*first, *last]; false if empty
 * or outside the space. */
static bool page_span(uint64_t addr, uint64_t len, uint64_t *first, uint64_t *last)
{
    if (len == 0 || addr >= lu_proc.space_size)
        return false;
    if (len > lu_proc.space_size - addr)
        len = lu_proc.space_size - addr;
    *first = addr >> LU_PAGE_BITS;
    *last = (addr + len - 1) >> LU_PAGE_BITS;
    return true;
}

/* Host permissions for guest page `page`, with write taken away while
 * blocks have code on it. Only a page the guest may write differs from its
 * plain host protection. Called with code_lock held. */
static void protect_page(uint64_t page)
{
    int guest = lu_proc.page_prot[page];
    if (!(guest & PROT_WRITE))
        return;
    int prot = lu_host_prot(guest);
    if (code_pages[page])
        prot &= ~PROT_WRITE;
    mprotect(lu_g2h(page << LU_PAGE_BITS), LU_PAGE_SIZE, prot);
}

void lu_code_added(CpuCommon *cpu, uint64_t start, uint64_t len)
{
    (void)cpu;
    uint64_t first, last;
    if (!lu_proc.page_prot || !page_span(start, len, &first, &last))
        return;
    pthread_mutex_lock(&code_lock);
    if (!code_pages)
        code_pages = g_malloc0(lu_proc.space_size >> LU_PAGE_BITS);
    for (uint64_t page = first; page <= last; page++) {
        if (code_pages[page])
            continue;
        code_pages[page] = 1;
        protect_page(page);
    }
    pthread_mutex_unlock(&code_lock);
}

/* Unmark the marked pages among [first, last] and give them their host
 * write permission back; true if there was one. */
static bool unmark_pages(uint64_t first, uint64_t last)
{
    bool any = false;
    pthread_mutex_lock(&code_lock);
    for (uint64_t page = first; code_pages && page <= last; page++) {
        if (!code_pages[page])
            continue;
        code_pages[page] = 0;
        protect_page(page);
        any = true;
    }
    pthread_mutex_unlock(&code_lock);
    return any;
}

void lu_code_unprotect(uint64_t addr, uint64_t len)
{
    uint64_t first, last;
    if (!code_pages || !page_span(addr, len, &first, &last))
        return;
    if (unmark_pages(first, last))
        engine_invalidate(lu_proc.engine, first << LU_PAGE_BITS, (last - first + 1) << LU_PAGE_BITS);
}

bool lu_code_write_fault(uint64_t addr)
{
    if (!code_pages || addr >= lu_proc.space_size)
        return false;
    uint64_t page = addr >> LU_PAGE_BITS;
    if (!(lu_proc.page_prot[page] & PROT_WRITE))
        return false;
    /* Unmarked already: another thread's store to the page faulted at
     * the same time and gave the permission back; this one is redone. */
    if (code_pages[page])
        lu_code_unprotect(addr, 1);
    return true;
}

void lu_code_lock(void)
{
    pthread_mutex_lock(&code_lock);
}

void lu_code_unlock(void)
{
    pthread_mutex_unlock(&code_lock);
}

bool lu_code_page_marked(uint64_t addr)
{
    return code_pages && addr < lu_proc.space_size && code_pages[addr >> LU_PAGE_BITS];
}

void lu_code_pages_free(void)
{
    g_free(code_pages);
    code_pages = NULL;
}
