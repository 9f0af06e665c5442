/* frontend/ia64/translate.c — the IA-64 block translator: the template
 * table, the decode index over the form tables, the generators every
 * handler shares (decode.h), and the per-block loop (fetch a bundle,
 * translate its slots from the starting one, predicate, stop).
 *
 * Instructions of one instruction group are translated one after another:
 * the architecture forbids the register dependencies inside a group for
 * which that would differ (and allows compare -> branch on a predicate,
 * which sequential order gets right).
 */
#include <signal.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "frontend/guest.h"
#include "frontend/ia64/decode.h"
#include "util/log.h"

/* ---- templates --------------------------------------------------------- */
#define T(a, b, c, stops) {{IA64_UNIT_##a, IA64_UNIT_##b, IA64_UNIT_##c}, stops}
#define RESERVED {{IA64_UNIT_NONE, IA64_UNIT_NONE, IA64_UNIT_NONE}, 0}
const Ia64Template ia64_templates[32] = {
    T(M, I, I, 0), T(M, I, I, 4), T(M, I, I, 2), T(M, I, I, 6),   /* 00-03 MII, MI;;I */
    T(M, L, X, 0), T(M, L, X, 4), RESERVED, RESERVED,             /* 04-05 MLX */
    T(M, M, I, 0), T(M, M, I, 4), T(M, M, I, 1), T(M, M, I, 5),   /* 08-0b MMI, M;;MI */
    T(M, F, I, 0), T(M, F, I, 4), T(M, M, F, 0), T(M, M, F, 4),   /* 0c-0f MFI, MMF */
    T(M, I, B, 0), T(M, I, B, 4), T(M, B, B, 0), T(M, B, B, 4),   /* 10-13 MIB, MBB */
    RESERVED, RESERVED, T(B, B, B, 0), T(B, B, B, 4),             /* 16-17 BBB */
    T(M, M, B, 0), T(M, M, B, 4), RESERVED, RESERVED,             /* 18-19 MMB */
    T(M, F, B, 0), T(M, F, B, 4), RESERVED, RESERVED,             /* 1c-1d MFB */
};
#undef T
#undef RESERVED

/* ---- the decode index: rows per (unit, major opcode) ------------------------ */
typedef struct Ia64Bucket {
    const Ia64Form **forms;
    unsigned n;
} Ia64Bucket;

static Ia64Bucket ia64_index[IA64_NUNITS][16];

static gpointer ia64_index_build(gpointer unused)
{
    (void)unused;
    const Ia64Form *const tables[] = {ia64_sys_forms, ia64_alu_forms, ia64_ishift_forms,
                                      ia64_mem_forms, ia64_branch_forms, ia64_mm_forms,
                                      ia64_f_unit_forms};
    GPtrArray *lists[IA64_NUNITS][16];
    for (unsigned u = 0; u < IA64_NUNITS; u++)
        for (unsigned op = 0; op < 16; op++)
            lists[u][op] = g_ptr_array_new();
    for (size_t t = 0; t < G_N_ELEMENTS(tables); t++) {
        for (const Ia64Form *f = tables[t]; f->name; f++) {
            for (unsigned u = 0; u < IA64_NUNITS; u++) {
                if (!(f->units & (1u << u)))
                    continue;
                for (unsigned op = 0; op < 16; op++) {
                    if ((((uint64_t)op << 37 ^ f->match) & f->mask & ((uint64_t)15 << 37)) == 0)
                        g_ptr_array_add(lists[u][op], (gpointer)f);
                }
            }
        }
    }
    for (unsigned u = 0; u < IA64_NUNITS; u++) {
        for (unsigned op = 0; op < 16; op++) {
            ia64_index[u][op].n = lists[u][op]->len;
            ia64_index[u][op].forms = (const Ia64Form **)g_ptr_array_free(lists[u][op], FALSE);
        }
    }
    return NULL;
}

const Ia64Form *ia64_find_form(Ia64Unit unit, uint64_t insn)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, ia64_index_build, NULL);
    if (unit >= IA64_NUNITS)
        return NULL;
    const Ia64Bucket *b = &ia64_index[unit][ia64_major(insn)];
    for (unsigned i = 0; i < b->n; i++) {
        if ((insn & b->forms[i]->mask) == b->forms[i]->match)
            return b->forms[i];
    }
    return NULL;
}

/* ---- register renaming ----------------------------------------------------- */
unsigned ia64_gr_index(const Ia64Ctx *ctx, unsigned r)
{
    if (r >= 32 && r - 32 < ctx->sor)
        return 32 + (r - 32 + ctx->rrb_gr) % ctx->sor;
    return r;
}

unsigned ia64_fr_index(const Ia64Ctx *ctx, unsigned f)
{
    return f >= 32 ? 32 + (f - 32 + ctx->rrb_fr) % 96 : f;
}

unsigned ia64_pr_index(const Ia64Ctx *ctx, unsigned p)
{
    return p >= 16 ? 16 + (p - 16 + ctx->rrb_pr) % 48 : p;
}

/* ---- register access ------------------------------------------------------- */
IrTemp ia64_imm(Ia64Ctx *ctx, int64_t v)
{
    return ir_const64(ctx->ir, (uint64_t)v);
}

IrTemp ia64_get_gr(Ia64Ctx *ctx, unsigned r)
{
    if (r == 0)
        return ia64_imm(ctx, 0);
    return ir_ld_env(ctx->ir, IR_I64, IA64_GR_OFF(ia64_gr_index(ctx, r)));
}

IrTemp ia64_get_gr_nat(Ia64Ctx *ctx, unsigned r)
{
    if (r == 0)
        return ir_const32(ctx->ir, 0);
    return ir_ld_env(ctx->ir, IR_I32, IA64_GRNAT_OFF(ia64_gr_index(ctx, r)));
}

void ia64_set_gr_nat(Ia64Ctx *ctx, unsigned r, IrTemp v, IrTemp nat)
{
    if (r == 0)
        return; /* rows reject r1 == 0 where the manual makes it illegal */
    unsigned idx = ia64_gr_index(ctx, r);
    ir_st_env(ctx->ir, IR_I64, IA64_GR_OFF(idx), v);
    ir_st_env(ctx->ir, IR_I32, IA64_GRNAT_OFF(idx), nat);
}

void ia64_set_gr(Ia64Ctx *ctx, unsigned r, IrTemp v)
{
    ia64_set_gr_nat(ctx, r, v, ir_const32(ctx->ir, 0));
}

IrTemp ia64_get_pr(Ia64Ctx *ctx, unsigned p)
{
    if (p == 0)
        return ir_const32(ctx->ir, 1);
    return ir_ld_env(ctx->ir, IR_I32, IA64_PR_OFF(ia64_pr_index(ctx, p)));
}

void ia64_set_pr(Ia64Ctx *ctx, unsigned p, IrTemp v01)
{
    if (p != 0)
        ir_st_env(ctx->ir, IR_I32, IA64_PR_OFF(ia64_pr_index(ctx, p)), v01);
}

IrTemp ia64_get_br(Ia64Ctx *ctx, unsigned b)
{
    return ir_ld_env(ctx->ir, IR_I64, IA64_BR_OFF(b));
}

void ia64_set_br(Ia64Ctx *ctx, unsigned b, IrTemp v)
{
    ir_st_env(ctx->ir, IR_I64, IA64_BR_OFF(b), v);
}

/* ---- guest memory ------------------------------------------------------------ */
/* ia64_fold (cpu.h) in IR: bits 60:37 of the offset move up to 63:40, the
 * region number goes to 39:37, bits 36:0 stay. */
IrTemp ia64_gen_fold(Ia64Ctx *ctx, IrTemp addr)
{
    IrBlock *ir = ctx->ir;
    IrTemp rotated = ir_op2(ir, IR_OP_rotl, addr, ia64_imm(ctx, 3)); /* offset<<3 | region */
    IrTemp low = ir_deposit(ir, rotated, addr, 0, IA64_SLICE_BITS);
    IrTemp region = ir_shri(ir, addr, IA64_REGION_SHIFT);
    return ir_deposit(ir, low, region, IA64_SLICE_BITS, 3);
}

IrMemop ia64_mo(const Ia64Ctx *ctx, IrMemop size_sign)
{
    return ctx->big_endian ? (IrMemop)(size_sign | IR_MO_BE) : size_sign;
}

IrTemp ia64_gen_ld(Ia64Ctx *ctx, IrMemop size_sign, IrTemp addr)
{
    return ir_ld(ctx->ir, IR_I64, ia64_mo(ctx, size_sign), ia64_gen_fold(ctx, addr));
}

void ia64_gen_st(Ia64Ctx *ctx, IrMemop size, IrTemp addr, IrTemp v)
{
    ir_st(ctx->ir, ia64_mo(ctx, size), ia64_gen_fold(ctx, addr), v);
}

IrLabel ia64_gen_qp_skip(Ia64Ctx *ctx)
{
    unsigned qp = ia64_qp(ctx->insn);
    if (qp == 0)
        return IA64_NO_LABEL;
    IrLabel skip = ir_new_label(ctx->ir);
    ir_brcond(ctx->ir, IR_EQ, ia64_get_pr(ctx, qp), ir_const32(ctx->ir, 0), skip);
    return skip;
}

void ia64_gen_qp_end(Ia64Ctx *ctx, IrLabel skip)
{
    if (skip != IA64_NO_LABEL)
        ir_label(ctx->ir, skip);
}

/* ---- pc and exits ---------------------------------------------------------- */
uint64_t ia64_next_pc(const Ia64Ctx *ctx)
{
    if (ctx->slot >= 2 || ctx->unit == IA64_UNIT_X)
        return ctx->bundle + 16;
    return ia64_pc_make(ctx->bundle, ctx->slot + 1);
}

void ia64_set_pc_exit(Ia64Ctx *ctx, uint64_t pc, int reason)
{
    ir_st_env(ctx->ir, IR_I64, offsetof(CpuCommon, pc), ia64_imm(ctx, (int64_t)pc));
    ir_exit(ctx->ir, reason);
    ctx->end_block = true;
}

void ia64_raise(Ia64Ctx *ctx, int reason)
{
    ia64_set_pc_exit(ctx, ia64_this_pc(ctx), reason);
}

/* Leave with EXIT_ILLEGAL at this instruction, on this path of the block. */
static void gen_illegal_exit(Ia64Ctx *ctx, int si_code)
{
    IrBlock *ir = ctx->ir;
    ir_st_env(ir, IR_I32, offsetof(CpuCommon, exception_code), ir_const32(ir, (uint32_t)si_code));
    ir_st_env(ir, IR_I64, offsetof(CpuCommon, pc), ia64_imm(ctx, (int64_t)ia64_this_pc(ctx)));
    ir_exit(ir, EXIT_ILLEGAL);
}

void ia64_raise_illegal(Ia64Ctx *ctx, int si_code)
{
    gen_illegal_exit(ctx, si_code);
    ctx->end_block = true;
}

void ia64_gen_illegal_if(Ia64Ctx *ctx, IrCond cond, IrTemp a, IrTemp b, int si_code)
{
    IrBlock *ir = ctx->ir;
    IrLabel ok = ir_new_label(ir);
    ir_brcond(ir, ir_cond_invert(cond), a, b, ok);
    gen_illegal_exit(ctx, si_code);
    ir_label(ir, ok);
}

void ia64_gen_nat_check(Ia64Ctx *ctx, unsigned ra, unsigned rb)
{
    if (ra == 0 && rb == 0)
        return;
    IrTemp nat = ir_or(ctx->ir, ia64_get_gr_nat(ctx, ra), ia64_get_gr_nat(ctx, rb));
    ia64_gen_illegal_if(ctx, IR_NE, nat, ir_const32(ctx->ir, 0), ILL_ILLOPN);
}

void ia64_illegal(Ia64Ctx *ctx)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("unimplemented/illegal IA-64 instruction %011llx (unit %c) at 0x%llx slot %u\n",
                   (unsigned long long)ctx->insn, ctx->unit < IA64_NUNITS ? "MIFBLX"[ctx->unit] : '?',
                   (unsigned long long)ctx->bundle, ctx->slot);
    ia64_raise_illegal(ctx, ILL_ILLOPC);
}

/* tb_flags = f(cfm, um) at run time, then on to the next instruction
 * through an indirect jump (looked up with the new flags). */
void ia64_store_tb_flags_then(Ia64Ctx *ctx, IrTemp flags, IrTemp target)
{
    ir_st_env(ctx->ir, IR_I32, offsetof(CpuCommon, tb_flags), flags);
    ir_st_env(ctx->ir, IR_I64, offsetof(CpuCommon, pc), target);
    ir_goto_ptr(ctx->ir, target);
    ctx->end_block = true;
}

IrTemp ia64_gen_tb_flags(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp cfm = ir_ld_env(ir, IR_I64, IA64_OFF(cfm));
    IrTemp key = ir_trunc_i64(ir, ir_extract(ir, cfm, IA64_CFM_SOR_SHIFT, 24));
    IrTemp be = ir_andi(ir, ir_ld_env(ir, IR_I32, IA64_OFF(um)), IA64_UM_BE);
    return ir_or(ir, key, ir_shli(ir, be, 23)); /* UM.be is bit 1: to bit 24 */
}

void ia64_end_block_after(Ia64Ctx *ctx)
{
    IrTemp key = ia64_gen_tb_flags(ctx);
    ia64_store_tb_flags_then(ctx, key, ia64_imm(ctx, (int64_t)ia64_next_pc(ctx)));
}

/* ---- the block loop ------------------------------------------------------------ */
static void ia64_translate_slot(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    const Ia64Form *f = ia64_find_form(ctx->unit, ctx->insn);
    unsigned qp = ia64_qp(ctx->insn);
    IrLabel skip = IA64_NO_LABEL;
    uint32_t mark = ir->ninsns;
    ctx->form = f;
    if (f && f->translate && qp && !(f->flags & IA64_F_OWN_QP)) {
        skip = ir_new_label(ir);
        ir_brcond(ir, IR_EQ, ia64_get_pr(ctx, qp), ir_const32(ir, 0), skip);
    }
    if (!f || !f->translate || !f->translate(ctx)) {
        ir->ninsns = mark; /* drop what a refusing handler emitted */
        ctx->end_block = false;
        ia64_illegal(ctx);
        return;
    }
    if (skip != IA64_NO_LABEL) {
        if (ctx->end_block) {
            /* the instruction left the block: a false predicate goes on */
            ir_label(ir, skip);
            ir_goto_tb(ir, 1, ia64_next_pc(ctx));
        } else {
            ir_label(ir, skip);
        }
    }
}

static void ia64_fetch_fault(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    ir_st_env(ir, IR_I64, offsetof(CpuCommon, exception_addr), ia64_imm(ctx, (int64_t)ctx->bundle));
    ia64_raise(ctx, EXIT_FAULT);
}

void ia64_translate(TranslateCtx *tc)
{
    IrBlock *ir = tc->ir;
    uint32_t flags = ir->tb_flags;
    uint64_t cfm = (uint64_t)(flags & IA64_TBF_CFM_MASK) << IA64_CFM_SOR_SHIFT;
    Ia64Ctx ctx = {.ir = ir, .cpu = tc->cpu, .sor = ia64_cfm_sor(cfm),
                   .rrb_gr = ia64_cfm_rrb_gr(cfm), .rrb_fr = ia64_cfm_rrb_fr(cfm),
                   .rrb_pr = ia64_cfm_rrb_pr(cfm), .big_endian = (flags & IA64_TBF_BE) != 0};
    uint64_t bundle = ia64_pc_bundle(ir->pc);
    unsigned slot = ia64_pc_slot(ir->pc);
    uint32_t n = 0, max = tc->max_insns ? tc->max_insns : 1;

    for (;;) {
        uint8_t bytes[16];
        Ia64Bundle b;
        ctx.bundle = bundle;
        ctx.slot = slot;
        if (!tc->fetch(tc->cpu, ia64_fold(bundle), bytes, sizeof(bytes))) {
            if (n == 0) {
                ir_insn_start(ir, ia64_this_pc(&ctx));
                ia64_fetch_fault(&ctx);
            } else {
                ir_goto_tb(ir, 0, ia64_pc_make(bundle, slot));
            }
            break;
        }
        ia64_bundle_split(bytes, &b);
        const Ia64Template *t = &ia64_templates[b.tmpl];
        for (; slot < 3 && !ctx.end_block && n < max; slot++) {
            ctx.slot = slot;
            ctx.unit = (Ia64Unit)t->unit[slot];
            ctx.insn = b.slot[slot];
            ir_insn_start(ir, ia64_this_pc(&ctx));
            n++;
            if (ctx.unit == IA64_UNIT_NONE || ctx.unit == IA64_UNIT_X) {
                ia64_illegal(&ctx); /* reserved template, or a restart inside L+X */
                break;
            }
            if (ctx.unit == IA64_UNIT_L) { /* L+X: one instruction in slots 1-2 */
                ctx.unit = IA64_UNIT_X;
                ctx.imm41 = b.slot[1];
                ctx.insn = b.slot[2];
                slot = 2;
            }
            ia64_translate_slot(&ctx);
        }
        if (ctx.end_block)
            break;
        uint64_t next = slot < 3 ? ia64_pc_make(bundle, slot) : bundle + 16;
        if (n >= max || (next & 0xfff) == 0) {
            ir_goto_tb(ir, 0, next);
            break;
        }
        bundle = next;
        slot = 0;
    }
    ir->guest_insns = n;
    uint64_t end = ctx.bundle + 16;
    ir->guest_size = (uint32_t)(end - ia64_pc_bundle(ir->pc));
}
