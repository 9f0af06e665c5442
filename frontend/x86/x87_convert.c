/* frontend/x86/x87_convert.c — x87 loads and stores: the memory formats
 * (m32/m64/m80 float, m16/m32/m64 integer, m80 BCD, fisttp's truncating
 * stores) converted on the host's x87 unit, and the instructions that move
 * values onto, off and around the stack: FLD, FILD, FBLD, FST(P), FIST(P),
 * FISTTP, FBSTP, FLD ST(i), FST(P) ST(i), FXCH and the constants
 * FLD1/FLDL2T/FLDL2E/FLDPI/FLDLG2/FLDLN2/FLDZ (rounded by RC, as the
 * hardware does). x86-64 hosts only (x87.h).
 */
#include "frontend/x86/x87.h"

#if defined(__x86_64__)

/* ---- host conversions ----------------------------------------------------- */

typedef uint16_t (*HostLoadFn)(const uint8_t *m, long double *out);
typedef uint16_t (*HostStoreFn)(const long double *v, uint8_t *out);

static uint16_t load_m32fp(const uint8_t *m, long double *out)
{
    float f;
    uint16_t sw;
    memcpy(&f, m, sizeof(f));
    __asm__ volatile("flds %2\n\tfnstsw %1\n\tfstpt %0" : "=m"(*out), "=m"(sw) : "m"(f));
    return sw;
}

static uint16_t load_m64fp(const uint8_t *m, long double *out)
{
    double d;
    uint16_t sw;
    memcpy(&d, m, sizeof(d));
    __asm__ volatile("fldl %2\n\tfnstsw %1\n\tfstpt %0" : "=m"(*out), "=m"(sw) : "m"(d));
    return sw;
}

static uint16_t load_m80fp(const uint8_t *m, long double *out)
{
    memcpy(out, m, 10); /* exact: no exception */
    return 0;
}

static uint16_t load_m16int(const uint8_t *m, long double *out)
{
    int16_t v;
    uint16_t sw;
    memcpy(&v, m, sizeof(v));
    __asm__ volatile("filds %2\n\tfnstsw %1\n\tfstpt %0" : "=m"(*out), "=m"(sw) : "m"(v));
    return sw;
}

static uint16_t load_m32int(const uint8_t *m, long double *out)
{
    int32_t v;
    uint16_t sw;
    memcpy(&v, m, sizeof(v));
    __asm__ volatile("fildl %2\n\tfnstsw %1\n\tfstpt %0" : "=m"(*out), "=m"(sw) : "m"(v));
    return sw;
}

static uint16_t load_m64int(const uint8_t *m, long double *out)
{
    int64_t v;
    uint16_t sw;
    memcpy(&v, m, sizeof(v));
    __asm__ volatile("fildll %2\n\tfnstsw %1\n\tfstpt %0" : "=m"(*out), "=m"(sw) : "m"(v));
    return sw;
}

typedef struct Bytes10 {
    uint8_t b[10];
} Bytes10;

static uint16_t load_m80bcd(const uint8_t *m, long double *out)
{
    Bytes10 v;
    uint16_t sw;
    memcpy(&v, m, sizeof(v));
    __asm__ volatile("fbld %2\n\tfnstsw %1\n\tfstpt %0" : "=m"(*out), "=m"(sw) : "m"(v));
    return sw;
}

static uint16_t store_m32fp(const long double *v, uint8_t *out)
{
    float f;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfstps %0\n\tfnstsw %1" : "=m"(f), "=m"(sw) : "m"(*v));
    memcpy(out, &f, sizeof(f));
    return sw;
}

static uint16_t store_m64fp(const long double *v, uint8_t *out)
{
    double d;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfstpl %0\n\tfnstsw %1" : "=m"(d), "=m"(sw) : "m"(*v));
    memcpy(out, &d, sizeof(d));
    return sw;
}

static uint16_t store_m80fp(const long double *v, uint8_t *out)
{
    memcpy(out, v, 10); /* exact: no exception */
    return 0;
}

static uint16_t store_m16int(const long double *v, uint8_t *out)
{
    int16_t i;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfistps %0\n\tfnstsw %1" : "=m"(i), "=m"(sw) : "m"(*v));
    memcpy(out, &i, sizeof(i));
    return sw;
}

static uint16_t store_m32int(const long double *v, uint8_t *out)
{
    int32_t i;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfistpl %0\n\tfnstsw %1" : "=m"(i), "=m"(sw) : "m"(*v));
    memcpy(out, &i, sizeof(i));
    return sw;
}

static uint16_t store_m64int(const long double *v, uint8_t *out)
{
    int64_t i;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfistpll %0\n\tfnstsw %1" : "=m"(i), "=m"(sw) : "m"(*v));
    memcpy(out, &i, sizeof(i));
    return sw;
}

static uint16_t store_m80bcd(const long double *v, uint8_t *out)
{
    Bytes10 b;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfbstp %0\n\tfnstsw %1" : "=m"(b), "=m"(sw) : "m"(*v));
    memcpy(out, &b, sizeof(b));
    return sw;
}

static uint16_t store_m16trunc(const long double *v, uint8_t *out)
{
    int16_t i;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfisttps %0\n\tfnstsw %1" : "=m"(i), "=m"(sw) : "m"(*v));
    memcpy(out, &i, sizeof(i));
    return sw;
}

static uint16_t store_m32trunc(const long double *v, uint8_t *out)
{
    int32_t i;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfisttpl %0\n\tfnstsw %1" : "=m"(i), "=m"(sw) : "m"(*v));
    memcpy(out, &i, sizeof(i));
    return sw;
}

static uint16_t store_m64trunc(const long double *v, uint8_t *out)
{
    int64_t i;
    uint16_t sw;
    __asm__ volatile("fldt %2\n\tfisttpll %0\n\tfnstsw %1" : "=m"(i), "=m"(sw) : "m"(*v));
    memcpy(out, &i, sizeof(i));
    return sw;
}

/* One row per memory format: its size, its conversions, and the bytes a
 * masked invalid operation stores (integer/BCD indefinite, float QNaN). */
static const struct {
    uint8_t size;
    HostLoadFn load;
    HostStoreFn store;
    uint64_t indef_lo;
    uint16_t indef_hi;
} mem_formats[X87_NMEM] = {
    [X87_M32FP] = {4, load_m32fp, store_m32fp, 0xffc00000u, 0},
    [X87_M64FP] = {8, load_m64fp, store_m64fp, 0xfff8000000000000ull, 0},
    [X87_M80FP] = {10, load_m80fp, store_m80fp, 0xc000000000000000ull, 0xffff},
    [X87_M16INT] = {2, load_m16int, store_m16int, 0x8000u, 0},
    [X87_M32INT] = {4, load_m32int, store_m32int, 0x80000000u, 0},
    [X87_M64INT] = {8, load_m64int, store_m64int, 0x8000000000000000ull, 0},
    [X87_M80BCD] = {10, load_m80bcd, store_m80bcd, 0xc000000000000000ull, 0xffff},
    [X87_M16TRUNC] = {2, NULL, store_m16trunc, 0x8000u, 0},
    [X87_M32TRUNC] = {4, NULL, store_m32trunc, 0x80000000u, 0},
    [X87_M64TRUNC] = {8, NULL, store_m64trunc, 0x8000000000000000ull, 0},
};

unsigned x87_mem_size(X87Mem kind) { return mem_formats[kind].size; }

uint16_t x87_host_load(X87Mem kind, uint64_t lo, uint16_t hi, long double *out)
{
    uint8_t m[16] = {0};
    memcpy(m, &lo, 8);
    memcpy(m + 8, &hi, 2);
    return mem_formats[kind].load(m, out);
}

uint16_t x87_host_store(X87Mem kind, const long double *v, uint8_t out[16])
{
    memset(out, 0, 16);
    return mem_formats[kind].store(v, out);
}

void x87_mem_indefinite(X87Mem kind, uint8_t out[16])
{
    memset(out, 0, 16);
    memcpy(out, &mem_formats[kind].indef_lo, 8);
    memcpy(out + 8, &mem_formats[kind].indef_hi, 2);
}

/* ---- helpers ----------------------------------------------------------------- */

/* FLD/FILD/FBLD m: push the converted operand (not even converted when
 * the push overflows). */
static void h_fld_mem(X86Cpu *cpu, uint32_t kind, uint64_t lo, uint32_t hi)
{
    x87_note_insn(cpu);
    if (!x87_is_empty(cpu, 7)) {
        x87_push(cpu, x87_indefinite()); /* flags the overflow */
        return;
    }
    long double *slot = x87_push_slot(cpu);
    X87HostCw saved = x87_host_enter(cpu);
    uint16_t sw = x87_host_load((X87Mem)kind, lo, (uint16_t)hi, slot);
    x87_host_leave(saved);
    x87_merge_status(cpu, sw, 0);
}

/* FST/FSTP/FIST/FISTP/FISTTP/FBSTP m: the bytes into scratch[0..1], the
 * status pending in scratch[2] (x87_gen_store commits it after the store). */
static uint64_t h_fst_mem(X86Cpu *cpu, uint32_t kind)
{
    uint8_t out[16];
    uint32_t set, replaced = X87_C1;
    if (x87_is_empty(cpu, 0)) {
        x87_mem_indefinite((X87Mem)kind, out);
        set = X87_IE | X87_SF;
        x87_note_raised(cpu, X87_IE);
    } else {
        X87HostCw saved = x87_host_enter(cpu);
        uint16_t sw = x87_host_store((X87Mem)kind, x87_st(cpu, 0), out);
        x87_host_leave(saved);
        set = (sw & (X87_EXC_MASK | X87_C1));
    }
    memcpy(&cpu->scratch[0], out, 8);
    cpu->scratch[1] = (uint64_t)out[8] | (uint64_t)out[9] << 8;
    cpu->scratch[2] = replaced << 16 | set;
    return cpu->scratch[0];
}

const IrHelper x87_h_fst_mem = {
    "x87_fst_mem", (void *)h_fst_mem, X87_HELPER_FLAGS, true, IR_I64, 1, {IR_I32},
};
static const IrHelper h_fld_mem_helper = {
    "x87_fld_mem", (void *)h_fld_mem, X87_HELPER_FLAGS, false, IR_I32, 3, {IR_I32, IR_I64, IR_I32},
};

/* FLD ST(i). */
static void h_fld_reg(X86Cpu *cpu, uint32_t i)
{
    x87_note_insn(cpu);
    if (x87_is_empty(cpu, i)) {
        x87_underflow(cpu);
        x87_push_after_underflow(cpu, x87_indefinite());
        return;
    }
    if (!x87_is_empty(cpu, 7)) {
        x87_push_overflow(cpu);
        return;
    }
    const long double *src = x87_st(cpu, i);
    x87_copy(x87_push_slot(cpu), src);
}

/* FST/FSTP ST(i) and the FSTP8/9 aliases; pop 2: D9 D8+i, which with an
 * empty ST(0) only pops, without a stack fault (measured on the host). */
static void h_fst_reg(X86Cpu *cpu, uint32_t i, uint32_t pop)
{
    x87_note_insn(cpu);
    cpu->fpus &= (uint16_t)~X87_C1;
    if (pop == 2 && x87_is_empty(cpu, 0)) {
        x87_pop(cpu);
        return;
    }
    if (x87_is_empty(cpu, 0)) {
        x87_underflow(cpu);
        x87_set_st(cpu, i, x87_indefinite());
    } else {
        x87_copy(x87_st(cpu, i), x87_st(cpu, 0));
        cpu->fptag |= (uint16_t)(1u << x87_phys(cpu, i));
    }
    if (pop)
        x87_pop(cpu);
}

/* A masked underflow makes an empty operand the indefinite. */
static void fill_if_empty(X86Cpu *cpu, unsigned i)
{
    if (x87_is_empty(cpu, i)) {
        x87_underflow(cpu);
        x87_set_st(cpu, i, x87_indefinite());
    }
}

/* FXCH ST(i) (and the FXCH4/FXCH7 aliases). */
static void h_fxch(X86Cpu *cpu, uint32_t i)
{
    x87_note_insn(cpu);
    cpu->fpus &= (uint16_t)~X87_C1;
    fill_if_empty(cpu, 0);
    fill_if_empty(cpu, i);
    long double t;
    x87_copy(&t, x87_st(cpu, 0));
    x87_copy(x87_st(cpu, 0), x87_st(cpu, i));
    x87_copy(x87_st(cpu, i), &t);
}

static long double const_one(void) { long double v; __asm__ volatile("fld1" : "=t"(v)); return v; }
static long double const_l2t(void) { long double v; __asm__ volatile("fldl2t" : "=t"(v)); return v; }
static long double const_l2e(void) { long double v; __asm__ volatile("fldl2e" : "=t"(v)); return v; }
static long double const_pi(void) { long double v; __asm__ volatile("fldpi" : "=t"(v)); return v; }
static long double const_lg2(void) { long double v; __asm__ volatile("fldlg2" : "=t"(v)); return v; }
static long double const_ln2(void) { long double v; __asm__ volatile("fldln2" : "=t"(v)); return v; }
static long double const_zero(void) { long double v; __asm__ volatile("fldz" : "=t"(v)); return v; }

/* D9 E8+rm: FLD1 FLDL2T FLDL2E FLDPI FLDLG2 FLDLN2 FLDZ. */
static long double (*const constants[7])(void) = {
    const_one, const_l2t, const_l2e, const_pi, const_lg2, const_ln2, const_zero,
};

static void h_fld_const(X86Cpu *cpu, uint32_t which)
{
    x87_note_insn(cpu);
    X87HostCw saved = x87_host_enter(cpu);
    long double v = constants[which]();
    x87_host_leave(saved);
    x87_push(cpu, v);
}

static const IrHelper h_fld_reg_helper = {
    "x87_fld_reg", (void *)h_fld_reg, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_fst_reg_helper = {
    "x87_fst_reg", (void *)h_fst_reg, X87_HELPER_FLAGS, false, IR_I32, 2, {IR_I32, IR_I32},
};
static const IrHelper h_fxch_helper = {
    "x87_fxch", (void *)h_fxch, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_fld_const_helper = {
    "x87_fld_const", (void *)h_fld_const, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};

/* ---- translation ------------------------------------------------------------- */

/* Which memory format and whether it pops, by (opcode, ModRM.reg). */
typedef struct MemForm {
    uint8_t opcode, reg;
    uint8_t kind; /* X87Mem */
    bool pop;
} MemForm;

static const MemForm load_forms[] = {
    {0xd9, 0, X87_M32FP, false},  /* fld m32fp */
    {0xdd, 0, X87_M64FP, false},  /* fld m64fp */
    {0xdb, 5, X87_M80FP, false},  /* fld m80fp */
    {0xdf, 0, X87_M16INT, false}, /* fild m16int */
    {0xdb, 0, X87_M32INT, false}, /* fild m32int */
    {0xdf, 5, X87_M64INT, false}, /* fild m64int */
    {0xdf, 4, X87_M80BCD, false}, /* fbld m80bcd */
};

static const MemForm store_forms[] = {
    {0xd9, 2, X87_M32FP, false},    /* fst m32fp */
    {0xd9, 3, X87_M32FP, true},     /* fstp m32fp */
    {0xdd, 2, X87_M64FP, false},    /* fst m64fp */
    {0xdd, 3, X87_M64FP, true},     /* fstp m64fp */
    {0xdb, 7, X87_M80FP, true},     /* fstp m80fp */
    {0xdf, 2, X87_M16INT, false},   /* fist m16int */
    {0xdf, 3, X87_M16INT, true},    /* fistp m16int */
    {0xdb, 2, X87_M32INT, false},   /* fist m32int */
    {0xdb, 3, X87_M32INT, true},    /* fistp m32int */
    {0xdf, 7, X87_M64INT, true},    /* fistp m64int */
    {0xdf, 6, X87_M80BCD, true},    /* fbstp m80bcd */
    {0xdf, 1, X87_M16TRUNC, true},  /* fisttp m16int */
    {0xdb, 1, X87_M32TRUNC, true},  /* fisttp m32int */
    {0xdd, 1, X87_M64TRUNC, true},  /* fisttp m64int */
};

static const MemForm *find_mem_form(const MemForm *forms, size_t n, const X86Insn *in)
{
    for (size_t k = 0; k < n; k++)
        if (forms[k].opcode == in->opcode && forms[k].reg == (in->reg & 7))
            return &forms[k];
    return NULL;
}

bool x87_tr_fld_mem(X86Ctx *ctx, const X86Insn *in)
{
    const MemForm *f = find_mem_form(load_forms, sizeof(load_forms) / sizeof(load_forms[0]), in);
    if (!f)
        return false;
    IrTemp args[3];
    args[0] = ir_const32(ctx->ir, f->kind);
    x87_gen_load(ctx, in, (X87Mem)f->kind, &args[1], &args[2]);
    int format = x87_fast_format((X87Mem)f->kind);
    if (format < 0) {
        ir_call(ctx->ir, &h_fld_mem_helper, args);
        return true;
    }
    X87Fast fast;
    if (!x87_fast_begin(ctx, &fast, 0, 1u << 7)) {
        ir_call(ctx->ir, &h_fld_mem_helper, args);
        x87_slow_end(ctx, in);
        return true;
    }
    IrTemp sw = x87_fast_rm(ctx, IR_X87_LOAD, (unsigned)format, x87_fast_slot(ctx, &fast, 7), args[1]);
    x87_fast_status(ctx, &fast, sw, X87_C1); /* the host's fld leaves C1 clear, as the push does */
    x87_fast_push(ctx, &fast);
    x87_fast_end(ctx, &fast);
    return true;
}

bool x87_tr_fst_mem(X86Ctx *ctx, const X86Insn *in)
{
    const MemForm *f = find_mem_form(store_forms, sizeof(store_forms) / sizeof(store_forms[0]), in);
    if (!f)
        return false;
    int format = x87_fast_format((X87Mem)f->kind);
    if (format < 0) {
        x87_gen_store(ctx, in, (X87Mem)f->kind, f->pop);
        return true;
    }
    /* the fast path: convert, store (a fault leaves the FPU as it was), then the status */
    static const uint8_t bytes[IR_X87_NFORMATS] = {4, 8, 2, 4, 8};
    IrTemp addr = x86_ea(ctx, in), bits;
    X87Fast fast;
    if (!x87_fast_begin(ctx, &fast, 1, 0)) {
        x87_gen_store(ctx, in, (X87Mem)f->kind, f->pop);
        x87_slow_end(ctx, in);
        return true;
    }
    IrTemp sw = x87_fast_store(ctx, (unsigned)format, x87_fast_slot(ctx, &fast, 0), &bits);
    x86_st(ctx, addr, bytes[format], bytes[format] == 8 ? bits : ir_trunc_i64(ctx->ir, bits));
    x87_fast_status(ctx, &fast, sw, X87_C1);
    if (f->pop)
        x87_fast_pop(ctx, &fast);
    x87_fast_end(ctx, &fast);
    return true;
}

bool x87_tr_fld_reg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned i = in->rm & 7;
    if (i == 7) { /* ST(7) both the source and the push's slot: always a stack fault */
        x87_gen_call(ctx, &h_fld_reg_helper, i, 0);
        return true;
    }
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1u << i, 1u << 7)) {
        x87_gen_call(ctx, &h_fld_reg_helper, i, 0);
        x87_slow_end(ctx, in);
        return true;
    }
    x87_fast_rr(ctx, IR_X87_COPY, 0, x87_fast_slot(ctx, &f, 7), x87_fast_slot(ctx, &f, i));
    x87_fast_status(ctx, &f, 0, X87_C1);
    x87_fast_push(ctx, &f);
    x87_fast_end(ctx, &f);
    return true;
}

/* DD D0+i fst, DD D8+i fstp; aliases D9 D8+i, DF D0+i, DF D8+i (fstp). */
bool x87_tr_fst_reg(X86Ctx *ctx, const X86Insn *in)
{
    unsigned pop = in->opcode == 0xd9 ? 2 : !(in->opcode == 0xdd && (in->reg & 7) == 2);
    unsigned i = in->rm & 7;
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1, 0)) {
        x87_gen_call(ctx, &h_fst_reg_helper, i, pop);
        x87_slow_end(ctx, in);
        return true;
    }
    x87_fast_rr(ctx, IR_X87_COPY, 0, x87_fast_slot(ctx, &f, i), x87_fast_slot(ctx, &f, 0));
    x87_fast_mark_valid(ctx, &f, i);
    x87_fast_status(ctx, &f, 0, X87_C1);
    if (pop)
        x87_fast_pop(ctx, &f);
    x87_fast_end(ctx, &f);
    return true;
}

bool x87_tr_fxch(X86Ctx *ctx, const X86Insn *in)
{
    unsigned i = in->rm & 7;
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 1u | 1u << i, 0)) {
        x87_gen_call(ctx, &h_fxch_helper, i, 0);
        x87_slow_end(ctx, in);
        return true;
    }
    x87_fast_rr(ctx, IR_X87_SWAP, 0, x87_fast_slot(ctx, &f, 0), x87_fast_slot(ctx, &f, i));
    x87_fast_status(ctx, &f, 0, X87_C1);
    x87_fast_end(ctx, &f);
    return true;
}

bool x87_tr_fld_const(X86Ctx *ctx, const X86Insn *in)
{
    unsigned which = in->rm & 7;
    if (which == 7)
        return false;
    if (which != 0 && which != 6) { /* fld1 and fldz have a fast path; they are exact in any mode */
        x87_gen_call(ctx, &h_fld_const_helper, which, 0);
        return true;
    }
    X87Fast f;
    if (!x87_fast_begin(ctx, &f, 0, 1u << 7)) {
        x87_gen_call(ctx, &h_fld_const_helper, which, 0);
        x87_slow_end(ctx, in);
        return true;
    }
    IrTemp st7 = x87_fast_slot(ctx, &f, 7);
    x87_fast_rr(ctx, IR_X87_UNARY, which == 0 ? IR_X87_LD1 : IR_X87_LDZ, st7, st7);
    x87_fast_status(ctx, &f, 0, X87_C1);
    x87_fast_push(ctx, &f);
    x87_fast_end(ctx, &f);
    return true;
}

#else /* no host x87: see x87_arith.c */

bool x87_tr_fld_mem(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fst_mem(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fld_reg(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fst_reg(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fxch(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}
bool x87_tr_fld_const(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return false;
}

#endif
