/* frontend/x86/sys_guest.c — the x86 cpu of system mode as boards see it:
 * x86_pc_guest ("x86_64-pc") and its GuestSysOps, the power-on reset,
 * the mode bits translated code depends on (tb_flags), the privilege
 * level, the A20 gate and the register dump.
 *
 * pc is linear in system mode (sys.h): CS.base + rIP. Translated blocks
 * are keyed by it and by tb_flags, which carry every mode bit the
 * translator reads (x86_sys_tb_flags below) and CS.base >> 4 (its low 15
 * bits), so that two real-mode code segments reaching one linear
 * address (IP-relative values differ) never share a block.
 */
#include <elf.h>
#include <inttypes.h>
#include <string.h>

#include "frontend/x86/decode.h"
#include "frontend/x86/disas.h"
#include "frontend/x86/helpers.h"
#include "frontend/x86/sys.h"
#include "frontend/x86/sys_gdb.h"
#include "frontend/x86/x87.h"
#include "softmmu/tlb.h"

/* SDM vol. 3 §9.1.1, table 9-1: the state after RESET. */
enum {
    X86_RESET_CS_SEL = 0xf000,
    X86_RESET_CS_BASE = 0xffff0000u,
    X86_RESET_IP = 0xfff0,
    X86_RESET_CR0 = 0x60000010u, /* CD, NW, ET */
    X86_RESET_DR6 = 0xffff0ff0u,
    X86_RESET_DR7 = 0x400,
    X86_REAL_LIMIT = 0xffff,
    /* present, S, DPL 0, read/write data (accessed) or execute/read code */
    X86_REAL_DATA_FLAGS = X86_SEG_P | X86_SEG_S | 0x3,
    X86_REAL_CODE_FLAGS = X86_SEG_P | X86_SEG_S | 0xb,
    X86_SYS_LDT_FLAGS = X86_SEG_P | 0x2, /* LDT */
    X86_SYS_TSS_FLAGS = X86_SEG_P | 0xb, /* busy 32/64-bit TSS */
};

/* Bits x86_sys_tb_flags computes; the rest (x87/SSE execution modes,
 * the interrupt shadow) belong to whoever sets them and are kept. */
#define X86_SYS_MODE_BITS                                                                                    \
    (X86_TBF_LONG | X86_TBF_CS32 | X86_TBF_SYS | X86_TBF_PE | X86_TBF_VM86 | X86_TBF_SS32 | X86_TBF_ADDSEG | \
     X86_TBF_CPL | X86_TBF_TF | 0x7fffu << X86_TBF_CSBASE_SHIFT)

unsigned x86_sys_cpl(const X86Cpu *cpu)
{
    if (!(cpu->sys.cr0 & X86_CR0_PE))
        return 0;
    if (cpu->eflags & X86_VM)
        return 3;
    return cpu->seg_sel[X86_CS] & 3;
}

static bool long_mode_active(const X86Cpu *cpu)
{
    return (cpu->sys.efer & X86_EFER_LMA) && (cpu->sys.seg[X86_CS].flags & X86_SEG_L);
}

/* Outside 64-bit mode: does any of DS/ES/SS have a nonzero base? */
static bool needs_addseg(const X86Cpu *cpu)
{
    if (!(cpu->sys.cr0 & X86_CR0_PE) || (cpu->eflags & X86_VM))
        return true;
    return (cpu->seg_base[X86_DS] | cpu->seg_base[X86_ES] | cpu->seg_base[X86_SS]) != 0;
}

uint32_t x86_sys_tb_flags(const X86Cpu *cpu)
{
    const X86Sys *s = &cpu->sys;
    uint32_t f = X86_TBF_SYS | x86_sys_cpl(cpu) << X86_TBF_CPL_SHIFT;
    bool protected_mode = s->cr0 & X86_CR0_PE, vm86 = protected_mode && (cpu->eflags & X86_VM);
    if (long_mode_active(cpu)) {
        f |= X86_TBF_LONG | X86_TBF_SS32;
    } else {
        if (protected_mode && !vm86 && (s->seg[X86_CS].flags & X86_SEG_DB))
            f |= X86_TBF_CS32;
        if (protected_mode && !vm86 && (s->seg[X86_SS].flags & X86_SEG_DB))
            f |= X86_TBF_SS32;
        if (needs_addseg(cpu))
            f |= X86_TBF_ADDSEG;
    }
    if (protected_mode)
        f |= X86_TBF_PE;
    if (vm86)
        f |= X86_TBF_VM86;
    if (cpu->eflags & X86_TF)
        f |= X86_TBF_TF;
    f |= (uint32_t)((cpu->seg_base[X86_CS] >> 4) & 0x7fff) << X86_TBF_CSBASE_SHIFT;
    return f;
}

void x86_sys_update_tb_flags(X86Cpu *cpu)
{
    uint32_t kept = cpu->common.tb_flags & ~(uint32_t)X86_SYS_MODE_BITS;
    cpu->common.tb_flags = kept | x86_sys_tb_flags(cpu);
}

void x86_sys_set_a20(CpuCommon *common, bool enabled)
{
    X86Cpu *cpu = (X86Cpu *)common;
    uint64_t mask = enabled ? ~0ull : ~(1ull << 20);
    if (cpu->sys.a20_mask == mask)
        return;
    cpu->sys.a20_mask = mask;
    if (common->tlb)
        tlb_flush(common);
}

/* ---- reset ------------------------------------------------------------------- */

static void reset_segment(X86Cpu *cpu, int seg, uint16_t sel, uint64_t base, uint32_t flags)
{
    cpu->seg_sel[seg] = sel;
    cpu->seg_base[seg] = base;
    cpu->sys.seg[seg] = (X86SegCache){.limit = X86_REAL_LIMIT, .flags = flags};
}

/* EDX after RESET: the family, model and stepping CPUID leaf 1 reports. */
static uint32_t reset_edx(void)
{
    uint32_t id[4];
    x86_cpuid(1, 0, id);
    return id[0];
}

/* Power-on RESET (SDM vol. 3 §9.1.1): real mode at F000:FFF0 with CS.base
 * 0xFFFF0000, every other segment 0 with limit 0xFFFF, CR0 0x60000010,
 * EFLAGS 2, EDX the processor signature, the TSC at 0, A20 enabled (the
 * board's gate starts so), the MSRs at their reset values. The board's
 * wiring (X86Sys.board) and the INTR line's level survive. */
static void x86_sys_reset(CpuCommon *common)
{
    X86Cpu *cpu = (X86Cpu *)common;
    X86SysBoard board = cpu->sys.board;
    bool intr_level = cpu->sys.intr_level;
    memset(&cpu->sys, 0, sizeof(cpu->sys));
    cpu->sys.board = board;
    cpu->sys.intr_level = intr_level;

    memset(cpu->regs, 0, sizeof(cpu->regs));
    cpu->regs[X86_RDX] = reset_edx();
    cpu->eflags = 2;
    x86_set_status_flags(cpu, 0);
    for (int s = 0; s < X86_NSEGS; s++)
        reset_segment(cpu, s, 0, 0, X86_REAL_DATA_FLAGS);
    reset_segment(cpu, X86_CS, X86_RESET_CS_SEL, X86_RESET_CS_BASE, X86_REAL_CODE_FLAGS);
    cpu->sys.gdtr.limit = cpu->sys.idtr.limit = 0xffff;
    cpu->sys.ldtr = (X86SysSeg){.limit = 0xffff, .flags = X86_SYS_LDT_FLAGS};
    cpu->sys.tr = (X86SysSeg){.limit = 0xffff, .flags = X86_SYS_TSS_FLAGS};
    cpu->sys.cr0 = X86_RESET_CR0;
    cpu->sys.dr[6] = X86_RESET_DR6;
    cpu->sys.dr[7] = X86_RESET_DR7;
    cpu->sys.a20_mask = ~0ull;
    cpu->sys.pending_exception = -1;
    x86_sys_msr_reset(cpu);
    cpu->tsc_base = x86_host_ns();

    x86_sys_update_tb_flags(cpu);
    common->tb_flags &= ~(uint32_t)X86_TBF_INHIBIT_IRQ;
    x86_sys_set_ip(cpu, X86_RESET_IP);
}

/* ---- the MMU's memory indexes -------------------------------------------------- */

static unsigned x86_sys_mmu_idx(const CpuCommon *common)
{
    return x86_sys_cpl((const X86Cpu *)common) == 3 ? X86_MMU_USER : X86_MMU_KERNEL;
}

/* No local APIC timer yet: the cpu has no timer of its own. */
static uint64_t x86_sys_next_timer_ns(const CpuCommon *common)
{
    (void)common;
    return UINT64_MAX;
}

/* ---- the register dump ----------------------------------------------------------- */

static void dump_segment(FILE *out, const char *name, uint16_t sel, uint64_t base, uint32_t limit,
                         uint32_t flags)
{
    fprintf(out, "%-4s %04x %016" PRIx64 " %08x %04x\n", name, sel, base, limit, flags);
}

static void x86_sys_dump_state(const CpuCommon *common, FILE *out)
{
    static const char *const names[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                          "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
    static const char *const seg_names[X86_NSEGS] = {"es", "cs", "ss", "ds", "fs", "gs"};
    const X86Cpu *cpu = (const X86Cpu *)common;
    const X86Sys *s = &cpu->sys;
    fprintf(out, "rip %016" PRIx64 " (linear %016" PRIx64 ") rflags %08x cpl %u%s\n",
            x86_sys_ip_of(cpu, common->pc), common->pc, x86_get_eflags(cpu), x86_sys_cpl(cpu),
            s->halted ? " halted" : "");
    for (unsigned r = 0; r < 16; r++)
        fprintf(out, "%-3s %016" PRIx64 "%s", names[r], cpu->regs[r], r % 4 == 3 ? "\n" : " ");
    for (int g = 0; g < X86_NSEGS; g++)
        dump_segment(out, seg_names[g], cpu->seg_sel[g], cpu->seg_base[g], s->seg[g].limit, s->seg[g].flags);
    dump_segment(out, "ldt", s->ldtr.sel, s->ldtr.base, s->ldtr.limit, s->ldtr.flags);
    dump_segment(out, "tr", s->tr.sel, s->tr.base, s->tr.limit, s->tr.flags);
    fprintf(out, "gdt  %016" PRIx64 " %08x  idt %016" PRIx64 " %08x\n", s->gdtr.base, s->gdtr.limit,
            s->idtr.base, s->idtr.limit);
    fprintf(out,
            "cr0 %08" PRIx64 " cr2 %016" PRIx64 " cr3 %016" PRIx64 " cr4 %08" PRIx64 " cr8 %" PRIx64 "\n",
            s->cr0, s->cr2, s->cr3, s->cr4, s->cr8);
    fprintf(out, "efer %08" PRIx64 " a20 %s dr7 %08" PRIx64 "\n", s->efer,
            s->a20_mask == ~0ull ? "on" : "off", s->dr[7]);
}

static const GuestSysOps x86_sys_ops = {
    .reset = x86_sys_reset,
    .tlb_fill = x86_sys_tlb_fill,
    .code_mmu_idx = x86_sys_mmu_idx,
    .data_mmu_idx = x86_sys_mmu_idx,
    .raise = x86_sys_raise,
    .set_irq = x86_sys_set_irq,
    .interrupt = x86_sys_interrupt,
    .next_timer_ns = x86_sys_next_timer_ns,
    .halted = x86_sys_halted,
    .gdb_target_xml = x86_sys_gdb_xml,
    .gdb_num_regs = X86_SYS_GDB_NUM_REGS,
    .gdb_read_reg = x86_sys_gdb_read_reg,
    .gdb_write_reg = x86_sys_gdb_write_reg,
    .dump_mappings = x86_sys_dump_mappings,
};

/* The x87 and SSE state (FNINIT, MXCSR 1F80H); GuestSysOps.reset, which
 * the machine calls next, sets the rest. */
static void x86_sys_cpu_init(CpuCommon *common)
{
    X86Cpu *cpu = (X86Cpu *)common;
    memset(cpu->st_phys, 0, sizeof(cpu->st_phys));
    x86_x87_reset(cpu);
    memset(cpu->xmm, 0, sizeof(cpu->xmm));
    x86_set_mxcsr(cpu, 0x1f80);
}

const GuestArch x86_pc_guest = {
    .name = "x86_64-pc",
    .elf_machine = EM_X86_64,
    .elf_class = ELFCLASS64,
    .big_endian = false,
    .cpu_size = sizeof(X86Cpu),
    .cpu_init = x86_sys_cpu_init,
    .translate = x86_translate,
    .disas = x86_disas32,
    .dump_state = x86_sys_dump_state,
    .sys = &x86_sys_ops,
};
