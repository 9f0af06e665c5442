/* tests/unit/test_x86_flags.c — the lazy flags' derivation in C
 * (x86_flags_compute, x86_get_eflags, x86_put_eflags) against the host
 * CPU: for each kind of record and each operand size, many random
 * operands go through the instruction natively (inline assembly, flags
 * read with pushf) and through the record the translator would store
 * for it (frontend/x86/flags.h); the status flags the manual defines
 * must be equal, also with garbage in the fields X86Cpu does not keep;
 * and the same with a ROL after the instruction (the records a rotate
 * leaves). This is the path signal frames, ptrace, PUSHF and everything
 * after a block boundary take.
 */
#include <string.h>

#include <glib.h>

#include "frontend/x86/cpu.h"
#include "frontend/x86/flags.h"

enum { RUNS = 20000 };
enum { ALL = X86_STATUS_FLAGS, NO_AF = X86_STATUS_FLAGS & ~X86_AF };

/* One instruction natively: r = a OP b (with CF = cin first); returns
 * the flags after it. */
typedef uint64_t (*NativeFn)(uint64_t a, uint64_t b, uint64_t cin, uint64_t *r);

/* Binary op of one size: "op b, a" with CF loaded from bit 0 of cin. */
#define NATIVE(name, insn, mod)                                                                    \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t cin, uint64_t *r)                        \
    {                                                                                              \
        uint64_t f;                                                                                \
        __asm__("bt $0, %[c]\n\t" insn " %" mod "[b], %" mod "[a]\n\tpushfq\n\tpopq %[f]"         \
                : [a] "+r"(a), [f] "=r"(f)                                                        \
                : [b] "r"(b), [c] "r"(cin)                                                        \
                : "cc");                                                                           \
        *r = a;                                                                                    \
        return f;                                                                                  \
    }
/* One-operand op (inc, dec, neg) with CF loaded from cin first. */
#define NATIVE1(name, insn, mod)                                                                   \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t cin, uint64_t *r)                        \
    {                                                                                              \
        uint64_t f;                                                                                \
        (void)b;                                                                                   \
        __asm__("bt $0, %[c]\n\t" insn " %" mod "[a]\n\tpushfq\n\tpopq %[f]"                      \
                : [a] "+r"(a), [f] "=r"(f)                                                        \
                : [c] "r"(cin)                                                                    \
                : "cc");                                                                           \
        *r = a;                                                                                    \
        return f;                                                                                  \
    }
/* Shift by CL = b. */
#define NATIVE_SHIFT(name, insn, mod)                                                              \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t cin, uint64_t *r)                        \
    {                                                                                              \
        uint64_t f;                                                                                \
        __asm__("bt $0, %[c]\n\t" insn " %%cl, %" mod "[a]\n\tpushfq\n\tpopq %[f]"                \
                : [a] "+r"(a), [f] "=r"(f)                                                        \
                : "c"(b), [c] "r"(cin)                                                            \
                : "cc");                                                                           \
        *r = a;                                                                                    \
        return f;                                                                                  \
    }

NATIVE(add8, "addb", "b") NATIVE(add16, "addw", "w") NATIVE(add32, "addl", "k") NATIVE(add64, "addq", "q")
NATIVE(adc8, "adcb", "b") NATIVE(adc16, "adcw", "w") NATIVE(adc32, "adcl", "k") NATIVE(adc64, "adcq", "q")
NATIVE(sub8, "subb", "b") NATIVE(sub16, "subw", "w") NATIVE(sub32, "subl", "k") NATIVE(sub64, "subq", "q")
NATIVE(sbb8, "sbbb", "b") NATIVE(sbb16, "sbbw", "w") NATIVE(sbb32, "sbbl", "k") NATIVE(sbb64, "sbbq", "q")
NATIVE(and8, "andb", "b") NATIVE(or16, "orw", "w") NATIVE(xor32, "xorl", "k") NATIVE(and64, "andq", "q")
NATIVE1(inc8, "incb", "b") NATIVE1(inc16, "incw", "w") NATIVE1(inc32, "incl", "k") NATIVE1(inc64, "incq", "q")
NATIVE1(dec8, "decb", "b") NATIVE1(dec16, "decw", "w") NATIVE1(dec32, "decl", "k") NATIVE1(dec64, "decq", "q")
NATIVE1(neg8, "negb", "b") NATIVE1(neg32, "negl", "k")
NATIVE_SHIFT(shl32, "shll", "k") NATIVE_SHIFT(shl64, "shlq", "q") NATIVE_SHIFT(shr16, "shrw", "w")
NATIVE_SHIFT(shr32, "shrl", "k") NATIVE_SHIFT(sar32, "sarl", "k") NATIVE_SHIFT(sar64, "sarq", "q")
NATIVE(imul16, "imulw", "w") NATIVE(imul32, "imull", "k") NATIVE(imul64, "imulq", "q")

typedef enum RecordShape {
    SHAPE_ADD,   /* dst, b */
    SHAPE_ADC,   /* dst, b, cin */
    SHAPE_SUB,   /* dst, b, a */
    SHAPE_LOGIC, /* dst */
    SHAPE_INCDEC,/* dst, old CF */
    SHAPE_NEG,   /* SUB of 0 - a */
    SHAPE_SHIFT, /* dst, a shifted by count - 1, a */
    SHAPE_MUL,   /* low, overflow */
} RecordShape;

typedef struct FlagsCase {
    const char *name;
    NativeFn native;
    X86CcKind kind;
    unsigned size;
    RecordShape shape;
    uint32_t defined;
} FlagsCase;

static const FlagsCase cases[] = {
    {"add8", add8, X86_CCK_ADD, 1, SHAPE_ADD, ALL},       {"add16", add16, X86_CCK_ADD, 2, SHAPE_ADD, ALL},
    {"add32", add32, X86_CCK_ADD, 4, SHAPE_ADD, ALL},     {"add64", add64, X86_CCK_ADD, 8, SHAPE_ADD, ALL},
    {"adc8", adc8, X86_CCK_ADC, 1, SHAPE_ADC, ALL},       {"adc16", adc16, X86_CCK_ADC, 2, SHAPE_ADC, ALL},
    {"adc32", adc32, X86_CCK_ADC, 4, SHAPE_ADC, ALL},     {"adc64", adc64, X86_CCK_ADC, 8, SHAPE_ADC, ALL},
    {"sub8", sub8, X86_CCK_SUB, 1, SHAPE_SUB, ALL},       {"sub16", sub16, X86_CCK_SUB, 2, SHAPE_SUB, ALL},
    {"sub32", sub32, X86_CCK_SUB, 4, SHAPE_SUB, ALL},     {"sub64", sub64, X86_CCK_SUB, 8, SHAPE_SUB, ALL},
    {"sbb8", sbb8, X86_CCK_SBB, 1, SHAPE_ADC, ALL},       {"sbb16", sbb16, X86_CCK_SBB, 2, SHAPE_ADC, ALL},
    {"sbb32", sbb32, X86_CCK_SBB, 4, SHAPE_ADC, ALL},     {"sbb64", sbb64, X86_CCK_SBB, 8, SHAPE_ADC, ALL},
    {"and8", and8, X86_CCK_LOGIC, 1, SHAPE_LOGIC, NO_AF}, {"or16", or16, X86_CCK_LOGIC, 2, SHAPE_LOGIC, NO_AF},
    {"xor32", xor32, X86_CCK_LOGIC, 4, SHAPE_LOGIC, NO_AF}, {"and64", and64, X86_CCK_LOGIC, 8, SHAPE_LOGIC, NO_AF},
    {"inc8", inc8, X86_CCK_INC, 1, SHAPE_INCDEC, ALL},    {"inc16", inc16, X86_CCK_INC, 2, SHAPE_INCDEC, ALL},
    {"inc32", inc32, X86_CCK_INC, 4, SHAPE_INCDEC, ALL},  {"inc64", inc64, X86_CCK_INC, 8, SHAPE_INCDEC, ALL},
    {"dec8", dec8, X86_CCK_DEC, 1, SHAPE_INCDEC, ALL},    {"dec16", dec16, X86_CCK_DEC, 2, SHAPE_INCDEC, ALL},
    {"dec32", dec32, X86_CCK_DEC, 4, SHAPE_INCDEC, ALL},  {"dec64", dec64, X86_CCK_DEC, 8, SHAPE_INCDEC, ALL},
    {"neg8", neg8, X86_CCK_SUB, 1, SHAPE_NEG, ALL},       {"neg32", neg32, X86_CCK_SUB, 4, SHAPE_NEG, ALL},
    {"shl32", shl32, X86_CCK_SHL, 4, SHAPE_SHIFT, NO_AF}, {"shl64", shl64, X86_CCK_SHL, 8, SHAPE_SHIFT, NO_AF},
    {"shr16", shr16, X86_CCK_SHR, 2, SHAPE_SHIFT, X86_ZF | X86_SF | X86_PF | X86_OF},
    {"shr32", shr32, X86_CCK_SHR, 4, SHAPE_SHIFT, NO_AF}, {"sar32", sar32, X86_CCK_SAR, 4, SHAPE_SHIFT, NO_AF},
    {"sar64", sar64, X86_CCK_SAR, 8, SHAPE_SHIFT, NO_AF},
    {"imul16", imul16, X86_CCK_MUL, 2, SHAPE_MUL, X86_CF | X86_OF},
    {"imul32", imul32, X86_CCK_MUL, 4, SHAPE_MUL, X86_CF | X86_OF},
    {"imul64", imul64, X86_CCK_MUL, 8, SHAPE_MUL, X86_CF | X86_OF},
};

static uint64_t mask_of(unsigned size)
{
    return size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

static int64_t sign_extend(uint64_t v, unsigned size)
{
    unsigned shift = 64 - 8 * size;
    return (int64_t)(v << shift) >> shift;
}

/* The record the translator stores for a OP b = r (flags.h's table). */
static void record_for(const FlagsCase *c, uint64_t a, uint64_t b, uint64_t cin, uint64_t r, uint64_t rec[3])
{
    uint64_t m = mask_of(c->size);
    unsigned count = (unsigned)b & (c->size == 8 ? 63 : 31);
    a &= m, b &= m, r &= m;
    rec[0] = r, rec[1] = 0, rec[2] = 0;
    switch (c->shape) {
    case SHAPE_ADD: rec[1] = b; break;
    case SHAPE_ADC: rec[1] = b, rec[2] = cin & 1; break;
    case SHAPE_SUB: rec[1] = b, rec[2] = a; break;
    case SHAPE_LOGIC: break;
    case SHAPE_INCDEC: rec[1] = cin & 1; break;
    case SHAPE_NEG: rec[1] = a; break;
    case SHAPE_SHIFT:
        if (c->kind == X86_CCK_SHL)
            rec[1] = (a << (count - 1)) & m;
        else if (c->kind == X86_CCK_SHR)
            rec[1] = a >> (count - 1);
        else
            rec[1] = (uint64_t)(sign_extend(a, c->size) >> (count - 1)) & m;
        rec[2] = a;
        break;
    case SHAPE_MUL: {
        __int128 full = (__int128)sign_extend(a, c->size) * sign_extend(b, c->size);
        rec[1] = full != (__int128)sign_extend(r, c->size);
        break;
    }
    }
}

static uint64_t random_operand(GRand *rand)
{
    static const uint64_t edges[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
                                     0x80000000, 0xffffffff, 0x7fffffffffffffff, 0x8000000000000000, ~0ull};
    if (g_rand_boolean(rand))
        return edges[g_rand_int_range(rand, 0, G_N_ELEMENTS(edges))] ^ (g_rand_boolean(rand) ? 0 : 1);
    return (uint64_t)g_rand_int(rand) << 32 | g_rand_int(rand);
}

/* The fields of each kind's record X86Cpu does not keep (flags.h: "-",
 * and SUB's and SAR's cc_src2): bit 0 cc_dst, bit 1 cc_src, bit 2 cc_src2. */
static const uint8_t stale_fields[X86_CCK_COUNT] = {
    [X86_CCK_ADD] = 4, [X86_CCK_SUB] = 4, [X86_CCK_LOGIC] = 6, [X86_CCK_INC] = 4,
    [X86_CCK_DEC] = 4, [X86_CCK_SAR] = 4, [X86_CCK_MUL] = 4,
};

/* The record with garbage in the fields X86Cpu does not keep. */
static void make_stale(const FlagsCase *c, GRand *rand, uint64_t rec[3])
{
    for (int f = 0; f < 3; f++) {
        if (stale_fields[c->kind] & (1u << f))
            rec[f] = random_operand(rand);
    }
}

static void test_against_host(void)
{
    GRand *rand = g_rand_new_with_seed(4242);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const FlagsCase *c = &cases[i];
        for (int run = 0; run < RUNS; run++) {
            uint64_t a = random_operand(rand), b = random_operand(rand), cin = g_rand_int(rand) & 1, r;
            if (c->shape == SHAPE_SHIFT) {
                b = (uint64_t)g_rand_int_range(rand, 1, c->size == 8 ? 64 : 32);
                if (c->size < 4 && b > 8 * c->size)
                    b = 8 * c->size; /* CF and OF are undefined past the width */
            }
            uint32_t want = (uint32_t)c->native(a, b, cin, &r) & c->defined;
            uint64_t rec[3];
            record_for(c, a, b, cin, r, rec);
            uint32_t got = x86_flags_compute((uint32_t)x86_cc_op(c->kind, c->size), rec[0], rec[1], rec[2]);
            if ((got & c->defined) != want)
                g_error("%s a=0x%llx b=0x%llx cf=%u: flags 0x%x, host 0x%x", c->name, (unsigned long long)a,
                        (unsigned long long)b, (unsigned)cin, got & c->defined, want);
            make_stale(c, rand, rec);
            got = x86_flags_compute((uint32_t)x86_cc_op(c->kind, c->size), rec[0], rec[1], rec[2]);
            if ((got & c->defined) != want)
                g_error("%s a=0x%llx b=0x%llx cf=%u, stale fields: flags 0x%x, host 0x%x", c->name,
                        (unsigned long long)a, (unsigned long long)b, (unsigned)cin, got & c->defined, want);
        }
    }
    g_rand_free(rand);
}

/* ROL by 5 natively, the status flags `before` loaded first: the flags
 * after it. */
static uint64_t native_rol5_after(uint64_t x, uint64_t before)
{
    uint64_t f;
    before = (before & X86_STATUS_FLAGS) | 2;
    __asm__("pushq %[in]\n\tpopfq\n\troll $5, %k[x]\n\tpushfq\n\tpopq %[f]"
            : [x] "+r"(x), [f] "=r"(f)
            : [in] "r"(before)
            : "cc");
    return f;
}

/* The records a ROL leaves over each kind (flags.h: KEPT over a result,
 * ROT over a record of an earlier block) against the host: each case's
 * instruction, then a ROL with its flags, natively. */
static void test_rotate_records(void)
{
    GRand *rand = g_rand_new_with_seed(77);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const FlagsCase *c = &cases[i];
        for (int run = 0; run < RUNS / 4; run++) {
            uint64_t a = random_operand(rand), b = random_operand(rand), cin = g_rand_int(rand) & 1, r;
            if (c->shape == SHAPE_SHIFT)
                b = (uint64_t)g_rand_int_range(rand, 1, c->size < 4 ? 8 * c->size : 8 * c->size - 1);
            uint64_t before = c->native(a, b, cin, &r);
            uint64_t after = native_rol5_after(random_operand(rand), before);
            uint32_t defined = (c->defined & ~(uint32_t)(X86_CF | X86_OF)) | X86_CF | X86_OF;
            uint32_t want = (uint32_t)after & defined;
            uint64_t rec[3];
            record_for(c, a, b, cin, r, rec);
            uint32_t inner = (uint32_t)x86_cc_op(c->kind, c->size);
            uint64_t packed = (uint64_t)inner << 16 | (rec[2] & 1) << 15 | (after & (X86_CF | X86_OF));
            uint32_t got = x86_flags_compute((uint32_t)x86_cc_op(X86_CCK_ROT, 8), rec[0], rec[1], packed);
            if ((got & defined) != want)
                g_error("ROT over %s a=0x%llx b=0x%llx: flags 0x%x, host 0x%x", c->name, (unsigned long long)a,
                        (unsigned long long)b, got & defined, want);
            /* KEPT: ZF SF PF of the result, CF OF AF given */
            uint64_t given = after & (X86_CF | X86_OF | X86_AF);
            got = x86_flags_compute((uint32_t)x86_cc_op(X86_CCK_KEPT, c->size), rec[0], given, 0);
            if (c->kind != X86_CCK_MUL && (got & defined) != want)
                g_error("KEPT over %s a=0x%llx b=0x%llx: flags 0x%x, host 0x%x", c->name, (unsigned long long)a,
                        (unsigned long long)b, got & defined, want);
        }
    }
    g_rand_free(rand);
}

/* x86_put_eflags / x86_get_eflags: status flags and the plain bits round
 * trip; bits outside the mask keep their value; bit 1 always reads 1. */
static void test_put_get(void)
{
    X86Cpu cpu;
    memset(&cpu, 0, sizeof(cpu));
    x86_put_eflags(&cpu, X86_IF | X86_DF | X86_CF | X86_ZF, ~0u);
    g_assert_cmphex(x86_get_eflags(&cpu), ==, X86_IF | X86_DF | X86_CF | X86_ZF | 2);
    x86_put_eflags(&cpu, X86_OF, X86_OF | X86_CF);
    g_assert_cmphex(x86_get_eflags(&cpu), ==, X86_IF | X86_DF | X86_OF | X86_ZF | 2);
    /* a lazy record underneath: SUB 5 - 7 (CF SF AF PF after 0xfffffffe) */
    cpu.cc_op = (uint32_t)x86_cc_op(X86_CCK_SUB, 4);
    cpu.cc_dst = 0xfffffffe, cpu.cc_src = 7;
    g_assert_cmphex(x86_get_eflags(&cpu) & X86_STATUS_FLAGS, ==, X86_CF | X86_SF | X86_AF);
    x86_put_eflags(&cpu, 0, X86_DF);
    g_assert_cmphex(x86_get_eflags(&cpu), ==, X86_IF | X86_CF | X86_SF | X86_AF | 2);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/flags/against-host", test_against_host);
    g_test_add_func("/x86/flags/put-get", test_put_get);
    g_test_add_func("/x86/flags/rotate-records", test_rotate_records);
    return g_test_run();
}
