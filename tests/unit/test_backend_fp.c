/* tests/unit/test_backend_fp.c — the float ops of ir/ops.def on every
 * backend built in (see backend_test.h): arithmetic, min/max in x86
 * order, sqrt, fma's single rounding, compares, conversions between the
 * float widths and to and from integers, bit casts; results and the
 * host's sticky exception flags against the same C expression on the
 * host, in every rounding mode, with NaNs (quiet and signalling),
 * infinities, denormals and signed zeros.
 */
#include <fenv.h>
#include <math.h>

#include "backend_test.h"
#include "util/fbits.h"

/* --- floating point ------------------------------------------------------ */

static double fop2d(IrOpcode op, double a, double c, int *flags)
{
    return f64_of_bits(bt_op2_flags(op, IR_F64, bits_of_f64(a), bits_of_f64(c), flags));
}

static float fop2f(IrOpcode op, float a, float c, int *flags)
{
    return f32_of_bits(bt_op2_flags(op, IR_F32, bits_of_f32(a), bits_of_f32(c), flags));
}

static uint64_t fop1(IrOpcode op, IrType t, uint64_t bits)
{
    return bt_op1(op, t, bits);
}

/* The host's answer and flags for one C expression. Its operands and
 * `var` must be volatile: the compiler then cannot move the arithmetic
 * out from between the two calls that clear and read the flags. */
#define HOST_FP(var, expr, flags_out)              \
    do {                                           \
        feclearexcept(FE_ALL_EXCEPT);              \
        var = (expr);                              \
        flags_out = fetestexcept(FE_ALL_EXCEPT);   \
        feclearexcept(FE_ALL_EXCEPT);              \
    } while (0)

static void check_fop2d(IrOpcode op, double a, double c, double want, int want_flags)
{
    int flags;
    double got = fop2d(op, a, c, &flags);
    g_assert_cmphex(bits_of_f64(got), ==, bits_of_f64(want));
    g_assert_cmphex(flags, ==, want_flags);
}

static void check_fop2f(IrOpcode op, float a, float c, float want, int want_flags)
{
    int flags;
    float got = fop2f(op, a, c, &flags);
    g_assert_cmphex(bits_of_f32(got), ==, bits_of_f32(want));
    g_assert_cmphex(flags, ==, want_flags);
}

/* All binary float ops on every pair, results and sticky flags against
 * the host's own arithmetic, in the current rounding mode. */
static void float_arith_pairs(void)
{
    static const double dv[] = {0.0, -0.0, 1.0, -1.5, 3.25, 1e300, -1e-300, 1.0 / 3.0, INFINITY, -INFINITY,
                                4.9e-324, 2.2250738585072014e-308};
    for (size_t i = 0; i < G_N_ELEMENTS(dv); i++)
        for (size_t j = 0; j < G_N_ELEMENTS(dv); j++) {
            volatile double a = dv[i], c = dv[j];
            volatile float af = (float)dv[i], cf = (float)dv[j];
            volatile double w;
            volatile float wf;
            int fl;
            HOST_FP(w, a + c, fl);
            check_fop2d(IR_OP_fadd, a, c, w, fl);
            HOST_FP(w, a - c, fl);
            check_fop2d(IR_OP_fsub, a, c, w, fl);
            HOST_FP(w, a * c, fl);
            check_fop2d(IR_OP_fmul, a, c, w, fl);
            HOST_FP(w, a / c, fl);
            check_fop2d(IR_OP_fdiv, a, c, w, fl);
            HOST_FP(w, a < c ? a : c, fl);
            check_fop2d(IR_OP_fmin, a, c, w, fl);
            HOST_FP(w, a > c ? a : c, fl);
            check_fop2d(IR_OP_fmax, a, c, w, fl);
            HOST_FP(wf, af + cf, fl);
            check_fop2f(IR_OP_fadd, af, cf, wf, fl);
            HOST_FP(wf, af - cf, fl);
            check_fop2f(IR_OP_fsub, af, cf, wf, fl);
            HOST_FP(wf, af * cf, fl);
            check_fop2f(IR_OP_fmul, af, cf, wf, fl);
            HOST_FP(wf, af / cf, fl);
            check_fop2f(IR_OP_fdiv, af, cf, wf, fl);
            HOST_FP(wf, af < cf ? af : cf, fl);
            check_fop2f(IR_OP_fmin, af, cf, wf, fl);
            HOST_FP(wf, af > cf ? af : cf, fl);
            check_fop2f(IR_OP_fmax, af, cf, wf, fl);
        }
}

/* fma(a, b, c) with a NaN in the operands set in `nans`, signalling
 * where `signalling` says: the first NaN of a, b, c comes out, quieted. */
static void fma_nans(IrType t, unsigned nans, unsigned signalling)
{
    bool wide = t == IR_F64;
    uint64_t quiet = wide ? 0x0008000000000000ull : 0x00400000u;
    uint64_t one = wide ? bits_of_f64(1.0) : bits_of_f32(1.0f);
    uint64_t nan[3];
    bt_reset();
    for (unsigned k = 0; k < 3; k++) {
        nan[k] = (wide ? 0x7ff0000000000100ull : 0x7f800100u) + k; /* payload k, signalling */
        if (!(signalling >> k & 1))
            nan[k] |= quiet;
        bt_cpu.r[1 + k] = nans >> k & 1 ? nan[k] : one;
    }
    IrBlock *b = bt_block(0x1000);
    bt_finish(b, ir_op3(b, IR_OP_fma, ir_ld_env(b, t, OFF_R(1)), ir_ld_env(b, t, OFF_R(2)),
                        ir_ld_env(b, t, OFF_R(3))));
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmphex(bt_cpu.r[0] & bt_mask(t), ==, nan[__builtin_ctz(nans)] | quiet);
}

/* Two NaN operands: the first one comes out, quieted, whichever of them
 * signals (ops.def): SSE's rule (Intel SDM vol. 1, table 4-7) and the
 * order the Power ISA gives (frA before frB), so fadd and fmul are not
 * commutative bit for bit. fma takes the first NaN of a, b, c. */
static void test_two_nans(void)
{
    static const IrOpcode ops[] = {IR_OP_fadd, IR_OP_fsub, IR_OP_fmul, IR_OP_fdiv};
    static const uint64_t nan64[2] = {0x7ff8000000000111ull, 0xfff0000000000222ull}; /* quiet, signalling */
    static const uint64_t nan32[2] = {0x7fc00111u, 0xff800222u};
    static const uint64_t quiet64 = 0x0008000000000000ull, quiet32 = 0x00400000u;
    for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
        for (int first = 0; first < 2; first++) {
            g_assert_cmphex(bt_op2(ops[i], IR_F64, nan64[first], nan64[!first]), ==, nan64[first] | quiet64);
            g_assert_cmphex(bt_op2(ops[i], IR_F32, nan32[first], nan32[!first]), ==, nan32[first] | quiet32);
        }
    for (unsigned wide = 0; wide < 2; wide++)
        for (unsigned nans = 1; nans < 8; nans++)
            for (unsigned signalling = 0; signalling < 8; signalling++)
                fma_nans(wide ? IR_F64 : IR_F32, nans, signalling);
}

static const int rounding_modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};

static void test_float_arith(void)
{
    for (size_t m = 0; m < G_N_ELEMENTS(rounding_modes); m++) {
        fesetround(rounding_modes[m]);
        float_arith_pairs();
    }
    fesetround(FE_TONEAREST);

    /* x86 minsd/maxsd order: NaN or equal operands give the second */
    int fl;
    g_assert_true(isnan(fop2d(IR_OP_fmin, 1.0, NAN, &fl)));
    g_assert_cmphex(fl, ==, FE_INVALID);
    g_assert_cmpfloat(fop2d(IR_OP_fmin, NAN, 1.0, &fl), ==, 1.0);
    g_assert_true(isnan(fop2d(IR_OP_fmax, 1.0, NAN, &fl)));
    g_assert_cmpfloat(fop2d(IR_OP_fmax, NAN, 1.0, &fl), ==, 1.0);
    g_assert_cmphex(bits_of_f64(fop2d(IR_OP_fmin, -0.0, 0.0, &fl)), ==, bits_of_f64(0.0));
    g_assert_cmphex(bits_of_f64(fop2d(IR_OP_fmin, 0.0, -0.0, &fl)), ==, bits_of_f64(-0.0));
    g_assert_cmphex(bits_of_f32(fop2f(IR_OP_fmax, 0.0f, -0.0f, &fl)), ==, bits_of_f32(-0.0f));
    /* fdiv by zero does not trap, it sets the flag */
    g_assert_true(isinf(fop2d(IR_OP_fdiv, 1.0, 0.0, &fl)));
    g_assert_cmphex(fl, ==, FE_DIVBYZERO);
    g_assert_true(isnan(fop2f(IR_OP_fdiv, 0.0f, 0.0f, &fl)));
    g_assert_cmphex(fl, ==, FE_INVALID);
    /* a signalling NaN operand raises invalid and comes out quiet, its
     * payload kept (SSE and the C operators on this host agree) */
    g_assert_cmphex(bt_op2_flags(IR_OP_fadd, IR_F64, 0x7ff0000000000001ull, bits_of_f64(1.0), &fl), ==,
                    0x7ff8000000000001ull);
    g_assert_cmphex(fl, ==, FE_INVALID);
    g_assert_cmphex(bt_op2_flags(IR_OP_fmul, IR_F32, 0x7f800001u, bits_of_f32(2.0f), &fl), ==, 0x7fc00001u);
    g_assert_cmphex(fl, ==, FE_INVALID);

    /* one-operand ops, by bits */
    int sq_flags;
    g_assert_cmpfloat(
        f64_of_bits(bt_op1_imm_flags(IR_OP_fsqrt, IR_F64, IR_F64, bits_of_f64(2.25), 0, &sq_flags)), ==, 1.5);
    g_assert_cmphex(sq_flags, ==, 0);
    g_assert_true(
        isnan(f64_of_bits(bt_op1_imm_flags(IR_OP_fsqrt, IR_F64, IR_F64, bits_of_f64(-1.0), 0, &sq_flags))));
    g_assert_cmphex(sq_flags, ==, FE_INVALID);
    g_assert_cmphex(bt_op1_imm_flags(IR_OP_fsqrt, IR_F64, IR_F64, bits_of_f64(2.0), 0, &sq_flags), ==,
                    bits_of_f64(sqrt(2.0)));
    g_assert_cmphex(sq_flags, ==, FE_INEXACT);
    g_assert_cmphex(bits_of_f64(-0.0), ==, fop1(IR_OP_fsqrt, IR_F64, bits_of_f64(-0.0)));
    g_assert_cmpfloat(f32_of_bits(fop1(IR_OP_fsqrt, IR_F32, bits_of_f32(6.25f))), ==, 2.5f);
    g_assert_cmphex(fop1(IR_OP_fneg, IR_F64, bits_of_f64(1.0)), ==, bits_of_f64(-1.0));
    g_assert_cmphex(fop1(IR_OP_fneg, IR_F64, bits_of_f64(0.0)), ==, bits_of_f64(-0.0));
    g_assert_cmphex(fop1(IR_OP_fneg, IR_F32, 0x7fc00001u), ==, 0xffc00001u); /* NaN payload kept */
    g_assert_cmphex(fop1(IR_OP_fneg, IR_F64, 0x7ff0000000000001ull), ==, 0xfff0000000000001ull);
    g_assert_cmphex(fop1(IR_OP_fabs, IR_F64, bits_of_f64(-3.0)), ==, bits_of_f64(3.0));
    g_assert_cmphex(fop1(IR_OP_fabs, IR_F32, 0xffc00001u), ==, 0x7fc00001u);
    g_assert_cmphex(fop1(IR_OP_fabs, IR_F32, bits_of_f32(-0.0f)), ==, 0);
    g_assert_cmphex(fop1(IR_OP_mov, IR_F64, 0x7ff0000000000001ull), ==,
                    0x7ff0000000000001ull); /* sNaN moves as is */
}

static void test_fma_single_rounding(void)
{
    /* (1 + 2^-27)(1 - 2^-27) = 1 - 2^-54: rounds to 1.0 as a product, so a
     * separate multiply and add gives 0, a fused one -2^-54. */
    double a = 1.0 + ldexp(1.0, -27), c = 1.0 - ldexp(1.0, -27);
    volatile double prod = a * c;
    g_assert_cmpfloat(prod - 1.0, ==, 0.0);
    for (int consts = 0; consts < 2; consts++) {
        bt_reset();
        bt_cpu.r[1] = bits_of_f64(a);
        bt_cpu.r[2] = bits_of_f64(c);
        bt_cpu.r[3] = bits_of_f64(-1.0);
        IrBlock *b = bt_block(0x1000);
        IrTemp x = bt_operand(b, IR_F64, 1, consts), y = bt_operand(b, IR_F64, 2, false),
               z = bt_operand(b, IR_F64, 3, consts);
        ir_st_env(b, IR_F64, OFF_R(4), ir_op2(b, IR_OP_fadd, ir_op2(b, IR_OP_fmul, x, y), z));
        IrTemp fused = ir_op3(b, IR_OP_fma, x, y, z);
        ir_st_env(b, IR_F64, OFF_R(5), z); /* the addend stays live */
        bt_finish(b, fused);
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
        g_assert_cmpfloat(f64_of_bits(bt_cpu.r[0]), ==, -ldexp(1.0, -54));
        g_assert_cmpfloat(f64_of_bits(bt_cpu.r[4]), ==, 0.0);
        g_assert_cmpfloat(f64_of_bits(bt_cpu.r[5]), ==, -1.0);
    }

    /* f32: (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24; minus 1 - 2^-11 leaves 2^-24 only when fused */
    float af = 1.0f + ldexpf(1.0f, -12);
    bt_reset();
    bt_cpu.r[1] = bits_of_f32(af);
    bt_cpu.r[3] = bits_of_f32(-(1.0f + ldexpf(1.0f, -11)));
    IrBlock *b = bt_block(0x1000);
    IrTemp x = ir_ld_env(b, IR_F32, OFF_R(1));
    IrTemp z = ir_ld_env(b, IR_F32, OFF_R(3));
    ir_st_env(b, IR_F32, OFF_R(4), ir_op2(b, IR_OP_fadd, ir_op2(b, IR_OP_fmul, x, x), z));
    bt_finish(b, ir_op3(b, IR_OP_fma, x, x, z));
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmpfloat(f32_of_bits(bt_cpu.r[0]), ==, ldexpf(1.0f, -24));
    g_assert_cmpfloat(f32_of_bits(bt_cpu.r[4]), ==, 0.0f);

    /* against the host's fma, in every rounding mode, with its flags */
    static const double fv[] = {1.0 / 3.0, -3.0, 1e308, 4.9e-324, INFINITY, 0.0, -0.0, 7.0};
    for (size_t m = 0; m < G_N_ELEMENTS(rounding_modes); m++) {
        fesetround(rounding_modes[m]);
        for (size_t i = 0; i < G_N_ELEMENTS(fv); i++)
            for (size_t j = 0; j < G_N_ELEMENTS(fv); j++) {
                volatile double p = fv[i], q = fv[j], s = fv[(i + j) % G_N_ELEMENTS(fv)], want;
                int want_flags;
                HOST_FP(want, fma(p, q, s), want_flags);
                bt_reset();
                bt_cpu.r[1] = bits_of_f64(p);
                bt_cpu.r[2] = bits_of_f64(q);
                bt_cpu.r[3] = bits_of_f64(s);
                b = bt_block(0x1000);
                bt_finish(b, ir_op3(b, IR_OP_fma, ir_ld_env(b, IR_F64, OFF_R(1)),
                                    ir_ld_env(b, IR_F64, OFF_R(2)), ir_ld_env(b, IR_F64, OFF_R(3))));
                g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
                g_assert_cmphex(bt_cpu.r[0], ==, bits_of_f64(want));
                g_assert_cmphex(bt_fp_flags, ==, want_flags);
            }
    }
    fesetround(FE_TONEAREST);
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
                for (int wide = 0; wide < 2; wide++)
                    for (int consts = 0; consts < 2; consts++) {
                        IrType t = wide ? IR_F64 : IR_F32;
                        bt_reset();
                        bt_cpu.r[1] = wide ? bits_of_f64(dv[i]) : bits_of_f32((float)dv[i]);
                        bt_cpu.r[2] = wide ? bits_of_f64(dv[j]) : bits_of_f32((float)dv[j]);
                        IrBlock *b = bt_block(0x1000);
                        IrTemp x = bt_operand(b, t, 1, consts), y = bt_operand(b, t, 2, false);
                        bt_finish(b, ir_fsetcond(b, c, x, y));
                        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
                        g_assert_cmpuint(bt_cpu.r[0], ==, fcond_c(c, dv[i], dv[j]));
                        /* ordered less-than compares signal invalid on a quiet NaN */
                        bool nan = isnan(dv[i]) || isnan(dv[j]);
                        g_assert_cmphex(bt_fp_flags, ==,
                                        nan && (c == IR_FLT || c == IR_FLE) ? FE_INVALID : 0);
                    }
}

static void test_float_conversions(void)
{
    /* f32 <-> f64 */
    g_assert_cmphex(bt_op1_imm(IR_OP_fcvt_f32, IR_F32, IR_F64, bits_of_f32(1.5f), 0), ==, bits_of_f64(1.5));
    g_assert_cmphex(bt_op1_imm(IR_OP_fcvt_f64, IR_F64, IR_F32, bits_of_f64(1.0 / 3.0), 0), ==,
                    bits_of_f32((float)(1.0 / 3.0)));
    g_assert_cmphex(bt_op1_imm(IR_OP_fcvt_f64, IR_F64, IR_F32, bits_of_f64(1e300), 0), ==,
                    bits_of_f32(INFINITY));
    int fl;
    g_assert_cmphex(bt_op1_imm_flags(IR_OP_fcvt_f32, IR_F32, IR_F64, 0x7f800001u, 0, &fl), ==,
                    0x7ff8000020000000ull);
    g_assert_cmphex(fl, ==, FE_INVALID); /* a signalling NaN is quieted */
    g_assert_cmphex(bt_op1_imm_flags(IR_OP_fcvt_f64, IR_F64, IR_F32, 1, 0, &fl), ==, 0);
    g_assert_cmphex(fl, ==, FE_UNDERFLOW | FE_INEXACT);
    /* integer -> float */
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_s32_f, IR_I32, IR_F64, 0xffffffffu, 0), ==, bits_of_f64(-1.0));
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_s32_f, IR_I32, IR_F32, 0x80000000u, 0), ==,
                    bits_of_f32(-2147483648.0f));
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_s64_f, IR_I64, IR_F64, (uint64_t)-5, 0), ==, bits_of_f64(-5.0));
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_s64_f, IR_I64, IR_F32, 0x7fffffffffffffffull, 0), ==,
                    bits_of_f32(9223372036854775808.0f));
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_u64_f, IR_I64, IR_F64, ~0ull, 0), ==,
                    bits_of_f64(18446744073709551616.0));
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_u64_f, IR_I64, IR_F32, 1ull << 63, 0), ==,
                    bits_of_f32(9223372036854775808.0f));
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_u64_f, IR_I64, IR_F64, 0x8000000000000401ull, 0), ==,
                    bits_of_f64(9223372036854777856.0)); /* above the half: rounds up */
    /* 2^53 + 1 is not a double: rounds to even */
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_s64_f, IR_I64, IR_F64, (1ull << 53) + 1, 0), ==,
                    bits_of_f64(9007199254740992.0));

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
        {-2147483648.5, INT32_MIN, INT32_MIN},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(c32); i++) {
        g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_f64(c32[i].x), IR_ROUND_CURRENT),
                        ==, (uint32_t)c32[i].cur);
        g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_f64(c32[i].x), IR_ROUND_TRUNC),
                        ==, (uint32_t)c32[i].trunc);
    }
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s32, IR_F32, IR_I32, bits_of_f32(-7.5f), IR_ROUND_CURRENT), ==,
                    (uint32_t)-8);
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s32, IR_F32, IR_I32, bits_of_f32(3e9f), IR_ROUND_TRUNC), ==,
                    0x80000000u);
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s32, IR_F32, IR_I32, bits_of_f32(NAN), IR_ROUND_TRUNC), ==,
                    0x80000000u);
    /* flags: out of range is invalid (only), a fraction inexact */
    g_assert_cmphex(bt_op1_imm_flags(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_f64(3e9), IR_ROUND_TRUNC, &fl),
                    ==, 0x80000000u);
    g_assert_cmphex(fl, ==, FE_INVALID);
    g_assert_cmphex(bt_op1_imm_flags(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_f64(2.5), IR_ROUND_TRUNC, &fl),
                    ==, 2);
    g_assert_cmphex(fl, ==, FE_INEXACT);
    g_assert_cmphex(
        bt_op1_imm_flags(IR_OP_cvt_f_s64, IR_F32, IR_I64, bits_of_f32(-2.0f), IR_ROUND_CURRENT, &fl), ==,
        (uint64_t)-2);
    g_assert_cmphex(fl, ==, 0);

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
        g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s64, IR_F64, IR_I64, bits_of_f64(c64[i].x), IR_ROUND_CURRENT),
                        ==, (uint64_t)c64[i].cur);
        g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s64, IR_F64, IR_I64, bits_of_f64(c64[i].x), IR_ROUND_TRUNC),
                        ==, (uint64_t)c64[i].trunc);
    }
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s64, IR_F32, IR_I64, bits_of_f32(-1.5f), IR_ROUND_CURRENT), ==,
                    (uint64_t)-2);
    g_assert_cmphex(bt_op1_imm(IR_OP_cvt_f_s64, IR_F32, IR_I64, bits_of_f32(1e19f), IR_ROUND_TRUNC), ==,
                    (uint64_t)INT64_MIN);

    /* the current mode is the host's: upward rounds 2.1 to 3 */
    fesetround(FE_UPWARD);
    uint64_t up = bt_op1_imm(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_f64(2.1), IR_ROUND_CURRENT);
    uint64_t up64 = bt_op1_imm(IR_OP_cvt_f_s64, IR_F32, IR_I64, bits_of_f32(-2.5f), IR_ROUND_CURRENT);
    uint64_t tr = bt_op1_imm(IR_OP_cvt_f_s32, IR_F64, IR_I32, bits_of_f64(2.9), IR_ROUND_TRUNC);
    uint64_t sum = bits_of_f64(fop2d(IR_OP_fadd, 1.0, ldexp(1.0, -60), &fl));
    uint64_t i2f = bt_op1_imm(IR_OP_cvt_s64_f, IR_I64, IR_F32, (1ull << 24) + 1, 0);
    fesetround(FE_DOWNWARD);
    uint64_t down = bt_op1_imm(IR_OP_cvt_f_s32, IR_F32, IR_I32, bits_of_f32(-2.1f), IR_ROUND_CURRENT);
    uint64_t narrow = bt_op1_imm(IR_OP_fcvt_f64, IR_F64, IR_F32, bits_of_f64(1.0 / 3.0), 0);
    fesetround(FE_TONEAREST);
    g_assert_cmpuint(up, ==, 3);
    g_assert_cmphex(up64, ==, (uint64_t)-2);
    g_assert_cmpuint(tr, ==, 2);
    g_assert_cmphex(sum, ==, bits_of_f64(nextafter(1.0, 2.0)));
    g_assert_cmphex(i2f, ==, bits_of_f32(16777218.0f));
    g_assert_cmphex(down, ==, (uint32_t)-3);
    g_assert_cmphex(narrow, ==, 0x3eaaaaaau); /* 1/3 rounded down; nearest is 0x3eaaaaab */

    /* bitcast keeps the bits */
    g_assert_cmphex(bt_op1_imm(IR_OP_bitcast, IR_F64, IR_I64, bits_of_f64(-2.0), 0), ==, bits_of_f64(-2.0));
    g_assert_cmphex(bt_op1_imm(IR_OP_bitcast, IR_I32, IR_F32, 0x7fc00123u, 0), ==, 0x7fc00123u);
    g_assert_cmphex(bt_op1_imm(IR_OP_bitcast, IR_F32, IR_I32, bits_of_f32(1.0f), 0), ==, 0x3f800000u);
    g_assert_cmphex(bt_op1_imm(IR_OP_bitcast, IR_I64, IR_F64, 0x7ff0000000000001ull, 0), ==,
                    0x7ff0000000000001ull);
}

static const BackendTest tests[] = {
    {"float_arith", test_float_arith},
    {"two_nans", test_two_nans},
    {"fma", test_fma_single_rounding},
    {"fsetcond", test_fsetcond},
    {"float_conversions", test_float_conversions},
};

int main(int argc, char **argv)
{
    bt_init(&argc, &argv);
    bt_add(tests, G_N_ELEMENTS(tests));
    return bt_run();
}
