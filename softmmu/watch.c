/* softmmu/watch.c — the debugger's side of the softmmu: watchpoints
 * (virtual ranges whose pages the TLB sends to the slow path with
 * TLB_WATCH, where an access touching one stops the cpu before it
 * happens) and memory reads and writes through the guest's mappings
 * that neither fill the TLB nor raise anything.
 */
#include <glib.h>

#include "backend/exec.h"
#include "softmmu/internal.h"

/* ---- watchpoints ------------------------------------------------------- */

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a - b < blen || b - a < alen;
}

bool softmmu_watch_in_page(const SoftTlb *t, uint64_t vpage, unsigned kinds)
{
    for (unsigned i = 0; i < t->nwatch; i++) {
        const Watchpoint *w = &t->watch[i];
        if ((w->kind & kinds) && ranges_overlap(vpage, TLB_PAGE_SIZE, w->addr, w->len))
            return true;
    }
    return false;
}

void softmmu_watch_check(CpuCommon *cpu, uint64_t addr, unsigned size, unsigned kinds)
{
    SoftTlb *t = cpu->tlb;
    if (t->watch_skip) {
        if (cpu->insn_pc == t->watch_skip_pc)
            return;
        t->watch_skip = false;
    }
    for (unsigned i = 0; i < t->nwatch; i++) {
        const Watchpoint *w = &t->watch[i];
        if (!(w->kind & kinds) || !ranges_overlap(addr, size, w->addr, w->len))
            continue;
        t->watch_hit_addr = MAX(addr, w->addr);
        t->watch_hit_kind = w->kind;
        cpu->pc = cpu->insn_pc;
        cpu_loop_exit(cpu, EXIT_DEBUG);
    }
}

/* Entries of pages with a watchpoint are made at fill time, so a change
 * of the set empties the TLB. */
bool softmmu_watch_insert(CpuCommon *cpu, uint64_t addr, uint64_t len, WatchKind kind)
{
    SoftTlb *t = cpu->tlb;
    if (len == 0 || t->nwatch == TLB_MAX_WATCHPOINTS)
        return false;
    t->watch[t->nwatch++] = (Watchpoint){addr, len, kind};
    tlb_flush(cpu);
    return true;
}

bool softmmu_watch_remove(CpuCommon *cpu, uint64_t addr, uint64_t len, WatchKind kind)
{
    SoftTlb *t = cpu->tlb;
    for (unsigned i = 0; i < t->nwatch; i++) {
        const Watchpoint *w = &t->watch[i];
        if (w->addr != addr || w->len != len || w->kind != kind)
            continue;
        memmove(&t->watch[i], &t->watch[i + 1], (t->nwatch - i - 1) * sizeof *w);
        t->nwatch--;
        tlb_flush(cpu);
        return true;
    }
    return false;
}

/* ---- memory through the guest's mappings ---------------------------- */

static unsigned data_mmu_idx(const CpuCommon *cpu)
{
    const GuestSysOps *sys = cpu->arch->sys;
    return sys->data_mmu_idx ? sys->data_mmu_idx(cpu) : sys->code_mmu_idx(cpu);
}

/* The physical address of vaddr as the debugger sees it: a data mapping
 * (writable first when writing, though a read-only one will do: the
 * debugger patches code), else the code mapping (the debugger reads the
 * instructions at pc when code and data live in different spaces). */
static bool debug_translate(CpuCommon *cpu, uint64_t vaddr, bool write, uint64_t *paddr)
{
    static const MemAccess tries[] = {MEM_WRITE, MEM_READ, MEM_FETCH};
    const GuestSysOps *sys = cpu->arch->sys;
    for (size_t i = write ? 0 : 1; i < G_N_ELEMENTS(tries); i++) {
        MemAccess access = tries[i];
        unsigned idx = access == MEM_FETCH ? sys->code_mmu_idx(cpu) : data_mmu_idx(cpu);
        TlbFill f;
        if (sys->tlb_fill(cpu, vaddr, access, idx, &f) == 0) {
            *paddr = f.paddr;
            return true;
        }
    }
    return false;
}

bool softmmu_debug_rw(CpuCommon *cpu, uint64_t vaddr, void *buf, size_t len, bool write)
{
    struct AddressSpace *as = cpu->tlb->as;
    uint8_t *p = buf;
    while (len) {
        size_t chunk = MIN(len, TLB_PAGE_SIZE - (vaddr & TLB_PAGE_MASK_LOW));
        uint64_t paddr;
        if (!debug_translate(cpu, vaddr, write, &paddr))
            return false;
        bool copied = write ? as_write(as, paddr, p, chunk, true) : as_read(as, paddr, p, chunk);
        if (write && cpu->engine)
            softmmu_phys_written(cpu, paddr, chunk);
        if (!copied)
            return false;
        vaddr += chunk, p += chunk, len -= chunk;
    }
    return true;
}
