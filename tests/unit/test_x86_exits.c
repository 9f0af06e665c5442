/* tests/unit/test_x86_exits.c — x86 instructions that leave to the exec
 * loop, and the state they leave, as the Intel SDM and Linux's user-mode
 * conventions define them: #DE from DIV/IDIV (EXIT_FPE, FPE_INTDIV, pc
 * at the instruction, registers untouched), #UD (UD2), #GP (HLT, INT n,
 * a bad segment selector, a misaligned CMPXCHG16B), INT3 and SYSCALL
 * (pc after them; SYSCALL's RCX and R11), INT 0x80 on i386, CPUID's
 * brand string and feature bits, FS/GS loads through the GDT, and a few i386
 * forms (INC r32, PUSHA/POPA, the decimal adjustments with the SDM's
 * examples). Snippets are assembled by the GNU
 * assembler into .rodata and run on every backend.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "frontend/guest.h"
#include "frontend/x86/cpu.h"

extern const GuestArch x86_64_guest;
extern const GuestArch i386_guest;

enum { CODE = 0x1000, DATA = 0x4000, STACK_TOP = 0xf000, MEM_SIZE = 0x10000 };

#define SNIPPET(name, text)                    \
    extern const uint8_t name[], name##_end[]; \
    __asm__(".pushsection .rodata\n" #name ":\n" text "\n" #name "_end:\n.popsection\n")
#define SNIPPET32(name, text)                  \
    extern const uint8_t name[], name##_end[]; \
    __asm__(".pushsection .rodata\n.code32\n" #name ":\n" text "\n" #name "_end:\n.code64\n.popsection\n")

SNIPPET(e_div0, "mov $7, %eax\n xor %edx, %edx\n div %ebx\n int3\n");
SNIPPET(e_idiv_overflow, "mov $0x80000000, %eax\n cltd\n mov $-1, %ecx\n idiv %ecx\n int3\n");
SNIPPET(e_ud2, "mov $5, %eax\n ud2\n");
SNIPPET(e_hlt, "hlt\n");
SNIPPET(e_int80_64, "int $0x80\n");
SNIPPET(e_syscall, "xor %eax, %eax\n syscall\n");
SNIPPET(e_int3, "mov $9, %ecx\n int3\n");
SNIPPET(e_cpuid0, "xor %eax, %eax\n cpuid\n int3\n");
SNIPPET(e_cpuid1, "mov $1, %eax\n cpuid\n int3\n");
SNIPPET(e_cpuid_brand, "mov $0x80000002, %eax\n cpuid\n int3\n");
SNIPPET(e_load_fs, "mov $0x63, %eax\n mov %eax, %fs\n mov %fs:8, %rbx\n mov %fs, %ecx\n int3\n");
SNIPPET(e_bad_fs, "mov $0x6b, %eax\n mov %eax, %fs\n int3\n");
SNIPPET(e_cx16_misaligned, "mov $0x4008, %esi\n lock cmpxchg16b (%rsi)\n int3\n");
SNIPPET32(e_int80_32, "mov $4, %eax\n int $0x80\n");
SNIPPET32(e_i386_forms, "mov $1, %eax\n inc %eax\n dec %ebx\n mov $0x11, %esi\n pusha\n xor %eax, %eax\n"
                        "mov $3, %esi\n popa\n push %eax\n pop %ecx\n mov $0x33, %edx\n mov %edx, %gs\n"
                        "mov %gs:4, %edi\n int3\n");

/* The SDM's own examples of the decimal adjustments (DAA, DAS pages). */
SNIPPET32(e_daa, "mov $0x79, %eax\n add $0x35, %al\n daa\n int3\n");
SNIPPET32(e_das, "mov $0x35, %eax\n sub $0x47, %al\n das\n int3\n");
SNIPPET32(e_aaa, "mov $0x0009, %eax\n add $5, %al\n aaa\n int3\n");
SNIPPET32(e_aas, "mov $0x0201, %eax\n sub $5, %al\n aas\n int3\n");
SNIPPET32(e_aam_aad, "mov $63, %eax\n aam\n mov %eax, %ebx\n aad\n int3\n");
SNIPPET32(e_aam0, "mov $63, %eax\n aam $0\n int3\n");

typedef struct Machine {
    X86Cpu *cpu;
    uint8_t *mem;
    Engine *engine;
} Machine;

static bool test_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    if (addr + len > MEM_SIZE)
        return false;
    memcpy(buf, cpu->guest_base + addr, len);
    return true;
}

static void machine_init(Machine *m, const GuestArch *arch, const Backend *backend)
{
    m->mem = g_malloc0(MEM_SIZE + 4096);
    m->cpu = g_malloc0(sizeof(X86Cpu));
    arch->cpu_init(&m->cpu->common);
    m->cpu->common.arch = arch;
    m->cpu->common.guest_base = m->mem;
    m->cpu->regs[X86_RSP] = STACK_TOP;
    EngineOptions opt = {.backend = backend, .optimize = true, .fetch = test_fetch};
    m->engine = engine_new(arch, &opt);
    engine_attach_cpu(m->engine, &m->cpu->common);
}

static void machine_free(Machine *m)
{
    engine_free(m->engine);
    g_free(m->cpu);
    g_free(m->mem);
}

static ExitReason run(Machine *m, const uint8_t *start, const uint8_t *end)
{
    memcpy(m->mem + CODE, start, (size_t)(end - start));
    engine_flush(m->engine); /* the code at CODE changed */
    m->cpu->common.pc = CODE;
    return cpu_exec(&m->cpu->common);
}

#define RUN(m, name) run((m), name, name##_end)
#define END_PC(name) (CODE + (uint64_t)(name##_end - name))

static void test_divide_error(gconstpointer backend)
{
    Machine m;
    machine_init(&m, &x86_64_guest, backend);
    m.cpu->regs[X86_RBX] = 0;
    g_assert_cmpint(RUN(&m, e_div0), ==, EXIT_FPE);
    g_assert_cmpint(m.cpu->common.exception_code, ==, FPE_INTDIV);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 7); /* mov (5 bytes), xor (2): the div */
    g_assert_cmphex(m.cpu->regs[X86_RAX], ==, 7);
    machine_free(&m);

    machine_init(&m, &x86_64_guest, backend);
    g_assert_cmpint(RUN(&m, e_idiv_overflow), ==, EXIT_FPE); /* INT32_MIN / -1 does not fit */
    g_assert_cmpint(m.cpu->common.exception_code, ==, FPE_INTDIV);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 11);
    g_assert_cmphex(m.cpu->regs[X86_RAX], ==, 0x80000000u);
    g_assert_cmphex(m.cpu->regs[X86_RDX], ==, 0xffffffffu);
    machine_free(&m);
}

static void test_faults(gconstpointer backend)
{
    Machine m;
    machine_init(&m, &x86_64_guest, backend);
    g_assert_cmpint(RUN(&m, e_ud2), ==, EXIT_ILLEGAL);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 5);
    g_assert_cmphex(m.cpu->regs[X86_RAX], ==, 5);
    g_assert_cmpint(RUN(&m, e_hlt), ==, EXIT_PRIV);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE);
    g_assert_cmpint(RUN(&m, e_int80_64), ==, EXIT_PRIV);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE);
    m.cpu->regs[X86_RAX] = m.cpu->regs[X86_RDX] = 0;
    g_assert_cmpint(RUN(&m, e_cx16_misaligned), ==, EXIT_PRIV);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 5);
    machine_free(&m);
}

static void test_traps_and_syscall(gconstpointer backend)
{
    Machine m;
    machine_init(&m, &x86_64_guest, backend);
    g_assert_cmpint(RUN(&m, e_int3), ==, EXIT_TRAP);
    g_assert_cmphex(m.cpu->common.pc, ==, END_PC(e_int3));
    g_assert_cmphex(m.cpu->regs[X86_RCX], ==, 9);
    g_assert_cmpint(RUN(&m, e_syscall), ==, EXIT_SYSCALL);
    g_assert_cmphex(m.cpu->common.pc, ==, END_PC(e_syscall));
    g_assert_cmphex(m.cpu->regs[X86_RCX], ==, END_PC(e_syscall));
    g_assert_cmphex(m.cpu->regs[X86_R11], ==, 0x246); /* IF, bit 1, and xor's ZF PF */
    machine_free(&m);

    machine_init(&m, &i386_guest, backend);
    g_assert_cmpint(RUN(&m, e_int80_32), ==, EXIT_SYSCALL);
    g_assert_cmphex(m.cpu->common.pc, ==, END_PC(e_int80_32));
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RAX], ==, 4);
    machine_free(&m);
}

static void test_cpuid(gconstpointer backend)
{
    Machine m;
    machine_init(&m, &x86_64_guest, backend);
    g_assert_cmpint(RUN(&m, e_cpuid0), ==, EXIT_TRAP);
    g_assert_cmpuint(m.cpu->regs[X86_RAX], >=, 1); /* leaf 1 exists */
    g_assert_cmpint(RUN(&m, e_cpuid_brand), ==, EXIT_TRAP);
    char brand[17];
    uint32_t words[4] = {(uint32_t)m.cpu->regs[X86_RAX], (uint32_t)m.cpu->regs[X86_RBX],
                         (uint32_t)m.cpu->regs[X86_RCX], (uint32_t)m.cpu->regs[X86_RDX]};
    memcpy(brand, words, 16);
    brand[16] = '\0';
    g_assert_nonnull(strstr(brand, "morph")); /* the brand string says what this CPU is */
    g_assert_cmpint(RUN(&m, e_cpuid1), ==, EXIT_TRAP);
    uint32_t ecx = (uint32_t)m.cpu->regs[X86_RCX], edx = (uint32_t)m.cpu->regs[X86_RDX];
    g_assert_true(edx & (1u << 26));        /* SSE2: x86-64's baseline */
    g_assert_true(edx & (1u << 15));        /* CMOV */
    g_assert_true(ecx & (1u << 23));        /* POPCNT: implemented */
    g_assert_false(ecx & (1u << 28));       /* no AVX */
    g_assert_false(ecx & (1u << 27));       /* no OSXSAVE */
    machine_free(&m);
}

static void test_segments(gconstpointer backend)
{
    Machine m;
    machine_init(&m, &x86_64_guest, backend);
    m.cpu->gdt[12] = (X86SegDesc){.base = DATA, .limit = 0xfffff, .flags = X86_DESC_PRESENT | X86_DESC_32BIT};
    memcpy(m.mem + DATA + 8, "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
    g_assert_cmpint(RUN(&m, e_load_fs), ==, EXIT_TRAP);
    g_assert_cmphex(m.cpu->seg_base[X86_FS], ==, DATA);
    g_assert_cmphex(m.cpu->regs[X86_RBX], ==, 0x8877665544332211ull);
    g_assert_cmphex(m.cpu->regs[X86_RCX], ==, 0x63);
    g_assert_cmpint(RUN(&m, e_bad_fs), ==, EXIT_PRIV); /* entry 13 is not present */
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 5);
    g_assert_cmphex(m.cpu->seg_sel[X86_FS], ==, 0x63);
    machine_free(&m);
}

static void test_i386_forms(gconstpointer backend)
{
    Machine m;
    machine_init(&m, &i386_guest, backend);
    m.cpu->gdt[6] = (X86SegDesc){.base = DATA, .limit = 0xfffff, .flags = X86_DESC_PRESENT | X86_DESC_32BIT};
    memcpy(m.mem + DATA + 4, "\x78\x56\x34\x12", 4);
    m.cpu->regs[X86_RBX] = 10;
    g_assert_cmpint(RUN(&m, e_i386_forms), ==, EXIT_TRAP);
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RAX], ==, 2);  /* inc, restored by popa */
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RCX], ==, 2);
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RBX], ==, 9);
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RSI], ==, 0x11);
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RSP], ==, STACK_TOP);
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RDI], ==, 0x12345678);
    g_assert_cmphex(m.cpu->seg_sel[X86_GS], ==, 0x33);
    machine_free(&m);
}

static void check_bcd(Machine *m, const uint8_t *start, const uint8_t *end, uint32_t ax, uint32_t flags)
{
    g_assert_cmpint(run(m, start, end), ==, EXIT_TRAP);
    g_assert_cmphex((uint32_t)m->cpu->regs[X86_RAX] & 0xffff, ==, ax);
    g_assert_cmphex(x86_get_eflags(m->cpu) & (X86_STATUS_FLAGS & ~X86_OF), ==, flags);
}

static void test_bcd(gconstpointer backend)
{
    Machine m;
    machine_init(&m, &i386_guest, backend);
    check_bcd(&m, e_daa, e_daa_end, 0x14, X86_CF | X86_AF | X86_PF);
    check_bcd(&m, e_das, e_das_end, 0x88, X86_SF | X86_AF | X86_PF | X86_CF);
    g_assert_cmpint(RUN(&m, e_aaa), ==, EXIT_TRAP);
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RAX] & 0xffff, ==, 0x0104);
    g_assert_cmphex(x86_get_eflags(m.cpu) & (X86_CF | X86_AF), ==, X86_CF | X86_AF);
    g_assert_cmpint(RUN(&m, e_aas), ==, EXIT_TRAP);
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RAX] & 0xffff, ==, 0x0106);
    g_assert_cmphex(x86_get_eflags(m.cpu) & (X86_CF | X86_AF), ==, X86_CF | X86_AF);
    g_assert_cmpint(RUN(&m, e_aam_aad), ==, EXIT_TRAP);
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RBX] & 0xffff, ==, 0x0603); /* 63 = 6 * 10 + 3 */
    g_assert_cmphex((uint32_t)m.cpu->regs[X86_RAX] & 0xffff, ==, 0x003f);
    g_assert_cmpint(RUN(&m, e_aam0), ==, EXIT_FPE);
    g_assert_cmpint(m.cpu->common.exception_code, ==, FPE_INTDIV);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE + 5);
    machine_free(&m);
}

/* The register dump names the registers with their values and the flags. */
static void test_dump_state(gconstpointer backend)
{
    Machine m;
    machine_init(&m, &x86_64_guest, backend);
    m.cpu->regs[X86_R13] = 0x1234abcd5678ef00ull;
    m.cpu->common.pc = 0x401000;
    x86_put_eflags(m.cpu, X86_ZF | X86_IF, ~0u);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    x86_64_guest.dump_state(&m.cpu->common, out);
    fclose(out);
    g_assert_nonnull(strstr(text, "1234abcd5678ef00"));
    g_assert_nonnull(strstr(text, "401000"));
    g_assert_nonnull(strstr(text, "Z"));
    free(text);
    machine_free(&m);
}

/* Every test once per backend (the data: the Backend, NULL = default). */
int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        {"divide-error", test_divide_error}, {"faults", test_faults}, {"traps-syscall", test_traps_and_syscall},
        {"cpuid", test_cpuid}, {"segments", test_segments}, {"i386-forms", test_i386_forms},
        {"bcd", test_bcd}, {"dump-state", test_dump_state},
    };
    g_test_init(&argc, &argv, NULL);
    const Backend *interp = backend_by_name("interp");
    g_assert_nonnull(interp);
    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++) {
        char *jit = g_strdup_printf("/x86/exits/default/%s", tests[i].name);
        char *in = g_strdup_printf("/x86/exits/interp/%s", tests[i].name);
        g_test_add_data_func(jit, NULL, tests[i].fn);
        g_test_add_data_func(in, interp, tests[i].fn);
        g_free(jit);
        g_free(in);
    }
    return g_test_run();
}
