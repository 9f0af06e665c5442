/* frontend/x86/int_ctl.c — control transfer: Jcc, JMP, CALL, RET, LOOP/
 * LOOPE/LOOPNE, JCXZ/JECXZ/JRCXZ, and the instructions that leave to the
 * exec loop: INT3, INT n, SYSCALL, the privileged ones (HLT, IN, OUT,
 * CLI, STI, ...) and UD0/UD1/UD2.
 *
 * A conditional branch ends the block with two chainable exits: slot 1
 * falls through, slot 0 is the branch target.
 */
#include "backend/exec.h"
#include "frontend/x86/int.h"

/* A branch target: next_pc + displacement, its rIP wrapped to the
 * operand size. */
static uint64_t branch_target(const X86Ctx *ctx, const X86Insn *in)
{
    return x86_ip_wrap(ctx, in->next_pc + (uint64_t)in->imm, in->opsize);
}

/* The return address a near call pushes: the next instruction's rIP. */
static IrTemp return_ip(X86Ctx *ctx, const X86Insn *in)
{
    return x86_ip_of(ctx, in->next_pc, in->opsize);
}

/* Branch to target when the flags condition / an IR comparison holds. */
static void branch_on_label(X86Ctx *ctx, const X86Insn *in, IrLabel taken, uint64_t target)
{
    x86_jump_const(ctx, 1, in->next_pc);
    ir_label(ctx->ir, taken);
    x86_jump_const(ctx, 0, target);
}

/* 70+cc rel8, 0F 80+cc rel16/32 */
bool x86_op_jcc(X86Ctx *ctx, const X86Insn *in)
{
    IrLabel taken = ir_new_label(ctx->ir);
    x86_gen_brcond(ctx, in->opcode & 15, taken);
    branch_on_label(ctx, in, taken, branch_target(ctx, in));
    return true;
}

/* EB rel8, E9 rel16/32 */
bool x86_op_jmp_rel(X86Ctx *ctx, const X86Insn *in)
{
    x86_jump_const(ctx, 0, branch_target(ctx, in));
    return true;
}

/* FF /4: jmp r/m */
bool x86_op_jmp_rm(X86Ctx *ctx, const X86Insn *in)
{
    x86_jump(ctx, x86_linear_pc(ctx, x86_get_rm(ctx, in, in->opsize)));
    return true;
}

/* E8 rel16/32: push the return address, jump */
bool x86_op_call_rel(X86Ctx *ctx, const X86Insn *in)
{
    x86_stack_push(ctx, in, in->opsize, return_ip(ctx, in));
    ir_push_ret(ctx->ir, in->next_pc);
    x86_jump_const(ctx, 0, branch_target(ctx, in));
    return true;
}

/* FF /2: call r/m (the target is read before the push moves rSP) */
bool x86_op_call_rm(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp target = x86_get_rm(ctx, in, in->opsize);
    x86_stack_push(ctx, in, in->opsize, return_ip(ctx, in));
    ir_push_ret(ctx->ir, in->next_pc);
    x86_jump(ctx, x86_linear_pc(ctx, target));
    return true;
}

/* C3 ret, C2 iw: ret and release iw more bytes */
bool x86_op_ret(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp target = x86_stack_pop(ctx, in, in->opsize);
    if (in->opcode == 0xc2 && in->imm) {
        unsigned ss = x86_stack_size(ctx);
        IrTemp sp = x86_get_reg(ctx, in, X86_RSP, ss);
        x86_set_reg(ctx, in, X86_RSP, ss, ir_add(ctx->ir, sp, x86_const(ctx, ss, (uint64_t)in->imm)));
    }
    ir_goto_ret(ctx->ir, x86_linear_pc(ctx, target));
    ctx->end_block = true;
    return true;
}

/* ---- counted branches: the counter is CX, ECX or RCX by address size ---- */

/* E2 loop, E1 loope, E0 loopne: count down, branch while not 0 (and ZF). */
bool x86_op_loop(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned as = in->adsize;
    IrTemp count = x86_fit(ctx, ir_sub(ir, x86_get_reg(ctx, in, X86_RCX, as), x86_const(ctx, as, 1)), as);
    x86_set_reg(ctx, in, X86_RCX, as, count);
    IrLabel taken = ir_new_label(ir), fall = ir_new_label(ir);
    if (in->opcode != 0xe2) /* loope: needs ZF = 1; loopne: ZF = 0 */
        x86_gen_brcond(ctx, in->opcode == 0xe1 ? X86_COND_NE : X86_COND_E, fall);
    ir_brcond(ir, IR_NE, count, x86_const(ctx, as, 0), taken);
    ir_label(ir, fall);
    branch_on_label(ctx, in, taken, branch_target(ctx, in));
    return true;
}

/* E3: jcxz / jecxz / jrcxz */
bool x86_op_jcxz(X86Ctx *ctx, const X86Insn *in)
{
    IrLabel taken = ir_new_label(ctx->ir);
    unsigned as = in->adsize;
    ir_brcond(ctx->ir, IR_EQ, x86_get_reg(ctx, in, X86_RCX, as), x86_const(ctx, as, 0), taken);
    branch_on_label(ctx, in, taken, branch_target(ctx, in));
    return true;
}

/* ---- leaving to the exec loop ------------------------------------------------ */

/* CC int3: SIGTRAP with pc after it */
bool x86_op_int3(X86Ctx *ctx, const X86Insn *in)
{
    if (ctx->sys)
        return x86_sys_op_int(ctx, in);
    x86_set_pc_exit(ctx, in->next_pc, EXIT_TRAP);
    return true;
}

/* CD ib: int 0x80 is the i386 system call; any other vector is #GP. */
bool x86_op_int_n(X86Ctx *ctx, const X86Insn *in)
{
    if (ctx->sys)
        return x86_sys_op_int(ctx, in);
    if (!ctx->long_mode && (in->imm & 0xff) == 0x80)
        x86_set_pc_exit(ctx, in->next_pc, EXIT_SYSCALL);
    else
        x86_raise(ctx, EXIT_PRIV);
    return true;
}

/* 0F 05 syscall (64-bit): RCX = return address, R11 = RFLAGS. */
bool x86_op_syscall(X86Ctx *ctx, const X86Insn *in)
{
    if (ctx->sys)
        return x86_sys_op_syscall(ctx, in);
    IrBlock *ir = ctx->ir;
    IrTemp rflags = ir_or(ir, x86_gen_status_flags(ctx), ir_ld_env(ir, IR_I32, X86_OFF(eflags)));
    x86_set_reg(ctx, in, X86_RCX, 8, ir_const64(ir, in->next_pc));
    x86_set_reg(ctx, in, X86_R11, 8, ir_ext_i32u(ir, rflags));
    x86_set_pc_exit(ctx, in->next_pc, EXIT_SYSCALL);
    return true;
}

/* HLT, IN, OUT, INS, OUTS, CLI, STI, ...: #GP in user mode, at the instruction. */
bool x86_op_privileged(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    x86_raise(ctx, EXIT_PRIV);
    return true;
}

/* 0F 0B ud2, 0F B9 ud1, 0F FF ud0: #UD by definition. */
bool x86_op_ud(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx, (void)in;
    return false;
}
