/* tests/unit/test_interp_ops.c — every IR op of ir/ops.def on the
 * interpreter backend, with its edge cases. Each case builds a small block
 * with the ir/ builder (inputs loaded from a test CPU struct, the result
 * stored back), checks it with ir_verify, compiles and runs it, and
 * compares with the same computation written in plain C. */
#include <fenv.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "backend/tb.h"
#include "ir/ir.h"

typedef struct TestCpu {
    CpuCommon common;
    uint64_t r[8];   /* r[0] result, r[1..] inputs */
    uint64_t r1_out; /* second result */
} TestCpu;

#define OFF_R(i) ((uint32_t)(offsetof(TestCpu, r) + 8 * (i)))
#define OFF_R1_OUT ((uint32_t)offsetof(TestCpu, r1_out))

enum { MEM_SIZE = 1 << 16 };

static TestCpu cpu;
static uint8_t *mem;
static TranslationBlock *jmp_cache[TB_JMP_CACHE_SIZE];

static void cpu_reset(void)
{
    memset(&cpu, 0, sizeof cpu);
    cpu.common.guest_base = mem;
    cpu.common.jmp_cache = jmp_cache;
    cpu.common.last_slot = -1;
    memset(jmp_cache, 0, sizeof jmp_cache);
}

static IrBlock *block_new(uint64_t pc)
{
    IrBlock *b = g_new0(IrBlock, 1);
    ir_block_init(b, pc, 0);
    return b;
}

/* Verify and compile a block into a TB (the IR is freed). */
static TranslationBlock *compile(IrBlock *b)
{
    char err[256];
    if (!ir_verify(b, err, sizeof err)) {
        ir_dump(b, stderr);
        g_error("test block does not verify: %s", err);
    }
    TranslationBlock *tb = g_new0(TranslationBlock, 1);
    tb->pc = b->pc;
    tb->flags = b->tb_flags;
    size_t bytes = 0;
    tb->code = backend_interp.compile(NULL, b, tb, &bytes);
    g_assert_nonnull(tb->code);
    g_assert_cmpuint(bytes, >, 0);
    ir_block_free(b);
    g_free(b);
    return tb;
}

static void tb_free(TranslationBlock *tb)
{
    backend_interp.free_code(NULL, tb->code);
    g_free(tb);
}

static ExitReason run_block(IrBlock *b)
{
    TranslationBlock *tb = compile(b);
    ExitReason r = backend_interp.run(NULL, &cpu.common, tb);
    tb_free(tb);
    return r;
}

/* Store d to r[0] and leave with EXIT_HALT. */
static void finish(IrBlock *b, IrTemp d)
{
    ir_st_env(b, ir_temp_type(b, d), OFF_R(0), d);
    ir_exit(b, EXIT_HALT);
}

static uint64_t mask_of(IrType t)
{
    return ir_type_bits(t) == 32 ? 0xffffffffu : ~0ull;
}

/* r[0] = op(a, b) of type t, inputs through ld_env. */
static uint64_t op2(IrOpcode op, IrType t, uint64_t a, uint64_t bv)
{
    cpu_reset();
    cpu.r[1] = a;
    cpu.r[2] = bv;
    cpu.r[0] = 0x5555555555555555ull;
    IrBlock *b = block_new(0x1000);
    IrTemp x = ir_ld_env(b, t, OFF_R(1)), y = ir_ld_env(b, t, OFF_R(2));
    finish(b, ir_op2(b, op, x, y));
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    if (ir_type_bits(t) == 32)
        g_assert_cmphex(cpu.r[0] >> 32, ==, 0x55555555u); /* a 4-byte store */
    return cpu.r[0] & mask_of(t);
}

/* r[0] = op(a); the result width is the result temp's. */
static uint64_t op1(IrOpcode op, IrType t, uint64_t a)
{
    cpu_reset();
    cpu.r[1] = a;
    IrBlock *b = block_new(0x1000);
    IrTemp d = ir_op1(b, op, ir_ld_env(b, t, OFF_R(1)));
    IrType rt = ir_temp_type(b, d);
    finish(b, d);
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    return cpu.r[0] & mask_of(rt);
}

/* r[0] = op(a) with an immediate (extract & co, cvt_f_s*). */
static uint64_t op1_imm(IrOpcode op, IrType t, IrType result, uint64_t a, int64_t imm)
{
    cpu_reset();
    cpu.r[1] = a;
    IrBlock *b = block_new(0x1000);
    IrTemp x = ir_ld_env(b, t, OFF_R(1));
    IrTemp d;
    if (op == IR_OP_extract)
        d = ir_extract(b, x, imm & 0xff, imm >> 8);
    else if (op == IR_OP_sextract)
        d = ir_sextract(b, x, imm & 0xff, imm >> 8);
    else
        d = ir_cvt(b, op, result, x, imm);
    finish(b, d);
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    return cpu.r[0] & mask_of(result);
}

static const uint32_t v32[] = {0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x12345678,
                               0x7fffffff, 0x80000000u, 0x80000001u, 0xfffffffeu, 0xffffffffu};
static const uint64_t v64[] = {0, 1, 3, 0x7f, 0x80, 0xffffffffull, 0x100000000ull,
                               0x123456789abcdef0ull, 0x7fffffffffffffffull,
                               0x8000000000000000ull, 0x8000000000000001ull,
                               0xfffffffffffffffeull, ~0ull};
#define N32 (sizeof v32 / sizeof v32[0])
#define N64 (sizeof v64 / sizeof v64[0])

/* --- integer arithmetic ---------------------------------------------- */

static void test_const_mov(void)
{
    cpu_reset();
    IrBlock *b = block_new(0x1000);
    IrTemp k32 = ir_const32(b, 0xdeadbeefu);
    IrTemp k64 = ir_const64(b, 0x0123456789abcdefull);
    ir_st_env(b, IR_I32, OFF_R(1), ir_mov(b, k32));
    ir_st_env(b, IR_I64, OFF_R(2), ir_mov(b, k64));
    ir_st_env(b, IR_F64, OFF_R(3), ir_const_f64(b, 2.5));
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    g_assert_cmphex(cpu.r[1], ==, 0xdeadbeefu);
    g_assert_cmphex(cpu.r[2], ==, 0x0123456789abcdefull);
    double d;
    memcpy(&d, &cpu.r[3], 8);
    g_assert_cmpfloat(d, ==, 2.5);
}

static void test_add_sub_mul(void)
{
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < N32; j++) {
            uint32_t a = v32[i], c = v32[j];
            g_assert_cmphex(op2(IR_OP_add, IR_I32, a, c), ==, (uint32_t)(a + c));
            g_assert_cmphex(op2(IR_OP_sub, IR_I32, a, c), ==, (uint32_t)(a - c));
            g_assert_cmphex(op2(IR_OP_mul, IR_I32, a, c), ==, (uint32_t)(a * c));
            g_assert_cmphex(op2(IR_OP_mulhu, IR_I32, a, c), ==, (uint32_t)(((uint64_t)a * c) >> 32));
            g_assert_cmphex(op2(IR_OP_mulhs, IR_I32, a, c), ==,
                            (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int32_t)c) >> 32));
        }
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < N64; j++) {
            uint64_t a = v64[i], c = v64[j];
            g_assert_cmphex(op2(IR_OP_add, IR_I64, a, c), ==, a + c);
            g_assert_cmphex(op2(IR_OP_sub, IR_I64, a, c), ==, a - c);
            g_assert_cmphex(op2(IR_OP_mul, IR_I64, a, c), ==, a * c);
            g_assert_cmphex(op2(IR_OP_mulhu, IR_I64, a, c), ==,
                            (uint64_t)(((unsigned __int128)a * c) >> 64));
            g_assert_cmphex(op2(IR_OP_mulhs, IR_I64, a, c), ==,
                            (uint64_t)(((__int128)(int64_t)a * (int64_t)c) >> 64));
        }
    /* i32 wraparound */
    g_assert_cmphex(op2(IR_OP_add, IR_I32, 0xffffffffu, 1), ==, 0);
    g_assert_cmphex(op2(IR_OP_sub, IR_I32, 0, 1), ==, 0xffffffffu);
}

static void test_div_rem(void)
{
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < N32; j++) {
            uint32_t a = v32[i], c = v32[j];
            int32_t sa = (int32_t)a, sc = (int32_t)c;
            uint32_t q = c == 0 ? 0 : (sa == INT32_MIN && sc == -1) ? a : (uint32_t)(sa / sc);
            uint32_t r = c == 0 ? a : sc == -1 ? 0 : (uint32_t)(sa % sc);
            g_assert_cmphex(op2(IR_OP_divs, IR_I32, a, c), ==, q);
            g_assert_cmphex(op2(IR_OP_rems, IR_I32, a, c), ==, r);
            g_assert_cmphex(op2(IR_OP_divu, IR_I32, a, c), ==, c ? a / c : 0);
            g_assert_cmphex(op2(IR_OP_remu, IR_I32, a, c), ==, c ? a % c : a);
        }
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < N64; j++) {
            uint64_t a = v64[i], c = v64[j];
            int64_t sa = (int64_t)a, sc = (int64_t)c;
            uint64_t q = c == 0 ? 0 : (sa == INT64_MIN && sc == -1) ? a : (uint64_t)(sa / sc);
            uint64_t r = c == 0 ? a : sc == -1 ? 0 : (uint64_t)(sa % sc);
            g_assert_cmphex(op2(IR_OP_divs, IR_I64, a, c), ==, q);
            g_assert_cmphex(op2(IR_OP_rems, IR_I64, a, c), ==, r);
            g_assert_cmphex(op2(IR_OP_divu, IR_I64, a, c), ==, c ? a / c : 0);
            g_assert_cmphex(op2(IR_OP_remu, IR_I64, a, c), ==, c ? a % c : a);
        }
    /* the named edge cases, spelled out */
    g_assert_cmphex(op2(IR_OP_divs, IR_I32, 0x80000000u, 0xffffffffu), ==, 0x80000000u);
    g_assert_cmphex(op2(IR_OP_rems, IR_I32, 0x80000000u, 0xffffffffu), ==, 0);
    g_assert_cmphex(op2(IR_OP_divs, IR_I64, 1ull << 63, ~0ull), ==, 1ull << 63);
    g_assert_cmphex(op2(IR_OP_divu, IR_I64, 5, 0), ==, 0);
    g_assert_cmphex(op2(IR_OP_remu, IR_I64, 5, 0), ==, 5);
    g_assert_cmphex(op2(IR_OP_rems, IR_I32, (uint32_t)-7, 2), ==, (uint32_t)-1);
}

static void test_logic(void)
{
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < N32; j++) {
            uint32_t a = v32[i], c = v32[j];
            g_assert_cmphex(op2(IR_OP_and, IR_I32, a, c), ==, a & c);
            g_assert_cmphex(op2(IR_OP_or, IR_I32, a, c), ==, a | c);
            g_assert_cmphex(op2(IR_OP_xor, IR_I32, a, c), ==, a ^ c);
            g_assert_cmphex(op2(IR_OP_andc, IR_I32, a, c), ==, a & ~c);
            g_assert_cmphex(op2(IR_OP_orc, IR_I32, a, c), ==, (uint32_t)(a | ~c));
        }
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < N64; j++) {
            uint64_t a = v64[i], c = v64[j];
            g_assert_cmphex(op2(IR_OP_and, IR_I64, a, c), ==, a & c);
            g_assert_cmphex(op2(IR_OP_or, IR_I64, a, c), ==, a | c);
            g_assert_cmphex(op2(IR_OP_xor, IR_I64, a, c), ==, a ^ c);
            g_assert_cmphex(op2(IR_OP_andc, IR_I64, a, c), ==, a & ~c);
            g_assert_cmphex(op2(IR_OP_orc, IR_I64, a, c), ==, a | ~c);
        }
    for (size_t i = 0; i < N32; i++) {
        g_assert_cmphex(op1(IR_OP_not, IR_I32, v32[i]), ==, (uint32_t)~v32[i]);
        g_assert_cmphex(op1(IR_OP_neg, IR_I32, v32[i]), ==, (uint32_t)-v32[i]);
    }
    for (size_t i = 0; i < N64; i++) {
        g_assert_cmphex(op1(IR_OP_not, IR_I64, v64[i]), ==, ~v64[i]);
        g_assert_cmphex(op1(IR_OP_neg, IR_I64, v64[i]), ==, -v64[i]);
    }
}

static uint32_t rol32(uint32_t x, unsigned n)
{
    n &= 31;
    return n ? (x << n) | (x >> (32 - n)) : x;
}

static uint64_t rol64(uint64_t x, unsigned n)
{
    n &= 63;
    return n ? (x << n) | (x >> (64 - n)) : x;
}

static void test_shifts(void)
{
    static const unsigned counts[] = {0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 0xffffffffu};
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < G_N_ELEMENTS(counts); j++) {
            uint32_t a = v32[i];
            unsigned n = counts[j], m = n & 31;
            g_assert_cmphex(op2(IR_OP_shl, IR_I32, a, n), ==, (uint32_t)(a << m));
            g_assert_cmphex(op2(IR_OP_shr, IR_I32, a, n), ==, a >> m);
            g_assert_cmphex(op2(IR_OP_sar, IR_I32, a, n), ==, (uint32_t)((int32_t)a >> m));
            g_assert_cmphex(op2(IR_OP_rotl, IR_I32, a, n), ==, rol32(a, m));
            g_assert_cmphex(op2(IR_OP_rotr, IR_I32, a, n), ==, rol32(a, (32 - m) & 31));
        }
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < G_N_ELEMENTS(counts); j++) {
            uint64_t a = v64[i];
            unsigned n = counts[j], m = n & 63;
            g_assert_cmphex(op2(IR_OP_shl, IR_I64, a, n), ==, a << m);
            g_assert_cmphex(op2(IR_OP_shr, IR_I64, a, n), ==, a >> m);
            g_assert_cmphex(op2(IR_OP_sar, IR_I64, a, n), ==, (uint64_t)((int64_t)a >> m));
            g_assert_cmphex(op2(IR_OP_rotl, IR_I64, a, n), ==, rol64(a, m));
            g_assert_cmphex(op2(IR_OP_rotr, IR_I64, a, n), ==, rol64(a, (64 - m) & 63));
        }
}

static void test_widths(void)
{
    for (size_t i = 0; i < N32; i++) {
        uint32_t a = v32[i];
        g_assert_cmphex(op1(IR_OP_sext8, IR_I32, a), ==, (uint32_t)(int32_t)(int8_t)a);
        g_assert_cmphex(op1(IR_OP_sext16, IR_I32, a), ==, (uint32_t)(int32_t)(int16_t)a);
        g_assert_cmphex(op1(IR_OP_zext8, IR_I32, a), ==, a & 0xff);
        g_assert_cmphex(op1(IR_OP_zext16, IR_I32, a), ==, a & 0xffff);
        g_assert_cmphex(op1(IR_OP_ext_i32s, IR_I32, a), ==, (uint64_t)(int64_t)(int32_t)a);
        g_assert_cmphex(op1(IR_OP_ext_i32u, IR_I32, a), ==, (uint64_t)a);
        g_assert_cmphex(op1(IR_OP_bswap16, IR_I32, a), ==, (uint32_t)(((a & 0xff) << 8) | ((a >> 8) & 0xff)));
        g_assert_cmphex(op1(IR_OP_bswap32, IR_I32, a), ==,
                        (a >> 24) | ((a >> 8) & 0xff00) | ((a << 8) & 0xff0000) | (a << 24));
        unsigned clz = 0, ctz = 0, pop = 0;
        for (int k = 31; k >= 0 && !(a >> k & 1); k--)
            clz++;
        for (int k = 0; k < 32 && !(a >> k & 1); k++)
            ctz++;
        for (int k = 0; k < 32; k++)
            pop += a >> k & 1;
        g_assert_cmpuint(op1(IR_OP_clz, IR_I32, a), ==, clz);
        g_assert_cmpuint(op1(IR_OP_ctz, IR_I32, a), ==, ctz);
        g_assert_cmpuint(op1(IR_OP_popcnt, IR_I32, a), ==, pop);
    }
    for (size_t i = 0; i < N64; i++) {
        uint64_t a = v64[i];
        g_assert_cmphex(op1(IR_OP_sext8, IR_I64, a), ==, (uint64_t)(int64_t)(int8_t)a);
        g_assert_cmphex(op1(IR_OP_sext16, IR_I64, a), ==, (uint64_t)(int64_t)(int16_t)a);
        g_assert_cmphex(op1(IR_OP_sext32, IR_I64, a), ==, (uint64_t)(int64_t)(int32_t)a);
        g_assert_cmphex(op1(IR_OP_zext8, IR_I64, a), ==, a & 0xff);
        g_assert_cmphex(op1(IR_OP_zext16, IR_I64, a), ==, a & 0xffff);
        g_assert_cmphex(op1(IR_OP_zext32, IR_I64, a), ==, a & 0xffffffffu);
        g_assert_cmphex(op1(IR_OP_trunc_i64, IR_I64, a), ==, (uint32_t)a);
        g_assert_cmphex(op1(IR_OP_bswap16, IR_I64, a), ==, ((a & 0xff) << 8) | ((a >> 8) & 0xff));
        uint64_t sw = 0;
        for (int k = 0; k < 8; k++)
            sw |= ((a >> (8 * k)) & 0xff) << (8 * (7 - k));
        g_assert_cmphex(op1(IR_OP_bswap64, IR_I64, a), ==, sw);
        g_assert_cmphex(op1(IR_OP_bswap32, IR_I64, a), ==, (uint32_t)(sw >> 32));
        unsigned clz = 0, ctz = 0, pop = 0;
        for (int k = 63; k >= 0 && !(a >> k & 1); k--)
            clz++;
        for (int k = 0; k < 64 && !(a >> k & 1); k++)
            ctz++;
        for (int k = 0; k < 64; k++)
            pop += a >> k & 1;
        g_assert_cmpuint(op1(IR_OP_clz, IR_I64, a), ==, clz);
        g_assert_cmpuint(op1(IR_OP_ctz, IR_I64, a), ==, ctz);
        g_assert_cmpuint(op1(IR_OP_popcnt, IR_I64, a), ==, pop);
    }
}

static void test_bitfields(void)
{
    const uint64_t a = 0xf0e1d2c3b4a59687ull;
    for (unsigned pos = 0; pos < 64; pos += 7)
        for (unsigned len = 1; pos + len <= 64; len += 5) {
            uint64_t m = len == 64 ? ~0ull : (1ull << len) - 1;
            uint64_t field = (a >> pos) & m;
            uint64_t sfield = (field >> (len - 1)) & 1 ? field | ~m : field;
            g_assert_cmphex(op1_imm(IR_OP_extract, IR_I64, IR_I64, a, pos | len << 8), ==, field);
            g_assert_cmphex(op1_imm(IR_OP_sextract, IR_I64, IR_I64, a, pos | len << 8), ==, sfield);
            if (pos + len <= 32) {
                g_assert_cmphex(op1_imm(IR_OP_extract, IR_I32, IR_I32, a, pos | len << 8), ==, field);
                g_assert_cmphex(op1_imm(IR_OP_sextract, IR_I32, IR_I32, a, pos | len << 8), ==,
                                (uint32_t)sfield);
            }
        }
    g_assert_cmphex(op1_imm(IR_OP_extract, IR_I64, IR_I64, a, 0 | 64 << 8), ==, a);
    g_assert_cmphex(op1_imm(IR_OP_sextract, IR_I32, IR_I32, 0x80000000u, 0 | 32 << 8), ==, 0x80000000u);
    g_assert_cmphex(op1_imm(IR_OP_sextract, IR_I32, IR_I32, 0x00000800u, 8 | 4 << 8), ==, 0xfffffff8u);

    /* deposit: a with (pos, len) := low bits of b */
    static const struct {
        IrType t;
        uint64_t a, b;
        unsigned pos, len;
    } dep[] = {
        {IR_I32, 0xffffffffu, 0, 4, 8},
        {IR_I32, 0x12345678u, 0xabcdef, 8, 16},
        {IR_I32, 0, 0xffffffffu, 31, 1},
        {IR_I32, 0xdeadbeefu, 0x1234, 0, 32},
        {IR_I64, ~0ull, 0, 60, 4},
        {IR_I64, 0x1122334455667788ull, 0xabcdef, 20, 24},
        {IR_I64, 0, ~0ull, 0, 64},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(dep); i++) {
        cpu_reset();
        cpu.r[1] = dep[i].a;
        cpu.r[2] = dep[i].b;
        IrBlock *b = block_new(0x1000);
        IrTemp x = ir_ld_env(b, dep[i].t, OFF_R(1)), y = ir_ld_env(b, dep[i].t, OFF_R(2));
        finish(b, ir_deposit(b, x, y, dep[i].pos, dep[i].len));
        g_assert_cmpint(run_block(b), ==, EXIT_HALT);
        uint64_t m = dep[i].len == 64 ? ~0ull : ((1ull << dep[i].len) - 1) << dep[i].pos;
        uint64_t want = ((dep[i].a & ~m) | ((dep[i].b << dep[i].pos) & m)) & mask_of(dep[i].t);
        g_assert_cmphex(cpu.r[0] & mask_of(dep[i].t), ==, want);
    }
}

static void test_addc(void)
{
    static const struct {
        IrType t;
        uint64_t a, b, c;
    } cases[] = {
        {IR_I32, 1, 2, 0},          {IR_I32, 0xffffffffu, 1, 0}, {IR_I32, 0xffffffffu, 0, 1},
        {IR_I32, 0xffffffffu, 0xffffffffu, 1}, {IR_I32, 0x7fffffffu, 0, 1},
        {IR_I64, 1, 2, 1},          {IR_I64, ~0ull, 1, 0},       {IR_I64, ~0ull, 0, 1},
        {IR_I64, ~0ull, ~0ull, 1},  {IR_I64, 1ull << 63, 1ull << 63, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        cpu_reset();
        cpu.r[1] = cases[i].a;
        cpu.r[2] = cases[i].b;
        cpu.r[3] = cases[i].c;
        IrType t = cases[i].t;
        IrBlock *b = block_new(0x1000);
        IrTemp x = ir_ld_env(b, t, OFF_R(1)), y = ir_ld_env(b, t, OFF_R(2)), z = ir_ld_env(b, t, OFF_R(3));
        IrTemp carry;
        IrTemp sum = ir_addc(b, x, y, z, &carry);
        ir_st_env(b, t, OFF_R1_OUT, carry);
        finish(b, sum);
        g_assert_cmpint(run_block(b), ==, EXIT_HALT);
        unsigned __int128 full = (unsigned __int128)cases[i].a + cases[i].b + cases[i].c;
        unsigned bits = ir_type_bits(t);
        g_assert_cmphex(cpu.r[0] & mask_of(t), ==, (uint64_t)full & mask_of(t));
        g_assert_cmpuint(cpu.r1_out & mask_of(t), ==, (uint64_t)(full >> bits) & 1);
    }
}

/* --- conditions -------------------------------------------------------- */

static bool cond_c(IrCond c, IrType t, uint64_t a, uint64_t b)
{
    if (t == IR_I32) {
        uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
        int32_t sa = (int32_t)ua, sb = (int32_t)ub;
        switch (c) {
        case IR_EQ: return ua == ub;
        case IR_NE: return ua != ub;
        case IR_LT: return sa < sb;
        case IR_GE: return sa >= sb;
        case IR_LE: return sa <= sb;
        case IR_GT: return sa > sb;
        case IR_LTU: return ua < ub;
        case IR_GEU: return ua >= ub;
        case IR_LEU: return ua <= ub;
        case IR_GTU: return ua > ub;
        default: g_assert_not_reached();
        }
    }
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    switch (c) {
    case IR_EQ: return a == b;
    case IR_NE: return a != b;
    case IR_LT: return sa < sb;
    case IR_GE: return sa >= sb;
    case IR_LE: return sa <= sb;
    case IR_GT: return sa > sb;
    case IR_LTU: return a < b;
    case IR_GEU: return a >= b;
    case IR_LEU: return a <= b;
    case IR_GTU: return a > b;
    default: g_assert_not_reached();
    }
}

/* Runs setcond, movcond and brcond on (a, b) and checks all three. */
static void check_cond(IrCond c, IrType t, uint64_t a, uint64_t bv)
{
    bool want = cond_c(c, t, a, bv);
    cpu_reset();
    cpu.r[1] = a;
    cpu.r[2] = bv;
    cpu.r[3] = 0x1111111111111111ull;
    cpu.r[4] = 0x2222222222222222ull;
    IrBlock *b = block_new(0x1000);
    IrTemp x = ir_ld_env(b, t, OFF_R(1)), y = ir_ld_env(b, t, OFF_R(2));
    IrTemp tv = ir_ld_env(b, t, OFF_R(3)), fv = ir_ld_env(b, t, OFF_R(4));
    ir_st_env(b, t, OFF_R(5), ir_setcond(b, c, x, y));
    ir_st_env(b, t, OFF_R(6), ir_movcond(b, c, x, y, tv, fv));
    IrLabel taken = ir_new_label(b);
    ir_brcond(b, c, x, y, taken);
    ir_st_env(b, IR_I64, OFF_R(7), ir_const64(b, 2));
    ir_exit(b, EXIT_HALT);
    ir_label(b, taken);
    ir_st_env(b, IR_I64, OFF_R(7), ir_const64(b, 1));
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    g_assert_cmpuint(cpu.r[5] & mask_of(t), ==, want);
    g_assert_cmphex(cpu.r[6] & mask_of(t), ==, (want ? cpu.r[3] : cpu.r[4]) & mask_of(t));
    g_assert_cmpuint(cpu.r[7], ==, want ? 1 : 2);
}

static void test_conditions(void)
{
    for (IrCond c = 0; c < IR_NCONDS; c++) {
        for (size_t i = 0; i < N32; i++)
            for (size_t j = 0; j < N32; j++)
                check_cond(c, IR_I32, v32[i], v32[j]);
        for (size_t i = 0; i < N64; i++)
            for (size_t j = 0; j < N64; j++)
                check_cond(c, IR_I64, v64[i], v64[j]);
    }
}

static void test_br_loop(void)
{
    /* sum = 0; i = 10; loop: sum += i; i -= 1; if (i != 0) goto loop */
    cpu_reset();
    IrBlock *b = block_new(0x1000);
    IrTemp sum = ir_const64(b, 0), i = ir_const64(b, 10), one = ir_const64(b, 1), zero = ir_const64(b, 0);
    IrLabel loop = ir_new_label(b), out = ir_new_label(b);
    ir_label(b, loop);
    ir_mov_to(b, sum, ir_add(b, sum, i));
    ir_mov_to(b, i, ir_sub(b, i, one));
    ir_brcond(b, IR_EQ, i, zero, out);
    ir_br(b, loop);
    ir_label(b, out);
    finish(b, sum);
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    g_assert_cmpuint(cpu.r[0], ==, 55);
}

/* --- guest memory -------------------------------------------------------- */

static uint64_t mem_load(IrType t, IrMemop mo, uint64_t addr, bool addr64)
{
    cpu_reset();
    cpu.r[1] = addr;
    IrBlock *b = block_new(0x1000);
    IrTemp a = ir_ld_env(b, addr64 ? IR_I64 : IR_I32, OFF_R(1));
    finish(b, ir_ld(b, t, mo, a));
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    return cpu.r[0] & mask_of(t);
}

static void mem_store(IrType t, IrMemop mo, uint64_t addr, uint64_t v)
{
    cpu_reset();
    cpu.r[1] = addr;
    cpu.r[2] = v;
    IrBlock *b = block_new(0x1000);
    IrTemp a = ir_ld_env(b, IR_I32, OFF_R(1));
    ir_st(b, mo, a, ir_ld_env(b, t, OFF_R(2)));
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
}

static void test_loads(void)
{
    static const uint8_t bytes[8] = {0x81, 0x92, 0xa3, 0xb4, 0x45, 0x56, 0x67, 0x78};
    for (unsigned off = 0; off < 3; off++) { /* aligned and not */
        uint64_t addr = 0x100 + off;
        memcpy(mem + addr, bytes, 8);
        uint64_t le = 0, be = 0;
        for (int k = 0; k < 8; k++) {
            le |= (uint64_t)bytes[k] << (8 * k);
            be = be << 8 | bytes[k];
        }
        for (unsigned size = 0; size < 4; size++) {
            unsigned bits = 8u << size;
            uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;
            uint64_t vle = le & m, vbe = bits == 64 ? be : be >> (64 - bits);
            uint64_t sle = (vle >> (bits - 1)) & 1 ? vle | ~m : vle;
            uint64_t sbe = (vbe >> (bits - 1)) & 1 ? vbe | ~m : vbe;
            g_assert_cmphex(mem_load(IR_I64, size, addr, true), ==, vle);
            g_assert_cmphex(mem_load(IR_I64, size | IR_MO_BE, addr, false), ==, vbe);
            g_assert_cmphex(mem_load(IR_I64, size | IR_MO_SIGN, addr, false), ==, sle);
            g_assert_cmphex(mem_load(IR_I64, size | IR_MO_SIGN | IR_MO_BE, addr, true), ==, sbe);
            if (bits <= 32) {
                g_assert_cmphex(mem_load(IR_I32, size, addr, false), ==, vle);
                g_assert_cmphex(mem_load(IR_I32, size | IR_MO_BE, addr, false), ==, vbe);
                g_assert_cmphex(mem_load(IR_I32, size | IR_MO_SIGN, addr, false), ==, (uint32_t)sle);
                g_assert_cmphex(mem_load(IR_I32, size | IR_MO_SIGN | IR_MO_BE, addr, false), ==,
                                (uint32_t)sbe);
            }
        }
    }
    /* an i32 address is a 32-bit guest address: guest_base + zero-extended */
    mem[0x200] = 0x5a;
    g_assert_cmphex(mem_load(IR_I32, IR_MO_8, 0xffffffff00000200ull, false), ==, 0x5a);
}

static void test_stores(void)
{
    const uint64_t v = 0x1122334455667788ull;
    for (unsigned size = 0; size < 4; size++) {
        unsigned n = 1u << size;
        for (int be = 0; be < 2; be++) {
            memset(mem + 0x300, 0xee, 16);
            mem_store(IR_I64, size | (be ? IR_MO_BE : 0), 0x301, v);
            for (unsigned k = 0; k < n; k++) {
                uint8_t want = be ? (uint8_t)(v >> (8 * (n - 1 - k))) : (uint8_t)(v >> (8 * k));
                g_assert_cmphex(mem[0x301 + k], ==, want);
            }
            g_assert_cmphex(mem[0x300], ==, 0xee);
            g_assert_cmphex(mem[0x301 + n], ==, 0xee);
        }
    }
    memset(mem + 0x300, 0, 8);
    mem_store(IR_I32, IR_MO_32 | IR_MO_BE, 0x300, 0xa1b2c3d4u);
    g_assert_cmphex(mem[0x300], ==, 0xa1);
    g_assert_cmphex(mem[0x303], ==, 0xd4);
}

static uint64_t do_cmpxchg(IrType t, IrMemop mo, uint64_t addr, uint64_t expect, uint64_t newv)
{
    cpu_reset();
    cpu.r[1] = addr;
    cpu.r[2] = expect;
    cpu.r[3] = newv;
    IrBlock *b = block_new(0x1000);
    IrTemp a = ir_ld_env(b, IR_I32, OFF_R(1));
    IrTemp old = ir_cmpxchg(b, mo, a, ir_ld_env(b, t, OFF_R(2)), ir_ld_env(b, t, OFF_R(3)));
    ir_fence(b);
    finish(b, old);
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    return cpu.r[0] & mask_of(t);
}

static void test_cmpxchg(void)
{
    uint32_t w = 0x11223344u;
    memcpy(mem + 0x400, &w, 4);
    /* success */
    g_assert_cmphex(do_cmpxchg(IR_I32, IR_MO_32, 0x400, 0x11223344u, 0xcafef00du), ==, 0x11223344u);
    memcpy(&w, mem + 0x400, 4);
    g_assert_cmphex(w, ==, 0xcafef00du);
    /* failure: memory unchanged, old value returned */
    g_assert_cmphex(do_cmpxchg(IR_I32, IR_MO_32, 0x400, 0x1234, 0x5678), ==, 0xcafef00du);
    memcpy(&w, mem + 0x400, 4);
    g_assert_cmphex(w, ==, 0xcafef00du);
    /* big-endian: the value is compared and written in guest byte order */
    static const uint8_t be_bytes[4] = {0xde, 0xad, 0xbe, 0xef};
    memcpy(mem + 0x410, be_bytes, 4);
    g_assert_cmphex(do_cmpxchg(IR_I32, IR_MO_32 | IR_MO_BE, 0x410, 0xdeadbeefu, 0x01020304u), ==, 0xdeadbeefu);
    g_assert_cmphex(mem[0x410], ==, 0x01);
    g_assert_cmphex(mem[0x413], ==, 0x04);
    g_assert_cmphex(do_cmpxchg(IR_I32, IR_MO_32 | IR_MO_BE, 0x410, 0xdeadbeefu, 0), ==, 0x01020304u);
    g_assert_cmphex(mem[0x410], ==, 0x01);
    /* 64-bit, both orders */
    uint64_t q = 0x0102030405060708ull;
    memcpy(mem + 0x420, &q, 8);
    g_assert_cmphex(do_cmpxchg(IR_I64, IR_MO_64, 0x420, q, ~q), ==, q);
    memcpy(&q, mem + 0x420, 8);
    g_assert_cmphex(q, ==, ~0x0102030405060708ull);
    g_assert_cmphex(do_cmpxchg(IR_I64, IR_MO_64 | IR_MO_BE, 0x420, __builtin_bswap64(q), 7), ==,
                    __builtin_bswap64(q));
    g_assert_cmphex(mem[0x427], ==, 7);
    /* 8 and 16 bits */
    mem[0x430] = 0x80;
    g_assert_cmphex(do_cmpxchg(IR_I32, IR_MO_8, 0x430, 0x80, 0x7f), ==, 0x80);
    g_assert_cmphex(mem[0x430], ==, 0x7f);
    mem[0x432] = 0x12;
    mem[0x433] = 0x34;
    g_assert_cmphex(do_cmpxchg(IR_I64, IR_MO_16 | IR_MO_BE, 0x432, 0x1234, 0xabcd), ==, 0x1234);
    g_assert_cmphex(mem[0x432], ==, 0xab);
    g_assert_cmphex(mem[0x433], ==, 0xcd);
}

/* --- helper calls -------------------------------------------------------- */

static uint64_t helper_mix(CpuCommon *env, uint32_t a, uint64_t b, double c, float d)
{
    return (uint64_t)a * 3 + b + (uint64_t)(c * 2) + (uint64_t)d + ((TestCpu *)env)->r[5];
}

static double helper_half(CpuCommon *env, double x)
{
    (void)env;
    return x * 0.5;
}

static float helper_negf(CpuCommon *env, float x)
{
    (void)env;
    return -x;
}

static uint32_t helper_inc32(CpuCommon *env, uint32_t x)
{
    (void)env;
    return x + 1;
}

static void helper_mark(CpuCommon *env)
{
    ((TestCpu *)env)->r[6] = 99;
}

static const IrHelper h_mix = {"mix", (void *)helper_mix, 0, true, IR_I64, 4, {IR_I32, IR_I64, IR_F64, IR_F32}};
static const IrHelper h_half = {"half", (void *)helper_half, IR_HELPER_PURE, true, IR_F64, 1, {IR_F64}};
static const IrHelper h_negf = {"negf", (void *)helper_negf, IR_HELPER_PURE, true, IR_F32, 1, {IR_F32}};
static const IrHelper h_inc32 = {"inc32", (void *)helper_inc32, IR_HELPER_PURE, true, IR_I32, 1, {IR_I32}};
static const IrHelper h_mark = {"mark", (void *)helper_mark, IR_HELPER_WRITES_ENV, false, IR_I32, 0, {0}};

static uint64_t bits_of_d(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static uint64_t bits_of_f(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static double d_of(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static float f_of(uint64_t u)
{
    uint32_t w = (uint32_t)u;
    float f;
    memcpy(&f, &w, 4);
    return f;
}

static void test_call(void)
{
    cpu_reset();
    cpu.r[1] = 0xfffffffeu; /* i32 arg */
    cpu.r[2] = 1000;
    cpu.r[3] = bits_of_d(10.25);
    cpu.r[4] = bits_of_f(7.75f);
    cpu.r[5] = 100000;
    IrBlock *b = block_new(0x1000);
    IrTemp args[4] = {ir_ld_env(b, IR_I32, OFF_R(1)), ir_ld_env(b, IR_I64, OFF_R(2)),
                      ir_ld_env(b, IR_F64, OFF_R(3)), ir_ld_env(b, IR_F32, OFF_R(4))};
    ir_st_env(b, IR_I64, OFF_R(0), ir_call(b, &h_mix, args));
    ir_st_env(b, IR_F64, OFF_R(7), ir_call(b, &h_half, &args[2]));
    ir_st_env(b, IR_F32, OFF_R1_OUT, ir_call(b, &h_negf, &args[3]));
    IrTemp inc = ir_call(b, &h_inc32, args);
    IrTemp inc2 = ir_call(b, &h_inc32, &inc); /* wraps to 0 */
    ir_st_env(b, IR_I64, OFF_R(1), ir_ext_i32u(b, inc2));
    g_assert_cmpuint(ir_call(b, &h_mark, NULL), ==, 0);
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    g_assert_cmpuint(cpu.r[0], ==, 0xfffffffeull * 3 + 1000 + 20 + 7 + 100000);
    g_assert_cmpfloat(d_of(cpu.r[7]), ==, 5.125);
    g_assert_cmpfloat(f_of(cpu.r1_out), ==, -7.75f);
    g_assert_cmphex(cpu.r[1], ==, 0);
    g_assert_cmpuint(cpu.r[6], ==, 99);
}

/* --- floating point ------------------------------------------------------ */

static double fop2d(IrOpcode op, double a, double c)
{
    cpu_reset();
    cpu.r[1] = bits_of_d(a);
    cpu.r[2] = bits_of_d(c);
    IrBlock *b = block_new(0x1000);
    IrTemp x = ir_ld_env(b, IR_F64, OFF_R(1)), y = ir_ld_env(b, IR_F64, OFF_R(2));
    finish(b, ir_op2(b, op, x, y));
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    return d_of(cpu.r[0]);
}

static float fop2f(IrOpcode op, float a, float c)
{
    cpu_reset();
    cpu.r[1] = bits_of_f(a);
    cpu.r[2] = bits_of_f(c);
    cpu.r[0] = 0x5555555555555555ull;
    IrBlock *b = block_new(0x1000);
    IrTemp x = ir_ld_env(b, IR_F32, OFF_R(1)), y = ir_ld_env(b, IR_F32, OFF_R(2));
    finish(b, ir_op2(b, op, x, y));
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    g_assert_cmphex(cpu.r[0] >> 32, ==, 0x55555555u);
    return f_of(cpu.r[0]);
}

static uint64_t fop1(IrOpcode op, IrType t, uint64_t bits)
{
    return op1(op, t, bits);
}

static void same_bits_d(double got, double want)
{
    g_assert_cmphex(bits_of_d(got), ==, bits_of_d(want));
}

static void same_bits_f(float got, float want)
{
    g_assert_cmphex(bits_of_f(got), ==, bits_of_f(want));
}

static void test_float_arith(void)
{
    static const double dv[] = {0.0, -0.0, 1.0, -1.5, 3.25, 1e300, -1e-300, 1.0 / 3.0, INFINITY, -INFINITY};
    for (size_t i = 0; i < G_N_ELEMENTS(dv); i++)
        for (size_t j = 0; j < G_N_ELEMENTS(dv); j++) {
            volatile double a = dv[i], c = dv[j];
            volatile float af = (float)dv[i], cf = (float)dv[j];
            same_bits_d(fop2d(IR_OP_fadd, a, c), a + c);
            same_bits_d(fop2d(IR_OP_fsub, a, c), a - c);
            same_bits_d(fop2d(IR_OP_fmul, a, c), a * c);
            same_bits_d(fop2d(IR_OP_fdiv, a, c), a / c);
            same_bits_d(fop2d(IR_OP_fmin, a, c), a < c ? a : c);
            same_bits_d(fop2d(IR_OP_fmax, a, c), a > c ? a : c);
            same_bits_f(fop2f(IR_OP_fadd, af, cf), af + cf);
            same_bits_f(fop2f(IR_OP_fsub, af, cf), af - cf);
            same_bits_f(fop2f(IR_OP_fmul, af, cf), af * cf);
            same_bits_f(fop2f(IR_OP_fdiv, af, cf), af / cf);
            same_bits_f(fop2f(IR_OP_fmin, af, cf), af < cf ? af : cf);
            same_bits_f(fop2f(IR_OP_fmax, af, cf), af > cf ? af : cf);
        }
    /* x86 minsd/maxsd order: NaN or equal operands give the second */
    g_assert_true(isnan(fop2d(IR_OP_fmin, 1.0, NAN)));
    g_assert_cmpfloat(fop2d(IR_OP_fmin, NAN, 1.0), ==, 1.0);
    g_assert_true(isnan(fop2d(IR_OP_fmax, 1.0, NAN)));
    g_assert_cmpfloat(fop2d(IR_OP_fmax, NAN, 1.0), ==, 1.0);
    same_bits_d(fop2d(IR_OP_fmin, -0.0, 0.0), 0.0);
    same_bits_d(fop2d(IR_OP_fmin, 0.0, -0.0), -0.0);
    same_bits_f(fop2f(IR_OP_fmax, 0.0f, -0.0f), -0.0f);
    /* fdiv by zero does not trap */
    g_assert_true(isinf(fop2d(IR_OP_fdiv, 1.0, 0.0)));
    g_assert_true(isnan(fop2f(IR_OP_fdiv, 0.0f, 0.0f)));

    /* one-operand ops, by bits */
    g_assert_cmpfloat(d_of(fop1(IR_OP_fsqrt, IR_F64, bits_of_d(2.25))), ==, 1.5);
    g_assert_true(isnan(d_of(fop1(IR_OP_fsqrt, IR_F64, bits_of_d(-1.0)))));
    g_assert_cmpfloat(f_of(fop1(IR_OP_fsqrt, IR_F32, bits_of_f(6.25f))), ==, 2.5f);
    g_assert_cmphex(fop1(IR_OP_fneg, IR_F64, bits_of_d(1.0)), ==, bits_of_d(-1.0));
    g_assert_cmphex(fop1(IR_OP_fneg, IR_F64, bits_of_d(0.0)), ==, bits_of_d(-0.0));
    g_assert_cmphex(fop1(IR_OP_fneg, IR_F32, 0x7fc00001u), ==, 0xffc00001u); /* NaN payload kept */
    g_assert_cmphex(fop1(IR_OP_fabs, IR_F64, bits_of_d(-3.0)), ==, bits_of_d(3.0));
    g_assert_cmphex(fop1(IR_OP_fabs, IR_F32, 0xffc00001u), ==, 0x7fc00001u);
    g_assert_cmphex(fop1(IR_OP_fabs, IR_F32, bits_of_f(-0.0f)), ==, 0);
}

static void test_fma_single_rounding(void)
{
    /* (1 + 2^-27)(1 - 2^-27) = 1 - 2^-54: rounds to 1.0 as a product, so a
     * separate multiply and add gives 0, a fused one -2^-54. */
    double a = 1.0 + ldexp(1.0, -27), c = 1.0 - ldexp(1.0, -27);
    volatile double prod = a * c;
    g_assert_cmpfloat(prod - 1.0, ==, 0.0);
    cpu_reset();
    cpu.r[1] = bits_of_d(a);
    cpu.r[2] = bits_of_d(c);
    cpu.r[3] = bits_of_d(-1.0);
    IrBlock *b = block_new(0x1000);
    IrTemp x = ir_ld_env(b, IR_F64, OFF_R(1)), y = ir_ld_env(b, IR_F64, OFF_R(2)), z = ir_ld_env(b, IR_F64, OFF_R(3));
    ir_st_env(b, IR_F64, OFF_R(4), ir_op2(b, IR_OP_fadd, ir_op2(b, IR_OP_fmul, x, y), z));
    finish(b, ir_op3(b, IR_OP_fma, x, y, z));
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    g_assert_cmpfloat(d_of(cpu.r[0]), ==, -ldexp(1.0, -54));
    g_assert_cmpfloat(d_of(cpu.r[4]), ==, 0.0);

    /* f32: (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24; minus 1 - 2^-11 leaves 2^-24 only when fused */
    float af = 1.0f + ldexpf(1.0f, -12);
    cpu_reset();
    cpu.r[1] = bits_of_f(af);
    cpu.r[3] = bits_of_f(-(1.0f + ldexpf(1.0f, -11)));
    b = block_new(0x1000);
    x = ir_ld_env(b, IR_F32, OFF_R(1));
    z = ir_ld_env(b, IR_F32, OFF_R(3));
    ir_st_env(b, IR_F32, OFF_R(4), ir_op2(b, IR_OP_fadd, ir_op2(b, IR_OP_fmul, x, x), z));
    finish(b, ir_op3(b, IR_OP_fma, x, x, z));
    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
    g_assert_cmpfloat(f_of(cpu.r[0]), ==, ldexpf(1.0f, -24));
    g_assert_cmpfloat(f_of(cpu.r[4]), ==, 0.0f);
}

static bool fcond_c(IrFCond c, double a, double b)
{
    switch (c) {
    case IR_FEQ: return a == b;
    case IR_FLT: return a < b;
    case IR_FLE: return a <= b;
    case IR_FUN: return isunordered(a, b);
    case IR_FNE: return !(a == b);
    default: g_assert_not_reached();
    }
}

static void test_fsetcond(void)
{
    static const double dv[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, NAN};
    for (IrFCond c = 0; c < IR_NFCONDS; c++)
        for (size_t i = 0; i < G_N_ELEMENTS(dv); i++)
            for (size_t j = 0; j < G_N_ELEMENTS(dv); j++)
                for (int wide = 0; wide < 2; wide++) {
                    IrType t = wide ? IR_F64 : IR_F32;
                    cpu_reset();
                    cpu.r[1] = wide ? bits_of_d(dv[i]) : bits_of_f((float)dv[i]);
                    cpu.r[2] = wide ? bits_of_d(dv[j]) : bits_of_f((float)dv[j]);
                    IrBlock *b = block_new(0x1000);
                    IrTemp x = ir_ld_env(b, t, OFF_R(1)), y = ir_ld_env(b, t, OFF_R(2));
                    finish(b, ir_fsetcond(b, c, x, y));
                    g_assert_cmpint(run_block(b), ==, EXIT_HALT);
                    g_assert_cmpuint(cpu.r[0], ==, fcond_c(c, dv[i], dv[j]));
                }
}

static void test_float_conversions(void)
{
    /* f32 <-> f64 */
    g_assert_cmphex(op1_imm(IR_OP_fcvt_f32, IR_F32, IR_F64, bits_of_f(1.5f), 0), ==, bits_of_d(1.5));
    g_assert_cmphex(op1_imm(IR_OP_fcvt_f64, IR_F64, IR_F32, bits_of_d(1.0 / 3.0), 0), ==,
                    bits_of_f((float)(1.0 / 3.0)));
    g_assert_cmphex(op1_imm(IR_OP_fcvt_f64, IR_F64, IR_F32, bits_of_d(1e300), 0), ==, bits_of_f(INFINITY));
    /* integer -> float */
    g_assert_cmphex(op1_imm(IR_OP_cvt_s32_f, IR_I32, IR_F64, 0xffffffffu, 0), ==, bits_of_d(-1.0));
    g_assert_cmphex(op1_imm(IR_OP_cvt_s32_f, IR_I32, IR_F32, 0x80000000u, 0), ==, bits_of_f(-2147483648.0f));
    g_assert_cmphex(op1_imm(IR_OP_cvt_s64_f, IR_I64, IR_F64, (uint64_t)-5, 0), ==, bits_of_d(-5.0));
    g_assert_cmphex(op1_imm(IR_OP_cvt_s64_f, IR_I64, IR_F32, 0x7fffffffffffffffull, 0), ==,
                    bits_of_f(9223372036854775808.0f));
    g_assert_cmphex(op1_imm(IR_OP_cvt_u64_f, IR_I64, IR_F64, ~0ull, 0), ==, bits_of_d(18446744073709551616.0));
    g_assert_cmphex(op1_imm(IR_OP_cvt_u64_f, IR_I64, IR_F32, 1ull << 63, 0), ==, bits_of_f(9223372036854775808.0f));
    /* 2^53 + 1 is not a double: rounds to even */
    g_assert_cmphex(op1_imm(IR_OP_cvt_s64_f, IR_I64, IR_F64, (1ull << 53) + 1, 0), ==,
                    bits_of_d(9007199254740992.0));

    /* float -> integer: current mode (nearest even) and truncation */
    static const struct {
        double x;
        int32_t cur, trunc;
    } c32[] = {
        {2.5, 2, 2},       {3.5, 4, 3},          {-2.5, -2, -2},          {-2.7, -3, -2},
        {0.49, 0, 0},      {2147483647.0, 2147483647, 2147483647},    {-2147483648.0, INT32_MIN, INT32_MIN},
        {2147483647.4, 2147483647, 2147483647}, {2147483648.0, INT32_MIN, INT32_MIN},
        {-2147483649.0, INT32_MIN, INT32_MIN},  {1e300, INT32_MIN, INT32_MIN},
        {NAN, INT32_MIN, INT32_MIN},            {-INFINITY, INT32_MIN, INT32_MIN},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(c32); i++) {
        g_assert_cmphex(op1_imm(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_d(c32[i].x), IR_ROUND_CURRENT), ==,
                        (uint32_t)c32[i].cur);
        g_assert_cmphex(op1_imm(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_d(c32[i].x), IR_ROUND_TRUNC), ==,
                        (uint32_t)c32[i].trunc);
    }
    g_assert_cmphex(op1_imm(IR_OP_cvt_f_s32, IR_F32, IR_I32, bits_of_f(-7.5f), IR_ROUND_CURRENT), ==,
                    (uint32_t)-8);
    g_assert_cmphex(op1_imm(IR_OP_cvt_f_s32, IR_F32, IR_I32, bits_of_f(3e9f), IR_ROUND_TRUNC), ==, 0x80000000u);
    g_assert_cmphex(op1_imm(IR_OP_cvt_f_s32, IR_F32, IR_I32, bits_of_f(NAN), IR_ROUND_TRUNC), ==, 0x80000000u);

    static const struct {
        double x;
        int64_t cur, trunc;
    } c64[] = {
        {2.5, 2, 2},
        {-1e15 - 0.5, -1000000000000000, -1000000000000000},
        {9223372036854774784.0, 9223372036854774784, 9223372036854774784},
        {9223372036854775808.0, INT64_MIN, INT64_MIN},
        {-9223372036854775808.0, INT64_MIN, INT64_MIN},
        {1e300, INT64_MIN, INT64_MIN},
        {NAN, INT64_MIN, INT64_MIN},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(c64); i++) {
        g_assert_cmphex(op1_imm(IR_OP_cvt_f_s64, IR_F64, IR_I64, bits_of_d(c64[i].x), IR_ROUND_CURRENT), ==,
                        (uint64_t)c64[i].cur);
        g_assert_cmphex(op1_imm(IR_OP_cvt_f_s64, IR_F64, IR_I64, bits_of_d(c64[i].x), IR_ROUND_TRUNC), ==,
                        (uint64_t)c64[i].trunc);
    }
    g_assert_cmphex(op1_imm(IR_OP_cvt_f_s64, IR_F32, IR_I64, bits_of_f(-1.5f), IR_ROUND_CURRENT), ==, (uint64_t)-2);
    g_assert_cmphex(op1_imm(IR_OP_cvt_f_s64, IR_F32, IR_I64, bits_of_f(1e19f), IR_ROUND_TRUNC), ==,
                    (uint64_t)INT64_MIN);

    /* the current mode is the host's: upward rounds 2.1 to 3 */
    int old = fegetround();
    fesetround(FE_UPWARD);
    uint64_t up = op1_imm(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_d(2.1), IR_ROUND_CURRENT);
    uint64_t tr = op1_imm(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_d(2.9), IR_ROUND_TRUNC);
    uint64_t sum = bits_of_d(fop2d(IR_OP_fadd, 1.0, ldexp(1.0, -60)));
    fesetround(old);
    g_assert_cmpuint(up, ==, 3);
    g_assert_cmpuint(tr, ==, 2);
    g_assert_cmphex(sum, ==, bits_of_d(nextafter(1.0, 2.0)));

    /* bitcast keeps the bits */
    g_assert_cmphex(op1_imm(IR_OP_bitcast, IR_F64, IR_I64, bits_of_d(-2.0), 0), ==, bits_of_d(-2.0));
    g_assert_cmphex(op1_imm(IR_OP_bitcast, IR_I32, IR_F32, 0x7fc00123u, 0), ==, 0x7fc00123u);
    g_assert_cmphex(op1_imm(IR_OP_bitcast, IR_F32, IR_I32, bits_of_f(1.0f), 0), ==, 0x3f800000u);
}

/* --- guest instruction boundaries and block exits ------------------------ */

static void test_insn_start_exit(void)
{
    cpu_reset();
    IrBlock *b = block_new(0x2000);
    ir_insn_start(b, 0x2000);
    ir_insn_start(b, 0x2004);
    ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), ir_const64(b, 0x2008));
    ir_exit(b, EXIT_SYSCALL);
    g_assert_cmpint(run_block(b), ==, EXIT_SYSCALL);
    g_assert_cmphex(cpu.common.insn_pc, ==, 0x2004);
    g_assert_cmphex(cpu.common.pc, ==, 0x2008);
}

/* A block at pc that adds k to r[0] and leaves through goto_tb slot to next. */
static TranslationBlock *adder_tb(uint64_t pc, uint64_t k, unsigned slot, uint64_t next)
{
    IrBlock *b = block_new(pc);
    ir_insn_start(b, pc);
    IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), k);
    ir_st_env(b, IR_I64, OFF_R(0), v);
    ir_goto_tb(b, slot, next);
    return compile(b);
}

static void test_goto_tb(void)
{
    cpu_reset();
    TranslationBlock *t1 = adder_tb(0x3000, 1, 1, 0x3100);
    /* unlinked: back to the loop with the slot to link */
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, t1), ==, EXIT_NONE);
    g_assert_cmpuint(cpu.r[0], ==, 1);
    g_assert_cmphex(cpu.common.pc, ==, 0x3100);
    g_assert_true(cpu.common.last_tb == t1);
    g_assert_cmpint(cpu.common.last_slot, ==, 1);

    /* linked: t1 -> t2 runs through without returning, t2 leaves by exit */
    IrBlock *b = block_new(0x3100);
    IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), 10);
    ir_st_env(b, IR_I64, OFF_R(0), v);
    ir_exit(b, EXIT_HALT);
    TranslationBlock *t2 = compile(b);
    t1->jmp_next[1] = t2;
    cpu_reset();
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, t1), ==, EXIT_HALT);
    g_assert_cmpuint(cpu.r[0], ==, 11);

    /* exit_request: checked at the entry of the linked block */
    cpu_reset();
    b = block_new(0x3200);
    ir_st_env(b, IR_I32, offsetof(CpuCommon, exit_request), ir_const32(b, 1));
    ir_goto_tb(b, 0, 0x3100);
    TranslationBlock *t3 = compile(b);
    t3->jmp_next[0] = t2;
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, t3), ==, EXIT_INTERRUPT);
    g_assert_cmphex(cpu.common.pc, ==, 0x3100);
    g_assert_cmpuint(cpu.r[0], ==, 0); /* t2 did not run */
    /* ... and at the entry of the first block, before any effect */
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, t1), ==, EXIT_INTERRUPT);
    g_assert_cmphex(cpu.common.pc, ==, 0x3000);
    g_assert_cmpuint(cpu.r[0], ==, 0);

    /* a self loop counts down until exit_request; here it exits by itself */
    cpu_reset();
    b = block_new(0x3300);
    IrTemp n = ir_addi(b, ir_ld_env(b, IR_I64, OFF_R(0)), 1);
    ir_st_env(b, IR_I64, OFF_R(0), n);
    IrLabel done = ir_new_label(b);
    ir_brcond(b, IR_EQ, n, ir_const64(b, 1000), done);
    ir_goto_tb(b, 0, 0x3300);
    ir_label(b, done);
    ir_exit(b, EXIT_HALT);
    TranslationBlock *t4 = compile(b);
    t4->jmp_next[0] = t4;
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, t4), ==, EXIT_HALT);
    g_assert_cmpuint(cpu.r[0], ==, 1000);

    tb_free(t1);
    tb_free(t2);
    tb_free(t3);
    tb_free(t4);
}

static void test_goto_ptr(void)
{
    cpu_reset();
    IrBlock *b = block_new(0x4000);
    ir_goto_ptr(b, ir_ld_env(b, IR_I32, OFF_R(1)));
    TranslationBlock *t1 = compile(b);
    b = block_new(0x4100);
    ir_st_env(b, IR_I64, OFF_R(0), ir_const64(b, 77));
    ir_exit(b, EXIT_HALT);
    TranslationBlock *t2 = compile(b);

    /* miss: back to the loop with no slot */
    cpu.r[1] = 0x4100;
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, t1), ==, EXIT_NONE);
    g_assert_cmphex(cpu.common.pc, ==, 0x4100);
    g_assert_cmpint(cpu.common.last_slot, ==, -1);
    g_assert_cmpuint(cpu.r[0], ==, 0);
    /* hit in the jump cache: continues there */
    jmp_cache[tb_jmp_cache_hash(0x4100)] = t2;
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, t1), ==, EXIT_HALT);
    g_assert_cmpuint(cpu.r[0], ==, 77);
    /* an entry for other flags is not taken */
    cpu.r[0] = 0;
    cpu.common.tb_flags = 1;
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, t1), ==, EXIT_NONE);
    g_assert_cmpuint(cpu.r[0], ==, 0);
    tb_free(t1);
    tb_free(t2);
}

static void test_big_frame(void)
{
    /* A chained block with more temps than the starting frame holds is
     * handed back to the loop, then runs on its own frame. */
    cpu_reset();
    TranslationBlock *small = adder_tb(0x5000, 1, 0, 0x5100);
    IrBlock *b = block_new(0x5100);
    IrTemp acc = ir_ld_env(b, IR_I64, OFF_R(0));
    for (int i = 0; i < 3000; i++)
        acc = ir_addi(b, acc, 1);
    finish(b, acc);
    TranslationBlock *big = compile(b);
    small->jmp_next[0] = big;
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, small), ==, EXIT_NONE);
    g_assert_cmphex(cpu.common.pc, ==, 0x5100);
    g_assert_cmpuint(cpu.r[0], ==, 1);
    g_assert_cmpint(backend_interp.run(NULL, &cpu.common, big), ==, EXIT_HALT);
    g_assert_cmpuint(cpu.r[0], ==, 3001);
    tb_free(small);
    tb_free(big);
}

static void test_backend_by_name(void)
{
    g_assert_true(backend_by_name("interp") == &backend_interp);
    g_assert_null(backend_by_name("no-such-backend"));
    /* NULL names the default: the first backend backend_names() lists. */
    const Backend *def = backend_by_name(NULL);
    g_assert_nonnull(def);
    g_assert_true(g_str_has_prefix(backend_names(), def->name));
    g_assert_nonnull(strstr(backend_names(), "interp"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    mem = g_malloc0(MEM_SIZE);
    g_test_add_func("/interp/const_mov", test_const_mov);
    g_test_add_func("/interp/add_sub_mul", test_add_sub_mul);
    g_test_add_func("/interp/div_rem", test_div_rem);
    g_test_add_func("/interp/logic", test_logic);
    g_test_add_func("/interp/shifts", test_shifts);
    g_test_add_func("/interp/widths", test_widths);
    g_test_add_func("/interp/bitfields", test_bitfields);
    g_test_add_func("/interp/addc", test_addc);
    g_test_add_func("/interp/conditions", test_conditions);
    g_test_add_func("/interp/br_loop", test_br_loop);
    g_test_add_func("/interp/loads", test_loads);
    g_test_add_func("/interp/stores", test_stores);
    g_test_add_func("/interp/cmpxchg", test_cmpxchg);
    g_test_add_func("/interp/call", test_call);
    g_test_add_func("/interp/float_arith", test_float_arith);
    g_test_add_func("/interp/fma", test_fma_single_rounding);
    g_test_add_func("/interp/fsetcond", test_fsetcond);
    g_test_add_func("/interp/float_conversions", test_float_conversions);
    g_test_add_func("/interp/insn_start_exit", test_insn_start_exit);
    g_test_add_func("/interp/goto_tb", test_goto_tb);
    g_test_add_func("/interp/goto_ptr", test_goto_ptr);
    g_test_add_func("/interp/big_frame", test_big_frame);
    g_test_add_func("/interp/backend_by_name", test_backend_by_name);
    int rc = g_test_run();
    g_free(mem);
    return rc;
}
