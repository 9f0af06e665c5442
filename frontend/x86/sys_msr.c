/* frontend/x86/sys_msr.c — the model-specific registers of the system
 * cpu (rdmsr/wrmsr: one table, a row per MSR or run of MSRs) and the
 * control registers as mov to CRn changes them (mode switches, TLB
 * flushes, tb_flags).
 *
 * Most MSRs are plain storage in X86Sys; a row names its slot. A few
 * have effects (EFER, the TSC, the FS/GS bases) and name functions.
 * Numbers and reset values from the SDM vol. 4 (MSR tables) and vol. 3
 * (§11.11 MTRRs, §11.12 PAT, §2.5 control registers).
 */
#include <inttypes.h>
#include <stddef.h>

#include "frontend/x86/helpers.h"
#include "frontend/x86/sys.h"
#include "softmmu/tlb.h"
#include "util/log.h"

enum {
    MSR_TSC = 0x10,
    MSR_APIC_BASE = 0x1b,
    MSR_TSC_ADJUST = 0x3b,
    MSR_MTRRCAP = 0xfe,
    MSR_SYSENTER_CS = 0x174,
    MSR_SYSENTER_ESP = 0x175,
    MSR_SYSENTER_EIP = 0x176,
    MSR_MCG_CAP = 0x179,
    MSR_MCG_STATUS = 0x17a,
    MSR_MISC_ENABLE = 0x1a0,
    MSR_MTRR_PHYS_FIRST = 0x200, /* PHYSBASE0, PHYSMASK0, ... PHYSMASK7 */
    MSR_MTRR_FIX64K = 0x250,
    MSR_MTRR_FIX16K = 0x258, /* 0x258, 0x259 */
    MSR_MTRR_FIX4K = 0x268,  /* 0x268 .. 0x26f */
    MSR_PAT = 0x277,
    MSR_MTRR_DEF_TYPE = 0x2ff,
    MSR_EFER = 0xc0000080u,
    MSR_STAR = 0xc0000081u,
    MSR_LSTAR = 0xc0000082u,
    MSR_CSTAR = 0xc0000083u,
    MSR_SFMASK = 0xc0000084u,
    MSR_FS_BASE = 0xc0000100u,
    MSR_GS_BASE = 0xc0000101u,
    MSR_KERNEL_GS_BASE = 0xc0000102u,
    MSR_TSC_AUX = 0xc0000103u,
};

enum {
    APIC_BASE_DEFAULT = 0xfee00000u,
    APIC_BASE_BSP = 1u << 8,
    APIC_BASE_ENABLE = 1u << 11,
    MTRRCAP_VALUE = 8 | 1u << 8 | 1u << 10, /* 8 variable ranges, fixed ranges, write-combining */
    MISC_ENABLE_FAST_STRINGS = 1,
    EFER_WRITABLE = X86_EFER_SCE | X86_EFER_LME | X86_EFER_NXE,
};
#define PAT_RESET 0x0007040600070406ull

typedef struct MsrRow {
    uint32_t first, count; /* MSRs first .. first + count - 1 */
    const char *name;
    uint32_t slot; /* storage: byte offset in X86Cpu of the first one's uint64_t; 0 none */
    bool read_only;
    uint64_t (*read)(X86Cpu *cpu, uint32_t msr);              /* NULL: the slot */
    bool (*write)(X86Cpu *cpu, uint32_t msr, uint64_t value); /* NULL: the slot */
} MsrRow;

#define SYS_SLOT(field) ((uint32_t)offsetof(X86Cpu, sys.field))

static uint64_t *slot_of(X86Cpu *cpu, const MsrRow *row, uint32_t msr)
{
    return (uint64_t *)((char *)cpu + row->slot) + (msr - row->first);
}

/* ---- MSRs with effects ----------------------------------------------------- */

static uint64_t read_tsc(X86Cpu *cpu, uint32_t msr)
{
    (void)msr;
    return x86_host_ns() - cpu->tsc_base;
}

static bool write_tsc(X86Cpu *cpu, uint32_t msr, uint64_t value)
{
    (void)msr;
    cpu->tsc_base = x86_host_ns() - value;
    return true;
}

static uint64_t read_zero(X86Cpu *cpu, uint32_t msr)
{
    (void)cpu, (void)msr;
    return 0;
}

static uint64_t read_mtrrcap(X86Cpu *cpu, uint32_t msr)
{
    (void)cpu, (void)msr;
    return MTRRCAP_VALUE;
}

static void flush_tlb(X86Cpu *cpu)
{
    if (cpu->common.tlb)
        tlb_flush(&cpu->common);
}

/* EFER (SDM vol. 3 §2.2.1): LMA is the cpu's, set while LME and CR0.PG;
 * LME cannot change while paging is on. */
static bool write_efer(X86Cpu *cpu, uint32_t msr, uint64_t value)
{
    (void)msr;
    X86Sys *s = &cpu->sys;
    if (value & ~(uint64_t)(EFER_WRITABLE | X86_EFER_LMA))
        return false;
    if ((s->cr0 & X86_CR0_PG) && ((value ^ s->efer) & X86_EFER_LME))
        return false;
    uint64_t old = s->efer;
    s->efer = (value & EFER_WRITABLE) | (old & X86_EFER_LMA);
    if ((old ^ s->efer) & X86_EFER_NXE)
        flush_tlb(cpu);
    x86_sys_update_tb_flags(cpu);
    return true;
}

static bool is_canonical(uint64_t a)
{
    return (uint64_t)(((int64_t)a << 16) >> 16) == a;
}

/* IA32_APIC_BASE: the board moves or switches its local APIC. */
static bool write_apic_base(X86Cpu *cpu, uint32_t msr, uint64_t value)
{
    (void)msr;
    cpu->sys.apic_base = value;
    if (cpu->sys.board.apic_base_changed)
        cpu->sys.board.apic_base_changed(cpu->common.owner, value);
    return true;
}

/* FS.base, GS.base, KERNEL_GS_BASE: canonical addresses only. */
static bool write_canonical(X86Cpu *cpu, uint32_t msr, uint64_t value);

static const MsrRow msr_table[] = {
    {MSR_TSC, 1, "TSC", 0, false, read_tsc, write_tsc},
    {MSR_APIC_BASE, 1, "APIC_BASE", SYS_SLOT(apic_base), false, NULL, write_apic_base},
    {MSR_TSC_ADJUST, 1, "TSC_ADJUST", SYS_SLOT(tsc_adjust), false, NULL, NULL},
    {MSR_MTRRCAP, 1, "MTRRCAP", 0, true, read_mtrrcap, NULL},
    {MSR_SYSENTER_CS, 1, "SYSENTER_CS", SYS_SLOT(sysenter_cs), false, NULL, NULL},
    {MSR_SYSENTER_ESP, 1, "SYSENTER_ESP", SYS_SLOT(sysenter_esp), false, NULL, NULL},
    {MSR_SYSENTER_EIP, 1, "SYSENTER_EIP", SYS_SLOT(sysenter_eip), false, NULL, NULL},
    {MSR_MCG_CAP, 1, "MCG_CAP", 0, true, read_zero, NULL},
    {MSR_MCG_STATUS, 1, "MCG_STATUS", 0, false, read_zero, NULL},
    {MSR_MISC_ENABLE, 1, "MISC_ENABLE", SYS_SLOT(misc_enable), false, NULL, NULL},
    {MSR_MTRR_PHYS_FIRST, 16, "MTRR_PHYS", SYS_SLOT(mtrr_var), false, NULL, NULL},
    {MSR_MTRR_FIX64K, 1, "MTRR_FIX64K", SYS_SLOT(mtrr_fixed[0]), false, NULL, NULL},
    {MSR_MTRR_FIX16K, 2, "MTRR_FIX16K", SYS_SLOT(mtrr_fixed[1]), false, NULL, NULL},
    {MSR_MTRR_FIX4K, 8, "MTRR_FIX4K", SYS_SLOT(mtrr_fixed[3]), false, NULL, NULL},
    {MSR_PAT, 1, "PAT", SYS_SLOT(pat), false, NULL, NULL},
    {MSR_MTRR_DEF_TYPE, 1, "MTRR_DEF_TYPE", SYS_SLOT(mtrr_def_type), false, NULL, NULL},
    {MSR_EFER, 1, "EFER", SYS_SLOT(efer), false, NULL, write_efer},
    {MSR_STAR, 1, "STAR", SYS_SLOT(star), false, NULL, NULL},
    {MSR_LSTAR, 1, "LSTAR", SYS_SLOT(lstar), false, NULL, write_canonical},
    {MSR_CSTAR, 1, "CSTAR", SYS_SLOT(cstar), false, NULL, write_canonical},
    {MSR_SFMASK, 1, "SFMASK", SYS_SLOT(sfmask), false, NULL, NULL},
    {MSR_FS_BASE, 1, "FS_BASE", (uint32_t)X86_SEG_BASE_OFF(X86_FS), false, NULL, write_canonical},
    {MSR_GS_BASE, 1, "GS_BASE", (uint32_t)X86_SEG_BASE_OFF(X86_GS), false, NULL, write_canonical},
    {MSR_KERNEL_GS_BASE, 1, "KERNEL_GS_BASE", SYS_SLOT(kernel_gs_base), false, NULL, write_canonical},
    {MSR_TSC_AUX, 1, "TSC_AUX", SYS_SLOT(tsc_aux), false, NULL, NULL},
};

static const MsrRow *find_msr(uint32_t msr)
{
    for (size_t i = 0; i < sizeof(msr_table) / sizeof(msr_table[0]); i++) {
        if (msr - msr_table[i].first < msr_table[i].count)
            return &msr_table[i];
    }
    return NULL;
}

static bool write_canonical(X86Cpu *cpu, uint32_t msr, uint64_t value)
{
    if (!is_canonical(value))
        return false;
    *slot_of(cpu, find_msr(msr), msr) = value;
    return true;
}

bool x86_sys_rdmsr(X86Cpu *cpu, uint32_t msr, uint64_t *value)
{
    const MsrRow *row = find_msr(msr);
    if (!row) {
        if (log_enabled(LOG_UNIMP))
            log_printf("rdmsr: unknown MSR 0x%x (#GP)\n", msr);
        return false;
    }
    *value = row->read ? row->read(cpu, msr) : *slot_of(cpu, row, msr);
    return true;
}

bool x86_sys_wrmsr(X86Cpu *cpu, uint32_t msr, uint64_t value)
{
    const MsrRow *row = find_msr(msr);
    if (!row || row->read_only) {
        if (log_enabled(LOG_UNIMP))
            log_printf("wrmsr: %s MSR 0x%x value 0x%" PRIx64 " (#GP)\n", row ? "read-only" : "unknown", msr,
                       value);
        return false;
    }
    if (row->write)
        return row->write(cpu, msr, value);
    if (row->slot)
        *slot_of(cpu, row, msr) = value;
    return true;
}

void x86_sys_msr_reset(X86Cpu *cpu)
{
    X86Sys *s = &cpu->sys;
    s->apic_base = APIC_BASE_DEFAULT | APIC_BASE_BSP | APIC_BASE_ENABLE;
    s->pat = PAT_RESET;
    s->misc_enable = MISC_ENABLE_FAST_STRINGS;
}

/* ---- control registers ------------------------------------------------------------ */

enum {
    CR4_SUPPORTED = X86_CR4_VME | X86_CR4_PVI | X86_CR4_TSD | X86_CR4_DE | X86_CR4_PSE | X86_CR4_PAE |
                    X86_CR4_MCE | X86_CR4_PGE | X86_CR4_PCE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT,
    CR4_PAGING_BITS = X86_CR4_PSE | X86_CR4_PAE | X86_CR4_PGE,
    CR0_PAGING_BITS = X86_CR0_PE | X86_CR0_PG | X86_CR0_WP,
};

/* CR0 (SDM vol. 3 §2.5, §9.8.5): PG needs PE, NW needs CD, long mode
 * (LME, PG) needs CR4.PAE; turning PG on or off with LME sets or clears
 * EFER.LMA. ET is fixed at 1. */
static bool write_cr0(X86Cpu *cpu, uint64_t value)
{
    X86Sys *s = &cpu->sys;
    if (value >> 32)
        return false;
    value |= X86_CR0_ET;
    if ((value & X86_CR0_PG) && !(value & X86_CR0_PE))
        return false;
    if ((value & X86_CR0_NW) && !(value & X86_CR0_CD))
        return false;
    bool paging_on = (value & X86_CR0_PG) && !(s->cr0 & X86_CR0_PG);
    if (paging_on && (s->efer & X86_EFER_LME) && !(s->cr4 & X86_CR4_PAE))
        return false;
    uint64_t old = s->cr0;
    s->cr0 = value;
    if ((value & X86_CR0_PG) && (s->efer & X86_EFER_LME))
        s->efer |= X86_EFER_LMA;
    else
        s->efer &= ~(uint64_t)X86_EFER_LMA;
    if ((old ^ value) & CR0_PAGING_BITS)
        flush_tlb(cpu);
    return true;
}

static bool write_cr4(X86Cpu *cpu, uint64_t value)
{
    X86Sys *s = &cpu->sys;
    if (value & ~(uint64_t)CR4_SUPPORTED)
        return false;
    if ((s->efer & X86_EFER_LMA) && !(value & X86_CR4_PAE))
        return false;
    uint64_t old = s->cr4;
    s->cr4 = value;
    if ((old ^ value) & CR4_PAGING_BITS)
        flush_tlb(cpu);
    return true;
}

bool x86_sys_write_cr(X86Cpu *cpu, unsigned n, uint64_t value)
{
    X86Sys *s = &cpu->sys;
    bool ok = true;
    switch (n) {
    case 0:
        ok = write_cr0(cpu, value);
        break;
    case 2:
        s->cr2 = value;
        break;
    case 3:
        s->cr3 = value;
        flush_tlb(cpu);
        break;
    case 4:
        ok = write_cr4(cpu, value);
        break;
    case 8:
        if (value & ~0xfull)
            return false;
        s->cr8 = value;
        break;
    default:
        return false;
    }
    x86_sys_update_tb_flags(cpu);
    return ok;
}
