/* frontend/ppc/e500_guest.c — the e500v2 as a system-mode guest:
 * ppc_e500_guest ("e500", 32-bit big-endian Book E) and its GuestSysOps
 * (power-on reset, the MMU, interrupts, timers), and its register dump.
 * Boards name it directly; user mode never picks it from an ELF header.
 */
#include <elf.h>
#include <string.h>

#include "frontend/ppc/e500.h"
#include "frontend/ppc/e500_gdb.h"
#include "frontend/ppc/gen.h"

enum {
    E500V2_PVR = 0x80210030u,              /* e500v2 rev 3.0 */
    E500_DEFAULT_TB_HZ = 400 * 1000 * 1000, /* until the board says */
    E500_RESET_PC = 0xfffffffcu,
};

/* The user-visible registers at reset; the cpu starts in supervisor
 * state with translation in address space 0. */
static void e500_cpu_init(CpuCommon *common)
{
    PpcCpu *cpu = (PpcCpu *)common;
    memset(cpu->gpr, 0, sizeof(cpu->gpr));
    cpu->lr = cpu->ctr = 0;
    memset(cpu->cr, 0, sizeof(cpu->cr));
    cpu->xer_so = cpu->xer_ov = cpu->xer_ca = cpu->xer_bc = 0;
    cpu->reserve_addr = UINT64_MAX;
    common->tb_flags = ppc_booke_tb_flags(0);
}

/* Power-on reset (e500 core reference manual §12.6.1): MSR = 0, all TLB
 * entries invalid except TLB1 entry 0, which maps the 4 KiB page at
 * 0xFFFFF000 to physical 0xFFFFF000, supervisor RWX, IPROT; pc is the
 * reset vector 0xFFFFFFFC. The time base restarts at 0. The board's
 * reset_request hook survives. */
static void e500_reset(CpuCommon *common)
{
    PpcCpu *cpu = (PpcCpu *)common;
    PpcBookE *b = &cpu->booke;
    void (*reset_request)(void *) = b->reset_request;
    void *reset_opaque = b->reset_opaque;
    e500_cpu_init(common);
    memset(b, 0, sizeof(*b));
    b->reset_request = reset_request;
    b->reset_opaque = reset_opaque;
    b->dbsr = DBSR_MRR_HARD; /* e500CRM §2.13.2 */
    b->pvr = E500V2_PVR;
    b->tb_freq_hz = E500_DEFAULT_TB_HZ;
    ppc_booke_set_tb(cpu, 0);
    b->tlb1[0] = (PpcTlbEntry){
        .mas1 = 1u << 31 | 1u << 30 | 1u << 8, /* V, IPROT, TSIZE 4 KiB */
        .mas2 = 0xfffff000u,
        .mas3 = 0xfffff000u | 0x15,           /* SX SW SR */
    };
    ppc_booke_set_msr(cpu, 0);
    common->pc = E500_RESET_PC;
    ppc_e500_mappings_changed(cpu);
}

static unsigned e500_code_mmu_idx(const CpuCommon *common)
{
    return ppc_code_mmu_idx(common->tb_flags);
}

static unsigned e500_data_mmu_idx(const CpuCommon *common)
{
    return ppc_data_mmu_idx(common->tb_flags);
}

static void e500_dump_state(const CpuCommon *common, FILE *out)
{
    const PpcCpu *cpu = (const PpcCpu *)common;
    const PpcBookE *b = &cpu->booke;
    uint32_t cr = ppc_cr_word(cpu), xer = ppc_xer_word(cpu);
    fprintf(out, "pc  %08x lr  %08x ctr %08x cr  %08x xer %08x msr %08x\n", (uint32_t)common->pc,
            (uint32_t)cpu->lr, (uint32_t)cpu->ctr, cr, xer, b->msr);
    for (unsigned r = 0; r < 32; r++)
        fprintf(out, "r%-2u %08x%s", r, (uint32_t)cpu->gpr[r], r % 8 == 7 ? "\n" : " ");
    fprintf(out, "srr0 %08x srr1 %08x csrr0 %08x csrr1 %08x mcsrr0 %08x mcsrr1 %08x\n", b->srr0,
            b->srr1, b->csrr0, b->csrr1, b->mcsrr0, b->mcsrr1);
    fprintf(out, "esr %08x dear %08x mcsr %08x ivpr %08x pid %02x/%02x/%02x\n", b->esr, b->dear,
            b->mcsr, b->ivpr, b->pid[0], b->pid[1], b->pid[2]);
    fprintf(out, "tcr %08x tsr %08x dec %08x decar %08x hid0 %08x hid1 %08x\n", b->tcr, b->tsr,
            b->dec, b->decar, b->hid0, b->hid1);
    fprintf(out, "mas0 %08x mas1 %08x mas2 %08x mas3 %08x mas4 %08x mas6 %08x mas7 %08x\n",
            b->mas[0], b->mas[1], b->mas[2], b->mas[3], b->mas[4], b->mas[6], b->mas[7]);
    fprintf(out, "dbcr0 %08x dbcr1 %08x dbcr2 %08x dbsr %08x iac %08x/%08x dac %08x/%08x\n",
            b->dbcr[0], b->dbcr[1], b->dbcr[2], b->dbsr, b->iac[0], b->iac[1], b->dac[0], b->dac[1]);
    fprintf(out, "sprg0-7");
    for (unsigned i = 0; i < 8; i++)
        fprintf(out, " %08x", b->sprg[i]);
    fputc('\n', out);
}

static const GuestSysOps e500_sys_ops = {
    .reset = e500_reset,
    .tlb_fill = ppc_e500_tlb_fill,
    .code_mmu_idx = e500_code_mmu_idx,
    .data_mmu_idx = e500_data_mmu_idx,
    .raise = ppc_booke_raise,
    .set_irq = ppc_booke_set_irq,
    .interrupt = ppc_booke_interrupt,
    .next_timer_ns = ppc_booke_next_timer_ns,
    .halted = ppc_booke_halted,
    .gdb_target_xml = ppc_e500_gdb_xml,
    .gdb_num_regs = PPC_E500_GDB_NUM_REGS,
    .gdb_read_reg = ppc_e500_gdb_read_reg,
    .gdb_write_reg = ppc_e500_gdb_write_reg,
    .dump_mappings = ppc_e500_dump_mappings,
};

const GuestArch ppc_e500_guest = {
    .name = "e500",
    .elf_machine = EM_PPC,
    .elf_class = ELFCLASS32,
    .big_endian = true,
    .cpu_size = sizeof(PpcCpu),
    .cpu_init = e500_cpu_init,
    .translate = ppc_translate,
    .disas = ppc_disas,
    .dump_state = e500_dump_state,
    .sys = &e500_sys_ops,
};
