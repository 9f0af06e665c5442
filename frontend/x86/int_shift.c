/* frontend/x86/int_shift.c — shifts and rotates: ROL ROR RCL RCR SHL
 * SHR SAR (C0/C1 ib, D0/D1 by one, D2/D3 by CL) and the double shifts
 * SHLD/SHRD (0F A4/A5/AC/AD).
 *
 * The count is masked to 5 bits (6 with a 64-bit operand); a masked
 * count of 0 changes no flag, though a 32-bit register is still written
 * (and so zero-extended). With a count in CL that is decided at run time:
 * each field of the record is selected against the old one. Rotates change only CF and OF, so
 * they merge into the flags as they were; RCL/RCR run in a helper.
 */
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"

typedef enum X86ShiftOp { SH_ROL, SH_ROR, SH_RCL, SH_RCR, SH_SHL, SH_SHR, SH_SAL, SH_SAR } X86ShiftOp;

static unsigned count_mask(unsigned size)
{
    return size == 8 ? 63 : 31;
}

/* A count (i32) in x86_type(size). */
static IrTemp count_as(X86Ctx *ctx, IrTemp count, unsigned size)
{
    return size == 8 ? ir_ext_i32u(ctx->ir, count) : count;
}

/* Bit `pos` of v as an i32 0/1. */
static IrTemp bit_of(X86Ctx *ctx, IrTemp v, unsigned pos)
{
    IrTemp b = ir_extract(ctx->ir, v, pos, 1);
    return ir_temp_type(ctx->ir, b) == IR_I64 ? ir_trunc_i64(ctx->ir, b) : b;
}

/* Rotate a value of `size` by count (any amount): 8- and 16-bit values
 * are replicated across 32 bits so a 32-bit rotate gives their rotation. */
static IrTemp rotate(X86Ctx *ctx, IrTemp a, IrTemp count, unsigned size, bool right)
{
    IrBlock *ir = ctx->ir;
    IrOpcode op = right ? IR_OP_rotr : IR_OP_rotl;
    if (size >= 4)
        return ir_op2(ir, op, a, count_as(ctx, count, size));
    IrTemp wide = ir_op2(ir, IR_OP_mul, a, ir_const32(ir, size == 1 ? 0x01010101u : 0x00010001u));
    return x86_fit(ctx, ir_op2(ir, op, wide, count), size);
}

/* The record a shift leaves (emitted only when the count is not 0). */
typedef struct ShiftFlags {
    X86CcKind kind;    /* SHL/SHR/SAR */
    IrTemp dst, src, src2;
} ShiftFlags;

/* ROL/ROR of a into r (count not 0): CF and OF replaced in the flags as
 * they were before. OF is that of a 1-bit rotate of the original value,
 * whatever the count. */
static void rotate_record(X86Ctx *ctx, IrTemp count, int known_count, IrTemp a, IrTemp r, unsigned size,
                          bool right)
{
    IrBlock *ir = ctx->ir;
    unsigned top = 8 * size - 1;
    IrTemp cf = bit_of(ctx, r, right ? top : 0);
    IrTemp of = ir_xor(ir, bit_of(ctx, a, top), bit_of(ctx, a, right ? 0 : top - 1));
    x86_set_cc_rotate(ctx, known_count < 0 ? count : 0, ir_or(ir, cf, ir_shli(ir, of, 11)));
}

static IrTemp shift_by(X86Ctx *ctx, IrOpcode op, IrTemp v, IrTemp count, unsigned size)
{
    return ir_op2(ctx->ir, op, v, count_as(ctx, count, size));
}

/* SHL/SHR/SAR by count (!= 0): the result and the record. */
static IrTemp plain_shift(X86Ctx *ctx, X86ShiftOp op, IrTemp a, IrTemp count, unsigned size, ShiftFlags *f)
{
    IrBlock *ir = ctx->ir;
    IrTemp less = ir_sub(ir, count, ir_const32(ir, 1));
    IrTemp v = a;
    IrOpcode irop = IR_OP_shl;
    X86CcKind kind = X86_CCK_SHL;
    if (op == SH_SHR) {
        irop = IR_OP_shr;
        kind = X86_CCK_SHR;
    } else if (op == SH_SAR) {
        irop = IR_OP_sar;
        kind = X86_CCK_SAR;
        v = x86_sext(ctx, a, size, size == 8 ? 8 : 4);
    }
    IrTemp r = x86_fit(ctx, shift_by(ctx, irop, v, count, size), size);
    IrTemp last = x86_fit(ctx, shift_by(ctx, irop, v, less, size), size);
    *f = (ShiftFlags){kind, r, last, a};
    return r;
}

/* op r/m by count (i32, masked); known_count >= 0 when it is a constant. */
static void shift_apply(X86Ctx *ctx, const X86Insn *in, IrTemp count, int known_count)
{
    IrBlock *ir = ctx->ir;
    X86ShiftOp op = (X86ShiftOp)((in->modrm >> 3) & 7);
    unsigned size = x86_bw_size(in);
    X86Operand o = x86_rm_operand(ctx, in, size);
    IrTemp a = x86_opd_get(ctx, in, &o);
    if (op == SH_RCL || op == SH_RCR) {
        IrTemp args[3] = {x86_fit(ctx, a, 8), count, ir_const32(ir, size | (op == SH_RCR ? X86_RC_RIGHT : 0))};
        x86_opd_set(ctx, in, &o, x86_fit(ctx, ir_call(ir, &x86_helper_rotate_carry, args), size));
        x86_cc_forget(ctx);
        return;
    }
    if (op == SH_ROL || op == SH_ROR) {
        IrTemp r = rotate(ctx, a, count, size, op == SH_ROR);
        x86_opd_set(ctx, in, &o, r);
        if (known_count != 0)
            rotate_record(ctx, count, known_count, a, r, size, op == SH_ROR);
        return;
    }
    ShiftFlags f;
    IrTemp r = plain_shift(ctx, op == SH_SAL ? SH_SHL : op, a, count, size, &f);
    x86_opd_set(ctx, in, &o, r);
    if (known_count > 0)
        x86_set_cc(ctx, f.kind, size, f.dst, f.src, f.src2);
    else if (known_count < 0)
        x86_set_cc_unless_zero(ctx, count, f.kind, size, f.dst, f.src, f.src2);
}

/* C0 /n ib, C1 /n ib */
bool x86_op_shift_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned c = (unsigned)in->imm & count_mask(x86_bw_size(in));
    shift_apply(ctx, in, ir_const32(ctx->ir, c), (int)c);
    return true;
}

/* D0 /n, D1 /n: by one */
bool x86_op_shift_one(X86Ctx *ctx, const X86Insn *in)
{
    shift_apply(ctx, in, ir_const32(ctx->ir, 1), 1);
    return true;
}

/* D2 /n, D3 /n: by CL */
bool x86_op_shift_cl(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp cl = x86_get_reg(ctx, in, X86_RCX, 1);
    IrTemp c = ir_andi(ctx->ir, cl, count_mask(x86_bw_size(in)));
    shift_apply(ctx, in, c, -1);
    return true;
}

/* ---- SHLD / SHRD ----------------------------------------------------------------- */

/* a shifted by count (0..63) with b's bits coming in: left (shld) takes
 * b's top bits, right (shrd) its low bits. */
static IrTemp double_shift(X86Ctx *ctx, IrTemp a, IrTemp b, IrTemp count, unsigned size, bool left)
{
    IrBlock *ir = ctx->ir;
    if (size == 8) {
        IrTemp c = ir_ext_i32u(ir, count);
        IrTemp back = ir_sub(ir, ir_const64(ir, 64), c);
        IrTemp r = left ? ir_or(ir, ir_shl(ir, a, c), ir_shr(ir, b, back))
                        : ir_or(ir, ir_shr(ir, a, c), ir_shl(ir, b, back));
        return ir_movcond(ir, IR_EQ, c, ir_const64(ir, 0), a, r);
    }
    IrTemp wa = ir_ext_i32u(ir, a), wb = ir_ext_i32u(ir, b), c = ir_ext_i32u(ir, count);
    if (size == 4) {
        IrTemp r = left ? ir_shri(ir, ir_shl(ir, ir_or(ir, ir_shli(ir, wa, 32), wb), c), 32)
                        : ir_shr(ir, ir_or(ir, ir_shli(ir, wb, 32), wa), c);
        return x86_fit(ctx, r, 4);
    }
    /* 16 bits: a:b:a in 48 bits, so counts 17..31 go on as the hardware does */
    IrTemp aba = ir_or(ir, ir_or(ir, ir_shli(ir, wa, 32), ir_shli(ir, wb, 16)), wa);
    IrTemp r = left ? ir_shri(ir, ir_shl(ir, aba, c), 32) : ir_shr(ir, aba, c);
    return x86_fit(ctx, r, 2);
}

/* 0F A4 ib / A5 (CL): shld r/m, reg; 0F AC ib / AD (CL): shrd r/m, reg */
bool x86_op_shld_shrd(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = in->opsize, bits = 8 * size;
    bool left = in->opcode < 0xa8, by_cl = in->opcode & 1;
    int known = by_cl ? -1 : (int)((unsigned)in->imm & count_mask(size));
    IrTemp count = by_cl ? ir_andi(ir, x86_get_reg(ctx, in, X86_RCX, 1), count_mask(size))
                         : ir_const32(ir, (uint32_t)known);
    X86Operand o = x86_rm_operand(ctx, in, size);
    IrTemp a = x86_opd_get(ctx, in, &o), b = x86_get_reg(ctx, in, in->reg, size);
    IrTemp r = double_shift(ctx, a, b, count, size, left);
    x86_opd_set(ctx, in, &o, r);
    if (known == 0)
        return true;
    IrTemp last = double_shift(ctx, a, b, ir_sub(ir, count, ir_const32(ir, 1)), size, left);
    /* OF as for one step: SHL's rule on a; SHR's on a with b's low bit at the top */
    IrTemp of_src = left ? a : ir_xor(ir, a, ir_shl(ir, b, x86_const(ctx, size, bits - 1)));
    X86CcKind kind = left ? X86_CCK_SHL : X86_CCK_SHR;
    if (known > 0)
        x86_set_cc(ctx, kind, size, r, last, of_src);
    else
        x86_set_cc_unless_zero(ctx, count, kind, size, r, last, of_src);
    return true;
}
