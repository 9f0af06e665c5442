/* frontend/x86/x87_fast.c — the inline fast path of the common x87
 * instructions: the host's x87 on the guest's register slots through the
 * IR's x87 ops (ir/ir.h IrX87Kind), with the exact helper kept as the
 * slow path. One instruction becomes
 *
 *       top, tags, cw|sw = ld_env fptop, fptag, fpuc      (x87_fast_begin)
 *       brcond (control word != host's, or a tag check fails) -> slow
 *       ... x87 ops on env + st_phys + 16 * ((top + i) & 7) ...
 *       st_env fptop, fptag, fpuc|fpus, fpip                (x87_fast_else)
 *       br done
 *   slow:
 *       the exact helper call of the instruction
 *   done:                                                   (x87_fast_end)
 *
 * The fast path runs only when the guest's control word is the host's
 * (IR_X87_HOST_CW: 64-bit precision, nearest, all exceptions masked), so
 * the host's results and flags are the guest's, and only when the
 * operands are present (and a push has room): every stack fault, every
 * other precision or rounding takes the helper, which knows the rules.
 * Status: the host's sticky exception flags are OR-ed into fpus (the
 * host's flags are always a subset of the guest's: x87_stack.c) and the
 * condition bits the instruction defines are replaced, as
 * x87_merge_status does.
 */
#include "frontend/x86/x87.h"

#if defined(__x86_64__)

/* What the fast path requires of the control word (bits compared) and the value. */
enum { CW_CHECKED = X87_CW_KEEP, CW_FAST = IR_X87_HOST_CW & X87_CW_KEEP };

void x87_fast_begin(X86Ctx *ctx, X87Fast *f, unsigned full, unsigned empty)
{
    IrBlock *b = ctx->ir;
    *f = (X87Fast){0};
    f->top = ir_ld_env(b, IR_I32, X86_OFF(fptop));
    f->tags = ir_ld_env(b, IR_I32, X86_OFF(fptag)); /* fptag | fpop << 16 */
    f->cwsw = ir_ld_env(b, IR_I32, X86_OFF(fpuc));  /* fpuc | fpus << 16 */
    f->slow = ir_new_label(b);
    f->done = ir_new_label(b);

    /* tags rotated so that bit i is ST(i)'s */
    IrTemp t8 = ir_andi(b, f->tags, 0xff);
    IrTemp rotated = ir_shr(b, ir_or(b, t8, ir_shli(b, t8, 8)), f->top);
    IrTemp tag_bad = ir_xori(b, ir_andi(b, rotated, full | empty), full);
    IrTemp cw_bad = ir_xori(b, ir_andi(b, f->cwsw, CW_CHECKED), CW_FAST);
    ir_brcond(b, IR_NE, ir_or(b, tag_bad, cw_bad), ir_const32(b, 0), f->slow);
}

IrTemp x87_fast_slot(X86Ctx *ctx, const X87Fast *f, unsigned i)
{
    IrBlock *b = ctx->ir;
    IrTemp phys = ir_andi(b, ir_addi(b, f->top, i), 7);
    return ir_addi(b, ir_shli(b, ir_ext_i32u(b, phys), 4), X86_OFF(st_phys));
}

void x87_fast_status(X86Ctx *ctx, X87Fast *f, IrTemp sw, uint16_t replaced)
{
    IrBlock *b = ctx->ir;
    IrTemp kept = ir_andi(b, f->cwsw, ~((uint32_t)replaced << 16));
    f->cwsw = kept;
    if (sw) {
        IrTemp bits = ir_andi(b, ir_trunc_i64(b, sw), replaced | X87_EXC_MASK);
        f->cwsw = ir_or(b, kept, ir_shli(b, bits, 16));
    }
    f->status_changed = true;
}

void x87_fast_push(X86Ctx *ctx, X87Fast *f)
{
    IrBlock *b = ctx->ir;
    f->top = ir_andi(b, ir_addi(b, f->top, 7), 7);
    f->tags = ir_or(b, f->tags, ir_shl(b, ir_const32(b, 1), f->top));
    f->stack_changed = true;
}

void x87_fast_mark_valid(X86Ctx *ctx, X87Fast *f, unsigned i)
{
    IrBlock *b = ctx->ir;
    IrTemp phys = ir_andi(b, ir_addi(b, f->top, i), 7);
    f->tags = ir_or(b, f->tags, ir_shl(b, ir_const32(b, 1), phys));
    f->stack_changed = true;
}

void x87_fast_pop(X86Ctx *ctx, X87Fast *f)
{
    IrBlock *b = ctx->ir;
    f->tags = ir_op2(b, IR_OP_andc, f->tags, ir_shl(b, ir_const32(b, 1), f->top));
    f->top = ir_andi(b, ir_addi(b, f->top, 1), 7);
    f->stack_changed = true;
}

void x87_fast_else(X86Ctx *ctx, X87Fast *f)
{
    IrBlock *b = ctx->ir;
    if (f->stack_changed) {
        ir_st_env(b, IR_I32, X86_OFF(fptop), f->top);
        ir_st_env(b, IR_I32, X86_OFF(fptag), f->tags);
    }
    if (f->status_changed)
        ir_st_env(b, IR_I32, X86_OFF(fpuc), f->cwsw);
    ir_st_env(b, IR_I64, X86_OFF(fpip), ir_const64(b, ctx->pc));
    ir_br(b, f->done);
    ir_label(b, f->slow);
}

void x87_fast_end(X86Ctx *ctx, X87Fast *f)
{
    ir_label(ctx->ir, f->done);
}

IrTemp x87_fast_rr(X86Ctx *ctx, IrX87Kind kind, unsigned sel, IrTemp a, IrTemp c)
{
    IrBlock *b = ctx->ir;
    IrTemp d = ir_new_temp(b, IR_I64);
    ir_emit(b, (IrInsn){.op = IR_OP_x87_rr, .type = IR_I64, .def = {d}, .use = {a, c}, .imm = ir_x87_imm(kind, sel)});
    return d;
}

IrTemp x87_fast_rm(X86Ctx *ctx, IrX87Kind kind, unsigned sel, IrTemp a, IrTemp m)
{
    IrBlock *b = ctx->ir;
    IrTemp d = ir_new_temp(b, IR_I64);
    ir_emit(b, (IrInsn){.op = IR_OP_x87_rm, .type = IR_I64, .def = {d}, .use = {a, m}, .imm = ir_x87_imm(kind, sel)});
    return d;
}

IrTemp x87_fast_store(X86Ctx *ctx, unsigned format, IrTemp a, IrTemp *bits)
{
    IrBlock *b = ctx->ir;
    IrTemp d = ir_new_temp(b, IR_I64);
    *bits = ir_new_temp(b, IR_I64);
    ir_emit(b, (IrInsn){.op = IR_OP_x87_st, .type = IR_I64, .def = {d, *bits}, .use = {a},
                        .imm = ir_x87_imm(IR_X87_STORE, format)});
    return d;
}

/* X87Mem -> IrX87Format, or -1 where the fast path has no such format. */
int x87_fast_format(X87Mem kind)
{
    static const int8_t formats[X87_NMEM] = {
        [X87_M32FP] = IR_X87_M32FP, [X87_M64FP] = IR_X87_M64FP, [X87_M80FP] = -1,
        [X87_M16INT] = IR_X87_M16INT, [X87_M32INT] = IR_X87_M32INT, [X87_M64INT] = IR_X87_M64INT,
        [X87_M80BCD] = -1, [X87_M16TRUNC] = -1, [X87_M32TRUNC] = -1, [X87_M64TRUNC] = -1,
    };
    return kind < X87_NMEM ? formats[kind] : -1;
}

#endif
