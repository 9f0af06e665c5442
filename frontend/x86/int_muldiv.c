/* frontend/x86/int_muldiv.c — multiplication and division: MUL, IMUL
 * (one operand: F6/F7 /4 /5; two: 0F AF; three: 69, 6B), DIV and IDIV
 * (F6/F7 /6 /7, in a helper that raises #DE — EXIT_FPE with FPE_INTDIV —
 * for a zero divisor or a quotient that does not fit).
 *
 * CF = OF = "the high half carries information" (MUL: it is not zero;
 * IMUL: it is not the sign extension of the low half); SF ZF PF from the
 * low half, AF 0 (all four undefined in the manual).
 */
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"

typedef struct X86Product {
    IrTemp low, high;   /* of x86_type(size), each `size` wide */
    IrTemp overflow;    /* 0/1 in x86_type(size) */
} X86Product;

/* a * b of `size` (values as x86_get_reg gives them), double width. */
static X86Product multiply(X86Ctx *ctx, IrTemp a, IrTemp b, unsigned size, bool is_signed)
{
    IrBlock *ir = ctx->ir;
    X86Product p;
    if (size == 8) {
        p.low = ir_op2(ir, IR_OP_mul, a, b);
        p.high = ir_op2(ir, is_signed ? IR_OP_mulhs : IR_OP_mulhu, a, b);
        IrTemp expect = is_signed ? ir_sari(ir, p.low, 63) : ir_const64(ir, 0);
        p.overflow = ir_setcond(ir, IR_NE, p.high, expect);
        return p;
    }
    /* 8/16 bits in an i32, 32 bits in an i64 */
    unsigned wide = size == 4 ? 8 : 4;
    IrTemp wa = is_signed ? x86_sext(ctx, a, size, wide) : x86_fit(ctx, a, wide);
    IrTemp wb = is_signed ? x86_sext(ctx, b, size, wide) : x86_fit(ctx, b, wide);
    IrTemp full = ir_op2(ir, IR_OP_mul, wa, wb);
    p.low = x86_fit(ctx, full, size);
    p.high = x86_fit(ctx, ir_shri(ir, full, 8 * size), size);
    if (is_signed)
        p.overflow = x86_fit(ctx, ir_setcond(ir, IR_NE, full, x86_sext(ctx, p.low, size, wide)), size);
    else
        p.overflow = ir_setcond(ir, IR_NE, p.high, x86_const(ctx, size, 0));
    return p;
}

/* F6/F7 /4 mul, /5 imul: AX = AL * r/m8, DX:AX, EDX:EAX, RDX:RAX = eAX * r/m */
bool x86_op_mul_acc(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    bool is_signed = (in->modrm >> 3) & 1;
    IrTemp b = x86_get_rm(ctx, in, size);
    X86Product p = multiply(ctx, x86_get_reg(ctx, in, X86_RAX, size), b, size, is_signed);
    if (size == 1) {
        IrTemp ax = ir_or(ctx->ir, p.low, ir_shli(ctx->ir, p.high, 8));
        x86_set_reg(ctx, in, X86_RAX, 2, ax);
    } else {
        x86_set_reg(ctx, in, X86_RAX, size, p.low);
        x86_set_reg(ctx, in, X86_RDX, size, p.high);
    }
    x86_set_cc(ctx, X86_CCK_MUL, size, p.low, p.overflow, 0);
    return true;
}

static void imul_into_reg(X86Ctx *ctx, const X86Insn *in, IrTemp a, IrTemp b)
{
    unsigned size = in->opsize;
    X86Product p = multiply(ctx, a, b, size, true);
    x86_set_reg(ctx, in, in->reg, size, p.low);
    x86_set_cc(ctx, X86_CCK_MUL, size, p.low, p.overflow, 0);
}

/* 0F AF /r: imul reg, r/m */
bool x86_op_imul_reg_rm(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp b = x86_get_rm(ctx, in, in->opsize);
    imul_into_reg(ctx, in, x86_get_reg(ctx, in, in->reg, in->opsize), b);
    return true;
}

/* 69 /r iz, 6B /r ib: imul reg, r/m, imm */
bool x86_op_imul_imm(X86Ctx *ctx, const X86Insn *in)
{
    imul_into_reg(ctx, in, x86_get_rm(ctx, in, in->opsize), x86_imm(ctx, in, in->opsize));
    return true;
}

/* F6/F7 /6 div, /7 idiv. The flags are undefined: left as they were. */
bool x86_op_div_acc(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    bool is_signed = (in->modrm >> 3) & 1;
    IrTemp args[2] = {x86_fit(ctx, x86_get_rm(ctx, in, size), 8), ir_const32(ctx->ir, size)};
    ir_call(ctx->ir, is_signed ? &x86_helper_idiv : &x86_helper_div, args);
    return true;
}
