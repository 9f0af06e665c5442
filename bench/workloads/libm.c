/* bench/workloads/libm.c — floating point through the C library: SIZE
 * thousand rounds of exp, log, pow, tanh, cbrt, hypot, asin, erf and sinf
 * on a sweep of arguments. Prints the sums with 10 significant digits, since
 * two architectures' libm may differ in the last bit.
 *
 * sin, cos, tan, atan and atan2 in double are left out on purpose: glibc's
 * 32-bit PowerPC versions use the ISA 3.0 mffscrni instruction, which QEMU
 * 7.2's ppc32 rejects with SIGILL, and the point is a side-by-side time. */
#include <math.h>

#include "common.h"

int main(int argc, char **argv)
{
    long krounds = bench_size(argc, argv, 2000);
    double growth = 0, shape = 0, angle = 0, wave = 0;
    for (long r = 0; r < krounds * 1000; r++) {
        double x = (double)(r % 10000) / 10000.0; /* [0, 1) */
        growth += exp(x) + log(x + 0.5) + pow(x + 1.0, 1.7);
        shape += tanh(x - 0.5) + cbrt(x + 2.0) + hypot(x, 1.0 - x);
        angle += asin(x) + erf(x);
        wave += sinf((float)x * 3.0f);
    }
    printf("libm over %ld000 rounds: growth %.10g, shape %.10g, angle %.10g, wave %.10g\n", krounds,
           growth, shape, angle, wave);
    return 0;
}
