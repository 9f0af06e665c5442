/* tests/unit/random_ir.h — random valid IR blocks and the small machine
 * they run on, for the differential tests: test_opt_interp (a block as
 * built against the same block after opt_run, both on the interpreter)
 * and test_jit_interp (the JIT against the interpreter).
 *
 *   rir_seed(n) ─► rir_gen_block ─► IrBlock ─► rir_compile (per machine)
 *   rir_make_start ─► RirStart ───────────────► rir_run ─► RirOutcome
 *                                    rir_differ(outcome, outcome) ◄─┘
 *
 * The guest state is RirCpu: CpuCommon, then RIR_ENV_BYTES of registers
 * (integers first, floats after), which blocks reach with ld_env/st_env;
 * guest memory is RIR_MEM_SIZE bytes (plus room for an 8-byte access at
 * the last address), which every generated address stays inside.
 *
 * Exits go mostly to the landing blocks at RIR_LANDING_PC(k): a machine
 * made with landings compiles them, and a run may chain the block's
 * goto_tb slots and return slot to them and find them through the jump
 * cache (RirWorld). Landings 0..3 leave with an exit; landing k >= 4 is a
 * "callee" that returns (goto_ptr IR_GOTO_RETURN) to landing k - 4.
 */
#ifndef MORPH_TEST_RANDOM_IR_H
#define MORPH_TEST_RANDOM_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "backend/tb.h"
#include "ir/ir.h"

enum {
    RIR_INT_BYTES = 48,  /* integer registers: env[0, 48) */
    RIR_ENV_BYTES = 96,  /* float registers: env[48, 96) */
    RIR_MEM_SIZE = 256,  /* guest memory the generated addresses reach */
    RIR_MEM_ALLOC = RIR_MEM_SIZE + 8,
    RIR_NLANDINGS = 8,
};

#define RIR_LANDING_PC(k) (UINT64_C(0x70000) + 0x100 * (uint64_t)(k))

typedef struct RirCpu {
    CpuCommon common;
    uint8_t env[RIR_ENV_BYTES];
} RirCpu;

/* ---- a deterministic PRNG (xorshift64*); one stream for the process ---- */
void rir_seed(uint64_t seed);
uint64_t rir_rand64(void);
uint32_t rir_rand(uint32_t n); /* uniform in [0, n) */

/* ---- blocks -------------------------------------------------------------- */
/* Fill b (initialized, empty, at its pc) with a random valid block. */
void rir_gen_block(IrBlock *b);
/* Fill b (initialized at RIR_LANDING_PC(k)) with landing block k. */
void rir_gen_landing(IrBlock *b, unsigned k);
/* dst = an independent copy of src (dst is initialized here). */
void rir_copy_block(IrBlock *dst, const IrBlock *src);
/* Drop instructions from b, or turn them into constants, while it stays
 * valid and still_fails(b, ctx) holds, so a report shows a small block. */
void rir_shrink(IrBlock *b, bool (*still_fails)(const IrBlock *b, void *ctx), void *ctx);

/* ---- runs ------------------------------------------------------------------ */
/* The starting state of a run: the same for every run it is compared in. */
typedef struct RirStart {
    uint64_t pc;
    int round;          /* host rounding mode: FE_TONEAREST, FE_UPWARD, ... */
    int32_t exit_request;
    uint8_t env[RIR_ENV_BYTES];
    uint8_t mem[RIR_MEM_ALLOC];
} RirStart;

void rir_make_start(RirStart *s, uint64_t pc);

/* What a run leaves behind; rir_differ compares every field. */
typedef struct RirOutcome {
    ExitReason reason;
    uint64_t pc;
    int32_t last_slot;
    uint64_t last_tb_pc; /* pc of cpu->last_tb, or 0 when none */
    int32_t exit_request;
    int fp_flags;        /* fetestexcept(FE_ALL_EXCEPT) after the run */
    uint8_t env[RIR_ENV_BYTES];
    uint8_t mem[RIR_MEM_ALLOC];
} RirOutcome;

/* The first difference, written into buf as "what: x_name V, y_name W";
 * NULL when the outcomes are identical. */
const char *rir_differ(const RirOutcome *x, const char *x_name, const RirOutcome *y, const char *y_name,
                       char *buf, size_t len);

/* How a run is wired to the landing blocks. Chained: the landings are in
 * the jump cache, the return slot is linked to the block's push_ret pc and
 * goto_tb slot s to its target when bit s of link_slots is set. Not
 * chained: empty jump cache, nothing linked. */
typedef struct RirWorld {
    bool chained;
    uint8_t link_slots;
} RirWorld;

/* A random world for b that every backend must run identically: a block
 * with a push_ret is always chained, because a return predicted through
 * an unlinked return slot may leave with last_slot TB_SLOT_RETURN where a
 * backend without prediction leaves with -1 (both are allowed). */
RirWorld rir_random_world(const IrBlock *b);

/* A backend with its own state, cpu, guest memory, jump cache and return
 * stack; with landings, their blocks compiled on it. */
typedef struct RirMachine {
    const Backend *backend;
    void *state;
    RirCpu cpu;
    uint8_t *mem;
    TranslationBlock *jmp_cache[TB_JMP_CACHE_SIZE];
    RetStack ret_stack;
    bool has_landings;
    TranslationBlock *landing[RIR_NLANDINGS];
} RirMachine;

RirMachine *rir_machine_new(const Backend *backend, bool landings);
void rir_machine_free(RirMachine *m);
/* Compile b (valid) on m; when the code space is full, drop the landings,
 * flush and compile again (as the engine does). Never NULL. */
TranslationBlock *rir_compile(RirMachine *m, const IrBlock *b);
void rir_tb_free(RirMachine *m, TranslationBlock *tb);

/* Wire tb (compiled from b) into world w, run it from s, record o. A
 * helper leaving through cpu_loop_exit() lands back here. */
void rir_run(RirMachine *m, TranslationBlock *tb, const IrBlock *b, RirWorld w, const RirStart *s,
             RirOutcome *o);

#endif
