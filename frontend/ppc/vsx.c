/* frontend/ppc/vsx.c — VSX data movement (Power ISA 2.07): loads and
 * stores of vectors and scalars, moves between VSRs and GPRs, the
 * logical operations, xxsel, and the permutes xxpermdi, xxsldwi, xxspltw,
 * xxmrghw/xxmrglw; the table ppc_vsx_mem_forms. All of it is IR on the
 * two doublewords of a VSR (vec.h), except the single-precision scalar
 * loads and stores, whose exact format conversions are small C helpers.
 *
 * Byte order (Book I 7.3): lxvd2x/stxvd2x move two doublewords, each in
 * the guest's byte order, doubleword 0 at EA; lxvw4x/stxvw4x move four
 * words likewise, word 0 at EA. So on a little-endian guest lxvd2x yields
 * the doublewords in memory order, not the whole quadword reversed (that
 * is why LE compilers follow it with xxswapd).
 */
#include "frontend/ppc/gen.h"
#include "frontend/ppc/vec.h"
#include "util/fbits.h"

#define OP31(xo) (0x7c000000u | (uint32_t)(xo) << 1)
#define M_X 0xfc0007feu     /* X form with TX/SX in bit 31 */
#define XX3(xo) (0xf0000000u | (uint32_t)(xo) << 3)
#define M_XX3 0xfc0007f8u   /* opcode 60, 8-bit XO; AX BX TX free */

/* ---- single-precision scalar format conversions ----------------------- */

/* A single's bits to the double it denotes, exactly; NaNs keep their
 * payload and signalling state (lxsspx, like lfs). */
static uint64_t h_single_to_double(CpuCommon *env, uint32_t w)
{
    (void)env;
    uint64_t sign = (uint64_t)(w >> 31) << 63;
    unsigned exp = (w >> 23) & 0xff;
    uint64_t frac = w & 0x7fffff;
    if (exp == 0xff)
        return sign | 0x7ff0000000000000ull | frac << 29;
    if (exp == 0) {
        if (!frac)
            return sign;
        int shift = __builtin_clzll(frac) - 40; /* normalize the 23-bit fraction */
        frac = (frac << shift) & 0x7fffff;
        return sign | (uint64_t)(1023 - 127 - shift + 1) << 52 | frac << 29;
    }
    return sign | (uint64_t)(exp - 127 + 1023) << 52 | frac << 29;
}

/* A double's bits to a single's without rounding (stxsspx, like stfs):
 * sign, exponent bits 0:1 and 5:11, fraction truncated; a value in the
 * single denormal range is denormalized by shifting. */
static uint32_t h_double_to_single(CpuCommon *env, uint64_t d)
{
    (void)env;
    unsigned exp = (d >> 52) & 0x7ff;
    uint32_t top = (uint32_t)(d >> 32) & 0xc0000000u;
    if (exp > 896 || exp == 0 || exp == 0x7ff || exp < 874)
        return top | ((uint32_t)(d >> 29) & 0x3fffffffu);
    uint64_t mant = (d & 0xfffffffffffffull) | 1ull << 52;
    return (top & 0x80000000u) | (uint32_t)(mant >> (926 - exp));
}

static const IrHelper vsx_h_single_to_double = {
    .name = "ppc_vsx_s2d", .fn = (void *)h_single_to_double, .flags = IR_HELPER_PURE,
    .has_ret = true, .ret = IR_I64, .nargs = 1, .args = {IR_I32},
};
static const IrHelper vsx_h_double_to_single = {
    .name = "ppc_vsx_d2s", .fn = (void *)h_double_to_single, .flags = IR_HELPER_PURE,
    .has_ret = true, .ret = IR_I32, .nargs = 1, .args = {IR_I64},
};

/* ---- loads and stores (X form, opcode 31) -------------------------------- */

static IrMemop mo32(bool le)
{
    return le ? IR_MO_32 : (IrMemop)(IR_MO_32 | IR_MO_BE);
}

/* Words in guest order: a 64-bit load in little-endian order holds word 1
 * in its high half, so swap the halves to get word 0 leftmost. */
static IrTemp words_fix(PpcCtx *ctx, IrTemp v, bool le, bool words)
{
    return le && words ? ir_op2(ctx->ir, IR_OP_rotl, v, ir_const64(ctx->ir, 32)) : v;
}

static bool gen_lxv(PpcCtx *ctx, bool words)
{
    bool le = ppc_vec_le(ctx);
    unsigned xt = ppc_xt(ctx->insn);
    IrTemp ea = ppc_ea_x(ctx);
    IrTemp d0 = words_fix(ctx, ppc_vec_ld64(ctx, ea, 0, le), le, words);
    IrTemp d1 = words_fix(ctx, ppc_vec_ld64(ctx, ea, 8, le), le, words);
    ppc_vsr_st(ctx, xt, 0, d0);
    ppc_vsr_st(ctx, xt, 1, d1);
    return true;
}

static bool gen_stxv(PpcCtx *ctx, bool words)
{
    bool le = ppc_vec_le(ctx);
    unsigned xs = ppc_xt(ctx->insn);
    IrTemp ea = ppc_ea_x(ctx);
    ppc_vec_st64(ctx, ea, 0, le, words_fix(ctx, ppc_vsr_ld(ctx, xs, 0), le, words));
    ppc_vec_st64(ctx, ea, 8, le, words_fix(ctx, ppc_vsr_ld(ctx, xs, 1), le, words));
    return true;
}

static bool trans_lxvd2x(PpcCtx *c) { return gen_lxv(c, false); }
static bool trans_lxvw4x(PpcCtx *c) { return gen_lxv(c, true); }
static bool trans_stxvd2x(PpcCtx *c) { return gen_stxv(c, false); }
static bool trans_stxvw4x(PpcCtx *c) { return gen_stxv(c, true); }

/* lxsdx: doubleword 0 = the doubleword at EA (doubleword 1 undefined:
 * left as it was). lxvdsx: both doublewords = it. */
static bool gen_lxsd(PpcCtx *ctx, bool splat)
{
    unsigned xt = ppc_xt(ctx->insn);
    IrTemp v = ppc_vec_ld64(ctx, ppc_ea_x(ctx), 0, ppc_vec_le(ctx));
    ppc_vsr_st(ctx, xt, 0, v);
    if (splat)
        ppc_vsr_st(ctx, xt, 1, v);
    return true;
}

static bool trans_lxsdx(PpcCtx *c) { return gen_lxsd(c, false); }
static bool trans_lxvdsx(PpcCtx *c) { return gen_lxsd(c, true); }

static bool trans_stxsdx(PpcCtx *ctx)
{
    ppc_vec_st64(ctx, ppc_ea_x(ctx), 0, ppc_vec_le(ctx), ppc_vsr_ld(ctx, ppc_xt(ctx->insn), 0));
    return true;
}

/* lxsiwax / lxsiwzx: doubleword 0 = the word at EA, sign/zero-extended. */
static bool gen_lxsiw(PpcCtx *ctx, bool sign)
{
    IrBlock *ir = ctx->ir;
    IrTemp w = ir_ld(ir, IR_I32, mo32(ppc_vec_le(ctx)), ppc_ea_x(ctx));
    ppc_vsr_st(ctx, ppc_xt(ctx->insn), 0, sign ? ir_ext_i32s(ir, w) : ir_ext_i32u(ir, w));
    return true;
}

static bool trans_lxsiwax(PpcCtx *c) { return gen_lxsiw(c, true); }
static bool trans_lxsiwzx(PpcCtx *c) { return gen_lxsiw(c, false); }

/* stxsiwx: the word at EA = bits 32:63 of doubleword 0. */
static bool trans_stxsiwx(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp w = ir_trunc_i64(ir, ppc_vsr_ld(ctx, ppc_xt(ctx->insn), 0));
    ir_st(ir, mo32(ppc_vec_le(ctx)), ppc_ea_x(ctx), w);
    return true;
}

/* lxsspx: doubleword 0 = the single at EA as a double. */
static bool trans_lxsspx(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp w = ir_ld(ir, IR_I32, mo32(ppc_vec_le(ctx)), ppc_ea_x(ctx));
    ppc_vsr_st(ctx, ppc_xt(ctx->insn), 0, ir_call(ir, &vsx_h_single_to_double, &w));
    return true;
}

/* stxsspx: the single at EA = doubleword 0 in single format. */
static bool trans_stxsspx(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp d = ppc_vsr_ld(ctx, ppc_xt(ctx->insn), 0);
    ir_st(ir, mo32(ppc_vec_le(ctx)), ppc_ea_x(ctx), ir_call(ir, &vsx_h_double_to_single, &d));
    return true;
}

/* ---- moves between GPRs and VSRs (X form, opcode 31) ------------------- */

/* mfvsrd RA,XS: RA = doubleword 0 (its low word in 32-bit mode). */
static bool trans_mfvsrd(PpcCtx *ctx)
{
    IrTemp d = ppc_vsr_ld(ctx, ppc_xt(ctx->insn), 0);
    if (ctx->gty == IR_I32)
        d = ir_trunc_i64(ctx->ir, d);
    ppc_set_gpr(ctx, ppc_ra(ctx->insn), d);
    return true;
}

/* mfvsrwz RA,XS: RA = bits 32:63 of doubleword 0, zero-extended. */
static bool trans_mfvsrwz(PpcCtx *ctx)
{
    IrTemp w = ir_trunc_i64(ctx->ir, ppc_vsr_ld(ctx, ppc_xt(ctx->insn), 0));
    ppc_set_gpr(ctx, ppc_ra(ctx->insn), ppc_from_i32(ctx, w, false));
    return true;
}

/* mtvsrd XT,RA: doubleword 0 = RA; mtvsrwa / mtvsrwz: = RA's low word,
 * sign- or zero-extended. Doubleword 1 is undefined: left as it was. */
static bool gen_mtvsr(PpcCtx *ctx, int how) /* 0: d, 1: wa, 2: wz */
{
    IrBlock *ir = ctx->ir;
    IrTemp r = ppc_gpr(ctx, ppc_ra(ctx->insn));
    IrTemp v;
    if (how == 0 && ir_temp_type(ir, r) == IR_I64)
        v = r;
    else
        v = how == 1 ? ir_ext_i32s(ir, ppc_to_i32(ctx, r)) : ir_ext_i32u(ir, ppc_to_i32(ctx, r));
    ppc_vsr_st(ctx, ppc_xt(ctx->insn), 0, v);
    return true;
}

static bool trans_mtvsrd(PpcCtx *c) { return gen_mtvsr(c, 0); }
static bool trans_mtvsrwa(PpcCtx *c) { return gen_mtvsr(c, 1); }
static bool trans_mtvsrwz(PpcCtx *c) { return gen_mtvsr(c, 2); }

bool ppc_vsx_move_joins_run(const PpcInsnForm *f, uint32_t insn)
{
    bool move = f->translate == trans_mtvsrd || f->translate == trans_mtvsrwa || f->translate == trans_mtvsrwz;
    return move && ppc_xt(insn) < 32;
}

/* ---- logical and permutes (XX3/XX4, opcode 60) ------------------------- */

static void set_xt(PpcCtx *ctx, IrTemp d0, IrTemp d1)
{
    unsigned xt = ppc_xt(ctx->insn);
    ppc_vsr_st(ctx, xt, 0, d0);
    ppc_vsr_st(ctx, xt, 1, d1);
}

static bool gen_xxlogical(PpcCtx *ctx, IrOpcode op, bool invert)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++) {
        r[d] = ir_op2(ir, op, ppc_vsr_ld(ctx, ppc_xa(i), d), ppc_vsr_ld(ctx, ppc_xb(i), d));
        if (invert)
            r[d] = ir_not(ir, r[d]);
    }
    set_xt(ctx, r[0], r[1]);
    return true;
}

static bool trans_xxland(PpcCtx *c) { return gen_xxlogical(c, IR_OP_and, false); }
static bool trans_xxlandc(PpcCtx *c) { return gen_xxlogical(c, IR_OP_andc, false); }
static bool trans_xxlor(PpcCtx *c) { return gen_xxlogical(c, IR_OP_or, false); }
static bool trans_xxlorc(PpcCtx *c) { return gen_xxlogical(c, IR_OP_orc, false); }
static bool trans_xxlxor(PpcCtx *c) { return gen_xxlogical(c, IR_OP_xor, false); }
static bool trans_xxlnor(PpcCtx *c) { return gen_xxlogical(c, IR_OP_or, true); }
static bool trans_xxlnand(PpcCtx *c) { return gen_xxlogical(c, IR_OP_and, true); }
static bool trans_xxleqv(PpcCtx *c) { return gen_xxlogical(c, IR_OP_xor, true); }

/* xxsel XT,XA,XB,XC: bits of XB where XC is 1, else of XA. */
static bool trans_xxsel(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++) {
        IrTemp m = ppc_vsr_ld(ctx, ppc_xc(i), d);
        r[d] = ir_or(ir, ir_op2(ir, IR_OP_andc, ppc_vsr_ld(ctx, ppc_xa(i), d), m),
                     ir_and(ir, ppc_vsr_ld(ctx, ppc_xb(i), d), m));
    }
    set_xt(ctx, r[0], r[1]);
    return true;
}

/* xxpermdi XT,XA,XB,DM: XT = XA.dw[DM bit 0] || XB.dw[DM bit 1]
 * (xxswapd and xxspltd are its extended mnemonics). */
static bool trans_xxpermdi(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned dm = (i >> 8) & 3;
    set_xt(ctx, ppc_vsr_ld(ctx, ppc_xa(i), dm >> 1), ppc_vsr_ld(ctx, ppc_xb(i), dm & 1));
    return true;
}

/* xxsldwi XT,XA,XB,SHW: words SHW..SHW+3 of XA || XB. */
static bool trans_xxsldwi(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    unsigned shw = (i >> 8) & 3;
    IrTemp w[4] = {ppc_vsr_ld(ctx, ppc_xa(i), 0), ppc_vsr_ld(ctx, ppc_xa(i), 1), ppc_vsr_ld(ctx, ppc_xb(i), 0),
                   ppc_vsr_ld(ctx, ppc_xb(i), 1)};
    unsigned k = shw / 2;
    if (shw % 2 == 0) {
        set_xt(ctx, w[k], w[k + 1]);
        return true;
    }
    IrTemp d0 = ir_or(ir, ir_shli(ir, w[k], 32), ir_shri(ir, w[k + 1], 32));
    IrTemp d1 = ir_or(ir, ir_shli(ir, w[k + 1], 32), ir_shri(ir, w[k + 2], 32));
    set_xt(ctx, d0, d1);
    return true;
}

/* xxspltw XT,XB,UIM: every word = XB word UIM. */
static bool trans_xxspltw(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    unsigned uim = (i >> 16) & 3;
    IrTemp d = ppc_vsr_ld(ctx, ppc_xb(i), uim / 2);
    IrTemp w = ir_extract(ir, d, uim % 2 ? 0 : 32, 32);
    IrTemp v = ir_or(ir, w, ir_shli(ir, w, 32));
    set_xt(ctx, v, v);
    return true;
}

/* xxmrghw: XT = a.w0 b.w0 a.w1 b.w1; xxmrglw: from words 2 and 3. */
static bool gen_xxmrg(PpcCtx *ctx, unsigned dw)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp a = ppc_vsr_ld(ctx, ppc_xa(i), dw), b = ppc_vsr_ld(ctx, ppc_xb(i), dw);
    IrTemp hi = ir_or(ir, ir_andi(ir, a, 0xffffffff00000000ull), ir_shri(ir, b, 32));
    IrTemp lo = ir_or(ir, ir_shli(ir, a, 32), ir_andi(ir, b, 0xffffffffu));
    set_xt(ctx, hi, lo);
    return true;
}

static bool trans_xxmrghw(PpcCtx *c) { return gen_xxmrg(c, 0); }
static bool trans_xxmrglw(PpcCtx *c) { return gen_xxmrg(c, 1); }

const PpcInsnForm ppc_vsx_mem_forms[] = {
    /* loads and stores: EA = (RA|0) + RB, XT/XS = TX || T */
    {M_X, OP31(844), "lxvd2x", trans_lxvd2x},   /* XT = dw at EA || dw at EA+8 */
    {M_X, OP31(780), "lxvw4x", trans_lxvw4x},   /* XT = words at EA .. EA+12 */
    {M_X, OP31(972), "stxvd2x", trans_stxvd2x},
    {M_X, OP31(908), "stxvw4x", trans_stxvw4x},
    {M_X, OP31(588), "lxsdx", trans_lxsdx},     /* XT.dw0 = dw at EA */
    {M_X, OP31(332), "lxvdsx", trans_lxvdsx},   /* XT = dw at EA, twice */
    {M_X, OP31(716), "stxsdx", trans_stxsdx},   /* dw at EA = XS.dw0 */
    {M_X, OP31(76), "lxsiwax", trans_lxsiwax},  /* XT.dw0 = sext(word at EA) */
    {M_X, OP31(12), "lxsiwzx", trans_lxsiwzx},  /* XT.dw0 = zext(word at EA) */
    {M_X, OP31(140), "stxsiwx", trans_stxsiwx}, /* word at EA = XS.dw0[32:63] */
    {M_X, OP31(524), "lxsspx", trans_lxsspx},   /* XT.dw0 = double(single at EA) */
    {M_X, OP31(652), "stxsspx", trans_stxsspx}, /* single at EA = XS.dw0 */
    /* moves to and from GPRs (RB reserved) */
    {M_X | 0xf800u, OP31(51), "mfvsrd", trans_mfvsrd},   /* RA = XS.dw0 */
    {M_X | 0xf800u, OP31(115), "mfvsrwz", trans_mfvsrwz}, /* RA = zext(XS.dw0[32:63]) */
    {M_X | 0xf800u, OP31(179), "mtvsrd", trans_mtvsrd},   /* XT.dw0 = RA */
    {M_X | 0xf800u, OP31(211), "mtvsrwa", trans_mtvsrwa}, /* XT.dw0 = sext(RA[32:63]) */
    {M_X | 0xf800u, OP31(243), "mtvsrwz", trans_mtvsrwz}, /* XT.dw0 = zext(RA[32:63]) */
    /* logical */
    {M_XX3, XX3(130), "xxland", trans_xxland},
    {M_XX3, XX3(138), "xxlandc", trans_xxlandc},
    {M_XX3, XX3(146), "xxlor", trans_xxlor},
    {M_XX3, XX3(170), "xxlorc", trans_xxlorc},
    {M_XX3, XX3(154), "xxlxor", trans_xxlxor},
    {M_XX3, XX3(162), "xxlnor", trans_xxlnor},
    {M_XX3, XX3(178), "xxlnand", trans_xxlnand},
    {M_XX3, XX3(186), "xxleqv", trans_xxleqv},
    {0xfc000030u, 0xf0000030u, "xxsel", trans_xxsel}, /* XT = (XA & ~XC) | (XB & XC) */
    /* permutes */
    {0xfc0004f8u, 0xf0000050u, "xxpermdi", trans_xxpermdi}, /* XT = XA.dw[DM0] || XB.dw[DM1] */
    {0xfc0004f8u, 0xf0000010u, "xxsldwi", trans_xxsldwi},   /* XT = words SHW.. of XA || XB */
    {0xfc1c07fcu, 0xf0000290u, "xxspltw", trans_xxspltw},   /* XT.w[*] = XB.w[UIM] */
    {M_XX3, XX3(18), "xxmrghw", trans_xxmrghw},
    {M_XX3, XX3(50), "xxmrglw", trans_xxmrglw},
    {0, 0, NULL, NULL},
};
