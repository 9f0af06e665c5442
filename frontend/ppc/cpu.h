/* frontend/ppc/cpu.h — the PowerPC guest CPU state.
 *
 * Registers are stored 64 bits wide so ppc64 uses the same struct; a 32-bit
 * guest uses the low half (offset + 0 on the little-endian host). Each CR
 * field is its own 4-bit value (LT=8 GT=4 EQ=2 SO=1) so a compare is one
 * store; XER's SO/OV/CA are separate 0/1 words for the same reason.
 */
#ifndef MORPH_PPC_CPU_H
#define MORPH_PPC_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "frontend/cpu.h"

enum { PPC_CR_LT = 8, PPC_CR_GT = 4, PPC_CR_EQ = 2, PPC_CR_SO = 1 };

/* CpuCommon.tb_flags bits of the PowerPC guest (they key translated
 * blocks): MSR[SF] 64-bit mode (GPRs, LR, CTR and addresses 64 bits wide)
 * and MSR[LE] little-endian storage and instruction order. */
enum { PPC_TBF_SF = 1u << 0, PPC_TBF_LE = 1u << 1 };

typedef struct PpcCpu {
    CpuCommon common;          /* must be first */
    uint64_t gpr[32];
    uint64_t lr, ctr;
    uint32_t cr[8];            /* cr[0] is CR0 (bits 0-3 of the 32-bit CR) */
    uint32_t xer_so, xer_ov, xer_ca; /* each 0 or 1 */
    uint32_t xer_bc;           /* XER[57:63]: byte count for lswx/stswx */
    uint64_t reserve_addr;     /* lwarx reservation address, -1 if none */
    uint64_t reserve_val;      /* value loaded by lwarx */

    /* floating point (owned by frontend/ppc/fp*.c) */
    uint64_t fpr[32];          /* IEEE double bit patterns */
    uint32_t fpscr;            /* the architected FPSCR, status bits folded in lazily */
    uint32_t fp_pad;
    uint64_t fp_scratch[4];    /* room for FP helpers' temporaries */

    /* user-mode specifics */
    uint64_t tb_base;          /* host time at start, for mftb */

    /* vector units (owned by frontend/ppc/vmx*.c, vsx*.c; layout in vec.h).
     * VSR n < 32 is fpr[n] (doubleword 0) : vsr_dw1[n] (doubleword 1);
     * VSR 32 + n is VR n = vr[n][0] : vr[n][1]. Doubleword 0 holds bits
     * 0:63 (elements 0.. in the ISA's numbering) as a host integer. */
    uint64_t vsr_dw1[32];
    uint64_t vr[32][2];
    uint32_t vscr;             /* NJ (0x10000) and SAT (1) */
    uint32_t vrsave;           /* SPR 256, software use only */
} PpcCpu;

#define PPC_OFF(field) ((uint32_t)offsetof(PpcCpu, field))
#define PPC_GPR_OFF(n) ((uint32_t)(offsetof(PpcCpu, gpr) + 8 * (n)))
#define PPC_FPR_OFF(n) ((uint32_t)(offsetof(PpcCpu, fpr) + 8 * (n)))
#define PPC_CR_OFF(n) ((uint32_t)(offsetof(PpcCpu, cr) + 4 * (n)))

#endif
