/* frontend/ppc/translate.c — the PowerPC block translator (32- and 64-bit
 * mode, either byte order, from the block's tb_flags): the
 * per-block loop (fetch, decode, emit, stop), the decode index over the
 * four form tables, and the generators every handler shares (decode.h).
 *
 * Decoding: each form row (mask, match) is filed under the primary opcodes
 * its match can have; a lookup scans only the rows of one primary opcode,
 * in table order (int, branch, mem, fp, ...), and the first row that
 * matches wins. A Book E block (system mode, the e500) uses its own index:
 * the privileged forms first, then integer, branch and load/store. The
 * indexes are built once, the first time any block is translated.
 */
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "frontend/guest.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/e500.h"
#include "frontend/ppc/fp_gen.h"
#include "frontend/ppc/gen.h"
#include "util/log.h"

/* ---- the decode index ------------------------------------------------ */

typedef struct PpcOpcdBucket {
    const PpcInsnForm **forms;
    unsigned n;
} PpcOpcdBucket;

/* One index per instruction set: the user-mode PowerPC (every family),
 * and the e500's (its Book E forms first, no FPU, no vectors, no 64-bit
 * forms). */
typedef struct PpcDecodeIndex {
    PpcOpcdBucket by_opcd[64];
} PpcDecodeIndex;

static PpcDecodeIndex ppc_index, ppc_booke_index;

static void ppc_index_build(PpcDecodeIndex *index, const PpcInsnForm *const *tables, size_t ntables)
{
    GPtrArray *lists[64];
    for (unsigned op = 0; op < 64; op++)
        lists[op] = g_ptr_array_new();
    for (size_t t = 0; t < ntables; t++) {
        for (const PpcInsnForm *f = tables[t]; f->name; f++) {
            for (unsigned op = 0; op < 64; op++) {
                uint32_t top = (uint32_t)op << 26;
                if (((top ^ f->match) & f->mask & 0xfc000000u) == 0)
                    g_ptr_array_add(lists[op], (gpointer)f);
            }
        }
    }
    for (unsigned op = 0; op < 64; op++) {
        index->by_opcd[op].n = lists[op]->len;
        index->by_opcd[op].forms = (const PpcInsnForm **)g_ptr_array_free(lists[op], FALSE);
    }
}

static gpointer ppc_indexes_build(gpointer unused)
{
    (void)unused;
    const PpcInsnForm *const user[] = {ppc_int_forms, ppc_branch_forms, ppc_mem_forms,
                                       ppc_fp_forms, ppc_vmx_mem_forms, ppc_vmx_int_forms,
                                       ppc_vmx_perm_forms, ppc_vmx_fp_forms, ppc_vsx_mem_forms,
                                       ppc_vsx_fp_forms, ppc_int64_forms};
    const PpcInsnForm *const booke[] = {ppc_booke_forms, ppc_int_forms, ppc_branch_forms,
                                        ppc_mem_forms};
    ppc_index_build(&ppc_index, user, G_N_ELEMENTS(user));
    ppc_index_build(&ppc_booke_index, booke, G_N_ELEMENTS(booke));
    return NULL;
}

static const PpcInsnForm *ppc_index_find(const PpcDecodeIndex *index, uint32_t insn)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, ppc_indexes_build, NULL);
    const PpcOpcdBucket *b = &index->by_opcd[ppc_opcd(insn)];
    for (unsigned i = 0; i < b->n; i++) {
        if ((insn & b->forms[i]->mask) == b->forms[i]->match)
            return b->forms[i];
    }
    return NULL;
}

const PpcInsnForm *ppc_find_form(uint32_t insn)
{
    return ppc_index_find(&ppc_index, insn);
}

/* ---- shared generators ----------------------------------------------- */

IrTemp ppc_gpr(PpcCtx *ctx, unsigned n)
{
    return ir_ld_env(ctx->ir, ctx->gty, PPC_GPR_OFF(n));
}

void ppc_set_gpr(PpcCtx *ctx, unsigned n, IrTemp v)
{
    ir_st_env(ctx->ir, ctx->gty, PPC_GPR_OFF(n), v);
}

IrTemp ppc_imm(PpcCtx *ctx, int64_t v)
{
    return ir_const(ctx->ir, ctx->gty, (uint64_t)v);
}

IrTemp ppc_to_i32(PpcCtx *ctx, IrTemp v)
{
    return ir_temp_type(ctx->ir, v) == IR_I64 ? ir_trunc_i64(ctx->ir, v) : v;
}

IrTemp ppc_from_i32(PpcCtx *ctx, IrTemp v, bool sign)
{
    if (ctx->gty == IR_I32)
        return v;
    return sign ? ir_ext_i32s(ctx->ir, v) : ir_ext_i32u(ctx->ir, v);
}

/* (RA|0): register RA, or the constant 0 when the field is 0. */
IrTemp ppc_ra_or_zero(PpcCtx *ctx)
{
    unsigned ra = ppc_ra(ctx->insn);
    return ra ? ppc_gpr(ctx, ra) : ppc_imm(ctx, 0);
}

/* (RA|0) + a displacement (already sign-extended). */
static IrTemp ppc_ea_disp(PpcCtx *ctx, int64_t disp)
{
    unsigned ra = ppc_ra(ctx->insn);
    IrTemp d = ppc_imm(ctx, disp);
    return ra ? ir_add(ctx->ir, ppc_gpr(ctx, ra), d) : d;
}

IrTemp ppc_ea_d(PpcCtx *ctx)
{
    return ppc_ea_disp(ctx, ppc_d(ctx->insn));
}

IrTemp ppc_ea_ds(PpcCtx *ctx)
{
    return ppc_ea_disp(ctx, (int16_t)(ctx->insn & 0xfffc));
}

IrTemp ppc_ea_x(PpcCtx *ctx)
{
    unsigned ra = ppc_ra(ctx->insn);
    IrTemp rb = ppc_gpr(ctx, ppc_rb(ctx->insn));
    return ra ? ir_add(ctx->ir, ppc_gpr(ctx, ra), rb) : rb;
}

IrMemop ppc_mo(PpcCtx *ctx, IrMemop size_sign)
{
    IrMemop mo = (IrMemop)(size_sign | ctx->mmu_idx << IR_MO_IDX_SHIFT);
    return ctx->le ? mo : (IrMemop)(mo | IR_MO_BE);
}

IrMemop ppc_mo_rev(PpcCtx *ctx, IrMemop size_sign)
{
    IrMemop mo = (IrMemop)(size_sign | ctx->mmu_idx << IR_MO_IDX_SHIFT);
    return ctx->le ? (IrMemop)(mo | IR_MO_BE) : mo;
}

void ppc_set_cr(PpcCtx *ctx, unsigned field, IrTemp v4)
{
    ir_st_env(ctx->ir, IR_I32, PPC_CR_OFF(field), v4);
    ctx->cr_cmp[field].a = 0; /* ppc_gen_cmp records its own compare after */
}

/* Whether IR after index `from` may have changed what the compare of CR
 * field `field` on a, b means: another write of the field (a store, or a
 * helper writing guest state), or a redefinition of a or b. */
static bool cr_compare_clobbered(const IrBlock *ir, uint32_t from, unsigned field, IrTemp a, IrTemp b)
{
    for (uint32_t k = from; k < ir->ninsns; k++) {
        const IrInsn *in = &ir->insns[k];
        if (in->op == IR_OP_st_env && in->imm == PPC_CR_OFF(field))
            return true;
        if (in->op == IR_OP_call && (in->helper->flags & IR_HELPER_WRITES_ENV))
            return true;
        for (unsigned d = 0; d < 2; d++) {
            if (in->def[d] && (in->def[d] == a || in->def[d] == b))
                return true;
        }
    }
    return false;
}

bool ppc_cr_compare(const PpcCtx *ctx, unsigned bit, IrCond *cond, IrTemp *a, IrTemp *b)
{
    static const IrCond by_bit[2][3] = {
        {IR_LTU, IR_GTU, IR_EQ}, /* unsigned: LT, GT, EQ */
        {IR_LT, IR_GT, IR_EQ},   /* signed */
    };
    const struct PpcCrCompare *c = &ctx->cr_cmp[bit >> 2];
    unsigned which = bit & 3; /* 3 is SO: not a compare result */
    if (!c->a || which == 3 || cr_compare_clobbered(ctx->ir, c->after, bit >> 2, c->a, c->b))
        return false;
    *cond = by_bit[c->is_signed][which];
    *a = c->a;
    *b = c->b;
    return true;
}

IrTemp ppc_get_cr(PpcCtx *ctx, unsigned field)
{
    return ir_ld_env(ctx->ir, IR_I32, PPC_CR_OFF(field));
}

void ppc_set_pc_exit(PpcCtx *ctx, uint64_t pc, int reason)
{
    ir_st_env(ctx->ir, IR_I64, offsetof(CpuCommon, pc), ir_const64(ctx->ir, pc));
    ir_exit(ctx->ir, reason);
    ctx->end_block = true;
}

void ppc_raise(PpcCtx *ctx, int reason)
{
    ppc_set_pc_exit(ctx, ctx->pc, reason);
}

void ppc_illegal(PpcCtx *ctx)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("unimplemented/illegal instruction 0x%08x at 0x%llx\n", ctx->insn,
                   (unsigned long long)ctx->pc);
    if (ctx->booke) /* not SPE: a program interrupt (booke_excp.c) */
        ir_st_env(ctx->ir, IR_I32, offsetof(CpuCommon, exception_code),
                  ir_const32(ctx->ir, E500_ILLEGAL_PIL));
    ppc_raise(ctx, EXIT_ILLEGAL);
}

/* ---- the block loop -------------------------------------------------- */

/* Code fetch failed at pc, the block's first instruction: a fault there
 * (on the e500, with the code its MMU gives that fetch). */
static void ppc_fetch_fault(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    ir_st_env(ir, IR_I64, offsetof(CpuCommon, exception_addr), ir_const64(ir, ctx->pc));
    if (ctx->booke) {
        TlbFill fill;
        int code = ppc_e500_tlb_fill(ctx->cpu, ctx->pc, MEM_FETCH, ppc_code_mmu_idx(ir->tb_flags),
                                     &fill);
        ir_st_env(ir, IR_I32, offsetof(CpuCommon, exception_code),
                  ir_const32(ir, (uint32_t)(code ? code : SOFTMMU_FAULT_NOT_MEMORY)));
    }
    ppc_raise(ctx, EXIT_FAULT);
}

/* A debugger breakpoint at the block's first instruction: stop before it. */
static void ppc_breakpoint_stop(PpcCtx *ctx)
{
    ir_insn_start(ctx->ir, ctx->pc);
    ppc_raise(ctx, EXIT_DEBUG);
}

void ppc_translate(TranslateCtx *tc)
{
    IrBlock *ir = tc->ir;
    uint32_t flags = ir->tb_flags;
    bool sf = flags & PPC_TBF_SF;
    PpcCtx ctx = {.ir = ir, .cpu = tc->cpu, .sf = sf, .le = flags & PPC_TBF_LE,
                  .gty = sf ? IR_I64 : IR_I32, .booke = flags & PPC_TBF_BOOKE,
                  .pr = flags & PPC_TBF_PR, .mmu_idx = ppc_data_mmu_idx(flags)};
    const PpcDecodeIndex *index = ctx.booke ? &ppc_booke_index : &ppc_index;
    uint64_t pc = ir->pc;
    uint32_t n = 0, max = tc->max_insns ? tc->max_insns : 1;
    ctx.fp_exact = flags & PPC_TBF_FP_EXACT;
    if (ctx.fp_exact) /* what comes after this block is ordinary again */
        ir_st_env(ir, IR_I32, offsetof(CpuCommon, tb_flags), ir_const32(ir, flags & ~PPC_TBF_FP_EXACT));

    for (;;) {
        uint8_t bytes[4];
        ctx.pc = pc;
        if (tc->breakpoint && tc->breakpoint(tc->cpu, pc)) {
            if (n == 0) {
                ppc_breakpoint_stop(&ctx);
                n++;
            } else {
                ppc_fp_run_end(&ctx);
                ir_goto_tb(ir, 0, pc);
            }
            break;
        }
        if (!tc->fetch(tc->cpu, pc, bytes, sizeof(bytes))) {
            if (n == 0) {
                ir_insn_start(ir, pc);
                ppc_fetch_fault(&ctx);
            } else {
                ppc_fp_run_end(&ctx);
                ir_goto_tb(ir, 0, pc);
            }
            break;
        }
        ctx.insn = ctx.le ? (uint32_t)bytes[3] << 24 | (uint32_t)bytes[2] << 16 |
                                (uint32_t)bytes[1] << 8 | bytes[0]
                          : (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 |
                                (uint32_t)bytes[2] << 8 | bytes[3];
        ctx.end_block = false;
        const PpcInsnForm *f = ppc_index_find(index, ctx.insn);
        ppc_fp_run_step(&ctx, f && f->translate ? f : NULL);
        ir_insn_start(ir, pc);
        if (flags & PPC_TBF_DEBUG) /* e500 debug events armed (booke.c) */
            ppc_booke_gen_debug_insn(&ctx);
        uint32_t mark = ir->ninsns;
        if (!f || !f->translate || !f->translate(&ctx)) {
            ir->ninsns = mark; /* drop anything a refusing handler emitted */
            ctx.end_block = false;
            ppc_illegal(&ctx); /* not a run member: those refuse nothing */
        }
        n++;
        pc += 4;
        if (ctx.end_block)
            break;
        if (n >= max || (pc & 0xfff) == 0) {
            ppc_fp_run_end(&ctx);
            ir_goto_tb(ir, 0, pc);
            break;
        }
    }
    ir->guest_insns = n;
    ir->guest_size = n * 4;
}
