/* backend/interp/interp.h — the interpreter's pre-decoded block form,
 * shared by its compiler (interp_compile.c), its helper-call glue
 * (interp_call.c) and its dispatch loop (interp.c).
 *
 * A compiled block is one allocation:
 *
 *   InterpCode ┬ nslots, ninsns, ncalls, calls ──────────────┐
 *              └ insns[0..ninsns)  32 bytes each             │
 *                ┌─────────┬────┬────┬────┬────┬─────┐       │
 *                │ handler │ d  │ a  │ b  │ c  │ imm │       │
 *                └─────────┴────┴────┴────┴────┴─────┘       │
 *              InterpCall[ncalls] (ffi_cif per call site) ◄──┘
 *
 * handler is the address of the dispatch label (GNU computed goto);
 * d/a/b/c index the block's frame of uint64 temps (slot = IR temp number);
 * imm holds the immediate, a resolved branch target (insn index) or an
 * InterpCall pointer. Labels emit nothing.
 *
 * Values in the frame: i32 zero-extended to 64 bits, f32 as its bits in
 * the low half (upper half zero), i64/f64 as their 64 bits.
 */
#ifndef MORPH_INTERP_H
#define MORPH_INTERP_H

#include <stddef.h>
#include <stdint.h>

#include <ffi.h>

#include "backend/target.h"

typedef enum IopCode {
#define INTERP_OP(name) IOP_##name,
#include "backend/interp/interp_ops.h"
#undef INTERP_OP
    IOP_COUNT
} IopCode;

typedef struct InterpInsn {
    const void *handler;
    uint32_t d, a, b, c;
    uint64_t imm;
} InterpInsn;

/* One helper call site: its libffi call interface and argument slots. */
typedef struct InterpCall {
    ffi_cif cif;
    ffi_type *atypes[1 + IR_HELPER_MAX_ARGS];
    const IrHelper *helper;
    uint32_t args[IR_HELPER_MAX_ARGS];
} InterpCall;

typedef struct InterpCode {
    uint32_t nslots;  /* frame size in uint64 temps */
    uint32_t ninsns;
    uint32_t ncalls;
    InterpCall *calls;
    InterpInsn insns[];
} InterpCode;

/* The dispatch loop's label table, indexed by IopCode. */
const void *const *interp_handlers(void);

void *interp_compile(void *state, const IrBlock *ir, TranslationBlock *tb, size_t *code_bytes);
void interp_free(void *state, void *code);
ExitReason interp_run(void *state, CpuCommon *cpu, TranslationBlock *tb);

/* Prepare call->cif for call->helper; false if a type is unsupported. */
bool interp_call_prepare(InterpCall *call);
/* Call it with arguments from frame; the result (if any) goes to slot d. */
void interp_call(CpuCommon *cpu, const InterpCall *call, uint64_t *frame, uint32_t d);

/* Run one x87 op (x87_rr, x87_rm, x87_st) of insn on env's slots, results
 * into frame (interp_x87.c). */
void interp_x87(CpuCommon *env, uint64_t *frame, const InterpInsn *insn);

#endif
