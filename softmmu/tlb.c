/* softmmu/tlb.c — the per-CPU software TLB: set-up and flushes, filling
 * entries from the guest's page walk, and the loads, stores and
 * compare-and-exchanges of system mode (the hit path in C and the slow
 * path generated code calls), plus guest_ld/guest_st for helpers of
 * either mode.
 *
 * An entry caches one 4 KiB virtual page of one memory index; its three
 * tags are that page (or TLB_EMPTY_TAG) with flags, each filled only
 * when an access of its kind needs it:
 *
 *   page kind        tag_read        tag_write                tag_code
 *   RAM              page            page (| TLB_CODE)        page
 *   ROM              page            page | TLB_MMIO          page
 *   MMIO, unmapped   page | TLB_MMIO page | TLB_MMIO          empty
 *
 * with TLB_WATCH added where a watchpoint of that kind lies in the page.
 * A read fill also sets tag_write when the mapping grants writes and the
 * page is RAM without code or a write watchpoint, a write fill tag_read
 * when it grants reads.
 *
 * The slow path, for an access within one page:
 *
 *   fill (or fault) ─► watchpoint? stop ─► code page? drop its blocks
 *                  ─► RAM: host memory   MMIO/ROM/unmapped: as_ld/as_st
 *
 * An access crossing a page boundary does those checks for both pages
 * before it touches either, then goes a byte at a time.
 */
#include "softmmu/tlb.h"

#include <inttypes.h>

#include <glib.h>

#include "backend/exec.h"
#include "softmmu/internal.h"
#include "util/log.h"

/* ---- set-up and flushes --------------------------------------------- */

static void entry_clear(TlbEntry *e)
{
    *e = (TlbEntry){TLB_EMPTY_TAG, TLB_EMPTY_TAG, TLB_EMPTY_TAG, 0};
}

/* The page the entry caches (all its tags name the same one). */
static bool entry_page(const TlbEntry *e, uint64_t *vpage)
{
    const uint64_t tags[] = {e->tag_read, e->tag_write, e->tag_code};
    for (size_t i = 0; i < G_N_ELEMENTS(tags); i++) {
        if (tags[i] != TLB_EMPTY_TAG) {
            *vpage = tags[i] & ~(uint64_t)TLB_PAGE_MASK_LOW;
            return true;
        }
    }
    return false;
}

static bool entry_holds(const TlbEntry *e, uint64_t vpage)
{
    uint64_t page;
    return entry_page(e, &page) && page == vpage;
}

static void clear_all_entries(SoftTlb *t)
{
    for (unsigned m = 0; m < TLB_MAX_MMU_IDX; m++) {
        for (unsigned i = 0; i < TLB_ENTRIES; i++)
            entry_clear(&t->entry[m][i]);
    }
    memset(t->extra, 0, sizeof t->extra);
}

void tlb_init(CpuCommon *cpu, struct AddressSpace *as)
{
    SoftTlb *t = g_new0(SoftTlb, 1);
    t->as = as;
    clear_all_entries(t);
    cpu->tlb = t;
}

void tlb_destroy(CpuCommon *cpu)
{
    g_free(cpu->tlb);
    cpu->tlb = NULL;
}

static void mappings_changed(CpuCommon *cpu)
{
    if (cpu->engine)
        engine_cpu_mappings_changed(cpu);
}

void tlb_flush(CpuCommon *cpu)
{
    clear_all_entries(cpu->tlb);
    mappings_changed(cpu);
}

static void drop_page(SoftTlb *t, uint64_t vaddr)
{
    uint64_t vpage = vaddr & ~(uint64_t)TLB_PAGE_MASK_LOW;
    for (unsigned m = 0; m < TLB_MAX_MMU_IDX; m++) {
        TlbEntry *e = tlb_entry_of(t, vaddr, m);
        if (entry_holds(e, vpage))
            entry_clear(e);
    }
}

void tlb_flush_page(CpuCommon *cpu, uint64_t vaddr)
{
    drop_page(cpu->tlb, vaddr);
    mappings_changed(cpu);
}

void tlb_flush_range(CpuCommon *cpu, uint64_t vaddr, uint64_t len)
{
    if (len == 0)
        return;
    uint64_t first = vaddr >> TLB_PAGE_BITS, last = (vaddr + len - 1) >> TLB_PAGE_BITS;
    if (last - first >= TLB_ENTRIES) { /* covers every slot anyway */
        tlb_flush(cpu);
        return;
    }
    for (uint64_t page = first;; page++) {
        drop_page(cpu->tlb, page << TLB_PAGE_BITS);
        if (page == last)
            break;
    }
    mappings_changed(cpu);
}

/* ---- filling ---------------------------------------------------------- */

static uint64_t *entry_tag(TlbEntry *e, MemAccess access)
{
    static const size_t tag_offsets[] = {
        [MEM_READ] = offsetof(TlbEntry, tag_read),
        [MEM_WRITE] = offsetof(TlbEntry, tag_write),
        [MEM_FETCH] = offsetof(TlbEntry, tag_code),
    };
    return (uint64_t *)(void *)((char *)e + tag_offsets[access]);
}

static bool tag_serves(uint64_t tag, uint64_t vpage)
{
    return tag != TLB_EMPTY_TAG && (tag & ~(uint64_t)TLB_PAGE_MASK_LOW) == vpage;
}

static void log_fill(uint64_t vaddr, unsigned mmu_idx, const TlbFill *f)
{
    log_printf("mmu: fill va 0x%" PRIx64 " idx %u -> pa 0x%" PRIx64 " prot %c%c%c\n", vaddr, mmu_idx,
               f->paddr, (f->prot & TLB_PROT_READ) ? 'r' : '-', (f->prot & TLB_PROT_WRITE) ? 'w' : '-',
               (f->prot & TLB_PROT_EXEC) ? 'x' : '-');
}

/* The tags a page of this kind gets (see the table at the top). */
typedef struct PageTags {
    uint64_t read, write, code;
} PageTags;

static PageTags page_tags(const SoftTlb *t, uint64_t vpage, const TlbExtra *x, bool host_memory)
{
    const MemoryRegion *mr = x->region;
    bool ram = host_memory && mr->kind == MR_RAM;
    bool code = ram && softmmu_page_has_code(mr, x->region_offset);
    PageTags tags = {
        .read = vpage | (host_memory ? 0 : TLB_MMIO),
        .write = vpage | (ram ? 0 : TLB_MMIO) | (code ? TLB_CODE : 0),
        .code = host_memory ? vpage : TLB_EMPTY_TAG,
    };
    if (softmmu_watch_in_page(t, vpage, WATCH_READ))
        tags.read |= TLB_WATCH;
    if (softmmu_watch_in_page(t, vpage, WATCH_WRITE))
        tags.write |= TLB_WATCH;
    return tags;
}

static void fill_entry(SoftTlb *t, TlbEntry *e, uint64_t vaddr, MemAccess access, const TlbFill *f)
{
    uint64_t vpage = vaddr & ~(uint64_t)TLB_PAGE_MASK_LOW;
    uint64_t ppage = f->paddr & ~(uint64_t)TLB_PAGE_MASK_LOW;
    TlbExtra *x = tlb_extra_of(t, e);
    if (!entry_holds(e, vpage) || x->paddr != ppage)
        entry_clear(e);
    x->paddr = ppage;
    x->region = as_find(t->as, ppage, &x->region_offset);
    uint8_t *host = as_host_ptr(t->as, ppage, TLB_PAGE_SIZE);
    e->addend = host ? (intptr_t)host - (intptr_t)vpage : 0;

    PageTags tags = page_tags(t, vpage, x, host != NULL);
    switch (access) {
    case MEM_READ:
        e->tag_read = tags.read;
        /* stores share the fill only where they need no slow path */
        if ((f->prot & TLB_PROT_WRITE) && tags.write == vpage)
            e->tag_write = tags.write;
        break;
    case MEM_WRITE:
        e->tag_write = tags.write;
        if (f->prot & TLB_PROT_READ)
            e->tag_read = tags.read;
        break;
    case MEM_FETCH:
        e->tag_code = tags.code;
        break;
    }
}

TlbEntry *tlb_entry_try(CpuCommon *cpu, uint64_t vaddr, MemAccess access, unsigned mmu_idx, int *fault)
{
    SoftTlb *t = cpu->tlb;
    TlbEntry *e = tlb_entry_of(t, vaddr, mmu_idx);
    if (tag_serves(*entry_tag(e, access), vaddr & ~(uint64_t)TLB_PAGE_MASK_LOW))
        return e;
    TlbFill f = {0};
    int code = cpu->arch->sys->tlb_fill(cpu, vaddr, access, mmu_idx, &f);
    if (code) {
        *fault = code;
        return NULL;
    }
    if (log_enabled(LOG_MMU))
        log_fill(vaddr, mmu_idx, &f);
    fill_entry(t, e, vaddr, access, &f);
    return e;
}

noreturn void tlb_raise_fault(CpuCommon *cpu, uint64_t vaddr, int fault, uint64_t insn_pc)
{
    cpu->exception_addr = vaddr;
    cpu->exception_code = fault;
    cpu->insn_pc = insn_pc;
    cpu_loop_exit(cpu, EXIT_FAULT);
}

/* ---- the slow path ---------------------------------------------------- */

static bool crosses_page(uint64_t addr, unsigned size)
{
    return (addr & TLB_PAGE_MASK_LOW) + size > TLB_PAGE_SIZE;
}

/* The entry for an access of size bytes at addr within one page, after
 * what must happen before the access: the fill (may fault), the
 * watchpoint check (may stop) and, for stores, dropping the blocks of a
 * code page. watch_kinds: the watchpoint kinds the access triggers. */
static TlbEntry *prepare_access(CpuCommon *cpu, uint64_t addr, unsigned size, MemAccess access,
                                unsigned mmu_idx, unsigned watch_kinds)
{
    int fault;
    TlbEntry *e = tlb_entry_try(cpu, addr, access, mmu_idx, &fault);
    if (!e)
        tlb_raise_fault(cpu, addr, fault, cpu->insn_pc);
    uint64_t tag = *entry_tag(e, access);
    if (tag & TLB_WATCH)
        softmmu_watch_check(cpu, addr, size, watch_kinds);
    if (tag & TLB_CODE)
        softmmu_code_written(cpu, e);
    return e;
}

static uint64_t physical_addr(SoftTlb *t, const TlbEntry *e, uint64_t addr)
{
    return tlb_extra_of(t, e)->paddr | (addr & TLB_PAGE_MASK_LOW);
}

/* A prepared access in one page. */
static uint64_t load_prepared(CpuCommon *cpu, const TlbEntry *e, uint64_t addr, uint32_t memop)
{
    if (e->tag_read & TLB_MMIO)
        return as_ld(cpu->tlb->as, physical_addr(cpu->tlb, e, addr), memop);
    return softmmu_load_host((void *)(uintptr_t)(addr + e->addend), softmmu_mo_bytes(memop),
                             memop & IR_MO_BE);
}

static void store_prepared(CpuCommon *cpu, const TlbEntry *e, uint64_t addr, uint64_t value, uint32_t memop)
{
    if (e->tag_write & TLB_MMIO)
        as_st(cpu->tlb->as, physical_addr(cpu->tlb, e, addr), value, memop);
    else
        softmmu_store_host((void *)(uintptr_t)(addr + e->addend), value, softmmu_mo_bytes(memop),
                           memop & IR_MO_BE);
}

/* An access crossing into the next page: both pages prepared, then byte
 * by byte in address order. */
typedef struct SplitAccess {
    TlbEntry *first, *second;
    unsigned first_bytes;
} SplitAccess;

static SplitAccess prepare_split(CpuCommon *cpu, uint64_t addr, unsigned size, MemAccess access,
                                 uint32_t memop, unsigned watch_kinds)
{
    unsigned idx = softmmu_mo_idx(memop);
    unsigned first_bytes = TLB_PAGE_SIZE - (addr & TLB_PAGE_MASK_LOW);
    TlbEntry *first = prepare_access(cpu, addr, first_bytes, access, idx, watch_kinds);
    TlbEntry *second = prepare_access(cpu, addr + first_bytes, size - first_bytes, access, idx, watch_kinds);
    return (SplitAccess){first, second, first_bytes};
}

static uint32_t byte_memop(uint32_t memop)
{
    return memop & ~(uint32_t)IR_MO_SIZE;
}

static uint64_t load_split(CpuCommon *cpu, uint64_t addr, uint32_t memop)
{
    unsigned size = softmmu_mo_bytes(memop);
    SplitAccess s = prepare_split(cpu, addr, size, MEM_READ, memop, WATCH_READ);
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        const TlbEntry *e = i < s.first_bytes ? s.first : s.second;
        v |= load_prepared(cpu, e, addr + i, byte_memop(memop))
             << softmmu_byte_shift(i, size, memop & IR_MO_BE);
    }
    return v;
}

static void store_split(CpuCommon *cpu, uint64_t addr, uint64_t value, uint32_t memop)
{
    unsigned size = softmmu_mo_bytes(memop);
    SplitAccess s = prepare_split(cpu, addr, size, MEM_WRITE, memop, WATCH_WRITE);
    for (unsigned i = 0; i < size; i++) {
        const TlbEntry *e = i < s.first_bytes ? s.first : s.second;
        uint64_t byte = (value >> softmmu_byte_shift(i, size, memop & IR_MO_BE)) & 0xff;
        store_prepared(cpu, e, addr + i, byte, byte_memop(memop));
    }
}

uint64_t softmmu_ld_slow(CpuCommon *cpu, uint64_t addr, uint32_t memop, uint64_t insn_pc)
{
    cpu->insn_pc = insn_pc;
    unsigned size = softmmu_mo_bytes(memop);
    if (crosses_page(addr, size))
        return load_split(cpu, addr, memop);
    const TlbEntry *e = prepare_access(cpu, addr, size, MEM_READ, softmmu_mo_idx(memop), WATCH_READ);
    return load_prepared(cpu, e, addr, memop);
}

void softmmu_st_slow(CpuCommon *cpu, uint64_t addr, uint64_t value, uint32_t memop, uint64_t insn_pc)
{
    cpu->insn_pc = insn_pc;
    unsigned size = softmmu_mo_bytes(memop);
    if (crosses_page(addr, size)) {
        store_split(cpu, addr, value, memop);
        return;
    }
    const TlbEntry *e = prepare_access(cpu, addr, size, MEM_WRITE, softmmu_mo_idx(memop), WATCH_WRITE);
    store_prepared(cpu, e, addr, value, memop);
}

/* ---- compare-and-exchange ------------------------------------------- */

/* Host atomic on guest RAM; values in host memory order. */
static uint64_t host_cmpxchg(void *p, unsigned size, uint64_t expected, uint64_t desired)
{
    switch (size) {
    case 1: {
        uint8_t old = (uint8_t)expected;
        __atomic_compare_exchange_n((uint8_t *)p, &old, (uint8_t)desired, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        return old;
    }
    case 2: {
        uint16_t old = (uint16_t)expected;
        __atomic_compare_exchange_n((uint16_t *)p, &old, (uint16_t)desired, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        return old;
    }
    case 4: {
        uint32_t old = (uint32_t)expected;
        __atomic_compare_exchange_n((uint32_t *)p, &old, (uint32_t)desired, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        return old;
    }
    default: {
        uint64_t old = expected;
        __atomic_compare_exchange_n((uint64_t *)p, &old, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return old;
    }
    }
}

uint64_t softmmu_cmpxchg(CpuCommon *cpu, uint64_t addr, uint64_t expected, uint64_t desired, uint32_t memop,
                         uint64_t insn_pc)
{
    cpu->insn_pc = insn_pc;
    unsigned size = softmmu_mo_bytes(memop);
    expected &= softmmu_size_mask(size);
    if (crosses_page(addr, size)) { /* not atomic: no host atomic spans two pages */
        uint64_t old = load_split(cpu, addr, memop);
        if (old == expected)
            store_split(cpu, addr, desired, memop);
        return old;
    }
    const TlbEntry *e = prepare_access(cpu, addr, size, MEM_WRITE, softmmu_mo_idx(memop), WATCH_ACCESS);
    if (e->tag_write & TLB_MMIO) {
        uint64_t paddr = physical_addr(cpu->tlb, e, addr);
        uint64_t old = as_ld(cpu->tlb->as, paddr, memop);
        if (old == expected)
            as_st(cpu->tlb->as, paddr, desired, memop);
        return old;
    }
    bool big_endian = memop & IR_MO_BE;
    void *host = (void *)(uintptr_t)(addr + e->addend);
    uint64_t to_host_exp = big_endian ? softmmu_swap(expected, size) : expected;
    uint64_t to_host_des = big_endian ? softmmu_swap(desired & softmmu_size_mask(size), size) : desired;
    uint64_t old = host_cmpxchg(host, size, to_host_exp, to_host_des);
    return big_endian ? softmmu_swap(old, size) : old;
}

/* ---- the hit path in C -------------------------------------------------- */

static bool tlb_hit(uint64_t tag, uint64_t addr, unsigned size)
{
    return ((addr + size - 1) & ~(uint64_t)TLB_PAGE_MASK_LOW) == tag;
}

uint64_t softmmu_ld(CpuCommon *cpu, uint64_t addr, uint32_t memop)
{
    unsigned size = softmmu_mo_bytes(memop);
    const TlbEntry *e = tlb_entry_of(cpu->tlb, addr, softmmu_mo_idx(memop));
    if (tlb_hit(e->tag_read, addr, size))
        return softmmu_load_host((void *)(uintptr_t)(addr + e->addend), size, memop & IR_MO_BE);
    return softmmu_ld_slow(cpu, addr, memop, cpu->insn_pc);
}

void softmmu_st(CpuCommon *cpu, uint64_t addr, uint64_t value, uint32_t memop)
{
    unsigned size = softmmu_mo_bytes(memop);
    const TlbEntry *e = tlb_entry_of(cpu->tlb, addr, softmmu_mo_idx(memop));
    if (tlb_hit(e->tag_write, addr, size))
        softmmu_store_host((void *)(uintptr_t)(addr + e->addend), value, size, memop & IR_MO_BE);
    else
        softmmu_st_slow(cpu, addr, value, memop, cpu->insn_pc);
}

uint64_t guest_ld(CpuCommon *cpu, uint64_t addr, uint32_t memop)
{
    if (cpu->tlb)
        return softmmu_ld(cpu, addr, memop);
    return softmmu_load_host(cpu->guest_base + addr, softmmu_mo_bytes(memop), memop & IR_MO_BE);
}

void guest_st(CpuCommon *cpu, uint64_t addr, uint64_t value, uint32_t memop)
{
    if (cpu->tlb)
        softmmu_st(cpu, addr, value, memop);
    else
        softmmu_store_host(cpu->guest_base + addr, value, softmmu_mo_bytes(memop), memop & IR_MO_BE);
}
