/* frontend/x86/fxsave.c — the 512-byte FXSAVE image of the x87, MXCSR and
 * XMM state (x86_fxsave/x86_fxrstor, which signal frames use too) and the
 * FXSAVE/FXRSTOR instructions (0F AE /0 /1, memory only; a misaligned
 * operand is #GP: EXIT_PRIV).
 *
 *     0 FCW   2 FSW   4 abridged FTW (bit i: physical register i in use)
 *     6 FOP   8 FIP (64 bits; with 32-bit operands FIP:32 FCS:16)
 *    16 FDP (64 bits; or FDP:32 FDS:16)   24 MXCSR   28 MXCSR_MASK
 *    32 + 16i  ST(i) / MMi (10 bytes, 6 reserved)
 *   160 + 16i  XMMi (16 of them in 64-bit mode, 8 otherwise)
 *   416..511   reserved / available to software: FXSAVE leaves them alone
 */
#include "frontend/x86/x87.h"

enum {
    FX_FCW = 0, FX_FSW = 2, FX_FTW = 4, FX_FOP = 6, FX_FIP = 8, FX_FDP = 16,
    FX_MXCSR = 24, FX_MXCSR_MASK = 28, FX_ST = 32, FX_XMM = 160,
    FX_BYTES = 512,
};
/* The MXCSR bits this CPU implements (DAZ included), as the host reports. */
enum { FX_MXCSR_MASK_VALUE = 0xffff };

static unsigned xmm_count(const X86Cpu *cpu) { return cpu->common.tb_flags & X86_TBF_LONG ? 16 : 8; }

/* The instruction writes and reads this much of the image. */
static unsigned image_bytes(const X86Cpu *cpu) { return FX_XMM + 16 * xmm_count(cpu); }

static void fx_put(uint8_t *image, unsigned off, uint64_t v, unsigned n) { memcpy(image + off, &v, n); }
static uint64_t fx_get(const uint8_t *image, unsigned off, unsigned n)
{
    uint64_t v = 0;
    memcpy(&v, image + off, n);
    return v;
}

void x86_fxsave(X86Cpu *cpu, uint8_t out[512])
{
    memset(out, 0, FX_BYTES);
    fx_put(out, FX_FCW, cpu->fpuc, 2);
    fx_put(out, FX_FSW, x86_x87_status_word(cpu), 2);
    fx_put(out, FX_FTW, cpu->fptag & 0xff, 1);
    fx_put(out, FX_FOP, cpu->fpop & 0x7ff, 2);
    fx_put(out, FX_FIP, cpu->fpip, 8);
    fx_put(out, FX_FDP, cpu->fpdp, 8);
    fx_put(out, FX_MXCSR, x86_get_mxcsr(cpu), 4);
    fx_put(out, FX_MXCSR_MASK, FX_MXCSR_MASK_VALUE, 4);
    for (unsigned i = 0; i < 8; i++) {
        X87Bits x = x87_bits(*x87_st(cpu, i));
        fx_put(out, FX_ST + 16 * i, x.b.mant, 8);
        fx_put(out, FX_ST + 16 * i + 8, x.b.sexp, 2);
    }
    for (unsigned i = 0; i < xmm_count(cpu); i++)
        memcpy(out + FX_XMM + 16 * i, cpu->xmm[i], 16);
}

void x86_fxrstor(X86Cpu *cpu, const uint8_t in[512])
{
    cpu->fpuc = (uint16_t)((fx_get(in, FX_FCW, 2) & X87_CW_KEEP) | X87_CW_ONE);
    x87_update_tb_flags(cpu);
    x86_x87_set_status_word(cpu, (uint16_t)fx_get(in, FX_FSW, 2));
    cpu->fptag = (uint16_t)fx_get(in, FX_FTW, 1);
    cpu->fpop = (uint16_t)(fx_get(in, FX_FOP, 2) & 0x7ff);
    cpu->fpip = fx_get(in, FX_FIP, 8);
    cpu->fpdp = fx_get(in, FX_FDP, 8);
    x86_set_mxcsr(cpu, (uint32_t)fx_get(in, FX_MXCSR, 4) & FX_MXCSR_MASK_VALUE);
    for (unsigned i = 0; i < 8; i++)
        *x87_st(cpu, i) = x87_from_bits(fx_get(in, FX_ST + 16 * i, 8), (uint16_t)fx_get(in, FX_ST + 16 * i + 8, 2));
    for (unsigned i = 0; i < xmm_count(cpu); i++)
        memcpy(cpu->xmm[i], in + FX_XMM + 16 * i, 16);
}

/* The 32-bit-operand layout keeps only 32 bits of FIP and FDP; the
 * selectors beside them read 0 (deprecated FCS/FDS, as on the host). */
static void narrow_pointers(uint8_t *image)
{
    memset(image + FX_FIP + 4, 0, 4);
    memset(image + FX_FDP + 4, 0, 4);
}

static void check_aligned(X86Cpu *cpu, uint64_t addr)
{
    if (addr & 15)
        x87_raise_gp(cpu);
}

/* desc: 1 = REX.W (FXSAVE64/FXRSTOR64). */
static void h_fxsave(X86Cpu *cpu, uint64_t addr, uint32_t rex_w)
{
    uint8_t image[FX_BYTES];
    check_aligned(cpu, addr);
    x86_fxsave(cpu, image);
    if (!rex_w)
        narrow_pointers(image);
    x87_guest_write(cpu, addr, image, image_bytes(cpu));
}

static void h_fxrstor(X86Cpu *cpu, uint64_t addr, uint32_t rex_w)
{
    uint8_t image[FX_BYTES] = {0};
    check_aligned(cpu, addr);
    x87_guest_read(cpu, addr, image, image_bytes(cpu));
    if (fx_get(image, FX_MXCSR, 4) & ~(uint64_t)FX_MXCSR_MASK_VALUE)
        x87_raise_gp(cpu); /* reserved MXCSR bits: #GP */
    if (!rex_w)
        narrow_pointers(image);
    /* XMM registers beyond the image (32-bit mode) keep their values. */
    x86_fxrstor(cpu, image);
}

#define FX_HELPER_FLAGS (X87_HELPER_FLAGS | IR_HELPER_MAY_RAISE)
static const IrHelper h_fxsave_helper = {
    "x86_fxsave", (void *)h_fxsave, FX_HELPER_FLAGS, false, IR_I32, 2, {IR_I64, IR_I32},
};
static const IrHelper h_fxrstor_helper = {
    "x86_fxrstor", (void *)h_fxrstor, FX_HELPER_FLAGS, false, IR_I32, 2, {IR_I64, IR_I32},
};

bool x86_tr_fxsave(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp args[2] = {x87_gen_addr64(ctx, in), ir_const32(ctx->ir, x86_rex_w(in))};
    ir_call(ctx->ir, &h_fxsave_helper, args);
    return true;
}

bool x86_tr_fxrstor(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp args[2] = {x87_gen_addr64(ctx, in), ir_const32(ctx->ir, x86_rex_w(in))};
    ir_call(ctx->ir, &h_fxrstor_helper, args);
    x87_gen_end_block(ctx, in); /* the control word may have changed */
    return true;
}
