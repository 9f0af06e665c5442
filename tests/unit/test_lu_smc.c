/* tests/unit/test_lu_smc.c — self-modifying code and precise faults in
 * user mode (linux-user/smc.c, signal.c) with a fake backend whose blocks
 * are host functions touching guest memory, the way generated code does:
 * pages holding blocks lose host write permission (the guest's stays);
 * a guest store there drops the blocks and is redone alone, as a
 * one-instruction block at the pc the backend's guest_pc_of names; a
 * real fault becomes EXIT_FAULT at that pc; syscalls (lu_access_ok),
 * mprotect, munmap and mmap unprotect; morph's own write is redone. */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "backend/target.h"
#include "linux-user/lu_runtime.h"

static const uint64_t FOUR_GIB = (uint64_t)1 << 32;

/* The guest program: blocks of one pretend instruction each. The one at
 * PC_STORE writes STORE_VALUE at *target from host code, at the guest pc
 * STORE_PC (its second instruction, as far as guest_pc_of says). */
enum {
    CODE_PAGE = 0x30000000, /* read/write: code and data */
    RO_PAGE = 0x30001000,   /* read-only */
    PC_STORE = CODE_PAGE + 0x10,
    STORE_PC = PC_STORE + 4,
    UNMAPPED = 0x50000000,
};
static const uint32_t STORE_VALUE = 0xfeedf00d;

static uint64_t store_target; /* guest address the store block writes */
static unsigned runs_single;  /* one-instruction blocks run */

/* noipa: no inlining, and no clone elsewhere (guest_pc_of checks the
 * address range of this very function). */
static __attribute__((noipa)) void host_store(uint32_t *p, uint32_t v)
{
    *(volatile uint32_t *)p = v;
}

/* Where host_store's code lies, as a JIT knows its own code. */
static bool in_host_store(uintptr_t host_pc)
{
    uintptr_t start = (uintptr_t)host_store;
    return host_pc >= start && host_pc < start + 512;
}

static bool fake_guest_pc_of(void *state, uintptr_t host_pc, uint64_t *guest_pc)
{
    (void)state;
    if (!in_host_store(host_pc))
        return false;
    *guest_pc = STORE_PC;
    return true;
}

static ExitReason fake_run(void *state, CpuCommon *cpu, TranslationBlock *tb)
{
    (void)state;
    if (tb->guest_insns == 1 && tb->pc == STORE_PC)
        runs_single++;
    cpu->insn_pc = tb->pc; /* a stale value guest_pc_of must replace */
    host_store(lu_g2h(store_target), STORE_VALUE);
    cpu->pc = tb->pc + 4 * tb->guest_insns;
    return EXIT_SYSCALL;
}

static int dummy_code;
static void *fake_open(size_t bytes)
{
    (void)bytes;
    return NULL;
}
static void fake_close(void *state)
{
    (void)state;
}
static void fake_flush(void *state)
{
    (void)state;
}
static void fake_free(void *state, void *code)
{
    (void)state;
    (void)code;
}

static void *fake_compile(void *state, const IrBlock *ir, TranslationBlock *tb, size_t *bytes)
{
    (void)state;
    (void)ir;
    (void)tb;
    *bytes = 4;
    return &dummy_code;
}

static const Backend fake_backend = {
    .name = "fake",
    .open = fake_open,
    .close = fake_close,
    .compile = fake_compile,
    .free_code = fake_free,
    .flush = fake_flush,
    .run = fake_run,
    .guest_pc_of = fake_guest_pc_of,
};

/* Two pretend instructions per block (one when asked for one). */
static void fake_translate(TranslateCtx *ctx)
{
    IrBlock *b = ctx->ir;
    ir_insn_start(b, b->pc);
    ir_exit(b, EXIT_SYSCALL);
    b->guest_insns = ctx->max_insns < 2 ? ctx->max_insns : 2;
    b->guest_size = 4 * b->guest_insns;
}

static const GuestArch fake_arch = {
    .name = "fake",
    .cpu_size = sizeof(CpuCommon),
    .translate = fake_translate,
};

static CpuCommon cpu;

static void setup(void)
{
    g_assert_true(lu_space_init(FOUR_GIB));
    const int anon = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    g_assert_cmpint(lu_mmap(CODE_PAGE, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, anon, -1, 0), ==, CODE_PAGE);
    g_assert_cmpint(lu_mmap(RO_PAGE, 4096, PROT_READ | PROT_EXEC, anon, -1, 0), ==, RO_PAGE);
    EngineOptions opt = {
        .backend = &fake_backend, .optimize = true, .fetch = lu_fetch_code, .code_added = lu_code_added};
    lu_proc.engine = engine_new(&fake_arch, &opt);
    memset(&cpu, 0, sizeof cpu);
    cpu.guest_base = lu_proc.guest_base;
    engine_attach_cpu(lu_proc.engine, &cpu);
    lu_signal_init();
    lu_thread_cpu = &cpu;
    runs_single = 0;
}

static void teardown(void)
{
    lu_thread_cpu = NULL;
    engine_free(lu_proc.engine);
    lu_proc.engine = NULL;
    lu_space_free();
}

static uint32_t guest_word(uint64_t addr)
{
    uint32_t v;
    g_assert_cmpint(lu_copy_from_guest(&v, addr, sizeof v), ==, 0);
    return v;
}

static ExitReason run_at(uint64_t pc)
{
    cpu.pc = pc;
    return cpu_exec(&cpu);
}

static void test_store_into_code_page(void)
{
    setup();
    const EngineStats *st = engine_stats(lu_proc.engine);
    store_target = CODE_PAGE + 0x800;
    /* the block is translated (its page marked), then its store faults:
     * the page's blocks go, and the store runs again alone at STORE_PC */
    g_assert_cmpint(run_at(PC_STORE), ==, EXIT_SYSCALL);
    g_assert_cmphex(guest_word(store_target), ==, STORE_VALUE);
    g_assert_cmpuint(runs_single, ==, 1);
    g_assert_cmphex(cpu.pc, ==, STORE_PC + 4);
    g_assert_cmpint(cpu.run_one_insn, ==, 0);
    g_assert_cmpuint(st->blocks_invalidated, ==, 1);
    g_assert_false(lu_code_page_marked(CODE_PAGE));
    /* again: translated anew, and the same once more */
    g_assert_cmpint(run_at(PC_STORE), ==, EXIT_SYSCALL);
    g_assert_cmpuint(runs_single, ==, 2);
    g_assert_cmpuint(st->blocks_invalidated, ==, 2);
    g_assert_cmpuint(st->blocks_translated, ==, 4);
    teardown();
}

static void test_store_elsewhere(void)
{
    setup();
    /* a store to a page without code: no fault, nothing dropped */
    g_assert_cmpint(lu_mmap(CODE_PAGE + 0x2000, 4096, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
                    ==, CODE_PAGE + 0x2000);
    store_target = CODE_PAGE + 0x2000;
    g_assert_cmpint(run_at(PC_STORE), ==, EXIT_SYSCALL);
    g_assert_cmphex(guest_word(store_target), ==, STORE_VALUE);
    g_assert_cmpuint(runs_single, ==, 0);
    g_assert_cmpuint(engine_stats(lu_proc.engine)->blocks_invalidated, ==, 0);
    g_assert_true(lu_code_page_marked(CODE_PAGE));
    teardown();
}

static void test_real_faults_are_precise(void)
{
    setup();
    store_target = UNMAPPED;
    g_assert_cmpint(run_at(PC_STORE), ==, EXIT_FAULT);
    g_assert_cmphex(cpu.pc, ==, STORE_PC); /* from guest_pc_of, not the stale insn_pc */
    g_assert_cmphex(cpu.exception_addr, ==, UNMAPPED);
    g_assert_cmpint(cpu.exception_code, ==, SEGV_MAPERR);
    g_assert_cmpint(lu_thread_fault_signal, ==, SIGSEGV);
    lu_thread_fault_signal = 0;

    /* a page with code the guest may not write: its own SIGSEGV */
    g_assert_cmpint(run_at(RO_PAGE), ==, EXIT_FAULT);
    store_target = RO_PAGE + 8;
    g_assert_cmpint(run_at(RO_PAGE), ==, EXIT_FAULT);
    g_assert_true(lu_code_page_marked(RO_PAGE));
    g_assert_cmphex(cpu.pc, ==, STORE_PC);
    g_assert_cmphex(cpu.exception_addr, ==, RO_PAGE + 8);
    g_assert_cmpint(cpu.exception_code, ==, SEGV_ACCERR);
    g_assert_cmpuint(runs_single, ==, 0);
    lu_thread_fault_signal = 0;
    teardown();
}

/* lu_access_ok(PROT_WRITE) (a syscall about to write), mprotect, munmap
 * and mmap each drop the blocks of the range and unprotect it. */
static void test_unprotect_paths(void)
{
    setup();
    const EngineStats *st = engine_stats(lu_proc.engine);
    store_target = CODE_PAGE + 0x2000; /* unmapped: the run just faults */

    run_at(PC_STORE);
    g_assert_true(lu_code_page_marked(CODE_PAGE));
    g_assert_true(lu_access_ok(CODE_PAGE + 0x100, 16, PROT_READ));
    g_assert_true(lu_code_page_marked(CODE_PAGE));
    g_assert_true(lu_access_ok(CODE_PAGE + 0x100, 16, PROT_WRITE));
    g_assert_false(lu_code_page_marked(CODE_PAGE));
    g_assert_cmpuint(st->blocks_invalidated, ==, 1);
    memcpy(lu_g2h(CODE_PAGE + 0x100), "written", 8); /* as the kernel would */

    run_at(PC_STORE);
    g_assert_cmpint(lu_mprotect(CODE_PAGE, 4096, PROT_READ | PROT_WRITE), ==, 0);
    g_assert_false(lu_code_page_marked(CODE_PAGE));
    g_assert_cmpuint(st->blocks_invalidated, ==, 2);
    memcpy(lu_g2h(CODE_PAGE + 0x100), "written", 8);

    run_at(PC_STORE);
    g_assert_cmpint(lu_munmap(CODE_PAGE, 4096), ==, 0);
    g_assert_false(lu_code_page_marked(CODE_PAGE));
    g_assert_cmpuint(st->blocks_invalidated, ==, 3);

    /* a block left on an unmapped page (as a fetch fault's is) goes when
     * the page is mapped again */
    g_assert_cmpint(run_at(PC_STORE), ==, EXIT_FAULT);
    lu_thread_fault_signal = 0;
    g_assert_cmpint(
        lu_mmap(CODE_PAGE, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ==,
        CODE_PAGE);
    g_assert_cmpuint(st->blocks_invalidated, ==, 4);
    teardown();
}

/* morph itself writing a protected code page (not through lu_access_ok):
 * the handler unprotects and the write is redone. */
static void test_own_write_redone(void)
{
    setup();
    store_target = CODE_PAGE + 0x2000;
    run_at(PC_STORE);
    lu_thread_fault_signal = 0;
    g_assert_true(lu_code_page_marked(CODE_PAGE));
    host_store(lu_g2h(CODE_PAGE + 0x40), STORE_VALUE);
    g_assert_cmphex(guest_word(CODE_PAGE + 0x40), ==, STORE_VALUE);
    g_assert_false(lu_code_page_marked(CODE_PAGE));
    g_assert_cmpuint(engine_stats(lu_proc.engine)->blocks_invalidated, ==, 1);
    teardown();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/lu_smc/store_into_code_page", test_store_into_code_page);
    g_test_add_func("/lu_smc/store_elsewhere", test_store_elsewhere);
    g_test_add_func("/lu_smc/real_faults_are_precise", test_real_faults_are_precise);
    g_test_add_func("/lu_smc/unprotect_paths", test_unprotect_paths);
    g_test_add_func("/lu_smc/own_write_redone", test_own_write_redone);
    return g_test_run();
}
