/* frontend/x86/int_misc.c — what fits no other family: the NOP forms
 * (hint NOPs 0F 18-1F incl. ENDBR, prefetches), LAHF/SAHF, the flag
 * instructions CLC STC CMC CLD STD, CPUID, RDTSC and RDTSCP.
 */
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"

/* 0F 0D, 0F 18-1F /r: prefetch hints, multi-byte NOP, ENDBR32/64 */
bool x86_op_nop(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx, (void)in;
    return true;
}

/* 9F lahf: AH = SF ZF 0 AF 0 PF 1 CF */
bool x86_op_lahf(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp low = ir_andi(ctx->ir, x86_gen_status_flags(ctx), X86_SF | X86_ZF | X86_AF | X86_PF | X86_CF);
    x86_set_reg(ctx, &(X86Insn){.rex = 0}, 4, 1, ir_ori(ctx->ir, low, 2)); /* register 4 without REX: AH */
    (void)in;
    return true;
}

/* 9E sahf: SF ZF AF PF CF from AH; OF kept */
bool x86_op_sahf(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    (void)in;
    IrTemp ah = x86_get_reg(ctx, &(X86Insn){.rex = 0}, 4, 1);
    IrTemp kept = ir_andi(ir, x86_gen_status_flags(ctx), X86_OF);
    IrTemp from_ah = ir_andi(ir, ah, X86_SF | X86_ZF | X86_AF | X86_PF | X86_CF);
    x86_gen_set_status_flags(ctx, ir_or(ir, kept, from_ah));
    return true;
}

/* F5 cmc, F8 clc, F9 stc, FC cld, FD std */
bool x86_op_flag_op(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    if (in->opcode == 0xfc || in->opcode == 0xfd) {
        IrTemp eflags = ir_andi(ir, ir_ld_env(ir, IR_I32, X86_OFF(eflags)), ~(uint64_t)X86_DF & 0xffffffffu);
        if (in->opcode == 0xfd)
            eflags = ir_ori(ir, eflags, X86_DF);
        ir_st_env(ir, IR_I32, X86_OFF(eflags), eflags);
        return true;
    }
    IrTemp flags = x86_gen_status_flags(ctx);
    if (in->opcode == 0xf5)
        flags = ir_xori(ir, flags, X86_CF);
    else if (in->opcode == 0xf8)
        flags = ir_andi(ir, flags, ~(uint64_t)X86_CF & 0xffffffffu);
    else
        flags = ir_ori(ir, flags, X86_CF);
    x86_gen_set_status_flags(ctx, flags);
    return true;
}

/* 0F A2 cpuid */
bool x86_op_do_cpuid(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    if (ctx->sys)
        x86_sys_gen_cpuid(ctx);
    else
        ir_call(ctx->ir, &x86_helper_cpuid, NULL);
    return true;
}

static void tsc_to_edx_eax(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrTemp tsc = ctx->sys ? x86_sys_gen_rdtsc(ctx) : ir_call(ir, &x86_helper_rdtsc, NULL);
    x86_set_reg(ctx, in, X86_RAX, 4, ir_trunc_i64(ir, tsc));
    x86_set_reg(ctx, in, X86_RDX, 4, ir_trunc_i64(ir, ir_shri(ir, tsc, 32)));
}

/* 0F 31 rdtsc */
bool x86_op_rdtsc(X86Ctx *ctx, const X86Insn *in)
{
    tsc_to_edx_eax(ctx, in);
    return true;
}

/* 0F 01 F9 rdtscp: also ECX = IA32_TSC_AUX (user mode: 0, the one CPU) */
bool x86_op_rdtscp(X86Ctx *ctx, const X86Insn *in)
{
    tsc_to_edx_eax(ctx, in);
    IrTemp aux = ctx->sys ? ir_trunc_i64(ctx->ir, ir_ld_env(ctx->ir, IR_I64, X86_OFF(sys.tsc_aux)))
                          : ir_const32(ctx->ir, 0);
    x86_set_reg(ctx, in, X86_RCX, 4, aux);
    return true;
}
