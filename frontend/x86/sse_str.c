/* frontend/x86/sse_str.c — the SSE4.2 string instructions PCMPESTRI,
 * PCMPESTRM, PCMPISTRI, PCMPISTRM (glibc's strlen/strchr/strcmp/strstr
 * SSE4.2 variants are built on them). CRC32 is in the integer family (int_bits.c).
 *
 * imm8 of the string compares:
 *   [1:0] element format: 00 unsigned bytes, 01 unsigned words,
 *         10 signed bytes, 11 signed words
 *   [3:2] aggregation: 00 equal any, 01 ranges, 10 equal each,
 *         11 equal ordered (substring)
 *   [5:4] polarity: 00 +, 01 negate, 10 +, 11 negate valid elements only
 *   [6]   index: most significant set bit (else least); mask: expand each
 *         bit to an element (else a bit mask in xmm0's low bits)
 * a = xmm1, b = xmm2/m128. Lengths: explicit (E) from |eax| and |edx|
 * (|rax|, |rdx| with REX.W) saturated to the element count; implicit (I)
 * up to the first zero element. Results: ecx (index forms) or xmm0 (mask
 * forms); CF = result != 0, ZF = b shorter than a full register, SF = a
 * shorter, OF = result bit 0, AF = PF = 0.
 */
#include <string.h>

#include "frontend/x86/sse.h"

enum { STR_EXPLICIT = 1u << 8, STR_REXW = 1u << 9 };

typedef struct StrOperands {
    unsigned count;       /* elements per register: 16 or 8 */
    bool sign;
    int64_t a[16], b[16];
    unsigned la, lb;      /* valid elements */
} StrOperands;

static void elements(int64_t *out, const X86Vec *v, unsigned imm)
{
    bool words = imm & 1, sign = imm & 2;
    for (unsigned k = 0; k < (words ? 8u : 16u); k++) {
        if (words)
            out[k] = sign ? v->sw[k] : v->w[k];
        else
            out[k] = sign ? v->sb[k] : v->b[k];
    }
}

static unsigned implicit_length(const int64_t *e, unsigned count)
{
    unsigned k = 0;
    while (k < count && e[k] != 0)
        k++;
    return k;
}

/* |reg| saturated to count, from eax/edx or rax/rdx. */
static unsigned explicit_length(uint64_t reg, bool rexw, unsigned count)
{
    int64_t v = rexw ? (int64_t)reg : (int64_t)(int32_t)reg;
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    return mag > count ? count : (unsigned)mag;
}

/* One element pair compared, with the rules for invalid elements. */
static bool pair(const StrOperands *o, unsigned agg, unsigned i, unsigned j)
{
    bool va = i < o->la, vb = j < o->lb;
    switch (agg) {
    case 0: /* equal any */
        return va && vb && o->a[i] == o->b[j];
    case 2: /* equal each */
        return va != vb ? false : !va ? true : o->a[i] == o->b[j];
    default: /* equal ordered */
        return !va ? true : !vb ? false : o->a[i] == o->b[j];
    }
}

static uint32_t aggregate(const StrOperands *o, unsigned agg)
{
    uint32_t res = 0;
    for (unsigned j = 0; j < o->count; j++) {
        bool bit = false;
        if (agg == 0) {
            for (unsigned i = 0; i < o->count && !bit; i++)
                bit = pair(o, 0, i, j);
        } else if (agg == 1) { /* ranges: a[i] <= b[j] <= a[i+1] for even i */
            for (unsigned i = 0; i + 1 < o->count && !bit; i += 2)
                bit = i + 1 < o->la && j < o->lb && o->a[i] <= o->b[j] && o->b[j] <= o->a[i + 1];
        } else if (agg == 2) {
            bit = pair(o, 2, j, j);
        } else {
            bit = true;
            for (unsigned i = 0; i + j < o->count && bit; i++)
                bit = pair(o, 3, i, i + j);
        }
        res |= (uint32_t)bit << j;
    }
    return res;
}

static uint32_t polarity(uint32_t res, unsigned imm, const StrOperands *o)
{
    uint32_t all = (1u << o->count) - 1;
    switch (imm >> 4 & 3) {
    case 1: return ~res & all;
    case 3: return res ^ ((1u << o->lb) - 1);
    default: return res;
    }
}

/* The comparison: returns IntRes2; *flags = the status flags it sets. */
static uint32_t compare(X86Cpu *cpu, const X86Vec *a, const X86Vec *b, uint32_t imm, uint32_t *flags)
{
    StrOperands o = {.count = imm & 1 ? 8 : 16, .sign = imm & 2};
    elements(o.a, a, imm);
    elements(o.b, b, imm);
    if (imm & STR_EXPLICIT) {
        o.la = explicit_length(cpu->regs[X86_RAX], imm & STR_REXW, o.count);
        o.lb = explicit_length(cpu->regs[X86_RDX], imm & STR_REXW, o.count);
    } else {
        o.la = implicit_length(o.a, o.count);
        o.lb = implicit_length(o.b, o.count);
    }
    uint32_t res = polarity(aggregate(&o, imm >> 2 & 3), imm, &o);
    *flags = (res ? X86_CF : 0) | (o.lb < o.count ? X86_ZF : 0) | (o.la < o.count ? X86_SF : 0) |
             ((res & 1) ? X86_OF : 0);
    return res;
}

/* Index forms: returns ecx | flags << 32. */
static uint64_t pcmpstri(X86Cpu *cpu, const X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)n;
    uint32_t flags, count = imm & 1 ? 8 : 16;
    uint32_t res = compare(cpu, d, s, imm, &flags);
    uint32_t index = count;
    if (res)
        index = (imm & 0x40) ? 31 - (uint32_t)__builtin_clz(res) : (uint32_t)__builtin_ctz(res);
    return index | (uint64_t)flags << 32;
}

/* Mask forms: xmm0 = the mask; returns flags << 32. */
static uint64_t pcmpstrm(X86Cpu *cpu, const X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)n;
    uint32_t flags;
    uint32_t res = compare(cpu, d, s, imm, &flags);
    X86Vec m = {.q = {0, 0}};
    if (!(imm & 0x40)) {
        m.l[0] = res;
    } else if (imm & 1) {
        for (unsigned k = 0; k < 8; k++)
            m.w[k] = (res >> k & 1) ? 0xffff : 0;
    } else {
        for (unsigned k = 0; k < 16; k++)
            m.b[k] = (res >> k & 1) ? 0xff : 0;
    }
    memcpy(cpu->xmm[0], &m, 16);
    return (uint64_t)flags << 32;
}

/* 66 0F 3A 60 pcmpestrm, 61 pcmpestri, 62 pcmpistrm, 63 pcmpistri. The
 * memory operand needs no alignment. */
bool x86_sse_pcmpstr(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    bool explicit_len = in->opcode < 0x62, index = in->opcode & 1;
    uint32_t imm = x86_sse_imm8(in) | (explicit_len ? STR_EXPLICIT : 0) |
                   (ctx->long_mode && x86_rex_w(in) ? STR_REXW : 0);
    uint32_t src = x86_sse_src_off(ctx, in, 16, false);
    IrTemp r = x86_sse_get(ctx, index ? pcmpstri : pcmpstrm, x86_xmm_off(in->reg), src, 16, imm);
    if (index)
        x86_set_reg(ctx, in, X86_RCX, 4, ir_trunc_i64(ir, r));
    x86_gen_set_status_flags(ctx, ir_trunc_i64(ir, ir_shri(ir, r, 32)));
    return true;
}
