/* backend/x86_64/gen_fp.c — the JIT's floating-point ops: f32/f64 values
 * in XMM registers, computed with scalar SSE (and FMA3 where the host has
 * it) in the host's current rounding mode, which is the guest's.
 *
 * Results and sticky exception flags are SSE's, which ops.def follows and
 * the interpreter must match bit for bit: a NaN result is the first NaN
 * operand, quieted (an invalid operation gives the default NaN).
 *   fadd..fdiv, fsqrt    addss/sd .. sqrtss/sd
 *   fmin, fmax           minss/sd, maxss/sd: "a < b ? a : b" exactly, the
 *                        second operand on NaN, invalid on any NaN (like
 *                        the C compare, comisd)
 *   fsetcond             cmpss/sd with the predicate that signals as C's
 *                        operator does: ==, != and isunordered are quiet
 *                        (ucomisd), < and <= signal on QNaN (comisd)
 *   fma                  vfmadd231ss/sd (a NaN result is the first NaN of
 *                        a, b, c, quieted), or fmaf()/fma() without FMA3
 *                        with that NaN rule applied after the call
 *   cvt_f_s32/s64        cvtss/sd2si (current mode) or cvtts/sd2si: NaN and
 *                        out of range give the "integer indefinite" MIN and
 *                        raise invalid, as the IR asks
 *   cvt_u64_f            signed conversion, or for values >= 2^63 halve
 *                        with a sticky bit, convert and double (exact)
 *   fneg, fabs           xor/and with a sign mask: no flags, NaNs kept
 */
#include <assert.h>
#include <math.h>

#include "backend/x86_64/jit_internal.h"
#include "util/fbits.h"

typedef void GenFp(JitCtx *c, const IrInsn *in);

static bool is_f64(IrType t) { return t == IR_F64; }

/* d = a op b for the two-operand SSE arithmetic. */
static void gen_binary(JitCtx *c, const IrInsn *in, X86FpOp op)
{
    X86Reg b = jit_in(c, in->use[1]);
    X86Reg d = jit_out_reuse(c, in->def[0], in->use[0]);
    x86_fp_rr(&c->e, op, is_f64(in->type), d, b);
}

static void gen_fadd(JitCtx *c, const IrInsn *in) { gen_binary(c, in, X86_FADD); }
static void gen_fsub(JitCtx *c, const IrInsn *in) { gen_binary(c, in, X86_FSUB); }
static void gen_fmul(JitCtx *c, const IrInsn *in) { gen_binary(c, in, X86_FMUL); }
static void gen_fdiv(JitCtx *c, const IrInsn *in) { gen_binary(c, in, X86_FDIV); }
static void gen_fmin(JitCtx *c, const IrInsn *in) { gen_binary(c, in, X86_FMIN); }
static void gen_fmax(JitCtx *c, const IrInsn *in) { gen_binary(c, in, X86_FMAX); }

static void gen_fsqrt(JitCtx *c, const IrInsn *in)
{
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg d = jit_out(c, in->def[0]);
    x86_fp_rr(&c->e, X86_FSQRT, is_f64(in->type), d, a);
}

/* fma without FMA3: libm's fma, one rounding in the current mode, with
 * the NaN of vfmadd231 (the first NaN of a, b, c, quieted) whatever
 * libm's own NaN order is. */
static double fma_f64_exact(double a, double b, double c)
{
    return f64_of_bits(nan_first64(bits_of_f64(fma(a, b, c)), bits_of_f64(a), bits_of_f64(b), bits_of_f64(c)));
}

static float fma_f32_exact(float a, float b, float c)
{
    return f32_of_bits(nan_first32(bits_of_f32(fmaf(a, b, c)), bits_of_f32(a), bits_of_f32(b), bits_of_f32(c)));
}

/* d = a * b + c with one rounding. */
static void gen_fma(JitCtx *c, const IrInsn *in)
{
    bool f64 = is_f64(in->type);
    if (c->feat->fma) {
        X86Reg a = jit_in(c, in->use[0]);
        X86Reg b = jit_in(c, in->use[1]);
        X86Reg d = jit_out_reuse(c, in->def[0], in->use[2]);
        x86_vfmadd231(&c->e, f64, d, a, b);
        return;
    }
    const JitArg args[3] = {
        {.temp = in->use[0], .type = in->type},
        {.temp = in->use[1], .type = in->type},
        {.temp = in->use[2], .type = in->type},
    };
    const void *fn = f64 ? (const void *)fma_f64_exact : (const void *)fma_f32_exact;
    jit_call(c, fn, false, args, 3, in->def[0]);
}

/* d = a combined with a sign-bit mask built in a scratch XMM register. */
static void gen_sign_mask(JitCtx *c, const IrInsn *in, uint64_t mask,
                          void (*combine)(X86Emit *, X86Reg, X86Reg))
{
    bool f64 = is_f64(in->type);
    X86Reg gpr = jit_scratch(c, JIT_GPRS);
    X86Reg m = jit_scratch(c, JIT_XMMS);
    X86Reg d = jit_out_reuse(c, in->def[0], in->use[0]);
    x86_mov_ri(&c->e, gpr, mask, true);
    x86_movq_to_xmm(&c->e, f64, m, gpr);
    combine(&c->e, d, m);
}

static void gen_fneg(JitCtx *c, const IrInsn *in)
{
    uint64_t sign = is_f64(in->type) ? 0x8000000000000000ull : 0x80000000u;
    gen_sign_mask(c, in, sign, x86_xorps);
}

static void gen_fabs(JitCtx *c, const IrInsn *in)
{
    uint64_t magnitude = is_f64(in->type) ? 0x7fffffffffffffffull : 0x7fffffffu;
    gen_sign_mask(c, in, magnitude, x86_andps);
}

/* The cmpss/cmpsd predicate of each IrFCond: its truth on NaN and its
 * signalling match the C operator the interpreter uses. */
static const uint8_t fcond_predicate[IR_NFCONDS] = {
    [IR_FEQ] = 0, /* EQ_OQ:  a == b, quiet */
    [IR_FLT] = 1, /* LT_OS:  a < b, signals on QNaN */
    [IR_FLE] = 2, /* LE_OS:  a <= b, signals on QNaN */
    [IR_FUN] = 3, /* UNORD_Q: isunordered(a, b), quiet */
    [IR_FNE] = 4, /* NEQ_UQ: !(a == b), quiet */
};

/* i32 d = (a cond b): the all-ones/zero compare mask, low bit. */
static void gen_fsetcond(JitCtx *c, const IrInsn *in)
{
    assert(in->aux < IR_NFCONDS);
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg b = jit_in(c, in->use[1]);
    X86Reg mask = jit_scratch(c, JIT_XMMS);
    X86Reg d = jit_out(c, in->def[0]);
    x86_movaps(&c->e, mask, a);
    x86_cmps(&c->e, is_f64(in->type), mask, b, fcond_predicate[in->aux]);
    x86_movq_from_xmm(&c->e, false, d, mask);
    x86_alu_ri(&c->e, X86_AND, false, d, 1);
}

static void gen_fcvt_f32(JitCtx *c, const IrInsn *in) /* f32 -> f64 */
{
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg d = jit_out(c, in->def[0]);
    x86_cvtss2sd(&c->e, d, a);
}

static void gen_fcvt_f64(JitCtx *c, const IrInsn *in) /* f64 -> f32 */
{
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg d = jit_out(c, in->def[0]);
    x86_cvtsd2ss(&c->e, d, a);
}

/* Signed integer -> float; xorps first so the conversion, which writes
 * only the low lane, does not wait for d's old value. */
static void gen_cvt_signed(JitCtx *c, const IrInsn *in, bool src64)
{
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg d = jit_out(c, in->def[0]);
    x86_xorps(&c->e, d, d);
    x86_cvtsi2s(&c->e, is_f64(in->type), src64, d, a);
}

static void gen_cvt_s32_f(JitCtx *c, const IrInsn *in) { gen_cvt_signed(c, in, false); }
static void gen_cvt_s64_f(JitCtx *c, const IrInsn *in) { gen_cvt_signed(c, in, true); }

/* Unsigned 64-bit integer -> float. Below 2^63 the signed conversion is
 * the answer. Above, convert h = (a >> 1) | (a & 1) and double it: the
 * kept low bit makes h round (and raise inexact) exactly as a would, in
 * every rounding mode, and the doubling is exact. */
static void gen_cvt_u64_f(JitCtx *c, const IrInsn *in)
{
    bool f64 = is_f64(in->type);
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg half = jit_scratch(c, JIT_GPRS);
    X86Reg d = jit_out(c, in->def[0]);
    X86Emit *e = &c->e;
    X86Label big, done;
    x86_label_init(&big);
    x86_label_init(&done);

    x86_xorps(e, d, d);
    x86_test_rr(e, true, a, a);
    x86_jcc_label(e, X86_CC_S, &big);
    x86_cvtsi2s(e, f64, true, d, a);
    x86_jmp_label(e, &done);

    x86_label_bind(e, &big);
    x86_mov_rr(e, false, half, a);
    x86_alu_ri(e, X86_AND, false, half, 1);   /* a & 1 */
    x86_alu_rr(e, X86_ADD, false, half, half); /* (a & 1) << 1 */
    x86_alu_rr(e, X86_OR, true, half, a);
    x86_shift_ri(e, X86_SHR, true, half, 1);   /* (a >> 1) | (a & 1) */
    x86_cvtsi2s(e, f64, true, d, half);
    x86_fp_rr(e, X86_FADD, f64, d, d);
    x86_label_bind(e, &done);

    x86_label_free(&big);
    x86_label_free(&done);
}

/* Float -> signed integer, rounded in the current mode or toward zero. */
static void gen_cvt_to_int(JitCtx *c, const IrInsn *in, bool dst64)
{
    bool src_f64 = is_f64(jit_type(c, in->use[0]));
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg d = jit_out(c, in->def[0]);
    if (in->imm == IR_ROUND_TRUNC)
        x86_cvtts2si(&c->e, src_f64, dst64, d, a);
    else
        x86_cvts2si(&c->e, src_f64, dst64, d, a);
}

static void gen_cvt_f_s32(JitCtx *c, const IrInsn *in) { gen_cvt_to_int(c, in, false); }
static void gen_cvt_f_s64(JitCtx *c, const IrInsn *in) { gen_cvt_to_int(c, in, true); }

/* The same bits in the other register file (movd/movq; a 32-bit movd to
 * a GPR zero-extends, as an i32 must be). */
static void gen_bitcast(JitCtx *c, const IrInsn *in)
{
    bool w64 = jit_is_w64(in->type);
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg d = jit_out(c, in->def[0]);
    if (x86_is_xmm(d))
        x86_movq_to_xmm(&c->e, w64, d, a);
    else
        x86_movq_from_xmm(&c->e, w64, d, a);
}

static GenFp *const fp_generators[IR_NOPS] = {
    [IR_OP_fadd] = gen_fadd,
    [IR_OP_fsub] = gen_fsub,
    [IR_OP_fmul] = gen_fmul,
    [IR_OP_fdiv] = gen_fdiv,
    [IR_OP_fsqrt] = gen_fsqrt,
    [IR_OP_fma] = gen_fma,
    [IR_OP_fneg] = gen_fneg,
    [IR_OP_fabs] = gen_fabs,
    [IR_OP_fmin] = gen_fmin,
    [IR_OP_fmax] = gen_fmax,
    [IR_OP_fsetcond] = gen_fsetcond,
    [IR_OP_fcvt_f32] = gen_fcvt_f32,
    [IR_OP_fcvt_f64] = gen_fcvt_f64,
    [IR_OP_cvt_s32_f] = gen_cvt_s32_f,
    [IR_OP_cvt_s64_f] = gen_cvt_s64_f,
    [IR_OP_cvt_u64_f] = gen_cvt_u64_f,
    [IR_OP_cvt_f_s32] = gen_cvt_f_s32,
    [IR_OP_cvt_f_s64] = gen_cvt_f_s64,
    [IR_OP_bitcast] = gen_bitcast,
};

void jit_gen_fp(JitCtx *c, const IrInsn *in)
{
    GenFp *gen = fp_generators[in->op];
    assert(gen);
    gen(c, in);
}
