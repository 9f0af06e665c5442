/* frontend/ppc/branch.c — PowerPC flow control: b, bc, bclr, bcctr (every
 * BO form, LK), sc, and the traps tw/twi. Direct targets leave through
 * goto_tb, LR/CTR targets through goto_ptr, sc and taken traps through
 * exit. Every handler here ends the block but one: the first forward
 * conditional bc of a block leaves through goto_tb slot 1 when taken and
 * goes on in the block when not (an if's body, a loop's early exit), so
 * the values of its not-taken way stay in host registers and flags that
 * way overwrites are never stored. Blocks ending later leave the not-taken
 * way of a conditional branch through goto_ptr (looked up inline).
 *
 * In 64-bit mode LR, CTR and targets are 64 bits wide; tw/twi still
 * compare words and td/tdi compare doublewords.
 *
 * BO (bits 6..10) of the conditional branches, as a 5-bit value:
 *   0x10  ignore the CR bit          0x08  branch if the CR bit is this
 *   0x04  leave CTR alone            0x02  with CTR decremented: branch if
 *   0x01  prediction hint (ignored)        CTR == 0 (else if CTR != 0)
 */
#include "backend/exec.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/gen.h"

#define PPC_OP(op) ((uint32_t)(op) << 26)
#define PPC_X19(xo) (PPC_OP(19) | (uint32_t)(xo) << 1)
#define PPC_X31(xo) (PPC_OP(31) | (uint32_t)(xo) << 1)

enum { BO_NO_COND = 0x10, BO_COND_TRUE = 0x08, BO_NO_CTR = 0x04, BO_CTR_ZERO = 0x02 };

static bool ppc_aa(uint32_t i) { return (i >> 1) & 1; }
static bool ppc_lk(uint32_t i) { return i & 1; }

/* LR = the address after this instruction. */
static void gen_link(PpcCtx *ctx)
{
    ir_st_env(ctx->ir, ctx->gty, PPC_OFF(lr), ppc_imm(ctx, (int64_t)(ctx->pc + 4)));
    ir_push_ret(ctx->ir, ctx->pc + 4);
}

/* A branch target: 32-bit mode wraps addresses at 4 GiB. */
static uint64_t ppc_target(PpcCtx *ctx, int64_t base, int64_t disp)
{
    uint64_t t = (uint64_t)base + (uint64_t)disp;
    return ctx->sf ? t : (uint32_t)t;
}

/* Whether BO tests anything (else the branch is always taken). */
static bool ppc_bo_tests(uint32_t i)
{
    return (ppc_rt(i) & (BO_NO_COND | BO_NO_CTR)) != (BO_NO_COND | BO_NO_CTR);
}

/* Emit the BO/BI tests of a conditional branch: CTR is decremented when
 * BO says so, and control goes to `not_taken` when the branch is not
 * taken. */
static void gen_bo_tests(PpcCtx *ctx, IrLabel not_taken)
{
    IrBlock *ir = ctx->ir;
    unsigned bo = ppc_rt(ctx->insn), bi = ppc_ra(ctx->insn);
    if (!(bo & BO_NO_CTR)) {
        IrTemp ctr = ir_sub(ir, ir_ld_env(ir, ctx->gty, PPC_OFF(ctr)), ppc_imm(ctx, 1));
        ir_st_env(ir, ctx->gty, PPC_OFF(ctr), ctr);
        ir_brcond(ir, (bo & BO_CTR_ZERO) ? IR_NE : IR_EQ, ctr, ppc_imm(ctx, 0), not_taken);
    }
    if (!(bo & BO_NO_COND)) {
        /* A bit a compare of this block set: branch on the compare itself. */
        IrCond cond;
        IrTemp a, b;
        if (ppc_cr_compare(ctx, bi, &cond, &a, &b)) {
            ir_brcond(ir, (bo & BO_COND_TRUE) ? ir_cond_invert(cond) : cond, a, b, not_taken);
            return;
        }
        IrTemp bit = ir_extract(ir, ppc_get_cr(ctx, bi >> 2), 3 - (bi & 3), 1);
        ir_brcond(ir, (bo & BO_COND_TRUE) ? IR_EQ : IR_NE, bit, ir_const32(ir, 0), not_taken);
    }
}

/* Leave for the instruction after this one: through goto_tb slot 1,
 * unless a side exit of the block has it. */
static void gen_next(PpcCtx *ctx)
{
    uint64_t next = ppc_target(ctx, (int64_t)ctx->pc, 4);
    if (ctx->side_exit)
        ir_goto_ptr(ctx->ir, ppc_imm(ctx, (int64_t)next));
    else
        ir_goto_tb(ctx->ir, 1, next);
}

/* b, ba, bl, bla: LI is a signed 24-bit word offset. */
static bool trans_b(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    int32_t li = (int32_t)(i << 6) >> 6 & ~3;
    uint64_t target = ppc_target(ctx, ppc_aa(i) ? 0 : (int64_t)ctx->pc, li);
    if (ppc_lk(i))
        gen_link(ctx);
    ir_goto_tb(ctx->ir, 0, target);
    ctx->end_block = true;
    return true;
}

/* bc, bca, bcl, bcla: BD is a signed 14-bit word offset. */
static bool trans_bc(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    int32_t bd = (int16_t)(i & 0xfffc);
    uint64_t target = ppc_target(ctx, ppc_aa(i) ? 0 : (int64_t)ctx->pc, bd);
    if (ppc_lk(i))
        gen_link(ctx);
    bool tested = ppc_bo_tests(i);
    IrLabel not_taken = tested ? ir_new_label(ir) : 0;
    if (tested)
        gen_bo_tests(ctx, not_taken);
    if (tested && !ppc_lk(i) && !ctx->side_exit && target > ctx->pc) {
        ir_goto_tb(ir, 1, target);
        ir_label(ir, not_taken);
        ctx->side_exit = true;
        return true;
    }
    ir_goto_tb(ir, 0, target);
    if (tested) {
        ir_label(ir, not_taken);
        gen_next(ctx);
    }
    ctx->end_block = true;
    return true;
}

/* bclr/bcctr: the target register is read before LK rewrites LR. */
static bool gen_b_reg(PpcCtx *ctx, uint32_t reg_off)
{
    IrBlock *ir = ctx->ir;
    IrTemp target = ir_andi(ir, ir_ld_env(ir, ctx->gty, reg_off), ~(uint64_t)3);
    if (ppc_lk(ctx->insn))
        gen_link(ctx);
    bool tested = ppc_bo_tests(ctx->insn);
    IrLabel not_taken = tested ? ir_new_label(ir) : 0;
    if (tested)
        gen_bo_tests(ctx, not_taken);
    /* blr is how PPC code returns: the backend may predict it. */
    if (reg_off == PPC_OFF(lr) && !ppc_lk(ctx->insn))
        ir_goto_ret(ir, target);
    else
        ir_goto_ptr(ir, target);
    if (tested) {
        ir_label(ir, not_taken);
        ir_goto_tb(ir, 0, ctx->pc + 4);
    }
    ctx->end_block = true;
    return true;
}

static bool trans_bclr(PpcCtx *ctx)
{
    return gen_b_reg(ctx, PPC_OFF(lr));
}

/* bcctr with a CTR decrement (BO bit 2 clear) is an invalid form. */
static bool trans_bcctr(PpcCtx *ctx)
{
    if (!(ppc_rt(ctx->insn) & BO_NO_CTR))
        return false;
    return gen_b_reg(ctx, PPC_OFF(ctr));
}

/* sc: the system call; pc = the instruction after it. */
static bool trans_sc(PpcCtx *ctx)
{
    ppc_set_pc_exit(ctx, ctx->pc + 4, EXIT_SYSCALL);
    return true;
}

/* Trap if any condition selected by TO holds between a and b:
 * 0x10 a < b, 0x08 a > b, 0x04 a == b (signed), 0x02 a < b, 0x01 a > b
 * (unsigned). TO = 31 traps unconditionally. */
static bool gen_trap(PpcCtx *ctx, IrTemp a, IrTemp b)
{
    static const IrCond to_cond[5] = {IR_LT, IR_GT, IR_EQ, IR_LTU, IR_GTU};
    IrBlock *ir = ctx->ir;
    unsigned to = ppc_rt(ctx->insn);
    if (to == 0) { /* never traps */
        ir_goto_tb(ir, 0, ctx->pc + 4);
        ctx->end_block = true;
        return true;
    }
    if (to != 31) {
        IrLabel trap = ir_new_label(ir);
        for (unsigned k = 0; k < 5; k++) {
            if (to & (0x10u >> k))
                ir_brcond(ir, to_cond[k], a, b, trap);
        }
        ir_goto_tb(ir, 0, ctx->pc + 4);
        ir_label(ir, trap);
    }
    ppc_raise(ctx, EXIT_TRAP);
    return true;
}

/* tw/twi compare the low words (in 64-bit mode too), td/tdi doublewords. */
static bool trans_tw(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    return gen_trap(ctx, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_ra(i))),
                    ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rb(i))));
}

static bool trans_twi(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    return gen_trap(ctx, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_ra(i))),
                    ir_const32(ctx->ir, (uint32_t)ppc_d(i)));
}

static bool trans_td(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    return ctx->sf && gen_trap(ctx, ppc_gpr(ctx, ppc_ra(i)), ppc_gpr(ctx, ppc_rb(i)));
}

static bool trans_tdi(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    return ctx->sf && gen_trap(ctx, ppc_gpr(ctx, ppc_ra(i)), ppc_imm(ctx, ppc_d(i)));
}

const PpcInsnForm ppc_branch_forms[] = {
    {0xfc000000u, PPC_OP(18), "b", trans_b},          /* pc = (AA ? 0 : pc) + LI; LK */
    {0xfc000000u, PPC_OP(16), "bc", trans_bc},        /* if BO/BI: pc = (AA ? 0 : pc) + BD; LK */
    {0xfc00e7feu, PPC_X19(16), "bclr", trans_bclr},   /* if BO/BI: pc = LR & ~3; LK */
    {0xfc00e7feu, PPC_X19(528), "bcctr", trans_bcctr}, /* if BI: pc = CTR & ~3; LK */
    {0xfc000002u, PPC_OP(17) | 2, "sc", trans_sc},    /* system call */
    {0xfc0007ffu, PPC_X31(4), "tw", trans_tw},        /* trap if ra TO rb */
    {0xfc000000u, PPC_OP(3), "twi", trans_twi},       /* trap if ra TO simm */
    {0xfc0007ffu, PPC_X31(68), "td", trans_td},       /* trap if ra TO rb (doublewords) */
    {0xfc000000u, PPC_OP(2), "tdi", trans_tdi},       /* trap if ra TO simm (doublewords) */
    {0, 0, NULL, NULL},
};
