/* frontend/ppc/vsx_fp.c — VSX floating point (Power ISA 2.07 Book I ch. 7):
 * scalar and vector, double and single precision arithmetic (add,
 * subtract, multiply, divide, square root, the fused multiply-add family
 * in its "a" and "m" forms, max/min, estimates), sign operations,
 * compares, round to integral, and the conversions between double,
 * single and integer formats; the table ppc_vsx_fp_forms.
 *
 * Two ways, both exact:
 *  - IR, on the classic FPU's path (fp_gen.h): arithmetic (scalar and
 *    vector, double and single), the scalar compares, the sign operations
 *    and the simple scalar conversions (xscvdpsp, xsrsp, xscvspdp and the
 *    non-signalling xscvdpspn, xscvspdpn). Host float ops in the guest's
 *    rounding mode; their sticky flags give OX UX ZX XX lazily; scalar
 *    forms that set FPRF, FR and FI are the lazy record of fp_helpers.h,
 *    so a later FP instruction of the block makes theirs dead; vector
 *    forms leave FPRF, FR, FI and the record alone. A NaN result takes a
 *    rare path to POWER's NaN (the first NaN of XA, the addend, the
 *    multiplicand, quieted; else the positive default NaN) and its exact
 *    invalid-operation causes. Single-precision vector elements are host
 *    single operations (one rounding of the exact result); scalar single
 *    ones round the double result again unless that could differ from one
 *    rounding (then: round to odd in a helper).
 *  - The rest (max/min, vector compares, round to integral, integer
 *    conversions, and the rare cases of the conversions above) is a C
 *    function run by ppc_vec_h_apply (vec.h) on the host FPU: it folds
 *    anything pending first (ppc_fp_sync), then sets the FPSCR itself
 *    per element from that operation's host flags and its operands.
 * Not modelled, as for the FPU: trapping on enabled exceptions and the
 * "target unchanged" rule when they are enabled (Linux runs with them
 * disabled), and x86's after-rounding tininess for UX.
 */
#include <math.h>

#include "frontend/ppc/fp_gen.h"
#include "frontend/ppc/vec.h"
#include "util/fbits.h"
#include "util/host_fp.h"

#define D_SIGN 0x8000000000000000ull
#define D_QUIET 0x0008000000000000ull
#define D_DEFAULT_NAN 0x7ff8000000000000ull
#define S_SIGN 0x80000000u

static inline bool d_nan(uint64_t u) { return (u & ~D_SIGN) > 0x7ff0000000000000ull; }
static inline bool d_snan(uint64_t u) { return d_nan(u) && !(u & D_QUIET); }
static inline bool d_inf(uint64_t u) { return (u & ~D_SIGN) == 0x7ff0000000000000ull; }
static inline bool d_zero(uint64_t u) { return (u & ~D_SIGN) == 0; }
static inline bool d_neg(uint64_t u) { return u >> 63; }
static inline bool s_nan(uint32_t u) { return (u & ~S_SIGN) > 0x7f800000u; }

/* The FPSCR work of one instruction. */
typedef struct VsxFp {
    PpcCpu *cpu;
    uint32_t raise; /* exception bits to set */
    uint64_t last;  /* the last result, for FPRF */
    bool inexact, rounded_up;
} VsxFp;

static VsxFp vsx_begin(PpcCpu *cpu)
{
    ppc_fp_sync(cpu);
    host_fp_clear(FE_ALL_EXCEPT);
    return (VsxFp){.cpu = cpu};
}

/* Fold the raised bits; scalar (sets_fprf): FPRF of the result, FR, FI. */
static void vsx_end(VsxFp *st, bool sets_fprf, bool single)
{
    uint32_t f = st->cpu->fpscr;
    if (sets_fprf) {
        f &= ~(PPC_FPSCR_FPRF | PPC_FPSCR_FR | PPC_FPSCR_FI);
        f |= ppc_fp_fprf(st->last, single);
        if (st->inexact)
            f |= PPC_FPSCR_FI;
        if (st->rounded_up)
            f |= PPC_FPSCR_FR;
    }
    uint32_t add = st->raise;
    if (add & PPC_FPSCR_EXCEPTIONS & ~f)
        f |= PPC_FPSCR_FX;
    f |= add;
    f &= ~(PPC_FPSCR_VX | PPC_FPSCR_FEX);
    if (f & PPC_FPSCR_VX_CAUSES)
        f |= PPC_FPSCR_VX;
    if ((f >> 22) & f & PPC_FPSCR_ENABLES)
        f |= PPC_FPSCR_FEX;
    st->cpu->fpscr = f;
    host_fp_clear(FE_ALL_EXCEPT);
}

/* Host flags of the operation just done, into st (and cleared). */
static void take_flags(VsxFp *st, bool track)
{
    int fl = host_fp_test(FE_ALL_EXCEPT);
    if (fl & FE_OVERFLOW)
        st->raise |= PPC_FPSCR_OX;
    if (fl & FE_UNDERFLOW)
        st->raise |= PPC_FPSCR_UX;
    if (fl & FE_DIVBYZERO)
        st->raise |= PPC_FPSCR_ZX;
    if (fl & FE_INEXACT)
        st->raise |= PPC_FPSCR_XX;
    if (track)
        st->inexact = (fl & FE_INEXACT) != 0;
    host_fp_clear(FE_ALL_EXCEPT);
}

typedef enum VsxOp {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_MADD, OP_MSUB, OP_NMADD, OP_NMSUB,
    OP_RE, OP_RSQRTE,
} VsxOp;

/* Single bits -> double bits, exactly (quieting and VXSNAN if signal). */
static uint64_t s_to_d(VsxFp *st, uint32_t w, bool signal)
{
    if (s_nan(w)) {
        uint64_t n = (uint64_t)(w & S_SIGN) << 32 | 0x7ff0000000000000ull | (uint64_t)(w & 0x7fffff) << 29;
        if (signal && !(w & 0x400000)) {
            st->raise |= PPC_FPSCR_VXSNAN;
            n |= D_QUIET;
        }
        return n;
    }
    return bits_of_f64((double)f32_of_bits(w));
}

/* Double bits -> single bits, rounded in the current mode (NaN: quieted,
 * payload cut, VXSNAN). signal = false: no status at all. */
static uint32_t d_to_s(VsxFp *st, uint64_t d, bool signal)
{
    if (d_nan(d)) {
        if (signal && d_snan(d))
            st->raise |= PPC_FPSCR_VXSNAN;
        uint32_t s = (uint32_t)(d >> 32 & S_SIGN) | 0x7f800000u | (uint32_t)(d >> 29 & 0x7fffff);
        return signal ? s | 0x400000u : s;
    }
    volatile float f = (float)f64_of_bits(d);
    uint32_t s = (uint32_t)bits_of_f32(f);
    if (signal)
        take_flags(st, true);
    else
        host_fp_clear(FE_ALL_EXCEPT);
    return s;
}

/* Double -> integer, truncating, saturating with VXCVI (NaN: the minimum). */
static uint64_t d_to_int(VsxFp *st, uint64_t d, bool is64, bool uns)
{
    uint64_t maxv = is64 ? (uns ? UINT64_MAX : (uint64_t)INT64_MAX) : (uns ? UINT32_MAX : (uint64_t)INT32_MAX);
    uint64_t minv = uns ? 0 : is64 ? (uint64_t)INT64_MIN : (uint64_t)(uint32_t)INT32_MIN;
    if (d_nan(d)) {
        st->raise |= PPC_FPSCR_VXCVI | (d_snan(d) ? PPC_FPSCR_VXSNAN : 0);
        return minv;
    }
    double x = f64_of_bits(d), t = trunc(x);
    double hi = is64 ? (uns ? 18446744073709551616.0 : 9223372036854775808.0) : (uns ? 4294967296.0 : 2147483648.0);
    double lo = uns ? 0.0 : -hi;
    if (t >= hi || t < lo || (uns && t < 0)) {
        st->raise |= PPC_FPSCR_VXCVI;
        host_fp_clear(FE_ALL_EXCEPT);
        return d_neg(d) ? minv : maxv;
    }
    if (t != x)
        st->raise |= PPC_FPSCR_XX;
    host_fp_clear(FE_ALL_EXCEPT);
    if (uns)
        return (uint64_t)t;
    return is64 ? (uint64_t)(int64_t)t : (uint64_t)(uint32_t)(int32_t)t;
}

/* Integer -> double (single: rounded to single), in the current mode. */
static uint64_t int_to_d(VsxFp *st, uint64_t v, bool sign, bool single)
{
    double r;
    if (single) {
        volatile float f = sign ? (float)(int64_t)v : (float)v;
        r = f;
    } else {
        r = sign ? (double)(int64_t)v : (double)v;
    }
    take_flags(st, true);
    return bits_of_f64(r);
}

/* ---- the instruction functions --------------------------------------- */

/* Operand roles of the XX3 fma forms: "a" forms XT = XA * XB + XT,
 * "m" forms XT = XA * XT + XB. */
typedef enum VsxShape { SH_BIN, SH_FMA_A, SH_FMA_M } VsxShape;

/* max/min (xsmaxdp ...): SNaN -> VXSNAN and the quieted SNaN; one QNaN:
 * the other operand; +0 is greater than -0. */
static uint64_t maxmin(VsxFp *st, uint64_t x, uint64_t y, bool is_max)
{
    if (d_snan(x) || d_snan(y)) {
        st->raise |= PPC_FPSCR_VXSNAN;
        return (d_snan(x) ? x : y) | D_QUIET;
    }
    if (d_nan(x))
        return d_nan(y) ? x : y;
    if (d_nan(y))
        return x;
    double a = f64_of_bits(x), b = f64_of_bits(y);
    if (a == b)
        return is_max ? (d_neg(x) ? y : x) : (d_neg(x) ? x : y);
    return (is_max ? a > b : a < b) ? x : y;
}

/* imm: bit 0 max, bit 1 vector, bit 2 single. */
static void f_maxmin(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)c;
    VsxFp st = vsx_begin(cpu);
    bool is_max = imm & 1, vec = imm & 2, sp = imm & 4;
    if (!sp) {
        for (unsigned i = 0; i < (vec ? 2u : 1u); i++)
            t->dw[i] = maxmin(&st, a->dw[i], b->dw[i], is_max);
    } else {
        for (unsigned i = 0; i < 4; i++) {
            VsxFp q = st;
            uint64_t x = s_to_d(&q, (uint32_t)vec_get(a, 32, i), false);
            uint64_t y = s_to_d(&q, (uint32_t)vec_get(b, 32, i), false);
            vec_set(t, 32, i, d_to_s(&q, maxmin(&st, x, y, is_max), false));
        }
    }
    vsx_end(&st, false, false);
}

/* Compares: imm = kind (0 eq, 1 ge, 2 gt) | single << 2. */
static void f_vcmp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)c;
    VsxFp st = vsx_begin(cpu);
    unsigned kind = imm & 3;
    bool sp = imm & 4;
    unsigned n = sp ? 32 : 64, count = sp ? 4 : 2;
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < count; i++) {
        uint64_t x = vec_get(a, n, i), y = vec_get(b, n, i);
        if (sp) {
            VsxFp q = st;
            x = s_to_d(&q, (uint32_t)x, false);
            y = s_to_d(&q, (uint32_t)y, false);
        }
        bool res = false;
        if (d_nan(x) || d_nan(y)) {
            if (d_snan(x) || d_snan(y))
                st.raise |= PPC_FPSCR_VXSNAN;
            if (kind != 0)
                st.raise |= PPC_FPSCR_VXVC;
        } else {
            double p = f64_of_bits(x), q2 = f64_of_bits(y);
            res = kind == 0 ? p == q2 : kind == 1 ? p >= q2 : p > q2;
        }
        vec_set(&r, n, i, res ? (sp ? 0xffffffffull : UINT64_MAX) : 0);
    }
    *t = r;
    vsx_end(&st, false, false);
}

/* Round to integral: imm = PpcFpRoundInt, or 4 for the current mode;
 * | 8 vector, | 16 single. */
static double round_to_integral(unsigned how, double x)
{
    switch (how) {
    case 0: return round(x);
    case 1: return trunc(x);
    case 2: return ceil(x);
    case 3: return floor(x);
    default: return nearbyint(x);
    }
}

static void f_round(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)a;
    (void)c;
    VsxFp st = vsx_begin(cpu);
    unsigned how = imm & 7;
    bool vec = imm & 8, sp = imm & 16;
    unsigned n = sp ? 32 : 64, count = vec ? 128 / n : 1;
    for (unsigned i = 0; i < count; i++) {
        VsxFp q = st;
        uint64_t x = sp ? s_to_d(&q, (uint32_t)vec_get(b, n, i), false) : vec_get(b, n, i);
        uint64_t r;
        if (d_nan(x)) {
            if (d_snan(x))
                st.raise |= PPC_FPSCR_VXSNAN;
            r = x | D_QUIET;
        } else {
            r = bits_of_f64(round_to_integral(how, f64_of_bits(x)));
            /* xsrdpic may set XX; the other forms never report inexact */
            host_fp_clear(FE_ALL_EXCEPT);
            if (how == 4 && f64_of_bits(r) != f64_of_bits(x))
                st.raise |= PPC_FPSCR_XX;
        }
        vec_set(t, n, i, sp ? d_to_s(&q, r, false) : r);
        st.last = r;
    }
    vsx_end(&st, !vec, false);
}

/* Conversions. imm selects one of these: */
enum {
    CV_DPSP, CV_DPSPN, CV_SPDP, CV_SPDPN, CV_RSP,                   /* scalar formats */
    CV_DP_SXDS, CV_DP_UXDS, CV_DP_SXWS, CV_DP_UXWS,                /* scalar to integer */
    CV_SXD_DP, CV_UXD_DP, CV_SXD_SP, CV_UXD_SP,                    /* scalar from integer */
    CV_V_DPSP, CV_V_SPDP,                                          /* vector formats */
    CV_V_DP_SXDS, CV_V_DP_UXDS, CV_V_DP_SXWS, CV_V_DP_UXWS,        /* vector dp to integer */
    CV_V_SP_SXWS, CV_V_SP_UXWS, CV_V_SP_SXDS, CV_V_SP_UXDS,        /* vector sp to integer */
    CV_V_SXD_DP, CV_V_UXD_DP, CV_V_SXW_DP, CV_V_UXW_DP,            /* vector integer to dp */
    CV_V_SXW_SP, CV_V_UXW_SP, CV_V_SXD_SP, CV_V_UXD_SP,            /* vector integer to sp */
};

static void f_convert(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)a;
    (void)c;
    VsxFp st = vsx_begin(cpu);
    uint64_t d0 = b->dw[0];
    bool fprf = false, single = false;
    PpcVec r = *t;
    switch (imm) {
    case CV_DPSP: {
        uint64_t w = d_to_s(&st, d0, true);
        r.dw[0] = w << 32 | w;
        st.last = s_to_d(&st, (uint32_t)w, false);
        fprf = single = true;
        break;
    }
    case CV_DPSPN: {
        uint64_t w = d_to_s(&st, d0, false);
        r.dw[0] = w << 32 | w;
        break;
    }
    case CV_SPDP:
        r.dw[0] = st.last = s_to_d(&st, (uint32_t)(d0 >> 32), true);
        fprf = true;
        break;
    case CV_SPDPN:
        r.dw[0] = s_to_d(&st, (uint32_t)(d0 >> 32), false);
        break;
    case CV_RSP: {
        uint32_t w = d_to_s(&st, d0, true);
        r.dw[0] = st.last = s_to_d(&st, w, false);
        fprf = single = true;
        break;
    }
    case CV_DP_SXDS: r.dw[0] = d_to_int(&st, d0, true, false); break;
    case CV_DP_UXDS: r.dw[0] = d_to_int(&st, d0, true, true); break;
    case CV_DP_SXWS: r.dw[0] = d_to_int(&st, d0, false, false); break;
    case CV_DP_UXWS: r.dw[0] = d_to_int(&st, d0, false, true); break;
    case CV_SXD_DP: r.dw[0] = st.last = int_to_d(&st, d0, true, false); fprf = true; break;
    case CV_UXD_DP: r.dw[0] = st.last = int_to_d(&st, d0, false, false); fprf = true; break;
    case CV_SXD_SP: r.dw[0] = st.last = int_to_d(&st, d0, true, true); fprf = single = true; break;
    case CV_UXD_SP: r.dw[0] = st.last = int_to_d(&st, d0, false, true); fprf = single = true; break;
    case CV_V_DPSP:
        for (unsigned i = 0; i < 2; i++) {
            uint64_t w = d_to_s(&st, b->dw[i], true);
            r.dw[i] = w << 32 | w;
        }
        break;
    case CV_V_SPDP:
        for (unsigned i = 0; i < 2; i++)
            r.dw[i] = s_to_d(&st, (uint32_t)(b->dw[i] >> 32), true);
        break;
    case CV_V_DP_SXDS: case CV_V_DP_UXDS:
        for (unsigned i = 0; i < 2; i++)
            r.dw[i] = d_to_int(&st, b->dw[i], true, imm == CV_V_DP_UXDS);
        break;
    case CV_V_DP_SXWS: case CV_V_DP_UXWS:
        for (unsigned i = 0; i < 2; i++) {
            uint64_t w = d_to_int(&st, b->dw[i], false, imm == CV_V_DP_UXWS);
            r.dw[i] = w << 32 | w;
        }
        break;
    case CV_V_SP_SXWS: case CV_V_SP_UXWS:
        for (unsigned i = 0; i < 4; i++) {
            uint64_t x = s_to_d(&st, (uint32_t)vec_get(b, 32, i), false);
            vec_set(&r, 32, i, d_to_int(&st, x, false, imm == CV_V_SP_UXWS));
        }
        break;
    case CV_V_SP_SXDS: case CV_V_SP_UXDS:
        for (unsigned i = 0; i < 2; i++) {
            uint64_t x = s_to_d(&st, (uint32_t)(b->dw[i] >> 32), false);
            r.dw[i] = d_to_int(&st, x, true, imm == CV_V_SP_UXDS);
        }
        break;
    case CV_V_SXD_DP: case CV_V_UXD_DP:
        for (unsigned i = 0; i < 2; i++)
            r.dw[i] = int_to_d(&st, b->dw[i], imm == CV_V_SXD_DP, false);
        break;
    case CV_V_SXW_DP: case CV_V_UXW_DP:
        for (unsigned i = 0; i < 2; i++) {
            uint64_t w = b->dw[i] >> 32;
            r.dw[i] = int_to_d(&st, imm == CV_V_SXW_DP ? (uint64_t)(int64_t)(int32_t)w : w, true, false);
        }
        break;
    case CV_V_SXW_SP: case CV_V_UXW_SP:
        for (unsigned i = 0; i < 4; i++) {
            uint64_t w = vec_get(b, 32, i);
            uint64_t v = imm == CV_V_SXW_SP ? (uint64_t)(int64_t)(int32_t)w : w;
            uint64_t d = int_to_d(&st, v, true, true);
            vec_set(&r, 32, i, d_to_s(&st, d, false));
        }
        break;
    case CV_V_SXD_SP: case CV_V_UXD_SP:
        for (unsigned i = 0; i < 2; i++) {
            uint64_t d = int_to_d(&st, b->dw[i], imm == CV_V_SXD_SP, true);
            uint64_t w = d_to_s(&st, d, false);
            r.dw[i] = w << 32 | w;
        }
        break;
    default:
        break;
    }
    *t = r;
    if (fprf)
        st.inexact = (st.raise & PPC_FPSCR_XX) != 0; /* FI of this conversion */
    vsx_end(&st, fprf, single);
}

/* ---- translation ------------------------------------------------------ */

static bool run(PpcCtx *ctx, PpcVecFn f, uint32_t imm)
{
    uint32_t i = ctx->insn;
    ppc_vec_apply(ctx, f, ppc_xt(i), ppc_xa(i), ppc_xb(i), ppc_xt(i), imm);
    return true;
}

/* ---- arithmetic as IR ---------------------------------------------------- */

/* Each VsxOp as the classic FPU's operation, with the operand roles of
 * fp_gen.h (a + b, a * c, a * c + b ...). */
typedef struct VsxArith {
    PpcFpOp op;
    bool negate;     /* the nmadd/nmsub family: a non-NaN result is negated */
    bool reciprocal; /* xsre/xvre: the dividend is 1.0 */
    bool unary;      /* reads XB only */
} VsxArith;

static const VsxArith vsx_arith[] = {
    [OP_ADD] = {PPC_FPOP_ADD, false, false, false},    [OP_SUB] = {PPC_FPOP_SUB, false, false, false},
    [OP_MUL] = {PPC_FPOP_MUL, false, false, false},    [OP_DIV] = {PPC_FPOP_DIV, false, false, false},
    [OP_SQRT] = {PPC_FPOP_SQRT, false, false, true},   [OP_MADD] = {PPC_FPOP_MADD, false, false, false},
    [OP_MSUB] = {PPC_FPOP_MSUB, false, false, false},  [OP_NMADD] = {PPC_FPOP_MADD, true, false, false},
    [OP_NMSUB] = {PPC_FPOP_MSUB, true, false, false},  [OP_RE] = {PPC_FPOP_DIV, false, true, true},
    [OP_RSQRTE] = {PPC_FPOP_RSQRT, false, false, true},
};

/* Which VSR element values an instruction computes on. */
typedef enum VsxKind { K_SCALAR_DP, K_SCALAR_SP, K_VECTOR_DP, K_VECTOR_SP } VsxKind;

/* One element's operands in the A-form roles r[0..2] = a, b, c, from x
 * (XA's element), y (XB's), t (XT's old one) and `one` (1.0). POWER's NaN
 * order, XA then the addend then the multiplicand, is the roles' a, b, c. */
static void element_roles(const VsxArith *d, VsxShape shape, IrTemp x, IrTemp y, IrTemp t, IrTemp one,
                          IrTemp r[3])
{
    switch (shape) {
    case SH_FMA_A: /* XA * XB + XT */
        r[0] = x, r[1] = t, r[2] = y;
        break;
    case SH_FMA_M: /* XA * XT + XB */
        r[0] = x, r[1] = y, r[2] = t;
        break;
    default: /* XA op XB; mul reads c; unary forms read b */
        r[0] = d->reciprocal ? one : d->unary ? y : x, r[1] = y, r[2] = y;
        break;
    }
}

/* Doubleword dw of VSR n as a double. */
static IrTemp vsr_f64(PpcCtx *ctx, unsigned n, unsigned dw)
{
    IrTemp held = n < 32 && dw == 0 ? ppc_fp_run_fpr(ctx, n) : 0; /* fp_run.c */
    return held ? held : ir_ld_env(ctx->ir, IR_F64, ppc_vsr_off(n, dw));
}

/* C twin of element_roles, for the rare path. */
static void element_roles_c(const VsxArith *d, VsxShape shape, double x, double y, double t, double r[3])
{
    switch (shape) {
    case SH_FMA_A:
        r[0] = x, r[1] = t, r[2] = y;
        break;
    case SH_FMA_M:
        r[0] = x, r[1] = y, r[2] = t;
        break;
    default:
        r[0] = d->reciprocal ? 1.0 : d->unary ? y : x, r[1] = y, r[2] = y;
        break;
    }
}

/* Single bits -> the double they denote, exactly and without status. */
static double s_value(uint32_t w)
{
    if (s_nan(w))
        return f64_of_bits((uint64_t)(w & S_SIGN) << 32 | 0x7ff0000000000000ull |
                           (uint64_t)(w & 0x7fffff) << 29);
    return (double)f32_of_bits(w);
}

/* A double that a single holds (or a NaN, payload cut) -> single bits. */
static uint64_t s_bits(double v)
{
    uint64_t d = bits_of_f64(v);
    if (d_nan(d))
        return (uint32_t)(d >> 32 & S_SIGN) | 0x7f800000u | (uint32_t)(d >> 29 & 0x7fffff);
    return bits_of_f32((float)v);
}

/* The rare path of vector arithmetic (some element's host result was a
 * NaN): doubleword dw of the result, every element again, POWER's way
 * (ppc_fp_exact), from the VSRs (XT's old value is the fma forms' third
 * operand); the status stays with the lazy fold, as on the usual path.
 * imm: VsxOp | VsxShape << 4 | 64 for single | dw << 7 | XA << 8 |
 * XB << 14 | XT << 20. Guest state is only read, so the compares the
 * block keeps for its branches stay valid. */
static uint64_t h_vector_rare(CpuCommon *env, uint32_t imm)
{
    const PpcCpu *cpu = (const PpcCpu *)env;
    const VsxArith *d = &vsx_arith[imm & 15];
    bool single = imm & 64;
    unsigned dw = (imm >> 7) & 1, width = single ? 32 : 64;
    uint32_t rec = d->op | (single ? PPC_FPR_SINGLE : 0) | (d->negate ? PPC_FPR_NEGATE : 0);
    const PpcVec src[3] = {ppc_vsr_get(cpu, (imm >> 8) & 63), ppc_vsr_get(cpu, (imm >> 14) & 63),
                           ppc_vsr_get(cpu, (imm >> 20) & 63)};
    PpcVec r = {{0, 0}};
    for (unsigned e = 0; e < 128 / width; e++) {
        double v[3], role[3];
        for (unsigned k = 0; k < 3; k++) {
            uint64_t u = vec_get(&src[k], width, e);
            v[k] = single ? s_value((uint32_t)u) : f64_of_bits(u);
        }
        element_roles_c(d, (VsxShape)((imm >> 4) & 3), v[0], v[1], v[2], role);
        double x = ppc_fp_exact(rec, role[0], role[1], role[2]);
        vec_set(&r, width, e, single ? s_bits(x) : bits_of_f64(x));
    }
    return r.dw[dw];
}

static const IrHelper vsx_h_vector_rare = {
    "ppc_vsx_vector_rare", (void *)h_vector_rare, IR_HELPER_READS_ENV, true, IR_I64, 1, {IR_I32}};

/* Scalar (doubleword 0; doubleword 1 of the result is undefined and left
 * as it was) on the IR float path of the classic FPU: FPRF, FR and FI are
 * set, through the lazy record. */
static bool gen_arith_scalar(PpcCtx *ctx, bool single, VsxOp op, VsxShape shape)
{
    uint32_t i = ctx->insn;
    unsigned xt = ppc_xt(i);
    const VsxArith *d = &vsx_arith[op];
    uint32_t rec = d->op | (single ? PPC_FPR_SINGLE : 0) | (d->negate ? PPC_FPR_NEGATE : 0);
    IrTemp x = d->unary ? 0 : vsr_f64(ctx, ppc_xa(i), 0);
    IrTemp y = vsr_f64(ctx, ppc_xb(i), 0);
    IrTemp t = shape != SH_BIN ? vsr_f64(ctx, xt, 0) : 0;
    IrTemp one = d->reciprocal ? ir_const_f64(ctx->ir, 1.0) : 0;
    IrTemp r[3];
    element_roles(d, shape, x, y, t, one, r);
    ppc_fp_gen_recorded(ctx, rec, r[0], r[1], r[2], ppc_vsr_off(xt, 0), false);
    return true;
}

/* Word w (0..3) of VSR n: i32 bits. */
static IrTemp vsr_word(PpcCtx *ctx, unsigned n, unsigned w)
{
    IrTemp dw = ppc_vsr_ld(ctx, n, w / 2);
    return ir_trunc_i64(ctx->ir, w % 2 ? dw : ir_shri(ctx->ir, dw, 32));
}

/* Element e of VSR n for vector arithmetic: f64, or f32 for single. */
static IrTemp vector_element(PpcCtx *ctx, bool single, unsigned n, unsigned e)
{
    return single ? ir_bitcast(ctx->ir, IR_F32, vsr_word(ctx, n, e)) : vsr_f64(ctx, n, e);
}

/* Vector double (two doublewords) or single (four words): host operations
 * of the element's precision, one rounding each as the ISA asks. Where
 * every result is a number, they are POWER's; else the rare path does the
 * instruction again in C. FPRF, FR, FI and the record are left alone. */
static bool gen_arith_vector(PpcCtx *ctx, bool single, VsxOp op, VsxShape shape)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    unsigned xt = ppc_xt(i), xa = ppc_xa(i), xb = ppc_xb(i);
    const VsxArith *d = &vsx_arith[op];
    IrType type = single ? IR_F32 : IR_F64, bits_type = single ? IR_I32 : IR_I64;
    unsigned n = single ? 4 : 2;
    uint64_t sign = single ? S_SIGN : D_SIGN, inf = single ? 0x7f800000u : 0x7ff0000000000000ull;
    uint64_t abs = single ? ~S_SIGN : ~D_SIGN;
    IrTemp res[4], any_nan = ir_const(b, bits_type, 0);
    for (unsigned e = 0; e < n; e++) {
        IrTemp x = d->unary ? 0 : vector_element(ctx, single, xa, e);
        IrTemp y = vector_element(ctx, single, xb, e);
        IrTemp t = shape != SH_BIN ? vector_element(ctx, single, xt, e) : 0;
        IrTemp one = d->reciprocal ? (single ? ir_const(b, IR_F32, 0x3f800000u) : ir_const_f64(b, 1.0)) : 0;
        IrTemp r[3];
        element_roles(d, shape, x, y, t, one, r);
        res[e] = ir_bitcast(b, bits_type, ppc_fp_emit_op(b, type, d->op, r[0], r[1], r[2]));
        IrTemp nan = ir_setcond(b, IR_GTU, ir_andi(b, res[e], abs), ir_const(b, bits_type, inf));
        any_nan = ir_or(b, any_nan, nan);
    }
    IrLabel l_usual = ppc_fp_rare_begin(ctx, IR_EQ, any_nan, ir_const(b, bits_type, 0));
    uint32_t imm = (uint32_t)op | (uint32_t)shape << 4 | (single ? 64 : 0) | xa << 8 | xb << 14 | xt << 20;
    IrTemp exact[2];
    for (unsigned dw = 0; dw < 2; dw++) {
        IrTemp arg = ir_const32(b, imm | dw << 7);
        exact[dw] = ir_call(b, &vsx_h_vector_rare, &arg);
    }
    for (unsigned dw = 0; dw < 2; dw++)
        ppc_vsr_st(ctx, xt, dw, exact[dw]);
    ppc_fp_rare_end(ctx, l_usual);
    for (unsigned e = 0; e < n; e++)
        res[e] = d->negate ? ir_xori(b, res[e], sign) : res[e];
    for (unsigned dw = 0; dw < 2; dw++) {
        IrTemp v = res[dw];
        if (single)
            v = ir_or(b, ir_shli(b, ir_ext_i32u(b, res[2 * dw]), 32), ir_ext_i32u(b, res[2 * dw + 1]));
        ppc_vsr_st(ctx, xt, dw, v);
    }
    return true;
}

static bool gen_arith_kind(PpcCtx *ctx, VsxKind kind, VsxOp op, VsxShape shape)
{
    if (kind == K_VECTOR_DP || kind == K_VECTOR_SP)
        return gen_arith_vector(ctx, kind == K_VECTOR_SP, op, shape);
    return gen_arith_scalar(ctx, kind == K_SCALAR_SP, op, shape);
}

/* XX3 arithmetic, decoded from the XO (bits 21:28) the rows share:
 * bit 28 set: the fma family, bit 21 set: negated; bits 24:25 give
 * add/sub/mul/div, or madd-a/madd-m/msub-a/msub-m. */
static bool gen_arith(PpcCtx *ctx, VsxKind kind)
{
    uint32_t xo = (ctx->insn >> 3) & 0xff;
    static const uint8_t bin_ops[4] = {OP_ADD, OP_SUB, OP_MUL, OP_DIV};
    unsigned k = (xo >> 3) & 3; /* add sub mul div / madd msub (a|m) */
    if (!(xo & 1))
        return gen_arith_kind(ctx, kind, (VsxOp)bin_ops[k], SH_BIN);
    bool neg = xo & 0x80;
    bool msub = k & 2; /* madd: k 0,1 (a, m); msub: k 2,3 */
    VsxOp op = neg ? (msub ? OP_NMSUB : OP_NMADD) : (msub ? OP_MSUB : OP_MADD);
    return gen_arith_kind(ctx, kind, op, (k & 1) ? SH_FMA_M : SH_FMA_A);
}

static bool trans_scalar_dp(PpcCtx *c) { return gen_arith(c, K_SCALAR_DP); }
static bool trans_scalar_sp(PpcCtx *c) { return gen_arith(c, K_SCALAR_SP); }

bool ppc_vsx_arith_joins_run(const PpcInsnForm *f, uint32_t insn)
{
    bool scalar = f->translate == trans_scalar_dp || f->translate == trans_scalar_sp;
    return scalar && ppc_xt(insn) < 32 && ppc_xa(insn) < 32 && ppc_xb(insn) < 32;
}
static bool trans_vector_dp(PpcCtx *c) { return gen_arith(c, K_VECTOR_DP); }
static bool trans_vector_sp(PpcCtx *c) { return gen_arith(c, K_VECTOR_SP); }

/* XX2 unary arithmetic: sqrt and the estimates. */
static bool trans_xssqrtdp(PpcCtx *c) { return gen_arith_kind(c, K_SCALAR_DP, OP_SQRT, SH_BIN); }
static bool trans_xsredp(PpcCtx *c) { return gen_arith_kind(c, K_SCALAR_DP, OP_RE, SH_BIN); }
static bool trans_xsrsqrtedp(PpcCtx *c) { return gen_arith_kind(c, K_SCALAR_DP, OP_RSQRTE, SH_BIN); }
static bool trans_xssqrtsp(PpcCtx *c) { return gen_arith_kind(c, K_SCALAR_SP, OP_SQRT, SH_BIN); }
static bool trans_xsresp(PpcCtx *c) { return gen_arith_kind(c, K_SCALAR_SP, OP_RE, SH_BIN); }
static bool trans_xsrsqrtesp(PpcCtx *c) { return gen_arith_kind(c, K_SCALAR_SP, OP_RSQRTE, SH_BIN); }
static bool trans_xvsqrtdp(PpcCtx *c) { return gen_arith_kind(c, K_VECTOR_DP, OP_SQRT, SH_BIN); }
static bool trans_xvredp(PpcCtx *c) { return gen_arith_kind(c, K_VECTOR_DP, OP_RE, SH_BIN); }
static bool trans_xvrsqrtedp(PpcCtx *c) { return gen_arith_kind(c, K_VECTOR_DP, OP_RSQRTE, SH_BIN); }
static bool trans_xvsqrtsp(PpcCtx *c) { return gen_arith_kind(c, K_VECTOR_SP, OP_SQRT, SH_BIN); }
static bool trans_xvresp(PpcCtx *c) { return gen_arith_kind(c, K_VECTOR_SP, OP_RE, SH_BIN); }
static bool trans_xvrsqrtesp(PpcCtx *c) { return gen_arith_kind(c, K_VECTOR_SP, OP_RSQRTE, SH_BIN); }

static bool trans_xsmaxdp(PpcCtx *c) { return run(c, f_maxmin, 1); }
static bool trans_xsmindp(PpcCtx *c) { return run(c, f_maxmin, 0); }
static bool trans_xvmaxdp(PpcCtx *c) { return run(c, f_maxmin, 3); }
static bool trans_xvmindp(PpcCtx *c) { return run(c, f_maxmin, 2); }
static bool trans_xvmaxsp(PpcCtx *c) { return run(c, f_maxmin, 7); }
static bool trans_xvminsp(PpcCtx *c) { return run(c, f_maxmin, 6); }

/* Vector compares: Rc (bit 21) sets CR6 = all true | none true. */
static bool gen_vcmp(PpcCtx *ctx, uint32_t kind)
{
    run(ctx, f_vcmp, kind);
    if ((ctx->insn >> 10) & 1)
        ppc_vec_set_cr6(ctx, ppc_xt(ctx->insn));
    return true;
}

static bool trans_xvcmpeqdp(PpcCtx *c) { return gen_vcmp(c, 0); }
static bool trans_xvcmpgedp(PpcCtx *c) { return gen_vcmp(c, 1); }
static bool trans_xvcmpgtdp(PpcCtx *c) { return gen_vcmp(c, 2); }
static bool trans_xvcmpeqsp(PpcCtx *c) { return gen_vcmp(c, 4); }
static bool trans_xvcmpgesp(PpcCtx *c) { return gen_vcmp(c, 5); }
static bool trans_xvcmpgtsp(PpcCtx *c) { return gen_vcmp(c, 6); }

/* xscmpudp / xscmpodp: fcmpu / fcmpo on doubleword 0. */
static bool gen_scmp(PpcCtx *ctx, bool ordered)
{
    uint32_t i = ctx->insn;
    ppc_fp_gen_compare(ctx, ordered, vsr_f64(ctx, ppc_xa(i), 0), vsr_f64(ctx, ppc_xb(i), 0), ppc_crfd(i));
    return true;
}

static bool trans_xscmpudp(PpcCtx *c) { return gen_scmp(c, false); }
static bool trans_xscmpodp(PpcCtx *c) { return gen_scmp(c, true); }

static bool trans_xsrdpi(PpcCtx *c) { return run(c, f_round, PPC_FRI_NEAREST_AWAY); }
static bool trans_xsrdpiz(PpcCtx *c) { return run(c, f_round, PPC_FRI_TRUNC); }
static bool trans_xsrdpip(PpcCtx *c) { return run(c, f_round, PPC_FRI_CEIL); }
static bool trans_xsrdpim(PpcCtx *c) { return run(c, f_round, PPC_FRI_FLOOR); }
static bool trans_xsrdpic(PpcCtx *c) { return run(c, f_round, 4); }
static bool trans_xvrdpi(PpcCtx *c) { return run(c, f_round, 8 | PPC_FRI_NEAREST_AWAY); }
static bool trans_xvrdpiz(PpcCtx *c) { return run(c, f_round, 8 | PPC_FRI_TRUNC); }
static bool trans_xvrdpip(PpcCtx *c) { return run(c, f_round, 8 | PPC_FRI_CEIL); }
static bool trans_xvrdpim(PpcCtx *c) { return run(c, f_round, 8 | PPC_FRI_FLOOR); }
static bool trans_xvrdpic(PpcCtx *c) { return run(c, f_round, 8 | 4); }
static bool trans_xvrspi(PpcCtx *c) { return run(c, f_round, 24 | PPC_FRI_NEAREST_AWAY); }
static bool trans_xvrspiz(PpcCtx *c) { return run(c, f_round, 24 | PPC_FRI_TRUNC); }
static bool trans_xvrspip(PpcCtx *c) { return run(c, f_round, 24 | PPC_FRI_CEIL); }
static bool trans_xvrspim(PpcCtx *c) { return run(c, f_round, 24 | PPC_FRI_FLOOR); }
static bool trans_xvrspic(PpcCtx *c) { return run(c, f_round, 24 | 4); }

/* ---- sign operations and simple conversions as IR -------------------- */

/* Sign operations on the bit patterns (no status): abs, nabs, neg, and
 * copy sign (XB's magnitude, XA's sign), on doubleword 0 (scalar; dw 1
 * is left as it was) or on both, per double or per single lane. */
typedef enum VsxSignOp { SIGN_ABS, SIGN_NABS, SIGN_NEG, SIGN_COPY } VsxSignOp;

static bool gen_sign(PpcCtx *ctx, VsxSignOp how, bool vector, bool single)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    uint64_t sign = single ? 0x8000000080000000ull : D_SIGN;
    IrTemp res[2];
    unsigned count = vector ? 2 : 1;
    for (unsigned dw = 0; dw < count; dw++) {
        IrTemp x = ppc_vsr_ld(ctx, ppc_xb(i), dw);
        switch (how) {
        case SIGN_ABS:
            res[dw] = ir_andi(b, x, ~sign);
            break;
        case SIGN_NABS:
            res[dw] = ir_ori(b, x, sign);
            break;
        case SIGN_NEG:
            res[dw] = ir_xori(b, x, sign);
            break;
        default:
            res[dw] = ir_or(b, ir_andi(b, x, ~sign), ir_andi(b, ppc_vsr_ld(ctx, ppc_xa(i), dw), sign));
            break;
        }
    }
    for (unsigned dw = 0; dw < count; dw++)
        ppc_vsr_st(ctx, ppc_xt(i), dw, res[dw]);
    return true;
}

static bool trans_xsabsdp(PpcCtx *c) { return gen_sign(c, SIGN_ABS, false, false); }
static bool trans_xsnabsdp(PpcCtx *c) { return gen_sign(c, SIGN_NABS, false, false); }
static bool trans_xsnegdp(PpcCtx *c) { return gen_sign(c, SIGN_NEG, false, false); }
static bool trans_xscpsgndp(PpcCtx *c) { return gen_sign(c, SIGN_COPY, false, false); }
static bool trans_xvabsdp(PpcCtx *c) { return gen_sign(c, SIGN_ABS, true, false); }
static bool trans_xvnabsdp(PpcCtx *c) { return gen_sign(c, SIGN_NABS, true, false); }
static bool trans_xvnegdp(PpcCtx *c) { return gen_sign(c, SIGN_NEG, true, false); }
static bool trans_xvcpsgndp(PpcCtx *c) { return gen_sign(c, SIGN_COPY, true, false); }
static bool trans_xvabssp(PpcCtx *c) { return gen_sign(c, SIGN_ABS, true, true); }
static bool trans_xvnabssp(PpcCtx *c) { return gen_sign(c, SIGN_NABS, true, true); }
static bool trans_xvnegsp(PpcCtx *c) { return gen_sign(c, SIGN_NEG, true, true); }
static bool trans_xvcpsgnsp(PpcCtx *c) { return gen_sign(c, SIGN_COPY, true, true); }

/* A conversion with a fast path in IR: `rare` (i64, nonzero) sends it to
 * the exact C function f_convert(cv) instead, which writes XT itself. */
static void convert_or_help(PpcCtx *ctx, IrTemp rare, unsigned cv, IrTemp dw0)
{
    IrLabel l_usual = ppc_fp_rare_begin(ctx, IR_EQ, rare, ir_const64(ctx->ir, 0));
    run(ctx, f_convert, cv);
    ppc_fp_rare_end(ctx, l_usual);
    ppc_vsr_st(ctx, ppc_xt(ctx->insn), 0, dw0);
}

/* i64 0/1: the double bit pattern is a NaN. */
static IrTemp d_is_nan(PpcCtx *ctx, IrTemp bits)
{
    IrBlock *b = ctx->ir;
    return ir_setcond(b, IR_GTU, ir_andi(b, bits, ~D_SIGN), ir_const64(b, 0x7ff0000000000000ull));
}

/* xscvdpsp, xsrsp: XB rounded to single in the current mode, with status,
 * like frsp (the lazy record: FPRF of a single, FR, FI); xscvdpsp leaves
 * the single in words 0 and 1, xsrsp the double it denotes. A NaN goes to
 * the exact function (quieting, VXSNAN). */
static bool gen_round_to_single(PpcCtx *ctx, bool as_double)
{
    IrBlock *b = ctx->ir;
    IrTemp src = vsr_f64(ctx, ppc_xb(ctx->insn), 0);
    IrTemp bits = ir_bitcast(b, IR_I64, src);
    IrTemp s = ir_cvt(b, IR_OP_fcvt_f64, IR_F32, src, 0);
    IrTemp dw0;
    if (as_double) {
        dw0 = ir_bitcast(b, IR_I64, ir_cvt(b, IR_OP_fcvt_f32, IR_F64, s, 0));
    } else {
        IrTemp w = ir_ext_i32u(b, ir_bitcast(b, IR_I32, s));
        dw0 = ir_or(b, ir_shli(b, w, 32), w);
    }
    IrTemp nan = d_is_nan(ctx, bits);
    convert_or_help(ctx, nan, as_double ? CV_RSP : CV_DPSP, dw0);
    ppc_fp_note_op(ctx, PPC_FPOP_FRSP | PPC_FPR_SINGLE, src, 0, 0);
    return true;
}

/* xscvspdp: the single in word 0 of XB as a double: exact, FPRF of the
 * double (recorded as an exact operation on its result), FR = FI = 0; a
 * NaN goes to the exact function (quieting, VXSNAN). */
static bool trans_xscvspdp(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    IrTemp w = ir_trunc_i64(b, ir_shri(b, ppc_vsr_ld(ctx, ppc_xb(ctx->insn), 0), 32));
    IrTemp d = ppc_fp_single_to_double(ctx, w);
    IrTemp bits = ir_bitcast(b, IR_I64, d);
    convert_or_help(ctx, d_is_nan(ctx, bits), CV_SPDP, bits);
    ppc_fp_note_op(ctx, PPC_FPOP_FRSP, d, 0, 0);
    return true;
}

/* xscvspdpn: the same without status: a signalling NaN stays one. */
static bool trans_xscvspdpn(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    IrTemp w = ir_trunc_i64(b, ir_shri(b, ppc_vsr_ld(ctx, ppc_xb(ctx->insn), 0), 32));
    ppc_vsr_st(ctx, ppc_xt(ctx->insn), 0, ir_bitcast(b, IR_I64, ppc_fp_single_to_double(ctx, w)));
    return true;
}

/* xscvdpspn: XB as a single in word 0 (and 1) without status. Values a
 * single holds exactly (and infinities, NaNs) are bit moves, as stfs does
 * them; the rest round in the exact function, which keeps the flags. */
static bool trans_xscvdpspn(PpcCtx *ctx)
{
    IrBlock *b = ctx->ir;
    IrTemp bits = ppc_vsr_ld(ctx, ppc_xb(ctx->insn), 0);
    /* exact: zero, or a normal single (biased exponent 897..1150 as a
     * double) with the low 29 fraction bits clear, or an infinity or NaN */
    IrTemp exp = ir_extract(b, bits, 52, 11);
    IrTemp normal = ir_setcond(b, IR_LEU, ir_sub(b, exp, ir_const64(b, 897)), ir_const64(b, 1150 - 897));
    IrTemp narrow = ir_setcond(b, IR_EQ, ir_andi(b, bits, 0x1fffffff), ir_const64(b, 0));
    IrTemp special = ir_setcond(b, IR_EQ, exp, ir_const64(b, 0x7ff));
    IrTemp zero = ir_setcond(b, IR_EQ, ir_andi(b, bits, ~D_SIGN), ir_const64(b, 0));
    IrTemp exact = ir_or(b, ir_or(b, ir_and(b, normal, narrow), special), zero);
    IrTemp w = ir_ext_i32u(b, ppc_fp_double_to_single_bits(ctx, bits));
    convert_or_help(ctx, ir_xori(b, exact, 1), CV_DPSPN, ir_or(b, ir_shli(b, w, 32), w));
    return true;
}

static bool trans_xscvdpsp(PpcCtx *c) { return gen_round_to_single(c, false); }
static bool trans_xsrsp(PpcCtx *c) { return gen_round_to_single(c, true); }
/* xscv{s,u}xd{d,s}p: fcfid[u][s] on doubleword 0 (dw 1 is left). */
static bool gen_from_int(PpcCtx *ctx, bool is_unsigned, bool single)
{
    uint32_t i = ctx->insn;
    ppc_fp_gen_from_int(ctx, is_unsigned, single, vsr_f64(ctx, ppc_xb(i), 0), ppc_vsr_off(ppc_xt(i), 0));
    return true;
}

/* xscvdp{s,u}x{d,w}s: toward zero, into doubleword 0 (a word zero-
 * extended); FPRF, FR and FI are left. Sources that cannot go out of
 * range (|x| < 2^63, or < 2^31 - 1 / 2^32 - 1 for words; not negative
 * for unsigned) take the IR conversion, whose inexact flag is XX; the
 * rest (NaN, large, negative unsigned) the exact function (saturation,
 * VXCVI). */
static bool gen_to_int(PpcCtx *ctx, bool is64, bool is_unsigned, unsigned cv)
{
    IrBlock *b = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp bits = ppc_vsr_ld(ctx, ppc_xb(i), 0);
    uint64_t bound = is64 ? 0x43e0000000000000ull : is_unsigned ? 0x41efffffffe00000ull : 0x41dfffffffc00000ull;
    IrTemp key = is_unsigned ? bits : ir_andi(b, bits, ~D_SIGN); /* unsigned: negative -> huge */
    IrLabel l_usual = ppc_fp_rare_begin(ctx, IR_LTU, key, ir_const64(b, bound));
    run(ctx, f_convert, cv);
    ppc_fp_rare_end(ctx, l_usual);
    IrTemp v = ir_cvt(b, IR_OP_cvt_f_s64, IR_I64, ir_bitcast(b, IR_F64, bits), IR_ROUND_TRUNC);
    ppc_vsr_st(ctx, ppc_xt(i), 0, is64 ? v : ir_andi(b, v, 0xffffffffu));
    return true;
}

static bool trans_xscvdpsxds(PpcCtx *c) { return gen_to_int(c, true, false, CV_DP_SXDS); }
static bool trans_xscvdpuxds(PpcCtx *c) { return gen_to_int(c, true, true, CV_DP_UXDS); }
static bool trans_xscvdpsxws(PpcCtx *c) { return gen_to_int(c, false, false, CV_DP_SXWS); }
static bool trans_xscvdpuxws(PpcCtx *c) { return gen_to_int(c, false, true, CV_DP_UXWS); }
static bool trans_xscvsxddp(PpcCtx *c) { return gen_from_int(c, false, false); }
static bool trans_xscvuxddp(PpcCtx *c) { return gen_from_int(c, true, false); }
static bool trans_xscvsxdsp(PpcCtx *c) { return gen_from_int(c, false, true); }
static bool trans_xscvuxdsp(PpcCtx *c) { return gen_from_int(c, true, true); }
static bool trans_xvcvdpsp(PpcCtx *c) { return run(c, f_convert, CV_V_DPSP); }
static bool trans_xvcvspdp(PpcCtx *c) { return run(c, f_convert, CV_V_SPDP); }
static bool trans_xvcvdpsxds(PpcCtx *c) { return run(c, f_convert, CV_V_DP_SXDS); }
static bool trans_xvcvdpuxds(PpcCtx *c) { return run(c, f_convert, CV_V_DP_UXDS); }
static bool trans_xvcvdpsxws(PpcCtx *c) { return run(c, f_convert, CV_V_DP_SXWS); }
static bool trans_xvcvdpuxws(PpcCtx *c) { return run(c, f_convert, CV_V_DP_UXWS); }
static bool trans_xvcvspsxws(PpcCtx *c) { return run(c, f_convert, CV_V_SP_SXWS); }
static bool trans_xvcvspuxws(PpcCtx *c) { return run(c, f_convert, CV_V_SP_UXWS); }
static bool trans_xvcvspsxds(PpcCtx *c) { return run(c, f_convert, CV_V_SP_SXDS); }
static bool trans_xvcvspuxds(PpcCtx *c) { return run(c, f_convert, CV_V_SP_UXDS); }
static bool trans_xvcvsxddp(PpcCtx *c) { return run(c, f_convert, CV_V_SXD_DP); }
static bool trans_xvcvuxddp(PpcCtx *c) { return run(c, f_convert, CV_V_UXD_DP); }
static bool trans_xvcvsxwdp(PpcCtx *c) { return run(c, f_convert, CV_V_SXW_DP); }
static bool trans_xvcvuxwdp(PpcCtx *c) { return run(c, f_convert, CV_V_UXW_DP); }
static bool trans_xvcvsxwsp(PpcCtx *c) { return run(c, f_convert, CV_V_SXW_SP); }
static bool trans_xvcvuxwsp(PpcCtx *c) { return run(c, f_convert, CV_V_UXW_SP); }
static bool trans_xvcvsxdsp(PpcCtx *c) { return run(c, f_convert, CV_V_SXD_SP); }
static bool trans_xvcvuxdsp(PpcCtx *c) { return run(c, f_convert, CV_V_UXD_SP); }

#define XX3(xo) (0xf0000000u | (uint32_t)(xo) << 3)
#define XX2(xo) (0xf0000000u | (uint32_t)(xo) << 2)
#define M_XX3 0xfc0007f8u        /* opcode 60, XO 21:28; AX BX TX free */
#define M_XX3_RC 0xfc0003f8u     /* ... XO 22:28, Rc (bit 21) free */
#define M_XX2 0xfc1f07fcu        /* opcode 60, XO 21:29, bits 11:15 reserved */
#define M_XSCMP 0xfc6007f9u      /* BF, bits 9:10 and bit 31 reserved */

const PpcInsnForm ppc_vsx_fp_forms[] = {
    /* scalar double: add sub mul div, fused multiply-add (a: XT addend, m: XB addend) */
    {M_XX3, XX3(32), "xsadddp", trans_scalar_dp},
    {M_XX3, XX3(40), "xssubdp", trans_scalar_dp},
    {M_XX3, XX3(48), "xsmuldp", trans_scalar_dp},
    {M_XX3, XX3(56), "xsdivdp", trans_scalar_dp},
    {M_XX3, XX3(33), "xsmaddadp", trans_scalar_dp},
    {M_XX3, XX3(41), "xsmaddmdp", trans_scalar_dp},
    {M_XX3, XX3(49), "xsmsubadp", trans_scalar_dp},
    {M_XX3, XX3(57), "xsmsubmdp", trans_scalar_dp},
    {M_XX3, XX3(161), "xsnmaddadp", trans_scalar_dp},
    {M_XX3, XX3(169), "xsnmaddmdp", trans_scalar_dp},
    {M_XX3, XX3(177), "xsnmsubadp", trans_scalar_dp},
    {M_XX3, XX3(185), "xsnmsubmdp", trans_scalar_dp},
    /* scalar single (ISA 2.07) */
    {M_XX3, XX3(0), "xsaddsp", trans_scalar_sp},
    {M_XX3, XX3(8), "xssubsp", trans_scalar_sp},
    {M_XX3, XX3(16), "xsmulsp", trans_scalar_sp},
    {M_XX3, XX3(24), "xsdivsp", trans_scalar_sp},
    {M_XX3, XX3(1), "xsmaddasp", trans_scalar_sp},
    {M_XX3, XX3(9), "xsmaddmsp", trans_scalar_sp},
    {M_XX3, XX3(17), "xsmsubasp", trans_scalar_sp},
    {M_XX3, XX3(25), "xsmsubmsp", trans_scalar_sp},
    {M_XX3, XX3(129), "xsnmaddasp", trans_scalar_sp},
    {M_XX3, XX3(137), "xsnmaddmsp", trans_scalar_sp},
    {M_XX3, XX3(145), "xsnmsubasp", trans_scalar_sp},
    {M_XX3, XX3(153), "xsnmsubmsp", trans_scalar_sp},
    /* vector double */
    {M_XX3, XX3(96), "xvadddp", trans_vector_dp},
    {M_XX3, XX3(104), "xvsubdp", trans_vector_dp},
    {M_XX3, XX3(112), "xvmuldp", trans_vector_dp},
    {M_XX3, XX3(120), "xvdivdp", trans_vector_dp},
    {M_XX3, XX3(97), "xvmaddadp", trans_vector_dp},
    {M_XX3, XX3(105), "xvmaddmdp", trans_vector_dp},
    {M_XX3, XX3(113), "xvmsubadp", trans_vector_dp},
    {M_XX3, XX3(121), "xvmsubmdp", trans_vector_dp},
    {M_XX3, XX3(225), "xvnmaddadp", trans_vector_dp},
    {M_XX3, XX3(233), "xvnmaddmdp", trans_vector_dp},
    {M_XX3, XX3(241), "xvnmsubadp", trans_vector_dp},
    {M_XX3, XX3(249), "xvnmsubmdp", trans_vector_dp},
    /* vector single */
    {M_XX3, XX3(64), "xvaddsp", trans_vector_sp},
    {M_XX3, XX3(72), "xvsubsp", trans_vector_sp},
    {M_XX3, XX3(80), "xvmulsp", trans_vector_sp},
    {M_XX3, XX3(88), "xvdivsp", trans_vector_sp},
    {M_XX3, XX3(65), "xvmaddasp", trans_vector_sp},
    {M_XX3, XX3(73), "xvmaddmsp", trans_vector_sp},
    {M_XX3, XX3(81), "xvmsubasp", trans_vector_sp},
    {M_XX3, XX3(89), "xvmsubmsp", trans_vector_sp},
    {M_XX3, XX3(193), "xvnmaddasp", trans_vector_sp},
    {M_XX3, XX3(201), "xvnmaddmsp", trans_vector_sp},
    {M_XX3, XX3(209), "xvnmsubasp", trans_vector_sp},
    {M_XX3, XX3(217), "xvnmsubmsp", trans_vector_sp},
    /* square root and estimates (XX2) */
    {M_XX2, XX2(75), "xssqrtdp", trans_xssqrtdp},
    {M_XX2, XX2(90), "xsredp", trans_xsredp},
    {M_XX2, XX2(74), "xsrsqrtedp", trans_xsrsqrtedp},
    {M_XX2, XX2(11), "xssqrtsp", trans_xssqrtsp},
    {M_XX2, XX2(26), "xsresp", trans_xsresp},
    {M_XX2, XX2(10), "xsrsqrtesp", trans_xsrsqrtesp},
    {M_XX2, XX2(203), "xvsqrtdp", trans_xvsqrtdp},
    {M_XX2, XX2(218), "xvredp", trans_xvredp},
    {M_XX2, XX2(202), "xvrsqrtedp", trans_xvrsqrtedp},
    {M_XX2, XX2(139), "xvsqrtsp", trans_xvsqrtsp},
    {M_XX2, XX2(154), "xvresp", trans_xvresp},
    {M_XX2, XX2(138), "xvrsqrtesp", trans_xvrsqrtesp},
    /* max / min */
    {M_XX3, XX3(160), "xsmaxdp", trans_xsmaxdp},
    {M_XX3, XX3(168), "xsmindp", trans_xsmindp},
    {M_XX3, XX3(224), "xvmaxdp", trans_xvmaxdp},
    {M_XX3, XX3(232), "xvmindp", trans_xvmindp},
    {M_XX3, XX3(192), "xvmaxsp", trans_xvmaxsp},
    {M_XX3, XX3(200), "xvminsp", trans_xvminsp},
    /* compares */
    {M_XSCMP, XX3(35), "xscmpudp", trans_xscmpudp}, /* CR[BF], FPCC */
    {M_XSCMP, XX3(43), "xscmpodp", trans_xscmpodp}, /* ... and VXVC for any NaN */
    {M_XX3_RC, XX3(99), "xvcmpeqdp", trans_xvcmpeqdp},
    {M_XX3_RC, XX3(115), "xvcmpgedp", trans_xvcmpgedp},
    {M_XX3_RC, XX3(107), "xvcmpgtdp", trans_xvcmpgtdp},
    {M_XX3_RC, XX3(67), "xvcmpeqsp", trans_xvcmpeqsp},
    {M_XX3_RC, XX3(83), "xvcmpgesp", trans_xvcmpgesp},
    {M_XX3_RC, XX3(75), "xvcmpgtsp", trans_xvcmpgtsp},
    /* round to integral: nearest-away, zero, +inf, -inf, current mode */
    {M_XX2, XX2(73), "xsrdpi", trans_xsrdpi},
    {M_XX2, XX2(89), "xsrdpiz", trans_xsrdpiz},
    {M_XX2, XX2(105), "xsrdpip", trans_xsrdpip},
    {M_XX2, XX2(121), "xsrdpim", trans_xsrdpim},
    {M_XX2, XX2(107), "xsrdpic", trans_xsrdpic},
    {M_XX2, XX2(201), "xvrdpi", trans_xvrdpi},
    {M_XX2, XX2(217), "xvrdpiz", trans_xvrdpiz},
    {M_XX2, XX2(233), "xvrdpip", trans_xvrdpip},
    {M_XX2, XX2(249), "xvrdpim", trans_xvrdpim},
    {M_XX2, XX2(235), "xvrdpic", trans_xvrdpic},
    {M_XX2, XX2(137), "xvrspi", trans_xvrspi},
    {M_XX2, XX2(153), "xvrspiz", trans_xvrspiz},
    {M_XX2, XX2(169), "xvrspip", trans_xvrspip},
    {M_XX2, XX2(185), "xvrspim", trans_xvrspim},
    {M_XX2, XX2(171), "xvrspic", trans_xvrspic},
    /* sign operations (bit patterns) */
    {M_XX2, XX2(345), "xsabsdp", trans_xsabsdp},
    {M_XX2, XX2(361), "xsnabsdp", trans_xsnabsdp},
    {M_XX2, XX2(377), "xsnegdp", trans_xsnegdp},
    {M_XX3, XX3(176), "xscpsgndp", trans_xscpsgndp},
    {M_XX2, XX2(473), "xvabsdp", trans_xvabsdp},
    {M_XX2, XX2(489), "xvnabsdp", trans_xvnabsdp},
    {M_XX2, XX2(505), "xvnegdp", trans_xvnegdp},
    {M_XX3, XX3(240), "xvcpsgndp", trans_xvcpsgndp},
    {M_XX2, XX2(409), "xvabssp", trans_xvabssp},
    {M_XX2, XX2(425), "xvnabssp", trans_xvnabssp},
    {M_XX2, XX2(441), "xvnegsp", trans_xvnegsp},
    {M_XX3, XX3(208), "xvcpsgnsp", trans_xvcpsgnsp},
    /* conversions */
    {M_XX2, XX2(265), "xscvdpsp", trans_xscvdpsp},
    {M_XX2, XX2(267), "xscvdpspn", trans_xscvdpspn},
    {M_XX2, XX2(329), "xscvspdp", trans_xscvspdp},
    {M_XX2, XX2(331), "xscvspdpn", trans_xscvspdpn},
    {M_XX2, XX2(281), "xsrsp", trans_xsrsp},
    {M_XX2, XX2(344), "xscvdpsxds", trans_xscvdpsxds},
    {M_XX2, XX2(328), "xscvdpuxds", trans_xscvdpuxds},
    {M_XX2, XX2(88), "xscvdpsxws", trans_xscvdpsxws},
    {M_XX2, XX2(72), "xscvdpuxws", trans_xscvdpuxws},
    {M_XX2, XX2(376), "xscvsxddp", trans_xscvsxddp},
    {M_XX2, XX2(360), "xscvuxddp", trans_xscvuxddp},
    {M_XX2, XX2(312), "xscvsxdsp", trans_xscvsxdsp},
    {M_XX2, XX2(296), "xscvuxdsp", trans_xscvuxdsp},
    {M_XX2, XX2(393), "xvcvdpsp", trans_xvcvdpsp},
    {M_XX2, XX2(457), "xvcvspdp", trans_xvcvspdp},
    {M_XX2, XX2(472), "xvcvdpsxds", trans_xvcvdpsxds},
    {M_XX2, XX2(456), "xvcvdpuxds", trans_xvcvdpuxds},
    {M_XX2, XX2(216), "xvcvdpsxws", trans_xvcvdpsxws},
    {M_XX2, XX2(200), "xvcvdpuxws", trans_xvcvdpuxws},
    {M_XX2, XX2(152), "xvcvspsxws", trans_xvcvspsxws},
    {M_XX2, XX2(136), "xvcvspuxws", trans_xvcvspuxws},
    {M_XX2, XX2(408), "xvcvspsxds", trans_xvcvspsxds},
    {M_XX2, XX2(392), "xvcvspuxds", trans_xvcvspuxds},
    {M_XX2, XX2(504), "xvcvsxddp", trans_xvcvsxddp},
    {M_XX2, XX2(488), "xvcvuxddp", trans_xvcvuxddp},
    {M_XX2, XX2(248), "xvcvsxwdp", trans_xvcvsxwdp},
    {M_XX2, XX2(232), "xvcvuxwdp", trans_xvcvuxwdp},
    {M_XX2, XX2(184), "xvcvsxwsp", trans_xvcvsxwsp},
    {M_XX2, XX2(168), "xvcvuxwsp", trans_xvcvuxwsp},
    {M_XX2, XX2(440), "xvcvsxdsp", trans_xvcvsxdsp},
    {M_XX2, XX2(424), "xvcvuxdsp", trans_xvcvuxdsp},
    {0, 0, NULL, NULL},
};
