/* tests/unit/test_interp_ops.c — what only the interpreter promises: a
 * chained block that needs a bigger frame than the run started with goes
 * back to the exec loop and then runs on a frame of its own, and
 * insn_start makes cpu->insn_pc exact at every instruction (a JIT keeps it
 * exact only where an instruction may fault or call a helper). Every IR op
 * and control path runs on all backends in test_backend_ops.c. */
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "backend/tb.h"
#include "ir/ir.h"

typedef struct TestCpu {
    CpuCommon common;
    uint64_t r0;
} TestCpu;

#define OFF_R0 ((uint32_t)offsetof(TestCpu, r0))

static TestCpu cpu;

static TranslationBlock *compile(IrBlock *b)
{
    g_assert_true(ir_verify(b, NULL, 0));
    TranslationBlock *tb = g_new0(TranslationBlock, 1);
    tb->pc = b->pc;
    size_t bytes = 0;
    tb->code = backend_interp.compile(NULL, b, tb, &bytes);
    g_assert_nonnull(tb->code);
    ir_block_free(b);
    return tb;
}

static void tb_free(TranslationBlock *tb)
{
    backend_interp.free_code(NULL, tb->code);
    g_free(tb);
}

static void test_big_frame(void)
{
    memset(&cpu, 0, sizeof cpu);
    cpu.common.last_slot = -1;
    IrBlock b;
    ir_block_init(&b, 0x5000, 0);
    ir_st_env(&b, IR_I64, OFF_R0, ir_addi(&b, ir_ld_env(&b, IR_I64, OFF_R0), 1));
    ir_goto_tb(&b, 0, 0x5100);
    TranslationBlock *small = compile(&b);
    ir_block_init(&b, 0x5100, 0);
    IrTemp acc = ir_ld_env(&b, IR_I64, OFF_R0);
    for (int i = 0; i < 3000; i++)
        acc = ir_addi(&b, acc, 1);
    ir_st_env(&b, IR_I64, OFF_R0, acc);
    ir_exit(&b, EXIT_HALT);
    TranslationBlock *big = compile(&b);
    small->jmp_next[0] = big;

    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, small), ==, EXIT_NONE);
    g_assert_cmphex(cpu.common.pc, ==, 0x5100);
    g_assert_null(cpu.common.last_tb);
    g_assert_cmpint(cpu.common.last_slot, ==, -1);
    g_assert_cmpuint(cpu.r0, ==, 1);
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, big), ==, EXIT_HALT);
    g_assert_cmpuint(cpu.r0, ==, 3001);
    tb_free(small);
    tb_free(big);
}

static void test_insn_pc_everywhere(void)
{
    memset(&cpu, 0, sizeof cpu);
    IrBlock b;
    ir_block_init(&b, 0x2000, 0);
    ir_insn_start(&b, 0x2000);
    ir_insn_start(&b, 0x2004);
    ir_st_env(&b, IR_I64, offsetof(CpuCommon, pc), ir_const64(&b, 0x2008));
    ir_exit(&b, EXIT_SYSCALL);
    TranslationBlock *tb = compile(&b);
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, tb), ==, EXIT_SYSCALL);
    g_assert_cmphex(cpu.common.insn_pc, ==, 0x2004);
    tb_free(tb);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/interp/big_frame", test_big_frame);
    g_test_add_func("/interp/insn_pc_everywhere", test_insn_pc_everywhere);
    return g_test_run();
}
