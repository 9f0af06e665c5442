/* frontend/ia64/ishift.c — the I-unit bit-field and shift forms: dep,
 * dep.z, extr, extr.u, shrp, shl/shr/shr.u by register, tbit, tnat,
 * sxt/zxt/czx, popcnt and clz.
 *
 * Major 4: dep (I15) cpos6d(36:31) len4d(30:27).
 * Major 5: x2(35:34) x(33): 0/-: tbit/tnat (I16/I17), tb(36) ta(33)
 *   c(12), y(13) = tnat, pos6b(19:14); 1/0: extr (I11) len6d(32:27)
 *   pos6b(19:14) y(13) = signed; 1/1: dep.z (I12, y(26) = 0) and dep.z imm8
 *   (I13, y = 1) len6d cpos6c(25:20); 3/0: shrp (I10) count6d(32:27);
 *   3/1: dep imm1 (I14) s(36) len6d cpos6b(19:14).
 * Major 7: variable shifts, popcnt, clz (I5, I7, I9).
 * Major 0, x3 0: sxt/zxt/czx by x6(32:27) (I29).
 */
#include "frontend/ia64/alu.h"

/* A field that runs past bit 63 is cut there. */
static unsigned field_len(unsigned pos, unsigned len)
{
    return pos + len > 64 ? 64 - pos : len;
}

static bool dep_common(Ia64Ctx *ctx, IrTemp base, IrTemp value, unsigned pos, unsigned len)
{
    if (ia64_r1(ctx->insn) == 0)
        return false;
    len = field_len(pos, len);
    IrTemp r = len == 64 ? value : ir_deposit(ctx->ir, base, value, pos, len);
    ia64_set_gr(ctx, ia64_r1(ctx->insn), r);
    return true;
}

static bool trans_dep(Ia64Ctx *ctx) /* I15 */
{
    uint64_t i = ctx->insn;
    unsigned pos = 63 - (unsigned)ia64_field(i, 31, 6);
    unsigned len = (unsigned)ia64_field(i, 27, 4) + 1;
    return dep_common(ctx, ia64_get_gr(ctx, ia64_r3(i)), ia64_get_gr(ctx, ia64_r2(i)), pos, len);
}

static bool trans_dep_imm(Ia64Ctx *ctx) /* I14 */
{
    uint64_t i = ctx->insn;
    unsigned pos = 63 - (unsigned)ia64_field(i, 14, 6);
    unsigned len = (unsigned)ia64_field(i, 27, 6) + 1;
    IrTemp ones = ia64_imm(ctx, ia64_bit(i, 36) ? -1 : 0);
    return dep_common(ctx, ia64_get_gr(ctx, ia64_r3(i)), ones, pos, len);
}

static bool trans_depz(Ia64Ctx *ctx) /* I12 */
{
    uint64_t i = ctx->insn;
    unsigned pos = 63 - (unsigned)ia64_field(i, 20, 6);
    unsigned len = (unsigned)ia64_field(i, 27, 6) + 1;
    return dep_common(ctx, ia64_imm(ctx, 0), ia64_get_gr(ctx, ia64_r2(i)), pos, len);
}

static bool trans_depz_imm(Ia64Ctx *ctx) /* I13 */
{
    uint64_t i = ctx->insn;
    unsigned pos = 63 - (unsigned)ia64_field(i, 20, 6);
    unsigned len = (unsigned)ia64_field(i, 27, 6) + 1;
    return dep_common(ctx, ia64_imm(ctx, 0), ia64_imm(ctx, ia64_imm8(i)), pos, len);
}

static bool trans_extr(Ia64Ctx *ctx) /* I11 */
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    unsigned pos = (unsigned)ia64_field(i, 14, 6);
    unsigned len = field_len(pos, (unsigned)ia64_field(i, 27, 6) + 1);
    IrTemp src = ia64_get_gr(ctx, ia64_r3(i));
    IrTemp r = ia64_bit(i, 13) ? ir_sextract(ctx->ir, src, pos, len) : ir_extract(ctx->ir, src, pos, len);
    ia64_set_gr(ctx, ia64_r1(i), r);
    return true;
}

static bool trans_shrp(Ia64Ctx *ctx) /* I10: (r2:r3) >> count, low 64 bits */
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    unsigned count = (unsigned)ia64_field(i, 27, 6);
    IrTemp hi = ia64_get_gr(ctx, ia64_r2(i)), lo = ia64_get_gr(ctx, ia64_r3(i));
    IrTemp r = count == 0 ? lo : ir_or(ir, ir_shri(ir, lo, count), ir_shli(ir, hi, 64 - count));
    ia64_set_gr(ctx, ia64_r1(i), r);
    return true;
}

/* Variable shifts: a count above 63 gives 0 (shl, shr.u) or the sign. */
typedef enum ShiftKind { SHIFT_LEFT, SHIFT_RIGHT_SIGNED, SHIFT_RIGHT_UNSIGNED } ShiftKind;

static bool shift_var(Ia64Ctx *ctx, ShiftKind kind, unsigned value_reg, unsigned count_reg)
{
    IrBlock *ir = ctx->ir;
    if (ia64_r1(ctx->insn) == 0)
        return false;
    IrTemp v = ia64_get_gr(ctx, value_reg), n = ia64_get_gr(ctx, count_reg);
    IrTemp big = ia64_imm(ctx, 63);
    IrTemp r;
    if (kind == SHIFT_RIGHT_SIGNED) {
        IrTemp capped = ir_movcond(ir, IR_GTU, n, big, big, n);
        r = ir_sar(ir, v, capped);
    } else {
        IrTemp shifted = kind == SHIFT_LEFT ? ir_shl(ir, v, n) : ir_shr(ir, v, n);
        r = ir_movcond(ir, IR_GTU, n, big, ia64_imm(ctx, 0), shifted);
    }
    ia64_set_gr(ctx, ia64_r1(ctx->insn), r);
    return true;
}

static bool trans_shl(Ia64Ctx *ctx) { return shift_var(ctx, SHIFT_LEFT, ia64_r2(ctx->insn), ia64_r3(ctx->insn)); }
static bool trans_shr(Ia64Ctx *ctx) { return shift_var(ctx, SHIFT_RIGHT_SIGNED, ia64_r3(ctx->insn), ia64_r2(ctx->insn)); }
static bool trans_shru(Ia64Ctx *ctx) { return shift_var(ctx, SHIFT_RIGHT_UNSIGNED, ia64_r3(ctx->insn), ia64_r2(ctx->insn)); }

static bool unary(Ia64Ctx *ctx, IrOpcode op)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    ia64_set_gr(ctx, ia64_r1(i), ir_op1(ctx->ir, op, ia64_get_gr(ctx, ia64_r3(i))));
    return true;
}
static bool trans_popcnt(Ia64Ctx *ctx) { return unary(ctx, IR_OP_popcnt); }
static bool trans_clz(Ia64Ctx *ctx) { return unary(ctx, IR_OP_clz); }
static bool trans_sxt1(Ia64Ctx *ctx) { return unary(ctx, IR_OP_sext8); }
static bool trans_sxt2(Ia64Ctx *ctx) { return unary(ctx, IR_OP_sext16); }
static bool trans_sxt4(Ia64Ctx *ctx) { return unary(ctx, IR_OP_sext32); }
static bool trans_zxt1(Ia64Ctx *ctx) { return unary(ctx, IR_OP_zext8); }
static bool trans_zxt2(Ia64Ctx *ctx) { return unary(ctx, IR_OP_zext16); }
static bool trans_zxt4(Ia64Ctx *ctx) { return unary(ctx, IR_OP_zext32); }

/* czx: the index of the first zero element from the left (most
 * significant) or right end; the element count if none is zero. */
static uint64_t ia64_czx(CpuCommon *env, uint64_t v, uint64_t mode)
{
    (void)env;
    unsigned esize = mode & 1 ? 16 : 8, n = 64 / esize;
    bool left = mode & 2;
    for (unsigned k = 0; k < n; k++) {
        unsigned e = left ? n - 1 - k : k;
        if (((v >> (e * esize)) & ((1u << esize) - 1)) == 0)
            return k;
    }
    return n;
}

static const IrHelper ia64_helper_czx = {
    .name = "ia64_czx", .fn = (void *)ia64_czx, .flags = IR_HELPER_PURE,
    .has_ret = true, .ret = IR_I64, .nargs = 2, .args = {IR_I64, IR_I64},
};

static bool czx(Ia64Ctx *ctx, unsigned mode)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrTemp args[2] = {ia64_get_gr(ctx, ia64_r3(i)), ia64_imm(ctx, mode)};
    ia64_set_gr(ctx, ia64_r1(i), ir_call(ctx->ir, &ia64_helper_czx, args));
    return true;
}
static bool trans_czx1_l(Ia64Ctx *ctx) { return czx(ctx, 2); }
static bool trans_czx2_l(Ia64Ctx *ctx) { return czx(ctx, 3); }
static bool trans_czx1_r(Ia64Ctx *ctx) { return czx(ctx, 0); }
static bool trans_czx2_r(Ia64Ctx *ctx) { return czx(ctx, 1); }

/* tbit/tnat: (tb, ta, c) pick the write type and whether the test is
 * "zero" or "not zero" (only the parallel types have nz forms). */
typedef struct TbitKind {
    Ia64CmpType type;
    bool nz;
    const char *completer;
} TbitKind;

static const TbitKind tbit_kinds[8] = {
    {IA64_CMP_NORMAL, false, ".z"}, {IA64_CMP_UNC, false, ".z.unc"},
    {IA64_CMP_OR, false, ".z.or"}, {IA64_CMP_OR, true, ".nz.or"},
    {IA64_CMP_AND, false, ".z.and"}, {IA64_CMP_AND, true, ".nz.and"},
    {IA64_CMP_OR_ANDCM, false, ".z.or.andcm"}, {IA64_CMP_OR_ANDCM, true, ".nz.or.andcm"},
};

static const TbitKind *tbit_kind(uint64_t i)
{
    return &tbit_kinds[ia64_bit(i, 36) << 2 | ia64_bit(i, 33) << 1 | ia64_bit(i, 12)];
}

const char *ia64_tbit_completer(uint64_t i)
{
    return tbit_kind(i)->completer;
}

static bool trans_tbit(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    const TbitKind *k = tbit_kind(i);
    IrLabel skip = k->type == IA64_CMP_UNC ? IA64_NO_LABEL : ia64_gen_qp_skip(ctx);
    IrTemp bit, nat = 0; /* tbit consumes r3's NaT; tnat tests it */
    if (ia64_bit(i, 13)) {
        bit = ia64_get_gr_nat(ctx, ia64_r3(i));
    } else {
        bit = ir_trunc_i64(ir, ir_extract(ir, ia64_get_gr(ctx, ia64_r3(i)), (unsigned)ia64_field(i, 14, 6), 1));
        nat = ia64_get_gr_nat(ctx, ia64_r3(i));
    }
    IrTemp cond = k->nz ? bit : ir_xori(ir, bit, 1);
    ia64_gen_pred_write(ctx, k->type, cond, nat, ia64_p1(i), ia64_p2(i));
    ia64_gen_qp_end(ctx, skip);
    return true;
}

/* ---- the table ---------------------------------------------------------- */
#define I5_SEL(x2, x) ((uint64_t)5 << 37 | (uint64_t)(x2) << 34 | (uint64_t)(x) << 33)
#define MAJOR_MASK ((uint64_t)15 << 37)
#define I5_MASK (MAJOR_MASK | I5_SEL(3, 1))
#define I5_MASK_X2 (MAJOR_MASK | I5_SEL(3, 0))
#define I7_SEL(sel) ((uint64_t)7 << 37 | (uint64_t)(sel) << 27)  /* sel = bits 36:27 */
#define I7_MASK (MAJOR_MASK | I7_SEL(0x3ff))
#define I29_SEL(x6) ((uint64_t)(x6) << 27)                        /* major 0, x3 0 */
#define I29_MASK ((uint64_t)15 << 37 | (uint64_t)7 << 33 | (uint64_t)63 << 27)
#define BIT(n) ((uint64_t)1 << (n))

const Ia64Form ia64_ishift_forms[] = {
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3_POS_LEN4, MAJOR_MASK, (uint64_t)4 << 37, "dep", trans_dep, 0},
    {IA64_U_I, IA64_F_OWN_QP, IA64_OPS_P_R3, I5_MASK_X2 | BIT(13) | BIT(19), I5_SEL(0, 0) | BIT(13), "tnat", trans_tbit, 0},
    {IA64_U_I, IA64_F_OWN_QP, IA64_OPS_P_R3_POS, I5_MASK_X2 | BIT(13), I5_SEL(0, 0), "tbit", trans_tbit, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3_POS_LEN, I5_MASK | BIT(13), I5_SEL(1, 0) | BIT(13), "extr", trans_extr, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3_POS_LEN, I5_MASK | BIT(13), I5_SEL(1, 0), "extr.u", trans_extr, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R2_POS_LEN, I5_MASK | BIT(26), I5_SEL(1, 1), "dep.z", trans_depz, 0},
    {IA64_U_I, 0, IA64_OPS_R1_IMM8_POS_LEN, I5_MASK | BIT(26), I5_SEL(1, 1) | BIT(26), "dep.z", trans_depz_imm, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3_COUNT, I5_MASK, I5_SEL(3, 0), "shrp", trans_shrp, 0},
    {IA64_U_I, 0, IA64_OPS_R1_IMM1_R3_POS_LEN, I5_MASK, I5_SEL(3, 1), "dep", trans_dep_imm, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3_SH, I7_MASK, I7_SEL(0x248), "shl", trans_shl, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3_R2, I7_MASK, I7_SEL(0x244), "shr", trans_shr, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3_R2, I7_MASK, I7_SEL(0x240), "shr.u", trans_shru, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I7_MASK, I7_SEL(0x0d2), "popcnt", trans_popcnt, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I7_MASK, I7_SEL(0x0da), "clz", trans_clz, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x10), "zxt1", trans_zxt1, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x11), "zxt2", trans_zxt2, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x12), "zxt4", trans_zxt4, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x14), "sxt1", trans_sxt1, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x15), "sxt2", trans_sxt2, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x16), "sxt4", trans_sxt4, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x18), "czx1.l", trans_czx1_l, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x19), "czx2.l", trans_czx2_l, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x1c), "czx1.r", trans_czx1_r, 0},
    {IA64_U_I, 0, IA64_OPS_R1_R3, I29_MASK, I29_SEL(0x1d), "czx2.r", trans_czx2_r, 0},
    {0, 0, 0, 0, 0, NULL, NULL, 0},
};
