/* frontend/ppc/vec.h — the PowerPC vector register file as the VMX
 * (Altivec) and VSX families see it, the element accessors their C
 * helpers use, and the IR generators they share (frontend/ppc/vec.c).
 *
 * Register file (PpcCpu, cpu.h): 64 VSRs of 128 bits. VSR n < 32 is FPR n
 * (doubleword 0) with vsr_dw1[n] (doubleword 1); VSR 32 + n is VR n. A
 * 128-bit value is two host integers, dw[0] = bits 0:63, dw[1] = bits
 * 64:127 (IBM numbering), whatever the guest's byte order:
 *
 *    bit 0                    63 64                  127
 *   +-------------------------+------------------------+
 *   |        dw[0]            |         dw[1]          |
 *   +-------------------------+------------------------+
 *    byte 0 ...        byte 7  byte 8 ...      byte 15    (element 0 is
 *    word 0     |    word 1    word 2    |    word 3       leftmost)
 *
 * Element i of width w bits is the i-th field from the left, as the ISA
 * numbers it. Byte order only matters at loads and stores (vec.c's
 * generators take it as a parameter: ppc_vec_le()).
 *
 * Helper-backed instructions go through one IR helper, ppc_vec_h_apply,
 * whose first argument is the C function to run (a PpcVecFn) and whose
 * second packs the register numbers: the helper reads VSRs a, b, c and
 * the old t into values, runs the function and writes t back.
 */
#ifndef MORPH_PPC_VEC_H
#define MORPH_PPC_VEC_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/ppc/cpu.h"
#include "frontend/ppc/decode.h"

typedef struct PpcVec {
    uint64_t dw[2];
} PpcVec;

/* VSCR (the low word of the 128-bit register mfvscr returns). */
#define PPC_VSCR_NJ 0x10000u /* non-Java: denormals flush to zero */
#define PPC_VSCR_SAT 1u      /* sticky saturation */

/* Byte offset of doubleword dw (0 or 1) of VSR n (0..63) in PpcCpu. */
static inline uint32_t ppc_vsr_off(unsigned n, unsigned dw)
{
    if (n < 32)
        return dw ? PPC_OFF(vsr_dw1) + 8 * n : PPC_FPR_OFF(n);
    return PPC_OFF(vr) + 16 * (n - 32) + 8 * dw;
}

static inline PpcVec ppc_vsr_get(const PpcCpu *cpu, unsigned n)
{
    const char *base = (const char *)cpu;
    PpcVec v;
    v.dw[0] = *(const uint64_t *)(base + ppc_vsr_off(n, 0));
    v.dw[1] = *(const uint64_t *)(base + ppc_vsr_off(n, 1));
    return v;
}

static inline void ppc_vsr_set(PpcCpu *cpu, unsigned n, PpcVec v)
{
    char *base = (char *)cpu;
    *(uint64_t *)(base + ppc_vsr_off(n, 0)) = v.dw[0];
    *(uint64_t *)(base + ppc_vsr_off(n, 1)) = v.dw[1];
}

/* Element i of width `bits` (8, 16, 32, 64), zero-extended. */
static inline uint64_t vec_get(const PpcVec *v, unsigned bits, unsigned i)
{
    unsigned per = 64 / bits;
    uint64_t d = v->dw[i / per];
    if (bits == 64)
        return d;
    unsigned shift = 64 - bits * (i % per + 1);
    return (d >> shift) & ((1ull << bits) - 1);
}

static inline void vec_set(PpcVec *v, unsigned bits, unsigned i, uint64_t x)
{
    unsigned per = 64 / bits;
    if (bits == 64) {
        v->dw[i] = x;
        return;
    }
    unsigned shift = 64 - bits * (i % per + 1);
    uint64_t mask = ((1ull << bits) - 1) << shift;
    v->dw[i / per] = (v->dw[i / per] & ~mask) | ((x << shift) & mask);
}

/* A helper-backed instruction: t = f(a, b, c, imm). t holds the target's
 * old value on entry. It may read and update other guest state (VSCR,
 * FPSCR) through cpu. */
typedef void (*PpcVecFn)(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c,
                         uint32_t imm);

/* (i64 PpcVecFn, i32 t | a << 6 | b << 12 | c << 18 as VSR numbers, i32 imm) */
extern const IrHelper ppc_vec_h_apply;

/* ---- IR generators (vec.c) ------------------------------------------- */

/* The guest's byte order for vector loads and stores (MSR[LE] of the
 * block); every vector load and store takes this as its one byte-order
 * parameter. */
static inline bool ppc_vec_le(const PpcCtx *ctx)
{
    return ctx->le;
}

/* Field decoders: VR numbers of VA/VX forms are VSRs 32 + n; VSX forms
 * add their extension bits (XX forms: AX bit 29, BX 30, TX 31; XX4: CX 28). */
static inline unsigned ppc_vrt(uint32_t i) { return 32 + ((i >> 21) & 31); }
static inline unsigned ppc_vra(uint32_t i) { return 32 + ((i >> 16) & 31); }
static inline unsigned ppc_vrb(uint32_t i) { return 32 + ((i >> 11) & 31); }
static inline unsigned ppc_vrc(uint32_t i) { return 32 + ((i >> 6) & 31); }
static inline unsigned ppc_xt(uint32_t i) { return ((i >> 21) & 31) | (i & 1) << 5; }
static inline unsigned ppc_xa(uint32_t i) { return ((i >> 16) & 31) | ((i >> 2) & 1) << 5; }
static inline unsigned ppc_xb(uint32_t i) { return ((i >> 11) & 31) | ((i >> 1) & 1) << 5; }
static inline unsigned ppc_xc(uint32_t i) { return ((i >> 6) & 31) | ((i >> 3) & 1) << 5; }

/* Whether the instruction of form f may join a run of FP instructions
 * (fp_run.c): scalar arithmetic (vsx_fp.c) and moves from GPRs (vsx.c)
 * on VSRs 0..31, the FPRs. */
bool ppc_vsx_arith_joins_run(const PpcInsnForm *f, uint32_t insn);
bool ppc_vsx_move_joins_run(const PpcInsnForm *f, uint32_t insn);

/* i64 doubleword dw of VSR n. */
IrTemp ppc_vsr_ld(PpcCtx *ctx, unsigned n, unsigned dw);
void ppc_vsr_st(PpcCtx *ctx, unsigned n, unsigned dw, IrTemp v);
/* VSR[t] = f(VSR[a], VSR[b], VSR[c], imm) through ppc_vec_h_apply. */
void ppc_vec_apply(PpcCtx *ctx, PpcVecFn f, unsigned t, unsigned a, unsigned b, unsigned c, uint32_t imm);
/* Rc=1 of vector compares: CR6 = all true (8) | all false (2), from VSR t. */
void ppc_vec_set_cr6(PpcCtx *ctx, unsigned t);
/* 64 bits of guest memory at ea + off as one doubleword of a register:
 * big-endian, or little-endian when le. */
IrTemp ppc_vec_ld64(PpcCtx *ctx, IrTemp ea, unsigned off, bool le);
void ppc_vec_st64(PpcCtx *ctx, IrTemp ea, unsigned off, bool le, IrTemp v);
/* ea + off in ea's type. */
IrTemp ppc_vec_ea_plus(PpcCtx *ctx, IrTemp ea, unsigned off);

#endif
