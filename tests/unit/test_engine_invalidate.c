/* tests/unit/test_engine_invalidate.c — engine_invalidate (backend/
 * invalidate.c) with a fake guest whose code lives in a small memory the
 * test rewrites: blocks overlapping the range are dropped and translated
 * again from the new code, chained jumps into and out of them are
 * unlinked (through the backend's set_jump as well), jump caches (both levels) and
 * return stacks forget them, a block that invalidates itself while it
 * runs finishes safely and is never linked, the code_added hook, and the
 * one-instruction block of cpu->run_one_insn. Blocks run on the
 * interpreter, wrapped by a backend that records set_jump calls. */
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"

/* The fake guest's instruction word: op << 24 | imm.
 *   ADD k:      counter += k
 *   GOTO s,t:   goto_tb slot s (imm bit 20) to pc t (imm bits 0-19); ends the block
 *   SYSCALL:    pc = next; exit SYSCALL; ends the block
 *   HOOK:       call the test's hook (fake_cpu.hook)
 *   0 (unwritten memory): exit ILLEGAL */
enum { OP_ADD = 1, OP_GOTO = 2, OP_SYSCALL = 3, OP_HOOK = 4 };
#define INSN(op, imm) ((uint32_t)(op) << 24 | (uint32_t)(imm))
#define ADD(k) INSN(OP_ADD, k)
#define GOTO(slot, target) INSN(OP_GOTO, (uint32_t)(slot) << 20 | (target))
#define SYSCALL INSN(OP_SYSCALL, 0)
#define HOOK INSN(OP_HOOK, 0)

enum { MEM_SIZE = 0x3000 };

typedef struct FakeCpu {
    CpuCommon common;
    uint64_t counter;
    void (*hook)(struct FakeCpu *cpu);
} FakeCpu;

static uint32_t guest_mem[MEM_SIZE / 4];
static unsigned translations;

static void poke(uint64_t pc, uint32_t insn)
{
    guest_mem[pc / 4] = insn;
}

static bool fake_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    (void)cpu;
    if (addr >= MEM_SIZE || len > MEM_SIZE - addr)
        return false;
    memcpy(buf, (const uint8_t *)guest_mem + addr, len);
    return true;
}

static void helper_hook(CpuCommon *env)
{
    FakeCpu *cpu = (FakeCpu *)env;
    if (cpu->hook)
        cpu->hook(cpu);
}

static const IrHelper h_hook = {
    .name = "hook",
    .fn = (void *)helper_hook,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
};

/* One instruction; true if it ends the block. */
static bool fake_insn(IrBlock *b, uint64_t pc, uint32_t insn)
{
    uint32_t imm = insn & 0xffffff;
    switch (insn >> 24) {
    case OP_ADD: {
        IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, offsetof(FakeCpu, counter)), imm);
        ir_st_env(b, IR_I64, offsetof(FakeCpu, counter), v);
        return false;
    }
    case OP_GOTO:
        ir_goto_tb(b, imm >> 20, imm & 0xfffff);
        return true;
    case OP_SYSCALL:
        ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), ir_const64(b, pc + 4));
        ir_exit(b, EXIT_SYSCALL);
        return true;
    case OP_HOOK:
        ir_call(b, &h_hook, NULL);
        return false;
    default:
        ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), ir_const64(b, pc));
        ir_exit(b, EXIT_ILLEGAL);
        return true;
    }
}

static void fake_translate(TranslateCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint64_t pc = b->pc;
    uint32_t n = 0;
    translations++;
    for (;;) {
        uint32_t insn = 0;
        fake_fetch(ctx->cpu, pc, &insn, sizeof insn);
        ir_insn_start(b, pc);
        n++;
        bool end = fake_insn(b, pc, insn);
        pc += 4;
        if (end)
            break;
        if (n >= ctx->max_insns) {
            ir_goto_tb(b, 0, pc);
            break;
        }
    }
    b->guest_insns = n;
    b->guest_size = n * 4;
}

static const GuestArch fake_arch = {
    .name = "fake",
    .cpu_size = sizeof(FakeCpu),
    .translate = fake_translate,
};

/* ---- a backend that records set_jump ----------------------------------- */

typedef struct JumpSet {
    TranslationBlock *from, *to;
    int slot;
} JumpSet;

static JumpSet jumps[64]; /* the first ones, for the tests to look at */
static unsigned njumps;

static void recording_set_jump(void *state, TranslationBlock *tb, int slot, TranslationBlock *to)
{
    (void)state;
    g_assert_true(tb->jmp_next[slot] == to); /* the engine updates jmp_next first */
    if (njumps < G_N_ELEMENTS(jumps))
        jumps[njumps++] = (JumpSet){.from = tb, .to = to, .slot = slot};
}

/* The set_jump call that linked (from pc, slot), or NULL. */
static const JumpSet *find_link(uint64_t from_pc, int slot)
{
    for (unsigned i = 0; i < njumps; i++) {
        if (jumps[i].from->pc == from_pc && jumps[i].slot == slot && jumps[i].to)
            return &jumps[i];
    }
    return NULL;
}

static bool unlinked(const TranslationBlock *from, int slot)
{
    for (unsigned i = 0; i < njumps; i++) {
        if (jumps[i].from == from && jumps[i].slot == slot && !jumps[i].to)
            return true;
    }
    return false;
}

static Backend test_backend;

/* ---- code_added --------------------------------------------------------- */

typedef struct CodeRange {
    uint64_t start, len;
} CodeRange;

static CodeRange added[64]; /* the first ones */
static unsigned nadded;     /* all of them */

static void record_code_added(CpuCommon *cpu, uint64_t start, uint64_t len)
{
    (void)cpu;
    if (nadded < G_N_ELEMENTS(added))
        added[nadded] = (CodeRange){start, len};
    nadded++;
}

/* ---- fixture ------------------------------------------------------------ */

typedef struct Fixture {
    Engine *e;
    FakeCpu cpu;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    (void)data;
    EngineOptions opt = {
        .backend = &test_backend, .optimize = true, .fetch = fake_fetch, .code_added = record_code_added};
    f->e = engine_new(&fake_arch, &opt);
    memset(&f->cpu, 0, sizeof f->cpu);
    engine_attach_cpu(f->e, &f->cpu.common);
    memset(guest_mem, 0, sizeof guest_mem);
    translations = 0;
    njumps = 0;
    nadded = 0;
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    (void)data;
    engine_free(f->e);
}

/* Run from pc until a syscall; returns what the counter gained. */
static uint64_t run_from(Fixture *f, uint64_t pc)
{
    uint64_t before = f->cpu.counter;
    f->cpu.common.pc = pc;
    g_assert_cmpint(cpu_exec(&f->cpu.common), ==, EXIT_SYSCALL);
    return f->cpu.counter - before;
}

static TranslationBlock *cached_block(Fixture *f, uint64_t pc)
{
    TranslationBlock *tb = f->cpu.common.jmp_cache[tb_jmp_cache_hash(pc)];
    return tb && tb->pc == pc ? tb : NULL;
}

/* 0x100: add 1; goto 0x200      0x200: add 10; syscall */
static void two_blocks(void)
{
    poke(0x100, ADD(1));
    poke(0x104, GOTO(0, 0x200));
    poke(0x200, ADD(10));
    poke(0x204, SYSCALL);
}

static void test_retranslates_new_code(Fixture *f, gconstpointer data)
{
    (void)data;
    two_blocks();
    g_assert_cmpuint(run_from(f, 0x100), ==, 11);
    g_assert_cmpuint(translations, ==, 2);
    poke(0x100, ADD(5));
    /* not told: the cached block still runs the old code */
    g_assert_cmpuint(run_from(f, 0x100), ==, 11);
    engine_invalidate(f->e, 0x100, 4);
    g_assert_cmpuint(engine_stats(f->e)->blocks_invalidated, ==, 1);
    g_assert_cmpuint(run_from(f, 0x100), ==, 15);
    g_assert_cmpuint(translations, ==, 3); /* only 0x100 again */
    /* an unrelated range, or none at all, drops nothing */
    engine_invalidate(f->e, 0x300, 0x100);
    engine_invalidate(f->e, 0x100, 0);
    g_assert_cmpuint(engine_stats(f->e)->blocks_invalidated, ==, 1);
    g_assert_cmpuint(run_from(f, 0x100), ==, 15);
    g_assert_cmpuint(translations, ==, 3);
}

static void test_unlinks_both_ways(Fixture *f, gconstpointer data)
{
    (void)data;
    /* 0x100 -> 0x200 -> 0x300 (syscall): two links after two runs */
    poke(0x100, ADD(1));
    poke(0x104, GOTO(0, 0x200));
    poke(0x200, ADD(10));
    poke(0x204, GOTO(1, 0x300));
    poke(0x300, ADD(100));
    poke(0x304, SYSCALL);
    g_assert_cmpuint(run_from(f, 0x100), ==, 111);
    const JumpSet *in = find_link(0x100, 0), *out = find_link(0x200, 1);
    g_assert_nonnull(in);
    g_assert_nonnull(out);
    TranslationBlock *b100 = in->from, *b200 = in->to, *b300 = out->to;
    g_assert_true(out->from == b200);
    g_assert_true(b100->jmp_next[0] == b200 && b200->jmp_next[1] == b300);

    poke(0x200, ADD(20));
    engine_invalidate(f->e, 0x204, 4); /* the last word of 0x200's block */
    g_assert_cmpuint(b200->invalid, ==, 1);
    g_assert_cmpuint(b100->invalid, ==, 0);
    g_assert_cmpuint(b300->invalid, ==, 0);
    g_assert_null(b100->jmp_next[0]);
    g_assert_true(unlinked(b100, 0));
    g_assert_null(b200->jmp_next[1]);
    g_assert_true(unlinked(b200, 1));
    g_assert_null(cached_block(f, 0x200));
    g_assert_true(cached_block(f, 0x100) == b100);

    /* the new 0x200 is translated, and linked again from 0x100 */
    g_assert_cmpuint(run_from(f, 0x100), ==, 121);
    TranslationBlock *new200 = cached_block(f, 0x200);
    g_assert_nonnull(new200);
    g_assert_true(new200 != b200);
    g_assert_true(b100->jmp_next[0] == new200);
    g_assert_true(new200->jmp_next[1] == b300);
    g_assert_cmpuint(translations, ==, 4);
}

static void test_block_on_two_pages(Fixture *f, gconstpointer data)
{
    (void)data;
    /* one block from 0xff8 across the page boundary to 0x1004 */
    poke(0xff8, ADD(1));
    poke(0xffc, ADD(2));
    poke(0x1000, ADD(4));
    poke(0x1004, SYSCALL);
    poke(0x2000, ADD(8));
    poke(0x2004, SYSCALL);
    g_assert_cmpuint(run_from(f, 0xff8), ==, 7);
    g_assert_cmpuint(run_from(f, 0x2000), ==, 8);
    g_assert_cmpuint(nadded, ==, 2);
    g_assert_cmphex(added[0].start, ==, 0xff8);
    g_assert_cmphex(added[0].len, ==, 16);

    poke(0x1000, ADD(40));
    engine_invalidate(f->e, 0x1000, 1); /* the second page only */
    g_assert_cmpuint(run_from(f, 0xff8), ==, 43);
    g_assert_cmpuint(engine_stats(f->e)->blocks_invalidated, ==, 1);
    poke(0xff8, ADD(100));
    engine_invalidate(f->e, 0xff8, 1); /* the first page only */
    g_assert_cmpuint(run_from(f, 0xff8), ==, 142);

    /* a range with more pages than the index holds: walked, not probed */
    poke(0x2000, ADD(16));
    engine_invalidate(f->e, 0, (uint64_t)1 << 40);
    g_assert_cmpuint(engine_stats(f->e)->blocks_invalidated, ==, 4);
    g_assert_cmpuint(run_from(f, 0x2000), ==, 16);
    /* a range running off the top of the address space */
    engine_invalidate(f->e, UINT64_MAX - 3, 100);
    g_assert_cmpuint(run_from(f, 0x2000), ==, 16);
    g_assert_cmpuint(translations, ==, 5);
}

static void test_return_stack_cleared(Fixture *f, gconstpointer data)
{
    (void)data;
    two_blocks();
    run_from(f, 0x100);
    RetStack *rs = f->cpu.common.ret_stack;
    rs->entry[3].pc = 0x104;
    rs->entry[3].host = rs;
    /* nothing dropped: predictions stay */
    engine_invalidate(f->e, 0x2000, 4);
    g_assert_cmphex(rs->entry[3].pc, ==, 0x104);
    engine_invalidate(f->e, 0x200, 4);
    g_assert_cmphex(rs->entry[3].pc, ==, 0);
    g_assert_null(rs->entry[3].host);
}

/* A dropped block's first-level jump cache entry is emptied; others stay. */
static void test_first_level_forgets(Fixture *f, gconstpointer data)
{
    (void)data;
    two_blocks();
    run_from(f, 0x100);
    RetStack *rs = f->cpu.common.ret_stack;
    TbJumpEntry *first = tb_jmp_fast_entry(rs, 0x100), *second = tb_jmp_fast_entry(rs, 0x200);
    g_assert_true(first->tb == cached_block(f, 0x100));
    g_assert_true(second->tb == cached_block(f, 0x200));
    g_assert_nonnull(second->code);
    engine_invalidate(f->e, 0x2000, 4);
    g_assert_nonnull(second->code);
    engine_invalidate(f->e, 0x200, 4);
    g_assert_null(second->code);
    g_assert_null(second->tb);
    g_assert_nonnull(first->code);
    g_assert_cmpuint(run_from(f, 0x200), ==, 10);
    g_assert_true(second->tb == cached_block(f, 0x200));
}

/* The running block drops itself (as a store into its own code would),
 * then leaves through goto_tb: it finishes, and is not linked. */
static void invalidate_block_at_0x100(FakeCpu *cpu)
{
    engine_invalidate(cpu->common.engine, 0x100, 4);
}

static void test_block_invalidating_itself(Fixture *f, gconstpointer data)
{
    (void)data;
    poke(0x100, HOOK);
    poke(0x104, ADD(1));
    poke(0x108, GOTO(0, 0x200));
    poke(0x200, ADD(10));
    poke(0x204, SYSCALL);
    f->cpu.hook = invalidate_block_at_0x100;
    g_assert_cmpuint(run_from(f, 0x100), ==, 11);
    g_assert_null(find_link(0x100, 0));
    g_assert_cmpuint(engine_stats(f->e)->blocks_invalidated, ==, 1);
    /* every run translates it afresh, and it never links */
    g_assert_cmpuint(run_from(f, 0x100), ==, 11);
    g_assert_null(find_link(0x100, 0));
    g_assert_cmpuint(translations, ==, 3);
    f->cpu.hook = NULL;
    g_assert_cmpuint(run_from(f, 0x100), ==, 11);
    g_assert_cmpuint(run_from(f, 0x100), ==, 11);
    g_assert_nonnull(find_link(0x100, 0));
    g_assert_cmpuint(translations, ==, 4);
}

static void test_single_insn_block(Fixture *f, gconstpointer data)
{
    (void)data;
    poke(0x100, ADD(1));
    poke(0x104, ADD(2));
    poke(0x108, SYSCALL);
    f->cpu.common.run_one_insn = 1;
    g_assert_cmpuint(run_from(f, 0x100), ==, 3);
    g_assert_cmpint(f->cpu.common.run_one_insn, ==, 0);
    /* 0x100 ran alone, uncached and unannounced; 0x104 came after it */
    g_assert_cmpuint(nadded, ==, 1);
    g_assert_cmphex(added[0].start, ==, 0x104);
    g_assert_cmphex(added[0].len, ==, 8);
    g_assert_null(cached_block(f, 0x100));
    g_assert_null(find_link(0x100, 0));
    /* a normal run translates the whole block once */
    g_assert_cmpuint(run_from(f, 0x100), ==, 3);
    g_assert_cmpuint(run_from(f, 0x100), ==, 3);
    g_assert_cmpuint(translations, ==, 3);
    g_assert_cmpuint(nadded, ==, 2);
    g_assert_cmphex(added[1].start, ==, 0x100);
    g_assert_cmphex(added[1].len, ==, 12);
}

/* More dead blocks than the engine keeps: the next translation flushes,
 * and everything still runs. */
static void test_many_invalidations(Fixture *f, gconstpointer data)
{
    (void)data;
    two_blocks();
    for (unsigned i = 0; i < 5000; i++) {
        poke(0x100, ADD(i & 0xff));
        g_assert_cmpuint(run_from(f, 0x100), ==, (i & 0xff) + 10);
        engine_invalidate(f->e, 0x100, 4);
    }
    g_assert_cmpuint(engine_stats(f->e)->blocks_invalidated, ==, 5000);
    /* 0x100 each time, 0x200 once more after the flush emptied the cache */
    g_assert_cmpuint(translations, ==, 5000 + 2);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_backend = backend_interp;
    test_backend.name = "recording";
    test_backend.set_jump = recording_set_jump;
#define TEST(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    TEST("/engine_invalidate/retranslates_new_code", test_retranslates_new_code);
    TEST("/engine_invalidate/unlinks_both_ways", test_unlinks_both_ways);
    TEST("/engine_invalidate/block_on_two_pages", test_block_on_two_pages);
    TEST("/engine_invalidate/return_stack_cleared", test_return_stack_cleared);
    TEST("/engine_invalidate/first_level_forgets", test_first_level_forgets);
    TEST("/engine_invalidate/block_invalidating_itself", test_block_invalidating_itself);
    TEST("/engine_invalidate/single_insn_block", test_single_insn_block);
    TEST("/engine_invalidate/many_invalidations", test_many_invalidations);
#undef TEST
    return g_test_run();
}
