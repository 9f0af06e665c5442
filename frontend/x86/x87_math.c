/* frontend/x86/x87_math.c — the x87 instructions of the D9 F0-FF row that
 * compute: FSQRT FRNDINT FSIN FCOS F2XM1 (on ST(0)), FPREM FPREM1 FSCALE
 * (ST(0) with ST(1)), FPATAN FYL2X FYL2XP1 (into ST(1), then pop), FPTAN
 * FSINCOS FXTRACT (two results: ST(0) replaced, one pushed). Each runs the
 * very same instruction on the host's x87, so transcendental results, the
 * partial-remainder bits and C2's "out of range" are the hardware's.
 * x86-64 hosts only (x87.h).
 */
#include "frontend/x86/x87.h"

#if defined(__x86_64__)

/* ---- host instructions ----------------------------------------------- */

/* The unary and binary shapes work on the register slots in memory. */
typedef uint16_t (*HostUnaryFn)(long double *a);
typedef uint16_t (*HostBinaryFn)(long double *a, const long double *b); /* a = f(a, b) */
typedef uint16_t (*HostPopFn)(long double a, long double *b);     /* b = f(b, a) */
typedef uint16_t (*HostPushFn)(long double a, long double *top, long double *below);

#define HOST_UNARY(fn, insn)                                                            \
    static uint16_t fn(long double *a)                                                  \
    {                                                                                   \
        uint16_t sw;                                                                    \
        __asm__ volatile("fldt %0\n\t" insn "\n\tfnstsw %1\n\tfstpt %0" : "+m"(*a), "=m"(sw)); \
        return sw;                                                                      \
    }
HOST_UNARY(host_fsqrt, "fsqrt")
HOST_UNARY(host_frndint, "frndint")
HOST_UNARY(host_fsin, "fsin")
HOST_UNARY(host_fcos, "fcos")
HOST_UNARY(host_f2xm1, "f2xm1")

#define HOST_BINARY(fn, insn)                                                           \
    static uint16_t fn(long double *a, const long double *b)                            \
    {                                                                                   \
        uint16_t sw;                                                                    \
        __asm__ volatile("fldt %2\n\tfldt %0\n\t" insn "\n\tfnstsw %1\n\tfstpt %0\n\tfstp %%st(0)" \
                         : "+m"(*a), "=m"(sw) : "m"(*b));                             \
        return sw;                                                                      \
    }
HOST_BINARY(host_fprem, "fprem")
HOST_BINARY(host_fprem1, "fprem1")
HOST_BINARY(host_fscale, "fscale")

#define HOST_POP(fn, insn)                                                              \
    static uint16_t fn(long double a, long double *b)                                   \
    {                                                                                   \
        uint16_t sw;                                                                    \
        long double r;                                                                  \
        __asm__ volatile(insn "\n\tfnstsw %1" : "=t"(r), "=m"(sw) : "0"(a), "u"(*b) : "st(1)"); \
        *b = r;                                                                         \
        return sw;                                                                      \
    }
HOST_POP(host_fpatan, "fpatan")
HOST_POP(host_fyl2x, "fyl2x")
HOST_POP(host_fyl2xp1, "fyl2xp1")

/* fptan and fsincos push nothing when the operand is out of range (C2):
 * the asm then duplicates ST(0) so it always leaves two values. */
#define HOST_PUSH(fn, insn)                                                             \
    static uint16_t fn(long double a, long double *top, long double *below)             \
    {                                                                                   \
        uint16_t sw;                                                                    \
        __asm__ volatile(insn "\n\tfnstsw %2\n\ttestw $0x400, %2\n\tjz 1f\n\t"          \
                         "fld %%st(0)\n1:"                                              \
                         : "=t"(*top), "=u"(*below), "=m"(sw) : "0"(a) : "cc");       \
        return sw;                                                                      \
    }
HOST_PUSH(host_fptan, "fptan")
HOST_PUSH(host_fsincos, "fsincos")

/* fxtract always pushes, and leaves C2 as it was (so no test of it). */
static uint16_t host_fxtract(long double a, long double *top, long double *below)
{
    uint16_t sw;
    __asm__ volatile("fxtract\n\tfnstsw %2" : "=t"(*top), "=u"(*below), "=m"(sw) : "0"(a));
    return sw;
}

/* ---- the row D9 F0-FF, indexed by ModRM & 15 -------------------------- */

typedef enum Shape { SHAPE_NONE, SHAPE_UNARY, SHAPE_BINARY, SHAPE_POP, SHAPE_PUSH } Shape;

typedef struct MathOp {
    uint8_t shape;   /* Shape */
    uint16_t cc;     /* condition bits the instruction sets */
    void *host;      /* Host*Fn of the shape */
} MathOp;

static const MathOp math_ops[16] = {
    [0x0] = {SHAPE_UNARY, X87_C1, (void *)host_f2xm1},
    [0x1] = {SHAPE_POP, X87_C1, (void *)host_fyl2x},
    [0x2] = {SHAPE_PUSH, X87_C1 | X87_C2, (void *)host_fptan},
    [0x3] = {SHAPE_POP, X87_C1, (void *)host_fpatan},
    [0x4] = {SHAPE_PUSH, X87_C1, (void *)host_fxtract},
    [0x5] = {SHAPE_BINARY, X87_CC, (void *)host_fprem1},
    /* 0x6 fdecstp, 0x7 fincstp: x87_control.c */
    [0x8] = {SHAPE_BINARY, X87_CC, (void *)host_fprem},
    [0x9] = {SHAPE_POP, X87_C1, (void *)host_fyl2xp1},
    [0xa] = {SHAPE_UNARY, X87_C1, (void *)host_fsqrt},
    [0xb] = {SHAPE_PUSH, X87_C1 | X87_C2, (void *)host_fsincos},
    [0xc] = {SHAPE_UNARY, X87_C1, (void *)host_frndint},
    [0xd] = {SHAPE_BINARY, X87_C1, (void *)host_fscale},
    [0xe] = {SHAPE_UNARY, X87_C1 | X87_C2, (void *)host_fsin},
    [0xf] = {SHAPE_UNARY, X87_C1 | X87_C2, (void *)host_fcos},
};

/* A stack fault clears C2 where the instruction defines it (C1 tells
 * underflow from overflow; C0 and C3 stay as they were: measured). */
static void stack_fault_cc(X86Cpu *cpu, uint32_t idx)
{
    cpu->fpus &= (uint16_t)~(math_ops[idx].cc & X87_C2);
}

static void h_unary(X86Cpu *cpu, uint32_t idx)
{
    x87_note_insn(cpu);
    if (x87_is_empty(cpu, 0)) {
        stack_fault_cc(cpu, idx);
        x87_underflow(cpu);
        x87_set_st(cpu, 0, x87_indefinite());
        return;
    }
    X87HostCw saved = x87_host_enter(cpu);
    uint16_t sw = ((HostUnaryFn)math_ops[idx].host)(x87_st(cpu, 0));
    x87_host_leave(saved);
    x87_merge_status(cpu, sw, math_ops[idx].cc);
}

static void h_binary(X86Cpu *cpu, uint32_t idx)
{
    x87_note_insn(cpu);
    if (x87_is_empty(cpu, 0) || x87_is_empty(cpu, 1)) {
        stack_fault_cc(cpu, idx);
        x87_underflow(cpu);
        x87_set_st(cpu, 0, x87_indefinite());
        return;
    }
    /* fprem leaves C0 C1 C3 as they were for some operands (0, inf, NaN):
     * there the host starts from the guest's condition bits */
    bool keeps_cc = math_ops[idx].cc == X87_CC;
    X87HostCw saved = keeps_cc ? x87_host_enter_with_cc(cpu) : x87_host_enter(cpu);
    uint16_t sw = ((HostBinaryFn)math_ops[idx].host)(x87_st(cpu, 0), x87_st(cpu, 1));
    x87_host_leave(saved);
    x87_merge_status(cpu, sw, math_ops[idx].cc);
}

static void h_binary_pop(X86Cpu *cpu, uint32_t idx)
{
    x87_note_insn(cpu);
    if (x87_check2(cpu, 0, 1)) {
        long double b = *x87_st(cpu, 1);
        X87HostCw saved = x87_host_enter(cpu);
        uint16_t sw = ((HostPopFn)math_ops[idx].host)(*x87_st(cpu, 0), &b);
        x87_host_leave(saved);
        x87_merge_status(cpu, sw, math_ops[idx].cc);
        *x87_st(cpu, 1) = b;
    } else {
        x87_set_st(cpu, 1, x87_indefinite());
    }
    x87_pop(cpu);
}

static void h_push_two(X86Cpu *cpu, uint32_t idx)
{
    x87_note_insn(cpu);
    bool underflow = x87_is_empty(cpu, 0);
    if (underflow || !x87_is_empty(cpu, 7)) {
        stack_fault_cc(cpu, idx);
        x87_set_st(cpu, 0, x87_indefinite());
        if (underflow) {
            x87_underflow(cpu);
            x87_push_after_underflow(cpu, x87_indefinite());
        } else {
            x87_push(cpu, x87_indefinite()); /* flags the overflow */
        }
        return;
    }
    long double top, below;
    X87HostCw saved = x87_host_enter(cpu);
    uint16_t sw = ((HostPushFn)math_ops[idx].host)(*x87_st(cpu, 0), &top, &below);
    x87_host_leave(saved);
    if (!(math_ops[idx].cc & X87_C2 && sw & X87_C2)) {
        *x87_st(cpu, 0) = below;
        x87_push(cpu, top);
    }
    x87_merge_status(cpu, sw, math_ops[idx].cc);
}

static const IrHelper h_unary_helper = {
    "x87_unary", (void *)h_unary, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_binary_helper = {
    "x87_binary", (void *)h_binary, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_binary_pop_helper = {
    "x87_binary_pop", (void *)h_binary_pop, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_push_two_helper = {
    "x87_push_two", (void *)h_push_two, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};

static const IrHelper *const shape_helpers[] = {
    [SHAPE_UNARY] = &h_unary_helper, [SHAPE_BINARY] = &h_binary_helper,
    [SHAPE_POP] = &h_binary_pop_helper, [SHAPE_PUSH] = &h_push_two_helper,
};

bool x87_tr_math(X86Ctx *ctx, const X86Insn *in)
{
    unsigned idx = in->modrm & 15;
    if (math_ops[idx].shape == SHAPE_NONE)
        return false;
    if (idx != 0xa) { /* fsqrt has a fast path */
        x87_gen_call(ctx, shape_helpers[math_ops[idx].shape], idx, 0);
        return true;
    }
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1, 0)) {
        x87_gen_call(ctx, shape_helpers[math_ops[idx].shape], idx, 0);
        x87_slow_end(ctx, in);
        return true;
    }
    IrTemp st0 = x87_fast_slot(ctx, &f, 0);
    x87_fast_status(ctx, &f, x87_fast_rr(ctx, IR_X87_UNARY, IR_X87_SQRT, st0, st0), math_ops[idx].cc);
    x87_fast_end(ctx, &f);
    return true;
}

#else /* no host x87: see x87_arith.c */

bool x87_tr_math(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}

#endif
