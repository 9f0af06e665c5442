/* frontend/ppc/fp_gen.h — the IR generators of the classic FPU
 * (frontend/ppc/fp.c) that VSX floating point (vsx_fp.c) shares: one
 * recorded arithmetic operation with POWER's NaN rules and single
 * rounding, the lazy FPSCR record, the exact single <-> double bit
 * conversions, integer to float, and the compare.
 *
 * Operands follow the A-form roles of PpcFpOp (fp_helpers.h): a + b,
 * a - b, a * c, a / b, sqrt(b), a * c + b, a * c - b, 1 / sqrt(b).
 */
#ifndef MORPH_PPC_FP_GEN_H
#define MORPH_PPC_FP_GEN_H

#include "frontend/ppc/decode.h"
#include "frontend/ppc/fp_helpers.h"

/* The host operation alone, on `type` (IR_F32 or IR_F64) operands: no NaN
 * fix-up, no single rounding. */
IrTemp ppc_fp_emit_op(IrBlock *b, IrType type, PpcFpOp op, IrTemp a, IrTemp bb, IrTemp c);

/* The rare path of an instruction, out of the usual one's way: where
 * (x usual y) holds, control branches to the returned label; otherwise the
 * code emitted up to ppc_fp_rare_end runs (the whole instruction, done
 * exactly, typically by a helper) and the block leaves for the next
 * instruction. Nothing else comes into the label, so the usual way keeps
 * every value in its register (the JIT reloads values where two ways meet). */
IrLabel ppc_fp_rare_begin(PpcCtx *ctx, IrCond usual, IrTemp x, IrTemp y);
void ppc_fp_rare_end(PpcCtx *ctx, IrLabel l_usual);
/* ppc_fp_rare_begin where the i64 double bit pattern `bits` is a NaN. */
IrLabel ppc_fp_rare_if_nan(PpcCtx *ctx, IrTemp bits);

/* An instruction that sets FPRF, FR and FI (rec: a PpcFpOp and
 * PPC_FPR_SINGLE / PPC_FPR_NEGATE) as POWER computes it, stored as f64 at
 * env offset dest_off, and recorded: a NaN result is POWER's (and its
 * invalid-operation causes are noted), single precision is rounded once,
 * a non-NaN result is negated for fnmadd/fnmsub. A NaN, or a single near a
 * rounding boundary, is the rare path (rc: it sets CR1 for Rc=1 too). */
void ppc_fp_gen_recorded(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c, uint32_t dest_off,
                         bool rc);

/* Record the instruction that sets FPRF, FR and FI last (rec: a PpcFpOp
 * and PPC_FPR_* bits; operands in the A-form roles, only those its
 * operation reads are stored). */
void ppc_fp_note_op(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c);

/* i32 single bit pattern -> the f64 it denotes, exactly (a signalling NaN
 * stays signalling, nothing raised); and f64 bits -> i32 single bits as
 * stfs stores them (no rounding). */
IrTemp ppc_fp_single_to_double(PpcCtx *ctx, IrTemp w);
IrTemp ppc_fp_double_to_single_bits(PpcCtx *ctx, IrTemp bits);

/* fcfid[u][s]: the 64-bit integer whose bits are the f64 `src` to double
 * (or single), stored as f64 at env offset dest_off, and recorded. */
void ppc_fp_gen_from_int(PpcCtx *ctx, bool is_unsigned, bool single, IrTemp src, uint32_t dest_off);

/* Runs of FP instructions (fp_run.c). Before each instruction of a block:
 * it joins the open run or starts one if it is a register-only FP
 * instruction (ppc_fp_joins_run), else the run ends first. */
bool ppc_fp_joins_run(const PpcInsnForm *f, uint32_t insn);
void ppc_fp_run_step(PpcCtx *ctx, const PpcInsnForm *f);
/* End the run: test its rare cases once (leaving, if one holds, to redo
 * it exactly), then store what it held back. */
void ppc_fp_run_end(PpcCtx *ctx);
/* While a run is open: the value held for FPR n (0: none), and hold an
 * FPR value, a rare-case test (i32 nonzero: rare), an f64 result to test
 * for NaN, the record (as ppc_fp_note_op takes it). */
IrTemp ppc_fp_run_fpr(const PpcCtx *ctx, unsigned n);
void ppc_fp_run_hold_fpr(PpcCtx *ctx, unsigned n, IrTemp v);
void ppc_fp_run_test(PpcCtx *ctx, IrTemp rare);
void ppc_fp_run_test_nan(PpcCtx *ctx, IrTemp result);
void ppc_fp_run_hold_record(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c);
/* Store a record now (fp.c). */
void ppc_fp_store_record(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c);

/* fcmpu/fcmpo of two f64 values into CR field bf and FPSCR[FPCC]. */
void ppc_fp_gen_compare(PpcCtx *ctx, bool ordered, IrTemp fa, IrTemp fb, unsigned bf);

#endif
