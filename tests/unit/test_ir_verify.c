/* tests/unit/test_ir_verify.c — ir_verify accepts well-formed blocks and
 * rejects each kind of malformed one with a message naming the insn. */
#include <glib.h>
#include <string.h>

#include "ir/ir.h"

static IrBlock blk;
static char err[256];

static void start(void) { ir_block_init(&blk, 0x1000, 0); }

/* The block must fail verification, and the message must name insn `at`
 * and contain `what`. */
static void expect_bad(uint32_t at, const char *what)
{
    g_assert_false(ir_verify(&blk, err, sizeof(err)));
    char want[32];
    snprintf(want, sizeof(want), "insn %u ", at);
    if (!strstr(err, want) || !strstr(err, what))
        g_error("verify message \"%s\" lacks \"%s\" / \"%s\"", err, want, what);
    g_assert_null(strchr(err, '\n'));
    ir_block_free(&blk);
}

static void expect_good(void)
{
    if (!ir_verify(&blk, err, sizeof(err)))
        g_error("unexpected: %s", err);
    ir_block_free(&blk);
}

static void test_good(void)
{
    start();
    IrLabel l = ir_new_label(&blk);
    IrTemp a = ir_ld_env(&blk, IR_I32, 0);
    IrTemp r = ir_new_temp(&blk, IR_I32);
    ir_mov_to(&blk, r, a);
    ir_brcond(&blk, IR_EQ, a, a, l);
    ir_mov_to(&blk, r, ir_addi(&blk, a, 1)); /* second definition of r */
    ir_label(&blk, l);
    ir_st_env(&blk, IR_I32, 4, r);
    ir_exit(&blk, 0);
    expect_good();

    start(); /* a block may end on br (a loop back) */
    IrLabel top = ir_new_label(&blk);
    ir_label(&blk, top);
    ir_br(&blk, top);
    expect_good();
}

static void test_bad_op(void)
{
    start();
    ir_emit(&blk, (IrInsn){.op = IR_NOPS + 3});
    ir_exit(&blk, 0);
    expect_bad(0, "bad op");
}

static void test_empty(void)
{
    start();
    g_assert_false(ir_verify(&blk, err, sizeof(err)));
    ir_block_free(&blk);
}

static void test_no_exit(void)
{
    start();
    IrTemp a = ir_const32(&blk, 1);
    ir_st_env(&blk, IR_I32, 0, a);
    expect_bad(1, "does not end");

    start(); /* brcond is not an end */
    IrLabel l = ir_new_label(&blk);
    ir_label(&blk, l);
    IrTemp c = ir_const32(&blk, 1);
    ir_brcond(&blk, IR_EQ, c, c, l);
    expect_bad(2, "does not end");
}

static void test_operand_counts(void)
{
    start();
    IrTemp a = ir_const32(&blk, 1);
    IrTemp n = ir_not(&blk, a);
    blk.insns[1].use[1] = a; /* not has one operand */
    ir_exit(&blk, 0);
    (void)n;
    expect_bad(1, "operand slot 1");

    start();
    a = ir_const32(&blk, 1);
    ir_st_env(&blk, IR_I32, 0, a);
    blk.insns[1].def[0] = a; /* st_env defines nothing */
    ir_exit(&blk, 0);
    expect_bad(1, "result slot 0");

    start();
    a = ir_const32(&blk, 1);
    ir_add(&blk, a, a);
    blk.insns[1].use[1] = 0; /* missing operand */
    ir_exit(&blk, 0);
    expect_bad(1, "out of range");
}

static void test_temp_range(void)
{
    start();
    IrTemp a = ir_const32(&blk, 1);
    ir_add(&blk, a, a);
    blk.insns[1].use[0] = 99;
    ir_exit(&blk, 0);
    expect_bad(1, "t99 out of range");
}

static void test_use_before_def(void)
{
    start();
    IrTemp t = ir_new_temp(&blk, IR_I32);
    ir_st_env(&blk, IR_I32, 0, t);
    ir_exit(&blk, 0);
    expect_bad(0, "before any definition");

    /* defined only after a label, used before it */
    start();
    IrLabel l = ir_new_label(&blk);
    t = ir_new_temp(&blk, IR_I32);
    ir_br(&blk, l);
    ir_st_env(&blk, IR_I32, 0, t);
    ir_label(&blk, l);
    ir_mov_to(&blk, t, ir_const32(&blk, 2));
    ir_exit(&blk, 0);
    expect_bad(1, "before any definition");
}

static void test_int_types(void)
{
    start();
    IrTemp a = ir_const32(&blk, 1);
    IrTemp q = ir_const64(&blk, 1);
    ir_add(&blk, a, q); /* mixed widths */
    ir_exit(&blk, 0);
    expect_bad(2, "operand 1");

    start();
    IrTemp f = ir_const_f64(&blk, 1.0);
    ir_add(&blk, f, f); /* integer op on floats */
    ir_exit(&blk, 0);
    expect_bad(1, "i32 or i64");

    start();
    a = ir_const32(&blk, 1);
    ir_op1(&blk, IR_OP_sext32, a); /* i64 only */
    ir_exit(&blk, 0);
    expect_bad(1, "needs i64");

    start();
    q = ir_const64(&blk, 1);
    IrInsn in = {.op = IR_OP_ext_i32s, .type = IR_I64, .def = {ir_new_temp(&blk, IR_I64)}, .use = {q}};
    ir_emit(&blk, in); /* ext_i32s needs an i32 operand */
    ir_exit(&blk, 0);
    expect_bad(1, "needs i32");

    start();
    a = ir_const32(&blk, 1);
    in = (IrInsn){.op = IR_OP_trunc_i64, .type = IR_I32, .def = {ir_new_temp(&blk, IR_I32)}, .use = {a}};
    ir_emit(&blk, in);
    ir_exit(&blk, 0);
    expect_bad(1, "needs i64");

    start();
    a = ir_const32(&blk, 1);
    in = (IrInsn){.op = IR_OP_setcond, .type = IR_I32, .def = {ir_new_temp(&blk, IR_I64)}, .use = {a, a}};
    ir_emit(&blk, in); /* setcond result has the op type */
    ir_exit(&blk, 0);
    expect_bad(1, "result");
}

static void test_float_types(void)
{
    start();
    IrTemp f = ir_const_f64(&blk, 1.0);
    IrInsn in = {.op = IR_OP_fsetcond, .type = IR_F64, .def = {ir_new_temp(&blk, IR_F64)}, .use = {f, f}};
    ir_emit(&blk, in); /* fsetcond gives i32 */
    ir_exit(&blk, 0);
    expect_bad(1, "result");

    start();
    IrTemp a = ir_const32(&blk, 1);
    ir_fsetcond(&blk, IR_FEQ, a, a); /* fsetcond on integers */
    ir_exit(&blk, 0);
    expect_bad(1, "f32 or f64");

    start();
    a = ir_const32(&blk, 1);
    ir_bitcast(&blk, IR_F64, a); /* width mismatch */
    ir_exit(&blk, 0);
    expect_bad(1, "operand 0");

    start();
    f = ir_const_f64(&blk, 1.0);
    ir_cvt(&blk, IR_OP_cvt_s32_f, IR_F64, f, 0); /* needs an i32 source */
    ir_exit(&blk, 0);
    expect_bad(1, "operand 0");

    start();
    f = ir_const_f64(&blk, 1.0);
    ir_cvt(&blk, IR_OP_cvt_f_s32, IR_I64, f, 0); /* i32 result */
    ir_exit(&blk, 0);
    expect_bad(1, "result must be i32");

    start();
    f = ir_const_f64(&blk, 1.0);
    ir_cvt(&blk, IR_OP_fcvt_f32, IR_F64, f, 0); /* needs an f32 source */
    ir_exit(&blk, 0);
    expect_bad(1, "operand 0");
}

static void test_memory(void)
{
    start();
    IrTemp f = ir_const_f64(&blk, 1.0);
    ir_ld(&blk, IR_I32, IR_MO_32, f); /* float address */
    ir_exit(&blk, 0);
    expect_bad(1, "address");

    start();
    IrTemp a = ir_const32(&blk, 0);
    ir_ld(&blk, IR_I32, IR_MO_64, a); /* 8 bytes into i32 */
    ir_exit(&blk, 0);
    expect_bad(1, "access size");

    start();
    a = ir_const32(&blk, 0);
    IrTemp v = ir_const64(&blk, 0);
    ir_st(&blk, IR_MO_64, a, v);
    ir_exit(&blk, 0);
    expect_good();
}

static void test_labels(void)
{
    start();
    IrLabel l = ir_new_label(&blk);
    ir_label(&blk, l);
    ir_label(&blk, l);
    ir_exit(&blk, 0);
    expect_bad(1, "defined twice");

    start();
    l = ir_new_label(&blk);
    ir_br(&blk, l); /* never placed */
    expect_bad(0, "not in the block");

    start();
    ir_new_label(&blk);
    IrInsn in = {.op = IR_OP_br, .imm = 5}; /* never allocated */
    ir_emit(&blk, in);
    expect_bad(0, "unknown label");
}

static void test_fields(void)
{
    start();
    IrTemp a = ir_const32(&blk, 0);
    ir_extract(&blk, a, 28, 8); /* past bit 31 */
    ir_exit(&blk, 0);
    expect_bad(1, "bit field");

    start();
    a = ir_const32(&blk, 0);
    ir_setcond(&blk, (IrCond)IR_NCONDS, a, a);
    ir_exit(&blk, 0);
    expect_bad(1, "condition");

    start();
    ir_goto_tb(&blk, 2, 0x1000);
    expect_bad(0, "slot");
}

static void test_call(void)
{
    static const IrHelper h = {.name = "h", .has_ret = true, .ret = IR_I64, .nargs = 2,
                               .args = {IR_I32, IR_I64}};
    start();
    IrTemp a = ir_const32(&blk, 0), q = ir_const64(&blk, 0);
    IrTemp args[2] = {a, q};
    ir_call(&blk, &h, args);
    ir_exit(&blk, 0);
    expect_good();

    start();
    a = ir_const32(&blk, 0);
    IrTemp bad_args[2] = {a, a};
    ir_call(&blk, &h, bad_args);
    ir_exit(&blk, 0);
    expect_bad(1, "operand 1");

    start();
    a = ir_const32(&blk, 0), q = ir_const64(&blk, 0);
    ir_call(&blk, &h, args);
    blk.insns[2].use[2] = a; /* beyond nargs */
    ir_exit(&blk, 0);
    expect_bad(2, "operand slot 2");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ir/verify/good", test_good);
    g_test_add_func("/ir/verify/bad_op", test_bad_op);
    g_test_add_func("/ir/verify/empty", test_empty);
    g_test_add_func("/ir/verify/no_exit", test_no_exit);
    g_test_add_func("/ir/verify/operand_counts", test_operand_counts);
    g_test_add_func("/ir/verify/temp_range", test_temp_range);
    g_test_add_func("/ir/verify/use_before_def", test_use_before_def);
    g_test_add_func("/ir/verify/int_types", test_int_types);
    g_test_add_func("/ir/verify/float_types", test_float_types);
    g_test_add_func("/ir/verify/memory", test_memory);
    g_test_add_func("/ir/verify/labels", test_labels);
    g_test_add_func("/ir/verify/fields", test_fields);
    g_test_add_func("/ir/verify/call", test_call);
    return g_test_run();
}
