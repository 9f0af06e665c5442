/* frontend/ppc/translate.c — the 32-bit PowerPC block translator: the
 * per-block loop (fetch, decode, emit, stop), the decode index over the
 * four form tables, and the generators every handler shares (decode.h).
 *
 * Decoding: each form row (mask, match) is filed under the primary opcodes
 * its match can have; a lookup scans only the rows of one primary opcode,
 * in table order (int, branch, mem, fp), and the first row that matches
 * wins. The index is built once, the first time any block is translated.
 */
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "frontend/guest.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/gen.h"
#include "util/log.h"

/* ---- the decode index ------------------------------------------------ */

typedef struct PpcOpcdBucket {
    const PpcInsnForm **forms;
    unsigned n;
} PpcOpcdBucket;

static PpcOpcdBucket ppc_index[64];

static gpointer ppc_index_build(gpointer unused)
{
    (void)unused;
    const PpcInsnForm *const tables[] = {ppc_int_forms, ppc_branch_forms, ppc_mem_forms,
                                         ppc_fp_forms};
    GPtrArray *lists[64];
    for (unsigned op = 0; op < 64; op++)
        lists[op] = g_ptr_array_new();
    for (size_t t = 0; t < G_N_ELEMENTS(tables); t++) {
        for (const PpcInsnForm *f = tables[t]; f->name; f++) {
            for (unsigned op = 0; op < 64; op++) {
                uint32_t top = (uint32_t)op << 26;
                if (((top ^ f->match) & f->mask & 0xfc000000u) == 0)
                    g_ptr_array_add(lists[op], (gpointer)f);
            }
        }
    }
    for (unsigned op = 0; op < 64; op++) {
        ppc_index[op].n = lists[op]->len;
        ppc_index[op].forms = (const PpcInsnForm **)g_ptr_array_free(lists[op], FALSE);
    }
    return NULL;
}

const PpcInsnForm *ppc_find_form(uint32_t insn)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, ppc_index_build, NULL);
    const PpcOpcdBucket *b = &ppc_index[ppc_opcd(insn)];
    for (unsigned i = 0; i < b->n; i++) {
        if ((insn & b->forms[i]->mask) == b->forms[i]->match)
            return b->forms[i];
    }
    return NULL;
}

/* ---- shared generators ----------------------------------------------- */

IrTemp ppc_gpr(PpcCtx *ctx, unsigned n)
{
    return ir_ld_env(ctx->ir, IR_I32, PPC_GPR_OFF(n));
}

void ppc_set_gpr(PpcCtx *ctx, unsigned n, IrTemp v)
{
    ir_st_env(ctx->ir, IR_I32, PPC_GPR_OFF(n), v);
}

/* (RA|0): register RA, or the constant 0 when the field is 0. */
IrTemp ppc_ra_or_zero(PpcCtx *ctx)
{
    unsigned ra = ppc_ra(ctx->insn);
    return ra ? ppc_gpr(ctx, ra) : ir_const32(ctx->ir, 0);
}

IrTemp ppc_ea_d(PpcCtx *ctx)
{
    unsigned ra = ppc_ra(ctx->insn);
    IrTemp d = ir_const32(ctx->ir, (uint32_t)ppc_d(ctx->insn));
    return ra ? ir_add(ctx->ir, ppc_gpr(ctx, ra), d) : d;
}

IrTemp ppc_ea_x(PpcCtx *ctx)
{
    unsigned ra = ppc_ra(ctx->insn);
    IrTemp rb = ppc_gpr(ctx, ppc_rb(ctx->insn));
    return ra ? ir_add(ctx->ir, ppc_gpr(ctx, ra), rb) : rb;
}

void ppc_set_cr(PpcCtx *ctx, unsigned field, IrTemp v4)
{
    ir_st_env(ctx->ir, IR_I32, PPC_CR_OFF(field), v4);
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
        log_printf("unimplemented/illegal instruction 0x%08x at 0x%x\n", ctx->insn,
                   (unsigned)ctx->pc);
    ppc_raise(ctx, EXIT_ILLEGAL);
}

/* ---- the block loop -------------------------------------------------- */

/* Code fetch failed at pc, the block's first instruction: a fault there. */
static void ppc_fetch_fault(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    ir_st_env(ir, IR_I64, offsetof(CpuCommon, exception_addr), ir_const64(ir, ctx->pc));
    ppc_raise(ctx, EXIT_FAULT);
}

void ppc_translate(TranslateCtx *tc)
{
    IrBlock *ir = tc->ir;
    PpcCtx ctx = {.ir = ir, .cpu = tc->cpu};
    uint64_t pc = ir->pc;
    uint32_t n = 0, max = tc->max_insns ? tc->max_insns : 1;

    for (;;) {
        uint8_t bytes[4];
        ctx.pc = pc;
        if (!tc->fetch(tc->cpu, pc, bytes, sizeof(bytes))) {
            if (n == 0) {
                ir_insn_start(ir, pc);
                ppc_fetch_fault(&ctx);
            } else {
                ir_goto_tb(ir, 0, pc);
            }
            break;
        }
        ctx.insn = (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 |
                   (uint32_t)bytes[2] << 8 | bytes[3];
        ctx.end_block = false;
        ir_insn_start(ir, pc);
        uint32_t mark = ir->ninsns;
        const PpcInsnForm *f = ppc_find_form(ctx.insn);
        if (!f || !f->translate || !f->translate(&ctx)) {
            ir->ninsns = mark; /* drop anything a refusing handler emitted */
            ctx.end_block = false;
            ppc_illegal(&ctx);
        }
        n++;
        pc += 4;
        if (ctx.end_block)
            break;
        if (n >= max || (pc & 0xfff) == 0) {
            ir_goto_tb(ir, 0, pc);
            break;
        }
    }
    ir->guest_insns = n;
    ir->guest_size = n * 4;
}
