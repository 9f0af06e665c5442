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
 *    instruction may fault or call a helper (precise state): stored before
 *    the call, and for a host fault in generated code found again through
 *    guest_pc_of by the signal handler;
 *  - goto_tb slot s: if tb->jmp_next[s] is set, continue there (after the
 *    exit_request check); else set cpu->pc, cpu->last_tb = tb,
 *    cpu->last_slot = s and return EXIT_NONE so the engine can translate the
 *    target and link the slot;
 *  - goto_ptr: set cpu->pc; the backend may continue in a block found in
 *    the first-level jump cache (cpu->ret_stack->jump, backend/tb.h) or
 *    cpu->jmp_cache (checking pc and cpu->tb_flags), else returns
 *    EXIT_NONE with cpu->last_slot = -1;
 *  - push_ret pc / goto_ptr IR_GOTO_RETURN: a backend may keep return
 *    predictions in cpu->ret_stack; a prediction is only taken when its pc
 *    equals the target and its flags cpu->tb_flags, and it continues through the block's return slot
 *    (TB_SLOT_RETURN, linked like a goto_tb slot, to the block at pc;
 *    unlinked, it leaves as goto_tb does with last_slot = TB_SLOT_RETURN);
 *  - exit r: return r (the frontend stored pc beforehand);
 *  - helpers are called as fn(env, args...) with the C calling convention.
 *
 * System mode (IrBlock.softmmu set; cpu->tlb is the cpu's SoftTlb):
 *  - ld/st take the memop's memory index (IR_MO_IDX) and go through
 *    cpu->tlb: softmmu/tlb.h's hit path (the JIT inlines it; r15 holds
 *    cpu->tlb instead of guest_base), softmmu_ld_slow/softmmu_st_slow with
 *    the access's insn_start pc on a miss, softmmu_ld/softmmu_st (which
 *    read cpu->insn_pc) in the interpreter; cmpxchg always calls
 *    softmmu_cmpxchg (operands cut to the memop's size, the old value
 *    extended as a load). Loads come back zero-extended and are extended
 *    as the memop says, as in user mode; guest_addr_fault_mask is not
 *    checked;
 *  - the slow paths may leave through cpu_loop_exit (a guest fault,
 *    EXIT_FAULT at the access's pc; a watchpoint, EXIT_DEBUG): every
 *    guest state store before the access is done, none after it;
 *  - a slow path may invalidate blocks (a store to a code page), the
 *    running one included: it finishes as user mode's self-modifying
 *    code does;
 *  - chaining is the engine's business: it links a slot only to a block
 *    in the same virtual page, and clears the jump cache and the return
 *    stack when the cpu's mappings change, so the backends' goto_tb,
 *    goto_ptr and return rules above stay as they are.
 *
 * Code space: `open` makes the backend's state for one engine (the JIT's
 * code cache, sized code_bytes; 0 = the backend's default). When it is
 * full, compile returns NULL; the engine then drops every block, calls
 * `flush` and compiles again (a second NULL is a morph bug).
 */
#ifndef MORPH_TARGET_H
#define MORPH_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "backend/exec.h"
#include "backend/tb.h"
#include "ir/ir.h"

struct Backend {
    const char *name;  /* "interp", "jit" as -accel names them */
    void *(*open)(size_t code_bytes);
    void (*close)(void *state);
    /* Compile; returns the code handle stored in tb->code, NULL when the
     * code space is full. *code_bytes receives the size produced. */
    void *(*compile)(void *state, const IrBlock *ir, TranslationBlock *tb, size_t *code_bytes);
    void (*free_code)(void *state, void *code);
    /* Every block was dropped: all code space may be reused. */
    void (*flush)(void *state);
    /* Run starting at tb until a block leaves (see the rules above). */
    ExitReason (*run)(void *state, CpuCommon *cpu, TranslationBlock *tb);
    /* Optional. Make tb's exit `slot` continue straight into `to`, or go
     * back to leaving through the loop when `to` is NULL. tb->jmp_next
     * is already updated when this is called. */
    void (*set_jump)(void *state, TranslationBlock *tb, int slot, TranslationBlock *to);
    /* Optional. If host_pc lies in code this backend generated, the guest
     * pc of the instruction it belongs to (async-signal-safe). */
    bool (*guest_pc_of)(void *state, uintptr_t host_pc, uint64_t *guest_pc);
    /* Optional. In the child of a fork, before anything runs: stop
     * sharing code memory with the parent. The engine then drops every
     * block (flush). */
    void (*after_fork)(void *state);
};

extern const Backend backend_interp;
extern const Backend backend_jit;

/* The backend named by -accel, NULL if unknown. */
const Backend *backend_by_name(const char *name);
/* The names of all backends, for messages: "jit, interp". */
const char *backend_names(void);

#endif
