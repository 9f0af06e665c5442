/* frontend/x86/sse_int_ir.c — the integer SIMD arithmetic that compiled
 * loops and glibc's string functions run most, as IR on 64-bit halves
 * instead of helper calls, so the JIT keeps them in host registers:
 * padd/psub (modulo and saturating), pcmpeq/pcmpgt, min/max, pavg,
 * pmuludq (table swar_rows), pmovmskb and palignr, on mm (no prefix) and
 * xmm (66) registers.
 *
 * SWAR ("SIMD within a register"): with H the top bit of every lane and
 * L = ~H, lanes never carry into each other:
 *   add    ((a & L) + (b & L)) ^ ((a ^ b) & H)
 *   sub    ((a | H) - (b & L)) ^ (H & ~(a ^ b))
 *   eq     x = a ^ b; z = ~(((x & L) + L) | x) & H   (top bit: lane of x is 0)
 *          mask = z | (z - (z >> (w - 1)))            (all ones in that lane)
 *   a <u b (~a & b) | ~((a ^ b) | ((a | H) - (b & L))), top bits
 *   a <s b the same on a ^ H, b ^ H
 *   movemask of bytes  ((x & H) * 0x0002040810204081) >> 56
 */
#include "frontend/x86/sse.h"

/* The top bit of every lane of `bits` in 64 bits. */
static uint64_t lane_tops(unsigned bits)
{
    uint64_t h = 0;
    for (unsigned k = bits - 1; k < 64; k += bits)
        h |= 1ull << k;
    return h;
}

static IrTemp k64(X86Ctx *ctx, uint64_t v)
{
    return ir_const64(ctx->ir, v);
}

static IrTemp swar_add(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    if (bits == 64)
        return ir_add(ir, a, b);
    uint64_t h = lane_tops(bits);
    IrTemp sum = ir_add(ir, ir_andi(ir, a, ~h), ir_andi(ir, b, ~h));
    return ir_xor(ir, sum, ir_andi(ir, ir_xor(ir, a, b), h));
}

static IrTemp swar_sub(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    if (bits == 64)
        return ir_sub(ir, a, b);
    uint64_t h = lane_tops(bits);
    IrTemp diff = ir_sub(ir, ir_ori(ir, a, h), ir_andi(ir, b, ~h));
    return ir_xor(ir, diff, ir_op2(ir, IR_OP_andc, k64(ctx, h), ir_xor(ir, a, b)));
}

static IrTemp lanes_of_tops(X86Ctx *ctx, IrTemp tops, unsigned bits);

static IrTemp swar_eq(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    uint64_t h = lane_tops(bits);
    IrTemp x = ir_xor(ir, a, b);
    IrTemp nonzero = ir_or(ir, ir_addi(ir, ir_andi(ir, x, ~h), ~h), x);
    return lanes_of_tops(ctx, ir_op2(ir, IR_OP_andc, k64(ctx, h), nonzero), bits);
}

/* All ones in the lanes whose top bit is set in `tops`. */
static IrTemp lanes_of_tops(X86Ctx *ctx, IrTemp tops, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    return ir_or(ir, tops, ir_sub(ir, tops, ir_shri(ir, tops, bits - 1)));
}

/* The top bit of each lane where a < b (unsigned), x = a ^ b: with
 * d = (a | H) - (b & L), whose top bit in a lane says "a's low bits >=
 * b's" (no borrow crosses lanes), a < b = (~a & b) | ~(x | d). */
static IrTemp ltu_tops(X86Ctx *ctx, IrTemp a, IrTemp b, IrTemp x, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    uint64_t h = lane_tops(bits);
    IrTemp d = ir_sub(ir, ir_ori(ir, a, h), ir_andi(ir, b, ~h));
    IrTemp lt = ir_op2(ir, IR_OP_orc, ir_op2(ir, IR_OP_andc, b, a), ir_or(ir, x, d));
    return ir_andi(ir, lt, h);
}

/* Unsigned a < b per lane: all ones or zeros. */
static IrTemp swar_ltu(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    return lanes_of_tops(ctx, ltu_tops(ctx, a, b, ir_xor(ctx->ir, a, b), bits), bits);
}

/* Signed a < b per lane: unsigned after flipping the top bits. */
static IrTemp swar_lts(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    uint64_t h = lane_tops(bits);
    return swar_ltu(ctx, ir_xori(ir, a, h), ir_xori(ir, b, h), bits);
}

/* Pick a in the lanes of mask, else b. */
static IrTemp pick(X86Ctx *ctx, IrTemp mask, IrTemp a, IrTemp b)
{
    IrBlock *ir = ctx->ir;
    return ir_xor(ir, b, ir_and(ir, ir_xor(ir, a, b), mask));
}

static IrTemp swar_gt(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits) { return swar_lts(ctx, b, a, bits); }
/* pminu / pmaxu: b ^ ((a ^ b) & mask), one a ^ b for both. */
static IrTemp swar_minu(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    IrTemp x = ir_xor(ir, a, b);
    IrTemp mask = lanes_of_tops(ctx, ltu_tops(ctx, a, b, x, bits), bits);
    return ir_xor(ir, b, ir_and(ir, x, mask));
}
static IrTemp swar_maxu(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    IrTemp x = ir_xor(ir, a, b);
    IrTemp mask = lanes_of_tops(ctx, ltu_tops(ctx, b, a, x, bits), bits);
    return ir_xor(ir, b, ir_and(ir, x, mask));
}
static IrTemp swar_mins(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    return pick(ctx, swar_lts(ctx, a, b, bits), a, b);
}
static IrTemp swar_maxs(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    return pick(ctx, swar_lts(ctx, b, a, bits), a, b);
}

/* Unsigned saturation: a carry out of a lane makes it all ones, a borrow
 * makes it zero. Carry out of a + b: (a & b) | ((a | b) & ~sum), top bits. */
static IrTemp swar_addus(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    IrTemp sum = swar_add(ctx, a, b, bits);
    IrTemp carry = ir_or(ir, ir_and(ir, a, b), ir_op2(ir, IR_OP_andc, ir_or(ir, a, b), sum));
    return ir_or(ir, sum, lanes_of_tops(ctx, ir_andi(ir, carry, lane_tops(bits)), bits));
}

static IrTemp swar_subus(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    return ir_op2(ir, IR_OP_andc, swar_sub(ctx, a, b, bits), swar_ltu(ctx, a, b, bits));
}

/* Signed saturation of r = a +/- b, where `overflow` has the top bit of
 * every lane that overflowed: those lanes become 0x7f.. (a >= 0) or
 * 0x80.. (a < 0). */
static IrTemp saturate_s(X86Ctx *ctx, IrTemp r, IrTemp a, IrTemp overflow, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    uint64_t h = lane_tops(bits);
    IrTemp limit = ir_xori(ir, lanes_of_tops(ctx, ir_andi(ir, a, h), bits), ~h);
    return pick(ctx, lanes_of_tops(ctx, ir_andi(ir, overflow, h), bits), limit, r);
}

/* Overflow of a + b: same signs in, another sign out; of a - b: different
 * signs in, the result's sign differs from a's. */
static IrTemp swar_adds(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    IrTemp sum = swar_add(ctx, a, b, bits);
    IrTemp overflow = ir_op2(ir, IR_OP_andc, ir_xor(ir, a, sum), ir_xor(ir, a, b));
    return saturate_s(ctx, sum, a, overflow, bits);
}

static IrTemp swar_subs(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    IrTemp diff = swar_sub(ctx, a, b, bits);
    IrTemp overflow = ir_and(ir, ir_xor(ir, a, diff), ir_xor(ir, a, b));
    return saturate_s(ctx, diff, a, overflow, bits);
}

/* Rounded average (a + b + 1) >> 1 = (a | b) - ((a ^ b) >> 1), lane by
 * lane; no lane borrows, as a | b >= a ^ b. */
static IrTemp swar_avg(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    IrTemp half = ir_andi(ir, ir_shri(ir, ir_xor(ir, a, b), 1), ~lane_tops(bits));
    return ir_sub(ir, ir_or(ir, a, b), half);
}

/* pmuludq: the low dword of each quadword, multiplied to 64 bits. */
static IrTemp mul_even_dwords(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    (void)bits;
    return ir_op2(ir, IR_OP_mul, ir_andi(ir, a, 0xffffffffu), ir_andi(ir, b, 0xffffffffu));
}

typedef IrTemp SwarOp(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits);

/* The instructions done here, by (map, opcode): lane width and operation
 * (every one has an mm form without prefix and an xmm form with 66, but
 * the SSE4.1/4.2 ones, xmm only). */
static const struct SwarRow {
    uint8_t map, opcode, bits;
    SwarOp *op;
} swar_rows[] = {
    {X86_MAP_0F, 0xfc, 8, swar_add},          /* paddb */
    {X86_MAP_0F, 0xfd, 16, swar_add},         /* paddw */
    {X86_MAP_0F, 0xfe, 32, swar_add},         /* paddd */
    {X86_MAP_0F, 0xd4, 64, swar_add},         /* paddq */
    {X86_MAP_0F, 0xf8, 8, swar_sub},          /* psubb */
    {X86_MAP_0F, 0xf9, 16, swar_sub},         /* psubw */
    {X86_MAP_0F, 0xfa, 32, swar_sub},         /* psubd */
    {X86_MAP_0F, 0xfb, 64, swar_sub},         /* psubq */
    {X86_MAP_0F, 0x74, 8, swar_eq},           /* pcmpeqb */
    {X86_MAP_0F, 0x75, 16, swar_eq},          /* pcmpeqw */
    {X86_MAP_0F, 0x76, 32, swar_eq},          /* pcmpeqd */
    {X86_MAP_0F38, 0x29, 64, swar_eq},        /* pcmpeqq */
    {X86_MAP_0F, 0x64, 8, swar_gt},           /* pcmpgtb */
    {X86_MAP_0F, 0x65, 16, swar_gt},          /* pcmpgtw */
    {X86_MAP_0F, 0x66, 32, swar_gt},          /* pcmpgtd */
    {X86_MAP_0F38, 0x37, 64, swar_gt},        /* pcmpgtq */
    {X86_MAP_0F, 0xda, 8, swar_minu},         /* pminub */
    {X86_MAP_0F, 0xde, 8, swar_maxu},         /* pmaxub */
    {X86_MAP_0F38, 0x3a, 16, swar_minu},      /* pminuw */
    {X86_MAP_0F38, 0x3e, 16, swar_maxu},      /* pmaxuw */
    {X86_MAP_0F38, 0x3b, 32, swar_minu},      /* pminud */
    {X86_MAP_0F38, 0x3f, 32, swar_maxu},      /* pmaxud */
    {X86_MAP_0F, 0xea, 16, swar_mins},        /* pminsw */
    {X86_MAP_0F, 0xee, 16, swar_maxs},        /* pmaxsw */
    {X86_MAP_0F38, 0x38, 8, swar_mins},       /* pminsb */
    {X86_MAP_0F38, 0x3c, 8, swar_maxs},       /* pmaxsb */
    {X86_MAP_0F38, 0x39, 32, swar_mins},      /* pminsd */
    {X86_MAP_0F38, 0x3d, 32, swar_maxs},      /* pmaxsd */
    {X86_MAP_0F, 0xdc, 8, swar_addus},        /* paddusb */
    {X86_MAP_0F, 0xdd, 16, swar_addus},       /* paddusw */
    {X86_MAP_0F, 0xd8, 8, swar_subus},        /* psubusb */
    {X86_MAP_0F, 0xd9, 16, swar_subus},       /* psubusw */
    {X86_MAP_0F, 0xec, 8, swar_adds},         /* paddsb */
    {X86_MAP_0F, 0xed, 16, swar_adds},        /* paddsw */
    {X86_MAP_0F, 0xe8, 8, swar_subs},         /* psubsb */
    {X86_MAP_0F, 0xe9, 16, swar_subs},        /* psubsw */
    {X86_MAP_0F, 0xe0, 8, swar_avg},          /* pavgb */
    {X86_MAP_0F, 0xe3, 16, swar_avg},         /* pavgw */
    {X86_MAP_0F, 0xf4, 64, mul_even_dwords},  /* pmuludq */
};

/* d = op(d, s) lane-wise on the halves of mm/xmm operands. */
bool x86_sse_swar(X86Ctx *ctx, const X86Insn *in)
{
    const struct SwarRow *row = NULL;
    for (size_t k = 0; k < sizeof swar_rows / sizeof swar_rows[0]; k++) {
        if (swar_rows[k].map == in->map && swar_rows[k].opcode == in->opcode)
            row = &swar_rows[k];
    }
    if (!row)
        return false;
    X86SseHalves op = x86_sse_halves(ctx, in, in->mp == X86_MP_NONE);
    IrTemp r[2];
    for (unsigned k = 0; k < op.halves; k++)
        r[k] = row->op(ctx, x86_sse_halves_d(ctx, &op, k), x86_sse_halves_s(ctx, &op, k), row->bits);
    x86_sse_halves_put(ctx, in, &op, r);
    return true;
}

/* 0F D7 pmovmskb r32/r64, mm/xmm: the bytes' top bits. */
bool x86_sse_pmovmskb(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    bool mmx = in->mp == X86_MP_NONE;
    uint32_t src = mmx ? x86_mmx_off(in->rm) : x86_xmm_off(in->rm);
    if (mmx)
        x86_mmx_enter(ctx);
    IrTemp mask = 0;
    for (unsigned k = 0; k < (mmx ? 1u : 2u); k++) {
        IrTemp tops = ir_andi(ir, x86_sse_lane(ctx, src, IR_I64, k), lane_tops(8));
        IrTemp bits = ir_shri(ir, ir_op2(ir, IR_OP_mul, tops, k64(ctx, 0x0002040810204081ull)), 56);
        mask = k ? ir_or(ir, mask, ir_shli(ir, bits, 8)) : bits;
    }
    unsigned size = ctx->long_mode && x86_rex_w(in) ? 8 : 4;
    x86_set_reg(ctx, in, in->reg, size, size == 8 ? mask : ir_trunc_i64(ir, mask));
    return true;
}

/* ---- palignr (the inner loop of glibc's SSSE3 memmove) ---------------------- */

/* Bits [sh, sh + 64) of the 128-bit value hi:lo (0 <= sh < 64). */
static IrTemp funnel(X86Ctx *ctx, IrTemp lo, IrTemp hi, unsigned sh)
{
    IrBlock *ir = ctx->ir;
    if (!sh)
        return lo;
    return ir_or(ir, ir_shri(ir, lo, sh), ir_shli(ir, hi, 64 - sh));
}

/* 0F 3A 0F palignr mm, mm/m64, ib / 66: xmm, xmm/m128, ib: the bytes of
 * d:s (s low) from byte imm on; past the end, zeros. */
bool x86_sse_palignr(X86Ctx *ctx, const X86Insn *in)
{
    bool mmx = in->mp == X86_MP_NONE;
    X86SseRm rm = mmx ? x86_mmx_rm(ctx, in) : x86_sse_rm(ctx, in, true);
    uint32_t dst = mmx ? x86_mmx_off(in->reg) : x86_xmm_off(in->reg);
    unsigned halves = mmx ? 1 : 2, imm = x86_sse_imm8(in);
    IrTemp q[6], zero = k64(ctx, 0);
    if (mmx)
        x86_mmx_enter(ctx);
    for (unsigned k = 0; k < 6; k++)
        q[k] = zero;
    for (unsigned k = 0; k < halves; k++) {
        q[k] = x86_sse_rm_lane(ctx, &rm, IR_I64, k);
        q[halves + k] = x86_sse_lane(ctx, dst, IR_I64, k);
    }
    IrTemp r[2];
    for (unsigned j = 0; j < halves; j++) {
        unsigned first = imm / 8 + j;
        r[j] = first >= 2 * halves ? zero : funnel(ctx, q[first], q[first + 1], (imm % 8) * 8);
    }
    for (unsigned j = 0; j < halves; j++)
        x86_sse_set_lane(ctx, dst, IR_I64, j, r[j]);
    if (mmx)
        x86_mmx_written(ctx, in->reg);
    return true;
}
