/* util/fbits.h — float <-> bit-pattern moves (the IR keeps floats as bits
 * in integer slots and guest registers), and the IR's NaN rule on bits. */
#ifndef MORPH_FBITS_H
#define MORPH_FBITS_H

#include <stdint.h>
#include <string.h>

static inline float f32_of_bits(uint64_t v)
{
    uint32_t u = (uint32_t)v;
    float f;
    memcpy(&f, &u, sizeof(f));
    return f;
}

static inline uint64_t bits_of_f32(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof(u));
    return u;
}

static inline double f64_of_bits(uint64_t v)
{
    double d;
    memcpy(&d, &v, sizeof(d));
    return d;
}

static inline uint64_t bits_of_f64(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof(u));
    return u;
}

/* The IR's NaN result (ir/ops.def, as x86 SSE makes it): the first NaN
 * of the operands a, b, c, quieted; else `result`. */
static inline uint64_t nan_first64(uint64_t result, uint64_t a, uint64_t b, uint64_t c)
{
    const uint64_t ops[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        if ((ops[i] & 0x7fffffffffffffffull) > 0x7ff0000000000000ull)
            return ops[i] | 0x0008000000000000ull;
    }
    return result;
}

static inline uint64_t nan_first32(uint64_t result, uint64_t a, uint64_t b, uint64_t c)
{
    const uint32_t ops[3] = {(uint32_t)a, (uint32_t)b, (uint32_t)c};
    for (int i = 0; i < 3; i++) {
        if ((ops[i] & 0x7fffffffu) > 0x7f800000u)
            return ops[i] | 0x00400000u;
    }
    return result;
}

#endif
