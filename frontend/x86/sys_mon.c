/* frontend/x86/sys_mon.c — the monitor's view of x86 paging (`info mem`,
 * `info tlb`): the page tables under the current CR3 walked read-only
 * (physical reads, no accessed/dirty bits set), each present leaf turned
 * into a mapping, neighbours merged while virtual and physical addresses
 * run on and the rights stay the same (Intel SDM vol. 3, §4.3-4.5).
 *
 *   mode      levels (index bits of the linear address)     large pages
 *   32-bit    PD 31:22, PT 21:12 (4-byte entries)          4 MiB (CR4.PSE)
 *   PAE       PDPT 31:30, PD 29:21, PT 20:12               2 MiB
 *   4-level   PML4 47:39, PDPT 38:30, PD 29:21, PT 20:12   1 GiB, 2 MiB
 *
 * Rights: 'u' when every level allows user access, else 's'; 'w' when
 * every level allows writes; 'x' unless a level sets XD (EFER.NXE).
 * PAE's PDPT entries carry no rights.
 */
#include "frontend/x86/cpu.h"
#include "frontend/x86/sys.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"

#include <stdio.h>

enum {
    PTE_P = 1u << 0,
    PTE_RW = 1u << 1,
    PTE_US = 1u << 2,
    PTE_PS = 1u << 7,
    MAX_LEVELS = 4,
    TABLE_BYTES = 4096,
};
#define PTE_XD (1ull << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ull
#define CANONICAL_HIGH 0xffff000000000000ull

typedef struct PagingLevel {
    unsigned shift; /* the lowest linear address bit this level indexes */
    unsigned bits;  /* how many it indexes */
    bool large;     /* an entry with PS set maps a page here */
    bool rights;    /* its entries carry U/S, R/W and XD */
} PagingLevel;

typedef struct PagingMode {
    const char *name;
    unsigned entry_bytes;
    unsigned levels;
    PagingLevel level[MAX_LEVELS];
} PagingMode;

static const PagingMode mode_32bit = {"32-bit", 4, 2, {{22, 10, true, true}, {12, 10, false, true}}};
static const PagingMode mode_pae = {
    "PAE", 8, 3, {{30, 2, false, false}, {21, 9, true, true}, {12, 9, false, true}}};
static const PagingMode mode_4level = {
    "4-level", 8, 4, {{39, 9, false, true}, {30, 9, true, true}, {21, 9, true, true}, {12, 9, false, true}}};

typedef struct Rights {
    bool user, write, exec;
} Rights;

/* Pages merged so far: virtually and physically contiguous, one rights. */
typedef struct Range {
    bool open; /* a range is pending */
    uint64_t va, pa, size;
    Rights rights;
} Range;

typedef struct Walk {
    const PagingMode *mode;
    AddressSpace *as;
    uint64_t a20_mask;
    bool nxe, pse;
    int va_digits;
    FILE *out;
    Range range;
} Walk;

static void print_range(Walk *w)
{
    const Range *r = &w->range;
    if (!r->open)
        return;
    fprintf(w->out, "%0*llx-%0*llx %016llx %016llx %c%c%c\n", w->va_digits, (unsigned long long)r->va,
            w->va_digits, (unsigned long long)(r->va + r->size - 1), (unsigned long long)r->pa,
            (unsigned long long)r->size, r->rights.user ? 'u' : 's', r->rights.write ? 'w' : '-',
            r->rights.exec ? 'x' : '-');
    w->range.open = false;
}

static bool same_rights(Rights a, Rights b)
{
    return a.user == b.user && a.write == b.write && a.exec == b.exec;
}

static void add_page(Walk *w, uint64_t va, uint64_t pa, uint64_t size, Rights rights)
{
    Range *r = &w->range;
    if (r->open && va == r->va + r->size && pa == r->pa + r->size && same_rights(rights, r->rights)) {
        r->size += size;
        return;
    }
    print_range(w);
    *r = (Range){.open = true, .va = va, .pa = pa, .size = size, .rights = rights};
}

static uint64_t entry_at(const Walk *w, const uint8_t *table, unsigned i)
{
    uint64_t e = 0;
    for (unsigned b = w->mode->entry_bytes; b-- > 0;)
        e = e << 8 | table[i * w->mode->entry_bytes + b];
    return e;
}

/* Where a leaf entry of level lv maps to: its frame; for a 32-bit
 * 4 MiB page with PSE-36's bits 39:32 from entry bits 20:13. */
static uint64_t leaf_frame(const Walk *w, uint64_t e, const PagingLevel *lv, bool large)
{
    uint64_t page_mask = ~((1ull << lv->shift) - 1);
    if (w->mode->entry_bytes == 4 && large)
        return (e & 0xffc00000u) | ((e >> 13) & 0xff) << 32;
    return e & PTE_ADDR_MASK & page_mask;
}

static Rights narrowed(const Walk *w, Rights r, const PagingLevel *lv, uint64_t e)
{
    if (!lv->rights)
        return r;
    return (Rights){.user = r.user && (e & PTE_US),
                    .write = r.write && (e & PTE_RW),
                    .exec = r.exec && !(w->nxe && (e & PTE_XD))};
}

static void walk_table(Walk *w, unsigned depth, uint64_t table_pa, uint64_t va_base, Rights r)
{
    const PagingLevel *lv = &w->mode->level[depth];
    unsigned entries = 1u << lv->bits;
    uint8_t table[TABLE_BYTES];
    if (!as_read(w->as, table_pa & w->a20_mask, table, (size_t)entries * w->mode->entry_bytes))
        return;
    for (unsigned i = 0; i < entries; i++) {
        uint64_t e = entry_at(w, table, i);
        if (!(e & PTE_P))
            continue;
        uint64_t va = va_base + ((uint64_t)i << lv->shift);
        if (w->mode == &mode_4level && depth == 0 && (va >> 47))
            va |= CANONICAL_HIGH;
        Rights here = narrowed(w, r, lv, e);
        bool large = lv->large && (e & PTE_PS) && (w->mode != &mode_32bit || w->pse);
        if (depth + 1 == w->mode->levels || large)
            add_page(w, va, leaf_frame(w, e, lv, large), 1ull << lv->shift, here);
        else
            walk_table(w, depth + 1, e & PTE_ADDR_MASK, va, here);
    }
}

static const PagingMode *paging_mode(const X86Sys *sys)
{
    if (sys->efer & X86_EFER_LMA)
        return &mode_4level;
    return sys->cr4 & X86_CR4_PAE ? &mode_pae : &mode_32bit;
}

/* The root table: PAE's PDPT is 32-byte aligned, the others a page. */
static uint64_t root_table(const X86Sys *sys, const PagingMode *mode)
{
    if (mode == &mode_pae)
        return sys->cr3 & 0xffffffe0u;
    return sys->cr3 & (mode == &mode_32bit ? 0xfffff000u : PTE_ADDR_MASK);
}

void x86_sys_dump_mappings(CpuCommon *common, FILE *out)
{
    X86Cpu *cpu = (X86Cpu *)common;
    const X86Sys *sys = &cpu->sys;
    if (!(sys->cr0 & X86_CR0_PG)) {
        fprintf(out, "paging is off: linear addresses are physical\n");
        return;
    }
    const PagingMode *mode = paging_mode(sys);
    Walk w = {.mode = mode,
              .as = common->tlb->as,
              .a20_mask = sys->a20_mask,
              .nxe = sys->efer & X86_EFER_NXE,
              .pse = sys->cr4 & X86_CR4_PSE,
              .va_digits = mode == &mode_4level ? 16 : 8,
              .out = out};
    fprintf(out, "%s paging, cr3 %016llx\n", mode->name, (unsigned long long)sys->cr3);
    walk_table(&w, 0, root_table(sys, mode), 0, (Rights){true, true, true});
    print_range(&w);
}
