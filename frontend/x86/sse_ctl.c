/* frontend/x86/sse_ctl.c — MXCSR (x86_get_mxcsr/x86_set_mxcsr, ldmxcsr,
 * stmxcsr), the fences (lfence, mfence, sfence) and clflush. (The
 * prefetch hints 0F 18 are the integer family's hint NOPs.)
 *
 * MXCSR lives in two places while guest code runs: cpu->mxcsr holds the
 * control bits and the flags already folded in; the host's MXCSR holds
 * the guest's rounding mode (and FTZ/DAZ) and collects the flags of the
 * guest's float ops since the last fold. The host keeps every exception
 * masked. On an x86-64 host a guest MXCSR that unmasks one sets
 * X86_TBF_SSE_EXACT, and the arithmetic of blocks translated so raises
 * #XM (sse_exact.c); ldmxcsr ends its block for that. Elsewhere an
 * unmasked exception is not modelled, only logged under -d unimp.
 */
#include <fenv.h>

#include "backend/exec.h"
#include "frontend/x86/sse.h"
#include "util/host_fp.h"
#include "util/log.h"

enum {
    MXCSR_FLAGS = 0x3f,      /* IE DE ZE OE UE PE */
    MXCSR_DAZ = 1u << 6,
    MXCSR_MASKS = 0x1f80,    /* IM DM ZM OM UM PM */
    MXCSR_RC_SHIFT = 13,
    MXCSR_RC = 3u << MXCSR_RC_SHIFT,
    MXCSR_FTZ = 1u << 15,
    MXCSR_VALID = 0xffff,    /* MXCSR_MASK of every CPU with DAZ */
};

/* The flags the host collected, cleared there. The host is x86 SSE when
 * morph runs on x86-64: its MXCSR flag bits are the guest's, DE (denormal
 * operand) included, which the JIT's SSE code raises as the guest's
 * instructions do. (The interpreter's C can raise DE where the guest
 * would not: the IR promises only IE ZE OE UE PE.) Elsewhere DE is never
 * set. */
static uint32_t take_host_flags(void)
{
#if defined(__x86_64__)
    uint32_t csr = _mm_getcsr();
    if (csr & MXCSR_FLAGS)
        _mm_setcsr(csr & ~(uint32_t)MXCSR_FLAGS);
    return csr & MXCSR_FLAGS;
#else
    uint32_t f = (uint32_t)host_fp_test(FE_ALL_EXCEPT);
    host_fp_clear(FE_ALL_EXCEPT);
    return ((f & FE_INVALID) ? 0x01 : 0) | ((f & FE_DIVBYZERO) ? 0x04 : 0) | ((f & FE_OVERFLOW) ? 0x08 : 0) |
           ((f & FE_UNDERFLOW) ? 0x10 : 0) | ((f & FE_INEXACT) ? 0x20 : 0);
#endif
}

uint32_t x86_get_mxcsr(X86Cpu *cpu)
{
    cpu->mxcsr |= take_host_flags();
    return cpu->mxcsr;
}

/* Install rounding, and on an x86 host FTZ and DAZ too, which then flush
 * exactly as the guest's would (the IR's float ops are the host's SSE).
 * On x86 only MXCSR changes: the host's x87 control word is the guest
 * x87's business (x87*.c), which fesetround would also set. */
void x86_set_mxcsr(X86Cpu *cpu, uint32_t value)
{
    value &= MXCSR_VALID;
    take_host_flags(); /* what was pending belongs to the old value, now replaced */
    cpu->mxcsr = value;
#if defined(__x86_64__)
    bool unmasked = (value & MXCSR_MASKS) != MXCSR_MASKS;
    cpu->common.tb_flags = (cpu->common.tb_flags & ~X86_TBF_SSE_EXACT) | (unmasked ? X86_TBF_SSE_EXACT : 0);
    uint32_t control = MXCSR_RC | MXCSR_FTZ | MXCSR_DAZ;
    _mm_setcsr((_mm_getcsr() & ~control) | (value & control) | MXCSR_MASKS);
#else
    if ((value & MXCSR_MASKS) != MXCSR_MASKS && log_enabled(LOG_UNIMP))
        log_printf("x86: MXCSR 0x%04x unmasks SSE exceptions; they are not delivered\n", value);
    static const int rc_to_host[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    fesetround(rc_to_host[value >> MXCSR_RC_SHIFT & 3]);
#endif
}

static uint64_t h_stmxcsr(CpuCommon *env)
{
    return x86_get_mxcsr((X86Cpu *)env);
}

static void h_ldmxcsr(CpuCommon *env, uint32_t value)
{
    x86_set_mxcsr((X86Cpu *)env, value);
}

static const IrHelper x86_sse_h_stmxcsr = {
    .name = "x86_stmxcsr",
    .fn = (void *)h_stmxcsr,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .has_ret = true,
    .ret = IR_I64,
    .nargs = 0,
};

static const IrHelper x86_sse_h_ldmxcsr = {
    .name = "x86_ldmxcsr",
    .fn = (void *)h_ldmxcsr,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .nargs = 1,
    .args = {IR_I32},
};

/* 0F AE /2 ldmxcsr m32: reserved bits set are #GP (SIGSEGV). */
bool x86_sse_ldmxcsr(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrTemp v = x86_ld(ctx, x86_ea(ctx, in), 4);
    IrLabel ok = ir_new_label(ir);
    ir_brcond(ir, IR_EQ, ir_andi(ir, v, ~(uint64_t)MXCSR_VALID & 0xffffffffu), ir_const32(ir, 0), ok);
    x86_raise(ctx, EXIT_PRIV);
    ctx->end_block = false;
    ir_label(ir, ok);
    ir_call(ir, &x86_sse_h_ldmxcsr, &v);
    x86_jump(ctx, ir_const64(ir, in->next_pc)); /* the masks decide how later blocks translate */
    return true;
}

/* 0F AE /3 stmxcsr m32. */
bool x86_sse_stmxcsr(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp addr = x86_ea(ctx, in);
    IrTemp v = ir_call(ctx->ir, &x86_sse_h_stmxcsr, NULL);
    x86_st(ctx, addr, 4, ir_trunc_i64(ctx->ir, v));
    return true;
}

/* 0F AE /5 /6 /7 with a register operand: lfence, mfence, sfence. */
bool x86_sse_fence(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    ir_fence(ctx->ir);
    return true;
}

/* 0F AE /7 with memory: clflush. Caches are not modelled, but the address
 * must be mapped: a one-byte load faults where the instruction would. */
bool x86_sse_clflush(X86Ctx *ctx, const X86Insn *in)
{
    x86_ld(ctx, x86_ea(ctx, in), 1);
    return true;
}
