/* backend/interp/interp_x87.c — the interpreter's x87 ops (x87_rr, x87_rm,
 * x87_st; IrX87Kind in ir/ir.h): each op on its own, slots in memory, the
 * very host x87 instructions the JIT runs on its cached stack
 * (backend/x86_64/gen_x87.c), so both backends agree bit for bit. Only x86
 * hosts have these ops; elsewhere no frontend emits them and the
 * interpreter refuses the block.
 */
#include <string.h>

#include "backend/interp/interp.h"

#if defined(__x86_64__) || defined(__i386__)

enum { STATUS_WITHOUT_TOP = 0xc7ff };

/* Two-slot forms: *a = *a op *b; returns the status word. */
typedef uint16_t (*SlotFn)(long double *a, const long double *b);
/* Memory forms: *a = *a op m (or *a = m converted); returns the status word. */
typedef uint16_t (*MemFn)(long double *a, const void *m);
/* Stores: *m = *a converted. */
typedef uint16_t (*StoreFn)(const long double *a, void *m);

#define SLOT_ARITH(fn, insn)                                                              \
    static uint16_t fn(long double *a, const long double *b)                              \
    {                                                                                     \
        uint16_t sw;                                                                      \
        __asm__ volatile("fldt %2\n\tfldt %0\n\t" insn " %%st(1), %%st\n\tfnstsw %1\n\t"    \
                         "fstpt %0\n\tfstp %%st(0)" : "+m"(*a), "=m"(sw) : "m"(*b));      \
        return sw;                                                                        \
    }
SLOT_ARITH(slot_fadd, "fadd")
SLOT_ARITH(slot_fmul, "fmul")
SLOT_ARITH(slot_fsub, "fsub")
SLOT_ARITH(slot_fsubr, "fsubr")
SLOT_ARITH(slot_fdiv, "fdiv")
SLOT_ARITH(slot_fdivr, "fdivr")

/* by the D8 /digit (2 and 3 are compares: not an ARITH selector) */
static const SlotFn slot_arith[8] = {slot_fadd, slot_fmul, NULL, NULL, slot_fsub, slot_fsubr, slot_fdiv, slot_fdivr};

static uint16_t slot_fcom(long double *a, const long double *b)
{
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfldt %1\n\tfcompp\n\tfnstsw %0" : "=m"(sw) : "m"(*a), "m"(*b));
    return sw;
}

static uint16_t slot_fucom(long double *a, const long double *b)
{
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfldt %1\n\tfucompp\n\tfnstsw %0" : "=m"(sw) : "m"(*a), "m"(*b));
    return sw;
}

#define SLOT_UNARY(fn, insns)                                                             \
    static uint16_t fn(long double *a, const long double *b)                              \
    {                                                                                     \
        uint16_t sw;                                                                      \
        __asm__ volatile(insns "\n\tfnstsw %1\n\tfstpt %0" : "=m"(*a), "=m"(sw) : "m"(*b)); \
        return sw;                                                                        \
    }
SLOT_UNARY(slot_fchs, "fldt %2\n\tfchs")
SLOT_UNARY(slot_fabs, "fldt %2\n\tfabs")
SLOT_UNARY(slot_fsqrt, "fldt %2\n\tfsqrt")
SLOT_UNARY(slot_fld1, "fld1")
SLOT_UNARY(slot_fldz, "fldz")

static const SlotFn slot_unary[IR_X87_NUNARY] = {
    [IR_X87_CHS] = slot_fchs, [IR_X87_ABS] = slot_fabs, [IR_X87_SQRT] = slot_fsqrt,
    [IR_X87_LD1] = slot_fld1, [IR_X87_LDZ] = slot_fldz,
};

#define MEM_ARITH(fn, insn, ctype)                                                        \
    static uint16_t fn(long double *a, const void *m)                                     \
    {                                                                                     \
        uint16_t sw;                                                                      \
        __asm__ volatile("fldt %0\n\t" insn " %2\n\tfnstsw %1\n\tfstpt %0"                \
                         : "+m"(*a), "=m"(sw) : "m"(*(const ctype *)m));                 \
        return sw;                                                                        \
    }
MEM_ARITH(m32fp_fadd, "fadds", float)
MEM_ARITH(m32fp_fmul, "fmuls", float)
MEM_ARITH(m32fp_fsub, "fsubs", float)
MEM_ARITH(m32fp_fsubr, "fsubrs", float)
MEM_ARITH(m32fp_fdiv, "fdivs", float)
MEM_ARITH(m32fp_fdivr, "fdivrs", float)
MEM_ARITH(m64fp_fadd, "faddl", double)
MEM_ARITH(m64fp_fmul, "fmull", double)
MEM_ARITH(m64fp_fsub, "fsubl", double)
MEM_ARITH(m64fp_fsubr, "fsubrl", double)
MEM_ARITH(m64fp_fdiv, "fdivl", double)
MEM_ARITH(m64fp_fdivr, "fdivrl", double)
MEM_ARITH(m16int_fadd, "fiadds", int16_t)
MEM_ARITH(m16int_fmul, "fimuls", int16_t)
MEM_ARITH(m16int_fsub, "fisubs", int16_t)
MEM_ARITH(m16int_fsubr, "fisubrs", int16_t)
MEM_ARITH(m16int_fdiv, "fidivs", int16_t)
MEM_ARITH(m16int_fdivr, "fidivrs", int16_t)
MEM_ARITH(m32int_fadd, "fiaddl", int32_t)
MEM_ARITH(m32int_fmul, "fimull", int32_t)
MEM_ARITH(m32int_fsub, "fisubl", int32_t)
MEM_ARITH(m32int_fsubr, "fisubrl", int32_t)
MEM_ARITH(m32int_fdiv, "fidivl", int32_t)
MEM_ARITH(m32int_fdivr, "fidivrl", int32_t)

/* [IrX87Format][D8 /digit] */
static const MemFn mem_arith[IR_X87_M64INT][8] = {
    [IR_X87_M32FP] = {m32fp_fadd, m32fp_fmul, NULL, NULL, m32fp_fsub, m32fp_fsubr, m32fp_fdiv, m32fp_fdivr},
    [IR_X87_M64FP] = {m64fp_fadd, m64fp_fmul, NULL, NULL, m64fp_fsub, m64fp_fsubr, m64fp_fdiv, m64fp_fdivr},
    [IR_X87_M16INT] = {m16int_fadd, m16int_fmul, NULL, NULL, m16int_fsub, m16int_fsubr, m16int_fdiv, m16int_fdivr},
    [IR_X87_M32INT] = {m32int_fadd, m32int_fmul, NULL, NULL, m32int_fsub, m32int_fsubr, m32int_fdiv, m32int_fdivr},
};

#define MEM_LOAD(fn, insn, ctype)                                                         \
    static uint16_t fn(long double *a, const void *m)                                     \
    {                                                                                     \
        uint16_t sw;                                                                      \
        __asm__ volatile(insn " %2\n\tfnstsw %1\n\tfstpt %0"                              \
                         : "=m"(*a), "=m"(sw) : "m"(*(const ctype *)m));                 \
        return sw;                                                                        \
    }
MEM_LOAD(load_m32fp, "flds", float)
MEM_LOAD(load_m64fp, "fldl", double)
MEM_LOAD(load_m16int, "filds", int16_t)
MEM_LOAD(load_m32int, "fildl", int32_t)
MEM_LOAD(load_m64int, "fildll", int64_t)

static const MemFn mem_load[IR_X87_NFORMATS] = {
    load_m32fp, load_m64fp, load_m16int, load_m32int, load_m64int,
};

#define MEM_STORE(fn, insn, ctype)                                                        \
    static uint16_t fn(const long double *a, void *m)                                     \
    {                                                                                     \
        uint16_t sw;                                                                      \
        __asm__ volatile("fldt %2\n\t" insn " %0\n\tfnstsw %1"                            \
                         : "=m"(*(ctype *)m), "=m"(sw) : "m"(*a));                       \
        return sw;                                                                        \
    }
MEM_STORE(store_m32fp, "fstps", float)
MEM_STORE(store_m64fp, "fstpl", double)
MEM_STORE(store_m16int, "fistps", int16_t)
MEM_STORE(store_m32int, "fistpl", int32_t)
MEM_STORE(store_m64int, "fistpll", int64_t)

static const StoreFn mem_store[IR_X87_NFORMATS] = {
    store_m32fp, store_m64fp, store_m16int, store_m32int, store_m64int,
};
static const uint8_t format_bytes[IR_X87_NFORMATS] = {4, 8, 2, 4, 8};

static void copy10(void *dst, const void *src)
{
    memcpy(dst, src, 10);
}

void interp_x87(CpuCommon *env, uint64_t *frame, const InterpInsn *insn)
{
    IrX87Kind kind = (IrX87Kind)(insn->imm & 0xff);
    unsigned sel = (unsigned)(insn->imm >> 8) & 0xff;
    uint8_t *base = (uint8_t *)env;
    long double *a = (long double *)(base + frame[insn->a]);
    uint64_t b = insn->b ? frame[insn->b] : 0;
    long double *b_slot = (long double *)(base + b);
    uint16_t sw = 0;

    switch (kind) {
    case IR_X87_ARITH:
        sw = slot_arith[sel & 7](a, b_slot);
        break;
    case IR_X87_COMPARE:
        sw = sel ? slot_fucom(a, b_slot) : slot_fcom(a, b_slot);
        break;
    case IR_X87_COPY:
        copy10(a, b_slot);
        break;
    case IR_X87_SWAP: {
        uint8_t t[10];
        copy10(t, a);
        copy10(a, b_slot);
        copy10(b_slot, t);
        break;
    }
    case IR_X87_UNARY:
        sw = slot_unary[sel](a, b_slot);
        break;
    case IR_X87_ARITH_MEM:
        sw = mem_arith[sel >> 3][sel & 7](a, &b);
        break;
    case IR_X87_LOAD:
        sw = mem_load[sel](a, &b);
        break;
    case IR_X87_STORE: {
        uint64_t out = 0;
        sw = mem_store[sel](a, &out);
        if (format_bytes[sel] < 8)
            out &= ((uint64_t)1 << (8 * format_bytes[sel])) - 1;
        frame[insn->c] = out;
        break;
    }
    default:
        break;
    }
    frame[insn->d] = sw & STATUS_WITHOUT_TOP; /* TOP is the host stack's (ir/ops.def) */
}

#else

void interp_x87(CpuCommon *env, uint64_t *frame, const InterpInsn *insn)
{
    (void)env;
    (void)frame;
    (void)insn;
}

#endif
