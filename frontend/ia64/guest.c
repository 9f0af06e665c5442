/* frontend/ia64/guest.c — the IA-64 guest as morph's engine sees it:
 * reset state, the translator, the disassembler and the register dump. */
#include <elf.h>
#include <string.h>
#include <time.h>

#include "frontend/guest.h"
#include "frontend/ia64/cpu.h"
#include "frontend/ia64/decode.h"

/* Architectural reset of the user-visible state: everything zero but
 * p0 = 1, f1 = +1.0, an empty frame; linux-user sets the rest (ar.rsc,
 * ar.fpsr, ar.bspstore, sp, pc). */
static void ia64_cpu_init(CpuCommon *common)
{
    Ia64Cpu *cpu = (Ia64Cpu *)common;
    memset((char *)cpu + sizeof(CpuCommon), 0, sizeof(*cpu) - sizeof(CpuCommon));
    cpu->pr[0] = 1;
    cpu->fr[1].significand = (uint64_t)1 << 63;
    cpu->fr[1].sign_exp = IA64_FR_EXP_BIAS;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    cpu->itc_base = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    common->tb_flags = 0;
}

static void ia64_dump_state(const CpuCommon *common, FILE *out)
{
    const Ia64Cpu *cpu = (const Ia64Cpu *)common;
    fprintf(out, "ip  %016llx slot %u cfm %010llx pfs %016llx\n",
            (unsigned long long)ia64_pc_bundle(common->pc), ia64_pc_slot(common->pc),
            (unsigned long long)cpu->cfm, (unsigned long long)cpu->ar[IA64_AR_PFS]);
    fprintf(out, "bsp %016llx rnat %016llx unat %016llx lc %llx ec %llx\n",
            (unsigned long long)cpu->ar[IA64_AR_BSP], (unsigned long long)cpu->ar[IA64_AR_RNAT],
            (unsigned long long)cpu->ar[IA64_AR_UNAT], (unsigned long long)cpu->ar[IA64_AR_LC],
            (unsigned long long)cpu->ar[IA64_AR_EC]);
    unsigned n = 32 + ia64_cfm_sof(cpu->cfm);
    for (unsigned r = 0; r < n; r++)
        fprintf(out, "r%-3u %016llx%s%s", r, (unsigned long long)cpu->gr[r], cpu->grnat[r] ? "*" : " ",
                r % 4 == 3 || r == n - 1 ? "\n" : " ");
    for (unsigned b = 0; b < 8; b++)
        fprintf(out, "b%u %016llx%s", b, (unsigned long long)cpu->br[b], b % 4 == 3 ? "\n" : " ");
    fprintf(out, "pr ");
    for (unsigned p = 0; p < 64; p++)
        fputc(cpu->pr[p] ? '1' : '0', out);
    fputc('\n', out);
}

/* The bundle's address in morph's window (pc carries the slot). */
static uint64_t ia64_code_addr(uint64_t pc)
{
    return ia64_fold(ia64_pc_bundle(pc));
}

const GuestArch ia64_guest = {
    .name = "ia64",
    .elf_machine = EM_IA_64,
    .elf_class = ELFCLASS64,
    .big_endian = false,
    .cpu_size = sizeof(Ia64Cpu),
    .cpu_init = ia64_cpu_init,
    .translate = ia64_translate,
    .disas = ia64_disas,
    .dump_state = ia64_dump_state,
    .code_addr = ia64_code_addr,
};
