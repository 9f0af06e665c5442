/* frontend/x86/int_bits.c — bit instructions: BT BTS BTR BTC (register
 * and immediate offsets), BSF BSR, TZCNT LZCNT POPCNT (F3 forms), BSWAP,
 * MOVBE and CRC32 (F2 0F 38 F0/F1, SSE4.2).
 *
 * BT* with a memory operand and a register offset reach beyond the
 * operand: the signed offset selects the operand-sized word
 * (offset >> log2(bits)) words away, and the bit within it.
 */
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"

typedef enum X86BitOp { BIT_TEST, BIT_SET, BIT_RESET, BIT_COMPLEMENT } X86BitOp;

typedef struct BitArg {
    X86BitOp op;
    IrTemp mask; /* 1 << bit, of the operand's type */
} BitArg;

static IrTemp bit_update(X86Ctx *ctx, const void *arg, unsigned size, IrTemp old)
{
    const BitArg *b = arg;
    (void)size;
    switch (b->op) {
    case BIT_SET: return ir_or(ctx->ir, old, b->mask);
    case BIT_RESET: return ir_op2(ctx->ir, IR_OP_andc, old, b->mask);
    case BIT_COMPLEMENT: return ir_xor(ctx->ir, old, b->mask);
    default: return old;
    }
}

/* CF = the bit; ZF kept; SF OF AF PF (undefined) kept too. */
static void set_carry_to(X86Ctx *ctx, IrTemp bit_i32)
{
    IrTemp others = ir_andi(ctx->ir, x86_gen_status_flags(ctx), ~(uint64_t)X86_CF & 0xffffffffu);
    x86_gen_set_status_flags(ctx, ir_or(ctx->ir, others, bit_i32));
}

/* Test and update bit `bit` (of x86_type(size), already < bits) of o. */
static void bit_apply(X86Ctx *ctx, const X86Insn *in, X86BitOp op, const X86Operand *o, IrTemp bit)
{
    IrBlock *ir = ctx->ir;
    BitArg arg = {op, ir_shl(ir, x86_const(ctx, o->size, 1), bit)};
    IrTemp old, new;
    if (op != BIT_TEST && (in->pfx & X86_PFX_LOCK) && o->mem) {
        old = x86_locked_rmw(ctx, o, bit_update, &arg, &new);
    } else {
        old = x86_opd_get(ctx, in, o);
        if (op != BIT_TEST)
            x86_opd_set(ctx, in, o, bit_update(ctx, &arg, o->size, old));
    }
    IrTemp cf = x86_fit(ctx, ir_and(ir, ir_shr(ir, old, bit), x86_const(ctx, o->size, 1)), 4);
    set_carry_to(ctx, cf);
}

/* 0F A3 bt, AB bts, B3 btr, BB btc: r/m, reg */
bool x86_op_bt_reg(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    static const X86BitOp ops[4] = {BIT_TEST, BIT_SET, BIT_RESET, BIT_COMPLEMENT};
    unsigned size = in->opsize, bits = 8 * size;
    IrTemp offset = x86_get_reg(ctx, in, in->reg, size);
    IrTemp bit = ir_andi(ir, offset, bits - 1);
    X86Operand o = x86_rm_operand(ctx, in, size);
    if (o.mem) {
        /* the signed word index, scaled to bytes, in the address type */
        unsigned addr_size = ctx->aty == IR_I64 ? 8 : 4;
        IrTemp soff = x86_sext(ctx, offset, size, addr_size);
        IrTemp words = ir_sari(ir, soff, 3 + x86_size_log2(size));
        o.addr = ir_add(ir, o.addr, ir_shli(ir, words, x86_size_log2(size)));
    }
    bit_apply(ctx, in, ops[(in->opcode >> 3) & 3], &o, bit);
    return true;
}

/* 0F BA /4 bt, /5 bts, /6 btr, /7 btc: r/m, ib */
bool x86_op_bt_imm(X86Ctx *ctx, const X86Insn *in)
{
    static const X86BitOp ops[4] = {BIT_TEST, BIT_SET, BIT_RESET, BIT_COMPLEMENT};
    unsigned size = in->opsize;
    X86Operand o = x86_rm_operand(ctx, in, size);
    IrTemp bit = x86_const(ctx, size, (uint64_t)in->imm & (8 * size - 1));
    bit_apply(ctx, in, ops[(in->modrm >> 3) & 3], &o, bit);
    return true;
}

/* ---- bit scans and counts --------------------------------------------------- */

/* ZF (and CF) from conditions, every other status flag 0. */
static void set_scan_flags(X86Ctx *ctx, IrTemp zf, IrTemp cf)
{
    IrBlock *ir = ctx->ir;
    IrTemp flags = ir_shli(ir, x86_fit(ctx, zf, 4), 6);
    if (cf)
        flags = ir_or(ir, flags, x86_fit(ctx, cf, 4));
    x86_gen_set_status_flags(ctx, flags);
}

/* reg = v, unless src (of the operand's size) is 0: then the whole
 * register keeps its value (a select, not a branch, so the block's
 * values stay in host registers across it). */
static void write_unless_zero(X86Ctx *ctx, const X86Insn *in, unsigned size, IrTemp src, IrTemp v)
{
    IrBlock *ir = ctx->ir;
    unsigned whole = size == 2 ? 2 : 8; /* 8: the full register, i64 or (i386) i32 */
    IrTemp old = x86_get_reg(ctx, in, in->reg, whole);
    IrType type = ir_temp_type(ir, old);
    if (ir_temp_type(ir, v) != type) { /* a 32-bit operand in a 64-bit register */
        v = ir_ext_i32u(ir, v);
        src = ir_ext_i32u(ir, src);
    }
    IrTemp kept = ir_movcond(ir, IR_EQ, src, ir_const(ir, type, 0), old, v);
    x86_set_reg(ctx, in, in->reg, whole, kept);
}

/* 0F BC bsf, 0F BD bsr: index of the lowest/highest set bit; a zero
 * source sets ZF and leaves the destination as it was. */
bool x86_op_bsf_bsr(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = in->opsize;
    IrTemp src = x86_get_rm(ctx, in, size), zero = x86_const(ctx, size, 0);
    IrTemp index;
    if (in->opcode == 0xbc) {
        index = ir_op1(ir, IR_OP_ctz, src);
    } else {
        unsigned top = size == 8 ? 63 : 31; /* clz of the i32/i64 holding it */
        index = ir_sub(ir, x86_const(ctx, size, top), ir_op1(ir, IR_OP_clz, src));
    }
    set_scan_flags(ctx, ir_setcond(ir, IR_EQ, src, zero), 0);
    write_unless_zero(ctx, in, size, src, index);
    return true;
}

/* F3 0F BC tzcnt, F3 0F BD lzcnt: the count (the width for 0); CF = source
 * was 0, ZF = result is 0. */
bool x86_op_tzcnt_lzcnt(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = in->opsize, bits = 8 * size;
    IrTemp src = x86_get_rm(ctx, in, size), zero = x86_const(ctx, size, 0);
    IrTemp count;
    if (in->opcode == 0xbc) {
        count = ir_op1(ir, IR_OP_ctz, src);
        if (size < 4)
            count = ir_movcond(ir, IR_EQ, src, zero, x86_const(ctx, size, bits), count);
    } else {
        count = ir_op1(ir, IR_OP_clz, src);
        if (size < 4)
            count = ir_sub(ir, count, x86_const(ctx, size, 32 - bits));
    }
    x86_set_reg(ctx, in, in->reg, size, count);
    set_scan_flags(ctx, ir_setcond(ir, IR_EQ, count, zero), ir_setcond(ir, IR_EQ, src, zero));
    return true;
}

/* F3 0F B8 popcnt: ZF = source was 0, the other flags 0. */
bool x86_op_popcnt(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = in->opsize;
    IrTemp src = x86_get_rm(ctx, in, size);
    x86_set_reg(ctx, in, in->reg, size, ir_op1(ir, IR_OP_popcnt, src));
    set_scan_flags(ctx, ir_setcond(ir, IR_EQ, src, x86_const(ctx, size, 0)), 0);
    return true;
}

/* ---- byte order ---------------------------------------------------------------- */

static IrTemp byte_swap(X86Ctx *ctx, IrTemp v, unsigned size)
{
    static const IrOpcode swap_op[9] = {[2] = IR_OP_bswap16, [4] = IR_OP_bswap32, [8] = IR_OP_bswap64};
    return ir_op1(ctx->ir, swap_op[size], v);
}

/* 0F C8+r: bswap r32/r64; with a 16-bit operand the result is 0 (as the
 * hardware gives; the manual calls it undefined). */
bool x86_op_bswap(X86Ctx *ctx, const X86Insn *in)
{
    unsigned reg = (in->opcode & 7) | (in->rex & 1 ? 8 : 0), size = in->opsize;
    IrTemp v = size == 2 ? x86_const(ctx, 2, 0) : byte_swap(ctx, x86_get_reg(ctx, in, reg, size), size);
    x86_set_reg(ctx, in, reg, size, v);
    return true;
}

/* 0F 38 F0 movbe reg, m; 0F 38 F1 movbe m, reg */
bool x86_op_movbe(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = in->opsize;
    if (in->opcode == 0xf0)
        x86_set_reg(ctx, in, in->reg, size, byte_swap(ctx, x86_get_rm(ctx, in, size), size));
    else
        x86_set_rm(ctx, in, size, byte_swap(ctx, x86_get_reg(ctx, in, in->reg, size), size));
    return true;
}

/* F2 0F 38 F0 crc32 r32, r/m8; F2 0F 38 F1 crc32 r32, r/m16/32/64 (the
 * destination is 32 bits, zero-extended to 64 with REX.W). */
bool x86_op_crc32(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = in->opcode == 0xf0 ? 1 : in->opsize;
    IrTemp args[3] = {x86_get_reg(ctx, in, in->reg, 4), x86_fit(ctx, x86_get_rm(ctx, in, size), 8),
                      ir_const32(ctx->ir, size)};
    x86_set_reg(ctx, in, in->reg, 4, ir_call(ctx->ir, &x86_helper_crc32, args));
    return true;
}
