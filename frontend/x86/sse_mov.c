/* frontend/x86/sse_mov.c — data movement between xmm and mm registers,
 * general registers and memory, as IR on 64-bit halves: movaps/movups
 * and their pd/dq kin (loads, stores, non-temporal forms, lddqu,
 * movntdqa), movss/movsd, the half moves (movlps/movhps/movlpd/movhpd/
 * movhlps/movlhps), the SSE3 duplicating moves, movd/movq in every
 * direction, movq2dq/movdq2q, movnti, maskmovq/maskmovdqu, movmskps/pd,
 * and the bitwise logic (and/andn/or/xor on ps/pd, pand/pandn/por/pxor on
 * mm and xmm).
 */
#include "frontend/x86/sse.h"

/* ---- 128-bit values -------------------------------------------------------- */

typedef struct Halves {
    IrTemp lo, hi;
} Halves;

static Halves get_xmm(X86Ctx *ctx, unsigned n)
{
    uint32_t off = x86_xmm_off(n);
    return (Halves){x86_sse_lane(ctx, off, IR_I64, 0), x86_sse_lane(ctx, off, IR_I64, 1)};
}

static Halves get_rm128(X86Ctx *ctx, const X86Insn *in, bool aligned)
{
    X86SseRm rm = x86_sse_rm(ctx, in, aligned);
    return (Halves){x86_sse_rm_lane(ctx, &rm, IR_I64, 0), x86_sse_rm_lane(ctx, &rm, IR_I64, 1)};
}

/* xmm r/m = xmm reg. The address and its alignment check come first, so
 * the register's halves are read after the check instead of being held
 * across it. */
static void put128(X86Ctx *ctx, const X86Insn *in, bool aligned)
{
    if (!x86_has_mem(in)) {
        Halves v = get_xmm(ctx, in->reg);
        x86_sse_set_xmm64(ctx, in->rm, v.lo, v.hi);
        return;
    }
    IrTemp addr = x86_sse_ea(ctx, in, aligned);
    Halves v = get_xmm(ctx, in->reg);
    x86_st(ctx, addr, 8, v.lo);
    x86_st(ctx, ir_addi(ctx->ir, addr, 8), 8, v.hi);
}

/* A 64-bit r/m source (xmm low half, or memory). */
static IrTemp get_rm64(X86Ctx *ctx, const X86Insn *in)
{
    X86SseRm rm = x86_sse_rm(ctx, in, false);
    return x86_sse_rm_lane(ctx, &rm, IR_I64, 0);
}

static IrTemp zero64(X86Ctx *ctx)
{
    return ir_const64(ctx->ir, 0);
}

/* ---- full-width moves -------------------------------------------------------- */

/* Loads: 0F 10/28 (ups upd aps apd), 66/F3 0F 6F (movdqa, movdqu). */
bool x86_sse_movups(X86Ctx *ctx, const X86Insn *in)
{
    bool aligned = in->opcode == 0x28 || (in->opcode == 0x6f && in->mp == X86_MP_66);
    Halves v = get_rm128(ctx, in, aligned);
    x86_sse_set_xmm64(ctx, in->reg, v.lo, v.hi);
    return true;
}

/* lddqu (F2 0F F0, unaligned) and movntdqa (66 0F 38 2A, aligned). */
bool x86_sse_lddqu(X86Ctx *ctx, const X86Insn *in)
{
    Halves v = get_rm128(ctx, in, in->map == X86_MAP_0F38);
    x86_sse_set_xmm64(ctx, in->reg, v.lo, v.hi);
    return true;
}

/* Stores: 0F 11 (ups upd), 0F 29 (aps apd), 0F 2B (movntps/pd), 66 0F 7F
 * (movdqa), F3 0F 7F (movdqu), 66 0F E7 (movntdq). */
bool x86_sse_movups_st(X86Ctx *ctx, const X86Insn *in)
{
    bool aligned = in->opcode != 0x11 && !(in->opcode == 0x7f && in->mp == X86_MP_F3);
    put128(ctx, in, aligned);
    return true;
}

/* ---- scalar moves --------------------------------------------------------------- */

/* F3 0F 10 movss / F2 0F 10 movsd: between registers only the low
 * element moves; from memory the rest is zeroed. */
bool x86_sse_movss(X86Ctx *ctx, const X86Insn *in)
{
    IrType ty = in->mp == X86_MP_F3 ? IR_I32 : IR_I64;
    uint32_t dst = x86_xmm_off(in->reg);
    X86SseRm rm = x86_sse_rm(ctx, in, false);
    IrTemp v = x86_sse_rm_lane(ctx, &rm, ty, 0);
    if (!rm.mem) {
        x86_sse_set_lane(ctx, dst, ty, 0, v);
        return true;
    }
    IrTemp lo = ty == IR_I32 ? ir_ext_i32u(ctx->ir, v) : v;
    x86_sse_set_xmm64(ctx, in->reg, lo, zero64(ctx));
    return true;
}

bool x86_sse_movss_st(X86Ctx *ctx, const X86Insn *in)
{
    IrType ty = in->mp == X86_MP_F3 ? IR_I32 : IR_I64;
    IrTemp v = x86_sse_lane(ctx, x86_xmm_off(in->reg), ty, 0);
    if (x86_has_mem(in))
        x86_st(ctx, x86_ea(ctx, in), ty == IR_I32 ? 4 : 8, v);
    else
        x86_sse_set_lane(ctx, x86_xmm_off(in->rm), ty, 0, v);
    return true;
}

/* ---- half moves -------------------------------------------------------------------- */

/* 0F 12: movlps/movlpd xmm, m64 (low half from memory); movhlps xmm, xmm
 * (low half = source's high half). */
bool x86_sse_movlps(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp v;
    if (x86_has_mem(in))
        v = x86_ld(ctx, x86_ea(ctx, in), 8);
    else if (in->mp == X86_MP_NONE)
        v = x86_sse_lane(ctx, x86_xmm_off(in->rm), IR_I64, 1);
    else
        return false;
    x86_sse_set_lane(ctx, x86_xmm_off(in->reg), IR_I64, 0, v);
    return true;
}

/* 0F 16: movhps/movhpd xmm, m64; movlhps xmm, xmm (high = source's low). */
bool x86_sse_movhps(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp v;
    if (x86_has_mem(in))
        v = x86_ld(ctx, x86_ea(ctx, in), 8);
    else if (in->mp == X86_MP_NONE)
        v = x86_sse_lane(ctx, x86_xmm_off(in->rm), IR_I64, 0);
    else
        return false;
    x86_sse_set_lane(ctx, x86_xmm_off(in->reg), IR_I64, 1, v);
    return true;
}

/* 0F 13 / 0F 17: m64 = low / high half (memory only). */
bool x86_sse_movlps_st(X86Ctx *ctx, const X86Insn *in)
{
    x86_st(ctx, x86_ea(ctx, in), 8, x86_sse_lane(ctx, x86_xmm_off(in->reg), IR_I64, 0));
    return true;
}

bool x86_sse_movhps_st(X86Ctx *ctx, const X86Insn *in)
{
    x86_st(ctx, x86_ea(ctx, in), 8, x86_sse_lane(ctx, x86_xmm_off(in->reg), IR_I64, 1));
    return true;
}

/* ---- SSE3 duplicating moves --------------------------------------------------------- */

bool x86_sse_movddup(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp v = get_rm64(ctx, in);
    x86_sse_set_xmm64(ctx, in->reg, v, v);
    return true;
}

/* Dwords {s[k], s[k], s[k+2], s[k+2]}: k = 0 (movsldup) or 1 (movshdup). */
static bool dup_dwords(X86Ctx *ctx, const X86Insn *in, unsigned k)
{
    X86SseRm rm = x86_sse_rm(ctx, in, true);
    IrTemp a = x86_sse_rm_lane(ctx, &rm, IR_I32, k), b = x86_sse_rm_lane(ctx, &rm, IR_I32, k + 2);
    uint32_t dst = x86_xmm_off(in->reg);
    x86_sse_set_lane(ctx, dst, IR_I32, 0, a);
    x86_sse_set_lane(ctx, dst, IR_I32, 1, a);
    x86_sse_set_lane(ctx, dst, IR_I32, 2, b);
    x86_sse_set_lane(ctx, dst, IR_I32, 3, b);
    return true;
}

bool x86_sse_movsldup(X86Ctx *ctx, const X86Insn *in) { return dup_dwords(ctx, in, 0); }
bool x86_sse_movshdup(X86Ctx *ctx, const X86Insn *in) { return dup_dwords(ctx, in, 1); }

/* ---- movd / movq ------------------------------------------------------------------------ */

/* REX.W selects 64 bits (movq) in 64-bit mode. */
static unsigned gpr_size(const X86Ctx *ctx, const X86Insn *in)
{
    return ctx->long_mode && x86_rex_w(in) ? 8 : 4;
}

/* 0F 6E: mm / xmm (66) = r/m32 or r/m64, zero-extended. */
bool x86_sse_movd_to(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = gpr_size(ctx, in);
    IrTemp v = x86_get_rm(ctx, in, size);
    if (size == 4)
        v = ir_ext_i32u(ctx->ir, v);
    if (in->mp == X86_MP_NONE)
        x86_mmx_set(ctx, in->reg, v);
    else
        x86_sse_set_xmm64(ctx, in->reg, v, zero64(ctx));
    return true;
}

/* 0F 7E: r/m32 or r/m64 = mm / xmm (66). */
bool x86_sse_movd_from(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = gpr_size(ctx, in);
    uint32_t src;
    if (in->mp == X86_MP_NONE) {
        x86_mmx_enter(ctx);
        src = x86_mmx_off(in->reg);
    } else {
        src = x86_xmm_off(in->reg);
    }
    x86_set_rm(ctx, in, size, x86_sse_lane(ctx, src, x86_type(size), 0));
    return true;
}

/* F3 0F 7E: movq xmm, xmm/m64 (upper half zeroed). */
bool x86_sse_movq_load(X86Ctx *ctx, const X86Insn *in)
{
    x86_sse_set_xmm64(ctx, in->reg, get_rm64(ctx, in), zero64(ctx));
    return true;
}

/* 66 0F D6: movq xmm/m64, xmm (a register target's upper half zeroed). */
bool x86_sse_movq_store(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp v = x86_sse_lane(ctx, x86_xmm_off(in->reg), IR_I64, 0);
    if (x86_has_mem(in))
        x86_st(ctx, x86_ea(ctx, in), 8, v);
    else
        x86_sse_set_xmm64(ctx, in->rm, v, zero64(ctx));
    return true;
}

/* 0F 6F: movq mm, mm/m64. */
bool x86_sse_movq_mm(X86Ctx *ctx, const X86Insn *in)
{
    X86SseRm rm = x86_mmx_rm(ctx, in);
    x86_mmx_set(ctx, in->reg, x86_sse_rm_lane(ctx, &rm, IR_I64, 0));
    return true;
}

/* 0F 7F: movq mm/m64, mm; 0F E7: movntq m64, mm. */
bool x86_sse_movq_mm_st(X86Ctx *ctx, const X86Insn *in)
{
    x86_mmx_enter(ctx);
    IrTemp v = x86_sse_lane(ctx, x86_mmx_off(in->reg), IR_I64, 0);
    if (x86_has_mem(in))
        x86_st(ctx, x86_ea(ctx, in), 8, v);
    else
        x86_mmx_set(ctx, in->rm, v);
    return true;
}

/* F3 0F D6: movq2dq xmm, mm. */
bool x86_sse_movq2dq(X86Ctx *ctx, const X86Insn *in)
{
    x86_mmx_enter(ctx);
    x86_sse_set_xmm64(ctx, in->reg, x86_sse_lane(ctx, x86_mmx_off(in->rm), IR_I64, 0), zero64(ctx));
    return true;
}

/* F2 0F D6: movdq2q mm, xmm. */
bool x86_sse_movdq2q(X86Ctx *ctx, const X86Insn *in)
{
    x86_mmx_set(ctx, in->reg, x86_sse_lane(ctx, x86_xmm_off(in->rm), IR_I64, 0));
    return true;
}

/* 0F C3: movnti m32/m64, r32/r64. */
bool x86_sse_movnti(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = gpr_size(ctx, in);
    x86_st(ctx, x86_ea(ctx, in), size, x86_get_reg(ctx, in, in->reg, size));
    return true;
}

/* 0F F7: maskmovq mm, mm / maskmovdqu xmm, xmm (66): the bytes of reg
 * whose mask byte (rm) has bit 7 set are stored at DS:rDI. */
bool x86_sse_maskmov(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    bool mmx = in->mp == X86_MP_NONE;
    unsigned nbytes = mmx ? 8 : 16;
    uint32_t data = mmx ? x86_mmx_off(in->reg) : x86_xmm_off(in->reg);
    uint32_t mask = mmx ? x86_mmx_off(in->rm) : x86_xmm_off(in->rm);
    if (mmx)
        x86_mmx_enter(ctx);
    IrTemp rdi = ir_ld_env(ir, ctx->aty, X86_REG_OFF(X86_RDI));
    IrTemp base = x86_seg_addr(ctx, in, X86_DS, true, rdi);
    for (unsigned half = 0; half < nbytes / 8; half++) {
        IrTemp d = x86_sse_lane(ctx, data, IR_I64, half), m = x86_sse_lane(ctx, mask, IR_I64, half);
        for (unsigned k = 0; k < 8; k++) {
            IrLabel skip = ir_new_label(ir);
            IrTemp bit = ir_extract(ir, m, 8 * k + 7, 1);
            ir_brcond(ir, IR_EQ, bit, ir_const64(ir, 0), skip);
            IrTemp byte = ir_trunc_i64(ir, ir_extract(ir, d, 8 * k, 8));
            x86_st(ctx, ir_addi(ir, base, half * 8 + k), 1, byte);
            ir_label(ir, skip);
        }
    }
    return true;
}

/* 0F 50: movmskps / movmskpd (66) r32, xmm: the lanes' sign bits. */
bool x86_sse_movmsk(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    bool pd = in->mp == X86_MP_66;
    IrType ty = pd ? IR_I64 : IR_I32;
    unsigned lanes = pd ? 2 : 4, top = pd ? 63 : 31;
    IrTemp m = ir_const32(ir, 0);
    for (unsigned k = 0; k < lanes; k++) {
        IrTemp sign = ir_shri(ir, x86_sse_lane(ctx, x86_xmm_off(in->rm), ty, k), top);
        if (pd)
            sign = ir_trunc_i64(ir, sign);
        m = ir_or(ir, m, k ? ir_shli(ir, sign, k) : sign);
    }
    x86_set_reg(ctx, in, in->reg, 4, m);
    return true;
}

/* ---- bitwise logic ------------------------------------------------------------------------- */

/* 0F 54..57 (and, andn, or, xor on ps/pd) and 0F DB DF EB EF (pand,
 * pandn, por, pxor on mm or xmm). andn: d = ~d & s. */
bool x86_sse_logic(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrOpcode op;
    bool andn = false;
    switch (in->opcode) {
    case 0x54: case 0xdb: op = IR_OP_and; break;
    case 0x55: case 0xdf: op = IR_OP_andc; andn = true; break;
    case 0x56: case 0xeb: op = IR_OP_or; break;
    default: op = IR_OP_xor; break;
    }
    bool mmx = in->opcode >= 0xdb && in->mp == X86_MP_NONE;
    X86SseRm rm = mmx ? x86_mmx_rm(ctx, in) : x86_sse_rm(ctx, in, true);
    uint32_t dst = mmx ? x86_mmx_off(in->reg) : x86_xmm_off(in->reg);
    if (mmx)
        x86_mmx_enter(ctx);
    /* pxor/xorps/pandn of a register with itself: the zero idiom */
    bool zero = !rm.mem && rm.off == dst && (op == IR_OP_xor || andn);
    for (unsigned k = 0; k < (mmx ? 1u : 2u); k++) {
        IrTemp r;
        if (zero) {
            r = ir_const64(ir, 0);
        } else {
            IrTemp d = x86_sse_lane(ctx, dst, IR_I64, k), s = x86_sse_rm_lane(ctx, &rm, IR_I64, k);
            r = andn ? ir_op2(ir, op, s, d) : ir_op2(ir, op, d, s);
        }
        x86_sse_set_lane(ctx, dst, IR_I64, k, r);
    }
    if (mmx)
        x86_mmx_written(ctx, in->reg);
    return true;
}
