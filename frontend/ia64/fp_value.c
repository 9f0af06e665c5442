/* frontend/ia64/fp_value.c — the 82-bit FR value: classification, and
 * conversion to and from the host's x87 long double and the memory
 * formats (single, double, 80-bit extended) that ldf/stf/setf/getf use.
 *
 *   FR:   sign(1) | exponent(17, bias 0xffff) | significand(64, explicit int bit)
 *   x87:  sign(1) | exponent(15, bias 0x3fff) | significand(64, explicit int bit)
 *
 * Memory singles/doubles load as the manual's register images: the
 * exponent rebiased, the hidden bit made explicit; denormals keep an
 * unnormalized significand with the format's minimum exponent. */
#include <math.h>
#include <string.h>

#include "frontend/ia64/fp.h"

enum { EXP_INF = 0x1ffff, X87_BIAS = 0x3fff, SINGLE_MIN_EXP = 0xffff - 126, DOUBLE_MIN_EXP = 0xffff - 1022 };

static const uint64_t INT_BIT = (uint64_t)1 << 63;

static unsigned fr_exp(Ia64Fr f) { return f.sign_exp & IA64_FR_EXP_MASK; }
static uint32_t fr_sign(Ia64Fr f) { return f.sign_exp & IA64_FR_SIGN; }
static Ia64Fr fr_make(uint32_t sign, unsigned exp, uint64_t sig)
{
    return (Ia64Fr){sig, (sign ? IA64_FR_SIGN : 0) | exp, 0};
}

Ia64Fr ia64_fr_natval(void) { return fr_make(0, IA64_FR_NATVAL_EXP, 0); }
bool ia64_fr_is_natval(Ia64Fr f) { return f.sign_exp == IA64_FR_NATVAL_EXP && f.significand == 0; }
bool ia64_fr_is_inf(Ia64Fr f) { return fr_exp(f) == EXP_INF && f.significand == INT_BIT; }
bool ia64_fr_is_nan(Ia64Fr f) { return fr_exp(f) == EXP_INF && (f.significand << 1) != 0; }
bool ia64_fr_is_zero(Ia64Fr f) { return f.significand == 0 && !ia64_fr_is_natval(f) && fr_exp(f) != EXP_INF; }

/* x87 long double image (little-endian host). */
typedef union X87 {
    long double v;
    struct { uint64_t sig; uint16_t sign_exp; } b;
} X87;

long double ia64_fr_to_ld(Ia64Fr f)
{
    unsigned e = fr_exp(f);
    long double v;
    if (e == EXP_INF) {
        X87 x;
        memset(&x, 0, sizeof x);
        x.b.sig = f.significand | INT_BIT;
        x.b.sign_exp = 0x7fff;
        v = x.v;
    } else if (f.significand == 0) {
        v = 0.0L;
    } else {
        v = ldexpl((long double)f.significand, (int)e - 0xffff - 63);
    }
    return fr_sign(f) ? -v : v;
}

Ia64Fr ia64_fr_from_ld(long double v)
{
    X87 x;
    memset(&x, 0, sizeof x);
    x.v = v;
    uint32_t sign = x.b.sign_exp & 0x8000;
    unsigned e15 = x.b.sign_exp & 0x7fff;
    uint64_t sig = x.b.sig;
    if (e15 == 0x7fff)
        return fr_make(sign, EXP_INF, sig);
    if (sig == 0)
        return fr_make(sign, 0, 0);
    int e = e15 ? (int)e15 : 1;
    while (!(sig & INT_BIT)) { /* x87 denormal or unnormal: normalize into the wider range */
        sig <<= 1;
        e--;
    }
    return fr_make(sign, (unsigned)(e - X87_BIAS + 0xffff), sig);
}

Ia64Fr ia64_fr_from_single(uint32_t bits)
{
    uint32_t sign = bits >> 31;
    unsigned e = (bits >> 23) & 0xff;
    uint64_t m = (uint64_t)(bits & 0x7fffff) << 40;
    if (e == 0xff)
        return fr_make(sign, EXP_INF, INT_BIT | m);
    if (e == 0)
        return m ? fr_make(sign, SINGLE_MIN_EXP, m) : fr_make(sign, 0, 0);
    return fr_make(sign, e - 127 + 0xffff, INT_BIT | m);
}

Ia64Fr ia64_fr_from_double(uint64_t bits)
{
    uint32_t sign = (uint32_t)(bits >> 63);
    unsigned e = (unsigned)(bits >> 52) & 0x7ff;
    uint64_t m = (bits & (((uint64_t)1 << 52) - 1)) << 11;
    if (e == 0x7ff)
        return fr_make(sign, EXP_INF, INT_BIT | m);
    if (e == 0)
        return m ? fr_make(sign, DOUBLE_MIN_EXP, m) : fr_make(sign, 0, 0);
    return fr_make(sign, e - 1023 + 0xffff, INT_BIT | m);
}

Ia64Fr ia64_fr_from_ext(uint64_t significand, uint16_t sign_exp15)
{
    uint32_t sign = sign_exp15 >> 15;
    unsigned e = sign_exp15 & 0x7fff;
    if (e == 0x7fff)
        return fr_make(sign, EXP_INF, significand);
    if (e == 0)
        return significand ? fr_make(sign, 1 - X87_BIAS + 0xffff, significand) : fr_make(sign, 0, 0);
    return fr_make(sign, e - X87_BIAS + 0xffff, significand);
}

/* A finite nonzero FR as (normalized significand, unbiased exponent). */
static void fr_normalized(Ia64Fr f, uint64_t *sig, int *exp)
{
    uint64_t s = f.significand;
    int e = (int)fr_exp(f) - 0xffff;
    while (!(s & INT_BIT)) {
        s <<= 1;
        e--;
    }
    *sig = s;
    *exp = e;
}

/* Store to a binary format of `mbits` fraction bits and exponent bias
 * `bias`: the register's significand is truncated (the architecture
 * stores what the register holds; values come rounded from arithmetic). */
static uint64_t fr_to_binary(Ia64Fr f, unsigned mbits, unsigned ebits)
{
    int bias = (1 << (ebits - 1)) - 1;
    uint64_t sign = (uint64_t)(fr_sign(f) ? 1 : 0) << (mbits + ebits);
    uint64_t emax = ((uint64_t)1 << ebits) - 1;
    uint64_t fmask = ((uint64_t)1 << mbits) - 1;
    if (ia64_fr_is_natval(f))
        return emax << mbits | (uint64_t)1 << (mbits - 1); /* a quiet NaN */
    if (fr_exp(f) == EXP_INF)
        return sign | emax << mbits | ((f.significand << 1) >> (64 - mbits));
    if (f.significand == 0)
        return sign;
    uint64_t sig;
    int e;
    fr_normalized(f, &sig, &e);
    int be = e + bias;
    if (be >= (int)emax)
        return sign | emax << mbits;
    if (be <= 0) {
        unsigned shift = (unsigned)(1 - be);
        if (shift > mbits + 1)
            return sign;
        return sign | ((sig >> (63 - mbits)) >> shift);
    }
    return sign | (uint64_t)be << mbits | ((sig >> (63 - mbits)) & fmask);
}

uint32_t ia64_fr_to_single(Ia64Fr f) { return (uint32_t)fr_to_binary(f, 23, 8); }
uint64_t ia64_fr_to_double(Ia64Fr f) { return fr_to_binary(f, 52, 11); }

uint16_t ia64_fr_ext_sign_exp(Ia64Fr f)
{
    uint16_t sign = fr_sign(f) ? 0x8000 : 0;
    unsigned e = fr_exp(f);
    if (ia64_fr_is_natval(f))
        return 0x7fff;
    if (e == EXP_INF)
        return sign | 0x7fff;
    if (f.significand == 0 && e == 0)
        return sign;
    int x = (int)e - 0xffff + X87_BIAS;
    if (x >= 0x7fff)
        return sign | 0x7fff;
    return sign | (uint16_t)(x < 0 ? 0 : x);
}
