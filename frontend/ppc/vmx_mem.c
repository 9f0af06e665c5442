/* frontend/ppc/vmx_mem.c — VMX (Altivec) loads and stores, the permute
 * control generators lvsl/lvsr, the data-stream hints, and the VSCR moves
 * mfvscr/mtvscr; the table ppc_vmx_mem_forms.
 *
 * Rules (Power ISA 2.07 Book I, 6.7):
 *  - lvx/stvx and the "least recently used" lvxl/stvxl ignore the low
 *    four bits of EA: the access is the aligned quadword. Big-endian:
 *    register byte i is memory byte q + i; little-endian: q + 15 - i.
 *  - lve[bhw]x load the element at EA (aligned to its size) into the
 *    element slot EA selects; the other elements are undefined. morph
 *    loads the whole aligned quadword, which puts the named element in
 *    that slot in either byte order and never touches another page.
 *  - stve[bhw]x store only the element EA selects (big-endian: element
 *    (EA & 15) / size; little-endian: the mirrored slot, bytes reversed).
 *  - lvsl/lvsr do not depend on the byte order: sh = EA & 15, lvsl gives
 *    bytes sh..sh+15, lvsr bytes 16-sh..31-sh.
 */
#include "frontend/ppc/gen.h"
#include "frontend/ppc/vec.h"

#define OP31(xo) (0x7c000000u | (uint32_t)(xo) << 1)
#define M_X 0xfc0007ffu

static IrTemp to_i64(PpcCtx *ctx, IrTemp v)
{
    return ir_temp_type(ctx->ir, v) == IR_I64 ? v : ir_ext_i32u(ctx->ir, v);
}

/* The aligned quadword address of an X-form EA. */
static IrTemp quad_ea(PpcCtx *ctx)
{
    return ir_andi(ctx->ir, ppc_ea_x(ctx), ~(uint64_t)15);
}

static void load_quad(PpcCtx *ctx, unsigned vsr, IrTemp q)
{
    bool le = ppc_vec_le(ctx);
    IrTemp first = ppc_vec_ld64(ctx, q, 0, le), second = ppc_vec_ld64(ctx, q, 8, le);
    ppc_vsr_st(ctx, vsr, 0, le ? second : first);
    ppc_vsr_st(ctx, vsr, 1, le ? first : second);
}

static bool trans_lvx(PpcCtx *ctx)
{
    load_quad(ctx, ppc_vrt(ctx->insn), quad_ea(ctx));
    return true;
}

static bool trans_stvx(PpcCtx *ctx)
{
    bool le = ppc_vec_le(ctx);
    unsigned vs = ppc_vrt(ctx->insn);
    IrTemp q = quad_ea(ctx);
    IrTemp d0 = ppc_vsr_ld(ctx, vs, 0), d1 = ppc_vsr_ld(ctx, vs, 1);
    ppc_vec_st64(ctx, q, 0, le, le ? d1 : d0);
    ppc_vec_st64(ctx, q, 8, le, le ? d0 : d1);
    return true;
}

/* stvebx/stvehx/stvewx: the element of `size` bytes that EA selects. */
static bool store_element(PpcCtx *ctx, unsigned size)
{
    IrBlock *ir = ctx->ir;
    bool le = ppc_vec_le(ctx);
    unsigned vs = ppc_vrt(ctx->insn);
    IrTemp ea = ir_andi(ir, ppc_ea_x(ctx), ~(uint64_t)(size - 1));
    IrTemp pos = ir_andi(ir, to_i64(ctx, ea), 15);
    if (le) /* register byte offset of the slot */
        pos = ir_sub(ir, ir_const64(ir, 16 - size), pos);
    IrTemp lo_half = ir_setcond(ir, IR_GEU, pos, ir_const64(ir, 8));
    IrTemp dw = ir_movcond(ir, IR_NE, lo_half, ir_const64(ir, 0), ppc_vsr_ld(ctx, vs, 1),
                           ppc_vsr_ld(ctx, vs, 0));
    /* shift = 64 - 8 * size - 8 * (pos & 7) */
    IrTemp shift = ir_sub(ir, ir_const64(ir, 64 - 8 * size), ir_shli(ir, ir_andi(ir, pos, 7), 3));
    IrTemp v = ir_trunc_i64(ir, ir_shr(ir, dw, shift));
    static const IrMemop sizes[5] = {[1] = IR_MO_8, [2] = IR_MO_16, [4] = IR_MO_32};
    IrMemop mo = sizes[size];
    if (!le && size > 1)
        mo = (IrMemop)(mo | IR_MO_BE);
    ir_st(ir, mo, ea, v);
    return true;
}

static bool trans_stvebx(PpcCtx *ctx)
{
    return store_element(ctx, 1);
}
static bool trans_stvehx(PpcCtx *ctx)
{
    return store_element(ctx, 2);
}
static bool trans_stvewx(PpcCtx *ctx)
{
    return store_element(ctx, 4);
}

/* lvsl/lvsr: byte i = base + i + sh (lvsl: base 0) or base + i - sh
 * (lvsr: base 16); computed on the doublewords without carries. */
static bool gen_lvs(PpcCtx *ctx, bool right)
{
    IrBlock *ir = ctx->ir;
    unsigned vt = ppc_vrt(ctx->insn);
    IrTemp sh = ir_andi(ir, to_i64(ctx, ppc_ea_x(ctx)), 15);
    IrTemp splat = ir_op2(ir, IR_OP_mul, sh, ir_const64(ir, 0x0101010101010101ull));
    uint64_t base0 = right ? 0x1011121314151617ull : 0x0001020304050607ull;
    uint64_t base1 = base0 + 0x0808080808080808ull;
    IrOpcode op = right ? IR_OP_sub : IR_OP_add;
    ppc_vsr_st(ctx, vt, 0, ir_op2(ir, op, ir_const64(ir, base0), splat));
    ppc_vsr_st(ctx, vt, 1, ir_op2(ir, op, ir_const64(ir, base1), splat));
    return true;
}

static bool trans_lvsl(PpcCtx *ctx)
{
    return gen_lvs(ctx, false);
}
static bool trans_lvsr(PpcCtx *ctx)
{
    return gen_lvs(ctx, true);
}

/* Data-stream touch and stop: hints, nothing to do. */
static bool trans_stream_hint(PpcCtx *ctx)
{
    (void)ctx;
    return true;
}

/* mfvscr VRT: VRT = 96 zero bits || VSCR. */
static bool trans_mfvscr(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    unsigned vt = ppc_vrt(ctx->insn);
    ppc_vsr_st(ctx, vt, 0, ir_const64(ir, 0));
    ppc_vsr_st(ctx, vt, 1, ir_ext_i32u(ir, ir_ld_env(ir, IR_I32, PPC_OFF(vscr))));
    return true;
}

/* mtvscr VRB: VSCR = word 3 of VRB (only NJ and SAT exist). */
static bool trans_mtvscr(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp w = ir_trunc_i64(ir, ppc_vsr_ld(ctx, ppc_vrb(ctx->insn), 1));
    ir_st_env(ir, IR_I32, PPC_OFF(vscr), ir_andi(ir, w, PPC_VSCR_NJ | PPC_VSCR_SAT));
    return true;
}

const PpcInsnForm ppc_vmx_mem_forms[] = {
    {M_X, OP31(103), "lvx", trans_lvx},       /* VRT = quadword at EA & ~15 */
    {M_X, OP31(359), "lvxl", trans_lvx},      /* the same, hint: least recently used */
    {M_X, OP31(231), "stvx", trans_stvx},     /* quadword at EA & ~15 = VRS */
    {M_X, OP31(487), "stvxl", trans_stvx},
    {M_X, OP31(7), "lvebx", trans_lvx},       /* VRT element at EA = byte (rest undefined) */
    {M_X, OP31(39), "lvehx", trans_lvx},      /* ... halfword */
    {M_X, OP31(71), "lvewx", trans_lvx},      /* ... word */
    {M_X, OP31(135), "stvebx", trans_stvebx}, /* byte at EA = element EA selects */
    {M_X, OP31(167), "stvehx", trans_stvehx}, /* halfword ... */
    {M_X, OP31(199), "stvewx", trans_stvewx}, /* word ... */
    {M_X, OP31(6), "lvsl", trans_lvsl},       /* VRT bytes = sh .. sh+15, sh = EA & 15 */
    {M_X, OP31(38), "lvsr", trans_lvsr},      /* VRT bytes = 16-sh .. 31-sh */
    {0xfd8007ffu, OP31(342), "dst", trans_stream_hint},   /* data stream touch */
    {0xfd8007ffu, OP31(374), "dstst", trans_stream_hint}, /* ... for store */
    {0xfd9ff7ffu, OP31(822), "dss", trans_stream_hint},   /* data stream stop (A: all) */
    {0xffff07ffu, 0x10000644u, "mtvscr", trans_mtvscr},   /* VSCR = VRB[96:127] */
    {0xfc1fffffu, 0x10000604u, "mfvscr", trans_mfvscr},   /* VRT = VSCR, zero-extended */
    {0, 0, NULL, NULL},
};
