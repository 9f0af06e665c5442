/* frontend/x86/sse_cvt.c — SSE/SSE2 conversions as IR: integer <-> float
 * scalars with general registers (cvtsi2ss/sd, cvt(t)ss2si/sd2si),
 * packed dword <-> float (cvtdq2ps/pd, cvt(t)ps2dq/pd2dq), float widths
 * (cvtps2pd, cvtpd2ps, cvtss2sd, cvtsd2ss), and the MMX forms (cvtpi2ps/
 * pd, cvt(t)ps2pi, cvt(t)pd2pi). NaN or out-of-range float -> integer
 * gives the "integer indefinite" MIN and raises invalid, which is what
 * the IR's cvt_f_s32/s64 do.
 */
#include "frontend/x86/sse.h"

static unsigned gpr_size(const X86Ctx *ctx, const X86Insn *in)
{
    return ctx->long_mode && x86_rex_w(in) ? 8 : 4;
}

static IrType float_of(const X86Insn *in)
{
    return in->mp == X86_MP_F3 ? IR_F32 : IR_F64;
}

/* Float to integer of `ity` (i32/i64), current rounding or truncating. */
static IrTemp to_int(X86Ctx *ctx, IrTemp f, IrType ity, bool trunc)
{
    return ir_cvt(ctx->ir, ity == IR_I64 ? IR_OP_cvt_f_s64 : IR_OP_cvt_f_s32, ity, f,
                  trunc ? IR_ROUND_TRUNC : IR_ROUND_CURRENT);
}

static IrTemp from_s32(X86Ctx *ctx, IrTemp v, IrType fty)
{
    return ir_cvt(ctx->ir, IR_OP_cvt_s32_f, fty, v, 0);
}

/* F3 0F 2A cvtsi2ss / F2 0F 2A cvtsi2sd xmm, r/m32 or r/m64. */
bool x86_sse_cvtsi2s(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = gpr_size(ctx, in);
    IrType fty = float_of(in);
    IrTemp v = x86_get_rm(ctx, in, size);
    IrTemp f = ir_cvt(ctx->ir, size == 8 ? IR_OP_cvt_s64_f : IR_OP_cvt_s32_f, fty, v, 0);
    x86_sse_set_lane(ctx, x86_xmm_off(in->reg), fty, 0, f);
    return true;
}

/* F3/F2 0F 2C cvttss2si/cvttsd2si, 2D cvtss2si/cvtsd2si r32/r64, xmm/m. */
bool x86_sse_cvts2si(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = gpr_size(ctx, in);
#if defined(__x86_64__)
    if (ctx->ir->tb_flags & X86_TBF_SSE_EXACT) {
        x86_set_reg(ctx, in, in->reg, size, x86_sse_exact_to_int(ctx, in, size));
        return true;
    }
#endif
    IrType fty = float_of(in);
    X86SseRm rm = x86_sse_rm(ctx, in, false);
    IrTemp f = x86_sse_rm_lane(ctx, &rm, fty, 0);
    x86_set_reg(ctx, in, in->reg, size, to_int(ctx, f, x86_type(size), in->opcode == 0x2c));
    return true;
}

/* ---- MMX forms: 0F 2A/2C/2D without F2/F3 ----------------------------------- */

/* The mm/m64 source of cvtpi2ps/pd: a register source is an MMX access. */
static X86SseRm mmx_source(X86Ctx *ctx, const X86Insn *in)
{
    if (!x86_has_mem(in))
        x86_mmx_enter(ctx);
    return x86_mmx_rm(ctx, in);
}

bool x86_sse_cvtpi(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    bool pd = in->mp == X86_MP_66;
    IrType fty = pd ? IR_F64 : IR_F32;
    if (in->opcode == 0x2a) { /* cvtpi2ps / cvtpi2pd xmm, mm/m64 */
        X86SseRm rm = mmx_source(ctx, in);
        IrTemp a = from_s32(ctx, x86_sse_rm_lane(ctx, &rm, IR_I32, 0), fty);
        IrTemp b = from_s32(ctx, x86_sse_rm_lane(ctx, &rm, IR_I32, 1), fty);
        x86_sse_set_lane(ctx, x86_xmm_off(in->reg), fty, 0, a);
        x86_sse_set_lane(ctx, x86_xmm_off(in->reg), fty, 1, b);
        return true;
    }
    /* cvt(t)ps2pi mm, xmm/m64; cvt(t)pd2pi mm, xmm/m128 (aligned) */
    X86SseRm rm = x86_sse_rm(ctx, in, pd);
    bool trunc = in->opcode == 0x2c;
    IrTemp a = to_int(ctx, x86_sse_rm_lane(ctx, &rm, fty, 0), IR_I32, trunc);
    IrTemp b = to_int(ctx, x86_sse_rm_lane(ctx, &rm, fty, 1), IR_I32, trunc);
    IrTemp v = ir_deposit(ir, ir_ext_i32u(ir, a), ir_ext_i32u(ir, b), 32, 32);
    x86_mmx_set(ctx, in->reg, v);
    return true;
}

/* ---- packed conversions --------------------------------------------------------- */

/* dst lanes 0..n-1 of type `to` = conversions of src lanes 0..n-1 of type
 * `from`; `clear_high`: the upper 64 bits become zero (results of 2 x 32). */
typedef IrTemp Convert(X86Ctx *ctx, IrTemp v);

static bool convert_lanes(X86Ctx *ctx, const X86Insn *in, IrType from, IrType to, unsigned n, bool aligned,
                          Convert *cv, bool clear_high)
{
    X86SseRm rm = x86_sse_rm(ctx, in, aligned);
    uint32_t dst = x86_xmm_off(in->reg);
    IrTemp r[4];
    for (unsigned k = 0; k < n; k++)
        r[k] = cv(ctx, x86_sse_rm_lane(ctx, &rm, from, k));
    for (unsigned k = 0; k < n; k++)
        x86_sse_set_lane(ctx, dst, to, k, r[k]);
    if (clear_high)
        x86_sse_set_lane(ctx, dst, IR_I64, 1, ir_const64(ctx->ir, 0));
    return true;
}

static IrTemp cv_f32_f64(X86Ctx *ctx, IrTemp v) { return ir_cvt(ctx->ir, IR_OP_fcvt_f32, IR_F64, v, 0); }
static IrTemp cv_f64_f32(X86Ctx *ctx, IrTemp v) { return ir_cvt(ctx->ir, IR_OP_fcvt_f64, IR_F32, v, 0); }
static IrTemp cv_s32_f32(X86Ctx *ctx, IrTemp v) { return from_s32(ctx, v, IR_F32); }
static IrTemp cv_s32_f64(X86Ctx *ctx, IrTemp v) { return from_s32(ctx, v, IR_F64); }
static IrTemp cv_f_s32(X86Ctx *ctx, IrTemp v) { return to_int(ctx, v, IR_I32, false); }
static IrTemp cv_f_s32_trunc(X86Ctx *ctx, IrTemp v) { return to_int(ctx, v, IR_I32, true); }

/* 0F 5A: cvtps2pd (xmm/m64), 66 cvtpd2ps, F3 cvtss2sd (m32), F2 cvtsd2ss (m64). */
bool x86_sse_cvt5a(X86Ctx *ctx, const X86Insn *in)
{
#if defined(__x86_64__)
    if (ctx->ir->tb_flags & X86_TBF_SSE_EXACT)
        return x86_sse_exact(ctx, in);
#endif
    switch (in->mp) {
    case X86_MP_NONE: return convert_lanes(ctx, in, IR_F32, IR_F64, 2, false, cv_f32_f64, false);
    case X86_MP_66: return convert_lanes(ctx, in, IR_F64, IR_F32, 2, true, cv_f64_f32, true);
    case X86_MP_F3: return convert_lanes(ctx, in, IR_F32, IR_F64, 1, false, cv_f32_f64, false);
    default: return convert_lanes(ctx, in, IR_F64, IR_F32, 1, false, cv_f64_f32, false);
    }
}

/* 0F 5B: cvtdq2ps, 66 cvtps2dq, F3 cvttps2dq. */
bool x86_sse_cvt5b(X86Ctx *ctx, const X86Insn *in)
{
#if defined(__x86_64__)
    if (ctx->ir->tb_flags & X86_TBF_SSE_EXACT)
        return x86_sse_exact(ctx, in);
#endif
    switch (in->mp) {
    case X86_MP_NONE: return convert_lanes(ctx, in, IR_I32, IR_F32, 4, true, cv_s32_f32, false);
    case X86_MP_66: return convert_lanes(ctx, in, IR_F32, IR_I32, 4, true, cv_f_s32, false);
    case X86_MP_F3: return convert_lanes(ctx, in, IR_F32, IR_I32, 4, true, cv_f_s32_trunc, false);
    default: return false;
    }
}

/* 0F E6: 66 cvttpd2dq, F3 cvtdq2pd (xmm/m64), F2 cvtpd2dq. */
bool x86_sse_cvte6(X86Ctx *ctx, const X86Insn *in)
{
    switch (in->mp) {
    case X86_MP_66: return convert_lanes(ctx, in, IR_F64, IR_I32, 2, true, cv_f_s32_trunc, true);
    case X86_MP_F3: return convert_lanes(ctx, in, IR_I32, IR_F64, 2, false, cv_s32_f64, false);
    case X86_MP_F2: return convert_lanes(ctx, in, IR_F64, IR_I32, 2, true, cv_f_s32, true);
    default: return false;
    }
}
