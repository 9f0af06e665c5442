/* frontend/x86/sys_mmu.c — x86 paging (SDM vol. 3 chapter 4): the page
 * walk the soft TLB calls (x86_sys_tlb_fill) in every paging mode.
 *
 *   CR0.PG=0                  linear = physical (A20 mask applied)
 *   32-bit     CR3 ─► PDE ─► PTE             4 KiB, or 4 MiB with PS (CR4.PSE)
 *   PAE        CR3 ─► PDPTE ─► PDE ─► PTE    4 KiB, or 2 MiB with PS
 *   4-level    CR3 ─► PML4E ─► PDPTE ─► PDE ─► PTE
 *                                            4 KiB, 2 MiB or 1 GiB with PS
 *
 * Rights combine over the levels (R/W and U/S both must allow, XD of any
 * level forbids a fetch when EFER.NXE); supervisor writes ignore R/W
 * unless CR0.WP; SMEP and SMAP are not modelled. The walk sets the A bit
 * of every entry it used and, for a write, the D bit of the page's
 * entry; a fill for a read or fetch of a clean page does not grant
 * writes, so that the first write comes back here to set D. Debugger
 * walks set A bits too (they are probes of the same walk).
 *
 * The PAE PDPTEs are read from memory at each walk, where a cpu caches
 * them when CR3 is loaded; a guest that changes them without reloading
 * CR3 sees the change at once (no real guest relies on the difference).
 *
 * Physical addresses are 40 bits wide (CPUID 0x80000008's MAXPHYADDR).
 */
#include "frontend/x86/sys.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"

enum {
    PTE_P = 1u << 0, PTE_RW = 1u << 1, PTE_US = 1u << 2, PTE_A = 1u << 5, PTE_D = 1u << 6,
    PTE_PS = 1u << 7,
};
#define PTE_XD (1ull << 63)
#define PHYS_MASK ((1ull << 40) - 1)

/* #PF error code bits (SDM §4.7). */
enum { PF_P = 1u << 0, PF_W = 1u << 1, PF_U = 1u << 2, PF_RSVD = 1u << 3, PF_ID = 1u << 4 };

/* One paging mode: how many levels, the width of an entry, the bits of
 * the linear address each level indexes, and where large pages may be. */
typedef struct PagingMode {
    unsigned levels;
    unsigned entry_bytes;
    unsigned index_bits;    /* per level */
    unsigned page_bits;     /* the 4 KiB level's offset bits */
    unsigned large_levels;  /* bit n set: level n (0 = the page table) may map a large page */
} PagingMode;

static const PagingMode mode_32bit = {2, 4, 10, 12, 1u << 1};
static const PagingMode mode_pae = {2, 8, 9, 12, 1u << 1}; /* below the PDPTEs */
static const PagingMode mode_4level = {4, 8, 9, 12, 1u << 1 | 1u << 2};

/* A walk in progress: the rights so far and where the entries are. */
typedef struct Walk {
    X86Cpu *cpu;
    bool writable, user, exec;
    uint64_t entry_addr[4];
    uint64_t entry[4];
    unsigned used;          /* entries read */
} Walk;

static uint64_t phys(const X86Cpu *cpu, uint64_t addr)
{
    return addr & cpu->sys.a20_mask;
}

static uint64_t read_entry(Walk *w, uint64_t addr, unsigned bytes)
{
    unsigned memop = bytes == 8 ? IR_MO_64 : IR_MO_32;
    uint64_t e = as_ld(w->cpu->common.tlb->as, phys(w->cpu, addr), memop);
    w->entry_addr[w->used] = addr;
    w->entry[w->used++] = e;
    return e;
}

/* Reserved bits of a present entry at `level` (large: it maps a page). */
static uint64_t reserved_bits(const X86Cpu *cpu, const PagingMode *m, unsigned level, bool large)
{
    if (m == &mode_32bit)
        return large ? 1u << 21 : 0; /* PSE-36 with 40 physical bits: bits 13+8..21 */
    uint64_t rsvd = 0xfffull << 40; /* above MAXPHYADDR, below the ignored bits 52-62 */
    if (!(cpu->sys.efer & X86_EFER_NXE))
        rsvd |= PTE_XD;
    if (large)
        rsvd |= ((1ull << (level * m->index_bits - 1)) - 1) << 13; /* above PAT, below the page's base */
    else if (m == &mode_4level && level == 3)
        rsvd |= PTE_PS;           /* PML4E */
    return rsvd;
}

/* The physical base of the page or table an entry points to. */
static uint64_t entry_target(const PagingMode *m, uint64_t e, uint64_t size)
{
    if (m == &mode_32bit && size == (1u << 22))
        return (e & 0xffc00000u) | ((e >> 13) & 0xff) << 32; /* PSE-36 */
    return e & PHYS_MASK & ~(size - 1);
}

static int page_fault(uint32_t code) { return X86_FAULT_PF | (int)code; }

/* Whether the rights the walk collected allow the access (user: from
 * X86_MMU_USER). */
static bool allowed(const X86Cpu *cpu, const Walk *w, MemAccess access, bool user)
{
    if (user && !w->user)
        return false;
    if (access == MEM_WRITE && !w->writable && (user || (cpu->sys.cr0 & X86_CR0_WP)))
        return false;
    return !(access == MEM_FETCH && !w->exec);
}

/* Set A in every entry used, D in the page's entry for a write. */
static void mark_used(Walk *w, MemAccess access)
{
    AddressSpace *as = w->cpu->common.tlb->as;
    for (unsigned i = 0; i < w->used; i++) {
        uint64_t e = w->entry[i];
        uint64_t set = PTE_A | (i == w->used - 1 && access == MEM_WRITE ? PTE_D : 0);
        if ((e & set) != set)
            as_st(as, phys(w->cpu, w->entry_addr[i]), (uint32_t)(e | set), IR_MO_32);
    }
}

static int walk(X86Cpu *cpu, const PagingMode *m, uint64_t table, uint64_t vaddr, MemAccess access,
                bool user, TlbFill *out)
{
    Walk w = {.cpu = cpu, .writable = true, .user = true, .exec = true};
    uint32_t err = (access == MEM_WRITE ? PF_W : 0) | (user ? PF_U : 0);
    bool nx_mode = m != &mode_32bit && (cpu->sys.efer & X86_EFER_NXE);
    if (access == MEM_FETCH && nx_mode)
        err |= PF_ID;
    for (int level = (int)m->levels - 1; level >= 0; level--) {
        unsigned shift = m->page_bits + (unsigned)level * m->index_bits;
        uint64_t index = (vaddr >> shift) & ((1u << m->index_bits) - 1);
        uint64_t e = read_entry(&w, table + index * m->entry_bytes, m->entry_bytes);
        if (!(e & PTE_P))
            return page_fault(err);
        bool large = (m->large_levels >> level & 1) && (e & PTE_PS) &&
                     (m != &mode_32bit || (cpu->sys.cr4 & X86_CR4_PSE));
        if (e & reserved_bits(cpu, m, (unsigned)level, large))
            return page_fault(err | PF_P | PF_RSVD);
        w.writable &= !!(e & PTE_RW);
        w.user &= !!(e & PTE_US);
        w.exec &= !(nx_mode && (e & PTE_XD));
        uint64_t size = 1ull << shift;
        if (large || level == 0) {
            if (!allowed(cpu, &w, access, user))
                return page_fault(err | PF_P);
            mark_used(&w, access);
            bool may_write = (w.writable || (!user && !(cpu->sys.cr0 & X86_CR0_WP))) &&
                             (access == MEM_WRITE || (e & PTE_D));
            out->paddr = phys(cpu, entry_target(m, e, size) | (vaddr & (size - 1)));
            out->prot = TLB_PROT_READ | (may_write ? TLB_PROT_WRITE : 0) | (w.exec ? TLB_PROT_EXEC : 0);
            out->page_size = size;
            return 0;
        }
        table = e & PHYS_MASK & ~0xfffull;
    }
    return page_fault(err); /* not reached: level 0 always maps a page */
}

/* PAE's first level: four PDPTEs at CR3 (bits 31:5), no rights bits. */
static int walk_pae(X86Cpu *cpu, uint64_t vaddr, MemAccess access, bool user, TlbFill *out)
{
    uint32_t err = (access == MEM_WRITE ? PF_W : 0) | (user ? PF_U : 0) |
                   (access == MEM_FETCH && (cpu->sys.efer & X86_EFER_NXE) ? PF_ID : 0);
    uint64_t addr = (cpu->sys.cr3 & 0xffffffe0u) + ((vaddr >> 30) & 3) * 8;
    uint64_t pdpte = as_ld(cpu->common.tlb->as, phys(cpu, addr), IR_MO_64);
    if (!(pdpte & PTE_P))
        return page_fault(err);
    const uint64_t pdpte_reserved = 0x1e6 | 0xffffffull << 40;
    if (pdpte & pdpte_reserved)
        return page_fault(err | PF_P | PF_RSVD);
    return walk(cpu, &mode_pae, pdpte & PHYS_MASK & ~0xfffull, vaddr, access, user, out);
}

static bool canonical(uint64_t vaddr)
{
    return (uint64_t)((int64_t)(vaddr << 16) >> 16) == vaddr;
}

int x86_sys_tlb_fill(CpuCommon *common, uint64_t vaddr, MemAccess access, unsigned mmu_idx,
                     TlbFill *out)
{
    X86Cpu *cpu = (X86Cpu *)common;
    X86Sys *s = &cpu->sys;
    bool user = mmu_idx == X86_MMU_USER;
    if (s->efer & X86_EFER_LMA) {
        if (!canonical(vaddr))
            return X86_FAULT_GP;
    } else {
        vaddr = (uint32_t)vaddr;
    }
    if (!(s->cr0 & X86_CR0_PG)) {
        out->paddr = phys(cpu, vaddr);
        out->prot = TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC;
        out->page_size = TLB_PAGE_SIZE;
        return 0;
    }
    if (s->efer & X86_EFER_LMA)
        return walk(cpu, &mode_4level, s->cr3 & PHYS_MASK & ~0xfffull, vaddr, access, user, out);
    if (s->cr4 & X86_CR4_PAE)
        return walk_pae(cpu, vaddr, access, user, out);
    return walk(cpu, &mode_32bit, s->cr3 & 0xfffff000u, vaddr, access, user, out);
}
