/* frontend/ppc/mem.c — PowerPC fixed-point loads and stores: every size,
 * the update (u) and indexed (x) forms, byte-reversed forms, load/store
 * multiple, the string forms (through helpers.c), lwarx/stwcx., the
 * barriers and the cache-management instructions. Memory is big-endian.
 */
#include "backend/exec.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/gen.h"

#define PPC_OP(op) ((uint32_t)(op) << 26)
#define PPC_X31(xo) (PPC_OP(31) | (uint32_t)(xo) << 1)
#define PPC_X19(xo) (PPC_OP(19) | (uint32_t)(xo) << 1)
#define M_D 0xfc000000u
#define M_X 0xfc0007ffu /* X form, bit 31 reserved */

/* The cache-block size dcbz clears; user-mode auxv reports the same. */
enum { PPC_CACHE_LINE = 32 };

#define MO_UB IR_MO_8
#define MO_BEUW ((IrMemop)(IR_MO_16 | IR_MO_BE))
#define MO_BESW ((IrMemop)(IR_MO_16 | IR_MO_SIGN | IR_MO_BE))
#define MO_BEUL ((IrMemop)(IR_MO_32 | IR_MO_BE))
#define MO_LEUW IR_MO_16 /* byte-reversed halfword */
#define MO_LEUL IR_MO_32 /* byte-reversed word */

/* ---- plain loads and stores -------------------------------------------- */

/* rt = memory at the D or X effective address; update: ra = EA (invalid
 * with ra = 0 or ra = rt). */
static bool gen_load(PpcCtx *ctx, IrMemop mo, bool indexed, bool update)
{
    uint32_t i = ctx->insn;
    unsigned rt = ppc_rt(i), ra = ppc_ra(i);
    if (update && (ra == 0 || ra == rt))
        return false;
    IrTemp ea = indexed ? ppc_ea_x(ctx) : ppc_ea_d(ctx);
    IrTemp v = ir_ld(ctx->ir, IR_I32, mo, ea);
    ppc_set_gpr(ctx, rt, v);
    if (update)
        ppc_set_gpr(ctx, ra, ea);
    return true;
}

/* memory at EA = rs; update: ra = EA (invalid with ra = 0). */
static bool gen_store(PpcCtx *ctx, IrMemop mo, bool indexed, bool update)
{
    uint32_t i = ctx->insn;
    unsigned ra = ppc_ra(i);
    if (update && ra == 0)
        return false;
    IrTemp ea = indexed ? ppc_ea_x(ctx) : ppc_ea_d(ctx);
    ir_st(ctx->ir, mo, ea, ppc_gpr(ctx, ppc_rs(i)));
    if (update)
        ppc_set_gpr(ctx, ra, ea);
    return true;
}

static bool trans_lbz(PpcCtx *c) { return gen_load(c, MO_UB, false, false); }
static bool trans_lbzu(PpcCtx *c) { return gen_load(c, MO_UB, false, true); }
static bool trans_lbzx(PpcCtx *c) { return gen_load(c, MO_UB, true, false); }
static bool trans_lbzux(PpcCtx *c) { return gen_load(c, MO_UB, true, true); }
static bool trans_lhz(PpcCtx *c) { return gen_load(c, MO_BEUW, false, false); }
static bool trans_lhzu(PpcCtx *c) { return gen_load(c, MO_BEUW, false, true); }
static bool trans_lhzx(PpcCtx *c) { return gen_load(c, MO_BEUW, true, false); }
static bool trans_lhzux(PpcCtx *c) { return gen_load(c, MO_BEUW, true, true); }
static bool trans_lha(PpcCtx *c) { return gen_load(c, MO_BESW, false, false); }
static bool trans_lhau(PpcCtx *c) { return gen_load(c, MO_BESW, false, true); }
static bool trans_lhax(PpcCtx *c) { return gen_load(c, MO_BESW, true, false); }
static bool trans_lhaux(PpcCtx *c) { return gen_load(c, MO_BESW, true, true); }
static bool trans_lwz(PpcCtx *c) { return gen_load(c, MO_BEUL, false, false); }
static bool trans_lwzu(PpcCtx *c) { return gen_load(c, MO_BEUL, false, true); }
static bool trans_lwzx(PpcCtx *c) { return gen_load(c, MO_BEUL, true, false); }
static bool trans_lwzux(PpcCtx *c) { return gen_load(c, MO_BEUL, true, true); }
static bool trans_lhbrx(PpcCtx *c) { return gen_load(c, MO_LEUW, true, false); }
static bool trans_lwbrx(PpcCtx *c) { return gen_load(c, MO_LEUL, true, false); }

static bool trans_stb(PpcCtx *c) { return gen_store(c, MO_UB, false, false); }
static bool trans_stbu(PpcCtx *c) { return gen_store(c, MO_UB, false, true); }
static bool trans_stbx(PpcCtx *c) { return gen_store(c, MO_UB, true, false); }
static bool trans_stbux(PpcCtx *c) { return gen_store(c, MO_UB, true, true); }
static bool trans_sth(PpcCtx *c) { return gen_store(c, MO_BEUW, false, false); }
static bool trans_sthu(PpcCtx *c) { return gen_store(c, MO_BEUW, false, true); }
static bool trans_sthx(PpcCtx *c) { return gen_store(c, MO_BEUW, true, false); }
static bool trans_sthux(PpcCtx *c) { return gen_store(c, MO_BEUW, true, true); }
static bool trans_stw(PpcCtx *c) { return gen_store(c, MO_BEUL, false, false); }
static bool trans_stwu(PpcCtx *c) { return gen_store(c, MO_BEUL, false, true); }
static bool trans_stwx(PpcCtx *c) { return gen_store(c, MO_BEUL, true, false); }
static bool trans_stwux(PpcCtx *c) { return gen_store(c, MO_BEUL, true, true); }
static bool trans_sthbrx(PpcCtx *c) { return gen_store(c, MO_LEUW, true, false); }
static bool trans_stwbrx(PpcCtx *c) { return gen_store(c, MO_LEUL, true, false); }

/* ---- load/store multiple and string ------------------------------------ */

/* lmw: rt..r31 from consecutive words; invalid if ra is among them. */
static bool trans_lmw(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned rt = ppc_rt(i);
    if (ppc_ra(i) >= rt)
        return false;
    IrTemp ea = ppc_ea_d(ctx);
    for (unsigned r = rt; r < 32; r++) {
        IrTemp a = r == rt ? ea : ir_addi(ctx->ir, ea, 4 * (r - rt));
        ppc_set_gpr(ctx, r, ir_ld(ctx->ir, IR_I32, MO_BEUL, a));
    }
    return true;
}

static bool trans_stmw(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    unsigned rs = ppc_rs(i);
    IrTemp ea = ppc_ea_d(ctx);
    for (unsigned r = rs; r < 32; r++) {
        IrTemp a = r == rs ? ea : ir_addi(ctx->ir, ea, 4 * (r - rs));
        ir_st(ctx->ir, MO_BEUL, a, ppc_gpr(ctx, r));
    }
    return true;
}

static void gen_string(PpcCtx *ctx, const IrHelper *h, IrTemp ea, IrTemp nbytes)
{
    IrTemp args[3] = {ea, ir_const32(ctx->ir, ppc_rt(ctx->insn)), nbytes};
    ir_call(ctx->ir, h, args);
}

/* lswi/stswi: NB bytes (0 means 32) at (ra|0). */
static unsigned ppc_nb(uint32_t i)
{
    unsigned nb = ppc_rb(i);
    return nb ? nb : 32;
}

static bool trans_lswi(PpcCtx *ctx)
{
    gen_string(ctx, &ppc_helper_lsw, ppc_ra_or_zero(ctx), ir_const32(ctx->ir, ppc_nb(ctx->insn)));
    return true;
}

static bool trans_stswi(PpcCtx *ctx)
{
    gen_string(ctx, &ppc_helper_stsw, ppc_ra_or_zero(ctx), ir_const32(ctx->ir, ppc_nb(ctx->insn)));
    return true;
}

/* lswx/stswx: XER[25:31] bytes at (ra|0) + rb. */
static bool trans_lswx(PpcCtx *ctx)
{
    IrTemp ea = ppc_ea_x(ctx);
    gen_string(ctx, &ppc_helper_lsw, ea, ir_ld_env(ctx->ir, IR_I32, PPC_OFF(xer_bc)));
    return true;
}

static bool trans_stswx(PpcCtx *ctx)
{
    IrTemp ea = ppc_ea_x(ctx);
    gen_string(ctx, &ppc_helper_stsw, ea, ir_ld_env(ctx->ir, IR_I32, PPC_OFF(xer_bc)));
    return true;
}

/* ---- reservations -------------------------------------------------------- */

/* lwarx: load and remember (address, value) as the reservation. */
static bool trans_lwarx(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp ea = ppc_ea_x(ctx);
    IrTemp v = ir_ld(ir, IR_I32, MO_BEUL, ea);
    ir_st_env(ir, IR_I64, PPC_OFF(reserve_addr), ir_ext_i32u(ir, ea));
    ir_st_env(ir, IR_I64, PPC_OFF(reserve_val), ir_ext_i32u(ir, v));
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), v);
    return true;
}

/* stwcx.: store rs if the reservation is for this address and memory
 * still holds the reserved value (compare-and-swap); CR0 = EQ on success,
 * SO from XER; the reservation is gone either way. */
static bool trans_stwcx(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp ea = ppc_ea_x(ctx);
    IrTemp ok = ir_new_temp(ir, IR_I32);
    IrLabel fail = ir_new_label(ir), done = ir_new_label(ir);
    IrTemp resv = ir_ld_env(ir, IR_I64, PPC_OFF(reserve_addr));
    ir_brcond(ir, IR_NE, resv, ir_ext_i32u(ir, ea), fail);
    IrTemp expected = ir_trunc_i64(ir, ir_ld_env(ir, IR_I64, PPC_OFF(reserve_val)));
    IrTemp old = ir_cmpxchg(ir, MO_BEUL, ea, expected, ppc_gpr(ctx, ppc_rs(ctx->insn)));
    ir_mov_to(ir, ok, ir_setcond(ir, IR_EQ, old, expected));
    ir_br(ir, done);
    ir_label(ir, fail);
    ir_mov_to(ir, ok, ir_const32(ir, 0));
    ir_label(ir, done);
    IrTemp cr = ir_or(ir, ir_shli(ir, ok, 1), ir_ld_env(ir, IR_I32, PPC_OFF(xer_so)));
    ppc_set_cr(ctx, 0, cr);
    ir_st_env(ir, IR_I64, PPC_OFF(reserve_addr), ir_const64(ir, UINT64_MAX));
    return true;
}

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
    IrTemp line = ir_andi(ir, ppc_ea_x(ctx), ~(uint32_t)(PPC_CACHE_LINE - 1));
    IrTemp zero = ir_const64(ir, 0);
    for (unsigned off = 0; off < PPC_CACHE_LINE; off += 8) {
        IrTemp a = off ? ir_addi(ir, line, off) : line;
        ir_st(ir, (IrMemop)(IR_MO_64 | IR_MO_BE), a, zero);
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
    /* X form: EA = (ra|0) + rb */
    {M_X, PPC_X31(87), "lbzx", trans_lbzx},
    {M_X, PPC_X31(119), "lbzux", trans_lbzux},
    {M_X, PPC_X31(279), "lhzx", trans_lhzx},
    {M_X, PPC_X31(311), "lhzux", trans_lhzux},
    {M_X, PPC_X31(343), "lhax", trans_lhax},
    {M_X, PPC_X31(375), "lhaux", trans_lhaux},
    {M_X, PPC_X31(23), "lwzx", trans_lwzx},
    {M_X, PPC_X31(55), "lwzux", trans_lwzux},
    {M_X, PPC_X31(215), "stbx", trans_stbx},
    {M_X, PPC_X31(247), "stbux", trans_stbux},
    {M_X, PPC_X31(407), "sthx", trans_sthx},
    {M_X, PPC_X31(439), "sthux", trans_sthux},
    {M_X, PPC_X31(151), "stwx", trans_stwx},
    {M_X, PPC_X31(183), "stwux", trans_stwux},
    {M_X, PPC_X31(790), "lhbrx", trans_lhbrx},   /* rt = byte-reversed halfword */
    {M_X, PPC_X31(534), "lwbrx", trans_lwbrx},   /* rt = byte-reversed word */
    {M_X, PPC_X31(918), "sthbrx", trans_sthbrx}, /* byte-reversed halfword = rs */
    {M_X, PPC_X31(662), "stwbrx", trans_stwbrx}, /* byte-reversed word = rs */
    /* strings: NB immediate (0 = 32) at (ra|0), or XER[25:31] at (ra|0) + rb */
    {M_X, PPC_X31(597), "lswi", trans_lswi},
    {M_X, PPC_X31(533), "lswx", trans_lswx},
    {M_X, PPC_X31(725), "stswi", trans_stswi},
    {M_X, PPC_X31(661), "stswx", trans_stswx},
    /* reservations */
    {0xfc0007feu, PPC_X31(20), "lwarx", trans_lwarx},      /* rt = word, reserve (EH free) */
    {M_X, PPC_X31(150) | 1, "stwcx.", trans_stwcx},        /* store if reserved; CR0 */
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
