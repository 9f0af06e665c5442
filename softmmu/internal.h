/* softmmu/internal.h — what the softmmu's files share and nothing
 * outside softmmu/ includes: guest values in host memory, the TLB's
 * fill (tlb.c), code-page tracking (code.c) and watchpoint checks
 * (watch.c). */
#ifndef MORPH_SOFTMMU_INTERNAL_H
#define MORPH_SOFTMMU_INTERNAL_H

#include <stdnoreturn.h>
#include <string.h>

#include "softmmu/memory.h"
#include "softmmu/tlb.h"

/* ---- guest values in host memory (the host is little-endian) ---------- */

static inline uint64_t softmmu_swap(uint64_t v, unsigned size)
{
    switch (size) {
    case 2:
        return __builtin_bswap16((uint16_t)v);
    case 4:
        return __builtin_bswap32((uint32_t)v);
    case 8:
        return __builtin_bswap64(v);
    default:
        return v;
    }
}

static inline uint64_t softmmu_load_host(const void *p, unsigned size, bool big_endian)
{
    uint64_t v = 0;
    memcpy(&v, p, size);
    return big_endian ? softmmu_swap(v, size) : v;
}

static inline void softmmu_store_host(void *p, uint64_t v, unsigned size, bool big_endian)
{
    if (big_endian)
        v = softmmu_swap(v, size);
    memcpy(p, &v, size);
}

/* The bits of a size-byte value. */
static inline uint64_t softmmu_size_mask(unsigned size)
{
    return size == 8 ? UINT64_MAX : ((uint64_t)1 << (8 * size)) - 1;
}

/* The shift of byte i (in address order) of a size-byte value. */
static inline unsigned softmmu_byte_shift(unsigned i, unsigned size, bool big_endian)
{
    return 8 * (big_endian ? size - 1 - i : i);
}

/* ---- tlb.c ----------------------------------------------------------- */

static inline TlbEntry *tlb_entry_of(SoftTlb *t, uint64_t vaddr, unsigned mmu_idx)
{
    return &t->entry[mmu_idx][(vaddr >> TLB_PAGE_BITS) & (TLB_ENTRIES - 1)];
}

static inline TlbExtra *tlb_extra_of(SoftTlb *t, const TlbEntry *e)
{
    return &t->extra[0][0] + (e - &t->entry[0][0]);
}

/* The entry of vaddr's page in mmu_idx, filled from the guest's walk
 * unless it already serves `access` there; NULL with *fault set when
 * the walk refuses. */
TlbEntry *tlb_entry_try(CpuCommon *cpu, uint64_t vaddr, MemAccess access, unsigned mmu_idx, int *fault);

/* Leave with EXIT_FAULT for a refused access at vaddr (tlb.h's faults). */
noreturn void tlb_raise_fault(CpuCommon *cpu, uint64_t vaddr, int fault, uint64_t insn_pc);

/* ---- code.c ---------------------------------------------------------- */

/* Does the page at offset of a RAM/ROM region hold translated code? */
bool softmmu_page_has_code(const MemoryRegion *mr, uint64_t offset);

/* A store reached entry e, whose tag_write has TLB_CODE: the blocks of
 * its physical page are dropped (if the page still holds any) and the
 * entry takes stores inline again. */
void softmmu_code_written(CpuCommon *cpu, TlbEntry *e);

/* Something other than a guest store (the debugger) wrote the physical
 * range: drop the blocks of its pages. */
void softmmu_phys_written(CpuCommon *cpu, uint64_t paddr, uint64_t len);

/* ---- watch.c --------------------------------------------------------- */

/* Does a watchpoint of a kind in `kinds` lie in the virtual page? */
bool softmmu_watch_in_page(const SoftTlb *t, uint64_t vpage, unsigned kinds);

/* Stop (EXIT_DEBUG at cpu->insn_pc) if the access of size bytes at addr
 * of a kind in `kinds` touches a watchpoint of such a kind. */
void softmmu_watch_check(CpuCommon *cpu, uint64_t addr, unsigned size, unsigned kinds);

#endif
