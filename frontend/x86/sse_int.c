/* frontend/x86/sse_int.c — the integer SIMD arithmetic that stays C
 * helpers, on mm (no prefix) and xmm (66) registers: multiplies
 * (pmullw, pmulhw, pmulhuw, pmulhrsw, pmulld, pmuldq), multiply-adds
 * (pmaddwd, pmaddubsw), sums of absolute differences, SSSE3 horizontal
 * add/subtract, sign and absolute value, phminposuw; and emms. The table
 * int_ops maps each (map, opcode, prefix) to its C function; every one is
 * d = f(d, s) on n bytes. The common forms (add/subtract, saturating
 * ones, compares, min/max, averages, pmuludq, shifts) are IR instead:
 * sse_int_ir.c, sse_shift_ir.c.
 */
#include <stdlib.h>
#include <string.h>

#include "frontend/x86/sse.h"

/* ---- elements ------------------------------------------------------------ */

static inline uint64_t elem_get(const X86Vec *v, unsigned bits, unsigned i)
{
    switch (bits) {
    case 8: return v->b[i];
    case 16: return v->w[i];
    case 32: return v->l[i];
    default: return v->q[i];
    }
}

static inline void elem_set(X86Vec *v, unsigned bits, unsigned i, uint64_t x)
{
    switch (bits) {
    case 8: v->b[i] = (uint8_t)x; break;
    case 16: v->w[i] = (uint16_t)x; break;
    case 32: v->l[i] = (uint32_t)x; break;
    default: v->q[i] = x; break;
    }
}

static inline int64_t sext(uint64_t x, unsigned bits)
{
    return bits == 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

static inline uint64_t ones(unsigned bits)
{
    return bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
}

static inline uint64_t sat_s(int64_t v, unsigned bits)
{
    int64_t hi = (int64_t)(ones(bits) >> 1), lo = -hi - 1;
    return (uint64_t)(v > hi ? hi : v < lo ? lo : v) & ones(bits);
}


typedef X86ElemFn Elem2;

/* d[i] = f(d[i], s[i]) for every element of `bits` in n bytes. */
static inline void map2(X86Vec *d, const X86Vec *s, unsigned n, unsigned bits, Elem2 *f)
{
    for (unsigned i = 0; i < n * 8 / bits; i++)
        elem_set(d, bits, i, f(elem_get(d, bits, i), elem_get(s, bits, i), bits));
}

static uint64_t e_add(uint64_t a, uint64_t b, unsigned n)
{
    (void)n;
    return a + b;
}
static uint64_t e_sub(uint64_t a, uint64_t b, unsigned n)
{
    (void)n;
    return a - b;
}
static uint64_t e_adds(uint64_t a, uint64_t b, unsigned n)
{
    return sat_s(sext(a, n) + sext(b, n), n);
}
static uint64_t e_subs(uint64_t a, uint64_t b, unsigned n)
{
    return sat_s(sext(a, n) - sext(b, n), n);
}
static uint64_t e_mullo(uint64_t a, uint64_t b, unsigned n)
{
    (void)n;
    return a * b;
}
static uint64_t e_mulhs(uint64_t a, uint64_t b, unsigned n)
{
    return (uint64_t)((sext(a, n) * sext(b, n)) >> n);
}
static uint64_t e_mulhu(uint64_t a, uint64_t b, unsigned n)
{
    return (a * b) >> n;
}
/* psign: negate, keep or zero by the sign of s's element. */
static uint64_t e_sign(uint64_t a, uint64_t b, unsigned n)
{
    int64_t sb = sext(b, n);
    return sb < 0 ? (0 - a) & ones(n) : sb == 0 ? 0 : a;
}
static uint64_t e_abs(uint64_t a, uint64_t b, unsigned n)
{
    (void)a;
    int64_t v = sext(b, n);
    return (uint64_t)(v < 0 ? -v : v) & ones(n);
}
/* pmulhrsw: ((a * b >> 14) + 1) >> 1 of the signed words. */
static uint64_t e_mulhrs(uint64_t a, uint64_t b, unsigned n)
{
    int64_t p = sext(a, n) * sext(b, n);
    return (uint64_t)(((p >> 14) + 1) >> 1) & ones(n);
}

/* The element loop of a table row with .elem, as an IR helper: the row
 * itself is the first argument. */
static void h_elem(CpuCommon *env, uint64_t row, uint32_t offs, uint32_t n)
{
    const X86VecOp *op = (const X86VecOp *)(uintptr_t)row;
    uint8_t *base = (uint8_t *)env;
    X86Vec d, s;
    memcpy(&d, base + (offs & 0xffff), 16);
    memcpy(&s, base + (offs >> 16), 16);
    map2(&d, &s, n, op->bits, op->elem);
    memcpy(base + (offs & 0xffff), &d, n == 16 ? 16 : 8);
}

static const IrHelper x86_sse_h_elem = {
    .name = "x86_sse_elem",
    .fn = (void *)h_elem,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .nargs = 3,
    .args = {IR_I64, IR_I32, IR_I32},
};

void x86_sse_apply_elem(X86Ctx *ctx, const X86VecOp *op, uint32_t dst, uint32_t src, unsigned n)
{
    IrTemp args[3] = {ir_const64(ctx->ir, (uint64_t)(uintptr_t)op), ir_const32(ctx->ir, dst | src << 16),
                      ir_const32(ctx->ir, n)};
    ir_call(ctx->ir, &x86_sse_h_elem, args);
}

/* ---- widening multiplies and sums ------------------------------------------ */


static void pmuldq(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)imm;
    for (unsigned k = 0; k < n / 8; k++)
        d->sq[k] = (int64_t)d->sl[2 * k] * s->sl[2 * k];
}

/* pmaddwd: adjacent signed word products summed into dwords (the one
 * overflow, 0x8000 * 0x8000 twice, wraps to 0x80000000 as on hardware). */
static void pmaddwd(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)imm;
    X86Vec r;
    for (unsigned k = 0; k < n / 4; k++) {
        int64_t sum = (int64_t)d->sw[2 * k] * s->sw[2 * k] + (int64_t)d->sw[2 * k + 1] * s->sw[2 * k + 1];
        r.l[k] = (uint32_t)sum;
    }
    *d = r;
}

/* pmaddubsw: unsigned bytes of d times signed bytes of s, pairs summed
 * with signed saturation. */
static void pmaddubsw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)imm;
    X86Vec r;
    for (unsigned k = 0; k < n / 2; k++) {
        int64_t sum = (int64_t)d->b[2 * k] * s->sb[2 * k] + (int64_t)d->b[2 * k + 1] * s->sb[2 * k + 1];
        r.w[k] = (uint16_t)sat_s(sum, 16);
    }
    *d = r;
}

/* psadbw: per 8 bytes, the sum of absolute differences in the low word. */
static void psadbw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)imm;
    for (unsigned k = 0; k < n / 8; k++) {
        unsigned sum = 0;
        for (unsigned j = 0; j < 8; j++)
            sum += (unsigned)abs((int)d->b[8 * k + j] - (int)s->b[8 * k + j]);
        d->q[k] = sum;
    }
}

/* ---- horizontal add / subtract (SSSE3) ------------------------------------- */

/* Pairs of d's elements fill the low half of the result, pairs of s's the
 * high half: r[i] = f(x[2i], x[2i+1]). */
static void horizontal(X86Vec *d, const X86Vec *s, unsigned n, unsigned bits, Elem2 *f)
{
    X86Vec r;
    unsigned half = n * 4 / bits; /* elements per operand's half of the result */
    for (unsigned i = 0; i < half; i++) {
        elem_set(&r, bits, i, f(elem_get(d, bits, 2 * i), elem_get(d, bits, 2 * i + 1), bits));
        elem_set(&r, bits, half + i, f(elem_get(s, bits, 2 * i), elem_get(s, bits, 2 * i + 1), bits));
    }
    *d = r;
}

static void phaddw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    horizontal(d, s, n, 16, e_add);
}
static void phaddd(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    horizontal(d, s, n, 32, e_add);
}
static void phaddsw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    horizontal(d, s, n, 16, e_adds);
}
static void phsubw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    horizontal(d, s, n, 16, e_sub);
}
static void phsubd(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    horizontal(d, s, n, 32, e_sub);
}
static void phsubsw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    horizontal(d, s, n, 16, e_subs);
}

/* phminposuw: the smallest unsigned word and its (lowest) index. */
static void phminposuw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)n; (void)imm;
    unsigned best = 0;
    for (unsigned k = 1; k < 8; k++) {
        if (s->w[k] < s->w[best])
            best = k;
    }
    X86Vec r = {.q = {0, 0}};
    r.w[0] = s->w[best];
    r.w[1] = (uint16_t)best;
    *d = r;
}

/* ---- emms ---------------------------------------------------------------------------- */

/* emms: every x87 register empty. */
bool x86_sse_emms(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    IrBlock *ir = ctx->ir;
    uint32_t tag = X86_OFF(fptag);
    IrTemp word = ir_ld_env(ir, IR_I32, tag);
    ir_st_env(ir, IR_I32, tag, ir_andi(ir, word, 0xffff0000u));
    return true;
}

/* ---- the table ---------------------------------------------------------------- */

#define M0F X86_MAP_0F
#define M38 X86_MAP_0F38
#define NP X86_MP_NONE
#define P66 X86_MP_66

static const X86VecOp int_ops[] = {
    /* MMX (no prefix) and SSE2 (66) forms of one opcode share a function */
    {M0F, 0xd5, NP, X86_VEC_MMX, .elem = e_mullo, .bits = 16},     /* pmullw (mm) */
    {M0F, 0xd5, P66, X86_VEC_XMM, .elem = e_mullo, .bits = 16},    /* pmullw */
    {M0F, 0xe5, NP, X86_VEC_MMX, .elem = e_mulhs, .bits = 16},     /* pmulhw (mm) */
    {M0F, 0xe5, P66, X86_VEC_XMM, .elem = e_mulhs, .bits = 16},    /* pmulhw */
    {M0F, 0xe4, NP, X86_VEC_MMX, .elem = e_mulhu, .bits = 16},     /* pmulhuw (mm) */
    {M0F, 0xe4, P66, X86_VEC_XMM, .elem = e_mulhu, .bits = 16},    /* pmulhuw */
    {M0F, 0xf5, NP, X86_VEC_MMX, .fn = pmaddwd},                         /* pmaddwd (mm) */
    {M0F, 0xf5, P66, X86_VEC_XMM, .fn = pmaddwd},                        /* pmaddwd */
    {M0F, 0xf6, NP, X86_VEC_MMX, .fn = psadbw},                          /* psadbw (mm) */
    {M0F, 0xf6, P66, X86_VEC_XMM, .fn = psadbw},                         /* psadbw */
    /* SSSE3 */
    {M38, 0x01, NP, X86_VEC_MMX, .fn = phaddw},                          /* phaddw (mm) */
    {M38, 0x01, P66, X86_VEC_XMM, .fn = phaddw},                         /* phaddw */
    {M38, 0x02, NP, X86_VEC_MMX, .fn = phaddd},                          /* phaddd (mm) */
    {M38, 0x02, P66, X86_VEC_XMM, .fn = phaddd},                         /* phaddd */
    {M38, 0x03, NP, X86_VEC_MMX, .fn = phaddsw},                         /* phaddsw (mm) */
    {M38, 0x03, P66, X86_VEC_XMM, .fn = phaddsw},                        /* phaddsw */
    {M38, 0x04, NP, X86_VEC_MMX, .fn = pmaddubsw},                       /* pmaddubsw (mm) */
    {M38, 0x04, P66, X86_VEC_XMM, .fn = pmaddubsw},                      /* pmaddubsw */
    {M38, 0x05, NP, X86_VEC_MMX, .fn = phsubw},                          /* phsubw (mm) */
    {M38, 0x05, P66, X86_VEC_XMM, .fn = phsubw},                         /* phsubw */
    {M38, 0x06, NP, X86_VEC_MMX, .fn = phsubd},                          /* phsubd (mm) */
    {M38, 0x06, P66, X86_VEC_XMM, .fn = phsubd},                         /* phsubd */
    {M38, 0x07, NP, X86_VEC_MMX, .fn = phsubsw},                         /* phsubsw (mm) */
    {M38, 0x07, P66, X86_VEC_XMM, .fn = phsubsw},                        /* phsubsw */
    {M38, 0x08, NP, X86_VEC_MMX, .elem = e_sign, .bits = 8},       /* psignb (mm) */
    {M38, 0x08, P66, X86_VEC_XMM, .elem = e_sign, .bits = 8},      /* psignb */
    {M38, 0x09, NP, X86_VEC_MMX, .elem = e_sign, .bits = 16},      /* psignw (mm) */
    {M38, 0x09, P66, X86_VEC_XMM, .elem = e_sign, .bits = 16},     /* psignw */
    {M38, 0x0a, NP, X86_VEC_MMX, .elem = e_sign, .bits = 32},      /* psignd (mm) */
    {M38, 0x0a, P66, X86_VEC_XMM, .elem = e_sign, .bits = 32},     /* psignd */
    {M38, 0x0b, NP, X86_VEC_MMX, .elem = e_mulhrs, .bits = 16},    /* pmulhrsw (mm) */
    {M38, 0x0b, P66, X86_VEC_XMM, .elem = e_mulhrs, .bits = 16},   /* pmulhrsw */
    {M38, 0x1c, NP, X86_VEC_MMX, .elem = e_abs, .bits = 8},        /* pabsb (mm) */
    {M38, 0x1c, P66, X86_VEC_XMM, .elem = e_abs, .bits = 8},       /* pabsb */
    {M38, 0x1d, NP, X86_VEC_MMX, .elem = e_abs, .bits = 16},       /* pabsw (mm) */
    {M38, 0x1d, P66, X86_VEC_XMM, .elem = e_abs, .bits = 16},      /* pabsw */
    {M38, 0x1e, NP, X86_VEC_MMX, .elem = e_abs, .bits = 32},       /* pabsd (mm) */
    {M38, 0x1e, P66, X86_VEC_XMM, .elem = e_abs, .bits = 32},      /* pabsd */
    /* SSE4.1, SSE4.2 */
    {M38, 0x28, P66, X86_VEC_XMM, .fn = pmuldq},                         /* pmuldq */
    {M38, 0x40, P66, X86_VEC_XMM, .elem = e_mullo, .bits = 32},    /* pmulld */
    {M38, 0x41, P66, X86_VEC_XMM, .fn = phminposuw},                     /* phminposuw */
    {.map = 0},
};

const X86VecOp *x86_sse_int_op(const X86Insn *in)
{
    return x86_vec_op_find(int_ops, in);
}
