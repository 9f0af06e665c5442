/* frontend/ppc/gen.h — what the integer, branch and load/store families of
 * the PowerPC frontend share beyond decode.h: extra generators, the helper
 * descriptors they call, and the entry points guest.c wires into GuestArch.
 * (The FP family needs only decode.h.)
 */
#ifndef MORPH_PPC_GEN_H
#define MORPH_PPC_GEN_H

#include <stdint.h>
#include <stdio.h>

#include "frontend/guest.h"
#include "frontend/ppc/decode.h"

/* translate.c */
const PpcInsnForm *ppc_find_form(uint32_t insn); /* NULL: no form matches */
void ppc_translate(TranslateCtx *tc);
IrTemp ppc_ra_or_zero(PpcCtx *ctx);               /* (RA|0) */
void ppc_set_pc_exit(PpcCtx *ctx, uint64_t pc, int reason); /* pc = pc; exit */

/* int.c: CR0 from a result (signed compare with 0, SO copied from XER). */
void ppc_gen_cr0(PpcCtx *ctx, IrTemp result);
/* CR[field] from comparing a with b (same type), SO copied from XER. */
void ppc_gen_cmp(PpcCtx *ctx, unsigned field, IrTemp a, IrTemp b, bool is_signed);
void ppc_gen_ov(PpcCtx *ctx, IrTemp ov);                         /* OE=1: OV = ov, SO |= ov */
void ppc_gen_result(PpcCtx *ctx, unsigned rt, IrTemp r, bool rc); /* rt = r; Rc: CR0 */
/* MASK(mb, me) of a width-bit value, IBM bit numbering; wraps around when
 * mb > me. */
uint64_t ppc_mask(unsigned width, unsigned mb, unsigned me);
/* rotl(v, sh) & MASK(mb, me) over v's width (i32 or i64), as shifts and
 * field extracts where the mask allows. */
IrTemp ppc_gen_rotl_mask(PpcCtx *ctx, IrTemp v, unsigned sh, unsigned mb, unsigned me);

/* int.c: the user-level SPRs (XER, LR, CTR, TB, VRSAVE); false for any
 * other SPR. booke.c falls back on them. */
bool ppc_trans_mfspr(PpcCtx *ctx);
bool ppc_trans_mtspr(PpcCtx *ctx);

/* helpers.c: C helpers the IR calls. */
extern const IrHelper ppc_helper_mftb;   /* i32 (i32 upper): time base half */
extern const IrHelper ppc_helper_mftb64; /* i64 (): the whole time base */
extern const IrHelper ppc_helper_divde;  /* i64 (i64 a, i64 b): (a || 0^64) / b, signed */
extern const IrHelper ppc_helper_divdeu; /* i64 (i64 a, i64 b): the same, unsigned */
extern const IrHelper ppc_helper_divde_ov;  /* i32 (i64 a, i64 b): 1 if divde's quotient is undefined */
extern const IrHelper ppc_helper_divdeu_ov; /* i32 (i64 a, i64 b): the same for divdeu */
extern const IrHelper ppc_helper_bpermd; /* i64 (i64 s, i64 b): bits of b selected by s's bytes */
extern const IrHelper ppc_helper_lsw;    /* (i32 ea, i32 rt, i32 nbytes): load string */
extern const IrHelper ppc_helper_stsw;   /* (i32 ea, i32 rs, i32 nbytes): store string */
uint64_t ppc_timebase_now(void);         /* host monotonic time in ns */

/* disas.c */
size_t ppc_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen);
size_t ppc64_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen);
size_t ppc64le_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen);

#endif
