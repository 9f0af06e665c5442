/* frontend/ia64/mem.c — the M-unit integer memory forms: ld/st of 1, 2, 4
 * and 8 bytes with every completer and post-increment, ld8.fill and
 * st8.spill with ar.unat, cmpxchg/xchg/fetchadd, lfetch, chk.s/chk.a,
 * and the GR<->FR moves setf/getf (.sig and .exp).
 *
 * M1-M5 (majors 4 and 5): m(36) x6(35:30) hint(29:28) x(27); major 4
 * with m=1 adds r2 to r3 after the access, major 5 adds imm9 (s(36) i(27)
 * imm7b(19:13) for loads, imm7a(12:6) for stores). x6's low two bits are
 * the size (1 << sz bytes), its high four the kind (table below).
 *
 * Speculation and the ALAT: ld.s/ld.sa load like ld (a bad address
 * faults instead of deferring; Linux maps a page at 0, which the usual
 * speculated NULL loads hit), and the ALAT always misses: ld.c reloads,
 * chk.a always takes its recovery branch, which the architecture allows.
 */
#include "frontend/ia64/decode.h"

/* ---- addresses and post-increment ---------------------------------------- */
static int64_t imm9_load(uint64_t i)
{
    return ia64_sext((uint64_t)ia64_bit(i, 36) << 8 | (uint64_t)ia64_bit(i, 27) << 7 | ia64_field(i, 13, 7), 9);
}

static int64_t imm9_store(uint64_t i)
{
    return ia64_sext((uint64_t)ia64_bit(i, 36) << 8 | (uint64_t)ia64_bit(i, 27) << 7 | ia64_field(i, 6, 7), 9);
}

/* r3 += the post-increment of this form (none for major 4 with m=0). */
static void post_increment(Ia64Ctx *ctx, IrTemp base, bool is_store)
{
    uint64_t i = ctx->insn;
    IrTemp inc;
    if (ia64_major(i) == 5 || ia64_major(i) == 7)
        inc = ia64_imm(ctx, is_store ? imm9_store(i) : imm9_load(i));
    else if (ia64_bit(i, 36))
        inc = ia64_get_gr(ctx, ia64_r2(i));
    else
        return;
    ia64_set_gr(ctx, ia64_r3(i), ir_add(ctx->ir, base, inc));
}

static IrMemop size_of(uint64_t i) { return (IrMemop)ia64_field(i, 30, 2); }

/* ---- loads ------------------------------------------------------------------ */
static bool trans_ld(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    IrTemp v = ia64_gen_ld(ctx, size_of(i), base);
    post_increment(ctx, base, false);
    ia64_set_gr(ctx, ia64_r1(i), v);
    return true;
}

/* ld8.fill: the NaT bit comes from ar.unat bit (address bits 8:3). */
static IrTemp unat_bit_index(Ia64Ctx *ctx, IrTemp addr)
{
    return ir_extract(ctx->ir, addr, 3, 6);
}

static bool trans_ld8_fill(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    IrTemp v = ia64_gen_ld(ctx, IR_MO_64, base);
    IrTemp unat = ir_ld_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_UNAT));
    IrTemp nat = ir_trunc_i64(ir, ir_andi(ir, ir_shr(ir, unat, unat_bit_index(ctx, base)), 1));
    post_increment(ctx, base, false);
    ia64_set_gr_nat(ctx, ia64_r1(i), v, nat);
    return true;
}

/* ---- stores ----------------------------------------------------------------- */
static bool trans_st(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    ia64_gen_st(ctx, size_of(i), base, ia64_get_gr(ctx, ia64_r2(i)));
    post_increment(ctx, base, true);
    return true;
}

static bool trans_st8_spill(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    ia64_gen_st(ctx, IR_MO_64, base, ia64_get_gr(ctx, ia64_r2(i)));
    IrTemp bit = unat_bit_index(ctx, base);
    IrTemp nat = ir_ext_i32u(ir, ia64_get_gr_nat(ctx, ia64_r2(i)));
    IrTemp unat = ir_ld_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_UNAT));
    unat = ir_op2(ir, IR_OP_andc, unat, ir_shl(ir, ia64_imm(ctx, 1), bit));
    unat = ir_or(ir, unat, ir_shl(ir, nat, bit));
    ir_st_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_UNAT), unat);
    post_increment(ctx, base, true);
    return true;
}

/* ---- atomics -------------------------------------------------------------------
 * cmpxchg: r1 = [r3]; if it equals ar.ccv (of the access size) [r3] = r2. */
static bool trans_cmpxchg(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrMemop size = size_of(i);
    IrTemp ccv = ir_ld_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_CCV));
    if (size != IR_MO_64)
        ccv = ir_andi(ir, ccv, ((uint64_t)1 << (8 << size)) - 1);
    IrTemp addr = ia64_gen_fold(ctx, ia64_get_gr(ctx, ia64_r3(i)));
    IrTemp old = ir_cmpxchg(ir, ia64_mo(ctx, size), addr, ccv, ia64_get_gr(ctx, ia64_r2(i)));
    ia64_set_gr(ctx, ia64_r1(i), old);
    return true;
}

/* xchg and fetchadd as host atomics on guest memory (user-mode layout). */
static void *host_addr(CpuCommon *env, uint64_t addr)
{
    return env->guest_base + ia64_fold(addr);
}

static uint64_t ia64_xchg(CpuCommon *env, uint64_t addr, uint64_t value, uint64_t size)
{
    void *p = host_addr(env, addr);
    switch (size) {
    case 0: return __atomic_exchange_n((uint8_t *)p, (uint8_t)value, __ATOMIC_SEQ_CST);
    case 1: return __atomic_exchange_n((uint16_t *)p, (uint16_t)value, __ATOMIC_SEQ_CST);
    case 2: return __atomic_exchange_n((uint32_t *)p, (uint32_t)value, __ATOMIC_SEQ_CST);
    default: return __atomic_exchange_n((uint64_t *)p, value, __ATOMIC_SEQ_CST);
    }
}

static uint64_t ia64_fetchadd(CpuCommon *env, uint64_t addr, uint64_t inc, uint64_t size)
{
    void *p = host_addr(env, addr);
    if (size == 2)
        return __atomic_fetch_add((uint32_t *)p, (uint32_t)inc, __ATOMIC_SEQ_CST);
    return __atomic_fetch_add((uint64_t *)p, inc, __ATOMIC_SEQ_CST);
}

static const IrHelper ia64_helper_xchg = {
    .name = "ia64_xchg", .fn = (void *)ia64_xchg, .flags = IR_HELPER_MAY_RAISE,
    .has_ret = true, .ret = IR_I64, .nargs = 3, .args = {IR_I64, IR_I64, IR_I64},
};
static const IrHelper ia64_helper_fetchadd = {
    .name = "ia64_fetchadd", .fn = (void *)ia64_fetchadd, .flags = IR_HELPER_MAY_RAISE,
    .has_ret = true, .ret = IR_I64, .nargs = 3, .args = {IR_I64, IR_I64, IR_I64},
};

static bool trans_xchg(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0 || ctx->big_endian)
        return false;
    IrTemp args[3] = {ia64_get_gr(ctx, ia64_r3(i)), ia64_get_gr(ctx, ia64_r2(i)), ia64_imm(ctx, size_of(i))};
    ia64_set_gr(ctx, ia64_r1(i), ir_call(ctx->ir, &ia64_helper_xchg, args));
    return true;
}

/* inc3 (s(16) i2b(14:13)): 16, 8, 4, 1, negated when s is set. */
static bool trans_fetchadd(Ia64Ctx *ctx)
{
    static const int64_t magnitude[4] = {16, 8, 4, 1};
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0 || ctx->big_endian)
        return false;
    int64_t inc = magnitude[ia64_field(i, 13, 2)];
    if (ia64_bit(i, 15))
        inc = -inc;
    IrTemp args[3] = {ia64_get_gr(ctx, ia64_r3(i)), ia64_imm(ctx, inc), ia64_imm(ctx, size_of(i))};
    ia64_set_gr(ctx, ia64_r1(i), ir_call(ctx->ir, &ia64_helper_fetchadd, args));
    return true;
}

/* ---- lfetch: no access; only the post-increment ---------------------------- */
static bool trans_lfetch(Ia64Ctx *ctx)
{
    post_increment(ctx, ia64_get_gr(ctx, ia64_r3(ctx->insn)), false);
    return true;
}

/* ---- speculation checks ------------------------------------------------------
 * chk.s: branch to the recovery code when the register is NaT (GR) or
 * NaTVal (FR); chk.a: the ALAT always misses, so always branch. Target:
 * s(36) imm13c(32:20) imm7a(12:6) for chk.s (M20, M21, I20), the register
 * in r2; s(36) imm20b(32:13) for chk.a (M22, M23), the register in r1. */
uint64_t ia64_chk_target(uint64_t i, uint64_t bundle)
{
    if (ia64_major(i) == 0 && ia64_field(i, 33, 3) >= 4) /* chk.a */
        return bundle + (uint64_t)ia64_target25(i);
    uint64_t imm = (uint64_t)ia64_bit(i, 36) << 20 | ia64_field(i, 20, 13) << 7 | ia64_field(i, 6, 7);
    return bundle + (uint64_t)(ia64_sext(imm, 21) * 16);
}

static uint64_t chk_target(const Ia64Ctx *ctx)
{
    return ia64_chk_target(ctx->insn, ctx->bundle);
}

/* Branch to the check's target when cond32 (and the qualifying predicate). */
static bool branch_if(Ia64Ctx *ctx, IrTemp cond32)
{
    IrBlock *ir = ctx->ir;
    IrLabel no = ir_new_label(ir);
    if (ia64_qp(ctx->insn))
        cond32 = ir_and(ir, cond32, ia64_get_pr(ctx, ia64_qp(ctx->insn)));
    ir_brcond(ir, IR_EQ, cond32, ir_const32(ir, 0), no);
    ir_goto_tb(ir, 0, chk_target(ctx));
    ir_label(ir, no);
    ir_goto_tb(ir, 1, ia64_next_pc(ctx));
    ctx->end_block = true;
    return true;
}

static bool trans_chk_s_gr(Ia64Ctx *ctx)
{
    return branch_if(ctx, ia64_get_gr_nat(ctx, ia64_r2(ctx->insn)));
}

static bool trans_chk_s_fr(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    unsigned f = ia64_fr_index(ctx, ia64_r2(ctx->insn));
    IrTemp se = ir_ld_env(ir, IR_I32, IA64_FR_SE_OFF(f));
    IrTemp sig = ir_ld_env(ir, IR_I64, IA64_FR_SIG_OFF(f));
    IrTemp is_nat = ir_and(ir, ir_setcond(ir, IR_EQ, se, ir_const32(ir, IA64_FR_NATVAL_EXP)),
                           ir_trunc_i64(ir, ir_setcond(ir, IR_EQ, sig, ia64_imm(ctx, 0))));
    return branch_if(ctx, is_nat);
}

static bool trans_chk_a(Ia64Ctx *ctx)
{
    return branch_if(ctx, ir_const32(ctx->ir, 1));
}

/* ---- GR <-> FR moves ---------------------------------------------------------
 * setf.sig: {r2, 0x1003e}; setf.exp: {1 << 63, r2 bits 17:0}; a NaT GR
 * gives NaTVal. getf.sig: the significand; getf.exp: sign and exponent;
 * NaTVal gives a NaT GR. */
static void set_fr(Ia64Ctx *ctx, unsigned f, IrTemp sig, IrTemp sign_exp)
{
    IrBlock *ir = ctx->ir;
    IrTemp nat = ia64_get_gr_nat(ctx, ia64_r2(ctx->insn));
    IrTemp zero32 = ir_const32(ir, 0);
    sig = ir_movcond(ir, IR_NE, ir_ext_i32u(ir, nat), ia64_imm(ctx, 0), ia64_imm(ctx, 0), sig);
    sign_exp = ir_movcond(ir, IR_NE, nat, zero32, ir_const32(ir, IA64_FR_NATVAL_EXP), sign_exp);
    unsigned idx = ia64_fr_index(ctx, f);
    ir_st_env(ir, IR_I64, IA64_FR_SIG_OFF(idx), sig);
    ir_st_env(ir, IR_I32, IA64_FR_SE_OFF(idx), sign_exp);
}

static bool trans_setf_sig(Ia64Ctx *ctx)
{
    unsigned f = ia64_r1(ctx->insn);
    if (f < 2)
        return false;
    set_fr(ctx, f, ia64_get_gr(ctx, ia64_r2(ctx->insn)), ir_const32(ctx->ir, IA64_FR_INTEGER_EXP));
    return true;
}

static bool trans_setf_exp(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    unsigned f = ia64_r1(ctx->insn);
    if (f < 2)
        return false;
    IrTemp se = ir_andi(ir, ir_trunc_i64(ir, ia64_get_gr(ctx, ia64_r2(ctx->insn))), 0x3ffff);
    set_fr(ctx, f, ia64_imm(ctx, (int64_t)((uint64_t)1 << 63)), se);
    return true;
}

static IrTemp fr_is_natval(Ia64Ctx *ctx, unsigned idx)
{
    IrBlock *ir = ctx->ir;
    IrTemp se = ir_ld_env(ir, IR_I32, IA64_FR_SE_OFF(idx));
    IrTemp sig = ir_ld_env(ir, IR_I64, IA64_FR_SIG_OFF(idx));
    return ir_and(ir, ir_setcond(ir, IR_EQ, se, ir_const32(ir, IA64_FR_NATVAL_EXP)),
                  ir_trunc_i64(ir, ir_setcond(ir, IR_EQ, sig, ia64_imm(ctx, 0))));
}

static bool trans_getf_sig(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    unsigned idx = ia64_fr_index(ctx, ia64_r2(i));
    IrTemp sig = ir_ld_env(ctx->ir, IR_I64, IA64_FR_SIG_OFF(idx));
    ia64_set_gr_nat(ctx, ia64_r1(i), sig, fr_is_natval(ctx, idx));
    return true;
}

static bool trans_getf_exp(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    unsigned idx = ia64_fr_index(ctx, ia64_r2(i));
    IrTemp se = ir_ld_env(ctx->ir, IR_I32, IA64_FR_SE_OFF(idx));
    ia64_set_gr_nat(ctx, ia64_r1(i), ir_ext_i32u(ctx->ir, ir_andi(ctx->ir, se, 0x3ffff)),
                    fr_is_natval(ctx, idx));
    return true;
}

/* ---- the table -------------------------------------------------------------------
 * Rows match the kind (x6 bits 35:32) and leave the size (x6 bits 31:30)
 * free; the disassembler puts 1 << size after the "ld"/"st"/... stem. */
#define M_SEL(major, x6hi, x) ((uint64_t)(major) << 37 | (uint64_t)(x6hi) << 32 | (uint64_t)(x) << 27)
#define M_MASK_KIND M_SEL(15, 15, 1)
#define M_MASK_X6 (M_MASK_KIND | (uint64_t)3 << 30)
#define M_SIZE(sz) ((uint64_t)(sz) << 30)
#define M_M_BIT ((uint64_t)1 << 36)
#define M_MASK_IMM9 (M_SEL(15, 15, 0))
#define X3_SEL(major, x3) ((uint64_t)(major) << 37 | (uint64_t)(x3) << 33)
#define X3_MASK X3_SEL(15, 7)

const Ia64Form ia64_mem_forms[] = {
    /* loads, major 4 (m: post-increment by r2) and major 5 (by imm9) */
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0x0, 0), "ld", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0x1, 0), "ld.s", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0x2, 0), "ld.a", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0x3, 0), "ld.sa", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0x4, 0), "ld.bias", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_X6, M_SEL(4, 0x6, 0) | M_SIZE(3), "ld.fill", trans_ld8_fill, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0x5, 0), "ld.acq", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0x8, 0), "ld.c.clr", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0x9, 0), "ld.c.nc", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD, M_MASK_KIND, M_SEL(4, 0xa, 0), "ld.c.clr.acq", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_ST, M_MASK_KIND | M_M_BIT, M_SEL(4, 0xc, 0), "st", trans_st, 0},
    {IA64_U_M, 0, IA64_OPS_ST, M_MASK_KIND | M_M_BIT, M_SEL(4, 0xd, 0), "st.rel", trans_st, 0},
    {IA64_U_M, 0, IA64_OPS_ST, M_MASK_X6 | M_M_BIT, M_SEL(4, 0xe, 0) | M_SIZE(3), "st.spill", trans_st8_spill, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0x0, 0), "ld", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0x1, 0), "ld.s", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0x2, 0), "ld.a", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0x3, 0), "ld.sa", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0x4, 0), "ld.bias", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0x5, 0), "ld.acq", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9 | (uint64_t)3 << 30, M_SEL(5, 0x6, 0) | M_SIZE(3), "ld.fill", trans_ld8_fill, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0x8, 0), "ld.c.clr", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0x9, 0), "ld.c.nc", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_LD_IMM, M_MASK_IMM9, M_SEL(5, 0xa, 0), "ld.c.clr.acq", trans_ld, 0},
    {IA64_U_M, 0, IA64_OPS_ST_IMM, M_MASK_IMM9, M_SEL(5, 0xc, 0), "st", trans_st, 0},
    {IA64_U_M, 0, IA64_OPS_ST_IMM, M_MASK_IMM9, M_SEL(5, 0xd, 0), "st.rel", trans_st, 0},
    {IA64_U_M, 0, IA64_OPS_ST_IMM, M_MASK_IMM9 | (uint64_t)3 << 30, M_SEL(5, 0xe, 0) | M_SIZE(3), "st.spill", trans_st8_spill, 0},
    /* semaphores (x = 1) */
    {IA64_U_M, 0, IA64_OPS_CMPXCHG, M_MASK_KIND | M_M_BIT, M_SEL(4, 0x0, 1), "cmpxchg.acq", trans_cmpxchg, 0},
    {IA64_U_M, 0, IA64_OPS_CMPXCHG, M_MASK_KIND | M_M_BIT, M_SEL(4, 0x1, 1), "cmpxchg.rel", trans_cmpxchg, 0},
    {IA64_U_M, 0, IA64_OPS_XCHG, M_MASK_KIND | M_M_BIT, M_SEL(4, 0x2, 1), "xchg", trans_xchg, 0},
    {IA64_U_M, 0, IA64_OPS_FETCHADD, M_MASK_X6 | M_M_BIT, M_SEL(4, 0x4, 1) | M_SIZE(2), "fetchadd.acq", trans_fetchadd, 0},
    {IA64_U_M, 0, IA64_OPS_FETCHADD, M_MASK_X6 | M_M_BIT, M_SEL(4, 0x4, 1) | M_SIZE(3), "fetchadd.acq", trans_fetchadd, 0},
    {IA64_U_M, 0, IA64_OPS_FETCHADD, M_MASK_X6 | M_M_BIT, M_SEL(4, 0x5, 1) | M_SIZE(2), "fetchadd.rel", trans_fetchadd, 0},
    {IA64_U_M, 0, IA64_OPS_FETCHADD, M_MASK_X6 | M_M_BIT, M_SEL(4, 0x5, 1) | M_SIZE(3), "fetchadd.rel", trans_fetchadd, 0},
    /* GR <-> FR */
    {IA64_U_M, 0, IA64_OPS_R1_F2, M_MASK_X6 | M_M_BIT, M_SEL(4, 0x7, 1) | M_SIZE(0), "getf.sig", trans_getf_sig, 0},
    {IA64_U_M, 0, IA64_OPS_R1_F2, M_MASK_X6 | M_M_BIT, M_SEL(4, 0x7, 1) | M_SIZE(1), "getf.exp", trans_getf_exp, 0},
    {IA64_U_M, 0, IA64_OPS_F1_R2, M_MASK_X6 | M_M_BIT, M_SEL(6, 0x7, 1) | M_SIZE(0), "setf.sig", trans_setf_sig, 0},
    {IA64_U_M, 0, IA64_OPS_F1_R2, M_MASK_X6 | M_M_BIT, M_SEL(6, 0x7, 1) | M_SIZE(1), "setf.exp", trans_setf_exp, 0},
    /* lfetch (major 6: m adds r2; major 7: imm9), x6 0x2c-0x2f */
    {IA64_U_M, 0, IA64_OPS_R3, M_MASK_KIND, M_SEL(6, 0xb, 0), "lfetch", trans_lfetch, 0},
    {IA64_U_M, 0, IA64_OPS_R3, M_MASK_IMM9, M_SEL(7, 0xb, 0), "lfetch", trans_lfetch, 0},
    /* speculation checks */
    {IA64_U_M, IA64_F_OWN_QP, IA64_OPS_R2_TARGET, X3_MASK, X3_SEL(1, 1), "chk.s.m", trans_chk_s_gr, 0},
    {IA64_U_M, IA64_F_OWN_QP, IA64_OPS_R2_TARGET, X3_MASK, X3_SEL(1, 3), "chk.s", trans_chk_s_fr, 0},
    {IA64_U_I, IA64_F_OWN_QP, IA64_OPS_R2_TARGET, X3_MASK, X3_SEL(0, 1), "chk.s.i", trans_chk_s_gr, 0},
    {IA64_U_M, IA64_F_OWN_QP, IA64_OPS_R2_TARGET, X3_MASK, X3_SEL(0, 4), "chk.a.nc", trans_chk_a, 0},
    {IA64_U_M, IA64_F_OWN_QP, IA64_OPS_R2_TARGET, X3_MASK, X3_SEL(0, 5), "chk.a.clr", trans_chk_a, 0},
    {IA64_U_M, IA64_F_OWN_QP, IA64_OPS_R2_TARGET, X3_MASK, X3_SEL(0, 6), "chk.a.nc", trans_chk_a, 0},
    {IA64_U_M, IA64_F_OWN_QP, IA64_OPS_R2_TARGET, X3_MASK, X3_SEL(0, 7), "chk.a.clr", trans_chk_a, 0},
    {0, 0, 0, 0, 0, NULL, NULL, 0},
};
