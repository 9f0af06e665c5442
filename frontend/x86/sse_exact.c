/* frontend/x86/sse_exact.c — SSE float arithmetic (add sub mul div min
 * max sqrt in ps pd ss sd forms) and the conversions of 0F 5A (ps pd ss
 * sd between widths), 0F 5B (dq <-> ps) and cvt(t)ss2si/sd2si, for
 * blocks translated while the guest's MXCSR unmasks an exception
 * (X86_TBF_SSE_EXACT): each instruction runs
 * as the host's own instruction under the guest's rounding, FTZ and DAZ,
 * and an unmasked exception it raises is #XM: the destination is left as
 * it was, the flags go to MXCSR and the guest gets SIGFPE with the
 * si_code Linux chooses (arch/x86/kernel/traps.c, fpu__exception_code:
 * of the unmasked flags set, IE, then ZE, then OE, then DE or UE, then
 * PE) at the instruction's address.
 *
 * As on the CPU, an unmasked pre-computation exception (IE DE ZE)
 * suppresses the post-computation flags (OE UE PE).
 */
#if defined(__x86_64__)

#include <immintrin.h>
#include <signal.h>
#include <string.h>

#include "backend/exec.h"
#include "frontend/x86/sse.h"

enum {
    CSR_IE = 1u << 0, CSR_DE = 1u << 1, CSR_ZE = 1u << 2, CSR_OE = 1u << 3, CSR_UE = 1u << 4, CSR_PE = 1u << 5,
    CSR_FLAGS = 0x3f,
    CSR_PRE_COMPUTATION = CSR_IE | CSR_DE | CSR_ZE,
    CSR_MASK_SHIFT = 7,
};

/* ---- the host's instructions -------------------------------------------------- */

/* d = d op s as the instruction computes it (sqrt: of s). Called through
 * the table, so the compiler keeps each call between the MXCSR accesses. */
typedef __m128 ExactFn(__m128 d, __m128 s);

#define PD(x) _mm_castps_pd(x)
#define PS(x) _mm_castpd_ps(x)
#define EXACT_BINARY(op)                                                                   \
    static __m128 op##_ps(__m128 d, __m128 s) { return _mm_##op##_ps(d, s); }              \
    static __m128 op##_pd(__m128 d, __m128 s) { return PS(_mm_##op##_pd(PD(d), PD(s))); }  \
    static __m128 op##_ss(__m128 d, __m128 s) { return _mm_##op##_ss(d, s); }              \
    static __m128 op##_sd(__m128 d, __m128 s) { return PS(_mm_##op##_sd(PD(d), PD(s))); }

EXACT_BINARY(add)
EXACT_BINARY(sub)
EXACT_BINARY(mul)
EXACT_BINARY(div)
EXACT_BINARY(min)
EXACT_BINARY(max)

static __m128 sqrt_ps(__m128 d, __m128 s) { (void)d; return _mm_sqrt_ps(s); }
static __m128 sqrt_pd(__m128 d, __m128 s) { (void)d; return PS(_mm_sqrt_pd(PD(s))); }
static __m128 sqrt_ss(__m128 d, __m128 s) { return _mm_move_ss(d, _mm_sqrt_ss(s)); }
static __m128 sqrt_sd(__m128 d, __m128 s) { return PS(_mm_sqrt_sd(PD(d), PD(s))); }

static __m128 cvtps2pd(__m128 d, __m128 s) { (void)d; return PS(_mm_cvtps_pd(s)); }
static __m128 cvtpd2ps(__m128 d, __m128 s) { (void)d; return _mm_cvtpd_ps(PD(s)); }
static __m128 cvtss2sd(__m128 d, __m128 s) { return PS(_mm_cvtss_sd(PD(d), s)); }
static __m128 cvtsd2ss(__m128 d, __m128 s) { return _mm_cvtsd_ss(d, PD(s)); }
static __m128 cvtdq2ps(__m128 d, __m128 s) { (void)d; return _mm_cvtepi32_ps(_mm_castps_si128(s)); }
static __m128 cvtps2dq(__m128 d, __m128 s) { (void)d; return _mm_castsi128_ps(_mm_cvtps_epi32(s)); }
static __m128 cvttps2dq(__m128 d, __m128 s) { (void)d; return _mm_castsi128_ps(_mm_cvttps_epi32(s)); }

/* cvt(t)ss2si / cvt(t)sd2si of lane 0 to 32 or 64 bits. */
typedef uint64_t ExactToIntFn(__m128 s);
static uint64_t cvtss2si32(__m128 s) { return (uint32_t)_mm_cvtss_si32(s); }
static uint64_t cvttss2si32(__m128 s) { return (uint32_t)_mm_cvttss_si32(s); }
static uint64_t cvtsd2si32(__m128 s) { return (uint32_t)_mm_cvtsd_si32(PD(s)); }
static uint64_t cvttsd2si32(__m128 s) { return (uint32_t)_mm_cvttsd_si32(PD(s)); }
static uint64_t cvtss2si64(__m128 s) { return (uint64_t)_mm_cvtss_si64(s); }
static uint64_t cvttss2si64(__m128 s) { return (uint64_t)_mm_cvttss_si64(s); }
static uint64_t cvtsd2si64(__m128 s) { return (uint64_t)_mm_cvtsd_si64(PD(s)); }
static uint64_t cvttsd2si64(__m128 s) { return (uint64_t)_mm_cvttsd_si64(PD(s)); }

/* By truncate | double << 1 | 64-bit << 2. */
static ExactToIntFn *const exact_to_int_fns[8] = {
    cvtss2si32, cvttss2si32, cvtsd2si32, cvttsd2si32, cvtss2si64, cvttss2si64, cvtsd2si64, cvttsd2si64,
};

/* By the opcode's low nibble (0F 51, 58..5F), then the shape: ps pd ss sd
 * (by the mandatory prefix: none, 66, F3, F2). */
static ExactFn *const exact_fns[16][4] = {
    [0x1] = {sqrt_ps, sqrt_pd, sqrt_ss, sqrt_sd},
    [0x8] = {add_ps, add_pd, add_ss, add_sd},
    [0x9] = {mul_ps, mul_pd, mul_ss, mul_sd},
    [0xa] = {cvtps2pd, cvtpd2ps, cvtss2sd, cvtsd2ss},
    [0xb] = {cvtdq2ps, cvtps2dq, cvttps2dq, NULL},
    [0xc] = {sub_ps, sub_pd, sub_ss, sub_sd},
    [0xd] = {min_ps, min_pd, min_ss, min_sd},
    [0xe] = {div_ps, div_pd, div_ss, div_sd},
    [0xf] = {max_ps, max_pd, max_ss, max_sd},
};

/* ---- #XM ------------------------------------------------------------------------ */

/* Linux's si_code for the unmasked flags set in MXCSR, in its order. */
static const struct {
    uint32_t flags;
    int code;
} xm_codes[] = {
    {CSR_IE, FPE_FLTINV}, {CSR_ZE, FPE_FLTDIV}, {CSR_OE, FPE_FLTOVF},
    {CSR_DE | CSR_UE, FPE_FLTUND}, {CSR_PE, FPE_FLTRES},
};

static int xm_code(uint32_t mxcsr)
{
    uint32_t pending = mxcsr & ~(mxcsr >> CSR_MASK_SHIFT) & CSR_FLAGS;
    for (size_t i = 0; i < sizeof xm_codes / sizeof xm_codes[0]; i++)
        if (pending & xm_codes[i].flags)
            return xm_codes[i].code;
    return 0;
}

/* The host's MXCSR masks everything and holds the guest's pending flags:
 * an instruction's own flags are taken alone (exact_begin), then added to
 * them (exact_end), which raises #XM if one is unmasked. */
static uint32_t exact_begin(void)
{
    uint32_t before = _mm_getcsr();
    _mm_setcsr(before & ~(uint32_t)CSR_FLAGS);
    return before;
}

static void exact_end(X86Cpu *cpu, uint32_t before)
{
    uint32_t raised = _mm_getcsr() & CSR_FLAGS;
    uint32_t unmasked = raised & ~(cpu->mxcsr >> CSR_MASK_SHIFT);
    if (unmasked & CSR_PRE_COMPUTATION)
        raised &= CSR_PRE_COMPUTATION;
    _mm_setcsr(before | raised);
    if (unmasked) {
        cpu->common.exception_code = xm_code(x86_get_mxcsr(cpu));
        cpu_loop_exit(&cpu->common, EXIT_FPE);
    }
}

/* offs: dst | src << 16 (env offsets); fn: the opcode nibble | shape << 4. */
static void h_exact(CpuCommon *env, uint32_t offs, uint32_t fn)
{
    uint8_t *base = (uint8_t *)env;
    __m128 d, s;
    memcpy(&d, base + (offs & 0xffff), 16);
    memcpy(&s, base + (offs >> 16), 16);
    uint32_t before = exact_begin();
    __m128 r = exact_fns[fn & 0xf][fn >> 4](d, s);
    exact_end((X86Cpu *)env, before);
    memcpy(base + (offs & 0xffff), &r, 16);
}

static const IrHelper x86_sse_h_exact = {
    .name = "x86_sse_exact",
    .fn = (void *)h_exact,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 2,
    .args = {IR_I32, IR_I32},
};

/* The memory operand's size by shape: m128 (aligned), m32, m64; but
 * cvtps2pd reads an m64. */
static const uint8_t source_bytes[4] = {16, 16, 4, 8};
enum { CVTPS2PD_SOURCE_BYTES = 8 };

bool x86_sse_exact(X86Ctx *ctx, const X86Insn *in)
{
    unsigned shape = in->mp == X86_MP_66 ? 1 : in->mp == X86_MP_F3 ? 2 : in->mp == X86_MP_F2 ? 3 : 0;
    unsigned bytes = (in->opcode & 0xf) == 0xa && shape == 0 ? CVTPS2PD_SOURCE_BYTES : source_bytes[shape];
    uint32_t src = x86_sse_src_off(ctx, in, bytes, bytes == 16);
    IrTemp args[2] = {
        ir_const32(ctx->ir, x86_xmm_off(in->reg) | src << 16),
        ir_const32(ctx->ir, (in->opcode & 0xf) | shape << 4),
    };
    ir_call(ctx->ir, &x86_sse_h_exact, args);
    return true;
}

/* src: the env offset; kind: exact_to_int_fns's index. */
static uint64_t h_exact_to_int(CpuCommon *env, uint32_t src, uint32_t kind)
{
    __m128 s;
    memcpy(&s, (uint8_t *)env + src, 16);
    uint32_t before = exact_begin();
    uint64_t r = exact_to_int_fns[kind](s);
    exact_end((X86Cpu *)env, before);
    return r;
}

static const IrHelper x86_sse_h_exact_to_int = {
    .name = "x86_sse_exact_to_int",
    .fn = (void *)h_exact_to_int,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .has_ret = true,
    .ret = IR_I64,
    .nargs = 2,
    .args = {IR_I32, IR_I32},
};

IrTemp x86_sse_exact_to_int(X86Ctx *ctx, const X86Insn *in, unsigned size)
{
    bool dbl = in->mp == X86_MP_F2;
    uint32_t src = x86_sse_src_off(ctx, in, dbl ? 8 : 4, false);
    unsigned kind = (in->opcode == 0x2c) | dbl << 1 | (size == 8) << 2;
    IrTemp args[2] = {ir_const32(ctx->ir, src), ir_const32(ctx->ir, kind)};
    IrTemp r = ir_call(ctx->ir, &x86_sse_h_exact_to_int, args);
    return size == 8 ? r : ir_trunc_i64(ctx->ir, r);
}

#endif
