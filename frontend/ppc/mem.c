/* frontend/ppc/mem.c — PowerPC fixed-point loads and stores: every size
 * (doublewords and lwa in 64-bit mode), the update (u) and indexed (x)
 * forms, byte-reversed forms, load/store multiple, the string forms
 * (through helpers.c), the reservations l[bhwd]arx/st[bhwd]cx., the
 * barriers and the cache-management instructions. Memory is in the
 * block's byte order (big-endian, or little-endian with MSR[LE]); the
 * byte-reversed forms access the other order. In an e500 block with
 * debug events armed each access is first checked against the data
 * address compare registers (gen_dac).
 */
#include "backend/exec.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/e500.h"
#include "frontend/ppc/gen.h"

#define PPC_OP(op) ((uint32_t)(op) << 26)
#define PPC_X31(xo) (PPC_OP(31) | (uint32_t)(xo) << 1)
#define PPC_X19(xo) (PPC_OP(19) | (uint32_t)(xo) << 1)
#define M_D 0xfc000000u
#define M_X 0xfc0007ffu /* X form, bit 31 reserved */

/* The cache-block size dcbz clears; user-mode auxv reports the same
 * (POWER8's 128 bytes in 64-bit mode). */
enum { PPC_CACHE_LINE = 32, PPC64_CACHE_LINE = 128 };

/* Access sizes and signedness; the byte order is added per block
 * (ppc_mo: the guest's order, ppc_mo_rev: the byte-reversed forms). */
#define MO_UB IR_MO_8
#define MO_UW IR_MO_16
#define MO_SW ((IrMemop)(IR_MO_16 | IR_MO_SIGN))
#define MO_UL IR_MO_32
#define MO_SL ((IrMemop)(IR_MO_32 | IR_MO_SIGN))
#define MO_Q IR_MO_64

/* How a form finds its effective address. */
typedef enum EaForm {
    EA_D,   /* (ra|0) + d */
    EA_X,   /* (ra|0) + rb */
    EA_DS,  /* (ra|0) + ds << 2 (the doubleword forms) */
    EA_XR,  /* (ra|0) + rb, byte-reversed access */
} EaForm;

static IrTemp gen_ea(PpcCtx *ctx, EaForm form)
{
    return form == EA_D ? ppc_ea_d(ctx) : form == EA_DS ? ppc_ea_ds(ctx) : ppc_ea_x(ctx);
}

static IrMemop form_mo(PpcCtx *ctx, IrMemop mo, EaForm form)
{
    return form == EA_XR ? ppc_mo_rev(ctx, mo) : ppc_mo(ctx, mo);
}

/* The e500's data address compare of nbytes at ea (nothing unless the
 * block has debug events armed). */
static void gen_dac(PpcCtx *ctx, IrTemp ea, unsigned nbytes, bool store)
{
    if (ctx->ir->tb_flags & PPC_TBF_DEBUG)
        ppc_booke_gen_dac(ctx, ea, ir_const32(ctx->ir, nbytes), store);
}

static unsigned mo_bytes(IrMemop mo) { return 1u << (mo & IR_MO_SIZE); }

/* ---- plain loads and stores -------------------------------------------- */

/* rt = memory at the effective address, extended to the GPR width;
 * update: ra = EA (invalid with ra = 0 or ra = rt). Doubleword and
 * word-algebraic forms exist in 64-bit mode only. */
static bool gen_load(PpcCtx *ctx, IrMemop mo, EaForm form, bool update)
{
    uint32_t i = ctx->insn;
    unsigned rt = ppc_rt(i), ra = ppc_ra(i);
    if (update && (ra == 0 || ra == rt))
        return false;
    if (!ctx->sf && ((mo & IR_MO_SIZE) == IR_MO_64 || mo == MO_SL))
        return false;
    IrTemp ea = gen_ea(ctx, form);
    gen_dac(ctx, ea, mo_bytes(mo), false);
    IrTemp v = ir_ld(ctx->ir, ctx->gty, form_mo(ctx, mo, form), ea);
    ppc_set_gpr(ctx, rt, v);
    if (update)
        ppc_set_gpr(ctx, ra, ea);
    return true;
}

/* memory at EA = rs (its low bytes); update: ra = EA (invalid with ra = 0). */
static bool gen_store(PpcCtx *ctx, IrMemop mo, EaForm form, bool update)
{
    uint32_t i = ctx->insn;
    unsigned ra = ppc_ra(i);
    if (update && ra == 0)
        return false;
    if (!ctx->sf && (mo & IR_MO_SIZE) == IR_MO_64)
        return false;
    IrTemp ea = gen_ea(ctx, form);
    gen_dac(ctx, ea, mo_bytes(mo), true);
    ir_st(ctx->ir, form_mo(ctx, mo, form), ea, ppc_gpr(ctx, ppc_rs(i)));
    if (update)
        ppc_set_gpr(ctx, ra, ea);
    return true;
}

static bool trans_lbz(PpcCtx *c) { return gen_load(c, MO_UB, EA_D, false); }
static bool trans_lbzu(PpcCtx *c) { return gen_load(c, MO_UB, EA_D, true); }
static bool trans_lbzx(PpcCtx *c) { return gen_load(c, MO_UB, EA_X, false); }
static bool trans_lbzux(PpcCtx *c) { return gen_load(c, MO_UB, EA_X, true); }
static bool trans_lhz(PpcCtx *c) { return gen_load(c, MO_UW, EA_D, false); }
static bool trans_lhzu(PpcCtx *c) { return gen_load(c, MO_UW, EA_D, true); }
static bool trans_lhzx(PpcCtx *c) { return gen_load(c, MO_UW, EA_X, false); }
static bool trans_lhzux(PpcCtx *c) { return gen_load(c, MO_UW, EA_X, true); }
static bool trans_lha(PpcCtx *c) { return gen_load(c, MO_SW, EA_D, false); }
static bool trans_lhau(PpcCtx *c) { return gen_load(c, MO_SW, EA_D, true); }
static bool trans_lhax(PpcCtx *c) { return gen_load(c, MO_SW, EA_X, false); }
static bool trans_lhaux(PpcCtx *c) { return gen_load(c, MO_SW, EA_X, true); }
static bool trans_lwz(PpcCtx *c) { return gen_load(c, MO_UL, EA_D, false); }
static bool trans_lwzu(PpcCtx *c) { return gen_load(c, MO_UL, EA_D, true); }
static bool trans_lwzx(PpcCtx *c) { return gen_load(c, MO_UL, EA_X, false); }
static bool trans_lwzux(PpcCtx *c) { return gen_load(c, MO_UL, EA_X, true); }
static bool trans_lwa(PpcCtx *c) { return gen_load(c, MO_SL, EA_DS, false); }
static bool trans_lwax(PpcCtx *c) { return gen_load(c, MO_SL, EA_X, false); }
static bool trans_lwaux(PpcCtx *c) { return gen_load(c, MO_SL, EA_X, true); }
static bool trans_ld(PpcCtx *c) { return gen_load(c, MO_Q, EA_DS, false); }
static bool trans_ldu(PpcCtx *c) { return gen_load(c, MO_Q, EA_DS, true); }
static bool trans_ldx(PpcCtx *c) { return gen_load(c, MO_Q, EA_X, false); }
static bool trans_ldux(PpcCtx *c) { return gen_load(c, MO_Q, EA_X, true); }
static bool trans_lhbrx(PpcCtx *c) { return gen_load(c, MO_UW, EA_XR, false); }
static bool trans_lwbrx(PpcCtx *c) { return gen_load(c, MO_UL, EA_XR, false); }
static bool trans_ldbrx(PpcCtx *c) { return gen_load(c, MO_Q, EA_XR, false); }

static bool trans_stb(PpcCtx *c) { return gen_store(c, MO_UB, EA_D, false); }
static bool trans_stbu(PpcCtx *c) { return gen_store(c, MO_UB, EA_D, true); }
static bool trans_stbx(PpcCtx *c) { return gen_store(c, MO_UB, EA_X, false); }
static bool trans_stbux(PpcCtx *c) { return gen_store(c, MO_UB, EA_X, true); }
static bool trans_sth(PpcCtx *c) { return gen_store(c, MO_UW, EA_D, false); }
static bool trans_sthu(PpcCtx *c) { return gen_store(c, MO_UW, EA_D, true); }
static bool trans_sthx(PpcCtx *c) { return gen_store(c, MO_UW, EA_X, false); }
static bool trans_sthux(PpcCtx *c) { return gen_store(c, MO_UW, EA_X, true); }
static bool trans_stw(PpcCtx *c) { return gen_store(c, MO_UL, EA_D, false); }
static bool trans_stwu(PpcCtx *c) { return gen_store(c, MO_UL, EA_D, true); }
static bool trans_stwx(PpcCtx *c) { return gen_store(c, MO_UL, EA_X, false); }
static bool trans_stwux(PpcCtx *c) { return gen_store(c, MO_UL, EA_X, true); }
static bool trans_std(PpcCtx *c) { return gen_store(c, MO_Q, EA_DS, false); }
static bool trans_stdu(PpcCtx *c) { return gen_store(c, MO_Q, EA_DS, true); }
static bool trans_stdx(PpcCtx *c) { return gen_store(c, MO_Q, EA_X, false); }
static bool trans_stdux(PpcCtx *c) { return gen_store(c, MO_Q, EA_X, true); }
static bool trans_sthbrx(PpcCtx *c) { return gen_store(c, MO_UW, EA_XR, false); }
static bool trans_stwbrx(PpcCtx *c) { return gen_store(c, MO_UL, EA_XR, false); }
static bool trans_stdbrx(PpcCtx *c) { return gen_store(c, MO_Q, EA_XR, false); }

/* ---- load/store multiple and string ------------------------------------ */

/* lmw: rt..r31 from consecutive words (zero-extended); invalid if ra is
 * among them. lmw/stmw and the string forms are big-endian-only (an
 * alignment interrupt in little-endian mode). */
static bool trans_lmw(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned rt = ppc_rt(i);
    if (ppc_ra(i) >= rt || ctx->le)
        return false;
    IrTemp ea = ppc_ea_d(ctx);
    gen_dac(ctx, ea, 4 * (32 - rt), false);
    for (unsigned r = rt; r < 32; r++) {
        IrTemp a = r == rt ? ea : ir_addi(ctx->ir, ea, 4 * (r - rt));
        ppc_set_gpr(ctx, r, ir_ld(ctx->ir, ctx->gty, ppc_mo(ctx, MO_UL), a));
    }
    return true;
}

static bool trans_stmw(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned rs = ppc_rs(i);
    if (ctx->le)
        return false;
    IrTemp ea = ppc_ea_d(ctx);
    gen_dac(ctx, ea, 4 * (32 - rs), true);
    for (unsigned r = rs; r < 32; r++) {
        IrTemp a = r == rs ? ea : ir_addi(ctx->ir, ea, 4 * (r - rs));
        ir_st(ctx->ir, ppc_mo(ctx, MO_UL), a, ppc_gpr(ctx, r));
    }
    return true;
}

/* The string helpers take 32-bit addresses: 64-bit mode does not have
 * them here (nor does little-endian mode). */
static bool gen_string(PpcCtx *ctx, const IrHelper *h, IrTemp ea, IrTemp nbytes)
{
    if (ctx->sf || ctx->le)
        return false;
    ppc_booke_gen_dac(ctx, ea, nbytes, h == &ppc_helper_stsw);
    IrTemp args[3] = {ea, ir_const32(ctx->ir, ppc_rt(ctx->insn)), nbytes};
    ir_call(ctx->ir, h, args);
    return true;
}

/* lswi/stswi: NB bytes (0 means 32) at (ra|0). */
static unsigned ppc_nb(uint32_t i)
{
    unsigned nb = ppc_rb(i);
    return nb ? nb : 32;
}

static bool trans_lswi(PpcCtx *ctx)
{
    return gen_string(ctx, &ppc_helper_lsw, ppc_ra_or_zero(ctx),
                      ir_const32(ctx->ir, ppc_nb(ctx->insn)));
}

static bool trans_stswi(PpcCtx *ctx)
{
    return gen_string(ctx, &ppc_helper_stsw, ppc_ra_or_zero(ctx),
                      ir_const32(ctx->ir, ppc_nb(ctx->insn)));
}

/* lswx/stswx: XER[25:31] bytes at (ra|0) + rb. */
static bool trans_lswx(PpcCtx *ctx)
{
    IrTemp ea = ppc_ea_x(ctx);
    return gen_string(ctx, &ppc_helper_lsw, ea, ir_ld_env(ctx->ir, IR_I32, PPC_OFF(xer_bc)));
}

static bool trans_stswx(PpcCtx *ctx)
{
    IrTemp ea = ppc_ea_x(ctx);
    return gen_string(ctx, &ppc_helper_stsw, ea, ir_ld_env(ctx->ir, IR_I32, PPC_OFF(xer_bc)));
}

/* ---- reservations -------------------------------------------------------- */

/* The reservation is kept as 64-bit values whatever the mode. */
static IrTemp to_i64(PpcCtx *ctx, IrTemp v)
{
    return ctx->gty == IR_I64 ? v : ir_ext_i32u(ctx->ir, v);
}

/* l[bhwd]arx: load (zero-extended) and remember (address, value) as the
 * reservation. The EH hint (bit 31) is ignored. */
static bool gen_larx(PpcCtx *ctx, IrMemop mo)
{
    IrBlock *ir = ctx->ir;
    if (!ctx->sf && mo == MO_Q)
        return false;
    IrTemp ea = ppc_ea_x(ctx);
    gen_dac(ctx, ea, mo_bytes(mo), false);
    IrTemp v = ir_ld(ir, ctx->gty, ppc_mo(ctx, mo), ea);
    ir_st_env(ir, IR_I64, PPC_OFF(reserve_addr), to_i64(ctx, ea));
    ir_st_env(ir, IR_I64, PPC_OFF(reserve_val), to_i64(ctx, v));
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), v);
    return true;
}

static bool trans_lbarx(PpcCtx *c) { return gen_larx(c, MO_UB); }
static bool trans_lharx(PpcCtx *c) { return gen_larx(c, MO_UW); }
static bool trans_lwarx(PpcCtx *c) { return gen_larx(c, MO_UL); }
static bool trans_ldarx(PpcCtx *c) { return gen_larx(c, MO_Q); }

/* st[bhwd]cx.: store rs if the reservation is for this address and
 * memory still holds the reserved value (compare-and-swap); CR0 = EQ on
 * success, SO from XER; the reservation is gone either way.
 * The compare-and-swap is atomic against every other guest thread (a
 * host lock cmpxchg), so counters, locks and queues built on larx/stcx.
 * stay exact under contention. Its limit is ABA: a store by another
 * thread that leaves the same value behind (A -> B -> A) does not fail
 * the stcx. as it would on hardware, where any store to the reservation
 * granule does. Code that relies on that to detect reuse (an LL/SC
 * lock-free stack without a generation count) can misbehave; a plain
 * store of a new value is always seen. */
static bool gen_stcx(PpcCtx *ctx, IrMemop mo)
{
    IrBlock *ir = ctx->ir;
    if (!ctx->sf && mo == MO_Q)
        return false;
    IrTemp ea = ppc_ea_x(ctx);
    gen_dac(ctx, ea, mo_bytes(mo), true);
    IrTemp ok = ir_new_temp(ir, IR_I32);
    IrLabel fail = ir_new_label(ir), done = ir_new_label(ir);
    IrTemp resv = ir_ld_env(ir, IR_I64, PPC_OFF(reserve_addr));
    ir_brcond(ir, IR_NE, resv, to_i64(ctx, ea), fail);
    IrTemp expected = ir_ld_env(ir, IR_I64, PPC_OFF(reserve_val));
    if (ctx->gty == IR_I32)
        expected = ir_trunc_i64(ir, expected);
    IrTemp old = ir_cmpxchg(ir, ppc_mo(ctx, mo), ea, expected, ppc_gpr(ctx, ppc_rs(ctx->insn)));
    ir_mov_to(ir, ok, ppc_to_i32(ctx, ir_setcond(ir, IR_EQ, old, expected)));
    ir_br(ir, done);
    ir_label(ir, fail);
    ir_mov_to(ir, ok, ir_const32(ir, 0));
    ir_label(ir, done);
    IrTemp cr = ir_or(ir, ir_shli(ir, ok, 1), ir_ld_env(ir, IR_I32, PPC_OFF(xer_so)));
    ppc_set_cr(ctx, 0, cr);
    ir_st_env(ir, IR_I64, PPC_OFF(reserve_addr), ir_const64(ir, UINT64_MAX));
    return true;
}

static bool trans_stbcx(PpcCtx *c) { return gen_stcx(c, MO_UB); }
static bool trans_sthcx(PpcCtx *c) { return gen_stcx(c, MO_UW); }
static bool trans_stwcx(PpcCtx *c) { return gen_stcx(c, MO_UL); }
static bool trans_stdcx(PpcCtx *c) { return gen_stcx(c, MO_Q); }

/* ---- barriers and caches -------------------------------------------------- */

static bool trans_fence(PpcCtx *ctx)
{
    ir_fence(ctx->ir);
    return true;
}

/* Cache hints and flushes: nothing to do for an emulated cache. */
static bool trans_cache_nop(PpcCtx *ctx)
{
    (void)ctx;
    return true;
}

/* dcbz: zero the aligned cache block holding EA. */
static bool trans_dcbz(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    unsigned size = ctx->sf ? PPC64_CACHE_LINE : PPC_CACHE_LINE;
    IrTemp line = ir_andi(ir, ppc_ea_x(ctx), ~(uint64_t)(size - 1));
    gen_dac(ctx, line, size, true);
    IrTemp zero = ir_const64(ir, 0);
    for (unsigned off = 0; off < size; off += 8) {
        IrTemp a = off ? ir_addi(ir, line, off) : line;
        ir_st(ir, ppc_mo(ctx, MO_Q), a, zero);
    }
    return true;
}

const PpcInsnForm ppc_mem_forms[] = {
    /* D form: EA = (ra|0) + d */
    {M_D, PPC_OP(34), "lbz", trans_lbz},     /* rt = zero-extended byte */
    {M_D, PPC_OP(35), "lbzu", trans_lbzu},   /* the same, ra = EA */
    {M_D, PPC_OP(40), "lhz", trans_lhz},     /* rt = zero-extended halfword */
    {M_D, PPC_OP(41), "lhzu", trans_lhzu},
    {M_D, PPC_OP(42), "lha", trans_lha},     /* rt = sign-extended halfword */
    {M_D, PPC_OP(43), "lhau", trans_lhau},
    {M_D, PPC_OP(32), "lwz", trans_lwz},     /* rt = word */
    {M_D, PPC_OP(33), "lwzu", trans_lwzu},
    {M_D, PPC_OP(38), "stb", trans_stb},     /* byte = rs */
    {M_D, PPC_OP(39), "stbu", trans_stbu},
    {M_D, PPC_OP(44), "sth", trans_sth},     /* halfword = rs */
    {M_D, PPC_OP(45), "sthu", trans_sthu},
    {M_D, PPC_OP(36), "stw", trans_stw},     /* word = rs */
    {M_D, PPC_OP(37), "stwu", trans_stwu},
    {M_D, PPC_OP(46), "lmw", trans_lmw},     /* rt..r31 = words */
    {M_D, PPC_OP(47), "stmw", trans_stmw},   /* words = rs..r31 */
    /* DS form: EA = (ra|0) + ds << 2 (64-bit mode) */
    {0xfc000003u, PPC_OP(58) | 0, "ld", trans_ld},     /* rt = doubleword */
    {0xfc000003u, PPC_OP(58) | 1, "ldu", trans_ldu},
    {0xfc000003u, PPC_OP(58) | 2, "lwa", trans_lwa},   /* rt = sign-extended word */
    {0xfc000003u, PPC_OP(62) | 0, "std", trans_std},   /* doubleword = rs */
    {0xfc000003u, PPC_OP(62) | 1, "stdu", trans_stdu},
    /* X form: EA = (ra|0) + rb */
    {M_X, PPC_X31(87), "lbzx", trans_lbzx},
    {M_X, PPC_X31(119), "lbzux", trans_lbzux},
    {M_X, PPC_X31(279), "lhzx", trans_lhzx},
    {M_X, PPC_X31(311), "lhzux", trans_lhzux},
    {M_X, PPC_X31(343), "lhax", trans_lhax},
    {M_X, PPC_X31(375), "lhaux", trans_lhaux},
    {M_X, PPC_X31(23), "lwzx", trans_lwzx},
    {M_X, PPC_X31(55), "lwzux", trans_lwzux},
    {M_X, PPC_X31(341), "lwax", trans_lwax},
    {M_X, PPC_X31(373), "lwaux", trans_lwaux},
    {M_X, PPC_X31(21), "ldx", trans_ldx},
    {M_X, PPC_X31(53), "ldux", trans_ldux},
    {M_X, PPC_X31(215), "stbx", trans_stbx},
    {M_X, PPC_X31(247), "stbux", trans_stbux},
    {M_X, PPC_X31(407), "sthx", trans_sthx},
    {M_X, PPC_X31(439), "sthux", trans_sthux},
    {M_X, PPC_X31(151), "stwx", trans_stwx},
    {M_X, PPC_X31(183), "stwux", trans_stwux},
    {M_X, PPC_X31(149), "stdx", trans_stdx},
    {M_X, PPC_X31(181), "stdux", trans_stdux},
    {M_X, PPC_X31(790), "lhbrx", trans_lhbrx},   /* rt = byte-reversed halfword */
    {M_X, PPC_X31(534), "lwbrx", trans_lwbrx},   /* rt = byte-reversed word */
    {M_X, PPC_X31(918), "sthbrx", trans_sthbrx}, /* byte-reversed halfword = rs */
    {M_X, PPC_X31(662), "stwbrx", trans_stwbrx}, /* byte-reversed word = rs */
    {M_X, PPC_X31(532), "ldbrx", trans_ldbrx},   /* rt = byte-reversed doubleword */
    {M_X, PPC_X31(660), "stdbrx", trans_stdbrx}, /* byte-reversed doubleword = rs */
    /* strings: NB immediate (0 = 32) at (ra|0), or XER[25:31] at (ra|0) + rb */
    {M_X, PPC_X31(597), "lswi", trans_lswi},
    {M_X, PPC_X31(533), "lswx", trans_lswx},
    {M_X, PPC_X31(725), "stswi", trans_stswi},
    {M_X, PPC_X31(661), "stswx", trans_stswx},
    /* reservations */
    {0xfc0007feu, PPC_X31(20), "lwarx", trans_lwarx},      /* rt = word, reserve (EH free) */
    {M_X, PPC_X31(150) | 1, "stwcx.", trans_stwcx},        /* store if reserved; CR0 */
    {0xfc0007feu, PPC_X31(52), "lbarx", trans_lbarx},      /* rt = byte, reserve */
    {0xfc0007feu, PPC_X31(116), "lharx", trans_lharx},     /* rt = halfword, reserve */
    {0xfc0007feu, PPC_X31(84), "ldarx", trans_ldarx},      /* rt = doubleword, reserve */
    {M_X, PPC_X31(694) | 1, "stbcx.", trans_stbcx},
    {M_X, PPC_X31(726) | 1, "sthcx.", trans_sthcx},
    {M_X, PPC_X31(214) | 1, "stdcx.", trans_stdcx},
    /* barriers */
    {M_X, PPC_X31(598), "sync", trans_fence},   /* sync / lwsync (L field) */
    {M_X, PPC_X31(854), "eieio", trans_fence},
    {M_X, PPC_X19(150), "isync", trans_fence},
    /* cache management */
    {M_X, PPC_X31(1014), "dcbz", trans_dcbz},       /* zero the 32-byte block */
    {M_X, PPC_X31(86), "dcbf", trans_cache_nop},
    {M_X, PPC_X31(54), "dcbst", trans_cache_nop},
    {M_X, PPC_X31(278), "dcbt", trans_cache_nop},
    {M_X, PPC_X31(246), "dcbtst", trans_cache_nop},
    {M_X, PPC_X31(982), "icbi", trans_cache_nop},
    {M_X, PPC_X31(758), "dcba", trans_cache_nop},
    {0, 0, NULL, NULL},
};
