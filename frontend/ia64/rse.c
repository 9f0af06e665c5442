/* frontend/ia64/rse.c — the register stack engine, eager form (cpu.h):
 * frame push on br.call, pop on br.ret, cover, and the spill/fill of
 * stacked registers to the backing store in guest memory with their NaT
 * bits collected in ar.rnat and the RNAT slots.
 *
 * Backing store: 8-byte slots growing upward from ar.bspstore; a slot
 * whose address has bits 8:3 all ones (slot 63 of each 512 bytes) holds
 * the NaT collection of the 63 registers below it. Here ar.bsp ==
 * ar.bspstore always: a call stores the caller's locals at once, a return
 * loads them back at once.
 *
 * Guest memory is reached as user mode lays it out (guest_base +
 * ia64_fold(address)); a bad backing-store address faults on the host
 * and becomes the guest's SIGSEGV at the branch.
 */
#include <string.h>

#include "frontend/ia64/rse.h"

static bool rse_is_rnat_slot(uint64_t addr) { return ((addr >> 3) & 63) == 63; }

static volatile uint64_t *rse_slot(CpuCommon *env, uint64_t addr)
{
    return (volatile uint64_t *)(env->guest_base + ia64_fold(addr));
}

/* Address of the n-th register slot after addr (n may be negative),
 * skipping the RNAT slots in between. */
uint64_t ia64_rse_skip_regs(uint64_t addr, int64_t n)
{
    int64_t slot = (int64_t)((addr >> 3) & 63);
    int64_t delta = slot + n;
    if (n < 0)
        delta -= 62;
    return addr + (uint64_t)((n + delta / 63) * 8);
}

/* Store gr[32 + first .. 32 + first + count) at ar.bsp upward. */
static void rse_spill(Ia64Cpu *cpu, unsigned first, unsigned count)
{
    uint64_t bsp = cpu->ar[IA64_AR_BSP];
    for (unsigned k = 0; k < count; k++) {
        if (rse_is_rnat_slot(bsp)) {
            *rse_slot(&cpu->common, bsp) = cpu->ar[IA64_AR_RNAT];
            bsp += 8;
        }
        unsigned bit = (bsp >> 3) & 63;
        *rse_slot(&cpu->common, bsp) = cpu->gr[32 + first + k];
        cpu->ar[IA64_AR_RNAT] &= ~((uint64_t)1 << bit);
        cpu->ar[IA64_AR_RNAT] |= (uint64_t)(cpu->grnat[32 + first + k] & 1) << bit;
        bsp += 8;
    }
    /* ar.bsp never names a collection slot (the next register would go
     * after it): a group just completed has its collection stored now. */
    if (rse_is_rnat_slot(bsp)) {
        *rse_slot(&cpu->common, bsp) = cpu->ar[IA64_AR_RNAT];
        bsp += 8;
    }
    cpu->ar[IA64_AR_BSP] = cpu->ar[IA64_AR_BSPSTORE] = bsp;
}

/* Load `count` registers below ar.bsp into gr[32 ..], lowest first. */
static void rse_fill(Ia64Cpu *cpu, unsigned count)
{
    uint64_t top = cpu->ar[IA64_AR_BSP];
    uint64_t base = ia64_rse_skip_regs(top, -(int64_t)count);
    unsigned k = 0;
    for (uint64_t a = base; a < top; a += 8) {
        if (rse_is_rnat_slot(a))
            continue;
        uint64_t coll_addr = a | 0x1f8;
        uint64_t coll = coll_addr < top ? *rse_slot(&cpu->common, coll_addr) : cpu->ar[IA64_AR_RNAT];
        cpu->gr[32 + k] = *rse_slot(&cpu->common, a);
        cpu->grnat[32 + k] = (coll >> ((a >> 3) & 63)) & 1;
        k++;
    }
    if ((base | 0x1f8) < top) /* the collection of base's group is in memory */
        cpu->ar[IA64_AR_RNAT] = *rse_slot(&cpu->common, base | 0x1f8);
    cpu->ar[IA64_AR_BSP] = cpu->ar[IA64_AR_BSPSTORE] = base;
}

/* br.call: PFS = {CFM, EC, PL 3}; the caller's locals go to the backing
 * store; its outputs become the callee's frame, starting at r32. */
static void ia64_rse_call(CpuCommon *env)
{
    Ia64Cpu *cpu = (Ia64Cpu *)env;
    uint64_t cfm = cpu->cfm;
    unsigned sof = ia64_cfm_sof(cfm), sol = ia64_cfm_sol(cfm);
    cpu->ar[IA64_AR_PFS] = (cfm & (((uint64_t)1 << IA64_CFM_BITS) - 1)) |
                           (cpu->ar[IA64_AR_EC] & 63) << IA64_PFS_PEC_SHIFT |
                           (uint64_t)3 << IA64_PFS_PPL_SHIFT;
    if (sol > sof)
        sol = sof;
    rse_spill(cpu, 0, sol);
    memmove(&cpu->gr[32], &cpu->gr[32 + sol], (sof - sol) * sizeof(cpu->gr[0]));
    memmove(&cpu->grnat[32], &cpu->grnat[32 + sol], (sof - sol) * sizeof(cpu->grnat[0]));
    cpu->cfm = sof - sol;
}

/* br.ret: CFM = PFS.pfm, EC = PFS.pec; the callee's first registers are
 * the caller's outputs again, above the caller's locals loaded back. */
static void ia64_rse_return(CpuCommon *env)
{
    Ia64Cpu *cpu = (Ia64Cpu *)env;
    uint64_t pfs = cpu->ar[IA64_AR_PFS];
    uint64_t pfm = pfs & (((uint64_t)1 << IA64_CFM_BITS) - 1);
    unsigned sof = ia64_cfm_sof(pfm), sol = ia64_cfm_sol(pfm);
    if (sol > sof)
        sol = sof;
    memmove(&cpu->gr[32 + sol], &cpu->gr[32], (sof - sol) * sizeof(cpu->gr[0]));
    memmove(&cpu->grnat[32 + sol], &cpu->grnat[32], (sof - sol) * sizeof(cpu->grnat[0]));
    rse_fill(cpu, sol);
    cpu->cfm = pfm;
    cpu->ar[IA64_AR_EC] = (pfs >> IA64_PFS_PEC_SHIFT) & 63;
}

/* cover: the whole current frame goes to the backing store; the new
 * frame is empty. */
static void ia64_rse_cover(CpuCommon *env)
{
    Ia64Cpu *cpu = (Ia64Cpu *)env;
    rse_spill(cpu, 0, ia64_cfm_sof(cpu->cfm));
    cpu->cfm = 0;
}

#define RSE_HELPER_FLAGS (IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE)
const IrHelper ia64_helper_rse_call = {.name = "ia64_rse_call", .fn = (void *)ia64_rse_call,
                                       .flags = RSE_HELPER_FLAGS};
const IrHelper ia64_helper_rse_return = {.name = "ia64_rse_return", .fn = (void *)ia64_rse_return,
                                         .flags = RSE_HELPER_FLAGS};
const IrHelper ia64_helper_rse_cover = {.name = "ia64_rse_cover", .fn = (void *)ia64_rse_cover,
                                        .flags = RSE_HELPER_FLAGS};
