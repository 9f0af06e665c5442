/* libm.c — libm functions: sin cos tan exp log pow sqrt atan2 floor ceil
 * fmod round (and a few friends). Transcendental results may differ in the
 * last bits between two architectures' libm builds, so they are printed with
 * %.10g; exactly-rounded functions (sqrt, floor, ceil, fmod, round, trunc,
 * rint, frexp, ldexp) are printed in full with %a. */
#include <math.h>
#include <stdio.h>

static volatile double xs[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, 2.0, 2.5, -2.5, 3.14159265358979, 10.0, -7.25, 100.75, 1e-5, 12345.678, 1e10, -1e-300, 0.7853981633974483};

int main(void)
{
    const int n = sizeof xs / sizeof xs[0];
    for (int i = 0; i < n; i++) {
        double x = xs[i];
        printf("x=%a\n", x);
        printf("  sin=%.10g cos=%.10g tan=%.10g atan=%.10g\n", sin(x), cos(x), tan(x), atan(x));
        printf("  exp=%.10g expm1=%.10g sinh=%.10g tanh=%.10g\n", fabs(x) < 700 ? exp(x) : 0.0, expm1(fabs(x) < 700 ? x : 0), fabs(x) < 700 ? sinh(x) : 0, tanh(x));
        if (x > 0)
            printf("  log=%.10g log10=%.10g log2=%.10g log1p=%.10g cbrt=%.10g\n", log(x), log10(x), log2(x), log1p(x), cbrt(x));
        if (fabs(x) <= 1)
            printf("  asin=%.10g acos=%.10g\n", asin(x), acos(x));
        printf("  sqrt=%a floor=%a ceil=%a round=%a trunc=%a rint=%a\n", sqrt(fabs(x)), floor(x), ceil(x), round(x), trunc(x), rint(x));
        printf("  fmod3=%a fmod-0.7=%a remainder3=%a fabs=%a\n", fmod(x, 3.0), fmod(x, -0.7), remainder(x, 3.0), fabs(x));
        int e;
        double m = frexp(x, &e);
        printf("  frexp=%a,%d ldexp=%a lround=%ld hypot=%.10g\n", m, e, ldexp(x, 7), fabs(x) < 1e9 ? lround(x) : 0L, hypot(x, 3.0));
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j += 3) {
            double y = xs[j];
            double p = pow(fabs(xs[i]), fabs(y) < 100 ? y : 0.5);
            printf("atan2(%g,%g)=%.10g pow=%.10g\n", xs[i], y, atan2(xs[i], y), p);
        }
    volatile double zero = 0.0;
    printf("special: log(0)=%g sqrt(-1) isnan=%d exp(1000)=%g atan2(0,-0)=%.10g pow(-8,1/3.) isnan=%d\n", log(zero),
           isnan(sqrt(zero - 1)), exp(1000.0 + zero), atan2(zero, -zero), isnan(pow(-8.0 + zero, 1.0 / 3.0)));
    /* Floats. */
    for (int i = 0; i < n; i++) {
        float f = (float)xs[i];
        printf("f: sqrtf=%a sinf=%.6g expf=%.6g floorf=%a\n", (double)sqrtf(fabsf(f)), (double)sinf(f), fabsf(f) < 80 ? (double)expf(f) : 0.0, (double)floorf(f));
    }
    /* A numerical integration summing many libm results. */
    double s = 0;
    for (int k = 1; k <= 20000; k++) {
        double t = k * 1e-4;
        s += sin(t) * exp(-t) + sqrt(t) * log(t + 1) / (1 + t * t);
    }
    printf("integral %.8g\n", s * 1e-4);
    return 0;
}
