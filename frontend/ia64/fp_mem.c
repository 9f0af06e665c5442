/* frontend/ia64/fp_mem.c — the M-unit FP memory forms: ldf (single,
 * double, integer ldf8, extended, ldf.fill), ldfp pairs, stf (and
 * stf.spill), and setf.s/.d, getf.s/.d (.sig/.exp are mem.c's).
 *
 *   ldf  major 6 (m=1: r3 += r2) / major 7 (r3 += imm9), x(27) = 0
 *        x6 bits 31:30: 0 ldfe, 1 ldf8, 2 ldfs, 3 ldfd; x6 = 0x1b ldf.fill
 *        x6 bits 35:32 0x0 plain, 0x1/0x3 (.s/.sa: speculative, a fault
 *        deferred as NaTVal), 0x2 (.a), 0x8/0x9 (.c.clr/.c.nc: reload)
 *   stf  x6 0x30-0x33 (same sizes), 0x3b stf.spill
 *   ldfp major 6, x = 1: 0x01 ldfp8, 0x02 ldfps, 0x03 ldfpd;
 *        m=1: r3 += 16 (8 for ldfps)
 *
 * The value is moved through a helper that writes fr[] in register
 * format (fp_value.c), except ldf8/ldf.fill and their stores, which are
 * plain moves of the significand and exponent. */
#include "frontend/ia64/fp.h"

static void h_from_mem(CpuCommon *env, uint32_t kind_idx, uint64_t lo, uint64_t hi)
{
    Ia64Cpu *cpu = (Ia64Cpu *)env;
    unsigned idx = kind_idx & 127, kind = kind_idx >> 8;
    Ia64Fr v;
    switch (kind) {
    case FPMEM_SINGLE: v = ia64_fr_from_single((uint32_t)lo); break;
    case FPMEM_DOUBLE: v = ia64_fr_from_double(lo); break;
    case FPMEM_EXT: v = ia64_fr_from_ext(lo, (uint16_t)hi); break;
    case FPMEM_SIG: v = (Ia64Fr){lo, IA64_FR_INTEGER_EXP, 0}; break;
    default: v = (Ia64Fr){lo, (uint32_t)hi & 0x3ffff, 0}; break;
    }
    ia64_fp_write(cpu, idx, v);
}

/* The memory image of fr[idx]: single, double, or the extended format's
 * 16-bit sign/exponent (its significand is the register's). */
static uint64_t h_to_mem(CpuCommon *env, uint32_t kind_idx)
{
    Ia64Fr f = ((Ia64Cpu *)env)->fr[kind_idx & 127];
    switch (kind_idx >> 8) {
    case FPMEM_SINGLE: return ia64_fr_to_single(f);
    case FPMEM_DOUBLE: return ia64_fr_to_double(f);
    default: return ia64_fr_ext_sign_exp(f);
    }
}

static const IrHelper h_from_mem_desc = {"ia64_fp_from_mem", (void *)h_from_mem, IR_HELPER_WRITES_ENV, false,
                                         IR_I32, 3, {IR_I32, IR_I64, IR_I64}};
static const IrHelper h_to_mem_desc = {"ia64_fp_to_mem", (void *)h_to_mem, IR_HELPER_READS_ENV, true, IR_I64, 1,
                                       {IR_I32}};

static void write_fr(Ia64Ctx *ctx, unsigned kind, unsigned f, IrTemp lo, IrTemp hi)
{
    IrTemp args[3] = {ir_const32(ctx->ir, (int32_t)(kind << 8 | ia64_fr_index(ctx, f))), lo, hi};
    ir_call(ctx->ir, &h_from_mem_desc, args);
}

static IrTemp read_mem_image(Ia64Ctx *ctx, unsigned kind, unsigned f)
{
    IrTemp args[1] = {ir_const32(ctx->ir, (int32_t)(kind << 8 | ia64_fr_index(ctx, f)))};
    return ir_call(ctx->ir, &h_to_mem_desc, args);
}

static unsigned mem_kind(uint64_t i)
{
    return ia64_field(i, 30, 6) == 0x1b || ia64_field(i, 30, 6) == 0x3b ? FPMEM_SPILL : (unsigned)ia64_field(i, 30, 2);
}

/* Load one value of `kind` at addr into f. */
static void load_into(Ia64Ctx *ctx, unsigned kind, unsigned f, IrTemp addr)
{
    IrBlock *ir = ctx->ir;
    IrTemp lo, hi = ia64_imm(ctx, 0);
    if (kind == FPMEM_SINGLE) {
        lo = ia64_gen_ld(ctx, IR_MO_32, addr);
    } else {
        lo = ia64_gen_ld(ctx, IR_MO_64, addr);
        if (kind == FPMEM_EXT)
            hi = ia64_gen_ld(ctx, IR_MO_16, ir_add(ir, addr, ia64_imm(ctx, 8)));
        else if (kind == FPMEM_SPILL)
            hi = ia64_gen_ld(ctx, IR_MO_64, ir_add(ir, addr, ia64_imm(ctx, 8)));
    }
    write_fr(ctx, kind, f, lo, hi);
}

/* Load `count` values of `kind`, `step` bytes apart from base, into
 * f[0..count). A non-speculative load faults on a NaT address register;
 * a speculative one (.s/.sa) with one writes NaTVal to each (a faulting
 * access is deferred in spec.c). */
static void load_regs(Ia64Ctx *ctx, unsigned kind, const unsigned *f, unsigned count, IrTemp base, unsigned step)
{
    IrBlock *ir = ctx->ir;
    unsigned r3 = ia64_r3(ctx->insn);
    bool speculative = ia64_mem_is_speculative(ctx->insn);
    IrLabel defer = IA64_NO_LABEL, done = IA64_NO_LABEL;
    if (speculative) {
        defer = ia64_gen_spec_defer(ctx, r3);
        done = ir_new_label(ir);
    } else {
        ia64_gen_nat_check(ctx, r3, 0);
    }
    for (unsigned k = 0; k < count; k++)
        load_into(ctx, kind, f[k], k ? ir_add(ir, base, ia64_imm(ctx, k * step)) : base);
    if (!speculative)
        return;
    ir_br(ir, done);
    ir_label(ir, defer);
    for (unsigned k = 0; k < count; k++) {
        unsigned idx = ia64_fr_index(ctx, f[k]);
        ir_st_env(ir, IR_I64, IA64_FR_SIG_OFF(idx), ia64_imm(ctx, 0));
        ir_st_env(ir, IR_I32, IA64_FR_SE_OFF(idx), ir_const32(ir, IA64_FR_NATVAL_EXP));
    }
    ir_label(ir, done);
}

bool ia64_trans_ldf(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    unsigned f = ia64_r1(i);
    if (f < 2)
        return false;
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    load_regs(ctx, mem_kind(i), &f, 1, base, 0);
    ia64_post_increment(ctx, base, false);
    return true;
}

/* ldfp f1, f2 = [r3]: two consecutive values. */
bool ia64_trans_ldfp(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    unsigned f[2] = {ia64_r1(i), ia64_r2(i)};
    if (f[0] < 2 || f[1] < 2 || f[0] == f[1] || ia64_major(i) != 6)
        return false;
    unsigned kind = (unsigned)ia64_field(i, 30, 2);
    unsigned step = kind == FPMEM_SINGLE ? 4 : 8;
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    load_regs(ctx, kind, f, 2, base, step);
    if (ia64_bit(i, 36))
        ia64_set_gr_nat(ctx, ia64_r3(i), ir_add(ctx->ir, base, ia64_imm(ctx, 2 * step)),
                        ia64_get_gr_nat(ctx, ia64_r3(i)));
    return true;
}

bool ia64_trans_stf(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    IrBlock *ir = ctx->ir;
    unsigned f = ia64_r2(i), kind = mem_kind(i), idx = ia64_fr_index(ctx, f);
    if (ia64_major(i) == 6 && ia64_bit(i, 36))
        return false;
    ia64_gen_nat_check(ctx, ia64_r3(i), 0);
    IrTemp base = ia64_get_gr(ctx, ia64_r3(i));
    IrTemp sig = ir_ld_env(ir, IR_I64, IA64_FR_SIG_OFF(idx));
    switch (kind) {
    case FPMEM_SINGLE:
        ia64_gen_st(ctx, IR_MO_32, base, read_mem_image(ctx, kind, f));
        break;
    case FPMEM_DOUBLE:
        ia64_gen_st(ctx, IR_MO_64, base, read_mem_image(ctx, kind, f));
        break;
    case FPMEM_SIG:
        ia64_gen_st(ctx, IR_MO_64, base, sig);
        break;
    case FPMEM_EXT:
        ia64_gen_st(ctx, IR_MO_64, base, sig);
        ia64_gen_st(ctx, IR_MO_16, ir_add(ir, base, ia64_imm(ctx, 8)), read_mem_image(ctx, kind, f));
        break;
    default: /* spill: significand, then sign|exponent in the next 8 bytes */
        ia64_gen_st(ctx, IR_MO_64, base, sig);
        ia64_gen_st(ctx, IR_MO_64, ir_add(ir, base, ia64_imm(ctx, 8)),
                    ir_ext_i32u(ir, ir_ld_env(ir, IR_I32, IA64_FR_SE_OFF(idx))));
        break;
    }
    ia64_post_increment(ctx, base, true);
    return true;
}

/* setf.s / setf.d f1 = r2 (x6 0x1e / 0x1f); a NaT r2 gives NaTVal. */
bool ia64_trans_setf(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    IrBlock *ir = ctx->ir;
    unsigned f = ia64_r1(i);
    if (f < 2)
        return false;
    unsigned kind = ia64_field(i, 30, 2) == 2 ? FPMEM_SINGLE : FPMEM_DOUBLE;
    IrTemp v = ia64_get_gr(ctx, ia64_r2(i));
    write_fr(ctx, kind, f, v, ia64_imm(ctx, 0));
    IrTemp nat = ia64_get_gr_nat(ctx, ia64_r2(i));
    IrLabel skip = ir_new_label(ir);
    ir_brcond(ir, IR_EQ, nat, ir_const32(ir, 0), skip);
    unsigned idx = ia64_fr_index(ctx, f);
    ir_st_env(ir, IR_I64, IA64_FR_SIG_OFF(idx), ia64_imm(ctx, 0));
    ir_st_env(ir, IR_I32, IA64_FR_SE_OFF(idx), ir_const32(ir, IA64_FR_NATVAL_EXP));
    ir_label(ir, skip);
    return true;
}

/* getf.s / getf.d r1 = f2; NaTVal gives a NaT r1. */
bool ia64_trans_getf(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    IrBlock *ir = ctx->ir;
    if (ia64_r1(i) == 0)
        return false;
    unsigned f = ia64_r2(i), idx = ia64_fr_index(ctx, f);
    unsigned kind = ia64_field(i, 30, 2) == 2 ? FPMEM_SINGLE : FPMEM_DOUBLE;
    IrTemp v = read_mem_image(ctx, kind, f);
    IrTemp se = ir_ld_env(ir, IR_I32, IA64_FR_SE_OFF(idx));
    IrTemp sig = ir_ld_env(ir, IR_I64, IA64_FR_SIG_OFF(idx));
    IrTemp nat = ir_and(ir, ir_setcond(ir, IR_EQ, se, ir_const32(ir, IA64_FR_NATVAL_EXP)),
                        ir_trunc_i64(ir, ir_setcond(ir, IR_EQ, sig, ia64_imm(ctx, 0))));
    ia64_set_gr_nat(ctx, ia64_r1(i), v, nat);
    return true;
}
