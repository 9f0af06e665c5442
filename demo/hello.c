/* demo/hello.c — the demo program the README runs: a small foreign (PPC)
 * program that shows what morph does. It prints where it runs (uname, which
 * reports the guest's machine), the byte order it sees, a little integer and
 * floating-point work, and its arguments. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

static uint64_t fib(unsigned n)
{
    uint64_t a = 0, b = 1;
    while (n--) {
        uint64_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

int main(int argc, char **argv)
{
    struct utsname u;
    const uint32_t one = 1;
    unsigned char first;

    memcpy(&first, &one, 1);
    printf("Hello from a %s program!\n", first ? "little-endian" : "big-endian");
    if (uname(&u) == 0)
        printf("uname -m says: %s\n", u.machine);
    printf("fib(90) = %" PRIu64 "\n", fib(90));
    printf("sqrt(2) = %.15f, pi = %.15f\n", sqrt(2.0), 4.0 * atan(1.0));
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    return 0;
}
