/* frontend/ia64/branch.c — the B unit and brl: IP-relative and indirect
 * br.cond/br.call/br.ret, the counted and modulo-scheduled loop branches
 * (br.cloop, br.ctop, br.cexit, br.wtop, br.wexit) with register rotation,
 * brl.cond/brl.call, cover and clrrrb.
 *
 * B1 (major 4): s(36) d(35) wh(34:33) imm20b(32:13) p(12) btype(8:6);
 * B3 (major 5): the same with b1(8:6); B4 (major 0, x6 0x20 / 0x21):
 * b2(15:13) btype; B5 (major 1): br.call b1=b2. Targets are bundles:
 * the low 4 bits of a branch register are ignored.
 *
 * A taken branch leaves the block with goto_tb (direct) or goto_ptr
 * (indirect); a predicated branch's fall-through is the next slot. A
 * branch that changes the frame or rotates registers stores the new
 * tb_flags first.
 */
#include "backend/exec.h"
#include "frontend/ia64/decode.h"
#include "frontend/ia64/rse.h"

/* The predicated fall-through: a label jumped to when qp is false. */
static void end_with_fallthrough(Ia64Ctx *ctx, IrLabel not_taken)
{
    if (not_taken != IA64_NO_LABEL) {
        ir_label(ctx->ir, not_taken);
        ir_goto_tb(ctx->ir, 1, ia64_next_pc(ctx));
    }
    ctx->end_block = true;
}

static IrTemp branch_reg_target(Ia64Ctx *ctx, unsigned b)
{
    return ir_andi(ctx->ir, ia64_get_br(ctx, b), ~(uint64_t)15);
}

/* tb_flags right after a call: an empty frame, no rotation. */
static uint32_t flags_after_call(const Ia64Ctx *ctx)
{
    return ctx->big_endian ? IA64_TBF_BE : 0;
}

static void gen_call_frame(Ia64Ctx *ctx, unsigned b1)
{
    uint64_t ret = ctx->bundle + 16;
    ia64_set_br(ctx, b1, ia64_imm(ctx, (int64_t)ret));
    ir_call(ctx->ir, &ia64_helper_rse_call, NULL);
    ir_st_env(ctx->ir, IR_I32, offsetof(CpuCommon, tb_flags), ir_const32(ctx->ir, flags_after_call(ctx)));
    ir_push_ret(ctx->ir, ret);
}

static bool trans_br_cond(Ia64Ctx *ctx) /* B1 btype 0 */
{
    IrLabel skip = ia64_gen_qp_skip(ctx);
    ir_goto_tb(ctx->ir, 0, ctx->bundle + (uint64_t)ia64_target25(ctx->insn));
    end_with_fallthrough(ctx, skip);
    return true;
}

static bool trans_br_call(Ia64Ctx *ctx) /* B3 */
{
    IrLabel skip = ia64_gen_qp_skip(ctx);
    gen_call_frame(ctx, ia64_b1(ctx->insn));
    ir_goto_tb(ctx->ir, 0, ctx->bundle + (uint64_t)ia64_target25(ctx->insn));
    end_with_fallthrough(ctx, skip);
    return true;
}

static bool trans_br_cond_indirect(Ia64Ctx *ctx) /* B4 btype 0 */
{
    IrLabel skip = ia64_gen_qp_skip(ctx);
    ir_goto_ptr(ctx->ir, branch_reg_target(ctx, ia64_b2(ctx->insn)));
    end_with_fallthrough(ctx, skip);
    return true;
}

static bool trans_br_call_indirect(Ia64Ctx *ctx) /* B5 */
{
    IrLabel skip = ia64_gen_qp_skip(ctx);
    IrTemp target = branch_reg_target(ctx, ia64_b2(ctx->insn)); /* before b1 changes */
    gen_call_frame(ctx, ia64_b1(ctx->insn));
    ir_goto_ptr(ctx->ir, target);
    end_with_fallthrough(ctx, skip);
    return true;
}

static bool trans_br_ret(Ia64Ctx *ctx) /* B4 btype 4 */
{
    IrLabel skip = ia64_gen_qp_skip(ctx);
    IrTemp target = branch_reg_target(ctx, ia64_b2(ctx->insn));
    ir_call(ctx->ir, &ia64_helper_rse_return, NULL);
    ir_st_env(ctx->ir, IR_I32, offsetof(CpuCommon, tb_flags), ia64_gen_tb_flags(ctx));
    ir_goto_ret(ctx->ir, target);
    end_with_fallthrough(ctx, skip);
    return true;
}

/* br.cloop: if ar.lc != 0 { ar.lc--; taken }. */
static bool trans_br_cloop(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    if (ctx->slot != 2)
        return false;
    IrLabel done = ir_new_label(ir);
    IrTemp lc = ir_ld_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_LC));
    ir_brcond(ir, IR_EQ, lc, ia64_imm(ctx, 0), done);
    ir_st_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_LC), ir_addi(ir, lc, (uint64_t)-1));
    ir_goto_tb(ir, 0, ctx->bundle + (uint64_t)ia64_target25(ctx->insn));
    end_with_fallthrough(ctx, done);
    return true;
}

/* ---- modulo-scheduled loops ------------------------------------------------ */
enum { LOOP_CTOP, LOOP_CEXIT, LOOP_WTOP, LOOP_WEXIT };

/* rotate_regs: every rotating register name moves up by one. */
static void rotate_regs(Ia64Cpu *cpu)
{
    uint64_t cfm = cpu->cfm;
    unsigned sor = ia64_cfm_sor(cfm);
    uint64_t gr = sor ? (ia64_cfm_rrb_gr(cfm) + sor - 1) % sor : 0;
    uint64_t fr = (ia64_cfm_rrb_fr(cfm) + 95) % 96;
    uint64_t pr = (ia64_cfm_rrb_pr(cfm) + 47) % 48;
    cfm &= ~((((uint64_t)1 << 20) - 1) << IA64_CFM_RRB_GR_SHIFT);
    cpu->cfm = cfm | gr << IA64_CFM_RRB_GR_SHIFT | fr << IA64_CFM_RRB_FR_SHIFT | pr << IA64_CFM_RRB_PR_SHIFT;
}

static void set_p63(Ia64Cpu *cpu, uint32_t v)
{
    cpu->pr[16 + (47 + ia64_cfm_rrb_pr(cpu->cfm)) % 48] = v;
}

/* The manual's ctop/cexit/wtop/wexit: state update, then whether the
 * branch is taken. `pred` is PR[qp] for the while forms. */
static uint32_t ia64_loop_branch(CpuCommon *env, uint32_t kind, uint32_t pred)
{
    Ia64Cpu *cpu = (Ia64Cpu *)env;
    uint64_t *lc = &cpu->ar[IA64_AR_LC], *ec = &cpu->ar[IA64_AR_EC];
    bool counted = kind == LOOP_CTOP || kind == LOOP_CEXIT;
    bool going_on = counted ? (*lc != 0 || *ec > 1) : (pred || *ec > 1);
    if (counted && *lc != 0) {
        --*lc;
        set_p63(cpu, 1);
        rotate_regs(cpu);
    } else if (!counted && pred) {
        set_p63(cpu, 0);
        rotate_regs(cpu);
    } else if (*ec != 0) {
        --*ec;
        set_p63(cpu, 0);
        rotate_regs(cpu);
    } else {
        set_p63(cpu, 0);
    }
    bool top = kind == LOOP_CTOP || kind == LOOP_WTOP;
    return top ? going_on : !going_on;
}

static const IrHelper ia64_helper_loop_branch = {
    .name = "ia64_loop_branch", .fn = (void *)ia64_loop_branch,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .has_ret = true, .ret = IR_I32, .nargs = 2, .args = {IR_I32, IR_I32},
};

static bool loop_branch(Ia64Ctx *ctx, unsigned kind)
{
    IrBlock *ir = ctx->ir;
    if (ctx->slot != 2)
        return false;
    bool counted = kind == LOOP_CTOP || kind == LOOP_CEXIT;
    IrTemp pred = counted ? ir_const32(ir, 0) : ia64_get_pr(ctx, ia64_qp(ctx->insn));
    IrTemp args[2] = {ir_const32(ir, kind), pred};
    IrTemp taken = ir_call(ir, &ia64_helper_loop_branch, args);
    IrTemp flags = ia64_gen_tb_flags(ctx);
    IrLabel fall = ir_new_label(ir);
    ir_brcond(ir, IR_EQ, taken, ir_const32(ir, 0), fall);
    ia64_store_tb_flags_then(ctx, flags, ia64_imm(ctx, (int64_t)(ctx->bundle + (uint64_t)ia64_target25(ctx->insn))));
    ir_label(ir, fall);
    ia64_store_tb_flags_then(ctx, flags, ia64_imm(ctx, (int64_t)ia64_next_pc(ctx)));
    return true;
}

static bool trans_br_ctop(Ia64Ctx *ctx) { return loop_branch(ctx, LOOP_CTOP); }
static bool trans_br_cexit(Ia64Ctx *ctx) { return loop_branch(ctx, LOOP_CEXIT); }
static bool trans_br_wtop(Ia64Ctx *ctx) { return loop_branch(ctx, LOOP_WTOP); }
static bool trans_br_wexit(Ia64Ctx *ctx) { return loop_branch(ctx, LOOP_WEXIT); }

/* ---- long branches (X3, X4) -------------------------------------------------
 * target = bundle + (i(36) imm39(L 40:2) imm20b(32:13)) << 4 */
static uint64_t brl_target(const Ia64Ctx *ctx)
{
    uint64_t imm60 = (uint64_t)ia64_bit(ctx->insn, 36) << 59 | ia64_field(ctx->imm41, 2, 39) << 20 |
                     ia64_field(ctx->insn, 13, 20);
    return ctx->bundle + (imm60 << 4);
}

static bool trans_brl_cond(Ia64Ctx *ctx)
{
    IrLabel skip = ia64_gen_qp_skip(ctx);
    ir_goto_tb(ctx->ir, 0, brl_target(ctx));
    end_with_fallthrough(ctx, skip);
    return true;
}

static bool trans_brl_call(Ia64Ctx *ctx)
{
    IrLabel skip = ia64_gen_qp_skip(ctx);
    gen_call_frame(ctx, ia64_b1(ctx->insn));
    ir_goto_tb(ctx->ir, 0, brl_target(ctx));
    end_with_fallthrough(ctx, skip);
    return true;
}

/* ---- frame and rotation control --------------------------------------------- */
static bool trans_cover(Ia64Ctx *ctx)
{
    ir_call(ctx->ir, &ia64_helper_rse_cover, NULL);
    ia64_end_block_after(ctx);
    return true;
}

/* clrrrb: every rrb to 0; clrrrb.pr: rrb.pr only. */
static bool clrrrb(Ia64Ctx *ctx, unsigned first_bit, unsigned nbits)
{
    IrBlock *ir = ctx->ir;
    IrTemp cfm = ir_ld_env(ir, IR_I64, IA64_OFF(cfm));
    ir_st_env(ir, IR_I64, IA64_OFF(cfm), ir_deposit(ir, cfm, ia64_imm(ctx, 0), first_bit, nbits));
    ia64_end_block_after(ctx);
    return true;
}
static bool trans_clrrrb(Ia64Ctx *ctx) { return clrrrb(ctx, IA64_CFM_RRB_GR_SHIFT, 20); }
static bool trans_clrrrb_pr(Ia64Ctx *ctx) { return clrrrb(ctx, IA64_CFM_RRB_PR_SHIFT, 6); }

static bool trans_nop(Ia64Ctx *ctx)
{
    (void)ctx;
    return true;
}

/* ---- the table ----------------------------------------------------------------- */
#define B_BTYPE(major, btype) ((uint64_t)(major) << 37 | (uint64_t)(btype) << 6)
#define B_BTYPE_MASK B_BTYPE(15, 7)
#define B_X6(major, x6) ((uint64_t)(major) << 37 | (uint64_t)(x6) << 27)
#define B_X6_MASK B_X6(15, 63)
#define MAJOR(m) ((uint64_t)(m) << 37)
#define MAJOR_MASK MAJOR(15)

const Ia64Form ia64_branch_forms[] = {
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_TARGET, B_BTYPE_MASK, B_BTYPE(4, 0), "br.cond", trans_br_cond, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_TARGET, B_BTYPE_MASK, B_BTYPE(4, 2), "br.wexit", trans_br_wexit, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_TARGET, B_BTYPE_MASK, B_BTYPE(4, 3), "br.wtop", trans_br_wtop, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_TARGET, B_BTYPE_MASK, B_BTYPE(4, 5), "br.cloop", trans_br_cloop, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_TARGET, B_BTYPE_MASK, B_BTYPE(4, 6), "br.cexit", trans_br_cexit, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_TARGET, B_BTYPE_MASK, B_BTYPE(4, 7), "br.ctop", trans_br_ctop, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_B1_TARGET, MAJOR_MASK, MAJOR(5), "br.call", trans_br_call, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_B2, B_X6_MASK | B_BTYPE(0, 7), B_X6(0, 0x20), "br.cond", trans_br_cond_indirect, 0},
    {IA64_U_B, 0, IA64_OPS_B2, B_X6_MASK | B_BTYPE(0, 7), B_X6(0, 0x20) | B_BTYPE(0, 1), "br.ia", NULL, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_B2, B_X6_MASK | B_BTYPE(0, 7), B_X6(0, 0x21) | B_BTYPE(0, 4), "br.ret", trans_br_ret, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_B1_B2, MAJOR_MASK, MAJOR(1), "br.call", trans_br_call_indirect, 0},
    {IA64_U_B, 0, IA64_OPS_NONE, B_X6_MASK, B_X6(0, 0x02), "cover", trans_cover, 0},
    {IA64_U_B, 0, IA64_OPS_NONE, B_X6_MASK, B_X6(0, 0x04), "clrrrb", trans_clrrrb, 0},
    {IA64_U_B, 0, IA64_OPS_NONE, B_X6_MASK, B_X6(0, 0x05), "clrrrb.pr", trans_clrrrb_pr, 0},
    {IA64_U_B, 0, IA64_OPS_IMM21, B_X6_MASK, B_X6(2, 0x00), "nop.b", trans_nop, 0},
    {IA64_U_B, 0, IA64_OPS_IMM21, B_X6_MASK, B_X6(2, 0x01), "hint.b", trans_nop, 0},
    /* brp has no qualifying predicate: bits 5:0 hold its hints */
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_BRP_B2, B_X6_MASK, B_X6(2, 0x10), "brp", trans_nop, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_BRP_B2, B_X6_MASK, B_X6(2, 0x11), "brp.ret", trans_nop, 0},
    {IA64_U_B, IA64_F_OWN_QP, IA64_OPS_BRP_TARGET, MAJOR_MASK, MAJOR(7), "brp", trans_nop, 0},
    {IA64_U_X, IA64_F_OWN_QP, IA64_OPS_X_TARGET, B_BTYPE_MASK, B_BTYPE(0xc, 0), "brl.cond", trans_brl_cond, 0},
    {IA64_U_X, IA64_F_OWN_QP, IA64_OPS_X_B1_TARGET, MAJOR_MASK, MAJOR(0xd), "brl.call", trans_brl_call, 0},
    {0, 0, 0, 0, 0, NULL, NULL, 0},
};
