/* tests/unit/test_x86_sse.c — the x86 SSE..SSE4.2 and MMX instructions
 * against the host CPU: each instruction's bytes run once natively (this
 * x86-64 host, through a small register-loading trampoline) and once
 * through morph's x86 frontend on the JIT and on the interpreter, in
 * 64-bit code and (instructions without REX) in 32-bit code, from the
 * same random registers (xmm, mm, general, flags, MXCSR rounding and
 * FTZ/DAZ) and memory; every xmm and mm register, the general registers,
 * the status flags, MXCSR (DE on the JIT only) and the memory operand
 * must come out equal.
 * Inputs mix random bits with the values where instructions differ:
 * zeros, infinities, quiet and signalling NaNs, denormals, integer and
 * saturation boundaries. Plus the contract points the host cannot show in
 * one run: 16-byte alignment faults (EXIT_PRIV at the instruction), the
 * MMX register aliasing (tags, TOP, exponent word) and emms, and #XM
 * for an exception MXCSR unmasks.
 */
#include <glib.h>

#if defined(__x86_64__)

#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "frontend/guest.h"
#include "frontend/x86/cpu.h"
#include "frontend/x86/decode.h"
#include "util/host_fp.h"

/* ---- the native side -------------------------------------------------------- */

/* Registers handed to and taken back from the trampoline. */
typedef struct NativeRegs {
    uint64_t xmm[16][2]; /*   0 */
    uint64_t mm[8];      /* 256 */
    uint64_t gpr[16];    /* 320: rax .. r15 (rsp unused) */
    uint64_t rflags;     /* 448 */
    uint32_t mxcsr;      /* 456 */
    uint32_t pad;
} NativeRegs;

_Static_assert(offsetof(NativeRegs, mm) == 256 && offsetof(NativeRegs, gpr) == 320 &&
                   offsetof(NativeRegs, rflags) == 448 && offsetof(NativeRegs, mxcsr) == 456,
               "the trampoline's offsets");

/* native_run(regs, code): load every register from regs, call code (the
 * instruction then ret), store them back; the host's MXCSR is kept. */
void sse_test_native_run(NativeRegs *regs, const void *code);
__asm__(".text\n"
        ".globl sse_test_native_run\n"
        "sse_test_native_run:\n"
        "  push %rbp\n push %rbx\n push %r12\n push %r13\n push %r14\n push %r15\n"
        "  sub $24, %rsp\n"
        "  mov %rdi, (%rsp)\n"
        "  mov %rsi, 8(%rsp)\n"
        "  stmxcsr 16(%rsp)\n"
        "  movdqu 0(%rdi), %xmm0\n  movdqu 16(%rdi), %xmm1\n  movdqu 32(%rdi), %xmm2\n"
        "  movdqu 48(%rdi), %xmm3\n  movdqu 64(%rdi), %xmm4\n  movdqu 80(%rdi), %xmm5\n"
        "  movdqu 96(%rdi), %xmm6\n  movdqu 112(%rdi), %xmm7\n  movdqu 128(%rdi), %xmm8\n"
        "  movdqu 144(%rdi), %xmm9\n  movdqu 160(%rdi), %xmm10\n  movdqu 176(%rdi), %xmm11\n"
        "  movdqu 192(%rdi), %xmm12\n  movdqu 208(%rdi), %xmm13\n  movdqu 224(%rdi), %xmm14\n"
        "  movdqu 240(%rdi), %xmm15\n"
        "  movq 256(%rdi), %mm0\n movq 264(%rdi), %mm1\n movq 272(%rdi), %mm2\n movq 280(%rdi), %mm3\n"
        "  movq 288(%rdi), %mm4\n movq 296(%rdi), %mm5\n movq 304(%rdi), %mm6\n movq 312(%rdi), %mm7\n"
        "  ldmxcsr 456(%rdi)\n"
        "  pushq 448(%rdi)\n popfq\n"
        "  mov 320(%rdi), %rax\n mov 328(%rdi), %rcx\n mov 336(%rdi), %rdx\n mov 344(%rdi), %rbx\n"
        "  mov 360(%rdi), %rbp\n mov 368(%rdi), %rsi\n"
        "  mov 384(%rdi), %r8\n mov 392(%rdi), %r9\n mov 400(%rdi), %r10\n mov 408(%rdi), %r11\n"
        "  mov 416(%rdi), %r12\n mov 424(%rdi), %r13\n mov 432(%rdi), %r14\n mov 440(%rdi), %r15\n"
        "  mov 376(%rdi), %rdi\n"
        "  call *8(%rsp)\n"
        "  push %rdi\n"
        "  mov 8(%rsp), %rdi\n"
        "  mov %rax, 320(%rdi)\n mov %rcx, 328(%rdi)\n mov %rdx, 336(%rdi)\n mov %rbx, 344(%rdi)\n"
        "  mov %rbp, 360(%rdi)\n mov %rsi, 368(%rdi)\n"
        "  mov %r8, 384(%rdi)\n mov %r9, 392(%rdi)\n mov %r10, 400(%rdi)\n mov %r11, 408(%rdi)\n"
        "  mov %r12, 416(%rdi)\n mov %r13, 424(%rdi)\n mov %r14, 432(%rdi)\n mov %r15, 440(%rdi)\n"
        "  pop %rax\n mov %rax, 376(%rdi)\n"
        "  pushfq\n pop %rax\n mov %rax, 448(%rdi)\n"
        "  stmxcsr 456(%rdi)\n"
        "  ldmxcsr 16(%rsp)\n"
        "  movdqu %xmm0, 0(%rdi)\n  movdqu %xmm1, 16(%rdi)\n  movdqu %xmm2, 32(%rdi)\n"
        "  movdqu %xmm3, 48(%rdi)\n  movdqu %xmm4, 64(%rdi)\n  movdqu %xmm5, 80(%rdi)\n"
        "  movdqu %xmm6, 96(%rdi)\n  movdqu %xmm7, 112(%rdi)\n  movdqu %xmm8, 128(%rdi)\n"
        "  movdqu %xmm9, 144(%rdi)\n  movdqu %xmm10, 160(%rdi)\n  movdqu %xmm11, 176(%rdi)\n"
        "  movdqu %xmm12, 192(%rdi)\n  movdqu %xmm13, 208(%rdi)\n  movdqu %xmm14, 224(%rdi)\n"
        "  movdqu %xmm15, 240(%rdi)\n"
        "  movq %mm0, 256(%rdi)\n movq %mm1, 264(%rdi)\n movq %mm2, 272(%rdi)\n movq %mm3, 280(%rdi)\n"
        "  movq %mm4, 288(%rdi)\n movq %mm5, 296(%rdi)\n movq %mm6, 304(%rdi)\n movq %mm7, 312(%rdi)\n"
        "  emms\n"
        "  add $24, %rsp\n"
        "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbx\n pop %rbp\n"
        "  ret\n");

static uint8_t *native_code; /* an executable page */
enum { DATA_BYTES = 64 };
static _Alignas(64) uint8_t native_data[DATA_BYTES + 64];

/* ---- the guest side ------------------------------------------------------------- */

enum { CODE = 0x1000, DATA = 0x8000, MEM_SIZE = 0x10000 };

static void test_cpu_init(CpuCommon *c)
{
    X86Cpu *cpu = (X86Cpu *)c;
    cpu->eflags = 2;
    cpu->mxcsr = 0x1f80;
    cpu->fpuc = 0x37f;
    cpu->common.tb_flags = X86_TBF_LONG;
}

static bool test_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    if (addr + len > MEM_SIZE)
        return false;
    memcpy(buf, cpu->guest_base + addr, len);
    return true;
}

/* A GuestArch of our own, so the test needs only the frontend itself. */
static const GuestArch test_x86_64 = {
    .name = "x86_64-sse-test",
    .elf_machine = 62,
    .elf_class = 2,
    .cpu_size = sizeof(X86Cpu),
    .cpu_init = test_cpu_init,
    .translate = x86_translate,
};

typedef struct Machine {
    const Backend *backend;
    X86Cpu *cpu;
    uint8_t *mem;
    Engine *engine;
} Machine;

static void machine_init(Machine *m, const Backend *backend, bool i386)
{
    m->backend = backend;
    m->mem = g_malloc0(MEM_SIZE + 4096);
    m->cpu = g_malloc0(sizeof(X86Cpu));
    test_x86_64.cpu_init(&m->cpu->common);
    if (i386)
        m->cpu->common.tb_flags = X86_TBF_CS32;
    m->cpu->common.arch = &test_x86_64;
    m->cpu->common.guest_base = m->mem;
    EngineOptions opt = {.backend = backend, .optimize = true, .fetch = test_fetch};
    m->engine = engine_new(&test_x86_64, &opt);
    engine_attach_cpu(m->engine, &m->cpu->common);
}

static void machine_free(Machine *m)
{
    engine_free(m->engine);
    g_free(m->cpu);
    g_free(m->mem);
}

/* ---- random inputs ---------------------------------------------------------------- */

static const uint32_t special32[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001,
    0x7f800001, 0xff900000, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0x4f000000, 0xcf000000,
    0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x4b000001, 0x7fffffff, 0x00007fff, 0xffff8000,
    0x0000ff80, 0x00000080, 0x00008000, 0xffffffff, 0x00010000, 0x4effffff,
};

static const uint64_t special64[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000001,
    0x7ff0000000000001, 0xfff4000000000000, 0x0000000000000001, 0x800fffffffffffff,
    0x0010000000000000, 0x7fefffffffffffff, 0x41e0000000000000, 0xc1e0000000000000,
    0x43e0000000000000, 0xc3e0000000000000, 0x3fe0000000000000, 0x4004000000000000,
    0x41dfffffffc00000, 0x36a0000000000000, 0x47efffffe0000000, 0x3810000000000000,
    0x7fffffffffffffff, 0xffffffffffffffff,
};

static GRand *rng;

static uint32_t small_float_bits(void)
{
    float f = (float)g_rand_int_range(rng, -64, 65) / (float)g_rand_int_range(rng, 1, 9);
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint64_t small_double_bits(void)
{
    double d = (double)g_rand_int_range(rng, -64, 65) / (double)g_rand_int_range(rng, 1, 9);
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

/* 64 bits for one register half or memory word. */
static uint64_t random_half(void)
{
    switch (g_rand_int_range(rng, 0, 7)) {
    case 6: /* shift counts, lengths, lane numbers */
        return (uint64_t)g_rand_int_range(rng, 0, 70);
    case 0:
        return (uint64_t)g_rand_int(rng) << 32 | g_rand_int(rng);
    case 1:
        return special64[g_rand_int_range(rng, 0, G_N_ELEMENTS(special64))];
    case 2:
        return small_double_bits();
    case 3:
        return (uint64_t)special32[g_rand_int_range(rng, 0, G_N_ELEMENTS(special32))] << 32 |
               special32[g_rand_int_range(rng, 0, G_N_ELEMENTS(special32))];
    case 4:
        return (uint64_t)small_float_bits() << 32 | small_float_bits();
    default: { /* small bytes and words: string data, equal elements, zero bytes */
        uint64_t v = 0;
        for (int k = 0; k < 8; k++)
            v |= (uint64_t)(uint8_t)"\0aAb0\x7f\x80\xff"[g_rand_int_range(rng, 0, 8)] << (8 * k);
        return v;
    }
    }
}

/* ---- one instruction, both ways ---------------------------------------------------- */

typedef struct Case {
    const char *name;
    const char *bytes; /* hex bytes; "/r" the ModRM byte; "ib" a random imm8 */
    unsigned kind;     /* CASE_* */
} Case;

enum {
    CASE_REG = 1 << 0,     /* run with ModRM xmm1/mm1, xmm2/mm2 (C=0xca) */
    CASE_MEM = 1 << 1,     /* run with ModRM reg 1, [rbx] (0x0b) */
    CASE_BOTH = CASE_REG | CASE_MEM,
};

static size_t assemble(const char *spec, uint8_t modrm, uint8_t imm, uint8_t *out)
{
    size_t n = 0;
    for (const char *p = spec; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (p[0] == '/' && p[1] == 'r')
            out[n++] = modrm;
        else if (p[0] == 'i' && p[1] == 'b')
            out[n++] = imm;
        else
            out[n++] = (uint8_t)strtoul((char[3]){p[0], p[1], 0}, NULL, 16);
        p += 2;
    }
    return n;
}

static void random_regs(NativeRegs *r)
{
    memset(r, 0, sizeof(*r));
    for (int i = 0; i < 16; i++) {
        r->xmm[i][0] = random_half();
        r->xmm[i][1] = random_half();
        r->gpr[i] = g_rand_boolean(rng) ? random_half() : (uint64_t)g_rand_int_range(rng, -20, 20);
    }
    for (int i = 0; i < 8; i++)
        r->mm[i] = random_half();
    r->rflags = 2 | (g_rand_int(rng) & X86_STATUS_FLAGS);
    unsigned rc = (unsigned)g_rand_int_range(rng, 0, 4);
    r->mxcsr = 0x1f80 | rc << 13;
    if (g_rand_int_range(rng, 0, 8) == 0)
        r->mxcsr |= 0x8040; /* FTZ and DAZ */
}

static const Backend *backends[2];

/* Load the guest from regs and data, run code, compare with `want`. */
static void run_guest(Machine *m, const uint8_t *code, size_t len, const NativeRegs *in, const uint8_t *data,
                      const NativeRegs *want, const uint8_t *want_data, const char *what)
{
    bool backend_is_interp = m->backend == &backend_interp;
    X86Cpu *cpu = m->cpu;
    memcpy(m->mem + CODE, code, len);
    m->mem[CODE + len] = 0x0f; /* ud2: back to the test */
    m->mem[CODE + len + 1] = 0x0b;
    engine_flush(m->engine);
    memcpy(cpu->xmm, in->xmm, sizeof(cpu->xmm));
    for (int i = 0; i < 8; i++) {
        memset(&cpu->st_phys[i], 0, sizeof(cpu->st_phys[i]));
        memcpy(&cpu->st_phys[i], &in->mm[i], 8);
    }
    memcpy(cpu->regs, in->gpr, sizeof(cpu->regs));
    cpu->regs[X86_RBX] = DATA;
    cpu->regs[X86_RDI] = DATA + 16;
    x86_put_eflags(cpu, (uint32_t)in->rflags, X86_STATUS_FLAGS);
    memcpy(m->mem + DATA, data, DATA_BYTES);
    x86_set_mxcsr(cpu, in->mxcsr);
    cpu->common.pc = CODE;
    ExitReason why = cpu_exec(&cpu->common);
    uint32_t mxcsr = x86_get_mxcsr(cpu);
    x86_set_mxcsr(cpu, 0x1f80); /* the host back to its default */

    if (why != EXIT_ILLEGAL || cpu->common.pc != CODE + len)
        g_error("%s: exit %d at pc 0x%" G_GINT64_MODIFIER "x", what, why, cpu->common.pc);
    for (int i = 0; i < 16; i++) {
        if (cpu->xmm[i][0] != want->xmm[i][0] || cpu->xmm[i][1] != want->xmm[i][1])
            g_error("%s: xmm%d = %016" G_GINT64_MODIFIER "x_%016" G_GINT64_MODIFIER "x, host %016" G_GINT64_MODIFIER
                    "x_%016" G_GINT64_MODIFIER "x (in xmm1 %016" G_GINT64_MODIFIER "x_%016" G_GINT64_MODIFIER
                    "x xmm2 %016" G_GINT64_MODIFIER "x_%016" G_GINT64_MODIFIER "x mxcsr %x)",
                    what, i, cpu->xmm[i][1], cpu->xmm[i][0], want->xmm[i][1], want->xmm[i][0], in->xmm[1][1],
                    in->xmm[1][0], in->xmm[2][1], in->xmm[2][0], in->mxcsr);
    }
    for (int i = 0; i < 8; i++) {
        uint64_t mm;
        memcpy(&mm, &cpu->st_phys[i], 8);
        if (mm != want->mm[i])
            g_error("%s: mm%d = %016" G_GINT64_MODIFIER "x, host %016" G_GINT64_MODIFIER "x", what, i, mm,
                    want->mm[i]);
    }
    /* i386: the low halves (32-bit writes leave the stored high half) */
    uint64_t width = cpu->common.tb_flags & X86_TBF_LONG ? UINT64_MAX : 0xffffffffu;
    for (int i = 0; i < 16; i++) {
        if (i == X86_RSP || i == X86_RBX || i == X86_RDI)
            continue;
        if (((cpu->regs[i] ^ want->gpr[i]) & width) != 0)
            g_error("%s: gpr %d = %" G_GINT64_MODIFIER "x, host %" G_GINT64_MODIFIER "x", what, i, cpu->regs[i],
                    want->gpr[i]);
    }
    uint32_t flags = x86_get_eflags(cpu) & X86_STATUS_FLAGS;
    if (flags != (want->rflags & X86_STATUS_FLAGS))
        g_error("%s: flags %x, host %x", what, flags, (unsigned)(want->rflags & X86_STATUS_FLAGS));
    /* DE (denormal operand): the interpreter's C may raise it where the
     * guest would not (sse_ctl.c); the JIT must match */
    uint32_t ignore = backend_is_interp ? 0x2u : 0;
    if ((mxcsr ^ want->mxcsr) & ~ignore)
        g_error("%s: mxcsr %x, host %x (in %x)", what, mxcsr, want->mxcsr, in->mxcsr);
    if (memcmp(m->mem + DATA, want_data, DATA_BYTES) != 0)
        g_error("%s: memory differs", what);
}

enum { ROUNDS = 48 };

/* Without a REX prefix an instruction means the same in 32-bit code; it
 * runs there too (xmm0..7 and eax..edi), against the same native run. */
static bool has_rex(const Case *c)
{
    return strstr(c->bytes, "48 ") != NULL;
}

enum { NMACHINES = 4 }; /* JIT and interpreter, in 64-bit and in 32-bit code */

static void run_case(const Case *c)
{
    Machine machines[NMACHINES];
    unsigned nmachines = has_rex(c) ? 2 : NMACHINES;
    for (unsigned k = 0; k < nmachines; k++)
        machine_init(&machines[k], backends[k % 2], k >= 2);
    for (int form = 0; form < 2; form++) {
        if (!(c->kind & (form ? CASE_MEM : CASE_REG)))
            continue;
        for (int round = 0; round < ROUNDS; round++) {
            uint8_t code[16];
            size_t len = assemble(c->bytes, form ? 0x0b : 0xca, (uint8_t)g_rand_int(rng), code);
            NativeRegs in, out;
            random_regs(&in);
            uint8_t data[DATA_BYTES];
            for (int k = 0; k < DATA_BYTES; k += 8) {
                uint64_t v = random_half();
                memcpy(data + k, &v, 8);
            }
            /* native */
            memcpy(native_code, code, len);
            native_code[len] = 0xc3;
            memcpy(native_data, data, DATA_BYTES);
            out = in;
            out.gpr[X86_RBX] = (uint64_t)(uintptr_t)native_data;
            out.gpr[X86_RDI] = (uint64_t)(uintptr_t)native_data + 16;
            sse_test_native_run(&out, native_code);
            /* guest, on each backend */
            for (unsigned k = 0; k < nmachines; k++) {
                /* DAZ: the interpreter's C compares (fmin/fmax) see the
                 * denormal's own bits, where minss returns it flushed. */
                if ((in.mxcsr & 0x40) && backends[k % 2] == &backend_interp)
                    continue;
                char what[128];
                g_snprintf(what, sizeof(what), "%s (%s, %s, %s, round %d)", c->name, form ? "mem" : "reg",
                           backends[k % 2]->name, k >= 2 ? "i386" : "x86-64", round);
                run_guest(&machines[k], code, len, &in, data, &out, native_data, what);
            }
        }
    }
    for (unsigned k = 0; k < nmachines; k++)
        machine_free(&machines[k]);
}

/* ---- the instructions ---------------------------------------------------------------- */

static const Case cases[] = {
    /* moves */
    {"movups", "0f 10 /r", CASE_BOTH},      {"movupd", "66 0f 10 /r", CASE_BOTH},
    {"movss", "f3 0f 10 /r", CASE_BOTH},    {"movsd", "f2 0f 10 /r", CASE_BOTH},
    {"movups st", "0f 11 /r", CASE_BOTH},   {"movss st", "f3 0f 11 /r", CASE_BOTH},
    {"movsd st", "f2 0f 11 /r", CASE_BOTH}, {"movlps", "0f 12 /r", CASE_BOTH},
    {"movlpd", "66 0f 12 /r", CASE_MEM},    {"movddup", "f2 0f 12 /r", CASE_BOTH},
    {"movsldup", "f3 0f 12 /r", CASE_BOTH}, {"movlps st", "0f 13 /r", CASE_MEM},
    {"movhps", "0f 16 /r", CASE_BOTH},      {"movhpd", "66 0f 16 /r", CASE_MEM},
    {"movshdup", "f3 0f 16 /r", CASE_BOTH}, {"movhps st", "0f 17 /r", CASE_MEM},
    {"movaps", "0f 28 /r", CASE_BOTH},      {"movapd", "66 0f 28 /r", CASE_BOTH},      {"movapd st", "66 0f 29 /r", CASE_BOTH},
    {"movntps", "0f 2b /r", CASE_MEM},      {"movd xmm", "66 0f 6e /r", CASE_BOTH},
    {"movq xmm,r64", "66 48 0f 6e /r", CASE_BOTH}, {"movd mm", "0f 6e /r", CASE_BOTH},
    {"movq mm,r64", "48 0f 6e /r", CASE_BOTH},     {"movd r,xmm", "66 0f 7e /r", CASE_BOTH},
    {"movq r64,xmm", "66 48 0f 7e /r", CASE_BOTH}, {"movd r,mm", "0f 7e /r", CASE_BOTH},
    {"movq xmm,xmm/m64", "f3 0f 7e /r", CASE_BOTH}, {"movq xmm/m64,xmm", "66 0f d6 /r", CASE_BOTH},
    {"movq mm", "0f 6f /r", CASE_BOTH},     {"movq mm st", "0f 7f /r", CASE_BOTH},
    {"movdqa", "66 0f 6f /r", CASE_BOTH},   {"movdqu", "f3 0f 6f /r", CASE_BOTH},
    {"movdqa st", "66 0f 7f /r", CASE_BOTH}, {"movdqu st", "f3 0f 7f /r", CASE_BOTH},
    {"movq2dq", "f3 0f d6 /r", CASE_REG},   {"movdq2q", "f2 0f d6 /r", CASE_REG},
    {"movnti", "0f c3 /r", CASE_MEM},       {"movnti64", "48 0f c3 /r", CASE_MEM},
    {"lddqu", "f2 0f f0 /r", CASE_MEM},     {"movntdqa", "66 0f 38 2a /r", CASE_MEM},
    {"movntdq", "66 0f e7 /r", CASE_MEM},   {"movntq", "0f e7 /r", CASE_MEM},
    {"maskmovdqu", "66 0f f7 /r", CASE_REG}, {"maskmovq", "0f f7 /r", CASE_REG},
    {"movmskps", "0f 50 /r", CASE_REG},     {"movmskpd", "66 0f 50 /r", CASE_REG},
    {"pmovmskb", "66 0f d7 /r", CASE_REG},  {"pmovmskb mm", "0f d7 /r", CASE_REG},
    /* float arithmetic */
    {"addps", "0f 58 /r", CASE_BOTH},  {"addpd", "66 0f 58 /r", CASE_BOTH},
    {"addss", "f3 0f 58 /r", CASE_BOTH}, {"addsd", "f2 0f 58 /r", CASE_BOTH},
    {"mulps", "0f 59 /r", CASE_BOTH},  {"mulsd", "f2 0f 59 /r", CASE_BOTH},
    {"subps", "0f 5c /r", CASE_BOTH},  {"subsd", "f2 0f 5c /r", CASE_BOTH},
    {"minps", "0f 5d /r", CASE_BOTH},  {"minsd", "f2 0f 5d /r", CASE_BOTH},
    {"divps", "0f 5e /r", CASE_BOTH},  {"divpd", "66 0f 5e /r", CASE_BOTH},
    {"maxss", "f3 0f 5f /r", CASE_BOTH}, {"maxpd", "66 0f 5f /r", CASE_BOTH},
    {"sqrtps", "0f 51 /r", CASE_BOTH}, {"sqrtsd", "f2 0f 51 /r", CASE_BOTH},
    {"sqrtss", "f3 0f 51 /r", CASE_BOTH},
    {"rcpps", "0f 53 /r", CASE_BOTH},  {"rcpss", "f3 0f 53 /r", CASE_BOTH},
    {"rsqrtps", "0f 52 /r", CASE_BOTH}, {"rsqrtss", "f3 0f 52 /r", CASE_BOTH},
    {"andps", "0f 54 /r", CASE_BOTH},  {"andnpd", "66 0f 55 /r", CASE_BOTH},
    {"orps", "0f 56 /r", CASE_BOTH},   {"xorpd", "66 0f 57 /r", CASE_BOTH},
    {"pand", "66 0f db /r", CASE_BOTH}, {"pandn mm", "0f df /r", CASE_BOTH},
    {"por", "66 0f eb /r", CASE_BOTH},  {"pxor mm", "0f ef /r", CASE_BOTH},
    {"cmpps", "0f c2 /r ib", CASE_BOTH}, {"cmppd", "66 0f c2 /r ib", CASE_BOTH},
    {"cmpss", "f3 0f c2 /r ib", CASE_BOTH}, {"cmpsd", "f2 0f c2 /r ib", CASE_BOTH},
    {"ucomiss", "0f 2e /r", CASE_BOTH}, {"ucomisd", "66 0f 2e /r", CASE_BOTH},
    {"comiss", "0f 2f /r", CASE_BOTH}, {"comisd", "66 0f 2f /r", CASE_BOTH},
    {"haddps", "f2 0f 7c /r", CASE_BOTH}, {"haddpd", "66 0f 7c /r", CASE_BOTH},
    {"hsubps", "f2 0f 7d /r", CASE_BOTH}, {"hsubpd", "66 0f 7d /r", CASE_BOTH},
    {"addsubps", "f2 0f d0 /r", CASE_BOTH}, {"addsubpd", "66 0f d0 /r", CASE_BOTH},
    {"dpps", "66 0f 3a 40 /r ib", CASE_BOTH}, {"dppd", "66 0f 3a 41 /r ib", CASE_BOTH},
    {"roundps", "66 0f 3a 08 /r ib", CASE_BOTH}, {"roundpd", "66 0f 3a 09 /r ib", CASE_BOTH},
    {"roundss", "66 0f 3a 0a /r ib", CASE_BOTH}, {"roundsd", "66 0f 3a 0b /r ib", CASE_BOTH},
    /* conversions */
    {"cvtsi2ss", "f3 0f 2a /r", CASE_BOTH}, {"cvtsi2sd q", "f2 48 0f 2a /r", CASE_BOTH},
    {"cvtsi2ss q", "f3 48 0f 2a /r", CASE_BOTH}, {"cvtsi2sd", "f2 0f 2a /r", CASE_BOTH},
    {"cvttss2si", "f3 0f 2c /r", CASE_BOTH}, {"cvtss2si q", "f3 48 0f 2d /r", CASE_BOTH},
    {"cvttsd2si q", "f2 48 0f 2c /r", CASE_BOTH}, {"cvtsd2si", "f2 0f 2d /r", CASE_BOTH},
    {"cvtpi2ps", "0f 2a /r", CASE_BOTH}, {"cvtpi2pd", "66 0f 2a /r", CASE_BOTH},
    {"cvttps2pi", "0f 2c /r", CASE_BOTH}, {"cvtpd2pi", "66 0f 2d /r", CASE_BOTH},
    {"cvtps2pi", "0f 2d /r", CASE_BOTH}, {"cvttpd2pi", "66 0f 2c /r", CASE_BOTH},
    {"cvtps2pd", "0f 5a /r", CASE_BOTH}, {"cvtpd2ps", "66 0f 5a /r", CASE_BOTH},
    {"cvtss2sd", "f3 0f 5a /r", CASE_BOTH}, {"cvtsd2ss", "f2 0f 5a /r", CASE_BOTH},
    {"cvtdq2ps", "0f 5b /r", CASE_BOTH}, {"cvtps2dq", "66 0f 5b /r", CASE_BOTH},
    {"cvttps2dq", "f3 0f 5b /r", CASE_BOTH}, {"cvttpd2dq", "66 0f e6 /r", CASE_BOTH},
    {"cvtdq2pd", "f3 0f e6 /r", CASE_BOTH}, {"cvtpd2dq", "f2 0f e6 /r", CASE_BOTH},
    /* integer SIMD, xmm and mm */
    {"paddb", "66 0f fc /r", CASE_BOTH}, {"paddw mm", "0f fd /r", CASE_BOTH},
    {"paddd", "66 0f fe /r", CASE_BOTH}, {"paddq", "66 0f d4 /r", CASE_BOTH},
    {"psubb mm", "0f f8 /r", CASE_BOTH}, {"psubq", "66 0f fb /r", CASE_BOTH},
    {"paddsb", "66 0f ec /r", CASE_BOTH}, {"paddsw mm", "0f ed /r", CASE_BOTH},
    {"psubsw", "66 0f e9 /r", CASE_BOTH}, {"paddusb", "66 0f dc /r", CASE_BOTH},
    {"psubusw", "66 0f d9 /r", CASE_BOTH}, {"psubusb mm", "0f d8 /r", CASE_BOTH},
    {"pmullw", "66 0f d5 /r", CASE_BOTH}, {"pmulhw", "66 0f e5 /r", CASE_BOTH},
    {"pmulhuw mm", "0f e4 /r", CASE_BOTH}, {"pmuludq", "66 0f f4 /r", CASE_BOTH},
    {"pmuludq mm", "0f f4 /r", CASE_BOTH}, {"pmaddwd", "66 0f f5 /r", CASE_BOTH},
    {"pavgb", "66 0f e0 /r", CASE_BOTH}, {"pavgw mm", "0f e3 /r", CASE_BOTH},
    {"pminub", "66 0f da /r", CASE_BOTH}, {"pmaxsw", "66 0f ee /r", CASE_BOTH},
    {"pmaxub", "66 0f de /r", CASE_BOTH}, {"pminub mm", "0f da /r", CASE_BOTH},
    {"pmaxub mm", "0f de /r", CASE_BOTH}, {"pminsw mm", "0f ea /r", CASE_BOTH},
    {"psubw", "66 0f f9 /r", CASE_BOTH}, {"psubd", "66 0f fa /r", CASE_BOTH},
    {"paddb mm", "0f fc /r", CASE_BOTH}, {"paddq mm", "0f d4 /r", CASE_BOTH},
    {"pcmpeqw", "66 0f 75 /r", CASE_BOTH}, {"pcmpeqd", "66 0f 76 /r", CASE_BOTH},
    {"pcmpeqb mm", "0f 74 /r", CASE_BOTH}, {"pcmpeqw mm", "0f 75 /r", CASE_BOTH},
    {"psadbw", "66 0f f6 /r", CASE_BOTH}, {"psadbw mm", "0f f6 /r", CASE_BOTH},
    {"pcmpeqb", "66 0f 74 /r", CASE_BOTH}, {"pcmpeqd mm", "0f 76 /r", CASE_BOTH},
    {"pcmpgtw", "66 0f 65 /r", CASE_BOTH}, {"pcmpgtb mm", "0f 64 /r", CASE_BOTH},
    {"psllw", "66 0f f1 /r", CASE_BOTH}, {"psrld", "66 0f d2 /r", CASE_BOTH},
    {"psrlq mm", "0f d3 /r", CASE_BOTH}, {"psraw", "66 0f e1 /r", CASE_BOTH},
    {"psrad mm", "0f e2 /r", CASE_BOTH},
    {"psrlw imm", "66 0f 71 d2 ib", CASE_REG}, {"psraw imm", "66 0f 71 e2 ib", CASE_REG},
    {"psllw imm", "66 0f 71 f2 ib", CASE_REG}, {"psrld imm mm", "0f 72 d2 ib", CASE_REG},
    {"psrad imm", "66 0f 72 e2 ib", CASE_REG}, {"pslld imm", "66 0f 72 f2 ib", CASE_REG},
    {"psrlq imm", "66 0f 73 d2 ib", CASE_REG}, {"psllq imm mm", "0f 73 f2 ib", CASE_REG},
    {"psrldq", "66 0f 73 da ib", CASE_REG}, {"pslldq", "66 0f 73 fa ib", CASE_REG},
    /* shuffles, packs */
    {"punpcklbw", "66 0f 60 /r", CASE_BOTH}, {"punpcklwd mm", "0f 61 /r", CASE_BOTH},
    {"punpckldq", "66 0f 62 /r", CASE_BOTH}, {"punpcklqdq", "66 0f 6c /r", CASE_BOTH},
    {"punpckhbw mm", "0f 68 /r", CASE_BOTH}, {"punpckhwd", "66 0f 69 /r", CASE_BOTH},
    {"punpckhdq", "66 0f 6a /r", CASE_BOTH}, {"punpckhqdq", "66 0f 6d /r", CASE_BOTH},
    {"unpcklps", "0f 14 /r", CASE_BOTH}, {"unpckhpd", "66 0f 15 /r", CASE_BOTH},
    {"packsswb", "66 0f 63 /r", CASE_BOTH}, {"packuswb mm", "0f 67 /r", CASE_BOTH},
    {"packssdw", "66 0f 6b /r", CASE_BOTH}, {"packusdw", "66 0f 38 2b /r", CASE_BOTH},
    {"pshufd", "66 0f 70 /r ib", CASE_BOTH}, {"pshufhw", "f3 0f 70 /r ib", CASE_BOTH},
    {"pshuflw", "f2 0f 70 /r ib", CASE_BOTH}, {"pshufw", "0f 70 /r ib", CASE_BOTH},
    {"shufps", "0f c6 /r ib", CASE_BOTH}, {"shufpd", "66 0f c6 /r ib", CASE_BOTH},
    {"pshufb", "66 0f 38 00 /r", CASE_BOTH}, {"pshufb mm", "0f 38 00 /r", CASE_BOTH},
    {"palignr", "66 0f 3a 0f /r ib", CASE_BOTH}, {"palignr mm", "0f 3a 0f /r ib", CASE_BOTH},
    {"pinsrw", "66 0f c4 /r ib", CASE_BOTH}, {"pinsrw mm", "0f c4 /r ib", CASE_BOTH},
    {"pextrw", "66 0f c5 /r ib", CASE_REG}, {"pextrw mm", "0f c5 /r ib", CASE_REG},
    /* SSSE3 */
    {"phaddw", "66 0f 38 01 /r", CASE_BOTH}, {"phaddd mm", "0f 38 02 /r", CASE_BOTH},
    {"phaddsw", "66 0f 38 03 /r", CASE_BOTH}, {"pmaddubsw", "66 0f 38 04 /r", CASE_BOTH},
    {"phsubw", "66 0f 38 05 /r", CASE_BOTH}, {"phsubd", "66 0f 38 06 /r", CASE_BOTH},
    {"phsubsw mm", "0f 38 07 /r", CASE_BOTH}, {"psignb", "66 0f 38 08 /r", CASE_BOTH},
    {"psignw", "66 0f 38 09 /r", CASE_BOTH}, {"psignd mm", "0f 38 0a /r", CASE_BOTH},
    {"pmulhrsw", "66 0f 38 0b /r", CASE_BOTH}, {"pabsb", "66 0f 38 1c /r", CASE_BOTH},
    {"pabsw mm", "0f 38 1d /r", CASE_BOTH}, {"pabsd", "66 0f 38 1e /r", CASE_BOTH},
    /* SSE4.1 */
    {"pblendvb", "66 0f 38 10 /r", CASE_BOTH}, {"blendvps", "66 0f 38 14 /r", CASE_BOTH},
    {"blendvpd", "66 0f 38 15 /r", CASE_BOTH}, {"ptest", "66 0f 38 17 /r", CASE_BOTH},
    {"pmovsxbw", "66 0f 38 20 /r", CASE_BOTH}, {"pmovsxbd", "66 0f 38 21 /r", CASE_BOTH},
    {"pmovsxbq", "66 0f 38 22 /r", CASE_BOTH}, {"pmovsxwd", "66 0f 38 23 /r", CASE_BOTH},
    {"pmovsxwq", "66 0f 38 24 /r", CASE_BOTH}, {"pmovsxdq", "66 0f 38 25 /r", CASE_BOTH},
    {"pmovzxbw", "66 0f 38 30 /r", CASE_BOTH}, {"pmovzxbq", "66 0f 38 32 /r", CASE_BOTH},
    {"pmovzxdq", "66 0f 38 35 /r", CASE_BOTH}, {"pmuldq", "66 0f 38 28 /r", CASE_BOTH},
    {"pcmpeqq", "66 0f 38 29 /r", CASE_BOTH}, {"pcmpgtq", "66 0f 38 37 /r", CASE_BOTH},
    {"pminsb", "66 0f 38 38 /r", CASE_BOTH}, {"pminsd", "66 0f 38 39 /r", CASE_BOTH},
    {"pminuw", "66 0f 38 3a /r", CASE_BOTH}, {"pminud", "66 0f 38 3b /r", CASE_BOTH},
    {"pmaxsb", "66 0f 38 3c /r", CASE_BOTH}, {"pmaxsd", "66 0f 38 3d /r", CASE_BOTH},
    {"pmaxuw", "66 0f 38 3e /r", CASE_BOTH}, {"pmaxud", "66 0f 38 3f /r", CASE_BOTH},
    {"pmulld", "66 0f 38 40 /r", CASE_BOTH}, {"phminposuw", "66 0f 38 41 /r", CASE_BOTH},
    {"blendps", "66 0f 3a 0c /r ib", CASE_BOTH}, {"blendpd", "66 0f 3a 0d /r ib", CASE_BOTH},
    {"pblendw", "66 0f 3a 0e /r ib", CASE_BOTH}, {"mpsadbw", "66 0f 3a 42 /r ib", CASE_BOTH},
    {"pextrb", "66 0f 3a 14 /r ib", CASE_BOTH}, {"pextrw 3a", "66 0f 3a 15 /r ib", CASE_BOTH},
    {"pextrd", "66 0f 3a 16 /r ib", CASE_BOTH}, {"pextrq", "66 48 0f 3a 16 /r ib", CASE_BOTH},
    {"extractps", "66 0f 3a 17 /r ib", CASE_BOTH}, {"pinsrb", "66 0f 3a 20 /r ib", CASE_BOTH},
    {"insertps", "66 0f 3a 21 /r ib", CASE_BOTH}, {"pinsrd", "66 0f 3a 22 /r ib", CASE_BOTH},
    {"pinsrq", "66 48 0f 3a 22 /r ib", CASE_BOTH},
    /* SSE4.2 */
    {"pcmpestri", "66 0f 3a 61 /r ib", CASE_BOTH}, {"pcmpestrm", "66 0f 3a 60 /r ib", CASE_BOTH},
    {"pcmpistri", "66 0f 3a 63 /r ib", CASE_BOTH}, {"pcmpistrm", "66 0f 3a 62 /r ib", CASE_BOTH},
    {"pcmpestri q", "66 48 0f 3a 61 /r ib", CASE_BOTH},
    {"crc32b", "f2 0f 38 f0 /r", CASE_BOTH}, {"crc32w", "66 f2 0f 38 f1 /r", CASE_BOTH},
    {"crc32d", "f2 0f 38 f1 /r", CASE_BOTH}, {"crc32q", "f2 48 0f 38 f1 /r", CASE_BOTH},
    /* short runs: a lane written as one type and read as another in the
     * same block (integer moves, float arithmetic), zero idioms, and the
     * string functions' compare-and-mask chain */
    {"movsd mulsd movq", "f2 0f 10 /r f2 0f 59 /r 66 0f d6 /r", CASE_BOTH},
    {"movaps addps pxor", "0f 28 /r 0f 58 /r 66 0f ef /r", CASE_BOTH},
    {"movss divss movd", "f3 0f 10 /r f3 0f 5e /r 66 0f 7e c8", CASE_BOTH},
    {"pxor addsd", "66 0f ef c9 f2 0f 58 /r", CASE_BOTH},
    {"xorps cvtsi2sd", "0f 57 c9 f2 0f 2a /r", CASE_BOTH},
    {"pandn self", "66 0f df c9 66 0f eb /r", CASE_BOTH},
    {"pminub pcmpeqb pmovmskb", "66 0f da /r 66 0f 74 /r 66 0f d7 c1", CASE_BOTH},
    {"movq mulsd movq", "66 48 0f 6e c8 f2 0f 59 /r 66 48 0f 7e c8", CASE_BOTH},
    /* memory read again after a store: to the same bytes, to bytes a
     * different base register reaches, to part of them */
    {"load, store, load", "66 0f 10 03 f2 0f 11 4b 08 66 0f 10 13", CASE_REG},
    {"load, aliased store, load", "66 0f 10 03 f2 0f 11 4f f0 66 0f 10 13", CASE_REG},
    {"load, narrow store, load", "0f 10 03 f3 0f 11 4b 04 0f 10 13", CASE_REG},
};

static void test_cases(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        run_case(&cases[i]);
}

/* ---- contract points ------------------------------------------------------------------ */

static ExitReason run_bytes(Machine *m, const char *spec)
{
    uint8_t code[64]; /* a short run of instructions */
    g_assert_cmpuint(strlen(spec), <, 3 * sizeof code);
    size_t len = assemble(spec, 0, 0, code);
    memcpy(m->mem + CODE, code, len);
    m->mem[CODE + len] = 0x0f;
    m->mem[CODE + len + 1] = 0x0b;
    engine_flush(m->engine);
    m->cpu->regs[X86_RBX] = DATA;
    m->cpu->common.pc = CODE;
    return cpu_exec(&m->cpu->common);
}

/* movaps/movdqa/addps from a misaligned address: #GP (EXIT_PRIV) at the
 * instruction, nothing written; movups, movdqu, lddqu, addss do not care. */
static void test_alignment(void)
{
    /* the integer SIMD done as IR (pcmpgtb, paddusb, psrld, pmuludq, pshufd,
     * punpcklbw, shufps) check too; their MMX forms never do */
    static const char *const faulting[] = {"0f 28 4b 01", "66 0f 6f 4b 04", "0f 58 4b 08", "66 0f 7f 4b 01",
                                           "66 0f 38 00 4b 02", "66 0f fc 4b 01", "0f 29 4b 0c",
                                           "66 0f 64 4b 01", "66 0f dc 4b 02", "66 0f d2 4b 08",
                                           "66 0f f4 4b 04", "66 0f 70 4b 01 1b", "66 0f 60 4b 08",
                                           "0f c6 4b 04 1b"};
    static const char *const fine[] = {"0f 10 4b 01", "f3 0f 6f 4b 04", "f2 0f f0 4b 08", "f3 0f 58 4b 01",
                                       "66 0f 3a 63 4b 01 0c", "0f fc 4b 03", "0f 60 4b 01", "0f d2 4b 03",
                                       "0f 70 4b 05 1b"};
    for (int b = 0; b < 2; b++) {
        Machine m;
        machine_init(&m, backends[b], false);
        for (size_t i = 0; i < G_N_ELEMENTS(faulting); i++) {
            m.cpu->xmm[1][0] = 0x1234;
            g_assert_cmpint(run_bytes(&m, faulting[i]), ==, EXIT_PRIV);
            g_assert_cmphex(m.cpu->common.pc, ==, CODE);
            g_assert_cmphex(m.cpu->xmm[1][0], ==, 0x1234);
        }
        for (size_t i = 0; i < G_N_ELEMENTS(fine); i++)
            g_assert_cmpint(run_bytes(&m, fine[i]), ==, EXIT_ILLEGAL);
        machine_free(&m);
    }
}

/* One check may stand for later ones in a block (an operand 16*k bytes
 * from an address found aligned, with its registers unchanged, or a
 * constant address): each run of aligned loads and stores must still
 * fault exactly at the first misaligned one, after the earlier ones ran. */
static void test_alignment_in_block(void)
{
    static const struct {
        const char *bytes;
        ExitReason why;
        unsigned pc; /* offset of the faulting instruction, or of the end */
    } runs[] = {
        /* movaps xmm1, [rbx]; movaps xmm2, [rbx + 0x10]; movaps [rbx - 0x20], xmm3 */
        {"0f 28 0b 0f 28 53 10 0f 29 5b e0", EXIT_ILLEGAL, 11},
        /* movaps xmm1, [rbx]; movaps xmm2, [rbx + 8] */
        {"0f 28 0b 0f 28 53 08", EXIT_PRIV, 3},
        /* movaps xmm1, [rbx]; add rbx, 4; movaps xmm2, [rbx] */
        {"0f 28 0b 48 83 c3 04 0f 28 13", EXIT_PRIV, 7},
        /* movdqa xmm1, [rbx]; mov ebx, ecx (= DATA + 4); pcmpeqb xmm1, [rbx + 0x0c] */
        {"66 0f 6f 0b 89 cb 66 0f 74 4b 0c", EXIT_ILLEGAL, 11},
        {"66 0f 6f 0b 89 cb 66 0f 74 4b 08", EXIT_PRIV, 6},
        /* movaps xmm1, [rip + disp]: DATA exactly, then DATA + 1 */
        {"0f 28 0d f9 6f 00 00", EXIT_ILLEGAL, 7},
        {"0f 28 0d fa 6f 00 00", EXIT_PRIV, 0},
    };
    for (int b = 0; b < 2; b++) {
        Machine m;
        machine_init(&m, backends[b], false);
        for (size_t i = 0; i < G_N_ELEMENTS(runs); i++) {
            uint64_t first = 0x0123456789abcdefull;
            memcpy(m.mem + DATA, &first, 8);
            m.cpu->xmm[1][0] = 0;
            m.cpu->regs[X86_RCX] = DATA + 4;
            g_assert_cmpint(run_bytes(&m, runs[i].bytes), ==, runs[i].why);
            g_assert_cmphex(m.cpu->common.pc, ==, CODE + runs[i].pc);
            if (runs[i].why == EXIT_PRIV && runs[i].pc > 0) /* what ran before the fault stays */
                g_assert_cmphex(m.cpu->xmm[1][0], ==, first);
        }
        machine_free(&m);
    }
}

static uint16_t exponent_word(const X86Cpu *cpu, int i)
{
    uint16_t e;
    memcpy(&e, (const uint8_t *)&cpu->st_phys[i] + 8, 2);
    return e;
}

/* SDM vol. 1, 9.5: an MMX instruction sets TOP to 0 and every tag valid;
 * a write of mmN sets the exponent bits of R(N) to ones; emms empties the
 * tags. */
static void test_mmx_aliasing(void)
{
    for (int b = 0; b < 2; b++) {
        Machine m;
        machine_init(&m, backends[b], false);
        m.cpu->fptop = 5;
        m.cpu->fptag = 0;
        g_assert_cmpint(run_bytes(&m, "0f fc ca"), ==, EXIT_ILLEGAL); /* paddb mm1, mm2 */
        g_assert_cmpuint(m.cpu->fptop, ==, 0);
        g_assert_cmphex(m.cpu->fptag, ==, 0xff);
        g_assert_cmphex(exponent_word(m.cpu, 1), ==, 0xffff);
        g_assert_cmphex(exponent_word(m.cpu, 2), ==, 0);
        g_assert_cmpint(run_bytes(&m, "0f 77"), ==, EXIT_ILLEGAL); /* emms */
        g_assert_cmphex(m.cpu->fptag, ==, 0);
        machine_free(&m);
    }
}

/* ldmxcsr/stmxcsr round trip; flags of a guest op reach MXCSR; a reserved
 * bit is #GP. Expected values are the SDM's MXCSR layout. */
static void test_mxcsr(void)
{
    for (int b = 0; b < 2; b++) {
        Machine m;
        machine_init(&m, backends[b], false);
        uint32_t v = 0x7f80 | 0x40; /* round toward zero, DAZ, all masked */
        memcpy(m.mem + DATA, &v, 4);
        g_assert_cmpint(run_bytes(&m, "0f ae 13 0f ae 5b 04"), ==, EXIT_ILLEGAL); /* ldmxcsr [rbx]; stmxcsr [rbx+4] */
        uint32_t got;
        memcpy(&got, m.mem + DATA + 4, 4);
        g_assert_cmphex(got, ==, v);
        /* 1.0f / 3.0f is inexact: PE (bit 5) */
        m.cpu->xmm[1][0] = 0x3f800000;
        m.cpu->xmm[2][0] = 0x40400000;
        g_assert_cmpint(run_bytes(&m, "f3 0f 5e ca 0f ae 5b 04"), ==, EXIT_ILLEGAL);
        memcpy(&got, m.mem + DATA + 4, 4);
        g_assert_cmphex(got, ==, v | 0x20);
        g_assert_cmphex(m.cpu->xmm[1][0], ==, 0x3eaaaaaa); /* rounded toward zero */
        v = 0x11f80;
        memcpy(m.mem + DATA, &v, 4);
        g_assert_cmpint(run_bytes(&m, "0f ae 13"), ==, EXIT_PRIV);
        x86_set_mxcsr(m.cpu, 0x1f80);
        machine_free(&m);
    }
}

/* An unmasked exception is #XM (EXIT_FPE) at the instruction, with the
 * si_code Linux picks (invalid before zero divide) and the destination
 * unwritten, its flag in MXCSR; masked, the same divide runs on. Values
 * from the SDM: 1/0 raises ZE (bit 2), 0/0 and a NaN converted to an
 * integer raise IE (bit 0); bits 7.. mask them. */
static void test_unmasked(void)
{
    static const struct {
        uint32_t mxcsr;
        uint32_t numerator;  /* xmm1, f32 */
        const char *insn;    /* after ldmxcsr [rbx] (3 bytes) */
        ExitReason why;
        int code;
        uint32_t flags;
    } runs[] = {
        {0x1f80 & ~0x200u, 0x3f800000, "f3 0f 5e ca", EXIT_FPE, FPE_FLTDIV, 0x04},    /* divss 1/0, ZM clear */
        {0x1f80 & ~0x280u, 0x00000000, "f3 0f 5e ca", EXIT_FPE, FPE_FLTINV, 0x01},    /* divss 0/0, IM ZM clear */
        {0x1f80 & ~0x080u, 0x3f800000, "f3 0f 5e ca", EXIT_ILLEGAL, 0, 0x04},         /* 1/0 with ZM set */
        {0x1f80 & ~0x080u, 0x3f800000, "f3 0f 2c c3", EXIT_FPE, FPE_FLTINV, 0x01},    /* cvttss2si eax, xmm3 (NaN) */
        {0x1f80 & ~0x200u, 0x3f800000, "0f 5a ca", EXIT_ILLEGAL, 0, 0x00},            /* cvtps2pd: exact, no flag */
    };
    for (int b = 0; b < 2; b++) {
        Machine m;
        machine_init(&m, backends[b], false);
        for (size_t i = 0; i < G_N_ELEMENTS(runs); i++) {
            char bytes[64];
            g_snprintf(bytes, sizeof bytes, "0f ae 13 %s", runs[i].insn);
            memcpy(m.mem + DATA, &runs[i].mxcsr, 4);
            m.cpu->xmm[1][0] = runs[i].numerator;
            m.cpu->xmm[1][1] = 0;
            m.cpu->xmm[2][0] = 0;
            m.cpu->xmm[3][0] = 0x7fc00000;
            m.cpu->regs[X86_RAX] = 0x1234;
            m.cpu->common.exception_code = 0;
            g_assert_cmpint(run_bytes(&m, bytes), ==, runs[i].why);
            uint32_t mxcsr = x86_get_mxcsr(m.cpu);
            x86_set_mxcsr(m.cpu, 0x1f80);
            g_assert_cmphex(mxcsr & 0x3f, ==, runs[i].flags);
            if (runs[i].why != EXIT_FPE)
                continue;
            g_assert_cmphex(m.cpu->common.pc, ==, CODE + 3);
            g_assert_cmpint(m.cpu->common.exception_code, ==, runs[i].code);
            g_assert_cmphex(m.cpu->xmm[1][0], ==, runs[i].numerator);
            g_assert_cmphex(m.cpu->regs[X86_RAX], ==, 0x1234);
        }
        machine_free(&m);
    }
}

/* Fences and clflush run (and clflush reads its byte); prefetch hints do
 * nothing, not even fault. */
static void test_fences(void)
{
    for (int b = 0; b < 2; b++) {
        Machine m;
        machine_init(&m, backends[b], false);
        /* lfence; mfence; sfence; clflush [rbx]; prefetchnta [rbx]; prefetcht0 [rax] */
        m.cpu->regs[X86_RAX] = 0x7ffffffff000;
        g_assert_cmpint(run_bytes(&m, "0f ae e8 0f ae f0 0f ae f8 0f ae 3b 0f 18 03 0f 18 08"), ==, EXIT_ILLEGAL);
        g_assert_cmphex(m.cpu->common.pc, ==, CODE + 18);
        machine_free(&m);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* a fixed seed, so a failure repeats; MORPH_TEST_SEED explores others */
    const char *seed = g_getenv("MORPH_TEST_SEED");
    rng = g_rand_new_with_seed(seed ? (guint32)g_ascii_strtoull(seed, NULL, 10) : 20261121);
    backends[0] = &backend_jit;
    backends[1] = &backend_interp;
    native_code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(native_code != MAP_FAILED);
    g_test_add_func("/x86/sse/host", test_cases);
    g_test_add_func("/x86/sse/alignment", test_alignment);
    g_test_add_func("/x86/sse/alignment_in_block", test_alignment_in_block);
    g_test_add_func("/x86/sse/mmx_aliasing", test_mmx_aliasing);
    g_test_add_func("/x86/sse/mxcsr", test_mxcsr);
    g_test_add_func("/x86/sse/fences", test_fences);
    g_test_add_func("/x86/sse/unmasked", test_unmasked);
    return g_test_run();
}

#else

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    return g_test_run(); /* the oracle is the host CPU: x86-64 only */
}

#endif
