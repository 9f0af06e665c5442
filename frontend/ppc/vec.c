/* frontend/ppc/vec.c — what the VMX and VSX families share: reaching VSR
 * doublewords from IR, the one helper that runs a C vector function on
 * the register file (ppc_vec_h_apply), CR6 of vector compares, and vector
 * memory access in either byte order. The layout is in vec.h.
 */
#include "frontend/ppc/vec.h"

#include "frontend/ppc/fp_gen.h"

/* Doubleword 0 of VSRs 0..31 is an FPR, which a run of FP instructions
 * may hold back (fp_run.c). */
IrTemp ppc_vsr_ld(PpcCtx *ctx, unsigned n, unsigned dw)
{
    IrTemp held = n < 32 && dw == 0 ? ppc_fp_run_fpr(ctx, n) : 0;
    if (held)
        return ir_bitcast(ctx->ir, IR_I64, held);
    return ir_ld_env(ctx->ir, IR_I64, ppc_vsr_off(n, dw));
}

void ppc_vsr_st(PpcCtx *ctx, unsigned n, unsigned dw, IrTemp v)
{
    if (n < 32 && dw == 0 && ctx->fp_run.members)
        ppc_fp_run_hold_fpr(ctx, n, ir_bitcast(ctx->ir, IR_F64, v));
    else
        ir_st_env(ctx->ir, IR_I64, ppc_vsr_off(n, dw), v);
}

/* The function is run on copies, so t may be any of a, b, c. */
static void h_apply(CpuCommon *env, uint64_t fn, uint32_t regs, uint32_t imm)
{
    PpcCpu *cpu = (PpcCpu *)env;
    unsigned t = regs & 63;
    PpcVec a = ppc_vsr_get(cpu, (regs >> 6) & 63);
    PpcVec b = ppc_vsr_get(cpu, (regs >> 12) & 63);
    PpcVec c = ppc_vsr_get(cpu, (regs >> 18) & 63);
    PpcVec r = ppc_vsr_get(cpu, t);
    ((PpcVecFn)(uintptr_t)fn)(cpu, &r, &a, &b, &c, imm);
    ppc_vsr_set(cpu, t, r);
}

const IrHelper ppc_vec_h_apply = {
    .name = "ppc_vec_apply",
    .fn = (void *)h_apply,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .has_ret = false,
    .nargs = 3,
    .args = {IR_I64, IR_I32, IR_I32},
};

void ppc_vec_apply(PpcCtx *ctx, PpcVecFn f, unsigned t, unsigned a, unsigned b, unsigned c, uint32_t imm)
{
    IrBlock *ir = ctx->ir;
    IrTemp args[3] = {
        ir_const64(ir, (uint64_t)(uintptr_t)f),
        ir_const32(ir, t | a << 6 | b << 12 | c << 18),
        ir_const32(ir, imm),
    };
    ir_call(ir, &ppc_vec_h_apply, args);
}

void ppc_vec_set_cr6(PpcCtx *ctx, unsigned t)
{
    IrBlock *ir = ctx->ir;
    IrTemp d0 = ppc_vsr_ld(ctx, t, 0), d1 = ppc_vsr_ld(ctx, t, 1);
    IrTemp all = ir_setcond(ir, IR_EQ, ir_and(ir, d0, d1), ir_const64(ir, UINT64_MAX));
    IrTemp none = ir_setcond(ir, IR_EQ, ir_or(ir, d0, d1), ir_const64(ir, 0));
    IrTemp cr = ir_or(ir, ir_shli(ir, all, 3), ir_shli(ir, none, 1));
    ppc_set_cr(ctx, 6, ir_trunc_i64(ir, cr));
}

IrTemp ppc_vec_ea_plus(PpcCtx *ctx, IrTemp ea, unsigned off)
{
    return off ? ir_addi(ctx->ir, ea, off) : ea;
}

IrTemp ppc_vec_ld64(PpcCtx *ctx, IrTemp ea, unsigned off, bool le)
{
    IrMemop mo = le ? IR_MO_64 : (IrMemop)(IR_MO_64 | IR_MO_BE);
    return ir_ld(ctx->ir, IR_I64, mo, ppc_vec_ea_plus(ctx, ea, off));
}

void ppc_vec_st64(PpcCtx *ctx, IrTemp ea, unsigned off, bool le, IrTemp v)
{
    IrMemop mo = le ? IR_MO_64 : (IrMemop)(IR_MO_64 | IR_MO_BE);
    ir_st(ctx->ir, mo, ppc_vec_ea_plus(ctx, ea, off), v);
}
