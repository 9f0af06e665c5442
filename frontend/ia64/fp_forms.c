/* frontend/ia64/fp_forms.c — the floating-point unit's form table
 * (ia64_f_unit_forms, decode.h's contract) and the one translator the
 * F-unit rows share: resolve the register names, call ia64_fp_exec.
 *
 * F-unit majors (the F slot):
 *   0  misc: x(33)=0: x6(27..32) picks fmerge/fmin/fcvt/logic/fsetc...
 *           x(33)=1: q(36) 0 frcpa f1,p2=f2,f3   1 frsqrta f1,p2=f3
 *   1  the parallel (two singles) forms of major 0
 *   4  fcmp p1,p2=f2,f3   rb(36):ra(33) 00 eq 01 le 10 lt 11 unord; ta(12) unc
 *   5  fclass.m p1,p2=f2,fclass9   (fclass7c at 20, fc2 at 33); ta(12) unc
 *   8..13  fma/fms/fnma f1=f3,f4,f2: x(36) 0 .sf precision, 1 .s;
 *          the odd majors: x(36) 0 .d, 1 the parallel fpma/fpms/fpnma
 *   14 x(36)=0 fselect f1=f3,f4,f2; x=1 xma f1=f3,f4,f2, x2(34..35) 0 l, 3 h, 2 hu
 *   sf (status field) is bits 34..35 everywhere it exists.
 * fadd/fsub/fmpy/fnorm/xmpy are these forms with f1 or f0 as operands. */
#include "frontend/ia64/fp.h"

static uint64_t packed_operands(const Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    return (uint64_t)ia64_fr_index(ctx, ia64_r1(i)) << IA64_FPK_F1 |
           (uint64_t)ia64_fr_index(ctx, ia64_r2(i)) << IA64_FPK_F2 |
           (uint64_t)ia64_fr_index(ctx, ia64_r3(i)) << IA64_FPK_F3 |
           (uint64_t)ia64_fr_index(ctx, (unsigned)ia64_field(i, 27, 7)) << IA64_FPK_F4 |
           (uint64_t)ia64_pr_index(ctx, ia64_p1(i)) << IA64_FPK_P1 |
           (uint64_t)ia64_pr_index(ctx, ia64_p2(i)) << IA64_FPK_P2 |
           (uint64_t)ia64_pr_index(ctx, ia64_qp(i)) << IA64_FPK_QP;
}

static void call_exec(Ia64Ctx *ctx)
{
    IrTemp args[3] = {ir_const32(ctx->ir, ctx->form->arg), ia64_imm(ctx, (int64_t)packed_operands(ctx)),
                      ia64_imm(ctx, (int64_t)ctx->insn)};
    ir_call(ctx->ir, &ia64_fp_h_exec, args);
}

/* Forms that write f1: f0 and f1 are read-only. */
static bool trans_fr_write(Ia64Ctx *ctx)
{
    if (ia64_r1(ctx->insn) < 2)
        return false;
    call_exec(ctx);
    return true;
}

/* Forms that write predicates (and frcpa's f1): p1 == p2 is illegal. */
static bool trans_pred_write(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    unsigned op = (unsigned)ctx->form->arg & 0xff;
    bool writes_f1 = op == FPOP_FRCPA || op == FPOP_FRSQRTA || op == FPOP_FPRCPA || op == FPOP_FPRSQRTA;
    if (writes_f1 ? ia64_r1(i) < 2 : ia64_p1(i) == ia64_p2(i))
        return false;
    call_exec(ctx);
    return true;
}

/* fcmp.unc / fclass.unc act on a false qp too (both predicates cleared). */
static bool trans_unc_compare(Ia64Ctx *ctx)
{
    if (ia64_p1(ctx->insn) == ia64_p2(ctx->insn))
        return false;
    call_exec(ctx);
    return true;
}

static bool trans_status(Ia64Ctx *ctx)
{
    call_exec(ctx);
    return true;
}

/* fchkf.sf target: branches only when sf has a flag that sf0 lacks and
 * whose trap is enabled; traps stay disabled here, so it falls through. */
static bool trans_fchkf(Ia64Ctx *ctx)
{
    (void)ctx;
    return true;
}

/* ---- row builders --------------------------------------------------------- */
#define F_MAJ(m) ((uint64_t)(m) << 37)
#define F_X(v) ((uint64_t)(v) << 33)
#define F_X6(v) ((uint64_t)(v) << 27)
#define F_B36(v) ((uint64_t)(v) << 36)
#define F_B12(v) ((uint64_t)(v) << 12)
#define F_X2(v) ((uint64_t)(v) << 34)
#define MASK_MISC (F_MAJ(15) | F_X(1) | F_X6(0x3f))
#define MASK_RCP (F_MAJ(15) | F_X(1) | F_B36(1))
#define MASK_FCMP (F_MAJ(15) | F_B36(1) | F_X(1) | F_B12(1))
#define MASK_FMA (F_MAJ(15) | F_B36(1))
#define MASK_XMA (F_MAJ(15) | F_B36(1) | F_X2(3))

#define MISC(maj, x6, name, op, fn) {IA64_U_F, 0, IA64_OPS_OTHER, MASK_MISC, F_MAJ(maj) | F_X6(x6), name, fn, op}
#define FMA(maj, x, name, arg) {IA64_U_F, 0, IA64_OPS_OTHER, MASK_FMA, F_MAJ(maj) | F_B36(x), name, trans_fr_write, arg}
/* M-unit rows: major, x(27), x6 (30..35), m(36) free unless `mask_m`. */
#define M_X6(maj, x, x6) (F_MAJ(maj) | (uint64_t)(x) << 27 | (uint64_t)(x6) << 30)
#define M_MASK (F_MAJ(15) | (uint64_t)1 << 27 | (uint64_t)0x3f << 30)
#define M_MASK_NOSIZE (F_MAJ(15) | (uint64_t)1 << 27 | (uint64_t)0xf << 32)
#define MROW(maj, x, x6, mask, name, fn) {IA64_U_M, 0, IA64_OPS_OTHER, mask, M_X6(maj, x, x6), name, fn, 0}

const Ia64Form ia64_f_unit_forms[] = {
    /* multiply-add: f1 = f3 * f4 + f2 (precision: sf.pc, .s or .d) */
    FMA(8, 0, "fma", FPOP_FMA | FP_PREC_SF),
    FMA(8, 1, "fma.s", FPOP_FMA | FP_PREC_S),
    FMA(9, 0, "fma.d", FPOP_FMA | FP_PREC_D),
    FMA(9, 1, "fpma", FPOP_FPMA),
    FMA(10, 0, "fms", FPOP_FMS | FP_PREC_SF),
    FMA(10, 1, "fms.s", FPOP_FMS | FP_PREC_S),
    FMA(11, 0, "fms.d", FPOP_FMS | FP_PREC_D),
    FMA(11, 1, "fpms", FPOP_FPMS),
    FMA(12, 0, "fnma", FPOP_FNMA | FP_PREC_SF),
    FMA(12, 1, "fnma.s", FPOP_FNMA | FP_PREC_S),
    FMA(13, 0, "fnma.d", FPOP_FNMA | FP_PREC_D),
    FMA(13, 1, "fpnma", FPOP_FPNMA),
    FMA(14, 0, "fselect", FPOP_FSELECT),
    {IA64_U_F, 0, IA64_OPS_OTHER, MASK_XMA, F_MAJ(14) | F_B36(1) | F_X2(0), "xma.l", trans_fr_write, FPOP_XMA_L},
    {IA64_U_F, 0, IA64_OPS_OTHER, MASK_XMA, F_MAJ(14) | F_B36(1) | F_X2(3), "xma.h", trans_fr_write, FPOP_XMA_H},
    {IA64_U_F, 0, IA64_OPS_OTHER, MASK_XMA, F_MAJ(14) | F_B36(1) | F_X2(2), "xma.hu", trans_fr_write, FPOP_XMA_HU},
    /* compares and classes (unc: the handler takes the qp) */
    {IA64_U_F, 0, IA64_OPS_OTHER, F_MAJ(15) | F_B12(1), F_MAJ(4), "fcmp", trans_pred_write, FPOP_FCMP},
    {IA64_U_F, IA64_F_OWN_QP, IA64_OPS_OTHER, F_MAJ(15) | F_B12(1), F_MAJ(4) | F_B12(1), "fcmp", trans_unc_compare, FPOP_FCMP},
    {IA64_U_F, 0, IA64_OPS_OTHER, F_MAJ(15) | F_B12(1), F_MAJ(5), "fclass.m", trans_pred_write, FPOP_FCLASS},
    {IA64_U_F, IA64_F_OWN_QP, IA64_OPS_OTHER, F_MAJ(15) | F_B12(1), F_MAJ(5) | F_B12(1), "fclass.m", trans_unc_compare, FPOP_FCLASS},
    /* reciprocal approximations */
    {IA64_U_F, 0, IA64_OPS_OTHER, MASK_RCP, F_MAJ(0) | F_X(1), "frcpa", trans_pred_write, FPOP_FRCPA},
    {IA64_U_F, 0, IA64_OPS_OTHER, MASK_RCP, F_MAJ(0) | F_X(1) | F_B36(1), "frsqrta", trans_pred_write, FPOP_FRSQRTA},
    {IA64_U_F, 0, IA64_OPS_OTHER, MASK_RCP, F_MAJ(1) | F_X(1), "fprcpa", trans_pred_write, FPOP_FPRCPA},
    {IA64_U_F, 0, IA64_OPS_OTHER, MASK_RCP, F_MAJ(1) | F_X(1) | F_B36(1), "fprsqrta", trans_pred_write, FPOP_FPRSQRTA},
    /* status fields */
    MISC(0, 0x04, "fsetc", FPOP_FSETC, trans_status),
    MISC(0, 0x05, "fclrf", FPOP_FCLRF, trans_status),
    MISC(0, 0x08, "fchkf", FPOP_FCHKF, trans_fchkf),
    /* major 0 misc: f1 = f2 op f3 */
    MISC(0, 0x10, "fmerge.s", FPOP_FMERGE_S, trans_fr_write),
    MISC(0, 0x11, "fmerge.ns", FPOP_FMERGE_NS, trans_fr_write),
    MISC(0, 0x12, "fmerge.se", FPOP_FMERGE_SE, trans_fr_write),
    MISC(0, 0x14, "fmin", FPOP_FMIN, trans_fr_write),
    MISC(0, 0x15, "fmax", FPOP_FMAX, trans_fr_write),
    MISC(0, 0x16, "famin", FPOP_FAMIN, trans_fr_write),
    MISC(0, 0x17, "famax", FPOP_FAMAX, trans_fr_write),
    MISC(0, 0x18, "fcvt.fx", FPOP_FCVT_FX, trans_fr_write),
    MISC(0, 0x19, "fcvt.fxu", FPOP_FCVT_FXU, trans_fr_write),
    MISC(0, 0x1a, "fcvt.fx.trunc", FPOP_FCVT_FX_TRUNC, trans_fr_write),
    MISC(0, 0x1b, "fcvt.fxu.trunc", FPOP_FCVT_FXU_TRUNC, trans_fr_write),
    MISC(0, 0x1c, "fcvt.xf", FPOP_FCVT_XF, trans_fr_write),
    MISC(0, 0x28, "fpack", FPOP_FPACK, trans_fr_write),
    MISC(0, 0x2c, "fand", FPOP_FAND, trans_fr_write),
    MISC(0, 0x2d, "fandcm", FPOP_FANDCM, trans_fr_write),
    MISC(0, 0x2e, "for", FPOP_FOR, trans_fr_write),
    MISC(0, 0x2f, "fxor", FPOP_FXOR, trans_fr_write),
    MISC(0, 0x34, "fswap", FPOP_FSWAP, trans_fr_write),
    MISC(0, 0x35, "fswap.nl", FPOP_FSWAP_NL, trans_fr_write),
    MISC(0, 0x36, "fswap.nr", FPOP_FSWAP_NR, trans_fr_write),
    MISC(0, 0x39, "fmix.lr", FPOP_FMIX_LR, trans_fr_write),
    MISC(0, 0x3a, "fmix.r", FPOP_FMIX_R, trans_fr_write),
    MISC(0, 0x3b, "fmix.l", FPOP_FMIX_L, trans_fr_write),
    MISC(0, 0x3c, "fsxt.r", FPOP_FSXT_R, trans_fr_write),
    MISC(0, 0x3d, "fsxt.l", FPOP_FSXT_L, trans_fr_write),
    /* major 1: the parallel forms */
    MISC(1, 0x10, "fpmerge.s", FPOP_FPMERGE_S, trans_fr_write),
    MISC(1, 0x11, "fpmerge.ns", FPOP_FPMERGE_NS, trans_fr_write),
    MISC(1, 0x12, "fpmerge.se", FPOP_FPMERGE_SE, trans_fr_write),
    MISC(1, 0x14, "fpmin", FPOP_FPMIN, trans_fr_write),
    MISC(1, 0x15, "fpmax", FPOP_FPMAX, trans_fr_write),
    MISC(1, 0x16, "fpamin", FPOP_FPAMIN, trans_fr_write),
    MISC(1, 0x17, "fpamax", FPOP_FPAMAX, trans_fr_write),
    MISC(1, 0x18, "fpcvt.fx", FPOP_FPCVT_FX, trans_fr_write),
    MISC(1, 0x19, "fpcvt.fxu", FPOP_FPCVT_FXU, trans_fr_write),
    MISC(1, 0x1a, "fpcvt.fx.trunc", FPOP_FPCVT_FX_TRUNC, trans_fr_write),
    MISC(1, 0x1b, "fpcvt.fxu.trunc", FPOP_FPCVT_FXU_TRUNC, trans_fr_write),
    {IA64_U_F, 0, IA64_OPS_OTHER, F_MAJ(15) | F_X(1) | F_X6(0x38), F_MAJ(1) | F_X6(0x30), "fpcmp", trans_fr_write, FPOP_FPCMP},
    /* M unit: FP loads (m=1 / major 7: post-increment) */
    MROW(6, 0, 0x1b, M_MASK, "ldf.fill", ia64_trans_ldf),
    MROW(7, 0, 0x1b, M_MASK & ~((uint64_t)1 << 27), "ldf.fill", ia64_trans_ldf),
    MROW(6, 0, 0x00, M_MASK_NOSIZE, "ldf", ia64_trans_ldf),
    MROW(6, 0, 0x04, M_MASK_NOSIZE, "ldf.s", ia64_trans_ldf),
    MROW(6, 0, 0x08, M_MASK_NOSIZE, "ldf.a", ia64_trans_ldf),
    MROW(6, 0, 0x0c, M_MASK_NOSIZE, "ldf.sa", ia64_trans_ldf),
    MROW(6, 0, 0x20, M_MASK_NOSIZE, "ldf.c.clr", ia64_trans_ldf),
    MROW(6, 0, 0x24, M_MASK_NOSIZE, "ldf.c.nc", ia64_trans_ldf),
    MROW(6, 0, 0x30, M_MASK_NOSIZE, "stf", ia64_trans_stf),
    MROW(6, 0, 0x3b, M_MASK, "stf.spill", ia64_trans_stf),
    MROW(6, 1, 0x1c, M_MASK_NOSIZE, "setf", ia64_trans_setf),
    MROW(4, 1, 0x1c, M_MASK_NOSIZE, "getf", ia64_trans_getf),
    MROW(6, 1, 0x00, M_MASK_NOSIZE, "ldfp", ia64_trans_ldfp),
    MROW(6, 1, 0x04, M_MASK_NOSIZE, "ldfp.s", ia64_trans_ldfp),
    MROW(6, 1, 0x08, M_MASK_NOSIZE, "ldfp.a", ia64_trans_ldfp),
    MROW(6, 1, 0x0c, M_MASK_NOSIZE, "ldfp.sa", ia64_trans_ldfp),
    MROW(6, 1, 0x20, M_MASK_NOSIZE, "ldfp.c.clr", ia64_trans_ldfp),
    MROW(6, 1, 0x24, M_MASK_NOSIZE, "ldfp.c.nc", ia64_trans_ldfp),
    /* major 7: imm9 post-increment; x(27) is part of the immediate */
    MROW(7, 0, 0x00, M_MASK_NOSIZE & ~((uint64_t)1 << 27), "ldf", ia64_trans_ldf),
    MROW(7, 0, 0x04, M_MASK_NOSIZE & ~((uint64_t)1 << 27), "ldf.s", ia64_trans_ldf),
    MROW(7, 0, 0x08, M_MASK_NOSIZE & ~((uint64_t)1 << 27), "ldf.a", ia64_trans_ldf),
    MROW(7, 0, 0x0c, M_MASK_NOSIZE & ~((uint64_t)1 << 27), "ldf.sa", ia64_trans_ldf),
    MROW(7, 0, 0x20, M_MASK_NOSIZE & ~((uint64_t)1 << 27), "ldf.c.clr", ia64_trans_ldf),
    MROW(7, 0, 0x24, M_MASK_NOSIZE & ~((uint64_t)1 << 27), "ldf.c.nc", ia64_trans_ldf),
    MROW(7, 0, 0x3b, M_MASK & ~((uint64_t)1 << 27), "stf.spill", ia64_trans_stf),
    MROW(7, 0, 0x30, M_MASK_NOSIZE & ~((uint64_t)1 << 27), "stf", ia64_trans_stf),
    {0, 0, 0, 0, 0, NULL, NULL, 0},
};
