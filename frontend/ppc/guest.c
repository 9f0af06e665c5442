/* frontend/ppc/guest.c — the PowerPC guests as morph's engine sees them:
 * ppc32_guest (32-bit big-endian), ppc64_guest (64-bit big-endian) and
 * ppc64le_guest (64-bit little-endian) share one state struct and one
 * translator; they differ in the mode bits (MSR[SF], MSR[LE]) their
 * reset puts in tb_flags, their disassembly and their register dump. */
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
    common->tb_flags = 0;
}

static void ppc64_cpu_init(CpuCommon *common)
{
    ppc32_cpu_init(common);
    common->tb_flags = PPC_TBF_SF;
}

static void ppc64le_cpu_init(CpuCommon *common)
{
    ppc32_cpu_init(common);
    common->tb_flags = PPC_TBF_SF | PPC_TBF_LE;
}

static void ppc32_dump_state(const CpuCommon *common, FILE *out)
{
    const PpcCpu *cpu = (const PpcCpu *)common;
    uint32_t cr = ppc_cr_word(cpu), xer = ppc_xer_word(cpu);
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

static void ppc64_dump_state(const CpuCommon *common, FILE *out)
{
    const PpcCpu *cpu = (const PpcCpu *)common;
    uint32_t cr = ppc_cr_word(cpu), xer = ppc_xer_word(cpu);
    fprintf(out, "pc  %016llx lr  %016llx ctr %016llx\ncr  %08x xer %08x\n",
            (unsigned long long)common->pc, (unsigned long long)cpu->lr,
            (unsigned long long)cpu->ctr, cr, xer);
    for (unsigned r = 0; r < 32; r++)
        fprintf(out, "r%-2u %016llx%s", r, (unsigned long long)cpu->gpr[r], r % 4 == 3 ? "\n" : " ");
    for (unsigned r = 0; r < 32; r++)
        fprintf(out, "f%-2u %016llx%s", r, (unsigned long long)cpu->fpr[r],
                r % 4 == 3 ? "\n" : " ");
    fprintf(out, "fpscr %08x reserve ", cpu->fpscr);
    if (cpu->reserve_addr == UINT64_MAX)
        fprintf(out, "none\n");
    else
        fprintf(out, "%016llx=%016llx\n", (unsigned long long)cpu->reserve_addr,
                (unsigned long long)cpu->reserve_val);
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

const GuestArch ppc64_guest = {
    .name = "ppc64",
    .elf_machine = EM_PPC64,
    .elf_class = ELFCLASS64,
    .big_endian = true,
    .cpu_size = sizeof(PpcCpu),
    .cpu_init = ppc64_cpu_init,
    .translate = ppc_translate,
    .disas = ppc64_disas,
    .dump_state = ppc64_dump_state,
};

const GuestArch ppc64le_guest = {
    .name = "ppc64le",
    .elf_machine = EM_PPC64,
    .elf_class = ELFCLASS64,
    .big_endian = false,
    .cpu_size = sizeof(PpcCpu),
    .cpu_init = ppc64le_cpu_init,
    .translate = ppc_translate,
    .disas = ppc64le_disas,
    .dump_state = ppc64_dump_state,
};
