/* util/fbits.h — float <-> bit-pattern moves (the IR keeps floats as bits
 * in integer slots and guest registers). */
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

#endif
