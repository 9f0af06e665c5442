/* frontend/x86/flags.h — the lazy status flags: what each cc_op means.
 *
 * A flag-setting instruction records what it did instead of computing
 * CF PF AF ZF SF OF: cc_op = kind * 4 + log2(operand size), and up to
 * three values (cc_dst, cc_src, cc_src2 in X86Cpu). Values are of the
 * operand's width; bits above it are ignored when the flags are derived.
 * X86Cpu keeps only the fields the derivation reads: one marked "-", and
 * SUB's and SAR's cc_src2, may hold anything there.
 *
 *   kind     cc_dst   cc_src              cc_src2      flags derived
 *   EFLAGS   -        the flags (EFLAGS   -            (cc_op is always 0)
 *                     positions)
 *   ADD      a+b      b                   -            CF: dst < b
 *   ADC      a+b+c    b                   c (0/1)      CF: c ? dst <= b : dst < b
 *   SUB      a-b      b                   a *          CF: a < b, a = dst + b
 *   SBB      a-b-c    b                   c (0/1)      CF: c ? a <= b : a < b
 *   LOGIC    result   -                   -            CF = OF = AF = 0
 *   INC/DEC  result   old CF (0/1)        -            CF kept, OF at the sign edge
 *   SHL      result   a << (n-1)          a            CF: top bit of src
 *   SHR/SAR  result   a >> (n-1)          a            CF: bit 0 of src
 *   MUL      low half nonzero on overflow -            CF = OF = (src != 0)
 *   KEPT     result   CF OF AF at their   -            ZF SF PF of dst, CF OF AF
 *                     EFLAGS positions                 from src (ROL/ROR)
 *   ROT      inner    inner cc_src        packed **    the inner record's, CF OF
 *            cc_dst                                    from src2 (ROL/ROR; size 8)
 *
 *   * SUB's cc_src2 (the left operand) serves compare-and-branch inside
 *     the block; flags derived from the record do not need it.
 *  ** ROT stands over an inner record an earlier block left (unknown when
 *     the rotate was translated): cc_src2 = inner cc_op << 16 | (inner
 *     cc_src2 & 1) << 15 | the new CF and OF at their EFLAGS positions.
 *
 * Shifts: OF is what a 1-bit shift of the original operand gives, for
 * every count (SHL: top two bits differ; SHR: top bit; SAR: 0) — the rule
 * Intel hardware follows where the manual says "undefined". AF is 0 where
 * it is undefined (logic, shifts, multiply).
 */
#ifndef MORPH_X86_FLAGS_H
#define MORPH_X86_FLAGS_H

#include "frontend/x86/decode.h"

typedef enum X86CcKind {
    X86_CCK_EFLAGS, X86_CCK_ADD, X86_CCK_ADC, X86_CCK_SUB, X86_CCK_SBB, X86_CCK_LOGIC,
    X86_CCK_INC, X86_CCK_DEC, X86_CCK_SHL, X86_CCK_SHR, X86_CCK_SAR, X86_CCK_MUL,
    X86_CCK_KEPT, X86_CCK_ROT,
    X86_CCK_COUNT
} X86CcKind;

/* Condition codes as Jcc numbers them (the low bit inverts). */
enum {
    X86_COND_O, X86_COND_NO, X86_COND_B, X86_COND_AE, X86_COND_E, X86_COND_NE,
    X86_COND_BE, X86_COND_A, X86_COND_S, X86_COND_NS, X86_COND_P, X86_COND_NP,
    X86_COND_L, X86_COND_GE, X86_COND_LE, X86_COND_G,
};

static inline unsigned x86_size_log2(unsigned size)
{
    return size == 8 ? 3 : size == 4 ? 2 : size == 2 ? 1 : 0;
}

static inline int x86_cc_op(X86CcKind kind, unsigned size)
{
    return kind == X86_CCK_EFLAGS ? X86_CC_EFLAGS : (int)(kind * 4 + x86_size_log2(size));
}
static inline X86CcKind x86_cc_kind(int cc_op) { return (X86CcKind)(cc_op >> 2); }
static inline unsigned x86_cc_size(int cc_op) { return 1u << (cc_op & 3); }

/* Record that the instruction just emitted set the flags: stores the
 * record to X86Cpu and remembers its temps in ctx (0 for a field the
 * kind does not use). dst/src/src2 are of x86_type(size); EFLAGS's src
 * is an i32. */
void x86_set_cc(X86Ctx *ctx, X86CcKind kind, unsigned size, IrTemp dst, IrTemp src, IrTemp src2);
/* x86_set_cc, except that when `count` (an i32) is 0 at run time the
 * flags stay as they were (shifts and rotates by CL). */
void x86_set_cc_unless_zero(X86Ctx *ctx, IrTemp count, X86CcKind kind, unsigned size, IrTemp dst, IrTemp src,
                            IrTemp src2);
/* The flags were set on some paths only (an instruction with internal
 * branches): what is in X86Cpu is the truth from here on. */
static inline void x86_cc_forget(X86Ctx *ctx) { ctx->cc_op = -1; }

/* The record of an instruction that sets CF and OF (cf_of: an i32 with
 * them at their EFLAGS positions) and keeps ZF SF PF AF (ROL, ROR),
 * without computing the flags before it where the record allows: KEPT
 * over a result, ROT over a record of an earlier block. count != 0: an
 * i32 count, the flags unchanged when it is 0 at run time
 * (x86_set_cc_unless_zero). */
void x86_set_cc_rotate(X86Ctx *ctx, IrTemp count, IrTemp cf_of);

/* CF as 0/1 in x86_type(size) (adc, sbb, inc, rcl...). */
IrTemp x86_gen_carry(X86Ctx *ctx, unsigned size);
/* Branch to `label` when condition cc holds; one brcond on the operands
 * of the instruction that set the flags where they are known. */
void x86_gen_brcond(X86Ctx *ctx, unsigned cc, IrLabel label);

/* The status flags a record stands for (C; the derivation the IR helper,
 * x86_get_eflags and the tests share). */
uint32_t x86_flags_compute(uint32_t cc_op, uint64_t dst, uint64_t src, uint64_t src2);

#endif
