/* frontend/x86/x87_control.c — x87 control instructions: FLDCW, FNSTCW,
 * FNSTSW (m16 and AX), FNCLEX, FNINIT, FFREE(P), FINCSTP, FDECSTP, the
 * no-ops (FNOP, FWAIT, FENI/FDISI/FSETPM), and the environment and save
 * images: FNSTENV/FLDENV (14 or 28 bytes), FNSAVE/FRSTOR (94 or 108), plus
 * the i386 signal frame's copy of the latter (x86_x87_fsave32/frstor32).
 *
 *   32-bit environment (28 bytes; the high halves of FCW, FSW, FTW and
 *   FDS read 0xffff, as the host writes them):
 *     0 FCW  4 FSW  8 FTW  12 FIP  16 FCS | FOP << 16  20 FDP  24 FDS
 *   16-bit environment (14 bytes): FCW FSW FTW FIP FCS FDP FDS, 2 each.
 *   The register area follows: ST(0)..ST(7), 10 bytes each.
 */
#include "frontend/x86/x87.h"

/* ---- environment and save images ----------------------------------------- */

enum { ENV16_BYTES = 14, ENV32_BYTES = 28, REGS_BYTES = 80 };

static void put16(uint8_t *m, uint16_t v) { memcpy(m, &v, 2); }
static void put32(uint8_t *m, uint32_t v) { memcpy(m, &v, 4); }
static uint16_t get16(const uint8_t *m) { uint16_t v; memcpy(&v, m, 2); return v; }
static uint32_t get32(const uint8_t *m) { uint32_t v; memcpy(&v, m, 4); return v; }

static unsigned env_bytes(bool op16) { return op16 ? ENV16_BYTES : ENV32_BYTES; }

static void env_write(const X86Cpu *cpu, uint8_t *m, bool op16)
{
    uint16_t sw = x86_x87_status_word(cpu), tag = x86_x87_full_tag(cpu);
    if (op16) {
        uint16_t words[7] = {cpu->fpuc, sw, tag, (uint16_t)cpu->fpip, 0, (uint16_t)cpu->fpdp, 0};
        for (unsigned k = 0; k < 7; k++)
            put16(m + 2 * k, words[k]);
        return;
    }
    put32(m + 0, 0xffff0000u | cpu->fpuc);
    put32(m + 4, 0xffff0000u | sw);
    put32(m + 8, 0xffff0000u | tag);
    put32(m + 12, (uint32_t)cpu->fpip);
    put32(m + 16, (uint32_t)(cpu->fpop & 0x7ff) << 16);
    put32(m + 20, (uint32_t)cpu->fpdp);
    put32(m + 24, 0xffff0000u);
}

static void env_read(X86Cpu *cpu, const uint8_t *m, bool op16)
{
    unsigned w = op16 ? 2 : 4;
    cpu->fpuc = (uint16_t)((get16(m) & X87_CW_KEEP) | X87_CW_ONE);
    x87_update_tb_flags(cpu);
    x86_x87_set_status_word(cpu, get16(m + w));
    x86_x87_set_full_tag(cpu, get16(m + 2 * w));
    cpu->fpip = op16 ? get16(m + 6) : get32(m + 12);
    cpu->fpop = op16 ? 0 : (uint16_t)(get32(m + 16) >> 16 & 0x7ff);
    cpu->fpdp = op16 ? get16(m + 10) : get32(m + 20);
}

static void regs_write(X86Cpu *cpu, uint8_t *m)
{
    for (unsigned i = 0; i < 8; i++) {
        X87Bits x = x87_bits(*x87_st(cpu, i));
        memcpy(m + 10 * i, &x.b.mant, 8);
        memcpy(m + 10 * i + 8, &x.b.sexp, 2);
    }
}

/* After env_read (TOP is the image's). */
static void regs_read(X86Cpu *cpu, const uint8_t *m)
{
    for (unsigned i = 0; i < 8; i++) {
        uint64_t mant;
        uint16_t sexp;
        memcpy(&mant, m + 10 * i, 8);
        memcpy(&sexp, m + 10 * i + 8, 2);
        *x87_st(cpu, i) = x87_from_bits(mant, sexp);
    }
}

void x86_x87_fsave32(X86Cpu *cpu, uint8_t out[X86_FSAVE32_BYTES])
{
    env_write(cpu, out, false);
    regs_write(cpu, out + ENV32_BYTES);
}

void x86_x87_frstor32(X86Cpu *cpu, const uint8_t in[X86_FSAVE32_BYTES])
{
    env_read(cpu, in, false);
    regs_read(cpu, in + ENV32_BYTES);
}

/* desc of the image helpers: 1 = 16-bit operand size. */
static void h_fnstenv(X86Cpu *cpu, uint64_t addr, uint32_t op16)
{
    uint8_t buf[ENV32_BYTES];
    env_write(cpu, buf, op16);
    x87_guest_write(cpu, addr, buf, env_bytes(op16));
    cpu->fpuc |= X87_EXC_MASK; /* fnstenv masks every exception */
    x87_update_tb_flags(cpu);
}

static void h_fldenv(X86Cpu *cpu, uint64_t addr, uint32_t op16)
{
    uint8_t buf[ENV32_BYTES];
    x87_guest_read(cpu, addr, buf, env_bytes(op16));
    env_read(cpu, buf, op16);
}

static void h_fnsave(X86Cpu *cpu, uint64_t addr, uint32_t op16)
{
    uint8_t buf[ENV32_BYTES + REGS_BYTES];
    unsigned env = env_bytes(op16);
    env_write(cpu, buf, op16);
    regs_write(cpu, buf + env);
    x87_guest_write(cpu, addr, buf, env + REGS_BYTES);
    x86_x87_reset(cpu);
}

static void h_frstor(X86Cpu *cpu, uint64_t addr, uint32_t op16)
{
    uint8_t buf[ENV32_BYTES + REGS_BYTES];
    unsigned env = env_bytes(op16);
    x87_guest_read(cpu, addr, buf, env + REGS_BYTES);
    env_read(cpu, buf, op16);
    regs_read(cpu, buf + env);
}

#define IMAGE_HELPER_FLAGS (X87_HELPER_FLAGS | IR_HELPER_MAY_RAISE)
static const IrHelper h_fnstenv_helper = {
    "x87_fnstenv", (void *)h_fnstenv, IMAGE_HELPER_FLAGS, false, IR_I32, 2, {IR_I64, IR_I32},
};
static const IrHelper h_fldenv_helper = {
    "x87_fldenv", (void *)h_fldenv, IMAGE_HELPER_FLAGS, false, IR_I32, 2, {IR_I64, IR_I32},
};
static const IrHelper h_fnsave_helper = {
    "x87_fnsave", (void *)h_fnsave, IMAGE_HELPER_FLAGS, false, IR_I32, 2, {IR_I64, IR_I32},
};
static const IrHelper h_frstor_helper = {
    "x87_frstor", (void *)h_frstor, IMAGE_HELPER_FLAGS, false, IR_I32, 2, {IR_I64, IR_I32},
};

/* Each of them may change the control word: the block ends after it. */
static bool gen_image(X86Ctx *ctx, const X86Insn *in, const IrHelper *h)
{
    IrTemp args[2] = {x87_gen_addr64(ctx, in), ir_const32(ctx->ir, in->opsize == 2)};
    ir_call(ctx->ir, h, args);
    x87_gen_end_block(ctx, in);
    return true;
}

bool x87_tr_fnstenv(X86Ctx *ctx, const X86Insn *in) { return gen_image(ctx, in, &h_fnstenv_helper); }
bool x87_tr_fldenv(X86Ctx *ctx, const X86Insn *in) { return gen_image(ctx, in, &h_fldenv_helper); }
bool x87_tr_fnsave(X86Ctx *ctx, const X86Insn *in) { return gen_image(ctx, in, &h_fnsave_helper); }
bool x87_tr_frstor(X86Ctx *ctx, const X86Insn *in) { return gen_image(ctx, in, &h_frstor_helper); }

/* ---- control and status words ------------------------------------------------ */

static void h_fldcw(X86Cpu *cpu, uint32_t cw)
{
    cpu->fpuc = (uint16_t)((cw & X87_CW_KEEP) | X87_CW_ONE);
    x87_update_tb_flags(cpu);
    x87_update_es(cpu);
}

static void h_fnclex(X86Cpu *cpu)
{
    x87_host_clear_flags();
    cpu->fpus &= (uint16_t)~(X87_EXC_MASK | X87_SF | X87_ES | X87_B);
}

static void h_fninit(X86Cpu *cpu) { x86_x87_reset(cpu); }

/* FFREE ST(i); FFREEP pops after. desc: i | pop << 4. C1 is cleared (measured). */
static void h_ffree(X86Cpu *cpu, uint32_t desc)
{
    x87_note_insn(cpu);
    cpu->fpus &= (uint16_t)~X87_C1;
    cpu->fptag &= (uint16_t)~(1u << x87_phys(cpu, desc & 7));
    if (desc >> 4)
        x87_pop(cpu);
}

/* FINCSTP (+1) / FDECSTP (-1): TOP only, tags stay; C1 cleared. */
static void h_move_top(X86Cpu *cpu, uint32_t delta)
{
    x87_note_insn(cpu);
    cpu->fptop = (cpu->fptop + delta) & 7;
    cpu->fpus &= (uint16_t)~X87_C1;
}

static const IrHelper h_fldcw_helper = {
    "x87_fldcw", (void *)h_fldcw, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_fnclex_helper = {
    "x87_fnclex", (void *)h_fnclex, X87_HELPER_FLAGS, false, IR_I32, 0, {0},
};
static const IrHelper h_fninit_helper = {
    "x87_fninit", (void *)h_fninit, X87_HELPER_FLAGS, false, IR_I32, 0, {0},
};
static const IrHelper h_ffree_helper = {
    "x87_ffree", (void *)h_ffree, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};
static const IrHelper h_move_top_helper = {
    "x87_move_top", (void *)h_move_top, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};

bool x87_tr_fldcw(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp cw = x86_ld(ctx, x86_ea(ctx, in), 2);
    ir_call(ctx->ir, &h_fldcw_helper, &cw);
    x87_gen_end_block(ctx, in);
    return true;
}

/* fpuc and fpus are adjacent 16-bit fields: one i32 load reads both. */
_Static_assert(offsetof(X86Cpu, fpus) == offsetof(X86Cpu, fpuc) + 2, "fpuc, fpus adjacent");
_Static_assert(offsetof(X86Cpu, fpuc) % 4 == 0, "fpuc 4-aligned");

bool x87_tr_fnstcw(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp words = ir_ld_env(ctx->ir, IR_I32, X86_OFF(fpuc));
    x86_st(ctx, x86_ea(ctx, in), 2, words);
    return true;
}

/* The status word in IR: fpus | TOP << 11 (fpus keeps bits 11-13 zero). */
static IrTemp gen_status_word(X86Ctx *ctx)
{
    IrTemp fpus = ir_shri(ctx->ir, ir_ld_env(ctx->ir, IR_I32, X86_OFF(fpuc)), 16);
    IrTemp top = ir_shli(ctx->ir, ir_ld_env(ctx->ir, IR_I32, X86_OFF(fptop)), X87_TOP_SHIFT);
    return ir_or(ctx->ir, fpus, top);
}

bool x87_tr_fnstsw_mem(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp addr = x86_ea(ctx, in);
    x86_st(ctx, addr, 2, gen_status_word(ctx));
    return true;
}

bool x87_tr_fnstsw_ax(X86Ctx *ctx, const X86Insn *in)
{
    x86_set_reg(ctx, in, X86_RAX, 2, gen_status_word(ctx));
    return true;
}

bool x87_tr_fnclex(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    x87_gen_call(ctx, &h_fnclex_helper, 0, 0);
    return true;
}

bool x87_tr_fninit(X86Ctx *ctx, const X86Insn *in)
{
    x87_gen_call(ctx, &h_fninit_helper, 0, 0);
    x87_gen_end_block(ctx, in);
    return true;
}

/* DD C0+i ffree; DF C0+i ffreep. */
bool x87_tr_ffree(X86Ctx *ctx, const X86Insn *in)
{
    x87_gen_call(ctx, &h_ffree_helper, (in->rm & 7u) | (in->opcode == 0xdf ? 1u << 4 : 0), 0);
    return true;
}

bool x87_tr_fincstp(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    x87_gen_call(ctx, &h_move_top_helper, 1, 0);
    return true;
}

bool x87_tr_fdecstp(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    x87_gen_call(ctx, &h_move_top_helper, 7, 0);
    return true;
}

/* FWAIT (no pending exception is ever modelled), FENI/FDISI/FSETPM
 * (8087/287 leftovers the 387 and later ignore). */
bool x87_tr_nop(X86Ctx *ctx, const X86Insn *in)
{
    (void)ctx;
    (void)in;
    return true;
}

/* FNOP: nothing but FIP. */
bool x87_tr_fnop(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    ir_st_env(ctx->ir, IR_I64, X86_OFF(fpip), ir_const64(ctx->ir, ctx->pc));
    return true;
}
