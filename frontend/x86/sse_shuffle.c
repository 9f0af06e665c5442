/* frontend/x86/sse_shuffle.c — moving elements around, the forms that stay
 * C helpers: saturating packs, shuffles by register (pshufb), the SSE4.1
 * blends, mpsadbw, element extract and
 * insert (pextr*, pinsr*, extractps, insertps), pmovsx/pmovzx and ptest.
 * Functions are X86VecFn (sse.h); shuffle_ops maps each (map, opcode,
 * prefix) form to one. Unpacks and shuffles by imm8 are IR
 * (sse_lane_ir.c).
 */
#include <string.h>

#include "frontend/x86/sse.h"

/* ---- packs ------------------------------------------------------------------- */

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Narrow d's then s's elements (signed, `from` bytes) to half width with
 * saturation to [lo, hi]. */
static void pack(X86Vec *d, const X86Vec *s, unsigned n, unsigned from, int64_t lo, int64_t hi)
{
    X86Vec r;
    unsigned per = n / from;
    for (unsigned k = 0; k < 2 * per; k++) {
        const X86Vec *v = k < per ? d : s;
        unsigned i = k % per;
        int64_t x = from == 2 ? v->sw[i] : v->sl[i];
        int64_t y = clamp(x, lo, hi);
        if (from == 2)
            r.b[k] = (uint8_t)y;
        else
            r.w[k] = (uint16_t)y;
    }
    memcpy(d, &r, n);
}

static void packsswb(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)imm;
    pack(d, s, n, 2, -128, 127);
}
static void packuswb(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)imm;
    pack(d, s, n, 2, 0, 255);
}
static void packssdw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)imm;
    pack(d, s, n, 4, -32768, 32767);
}
static void packusdw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)imm;
    pack(d, s, n, 4, 0, 65535);
}

/* ---- shuffles ------------------------------------------------------------------ */

/* pshufb: each byte picks a byte of d by s's index, or 0 if its bit 7 is set. */
static void pshufb(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)imm;
    X86Vec r;
    for (unsigned k = 0; k < n; k++)
        r.b[k] = (s->b[k] & 0x80) ? 0 : d->b[s->b[k] & (n - 1)];
    memcpy(d, &r, n);
}






/* ---- blends --------------------------------------------------------------------- */

/* Element k of `size` bytes comes from s where bit k of mask is set. */
static void blend_bits(X86Vec *d, const X86Vec *s, unsigned size, uint32_t mask)
{
    for (unsigned k = 0; k < 16 / size; k++) {
        if (mask & (1u << k))
            memcpy(&d->b[k * size], &s->b[k * size], size);
    }
}

/* The sign bits of xmm0's elements of `size` bytes, as a mask. */
static uint32_t xmm0_signs(const X86Cpu *c, unsigned size)
{
    X86Vec m;
    memcpy(&m, c->xmm[0], 16);
    uint32_t bits = 0;
    for (unsigned k = 0; k < 16 / size; k++)
        bits |= (uint32_t)(m.b[k * size + size - 1] >> 7) << k;
    return bits;
}

static void pblendw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)n;
    blend_bits(d, s, 2, imm);
}
static void blendps(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)n;
    blend_bits(d, s, 4, imm & 15);
}
static void blendpd(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)n;
    blend_bits(d, s, 8, imm & 3);
}
static void pblendvb(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)n, (void)imm;
    blend_bits(d, s, 1, xmm0_signs(c, 1));
}
static void blendvps(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)n, (void)imm;
    blend_bits(d, s, 4, xmm0_signs(c, 4));
}
static void blendvpd(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)n, (void)imm;
    blend_bits(d, s, 8, xmm0_signs(c, 8));
}

/* mpsadbw: eight sums of absolute differences of 4-byte groups: d's group
 * slides from byte 4 * imm[2], s's group is fixed at 4 * imm[1:0]. */
static void mpsadbw(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)n;
    unsigned doff = (imm >> 2 & 1) * 4, soff = (imm & 3) * 4;
    X86Vec r;
    for (unsigned k = 0; k < 8; k++) {
        unsigned sum = 0;
        for (unsigned j = 0; j < 4; j++) {
            int diff = (int)d->b[doff + k + j] - (int)s->b[soff + j];
            sum += (unsigned)(diff < 0 ? -diff : diff);
        }
        r.w[k] = (uint16_t)sum;
    }
    *d = r;
}

/* ---- the table --------------------------------------------------------------------- */

#define M0F X86_MAP_0F
#define M38 X86_MAP_0F38
#define M3A X86_MAP_0F3A
#define NP X86_MP_NONE
#define P66 X86_MP_66
#define PF3 X86_MP_F3
#define PF2 X86_MP_F2

static const X86VecOp shuffle_ops[] = {
    {M0F, 0x63, NP, X86_VEC_MMX, .fn = packsswb},   {M0F, 0x63, P66, X86_VEC_XMM, .fn = packsswb},
    {M0F, 0x67, NP, X86_VEC_MMX, .fn = packuswb},   {M0F, 0x67, P66, X86_VEC_XMM, .fn = packuswb},
    {M0F, 0x6b, NP, X86_VEC_MMX, .fn = packssdw},   {M0F, 0x6b, P66, X86_VEC_XMM, .fn = packssdw},
    {M38, 0x2b, P66, X86_VEC_XMM, .fn = packusdw},
    {M38, 0x00, NP, X86_VEC_MMX, .fn = pshufb},     {M38, 0x00, P66, X86_VEC_XMM, .fn = pshufb},
    {M3A, 0x0e, P66, X86_VEC_XMM, .fn = pblendw},
    {M3A, 0x0c, P66, X86_VEC_XMM, .fn = blendps},
    {M3A, 0x0d, P66, X86_VEC_XMM, .fn = blendpd},
    {M38, 0x10, P66, X86_VEC_XMM, .fn = pblendvb},
    {M38, 0x14, P66, X86_VEC_XMM, .fn = blendvps},
    {M38, 0x15, P66, X86_VEC_XMM, .fn = blendvpd},
    {M3A, 0x42, P66, X86_VEC_XMM, .fn = mpsadbw},
    {.map = 0},
};

const X86VecOp *x86_sse_shuffle_op(const X86Insn *in)
{
    return x86_vec_op_find(shuffle_ops, in);
}

/* ---- extract / insert ------------------------------------------------------------------ */

/* Element (imm mod count) of `size` bytes, zero-extended. */
static uint64_t elem_at(const X86Vec *v, unsigned size, uint32_t imm)
{
    unsigned k = imm & (16 / size - 1);
    uint64_t x = 0;
    memcpy(&x, &v->b[k * size], size);
    return x;
}

static uint64_t get_b(X86Cpu *c, const X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)d, (void)n;
    return elem_at(s, 1, imm);
}
static uint64_t get_w(X86Cpu *c, const X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)d;
    return elem_at(s, 2, imm & (n / 2 - 1));
}
static uint64_t get_l(X86Cpu *c, const X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)d, (void)n;
    return elem_at(s, 4, imm);
}
static uint64_t get_q(X86Cpu *c, const X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c, (void)d, (void)n;
    return elem_at(s, 8, imm);
}

/* pextrw r, mm/xmm, ib (0F C5: register only); 66 0F 3A 14/15/16/17:
 * pextrb/w/d/q and extractps to r/m. The element is read by a helper so
 * a variable lane costs nothing in IR. */
bool x86_sse_pextr(X86Ctx *ctx, const X86Insn *in)
{
    static X86VecGetFn *const by_size[9] = {[1] = get_b, [2] = get_w, [4] = get_l, [8] = get_q};
    bool legacy = in->map == X86_MAP_0F; /* 0F C5 */
    unsigned size = legacy ? 2 : in->opcode == 0x14 ? 1 : in->opcode == 0x15 ? 2 : 4;
    if (in->opcode == 0x16 && x86_rex_w(in) && ctx->long_mode)
        size = 8;
    if (legacy && x86_has_mem(in))
        return false;
    bool mmx = legacy && in->mp == X86_MP_NONE;
    unsigned src_reg = legacy ? in->rm : in->reg;
    uint32_t src = mmx ? x86_mmx_off(src_reg) : x86_xmm_off(src_reg);
    if (mmx)
        x86_mmx_enter(ctx);
    IrTemp v = x86_sse_get(ctx, by_size[size], src, src, mmx ? 8 : 16, x86_sse_imm8(in));
    if (size < 8)
        v = ir_trunc_i64(ctx->ir, v);
    if (legacy) {
        x86_set_reg(ctx, in, in->reg, 4, v);
        return true;
    }
    if (x86_has_mem(in))
        x86_st(ctx, x86_ea(ctx, in), size, v);
    else
        x86_set_reg(ctx, in, in->rm, size < 4 ? 4 : size, v); /* zero-extended into the register */
    return true;
}

/* imm = lane | size << 8 | (insertps: its imm) << ... : the value to
 * insert sits in s's low bytes (vtmp). */
static void put_elem(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c;
    unsigned size = imm >> 8, k = (imm & 0xff) & (n / size - 1);
    memcpy(&d->b[k * size], s->b, size);
}

/* insertps: element imm[7:6] of s (a register; from memory the one
 * loaded) goes to lane imm[5:4] of d, then lanes in imm[3:0] are zeroed. */
static void insertps(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)n;
    d->l[(imm >> 4) & 3] = s->l[(imm >> 6) & 3];
    for (unsigned k = 0; k < 4; k++) {
        if (imm & (1u << k))
            d->l[k] = 0;
    }
}

/* 0F C4 pinsrw (mm or xmm), 66 0F 3A 20/21/22 pinsrb, insertps, pinsrd/q:
 * the value goes through vtmp. */
bool x86_sse_pinsr(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    bool legacy = in->map == X86_MAP_0F;
    uint32_t imm = x86_sse_imm8(in);
    if (in->opcode == 0x21) { /* insertps */
        uint32_t src = x86_has_mem(in) ? x86_sse_src_off(ctx, in, 4, false) : x86_xmm_off(in->rm);
        if (x86_has_mem(in))
            imm &= 0x3f; /* the loaded dword is element 0 */
        x86_sse_apply(ctx, insertps, x86_xmm_off(in->reg), src, 16, imm);
        return true;
    }
    unsigned size = legacy ? 2 : in->opcode == 0x20 ? 1 : 4;
    if (in->opcode == 0x22 && x86_rex_w(in) && ctx->long_mode)
        size = 8;
    IrTemp v;
    if (x86_has_mem(in))
        v = size == 8 ? x86_ld(ctx, x86_ea(ctx, in), 8) : ir_ext_i32u(ir, x86_ld(ctx, x86_ea(ctx, in), size));
    else
        v = size == 8 ? x86_get_reg(ctx, in, in->rm, 8) : ir_ext_i32u(ir, x86_get_reg(ctx, in, in->rm, 4));
    ir_st_env(ir, IR_I64, X86_VTMP_OFF, v);
    bool mmx = legacy && in->mp == X86_MP_NONE;
    uint32_t how = imm | size << 8;
    if (mmx) {
        x86_mmx_enter(ctx);
        x86_sse_apply(ctx, put_elem, x86_mmx_off(in->reg), X86_VTMP_OFF, 8, how);
        x86_mmx_written(ctx, in->reg & 7);
    } else {
        x86_sse_apply(ctx, put_elem, x86_xmm_off(in->reg), X86_VTMP_OFF, 16, how);
    }
    return true;
}

/* ---- pmovsx / pmovzx --------------------------------------------------------------------- */

/* imm = from | to << 4 | signed << 8 (element sizes in bytes). */
static void widen(X86Cpu *c, X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)n;
    unsigned from = imm & 15, to = imm >> 4 & 15;
    bool sign = imm >> 8;
    X86Vec r;
    for (unsigned k = 0; k < 16 / to; k++) {
        uint64_t x = 0;
        memcpy(&x, &s->b[k * from], from);
        if (sign && from < 8) {
            unsigned shift = 64 - 8 * from;
            x = (uint64_t)((int64_t)(x << shift) >> shift);
        }
        memcpy(&r.b[k * to], &x, to);
    }
    *d = r;
}

/* 66 0F 38 20-25 (sign), 30-35 (zero): bw bd bq wd wq dq. */
bool x86_sse_pmovx(X86Ctx *ctx, const X86Insn *in)
{
    static const uint8_t from[6] = {1, 1, 1, 2, 2, 4}, to[6] = {2, 4, 8, 4, 8, 8};
    unsigned k = in->opcode & 0xf;
    if (k > 5)
        return false;
    unsigned bytes = 16 / to[k] * from[k]; /* memory read: 8, 4 or 2 bytes */
    uint32_t src;
    if (x86_has_mem(in) && bytes == 2) {
        IrTemp v = ir_ext_i32u(ctx->ir, x86_ld(ctx, x86_ea(ctx, in), 2));
        ir_st_env(ctx->ir, IR_I64, X86_VTMP_OFF, v);
        src = X86_VTMP_OFF;
    } else {
        src = x86_sse_src_off(ctx, in, bytes, false);
    }
    bool sign = (in->opcode & 0xf0) == 0x20;
    x86_sse_apply(ctx, widen, x86_xmm_off(in->reg), src, 16, from[k] | to[k] << 4 | (unsigned)sign << 8);
    return true;
}

/* ---- ptest ------------------------------------------------------------------------------------ */

/* ZF = (d & s) == 0, CF = (~d & s) == 0; the other flags cleared. */
static uint64_t ptest(X86Cpu *c, const X86Vec *d, const X86Vec *s, unsigned n, uint32_t imm)
{
    (void)c; (void)n; (void)imm;
    bool zf = ((d->q[0] & s->q[0]) | (d->q[1] & s->q[1])) == 0;
    bool cf = ((~d->q[0] & s->q[0]) | (~d->q[1] & s->q[1])) == 0;
    return (zf ? X86_ZF : 0) | (cf ? X86_CF : 0);
}

bool x86_sse_ptest(X86Ctx *ctx, const X86Insn *in)
{
    uint32_t src = x86_sse_src_off(ctx, in, 16, true);
    IrTemp f = x86_sse_get(ctx, ptest, x86_xmm_off(in->reg), src, 16, 0);
    x86_gen_set_status_flags(ctx, ir_trunc_i64(ctx->ir, f));
    return true;
}
