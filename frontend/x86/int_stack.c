/* frontend/x86/int_stack.c — the stack: PUSH and POP of registers,
 * immediates, r/m and segment registers, PUSHA/POPA (outside 64-bit
 * mode), PUSHF/POPF, ENTER and LEAVE.
 *
 * Every push stores before it moves rSP and every pop moves rSP after
 * its load, so a fault leaves rSP as it was.
 */
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"
#include "frontend/x86/sys.h"

static unsigned low_reg(const X86Insn *in)
{
    return (in->opcode & 7) | (in->rex & 1 ? 8 : 0);
}

/* 50+r */
bool x86_op_push_reg(X86Ctx *ctx, const X86Insn *in)
{
    x86_stack_push(ctx, in, in->opsize, x86_get_reg(ctx, in, low_reg(in), in->opsize));
    return true;
}

/* 58+r */
bool x86_op_pop_reg(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp v = x86_stack_pop(ctx, in, in->opsize);
    x86_set_reg(ctx, in, low_reg(in), in->opsize, v);
    return true;
}

/* 68 iz, 6A ib (sign-extended to the operand size) */
bool x86_op_push_imm(X86Ctx *ctx, const X86Insn *in)
{
    x86_stack_push(ctx, in, in->opsize, x86_imm(ctx, in, in->opsize));
    return true;
}

/* FF /6 */
bool x86_op_push_rm(X86Ctx *ctx, const X86Insn *in)
{
    x86_stack_push(ctx, in, in->opsize, x86_get_rm(ctx, in, in->opsize));
    return true;
}

/* 8F /0: the address of a memory destination is computed after rSP moved. */
bool x86_op_pop_rm(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp v = x86_stack_pop(ctx, in, in->opsize);
    x86_set_rm(ctx, in, in->opsize, v);
    return true;
}

/* The segment register a push/pop opcode names: 06/07 ES, 0E CS, 16/17 SS,
 * 1E/1F DS, 0F A0/A1 FS, 0F A8/A9 GS. */
static int opcode_segment(const X86Insn *in)
{
    if (in->map == X86_MAP_0F)
        return in->opcode < 0xa8 ? X86_FS : X86_GS;
    return (in->opcode >> 3) & 3; /* ES CS SS DS are 0..3 */
}

static IrTemp segment_selector(X86Ctx *ctx, int seg)
{
    IrTemp sel = ir_ld_env(ctx->ir, IR_I32, X86_OFF(seg_sel) + 2 * (uint32_t)seg);
    return ir_op1(ctx->ir, IR_OP_zext16, sel);
}

/* 06, 0E, 16, 1E, 0F A0, 0F A8 */
bool x86_op_push_seg(X86Ctx *ctx, const X86Insn *in)
{
    x86_stack_push(ctx, in, in->opsize, x86_fit(ctx, segment_selector(ctx, opcode_segment(in)), in->opsize));
    return true;
}

/* 07, 17, 1F, 0F A1, 0F A9: the selector is loaded (and may fault)
 * before rSP moves. */
bool x86_op_pop_seg(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned ss = x86_stack_size(ctx);
    IrTemp sp = x86_get_reg(ctx, in, X86_RSP, ss);
    IrTemp sel = x86_fit(ctx, x86_ld(ctx, x86_stack_addr(ctx, sp), in->opsize), 2);
    if (ctx->sys) {
        x86_sys_gen_load_seg(ctx, (unsigned)opcode_segment(in), sel);
    } else {
        IrTemp args[2] = {ir_const32(ir, (uint32_t)opcode_segment(in)), sel};
        ir_call(ir, &x86_helper_load_seg, args);
    }
    x86_set_reg(ctx, in, X86_RSP, ss, ir_add(ir, sp, x86_const(ctx, ss, in->opsize)));
    if (ctx->sys)
        x86_sys_end_segment_load(ctx, in);
    return true;
}

/* 60: push eAX eCX eDX eBX (the original eSP) eBP eSI eDI */
bool x86_op_pusha(X86Ctx *ctx, const X86Insn *in)
{
    unsigned size = in->opsize;
    IrTemp sp = x86_get_reg(ctx, in, X86_RSP, size);
    for (unsigned r = X86_RAX; r <= X86_RDI; r++)
        x86_stack_push(ctx, in, size, r == X86_RSP ? sp : x86_get_reg(ctx, in, r, size));
    return true;
}

/* The stack address sp + offset (wrapped to the stack size). */
static IrTemp stack_slot(X86Ctx *ctx, IrTemp sp, unsigned offset)
{
    unsigned ss = x86_stack_size(ctx);
    return x86_stack_addr(ctx, x86_fit(ctx, ir_add(ctx->ir, sp, x86_const(ctx, ss, offset)), ss));
}

/* 61: pop eDI eSI eBP (skip eSP) eBX eDX eCX eAX */
bool x86_op_popa(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = in->opsize, ss = x86_stack_size(ctx);
    IrTemp sp = x86_get_reg(ctx, in, X86_RSP, ss);
    IrTemp values[8];
    for (unsigned k = 0; k < 8; k++) /* all loads first: a fault changes nothing */
        values[k] = x86_ld(ctx, stack_slot(ctx, sp, k * size), size);
    for (unsigned k = 0; k < 8; k++) {
        unsigned r = X86_RDI - k;
        if (r != X86_RSP)
            x86_set_reg(ctx, in, r, size, values[k]);
    }
    x86_set_reg(ctx, in, X86_RSP, ss, ir_add(ir, sp, x86_const(ctx, ss, 8 * size)));
    return true;
}

/* ---- flags ------------------------------------------------------------------ */

/* The whole EFLAGS as an i32 (status flags derived, bit 1 set). */
static IrTemp whole_eflags(X86Ctx *ctx)
{
    return ir_or(ctx->ir, x86_gen_status_flags(ctx), ir_ld_env(ctx->ir, IR_I32, X86_OFF(eflags)));
}

/* 9C pushf (VM and RF read as 0: user mode never sets them, system
 * mode clears them in the image) */
bool x86_op_pushf(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp eflags = whole_eflags(ctx);
    if (ctx->sys)
        eflags = ir_andi(ctx->ir, eflags, ~(uint32_t)(X86_VM | X86_RF));
    x86_stack_push(ctx, in, in->opsize, x86_fit(ctx, eflags, in->opsize));
    return true;
}

/* 9D popf: only the bits user code may change (X86_USER_FLAGS), and of a
 * 16-bit popf only those in the low 16 bits. */
bool x86_op_popf(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrTemp v = x86_fit(ctx, x86_stack_pop(ctx, in, in->opsize), 4);
    if (ctx->sys) {
        x86_sys_gen_popf(ctx, in, v);
        return true;
    }
    uint32_t writable = X86_USER_FLAGS & (in->opsize == 2 ? 0xffffu : 0xffffffffu);
    uint32_t other_bits = writable & ~(uint32_t)X86_STATUS_FLAGS;
    IrTemp old = ir_ld_env(ir, IR_I32, X86_OFF(eflags));
    IrTemp eflags = ir_or(ir, ir_andi(ir, old, ~other_bits), ir_andi(ir, v, other_bits));
    ir_st_env(ir, IR_I32, X86_OFF(eflags), eflags);
    x86_gen_set_status_flags(ctx, v);
    return true;
}

/* ---- frames --------------------------------------------------------------------- */

/* C8 iw ib: enter size, level */
bool x86_op_enter(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = in->opsize, ss = x86_stack_size(ctx);
    unsigned level = (unsigned)in->imm2 & 31;
    IrTemp old_bp = x86_get_reg(ctx, in, X86_RBP, ss);
    x86_stack_push(ctx, in, size, x86_fit(ctx, old_bp, size));
    IrTemp frame = x86_get_reg(ctx, in, X86_RSP, ss);
    for (unsigned k = 1; k < level; k++) {
        IrTemp at = ir_sub(ir, old_bp, x86_const(ctx, ss, k * size));
        x86_stack_push(ctx, in, size, x86_ld(ctx, x86_stack_addr(ctx, x86_fit(ctx, at, ss)), size));
    }
    if (level > 0)
        x86_stack_push(ctx, in, size, x86_fit(ctx, frame, size));
    IrTemp sp = x86_get_reg(ctx, in, X86_RSP, ss);
    unsigned bp_size = size == 2 ? 2 : ss < 4 ? 4 : ss; /* a 32-bit frame on a 16-bit stack: EBP = SP */
    x86_set_reg(ctx, in, X86_RBP, bp_size, x86_fit(ctx, frame, bp_size));
    x86_set_reg(ctx, in, X86_RSP, ss, ir_sub(ir, sp, x86_const(ctx, ss, (uint64_t)in->imm & 0xffff)));
    return true;
}

/* C9 leave: rSP = rBP; pop rBP */
bool x86_op_leave(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    unsigned size = in->opsize, ss = x86_stack_size(ctx);
    IrTemp bp = x86_get_reg(ctx, in, X86_RBP, ss);
    IrTemp saved = x86_ld(ctx, x86_stack_addr(ctx, bp), size);
    x86_set_reg(ctx, in, X86_RSP, ss, ir_add(ir, bp, x86_const(ctx, ss, size)));
    x86_set_reg(ctx, in, X86_RBP, size, saved);
    return true;
}
