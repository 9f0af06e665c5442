/* tests/unit/test_engine_exclusive.c — exclusive sections (backend/
 * exclusive.c) with several host threads running guest code on one
 * engine: inside a section no cpu runs guest code; engine_flush from
 * another thread empties the cache under running cpus without any of
 * them running freed code; cpus that fill a small code space flush it
 * from inside cpu_exec, several at once; a cpu blocked outside cpu_exec
 * does not hold a section up; cpus attach and detach while others run.
 * The guest is a fake one whose blocks loop forever (only exit_request
 * stops them); blocks run on the interpreter. Under ASan (MORPH_SANITIZE)
 * a block run after its flush would be a use-after-free. */
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"

enum { NCPUS = 4, LOOP_BLOCKS = 8 };

/* The fake guest: block i (pc 16*i) adds i+1 to the counter and jumps to
 * block (i+1) % LOOP_BLOCKS; it never leaves by itself. */
typedef struct FakeCpu {
    CpuCommon common;
    uint64_t counter;
} FakeCpu;

static void fake_translate(TranslateCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint64_t i = b->pc / 16;
    ir_insn_start(b, b->pc);
    IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, offsetof(FakeCpu, counter)), (int64_t)(i + 1));
    ir_st_env(b, IR_I64, offsetof(FakeCpu, counter), v);
    ir_goto_tb(b, 0, 16 * ((i + 1) % LOOP_BLOCKS));
    b->guest_insns = 1;
    b->guest_size = 4;
}

static bool fake_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    (void)cpu, (void)addr;
    memset(buf, 0, len);
    return true;
}

static const GuestArch fake_arch = {
    .name = "fake",
    .cpu_size = sizeof(FakeCpu),
    .translate = fake_translate,
};

/* ---- a backend whose code space holds few blocks --------------------------- */

static unsigned space_blocks; /* 0: unlimited */
static unsigned compiled_since_flush;
static Backend small_backend;

static void *small_compile(void *state, const IrBlock *ir, TranslationBlock *tb, size_t *bytes)
{
    if (space_blocks && __atomic_load_n(&compiled_since_flush, __ATOMIC_RELAXED) >= space_blocks)
        return NULL; /* full */
    __atomic_add_fetch(&compiled_since_flush, 1, __ATOMIC_RELAXED);
    return backend_interp.compile(state, ir, tb, bytes);
}

static void small_flush(void *state)
{
    __atomic_store_n(&compiled_since_flush, 0, __ATOMIC_RELAXED);
    backend_interp.flush(state);
}

/* ---- cpus on host threads ----------------------------------------------------- */

typedef struct Runner {
    Engine *e;
    FakeCpu cpu;
    int stop;          /* set by the test: leave at the next return */
    int outside;       /* the runner waits outside cpu_exec for `resume` */
    int resume;
    GThread *thread;
} Runner;

static gpointer run_cpu(gpointer p)
{
    Runner *r = p;
    for (;;) {
        ExitReason why = cpu_exec(&r->cpu.common);
        g_assert_cmpint(why, ==, EXIT_INTERRUPT);
        r->cpu.common.exit_request = 0;
        if (__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE))
            return NULL;
        if (__atomic_load_n(&r->outside, __ATOMIC_ACQUIRE)) {
            while (!__atomic_load_n(&r->resume, __ATOMIC_ACQUIRE))
                g_usleep(100);
        }
    }
}

static uint64_t counter_of(Runner *r)
{
    return __atomic_load_n(&r->cpu.counter, __ATOMIC_RELAXED);
}

static void start(Runner *rs, unsigned n, Engine *e)
{
    for (unsigned i = 0; i < n; i++) {
        memset(&rs[i], 0, sizeof rs[i]);
        rs[i].e = e;
        engine_attach_cpu(e, &rs[i].cpu.common);
        rs[i].thread = g_thread_new("cpu", run_cpu, &rs[i]);
    }
}

/* Until every runner's counter passed `min` (a hang is the test's timeout). */
static void wait_progress(Runner *rs, unsigned n, uint64_t min)
{
    for (unsigned i = 0; i < n; i++) {
        while (counter_of(&rs[i]) < min)
            g_usleep(200);
    }
}

static void stop(Runner *rs, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        __atomic_store_n(&rs[i].stop, 1, __ATOMIC_RELEASE);
        rs[i].cpu.common.exit_request = 1;
    }
    for (unsigned i = 0; i < n; i++) {
        g_thread_join(rs[i].thread);
        engine_detach_cpu(rs[i].e, &rs[i].cpu.common);
    }
}

static Engine *new_engine(unsigned blocks)
{
    small_backend = backend_interp;
    small_backend.name = "small";
    small_backend.compile = small_compile;
    small_backend.flush = small_flush;
    space_blocks = blocks;
    compiled_since_flush = 0;
    EngineOptions opt = {.backend = &small_backend, .optimize = true, .fetch = fake_fetch};
    return engine_new(&fake_arch, &opt);
}

/* ---- tests ---------------------------------------------------------------------- */

static uint64_t sum_counters(Runner *rs, unsigned n)
{
    uint64_t sum = 0;
    for (unsigned i = 0; i < n; i++)
        sum += counter_of(&rs[i]);
    return sum;
}

static void test_section_stops_guest_code(void)
{
    Engine *e = new_engine(0);
    Runner rs[NCPUS];
    start(rs, NCPUS, e);
    wait_progress(rs, NCPUS, 1000);
    for (int round = 0; round < 20; round++) {
        engine_exclusive_begin(e, NULL);
        uint64_t before = sum_counters(rs, NCPUS);
        g_usleep(2000); /* room for a cpu that wrongly runs to show it */
        g_assert_cmpuint(sum_counters(rs, NCPUS), ==, before);
        engine_exclusive_end(e, NULL);
        uint64_t after = sum_counters(rs, NCPUS);
        while (sum_counters(rs, NCPUS) == after) /* they run again */
            g_usleep(100);
    }
    stop(rs, NCPUS);
    engine_free(e);
}

static void test_flush_under_running_cpus(void)
{
    Engine *e = new_engine(0);
    Runner rs[NCPUS];
    start(rs, NCPUS, e);
    for (int round = 1; round <= 200; round++) {
        engine_flush(e);
        wait_progress(rs, NCPUS, (uint64_t)round * 50);
    }
    stop(rs, NCPUS);
    engine_free(e);
}

static void test_full_code_space_from_many_cpus(void)
{
    /* Fewer blocks than the loop has: every cpu keeps filling the space
     * and flushing it from inside cpu_exec, often several at once. */
    Engine *e = new_engine(LOOP_BLOCKS / 2);
    Runner rs[NCPUS];
    start(rs, NCPUS, e);
    wait_progress(rs, NCPUS, 5000);
    stop(rs, NCPUS);
    g_assert_cmpuint(engine_stats(e)->flushes, >=, 10);
    engine_free(e);
}

static void test_cpu_outside_exec_does_not_block(void)
{
    Engine *e = new_engine(0);
    Runner rs[NCPUS];
    start(rs, NCPUS, e);
    wait_progress(rs, NCPUS, 100);
    /* Runner 0 parks outside cpu_exec (as a guest thread in a futex
     * wait): flushes must go on without it. */
    __atomic_store_n(&rs[0].outside, 1, __ATOMIC_RELEASE);
    rs[0].cpu.common.exit_request = 1;
    for (int round = 0; round < 50; round++)
        engine_flush(e);
    __atomic_store_n(&rs[0].resume, 1, __ATOMIC_RELEASE);
    wait_progress(rs, NCPUS, counter_of(&rs[0]) + 100);
    stop(rs, NCPUS);
    engine_free(e);
}

static void test_attach_detach_while_running(void)
{
    Engine *e = new_engine(LOOP_BLOCKS / 2);
    Runner steady[2];
    start(steady, 2, e);
    for (int round = 0; round < 30; round++) {
        Runner brief[2];
        start(brief, 2, e);
        wait_progress(brief, 2, 200);
        stop(brief, 2);
    }
    stop(steady, 2);
    engine_free(e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/engine/exclusive/section-stops-guest-code", test_section_stops_guest_code);
    g_test_add_func("/engine/exclusive/flush-under-running-cpus", test_flush_under_running_cpus);
    g_test_add_func("/engine/exclusive/full-code-space-from-many-cpus",
                    test_full_code_space_from_many_cpus);
    g_test_add_func("/engine/exclusive/cpu-outside-exec-does-not-block",
                    test_cpu_outside_exec_does_not_block);
    g_test_add_func("/engine/exclusive/attach-detach-while-running", test_attach_detach_while_running);
    return g_test_run();
}
