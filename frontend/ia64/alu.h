/* frontend/ia64/alu.h — what the integer families (alu.c, ishift.c,
 * sys.c, disas.c) share beyond decode.h: predicate-pair writes and the
 * immediate and completer decoders of the A-unit forms. */
#ifndef MORPH_IA64_ALU_H
#define MORPH_IA64_ALU_H

#include "frontend/ia64/decode.h"

/* How a compare (cmp, cmp4, tbit, tnat) writes its predicate pair. */
typedef enum Ia64CmpType {
    IA64_CMP_NORMAL,    /* p1 = c, p2 = !c */
    IA64_CMP_UNC,       /* the same, and both 0 when qp is 0 (OWN_QP) */
    IA64_CMP_AND,       /* c false: p1 = p2 = 0 */
    IA64_CMP_OR,        /* c true: p1 = p2 = 1 */
    IA64_CMP_OR_ANDCM,  /* c true: p1 = 1, p2 = 0 */
} Ia64CmpType;

/* Write p1/p2 from cond (i32 0/1) by the rules of `type`. nat (i32 0/1,
 * or 0 for none) says a source was NaT (manual, cmp/tbit): then normal
 * and unc compares clear both predicates, "and" types too, and "or"
 * types leave them, as they do for a false cond. */
void ia64_gen_pred_write(Ia64Ctx *ctx, Ia64CmpType type, IrTemp cond, IrTemp nat, unsigned p1, unsigned p2);

int64_t ia64_imm14(uint64_t insn);          /* adds: s imm6d imm7b */
int64_t ia64_imm22(uint64_t insn);          /* addl: s imm5c imm9d imm7b */
const char *ia64_cmp_completer(uint64_t insn); /* ".lt.unc" ... */
bool ia64_cmp_with_zero(uint64_t insn);        /* the r0-compare (A7) form */
const char *ia64_tbit_completer(uint64_t insn); /* ".z.unc" ... */

#endif
