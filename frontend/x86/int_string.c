/* frontend/x86/int_string.c — the string instructions MOVS CMPS STOS LODS
 * SCAS (A4-AF), alone or with REP / REPE / REPNE.
 *
 * rSI/rDI/rCX are SI/ESI/RSI... by address size; they step by the operand
 * size, down when EFLAGS.DF is set (read at run time). A REP form is one
 * loop inside the block: each iteration does its loads and stores first
 * and then updates the registers, so a fault in iteration k leaves the
 * state of an instruction stopped after k - 1 iterations, as the
 * hardware's is.
 *
 *   loop:  if rCX == 0 goto done
 *          one iteration; rCX -= 1
 *          CMPS/SCAS: REPE stops when not equal, REPNE when equal
 *          goto loop
 *   done:
 */
#include "frontend/x86/int.h"

typedef enum X86StringOp { STR_MOVS, STR_CMPS, STR_STOS, STR_LODS, STR_SCAS } X86StringOp;

/* A4/A5 movs, A6/A7 cmps, AA/AB stos, AC/AD lods, AE/AF scas */
static X86StringOp string_op(const X86Insn *in)
{
    static const X86StringOp by_pair[6] = {STR_MOVS, STR_CMPS, 0, STR_STOS, STR_LODS, STR_SCAS};
    return by_pair[((in->opcode - 0xa4) >> 1) % 6];
}

typedef struct StringCtx {
    const X86Insn *in;
    X86StringOp op;
    unsigned size;  /* operand */
    IrTemp step;    /* +size or -size, in ctx->aty */
} StringCtx;

/* An index register (address size) as an offset of ctx->aty. */
static IrTemp index_reg(X86Ctx *ctx, const X86Insn *in, unsigned reg)
{
    IrTemp v = x86_get_reg(ctx, in, reg, in->adsize);
    return ctx->aty == IR_I64 && in->adsize < 8 ? ir_ext_i32u(ctx->ir, v) : v;
}

static void advance(X86Ctx *ctx, const StringCtx *s, unsigned reg, IrTemp value)
{
    x86_set_reg(ctx, s->in, reg, s->in->adsize, x86_fit(ctx, ir_add(ctx->ir, value, s->step), s->in->adsize));
}

/* One iteration; for CMPS/SCAS returns the two compared values in a, b. */
static void iteration(X86Ctx *ctx, const StringCtx *s, IrTemp *a, IrTemp *b)
{
    const X86Insn *in = s->in;
    bool uses_si = s->op == STR_MOVS || s->op == STR_CMPS || s->op == STR_LODS;
    bool uses_di = s->op != STR_LODS;
    IrTemp si = uses_si ? index_reg(ctx, in, X86_RSI) : 0;
    IrTemp di = uses_di ? index_reg(ctx, in, X86_RDI) : 0;
    IrTemp src = uses_si ? x86_seg_addr(ctx, in, X86_DS, true, si) : 0;
    IrTemp dst = uses_di ? x86_seg_addr(ctx, in, X86_ES, false, di) : 0;
    switch (s->op) {
    case STR_MOVS: x86_st(ctx, dst, s->size, x86_ld(ctx, src, s->size)); break;
    case STR_STOS: x86_st(ctx, dst, s->size, x86_get_reg(ctx, in, X86_RAX, s->size)); break;
    case STR_LODS: x86_set_reg(ctx, in, X86_RAX, s->size, x86_ld(ctx, src, s->size)); break;
    case STR_CMPS:
        *a = x86_ld(ctx, src, s->size);
        *b = x86_ld(ctx, dst, s->size);
        break;
    case STR_SCAS:
        *a = x86_get_reg(ctx, in, X86_RAX, s->size);
        *b = x86_ld(ctx, dst, s->size);
        break;
    }
    if (s->op == STR_CMPS || s->op == STR_SCAS)
        x86_set_cc(ctx, X86_CCK_SUB, s->size, x86_fit(ctx, ir_sub(ctx->ir, *a, *b), s->size), *b, *a);
    if (uses_si)
        advance(ctx, s, X86_RSI, si);
    if (uses_di)
        advance(ctx, s, X86_RDI, di);
}

/* +size, or -size when DF is set. */
static IrTemp direction_step(X86Ctx *ctx, unsigned size)
{
    IrBlock *ir = ctx->ir;
    IrTemp df = ir_andi(ir, ir_ld_env(ir, IR_I32, X86_OFF(eflags)), X86_DF);
    IrTemp up = ir_const(ir, ctx->aty, size), down = ir_const(ir, ctx->aty, (uint64_t)-(int64_t)size);
    if (ctx->aty == IR_I64)
        df = ir_ext_i32u(ir, df);
    return ir_movcond(ir, IR_NE, df, ir_const(ir, ctx->aty, 0), down, up);
}

static void repeated(X86Ctx *ctx, const StringCtx *s)
{
    IrBlock *ir = ctx->ir;
    const X86Insn *in = s->in;
    unsigned as = in->adsize;
    bool compares = s->op == STR_CMPS || s->op == STR_SCAS;
    IrLabel loop = ir_new_label(ir), done = ir_new_label(ir);
    ir_label(ir, loop);
    IrTemp count = x86_get_reg(ctx, in, X86_RCX, as);
    ir_brcond(ir, IR_EQ, count, x86_const(ctx, as, 0), done);
    IrTemp a = 0, b = 0;
    iteration(ctx, s, &a, &b);
    x86_set_reg(ctx, in, X86_RCX, as, x86_fit(ctx, ir_sub(ir, count, x86_const(ctx, as, 1)), as));
    if (compares) /* F3: repeat while equal; F2: while not equal */
        ir_brcond(ir, in->mp == X86_MP_F2 ? IR_EQ : IR_NE, a, b, done);
    ir_br(ir, loop);
    ir_label(ir, done);
    x86_cc_forget(ctx); /* zero iterations keep the flags as they were */
}

bool x86_op_string(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = x86_bw_size(in);
    StringCtx s = {in, string_op(in), size, direction_step(ctx, size)};
    if (in->pfx & (X86_PFX_REP | X86_PFX_REPNE)) {
        repeated(ctx, &s);
    } else {
        IrTemp a, b;
        iteration(ctx, &s, &a, &b);
    }
    return true;
}
