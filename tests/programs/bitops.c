/* bitops.c — bit manipulation: popcount, count leading/trailing zeros,
 * rotates, byte swaps, bit reversal, parity, masks and bit fields, over
 * 32- and 64-bit values (builtins and portable C, compared). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int pop_c(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}
static uint32_t rev32(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++, x >>= 1)
        r = (r << 1) | (x & 1);
    return r;
}
static uint32_t rotl32(uint32_t x, unsigned n) { return (x << (n & 31)) | (x >> ((32 - n) & 31)); }
static uint64_t rotr64(uint64_t x, unsigned n) { return (x >> (n & 63)) | (x << ((64 - n) & 63)); }

struct flags {
    unsigned a : 3;
    unsigned b : 5;
    signed c : 7;
    unsigned d : 1;
    unsigned e : 16;
};

int main(void)
{
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    uint64_t h = 0;
    int mismatches = 0;
    for (int i = 0; i < 3000; i++) {
        x ^= x << 7;
        x ^= x >> 9;
        uint64_t v = x >> (i % 61);
        uint32_t w = (uint32_t)v;
        if (__builtin_popcountll(v) != pop_c(v))
            mismatches++;
        h = h * 1099511628211ULL ^ (uint64_t)__builtin_popcount(w);
        if (w)
            h = h * 1099511628211ULL ^ (uint64_t)(__builtin_clz(w) * 64 + __builtin_ctz(w));
        if (v)
            h = h * 1099511628211ULL ^ (uint64_t)(__builtin_clzll(v) * 64 + __builtin_ctzll(v));
        h = h * 1099511628211ULL ^ __builtin_bswap32(w) ^ __builtin_bswap64(v);
        h = h * 1099511628211ULL ^ rotl32(w, (unsigned)i) ^ rotr64(v, (unsigned)i * 7);
        h = h * 1099511628211ULL ^ rev32(w) ^ (uint64_t)__builtin_parityll(v);
        h = h * 1099511628211ULL ^ (uint64_t)(w & -w) ^ (v | (v - 1));
        h = h * 1099511628211ULL ^ (uint64_t)(__builtin_ffs((int)w)) ^ ((uint64_t)__builtin_clrsb((int32_t)w) << 20);
    }
    printf("hash %016" PRIx64 " popcount mismatches %d\n", h, mismatches);
    static const uint32_t probe[] = {0, 1, 0x80000000u, 0xffffffffu, 0x00f0f000u, 0x12345678u};
    for (unsigned i = 0; i < sizeof probe / sizeof probe[0]; i++) {
        uint32_t p = probe[i];
        printf("%08" PRIx32 ": pop=%d clz=%d ctz=%d bswap=%08" PRIx32 " rev=%08" PRIx32 " rotl5=%08" PRIx32 " sext8=%" PRId32 " sext16=%" PRId32 "\n", p,
               __builtin_popcount(p), p ? __builtin_clz(p) : 32, p ? __builtin_ctz(p) : 32, __builtin_bswap32(p), rev32(p), rotl32(p, 5),
               (int32_t)(int8_t)p, (int32_t)(int16_t)p);
    }
    /* Bit fields: values in and out (layout is not printed, only values). */
    struct flags f = {0};
    uint32_t fh = 0;
    for (int i = 0; i < 1000; i++) {
        f.a += (unsigned)i;
        f.b ^= (unsigned)i * 3;
        f.c = (signed)(f.c + i % 50 - 25);
        f.d = !f.d;
        f.e = (unsigned)(f.e * 3 + (unsigned)i);
        fh = fh * 31 + f.a + f.b * 8u + (uint32_t)(f.c + 64) * 256u + f.d * 65536u + f.e;
    }
    printf("bitfields a=%u b=%u c=%d d=%u e=%u hash=%08" PRIx32 "\n", f.a, f.b, f.c, f.d, f.e, fh);
    /* Extract/insert fields by mask and shift. */
    uint32_t reg = 0;
    for (unsigned pos = 0; pos < 32; pos += 3) {
        unsigned width = 1 + pos % 7;
        if (pos + width > 32)
            break;
        uint32_t mask = (width == 32 ? 0xffffffffu : ((1u << width) - 1)) << pos;
        reg = (reg & ~mask) | ((pos * 0x55u << pos) & mask);
        printf("insert pos=%2u width=%u -> %08" PRIx32 " extract=%" PRIu32 "\n", pos, width, reg, (reg & mask) >> pos);
    }
    /* Signed shifts and conversions of negative numbers. */
    for (int32_t v = -5; v <= 5; v += 5)
        printf("sar %" PRId32 ": %" PRId32 " %" PRId32 " %" PRId32 " shr=%08" PRIx32 "\n", v, v >> 1, v >> 31, v / 2, (uint32_t)v >> 1);
    return 0;
}
