/* tests/unit/test_x86_int.c — the x86-64 general-purpose instructions
 * and lazy flags, against the host CPU: each snippet below (assembled by
 * the GNU assembler into this test's .rodata) runs natively — copied
 * into an executable page and called with its registers loaded — and
 * under morph's engine on an X86Cpu (ended by an int3), for many random
 * register values, on every backend. The registers afterwards must be
 * equal, and so must the status flags the snippet's instructions define
 * (its flag mask). Conditions are read back through setcc/cmovcc/jcc, so
 * the IR's compare-and-branch fast paths meet the host's answer too.
 */
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "frontend/guest.h"
#include "frontend/x86/cpu.h"

extern const GuestArch x86_64_guest;

enum { CODE = 0x1000, DATA = 0x4000, DATA_SIZE = 1024, STACK_TOP = 0xf000, MEM_SIZE = 0x10000, RUNS = 300 };
enum { ALL_FLAGS = X86_STATUS_FLAGS, CF_OF = X86_CF | X86_OF };

/* A snippet: its bytes in .rodata between NAME and NAME_end. It may use
 * every general register except rsp and r11, and no memory. */
#define SNIPPET(name, text)                       \
    extern const uint8_t name[], name##_end[];    \
    __asm__(".pushsection .rodata\n" #name ":\n" text "\n" #name "_end:\n.popsection\n")

/* native_run(regs[16], code, &rflags): load rax..r15 (not rsp, r11) from
 * regs, call code, store them back and the flags it left. */
__asm__(".text\n"
        "native_run:\n"
        "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
        "  push %rdi\n push %rdx\n"
        "  mov %rsi, %r11\n"
        "  pushq $0x202\n popfq\n"
        "  mov 0(%rdi), %rax\n mov 8(%rdi), %rcx\n mov 16(%rdi), %rdx\n mov 24(%rdi), %rbx\n"
        "  mov 40(%rdi), %rbp\n mov 48(%rdi), %rsi\n"
        "  mov 64(%rdi), %r8\n mov 72(%rdi), %r9\n mov 80(%rdi), %r10\n"
        "  mov 96(%rdi), %r12\n mov 104(%rdi), %r13\n mov 112(%rdi), %r14\n mov 120(%rdi), %r15\n"
        "  mov 56(%rdi), %rdi\n"
        "  call *%r11\n"
        "  pushfq\n"
        "  mov 16(%rsp), %r11\n"
        "  mov %rax, 0(%r11)\n mov %rcx, 8(%r11)\n mov %rdx, 16(%r11)\n mov %rbx, 24(%r11)\n"
        "  mov %rbp, 40(%r11)\n mov %rsi, 48(%r11)\n mov %rdi, 56(%r11)\n"
        "  mov %r8, 64(%r11)\n mov %r9, 72(%r11)\n mov %r10, 80(%r11)\n"
        "  mov %r12, 96(%r11)\n mov %r13, 104(%r11)\n mov %r14, 112(%r11)\n mov %r15, 120(%r11)\n"
        "  pop %rax\n pop %rdx\n mov %rax, (%rdx)\n pop %rdi\n"
        "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
        "  ret\n");
void native_run(uint64_t *regs, const void *code, uint64_t *rflags);

/* ---- the snippets ------------------------------------------------------------ */

/* CF from bit 0 of rdx first, so carry-in and kept-CF paths see both values. */
#define CF_FROM_RDX "bt $0, %rdx\n"
/* All sixteen conditions into the low bytes of r8..r10, r12..r15 and rbp. */
#define ALL_CONDS                                                                             \
    "seto %r8b\n setno %r9b\n setb %r10b\n setae %r12b\n sete %r13b\n setne %r14b\n"          \
    "setbe %r15b\n seta %bpl\n shl $8, %rbp\n shl $8, %r8\n shl $8, %r9\n shl $8, %r10\n shl $8, %r12\n"     \
    "shl $8, %r13\n shl $8, %r14\n shl $8, %r15\n"                                             \
    "sets %r8b\n setns %r9b\n setp %r10b\n setnp %r12b\n setl %r13b\n setge %r14b\n"          \
    "setle %r15b\n setg %bpl\n"

SNIPPET(s_add64, "add %rbx, %rax\n" ALL_CONDS);
SNIPPET(s_add32, "add %ebx, %eax\n" ALL_CONDS);
SNIPPET(s_add16, "add %bx, %ax\n" ALL_CONDS);
SNIPPET(s_add8, "add %bl, %al\n" ALL_CONDS);
SNIPPET(s_add8h, "add %bh, %ah\n" ALL_CONDS);
SNIPPET(s_sub64, "sub %rbx, %rax\n" ALL_CONDS);
SNIPPET(s_sub16, "sub %bx, %ax\n" ALL_CONDS);
SNIPPET(s_cmp32, "cmp %ebx, %eax\n" ALL_CONDS);
SNIPPET(s_cmp8, "cmp %bl, %al\n" ALL_CONDS);
SNIPPET(s_cmp_imm, "cmp $-5, %eax\n" ALL_CONDS);
SNIPPET(s_adc64, CF_FROM_RDX "adc %rbx, %rax\n" ALL_CONDS);
SNIPPET(s_adc8, CF_FROM_RDX "adc %bl, %al\n" ALL_CONDS);
SNIPPET(s_sbb32, CF_FROM_RDX "sbb %ebx, %eax\n" ALL_CONDS);
SNIPPET(s_sbb16, CF_FROM_RDX "sbb %bx, %ax\n" ALL_CONDS);
SNIPPET(s_and32, "and %ebx, %eax\n" ALL_CONDS);
SNIPPET(s_or8, "or %bl, %al\n" ALL_CONDS);
SNIPPET(s_xor64, "xor %rbx, %rax\n" ALL_CONDS);
SNIPPET(s_test16, "test %bx, %ax\n" ALL_CONDS);
SNIPPET(s_test_imm, "test $0x80, %al\n" ALL_CONDS);
SNIPPET(s_inc32, CF_FROM_RDX "inc %eax\n" ALL_CONDS);
SNIPPET(s_dec8, CF_FROM_RDX "dec %al\n" ALL_CONDS);
SNIPPET(s_dec64, CF_FROM_RDX "dec %rax\n" ALL_CONDS);
SNIPPET(s_neg32, "neg %eax\n" ALL_CONDS);
SNIPPET(s_not16, "not %ax\n not %rbx\n");
SNIPPET(s_alu_imm, "add $0x7f, %al\n adc $-2, %bx\n sbb $1000, %ecx\n or $-1, %rdx\n and $0x0f0f, %si\n");
SNIPPET(s_shl32, "shl %cl, %eax\n" ALL_CONDS);
SNIPPET(s_shl8, "shl %cl, %al\n" ALL_CONDS);
SNIPPET(s_shr64, "shr %cl, %rax\n" ALL_CONDS);
SNIPPET(s_shr16, "shr %cl, %ax\n" ALL_CONDS);
SNIPPET(s_sar32, "sar %cl, %eax\n" ALL_CONDS);
SNIPPET(s_sar8, "sar %cl, %bl\n" ALL_CONDS);
SNIPPET(s_shift1, "shl $1, %eax\n seto %r8b\n shr $1, %bx\n seto %r9b\n sar $1, %rdx\n seto %r10b\n rol $1, %esi\n");
SNIPPET(s_shift_imm, "shl $7, %rax\n shr $3, %bx\n sar $31, %edx\n rol $9, %si\n ror $60, %rdi\n");
SNIPPET(s_rol32, CF_FROM_RDX "rol %cl, %eax\n" ALL_CONDS);
SNIPPET(s_ror8, CF_FROM_RDX "ror %cl, %al\n" ALL_CONDS);
SNIPPET(s_rol16, CF_FROM_RDX "rol %cl, %ax\n" ALL_CONDS);
SNIPPET(s_ror64, CF_FROM_RDX "ror %cl, %rax\n" ALL_CONDS);
SNIPPET(s_rcl32, CF_FROM_RDX "rcl %cl, %eax\n" ALL_CONDS);
SNIPPET(s_rcr8, CF_FROM_RDX "rcr %cl, %al\n" ALL_CONDS);
SNIPPET(s_rcl16, CF_FROM_RDX "rcl %cl, %ax\n" ALL_CONDS);
SNIPPET(s_rcr64, CF_FROM_RDX "rcr %cl, %rax\n" ALL_CONDS);
SNIPPET(s_shld32, "shld %cl, %ebx, %eax\n" ALL_CONDS);
SNIPPET(s_shrd64, "shrd %cl, %rbx, %rax\n" ALL_CONDS);
SNIPPET(s_shld16, "shld %cl, %bx, %ax\n");
SNIPPET(s_shrd16, "shrd %cl, %bx, %ax\n" ALL_CONDS);
SNIPPET(s_shrd_imm, "shrd $5, %ebx, %eax\n shld $60, %rsi, %rdi\n");
SNIPPET(s_mul64, "mul %rbx\n setc %r8b\n");
SNIPPET(s_mul8, "mul %bl\n setc %r8b\n");
SNIPPET(s_imul1_32, "imul %ebx\n seto %r8b\n");
SNIPPET(s_imul2_16, "imul %bx, %ax\n seto %r8b\n imul %rsi, %rdi\n seto %r9b\n");
SNIPPET(s_imul3, "imul $-7, %ebx, %eax\n setc %r8b\n imul $100000, %rsi, %rdi\n setc %r9b\n imul $3, %cx, %dx\n");
SNIPPET(s_div32, "div %ebx\n");
SNIPPET(s_idiv64, "idiv %rbx\n");
SNIPPET(s_div8, "div %bl\n");
SNIPPET(s_idiv16, "idiv %bx\n");
SNIPPET(s_bsf, "bsf %ebx, %eax\n setz %r8b\n bsr %rsi, %rdi\n setz %r9b\n");
SNIPPET(s_bsr16, "bsr %bx, %ax\n setz %r8b\n");
SNIPPET(s_tzcnt, "tzcnt %ebx, %eax\n setc %r8b\n setz %r9b\n tzcnt %si, %di\n setc %r10b\n");
SNIPPET(s_lzcnt, "lzcnt %rbx, %rax\n setc %r8b\n setz %r9b\n lzcnt %si, %di\n setc %r10b\n");
SNIPPET(s_popcnt, "popcnt %rbx, %rax\n" ALL_CONDS);
SNIPPET(s_bt, "bt %rcx, %rax\n setc %r8b\n bts %ecx, %ebx\n setc %r9b\n btr %cx, %si\n setc %r10b\n btc $37, %rdi\n setc %r12b\n");
SNIPPET(s_bswap, "bswap %eax\n bswap %rbx\n");
SNIPPET(s_ext, "movsbl %al, %ebp\n movzwq %bx, %rdx\n movswq %si, %r8\n movsbw %dil, %r9w\n movslq %eax, %r10\n movzbl %bh, %ecx\n");
SNIPPET(s_cbw, "cbtw\n cwtl\n cltq\n cqto\n mov %eax, %ebx\n cltd\n");
SNIPPET(s_cwd, "cwtd\n");
SNIPPET(s_cmov, "cmp %rbx, %rax\n cmovl %rsi, %rdi\n cmovbe %ecx, %edx\n cmova %r8w, %r9w\n cmovp %r10, %r12\n");
SNIPPET(s_lea, "lea 12(%rax,%rbx,4), %rcx\n lea -1(%esi,%edi), %edx\n lea (,%rax,8), %r8w\n");
SNIPPET(s_xchg, "xchg %rax, %rbx\n xchg %ecx, %edx\n xchg %sil, %dil\n xchg %r8w, %ax\n");
SNIPPET(s_xadd, "xadd %rax, %rbx\n" ALL_CONDS);
SNIPPET(s_cmpxchg, "cmpxchg %ebx, %ecx\n" ALL_CONDS);
SNIPPET(s_cmpxchg_eq, "mov %rcx, %rax\n cmpxchg %rbx, %rcx\n" ALL_CONDS);
SNIPPET(s_lahf, "cmp %rbx, %rax\n lahf\n mov %ah, %cl\n add %rdx, %rsi\n mov %dl, %ah\n sahf\n" ALL_CONDS);
SNIPPET(s_cmc, CF_FROM_RDX "cmc\n setc %r8b\n stc\n setc %r9b\n clc\n adc %rbx, %rax\n");
SNIPPET(s_loop, "and $15, %ecx\n inc %ecx\n 1: add %rbx, %rax\n loop 1b\n");
SNIPPET(s_jcc, "cmp %ebx, %eax\n jl 1f\n inc %rsi\n 1: test %ecx, %ecx\n js 2f\n inc %rdi\n 2: dec %edx\n jnz 3f\n inc %r8\n 3:\n");
SNIPPET(s_jrcxz, "and $1, %ecx\n jrcxz 1f\n inc %rax\n 1: mov %ebx, %ecx\n jecxz 2f\n inc %rdx\n 2:\n");
SNIPPET(s_movimm, "mov $0x123456789abcdef0, %rax\n mov $-1, %ebx\n mov $5, %cl\n mov $0x7fff, %dx\n movq $-3, %rsi\n");
SNIPPET(s_zero_idiom, "add %rdx, %rcx\n xor %eax, %eax\n sub %bl, %bl\n xor %r8w, %r8w\n" ALL_CONDS);
/* Flags read in the next block: the record goes through X86Cpu. */
#define NEXT_BLOCK "jmp 9f\n 9:\n"
SNIPPET(x_cmp8, "cmp %bl, %al\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_adc32, CF_FROM_RDX "adc %ebx, %eax\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_sbb64, CF_FROM_RDX "sbb %rbx, %rax\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_inc16, CF_FROM_RDX "inc %ax\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_dec32, CF_FROM_RDX "dec %eax\n" NEXT_BLOCK "adc %ebx, %ecx\n" ALL_CONDS);
SNIPPET(x_shl, "shl %cl, %rax\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_sar, "sar $3, %ax\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_rol, "add %rdx, %rsi\n rol %cl, %bx\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_and, "and %rbx, %rax\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_imul, "imul %rbx, %rax\n" NEXT_BLOCK "seto %r8b\n setc %r9b\n");
SNIPPET(x_bt, "cmp %ebx, %eax\n bt %rcx, %rdx\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(x_popf, "pushf\n pop %rcx\n xor %rdx, %rcx\n and $0x8d5, %ecx\n or $0x202, %ecx\n push %rcx\n popf\n" NEXT_BLOCK ALL_CONDS);
SNIPPET(s_mul_chain, "imul %rbx, %rax\n add %rcx, %rax\n sbb %rdx, %rdx\n ror $13, %rax\n xor %rax, %rsi\n");

/* Memory snippets: rbx, rsi and rdi point into a data buffer (natively a
 * host one, under morph guest memory at DATA), compared as offsets. */
#define SMALL_RCX "and $31, %ecx\n"
SNIPPET(m_movs, SMALL_RCX "cld\n rep movsb\n mov %edx, %ecx\n and $7, %ecx\n rep movsl\n");
SNIPPET(m_movs_down, SMALL_RCX "std\n rep movsw\n cld\n movsq\n");
SNIPPET(m_stos, SMALL_RCX "rep stosq\n std\n stosb\n stosw\n cld\n");
SNIPPET(m_lods, "lodsb\n mov %eax, %ecx\n lodsq\n std\n lodsl\n cld\n");
SNIPPET(m_cmps, SMALL_RCX "push %rcx\n push %rsi\n push %rdi\n rep movsb\n pop %rdi\n pop %rsi\n pop %rcx\n"
                "and $15, %edx\n xorb $1, (%rsi,%rdx)\n add $4, %ecx\n repe cmpsb\n" ALL_CONDS);
SNIPPET(m_cmps_ne, SMALL_RCX "repne cmpsw\n" ALL_CONDS);
SNIPPET(m_scas, SMALL_RCX "mov 9(%rdi), %al\n repne scasb\n" ALL_CONDS);
SNIPPET(m_scas_e, SMALL_RCX "mov (%rdi), %eax\n repe scasl\n" ALL_CONDS);
SNIPPET(m_rep0, "xor %ecx, %ecx\n cmp %rax, %rdx\n rep movsb\n repe cmpsb\n" ALL_CONDS);
SNIPPET(m_lock, "lock add %eax, (%rbx)\n lock xadd %rcx, 8(%rbx)\n lock btsq $5, 24(%rbx)\n setc %r8b\n"
                "lock incl 32(%rbx)\n lock negw 40(%rbx)\n xchg %r9, 48(%rbx)\n lock sbb %r10d, 56(%rbx)\n"
                "lock notb 60(%rbx)\n lock orq $-16, 64(%rbx)\n lock decb 72(%rbx)\n" ALL_CONDS);
SNIPPET(m_cmpxchg, "mov 16(%rbx), %eax\n test $1, %ebp\n jz 1f\n inc %eax\n 1: lock cmpxchg %edx, 16(%rbx)\n" ALL_CONDS);
SNIPPET(m_cmpxchg8b, "mov %rbp, %rbx\n mov (%rsi), %eax\n mov 4(%rsi), %edx\n test $1, %ebp\n jz 1f\n inc %edx\n"
                     "1: lock cmpxchg8b (%rsi)\n setz %r8b\n mov %rsi, %rbx\n");
SNIPPET(m_cmpxchg16b, "mov %rbp, %rbx\n mov (%rsi), %rax\n mov 8(%rsi), %rdx\n test $1, %ebp\n jz 1f\n inc %rax\n"
                      "1: lock cmpxchg16b (%rsi)\n setz %r8b\n mov %rsi, %rbx\n");
SNIPPET(m_bt, "and $1023, %ecx\n sub $512, %rcx\n bt %rcx, 128(%rbx)\n setc %r8b\n bts %ecx, 128(%rbx)\n setc %r9b\n"
              "btr %cx, 128(%rbx)\n setc %r10b\n btcl $77, (%rbx)\n setc %r12b\n");
SNIPPET(m_alu, "add (%rbx), %rax\n sub %ecx, 4(%rbx)\n adc 8(%rbx), %dl\n cmpw $7, 12(%rbx)\n"
               "shll %cl, 16(%rbx)\n incq 24(%rbx)\n setle %r9b\n imul 32(%rbx), %r8\n seto %r10b\n");
SNIPPET(m_stack, "push %rax\n push $-3\n pop %rcx\n pop %rdx\n pushq (%rbx)\n popq 8(%rbx)\n pushw $7\n pop %r8w\n"
                 "pushf\n pop %r9\n and $0xcd5, %r9\n");
SNIPPET(m_call, "call 1f\n jmp 2f\n 1: inc %rax\n ret\n 2: lea 3f(%rip), %rcx\n push %rcx\n ret $0\n 3: inc %rdx\n xor %ecx, %ecx\n");
SNIPPET(m_enter, "push %rbp\n mov %rsp, %rbp\n enter $24, $0\n mov %rbp, %rcx\n sub %rsp, %rcx\n leave\n enter $8, $3\n mov %rbp, %rdx\n sub %rsp, %rdx\n leave\n pop %rbp\n");
SNIPPET(m_xlat, "xlat\n mov %eax, %ecx\n movbe 8(%rbx), %rdx\n movbe %edx, 20(%rbx)\n movbe 2(%rbx), %r9w\n movbe %r10w, 30(%rbx)\n");
SNIPPET(m_movs_ext, "movsbq 3(%rbx), %rax\n movzwl 6(%rbx), %ecx\n movslq 12(%rbx), %rdx\n cmovz 16(%rbx), %r8\n setnz 40(%rbx)\n");

typedef struct X86Case {
    const char *name;
    const uint8_t *start, *end;
    uint32_t flags;                /* the status flags the snippet defines at its end */
    void (*fixup)(uint64_t *regs); /* keep inputs in the domain the snippet is defined on */
    bool memory;                   /* rbx, rsi, rdi point into the data buffer */
} X86Case;

static void no_zero_divisor(uint64_t *r, unsigned size)
{
    uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    if ((r[3] & mask) == 0)
        r[3] |= 1;
}

/* Unsigned: the high half below the divisor, so the quotient fits. */
static void div32_fix(uint64_t *r)
{
    no_zero_divisor(r, 4);
    r[2] = (uint32_t)r[2] % (uint32_t)r[3];
}

static void div8_fix(uint64_t *r)
{
    no_zero_divisor(r, 1);
    r[0] = (r[0] & ~0xffffull) | ((((r[0] >> 8) & 0xff) % (r[3] & 0xff)) << 8) | (r[0] & 0xff);
}

/* Signed: a dividend that is the sign extension of a half-width value. */
static void idiv64_fix(uint64_t *r)
{
    no_zero_divisor(r, 8);
    r[0] = (uint64_t)(int64_t)(int32_t)r[0];
    r[2] = (int64_t)r[0] < 0 ? ~0ull : 0;
    if (r[3] == ~0ull)
        r[3] = 3;
}

static void idiv16_fix(uint64_t *r)
{
    no_zero_divisor(r, 2);
    int16_t a = (int8_t)r[0];
    r[0] = (r[0] & ~0xffffull) | (uint16_t)a;
    r[2] = (r[2] & ~0xffffull) | (a < 0 ? 0xffff : 0);
    if ((r[3] & 0xffff) == 0xffff)
        r[3] = 5;
}

/* Counts 0..63 with 0, 1 and width-sized values common. */
static void small_count(uint64_t *r)
{
    static const uint8_t interesting[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63};
    r[1] = (r[1] & 1) ? interesting[(r[1] >> 1) % sizeof(interesting)] : r[1] & 0xff;
}

#define CASE(name, flags, fixup) {#name, name, name##_end, flags, fixup, false}
#define MEM_CASE(name, flags) {#name, name, name##_end, flags, NULL, true}
static const X86Case cases[] = {
    CASE(s_add64, ALL_FLAGS, NULL),    CASE(s_add32, ALL_FLAGS, NULL),     CASE(s_add16, ALL_FLAGS, NULL),
    CASE(s_add8, ALL_FLAGS, NULL),     CASE(s_add8h, ALL_FLAGS, NULL),     CASE(s_sub64, ALL_FLAGS, NULL),
    CASE(s_sub16, ALL_FLAGS, NULL),    CASE(s_cmp32, ALL_FLAGS, NULL),     CASE(s_cmp8, ALL_FLAGS, NULL),
    CASE(s_cmp_imm, ALL_FLAGS, NULL),  CASE(s_adc64, ALL_FLAGS, NULL),     CASE(s_adc8, ALL_FLAGS, NULL),
    CASE(s_sbb32, ALL_FLAGS, NULL),    CASE(s_sbb16, ALL_FLAGS, NULL),     CASE(s_and32, ALL_FLAGS & ~X86_AF, NULL),
    CASE(s_or8, ALL_FLAGS & ~X86_AF, NULL), CASE(s_xor64, ALL_FLAGS & ~X86_AF, NULL),
    CASE(s_test16, ALL_FLAGS & ~X86_AF, NULL), CASE(s_test_imm, ALL_FLAGS & ~X86_AF, NULL),
    CASE(s_inc32, ALL_FLAGS, NULL),    CASE(s_dec8, ALL_FLAGS, NULL),      CASE(s_dec64, ALL_FLAGS, NULL),
    CASE(s_neg32, ALL_FLAGS, NULL),    CASE(s_not16, 0, NULL),             CASE(s_alu_imm, ALL_FLAGS & ~X86_AF, NULL),
    CASE(s_shl32, ALL_FLAGS & ~X86_AF, small_count), CASE(s_shl8, ALL_FLAGS & ~(X86_AF | X86_CF | X86_OF), small_count),
    CASE(s_shr64, ALL_FLAGS & ~X86_AF, small_count), CASE(s_shr16, ALL_FLAGS & ~(X86_AF | X86_CF | X86_OF), small_count),
    CASE(s_sar32, ALL_FLAGS & ~X86_AF, small_count), CASE(s_sar8, ALL_FLAGS & ~(X86_AF | X86_CF | X86_OF), small_count),
    CASE(s_shift1, ALL_FLAGS, NULL),   CASE(s_shift_imm, 0, NULL),
    CASE(s_rol32, ALL_FLAGS, small_count), CASE(s_ror8, ALL_FLAGS, small_count),
    CASE(s_rol16, ALL_FLAGS, small_count), CASE(s_ror64, ALL_FLAGS, small_count),
    CASE(s_rcl32, ALL_FLAGS, small_count), CASE(s_rcr8, ALL_FLAGS, small_count),
    CASE(s_rcl16, ALL_FLAGS, small_count), CASE(s_rcr64, ALL_FLAGS, small_count),
    CASE(s_shld32, ALL_FLAGS & ~X86_AF, small_count), CASE(s_shrd64, ALL_FLAGS & ~X86_AF, small_count),
    CASE(s_shld16, 0, NULL), CASE(s_shrd16, X86_ZF | X86_SF | X86_PF, NULL),           CASE(s_shrd_imm, 0, NULL),
    CASE(s_mul64, CF_OF, NULL),        CASE(s_mul8, CF_OF, NULL),          CASE(s_imul1_32, CF_OF, NULL),
    CASE(s_imul2_16, CF_OF, NULL),     CASE(s_imul3, 0, NULL),
    CASE(s_div32, 0, div32_fix),       CASE(s_idiv64, 0, idiv64_fix),      CASE(s_div8, 0, div8_fix),
    CASE(s_idiv16, 0, idiv16_fix),
    CASE(s_bsf, X86_ZF, NULL),         CASE(s_bsr16, X86_ZF, NULL),        CASE(s_tzcnt, X86_CF | X86_ZF, NULL),
    CASE(s_lzcnt, X86_CF | X86_ZF, NULL), CASE(s_popcnt, ALL_FLAGS, NULL), CASE(s_bt, X86_CF, NULL),
    CASE(s_bswap, 0, NULL),            CASE(s_ext, 0, NULL),               CASE(s_cbw, 0, NULL),
    CASE(s_cwd, 0, NULL),              CASE(s_cmov, ALL_FLAGS, NULL),      CASE(s_lea, 0, NULL),
    CASE(s_xchg, 0, NULL),             CASE(s_xadd, ALL_FLAGS, NULL),      CASE(s_cmpxchg, ALL_FLAGS, NULL),
    CASE(s_cmpxchg_eq, ALL_FLAGS, NULL), CASE(s_lahf, ALL_FLAGS, NULL),    CASE(s_cmc, ALL_FLAGS, NULL),
    CASE(s_loop, ALL_FLAGS, NULL),     CASE(s_jcc, ALL_FLAGS, NULL),       CASE(s_jrcxz, 0, NULL),
    CASE(s_movimm, 0, NULL),           CASE(s_mul_chain, 0, NULL),
    CASE(x_cmp8, ALL_FLAGS, NULL),     CASE(x_adc32, ALL_FLAGS, NULL),     CASE(x_sbb64, ALL_FLAGS, NULL),
    CASE(x_inc16, ALL_FLAGS, NULL),    CASE(x_dec32, ALL_FLAGS, NULL),
    CASE(x_shl, ALL_FLAGS & ~X86_AF, small_count), CASE(x_sar, ALL_FLAGS & ~X86_AF, NULL),
    CASE(x_rol, ALL_FLAGS, small_count), CASE(x_and, ALL_FLAGS & ~X86_AF, NULL), CASE(x_imul, CF_OF, NULL),
    CASE(x_bt, X86_CF | X86_ZF, NULL), CASE(x_popf, ALL_FLAGS, NULL), CASE(s_zero_idiom, ALL_FLAGS, NULL),
    MEM_CASE(m_movs, 0),               MEM_CASE(m_movs_down, 0),           MEM_CASE(m_stos, 0),
    MEM_CASE(m_lods, 0),               MEM_CASE(m_cmps, ALL_FLAGS),        MEM_CASE(m_cmps_ne, ALL_FLAGS),
    MEM_CASE(m_scas, ALL_FLAGS),       MEM_CASE(m_scas_e, ALL_FLAGS),      MEM_CASE(m_rep0, ALL_FLAGS),
    MEM_CASE(m_lock, ALL_FLAGS),       MEM_CASE(m_cmpxchg, ALL_FLAGS),     MEM_CASE(m_cmpxchg8b, 0),
    MEM_CASE(m_cmpxchg16b, 0),         MEM_CASE(m_bt, 0),                  MEM_CASE(m_alu, CF_OF),
    MEM_CASE(m_stack, 0),              MEM_CASE(m_call, 0),                MEM_CASE(m_enter, 0),
    MEM_CASE(m_xlat, 0),               MEM_CASE(m_movs_ext, 0),
};

/* ---- running ------------------------------------------------------------------ */

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

static void machine_init(Machine *m, const Backend *backend)
{
    m->mem = g_malloc0(MEM_SIZE + 4096);
    m->cpu = g_malloc0(sizeof(X86Cpu));
    x86_64_guest.cpu_init(&m->cpu->common);
    m->cpu->common.arch = &x86_64_guest;
    m->cpu->common.guest_base = m->mem;
    EngineOptions opt = {.backend = backend, .optimize = true, .fetch = test_fetch};
    m->engine = engine_new(&x86_64_guest, &opt);
    engine_attach_cpu(m->engine, &m->cpu->common);
}

static void machine_free(Machine *m)
{
    engine_free(m->engine);
    g_free(m->cpu);
    g_free(m->mem);
}

/* Random values with a bias toward the edges flags care about. */
static uint64_t random_value(GRand *r)
{
    static const uint64_t edges[] = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
                                     0x80000000, 0xffffffff, 0x7fffffffffffffff, 0x8000000000000000,
                                     ~0ull};
    uint64_t v = (uint64_t)g_rand_int(r) << 32 | g_rand_int(r);
    switch (g_rand_int_range(r, 0, 4)) {
    case 0: return edges[g_rand_int_range(r, 0, G_N_ELEMENTS(edges))];
    case 1: return v & 0xff;
    default: return v;
    }
}

static const char *const reg_names[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                          "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};

/* Offsets into the data buffer of the pointer registers of a memory case. */
static void pointer_offsets(GRand *rand, uint64_t *in)
{
    in[X86_RBX] = 16 * (uint64_t)g_rand_int_range(rand, 0, 16);
    in[X86_RSI] = 256 + 16 * (uint64_t)g_rand_int_range(rand, 0, 8);
    in[X86_RDI] = 640 + 16 * (uint64_t)g_rand_int_range(rand, 0, 8);
}

static bool is_pointer(const X86Case *c, int r)
{
    return c->memory && (r == X86_RBX || r == X86_RSI || r == X86_RDI);
}

static void fail_case(const X86Case *c, int run, const char *what, uint64_t got, uint64_t want, const uint64_t *in)
{
    g_error("%s run %d: %s = 0x%llx, host 0x%llx (rax 0x%llx rbx 0x%llx rcx 0x%llx rdx 0x%llx)", c->name, run,
            what, (unsigned long long)got, (unsigned long long)want, (unsigned long long)in[0],
            (unsigned long long)in[3], (unsigned long long)in[1], (unsigned long long)in[2]);
}

static void run_case(Machine *m, const X86Case *c, uint8_t *native_code, uint8_t *native_data, GRand *rand)
{
    size_t len = (size_t)(c->end - c->start);
    memcpy(m->mem + CODE, c->start, len);
    m->mem[CODE + len] = 0xcc; /* int3 */
    memcpy(native_code, c->start, len);
    native_code[len] = 0xc3;   /* ret */
    uint8_t *guest_data = m->mem + DATA;
    for (int run = 0; run < RUNS; run++) {
        uint64_t in[16];
        for (int r = 0; r < 16; r++)
            in[r] = random_value(rand);
        if (c->fixup)
            c->fixup(in);
        if (c->memory)
            pointer_offsets(rand, in);
        for (int k = 0; k < DATA_SIZE; k++)
            native_data[k] = guest_data[k] = (uint8_t)g_rand_int(rand);

        uint64_t native[16], native_flags = 0;
        for (int r = 0; r < 16; r++)
            native[r] = in[r] + (is_pointer(c, r) ? (uint64_t)(uintptr_t)native_data : 0);
        native_run(native, native_code, &native_flags);

        for (int r = 0; r < 16; r++)
            m->cpu->regs[r] = in[r] + (is_pointer(c, r) ? DATA : 0);
        m->cpu->regs[X86_RSP] = STACK_TOP;
        x86_put_eflags(m->cpu, 0x202, ~0u);
        m->cpu->common.pc = CODE;
        ExitReason why = cpu_exec(&m->cpu->common);
        if (why != EXIT_TRAP || m->cpu->common.pc != CODE + len + 1)
            g_error("%s: exit %d at pc 0x%llx", c->name, why, (unsigned long long)m->cpu->common.pc);
        for (int r = 0; r < 16; r++) {
            if (r == X86_RSP || r == X86_R11)
                continue;
            uint64_t got = m->cpu->regs[r] - (is_pointer(c, r) ? DATA : 0);
            uint64_t want = native[r] - (is_pointer(c, r) ? (uint64_t)(uintptr_t)native_data : 0);
            if (got != want)
                fail_case(c, run, reg_names[r], got, want, in);
        }
        uint32_t got = x86_get_eflags(m->cpu) & c->flags, want = (uint32_t)native_flags & c->flags;
        if (got != want)
            fail_case(c, run, "flags", got, want, in);
        for (int k = 0; k < DATA_SIZE; k++) {
            if (guest_data[k] != native_data[k])
                fail_case(c, run, "data byte", k, native_data[k], in);
        }
    }
}

static void run_all(const Backend *backend)
{
    Machine m;
    machine_init(&m, backend);
    uint8_t *native_code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(native_code != MAP_FAILED);
    uint8_t *native_data = g_aligned_alloc0(DATA_SIZE, 1, 64);
    GRand *rand = g_rand_new_with_seed(12345);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        engine_flush(m.engine); /* the code at CODE changed */
        run_case(&m, &cases[i], native_code, native_data, rand);
    }
    g_aligned_free(native_data);
    g_rand_free(rand);
    munmap(native_code, 4096);
    machine_free(&m);
}

static void test_snippets_jit(void)
{
    run_all(NULL);
}

static void test_snippets_interp(void)
{
    const Backend *interp = backend_by_name("interp");
    g_assert_nonnull(interp);
    run_all(interp);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/int/snippets/default", test_snippets_jit);
    g_test_add_func("/x86/int/snippets/interp", test_snippets_interp);
    return g_test_run();
}
