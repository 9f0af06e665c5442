/* int64_arith.c — 64-bit integer arithmetic on a 32-bit guest: add, sub,
 * mul, div, mod, shifts (every count), comparisons and conversions of
 * int64_t and uint64_t, over edge values and a pseudo-random stream. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t rng_state = 0x123456789abcdef0ULL;
static uint64_t rng(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

/* Keep the compiler from folding everything at -O2. */
static volatile uint64_t vals_v[] = {
    0, 1, 2, 3, 7, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
    0x100000001ULL, 0x123456789ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
    0xfffffffffffffffeULL, 0x8000000000000001ULL, 0xdeadbeefcafebabeULL, 1000000007ULL, 10000000000ULL,
};
#define NVALS (sizeof vals_v / sizeof vals_v[0])

int main(void)
{
    uint64_t h = 0;
    for (size_t i = 0; i < NVALS; i++) {
        for (size_t j = 0; j < NVALS; j++) {
            uint64_t a = vals_v[i], b = vals_v[j];
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            printf("%2zu %2zu add=%016" PRIx64 " sub=%016" PRIx64 " mul=%016" PRIx64, i, j, a + b, a - b, a * b);
            if (b != 0)
                printf(" udiv=%" PRIu64 " umod=%" PRIu64, a / b, a % b);
            if (sb != 0 && !(sa == INT64_MIN && sb == -1))
                printf(" sdiv=%" PRId64 " smod=%" PRId64, sa / sb, sa % sb);
            printf(" cmp=%d%d%d%d\n", a < b, sa < sb, a == b, sa >= sb);
        }
    }
    for (size_t i = 0; i < NVALS; i++) {
        uint64_t a = vals_v[i];
        for (unsigned s = 0; s < 64; s++) {
            h = h * 31 + (a << s);
            h = h * 31 + (a >> s);
            h = h * 31 + (uint64_t)((int64_t)a >> s);
        }
        printf("shift hash after %2zu: %016" PRIx64 "\n", i, h);
    }
    /* Conversions. */
    for (size_t i = 0; i < NVALS; i++) {
        uint64_t a = vals_v[i];
        int64_t sa = (int64_t)a;
        printf("conv %2zu: u32=%" PRIu32 " s32=%" PRId32 " s16=%d u8=%u dbl=%.17g sdbl=%.17g\n", i, (uint32_t)a, (int32_t)a,
               (int16_t)a, (uint8_t)a, (double)a, (double)sa);
    }
    static volatile double dv[] = {0.0, 1.5, -1.5, 4294967296.5, -4294967297.75, 9.2233720368547e18, -9.2233720368547e18, 1e18, 123456789012.9};
    for (size_t i = 0; i < sizeof dv / sizeof dv[0]; i++)
        printf("d2i %zu: %" PRId64 " %" PRIu64 "\n", i, (int64_t)dv[i], dv[i] >= 0 ? (uint64_t)dv[i] : 0);
    /* A random stream: mixes all operators. */
    uint64_t acc = 1;
    for (int k = 0; k < 20000; k++) {
        uint64_t x = rng(), y = rng() >> (k & 63);
        int64_t sx = (int64_t)x, sy = (int64_t)y;
        acc += x * y;
        acc ^= y ? x / y : x;
        acc += y ? x % y : 0;
        if (sy != 0 && !(sx == INT64_MIN && sy == -1))
            acc ^= (uint64_t)(sx / sy) + (uint64_t)(sx % sy);
        acc = (acc << (x & 63)) | (acc >> ((64 - (x & 63)) & 63));
        acc += (uint64_t)(sx >> (y & 63));
        acc -= (int64_t)x < (int64_t)y;
    }
    printf("random acc %016" PRIx64 "\n", acc);
    return 0;
}
