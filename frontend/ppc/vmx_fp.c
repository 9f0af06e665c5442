/* frontend/ppc/vmx_fp.c — VMX (Altivec) single-precision floating point:
 * add, subtract, fused multiply-add/negative multiply-subtract, max/min,
 * the estimates (reciprocal, reciprocal square root, 2^x, log2 x), round
 * to integral, fixed-point conversions, and the compares (Rc=1 sets CR6);
 * the table ppc_vmx_fp_forms.
 *
 * VMX float rules (Power ISA 2.07 Book I, 6.3 and 6.10), which differ from
 * the FPU's: results always round to nearest-even whatever FPSCR[RN] says;
 * nothing is recorded in the FPSCR and nothing traps; a NaN result is the
 * first NaN operand in the order VRA, VRB, VRC, quieted, else the default
 * NaN 0x7fc00000; and with VSCR[NJ] = 1 (Linux starts processes so)
 * denormal operands are read as zero and denormal results written as zero,
 * both keeping their sign. So these run as C on the host FPU with the
 * rounding mode set to nearest and the host's sticky flags (the guest's
 * FPSCR, folded lazily) saved and put back. The estimates return the
 * correctly rounded value, which is within the ISA's bounds (1/4096 for
 * vrefp/vrsqrtefp; vexptefp/vlogefp as the host's exp2f/log2f).
 */
#include <math.h>

#include "frontend/ppc/vec.h"
#include "util/fbits.h"
#include "util/host_fp.h"

#define F32_QUIET 0x00400000u
#define F32_DEFAULT_NAN 0x7fc00000u

typedef struct VfpState {
    int flags, round;
    bool nj;
} VfpState;

static VfpState vfp_enter(const PpcCpu *cpu)
{
    VfpState s = {host_fp_test(FE_ALL_EXCEPT), host_fp_round(), (cpu->vscr & PPC_VSCR_NJ) != 0};
    if (s.round != FE_TONEAREST)
        host_fp_set_round(FE_TONEAREST);
    return s;
}

static void vfp_leave(const VfpState *s)
{
    host_fp_set_flags(s->flags);
    if (s->round != FE_TONEAREST)
        host_fp_set_round(s->round);
}

static inline bool is_nan32(uint32_t u) { return (u & 0x7fffffffu) > 0x7f800000u; }
static inline bool is_denormal32(uint32_t u) { return (u & 0x7f800000u) == 0 && (u & 0x7fffffu) != 0; }

/* An operand as the VMX unit reads it. */
static inline float vin(uint32_t u, bool nj)
{
    if (nj && is_denormal32(u))
        u &= 0x80000000u;
    return f32_of_bits(u);
}

/* A result as the VMX unit writes it: NaN rules, then flushing. The
 * operands are the instruction's in priority order (0 for none). */
static inline uint32_t vout(float r, bool nj, const uint32_t *ops, unsigned nops)
{
    uint32_t u = (uint32_t)bits_of_f32(r);
    if (is_nan32(u)) {
        for (unsigned k = 0; k < nops; k++)
            if (is_nan32(ops[k]))
                return ops[k] | F32_QUIET;
        return F32_DEFAULT_NAN;
    }
    if (nj && is_denormal32(u))
        u &= 0x80000000u;
    return u;
}

typedef enum VfpOp {
    VFP_ADD, VFP_SUB, VFP_MADD, VFP_NMSUB, VFP_MAX, VFP_MIN,
    VFP_RE, VFP_RSQRTE, VFP_EXPTE, VFP_LOGE, VFP_RFIN, VFP_RFIZ, VFP_RFIP, VFP_RFIM,
} VfpOp;

static float vfp_compute(VfpOp op, float a, float b, float c)
{
    switch (op) {
    case VFP_ADD: return a + b;
    case VFP_SUB: return a - b;
    case VFP_MADD: return fmaf(a, c, b);
    case VFP_NMSUB: return -fmaf(a, c, -b);
    case VFP_MAX: return a > b || (a == b && !signbit(a)) ? a : b;
    case VFP_MIN: return a < b || (a == b && signbit(a)) ? a : b;
    case VFP_RE: return 1.0f / b;
    case VFP_RSQRTE: return 1.0f / sqrtf(b);
    case VFP_EXPTE: return exp2f(b);
    case VFP_LOGE: return log2f(b);
    case VFP_RFIN: return nearbyintf(b);
    case VFP_RFIZ: return truncf(b);
    case VFP_RFIP: return ceilf(b);
    case VFP_RFIM: return floorf(b);
    }
    return a;
}

/* t.w[i] = op(a.w[i], b.w[i], c.w[i]) under the VMX rules. */
static void vfp_map(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, VfpOp op)
{
    VfpState s = vfp_enter(cpu);
    bool unary = op >= VFP_RE;
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 4; i++) {
        uint32_t ua = (uint32_t)vec_get(a, 32, i), ub = (uint32_t)vec_get(b, 32, i);
        uint32_t uc = (uint32_t)vec_get(c, 32, i);
        float res = vfp_compute(op, vin(ua, s.nj), vin(ub, s.nj), vin(uc, s.nj));
        uint32_t ops[3] = {ua, ub, uc};
        uint32_t out = unary ? vout(res, s.nj, &ops[1], 1)
                       : op == VFP_MADD || op == VFP_NMSUB ? vout(res, s.nj, ops, 3)
                                                           : vout(res, s.nj, ops, 2);
        vec_set(&r, 32, i, out);
    }
    *t = r;
    vfp_leave(&s);
}

static void vaddfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_ADD); }
static void vsubfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_SUB); }
static void vmaddfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_MADD); }
static void vnmsubfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_NMSUB); }
static void vmaxfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_MAX); }
static void vminfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_MIN); }
static void vrefp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_RE); }
static void vrsqrtefp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_RSQRTE); }
static void vexptefp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_EXPTE); }
static void vlogefp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_LOGE); }
static void vrfin(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_RFIN); }
static void vrfiz(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_RFIZ); }
static void vrfip(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_RFIP); }
static void vrfim(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; vfp_map(cpu, t, a, b, c, VFP_RFIM); }

/* vcfsx / vcfux VRT,VRB,UIM: t.w[i] = (float)b.w[i] / 2^UIM, rounded to nearest. */
static void convert_from_fixed(PpcCpu *cpu, PpcVec *t, const PpcVec *b, uint32_t uim, bool sign)
{
    VfpState s = vfp_enter(cpu);
    for (unsigned i = 0; i < 4; i++) {
        uint64_t w = vec_get(b, 32, i);
        double x = sign ? (double)(int32_t)w : (double)(uint32_t)w;
        float f = (float)ldexp(x, -(int)uim); /* exact in double, one rounding */
        vec_set(t, 32, i, bits_of_f32(f));
    }
    vfp_leave(&s);
}

static void vcfsx(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)a; (void)c; convert_from_fixed(cpu, t, b, imm, true); }
static void vcfux(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)a; (void)c; convert_from_fixed(cpu, t, b, imm, false); }

/* vctsxs / vctuxs VRT,VRB,UIM: t.w[i] = b.w[i] * 2^UIM truncated toward
 * zero, saturated (VSCR[SAT]); a NaN gives 0. */
static void convert_to_fixed(PpcCpu *cpu, PpcVec *t, const PpcVec *b, uint32_t uim, bool sign)
{
    VfpState s = vfp_enter(cpu);
    bool sat = false;
    for (unsigned i = 0; i < 4; i++) {
        uint32_t u = (uint32_t)vec_get(b, 32, i);
        uint64_t r;
        if (is_nan32(u)) {
            r = 0;
        } else {
            double x = trunc(ldexp((double)vin(u, s.nj), (int)uim));
            double lo = sign ? -2147483648.0 : 0.0, hi = sign ? 2147483647.0 : 4294967295.0;
            if (x < lo || x > hi) {
                sat = true;
                x = x < lo ? lo : hi;
            }
            r = sign ? (uint32_t)(int32_t)x : (uint32_t)x;
        }
        vec_set(t, 32, i, r);
    }
    vfp_leave(&s);
    if (sat)
        cpu->vscr |= PPC_VSCR_SAT;
}

static void vctsxs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)a; (void)c; convert_to_fixed(cpu, t, b, imm, true); }
static void vctuxs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)a; (void)c; convert_to_fixed(cpu, t, b, imm, false); }

/* Compares: all-ones where true; any NaN makes eq/ge/gt false. vcmpbfp
 * sets bit 0 when not a <= b and bit 1 when not a >= -b (both for NaN). */
typedef enum VfpCmp { VCMP_EQ, VCMP_GE, VCMP_GT, VCMP_BOUNDS } VfpCmp;

static void vfp_compare(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, VfpCmp how)
{
    VfpState s = vfp_enter(cpu);
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 4; i++) {
        float x = vin((uint32_t)vec_get(a, 32, i), s.nj), y = vin((uint32_t)vec_get(b, 32, i), s.nj);
        uint64_t v;
        switch (how) {
        case VCMP_EQ: v = x == y ? 0xffffffffu : 0; break;
        case VCMP_GE: v = x >= y ? 0xffffffffu : 0; break;
        case VCMP_GT: v = x > y ? 0xffffffffu : 0; break;
        default: v = (!(x <= y) ? 0x80000000u : 0) | (!(x >= -y) ? 0x40000000u : 0); break;
        }
        vec_set(&r, 32, i, v);
    }
    *t = r;
    vfp_leave(&s);
}

static void vcmpeqfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)c; (void)imm; vfp_compare(cpu, t, a, b, VCMP_EQ); }
static void vcmpgefp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)c; (void)imm; vfp_compare(cpu, t, a, b, VCMP_GE); }
static void vcmpgtfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)c; (void)imm; vfp_compare(cpu, t, a, b, VCMP_GT); }
static void vcmpbfp(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)c; (void)imm; vfp_compare(cpu, t, a, b, VCMP_BOUNDS); }

/* ---- translation ------------------------------------------------------ */

static bool vfp_apply(PpcCtx *ctx, PpcVecFn f)
{
    uint32_t i = ctx->insn;
    ppc_vec_apply(ctx, f, ppc_vrt(i), ppc_vra(i), ppc_vrb(i), ppc_vrc(i), 0);
    return true;
}

/* VX forms with UIM in the VRA field. */
static bool vfp_apply_uim(PpcCtx *ctx, PpcVecFn f)
{
    uint32_t i = ctx->insn;
    ppc_vec_apply(ctx, f, ppc_vrt(i), ppc_vra(i), ppc_vrb(i), ppc_vrc(i), (i >> 16) & 31);
    return true;
}

/* Compares: Rc (bit 21) sets CR6; for vcmpbfp only "all in bounds" (EQ). */
static bool vfp_compare_rc(PpcCtx *ctx, PpcVecFn f, bool bounds)
{
    IrBlock *ir = ctx->ir;
    vfp_apply(ctx, f);
    if (!((ctx->insn >> 10) & 1))
        return true;
    unsigned t = ppc_vrt(ctx->insn);
    if (!bounds) {
        ppc_vec_set_cr6(ctx, t);
        return true;
    }
    IrTemp any = ir_or(ir, ppc_vsr_ld(ctx, t, 0), ppc_vsr_ld(ctx, t, 1));
    IrTemp in = ir_setcond(ir, IR_EQ, any, ir_const64(ir, 0));
    ppc_set_cr(ctx, 6, ir_trunc_i64(ir, ir_shli(ir, in, 1)));
    return true;
}

static bool trans_vaddfp(PpcCtx *c) { return vfp_apply(c, vaddfp); }
static bool trans_vsubfp(PpcCtx *c) { return vfp_apply(c, vsubfp); }
static bool trans_vmaddfp(PpcCtx *c) { return vfp_apply(c, vmaddfp); }
static bool trans_vnmsubfp(PpcCtx *c) { return vfp_apply(c, vnmsubfp); }
static bool trans_vmaxfp(PpcCtx *c) { return vfp_apply(c, vmaxfp); }
static bool trans_vminfp(PpcCtx *c) { return vfp_apply(c, vminfp); }
static bool trans_vrefp(PpcCtx *c) { return vfp_apply(c, vrefp); }
static bool trans_vrsqrtefp(PpcCtx *c) { return vfp_apply(c, vrsqrtefp); }
static bool trans_vexptefp(PpcCtx *c) { return vfp_apply(c, vexptefp); }
static bool trans_vlogefp(PpcCtx *c) { return vfp_apply(c, vlogefp); }
static bool trans_vrfin(PpcCtx *c) { return vfp_apply(c, vrfin); }
static bool trans_vrfiz(PpcCtx *c) { return vfp_apply(c, vrfiz); }
static bool trans_vrfip(PpcCtx *c) { return vfp_apply(c, vrfip); }
static bool trans_vrfim(PpcCtx *c) { return vfp_apply(c, vrfim); }
static bool trans_vcfsx(PpcCtx *c) { return vfp_apply_uim(c, vcfsx); }
static bool trans_vcfux(PpcCtx *c) { return vfp_apply_uim(c, vcfux); }
static bool trans_vctsxs(PpcCtx *c) { return vfp_apply_uim(c, vctsxs); }
static bool trans_vctuxs(PpcCtx *c) { return vfp_apply_uim(c, vctuxs); }
static bool trans_vcmpeqfp(PpcCtx *c) { return vfp_compare_rc(c, vcmpeqfp, false); }
static bool trans_vcmpgefp(PpcCtx *c) { return vfp_compare_rc(c, vcmpgefp, false); }
static bool trans_vcmpgtfp(PpcCtx *c) { return vfp_compare_rc(c, vcmpgtfp, false); }
static bool trans_vcmpbfp(PpcCtx *c) { return vfp_compare_rc(c, vcmpbfp, true); }

#define VX(xo) (0x10000000u | (uint32_t)(xo))
#define M_VX 0xfc0007ffu
#define M_VX_B (M_VX | 0x1f0000u) /* VRA reserved */
#define M_VC 0xfc0003ffu          /* Rc (bit 21) free */
#define M_VA 0xfc00003fu

const PpcInsnForm ppc_vmx_fp_forms[] = {
    {M_VX, VX(0x00a), "vaddfp", trans_vaddfp},       /* t = a + b */
    {M_VX, VX(0x04a), "vsubfp", trans_vsubfp},       /* t = a - b */
    {M_VA, VX(0x2e), "vmaddfp", trans_vmaddfp},      /* t = a * c + b, fused */
    {M_VA, VX(0x2f), "vnmsubfp", trans_vnmsubfp},    /* t = -(a * c - b), fused */
    {M_VX, VX(0x40a), "vmaxfp", trans_vmaxfp},
    {M_VX, VX(0x44a), "vminfp", trans_vminfp},
    {M_VX_B, VX(0x10a), "vrefp", trans_vrefp},       /* t ~ 1 / b */
    {M_VX_B, VX(0x14a), "vrsqrtefp", trans_vrsqrtefp}, /* t ~ 1 / sqrt(b) */
    {M_VX_B, VX(0x18a), "vexptefp", trans_vexptefp}, /* t ~ 2^b */
    {M_VX_B, VX(0x1ca), "vlogefp", trans_vlogefp},   /* t ~ log2(b) */
    {M_VX_B, VX(0x20a), "vrfin", trans_vrfin},       /* round to nearest integral */
    {M_VX_B, VX(0x24a), "vrfiz", trans_vrfiz},       /* ... toward zero */
    {M_VX_B, VX(0x28a), "vrfip", trans_vrfip},       /* ... toward +inf */
    {M_VX_B, VX(0x2ca), "vrfim", trans_vrfim},       /* ... toward -inf */
    {M_VX, VX(0x34a), "vcfsx", trans_vcfsx},         /* t = (float)(int32)b / 2^UIM */
    {M_VX, VX(0x30a), "vcfux", trans_vcfux},         /* t = (float)(uint32)b / 2^UIM */
    {M_VX, VX(0x3ca), "vctsxs", trans_vctsxs},       /* t = sat_s32(b * 2^UIM) */
    {M_VX, VX(0x38a), "vctuxs", trans_vctuxs},       /* t = sat_u32(b * 2^UIM) */
    {M_VC, VX(0x0c6), "vcmpeqfp", trans_vcmpeqfp},
    {M_VC, VX(0x1c6), "vcmpgefp", trans_vcmpgefp},
    {M_VC, VX(0x2c6), "vcmpgtfp", trans_vcmpgtfp},
    {M_VC, VX(0x3c6), "vcmpbfp", trans_vcmpbfp},     /* bounds: Rc gives CR6 EQ = all in bounds */
    {0, 0, NULL, NULL},
};
