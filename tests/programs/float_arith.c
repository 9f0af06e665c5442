/* float_arith.c — IEEE double and float arithmetic without libm: the four
 * operations and their rounding, conversions between int/float/double in
 * both directions (incl. rounding of large integers), comparisons with NaN
 * and signed zeros, subnormals, overflow to infinity, and rounding modes
 * through fesetround. Results are printed exactly with %a. */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static volatile double dv[] = {0.0, -0.0, 1.0, -1.0, 0.1, 3.0, 1e-310, -2.5e-320, 1e300, -7e299, 123.456, DBL_MAX, DBL_MIN, 0.5, 1.0 / 3.0};
#define ND (sizeof dv / sizeof dv[0])

int main(void)
{
    for (size_t i = 0; i < ND; i++)
        for (size_t j = 0; j < ND; j++) {
            double a = dv[i], b = dv[j];
            double q = a / b;
            printf("%zu,%zu %a %a %a %s%a %d%d%d%d\n", i, j, a + b, a - b, a * b, isnan(q) ? "nan:" : "", isnan(q) ? 0.0 : q, a < b, a <= b, a == b,
                   a != b);
        }
    volatile float fa = 16777216.0f, fb = 1.0f, fc = 0.1f;
    printf("float: %a %a %a %a %a\n", (double)(fa + fb), (double)(fc * 3.0f), (double)(fc / 7.0f), (double)(float)(1.0 / 3.0), (double)(fa * fa * fa * fa * fa * fa * fa * fa * fa));
    /* int <-> fp conversions. */
    static volatile int64_t iv[] = {0, 1, -1, 9007199254740993LL, -9007199254740993LL, INT64_MAX, INT64_MIN, 16777217, 123456789};
    for (size_t i = 0; i < sizeof iv / sizeof iv[0]; i++)
        printf("i64 %" PRId64 " -> %a %a u64 -> %a\n", iv[i], (double)iv[i], (double)(float)iv[i], (double)(uint64_t)iv[i]);
    static volatile double cv[] = {0.4, 0.5, 0.6, 1.5, 2.5, -0.5, -1.5, -2.7, 2147483647.9, -2147483648.9, 4294967295.5, 1e9 + 0.5};
    for (size_t i = 0; i < sizeof cv / sizeof cv[0]; i++) {
        double c = cv[i];
        printf("d %a -> i32 %" PRId32 " u32 %" PRIu32 " i64 %" PRId64 " float %a\n", c, (c > -2147483649.0 && c < 2147483648.0) ? (int32_t)c : 0,
               (c > -1.0 && c < 4294967296.0) ? (uint32_t)c : 0, (int64_t)c, (double)(float)c);
    }
    /* Rounding modes. */
    static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    static const char *const names[] = {"nearest", "upward", "downward", "towardzero"};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double one = 1.0, three = 3.0, big = 1e16;
        volatile float ff = 1.0f;
        printf("%-10s 1/3=%a -1/3=%a big+1=%a rint(2.5)=%a rint(-2.5)=%a f=%a i=%d\n", names[m], one / three, -one / three, big + one, rint(2.5 * one),
               rint(-2.5 * one), (double)(ff / 3.0f), fegetround() == modes[m]);
    }
    fesetround(FE_TONEAREST);
    /* Exception flags. */
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0, r;
    r = 1.0 / z;
    printf("divbyzero flag %d\n", fetestexcept(FE_DIVBYZERO) != 0);
    feclearexcept(FE_ALL_EXCEPT);
    r = DBL_MAX * 2.0 + z;
    printf("overflow flag %d inexact %d\n", fetestexcept(FE_OVERFLOW) != 0, fetestexcept(FE_INEXACT) != 0);
    feclearexcept(FE_ALL_EXCEPT);
    r = z / z;
    printf("invalid flag %d\n", fetestexcept(FE_INVALID) != 0);
    feclearexcept(FE_ALL_EXCEPT);
    r = 1.0 + z;
    printf("exact: no flags %d\n", fetestexcept(FE_ALL_EXCEPT) == 0);
    (void)r;
    /* A long sum with cancellation (Kahan) */
    double s = 0, comp = 0, naive = 0;
    for (int i = 1; i <= 200000; i++) {
        double term = (i % 2 ? 1.0 : -1.0) / i;
        naive += term;
        double y = term - comp, t = s + y;
        comp = (t - s) - y;
        s = t;
    }
    printf("alternating harmonic: naive %a kahan %a\n", naive, s);
    return 0;
}
