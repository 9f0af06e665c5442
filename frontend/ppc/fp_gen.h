/* frontend/ppc/fp_gen.h — the IR generators of the classic FPU
 * (frontend/ppc/fp.c) that VSX floating point (vsx_fp.c) shares: one
 * arithmetic operation with POWER's NaN rules and single rounding, the
 * lazy FPSCR record, the exact single <-> double bit conversions and the
 * compare.
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

/* f64 result of `op` on f64 operands as POWER computes it: a NaN result
 * is POWER's (and its invalid-operation causes are recorded), `single`
 * rounds it once to single precision, `negate` negates a non-NaN result
 * (fnmadd, fnmsub). */
IrTemp ppc_fp_gen_arith(PpcCtx *ctx, PpcFpOp op, bool single, bool negate, IrTemp a, IrTemp bb, IrTemp c);

/* The same for an instruction that sets FPRF, FR and FI (rec: a PpcFpOp
 * and PPC_FPR_SINGLE / PPC_FPR_NEGATE): it is recorded first, so the rare
 * path reads its operands back from the record and fewer values are live
 * across its branch. */
IrTemp ppc_fp_gen_recorded(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c);

/* Record the instruction that sets FPRF, FR and FI last (rec: a PpcFpOp
 * and PPC_FPR_* bits; operands as its op reads them, 0 for unused). */
void ppc_fp_note_op(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c);

/* i32 single bit pattern -> the f64 it denotes, exactly (a signalling NaN
 * stays signalling, nothing raised); and f64 bits -> i32 single bits as
 * stfs stores them (no rounding). */
IrTemp ppc_fp_single_to_double(PpcCtx *ctx, IrTemp w);
IrTemp ppc_fp_double_to_single_bits(PpcCtx *ctx, IrTemp bits);

/* fcmpu/fcmpo of two f64 values into CR field bf and FPSCR[FPCC]. */
void ppc_fp_gen_compare(PpcCtx *ctx, bool ordered, IrTemp fa, IrTemp fb, unsigned bf);

#endif
