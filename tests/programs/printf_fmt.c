/* printf_fmt.c — printf formatting of integers and doubles: widths,
 * precisions, flags, %e %f %g %a, negative zero, infinities, NaN, huge and
 * tiny values, and snprintf truncation. */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const int_fmts[] = {"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.4d", "%x", "%#x", "%X", "%#o", "%o", "%u", "%hhd", "%hd", "%c"};
static const char *const dbl_fmts[] = {"%f", "%.0f", "%.1f", "%10.3f", "%-10.2f|", "%+.4f", "%e", "%.0e", "%12.5E", "%g", "%.3g", "%#g", "%G", "%.17g", "%a", "%.3a", "%A", "%015.4f", "%#.0f"};

int main(void)
{
    static const int ints[] = {0, 1, -1, 42, -42, 127, 128, 255, 256, 65535, 65536, 123456789, -123456789, INT32_MAX, INT32_MIN};
    static const double dbls[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456.789, -9876.54321, 1e10, 1e-10, 1.5e300, -2.5e-300, 1e22, 1e23, 5e-324, DBL_MAX, DBL_MIN, DBL_EPSILON, 0.125, 2.5, 3.5, 1e15 + 0.3, 9007199254740993.0};

    for (size_t f = 0; f < sizeof int_fmts / sizeof *int_fmts; f++) {
        printf("[%s]", int_fmts[f]);
        for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
            if (int_fmts[f][strlen(int_fmts[f]) - 1] == 'c' && (ints[i] < 32 || ints[i] > 126))
                continue;
            putchar(' ');
            printf(int_fmts[f], ints[i]);
        }
        putchar('\n');
    }
    for (size_t f = 0; f < sizeof dbl_fmts / sizeof *dbl_fmts; f++) {
        printf("[%s]", dbl_fmts[f]);
        for (size_t i = 0; i < sizeof dbls / sizeof *dbls; i++) {
            if (fabs(dbls[i]) > 1e30 && strchr(dbl_fmts[f], 'f'))
                continue; /* %f of 1e300 is long but fine; keep lines short */
            putchar(' ');
            printf(dbl_fmts[f], dbls[i]);
        }
        putchar('\n');
    }
    /* Special values. */
    volatile double zero = 0.0;
    double inf = 1.0 / zero, nan_ = zero / zero;
    printf("inf: %f %e %g %a %10.2f|%-8g|\n", inf, -inf, inf, -inf, inf, -inf);
    printf("nan: %f %g %F %G\n", fabs(nan_), fabs(nan_), fabs(nan_), fabs(nan_));
    printf("negzero: %f %g %e %a %+.0f signbit=%d\n", -zero, -zero, -zero, -zero, -zero, signbit(-zero) != 0);
    /* 64-bit integers, star widths, positional args. */
    printf("i64: %" PRId64 " %" PRIu64 " %" PRIx64 " %" PRId64 "\n", INT64_MIN, UINT64_MAX, (uint64_t)0xdeadbeefcafebabeULL, (int64_t)-1234567890123LL);
    printf("lld: %lld %llu %020lld %-20lld|\n", -9000000000000000000LL, 18000000000000000000ULL, 42LL, -42LL);
    printf("star: [%*d] [%-*d] [%.*f] [%*.*e]\n", 8, 12, 8, 12, 3, 3.14159265, 14, 4, -0.000123456);
    printf("pos: %2$s %1$s %3$05d\n", "world", "hello", 7);
    printf("str: [%s] [%10s] [%-10s] [%.3s] [%%]\n", "abc", "right", "left", "truncate");
    /* snprintf truncation and return value. */
    char buf[8];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
    int n = snprintf(buf, sizeof buf, "%s-%d", "abcdef", 12345); /* truncation is the point */
#pragma GCC diagnostic pop
    printf("snprintf: n=%d buf=[%s]\n", n, buf);
    n = snprintf(NULL, 0, "%.20f", 1.0 / 7.0);
    printf("snprintf NULL: n=%d\n", n);
    /* Float (promoted to double) and rounding ties. */
    float fv[] = {0.1f, 1.0f / 3.0f, 16777217.0f, 3.4028235e38f, 1.17549435e-38f};
    for (size_t i = 0; i < sizeof fv / sizeof *fv; i++)
        printf("float %zu: %.9g %a %e\n", i, fv[i], fv[i], fv[i]);
    for (int i = 0; i < 10; i++)
        printf("tie %.1f %.0f %.2f\n", i + 0.25, i + 0.5, i * 0.125 + 0.005);
    return 0;
}
