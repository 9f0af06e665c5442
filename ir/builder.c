/* ir/builder.c — IrBlock storage (blocks, temps, labels) and the builder
 * calls frontends use to append instructions. The builder records exactly
 * what it is asked; simplification is the optimizer's job (ir/opt.c). */
#include <string.h>

#include <glib.h>

#include "ir/ir.h"

void ir_block_init(IrBlock *b, uint64_t pc, uint32_t tb_flags)
{
    memset(b, 0, sizeof(*b));
    b->cap = 64;
    b->insns = g_new(IrInsn, b->cap);
    b->temp_cap = 64;
    b->temp_type = g_new0(uint8_t, b->temp_cap);
    b->pc = pc;
    b->tb_flags = tb_flags;
}

void ir_block_reset(IrBlock *b, uint64_t pc, uint32_t tb_flags)
{
    b->ninsns = 0;
    b->ntemps = 0;
    b->nlabels = 0;
    b->pc = pc;
    b->tb_flags = tb_flags;
    b->guest_insns = 0;
    b->guest_size = 0;
}

void ir_block_free(IrBlock *b)
{
    g_free(b->insns);
    g_free(b->temp_type);
    memset(b, 0, sizeof(*b));
}

IrTemp ir_new_temp(IrBlock *b, IrType type)
{
    if (b->ntemps + 1 >= b->temp_cap) {
        b->temp_cap = b->temp_cap ? b->temp_cap * 2 : 64;
        b->temp_type = g_renew(uint8_t, b->temp_type, b->temp_cap);
    }
    IrTemp t = ++b->ntemps;
    b->temp_type[t] = (uint8_t)type;
    return t;
}

IrLabel ir_new_label(IrBlock *b)
{
    return b->nlabels++;
}

uint32_t ir_emit(IrBlock *b, IrInsn insn)
{
    if (b->ninsns == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->insns = g_renew(IrInsn, b->insns, b->cap);
    }
    b->insns[b->ninsns] = insn;
    return b->ninsns++;
}

/* One instruction with up to one result; returns the result temp (or 0). */
static IrTemp emit_def(IrBlock *b, IrOpcode op, IrType type, IrType result,
                       IrTemp a, IrTemp c, IrTemp d, int64_t imm, uint8_t aux)
{
    IrInsn insn = {.op = (uint16_t)op, .type = (uint8_t)type, .aux = aux, .imm = imm};
    insn.use[0] = a;
    insn.use[1] = c;
    insn.use[2] = d;
    insn.def[0] = ir_new_temp(b, result);
    ir_emit(b, insn);
    return insn.def[0];
}

static void emit_side(IrBlock *b, IrOpcode op, IrType type, IrTemp a, IrTemp c,
                      int64_t imm, uint8_t aux)
{
    IrInsn insn = {.op = (uint16_t)op, .type = (uint8_t)type, .aux = aux, .imm = imm};
    insn.use[0] = a;
    insn.use[1] = c;
    ir_emit(b, insn);
}

IrTemp ir_const(IrBlock *b, IrType type, uint64_t bits)
{
    if (type == IR_I32 || type == IR_F32)
        bits &= 0xffffffffu;
    return emit_def(b, IR_OP_const, type, type, 0, 0, 0, (int64_t)bits, 0);
}

IrTemp ir_const_f64(IrBlock *b, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof(bits));
    return ir_const(b, IR_F64, bits);
}

IrTemp ir_mov(IrBlock *b, IrTemp a)
{
    IrType t = ir_temp_type(b, a);
    return emit_def(b, IR_OP_mov, t, t, a, 0, 0, 0, 0);
}

void ir_mov_to(IrBlock *b, IrTemp dst, IrTemp src)
{
    IrInsn insn = {.op = IR_OP_mov, .type = (uint8_t)ir_temp_type(b, dst)};
    insn.def[0] = dst;
    insn.use[0] = src;
    ir_emit(b, insn);
}

IrTemp ir_ld_env(IrBlock *b, IrType type, uint32_t offset)
{
    return emit_def(b, IR_OP_ld_env, type, type, 0, 0, 0, offset, 0);
}

void ir_st_env(IrBlock *b, IrType type, uint32_t offset, IrTemp value)
{
    emit_side(b, IR_OP_st_env, type, value, 0, offset, 0);
}

/* Result type of a one-operand op: the width changes name their result,
 * everything else keeps the operand's type. */
static IrType op1_result(IrOpcode op, IrType a)
{
    switch (op) {
    case IR_OP_ext_i32s:
    case IR_OP_ext_i32u:
        return IR_I64;
    case IR_OP_trunc_i64:
        return IR_I32;
    default:
        return a;
    }
}

IrTemp ir_op1(IrBlock *b, IrOpcode op, IrTemp a)
{
    IrType t = op1_result(op, ir_temp_type(b, a));
    return emit_def(b, op, t, t, a, 0, 0, 0, 0);
}

IrTemp ir_op2(IrBlock *b, IrOpcode op, IrTemp a, IrTemp c)
{
    IrType t = ir_temp_type(b, a);
    IrType r = op == IR_OP_fsetcond ? IR_I32 : t;
    return emit_def(b, op, t, r, a, c, 0, 0, 0);
}

IrTemp ir_op3(IrBlock *b, IrOpcode op, IrTemp a, IrTemp c, IrTemp d)
{
    IrType t = ir_temp_type(b, a);
    return emit_def(b, op, t, t, a, c, d, 0, 0);
}

IrTemp ir_opi(IrBlock *b, IrOpcode op, IrTemp a, uint64_t imm)
{
    IrTemp k = ir_const(b, ir_temp_type(b, a), imm);
    return ir_op2(b, op, a, k);
}

IrTemp ir_ext_i32s(IrBlock *b, IrTemp a) { return ir_op1(b, IR_OP_ext_i32s, a); }
IrTemp ir_ext_i32u(IrBlock *b, IrTemp a) { return ir_op1(b, IR_OP_ext_i32u, a); }
IrTemp ir_trunc_i64(IrBlock *b, IrTemp a) { return ir_op1(b, IR_OP_trunc_i64, a); }

IrTemp ir_extract(IrBlock *b, IrTemp a, unsigned pos, unsigned len)
{
    IrType t = ir_temp_type(b, a);
    return emit_def(b, IR_OP_extract, t, t, a, 0, 0, (int64_t)(pos | len << 8), 0);
}

IrTemp ir_sextract(IrBlock *b, IrTemp a, unsigned pos, unsigned len)
{
    IrType t = ir_temp_type(b, a);
    return emit_def(b, IR_OP_sextract, t, t, a, 0, 0, (int64_t)(pos | len << 8), 0);
}

IrTemp ir_deposit(IrBlock *b, IrTemp a, IrTemp field, unsigned pos, unsigned len)
{
    IrType t = ir_temp_type(b, a);
    return emit_def(b, IR_OP_deposit, t, t, a, field, 0, (int64_t)(pos | len << 8), 0);
}

IrTemp ir_addc(IrBlock *b, IrTemp a, IrTemp c, IrTemp carry_in, IrTemp *carry_out)
{
    IrType t = ir_temp_type(b, a);
    IrInsn insn = {.op = IR_OP_addc, .type = (uint8_t)t};
    insn.use[0] = a;
    insn.use[1] = c;
    insn.use[2] = carry_in;
    insn.def[0] = ir_new_temp(b, t);
    insn.def[1] = ir_new_temp(b, t);
    ir_emit(b, insn);
    if (carry_out)
        *carry_out = insn.def[1];
    return insn.def[0];
}

IrTemp ir_setcond(IrBlock *b, IrCond cond, IrTemp a, IrTemp c)
{
    IrType t = ir_temp_type(b, a);
    return emit_def(b, IR_OP_setcond, t, t, a, c, 0, 0, (uint8_t)cond);
}

IrTemp ir_movcond(IrBlock *b, IrCond cond, IrTemp a, IrTemp c, IrTemp if_true, IrTemp if_false)
{
    IrType t = ir_temp_type(b, a);
    IrInsn insn = {.op = IR_OP_movcond, .type = (uint8_t)t, .aux = (uint8_t)cond};
    insn.use[0] = a;
    insn.use[1] = c;
    insn.use[2] = if_true;
    insn.use[3] = if_false;
    insn.def[0] = ir_new_temp(b, t);
    ir_emit(b, insn);
    return insn.def[0];
}

IrTemp ir_fsetcond(IrBlock *b, IrFCond cond, IrTemp a, IrTemp c)
{
    IrType t = ir_temp_type(b, a);
    return emit_def(b, IR_OP_fsetcond, t, IR_I32, a, c, 0, 0, (uint8_t)cond);
}

void ir_label(IrBlock *b, IrLabel l)
{
    emit_side(b, IR_OP_label, IR_I32, 0, 0, l, 0);
}

void ir_br(IrBlock *b, IrLabel l)
{
    emit_side(b, IR_OP_br, IR_I32, 0, 0, l, 0);
}

void ir_brcond(IrBlock *b, IrCond cond, IrTemp a, IrTemp c, IrLabel l)
{
    emit_side(b, IR_OP_brcond, ir_temp_type(b, a), a, c, l, (uint8_t)cond);
}

IrTemp ir_ld(IrBlock *b, IrType type, IrMemop mo, IrTemp addr)
{
    return emit_def(b, IR_OP_ld, type, type, addr, 0, 0, 0, (uint8_t)mo);
}

void ir_st(IrBlock *b, IrMemop mo, IrTemp addr, IrTemp value)
{
    emit_side(b, IR_OP_st, ir_temp_type(b, value), addr, value, 0, (uint8_t)mo);
}

IrTemp ir_cmpxchg(IrBlock *b, IrMemop mo, IrTemp addr, IrTemp expected, IrTemp newval)
{
    IrType t = ir_temp_type(b, expected);
    return emit_def(b, IR_OP_cmpxchg, t, t, addr, expected, newval, 0, (uint8_t)mo);
}

void ir_fence(IrBlock *b)
{
    emit_side(b, IR_OP_fence, IR_I32, 0, 0, 0, 0);
}

IrTemp ir_call(IrBlock *b, const IrHelper *helper, const IrTemp *args)
{
    IrInsn insn = {.op = IR_OP_call, .type = (uint8_t)(helper->has_ret ? helper->ret : IR_I32)};
    insn.helper = helper;
    for (unsigned i = 0; i < helper->nargs && i < IR_HELPER_MAX_ARGS; i++)
        insn.use[i] = args[i];
    if (helper->has_ret)
        insn.def[0] = ir_new_temp(b, helper->ret);
    ir_emit(b, insn);
    return insn.def[0];
}

IrTemp ir_cvt(IrBlock *b, IrOpcode op, IrType result, IrTemp a, int64_t imm)
{
    return emit_def(b, op, result, result, a, 0, 0, imm, 0);
}

IrTemp ir_bitcast(IrBlock *b, IrType result, IrTemp a)
{
    return emit_def(b, IR_OP_bitcast, result, result, a, 0, 0, 0, 0);
}

void ir_insn_start(IrBlock *b, uint64_t guest_pc)
{
    emit_side(b, IR_OP_insn_start, IR_I64, 0, 0, (int64_t)guest_pc, 0);
}

void ir_goto_tb(IrBlock *b, unsigned slot, uint64_t target_pc)
{
    emit_side(b, IR_OP_goto_tb, IR_I64, 0, 0, (int64_t)target_pc, (uint8_t)slot);
}

void ir_goto_ptr(IrBlock *b, IrTemp target_pc)
{
    emit_side(b, IR_OP_goto_ptr, ir_temp_type(b, target_pc), target_pc, 0, 0, 0);
}

void ir_push_ret(IrBlock *b, uint64_t return_pc)
{
    emit_side(b, IR_OP_push_ret, IR_I64, 0, 0, (int64_t)return_pc, 0);
}

void ir_goto_ret(IrBlock *b, IrTemp target_pc)
{
    emit_side(b, IR_OP_goto_ptr, ir_temp_type(b, target_pc), target_pc, 0, 0, IR_GOTO_RETURN);
}

void ir_exit(IrBlock *b, int reason)
{
    emit_side(b, IR_OP_exit, IR_I32, 0, 0, reason, 0);
}
