/* tests/unit/test_ir_env.c — opt_env: loads of env slots with a known
 * value become movs (across faulting ops, calls that leave env alone and
 * labels that only the code above reaches, not across env-writing calls,
 * overlapping stores or a branch over another value); stores are dropped
 * only when overwritten before anything can observe env (labels are
 * covered by test_opt_env_labels.c). */
#include <glib.h>

#include "ir/ir.h"
#include "ir/opt.h"

static IrBlock blk;

static const IrHelper h_plain = {.name = "plain", .flags = 0, .nargs = 0};
static const IrHelper h_writes = {.name = "writes", .flags = IR_HELPER_WRITES_ENV, .nargs = 0};
static const IrHelper h_reads = {.name = "reads", .flags = IR_HELPER_READS_ENV, .nargs = 0};
static const IrHelper h_raise = {.name = "raise", .flags = IR_HELPER_MAY_RAISE, .nargs = 0};
static const IrHelper h_pure = {.name = "pure", .flags = IR_HELPER_PURE, .has_ret = true,
                                .ret = IR_I32, .nargs = 0};

static unsigned count_op(IrOpcode op)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < blk.ninsns; i++)
        n += blk.insns[i].op == op;
    return n;
}

static const IrInsn *def_of(IrTemp t)
{
    for (uint32_t i = 0; i < blk.ninsns; i++)
        if (blk.insns[i].def[0] == t)
            return &blk.insns[i];
    g_error("t%u has no definition", t);
}

static void run(void)
{
    g_assert_true(ir_verify(&blk, NULL, 0));
    opt_env(&blk);
    char err[200];
    if (!ir_verify(&blk, err, sizeof(err)))
        g_error("%s", err);
}

/* st_env [0x10] v; <between>; t = ld_env [0x10]: is t forwarded from v? */
typedef void Between(void);
static bool forwarded_across(Between *between, bool from_load)
{
    ir_block_init(&blk, 0, 0);
    IrTemp v = from_load ? ir_ld_env(&blk, IR_I64, 0x10) : ir_ld_env(&blk, IR_I64, 0x40);
    if (!from_load)
        ir_st_env(&blk, IR_I64, 0x10, v);
    between();
    IrTemp t = ir_ld_env(&blk, IR_I64, 0x10);
    ir_st_env(&blk, IR_I64, 0x20, t);
    ir_exit(&blk, 0);
    run();
    const IrInsn *d = def_of(t);
    bool fwd = d->op == IR_OP_mov && d->use[0] == v;
    g_assert_true(fwd || d->op == IR_OP_ld_env);
    ir_block_free(&blk);
    return fwd;
}

static void nothing(void) {}
static void faulting_load(void) { ir_ld(&blk, IR_I32, IR_MO_32, ir_const32(&blk, 0x1000)); }
static void faulting_store(void) { IrTemp a = ir_const32(&blk, 0x1000); ir_st(&blk, IR_MO_32, a, a); }
static void call_plain(void) { ir_call(&blk, &h_plain, NULL); }
static void call_reads(void) { ir_call(&blk, &h_reads, NULL); }
static void call_raise(void) { ir_call(&blk, &h_raise, NULL); }
static void call_pure(void) { ir_call(&blk, &h_pure, NULL); }
static void call_writes(void) { ir_call(&blk, &h_writes, NULL); }
static void label(void) { ir_label(&blk, ir_new_label(&blk)); }
static void other_slot(void) { ir_st_env(&blk, IR_I64, 0x18, ir_const64(&blk, 1)); }
static void overlap_low(void) { ir_st_env(&blk, IR_I32, 0x10, ir_const32(&blk, 1)); }
static void overlap_high(void) { ir_st_env(&blk, IR_I32, 0x14, ir_const32(&blk, 1)); }
static void overlap_byte(void) { ir_st_env(&blk, IR_I64, 0x17, ir_const64(&blk, 1)); }
static void branch_over(void)
{
    IrLabel l = ir_new_label(&blk);
    IrTemp c = ir_const32(&blk, 0);
    ir_brcond(&blk, IR_EQ, c, c, l);
    ir_st_env(&blk, IR_I64, 0x10, ir_const64(&blk, 5));
    ir_label(&blk, l);
}

static void test_forwarding(void)
{
    for (int from_load = 0; from_load <= 1; from_load++) {
        g_assert_true(forwarded_across(nothing, from_load));
        g_assert_true(forwarded_across(faulting_load, from_load));
        g_assert_true(forwarded_across(faulting_store, from_load));
        g_assert_true(forwarded_across(call_plain, from_load));
        g_assert_true(forwarded_across(call_reads, from_load));
        g_assert_true(forwarded_across(call_raise, from_load));
        g_assert_true(forwarded_across(call_pure, from_load));
        g_assert_true(forwarded_across(other_slot, from_load));
        g_assert_false(forwarded_across(call_writes, from_load));
        g_assert_true(forwarded_across(label, from_load));
        g_assert_false(forwarded_across(branch_over, from_load));
        g_assert_false(forwarded_across(overlap_low, from_load));
        g_assert_false(forwarded_across(overlap_high, from_load));
        g_assert_false(forwarded_across(overlap_byte, from_load));
    }
}

static void test_forwarding_types(void)
{
    /* a load of another type at the same offset is not forwarded */
    ir_block_init(&blk, 0, 0);
    IrTemp v = ir_ld_env(&blk, IR_I64, 0x10);
    IrTemp f = ir_ld_env(&blk, IR_F64, 0x10);
    IrTemp w = ir_ld_env(&blk, IR_I32, 0x10);
    ir_st_env(&blk, IR_I64, 0x20, v);
    ir_st_env(&blk, IR_F64, 0x28, f);
    ir_st_env(&blk, IR_I32, 0x30, w);
    ir_exit(&blk, 0);
    run();
    g_assert_cmpuint(count_op(IR_OP_ld_env), ==, 3);
    ir_block_free(&blk);

    /* the stored temp redefined: the slot's value is no longer known */
    ir_block_init(&blk, 0, 0);
    v = ir_ld_env(&blk, IR_I32, 0x0);
    ir_st_env(&blk, IR_I32, 0x10, v);
    ir_mov_to(&blk, v, ir_const32(&blk, 3));
    IrTemp t = ir_ld_env(&blk, IR_I32, 0x10);
    ir_st_env(&blk, IR_I32, 0x20, t);
    ir_st_env(&blk, IR_I32, 0x24, v);
    ir_exit(&blk, 0);
    run();
    g_assert_cmpint(def_of(t)->op, ==, IR_OP_ld_env);
    ir_block_free(&blk);
}

static void test_redundant_store(void)
{
    /* storing back the value just loaded is dropped */
    ir_block_init(&blk, 0, 0);
    IrTemp v = ir_ld_env(&blk, IR_I32, 0x8);
    ir_st_env(&blk, IR_I32, 0x8, v);
    ir_exit(&blk, 0);
    run();
    g_assert_cmpuint(count_op(IR_OP_st_env), ==, 0);
    ir_block_free(&blk);
}

/* st_env [0x10] a; <between>; st_env [0x10] b; exit: is the first dropped? */
static bool first_store_dropped(Between *between)
{
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I64, 0x40), b = ir_ld_env(&blk, IR_I64, 0x48);
    ir_st_env(&blk, IR_I64, 0x10, a);
    between();
    ir_st_env(&blk, IR_I64, 0x10, b);
    ir_exit(&blk, 0);
    unsigned before = count_op(IR_OP_st_env);
    run();
    bool dropped = count_op(IR_OP_st_env) == before - 1;
    /* the last store always survives */
    g_assert_cmpuint(blk.insns[blk.ninsns - 2].op, ==, IR_OP_st_env);
    g_assert_cmpuint(blk.insns[blk.ninsns - 2].use[0], ==, b);
    ir_block_free(&blk);
    return dropped;
}

static void read_slot(void) { ir_st_env(&blk, IR_I32, 0x50, ir_ld_env(&blk, IR_I32, 0x14)); }
static void read_other(void) { ir_st_env(&blk, IR_I32, 0x50, ir_ld_env(&blk, IR_I32, 0x18)); }
static void insn_start(void) { ir_insn_start(&blk, 0x1004); }
static void mid_exit(void)
{
    IrLabel l = ir_new_label(&blk);
    ir_goto_tb(&blk, 0, 0x2000);
    ir_label(&blk, l);
}

static void test_dead_stores(void)
{
    g_assert_true(first_store_dropped(nothing));
    g_assert_true(first_store_dropped(insn_start));
    g_assert_true(first_store_dropped(call_plain));
    g_assert_true(first_store_dropped(call_pure));
    g_assert_true(first_store_dropped(call_writes));
    g_assert_true(first_store_dropped(read_other));
    g_assert_true(first_store_dropped(other_slot));
    g_assert_false(first_store_dropped(read_slot));      /* partial overlap read */
    g_assert_false(first_store_dropped(faulting_load));  /* state exact at faults */
    g_assert_false(first_store_dropped(faulting_store));
    g_assert_false(first_store_dropped(call_reads));
    g_assert_false(first_store_dropped(call_raise));
    g_assert_true(first_store_dropped(label));
    g_assert_false(first_store_dropped(mid_exit));
}

static void test_dead_store_partial(void)
{
    /* an i64 store covered by two later i32 stores is dead; covered by one
     * only half, it stays */
    ir_block_init(&blk, 0, 0);
    IrTemp q = ir_ld_env(&blk, IR_I64, 0x40), w = ir_ld_env(&blk, IR_I32, 0x48);
    ir_st_env(&blk, IR_I64, 0x10, q);
    ir_st_env(&blk, IR_I32, 0x10, w);
    ir_st_env(&blk, IR_I32, 0x14, w);
    ir_exit(&blk, 0);
    run();
    g_assert_cmpuint(count_op(IR_OP_st_env), ==, 2);
    ir_block_free(&blk);

    ir_block_init(&blk, 0, 0);
    q = ir_ld_env(&blk, IR_I64, 0x40), w = ir_ld_env(&blk, IR_I32, 0x48);
    ir_st_env(&blk, IR_I64, 0x10, q);
    ir_st_env(&blk, IR_I32, 0x14, w);
    ir_exit(&blk, 0);
    run();
    g_assert_cmpuint(count_op(IR_OP_st_env), ==, 2);
    ir_block_free(&blk);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ir/env/forwarding", test_forwarding);
    g_test_add_func("/ir/env/forwarding_types", test_forwarding_types);
    g_test_add_func("/ir/env/redundant_store", test_redundant_store);
    g_test_add_func("/ir/env/dead_stores", test_dead_stores);
    g_test_add_func("/ir/env/dead_store_partial", test_dead_store_partial);
    return g_test_run();
}
