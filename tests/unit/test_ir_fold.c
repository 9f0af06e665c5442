/* tests/unit/test_ir_fold.c — opt_fold: every integer op on constant
 * operands folds to the value plain C arithmetic gives under the rules of
 * ops.def (the oracle below is written with C's own int32_t/uint64_t
 * operators, independently of the pass), algebraic identities, and the
 * limits of propagation (labels, redefinitions, floats). */
#include <glib.h>
#include <string.h>

#include "ir/ir.h"
#include "ir/opt.h"

static const uint64_t vals[] = {
    0, 1, 2, 3, 5, 7, 8, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000,
    0xffff, 0x12345678, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
    0x100000000ull, 0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xfffffffffffffffeull, 0xffffffffffffffffull, 0xfedcba9876543210ull,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

/* ---- the oracle: plain C, per width ---------------------------------- */

static uint32_t clz32(uint32_t a) { return a ? (uint32_t)__builtin_clz(a) : 32; }
static uint64_t clz64(uint64_t a) { return a ? (uint64_t)__builtin_clzll(a) : 64; }
static uint32_t ctz32(uint32_t a) { return a ? (uint32_t)__builtin_ctz(a) : 32; }
static uint64_t ctz64(uint64_t a) { return a ? (uint64_t)__builtin_ctzll(a) : 64; }

static uint64_t oracle32(IrOpcode op, uint32_t a, uint32_t b)
{
    int32_t sa = (int32_t)a, sb = (int32_t)b;
    switch (op) {
    case IR_OP_add: return (uint32_t)(a + b);
    case IR_OP_sub: return (uint32_t)(a - b);
    case IR_OP_mul: return (uint32_t)(a * b);
    case IR_OP_mulhs: return (uint32_t)(((int64_t)sa * sb) >> 32);
    case IR_OP_mulhu: return (uint32_t)(((uint64_t)a * b) >> 32);
    case IR_OP_divs: return b == 0 ? 0 : (sa == INT32_MIN && sb == -1) ? (uint32_t)INT32_MIN : (uint32_t)(sa / sb);
    case IR_OP_divu: return b == 0 ? 0 : a / b;
    case IR_OP_rems: return b == 0 ? a : (sa == INT32_MIN && sb == -1) ? 0 : (uint32_t)(sa % sb);
    case IR_OP_remu: return b == 0 ? a : a % b;
    case IR_OP_and: return a & b;
    case IR_OP_or: return a | b;
    case IR_OP_xor: return a ^ b;
    case IR_OP_andc: return a & ~b;
    case IR_OP_orc: return (uint32_t)(a | ~b);
    case IR_OP_shl: return (uint32_t)(a << (b & 31));
    case IR_OP_shr: return a >> (b & 31);
    case IR_OP_sar: return (uint32_t)(sa >> (b & 31));
    case IR_OP_rotl: return (uint32_t)((a << (b & 31)) | (a >> ((32 - (b & 31)) & 31)));
    case IR_OP_rotr: return (uint32_t)((a >> (b & 31)) | (a << ((32 - (b & 31)) & 31)));
    case IR_OP_not: return (uint32_t)~a;
    case IR_OP_neg: return (uint32_t)-a;
    case IR_OP_sext8: return (uint32_t)(int32_t)(int8_t)a;
    case IR_OP_sext16: return (uint32_t)(int32_t)(int16_t)a;
    case IR_OP_zext8: return (uint8_t)a;
    case IR_OP_zext16: return (uint16_t)a;
    case IR_OP_bswap16: return (uint32_t)((a & 0xff) << 8 | ((a >> 8) & 0xff));
    case IR_OP_bswap32: return ((a & 0xff) << 24) | ((a & 0xff00) << 8) | ((a >> 8) & 0xff00) | (a >> 24);
    case IR_OP_clz: return clz32(a);
    case IR_OP_ctz: return ctz32(a);
    case IR_OP_popcnt: { uint32_t n = 0; for (uint32_t x = a; x; x &= x - 1) n++; return n; }
    default: g_assert_not_reached();
    }
}

static uint64_t oracle64(IrOpcode op, uint64_t a, uint64_t b)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    switch (op) {
    case IR_OP_add: return a + b;
    case IR_OP_sub: return a - b;
    case IR_OP_mul: return a * b;
    case IR_OP_mulhs: return (uint64_t)(((__int128)sa * sb) >> 64);
    case IR_OP_mulhu: return (uint64_t)(((unsigned __int128)a * b) >> 64);
    case IR_OP_divs: return b == 0 ? 0 : (sa == INT64_MIN && sb == -1) ? (uint64_t)INT64_MIN : (uint64_t)(sa / sb);
    case IR_OP_divu: return b == 0 ? 0 : a / b;
    case IR_OP_rems: return b == 0 ? a : (sa == INT64_MIN && sb == -1) ? 0 : (uint64_t)(sa % sb);
    case IR_OP_remu: return b == 0 ? a : a % b;
    case IR_OP_and: return a & b;
    case IR_OP_or: return a | b;
    case IR_OP_xor: return a ^ b;
    case IR_OP_andc: return a & ~b;
    case IR_OP_orc: return a | ~b;
    case IR_OP_shl: return a << (b & 63);
    case IR_OP_shr: return a >> (b & 63);
    case IR_OP_sar: return (uint64_t)(sa >> (b & 63));
    case IR_OP_rotl: return (a << (b & 63)) | (a >> ((64 - (b & 63)) & 63));
    case IR_OP_rotr: return (a >> (b & 63)) | (a << ((64 - (b & 63)) & 63));
    case IR_OP_not: return ~a;
    case IR_OP_neg: return -a;
    case IR_OP_sext8: return (uint64_t)(int64_t)(int8_t)a;
    case IR_OP_sext16: return (uint64_t)(int64_t)(int16_t)a;
    case IR_OP_sext32: return (uint64_t)(int64_t)(int32_t)a;
    case IR_OP_zext8: return (uint8_t)a;
    case IR_OP_zext16: return (uint16_t)a;
    case IR_OP_zext32: return (uint32_t)a;
    case IR_OP_bswap16: return (a & 0xff) << 8 | ((a >> 8) & 0xff);
    case IR_OP_bswap32: return __builtin_bswap32((uint32_t)a);
    case IR_OP_bswap64: { uint64_t r = 0; for (int i = 0; i < 8; i++) r = r << 8 | ((a >> (8 * i)) & 0xff); return r; }
    case IR_OP_clz: return clz64(a);
    case IR_OP_ctz: return ctz64(a);
    case IR_OP_popcnt: { uint64_t n = 0; for (uint64_t x = a; x; x &= x - 1) n++; return n; }
    default: g_assert_not_reached();
    }
}

/* ---- running the pass on one op ------------------------------------- */

/* Folds `op` over constant operands (n of them); returns the constant the
 * result temp(s) got. Fails the test if a result is not a const. */
static void fold_insn(IrInsn proto, IrType rtype, const uint64_t *args, unsigned n,
                      uint64_t *out, unsigned nout)
{
    IrBlock b;
    ir_block_init(&b, 0, 0);
    IrType at = proto.op == IR_OP_ext_i32s || proto.op == IR_OP_ext_i32u ? IR_I32
               : proto.op == IR_OP_trunc_i64 ? IR_I64 : (IrType)proto.type;
    for (unsigned i = 0; i < n; i++)
        proto.use[i] = ir_const(&b, at, args[i]);
    for (unsigned i = 0; i < nout; i++)
        proto.def[i] = ir_new_temp(&b, rtype);
    ir_emit(&b, proto);
    for (unsigned i = 0; i < nout; i++)
        ir_st_env(&b, rtype, 8 * i, proto.def[i]);
    ir_exit(&b, 0);
    char err[200];
    g_assert_true(ir_verify(&b, err, sizeof(err)));
    opt_fold(&b);
    g_assert_true(ir_verify(&b, err, sizeof(err)));
    for (unsigned k = 0; k < nout; k++) {
        bool found = false;
        for (uint32_t i = 0; i < b.ninsns; i++) {
            if (b.insns[i].def[0] == proto.def[k] && b.insns[i].op != IR_OP_st_env) {
                if (b.insns[i].op != IR_OP_const) {
                    ir_dump(&b, stderr);
                    g_error("%s did not fold", ir_op_info[proto.op].name);
                }
                out[k] = (uint64_t)b.insns[i].imm;
                found = true;
            }
        }
        g_assert_true(found);
    }
    ir_block_free(&b);
}

static uint64_t fold2(IrOpcode op, IrType t, uint64_t a, uint64_t c)
{
    uint64_t args[2] = {a, c}, r = 0;
    fold_insn((IrInsn){.op = op, .type = t}, t, args, ir_op_info[op].nuse, &r, 1);
    return r;
}

static void check(IrOpcode op, IrType t, uint64_t a, uint64_t c, uint64_t got, uint64_t want)
{
    if (got != want)
        g_error("%s.%s 0x%llx, 0x%llx: folded 0x%llx, C says 0x%llx", ir_op_info[op].name,
                ir_type_name(t), (unsigned long long)a, (unsigned long long)c,
                (unsigned long long)got, (unsigned long long)want);
}

static const IrOpcode binops[] = {
    IR_OP_add, IR_OP_sub, IR_OP_mul, IR_OP_mulhs, IR_OP_mulhu, IR_OP_divs, IR_OP_divu,
    IR_OP_rems, IR_OP_remu, IR_OP_and, IR_OP_or, IR_OP_xor, IR_OP_andc, IR_OP_orc,
    IR_OP_shl, IR_OP_shr, IR_OP_sar, IR_OP_rotl, IR_OP_rotr,
};
static const IrOpcode unops[] = {
    IR_OP_not, IR_OP_neg, IR_OP_sext8, IR_OP_sext16, IR_OP_zext8, IR_OP_zext16,
    IR_OP_bswap16, IR_OP_bswap32, IR_OP_clz, IR_OP_ctz, IR_OP_popcnt,
};

static void test_binary(void)
{
    for (size_t o = 0; o < G_N_ELEMENTS(binops); o++)
        for (size_t i = 0; i < NVALS; i++)
            for (size_t j = 0; j < NVALS; j++) {
                uint32_t a32 = (uint32_t)vals[i], b32 = (uint32_t)vals[j];
                check(binops[o], IR_I32, a32, b32, fold2(binops[o], IR_I32, a32, b32),
                      oracle32(binops[o], a32, b32));
                check(binops[o], IR_I64, vals[i], vals[j], fold2(binops[o], IR_I64, vals[i], vals[j]),
                      oracle64(binops[o], vals[i], vals[j]));
            }
}

static void test_unary(void)
{
    for (size_t o = 0; o < G_N_ELEMENTS(unops); o++)
        for (size_t i = 0; i < NVALS; i++) {
            uint32_t a32 = (uint32_t)vals[i];
            check(unops[o], IR_I32, a32, 0, fold2(unops[o], IR_I32, a32, 0), oracle32(unops[o], a32, 0));
            check(unops[o], IR_I64, vals[i], 0, fold2(unops[o], IR_I64, vals[i], 0),
                  oracle64(unops[o], vals[i], 0));
        }
    static const IrOpcode only64[] = {IR_OP_sext32, IR_OP_zext32, IR_OP_bswap64};
    for (size_t o = 0; o < G_N_ELEMENTS(only64); o++)
        for (size_t i = 0; i < NVALS; i++)
            check(only64[o], IR_I64, vals[i], 0, fold2(only64[o], IR_I64, vals[i], 0),
                  oracle64(only64[o], vals[i], 0));
}

static void test_edge_cases(void)
{
    /* the rules of ops.def, spelled out */
    g_assert_cmphex(fold2(IR_OP_divu, IR_I32, 7, 0), ==, 0);
    g_assert_cmphex(fold2(IR_OP_remu, IR_I64, 7, 0), ==, 7);
    g_assert_cmphex(fold2(IR_OP_divs, IR_I32, 0x80000000, 0xffffffff), ==, 0x80000000);
    g_assert_cmphex(fold2(IR_OP_rems, IR_I32, 0x80000000, 0xffffffff), ==, 0);
    g_assert_cmphex(fold2(IR_OP_divs, IR_I64, 0x8000000000000000ull, ~0ull), ==, 0x8000000000000000ull);
    g_assert_cmphex(fold2(IR_OP_rems, IR_I64, 0x8000000000000000ull, ~0ull), ==, 0);
    g_assert_cmphex(fold2(IR_OP_rems, IR_I32, (uint32_t)-7, 2), ==, (uint32_t)-1);
    g_assert_cmphex(fold2(IR_OP_shl, IR_I32, 1, 33), ==, 2);
    g_assert_cmphex(fold2(IR_OP_shl, IR_I64, 1, 65), ==, 2);
    g_assert_cmphex(fold2(IR_OP_sar, IR_I32, 0x80000000, 31), ==, 0xffffffff);
    g_assert_cmphex(fold2(IR_OP_add, IR_I32, 0xffffffff, 1), ==, 0);
    g_assert_cmphex(fold2(IR_OP_clz, IR_I32, 0, 0), ==, 32);
    g_assert_cmphex(fold2(IR_OP_ctz, IR_I64, 0, 0), ==, 64);
    g_assert_cmphex(fold2(IR_OP_bswap16, IR_I32, 0x11223344, 0), ==, 0x4433);
}

static void test_widths(void)
{
    uint64_t r, a;
    for (size_t i = 0; i < NVALS; i++) {
        a = (uint32_t)vals[i];
        fold_insn((IrInsn){.op = IR_OP_ext_i32s, .type = IR_I64}, IR_I64, &a, 1, &r, 1);
        g_assert_cmphex(r, ==, (uint64_t)(int64_t)(int32_t)a);
        fold_insn((IrInsn){.op = IR_OP_ext_i32u, .type = IR_I64}, IR_I64, &a, 1, &r, 1);
        g_assert_cmphex(r, ==, (uint64_t)(uint32_t)a);
        a = vals[i];
        fold_insn((IrInsn){.op = IR_OP_trunc_i64, .type = IR_I32}, IR_I32, &a, 1, &r, 1);
        g_assert_cmphex(r, ==, (uint32_t)a);
    }
}

static void test_bitfields(void)
{
    static const unsigned fields[][2] = {{0, 1}, {0, 8}, {4, 8}, {31, 1}, {16, 16}, {0, 32}, {3, 29}, {32, 32}, {0, 64}, {63, 1}, {8, 40}};
    for (size_t f = 0; f < G_N_ELEMENTS(fields); f++) {
        unsigned pos = fields[f][0], len = fields[f][1];
        for (int t = IR_I32; t <= IR_I64; t++) {
            unsigned w = t == IR_I32 ? 32 : 64;
            if (pos + len > w)
                continue;
            uint64_t wmask = w == 32 ? 0xffffffffu : ~0ull;
            uint64_t lmask = len == 64 ? ~0ull : (1ull << len) - 1;
            for (size_t i = 0; i < NVALS; i++)
                for (size_t j = 0; j < NVALS; j += 3) {
                    uint64_t a = vals[i] & wmask, c = vals[j] & wmask, r;
                    uint64_t args[2] = {a, c};
                    IrInsn p = {.op = IR_OP_extract, .type = (uint8_t)t, .imm = pos | len << 8};
                    fold_insn(p, (IrType)t, args, 1, &r, 1);
                    uint64_t field = (a >> pos) & lmask;
                    g_assert_cmphex(r, ==, field);
                    p.op = IR_OP_sextract;
                    fold_insn(p, (IrType)t, args, 1, &r, 1);
                    uint64_t sfield = (field >> (len - 1)) & 1 ? field | ~lmask : field;
                    g_assert_cmphex(r, ==, sfield & wmask);
                    p.op = IR_OP_deposit;
                    fold_insn(p, (IrType)t, args, 2, &r, 1);
                    g_assert_cmphex(r, ==, ((a & ~(lmask << pos)) | ((c & lmask) << pos)) & wmask);
                }
        }
    }
}

static void test_addc(void)
{
    for (size_t i = 0; i < NVALS; i++)
        for (size_t j = 0; j < NVALS; j++)
            for (uint64_t cin = 0; cin <= 1; cin++) {
                uint64_t r[2];
                uint32_t a = (uint32_t)vals[i], c = (uint32_t)vals[j];
                uint64_t args[3] = {a, c, cin};
                fold_insn((IrInsn){.op = IR_OP_addc, .type = IR_I32}, IR_I32, args, 3, r, 2);
                uint32_t s1 = a + c, s2 = s1 + (uint32_t)cin;
                g_assert_cmphex(r[0], ==, s2);
                g_assert_cmphex(r[1], ==, (uint64_t)(s1 < a || s2 < s1));
                uint64_t a64 = vals[i], c64 = vals[j];
                uint64_t args64[3] = {a64, c64, cin};
                fold_insn((IrInsn){.op = IR_OP_addc, .type = IR_I64}, IR_I64, args64, 3, r, 2);
                uint64_t t1 = a64 + c64, t2 = t1 + cin;
                g_assert_cmphex(r[0], ==, t2);
                g_assert_cmphex(r[1], ==, (uint64_t)(t1 < a64 || t2 < t1));
            }
}

static bool cond32(IrCond c, uint32_t a, uint32_t b)
{
    int32_t sa = (int32_t)a, sb = (int32_t)b;
    bool r[] = {a == b, a != b, sa < sb, sa >= sb, sa <= sb, sa > sb, a < b, a >= b, a <= b, a > b};
    return r[c];
}

static bool cond64(IrCond c, uint64_t a, uint64_t b)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    bool r[] = {a == b, a != b, sa < sb, sa >= sb, sa <= sb, sa > sb, a < b, a >= b, a <= b, a > b};
    return r[c];
}

static void test_conditions(void)
{
    for (int cc = 0; cc < IR_NCONDS; cc++)
        for (size_t i = 0; i < NVALS; i++)
            for (size_t j = 0; j < NVALS; j++) {
                uint64_t r;
                uint32_t a = (uint32_t)vals[i], c = (uint32_t)vals[j];
                uint64_t args[4] = {a, c, 111, 222};
                IrInsn p = {.op = IR_OP_setcond, .type = IR_I32, .aux = (uint8_t)cc};
                fold_insn(p, IR_I32, args, 2, &r, 1);
                g_assert_cmpuint(r, ==, cond32((IrCond)cc, a, c));
                p.op = IR_OP_movcond;
                fold_insn(p, IR_I32, args, 4, &r, 1);
                g_assert_cmpuint(r, ==, cond32((IrCond)cc, a, c) ? 111 : 222);
                uint64_t args64[4] = {vals[i], vals[j], 111, 222};
                p = (IrInsn){.op = IR_OP_setcond, .type = IR_I64, .aux = (uint8_t)cc};
                fold_insn(p, IR_I64, args64, 2, &r, 1);
                g_assert_cmpuint(r, ==, cond64((IrCond)cc, vals[i], vals[j]));
            }
}

/* ---- algebra and propagation limits --------------------------------- */

static IrBlock blk;
static const IrInsn *def_of(IrTemp t)
{
    for (uint32_t i = blk.ninsns; i-- > 0;)
        if (blk.insns[i].def[0] == t && blk.insns[i].op != IR_OP_st_env)
            return &blk.insns[i];
    return NULL;
}

/* x OP k with x unknown: returns the rewritten defining insn of the result. */
static const IrInsn *simplify(IrOpcode op, IrType t, uint64_t k, bool const_first)
{
    ir_block_init(&blk, 0, 0);
    IrTemp x = ir_ld_env(&blk, t, 0);
    IrTemp kt = ir_const(&blk, t, k);
    IrTemp r = const_first ? ir_op2(&blk, op, kt, x) : ir_op2(&blk, op, x, kt);
    ir_st_env(&blk, t, 8, r);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_true(ir_verify(&blk, NULL, 0));
    return def_of(r);
}

static void expect_mov_of_x(const IrInsn *in)
{
    g_assert_cmpint(in->op, ==, IR_OP_mov);
    g_assert_cmpuint(in->use[0], ==, 1); /* x is t1 */
    ir_block_free(&blk);
}

static void expect_const(const IrInsn *in, uint64_t v)
{
    g_assert_cmpint(in->op, ==, IR_OP_const);
    g_assert_cmphex((uint64_t)in->imm, ==, v);
    ir_block_free(&blk);
}

static void expect_op_k(const IrInsn *in, IrOpcode op, uint64_t k)
{
    g_assert_cmpint(in->op, ==, op);
    g_assert_cmpuint(in->use[0], ==, 1);
    const IrInsn *kd = def_of(in->use[1]);
    g_assert_cmpint(kd->op, ==, IR_OP_const);
    g_assert_cmphex((uint64_t)kd->imm, ==, k);
    ir_block_free(&blk);
}

static void test_algebra(void)
{
    expect_mov_of_x(simplify(IR_OP_add, IR_I32, 0, false));
    expect_mov_of_x(simplify(IR_OP_add, IR_I64, 0, true));
    expect_mov_of_x(simplify(IR_OP_sub, IR_I32, 0, false));
    expect_mov_of_x(simplify(IR_OP_or, IR_I32, 0, true));
    expect_mov_of_x(simplify(IR_OP_xor, IR_I64, 0, false));
    expect_mov_of_x(simplify(IR_OP_mul, IR_I32, 1, true));
    expect_mov_of_x(simplify(IR_OP_and, IR_I32, 0xffffffff, false));
    expect_mov_of_x(simplify(IR_OP_and, IR_I64, ~0ull, false));
    expect_mov_of_x(simplify(IR_OP_shl, IR_I32, 32, false)); /* count mod 32 = 0 */
    expect_mov_of_x(simplify(IR_OP_sar, IR_I64, 0, false));
    expect_mov_of_x(simplify(IR_OP_divu, IR_I32, 1, false));
    expect_mov_of_x(simplify(IR_OP_divs, IR_I64, 1, false));
    expect_mov_of_x(simplify(IR_OP_remu, IR_I32, 0, false)); /* rem by 0 = dividend */
    expect_const(simplify(IR_OP_and, IR_I32, 0, true), 0);
    expect_const(simplify(IR_OP_mul, IR_I64, 0, false), 0);
    expect_const(simplify(IR_OP_or, IR_I32, 0xffffffff, false), 0xffffffff);
    expect_const(simplify(IR_OP_divu, IR_I32, 0, false), 0); /* div by 0 = 0 */
    expect_const(simplify(IR_OP_shl, IR_I32, 0, true), 0);
    expect_op_k(simplify(IR_OP_mul, IR_I32, 8, false), IR_OP_shl, 3);
    expect_op_k(simplify(IR_OP_mul, IR_I64, 1ull << 40, true), IR_OP_shl, 40);
    expect_op_k(simplify(IR_OP_divu, IR_I64, 16, false), IR_OP_shr, 4);
    expect_op_k(simplify(IR_OP_remu, IR_I32, 16, false), IR_OP_and, 15);

    const IrInsn *in = simplify(IR_OP_and, IR_I32, 0xff, false);
    g_assert_cmpint(in->op, ==, IR_OP_zext8);
    ir_block_free(&blk);
    in = simplify(IR_OP_and, IR_I64, 0xffff, true);
    g_assert_cmpint(in->op, ==, IR_OP_zext16);
    ir_block_free(&blk);
    in = simplify(IR_OP_and, IR_I64, 0xffffffff, false);
    g_assert_cmpint(in->op, ==, IR_OP_zext32);
    ir_block_free(&blk);
    in = simplify(IR_OP_sub, IR_I32, 0, true);
    g_assert_cmpint(in->op, ==, IR_OP_neg);
    ir_block_free(&blk);
    /* signed division by a power of two is not a shift */
    in = simplify(IR_OP_divs, IR_I32, 4, false);
    g_assert_cmpint(in->op, ==, IR_OP_divs);
    ir_block_free(&blk);

    /* x - x, x ^ x */
    ir_block_init(&blk, 0, 0);
    IrTemp x = ir_ld_env(&blk, IR_I32, 0);
    IrTemp r1 = ir_sub(&blk, x, x), r2 = ir_xor(&blk, x, x), r3 = ir_and(&blk, x, x);
    ir_st_env(&blk, IR_I32, 4, r1);
    ir_st_env(&blk, IR_I32, 8, r2);
    ir_st_env(&blk, IR_I32, 12, r3);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpint(def_of(r1)->op, ==, IR_OP_const);
    g_assert_cmpint(def_of(r2)->op, ==, IR_OP_const);
    g_assert_cmpint(def_of(r3)->op, ==, IR_OP_mov);
    ir_block_free(&blk);
}

/* Constant offsets gather: (x + 3) + 5 = x + 8, (x + 3) - 3 = x; not once
 * x was redefined between the two. */
static void test_offset_chains(void)
{
    ir_block_init(&blk, 0, 0);
    IrTemp x = ir_ld_env(&blk, IR_I32, 0);
    IrTemp a = ir_add(&blk, x, ir_const(&blk, IR_I32, 3));
    IrTemp b = ir_add(&blk, a, ir_const(&blk, IR_I32, 5));
    IrTemp back = ir_sub(&blk, a, ir_const(&blk, IR_I32, 3));
    IrTemp wrap = ir_add(&blk, a, ir_const(&blk, IR_I32, 0xfffffffd)); /* 3 + -3 mod 2^32 */
    ir_mov_to(&blk, x, ir_ld_env(&blk, IR_I32, 16));
    IrTemp late = ir_add(&blk, a, ir_const(&blk, IR_I32, 1));
    ir_st_env(&blk, IR_I32, 4, b);
    ir_st_env(&blk, IR_I32, 8, back);
    ir_st_env(&blk, IR_I32, 12, wrap);
    ir_st_env(&blk, IR_I32, 20, late);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    const IrInsn *in = def_of(b);
    g_assert_cmpint(in->op, ==, IR_OP_add);
    g_assert_cmpuint(in->use[0], ==, x);
    g_assert_cmpint(def_of(in->use[1])->imm, ==, 8);
    g_assert_cmpint(def_of(back)->op, ==, IR_OP_mov);
    g_assert_cmpuint(def_of(back)->use[0], ==, x);
    g_assert_cmpint(def_of(wrap)->op, ==, IR_OP_mov);
    in = def_of(late); /* x changed: a + 1 stays an add of a */
    g_assert_cmpint(in->op, ==, IR_OP_add);
    g_assert_cmpuint(in->use[0], ==, a);
    ir_block_free(&blk);
}

static void test_propagation(void)
{
    /* chains fold through; mov of a const becomes a const */
    ir_block_init(&blk, 0, 0);
    IrTemp a = ir_const32(&blk, 6);
    IrTemp m = ir_mov(&blk, a);
    IrTemp s = ir_addi(&blk, m, 4);
    IrTemp p = ir_shli(&blk, s, 2);
    ir_st_env(&blk, IR_I32, 0, p);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpint(def_of(m)->op, ==, IR_OP_const);
    expect_const(def_of(p), 40);

    /* a redefinition by ir_mov_to makes the temp unknown again */
    ir_block_init(&blk, 0, 0);
    IrTemp t = ir_const32(&blk, 5);
    IrTemp e = ir_ld_env(&blk, IR_I32, 0);
    ir_mov_to(&blk, t, e);
    IrTemp r = ir_addi(&blk, t, 1);
    ir_st_env(&blk, IR_I32, 0, r);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpint(def_of(r)->op, ==, IR_OP_add);
    ir_block_free(&blk);

    /* no facts cross a label */
    ir_block_init(&blk, 0, 0);
    IrLabel l = ir_new_label(&blk);
    t = ir_const32(&blk, 5);
    ir_label(&blk, l);
    r = ir_addi(&blk, t, 1);
    ir_st_env(&blk, IR_I32, 0, r);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpint(def_of(r)->op, ==, IR_OP_add);
    ir_block_free(&blk);

    /* float arithmetic is left alone; fneg of a constant is a bit flip */
    ir_block_init(&blk, 0, 0);
    IrTemp f1 = ir_const_f64(&blk, 1.0), f2 = ir_const_f64(&blk, 3.0);
    IrTemp q = ir_op2(&blk, IR_OP_fdiv, f1, f2);
    IrTemp n = ir_op1(&blk, IR_OP_fneg, f1);
    IrTemp bits = ir_bitcast(&blk, IR_I64, n);
    ir_st_env(&blk, IR_F64, 0, q);
    ir_st_env(&blk, IR_I64, 8, bits);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpint(def_of(q)->op, ==, IR_OP_fdiv);
    g_assert_cmpint(def_of(n)->op, ==, IR_OP_const);
    expect_const(def_of(bits), 0xbff0000000000000ull);
}

/* ext_i32u/ext_i32s of trunc_i64 x is one zext32/sext32 of x, unless x
 * changed between them. */
static void test_widen_of_narrow(void)
{
    for (int sign = 0; sign <= 1; sign++) {
        ir_block_init(&blk, 0, 0);
        IrTemp x = ir_ld_env(&blk, IR_I64, 0);
        IrTemp n = ir_trunc_i64(&blk, x);
        IrTemp w = sign ? ir_op1(&blk, IR_OP_ext_i32s, n) : ir_ext_i32u(&blk, n);
        ir_st_env(&blk, IR_I64, 8, w);
        ir_exit(&blk, 0);
        opt_fold(&blk);
        g_assert_true(ir_verify(&blk, NULL, 0));
        g_assert_cmpint(def_of(w)->op, ==, sign ? IR_OP_sext32 : IR_OP_zext32);
        g_assert_cmpuint(def_of(w)->use[0], ==, x);
        ir_block_free(&blk);
    }
    ir_block_init(&blk, 0, 0);
    IrTemp x = ir_ld_env(&blk, IR_I64, 0);
    IrTemp n = ir_trunc_i64(&blk, x);
    ir_mov_to(&blk, x, ir_ld_env(&blk, IR_I64, 16));
    IrTemp w = ir_ext_i32u(&blk, n);
    ir_st_env(&blk, IR_I64, 8, w);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_cmpint(def_of(w)->op, ==, IR_OP_ext_i32u);
    ir_block_free(&blk);

    /* a 32-bit store of trunc_i64 x stores x's low bytes directly */
    ir_block_init(&blk, 0, 0);
    x = ir_ld_env(&blk, IR_I64, 0);
    n = ir_trunc_i64(&blk, x);
    ir_st(&blk, IR_MO_32, ir_const32(&blk, 0x1000), n);
    ir_exit(&blk, 0);
    opt_fold(&blk);
    g_assert_true(ir_verify(&blk, NULL, 0));
    bool wide_store = false;
    for (uint32_t i = 0; i < blk.ninsns; i++)
        wide_store |= blk.insns[i].op == IR_OP_st && blk.insns[i].use[1] == x && blk.insns[i].type == IR_I64;
    g_assert_true(wide_store);
    ir_block_free(&blk);
}

static void test_branches(void)
{
    for (int taken = 0; taken <= 1; taken++) {
        ir_block_init(&blk, 0, 0);
        IrLabel l = ir_new_label(&blk);
        IrTemp a = ir_const32(&blk, 3), c = ir_const32(&blk, taken ? 3 : 4);
        ir_brcond(&blk, IR_EQ, a, c, l);
        ir_st_env(&blk, IR_I32, 0, a);
        ir_label(&blk, l);
        ir_exit(&blk, 0);
        opt_fold(&blk);
        g_assert_true(ir_verify(&blk, NULL, 0));
        bool has_br = false, has_brcond = false;
        for (uint32_t i = 0; i < blk.ninsns; i++) {
            has_br |= blk.insns[i].op == IR_OP_br;
            has_brcond |= blk.insns[i].op == IR_OP_brcond;
        }
        g_assert_false(has_brcond);
        g_assert_cmpint(has_br, ==, taken);
        ir_block_free(&blk);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ir/fold/binary", test_binary);
    g_test_add_func("/ir/fold/unary", test_unary);
    g_test_add_func("/ir/fold/edge_cases", test_edge_cases);
    g_test_add_func("/ir/fold/widths", test_widths);
    g_test_add_func("/ir/fold/bitfields", test_bitfields);
    g_test_add_func("/ir/fold/addc", test_addc);
    g_test_add_func("/ir/fold/conditions", test_conditions);
    g_test_add_func("/ir/fold/algebra", test_algebra);
    g_test_add_func("/ir/fold/offset_chains", test_offset_chains);
    g_test_add_func("/ir/fold/propagation", test_propagation);
    g_test_add_func("/ir/fold/branches", test_branches);
    g_test_add_func("/ir/fold/widen_of_narrow", test_widen_of_narrow);
    return g_test_run();
}
