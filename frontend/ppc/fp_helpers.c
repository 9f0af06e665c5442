/* frontend/ppc/fp_helpers.c — the PowerPC FPSCR (folding the host's sticky
 * FP flags into it, reading and writing it) and the few FP operations that
 * the host cannot do exactly in one IR op: single-precision results that a
 * double-then-single rounding would get wrong, and round-to-integer.
 *
 * Exactness of the lazily derived FPSCR (see fp_helpers.h for the layout):
 *   exact   OX UX ZX XX (from the host's sticky flags; the host detects
 *           tininess after rounding, POWER before: UX can differ for results
 *           within one ulp of the smallest normal), FX, VX, FEX,
 *           VXVC, VXCVI, and VXSNAN of compares and integer conversions
 *           (these are set by IR/helpers, not guessed), all control bits.
 *   derived FPRF: the class of the result of the last FPRF-setting
 *           instruction before the FPSCR was read (or FPCC of a later
 *           compare) — exact in program order.
 *   guessed the cause of an invalid operation raised by arithmetic: the
 *           host only says "invalid". A NaN result carrying a payload means
 *           a signalling NaN was quieted (VXSNAN); otherwise the last
 *           operation's kind decides: add/sub VXISI, mul and fma VXIMZ, div
 *           VXZDZ (VXIDI is never chosen), sqrt VXSQRT, conversions VXSNAN,
 *           unknown VXSOFT. Exact when the invalid operation was the last
 *           arithmetic before the read, except inf/inf (reported as VXZDZ)
 *           and fma's inf-inf (reported as VXIMZ).
 *           FI is "some operation since the last read was inexact", FR is
 *           always 0 after a read that saw arithmetic.
 *   not modelled: NI (non-IEEE mode), trapping on enabled exceptions
 *           (Linux starts processes with MSR[FE0,FE1] = 0, ignored mode),
 *           and the "target unchanged" rule of enabled invalid/zero-divide
 *           exceptions.
 */
#include <fenv.h>
#include <math.h>
#include <string.h>

#include "frontend/ppc/fp_helpers.h"

static const int rn_to_host[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};

static inline uint64_t bits_of(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof(u));
    return u;
}

static inline double double_of(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof(d));
    return d;
}

static inline bool bits_is_nan(uint64_t u) { return (u & ~(1ull << 63)) > 0x7ff0000000000000ull; }
static inline bool bits_is_snan(uint64_t u) { return bits_is_nan(u) && !(u & (1ull << 51)); }

static inline uint32_t *kind_word(PpcCpu *cpu) { return (uint32_t *)&cpu->fp_scratch[1]; }

/* Recompute the summary bits VX and FEX. */
static uint32_t fpscr_summarize(uint32_t f)
{
    f &= ~(PPC_FPSCR_VX | PPC_FPSCR_FEX | PPC_FPSCR_RESERVED);
    if (f & PPC_FPSCR_VX_CAUSES)
        f |= PPC_FPSCR_VX;
    /* VX OX UX ZX XX (bits 29..25) line up with VE OE UE ZE XE (7..3). */
    if ((f >> 22) & f & PPC_FPSCR_ENABLES)
        f |= PPC_FPSCR_FEX;
    return f;
}

/* Set exception bits as an FP instruction does: FX follows any 0 -> 1. */
static uint32_t fpscr_raise(uint32_t f, uint32_t bits)
{
    if (bits & PPC_FPSCR_EXCEPTIONS & ~f)
        f |= PPC_FPSCR_FX;
    return fpscr_summarize(f | bits);
}

static void install_rounding(uint32_t fpscr) { fesetround(rn_to_host[fpscr & PPC_FPSCR_RN]); }

uint32_t ppc_fp_fprf(uint64_t bits, bool single)
{
    bool neg = bits >> 63;
    unsigned exp = (bits >> 52) & 0x7ff;
    uint64_t frac = bits & 0xfffffffffffffull;
    uint32_t code;
    if (exp == 0x7ff)
        code = frac ? 0x11 : neg ? 0x09 : 0x05;     /* QNaN, -inf, +inf */
    else if (exp == 0 && frac == 0)
        code = neg ? 0x12 : 0x02;                   /* -0, +0 */
    else if (exp == 0 || (single && exp <= 896))    /* denormal (in its format) */
        code = neg ? 0x18 : 0x14;
    else
        code = neg ? 0x08 : 0x04;                   /* normal */
    return code << 12;
}

/* The invalid-operation cause we attribute to the host's FE_INVALID. */
static uint32_t guess_invalid_cause(uint32_t kind, uint64_t last)
{
    if (kind != PPC_FPK_NONE && bits_is_nan(last) && (last & 0x7ffffffffffffull))
        return PPC_FPSCR_VXSNAN; /* a quieted signalling NaN keeps its payload */
    switch (kind & ~(PPC_FPK_SINGLE | PPC_FPK_STALE)) {
    case PPC_FPK_ADD: return PPC_FPSCR_VXISI;
    case PPC_FPK_MUL: return PPC_FPSCR_VXIMZ;
    case PPC_FPK_DIV: return PPC_FPSCR_VXZDZ;
    case PPC_FPK_SQRT: return PPC_FPSCR_VXSQRT;
    case PPC_FPK_FMA: return PPC_FPSCR_VXIMZ;
    case PPC_FPK_CONV: return PPC_FPSCR_VXSNAN;
    default: return PPC_FPSCR_VXSOFT;
    }
}

uint32_t ppc_fp_sync(PpcCpu *cpu)
{
    int raised = fetestexcept(FE_ALL_EXCEPT);
    uint32_t kind = *kind_word(cpu);
    uint32_t f = cpu->fpscr;
    if (kind != PPC_FPK_NONE && !(kind & PPC_FPK_STALE))
        f = (f & ~PPC_FPSCR_FPRF) | ppc_fp_fprf(cpu->fp_scratch[0], kind & PPC_FPK_SINGLE);
    if (kind != PPC_FPK_NONE || raised) {
        f &= ~(PPC_FPSCR_FR | PPC_FPSCR_FI);
        if (raised & FE_INEXACT)
            f |= PPC_FPSCR_FI;
    }
    uint32_t add = 0;
    if (raised & FE_INEXACT)
        add |= PPC_FPSCR_XX;
    if (raised & FE_DIVBYZERO)
        add |= PPC_FPSCR_ZX;
    if (raised & FE_OVERFLOW)
        add |= PPC_FPSCR_OX;
    if (raised & FE_UNDERFLOW)
        add |= PPC_FPSCR_UX;
    if (raised & FE_INVALID)
        add |= guess_invalid_cause(kind, cpu->fp_scratch[0]);
    cpu->fpscr = fpscr_raise(f, add);
    *kind_word(cpu) = PPC_FPK_NONE;
    if (raised)
        feclearexcept(FE_ALL_EXCEPT);
    return cpu->fpscr;
}

void ppc_fp_set_fpscr(PpcCpu *cpu, uint64_t fpscr)
{
    feclearexcept(FE_ALL_EXCEPT);
    *kind_word(cpu) = PPC_FPK_NONE;
    cpu->fpscr = fpscr_summarize((uint32_t)fpscr);
    cpu->fp_pad = (uint32_t)(fpscr >> 32) & PPC_FPSCR_HI_DRN;
    install_rounding(cpu->fpscr);
}

/* ---- helpers called from generated code ----------------------------- */

static uint32_t h_sync(CpuCommon *env) { return ppc_fp_sync((PpcCpu *)env); }

/* Bits that the control-reading forms return (DRN, enables, NI, RN), and
 * mffsl adds the status it is allowed to see (FR, FI, FPRF). */
#define MFFS_CONTROL_LO (PPC_FPSCR_ENABLES | PPC_FPSCR_NI | PPC_FPSCR_RN)
#define MFFSL_LO (MFFS_CONTROL_LO | PPC_FPSCR_FR | PPC_FPSCR_FI | PPC_FPSCR_FPRF)

static uint64_t h_mffs(CpuCommon *env, uint32_t form, uint64_t operand)
{
    PpcCpu *cpu = (PpcCpu *)env;
    uint32_t lo = ppc_fp_sync(cpu);
    uint64_t hi = (uint64_t)cpu->fp_pad << 32;
    uint64_t control = hi | (lo & MFFS_CONTROL_LO);
    switch ((PpcMffsForm)form) {
    case PPC_MFFS:
        return hi | lo;
    case PPC_MFFSCE:
        cpu->fpscr = fpscr_summarize(lo & ~PPC_FPSCR_ENABLES);
        return hi | lo;
    case PPC_MFFSCDRN: /* DRN := FRB[29:31] */
        cpu->fp_pad = (uint32_t)(operand >> 32) & PPC_FPSCR_HI_DRN;
        return control;
    case PPC_MFFSCDRNI:
        cpu->fp_pad = (uint32_t)operand & PPC_FPSCR_HI_DRN;
        return control;
    case PPC_MFFSCRN: /* RN := FRB[62:63] */
    case PPC_MFFSCRNI:
        cpu->fpscr = (lo & ~PPC_FPSCR_RN) | ((uint32_t)operand & PPC_FPSCR_RN);
        install_rounding(cpu->fpscr);
        return control;
    case PPC_MFFSL:
        return hi | (lo & MFFSL_LO);
    }
    return hi | lo;
}

/* mtfsf / mtfsfi: replace the 4-bit fields of the 64-bit FPSCR selected by
 * `nibbles` (bit k: value bits 4k..4k+3) with those of `value`. FEX and VX
 * stay computed; FX is written, not implied (ISA: mtfsf and mtfsfi set FX
 * explicitly). */
static uint32_t h_write(CpuCommon *env, uint32_t nibbles, uint64_t value)
{
    PpcCpu *cpu = (PpcCpu *)env;
    uint64_t mask = 0;
    for (unsigned k = 0; k < 16; k++)
        if (nibbles & (1u << k))
            mask |= 0xfull << (4 * k);
    uint64_t old = (uint64_t)cpu->fp_pad << 32 | ppc_fp_sync(cpu);
    uint64_t now = (old & ~mask) | (value & mask);
    cpu->fpscr = fpscr_summarize((uint32_t)now);
    cpu->fp_pad = (uint32_t)(now >> 32) & PPC_FPSCR_HI_DRN;
    install_rounding(cpu->fpscr);
    return cpu->fpscr;
}

/* mtfsb0 / mtfsb1 BT (bit 32 + BT of the 64-bit FPSCR). */
static uint32_t h_mtfsb(CpuCommon *env, uint32_t bt, uint32_t set)
{
    PpcCpu *cpu = (PpcCpu *)env;
    uint32_t f = ppc_fp_sync(cpu);
    uint32_t bit = 1u << (31 - (bt & 31));
    if (bit & (PPC_FPSCR_FEX | PPC_FPSCR_VX))
        return f; /* computed bits: cannot be set or cleared explicitly */
    f = set ? fpscr_raise(f, bit) : fpscr_summarize(f & ~bit);
    cpu->fpscr = f;
    install_rounding(f);
    return f;
}

/* mcrfs: return field `bfa` of the low word and clear the exception bits
 * in it (FX, OX, UX, ZX, XX and the VX causes; FEX and VX are recomputed). */
static uint32_t h_mcrfs(CpuCommon *env, uint32_t bfa)
{
    PpcCpu *cpu = (PpcCpu *)env;
    uint32_t f = ppc_fp_sync(cpu);
    unsigned shift = 28 - 4 * (bfa & 7);
    uint32_t field = (f >> shift) & 0xf;
    uint32_t clear = (0xfu << shift) & (PPC_FPSCR_FX | PPC_FPSCR_EXCEPTIONS);
    cpu->fpscr = fpscr_summarize(f & ~clear);
    return field;
}

/* A compare found a NaN operand. fcmpu: VXSNAN for a signalling NaN.
 * fcmpo: VXSNAN for a signalling NaN plus VXVC unless VE is set; VXVC for
 * a quiet NaN. */
static void h_cmp_nan(CpuCommon *env, uint32_t ordered, uint64_t a, uint64_t b)
{
    PpcCpu *cpu = (PpcCpu *)env;
    bool snan = bits_is_snan(a) || bits_is_snan(b);
    uint32_t bits = snan ? PPC_FPSCR_VXSNAN : 0;
    if (ordered && (!snan || !(cpu->fpscr & PPC_FPSCR_VE)))
        bits |= PPC_FPSCR_VXVC;
    if (bits)
        cpu->fpscr = fpscr_raise(cpu->fpscr, bits);
}

/* fcti*: the source was a NaN or out of the target range. */
static void h_cvt_invalid(CpuCommon *env, uint64_t src)
{
    PpcCpu *cpu = (PpcCpu *)env;
    uint32_t bits = PPC_FPSCR_VXCVI | (bits_is_snan(src) ? PPC_FPSCR_VXSNAN : 0);
    cpu->fpscr = fpscr_raise(cpu->fpscr, bits);
}

static double single_op(PpcFpOp op, double a, double b, double c)
{
    switch (op) {
    case PPC_FPOP_ADD: return a + b;
    case PPC_FPOP_SUB: return a - b;
    case PPC_FPOP_MUL: return a * c;
    case PPC_FPOP_DIV: return a / b;
    case PPC_FPOP_SQRT: return sqrt(b);
    case PPC_FPOP_MADD: return fma(a, c, b);
    case PPC_FPOP_MSUB: return fma(a, c, -b);
    case PPC_FPOP_RSQRT: return 1.0 / sqrt(b);
    }
    return a;
}

/* The exact single-precision result of `op`: computed in double with
 * round-to-odd (toward zero, then the last bit set if inexact), which
 * leaves enough bits for the final rounding to single in the guest's mode
 * to be correct (53 >= 24 + 2). The host flags are those of that one
 * correct rounding: invalid and divide-by-zero from the operation, the
 * rest from the final conversion. */
static double h_single(CpuCommon *env, uint32_t op, double a, double b, double c)
{
    (void)env;
    fexcept_t saved;
    fegetexceptflag(&saved, FE_ALL_EXCEPT);
    int mode = fegetround();
    fesetround(FE_TOWARDZERO);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = single_op((PpcFpOp)op, a, b, c);
    int raised = fetestexcept(FE_ALL_EXCEPT);
    fesetround(mode);
    fesetexceptflag(&saved, FE_ALL_EXCEPT);
    if (raised & (FE_INVALID | FE_DIVBYZERO))
        feraiseexcept(raised & (FE_INVALID | FE_DIVBYZERO));
    uint64_t u = bits_of(r);
    if ((raised & FE_INEXACT) && !bits_is_nan(u) && (u & ~(1ull << 63)) != 0x7ff0000000000000ull)
        u |= 1;
    volatile float f = (float)double_of(u);
    return (double)f;
}

static double h_round_int(CpuCommon *env, uint32_t how, double x)
{
    (void)env;
    switch ((PpcFpRoundInt)how) {
    case PPC_FRI_NEAREST_AWAY: return round(x);
    case PPC_FRI_TRUNC: return trunc(x);
    case PPC_FRI_CEIL: return ceil(x);
    case PPC_FRI_FLOOR: return floor(x);
    }
    return x;
}

#define ENV_RW (IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV)

const IrHelper ppc_fp_h_sync = {"ppc_fp_sync", (void *)h_sync, ENV_RW, true, IR_I32, 0, {0}};
const IrHelper ppc_fp_h_mffs = {"ppc_fp_mffs", (void *)h_mffs, ENV_RW, true, IR_I64, 2,
                                {IR_I32, IR_I64}};
const IrHelper ppc_fp_h_write = {"ppc_fp_write", (void *)h_write, ENV_RW, true, IR_I32, 2,
                                 {IR_I32, IR_I64}};
const IrHelper ppc_fp_h_mtfsb = {"ppc_fp_mtfsb", (void *)h_mtfsb, ENV_RW, true, IR_I32, 2,
                                 {IR_I32, IR_I32}};
const IrHelper ppc_fp_h_mcrfs = {"ppc_fp_mcrfs", (void *)h_mcrfs, ENV_RW, true, IR_I32, 1,
                                 {IR_I32}};
const IrHelper ppc_fp_h_cmp_nan = {"ppc_fp_cmp_nan", (void *)h_cmp_nan, ENV_RW, false, IR_I32, 3,
                                   {IR_I32, IR_I64, IR_I64}};
const IrHelper ppc_fp_h_cvt_invalid = {"ppc_fp_cvt_invalid", (void *)h_cvt_invalid, ENV_RW, false,
                                       IR_I32, 1, {IR_I64}};
const IrHelper ppc_fp_h_single = {"ppc_fp_single", (void *)h_single, 0, true, IR_F64, 4,
                                  {IR_I32, IR_F64, IR_F64, IR_F64}};
const IrHelper ppc_fp_h_round_int = {"ppc_fp_round_int", (void *)h_round_int, 0, true, IR_F64, 2,
                                     {IR_I32, IR_F64}};
