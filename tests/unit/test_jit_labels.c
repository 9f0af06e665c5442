/* tests/unit/test_jit_labels.c — values that live across labels inside a
 * block, on every backend built in (see backend_test.h). The JIT keeps a
 * value in its register at a label that every way in agrees on and makes
 * the fall-through agree (regalloc.c); these blocks give the ways in
 * different register states: a helper call on one side (caller-saved
 * registers lost, values moved or spilled), more live values than host
 * registers, a value redefined in place on one side, constants known on
 * every way in or only on some, float constants, three ways into one
 * label, a label only branched to, a loop head also entered by a forward
 * branch, and a value written after a merge that a later branch needs.
 * Each block runs every way through; the expected values come from the
 * same computation in plain C.
 */
#include "backend_test.h"
#include "util/fbits.h"

enum { NINT = 16, NFLOAT = 10 };

static void helper_clobber(CpuCommon *env)
{
    ((TestCpu *)env)->r[46]++;
}

static uint64_t helper_twice(CpuCommon *env, uint64_t x)
{
    (void)env;
    return x * 2;
}

static void helper_note_pc(CpuCommon *env)
{
    ((TestCpu *)env)->r[45] = env->insn_pc;
}

static const IrHelper h_clobber = {"clobber", (void *)helper_clobber, IR_HELPER_WRITES_ENV, false, IR_I32, 0, {0}};
static const IrHelper h_note_pc = {"note_pc", (void *)helper_note_pc, IR_HELPER_WRITES_ENV, false, IR_I32, 0, {0}};
static const IrHelper h_twice = {"twice", (void *)helper_twice, IR_HELPER_PURE, true, IR_I64, 1, {IR_I64}};

static uint64_t input(unsigned i)
{
    return 0x9e3779b97f4a7c15ull * (i + 1) ^ (uint64_t)i << 40;
}

static uint64_t rotl(uint64_t x, unsigned n)
{
    return n % 64 ? x << n % 64 | x >> (64 - n % 64) : x;
}

/* Many values live across a diamond whose slow side calls a helper and
 * whose fast side redefines one of them in place; then a second branch
 * over another call. way bit 0: the slow side; bit 1: skip the second. */
static void test_diamond_with_call(void)
{
    for (unsigned way = 0; way < 4; way++) {
        bt_reset();
        bt_cpu.r[1] = way;
        for (unsigned i = 0; i < NINT; i++)
            bt_cpu.r[2 + i] = input(i);
        IrBlock *b = bt_block(0x1000);
        IrTemp sel = ir_ld_env(b, IR_I64, OFF_R(1));
        IrTemp v[NINT], f[NFLOAT];
        for (unsigned i = 0; i < NINT; i++)
            v[i] = ir_ld_env(b, i % 4 ? IR_I64 : IR_I32, OFF_R(2 + i));
        for (unsigned i = 0; i < NFLOAT; i++)
            f[i] = ir_cvt(b, IR_OP_cvt_s64_f, IR_F64, ir_addi(b, sel, i + 1), 0);
        IrTemp k = ir_const64(b, 0x1122334455667788ull);
        IrTemp kf = ir_const_f64(b, 1.5);
        IrLabel slow = ir_new_label(b), done = ir_new_label(b), skip = ir_new_label(b);
        ir_brcond(b, IR_NE, ir_andi(b, sel, 1), ir_const64(b, 0), slow);
        ir_mov_to(b, v[1], ir_add(b, v[1], k));
        ir_br(b, done);
        ir_label(b, slow);
        ir_call(b, &h_clobber, NULL);
        ir_mov_to(b, v[2], ir_opi(b, IR_OP_mul, v[2], 3));
        ir_label(b, done);
        ir_brcond(b, IR_NE, ir_andi(b, sel, 2), ir_const64(b, 0), skip);
        ir_mov_to(b, v[5], ir_call(b, &h_twice, &v[5]));
        ir_call(b, &h_clobber, NULL);
        ir_label(b, skip);
        IrTemp sum = k, fsum = ir_op2(b, IR_OP_fmul, kf, kf);
        for (unsigned i = 0; i < NINT; i++) {
            IrTemp x = i % 4 ? v[i] : ir_ext_i32u(b, v[i]);
            sum = ir_add(b, ir_op2(b, IR_OP_rotl, sum, ir_const64(b, 7)), x);
        }
        for (unsigned i = 0; i < NFLOAT; i++)
            fsum = ir_op2(b, IR_OP_fadd, fsum, ir_op2(b, IR_OP_fmul, f[i], kf));
        ir_st_env(b, IR_F64, OFF_R(40), fsum);
        bt_finish(b, sum);
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);

        uint64_t x[NINT], want = 0x1122334455667788ull;
        for (unsigned i = 0; i < NINT; i++)
            x[i] = input(i) & (i % 4 ? ~0ull : 0xffffffffull);
        if (way & 1)
            x[2] *= 3;
        else
            x[1] += 0x1122334455667788ull;
        if (!(way & 2))
            x[5] *= 2;
        for (unsigned i = 0; i < NINT; i++)
            want = rotl(want, 7) + x[i];
        double fwant = 1.5 * 1.5;
        for (unsigned i = 0; i < NFLOAT; i++)
            fwant += (double)(way + i + 1) * 1.5;
        g_assert_cmphex(bt_cpu.r[0], ==, want);
        g_assert_cmpfloat(f64_of_bits(bt_cpu.r[40]), ==, fwant);
        g_assert_cmpuint(bt_cpu.r[46], ==, (way & 1) + !(way & 2));
    }
}

/* Three ways into one label: two brconds and the fall-through, each
 * with its own value in `x` and with the constant `c` redefined on one,
 * while `k` stays the same constant on all. */
static void test_three_ways(void)
{
    for (unsigned way = 0; way < 3; way++) {
        bt_reset();
        bt_cpu.r[1] = way;
        bt_cpu.r[2] = 1000;
        IrBlock *b = bt_block(0x1000);
        IrTemp sel = ir_ld_env(b, IR_I64, OFF_R(1));
        IrTemp x = ir_ld_env(b, IR_I64, OFF_R(2));
        IrTemp k = ir_const64(b, 0xabcdef0123ull);
        IrTemp c = ir_const64(b, 5);
        IrLabel join = ir_new_label(b);
        ir_brcond(b, IR_EQ, sel, ir_const64(b, 0), join);
        ir_mov_to(b, x, ir_add(b, x, k));
        ir_mov_to(b, c, ir_const64(b, 9));
        ir_brcond(b, IR_EQ, sel, ir_const64(b, 1), join);
        ir_mov_to(b, x, ir_call(b, &h_twice, &x));
        ir_label(b, join);
        ir_st_env(b, IR_I64, OFF_R(3), ir_add(b, x, c));
        bt_finish(b, ir_xor(b, x, k));
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);

        uint64_t k0 = 0xabcdef0123ull, x0 = way == 0 ? 1000 : 1000 + k0;
        if (way == 2)
            x0 *= 2;
        g_assert_cmphex(bt_cpu.r[0], ==, x0 ^ k0);
        g_assert_cmphex(bt_cpu.r[3], ==, x0 + (way == 0 ? 5 : 9));
    }
}

/* A label only branched to (the code above it ends with a br), reached
 * by two branches that leave different values in registers, and a float
 * constant the fall-through of the first lost to a call. */
static void test_branched_only(void)
{
    for (unsigned way = 0; way < 2; way++) {
        bt_reset();
        bt_cpu.r[1] = way;
        bt_cpu.r[2] = 77;
        IrBlock *b = bt_block(0x1000);
        IrTemp sel = ir_ld_env(b, IR_I64, OFF_R(1));
        IrTemp x = ir_ld_env(b, IR_I64, OFF_R(2));
        IrTemp half = ir_const_f64(b, 0.5);
        IrTemp h = ir_op2(b, IR_OP_fmul, half, half); /* half in an XMM register */
        IrLabel target = ir_new_label(b);
        ir_brcond(b, IR_NE, sel, ir_const64(b, 0), target);
        ir_call(b, &h_clobber, NULL);
        ir_mov_to(b, x, ir_addi(b, x, 100));
        ir_br(b, target);
        ir_label(b, target);
        ir_st_env(b, IR_F64, OFF_R(4), ir_op2(b, IR_OP_fadd, h, half));
        bt_finish(b, x);
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
        g_assert_cmpuint(bt_cpu.r[0], ==, way ? 77 : 177);
        g_assert_cmpfloat(f64_of_bits(bt_cpu.r[4]), ==, 0.75);
        g_assert_cmpuint(bt_cpu.r[46], ==, !way);
    }
}

/* A loop head that a forward branch also enters, skipping the set-up on
 * one of the ways. */
static void test_loop_head_entered_forward(void)
{
    for (unsigned way = 0; way < 2; way++) {
        bt_reset();
        bt_cpu.r[1] = way;
        IrBlock *b = bt_block(0x1000);
        IrTemp sel = ir_ld_env(b, IR_I64, OFF_R(1));
        IrTemp sum = ir_const64(b, 1), i = ir_const64(b, 4);
        IrLabel loop = ir_new_label(b), out = ir_new_label(b);
        ir_brcond(b, IR_NE, sel, ir_const64(b, 0), loop);
        ir_mov_to(b, sum, ir_const64(b, 100));
        ir_mov_to(b, i, ir_const64(b, 6));
        ir_label(b, loop);
        ir_mov_to(b, sum, ir_add(b, ir_add(b, sum, sum), i));
        ir_mov_to(b, i, ir_sub(b, i, ir_const64(b, 1)));
        ir_brcond(b, IR_EQ, i, ir_const64(b, 0), out);
        ir_br(b, loop);
        ir_label(b, out);
        bt_finish(b, sum);
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
        uint64_t s = way ? 1 : 100;
        for (uint64_t n = way ? 4 : 6; n; n--)
            s = 2 * s + n;
        g_assert_cmpuint(bt_cpu.r[0], ==, s);
    }
}

/* A value kept in its register at a merge but written on the way that
 * falls in (its slot stale there), then needed by a later branch's
 * target after a call on that branch's fall-through. */
static void test_written_after_merge(void)
{
    for (unsigned way = 0; way < 4; way++) {
        bt_reset();
        bt_cpu.r[1] = way;
        bt_cpu.r[2] = 40;
        IrBlock *b = bt_block(0x1000);
        IrTemp sel = ir_ld_env(b, IR_I64, OFF_R(1));
        IrTemp t = ir_ld_env(b, IR_I64, OFF_R(2));
        IrLabel first = ir_new_label(b), second = ir_new_label(b);
        ir_brcond(b, IR_NE, ir_andi(b, sel, 1), ir_const64(b, 0), first);
        ir_mov_to(b, t, ir_addi(b, t, 2));
        ir_label(b, first);
        ir_mov_to(b, t, ir_addi(b, t, 1));
        ir_brcond(b, IR_NE, ir_andi(b, sel, 2), ir_const64(b, 0), second);
        ir_call(b, &h_clobber, NULL);
        ir_mov_to(b, t, ir_opi(b, IR_OP_mul, t, 10));
        ir_label(b, second);
        bt_finish(b, t);
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
        uint64_t want = 40 + (way & 1 ? 0 : 2) + 1;
        if (!(way & 2))
            want *= 10;
        g_assert_cmpuint(bt_cpu.r[0], ==, want);
    }
}

/* A helper after a label reads env->insn_pc before any insn_start of
 * its own: the guest instruction of whichever way came in, two of them
 * branches from different instructions. */
static void test_insn_pc_on_each_way(void)
{
    for (unsigned way = 0; way < 3; way++) {
        bt_reset();
        bt_cpu.r[1] = way;
        IrBlock *b = bt_block(0x1000);
        IrLabel join = ir_new_label(b);
        ir_insn_start(b, 0x1000);
        IrTemp sel = ir_ld_env(b, IR_I64, OFF_R(1));
        ir_brcond(b, IR_EQ, sel, ir_const64(b, 0), join);
        ir_insn_start(b, 0x1004);
        ir_brcond(b, IR_EQ, sel, ir_const64(b, 1), join);
        ir_insn_start(b, 0x1008);
        ir_st_env(b, IR_I64, OFF_R(2), sel);
        ir_label(b, join);
        ir_call(b, &h_note_pc, NULL);
        ir_insn_start(b, 0x100c);
        bt_finish(b, sel);
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
        g_assert_cmphex(bt_cpu.r[45], ==, 0x1000 + 4 * way);
    }
}

static const BackendTest tests[] = {
    {"labels/diamond_with_call", test_diamond_with_call},
    {"labels/three_ways", test_three_ways},
    {"labels/branched_only", test_branched_only},
    {"labels/loop_head_entered_forward", test_loop_head_entered_forward},
    {"labels/written_after_merge", test_written_after_merge},
    {"labels/insn_pc_on_each_way", test_insn_pc_on_each_way},
};

int main(int argc, char **argv)
{
    bt_init(&argc, &argv);
    bt_add(tests, G_N_ELEMENTS(tests));
    return bt_run();
}
