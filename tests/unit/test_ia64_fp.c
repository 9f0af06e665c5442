/* tests/unit/test_ia64_fp.c — the IA-64 FP unit's value conversions and
 * helpers (frontend/ia64/fp_value.c, fp_arith.c) against values worked
 * out from the Itanium manual (vol. 1 §5.1 register format: 17-bit
 * exponent biased by 0xffff, explicit integer bit; memory formats
 * loaded as register images; vol. 3 instruction pages) and IEEE 754. */
#include <glib.h>
#include <string.h>

#include "frontend/ia64/fp.h"

static Ia64Fr fr(uint64_t sig, uint32_t se) { return (Ia64Fr){sig, se, 0}; }

/* Memory formats -> register images, by hand from the manual's rules. */
static void test_loads(void)
{
    Ia64Fr f = ia64_fr_from_single(0x40490fdb); /* pi: exp 128 */
    g_assert_cmphex(f.significand, ==, 0xc90fdb0000000000ull);
    g_assert_cmphex(f.sign_exp, ==, 0x10000);
    f = ia64_fr_from_double(0xbff8000000000000ull); /* -1.5 */
    g_assert_cmphex(f.significand, ==, 0xc000000000000000ull);
    g_assert_cmphex(f.sign_exp, ==, IA64_FR_SIGN | 0xffff);
    f = ia64_fr_from_double(1); /* the smallest denormal: unnormalized, exponent 0xfc01 */
    g_assert_cmphex(f.significand, ==, 0x800);
    g_assert_cmphex(f.sign_exp, ==, 0xfc01);
    f = ia64_fr_from_single(0x7f800000); /* +inf */
    g_assert_cmphex(f.significand, ==, 0x8000000000000000ull);
    g_assert_cmphex(f.sign_exp, ==, 0x1ffff);
    f = ia64_fr_from_ext(0x8000000000000000ull, 0x3fff); /* 1.0 */
    g_assert_cmphex(f.sign_exp, ==, 0xffff);
    g_assert_true(ia64_fr_is_zero(ia64_fr_from_double(0x8000000000000000ull)));
}

static void test_stores(void)
{
    g_assert_cmphex(ia64_fr_to_double(fr(0xc90fdb0000000000ull, 0x10000)), ==, 0x400921fb60000000ull);
    g_assert_cmphex(ia64_fr_to_single(fr(0xc000000000000000ull, IA64_FR_SIGN | 0xffff)), ==, 0xbfc00000);
    /* an integer image (setf.sig 3): 3 * 2^(0x1003e - 0xffff - 63) = 3.0 */
    g_assert_cmphex(ia64_fr_to_double(fr(3, IA64_FR_INTEGER_EXP)), ==, 0x4008000000000000ull);
    g_assert_cmphex(ia64_fr_ext_sign_exp(fr(0x8000000000000000ull, 0x10000)), ==, 0x4000);
    g_assert_cmphex(ia64_fr_to_double(ia64_fr_natval()) >> 51, ==, 0xfff); /* a quiet NaN */
}

/* ia64_fp_exec on a CPU: fma, xma, fcmp, fcvt, fsetc. */
static Ia64Cpu cpu;

static uint64_t pack(unsigned f1, unsigned f2, unsigned f3, unsigned f4)
{
    return (uint64_t)f1 << IA64_FPK_F1 | (uint64_t)f2 << IA64_FPK_F2 | (uint64_t)f3 << IA64_FPK_F3 |
           (uint64_t)f4 << IA64_FPK_F4;
}

static void reset(void)
{
    memset(&cpu, 0, sizeof cpu);
    cpu.fr[1] = fr(1ull << 63, 0xffff);
    cpu.ar[IA64_AR_FPSR] = 0x0009804c0270033full;
    cpu.pr[0] = 1;
}

static void test_fma(void)
{
    reset();
    cpu.fr[6] = ia64_fr_from_double(0x3ff8000000000000ull); /* 1.5 */
    cpu.fr[7] = ia64_fr_from_double(0x4002000000000000ull); /* 2.25 */
    /* fma.d f8 = f6, f7, f1: 4.375 */
    ia64_fp_exec(&cpu.common, FPOP_FMA | FP_PREC_D, pack(8, 1, 6, 7), 0);
    g_assert_cmphex(ia64_fr_to_double(cpu.fr[8]), ==, 0x4011800000000000ull);
    g_assert_true(cpu.um & IA64_UM_MFL);
    /* fnma f9 = f6, f7, f0 (a multiply, negated): -3.375 in full precision */
    ia64_fp_exec(&cpu.common, FPOP_FNMA | FP_PREC_SF, pack(9, 0, 6, 7), 0);
    g_assert_cmphex(cpu.fr[9].significand, ==, 0xd800000000000000ull);
    g_assert_cmphex(cpu.fr[9].sign_exp, ==, IA64_FR_SIGN | 0x10000);
    /* 1/3 in extended precision is inexact: sf0's i flag (fpsr bit 6+7+5) */
    cpu.fr[10] = ia64_fr_from_double(0x4008000000000000ull);
    g_assert_cmphex(cpu.ar[IA64_AR_FPSR] >> 18 & 1, ==, 0);
    cpu.fr[11] = ia64_fr_from_ld(1.0L / 3.0L);
    ia64_fp_exec(&cpu.common, FPOP_FMA | FP_PREC_D, pack(12, 0, 11, 10), 0);
    g_assert_cmphex(cpu.ar[IA64_AR_FPSR] >> 18 & 1, ==, 1);
}

static void test_xma(void)
{
    reset();
    cpu.fr[6] = fr(UINT64_MAX, IA64_FR_INTEGER_EXP);
    cpu.fr[7] = fr(3, IA64_FR_INTEGER_EXP);
    cpu.fr[8] = fr(5, IA64_FR_INTEGER_EXP);
    /* (2^64 - 1) * 3 + 5 = 3 * 2^64 + 2 */
    ia64_fp_exec(&cpu.common, FPOP_XMA_L, pack(9, 8, 6, 7), 0);
    ia64_fp_exec(&cpu.common, FPOP_XMA_HU, pack(10, 8, 6, 7), 0);
    ia64_fp_exec(&cpu.common, FPOP_XMA_H, pack(11, 8, 6, 7), 0); /* -1 * 3 + 5 = 2 */
    g_assert_cmphex(cpu.fr[9].significand, ==, 2);
    g_assert_cmphex(cpu.fr[10].significand, ==, 3);
    g_assert_cmphex(cpu.fr[11].significand, ==, 0);
    g_assert_cmphex(cpu.fr[11].sign_exp, ==, IA64_FR_INTEGER_EXP);
}

static void test_fcmp_fcvt(void)
{
    reset();
    cpu.fr[6] = ia64_fr_from_double(0xc01f000000000000ull); /* -7.75 */
    uint64_t preds = (uint64_t)6 << IA64_FPK_P1 | (uint64_t)7 << IA64_FPK_P2;
    /* fcmp.lt p6, p7 = f6, f0: rb (bit 36) = 1 */
    ia64_fp_exec(&cpu.common, FPOP_FCMP, pack(0, 6, 0, 0) | preds, (uint64_t)1 << 36);
    g_assert_cmpuint(cpu.pr[6], ==, 1);
    g_assert_cmpuint(cpu.pr[7], ==, 0);
    ia64_fp_exec(&cpu.common, FPOP_FCVT_FX_TRUNC, pack(8, 6, 0, 0), 0);
    g_assert_cmphex(cpu.fr[8].significand, ==, (uint64_t)-7);
    /* round toward +inf through fsetc.s0 (omask rc = 2): -7 */
    ia64_fp_exec(&cpu.common, FPOP_FSETC, 0, (uint64_t)0x0f << 13 | (uint64_t)0x20 << 20);
    ia64_fp_exec(&cpu.common, FPOP_FCVT_FX, pack(9, 6, 0, 0), 0);
    g_assert_cmphex(cpu.fr[9].significand, ==, (uint64_t)-7);
    /* out of range: the integer indefinite and the invalid flag (bit 13) */
    cpu.fr[10] = ia64_fr_from_double(0x43f0000000000000ull); /* 2^64 */
    ia64_fp_exec(&cpu.common, FPOP_FCVT_FX, pack(11, 10, 0, 0), 0);
    g_assert_cmphex(cpu.fr[11].significand, ==, 0x8000000000000000ull);
    g_assert_cmphex(cpu.ar[IA64_AR_FPSR] >> 13 & 1, ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ia64_fp/loads", test_loads);
    g_test_add_func("/ia64_fp/stores", test_stores);
    g_test_add_func("/ia64_fp/fma", test_fma);
    g_test_add_func("/ia64_fp/xma", test_xma);
    g_test_add_func("/ia64_fp/fcmp_fcvt", test_fcmp_fcvt);
    return g_test_run();
}
