/* frontend/ia64/sys.c — the system and move forms every unit shares:
 * nop/hint and break (system call, traps) on M, I, F, B and X; movl;
 * moves to and from application, branch and predicate registers and the
 * IP; alloc; the RSE controls (flushrs, loadrs); the user mask (sum, rum,
 * mov psr.um); memory ordering (mf) and the serializations, ALAT and
 * cache controls, which have nothing to do here.
 *
 * Majors: M unit 0 (x3(35:33) x4(30:27) x2(32:31), i.e. x6 = bits 32:27)
 * and 1 (x6: mov ar M29/M31, psr.um, fc; x3 6: alloc M34); I unit 0 (x3,
 * x6: I19-I29); X unit 0 (break.x/nop.x) and 6 (movl).
 */
#include <signal.h>
#include <time.h>

#include "backend/exec.h"
#include "frontend/ia64/decode.h"

/* ---- nop, hint, break ------------------------------------------------------- */
static bool trans_nop(Ia64Ctx *ctx)
{
    (void)ctx;
    return true;
}

enum { IA64_ILL_BREAK = 10 }; /* the si_code __ILL_BREAK (asm-generic/siginfo.h) */

/* What Linux makes of `break imm` (arch/ia64/kernel/traps.c): the system
 * call gate, integer divide-by-zero and overflow, debugger breakpoints
 * (0x80000-0xfffff: SIGTRAP); anything else is SIGILL, __ILL_BREAK. */
static void gen_break(Ia64Ctx *ctx, uint64_t imm)
{
    IrBlock *ir = ctx->ir;
    if (imm == IA64_BREAK_SYSCALL) {
        ia64_set_pc_exit(ctx, ia64_next_pc(ctx), EXIT_SYSCALL);
    } else if (imm == 1 || imm == 2) {
        int code = imm == 1 ? FPE_INTDIV : FPE_INTOVF;
        ir_st_env(ir, IR_I32, offsetof(CpuCommon, exception_code), ir_const32(ir, (uint32_t)code));
        ia64_raise(ctx, EXIT_FPE);
    } else if (imm >= 0x80000 && imm < IA64_BREAK_SYSCALL) {
        ia64_raise(ctx, EXIT_TRAP);
    } else {
        ia64_raise_illegal(ctx, IA64_ILL_BREAK);
    }
}

static bool trans_break(Ia64Ctx *ctx)
{
    gen_break(ctx, ia64_imm21(ctx->insn));
    return true;
}

static bool trans_break_x(Ia64Ctx *ctx) /* X1: imm62 = imm41 (L) : i : imm20a */
{
    gen_break(ctx, ctx->imm41 << 21 | ia64_imm21(ctx->insn));
    return true;
}

/* ---- movl (X2) ----------------------------------------------------------------
 * imm64 = i(36) : imm41 (L slot) : ic(21) : imm5c(26:22) : imm9d(35:27) : imm7b(19:13) */
uint64_t ia64_movl_imm(uint64_t insn, uint64_t imm41)
{
    return (uint64_t)ia64_bit(insn, 36) << 63 | imm41 << 22 | (uint64_t)ia64_bit(insn, 21) << 21 |
           ia64_field(insn, 22, 5) << 16 | ia64_field(insn, 27, 9) << 7 | ia64_field(insn, 13, 7);
}

static bool trans_movl(Ia64Ctx *ctx)
{
    if (ia64_r1(ctx->insn) == 0)
        return false;
    ia64_set_gr(ctx, ia64_r1(ctx->insn), ia64_imm(ctx, (int64_t)ia64_movl_imm(ctx->insn, ctx->imm41)));
    return true;
}

/* ---- application registers ------------------------------------------------------ */
static uint64_t ia64_read_itc(CpuCommon *env)
{
    const Ia64Cpu *cpu = (const Ia64Cpu *)env;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec - cpu->itc_base;
}

static const IrHelper ia64_helper_read_itc = {
    .name = "ia64_read_itc", .fn = (void *)ia64_read_itc, .flags = IR_HELPER_READS_ENV,
    .has_ret = true, .ret = IR_I64, .nargs = 0,
};

static bool mov_from_ar(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    unsigned ar = ia64_r3(i);
    if (ia64_r1(i) == 0)
        return false;
    IrTemp v = ar == IA64_AR_ITC ? ir_call(ctx->ir, &ia64_helper_read_itc, NULL)
                                 : ir_ld_env(ctx->ir, IR_I64, IA64_AR_OFF(ar));
    ia64_set_gr(ctx, ia64_r1(i), v);
    return true;
}

/* Writes: kernel registers and ar.bsp are read-only; ar.bspstore moves
 * ar.bsp with it (nothing is dirty); ar.ec keeps 6 bits. */
static bool mov_to_ar(Ia64Ctx *ctx, IrTemp v)
{
    unsigned ar = ia64_r3(ctx->insn);
    if (ar < 8 || ar == IA64_AR_BSP || ar == IA64_AR_ITC)
        return false;
    if (ar == IA64_AR_EC)
        v = ir_andi(ctx->ir, v, 63);
    if (ar == IA64_AR_BSPSTORE) {
        v = ir_andi(ctx->ir, v, ~(uint64_t)7);
        ir_st_env(ctx->ir, IR_I64, IA64_AR_OFF(IA64_AR_BSP), v);
    }
    ir_st_env(ctx->ir, IR_I64, IA64_AR_OFF(ar), v);
    return true;
}

static bool trans_mov_to_ar_gr(Ia64Ctx *ctx) { return mov_to_ar(ctx, ia64_get_gr(ctx, ia64_r2(ctx->insn))); }
static bool trans_mov_to_ar_imm(Ia64Ctx *ctx) { return mov_to_ar(ctx, ia64_imm(ctx, ia64_imm8(ctx->insn))); }
static bool trans_mov_from_ar(Ia64Ctx *ctx) { return mov_from_ar(ctx); }

/* ---- CPUID registers (M43: mov r1 = cpuid[r3]) ---------------------------------
 * What an Itanium 2 of the 9000 series reports (manual vol. 1, 3.1.11):
 * 0-1 the vendor "GenuineIntel"; 2 reserved; 3 version: number 4 (the
 * last index), revision, model, family 0x20, archrev; 4 features: lb
 * (brl), ao (ld16, st16, cmp8xchg16) — no spontaneous deferral (sd). An
 * index past 4 is a Reserved Register/Field fault, SIGILL from Linux. */
static const uint64_t ia64_cpuid_regs[] = {
    0x49656e69756e6547, /* "GenuineI" */
    0x000000006c65746e, /* "ntel" */
    0,
    0x0000000020000704, /* family 0x20, model 0, revision 7, number 4 */
    0x5,                /* lb | ao */
};

static uint64_t ia64_read_cpuid(CpuCommon *env, uint64_t index)
{
    (void)env;
    return ia64_cpuid_regs[index];
}

static const IrHelper ia64_helper_read_cpuid = {
    .name = "ia64_read_cpuid", .fn = (void *)ia64_read_cpuid, .flags = IR_HELPER_PURE,
    .has_ret = true, .ret = IR_I64, .nargs = 1, .args = {IR_I64},
};

static bool trans_mov_from_cpuid(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    if (ia64_r1(i) == 0)
        return false;
    ia64_gen_nat_check(ctx, ia64_r3(i), 0);
    IrTemp index = ia64_get_gr(ctx, ia64_r3(i));
    ia64_gen_illegal_if(ctx, IR_GEU, index, ia64_imm(ctx, sizeof(ia64_cpuid_regs) / sizeof(ia64_cpuid_regs[0])), SI_KERNEL);
    IrTemp args[1] = {index};
    ia64_set_gr(ctx, ia64_r1(i), ir_call(ctx->ir, &ia64_helper_read_cpuid, args));
    return true;
}

/* ---- branch registers and the IP ---------------------------------------------- */
static bool trans_mov_from_br(Ia64Ctx *ctx)
{
    if (ia64_r1(ctx->insn) == 0)
        return false;
    ia64_set_gr(ctx, ia64_r1(ctx->insn), ia64_get_br(ctx, ia64_b2(ctx->insn)));
    return true;
}

static bool trans_mov_to_br(Ia64Ctx *ctx) /* I21; the hint fields do nothing here */
{
    ia64_set_br(ctx, ia64_b1(ctx->insn), ia64_get_gr(ctx, ia64_r2(ctx->insn)));
    return true;
}

static bool trans_mov_from_ip(Ia64Ctx *ctx)
{
    if (ia64_r1(ctx->insn) == 0)
        return false;
    ia64_set_gr(ctx, ia64_r1(ctx->insn), ia64_imm(ctx, (int64_t)ctx->bundle));
    return true;
}

/* ---- predicates as one register ------------------------------------------------
 * Bit n of the 64-bit PR is physical predicate n: the manual's mov pr
 * "operates as if CFM.rrb.pr were zero", in both directions, so that a
 * callee that saves PR, rotates (br.ctop) and restores PR before br.ret
 * gives its caller back the predicates it had. */
static uint64_t ia64_pr_read(CpuCommon *env)
{
    const Ia64Cpu *cpu = (const Ia64Cpu *)env;
    uint64_t v = 1;
    for (unsigned p = 1; p < 64; p++)
        v |= (uint64_t)(cpu->pr[p] & 1) << p;
    return v;
}

static void ia64_pr_write(CpuCommon *env, uint64_t value, uint64_t mask)
{
    Ia64Cpu *cpu = (Ia64Cpu *)env;
    for (unsigned p = 1; p < 64; p++)
        if (mask >> p & 1)
            cpu->pr[p] = (uint32_t)(value >> p & 1);
}

static const IrHelper ia64_helper_pr_read = {
    .name = "ia64_pr_read", .fn = (void *)ia64_pr_read, .flags = IR_HELPER_READS_ENV,
    .has_ret = true, .ret = IR_I64, .nargs = 0,
};
static const IrHelper ia64_helper_pr_write = {
    .name = "ia64_pr_write", .fn = (void *)ia64_pr_write,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV, .nargs = 2, .args = {IR_I64, IR_I64},
};

static bool trans_mov_from_pr(Ia64Ctx *ctx)
{
    if (ia64_r1(ctx->insn) == 0)
        return false;
    ia64_set_gr(ctx, ia64_r1(ctx->insn), ir_call(ctx->ir, &ia64_helper_pr_read, NULL));
    return true;
}

/* I23: mask17 = s(36) mask8c(31:24) mask7a(12:6) << 1; bit 16 stands
 * for all of p16-p63. */
static bool trans_mov_to_pr(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    uint64_t m = ia64_field(i, 24, 8) << 8 | ia64_field(i, 6, 7) << 1;
    if (ia64_bit(i, 36))
        m |= ~(uint64_t)0xffff;
    IrTemp args[2] = {ia64_get_gr(ctx, ia64_r2(i)), ia64_imm(ctx, (int64_t)m)};
    ir_call(ctx->ir, &ia64_helper_pr_write, args);
    return true;
}

/* I24: p16-p63 = sign-extended s(36) imm27a(32:6), shifted up 16. */
static bool trans_mov_to_pr_rot(Ia64Ctx *ctx)
{
    uint64_t i = ctx->insn;
    uint64_t v = (uint64_t)ia64_sext((uint64_t)ia64_bit(i, 36) << 27 | ia64_field(i, 6, 27), 28) << 16;
    IrTemp args[2] = {ia64_imm(ctx, (int64_t)v), ia64_imm(ctx, (int64_t)~(uint64_t)0xffff)};
    ir_call(ctx->ir, &ia64_helper_pr_write, args);
    return true;
}

/* ---- alloc (M34): r1 = ar.pfs; sof, sol, sor of the frame --------------------- */
static bool trans_alloc(Ia64Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint64_t i = ctx->insn;
    unsigned sof = (unsigned)ia64_field(i, 13, 7), sol = (unsigned)ia64_field(i, 20, 7);
    unsigned sor = (unsigned)ia64_field(i, 27, 4);
    if (ia64_r1(i) == 0 || sof > 96 || sol > sof || sor * 8 > sof || ia64_qp(i) != 0)
        return false;
    IrTemp pfs = ir_ld_env(ir, IR_I64, IA64_AR_OFF(IA64_AR_PFS));
    IrTemp cfm = ir_ld_env(ir, IR_I64, IA64_OFF(cfm));
    uint64_t frame = (uint64_t)sof | (uint64_t)sol << IA64_CFM_SOL_SHIFT | (uint64_t)sor << IA64_CFM_SOR_SHIFT;
    ir_st_env(ir, IR_I64, IA64_OFF(cfm), ir_deposit(ir, cfm, ia64_imm(ctx, (int64_t)frame), 0, 18));
    ia64_set_gr(ctx, ia64_r1(i), pfs);
    if (sor * 8 != ctx->sor) { /* the block key changes: sor is keyed, rrb stays */
        uint32_t flags = (ctx->big_endian ? IA64_TBF_BE : 0) | (uint32_t)sor |
                         (uint32_t)ctx->rrb_gr << 4 | (uint32_t)ctx->rrb_fr << 11 | (uint32_t)ctx->rrb_pr << 18;
        ir_st_env(ir, IR_I32, offsetof(CpuCommon, tb_flags), ir_const32(ir, flags));
        ir_goto_tb(ir, 0, ia64_next_pc(ctx));
        ctx->end_block = true;
    }
    return true;
}

/* ---- user mask ------------------------------------------------------------------ */
static uint64_t imm24(uint64_t i) /* M44: i(36) i2d(32:31) imm21a(26:6) */
{
    return (uint64_t)ia64_bit(i, 36) << 23 | ia64_field(i, 31, 2) << 21 | ia64_field(i, 6, 21);
}

static bool set_um(Ia64Ctx *ctx, IrTemp um)
{
    ir_st_env(ctx->ir, IR_I32, IA64_OFF(um), ir_andi(ctx->ir, um, IA64_UM_MASK));
    ia64_end_block_after(ctx);
    return true;
}

static bool trans_sum(Ia64Ctx *ctx)
{
    IrTemp um = ir_ld_env(ctx->ir, IR_I32, IA64_OFF(um));
    return set_um(ctx, ir_ori(ctx->ir, um, imm24(ctx->insn) & IA64_UM_MASK));
}

static bool trans_rum(Ia64Ctx *ctx)
{
    IrTemp um = ir_ld_env(ctx->ir, IR_I32, IA64_OFF(um));
    return set_um(ctx, ir_andi(ctx->ir, um, ~(imm24(ctx->insn) & IA64_UM_MASK)));
}

static bool trans_mov_to_um(Ia64Ctx *ctx)
{
    return set_um(ctx, ir_trunc_i64(ctx->ir, ia64_get_gr(ctx, ia64_r2(ctx->insn))));
}

static bool trans_mov_from_um(Ia64Ctx *ctx)
{
    if (ia64_r1(ctx->insn) == 0)
        return false;
    ia64_set_gr(ctx, ia64_r1(ctx->insn), ir_ext_i32u(ctx->ir, ir_ld_env(ctx->ir, IR_I32, IA64_OFF(um))));
    return true;
}

static bool trans_mf(Ia64Ctx *ctx)
{
    ir_fence(ctx->ir);
    return true;
}

/* ---- the table -------------------------------------------------------------------- */
#define X6(major, x6) ((uint64_t)(major) << 37 | (uint64_t)(x6) << 27)
#define X6_MASK ((uint64_t)15 << 37 | (uint64_t)7 << 33 | (uint64_t)63 << 27) /* x3 = 0 too */
#define X3(major, x3) ((uint64_t)(major) << 37 | (uint64_t)(x3) << 33)
#define X3_MASK X3(15, 7)
#define NOP_MASK (X6_MASK | (uint64_t)1 << 26) /* y(26): hint */
#define U_ALL (IA64_U_M | IA64_U_I | IA64_U_F | IA64_U_B)

const Ia64Form ia64_sys_forms[] = {
    {U_ALL, 0, IA64_OPS_IMM21, X6_MASK, X6(0, 0x00), "break", trans_break, 0},
    {IA64_U_M | IA64_U_I | IA64_U_F, 0, IA64_OPS_IMM21, NOP_MASK, X6(0, 0x01), "nop", trans_nop, 0},
    {IA64_U_M | IA64_U_I | IA64_U_F, 0, IA64_OPS_IMM21, NOP_MASK, X6(0, 0x01) | (uint64_t)1 << 26, "hint", trans_nop, 0},
    {IA64_U_X, 0, IA64_OPS_IMM62, X6_MASK, X6(0, 0x00), "break.x", trans_break_x, 0},
    {IA64_U_X, 0, IA64_OPS_IMM62, NOP_MASK, X6(0, 0x01), "nop.x", trans_nop, 0},
    {IA64_U_X, 0, IA64_OPS_IMM62, NOP_MASK, X6(0, 0x01) | (uint64_t)1 << 26, "hint.x", trans_nop, 0},
    {IA64_U_X, 0, IA64_OPS_R1_IMM64, (uint64_t)15 << 37 | (uint64_t)1 << 20, X6(6, 0), "movl", trans_movl, 0},
    /* I unit, major 0 */
    {IA64_U_I, 0, IA64_OPS_AR3_IMM8, X6_MASK, X6(0, 0x0a), "mov.i", trans_mov_to_ar_imm, 0},
    {IA64_U_I, 0, IA64_OPS_AR3_R2, X6_MASK, X6(0, 0x2a), "mov.i", trans_mov_to_ar_gr, 0},
    {IA64_U_I, 0, IA64_OPS_R1_AR3, X6_MASK, X6(0, 0x32), "mov.i", trans_mov_from_ar, 0},
    {IA64_U_I, 0, IA64_OPS_R1_IP, X6_MASK, X6(0, 0x30), "mov", trans_mov_from_ip, 0},
    {IA64_U_I, 0, IA64_OPS_R1_B2, X6_MASK, X6(0, 0x31), "mov", trans_mov_from_br, 0},
    {IA64_U_I, 0, IA64_OPS_R1_PR, X6_MASK, X6(0, 0x33), "mov", trans_mov_from_pr, 0},
    {IA64_U_I, 0, IA64_OPS_PR_ROT_IMM, X3_MASK, X3(0, 2), "mov", trans_mov_to_pr_rot, 0},
    {IA64_U_I, 0, IA64_OPS_PR_R2_MASK, X3_MASK, X3(0, 3), "mov", trans_mov_to_pr, 0},
    {IA64_U_I, 0, IA64_OPS_B1_R2, X3_MASK, X3(0, 7), "mov", trans_mov_to_br, 0},
    /* M unit, majors 0 and 1 */
    {IA64_U_M, 0, IA64_OPS_AR3_IMM8, X6_MASK, X6(0, 0x28), "mov.m", trans_mov_to_ar_imm, 0},
    {IA64_U_M, 0, IA64_OPS_AR3_R2, X6_MASK, X6(1, 0x2a), "mov.m", trans_mov_to_ar_gr, 0},
    {IA64_U_M, 0, IA64_OPS_R1_AR3, X6_MASK, X6(1, 0x22), "mov.m", trans_mov_from_ar, 0},
    {IA64_U_M, 0, IA64_OPS_ALLOC, X3_MASK, X3(1, 6), "alloc", trans_alloc, 0},
    {IA64_U_M, 0, IA64_OPS_R1_UM, X6_MASK, X6(1, 0x21), "mov", trans_mov_from_um, 0},
    {IA64_U_M, 0, IA64_OPS_UM_R2, X6_MASK, X6(1, 0x29), "mov", trans_mov_to_um, 0},
    {IA64_U_M, 0, IA64_OPS_IMM24, X6_MASK & ~((uint64_t)3 << 31), X6(0, 0x04), "sum", trans_sum, 0},
    {IA64_U_M, 0, IA64_OPS_IMM24, X6_MASK & ~((uint64_t)3 << 31), X6(0, 0x05), "rum", trans_rum, 0},
    {IA64_U_M, 0, IA64_OPS_NONE, X6_MASK, X6(0, 0x0a), "loadrs", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_NONE, X6_MASK, X6(0, 0x0c), "flushrs", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_NONE, X6_MASK, X6(0, 0x10), "invala", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_R1, X6_MASK, X6(0, 0x12), "invala.e", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_OTHER, X6_MASK, X6(0, 0x13), "invala.e", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_NONE, X6_MASK, X6(0, 0x22), "mf", trans_mf, 0},
    {IA64_U_M, 0, IA64_OPS_NONE, X6_MASK, X6(0, 0x23), "mf.a", trans_mf, 0},
    {IA64_U_M, 0, IA64_OPS_NONE, X6_MASK, X6(0, 0x30), "srlz.d", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_NONE, X6_MASK, X6(0, 0x31), "srlz.i", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_NONE, X6_MASK, X6(0, 0x33), "sync.i", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_R3_PLAIN, X6_MASK, X6(1, 0x30), "fc", trans_nop, 0},
    {IA64_U_M, 0, IA64_OPS_R1_CPUID_R3, X6_MASK, X6(1, 0x17), "mov", trans_mov_from_cpuid, 0},
    {0, 0, 0, 0, 0, NULL, NULL, 0},
};
