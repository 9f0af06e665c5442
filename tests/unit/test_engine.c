/* tests/unit/test_engine.c — the engine (backend/engine.c, exec.c) with a
 * fake guest whose translate() emits IR from a small table of blocks:
 * lookup and the translation cache, chaining of goto_tb slots, goto_ptr
 * through the first-level jump cache and the jump cache, the exit_request check, cpu_loop_exit from a
 * helper, flags in the block key, flushing, logging and statistics.
 * Runs are counted through a backend that wraps the one under test; every
 * test runs once per backend built in (/engine/jit/..., /engine/interp/...). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "util/log.h"

typedef struct FakeCpu {
    CpuCommon common;
    uint64_t counter;
    uint64_t target; /* goto_ptr target of block 0x500 */
    uint64_t iters;  /* helper_check calls */
    uint64_t limit;  /* helper_check raises EXIT_TRAP when iters reaches it */
    uint64_t request_at; /* helper_check sets exit_request at this many */
} FakeCpu;

#define OFF(f) ((uint32_t)offsetof(FakeCpu, f))

static unsigned runs;        /* blocks started by the exec loop */
static unsigned translations; /* calls of fake_translate */

static void helper_check(CpuCommon *env)
{
    FakeCpu *c = (FakeCpu *)env;
    c->iters++;
    if (c->iters == c->request_at)
        env->exit_request = 1;
    if (c->iters >= c->limit)
        cpu_loop_exit(env, EXIT_TRAP);
}

static const IrHelper h_check = {
    "check", (void *)helper_check,
    IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE, false, IR_I32, 0, {0}};

static void add_counter(IrBlock *b, uint64_t k)
{
    IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, OFF(counter)), k);
    ir_st_env(b, IR_I64, OFF(counter), v);
}

/* The fake guest's program:
 *   0x100: counter += 1;   goto_tb 0 -> 0x200
 *   0x200: counter += 10;  goto_tb 1 -> 0x300
 *   0x300: counter += 100; 0x304: check(); goto_tb 0 -> 0x100
 *   0x400: pc = 0x404; exit SYSCALL
 *   0x500: goto_ptr target
 *   else:  exit ILLEGAL
 * In mode flags 1, 0x100 adds 1000 instead. */
static void fake_translate(TranslateCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint64_t pc = b->pc;
    translations++;
    ir_insn_start(b, pc);
    b->guest_insns = 1;
    b->guest_size = 4;
    switch (pc) {
    case 0x100:
        add_counter(b, b->tb_flags == 1 ? 1000 : 1);
        ir_goto_tb(b, 0, 0x200);
        break;
    case 0x200:
        add_counter(b, 10);
        ir_goto_tb(b, 1, 0x300);
        break;
    case 0x300:
        add_counter(b, 100);
        ir_insn_start(b, 0x304);
        ir_call(b, &h_check, NULL);
        ir_goto_tb(b, 0, 0x100);
        b->guest_insns = 2;
        b->guest_size = 8;
        break;
    case 0x400:
        ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), ir_const64(b, 0x404));
        ir_exit(b, EXIT_SYSCALL);
        break;
    case 0x500:
        ir_goto_ptr(b, ir_ld_env(b, IR_I64, OFF(target)));
        break;
    default:
        ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), ir_const64(b, pc));
        ir_exit(b, EXIT_ILLEGAL);
        break;
    }
}

static size_t fake_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen)
{
    (void)code;
    if (len < 4)
        return 0;
    snprintf(out, outlen, "fake_insn_%" G_GINT64_MODIFIER "x", pc);
    return 4;
}

static bool fake_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    (void)cpu;
    (void)addr;
    memset(buf, 0, len);
    return true;
}

static const GuestArch fake_arch = {
    .name = "fake",
    .cpu_size = sizeof(FakeCpu),
    .translate = fake_translate,
    .disas = fake_disas,
};

static const Backend *wrapped; /* the backend under test */

static ExitReason counting_run(void *state, CpuCommon *cpu, TranslationBlock *tb)
{
    runs++;
    return wrapped->run(state, cpu, tb);
}

/* The backend under test with its runs counted. */
static Backend test_backend;

typedef struct Fixture {
    Engine *e;
    FakeCpu cpu;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    wrapped = data;
    test_backend = *wrapped;
    test_backend.name = "counting";
    test_backend.run = counting_run;
    EngineOptions opt = {.backend = &test_backend, .optimize = true, .fetch = fake_fetch};
    f->e = engine_new(&fake_arch, &opt);
    memset(&f->cpu, 0, sizeof f->cpu);
    engine_attach_cpu(f->e, &f->cpu.common);
    f->cpu.limit = ~0ull;
    runs = 0;
    translations = 0;
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    (void)data;
    engine_free(f->e);
}

static void test_lookup_and_stats(Fixture *f, gconstpointer data)
{
    (void)data;
    const EngineStats *st = engine_stats(f->e);
    f->cpu.common.pc = 0x400;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_SYSCALL);
    g_assert_cmphex(f->cpu.common.pc, ==, 0x404);
    g_assert_cmpint(f->cpu.common.exception, ==, EXIT_SYSCALL);
    g_assert_cmpuint(st->blocks_translated, ==, 1);
    g_assert_cmpuint(st->guest_insns_translated, ==, 1);
    g_assert_cmpuint(st->ir_ops_emitted, >=, 4);
    g_assert_cmpuint(st->ir_ops_after_opt, >=, 1);
    g_assert_cmpuint(st->code_bytes, >, 0);
    /* again: found in the cache, not translated */
    f->cpu.common.pc = 0x400;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_SYSCALL);
    g_assert_cmpuint(st->blocks_translated, ==, 1);
    g_assert_cmpuint(translations, ==, 1);
    /* an unknown pc: the guest's illegal-instruction exit */
    f->cpu.common.pc = 0x999;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_ILLEGAL);
    g_assert_cmphex(f->cpu.common.pc, ==, 0x999);
    g_assert_cmpuint(st->blocks_translated, ==, 2);
}

static void test_chaining(Fixture *f, gconstpointer data)
{
    (void)data;
    f->cpu.common.pc = 0x100;
    f->cpu.limit = 50;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_TRAP);
    g_assert_cmpuint(f->cpu.counter, ==, 50 * 111);
    /* three unlinked exits link the three slots; the fourth run then goes
     * around the loop 47 times without coming back */
    g_assert_cmpuint(runs, ==, 4);
    g_assert_cmpuint(translations, ==, 3);
    g_assert_cmpuint(engine_stats(f->e)->blocks_translated, ==, 3);

    /* a second run starts chained from the first block */
    runs = 0;
    f->cpu.limit = 100;
    f->cpu.common.pc = 0x100;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_TRAP);
    g_assert_cmpuint(runs, ==, 1);
    g_assert_cmpuint(f->cpu.counter, ==, 100 * 111);
    g_assert_cmpuint(translations, ==, 3);
}

static void test_loop_exit_from_helper(Fixture *f, gconstpointer data)
{
    (void)data;
    f->cpu.common.pc = 0x300;
    f->cpu.limit = 1;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_TRAP);
    g_assert_cmphex(f->cpu.common.pc, ==, 0x304); /* the raising instruction */
    g_assert_cmphex(f->cpu.common.insn_pc, ==, 0x304);
    g_assert_cmpint(f->cpu.common.exception, ==, EXIT_TRAP);
    g_assert_cmpint(f->cpu.common.in_guest, ==, 0);
    g_assert_cmpuint(f->cpu.counter, ==, 100);
    /* the loop is usable again afterwards */
    f->cpu.common.pc = 0x400;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_SYSCALL);
}

static void test_exit_request(Fixture *f, gconstpointer data)
{
    (void)data;
    /* set before: nothing runs */
    f->cpu.common.pc = 0x100;
    f->cpu.common.exit_request = 1;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_INTERRUPT);
    g_assert_cmphex(f->cpu.common.pc, ==, 0x100);
    g_assert_cmpuint(f->cpu.counter, ==, 0);
    f->cpu.common.exit_request = 0;

    /* link everything, then request an exit from inside the chained loop */
    f->cpu.limit = 2;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_TRAP);
    f->cpu.limit = ~0ull;
    f->cpu.iters = 0;
    f->cpu.counter = 0;
    f->cpu.request_at = 5;
    f->cpu.common.pc = 0x100;
    runs = 0;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_INTERRUPT);
    g_assert_cmpuint(runs, ==, 1);
    g_assert_cmphex(f->cpu.common.pc, ==, 0x100); /* the next block to run */
    g_assert_cmpuint(f->cpu.counter, ==, 5 * 111);
    g_assert_cmpint(f->cpu.common.in_guest, ==, 0);
}

static void test_goto_ptr(Fixture *f, gconstpointer data)
{
    (void)data;
    f->cpu.target = 0x400;
    f->cpu.common.pc = 0x500;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 2); /* 0x400 was not in the jump cache yet */
    runs = 0;
    f->cpu.common.pc = 0x500;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 1); /* now found there by the backend */
    g_assert_cmpuint(translations, ==, 2);
}

/* The first-level entry of pc (backend/tb.h). */
static TbJumpEntry *first_level(Fixture *f, uint64_t pc)
{
    return tb_jmp_fast_entry(f->cpu.common.ret_stack, pc);
}

static ExitReason run_0x500(Fixture *f)
{
    runs = 0;
    f->cpu.common.pc = 0x500;
    return cpu_exec(&f->cpu.common);
}

/* goto_ptr continues through the first-level entry the loop filled, else
 * through the jump cache; a block of other mode flags is found in
 * neither; a mapping change empties both. */
static void test_goto_ptr_levels(Fixture *f, gconstpointer data)
{
    (void)data;
    f->cpu.target = 0x400;
    g_assert_cmpint(run_0x500(f), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 2);
    TbJumpEntry *entry = first_level(f, 0x400);
    TranslationBlock *tb = entry->tb;
    g_assert_nonnull(tb);
    g_assert_cmphex(entry->pc, ==, 0x400);
    g_assert_cmphex(entry->flags, ==, 0);
    g_assert_true(entry->code == tb->code);
    g_assert_true(f->cpu.common.jmp_cache[tb_jmp_cache_hash(0x400)] == tb);

    memset(entry, 0, sizeof *entry); /* the second level still has it */
    g_assert_cmpint(run_0x500(f), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 1);
    f->cpu.common.jmp_cache[tb_jmp_cache_hash(0x400)] = NULL; /* neither has it */
    g_assert_cmpint(run_0x500(f), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 2);
    g_assert_true(first_level(f, 0x400)->tb == tb); /* the loop put it back */
    f->cpu.common.jmp_cache[tb_jmp_cache_hash(0x400)] = NULL; /* only the first level has it */
    g_assert_cmpint(run_0x500(f), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 1);

    f->cpu.common.tb_flags = 1;
    g_assert_cmpint(run_0x500(f), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 2); /* 0x400 of flags 0 is not taken */
    g_assert_cmpuint(translations, ==, 4);
    g_assert_cmphex(first_level(f, 0x400)->flags, ==, 1);
    g_assert_cmpint(run_0x500(f), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 1);

    engine_cpu_mappings_changed(&f->cpu.common);
    g_assert_null(first_level(f, 0x400)->code);
    g_assert_null(f->cpu.common.jmp_cache[tb_jmp_cache_hash(0x400)]);
    g_assert_cmpint(run_0x500(f), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs, ==, 2); /* both blocks through the loop, from the block cache */
    g_assert_cmpuint(translations, ==, 4);
}

static void test_flags_and_flush(Fixture *f, gconstpointer data)
{
    (void)data;
    f->cpu.common.pc = 0x100;
    f->cpu.limit = 1;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_TRAP);
    g_assert_cmpuint(f->cpu.counter, ==, 111);
    /* other mode flags: another block for the same pc */
    f->cpu.common.tb_flags = 1;
    f->cpu.common.pc = 0x100;
    f->cpu.iters = 0;
    f->cpu.counter = 0;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_TRAP);
    g_assert_cmpuint(f->cpu.counter, ==, 1110);
    g_assert_cmpuint(translations, ==, 6);

    engine_flush(f->e);
    f->cpu.common.pc = 0x100;
    f->cpu.iters = 0;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_TRAP);
    g_assert_cmpuint(translations, ==, 9);
    g_assert_cmpuint(engine_stats(f->e)->blocks_translated, ==, 9);
}

static void test_logging(Fixture *f, gconstpointer data)
{
    (void)data;
    FILE *saved = log_file;
    unsigned saved_mask = log_mask;
    char *text = NULL;
    size_t len = 0;
    log_file = open_memstream(&text, &len);
    log_mask = LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_EXEC;
    f->cpu.common.pc = 0x300;
    f->cpu.limit = 2;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_TRAP);
    fclose(log_file);
    log_file = saved;
    log_mask = saved_mask;
    g_assert_nonnull(strstr(text, "fake_insn_300"));
    g_assert_nonnull(strstr(text, "fake_insn_304"));
    g_assert_nonnull(strstr(text, "fake_insn_200"));
    g_assert_nonnull(strstr(text, "OP:"));
    g_assert_nonnull(strstr(text, "goto_tb"));
    g_assert_nonnull(strstr(text, "Trace:"));
    /* with -d exec nothing is chained: every block came through the loop */
    g_assert_cmpuint(runs, ==, 4);
    free(text);
}

static const struct {
    const char *name;
    void (*fn)(Fixture *f, gconstpointer data);
} tests[] = {
    {"lookup_and_stats", test_lookup_and_stats},
    {"chaining", test_chaining},
    {"loop_exit_from_helper", test_loop_exit_from_helper},
    {"exit_request", test_exit_request},
    {"goto_ptr", test_goto_ptr},
    {"goto_ptr_levels", test_goto_ptr_levels},
    {"flags_and_flush", test_flags_and_flush},
    {"logging", test_logging},
};

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    static const Backend *const backends[] = {
#ifdef MORPH_HAVE_JIT
        &backend_jit,
#endif
        &backend_interp,
    };
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++)
        for (size_t t = 0; t < G_N_ELEMENTS(tests); t++) {
            char *path = g_strdup_printf("/engine/%s/%s", backends[i]->name, tests[t].name);
            g_test_add(path, Fixture, backends[i], fixture_setup, tests[t].fn, fixture_teardown);
            g_free(path);
        }
    return g_test_run();
}
