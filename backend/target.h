/* backend/target.h — the contract every backend (interp/, x86_64/) keeps.
 *
 * A backend turns an optimized, verified IrBlock into something it can run
 * and runs it. Semantics are those of ir/ops.def, plus:
 *  - guest memory in user mode is cpu->guest_base + zero-extended address;
 *    a host fault there is turned into EXIT_FAULT by linux-user's signal
 *    handler through cpu_loop_exit();
 *  - at block entry, if cpu->exit_request is set, the backend returns
 *    EXIT_INTERRUPT with cpu->pc = the block's pc, before any guest effect;
 *  - insn_start(pc) makes cpu->insn_pc == pc observable whenever an
 *    instruction may fault or call a helper (precise state);
 *  - goto_tb slot s: if tb->jmp_next[s] is set, continue there (after the
 *    exit_request check); else set cpu->pc, cpu->last_tb = tb,
 *    cpu->last_slot = s and return EXIT_NONE so the engine can translate the
 *    target and link the slot;
 *  - goto_ptr: set cpu->pc; the backend may continue in a block found in
 *    cpu->jmp_cache, else returns EXIT_NONE with cpu->last_slot = -1;
 *  - exit r: return r (the frontend stored pc beforehand);
 *  - helpers are called as fn(env, args...) with the C calling convention.
 */
#ifndef MORPH_TARGET_H
#define MORPH_TARGET_H

#include "backend/exec.h"
#include "backend/tb.h"
#include "ir/ir.h"

struct Backend {
    const char *name;  /* "interp", "jit" as -accel names them */
    /* Compile; returns the code handle stored in tb->code, NULL on failure.
     * *code_bytes receives the size of what was produced. */
    void *(*compile)(const IrBlock *ir, TranslationBlock *tb, size_t *code_bytes);
    void (*free_code)(void *code);
    /* Run starting at tb until a block leaves (see the rules above). */
    ExitReason (*run)(CpuCommon *cpu, TranslationBlock *tb);
};

extern const Backend backend_interp;

/* The backend named by -accel, NULL if unknown. */
const Backend *backend_by_name(const char *name);

#endif
