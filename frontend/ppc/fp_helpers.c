/* frontend/ppc/fp_helpers.c — the PowerPC FPSCR (folding the host's sticky
 * FP flags into it, reading and writing it) and the few FP operations that
 * the host cannot do exactly in one IR op: NaN results (POWER's propagation
 * order and default NaN), single-precision results that a double-then-
 * single rounding would get wrong, and round-to-integer.
 *
 * Exactness of the lazily derived FPSCR (see fp_helpers.h for the layout):
 *   exact   OX UX ZX XX: the host's sticky flags, folded in when the guest
 *           reads or writes the FPSCR (mffs*, mtfs*, mcrfs, Rc=1). Caveat:
 *           x86 detects tininess after rounding, POWER before, so UX can
 *           differ for results within an ulp of the smallest normal.
 *           A host flag whose FPSCR bit is set may stay raised after the
 *           fold (folding it again changes nothing); a guest write that
 *           clears such a bit clears the flag (settle_host_flags).
 *           All VX causes: VXSNAN VXISI VXIDI VXZDZ VXIMZ VXSQRT (computed
 *           by ppc_fp_nan_result when an arithmetic result is a NaN, on the
 *           rare path of the IR), VXVC and VXSNAN of
 *           compares, VXCVI and VXSNAN of integer conversions (these helpers
 *           note them in pending_causes, folded like the host flags), VXSOFT (only
 *           set by mtfs*). FX (every 0 -> 1 of an exception bit, including
 *           by mtfsb1), VX and FEX (computed), and all control bits.
 *   derived FPRF, FR, FI: the IR records the last instruction that sets
 *           them (operation and operands, fp_helpers.h); the fold redoes it
 *           in the same rounding mode, so they are exact in program order.
 *           The fold reads the host state once and writes it seldom
 *           (MXCSR accesses wait for the FP work in flight, and they
 *           dominated FPSCR-heavy code): with no inexact flag pending the
 *           last instruction was exact (FI = FR = 0); FR of an inexact
 *           double add/sub/mul/div/sqrt in round to nearest comes from the
 *           sign of its exact error (TwoSum, or an fma), in directed modes
 *           from the mode; only the rest is redone toward zero. FPRF is classified in the
 *           single format for single-precision instructions (a single
 *           denormal is reported as denormal); a compare after it sets FPCC
 *           and keeps FR/FI; fcti* leave FPRF as it was (undefined).
 *   fallback Should the host raise FE_INVALID from something that bypassed
 *           ppc_fp_nan_result (nothing known does), its cause is guessed
 *           from the last operation (VXSNAN for conversions, VXSOFT if
 *           unknown).
 *   not modelled: NI (non-IEEE mode), trapping on enabled exceptions
 *           (Linux starts processes with MSR[FE0,FE1] = 0, ignored mode),
 *           and the "target unchanged" rule of enabled invalid/zero-divide
 *           exceptions.
 * Everything here assumes the host FP environment belongs to the guest
 * while guest code runs: morph's own code (translation, glib, syscalls)
 * must not leave flags behind or change the rounding mode.
 */
#include <fenv.h>
#include <math.h>
#include <string.h>

#include "frontend/ppc/fp_helpers.h"
#include "util/fbits.h"
#include "util/host_fp.h"

static const int rn_to_host[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};

/* Invalid-operation causes (VX* bits) found by the helpers of rare paths
 * (NaN results, out-of-range conversions). They are kept here, not in the
 * FPSCR, so that those helpers leave guest state alone and the optimizer
 * keeps guest registers in host registers across them. Like the host's
 * sticky flags they belong to the host thread that runs the guest CPU,
 * and ppc_fp_sync folds them in. */
static _Thread_local uint32_t pending_causes;

static inline bool bits_is_nan(uint64_t u)
{
    return (u & ~(1ull << 63)) > 0x7ff0000000000000ull;
}
static inline bool bits_is_snan(uint64_t u)
{
    return bits_is_nan(u) && !(u & (1ull << 51));
}

static inline bool bits_is_inf(uint64_t u)
{
    return (u & ~(1ull << 63)) == 0x7ff0000000000000ull;
}
static inline bool bits_is_zero(uint64_t u)
{
    return (u & ~(1ull << 63)) == 0;
}
static inline bool bits_neg(uint64_t u)
{
    return u >> 63;
}
static inline uint64_t bits_abs(uint64_t u)
{
    return u & ~(1ull << 63);
}

static inline uint32_t *rec_word(PpcCpu *cpu)
{
    return (uint32_t *)&cpu->fp_scratch[3];
}

/* The recorded operands in their A-form roles a, b, c (unused: 0). */
static void record_operands(const PpcCpu *cpu, uint32_t rec, uint64_t role[3])
{
    unsigned used = ppc_fp_operands((PpcFpOp)(rec & PPC_FPR_OP_MASK)), slot = 0;
    for (unsigned k = 0; k < 3; k++)
        role[k] = (used & 1u << k) ? cpu->fp_scratch[slot++] : 0;
}

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

/* The host flags whose FPSCR bits are set in f: folding them again
 * changes nothing, so they may stay raised on the host (clearing them is
 * a write of the host state, which waits for the FP work in flight).
 * FE_INVALID never is: the fold guesses its cause from the record. */
static int folded_flags(uint32_t f)
{
    return (f & PPC_FPSCR_XX ? FE_INEXACT : 0) | (f & PPC_FPSCR_OX ? FE_OVERFLOW : 0) |
           (f & PPC_FPSCR_UX ? FE_UNDERFLOW : 0) | (f & PPC_FPSCR_ZX ? FE_DIVBYZERO : 0);
}

/* After the FPSCR became f by a write of the guest: clear the host flags
 * it does not account for (one read; a write only if some are left). */
static void settle_host_flags(uint32_t f)
{
    HostFpEnv host = host_fp_env();
    if (host_fp_env_flags(host) & ~folded_flags(f))
        host_fp_set_env(host_fp_env_clean(host));
}

static void install_rounding(uint32_t fpscr)
{
    fesetround(rn_to_host[fpscr & PPC_FPSCR_RN]);
}

/* The same after an FPSCR write, only when RN changed (glibc writes the
 * whole FPSCR back around most libm calls, nearly always with the same
 * RN; fesetround costs far more than the compare). */
static void update_rounding(uint32_t old, uint32_t now)
{
    if ((old ^ now) & PPC_FPSCR_RN)
        install_rounding(now);
}

uint32_t ppc_fp_fprf(uint64_t bits, bool single)
{
    bool neg = bits >> 63;
    unsigned exp = (bits >> 52) & 0x7ff;
    uint64_t frac = bits & 0xfffffffffffffull;
    uint32_t code;
    if (exp == 0x7ff)
        code = frac ? 0x11 : neg ? 0x09 : 0x05; /* QNaN, -inf, +inf */
    else if (exp == 0 && frac == 0)
        code = neg ? 0x12 : 0x02;                /* -0, +0 */
    else if (exp == 0 || (single && exp <= 896)) /* denormal (in its format) */
        code = neg ? 0x18 : 0x14;
    else
        code = neg ? 0x08 : 0x04; /* normal */
    return code << 12;
}

/* ---- computing an operation again ------------------------------------ */

/* One rounding in the current mode, in double precision. */
static double double_op(PpcFpOp op, double a, double b, double c)
{
    switch (op) {
    case PPC_FPOP_ADD:
        return a + b;
    case PPC_FPOP_SUB:
        return a - b;
    case PPC_FPOP_MUL:
        return a * c;
    case PPC_FPOP_DIV:
        return a / b;
    case PPC_FPOP_SQRT:
        return sqrt(b);
    case PPC_FPOP_MADD:
        return fma(a, c, b);
    case PPC_FPOP_MSUB:
        return fma(a, c, -b);
    case PPC_FPOP_RSQRT:
        return 1.0 / sqrt(b);
    default:
        return a;
    }
}

/* `op` in double with round-to-odd (toward zero, then the last bit set if
 * inexact): enough bits for a final rounding to single in any mode to be
 * the correct one (53 >= 24 + 2). The host flags are clobbered; *raised
 * gets those of the toward-zero computation. */
static double round_to_odd(PpcFpOp op, double a, double b, double c, int *raised)
{
    int mode = host_fp_round();
    host_fp_set_round(FE_TOWARDZERO);
    host_fp_clear(FE_ALL_EXCEPT);
    volatile double r = double_op(op, a, b, c);
    *raised = host_fp_test(FE_ALL_EXCEPT);
    host_fp_set_round(mode);
    uint64_t u = bits_of_f64(r);
    if ((*raised & FE_INEXACT) && !bits_is_nan(u) && !bits_is_inf(u))
        u |= 1;
    return f64_of_bits(u);
}

static double round_int(PpcFpRoundInt how, double x)
{
    switch (how) {
    case PPC_FRI_NEAREST_AWAY:
        return round(x);
    case PPC_FRI_TRUNC:
        return trunc(x);
    case PPC_FRI_CEIL:
        return ceil(x);
    case PPC_FRI_FLOOR:
        return floor(x);
    }
    return x;
}

/* fcti*: the integral value the conversion rounds x to (no flags). */
static double cti_round(uint32_t how, double x)
{
    return (how & PPC_FPR_CTI_TRUNC) ? trunc(x) : nearbyint(x);
}

static bool cti_in_range(uint32_t how, double r)
{
    switch (how & (PPC_FPR_CTI_64 | PPC_FPR_CTI_UNS)) {
    case 0:
        return r >= -0x1p31 && r <= 0x1p31 - 1;
    case PPC_FPR_CTI_UNS:
        return r >= 0 && r <= 0x1p32 - 1;
    case PPC_FPR_CTI_64:
        return r >= -0x1p63 && r < 0x1p63;
    default:
        return r >= 0 && r < 0x1p64;
    }
}

/* The recorded operation once, in the current mode; single results are
 * rounded correctly (one rounding). The host's inexact flag is then set
 * if the result is inexact, and with clean flags before, only then. */
static double redo_once(uint32_t rec, double a, double b, double c)
{
    PpcFpOp op = (PpcFpOp)(rec & PPC_FPR_OP_MASK);
    bool single = rec & PPC_FPR_SINGLE;
    switch (op) {
    case PPC_FPOP_FRSP:
        return (float)a;
    case PPC_FPOP_CFID:
        return single ? (double)(float)(int64_t)bits_of_f64(a) : (double)(int64_t)bits_of_f64(a);
    case PPC_FPOP_CFIDU:
        return single ? (double)(float)bits_of_f64(a) : (double)bits_of_f64(a);
    default:
        break;
    }
    if (!single)
        return double_op(op, a, b, c);
    int raised;
    double ro = round_to_odd(op, a, b, c, &raised);
    host_fp_clear(FE_ALL_EXCEPT);
    return (float)ro;
}

/* A double-precision result r of `op` that was inexact in round to
 * nearest: did the rounding make its magnitude larger (FR)? The exact
 * error's sign says, and for these operations an fma or TwoSum gets the
 * error exactly (or rounded without losing its sign, near underflow)
 * without changing the rounding mode. *known false: ask redo_toward_zero. */
static bool nearest_rounded_up(PpcFpOp op, double a, double b, double c, double r, bool *known)
{
    *known = true;
    if (isinf(r))
        return true; /* an overflow rounds up to infinity */
    volatile double err; /* sign of exact - r */
    switch (op) {
    case PPC_FPOP_ADD:
    case PPC_FPOP_SUB: { /* TwoSum (exact in round to nearest) */
        double y = op == PPC_FPOP_SUB ? -b : b;
        volatile double bv = r - a;
        volatile double av = r - bv;
        err = (a - av) + (y - bv);
        break;
    }
    case PPC_FPOP_MUL:
        err = fma(a, c, -r);
        break;
    case PPC_FPOP_DIV: /* a / b - r has the sign of (a - r * b) / b */
        err = fma(-r, b, a);
        if (signbit(b))
            err = -err;
        break;
    case PPC_FPOP_SQRT: /* sqrt(b) - r has the sign of b - r * r */
        err = fma(-r, r, b);
        break;
    default:
        *known = false;
        return false;
    }
    return signbit(err) != signbit(r);
}

/* In round to nearest, the exact error of a double add, sub, mul, div or
 * sqrt result r where it is representable (no overflow, nothing near the
 * underflow range): *err has the sign of exact - r and is 0 only when r is
 * exact. False when it cannot be told this way. */
static bool nearest_exact_error(PpcFpOp op, double a, double b, double c, double r, double *err)
{
    const double big = 0x1p1020, tiny = 0x1p-960;
    if (!isfinite(r) || !isfinite(a) || !isfinite(b))
        return false;
    switch (op) {
    case PPC_FPOP_ADD:
    case PPC_FPOP_SUB: {
        double y = op == PPC_FPOP_SUB ? -b : b;
        if (fabs(a) >= big || fabs(y) >= big || fabs(r) >= big)
            return false;
        volatile double bv = r - a;
        volatile double av = r - bv;
        *err = (a - av) + (y - bv); /* TwoSum: exact */
        return true;
    }
    case PPC_FPOP_MUL:
        if (a == 0 || c == 0) {
            *err = 0;
            return true;
        }
        if (!isfinite(c) || fabs(r) < tiny)
            return false;
        *err = fma(a, c, -r);
        return true;
    case PPC_FPOP_DIV: /* a / b - r has the sign of (a - r * b) / b */
        if (a == 0 && b != 0) {
            *err = 0;
            return true;
        }
        if (b == 0 || fabs(a) < tiny || fabs(r) < tiny || fabs(b) >= big)
            return false;
        *err = signbit(b) ? -fma(-r, b, a) : fma(-r, b, a);
        return true;
    case PPC_FPOP_SQRT: /* sqrt(b) - r has the sign of b - r * r */
        if (b == 0) {
            *err = 0;
            return true;
        }
        if (b < tiny)
            return false;
        *err = fma(-r, r, b);
        return true;
    default:
        return false;
    }
}

/* FR the slow way: the operation again toward zero; a smaller magnitude
 * there means this one was rounded up. Leaves the host in `clean`. */
static bool redo_toward_zero(uint32_t rec, double a, double b, double c, double r, HostFpEnv clean)
{
    host_fp_set_env(host_fp_env_round(clean, FE_TOWARDZERO));
    volatile double rz = redo_once(rec, a, b, c);
    host_fp_set_env(clean);
    return bits_abs(bits_of_f64(r)) > bits_abs(bits_of_f64(rz));
}

/* Redo the recorded instruction: its FR and FI bits, and in *result the
 * value whose class is FPRF (*sets_fprf false for fcti*, whose FPRF is
 * undefined and left alone). `host` is the state the fold found (guest
 * rounding mode, pending flags); *dirty is set when the redo may have left
 * host flags that were not folded, to be cleared afterwards. With no
 * inexact flag pending, no instruction since the last fold was inexact,
 * so FI = FR = 0 without looking further. */
static uint32_t redo(uint32_t rec, const uint64_t opnd[3], HostFpEnv host, uint32_t rn, uint64_t *result,
                     bool *sets_fprf, bool *dirty)
{
    PpcFpOp op = (PpcFpOp)(rec & PPC_FPR_OP_MASK);
    double a = f64_of_bits(opnd[0]), b = f64_of_bits(opnd[1]), c = f64_of_bits(opnd[2]);
    *sets_fprf = op != PPC_FPOP_CTI;
    if (op == PPC_FPOP_CTI) {
        if (bits_is_nan(opnd[0]))
            return 0;
        double r = cti_round(rec, a);
        if (!cti_in_range(rec, r) || r == a)
            return 0;
        return PPC_FPSCR_FI | (fabs(r) > fabs(a) ? PPC_FPSCR_FR : 0);
    }
    if (op == PPC_FPOP_RINT) { /* FR and FI are cleared */
        *result = bits_of_f64(round_int((PpcFpRoundInt)(rec >> PPC_FPR_DETAIL_SHIFT & 3), a));
        return 0;
    }
    HostFpEnv clean = host_fp_env_clean(host);
    bool any_inexact = host_fp_env_flags(host) & FE_INEXACT;
    bool single = rec & PPC_FPR_SINGLE;
    if (any_inexact && !single && rn == 0) {
        /* without writing the host state: the flags this raises are the
         * recorded operation's own, folded already */
        volatile double r = double_op(op, a, b, c);
        double err;
        if (nearest_exact_error(op, a, b, c, r, &err)) {
            uint64_t ur = bits_of_f64(r);
            *result = (rec & PPC_FPR_NEGATE) ? ur ^ (1ull << 63) : ur;
            if (err == 0)
                return 0;
            return PPC_FPSCR_FI | (signbit(err) != signbit(r) ? PPC_FPSCR_FR : 0);
        }
    }
    if (any_inexact || single)
        host_fp_set_env(clean);
    volatile double r = redo_once(rec, a, b, c);
    uint64_t ur = bits_of_f64(r);
    *result = (rec & PPC_FPR_NEGATE) && !bits_is_nan(ur) ? ur ^ (1ull << 63) : ur;
    /* An exact redo raises nothing but invalid (a NaN result); others, and
     * single rounding (round to odd), leave flags to clear. */
    bool inexact = any_inexact && (host_fp_test(FE_INEXACT) != 0);
    if (any_inexact || single || bits_is_nan(ur))
        *dirty = true;
    if (!inexact || bits_is_nan(ur))
        return 0;
    bool up;
    if (rn == 1) /* toward zero */
        up = false;
    else if (rn == 2) /* toward +inf */
        up = !bits_neg(ur);
    else if (rn == 3) /* toward -inf */
        up = bits_neg(ur);
    else {
        bool known = false;
        up = single ? false : nearest_rounded_up(op, a, b, c, r, &known);
        if (!known)
            up = redo_toward_zero(rec, a, b, c, r, clean);
    }
    return PPC_FPSCR_FI | (up ? PPC_FPSCR_FR : 0);
}

/* ---- the fold --------------------------------------------------------- */

/* Fallback: an FE_INVALID nobody accounted for (ppc_fp_nan_result clears
 * the ones of arithmetic, h_cmp_nan the one a compare's NaN test raises,
 * conversions never raise one on the host) gets the cause the last
 * operation makes likely. */
static uint32_t guess_invalid_cause(uint32_t rec)
{
    switch (rec & PPC_FPR_OP_MASK) {
    case PPC_FPOP_ADD:
    case PPC_FPOP_SUB:
        return PPC_FPSCR_VXISI;
    case PPC_FPOP_MUL:
    case PPC_FPOP_MADD:
    case PPC_FPOP_MSUB:
        return PPC_FPSCR_VXIMZ;
    case PPC_FPOP_DIV:
        return PPC_FPSCR_VXZDZ;
    case PPC_FPOP_SQRT:
    case PPC_FPOP_RSQRT:
        return PPC_FPSCR_VXSQRT;
    case PPC_FPOP_FRSP:
    case PPC_FPOP_RINT:
    case PPC_FPOP_CTI:
        return PPC_FPSCR_VXSNAN; /* their only invalid operation */
    default:
        return PPC_FPSCR_VXSOFT;
    }
}

/* Fold into the FPSCR: the host's sticky flags, the causes the helpers
 * found, and (redo_record) FR, FI and FPRF of the recorded instruction;
 * without redo_record the record is dropped (the caller overwrites those
 * bits). One read of the host state, and one write when flags were
 * pending or the redo raised some. */
static uint32_t fold(PpcCpu *cpu, bool redo_record)
{
    HostFpEnv host = host_fp_env();
    int raised = host_fp_env_flags(host);
    uint32_t rec = *rec_word(cpu);
    uint32_t f = cpu->fpscr;
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
        add |= guess_invalid_cause(rec);
    add |= pending_causes;
    pending_causes = 0;
    bool dirty = false;
    if (redo_record && (rec & PPC_FPR_OP_MASK) != PPC_FPOP_NONE) {
        uint64_t result = 0;
        bool sets_fprf;
        uint64_t opnd[3];
        record_operands(cpu, rec, opnd);
        uint32_t frfi = redo(rec, opnd, host, f & PPC_FPSCR_RN, &result, &sets_fprf, &dirty);
        f = (f & ~(PPC_FPSCR_FR | PPC_FPSCR_FI)) | frfi;
        if (sets_fprf)
            f = (f & ~PPC_FPSCR_FPRF) | ppc_fp_fprf(result, rec & PPC_FPR_SINGLE);
    }
    if (redo_record && (rec & PPC_FPR_CC)) /* a later compare's FPCC; C stays */
        f = (f & ~PPC_FPSCR_FPCC) | ((rec & PPC_FPR_CC_MASK) >> PPC_FPR_CC_SHIFT) << 12;
    if (rec != PPC_FPOP_NONE)
        *rec_word(cpu) = PPC_FPOP_NONE;
    cpu->fpscr = fpscr_raise(f, add);
    if (dirty || (raised & ~folded_flags(cpu->fpscr)))
        host_fp_set_env(host_fp_env_clean(host));
    return cpu->fpscr;
}

uint32_t ppc_fp_sync(PpcCpu *cpu)
{
    return fold(cpu, true);
}

void ppc_fp_set_fpscr(PpcCpu *cpu, uint64_t fpscr)
{
    host_fp_clear(FE_ALL_EXCEPT);
    pending_causes = 0;
    *rec_word(cpu) = PPC_FPOP_NONE;
    cpu->fpscr = fpscr_summarize((uint32_t)fpscr);
    cpu->fp_pad = (uint32_t)(fpscr >> 32) & PPC_FPSCR_HI_DRN;
    install_rounding(cpu->fpscr);
}

/* ---- helpers called from generated code ----------------------------- */

static uint32_t h_sync(CpuCommon *env)
{
    return ppc_fp_sync((PpcCpu *)env);
}

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
        update_rounding(lo, cpu->fpscr);
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
    bool rc = nibbles & PPC_FP_WRITE_RC;
    nibbles &= 0xffffu;
    /* bit k of nibbles -> bits 4k..4k+3 of mask: spread the 16 bits to
     * every fourth bit, then widen each to a nibble */
    uint64_t mask = nibbles;
    mask = (mask | mask << 24) & 0x000000ff000000ffull;
    mask = (mask | mask << 12) & 0x000f000f000f000full;
    mask = (mask | mask << 6) & 0x0303030303030303ull;
    mask = (mask | mask << 3) & 0x1111111111111111ull;
    mask *= 0xf;
    uint64_t old;
    if ((nibbles & 0xff) == 0xff) {
        /* The whole status word is written (fesetenv, and glibc's restore
         * after most libm calls): nothing pending can show. Drop it; host
         * flags stay raised where the new word has their bits set (as the
         * restored word mostly has XX), which saves writing the host
         * state, the slow part. */
        old = (uint64_t)cpu->fp_pad << 32 | cpu->fpscr;
        pending_causes = 0;
        *rec_word(cpu) = PPC_FPOP_NONE;
        uint32_t now = fpscr_summarize((uint32_t)value);
        if ((now ^ cpu->fpscr) & PPC_FPSCR_RN) {
            install_rounding(now);
            host_fp_clear(FE_ALL_EXCEPT);
        } else {
            settle_host_flags(now);
        }
        cpu->fpscr = now;
        cpu->fp_pad = (uint32_t)((old & ~mask) >> 32 | (value & mask) >> 32) & PPC_FPSCR_HI_DRN;
        return cpu->fpscr;
    }
    if ((nibbles & ~3u) == 0 && !rc && !((cpu->fpscr ^ (uint32_t)value) & (uint32_t)mask & PPC_FPSCR_RN)) {
        /* Control bits only (enables, NI; RN as it was: glibc sets it
         * around libm calls): the pending status stays pending, the summary
         * FEX is recomputed now and again at the fold. */
        cpu->fpscr = fpscr_summarize((cpu->fpscr & ~(uint32_t)mask) | ((uint32_t)value & (uint32_t)mask));
        return cpu->fpscr;
    }
    /* FR, FI and FPRF all written (nibbles 3 and 4): no need to redo the
     * recorded instruction for them */
    bool keeps_class = (nibbles & 0x18) != 0x18;
    old = (uint64_t)cpu->fp_pad << 32 | fold(cpu, keeps_class);
    uint64_t now = (old & ~mask) | (value & mask);
    cpu->fpscr = fpscr_summarize((uint32_t)now);
    cpu->fp_pad = (uint32_t)(now >> 32) & PPC_FPSCR_HI_DRN;
    update_rounding((uint32_t)old, cpu->fpscr);
    settle_host_flags(cpu->fpscr);
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
    uint32_t old = f;
    f = set ? fpscr_raise(f, bit) : fpscr_summarize(f & ~bit);
    cpu->fpscr = f;
    update_rounding(old, f);
    if (!set)
        settle_host_flags(f);
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
    settle_host_flags(cpu->fpscr);
    return field;
}

/* A compare found a NaN operand. fcmpu: VXSNAN for a signalling NaN.
 * fcmpo: VXSNAN for a signalling NaN plus VXVC unless VE is set; VXVC for
 * a quiet NaN. */
static void h_cmp_nan(CpuCommon *env, uint32_t ordered, uint64_t a, uint64_t b)
{
    const PpcCpu *cpu = (const PpcCpu *)env;
    bool snan = bits_is_snan(a) || bits_is_snan(b);
    uint32_t bits = snan ? PPC_FPSCR_VXSNAN : 0;
    if (ordered && (!snan || !(cpu->fpscr & PPC_FPSCR_VE)))
        bits |= PPC_FPSCR_VXVC;
    pending_causes |= bits;
    if (snan) /* the IR's unordered test raised it: accounted for now */
        host_fp_clear(FE_INVALID);
}

/* The invalid-operation causes of `op` on non-NaN operands (ISA 4.4.1). */
static uint32_t invalid_causes(PpcFpOp op, uint64_t a, uint64_t b, uint64_t c)
{
    switch (op) {
    case PPC_FPOP_ADD:
    case PPC_FPOP_SUB: {
        bool opposite = bits_neg(a) != (bits_neg(b) != (op == PPC_FPOP_SUB));
        return bits_is_inf(a) && bits_is_inf(b) && opposite ? PPC_FPSCR_VXISI : 0;
    }
    case PPC_FPOP_MUL:
        return (bits_is_inf(a) && bits_is_zero(c)) || (bits_is_zero(a) && bits_is_inf(c)) ? PPC_FPSCR_VXIMZ
                                                                                          : 0;
    case PPC_FPOP_DIV:
        if (bits_is_zero(a) && bits_is_zero(b))
            return PPC_FPSCR_VXZDZ;
        return bits_is_inf(a) && bits_is_inf(b) ? PPC_FPSCR_VXIDI : 0;
    case PPC_FPOP_SQRT:
    case PPC_FPOP_RSQRT:
        return !bits_is_nan(b) && bits_neg(b) && !bits_is_zero(b) ? PPC_FPSCR_VXSQRT : 0;
    case PPC_FPOP_MADD:
    case PPC_FPOP_MSUB: {
        if ((bits_is_inf(a) && bits_is_zero(c)) || (bits_is_zero(a) && bits_is_inf(c)))
            return PPC_FPSCR_VXIMZ;
        if (bits_is_nan(a) || bits_is_nan(c) || bits_is_nan(b))
            return 0;
        bool prod_neg = bits_neg(a) != bits_neg(c);
        bool addend_neg = bits_neg(b) != (op == PPC_FPOP_MSUB);
        bool prod_inf = bits_is_inf(a) || bits_is_inf(c);
        return prod_inf && bits_is_inf(b) && prod_neg != addend_neg ? PPC_FPSCR_VXISI : 0;
    }
    default:
        return 0;
    }
    return 0;
}

/* An A-form operation's host result was a NaN. Return the NaN POWER
 * produces: the first NaN operand in the order FRA, FRB, FRC (quieted;
 * for single results its payload cut to single), else the positive default
 * NaN; and record the exact invalid-operation causes, which the host's
 * FE_INVALID (cleared here) could not tell apart. `opsingle` is a PpcFpOp,
 * plus 0x100 for a single-precision result. */
double ppc_fp_nan_result(uint32_t opsingle, double a, double b, double c)
{
    PpcFpOp op = (PpcFpOp)(opsingle & 0xff);
    uint64_t ua = bits_of_f64(a), ub = bits_of_f64(b), uc = bits_of_f64(c);
    /* Operands in NaN priority order; unused slots repeat a used one. */
    uint64_t order[3] = {ua, ub, uc};
    switch (op) {
    case PPC_FPOP_MUL:
        order[1] = uc;
        order[2] = uc;
        break;
    case PPC_FPOP_SQRT:
    case PPC_FPOP_RSQRT:
        order[0] = ub;
        order[2] = ub;
        break;
    case PPC_FPOP_ADD:
    case PPC_FPOP_SUB:
    case PPC_FPOP_DIV:
        order[2] = ub;
        break;
    default: /* fma family: a, b, c */
        break;
    }
    uint64_t result = 0x7ff8000000000000ull;
    bool found = false;
    uint32_t causes = invalid_causes(op, ua, ub, uc);
    for (int k = 0; k < 3; k++) {
        if (bits_is_snan(order[k]))
            causes |= PPC_FPSCR_VXSNAN;
        if (!found && bits_is_nan(order[k])) {
            result = order[k] | (1ull << 51);
            found = true;
        }
    }
    if (opsingle & 0x100)
        result &= ~0x1fffffffull;
    pending_causes |= causes;
    host_fp_clear(FE_INVALID);
    return f64_of_bits(result);
}

/* One rounding to single of the exact result of `op`, with the flags of
 * that rounding (and of an invalid operation or a division by zero). */
static double single_once(PpcFpOp op, double a, double b, double c)
{
    int saved = host_fp_test(FE_ALL_EXCEPT);
    int raised;
    double ro = round_to_odd(op, a, b, c, &raised);
    host_fp_set_flags(saved);
    if (raised & (FE_INVALID | FE_DIVBYZERO))
        host_fp_raise(raised & (FE_INVALID | FE_DIVBYZERO));
    volatile float f = (float)ro;
    return (double)f;
}

double ppc_fp_exact(uint32_t rec, double a, double b, double c)
{
    PpcFpOp op = (PpcFpOp)(rec & PPC_FPR_OP_MASK);
    bool single = rec & PPC_FPR_SINGLE;
    volatile double r = double_op(op, a, b, c);
    if (bits_is_nan(bits_of_f64(r)))
        return ppc_fp_nan_result(op | (single ? 0x100u : 0), a, b, c); /* a NaN keeps its sign */
    double v = single ? single_once(op, a, b, c) : r;
    return (rec & PPC_FPR_NEGATE) ? -v : v;
}

static double h_round_int(CpuCommon *env, uint32_t how, double x)
{
    (void)env;
    return round_int((PpcFpRoundInt)how, x);
}

/* fcti[w|d][u][z] of a source the IR's fast path does not take (NaN,
 * large, negative for unsigned): the whole conversion, exactly. Out of
 * range saturates with VXCVI (no XX); an in-range inexact result raises
 * the host's inexact flag like the fast path's conversion would. */
static uint64_t h_to_int(CpuCommon *env, uint32_t how, uint64_t src)
{
    (void)env;
    bool is64 = how & PPC_FPR_CTI_64, uns = how & PPC_FPR_CTI_UNS;
    uint64_t maxv =
        is64 ? (uns ? UINT64_MAX : (uint64_t)INT64_MAX) : (uns ? UINT32_MAX : (uint64_t)INT32_MAX);
    uint64_t minv = uns ? 0 : is64 ? (uint64_t)INT64_MIN : (uint64_t)(int64_t)INT32_MIN;
    uint64_t v;
    if (bits_is_nan(src)) {
        v = minv;
        pending_causes |= PPC_FPSCR_VXCVI | (bits_is_snan(src) ? PPC_FPSCR_VXSNAN : 0);
    } else {
        double x = f64_of_bits(src);
        double r = cti_round(how, x);
        if (!cti_in_range(how, r)) {
            v = bits_neg(src) ? minv : maxv;
            pending_causes |= PPC_FPSCR_VXCVI;
        } else {
            v = uns ? (uint64_t)r : (uint64_t)(int64_t)r;
            if (r != x)
                host_fp_raise(FE_INEXACT);
        }
    }
    return is64 ? v : (v & 0xffffffffu) | 0xfff8000000000000ull;
}

/* The rare path of a recorded instruction: its operands are the record's
 * (the host operation runs again, raising the flags the usual path's
 * raised already: they are sticky). */
static double h_recorded_slow(CpuCommon *env, uint32_t rec)
{
    uint64_t opnd[3];
    record_operands((const PpcCpu *)env, rec, opnd);
    return ppc_fp_exact(rec, f64_of_bits(opnd[0]), f64_of_bits(opnd[1]), f64_of_bits(opnd[2]));
}

#define ENV_RW (IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV)

const IrHelper ppc_fp_h_sync = {"ppc_fp_sync", (void *)h_sync, ENV_RW, true, IR_I32, 0, {0}};
const IrHelper ppc_fp_h_mffs = {"ppc_fp_mffs", (void *)h_mffs, ENV_RW, true, IR_I64, 2, {IR_I32, IR_I64}};
const IrHelper ppc_fp_h_write = {"ppc_fp_write", (void *)h_write, ENV_RW, true, IR_I32, 2, {IR_I32, IR_I64}};
const IrHelper ppc_fp_h_mtfsb = {"ppc_fp_mtfsb", (void *)h_mtfsb, ENV_RW, true, IR_I32, 2, {IR_I32, IR_I32}};
const IrHelper ppc_fp_h_mcrfs = {"ppc_fp_mcrfs", (void *)h_mcrfs, ENV_RW, true, IR_I32, 1, {IR_I32}};
const IrHelper ppc_fp_h_cmp_nan = {
    "ppc_fp_cmp_nan", (void *)h_cmp_nan, IR_HELPER_READS_ENV, false, IR_I32, 3, {IR_I32, IR_I64, IR_I64}};
const IrHelper ppc_fp_h_to_int = {"ppc_fp_to_int", (void *)h_to_int, 0, true, IR_I64, 2, {IR_I32, IR_I64}};
const IrHelper ppc_fp_h_round_int = {"ppc_fp_round_int", (void *)h_round_int, 0, true, IR_F64, 2,
                                     {IR_I32, IR_F64}};
const IrHelper ppc_fp_h_recorded_slow = {
    "ppc_fp_recorded_slow", (void *)h_recorded_slow, IR_HELPER_READS_ENV, true, IR_F64, 1, {IR_I32}};
