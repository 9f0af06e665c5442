/* frontend/x86/int_mov.c — data movement: MOV in all its forms (r/m,
 * immediates, moffs, segment registers), MOVZX MOVSX MOVSXD, LEA, the
 * sign extensions CBW/CWDE/CDQE and CWD/CDQ/CQO, XLAT, and the
 * conditional moves and sets CMOVcc / SETcc.
 */
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"

/* 88 /r, 89 /r: mov r/m, reg */
bool x86_op_mov_rm_reg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    x86_set_rm(ctx, in, size, x86_get_reg(ctx, in, in->reg, size));
    return true;
}

/* 8A /r, 8B /r: mov reg, r/m */
bool x86_op_mov_reg_rm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    x86_set_reg(ctx, in, in->reg, size, x86_get_rm(ctx, in, size));
    return true;
}

/* C6 /0 ib, C7 /0 iz (sign-extended to 64 bits with REX.W) */
bool x86_op_mov_rm_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    x86_set_rm(ctx, in, size, x86_imm(ctx, in, size));
    return true;
}

/* B0+r ib, B8+r iv (imm64 with REX.W) */
bool x86_op_mov_reg_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = in->opcode < 0xb8 ? 1 : in->opsize;
    unsigned reg = (in->opcode & 7) | (in->rex & 1 ? 8 : 0);
    x86_set_reg(ctx, in, reg, size, x86_imm(ctx, in, size));
    return true;
}

/* A0 mov AL, moffs; A1 mov eAX, moffs; A2 mov moffs, AL; A3 mov moffs, eAX */
bool x86_op_mov_moffs(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    IrTemp addr = x86_seg_addr(ctx, in, X86_DS, true, x86_addr_const(ctx, (uint64_t)in->imm));
    if (in->opcode < 0xa2)
        x86_set_reg(ctx, in, X86_RAX, size, x86_ld(ctx, addr, size));
    else
        x86_st(ctx, addr, size, x86_get_reg(ctx, in, X86_RAX, size));
    return true;
}

static unsigned modrm_segment(const X86Insn *in)
{
    return (in->modrm >> 3) & 7;
}

/* 8C /r: mov r/m, Sreg (a register gets it zero-extended, memory 16 bits) */
bool x86_op_mov_from_seg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned seg = modrm_segment(in);
    if (seg >= X86_NSEGS)
        return false;
    IrTemp sel = ir_op1(ctx->ir, IR_OP_zext16, ir_ld_env(ctx->ir, IR_I32, X86_OFF(seg_sel) + 2 * seg));
    unsigned size = x86_has_mem(in) ? 2 : in->opsize;
    x86_set_rm(ctx, in, size, x86_fit(ctx, sel, size));
    return true;
}

/* 8E /r: mov Sreg, r/m16 (CS cannot be loaded this way: #UD) */
bool x86_op_mov_to_seg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned seg = modrm_segment(in);
    if (seg >= X86_NSEGS || seg == X86_CS)
        return false;
    if (ctx->sys) {
        x86_sys_gen_load_seg(ctx, seg, x86_get_rm(ctx, in, 2));
        x86_sys_end_segment_load(ctx, in);
        return true;
    }
    IrTemp args[2] = {ir_const32(ctx->ir, seg), x86_get_rm(ctx, in, 2)};
    ir_call(ctx->ir, &x86_helper_load_seg, args);
    return true;
}

/* 0F B6 movzx reg, r/m8; 0F B7 movzx reg, r/m16 */
bool x86_op_movzx(X86Ctx *ctx, const X86Insn *in)
{
    unsigned from = in->opcode == 0xb6 ? 1 : 2;
    x86_set_reg(ctx, in, in->reg, in->opsize, x86_fit(ctx, x86_get_rm(ctx, in, from), in->opsize));
    return true;
}

/* 0F BE movsx reg, r/m8; 0F BF movsx reg, r/m16 */
bool x86_op_movsx(X86Ctx *ctx, const X86Insn *in)
{
    unsigned from = in->opcode == 0xbe ? 1 : 2;
    x86_set_reg(ctx, in, in->reg, in->opsize, x86_sext(ctx, x86_get_rm(ctx, in, from), from, in->opsize));
    return true;
}

/* 63 /r (64-bit mode): movsxd reg, r/m32 (without REX.W a plain move) */
bool x86_op_movsxd(X86Ctx *ctx, const X86Insn *in)
{
    unsigned from = in->opsize == 2 ? 2 : 4;
    x86_set_reg(ctx, in, in->reg, in->opsize, x86_sext(ctx, x86_get_rm(ctx, in, from), from, in->opsize));
    return true;
}

/* 8D /r: lea reg, m — the offset, without a segment base */
bool x86_op_lea(X86Ctx *ctx, const X86Insn *in)
{
    x86_set_reg(ctx, in, in->reg, in->opsize, x86_fit(ctx, x86_ea_offset(ctx, in), in->opsize));
    return true;
}

/* 98: cbw (AX = AL sign-extended), cwde, cdqe */
bool x86_op_cbw(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = in->opsize, half = size / 2;
    x86_set_reg(ctx, in, X86_RAX, size, x86_sext(ctx, x86_get_reg(ctx, in, X86_RAX, half), half, size));
    return true;
}

/* 99: cwd (DX = the sign of AX), cdq, cqo */
bool x86_op_cwd(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = in->opsize;
    IrTemp a = x86_sext(ctx, x86_get_reg(ctx, in, X86_RAX, size), size, size < 8 ? 4 : 8);
    IrTemp sign = ir_sari(ctx->ir, a, size == 8 ? 63 : 31);
    x86_set_reg(ctx, in, X86_RDX, size, x86_fit(ctx, sign, size));
    return true;
}

/* D7: xlat — AL = [seg:rBX + AL] */
bool x86_op_xlat(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrTemp al = x86_get_reg(ctx, in, X86_RAX, 1);
    IrTemp bx = x86_get_reg(ctx, in, X86_RBX, in->adsize);
    if (ctx->aty == IR_I64) {
        al = ir_ext_i32u(ir, al);
        if (in->adsize < 8)
            bx = ir_ext_i32u(ir, bx);
    }
    IrTemp addr = x86_seg_addr(ctx, in, X86_DS, true, ir_add(ir, bx, al));
    x86_set_reg(ctx, in, X86_RAX, 1, x86_ld(ctx, addr, 1));
    return true;
}

/* 0F 40+cc: cmovcc reg, r/m — the source is read (and may fault) either
 * way, and a 32-bit destination is zero-extended either way. */
bool x86_op_cmovcc(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = in->opsize;
    IrTemp src = x86_get_rm(ctx, in, size);
    IrTemp old = x86_get_reg(ctx, in, in->reg, size);
    IrTemp cond = x86_fit(ctx, x86_gen_cond(ctx, in->opcode & 15), size);
    x86_set_reg(ctx, in, in->reg, size, ir_movcond(ir, IR_NE, cond, x86_const(ctx, size, 0), src, old));
    return true;
}

/* 0F 90+cc: setcc r/m8 */
bool x86_op_setcc(X86Ctx *ctx, const X86Insn *in)
{
    x86_set_rm(ctx, in, 1, x86_gen_cond(ctx, in->opcode & 15));
    return true;
}
