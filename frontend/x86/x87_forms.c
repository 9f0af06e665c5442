/* frontend/x86/x87_forms.c — the x87 form table: opcodes D8-DF (selected
 * by ModRM.reg, and with a register operand by rm), FWAIT (9B) and
 * FXSAVE/FXRSTOR (0F AE /0 /1). One row per form as the SDM's x87 opcode
 * map lists it; where a row leaves reg or rm open, the more specific rows
 * beside it take their encodings first (decode.h). The undocumented
 * aliases real CPUs execute (FCOM2, FCOMP3, FXCH4, FCOMP5, FFREEP, FXCH7,
 * FSTP1, FSTP8, FSTP9) are rows too.
 */
#include "frontend/x86/x87.h"

#define R (X86_FM_MODRM | X86_FM_REG) /* register operand: ST(i) (mod == 3) */
#define M (X86_FM_MODRM | X86_FM_MEM) /* memory operand */
#define ANY X86_MP_ANY
#define NI X86_IMM_NONE

const X86Form x86_x87_forms[] = {
    /* map opcode count mp reg rm flags imm name translate */
    /* D8: arithmetic and compares on m32fp; ST(0) op ST(i) */
    {X86_MAP_1B, 0xd8, 0, ANY, -1, -1, M, NI, "fadd/fmul/fsub(r)/fdiv(r) m32fp", x87_tr_arith_mem},
    {X86_MAP_1B, 0xd8, 0, ANY, 2, -1, M, NI, "fcom m32fp", x87_tr_fcom_mem},
    {X86_MAP_1B, 0xd8, 0, ANY, 3, -1, M, NI, "fcomp m32fp", x87_tr_fcom_mem},
    {X86_MAP_1B, 0xd8, 0, ANY, -1, -1, R, NI, "fadd/fmul/fsub(r)/fdiv(r) st,st(i)", x87_tr_arith_reg},
    {X86_MAP_1B, 0xd8, 0, ANY, 2, -1, R, NI, "fcom st(i)", x87_tr_fcom_reg},
    {X86_MAP_1B, 0xd8, 0, ANY, 3, -1, R, NI, "fcomp st(i)", x87_tr_fcom_reg},

    /* D9: m32fp, environment, control word; moves, constants, functions */
    {X86_MAP_1B, 0xd9, 0, ANY, 0, -1, M, NI, "fld m32fp", x87_tr_fld_mem},
    {X86_MAP_1B, 0xd9, 0, ANY, 2, -1, M, NI, "fst m32fp", x87_tr_fst_mem},
    {X86_MAP_1B, 0xd9, 0, ANY, 3, -1, M, NI, "fstp m32fp", x87_tr_fst_mem},
    {X86_MAP_1B, 0xd9, 0, ANY, 4, -1, M, NI, "fldenv", x87_tr_fldenv},
    {X86_MAP_1B, 0xd9, 0, ANY, 5, -1, M, NI, "fldcw", x87_tr_fldcw},
    {X86_MAP_1B, 0xd9, 0, ANY, 6, -1, M, NI, "fnstenv", x87_tr_fnstenv},
    {X86_MAP_1B, 0xd9, 0, ANY, 7, -1, M, NI, "fnstcw", x87_tr_fnstcw},
    {X86_MAP_1B, 0xd9, 0, ANY, 0, -1, R, NI, "fld st(i)", x87_tr_fld_reg},
    {X86_MAP_1B, 0xd9, 0, ANY, 1, -1, R, NI, "fxch st(i)", x87_tr_fxch},
    {X86_MAP_1B, 0xd9, 0, ANY, 2, 0, R, NI, "fnop", x87_tr_fnop},
    {X86_MAP_1B, 0xd9, 0, ANY, 3, -1, R, NI, "fstp1 st(i)", x87_tr_fst_reg},
    {X86_MAP_1B, 0xd9, 0, ANY, 4, 0, R, NI, "fchs", x87_tr_chs},
    {X86_MAP_1B, 0xd9, 0, ANY, 4, 1, R, NI, "fabs", x87_tr_abs},
    {X86_MAP_1B, 0xd9, 0, ANY, 4, 4, R, NI, "ftst", x87_tr_ftst},
    {X86_MAP_1B, 0xd9, 0, ANY, 4, 5, R, NI, "fxam", x87_tr_fxam},
    {X86_MAP_1B, 0xd9, 0, ANY, 5, -1, R, NI, "fld1/fldl2t/fldl2e/fldpi/fldlg2/fldln2/fldz", x87_tr_fld_const},
    {X86_MAP_1B, 0xd9, 0, ANY, 6, -1, R, NI, "f2xm1/fyl2x/fptan/fpatan/fxtract/fprem1", x87_tr_math},
    {X86_MAP_1B, 0xd9, 0, ANY, 6, 6, R, NI, "fdecstp", x87_tr_fdecstp},
    {X86_MAP_1B, 0xd9, 0, ANY, 6, 7, R, NI, "fincstp", x87_tr_fincstp},
    {X86_MAP_1B, 0xd9, 0, ANY, 7, -1, R, NI, "fprem/fyl2xp1/fsqrt/fsincos/frndint/fscale/fsin/fcos", x87_tr_math},

    /* DA: m32int arithmetic; fcmovb/e/be/u; fucompp */
    {X86_MAP_1B, 0xda, 0, ANY, -1, -1, M, NI, "fiadd/fimul/fisub(r)/fidiv(r) m32int", x87_tr_arith_mem},
    {X86_MAP_1B, 0xda, 0, ANY, 2, -1, M, NI, "ficom m32int", x87_tr_fcom_mem},
    {X86_MAP_1B, 0xda, 0, ANY, 3, -1, M, NI, "ficomp m32int", x87_tr_fcom_mem},
    {X86_MAP_1B, 0xda, 0, ANY, 0, -1, R, NI, "fcmovb", x87_tr_fcmov},
    {X86_MAP_1B, 0xda, 0, ANY, 1, -1, R, NI, "fcmove", x87_tr_fcmov},
    {X86_MAP_1B, 0xda, 0, ANY, 2, -1, R, NI, "fcmovbe", x87_tr_fcmov},
    {X86_MAP_1B, 0xda, 0, ANY, 3, -1, R, NI, "fcmovu", x87_tr_fcmov},
    {X86_MAP_1B, 0xda, 0, ANY, 5, 1, R, NI, "fucompp", x87_tr_fcompp},

    /* DB: m32int and m80fp moves; fcmovn*; fnclex, fninit; fucomi, fcomi */
    {X86_MAP_1B, 0xdb, 0, ANY, 0, -1, M, NI, "fild m32int", x87_tr_fld_mem},
    {X86_MAP_1B, 0xdb, 0, ANY, 1, -1, M, NI, "fisttp m32int", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdb, 0, ANY, 2, -1, M, NI, "fist m32int", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdb, 0, ANY, 3, -1, M, NI, "fistp m32int", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdb, 0, ANY, 5, -1, M, NI, "fld m80fp", x87_tr_fld_mem},
    {X86_MAP_1B, 0xdb, 0, ANY, 7, -1, M, NI, "fstp m80fp", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdb, 0, ANY, 0, -1, R, NI, "fcmovnb", x87_tr_fcmov},
    {X86_MAP_1B, 0xdb, 0, ANY, 1, -1, R, NI, "fcmovne", x87_tr_fcmov},
    {X86_MAP_1B, 0xdb, 0, ANY, 2, -1, R, NI, "fcmovnbe", x87_tr_fcmov},
    {X86_MAP_1B, 0xdb, 0, ANY, 3, -1, R, NI, "fcmovnu", x87_tr_fcmov},
    {X86_MAP_1B, 0xdb, 0, ANY, 4, 0, R, NI, "fneni (nop)", x87_tr_nop},
    {X86_MAP_1B, 0xdb, 0, ANY, 4, 1, R, NI, "fndisi (nop)", x87_tr_nop},
    {X86_MAP_1B, 0xdb, 0, ANY, 4, 2, R, NI, "fnclex", x87_tr_fnclex},
    {X86_MAP_1B, 0xdb, 0, ANY, 4, 3, R, NI, "fninit", x87_tr_fninit},
    {X86_MAP_1B, 0xdb, 0, ANY, 4, 4, R, NI, "fnsetpm (nop)", x87_tr_nop},
    {X86_MAP_1B, 0xdb, 0, ANY, 5, -1, R, NI, "fucomi st,st(i)", x87_tr_fcomi},
    {X86_MAP_1B, 0xdb, 0, ANY, 6, -1, R, NI, "fcomi st,st(i)", x87_tr_fcomi},

    /* DC: arithmetic and compares on m64fp; ST(i) op ST(0) */
    {X86_MAP_1B, 0xdc, 0, ANY, -1, -1, M, NI, "fadd/fmul/fsub(r)/fdiv(r) m64fp", x87_tr_arith_mem},
    {X86_MAP_1B, 0xdc, 0, ANY, 2, -1, M, NI, "fcom m64fp", x87_tr_fcom_mem},
    {X86_MAP_1B, 0xdc, 0, ANY, 3, -1, M, NI, "fcomp m64fp", x87_tr_fcom_mem},
    {X86_MAP_1B, 0xdc, 0, ANY, -1, -1, R, NI, "fadd/fmul/fsub(r)/fdiv(r) st(i),st", x87_tr_arith_reg},
    {X86_MAP_1B, 0xdc, 0, ANY, 2, -1, R, NI, "fcom2 st(i)", x87_tr_fcom_reg},
    {X86_MAP_1B, 0xdc, 0, ANY, 3, -1, R, NI, "fcomp3 st(i)", x87_tr_fcom_reg},

    /* DD: m64fp moves, fisttp m64, frstor, fnsave, fnstsw; ffree, fst(p), fucom(p) */
    {X86_MAP_1B, 0xdd, 0, ANY, 0, -1, M, NI, "fld m64fp", x87_tr_fld_mem},
    {X86_MAP_1B, 0xdd, 0, ANY, 1, -1, M, NI, "fisttp m64int", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdd, 0, ANY, 2, -1, M, NI, "fst m64fp", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdd, 0, ANY, 3, -1, M, NI, "fstp m64fp", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdd, 0, ANY, 4, -1, M, NI, "frstor", x87_tr_frstor},
    {X86_MAP_1B, 0xdd, 0, ANY, 6, -1, M, NI, "fnsave", x87_tr_fnsave},
    {X86_MAP_1B, 0xdd, 0, ANY, 7, -1, M, NI, "fnstsw m16", x87_tr_fnstsw_mem},
    {X86_MAP_1B, 0xdd, 0, ANY, 0, -1, R, NI, "ffree st(i)", x87_tr_ffree},
    {X86_MAP_1B, 0xdd, 0, ANY, 1, -1, R, NI, "fxch4 st(i)", x87_tr_fxch},
    {X86_MAP_1B, 0xdd, 0, ANY, 2, -1, R, NI, "fst st(i)", x87_tr_fst_reg},
    {X86_MAP_1B, 0xdd, 0, ANY, 3, -1, R, NI, "fstp st(i)", x87_tr_fst_reg},
    {X86_MAP_1B, 0xdd, 0, ANY, 4, -1, R, NI, "fucom st(i)", x87_tr_fcom_reg},
    {X86_MAP_1B, 0xdd, 0, ANY, 5, -1, R, NI, "fucomp st(i)", x87_tr_fcom_reg},

    /* DE: m16int arithmetic; the popping ST(i) op ST(0) forms; fcompp */
    {X86_MAP_1B, 0xde, 0, ANY, -1, -1, M, NI, "fiadd/fimul/fisub(r)/fidiv(r) m16int", x87_tr_arith_mem},
    {X86_MAP_1B, 0xde, 0, ANY, 2, -1, M, NI, "ficom m16int", x87_tr_fcom_mem},
    {X86_MAP_1B, 0xde, 0, ANY, 3, -1, M, NI, "ficomp m16int", x87_tr_fcom_mem},
    {X86_MAP_1B, 0xde, 0, ANY, -1, -1, R, NI, "faddp/fmulp/fsub(r)p/fdiv(r)p st(i),st", x87_tr_arith_reg},
    {X86_MAP_1B, 0xde, 0, ANY, 2, -1, R, NI, "fcomp5 st(i)", x87_tr_fcom_reg},
    {X86_MAP_1B, 0xde, 0, ANY, 3, 1, R, NI, "fcompp", x87_tr_fcompp},

    /* DF: m16int/m64int/BCD moves; ffreep, fnstsw ax, fucomip, fcomip */
    {X86_MAP_1B, 0xdf, 0, ANY, 0, -1, M, NI, "fild m16int", x87_tr_fld_mem},
    {X86_MAP_1B, 0xdf, 0, ANY, 1, -1, M, NI, "fisttp m16int", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdf, 0, ANY, 2, -1, M, NI, "fist m16int", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdf, 0, ANY, 3, -1, M, NI, "fistp m16int", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdf, 0, ANY, 4, -1, M, NI, "fbld m80bcd", x87_tr_fld_mem},
    {X86_MAP_1B, 0xdf, 0, ANY, 5, -1, M, NI, "fild m64int", x87_tr_fld_mem},
    {X86_MAP_1B, 0xdf, 0, ANY, 6, -1, M, NI, "fbstp m80bcd", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdf, 0, ANY, 7, -1, M, NI, "fistp m64int", x87_tr_fst_mem},
    {X86_MAP_1B, 0xdf, 0, ANY, 0, -1, R, NI, "ffreep st(i)", x87_tr_ffree},
    {X86_MAP_1B, 0xdf, 0, ANY, 1, -1, R, NI, "fxch7 st(i)", x87_tr_fxch},
    {X86_MAP_1B, 0xdf, 0, ANY, 2, -1, R, NI, "fstp8 st(i)", x87_tr_fst_reg},
    {X86_MAP_1B, 0xdf, 0, ANY, 3, -1, R, NI, "fstp9 st(i)", x87_tr_fst_reg},
    {X86_MAP_1B, 0xdf, 0, ANY, 4, 0, R, NI, "fnstsw ax", x87_tr_fnstsw_ax},
    {X86_MAP_1B, 0xdf, 0, ANY, 5, -1, R, NI, "fucomip st,st(i)", x87_tr_fcomi},
    {X86_MAP_1B, 0xdf, 0, ANY, 6, -1, R, NI, "fcomip st,st(i)", x87_tr_fcomi},

    /* 9B: fwait (no pending exception is ever modelled) */
    {X86_MAP_1B, 0x9b, 0, ANY, -1, -1, 0, NI, "fwait", x87_tr_nop},

    /* 0F AE /0 /1: the 512-byte x87+SSE image (fxsave.c) */
    {X86_MAP_0F, 0xae, 0, X86_MP_NONE, 0, -1, M, NI, "fxsave", x86_tr_fxsave},
    {X86_MAP_0F, 0xae, 0, X86_MP_NONE, 1, -1, M, NI, "fxrstor", x86_tr_fxrstor},

    {.name = NULL},
};
