/* tests/unit/test_opt_env_labels.c — opt_env at labels inside a block:
 * a load after a label is forwarded when every way in leaves the slot
 * holding the same temp (the branches and the fall-through, or the
 * branches alone after a br), not when one way stores another value,
 * redefines the temp or writes env through a helper, nor at a loop head;
 * a store is dropped when every way out overwrites it before env can be
 * observed, not when one way reaches an exit first, and a store in a
 * loop stays when the next pass reads it. */
#include <glib.h>

#include "ir/ir.h"
#include "ir/opt.h"

enum { SLOT = 0x10, OTHER = 0x40, SEL = 0x80 };

static IrBlock blk;

static const IrHelper h_writes = {.name = "writes", .flags = IR_HELPER_WRITES_ENV, .nargs = 0};

static void optimize(void)
{
    char err[200];
    g_assert_true(ir_verify(&blk, NULL, 0));
    opt_env(&blk);
    if (!ir_verify(&blk, err, sizeof(err)))
        g_error("%s", err);
}

static const IrInsn *def_of(IrTemp t)
{
    for (uint32_t i = 0; i < blk.ninsns; i++) {
        if (blk.insns[i].def[0] == t)
            return &blk.insns[i];
    }
    g_error("t%u has no definition", t);
}

static unsigned count_op(IrOpcode op)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < blk.ninsns; i++)
        n += blk.insns[i].op == op;
    return n;
}

static IrTemp selector(void)
{
    return ir_ld_env(&blk, IR_I64, SEL);
}

/* v = ld [SLOT]; <ways into a label>; t = ld [SLOT]: is t v? */
typedef void Ways(IrTemp v);
static bool forwarded(Ways *ways)
{
    ir_block_init(&blk, 0, 0);
    IrTemp v = ir_ld_env(&blk, IR_I64, SLOT);
    ways(v);
    IrTemp t = ir_ld_env(&blk, IR_I64, SLOT);
    ir_st_env(&blk, IR_I64, OTHER, t);
    ir_exit(&blk, 0);
    optimize();
    const IrInsn *d = def_of(t);
    bool fwd = d->op == IR_OP_mov && d->use[0] == v;
    g_assert_true(fwd || d->op == IR_OP_ld_env);
    ir_block_free(&blk);
    return fwd;
}

/* brcond over code that leaves SLOT alone */
static void skip_other_store(IrTemp v)
{
    (void)v;
    IrLabel l = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_st_env(&blk, IR_I64, OTHER, ir_const64(&blk, 3));
    ir_label(&blk, l);
}

/* brcond over a store of the value SLOT holds already */
static void skip_same_store(IrTemp v)
{
    IrLabel l = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_st_env(&blk, IR_I64, OTHER, v);
    ir_st_env(&blk, IR_I64, SLOT, v);
    ir_label(&blk, l);
}

/* a diamond: both sides end at the label, one with a br */
static void diamond(IrTemp v)
{
    (void)v;
    IrLabel other = ir_new_label(&blk), done = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), other);
    ir_st_env(&blk, IR_I64, OTHER, ir_const64(&blk, 1));
    ir_br(&blk, done);
    ir_label(&blk, other);
    ir_st_env(&blk, IR_I64, OTHER, ir_const64(&blk, 2));
    ir_label(&blk, done);
}

/* one side stores another value */
static void skip_store(IrTemp v)
{
    (void)v;
    IrLabel l = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_st_env(&blk, IR_I64, SLOT, ir_const64(&blk, 5));
    ir_label(&blk, l);
}

/* the branch is taken before SLOT holds v again: v was redefined */
static void redefined_before_branch(IrTemp v)
{
    IrLabel l = ir_new_label(&blk);
    ir_mov_to(&blk, v, ir_const64(&blk, 7));
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_st_env(&blk, IR_I64, SLOT, v);
    ir_label(&blk, l);
}

/* v redefined on the fall-through only: SLOT holds v's old value there */
static void redefined_on_one_side(IrTemp v)
{
    IrLabel l = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_mov_to(&blk, v, ir_const64(&blk, 7));
    ir_label(&blk, l);
}

/* one side calls a helper that writes env */
static void skip_env_writer(IrTemp v)
{
    (void)v;
    IrLabel l = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_call(&blk, &h_writes, NULL);
    ir_label(&blk, l);
}

/* a loop whose body leaves SLOT alone: its head is not merged */
static void loop(IrTemp v)
{
    (void)v;
    IrLabel top = ir_new_label(&blk);
    IrTemp n = ir_const64(&blk, 3);
    ir_label(&blk, top);
    ir_mov_to(&blk, n, ir_sub(&blk, n, ir_const64(&blk, 1)));
    ir_brcond(&blk, IR_NE, n, ir_const64(&blk, 0), top);
}

static void test_forwarding(void)
{
    g_assert_true(forwarded(skip_other_store));
    g_assert_true(forwarded(skip_same_store));
    g_assert_true(forwarded(diamond));
    g_assert_false(forwarded(skip_store));
    g_assert_false(forwarded(redefined_before_branch));
    g_assert_false(forwarded(redefined_on_one_side));
    g_assert_false(forwarded(skip_env_writer));
    g_assert_false(forwarded(loop));
}

/* The slot is known on the way in only from the branches: a store on
 * both sides of a diamond, of one temp. */
static void test_known_from_both_sides(void)
{
    ir_block_init(&blk, 0, 0);
    IrTemp v = ir_ld_env(&blk, IR_I64, OTHER);
    IrLabel other = ir_new_label(&blk), done = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), other);
    ir_st_env(&blk, IR_I64, SLOT, v);
    ir_br(&blk, done);
    ir_label(&blk, other);
    ir_st_env(&blk, IR_I64, SLOT, v);
    ir_label(&blk, done);
    IrTemp t = ir_ld_env(&blk, IR_I64, SLOT);
    ir_st_env(&blk, IR_I64, OTHER + 8, t);
    ir_exit(&blk, 0);
    optimize();
    g_assert_cmpint(def_of(t)->op, ==, IR_OP_mov);
    g_assert_cmpuint(def_of(t)->use[0], ==, v);
    ir_block_free(&blk);
}

/* st [SLOT] a; <ways on>; exit: is the first store dropped? */
static bool first_store_dropped(Ways *ways)
{
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I64, OTHER);
    ir_st_env(&blk, IR_I64, SLOT, a);
    ways(a);
    ir_exit(&blk, 0);
    bool dropped = true;
    optimize();
    for (uint32_t i = 0; i < blk.ninsns; i++) {
        const IrInsn *in = &blk.insns[i];
        if (in->op == IR_OP_st_env && in->imm == SLOT && in->use[0] == a)
            dropped = false;
    }
    ir_block_free(&blk);
    return dropped;
}

/* both ways out overwrite SLOT */
static void both_overwrite(IrTemp a)
{
    (void)a;
    IrLabel l = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_st_env(&blk, IR_I64, SLOT, ir_const64(&blk, 1));
    ir_label(&blk, l);
    ir_st_env(&blk, IR_I64, SLOT, ir_const64(&blk, 2));
}

/* a br to a label that overwrites SLOT; the code skipped is unreachable */
static void br_to_overwrite(IrTemp a)
{
    (void)a;
    IrLabel l = ir_new_label(&blk);
    ir_br(&blk, l);
    ir_label(&blk, ir_new_label(&blk));
    ir_label(&blk, l);
    ir_st_env(&blk, IR_I64, SLOT, ir_const64(&blk, 2));
}

/* only the fall-through overwrites SLOT */
static void one_overwrites(IrTemp a)
{
    (void)a;
    IrLabel l = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_st_env(&blk, IR_I64, SLOT, ir_const64(&blk, 1));
    ir_label(&blk, l);
}

/* the branch goes to an exit, the fall-through overwrites SLOT */
static void branch_to_exit(IrTemp a)
{
    (void)a;
    IrLabel l = ir_new_label(&blk), on = ir_new_label(&blk);
    ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
    ir_st_env(&blk, IR_I64, SLOT, ir_const64(&blk, 1));
    ir_br(&blk, on);
    ir_label(&blk, l);
    ir_exit(&blk, 1);
    ir_label(&blk, on);
}

/* a loop whose body overwrites SLOT first thing: its first pass does */
static void loop_overwrites(IrTemp a)
{
    (void)a;
    IrLabel top = ir_new_label(&blk);
    IrTemp n = ir_const64(&blk, 3);
    ir_label(&blk, top);
    ir_st_env(&blk, IR_I64, SLOT, n);
    ir_mov_to(&blk, n, ir_sub(&blk, n, ir_const64(&blk, 1)));
    ir_brcond(&blk, IR_NE, n, ir_const64(&blk, 0), top);
}

/* a loop whose body reads SLOT before it stores it, then SLOT stored
 * after the loop: the body's store is read by the next pass */
static void loop_reads_back(IrTemp a)
{
    (void)a;
    IrLabel top = ir_new_label(&blk);
    ir_label(&blk, top);
    IrTemp x = ir_ld_env(&blk, IR_I64, SLOT);
    ir_st_env(&blk, IR_I64, SLOT, ir_addi(&blk, x, 1));
    ir_brcond(&blk, IR_NE, x, ir_const64(&blk, 9), top);
    ir_st_env(&blk, IR_I64, SLOT, ir_const64(&blk, 5));
}

/* How many ops of kind op a block of first_store_dropped's shape keeps. */
static unsigned count_op_after(Ways *ways, IrOpcode op)
{
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_ld_env(&blk, IR_I64, OTHER);
    ir_st_env(&blk, IR_I64, SLOT, a);
    ways(a);
    ir_exit(&blk, 0);
    optimize();
    unsigned n = count_op(op);
    ir_block_free(&blk);
    return n;
}

static void test_dead_stores(void)
{
    g_assert_true(first_store_dropped(both_overwrite));
    g_assert_true(first_store_dropped(br_to_overwrite));
    g_assert_false(first_store_dropped(one_overwrites));
    g_assert_false(first_store_dropped(branch_to_exit));
    g_assert_true(first_store_dropped(loop_overwrites));
    g_assert_false(first_store_dropped(loop_reads_back));
    g_assert_cmpuint(count_op_after(loop_reads_back, IR_OP_st_env), ==, 3);
}

/* A store on one side of a diamond is dead when the join overwrites the
 * same bytes with two narrower stores; one that covers half stays. */
static void test_dead_store_partial_at_join(void)
{
    for (int halves = 1; halves <= 2; halves++) {
        ir_block_init(&blk, 0, 0);
        IrLabel l = ir_new_label(&blk);
        ir_brcond(&blk, IR_EQ, selector(), ir_const64(&blk, 0), l);
        ir_st_env(&blk, IR_I64, SLOT, ir_ld_env(&blk, IR_I64, OTHER));
        ir_label(&blk, l);
        for (int h = 0; h < halves; h++)
            ir_st_env(&blk, IR_I32, SLOT + 4 * h, ir_const32(&blk, 1));
        ir_exit(&blk, 0);
        unsigned before = count_op(IR_OP_st_env);
        optimize();
        g_assert_cmpuint(count_op(IR_OP_st_env), ==, halves == 2 ? before - 1 : before);
        ir_block_free(&blk);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/opt_env/labels/forwarding", test_forwarding);
    g_test_add_func("/opt_env/labels/known_from_both_sides", test_known_from_both_sides);
    g_test_add_func("/opt_env/labels/dead_stores", test_dead_stores);
    g_test_add_func("/opt_env/labels/dead_store_partial_at_join", test_dead_store_partial_at_join);
    return g_test_run();
}
