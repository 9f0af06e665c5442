/* tests/unit/test_ir_copy.c — copy propagation (in opt_fold): uses of a mov's result read its
 * source while both are unchanged; redefinitions and labels stop it. */
#include <glib.h>

#include "ir/ir.h"
#include "ir/opt.h"

static IrBlock blk;

static const IrInsn *find_op(IrOpcode op, unsigned nth)
{
    for (uint32_t i = 0; i < blk.ninsns; i++)
        if (blk.insns[i].op == op && nth-- == 0)
            return &blk.insns[i];
    g_error("no %s #%u", ir_op_info[op].name, nth);
}

static void finish(void)
{
    g_assert_true(ir_verify(&blk, NULL, 0));
    ir_block_free(&blk);
}

static void test_basic(void)
{
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    IrTemp m = ir_mov(&blk, a);
    IrTemp m2 = ir_mov(&blk, m); /* chains resolve to the root */
    IrTemp s = ir_add(&blk, m2, m);
    ir_st_env(&blk, IR_I32, 4, s);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    const IrInsn *add = find_op(IR_OP_add, 0);
    g_assert_cmpuint(add->use[0], ==, a);
    g_assert_cmpuint(add->use[1], ==, a);
    finish();
}

static void test_source_redefined(void)
{
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    IrTemp m = ir_mov(&blk, a);
    ir_mov_to(&blk, a, ir_const32(&blk, 9)); /* a changes: m keeps the old value */
    ir_st_env(&blk, IR_I32, 4, m);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpuint(find_op(IR_OP_st_env, 0)->use[0], ==, m);
    finish();
}

static void test_dest_redefined(void)
{
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    IrTemp b = ir_ld_env(&blk, IR_I32, 8);
    IrTemp m = ir_mov(&blk, a);
    IrInsn add = {.op = IR_OP_add, .type = IR_I32, .def = {m}, .use = {b, b}};
    ir_emit(&blk, add); /* m redefined in place: no longer a copy of a */
    ir_st_env(&blk, IR_I32, 4, m);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpuint(find_op(IR_OP_st_env, 0)->use[0], ==, m);
    finish();

    ir_block_init(&blk, 0, 0); /* redefined as a copy of something else */
    a = ir_ld_env(&blk, IR_I32, 0);
    b = ir_ld_env(&blk, IR_I32, 8);
    m = ir_mov(&blk, a);
    ir_mov_to(&blk, m, b);
    ir_st_env(&blk, IR_I32, 4, m);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpuint(find_op(IR_OP_st_env, 0)->use[0], ==, b);
    finish();
}

static void test_label(void)
{
    ir_block_init(&blk, 0, 0);
    IrLabel l = ir_new_label(&blk);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    IrTemp m = ir_mov(&blk, a);
    ir_st_env(&blk, IR_I32, 4, m); /* before the label: propagated */
    ir_label(&blk, l);
    ir_st_env(&blk, IR_I32, 8, m); /* after: not */
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpuint(find_op(IR_OP_st_env, 0)->use[0], ==, a);
    g_assert_cmpuint(find_op(IR_OP_st_env, 1)->use[0], ==, m);
    finish();
}

static void test_self_move(void)
{
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    ir_mov_to(&blk, a, a);
    ir_st_env(&blk, IR_I32, 4, a);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpuint(blk.ninsns, ==, 3);
    finish();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ir/copy/basic", test_basic);
    g_test_add_func("/ir/copy/source_redefined", test_source_redefined);
    g_test_add_func("/ir/copy/dest_redefined", test_dest_redefined);
    g_test_add_func("/ir/copy/label", test_label);
    g_test_add_func("/ir/copy/self_move", test_self_move);
    return g_test_run();
}
