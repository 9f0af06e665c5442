/* tests/unit/test_ir_builder.c — the IR builder records exactly what it is
 * asked (ops, types, operands, immediates), the op table is consistent,
 * and ir_dump prints the greppable one-line-per-op form. */
#include <glib.h>
#include <string.h>

#include "ir/ir.h"

static const IrInsn *last(const IrBlock *b) { return &b->insns[b->ninsns - 1]; }

static void test_op_table(void)
{
    g_assert_cmpstr(ir_op_info[IR_OP_add].name, ==, "add");
    g_assert_cmpuint(ir_op_info[IR_OP_add].ndef, ==, 1);
    g_assert_cmpuint(ir_op_info[IR_OP_add].nuse, ==, 2);
    g_assert_cmpuint(ir_op_info[IR_OP_addc].ndef, ==, 2);
    g_assert_cmpuint(ir_op_info[IR_OP_movcond].nuse, ==, 4);
    g_assert_true(ir_op_info[IR_OP_st].flags & IR_F_MAY_FAULT);
    g_assert_true(ir_op_info[IR_OP_goto_tb].flags & IR_F_EXIT);
    g_assert_cmpstr(ir_op_info[IR_OP_exit].name, ==, "exit");
    for (unsigned op = 0; op < IR_NOPS; op++)
        g_assert_nonnull(ir_op_info[op].name);
}

static void test_temps_and_labels(void)
{
    IrBlock b;
    ir_block_init(&b, 0x1000, 7);
    g_assert_cmpuint(b.pc, ==, 0x1000);
    g_assert_cmpuint(b.tb_flags, ==, 7);
    IrTemp t1 = ir_new_temp(&b, IR_I32);
    IrTemp t2 = ir_new_temp(&b, IR_F64);
    g_assert_cmpuint(t1, ==, 1); /* temps count from 1 */
    g_assert_cmpuint(t2, ==, 2);
    g_assert_cmpint(ir_temp_type(&b, t2), ==, IR_F64);
    g_assert_cmpuint(ir_new_label(&b), ==, 0);
    g_assert_cmpuint(ir_new_label(&b), ==, 1);
    /* many temps and insns: storage grows */
    for (int i = 0; i < 1000; i++)
        ir_const32(&b, (uint32_t)i);
    g_assert_cmpuint(b.ninsns, ==, 1000);
    g_assert_cmpuint(b.ntemps, ==, 1002);
    g_assert_cmpint(b.insns[999].imm, ==, 999);
    ir_block_reset(&b, 0x2000, 1);
    g_assert_cmpuint(b.ninsns, ==, 0);
    g_assert_cmpuint(b.ntemps, ==, 0);
    g_assert_cmpuint(b.nlabels, ==, 0);
    g_assert_cmpuint(b.pc, ==, 0x2000);
    ir_block_free(&b);
}

static void test_records(void)
{
    IrBlock b;
    ir_block_init(&b, 0, 0);
    IrTemp a = ir_const32(&b, 0xdeadbeef);
    g_assert_cmpint(last(&b)->op, ==, IR_OP_const);
    g_assert_cmpuint((uint64_t)last(&b)->imm, ==, 0xdeadbeef);
    g_assert_cmpuint(last(&b)->def[0], ==, a);

    IrTemp e = ir_ld_env(&b, IR_I64, 0x18);
    g_assert_cmpint(last(&b)->op, ==, IR_OP_ld_env);
    g_assert_cmpint(last(&b)->imm, ==, 0x18);
    g_assert_cmpint(ir_temp_type(&b, e), ==, IR_I64);

    IrTemp s = ir_add(&b, a, a);
    g_assert_cmpint(last(&b)->op, ==, IR_OP_add);
    g_assert_cmpuint(last(&b)->use[0], ==, a);
    g_assert_cmpuint(last(&b)->use[1], ==, a);
    g_assert_cmpint(ir_temp_type(&b, s), ==, IR_I32);

    IrTemp k = ir_addi(&b, s, 5); /* const then add */
    g_assert_cmpint(b.insns[b.ninsns - 2].op, ==, IR_OP_const);
    g_assert_cmpint(b.insns[b.ninsns - 2].imm, ==, 5);
    g_assert_cmpuint(last(&b)->use[1], ==, b.insns[b.ninsns - 2].def[0]);

    IrTemp w = ir_ext_i32u(&b, k);
    g_assert_cmpint(ir_temp_type(&b, w), ==, IR_I64);
    g_assert_cmpint(last(&b)->type, ==, IR_I64);
    IrTemp n = ir_trunc_i64(&b, w);
    g_assert_cmpint(ir_temp_type(&b, n), ==, IR_I32);

    IrTemp x = ir_extract(&b, n, 4, 8);
    g_assert_cmpint(last(&b)->imm, ==, 4 | 8 << 8);
    ir_deposit(&b, n, x, 16, 4);
    g_assert_cmpint(last(&b)->imm, ==, 16 | 4 << 8);
    g_assert_cmpuint(last(&b)->use[1], ==, x);

    IrTemp cy;
    IrTemp sum = ir_addc(&b, n, x, a, &cy);
    g_assert_cmpint(last(&b)->op, ==, IR_OP_addc);
    g_assert_cmpuint(last(&b)->def[0], ==, sum);
    g_assert_cmpuint(last(&b)->def[1], ==, cy);
    g_assert_cmpuint(last(&b)->use[2], ==, a);

    IrTemp c = ir_setcond(&b, IR_LTU, sum, cy);
    g_assert_cmpint(last(&b)->aux, ==, IR_LTU);
    g_assert_cmpint(ir_temp_type(&b, c), ==, IR_I32);
    ir_movcond(&b, IR_GE, a, c, sum, cy);
    g_assert_cmpuint(last(&b)->use[3], ==, cy);

    IrTemp f = ir_const_f64(&b, 1.5);
    g_assert_cmpint(ir_temp_type(&b, f), ==, IR_F64);
    g_assert_cmpuint((uint64_t)last(&b)->imm, ==, 0x3ff8000000000000ull);
    IrTemp fc = ir_fsetcond(&b, IR_FLT, f, f);
    g_assert_cmpint(ir_temp_type(&b, fc), ==, IR_I32);
    g_assert_cmpint(last(&b)->type, ==, IR_F64);
    IrTemp ci = ir_cvt(&b, IR_OP_cvt_f_s32, IR_I32, f, IR_ROUND_TRUNC);
    g_assert_cmpint(ir_temp_type(&b, ci), ==, IR_I32);
    g_assert_cmpint(last(&b)->imm, ==, IR_ROUND_TRUNC);
    IrTemp bc = ir_bitcast(&b, IR_I64, f);
    g_assert_cmpint(ir_temp_type(&b, bc), ==, IR_I64);

    IrTemp v = ir_ld(&b, IR_I32, IR_MO_16 | IR_MO_SIGN | IR_MO_BE, w);
    g_assert_cmpint(last(&b)->aux, ==, IR_MO_16 | IR_MO_SIGN | IR_MO_BE);
    g_assert_cmpuint(last(&b)->use[0], ==, w);
    ir_st(&b, IR_MO_32, w, v);
    g_assert_cmpint(last(&b)->type, ==, IR_I32);
    g_assert_cmpuint(last(&b)->use[1], ==, v);
    ir_cmpxchg(&b, IR_MO_32 | IR_MO_BE, w, v, a);
    g_assert_cmpuint(last(&b)->use[2], ==, a);

    ir_mov_to(&b, a, v);
    g_assert_cmpint(last(&b)->op, ==, IR_OP_mov);
    g_assert_cmpuint(last(&b)->def[0], ==, a);
    g_assert_cmpuint(last(&b)->use[0], ==, v);

    ir_st_env(&b, IR_I32, 0x40, a);
    g_assert_cmpint(last(&b)->op, ==, IR_OP_st_env);
    g_assert_cmpint(last(&b)->imm, ==, 0x40);
    ir_insn_start(&b, 0x10000054);
    g_assert_cmpint(last(&b)->imm, ==, 0x10000054);
    ir_goto_tb(&b, 1, 0x4000);
    g_assert_cmpint(last(&b)->aux, ==, 1);
    g_assert_cmpint(last(&b)->imm, ==, 0x4000);

    char err[200];
    g_assert_true(ir_verify(&b, err, sizeof(err)));
    ir_block_free(&b);
}

static uint32_t h_seen;
static uint32_t helper_fn(void *env, uint32_t x) { (void)env; return h_seen = x; }

static void test_call(void)
{
    static const IrHelper h_ret = {.name = "twice", .fn = (void *)helper_fn, .flags = IR_HELPER_PURE,
                                   .has_ret = true, .ret = IR_I32, .nargs = 1, .args = {IR_I32}};
    static const IrHelper h_void = {.name = "sync", .fn = (void *)helper_fn,
                                    .flags = IR_HELPER_READS_ENV, .nargs = 0};
    IrBlock b;
    ir_block_init(&b, 0, 0);
    IrTemp a = ir_const32(&b, 3);
    IrTemp args[1] = {a};
    IrTemp r = ir_call(&b, &h_ret, args);
    g_assert_cmpuint(r, !=, 0);
    g_assert_true(last(&b)->helper == &h_ret);
    g_assert_cmpuint(last(&b)->use[0], ==, a);
    g_assert_cmpuint(last(&b)->use[1], ==, 0);
    g_assert_cmpuint(ir_call(&b, &h_void, NULL), ==, 0);
    g_assert_cmpuint(last(&b)->def[0], ==, 0);
    ir_exit(&b, 3);
    g_assert_true(ir_verify(&b, NULL, 0));
    ir_block_free(&b);
}

static char *dump_to_string(const IrBlock *b)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ir_dump(b, f);
    fclose(f);
    return buf;
}

static void test_dump(void)
{
    IrBlock b;
    ir_block_init(&b, 0x10000054, 0);
    IrLabel l = ir_new_label(&b);
    ir_insn_start(&b, 0x10000054);
    IrTemp t1 = ir_ld_env(&b, IR_I32, 0x18);       /* t1 */
    IrTemp t2 = ir_const32(&b, 4);                 /* t2 */
    IrTemp t3 = ir_add(&b, t1, t2);                /* t3 */
    ir_st_env(&b, IR_I32, 0x18, t3);
    IrTemp t4 = ir_ld(&b, IR_I32, IR_MO_32 | IR_MO_BE, t3);
    ir_brcond(&b, IR_LT, t1, t2, l);
    ir_st(&b, IR_MO_16, t3, t4);
    ir_label(&b, l);
    ir_goto_tb(&b, 0, 0x10000058);
    char *s = dump_to_string(&b);
    g_assert_nonnull(strstr(s, "  ---- insn 0x10000054\n"));
    g_assert_nonnull(strstr(s, "  t1:i32 = ld_env.i32 [0x18]\n"));
    g_assert_nonnull(strstr(s, "  t2:i32 = const 0x4\n"));
    g_assert_nonnull(strstr(s, "  t3:i32 = add t1, t2\n"));
    g_assert_nonnull(strstr(s, "  st_env.i32 [0x18], t3\n"));
    g_assert_nonnull(strstr(s, "  t4:i32 = ld.i32 [t3] be32\n"));
    g_assert_nonnull(strstr(s, "  brcond.i32 lt t1, t2 -> L0\n"));
    g_assert_nonnull(strstr(s, "  st.i32 [t3], t4 le16\n"));
    g_assert_nonnull(strstr(s, "L0:\n"));
    g_assert_nonnull(strstr(s, "  goto_tb 0x10000058 slot 0\n"));
    (void)t4;
    free(s);
    ir_block_free(&b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ir/builder/op_table", test_op_table);
    g_test_add_func("/ir/builder/temps_and_labels", test_temps_and_labels);
    g_test_add_func("/ir/builder/records", test_records);
    g_test_add_func("/ir/builder/call", test_call);
    g_test_add_func("/ir/dump/format", test_dump);
    return g_test_run();
}
