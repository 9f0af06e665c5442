/* frontend/x86/int_alu.c — the two-operand arithmetic and logic family:
 * ADD OR ADC SBB AND SUB XOR CMP in all their encodings, TEST, NOT, NEG,
 * INC, DEC, and the exchanges XCHG, XADD, CMPXCHG, CMPXCHG8B/16B.
 *
 * A LOCK-prefixed read-modify-write of memory is a compare-and-swap loop
 * in IR: load, compute, cmpxchg, retry if memory changed meanwhile; the
 * flags come from the iteration that stored.
 */
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"

/* The eight operations of opcodes 00-3F and 80-83 /r, in encoding order. */
typedef enum X86AluOp { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP } X86AluOp;

typedef struct X86AluDesc {
    IrOpcode op;
    X86CcKind kind;
    bool carry_in;   /* adds/subtracts CF */
    bool writes;     /* stores its result (CMP does not) */
} X86AluDesc;

static const X86AluDesc alu_desc[8] = {
    [ALU_ADD] = {IR_OP_add, X86_CCK_ADD, false, true},
    [ALU_OR] = {IR_OP_or, X86_CCK_LOGIC, false, true},
    [ALU_ADC] = {IR_OP_add, X86_CCK_ADC, true, true},
    [ALU_SBB] = {IR_OP_sub, X86_CCK_SBB, true, true},
    [ALU_AND] = {IR_OP_and, X86_CCK_LOGIC, false, true},
    [ALU_SUB] = {IR_OP_sub, X86_CCK_SUB, false, true},
    [ALU_XOR] = {IR_OP_xor, X86_CCK_LOGIC, false, true},
    [ALU_CMP] = {IR_OP_sub, X86_CCK_SUB, false, false},
};

static IrTemp alu_compute(X86Ctx *ctx, const X86AluDesc *d, unsigned size, IrTemp a, IrTemp b, IrTemp cin)
{
    IrTemp r = ir_op2(ctx->ir, d->op, a, b);
    if (d->carry_in)
        r = ir_op2(ctx->ir, d->op, r, cin);
    return d->kind == X86_CCK_LOGIC ? r : x86_fit(ctx, r, size);
}

static void alu_flags(X86Ctx *ctx, const X86AluDesc *d, unsigned size, IrTemp a, IrTemp b, IrTemp cin, IrTemp r)
{
    if (d->kind == X86_CCK_LOGIC)
        x86_set_cc(ctx, X86_CCK_LOGIC, size, r, 0, 0);
    else if (d->carry_in)
        x86_set_cc(ctx, d->kind, size, r, b, cin);
    else if (d->kind == X86_CCK_SUB)
        x86_set_cc(ctx, X86_CCK_SUB, size, r, b, a);
    else
        x86_set_cc(ctx, d->kind, size, r, b, 0);
}

typedef struct AluArg {
    const X86AluDesc *d;
    IrTemp b, cin;
} AluArg;

static IrTemp alu_rmw_fn(X86Ctx *ctx, const void *arg, unsigned size, IrTemp old)
{
    const AluArg *x = arg;
    return alu_compute(ctx, x->d, size, old, x->b, x->cin);
}

/* dst = dst op b, with the flags; locked when the instruction says so. */
static void alu_apply(X86Ctx *ctx, const X86Insn *in, X86AluOp op, const X86Operand *dst, IrTemp b)
{
    const X86AluDesc *d = &alu_desc[op];
    unsigned size = dst->size;
    IrTemp cin = d->carry_in ? x86_gen_carry(ctx, size) : 0;
    IrTemp a, r;
    if ((in->pfx & X86_PFX_LOCK) && dst->mem && d->writes) {
        AluArg arg = {d, b, cin};
        a = x86_locked_rmw(ctx, dst, alu_rmw_fn, &arg, &r);
    } else {
        a = x86_opd_get(ctx, in, dst);
        r = alu_compute(ctx, d, size, a, b, cin);
        if (d->writes)
            x86_opd_set(ctx, in, dst, r);
    }
    alu_flags(ctx, d, size, a, b, cin, r);
}

static X86AluOp opcode_alu_op(const X86Insn *in)
{
    return (X86AluOp)((in->opcode >> 3) & 7);
}

static X86AluOp modrm_alu_op(const X86Insn *in)
{
    return (X86AluOp)((in->modrm >> 3) & 7);
}

/* xor r, r and sub r, r: 0 and the flags of 0 - 0, whatever r held (the
 * idiom compilers zero registers with). */
static bool zero_idiom(X86Ctx *ctx, const X86Insn *in, unsigned size)
{
    X86AluOp op = opcode_alu_op(in);
    if (x86_has_mem(in) || in->rm != in->reg || (op != ALU_XOR && op != ALU_SUB))
        return false;
    IrTemp zero = x86_const(ctx, size, 0);
    x86_set_reg(ctx, in, in->reg, size, zero);
    x86_set_cc(ctx, alu_desc[op].kind, size, zero, zero, zero);
    return true;
}

/* 00 /r, 01 /r, ...: op r/m, reg */
bool x86_op_alu_rm_reg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    if (zero_idiom(ctx, in, size))
        return true;
    X86Operand dst = x86_rm_operand(ctx, in, size);
    alu_apply(ctx, in, opcode_alu_op(in), &dst, x86_get_reg(ctx, in, in->reg, size));
    return true;
}

/* 02 /r, 03 /r, ...: op reg, r/m */
bool x86_op_alu_reg_rm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    if (zero_idiom(ctx, in, size))
        return true;
    X86Operand dst = x86_reg_operand(in->reg, size);
    alu_apply(ctx, in, opcode_alu_op(in), &dst, x86_get_rm(ctx, in, size));
    return true;
}

/* 04 ib, 05 iz, ...: op AL/eAX, imm */
bool x86_op_alu_acc_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    X86Operand dst = x86_reg_operand(X86_RAX, size);
    alu_apply(ctx, in, opcode_alu_op(in), &dst, x86_imm(ctx, in, size));
    return true;
}

/* 80 /n ib, 81 /n iz, 82 /n ib (i386), 83 /n ib sign-extended */
bool x86_op_alu_rm_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = (in->opcode == 0x81 || in->opcode == 0x83) ? in->opsize : 1;
    X86Operand dst = x86_rm_operand(ctx, in, size);
    alu_apply(ctx, in, modrm_alu_op(in), &dst, x86_imm(ctx, in, size));
    return true;
}

static void test_values(X86Ctx *ctx, unsigned size, IrTemp a, IrTemp b)
{
    x86_set_cc(ctx, X86_CCK_LOGIC, size, ir_and(ctx->ir, a, b), 0, 0);
}

/* 84 /r, 85 /r: test r/m, reg */
bool x86_op_test_rm_reg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    test_values(ctx, size, x86_get_rm(ctx, in, size), x86_get_reg(ctx, in, in->reg, size));
    return true;
}

/* A8 ib, A9 iz: test AL/eAX, imm */
bool x86_op_test_acc_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    test_values(ctx, size, x86_get_reg(ctx, in, X86_RAX, size), x86_imm(ctx, in, size));
    return true;
}

/* F6 /0 ib, F7 /0 iz (and the /1 aliases) */
bool x86_op_test_rm_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    test_values(ctx, size, x86_get_rm(ctx, in, size), x86_imm(ctx, in, size));
    return true;
}

/* ---- one-operand: NOT, NEG, INC, DEC --------------------------------------------- */

typedef enum X86UnaryOp { UN_NOT, UN_NEG, UN_INC, UN_DEC } X86UnaryOp;

static IrTemp unary_fn(X86Ctx *ctx, const void *arg, unsigned size, IrTemp old)
{
    IrBlock *ir = ctx->ir;
    switch (*(const X86UnaryOp *)arg) {
    case UN_NOT: return x86_fit(ctx, ir_not(ir, old), size);
    case UN_NEG: return x86_fit(ctx, ir_neg(ir, old), size);
    case UN_INC: return x86_fit(ctx, ir_add(ir, old, x86_const(ctx, size, 1)), size);
    default: return x86_fit(ctx, ir_sub(ir, old, x86_const(ctx, size, 1)), size);
    }
}

static void unary_apply(X86Ctx *ctx, const X86Insn *in, X86UnaryOp op, const X86Operand *o)
{
    unsigned size = o->size;
    IrTemp cf = (op == UN_INC || op == UN_DEC) ? x86_gen_carry(ctx, size) : 0;
    IrTemp old, new;
    if ((in->pfx & X86_PFX_LOCK) && o->mem) {
        old = x86_locked_rmw(ctx, o, unary_fn, &op, &new);
    } else {
        old = x86_opd_get(ctx, in, o);
        new = unary_fn(ctx, &op, size, old);
        x86_opd_set(ctx, in, o, new);
    }
    if (op == UN_NEG)
        x86_set_cc(ctx, X86_CCK_SUB, size, new, old, x86_const(ctx, size, 0));
    else if (op != UN_NOT)
        x86_set_cc(ctx, op == UN_INC ? X86_CCK_INC : X86_CCK_DEC, size, new, cf, 0);
}

/* F6/F7 /2 */
bool x86_op_not(X86Ctx *ctx, const X86Insn *in)
{
    X86Operand o = x86_rm_operand(ctx, in, x86_bw_size(in));
    unary_apply(ctx, in, UN_NOT, &o);
    return true;
}

/* F6/F7 /3 */
bool x86_op_neg(X86Ctx *ctx, const X86Insn *in)
{
    X86Operand o = x86_rm_operand(ctx, in, x86_bw_size(in));
    unary_apply(ctx, in, UN_NEG, &o);
    return true;
}

/* FE /0 /1, FF /0 /1 */
bool x86_op_incdec_rm(X86Ctx *ctx, const X86Insn *in)
{
    X86Operand o = x86_rm_operand(ctx, in, x86_bw_size(in));
    unary_apply(ctx, in, ((in->modrm >> 3) & 1) ? UN_DEC : UN_INC, &o);
    return true;
}

/* 40+r inc, 48+r dec (outside 64-bit mode) */
bool x86_op_incdec_reg(X86Ctx *ctx, const X86Insn *in)
{
    X86Operand o = x86_reg_operand(in->opcode & 7, in->opsize);
    unary_apply(ctx, in, (in->opcode & 8) ? UN_DEC : UN_INC, &o);
    return true;
}

/* ---- exchanges ---------------------------------------------------------------- */

static IrTemp replace_fn(X86Ctx *ctx, const void *arg, unsigned size, IrTemp old)
{
    (void)ctx, (void)size, (void)old;
    return *(const IrTemp *)arg;
}

static void exchange(X86Ctx *ctx, const X86Insn *in, const X86Operand *o, unsigned reg)
{
    IrTemp v = x86_get_reg(ctx, in, reg, o->size), old, new;
    if (o->mem) {
        old = x86_locked_rmw(ctx, o, replace_fn, &v, &new); /* xchg with memory is always atomic */
    } else {
        old = x86_opd_get(ctx, in, o);
        x86_opd_set(ctx, in, o, v);
    }
    x86_set_reg(ctx, in, reg, o->size, old);
}

/* 86 /r, 87 /r */
bool x86_op_xchg_rm(X86Ctx *ctx, const X86Insn *in)
{
    X86Operand o = x86_rm_operand(ctx, in, x86_bw_size(in));
    exchange(ctx, in, &o, in->reg);
    return true;
}

/* 90+r: xchg eAX, reg; 90 itself (no REX.B) is NOP, F3 90 PAUSE */
bool x86_op_xchg_acc(X86Ctx *ctx, const X86Insn *in)
{
    unsigned reg = (in->opcode & 7) | (in->rex & 1 ? 8 : 0);
    if (reg == X86_RAX)
        return true;
    X86Operand o = x86_reg_operand(reg, in->opsize);
    exchange(ctx, in, &o, X86_RAX);
    return true;
}

typedef struct XaddArg {
    IrTemp addend;
} XaddArg;

static IrTemp xadd_fn(X86Ctx *ctx, const void *arg, unsigned size, IrTemp old)
{
    return x86_fit(ctx, ir_add(ctx->ir, old, ((const XaddArg *)arg)->addend), size);
}

/* 0F C0 /r, 0F C1 /r: tmp = dst + src; src = dst; dst = tmp */
bool x86_op_xadd(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    X86Operand o = x86_rm_operand(ctx, in, size);
    XaddArg arg = {x86_get_reg(ctx, in, in->reg, size)};
    IrTemp old, sum;
    if ((in->pfx & X86_PFX_LOCK) && o.mem) {
        old = x86_locked_rmw(ctx, &o, xadd_fn, &arg, &sum);
        x86_set_reg(ctx, in, in->reg, size, old);
    } else {
        old = x86_opd_get(ctx, in, &o);
        sum = xadd_fn(ctx, &arg, size, old);
        x86_set_reg(ctx, in, in->reg, size, old);
        x86_opd_set(ctx, in, &o, sum);
    }
    x86_set_cc(ctx, X86_CCK_ADD, size, sum, arg.addend, 0);
    return true;
}

/* 0F B0 /r, 0F B1 /r: compare eAX with r/m; equal: r/m = reg, else eAX = r/m */
bool x86_op_cmpxchg(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = x86_bw_size(in);
    X86Operand o = x86_rm_operand(ctx, in, size);
    IrTemp acc = x86_get_reg(ctx, in, X86_RAX, size);
    IrTemp src = x86_get_reg(ctx, in, in->reg, size);
    IrTemp seen;
    IrLabel done = ir_new_label(ir), differ = ir_new_label(ir);
    if (o.mem) {
        seen = ir_cmpxchg(ir, x86_memop(ctx, size), o.addr, acc, src);
    } else {
        seen = x86_opd_get(ctx, in, &o);
    }
    x86_set_cc(ctx, X86_CCK_SUB, size, x86_fit(ctx, ir_sub(ir, acc, seen), size), seen, acc);
    ir_brcond(ir, IR_NE, seen, acc, differ);
    if (!o.mem)
        x86_opd_set(ctx, in, &o, src);
    ir_br(ir, done);
    ir_label(ir, differ);
    x86_set_reg(ctx, in, X86_RAX, size, seen);
    ir_label(ir, done);
    return true;
}

/* 0F C7 /1: cmpxchg8b m64 (EDX:EAX vs m64, ECX:EBX stored), with REX.W
 * cmpxchg16b m128 (a helper: the IR's cmpxchg is at most 64 bits). Only
 * ZF changes. */
bool x86_op_cmpxchg_double(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrTemp equal;
    if (x86_rex_w(in)) {
        IrTemp args[1] = {x86_ea(ctx, in)};
        equal = ir_call(ir, &x86_helper_cmpxchg16b, args);
    } else {
        IrTemp addr = x86_ea(ctx, in);
        IrTemp lo = ir_ext_i32u(ir, x86_get_reg(ctx, in, X86_RAX, 4));
        IrTemp hi = ir_ext_i32u(ir, x86_get_reg(ctx, in, X86_RDX, 4));
        IrTemp cmp = ir_or(ir, lo, ir_shli(ir, hi, 32));
        IrTemp nlo = ir_ext_i32u(ir, x86_get_reg(ctx, in, X86_RBX, 4));
        IrTemp nhi = ir_ext_i32u(ir, x86_get_reg(ctx, in, X86_RCX, 4));
        IrTemp seen = ir_cmpxchg(ir, x86_memop(ctx, 8), addr, cmp, ir_or(ir, nlo, ir_shli(ir, nhi, 32)));
        equal = ir_trunc_i64(ir, ir_setcond(ir, IR_EQ, seen, cmp));
        IrLabel done = ir_new_label(ir);
        ir_brcond(ir, IR_EQ, seen, cmp, done);
        x86_set_reg(ctx, in, X86_RAX, 4, ir_trunc_i64(ir, seen));
        x86_set_reg(ctx, in, X86_RDX, 4, ir_trunc_i64(ir, ir_shri(ir, seen, 32)));
        ir_label(ir, done);
    }
    IrTemp flags = ir_andi(ir, x86_gen_status_flags(ctx), ~(uint64_t)X86_ZF & 0xffffffffu);
    x86_gen_set_status_flags(ctx, ir_or(ir, flags, ir_shli(ir, equal, 6)));
    return true;
}
