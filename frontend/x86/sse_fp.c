/* frontend/x86/sse_fp.c — SSE floating-point arithmetic as IR float ops
 * on the registers' lanes: add/sub/mul/div/sqrt/min/max in packed and
 * scalar single and double forms, cmpps/pd/ss/sd with the 8 predicates,
 * comiss/comisd/ucomiss/ucomisd (ZF PF CF), the SSE3 horizontal and
 * alternating forms (haddps.., addsubps..), SSE4.1 dpps/dppd; and, as C
 * helpers, rcpps/rsqrtps/rcpss/rsqrtss (the host's own approximation) and
 * roundps/pd/ss/sd.
 *
 * The IR's float semantics are SSE's (ir/ops.def): a NaN result is the
 * first NaN operand quieted, fmin/fmax return the second operand on NaN
 * or equal zeros, and the host's sticky flags collect the guest's MXCSR
 * flags (x86_get_mxcsr folds them in).
 */
#include <fenv.h>
#include <math.h>

#include "frontend/x86/sse.h"
#include "util/host_fp.h"

/* ---- shapes --------------------------------------------------------------- */

/* What the mandatory prefix makes of an arithmetic opcode: ps, pd, ss, sd. */
typedef struct Shape {
    IrType type;     /* f32 or f64 */
    unsigned lanes;  /* elements computed; the rest of the destination kept */
    bool aligned;    /* a memory operand is a 16-byte aligned m128 */
} Shape;

static Shape shape_of(const X86Insn *in)
{
    switch (in->mp) {
    case X86_MP_66: return (Shape){IR_F64, 2, true};
    case X86_MP_F3: return (Shape){IR_F32, 1, false};
    case X86_MP_F2: return (Shape){IR_F64, 1, false};
    default: return (Shape){IR_F32, 4, true};
    }
}

/* ---- arithmetic ------------------------------------------------------------- */

/* 0F 51 and 58..5F by opcode; 0 where the opcode is another family's. */
static const IrOpcode arith_ops[16] = {
    [0x1] = IR_OP_fsqrt, [0x8] = IR_OP_fadd, [0x9] = IR_OP_fmul, [0xc] = IR_OP_fsub,
    [0xd] = IR_OP_fmin,  [0xe] = IR_OP_fdiv, [0xf] = IR_OP_fmax,
};


bool x86_sse_arith(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
#if defined(__x86_64__)
    if (ir->tb_flags & X86_TBF_SSE_EXACT)
        return x86_sse_exact(ctx, in);
#endif
    Shape sh = shape_of(in);
    IrOpcode op = arith_ops[in->opcode & 0xf];
    uint32_t dst = x86_xmm_off(in->reg);
    X86SseRm rm = x86_sse_rm(ctx, in, sh.aligned);
    IrTemp r[4];
    for (unsigned k = 0; k < sh.lanes; k++) {
        IrTemp b = x86_sse_rm_lane(ctx, &rm, sh.type, k);
        r[k] = op == IR_OP_fsqrt ? ir_op1(ir, op, b) : ir_op2(ir, op, x86_sse_lane(ctx, dst, sh.type, k), b);
    }
    for (unsigned k = 0; k < sh.lanes; k++)
        x86_sse_set_lane(ctx, dst, sh.type, k, r[k]);
    return true;
}

/* ---- compares ------------------------------------------------------------------ */

/* cmpps predicates 0..7: EQ LT LE UNORD NEQ NLT NLE ORD; the last four
 * are the first four negated (NEQ is FNE itself: true when unordered).
 * FLT/FLE signal on a quiet NaN, the others only on a signalling one,
 * as the predicates do. */
static const struct {
    IrFCond cond;
    bool negate;
} cmp_preds[8] = {
    {IR_FEQ, false}, {IR_FLT, false}, {IR_FLE, false}, {IR_FUN, false},
    {IR_FNE, false}, {IR_FLT, true},  {IR_FLE, true},  {IR_FUN, true},
};

bool x86_sse_cmp(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    Shape sh = shape_of(in);
    unsigned pred = x86_sse_imm8(in) & 7;
    uint32_t dst = x86_xmm_off(in->reg);
    IrType ity = sh.type == IR_F32 ? IR_I32 : IR_I64;
    X86SseRm rm = x86_sse_rm(ctx, in, sh.aligned);
    IrTemp r[4];
    for (unsigned k = 0; k < sh.lanes; k++) {
        IrTemp a = x86_sse_lane(ctx, dst, sh.type, k), b = x86_sse_rm_lane(ctx, &rm, sh.type, k);
        IrTemp t = ir_fsetcond(ir, cmp_preds[pred].cond, a, b);
        if (cmp_preds[pred].negate)
            t = ir_xori(ir, t, 1);
        if (ity == IR_I64)
            t = ir_ext_i32u(ir, t);
        r[k] = ir_neg(ir, t); /* 1 -> all ones */
    }
    for (unsigned k = 0; k < sh.lanes; k++)
        x86_sse_set_lane(ctx, dst, ity, k, r[k]);
    return true;
}

/* 0F 2E ucomiss / 66 ucomisd, 0F 2F comiss / 66 comisd: unordered ZF PF
 * CF = 111, less 001, equal 100, greater 000; OF SF AF cleared. comis
 * signals invalid on any NaN (FLT does), ucomis only on a signalling NaN:
 * its less-than compares zeros in place of unordered operands. */
bool x86_sse_comis(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrType ty = in->mp == X86_MP_66 ? IR_F64 : IR_F32;
    IrType ity = ty == IR_F64 ? IR_I64 : IR_I32;
    X86SseRm rm = x86_sse_rm(ctx, in, false);
    IrTemp a = x86_sse_lane(ctx, x86_xmm_off(in->reg), ty, 0), b = x86_sse_rm_lane(ctx, &rm, ty, 0);
    IrTemp un = ir_fsetcond(ir, IR_FUN, a, b);
    IrTemp eq = ir_fsetcond(ir, IR_FEQ, a, b);
    if (in->opcode == 0x2e) {
        IrTemp un_w = ity == IR_I64 ? ir_ext_i32u(ir, un) : un, zero = ir_const(ir, ity, 0);
        a = ir_bitcast(ir, ty, ir_movcond(ir, IR_NE, un_w, zero, zero, ir_bitcast(ir, ity, a)));
        b = ir_bitcast(ir, ty, ir_movcond(ir, IR_NE, un_w, zero, zero, ir_bitcast(ir, ity, b)));
    }
    IrTemp lt = ir_fsetcond(ir, IR_FLT, a, b);
    IrTemp ordered = ir_or(ir, ir_shli(ir, eq, 6), lt); /* eq and lt are 0 when unordered */
    IrTemp unordered = ir_const32(ir, X86_ZF | X86_PF | X86_CF);
    x86_gen_set_status_flags(ctx, ir_movcond(ir, IR_NE, un, ir_const32(ir, 0), unordered, ordered));
    return true;
}

/* ---- SSE3 horizontal and alternating forms ----------------------------------------- */

/* 66/F2 0F 7C haddpd/haddps, 7D hsubpd/hsubps: pairs of d, then pairs of
 * s: r[k] = x[2k] op x[2k+1]. */
bool x86_sse_horiz(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrType ty = in->mp == X86_MP_66 ? IR_F64 : IR_F32;
    unsigned lanes = ty == IR_F64 ? 2 : 4, half = lanes / 2;
    IrOpcode op = in->opcode == 0x7c ? IR_OP_fadd : IR_OP_fsub;
    uint32_t dst = x86_xmm_off(in->reg);
    X86SseRm rm = x86_sse_rm(ctx, in, true);
    X86SseRm d = {.off = dst};
    IrTemp r[4];
    for (unsigned k = 0; k < lanes; k++) {
        const X86SseRm *from = k < half ? &d : &rm;
        unsigned j = 2 * (k % half);
        r[k] = ir_op2(ir, op, x86_sse_rm_lane(ctx, from, ty, j), x86_sse_rm_lane(ctx, from, ty, j + 1));
    }
    for (unsigned k = 0; k < lanes; k++)
        x86_sse_set_lane(ctx, dst, ty, k, r[k]);
    return true;
}

/* 66 0F D0 addsubpd, F2 0F D0 addsubps: even lanes subtract, odd add. */
bool x86_sse_addsub(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrType ty = in->mp == X86_MP_66 ? IR_F64 : IR_F32;
    unsigned lanes = ty == IR_F64 ? 2 : 4;
    uint32_t dst = x86_xmm_off(in->reg);
    X86SseRm rm = x86_sse_rm(ctx, in, true);
    IrTemp r[4];
    for (unsigned k = 0; k < lanes; k++) {
        IrTemp a = x86_sse_lane(ctx, dst, ty, k), b = x86_sse_rm_lane(ctx, &rm, ty, k);
        r[k] = ir_op2(ir, k & 1 ? IR_OP_fadd : IR_OP_fsub, a, b);
    }
    for (unsigned k = 0; k < lanes; k++)
        x86_sse_set_lane(ctx, dst, ty, k, r[k]);
    return true;
}

/* ---- dot products (SSE4.1) ----------------------------------------------------------- */

/* 66 0F 3A 40 dpps / 41 dppd: products of the lanes in imm[7:4] (+0.0
 * for the others), summed, written to the lanes in imm[3:0] (+0.0
 * elsewhere). Every lane gets the same number, but which NaN comes out
 * when several products are NaN differs by lane: dpps adds neighbours as
 * u[k] = p[k^1] + p[k], then v[k] = u[k] + u[k^2]; dppd as p[k] + p[k^1]
 * (measured on the host; the SDM's pseudo-code shows one sum). */
bool x86_sse_dp(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    bool pd = in->opcode == 0x41;
    IrType ty = pd ? IR_F64 : IR_F32, ity = pd ? IR_I64 : IR_I32;
    unsigned lanes = pd ? 2 : 4, imm = x86_sse_imm8(in);
    uint32_t dst = x86_xmm_off(in->reg);
    X86SseRm rm = x86_sse_rm(ctx, in, true);
    IrTemp zero = ir_bitcast(ir, ty, ir_const(ir, ity, 0));
    IrTemp p[4], u[4], v[4];
    for (unsigned k = 0; k < lanes; k++) {
        if (imm & (0x10u << k))
            p[k] = ir_op2(ir, IR_OP_fmul, x86_sse_lane(ctx, dst, ty, k), x86_sse_rm_lane(ctx, &rm, ty, k));
        else
            p[k] = zero;
    }
    for (unsigned k = 0; k < lanes; k++)
        u[k] = pd ? ir_op2(ir, IR_OP_fadd, p[k], p[k ^ 1]) : ir_op2(ir, IR_OP_fadd, p[k ^ 1], p[k]);
    for (unsigned k = 0; k < lanes; k++)
        v[k] = pd ? u[k] : ir_op2(ir, IR_OP_fadd, u[k], u[k ^ 2]);
    for (unsigned k = 0; k < lanes; k++)
        x86_sse_set_lane(ctx, dst, ty, k, (imm & (1u << k)) ? v[k] : zero);
    return true;
}

/* ---- reciprocal approximations ----------------------------------------------------------- */

/* rcpps / rsqrtps give a 12-bit approximation whose exact bits are the
 * CPU's own table, documented only as a bound on the error. The host is
 * x86, so the host instruction computes it: the guest sees what the same
 * instruction gives natively. Elsewhere 1/x and 1/sqrt(x) in single
 * precision stand in (within the bound, not bit for bit). */
static float approx(float x, bool rsqrt)
{
#if defined(__x86_64__)
    float r;
    if (rsqrt)
        __asm__("rsqrtss %1, %0" : "=x"(r) : "x"(x));
    else
        __asm__("rcpss %1, %0" : "=x"(r) : "x"(x));
    return r;
#else
    return rsqrt ? 1.0f / sqrtf(x) : 1.0f / x;
#endif
}

/* imm: lanes (1 or 4) | rsqrt << 4. */
static void rcp_lanes(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)n;
    for (unsigned k = 0; k < (imm & 7); k++)
        d->f[k] = approx(s->f[k], imm >> 4 & 1);
}

/* 0F 52 rsqrtps / F3 rsqrtss, 0F 53 rcpps / F3 rcpss. */
bool x86_sse_rcp(X86Ctx *ctx, const X86Insn *in)
{
    bool scalar = in->mp == X86_MP_F3;
    uint32_t src = x86_sse_src_off(ctx, in, scalar ? 4 : 16, !scalar);
    uint32_t imm = (scalar ? 1 : 4) | (in->opcode == 0x52 ? 0x10 : 0);
    x86_sse_apply(ctx, rcp_lanes, x86_xmm_off(in->reg), src, 16, imm);
    return true;
}

/* ---- round to integral (SSE4.1) ---------------------------------------------------------- */

static const int imm_round_mode[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};

/* One value rounded to an integral value: imm[1:0] the mode unless
 * imm[2] (then MXCSR's, the host's current one); imm[3] suppresses the
 * inexact flag. A NaN is quieted (invalid for a signalling one, raised
 * by the addition to itself). */
static double round_one(double x, unsigned imm)
{
    if (isnan(x))
        return x + x;
    int saved = host_fp_round();
    if (!(imm & 4))
        host_fp_set_round(imm_round_mode[imm & 3]);
    double r = nearbyint(x);
    host_fp_set_round(saved);
    if (!(imm & 8) && r != x)
        host_fp_raise(FE_INEXACT);
    return r;
}

static float round_one_f(float x, unsigned imm)
{
    if (isnan(x))
        return x + x;
    return (float)round_one((double)x, imm); /* every float is exact as a double */
}

/* imm: the instruction's imm8 | kind << 8: 0 ps, 1 pd, 2 ss, 3 sd.
 * roundps never raises DE; the C above may (denormal operands), so on an
 * x86 host DE is put back as it was. */
static void round_lanes(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)n;
    unsigned kind = imm >> 8, mode = imm & 0xf;
    bool dbl = kind & 1;
    unsigned lanes = kind >= 2 ? 1 : dbl ? 2 : 4;
#if defined(__x86_64__)
    enum { HOST_DE = 1u << 1 };
    uint32_t de_before = _mm_getcsr() & HOST_DE;
#endif
    for (unsigned k = 0; k < lanes; k++) {
        if (dbl)
            d->d[k] = round_one(s->d[k], mode);
        else
            d->f[k] = round_one_f(s->f[k], mode);
    }
#if defined(__x86_64__)
    if (!de_before)
        _mm_setcsr(_mm_getcsr() & ~(uint32_t)HOST_DE);
#endif
}

/* 66 0F 3A 08 roundps, 09 roundpd, 0A roundss, 0B roundsd. */
bool x86_sse_round(X86Ctx *ctx, const X86Insn *in)
{
    unsigned kind = in->opcode - 0x08;
    unsigned bytes = kind == 2 ? 4 : kind == 3 ? 8 : 16;
    uint32_t src = x86_sse_src_off(ctx, in, bytes, kind < 2);
    x86_sse_apply(ctx, round_lanes, x86_xmm_off(in->reg), src, 16, (x86_sse_imm8(in) & 0xf) | kind << 8);
    return true;
}
