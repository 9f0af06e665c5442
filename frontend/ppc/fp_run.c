/* frontend/ppc/fp_run.c — runs of register-only FP instructions
 * translated as one, so that their rare cases cost one test per run
 * instead of one branch and one side exit per instruction.
 *
 * Every PowerPC FP result must be checked for the cases the host gets
 * differently (a NaN result, a single-precision result near a rounding
 * boundary, fp.c). Checked one by one, each instruction ends in a branch
 * to a side exit, and every exit pins what the instructions before it
 * wrote to the guest state. In a run (consecutive arithmetic, moves,
 * fsel and frsp with Rc=0, VSX scalar arithmetic and moves from GPRs on
 * the FPRs: no memory access, no exit, no CR, no GPR written) the results
 * stay in temps:
 *
 *     r1 = fmadd ...; r2 = fmul r1 ...; ...      the usual host ops
 *     brcond (isnan(r1) | isnan(r2) | ...) == 0 -> usual
 *       tb_flags |= FP_EXACT; pc = first of run; exit    (guest state is
 *     usual:                                      still as before the run)
 *     f1 = r1; f2 = r2; ...; record = last one's  (the stores, once)
 *
 * The NaN tests go two results at a time (one unordered compare). A
 * block keyed with PPC_TBF_FP_EXACT translates without runs, each FP
 * instruction with its own rare way, and clears the bit as it starts, so
 * the block after it is an ordinary one again.
 */
#include <stddef.h>
#include <string.h>

#include "backend/exec.h"
#include "frontend/ppc/fp_gen.h"
#include "frontend/ppc/vec.h"

void ppc_fp_run_step(PpcCtx *ctx, const PpcInsnForm *f)
{
    struct PpcFpRun *run = &ctx->fp_run;
    bool joins = f && !ctx->fp_exact && !ctx->booke &&
                 (ppc_fp_joins_run(f, ctx->insn) || ppc_vsx_arith_joins_run(f, ctx->insn) ||
                  ppc_vsx_move_joins_run(f, ctx->insn));
    if (!joins) {
        ppc_fp_run_end(ctx);
        return;
    }
    if (!run->members++)
        run->start = ctx->pc;
}

IrTemp ppc_fp_run_fpr(const PpcCtx *ctx, unsigned n)
{
    return ctx->fp_run.members ? ctx->fp_run.fpr[n] : 0;
}

void ppc_fp_run_hold_fpr(PpcCtx *ctx, unsigned n, IrTemp v)
{
    ctx->fp_run.fpr[n] = v;
}

void ppc_fp_run_test(PpcCtx *ctx, IrTemp rare)
{
    struct PpcFpRun *run = &ctx->fp_run;
    run->rare = run->rare ? ir_or(ctx->ir, run->rare, rare) : rare;
}

void ppc_fp_run_test_nan(PpcCtx *ctx, IrTemp result)
{
    struct PpcFpRun *run = &ctx->fp_run;
    if (!run->untested) {
        run->untested = result;
        return;
    }
    ppc_fp_run_test(ctx, ir_fsetcond(ctx->ir, IR_FUN, run->untested, result));
    run->untested = 0;
}

void ppc_fp_run_hold_record(PpcCtx *ctx, uint32_t rec, IrTemp a, IrTemp bb, IrTemp c)
{
    struct PpcFpRun *run = &ctx->fp_run;
    run->rec_held = true;
    run->rec = rec;
    run->opnd[0] = a;
    run->opnd[1] = bb;
    run->opnd[2] = c;
}

/* The rare way of the whole run: nothing of it is stored yet, so the
 * exact block can start again at its first instruction. */
static void leave_if_rare(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    struct PpcFpRun *run = &ctx->fp_run;
    if (run->untested) {
        ppc_fp_run_test(ctx, ir_fsetcond(b, IR_FUN, run->untested, run->untested));
        run->untested = 0;
    }
    if (!run->rare)
        return;
    IrLabel l_usual = ir_new_label(b);
    ir_brcond(b, IR_EQ, run->rare, ir_const32(b, 0), l_usual);
    ir_st_env(b, IR_I32, offsetof(CpuCommon, tb_flags), ir_const32(b, b->tb_flags | PPC_TBF_FP_EXACT));
    ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), ir_const64(b, run->start));
    ir_exit(b, EXIT_NONE);
    ir_label(b, l_usual);
}

void ppc_fp_run_end(PpcCtx *ctx)
{
    struct PpcFpRun *run = &ctx->fp_run;
    if (!run->members)
        return;
    leave_if_rare(ctx);
    for (unsigned n = 0; n < 32; n++) {
        if (run->fpr[n])
            ir_st_env(ctx->ir, IR_F64, PPC_FPR_OFF(n), run->fpr[n]);
    }
    if (run->rec_held)
        ppc_fp_store_record(ctx, run->rec, run->opnd[0], run->opnd[1], run->opnd[2]);
    memset(run, 0, sizeof(*run));
}
