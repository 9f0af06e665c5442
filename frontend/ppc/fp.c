/* frontend/ppc/fp.c — the classic PowerPC FPU as IR: FP loads and stores,
 * moves, arithmetic (double and single), estimates, fsel, rounding and
 * integer conversions, compares, and the FPSCR instructions; the table
 * ppc_fp_forms that selects them.
 *
 * FPRs live in PpcCpu.fpr[] as IEEE doubles and are always reached as f64
 * (ld_env/st_env IR_F64), bit-level work goes through bitcast. Arithmetic
 * is IR float ops running in the guest's rounding mode, which the FPSCR
 * helpers keep installed on the host; status bits are folded in lazily
 * (frontend/ppc/fp_helpers.c says which are exact). Three host habits are
 * corrected here:
 *  - NaN results: hosts propagate NaNs in their own order (x86 prefers a
 *    signalling NaN; a C compiler may swap the operands of a + b) and make
 *    a negative default NaN, POWER takes the first NaN of FRA, FRB, FRC and
 *    makes a positive default NaN. An arithmetic result that is a NaN goes
 *    to a helper (a rare branch) that returns POWER's NaN and records the
 *    exact invalid-operation causes (VXSNAN, VXISI, VXIDI, VXZDZ, VXIMZ,
 *    VXSQRT);
 *  - loads and stores of singles, moves and fsel never touch the host FPU
 *    where it would quiet a signalling NaN or raise a flag: they are
 *    integer operations on the bit patterns; compares find NaNs with a
 *    quiet host compare, and their rare path clears the invalid flag a
 *    signalling NaN raises there;
 *  - single-precision results are the double result rounded again to
 *    single; that second rounding can only be wrong when an inexact double
 *    result lies exactly halfway between two singles or in the single
 *    denormal range, and those (rare) cases are redone exactly by a helper
 *    with round-to-odd. So fadds..fnmadds are correctly rounded for any
 *    inputs, not only single-precision ones.
 * Each correction is a rare path (fp_gen.h): one compare and branch on
 * the usual way, which then goes on with its values in registers; the
 * rare way does the whole instruction in a helper and leaves the block
 * for the next instruction, so no two ways ever meet again. Both ways
 * store the same record, so that a later record makes it dead on both and
 * only the last one before an exit or a possible fault has to be stored.
 * Consecutive register-only instructions go further (fp_run.c): their
 * results and record are held in temps, and one test for the whole run
 * replaces the rare path of each.
 * VSX (vsx_fp.c) shares these generators through fp_gen.h.
 */
#include <stddef.h>

#include "backend/exec.h"
#include "frontend/ppc/fp_gen.h"

#define F64_SIGN 0x8000000000000000ull
#define F64_ABS 0x7fffffffffffffffull
#define F64_INF 0x7ff0000000000000ull
#define F64_TWO63 0x43e0000000000000ull  /* 2^63 */
#define FCTIW_HIGH 0xfff8000000000000ull /* high word of fctiw results, as POWER leaves it */

/* ---- small generators ---------------------------------------------- */

static IrTemp k32(PpcCtx *ctx, uint32_t v)
{
    return ir_const32(ctx->ir, v);
}
static IrTemp k64(PpcCtx *ctx, uint64_t v)
{
    return ir_const64(ctx->ir, v);
}

/* FPR n: the value a run holds back (fp_run.c), or the guest state. */
static IrTemp fpr_f64(PpcCtx *ctx, unsigned n)
{
    IrTemp held = ppc_fp_run_fpr(ctx, n);
    return held ? held : ir_ld_env(ctx->ir, IR_F64, PPC_FPR_OFF(n));
}
static IrTemp fpr_bits(PpcCtx *ctx, unsigned n)
{
    return ir_bitcast(ctx->ir, IR_I64, fpr_f64(ctx, n));
}
static void set_fpr_f64(PpcCtx *ctx, unsigned n, IrTemp v)
{
    if (ctx->fp_run.members)
        ppc_fp_run_hold_fpr(ctx, n, v);
    else
        ir_st_env(ctx->ir, IR_F64, PPC_FPR_OFF(n), v);
}
static void set_fpr_bits(PpcCtx *ctx, unsigned n, IrTemp bits)
{
    set_fpr_f64(ctx, n, ir_bitcast(ctx->ir, IR_F64, bits));
}

/* i64 0/1: the double bit pattern is a NaN (never touches the host FPU). */
static IrTemp is_nan_bits(PpcCtx *ctx, IrTemp bits)
{
    return ir_setcond(ctx->ir, IR_GTU, ir_andi(ctx->ir, bits, F64_ABS), k64(ctx, F64_INF));
}

/* The rare path of an instruction (fp_gen.h): the usual case branches
 * over it, to a label nothing else comes into, so the usual way keeps its
 * values in registers; the rare path leaves the block. */
IrLabel ppc_fp_rare_begin(PpcCtx *ctx, IrCond usual, IrTemp x, IrTemp y)
{
    IrLabel l_usual = ir_new_label(ctx->ir);
    ir_brcond(ctx->ir, usual, x, y, l_usual);
    return l_usual;
}

void ppc_fp_rare_end(PpcCtx *ctx, IrLabel l_usual)
{
    IrBlock *b = ctx->ir;
    uint64_t next = ctx->sf ? ctx->pc + 4 : (uint32_t)(ctx->pc + 4);
    ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), k64(ctx, next));
    ir_exit(b, EXIT_NONE); /* the exec loop goes on at pc: least code here */
    ir_label(b, l_usual);
}

/* Rare when the double bit pattern is a NaN: shifted left by one (the sign
 * gone) it is above infinity's. */
IrLabel ppc_fp_rare_if_nan(PpcCtx *ctx, IrTemp bits)
{
    return ppc_fp_rare_begin(ctx, IR_LEU, ir_shli(ctx->ir, bits, 1), k64(ctx, F64_INF << 1));
}

/* Rc=1 of FP instructions: CR1 = FPSCR[FX FEX VX OX] (fpscr is i32). */
static void set_cr1_from(PpcCtx *ctx, IrTemp fpscr)
{
    ppc_set_cr(ctx, 1, ir_shri(ctx->ir, fpscr, 28));
}

static void set_cr1_now(PpcCtx *ctx)
{
    set_cr1_from(ctx, ir_call(ctx->ir, &ppc_fp_h_sync, NULL));
}

static void fp_rc(PpcCtx *ctx)
{
    if (ppc_rc(ctx->insn))
        set_cr1_now(ctx);
}

/* Record an instruction that sets FPRF, FR and FI (operation and the
 * operands it reads, see fp_helpers.h) for the lazy fold, which redoes it.
 * Both ways of an instruction record it alike, so that a later record of
 * the block makes these stores dead. */
void ppc_fp_note_op(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c)
{
    if (ctx->fp_run.members)
        ppc_fp_run_hold_record(ctx, rec, a, bb, c);
    else
        ppc_fp_store_record(ctx, rec, a, bb, c);
}

void ppc_fp_store_record(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c)
{
    const IrTemp opnd[3] = {a, bb, c};
    unsigned used = ppc_fp_operands((PpcFpOp)(rec & PPC_FPR_OP_MASK)), slot = 0;
    for (unsigned k = 0; k < 3; k++)
        if (used & 1u << k)
            ir_st_env(ctx->ir, IR_F64, PPC_FP_OPND_OFF(slot++), opnd[k]);
    ir_st_env(ctx->ir, IR_I32, PPC_FP_REC_OFF, k32(ctx, rec));
}

/* ---- arithmetic (A-form) -------------------------------------------- */

static IrTemp one_of(IrBlock *b, IrType type)
{
    return type == IR_F32 ? ir_const(b, IR_F32, 0x3f800000u) : ir_const_f64(b, 1.0);
}

/* One row per A-form XO (bits 26:30), shared by opcode 63 (double) and
 * 59 (single). */
typedef struct FpArith {
    bool valid;
    PpcFpOp op;
    bool reciprocal; /* fres/fre: FRA is not read, the dividend is 1.0 */
    bool negate;     /* fnmadd/fnmsub */
} FpArith;

static const FpArith fp_arith_forms[32] = {
    [18] = {true, PPC_FPOP_DIV, false, false},   /* fdiv   FRT = FRA / FRB */
    [20] = {true, PPC_FPOP_SUB, false, false},   /* fsub   FRT = FRA - FRB */
    [21] = {true, PPC_FPOP_ADD, false, false},   /* fadd   FRT = FRA + FRB */
    [22] = {true, PPC_FPOP_SQRT, false, false},  /* fsqrt  FRT = sqrt(FRB) */
    [24] = {true, PPC_FPOP_DIV, true, false},    /* fre    FRT ~ 1 / FRB */
    [25] = {true, PPC_FPOP_MUL, false, false},   /* fmul   FRT = FRA * FRC */
    [26] = {true, PPC_FPOP_RSQRT, false, false}, /* frsqrte FRT ~ 1 / sqrt(FRB) */
    [28] = {true, PPC_FPOP_MSUB, false, false},  /* fmsub  FRT = FRA * FRC - FRB */
    [29] = {true, PPC_FPOP_MADD, false, false},  /* fmadd  FRT = FRA * FRC + FRB */
    [30] = {true, PPC_FPOP_MSUB, false, true},   /* fnmsub FRT = -(FRA * FRC - FRB) */
    [31] = {true, PPC_FPOP_MADD, false, true},   /* fnmadd FRT = -(FRA * FRC + FRB) */
};

IrTemp ppc_fp_emit_op(IrBlock *b, IrType type, PpcFpOp op, IrTemp a, IrTemp bb, IrTemp c)
{
    switch (op) {
    case PPC_FPOP_ADD:
        return ir_op2(b, IR_OP_fadd, a, bb);
    case PPC_FPOP_SUB:
        return ir_op2(b, IR_OP_fsub, a, bb);
    case PPC_FPOP_MUL:
        return ir_op2(b, IR_OP_fmul, a, c);
    case PPC_FPOP_DIV:
        return ir_op2(b, IR_OP_fdiv, a, bb);
    case PPC_FPOP_SQRT:
        return ir_op1(b, IR_OP_fsqrt, bb);
    case PPC_FPOP_MADD:
        return ir_op3(b, IR_OP_fma, a, c, bb);
    case PPC_FPOP_MSUB:
        return ir_op3(b, IR_OP_fma, a, c, ir_op1(b, IR_OP_fneg, bb));
    case PPC_FPOP_RSQRT:
        return ir_op2(b, IR_OP_fdiv, one_of(b, type), ir_op1(b, IR_OP_fsqrt, bb));
    default: /* not an A-form operation */
        return a;
    }
}

/* i64 0/1: the double result `bits` of `op` on a, b (its A-form
 * operands) needs the rare path of a single-precision instruction.
 * Rounding a double result again to single (the fast path: two IR
 * conversions) can only differ from one rounding of the exact result when
 * the double result was inexact and is exactly a midpoint between singles
 * (low 29 bits 0x10000000), or when it lies below the single normal range;
 * those, and NaNs, are redone exactly by the helper (round to odd).
 * A sum, difference or product of two operands that singles hold (low 29
 * fraction bits clear: at most 24 significant bits) is a midpoint only
 * when exact: a product has at most 48 bits; a sum at most 25 + d for
 * exponents d apart, and for d > 28 the smaller operand lies too far
 * below to make the larger one a midpoint. So such a midpoint is usual
 * (single-precision code hits it often, a product by 3 one time in four). */
static IrTemp single_needs_help(PpcCtx *ctx, PpcFpOp op, IrTemp a, IrTemp bb, IrTemp c, IrTemp bits)
{
    IrBlock *b = ctx->ir;
    IrTemp mid = ir_setcond(b, IR_EQ, ir_andi(b, bits, 0x1fffffff), k64(ctx, 0x10000000));
    if (op == PPC_FPOP_ADD || op == PPC_FPOP_SUB || op == PPC_FPOP_MUL) {
        IrTemp other = ir_bitcast(b, IR_I64, op == PPC_FPOP_MUL ? c : bb);
        IrTemp low = ir_andi(b, ir_or(b, ir_bitcast(b, IR_I64, a), other), 0x1fffffff);
        mid = ir_and(b, mid, ir_setcond(b, IR_NE, low, k64(ctx, 0)));
    }
    IrTemp abs = ir_andi(b, bits, F64_ABS);
    IrTemp tiny = ir_setcond(b, IR_LTU, ir_sub(b, abs, k64(ctx, 1)), k64(ctx, 0x380fffffffffffffull));
    IrTemp nan = ir_setcond(b, IR_GTU, abs, k64(ctx, F64_INF));
    return ir_or(b, ir_or(b, mid, tiny), nan);
}

/* The usual way's result r (double) of the instruction of record word
 * rec, rounded to single and negated as it says, into env offset dest_off
 * (held back in a run: then an FPR). */
static void fp_result(PpcCtx *ctx, uint32_t rec, IrTemp r, uint32_t dest_off)
{
    IrBlock *b = ctx->ir;
    if (rec & PPC_FPR_SINGLE)
        r = ir_cvt(b, IR_OP_fcvt_f32, IR_F64, ir_cvt(b, IR_OP_fcvt_f64, IR_F32, r, 0), 0);
    if (rec & PPC_FPR_NEGATE)
        r = ir_op1(b, IR_OP_fneg, r);
    if (ctx->fp_run.members)
        ppc_fp_run_hold_fpr(ctx, (dest_off - PPC_FPR_OFF(0)) / 8, r);
    else
        ir_st_env(b, IR_F64, dest_off, r);
}

void ppc_fp_gen_recorded(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c, uint32_t dest_off, bool rc)
{
    IrBlock *b = ctx->ir;
    PpcFpOp op = (PpcFpOp)(rec & PPC_FPR_OP_MASK);
    bool single = rec & PPC_FPR_SINGLE;
    IrTemp r = ppc_fp_emit_op(b, IR_F64, op, a, bb, c);
    IrTemp bits = ir_bitcast(b, IR_I64, r);
    if (ctx->fp_run.members) { /* one test for the whole run (fp_run.c) */
        if (single)
            ppc_fp_run_test(ctx, ir_trunc_i64(b, single_needs_help(ctx, op, a, bb, c, bits)));
        else
            ppc_fp_run_test_nan(ctx, r);
        ppc_fp_note_op(ctx, rec, a, bb, c);
        fp_result(ctx, rec, r, dest_off);
        return;
    }
    IrLabel l_usual =
        single ? ppc_fp_rare_begin(ctx, IR_EQ, single_needs_help(ctx, op, a, bb, c, bits), k64(ctx, 0))
               : ppc_fp_rare_if_nan(ctx, bits);
    ppc_fp_note_op(ctx, rec, a, bb, c);
    IrTemp arg = k32(ctx, rec);
    ir_st_env(b, IR_F64, dest_off, ir_call(b, &ppc_fp_h_recorded_slow, &arg));
    if (rc)
        set_cr1_now(ctx);
    ppc_fp_rare_end(ctx, l_usual);
    ppc_fp_note_op(ctx, rec, a, bb, c);
    fp_result(ctx, rec, r, dest_off);
}

static bool trans_arith(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    const FpArith *d = &fp_arith_forms[(i >> 1) & 31];
    if (!d->valid)
        return false;
    bool single = ppc_opcd(i) == 59;
    IrTemp bb = fpr_f64(ctx, ppc_rb(i));
    IrTemp a = d->reciprocal ? ir_const_f64(b, 1.0) : fpr_f64(ctx, ppc_ra(i));
    IrTemp c = fpr_f64(ctx, ppc_rc_field(i));
    uint32_t rec = d->op | (single ? PPC_FPR_SINGLE : 0) | (d->negate ? PPC_FPR_NEGATE : 0);
    ppc_fp_gen_recorded(ctx, rec, a, bb, c, PPC_FPR_OFF(ppc_rt(i)), ppc_rc(i));
    fp_rc(ctx);
    return true;
}

/* fsel FRT,FRA,FRC,FRB: FRT = FRA >= 0.0 ? FRC : FRB (NaN: FRB). No
 * exceptions, so the test is done on the bits. */
static bool trans_fsel(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp a = fpr_bits(ctx, ppc_ra(i));
    IrTemp nonneg =
        ir_or(b, ir_setcond(b, IR_GE, a, k64(ctx, 0)), ir_setcond(b, IR_EQ, a, k64(ctx, F64_SIGN)));
    IrTemp ok = ir_op2(b, IR_OP_andc, nonneg, is_nan_bits(ctx, a));
    IrTemp r =
        ir_movcond(b, IR_NE, ok, k64(ctx, 0), fpr_bits(ctx, ppc_rc_field(i)), fpr_bits(ctx, ppc_rb(i)));
    set_fpr_bits(ctx, ppc_rt(i), r);
    fp_rc(ctx);
    return true;
}

/* ---- moves on the bit pattern ---------------------------------------- */

static bool fp_move(PpcCtx *ctx, IrOpcode op, uint64_t k)
{
    uint32_t i = ctx->insn;
    set_fpr_bits(ctx, ppc_rt(i), ir_opi(ctx->ir, op, fpr_bits(ctx, ppc_rb(i)), k));
    fp_rc(ctx);
    return true;
}

static bool trans_fmr(PpcCtx *ctx)
{
    return fp_move(ctx, IR_OP_or, 0);
}
static bool trans_fneg(PpcCtx *ctx)
{
    return fp_move(ctx, IR_OP_xor, F64_SIGN);
}
static bool trans_fabs(PpcCtx *ctx)
{
    return fp_move(ctx, IR_OP_and, F64_ABS);
}
static bool trans_fnabs(PpcCtx *ctx)
{
    return fp_move(ctx, IR_OP_or, F64_SIGN);
}

/* fcpsgn FRT,FRA,FRB: FRB's magnitude with FRA's sign. */
static bool trans_fcpsgn(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp sign = ir_andi(b, fpr_bits(ctx, ppc_ra(i)), F64_SIGN);
    IrTemp mag = ir_andi(b, fpr_bits(ctx, ppc_rb(i)), F64_ABS);
    set_fpr_bits(ctx, ppc_rt(i), ir_or(b, sign, mag));
    fp_rc(ctx);
    return true;
}

/* ---- rounding and conversions ---------------------------------------- */

/* frsp: one rounding of a double to single: the IR conversion is exact. */
static bool trans_frsp(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp src = fpr_f64(ctx, ppc_rb(i));
    IrTemp s = ir_cvt(b, IR_OP_fcvt_f64, IR_F32, src, 0);
    IrTemp r = ir_cvt(b, IR_OP_fcvt_f32, IR_F64, s, 0);
    set_fpr_f64(ctx, ppc_rt(i), r);
    ppc_fp_note_op(ctx, PPC_FPOP_FRSP | PPC_FPR_SINGLE, src, 0, 0);
    fp_rc(ctx);
    return true;
}

/* The end of both ways of fcti*: FRT = res, the record, Rc. */
static void fp_to_int_result(PpcCtx *ctx, uint32_t how, IrTemp src, IrTemp res)
{
    set_fpr_bits(ctx, ppc_rt(ctx->insn), res);
    ppc_fp_note_op(ctx, PPC_FPOP_CTI | how, src, 0, 0);
    fp_rc(ctx);
}

/* fcti[w|d][u][z]: conversion to a signed or unsigned word or doubleword,
 * in the current mode or toward zero. Fast path: sources that cannot go
 * out of range (|x| < 2^31 - 1 for words, < 2^63 for doublewords, and not
 * negative for unsigned) take the IR conversion, which raises inexact as
 * XX wants. The rest (NaN, large, negative unsigned) go to a helper that
 * saturates with VXCVI and no XX. Word results leave 0xfff80000 in the
 * high word. */
static bool fp_to_int(PpcCtx *ctx, uint32_t how)
{
    IrBlock *b = ctx->ir;
    bool is64 = how & PPC_FPR_CTI_64, uns = how & PPC_FPR_CTI_UNS;
    IrTemp src = fpr_f64(ctx, ppc_rb(ctx->insn));
    IrTemp bits = ir_bitcast(b, IR_I64, src);
    /* the fast-path bound: 2^63, or 2^31 - 1 / 2^32 - 1 as doubles */
    uint64_t bound = is64 ? F64_TWO63 : uns ? 0x41efffffffe00000ull : 0x41dfffffffc00000ull;
    IrTemp key = uns ? bits : ir_andi(b, bits, F64_ABS); /* unsigned: negative -> huge */
    IrLabel l_usual = ppc_fp_rare_begin(ctx, IR_LTU, key, k64(ctx, bound));
    IrTemp args[2] = {k32(ctx, how), bits};
    fp_to_int_result(ctx, how, src, ir_call(b, &ppc_fp_h_to_int, args));
    ppc_fp_rare_end(ctx, l_usual);
    IrRound round = (how & PPC_FPR_CTI_TRUNC) ? IR_ROUND_TRUNC : IR_ROUND_CURRENT;
    IrTemp v = ir_cvt(b, IR_OP_cvt_f_s64, IR_I64, src, round);
    if (!is64)
        v = ir_ori(b, ir_andi(b, v, 0xffffffffu), FCTIW_HIGH);
    fp_to_int_result(ctx, how, src, v);
    return true;
}

static bool trans_fctiw(PpcCtx *ctx)
{
    return fp_to_int(ctx, 0);
}
static bool trans_fctiwz(PpcCtx *ctx)
{
    return fp_to_int(ctx, PPC_FPR_CTI_TRUNC);
}
static bool trans_fctiwu(PpcCtx *ctx)
{
    return fp_to_int(ctx, PPC_FPR_CTI_UNS);
}
static bool trans_fctiwuz(PpcCtx *ctx)
{
    return fp_to_int(ctx, PPC_FPR_CTI_UNS | PPC_FPR_CTI_TRUNC);
}
static bool trans_fctid(PpcCtx *ctx)
{
    return fp_to_int(ctx, PPC_FPR_CTI_64);
}
static bool trans_fctidz(PpcCtx *ctx)
{
    return fp_to_int(ctx, PPC_FPR_CTI_64 | PPC_FPR_CTI_TRUNC);
}
static bool trans_fctidu(PpcCtx *ctx)
{
    return fp_to_int(ctx, PPC_FPR_CTI_64 | PPC_FPR_CTI_UNS);
}
static bool trans_fctiduz(PpcCtx *ctx)
{
    return fp_to_int(ctx, PPC_FPR_CTI_64 | PPC_FPR_CTI_UNS | PPC_FPR_CTI_TRUNC);
}

/* fcfid[u][s]: 64-bit integer to double or single, one rounding. */
void ppc_fp_gen_from_int(PpcCtx *ctx, bool is_unsigned, bool single, IrTemp src, uint32_t dest_off)
{
    IrBlock *b = ctx->ir;
    IrOpcode cvt = is_unsigned ? IR_OP_cvt_u64_f : IR_OP_cvt_s64_f;
    IrTemp r = ir_cvt(b, cvt, single ? IR_F32 : IR_F64, ir_bitcast(b, IR_I64, src), 0);
    if (single)
        r = ir_cvt(b, IR_OP_fcvt_f32, IR_F64, r, 0);
    ir_st_env(b, IR_F64, dest_off, r);
    PpcFpOp op = is_unsigned ? PPC_FPOP_CFIDU : PPC_FPOP_CFID;
    ppc_fp_note_op(ctx, op | (single ? PPC_FPR_SINGLE : 0), src, 0, 0);
}

static bool fp_from_int(PpcCtx *ctx, IrOpcode cvt, bool single)
{
    uint32_t i = ctx->insn;
    ppc_fp_gen_from_int(ctx, cvt == IR_OP_cvt_u64_f, single, fpr_f64(ctx, ppc_rb(i)), PPC_FPR_OFF(ppc_rt(i)));
    fp_rc(ctx);
    return true;
}

static bool trans_fcfid(PpcCtx *ctx)
{
    return fp_from_int(ctx, IR_OP_cvt_s64_f, false);
}
static bool trans_fcfids(PpcCtx *ctx)
{
    return fp_from_int(ctx, IR_OP_cvt_s64_f, true);
}
static bool trans_fcfidu(PpcCtx *ctx)
{
    return fp_from_int(ctx, IR_OP_cvt_u64_f, false);
}
static bool trans_fcfidus(PpcCtx *ctx)
{
    return fp_from_int(ctx, IR_OP_cvt_u64_f, true);
}

/* frin/friz/frip/frim: round to an integral double (exact helper). */
static bool fp_round_int(PpcCtx *ctx, PpcFpRoundInt how)
{
    uint32_t i = ctx->insn;
    IrTemp args[2] = {k32(ctx, how), fpr_f64(ctx, ppc_rb(i))};
    IrTemp r = ir_call(ctx->ir, &ppc_fp_h_round_int, args);
    set_fpr_f64(ctx, ppc_rt(i), r);
    ppc_fp_note_op(ctx, PPC_FPOP_RINT | (uint32_t)how << PPC_FPR_DETAIL_SHIFT, args[1], 0, 0);
    fp_rc(ctx);
    return true;
}

static bool trans_frin(PpcCtx *ctx)
{
    return fp_round_int(ctx, PPC_FRI_NEAREST_AWAY);
}
static bool trans_friz(PpcCtx *ctx)
{
    return fp_round_int(ctx, PPC_FRI_TRUNC);
}
static bool trans_frip(PpcCtx *ctx)
{
    return fp_round_int(ctx, PPC_FRI_CEIL);
}
static bool trans_frim(PpcCtx *ctx)
{
    return fp_round_int(ctx, PPC_FRI_FLOOR);
}

/* ---- compares -------------------------------------------------------- */

/* CR[bf] = the compare's LT GT EQ UN (i32 c); FPSCR[FPCC] too, at the
 * next fold: c goes into the record word (PPC_FPR_CC), which a record
 * earlier in the block makes a constant, so the usual way stores just it. */
static void compare_result(PpcCtx *ctx, unsigned bf, IrTemp c)
{
    IrBlock *b = ctx->ir;
    ppc_set_cr(ctx, bf, c);
    IrTemp rec = ir_andi(b, ir_ld_env(b, IR_I32, PPC_FP_REC_OFF), ~PPC_FPR_CC_MASK);
    IrTemp cc = ir_ori(b, ir_shli(b, c, PPC_FPR_CC_SHIFT), PPC_FPR_CC);
    ir_st_env(b, IR_I32, PPC_FP_REC_OFF, ir_or(b, rec, cc));
}

/* fcmpu/fcmpo BF,FRA,FRB: CR[BF] and FPSCR[FPCC] = LT GT EQ UN. The
 * unordered case is the rare path (one quiet host compare finds it),
 * whose helper sets VXSNAN/VXVC; the usual way sees ordered operands
 * only, so its two host compares raise nothing, and exactly one of LT,
 * GT, EQ holds: the field is 2 << (2 * LT + GT). */
void ppc_fp_gen_compare(PpcCtx *ctx, bool ordered, IrTemp fa, IrTemp fb, unsigned bf)
{
    IrBlock *b = ctx->ir;
    IrTemp un = ir_fsetcond(b, IR_FUN, fa, fb);
    IrLabel l_usual = ppc_fp_rare_begin(ctx, IR_EQ, un, k32(ctx, 0));
    IrTemp args[3] = {k32(ctx, ordered), ir_bitcast(b, IR_I64, fa), ir_bitcast(b, IR_I64, fb)};
    ir_call(b, &ppc_fp_h_cmp_nan, args);
    compare_result(ctx, bf, k32(ctx, PPC_CR_SO));
    ppc_fp_rare_end(ctx, l_usual);
    IrTemp lt = ir_fsetcond(b, IR_FLT, fa, fb);
    IrTemp gt = ir_fsetcond(b, IR_FLT, fb, fa);
    compare_result(ctx, bf, ir_shl(b, k32(ctx, 2), ir_add(b, ir_shli(b, lt, 1), gt)));
}

static bool fp_compare(PpcCtx *ctx, bool ordered)
{
    uint32_t i = ctx->insn;
    ppc_fp_gen_compare(ctx, ordered, fpr_f64(ctx, ppc_ra(i)), fpr_f64(ctx, ppc_rb(i)), ppc_crfd(i));
    return true;
}

static bool trans_fcmpu(PpcCtx *ctx)
{
    return fp_compare(ctx, false);
}
static bool trans_fcmpo(PpcCtx *ctx)
{
    return fp_compare(ctx, true);
}

/* ---- FPSCR ----------------------------------------------------------- */

/* mffs and its ISA 3.0 variants, told apart by the RA field. */
static const int8_t mffs_form_of_ra[32] = {
    [0] = PPC_MFFS,     [1] = PPC_MFFSCE,    [2 ... 19] = -1,  [20] = PPC_MFFSCDRN, [21] = PPC_MFFSCDRNI,
    [22] = PPC_MFFSCRN, [23] = PPC_MFFSCRNI, [24] = PPC_MFFSL, [25 ... 31] = -1,
};

static bool trans_mffs(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    int form = mffs_form_of_ra[ppc_ra(i)];
    if (form < 0)
        return false;
    IrTemp operand;
    if (form == PPC_MFFSCDRN || form == PPC_MFFSCRN)
        operand = fpr_bits(ctx, ppc_rb(i));
    else
        operand = k64(ctx, ppc_rb(i)); /* DRM / RM immediates sit in the RB field */
    IrTemp args[2] = {k32(ctx, (uint32_t)form), operand};
    IrTemp v = ir_call(b, &ppc_fp_h_mffs, args);
    set_fpr_bits(ctx, ppc_rt(i), v);
    if (ppc_rc(i))
        set_cr1_from(ctx, ir_trunc_i64(b, v));
    return true;
}

/* Write FPSCR nibbles (bit k of `nibbles`: bits 4k..4k+3 of the 64-bit
 * FPSCR) from `value`; Rc=1 copies the new FX FEX VX OX to CR1. */
static bool fp_write_fpscr(PpcCtx *ctx, uint32_t nibbles, IrTemp value)
{
    uint32_t rc = ppc_rc(ctx->insn) ? PPC_FP_WRITE_RC : 0;
    IrTemp args[2] = {k32(ctx, nibbles | rc), value};
    IrTemp f = ir_call(ctx->ir, &ppc_fp_h_write, args);
    if (ppc_rc(ctx->insn))
        set_cr1_from(ctx, f);
    return true;
}

/* mtfsf FLM,FRB,L,W: L=1 writes everything; else FLM bit i (from the
 * left) selects field i of the word W=0 (low) or W=1 (high). */
static bool trans_mtfsf(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    uint32_t flm = (i >> 17) & 0xff;
    bool l = (i >> 25) & 1, w = (i >> 16) & 1;
    uint32_t nibbles = l ? 0xffff : w ? flm << 8 : flm;
    return fp_write_fpscr(ctx, nibbles, fpr_bits(ctx, ppc_rb(i)));
}

/* mtfsfi BF,U,W: field BF of word W = U. */
static bool trans_mtfsfi(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned nibble = 7 - ppc_crfd(i) + (((i >> 16) & 1) ? 8 : 0);
    uint64_t u = (i >> 12) & 0xf;
    return fp_write_fpscr(ctx, 1u << nibble, k64(ctx, u << (4 * nibble)));
}

static bool fp_mtfsb(PpcCtx *ctx, bool set)
{
    IrTemp args[2] = {k32(ctx, ppc_rt(ctx->insn)), k32(ctx, set)};
    IrTemp f = ir_call(ctx->ir, &ppc_fp_h_mtfsb, args);
    if (ppc_rc(ctx->insn))
        set_cr1_from(ctx, f);
    return true;
}

static bool trans_mtfsb0(PpcCtx *ctx)
{
    return fp_mtfsb(ctx, false);
}
static bool trans_mtfsb1(PpcCtx *ctx)
{
    return fp_mtfsb(ctx, true);
}

/* mcrfs BF,BFA: CR[BF] = FPSCR field BFA, whose exception bits clear. */
static bool trans_mcrfs(PpcCtx *ctx)
{
    IrTemp field = k32(ctx, ppc_crfs(ctx->insn));
    ppc_set_cr(ctx, ppc_crfd(ctx->insn), ir_call(ctx->ir, &ppc_fp_h_mcrfs, &field));
    return true;
}

/* ---- loads and stores ------------------------------------------------ */

/* Single bit pattern (i32) to the double it denotes (f64), exactly: the
 * host converts everything but NaNs, whose bits are moved by hand so a
 * signalling NaN stays signalling and nothing is raised. */
IrTemp ppc_fp_single_to_double(PpcCtx *ctx, IrTemp w)
{
    IrBlock *b = ctx->ir;
    IrTemp safe = ir_movcond(b, IR_GTU, ir_andi(b, w, 0x7fffffff), k32(ctx, 0x7f800000), k32(ctx, 0), w);
    IrTemp conv = ir_bitcast(b, IR_I64, ir_cvt(b, IR_OP_fcvt_f32, IR_F64, ir_bitcast(b, IR_F32, safe), 0));
    IrTemp x = ir_ext_i32u(b, w);
    IrTemp sign = ir_shli(b, ir_andi(b, x, 0x80000000u), 32);
    IrTemp frac = ir_shli(b, ir_andi(b, x, 0x7fffff), 29);
    IrTemp nan = ir_or(b, ir_or(b, sign, frac), k64(ctx, F64_INF));
    IrTemp r = ir_movcond(b, IR_GTU, ir_andi(b, x, 0x7fffffff), k64(ctx, 0x7f800000), nan, conv);
    return ir_bitcast(b, IR_F64, r);
}

/* stfs: the ISA's bit-level double -> single (no rounding, no exceptions):
 * WORD = FRS[0:1] || FRS[5:34], or a denormalized (truncated) single when
 * the exponent is in the single denormal range (874..896). */
IrTemp ppc_fp_double_to_single_bits(PpcCtx *ctx, IrTemp bits)
{
    IrBlock *b = ctx->ir;
    IrTemp top = ir_andi(b, ir_shri(b, bits, 32), 0xc0000000u);
    IrTemp norm = ir_or(b, top, ir_andi(b, ir_shri(b, bits, 29), 0x3fffffff));
    IrTemp exp = ir_extract(b, bits, 52, 11);
    IrTemp mant = ir_ori(b, ir_andi(b, bits, 0xfffffffffffffull), 1ull << 52);
    IrTemp den = ir_shr(b, mant, ir_sub(b, k64(ctx, 926), exp));
    den = ir_or(b, den, ir_andi(b, top, 0x80000000u));
    IrTemp r = ir_movcond(b, IR_LEU, ir_sub(b, exp, k64(ctx, 874)), k64(ctx, 22), den, norm);
    return ir_trunc_i64(b, r);
}

/* lfs lfsu lfd lfdu stfs stfsu stfd stfdu and their indexed forms share
 * one layout: D-form opcode 48 + k, X-form XO 535 + 32k, with
 * k = store << 2 | double << 1 | update. */
static bool fp_load_store(PpcCtx *ctx, unsigned k, bool indexed)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    bool update = k & 1, dbl = (k >> 1) & 1, store = (k >> 2) & 1;
    unsigned frt = ppc_rt(i), ra = ppc_ra(i);
    if (update && ra == 0)
        return false;
    IrTemp ea = indexed ? ppc_ea_x(ctx) : ppc_ea_d(ctx);
    if (store) {
        IrTemp bits = fpr_bits(ctx, frt);
        if (dbl)
            ir_st(b, ppc_mo(ctx, IR_MO_64), ea, bits);
        else
            ir_st(b, ppc_mo(ctx, IR_MO_32), ea, ppc_fp_double_to_single_bits(ctx, bits));
    } else if (dbl) {
        set_fpr_bits(ctx, frt, ir_ld(b, IR_I64, ppc_mo(ctx, IR_MO_64), ea));
    } else {
        set_fpr_f64(ctx, frt, ppc_fp_single_to_double(ctx, ir_ld(b, IR_I32, ppc_mo(ctx, IR_MO_32), ea)));
    }
    if (update)
        ppc_set_gpr(ctx, ra, ea);
    return true;
}

static bool trans_fp_mem_d(PpcCtx *ctx)
{
    return fp_load_store(ctx, ppc_opcd(ctx->insn) - 48, false);
}
static bool trans_fp_mem_x(PpcCtx *ctx)
{
    return fp_load_store(ctx, ((((ctx->insn >> 1) & 0x3ff) - 535) >> 5) & 7, true);
}

/* stfiwx FRS,RA,RB: the low word of FRS, as is. */
static bool trans_stfiwx(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    IrTemp ea = ppc_ea_x(ctx);
    ir_st(b, ppc_mo(ctx, IR_MO_32), ea, ir_trunc_i64(b, fpr_bits(ctx, ppc_rt(ctx->insn))));
    return true;
}

/* lfiwax / lfiwzx FRT,RA,RB: a word, sign- or zero-extended into FRT. */
static bool fp_load_int_word(PpcCtx *ctx, bool sign)
{
    IrBlock *b = ctx->ir;
    IrTemp w = ir_ld(b, IR_I32, ppc_mo(ctx, IR_MO_32), ppc_ea_x(ctx));
    set_fpr_bits(ctx, ppc_rt(ctx->insn), sign ? ir_ext_i32s(b, w) : ir_ext_i32u(b, w));
    return true;
}

static bool trans_lfiwax(PpcCtx *ctx)
{
    return fp_load_int_word(ctx, true);
}
static bool trans_lfiwzx(PpcCtx *ctx)
{
    return fp_load_int_word(ctx, false);
}

/* ---- the table ------------------------------------------------------- */

#define OP(x) ((uint32_t)(x) << 26)
#define XO(x) ((uint32_t)(x) << 1) /* X-form XO (bits 21:30) or A-form XO (26:30) */

#define M_D 0xfc000000u             /* primary opcode */
#define M_X 0xfc0007ffu             /* opcode, XO, Rc = 0 */
#define M_XRC 0xfc0007feu           /* opcode, XO; Rc allowed */
#define M_XRC_B (M_XRC | 0x1f0000u) /* ... FRA reserved (0) */
#define M_A 0xfc00003eu             /* A-form opcode, XO; Rc allowed */
#define M_A_AB (M_A | 0x7c0u)       /* FRC reserved */
#define M_A_AC (M_A | 0xf800u)      /* FRB reserved */
#define M_A_B (M_A | 0x1f07c0u)     /* FRA and FRC reserved */

const PpcInsnForm ppc_fp_forms[] = {
    /* loads and stores: D-form */
    {M_D, OP(48), "lfs", trans_fp_mem_d},  /* FRT = single(mem32[(RA|0) + D]) */
    {M_D, OP(49), "lfsu", trans_fp_mem_d}, /* ... and RA = EA */
    {M_D, OP(50), "lfd", trans_fp_mem_d},  /* FRT = mem64[(RA|0) + D] */
    {M_D, OP(51), "lfdu", trans_fp_mem_d},
    {M_D, OP(52), "stfs", trans_fp_mem_d}, /* mem32[(RA|0) + D] = single(FRS) */
    {M_D, OP(53), "stfsu", trans_fp_mem_d},
    {M_D, OP(54), "stfd", trans_fp_mem_d}, /* mem64[(RA|0) + D] = FRS */
    {M_D, OP(55), "stfdu", trans_fp_mem_d},
    /* loads and stores: X-form, EA = (RA|0) + RB */
    {M_X, OP(31) | XO(535), "lfsx", trans_fp_mem_x},
    {M_X, OP(31) | XO(567), "lfsux", trans_fp_mem_x},
    {M_X, OP(31) | XO(599), "lfdx", trans_fp_mem_x},
    {M_X, OP(31) | XO(631), "lfdux", trans_fp_mem_x},
    {M_X, OP(31) | XO(663), "stfsx", trans_fp_mem_x},
    {M_X, OP(31) | XO(695), "stfsux", trans_fp_mem_x},
    {M_X, OP(31) | XO(727), "stfdx", trans_fp_mem_x},
    {M_X, OP(31) | XO(759), "stfdux", trans_fp_mem_x},
    {M_X, OP(31) | XO(983), "stfiwx", trans_stfiwx}, /* mem32[EA] = FRS[32:63] */
    {M_X, OP(31) | XO(855), "lfiwax", trans_lfiwax}, /* FRT = sext(mem32[EA]) */
    {M_X, OP(31) | XO(887), "lfiwzx", trans_lfiwzx}, /* FRT = zext(mem32[EA]) */

    /* arithmetic, double (63) and single (59) */
    {M_A_AB, OP(63) | XO(18), "fdiv", trans_arith},
    {M_A_AB, OP(63) | XO(20), "fsub", trans_arith},
    {M_A_AB, OP(63) | XO(21), "fadd", trans_arith},
    {M_A_B, OP(63) | XO(22), "fsqrt", trans_arith},
    {M_A, OP(63) | XO(23), "fsel", trans_fsel}, /* FRT = FRA >= 0 ? FRC : FRB */
    {M_A_B, OP(63) | XO(24), "fre", trans_arith},
    {M_A_AC, OP(63) | XO(25), "fmul", trans_arith},
    {M_A_B, OP(63) | XO(26), "frsqrte", trans_arith},
    {M_A, OP(63) | XO(28), "fmsub", trans_arith},
    {M_A, OP(63) | XO(29), "fmadd", trans_arith},
    {M_A, OP(63) | XO(30), "fnmsub", trans_arith},
    {M_A, OP(63) | XO(31), "fnmadd", trans_arith},
    {M_A_AB, OP(59) | XO(18), "fdivs", trans_arith},
    {M_A_AB, OP(59) | XO(20), "fsubs", trans_arith},
    {M_A_AB, OP(59) | XO(21), "fadds", trans_arith},
    {M_A_B, OP(59) | XO(22), "fsqrts", trans_arith},
    {M_A_B, OP(59) | XO(24), "fres", trans_arith},
    {M_A_AC, OP(59) | XO(25), "fmuls", trans_arith},
    {M_A_B, OP(59) | XO(26), "frsqrtes", trans_arith},
    {M_A, OP(59) | XO(28), "fmsubs", trans_arith},
    {M_A, OP(59) | XO(29), "fmadds", trans_arith},
    {M_A, OP(59) | XO(30), "fnmsubs", trans_arith},
    {M_A, OP(59) | XO(31), "fnmadds", trans_arith},

    /* moves (bit patterns, no exceptions) */
    {M_XRC_B, OP(63) | XO(72), "fmr", trans_fmr},
    {M_XRC_B, OP(63) | XO(40), "fneg", trans_fneg},
    {M_XRC_B, OP(63) | XO(264), "fabs", trans_fabs},
    {M_XRC_B, OP(63) | XO(136), "fnabs", trans_fnabs},
    {M_XRC, OP(63) | XO(8), "fcpsgn", trans_fcpsgn},

    /* rounding and conversion */
    {M_XRC_B, OP(63) | XO(12), "frsp", trans_frsp},
    {M_XRC_B, OP(63) | XO(14), "fctiw", trans_fctiw},
    {M_XRC_B, OP(63) | XO(15), "fctiwz", trans_fctiwz},
    {M_XRC_B, OP(63) | XO(814), "fctid", trans_fctid},
    {M_XRC_B, OP(63) | XO(815), "fctidz", trans_fctidz},
    {M_XRC_B, OP(63) | XO(142), "fctiwu", trans_fctiwu},
    {M_XRC_B, OP(63) | XO(143), "fctiwuz", trans_fctiwuz},
    {M_XRC_B, OP(63) | XO(942), "fctidu", trans_fctidu},
    {M_XRC_B, OP(63) | XO(943), "fctiduz", trans_fctiduz},
    {M_XRC_B, OP(63) | XO(846), "fcfid", trans_fcfid},
    {M_XRC_B, OP(59) | XO(846), "fcfids", trans_fcfids},
    {M_XRC_B, OP(63) | XO(974), "fcfidu", trans_fcfidu},
    {M_XRC_B, OP(59) | XO(974), "fcfidus", trans_fcfidus},
    {M_XRC_B, OP(63) | XO(392), "frin", trans_frin},
    {M_XRC_B, OP(63) | XO(424), "friz", trans_friz},
    {M_XRC_B, OP(63) | XO(456), "frip", trans_frip},
    {M_XRC_B, OP(63) | XO(488), "frim", trans_frim},

    /* compares: bits 9:10 and Rc reserved */
    {0xfc6007ffu, OP(63) | XO(0), "fcmpu", trans_fcmpu},
    {0xfc6007ffu, OP(63) | XO(32), "fcmpo", trans_fcmpo},

    /* FPSCR */
    {0xfc1ffffeu, OP(63) | XO(583), "mffs", trans_mffs},                  /* FRT = FPSCR */
    {0xfc1fffffu, OP(63) | XO(583) | 1u << 16, "mffsce", trans_mffs},     /* ... and clear enables */
    {0xfc1f07ffu, OP(63) | XO(583) | 20u << 16, "mffscdrn", trans_mffs},  /* FRT = control; DRN = FRB */
    {0xfc1fc7ffu, OP(63) | XO(583) | 21u << 16, "mffscdrni", trans_mffs}, /* ... DRN = imm */
    {0xfc1f07ffu, OP(63) | XO(583) | 22u << 16, "mffscrn", trans_mffs},   /* FRT = control; RN = FRB */
    {0xfc1fe7ffu, OP(63) | XO(583) | 23u << 16, "mffscrni", trans_mffs},  /* ... RN = imm */
    {0xfc1fffffu, OP(63) | XO(583) | 24u << 16, "mffsl", trans_mffs},     /* FRT = control and status */
    {M_XRC, OP(63) | XO(711), "mtfsf", trans_mtfsf},
    {0xfc7e0ffeu, OP(63) | XO(134), "mtfsfi", trans_mtfsfi},
    {0xfc1ffffeu, OP(63) | XO(70), "mtfsb0", trans_mtfsb0},
    {0xfc1ffffeu, OP(63) | XO(38), "mtfsb1", trans_mtfsb1},
    {0xfc63ffffu, OP(63) | XO(64), "mcrfs", trans_mcrfs},

    {0, 0, NULL, NULL},
};

/* Instructions that may join a run (fp_run.c): register-only FP
 * instructions that store nothing but FPRs and the record, with Rc=0. */
bool ppc_fp_joins_run(const PpcInsnForm *f, uint32_t insn)
{
    static const PpcTranslateFn members[] = {
        trans_fsel, trans_fmr, trans_fneg, trans_fabs, trans_fnabs, trans_fcpsgn, trans_frsp,
    };
    if (ppc_rc(insn))
        return false;
    if (f->translate == trans_arith)
        return fp_arith_forms[(insn >> 1) & 31].valid;
    for (size_t k = 0; k < sizeof members / sizeof members[0]; k++) {
        if (f->translate == members[k])
            return true;
    }
    return false;
}
