/* frontend/x86/int_common.c — the operand helpers the general-purpose
 * handlers share (int.h): r/m operands resolved once, immediates and
 * width changes, the stack, conditional exceptions.
 */
#include "backend/exec.h"
#include "frontend/x86/int.h"

X86Operand x86_rm_operand(X86Ctx *ctx, const X86Insn *in, unsigned size)
{
    if (!x86_has_mem(in))
        return (X86Operand){.reg = in->rm, .size = size};
    return (X86Operand){.mem = true, .addr = x86_ea(ctx, in), .size = size};
}

X86Operand x86_reg_operand(unsigned reg, unsigned size)
{
    return (X86Operand){.reg = reg, .size = size};
}

IrTemp x86_opd_get(X86Ctx *ctx, const X86Insn *in, const X86Operand *o)
{
    if (o->mem)
        return x86_ld(ctx, o->addr, o->size);
    return x86_get_reg(ctx, in, o->reg, o->size);
}

void x86_opd_set(X86Ctx *ctx, const X86Insn *in, const X86Operand *o, IrTemp v)
{
    if (o->mem)
        x86_st(ctx, o->addr, o->size, v);
    else
        x86_set_reg(ctx, in, o->reg, o->size, v);
}

IrTemp x86_imm(X86Ctx *ctx, const X86Insn *in, unsigned size)
{
    return x86_const(ctx, size, (uint64_t)in->imm & x86_size_mask(size));
}

IrTemp x86_fit(X86Ctx *ctx, IrTemp v, unsigned size)
{
    IrBlock *ir = ctx->ir;
    if (size == 8)
        return ir_temp_type(ir, v) == IR_I64 ? v : ir_ext_i32u(ir, v);
    if (ir_temp_type(ir, v) == IR_I64)
        v = ir_trunc_i64(ir, v);
    if (size == 1)
        return ir_op1(ir, IR_OP_zext8, v);
    if (size == 2)
        return ir_op1(ir, IR_OP_zext16, v);
    return v;
}

IrTemp x86_sext(X86Ctx *ctx, IrTemp v, unsigned size, unsigned to)
{
    IrBlock *ir = ctx->ir;
    if (size == 1)
        v = ir_op1(ir, IR_OP_sext8, v);
    else if (size == 2)
        v = ir_op1(ir, IR_OP_sext16, v);
    if (to == 8 && size < 8)
        return ir_ext_i32s(ir, v);
    return to < 4 ? x86_fit(ctx, v, to) : v;
}

/* ---- the stack ------------------------------------------------------------- */

/* Linux user mode: SS is a flat 32-bit segment (i386) or the 64-bit
 * stack. System mode: SS.B picks SP or ESP outside 64-bit mode. */
unsigned x86_stack_size(const X86Ctx *ctx)
{
    if (ctx->long_mode)
        return 8;
    return ctx->sys && !ctx->ss32 ? 2 : 4;
}

IrTemp x86_stack_addr(X86Ctx *ctx, IrTemp sp)
{
    if (!ctx->sys)
        return sp;
    X86Insn plain = {.seg = X86_SS, .adsize = (uint8_t)x86_stack_size(ctx)};
    return x86_seg_addr(ctx, &plain, X86_SS, false, sp);
}

void x86_stack_push(X86Ctx *ctx, const X86Insn *in, unsigned size, IrTemp v)
{
    unsigned ss = x86_stack_size(ctx);
    IrTemp sp = x86_get_reg(ctx, in, X86_RSP, ss);
    IrTemp new_sp = x86_fit(ctx, ir_sub(ctx->ir, sp, x86_const(ctx, ss, size)), ss);
    x86_st(ctx, x86_stack_addr(ctx, new_sp), size, v); /* before rSP moves: a fault leaves it as it was */
    x86_set_reg(ctx, in, X86_RSP, ss, new_sp);
}

IrTemp x86_stack_pop(X86Ctx *ctx, const X86Insn *in, unsigned size)
{
    unsigned ss = x86_stack_size(ctx);
    IrTemp sp = x86_get_reg(ctx, in, X86_RSP, ss);
    IrTemp v = x86_ld(ctx, x86_stack_addr(ctx, sp), size);
    x86_set_reg(ctx, in, X86_RSP, ss, ir_add(ctx->ir, sp, x86_const(ctx, ss, size)));
    return v;
}

/* ---- exceptions -------------------------------------------------------------- */

void x86_raise_if(X86Ctx *ctx, IrCond cond, IrTemp a, IrTemp b, int reason, int code)
{
    IrBlock *ir = ctx->ir;
    IrLabel go_on = ir_new_label(ir);
    ir_brcond(ir, ir_cond_invert(cond), a, b, go_on);
    ir_st_env(ir, IR_I32, offsetof(CpuCommon, exception_code), ir_const32(ir, (uint32_t)code));
    ir_st_env(ir, IR_I64, offsetof(CpuCommon, pc), ir_const64(ir, ctx->pc));
    ir_exit(ir, reason);
    ir_label(ir, go_on);
}

/* ---- atomics ----------------------------------------------------------------- */

IrTemp x86_locked_rmw(X86Ctx *ctx, const X86Operand *o, X86RmwFn fn, const void *arg, IrTemp *new_out)
{
    IrBlock *ir = ctx->ir;
    IrLabel retry = ir_new_label(ir);
    ir_label(ir, retry);
    IrTemp old = x86_ld(ctx, o->addr, o->size);
    IrTemp new = fn(ctx, arg, o->size, old);
    IrTemp seen = ir_cmpxchg(ir, x86_memop(ctx, o->size), o->addr, old, new);
    ir_brcond(ir, IR_NE, seen, old, retry);
    *new_out = new;
    return old;
}
