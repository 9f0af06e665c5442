/* frontend/x86/guest.c — the x86 guests as morph's engine sees them:
 * i386_guest (32-bit code segment) and x86_64_guest (64-bit mode) share
 * one state struct and one translator; they differ in the mode bits
 * their reset puts in tb_flags, the selectors Linux gives user code,
 * their disassembly and their register dump.
 */
#include <elf.h>
#include <inttypes.h>
#include <string.h>

#include "frontend/guest.h"
#include "frontend/x86/decode.h"
#include "frontend/x86/disas.h"
#include "frontend/x86/helpers.h"
#include "frontend/x86/x87.h"

/* Linux's user selectors: x86-64 __USER_CS / __USER_DS, i386 the same names. */
enum {
    X86_64_USER_CS = 0x33, X86_64_USER_DS = 0x2b,
    I386_USER_CS = 0x73, I386_USER_DS = 0x7b,
};

/* Architectural reset of the user-visible state: registers 0, IF set,
 * x87 and SSE control words at their defaults, the TSC starting now.
 * Linux-user sets pc, sp, and the start-up registers of its ABI. */
static void x86_reset(X86Cpu *cpu, uint16_t cs, uint16_t ds)
{
    memset(cpu->regs, 0, sizeof(cpu->regs));
    cpu->eflags = X86_IF | 2;
    x86_set_status_flags(cpu, 0);
    cpu->cc_dst = cpu->cc_src2 = 0;
    memset(cpu->seg_base, 0, sizeof(cpu->seg_base));
    memset(cpu->seg_sel, 0, sizeof(cpu->seg_sel));
    cpu->seg_sel[X86_CS] = cs;
    cpu->seg_sel[X86_SS] = cpu->seg_sel[X86_DS] = cpu->seg_sel[X86_ES] = ds;
    memset(cpu->st_phys, 0, sizeof(cpu->st_phys));
    x86_x87_reset(cpu); /* control word 0x37f, empty stack, host flags clear */
    memset(cpu->xmm, 0, sizeof(cpu->xmm));
    x86_set_mxcsr(cpu, 0x1f80);
    cpu->tsc_base = x86_host_ns();
}

static void i386_cpu_init(CpuCommon *common)
{
    x86_reset((X86Cpu *)common, I386_USER_CS, I386_USER_DS);
    common->tb_flags = X86_TBF_CS32;
}

static void x86_64_cpu_init(CpuCommon *common)
{
    x86_reset((X86Cpu *)common, X86_64_USER_CS, X86_64_USER_DS);
    common->tb_flags = X86_TBF_LONG;
}

/* "O D I T S Z A P C" style: the set flags' letters. */
static void format_flags(uint32_t eflags, char out[16])
{
    static const struct { uint32_t bit; char letter; } names[] = {
        {X86_OF, 'O'}, {X86_DF, 'D'}, {X86_IF, 'I'}, {X86_TF, 'T'}, {X86_SF, 'S'},
        {X86_ZF, 'Z'}, {X86_AF, 'A'}, {X86_PF, 'P'}, {X86_CF, 'C'},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        out[n++] = (eflags & names[i].bit) ? names[i].letter : '-';
    out[n] = '\0';
}

static void dump_segments(const X86Cpu *cpu, FILE *out)
{
    static const char *const seg_names[X86_NSEGS] = {"es", "cs", "ss", "ds", "fs", "gs"};
    for (int s = 0; s < X86_NSEGS; s++)
        fprintf(out, "%s %04x base %016" PRIx64 "%s", seg_names[s], cpu->seg_sel[s], cpu->seg_base[s],
                s % 3 == 2 ? "\n" : "  ");
}

static void i386_dump_state(const CpuCommon *common, FILE *out)
{
    static const char *const names[8] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    const X86Cpu *cpu = (const X86Cpu *)common;
    uint32_t eflags = x86_get_eflags(cpu);
    char letters[16];
    format_flags(eflags, letters);
    fprintf(out, "eip %08x eflags %08x [%s]\n", (uint32_t)common->pc, eflags, letters);
    for (unsigned r = 0; r < 8; r++)
        fprintf(out, "%s %08x%s", names[r], (uint32_t)cpu->regs[r], r % 4 == 3 ? "\n" : " ");
    dump_segments(cpu, out);
}

static void x86_64_dump_state(const CpuCommon *common, FILE *out)
{
    static const char *const names[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                          "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
    const X86Cpu *cpu = (const X86Cpu *)common;
    uint32_t eflags = x86_get_eflags(cpu);
    char letters[16];
    format_flags(eflags, letters);
    fprintf(out, "rip %016" PRIx64 " rflags %08x [%s]\n", common->pc, eflags, letters);
    for (unsigned r = 0; r < 16; r++)
        fprintf(out, "%-3s %016" PRIx64 "%s", names[r], cpu->regs[r], r % 4 == 3 ? "\n" : " ");
    dump_segments(cpu, out);
}

const GuestArch i386_guest = {
    .name = "i386",
    .elf_machine = EM_386,
    .elf_class = ELFCLASS32,
    .big_endian = false,
    .cpu_size = sizeof(X86Cpu),
    .cpu_init = i386_cpu_init,
    .translate = x86_translate,
    .disas = x86_disas32,
    .dump_state = i386_dump_state,
    .cpu_models = x86_cpu_models,
    .select_cpu_model = x86_select_cpu_model,
};

const GuestArch x86_64_guest = {
    .name = "x86_64",
    .elf_machine = EM_X86_64,
    .elf_class = ELFCLASS64,
    .big_endian = false,
    .cpu_size = sizeof(X86Cpu),
    .cpu_init = x86_64_cpu_init,
    .translate = x86_translate,
    .disas = x86_disas64,
    .dump_state = x86_64_dump_state,
    .cpu_models = x86_cpu_models,
    .select_cpu_model = x86_select_cpu_model,
};
