/* divmod.c — integer division and remainder corner cases in 8, 16, 32
 * and 64 bits: signs of quotient and remainder (C truncates toward zero),
 * INT_MIN / -1 avoided (undefined in C) but INT_MIN / 1 and / INT_MIN,
 * division by powers of two (shifts with rounding fix-ups), by constants
 * (multiply-high sequences), and by values the compiler cannot see. */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static volatile int32_t v32[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 127, -128, 32767, -32768, 65535, 1000000007, INT32_MAX, INT32_MIN, INT32_MIN + 1};
#define N32 (sizeof v32 / sizeof v32[0])

int main(void)
{
    for (size_t i = 0; i < N32; i++) {
        int32_t a = v32[i];
        printf("%11" PRId32 ":", a);
        for (size_t j = 1; j < N32; j++) {
            int32_t b = v32[j];
            if (a == INT32_MIN && b == -1)
                continue;
            printf(" %" PRId32 ",%" PRId32, a / b, a % b);
        }
        putchar('\n');
        uint32_t ua = (uint32_t)a;
        printf("            u:");
        for (size_t j = 1; j < N32; j++) {
            uint32_t ub = (uint32_t)v32[j];
            printf(" %" PRIu32 ",%" PRIu32, ua / ub, ua % ub);
        }
        putchar('\n');
        /* Constants: the compiler uses shifts and multiply-high. */
        printf("  const: %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRIu32 " %" PRIu32 " %" PRIu32 "\n", a / 2, a % 2, a / 8,
               a % 16, a / 7, a % 10, ua / 3, ua % 1000, ua / 641);
        int64_t la = (int64_t)a * 1000003 - 17;
        printf("  64: %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRIu64 "\n", la / 3, la % 3, la / -100000, la % -100000,
               (uint64_t)((uint64_t)la / 1000000000000ULL));
        int8_t c = (int8_t)a;
        int16_t s = (int16_t)a;
        if (c != 0 && s != 0)
            printf("  narrow: %d %d %d %d %d %d\n", (int8_t)(100 / c), (int8_t)(-128 % c), (int16_t)(-32768 / s), (int16_t)(12345 % s),
                   (uint8_t)(200u / (uint8_t)c), (uint16_t)(60000u % (uint16_t)s));
    }
    /* Identities checked over a stream. */
    uint32_t x = 7;
    int errors = 0;
    uint64_t h = 0;
    for (int i = 0; i < 50000; i++) {
        x = x * 1103515245u + 12345u;
        int32_t a = (int32_t)x, b = (int32_t)(x * 2654435761u) >> (i % 31);
        if (b == 0 || (a == INT32_MIN && b == -1))
            continue;
        int32_t q = a / b, r = a % b;
        if ((int64_t)q * b + r != a || (r != 0 && (r < 0) != (a < 0)))
            errors++;
        h = h * 31 + (uint32_t)q + ((uint64_t)(uint32_t)r << 32);
    }
    printf("identity errors %d hash %016" PRIx64 "\n", errors, h);
    return 0;
}
