/* frontend/x86/sse_int_ir.c — the integer SIMD operations that string and
 * memory loops run most (glibc's strlen, strchr, memchr, memcmp...), as
 * IR on 64-bit halves instead of helper calls, so the JIT keeps them in
 * host registers: padd/psub of bytes..quadwords, pcmpeqb/w/d, pminub,
 * pmaxub, pmovmskb and palignr, on mm (no prefix) and xmm (66)
 * registers.
 *
 * SWAR ("SIMD within a register"): with H the top bit of every lane and
 * L = ~H, lanes never carry into each other:
 *   add    ((a & L) + (b & L)) ^ ((a ^ b) & H)
 *   sub    ((a | H) - (b & L)) ^ ((a ^ ~b) & H)
 *   eq     x = a ^ b; z = ~(((x & L) + L) | x) & H   (top bit: lane of x is 0)
 *          mask = z | (z - (z >> (w - 1)))            (all ones in that lane)
 *   a <u b borrow out of a - b: (~a & b) | ((~a | b) & (a - b)), top bits
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
    return ir_xor(ir, diff, ir_andi(ir, ir_xor(ir, a, ir_not(ir, b)), h));
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

/* Unsigned a < b per lane: the borrow out of a - b,
 * (~a & b) | ((~a | b) & (a - b)), in the top bits. */
static IrTemp swar_ltu(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    IrTemp na = ir_not(ir, a), diff = swar_sub(ctx, a, b, bits);
    IrTemp borrow = ir_or(ir, ir_and(ir, na, b), ir_and(ir, ir_or(ir, na, b), diff));
    return lanes_of_tops(ctx, ir_andi(ir, borrow, lane_tops(bits)), bits);
}

/* pminub / pmaxub: pick a where a < b (resp. b < a), else b. */
static IrTemp swar_minu(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    return ir_xor(ir, b, ir_and(ir, ir_xor(ir, a, b), swar_ltu(ctx, a, b, bits)));
}

static IrTemp swar_maxu(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits)
{
    IrBlock *ir = ctx->ir;
    return ir_xor(ir, b, ir_and(ir, ir_xor(ir, a, b), swar_ltu(ctx, b, a, bits)));
}

typedef IrTemp SwarOp(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned bits);

/* d = op(d, s) lane-wise on the halves of mm/xmm operands. */
static bool swar(X86Ctx *ctx, const X86Insn *in, SwarOp *op, unsigned bits)
{
    bool mmx = in->mp == X86_MP_NONE;
    X86SseRm rm = mmx ? x86_mmx_rm(ctx, in) : x86_sse_rm(ctx, in, true);
    uint32_t dst = mmx ? x86_mmx_off(in->reg) : x86_xmm_off(in->reg);
    unsigned halves = mmx ? 1 : 2;
    IrTemp r[2];
    if (mmx)
        x86_mmx_enter(ctx);
    for (unsigned k = 0; k < halves; k++)
        r[k] = op(ctx, x86_sse_lane(ctx, dst, IR_I64, k), x86_sse_rm_lane(ctx, &rm, IR_I64, k), bits);
    for (unsigned k = 0; k < halves; k++)
        x86_sse_set_lane(ctx, dst, IR_I64, k, r[k]);
    if (mmx)
        x86_mmx_written(ctx, in->reg);
    return true;
}

/* Lane width of each opcode: 0F FC-FE paddb/w/d, D4 paddq, F8-FB psubb..q,
 * 74-76 pcmpeqb/w/d. */
static unsigned width_of(uint8_t opcode)
{
    switch (opcode) {
    case 0xfc: case 0xf8: case 0x74: return 8;
    case 0xfd: case 0xf9: case 0x75: return 16;
    case 0xfe: case 0xfa: case 0x76: return 32;
    default: return 64;
    }
}

bool x86_sse_padd(X86Ctx *ctx, const X86Insn *in) { return swar(ctx, in, swar_add, width_of(in->opcode)); }
bool x86_sse_psub(X86Ctx *ctx, const X86Insn *in) { return swar(ctx, in, swar_sub, width_of(in->opcode)); }
bool x86_sse_pcmpeq(X86Ctx *ctx, const X86Insn *in) { return swar(ctx, in, swar_eq, width_of(in->opcode)); }
bool x86_sse_pminub(X86Ctx *ctx, const X86Insn *in) { return swar(ctx, in, swar_minu, 8); }
bool x86_sse_pmaxub(X86Ctx *ctx, const X86Insn *in) { return swar(ctx, in, swar_maxu, 8); }

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
