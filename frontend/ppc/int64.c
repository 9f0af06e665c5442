/* frontend/ppc/int64.c — the fixed-point forms 64-bit PowerPC adds: the
 * doubleword rotates (MD/MDS form), shifts, counts, multiplies and
 * divides, extsw, and the ISA 3.0 modulo forms (modsw/moduw also exist
 * for 32-bit guests). Every doubleword form is illegal outside 64-bit
 * mode (the ppc32 guest).
 *
 *  0     5 6    10 11   15 16   20 21      26 27 29 30 31
 * +-------+-------+-------+-------+----------+-----+--+--+
 * | 30    |  RS   |  RA   | sh0:4 | mb / me  | XO  |sh5|Rc|  MD form
 * +-------+-------+-------+-------+----------+-----+--+--+
 * | 30    |  RS   |  RA   |  RB   | mb / me  |  XO(27:30) |Rc|  MDS form
 * +-------+-------+-------+-------+----------+-----------+--+
 * The 6-bit mb/me field is stored rotated: field = mb[1:5] || mb[0].
 */
#include "frontend/ppc/decode.h"
#include "frontend/ppc/gen.h"

#define PPC_OP(op) ((uint32_t)(op) << 26)
#define PPC_X31(xo) (PPC_OP(31) | (uint32_t)(xo) << 1)
#define PPC_MD(xo) (PPC_OP(30) | (uint32_t)(xo) << 2)
#define PPC_MDS(xo) (PPC_OP(30) | (uint32_t)(xo) << 1)
#define M_MD 0xfc00001cu      /* MD form: XO at bits 27..29 */
#define M_MDS 0xfc00001eu     /* MDS form: XO at bits 27..30 */
#define M_XS 0xfc0007fcu      /* XS form (sradi): 9-bit XO, sh5 and Rc free */
#define M_XO 0xfc0003feu      /* OE and Rc free */
#define M_XO_NOOE 0xfc0007feu /* Rc free, bit 21 reserved */
#define M_X 0xfc0007feu       /* Rc free */
#define M_X_RB0 0xfc00fffeu   /* Rc free, RB must be 0 */
#define M_X_NORC 0xfc0007ffu  /* Rc (bit 31) reserved */

static unsigned md_sh(uint32_t i) { return ((i >> 11) & 31) | ((i >> 1) & 1) << 5; }
static unsigned md_mbe(uint32_t i) { return ((i >> 6) & 31) | ((i >> 5) & 1) << 5; }

/* ---- rotates ------------------------------------------------------------ */

/* ra = rotl64(rs, n) & MASK(mb, me); n an i64 temp or, if 0, sh. */
static bool gen_rld(PpcCtx *ctx, IrTemp n, unsigned sh, unsigned mb, unsigned me)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    IrTemp r = ppc_gpr(ctx, ppc_rs(i));
    if (!n) {
        r = ppc_gen_rotl_mask(ctx, r, sh, mb, me);
    } else {
        r = ir_op2(ir, IR_OP_rotl, r, n);
        if (ppc_mask(64, mb, me) != ~0ull)
            r = ir_andi(ir, r, ppc_mask(64, mb, me));
    }
    ppc_gen_result(ctx, ppc_ra(i), r, ppc_rc(i));
    return true;
}

static bool trans_rldicl(PpcCtx *c) { return gen_rld(c, 0, md_sh(c->insn), md_mbe(c->insn), 63); }
static bool trans_rldicr(PpcCtx *c) { return gen_rld(c, 0, md_sh(c->insn), 0, md_mbe(c->insn)); }

static bool trans_rldic(PpcCtx *c)
{
    unsigned sh = md_sh(c->insn);
    return gen_rld(c, 0, sh, md_mbe(c->insn), 63 - sh);
}

/* The rotate count of rldcl/rldcr: rb[58:63]. */
static IrTemp rld_count(PpcCtx *ctx)
{
    return ir_andi(ctx->ir, ppc_gpr(ctx, ppc_rb(ctx->insn)), 63);
}

static bool trans_rldcl(PpcCtx *c)
{
    return c->sf && gen_rld(c, rld_count(c), 0, md_mbe(c->insn), 63);
}

static bool trans_rldcr(PpcCtx *c)
{
    return c->sf && gen_rld(c, rld_count(c), 0, 0, md_mbe(c->insn));
}

/* rldimi: rotl64(rs, sh) inserted into ra under MASK(mb, 63 - sh). */
static bool trans_rldimi(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    unsigned sh = md_sh(i);
    uint64_t m = ppc_mask(64, md_mbe(i), 63 - sh);
    IrTemp r = ppc_gpr(ctx, ppc_rs(i));
    if (sh)
        r = ir_opi(ir, IR_OP_rotl, r, sh);
    r = ir_or(ir, ir_andi(ir, r, m), ir_andi(ir, ppc_gpr(ctx, ppc_ra(i)), ~m));
    ppc_gen_result(ctx, ppc_ra(i), r, ppc_rc(i));
    return true;
}

/* ---- shifts ------------------------------------------------------------- */

/* sld/srd: a 7-bit count; 64..127 shift every bit out. */
static bool gen_shift_d(PpcCtx *ctx, IrOpcode op)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    IrTemp rb = ppc_gpr(ctx, ppc_rb(i));
    IrTemp r = ir_op2(ir, op, ppc_gpr(ctx, ppc_rs(i)), ir_andi(ir, rb, 63));
    IrTemp big = ir_andi(ir, rb, 64);
    r = ir_movcond(ir, IR_EQ, big, ir_const64(ir, 0), r, ir_const64(ir, 0));
    ppc_gen_result(ctx, ppc_ra(i), r, ppc_rc(i));
    return true;
}

static bool trans_sld(PpcCtx *c) { return gen_shift_d(c, IR_OP_shl); }
static bool trans_srd(PpcCtx *c) { return gen_shift_d(c, IR_OP_shr); }

/* ra = rs >>s n (n: i64 0..63), CA = rs negative and a 1-bit lost;
 * `all_out` (i64 0/1 or 0 for none) says every bit was shifted out. */
static void gen_sra_d(PpcCtx *ctx, IrTemp n, IrTemp all_out)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp s = ppc_gpr(ctx, ppc_rs(i));
    IrTemp r = ir_sar(ir, s, n);
    IrTemp lost = ir_setcond(ir, IR_NE, s, ir_shl(ir, r, n));
    if (all_out)
        lost = ir_or(ir, lost, all_out);
    IrTemp neg = ir_setcond(ir, IR_LT, s, ir_const64(ir, 0));
    ir_st_env(ir, IR_I32, PPC_OFF(xer_ca), ir_trunc_i64(ir, ir_and(ir, lost, neg)));
    ppc_gen_result(ctx, ppc_ra(i), r, ppc_rc(i));
}

/* srad: counts 64..127 give the sign in every bit (shift by 63, and
 * every bit counts as lost). */
static bool trans_srad(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    if (!ctx->sf)
        return false;
    IrTemp rb = ppc_gpr(ctx, ppc_rb(ctx->insn));
    IrTemp big = ir_setcond(ir, IR_NE, ir_andi(ir, rb, 64), ir_const64(ir, 0));
    IrTemp n = ir_movcond(ir, IR_NE, big, ir_const64(ir, 0), ir_const64(ir, 63), ir_andi(ir, rb, 63));
    gen_sra_d(ctx, n, big);
    return true;
}

static bool trans_sradi(PpcCtx *ctx)
{
    if (!ctx->sf)
        return false;
    gen_sra_d(ctx, ir_const64(ctx->ir, md_sh(ctx->insn)), 0);
    return true;
}

/* bpermd: ra = the 8 bits of rb that rs's bytes select. */
static bool trans_bpermd(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    IrTemp args[2] = {ppc_gpr(ctx, ppc_rs(i)), ppc_gpr(ctx, ppc_rb(i))};
    ppc_set_gpr(ctx, ppc_ra(i), ir_call(ctx->ir, &ppc_helper_bpermd, args));
    return true;
}

/* ---- one-operand forms -------------------------------------------------- */

static bool gen_unary_d(PpcCtx *ctx, IrOpcode op)
{
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    ppc_gen_result(ctx, ppc_ra(i), ir_op1(ctx->ir, op, ppc_gpr(ctx, ppc_rs(i))), ppc_rc(i));
    return true;
}

static bool trans_extsw(PpcCtx *c) { return gen_unary_d(c, IR_OP_sext32); }
static bool trans_cntlzd(PpcCtx *c) { return gen_unary_d(c, IR_OP_clz); }
static bool trans_cnttzd(PpcCtx *c) { return gen_unary_d(c, IR_OP_ctz); }
static bool trans_popcntd(PpcCtx *c) { return gen_unary_d(c, IR_OP_popcnt); }

/* prtyd: ra = the parity of the low bits of rs's eight bytes (0 or 1). */
static bool trans_prtyd(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    if (!ctx->sf)
        return false;
    IrTemp x = ir_andi(ir, ppc_gpr(ctx, ppc_rs(ctx->insn)), 0x0101010101010101ull);
    x = ir_xor(ir, x, ir_shri(ir, x, 32));
    x = ir_xor(ir, x, ir_shri(ir, x, 16));
    x = ir_xor(ir, x, ir_shri(ir, x, 8));
    ppc_set_gpr(ctx, ppc_ra(ctx->insn), ir_andi(ir, x, 1));
    return true;
}

/* ---- multiply and divide ------------------------------------------------- */

/* mulld: the low doubleword; OV: the 128-bit product does not fit. */
static bool trans_mulld(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    IrTemp a = ppc_gpr(ctx, ppc_ra(i)), b = ppc_gpr(ctx, ppc_rb(i));
    IrTemp r = ir_op2(ir, IR_OP_mul, a, b);
    if (ppc_oe(i)) {
        IrTemp hi = ir_op2(ir, IR_OP_mulhs, a, b);
        IrTemp ov = ir_setcond(ir, IR_NE, hi, ir_sari(ir, r, 63));
        ppc_gen_ov(ctx, ir_trunc_i64(ir, ov));
    }
    ppc_gen_result(ctx, ppc_rt(i), r, ppc_rc(i));
    return true;
}

static bool gen_mulh_d(PpcCtx *ctx, IrOpcode op)
{
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    IrTemp r = ir_op2(ctx->ir, op, ppc_gpr(ctx, ppc_ra(i)), ppc_gpr(ctx, ppc_rb(i)));
    ppc_gen_result(ctx, ppc_rt(i), r, ppc_rc(i));
    return true;
}

static bool trans_mulhd(PpcCtx *c) { return gen_mulh_d(c, IR_OP_mulhs); }
static bool trans_mulhdu(PpcCtx *c) { return gen_mulh_d(c, IR_OP_mulhu); }

/* divd/divdu: undefined quotients are the IR's; OE=1 reports them. */
static bool gen_div_d(PpcCtx *ctx, bool is_signed)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    IrTemp a = ppc_gpr(ctx, ppc_ra(i)), b = ppc_gpr(ctx, ppc_rb(i));
    IrTemp r = ir_op2(ir, is_signed ? IR_OP_divs : IR_OP_divu, a, b);
    if (ppc_oe(i)) {
        IrTemp ov = ir_setcond(ir, IR_EQ, b, ir_const64(ir, 0));
        if (is_signed) {
            IrTemp min = ir_setcond(ir, IR_EQ, a, ir_const64(ir, 1ull << 63));
            IrTemp m1 = ir_setcond(ir, IR_EQ, b, ir_const64(ir, ~0ull));
            ov = ir_or(ir, ov, ir_and(ir, min, m1));
        }
        ppc_gen_ov(ctx, ir_trunc_i64(ir, ov));
    }
    ppc_gen_result(ctx, ppc_rt(i), r, ppc_rc(i));
    return true;
}

static bool trans_divd(PpcCtx *c) { return gen_div_d(c, true); }
static bool trans_divdu(PpcCtx *c) { return gen_div_d(c, false); }

/* divde/divdeu; OE=1 reports an undefined quotient in OV. */
static bool gen_divde(PpcCtx *ctx, const IrHelper *quotient, const IrHelper *overflow)
{
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    IrTemp args[2] = {ppc_gpr(ctx, ppc_ra(i)), ppc_gpr(ctx, ppc_rb(i))};
    if (ppc_oe(i))
        ppc_gen_ov(ctx, ir_call(ctx->ir, overflow, args));
    ppc_gen_result(ctx, ppc_rt(i), ir_call(ctx->ir, quotient, args), ppc_rc(i));
    return true;
}

static bool trans_divde(PpcCtx *c) { return gen_divde(c, &ppc_helper_divde, &ppc_helper_divde_ov); }
static bool trans_divdeu(PpcCtx *c) { return gen_divde(c, &ppc_helper_divdeu, &ppc_helper_divdeu_ov); }

/* ISA 3.0 modulo: the remainder of the word forms is extended (modsw
 * signed, moduw unsigned) to the GPR width; undefined remainders (by 0,
 * MIN % -1) are the IR's. */
static bool gen_mod_w(PpcCtx *ctx, bool is_signed)
{
    uint32_t i = ctx->insn;
    IrTemp a = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_ra(i)));
    IrTemp b = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rb(i)));
    IrTemp r = ir_op2(ctx->ir, is_signed ? IR_OP_rems : IR_OP_remu, a, b);
    ppc_set_gpr(ctx, ppc_rt(i), ppc_from_i32(ctx, r, is_signed));
    return true;
}

static bool gen_mod_d(PpcCtx *ctx, bool is_signed)
{
    uint32_t i = ctx->insn;
    if (!ctx->sf)
        return false;
    IrTemp r = ir_op2(ctx->ir, is_signed ? IR_OP_rems : IR_OP_remu, ppc_gpr(ctx, ppc_ra(i)),
                      ppc_gpr(ctx, ppc_rb(i)));
    ppc_set_gpr(ctx, ppc_rt(i), r);
    return true;
}

static bool trans_modsw(PpcCtx *c) { return gen_mod_w(c, true); }
static bool trans_moduw(PpcCtx *c) { return gen_mod_w(c, false); }
static bool trans_modsd(PpcCtx *c) { return gen_mod_d(c, true); }
static bool trans_modud(PpcCtx *c) { return gen_mod_d(c, false); }

/* One row per form; the meaning is the manual's. */
const PpcInsnForm ppc_int64_forms[] = {
    /* rotates (MD, MDS) */
    {M_MD, PPC_MD(0), "rldicl", trans_rldicl},   /* ra = rotl64(rs, sh) & MASK(mb, 63) */
    {M_MD, PPC_MD(1), "rldicr", trans_rldicr},   /* ra = rotl64(rs, sh) & MASK(0, me) */
    {M_MD, PPC_MD(2), "rldic", trans_rldic},     /* ra = rotl64(rs, sh) & MASK(mb, 63 - sh) */
    {M_MD, PPC_MD(3), "rldimi", trans_rldimi},   /* ra = rotl64(rs, sh) inserted under MASK */
    {M_MDS, PPC_MDS(8), "rldcl", trans_rldcl},   /* ra = rotl64(rs, rb) & MASK(mb, 63) */
    {M_MDS, PPC_MDS(9), "rldcr", trans_rldcr},   /* ra = rotl64(rs, rb) & MASK(0, me) */
    /* shifts */
    {M_X, PPC_X31(27), "sld", trans_sld},        /* ra = rs << rb[57:63], 0 if >= 64 */
    {M_X, PPC_X31(539), "srd", trans_srd},       /* ra = rs >> rb[57:63], 0 if >= 64 */
    {M_X, PPC_X31(794), "srad", trans_srad},     /* ra = rs >>s rb[57:63], CA */
    {M_XS, PPC_OP(31) | 413u << 2, "sradi", trans_sradi}, /* ra = rs >>s sh, CA */
    /* one operand */
    {M_X_RB0, PPC_X31(986), "extsw", trans_extsw},   /* ra = sign-extended word of rs */
    {M_X_RB0, PPC_X31(58), "cntlzd", trans_cntlzd},  /* ra = leading zeros of rs */
    {M_X_RB0, PPC_X31(570), "cnttzd", trans_cnttzd}, /* ra = trailing zeros of rs */
    {0xfc00ffffu, PPC_X31(506), "popcntd", trans_popcntd}, /* ra = ones in rs */
    {0xfc00ffffu, PPC_X31(186), "prtyd", trans_prtyd},     /* ra = parity of rs's byte low bits */
    {M_X_NORC, PPC_X31(252), "bpermd", trans_bpermd},      /* ra = bits of rb selected by rs's bytes */
    /* multiply and divide (XO form) */
    {M_XO, PPC_X31(233), "mulld", trans_mulld},         /* rt = low64(ra * rb) */
    {M_XO_NOOE, PPC_X31(73), "mulhd", trans_mulhd},     /* rt = high64(ra * rb), signed */
    {M_XO_NOOE, PPC_X31(9), "mulhdu", trans_mulhdu},    /* rt = high64(ra * rb), unsigned */
    {M_XO, PPC_X31(489), "divd", trans_divd},           /* rt = ra / rb, signed */
    {M_XO, PPC_X31(457), "divdu", trans_divdu},         /* rt = ra / rb, unsigned */
    {M_XO, PPC_X31(425), "divde", trans_divde},         /* rt = (ra || 0^64) / rb, signed */
    {M_XO, PPC_X31(393), "divdeu", trans_divdeu},       /* rt = (ra || 0^64) / rb, unsigned */
    /* ISA 3.0 modulo (X form, no Rc) */
    {M_X_NORC, PPC_X31(779), "modsw", trans_modsw},     /* rt = ra % rb, signed words */
    {M_X_NORC, PPC_X31(267), "moduw", trans_moduw},     /* rt = ra % rb, unsigned words */
    {M_X_NORC, PPC_X31(777), "modsd", trans_modsd},     /* rt = ra % rb, signed */
    {M_X_NORC, PPC_X31(265), "modud", trans_modud},     /* rt = ra % rb, unsigned */
    {0, 0, NULL, NULL},
};
