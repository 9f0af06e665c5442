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
/* System mode (the e500's Book E): the block runs on a Book E cpu with
 * these MSR bits; PR|DS<<1 is its data memory index (IR_MO_IDX). */
enum { PPC_TBF_BOOKE = 1u << 2, PPC_TBF_PR = 1u << 3, PPC_TBF_IS = 1u << 4, PPC_TBF_DS = 1u << 5 };
/* ... and with debug events armed (DBCR0[IDM] and one of ICMP, BRT, IAC1,
 * IAC2, DAC1, DAC2): every instruction starts with the debug check and
 * every data access with the data address compare (booke.c). */
enum { PPC_TBF_DEBUG = 1u << 6 };
/* A run of FP instructions met a rare case (a NaN result, a single near a
 * rounding boundary): the block redoes it with every FP instruction's
 * rare way inline, and clears this bit as it starts (fp_run.c). */
enum { PPC_TBF_FP_EXACT = 1u << 7 };

/* The memory index of a Book E block's data accesses: PR | DS << 1
 * (0 in user mode). */
static inline unsigned ppc_data_mmu_idx(uint32_t tb_flags)
{
    return (tb_flags & PPC_TBF_PR ? 1u : 0u) | (tb_flags & PPC_TBF_DS ? 2u : 0u);
}

/* ... and of its instruction fetch: PR | IS << 1. */
static inline unsigned ppc_code_mmu_idx(uint32_t tb_flags)
{
    return (tb_flags & PPC_TBF_PR ? 1u : 0u) | (tb_flags & PPC_TBF_IS ? 2u : 0u);
}

/* One e500 TLB entry, kept in the MAS registers' own layout so tlbre and
 * tlbwe are copies (e500 core reference manual §12.7.1). */
typedef struct PpcTlbEntry {
    uint32_t mas1; /* V IPROT TID TS TSIZE */
    uint32_t mas2; /* EPN X0 X1 W I M G E */
    uint32_t mas3; /* RPN U0-U3 UX SX UW SW UR SR */
    uint32_t mas7; /* RPN bits 32:35 of a 36-bit physical address */
} PpcTlbEntry;

enum { PPC_E500_TLB0_WAYS = 4, PPC_E500_TLB0_SETS = 128, PPC_E500_TLB1_ENTRIES = 16 };

/* The Book E privileged state of an e500v2 (system mode only; user-mode
 * guests leave it zero). Owned by frontend/ppc/booke*.c and e500_*.c. */
typedef struct PpcBookE {
    uint32_t msr;
    uint32_t srr0, srr1, csrr0, csrr1, mcsrr0, mcsrr1;
    uint32_t mcsr, mcar, esr, dear;
    uint32_t ivpr;
    uint32_t ivor[36];             /* IVOR0-15 and IVOR32-35 */
    uint32_t sprg[8], usprg0;
    uint32_t pid[3];
    uint32_t mas[8];               /* MAS0-MAS7 (MAS5 unused on the e500) */
    uint32_t mmucsr0;
    uint32_t tlb0_nv;              /* TLB0 next victim (MAS0[NV]) */
    PpcTlbEntry tlb0[PPC_E500_TLB0_SETS][PPC_E500_TLB0_WAYS];
    PpcTlbEntry tlb1[PPC_E500_TLB1_ENTRIES];
    uint32_t tcr, tsr, decar;
    uint32_t dec;                  /* DEC as of dec_tb */
    uint64_t dec_tb;               /* time base when dec was last brought up to date */
    int64_t tb_offset;             /* time base = ticks(clock) + tb_offset */
    uint64_t timers_tb;            /* time base the FIT/watchdog were last checked at */
    uint64_t tb_freq_hz;           /* time base frequency (the board's) */
    uint32_t hid0, hid1, l1csr0, l1csr1, bucsr;
    uint32_t dbsr, dbcr[3];
    uint32_t iac[2], dac[2];       /* IAC1-2 and DAC1-2 (e500 core reference manual §2.13) */
    uint32_t icmp_pending;         /* an instruction began with ICMP events on: its
                                    * completion is a debug event (booke.c) */
    uint32_t pir, pvr, svr;
    uint32_t spefscr;
    uint32_t irq_lines;            /* asserted PPC_E500_IRQ_* lines, one bit each */
    uint32_t halted;               /* waiting for an interrupt (wait, MSR[WE]) */
    /* The board's reset input: the watchdog's second time-out with
     * TCR[WRC] and DBCR0[RST] ask it for a hard reset. Reset keeps it. */
    void (*reset_request)(void *opaque);
    void *reset_opaque;
} PpcBookE;

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

    PpcBookE booke;            /* system mode (e500) privileged state */
} PpcCpu;

/* The architected 32-bit CR (CR0 in the top nibble) and XER (SO, OV, CA
 * in bits 31..29, the string byte count below) from and to their split
 * form: signal frames, register dumps and the debugger use them. */
static inline uint32_t ppc_cr_word(const PpcCpu *c)
{
    uint32_t cr = 0;
    for (unsigned f = 0; f < 8; f++)
        cr |= (c->cr[f] & 15) << (28 - 4 * f);
    return cr;
}

static inline void ppc_set_cr_word(PpcCpu *c, uint32_t cr)
{
    for (unsigned f = 0; f < 8; f++)
        c->cr[f] = cr >> (28 - 4 * f) & 15;
}

static inline uint32_t ppc_xer_word(const PpcCpu *c)
{
    return c->xer_so << 31 | c->xer_ov << 30 | c->xer_ca << 29 | (c->xer_bc & 0x7f);
}

static inline void ppc_set_xer_word(PpcCpu *c, uint32_t xer)
{
    c->xer_so = xer >> 31 & 1;
    c->xer_ov = xer >> 30 & 1;
    c->xer_ca = xer >> 29 & 1;
    c->xer_bc = xer & 0x7f;
}

#define PPC_OFF(field) ((uint32_t)offsetof(PpcCpu, field))
#define PPC_GPR_OFF(n) ((uint32_t)(offsetof(PpcCpu, gpr) + 8 * (n)))
#define PPC_FPR_OFF(n) ((uint32_t)(offsetof(PpcCpu, fpr) + 8 * (n)))
#define PPC_BOOKE_OFF(field) ((uint32_t)offsetof(PpcCpu, booke.field))
#define PPC_CR_OFF(n) ((uint32_t)(offsetof(PpcCpu, cr) + 4 * (n)))

#endif
