/* frontend/ppc/guest.c — the 32-bit big-endian PowerPC guest as morph's
 * engine sees it (GuestArch ppc32_guest): reset state, translation,
 * disassembly and the register dump. */
#include <elf.h>
#include <string.h>

#include "frontend/guest.h"
#include "frontend/ppc/cpu.h"
#include "frontend/ppc/gen.h"

/* Architectural reset of the user-visible state: all zero, no
 * reservation, the time base starting now. Linux-user sets pc/sp/args. */
static void ppc32_cpu_init(CpuCommon *common)
{
    PpcCpu *cpu = (PpcCpu *)common;
    memset(cpu->gpr, 0, sizeof(cpu->gpr));
    cpu->lr = cpu->ctr = 0;
    memset(cpu->cr, 0, sizeof(cpu->cr));
    cpu->xer_so = cpu->xer_ov = cpu->xer_ca = cpu->xer_bc = 0;
    cpu->reserve_addr = UINT64_MAX;
    cpu->reserve_val = 0;
    cpu->tb_base = ppc_timebase_now();
}

static void ppc32_dump_state(const CpuCommon *common, FILE *out)
{
    const PpcCpu *cpu = (const PpcCpu *)common;
    uint32_t cr = 0;
    for (unsigned f = 0; f < 8; f++)
        cr |= (cpu->cr[f] & 15) << (28 - 4 * f);
    uint32_t xer = cpu->xer_so << 31 | cpu->xer_ov << 30 | cpu->xer_ca << 29 | (cpu->xer_bc & 0x7f);
    fprintf(out, "pc  %08x lr  %08x ctr %08x cr  %08x xer %08x\n", (uint32_t)common->pc,
            (uint32_t)cpu->lr, (uint32_t)cpu->ctr, cr, xer);
    for (unsigned r = 0; r < 32; r++)
        fprintf(out, "r%-2u %08x%s", r, (uint32_t)cpu->gpr[r], r % 8 == 7 ? "\n" : " ");
    for (unsigned r = 0; r < 32; r++)
        fprintf(out, "f%-2u %016llx%s", r, (unsigned long long)cpu->fpr[r],
                r % 4 == 3 ? "\n" : " ");
    fprintf(out, "fpscr %08x reserve %s", cpu->fpscr,
            cpu->reserve_addr == UINT64_MAX ? "none" : "");
    if (cpu->reserve_addr != UINT64_MAX)
        fprintf(out, "%08x=%08x", (uint32_t)cpu->reserve_addr, (uint32_t)cpu->reserve_val);
    fputc('\n', out);
}

const GuestArch ppc32_guest = {
    .name = "ppc",
    .elf_machine = EM_PPC,
    .elf_class = ELFCLASS32,
    .big_endian = true,
    .cpu_size = sizeof(PpcCpu),
    .cpu_init = ppc32_cpu_init,
    .translate = ppc_translate,
    .disas = ppc_disas,
    .dump_state = ppc32_dump_state,
};
