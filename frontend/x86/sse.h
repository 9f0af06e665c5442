/* frontend/x86/sse.h — what the SSE..SSE4.2 and MMX files share: the
 * 128-bit value their C helpers work on, the one IR helper that runs such
 * a function on registers of X86Cpu, operand generators (xmm and mm
 * registers, 16-byte alignment of legacy SSE memory operands, operands as
 * 64-bit halves for the IR forms), and the
 * handlers the form table (sse_forms.c) names.
 *
 * Register file (cpu.h): xmm[n][0] = bits 0..63, xmm[n][1] = bits
 * 64..127; mmN = the low 8 bytes of st_phys[N] (its exponent word set to
 * 0xffff by every MMX write). Element i of a vector is at byte offset
 * i * size, little-endian, as on x86:
 *
 *   byte  0         4         8        12        16
 *        +---------+---------+---------+---------+
 *        |  l[0]   |  l[1]   |  l[2]   |  l[3]   |   xmm (n = 16)
 *        +---------+---------+---------+---------+
 *        |  l[0]   |  l[1]   |                       mm  (n = 8)
 *
 * Two ways to run an instruction:
 *   - IR (moves, float arithmetic, compares, conversions, logic, and the
 *     common integer SIMD: add/sub, compares, min/max, shifts, unpacks,
 *     shuffles by imm8 — SWAR on 64-bit halves): lanes are ld_env/st_env
 *     of f32/f64/i32/i64 at their byte offsets; a memory operand's lanes
 *     are guest loads (x86_sse_rm_lane).
 *   - a C function X86VecFn (the rarer integer SIMD: multiplies, packs,
 *     pshufb, blends, horizontal ops...; string compares):
 *     d = f(d, s) on copies of the registers; a memory source is loaded
 *     into cpu->vtmp first. n is 16 for xmm, 8 for mm operands.
 * The C helpers assume a little-endian host (the union views below).
 */
#ifndef MORPH_X86_SSE_H
#define MORPH_X86_SSE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/x86/decode.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the x86 SIMD helpers view registers through little-endian unions"
#endif

typedef union X86Vec {
    uint8_t b[16];
    int8_t sb[16];
    uint16_t w[8];
    int16_t sw[8];
    uint32_t l[4];
    int32_t sl[4];
    uint64_t q[2];
    int64_t sq[2];
    float f[4];
    double d[2];
} X86Vec;

/* d = f(d, s, imm) on n bytes (16: xmm, 8: mm); may read other state
 * (xmm0 of blendv, rax/rdx of pcmpestr*) through cpu. */
typedef void X86VecFn(X86Cpu *cpu, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm);
/* A value computed from d and s (pmovmskb, pextr*, ptest, pcmpistri...). */
typedef uint64_t X86VecGetFn(X86Cpu *cpu, const X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm);

/* ---- registers and operands (sse_gen.c) ---------------------------- */

static inline uint32_t x86_xmm_off(unsigned n) { return X86_XMM_OFF(n & 15); }
static inline uint32_t x86_mmx_off(unsigned n)
{
    return (uint32_t)(offsetof(X86Cpu, st_phys) + 16 * (n & 7));
}
#define X86_VTMP_OFF ((uint32_t)offsetof(X86Cpu, vtmp))

/* The r/m operand of an SSE instruction: a register at env offset `off`
 * or guest memory at `addr`. */
typedef struct X86SseRm {
    bool mem;
    uint32_t off;
    IrTemp addr;
} X86SseRm;

/* The memory operand's address; `aligned`: a legacy SSE operand that must
 * be 16-byte aligned (#GP: EXIT_PRIV, SIGSEGV under Linux). */
IrTemp x86_sse_ea(X86Ctx *ctx, const X86Insn *in, bool aligned);
/* xmm r/m operand (register in->rm) / mm r/m operand (register rm & 7). */
X86SseRm x86_sse_rm(X86Ctx *ctx, const X86Insn *in, bool aligned);
X86SseRm x86_mmx_rm(X86Ctx *ctx, const X86Insn *in);
/* Lane `lane` of type `type` (i32/i64/f32/f64) of an r/m operand. */
IrTemp x86_sse_rm_lane(X86Ctx *ctx, const X86SseRm *rm, IrType type, unsigned lane);
/* Lane of a register at env offset `off`. */
IrTemp x86_sse_lane(X86Ctx *ctx, uint32_t off, IrType type, unsigned lane);
void x86_sse_set_lane(X86Ctx *ctx, uint32_t off, IrType type, unsigned lane, IrTemp v);
/* The env offset of an r/m source for a C helper: the register, or
 * `bytes` (4, 8 or 16) of memory copied into cpu->vtmp (rest zeroed). */
uint32_t x86_sse_src_off(X86Ctx *ctx, const X86Insn *in, unsigned bytes, bool aligned);
uint32_t x86_mmx_src_off(X86Ctx *ctx, const X86Insn *in);

/* What the block's IR so far already says (sse_lookback.c): the value
 * env [off] holds as `type` (i32/i64/f32/f64), or 0 if unknown; whether
 * addr is certainly 16-byte aligned; the value x86_ld(addr, size) (size
 * 4 or 8) would read, or 0 if unknown. */
IrTemp x86_sse_known_lane(X86Ctx *ctx, uint32_t off, IrType type);
bool x86_sse_known_aligned16(X86Ctx *ctx, IrTemp addr);
IrTemp x86_sse_known_load(X86Ctx *ctx, IrTemp addr, unsigned size);

/* Run a C function: [dst] = fn([dst], [src], n, imm) / return its value. */
void x86_sse_apply(X86Ctx *ctx, X86VecFn *fn, uint32_t dst, uint32_t src, unsigned n, uint32_t imm);
IrTemp x86_sse_get(X86Ctx *ctx, X86VecGetFn *fn, uint32_t dst, uint32_t src, unsigned n, uint32_t imm);

/* MMX state: every MMX instruction sets TOP = 0 and all tags valid; a
 * write of mmN sets st_phys[N]'s exponent word to all ones. */
void x86_mmx_enter(X86Ctx *ctx);
void x86_mmx_written(X86Ctx *ctx, unsigned n);
/* Whole registers as i64 halves. */
void x86_sse_set_xmm64(X86Ctx *ctx, unsigned n, IrTemp lo, IrTemp hi);
void x86_mmx_set(X86Ctx *ctx, unsigned n, IrTemp v); /* with the MMX transition */

/* The operands of a two-operand SIMD instruction as IR on 64-bit halves:
 * d (register in->reg) and s (r/m) of an mm or xmm instruction (integer
 * SIMD: mm without prefix); halves is 1 for mm, 2 for xmm. x86_sse_halves
 * computes the address (checking alignment for xmm) and enters the MMX
 * state; x86_sse_halves_put writes the result and marks an mm written. */
typedef struct X86SseHalves {
    bool mmx;
    unsigned halves;
    uint32_t dst;
    X86SseRm rm;
} X86SseHalves;
X86SseHalves x86_sse_halves(X86Ctx *ctx, const X86Insn *in, bool mmx);
IrTemp x86_sse_halves_d(X86Ctx *ctx, const X86SseHalves *op, unsigned k);
IrTemp x86_sse_halves_s(X86Ctx *ctx, const X86SseHalves *op, unsigned k);
void x86_sse_halves_put(X86Ctx *ctx, const X86Insn *in, const X86SseHalves *op, const IrTemp r[2]);

/* imm8 of the instruction, unsigned. */
static inline uint32_t x86_sse_imm8(const X86Insn *in) { return (uint32_t)in->imm & 0xff; }

/* ---- handlers the form table names ---------------------------------- */

/* sse_exact.c (x86-64 hosts): 0F 51, 58..5F (arithmetic), 5A and 5B
 * (conversions) in a block translated with X86_TBF_SSE_EXACT. */
bool x86_sse_exact(X86Ctx *ctx, const X86Insn *in);
/* F3/F2 0F 2C/2D there: the integer of `size` (4 or 8) bytes. */
IrTemp x86_sse_exact_to_int(X86Ctx *ctx, const X86Insn *in, unsigned size);

/* sse_mov.c */
bool x86_sse_movups(X86Ctx *ctx, const X86Insn *in);     /* 0F 10/28: ups upd aps apd */
bool x86_sse_movups_st(X86Ctx *ctx, const X86Insn *in);  /* 0F 11/29/2B/E7 stores */
bool x86_sse_movss(X86Ctx *ctx, const X86Insn *in);      /* F3/F2 0F 10 */
bool x86_sse_movss_st(X86Ctx *ctx, const X86Insn *in);   /* F3/F2 0F 11 */
bool x86_sse_movlps(X86Ctx *ctx, const X86Insn *in);     /* 0F 12 (mem) / movhlps (reg) */
bool x86_sse_movhps(X86Ctx *ctx, const X86Insn *in);     /* 0F 16 (mem) / movlhps (reg) */
bool x86_sse_movlps_st(X86Ctx *ctx, const X86Insn *in);  /* 0F 13 */
bool x86_sse_movhps_st(X86Ctx *ctx, const X86Insn *in);  /* 0F 17 */
bool x86_sse_movddup(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_movsldup(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_movshdup(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_movd_to(X86Ctx *ctx, const X86Insn *in);    /* 0F 6E: mm/xmm = r/m32/64 */
bool x86_sse_movd_from(X86Ctx *ctx, const X86Insn *in);  /* 0F 7E: r/m32/64 = mm/xmm */
bool x86_sse_movq_load(X86Ctx *ctx, const X86Insn *in);  /* F3 0F 7E */
bool x86_sse_movq_store(X86Ctx *ctx, const X86Insn *in); /* 66 0F D6 */
bool x86_sse_movq_mm(X86Ctx *ctx, const X86Insn *in);    /* 0F 6F */
bool x86_sse_movq_mm_st(X86Ctx *ctx, const X86Insn *in); /* 0F 7F, 0F E7 */
bool x86_sse_movq2dq(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_movdq2q(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_movnti(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_lddqu(X86Ctx *ctx, const X86Insn *in);      /* F2 0F F0, 66 0F 38 2A */
bool x86_sse_maskmov(X86Ctx *ctx, const X86Insn *in);    /* 0F F7 */
bool x86_sse_movmsk(X86Ctx *ctx, const X86Insn *in);     /* 0F 50 */
bool x86_sse_logic(X86Ctx *ctx, const X86Insn *in);      /* 0F 54-57, DB DF EB EF */

/* sse_fp.c */
bool x86_sse_arith(X86Ctx *ctx, const X86Insn *in);      /* 0F 51 58-5F */
bool x86_sse_cmp(X86Ctx *ctx, const X86Insn *in);        /* 0F C2 */
bool x86_sse_comis(X86Ctx *ctx, const X86Insn *in);      /* 0F 2E 2F */
bool x86_sse_horiz(X86Ctx *ctx, const X86Insn *in);      /* 0F 7C 7D: hadd hsub */
bool x86_sse_addsub(X86Ctx *ctx, const X86Insn *in);     /* 0F D0 */
bool x86_sse_dp(X86Ctx *ctx, const X86Insn *in);         /* 0F 3A 40 41 */
bool x86_sse_rcp(X86Ctx *ctx, const X86Insn *in);        /* 0F 52 53 */
bool x86_sse_round(X86Ctx *ctx, const X86Insn *in);      /* 0F 3A 08-0B */

/* sse_cvt.c */
bool x86_sse_cvtsi2s(X86Ctx *ctx, const X86Insn *in);    /* F3/F2 0F 2A */
bool x86_sse_cvts2si(X86Ctx *ctx, const X86Insn *in);    /* F3/F2 0F 2C 2D */
bool x86_sse_cvtpi(X86Ctx *ctx, const X86Insn *in);      /* 0F 2A 2C 2D without F2/F3 */
bool x86_sse_cvt5a(X86Ctx *ctx, const X86Insn *in);      /* 0F 5A */
bool x86_sse_cvt5b(X86Ctx *ctx, const X86Insn *in);      /* 0F 5B */
bool x86_sse_cvte6(X86Ctx *ctx, const X86Insn *in);      /* 0F E6 */

/* sse_gen.c: instructions that are one X86VecFn, d = f(d, s, imm). The
 * function comes from the family tables below, keyed as the form rows
 * are (map, opcode, mandatory prefix). */
enum {
    X86_VEC_MMX,     /* mm, mm/m64 */
    X86_VEC_XMM,     /* xmm, xmm/m128 aligned */
    X86_VEC_XMM_U,   /* xmm, xmm/m128 of any alignment */
};
/* One element of `bits` (8..64, zero-extended) from d's and s's. */
typedef uint64_t X86ElemFn(uint64_t d, uint64_t s, unsigned bits);
typedef struct X86VecOp {
    uint8_t map, opcode, mp;
    uint8_t operands;  /* X86_VEC_* */
    X86VecFn *fn;      /* the operation; or NULL and: */
    X86ElemFn *elem;   /* d[i] = elem(d[i], s[i]) for every element of */
    uint8_t bits;      /* this width */
} X86VecOp;
bool x86_sse_vec(X86Ctx *ctx, const X86Insn *in);
/* [dst] = the row's element op on [dst], [src] (sse_int.c). */
void x86_sse_apply_elem(X86Ctx *ctx, const X86VecOp *op, uint32_t dst, uint32_t src, unsigned n);
/* The row for in, or NULL (sse_int.c, sse_shuffle.c). */
const X86VecOp *x86_sse_int_op(const X86Insn *in);
const X86VecOp *x86_sse_shuffle_op(const X86Insn *in);
/* Find in's row in a table ending with fn == NULL. */
const X86VecOp *x86_vec_op_find(const X86VecOp *table, const X86Insn *in);

/* sse_int.c */
bool x86_sse_emms(X86Ctx *ctx, const X86Insn *in);

/* sse_int_ir.c: the same as IR on 64-bit halves (the hot ones) */
bool x86_sse_swar(X86Ctx *ctx, const X86Insn *in);       /* padd psub pcmp pmin pmax padds psubs pavg pmuludq */
bool x86_sse_pmovmskb(X86Ctx *ctx, const X86Insn *in);   /* 0F D7 */
bool x86_sse_palignr(X86Ctx *ctx, const X86Insn *in);    /* 0F 3A 0F */

/* sse_shift_ir.c: shifts of every element size, by imm8 and by register */
bool x86_sse_shift_imm(X86Ctx *ctx, const X86Insn *in);  /* 0F 71 72 73 */
bool x86_sse_shift_reg(X86Ctx *ctx, const X86Insn *in);  /* 0F D1-D3 E1 E2 F1-F3 */

/* sse_lane_ir.c: moving whole elements, as IR on 64-bit halves */
bool x86_sse_unpack(X86Ctx *ctx, const X86Insn *in);     /* 0F 60-62 68-6A 6C 6D, 14 15 */
bool x86_sse_pshuf(X86Ctx *ctx, const X86Insn *in);      /* 0F 70: pshufw pshufd pshufhw pshuflw */
bool x86_sse_shufp(X86Ctx *ctx, const X86Insn *in);      /* 0F C6: shufps shufpd */

/* sse_shuffle.c */
bool x86_sse_pextr(X86Ctx *ctx, const X86Insn *in);      /* pextrb/w/d/q, extractps */
bool x86_sse_pinsr(X86Ctx *ctx, const X86Insn *in);      /* pinsrb/w/d/q, insertps */
bool x86_sse_pmovx(X86Ctx *ctx, const X86Insn *in);      /* pmovsx*, pmovzx* */
bool x86_sse_ptest(X86Ctx *ctx, const X86Insn *in);

/* sse_str.c */
bool x86_sse_pcmpstr(X86Ctx *ctx, const X86Insn *in);    /* 0F 3A 60-63 */

/* sse_ctl.c */
bool x86_sse_ldmxcsr(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_stmxcsr(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_fence(X86Ctx *ctx, const X86Insn *in);
bool x86_sse_clflush(X86Ctx *ctx, const X86Insn *in);

#endif
