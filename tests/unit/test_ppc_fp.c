/* tests/unit/test_ppc_fp.c — the PowerPC FPU of frontend/ppc/fp.c and the
 * VSX floating point of vsx_fp.c that shares its IR: each case encodes a
 * few FP instructions, translates them through ppc_fp_forms and
 * ppc_vsx_fp_forms, checks the IR with ir_verify, runs it on every backend
 * built in (the JIT and the interpreter; as built, and again after the
 * optimizer), requires all of them to agree, and compares FPRs, memory, CR
 * and FPSCR with values worked out from the Power ISA book and IEEE 754
 * (where a host libm function is the oracle, it is a correctly rounded one:
 * fmaf, or exact operations). */
#include <fenv.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "backend/tb.h"
#include "frontend/ppc/decode.h"
#include "frontend/ppc/fp_helpers.h"
#include "ir/ir.h"
#include "ir/opt.h"

enum { MEM_SIZE = 1 << 16, CODE_PC = 0x1000 };

static PpcCpu cpu;
static uint8_t *mem;
static TranslationBlock *jmp_cache[TB_JMP_CACHE_SIZE];
static RetStack ret_stack;

/* ---- encodings (IBM numbering, as the book draws them) ---------------- */

static uint32_t enc_a(unsigned op, unsigned xo, unsigned t, unsigned a, unsigned b, unsigned c, bool rc)
{
    return op << 26 | t << 21 | a << 16 | b << 11 | c << 6 | xo << 1 | rc;
}
static uint32_t enc_x(unsigned op, unsigned xo, unsigned t, unsigned a, unsigned b, bool rc)
{
    return op << 26 | t << 21 | a << 16 | b << 11 | xo << 1 | rc;
}
static uint32_t enc_d(unsigned op, unsigned t, unsigned a, int16_t d)
{
    return op << 26 | t << 21 | a << 16 | (uint16_t)d;
}

#define FADD(t, a, b) enc_a(63, 21, t, a, b, 0, false)
#define FADDS(t, a, b) enc_a(59, 21, t, a, b, 0, false)
#define FSUB(t, a, b) enc_a(63, 20, t, a, b, 0, false)
#define FDIV(t, a, b) enc_a(63, 18, t, a, b, 0, false)
#define FMUL(t, a, c) enc_a(63, 25, t, a, 0, c, false)
#define FSQRT(t, b) enc_a(63, 22, t, 0, b, 0, false)
#define FMADD(t, a, c, b) enc_a(63, 29, t, a, b, c, false)
#define FMADDS(t, a, c, b) enc_a(59, 29, t, a, b, c, false)
#define FNMADD(t, a, c, b) enc_a(63, 31, t, a, b, c, false)
#define FMSUB(t, a, c, b) enc_a(63, 28, t, a, b, c, false)
#define FSEL(t, a, c, b) enc_a(63, 23, t, a, b, c, false)
#define FRES(t, b) enc_a(59, 24, t, 0, b, 0, false)
#define FRSQRTE(t, b) enc_a(63, 26, t, 0, b, 0, false)
#define FMR(t, b) enc_x(63, 72, t, 0, b, false)
#define FNEG(t, b) enc_x(63, 40, t, 0, b, false)
#define FABS(t, b) enc_x(63, 264, t, 0, b, false)
#define FNABS(t, b) enc_x(63, 136, t, 0, b, false)
#define FRSP(t, b) enc_x(63, 12, t, 0, b, false)
#define FCTIW(t, b) enc_x(63, 14, t, 0, b, false)
#define FCTIWZ(t, b) enc_x(63, 15, t, 0, b, false)
#define FCTID(t, b) enc_x(63, 814, t, 0, b, false)
#define FCFID(t, b) enc_x(63, 846, t, 0, b, false)
#define FCTIWUZ(t, b) enc_x(63, 143, t, 0, b, false)
#define FCTIDU(t, b) enc_x(63, 942, t, 0, b, false)
#define FCMPU(bf, a, b) enc_x(63, 0, (bf) << 2, a, b, false)
#define FCMPO(bf, a, b) enc_x(63, 32, (bf) << 2, a, b, false)
#define MFFS(t) enc_x(63, 583, t, 0, 0, false)
#define MFFS_FORM(t, ra, b) enc_x(63, 583, t, ra, b, false)
#define MTFSF(flm, b) (63u << 26 | (uint32_t)(flm) << 17 | (b) << 11 | 711u << 1)
#define MTFSFI(bf, u) (63u << 26 | (bf) << 23 | (u) << 12 | 134u << 1)
#define MTFSB0(bt) enc_x(63, 70, bt, 0, 0, false)
#define MTFSB1(bt) enc_x(63, 38, bt, 0, 0, false)
#define MCRFS(bf, bfa) enc_x(63, 64, (bf) << 2, (bfa) << 2, 0, false)
#define LFS(t, a, d) enc_d(48, t, a, d)
#define LFSU(t, a, d) enc_d(49, t, a, d)
#define LFD(t, a, d) enc_d(50, t, a, d)
#define STFS(s, a, d) enc_d(52, s, a, d)
#define STFD(s, a, d) enc_d(54, s, a, d)
#define STFDU(s, a, d) enc_d(55, s, a, d)
#define LFDX(t, a, b) enc_x(31, 599, t, a, b, false)
#define STFIWX(s, a, b) enc_x(31, 983, s, a, b, false)

/* VSX XX3 and XX2 forms on VSRs 0..31 (doubleword 0 is the FPR). */
static uint32_t enc_xx3(unsigned xo, unsigned t, unsigned a, unsigned b)
{
    return 60u << 26 | t << 21 | a << 16 | b << 11 | xo << 3;
}
static uint32_t enc_xx2(unsigned xo, unsigned t, unsigned b)
{
    return 60u << 26 | t << 21 | b << 11 | xo << 2;
}
#define XSADDDP(t, a, b) enc_xx3(32, t, a, b)
#define XSMULDP(t, a, b) enc_xx3(48, t, a, b)
#define XSMADDADP(t, a, b) enc_xx3(33, t, a, b) /* t = a * b + t */
#define XSMADDMDP(t, a, b) enc_xx3(41, t, a, b) /* t = a * t + b */
#define XSNMSUBADP(t, a, b) enc_xx3(177, t, a, b)
#define XSADDSP(t, a, b) enc_xx3(0, t, a, b)
#define XVADDDP(t, a, b) enc_xx3(96, t, a, b)
#define XVMULSP(t, a, b) enc_xx3(80, t, a, b)
#define XVMADDASP(t, a, b) enc_xx3(65, t, a, b)
#define XSCPSGNDP(t, a, b) enc_xx3(176, t, a, b)
#define XSCMPUDP(bf, a, b) enc_xx3(35, (bf) << 2, a, b)
#define XSCMPODP(bf, a, b) enc_xx3(43, (bf) << 2, a, b)
#define XSSQRTDP(t, b) enc_xx2(75, t, b)
#define XSCVDPSP(t, b) enc_xx2(265, t, b)
#define XSCVDPSPN(t, b) enc_xx2(267, t, b)
#define XSCVSPDP(t, b) enc_xx2(329, t, b)
#define XSCVSPDPN(t, b) enc_xx2(331, t, b)
#define XSRSP(t, b) enc_xx2(281, t, b)
#define XSNEGDP(t, b) enc_xx2(377, t, b)
#define XSCVSXDDP(t, b) enc_xx2(376, t, b)
#define XSCVDPSXWS(t, b) enc_xx2(88, t, b)
#define XSCVDPUXDS(t, b) enc_xx2(328, t, b)
#define XVNEGSP(t, b) enc_xx2(441, t, b)

/* ---- running -------------------------------------------------------- */

static uint64_t d2u(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static void cpu_reset(void)
{
    memset(&cpu, 0, sizeof cpu);
    memset(mem, 0, MEM_SIZE);
    cpu.common.guest_base = mem;
    cpu.common.jmp_cache = jmp_cache;
    cpu.common.ret_stack = &ret_stack;
    cpu.common.last_slot = -1;
    memset(jmp_cache, 0, sizeof jmp_cache);
    memset(&ret_stack, 0, sizeof ret_stack);
    ppc_fp_set_fpscr(&cpu, 0); /* round to nearest, no pending host flags */
}

static const PpcInsnForm *find_fp_form(uint32_t insn)
{
    for (const PpcInsnForm *f = ppc_fp_forms; f->name; f++)
        if ((insn & f->mask) == f->match)
            return f;
    for (const PpcInsnForm *f = ppc_vsx_fp_forms; f->name; f++)
        if ((insn & f->mask) == f->match)
            return f;
    return NULL;
}

/* Translate words `first` to `n` into one block ending in exit(EXIT_HALT);
 * false if some word has no FP form or its handler refuses it. */
static bool build(IrBlock *b, const uint32_t *words, unsigned first, unsigned n)
{
    ir_block_init(b, CODE_PC + 4 * first, 0);
    for (unsigned k = first; k < n; k++) {
        const PpcInsnForm *f = find_fp_form(words[k]);
        if (!f)
            return false;
        PpcCtx ctx = {.ir = b, .cpu = &cpu.common, .pc = CODE_PC + 4 * k, .insn = words[k]};
        ir_insn_start(b, ctx.pc);
        if (!f->translate(&ctx))
            return false;
    }
    ir_st_env(b, IR_I64, (uint32_t)offsetof(CpuCommon, pc), ir_const64(b, CODE_PC + 4 * n));
    ir_exit(b, EXIT_HALT);
    return true;
}

/* The backends built in, each with its state from open(0). */
static struct {
    const Backend *backend;
    void *state;
} backends[] = {
#ifdef MORPH_HAVE_JIT
    {&backend_jit, NULL},
#endif
    {&backend_interp, NULL},
};

/* Run the block; EXIT_HALT at its end, or EXIT_NONE where an instruction's
 * rare path left it early (cpu.pc: the next instruction). */
static int run_block(IrBlock *b, unsigned be)
{
    char err[256];
    if (!ir_verify(b, err, sizeof err)) {
        ir_dump(b, stderr);
        g_error("FP block does not verify: %s", err);
    }
    const Backend *backend = backends[be].backend;
    void *state = backends[be].state;
    TranslationBlock *tb = g_new0(TranslationBlock, 1);
    tb->pc = b->pc;
    size_t bytes = 0;
    tb->code = backend->compile(state, b, tb, &bytes);
    if (!tb->code) { /* the code space is full: start it afresh, as the engine does */
        backend->flush(state);
        tb->code = backend->compile(state, b, tb, &bytes);
    }
    g_assert_nonnull(tb->code);
    int reason = backend->run(state, &cpu.common, tb);
    g_assert_true(reason == EXIT_HALT || reason == EXIT_NONE);
    backend->free_code(state, tb->code);
    g_free(tb);
    return reason;
}

/* Run the words from the state `setup` left on every backend, as built
 * and after the optimizer, each from the same starting state; every run
 * must end in the state of the first (the interpreter's, unoptimized),
 * which is left in `cpu`. */
static void run(const uint32_t *words, unsigned n)
{
    static PpcCpu start, want;
    static uint8_t *start_mem, *want_mem;
    if (!start_mem) {
        start_mem = g_malloc(MEM_SIZE);
        want_mem = g_malloc(MEM_SIZE);
    }
    feclearexcept(FE_ALL_EXCEPT); /* nothing of the test's own FP work leaks in */
    start = cpu;
    memcpy(start_mem, mem, MEM_SIZE);

    unsigned nruns = 2 * G_N_ELEMENTS(backends);
    for (unsigned k = 0; k < nruns; k++) {
        /* the interpreter (the last backend) as built first: the reference */
        unsigned be = (G_N_ELEMENTS(backends) - 1 + k / 2) % G_N_ELEMENTS(backends);
        bool optimize = k % 2;
        cpu = start;
        memcpy(mem, start_mem, MEM_SIZE);
        ppc_fp_set_fpscr(&cpu, (uint64_t)start.fp_pad << 32 | start.fpscr);
        memcpy(cpu.fp_scratch, start.fp_scratch, sizeof cpu.fp_scratch); /* the lazy record */
        feclearexcept(FE_ALL_EXCEPT);
        /* as the exec loop does: a block left early goes on with a new one */
        for (unsigned first = 0;;) {
            IrBlock b;
            g_assert_true(build(&b, words, first, n));
            if (optimize)
                opt_run(&b);
            bool halted = run_block(&b, be) == EXIT_HALT;
            ir_block_free(&b);
            if (halted)
                break;
            first = (unsigned)(cpu.common.pc - CODE_PC) / 4;
            g_assert_cmpuint(first, <=, n);
        }
        ppc_fp_sync(&cpu);
        if (k == 0) {
            want = cpu;
            memcpy(want_mem, mem, MEM_SIZE);
            continue;
        }
        if (g_test_verbose())
            g_test_message("%s%s", backends[be].backend->name, optimize ? ", optimized" : "");
        g_assert_cmpmem(want.fpr, sizeof want.fpr, cpu.fpr, sizeof cpu.fpr);
        g_assert_cmpmem(want.vsr_dw1, sizeof want.vsr_dw1, cpu.vsr_dw1, sizeof cpu.vsr_dw1);
        g_assert_cmpmem(want.cr, sizeof want.cr, cpu.cr, sizeof cpu.cr);
        g_assert_cmpmem(want.gpr, sizeof want.gpr, cpu.gpr, sizeof cpu.gpr);
        g_assert_cmphex(want.fpscr, ==, cpu.fpscr);
        g_assert_cmpmem(want_mem, MEM_SIZE, mem, MEM_SIZE);
    }
}

#define RUN(...)                                                                                             \
    do {                                                                                                     \
        const uint32_t words_[] = {__VA_ARGS__};                                                             \
        run(words_, G_N_ELEMENTS(words_));                                                                   \
    } while (0)

static void put_be32(uint32_t addr, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        mem[addr + k] = (uint8_t)(v >> (24 - 8 * k));
}
static uint32_t get_be32(uint32_t addr)
{
    return (uint32_t)mem[addr] << 24 | mem[addr + 1] << 16 | mem[addr + 2] << 8 | mem[addr + 3];
}
static void put_be64(uint32_t addr, uint64_t v)
{
    put_be32(addr, (uint32_t)(v >> 32));
    put_be32(addr + 4, (uint32_t)v);
}
static uint64_t get_be64(uint32_t addr)
{
    return (uint64_t)get_be32(addr) << 32 | get_be32(addr + 4);
}

#define FPRF(code) ((uint32_t)(code) << 12)
#define FPRF_PNORM FPRF(0x04)
#define FPRF_NNORM FPRF(0x08)
#define FPRF_PZERO FPRF(0x02)
#define FPRF_PINF FPRF(0x05)
#define FPRF_QNAN FPRF(0x11)
#define FPRF_PDENORM FPRF(0x14)

/* ---- arithmetic ----------------------------------------------------- */

static void test_add_sub_mul_div(void)
{
    cpu_reset();
    cpu.fpr[1] = d2u(1.5);
    cpu.fpr[2] = d2u(2.25);
    RUN(FADD(3, 1, 2), FSUB(4, 1, 2), FMUL(5, 1, 2), FDIV(6, 2, 1), FSQRT(7, 2));
    g_assert_cmphex(cpu.fpr[3], ==, d2u(3.75));
    g_assert_cmphex(cpu.fpr[4], ==, d2u(-0.75));
    g_assert_cmphex(cpu.fpr[5], ==, d2u(3.375));
    g_assert_cmphex(cpu.fpr[6], ==, d2u(1.5));
    g_assert_cmphex(cpu.fpr[7], ==, d2u(1.5));
    /* all exact: no status at all, FPRF from the last (sqrt 1.5: +normal) */
    g_assert_cmphex(cpu.fpscr, ==, FPRF_PNORM);

    /* 1/3 is inexact: XX and FX and FI; FPRF of the subtraction: -normal */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(3.0);
    RUN(FDIV(3, 1, 2), FSUB(4, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, 0x3fd5555555555555ull);
    /* FI and FR describe the last instruction only (the exact fsub) */
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | FPRF_NNORM);

    /* FR: 1/10 rounds up (...999a), 1/3 rounds down (...5555) */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(10.0);
    cpu.fpr[3] = d2u(3.0);
    RUN(FDIV(4, 1, 2));
    g_assert_cmphex(cpu.fpr[4], ==, 0x3fb999999999999aull);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | PPC_FPSCR_FR | PPC_FPSCR_FI | FPRF_PNORM);
    RUN(FDIV(4, 1, 3));
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | PPC_FPSCR_FI | FPRF_PNORM);
}

static void test_exceptions(void)
{
    /* 1/0: +inf, ZX */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    RUN(FDIV(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, 0x7ff0000000000000ull);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_ZX | FPRF_PINF);

    /* 0/0: POWER's default NaN is positive; VXZDZ */
    cpu_reset();
    RUN(FDIV(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, 0x7ff8000000000000ull);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_VXZDZ | FPRF_QNAN);

    /* inf - inf: VXISI; sqrt(-1): VXSQRT */
    cpu_reset();
    cpu.fpr[1] = 0x7ff0000000000000ull;
    RUN(FSUB(3, 1, 1));
    g_assert_cmphex(cpu.fpr[3], ==, 0x7ff8000000000000ull);
    g_assert_cmphex(cpu.fpscr & PPC_FPSCR_VX_CAUSES, ==, PPC_FPSCR_VXISI);
    cpu_reset();
    cpu.fpr[1] = d2u(-1.0);
    RUN(FSQRT(3, 1));
    g_assert_cmphex(cpu.fpr[3], ==, 0x7ff8000000000000ull);
    g_assert_cmphex(cpu.fpscr & PPC_FPSCR_VX_CAUSES, ==, PPC_FPSCR_VXSQRT);

    /* overflow: DBL_MAX * 2 = +inf, OX XX; underflow: DBL_MIN / 3 */
    cpu_reset();
    cpu.fpr[1] = 0x7fefffffffffffffull;
    cpu.fpr[2] = d2u(2.0);
    RUN(FMUL(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, 0x7ff0000000000000ull);
    g_assert_cmphex(cpu.fpscr & ~PPC_FPSCR_FR, ==, /* FR is undefined on overflow */
                    PPC_FPSCR_FX | PPC_FPSCR_OX | PPC_FPSCR_XX | PPC_FPSCR_FI | FPRF_PINF);
    cpu_reset();
    cpu.fpr[1] = 0x0010000000000000ull;
    cpu.fpr[2] = d2u(3.0);
    RUN(FDIV(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, 0x0005555555555555ull);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_UX | PPC_FPSCR_XX | PPC_FPSCR_FI | FPRF_PDENORM);

    /* a signalling NaN operand: quieted, VXSNAN */
    cpu_reset();
    cpu.fpr[1] = 0x7ff0000000000001ull;
    cpu.fpr[2] = d2u(1.0);
    RUN(FADD(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, 0x7ff8000000000001ull);
    g_assert_cmphex(cpu.fpscr & PPC_FPSCR_VX_CAUSES, ==, PPC_FPSCR_VXSNAN);

    /* NaN priority is FRA, FRB, FRC whatever their kinds; a signalling
     * one anywhere sets VXSNAN */
    cpu_reset();
    cpu.fpr[1] = 0x7ff8000000000aaaull; /* QNaN */
    cpu.fpr[2] = 0x7ff0000000000bbbull; /* SNaN */
    cpu.fpr[3] = 0xfff8000000000cccull; /* negative QNaN */
    RUN(FADD(4, 1, 2), FMUL(5, 2, 1), FMSUB(6, 4, 4, 3), FMADD(7, 5, 2, 3));
    g_assert_cmphex(cpu.fpr[4], ==, 0x7ff8000000000aaaull);
    g_assert_cmphex(cpu.fpr[5], ==, 0x7ff8000000000bbbull);
    g_assert_cmphex(cpu.fpr[6], ==, 0x7ff8000000000aaaull);
    g_assert_cmphex(cpu.fpr[7], ==, 0x7ff8000000000bbbull);
    g_assert_cmphex(cpu.fpscr & PPC_FPSCR_VX_CAUSES, ==, PPC_FPSCR_VXSNAN);
    cpu_reset();
    cpu.fpr[1] = d2u(2.0);
    cpu.fpr[3] = 0xfff8000000000cccull;
    RUN(FMSUB(6, 1, 1, 3), FADDS(7, 3, 1)); /* FRB's NaN keeps its sign */
    g_assert_cmphex(cpu.fpr[6], ==, 0xfff8000000000cccull);
    g_assert_cmphex(cpu.fpr[7], ==, 0xfff8000000000000ull); /* payload cut to single */
    g_assert_cmphex(cpu.fpscr, ==, FPRF_QNAN);

    /* inf/inf is VXIDI, inf*0 VXIMZ, fma's inf - inf VXISI */
    const struct {
        uint32_t insn;
        uint32_t cause;
    } inval[] = {
        {FDIV(3, 1, 1), PPC_FPSCR_VXIDI},
        {FMUL(3, 1, 2), PPC_FPSCR_VXIMZ},
        {FMSUB(3, 1, 1, 1), PPC_FPSCR_VXISI},
        {FMADD(3, 2, 1, 1), PPC_FPSCR_VXIMZ},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(inval); k++) {
        cpu_reset();
        cpu.fpr[1] = 0x7ff0000000000000ull;
        RUN(inval[k].insn);
        g_assert_cmphex(cpu.fpr[3], ==, 0x7ff8000000000000ull);
        g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_VX | inval[k].cause | FPRF_QNAN);
    }
}

/* fma-type single ops round once: a*c + b = 1 + 2^-24 + 2^-70 must give
 * 1 + 2^-23, while fma in double (1 + 2^-24, a tie) then single gives 1. */
static void test_single_rounding(void)
{
    float a = 0x1.000002p-24f, c = -0x1.fffffcp-1f, b = 0x1.000002p+0f;
    double want = (double)fmaf(a, c, b); /* glibc fmaf: correctly rounded */
    g_assert_cmphex(d2u(want), ==, d2u(0x1.000002p+0));
    cpu_reset();
    cpu.fpr[1] = d2u(a);
    cpu.fpr[2] = d2u(b);
    cpu.fpr[3] = d2u(c);
    RUN(FMADDS(4, 1, 3, 2));
    g_assert_cmphex(cpu.fpr[4], ==, d2u(want));
    g_assert_true(cpu.fpscr & PPC_FPSCR_XX);

    /* fadds of double inputs: 1 + (2^-24 + 2^-60) rounds up to 1 + 2^-23 */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(0x1p-24 + 0x1p-60);
    RUN(FADDS(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, d2u(0x1.000002p+0));

    /* ordinary single: 1/3 in single precision, via fres (estimate = the
     * correctly rounded single reciprocal) and frsp */
    cpu_reset();
    cpu.fpr[1] = d2u(3.0);
    cpu.fpr[2] = d2u(1.0 / 3.0);
    RUN(FRES(3, 1), FRSP(4, 2));
    g_assert_cmphex(cpu.fpr[3], ==, d2u((double)(1.0f / 3.0f)));
    g_assert_cmphex(cpu.fpr[4], ==, d2u((double)(1.0f / 3.0f)));
}

static void test_fma_family(void)
{
    cpu_reset();
    cpu.fpr[1] = d2u(2.0);
    cpu.fpr[2] = d2u(3.0);
    cpu.fpr[3] = d2u(0.5);
    RUN(FMADD(4, 1, 2, 3), FMSUB(5, 1, 2, 3), FNMADD(6, 1, 2, 3));
    g_assert_cmphex(cpu.fpr[4], ==, d2u(6.5));
    g_assert_cmphex(cpu.fpr[5], ==, d2u(5.5));
    g_assert_cmphex(cpu.fpr[6], ==, d2u(-6.5));
    /* fnmadd keeps a NaN's sign */
    cpu_reset();
    cpu.fpr[1] = 0x7ff8000000000123ull;
    cpu.fpr[2] = d2u(3.0);
    RUN(FNMADD(4, 1, 2, 3));
    g_assert_cmphex(cpu.fpr[4], ==, 0x7ff8000000000123ull);
}

static void test_estimates(void)
{
    cpu_reset();
    cpu.fpr[1] = d2u(4.0);
    cpu.fpr[2] = 0;
    RUN(FRSQRTE(3, 1), FRES(4, 2));
    g_assert_cmphex(cpu.fpr[3], ==, d2u(0.5));
    g_assert_cmphex(cpu.fpr[4], ==, 0x7ff0000000000000ull);
    g_assert_true(cpu.fpscr & PPC_FPSCR_ZX);
}

/* ---- moves, fsel ---------------------------------------------------- */

static void test_moves(void)
{
    cpu_reset();
    cpu.fpr[1] = 0x7ff0000000000001ull; /* SNaN: moves never quiet it */
    cpu.fpr[2] = d2u(-2.0);
    RUN(FMR(3, 1), FNEG(4, 1), FABS(5, 2), FNABS(6, 2));
    g_assert_cmphex(cpu.fpr[3], ==, 0x7ff0000000000001ull);
    g_assert_cmphex(cpu.fpr[4], ==, 0xfff0000000000001ull);
    g_assert_cmphex(cpu.fpr[5], ==, d2u(2.0));
    g_assert_cmphex(cpu.fpr[6], ==, d2u(-2.0));
    g_assert_cmphex(cpu.fpscr, ==, 0);
}

static void test_fsel(void)
{
    const struct {
        uint64_t a;
        bool picks_c;
    } cases[] = {
        {0x0000000000000000ull, true},  {0x8000000000000000ull, true}, /* +0, -0 */
        {0x3ff0000000000000ull, true},  {0xbff0000000000000ull, false},
        {0x7ff0000000000000ull, true},  {0x7ff8000000000000ull, false}, /* +inf, NaN */
        {0xfff8000000000000ull, false}, {0x8000000000000001ull, false},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        cpu_reset();
        cpu.fpr[1] = cases[k].a;
        cpu.fpr[2] = 0x1111;
        cpu.fpr[3] = 0x2222;
        RUN(FSEL(4, 1, 3, 2));
        g_assert_cmphex(cpu.fpr[4], ==, cases[k].picks_c ? 0x2222u : 0x1111u);
        g_assert_cmphex(cpu.fpscr, ==, 0);
    }
}

/* ---- conversions ---------------------------------------------------- */

static void test_fctiw(void)
{
    const struct {
        uint64_t src;
        bool z;
        uint32_t want;
        bool vxcvi;
    } cases[] = {
        {0x4004000000000000ull, false, 2, false}, /* 2.5 -> 2 (ties to even) */
        {0xc004000000000000ull, false, (uint32_t)-2, false},
        {0x400e000000000000ull, false, 4, false},           /* 3.75 -> 4 */
        {0xc00d99999999999aull, true, (uint32_t)-3, false}, /* -3.7 -> -3 toward 0 */
        {0x41e65a0bc0000000ull, false, 0x7fffffffu, true},  /* 3e9 */
        {0xc1e65a0bc0000000ull, false, 0x80000000u, true},  /* -3e9 */
        {0x41dfffffffc00000ull, false, 0x7fffffffu, false}, /* 2^31 - 1 */
        {0x41dfffffffe00000ull, false, 0x7fffffffu, true},  /* 2^31 - 0.5 rounds to 2^31 */
        {0x7ff8000000000000ull, false, 0x80000000u, true},  /* NaN */
        {0x7ff0000000000000ull, true, 0x7fffffffu, true},   /* +inf */
        {0x43f0000000000000ull, false, 0x7fffffffu, true},  /* 2^64 */
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        cpu_reset();
        cpu.fpr[1] = cases[k].src;
        if (cases[k].z)
            RUN(FCTIWZ(2, 1));
        else
            RUN(FCTIW(2, 1));
        g_assert_cmphex(cpu.fpr[2], ==, 0xfff8000000000000ull | cases[k].want);
        g_assert_cmpint(!!(cpu.fpscr & PPC_FPSCR_VXCVI), ==, cases[k].vxcvi);
        if (cases[k].vxcvi) /* saturation: VXCVI, and neither XX nor FR/FI */
            g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_VXCVI);
    }
    /* FR/FI of conversions: 3.5 -> 4 rounds up, 1.7 -> 1 toward zero */
    cpu_reset();
    cpu.fpr[1] = d2u(3.5);
    RUN(FCTIW(2, 1));
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | PPC_FPSCR_FR | PPC_FPSCR_FI);
    cpu_reset();
    cpu.fpr[1] = d2u(1.7);
    RUN(FCTIWZ(2, 1));
    g_assert_cmphex(cpu.fpr[2], ==, 0xfff8000000000001ull);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | PPC_FPSCR_FI);
}

static void test_fctid_fcfid(void)
{
    cpu_reset();
    cpu.fpr[1] = 0xc3e0000000000000ull; /* -2^63: representable */
    cpu.fpr[2] = 0x43e0000000000000ull; /* 2^63: saturates */
    cpu.fpr[3] = (uint64_t)-5;
    RUN(FCTID(4, 1), FCTID(5, 2), FCFID(6, 3));
    g_assert_cmphex(cpu.fpr[4], ==, 0x8000000000000000ull);
    g_assert_cmphex(cpu.fpr[5], ==, 0x7fffffffffffffffull);
    g_assert_cmphex(cpu.fpr[6], ==, d2u(-5.0));
    g_assert_true(cpu.fpscr & PPC_FPSCR_VXCVI);
}

/* Unsigned conversions (ISA 2.06): negative results and NaN give 0. */
static void test_unsigned_conversions(void)
{
    const struct {
        bool dw;
        uint64_t src;
        uint64_t want;
        bool vxcvi;
    } cases[] = {
        {false, 0x41e65a0bc0000000ull, 0xfff80000b2d05e00ull, false}, /* 3e9 */
        {false, 0xbff8000000000000ull, 0xfff8000000000000ull, true},  /* -1.5 */
        {false, 0xbfe0000000000000ull, 0xfff8000000000000ull, false}, /* -0.5 -> 0 */
        {false, 0x41f2a05f20000000ull, 0xfff80000ffffffffull, true},  /* 5e9 */
        {false, 0x7ff8000000000000ull, 0xfff8000000000000ull, true},  /* NaN */
        {true, 0x43e0000000000001ull, 0x8000000000000800ull, false},  /* 2^63 + 2048 */
        {true, 0x43f0000000000000ull, 0xffffffffffffffffull, true},   /* 2^64 */
        {true, 0x3ff8000000000000ull, 2, false},                      /* 1.5 -> 2 */
        {true, 0xc000000000000000ull, 0, true},                       /* -2 */
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        cpu_reset();
        cpu.fpr[1] = cases[k].src;
        if (cases[k].dw)
            RUN(FCTIDU(2, 1));
        else
            RUN(FCTIWUZ(2, 1));
        g_assert_cmphex(cpu.fpr[2], ==, cases[k].want);
        g_assert_cmpint(!!(cpu.fpscr & PPC_FPSCR_VXCVI), ==, cases[k].vxcvi);
    }
}

/* ---- compares ------------------------------------------------------- */

static void test_compares(void)
{
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(2.0);
    cpu.fpr[3] = 0x7ff8000000000000ull;
    cpu.fpr[4] = 0x8000000000000000ull; /* -0 == +0 */
    RUN(FCMPU(0, 1, 2), FCMPU(2, 2, 1), FCMPU(3, 4, 5), FCMPU(7, 1, 3));
    g_assert_cmpuint(cpu.cr[0], ==, PPC_CR_LT);
    g_assert_cmpuint(cpu.cr[2], ==, PPC_CR_GT);
    g_assert_cmpuint(cpu.cr[3], ==, PPC_CR_EQ);
    g_assert_cmpuint(cpu.cr[7], ==, PPC_CR_SO);
    /* quiet NaN and fcmpu: no exception; FPCC = FU */
    g_assert_cmphex(cpu.fpscr, ==, FPRF(0x01));

    cpu_reset();
    cpu.fpr[3] = 0x7ff8000000000000ull;
    cpu.fpr[5] = 0x7ff0000000000001ull;
    RUN(FCMPO(1, 1, 3));
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_VXVC | FPRF(0x01));
    cpu_reset();
    cpu.fpr[5] = 0x7ff0000000000001ull;
    RUN(FCMPU(1, 5, 1));
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_VXSNAN | FPRF(0x01));

    /* FPCC of a compare survives a later read even after arithmetic before it */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    RUN(FADD(2, 1, 1), FCMPU(0, 2, 1), MFFS(3));
    g_assert_cmphex(cpu.fpr[3] & 0x1f000, ==, FPRF(0x04)); /* FG (C untouched = 0) */
}

/* ---- FPSCR instructions ----------------------------------------------- */

static void test_rounding_modes(void)
{
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(3.0);
    /* RN = 2 (toward +inf), 1/3; RN = 3 (toward -inf), 1/3; back to nearest */
    RUN(MTFSFI(7, 2), FDIV(3, 1, 2), MTFSFI(7, 3), FDIV(4, 1, 2), MTFSFI(7, 1), FCTIW(5, 2), FDIV(6, 1, 2),
        MTFSFI(7, 0));
    g_assert_cmphex(cpu.fpr[3], ==, 0x3fd5555555555556ull);
    g_assert_cmphex(cpu.fpr[4], ==, 0x3fd5555555555555ull);
    g_assert_cmphex(cpu.fpr[6], ==, 0x3fd5555555555555ull);
    g_assert_cmphex(cpu.fpscr & PPC_FPSCR_RN, ==, 0);
    g_assert_cmpint(fegetround(), ==, FE_TONEAREST);
}

static void test_mtfsf_mffs(void)
{
    cpu_reset();
    cpu.fpr[1] = 0x00000000ffffffffull; /* every low bit: FEX/VX stay computed */
    RUN(MTFSF(0xff, 1), MFFS(2));
    g_assert_cmphex(cpu.fpscr, ==, 0xfffff7ffu); /* bit 20 is reserved */
    g_assert_cmphex(cpu.fpr[2], ==, 0xfffff7ffu);
    g_assert_cmpint(fegetround(), ==, FE_DOWNWARD);

    cpu_reset();
    cpu.fpr[1] = 0x0000000060000000ull; /* FEX and VX alone cannot be set */
    RUN(MTFSF(0x80, 1));
    g_assert_cmphex(cpu.fpscr, ==, 0);

    /* mtfsb1 XX: FX follows; mtfsb0 FX; mcrfs of field 1 clears UX ZX XX */
    cpu_reset();
    RUN(MTFSB1(6), MTFSB1(25));
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | (1u << 6));
    RUN(MTFSB0(0), MCRFS(4, 1), MCRFS(5, 6));
    g_assert_cmpuint(cpu.cr[4], ==, 0x2); /* UX ZX XX VXSNAN = 0 0 1 0 */
    g_assert_cmpuint(cpu.cr[5], ==, 0x4); /* VE OE UE ZE = 0 1 0 0 */
    g_assert_cmphex(cpu.fpscr, ==, 1u << 6);
    g_assert_cmpint(fegetround(), ==, FE_TONEAREST);
    ppc_fp_set_fpscr(&cpu, 0);
}

static void test_mffs_forms(void)
{
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(3.0);
    cpu.fpr[9] = 3; /* RN for mffscrn: toward -inf */
    /* XE=1 (bit 28), RN=1; an inexact division for status */
    RUN(MTFSFI(7, 0x9), FDIV(3, 1, 2), MFFS_FORM(4, 24, 0) /* mffsl */, MFFS_FORM(5, 22, 9) /* mffscrn */,
        MFFS_FORM(6, 23, 2) /* mffscrni 2 */, MFFS_FORM(7, 1, 0) /* mffsce */, MFFS_FORM(8, 21, 5));
    uint32_t status = PPC_FPSCR_FI | FPRF_PNORM;
    g_assert_cmphex(cpu.fpr[4], ==, status | 0x9); /* FX, XX, FEX hidden */
    g_assert_cmphex(cpu.fpr[5], ==, 0x9);          /* control only, old RN */
    g_assert_cmphex(cpu.fpr[6], ==, 0xb);          /* RN was 3 */
    g_assert_cmphex(cpu.fpr[7], ==, PPC_FPSCR_FX | PPC_FPSCR_FEX | PPC_FPSCR_XX | status | 0xa);
    g_assert_cmphex(cpu.fpr[8], ==, 0x2); /* enables cleared by mffsce */
    g_assert_cmphex(cpu.fp_pad, ==, 5);   /* DRN from mffscdrni */
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | status | 0x2);
    ppc_fp_set_fpscr(&cpu, 0);
}

static void test_record_forms(void)
{
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    RUN(enc_a(63, 18, 3, 1, 2, 0, true)); /* fdiv. f3,f1,f2: 1/0 */
    g_assert_cmpuint(cpu.cr[1], ==, 0x8); /* FX FEX VX OX = 1 0 0 0 */
    cpu_reset();
    RUN(enc_a(63, 18, 3, 1, 2, 0, true)); /* 0/0 */
    g_assert_cmpuint(cpu.cr[1], ==, 0xa);
}

/* ---- loads and stores ------------------------------------------------- */

static void test_load_store(void)
{
    cpu_reset();
    cpu.gpr[3] = 0x100;
    cpu.gpr[4] = 8;
    put_be32(0x100, 0x7f800001); /* signalling NaN single */
    put_be32(0x104, 0x00000001); /* smallest denormal single */
    put_be64(0x108, 0x400921fb54442d18ull);
    put_be32(0x110, 0xc0490fdb); /* -pi single */
    RUN(LFS(1, 3, 0), LFS(2, 3, 4), LFDX(3, 3, 4), LFSU(4, 3, 0x10));
    g_assert_cmphex(cpu.fpr[1], ==, 0x7ff0000020000000ull);
    g_assert_cmphex(cpu.fpr[2], ==, 0x36a0000000000000ull);
    g_assert_cmphex(cpu.fpr[3], ==, 0x400921fb54442d18ull);
    g_assert_cmphex(cpu.fpr[4], ==, d2u((double)-3.14159274101257324f));
    g_assert_cmphex(cpu.gpr[3] & 0xffffffffu, ==, 0x110);
    g_assert_cmphex(cpu.fpscr, ==, 0); /* no exception, even for the SNaN */

    RUN(STFS(1, 0, 0x200), STFS(2, 0, 0x204), STFD(3, 0, 0x208), STFS(4, 0, 0x210), STFIWX(3, 0, 3),
        STFDU(3, 3, 0x110));
    g_assert_cmphex(get_be32(0x200), ==, 0x7f800001);
    g_assert_cmphex(get_be32(0x204), ==, 0x00000001);
    g_assert_cmphex(get_be64(0x208), ==, 0x400921fb54442d18ull);
    g_assert_cmphex(get_be32(0x210), ==, 0xc0490fdb);
    g_assert_cmphex(get_be32(0x110), ==, 0x54442d18);
    g_assert_cmphex(get_be64(0x220), ==, 0x400921fb54442d18ull);
    g_assert_cmphex(cpu.gpr[3] & 0xffffffffu, ==, 0x220);
    g_assert_cmphex(cpu.fpscr, ==, 0);

    /* stfs of a double in the single denormal range truncates (ISA) */
    cpu_reset();
    cpu.fpr[1] = 0x3800000000000000ull | 0x0000000030000000ull; /* 2^-127 * (1 + 3*2^-24) */
    RUN(STFS(1, 0, 0x300));
    g_assert_cmphex(get_be32(0x300), ==, 0x00400000); /* 2^-127 = 0x00400000, the rest dropped */
}

static void test_invalid_forms(void)
{
    IrBlock b;
    cpu_reset();
    uint32_t bad[] = {
        LFSU(1, 0, 4),                /* update form with RA = 0 */
        enc_a(63, 21, 1, 2, 3, 4, 0), /* fadd with FRC != 0 */
        MFFS_FORM(1, 5, 0),           /* undefined mffs variant */
        enc_a(63, 19, 1, 2, 3, 4, 0), /* unassigned A-form XO */
    };
    for (size_t k = 0; k < G_N_ELEMENTS(bad); k++) {
        g_assert_false(build(&b, &bad[k], 0, 1));
        ir_block_free(&b);
    }
}

/* ---- FR and FI, against the host's own results ----------------------- */

/* FR and FI of one double operation in each rounding mode; the oracle is
 * the host computing the same IEEE operation in that mode and toward zero
 * (FR: the magnitude is larger than toward zero's; FI: inexact). */
typedef double HostOp(double, double);
static double host_add(double x, double y) { return x + y; }
static double host_sub(double x, double y) { return x - y; }
static double host_mul(double x, double y) { return x * y; }
static double host_div(double x, double y) { return x / y; }
static double host_sqrt(double x, double y) { (void)x; return sqrt(y); }
static double host_madd(double x, double y) { return fma(x, y, x); }

static void test_fr_fi(void)
{
    static const int host_mode[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
    const struct {
        uint32_t insn;
        HostOp *op;
    } ops[] = {
        {FADD(3, 1, 2), host_add},      {FSUB(3, 1, 2), host_sub},  {FMUL(3, 1, 2), host_mul},
        {FDIV(3, 1, 2), host_div},      {FSQRT(3, 2), host_sqrt},   {FMADD(3, 1, 2, 1), host_madd},
        {XSADDDP(3, 1, 2), host_add},   {XSMULDP(3, 1, 2), host_mul},
    };
    static const double pairs[][2] = {
        {1.0, 3.0}, {0.1, 3.0}, {-0.1, 7.0}, {2.0, 1e-30}, {-1e308, 10.0}, {2.0, 0.5}, {1.0, 10.0}, {-5.0, 0.3},
        {1e-300, 1.3e-20}, {3e-308, 7.0}, {-5e-324, 0.3}, {0.0, 3.0}, {1.5, 1e300}, {1e-310, 2e-310},
    };
    for (unsigned m = 0; m < 4; m++) {
        for (unsigned o = 0; o < G_N_ELEMENTS(ops); o++) {
            for (unsigned p = 0; p < G_N_ELEMENTS(pairs); p++) {
                double x = pairs[p][0], y = pairs[p][1];
                fesetround(FE_TOWARDZERO);
                volatile double rz = ops[o].op(x, y);
                fesetround(host_mode[m]);
                feclearexcept(FE_ALL_EXCEPT);
                volatile double r = ops[o].op(x, y);
                bool fi = fetestexcept(FE_INEXACT) && !isnan(r);
                fesetround(FE_TONEAREST);
                bool fr = fi && fabs(r) > fabs(rz);
                cpu_reset();
                cpu.fpscr = m;
                ppc_fp_set_fpscr(&cpu, m);
                cpu.fpr[1] = d2u(x);
                cpu.fpr[2] = d2u(y);
                RUN(ops[o].insn);
                if (isnan(r))
                    continue;
                g_assert_cmphex(cpu.fpr[3], ==, d2u(r));
                g_assert_cmpint(!!(cpu.fpscr & PPC_FPSCR_FI), ==, fi);
                g_assert_cmpint(!!(cpu.fpscr & PPC_FPSCR_FR), ==, fr);
                g_assert_cmpint(!!(cpu.fpscr & PPC_FPSCR_XX), ==, fi);
            }
        }
    }
    cpu_reset();
}

/* An FPSCR read after an exact operation, with nothing pending, and after
 * an inexact one that a later exact one follows: FI/FR describe the last. */
static void test_fold_last_only(void)
{
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(3.0);
    cpu.fpr[4] = d2u(0.5);
    RUN(FDIV(3, 1, 2), MFFS(5), FADD(6, 4, 4), MFFS(7));
    g_assert_cmphex(cpu.fpr[5] & (PPC_FPSCR_FI | PPC_FPSCR_XX), ==, PPC_FPSCR_FI | PPC_FPSCR_XX);
    g_assert_cmphex(cpu.fpr[7] & 0xffffffffu, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | FPRF_PNORM);
    /* an RN write keeps FR/FI of the instruction before it, computed in
     * the mode it ran in: 1/10 rounds up to nearest (not toward zero) */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(10.0);
    RUN(FDIV(3, 1, 2), MTFSFI(7, 0), MFFS(4), FDIV(5, 1, 2), MTFSFI(7, 1), MFFS(6), MTFSFI(7, 0));
    g_assert_cmphex(cpu.fpr[4] & 0xffffffffu, ==,
                    PPC_FPSCR_FX | PPC_FPSCR_XX | PPC_FPSCR_FR | PPC_FPSCR_FI | FPRF_PNORM);
    g_assert_cmphex(cpu.fpr[6] & 0xffffffffu, ==,
                    PPC_FPSCR_FX | PPC_FPSCR_XX | PPC_FPSCR_FR | PPC_FPSCR_FI | FPRF_PNORM | 1);
    /* mtfsf of everything drops the record: its FPRF is the written one */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(3.0);
    cpu.fpr[8] = 0;
    RUN(FDIV(3, 1, 2), MTFSF(0xff, 8));
    g_assert_cmphex(cpu.fpscr, ==, 0);
}

/* ---- VSX floating point on the same IR ---------------------------------- */

static void test_vsx_scalar(void)
{
    /* xsadddp: status as fadd; doubleword 1 of the target is left alone */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(0x1p-60);
    cpu.vsr_dw1[3] = 0x1234;
    RUN(XSADDDP(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, d2u(1.0));
    g_assert_cmphex(cpu.vsr_dw1[3], ==, 0x1234);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | PPC_FPSCR_FI | FPRF_PNORM);

    /* fma roles: "a" form t = a * b + t, "m" form t = a * t + b */
    cpu_reset();
    cpu.fpr[1] = d2u(2.0);
    cpu.fpr[2] = d2u(3.0);
    cpu.fpr[4] = d2u(0.5);
    cpu.fpr[5] = d2u(0.5);
    cpu.fpr[6] = d2u(0.5);
    RUN(XSMADDADP(4, 1, 2), XSMADDMDP(5, 1, 2), XSNMSUBADP(6, 1, 2));
    g_assert_cmphex(cpu.fpr[4], ==, d2u(6.5));
    g_assert_cmphex(cpu.fpr[5], ==, d2u(4.0));
    g_assert_cmphex(cpu.fpr[6], ==, d2u(-5.5));

    /* NaN order: XA, then the addend, then the multiplicand */
    cpu_reset();
    cpu.fpr[1] = d2u(2.0);
    cpu.fpr[2] = 0x7ff8000000000002ull;
    cpu.fpr[4] = 0x7ff8000000000004ull;
    cpu.fpr[5] = 0x7ff8000000000004ull;
    RUN(XSMADDADP(4, 1, 2), XSMADDMDP(5, 1, 2));
    g_assert_cmphex(cpu.fpr[4], ==, 0x7ff8000000000004ull); /* addend XT */
    g_assert_cmphex(cpu.fpr[5], ==, 0x7ff8000000000002ull); /* addend XB */
    g_assert_cmphex(cpu.fpscr, ==, FPRF_QNAN);

    /* inf - inf: POWER's positive default NaN and VXISI; an SNaN: VXSNAN */
    cpu_reset();
    cpu.fpr[1] = 0x7ff0000000000000ull;
    cpu.fpr[2] = 0xfff0000000000000ull;
    cpu.fpr[7] = 0x7ff0000000000009ull;
    RUN(XSADDDP(3, 1, 2), XSMULDP(8, 7, 1));
    g_assert_cmphex(cpu.fpr[3], ==, 0x7ff8000000000000ull);
    g_assert_cmphex(cpu.fpr[8], ==, 0x7ff8000000000009ull);
    g_assert_cmphex(cpu.fpscr, ==,
                    PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_VXISI | PPC_FPSCR_VXSNAN | FPRF_QNAN);

    /* xsaddsp: one rounding to single from the exact sum */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(0x1p-24 + 0x1p-60);
    RUN(XSADDSP(3, 1, 2), XSSQRTDP(4, 1));
    g_assert_cmphex(cpu.fpr[3], ==, d2u(0x1.000002p+0));
    g_assert_cmphex(cpu.fpr[4], ==, d2u(1.0));

    /* compares as fcmpu/fcmpo */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(2.0);
    cpu.fpr[3] = 0x7ff8000000000000ull;
    RUN(XSCMPUDP(0, 1, 2), XSCMPUDP(2, 2, 1), XSCMPODP(7, 1, 3));
    g_assert_cmpuint(cpu.cr[0], ==, PPC_CR_LT);
    g_assert_cmpuint(cpu.cr[2], ==, PPC_CR_GT);
    g_assert_cmpuint(cpu.cr[7], ==, PPC_CR_SO);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_VXVC | FPRF(0x01));
}

static void test_vsx_vector(void)
{
    /* xvadddp: per doubleword; FPRF, FR and FI stay as they were */
    cpu_reset();
    ppc_fp_set_fpscr(&cpu, FPRF_NNORM);
    cpu.fpr[1] = d2u(1.0);
    cpu.fpr[2] = d2u(2.0);
    cpu.vsr_dw1[1] = 0x7ff0000000000001ull; /* SNaN */
    cpu.vsr_dw1[2] = d2u(1.0);
    RUN(XVADDDP(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, d2u(3.0));
    g_assert_cmphex(cpu.vsr_dw1[3], ==, 0x7ff8000000000001ull);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_VXSNAN | FPRF_NNORM);

    /* xvmulsp: four singles; overflow, inf * 0 (default NaN), a QNaN */
    cpu_reset();
    cpu.fpr[1] = 0x3fc0000071a2d3c5ull;     /* 1.5f, 1e30f */
    cpu.vsr_dw1[1] = 0x000000007fc00001ull; /* 0, QNaN */
    cpu.fpr[2] = 0x4000000071a2d3c5ull;     /* 2f, 1e30f */
    cpu.vsr_dw1[2] = 0x7f8000003f800000ull; /* inf, 1f */
    RUN(XVMULSP(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, 0x404000007f800000ull);
    g_assert_cmphex(cpu.vsr_dw1[3], ==, 0x7fc000007fc00001ull);
    g_assert_cmphex(cpu.fpscr, ==,
                    PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_OX | PPC_FPSCR_XX | PPC_FPSCR_VXIMZ);

    /* xvmaddasp: t = a * b + t per word, one rounding (fmaf is the oracle) */
    cpu_reset();
    float a = 0x1.000002p-24f, c = -0x1.fffffcp-1f, b = 0x1.000002p+0f;
    uint32_t ua, ub, uc, uw;
    float want = fmaf(a, c, b);
    memcpy(&ua, &a, 4);
    memcpy(&ub, &b, 4);
    memcpy(&uc, &c, 4);
    memcpy(&uw, &want, 4);
    cpu.fpr[1] = (uint64_t)ua << 32 | ua;
    cpu.fpr[2] = (uint64_t)uc << 32 | uc;
    cpu.fpr[3] = (uint64_t)ub << 32 | ub;
    RUN(XVMADDASP(3, 1, 2));
    g_assert_cmphex(cpu.fpr[3], ==, (uint64_t)uw << 32 | uw);
}

static void test_vsx_convert_sign(void)
{
    float third = 1.0f / 3.0f;
    uint32_t w;
    memcpy(&w, &third, 4);
    /* xscvdpsp: rounded, status and FPRF as a single; xsrsp: as a double;
     * xscvdpspn: the same value without status */
    cpu_reset();
    cpu.fpr[1] = d2u(1.0 / 3.0);
    RUN(XSCVDPSP(2, 1), XSRSP(3, 1));
    g_assert_cmphex(cpu.fpr[2], ==, (uint64_t)w << 32 | w);
    g_assert_cmphex(cpu.fpr[3], ==, d2u((double)third));
    /* (float)(1/3) = 0x3eaaaaab lies above 1/3: rounded up */
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_XX | PPC_FPSCR_FR | PPC_FPSCR_FI | FPRF_PNORM);
    cpu_reset();
    cpu.fpr[1] = d2u(1.0 / 3.0);
    cpu.fpr[4] = d2u(0.5);
    RUN(XSCVDPSPN(2, 1), XSCVDPSPN(5, 4));
    g_assert_cmphex(cpu.fpr[2], ==, (uint64_t)w << 32 | w);
    g_assert_cmphex(cpu.fpr[5], ==, 0x3f0000003f000000ull);
    g_assert_cmphex(cpu.fpscr, ==, 0);

    /* xscvspdp: a single denormal is a normal double (FPRF of the double);
     * an SNaN is quieted with VXSNAN; xscvspdpn keeps it signalling */
    cpu_reset();
    cpu.fpr[1] = 0x00000001ull << 32;
    cpu.fpr[2] = 0x7f800001ull << 32;
    RUN(XSCVSPDP(3, 1));
    g_assert_cmphex(cpu.fpr[3], ==, d2u(0x1p-149));
    g_assert_cmphex(cpu.fpscr, ==, FPRF_PNORM);
    RUN(XSCVSPDPN(4, 2), XSCVSPDP(5, 2));
    g_assert_cmphex(cpu.fpr[4], ==, 0x7ff0000020000000ull);
    g_assert_cmphex(cpu.fpr[5], ==, 0x7ff8000020000000ull);
    g_assert_cmphex(cpu.fpscr, ==, PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_VXSNAN | FPRF_QNAN);

    /* integer conversions: 2^53 + 1 rounds (to even: down); toward zero
     * into a word, zero-extended; out of range saturates with VXCVI */
    cpu_reset();
    cpu.fpr[1] = (1ull << 53) + 1;
    cpu.fpr[2] = d2u(-2.5);
    cpu.fpr[3] = d2u(3e9);
    cpu.fpr[4] = d2u(-1.0);
    cpu.vsr_dw1[5] = 77;
    RUN(XSCVDPSXWS(6, 2), XSCVDPSXWS(7, 3), XSCVDPUXDS(8, 4), XSCVSXDDP(5, 1));
    g_assert_cmphex(cpu.fpr[5], ==, d2u(0x1p53));
    g_assert_cmphex(cpu.vsr_dw1[5], ==, 77);
    g_assert_cmphex(cpu.fpr[6], ==, 0x00000000fffffffeull);
    g_assert_cmphex(cpu.fpr[7], ==, 0x000000007fffffffull);
    g_assert_cmphex(cpu.fpr[8], ==, 0);
    g_assert_cmphex(cpu.fpscr, ==,
                    PPC_FPSCR_FX | PPC_FPSCR_VX | PPC_FPSCR_XX | PPC_FPSCR_VXCVI | PPC_FPSCR_FI | FPRF_PNORM);

    /* sign operations never touch status or quiet a NaN */
    cpu_reset();
    cpu.fpr[1] = 0x7ff0000000000001ull;
    cpu.fpr[2] = d2u(-2.0);
    cpu.fpr[6] = 0x3f800000bf800000ull; /* 1f, -1f */
    cpu.vsr_dw1[6] = 0x7f80000100000000ull;
    RUN(XSNEGDP(3, 1), XSCPSGNDP(4, 2, 1), XVNEGSP(7, 6));
    g_assert_cmphex(cpu.fpr[3], ==, 0xfff0000000000001ull);
    g_assert_cmphex(cpu.fpr[4], ==, 0xfff0000000000001ull);
    g_assert_cmphex(cpu.fpr[7], ==, 0xbf8000003f800000ull);
    g_assert_cmphex(cpu.vsr_dw1[7], ==, 0xff80000180000000ull);
    g_assert_cmphex(cpu.fpscr, ==, 0);
}

/* ---- the fold itself ------------------------------------------------ */

static void test_fprf_classes(void)
{
    g_assert_cmphex(ppc_fp_fprf(0x7ff8000000000000ull, false), ==, FPRF(0x11));
    g_assert_cmphex(ppc_fp_fprf(0xfff0000000000000ull, false), ==, FPRF(0x09));
    g_assert_cmphex(ppc_fp_fprf(0xbff0000000000000ull, false), ==, FPRF(0x08));
    g_assert_cmphex(ppc_fp_fprf(0x8000000000000001ull, false), ==, FPRF(0x18));
    g_assert_cmphex(ppc_fp_fprf(0x8000000000000000ull, false), ==, FPRF(0x12));
    g_assert_cmphex(ppc_fp_fprf(0x0000000000000000ull, false), ==, FPRF(0x02));
    g_assert_cmphex(ppc_fp_fprf(0x36a0000000000000ull, true), ==, FPRF(0x14)); /* single denormal */
    g_assert_cmphex(ppc_fp_fprf(0x36a0000000000000ull, false), ==, FPRF(0x04));
    g_assert_cmphex(ppc_fp_fprf(0x7ff0000000000000ull, false), ==, FPRF(0x05));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    mem = g_malloc0(MEM_SIZE);
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++)
        backends[i].state = backends[i].backend->open(0);
    g_test_add_func("/ppc-fp/arith", test_add_sub_mul_div);
    g_test_add_func("/ppc-fp/exceptions", test_exceptions);
    g_test_add_func("/ppc-fp/single-rounding", test_single_rounding);
    g_test_add_func("/ppc-fp/fma-family", test_fma_family);
    g_test_add_func("/ppc-fp/estimates", test_estimates);
    g_test_add_func("/ppc-fp/moves", test_moves);
    g_test_add_func("/ppc-fp/fsel", test_fsel);
    g_test_add_func("/ppc-fp/fctiw", test_fctiw);
    g_test_add_func("/ppc-fp/fctid-fcfid", test_fctid_fcfid);
    g_test_add_func("/ppc-fp/unsigned-conversions", test_unsigned_conversions);
    g_test_add_func("/ppc-fp/compares", test_compares);
    g_test_add_func("/ppc-fp/rounding-modes", test_rounding_modes);
    g_test_add_func("/ppc-fp/mtfsf-mffs", test_mtfsf_mffs);
    g_test_add_func("/ppc-fp/mffs-forms", test_mffs_forms);
    g_test_add_func("/ppc-fp/record-forms", test_record_forms);
    g_test_add_func("/ppc-fp/load-store", test_load_store);
    g_test_add_func("/ppc-fp/invalid-forms", test_invalid_forms);
    g_test_add_func("/ppc-fp/fprf-classes", test_fprf_classes);
    g_test_add_func("/ppc-fp/fr-fi", test_fr_fi);
    g_test_add_func("/ppc-fp/fold-last-only", test_fold_last_only);
    g_test_add_func("/ppc-fp/vsx-scalar", test_vsx_scalar);
    g_test_add_func("/ppc-fp/vsx-vector", test_vsx_vector);
    g_test_add_func("/ppc-fp/vsx-convert-sign", test_vsx_convert_sign);
    int rc = g_test_run();
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++)
        backends[i].backend->close(backends[i].state);
    return rc;
}
