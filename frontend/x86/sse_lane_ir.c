/* frontend/x86/sse_lane_ir.c — instructions that only move whole elements,
 * as IR on 64-bit halves: the unpacks (punpckl/h bw wd dq qdq, unpckl/h
 * ps pd), the shuffles by a constant selector (pshufw, pshufd, pshuflw,
 * pshufhw, shufps, shufpd).
 *
 * An element moves with one shift and one mask; a result half is the OR
 * of its elements. An unpack spreads 32 bits of each operand over 64,
 * leaving a gap after each element, and fills the gaps of d's with s's:
 *   spread to words  x = (x | x << 16) & 0x0000ffff0000ffff
 *   spread to bytes  then x = (x | x << 8) & 0x00ff00ff00ff00ff
 *   half             spread(d) | spread(s) << element bits
 */
#include "frontend/x86/sse.h"

static uint64_t field_mask(unsigned len, unsigned at)
{
    return (len == 64 ? UINT64_MAX : (1ull << len) - 1) << at;
}

/* The `len` bits of x at `from`, moved to `to`, all else zero. */
static IrTemp move_field(X86Ctx *ctx, IrTemp x, unsigned from, unsigned to, unsigned len)
{
    IrBlock *ir = ctx->ir;
    if (to > from) {
        x = ir_shli(ir, x, to - from);
        return from == 0 && to + len == 64 ? x : ir_andi(ir, x, field_mask(len, to));
    }
    if (to < from) {
        x = ir_shri(ir, x, from - to);
        return to == 0 && from + len == 64 ? x : ir_andi(ir, x, field_mask(len, to));
    }
    return len == 64 ? x : ir_andi(ir, x, field_mask(len, to));
}

/* A half of 64 / bits elements: element k is element sel[k] of the
 * quadwords q (element i lies in q[i * bits / 64]). */
static IrTemp gather(X86Ctx *ctx, const IrTemp *q, unsigned bits, const unsigned *sel)
{
    unsigned n = 64 / bits, k = 1;
    while (k < n && sel[k] == sel[0] + k)
        k++;
    if (k == n && sel[0] * bits % 64 == 0)
        return q[sel[0] * bits / 64]; /* a whole quadword in order */
    IrTemp r = 0;
    for (k = 0; k < n; k++) {
        unsigned at = sel[k] * bits;
        IrTemp piece = move_field(ctx, q[at / 64], at % 64, k * bits, bits);
        r = k ? ir_or(ctx->ir, r, piece) : piece;
    }
    return r;
}

/* ---- unpacks ------------------------------------------------------------- */

/* 32 bits of x (its low or high half) at bits 0..31, spread to elements
 * of `bits` with a gap of the same size after each. */
static IrTemp spread(X86Ctx *ctx, IrTemp x, bool high, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    x = high ? ir_shri(ir, x, 32) : ir_andi(ir, x, 0xffffffffu);
    if (bits <= 16)
        x = ir_andi(ir, ir_or(ir, x, ir_shli(ir, x, 16)), 0x0000ffff0000ffffull);
    if (bits == 8)
        x = ir_andi(ir, ir_or(ir, x, ir_shli(ir, x, 8)), 0x00ff00ff00ff00ffull);
    return x;
}

/* The unpack forms, by opcode: element width and which halves of the
 * operands interleave. */
static const struct {
    uint8_t opcode, bits;
    bool high;
} unpack_forms[] = {
    {0x60, 8, false},  /* punpcklbw */
    {0x61, 16, false}, /* punpcklwd */
    {0x62, 32, false}, /* punpckldq; unpcklps (0F 14) */
    {0x6c, 64, false}, /* punpcklqdq; unpcklpd (66 0F 14) */
    {0x68, 8, true},   /* punpckhbw */
    {0x69, 16, true},  /* punpckhwd */
    {0x6a, 32, true},  /* punpckhdq; unpckhps (0F 15) */
    {0x6d, 64, true},  /* punpckhqdq; unpckhpd (66 0F 15) */
};

/* r = d[k], s[k], d[k+1], s[k+1], ... from the low (or high) halves of
 * d and s. The MMX low forms read only 32 bits of memory. */
bool x86_sse_unpack(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    uint8_t opcode = in->opcode;
    if (opcode == 0x14) /* unpcklps / unpcklpd */
        opcode = in->mp == X86_MP_66 ? 0x6c : 0x62;
    else if (opcode == 0x15) /* unpckhps / unpckhpd */
        opcode = in->mp == X86_MP_66 ? 0x6d : 0x6a;
    unsigned f = 0;
    while (f < sizeof unpack_forms / sizeof unpack_forms[0] && unpack_forms[f].opcode != opcode)
        f++;
    if (f == sizeof unpack_forms / sizeof unpack_forms[0])
        return false;
    unsigned bits = unpack_forms[f].bits;
    bool high = unpack_forms[f].high;
    bool mmx = in->mp == X86_MP_NONE && in->opcode >= 0x60;
    X86SseHalves op;
    IrTemp s;
    if (mmx && !high && x86_has_mem(in)) { /* mm, m32 */
        s = ir_ext_i32u(ir, x86_ld(ctx, x86_ea(ctx, in), 4));
        x86_mmx_enter(ctx);
        op = (X86SseHalves){.mmx = true, .halves = 1, .dst = x86_mmx_off(in->reg)};
    } else {
        op = x86_sse_halves(ctx, in, mmx);
        s = x86_sse_halves_s(ctx, &op, high && !mmx);
    }
    IrTemp d = x86_sse_halves_d(ctx, &op, high && !mmx), r[2];
    if (bits == 64) {
        r[0] = d;
        r[1] = s;
    } else {
        for (unsigned k = 0; k < op.halves; k++) {
            bool upper = mmx ? high : k == 1; /* which 32 bits of the source half */
            IrTemp spread_d = spread(ctx, d, upper, bits);
            IrTemp spread_s = s == d ? spread_d : spread(ctx, s, upper, bits); /* punpcklbw x, x */
            r[k] = ir_or(ir, spread_d, ir_shli(ir, spread_s, bits));
        }
    }
    x86_sse_halves_put(ctx, in, &op, r);
    return true;
}

/* ---- shuffles by imm8 --------------------------------------------------- */

/* Four 2-bit selectors of imm, plus `base` each. */
static void selectors(uint32_t imm, unsigned base, unsigned sel[4])
{
    for (unsigned k = 0; k < 4; k++)
        sel[k] = base + ((imm >> (2 * k)) & 3);
}

/* 0F 70 ib: pshufw mm (no prefix), pshufd (66), pshufhw (F3), pshuflw
 * (F2): elements of s chosen by imm; d is not read. */
bool x86_sse_pshuf(X86Ctx *ctx, const X86Insn *in)
{
    bool mmx = in->mp == X86_MP_NONE;
    X86SseHalves op = x86_sse_halves(ctx, in, mmx);
    uint32_t imm = x86_sse_imm8(in);
    IrTemp q[2], r[2];
    unsigned sel[4];
    for (unsigned k = 0; k < op.halves; k++)
        q[k] = x86_sse_halves_s(ctx, &op, k);
    switch (in->mp) {
    case X86_MP_66: /* pshufd */
        selectors(imm, 0, sel);
        r[0] = gather(ctx, q, 32, sel);
        r[1] = gather(ctx, q, 32, sel + 2);
        break;
    case X86_MP_F3: /* pshufhw: the words of the high half */
        selectors(imm, 4, sel);
        r[0] = q[0];
        r[1] = gather(ctx, q, 16, sel);
        break;
    default: /* pshufw, pshuflw: the words of the low half */
        selectors(imm, 0, sel);
        r[0] = gather(ctx, q, 16, sel);
        r[1] = mmx ? 0 : q[1];
        break;
    }
    x86_sse_halves_put(ctx, in, &op, r);
    return true;
}

/* 0F C6 ib: shufps (two dwords of d, then two of s) / 66: shufpd (one
 * quadword of each). */
bool x86_sse_shufp(X86Ctx *ctx, const X86Insn *in)
{
    X86SseHalves op = x86_sse_halves(ctx, in, false);
    uint32_t imm = x86_sse_imm8(in);
    IrTemp d[2], s[2], r[2];
    for (unsigned k = 0; k < 2; k++) {
        d[k] = x86_sse_halves_d(ctx, &op, k);
        s[k] = x86_sse_halves_s(ctx, &op, k);
    }
    if (in->mp == X86_MP_66) {
        r[0] = d[imm & 1];
        r[1] = s[(imm >> 1) & 1];
    } else {
        unsigned sel[4];
        selectors(imm, 0, sel);
        r[0] = gather(ctx, d, 32, sel);
        r[1] = gather(ctx, s, 32, sel + 2);
    }
    x86_sse_halves_put(ctx, in, &op, r);
    return true;
}
