/* softmmu/code.c — guest code in system mode: where the code at a
 * virtual pc lies physically (the key of its blocks), fetching it for
 * the translator, and tracking the physical pages that hold translated
 * code so that writes to them drop those blocks.
 *
 * A RAM or ROM region keeps one bit per 4 KiB page (code_bitmap). When a
 * block joins the cache (softmmu_code_added) its pages get their bit and
 * every TLB entry that stores to them inline gets TLB_CODE in tag_write;
 * entries filled later get it from the bit. The first store through such
 * an entry (softmmu_code_written) drops the page's blocks, clears the
 * bit and the entry's flag, and stores go inline again until a block is
 * translated there anew.
 */
#include <glib.h>

#include "backend/exec.h"
#include "softmmu/internal.h"

enum { BITS_PER_WORD = 8 * sizeof(unsigned long) };

static unsigned long page_bit(uint64_t offset, size_t *word)
{
    uint64_t page = offset >> TLB_PAGE_BITS;
    *word = page / BITS_PER_WORD;
    return 1ul << (page % BITS_PER_WORD);
}

bool softmmu_page_has_code(const MemoryRegion *mr, uint64_t offset)
{
    size_t word;
    unsigned long bit = page_bit(offset, &word);
    return (mr->code_bitmap[word] & bit) != 0;
}

/* Sets the page's bit; true if it was clear. */
static bool mark_code_page(MemoryRegion *mr, uint64_t offset)
{
    size_t word;
    unsigned long bit = page_bit(offset, &word);
    bool was_clear = !(mr->code_bitmap[word] & bit);
    mr->code_bitmap[word] |= bit;
    return was_clear;
}

/* Clears the page's bit; true if it was set. */
static bool unmark_code_page(MemoryRegion *mr, uint64_t offset)
{
    size_t word;
    unsigned long bit = page_bit(offset, &word);
    bool was_set = (mr->code_bitmap[word] & bit) != 0;
    mr->code_bitmap[word] &= ~bit;
    return was_set;
}

/* ---- where code is ------------------------------------------------------ */

static unsigned code_mmu_idx(const CpuCommon *cpu)
{
    return cpu->arch->sys->code_mmu_idx(cpu);
}

/* The entry mapping pc's page for fetch, or NULL with *fault set: the
 * walk's code, or SOFTMMU_FAULT_NOT_MEMORY for code outside RAM/ROM. */
static TlbEntry *code_entry(CpuCommon *cpu, uint64_t pc, int *fault)
{
    TlbEntry *e = tlb_entry_try(cpu, pc, MEM_FETCH, code_mmu_idx(cpu), fault);
    if (e && e->tag_code == TLB_EMPTY_TAG) {
        *fault = SOFTMMU_FAULT_NOT_MEMORY;
        return NULL;
    }
    return e;
}

uint64_t softmmu_code_phys(CpuCommon *cpu, uint64_t pc)
{
    int fault;
    const TlbEntry *e = code_entry(cpu, pc, &fault);
    if (!e)
        tlb_raise_fault(cpu, pc, fault, pc);
    return tlb_extra_of(cpu->tlb, e)->paddr | (pc & TLB_PAGE_MASK_LOW);
}

bool softmmu_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    uint8_t *out = buf;
    while (len) {
        size_t chunk = MIN(len, TLB_PAGE_SIZE - (addr & TLB_PAGE_MASK_LOW));
        int fault;
        const TlbEntry *e = code_entry(cpu, addr, &fault);
        if (!e)
            return false;
        memcpy(out, (const void *)(uintptr_t)(addr + e->addend), chunk);
        addr += chunk, out += chunk, len -= chunk;
    }
    return true;
}

/* ---- pages holding translated code ------------------------------------- */

/* Every entry of the cpu that stores inline to the physical page. */
static void send_stores_slow(SoftTlb *t, uint64_t ppage)
{
    for (unsigned m = 0; m < TLB_MAX_MMU_IDX; m++) {
        for (unsigned i = 0; i < TLB_ENTRIES; i++) {
            TlbEntry *e = &t->entry[m][i];
            if (e->tag_write != TLB_EMPTY_TAG && t->extra[m][i].paddr == ppage)
                e->tag_write |= TLB_CODE;
        }
    }
}

void softmmu_code_added(CpuCommon *cpu, uint64_t paddr, uint64_t len)
{
    if (len == 0)
        return;
    uint64_t last = paddr + len - 1;
    for (uint64_t page = paddr & ~(uint64_t)TLB_PAGE_MASK_LOW;; page += TLB_PAGE_SIZE) {
        uint64_t offset;
        MemoryRegion *mr = as_find(cpu->tlb->as, page, &offset);
        if (mr && mr->kind != MR_MMIO && mark_code_page(mr, offset) && mr->kind == MR_RAM)
            send_stores_slow(cpu->tlb, page);
        if (last - page < TLB_PAGE_SIZE)
            break;
    }
}

static void drop_page_blocks(CpuCommon *cpu, MemoryRegion *mr, uint64_t offset, uint64_t ppage)
{
    if (unmark_code_page(mr, offset))
        engine_invalidate(cpu->engine, ppage, TLB_PAGE_SIZE);
}

void softmmu_code_written(CpuCommon *cpu, TlbEntry *e)
{
    const TlbExtra *x = tlb_extra_of(cpu->tlb, e);
    drop_page_blocks(cpu, x->region, x->region_offset, x->paddr);
    e->tag_write &= ~(uint64_t)TLB_CODE;
}

void softmmu_phys_written(CpuCommon *cpu, uint64_t paddr, uint64_t len)
{
    if (len == 0)
        return;
    uint64_t last = paddr + len - 1;
    for (uint64_t page = paddr & ~(uint64_t)TLB_PAGE_MASK_LOW;; page += TLB_PAGE_SIZE) {
        uint64_t offset;
        MemoryRegion *mr = as_find(cpu->tlb->as, page, &offset);
        if (mr && mr->kind != MR_MMIO)
            drop_page_blocks(cpu, mr, offset, page);
        if (last - page < TLB_PAGE_SIZE)
            break;
    }
}
