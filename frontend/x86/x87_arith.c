/* frontend/x86/x87_arith.c — x87 basic arithmetic: FADD FMUL FSUB FSUBR
 * FDIV FDIVR in every operand form (ST(0),ST(i); ST(i),ST(0); the P forms;
 * m32fp, m64fp and the FI forms on m16int/m32int), FCHS and FABS. The
 * operation runs on the host's x87 with the same operand roles
 * (destination in the host's ST(0)), so the result, its rounding under
 * PC and RC, C1 and the flags are the hardware's. x86-64 hosts only (x87.h).
 */
#include "frontend/x86/x87.h"

#if defined(__x86_64__)

/* Operations, numbered so that op ^ 1 swaps sub/subr and div/divr (the
 * DC/DE register forms encode them the other way round). */
enum { OP_ADD, OP_MUL, OP_SUB, OP_SUBR, OP_DIV, OP_DIVR, OP_NONE = 0xff };

/* ModRM.reg -> operation (2 and 3 are fcom/fcomp, in x87_compare.c). */
static const uint8_t op_of_reg[8] = {OP_ADD, OP_MUL, OP_NONE, OP_NONE, OP_SUB, OP_SUBR, OP_DIV, OP_DIVR};
/* Operation -> its D8 /digit (the IR's IR_X87_ARITH selector). */
static const uint8_t d8_digit[6] = {[OP_ADD] = 0, [OP_MUL] = 1, [OP_SUB] = 4, [OP_SUBR] = 5, [OP_DIV] = 6, [OP_DIVR] = 7};

/* *dst = *dst op *src on the host, both register slots in memory (no
 * long double passes through C: that costs store-forwarding stalls);
 * returns the host status word. */
typedef uint16_t (*HostArithFn)(long double *dst, const long double *src);

#define HOST_ARITH(fn, insn)                                                            \
    static uint16_t fn(long double *dst, const long double *src)                        \
    {                                                                                   \
        uint16_t sw;                                                                    \
        __asm__ volatile("fldt %2\n\tfldt %0\n\t" insn " %%st(1), %%st\n\tfnstsw %1\n\t"    \
                         "fstpt %0\n\tfstp %%st(0)"                                      \
                         : "+m"(*dst), "=m"(sw) : "m"(*src));                         \
        return sw;                                                                      \
    }
HOST_ARITH(host_fadd, "fadd")
HOST_ARITH(host_fmul, "fmul")
HOST_ARITH(host_fsub, "fsub")
HOST_ARITH(host_fsubr, "fsubr")
HOST_ARITH(host_fdiv, "fdiv")
HOST_ARITH(host_fdivr, "fdivr")

static const HostArithFn host_arith[6] = {
    [OP_ADD] = host_fadd, [OP_MUL] = host_fmul, [OP_SUB] = host_fsub,
    [OP_SUBR] = host_fsubr, [OP_DIV] = host_fdiv, [OP_DIVR] = host_fdivr,
};

/* Register forms. desc: op | dst << 4 | src << 8 | pop << 12. */
enum { DESC_DST = 4, DESC_SRC = 8, DESC_POP = 1u << 12 };

static void h_arith_reg(X86Cpu *cpu, uint32_t desc)
{
    x87_note_insn(cpu);
    unsigned op = desc & 7, dst = (desc >> DESC_DST) & 7, src = (desc >> DESC_SRC) & 7;
    if (x87_check2(cpu, dst, src)) {
        X87HostCw saved = x87_host_enter(cpu);
        uint16_t sw = host_arith[op](x87_st(cpu, dst), x87_st(cpu, src));
        x87_host_leave(saved);
        x87_merge_status(cpu, sw, X87_C1);
    } else {
        x87_set_st(cpu, dst, x87_indefinite());
    }
    if (desc & DESC_POP)
        x87_pop(cpu);
}

/* Memory forms run as the very memory-operand instruction on the host (a
 * conversion first would differ: a denormal or SNaN operand beside a NaN
 * or unsupported ST(0) raises nothing, and NaN selection sees the SNaN).
 * *a = *a op (the operand in the low bytes of m). */
typedef uint16_t (*HostArithMemFn)(long double *a, uint64_t m);

#define HOST_ARITH_MEM(fn, insn, ctype)                                                 \
    static uint16_t fn(long double *a, uint64_t m)                                      \
    {                                                                                   \
        ctype v;                                                                        \
        uint16_t sw;                                                                    \
        memcpy(&v, &m, sizeof(v));                                                      \
        __asm__ volatile("fldt %0\n\t" insn " %2\n\tfnstsw %1\n\tfstpt %0"              \
                         : "+m"(*a), "=m"(sw) : "m"(v));                              \
        return sw;                                                                      \
    }
HOST_ARITH_MEM(host_fadd_m32fp, "fadds", float)
HOST_ARITH_MEM(host_fmul_m32fp, "fmuls", float)
HOST_ARITH_MEM(host_fsub_m32fp, "fsubs", float)
HOST_ARITH_MEM(host_fsubr_m32fp, "fsubrs", float)
HOST_ARITH_MEM(host_fdiv_m32fp, "fdivs", float)
HOST_ARITH_MEM(host_fdivr_m32fp, "fdivrs", float)
HOST_ARITH_MEM(host_fadd_m64fp, "faddl", double)
HOST_ARITH_MEM(host_fmul_m64fp, "fmull", double)
HOST_ARITH_MEM(host_fsub_m64fp, "fsubl", double)
HOST_ARITH_MEM(host_fsubr_m64fp, "fsubrl", double)
HOST_ARITH_MEM(host_fdiv_m64fp, "fdivl", double)
HOST_ARITH_MEM(host_fdivr_m64fp, "fdivrl", double)
HOST_ARITH_MEM(host_fiadd_m16int, "fiadds", int16_t)
HOST_ARITH_MEM(host_fimul_m16int, "fimuls", int16_t)
HOST_ARITH_MEM(host_fisub_m16int, "fisubs", int16_t)
HOST_ARITH_MEM(host_fisubr_m16int, "fisubrs", int16_t)
HOST_ARITH_MEM(host_fidiv_m16int, "fidivs", int16_t)
HOST_ARITH_MEM(host_fidivr_m16int, "fidivrs", int16_t)
HOST_ARITH_MEM(host_fiadd_m32int, "fiaddl", int32_t)
HOST_ARITH_MEM(host_fimul_m32int, "fimull", int32_t)
HOST_ARITH_MEM(host_fisub_m32int, "fisubl", int32_t)
HOST_ARITH_MEM(host_fisubr_m32int, "fisubrl", int32_t)
HOST_ARITH_MEM(host_fidiv_m32int, "fidivl", int32_t)
HOST_ARITH_MEM(host_fidivr_m32int, "fidivrl", int32_t)

/* [escape: D8 m32fp, DA m32int, DC m64fp, DE m16int][operation] */
static const HostArithMemFn host_arith_mem[4][6] = {
    {host_fadd_m32fp, host_fmul_m32fp, host_fsub_m32fp, host_fsubr_m32fp, host_fdiv_m32fp, host_fdivr_m32fp},
    {host_fiadd_m32int, host_fimul_m32int, host_fisub_m32int, host_fisubr_m32int, host_fidiv_m32int,
     host_fidivr_m32int},
    {host_fadd_m64fp, host_fmul_m64fp, host_fsub_m64fp, host_fsubr_m64fp, host_fdiv_m64fp, host_fdivr_m64fp},
    {host_fiadd_m16int, host_fimul_m16int, host_fisub_m16int, host_fisubr_m16int, host_fidiv_m16int,
     host_fidivr_m16int},
};

/* ST(0) = ST(0) op [m]. desc: op | escape << 4 (escape = (opcode - D8) / 2). */
static void h_arith_mem(X86Cpu *cpu, uint32_t desc, uint64_t m)
{
    x87_note_insn(cpu);
    if (x87_is_empty(cpu, 0)) {
        x87_underflow(cpu);
        x87_set_st(cpu, 0, x87_indefinite());
        return;
    }
    X87HostCw saved = x87_host_enter(cpu);
    uint16_t sw = host_arith_mem[(desc >> 4) & 3][desc & 7](x87_st(cpu, 0), m);
    x87_host_leave(saved);
    x87_merge_status(cpu, sw, X87_C1);
}

static const IrHelper h_arith_reg_helper = {
    "x87_arith_reg", (void *)h_arith_reg, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_arith_mem_helper = {
    "x87_arith_mem", (void *)h_arith_mem, X87_HELPER_FLAGS, false, IR_I32, 2, {IR_I32, IR_I64},
};

/* FCHS / FABS: the sign bit only; C1 cleared. desc: 0 chs, 1 abs. */
static void h_sign(X86Cpu *cpu, uint32_t abs)
{
    x87_note_insn(cpu);
    cpu->fpus &= (uint16_t)~X87_C1;
    if (x87_is_empty(cpu, 0)) {
        x87_underflow(cpu);
        x87_set_st(cpu, 0, x87_indefinite());
        return;
    }
    X87Bits x = x87_bits(*x87_st(cpu, 0));
    x.b.sexp = abs ? (uint16_t)(x.b.sexp & 0x7fff) : (uint16_t)(x.b.sexp ^ 0x8000);
    *x87_st(cpu, 0) = x.ld;
}

static const IrHelper h_sign_helper = {
    "x87_sign", (void *)h_sign, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};

/* D8 C0-FF: ST(0) = ST(0) op ST(i). DC C0-FF: ST(i) = ST(i) op ST(0) (sub/div
 * reversed). DE C0-FF: the same, then pop. */
bool x87_tr_arith_reg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned op = op_of_reg[in->reg & 7], i = in->rm & 7;
    if (op == OP_NONE)
        return false;
    uint32_t desc;
    if (in->opcode == 0xd8)
        desc = op | i << DESC_SRC;
    else
        desc = (op >= OP_SUB ? op ^ 1 : op) | i << DESC_DST | (in->opcode == 0xde ? DESC_POP : 0);
    unsigned dst = (desc >> DESC_DST) & 7, src = (desc >> DESC_SRC) & 7;
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1u | 1u << i, 0)) {
        x87_gen_call(ctx, &h_arith_reg_helper, desc, 0);
        x87_slow_end(ctx, in);
        return true;
    }
    IrTemp sw = x87_fast_rr(ctx, IR_X87_ARITH, d8_digit[desc & 7], x87_fast_slot(ctx, &f, dst),
                            x87_fast_slot(ctx, &f, src));
    x87_fast_status(ctx, &f, sw, X87_C1);
    if (desc & DESC_POP)
        x87_fast_pop(ctx, &f);
    x87_fast_end(ctx, &f);
    return true;
}

/* The memory operand's format by opcode: D8 m32fp, DA m32int, DC m64fp, DE m16int. */
X87Mem x87_arith_mem_kind(uint8_t opcode)
{
    static const uint8_t kinds[4] = {X87_M32FP, X87_M32INT, X87_M64FP, X87_M16INT};
    return (X87Mem)kinds[(opcode - 0xd8) >> 1];
}

bool x87_tr_arith_mem(X86Ctx *ctx, const X86Insn *in)
{
    unsigned op = op_of_reg[in->reg & 7];
    if (op == OP_NONE)
        return false;
    IrTemp args[2], hi;
    X87Mem kind = x87_arith_mem_kind(in->opcode);
    args[0] = ir_const32(ctx->ir, op | (uint32_t)(in->opcode - 0xd8) >> 1 << 4);
    x87_gen_load(ctx, in, kind, &args[1], &hi);
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1, 0)) {
        ir_call(ctx->ir, &h_arith_mem_helper, args);
        x87_slow_end(ctx, in);
        return true;
    }
    IrTemp sw = x87_fast_rm(ctx, IR_X87_ARITH_MEM, d8_digit[op] | (unsigned)x87_fast_format(kind) << 3,
                            x87_fast_slot(ctx, &f, 0), args[1]);
    x87_fast_status(ctx, &f, sw, X87_C1);
    x87_fast_end(ctx, &f);
    return true;
}

/* FCHS / FABS on the fast path: the host's fchs/fabs (no exception, C1 cleared). */
static void gen_sign(X86Ctx *ctx, const X86Insn *in, uint32_t abs)
{
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1, 0)) {
        x87_gen_call(ctx, &h_sign_helper, abs, 0);
        x87_slow_end(ctx, in);
        return;
    }
    IrTemp st0 = x87_fast_slot(ctx, &f, 0);
    x87_fast_rr(ctx, IR_X87_UNARY, abs ? IR_X87_ABS : IR_X87_CHS, st0, st0);
    x87_fast_status(ctx, &f, 0, X87_C1);
    x87_fast_end(ctx, &f);
}

bool x87_tr_chs(X86Ctx *ctx, const X86Insn *in)
{
    gen_sign(ctx, in, 0);
    return true;
}

bool x87_tr_abs(X86Ctx *ctx, const X86Insn *in)
{
    gen_sign(ctx, in, 1);
    return true;
}

#else /* no host x87: the soft-float helpers are not written; these forms are illegal (logged under -d unimp) */

bool x87_tr_arith_reg(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_arith_mem(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_chs(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_abs(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}

#endif
