/* tests/unit/test_backend_flow.c — control flow and calls on every
 * backend built in (see backend_test.h): loops and values merged at
 * labels, insn_start and exits, goto_tb slots linked, relinked and
 * unlinked through set_jump, exit_request at chained entries, goto_ptr
 * through the jump cache, return prediction (push_ret and goto_ptr
 * IR_GOTO_RETURN: hits, misses, an unlinked return slot, calls deeper
 * than the return stack), helper calls with four mixed int/float
 * arguments among live values, a helper leaving through cpu_loop_exit(),
 * more values live at once than the host has registers, and a block of
 * thousands of temps.
 */
#include <stddef.h>

#include "backend_test.h"
#include "util/fbits.h"

static void test_br_loop(void)
{
    /* sum = 0; i = 10; loop: sum += i; i -= 1; if (i != 0) goto loop */
    bt_reset();
    IrBlock *b = bt_block(0x1000);
    IrTemp sum = ir_const64(b, 0), i = ir_const64(b, 10), one = ir_const64(b, 1), zero = ir_const64(b, 0);
    IrLabel loop = ir_new_label(b), out = ir_new_label(b);
    ir_label(b, loop);
    ir_mov_to(b, sum, ir_add(b, sum, i));
    ir_mov_to(b, i, ir_sub(b, i, one));
    ir_brcond(b, IR_EQ, i, zero, out);
    ir_br(b, loop);
    ir_label(b, out);
    bt_finish(b, sum);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmpuint(bt_cpu.r[0], ==, 55);
}

/* Values merged at a label from both sides of a branch, in both widths,
 * with a value defined before the branch read after it. */
static void test_merge(void)
{
    for (int taken = 0; taken < 2; taken++) {
        bt_reset();
        bt_cpu.r[1] = (uint64_t)taken;
        bt_cpu.r[2] = 0x1234;
        IrBlock *b = bt_block(0x1000);
        IrTemp flag = ir_ld_env(b, IR_I64, OFF_R(1));
        IrTemp keep = ir_ld_env(b, IR_I64, OFF_R(2));
        IrTemp v32 = ir_const32(b, 7), v64 = ir_const64(b, 0x100000000ull);
        IrLabel skip = ir_new_label(b);
        ir_brcond(b, IR_NE, flag, ir_const64(b, 0), skip);
        ir_mov_to(b, v32, ir_const32(b, 0xfffffff9u));
        ir_mov_to(b, v64, ir_addi(b, keep, 1));
        ir_label(b, skip);
        ir_st_env(b, IR_I64, OFF_R(3), ir_add(b, ir_ext_i32s(b, v32), v64));
        bt_finish(b, keep);
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
        g_assert_cmphex(bt_cpu.r[3], ==, taken ? 0x100000007ull : 0x1235 - 7);
        g_assert_cmphex(bt_cpu.r[0], ==, 0x1234);
    }
}

/* --- helper calls -------------------------------------------------------- */

static uint64_t helper_mix(CpuCommon *env, uint32_t a, uint64_t b, double c, float d)
{
    return (uint64_t)a * 3 + b + (uint64_t)(c * 2) + (uint64_t)d + ((TestCpu *)env)->r[5];
}

static double helper_half(CpuCommon *env, double x)
{
    (void)env;
    return x * 0.5;
}

static float helper_negf(CpuCommon *env, float x)
{
    (void)env;
    return -x;
}

static uint32_t helper_inc32(CpuCommon *env, uint32_t x)
{
    (void)env;
    return x + 1;
}

static void helper_mark(CpuCommon *env)
{
    ((TestCpu *)env)->r[46] = 99;
}

static const IrHelper h_mix = {
    "mix", (void *)helper_mix, 0, true, IR_I64, 4, {IR_I32, IR_I64, IR_F64, IR_F32}};
static const IrHelper h_half = {"half", (void *)helper_half, IR_HELPER_PURE, true, IR_F64, 1, {IR_F64}};
static const IrHelper h_negf = {"negf", (void *)helper_negf, IR_HELPER_PURE, true, IR_F32, 1, {IR_F32}};
static const IrHelper h_inc32 = {"inc32", (void *)helper_inc32, IR_HELPER_PURE, true, IR_I32, 1, {IR_I32}};
static const IrHelper h_mark = {"mark", (void *)helper_mark, IR_HELPER_WRITES_ENV, false, IR_I32, 0, {0}};

static void test_call(void)
{
    bt_reset();
    bt_cpu.r[1] = 0xfffffffeu; /* i32 arg */
    bt_cpu.r[2] = 1000;
    bt_cpu.r[3] = bits_of_f64(10.25);
    bt_cpu.r[4] = bits_of_f32(7.75f);
    bt_cpu.r[5] = 100000;
    IrBlock *b = bt_block(0x1000);
    IrTemp args[4] = {ir_ld_env(b, IR_I32, OFF_R(1)), ir_ld_env(b, IR_I64, OFF_R(2)),
                      ir_ld_env(b, IR_F64, OFF_R(3)), ir_ld_env(b, IR_F32, OFF_R(4))};
    ir_st_env(b, IR_I64, OFF_R(0), ir_call(b, &h_mix, args));
    ir_st_env(b, IR_F64, OFF_R(7), ir_call(b, &h_half, &args[2]));
    ir_st_env(b, IR_F32, OFF_R1_OUT, ir_call(b, &h_negf, &args[3]));
    IrTemp inc = ir_call(b, &h_inc32, args);
    IrTemp inc2 = ir_call(b, &h_inc32, &inc); /* wraps to 0 */
    ir_st_env(b, IR_I64, OFF_R(1), ir_ext_i32u(b, inc2));
    g_assert_cmpuint(ir_call(b, &h_mark, NULL), ==, 0);
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmpuint(bt_cpu.r[0], ==, 0xfffffffeull * 3 + 1000 + 20 + 7 + 100000);
    g_assert_cmpfloat(f64_of_bits(bt_cpu.r[7]), ==, 5.125);
    g_assert_cmpfloat(f32_of_bits(bt_cpu.r1_out), ==, -7.75f);
    g_assert_cmphex(bt_cpu.r[1], ==, 0);
    g_assert_cmpuint(bt_cpu.r[46], ==, 99);
}

/* Helpers of four arguments in every order of the two register classes;
 * each mixes the bits of what it got, so a swapped or clobbered argument
 * shows. */
static uint64_t mixbits(uint64_t acc, uint64_t v)
{
    return (acc ^ v) * 0x9e3779b97f4a7c15ull + (acc >> 29);
}

static double helper_fifd(CpuCommon *env, float a, int64_t b, double c, int32_t d)
{
    (void)env;
    return f64_of_bits(mixbits(mixbits(mixbits(bits_of_f32(a), (uint64_t)b), bits_of_f64(c)), (uint32_t)d) >>
                       12);
}

static uint32_t helper_ddii(CpuCommon *env, double a, double b, uint32_t c, uint32_t d)
{
    (void)env;
    return (uint32_t)(mixbits(mixbits(mixbits(bits_of_f64(a), bits_of_f64(b)), c), d) >> 17);
}

static float helper_iffl(CpuCommon *env, uint32_t a, float b, float c, uint64_t d)
{
    (void)env;
    return f32_of_bits((uint32_t)(mixbits(mixbits(mixbits(a, bits_of_f32(b)), bits_of_f32(c)), d) >> 40) &
                       0x3fffffffu);
}

static uint64_t helper_llll(CpuCommon *env, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    return mixbits(mixbits(mixbits(mixbits(a, b), c), d), ((TestCpu *)env)->r[47]);
}

static const IrHelper h_fifd = {"fifd", (void *)helper_fifd, IR_HELPER_PURE, true, IR_F64, 4,
                                {IR_F32, IR_I64, IR_F64, IR_I32}};
static const IrHelper h_ddii = {"ddii", (void *)helper_ddii, IR_HELPER_PURE, true, IR_I32, 4,
                                {IR_F64, IR_F64, IR_I32, IR_I32}};
static const IrHelper h_iffl = {"iffl", (void *)helper_iffl, IR_HELPER_PURE, true, IR_F32, 4,
                                {IR_I32, IR_F32, IR_F32, IR_I64}};
static const IrHelper h_llll = {"llll", (void *)helper_llll, IR_HELPER_READS_ENV, true, IR_I64, 4,
                                {IR_I64, IR_I64, IR_I64, IR_I64}};

enum { MIXED_LIVE = 24 };

static uint64_t live_input(unsigned i)
{
    return 0x0101010101010101ull * (i + 1) ^ (uint64_t)i << 60;
}

/* Twenty-four values (integers and floats) live across four calls whose
 * arguments come from among them and from constants; every value and
 * every result is checked against the helpers called from C. */
static void test_call_mixed_args(void)
{
    bt_reset();
    for (unsigned i = 0; i < MIXED_LIVE; i++)
        bt_cpu.r[1 + i] = live_input(i);
    bt_cpu.r[47] = 0x5eed;
    static const IrType kinds[4] = {IR_I64, IR_F64, IR_I32, IR_F32};
    IrBlock *b = bt_block(0x1000);
    IrTemp v[MIXED_LIVE];
    for (unsigned i = 0; i < MIXED_LIVE; i++)
        v[i] = ir_ld_env(b, kinds[i % 4], OFF_R(1 + i));
    /* argument i % 4 of a kind is v[kind + 4 * k] */
    IrTemp a1[4] = {v[3], v[0], v[1], v[2]};                   /* f32 i64 f64 i32 */
    IrTemp a2[4] = {v[5], v[9], v[6], ir_const32(b, 0x77777777u)}; /* f64 f64 i32 i32 */
    IrTemp a3[4] = {v[10], v[7], v[11], v[4]};                 /* i32 f32 f32 i64 */
    IrTemp r1 = ir_call(b, &h_fifd, a1);
    IrTemp r2 = ir_call(b, &h_ddii, a2);
    IrTemp r3 = ir_call(b, &h_iffl, a3);
    IrTemp a4[4] = {v[8], ir_bitcast(b, IR_I64, r1), ir_ext_i32u(b, r2),
                    ir_const64(b, 0xfedcba9876543210ull)};
    IrTemp r4 = ir_call(b, &h_llll, a4);
    for (unsigned i = 0; i < MIXED_LIVE; i++) /* everything is still there */
        ir_st_env(b, kinds[i % 4], OFF_R(1 + i), v[i]);
    ir_st_env(b, IR_F64, OFF_R(30), r1);
    ir_st_env(b, IR_I32, OFF_R(31), r2);
    ir_st_env(b, IR_F32, OFF_R(32), r3);
    bt_finish(b, r4);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);

    uint64_t in[MIXED_LIVE];
    for (unsigned i = 0; i < MIXED_LIVE; i++) {
        in[i] = live_input(i) & bt_mask(kinds[i % 4]);
        g_assert_cmphex(bt_cpu.r[1 + i] & bt_mask(kinds[i % 4]), ==, in[i]);
    }
    double w1 =
        helper_fifd(&bt_cpu.common, f32_of_bits(in[3]), (int64_t)in[0], f64_of_bits(in[1]), (int32_t)in[2]);
    uint32_t w2 =
        helper_ddii(&bt_cpu.common, f64_of_bits(in[5]), f64_of_bits(in[9]), (uint32_t)in[6], 0x77777777u);
    float w3 = helper_iffl(&bt_cpu.common, (uint32_t)in[10], f32_of_bits(in[7]), f32_of_bits(in[11]), in[4]);
    uint64_t w4 = helper_llll(&bt_cpu.common, in[8], bits_of_f64(w1), w2, 0xfedcba9876543210ull);
    g_assert_cmphex(bt_cpu.r[30], ==, bits_of_f64(w1));
    g_assert_cmphex(bt_cpu.r[31], ==, w2);
    g_assert_cmphex(bt_cpu.r[32], ==, bits_of_f32(w3));
    g_assert_cmphex(bt_cpu.r[0], ==, w4);
}

/* A helper that leaves through cpu_loop_exit(): env is exact at the
 * raising instruction, and insn_pc names it. */
static uint32_t helper_raise_odd(CpuCommon *env, uint32_t a)
{
    if (a & 1)
        cpu_loop_exit(env, EXIT_TRAP);
    return a / 2;
}

static const IrHelper h_raise_odd = {"raise_odd", (void *)helper_raise_odd, IR_HELPER_MAY_RAISE, true, IR_I32,
                                     1, {IR_I32}};

static void test_helper_raise(void)
{
    for (uint32_t arg = 6; arg <= 7; arg++) {
        bt_reset();
        bt_cpu.r[1] = arg;
        IrBlock *b = bt_block(0x8000);
        ir_insn_start(b, 0x8000);
        IrTemp x = ir_ld_env(b, IR_I32, OFF_R(1));
        IrTemp k = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(2)), 5);
        ir_st_env(b, IR_I64, OFF_R(2), k);
        ir_insn_start(b, 0x8004);
        IrTemp h = ir_call(b, &h_raise_odd, &x);
        ir_st_env(b, IR_I64, OFF_R(2), ir_addi(b, k, 1));
        ir_st_env(b, IR_I32, OFF_R(3), h);
        ir_st_env(b, IR_I64, OFF_PC, ir_const64(b, 0x8008));
        ir_exit(b, EXIT_HALT);
        ExitReason r = bt_run_block(b);
        if (arg & 1) {
            g_assert_cmpint(r, ==, EXIT_TRAP);
            g_assert_cmphex(bt_cpu.common.pc, ==, 0x8004); /* cpu_loop_exit: pc = insn_pc */
            g_assert_cmpuint(bt_cpu.r[2], ==, 5);          /* the store before the call was done */
            g_assert_cmpuint(bt_cpu.r[3], ==, 0);
        } else {
            g_assert_cmpint(r, ==, EXIT_HALT);
            g_assert_cmphex(bt_cpu.common.pc, ==, 0x8008);
            g_assert_cmpuint(bt_cpu.r[2], ==, 6);
            g_assert_cmpuint(bt_cpu.r[3], ==, 3);
        }
    }
}

/* --- many values live at once ---------------------------------------------- */

enum { WIDE_INT = 40, WIDE_FLOAT = 20 };

/* Forty integers and twenty doubles are loaded before any is used, then
 * each is combined with its own constant (so all products are live too),
 * with a helper call in between; the sums come out in C. */
static void test_many_live(void)
{
    for (int with_call = 0; with_call < 2; with_call++) {
        bt_reset();
        for (unsigned i = 0; i < WIDE_INT; i++)
            bt_cpu.r[1 + i] = live_input(i) ^ (uint64_t)i * 0x1234567;
        IrBlock *b = bt_block(0x1000);
        IrTemp v[WIDE_INT], f[WIDE_FLOAT], p[WIDE_INT];
        for (unsigned i = 0; i < WIDE_INT; i++)
            v[i] = ir_ld_env(b, i % 3 ? IR_I64 : IR_I32, OFF_R(1 + i));
        for (unsigned i = 0; i < WIDE_FLOAT; i++)
            f[i] = ir_cvt(b, IR_OP_cvt_s32_f, IR_F64, ir_const32(b, i * 3 + 1), 0);
        for (unsigned i = 0; i < WIDE_INT; i++)
            p[i] = ir_opi(b, IR_OP_mul, v[i], 2 * i + 1);
        if (with_call)
            ir_call(b, &h_mark, NULL);
        IrTemp isum = ir_const64(b, 0), fsum = ir_const_f64(b, 0.0);
        for (unsigned i = WIDE_INT; i-- > 0;) {
            IrTemp x = i % 3 ? v[i] : ir_ext_i32u(b, v[i]);
            IrTemp y = i % 3 ? p[i] : ir_ext_i32u(b, p[i]);
            isum = ir_add(b, isum, ir_xor(b, x, ir_op2(b, IR_OP_rotl, y, ir_const64(b, i))));
        }
        for (unsigned i = WIDE_FLOAT; i-- > 0;)
            fsum = ir_op2(b, IR_OP_fadd, fsum, ir_op2(b, IR_OP_fmul, f[i], f[i]));
        ir_st_env(b, IR_F64, OFF_R(42), fsum);
        for (unsigned i = 0; i < WIDE_INT; i++) /* the loads are still live */
            ir_st_env(b, i % 3 ? IR_I64 : IR_I32, OFF_R(1 + i), v[i]);
        bt_finish(b, isum);
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);

        uint64_t want = 0;
        double fwant = 0.0;
        for (unsigned i = WIDE_INT; i-- > 0;) {
            uint64_t m = i % 3 ? ~0ull : 0xffffffffull;
            uint64_t x = (live_input(i) ^ (uint64_t)i * 0x1234567) & m;
            uint64_t y = (x * (2 * i + 1)) & m;
            want += x ^ (i ? y << i | y >> (64 - i) : y);
            g_assert_cmphex(bt_cpu.r[1 + i] & m, ==, x);
        }
        for (unsigned i = WIDE_FLOAT; i-- > 0;)
            fwant += (double)(i * 3 + 1) * (double)(i * 3 + 1);
        g_assert_cmphex(bt_cpu.r[0], ==, want);
        g_assert_cmpfloat(f64_of_bits(bt_cpu.r[42]), ==, fwant);
        g_assert_cmpuint(bt_cpu.r[46], ==, with_call ? 99 : 0);
    }
}

/* A block of thousands of temps, entered through a chain from a small
 * one: a backend may go back to the loop in between (the interpreter
 * does, when its frame is too small) but must end with the same state. */
static void test_big_block(void)
{
    bt_reset();
    IrBlock *b = bt_block(0x5000);
    ir_st_env(b, IR_I64, OFF_R(0), ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), 1));
    ir_goto_tb(b, 0, 0x5100);
    TranslationBlock *small = bt_compile(b);
    b = bt_block(0x5100);
    IrTemp acc = ir_ld_env(b, IR_I64, OFF_R(0));
    for (int i = 0; i < 3000; i++)
        acc = ir_addi(b, acc, 1);
    bt_finish(b, acc);
    TranslationBlock *big = bt_compile(b);
    bt_link(small, 0, big);
    ExitReason r = bt_run_tb(small);
    if (r == EXIT_NONE) {
        g_assert_cmphex(bt_cpu.common.pc, ==, 0x5100);
        g_assert_cmpuint(bt_cpu.r[0], ==, 1);
        r = bt_run_tb(big);
    }
    g_assert_cmpint(r, ==, EXIT_HALT);
    g_assert_cmpuint(bt_cpu.r[0], ==, 3001);
    bt_free(small);
    bt_free(big);
}

/* --- guest instruction boundaries and block exits ------------------------ */

static void test_insn_start_exit(void)
{
    bt_reset();
    IrBlock *b = bt_block(0x2000);
    ir_insn_start(b, 0x2000);
    ir_insn_start(b, 0x2004);
    ir_st_env(b, IR_I64, OFF_PC, ir_const64(b, 0x2008));
    ir_exit(b, EXIT_SYSCALL);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_SYSCALL);
    g_assert_cmphex(bt_cpu.common.pc, ==, 0x2008);
}

/* A block at pc that adds k to r[0] and leaves through goto_tb slot to next. */
static TranslationBlock *adder_tb(uint64_t pc, uint64_t k, unsigned slot, uint64_t next)
{
    IrBlock *b = bt_block(pc);
    ir_insn_start(b, pc);
    IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), k);
    ir_st_env(b, IR_I64, OFF_R(0), v);
    ir_goto_tb(b, slot, next);
    return bt_compile(b);
}

/* A block at pc that adds k to r[0], stores pc + 4 and leaves with halt. */
static TranslationBlock *halting_tb(uint64_t pc, uint64_t k)
{
    IrBlock *b = bt_block(pc);
    ir_insn_start(b, pc);
    IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), k);
    ir_st_env(b, IR_I64, OFF_R(0), v);
    ir_st_env(b, IR_I64, OFF_PC, ir_const64(b, pc + 4));
    ir_exit(b, EXIT_HALT);
    return bt_compile(b);
}

static void test_goto_tb(void)
{
    bt_reset();
    TranslationBlock *t1 = adder_tb(0x3000, 1, 1, 0x3100);
    /* unlinked: back to the loop with the slot to link */
    g_assert_cmpint(bt_run_tb(t1), ==, EXIT_NONE);
    g_assert_cmpuint(bt_cpu.r[0], ==, 1);
    g_assert_cmphex(bt_cpu.common.pc, ==, 0x3100);
    g_assert_true(bt_cpu.common.last_tb == t1);
    g_assert_cmpint(bt_cpu.common.last_slot, ==, 1);

    /* linked (as the engine links, set_jump included): t1 -> t2 runs
     * through without returning, t2 leaves by exit */
    TranslationBlock *t2 = halting_tb(0x3100, 10);
    bt_link(t1, 1, t2);
    bt_reset();
    g_assert_cmpint(bt_run_tb(t1), ==, EXIT_HALT);
    g_assert_cmpuint(bt_cpu.r[0], ==, 11);
    g_assert_cmphex(bt_cpu.common.pc, ==, 0x3104);

    /* relinked to another block for the same pc (the first was dropped) */
    TranslationBlock *t2b = halting_tb(0x3100, 20);
    bt_link(t1, 1, t2b);
    bt_reset();
    g_assert_cmpint(bt_run_tb(t1), ==, EXIT_HALT);
    g_assert_cmpuint(bt_cpu.r[0], ==, 21);

    /* unlinked again: back to the loop */
    bt_link(t1, 1, NULL);
    bt_reset();
    g_assert_cmpint(bt_run_tb(t1), ==, EXIT_NONE);
    g_assert_cmpuint(bt_cpu.r[0], ==, 1);
    g_assert_true(bt_cpu.common.last_tb == t1);
    g_assert_cmpint(bt_cpu.common.last_slot, ==, 1);
    bt_link(t1, 1, t2);

    /* exit_request: checked at the entry of the linked block */
    bt_reset();
    IrBlock *b = bt_block(0x3200);
    ir_st_env(b, IR_I32, offsetof(CpuCommon, exit_request), ir_const32(b, 1));
    ir_goto_tb(b, 0, 0x3100);
    TranslationBlock *t3 = bt_compile(b);
    bt_link(t3, 0, t2);
    g_assert_cmpint(bt_run_tb(t3), ==, EXIT_INTERRUPT);
    g_assert_cmphex(bt_cpu.common.pc, ==, 0x3100);
    g_assert_cmpuint(bt_cpu.r[0], ==, 0); /* t2 did not run */
    /* ... and at the entry of the first block, before any effect */
    g_assert_cmpint(bt_run_tb(t1), ==, EXIT_INTERRUPT);
    g_assert_cmphex(bt_cpu.common.pc, ==, 0x3000);
    g_assert_cmpuint(bt_cpu.r[0], ==, 0);

    /* a self loop: around a thousand times through its own linked slot */
    bt_reset();
    b = bt_block(0x3300);
    IrTemp n = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), 1);
    ir_st_env(b, IR_I64, OFF_R(0), n);
    IrLabel done = ir_new_label(b);
    ir_brcond(b, IR_EQ, n, ir_const64(b, 1000), done);
    ir_goto_tb(b, 0, 0x3300);
    ir_label(b, done);
    ir_exit(b, EXIT_HALT);
    TranslationBlock *t4 = bt_compile(b);
    bt_link(t4, 0, t4);
    g_assert_cmpint(bt_run_tb(t4), ==, EXIT_HALT);
    g_assert_cmpuint(bt_cpu.r[0], ==, 1000);
    /* the same loop stopped from outside after 500 rounds */
    bt_cpu.r[0] = 500;
    bt_cpu.common.exit_request = 1;
    g_assert_cmpint(bt_run_tb(t4), ==, EXIT_INTERRUPT);
    g_assert_cmpuint(bt_cpu.r[0], ==, 500);

    /* both slots of one block, each linked to its own successor */
    b = bt_block(0x3400);
    IrLabel other = ir_new_label(b);
    ir_brcond(b, IR_NE, ir_ld_env(b, IR_I64, OFF_R(1)), ir_const64(b, 0), other);
    ir_goto_tb(b, 0, 0x3100);
    ir_label(b, other);
    ir_goto_tb(b, 1, 0x3500);
    TranslationBlock *t5 = bt_compile(b), *t6 = halting_tb(0x3500, 300);
    bt_link(t5, 0, t2);
    bt_link(t5, 1, t6);
    for (int side = 0; side < 2; side++) {
        bt_reset();
        bt_cpu.r[1] = (uint64_t)side;
        g_assert_cmpint(bt_run_tb(t5), ==, EXIT_HALT);
        g_assert_cmpuint(bt_cpu.r[0], ==, side ? 300 : 10);
    }

    bt_free(t1);
    bt_free(t2);
    bt_free(t2b);
    bt_free(t3);
    bt_free(t4);
    bt_free(t5);
    bt_free(t6);
}

static void test_goto_ptr(void)
{
    for (int wide = 0; wide < 2; wide++) {
        bt_reset();
        IrBlock *b = bt_block(0x4000);
        ir_goto_ptr(b, ir_ld_env(b, wide ? IR_I64 : IR_I32, OFF_R(1)));
        TranslationBlock *t1 = bt_compile(b);
        b = bt_block(0x4100);
        ir_st_env(b, IR_I64, OFF_R(0), ir_const64(b, 77));
        ir_exit(b, EXIT_HALT);
        TranslationBlock *t2 = bt_compile(b);

        /* miss: back to the loop with no slot */
        bt_cpu.r[1] = 0x4100;
        g_assert_cmpint(bt_run_tb(t1), ==, EXIT_NONE);
        g_assert_cmphex(bt_cpu.common.pc, ==, 0x4100);
        g_assert_cmpint(bt_cpu.common.last_slot, ==, -1);
        g_assert_cmpuint(bt_cpu.r[0], ==, 0);
        /* hit in the jump cache: continues there */
        bt_cache(t2);
        g_assert_cmpint(bt_run_tb(t1), ==, EXIT_HALT);
        g_assert_cmpuint(bt_cpu.r[0], ==, 77);
        /* an entry for other flags is not taken */
        bt_cpu.r[0] = 0;
        bt_cpu.common.tb_flags = 1;
        g_assert_cmpint(bt_run_tb(t1), ==, EXIT_NONE);
        g_assert_cmpuint(bt_cpu.r[0], ==, 0);
        bt_cpu.common.tb_flags = 0;
        /* nor one for another pc in the same entry (an i64 target), while
         * an i32 target is the zero-extended low 32 bits: a hit */
        bt_cpu.r[1] = 1ull << 32 | 0x4100;
        g_assert_true(tb_jmp_cache_hash(bt_cpu.r[1]) == tb_jmp_cache_hash(0x4100));
        g_assert_cmpint(bt_run_tb(t1), ==, wide ? EXIT_NONE : EXIT_HALT);
        g_assert_cmphex(bt_cpu.common.pc, ==, wide ? bt_cpu.r[1] : 0x4100);
        g_assert_cmpuint(bt_cpu.r[0], ==, wide ? 0 : 77);
        bt_free(t1);
        bt_free(t2);
    }
}

/* --- return prediction -------------------------------------------------- */

enum { CALLER = 0x6000, RET = 0x6100, CALLEE = 0x6200, OTHER = 0x6300, NOWHERE = 0x6400 };

/* caller: r0 += 1; [push_ret RET]; goto_tb 0 -> CALLEE */
static TranslationBlock *caller_tb(bool hint)
{
    IrBlock *b = bt_block(CALLER);
    ir_insn_start(b, CALLER);
    ir_st_env(b, IR_I64, OFF_R(0), ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), 1));
    if (hint)
        ir_push_ret(b, RET);
    ir_goto_tb(b, 0, CALLEE);
    return bt_compile(b);
}

/* callee: r0 += 10; return to r1 (goto_ptr IR_GOTO_RETURN) */
static TranslationBlock *callee_tb(void)
{
    IrBlock *b = bt_block(CALLEE);
    ir_insn_start(b, CALLEE);
    ir_st_env(b, IR_I64, OFF_R(0), ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), 10));
    ir_goto_ret(b, ir_ld_env(b, IR_I64, OFF_R(1)));
    return bt_compile(b);
}

static void test_return_prediction(void)
{
    TranslationBlock *hinted = caller_tb(true), *plain = caller_tb(false), *callee = callee_tb();
    TranslationBlock *ret = halting_tb(RET, 100), *other = halting_tb(OTHER, 1000);
    TranslationBlock *callers[2] = {hinted, plain};
    for (int c = 0; c < 2; c++) {
        bt_link(callers[c], 0, callee);
        bt_link(callers[c], TB_SLOT_RETURN, ret);
    }
    static const struct {
        uint64_t target, r0, pc;
        ExitReason reason;
    } cases[] = {
        {RET, 111, RET + 4, EXIT_HALT},       /* the predicted return */
        {OTHER, 1011, OTHER + 4, EXIT_HALT},  /* a return elsewhere: the prediction is not taken */
        {NOWHERE, 11, NOWHERE, EXIT_NONE},    /* nothing there: back to the loop */
    };
    /* with the hint or without, the same result */
    for (int c = 0; c < 2; c++)
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
            bt_reset();
            bt_cache(ret);
            bt_cache(other);
            bt_cpu.r[1] = cases[i].target;
            g_assert_cmpint(bt_run_tb(callers[c]), ==, cases[i].reason);
            g_assert_cmpuint(bt_cpu.r[0], ==, cases[i].r0);
            g_assert_cmphex(bt_cpu.common.pc, ==, cases[i].pc);
            if (cases[i].reason == EXIT_NONE)
                g_assert_cmpint(bt_cpu.common.last_slot, ==, -1);
        }

    /* the return slot unlinked: a backend that predicted the return leaves
     * through it for the loop to link; one that did not finds RET in the
     * jump cache, or leaves as a goto_ptr miss when RET is not there */
    bt_link(hinted, TB_SLOT_RETURN, NULL);
    for (int cached = 0; cached < 2; cached++) {
        bt_reset();
        if (cached)
            bt_cache(ret);
        bt_cpu.r[1] = RET;
        ExitReason r = bt_run_tb(hinted);
        if (r == EXIT_NONE) {
            g_assert_cmphex(bt_cpu.common.pc, ==, RET);
            g_assert_cmpuint(bt_cpu.r[0], ==, 11);
            if (bt_cpu.common.last_slot == TB_SLOT_RETURN)
                g_assert_true(bt_cpu.common.last_tb == hinted);
            else
                g_assert_cmpint(bt_cpu.common.last_slot, ==, -1);
            g_assert_true(cached == 0 || bt_cpu.common.last_slot == TB_SLOT_RETURN);
        } else {
            g_assert_cmpint(r, ==, EXIT_HALT);
            g_assert_true(cached);
            g_assert_cmpuint(bt_cpu.r[0], ==, 111);
        }
    }
    bt_free(hinted);
    bt_free(plain);
    bt_free(callee);
    bt_free(ret);
    bt_free(other);
}

enum { DEEP = 40 }; /* calls deeper than the return stack (TB_RET_STACK_SIZE) */

/* A recursion DEEP calls deep: X calls itself until r0 reaches DEEP, each
 * call pushing RET2; then DEEP returns through RET2, which returns to
 * itself until r1 reaches DEEP. The ring of predictions overflows and
 * wraps; every prediction still lands in the block at its pc. */
static void test_deep_returns(void)
{
    const uint64_t X = 0x7000, RET2 = 0x7100;
    IrBlock *b = bt_block(X);
    IrTemp n = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), 1);
    ir_st_env(b, IR_I64, OFF_R(0), n);
    IrLabel bottom = ir_new_label(b);
    ir_brcond(b, IR_EQ, n, ir_const64(b, DEEP), bottom);
    ir_push_ret(b, RET2);
    ir_goto_tb(b, 0, X);
    ir_label(b, bottom);
    ir_goto_ret(b, ir_const64(b, RET2));
    TranslationBlock *x = bt_compile(b);

    b = bt_block(RET2);
    IrTemp m = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(1)), 1);
    ir_st_env(b, IR_I64, OFF_R(1), m);
    IrLabel out = ir_new_label(b);
    ir_brcond(b, IR_EQ, m, ir_const64(b, DEEP), out);
    ir_goto_ret(b, ir_const64(b, RET2));
    ir_label(b, out);
    ir_st_env(b, IR_I64, OFF_PC, ir_const64(b, RET2 + 4));
    ir_exit(b, EXIT_HALT);
    TranslationBlock *r2 = bt_compile(b);

    bt_link(x, 0, x);
    bt_link(x, TB_SLOT_RETURN, r2);
    bt_reset();
    bt_cache(r2);
    g_assert_cmpint(bt_run_tb(x), ==, EXIT_HALT);
    g_assert_cmpuint(bt_cpu.r[0], ==, DEEP);
    g_assert_cmpuint(bt_cpu.r[1], ==, DEEP);
    g_assert_cmphex(bt_cpu.common.pc, ==, RET2 + 4);
    bt_free(x);
    bt_free(r2);
}

static const BackendTest tests[] = {
    {"br_loop", test_br_loop},
    {"merge", test_merge},
    {"call", test_call},
    {"call_mixed_args", test_call_mixed_args},
    {"helper_raise", test_helper_raise},
    {"many_live", test_many_live},
    {"big_block", test_big_block},
    {"insn_start_exit", test_insn_start_exit},
    {"goto_tb", test_goto_tb},
    {"goto_ptr", test_goto_ptr},
    {"return_prediction", test_return_prediction},
    {"deep_returns", test_deep_returns},
};

int main(int argc, char **argv)
{
    bt_init(&argc, &argv);
    bt_add(tests, G_N_ELEMENTS(tests));
    return bt_run();
}
