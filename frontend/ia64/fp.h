/* frontend/ia64/fp.h — the IA-64 floating-point unit's shared pieces:
 * the 82-bit register value and its conversions (fp_value.c), the
 * run-time helpers behind every F-unit instruction (fp_arith.c), the
 * FP memory forms (fp_mem.c) and the form table (fp_forms.c).
 *
 * How an instruction runs
 *   The translator resolves every register name (rotation) at translate
 *   time and packs the physical indices into one word (IA64_FPK_*); one
 *   helper call, ia64_fp_exec(env, op, packed, insn), does the work on
 *   Ia64Cpu.fr[] in C. Values are computed in the host's x87 `long
 *   double` (the same 64-bit significand as an FR); the .s/.d forms and
 *   sf.pc round once more to single/double; the host's rounding mode is
 *   set from sf.rc for the call and the host's environment is restored
 *   after it, so the engine's own FP state is untouched. Exceptions the
 *   host raises become the sf's sticky flags in ar.fpsr.
 *   Limits: exponents beyond the x87 range (the 17-bit FR exponent's
 *   extremes) saturate to inf/0 as the host computes them. frcpa and
 *   frsqrta use the manual's tables (fp_tables.c) bit for bit: glibc's
 *   libm indexes its own tables with their results.
 */
#ifndef MORPH_IA64_FP_H
#define MORPH_IA64_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/ia64/cpu.h"
#include "frontend/ia64/decode.h"

/* ---- the packed operand word ---------------------------------------------- */
enum {
    IA64_FPK_F1 = 0,   /* physical fr index of f1 (7 bits) */
    IA64_FPK_F2 = 7,
    IA64_FPK_F3 = 14,
    IA64_FPK_F4 = 21,
    IA64_FPK_P1 = 28,  /* physical pr index of p1 (6 bits) */
    IA64_FPK_P2 = 34,
    IA64_FPK_QP = 40,  /* physical pr index of qp (unc compares) */
};

/* ---- operations (the helper's `op`), one per row kind --------------------- */
typedef enum Ia64FpOp {
    FPOP_FMA, FPOP_FMS, FPOP_FNMA,          /* precision from the row's arg bits */
    FPOP_FPMA, FPOP_FPMS, FPOP_FPNMA,
    FPOP_XMA_L, FPOP_XMA_H, FPOP_XMA_HU,
    FPOP_FSELECT,
    FPOP_FCMP, FPOP_FCLASS, FPOP_FPCMP,
    FPOP_FRCPA, FPOP_FRSQRTA, FPOP_FPRCPA, FPOP_FPRSQRTA,
    FPOP_FMERGE_S, FPOP_FMERGE_NS, FPOP_FMERGE_SE,
    FPOP_FMIN, FPOP_FMAX, FPOP_FAMIN, FPOP_FAMAX,
    FPOP_FCVT_FX, FPOP_FCVT_FXU, FPOP_FCVT_FX_TRUNC, FPOP_FCVT_FXU_TRUNC, FPOP_FCVT_XF,
    FPOP_FPACK, FPOP_FAND, FPOP_FANDCM, FPOP_FOR, FPOP_FXOR,
    FPOP_FSWAP, FPOP_FSWAP_NL, FPOP_FSWAP_NR,
    FPOP_FMIX_LR, FPOP_FMIX_R, FPOP_FMIX_L, FPOP_FSXT_R, FPOP_FSXT_L,
    FPOP_FPMERGE_S, FPOP_FPMERGE_NS, FPOP_FPMERGE_SE,
    FPOP_FPMIN, FPOP_FPMAX, FPOP_FPAMIN, FPOP_FPAMAX,
    FPOP_FPCVT_FX, FPOP_FPCVT_FXU, FPOP_FPCVT_FX_TRUNC, FPOP_FPCVT_FXU_TRUNC,
    FPOP_FSETC, FPOP_FCLRF, FPOP_FCHKF,
    FPOP_COUNT
} Ia64FpOp;

/* Row arg of the fma family: the operation and the precision override. */
enum { FP_PREC_SF = 0, FP_PREC_S = 1 << 8, FP_PREC_D = 2 << 8 };

/* ---- register values (fp_value.c) ------------------------------------------ */
bool ia64_fr_is_natval(Ia64Fr f);
bool ia64_fr_is_nan(Ia64Fr f);
bool ia64_fr_is_inf(Ia64Fr f);
bool ia64_fr_is_zero(Ia64Fr f);       /* significand 0, not NaTVal */
long double ia64_fr_to_ld(Ia64Fr f);  /* exact inside the x87 range */
Ia64Fr ia64_fr_from_ld(long double v);
Ia64Fr ia64_fr_natval(void);
/* Memory formats: single (32 bits), double (64 bits), extended (80 bits:
 * significand, then 16 bits sign|exponent) into and out of an FR. */
Ia64Fr ia64_fr_from_single(uint32_t bits);
Ia64Fr ia64_fr_from_double(uint64_t bits);
Ia64Fr ia64_fr_from_ext(uint64_t significand, uint16_t sign_exp15);
uint32_t ia64_fr_to_single(Ia64Fr f);
uint64_t ia64_fr_to_double(Ia64Fr f);
uint16_t ia64_fr_ext_sign_exp(Ia64Fr f);

/* ---- approximation tables (fp_tables.c) ---------------------------------- */
extern const uint16_t ia64_recip_table[256];
extern const uint16_t ia64_rsqrt_table[256];
/* The architected approximations of 1/b and 1/sqrt(b) for a finite,
 * nonzero (and for rsqrt positive) b, as register values. */
Ia64Fr ia64_fr_recip_approx(Ia64Fr b);
Ia64Fr ia64_fr_rsqrt_approx(Ia64Fr b);

/* ---- helpers (fp_arith.c) -------------------------------------------------- */
void ia64_fp_exec(CpuCommon *env, uint32_t op, uint64_t packed, uint64_t insn);
void ia64_fp_write(Ia64Cpu *cpu, unsigned idx, Ia64Fr v); /* also sets PSR.mfl/mfh */
extern const IrHelper ia64_fp_h_exec;

/* ---- memory forms (fp_mem.c), for the table ---------------------------------- */
bool ia64_trans_ldf(Ia64Ctx *ctx);
bool ia64_trans_ldfp(Ia64Ctx *ctx);
bool ia64_trans_stf(Ia64Ctx *ctx);
bool ia64_trans_setf(Ia64Ctx *ctx);
bool ia64_trans_getf(Ia64Ctx *ctx);
/* The text of an FP row (fp_disas.c) for the disassembler, mnemonic and
 * operands as objdump prints them ("fmpy.s1 f8=f6,f7"); the length. */
size_t ia64_fp_disas(const Ia64Form *form, uint64_t insn, uint64_t bundle, char *out, size_t outlen);
/* memory format codes (x6 bits 31:30 of ldf/stf): */
enum { FPMEM_EXT = 0, FPMEM_SIG = 1, FPMEM_SINGLE = 2, FPMEM_DOUBLE = 3, FPMEM_SPILL = 4 };

#endif
