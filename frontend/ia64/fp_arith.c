/* frontend/ia64/fp_arith.c — the run-time half of the F unit: one helper
 * (ia64_fp_exec) that runs any F-unit operation on Ia64Cpu.fr[] through
 * a table of small functions, one per operation (fp.h: Ia64FpOp).
 *
 * Status fields: ar.fpsr holds the traps (bits 5:0) and sf0-sf3, 13 bits
 * each from bit 6:
 *
 *   12   11   10   9    8    7  |  6    5:4   3:2   1     0
 *   i    u    o    z    d    v  |  td   rc    pc    wre   ftz
 *   (sticky flags)              |  (controls)
 *
 * rc and pc are obeyed; flags are set from the host's exceptions; traps
 * are not delivered (they are disabled in every program we run: the
 * start-up value has all six disable bits set); wre/ftz are not
 * modelled (the x87 range is used). */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "frontend/ia64/fp.h"

enum { SF_BITS = 13, SF_SHIFT = 6, SF_FLAGS_SHIFT = 7 };
enum { FLAG_V = 1, FLAG_D = 2, FLAG_Z = 4, FLAG_O = 8, FLAG_U = 16, FLAG_I = 32 };
enum { PC_SINGLE = 0, PC_DOUBLE = 2, PC_EXT = 3 };

#ifndef __FE_DENORM
#define __FE_DENORM 0
#endif

typedef struct FpOperands {
    Ia64Cpu *cpu;
    unsigned f1, f2, f3, f4, p1, p2, qp; /* physical indices */
    unsigned sf;                           /* status field of the insn */
    uint64_t insn;
    uint32_t arg;                          /* precision override etc. */
} FpOperands;

typedef void (*FpFn)(FpOperands *o);

static const uint64_t INT_BIT = (uint64_t)1 << 63;

static unsigned sf_controls(const Ia64Cpu *cpu, unsigned sf)
{
    return (unsigned)(cpu->ar[IA64_AR_FPSR] >> (SF_SHIFT + SF_BITS * sf)) & 0x7f;
}

static void sf_raise(Ia64Cpu *cpu, unsigned sf, unsigned flags)
{
    cpu->ar[IA64_AR_FPSR] |= (uint64_t)(flags & 0x3f) << (SF_SHIFT + SF_BITS * sf + SF_FLAGS_SHIFT);
}

void ia64_fp_write(Ia64Cpu *cpu, unsigned idx, Ia64Fr v)
{
    if (idx < 2)
        return;
    v.pad = 0;
    cpu->fr[idx] = v;
    cpu->um |= idx < 32 ? IA64_UM_MFL : IA64_UM_MFH;
}

static Ia64Fr fr(const FpOperands *o, unsigned idx) { return o->cpu->fr[idx]; }
static void set_pr(FpOperands *o, unsigned idx, bool v)
{
    if (idx)
        o->cpu->pr[idx] = v;
}
static Ia64Fr int_fr(uint64_t v) { return (Ia64Fr){v, IA64_FR_INTEGER_EXP, 0}; }

/* ---- fma family -------------------------------------------------------------- */
static bool fits_double(long double v) { return isnan(v) || (long double)(double)v == v; }
static bool fits_float(long double v) { return isnan(v) || (long double)(float)v == v; }

static unsigned precision(const FpOperands *o)
{
    if (o->arg & FP_PREC_S)
        return PC_SINGLE;
    if (o->arg & FP_PREC_D)
        return PC_DOUBLE;
    unsigned pc = (sf_controls(o->cpu, o->sf) >> 2) & 3;
    return pc == 1 ? PC_EXT : pc;
}

/* r with its significand rounded to `bits` (24 or 53) in the current
 * rounding mode, its exponent kept: the widest-range exponent (sf.wre)
 * rounds to single/double precision without the format's range. */
static long double round_significand(long double r, int bits)
{
    if (!isfinite(r) || r == 0)
        return r;
    int e;
    long double m = frexpl(r, &e); /* [0.5, 1): inside every format's range */
    m = bits == 24 ? (long double)(float)m : (long double)(double)m;
    return ldexpl(m, e);
}

/* a*b + c in one rounding at precision pc (c absent: multiply only). The
 * host's fma/fmaf round once; outside the format's range under sf.wre,
 * and for operands wider than the format, the result of fmal is rounded
 * again (a double rounding, off by an ulp in rare halfway cases). */
static long double fused(long double a, long double b, long double c, bool has_c, unsigned pc, bool wre)
{
    if (pc == PC_DOUBLE && fits_double(a) && fits_double(b) && fits_double(c)) {
        double r = has_c ? fma((double)a, (double)b, (double)c) : (double)a * (double)b;
        if (!wre || (isfinite(r) && (r == 0 || fabs(r) >= DBL_MIN)) || !isfinite(a * b + c))
            return r;
    }
    if (pc == PC_SINGLE && fits_float(a) && fits_float(b) && fits_float(c)) {
        float r = has_c ? fmaf((float)a, (float)b, (float)c) : (float)a * (float)b;
        if (!wre || (isfinite(r) && (r == 0 || fabsf(r) >= FLT_MIN)) || !isfinite(a * b + c))
            return r;
    }
    long double r = has_c ? fmal(a, b, c) : a * b;
    if (pc == PC_EXT)
        return r;
    int bits = pc == PC_DOUBLE ? 53 : 24;
    if (wre)
        return round_significand(r, bits);
    return bits == 53 ? (long double)(double)r : (long double)(float)r;
}

static Ia64Fr quiet(Ia64Fr f)
{
    f.significand |= (uint64_t)1 << 62;
    return f;
}

/* f1 = ±(f3 * f4) ± f2; f2 == f0 is a plain multiply (the manual's rule). */
static void do_fma_signs(FpOperands *o, bool neg_product, bool neg_addend)
{
    Ia64Fr a = fr(o, o->f3), b = fr(o, o->f4), c = fr(o, o->f2);
    if (ia64_fr_is_natval(a) || ia64_fr_is_natval(b) || ia64_fr_is_natval(c)) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_natval());
        return;
    }
    const Ia64Fr *nan = ia64_fr_is_nan(b) ? &b : ia64_fr_is_nan(c) ? &c : ia64_fr_is_nan(a) ? &a : NULL;
    if (nan) {
        if (!(nan->significand & ((uint64_t)1 << 62)))
            sf_raise(o->cpu, o->sf, FLAG_V);
        Ia64Fr q = quiet(*nan);
        unsigned pc = precision(o);
        if (pc == PC_SINGLE)
            q.significand &= ~(((uint64_t)1 << 40) - 1);
        else if (pc == PC_DOUBLE)
            q.significand &= ~(((uint64_t)1 << 11) - 1);
        ia64_fp_write(o->cpu, o->f1, q);
        return;
    }
    long double x = ia64_fr_to_ld(a), y = ia64_fr_to_ld(b), z = ia64_fr_to_ld(c);
    if (neg_product)
        x = -x;
    if (neg_addend)
        z = -z;
    bool wre = (sf_controls(o->cpu, o->sf) >> 1) & 1;
    long double r = fused(x, y, z, o->f2 != 0, precision(o), wre);
    ia64_fp_write(o->cpu, o->f1, ia64_fr_from_ld(r));
}

static void op_fma(FpOperands *o) { do_fma_signs(o, false, false); }
static void op_fms(FpOperands *o) { do_fma_signs(o, false, true); }
static void op_fnma(FpOperands *o) { do_fma_signs(o, true, false); }

/* ---- parallel single: two floats in the significand -------------------------- */
static uint32_t half(Ia64Fr f, unsigned idx, int hi)
{
    if (idx == 1)
        return 0x3f800000; /* f1 reads as a pair of 1.0 */
    return (uint32_t)(hi ? f.significand >> 32 : f.significand);
}
static float bits_f(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t f_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static uint64_t pair(uint32_t hi, uint32_t lo) { return (uint64_t)hi << 32 | lo; }

static void do_fpma(FpOperands *o, float sp, float sa)
{
    uint32_t r[2];
    for (int h = 0; h < 2; h++) {
        float a = bits_f(half(fr(o, o->f3), o->f3, h)), b = bits_f(half(fr(o, o->f4), o->f4, h));
        float c = bits_f(half(fr(o, o->f2), o->f2, h));
        r[h] = f_bits(o->f2 ? fmaf(sp * a, b, sa * c) : sp * a * b);
    }
    ia64_fp_write(o->cpu, o->f1, int_fr(pair(r[1], r[0])));
}
static void op_fpma(FpOperands *o) { do_fpma(o, 1, 1); }
static void op_fpms(FpOperands *o) { do_fpma(o, 1, -1); }
static void op_fpnma(FpOperands *o) { do_fpma(o, -1, 1); }

/* ---- xma: 64x64 integer multiply-add on significands ------------------------ */
static void do_xma(FpOperands *o, int kind)
{
    uint64_t a = fr(o, o->f3).significand, b = fr(o, o->f4).significand, c = fr(o, o->f2).significand;
    if (ia64_fr_is_natval(fr(o, o->f3)) || ia64_fr_is_natval(fr(o, o->f4)) || ia64_fr_is_natval(fr(o, o->f2))) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_natval());
        return;
    }
    uint64_t r;
    if (kind == 0)
        r = a * b + c;
    else if (kind == 1)
        r = (uint64_t)(((__int128)(int64_t)a * (int64_t)b + (int64_t)c) >> 64);
    else
        r = (uint64_t)(((unsigned __int128)a * b + c) >> 64);
    ia64_fp_write(o->cpu, o->f1, int_fr(r));
}
static void op_xma_l(FpOperands *o) { do_xma(o, 0); }
static void op_xma_h(FpOperands *o) { do_xma(o, 1); }
static void op_xma_hu(FpOperands *o) { do_xma(o, 2); }

/* fselect f1 = f3, f4, f2: bits of f3 where f2 is 1, of f4 where 0. */
static void op_fselect(FpOperands *o)
{
    uint64_t m = fr(o, o->f2).significand;
    ia64_fp_write(o->cpu, o->f1, int_fr((fr(o, o->f3).significand & m) | (fr(o, o->f4).significand & ~m)));
}

/* ---- compares and classes ---------------------------------------------------- */
static bool unc_false(const FpOperands *o) { return (o->insn >> 12 & 1) && !o->cpu->pr[o->qp]; }

static void write_pair(FpOperands *o, bool nat, bool v)
{
    set_pr(o, o->p1, !nat && v);
    set_pr(o, o->p2, !nat && !v);
}

/* fcmp.rel p1,p2 = f2,f3: rel from rb(36):ra(33): eq, le, lt, unord. */
static void op_fcmp(FpOperands *o)
{
    if (unc_false(o)) {
        set_pr(o, o->p1, false);
        set_pr(o, o->p2, false);
        return;
    }
    Ia64Fr a = fr(o, o->f2), b = fr(o, o->f3);
    bool nat = ia64_fr_is_natval(a) || ia64_fr_is_natval(b);
    long double x = ia64_fr_to_ld(a), y = ia64_fr_to_ld(b);
    unsigned rel = (unsigned)(o->insn >> 36 & 1) << 1 | (unsigned)(o->insn >> 33 & 1);
    bool unord = isnan(x) || isnan(y);
    bool snan = (ia64_fr_is_nan(a) && !(a.significand >> 62 & 1)) || (ia64_fr_is_nan(b) && !(b.significand >> 62 & 1));
    if (!nat && (snan || (unord && rel != 0 && rel != 3)))
        sf_raise(o->cpu, o->sf, FLAG_V);
    bool v;
    switch (rel) {
    case 0: v = !unord && x == y; break;
    case 2: v = !unord && x < y; break;
    case 1: v = !unord && x <= y; break;
    default: v = unord; break;
    }
    write_pair(o, nat, v);
}

/* fclass.m p1,p2 = f2, fclass9 (fclass7c at 20, fc2 at 33):
 * 0x001 +, 0x002 -, 0x004 zero, 0x008 unnormal, 0x010 normal, 0x020 inf,
 * 0x040 signalling NaN, 0x080 quiet NaN, 0x100 NaTVal. */
static void op_fclass(FpOperands *o)
{
    if (unc_false(o)) {
        set_pr(o, o->p1, false);
        set_pr(o, o->p2, false);
        return;
    }
    unsigned c = (unsigned)(o->insn >> 20 & 0x7f) << 2 | (unsigned)(o->insn >> 33 & 3);
    Ia64Fr f = fr(o, o->f2);
    bool v;
    if (ia64_fr_is_natval(f)) {
        v = c & 0x100;
    } else {
        bool neg = f.sign_exp & IA64_FR_SIGN;
        unsigned kind;
        if (ia64_fr_is_nan(f))
            kind = f.significand >> 62 & 1 ? 0x80 : 0x40;
        else if (ia64_fr_is_inf(f))
            kind = 0x20;
        else if (f.significand == 0)
            kind = 0x04;
        else
            kind = (f.significand & INT_BIT) && (f.sign_exp & IA64_FR_EXP_MASK) ? 0x10 : 0x08;
        /* NaNs match by kind alone; the others by sign and kind */
        v = kind >= 0x40 ? (c & kind) != 0 : (c & (neg ? 2u : 1u)) && (c & kind);
    }
    set_pr(o, o->p1, v);
    set_pr(o, o->p2, !v);
}

/* fpcmp.rel f1 = f2, f3: per half all ones when true. */
static void op_fpcmp(FpOperands *o)
{
    unsigned rel = (unsigned)(o->insn >> 27) & 7;
    uint32_t r[2];
    for (int h = 0; h < 2; h++) {
        float x = bits_f(half(fr(o, o->f2), o->f2, h)), y = bits_f(half(fr(o, o->f3), o->f3, h));
        bool un = isnan(x) || isnan(y);
        bool t[4] = {!un && x == y, !un && x < y, !un && x <= y, un};
        bool v = rel < 4 ? t[rel] : !t[rel - 4];
        r[h] = v ? 0xffffffffu : 0;
    }
    ia64_fp_write(o->cpu, o->f1, int_fr(pair(r[1], r[0])));
}

/* ---- reciprocal approximations ------------------------------------------------
 * A finite nonzero operand gets the table approximation and p2 = 1 (the
 * software sequence refines it); the special cases get the IEEE result
 * and p2 = 0. */

/* frcpa f1,p2 = f2,f3 */
static void op_frcpa(FpOperands *o)
{
    Ia64Fr a = fr(o, o->f2), b = fr(o, o->f3);
    if (ia64_fr_is_natval(a) || ia64_fr_is_natval(b)) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_natval());
        set_pr(o, o->p2, false);
        return;
    }
    long double x = ia64_fr_to_ld(a), y = ia64_fr_to_ld(b);
    if (isfinite(x) && isfinite(y) && b.significand != 0 && a.significand != 0) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_recip_approx(b));
        set_pr(o, o->p2, true);
        return;
    }
    if (y == 0 && isfinite(x) && x != 0)
        sf_raise(o->cpu, o->sf, FLAG_Z);
    if ((x == 0 && y == 0) || (isinf(x) && isinf(y)))
        sf_raise(o->cpu, o->sf, FLAG_V);
    ia64_fp_write(o->cpu, o->f1, ia64_fr_from_ld(x / y));
    set_pr(o, o->p2, false);
}

/* frsqrta f1,p2 = f3 */
static void op_frsqrta(FpOperands *o)
{
    Ia64Fr a = fr(o, o->f3);
    if (ia64_fr_is_natval(a)) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_natval());
        set_pr(o, o->p2, false);
        return;
    }
    long double x = ia64_fr_to_ld(a);
    if (isfinite(x) && x > 0 && a.significand != 0) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_rsqrt_approx(a));
        set_pr(o, o->p2, true);
        return;
    }
    if (x < 0)
        sf_raise(o->cpu, o->sf, FLAG_V);
    ia64_fp_write(o->cpu, o->f1, ia64_fr_from_ld(sqrtl(x)));
    set_pr(o, o->p2, false);
}

static void op_fprcpa(FpOperands *o)
{
    uint32_t r[2];
    bool ok = true;
    for (int h = 0; h < 2; h++) {
        uint32_t xb = half(fr(o, o->f2), o->f2, h), yb = half(fr(o, o->f3), o->f3, h);
        float x = bits_f(xb), y = bits_f(yb);
        bool norm = isfinite(x) && isfinite(y) && x != 0 && y != 0;
        r[h] = norm ? ia64_fr_to_single(ia64_fr_recip_approx(ia64_fr_from_single(yb))) : f_bits(x / y);
        ok = ok && norm;
    }
    ia64_fp_write(o->cpu, o->f1, int_fr(pair(r[1], r[0])));
    set_pr(o, o->p2, ok);
}

static void op_fprsqrta(FpOperands *o)
{
    uint32_t r[2];
    bool ok = true;
    for (int h = 0; h < 2; h++) {
        uint32_t xb = half(fr(o, o->f3), o->f3, h);
        float x = bits_f(xb);
        bool norm = isfinite(x) && x > 0;
        r[h] = norm ? ia64_fr_to_single(ia64_fr_rsqrt_approx(ia64_fr_from_single(xb))) : f_bits(sqrtf(x));
        ok = ok && norm;
    }
    ia64_fp_write(o->cpu, o->f1, int_fr(pair(r[1], r[0])));
    set_pr(o, o->p2, ok);
}

/* ---- sign/exponent merges, min/max ------------------------------------------- */
static void do_fmerge(FpOperands *o, uint32_t sign_flip, bool take_exp)
{
    Ia64Fr a = fr(o, o->f2), b = fr(o, o->f3);
    uint32_t se = take_exp ? a.sign_exp : ((a.sign_exp ^ sign_flip) & IA64_FR_SIGN) | (b.sign_exp & IA64_FR_EXP_MASK);
    ia64_fp_write(o->cpu, o->f1, (Ia64Fr){b.significand, se, 0});
}
static void op_fmerge_s(FpOperands *o) { do_fmerge(o, 0, false); }
static void op_fmerge_ns(FpOperands *o) { do_fmerge(o, IA64_FR_SIGN, false); }
static void op_fmerge_se(FpOperands *o) { do_fmerge(o, 0, true); }

/* f1 = (f2 rel f3) ? f2 : f3; a NaN operand selects f3. */
static void do_minmax(FpOperands *o, bool max, bool magnitude)
{
    Ia64Fr a = fr(o, o->f2), b = fr(o, o->f3);
    if (ia64_fr_is_natval(a) || ia64_fr_is_natval(b)) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_natval());
        return;
    }
    long double x = ia64_fr_to_ld(a), y = ia64_fr_to_ld(b);
    if (isnan(x) || isnan(y))
        sf_raise(o->cpu, o->sf, FLAG_V);
    if (magnitude) {
        x = fabsl(x);
        y = fabsl(y);
    }
    bool take_a = max ? x > y : x < y;
    ia64_fp_write(o->cpu, o->f1, take_a ? a : b);
}
static void op_fmin(FpOperands *o) { do_minmax(o, false, false); }
static void op_fmax(FpOperands *o) { do_minmax(o, true, false); }
static void op_famin(FpOperands *o) { do_minmax(o, false, true); }
static void op_famax(FpOperands *o) { do_minmax(o, true, true); }

/* ---- conversions ----------------------------------------------------------------- */
static void do_fcvt_fx(FpOperands *o, bool is_unsigned, bool trunc)
{
    Ia64Fr a = fr(o, o->f2);
    if (ia64_fr_is_natval(a)) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_natval());
        return;
    }
    long double x = ia64_fr_to_ld(a);
    long double r = trunc ? truncl(x) : nearbyintl(x);
    uint64_t v = INT_BIT; /* the integer indefinite */
    bool ok = is_unsigned ? (r >= 0 && r < 18446744073709551616.0L) : (r >= -9223372036854775808.0L && r < 9223372036854775808.0L);
    if (!isnan(x) && ok)
        v = is_unsigned ? (uint64_t)r : (uint64_t)(int64_t)r;
    else
        sf_raise(o->cpu, o->sf, FLAG_V);
    if (ok && r != x)
        sf_raise(o->cpu, o->sf, FLAG_I);
    ia64_fp_write(o->cpu, o->f1, int_fr(v));
}
static void op_fcvt_fx(FpOperands *o) { do_fcvt_fx(o, false, false); }
static void op_fcvt_fxu(FpOperands *o) { do_fcvt_fx(o, true, false); }
static void op_fcvt_fx_trunc(FpOperands *o) { do_fcvt_fx(o, false, true); }
static void op_fcvt_fxu_trunc(FpOperands *o) { do_fcvt_fx(o, true, true); }

/* fcvt.xf f1 = f2: the signed integer in the significand, exactly. */
static void op_fcvt_xf(FpOperands *o)
{
    Ia64Fr a = fr(o, o->f2);
    if (ia64_fr_is_natval(a)) {
        ia64_fp_write(o->cpu, o->f1, ia64_fr_natval());
        return;
    }
    ia64_fp_write(o->cpu, o->f1, ia64_fr_from_ld((long double)(int64_t)a.significand));
}

static void do_fpcvt(FpOperands *o, bool is_unsigned, bool trunc)
{
    uint32_t r[2];
    for (int h = 0; h < 2; h++) {
        float x = bits_f(half(fr(o, o->f2), o->f2, h));
        float t = trunc ? truncf(x) : nearbyintf(x);
        bool ok = is_unsigned ? (t >= 0 && t < 4294967296.0f) : (t >= -2147483648.0f && t < 2147483648.0f);
        r[h] = !ok ? 0x80000000u : is_unsigned ? (uint32_t)t : (uint32_t)(int32_t)t;
    }
    ia64_fp_write(o->cpu, o->f1, int_fr(pair(r[1], r[0])));
}
static void op_fpcvt_fx(FpOperands *o) { do_fpcvt(o, false, false); }
static void op_fpcvt_fxu(FpOperands *o) { do_fpcvt(o, true, false); }
static void op_fpcvt_fx_trunc(FpOperands *o) { do_fpcvt(o, false, true); }
static void op_fpcvt_fxu_trunc(FpOperands *o) { do_fpcvt(o, true, true); }

/* fpack f1 = f2, f3: both as singles, f2's in the high half. */
static void op_fpack(FpOperands *o)
{
    ia64_fp_write(o->cpu, o->f1, int_fr(pair(ia64_fr_to_single(fr(o, o->f2)), ia64_fr_to_single(fr(o, o->f3)))));
}

/* ---- logic and the 32-bit halves ------------------------------------------------- */
static void do_logic(FpOperands *o, int kind)
{
    uint64_t a = fr(o, o->f2).significand, b = fr(o, o->f3).significand;
    uint64_t r = kind == 0 ? a & b : kind == 1 ? a & ~b : kind == 2 ? a | b : a ^ b;
    ia64_fp_write(o->cpu, o->f1, int_fr(r));
}
static void op_fand(FpOperands *o) { do_logic(o, 0); }
static void op_fandcm(FpOperands *o) { do_logic(o, 1); }
static void op_for(FpOperands *o) { do_logic(o, 2); }
static void op_fxor(FpOperands *o) { do_logic(o, 3); }

static uint32_t hi32(uint64_t v) { return (uint32_t)(v >> 32); }
static uint32_t lo32(uint64_t v) { return (uint32_t)v; }

static void write_halves(FpOperands *o, uint32_t hi, uint32_t lo) { ia64_fp_write(o->cpu, o->f1, int_fr(pair(hi, lo))); }
static uint64_t sa(const FpOperands *o) { return fr(o, o->f2).significand; }
static uint64_t sb(const FpOperands *o) { return fr(o, o->f3).significand; }

/* fswap: f2's left and f3's right single, concatenated, then swapped. */
static void op_fswap(FpOperands *o) { write_halves(o, lo32(sb(o)), hi32(sa(o))); }
static void op_fswap_nl(FpOperands *o) { write_halves(o, lo32(sb(o)) ^ 0x80000000u, hi32(sa(o))); }
static void op_fswap_nr(FpOperands *o) { write_halves(o, lo32(sb(o)), hi32(sa(o)) ^ 0x80000000u); }
static void op_fmix_lr(FpOperands *o) { write_halves(o, hi32(sa(o)), lo32(sb(o))); }
static void op_fmix_r(FpOperands *o) { write_halves(o, lo32(sa(o)), lo32(sb(o))); }
static void op_fmix_l(FpOperands *o) { write_halves(o, hi32(sa(o)), hi32(sb(o))); }
static void op_fsxt_r(FpOperands *o) { write_halves(o, (sa(o) >> 31 & 1) ? 0xffffffffu : 0, lo32(sb(o))); }
static void op_fsxt_l(FpOperands *o) { write_halves(o, (sa(o) >> 63) ? 0xffffffffu : 0, hi32(sb(o))); }

/* fpmerge: per half, sign (s, ns) or sign and exponent (se) from f2. */
static void do_fpmerge(FpOperands *o, uint32_t flip, uint32_t mask)
{
    uint32_t r[2];
    for (int h = 0; h < 2; h++) {
        uint32_t a = half(fr(o, o->f2), o->f2, h) ^ flip, b = half(fr(o, o->f3), o->f3, h);
        r[h] = (a & mask) | (b & ~mask);
    }
    write_halves(o, r[1], r[0]);
}
static void op_fpmerge_s(FpOperands *o) { do_fpmerge(o, 0, 0x80000000u); }
static void op_fpmerge_ns(FpOperands *o) { do_fpmerge(o, 0x80000000u, 0x80000000u); }
static void op_fpmerge_se(FpOperands *o) { do_fpmerge(o, 0, 0xff800000u); }

static void do_fpminmax(FpOperands *o, bool max, bool magnitude)
{
    uint32_t r[2];
    for (int h = 0; h < 2; h++) {
        uint32_t ab = half(fr(o, o->f2), o->f2, h), bb = half(fr(o, o->f3), o->f3, h);
        float x = bits_f(ab), y = bits_f(bb);
        if (magnitude) {
            x = fabsf(x);
            y = fabsf(y);
        }
        r[h] = (max ? x > y : x < y) ? ab : bb;
    }
    write_halves(o, r[1], r[0]);
}
static void op_fpmin(FpOperands *o) { do_fpminmax(o, false, false); }
static void op_fpmax(FpOperands *o) { do_fpminmax(o, true, false); }
static void op_fpamin(FpOperands *o) { do_fpminmax(o, false, true); }
static void op_fpamax(FpOperands *o) { do_fpminmax(o, true, true); }

/* ---- status fields ------------------------------------------------------------------
 * fsetc.sf amask7, omask7: sf.controls = (sf0.controls & amask7) | omask7.
 * fclrf.sf: clear sf's flags. */
static void op_fsetc(FpOperands *o)
{
    unsigned amask = (unsigned)(o->insn >> 13) & 0x7f, omask = (unsigned)(o->insn >> 20) & 0x7f;
    unsigned ctl = (sf_controls(o->cpu, 0) & amask) | omask;
    unsigned shift = SF_SHIFT + SF_BITS * o->sf;
    o->cpu->ar[IA64_AR_FPSR] = (o->cpu->ar[IA64_AR_FPSR] & ~((uint64_t)0x7f << shift)) | (uint64_t)ctl << shift;
}

static void op_fclrf(FpOperands *o)
{
    unsigned shift = SF_SHIFT + SF_BITS * o->sf + SF_FLAGS_SHIFT;
    o->cpu->ar[IA64_AR_FPSR] &= ~((uint64_t)0x3f << shift);
}

static const FpFn fp_ops[FPOP_COUNT] = {
    [FPOP_FMA] = op_fma, [FPOP_FMS] = op_fms, [FPOP_FNMA] = op_fnma,
    [FPOP_FPMA] = op_fpma, [FPOP_FPMS] = op_fpms, [FPOP_FPNMA] = op_fpnma,
    [FPOP_XMA_L] = op_xma_l, [FPOP_XMA_H] = op_xma_h, [FPOP_XMA_HU] = op_xma_hu,
    [FPOP_FSELECT] = op_fselect,
    [FPOP_FCMP] = op_fcmp, [FPOP_FCLASS] = op_fclass, [FPOP_FPCMP] = op_fpcmp,
    [FPOP_FRCPA] = op_frcpa, [FPOP_FRSQRTA] = op_frsqrta, [FPOP_FPRCPA] = op_fprcpa, [FPOP_FPRSQRTA] = op_fprsqrta,
    [FPOP_FMERGE_S] = op_fmerge_s, [FPOP_FMERGE_NS] = op_fmerge_ns, [FPOP_FMERGE_SE] = op_fmerge_se,
    [FPOP_FMIN] = op_fmin, [FPOP_FMAX] = op_fmax, [FPOP_FAMIN] = op_famin, [FPOP_FAMAX] = op_famax,
    [FPOP_FCVT_FX] = op_fcvt_fx, [FPOP_FCVT_FXU] = op_fcvt_fxu, [FPOP_FCVT_FX_TRUNC] = op_fcvt_fx_trunc,
    [FPOP_FCVT_FXU_TRUNC] = op_fcvt_fxu_trunc, [FPOP_FCVT_XF] = op_fcvt_xf,
    [FPOP_FPACK] = op_fpack, [FPOP_FAND] = op_fand, [FPOP_FANDCM] = op_fandcm, [FPOP_FOR] = op_for,
    [FPOP_FXOR] = op_fxor,
    [FPOP_FSWAP] = op_fswap, [FPOP_FSWAP_NL] = op_fswap_nl, [FPOP_FSWAP_NR] = op_fswap_nr,
    [FPOP_FMIX_LR] = op_fmix_lr, [FPOP_FMIX_R] = op_fmix_r, [FPOP_FMIX_L] = op_fmix_l,
    [FPOP_FSXT_R] = op_fsxt_r, [FPOP_FSXT_L] = op_fsxt_l,
    [FPOP_FPMERGE_S] = op_fpmerge_s, [FPOP_FPMERGE_NS] = op_fpmerge_ns, [FPOP_FPMERGE_SE] = op_fpmerge_se,
    [FPOP_FPMIN] = op_fpmin, [FPOP_FPMAX] = op_fpmax, [FPOP_FPAMIN] = op_fpamin, [FPOP_FPAMAX] = op_fpamax,
    [FPOP_FPCVT_FX] = op_fpcvt_fx, [FPOP_FPCVT_FXU] = op_fpcvt_fxu, [FPOP_FPCVT_FX_TRUNC] = op_fpcvt_fx_trunc,
    [FPOP_FPCVT_FXU_TRUNC] = op_fpcvt_fxu_trunc,
    [FPOP_FSETC] = op_fsetc, [FPOP_FCLRF] = op_fclrf,
};

/* ---- the host's FP state around one operation ---------------------------------
 * The engine keeps the guest's host MXCSR while guest code runs, so an
 * operation sets the rounding mode it needs and clears the flags, reads
 * the flags it raised, and puts MXCSR (and the x87 control word, used by
 * long double) back as it found them. On x86-64 hosts this is done with
 * stmxcsr/ldmxcsr and fnstcw/fldcw/fnstsw/fnclex (tens of cycles); other
 * hosts go through <fenv.h>. SSE and x87 share the rounding-control
 * encoding of IA-64's sf.rc (0 nearest, 1 down, 2 up, 3 toward zero) and
 * the order of the six flags (invalid, denormal, zero-divide, overflow,
 * underflow, inexact), which is also FLAG_V..FLAG_I here. */
#if defined(__x86_64__)
typedef struct HostSse {
    uint32_t mxcsr;
} HostSse;

/* ldmxcsr only where MXCSR must change (it is the costly half). */
static void host_sse_enter(HostSse *saved, unsigned rc)
{
    __asm__ volatile("stmxcsr %0" : "=m"(saved->mxcsr));
    uint32_t mxcsr = (saved->mxcsr & ~(uint32_t)0x603f) | rc << 13;
    if (mxcsr != saved->mxcsr)
        __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

static unsigned host_sse_leave(const HostSse *saved)
{
    uint32_t mxcsr;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    if (mxcsr != saved->mxcsr)
        __asm__ volatile("ldmxcsr %0" : : "m"(saved->mxcsr));
    return mxcsr & 0x3f;
}

typedef struct HostFp {
    uint32_t mxcsr;
    uint16_t x87_cw;
} HostFp;

static void host_fp_enter(HostFp *saved, unsigned rc)
{
    __asm__ volatile("stmxcsr %0" : "=m"(saved->mxcsr));
    __asm__ volatile("fnstcw %0" : "=m"(saved->x87_cw));
    uint32_t mxcsr = (saved->mxcsr & ~(uint32_t)0x603f) | rc << 13;
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
    uint16_t cw = (uint16_t)((saved->x87_cw & ~0xc00u) | rc << 10);
    if (cw != saved->x87_cw)
        __asm__ volatile("fldcw %0" : : "m"(cw));
    __asm__ volatile("fnclex");
}

static unsigned host_fp_leave(const HostFp *saved)
{
    uint32_t mxcsr;
    uint16_t sw;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    __asm__ volatile("ldmxcsr %0" : : "m"(saved->mxcsr));
    __asm__ volatile("fnclex");
    __asm__ volatile("fldcw %0" : : "m"(saved->x87_cw));
    return (mxcsr | sw) & 0x3f;
}
#else
static const int host_round[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};

static unsigned host_flags(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT | __FE_DENORM);
    return (e & FE_INVALID ? FLAG_V : 0) | (e & __FE_DENORM ? FLAG_D : 0) | (e & FE_DIVBYZERO ? FLAG_Z : 0) |
           (e & FE_OVERFLOW ? FLAG_O : 0) | (e & FE_UNDERFLOW ? FLAG_U : 0) | (e & FE_INEXACT ? FLAG_I : 0);
}

typedef struct HostFp {
    fexcept_t flags;
    int round;
} HostFp;

static void host_fp_enter(HostFp *saved, unsigned rc)
{
    fegetexceptflag(&saved->flags, FE_ALL_EXCEPT);
    saved->round = fegetround();
    fesetround(host_round[rc]);
    feclearexcept(FE_ALL_EXCEPT);
}

static unsigned host_fp_leave(const HostFp *saved)
{
    unsigned flags = host_flags();
    fesetexceptflag(&saved->flags, FE_ALL_EXCEPT);
    fesetround(saved->round);
    return flags;
}

typedef HostFp HostSse;
#define host_sse_enter host_fp_enter
#define host_sse_leave host_fp_leave
#endif

/* ---- the double-precision fast path ---------------------------------------------
 * Most code runs fma/fms/fnma at double precision on values that are
 * doubles: those go to the host's fused multiply-add on SSE registers
 * (one rounding, exact), with only MXCSR to set and read. Anything else —
 * other precisions, NaN/inf/NaTVal/denormal/integer images, a result
 * outside the double range under sf.wre — takes the general path. */

/* fr as a double when it is exactly one (zero or normal). */
static bool fr_as_double(Ia64Fr f, double *out)
{
    unsigned e = f.sign_exp & IA64_FR_EXP_MASK;
    uint64_t bits;
    if (f.significand == 0 && e == 0) {
        bits = 0;
    } else if ((f.significand >> 63) && !(f.significand & 0x7ff) && e >= 0xffff - 1022 && e <= 0xffff + 1023) {
        bits = (uint64_t)(e - 0xffff + 1023) << 52 | ((f.significand << 1) >> 12);
    } else {
        return false;
    }
    bits |= (uint64_t)((f.sign_exp & IA64_FR_SIGN) ? 1 : 0) << 63;
    memcpy(out, &bits, 8);
    return true;
}

static bool fma_double_fast(FpOperands *o, unsigned code)
{
    if (code > FPOP_FNMA)
        return false;
    unsigned ctl = sf_controls(o->cpu, o->sf);
    bool wre = (ctl >> 1) & 1;
    if (!(o->arg & FP_PREC_D) && (o->arg & FP_PREC_S || ((ctl >> 2) & 3) != PC_DOUBLE))
        return false;
    double a, b, c;
    if (!fr_as_double(fr(o, o->f3), &a) || !fr_as_double(fr(o, o->f4), &b) || !fr_as_double(fr(o, o->f2), &c))
        return false;
    if (code == FPOP_FNMA)
        a = -a;
    if (code == FPOP_FMS)
        c = -c;
    HostSse saved;
    host_sse_enter(&saved, (ctl >> 4) & 3);
    double r = o->f2 ? fma(a, b, c) : a * b;
    unsigned flags = host_sse_leave(&saved);
    if (wre && (flags & (FLAG_O | FLAG_U)))
        return false; /* the wider exponent range keeps what double loses */
    uint64_t bits;
    memcpy(&bits, &r, 8);
    ia64_fp_write(o->cpu, o->f1, ia64_fr_from_double(bits));
    if (flags & ~(unsigned)FLAG_D)
        sf_raise(o->cpu, o->sf, flags & ~(unsigned)FLAG_D);
    return true;
}

/* op: Ia64FpOp in bits 7:0, the row's precision bits above. */
void ia64_fp_exec(CpuCommon *env, uint32_t op, uint64_t packed, uint64_t insn)
{
    FpOperands o = {
        .cpu = (Ia64Cpu *)env,
        .f1 = (unsigned)(packed >> IA64_FPK_F1) & 127, .f2 = (unsigned)(packed >> IA64_FPK_F2) & 127,
        .f3 = (unsigned)(packed >> IA64_FPK_F3) & 127, .f4 = (unsigned)(packed >> IA64_FPK_F4) & 127,
        .p1 = (unsigned)(packed >> IA64_FPK_P1) & 63, .p2 = (unsigned)(packed >> IA64_FPK_P2) & 63,
        .qp = (unsigned)(packed >> IA64_FPK_QP) & 63,
        .sf = (unsigned)(insn >> 34) & 3, .insn = insn, .arg = op & ~0xffu,
    };
    unsigned code = op & 0xff;
    if (code >= FPOP_COUNT || !fp_ops[code])
        return;
    if (fma_double_fast(&o, code))
        return;
    HostFp saved;
    host_fp_enter(&saved, (sf_controls(o.cpu, o.sf) >> 4) & 3);
    fp_ops[code](&o);
    unsigned flags = host_fp_leave(&saved) & ~(unsigned)FLAG_D;
    if (flags && code != FPOP_FSETC && code != FPOP_FCLRF)
        sf_raise(o.cpu, o.sf, flags);
}

const IrHelper ia64_fp_h_exec = {"ia64_fp_exec", (void *)ia64_fp_exec,
                                 IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV, false, IR_I32, 3,
                                 {IR_I32, IR_I64, IR_I64}};
