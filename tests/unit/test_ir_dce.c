/* tests/unit/test_ir_dce.c — opt_dce: unused pure results go, side
 * effects (stores, faulting loads, impure calls, FP flag setters) stay. */
#include <glib.h>

#include "ir/ir.h"
#include "ir/opt.h"

static IrBlock blk;

static unsigned count_op(IrOpcode op)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < blk.ninsns; i++)
        n += blk.insns[i].op == op;
    return n;
}

static void run(void)
{
    g_assert_true(ir_verify(&blk, NULL, 0));
    opt_dce(&blk);
    g_assert_true(ir_verify(&blk, NULL, 0));
}

static void test_dead_chain(void)
{
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    IrTemp d1 = ir_addi(&blk, a, 3);
    IrTemp d2 = ir_op2(&blk, IR_OP_mul, d1, d1);
    ir_not(&blk, d2); /* nothing reads this chain */
    ir_st_env(&blk, IR_I32, 4, a);
    ir_exit(&blk, 0);
    run();
    g_assert_cmpuint(blk.ninsns, ==, 3); /* ld_env, st_env, exit */
    g_assert_cmpuint(count_op(IR_OP_add), ==, 0);
    ir_block_free(&blk);
}

static void test_keeps_side_effects(void)
{
    static const IrHelper raise = {.name = "raise", .flags = IR_HELPER_MAY_RAISE, .has_ret = true,
                                   .ret = IR_I32, .nargs = 1, .args = {IR_I32}};
    static const IrHelper pure = {.name = "pure", .flags = IR_HELPER_PURE, .has_ret = true,
                                  .ret = IR_I32, .nargs = 1, .args = {IR_I32}};
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    IrTemp args[1] = {a};
    ir_ld(&blk, IR_I32, IR_MO_32, a);               /* may fault: stays */
    ir_cmpxchg(&blk, IR_MO_32, a, a, a);            /* atomic: stays */
    ir_call(&blk, &raise, args);                    /* impure: stays */
    ir_call(&blk, &pure, args);                     /* pure, unused: goes */
    IrTemp f = ir_const_f64(&blk, 1.0);
    ir_op2(&blk, IR_OP_fdiv, f, f);                 /* sets FP flags: stays */
    ir_op1(&blk, IR_OP_fneg, f);                    /* bit op: goes */
    ir_fence(&blk);
    ir_insn_start(&blk, 0x100);
    ir_st(&blk, IR_MO_32, a, a);
    ir_exit(&blk, 0);
    run();
    g_assert_cmpuint(count_op(IR_OP_ld), ==, 1);
    g_assert_cmpuint(count_op(IR_OP_cmpxchg), ==, 1);
    g_assert_cmpuint(count_op(IR_OP_call), ==, 1);
    g_assert_true(blk.insns[3].helper == &raise);
    g_assert_cmpuint(count_op(IR_OP_fdiv), ==, 1);
    g_assert_cmpuint(count_op(IR_OP_fneg), ==, 0);
    g_assert_cmpuint(count_op(IR_OP_fence), ==, 1);
    g_assert_cmpuint(count_op(IR_OP_insn_start), ==, 1);
    g_assert_cmpuint(count_op(IR_OP_st), ==, 1);
    ir_block_free(&blk);
}

static void test_overwritten_definition(void)
{
    /* t = 1; t = 2; use t: the first definition is dead */
    ir_block_init(&blk, 0, 0);
    IrTemp t = ir_const32(&blk, 1);
    ir_mov_to(&blk, t, ir_const32(&blk, 2));
    ir_st_env(&blk, IR_I32, 0, t);
    ir_exit(&blk, 0);
    run();
    g_assert_cmpuint(blk.ninsns, ==, 4);
    g_assert_cmpint(blk.insns[0].imm, ==, 2);
    ir_block_free(&blk);
}

static void test_branches_keep_merging_values(void)
{
    /* r = a; if (..) goto L; r = b; L: store r — both definitions live */
    ir_block_init(&blk, 0, 0);
    IrLabel l = ir_new_label(&blk);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0), b = ir_ld_env(&blk, IR_I32, 4);
    IrTemp r = ir_new_temp(&blk, IR_I32);
    ir_mov_to(&blk, r, a);
    ir_brcond(&blk, IR_EQ, a, b, l);
    ir_mov_to(&blk, r, b);
    ir_label(&blk, l);
    ir_st_env(&blk, IR_I32, 8, r);
    ir_exit(&blk, 0);
    uint32_t before = blk.ninsns;
    run();
    g_assert_cmpuint(blk.ninsns, ==, before);
    ir_block_free(&blk);

    /* a value only read on the other side of a backward branch stays */
    ir_block_init(&blk, 0, 0);
    l = ir_new_label(&blk);
    IrTemp i = ir_new_temp(&blk, IR_I32);
    ir_mov_to(&blk, i, ir_const32(&blk, 0));
    ir_label(&blk, l);
    ir_mov_to(&blk, i, ir_addi(&blk, i, 1));
    IrTemp lim = ir_const32(&blk, 10);
    ir_brcond(&blk, IR_LTU, i, lim, l);
    ir_st_env(&blk, IR_I32, 0, i);
    ir_exit(&blk, 0);
    before = blk.ninsns;
    run();
    g_assert_cmpuint(blk.ninsns, ==, before);
    ir_block_free(&blk);
}

static void test_after_exit(void)
{
    /* an unused value before a mid-block exit goes; a temp read after the
     * exit (behind a label) keeps its definition */
    ir_block_init(&blk, 0, 0);
    IrLabel l = ir_new_label(&blk);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    IrTemp dead = ir_addi(&blk, a, 1);
    ir_goto_tb(&blk, 0, 0x100);
    ir_label(&blk, l);
    ir_st_env(&blk, IR_I32, 0, a);
    ir_exit(&blk, 0);
    (void)dead;
    run();
    g_assert_cmpuint(count_op(IR_OP_add), ==, 0);
    g_assert_cmpuint(count_op(IR_OP_ld_env), ==, 1);
    ir_block_free(&blk);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ir/dce/dead_chain", test_dead_chain);
    g_test_add_func("/ir/dce/keeps_side_effects", test_keeps_side_effects);
    g_test_add_func("/ir/dce/overwritten_definition", test_overwritten_definition);
    g_test_add_func("/ir/dce/branches_keep_merging_values", test_branches_keep_merging_values);
    g_test_add_func("/ir/dce/after_exit", test_after_exit);
    return g_test_run();
}
