/* frontend/x86/int_bcd.c — the decimal-arithmetic adjustments of i386
 * (#UD in 64-bit mode): DAA DAS AAA AAS (27 2F 37 3F) and AAM AAD (D4 ib,
 * D5 ib). They read and write AL/AH and the flags in one helper each
 * (helpers.c: x86_helper_bcd); AAM with a zero base is #DE.
 */
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"

/* 27 daa, 2F das, 37 aaa, 3F aas */
bool x86_op_bcd_adjust(X86Ctx *ctx, const X86Insn *in)
{
    static const uint8_t op_of[4] = {X86_BCD_DAA, X86_BCD_DAS, X86_BCD_AAA, X86_BCD_AAS};
    IrTemp args[2] = {ir_const32(ctx->ir, op_of[(in->opcode >> 3) & 3]), ir_const32(ctx->ir, 0)};
    ir_call(ctx->ir, &x86_helper_bcd, args);
    x86_cc_forget(ctx);
    return true;
}

/* D4 ib aam, D5 ib aad (ib is the base: 10 as the mnemonics assume) */
bool x86_op_bcd_base(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp args[2] = {ir_const32(ctx->ir, in->opcode == 0xd4 ? X86_BCD_AAM : X86_BCD_AAD),
                      ir_const32(ctx->ir, (uint32_t)in->imm & 0xff)};
    ir_call(ctx->ir, &x86_helper_bcd, args);
    x86_cc_forget(ctx);
    return true;
}
