/* frontend/x86/x87_compare.c — x87 compares and tests: FCOM, FCOMP,
 * FCOMPP, FUCOM, FUCOMP, FUCOMPP (registers and the m32fp/m64fp forms),
 * FICOM(P) m16int/m32int, FTST and FXAM setting C0-C3; FCOMI, FCOMIP,
 * FUCOMI, FUCOMIP setting ZF PF CF; and FCMOVcc, which reads the lazy
 * integer flags. Compares run on the host's x87 (fcom/fucom/ftst/fxam),
 * so NaN and denormal handling and the flags are the hardware's. x86-64
 * hosts only (x87.h).
 */
#include "frontend/x86/x87.h"

#if defined(__x86_64__)

/* All of C3 C2 C0: unordered (and what a masked stack underflow leaves). */
#define CC_UNORDERED (X87_C3 | X87_C2 | X87_C0)

/* fcompp/fucompp are fcom/fucom, then the host's two pops. */
static uint16_t host_fcom(const long double *a, const long double *b)
{
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfldt %1\n\tfcompp\n\tfnstsw %0" : "=m"(sw) : "m"(*a), "m"(*b));
    return sw;
}

static uint16_t host_fucom(const long double *a, const long double *b)
{
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfldt %1\n\tfucompp\n\tfnstsw %0" : "=m"(sw) : "m"(*a), "m"(*b));
    return sw;
}

/* Compare ST(0) with ST(i) (fcom, or fucom when `unordered`); host status word. */
static uint16_t compare_on_host(X86Cpu *cpu, unsigned i, bool unordered)
{
    X87HostCw saved = x87_host_enter(cpu);
    const long double *a = x87_st(cpu, 0), *b = x87_st(cpu, i);
    uint16_t sw = unordered ? host_fucom(a, b) : host_fcom(a, b);
    x87_host_leave(saved);
    return sw;
}

static void pop_n(X86Cpu *cpu, unsigned n)
{
    while (n--)
        x87_pop(cpu);
}

/* desc: unordered | i << 4 | pops << 8. */
static void h_compare(X86Cpu *cpu, uint32_t desc)
{
    x87_note_insn(cpu);
    unsigned i = (desc >> 4) & 7;
    if (x87_check2(cpu, 0, i))
        x87_merge_status(cpu, compare_on_host(cpu, i, desc & 1), X87_CC);
    else
        cpu->fpus |= CC_UNORDERED;
    pop_n(cpu, desc >> 8);
}

/* The memory forms run as the very instruction on the host (see
 * x87_arith.c: a conversion first would raise DE/IE the hardware does not). */
typedef uint16_t (*HostCompareMemFn)(const long double *a, uint64_t m); /* fcomp/ficomp: pops */

#define HOST_COMPARE_MEM(fn, insn, ctype)                                               \
    static uint16_t fn(const long double *a, uint64_t m)                                \
    {                                                                                   \
        ctype v;                                                                        \
        uint16_t sw;                                                                    \
        memcpy(&v, &m, sizeof(v));                                                      \
        __asm__ volatile("fldt %2\n\t" insn " %1\n\tfnstsw %0"                           \
                         : "=m"(sw) : "m"(v), "m"(*a));                               \
        return sw;                                                                      \
    }
HOST_COMPARE_MEM(host_fcom_m32fp, "fcomps", float)
HOST_COMPARE_MEM(host_ficom_m32int, "ficompl", int32_t)
HOST_COMPARE_MEM(host_fcom_m64fp, "fcompl", double)
HOST_COMPARE_MEM(host_ficom_m16int, "ficomps", int16_t)

/* by escape: D8 m32fp, DA m32int, DC m64fp, DE m16int */
static const HostCompareMemFn host_compare_mem[4] = {
    host_fcom_m32fp, host_ficom_m32int, host_fcom_m64fp, host_ficom_m16int,
};

/* desc: pop | escape << 4 (escape = (opcode - D8) / 2). */
static void h_compare_mem(X86Cpu *cpu, uint32_t desc, uint64_t m)
{
    x87_note_insn(cpu);
    if (x87_is_empty(cpu, 0)) {
        x87_underflow(cpu);
        cpu->fpus |= CC_UNORDERED;
    } else {
        X87HostCw saved = x87_host_enter(cpu);
        uint16_t sw = host_compare_mem[(desc >> 4) & 3](x87_st(cpu, 0), m);
        x87_host_leave(saved);
        x87_merge_status(cpu, sw, X87_CC);
    }
    pop_n(cpu, desc & 1);
}

/* FCOMI family: ZF PF CF from C3 C2 C0; C0-C3 stay (measured: C1 too,
 * unless a stack underflow clears it).
 * desc: unordered | i << 4 | pop << 8. Returns the EFLAGS bits. */
static uint32_t h_comi(X86Cpu *cpu, uint32_t desc)
{
    x87_note_insn(cpu);
    unsigned i = (desc >> 4) & 7;
    uint16_t cc = CC_UNORDERED;
    if (x87_check2(cpu, 0, i)) {
        uint16_t sw = compare_on_host(cpu, i, desc & 1);
        x87_merge_status(cpu, sw, 0);
        cc = sw & CC_UNORDERED;
    }
    pop_n(cpu, desc >> 8);
    return (cc & X87_C3 ? X86_ZF : 0) | (cc & X87_C2 ? X86_PF : 0) | (cc & X87_C0 ? X86_CF : 0);
}

static void h_ftst(X86Cpu *cpu)
{
    x87_note_insn(cpu);
    if (x87_is_empty(cpu, 0)) {
        x87_underflow(cpu);
        cpu->fpus |= CC_UNORDERED;
        return;
    }
    long double a = *x87_st(cpu, 0);
    uint16_t sw;
    X87HostCw saved = x87_host_enter(cpu);
    __asm__ volatile("ftst\n\tfnstsw %0" : "=m"(sw) : "t"(a));
    x87_host_leave(saved);
    x87_merge_status(cpu, sw, X87_CC);
}

/* FXAM: the class of ST(0) in C3 C2 C0, its sign in C1 (also when empty). */
static void h_fxam(X86Cpu *cpu)
{
    x87_note_insn(cpu);
    long double a = *x87_st(cpu, 0);
    uint16_t sw;
    if (x87_is_empty(cpu, 0)) {
        sw = X87_C3 | X87_C0 | (x87_bits(a).b.sexp & 0x8000 ? X87_C1 : 0);
    } else {
        X87HostCw saved = x87_host_enter(cpu);
        __asm__ volatile("fxam\n\tfnstsw %0" : "=m"(sw) : "t"(a));
        x87_host_leave(saved);
    }
    cpu->fpus = (uint16_t)((cpu->fpus & ~X87_CC) | (sw & X87_CC));
}

/* FCMOVcc ST(0), ST(i): cond is the integer condition's value. */
static void h_fcmov(X86Cpu *cpu, uint32_t i, uint32_t cond)
{
    x87_note_insn(cpu);
    if (!x87_check2(cpu, 0, i)) {
        x87_set_st(cpu, 0, x87_indefinite()); /* whatever the condition */
        return;
    }
    if (cond)
        memcpy(x87_st(cpu, 0), x87_st(cpu, i), sizeof(long double));
}

static const IrHelper h_compare_helper = {
    "x87_compare", (void *)h_compare, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_compare_mem_helper = {
    "x87_compare_mem", (void *)h_compare_mem, X87_HELPER_FLAGS, false, IR_I32, 2, {IR_I32, IR_I64},
};
static const IrHelper h_comi_helper = {
    "x87_comi", (void *)h_comi, X87_HELPER_FLAGS, true, IR_I32, 1, {IR_I32},
};
static const IrHelper h_ftst_helper = {
    "x87_ftst", (void *)h_ftst, X87_HELPER_FLAGS, false, IR_I32, 0, {0},
};
static const IrHelper h_fxam_helper = {
    "x87_fxam", (void *)h_fxam, X87_HELPER_FLAGS, false, IR_I32, 0, {0},
};
static const IrHelper h_fcmov_helper = {
    "x87_fcmov", (void *)h_fcmov, X87_HELPER_FLAGS, false, IR_I32, 2, {IR_I32, IR_I32},
};

/* FCOM/FUCOM ST(i) with `pops` pops: the fast path, else h_compare. */
static void gen_compare(X86Ctx *ctx, const X86Insn *in, bool unordered, unsigned i, unsigned pops)
{
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1u | 1u << i, 0)) {
        x87_gen_call(ctx, &h_compare_helper, (unordered ? 1u : 0u) | i << 4 | pops << 8, 0);
        x87_slow_end(ctx, in);
        return;
    }
    IrTemp sw = x87_fast_rr(ctx, IR_X87_COMPARE, unordered, x87_fast_slot(ctx, &f, 0), x87_fast_slot(ctx, &f, i));
    x87_fast_status(ctx, &f, sw, X87_CC);
    for (unsigned k = 0; k < pops; k++)
        x87_fast_pop(ctx, &f);
    x87_fast_end(ctx, &f);
}

/* D8 D0+i fcom, D8 D8+i fcomp; DC D0/D8+i and DE D0+i (fcomp) aliases;
 * DD E0+i fucom, DD E8+i fucomp. */
bool x87_tr_fcom_reg(X86Ctx *ctx, const X86Insn *in)
{
    bool unordered = in->opcode == 0xdd;
    unsigned pops = in->opcode == 0xde || (in->reg & 1) ? 1 : 0;
    gen_compare(ctx, in, unordered, in->rm & 7u, pops);
    return true;
}

/* D8/2,3 m32fp; DC/2,3 m64fp; DA/2,3 m32int; DE/2,3 m16int. */
bool x87_tr_fcom_mem(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp args[2], hi;
    args[0] = ir_const32(ctx->ir, (in->reg & 1u) | (uint32_t)(in->opcode - 0xd8) >> 1 << 4);
    x87_gen_load(ctx, in, x87_arith_mem_kind(in->opcode), &args[1], &hi);
    ir_call(ctx->ir, &h_compare_mem_helper, args);
    return true;
}

/* DE D9 fcompp, DA E9 fucompp: compare with ST(1), pop twice. */
bool x87_tr_fcompp(X86Ctx *ctx, const X86Insn *in)
{
    bool unordered = in->opcode == 0xda;
    gen_compare(ctx, in, unordered, 1, 2);
    return true;
}

/* DB F0+i fcomi, DB E8+i fucomi, DF F0+i fcomip, DF E8+i fucomip. */
bool x87_tr_fcomi(X86Ctx *ctx, const X86Insn *in)
{
    bool unordered = (in->reg & 7) == 5;
    unsigned pop = in->opcode == 0xdf;
    unsigned i = in->rm & 7u;
    IrBlock *b = ctx->ir;
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1u | 1u << i, 0)) {
        x86_gen_set_status_flags(ctx, x87_gen_call(ctx, &h_comi_helper, (unordered ? 1u : 0u) | i << 4 | pop << 8, 0));
        x87_slow_end(ctx, in);
        return true;
    }
    IrTemp sw = x87_fast_rr(ctx, IR_X87_COMPARE, unordered, x87_fast_slot(ctx, &f, 0), x87_fast_slot(ctx, &f, i));
    x87_fast_status(ctx, &f, sw, 0);
    /* C3 C2 C0 (bits 14 10 8) -> ZF PF CF (bits 6 2 0) */
    IrTemp flags = ir_andi(b, ir_shri(b, ir_trunc_i64(b, sw), 8), X86_ZF | X86_PF | X86_CF);
    if (pop)
        x87_fast_pop(ctx, &f);
    x87_fast_end(ctx, &f);
    x86_gen_set_status_flags(ctx, flags);
    return true;
}

bool x87_tr_ftst(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    x87_gen_call(ctx, &h_ftst_helper, 0, 0);
    return true;
}

bool x87_tr_fxam(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    x87_gen_call(ctx, &h_fxam_helper, 0, 0);
    return true;
}

/* DA C0/C8/D0/D8+i: fcmovb, fcmove, fcmovbe, fcmovu; DB: their negations.
 * Condition codes as Jcc numbers them. */
bool x87_tr_fcmov(X86Ctx *ctx, const X86Insn *in)
{
    static const uint8_t cc_of_reg[4] = {2 /* B */, 4 /* E */, 6 /* BE */, 10 /* P */};
    unsigned cc = cc_of_reg[in->reg & 3] + (in->opcode == 0xdb ? 1u : 0u);
    IrTemp args[2] = {ir_const32(ctx->ir, in->rm & 7u), x86_gen_cond(ctx, cc)};
    ir_call(ctx->ir, &h_fcmov_helper, args);
    return true;
}

#else /* no host x87: see x87_arith.c */

bool x87_tr_fcom_reg(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fcom_mem(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fcompp(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fcomi(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_ftst(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fxam(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fcmov(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}

#endif
