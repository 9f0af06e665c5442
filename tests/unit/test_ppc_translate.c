/* tests/unit/test_ppc_translate.c — the 32-bit PowerPC frontend, tested
 * through the engine: small hand-assembled programs run on a PpcCpu and
 * their register/memory results are compared with values worked out from
 * the Power ISA book (the encodings come from powerpc-linux-gnu-as; the
 * assembly is on the comment above each array). Also: every block the
 * frontend builds for the table forms and for random words passes
 * ir_verify; fetch faults, illegal instructions and traps exit with the
 * right reason and pc; the disassembler names instructions.
 */
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "frontend/guest.h"
#include "frontend/ppc/cpu.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/fp_helpers.h"

extern const GuestArch ppc32_guest;

enum { CODE = 0x1000, DATA = 0x8000, MEM_SIZE = 0x10000, SC = 0x44000002 };

/* addo_rc: addo. r5,r3,r4 */
static const uint32_t code_addo_rc[] = {0x7ca32615};
/* addc_adde: addc r5,r3,r4; adde r6,r3,r4 */
static const uint32_t code_addc_adde[] = {0x7ca32014, 0x7cc32114};
/* subfc_subfic: subfc r5,r4,r3; subfic r6,r3,10 */
static const uint32_t code_subfc_subfic[] = {0x7ca41810, 0x20c3000a};
/* divwo_zero: divwo r5,r3,r4 */
static const uint32_t code_divwo_zero[] = {0x7ca327d6};
/* mul: mullwo r5,r3,r3; mulhwu r6,r4,r4; mulhw r7,r4,r4 */
static const uint32_t code_mul[] = {0x7ca31dd6, 0x7cc42016, 0x7ce42096};
/* rotate: rlwinm r5,r3,8,24,31; rlwimi r6,r3,16,0,15; rlwinm r7,r3,0,28,3 */
static const uint32_t code_rotate[] = {0x5465463e, 0x5066801e, 0x54670706};
/* sraw: sraw r5,r3,r4; mfxer r6; sraw r7,r3,r8; srawi r9,r10,4; mfxer r11; slw r12,r3,r8; srw r13,r10,r14 */
static const uint32_t code_sraw[] = {0x7c652630, 0x7cc102a6, 0x7c674630, 0x7d492670, 0x7d6102a6, 0x7c6c4030, 0x7d4d7430};
/* cmp: cmpw cr3,r3,r4; cmplw cr4,r3,r4; mfcr r5 */
static const uint32_t code_cmp[] = {0x7d832000, 0x7e032040, 0x7ca00026};
/* bdnz: li r3,0; li r4,5; mtctr r4; 1: addi r3,r3,2; bdnz 1b; mfctr r5 */
static const uint32_t code_bdnz[] = {0x38600000, 0x38800005, 0x7c8903a6, 0x38630002, 0x4200fffc, 0x7ca902a6};
/* bl_blr: bl 1f; addi r3,r3,1; sc; 1: li r3,7; blr */
static const uint32_t code_bl_blr[] = {0x4800000d, 0x38630001, 0x44000002, 0x38600007, 0x4e800020};
/* larx: lwarx r4,0,r3; addi r4,r4,1; stwcx. r4,0,r3; mfcr r5; stwcx. r4,0,r3; mfcr r6 */
static const uint32_t code_larx[] = {0x7c801828, 0x38840001, 0x7c80192d, 0x7ca00026, 0x7c80192d, 0x7cc00026};
/* loads: lha r4,0(r3); lhbrx r5,0,r3; lwz r6,0(r3); lwbrx r7,0,r3; lbzu r8,1(r3) */
static const uint32_t code_loads[] = {0xa8830000, 0x7ca01e2c, 0x80c30000, 0x7ce01c2c, 0x8d030001};
/* stores: stwbrx r4,0,r3; sthu r4,6(r3); stb r4,-1(r3) */
static const uint32_t code_stores[] = {0x7c801d2c, 0xb4830006, 0x9883ffff};
/* multiple: stmw r29,0(r3); li r29,0; li r30,0; li r31,0; lmw r29,0(r3) */
static const uint32_t code_multiple[] = {0xbfa30000, 0x3ba00000, 0x3bc00000, 0x3be00000, 0xbba30000};
/* dcbz: dcbz 0,r3 */
static const uint32_t code_dcbz[] = {0x7c001fec};
/* lswi: lswi r5,r3,6 */
static const uint32_t code_lswi[] = {0x7ca334aa};
/* xer: mtxer r3; mfxer r4; addze r5,r6 */
static const uint32_t code_xer[] = {0x7c6103a6, 0x7c8102a6, 0x7ca60194};
/* crlogic: creqv 2,2,2; crxor 6,6,6; cror 31,2,2; mfcr r3 */
static const uint32_t code_crlogic[] = {0x4c421242, 0x4cc63182, 0x4fe21382, 0x7c600026};
/* trap: twi 4,r3,1; tw 31,r0,r0 */
static const uint32_t code_trap[] = {0x0c830001, 0x7fe00008};
/* illegal: nop; .long 0 */
static const uint32_t code_illegal[] = {0x60000000, 0x00000000};
/* mfpvr: mfspr r3,287 */
static const uint32_t code_mfpvr[] = {0x7c7f42a6};
/* isel: cmpwi r3,0; isel r5,r6,r7,2; isel r8,0,r7,2 */
static const uint32_t code_isel[] = {0x2c030000, 0x7ca6389e, 0x7d00389e};
/* count: cntlzw r4,r3; extsb r5,r6; extsh r7,r6; cntlzw r8,r8 */
static const uint32_t code_count[] = {0x7c640034, 0x7cc50774, 0x7cc70734, 0x7d080034};
/* neg_ovf: nego. r4,r3 */
static const uint32_t code_neg_ovf[] = {0x7c8304d1};
/* mftb: mftb r3; mftb r4; mftbu r5 */
static const uint32_t code_mftb[] = {0x7c6c42e6, 0x7c8c42e6, 0x7cad42e6};
/* bcctr_dec: .long 0x4c000420 */
static const uint32_t code_bcctr_dec[] = {0x4c000420};
/* bc_forms: li r3,0; cmpwi r4,1; beq 1f; li r3,1; 1: bne 2f; ori r3,r3,2; 2: bgt cr0,3f; ori r3,r3,4; 3: li r5,3; mtctr r5; bdnzf eq,4f; ori r3,r3,8; 4: mfctr r6 */
static const uint32_t code_bc_forms[] = {0x38600000, 0x2c040001, 0x41820008, 0x38600001, 0x40820008, 0x60630002, 0x41810008, 0x60630004, 0x38a00003, 0x7ca903a6, 0x40020008, 0x60630008, 0x7cc902a6};
/* bctrl: mtctr r4; bctrl; sc; .long 0; mflr r5; mr r6,r3 */
static const uint32_t code_bctrl[] = {0x7c8903a6, 0x4e800421, 0x44000002, 0x00000000, 0x7ca802a6, 0x7c661b78};
/* mcrxr: mtxer r3; mcrxr cr7; mfcr r4; mfxer r5 */
static const uint32_t code_mcrxr[] = {0x7c6103a6, 0x7f800400, 0x7c800026, 0x7ca102a6};
/* mtcrf: mtcrf 0x81,r3; mfcr r4; mcrf cr1,cr7; mfcr r5 */
static const uint32_t code_mtcrf[] = {0x7c681120, 0x7c800026, 0x4c9c0000, 0x7ca00026};
/* popcntb: popcntb r4,r3 */
static const uint32_t code_popcntb[] = {0x7c6400f4};
/* side_exit: li r4,0; cmpwi r3,0; beq 1f; addi r4,r4,1; cmpwi r3,2; beq 2f;
 * addi r4,r4,10; b 3f; 1: addi r4,r4,100; b 3f; 2: addi r4,r4,1000; 3: */
static const uint32_t code_side_exit[] = {0x38800000, 0x2c030000, 0x41820018, 0x38840001,
                                          0x2c030002, 0x41820014, 0x3884000a, 0x48000010,
                                          0x38840064, 0x48000008, 0x388403e8};
/* fp_run: fadd f6,f1,f3; fsub f7,f2,f2; fmadd f8,f1,f4,f5; fmul f1,f1,f3;
 * fnmadd f9,f4,f3,f3; fadds f10,f12,f13; fcmpu cr1,f6,f1 */
static const uint32_t code_fp_run[] = {0xfcc1182a, 0xfce21028, 0xfd01293a, 0xfc2100f2,
                                       0xfd2418fe, 0xed4c682a, 0xfc860800};

/* ---- running a snippet ------------------------------------------------ */

typedef struct Machine {
    PpcCpu *cpu;
    uint8_t *mem;
    Engine *engine;
} Machine;

static uint64_t fetch_limit = UINT64_MAX;

/* Code fetch over the machine's memory, failing at and above fetch_limit. */
static bool test_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    if (addr + len > fetch_limit || addr + len > MEM_SIZE)
        return false;
    memcpy(buf, cpu->guest_base + addr, len);
    return true;
}

static void machine_init(Machine *m)
{
    m->mem = g_malloc0(MEM_SIZE + 4096);
    m->cpu = g_malloc0(sizeof(PpcCpu));
    ppc32_guest.cpu_init(&m->cpu->common);
    m->cpu->common.arch = &ppc32_guest;
    m->cpu->common.guest_base = m->mem;
    EngineOptions opt = {.optimize = true, .fetch = test_fetch};
    m->engine = engine_new(&ppc32_guest, &opt);
    engine_attach_cpu(m->engine, &m->cpu->common);
}

static void machine_free(Machine *m)
{
    engine_free(m->engine);
    g_free(m->cpu);
    g_free(m->mem);
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Place code (then an sc) at CODE and run until the block loop returns. */
static ExitReason run_code(Machine *m, const uint32_t *code, size_t n)
{
    for (size_t k = 0; k < n; k++)
        put_be32(m->mem + CODE + 4 * k, code[k]);
    put_be32(m->mem + CODE + 4 * n, SC);
    m->cpu->common.pc = CODE;
    return cpu_exec(&m->cpu->common);
}

#define RUN(m, code) run_code((m), (code), G_N_ELEMENTS(code))
#define GPR(m, n) ((uint32_t)(m)->cpu->gpr[n])

static uint32_t xer_bits(const PpcCpu *c)
{
    return c->xer_so << 31 | c->xer_ov << 30 | c->xer_ca << 29 | c->xer_bc;
}

/* ---- arithmetic -------------------------------------------------------- */

static void test_addo_rc(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = 0x7fffffff;
    m.cpu->gpr[4] = 1;
    g_assert_cmpint(RUN(&m, code_addo_rc), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0x80000000);
    g_assert_cmphex(xer_bits(m.cpu), ==, 0xc0000000); /* SO OV */
    g_assert_cmphex(m.cpu->cr[0], ==, PPC_CR_LT | PPC_CR_SO);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 8);
    machine_free(&m);
}

static void test_carry(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = 0xffffffff;
    m.cpu->gpr[4] = 1;
    g_assert_cmpint(RUN(&m, code_addc_adde), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0);
    g_assert_cmphex(GPR(&m, 6), ==, 1); /* 0xffffffff + 1 + CA */
    g_assert_cmpuint(m.cpu->xer_ca, ==, 1);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 5;
    m.cpu->gpr[4] = 7;
    m.cpu->xer_ca = 1;
    g_assert_cmpint(RUN(&m, code_subfc_subfic), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0xfffffffe); /* 5 - 7, a borrow: CA = 0 */
    g_assert_cmphex(GPR(&m, 6), ==, 5);          /* 10 - 5, no borrow: CA = 1 */
    g_assert_cmpuint(m.cpu->xer_ca, ==, 1);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0xe000007f;
    m.cpu->gpr[6] = 41;
    g_assert_cmpint(RUN(&m, code_xer), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 4), ==, 0xe000007f);
    g_assert_cmphex(GPR(&m, 5), ==, 42);
    g_assert_cmpuint(m.cpu->xer_ca, ==, 0);
    g_assert_cmpuint(m.cpu->xer_bc, ==, 0x7f);
    machine_free(&m);
}

static void test_mul_div(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = 100;
    m.cpu->gpr[4] = 0;
    g_assert_cmpint(RUN(&m, code_divwo_zero), ==, EXIT_SYSCALL);
    g_assert_cmpuint(m.cpu->xer_ov, ==, 1);
    g_assert_cmpuint(m.cpu->xer_so, ==, 1);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0x10000;
    m.cpu->gpr[4] = 0xffffffff;
    g_assert_cmpint(RUN(&m, code_mul), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0);
    g_assert_cmpuint(m.cpu->xer_ov, ==, 1);
    g_assert_cmphex(GPR(&m, 6), ==, 0xfffffffe);
    g_assert_cmphex(GPR(&m, 7), ==, 0);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0x80000000;
    g_assert_cmpint(RUN(&m, code_neg_ovf), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 4), ==, 0x80000000);
    g_assert_cmphex(xer_bits(m.cpu), ==, 0xc0000000);
    g_assert_cmphex(m.cpu->cr[0], ==, PPC_CR_LT | PPC_CR_SO);
    machine_free(&m);
}

/* ---- logical, rotate, shift --------------------------------------------- */

static void test_rotate(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = 0x12345678;
    m.cpu->gpr[6] = 0xaaaaaaaa;
    g_assert_cmpint(RUN(&m, code_rotate), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0x12);
    g_assert_cmphex(GPR(&m, 6), ==, 0x5678aaaa);
    g_assert_cmphex(GPR(&m, 7), ==, 0x10000008); /* wrapped mask 0xf000000f */
    machine_free(&m);
}

static void test_shift(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = 0x80000001;
    m.cpu->gpr[4] = 1;
    m.cpu->gpr[8] = 40;
    m.cpu->gpr[10] = 0x80000000;
    m.cpu->gpr[14] = 31;
    g_assert_cmpint(RUN(&m, code_sraw), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0xc0000000);
    g_assert_cmphex(GPR(&m, 6), ==, 0x20000000); /* CA: a 1 shifted out */
    g_assert_cmphex(GPR(&m, 7), ==, 0xffffffff); /* count 40 >= 32 */
    g_assert_cmphex(GPR(&m, 9), ==, 0xf8000000);
    g_assert_cmphex(GPR(&m, 11), ==, 0);         /* only zeros shifted out */
    g_assert_cmphex(GPR(&m, 12), ==, 0);
    g_assert_cmphex(GPR(&m, 13), ==, 1);
    machine_free(&m);
}

static void test_count(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = 0x00010000;
    m.cpu->gpr[6] = 0x12348080;
    g_assert_cmpint(RUN(&m, code_count), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 4), ==, 15);
    g_assert_cmphex(GPR(&m, 5), ==, 0xffffff80);
    g_assert_cmphex(GPR(&m, 7), ==, 0xffff8080);
    g_assert_cmphex(GPR(&m, 8), ==, 32);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0xff0f0103;
    g_assert_cmpint(RUN(&m, code_popcntb), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 4), ==, 0x08040102);
    machine_free(&m);
}

/* ---- floating point: a run of FP instructions with rare cases ---------- */

/* A run of register-only FP instructions is translated as one, with one
 * test of its rare cases (frontend/ppc/fp_run.c); here NaNs and a single
 * rounding case arise in its middle, and the results must be POWER's
 * (Power ISA 4.3.2/4.4: the default QNaN is 0x7ff8000000000000, a NaN
 * result is the first NaN of FRA, FRB, FRC and is not negated by fnmadd)
 * and an instruction whose source a later one overwrites must see the
 * old value. */
static void test_fp_run(void)
{
    Machine m;
    machine_init(&m);
    PpcCpu *c = m.cpu;
    ppc_fp_set_fpscr(c, 0);
    c->fpr[1] = 0x3ff0000000000000ull;  /* 1.0 */
    c->fpr[2] = 0x7ff0000000000000ull;  /* +inf */
    c->fpr[3] = 0x4000000000000000ull;  /* 2.0 */
    c->fpr[4] = 0x7ff8000000000001ull;  /* a QNaN */
    c->fpr[5] = 0x7ff8000000000002ull;  /* another */
    c->fpr[12] = 0x3ff0000000000000ull; /* 1.0 */
    c->fpr[13] = 0x3e70000000010000ull; /* 2^-24 + 2^-60 */
    g_assert_cmpint(RUN(&m, code_fp_run), ==, EXIT_SYSCALL);
    g_assert_cmphex(c->fpr[6], ==, 0x4008000000000000ull);  /* 1 + 2 */
    g_assert_cmphex(c->fpr[7], ==, 0x7ff8000000000000ull);  /* inf - inf: default NaN */
    g_assert_cmphex(c->fpr[8], ==, 0x7ff8000000000002ull);  /* FRB before FRC */
    g_assert_cmphex(c->fpr[1], ==, 0x4000000000000000ull);  /* 1 * 2 */
    g_assert_cmphex(c->fpr[9], ==, 0x7ff8000000000001ull);  /* FRA, not negated */
    g_assert_cmphex(c->fpr[10], ==, 0x3ff0000020000000ull); /* 1 + 2^-23: rounded once */
    g_assert_cmphex(c->cr[1], ==, PPC_CR_GT);               /* 3 > 2 */
    /* FX VX XX VXISI, FR FI of the fadds, FPRF: its C (0) and the
     * compare's FPCC (GT) */
    g_assert_cmphex(ppc_fp_sync(c), ==, 0xa2864000u);
    g_assert_cmphex(c->common.tb_flags, ==, 0); /* the exact way left no mark */
    machine_free(&m);
}

/* ---- compares and the condition register -------------------------------- */

static void test_cr(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = 0xffffffff;
    m.cpu->gpr[4] = 1;
    g_assert_cmpint(RUN(&m, code_cmp), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0x00084000); /* cr3 LT, cr4 GT */
    machine_free(&m);

    machine_init(&m);
    g_assert_cmpint(RUN(&m, code_crlogic), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 3), ==, 0x20000001);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0xa0000000; /* SO, CA */
    g_assert_cmpint(RUN(&m, code_mcrxr), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 4), ==, 0x0000000a);
    g_assert_cmphex(GPR(&m, 5), ==, 0);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0x12345678;
    g_assert_cmpint(RUN(&m, code_mtcrf), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 4), ==, 0x10000008);
    g_assert_cmphex(GPR(&m, 5), ==, 0x18000008);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0;
    m.cpu->gpr[6] = 0x66;
    m.cpu->gpr[7] = 0x77;
    m.cpu->gpr[8] = 0x88;
    g_assert_cmpint(RUN(&m, code_isel), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0x66);
    g_assert_cmphex(GPR(&m, 8), ==, 0);
    machine_free(&m);
}

/* ---- branches ------------------------------------------------------------- */

static void test_branches(void)
{
    Machine m;
    machine_init(&m);
    g_assert_cmpint(RUN(&m, code_bdnz), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 3), ==, 10);
    g_assert_cmphex(GPR(&m, 5), ==, 0);
    machine_free(&m);

    machine_init(&m);
    g_assert_cmpint(RUN(&m, code_bl_blr), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 3), ==, 8);
    g_assert_cmphex((uint32_t)m.cpu->lr, ==, CODE + 4);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 12);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[4] = 1;
    g_assert_cmpint(RUN(&m, code_bc_forms), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 3), ==, 14);
    g_assert_cmphex(GPR(&m, 6), ==, 2);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0x33;
    m.cpu->gpr[4] = CODE + 16;
    g_assert_cmpint(RUN(&m, code_bctrl), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, CODE + 8);
    g_assert_cmphex(GPR(&m, 6), ==, 0x33);
    machine_free(&m);

    /* A block goes on past its first forward bc when not taken, leaves by
     * a side exit when taken, and a later bc ends it both ways; each way
     * twice, so the second run takes chained blocks. */
    static const struct {
        uint32_t r3, r4, cr0;
    } ways[] = {{0, 100, PPC_CR_EQ}, {1, 11, PPC_CR_LT}, {2, 1001, PPC_CR_EQ}};
    machine_init(&m);
    for (unsigned k = 0; k < 2 * G_N_ELEMENTS(ways); k++) {
        unsigned w = k % G_N_ELEMENTS(ways);
        m.cpu->gpr[3] = ways[w].r3;
        g_assert_cmpint(RUN(&m, code_side_exit), ==, EXIT_SYSCALL);
        g_assert_cmphex(GPR(&m, 4), ==, ways[w].r4);
        g_assert_cmphex(m.cpu->cr[0], ==, ways[w].cr0);
    }
    machine_free(&m);
}

/* ---- loads and stores -------------------------------------------------- */

static void test_loads(void)
{
    Machine m;
    machine_init(&m);
    static const uint8_t data[4] = {0x80, 0x01, 0x02, 0x03};
    memcpy(m.mem + DATA, data, 4);
    m.cpu->gpr[3] = DATA;
    g_assert_cmpint(RUN(&m, code_loads), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 4), ==, 0xffff8001);
    g_assert_cmphex(GPR(&m, 5), ==, 0x0180);
    g_assert_cmphex(GPR(&m, 6), ==, 0x80010203);
    g_assert_cmphex(GPR(&m, 7), ==, 0x03020180);
    g_assert_cmphex(GPR(&m, 8), ==, 0x01);
    g_assert_cmphex(GPR(&m, 3), ==, DATA + 1);
    machine_free(&m);
}

static void test_stores(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = DATA;
    m.cpu->gpr[4] = 0x11223344;
    g_assert_cmpint(RUN(&m, code_stores), ==, EXIT_SYSCALL);
    static const uint8_t want[8] = {0x44, 0x33, 0x22, 0x11, 0x00, 0x44, 0x33, 0x44};
    g_assert_cmpmem(m.mem + DATA, 8, want, 8);
    g_assert_cmphex(GPR(&m, 3), ==, DATA + 6);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = DATA;
    m.cpu->gpr[29] = 0xa;
    m.cpu->gpr[30] = 0xb;
    m.cpu->gpr[31] = 0xc;
    g_assert_cmpint(RUN(&m, code_multiple), ==, EXIT_SYSCALL);
    g_assert_cmphex(get_be32(m.mem + DATA + 8), ==, 0xc);
    g_assert_cmphex(GPR(&m, 29), ==, 0xa);
    g_assert_cmphex(GPR(&m, 30), ==, 0xb);
    g_assert_cmphex(GPR(&m, 31), ==, 0xc);
    machine_free(&m);

    machine_init(&m);
    memset(m.mem + DATA - 32, 0xff, 96);
    m.cpu->gpr[3] = DATA + 0x13;
    g_assert_cmpint(RUN(&m, code_dcbz), ==, EXIT_SYSCALL);
    for (unsigned k = 0; k < 32; k++)
        g_assert_cmpuint(m.mem[DATA + k], ==, 0);
    g_assert_cmpuint(m.mem[DATA - 1], ==, 0xff);
    g_assert_cmpuint(m.mem[DATA + 32], ==, 0xff);
    machine_free(&m);

    machine_init(&m);
    memcpy(m.mem + DATA, "abcdefgh", 8);
    m.cpu->gpr[3] = DATA;
    m.cpu->gpr[6] = 0xffffffff;
    g_assert_cmpint(RUN(&m, code_lswi), ==, EXIT_SYSCALL);
    g_assert_cmphex(GPR(&m, 5), ==, 0x61626364);
    g_assert_cmphex(GPR(&m, 6), ==, 0x65660000);
    machine_free(&m);
}

static void test_reservation(void)
{
    Machine m;
    machine_init(&m);
    put_be32(m.mem + DATA, 5);
    m.cpu->gpr[3] = DATA;
    g_assert_cmpint(RUN(&m, code_larx), ==, EXIT_SYSCALL);
    g_assert_cmphex(get_be32(m.mem + DATA), ==, 6);
    g_assert_cmphex(GPR(&m, 5), ==, 0x20000000); /* first stwcx.: EQ */
    g_assert_cmphex(GPR(&m, 6), ==, 0);          /* reservation gone */
    g_assert_cmphex(m.cpu->reserve_addr, ==, UINT64_MAX);
    machine_free(&m);
}

/* ---- exits --------------------------------------------------------------- */

static void test_exits(void)
{
    Machine m;
    machine_init(&m);
    m.cpu->gpr[3] = 5;
    g_assert_cmpint(RUN(&m, code_trap), ==, EXIT_TRAP);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 4);
    machine_free(&m);

    machine_init(&m);
    g_assert_cmpint(RUN(&m, code_illegal), ==, EXIT_ILLEGAL);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 4);
    machine_free(&m);

    machine_init(&m);
    m.cpu->gpr[3] = 0x1234;
    g_assert_cmpint(RUN(&m, code_mfpvr), ==, EXIT_ILLEGAL);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE);
    g_assert_cmphex(GPR(&m, 3), ==, 0x1234);
    machine_free(&m);

    machine_init(&m);
    g_assert_cmpint(RUN(&m, code_bcctr_dec), ==, EXIT_ILLEGAL);
    machine_free(&m);

    /* two nops, then code fetch fails: the first block ends before the
     * bad word, the next one faults at it */
    machine_init(&m);
    static const uint32_t nops[2] = {0x60000000, 0x60000000};
    fetch_limit = CODE + 8;
    g_assert_cmpint(RUN(&m, nops), ==, EXIT_FAULT);
    fetch_limit = UINT64_MAX;
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 8);
    g_assert_cmphex(m.cpu->common.exception_addr, ==, CODE + 8);
    machine_free(&m);

    machine_init(&m);
    g_assert_cmpint(RUN(&m, code_mftb), ==, EXIT_SYSCALL);
    g_assert_cmpuint(GPR(&m, 4) - GPR(&m, 3), <, 0x80000000u); /* never goes back */
    machine_free(&m);
}

/* ---- IR well-formedness ------------------------------------------------ */

static uint8_t verify_code[4096];

static bool buffer_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    (void)cpu;
    if (addr + len > sizeof(verify_code))
        return false;
    memcpy(buf, verify_code + addr, len);
    return true;
}

/* Translate the word (followed by nops) and require ir_verify to pass. */
static void check_word(IrBlock *ir, PpcCpu *cpu, uint32_t w)
{
    put_be32(verify_code, w);
    ir_block_reset(ir, 0, 0);
    TranslateCtx tc = {.ir = ir, .cpu = &cpu->common, .fetch = buffer_fetch, .max_insns = 4};
    ppc32_guest.translate(&tc);
    char err[256] = "";
    if (!ir_verify(ir, err, sizeof(err))) {
        ir_dump(ir, stderr);
        g_error("word 0x%08x: %s", w, err);
    }
    g_assert_cmpuint(ir->guest_insns, >=, 1);
    g_assert_cmpuint(ir->guest_size, ==, 4 * ir->guest_insns);
}

static void test_verify_forms(void)
{
    IrBlock ir;
    ir_block_init(&ir, 0, 0);
    PpcCpu *cpu = g_malloc0(sizeof(PpcCpu));
    for (unsigned k = 1; k < G_N_ELEMENTS(verify_code) / 4; k++)
        put_be32(verify_code + 4 * k, 0x60000000);
    GRand *rand = g_rand_new_with_seed(20240601);
    const PpcInsnForm *const tables[] = {ppc_int_forms, ppc_branch_forms, ppc_mem_forms};
    for (size_t t = 0; t < G_N_ELEMENTS(tables); t++) {
        for (const PpcInsnForm *f = tables[t]; f->name; f++) {
            for (unsigned n = 0; n < 64; n++)
                check_word(&ir, cpu, f->match | (g_rand_int(rand) & ~f->mask));
        }
    }
    for (unsigned n = 0; n < 100000; n++)
        check_word(&ir, cpu, g_rand_int(rand));
    g_rand_free(rand);
    g_free(cpu);
    ir_block_free(&ir);
}

static void test_page_end(void)
{
    IrBlock ir;
    ir_block_init(&ir, 0, 0);
    PpcCpu *cpu = g_malloc0(sizeof(PpcCpu));
    for (unsigned k = 0; k < G_N_ELEMENTS(verify_code) / 4; k++)
        put_be32(verify_code + 4 * k, 0x60000000);
    ir_block_reset(&ir, 4096 - 8, 0);
    TranslateCtx tc = {.ir = &ir, .cpu = &cpu->common, .fetch = buffer_fetch, .max_insns = 512};
    ppc32_guest.translate(&tc);
    g_assert_cmpuint(ir.guest_insns, ==, 2); /* stops at the 4 KiB page end */
    g_assert_true(ir_verify(&ir, NULL, 0));
    g_free(cpu);
    ir_block_free(&ir);
}

static void test_disas(void)
{
    static const uint8_t addi[4] = {0x38, 0x63, 0x00, 0x01}; /* addi r3,r3,1 */
    char text[64];
    g_assert_cmpuint(ppc32_guest.disas(0x1000, addi, 4, text, sizeof(text)), ==, 4);
    g_assert_nonnull(strstr(text, "addi"));
    g_assert_cmpuint(ppc32_guest.disas(0x1000, addi, 2, text, sizeof(text)), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ppc/arith/addo_rc", test_addo_rc);
    g_test_add_func("/ppc/arith/carry", test_carry);
    g_test_add_func("/ppc/arith/mul_div", test_mul_div);
    g_test_add_func("/ppc/logic/rotate", test_rotate);
    g_test_add_func("/ppc/logic/shift", test_shift);
    g_test_add_func("/ppc/logic/count", test_count);
    g_test_add_func("/ppc/cr", test_cr);
    g_test_add_func("/ppc/fp-run", test_fp_run);
    g_test_add_func("/ppc/branch", test_branches);
    g_test_add_func("/ppc/mem/loads", test_loads);
    g_test_add_func("/ppc/mem/stores", test_stores);
    g_test_add_func("/ppc/mem/reservation", test_reservation);
    g_test_add_func("/ppc/exits", test_exits);
    g_test_add_func("/ppc/ir/verify_forms", test_verify_forms);
    g_test_add_func("/ppc/ir/page_end", test_page_end);
    g_test_add_func("/ppc/disas", test_disas);
    return g_test_run();
}
