/* frontend/ia64/mem.c — the M-unit integer memory forms: ld/st of 1, 2, 4
 * and 8 bytes with every completer and post-increment, ld16/st16 and
 * cmp8xchg16 with ar.csd, ld8.fill and st8.spill with ar.unat,
 * cmpxchg/xchg/fetchadd, lfetch, chk.s/chk.a, the GR<->FR moves setf/getf
 * (.sig and .exp), and the NaT rules every memory form shares.
 *
 * M1-M5 (majors 4 and 5): m(36) x6(35:30) hint(29:28) x(27); major 4
 * with m=1 adds r2 to r3 after the access, major 5 adds imm9 (s(36) i(27)
 * imm7b(19:13) for loads, imm7a(12:6) for stores). x6's low two bits are
 * the size (1 << sz bytes), its high four the kind (table below).
 *
 * NaT bits: a non-speculative access whose address register is NaT, and
 * a store (not st8.spill) or semaphore of a NaT value, raise Register NaT
 * Consumption (ia64_gen_nat_check). The base update of a post-increment
 * carries the NaT of r3 and r2 into r3.
 *
 * Speculation (spec.c): ld.s/ld.sa whose address register is NaT, or
 * whose access faults, write r1 = 0 with its NaT set; chk.s then branches
 * to the recovery code. The ALAT always misses: ld.c reloads, chk.a
 * always takes its recovery branch, which the architecture allows.
 */
#include "frontend/ia64/decode.h"

#if defined(__x86_64__)
#include <emmintrin.h>
#include <string.h>
#endif

/* ---- addresses and post-increment ---------------------------------------- */
static int64_t imm9_load(uint64_t i)
{
    return ia64_sext((uint64_t)ia64_bit(i, 36) << 8 | (uint64_t)ia64_bit(i, 27) << 7 | ia64_field(i, 13, 7), 9);
}

static int64_t imm9_store(uint64_t i)
{
    return ia64_sext((uint64_t)ia64_bit(i, 36) << 8 | (uint64_t)ia64_bit(i, 27) << 7 | ia64_field(i, 6, 7), 9);
}

/* r3 += the post-increment of this form: imm9 for majors 5 and 7 (also
 * the FP forms, fp_mem.c), r2 for majors 4 and 6 with m = 1, none with
 * m = 0; r3's NaT becomes NaT(r3) | NaT(r2). */
void ia64_post_increment(Ia64Ctx *ctx, IrTemp base, bool is_store)
{
    uint64_t i = ctx->insn;
    unsigned r3 = ia64_r3(i), r2 = 0;
    IrTemp inc;
    if (ia64_major(i) == 5 || ia64_major(i) == 7) {
        inc = ia64_imm(ctx, is_store ? imm9_store(i) : imm9_load(i));
    } else if (ia64_bit(i, 36)) {
        r2 = ia64_r2(i);
        inc = ia64_get_gr(ctx, r2);
    } else {
        return;
    }
    IrTemp nat = ir_or(ctx->ir, ia64_get_gr_nat(ctx, r3), ia64_get_gr_nat(ctx, r2));
    ia64_set_gr_nat(ctx, r3, ir_add(ctx->ir, base, inc), nat);
}

static IrMemop size_of(uint64_t i) { return (IrMemop)ia64_field(i, 30, 2); }

/* ---- loads ------------------------------------------------------------------ */
/* ld.s / ld.sa: the value with NaT 0, or 0 with NaT 1 when deferred. */
static void gen_ld_speculative(Ia64Ctx *ctx, IrTemp base)
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    IrLabel defer = ia64_gen_spec_defer(ctx, ia64_r3(i));
    IrLabel done = ir_new_label(ir);
    ia64_set_gr(ctx, ia64_r1(i), ia64_gen_ld(ctx, size_of(i), base));
    ir_br(ir, done);
    ir_label(ir, defer);
    ia64_set_gr_nat(ctx, ia64_r1(i), ia64_imm(ctx, 0), ir_const32(ir, 1));
    ir_label(ir, done);
}

static bool trans_ld(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    if (ia64_mem_is_speculative(i)) {
        gen_ld_speculative(ctx, base);
    } else {
        ia64_gen_nat_check(ctx, ia64_r3(i), 0);
        ia64_set_gr(ctx, ia64_r1(i), ia64_gen_ld(ctx, size_of(i), base));
    }
    ia64_post_increment(ctx, base, false);
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
    ia64_gen_nat_check(ctx, ia64_r3(i), 0);
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    IrTemp v = ia64_gen_ld(ctx, IR_MO_64, base);
    IrTemp unat = ir_ld_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_UNAT));
    IrTemp nat = ir_trunc_i64(ir, ir_andi(ir, ir_shr(ir, unat, unat_bit_index(ctx, base)), 1));
    ia64_post_increment(ctx, base, false);
    ia64_set_gr_nat(ctx, ia64_r1(i), v, nat);
    return true;
}

/* ---- stores ----------------------------------------------------------------- */
static bool trans_st(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    ia64_gen_nat_check(ctx, ia64_r3(i), ia64_r2(i));
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    ia64_gen_st(ctx, size_of(i), base, ia64_get_gr(ctx, ia64_r2(i)));
    ia64_post_increment(ctx, base, true);
    return true;
}

static bool trans_st8_spill(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    ia64_gen_nat_check(ctx, ia64_r3(i), 0);
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    ia64_gen_st(ctx, IR_MO_64, base, ia64_get_gr(ctx, ia64_r2(i)));
    IrTemp bit = unat_bit_index(ctx, base);
    IrTemp nat = ir_ext_i32u(ir, ia64_get_gr_nat(ctx, ia64_r2(i)));
    IrTemp unat = ir_ld_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_UNAT));
    unat = ir_op2(ir, IR_OP_andc, unat, ir_shl(ir, ia64_imm(ctx, 1), bit));
    unat = ir_or(ir, unat, ir_shl(ir, nat, bit));
    ir_st_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_UNAT), unat);
    ia64_post_increment(ctx, base, true);
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
    ia64_gen_nat_check(ctx, ia64_r3(i), ia64_r2(i));
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
    ia64_gen_nat_check(ctx, ia64_r3(i), ia64_r2(i));
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
    ia64_gen_nat_check(ctx, ia64_r3(i), 0);
    IrTemp args[3] = {ia64_get_gr(ctx, ia64_r3(i)), ia64_imm(ctx, inc), ia64_imm(ctx, size_of(i))};
    ia64_set_gr(ctx, ia64_r1(i), ir_call(ctx->ir, &ia64_helper_fetchadd, args));
    return true;
}

/* ---- 16-byte accesses -----------------------------------------------------------
 * ld16 r1, ar.csd = [r3]: one 16-byte read, the 8 bytes at the lower
 * address to r1, the upper 8 to ar.csd. st16 [r3] = r2, ar.csd: the
 * reverse. cmp8xchg16 r1 = [r3], r2, ar.csd, ar.ccv: r1 = the 8 bytes at
 * r3; if they equal ar.ccv, r2 goes to (r3 & ~8) and ar.csd to
 * (r3 & ~8) + 8 in one 16-byte write. Each is atomic (host cmpxchg16b;
 * an aligned SSE load for ld16, atomic on x86-64 hosts with AVX); the
 * address must be 16-byte aligned (8 for cmp8xchg16), which is not
 * checked. Little-endian data only. */
typedef union Ia64Pair {
    unsigned __int128 whole;
    uint64_t half[2]; /* [0]: the lower address */
} Ia64Pair;

#if defined(__x86_64__)
#define IA64_CX16 __attribute__((target("cx16")))
#else
#define IA64_CX16
#endif

static Ia64Pair load_pair(const void *p)
{
    Ia64Pair v;
#if defined(__x86_64__)
    __m128i x = _mm_load_si128((const __m128i *)p);
    memcpy(&v, &x, sizeof(v));
#else
    v.whole = __atomic_load_n((const unsigned __int128 *)p, __ATOMIC_SEQ_CST);
#endif
    return v;
}

/* Replace *p with desired if it still holds *seen; else *seen = *p. */
IA64_CX16 static bool exchange_pair(void *p, Ia64Pair *seen, Ia64Pair desired)
{
    unsigned __int128 old = __sync_val_compare_and_swap((unsigned __int128 *)p, seen->whole, desired.whole);
    bool done = old == seen->whole;
    seen->whole = old;
    return done;
}

static uint64_t ia64_ld16(CpuCommon *env, uint64_t addr)
{
    Ia64Pair v = load_pair(host_addr(env, addr));
    ((Ia64Cpu *)env)->ar[IA64_AR_CSD] = v.half[1];
    return v.half[0];
}

static void ia64_st16(CpuCommon *env, uint64_t addr, uint64_t value)
{
    void *p = host_addr(env, addr);
    Ia64Pair seen = load_pair(p), desired = {.half = {value, ((Ia64Cpu *)env)->ar[IA64_AR_CSD]}};
    while (!exchange_pair(p, &seen, desired))
        ;
}

static uint64_t ia64_cmp8xchg16(CpuCommon *env, uint64_t addr, uint64_t value)
{
    const Ia64Cpu *cpu = (const Ia64Cpu *)env;
    void *p = host_addr(env, addr & ~(uint64_t)15);
    unsigned half = (addr >> 3) & 1;
    Ia64Pair seen = load_pair(p), desired = {.half = {value, cpu->ar[IA64_AR_CSD]}};
    while (seen.half[half] == cpu->ar[IA64_AR_CCV]) {
        if (exchange_pair(p, &seen, desired))
            break;
    }
    return seen.half[half];
}

static const IrHelper ia64_helper_ld16 = {
    .name = "ia64_ld16", .fn = (void *)ia64_ld16, .flags = IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .has_ret = true, .ret = IR_I64, .nargs = 1, .args = {IR_I64},
};
static const IrHelper ia64_helper_st16 = {
    .name = "ia64_st16", .fn = (void *)ia64_st16, .flags = IR_HELPER_READS_ENV | IR_HELPER_MAY_RAISE,
    .has_ret = false, .nargs = 2, .args = {IR_I64, IR_I64},
};
static const IrHelper ia64_helper_cmp8xchg16 = {
    .name = "ia64_cmp8xchg16", .fn = (void *)ia64_cmp8xchg16, .flags = IR_HELPER_READS_ENV | IR_HELPER_MAY_RAISE,
    .has_ret = true, .ret = IR_I64, .nargs = 2, .args = {IR_I64, IR_I64},
};

static bool trans_ld16(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0 || ctx->big_endian)
        return false;
    ia64_gen_nat_check(ctx, ia64_r3(i), 0);
    IrTemp args[1] = {ia64_get_gr(ctx, ia64_r3(i))};
    ia64_set_gr(ctx, ia64_r1(i), ir_call(ctx->ir, &ia64_helper_ld16, args));
    return true;
}

static bool trans_st16(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ctx->big_endian)
        return false;
    ia64_gen_nat_check(ctx, ia64_r3(i), ia64_r2(i));
    IrTemp args[2] = {ia64_get_gr(ctx, ia64_r3(i)), ia64_get_gr(ctx, ia64_r2(i))};
    ir_call(ctx->ir, &ia64_helper_st16, args);
    return true;
}

static bool trans_cmp8xchg16(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0 || ctx->big_endian)
        return false;
    ia64_gen_nat_check(ctx, ia64_r3(i), ia64_r2(i));
    IrTemp args[2] = {ia64_get_gr(ctx, ia64_r3(i)), ia64_get_gr(ctx, ia64_r2(i))};
    ia64_set_gr(ctx, ia64_r1(i), ir_call(ctx->ir, &ia64_helper_cmp8xchg16, args));
    return true;
}

/* ---- lfetch: no access; only the post-increment ---------------------------- */
static bool trans_lfetch(Ia64Ctx *ctx)
{
    ia64_post_increment(ctx, ia64_get_gr(ctx, ia64_r3(ctx->insn)), false);
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
    /* 16-byte forms (x = 1, size 0) */
    {IA64_U_M, 0, IA64_OPS_LD16, M_MASK_X6 | M_M_BIT, M_SEL(4, 0xa, 1), "ld16", trans_ld16, 0},
    {IA64_U_M, 0, IA64_OPS_LD16, M_MASK_X6 | M_M_BIT, M_SEL(4, 0xb, 1), "ld16.acq", trans_ld16, 0},
    {IA64_U_M, 0, IA64_OPS_ST16, M_MASK_X6 | M_M_BIT, M_SEL(4, 0xc, 1), "st16", trans_st16, 0},
    {IA64_U_M, 0, IA64_OPS_ST16, M_MASK_X6 | M_M_BIT, M_SEL(4, 0xd, 1), "st16.rel", trans_st16, 0},
    {IA64_U_M, 0, IA64_OPS_CMP8XCHG16, M_MASK_X6 | M_M_BIT, M_SEL(4, 0x8, 1), "cmp8xchg16.acq", trans_cmp8xchg16, 0},
    {IA64_U_M, 0, IA64_OPS_CMP8XCHG16, M_MASK_X6 | M_M_BIT, M_SEL(4, 0x9, 1), "cmp8xchg16.rel", trans_cmp8xchg16, 0},
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
