/* tests/unit/test_backend_ops.c — every integer op of ir/ops.def with
 * its edge cases, conditions (setcond, movcond, brcond), and guest memory
 * (loads and stores of every size, sign and byte order through addresses
 * of both widths, cmpxchg of every size), on every backend built in (see
 * backend_test.h). Operands come from env, stay live after the op, or are
 * IR constants; expected values are computed in plain C on the host.
 * Float ops are in test_backend_fp.c, control flow and calls in
 * test_backend_flow.c.
 */
#include <string.h>

#include "backend_test.h"
#include "util/fbits.h"

static const uint32_t v32[] = {0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x12345678,
                               0x7fffffff, 0x80000000u, 0x80000001u, 0xfffffffeu, 0xffffffffu};
static const uint64_t v64[] = {0, 1, 3, 0x7f, 0x80, 0xffffffffull, 0x100000000ull,
                               0x123456789abcdef0ull, 0x7fffffffffffffffull,
                               0x8000000000000000ull, 0x8000000000000001ull,
                               0xfffffffffffffffeull, ~0ull};
#define N32 G_N_ELEMENTS(v32)
#define N64 G_N_ELEMENTS(v64)

/* --- integer arithmetic ---------------------------------------------- */

static void test_const_mov(void)
{
    bt_reset();
    IrBlock *b = bt_block(0x1000);
    IrTemp k32 = ir_const32(b, 0xdeadbeefu);
    IrTemp k64 = ir_const64(b, 0x0123456789abcdefull);
    ir_st_env(b, IR_I32, OFF_R(1), ir_mov(b, k32));
    ir_st_env(b, IR_I64, OFF_R(2), ir_mov(b, k64));
    ir_st_env(b, IR_F64, OFF_R(3), ir_const_f64(b, 2.5));
    ir_st_env(b, IR_F32, OFF_R(4), ir_mov(b, ir_const(b, IR_F32, 0x7fc00123u)));
    ir_st_env(b, IR_I64, OFF_R(5), ir_const64(b, 0xffffffff80000000ull)); /* sign-extended imm32 */
    ir_st_env(b, IR_I64, OFF_R(6), ir_const64(b, 0x80000000ull));         /* zero-extended imm32 */
    ir_st_env(b, IR_I64, OFF_R(7), ir_const64(b, 0));
    ir_exit(b, EXIT_HALT);
    bt_cpu.r[7] = ~0ull;
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmphex(bt_cpu.r[1], ==, 0xdeadbeefu);
    g_assert_cmphex(bt_cpu.r[2], ==, 0x0123456789abcdefull);
    g_assert_cmpfloat(f64_of_bits(bt_cpu.r[3]), ==, 2.5);
    g_assert_cmphex(bt_cpu.r[4], ==, 0x7fc00123u);
    g_assert_cmphex(bt_cpu.r[5], ==, 0xffffffff80000000ull);
    g_assert_cmphex(bt_cpu.r[6], ==, 0x80000000ull);
    g_assert_cmphex(bt_cpu.r[7], ==, 0);
}

static void test_add_sub_mul(void)
{
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < N32; j++) {
            uint32_t a = v32[i], c = v32[j];
            g_assert_cmphex(bt_op2(IR_OP_add, IR_I32, a, c), ==, (uint32_t)(a + c));
            g_assert_cmphex(bt_op2(IR_OP_sub, IR_I32, a, c), ==, (uint32_t)(a - c));
            g_assert_cmphex(bt_op2(IR_OP_mul, IR_I32, a, c), ==, (uint32_t)(a * c));
            g_assert_cmphex(bt_op2(IR_OP_mulhu, IR_I32, a, c), ==, (uint32_t)(((uint64_t)a * c) >> 32));
            g_assert_cmphex(bt_op2(IR_OP_mulhs, IR_I32, a, c), ==,
                            (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int32_t)c) >> 32));
        }
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < N64; j++) {
            uint64_t a = v64[i], c = v64[j];
            g_assert_cmphex(bt_op2(IR_OP_add, IR_I64, a, c), ==, a + c);
            g_assert_cmphex(bt_op2(IR_OP_sub, IR_I64, a, c), ==, a - c);
            g_assert_cmphex(bt_op2(IR_OP_mul, IR_I64, a, c), ==, a * c);
            g_assert_cmphex(bt_op2(IR_OP_mulhu, IR_I64, a, c), ==,
                            (uint64_t)(((unsigned __int128)a * c) >> 64));
            g_assert_cmphex(bt_op2(IR_OP_mulhs, IR_I64, a, c), ==,
                            (uint64_t)(((__int128)(int64_t)a * (int64_t)c) >> 64));
        }
    /* i32 wraparound */
    g_assert_cmphex(bt_op2(IR_OP_add, IR_I32, 0xffffffffu, 1), ==, 0);
    g_assert_cmphex(bt_op2(IR_OP_sub, IR_I32, 0, 1), ==, 0xffffffffu);
}

static void test_div_rem(void)
{
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < N32; j++) {
            uint32_t a = v32[i], c = v32[j];
            int32_t sa = (int32_t)a, sc = (int32_t)c;
            uint32_t q = c == 0 ? 0 : (sa == INT32_MIN && sc == -1) ? a : (uint32_t)(sa / sc);
            uint32_t r = c == 0 ? a : sc == -1 ? 0 : (uint32_t)(sa % sc);
            g_assert_cmphex(bt_op2(IR_OP_divs, IR_I32, a, c), ==, q);
            g_assert_cmphex(bt_op2(IR_OP_rems, IR_I32, a, c), ==, r);
            g_assert_cmphex(bt_op2(IR_OP_divu, IR_I32, a, c), ==, c ? a / c : 0);
            g_assert_cmphex(bt_op2(IR_OP_remu, IR_I32, a, c), ==, c ? a % c : a);
        }
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < N64; j++) {
            uint64_t a = v64[i], c = v64[j];
            int64_t sa = (int64_t)a, sc = (int64_t)c;
            uint64_t q = c == 0 ? 0 : (sa == INT64_MIN && sc == -1) ? a : (uint64_t)(sa / sc);
            uint64_t r = c == 0 ? a : sc == -1 ? 0 : (uint64_t)(sa % sc);
            g_assert_cmphex(bt_op2(IR_OP_divs, IR_I64, a, c), ==, q);
            g_assert_cmphex(bt_op2(IR_OP_rems, IR_I64, a, c), ==, r);
            g_assert_cmphex(bt_op2(IR_OP_divu, IR_I64, a, c), ==, c ? a / c : 0);
            g_assert_cmphex(bt_op2(IR_OP_remu, IR_I64, a, c), ==, c ? a % c : a);
        }
    /* the named edge cases, spelled out */
    g_assert_cmphex(bt_op2(IR_OP_divs, IR_I32, 0x80000000u, 0xffffffffu), ==, 0x80000000u);
    g_assert_cmphex(bt_op2(IR_OP_rems, IR_I32, 0x80000000u, 0xffffffffu), ==, 0);
    g_assert_cmphex(bt_op2(IR_OP_divs, IR_I64, 1ull << 63, ~0ull), ==, 1ull << 63);
    g_assert_cmphex(bt_op2(IR_OP_divu, IR_I64, 5, 0), ==, 0);
    g_assert_cmphex(bt_op2(IR_OP_remu, IR_I64, 5, 0), ==, 5);
    g_assert_cmphex(bt_op2(IR_OP_rems, IR_I32, (uint32_t)-7, 2), ==, (uint32_t)-1);
}

static void test_logic(void)
{
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < N32; j++) {
            uint32_t a = v32[i], c = v32[j];
            g_assert_cmphex(bt_op2(IR_OP_and, IR_I32, a, c), ==, a & c);
            g_assert_cmphex(bt_op2(IR_OP_or, IR_I32, a, c), ==, a | c);
            g_assert_cmphex(bt_op2(IR_OP_xor, IR_I32, a, c), ==, a ^ c);
            g_assert_cmphex(bt_op2(IR_OP_andc, IR_I32, a, c), ==, a & ~c);
            g_assert_cmphex(bt_op2(IR_OP_orc, IR_I32, a, c), ==, (uint32_t)(a | ~c));
        }
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < N64; j++) {
            uint64_t a = v64[i], c = v64[j];
            g_assert_cmphex(bt_op2(IR_OP_and, IR_I64, a, c), ==, a & c);
            g_assert_cmphex(bt_op2(IR_OP_or, IR_I64, a, c), ==, a | c);
            g_assert_cmphex(bt_op2(IR_OP_xor, IR_I64, a, c), ==, a ^ c);
            g_assert_cmphex(bt_op2(IR_OP_andc, IR_I64, a, c), ==, a & ~c);
            g_assert_cmphex(bt_op2(IR_OP_orc, IR_I64, a, c), ==, a | ~c);
        }
    for (size_t i = 0; i < N32; i++) {
        g_assert_cmphex(bt_op1(IR_OP_not, IR_I32, v32[i]), ==, (uint32_t)~v32[i]);
        g_assert_cmphex(bt_op1(IR_OP_neg, IR_I32, v32[i]), ==, (uint32_t)-v32[i]);
        g_assert_cmphex(bt_op1(IR_OP_mov, IR_I32, v32[i]), ==, v32[i]);
    }
    for (size_t i = 0; i < N64; i++) {
        g_assert_cmphex(bt_op1(IR_OP_not, IR_I64, v64[i]), ==, ~v64[i]);
        g_assert_cmphex(bt_op1(IR_OP_neg, IR_I64, v64[i]), ==, -v64[i]);
        g_assert_cmphex(bt_op1(IR_OP_mov, IR_I64, v64[i]), ==, v64[i]);
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
    static const uint64_t counts[] = {0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 0xffffffffu, 0x100000001ull};
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < G_N_ELEMENTS(counts) - 1; j++) {
            uint32_t a = v32[i];
            unsigned m = counts[j] & 31;
            uint32_t n = (uint32_t)counts[j];
            g_assert_cmphex(bt_op2(IR_OP_shl, IR_I32, a, n), ==, (uint32_t)(a << m));
            g_assert_cmphex(bt_op2(IR_OP_shr, IR_I32, a, n), ==, a >> m);
            g_assert_cmphex(bt_op2(IR_OP_sar, IR_I32, a, n), ==, (uint32_t)((int32_t)a >> m));
            g_assert_cmphex(bt_op2(IR_OP_rotl, IR_I32, a, n), ==, rol32(a, m));
            g_assert_cmphex(bt_op2(IR_OP_rotr, IR_I32, a, n), ==, rol32(a, (32 - m) & 31));
        }
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < G_N_ELEMENTS(counts); j++) {
            uint64_t a = v64[i], n = counts[j];
            unsigned m = n & 63;
            g_assert_cmphex(bt_op2(IR_OP_shl, IR_I64, a, n), ==, a << m);
            g_assert_cmphex(bt_op2(IR_OP_shr, IR_I64, a, n), ==, a >> m);
            g_assert_cmphex(bt_op2(IR_OP_sar, IR_I64, a, n), ==, (uint64_t)((int64_t)a >> m));
            g_assert_cmphex(bt_op2(IR_OP_rotl, IR_I64, a, n), ==, rol64(a, m));
            g_assert_cmphex(bt_op2(IR_OP_rotr, IR_I64, a, n), ==, rol64(a, (64 - m) & 63));
        }
}

static unsigned clz_c(uint64_t a, unsigned bits)
{
    unsigned n = 0;
    for (int k = (int)bits - 1; k >= 0 && !(a >> k & 1); k--)
        n++;
    return n;
}

static unsigned ctz_c(uint64_t a, unsigned bits)
{
    unsigned n = 0;
    for (unsigned k = 0; k < bits && !(a >> k & 1); k++)
        n++;
    return n;
}

static unsigned popcnt_c(uint64_t a, unsigned bits)
{
    unsigned n = 0;
    for (unsigned k = 0; k < bits; k++)
        n += a >> k & 1;
    return n;
}

static void test_widths(void)
{
    for (size_t i = 0; i < N32; i++) {
        uint32_t a = v32[i];
        g_assert_cmphex(bt_op1(IR_OP_sext8, IR_I32, a), ==, (uint32_t)(int32_t)(int8_t)a);
        g_assert_cmphex(bt_op1(IR_OP_sext16, IR_I32, a), ==, (uint32_t)(int32_t)(int16_t)a);
        g_assert_cmphex(bt_op1(IR_OP_zext8, IR_I32, a), ==, a & 0xff);
        g_assert_cmphex(bt_op1(IR_OP_zext16, IR_I32, a), ==, a & 0xffff);
        g_assert_cmphex(bt_op1(IR_OP_ext_i32s, IR_I32, a), ==, (uint64_t)(int64_t)(int32_t)a);
        g_assert_cmphex(bt_op1(IR_OP_ext_i32u, IR_I32, a), ==, (uint64_t)a);
        g_assert_cmphex(bt_op1(IR_OP_bswap16, IR_I32, a), ==,
                        (uint32_t)(((a & 0xff) << 8) | ((a >> 8) & 0xff)));
        g_assert_cmphex(bt_op1(IR_OP_bswap32, IR_I32, a), ==,
                        (a >> 24) | ((a >> 8) & 0xff00) | ((a << 8) & 0xff0000) | (a << 24));
        g_assert_cmpuint(bt_op1(IR_OP_clz, IR_I32, a), ==, clz_c(a, 32));
        g_assert_cmpuint(bt_op1(IR_OP_ctz, IR_I32, a), ==, ctz_c(a, 32));
        g_assert_cmpuint(bt_op1(IR_OP_popcnt, IR_I32, a), ==, popcnt_c(a, 32));
    }
    for (size_t i = 0; i < N64; i++) {
        uint64_t a = v64[i];
        g_assert_cmphex(bt_op1(IR_OP_sext8, IR_I64, a), ==, (uint64_t)(int64_t)(int8_t)a);
        g_assert_cmphex(bt_op1(IR_OP_sext16, IR_I64, a), ==, (uint64_t)(int64_t)(int16_t)a);
        g_assert_cmphex(bt_op1(IR_OP_sext32, IR_I64, a), ==, (uint64_t)(int64_t)(int32_t)a);
        g_assert_cmphex(bt_op1(IR_OP_zext8, IR_I64, a), ==, a & 0xff);
        g_assert_cmphex(bt_op1(IR_OP_zext16, IR_I64, a), ==, a & 0xffff);
        g_assert_cmphex(bt_op1(IR_OP_zext32, IR_I64, a), ==, a & 0xffffffffu);
        g_assert_cmphex(bt_op1(IR_OP_trunc_i64, IR_I64, a), ==, (uint32_t)a);
        g_assert_cmphex(bt_op1(IR_OP_bswap16, IR_I64, a), ==, ((a & 0xff) << 8) | ((a >> 8) & 0xff));
        uint64_t sw = __builtin_bswap64(a);
        g_assert_cmphex(bt_op1(IR_OP_bswap64, IR_I64, a), ==, sw);
        g_assert_cmphex(bt_op1(IR_OP_bswap32, IR_I64, a), ==, (uint32_t)(sw >> 32));
        g_assert_cmpuint(bt_op1(IR_OP_clz, IR_I64, a), ==, clz_c(a, 64));
        g_assert_cmpuint(bt_op1(IR_OP_ctz, IR_I64, a), ==, ctz_c(a, 64));
        g_assert_cmpuint(bt_op1(IR_OP_popcnt, IR_I64, a), ==, popcnt_c(a, 64));
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
            g_assert_cmphex(bt_op1_imm(IR_OP_extract, IR_I64, IR_I64, a, pos | len << 8), ==, field);
            g_assert_cmphex(bt_op1_imm(IR_OP_sextract, IR_I64, IR_I64, a, pos | len << 8), ==, sfield);
            if (pos + len <= 32) {
                g_assert_cmphex(bt_op1_imm(IR_OP_extract, IR_I32, IR_I32, a, pos | len << 8), ==, field);
                g_assert_cmphex(bt_op1_imm(IR_OP_sextract, IR_I32, IR_I32, a, pos | len << 8), ==,
                                (uint32_t)sfield);
            }
        }
    g_assert_cmphex(bt_op1_imm(IR_OP_extract, IR_I64, IR_I64, a, 0 | 64 << 8), ==, a);
    g_assert_cmphex(bt_op1_imm(IR_OP_extract, IR_I64, IR_I64, a, 32 | 32 << 8), ==, a >> 32);
    g_assert_cmphex(bt_op1_imm(IR_OP_extract, IR_I32, IR_I32, 0xffffffffu, 0 | 32 << 8), ==, 0xffffffffu);
    g_assert_cmphex(bt_op1_imm(IR_OP_sextract, IR_I32, IR_I32, 0x80000000u, 0 | 32 << 8), ==, 0x80000000u);
    g_assert_cmphex(bt_op1_imm(IR_OP_sextract, IR_I32, IR_I32, 0x00000800u, 8 | 4 << 8), ==, 0xfffffff8u);
    g_assert_cmphex(bt_op1_imm(IR_OP_sextract, IR_I64, IR_I64, 1ull << 63, 63 | 1 << 8), ==, ~0ull);

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
        {IR_I32, 0xdeadbeefu, 0x5, 0, 3},
        {IR_I64, ~0ull, 0, 60, 4},
        {IR_I64, 0x1122334455667788ull, 0xabcdef, 20, 24},
        {IR_I64, 0, ~0ull, 0, 64},
        {IR_I64, 0, ~0ull, 31, 2},
        {IR_I64, 0x1122334455667788ull, 0x99aabbccddull, 32, 32},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(dep); i++)
        for (Feed f = FEED_ENV; f < FEED_SAME; f++) {
            bt_reset();
            bt_cpu.r[1] = dep[i].a;
            bt_cpu.r[2] = dep[i].b;
            IrBlock *b = bt_block(0x1000);
            IrTemp x = bt_operand(b, dep[i].t, 1, f == FEED_CONST_A || f == FEED_CONST_BOTH);
            IrTemp y = bt_operand(b, dep[i].t, 2, f == FEED_CONST_B || f == FEED_CONST_BOTH);
            IrTemp d = ir_deposit(b, x, y, dep[i].pos, dep[i].len);
            if (f == FEED_ENV_LIVE) {
                ir_st_env(b, dep[i].t, OFF_R(3), x);
                ir_st_env(b, dep[i].t, OFF_R(4), y);
            }
            bt_finish(b, d);
            g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
            uint64_t m = dep[i].len == 64 ? ~0ull : ((1ull << dep[i].len) - 1) << dep[i].pos;
            uint64_t want = ((dep[i].a & ~m) | ((dep[i].b << dep[i].pos) & m)) & bt_mask(dep[i].t);
            g_assert_cmphex(bt_cpu.r[0] & bt_mask(dep[i].t), ==, want);
            if (f == FEED_ENV_LIVE) {
                g_assert_cmphex(bt_cpu.r[3] & bt_mask(dep[i].t), ==, dep[i].a & bt_mask(dep[i].t));
                g_assert_cmphex(bt_cpu.r[4] & bt_mask(dep[i].t), ==, dep[i].b & bt_mask(dep[i].t));
            }
        }
}

static void test_addc(void)
{
    static const struct {
        IrType t;
        uint64_t a, b, c;
    } cases[] = {
        {IR_I32, 1, 2, 0},          {IR_I32, 0xffffffffu, 1, 0}, {IR_I32, 0xffffffffu, 0, 1},
        {IR_I32, 0xffffffffu, 0xffffffffu, 1}, {IR_I32, 0x7fffffffu, 0, 1}, {IR_I32, 0, 0, 0},
        {IR_I64, 1, 2, 1},          {IR_I64, ~0ull, 1, 0},       {IR_I64, ~0ull, 0, 1},
        {IR_I64, ~0ull, ~0ull, 1},  {IR_I64, 1ull << 63, 1ull << 63, 0}, {IR_I64, 0xffffffffu, 1, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        for (int consts = 0; consts < 2; consts++) {
            bt_reset();
            bt_cpu.r[1] = cases[i].a;
            bt_cpu.r[2] = cases[i].b;
            bt_cpu.r[3] = cases[i].c;
            IrType t = cases[i].t;
            IrBlock *b = bt_block(0x1000);
            IrTemp x = bt_operand(b, t, 1, false), y = bt_operand(b, t, 2, consts),
                   z = bt_operand(b, t, 3, consts);
            IrTemp carry;
            IrTemp sum = ir_addc(b, x, y, z, &carry);
            ir_st_env(b, t, OFF_R1_OUT, carry);
            ir_st_env(b, t, OFF_R(4), x); /* the inputs stay live */
            bt_finish(b, sum);
            g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
            unsigned __int128 full = (unsigned __int128)cases[i].a + cases[i].b + cases[i].c;
            unsigned bits = ir_type_bits(t);
            g_assert_cmphex(bt_cpu.r[0] & bt_mask(t), ==, (uint64_t)full & bt_mask(t));
            g_assert_cmpuint(bt_cpu.r1_out & bt_mask(t), ==, (uint64_t)(full >> bits) & 1);
            g_assert_cmphex(bt_cpu.r[4] & bt_mask(t), ==, cases[i].a & bt_mask(t));
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

/* Runs setcond, movcond and brcond on (a, b) fed as f and checks all three. */
static void check_cond(IrCond c, IrType t, uint64_t a, uint64_t bv, Feed f)
{
    bool want = cond_c(c, t, a, bv);
    bt_reset();
    bt_cpu.r[1] = a;
    bt_cpu.r[2] = bv;
    bt_cpu.r[3] = 0x1111111111111111ull;
    bt_cpu.r[4] = 0x2222222222222222ull;
    IrBlock *b = bt_block(0x1000);
    IrTemp x = bt_operand(b, t, 1, f == FEED_CONST_A || f == FEED_CONST_BOTH);
    IrTemp y = f == FEED_SAME ? x : bt_operand(b, t, 2, f == FEED_CONST_B || f == FEED_CONST_BOTH);
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
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmpuint(bt_cpu.r[5] & bt_mask(t), ==, want);
    g_assert_cmphex(bt_cpu.r[6] & bt_mask(t), ==, (want ? bt_cpu.r[3] : bt_cpu.r[4]) & bt_mask(t));
    g_assert_cmpuint(bt_cpu.r[7], ==, want ? 1 : 2);
}

static void check_cond_fed(IrCond c, IrType t, uint64_t a, uint64_t bv)
{
    for (Feed f = FEED_ENV; f < NFEEDS; f++)
        if (f != FEED_ENV_LIVE && (f != FEED_SAME || ((a ^ bv) & bt_mask(t)) == 0))
            check_cond(c, t, a, bv, f);
}

static void test_conditions(void)
{
    for (IrCond c = 0; c < IR_NCONDS; c++) {
        for (size_t i = 0; i < N32; i++)
            for (size_t j = 0; j < N32; j++)
                check_cond_fed(c, IR_I32, v32[i], v32[j]);
        for (size_t i = 0; i < N64; i++)
            for (size_t j = 0; j < N64; j++)
                check_cond_fed(c, IR_I64, v64[i], v64[j]);
    }
}

/* --- guest memory -------------------------------------------------------- */

/* A value fed as an env load or as an IR constant, and an address of
 * either width. */
static uint64_t mem_load(IrType t, IrMemop mo, uint64_t addr, bool addr64, bool const_addr)
{
    bt_reset();
    bt_cpu.r[1] = addr;
    IrBlock *b = bt_block(0x1000);
    IrTemp a = bt_operand(b, addr64 ? IR_I64 : IR_I32, 1, const_addr);
    bt_finish(b, ir_ld(b, t, mo, a));
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    return bt_cpu.r[0] & bt_mask(t);
}

static uint64_t mem_load_all(IrType t, IrMemop mo, uint64_t addr)
{
    uint64_t r = mem_load(t, mo, addr, false, false);
    g_assert_cmphex(mem_load(t, mo, addr, true, false), ==, r);
    g_assert_cmphex(mem_load(t, mo, addr, false, true), ==, r);
    g_assert_cmphex(mem_load(t, mo, addr, true, true), ==, r);
    return r;
}

static void mem_store(IrType t, IrMemop mo, uint64_t addr, uint64_t v, bool addr64, bool consts)
{
    bt_reset();
    bt_cpu.r[1] = addr;
    bt_cpu.r[2] = v;
    IrBlock *b = bt_block(0x1000);
    IrTemp a = bt_operand(b, addr64 ? IR_I64 : IR_I32, 1, consts);
    IrTemp x = bt_operand(b, t, 2, consts);
    ir_st(b, mo, a, x);
    ir_st_env(b, t, OFF_R(3), x); /* the value stays live: a byte swap must not clobber it */
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmphex(bt_cpu.r[3] & bt_mask(t), ==, v & bt_mask(t));
}

static void test_loads(void)
{
    static const uint8_t bytes[8] = {0x81, 0x92, 0xa3, 0xb4, 0x45, 0x56, 0x67, 0x78};
    static const uint8_t bytes2[8] = {0x01, 0x72, 0x03, 0x74, 0xc5, 0xd6, 0xe7, 0xf8};
    for (int pattern = 0; pattern < 2; pattern++)
        for (unsigned off = 0; off < 3; off++) { /* aligned and not */
            const uint8_t *src = pattern ? bytes2 : bytes;
            uint64_t addr = 0x100 + off;
            memcpy(bt_mem + addr, src, 8);
            uint64_t le = 0, be = 0;
            for (int k = 0; k < 8; k++) {
                le |= (uint64_t)src[k] << (8 * k);
                be = be << 8 | src[k];
            }
            for (unsigned size = 0; size < 4; size++) {
                unsigned bits = 8u << size;
                uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;
                uint64_t vle = le & m, vbe = bits == 64 ? be : be >> (64 - bits);
                uint64_t sle = (vle >> (bits - 1)) & 1 ? vle | ~m : vle;
                uint64_t sbe = (vbe >> (bits - 1)) & 1 ? vbe | ~m : vbe;
                g_assert_cmphex(mem_load_all(IR_I64, size, addr), ==, vle);
                g_assert_cmphex(mem_load_all(IR_I64, size | IR_MO_BE, addr), ==, vbe);
                g_assert_cmphex(mem_load_all(IR_I64, size | IR_MO_SIGN, addr), ==, sle);
                g_assert_cmphex(mem_load_all(IR_I64, size | IR_MO_SIGN | IR_MO_BE, addr), ==, sbe);
                if (bits <= 32) {
                    g_assert_cmphex(mem_load_all(IR_I32, size, addr), ==, vle);
                    g_assert_cmphex(mem_load_all(IR_I32, size | IR_MO_BE, addr), ==, vbe);
                    g_assert_cmphex(mem_load_all(IR_I32, size | IR_MO_SIGN, addr), ==, (uint32_t)sle);
                    g_assert_cmphex(mem_load_all(IR_I32, size | IR_MO_SIGN | IR_MO_BE, addr), ==,
                                    (uint32_t)sbe);
                }
            }
        }
    /* an i32 address is a 32-bit guest address: guest_base + zero-extended */
    bt_mem[0x200] = 0x5a;
    g_assert_cmphex(mem_load(IR_I32, IR_MO_8, 0xffffffff00000200ull, false, false), ==, 0x5a);
    g_assert_cmphex(mem_load(IR_I32, IR_MO_8, 0xffffffff00000200ull, false, true), ==, 0x5a);
}

static void test_stores(void)
{
    static const uint64_t values[] = {0x1122334455667788ull, 0x8899aabbccddeeffull};
    for (size_t vi = 0; vi < G_N_ELEMENTS(values); vi++)
        for (unsigned size = 0; size < 4; size++)
            for (int be_order = 0; be_order < 2; be_order++)
                for (int wide = 0; wide < 2; wide++)
                    for (int variant = 0; variant < 4; variant++) {
                        IrType t = wide ? IR_I64 : IR_I32;
                        if (size == 3 && !wide)
                            continue;
                        uint64_t v = values[vi] & bt_mask(t);
                        unsigned n = 1u << size;
                        memset(bt_mem + 0x300, 0xee, 16);
                        mem_store(t, size | (be_order ? IR_MO_BE : 0), 0x301, v, variant & 1, variant & 2);
                        for (unsigned k = 0; k < n; k++) {
                            uint8_t want =
                                be_order ? (uint8_t)(v >> (8 * (n - 1 - k))) : (uint8_t)(v >> (8 * k));
                            g_assert_cmphex(bt_mem[0x301 + k], ==, want);
                        }
                        g_assert_cmphex(bt_mem[0x300], ==, 0xee);
                        g_assert_cmphex(bt_mem[0x301 + n], ==, 0xee);
                    }
    /* an i32 address wraps into the 32-bit guest space */
    memset(bt_mem + 0x300, 0, 8);
    mem_store(IR_I32, IR_MO_32 | IR_MO_BE, 0xffffffff00000300ull, 0xa1b2c3d4u, false, false);
    g_assert_cmphex(bt_mem[0x300], ==, 0xa1);
    g_assert_cmphex(bt_mem[0x303], ==, 0xd4);
}

/* cmpxchg at addr with the model computed here: compare the low `size`
 * bytes of expect with memory in the memop's byte order; on a match store
 * the low bytes of newv; return the old value extended as a load would. */
static void check_cmpxchg(IrType t, IrMemop mo, uint64_t expect, uint64_t newv, bool consts)
{
    const uint64_t addr = 0x400;
    unsigned n = 1u << (mo & IR_MO_SIZE), bits = 8 * n;
    uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint8_t before[8];
    memcpy(before, bt_mem + addr, 8);
    uint64_t old = 0;
    for (unsigned k = 0; k < n; k++)
        old |= (uint64_t)before[(mo & IR_MO_BE) ? n - 1 - k : k] << (8 * k);
    bool match = old == (expect & m);
    uint64_t want = (mo & IR_MO_SIGN) && (old >> (bits - 1) & 1) ? old | ~m : old;

    bt_reset();
    bt_cpu.r[1] = addr;
    bt_cpu.r[2] = expect;
    bt_cpu.r[3] = newv;
    IrBlock *b = bt_block(0x1000);
    IrTemp a = bt_operand(b, IR_I32, 1, consts);
    IrTemp e = bt_operand(b, t, 2, consts), nv = bt_operand(b, t, 3, consts);
    IrTemp got = ir_cmpxchg(b, mo, a, e, nv);
    ir_fence(b);
    ir_st_env(b, t, OFF_R(4), e); /* expected and new value stay live */
    ir_st_env(b, t, OFF_R(5), nv);
    bt_finish(b, got);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmphex(bt_cpu.r[0] & bt_mask(t), ==, want & bt_mask(t));
    g_assert_cmphex(bt_cpu.r[4] & bt_mask(t), ==, expect & bt_mask(t));
    g_assert_cmphex(bt_cpu.r[5] & bt_mask(t), ==, newv & bt_mask(t));
    for (unsigned k = 0; k < 8; k++) {
        unsigned shift = 8 * ((mo & IR_MO_BE) ? n - 1 - k : k);
        uint8_t w = match && k < n ? (uint8_t)(newv >> shift) : before[k];
        g_assert_cmphex(bt_mem[addr + k], ==, w);
    }
}

static void test_cmpxchg(void)
{
    static const uint8_t start[8] = {0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x91};
    for (unsigned size = 0; size < 4; size++)
        for (unsigned mo_bits = 0; mo_bits < 4; mo_bits++)
            for (int wide = 0; wide < 2; wide++)
                for (int consts = 0; consts < 2; consts++) {
                    IrType t = wide ? IR_I64 : IR_I32;
                    if (size == 3 && !wide)
                        continue;
                    IrMemop mo =
                        (IrMemop)(size | ((mo_bits & 1) ? IR_MO_BE : 0) | ((mo_bits & 2) ? IR_MO_SIGN : 0));
                    unsigned n = 1u << size;
                    uint64_t le = 0, be_val = 0;
                    for (unsigned k = 0; k < n; k++) {
                        le |= (uint64_t)start[k] << (8 * k);
                        be_val = be_val << 8 | start[k];
                    }
                    uint64_t cur = (mo & IR_MO_BE) ? be_val : le;
                    /* a match, a match with other bits above the size, a miss */
                    memcpy(bt_mem + 0x400, start, 8);
                    check_cmpxchg(t, mo, cur, 0xa5b6c7d8e9fa0b1cull, consts);
                    memcpy(bt_mem + 0x400, start, 8);
                    check_cmpxchg(t, mo, cur | (n < 8 ? ~0ull << (8 * n) : 0), 0x0102030405060708ull, consts);
                    memcpy(bt_mem + 0x400, start, 8);
                    check_cmpxchg(t, mo, cur ^ 1, 0x1111111111111111ull, consts);
                }
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
#ifdef MORPH_HAVE_JIT
    g_assert_true(backend_by_name("jit") == &backend_jit);
    g_assert_true(def == &backend_jit); /* the JIT is the default where it is built */
#endif
}

static const BackendTest tests[] = {
    {"const_mov", test_const_mov},     {"add_sub_mul", test_add_sub_mul}, {"div_rem", test_div_rem},
    {"logic", test_logic},             {"shifts", test_shifts},           {"widths", test_widths},
    {"bitfields", test_bitfields},     {"addc", test_addc},               {"conditions", test_conditions},
    {"loads", test_loads},             {"stores", test_stores},           {"cmpxchg", test_cmpxchg},
};

int main(int argc, char **argv)
{
    bt_init(&argc, &argv);
    bt_add(tests, G_N_ELEMENTS(tests));
    g_test_add_func("/backend/by_name", test_backend_by_name);
    return bt_run();
}
