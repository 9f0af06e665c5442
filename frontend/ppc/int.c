/* frontend/ppc/int.c — PowerPC fixed-point instructions that exist in both
 * 32- and 64-bit mode: arithmetic with XER[CA/OV/SO] and CR0, logical,
 * rotate and shift, compares, the CR logical ops and moves, isel, and the
 * user SPRs (LR, CTR, XER, TB). Values are of the GPR type (ctx->gty): in
 * 64-bit mode carries, overflow and CR0 come from the 64-bit result, and
 * the word forms (mullw, divw, slw, rlwinm, cntlzw...) work on the low
 * word as the ISA says. The 64-bit-only forms are in int64.c.
 * One handler per form, on a few generators: gen_add (every add/subtract
 * form), ppc_gen_ov (OE=1), ppc_gen_cr0 and ppc_gen_result (Rc=1),
 * ppc_gen_cmp (compare into a field).
 */
#include "backend/exec.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/gen.h"

/* Encodings: primary opcode 31 plus an extended opcode at bits 21..30
 * (X form) or 22..30 (XO form, OE at bit 21); Rc is bit 31. */
#define PPC_OP(op) ((uint32_t)(op) << 26)
#define PPC_X31(xo) (PPC_OP(31) | (uint32_t)(xo) << 1)
#define PPC_X19(xo) (PPC_OP(19) | (uint32_t)(xo) << 1)
#define M_D 0xfc000000u       /* primary opcode only */
#define M_XO 0xfc0003feu      /* OE and Rc free */
#define M_XO_RB0 0xfc00fbfeu  /* OE and Rc free, RB must be 0 */
#define M_XO_NOOE 0xfc0007feu /* Rc free, bit 21 reserved */
#define M_X 0xfc0007feu       /* Rc free */
#define M_X_RB0 0xfc00fffeu   /* Rc free, RB must be 0 */

static IrTemp xer_ld(PpcCtx *ctx, uint32_t off) { return ir_ld_env(ctx->ir, IR_I32, off); }
static void xer_st(PpcCtx *ctx, uint32_t off, IrTemp v) { ir_st_env(ctx->ir, IR_I32, off, v); }

/* ---- flag generators ------------------------------------------------- */

/* CR[field] = LT/GT/EQ of a against b (signed or unsigned; i32 or i64),
 * SO from XER. Exactly one of LT (8), GT (4), EQ (2) holds: two selects
 * on the one compare pick it (two conditional moves on the host's flags),
 * in the operands' type, then the low word. A branch on the field in this
 * block tests a and b themselves (ppc_cr_compare), so the store is all
 * that is left of it when no later instruction reads the field. */
void ppc_gen_cmp(PpcCtx *ctx, unsigned field, IrTemp a, IrTemp b, bool is_signed)
{
    IrBlock *ir = ctx->ir;
    IrType t = ir_temp_type(ir, a);
    IrTemp not_lt = ir_movcond(ir, is_signed ? IR_GT : IR_GTU, a, b, ir_const(ir, t, 4), ir_const(ir, t, 2));
    IrTemp v = ir_movcond(ir, is_signed ? IR_LT : IR_LTU, a, b, ir_const(ir, t, 8), not_lt);
    if (t == IR_I64)
        v = ir_trunc_i64(ir, v);
    ppc_set_cr(ctx, field, ir_or(ir, v, xer_ld(ctx, PPC_OFF(xer_so))));
    ctx->cr_cmp[field] = (struct PpcCrCompare){.a = a, .b = b, .is_signed = is_signed, .after = ir->ninsns};
}

/* CR0 compares the whole result with 0: 64 bits in 64-bit mode. */
void ppc_gen_cr0(PpcCtx *ctx, IrTemp result)
{
    ppc_gen_cmp(ctx, 0, result, ir_const(ctx->ir, ir_temp_type(ctx->ir, result), 0), true);
}

/* OE=1: XER[OV] = ov (i32 0/1), XER[SO] |= ov. */
void ppc_gen_ov(PpcCtx *ctx, IrTemp ov)
{
    xer_st(ctx, PPC_OFF(xer_ov), ov);
    xer_st(ctx, PPC_OFF(xer_so), ir_or(ctx->ir, xer_ld(ctx, PPC_OFF(xer_so)), ov));
}

/* Write rt and, when Rc=1 in the encoding, CR0 from it. */
void ppc_gen_result(PpcCtx *ctx, unsigned rt, IrTemp r, bool rc)
{
    ppc_set_gpr(ctx, rt, r);
    if (rc)
        ppc_gen_cr0(ctx, r);
}

/* The carry-in of an add or subtract form: none (add: RA + b), one
 * (subtract: ~RA + b + 1 = b - RA) or XER[CA] (the extended forms). */
typedef enum { CIN_0, CIN_1, CIN_CA } AddCin;

/* rt = a + b + cin, for every add and subtract form: a is RA, or ~RA for
 * the subtract forms (not_ra). With a constant carry-in the sum is a plain
 * add or subtract and CA (set_ca) a compare; only the extended forms need
 * the IR's add-with-carry. oe: XER[OV] = signed overflow. */
static void gen_add(PpcCtx *ctx, unsigned rt, IrTemp ra, bool not_ra, IrTemp b, AddCin cin, bool set_ca,
                    bool oe, bool rc)
{
    IrBlock *ir = ctx->ir;
    IrTemp a = not_ra ? ir_not(ir, ra) : ra;
    IrTemp r, ca = 0;
    if (cin == CIN_1) {
        r = ir_sub(ir, b, ra);
        if (set_ca) /* no borrow */
            ca = ir_setcond(ir, IR_GEU, b, ra);
    } else if (cin == CIN_0) {
        r = ir_add(ir, a, b);
        if (set_ca) /* a carry out wraps the sum below a */
            ca = ir_setcond(ir, IR_LTU, r, a);
    } else {
        r = ir_addc(ir, a, b, ppc_from_i32(ctx, xer_ld(ctx, PPC_OFF(xer_ca)), false), &ca);
    }
    if (set_ca)
        xer_st(ctx, PPC_OFF(xer_ca), ppc_to_i32(ctx, ca));
    if (oe) {
        /* overflow: a and b of one sign, the result of the other */
        IrTemp t = ir_and(ir, ir_xor(ir, a, r), ir_xor(ir, b, r));
        ppc_gen_ov(ctx, ppc_to_i32(ctx, ir_shri(ir, t, ir_type_bits(ctx->gty) - 1)));
    }
    ppc_gen_result(ctx, rt, r, rc);
}

/* ---- XO-form add/subtract --------------------------------------------- */

typedef enum { SRC_RB, SRC_ZERO, SRC_ONES } AddB;

static bool gen_add_xo(PpcCtx *ctx, bool not_ra, AddB bsrc, AddCin cin, bool set_ca)
{
    uint32_t i = ctx->insn;
    IrTemp b = bsrc == SRC_RB ? ppc_gpr(ctx, ppc_rb(i)) : ppc_imm(ctx, bsrc == SRC_ONES ? -1 : 0);
    gen_add(ctx, ppc_rt(i), ppc_gpr(ctx, ppc_ra(i)), not_ra, b, cin, set_ca, ppc_oe(i), ppc_rc(i));
    return true;
}

static bool trans_add(PpcCtx *c) { return gen_add_xo(c, false, SRC_RB, CIN_0, false); }
static bool trans_addc(PpcCtx *c) { return gen_add_xo(c, false, SRC_RB, CIN_0, true); }
static bool trans_adde(PpcCtx *c) { return gen_add_xo(c, false, SRC_RB, CIN_CA, true); }
static bool trans_addme(PpcCtx *c) { return gen_add_xo(c, false, SRC_ONES, CIN_CA, true); }
static bool trans_addze(PpcCtx *c) { return gen_add_xo(c, false, SRC_ZERO, CIN_CA, true); }
static bool trans_subf(PpcCtx *c) { return gen_add_xo(c, true, SRC_RB, CIN_1, false); }
static bool trans_subfc(PpcCtx *c) { return gen_add_xo(c, true, SRC_RB, CIN_1, true); }
static bool trans_subfe(PpcCtx *c) { return gen_add_xo(c, true, SRC_RB, CIN_CA, true); }
static bool trans_subfme(PpcCtx *c) { return gen_add_xo(c, true, SRC_ONES, CIN_CA, true); }
static bool trans_subfze(PpcCtx *c) { return gen_add_xo(c, true, SRC_ZERO, CIN_CA, true); }
static bool trans_neg(PpcCtx *c) { return gen_add_xo(c, true, SRC_ZERO, CIN_1, false); }

/* ---- D-form arithmetic ------------------------------------------------ */

static bool trans_addi(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    IrTemp r = ir_addi(ctx->ir, ppc_ra_or_zero(ctx), (uint64_t)(int64_t)ppc_d(i));
    ppc_set_gpr(ctx, ppc_rt(i), r);
    return true;
}

static bool trans_addis(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    IrTemp r = ir_addi(ctx->ir, ppc_ra_or_zero(ctx), (uint64_t)((int64_t)ppc_d(i) * 65536));
    ppc_set_gpr(ctx, ppc_rt(i), r);
    return true;
}

static bool gen_addic(PpcCtx *ctx, bool rc)
{
    uint32_t i = ctx->insn;
    gen_add(ctx, ppc_rt(i), ppc_gpr(ctx, ppc_ra(i)), false, ppc_imm(ctx, ppc_d(i)), CIN_0, true, false, rc);
    return true;
}

static bool trans_addic(PpcCtx *c) { return gen_addic(c, false); }
static bool trans_addic_rc(PpcCtx *c) { return gen_addic(c, true); }

static bool trans_subfic(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    gen_add(ctx, ppc_rt(i), ppc_gpr(ctx, ppc_ra(i)), true, ppc_imm(ctx, ppc_d(i)), CIN_1, true, false, false);
    return true;
}

static bool trans_mulli(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    IrTemp r = ir_op2(ctx->ir, IR_OP_mul, ppc_gpr(ctx, ppc_ra(i)), ppc_imm(ctx, ppc_d(i)));
    ppc_set_gpr(ctx, ppc_rt(i), r);
    return true;
}

/* ---- multiply and divide ---------------------------------------------- */

/* mullw: the product of the low words; in 64-bit mode RT gets all 64 bits
 * of the signed product. OV: the product does not fit in 32 bits. */
static bool trans_mullw(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp a = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_ra(i)));
    IrTemp b = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rb(i)));
    IrTemp p = 0, r;
    if (ctx->sf || ppc_oe(i))
        p = ir_op2(ir, IR_OP_mul, ir_ext_i32s(ir, a), ir_ext_i32s(ir, b));
    r = ctx->sf ? p : ir_op2(ir, IR_OP_mul, a, b);
    if (ppc_oe(i)) {
        IrTemp ov = ir_setcond(ir, IR_NE, p, ir_op1(ir, IR_OP_sext32, p));
        ppc_gen_ov(ctx, ir_trunc_i64(ir, ov));
    }
    ppc_gen_result(ctx, ppc_rt(i), r, ppc_rc(i));
    return true;
}

/* mulhw/mulhwu: the high word of the product of the low words (in 64-bit
 * mode the high half of RT is undefined: zero here, as QEMU leaves it). */
static bool gen_mulh(PpcCtx *ctx, IrOpcode op)
{
    uint32_t i = ctx->insn;
    IrTemp r = ir_op2(ctx->ir, op, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_ra(i))),
                      ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rb(i))));
    ppc_gen_result(ctx, ppc_rt(i), ppc_from_i32(ctx, r, false), ppc_rc(i));
    return true;
}

static bool trans_mulhw(PpcCtx *c) { return gen_mulh(c, IR_OP_mulhs); }
static bool trans_mulhwu(PpcCtx *c) { return gen_mulh(c, IR_OP_mulhu); }

/* divw/divwu on the low words. The quotient of an undefined division is
 * the IR's (0, or MIN for MIN / -1); OE=1 reports it in OV. In 64-bit
 * mode the high half of RT is undefined: divw sign-extends, divwu
 * zero-extends (as QEMU does). */
static bool gen_div(PpcCtx *ctx, bool is_signed)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp a = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_ra(i)));
    IrTemp b = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rb(i)));
    IrTemp r = ir_op2(ir, is_signed ? IR_OP_divs : IR_OP_divu, a, b);
    if (ppc_oe(i)) {
        IrTemp ov = ir_setcond(ir, IR_EQ, b, ir_const32(ir, 0));
        if (is_signed) {
            IrTemp min = ir_setcond(ir, IR_EQ, a, ir_const32(ir, 0x80000000u));
            IrTemp m1 = ir_setcond(ir, IR_EQ, b, ir_const32(ir, 0xffffffffu));
            ov = ir_or(ir, ov, ir_and(ir, min, m1));
        }
        ppc_gen_ov(ctx, ov);
    }
    ppc_gen_result(ctx, ppc_rt(i), ppc_from_i32(ctx, r, is_signed), ppc_rc(i));
    return true;
}

static bool trans_divw(PpcCtx *c) { return gen_div(c, true); }
static bool trans_divwu(PpcCtx *c) { return gen_div(c, false); }

/* ---- logical ------------------------------------------------------------ */

/* X form: ra = rs OP rb, optionally inverted; Rc=1 sets CR0. */
static bool gen_logic(PpcCtx *ctx, IrOpcode op, bool invert)
{
    uint32_t i = ctx->insn;
    IrTemp rs = ppc_gpr(ctx, ppc_rs(i));
    /* mr (or rA,rS,rS) is the commonest form: no op needed */
    bool is_mr = op == IR_OP_or && ppc_rs(i) == ppc_rb(i);
    IrTemp r = is_mr ? rs : ir_op2(ctx->ir, op, rs, ppc_gpr(ctx, ppc_rb(i)));
    if (invert)
        r = ir_not(ctx->ir, r);
    ppc_gen_result(ctx, ppc_ra(i), r, ppc_rc(i));
    return true;
}

static bool trans_and(PpcCtx *c) { return gen_logic(c, IR_OP_and, false); }
static bool trans_andc(PpcCtx *c) { return gen_logic(c, IR_OP_andc, false); }
static bool trans_or(PpcCtx *c) { return gen_logic(c, IR_OP_or, false); }
static bool trans_orc(PpcCtx *c) { return gen_logic(c, IR_OP_orc, false); }
static bool trans_xor(PpcCtx *c) { return gen_logic(c, IR_OP_xor, false); }
static bool trans_nand(PpcCtx *c) { return gen_logic(c, IR_OP_and, true); }
static bool trans_nor(PpcCtx *c) { return gen_logic(c, IR_OP_or, true); }
static bool trans_eqv(PpcCtx *c) { return gen_logic(c, IR_OP_xor, true); }

/* D form: ra = rs OP uimm (shifted, never sign-extended); andi./andis.
 * always set CR0. */
static bool gen_logic_imm(PpcCtx *ctx, IrOpcode op, unsigned shift, bool rc)
{
    uint32_t i = ctx->insn;
    IrTemp r = ir_opi(ctx->ir, op, ppc_gpr(ctx, ppc_rs(i)), (uint64_t)ppc_ui(i) << shift);
    ppc_gen_result(ctx, ppc_ra(i), r, rc);
    return true;
}

static bool trans_ori(PpcCtx *c) { return gen_logic_imm(c, IR_OP_or, 0, false); }
static bool trans_oris(PpcCtx *c) { return gen_logic_imm(c, IR_OP_or, 16, false); }
static bool trans_xori(PpcCtx *c) { return gen_logic_imm(c, IR_OP_xor, 0, false); }
static bool trans_xoris(PpcCtx *c) { return gen_logic_imm(c, IR_OP_xor, 16, false); }
static bool trans_andi(PpcCtx *c) { return gen_logic_imm(c, IR_OP_and, 0, true); }
static bool trans_andis(PpcCtx *c) { return gen_logic_imm(c, IR_OP_and, 16, true); }

/* ra = OP(rs) for the one-operand X forms. */
static bool gen_unary(PpcCtx *ctx, IrOpcode op)
{
    uint32_t i = ctx->insn;
    IrTemp r = ir_op1(ctx->ir, op, ppc_gpr(ctx, ppc_rs(i)));
    ppc_gen_result(ctx, ppc_ra(i), r, ppc_rc(i));
    return true;
}

/* ra = OP(low word of rs), zero-extended: the word forms in 64-bit mode. */
static bool gen_unary_word(PpcCtx *ctx, IrOpcode op)
{
    uint32_t i = ctx->insn;
    IrTemp r = ir_op1(ctx->ir, op, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rs(i))));
    ppc_gen_result(ctx, ppc_ra(i), ppc_from_i32(ctx, r, false), ppc_rc(i));
    return true;
}

static bool trans_extsb(PpcCtx *c) { return gen_unary(c, IR_OP_sext8); }
static bool trans_extsh(PpcCtx *c) { return gen_unary(c, IR_OP_sext16); }
static bool trans_cntlzw(PpcCtx *c) { return gen_unary_word(c, IR_OP_clz); }
static bool trans_cnttzw(PpcCtx *c) { return gen_unary_word(c, IR_OP_ctz); }

/* popcntb: each byte of ra = the number of ones in that byte of rs. */
static bool trans_popcntb(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp x = ppc_gpr(ctx, ppc_rs(ctx->insn));
    const uint64_t m1 = 0x5555555555555555ull, m2 = 0x3333333333333333ull,
                   m4 = 0x0f0f0f0f0f0f0f0full;
    x = ir_sub(ir, x, ir_andi(ir, ir_shri(ir, x, 1), m1));
    x = ir_add(ir, ir_andi(ir, x, m2), ir_andi(ir, ir_shri(ir, x, 2), m2));
    x = ir_andi(ir, ir_add(ir, x, ir_shri(ir, x, 4)), m4);
    ppc_set_gpr(ctx, ppc_ra(ctx->insn), x);
    return true;
}

/* prtyw: bit 63 of each word of ra = the parity of the low bits of that
 * word's four bytes of rs; the rest of ra is zero. The two xor-folds
 * never carry a bit across the word boundary into the bits kept. */
static bool trans_prtyw(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp x = ir_andi(ir, ppc_gpr(ctx, ppc_rs(ctx->insn)), 0x0101010101010101ull);
    x = ir_xor(ir, x, ir_shri(ir, x, 16));
    x = ir_xor(ir, x, ir_shri(ir, x, 8));
    ppc_set_gpr(ctx, ppc_ra(ctx->insn), ir_andi(ir, x, 0x0000000100000001ull));
    return true;
}

/* popcntw: each word of ra = the number of ones in that word of rs. */
static bool trans_popcntw(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp rs = ppc_gpr(ctx, ppc_rs(i));
    IrTemp r = ir_op1(ir, IR_OP_popcnt, ppc_to_i32(ctx, rs));
    if (ctx->sf) {
        IrTemp hi = ir_op1(ir, IR_OP_popcnt, ir_trunc_i64(ir, ir_shri(ir, rs, 32)));
        r = ir_or(ir, ir_ext_i32u(ir, r), ir_shli(ir, ir_ext_i32u(ir, hi), 32));
    }
    ppc_set_gpr(ctx, ppc_ra(i), r);
    return true;
}

/* cmpb: each byte of ra = 0xff where the bytes of rs and rb are equal,
 * else 0 (a byte of x = rs ^ rb is nonzero iff bit 7 of
 * ((x & 0x7f..) + 0x7f..) | x is set; no carry crosses bytes). */
static bool trans_cmpb(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    const uint64_t low7 = 0x7f7f7f7f7f7f7f7full, ones = 0x0101010101010101ull;
    IrTemp x = ir_xor(ir, ppc_gpr(ctx, ppc_rs(i)), ppc_gpr(ctx, ppc_rb(i)));
    IrTemp y = ir_or(ir, ir_addi(ir, ir_andi(ir, x, low7), low7), x);
    IrTemp nz = ir_andi(ir, ir_shri(ir, y, 7), ones);
    IrTemp r = ir_not(ir, ir_op2(ir, IR_OP_mul, nz, ppc_imm(ctx, 0xff)));
    ppc_set_gpr(ctx, ppc_ra(i), r);
    return true;
}

/* ---- rotate and shift --------------------------------------------------- */

/* MASK(mb, me) over width bits (gen.h). */
uint64_t ppc_mask(unsigned width, unsigned mb, unsigned me)
{
    uint64_t ones = width == 64 ? ~0ull : 0xffffffffull;
    uint64_t from_mb = ones >> mb, to_me = (ones << (width - 1 - me)) & ones;
    return mb <= me ? (from_mb & to_me) : (from_mb | to_me);
}

/* rotl(v, sh) & MASK(mb, me), over v's width. A mask that does not wrap
 * selects one field: of bits [from, from + len) of v, moved to bit pos.
 * Where that field does not wrap around v either, it is a shift (slwi,
 * srwi, sldi, srdi) or an extract and a shift (clrlwi, clrldi, clrlsldi,
 * extrwi...); only the rest need the rotate and the mask. */
IrTemp ppc_gen_rotl_mask(PpcCtx *ctx, IrTemp v, unsigned sh, unsigned mb, unsigned me)
{
    IrBlock *ir = ctx->ir;
    unsigned width = ir_type_bits(ir_temp_type(ir, v));
    if (mb <= me) {
        unsigned len = me - mb + 1, pos = width - 1 - me, from = (pos - sh) & (width - 1);
        if (pos == 0 && from + len == width)
            return from ? ir_shri(ir, v, from) : v;
        if (from == 0 && pos + len == width)
            return ir_shli(ir, v, pos);
        if (from + len <= width) {
            IrTemp field = ir_extract(ir, v, from, len);
            return pos ? ir_shli(ir, field, pos) : field;
        }
    }
    IrTemp r = sh ? ir_opi(ir, IR_OP_rotl, v, sh) : v;
    uint64_t m = ppc_mask(width, mb, me);
    return m == ppc_mask(width, 0, width - 1) ? r : ir_andi(ir, r, m);
}

static unsigned ppc_sh(uint32_t i) { return (i >> 11) & 31; }
static unsigned ppc_mb(uint32_t i) { return (i >> 6) & 31; }
static unsigned ppc_me(uint32_t i) { return (i >> 1) & 31; }

static IrTemp gen_rotl_imm(PpcCtx *ctx, IrTemp v, unsigned sh)
{
    return sh ? ir_opi(ctx->ir, IR_OP_rotl, v, sh) : v;
}

/* The 32-bit rotate forms: r32 = the low word of rs rotated. In 64-bit
 * mode the rotated word is in both halves (ROTL32 rotates rs[32:63] ||
 * rs[32:63]) and the mask is MASK(mb + 32, me + 32): with mb <= me it
 * selects bits of the low word only, else the whole high word too. */
static IrTemp gen_rotw_masked(PpcCtx *ctx, IrTemp r32, unsigned mb, unsigned me)
{
    IrBlock *ir = ctx->ir;
    if (!ctx->sf)
        return ir_andi(ir, r32, ppc_mask(32, mb, me));
    if (mb <= me)
        return ir_ext_i32u(ir, ir_andi(ir, r32, ppc_mask(32, mb, me)));
    IrTemp lo = ir_ext_i32u(ir, r32);
    IrTemp both = ir_or(ir, lo, ir_shli(ir, lo, 32));
    return ir_andi(ir, both, 0xffffffff00000000ull | ppc_mask(32, mb, me));
}

/* rlwinm: a wrapping mask in 64-bit mode takes the high word too (above);
 * every other one is a 32-bit rotate-and-mask, zero-extended. */
static bool trans_rlwinm(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned sh = ppc_sh(i), mb = ppc_mb(i), me = ppc_me(i);
    IrTemp rs = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rs(i)));
    IrTemp r = ctx->sf && mb > me ? gen_rotw_masked(ctx, gen_rotl_imm(ctx, rs, sh), mb, me)
                                  : ppc_from_i32(ctx, ppc_gen_rotl_mask(ctx, rs, sh, mb, me), false);
    ppc_gen_result(ctx, ppc_ra(i), r, ppc_rc(i));
    return true;
}

static bool trans_rlwnm(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    IrTemp r = ir_op2(ctx->ir, IR_OP_rotl, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rs(i))),
                      ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rb(i))));
    ppc_gen_result(ctx, ppc_ra(i), gen_rotw_masked(ctx, r, ppc_mb(i), ppc_me(i)), ppc_rc(i));
    return true;
}

static bool trans_rlwimi(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    unsigned mb = ppc_mb(i), me = ppc_me(i);
    uint64_t m = ppc_mask(32, mb, me);
    if (ctx->sf && mb > me)
        m |= 0xffffffff00000000ull;
    IrTemp r = gen_rotl_imm(ctx, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rs(i))), ppc_sh(i));
    if (ctx->sf) {
        IrTemp lo = ir_ext_i32u(ir, r);
        r = mb > me ? ir_or(ir, lo, ir_shli(ir, lo, 32)) : lo;
    }
    r = ir_or(ir, ir_andi(ir, r, m), ir_andi(ir, ppc_gpr(ctx, ppc_ra(i)), ~m));
    ppc_gen_result(ctx, ppc_ra(i), r, ppc_rc(i));
    return true;
}

/* slw/srw/sraw take a 6-bit count; done at 64 bits, counts 32..63 shift
 * every bit out (slw/srw give 0, sraw gives the sign). */
static IrTemp gen_shift_count(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    return ir_ext_i32u(ir, ir_andi(ir, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rb(ctx->insn))), 63));
}

/* The word result: zero-extended in 64-bit mode. */
static bool gen_shift(PpcCtx *ctx, IrOpcode op)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp v = ir_ext_i32u(ir, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rs(i))));
    IrTemp r = ir_trunc_i64(ir, ir_op2(ir, op, v, gen_shift_count(ctx)));
    ppc_gen_result(ctx, ppc_ra(i), ppc_from_i32(ctx, r, false), ppc_rc(i));
    return true;
}

static bool trans_slw(PpcCtx *c) { return gen_shift(c, IR_OP_shl); }
static bool trans_srw(PpcCtx *c) { return gen_shift(c, IR_OP_shr); }

/* sraw: CA = negative source and a 1-bit shifted out; in 64-bit mode the
 * result is sign-extended (the 64-bit shift of the extended word). */
static bool trans_sraw(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp s = ir_ext_i32s(ir, ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rs(i))));
    IrTemp n = gen_shift_count(ctx);
    IrTemp r = ir_sar(ir, s, n);
    IrTemp lost = ir_setcond(ir, IR_NE, s, ir_shl(ir, r, n));
    IrTemp neg = ir_setcond(ir, IR_LT, s, ir_const64(ir, 0));
    xer_st(ctx, PPC_OFF(xer_ca), ir_trunc_i64(ir, ir_and(ir, lost, neg)));
    ppc_gen_result(ctx, ppc_ra(i), ctx->sf ? r : ir_trunc_i64(ir, r), ppc_rc(i));
    return true;
}

static bool trans_srawi(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    unsigned sh = ppc_sh(i);
    IrTemp s = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rs(i)));
    IrTemp r = sh ? ir_sari(ir, s, sh) : s;
    IrTemp ca;
    if (sh) {
        IrTemp lost = ir_setcond(ir, IR_NE, ir_andi(ir, s, (1u << sh) - 1), ir_const32(ir, 0));
        IrTemp neg = ir_setcond(ir, IR_LT, s, ir_const32(ir, 0));
        ca = ir_and(ir, lost, neg);
    } else {
        ca = ir_const32(ir, 0);
    }
    xer_st(ctx, PPC_OFF(xer_ca), ca);
    ppc_gen_result(ctx, ppc_ra(i), ppc_from_i32(ctx, r, true), ppc_rc(i));
    return true;
}

/* ---- compares ----------------------------------------------------------- */

/* L (bit 10) = 1 compares doublewords: 64-bit implementations only. L = 0
 * compares the low words, sign- or zero-extended. */
static bool ppc_cmp_l(uint32_t i) { return (i >> 21) & 1; }

static bool gen_cmp_regs(PpcCtx *ctx, IrTemp a, IrTemp b, bool is_signed)
{
    uint32_t i = ctx->insn;
    bool dword = ppc_cmp_l(i);
    if (dword && !ctx->sf)
        return false;
    if (!dword) {
        a = ppc_to_i32(ctx, a);
        b = ppc_to_i32(ctx, b);
    }
    ppc_gen_cmp(ctx, ppc_crfd(i), a, b, is_signed);
    return true;
}

static bool trans_cmp(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    return gen_cmp_regs(ctx, ppc_gpr(ctx, ppc_ra(i)), ppc_gpr(ctx, ppc_rb(i)), true);
}

static bool trans_cmpl(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    return gen_cmp_regs(ctx, ppc_gpr(ctx, ppc_ra(i)), ppc_gpr(ctx, ppc_rb(i)), false);
}

static bool trans_cmpi(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    return gen_cmp_regs(ctx, ppc_gpr(ctx, ppc_ra(i)), ppc_imm(ctx, ppc_d(i)), true);
}

static bool trans_cmpli(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    return gen_cmp_regs(ctx, ppc_gpr(ctx, ppc_ra(i)), ppc_imm(ctx, ppc_ui(i)), false);
}

/* ---- condition register ------------------------------------------------- */

/* CR bit b (0 = CR0[LT]) as i32 0/1. */
static IrTemp gen_cr_bit(PpcCtx *ctx, unsigned b)
{
    return ir_extract(ctx->ir, ppc_get_cr(ctx, b >> 2), 3 - (b & 3), 1);
}

/* crOP bt, ba, bb: CR[bt] = ba OP bb, optionally inverted. */
static bool gen_crlogic(PpcCtx *ctx, IrOpcode op, bool invert)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    unsigned bt = ppc_rt(i), ba = ppc_ra(i), bb = ppc_rb(i);
    IrTemp v = ir_op2(ir, op, gen_cr_bit(ctx, ba), gen_cr_bit(ctx, bb));
    if (invert)
        v = ir_not(ir, v);
    IrTemp f = ppc_get_cr(ctx, bt >> 2);
    ppc_set_cr(ctx, bt >> 2, ir_deposit(ir, f, v, 3 - (bt & 3), 1));
    return true;
}

static bool trans_crand(PpcCtx *c) { return gen_crlogic(c, IR_OP_and, false); }
static bool trans_cror(PpcCtx *c) { return gen_crlogic(c, IR_OP_or, false); }
static bool trans_crxor(PpcCtx *c) { return gen_crlogic(c, IR_OP_xor, false); }
static bool trans_crnand(PpcCtx *c) { return gen_crlogic(c, IR_OP_and, true); }
static bool trans_crnor(PpcCtx *c) { return gen_crlogic(c, IR_OP_or, true); }
static bool trans_creqv(PpcCtx *c) { return gen_crlogic(c, IR_OP_xor, true); }
static bool trans_crandc(PpcCtx *c) { return gen_crlogic(c, IR_OP_andc, false); }
static bool trans_crorc(PpcCtx *c) { return gen_crlogic(c, IR_OP_orc, false); }

static bool trans_mcrf(PpcCtx *ctx)
{
    ppc_set_cr(ctx, ppc_crfd(ctx->insn), ppc_get_cr(ctx, ppc_crfs(ctx->insn)));
    return true;
}

/* mcrxr: CR[bf] = SO OV CA 0, then those XER bits are cleared. */
static bool trans_mcrxr(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp v = ir_or(ir, ir_shli(ir, xer_ld(ctx, PPC_OFF(xer_so)), 3),
                     ir_shli(ir, xer_ld(ctx, PPC_OFF(xer_ov)), 2));
    v = ir_or(ir, v, ir_shli(ir, xer_ld(ctx, PPC_OFF(xer_ca)), 1));
    ppc_set_cr(ctx, ppc_crfd(ctx->insn), v);
    IrTemp zero = ir_const32(ir, 0);
    xer_st(ctx, PPC_OFF(xer_so), zero);
    xer_st(ctx, PPC_OFF(xer_ov), zero);
    xer_st(ctx, PPC_OFF(xer_ca), zero);
    return true;
}

/* The 32-bit CR assembled from its eight fields. */
static IrTemp gen_read_cr(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp v = ppc_get_cr(ctx, 7);
    for (unsigned f = 0; f < 7; f++)
        v = ir_or(ir, v, ir_shli(ir, ppc_get_cr(ctx, f), 28 - 4 * f));
    return v;
}

/* mfcr: the whole CR. */
static bool trans_mfcr(PpcCtx *ctx)
{
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), ppc_from_i32(ctx, gen_read_cr(ctx), false));
    return true;
}

/* mfocrf: the one field FXM names, in its place; the other fields are
 * undefined: 0 here, as QEMU leaves them. An FXM of not exactly one bit
 * is invalid: the whole CR then. */
static bool trans_mfocrf(PpcCtx *ctx)
{
    unsigned fxm = (ctx->insn >> 12) & 0xff;
    if (fxm == 0 || (fxm & (fxm - 1)))
        return trans_mfcr(ctx);
    unsigned f = (unsigned)__builtin_clz(fxm) - 24;
    IrTemp v = ppc_get_cr(ctx, f);
    if (f != 7)
        v = ir_shli(ctx->ir, v, 28 - 4 * f);
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), ppc_from_i32(ctx, v, false));
    return true;
}

/* mtcrf and mtocrf: the fields selected by FXM (0x80 = CR0) from rs. */
static bool trans_mtcrf(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned fxm = (i >> 12) & 0xff;
    IrTemp rs = ppc_to_i32(ctx, ppc_gpr(ctx, ppc_rs(i)));
    for (unsigned f = 0; f < 8; f++) {
        if (fxm & (0x80u >> f))
            ppc_set_cr(ctx, f, ir_extract(ctx->ir, rs, 28 - 4 * f, 4));
    }
    return true;
}

/* isel rt, ra|0, rb, bc: rt = CR[bc] ? (ra|0) : rb. */
static bool trans_isel(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp bit = ppc_from_i32(ctx, gen_cr_bit(ctx, ppc_rc_field(i)), false);
    IrTemp r = ir_movcond(ir, IR_NE, bit, ppc_imm(ctx, 0), ppc_ra_or_zero(ctx),
                          ppc_gpr(ctx, ppc_rb(i)));
    ppc_set_gpr(ctx, ppc_rt(i), r);
    return true;
}

/* ---- special purpose registers ------------------------------------------ */

enum { SPR_XER = 1, SPR_LR = 8, SPR_CTR = 9, SPR_TBL = 268, SPR_TBU = 269 };

/* The SPR number: its two 5-bit halves are swapped in the encoding. */
static unsigned ppc_spr(uint32_t i)
{
    return ((i >> 16) & 31) | ((i >> 11) & 31) << 5;
}

static IrTemp gen_read_xer(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp v = ir_or(ir, ir_shli(ir, xer_ld(ctx, PPC_OFF(xer_so)), 31),
                     ir_shli(ir, xer_ld(ctx, PPC_OFF(xer_ov)), 30));
    v = ir_or(ir, v, ir_shli(ir, xer_ld(ctx, PPC_OFF(xer_ca)), 29));
    return ir_or(ir, v, xer_ld(ctx, PPC_OFF(xer_bc)));
}

static void gen_write_xer(PpcCtx *ctx, IrTemp v)
{
    IrBlock *ir = ctx->ir;
    xer_st(ctx, PPC_OFF(xer_so), ir_extract(ir, v, 31, 1));
    xer_st(ctx, PPC_OFF(xer_ov), ir_extract(ir, v, 30, 1));
    xer_st(ctx, PPC_OFF(xer_ca), ir_extract(ir, v, 29, 1));
    xer_st(ctx, PPC_OFF(xer_bc), ir_andi(ir, v, 0x7f));
}

/* The time base as a GPR value: TBU, or TBL (in 64-bit mode, the whole
 * 64-bit TB, as mftb/mfspr 268 read it there). */
static IrTemp gen_read_tb(PpcCtx *ctx, bool upper)
{
    if (ctx->sf && !upper)
        return ir_call(ctx->ir, &ppc_helper_mftb64, NULL);
    IrTemp arg = ir_const32(ctx->ir, upper);
    return ppc_from_i32(ctx, ir_call(ctx->ir, &ppc_helper_mftb, &arg), false);
}

bool ppc_trans_mfspr(PpcCtx *ctx)
{
    IrTemp v;
    switch (ppc_spr(ctx->insn)) {
    case SPR_XER: v = ppc_from_i32(ctx, gen_read_xer(ctx), false); break;
    case SPR_LR: v = ir_ld_env(ctx->ir, ctx->gty, PPC_OFF(lr)); break;
    case SPR_CTR: v = ir_ld_env(ctx->ir, ctx->gty, PPC_OFF(ctr)); break;
    case SPR_TBL: v = gen_read_tb(ctx, false); break;
    case SPR_TBU: v = gen_read_tb(ctx, true); break;
    case 256: /* VRSAVE (vector save mask, software use) */
        v = ppc_from_i32(ctx, ir_ld_env(ctx->ir, IR_I32, PPC_OFF(vrsave)), false);
        break;
    default: return false;
    }
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), v);
    return true;
}

bool ppc_trans_mtspr(PpcCtx *ctx)
{
    IrTemp v = ppc_gpr(ctx, ppc_rs(ctx->insn));
    switch (ppc_spr(ctx->insn)) {
    case SPR_XER: gen_write_xer(ctx, ppc_to_i32(ctx, v)); break;
    case SPR_LR: ir_st_env(ctx->ir, ctx->gty, PPC_OFF(lr), v); break;
    case SPR_CTR: ir_st_env(ctx->ir, ctx->gty, PPC_OFF(ctr), v); break;
    case 256: ir_st_env(ctx->ir, IR_I32, PPC_OFF(vrsave), ppc_to_i32(ctx, v)); break; /* VRSAVE */
    default: return false;
    }
    return true;
}

/* mftb rt, tbr: the time base (tbr 268 lower, 269 upper). */
static bool trans_mftb(PpcCtx *ctx)
{
    unsigned tbr = ppc_spr(ctx->insn);
    if (tbr != SPR_TBL && tbr != SPR_TBU)
        return false;
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), gen_read_tb(ctx, tbr == SPR_TBU));
    return true;
}

/* One row per form; the meaning is the manual's. */
const PpcInsnForm ppc_int_forms[] = {
    /* D-form arithmetic and logical */
    {M_D, PPC_OP(14), "addi", trans_addi},     /* rt = (ra|0) + simm */
    {M_D, PPC_OP(15), "addis", trans_addis},   /* rt = (ra|0) + simm << 16 */
    {M_D, PPC_OP(12), "addic", trans_addic},   /* rt = ra + simm, CA */
    {M_D, PPC_OP(13), "addic.", trans_addic_rc}, /* the same, CR0 */
    {M_D, PPC_OP(8), "subfic", trans_subfic},  /* rt = simm - ra, CA */
    {M_D, PPC_OP(7), "mulli", trans_mulli},    /* rt = low32(ra * simm) */
    {M_D, PPC_OP(24), "ori", trans_ori},       /* ra = rs | uimm */
    {M_D, PPC_OP(25), "oris", trans_oris},     /* ra = rs | uimm << 16 */
    {M_D, PPC_OP(26), "xori", trans_xori},     /* ra = rs ^ uimm */
    {M_D, PPC_OP(27), "xoris", trans_xoris},   /* ra = rs ^ uimm << 16 */
    {M_D, PPC_OP(28), "andi.", trans_andi},    /* ra = rs & uimm, CR0 */
    {M_D, PPC_OP(29), "andis.", trans_andis},  /* ra = rs & uimm << 16, CR0 */
    {0xfc400000u, PPC_OP(11), "cmpi", trans_cmpi},   /* CR[bf] = ra ? simm, signed (L: cmpdi) */
    {0xfc400000u, PPC_OP(10), "cmpli", trans_cmpli}, /* CR[bf] = ra ? uimm, unsigned (L: cmpldi) */
    /* rotates */
    {M_D, PPC_OP(21), "rlwinm", trans_rlwinm}, /* ra = rotl(rs, sh) & MASK(mb, me) */
    {M_D, PPC_OP(23), "rlwnm", trans_rlwnm},   /* ra = rotl(rs, rb) & MASK(mb, me) */
    {M_D, PPC_OP(20), "rlwimi", trans_rlwimi}, /* ra = rotl(rs, sh) inserted under MASK */
    /* XO-form add/subtract/multiply/divide (OE, Rc free) */
    {M_XO, PPC_X31(266), "add", trans_add},        /* rt = ra + rb */
    {M_XO, PPC_X31(10), "addc", trans_addc},       /* rt = ra + rb, CA */
    {M_XO, PPC_X31(138), "adde", trans_adde},      /* rt = ra + rb + CA, CA */
    {M_XO_RB0, PPC_X31(234), "addme", trans_addme}, /* rt = ra + CA - 1, CA */
    {M_XO_RB0, PPC_X31(202), "addze", trans_addze}, /* rt = ra + CA, CA */
    {M_XO, PPC_X31(40), "subf", trans_subf},       /* rt = rb - ra */
    {M_XO, PPC_X31(8), "subfc", trans_subfc},      /* rt = rb - ra, CA */
    {M_XO, PPC_X31(136), "subfe", trans_subfe},    /* rt = ~ra + rb + CA, CA */
    {M_XO_RB0, PPC_X31(232), "subfme", trans_subfme}, /* rt = ~ra + CA - 1, CA */
    {M_XO_RB0, PPC_X31(200), "subfze", trans_subfze}, /* rt = ~ra + CA, CA */
    {M_XO_RB0, PPC_X31(104), "neg", trans_neg},    /* rt = -ra */
    {M_XO, PPC_X31(235), "mullw", trans_mullw},    /* rt = low32(ra * rb) */
    {M_XO_NOOE, PPC_X31(75), "mulhw", trans_mulhw},   /* rt = high32(ra * rb), signed */
    {M_XO_NOOE, PPC_X31(11), "mulhwu", trans_mulhwu}, /* rt = high32(ra * rb), unsigned */
    {M_XO, PPC_X31(491), "divw", trans_divw},      /* rt = ra / rb, signed */
    {M_XO, PPC_X31(459), "divwu", trans_divwu},    /* rt = ra / rb, unsigned */
    /* X-form logical, shift, count (ra = f(rs, rb), Rc free) */
    {M_X, PPC_X31(28), "and", trans_and},          /* ra = rs & rb */
    {M_X, PPC_X31(60), "andc", trans_andc},        /* ra = rs & ~rb */
    {M_X, PPC_X31(444), "or", trans_or},           /* ra = rs | rb */
    {M_X, PPC_X31(412), "orc", trans_orc},         /* ra = rs | ~rb */
    {M_X, PPC_X31(316), "xor", trans_xor},         /* ra = rs ^ rb */
    {M_X, PPC_X31(476), "nand", trans_nand},       /* ra = ~(rs & rb) */
    {M_X, PPC_X31(124), "nor", trans_nor},         /* ra = ~(rs | rb) */
    {M_X, PPC_X31(284), "eqv", trans_eqv},         /* ra = ~(rs ^ rb) */
    {M_X, PPC_X31(24), "slw", trans_slw},          /* ra = rs << rb[58:63], 0 if >= 32 */
    {M_X, PPC_X31(536), "srw", trans_srw},         /* ra = rs >> rb[58:63], 0 if >= 32 */
    {M_X, PPC_X31(792), "sraw", trans_sraw},       /* ra = rs >>s rb[58:63], CA */
    {M_X, PPC_X31(824), "srawi", trans_srawi},     /* ra = rs >>s sh, CA */
    {M_X_RB0, PPC_X31(26), "cntlzw", trans_cntlzw},  /* ra = leading zeros of rs */
    {M_X_RB0, PPC_X31(954), "extsb", trans_extsb},   /* ra = sign-extended byte of rs */
    {M_X_RB0, PPC_X31(922), "extsh", trans_extsh},   /* ra = sign-extended half of rs */
    {0xfc00ffffu, PPC_X31(122), "popcntb", trans_popcntb}, /* per-byte population count */
    {0xfc00ffffu, PPC_X31(378), "popcntw", trans_popcntw}, /* per-word population count */
    {0xfc00ffffu, PPC_X31(154), "prtyw", trans_prtyw},     /* per-word parity of byte low bits */
    {M_X_RB0, PPC_X31(538), "cnttzw", trans_cnttzw},       /* ra = trailing zeros of rs (word) */
    {0xfc0007ffu, PPC_X31(508), "cmpb", trans_cmpb},       /* ra byte = 0xff where bytes equal */
    /* compares (L=1, the doubleword forms, in 64-bit mode only) */
    {0xfc4007ffu, PPC_X31(0), "cmp", trans_cmp},    /* CR[bf] = ra ? rb, signed */
    {0xfc4007ffu, PPC_X31(32), "cmpl", trans_cmpl}, /* CR[bf] = ra ? rb, unsigned */
    /* condition register */
    {0xfc0007ffu, PPC_X19(257), "crand", trans_crand},   /* CR[bt] = CR[ba] & CR[bb] */
    {0xfc0007ffu, PPC_X19(449), "cror", trans_cror},     /* CR[bt] = CR[ba] | CR[bb] */
    {0xfc0007ffu, PPC_X19(193), "crxor", trans_crxor},   /* CR[bt] = CR[ba] ^ CR[bb] */
    {0xfc0007ffu, PPC_X19(225), "crnand", trans_crnand}, /* CR[bt] = ~(CR[ba] & CR[bb]) */
    {0xfc0007ffu, PPC_X19(33), "crnor", trans_crnor},    /* CR[bt] = ~(CR[ba] | CR[bb]) */
    {0xfc0007ffu, PPC_X19(289), "creqv", trans_creqv},   /* CR[bt] = ~(CR[ba] ^ CR[bb]) */
    {0xfc0007ffu, PPC_X19(129), "crandc", trans_crandc}, /* CR[bt] = CR[ba] & ~CR[bb] */
    {0xfc0007ffu, PPC_X19(417), "crorc", trans_crorc},   /* CR[bt] = CR[ba] | ~CR[bb] */
    {0xfc63ffffu, PPC_X19(0), "mcrf", trans_mcrf},       /* CR[bf] = CR[bfa] */
    {0xfc7fffffu, PPC_X31(512), "mcrxr", trans_mcrxr},   /* CR[bf] = XER[SO,OV,CA]; cleared */
    {0xfc1fffffu, PPC_X31(19), "mfcr", trans_mfcr},      /* rt = CR */
    {0xfc100fffu, PPC_X31(19) | 1u << 20, "mfocrf", trans_mfocrf}, /* rt = CR field FXM names */
    {0xfc100fffu, PPC_X31(144), "mtcrf", trans_mtcrf},   /* CR fields in FXM = rs */
    {0xfc100fffu, PPC_X31(144) | 1u << 20, "mtocrf", trans_mtcrf}, /* one CR field = rs */
    {0xfc00003fu, PPC_X31(15), "isel", trans_isel},      /* rt = CR[bc] ? (ra|0) : rb */
    /* special purpose registers */
    {0xfc0007ffu, PPC_X31(339), "mfspr", ppc_trans_mfspr},   /* rt = SPR (XER, LR, CTR, TB) */
    {0xfc0007ffu, PPC_X31(467), "mtspr", ppc_trans_mtspr},   /* SPR = rs (XER, LR, CTR) */
    {0xfc0007ffu, PPC_X31(371), "mftb", trans_mftb},     /* rt = time base half */
    {0, 0, NULL, NULL},
};
