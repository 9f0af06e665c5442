/* frontend/ppc/booke.c — the Book E privileged instructions of the e500
 * (system mode): the MSR (mfmsr, mtmsr, wrtee, wrteei, rfi, rfci, rfmci),
 * the SPRs by one table, the TLB instructions, wait, the cache-locking
 * and invalidation forms, the time base, and the SPE opcodes (primary
 * opcode 4), which raise SPE-unavailable.
 *
 * These rows are searched before the user-mode tables when a block is
 * translated for a Book E cpu (PPC_TBF_BOOKE), so they override the
 * user-mode mfspr/mtspr/mftb. In problem state (PR) a privileged form
 * raises EXIT_PRIV at translation: PR is part of the block's key.
 * Whatever changes the MSR, the mappings or the timers ends the block
 * and leaves with EXIT_INTERRUPT, so the machine loop looks for an
 * interrupt and the next block is looked up with the new tb_flags.
 *
 * Debug events that need a look at every instruction or data access
 * (ICMP, BRT, IAC, DAC: e500CRM chapter 8) are checked by helpers only in
 * blocks translated with PPC_TBF_DEBUG, which DBCR0 arms; a check that
 * finds an event it must take now leaves the block before the
 * instruction with EXIT_INTERRUPT, and booke_excp.c's interrupt() enters
 * the debug interrupt.
 */
#include "backend/exec.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/e500.h"
#include "frontend/ppc/gen.h"
#include "util/log.h"

#define PPC_OP(op) ((uint32_t)(op) << 26)
#define PPC_X31(xo) (PPC_OP(31) | (uint32_t)(xo) << 1)
#define PPC_X19(xo) (PPC_OP(19) | (uint32_t)(xo) << 1)
#define M_X 0xfc0007ffu

/* ---- the SPRs --------------------------------------------------------------- */

enum {
    SPR_RO = 1u << 0,        /* mtspr is illegal */
    SPR_WO = 1u << 1,        /* mfspr is illegal */
    SPR_CONST = 1u << 2,     /* reads as `value` */
    SPR_READ_HELPER = 1u << 3,  /* mfspr goes through ppc_booke_mfspr */
    SPR_WRITE_HELPER = 1u << 4, /* mtspr goes through ppc_booke_mtspr */
    SPR_ENDS_BLOCK = 1u << 5,   /* mtspr changes mappings or timers */
};

typedef struct BookeSpr {
    uint16_t num;
    uint16_t flags;
    uint32_t value;  /* field offset in PpcCpu, or the constant (SPR_CONST) */
    uint32_t mask;   /* bits a plain mtspr keeps (0: all) */
} BookeSpr;

#define F(field) PPC_BOOKE_OFF(field)
#define HW (SPR_WRITE_HELPER | SPR_ENDS_BLOCK)

/* SPR numbers are the EREF's (table 2-2) and the e500 core reference
 * manual's (table 2-3); privilege is the architecture's rule, SPR bit 4
 * (checked in gen_spr_access). */
static const BookeSpr booke_sprs[] = {
    {22, SPR_READ_HELPER | HW, 0, 0},                        /* DEC */
    {26, 0, F(srr0), 0},                                     /* SRR0 */
    {27, 0, F(srr1), 0},                                     /* SRR1 */
    {48, HW, F(pid[0]), 0},                                  /* PID0 */
    {54, SPR_ENDS_BLOCK, F(decar), 0},                       /* DECAR */
    {58, 0, F(csrr0), 0},                                    /* CSRR0 */
    {59, 0, F(csrr1), 0},                                    /* CSRR1 */
    {61, 0, F(dear), 0},                                     /* DEAR */
    {62, 0, F(esr), 0},                                      /* ESR */
    {63, 0, F(ivpr), 0xffff0000u},                           /* IVPR: bits 0:15 */
    {256, 0, F(usprg0), 0},                                  /* USPRG0 */
    {260, SPR_RO, F(sprg[4]), 0},                            /* SPRG4-7, user read */
    {261, SPR_RO, F(sprg[5]), 0},
    {262, SPR_RO, F(sprg[6]), 0},
    {263, SPR_RO, F(sprg[7]), 0},
    {268, SPR_RO | SPR_READ_HELPER, 0, 0},                   /* TBL (read) */
    {269, SPR_RO | SPR_READ_HELPER, 0, 0},                   /* TBU (read) */
    {272, 0, F(sprg[0]), 0},                                 /* SPRG0-7 */
    {273, 0, F(sprg[1]), 0},
    {274, 0, F(sprg[2]), 0},
    {275, 0, F(sprg[3]), 0},
    {276, 0, F(sprg[4]), 0},
    {277, 0, F(sprg[5]), 0},
    {278, 0, F(sprg[6]), 0},
    {279, 0, F(sprg[7]), 0},
    {284, SPR_WO | SPR_WRITE_HELPER, 0, 0},                  /* TBL (write) */
    {285, SPR_WO | SPR_WRITE_HELPER, 0, 0},                  /* TBU (write) */
    {286, 0, F(pir), 0},                                     /* PIR */
    {287, SPR_RO, F(pvr), 0},                                /* PVR */
    {304, SPR_WRITE_HELPER, F(dbsr), 0},                     /* DBSR: write 1 to clear */
    {308, HW, F(dbcr[0]), 0},                                /* DBCR0: arms the checks */
    {309, 0, F(dbcr[1]), 0},                                 /* DBCR1-2 */
    {310, 0, F(dbcr[2]), 0},
    {312, 0, F(iac[0]), 0xfffffffcu},                        /* IAC1-2: word addresses */
    {313, 0, F(iac[1]), 0xfffffffcu},
    {316, 0, F(dac[0]), 0},                                  /* DAC1-2 */
    {317, 0, F(dac[1]), 0},
    {336, SPR_READ_HELPER | HW, F(tsr), 0},                  /* TSR: write 1 to clear */
    {340, HW, F(tcr), 0},                                    /* TCR */
    {400, 0, F(ivor[0]), 0xfff0u},                           /* IVOR0-15: bits 16:27 */
    {401, 0, F(ivor[1]), 0xfff0u},
    {402, 0, F(ivor[2]), 0xfff0u},
    {403, 0, F(ivor[3]), 0xfff0u},
    {404, 0, F(ivor[4]), 0xfff0u},
    {405, 0, F(ivor[5]), 0xfff0u},
    {406, 0, F(ivor[6]), 0xfff0u},
    {407, 0, F(ivor[7]), 0xfff0u},
    {408, 0, F(ivor[8]), 0xfff0u},
    {409, 0, F(ivor[9]), 0xfff0u},
    {410, 0, F(ivor[10]), 0xfff0u},
    {411, 0, F(ivor[11]), 0xfff0u},
    {412, 0, F(ivor[12]), 0xfff0u},
    {413, 0, F(ivor[13]), 0xfff0u},
    {414, 0, F(ivor[14]), 0xfff0u},
    {415, 0, F(ivor[15]), 0xfff0u},
    {512, 0, F(spefscr), 0},                                 /* SPEFSCR */
    {515, SPR_RO | SPR_CONST, 0x00003820u, 0},               /* L1CFG0: 8-way 32 KiB, 32-byte lines */
    {516, SPR_RO | SPR_CONST, 0x00003820u, 0},               /* L1CFG1 */
    {528, 0, F(ivor[32]), 0xfff0u},                          /* IVOR32-35 */
    {529, 0, F(ivor[33]), 0xfff0u},
    {530, 0, F(ivor[34]), 0xfff0u},
    {531, 0, F(ivor[35]), 0xfff0u},
    {570, 0, F(mcsrr0), 0},                                  /* MCSRR0 */
    {571, 0, F(mcsrr1), 0},                                  /* MCSRR1 */
    {572, SPR_WRITE_HELPER, F(mcsr), 0},                     /* MCSR: write 1 to clear */
    {573, 0, F(mcar), 0},                                    /* MCAR */
    {624, 0, F(mas[0]), 0},                                  /* MAS0-4, MAS6 */
    {625, 0, F(mas[1]), 0},
    {626, 0, F(mas[2]), 0},
    {627, 0, F(mas[3]), 0},
    {628, 0, F(mas[4]), 0},
    {630, 0, F(mas[6]), 0},
    {633, HW, F(pid[1]), 0},                                 /* PID1 */
    {634, HW, F(pid[2]), 0},                                 /* PID2 */
    {688, SPR_RO | SPR_CONST, PPC_E500_TLB0CFG, 0},          /* TLB0CFG */
    {689, SPR_RO | SPR_CONST, PPC_E500_TLB1CFG, 0},          /* TLB1CFG */
    {944, 0, F(mas[7]), 0xfu},                               /* MAS7 */
    {1008, 0, F(hid0), 0},                                   /* HID0 */
    {1009, 0, F(hid1), 0},                                   /* HID1 */
    {1010, SPR_WRITE_HELPER, F(l1csr0), 0},                  /* L1CSR0 */
    {1011, SPR_WRITE_HELPER, F(l1csr1), 0},                  /* L1CSR1 */
    {1012, HW, F(mmucsr0), 0},                               /* MMUCSR0 */
    {1013, 0, F(bucsr), 0},                                  /* BUCSR */
    {1015, SPR_RO | SPR_CONST, PPC_E500_MMUCFG, 0},          /* MMUCFG */
    {1023, SPR_RO, F(svr), 0},                               /* SVR */
};

#undef F
#undef HW

static const BookeSpr *find_spr(unsigned num)
{
    for (size_t i = 0; i < sizeof(booke_sprs) / sizeof(booke_sprs[0]); i++) {
        if (booke_sprs[i].num == num)
            return &booke_sprs[i];
    }
    return NULL;
}

/* L1CSRn[CFI] (flash invalidate) and [CLFR] (lock flash clear) finish at
 * once and read back as 0. */
enum { L1CSR_CFI = 1u << 1, L1CSR_CLFR = 1u << 8 };

static uint32_t booke_mfspr(CpuCommon *env, uint32_t num)
{
    PpcCpu *cpu = (PpcCpu *)env;
    switch (num) {
    case 22: return ppc_booke_read_dec(cpu);
    case 268: return (uint32_t)ppc_booke_tb(cpu);
    case 269: return (uint32_t)(ppc_booke_tb(cpu) >> 32);
    case 336: ppc_booke_timers_sync(cpu); return cpu->booke.tsr;
    default: return 0;
    }
}

static void booke_mtspr(CpuCommon *env, uint32_t num, uint32_t v)
{
    PpcCpu *cpu = (PpcCpu *)env;
    PpcBookE *b = &cpu->booke;
    uint64_t tb;
    switch (num) {
    case 22: ppc_booke_write_dec(cpu, v); break;
    case 48: b->pid[0] = v & 0xff; ppc_e500_mappings_changed(cpu); break;
    case 633: b->pid[1] = v & 0xff; ppc_e500_mappings_changed(cpu); break;
    case 634: b->pid[2] = v & 0xff; ppc_e500_mappings_changed(cpu); break;
    case 284:
        tb = ppc_booke_tb(cpu);
        ppc_booke_set_tb(cpu, (tb & ~(uint64_t)UINT32_MAX) | v);
        break;
    case 285:
        tb = ppc_booke_tb(cpu);
        ppc_booke_set_tb(cpu, (tb & UINT32_MAX) | (uint64_t)v << 32);
        break;
    case 304: b->dbsr &= ~v; break;
    case 308: ppc_booke_write_dbcr0(cpu, v); break;
    case 336: ppc_booke_timers_sync(cpu); b->tsr &= ~v; break;
    case 340: ppc_booke_timers_sync(cpu); b->tcr = v; break;
    case 572: b->mcsr &= ~v; break;
    case 1010: b->l1csr0 = v & ~(L1CSR_CFI | L1CSR_CLFR); break;
    case 1011: b->l1csr1 = v & ~(L1CSR_CFI | L1CSR_CLFR); break;
    case 1012: ppc_e500_write_mmucsr0(cpu, v); break;
    default: break;
    }
}

static const IrHelper helper_mfspr = {
    .name = "ppc_booke_mfspr", .fn = (void *)booke_mfspr,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .has_ret = true, .ret = IR_I32, .nargs = 1, .args = {IR_I32},
};

static const IrHelper helper_mtspr = {
    .name = "ppc_booke_mtspr", .fn = (void *)booke_mtspr,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .nargs = 2, .args = {IR_I32, IR_I32},
};

/* ---- shared pieces ----------------------------------------------------------- */

/* A privileged form in problem state: program interrupt (ESR[PPR]).
 * True if it raised. */
static bool gen_priv_check(PpcCtx *ctx)
{
    if (!ctx->pr)
        return false;
    ppc_raise(ctx, EXIT_PRIV);
    return true;
}

/* End the block after this instruction: pc = next, EXIT_INTERRUPT. */
static void gen_end_interrupt(PpcCtx *ctx)
{
    ppc_set_pc_exit(ctx, ctx->pc + 4, EXIT_INTERRUPT);
}

static unsigned spr_number(uint32_t i)
{
    return ((i >> 16) & 31) | ((i >> 11) & 31) << 5;
}

/* Privileged SPRs (SPR number bit 4 set, EREF §2.2) in problem state:
 * program interrupt, defined or not. */
static bool gen_spr_priv_check(PpcCtx *ctx, unsigned num)
{
    return (num & 0x10) && gen_priv_check(ctx);
}

static bool trans_mfspr(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    unsigned num = spr_number(ctx->insn);
    if (gen_spr_priv_check(ctx, num))
        return true;
    const BookeSpr *s = find_spr(num);
    if (!s)
        return ppc_trans_mfspr(ctx); /* XER, LR, CTR */
    if (s->flags & SPR_WO)
        return false;
    IrTemp v;
    if (s->flags & SPR_CONST) {
        v = ir_const32(ir, s->value);
    } else if (s->flags & SPR_READ_HELPER) {
        IrTemp arg = ir_const32(ir, num);
        v = ir_call(ir, &helper_mfspr, &arg);
    } else {
        v = ir_ld_env(ir, IR_I32, s->value);
    }
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), v);
    return true;
}

static bool trans_mtspr(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    unsigned num = spr_number(ctx->insn);
    if (gen_spr_priv_check(ctx, num))
        return true;
    const BookeSpr *s = find_spr(num);
    if (!s)
        return ppc_trans_mtspr(ctx);
    if (s->flags & SPR_RO)
        return false;
    IrTemp v = ppc_gpr(ctx, ppc_rs(ctx->insn));
    if (s->flags & SPR_WRITE_HELPER) {
        IrTemp args[2] = {ir_const32(ir, num), v};
        ir_call(ir, &helper_mtspr, args);
    } else {
        ir_st_env(ir, IR_I32, s->value, s->mask ? ir_andi(ir, v, s->mask) : v);
    }
    if (s->flags & SPR_ENDS_BLOCK)
        gen_end_interrupt(ctx);
    return true;
}

/* mftb rt, TBR: the time base (268 lower, 269 upper). */
static bool trans_mftb(PpcCtx *ctx)
{
    unsigned tbr = spr_number(ctx->insn);
    if (tbr != 268 && tbr != 269)
        return false;
    IrTemp arg = ir_const32(ctx->ir, tbr);
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), ir_call(ctx->ir, &helper_mfspr, &arg));
    return true;
}

/* ---- the MSR ------------------------------------------------------------------- */

static void booke_mtmsr(CpuCommon *env, uint32_t v)
{
    ppc_booke_set_msr((PpcCpu *)env, v);
}

/* rfi/rfci/rfmci (cls 0, 1, 2): MSR and pc from the save/restore pair
 * of the interrupt class. With DBCR0[RET], rfi is a return debug event
 * whatever MSR[DE], rfci only with MSR[DE] (e500CRM §8.2.4, §8.4.7); its
 * interrupt comes after the return, if the restored MSR[DE] allows. */
static void booke_rfi(CpuCommon *env, uint32_t cls)
{
    PpcCpu *cpu = (PpcCpu *)env;
    const PpcBookE *b = &cpu->booke;
    if ((b->dbcr[0] & DBCR0_RET) && (cls == 0 || (cls == 1 && (b->msr & MSR_DE))))
        ppc_booke_debug_event(cpu, DBSR_RET);
    const uint32_t saved[][2] = {{b->srr0, b->srr1}, {b->csrr0, b->csrr1}, {b->mcsrr0, b->mcsrr1}};
    ppc_booke_set_msr(cpu, saved[cls][1]);
    env->pc = saved[cls][0] & ~3u;
}

static const IrHelper helper_mtmsr = {
    .name = "ppc_booke_mtmsr", .fn = (void *)booke_mtmsr,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV, .nargs = 1, .args = {IR_I32},
};

static const IrHelper helper_rfi = {
    .name = "ppc_booke_rfi", .fn = (void *)booke_rfi,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV, .nargs = 1, .args = {IR_I32},
};

static bool trans_mfmsr(PpcCtx *ctx)
{
    if (gen_priv_check(ctx))
        return true;
    ppc_set_gpr(ctx, ppc_rt(ctx->insn), ir_ld_env(ctx->ir, IR_I32, PPC_BOOKE_OFF(msr)));
    return true;
}

static bool trans_mtmsr(PpcCtx *ctx)
{
    if (gen_priv_check(ctx))
        return true;
    IrTemp v = ppc_gpr(ctx, ppc_rs(ctx->insn));
    ir_call(ctx->ir, &helper_mtmsr, &v);
    gen_end_interrupt(ctx);
    return true;
}

/* MSR[EE] = ee (an i32 holding only that bit or 0). */
static void gen_write_ee(PpcCtx *ctx, IrTemp ee)
{
    IrBlock *ir = ctx->ir;
    IrTemp msr = ir_andi(ir, ir_ld_env(ir, IR_I32, PPC_BOOKE_OFF(msr)), ~(uint64_t)MSR_EE);
    ir_st_env(ir, IR_I32, PPC_BOOKE_OFF(msr), ir_or(ir, msr, ee));
    gen_end_interrupt(ctx);
}

static bool trans_wrtee(PpcCtx *ctx)
{
    if (gen_priv_check(ctx))
        return true;
    gen_write_ee(ctx, ir_andi(ctx->ir, ppc_gpr(ctx, ppc_rs(ctx->insn)), MSR_EE));
    return true;
}

/* wrteei E: E is instruction bit 16. */
static bool trans_wrteei(PpcCtx *ctx)
{
    if (gen_priv_check(ctx))
        return true;
    gen_write_ee(ctx, ir_const32(ctx->ir, ctx->insn & MSR_EE));
    return true;
}

static bool gen_rfi(PpcCtx *ctx, uint32_t cls)
{
    if (gen_priv_check(ctx))
        return true;
    IrTemp arg = ir_const32(ctx->ir, cls);
    ir_call(ctx->ir, &helper_rfi, &arg);
    ir_exit(ctx->ir, EXIT_INTERRUPT);
    ctx->end_block = true;
    return true;
}

static bool trans_rfi(PpcCtx *ctx) { return gen_rfi(ctx, 0); }
static bool trans_rfci(PpcCtx *ctx) { return gen_rfi(ctx, 1); }
static bool trans_rfmci(PpcCtx *ctx) { return gen_rfi(ctx, 2); }

/* ---- debug events ----------------------------------------------------------------- */

/* DBCR1/DBCR2 fields of compare unit n (0, 1): US (which privilege
 * state), ER (which address space), and the pair's mode (e500CRM
 * §2.13.1). */
static unsigned compare_us(uint32_t dbcr, unsigned n) { return dbcr >> (30 - 4 * n) & 3; }
static unsigned compare_er(uint32_t dbcr, unsigned n) { return dbcr >> (28 - 4 * n) & 3; }
static unsigned compare_mode(uint32_t dbcr) { return dbcr >> 22 & 3; }

enum { US_SUPERVISOR = 2, US_USER = 3, ER_AS0 = 2, ER_AS1 = 3 };
enum { MODE_EXACT = 0, MODE_MASK = 1, MODE_INSIDE = 2, MODE_OUTSIDE = 3 };

/* Whether compare unit n applies in this state: US 10 supervisor only,
 * 11 user only; ER 10 address space 0 only, 11 address space 1 only
 * (the e500 compares effective addresses only). */
static bool compare_applies(uint32_t dbcr, unsigned n, bool pr, bool as1)
{
    unsigned us = compare_us(dbcr, n), er = compare_er(dbcr, n);
    if ((us == US_SUPERVISOR && pr) || (us == US_USER && !pr))
        return false;
    return !((er == ER_AS0 && as1) || (er == ER_AS1 && !as1));
}

/* Which compare units (bit n for unit n) the bytes [lo, lo + len) hit,
 * by the pair's mode: exact (a byte is at the unit's address), bit
 * match (lo masked by register 2 equals register 1 masked: unit 1
 * only), inside [reg1, reg2) or outside it (both units). */
static unsigned compare_hits(const uint32_t reg[2], unsigned mode, uint32_t lo, uint32_t len)
{
    uint64_t start = lo, end = (uint64_t)lo + len;
    switch (mode) {
    case MODE_EXACT:
        return (reg[0] >= start && reg[0] < end ? 1u : 0) | (reg[1] >= start && reg[1] < end ? 2u : 0);
    case MODE_MASK:
        return (lo & reg[1]) == (reg[0] & reg[1]) ? 1u : 0;
    case MODE_INSIDE:
        return start < reg[1] && end > reg[0] ? 3u : 0;
    default:
        return start < reg[0] || end > reg[1] ? 3u : 0;
    }
}

/* Whether the branch insn would be taken now (b, bc, bclr, bcctr; CTR
 * not yet decremented); false for any other instruction. */
static bool branch_taken(const PpcCpu *cpu, uint32_t insn)
{
    unsigned opcd = insn >> 26, xo = insn >> 1 & 0x3ff;
    if (opcd == 18)
        return true;
    bool bclr = opcd == 19 && xo == 16, bcctr = opcd == 19 && xo == 528;
    if (opcd != 16 && !bclr && !bcctr)
        return false;
    unsigned bo = insn >> 21 & 31, bi = insn >> 16 & 31;
    bool ctr_ok = bcctr || (bo & 4) || (((uint32_t)cpu->ctr - 1 != 0) != ((bo & 2) != 0));
    bool cr_bit = cpu->cr[bi >> 2] >> (3 - (bi & 3)) & 1;
    bool cond_ok = (bo & 16) || cr_bit == ((bo & 8) != 0);
    return ctr_ok && cond_ok;
}

/* Leave before the instruction at insn_pc (not executed) for the debug
 * interrupt its event makes pending. */
noreturn static void debug_stop(PpcCpu *cpu)
{
    cpu->booke.icmp_pending = 0;
    cpu->common.pc = cpu->common.insn_pc;
    cpu_loop_exit(&cpu->common, EXIT_INTERRUPT);
}

/* The events of attempting insn at insn_pc, in e500CRM §5.11.1 order:
 * the previous instruction's ICMP (§8.4.5), IAC (§8.4.1: whatever
 * MSR[DE]), BRT (§8.4.4: only with MSR[DE]). With MSR[DE] an event stops
 * the instruction; else it runs, and with ICMP on its completion is an
 * event. */
static void booke_debug_insn(CpuCommon *env, uint32_t insn)
{
    PpcCpu *cpu = (PpcCpu *)env;
    PpcBookE *b = &cpu->booke;
    bool de = b->msr & MSR_DE;
    if (b->icmp_pending) {
        b->icmp_pending = 0;
        b->dbsr |= DBSR_ICMP;
        if (de)
            debug_stop(cpu);
    }
    uint32_t pc = (uint32_t)env->insn_pc, events = 0;
    unsigned iac = compare_hits(b->iac, compare_mode(b->dbcr[1]), pc, 4);
    for (unsigned n = 0; n < 2; n++) {
        if ((iac >> n & 1) && (b->dbcr[0] & (DBCR0_IAC1 >> n)) &&
            compare_applies(b->dbcr[1], n, b->msr & MSR_PR, b->msr & MSR_IS))
            events |= DBSR_IAC1 >> n;
    }
    if (de && (b->dbcr[0] & DBCR0_BRT) && branch_taken(cpu, insn))
        events |= DBSR_BRT;
    if (events) {
        ppc_booke_debug_event(cpu, events);
        if (de)
            debug_stop(cpu);
    }
    b->icmp_pending = de && (b->dbcr[0] & DBCR0_ICMP);
}

/* DBCR0's DAC field of unit n: bit 0 stores, bit 1 loads. */
static unsigned dac_field(uint32_t dbcr0, unsigned n) { return dbcr0 >> (18 - 2 * n) & 3; }

/* A data access of nbytes at ea (e500CRM §8.4.2): DACnR for a load,
 * DACnW for a store, whatever MSR[DE]; with DE the instruction is
 * stopped. A data TLB error or storage interrupt of the access comes
 * first (§5.11.1): then the access goes on and faults. */
static void booke_debug_data(CpuCommon *env, uint32_t ea, uint32_t nbytes, uint32_t store)
{
    PpcCpu *cpu = (PpcCpu *)env;
    PpcBookE *b = &cpu->booke;
    unsigned hits = compare_hits(b->dac, compare_mode(b->dbcr[2]), ea, nbytes), events = 0;
    for (unsigned n = 0; n < 2; n++) {
        if ((hits >> n & 1) && (dac_field(b->dbcr[0], n) & (store ? 1 : 2)) &&
            compare_applies(b->dbcr[2], n, b->msr & MSR_PR, b->msr & MSR_DS))
            events |= (store ? DBSR_DAC1W : DBSR_DAC1R) >> (2 * n);
    }
    TlbFill fill;
    if (!events || ppc_e500_tlb_fill(env, ea, store ? MEM_WRITE : MEM_READ,
                                     ppc_data_mmu_idx(env->tb_flags), &fill))
        return;
    ppc_booke_debug_event(cpu, events);
    if (b->msr & MSR_DE)
        debug_stop(cpu);
}

static const IrHelper helper_debug_insn = {
    .name = "ppc_booke_debug_insn", .fn = (void *)booke_debug_insn,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 1, .args = {IR_I32},
};

static const IrHelper helper_debug_data = {
    .name = "ppc_booke_debug_data", .fn = (void *)booke_debug_data,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 3, .args = {IR_I32, IR_I32, IR_I32},
};

void ppc_booke_gen_debug_insn(PpcCtx *ctx)
{
    IrTemp insn = ir_const32(ctx->ir, ctx->insn);
    ir_call(ctx->ir, &helper_debug_insn, &insn);
}

void ppc_booke_gen_dac(PpcCtx *ctx, IrTemp ea, IrTemp nbytes, bool store)
{
    if (!(ctx->ir->tb_flags & PPC_TBF_DEBUG))
        return;
    IrTemp args[3] = {ppc_to_i32(ctx, ea), nbytes, ir_const32(ctx->ir, store)};
    ir_call(ctx->ir, &helper_debug_data, args);
}

/* ---- the TLB ------------------------------------------------------------------- */

static void booke_tlbwe(CpuCommon *env) { ppc_e500_tlbwe((PpcCpu *)env); }
static void booke_tlbre(CpuCommon *env) { ppc_e500_tlbre((PpcCpu *)env); }
static void booke_tlbsx(CpuCommon *env, uint32_t ea) { ppc_e500_tlbsx((PpcCpu *)env, ea); }
static void booke_tlbivax(CpuCommon *env, uint32_t ea) { ppc_e500_tlbivax((PpcCpu *)env, ea); }

static const IrHelper helper_tlbwe = {
    .name = "ppc_booke_tlbwe", .fn = (void *)booke_tlbwe,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
};

static const IrHelper helper_tlbre = {
    .name = "ppc_booke_tlbre", .fn = (void *)booke_tlbre,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
};

static const IrHelper helper_tlbsx = {
    .name = "ppc_booke_tlbsx", .fn = (void *)booke_tlbsx,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV, .nargs = 1, .args = {IR_I32},
};

static const IrHelper helper_tlbivax = {
    .name = "ppc_booke_tlbivax", .fn = (void *)booke_tlbivax,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV, .nargs = 1, .args = {IR_I32},
};

/* tlbwe and tlbivax change mappings: the block ends after them. */
static bool gen_tlb_op(PpcCtx *ctx, const IrHelper *h, bool takes_ea, bool ends_block)
{
    if (gen_priv_check(ctx))
        return true;
    IrTemp ea = takes_ea ? ppc_to_i32(ctx, ppc_ea_x(ctx)) : 0;
    ir_call(ctx->ir, h, &ea);
    if (ends_block)
        gen_end_interrupt(ctx);
    return true;
}

static bool trans_tlbwe(PpcCtx *c) { return gen_tlb_op(c, &helper_tlbwe, false, true); }
static bool trans_tlbre(PpcCtx *c) { return gen_tlb_op(c, &helper_tlbre, false, false); }
static bool trans_tlbsx(PpcCtx *c) { return gen_tlb_op(c, &helper_tlbsx, true, false); }
static bool trans_tlbivax(PpcCtx *c) { return gen_tlb_op(c, &helper_tlbivax, true, true); }

/* ---- the rest --------------------------------------------------------------- */

/* Privileged instructions with nothing to do here: tlbsync, dcbi (an
 * emulated cache holds no dirty lines to drop). */
static bool trans_priv_nop(PpcCtx *ctx)
{
    gen_priv_check(ctx);
    return true;
}

/* Cache locking (dcbtls, dcbtstls, dcblc, icbtls, icblc): hints. */
static bool trans_nop(PpcCtx *ctx)
{
    (void)ctx;
    return true;
}

/* isync: context synchronizing; the block ends so what follows is
 * fetched under the current mappings. */
static bool trans_isync(PpcCtx *ctx)
{
    ir_goto_tb(ctx->ir, 0, ctx->pc + 4);
    ctx->end_block = true;
    return true;
}

static void booke_wait(CpuCommon *env)
{
    ((PpcCpu *)env)->booke.halted = 1;
}

static const IrHelper helper_wait = {
    .name = "ppc_booke_wait", .fn = (void *)booke_wait, .flags = IR_HELPER_WRITES_ENV,
};

/* wait: sleep until an interrupt (the machine loop asks halted()). */
static bool trans_wait(PpcCtx *ctx)
{
    if (gen_priv_check(ctx))
        return true;
    ir_call(ctx->ir, &helper_wait, NULL);
    gen_end_interrupt(ctx);
    return true;
}

/* Primary opcode 4 is SPE and embedded FP on the e500v2: U-Boot does not
 * use them, so they raise SPE-unavailable (booke_excp.c decides). */
static bool trans_spe(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    ir_st_env(ir, IR_I32, offsetof(CpuCommon, exception_code), ir_const32(ir, E500_ILLEGAL_SPE));
    ppc_raise(ctx, EXIT_ILLEGAL);
    return true;
}

const PpcInsnForm ppc_booke_forms[] = {
    {0xfc1fffffu, PPC_X31(83), "mfmsr", trans_mfmsr},       /* rt = MSR */
    {0xfc1fffffu, PPC_X31(146), "mtmsr", trans_mtmsr},      /* MSR = rs */
    {0xfc1fffffu, PPC_X31(131), "wrtee", trans_wrtee},      /* MSR[EE] = rs[EE] */
    {0xffff7fffu, PPC_X31(163), "wrteei", trans_wrteei},    /* MSR[EE] = E */
    {0xffffffffu, PPC_X19(50), "rfi", trans_rfi},           /* pc = SRR0, MSR = SRR1 */
    {0xffffffffu, PPC_X19(51), "rfci", trans_rfci},         /* pc = CSRR0, MSR = CSRR1 */
    {0xffffffffu, PPC_X19(38), "rfmci", trans_rfmci},       /* pc = MCSRR0, MSR = MCSRR1 */
    {M_X, PPC_X31(339), "mfspr", trans_mfspr},              /* rt = SPR */
    {M_X, PPC_X31(467), "mtspr", trans_mtspr},              /* SPR = rs */
    {M_X, PPC_X31(371), "mftb", trans_mftb},                /* rt = TBL / TBU */
    {0xffffffffu, PPC_X31(978), "tlbwe", trans_tlbwe},      /* TLB entry = MAS */
    {0xffffffffu, PPC_X31(946), "tlbre", trans_tlbre},      /* MAS = TLB entry */
    {0xffe007ffu, PPC_X31(914), "tlbsx", trans_tlbsx},      /* MAS = entry for (ra|0) + rb */
    {0xffe007ffu, PPC_X31(786), "tlbivax", trans_tlbivax},  /* invalidate (ra|0) + rb */
    {0xffffffffu, PPC_X31(566), "tlbsync", trans_priv_nop},
    {0xffe007ffu, PPC_X31(470), "dcbi", trans_priv_nop},    /* invalidate a data block */
    {0xfe0007ffu, PPC_X31(166), "dcbtls", trans_nop},       /* touch and lock */
    {0xfe0007ffu, PPC_X31(134), "dcbtstls", trans_nop},
    {0xfe0007ffu, PPC_X31(390), "dcblc", trans_nop},        /* lock clear */
    {0xfe0007ffu, PPC_X31(486), "icbtls", trans_nop},
    {0xfe0007ffu, PPC_X31(230), "icblc", trans_nop},
    {0xffffffffu, PPC_X19(150), "isync", trans_isync},
    {0xff9fffffu, PPC_X31(62), "wait", trans_wait},         /* wait for an interrupt */
    {0xfc000000u, PPC_OP(4), "spe", trans_spe},             /* SPE / embedded FP */
    {0, 0, NULL, NULL},
};
