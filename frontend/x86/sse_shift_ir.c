/* frontend/x86/sse_shift_ir.c — the integer SIMD shifts as IR on 64-bit
 * halves: psllw/d/q, psrlw/d/q, psraw/d by imm8 (0F 71/72/73 with ModRM.reg
 * choosing the kind) and by the low quadword of a register or memory
 * operand (0F D1-D3, E1 E2, F1-F3), on mm (no prefix) and xmm (66); and
 * the whole-xmm byte shifts pslldq/psrldq (66 0F 73 /7, /3).
 *
 * One 64-bit shift moves every lane at once; the bits that crossed into a
 * neighbour are masked off (M: the bits of a lane that stay, replicated):
 *   left   (x << c) & rep(ones(w) << c)
 *   right  (x >> c) & rep(ones(w) >> c)
 *   arith  right | S | (S - (S >> c)),  S = x & H (the lanes' sign bits):
 *          S - (S >> c) sets bits w-1-c .. w-2 of each negative lane and
 *          never borrows across lanes.
 * A count of w or more empties a logical shift; an arithmetic one shifts
 * by w - 1 (all sign).
 */
#include "frontend/x86/sse.h"

enum { SH_LEFT, SH_RIGHT, SH_ARITH, SH_BYTES_LEFT, SH_BYTES_RIGHT };

/* One in the lowest bit of every lane of `bits`. */
static uint64_t lane_lows(unsigned bits)
{
    return bits == 64 ? 1 : UINT64_MAX / ((1ull << bits) - 1);
}

static uint64_t lane_ones(unsigned bits)
{
    return bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
}

/* ---- by a constant ----------------------------------------------------- */

static IrTemp shift_const(X86Ctx *ctx, IrTemp x, unsigned bits, unsigned count, int kind)
{
    IrBlock *ir = ctx->ir;
    uint64_t lows = lane_lows(bits);
    if (kind == SH_ARITH) {
        count = count >= bits ? bits - 1 : count;
        if (!count)
            return x;
        IrTemp sign = ir_andi(ir, x, lows << (bits - 1));
        IrTemp right = ir_andi(ir, ir_shri(ir, x, count), lows * (lane_ones(bits) >> count));
        IrTemp fill = ir_or(ir, sign, ir_sub(ir, sign, ir_shri(ir, sign, count)));
        return ir_or(ir, right, fill);
    }
    if (count >= bits)
        return ir_const64(ir, 0);
    if (!count)
        return x;
    if (kind == SH_LEFT) {
        IrTemp r = ir_shli(ir, x, count);
        return bits == 64 ? r : ir_andi(ir, r, lows * ((lane_ones(bits) << count) & lane_ones(bits)));
    }
    IrTemp r = ir_shri(ir, x, count);
    return bits == 64 ? r : ir_andi(ir, r, lows * (lane_ones(bits) >> count));
}

/* Bits [sh, sh + 64) of the 128-bit value hi:lo, 0 <= sh < 64. */
static IrTemp funnel(X86Ctx *ctx, IrTemp lo, IrTemp hi, unsigned sh)
{
    IrBlock *ir = ctx->ir;
    if (!sh)
        return lo;
    return ir_or(ir, ir_shri(ir, lo, sh), ir_shli(ir, hi, 64 - sh));
}

/* psrldq / pslldq: the xmm as bytes, shifted by `count` (> 15 empties).
 * The value sits in a row of five quadwords, zeros either side; result
 * half k is the 64 bits at 128 + 64k -/+ 8 * count in that row. */
static void shift_bytes(X86Ctx *ctx, IrTemp q[2], unsigned count, bool left)
{
    IrTemp zero = ir_const64(ctx->ir, 0);
    IrTemp row[6] = {zero, zero, q[0], q[1], zero, zero};
    count = count > 16 ? 16 : count;
    unsigned from = left ? 128 - 8 * count : 128 + 8 * count;
    for (unsigned k = 0; k < 2; k++) {
        unsigned at = from + 64 * k, word = at / 64;
        q[k] = word >= 4 ? zero : funnel(ctx, row[word], row[word + 1], at % 64);
    }
}

/* The imm shift groups, by (opcode - 0x71, ModRM.reg): element width and
 * kind; width 0 is not a valid form. */
static const struct {
    uint8_t bits, kind;
} imm_groups[3][8] = {
    [0] = {[2] = {16, SH_RIGHT}, [4] = {16, SH_ARITH}, [6] = {16, SH_LEFT}},
    [1] = {[2] = {32, SH_RIGHT}, [4] = {32, SH_ARITH}, [6] = {32, SH_LEFT}},
    [2] = {[2] = {64, SH_RIGHT}, [3] = {128, SH_BYTES_RIGHT}, [6] = {64, SH_LEFT}, [7] = {128, SH_BYTES_LEFT}},
};

/* 0F 71/72/73 ib: mm or xmm register in ModRM.rm shifted by imm8. */
bool x86_sse_shift_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned g = in->opcode - 0x71, r = (in->modrm >> 3) & 7;
    unsigned bits = imm_groups[g][r].bits, kind = imm_groups[g][r].kind;
    bool mmx = in->mp == X86_MP_NONE;
    if (!bits || (bits == 128 && mmx) || x86_has_mem(in))
        return false;
    uint32_t reg = mmx ? x86_mmx_off(in->rm) : x86_xmm_off(in->rm);
    unsigned halves = mmx ? 1 : 2, count = x86_sse_imm8(in);
    if (mmx)
        x86_mmx_enter(ctx);
    IrTemp q[2];
    for (unsigned k = 0; k < halves; k++)
        q[k] = x86_sse_lane(ctx, reg, IR_I64, k);
    if (bits == 128) {
        shift_bytes(ctx, q, count, kind == SH_BYTES_LEFT);
    } else {
        for (unsigned k = 0; k < halves; k++)
            q[k] = shift_const(ctx, q[k], bits, count, kind);
    }
    for (unsigned k = 0; k < halves; k++)
        x86_sse_set_lane(ctx, reg, IR_I64, k, q[k]);
    if (mmx)
        x86_mmx_written(ctx, in->rm & 7);
    return true;
}

/* ---- by a register ----------------------------------------------------- */

/* x shifted by the 64-bit count `count`, known only at run time. */
static IrTemp shift_var(X86Ctx *ctx, IrTemp x, unsigned bits, IrTemp count, int kind)
{
    IrBlock *ir = ctx->ir;
    uint64_t lows = lane_lows(bits);
    IrTemp width = ir_const64(ir, bits), zero = ir_const64(ir, 0);
    if (kind == SH_ARITH) {
        IrTemp c = ir_movcond(ir, IR_LTU, count, width, count, ir_const64(ir, bits - 1));
        IrTemp keep = ir_op2(ir, IR_OP_mul, ir_shr(ir, ir_const64(ir, lane_ones(bits)), c), ir_const64(ir, lows));
        IrTemp sign = ir_andi(ir, x, lows << (bits - 1));
        IrTemp right = ir_and(ir, ir_shr(ir, x, c), keep);
        return ir_or(ir, right, ir_or(ir, sign, ir_sub(ir, sign, ir_shr(ir, sign, c))));
    }
    IrTemp r;
    if (kind == SH_LEFT) {
        r = ir_shl(ir, x, count);
        if (bits < 64) {
            IrTemp lane = ir_andi(ir, ir_shl(ir, ir_const64(ir, lane_ones(bits)), count), lane_ones(bits));
            r = ir_and(ir, r, ir_op2(ir, IR_OP_mul, lane, ir_const64(ir, lows)));
        }
    } else {
        r = ir_shr(ir, x, count);
        if (bits < 64)
            r = ir_and(ir, r, ir_op2(ir, IR_OP_mul, ir_shr(ir, ir_const64(ir, lane_ones(bits)), count),
                                     ir_const64(ir, lows)));
    }
    /* shl/shr take the count modulo 64: a count of w or more gives 0 */
    return ir_movcond(ir, IR_LTU, count, width, r, zero);
}

/* The register forms, by opcode: element width and kind. */
static const struct {
    uint8_t opcode, bits, kind;
} reg_forms[] = {
    {0xd1, 16, SH_RIGHT}, /* psrlw */
    {0xd2, 32, SH_RIGHT}, /* psrld */
    {0xd3, 64, SH_RIGHT}, /* psrlq */
    {0xe1, 16, SH_ARITH}, /* psraw */
    {0xe2, 32, SH_ARITH}, /* psrad */
    {0xf1, 16, SH_LEFT},  /* psllw */
    {0xf2, 32, SH_LEFT},  /* pslld */
    {0xf3, 64, SH_LEFT},  /* psllq */
};

/* 0F D1-D3 E1 E2 F1-F3: d shifted by the low quadword of s (a count the
 * same for every element). */
bool x86_sse_shift_reg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned f = 0;
    while (f < sizeof reg_forms / sizeof reg_forms[0] && reg_forms[f].opcode != in->opcode)
        f++;
    if (f == sizeof reg_forms / sizeof reg_forms[0])
        return false;
    X86SseHalves op = x86_sse_halves(ctx, in, in->mp == X86_MP_NONE);
    IrTemp count = x86_sse_halves_s(ctx, &op, 0), r[2];
    for (unsigned k = 0; k < op.halves; k++)
        r[k] = shift_var(ctx, x86_sse_halves_d(ctx, &op, k), reg_forms[f].bits, count, reg_forms[f].kind);
    x86_sse_halves_put(ctx, in, &op, r);
    return true;
}
