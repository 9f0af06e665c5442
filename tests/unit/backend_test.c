/* tests/unit/backend_test.c — the backend-test harness (see backend_test.h):
 * per-backend registration, the test cpu and its caches, compiling and
 * running blocks, and feeding ops their operands every way. */
#include "backend_test.h"

#include <fenv.h>
#include <setjmp.h>
#include <string.h>

TestCpu bt_cpu;
uint8_t *bt_mem;
int bt_fp_flags;

static TranslationBlock *jmp_cache[TB_JMP_CACHE_SIZE];
static RetStack ret_stack;

/* ---- the backends under test ------------------------------------------------ */

/* A backend and its state for one engine, as the engine keeps them. */
typedef struct BackendUnderTest {
    const Backend *backend;
    void *state;
} BackendUnderTest;

static BackendUnderTest backends[] = {
#ifdef MORPH_HAVE_JIT
    {&backend_jit, NULL},
#endif
    {&backend_interp, NULL},
};

static const BackendUnderTest *be; /* the one the running test uses */

typedef struct Registered {
    const BackendUnderTest *be;
    void (*fn)(void);
} Registered;

static GPtrArray *registered;

static void run_registered(gconstpointer data)
{
    const Registered *r = data;
    be = r->be;
    r->fn();
}

void bt_init(int *argc, char ***argv)
{
    g_test_init(argc, argv, NULL);
    bt_mem = g_malloc0(BT_MEM_SIZE);
    registered = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++)
        backends[i].state = backends[i].backend->open(0);
}

void bt_add(const BackendTest *tests, size_t ntests)
{
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++)
        for (size_t t = 0; t < ntests; t++) {
            Registered *r = g_new(Registered, 1);
            *r = (Registered){.be = &backends[i], .fn = tests[t].fn};
            g_ptr_array_add(registered, r);
            char *path = g_strdup_printf("/%s/%s", backends[i].backend->name, tests[t].name);
            g_test_add_data_func(path, r, run_registered);
            g_free(path);
        }
}

int bt_run(void)
{
    int rc = g_test_run();
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++)
        backends[i].backend->close(backends[i].state);
    g_ptr_array_free(registered, TRUE);
    g_free(bt_mem);
    return rc;
}

/* ---- blocks ------------------------------------------------------------------ */

void bt_reset(void)
{
    memset(&bt_cpu, 0, sizeof bt_cpu);
    bt_cpu.common.guest_base = bt_mem;
    bt_cpu.common.jmp_cache = jmp_cache;
    bt_cpu.common.ret_stack = &ret_stack;
    bt_cpu.common.last_slot = -1;
    memset(jmp_cache, 0, sizeof jmp_cache);
    memset(&ret_stack, 0, sizeof ret_stack);
}

IrBlock *bt_block(uint64_t pc)
{
    IrBlock *b = g_new0(IrBlock, 1);
    ir_block_init(b, pc, 0);
    return b;
}

TranslationBlock *bt_compile(IrBlock *b)
{
    char err[256];
    if (!ir_verify(b, err, sizeof err)) {
        ir_dump(b, stderr);
        g_error("test block does not verify: %s", err);
    }
    TranslationBlock *tb = g_new0(TranslationBlock, 1);
    tb->pc = b->pc;
    tb->flags = b->tb_flags;
    size_t bytes = 0;
    tb->code = be->backend->compile(be->state, b, tb, &bytes);
    if (!tb->code) { /* the code space is full: start it afresh, as the engine does */
        be->backend->flush(be->state);
        tb->code = be->backend->compile(be->state, b, tb, &bytes);
    }
    if (!tb->code) {
        ir_dump(b, stderr);
        g_error("%s: compile refused a verified block", be->backend->name);
    }
    g_assert_cmpuint(bytes, >, 0);
    ir_block_free(b);
    g_free(b);
    return tb;
}

void bt_free(TranslationBlock *tb)
{
    be->backend->free_code(be->state, tb->code);
    g_free(tb);
}

void bt_link(TranslationBlock *from, int slot, TranslationBlock *to)
{
    __atomic_store_n(&from->jmp_next[slot], to, __ATOMIC_RELEASE);
    if (be->backend->set_jump)
        be->backend->set_jump(be->state, from, slot, to);
}

void bt_cache(TranslationBlock *tb)
{
    jmp_cache[tb_jmp_cache_hash(tb->pc)] = tb;
}

ExitReason bt_run_tb(TranslationBlock *tb)
{
    feclearexcept(FE_ALL_EXCEPT);
    ExitReason r;
    int jumped = sigsetjmp(bt_cpu.common.loop_exit, 0);
    if (jumped)
        r = (ExitReason)jumped;
    else
        r = be->backend->run(be->state, &bt_cpu.common, tb);
    bt_fp_flags = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    return r;
}

ExitReason bt_run_block(IrBlock *b)
{
    TranslationBlock *tb = bt_compile(b);
    ExitReason r = bt_run_tb(tb);
    bt_free(tb);
    return r;
}

void bt_finish(IrBlock *b, IrTemp d)
{
    ir_st_env(b, ir_temp_type(b, d), OFF_R(0), d);
    ir_exit(b, EXIT_HALT);
}

/* ---- operands ------------------------------------------------------------------ */

IrTemp bt_operand(IrBlock *b, IrType t, unsigned reg, bool as_const)
{
    return as_const ? ir_const(b, t, bt_cpu.r[reg] & bt_mask(t)) : ir_ld_env(b, t, OFF_R(reg));
}

/* r[0] = op(r[1], r[2]) fed as f; a 32-bit result must be a 4-byte store
 * and live inputs must keep their values. */
static uint64_t op2_fed(IrOpcode op, IrType t, uint64_t a, uint64_t bv, Feed f, int *flags)
{
    bt_reset();
    bt_cpu.r[1] = a;
    bt_cpu.r[2] = bv;
    bt_cpu.r[0] = 0x5555555555555555ull;
    IrBlock *b = bt_block(0x1000);
    IrTemp x = bt_operand(b, t, 1, f == FEED_CONST_A || f == FEED_CONST_BOTH);
    IrTemp y = f == FEED_SAME ? x : bt_operand(b, t, 2, f == FEED_CONST_B || f == FEED_CONST_BOTH);
    ir_st_env(b, t, OFF_R(0), ir_op2(b, op, x, y));
    if (f == FEED_ENV_LIVE) {
        ir_st_env(b, t, OFF_R(3), x);
        ir_st_env(b, t, OFF_R(4), y);
    }
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    if (ir_type_bits(t) == 32)
        g_assert_cmphex(bt_cpu.r[0] >> 32, ==, 0x55555555u);
    if (f == FEED_ENV_LIVE) {
        g_assert_cmphex(bt_cpu.r[3] & bt_mask(t), ==, a & bt_mask(t));
        g_assert_cmphex(bt_cpu.r[4] & bt_mask(t), ==, bv & bt_mask(t));
    }
    *flags = bt_fp_flags;
    return bt_cpu.r[0] & bt_mask(t);
}

uint64_t bt_op2_flags(IrOpcode op, IrType t, uint64_t a, uint64_t bv, int *flags)
{
    int f0;
    uint64_t r = op2_fed(op, t, a, bv, FEED_ENV, &f0);
    for (Feed f = FEED_ENV + 1; f < NFEEDS; f++) {
        if (f == FEED_SAME && ((a ^ bv) & bt_mask(t)) != 0)
            continue;
        int fl;
        g_assert_cmphex(op2_fed(op, t, a, bv, f, &fl), ==, r);
        g_assert_cmphex(fl, ==, f0);
    }
    if (flags)
        *flags = f0;
    return r;
}

uint64_t bt_op2(IrOpcode op, IrType t, uint64_t a, uint64_t bv)
{
    return bt_op2_flags(op, t, a, bv, NULL);
}

static uint64_t op1_fed(IrOpcode op, IrType t, IrType result, uint64_t a, int64_t imm, Feed f, int *flags)
{
    bt_reset();
    bt_cpu.r[1] = a;
    IrBlock *b = bt_block(0x1000);
    IrTemp x = bt_operand(b, t, 1, f == FEED_CONST_A);
    IrTemp d;
    if (op == IR_OP_extract)
        d = ir_extract(b, x, imm & 0xff, imm >> 8);
    else if (op == IR_OP_sextract)
        d = ir_sextract(b, x, imm & 0xff, imm >> 8);
    else
        d = ir_cvt(b, op, result, x, imm); /* one operand, the result type spelled out */
    ir_st_env(b, result, OFF_R(0), d);
    if (f == FEED_ENV_LIVE)
        ir_st_env(b, t, OFF_R(3), x);
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    if (f == FEED_ENV_LIVE)
        g_assert_cmphex(bt_cpu.r[3] & bt_mask(t), ==, a & bt_mask(t));
    *flags = bt_fp_flags;
    return bt_cpu.r[0] & bt_mask(result);
}

uint64_t bt_op1_imm_flags(IrOpcode op, IrType t, IrType result, uint64_t a, int64_t imm, int *flags)
{
    static const Feed feeds[] = {FEED_ENV_LIVE, FEED_CONST_A};
    int f0;
    uint64_t r = op1_fed(op, t, result, a, imm, FEED_ENV, &f0);
    for (size_t i = 0; i < G_N_ELEMENTS(feeds); i++) {
        int fl;
        g_assert_cmphex(op1_fed(op, t, result, a, imm, feeds[i], &fl), ==, r);
        g_assert_cmphex(fl, ==, f0);
    }
    if (flags)
        *flags = f0;
    return r;
}

uint64_t bt_op1_imm(IrOpcode op, IrType t, IrType result, uint64_t a, int64_t imm)
{
    return bt_op1_imm_flags(op, t, result, a, imm, NULL);
}

/* The width changes name their result type; other ops keep t. */
static IrType result_of(IrOpcode op, IrType t)
{
    if (op == IR_OP_ext_i32s || op == IR_OP_ext_i32u)
        return IR_I64;
    if (op == IR_OP_trunc_i64)
        return IR_I32;
    return t;
}

uint64_t bt_op1(IrOpcode op, IrType t, uint64_t a)
{
    return bt_op1_imm(op, t, result_of(op, t), a, 0);
}
