/* frontend/ia64/alu.c — the A-unit integer forms (they issue on M or I
 * slots): add, sub, addp4, logic, shladd, adds/addl, and the integer
 * compares into predicate pairs (cmp, cmp4; register, immediate and
 * compare-with-zero forms; every write type).
 *
 * A-unit fields: major 8: x2a(35:34) ve(33) x4(32:29) x2b(28:27).
 * Compares, majors C (lt), D (ltu), E (eq): tb(36) x2(35:34) ta(33)
 * p2(32:27) r3 r2|imm7b c(12) p1(11:6); x2: 0 cmp, 1 cmp4, 2 cmp imm8,
 * 3 cmp4 imm8 (whose bit 36 is the immediate's sign, so no tb).
 */
#include "frontend/ia64/alu.h"

/* ---- register-register and immediate arithmetic ------------------------- */
#define A_SEL(x2a, ve, x4, x2b) \
    ((uint64_t)8 << 37 | (uint64_t)(x2a) << 34 | (uint64_t)(ve) << 33 | (uint64_t)(x4) << 29 | \
     (uint64_t)(x2b) << 27)
#define MAJOR_MASK ((uint64_t)15 << 37)
#define A_MASK (MAJOR_MASK | A_SEL(3, 1, 15, 3))
#define A_MASK_X2A (MAJOR_MASK | (uint64_t)3 << 34 | (uint64_t)1 << 33)

/* addp4: the 32-bit sum, with r3's bits 31:30 as the region (bits 62:61). */
static IrTemp gen_addp4(Ia64Ctx *ctx, IrTemp a, IrTemp b)
{
    IrBlock *ir = ctx->ir;
    IrTemp sum = ir_op1(ir, IR_OP_zext32, ir_add(ir, a, b));
    IrTemp region = ir_shli(ir, ir_extract(ir, b, 30, 2), 61);
    return ir_or(ir, sum, region);
}

typedef enum AluOp { ALU_ADD, ALU_ADD1, ALU_SUB, ALU_SUB1, ALU_ADDP4, ALU_AND, ALU_ANDCM, ALU_OR, ALU_XOR } AluOp;

static IrTemp gen_alu(Ia64Ctx *ctx, AluOp op, IrTemp a, IrTemp b)
{
    IrBlock *ir = ctx->ir;
    switch (op) {
    case ALU_ADD: return ir_add(ir, a, b);
    case ALU_ADD1: return ir_addi(ir, ir_add(ir, a, b), 1);
    case ALU_SUB: return ir_sub(ir, a, b);
    case ALU_SUB1: return ir_addi(ir, ir_sub(ir, a, b), (uint64_t)-1);
    case ALU_ADDP4: return gen_addp4(ctx, a, b);
    case ALU_AND: return ir_and(ir, a, b);
    case ALU_ANDCM: return ir_op2(ir, IR_OP_andc, a, b);
    case ALU_OR: return ir_or(ir, a, b);
    case ALU_XOR: return ir_xor(ir, a, b);
    }
    return 0;
}

/* The result's NaT is the OR of the sources' (only r1's value is 0 then). */
static void set_alu_result(Ia64Ctx *ctx, IrTemp v, unsigned ra, unsigned rb)
{
    IrTemp nat = ir_or(ctx->ir, ia64_get_gr_nat(ctx, ra), ia64_get_gr_nat(ctx, rb));
    ia64_set_gr_nat(ctx, ia64_r1(ctx->insn), v, nat);
}

static bool alu_rr(Ia64Ctx *ctx, AluOp op)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrTemp v = gen_alu(ctx, op, ia64_get_gr(ctx, ia64_r2(i)), ia64_get_gr(ctx, ia64_r3(i)));
    set_alu_result(ctx, v, ia64_r2(i), ia64_r3(i));
    return true;
}

static bool alu_imm8(Ia64Ctx *ctx, AluOp op)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrTemp v = gen_alu(ctx, op, ia64_imm(ctx, ia64_imm8(i)), ia64_get_gr(ctx, ia64_r3(i)));
    set_alu_result(ctx, v, 0, ia64_r3(i));
    return true;
}

static bool trans_add(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_ADD); }
static bool trans_add1(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_ADD1); }
static bool trans_sub(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_SUB); }
static bool trans_sub1(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_SUB1); }
static bool trans_addp4(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_ADDP4); }
static bool trans_and(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_AND); }
static bool trans_andcm(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_ANDCM); }
static bool trans_or(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_OR); }
static bool trans_xor(Ia64Ctx *ctx) { return alu_rr(ctx, ALU_XOR); }
static bool trans_sub_imm(Ia64Ctx *ctx) { return alu_imm8(ctx, ALU_SUB); }
static bool trans_and_imm(Ia64Ctx *ctx) { return alu_imm8(ctx, ALU_AND); }
static bool trans_andcm_imm(Ia64Ctx *ctx) { return alu_imm8(ctx, ALU_ANDCM); }
static bool trans_or_imm(Ia64Ctx *ctx) { return alu_imm8(ctx, ALU_OR); }
static bool trans_xor_imm(Ia64Ctx *ctx) { return alu_imm8(ctx, ALU_XOR); }

/* shladd r1 = (r2 << count) + r3, count = count2 + 1; shladdp4 as addp4. */
static bool shladd(Ia64Ctx *ctx, bool p4)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    unsigned count = (unsigned)ia64_field(i, 27, 2) + 1;
    IrTemp a = ir_shli(ctx->ir, ia64_get_gr(ctx, ia64_r2(i)), count);
    IrTemp b = ia64_get_gr(ctx, ia64_r3(i));
    set_alu_result(ctx, p4 ? gen_addp4(ctx, a, b) : ir_add(ctx->ir, a, b), ia64_r2(i), ia64_r3(i));
    return true;
}
static bool trans_shladd(Ia64Ctx *ctx) { return shladd(ctx, false); }
static bool trans_shladdp4(Ia64Ctx *ctx) { return shladd(ctx, true); }

int64_t ia64_imm14(uint64_t i)
{
    return ia64_sext(ia64_bit(i, 36) << 13 | ia64_field(i, 27, 6) << 7 | ia64_field(i, 13, 7), 14);
}

int64_t ia64_imm22(uint64_t i)
{
    return ia64_sext((uint64_t)ia64_bit(i, 36) << 21 | ia64_field(i, 22, 5) << 16 |
                         ia64_field(i, 27, 9) << 7 | ia64_field(i, 13, 7),
                     22);
}

static bool trans_adds(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrTemp v = ir_add(ctx->ir, ia64_get_gr(ctx, ia64_r3(i)), ia64_imm(ctx, ia64_imm14(i)));
    set_alu_result(ctx, v, 0, ia64_r3(i));
    return true;
}

static bool trans_addp4_imm(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrTemp v = gen_addp4(ctx, ia64_imm(ctx, ia64_imm14(i)), ia64_get_gr(ctx, ia64_r3(i)));
    set_alu_result(ctx, v, 0, ia64_r3(i));
    return true;
}

static bool trans_addl(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    unsigned r3 = (unsigned)ia64_field(i, 20, 2);
    if (ia64_r1(i) == 0)
        return false;
    IrTemp v = ir_add(ctx->ir, ia64_get_gr(ctx, r3), ia64_imm(ctx, ia64_imm22(i)));
    set_alu_result(ctx, v, 0, r3);
    return true;
}

/* ---- predicate writes shared by cmp, tbit, tnat ----------------------------- */
void ia64_gen_pred_write(Ia64Ctx *ctx, Ia64CmpType type, IrTemp cond, IrTemp nat, unsigned p1, unsigned p2)
{
    IrBlock *ir = ctx->ir;
    IrTemp one = ir_const32(ir, 1);
    /* A NaT source makes cond false, and a normal compare's p2 false too. */
    IrTemp valid = nat ? ir_xor(ir, nat, one) : one;
    if (nat)
        cond = ir_and(ir, cond, valid);
    IrTemp ncond = ir_xor(ir, cond, one);
    IrTemp p2_normal = nat ? ir_and(ir, ncond, valid) : ncond;
    switch (type) {
    case IA64_CMP_NORMAL:
        ia64_set_pr(ctx, p1, cond);
        ia64_set_pr(ctx, p2, p2_normal);
        break;
    case IA64_CMP_UNC: { /* OWN_QP: a false predicate clears both */
        IrTemp q = ia64_get_pr(ctx, ia64_qp(ctx->insn));
        ia64_set_pr(ctx, p1, ir_and(ir, cond, q));
        ia64_set_pr(ctx, p2, ir_and(ir, p2_normal, q));
        break;
    }
    case IA64_CMP_AND:
        ia64_set_pr(ctx, p1, ir_and(ir, ia64_get_pr(ctx, p1), cond));
        ia64_set_pr(ctx, p2, ir_and(ir, ia64_get_pr(ctx, p2), cond));
        break;
    case IA64_CMP_OR:
        ia64_set_pr(ctx, p1, ir_or(ir, ia64_get_pr(ctx, p1), cond));
        ia64_set_pr(ctx, p2, ir_or(ir, ia64_get_pr(ctx, p2), cond));
        break;
    case IA64_CMP_OR_ANDCM:
        ia64_set_pr(ctx, p1, ir_or(ir, ia64_get_pr(ctx, p1), cond));
        ia64_set_pr(ctx, p2, ir_and(ir, ia64_get_pr(ctx, p2), ncond));
        break;
    }
}

/* ---- compares ---------------------------------------------------------------
 * What each (major, tb, ta, c) means. Register forms use all eight rows;
 * immediate forms (no tb) the first four. Rows 4-7 compare 0 with r3 (the
 * r2 field must be 0). */
typedef struct CmpKind {
    IrCond cond;        /* a cond b, a = r2|imm|0, b = r3 */
    Ia64CmpType type;
    const char *completer;
} CmpKind;

static const CmpKind cmp_kinds[3][8] = {
    { /* major C: lt; parallel "and" */
        {IR_LT, IA64_CMP_NORMAL, ".lt"}, {IR_LT, IA64_CMP_UNC, ".lt.unc"},
        {IR_EQ, IA64_CMP_AND, ".eq.and"}, {IR_NE, IA64_CMP_AND, ".ne.and"},
        {IR_GT, IA64_CMP_AND, ".gt.and"}, {IR_LE, IA64_CMP_AND, ".le.and"},
        {IR_GE, IA64_CMP_AND, ".ge.and"}, {IR_LT, IA64_CMP_AND, ".lt.and"},
    },
    { /* major D: ltu; parallel "or" */
        {IR_LTU, IA64_CMP_NORMAL, ".ltu"}, {IR_LTU, IA64_CMP_UNC, ".ltu.unc"},
        {IR_EQ, IA64_CMP_OR, ".eq.or"}, {IR_NE, IA64_CMP_OR, ".ne.or"},
        {IR_GT, IA64_CMP_OR, ".gt.or"}, {IR_LE, IA64_CMP_OR, ".le.or"},
        {IR_GE, IA64_CMP_OR, ".ge.or"}, {IR_LT, IA64_CMP_OR, ".lt.or"},
    },
    { /* major E: eq; parallel "or.andcm" */
        {IR_EQ, IA64_CMP_NORMAL, ".eq"}, {IR_EQ, IA64_CMP_UNC, ".eq.unc"},
        {IR_EQ, IA64_CMP_OR_ANDCM, ".eq.or.andcm"}, {IR_NE, IA64_CMP_OR_ANDCM, ".ne.or.andcm"},
        {IR_GT, IA64_CMP_OR_ANDCM, ".gt.or.andcm"}, {IR_LE, IA64_CMP_OR_ANDCM, ".le.or.andcm"},
        {IR_GE, IA64_CMP_OR_ANDCM, ".ge.or.andcm"}, {IR_LT, IA64_CMP_OR_ANDCM, ".lt.or.andcm"},
    },
};

static bool cmp_is_imm(uint64_t i) { return ia64_field(i, 34, 2) >= 2; }
static bool cmp_is_cmp4(uint64_t i) { return ia64_field(i, 34, 2) & 1; }

static const CmpKind *cmp_kind(uint64_t i)
{
    unsigned tb = cmp_is_imm(i) ? 0 : ia64_bit(i, 36);
    unsigned row = tb << 2 | ia64_bit(i, 33) << 1 | ia64_bit(i, 12);
    return &cmp_kinds[ia64_major(i) - 0xc][row];
}

const char *ia64_cmp_completer(uint64_t i)
{
    return cmp_kind(i)->completer;
}

bool ia64_cmp_with_zero(uint64_t i)
{
    return !cmp_is_imm(i) && ia64_bit(i, 36);
}

static bool trans_cmp(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    const CmpKind *k = cmp_kind(i);
    bool zero_form = ia64_cmp_with_zero(i);
    if (zero_form && ia64_r2(i) != 0)
        return false;
    IrLabel skip = k->type == IA64_CMP_UNC ? IA64_NO_LABEL : ia64_gen_qp_skip(ctx);
    IrTemp a = cmp_is_imm(i) ? ia64_imm(ctx, ia64_imm8(i)) : ia64_get_gr(ctx, ia64_r2(i));
    IrTemp b = ia64_get_gr(ctx, ia64_r3(i));
    IrTemp nat = ir_or(ir, ia64_get_gr_nat(ctx, cmp_is_imm(i) ? 0 : ia64_r2(i)), ia64_get_gr_nat(ctx, ia64_r3(i)));
    IrTemp cond;
    if (cmp_is_cmp4(i))
        cond = ir_setcond(ir, k->cond, ir_trunc_i64(ir, a), ir_trunc_i64(ir, b));
    else
        cond = ir_trunc_i64(ir, ir_setcond(ir, k->cond, a, b));
    ia64_gen_pred_write(ctx, k->type, cond, nat, ia64_p1(i), ia64_p2(i));
    ia64_gen_qp_end(ctx, skip);
    return true;
}

/* ---- the table ------------------------------------------------------------- */
#define CMP_SEL(major, x2) ((uint64_t)(major) << 37 | (uint64_t)(x2) << 34)
#define CMP_MASK CMP_SEL(15, 3)
#define A5_SEL ((uint64_t)9 << 37)

const Ia64Form ia64_alu_forms[] = {
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, A_MASK, A_SEL(0, 0, 0, 0), "add", trans_add, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3_1, A_MASK, A_SEL(0, 0, 0, 1), "add", trans_add1, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3_1, A_MASK, A_SEL(0, 0, 1, 0), "sub", trans_sub1, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, A_MASK, A_SEL(0, 0, 1, 1), "sub", trans_sub, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, A_MASK, A_SEL(0, 0, 2, 0), "addp4", trans_addp4, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, A_MASK, A_SEL(0, 0, 3, 0), "and", trans_and, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, A_MASK, A_SEL(0, 0, 3, 1), "andcm", trans_andcm, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, A_MASK, A_SEL(0, 0, 3, 2), "or", trans_or, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, A_MASK, A_SEL(0, 0, 3, 3), "xor", trans_xor, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_CT_R3, MAJOR_MASK | A_SEL(3, 1, 15, 0), A_SEL(0, 0, 4, 0), "shladd", trans_shladd, 0},
    {IA64_U_A, 0, IA64_OPS_R1_R2_CT_R3, MAJOR_MASK | A_SEL(3, 1, 15, 0), A_SEL(0, 0, 6, 0), "shladdp4", trans_shladdp4, 0},
    {IA64_U_A, 0, IA64_OPS_R1_IMM8_R3, A_MASK, A_SEL(0, 0, 9, 1), "sub", trans_sub_imm, 0},
    {IA64_U_A, 0, IA64_OPS_R1_IMM8_R3, A_MASK, A_SEL(0, 0, 11, 0), "and", trans_and_imm, 0},
    {IA64_U_A, 0, IA64_OPS_R1_IMM8_R3, A_MASK, A_SEL(0, 0, 11, 1), "andcm", trans_andcm_imm, 0},
    {IA64_U_A, 0, IA64_OPS_R1_IMM8_R3, A_MASK, A_SEL(0, 0, 11, 2), "or", trans_or_imm, 0},
    {IA64_U_A, 0, IA64_OPS_R1_IMM8_R3, A_MASK, A_SEL(0, 0, 11, 3), "xor", trans_xor_imm, 0},
    {IA64_U_A, 0, IA64_OPS_R1_IMM14_R3, A_MASK_X2A, A_SEL(2, 0, 0, 0), "adds", trans_adds, 0},
    {IA64_U_A, 0, IA64_OPS_R1_IMM14_R3, A_MASK_X2A, A_SEL(3, 0, 0, 0), "addp4", trans_addp4_imm, 0},
    {IA64_U_A, 0, IA64_OPS_R1_IMM22_R3, (uint64_t)15 << 37, A5_SEL, "addl", trans_addl, 0},
    /* compares: the mnemonic's completers come from ia64_cmp_completer */
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_R2_R3, CMP_MASK, CMP_SEL(0xc, 0), "cmp", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_R2_R3, CMP_MASK, CMP_SEL(0xc, 1), "cmp4", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_IMM8_R3, CMP_MASK, CMP_SEL(0xc, 2), "cmp", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_IMM8_R3, CMP_MASK, CMP_SEL(0xc, 3), "cmp4", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_R2_R3, CMP_MASK, CMP_SEL(0xd, 0), "cmp", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_R2_R3, CMP_MASK, CMP_SEL(0xd, 1), "cmp4", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_IMM8_R3, CMP_MASK, CMP_SEL(0xd, 2), "cmp", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_IMM8_R3, CMP_MASK, CMP_SEL(0xd, 3), "cmp4", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_R2_R3, CMP_MASK, CMP_SEL(0xe, 0), "cmp", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_R2_R3, CMP_MASK, CMP_SEL(0xe, 1), "cmp4", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_IMM8_R3, CMP_MASK, CMP_SEL(0xe, 2), "cmp", trans_cmp, 0},
    {IA64_U_A, IA64_F_OWN_QP, IA64_OPS_P_IMM8_R3, CMP_MASK, CMP_SEL(0xe, 3), "cmp4", trans_cmp, 0},
    {0, 0, 0, 0, 0, NULL, NULL, 0},
};
