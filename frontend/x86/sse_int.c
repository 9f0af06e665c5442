/* frontend/x86/sse_int.c — integer SIMD arithmetic on mm (no prefix) and
 * xmm (66) registers, elements of every size: add/subtract (modulo and
 * saturating), multiplies and multiply-adds, averages, min/max, sums of
 * absolute differences, compares, shifts by register and by immediate,
 * SSSE3 horizontal add/subtract, sign and absolute value, the SSE4.1
 * additions (pmuldq, pmulld, pminsb.., phminposuw, pcmpeqq) and
 * pcmpgtq; and emms. The table int_ops maps each (map, opcode, prefix) to
 * its C function; every one is d = f(d, s) on n bytes. padd/psub of every
 * width, pcmpeqb/w/d, pminub, pmaxub and pmovmskb are IR instead
 * (sse_int_ir.c).
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

static inline uint64_t sat_u(int64_t v, unsigned bits)
{
    return v < 0 ? 0 : (uint64_t)v > ones(bits) ? ones(bits) : (uint64_t)v;
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
static uint64_t e_addus(uint64_t a, uint64_t b, unsigned n)
{
    return sat_u((int64_t)(a + b), n);
}
static uint64_t e_subus(uint64_t a, uint64_t b, unsigned n)
{
    return sat_u((int64_t)a - (int64_t)b, n);
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
static uint64_t e_avg(uint64_t a, uint64_t b, unsigned n)
{
    (void)n;
    return (a + b + 1) >> 1;
}
static uint64_t e_minu(uint64_t a, uint64_t b, unsigned n)
{
    (void)n;
    return a < b ? a : b;
}
static uint64_t e_maxu(uint64_t a, uint64_t b, unsigned n)
{
    (void)n;
    return a > b ? a : b;
}
static uint64_t e_mins(uint64_t a, uint64_t b, unsigned n)
{
    return sext(a, n) < sext(b, n) ? a : b;
}
static uint64_t e_maxs(uint64_t a, uint64_t b, unsigned n)
{
    return sext(a, n) > sext(b, n) ? a : b;
}
static uint64_t e_cmpeq(uint64_t a, uint64_t b, unsigned n)
{
    return a == b ? ones(n) : 0;
}
static uint64_t e_cmpgt(uint64_t a, uint64_t b, unsigned n)
{
    return sext(a, n) > sext(b, n) ? ones(n) : 0;
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

/* pmuludq / pmuldq: the even dwords, multiplied to full quadwords. */
static void pmuludq(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)imm;
    for (unsigned k = 0; k < n / 8; k++)
        d->q[k] = (uint64_t)d->l[2 * k] * s->l[2 * k];
}

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

/* ---- shifts ----------------------------------------------------------------- */

enum { SH_LEFT, SH_RIGHT, SH_ARITH };

/* Every element shifted by `count` (a 64-bit count: >= width empties a
 * logical shift and fills an arithmetic one with the sign). */
static void shift_all(X86Vec *d, unsigned n, unsigned bits, uint64_t count, int kind)
{
    for (unsigned i = 0; i < n * 8 / bits; i++) {
        uint64_t x = elem_get(d, bits, i), r;
        if (kind == SH_LEFT)
            r = count >= bits ? 0 : x << count;
        else if (kind == SH_RIGHT)
            r = count >= bits ? 0 : x >> count;
        else
            r = (uint64_t)(sext(x, bits) >> (count >= bits ? bits - 1 : count));
        elem_set(d, bits, i, r);
    }
}

static void psllw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    shift_all(d, n, 16, s->q[0], SH_LEFT);
}
static void pslld(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    shift_all(d, n, 32, s->q[0], SH_LEFT);
}
static void psllq(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    shift_all(d, n, 64, s->q[0], SH_LEFT);
}
static void psrlw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    shift_all(d, n, 16, s->q[0], SH_RIGHT);
}
static void psrld(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    shift_all(d, n, 32, s->q[0], SH_RIGHT);
}
static void psrlq(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    shift_all(d, n, 64, s->q[0], SH_RIGHT);
}
static void psraw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    shift_all(d, n, 16, s->q[0], SH_ARITH);
}
static void psrad(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t i)
{
    (void)c, (void)i;
    shift_all(d, n, 32, s->q[0], SH_ARITH);
}

/* Whole-register byte shifts (66 0F 73 /3, /7): imm bytes, > 15 empties. */
static void psrldq(X86Vec *d, unsigned count)
{
    X86Vec r = {.q = {0, 0}};
    for (unsigned k = 0; k + count < 16; k++)
        r.b[k] = d->b[k + count];
    *d = r;
}

static void pslldq(X86Vec *d, unsigned count)
{
    X86Vec r = {.q = {0, 0}};
    for (unsigned k = count; k < 16; k++)
        r.b[k] = d->b[k - count];
    *d = r;
}

/* The imm shift groups, by (opcode - 0x71, ModRM.reg): element width and
 * kind; width 0 is not a valid form, 128 a byte shift of the xmm. */
static const struct {
    uint8_t bits, kind;
} shift_groups[3][8] = {
    [0] = {[2] = {16, SH_RIGHT}, [4] = {16, SH_ARITH}, [6] = {16, SH_LEFT}},
    [1] = {[2] = {32, SH_RIGHT}, [4] = {32, SH_ARITH}, [6] = {32, SH_LEFT}},
    [2] = {[2] = {64, SH_RIGHT}, [3] = {128, SH_RIGHT}, [6] = {64, SH_LEFT}, [7] = {128, SH_LEFT}},
};

/* imm = count | (group << 3 | ModRM.reg) << 8. */
static void shift_by_imm(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)s;
    unsigned g = imm >> 11 & 3, r = imm >> 8 & 7, count = imm & 0xff;
    unsigned bits = shift_groups[g][r].bits;
    if (bits == 128) {
        if (shift_groups[g][r].kind == SH_LEFT)
            pslldq(d, count > 16 ? 16 : count);
        else
            psrldq(d, count > 16 ? 16 : count);
        return;
    }
    shift_all(d, n, bits, count, shift_groups[g][r].kind);
}

bool x86_sse_shift_imm(X86Ctx *ctx, const X86Insn *in)
{
    unsigned g = in->opcode - 0x71, r = (in->modrm >> 3) & 7;
    unsigned bits = shift_groups[g][r].bits;
    bool xmm = in->mp == X86_MP_66;
    if (!bits || (bits == 128 && !xmm) || x86_has_mem(in))
        return false;
    uint32_t imm = x86_sse_imm8(in) | (g << 3 | r) << 8;
    if (!xmm) {
        x86_mmx_enter(ctx);
        x86_sse_apply(ctx, shift_by_imm, x86_mmx_off(in->rm), x86_mmx_off(in->rm), 8, imm);
        x86_mmx_written(ctx, in->rm & 7);
    } else {
        x86_sse_apply(ctx, shift_by_imm, x86_xmm_off(in->rm), x86_xmm_off(in->rm), 16, imm);
    }
    return true;
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
    {M0F, 0xec, NP, X86_VEC_MMX, .elem = e_adds, .bits = 8},       /* paddsb (mm) */
    {M0F, 0xec, P66, X86_VEC_XMM, .elem = e_adds, .bits = 8},      /* paddsb */
    {M0F, 0xed, NP, X86_VEC_MMX, .elem = e_adds, .bits = 16},      /* paddsw (mm) */
    {M0F, 0xed, P66, X86_VEC_XMM, .elem = e_adds, .bits = 16},     /* paddsw */
    {M0F, 0xe8, NP, X86_VEC_MMX, .elem = e_subs, .bits = 8},       /* psubsb (mm) */
    {M0F, 0xe8, P66, X86_VEC_XMM, .elem = e_subs, .bits = 8},      /* psubsb */
    {M0F, 0xe9, NP, X86_VEC_MMX, .elem = e_subs, .bits = 16},      /* psubsw (mm) */
    {M0F, 0xe9, P66, X86_VEC_XMM, .elem = e_subs, .bits = 16},     /* psubsw */
    {M0F, 0xdc, NP, X86_VEC_MMX, .elem = e_addus, .bits = 8},      /* paddusb (mm) */
    {M0F, 0xdc, P66, X86_VEC_XMM, .elem = e_addus, .bits = 8},     /* paddusb */
    {M0F, 0xdd, NP, X86_VEC_MMX, .elem = e_addus, .bits = 16},     /* paddusw (mm) */
    {M0F, 0xdd, P66, X86_VEC_XMM, .elem = e_addus, .bits = 16},    /* paddusw */
    {M0F, 0xd8, NP, X86_VEC_MMX, .elem = e_subus, .bits = 8},      /* psubusb (mm) */
    {M0F, 0xd8, P66, X86_VEC_XMM, .elem = e_subus, .bits = 8},     /* psubusb */
    {M0F, 0xd9, NP, X86_VEC_MMX, .elem = e_subus, .bits = 16},     /* psubusw (mm) */
    {M0F, 0xd9, P66, X86_VEC_XMM, .elem = e_subus, .bits = 16},    /* psubusw */
    {M0F, 0xd5, NP, X86_VEC_MMX, .elem = e_mullo, .bits = 16},     /* pmullw (mm) */
    {M0F, 0xd5, P66, X86_VEC_XMM, .elem = e_mullo, .bits = 16},    /* pmullw */
    {M0F, 0xe5, NP, X86_VEC_MMX, .elem = e_mulhs, .bits = 16},     /* pmulhw (mm) */
    {M0F, 0xe5, P66, X86_VEC_XMM, .elem = e_mulhs, .bits = 16},    /* pmulhw */
    {M0F, 0xe4, NP, X86_VEC_MMX, .elem = e_mulhu, .bits = 16},     /* pmulhuw (mm) */
    {M0F, 0xe4, P66, X86_VEC_XMM, .elem = e_mulhu, .bits = 16},    /* pmulhuw */
    {M0F, 0xf4, NP, X86_VEC_MMX, .fn = pmuludq},                         /* pmuludq (mm) */
    {M0F, 0xf4, P66, X86_VEC_XMM, .fn = pmuludq},                        /* pmuludq */
    {M0F, 0xf5, NP, X86_VEC_MMX, .fn = pmaddwd},                         /* pmaddwd (mm) */
    {M0F, 0xf5, P66, X86_VEC_XMM, .fn = pmaddwd},                        /* pmaddwd */
    {M0F, 0xe0, NP, X86_VEC_MMX, .elem = e_avg, .bits = 8},        /* pavgb (mm) */
    {M0F, 0xe0, P66, X86_VEC_XMM, .elem = e_avg, .bits = 8},       /* pavgb */
    {M0F, 0xe3, NP, X86_VEC_MMX, .elem = e_avg, .bits = 16},       /* pavgw (mm) */
    {M0F, 0xe3, P66, X86_VEC_XMM, .elem = e_avg, .bits = 16},      /* pavgw */
    {M0F, 0xea, NP, X86_VEC_MMX, .elem = e_mins, .bits = 16},      /* pminsw (mm) */
    {M0F, 0xea, P66, X86_VEC_XMM, .elem = e_mins, .bits = 16},     /* pminsw */
    {M0F, 0xee, NP, X86_VEC_MMX, .elem = e_maxs, .bits = 16},      /* pmaxsw (mm) */
    {M0F, 0xee, P66, X86_VEC_XMM, .elem = e_maxs, .bits = 16},     /* pmaxsw */
    {M0F, 0xf6, NP, X86_VEC_MMX, .fn = psadbw},                          /* psadbw (mm) */
    {M0F, 0xf6, P66, X86_VEC_XMM, .fn = psadbw},                         /* psadbw */
    {M0F, 0x64, NP, X86_VEC_MMX, .elem = e_cmpgt, .bits = 8},      /* pcmpgtb (mm) */
    {M0F, 0x64, P66, X86_VEC_XMM, .elem = e_cmpgt, .bits = 8},     /* pcmpgtb */
    {M0F, 0x65, NP, X86_VEC_MMX, .elem = e_cmpgt, .bits = 16},     /* pcmpgtw (mm) */
    {M0F, 0x65, P66, X86_VEC_XMM, .elem = e_cmpgt, .bits = 16},    /* pcmpgtw */
    {M0F, 0x66, NP, X86_VEC_MMX, .elem = e_cmpgt, .bits = 32},     /* pcmpgtd (mm) */
    {M0F, 0x66, P66, X86_VEC_XMM, .elem = e_cmpgt, .bits = 32},    /* pcmpgtd */
    {M0F, 0xf1, NP, X86_VEC_MMX, .fn = psllw},                           /* psllw (mm) */
    {M0F, 0xf1, P66, X86_VEC_XMM, .fn = psllw},                          /* psllw */
    {M0F, 0xf2, NP, X86_VEC_MMX, .fn = pslld},                           /* pslld (mm) */
    {M0F, 0xf2, P66, X86_VEC_XMM, .fn = pslld},                          /* pslld */
    {M0F, 0xf3, NP, X86_VEC_MMX, .fn = psllq},                           /* psllq (mm) */
    {M0F, 0xf3, P66, X86_VEC_XMM, .fn = psllq},                          /* psllq */
    {M0F, 0xd1, NP, X86_VEC_MMX, .fn = psrlw},                           /* psrlw (mm) */
    {M0F, 0xd1, P66, X86_VEC_XMM, .fn = psrlw},                          /* psrlw */
    {M0F, 0xd2, NP, X86_VEC_MMX, .fn = psrld},                           /* psrld (mm) */
    {M0F, 0xd2, P66, X86_VEC_XMM, .fn = psrld},                          /* psrld */
    {M0F, 0xd3, NP, X86_VEC_MMX, .fn = psrlq},                           /* psrlq (mm) */
    {M0F, 0xd3, P66, X86_VEC_XMM, .fn = psrlq},                          /* psrlq */
    {M0F, 0xe1, NP, X86_VEC_MMX, .fn = psraw},                           /* psraw (mm) */
    {M0F, 0xe1, P66, X86_VEC_XMM, .fn = psraw},                          /* psraw */
    {M0F, 0xe2, NP, X86_VEC_MMX, .fn = psrad},                           /* psrad (mm) */
    {M0F, 0xe2, P66, X86_VEC_XMM, .fn = psrad},                          /* psrad */
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
    {M38, 0x29, P66, X86_VEC_XMM, .elem = e_cmpeq, .bits = 64},    /* pcmpeqq */
    {M38, 0x37, P66, X86_VEC_XMM, .elem = e_cmpgt, .bits = 64},    /* pcmpgtq */
    {M38, 0x38, P66, X86_VEC_XMM, .elem = e_mins, .bits = 8},      /* pminsb */
    {M38, 0x39, P66, X86_VEC_XMM, .elem = e_mins, .bits = 32},     /* pminsd */
    {M38, 0x3a, P66, X86_VEC_XMM, .elem = e_minu, .bits = 16},     /* pminuw */
    {M38, 0x3b, P66, X86_VEC_XMM, .elem = e_minu, .bits = 32},     /* pminud */
    {M38, 0x3c, P66, X86_VEC_XMM, .elem = e_maxs, .bits = 8},      /* pmaxsb */
    {M38, 0x3d, P66, X86_VEC_XMM, .elem = e_maxs, .bits = 32},     /* pmaxsd */
    {M38, 0x3e, P66, X86_VEC_XMM, .elem = e_maxu, .bits = 16},     /* pmaxuw */
    {M38, 0x3f, P66, X86_VEC_XMM, .elem = e_maxu, .bits = 32},     /* pmaxud */
    {M38, 0x40, P66, X86_VEC_XMM, .elem = e_mullo, .bits = 32},    /* pmulld */
    {M38, 0x41, P66, X86_VEC_XMM, .fn = phminposuw},                     /* phminposuw */
    {.map = 0},
};

const X86VecOp *x86_sse_int_op(const X86Insn *in)
{
    return x86_vec_op_find(int_ops, in);
}
