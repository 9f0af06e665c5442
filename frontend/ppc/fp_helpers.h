/* frontend/ppc/fp_helpers.h — the PowerPC FPSCR and the exact FP helpers
 * that the IR of frontend/ppc/fp.c calls.
 *
 * The FPSCR is 64 bits since ISA 3.0; PpcCpu keeps its low word in `fpscr`
 * and its high word (only DRN, bits 29:31, is defined) in `fp_pad`.
 * Bits of the low word, IBM numbering (32 + n in the 64-bit register):
 *
 *   0 FX  1 FEX 2 VX  3 OX  4 UX  5 ZX  6 XX  7 VXSNAN 8 VXISI 9 VXIDI
 *  10 VXZDZ 11 VXIMZ 12 VXVC 13 FR 14 FI 15-19 FPRF (C FL FG FE FU)
 *  20 reserved 21 VXSOFT 22 VXSQRT 23 VXCVI 24 VE 25 OE 26 UE 27 ZE 28 XE
 *  29 NI 30-31 RN
 *
 * Lazy status: IR float ops run on the host FPU with the guest's rounding
 * mode installed (fesetround); their exceptions accumulate in the host's
 * sticky flags and ppc_fp_sync() folds them into the FPSCR. Anything that
 * reads or replaces the FPSCR from outside generated code (signal frames,
 * gdb, dumps) must call ppc_fp_sync() first / ppc_fp_set_fpscr() after.
 */
#ifndef MORPH_PPC_FP_HELPERS_H
#define MORPH_PPC_FP_HELPERS_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/ppc/cpu.h"
#include "ir/ir.h"

/* FPSCR low-word bits (LSB-0 numbering of the uint32_t). */
#define PPC_FPSCR_FX (1u << 31)      /* exception summary (sticky) */
#define PPC_FPSCR_FEX (1u << 30)     /* enabled exception summary (computed) */
#define PPC_FPSCR_VX (1u << 29)      /* invalid summary (computed) */
#define PPC_FPSCR_OX (1u << 28)      /* overflow */
#define PPC_FPSCR_UX (1u << 27)      /* underflow */
#define PPC_FPSCR_ZX (1u << 26)      /* zero divide */
#define PPC_FPSCR_XX (1u << 25)      /* inexact */
#define PPC_FPSCR_VXSNAN (1u << 24)  /* invalid: signalling NaN */
#define PPC_FPSCR_VXISI (1u << 23)   /* invalid: inf - inf */
#define PPC_FPSCR_VXIDI (1u << 22)   /* invalid: inf / inf */
#define PPC_FPSCR_VXZDZ (1u << 21)   /* invalid: 0 / 0 */
#define PPC_FPSCR_VXIMZ (1u << 20)   /* invalid: inf * 0 */
#define PPC_FPSCR_VXVC (1u << 19)    /* invalid: ordered compare with NaN */
#define PPC_FPSCR_FR (1u << 18)      /* fraction rounded */
#define PPC_FPSCR_FI (1u << 17)      /* fraction inexact */
#define PPC_FPSCR_FPRF (0x1fu << 12) /* result class: C FL FG FE FU */
#define PPC_FPSCR_FPCC (0xfu << 12)  /* FL FG FE FU, set by compares */
#define PPC_FPSCR_RESERVED (1u << 11)
#define PPC_FPSCR_VXSOFT (1u << 10)    /* invalid: software request */
#define PPC_FPSCR_VXSQRT (1u << 9)     /* invalid: sqrt of negative */
#define PPC_FPSCR_VXCVI (1u << 8)      /* invalid: integer convert */
#define PPC_FPSCR_ENABLES (0x1fu << 3) /* VE OE UE ZE XE */
#define PPC_FPSCR_VE (1u << 7)         /* invalid enable */
#define PPC_FPSCR_NI (1u << 2)         /* non-IEEE mode (not modelled) */
#define PPC_FPSCR_RN 3u                /* rounding: 0 near, 1 zero, 2 +inf, 3 -inf */

#define PPC_FPSCR_VX_CAUSES                                                                                  \
    (PPC_FPSCR_VXSNAN | PPC_FPSCR_VXISI | PPC_FPSCR_VXIDI | PPC_FPSCR_VXZDZ | PPC_FPSCR_VXIMZ |              \
     PPC_FPSCR_VXVC | PPC_FPSCR_VXSOFT | PPC_FPSCR_VXSQRT | PPC_FPSCR_VXCVI)
/* Sticky exception bits: setting one from 0 to 1 implicitly sets FX. */
#define PPC_FPSCR_EXCEPTIONS (PPC_FPSCR_OX | PPC_FPSCR_UX | PPC_FPSCR_ZX | PPC_FPSCR_XX | PPC_FPSCR_VX_CAUSES)
#define PPC_FPSCR_HI_DRN 7u /* fp_pad: decimal rounding mode */

/* The operations FP helpers can (re)compute. */
typedef enum PpcFpOp {
    PPC_FPOP_NONE,
    PPC_FPOP_ADD,   /* a + b */
    PPC_FPOP_SUB,   /* a - b */
    PPC_FPOP_MUL,   /* a * c */
    PPC_FPOP_DIV,   /* a / b (fres, fre: a = 1) */
    PPC_FPOP_SQRT,  /* sqrt(b) */
    PPC_FPOP_MADD,  /* a * c + b */
    PPC_FPOP_MSUB,  /* a * c - b */
    PPC_FPOP_RSQRT, /* 1 / sqrt(b) */
    PPC_FPOP_FRSP,  /* (single)a */
    PPC_FPOP_CFID,  /* (double or single)(int64)bits of a */
    PPC_FPOP_CFIDU, /* (double or single)(uint64)bits of a */
    PPC_FPOP_RINT,  /* fri*: round a to an integral value (detail: PpcFpRoundInt) */
    PPC_FPOP_CTI,   /* fcti*: a to an integer (detail: PPC_FPR_CTI_*) */
} PpcFpOp;

/* The A-form operands an operation reads (FRSP..CTI read one, a). */
enum { PPC_FP_USES_A = 1, PPC_FP_USES_B = 2, PPC_FP_USES_C = 4 };
static inline unsigned ppc_fp_operands(PpcFpOp op)
{
    static const uint8_t uses[] = {
        [PPC_FPOP_NONE] = 0,
        [PPC_FPOP_ADD] = PPC_FP_USES_A | PPC_FP_USES_B,
        [PPC_FPOP_SUB] = PPC_FP_USES_A | PPC_FP_USES_B,
        [PPC_FPOP_MUL] = PPC_FP_USES_A | PPC_FP_USES_C,
        [PPC_FPOP_DIV] = PPC_FP_USES_A | PPC_FP_USES_B,
        [PPC_FPOP_SQRT] = PPC_FP_USES_B,
        [PPC_FPOP_MADD] = PPC_FP_USES_A | PPC_FP_USES_B | PPC_FP_USES_C,
        [PPC_FPOP_MSUB] = PPC_FP_USES_A | PPC_FP_USES_B | PPC_FP_USES_C,
        [PPC_FPOP_RSQRT] = PPC_FP_USES_B,
        [PPC_FPOP_FRSP] = PPC_FP_USES_A,
        [PPC_FPOP_CFID] = PPC_FP_USES_A,
        [PPC_FPOP_CFIDU] = PPC_FP_USES_A,
        [PPC_FPOP_RINT] = PPC_FP_USES_A,
        [PPC_FPOP_CTI] = PPC_FP_USES_A,
    };
    return op < sizeof uses ? uses[op] : 0;
}

/* The lazy record of the last instruction that sets FPRF, FR and FI: the
 * IR stores the operands its operation reads in fp_scratch[0..], packed
 * in the order a, b, c (so a binary operation always fills slots 0 and 1,
 * and the next record of a block covers this one's stores), and this word
 * at PPC_FP_REC_OFF; the fold redoes the operation in the same rounding
 * mode to get the result's class, FI and FR exactly. A compare after it
 * leaves its LT GT EQ UN in the word too (PPC_FPR_CC), for the fold to
 * put into FPCC, so that compares store nothing but that word. */
#define PPC_FPR_OP_MASK 0xffu
#define PPC_FPR_SINGLE (1u << 8) /* the result is rounded to single */
#define PPC_FPR_NEGATE (1u << 9) /* fnmadd, fnmsub: the result is negated */
#define PPC_FPR_CC (1u << 10)    /* a compare has set FPCC since: bits 16..19 hold it */
#define PPC_FPR_DETAIL_SHIFT 12
#define PPC_FPR_CC_SHIFT 16
#define PPC_FPR_CC_MASK (0xfu << PPC_FPR_CC_SHIFT)
#define PPC_FPR_CTI_64 (1u << 12)    /* fcti*: doubleword result */
#define PPC_FPR_CTI_UNS (1u << 13)   /* fcti*: unsigned */
#define PPC_FPR_CTI_TRUNC (1u << 14) /* fcti*: toward zero (z forms) */

#define PPC_FP_OPND_OFF(k) ((uint32_t)(PPC_OFF(fp_scratch) + 8 * (k)))
#define PPC_FP_REC_OFF PPC_FP_OPND_OFF(3)

/* The mffs forms, told apart by the RA field. */
typedef enum PpcMffsForm {
    PPC_MFFS,
    PPC_MFFSCE,
    PPC_MFFSCDRN,
    PPC_MFFSCDRNI,
    PPC_MFFSCRN,
    PPC_MFFSCRNI,
    PPC_MFFSL,
} PpcMffsForm;

/* Round-to-integer flavours of frin/friz/frip/frim. */
typedef enum PpcFpRoundInt { PPC_FRI_NEAREST_AWAY, PPC_FRI_TRUNC, PPC_FRI_CEIL, PPC_FRI_FLOOR } PpcFpRoundInt;

/* --- for the rest of morph ------------------------------------------ */
/* Fold pending host FP exception flags into cpu->fpscr; returns it. */
uint32_t ppc_fp_sync(PpcCpu *cpu);
/* Replace the whole 64-bit FPSCR (sigreturn, gdb): installs the rounding
 * mode and drops pending host flags. */
void ppc_fp_set_fpscr(PpcCpu *cpu, uint64_t fpscr);
/* POWER's NaN result of `op` (| 0x100: single precision) on operands in
 * the A-form roles, whose host result was a NaN; its invalid-operation
 * causes are noted for the next fold. For helpers of other files. */
double ppc_fp_nan_result(uint32_t opsingle, double a, double b, double c);
/* The result POWER gives for the operation of record word `rec` (PpcFpOp,
 * PPC_FPR_SINGLE, PPC_FPR_NEGATE) on operands in the A-form roles: its NaN
 * (causes noted as ppc_fp_nan_result does), or the single rounded once,
 * or the host's double; the host flags as the instruction raises them. */
double ppc_fp_exact(uint32_t rec, double a, double b, double c);
/* FPRF code (already shifted into place) of a double bit pattern. */
uint32_t ppc_fp_fprf(uint64_t bits, bool single);

/* --- helpers called from IR (descriptors for ir_call) ---------------- */
extern const IrHelper ppc_fp_h_sync;      /* i32 ()                      -> FPSCR after folding */
extern const IrHelper ppc_fp_h_mffs;      /* i64 (i32 form, i64 operand) -> FRT */
extern const IrHelper ppc_fp_h_write;     /* i32 (i32 nibbles | RC, i64 value) -> FPSCR (mtfsf, mtfsfi) */
#define PPC_FP_WRITE_RC (1u << 16)       /* h_write: Rc=1, the returned FPSCR is read */
extern const IrHelper ppc_fp_h_mtfsb;     /* i32 (i32 bit, i32 set)      -> FPSCR */
extern const IrHelper ppc_fp_h_mcrfs;     /* i32 (i32 field)             -> the field's 4 bits */
extern const IrHelper ppc_fp_h_cmp_nan;   /* (i32 ordered, i64 a, i64 b): a compare met a NaN */
extern const IrHelper ppc_fp_h_to_int;    /* i64 (i32 PPC_FPR_CTI_*, i64 source) -> FRT, exact */
extern const IrHelper ppc_fp_h_round_int; /* f64 (i32 PpcFpRoundInt, f64 x) */
/* f64 (i32 record word): the rare path of a recorded A-form instruction,
 * operands read from the record: POWER's NaN, or the exactly rounded
 * single; negated as the record says. */
extern const IrHelper ppc_fp_h_recorded_slow;

#endif
