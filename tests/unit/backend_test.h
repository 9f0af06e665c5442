/* tests/unit/backend_test.h — the harness of the backend tests
 * (test_backend_ops.c: integer ops, conditions, guest memory;
 * test_backend_fp.c: float ops; test_backend_flow.c: branches, exits,
 * chaining, return prediction, helper calls, register pressure).
 *
 * Every test is registered once per backend built in (/jit/NAME,
 * /interp/NAME) and runs on that backend's state from backend->open(0),
 * on one TestCpu whose jump cache and return stack are set up as the
 * engine does. A case builds a block with the ir/ builder, bt_compile
 * verifies and compiles it, bt_run runs it (a helper leaving through
 * cpu_loop_exit() lands back there) and records the sticky FP flags the
 * run raised. Expected values come from the same computation in plain C.
 *
 * An op's operands can reach it several ways (Feed); bt_op2 and bt_op1
 * run every way and require one answer, which they return.
 */
#ifndef MORPH_TEST_BACKEND_TEST_H
#define MORPH_TEST_BACKEND_TEST_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "backend/tb.h"
#include "ir/ir.h"

enum { BT_NREGS = 48, BT_MEM_SIZE = 1 << 16 };

typedef struct TestCpu {
    CpuCommon common;
    uint64_t r[BT_NREGS]; /* r[0] result, r[1..] inputs */
    uint64_t r1_out;      /* second result */
} TestCpu;

#define OFF_R(i) ((uint32_t)(offsetof(TestCpu, r) + 8 * (i)))
#define OFF_R1_OUT ((uint32_t)offsetof(TestCpu, r1_out))
#define OFF_PC ((uint32_t)offsetof(CpuCommon, pc))

extern TestCpu bt_cpu;
extern uint8_t *bt_mem;  /* guest memory: bt_cpu.common.guest_base */
extern int bt_fp_flags;  /* the sticky FP flags the last bt_run raised */

/* ---- registering and running the tests ----------------------------------- */
typedef struct BackendTest {
    const char *name;
    void (*fn)(void);
} BackendTest;

void bt_init(int *argc, char ***argv);
/* Register each test once per backend built in. */
void bt_add(const BackendTest *tests, size_t ntests);
/* g_test_run, then close the backends' states. */
int bt_run(void);

/* ---- blocks ----------------------------------------------------------------- */
/* Zero bt_cpu, point it at guest memory, an empty jump cache and return stack. */
void bt_reset(void);
IrBlock *bt_block(uint64_t pc);
/* Verify and compile (the IR is freed); a full code space is flushed. */
TranslationBlock *bt_compile(IrBlock *b);
void bt_free(TranslationBlock *tb);
/* Chain from's exit slot to `to` (NULL: unlink), the way the engine does. */
void bt_link(TranslationBlock *from, int slot, TranslationBlock *to);
/* Put tb into the jump cache. */
void bt_cache(TranslationBlock *tb);
ExitReason bt_run_tb(TranslationBlock *tb);
/* Compile, run and free. */
ExitReason bt_run_block(IrBlock *b);
/* Store d to r[0] and leave with EXIT_HALT. */
void bt_finish(IrBlock *b, IrTemp d);

static inline uint64_t bt_mask(IrType t)
{
    return ir_type_bits(t) == 32 ? 0xffffffffu : ~0ull;
}

/* ---- operands ----------------------------------------------------------------- */
typedef enum Feed {
    FEED_ENV,        /* loaded from env */
    FEED_ENV_LIVE,   /* loaded from env and stored back after the op (still live) */
    FEED_CONST_A,    /* the first an IR constant (an immediate for the JIT) */
    FEED_CONST_B,    /* the second an IR constant */
    FEED_CONST_BOTH, /* both IR constants */
    FEED_SAME,       /* one temp for both (only when the values are equal) */
    NFEEDS
} Feed;

/* r[reg] (masked to t) as an ld_env, or as an IR constant. */
IrTemp bt_operand(IrBlock *b, IrType t, unsigned reg, bool as_const);

/* op(a, b) of type t, fed every way; its sticky FP flags into *flags
 * (when not NULL). */
uint64_t bt_op2_flags(IrOpcode op, IrType t, uint64_t a, uint64_t b, int *flags);
uint64_t bt_op2(IrOpcode op, IrType t, uint64_t a, uint64_t b);
/* op(a) with imm (extract/sextract: pos | len << 8; cvt_f_*: IrRound),
 * from type t to type result, fed every way. */
uint64_t bt_op1_imm_flags(IrOpcode op, IrType t, IrType result, uint64_t a, int64_t imm, int *flags);
uint64_t bt_op1_imm(IrOpcode op, IrType t, IrType result, uint64_t a, int64_t imm);
/* op(a) of type t, the result of the op's own type rule. */
uint64_t bt_op1(IrOpcode op, IrType t, uint64_t a);

#endif
