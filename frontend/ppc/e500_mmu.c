/* frontend/ppc/e500_mmu.c — the e500v2 MMU (e500 core reference manual
 * chapter 12, EREF chapter 6): TLB0 (512 entries, 4-way set associative,
 * 4 KiB pages) and TLB1 (16 entries, fully associative, 4^TSIZE KiB pages,
 * IPROT), the MAS registers' view of them for tlbwe/tlbre/tlbsx/tlbivax
 * and MMUCSR0, and the translation the softmmu asks for (tlb_fill).
 *
 *   MAS0  TLBSEL[2:3] ESEL[12:15] NV[30:31]
 *   MAS1  V[0] IPROT[1] TID[8:15] TS[19] TSIZE[20:23]
 *   MAS2  EPN[0:19] X0 X1 W I M G E[25:31]
 *   MAS3  RPN[0:19] U0-U3[22:25] UX SX UW SW UR SR[26:31]
 *   MAS4  TLBSELD[2:3] TIDSELD[14:15] TSIZED[20:23] X0D..ED[25:31]
 *   MAS6  SPID0[8:15] SAS[31]
 *   MAS7  RPN[28:31]: physical address bits 32:35
 *
 * Memory indexes (IR_MO_IDX): PR | AS << 1, AS being MSR[DS] for data and
 * MSR[IS] for instruction fetch.
 */
#include "frontend/ppc/e500.h"
#include "softmmu/tlb.h"
#include "util/log.h"

enum {
    MAS1_V = 1u << 31, MAS1_IPROT = 1u << 30, MAS1_TS = 1u << 12,
    MAS2_EPN = 0xfffff000u, MAS3_RPN = 0xfffff000u,
    MAS3_UX = 0x20, MAS3_SX = 0x10, MAS3_UW = 0x08, MAS3_SW = 0x04, MAS3_UR = 0x02, MAS3_SR = 0x01,
    MAS6_SAS = 1,
    TSIZE_4K = 1,
    TLBIVAX_INV_ALL = 1u << 2, TLBIVAX_TLB1 = 1u << 3,
    MMUCSR0_TLB0_FI = 1u << 2, MMUCSR0_TLB1_FI = 1u << 1,
};

static unsigned mas0_tlbsel(uint32_t mas0) { return (mas0 >> 28) & 3; }
static unsigned mas0_esel(uint32_t mas0) { return (mas0 >> 16) & 0xf; }
static unsigned mas1_tid(uint32_t mas1) { return (mas1 >> 16) & 0xff; }
static unsigned mas1_tsize(uint32_t mas1) { return (mas1 >> 8) & 0xf; }
static uint32_t mas0_make(unsigned tlbsel, unsigned esel, unsigned nv)
{
    return (uint32_t)tlbsel << 28 | (uint32_t)esel << 16 | (nv & 3);
}

/* Page size of an entry: 4^TSIZE KiB (TLB0 is always 4 KiB). */
static uint64_t entry_size(const PpcTlbEntry *e)
{
    unsigned tsize = mas1_tsize(e->mas1);
    return (uint64_t)1024 << (2 * (tsize ? tsize : TSIZE_4K));
}

static uint64_t entry_paddr(const PpcTlbEntry *e)
{
    return (uint64_t)(e->mas7 & 0xf) << 32 | (e->mas3 & MAS3_RPN);
}

static unsigned tlb0_set(uint32_t ea)
{
    return (ea >> 12) & (PPC_E500_TLB0_SETS - 1);
}

/* Whether valid entry e translates ea in address space as for one of pids
 * (TID 0 is global). */
static bool entry_matches(const PpcTlbEntry *e, uint32_t ea, unsigned as, const uint32_t *pids,
                          unsigned npids)
{
    if (!(e->mas1 & MAS1_V) || !!(e->mas1 & MAS1_TS) != as)
        return false;
    uint64_t size = entry_size(e);
    if (((ea ^ (e->mas2 & MAS2_EPN)) & ~(size - 1) & 0xffffffffu) != 0)
        return false;
    unsigned tid = mas1_tid(e->mas1);
    if (tid == 0)
        return true;
    for (unsigned i = 0; i < npids; i++) {
        if (tid == (pids[i] & 0xff))
            return true;
    }
    return false;
}

/* The entry translating ea: TLB1 first, then ea's TLB0 set; NULL if none.
 * *tlbsel and *esel say where it is. */
static PpcTlbEntry *tlb_lookup(PpcCpu *cpu, uint32_t ea, unsigned as, const uint32_t *pids,
                               unsigned npids, unsigned *tlbsel, unsigned *esel)
{
    PpcBookE *b = &cpu->booke;
    for (unsigned i = 0; i < PPC_E500_TLB1_ENTRIES; i++) {
        if (entry_matches(&b->tlb1[i], ea, as, pids, npids)) {
            *tlbsel = 1;
            *esel = i;
            return &b->tlb1[i];
        }
    }
    PpcTlbEntry *set = b->tlb0[tlb0_set(ea)];
    for (unsigned w = 0; w < PPC_E500_TLB0_WAYS; w++) {
        if (entry_matches(&set[w], ea, as, pids, npids)) {
            *tlbsel = 0;
            *esel = w;
            return &set[w];
        }
    }
    return NULL;
}

/* The entry MAS0 (and for TLB0, MAS2[EPN]) selects; NULL for a TLBSEL the
 * e500 does not have. */
static PpcTlbEntry *mas_selected_entry(PpcCpu *cpu)
{
    PpcBookE *b = &cpu->booke;
    unsigned esel = mas0_esel(b->mas[0]);
    switch (mas0_tlbsel(b->mas[0])) {
    case 0: return &b->tlb0[tlb0_set(b->mas[2])][esel & (PPC_E500_TLB0_WAYS - 1)];
    case 1: return &b->tlb1[esel];
    default: return NULL;
    }
}

void ppc_e500_mappings_changed(PpcCpu *cpu)
{
    if (cpu->common.tlb)
        tlb_flush(&cpu->common);
}

static unsigned mas3_prot(uint32_t mas3, bool pr)
{
    unsigned prot = 0;
    if (mas3 & (pr ? MAS3_UR : MAS3_SR))
        prot |= TLB_PROT_READ;
    if (mas3 & (pr ? MAS3_UW : MAS3_SW))
        prot |= TLB_PROT_WRITE;
    if (mas3 & (pr ? MAS3_UX : MAS3_SX))
        prot |= TLB_PROT_EXEC;
    return prot;
}

static void log_tlbwe(unsigned tlbsel, unsigned index, const PpcTlbEntry *e)
{
    uint32_t p = e->mas3;
    log_printf("mmu: tlbwe tlb%u[%u] ea 0x%08x -> pa 0x%09llx size 0x%llx prot %c%c%c/%c%c%c "
               "tid %u ts %u%s%s\n",
               tlbsel, index, e->mas2 & MAS2_EPN, (unsigned long long)entry_paddr(e),
               (unsigned long long)entry_size(e), p & MAS3_SR ? 'r' : '-',
               p & MAS3_SW ? 'w' : '-', p & MAS3_SX ? 'x' : '-', p & MAS3_UR ? 'r' : '-',
               p & MAS3_UW ? 'w' : '-', p & MAS3_UX ? 'x' : '-', mas1_tid(e->mas1),
               !!(e->mas1 & MAS1_TS), e->mas1 & MAS1_IPROT ? " iprot" : "",
               e->mas1 & MAS1_V ? "" : " invalid");
}

/* tlbwe: the entry MAS0 selects = MAS1-3, MAS7. TLB0 entries are 4 KiB
 * and have no IPROT; MAS0[NV] becomes TLB0's next victim. */
void ppc_e500_tlbwe(PpcCpu *cpu)
{
    PpcBookE *b = &cpu->booke;
    PpcTlbEntry *e = mas_selected_entry(cpu);
    if (!e)
        return;
    unsigned tlbsel = mas0_tlbsel(b->mas[0]);
    uint32_t mas1 = b->mas[1];
    if (tlbsel == 0) {
        mas1 = (mas1 & ~(MAS1_IPROT | 0xf00u)) | TSIZE_4K << 8;
        b->tlb0_nv = b->mas[0] & 3;
    }
    *e = (PpcTlbEntry){.mas1 = mas1, .mas2 = b->mas[2], .mas3 = b->mas[3], .mas7 = b->mas[7] & 0xf};
    if (log_enabled(LOG_MMU)) {
        unsigned index = tlbsel ? mas0_esel(b->mas[0])
                                : tlb0_set(b->mas[2]) * PPC_E500_TLB0_WAYS + (mas0_esel(b->mas[0]) & 3);
        log_tlbwe(tlbsel, index, e);
    }
    ppc_e500_mappings_changed(cpu);
}

/* tlbre: MAS1-3, MAS7 = the entry MAS0 selects; MAS0[NV] = TLB0's next
 * victim. */
void ppc_e500_tlbre(PpcCpu *cpu)
{
    PpcBookE *b = &cpu->booke;
    const PpcTlbEntry *e = mas_selected_entry(cpu);
    if (!e)
        return;
    b->mas[0] = (b->mas[0] & ~3u) | (b->tlb0_nv & 3);
    b->mas[1] = e->mas1;
    b->mas[2] = e->mas2;
    b->mas[3] = e->mas3;
    b->mas[7] = e->mas7;
}

static unsigned mas4_tlbseld(uint32_t mas4) { return (mas4 >> 28) & 3; }
static unsigned mas4_tsized(uint32_t mas4) { return (mas4 >> 8) & 0xf; }

/* MAS1 with V clear, TID, TS and MAS4's default TSIZE; MAS2 EPN with
 * MAS4's default attributes; MAS3, MAS7 zero; MAS0 selects the TLB MAS4
 * defaults to and, in TLB0, the next victim. */
static void mas_defaults(PpcCpu *cpu, uint32_t ea, unsigned tid, unsigned as)
{
    PpcBookE *b = &cpu->booke;
    uint32_t mas4 = b->mas[4];
    unsigned tlbsel = mas4_tlbseld(mas4), nv = b->tlb0_nv & 3;
    b->mas[0] = mas0_make(tlbsel, tlbsel == 0 ? nv : 0, tlbsel == 0 ? nv + 1 : nv);
    b->mas[1] = (uint32_t)(tid & 0xff) << 16 | (as ? MAS1_TS : 0) | mas4_tsized(mas4) << 8;
    b->mas[2] = (ea & MAS2_EPN) | (mas4 & 0x7f);
    b->mas[3] = 0;
    b->mas[7] = 0;
}

/* tlbsx: find ea for MAS6's SPID0 and SAS. A hit reads the entry into
 * the MAS registers (with MAS0 naming it); a miss leaves MAS4's defaults
 * with V = 0 (e500 core reference manual, table 12-18). */
void ppc_e500_tlbsx(PpcCpu *cpu, uint32_t ea)
{
    PpcBookE *b = &cpu->booke;
    uint32_t spid = (b->mas[6] >> 16) & 0xff;
    unsigned as = b->mas[6] & MAS6_SAS, tlbsel, esel;
    const PpcTlbEntry *e = tlb_lookup(cpu, ea, as, &spid, 1, &tlbsel, &esel);
    if (!e) {
        mas_defaults(cpu, ea, spid, as);
        return;
    }
    b->mas[0] = mas0_make(tlbsel, esel, b->tlb0_nv);
    b->mas[1] = e->mas1;
    b->mas[2] = e->mas2;
    b->mas[3] = e->mas3;
    b->mas[7] = e->mas7;
}

/* A TLB miss exception: MAS0-3, MAS6, MAS7 as MAS4 defaults them, TID
 * from the PID TIDSELD names (3: TID 0), MAS6 from PID0 and the address
 * space (e500 core reference manual, table 12-17). */
void ppc_e500_tlb_miss_mas(PpcCpu *cpu, uint32_t ea, bool fetch)
{
    PpcBookE *b = &cpu->booke;
    unsigned tidsel = (b->mas[4] >> 16) & 3;
    unsigned tid = tidsel < 3 ? b->pid[tidsel] & 0xff : 0;
    unsigned as = !!(b->msr & (fetch ? MSR_IS : MSR_DS));
    mas_defaults(cpu, ea, tid, as);
    b->mas[1] |= MAS1_V;
    b->mas[6] = (b->pid[0] & 0xff) << 16 | as;
    b->tlb0_nv = (b->tlb0_nv + 1) & 3;
}

/* Invalidate every entry of one TLB (all of them, or those holding ea),
 * sparing IPROT entries. */
static void tlb_invalidate(PpcTlbEntry *entries, unsigned n, bool all, uint32_t ea)
{
    for (unsigned i = 0; i < n; i++) {
        PpcTlbEntry *e = &entries[i];
        if (!(e->mas1 & MAS1_V) || (e->mas1 & MAS1_IPROT))
            continue;
        uint64_t size = entry_size(e);
        if (all || ((ea ^ (e->mas2 & MAS2_EPN)) & ~(size - 1) & 0xffffffffu) == 0)
            e->mas1 &= ~MAS1_V;
    }
}

/* tlbivax: EA[28] selects TLB1, EA[29] invalidates all of it; otherwise
 * the entries holding EA's page, whatever their TID and TS. */
void ppc_e500_tlbivax(PpcCpu *cpu, uint32_t ea)
{
    PpcBookE *b = &cpu->booke;
    bool all = ea & TLBIVAX_INV_ALL;
    if (ea & TLBIVAX_TLB1)
        tlb_invalidate(b->tlb1, PPC_E500_TLB1_ENTRIES, all, ea);
    else
        tlb_invalidate(&b->tlb0[0][0], PPC_E500_TLB0_SETS * PPC_E500_TLB0_WAYS, all, ea);
    ppc_e500_mappings_changed(cpu);
}

/* MMUCSR0: TLB0_FI / TLB1_FI flash-invalidate (IPROT spared) and clear
 * themselves. */
void ppc_e500_write_mmucsr0(PpcCpu *cpu, uint32_t value)
{
    PpcBookE *b = &cpu->booke;
    if (value & MMUCSR0_TLB0_FI)
        tlb_invalidate(&b->tlb0[0][0], PPC_E500_TLB0_SETS * PPC_E500_TLB0_WAYS, true, 0);
    if (value & MMUCSR0_TLB1_FI)
        tlb_invalidate(b->tlb1, PPC_E500_TLB1_ENTRIES, true, 0);
    b->mmucsr0 = 0;
    ppc_e500_mappings_changed(cpu);
}

static const unsigned access_prot[] = {
    [MEM_READ] = TLB_PROT_READ, [MEM_WRITE] = TLB_PROT_WRITE, [MEM_FETCH] = TLB_PROT_EXEC,
};

int ppc_e500_tlb_fill(CpuCommon *common, uint64_t vaddr, MemAccess access, unsigned mmu_idx,
                      TlbFill *out)
{
    PpcCpu *cpu = (PpcCpu *)common;
    bool pr = mmu_idx & 1;
    unsigned as = (mmu_idx >> 1) & 1, tlbsel, esel;
    uint32_t ea = (uint32_t)vaddr;
    const PpcTlbEntry *e = tlb_lookup(cpu, ea, as, cpu->booke.pid, 3, &tlbsel, &esel);
    if (!e)
        return e500_fault_code(E500_FAULT_MISS, access);
    unsigned prot = mas3_prot(e->mas3, pr);
    if (!(prot & access_prot[access]))
        return e500_fault_code(E500_FAULT_PERM, access);
    uint64_t size = entry_size(e);
    out->paddr = (entry_paddr(e) & ~(size - 1)) | (ea & (size - 1));
    out->prot = prot;
    out->page_size = size < TLB_PAGE_SIZE ? TLB_PAGE_SIZE : size;
    return 0;
}
