/* frontend/ppc/vmx_perm.c — VMX (Altivec) data movement: splats (element
 * and immediate), merges, vperm/vpermxor, vsldoi, whole-register shifts
 * by bits and by octets, packs (modulo, saturating, pixel) and unpacks;
 * the table ppc_vmx_perm_forms.
 *
 * Splats and vsldoi are IR on the doublewords, and so is vperm when its
 * control is an unaligned load's (lvsl/lvsr: a run of 16 bytes), the
 * idiom of glibc's memcpy and memcmp; other controls take a helper that
 * computes one doubleword of the result. The rest are C functions run by
 * ppc_vec_h_apply (vec.h). Elements are in the ISA's numbering (element 0
 * leftmost) whatever the byte order.
 */
#include "frontend/ppc/vec.h"

#define VEC_UNUSED (void)cpu, (void)c, (void)imm

/* ---- merges ------------------------------------------------------------ */

/* vmrgh*: t = a[0] b[0] a[1] b[1] ...; vmrgl*: from the second halves. */
static inline void merge(PpcVec *t, const PpcVec *a, const PpcVec *b, unsigned n, bool low)
{
    PpcVec r = {{0, 0}};
    unsigned half = 64 / n, base = low ? half : 0;
    for (unsigned i = 0; i < half; i++) {
        vec_set(&r, n, 2 * i, vec_get(a, n, base + i));
        vec_set(&r, n, 2 * i + 1, vec_get(b, n, base + i));
    }
    *t = r;
}

static void vmrghb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; merge(t, a, b, 8, false); }
static void vmrghh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; merge(t, a, b, 16, false); }
static void vmrghw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; merge(t, a, b, 32, false); }
static void vmrglb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; merge(t, a, b, 8, true); }
static void vmrglh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; merge(t, a, b, 16, true); }
static void vmrglw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; merge(t, a, b, 32, true); }

/* vmrgew / vmrgow: t = a[k] b[k] a[k+2] b[k+2], k = 0 (even) or 1 (odd). */
static inline void merge_eo(PpcVec *t, const PpcVec *a, const PpcVec *b, unsigned k)
{
    PpcVec r;
    r.dw[0] = vec_get(a, 32, k) << 32 | vec_get(b, 32, k);
    r.dw[1] = vec_get(a, 32, k + 2) << 32 | vec_get(b, 32, k + 2);
    *t = r;
}

static void vmrgew(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; merge_eo(t, a, b, 0); }
static void vmrgow(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; merge_eo(t, a, b, 1); }

/* ---- permutes ------------------------------------------------------------ */

/* vperm, one doubleword of the result: byte i = byte (ctl.byte[i] & 31)
 * of a || b, where ctl is that doubleword of the control and a, b are
 * VSRs (regs = a | b << 6) read from the register file. Both doublewords
 * are computed before VRT is written, so VRT may be any operand. */
static uint64_t h_vperm_dw(CpuCommon *env, uint64_t ctl, uint32_t regs)
{
    const PpcCpu *cpu = (const PpcCpu *)env;
    PpcVec a = ppc_vsr_get(cpu, regs & 63), b = ppc_vsr_get(cpu, (regs >> 6) & 63);
    const uint64_t dws[4] = {a.dw[0], a.dw[1], b.dw[0], b.dw[1]};
    uint8_t bytes[32]; /* a || b, byte 0 first */
    for (unsigned d = 0; d < 4; d++)
        for (unsigned k = 0; k < 8; k++)
            bytes[8 * d + k] = (uint8_t)(dws[d] >> (56 - 8 * k));
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        r = r << 8 | bytes[(ctl >> (56 - 8 * i)) & 31];
    return r;
}

static const IrHelper h_vperm_dw_desc = {
    .name = "ppc_vperm_dw", .fn = (void *)h_vperm_dw, .flags = IR_HELPER_READS_ENV,
    .has_ret = true, .ret = IR_I64, .nargs = 2, .args = {IR_I64, IR_I32},
};

/* vpermxor: byte i = a.byte[c.byte[i] >> 4] ^ b.byte[c.byte[i] & 15]. */
static void vpermxor(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)cpu;
    (void)imm;
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 16; i++) {
        unsigned k = (unsigned)vec_get(c, 8, i);
        vec_set(&r, 8, i, vec_get(a, 8, k >> 4) ^ vec_get(b, 8, k & 15));
    }
    *t = r;
}

/* ---- whole-register shifts -------------------------------------------- */

/* Shift the 128-bit value left (or right) by 0..127 bits. */
static PpcVec shift128(const PpcVec *a, unsigned sh, bool right)
{
    PpcVec r = {{0, 0}};
    if (sh >= 64) {
        if (right)
            r.dw[1] = a->dw[0] >> (sh - 64);
        else
            r.dw[0] = a->dw[1] << (sh - 64);
    } else if (sh == 0) {
        r = *a;
    } else if (right) {
        r.dw[1] = a->dw[1] >> sh | a->dw[0] << (64 - sh);
        r.dw[0] = a->dw[0] >> sh;
    } else {
        r.dw[0] = a->dw[0] << sh | a->dw[1] >> (64 - sh);
        r.dw[1] = a->dw[1] << sh;
    }
    return r;
}

/* vsl / vsr: by b.byte[15] & 7 bits (the ISA wants every byte's count
 * equal; the last byte's is used). vslo / vsro: by (b.byte[15] >> 3) & 15
 * octets. */
static void vsl(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; *t = shift128(a, b->dw[1] & 7, false); }
static void vsr(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; *t = shift128(a, b->dw[1] & 7, true); }
static void vslo(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; *t = shift128(a, b->dw[1] & 0x78, false); }
static void vsro(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; *t = shift128(a, b->dw[1] & 0x78, true); }

/* ---- packs and unpacks ------------------------------------------------- */

enum PackKind { PACK_MOD, PACK_UU, PACK_SU, PACK_SS }; /* source sign / result range */

static inline int64_t sext(uint64_t x, unsigned bits)
{
    return bits == 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* Element of n bits to n/2 bits: modulo, or saturated (setting *sat). */
static uint64_t narrow(uint64_t x, unsigned n, enum PackKind kind, bool *sat)
{
    unsigned h = n / 2;
    uint64_t umax = (1ull << h) - 1;
    int64_t smax = (int64_t)(umax >> 1), smin = -smax - 1;
    switch (kind) {
    case PACK_MOD:
        return x & umax;
    case PACK_UU:
        if (x > umax) {
            *sat = true;
            return umax;
        }
        return x;
    case PACK_SU: {
        int64_t v = sext(x, n);
        if (v < 0 || (uint64_t)v > umax) {
            *sat = true;
            return v < 0 ? 0 : umax;
        }
        return (uint64_t)v;
    }
    default: {
        int64_t v = sext(x, n);
        if (v < smin || v > smax) {
            *sat = true;
            v = v < smin ? smin : smax;
        }
        return (uint64_t)v & umax;
    }
    }
}

/* t = narrow(a[0..]) || narrow(b[0..]). */
static inline void pack(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, unsigned n, enum PackKind kind)
{
    PpcVec r = {{0, 0}};
    bool sat = false;
    unsigned per = 128 / n;
    for (unsigned i = 0; i < per; i++) {
        vec_set(&r, n / 2, i, narrow(vec_get(a, n, i), n, kind, &sat));
        vec_set(&r, n / 2, per + i, narrow(vec_get(b, n, i), n, kind, &sat));
    }
    *t = r;
    if (sat)
        cpu->vscr |= PPC_VSCR_SAT;
}

#define PACK_UNUSED (void)c, (void)imm
static void vpkuhum(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 16, PACK_MOD); }
static void vpkuwum(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 32, PACK_MOD); }
static void vpkudum(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 64, PACK_MOD); }
static void vpkuhus(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 16, PACK_UU); }
static void vpkuwus(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 32, PACK_UU); }
static void vpkudus(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 64, PACK_UU); }
static void vpkshus(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 16, PACK_SU); }
static void vpkswus(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 32, PACK_SU); }
static void vpksdus(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 64, PACK_SU); }
static void vpkshss(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 16, PACK_SS); }
static void vpkswss(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 32, PACK_SS); }
static void vpksdss(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { PACK_UNUSED; pack(cpu, t, a, b, 64, PACK_SS); }

/* vpkpx: each word 8:8:8:8 to a 1:5:5:5 halfword (bit 7, and the top five
 * bits of bytes 1, 2, 3), a's words first. */
static void vpkpx(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    VEC_UNUSED;
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 8; i++) {
        uint64_t w = i < 4 ? vec_get(a, 32, i) : vec_get(b, 32, i - 4);
        uint64_t px = ((w >> 24) & 1) << 15 | ((w >> 19) & 31) << 10 | ((w >> 11) & 31) << 5 | ((w >> 3) & 31);
        vec_set(&r, 16, i, px);
    }
    *t = r;
}

/* vupk[hl]s[bhw]: the high (first) or low half of b's n-bit elements,
 * sign-extended to 2n bits. */
static inline void unpack(PpcVec *t, const PpcVec *b, unsigned n, bool low)
{
    PpcVec r = {{0, 0}};
    unsigned half = 64 / n;
    for (unsigned i = 0; i < half; i++)
        vec_set(&r, 2 * n, i, (uint64_t)sext(vec_get(b, n, (low ? half : 0) + i), n));
    *t = r;
}

static void vupkhsb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; (void)a; unpack(t, b, 8, false); }
static void vupkhsh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; (void)a; unpack(t, b, 16, false); }
static void vupkhsw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; (void)a; unpack(t, b, 32, false); }
static void vupklsb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; (void)a; unpack(t, b, 8, true); }
static void vupklsh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; (void)a; unpack(t, b, 16, true); }
static void vupklsw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; (void)a; unpack(t, b, 32, true); }

/* vupk[hl]px: 1:5:5:5 halfwords to words: byte 0 = the sign bit repeated,
 * bytes 1..3 = the three 5-bit fields, zero-extended. */
static inline void unpack_px(PpcVec *t, const PpcVec *b, bool low)
{
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 4; i++) {
        uint64_t h = vec_get(b, 16, (low ? 4 : 0) + i);
        uint64_t w = ((h >> 15) ? 0xffull : 0) << 24 | ((h >> 10) & 31) << 16 | ((h >> 5) & 31) << 8 | (h & 31);
        vec_set(&r, 32, i, w);
    }
    *t = r;
}

static void vupkhpx(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; (void)a; unpack_px(t, b, false); }
static void vupklpx(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; (void)a; unpack_px(t, b, true); }

/* ---- translation ------------------------------------------------------ */

static bool vx_apply(PpcCtx *ctx, PpcVecFn f)
{
    uint32_t i = ctx->insn;
    ppc_vec_apply(ctx, f, ppc_vrt(i), ppc_vra(i), ppc_vrb(i), ppc_vrc(i), 0);
    return true;
}

static void set_both(PpcCtx *ctx, unsigned vt, IrTemp d0, IrTemp d1)
{
    ppc_vsr_st(ctx, vt, 0, d0);
    ppc_vsr_st(ctx, vt, 1, d1);
}

/* vspltb/vsplth/vspltw VRT,VRB,UIM: every element = b's element UIM. */
static bool gen_splat(PpcCtx *ctx, unsigned n)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    unsigned per = 64 / n, uim = ((i >> 16) & 31) & (128 / n - 1);
    IrTemp d = ppc_vsr_ld(ctx, ppc_vrb(i), uim / per);
    IrTemp e = ir_extract(ir, d, 64 - n * (uim % per + 1), n);
    uint64_t ones = n == 8 ? 0x0101010101010101ull : n == 16 ? 0x0001000100010001ull : 0x0000000100000001ull;
    IrTemp v = ir_op2(ir, IR_OP_mul, e, ir_const64(ir, ones));
    set_both(ctx, ppc_vrt(i), v, v);
    return true;
}

static bool trans_vspltb(PpcCtx *c) { return gen_splat(c, 8); }
static bool trans_vsplth(PpcCtx *c) { return gen_splat(c, 16); }
static bool trans_vspltw(PpcCtx *c) { return gen_splat(c, 32); }

/* vspltis[bhw] VRT,SIMM: every element = the sign-extended 5-bit SIMM. */
static bool gen_splat_imm(PpcCtx *ctx, unsigned n)
{
    uint32_t i = ctx->insn;
    int64_t simm = (int64_t)((uint64_t)((i >> 16) & 31) << 59) >> 59;
    uint64_t e = (uint64_t)simm & (n == 8 ? 0xff : n == 16 ? 0xffff : 0xffffffffu);
    uint64_t ones = n == 8 ? 0x0101010101010101ull : n == 16 ? 0x0001000100010001ull : 0x0000000100000001ull;
    IrTemp v = ir_const64(ctx->ir, e * ones);
    set_both(ctx, ppc_vrt(i), v, v);
    return true;
}

static bool trans_vspltisb(PpcCtx *c) { return gen_splat_imm(c, 8); }
static bool trans_vspltish(PpcCtx *c) { return gen_splat_imm(c, 16); }
static bool trans_vspltisw(PpcCtx *c) { return gen_splat_imm(c, 32); }

/* (hi:lo) shifted left by s bytes (0 < s < 8), the vacated bytes taken
 * from the top of next. */
static IrTemp funnel(PpcCtx *ctx, IrTemp hi, IrTemp next, unsigned s)
{
    IrBlock *ir = ctx->ir;
    return ir_or(ir, ir_shli(ir, hi, 8 * s), ir_shri(ir, next, 64 - 8 * s));
}

/* vsldoi VRT,VRA,VRB,SH: bytes SH..SH+15 of a || b. */
static bool trans_vsldoi(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned sh = (i >> 6) & 15;
    IrTemp w[4] = {ppc_vsr_ld(ctx, ppc_vra(i), 0), ppc_vsr_ld(ctx, ppc_vra(i), 1),
                   ppc_vsr_ld(ctx, ppc_vrb(i), 0), ppc_vsr_ld(ctx, ppc_vrb(i), 1)};
    unsigned k = sh / 8, s = sh % 8;
    IrTemp d0 = s ? funnel(ctx, w[k], w[k + 1], s) : w[k];
    IrTemp d1 = s ? funnel(ctx, w[k + 1], w[k + 2], s) : w[k + 1];
    set_both(ctx, ppc_vrt(i), d0, d1);
    return true;
}

/* Of three values, the one q (0, 1 or 2) names. */
static IrTemp pick3(IrBlock *ir, IrTemp q, IrTemp x0, IrTemp x1, IrTemp x2)
{
    IrTemp zero = ir_const64(ir, 0), one = ir_const64(ir, 1);
    return ir_movcond(ir, IR_EQ, q, zero, x0, ir_movcond(ir, IR_EQ, q, one, x1, x2));
}

/* (hi:lo) shifted left by s bits, 0 <= s < 64: the top 64 bits. */
static IrTemp funnel_var(IrBlock *ir, IrTemp hi, IrTemp lo, IrTemp s)
{
    IrTemp rest = ir_shr(ir, ir_shri(ir, lo, 1), ir_sub(ir, ir_const64(ir, 63), s));
    return ir_or(ir, ir_shl(ir, hi, s), rest);
}

/* Bytes k .. k+15 of a || b (0 <= k <= 16) into d[0], d[1]. */
static void gen_window(PpcCtx *ctx, unsigned va, unsigned vb, IrTemp k, const IrTemp d[2])
{
    IrBlock *ir = ctx->ir;
    IrTemp a0 = ppc_vsr_ld(ctx, va, 0), a1 = ppc_vsr_ld(ctx, va, 1);
    IrTemp b0 = ppc_vsr_ld(ctx, vb, 0), b1 = ppc_vsr_ld(ctx, vb, 1);
    IrTemp q = ir_shri(ir, k, 3), s = ir_shli(ir, ir_andi(ir, k, 7), 3);
    IrTemp hi = pick3(ir, q, a0, a1, b0), mid = pick3(ir, q, a1, b0, b1), lo = pick3(ir, q, b0, b1, b1);
    ir_mov_to(ir, d[0], funnel_var(ir, hi, mid, s));
    ir_mov_to(ir, d[1], funnel_var(ir, mid, lo, s));
}

/* vperm VRT,VRA,VRB,VRC: byte i = byte (c.byte[i] & 31) of a || b.
 * The control of an unaligned load, as lvsl (big-endian code) or lvsr
 * (little-endian) make it, is bytes k, k+1, ..., k+15 with k <= 16: then
 * the result is a window of a || b, cut out inline. Other controls go to
 * the helper. */
static bool trans_vperm(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp c[2] = {ppc_vsr_ld(ctx, ppc_vrc(i), 0), ppc_vsr_ld(ctx, ppc_vrc(i), 1)};
    IrTemp d[2] = {ir_new_temp(ir, IR_I64), ir_new_temp(ir, IR_I64)};
    IrLabel general = ir_new_label(ir), done = ir_new_label(ir);
    IrTemp k = ir_shri(ir, c[0], 56);
    IrTemp run = ir_add(ir, ir_op2(ir, IR_OP_mul, k, ir_const64(ir, 0x0101010101010101ull)),
                        ir_const64(ir, 0x0001020304050607ull));
    ir_brcond(ir, IR_GTU, k, ir_const64(ir, 16), general);
    ir_brcond(ir, IR_NE, c[0], run, general);
    ir_brcond(ir, IR_NE, c[1], ir_addi(ir, run, 0x0808080808080808ull), general);
    gen_window(ctx, ppc_vra(i), ppc_vrb(i), k, d);
    ir_br(ir, done);
    ir_label(ir, general);
    IrTemp regs = ir_const32(ir, ppc_vra(i) | ppc_vrb(i) << 6);
    for (unsigned h = 0; h < 2; h++) {
        IrTemp args[2] = {c[h], regs};
        ir_mov_to(ir, d[h], ir_call(ir, &h_vperm_dw_desc, args));
    }
    ir_label(ir, done);
    set_both(ctx, ppc_vrt(i), d[0], d[1]);
    return true;
}

static bool trans_vmrghb(PpcCtx *c) { return vx_apply(c, vmrghb); }
static bool trans_vmrghh(PpcCtx *c) { return vx_apply(c, vmrghh); }
static bool trans_vmrghw(PpcCtx *c) { return vx_apply(c, vmrghw); }
static bool trans_vmrglb(PpcCtx *c) { return vx_apply(c, vmrglb); }
static bool trans_vmrglh(PpcCtx *c) { return vx_apply(c, vmrglh); }
static bool trans_vmrglw(PpcCtx *c) { return vx_apply(c, vmrglw); }
static bool trans_vmrgew(PpcCtx *c) { return vx_apply(c, vmrgew); }
static bool trans_vmrgow(PpcCtx *c) { return vx_apply(c, vmrgow); }
static bool trans_vpermxor(PpcCtx *c) { return vx_apply(c, vpermxor); }
static bool trans_vsl(PpcCtx *c) { return vx_apply(c, vsl); }
static bool trans_vsr(PpcCtx *c) { return vx_apply(c, vsr); }
static bool trans_vslo(PpcCtx *c) { return vx_apply(c, vslo); }
static bool trans_vsro(PpcCtx *c) { return vx_apply(c, vsro); }
static bool trans_vpkuhum(PpcCtx *c) { return vx_apply(c, vpkuhum); }
static bool trans_vpkuwum(PpcCtx *c) { return vx_apply(c, vpkuwum); }
static bool trans_vpkudum(PpcCtx *c) { return vx_apply(c, vpkudum); }
static bool trans_vpkuhus(PpcCtx *c) { return vx_apply(c, vpkuhus); }
static bool trans_vpkuwus(PpcCtx *c) { return vx_apply(c, vpkuwus); }
static bool trans_vpkudus(PpcCtx *c) { return vx_apply(c, vpkudus); }
static bool trans_vpkshus(PpcCtx *c) { return vx_apply(c, vpkshus); }
static bool trans_vpkswus(PpcCtx *c) { return vx_apply(c, vpkswus); }
static bool trans_vpksdus(PpcCtx *c) { return vx_apply(c, vpksdus); }
static bool trans_vpkshss(PpcCtx *c) { return vx_apply(c, vpkshss); }
static bool trans_vpkswss(PpcCtx *c) { return vx_apply(c, vpkswss); }
static bool trans_vpksdss(PpcCtx *c) { return vx_apply(c, vpksdss); }
static bool trans_vpkpx(PpcCtx *c) { return vx_apply(c, vpkpx); }
static bool trans_vupkhsb(PpcCtx *c) { return vx_apply(c, vupkhsb); }
static bool trans_vupkhsh(PpcCtx *c) { return vx_apply(c, vupkhsh); }
static bool trans_vupkhsw(PpcCtx *c) { return vx_apply(c, vupkhsw); }
static bool trans_vupklsb(PpcCtx *c) { return vx_apply(c, vupklsb); }
static bool trans_vupklsh(PpcCtx *c) { return vx_apply(c, vupklsh); }
static bool trans_vupklsw(PpcCtx *c) { return vx_apply(c, vupklsw); }
static bool trans_vupkhpx(PpcCtx *c) { return vx_apply(c, vupkhpx); }
static bool trans_vupklpx(PpcCtx *c) { return vx_apply(c, vupklpx); }

#define VX(xo) (0x10000000u | (uint32_t)(xo))
#define M_VX 0xfc0007ffu
#define M_VX_B (M_VX | 0x1f0000u)  /* VRA reserved */
#define M_VA 0xfc00003fu
#define M_VA_SH (M_VA | 0x400u)    /* vsldoi: bit 21 reserved */

const PpcInsnForm ppc_vmx_perm_forms[] = {
    /* splats */
    {M_VX | 0x100000u, VX(0x20c), "vspltb", trans_vspltb}, /* t.b[*] = b.b[UIM] */
    {M_VX | 0x180000u, VX(0x24c), "vsplth", trans_vsplth}, /* t.h[*] = b.h[UIM] */
    {M_VX | 0x1c0000u, VX(0x28c), "vspltw", trans_vspltw}, /* t.w[*] = b.w[UIM] */
    {M_VX | 0xf800u, VX(0x30c), "vspltisb", trans_vspltisb}, /* t.b[*] = sext(SIMM) */
    {M_VX | 0xf800u, VX(0x34c), "vspltish", trans_vspltish},
    {M_VX | 0xf800u, VX(0x38c), "vspltisw", trans_vspltisw},
    /* merges */
    {M_VX, VX(0x00c), "vmrghb", trans_vmrghb}, /* t = a.b[0] b.b[0] a.b[1] b.b[1] ... */
    {M_VX, VX(0x04c), "vmrghh", trans_vmrghh},
    {M_VX, VX(0x08c), "vmrghw", trans_vmrghw},
    {M_VX, VX(0x10c), "vmrglb", trans_vmrglb}, /* ... from elements 8..15 */
    {M_VX, VX(0x14c), "vmrglh", trans_vmrglh},
    {M_VX, VX(0x18c), "vmrglw", trans_vmrglw},
    {M_VX, VX(0x78c), "vmrgew", trans_vmrgew}, /* t = a.w[0] b.w[0] a.w[2] b.w[2] */
    {M_VX, VX(0x68c), "vmrgow", trans_vmrgow}, /* t = a.w[1] b.w[1] a.w[3] b.w[3] */
    /* permutes and double-register shift */
    {M_VA, VX(0x2b), "vperm", trans_vperm},       /* t.b[i] = (a || b).b[c.b[i] & 31] */
    {M_VA, VX(0x2d), "vpermxor", trans_vpermxor}, /* t.b[i] = a.b[c hi] ^ b.b[c lo] */
    {M_VA_SH, VX(0x2c), "vsldoi", trans_vsldoi},  /* t = bytes SH..SH+15 of a || b */
    /* whole-register shifts */
    {M_VX, VX(0x1c4), "vsl", trans_vsl},   /* t = a << (b & 7) bits */
    {M_VX, VX(0x2c4), "vsr", trans_vsr},   /* t = a >> (b & 7) bits */
    {M_VX, VX(0x40c), "vslo", trans_vslo}, /* t = a << b[121:124] octets */
    {M_VX, VX(0x44c), "vsro", trans_vsro}, /* t = a >> b[121:124] octets */
    /* packs: a's elements then b's, halved */
    {M_VX, VX(0x00e), "vpkuhum", trans_vpkuhum},
    {M_VX, VX(0x04e), "vpkuwum", trans_vpkuwum},
    {M_VX, VX(0x44e), "vpkudum", trans_vpkudum},
    {M_VX, VX(0x08e), "vpkuhus", trans_vpkuhus},
    {M_VX, VX(0x0ce), "vpkuwus", trans_vpkuwus},
    {M_VX, VX(0x4ce), "vpkudus", trans_vpkudus},
    {M_VX, VX(0x10e), "vpkshus", trans_vpkshus},
    {M_VX, VX(0x14e), "vpkswus", trans_vpkswus},
    {M_VX, VX(0x54e), "vpksdus", trans_vpksdus},
    {M_VX, VX(0x18e), "vpkshss", trans_vpkshss},
    {M_VX, VX(0x1ce), "vpkswss", trans_vpkswss},
    {M_VX, VX(0x5ce), "vpksdss", trans_vpksdss},
    {M_VX, VX(0x30e), "vpkpx", trans_vpkpx},
    /* unpacks: b's high or low half, sign-extended */
    {M_VX_B, VX(0x20e), "vupkhsb", trans_vupkhsb},
    {M_VX_B, VX(0x24e), "vupkhsh", trans_vupkhsh},
    {M_VX_B, VX(0x64e), "vupkhsw", trans_vupkhsw},
    {M_VX_B, VX(0x28e), "vupklsb", trans_vupklsb},
    {M_VX_B, VX(0x2ce), "vupklsh", trans_vupklsh},
    {M_VX_B, VX(0x6ce), "vupklsw", trans_vupklsw},
    {M_VX_B, VX(0x34e), "vupkhpx", trans_vupkhpx},
    {M_VX_B, VX(0x3ce), "vupklpx", trans_vupklpx},
    {0, 0, NULL, NULL},
};
